package kubelet

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/events"
	"rolloutlab/engine/store"
)

func cluster(t *testing.T) *store.Store {
	st := store.New(clock.New(clock.Epoch), 1)
	rec := events.NewBroadcaster(st)
	NewScheduler(st, rec)
	New(st, rec, StandIn)
	if err := CreateNodes(st, 3); err != nil {
		t.Fatal(err)
	}
	return st
}

func pod(name, image string) *api.Pod {
	return &api.Pod{ObjectMeta: api.ObjectMeta{Name: name}, Spec: &api.PodSpec{Containers: []api.Container{{Name: "nginx", Image: image}}}, Status: api.PodStatus{Phase: api.PodPending}}
}

func state(st *store.Store, name string) (phase, waiting string, ready bool) {
	p := st.Get(api.KindPod, "default", name).(*api.Pod)
	for _, c := range p.Status.Conditions {
		if c.Type == api.PodReady {
			ready = c.Status == api.ConditionTrue
		}
	}
	if len(p.Status.ContainerStatuses) > 0 && p.Status.ContainerStatuses[0].State.Waiting != nil {
		waiting = p.Status.ContainerStatuses[0].State.Waiting.Reason
	}
	return p.Status.Phase, waiting, ready
}

// The stand-in's timeline, which the real transcripts were recorded with.
func TestKnownImageRunsAfterThePull(t *testing.T) {
	st := cluster(t)
	_ = st.Create(pod("a", "nginx:1.8"))
	st.Clock().RunUntil(st.Clock().Now())
	if ph, w, _ := state(st, "a"); ph != api.PodPending || w != "ContainerCreating" {
		t.Fatalf("right after binding: %s/%s, want Pending/ContainerCreating", ph, w)
	}
	st.Clock().Advance(999 * time.Millisecond)
	if _, _, ready := state(st, "a"); ready {
		t.Fatal("ready before the 1 s pull")
	}
	st.Clock().Advance(time.Millisecond)
	if ph, _, ready := state(st, "a"); ph != api.PodRunning || !ready {
		t.Fatalf("after 1 s: %s ready=%v, want Running and Ready", ph, ready)
	}
}

func TestMissingTagBacksOff(t *testing.T) {
	st := cluster(t)
	_ = st.Create(pod("a", "nginx:1.91"))
	steps := []struct {
		at      time.Duration
		waiting string
	}{
		{1 * time.Second, "ErrImagePull"},
		{3900 * time.Millisecond, "ErrImagePull"},
		{4 * time.Second, "ImagePullBackOff"},                   // 3 s after the failure
		{14*time.Second + time.Millisecond, "ImagePullBackOff"}, // retry at 14 s, pulling again
		{15 * time.Second, "ErrImagePull"},                      // the retry fails 1 s later
		{18 * time.Second, "ImagePullBackOff"},                  // and backs off again, now for 20 s
	}
	start := st.Clock().Now()
	for _, s := range steps {
		st.Clock().RunUntil(start.Add(s.at))
		if ph, w, ready := state(st, "a"); ph != api.PodPending || ready || w != s.waiting {
			t.Fatalf("at %v: %s %s ready=%v, want Pending %s", s.at, ph, w, ready, s.waiting)
		}
	}
	var pulls int32
	for _, o := range st.List(api.KindEvent, "default") {
		if e := o.(*api.Event); e.Reason == "Pulling" {
			pulls = e.Count
		}
	}
	if pulls != 2 {
		t.Fatalf("two pulls so far, the Pulling event says %d", pulls)
	}
}

func TestPodsGoRoundRobinAndStopOnDelete(t *testing.T) {
	st := cluster(t)
	for _, n := range []string{"a", "b", "c", "d"} {
		_ = st.Create(pod(n, "nginx:1.8"))
	}
	st.Clock().Advance(2 * time.Second)
	want := map[string]string{"a": "node-1", "b": "node-2", "c": "node-3", "d": "node-1"}
	for n, node := range want {
		if got := st.Get(api.KindPod, "default", n).(*api.Pod).Spec.NodeName; got != node {
			t.Fatalf("pod %s on %s, want %s", n, got, node)
		}
	}
	_, _ = st.Delete(api.KindPod, "default", "a", -1)
	st.Clock().Advance(499 * time.Millisecond)
	if st.Get(api.KindPod, "default", "a") == nil {
		t.Fatal("gone too early")
	}
	st.Clock().Advance(time.Millisecond)
	if st.Get(api.KindPod, "default", "a") != nil {
		t.Fatal("the stand-in removes a deleted pod 0.5 s later")
	}
}

func TestImageNames(t *testing.T) {
	cases := []struct{ in, norm, full string }{
		{"nginx", "nginx:latest", "docker.io/library/nginx:latest"},
		{"nginx:1.91", "nginx:1.91", "docker.io/library/nginx:1.91"},
		{"docker.io/library/nginx:1.8", "nginx:1.8", "docker.io/library/nginx:1.8"},
		{"hashicorp/http-echo", "hashicorp/http-echo:latest", "docker.io/hashicorp/http-echo:latest"},
		{"registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10"},
		{"localhost:5000/app", "localhost:5000/app:latest", "localhost:5000/app:latest"},
	}
	for _, c := range cases {
		if got := Normalize(c.in); got != c.norm {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.norm)
		}
		if got := FullReference(c.in); got != c.full {
			t.Errorf("FullReference(%q) = %q, want %q", c.in, got, c.full)
		}
	}
	if _, ok := Lookup("nginx:1.91"); ok {
		t.Error("nginx:1.91 must not exist")
	}
	if _, ok := Lookup("nginx"); !ok {
		t.Error("nginx (latest) exists")
	}
}

