// Package gc is the garbage collector: when an owner is deleted, its dependents are deleted too
// (background propagation, kubectl's default), so deleting a Deployment removes its ReplicaSets
// and, through them, their pods.
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
	if ev.Type != store.Deleted {
		return
	}
	m := ev.Old.Meta()
	if c.st.DependentCount(m.UID) == 0 {
		return
	}
	c.schedule(m.UID, ev.Kind, m.Name, 0)
}

// schedule collects the dependents of the owner now, or after the rate-limited delay of its
// failures-th retry: a delete that fails is tried again, as the collector's attemptToDelete
// queue does.
func (c *Collector) schedule(uid, kind, name string, failures int) {
	var after time.Duration
	if failures > 0 {
		after = controller.RetryDelay(failures)
	}
	c.st.Clock().After(after, "garbage-collect dependents of %s %s", func() {
		if c.collect(uid) != nil {
			c.schedule(uid, kind, name, failures+1)
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
