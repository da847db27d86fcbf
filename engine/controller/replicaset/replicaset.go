// Package replicaset is the ReplicaSet controller: it keeps the number of active pods equal to
// spec.replicas (creating in slow-start batches, deleting the best candidates first) and writes
// the ReplicaSet's status.
package replicaset

import (
	"reflect"
	"slices"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller"
	"rolloutlab/engine/events"
	"rolloutlab/engine/store"
)

const (
	component = "replicaset-controller"
	// burstReplicas caps the pods created or deleted in one pass.
	burstReplicas = 500
)

// Controller reconciles ReplicaSets.
type Controller struct {
	st      *store.Store
	rec     *events.Recorder
	queue   *controller.Queue
	tallies map[string]*tally // by ReplicaSet UID (tally.go)
	ranking rankScratch
}

// New starts a ReplicaSet controller watching st.
func New(st *store.Store, events *events.Broadcaster) *Controller {
	c := &Controller{st: st, rec: events.NewRecorder(component, ""), tallies: map[string]*tally{}}
	c.queue = controller.NewQueue(st.Clock(), "sync ReplicaSet %s/%s", c.sync)
	st.Watch(c.handle, api.KindReplicaSet, api.KindPod)
	return c
}

func (c *Controller) now() time.Time { return c.st.Clock().Now() }

func (c *Controller) handle(ev store.WatchEvent) {
	switch ev.Kind {
	case api.KindReplicaSet:
		if ev.Type == store.Deleted {
			c.forgetTally(ev.Old.Meta().UID)
			return
		}
		var old *api.ReplicaSet
		if ev.Old != nil {
			old = ev.Old.(*api.ReplicaSet)
		}
		c.replicaSetChanged(old, ev.New.(*api.ReplicaSet))
		c.queue.Add(controller.KeyOf(ev.New.Meta()))
	case api.KindPod:
		var old, cur *api.Pod
		if ev.Old != nil {
			old = ev.Old.(*api.Pod)
		}
		if ev.Type != store.Deleted {
			cur = ev.New.(*api.Pod)
		}
		c.podCounted(old, cur)
		c.podChanged(ev)
	}
}

func (c *Controller) podChanged(ev store.WatchEvent) {
	p := ev.New.(*api.Pod)
	if ev.Type == store.Modified {
		old := ev.Old.(*api.Pod)
		oldRef, newRef := old.ControllerRef(), p.ControllerRef()
		if oldRef != nil && (newRef == nil || oldRef.UID != newRef.UID) {
			c.enqueueRef(p.Namespace, oldRef)
		}
		// A pod that became ready becomes available minReadySeconds later: look again then.
		if ref := p.ControllerRef(); ref != nil && !controller.IsPodReady(old) && controller.IsPodReady(p) {
			if o := c.owner(p.Namespace, ref); o != nil && o.Spec.MinReadySeconds > 0 {
				c.queue.AddAfter(controller.KeyOf(&o.ObjectMeta), availableAfter(o.Spec.MinReadySeconds))
			}
		}
	}
	if ref := p.ControllerRef(); ref != nil {
		c.enqueueRef(p.Namespace, ref)
		return
	}
	if ev.Type == store.Deleted {
		return
	}
	for _, o := range c.st.List(api.KindReplicaSet, p.Namespace) {
		rs := o.(*api.ReplicaSet)
		if rs.Spec.Selector.Matches(p.Labels) {
			c.queue.Add(controller.KeyOf(&rs.ObjectMeta))
		}
	}
}

func (c *Controller) owner(ns string, ref *api.OwnerReference) *api.ReplicaSet {
	if o := c.st.Owner(ns, ref, api.KindReplicaSet); o != nil {
		return o.(*api.ReplicaSet)
	}
	return nil
}

