package api

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The Go allocator handles objects of up to 512 bytes without a type header, and a busy
// session writes an Event for every pod transition: keep Event within that size.
func TestEventFitsTheAllocatorsSmallSize(t *testing.T) {
	if n := reflect.TypeFor[Event]().Size(); n > 512 {
		t.Fatalf("Event is %d bytes", n)
	}
}

// Status writes copy a whole Pod, tens of thousands in a large rollout: keep it within the
// allocator's 384-byte size class (metadata and status fields the simulator never sets live
// behind pointers).
func TestPodFitsTheAllocatorsSmallSize(t *testing.T) {
	if n := reflect.TypeFor[Pod]().Size(); n > 384 {
		t.Fatalf("Pod is %d bytes", n)
	}
}

// The metadata and status fields kept behind pointers still decode strictly and print where
// they were.
func TestMetaAndStatusUnusedFieldsRoundTrip(t *testing.T) {
	in := "apiVersion: v1\nkind: Pod\nmetadata:\n  finalizers:\n  - example.com/keep\n  name: p\n  selfLink: /api/v1/p\nspec:\n  containers:\n  - image: nginx\n    name: c\n" +
		"status:\n  message: Pod was rejected\n  nominatedNodeName: node-2\n  phase: Running\n  reason: Evicted\n  resize: InProgress\n  resourceClaimStatuses:\n  - name: gpu\n"
	p := decodePod(t, in)
	if p.Status.PodStatusUnused == nil || p.Status.Resize() != "InProgress" || len(p.Status.ResourceClaimStatuses()) != 1 || p.Status.NominatedNodeName() != "node-2" || p.Status.Reason() != "Evicted" || p.Status.Message() != "Pod was rejected" {
		t.Fatalf("status: %+v", p.Status)
	}
	if p.MetaUnused == nil || len(p.Finalizers()) != 1 || p.SelfLink() != "/api/v1/p" {
		t.Fatalf("metadata: %+v", p.ObjectMeta)
	}
	printsAll(t, p, "apiVersion: v1\n", "kind: Pod\n", "  finalizers:\n  - example.com/keep\n", "  selfLink: /api/v1/p\n",
		"  nominatedNodeName: node-2\n", "  reason: Evicted\n", "  resize: InProgress\n", "  resourceClaimStatuses:\n  - name: gpu\n")
	if p2 := (&Pod{Spec: &PodSpec{}}); strings.Contains(mustYAML(t, p2), "resize") || strings.Contains(mustYAML(t, p2), "finalizers") {
		t.Error("a pod without the unused fields prints them")
	}
}

// decodePod decodes a single pod strictly, without warnings.
func decodePod(t *testing.T, in string) *Pod {
	t.Helper()
	objs, warnings, err := DecodeObjects([]byte(in), Strict)
	if err != nil || len(warnings) > 0 || len(objs) != 1 {
		t.Fatalf("decode: %v %v", err, warnings)
	}
	return objs[0].(*Pod)
}

// printsAll checks that o's YAML contains each of wants.
func printsAll(t *testing.T, o Object, wants ...string) {
	t.Helper()
	out := mustYAML(t, o)
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("encoded %s lacks %q:\n%s", o.ObjectKind(), want, out)
		}
	}
}

