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
