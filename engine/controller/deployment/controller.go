// Package deployment is the Deployment controller: it turns a Deployment's spec into
// ReplicaSets (new and old), rolls between them with the RollingUpdate or Recreate strategy,
// scales proportionally, records revisions and writes the Deployment's status and conditions.
package deployment

import (
	"fmt"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller"
	"rolloutlab/engine/events"
	"rolloutlab/engine/store"
)

const component = "deployment-controller"

// Controller reconciles Deployments.
type Controller struct {
	st    *store.Store
	rec   *events.Recorder
	queue *controller.Queue
}

// New starts a Deployment controller watching st.
func New(st *store.Store, events *events.Broadcaster) *Controller {
	c := &Controller{st: st, rec: events.NewRecorder(component, "")}
	c.queue = controller.NewQueue(st.Clock(), "sync Deployment %s/%s", c.sync)
	st.Watch(c.handle, api.KindDeployment, api.KindReplicaSet, api.KindPod)
	return c
}

func (c *Controller) now() time.Time { return c.st.Clock().Now() }

func (c *Controller) handle(ev store.WatchEvent) {
	switch ev.Kind {
	case api.KindDeployment:
		c.queue.Add(controller.KeyOf(ev.New.Meta()))
	case api.KindReplicaSet:
		c.replicaSetChanged(ev)
	case api.KindPod:
		if ev.Type == store.Deleted {
			c.podDeleted(ev.Old.(*api.Pod))
		}
	}
}

// replicaSetChanged queues the Deployment that owns the ReplicaSet (before and after the
// change), or, for an orphan, every Deployment whose selector matches it.
func (c *Controller) replicaSetChanged(ev store.WatchEvent) {
	rs := ev.New.(*api.ReplicaSet)
	if ev.Old != nil && ev.Type == store.Modified {
		oldRef, newRef := ev.Old.Meta().ControllerRef(), rs.ControllerRef()
		if oldRef != nil && (newRef == nil || oldRef.UID != newRef.UID) {
			c.enqueueOwner(rs.Namespace, oldRef)
		}
	}
	if ref := rs.ControllerRef(); ref != nil {
		c.enqueueOwner(rs.Namespace, ref)
		return
	}
	if ev.Type == store.Deleted {
		return
	}
	for _, o := range c.st.List(api.KindDeployment, rs.Namespace) {
		d := o.(*api.Deployment)
		if d.Spec.Selector.Matches(rs.Labels) {
			c.queue.Add(controller.KeyOf(&d.ObjectMeta))
		}
	}
}

func (c *Controller) enqueueOwner(ns string, ref *api.OwnerReference) {
	if o := c.st.Owner(ns, ref, api.KindDeployment); o != nil {
		c.queue.Add(controller.KeyOf(o.Meta()))
	}
}

// podDeleted wakes a Recreate Deployment once the last pod of its ReplicaSets is gone.
func (c *Controller) podDeleted(p *api.Pod) {
	o := c.st.Owner(p.Namespace, p.ControllerRef(), api.KindReplicaSet)
	if o == nil {
		return
	}
	do := c.st.Owner(p.Namespace, o.Meta().ControllerRef(), api.KindDeployment)
	if do == nil {
		return
	}
	d := do.(*api.Deployment)
	if d.Spec.Strategy.Type != api.RecreateStrategy {
		return
	}
	for _, rs := range c.ownedReplicaSets(d) {
		if c.st.DependentCount(rs.UID) > 0 {
			return
		}
	}
	c.queue.Add(controller.KeyOf(&d.ObjectMeta))
}

// ownedReplicaSets lists the ReplicaSets whose controller is d, without adopting.
func (c *Controller) ownedReplicaSets(d *api.Deployment) []*api.ReplicaSet {
	var out []*api.ReplicaSet
	for _, o := range c.st.Dependents(d.UID) {
		if rs, ok := o.(*api.ReplicaSet); ok {
			if ref := rs.ControllerRef(); ref != nil && ref.UID == d.UID {
				out = append(out, rs)
			}
		}
	}
	return out
}

// note explains a decision for the step-by-step view (see engine/explain).
func (c *Controller) note(key string, args ...any) { c.st.Clock().Note(key, args...) }

func strategyValue(v *api.IntOrString) string {
	if v == nil {
		return "0"
	}
	return v.String()
}

func (c *Controller) event(d *api.Deployment, eventType, reason, format string, args ...any) {
	c.rec.Eventf(d, eventType, reason, format, args...)
}

