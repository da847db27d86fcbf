package gc

import (
	"slices"
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/store"
	"rolloutlab/engine/store/storetest"
)

// blocking marks every owner reference of o with blockOwnerDeletion, as the Deployment and
// ReplicaSet controllers set it on what they create.
func blocking[T api.Object](o T) T {
	for i := range o.Meta().OwnerReferences {
		o.Meta().OwnerReferences[i].BlockOwnerDeletion = api.Ptr(true)
	}
	return o
}

// Foreground deletion as Kubernetes' garbage collector runs it: the owner stays with the
// foregroundDeletion finalizer while dependents with blockOwnerDeletion exist; a dependent that
// has dependents of its own is deleted in the foreground too (the chain goes bottom-up), one
// without is deleted in the background; once no blocking dependent is left the collector
// removes the finalizer and the API server deletes the owner. A dependent whose reference does
// not block is collected only after its owner has gone.
func TestForegroundDeletion(t *testing.T) {
	st := newStore(t)
	d := create(t, st, deployment("web"))
	rs := create(t, st, blocking(replicaSet("web-1", d)))
	running := blocking(pod("web-1-a", rs))
	running.Spec.NodeName = "node-1" // scheduled: deleting it only marks it terminating
	create(t, st, running)
	create(t, st, blocking(pod("web-1-b", rs))) // unscheduled: goes at once
	create(t, st, pod("loose", d))              // no blockOwnerDeletion

	if _, err := st.DeletePropagating(api.KindDeployment, "default", "web", -1, store.PropagateForeground); err != nil {
		t.Fatal(err)
	}
	st.Clock().Advance(time.Second)

	for _, want := range []struct {
		kind, name string
		fins       []string // nil: no finalizers
	}{
		{api.KindDeployment, "web", []string{store.FinalizerForeground}},
		{api.KindReplicaSet, "web-1", []string{store.FinalizerForeground}},
		{api.KindPod, "web-1-a", nil},
	} {
		o := st.Get(want.kind, "default", want.name)
		if o == nil {
			t.Fatalf("%s %s was deleted while a blocking dependent exists", want.kind, want.name)
		}
		m := o.Meta()
		var fins []string
		if m.MetaUnused != nil {
			fins = m.Finalizers()
		}
		if m.DeletionTimestamp == nil || !slices.Equal(fins, want.fins) {
			t.Errorf("%s %s: deletionTimestamp %v, finalizers %q; want marked with %q", want.kind, want.name, m.DeletionTimestamp, fins, want.fins)
		}
	}
	if exists(st, api.KindPod, "web-1-b") {
		t.Error("the unscheduled pod web-1-b is still there")
	}
	if !exists(st, api.KindPod, "loose") || st.Get(api.KindPod, "default", "loose").Meta().DeletionTimestamp != nil {
		t.Error("the non-blocking dependent was deleted before its owner went")
	}

	// The kubelet confirms that the last pod has stopped.
	if _, err := st.Delete(api.KindPod, "default", "web-1-a", 0); err != nil {
		t.Fatal(err)
	}
	st.Clock().Advance(time.Second)
	for _, ref := range []string{"ReplicaSet/web-1", "Deployment/web", "Pod/loose"} {
		k, n := split(ref)
		if exists(st, k, n) {
			t.Errorf("%s still exists once the blocking dependents are gone", ref)
		}
	}
}

// An owner deleted in the foreground without any dependent goes as soon as the collector has
// looked at it.
func TestForegroundDeletionWithoutDependents(t *testing.T) {
	st := newStore(t)
	create(t, st, replicaSet("lonely"))
	if _, err := st.DeletePropagating(api.KindReplicaSet, "default", "lonely", -1, store.PropagateForeground); err != nil {
		t.Fatal(err)
	}
	if !exists(st, api.KindReplicaSet, "lonely") {
		t.Fatal("deleted before the collector ran")
	}
	st.Clock().Advance(time.Second)
	if exists(st, api.KindReplicaSet, "lonely") {
		t.Error("still there after the collector ran")
	}
}

// In a foreground deletion, a dependent's delete and the removal of the owner's finalizer that
// fail (here Conflicts) are tried again, rate-limited: the chain goes all the same.
func TestForegroundDeletionRetriesFailedWrites(t *testing.T) {
	st := newStore(t)
	d := create(t, st, deployment("web"))
	create(t, st, blocking(replicaSet("web-1", d)))
	refusedDelete := storetest.Refuse(st, api.KindReplicaSet, "delete", 2, func(api.Object) bool { return true })
	refusedUpdate := storetest.Refuse(st, api.KindDeployment, "update", 1, func(api.Object) bool { return true })
	if _, err := st.DeletePropagating(api.KindDeployment, "default", "web", -1, store.PropagateForeground); err != nil {
		t.Fatal(err)
	}
	st.Clock().Advance(time.Minute)
	if *refusedDelete != 2 || *refusedUpdate != 1 {
		t.Fatalf("refused %d deletes and %d updates: the collector did not try them", *refusedDelete, *refusedUpdate)
	}
	for _, ref := range []string{"ReplicaSet/web-1", "Deployment/web"} {
		k, n := split(ref)
		if exists(st, k, n) {
			t.Errorf("%s is still there: a refused write was not retried", ref)
		}
	}
}
