package deployment

import (
	"fmt"
	"strconv"

	"rolloutlab/engine/api"
)

// rollbackTo reads the legacy rollback annotation (an unparsable value is ignored).
func rollbackTo(d *api.Deployment) (int64, bool) {
	v, ok := d.Annotations[api.RollbackToAnnotation]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// rollback honours deprecated.deployment.rollback.to, which apps/v1 still acts on when set by
// hand: copy the target revision's template into the Deployment and drop the annotation.
// (kubectl rollout undo does not use this: it patches the template itself.)
func (c *Controller) rollback(d *api.Deployment, rsList []*api.ReplicaSet) {
	d, newRS, old := c.replicaSetsAndSyncRevision(d, rsList, true)
	all := append(append([]*api.ReplicaSet(nil), old...), newRS)
	target, _ := rollbackTo(d)
	if target == 0 {
		if target = lastRevision(all); target == 0 {
			c.event(d, api.EventWarning, ReasonRollbackNotFound, "Unable to find last revision.")
			c.clearRollbackTo(d)
			return
		}
	}
	for _, rs := range all {
		if rs == nil {
			continue
		}
		v, err := Revision(rs)
		if err != nil || v != target {
			continue
		}
		if EqualIgnoreHash(&d.Spec.Template, &rs.Spec.Template) {
			c.event(d, api.EventWarning, ReasonRollbackUnchanged, "The rollback revision contains the same template as current deployment %q", d.Name)
			c.clearRollbackTo(d)
			return
		}
		SetFromReplicaSet(d, rs)
		if c.clearRollbackTo(d) {
			c.event(d, api.EventNormal, ReasonRollbackDone, "%s", fmt.Sprintf("Rolled back deployment %q to revision %d", d.Name, target))
		}
		return
	}
	c.event(d, api.EventWarning, ReasonRollbackNotFound, "Unable to find the revision to rollback to.")
	c.clearRollbackTo(d)
}

func (c *Controller) clearRollbackTo(d *api.Deployment) bool {
	cp := d.DeepCopy()
	delete(cp.Annotations, api.RollbackToAnnotation)
	return c.st.Update(cp) == nil
}

// SetFromReplicaSet gives d the ReplicaSet's template (without the pod-template-hash label) and
// annotations, keeping d's own values of the keys that are never copied. kubectl rollout undo
// builds the same result.
func SetFromReplicaSet(d *api.Deployment, rs *api.ReplicaSet) {
	t := rs.Spec.Template.DeepCopy()
	delete(t.Labels, api.PodTemplateHashLabel)
	d.Spec.Template = t
	ann := map[string]string{}
	for k, v := range d.Annotations {
		if skipCopyAnnotation(k) {
			ann[k] = v
		}
	}
	for k, v := range rs.Annotations {
		if !skipCopyAnnotation(k) {
			ann[k] = v
		}
	}
	d.Annotations = ann
}
