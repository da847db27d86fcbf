package kubelet

import (
	"slices"
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/events"
	"rolloutlab/engine/store"
	"rolloutlab/engine/store/storetest"
)

// A write the API server refuses once (a Conflict) is made again, not lost: the kubelet's
// status manager sends a pod's status again at its next sync (10 s) and retries the final
// delete alike; the node controller marks a lost node again on its next pass (5 s).
func TestRefusedWritesAreRetried(t *testing.T) {
	running := func(o api.Object) bool { return o.(*api.Pod).Status.Phase == api.PodRunning }
	terminating := func(o api.Object) bool { return o.Meta().DeletionTimestamp != nil }
	unreachable := func(o api.Object) bool {
		return slices.ContainsFunc(o.(*api.Node).Spec.Taints, func(t api.Taint) bool { return t.Key == "node.kubernetes.io/unreachable" })
	}
	tests := []struct {
		name, kind, verb string
		match            func(api.Object) bool
		act              func(st *store.Store, k *Kubelet) // runs the clock to the refused write
		before           time.Duration                     // from it to just before the retry
		done             func(st *store.Store) bool        // the write is stored
	}{
		{
			name: "the Running status", kind: api.KindPod, verb: "update", match: running,
			act:    func(st *store.Store, k *Kubelet) { st.Clock().Advance(time.Second) }, // the 1 s pull
			before: statusSyncPeriod - time.Millisecond,
			done: func(st *store.Store) bool {
				ph, _, ready := state(st, "a")
				return ph == api.PodRunning && ready
			},
		},
		{
			name: "the final delete", kind: api.KindPod, verb: "delete", match: terminating,
			act: func(st *store.Store, k *Kubelet) {
				st.Clock().Advance(2 * time.Second)
				if _, err := st.Delete(api.KindPod, "default", "a", -1); err != nil {
					t.Fatal(err)
				}
				st.Clock().Advance(500 * time.Millisecond) // the stand-in's stop
			},
			before: statusSyncPeriod - time.Millisecond,
			done:   func(st *store.Store) bool { return st.Get(api.KindPod, "default", "a") == nil },
		},
		{
			name: "the unreachable taint", kind: api.KindNode, verb: "update", match: unreachable,
			act: func(st *store.Store, k *Kubelet) {
				st.Clock().Advance(2 * time.Second)
				if err := k.SetNodeDown("node-1", true); err != nil {
					t.Fatal(err)
				}
				st.Clock().Advance(nodeMonitorGracePeriod)
			},
			before: nodeMonitorPeriod - time.Millisecond,
			done:   func(st *store.Store) bool { return unreachable(st.Get(api.KindNode, "", "node-1")) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := store.New(clock.New(clock.Epoch), 1)
			rec := events.NewBroadcaster(st)
			NewScheduler(st, rec)
			k := New(st, rec, StandIn)
			if err := CreateNodes(st, 3); err != nil {
				t.Fatal(err)
			}
			if err := st.Create(pod("a", "nginx:1.8")); err != nil {
				t.Fatal(err)
			}
			refused := storetest.Refuse(st, tt.kind, tt.verb, 1, tt.match)
			tt.act(st, k)
			if *refused != 1 {
				t.Fatalf("%s was never written", tt.name)
			}
			st.Clock().Advance(tt.before)
			if tt.done(st) {
				t.Fatalf("%s done before the retry: the refusal did not hold", tt.name)
			}
			st.Clock().Advance(time.Millisecond)
			if !tt.done(st) {
				t.Errorf("%s still missing after the retry", tt.name)
			}
		})
	}
}
