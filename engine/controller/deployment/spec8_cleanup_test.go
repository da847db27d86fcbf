package deployment

import (
	"math"
	"reflect"
	"sort"
	"testing"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
)

// §8.6 T52–T62: cleanupDeployment deletes old ReplicaSets beyond revisionHistoryLimit, lowest
// revision first, skipping (not replacing) those that still have replicas.
func TestSpec8CleanupDeployment(t *testing.T) {
	type rsIn struct {
		name     string
		spec     int32
		replicas int32  // status.replicas
		revision string // "" = no revision annotation
		deleting bool   // deletionTimestamp set
		unseen   bool   // status.observedGeneration < generation
	}
	zero := func(name, revision string) rsIn { return rsIn{name: name, revision: revision} }
	tests := []struct {
		name        string
		rss         []rsIn // in creation order (oldest first)
		limit       *int32
		wantDeleted []string
	}{
		{"T52 three empty old RSs, limit 1: two deleted (the oldest)", []rsIn{zero("foo-1", ""), zero("foo-2", ""), zero("foo-3", "")}, api.Ptr(int32(1)), []string{"foo-1", "foo-2"}},
		{"T53 limit 0: only the RS with spec = status.replicas = 0 is deleted",
			[]rsIn{{name: "foo-1"}, {name: "foo-2", replicas: 1}, {name: "foo-3", spec: 1}, {name: "foo-4", spec: 1, replicas: 1}},
			api.Ptr(int32(0)), []string{"foo-1"}},
		{"T54 two empty RSs, limit 0: both deleted", []rsIn{zero("foo-1", ""), zero("foo-2", "")}, api.Ptr(int32(0)), []string{"foo-1", "foo-2"}},
		{"T54 two RSs with replicas (1,1), limit 0: none deleted",
			[]rsIn{{name: "foo-1", spec: 1, replicas: 1}, {name: "foo-2", spec: 1, replicas: 1}}, api.Ptr(int32(0)), nil},
		{"T55 an RS already being deleted is not a candidate (limit 0): nothing deleted",
			[]rsIn{{name: "foo-1", deleting: true}}, api.Ptr(int32(0)), nil},
		{"T56 limit MaxInt32: cleanup skipped", []rsIn{zero("foo-1", ""), zero("foo-2", ""), zero("foo-3", "")}, api.Ptr(int32(math.MaxInt32)), nil},
		{"extra §2.9.1 no limit (nil): cleanup skipped", []rsIn{zero("foo-1", ""), zero("foo-2", "")}, nil, nil},
		{"T57 foo-1 rev1 (older), foo-2 rev2, limit 1: foo-1 deleted", []rsIn{zero("foo-1", "1"), zero("foo-2", "2")}, api.Ptr(int32(1)), []string{"foo-1"}},
		{"T58 foo-1 rev2 (older), foo-2 rev1, limit 1: foo-2 deleted (revision order, not age)", []rsIn{zero("foo-1", "2"), zero("foo-2", "1")}, api.Ptr(int32(1)), []string{"foo-2"}},
		{"T59 foo-1 rev1, foo-2 without revision, limit 1: foo-2 deleted (missing revision = 0)", []rsIn{zero("foo-1", "1"), zero("foo-2", "")}, api.Ptr(int32(1)), []string{"foo-2"}},
		{"extra §2.9.1 neither has a revision, limit 1: the older (foo-1) deleted", []rsIn{zero("foo-1", ""), zero("foo-2", "")}, api.Ptr(int32(1)), []string{"foo-1"}},
		{"T60 rev1 has replicas, rev2 and rev3 at 0, limit 1: only rev2 deleted (rev1 skipped, not replaced by rev3)",
			[]rsIn{{name: "foo-1", spec: 1, replicas: 1, revision: "1"}, zero("foo-2", "2"), zero("foo-3", "3")}, api.Ptr(int32(1)), []string{"foo-2"}},
		{"T61 rev1 and rev2 have replicas, rev3 at 0, limit 1: none deleted",
			[]rsIn{{name: "foo-1", spec: 1, replicas: 1, revision: "1"}, {name: "foo-2", spec: 1, replicas: 1, revision: "2"}, zero("foo-3", "3")}, api.Ptr(int32(1)), nil},
		{"T62 revisions 3,1,4,2 (all 0), limit 2: revisions 1 and 2 deleted",
			[]rsIn{zero("foo-1", "3"), zero("foo-2", "1"), zero("foo-3", "4"), zero("foo-4", "2")}, api.Ptr(int32(2)), []string{"foo-2", "foo-4"}},
		{"extra §2.9.1 an empty RS whose spec change is not yet observed is skipped",
			[]rsIn{{name: "foo-1", unseen: true}, zero("foo-2", "")}, api.Ptr(int32(0)), []string{"foo-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := s8NewEnv(t, clock.Epoch)
			d := s8Deployment(1, nil, nil)
			d.Spec.RevisionHistoryLimit = tt.limit
			var old []*api.ReplicaSet
			for _, in := range tt.rss {
				ann := map[string]string{}
				if in.revision != "" {
					ann[api.RevisionAnnotation] = in.revision
				}
				rs := e.createRS(in.name, in.spec, ann)
				rs = e.setStatus(rs, func(s *api.ReplicaSetStatus) {
					s.Replicas = in.replicas
					if !in.unseen {
						s.ObservedGeneration = rs.Generation
					}
				})
				if in.deleting {
					// A finalizer keeps the deleted ReplicaSet in the store, marked, as on a
					// real API server.
					cp := rs.DeepCopy()
					cp.MetaUnused = &api.MetaUnused{Finalizers: []string{"example.com/hold"}}
					if err := e.st.Update(cp); err != nil {
						t.Fatalf("hold %s: %v", in.name, err)
					}
					if _, err := e.st.Delete(api.KindReplicaSet, cp.Namespace, cp.Name, -1); err != nil {
						t.Fatalf("mark %s deleting: %v", in.name, err)
					}
					rs = e.rs(in.name)
					if rs.DeletionTimestamp == nil {
						t.Fatalf("could not mark %s as being deleted", in.name)
					}
				}
				old = append(old, rs)
				e.tick()
			}
			before := e.rsNames()

			e.c.cleanupDeployment(old, d)

			remaining := map[string]bool{}
			for _, n := range e.rsNames() {
				remaining[n] = true
			}
			var deleted []string
			for _, n := range before {
				if !remaining[n] {
					deleted = append(deleted, n)
				}
			}
			sort.Strings(deleted)
			if !reflect.DeepEqual(deleted, tt.wantDeleted) {
				t.Errorf("deleted %v, want %v (remaining %d of %d)", deleted, tt.wantDeleted, len(remaining), len(before))
			}
		})
	}
}