// sync is one reconcile of one Deployment (syncDeployment upstream). A write that fails fails
// the pass, and the queue retries it.
func (c *Controller) sync(key controller.Key) error {
	ns, name := key.Namespace, key.Name
	o := c.st.Get(api.KindDeployment, ns, name)
	if o == nil {
		return nil
	}
	d := o.(*api.Deployment).DeepCopy()
	if d.Spec.Selector.Empty() {
		c.event(d, api.EventWarning, ReasonSelectingAll, "This deployment is selecting all pods. A non-empty selector is required.")
		if d.Status.ObservedGeneration < d.Generation {
			d.Status.ObservedGeneration = d.Generation
			return c.st.UpdateStatus(d)
		}
		return nil
	}
	rsList, err := c.claimReplicaSets(d)
	if err != nil {
		return err
	}
	if d.DeletionTimestamp != nil {
		c.syncStatusOnly(d, rsList)
		return nil
	}
	d = c.checkPausedConditions(d)
	if d.Spec.Paused {
		c.syncScale(d, rsList)
		return nil
	}
	if _, ok := rollbackTo(d); ok {
		c.rollback(d, rsList)
		return nil
	}
	d, scaling := c.isScalingEvent(d, rsList)
	if scaling {
		c.syncScale(d, rsList)
		return nil
	}
	if d.Spec.Strategy.Type == api.RecreateStrategy {
		return c.rolloutRecreate(d, rsList)
	}
	return c.rolloutRolling(d, rsList)
}

// claimReplicaSets adopts matching orphans and releases owned ReplicaSets that no longer match.
// A release that fails is an error, as upstream's ClaimReplicaSets returns it.
func (c *Controller) claimReplicaSets(d *api.Deployment) ([]*api.ReplicaSet, error) {
	var out []*api.ReplicaSet
	for _, o := range c.st.List(api.KindReplicaSet, d.Namespace) {
		rs := o.(*api.ReplicaSet)
		ref := rs.ControllerRef()
		matches := d.Spec.Selector.Matches(rs.Labels)
		switch {
		case ref != nil && ref.UID == d.UID:
			if matches {
				out = append(out, rs)
				continue
			}
			cp := rs.DeepCopy()
			cp.OwnerReferences = removeOwner(cp.OwnerReferences, d.UID)
			if err := c.st.Update(cp); err != nil && !api.IsNotFound(err) {
				return nil, err
			}
		case ref == nil && matches && d.DeletionTimestamp == nil && rs.DeletionTimestamp == nil:
			cp := rs.DeepCopy()
			cp.OwnerReferences = append(cp.OwnerReferences, controller.NewControllerRef(d))
			if c.st.Update(cp) == nil {
				out = append(out, cp)
			}
		}
	}
	return out, nil
}

func removeOwner(refs []api.OwnerReference, uid string) []api.OwnerReference {
	var out []api.OwnerReference
	for _, r := range refs {
		if r.UID != uid {
			out = append(out, r)
		}
	}
	return out
}

// writeStatus stores d's status and returns a fresh copy to keep working on.
func (c *Controller) writeStatus(d *api.Deployment) *api.Deployment {
	if err := c.st.UpdateStatus(d); err != nil {
		return d
	}
	return d.DeepCopy()
}

// checkPausedConditions records Progressing=Unknown DeploymentPaused / DeploymentResumed,
// unless the rollout already timed out.
func (c *Controller) checkPausedConditions(d *api.Deployment) *api.Deployment {
	if !hasProgressDeadline(d) {
		return d
	}
	cond := getCondition(&d.Status, api.DeploymentProgressing)
	if cond != nil && cond.Reason == ReasonTimedOut {
		return d
	}
	pausedCond := cond != nil && cond.Reason == ReasonPaused
	switch {
	case d.Spec.Paused && !pausedCond:
		setCondition(&d.Status, newCondition(api.DeploymentProgressing, api.ConditionUnknown, ReasonPaused, "Deployment is paused", c.now()))
	case !d.Spec.Paused && pausedCond:
		setCondition(&d.Status, newCondition(api.DeploymentProgressing, api.ConditionUnknown, ReasonResumed, "Deployment is resumed", c.now()))
	default:
		return d
	}
	return c.writeStatus(d)
}

// scaleReplicaSet sets a ReplicaSet's size and its desired/max annotations; a size change
// records the ScalingReplicaSet event.
func (c *Controller) scaleReplicaSet(rs *api.ReplicaSet, size int32, d *api.Deployment) (bool, *api.ReplicaSet) {
	sizeChange := rsReplicas(rs) != size
	annChange := replicasAnnotationsNeedUpdate(rs, replicas(d), replicas(d)+MaxSurge(d))
	if !sizeChange && !annChange {
		return false, rs
	}
	old := rsReplicas(rs)
	cp := rs.CopyForScale()
	cp.Spec.Replicas = api.Ptr(size)
	setReplicasAnnotations(cp, replicas(d), replicas(d)+MaxSurge(d))
	if err := c.st.Update(cp); err != nil {
		return false, rs
	}
	if sizeChange {
		dir := "up"
		if size < old {
			dir = "down"
		}
		c.event(d, api.EventNormal, ReasonScalingReplicaSet, "Scaled %s replica set %s from %d to %d", dir, cp.Name, old, size)
	}
	return sizeChange, cp
}

// scaleAndRecord scales only when the size differs.
func (c *Controller) scaleAndRecord(rs *api.ReplicaSet, size int32, d *api.Deployment) (bool, *api.ReplicaSet) {
	if rsReplicas(rs) == size {
		return false, rs
	}
	return c.scaleReplicaSet(rs, size, d)
}

func rsMessage(d *api.Deployment, newRS *api.ReplicaSet, rsFormat, dFormat string) string {
	if newRS != nil {
		return fmt.Sprintf(rsFormat, newRS.Name)
	}
	return fmt.Sprintf(dFormat, d.Name)
}
