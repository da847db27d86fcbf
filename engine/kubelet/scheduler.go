package kubelet

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/events"
	"rolloutlab/engine/store"
)

// Scheduler binds pending pods to Ready, schedulable nodes that have room, in turn, as the
// stand-in did. A node takes as many pods as its allocatable "pods" (110, the kubelet's
// default maxPods): kube-scheduler's NodeResourcesFit filter counts every pod bound to it,
// terminating ones too, until they are gone. A pod no node can take stays Pending with a
// FailedScheduling event and PodScheduled=False, and waits in the unschedulable queue: it is
// tried again when a pod leaves a node or a node changes (after its back-off of 1s, doubling
// to 10s, since its last try), and at the latest after 5 minutes.
type Scheduler struct {
	st        *store.Store
	rec       *events.Recorder
	next      int
	scheduled conditionsMemo
	// scheduleCall is schedule made once, for Clock.AfterCall with the pod's slot.
	scheduleCall func(any)
	// nodes are the nodes that exist, in order of name, kept from their watch events.
	nodes []*nodeInfo
	// infos is what the scheduler knows of each node by name, as kube-scheduler's cache keeps
	// a NodeInfo per node name: the pods bound to it, counted from the pods' watch events
	// (also before the node is seen and after it is gone), and what filtering needs. A cycle
	// reads every node's count in its nodeInfo: a lookup by name per node, for the 182 nodes
	// of 10,000 replicas, measured a tenth of the rollout.
	infos map[string]*nodeInfo
	// waiting is the unschedulable queue, in the order the pods failed.
	waiting []*waitingPod
	retry   *clock.Task
	fit     []*nodeInfo // reused by each scheduling cycle
}

type nodeInfo struct {
	name  string
	bound int // pods
	nodeFilter
}

// nodeFilter is what filtering needs of a node, from its last watch event.
type nodeFilter struct {
	takes bool // Ready and not cordoned
	max   int  // allocatable pods
	// refused is why the filters refuse every pod, when they do: the first that fails of
	// NodeUnschedulable and TaintToleration (the lab's pods tolerate no NoSchedule taint).
	refused string
}

type waitingPod struct {
	slot     *store.Slot
	attempts int
	last     time.Time
}

// Queueing times of kube-scheduler's defaults.
const (
	initialBackoff     = time.Second
	maxBackoff         = 10 * time.Second
	maxUnschedulableIn = 5 * time.Minute
	defaultMaxPods     = 110
)

// NewScheduler starts a scheduler watching st.
func NewScheduler(st *store.Store, events *events.Broadcaster) *Scheduler {
	s := &Scheduler{st: st, rec: events.NewRecorder("default-scheduler", ""), infos: map[string]*nodeInfo{}}
	s.scheduleCall = func(a any) { s.schedule(a.(*store.Slot)) }
	st.Watch(s.handle, api.KindPod)
	st.Watch(s.handleNode, api.KindNode)
	return s
}

func (s *Scheduler) handle(ev store.WatchEvent) {
	p := ev.New.(*api.Pod)
	switch ev.Type {
	case store.Added:
		if p.Spec.NodeName != "" {
			s.info(p.Spec.NodeName).bound++
			return
		}
		s.st.Clock().AfterCall(0, "schedule Pod %s", s.scheduleCall, ev.Slot, p.Name)
	case store.Modified:
		if old := ev.Old.(*api.Pod); old.Spec.NodeName == "" && p.Spec.NodeName != "" {
			s.info(p.Spec.NodeName).bound++
		}
	case store.Deleted:
		if p.Spec.NodeName != "" {
			s.info(p.Spec.NodeName).bound--
			s.wake()
		}
	}
}

