//go:build mutationdetector

package store

import (
	"strings"
	"testing"

	"rolloutlab/engine/api"
)

// The rule the store's sharing rests on — callers copy before they change, and nothing changes
// what a stored object's maps, slices or pointers refer to — is checked: each kind of broken
// rule is caught on the next write that touches the object or in a sweep, and a check (as
// VerifyAll runs at the end of every engine package's tests) names the object.
func TestMutationDetectorCatchesInPlaceChanges(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(stored *api.Deployment)
	}{
		{"a field of the stored object", func(d *api.Deployment) { d.Status.ObservedGeneration = 7 }},
		{"a map a shallow copy shares", func(d *api.Deployment) {
			cp := *d // a shallow copy shares Labels with the stored object
			cp.Labels["team"] = "b"
		}},
		{"behind a pointer a copy shares", func(d *api.Deployment) {
			cp := *d
			*cp.Spec.Replicas = 9
		}},
		// The kubelet's and scheduler's condition memos (kubelet/shared.go) take the same list
		// for the same conditions.
		{"an element of a list a copy shares", func(d *api.Deployment) {
			cp := *d
			cp.Status.Conditions[0].Status = api.ConditionFalse
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newStore()
			d := deployment("web")
			d.Labels = map[string]string{"team": "a"}
			d.Spec.Replicas = api.Ptr(int32(2))
			d.Status.Conditions = []api.DeploymentCondition{{Type: api.DeploymentAvailable, Status: api.ConditionTrue}}
			if err := s.Create(d); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { clear(s.md.fp) }) // the broken store must not fail VerifyAll at the end
			if err := s.VerifyUnchanged(); err != nil {
				t.Fatalf("nothing changed yet: %v", err)
			}
			c.mutate(s.Get(api.KindDeployment, "default", "web").(*api.Deployment))
			err := s.VerifyUnchanged()
			if err == nil || !strings.Contains(err.Error(), "Deployment default/web") || !strings.Contains(err.Error(), "changed in place") {
				t.Fatalf("VerifyAll: %v", err)
			}
			// The next write of the object panics with the same message.
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(error).Error(), "Deployment default/web") {
					t.Fatalf("the write after the change did not panic: %v", r)
				}
			}()
			cp := s.Get(api.KindDeployment, "default", "web").(*api.Deployment).DeepCopy()
			cp.Status.Replicas = 1
			_ = s.UpdateStatus(cp)
		})
	}
}

// Writes through the rules (copy, change the copy, write it) pass, however many.
func TestMutationDetectorPassesCopies(t *testing.T) {
	s := newStore()
	if err := s.Create(deployment("web")); err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		cp := s.Get(api.KindDeployment, "default", "web").(*api.Deployment).DeepCopy()
		cp.Status.ObservedGeneration = int64(i)
		if err := s.UpdateStatus(cp); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.VerifyUnchanged(); err != nil {
		t.Fatal(err)
	}
}
