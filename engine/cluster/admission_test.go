package cluster

import (
	"slices"
	"testing"

	"rolloutlab/engine/api"
)

// DefaultTolerationSeconds adds the not-ready and unreachable NoExecute tolerations (300 s)
// unless the pod has them, after the pod's own.
func TestAdmissionAddsDefaultTolerations(t *testing.T) {
	custom := api.Toleration{Key: "dedicated", Operator: "Equal", Value: "web", Effect: "NoSchedule"}
	own := api.Toleration{Key: "node.kubernetes.io/not-ready", Operator: "Exists", Effect: "NoExecute", TolerationSeconds: api.Ptr(int64(5))}
	for _, c := range []struct {
		name string
		have []api.Toleration
		want []string // keys, in order
	}{
		{"none", nil, []string{"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}},
		{"one of its own", []api.Toleration{custom}, []string{"dedicated", "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}},
		{"its own not-ready", []api.Toleration{own}, []string{"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}},
	} {
		cl := New(Options{Seed: 1})
		for i := range 2 { // the second pod must not see what the first one got
			p := &api.Pod{ObjectMeta: api.ObjectMeta{Name: c.name + string(rune('a'+i))},
				Spec: &api.PodSpec{Containers: []api.Container{{Name: "c", Image: "nginx"}}, Tolerations: slices.Clone(c.have)}}
			if err := cl.Store.Create(p); err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, tl := range p.Spec.Tolerations {
				keys = append(keys, tl.Key)
			}
			if !slices.Equal(keys, c.want) {
				t.Errorf("%s: tolerations %v, want %v", c.name, keys, c.want)
			}
			if c.name == "its own not-ready" && *p.Spec.Tolerations[0].TolerationSeconds != 5 {
				t.Errorf("the pod's own toleration was replaced")
			}
		}
	}
}

// Pods of a template share its lists (nothing changes what a stored object refers to), so
// admission must add its tolerations, token volume and mounts to lists of the pod's own, even
// when the template's have room to spare.
func TestAdmissionLeavesTheTemplatesListsAlone(t *testing.T) {
	tolerations := append(make([]api.Toleration, 0, 8), api.Toleration{Key: "dedicated", Operator: "Exists"})
	volumes := append(make([]api.Volume, 0, 8), api.Volume{Name: "data"})
	mounts := append(make([]api.VolumeMount, 0, 8), api.VolumeMount{Name: "data", MountPath: "/data"})
	template := api.PodSpec{Tolerations: tolerations, Volumes: volumes,
		Containers: []api.Container{{Name: "c", Image: "nginx", VolumeMounts: mounts}, {Name: "d", Image: "redis"}}}
	cl := New(Options{Seed: 1})
	var pods []*api.Pod
	for _, name := range []string{"a", "b"} {
		spec := template // as the ReplicaSet controller does: its own containers, shared lists
		spec.Containers = slices.Clone(template.Containers)
		p := &api.Pod{ObjectMeta: api.ObjectMeta{Name: name}, Spec: &spec}
		if err := cl.Store.Create(p); err != nil {
			t.Fatal(err)
		}
		pods = append(pods, p)
	}
	if len(tolerations[:cap(tolerations)][1].Key) != 0 || volumes[:2][1].Name != "" || mounts[:2][1].Name != "" {
		t.Fatal("admission wrote into the room of the template's lists")
	}
	a, b := pods[0].Spec, pods[1].Spec
	if a.Volumes[1].Name == b.Volumes[1].Name || a.Containers[0].VolumeMounts[1].Name != a.Volumes[1].Name ||
		b.Containers[1].VolumeMounts[0].Name != b.Volumes[1].Name || len(a.Tolerations) != 3 || len(b.Tolerations) != 3 {
		t.Fatalf("pods' lists: %+v / %+v", a, b)
	}
}
