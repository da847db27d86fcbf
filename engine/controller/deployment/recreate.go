package deployment

import (
	"rolloutlab/engine/api"
)

// rolloutRecreate is one pass of the Recreate strategy: old ReplicaSets go to 0, and only when
// none of their pods is left does the new ReplicaSet get all replicas at once.
func (c *Controller) rolloutRecreate(d *api.Deployment, rsList []*api.ReplicaSet) error {
	d, newRS, old := c.replicaSetsAndSyncRevision(d, rsList, false)
	scaled := false
	for i, rs := range old {
		if rsReplicas(rs) == 0 {
			continue
		}
		c.note("recreate.scaleDown", rs.Name, rsReplicas(rs))
		_, old[i] = c.scaleAndRecord(rs, 0, d)
		scaled = true
	}
	all := append(append([]*api.ReplicaSet(nil), old...), newRS)
	if !scaled && c.oldPodsRunning(newRS, old) {
		c.note("recreate.waitOldPods", d.Name)
	}
	if scaled || c.oldPodsRunning(newRS, old) {
		c.syncRolloutStatus(all, newRS, d)
		return nil
	}
	if newRS == nil {
		d, newRS, old = c.replicaSetsAndSyncRevision(d, rsList, true)
		all = append(append([]*api.ReplicaSet(nil), old...), newRS)
	}
	if newRS != nil {
		if _, after := c.scaleAndRecord(newRS, replicas(d), d); after != newRS {
			newRS = after
			all[len(all)-1] = after
		}
	}
	if DeploymentComplete(d, &d.Status) {
		if err := c.cleanupDeployment(old, d); err != nil {
			return err
		}
	}
	c.syncRolloutStatus(all, newRS, d)
	return nil
}

// oldPodsRunning: an old ReplicaSet still reports pods, or one of its pods has not finished
// (terminating pods count).
func (c *Controller) oldPodsRunning(newRS *api.ReplicaSet, old []*api.ReplicaSet) bool {
	if actualReplicaCount(old) > 0 {
		return true
	}
	for _, rs := range old {
		if newRS != nil && rs.UID == newRS.UID {
			continue
		}
		for _, o := range c.st.Dependents(rs.UID) {
			p, ok := o.(*api.Pod)
			if !ok {
				continue
			}
			if p.Status.Phase != api.PodSucceeded && p.Status.Phase != api.PodFailed {
				return true
			}
		}
	}
	return false
}
