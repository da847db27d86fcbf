package kubectl

import (
	"fmt"

	"rolloutlab/engine/controller/gc"
)

// cascadeOrphan reads --cascade as kubectl does: background (the default, also "true"),
// foreground, or orphan (also "false"); the boolean spellings are deprecated with a warning.
// It reports whether dependents are to be orphaned.
func cascadeOrphan(p *parsed, res *Result) (orphan, ok bool) {
	switch v := p.str("cascade", "background"); v {
	case "background", "foreground":
		return false, true
	case "orphan":
		return true, true
	case "true":
		res.Stderr.WriteString("warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n")
		return false, true
	case "false":
		res.Stderr.WriteString("warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n")
		return true, true
	default:
		res.fail(fmt.Errorf(`error: invalid cascade value (%s). Must be "background", "foreground", or "orphan".`, v))
		return false, false
	}
}

// orphanDependents releases what the object of kind/name owns before it is deleted.
func (k *Kubectl) orphanDependents(kind, ns, name string) error {
	if o := k.C.Store.Get(kind, ns, name); o != nil {
		return gc.Orphan(k.C.Store, o.Meta().UID)
	}
	return nil
}
