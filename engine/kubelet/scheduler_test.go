package kubelet_test

import (
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/cluster"
	"rolloutlab/engine/controller"
)

const tooManyPods = "0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.."

func bigDeployment(c *cluster.Cluster, replicas int32) error {
	return c.Create(&api.Deployment{ObjectMeta: api.ObjectMeta{Name: "big"}, Spec: api.DeploymentSpec{
		Replicas: &replicas, Selector: &api.LabelSelector{MatchLabels: map[string]string{"app": "big"}},
		Template: api.PodTemplateSpec{ObjectMeta: api.ObjectMeta{Labels: map[string]string{"app": "big"}},
			Spec: api.PodSpec{Containers: []api.Container{{Name: "nginx", Image: "nginx:1.14.2"}}}}}})
}

// count tallies the pods by node ("" for unscheduled) and checks each pending pod's
// PodScheduled condition.
func count(t *testing.T, c *cluster.Cluster) (byNode map[string]int, pending int) {
	t.Helper()
	byNode = map[string]int{}
	for _, o := range c.Store.List(api.KindPod, "default") {
		p := o.(*api.Pod)
		byNode[p.Spec.NodeName]++
		if p.Spec.NodeName != "" {
			continue
		}
		pending++
		var cond *api.PodCondition
		for i := range p.Status.Conditions {
			if p.Status.Conditions[i].Type == api.PodScheduled {
				cond = &p.Status.Conditions[i]
			}
		}
		if cond == nil || cond.Status != api.ConditionFalse || cond.Reason != "Unschedulable" || cond.Message != tooManyPods {
			t.Fatalf("pending pod %s: PodScheduled %+v, want False, Unschedulable, %q", p.Name, cond, tooManyPods)
		}
	}
	return byNode, pending
}

// Each node takes its allocatable 110 pods (kube-scheduler's NodeResourcesFit); the pods of
// `--replicas=5000` beyond the 330 of three nodes stay Pending with the FailedScheduling event
// of kube-scheduler 1.37, tried again every 5 minutes (the unschedulable queue's flush), and
// are scheduled as soon as a scale-down frees room.
func TestNodeCapacity(t *testing.T) {
	c := cluster.New(cluster.Options{Seed: 1})
	if err := bigDeployment(c, 5000); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(2 * time.Minute)
	byNode, pending := count(t, c)
	for _, n := range []string{"node-1", "node-2", "node-3"} {
		if byNode[n] != 110 {
			t.Errorf("%s runs %d pods, want its 110", n, byNode[n])
		}
	}
	if pending != 5000-330 {
		t.Errorf("%d pods pending, want %d", pending, 5000-330)
	}
	events := func(p api.Object) (n int32) {
		for _, e := range c.Recorder.About(api.KindPod, "default", p.Meta().Name, p.Meta().UID) {
			if e.Reason == "FailedScheduling" {
				if e.Message != tooManyPods || e.Type != api.EventWarning {
					t.Errorf("event %q (%s)", e.Message, e.Type)
				}
				n += e.Count
			}
		}
		return n
	}
	var waiting api.Object
	for _, o := range c.Store.List(api.KindPod, "default") {
		if o.(*api.Pod).Spec.NodeName == "" {
			waiting = o
			break
		}
	}
	if n := events(waiting); n != 1 {
		t.Errorf("FailedScheduling count %d after 2 minutes, want 1", n)
	}
	c.Clock.Advance(4 * time.Minute) // past the 5-minute flush: tried once more
	if n := events(waiting); n != 2 {
		t.Errorf("FailedScheduling count %d after 6 minutes, want 2", n)
	}

	// A pod leaving a node makes room: a waiting pod takes it at once, and the ReplicaSet's
	// replacement waits in its turn.
	wasPending := map[string]bool{}
	var running *api.Pod
	for _, o := range c.Store.List(api.KindPod, "default") {
		if p := o.(*api.Pod); p.Spec.NodeName == "" {
			wasPending[p.Name] = true
		} else if running == nil {
			running = p
		}
	}
	if _, err := c.Store.Delete(api.KindPod, "default", running.Name, 0); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(time.Second)
	took := 0
	for _, o := range c.Store.List(api.KindPod, "default") {
		if p := o.(*api.Pod); wasPending[p.Name] && p.Spec.NodeName != "" {
			took++
			if p.Spec.NodeName != running.Spec.NodeName {
				t.Errorf("waiting pod %s went to %s, want the freed %s", p.Name, p.Spec.NodeName, running.Spec.NodeName)
			}
		}
	}
	if byNode, pending := count(t, c); took != 1 || pending != 5000-330 || byNode[running.Spec.NodeName] != 110 {
		t.Errorf("%d waiting pods scheduled (want 1), %d pending (want %d), %d on %s (want 110)",
			took, pending, 5000-330, byNode[running.Spec.NodeName], running.Spec.NodeName)
	}

	// Scaling down deletes the pending pods first, then running ones.
	d := c.Deployment("default", "big").DeepCopy()
	d.Spec.Replicas = api.Ptr(int32(320))
	if err := c.Update(d); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(time.Minute)
	if _, pending := count(t, c); pending != 0 {
		t.Errorf("%d pods still pending after scaling to 320", pending)
	}
	ready := 0
	for _, o := range c.Store.List(api.KindPod, "default") {
		if controller.IsPodReady(o.(*api.Pod)) {
			ready++
		}
	}
	if ready != 320 {
		t.Errorf("%d pods ready, want 320", ready)
	}
}

