package kubelet

import (
	"rolloutlab/engine/api"
	"rolloutlab/engine/events"
	"rolloutlab/engine/store"
)

// Scheduler binds pending pods to Ready, schedulable nodes in turn, as the stand-in did.
type Scheduler struct {
	st        *store.Store
	rec       *events.Recorder
	next      int
	scheduled conditionsMemo
	// scheduleCall is schedule made once, for Clock.AfterCall with the pod's slot.
	scheduleCall func(any)
}

// NewScheduler starts a scheduler watching st.
func NewScheduler(st *store.Store, rec *events.Recorder) *Scheduler {
	s := &Scheduler{st: st, rec: rec}
	s.scheduleCall = func(a any) { s.schedule(a.(*store.Slot)) }
	st.Watch(s.handle, api.KindPod)
	return s
}

func (s *Scheduler) handle(ev store.WatchEvent) {
	if ev.Kind != api.KindPod || ev.Type != store.Added {
		return
	}
	p := ev.New.(*api.Pod)
	if p.Spec.NodeName != "" {
		return
	}
	s.st.Clock().AfterCall(0, "schedule Pod %s", s.scheduleCall, ev.Slot, p.Name)
}

func (s *Scheduler) schedule(sl *store.Slot) {
	o := sl.Object()
	if o == nil {
		return
	}
	p := o.(*api.Pod)
	if p.Spec.NodeName != "" || p.DeletionTimestamp != nil {
		return
	}
	nodes := s.st.List(api.KindNode, "")
	fit := make([]*api.Node, 0, 8)
	for _, n := range nodes {
		node := n.(*api.Node)
		if NodeReady(node) && !node.Spec.Unschedulable {
			fit = append(fit, node)
		}
	}
	if len(fit) == 0 {
		s.rec.Eventf(p, "default-scheduler", "", api.EventWarning, "FailedScheduling",
			"0/%d nodes are available: %d node(s) were unschedulable. preemption: 0/%d nodes are available: %d Preemption is not helpful for scheduling.",
			len(nodes), len(nodes), len(nodes), len(nodes))
		return
	}
	node := fit[s.next%len(fit)]
	s.next++
	cp := p.CopyForStatus()
	spec := *cp.Spec // the binding sets spec.nodeName: the spec is shared until now
	spec.NodeName = node.Name
	cp.Spec = &spec
	now := api.Stamp(s.st.Clock().Now())
	from := cp.Status.Conditions
	conds, ok := s.scheduled.get(from, now, "")
	if !ok {
		cp.Status.OwnConditions()
		conds = append(cp.Status.Conditions, api.PodCondition{Type: api.PodScheduled, Status: api.ConditionTrue, LastTransitionTime: now})
		s.scheduled.put(from, now, "", conds) // shared by the pods bound in this second (shared.go)
	}
	cp.Status.Conditions = conds
	if err := s.st.Bind(sl, cp); err != nil {
		return
	}
	if clk := s.st.Clock(); clk.Noting() {
		clk.Note("pod.scheduled", cp.Name, node.Name)
	}
	s.rec.EventFinal(cp, "default-scheduler", "", api.EventNormal, "Scheduled", "Successfully assigned "+cp.Namespace+"/"+cp.Name+" to "+node.Name)
}