func (c *Controller) enqueueRef(ns string, ref *api.OwnerReference) {
	// A ReplicaSet with a tally exists (its tally goes when it does): no lookup needed.
	if t := c.tallyOf(ref.UID); t != nil {
		c.queue.Add(t.key)
		return
	}
	if rs := c.owner(ns, ref); rs != nil {
		c.queue.Add(controller.KeyOf(&rs.ObjectMeta))
	}
}

// sync is one reconcile of one ReplicaSet. A release that fails fails the pass, and the queue
// retries it.
func (c *Controller) sync(key controller.Key) error {
	ns, name := key.Namespace, key.Name
	o := c.st.Get(api.KindReplicaSet, ns, name)
	if o == nil {
		return nil
	}
	rs := o.(*api.ReplicaSet)
	t := c.tallyFor(rs)
	var active []*api.Pod
	if t.valid && rs.DeletionTimestamp == nil {
		c.adoptOrphans(rs, nil)
	} else {
		var terminating []*api.Pod
		var err error
		if active, terminating, err = c.claimPods(rs); err != nil {
			return err
		}
		t.recount(rs, active, terminating)
	}
	// Status counts the pods as they were when the pass began, as upstream does: pods created
	// or deleted now show up on the next pass, which their own watch events trigger.
	before := t.counts
	if !t.valid {
		before.available = c.available(rs, active)
	}
	var manageErr error
	if rs.DeletionTimestamp == nil {
		manageErr = c.manageReplicas(before.active, active, rs)
	}
	s := c.calculateStatus(rs, before, manageErr)
	rs = c.updateStatus(rs, s)
	if manageErr == nil && rs.Spec.MinReadySeconds > 0 && rs.Status.ReadyReplicas == api.Int32(rs.Spec.Replicas, 1) &&
		rs.Status.AvailableReplicas != api.Int32(rs.Spec.Replicas, 1) {
		c.queue.AddAfter(key, availableAfter(rs.Spec.MinReadySeconds))
	}
	return nil
}

// claimPods returns the active and terminating pods the ReplicaSet controls, adopting matching
// orphans and releasing owned pods whose labels no longer match. A release that fails is an
// error, as upstream's ClaimPods returns it.
func (c *Controller) claimPods(rs *api.ReplicaSet) (active, terminating []*api.Pod, err error) {
	consider := func(p *api.Pod) {
		if controller.IsPodActive(p) {
			active = append(active, p)
		} else if controller.IsPodTerminating(p) {
			terminating = append(terminating, p)
		}
	}
	for _, o := range c.st.Dependents(rs.UID) {
		p, ok := o.(*api.Pod)
		if !ok {
			continue
		}
		ref := p.ControllerRef()
		if ref == nil || ref.UID != rs.UID {
			continue
		}
		if rs.Spec.Selector.Matches(p.Labels) {
			consider(p)
			continue
		}
		if controller.IsPodActive(p) {
			cp := p.DeepCopy()
			cp.OwnerReferences = nil
			for _, r := range p.OwnerReferences {
				if r.UID != rs.UID {
					cp.OwnerReferences = append(cp.OwnerReferences, r)
				}
			}
			if err := c.st.Update(cp); err != nil && !api.IsNotFound(err) {
				return nil, nil, err
			}
		}
	}
	if rs.DeletionTimestamp != nil {
		return
	}
	c.adoptOrphans(rs, consider)
	return
}

// adoptOrphans takes matching pods that have no controller; consider (if any) sees each one.
func (c *Controller) adoptOrphans(rs *api.ReplicaSet, consider func(*api.Pod)) {
	for _, o := range c.st.Dependents("") {
		p, ok := o.(*api.Pod)
		if !ok || p.Namespace != rs.Namespace || !controller.IsPodActive(p) || !rs.Spec.Selector.Matches(p.Labels) {
			continue
		}
		cp := p.DeepCopy()
		cp.OwnerReferences = append(cp.OwnerReferences, controller.NewControllerRef(rs))
		if c.st.Update(cp) == nil && consider != nil {
			consider(cp)
		}
	}
}

