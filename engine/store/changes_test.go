package store

import (
	"testing"

	"rolloutlab/engine/api"
)

// Changes serves a watcher as the API server's watch cache does: every write after the
// resourceVersion it asks from, oldest first, and "too old" (as 410 Gone) once the writes it
// missed were forgotten, so that it lists again.
func TestChangesSinceAResourceVersion(t *testing.T) {
	s := newStore()
	if err := s.Create(deployment("before")); err != nil {
		t.Fatal(err)
	}
	since, ok := s.Track(api.KindDeployment)
	if !ok {
		t.Fatal("Deployments are kept in the store, so their writes can be tracked")
	}
	for _, name := range []string{"a", "b"} {
		if err := s.Create(deployment(name)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Delete(api.KindDeployment, "default", "a", 0); err != nil {
		t.Fatal(err)
	}
	got, ok := s.Changes(api.KindDeployment, since)
	want := []string{"a", "b", "a"}
	if !ok || len(got) != len(want) {
		t.Fatalf("changes %+v ok=%v, want writes to %v", got, ok, want)
	}
	for i, c := range got {
		if c.Name != want[i] || (i > 0 && c.RV <= got[i-1].RV) {
			t.Fatalf("changes %+v, want writes to %v in resourceVersion order", got, want)
		}
	}
	if rest, _ := s.Changes(api.KindDeployment, got[1].RV); len(rest) != 1 || rest[0].Name != "a" {
		t.Fatalf("after the second write: %+v", rest)
	}
	for i := 0; i < maxChanges; i++ {
		d := s.Get(api.KindDeployment, "default", "b").(*api.Deployment).DeepCopy()
		d.Status.Replicas = int32(i % 7)
		if err := s.UpdateStatus(d); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := s.Changes(api.KindDeployment, since); ok {
		t.Fatal("a watcher behind the writes kept must be told to list again")
	}
	if c, ok := s.Changes(api.KindDeployment, s.ResourceVersion()-1); !ok || len(c) != 1 {
		t.Fatalf("a watcher one write behind gets that write: %+v %v", c, ok)
	}
}
