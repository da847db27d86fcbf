package deployment

import (
	"math"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

// §8.2 T17: DeploymentComplete.
func TestSpec8DeploymentComplete(t *testing.T) {
	d := func(desired, current, updated, available, maxUnavailable, maxSurge int32) *api.Deployment {
		dep := s8Deployment(desired, s8Int(maxSurge), s8Int(maxUnavailable))
		dep.Generation = 0
		dep.Status = api.DeploymentStatus{Replicas: current, UpdatedReplicas: updated, AvailableReplicas: available}
		return dep
	}
	tests := []struct {
		name string
		d    *api.Deployment
		want bool
	}{
		{"T17 (5,5,5,4) not complete: min availability reached but not all available", d(5, 5, 5, 4, 1, 0), false},
		{"T17 (5,5,5,3) not complete: min availability not honoured", d(5, 5, 5, 3, 1, 0), false},
		{"T17 (5,5,5,5) complete: all updated and available", d(5, 5, 5, 5, 0, 0), true},
		{"T17 (5,5,4,5) not complete: all available but not all updated", d(5, 5, 4, 5, 0, 0), false},
		{"T17 (1,2,1,1) not complete: old pods still running (status.replicas > spec)", d(1, 2, 1, 1, 0, 1), false},
		{"T17 (1,1,1,0) not complete: one-replica deployment never comes up", d(1, 1, 1, 0, 1, 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DeploymentComplete(tt.d, &tt.d.Status); got != tt.want {
				t.Errorf("DeploymentComplete = %v, want %v", got, tt.want)
			}
		})
	}

	t.Run("§2.9 not complete while observedGeneration < generation", func(t *testing.T) {
		dep := d(5, 5, 5, 5, 0, 0)
		dep.Generation = 2
		dep.Status.ObservedGeneration = 1
		if DeploymentComplete(dep, &dep.Status) {
			t.Errorf("DeploymentComplete = true with an unobserved generation, want false")
		}
	})
}

// §8.2 T18–T21: deploymentProgressing compares the stored status (d.Status) with the new one.
func TestSpec8DeploymentProgressing(t *testing.T) {
	type st struct{ current, updated, ready, available int32 }
	tests := []struct {
		name     string
		old, new st
		want     bool
	}{
		{"T18 more updated pods (4→6): progressing", st{10, 4, 4, 4}, st{10, 6, 4, 4}, true},
		{"T19 nothing changed: not progressing", st{10, 4, 4, 4}, st{10, 4, 4, 4}, false},
		{"T19 fewer new pods (7→6): not progressing", st{10, 7, 3, 3}, st{10, 6, 3, 3}, false},
		{"T20 old pods removed (current 10→8): progressing", st{10, 4, 6, 6}, st{8, 4, 6, 6}, true},
		{"T20 fewer overall but more new pods: progressing", st{10, 4, 7, 7}, st{8, 8, 5, 5}, true},
		{"T21 more ready pods (9→10): progressing", st{10, 10, 9, 8}, st{10, 10, 10, 8}, true},
		{"T21 more available pods (9→10): progressing", st{10, 10, 10, 9}, st{10, 10, 10, 10}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &api.Deployment{Status: api.DeploymentStatus{Replicas: tt.old.current, UpdatedReplicas: tt.old.updated, ReadyReplicas: tt.old.ready, AvailableReplicas: tt.old.available}}
			s := api.DeploymentStatus{Replicas: tt.new.current, UpdatedReplicas: tt.new.updated, ReadyReplicas: tt.new.ready, AvailableReplicas: tt.new.available}
			if got := deploymentProgressing(d, &s); got != tt.want {
				t.Errorf("deploymentProgressing = %v, want %v", got, tt.want)
			}
		})
	}
}

// §8.2 T22–T25: deploymentTimedOut.
func TestSpec8DeploymentTimedOut(t *testing.T) {
	at := func(min, sec int) time.Time { return time.Date(2016, 1, 1, 0, min, sec, 0, time.UTC) }
	d := func(reason string, pds *int32, lastUpdate time.Time) *api.Deployment {
		dep := s8Deployment(3, nil, nil)
		dep.Spec.ProgressDeadlineSeconds = pds
		dep.Status.Conditions = []api.DeploymentCondition{{
			Type: api.DeploymentProgressing, Status: api.ConditionTrue, Reason: reason,
			LastUpdateTime: api.NewTime(lastUpdate), LastTransitionTime: api.NewTime(lastUpdate),
		}}
		return dep
	}
	ten := api.Ptr(int32(10))
	tests := []struct {
		name string
		d    *api.Deployment
		now  time.Time
		want bool
	}{
		{"T22 no progressDeadlineSeconds: never times out", d("", nil, at(1, 9)), at(1, 20), false},
		{"T22 progressDeadlineSeconds MaxInt32: never times out", d("", api.Ptr(int32(math.MaxInt32)), at(1, 9)), at(1, 20), false},
		{"T23 deadline 10s, last update 00:01:09, now 00:01:20: 11s passed, timed out", d("", ten, at(1, 9)), at(1, 20), true},
		{"T24 deadline 10s, last update 00:01:11, now 00:01:20: 9s passed, not timed out", d("", ten, at(1, 11)), at(1, 20), false},
		{"T25 current reason NewReplicaSetAvailable: a complete rollout does not time out", d(ReasonNewRSAvailable, ten, at(0, 0)), at(1, 20), false},
		{"extra §2.10: exactly at the deadline is not yet timed out (strictly before now)", d(ReasonRSUpdated, ten, at(1, 10)), at(1, 20), false},
		{"extra §2.10: reason already ProgressDeadlineExceeded stays timed out", d(ReasonTimedOut, ten, at(1, 19)), at(1, 20), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := deploymentTimedOut(tt.d, &tt.d.Status, tt.now); got != tt.want {
				t.Errorf("deploymentTimedOut = %v, want %v", got, tt.want)
			}
		})
	}
}

