package deployment

import (
	"fmt"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller"
)

// rolloutRolling is one pass of the RollingUpdate strategy: scale the new ReplicaSet up if the
// surge allows, else scale old ones down if availability allows, else clean up once complete.
func (c *Controller) rolloutRolling(d *api.Deployment, rsList []*api.ReplicaSet) error {
	d, newRS, old := c.replicaSetsAndSyncRevision(d, rsList, true)
	if newRS == nil {
		return nil
	}
	all := append(append([]*api.ReplicaSet(nil), old...), newRS)
	up, after, err := c.reconcileNewReplicaSet(all, newRS, d)
	if err != nil {
		return nil // a maxSurge the controller cannot resolve fails the pass, as upstream
	}
	if up {
		all[len(all)-1] = after
		c.syncRolloutStatus(all, after, d)
		return nil
	}
	down, allAfter, err := c.reconcileOldReplicaSets(all, filterActive(old), newRS, d)
	if err != nil {
		// The ReplicaSet status lags behind its spec: upstream fails the pass and retries.
		c.queue.AddAfter(controller.KeyOf(&d.ObjectMeta), controller.RetryDelay(1))
		return nil
	}
	if down {
		c.syncRolloutStatus(allAfter, newRS, d)
		return nil
	}
	if DeploymentComplete(d, &d.Status) {
		if err := c.cleanupDeployment(old, d); err != nil {
			return err
		}
	} else if c.st.Clock().Noting() {
		c.note("rolling.wait", d.Name, replicas(d)+MaxSurge(d), replicaCount(all), replicas(d)-MaxUnavailable(d), availableReplicaCount(all))
	}
	c.syncRolloutStatus(all, newRS, d)
	return nil
}

// reconcileNewReplicaSet grows the new ReplicaSet within maxSurge, or shrinks it to replicas.
func (c *Controller) reconcileNewReplicaSet(all []*api.ReplicaSet, newRS *api.ReplicaSet, d *api.Deployment) (bool, *api.ReplicaSet, error) {
	switch n := rsReplicas(newRS); {
	case n == replicas(d):
		return false, newRS, nil
	case n > replicas(d):
		up, after := c.scaleAndRecord(newRS, replicas(d), d)
		return up, after, nil
	}
	size, err := NewRSNewReplicas(d, all, newRS)
	if err != nil {
		return false, newRS, err
	}
	if size != rsReplicas(newRS) && c.st.Clock().Noting() {
		surge, _ := rollingParams(d)
		c.note("rolling.scaleUp", newRS.Name, rsReplicas(newRS), size, strategyValue(surge), replicas(d), MaxSurge(d), replicaCount(all))
	}
	up, after := c.scaleAndRecord(newRS, size, d)
	return up, after, nil
}

// reconcileOldReplicaSets shrinks old ReplicaSets as far as maxUnavailable allows, removing
// unhealthy replicas first. It returns whether anything was scaled and the updated list.
func (c *Controller) reconcileOldReplicaSets(all, oldActive []*api.ReplicaSet, newRS *api.ReplicaSet, d *api.Deployment) (bool, []*api.ReplicaSet, error) {
	if replicaCount(oldActive) == 0 {
		return false, all, nil
	}
	// Old replicas may go only while that keeps minAvailable: the surge pods already made count
	// for it, and so do the new ReplicaSet's unavailable ones, which must not let old ones go.
	// Worked example (upstream's): 10 replicas, maxUnavailable 2, maxSurge 3, so minAvailable 8.
	//   - A rollout has the old ReplicaSet at 8 and the new one at 5 (13 pods), and the new pods
	//     crash-loop. maxScaledDown = 13 − 8 − 5 = 0: when a node then takes an old pod down,
	//     nothing more is scaled down.
	//   - The user rolls back: the good ReplicaSet is the new one again, with 1 unavailable
	//     (the lost node's pod). maxScaledDown = 13 − 8 − 1 = 4: four crash-looping pods go,
	//     leaving 9 pods, and the good ReplicaSet can grow to 10.
	//   - Instead the user rolls over to a third template: its ReplicaSet starts at 0 (13 pods
	//     already), none unavailable, so the old two may shrink by 13 − 8 − 0 = 5 and the new
	//     one grow by 5.
	minAvailable := replicas(d) - MaxUnavailable(d)
	newUnavailable := rsReplicas(newRS) - newRS.Status.AvailableReplicas
	maxScaledDown := replicaCount(all) - minAvailable - newUnavailable
	if maxScaledDown <= 0 {
		return false, all, nil
	}
	oldActive, cleaned, err := c.cleanupUnhealthyReplicas(oldActive, d, maxScaledDown)
	if err != nil {
		return false, all, err
	}
	allAfter := append(append([]*api.ReplicaSet(nil), oldActive...), newRS)
	scaled := c.scaleDownOldForRollingUpdate(allAfter, oldActive, d)
	return cleaned+scaled > 0, allAfter, nil
}

// cleanupUnhealthyReplicas removes not-available replicas of old ReplicaSets, oldest first,
// without waiting for anything: they serve nobody.
func (c *Controller) cleanupUnhealthyReplicas(old []*api.ReplicaSet, d *api.Deployment, maxCleanup int32) ([]*api.ReplicaSet, int32, error) {
	old = append([]*api.ReplicaSet(nil), old...)
	sortByCreation(old)
	var total int32
	for i, rs := range old {
		if total >= maxCleanup {
			break
		}
		spec := rsReplicas(rs)
		if spec == 0 || spec == rs.Status.AvailableReplicas {
			continue
		}
		n := min(maxCleanup-total, spec-rs.Status.AvailableReplicas)
		if n < 0 {
			// More available than wanted: the status is stale, never scale up here.
			return old, total, fmt.Errorf("when cleaning up unhealthy replicas, got invalid request to scale down %s/%s %d -> %d", rs.Namespace, rs.Name, spec, spec-n)
		}
		c.note("rolling.cleanup", rs.Name, spec, spec-n, spec-rs.Status.AvailableReplicas)
		_, old[i] = c.scaleAndRecord(rs, spec-n, d)
		total += n
	}
	return old, total, nil
}

// scaleDownOldForRollingUpdate removes available old replicas while more than minAvailable
// pods are available, oldest ReplicaSet first.
func (c *Controller) scaleDownOldForRollingUpdate(all, old []*api.ReplicaSet, d *api.Deployment) int32 {
	minAvailable := replicas(d) - MaxUnavailable(d)
	available := availableReplicaCount(all)
	if available <= minAvailable {
		return 0
	}
	old = append([]*api.ReplicaSet(nil), old...)
	sortByCreation(old)
	budget := available - minAvailable
	var total int32
	for _, rs := range old {
		if total >= budget {
			break
		}
		spec := rsReplicas(rs)
		if spec == 0 {
			continue
		}
		n := min(spec, budget-total)
		if c.st.Clock().Noting() {
			_, unavail := rollingParams(d)
			c.note("rolling.scaleDown", rs.Name, spec, spec-n, strategyValue(unavail), replicas(d), MaxUnavailable(d), minAvailable, available)
		}
		c.scaleAndRecord(rs, spec-n, d)
		total += n
	}
	return total
}
