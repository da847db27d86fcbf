package replicaset

import (
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/events"
	"rolloutlab/engine/kubelet"
	"rolloutlab/engine/store"
)

// The counts kept from watch events must always equal a full rescan of the pods, through
// creation, readiness, scale-down, relabelling (release), orphan adoption and deletion.
func TestTallyMatchesARescan(t *testing.T) {
	st := store.New(clock.New(clock.Epoch), 1)
	rec := events.NewBroadcaster(st)
	c := New(st, rec)
	kubelet.NewScheduler(st, rec)
	kubelet.New(st, rec, kubelet.StandIn)
	if err := kubelet.CreateNodes(st, 3); err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{"app": "web"}
	rs := &api.ReplicaSet{
		ObjectMeta: api.ObjectMeta{Name: "web"},
		Spec: api.ReplicaSetSpec{Replicas: api.Ptr(int32(5)), Selector: &api.LabelSelector{MatchLabels: labels},
			Template: api.PodTemplateSpec{ObjectMeta: api.ObjectMeta{Labels: labels},
				Spec: api.PodSpec{Containers: []api.Container{{Name: "nginx", Image: "nginx:1.8"}}}}},
	}
	if err := st.Create(rs); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		cur := st.Get(api.KindReplicaSet, "default", "web").(*api.ReplicaSet)
		tl := c.tallies[cur.UID]
		if tl == nil || !tl.valid {
			return
		}
		var want tally
		want.labels = tl.labels
		active, terminating := c.claimPodsReadOnly(cur)
		want.recount(cur, active, terminating)
		if tl.counts != want.counts {
			t.Fatalf("%s: tally %+v, rescan %+v", when, tl.counts, want.counts)
		}
		for _, nodes := range []nodeCounts{tl.nodes, want.nodes} {
			for node := range nodes {
				if tl.nodes[node] != want.nodes[node] {
					t.Fatalf("%s: tally counts %d active pods on %q, rescan %d", when, tl.nodes[node], node, want.nodes[node])
				}
			}
		}
	}
	steps := []struct {
		what string
		do   func()
	}{
		{"created", func() {}},
		{"scaled to 2", func() { scale(t, st, 2) }},
		{"relabelled a pod", func() {
			for _, o := range st.List(api.KindPod, "default") {
				p := o.(*api.Pod).DeepCopy()
				if p.DeletionTimestamp == nil {
					p.Labels = map[string]string{"app": "other"}
					_ = st.Update(p)
					return
				}
			}
		}},
		{"an orphan with matching labels", func() {
			_ = st.Create(&api.Pod{ObjectMeta: api.ObjectMeta{Name: "stray", Labels: labels},
				Spec: &api.PodSpec{Containers: []api.Container{{Name: "nginx", Image: "nginx:1.8"}}}})
		}},
		{"scaled to 4", func() { scale(t, st, 4) }},
		{"deleted a pod", func() {
			for _, o := range st.List(api.KindPod, "default") {
				if o.Meta().Labels["app"] == "web" {
					_, _ = st.Delete(api.KindPod, "default", o.Meta().Name, -1)
					return
				}
			}
		}},
	}
	for _, s := range steps {
		s.do()
		for i := 0; i < 40; i++ {
			st.Clock().Advance(100 * time.Millisecond)
			check(s.what)
		}
	}
}

func scale(t *testing.T, st *store.Store, n int32) {
	rs := st.Get(api.KindReplicaSet, "default", "web").(*api.ReplicaSet).DeepCopy()
	rs.Spec.Replicas = api.Ptr(n)
	if err := st.Update(rs); err != nil {
		t.Fatal(err)
	}
}

// claimPodsReadOnly is claimPods without adopting or releasing: what a rescan would count.
func (c *Controller) claimPodsReadOnly(rs *api.ReplicaSet) (active, terminating []*api.Pod) {
	for _, o := range c.st.Dependents(rs.UID) {
		p, ok := o.(*api.Pod)
		if !ok || !rs.Spec.Selector.Matches(p.Labels) {
			continue
		}
		if ref := p.ControllerRef(); ref == nil || ref.UID != rs.UID {
			continue
		}
		switch {
		case p.DeletionTimestamp == nil && p.Status.Phase != api.PodSucceeded && p.Status.Phase != api.PodFailed:
			active = append(active, p)
		case p.DeletionTimestamp != nil:
			terminating = append(terminating, p)
		}
	}
	return
}
