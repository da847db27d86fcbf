package gc

import (
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/store"
	"rolloutlab/engine/store/storetest"
)

// The garbage collector's rules, as Kubernetes' garbage collector applies them with background
// propagation (kubectl delete's default): a dependent goes once none of its owner references
// points at a live object with that UID, and a dependent already being deleted is left alone.

func newStore(t *testing.T) *store.Store {
	t.Helper()
	st := store.New(clock.New(clock.Epoch), 1)
	New(st)
	return st
}

func create(t *testing.T, st *store.Store, o api.Object) api.Object {
	t.Helper()
	if err := st.Create(o); err != nil {
		t.Fatalf("create %s %s: %v", o.ObjectKind(), o.Meta().Name, err)
	}
	return o
}

func ownedBy(owners ...api.Object) []api.OwnerReference {
	var refs []api.OwnerReference
	for _, o := range owners {
		refs = append(refs, api.OwnerReference{APIVersion: "apps/v1", Kind: o.ObjectKind(), Name: o.Meta().Name,
			UID: o.Meta().UID, Controller: api.Ptr(len(refs) == 0)})
	}
	return refs
}

func deployment(name string) *api.Deployment {
	return &api.Deployment{ObjectMeta: api.ObjectMeta{Name: name}}
}

func replicaSet(name string, owners ...api.Object) *api.ReplicaSet {
	return &api.ReplicaSet{ObjectMeta: api.ObjectMeta{Name: name, OwnerReferences: ownedBy(owners...)}}
}

// pod is unscheduled, so the store removes it at once when it is deleted (no kubelet has to
// stop its containers).
func pod(name string, owners ...api.Object) *api.Pod {
	return &api.Pod{ObjectMeta: api.ObjectMeta{Name: name, OwnerReferences: ownedBy(owners...)},
		Spec: &api.PodSpec{Containers: []api.Container{{Name: "nginx", Image: "nginx"}}}}
}

func exists(st *store.Store, kind, name string) bool { return st.Get(kind, "default", name) != nil }

func TestCollect(t *testing.T) {
	tests := []struct {
		name string
		// build creates the objects and returns the owner to delete.
		build func(t *testing.T, st *store.Store) (kind, name string)
		gone  []string // "Kind/name" deleted once the collector has run
		kept  []string
	}{
		{
			name: "deleting a Deployment deletes its ReplicaSets, and through them their pods (cascade)",
			build: func(t *testing.T, st *store.Store) (string, string) {
				d := create(t, st, deployment("web"))
				rs := create(t, st, replicaSet("web-1", d))
				create(t, st, pod("web-1-a", rs))
				create(t, st, pod("web-1-b", rs))
				create(t, st, replicaSet("other"))
				return api.KindDeployment, "web"
			},
			gone: []string{"ReplicaSet/web-1", "Pod/web-1-a", "Pod/web-1-b"},
			kept: []string{"ReplicaSet/other"},
		},
		{
			name: "a dependent with another live owner stays",
			build: func(t *testing.T, st *store.Store) (string, string) {
				a := create(t, st, replicaSet("a"))
				b := create(t, st, replicaSet("b"))
				create(t, st, pod("shared", a, b))
				create(t, st, pod("only-a", a))
				return api.KindReplicaSet, "a"
			},
			gone: []string{"Pod/only-a"},
			kept: []string{"Pod/shared", "ReplicaSet/b"},
		},
		{
			name: "an owner reference to a deleted owner's UID does not keep a dependent alive under a recreated owner of the same name",
			build: func(t *testing.T, st *store.Store) (string, string) {
				old := create(t, st, replicaSet("a"))
				keep := create(t, st, replicaSet("keep"))
				create(t, st, pod("p", old, keep))
				create(t, st, pod("q", old))
				return api.KindReplicaSet, "a"
			},
			gone: []string{"Pod/q"},
			kept: []string{"Pod/p"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newStore(t)
			kind, name := tt.build(t, st)
			if _, err := st.Delete(kind, "default", name, -1); err != nil {
				t.Fatal(err)
			}
			st.Clock().Advance(time.Second)
			for _, ref := range tt.gone {
				k, n := split(ref)
				if exists(st, k, n) {
					t.Errorf("%s still exists after its owner was deleted", ref)
				}
			}
			for _, ref := range tt.kept {
				k, n := split(ref)
				if !exists(st, k, n) {
					t.Errorf("%s was deleted, want it kept", ref)
				}
			}
		})
	}
}

// A pod that is already terminating keeps its own deletion (its grace period runs on, here a
// longer one than its spec's 30 s default); the collector does not delete it again, as
// Kubernetes' garbage collector skips dependents that have a deletionTimestamp.
func TestCollectLeavesTerminatingDependents(t *testing.T) {
	st := newStore(t)
	rs := create(t, st, replicaSet("a"))
	p := pod("p", rs)
	p.Spec.NodeName = "node-1" // scheduled: deleting it only marks it terminating
	create(t, st, p)
	if _, err := st.Delete(api.KindPod, "default", "p", 60); err != nil {
		t.Fatal(err)
	}
	marked := st.Get(api.KindPod, "default", "p").Meta().ResourceVersion
	if _, err := st.Delete(api.KindReplicaSet, "default", "a", -1); err != nil {
		t.Fatal(err)
	}
	st.Clock().Advance(time.Second)
	got := st.Get(api.KindPod, "default", "p")
	if got == nil || got.Meta().ResourceVersion != marked {
		t.Errorf("the terminating pod was written again by the collector: %v", got)
	}
}

// Deleting an object without dependents schedules no work: the clock stays idle.
func TestCollectNothingToDo(t *testing.T) {
	st := newStore(t)
	create(t, st, replicaSet("lonely"))
	if _, err := st.Delete(api.KindReplicaSet, "default", "lonely", -1); err != nil {
		t.Fatal(err)
	}
	if next := st.Clock().Next(); next != nil {
		t.Errorf("a deletion without dependents scheduled %v", next)
	}
}

func split(ref string) (kind, name string) {
	for i := range ref {
		if ref[i] == '/' {
			return ref[:i], ref[i+1:]
		}
	}
	return ref, ""
}

// A dependent's delete that fails (here a Conflict) is tried again, rate-limited, as the
// garbage collector's attemptToDelete queue retries: the pod goes all the same.
func TestCollectRetriesAFailedDelete(t *testing.T) {
	st := newStore(t)
	rs := create(t, st, replicaSet("a"))
	create(t, st, pod("p", rs))
	refused := storetest.Refuse(st, api.KindPod, "delete", 1, func(api.Object) bool { return true })
	if _, err := st.Delete(api.KindReplicaSet, "default", "a", -1); err != nil {
		t.Fatal(err)
	}
	st.Clock().Advance(time.Second)
	if *refused != 1 {
		t.Fatal("the collector never tried to delete the pod")
	}
	if exists(st, api.KindPod, "p") {
		t.Error("pod p still exists: the refused delete was not retried")
	}
}
