// Package gc is the garbage collector: when an owner is deleted, its dependents are deleted too
// (background propagation, kubectl's default), so deleting a Deployment removes its ReplicaSets
// and, through them, their pods. An owner deleted in the foreground stays, with the
// foregroundDeletion finalizer, until its blocking dependents are gone.
package gc

import (
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller"
	"rolloutlab/engine/store"
)

// Collector deletes dependents whose owners are all gone.
type Collector struct {
	st *store.Store
}

// New starts a garbage collector watching st.
func New(st *store.Store) *Collector {
	c := &Collector{st: st}
	st.Watch(c.handle, api.KindDeployment, api.KindReplicaSet, api.KindPod, api.KindNode)
	return c
}

func (c *Collector) handle(ev store.WatchEvent) {
	if ev.Type == store.Modified && waitingForDependents(ev.New) && !waitingForDependents(ev.Old) {
		c.schedule(ev.Kind, ev.New.Meta())
	}
	if ev.Type != store.Deleted {
		return
	}
	c.ownersWaiting(ev.Old)
	m := ev.Old.Meta()
	if c.st.DependentCount(m.UID) == 0 {
		return
	}
	c.scheduleCollect(m.UID, ev.Kind, m.Name, 0)
}

// scheduleCollect collects the dependents of the owner now (and again while a delete fails).
func (c *Collector) scheduleCollect(uid, kind, name string, failures int) {
	c.retry("garbage-collect dependents of %s %s", kind, name, failures, func() error { return c.collect(uid) })
}

// retry runs work now, or after the rate-limited delay of its failures-th retry, and again
// while it fails, as the collector's attemptToDelete queue retries a failed write.
func (c *Collector) retry(label, kind, name string, failures int, work func() error) {
	var after time.Duration
	if failures > 0 {
		after = controller.RetryDelay(failures)
	}
	c.st.Clock().After(after, label, func() {
		if work() != nil {
			c.retry(label, kind, name, failures+1, work)
		}
	}, kind, name)
}

// collect deletes the owner's dependents that have no other owner left; it goes through all of
// them and returns the first error.
func (c *Collector) collect(ownerUID string) error {
	var first error
	for _, o := range c.st.Dependents(ownerUID) {
		if c.ownerAlive(o) {
			continue
		}
		m := o.Meta()
		if m.DeletionTimestamp != nil {
			continue
		}
		c.st.Clock().Note("gc.delete", o.ObjectKind(), m.Name)
		if _, err := c.st.Delete(o.ObjectKind(), m.Namespace, m.Name, -1); err != nil && !api.IsNotFound(err) && first == nil {
			first = err
		}
	}
	return first
}

// waitingForDependents: o is being deleted in the foreground.
func waitingForDependents(o api.Object) bool {
	m := o.Meta()
	if m.DeletionTimestamp == nil {
		return false
	}
	for _, f := range m.Finalizers() {
		if f == store.FinalizerForeground {
			return true
		}
	}
	return false
}

func (c *Collector) schedule(kind string, m *api.ObjectMeta) {
	ns, name, uid := m.Namespace, m.Name, m.UID
	c.retry("delete the dependents of %s %s (foreground)", kind, name, 0, func() error { return c.deleteDependents(kind, ns, name, uid) })
}

// ownersWaiting schedules another look at each owner of the deleted object gone that is being
// deleted in the foreground: it may have no blocking dependent left.
func (c *Collector) ownersWaiting(gone api.Object) {
	m := gone.Meta()
	for i := range m.OwnerReferences {
		r := &m.OwnerReferences[i]
		if r.BlockOwnerDeletion == nil || !*r.BlockOwnerDeletion {
			continue
		}
		if o := c.st.Owner(m.Namespace, r, ""); o != nil && waitingForDependents(o) {
			c.schedule(o.ObjectKind(), o.Meta())
		}
	}
}

// deleteDependents is the garbage collector's work on an owner deleted in the foreground: it
// deletes the dependents whose reference to the owner has blockOwnerDeletion (a dependent
// that has dependents of its own in the foreground too, so that the chain goes bottom-up),
// and once none is left it removes the foregroundDeletion finalizer, which lets the API server
// delete the owner.
func (c *Collector) deleteDependents(kind, ns, name, uid string) error {
	o := c.st.Get(kind, ns, name)
	if o == nil || o.Meta().UID != uid || !waitingForDependents(o) {
		return nil
	}
	var first error
	blocking := 0
	for _, d := range c.st.Dependents(uid) {
		if !blocks(d, uid) {
			continue
		}
		blocking++
		dm := d.Meta()
		if dm.DeletionTimestamp != nil {
			continue
		}
		policy := store.PropagateBackground
		if c.st.DependentCount(dm.UID) > 0 {
			policy = store.PropagateForeground
		}
		c.st.Clock().Note("gc.deleteForeground", d.ObjectKind(), dm.Name, name)
		if _, err := c.st.DeletePropagating(d.ObjectKind(), dm.Namespace, dm.Name, -1, policy); err != nil && !api.IsNotFound(err) && first == nil {
			first = err
		}
	}
	if blocking > 0 {
		return first
	}
	cp := o.CopyObject()
	m := cp.Meta()
	u := *m.MetaUnused
	u.Finalizers = nil
	for _, f := range m.Finalizers() {
		if f != store.FinalizerForeground {
			u.Finalizers = append(u.Finalizers, f)
		}
	}
	m.MetaUnused = &u
	c.st.Clock().Note("gc.finalize", kind, name)
	if err := c.st.Update(cp); err != nil && !api.IsNotFound(err) {
		return err
	}
	return nil
}

// blocks: d's reference to the owner with ownerUID has blockOwnerDeletion.
func blocks(d api.Object, ownerUID string) bool {
	for _, r := range d.Meta().OwnerReferences {
		if r.UID == ownerUID && r.BlockOwnerDeletion != nil && *r.BlockOwnerDeletion {
			return true
		}
	}
	return false
}

// ownerAlive: some owner reference still points at an existing object with that UID.
func (c *Collector) ownerAlive(o api.Object) bool {
	for i := range o.Meta().OwnerReferences {
		if c.st.Owner(o.Meta().Namespace, &o.Meta().OwnerReferences[i], "") != nil {
			return true
		}
	}
	return false
}

// Orphan removes the owner reference to ownerUID from each of its dependents, as the garbage
// collector does for a deletion with propagationPolicy=Orphan before the owner goes: the
// dependents keep running, and a new owner whose selector matches adopts them. It returns the
// first update that fails (the others are still released).
func Orphan(st *store.Store, ownerUID string) error {
	var first error
	for _, o := range st.Dependents(ownerUID) {
		cp := o.CopyObject()
		m := cp.Meta()
		var refs []api.OwnerReference
		for _, r := range m.OwnerReferences {
			if r.UID != ownerUID {
				refs = append(refs, r)
			}
		}
		m.OwnerReferences = refs
		if err := st.Update(cp); err != nil && first == nil {
			first = err
		}
	}
	return first
}