func mustYAML(t *testing.T, o Object) string {
	b, err := EncodeYAML(o)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The pod spec fields kept behind a pointer decode strictly, print, and are validated where
// the apiserver does.
func TestPodSpecUnusedFields(t *testing.T) {
	manifest := func(extra string) string {
		return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n" +
			"  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n" + extra +
			"      containers:\n      - image: nginx\n        name: c\n"
	}
	objs, warnings, err := DecodeObjects([]byte(manifest("      hostAliases:\n      - ip: 10.0.0.1\n        hostnames: [db]\n      hostPID: true\n")), Strict)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("decode: %v %v", err, warnings)
	}
	d := objs[0].(*Deployment)
	if u := d.Spec.Template.Spec.PodSpecUnused; u == nil || !u.HostPID || len(u.HostAliases) != 1 {
		t.Fatalf("spec: %+v", d.Spec.Template.Spec)
	}
	if y := mustYAML(t, d); !strings.Contains(y, "      hostAliases:\n      - hostnames:\n        - db\n        ip: 10.0.0.1\n      hostPID: true\n") {
		t.Errorf("encoded:\n%s", y)
	}
	objs, _, err = DecodeObjects([]byte(manifest("      ephemeralContainers:\n      - name: debug\n")), Strict)
	if err != nil {
		t.Fatal(err)
	}
	SetDefaultsDeployment(objs[0].(*Deployment))
	errs := ValidateDeployment(objs[0].(*Deployment))
	if len(errs) == 0 || !strings.Contains(fmt.Sprint(errs), "ephemeral containers not allowed in pod template") {
		t.Errorf("ephemeral containers in a template: %v", errs)
	}
}

// The API server keeps timestamps in whole seconds; Stamp must equal Truncate, location and
// all, for any virtual instant.
func TestStampIsTruncateToTheSecond(t *testing.T) {
	base := time.Date(2026, time.November, 27, 9, 0, 0, 0, time.UTC)
	for _, d := range []time.Duration{0, 1, time.Second - 1, time.Second, 1500 * time.Millisecond, 90*time.Minute + 999*time.Millisecond} {
		in := base.Add(d)
		if got, want := Stamp(in), NewTime(in.Truncate(time.Second)); got != want {
			t.Errorf("Stamp(%v) = %v, want %v", in, got, want)
		}
	}
}

// A scale write changes size and annotations only: the copy owns those, and shares the
// template (its pods keep sharing the template's label map).
func TestCopyForScaleOwnsSizeAndMetadata(t *testing.T) {
	rs := &ReplicaSet{ObjectMeta: ObjectMeta{Name: "web", Annotations: map[string]string{"a": "1"}}}
	rs.Spec.Replicas = Ptr(int32(3))
	rs.Spec.Template.Labels = map[string]string{"app": "web"}
	cp := rs.CopyForScale()
	*cp.Spec.Replicas = 5
	cp.Annotations["a"] = "2"
	if *rs.Spec.Replicas != 3 || rs.Annotations["a"] != "1" {
		t.Fatalf("the original changed: replicas %d, annotations %v", *rs.Spec.Replicas, rs.Annotations)
	}
	cp.Spec.Template.Labels["shared"] = "yes"
	if rs.Spec.Template.Labels["shared"] != "yes" {
		t.Fatal("the template's labels are not shared")
	}
}

// Spec and container fields kept behind pointers decode strictly, print, and are shared by
// copies of a pod whose containers are copied (the ReplicaSet controller's).
func TestSpecAndContainerUnusedFieldsRoundTrip(t *testing.T) {
	in := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  affinity:\n    nodeAffinity: {}\n  containers:\n" +
		"  - image: nginx\n    name: c\n    tty: true\n    workingDir: /srv\n  imagePullSecrets:\n  - name: regcred\n"
	p := decodePod(t, in)
	if c := p.Spec.Containers[0]; c.ContainerUnused == nil || c.WorkingDir() != "/srv" || !c.TTY() || len(p.Spec.ImagePullSecrets()) != 1 || p.Spec.Affinity() == nil {
		t.Fatalf("spec: %+v", p.Spec)
	}
	printsAll(t, p, "  affinity:\n    nodeAffinity: {}\n", "    tty: true\n", "    workingDir: /srv\n", "  imagePullSecrets:\n  - name: regcred\n")
	if _, _, err := DecodeObjects([]byte(strings.Replace(in, "tty: true", "tty: yes-please", 1)), Strict); err == nil {
		t.Error("a container field behind the pointer is not type-checked")
	}
}