// §8.2 T26–T27: requeueStuck returns the delay until the deadline (0 = now, rate limited;
// -1 = no requeue) and schedules the check a second after the deadline.
func TestSpec8RequeueStuck(t *testing.T) {
	lastUpdate := time.Date(2017, 2, 15, 18, 49, 0, 0, time.UTC)
	at := func(min, sec, nsec int) time.Time { return time.Date(2017, 2, 15, 18, min, sec, nsec, time.UTC) }
	pds := api.Ptr(int32(60))
	stuck := []api.DeploymentCondition{{Type: api.DeploymentProgressing, Status: api.ConditionTrue, Reason: ReasonRSUpdated,
		LastUpdateTime: api.NewTime(lastUpdate), LastTransitionTime: api.NewTime(lastUpdate)}}
	failed := []api.DeploymentCondition{{Type: api.DeploymentProgressing, Status: api.ConditionFalse, Reason: ReasonTimedOut,
		LastUpdateTime: api.NewTime(lastUpdate), LastTransitionTime: api.NewTime(lastUpdate)}}
	// d has 3 replicas; the new status is (replicas, updated, available).
	dep := func(pds *int32, conds []api.DeploymentCondition) *api.Deployment {
		d := s8Deployment(3, nil, nil)
		d.Spec.ProgressDeadlineSeconds = pds
		d.Status = api.DeploymentStatus{ObservedGeneration: 1, Replicas: 3, UpdatedReplicas: 3, AvailableReplicas: 1,
			Conditions: append([]api.DeploymentCondition(nil), conds...)}
		return d
	}
	status := func(replicas, updated, available int32) api.DeploymentStatus {
		return api.DeploymentStatus{ObservedGeneration: 1, Replicas: replicas, UpdatedReplicas: updated, AvailableReplicas: available}
	}
	tests := []struct {
		name     string
		d        *api.Deployment
		s        api.DeploymentStatus
		now      time.Time
		want     time.Duration
		wantTask time.Duration // when the queued sync runs, relative to now; -1: nothing queued
	}{
		{"T26 deadline 60s, last update 18:49:00, now 18:49:30: requeue in 30s (runs at deadline+1s)", dep(pds, stuck), status(3, 2, 2), at(49, 30, 0), 30 * time.Second, 31 * time.Second},
		{"T26 now 18:49:59: requeue in 1s", dep(pds, stuck), status(3, 2, 2), at(49, 59, 0), time.Second, 2 * time.Second},
		{"T26 now 18:49:59.000000001: less than a second left, requeue now (rate limited)", dep(pds, stuck), status(3, 2, 2), at(49, 59, 1), 0, firstRetry},
		{"T26 now 18:50:00 (at the deadline): requeue now", dep(pds, stuck), status(3, 2, 2), at(50, 0, 0), 0, firstRetry},
		{"T26 now 18:51:00 (past the deadline): requeue now", dep(pds, stuck), status(3, 2, 2), at(51, 0, 0), 0, firstRetry},
		{"T27 no progressDeadlineSeconds: no requeue", dep(nil, stuck), status(3, 2, 2), at(49, 30, 0), -1, -1},
		{"T27 progressDeadlineSeconds MaxInt32: no requeue", dep(api.Ptr(int32(math.MaxInt32)), stuck), status(3, 2, 2), at(49, 30, 0), -1, -1},
		{"T27 no Progressing condition: no requeue", dep(pds, nil), status(3, 2, 2), at(49, 30, 0), -1, -1},
		{"T27 new status complete: no requeue", dep(pds, stuck), status(3, 3, 3), at(49, 30, 0), -1, -1},
		{"T27 already timed out (ProgressDeadlineExceeded): no requeue", dep(pds, failed), status(3, 2, 2), at(49, 30, 0), -1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := s8NewEnv(t, tt.now)
			if got := e.c.requeueStuck(tt.d, &tt.s); got != tt.want {
				t.Errorf("requeueStuck = %v, want %v", got, tt.want)
			}
			next := e.st.Clock().Next()
			switch {
			case tt.wantTask < 0 && next != nil:
				t.Errorf("a sync was queued at %v, want none", next.At())
			case tt.wantTask >= 0 && next == nil:
				t.Errorf("no sync queued, want one %v from now", tt.wantTask)
			case tt.wantTask >= 0 && !next.At().Equal(tt.now.Add(tt.wantTask)):
				t.Errorf("sync queued at %v, want %v", next.At(), tt.now.Add(tt.wantTask))
			}
		})
	}
}

// firstRetry is the work queue's first rate-limited retry (client-go's 5ms base delay).
const firstRetry = 5 * time.Millisecond