// manageReplicas creates or deletes pods to reach spec.replicas, at most burstReplicas a pass.
// active lists the active pods when the caller has them (nil: looked up when needed).
func (c *Controller) manageReplicas(nActive int32, active []*api.Pod, rs *api.ReplicaSet) error {
	diff := int(nActive) - int(api.Int32(rs.Spec.Replicas, 1))
	switch {
	case diff < 0:
		c.st.Clock().Note("rs.create", rs.Name, nActive, api.Int32(rs.Spec.Replicas, 1), min(-diff, burstReplicas))
		return c.createPods(rs, min(-diff, burstReplicas))
	case diff > 0:
		if active == nil {
			active = c.activePods(rs)
		}
		diff = min(diff, burstReplicas)
		victims := active
		if diff < len(active) {
			victims = rankForDeletion(active, c.relatedNodeCounts(rs), c.now(), diff, &c.ranking)
		}
		c.st.Clock().Note("rs.delete", rs.Name, len(active), api.Int32(rs.Spec.Replicas, 1), diff)
		for _, p := range victims[:diff] {
			if _, err := c.st.Delete(api.KindPod, p.Namespace, p.Name, -1); err != nil {
				if !api.IsNotFound(err) {
					c.rec.Eventf(rs, api.EventWarning, "FailedDelete", "Error deleting: %v", err.Error())
					return err
				}
				continue
			}
			c.rec.Eventf(rs, api.EventNormal, "SuccessfulDelete", "Deleted pod: %v", p.Name)
		}
	}
	return nil
}

