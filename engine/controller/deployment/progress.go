package deployment

import (
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller"
)

// syncRolloutStatus writes the status of a rollout pass, including the Progressing condition:
// complete, progressing, or timed out against progressDeadlineSeconds.
func (c *Controller) syncRolloutStatus(all []*api.ReplicaSet, newRS *api.ReplicaSet, d *api.Deployment) {
	s := c.calculateStatus(all, newRS, d)
	if !hasProgressDeadline(d) {
		removeCondition(&s, api.DeploymentProgressing)
	}
	cur := getCondition(&d.Status, api.DeploymentProgressing)
	recordedComplete := s.Replicas == s.UpdatedReplicas && cur != nil && cur.Reason == ReasonNewRSAvailable
	if hasProgressDeadline(d) && !recordedComplete {
		switch {
		case DeploymentComplete(d, &s):
			msg := rsMessage(d, newRS, `ReplicaSet "%s" has successfully progressed.`, `Deployment "%s" has successfully progressed.`)
			if cur == nil || cur.Reason != ReasonNewRSAvailable {
				c.note("progress.complete", d.Name)
			}
			setCondition(&s, newCondition(api.DeploymentProgressing, api.ConditionTrue, ReasonNewRSAvailable, msg, c.now()))
		case deploymentProgressing(d, &s):
			msg := rsMessage(d, newRS, `ReplicaSet "%s" is progressing.`, `Deployment "%s" is progressing.`)
			cond := newCondition(api.DeploymentProgressing, api.ConditionTrue, ReasonRSUpdated, msg, c.now())
			// Progress refreshes lastUpdateTime even when the reason stays the same.
			if cur != nil {
				if cur.Status == api.ConditionTrue {
					cond.LastTransitionTime = cur.LastTransitionTime
				}
				removeCondition(&s, api.DeploymentProgressing)
			}
			setCondition(&s, cond)
		case deploymentTimedOut(d, &s, c.now()):
			msg := rsMessage(d, newRS, `ReplicaSet "%s" has timed out progressing.`, `Deployment "%s" has timed out progressing.`)
			if cur == nil || cur.Reason != ReasonTimedOut {
				c.note("progress.timedOut", d.Name, *d.Spec.ProgressDeadlineSeconds)
			}
			setCondition(&s, newCondition(api.DeploymentProgressing, api.ConditionFalse, ReasonTimedOut, msg, c.now()))
		}
	}
	if f := replicaFailure(all, newRS); f != nil {
		setCondition(&s, *f)
	} else {
		removeCondition(&s, api.DeploymentReplicaFailure)
	}
	if statusEqual(&d.Status, &s) {
		c.requeueStuck(d, &s)
		return
	}
	d.Status = s
	c.writeStatus(d)
}

// requeueStuck schedules a check for when the progress deadline would pass (a second after it),
// since nothing else would wake a Deployment that makes no progress.
func (c *Controller) requeueStuck(d *api.Deployment, s *api.DeploymentStatus) time.Duration {
	cur := getCondition(&d.Status, api.DeploymentProgressing)
	if !hasProgressDeadline(d) || cur == nil {
		return -1
	}
	if DeploymentComplete(d, s) || cur.Reason == ReasonTimedOut {
		return -1
	}
	after := cur.LastUpdateTime.Add(time.Duration(*d.Spec.ProgressDeadlineSeconds) * time.Second).Sub(c.now())
	key := controller.KeyOf(&d.ObjectMeta)
	if after < time.Second {
		c.queue.AddAfter(key, controller.RetryDelay(1))
		return 0
	}
	c.queue.AddAfter(key, after+time.Second)
	return after
}

// replicaFailure copies a ReplicaFailure condition of the new ReplicaSet (else of any).
func replicaFailure(all []*api.ReplicaSet, newRS *api.ReplicaSet) *api.DeploymentCondition {
	find := func(rs *api.ReplicaSet) *api.DeploymentCondition {
		if rs == nil {
			return nil
		}
		for _, rc := range rs.Status.Conditions {
			if rc.Type == api.DeploymentReplicaFailure {
				return &api.DeploymentCondition{Type: rc.Type, Status: rc.Status, LastUpdateTime: rc.LastTransitionTime,
					LastTransitionTime: rc.LastTransitionTime, Reason: rc.Reason, Message: rc.Message}
			}
		}
		return nil
	}
	if f := find(newRS); f != nil {
		return f
	}
	for _, rs := range all {
		if f := find(rs); f != nil {
			return f
		}
	}
	return nil
}