// handleNode keeps the node list and wakes the waiting pods when a node could now take one:
// it came, became Ready or schedulable, or has more room.
func (s *Scheduler) handleNode(ev store.WatchEvent) {
	n := ev.New.(*api.Node)
	info := s.info(n.Name)
	i := sort.Search(len(s.nodes), func(i int) bool { return s.nodes[i].name >= n.Name })
	listed := i < len(s.nodes) && s.nodes[i] == info
	if ev.Type == store.Deleted {
		if listed {
			s.nodes = append(s.nodes[:i], s.nodes[i+1:]...)
		}
		return
	}
	old := info.nodeFilter
	info.nodeFilter = nodeFilter{takes: NodeReady(n) && !n.Spec.Unschedulable, max: maxPods(n), refused: refusal(n)}
	if !listed {
		s.nodes = slices.Insert(s.nodes, i, info)
	} else if old == info.nodeFilter || !info.takes || old.takes && info.max <= old.max {
		return
	}
	s.wake()
}

// info is what the scheduler knows of a node.
func (s *Scheduler) info(node string) *nodeInfo {
	n := s.infos[node]
	if n == nil {
		n = &nodeInfo{name: node}
		s.infos[node] = n
	}
	return n
}

// refusal is the filter's reason for a node that takes no pod: cordoned, or tainted NoSchedule
// (the node controller's not-ready and unreachable taints).
func refusal(n *api.Node) string {
	if n.Spec.Unschedulable {
		return "node(s) were unschedulable"
	}
	for _, t := range n.Spec.Taints {
		if t.Effect == "NoSchedule" {
			return "node(s) had untolerated taint {" + t.Key + ": " + t.Value + "}"
		}
	}
	return "node(s) were unschedulable" // NotReady before its taint: the stand-in's reason
}

func maxPods(n *api.Node) int {
	if v, err := strconv.Atoi(string(n.Status.Allocatable["pods"])); err == nil {
		return v
	}
	return defaultMaxPods
}

// wake moves the waiting pods to be tried again, each once its back-off has passed.
func (s *Scheduler) wake() {
	if len(s.waiting) == 0 {
		return
	}
	now := s.st.Clock().Now()
	at := s.waiting[0].last.Add(backoff(s.waiting[0].attempts))
	for _, w := range s.waiting[1:] {
		if t := w.last.Add(backoff(w.attempts)); t.Before(at) {
			at = t
		}
	}
	if at.Before(now) {
		at = now
	}
	s.retryAt(at)
}

