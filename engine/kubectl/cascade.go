package kubectl

import (
	"fmt"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller/gc"
	"rolloutlab/engine/store"
)

// cascade is kubectl delete's --cascade: the propagationPolicy it sends, or orphan.
type cascade struct {
	policy store.Propagation
	orphan bool
}

// cascadePolicy reads --cascade as kubectl does: background (the default, also "true"),
// foreground, or orphan (also "false"); the boolean spellings are deprecated with a warning.
func cascadePolicy(p *parsed, res *Result) (c cascade, ok bool) {
	switch v := p.str("cascade", "background"); v {
	case "background":
		return cascade{policy: store.PropagateBackground}, true
	case "foreground":
		return cascade{policy: store.PropagateForeground}, true
	case "orphan":
		return cascade{policy: store.PropagateBackground, orphan: true}, true
	case "true":
		res.Stderr.WriteString("warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n")
		return cascade{policy: store.PropagateBackground}, true
	case "false":
		res.Stderr.WriteString("warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n")
		return cascade{policy: store.PropagateBackground, orphan: true}, true
	default:
		res.fail(fmt.Errorf(`error: invalid cascade value (%s). Must be "background", "foreground", or "orphan".`, v))
		return cascade{}, false
	}
}

// orphanDependents releases what the object of kind/name owns before it is deleted.
func (k *Kubectl) orphanDependents(kind, ns, name string) error {
	if o := k.C.Store.Get(kind, ns, name); o != nil {
		return gc.Orphan(k.C.Store, o.Meta().UID)
	}
	return nil
}

// deleteWatch is kubectl delete's --wait (on by default): after printing what it deleted, it
// waits until each object that the deletion only marked (a pod in its grace period, an owner
// held by foregroundDeletion until its dependents are gone) no longer exists.
type deleteWatch struct {
	k        *Kubectl
	res      *Result
	pending  []pendingDelete
	deadline time.Time
}

type pendingDelete struct {
	t        *resourceType
	ns, name string
	uid      string
}

// Deadline is --timeout after the deletion; kubectl's default 0 waits a week, which the
// engine's own bound on a wait cuts shorter.
func (w *deleteWatch) Deadline() time.Time { return w.deadline }

func (w *deleteWatch) Observe() bool {
	left := w.pending[:0]
	for _, d := range w.pending {
		if o := w.k.C.Store.Get(d.t.kind, d.ns, d.name); o != nil && o.Meta().UID == d.uid {
			left = append(left, d)
		}
	}
	w.pending = left
	return len(left) == 0
}

// Expire reports the first object still there, as kubectl's wait does.
func (w *deleteWatch) Expire() {
	d := w.pending[0]
	w.res.failf("timed out waiting for the condition on %s/%s", d.t.plural, d.name)
}

// awaitDeletion records an object the deletion left in place.
func (w *deleteWatch) awaitDeletion(t *resourceType, o api.Object) {
	if o == nil {
		return
	}
	m := o.Meta()
	if m.DeletionTimestamp == nil {
		return
	}
	if cur := w.k.C.Store.Get(t.kind, m.Namespace, m.Name); cur != nil && cur.Meta().UID == m.UID {
		w.pending = append(w.pending, pendingDelete{t: t, ns: m.Namespace, name: m.Name, uid: m.UID})
	}
}