// createPods creates n pods in slow-start batches of 1, 2, 4, …; after a batch with a failure
// the rest waits for a later pass.
func (c *Controller) createPods(rs *api.ReplicaSet, n int) error {
	// Every pod of a pass gets the same name prefix and owner references: the list is shared,
	// as nothing changes what a stored object refers to.
	generateName, owners := rs.Name+"-", []api.OwnerReference{controller.NewControllerRef(rs)}
	batch := 1
	for n > 0 {
		size := min(batch, n)
		var firstErr error
		for i := 0; i < size; i++ {
			p := podFromTemplate(rs, generateName, owners)
			if err := c.st.Create(p); err != nil {
				c.rec.Eventf(rs, api.EventWarning, "FailedCreate", "Error creating: %v", err.Error())
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			c.rec.Eventf(rs, api.EventNormal, "SuccessfulCreate", "Created pod: %v", p.Name)
		}
		if firstErr != nil {
			return firstErr
		}
		n -= size
		batch *= 2
	}
	return nil
}

// podFromTemplate makes a pod of the ReplicaSet's; generateName is its name and "-", owners
// the reference to it.
func podFromTemplate(rs *api.ReplicaSet, generateName string, owners []api.OwnerReference) *api.Pod {
	// The spec and its containers are the pod's own (admission completes them); what they
	// refer to, and the label and annotation maps, are shared with the template, as nothing
	// changes what a stored object refers to. The pod and its spec are made together: the
	// binding replaces both.
	t := &rs.Spec.Template
	made := &struct {
		pod  api.Pod
		spec api.PodSpec
	}{spec: t.Spec}
	made.spec.Containers = slices.Clone(t.Spec.Containers)
	if made.spec.ServiceAccountName == "" {
		made.spec.ServiceAccountName = "default"
	}
	made.pod = api.Pod{
		ObjectMeta: api.ObjectMeta{
			GenerateName:    generateName,
			Namespace:       rs.Namespace,
			Labels:          t.Labels,
			Annotations:     t.Annotations,
			OwnerReferences: owners,
		},
		Spec:   &made.spec,
		Status: api.PodStatus{Phase: api.PodPending, QOSClass: "BestEffort"},
	}
	return &made.pod
}

// relatedNodeCounts counts the active pods per node of every ReplicaSet under the same owner
// (for the "doubled-up on a node" rank): from the tallies that can be trusted, else from the
// pods.
func (c *Controller) relatedNodeCounts(rs *api.ReplicaSet) nodeCounts {
	sets := []api.Object{rs}
	if ref := rs.ControllerRef(); ref != nil {
		sets = c.st.Dependents(ref.UID)
	}
	hint := 0 // the sets' pods are mostly on the nodes of rs's own: a map of that size seldom grows
	if t := c.tallies[rs.UID]; t != nil {
		hint = len(t.nodes)
	}
	out := make(nodeCounts, hint)
	for _, s := range sets {
		if t := c.tallies[s.Meta().UID]; t != nil && t.valid {
			for node, n := range t.nodes {
				out[node] += n
			}
			continue
		}
		for o := range c.st.EachDependent(s.Meta().UID) {
			if p, ok := o.(*api.Pod); ok && controller.IsPodActive(p) {
				out[p.Spec.NodeName]++
			}
		}
	}
	return out
}

// activePods lists the active pods the ReplicaSet controls.
func (c *Controller) activePods(rs *api.ReplicaSet) []*api.Pod {
	out := make([]*api.Pod, 0, c.st.DependentCount(rs.UID))
	for o := range c.st.EachDependent(rs.UID) {
		if p, ok := o.(*api.Pod); ok && controller.IsPodActive(p) {
			if ref := p.ControllerRef(); ref != nil && ref.UID == rs.UID {
				out = append(out, p)
			}
		}
	}
	return out
}

// available counts the pods that have been ready for minReadySeconds (time-dependent, so never
// kept in the tally).
func (c *Controller) available(rs *api.ReplicaSet, active []*api.Pod) int32 {
	var n int32
	for _, p := range active {
		if controller.IsPodAvailable(p, rs.Spec.MinReadySeconds, c.now()) {
			n++
		}
	}
	return n
}

func (c *Controller) calculateStatus(rs *api.ReplicaSet, n counts, manageErr error) api.ReplicaSetStatus {
	s := rs.Status
	s.Conditions = append([]api.ReplicaSetCondition(nil), rs.Status.Conditions...)
	failure := -1
	for i, cond := range s.Conditions {
		if cond.Type == api.DeploymentReplicaFailure {
			failure = i
		}
	}
	switch {
	case manageErr != nil && failure < 0:
		reason := "FailedCreate"
		if n.active > api.Int32(rs.Spec.Replicas, 1) {
			reason = "FailedDelete"
		}
		s.Conditions = append(s.Conditions, api.ReplicaSetCondition{Type: api.DeploymentReplicaFailure, Status: api.ConditionTrue,
			LastTransitionTime: api.Stamp(c.now()), Reason: reason, Message: manageErr.Error()})
	case manageErr == nil && failure >= 0:
		s.Conditions = append(s.Conditions[:failure], s.Conditions[failure+1:]...)
	}
	if len(s.Conditions) == 0 {
		s.Conditions = nil
	}
	s.Replicas = n.active
	s.FullyLabeledReplicas = n.labeled
	s.ReadyReplicas = n.ready
	s.AvailableReplicas = n.available
	s.TerminatingReplicas = api.Ptr(n.terminating)
	return s
}

func matchesAll(want, have map[string]string) bool {
	if store.EqualMaps(want, have) { // a pod's labels are its template's
		return true
	}
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

func (c *Controller) updateStatus(rs *api.ReplicaSet, s api.ReplicaSetStatus) *api.ReplicaSet {
	s.ObservedGeneration = rs.Generation
	if reflect.DeepEqual(rs.Status, s) {
		return rs
	}
	cp := rs.DeepCopy()
	cp.Status = s
	if err := c.st.UpdateStatus(cp); err != nil {
		return rs
	}
	return cp
}

// availableAfter is when to look again at pods that just became ready. A pod is available once
// it has been ready for strictly more than minReadySeconds; a real work queue never fires at
// exactly that instant, and neither must ours, or the check would wait a whole period more.
func availableAfter(minReadySeconds int32) time.Duration {
	return time.Duration(minReadySeconds)*time.Second + 10*time.Millisecond
}