// A node that comes back wakes the waiting pods: a cordoned node's message names it, and
// uncordoning it schedules the pods at once.
func TestUnschedulableRetriedOnNodeChange(t *testing.T) {
	c := cluster.New(cluster.Options{Seed: 1})
	for _, name := range []string{"node-1", "node-2", "node-3"} {
		n := c.Store.Get(api.KindNode, "", name).(*api.Node).DeepCopy()
		n.Spec.Unschedulable = true
		if err := c.Store.Update(n); err != nil {
			t.Fatal(err)
		}
	}
	if err := bigDeployment(c, 2); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(10 * time.Second)
	want := "0/3 nodes are available: 3 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.."
	for _, o := range c.Store.List(api.KindPod, "default") {
		p := o.(*api.Pod)
		evs := c.Recorder.About(api.KindPod, "default", p.Name, p.UID)
		if p.Spec.NodeName != "" || len(evs) != 1 || evs[0].Message != want {
			t.Fatalf("pod %s on %q, events %v; want pending with %q", p.Name, p.Spec.NodeName, evs, want)
		}
	}
	n := c.Store.Get(api.KindNode, "", "node-2").(*api.Node).DeepCopy()
	n.Spec.Unschedulable = false
	if err := c.Store.Update(n); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(time.Second)
	for _, o := range c.Store.List(api.KindPod, "default") {
		if p := o.(*api.Pod); p.Spec.NodeName != "node-2" {
			t.Errorf("pod %s on %q after node-2 was uncordoned", p.Name, p.Spec.NodeName)
		}
	}
}

// A node the node controller lost is tainted unreachable:NoSchedule, which the pods do not
// tolerate: kube-scheduler's TaintToleration reason names the taint, and counts the full nodes
// apart ("1 Too many pods" sorts before "2 node(s)…").
func TestFailedSchedulingNamesTaints(t *testing.T) {
	c := cluster.New(cluster.Options{Seed: 1})
	for _, name := range []string{"node-2", "node-3"} {
		n := c.Store.Get(api.KindNode, "", name).(*api.Node).DeepCopy()
		n.Spec.Taints = []api.Taint{{Key: "node.kubernetes.io/unreachable", Effect: "NoSchedule"}}
		for i := range n.Status.Conditions {
			if n.Status.Conditions[i].Type == "Ready" {
				n.Status.Conditions[i].Status = api.ConditionUnknown
			}
		}
		if err := c.Store.Update(n); err != nil {
			t.Fatal(err)
		}
	}
	if err := bigDeployment(c, 111); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(10 * time.Second)
	want := "0/3 nodes are available: 1 Too many pods, 2 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. " +
		"preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.."
	var got []string
	for _, o := range c.Store.List(api.KindPod, "default") {
		p := o.(*api.Pod)
		for _, e := range c.Recorder.About(api.KindPod, "default", p.Name, p.UID) {
			if e.Reason == "FailedScheduling" {
				got = append(got, e.Message)
			}
		}
	}
	if len(got) != 1 || got[0] != want {
		t.Errorf("FailedScheduling messages %q, want one: %q", got, want)
	}
}

// NodeResourcesFit counts every pod bound to a node, whatever happened to the node meanwhile:
// a full node cordoned and uncordoned (two updates of what filtering reads of it) still holds
// its 110 pods, and the waiting pod stays Pending.
func TestNodeKeepsItsCountAcrossUpdates(t *testing.T) {
	c := cluster.New(cluster.Options{Seed: 1})
	if err := bigDeployment(c, 331); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(time.Minute)
	for _, unschedulable := range []bool{true, false} {
		n := c.Store.Get(api.KindNode, "", "node-1").(*api.Node).DeepCopy()
		n.Spec.Unschedulable = unschedulable
		if err := c.Store.Update(n); err != nil {
			t.Fatal(err)
		}
		c.Clock.Advance(time.Minute)
	}
	if byNode, pending := count(t, c); byNode["node-1"] != 110 || pending != 1 {
		t.Errorf("node-1 runs %d pods (want 110), %d pending (want 1)", byNode["node-1"], pending)
	}
}
