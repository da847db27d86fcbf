package store

import (
	"slices"
	"testing"

	"rolloutlab/engine/api"
)

// The API server's deletion of an object with finalizers (registry store
// updateForGracefulDeletionAndFinalizers and markAsDeleting): propagationPolicy=Foreground adds
// the foregroundDeletion finalizer, Background removes it, and an object left with finalizers
// is only marked (deletionTimestamp now, deletionGracePeriodSeconds 0, generation + 1 once);
// an update that removes the last finalizer of a marked object deletes it.
func TestDeleteWithFinalizers(t *testing.T) {
	cases := []struct {
		fact     string
		initial  []string // the Deployment's finalizers when created
		deletes  []Propagation
		wantFins []string // nil: the object is gone
		wantGen  int64
	}{
		{"a background delete of an object without finalizers removes it at once", nil,
			[]Propagation{PropagateBackground}, nil, 0},
		{"a foreground delete adds foregroundDeletion, marks the object and bumps its generation", nil,
			[]Propagation{PropagateForeground}, []string{FinalizerForeground}, 2},
		{"a second foreground delete changes nothing (generation bumps only the first time)", nil,
			[]Propagation{PropagateForeground, PropagateForeground}, []string{FinalizerForeground}, 2},
		{"a background delete of an object being deleted in the foreground drops the finalizer, and with none left it goes", nil,
			[]Propagation{PropagateForeground, PropagateBackground}, nil, 0},
		{"another finalizer holds the object on a background delete", []string{"example.com/hold"},
			[]Propagation{PropagateBackground}, []string{"example.com/hold"}, 2},
		{"foregroundDeletion is appended after the object's own finalizers", []string{"example.com/hold"},
			[]Propagation{PropagateForeground}, []string{"example.com/hold", FinalizerForeground}, 2},
		{"a delete without a policy (a controller's) keeps the finalizers as they are", []string{"example.com/hold"},
			[]Propagation{PropagateUnset}, []string{"example.com/hold"}, 2},
	}
	for _, c := range cases {
		t.Run(c.fact, func(t *testing.T) {
			s := newStore()
			d := deployment("web")
			if c.initial != nil {
				d.MetaUnused = &api.MetaUnused{Finalizers: c.initial}
			}
			if err := s.Create(d); err != nil {
				t.Fatal(err)
			}
			for _, p := range c.deletes {
				if _, err := s.DeletePropagating(api.KindDeployment, "default", "web", -1, p); err != nil {
					t.Fatal(err)
				}
			}
			got := s.Get(api.KindDeployment, "default", "web")
			if c.wantFins == nil {
				if got != nil {
					t.Fatalf("still stored: %+v", got.Meta())
				}
				return
			}
			if got == nil {
				t.Fatal("deleted, want it kept (marked)")
			}
			m := got.Meta()
			if m.DeletionTimestamp == nil || !m.DeletionTimestamp.Equal(s.Clock().Now()) {
				t.Errorf("deletionTimestamp %v, want now", m.DeletionTimestamp)
			}
			if m.DeletionGracePeriodSeconds == nil || *m.DeletionGracePeriodSeconds != 0 {
				t.Errorf("deletionGracePeriodSeconds %v, want 0", m.DeletionGracePeriodSeconds)
			}
			if !slices.Equal(m.Finalizers(), c.wantFins) {
				t.Errorf("finalizers %q, want %q", m.Finalizers(), c.wantFins)
			}
			if m.Generation != c.wantGen {
				t.Errorf("generation %d, want %d", m.Generation, c.wantGen)
			}
		})
	}
}

// Removing the last finalizer of a marked object deletes it (a Deleted event follows the
// update); removing one of two keeps it marked.
func TestUpdateRemovingLastFinalizerDeletes(t *testing.T) {
	s := newStore()
	d := deployment("web")
	d.MetaUnused = &api.MetaUnused{Finalizers: []string{"a.io/x", "b.io/y"}}
	if err := s.Create(d); err != nil {
		t.Fatal(err)
	}
	var deleted int
	s.Watch(func(ev WatchEvent) {
		if ev.Type == Deleted {
			deleted++
		}
	}, api.KindDeployment)
	if _, err := s.Delete(api.KindDeployment, "default", "web", -1); err != nil {
		t.Fatal(err)
	}
	for i, fins := range [][]string{{"b.io/y"}, nil} {
		cp := s.Get(api.KindDeployment, "default", "web").(*api.Deployment).DeepCopy()
		cp.MetaUnused.Finalizers = fins
		if err := s.Update(cp); err != nil {
			t.Fatal(err)
		}
		gone := s.Get(api.KindDeployment, "default", "web") == nil
		if want := i == 1; gone != want || deleted != i {
			t.Fatalf("after leaving finalizers %q: gone %v, %d Deleted events; want gone %v", fins, gone, deleted, want)
		}
	}
}