// Pods that move together share their status lists; one pod's later change (its node lost,
// another image that fails) never shows in the other's.
func TestPodsMovingTogetherShareStatusesSafely(t *testing.T) {
	st := store.New(clock.New(clock.Epoch), 1)
	rec := events.NewBroadcaster(st)
	NewScheduler(st, rec)
	k := New(st, rec, StandIn)
	if err := CreateNodes(st, 2); err != nil {
		t.Fatal(err)
	}
	_ = st.Create(pod("a", "nginx:1.8"))
	_ = st.Create(pod("b", "nginx:1.8"))
	st.Clock().Advance(2 * time.Second)
	get := func(name string) *api.Pod { return st.Get(api.KindPod, "default", name).(*api.Pod) }
	a, b := get("a"), get("b")
	if &a.Status.Conditions[0] != &b.Status.Conditions[0] {
		t.Fatal("pods ready in the same second do not share their conditions")
	}
	before := append([]api.PodCondition(nil), b.Status.Conditions...)
	if err := k.SetNodeDown(a.Spec.NodeName, true); err != nil {
		t.Fatal(err)
	}
	st.Clock().Advance(45 * time.Second) // the node controller marks a's node and pods not ready
	a, b = get("a"), get("b")
	if _, _, ready := state(st, "a"); ready {
		t.Fatal("a is still ready on a lost node")
	}
	for i, c := range get("b").Status.Conditions {
		if c != before[i] {
			t.Fatalf("b's condition %s changed with a's: %+v, was %+v", c.Type, c, before[i])
		}
	}
}

// Pod IPs come from the node's podCIDR (10.244.N.0/24): host-local IPAM starts at .2 and stays
// below .255, starting over at .2 once it reaches the end. A long session creates more pods on
// a node than the range holds.
func TestPodIPsStayInTheNodeRange(t *testing.T) {
	k := &Kubelet{st: cluster(t), nodes: map[string]*nodeAddresses{}}
	var got []string
	for range 256 {
		ips := k.podIP("node-2")
		if len(ips) != 1 || cap(ips) != 1 {
			t.Fatalf("podIPs %v (cap %d): one address, and no room to append into the shared ones", ips, cap(ips))
		}
		got = append(got, ips[0].IP)
	}
	if got[0] != "10.244.2.2" || got[252] != "10.244.2.254" || got[253] != "10.244.2.2" || got[255] != "10.244.2.4" {
		t.Fatalf("addresses %v … %v", got[:2], got[251:])
	}
	if ip := k.podIP("node-1")[0].IP; ip != "10.244.1.2" {
		t.Fatalf("first address on node-1: %s", ip)
	}
	if ips := k.podIP("elsewhere"); ips != nil || k.nodeIP("elsewhere") != "" {
		t.Fatalf("a node that does not exist gave addresses %v", ips)
	}
}

// Nothing scheduled for a pod runs once it is gone: pods removed at once (grace 0) before they
// started, and while pulling, leave no work behind, and later pods get one start, one pull and
// one set of events each.
func TestStateOfAGonePodServesTheNextPodCleanly(t *testing.T) {
	st := cluster(t)
	for round, step := range []time.Duration{-1, 200 * time.Millisecond} { // before the start; mid-pull
		name := func(n string) string { return fmt.Sprintf("%s%d", n, round) }
		for _, n := range []string{"a", "b", "c"} {
			_ = st.Create(pod(name(n), "nginx:1.8"))
		}
		if step < 0 { // until the first start would run: the pods are bound and wait for it
			for n := st.Clock().Next(); n != nil && !strings.HasPrefix(n.Label(), "kubelet starts"); n = st.Clock().Next() {
				st.Clock().Step()
			}
		} else {
			st.Clock().Advance(step)
		}
		for _, n := range []string{"a", "b", "c"} {
			if _, err := st.Delete(api.KindPod, "default", name(n), 0); err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range []string{"d", "e", "f"} {
			_ = st.Create(pod(name(n), "nginx:1.8"))
		}
		st.Clock().Advance(time.Minute)
		for _, n := range []string{"d", "e", "f"} {
			if phase, _, ready := state(st, name(n)); phase != api.PodRunning || !ready {
				t.Fatalf("after deleting at %v: pod %s is %s, ready %v", step, name(n), phase, ready)
			}
			reasons := map[string]int{}
			for _, o := range st.List(api.KindEvent, "default") {
				if e := o.(*api.Event); e.InvolvedObject.Name == name(n) {
					reasons[e.Reason] += int(e.Count)
				}
			}
			if reasons["Started"] != 1 || reasons["Created"] != 1 || reasons["Killing"] != 0 {
				t.Fatalf("after deleting at %v: pod %s events %v", step, name(n), reasons)
			}
		}
		for _, n := range []string{"a", "b", "c"} {
			if st.Get(api.KindPod, "default", name(n)) != nil {
				t.Fatalf("pod %s came back", name(n))
			}
		}
	}
}
