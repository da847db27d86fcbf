// Package gc is the garbage collector: when an owner is deleted, its dependents are deleted too
// (background propagation, kubectl's default), so deleting a Deployment removes its ReplicaSets
// and, through them, their pods.
package gc

import (
	"rolloutlab/engine/api"
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
	uid := m.UID
	c.st.Clock().After(0, "garbage-collect dependents of %s %s", func() { c.collect(uid) }, ev.Kind, m.Name)
}

func (c *Collector) collect(ownerUID string) {
	for _, o := range c.st.Dependents(ownerUID) {
		if c.ownerAlive(o) {
			continue
		}
		m := o.Meta()
		if m.DeletionTimestamp != nil {
			continue
		}
		c.st.Clock().Note("gc.delete", o.ObjectKind(), m.Name)
		_, _ = c.st.Delete(o.ObjectKind(), m.Namespace, m.Name, -1)
	}
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
// dependents keep running, and a new owner whose selector matches adopts them.
func Orphan(st *store.Store, ownerUID string) {
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
		_ = st.Update(cp)
	}
}