func backoff(attempts int) time.Duration {
	d := initialBackoff
	for i := 1; i < attempts && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

// retryAt makes the waiting pods' next try happen at t, unless one is due sooner.
func (s *Scheduler) retryAt(t time.Time) {
	if s.retry.Pending() {
		if s.retry.PendingBy(t) {
			return
		}
		s.st.Clock().Cancel(s.retry)
	}
	s.retry = s.st.Clock().At(t, "retry %s unschedulable pods", s.retryWaiting, strconv.Itoa(len(s.waiting)))
}

// retryWaiting tries the waiting pods whose back-off has passed, in the order they failed.
func (s *Scheduler) retryWaiting() {
	now := s.st.Clock().Now()
	queue := s.waiting
	s.waiting = nil
	var later []*waitingPod
	for _, w := range queue {
		if w.last.Add(backoff(w.attempts)).After(now) {
			later = append(later, w)
			continue
		}
		s.try(w.slot, w)
	}
	s.waiting = append(later, s.waiting...)
	if len(later) > 0 {
		s.wake()
	}
	s.flushLater()
}

// flushLater retries the pods that failed now 5 minutes later, as the scheduler's periodic
// flush of the unschedulable queue does (pods that failed earlier have theirs already).
func (s *Scheduler) flushLater() {
	if len(s.waiting) > 0 {
		s.retryAt(s.st.Clock().Now().Add(maxUnschedulableIn))
	}
}

func (s *Scheduler) schedule(sl *store.Slot) {
	s.try(sl, nil)
	s.flushLater()
}

// try is one scheduling cycle for the pod kept in sl: bound to a node, or (back) in the
// waiting queue; w is its entry there, nil on its first try.
func (s *Scheduler) try(sl *store.Slot, w *waitingPod) {
	o := sl.Object()
	if o == nil {
		return
	}
	p := o.(*api.Pod)
	if p.Spec.NodeName != "" || p.DeletionTimestamp != nil {
		return
	}
	fit := s.fit[:0]
	for _, n := range s.nodes {
		if n.takes && n.bound < n.max {
			fit = append(fit, n)
		}
	}
	s.fit = fit
	if len(fit) == 0 {
		if w == nil {
			w = &waitingPod{slot: sl}
		}
		w.attempts++
		w.last = s.st.Clock().Now()
		s.waiting = append(s.waiting, w)
		s.unschedulable(sl, p)
		return
	}
	node := fit[s.next%len(fit)]
	s.next++
	cp := p.CopyForStatus()
	spec := *cp.Spec // the binding sets spec.nodeName: the spec is shared until now
	spec.NodeName = node.name
	cp.Spec = &spec
	now := api.Stamp(s.st.Clock().Now())
	from := cp.Status.Conditions
	conds, ok := s.scheduled.get(from, now, "")
	if !ok {
		cp.Status.OwnConditions()
		conds = append(withoutScheduled(cp.Status.Conditions), api.PodCondition{Type: api.PodScheduled, Status: api.ConditionTrue, LastTransitionTime: now})
		s.scheduled.put(from, now, "", conds) // shared by the pods bound in this second (shared.go)
	}
	cp.Status.Conditions = conds
	if err := s.st.Bind(sl, cp); err != nil {
		return
	}
	if clk := s.st.Clock(); clk.Noting() {
		clk.Note("pod.scheduled", cp.Name, node.name)
	}
	s.rec.Eventf(cp, api.EventNormal, "Scheduled", "Successfully assigned %v/%v to %v", cp.Namespace, cp.Name, node.name)
}

// withoutScheduled drops a PodScheduled=False condition an earlier failed try wrote.
func withoutScheduled(conds []api.PodCondition) []api.PodCondition {
	out := conds[:0]
	for _, c := range conds {
		if c.Type != api.PodScheduled {
			out = append(out, c)
		}
	}
	return out
}

// unschedulable reports a failed cycle: the FailedScheduling event and, when it changed, the
// PodScheduled=False condition with the same message.
func (s *Scheduler) unschedulable(sl *store.Slot, p *api.Pod) {
	msg := s.fitError()
	if clk := s.st.Clock(); clk.Noting() {
		clk.Note("pod.unschedulable", p.Name, msg[:strings.Index(msg, ". preemption:")+1])
	}
	s.rec.Eventf(p, api.EventWarning, "FailedScheduling", "%v", msg)
	for _, c := range p.Status.Conditions {
		if c.Type == api.PodScheduled && c.Status == api.ConditionFalse && c.Message == msg {
			return
		}
	}
	cp := p.CopyForStatus()
	cp.Status.OwnConditions()
	cp.Status.Conditions = append(withoutScheduled(cp.Status.Conditions), api.PodCondition{Type: api.PodScheduled, Status: api.ConditionFalse,
		LastTransitionTime: api.Stamp(s.st.Clock().Now()), Reason: "Unschedulable", Message: msg})
	// A refused write needs no retry of its own: kube-scheduler only logs it, and the pod's next
	// failed attempt writes the condition again, since the stored pod still lacks it.
	_ = s.st.UpdateStatusIn(sl, cp)
}

// fitError is kube-scheduler's FitError text: each filter's reason with its count of nodes,
// sorted, then what preemption found for the same nodes. Both sentences end with a period,
// the second after preemption's own, hence the "..".
func (s *Scheduler) fitError() string {
	reasons, preemption := map[string]int{}, map[string]int{}
	for _, n := range s.nodes {
		if !n.takes {
			reasons[n.refused]++
			preemption["Preemption is not helpful for scheduling"]++
		} else {
			reasons["Too many pods"]++
			preemption["No preemption victims found for incoming pod"]++
		}
	}
	histogram := func(m map[string]int) string {
		parts := make([]string, 0, len(m))
		for r, n := range m {
			parts = append(parts, fmt.Sprintf("%d %s", n, r))
		}
		sort.Strings(parts)
		return strings.Join(parts, ", ")
	}
	total := len(s.nodes)
	return fmt.Sprintf("0/%d nodes are available: %s. preemption: 0/%d nodes are available: %s..", total, histogram(reasons), total, histogram(preemption))
}
