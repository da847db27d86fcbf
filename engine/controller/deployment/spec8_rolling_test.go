package deployment

import (
	"testing"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
)

// s8RollingEnv stores an old RS "foo-old" (created first) and a new RS "foo-new" with the given
// specs and status.availableReplicas (status.replicas = spec).
func s8RollingEnv(t *testing.T, oldSpec, oldAvailable, newSpec, newAvailable int32) (*s8Env, *api.ReplicaSet, *api.ReplicaSet) {
	t.Helper()
	e := s8NewEnv(t, clock.Epoch)
	withStatus := func(rs *api.ReplicaSet, spec, available int32) *api.ReplicaSet {
		return e.setStatus(rs, func(s *api.ReplicaSetStatus) {
			s.Replicas, s.ReadyReplicas, s.AvailableReplicas, s.ObservedGeneration = spec, available, available, 1
		})
	}
	oldRS := withStatus(e.createRS("foo-old", oldSpec, map[string]string{api.RevisionAnnotation: "1"}), oldSpec, oldAvailable)
	e.tick()
	newRS := withStatus(e.createRS("foo-new", newSpec, map[string]string{api.RevisionAnnotation: "2"}), newSpec, newAvailable)
	return e, oldRS, newRS
}

// §8.7 T63–T66: reconcileNewReplicaSet (maxUnavailable 0).
func TestSpec8ReconcileNewReplicaSet(t *testing.T) {
	tests := []struct {
		name           string
		replicas       int32
		surge          int32
		oldSpec        int32
		newSpec        int32
		wantScaled     bool
		wantNewReplica int32
	}{
		{"T63 d 10, surge 0, old 10, new 0: no room to surge, no scale", 10, 0, 10, 0, false, 0},
		{"T64 d 10, surge 2, old 10, new 0: new → 2", 10, 2, 10, 0, true, 2},
		{"T64 d 10, surge 2, old 5, new 0: new → 7 (Σspec 5, max total 12)", 10, 2, 5, 0, true, 7},
		{"T65 d 10, surge 2, old 10, new 2: already at max total, no scale", 10, 2, 10, 2, false, 2},
		{"T66 d 10, surge 2, old 2, new 11: new scaled down to replicas (10)", 10, 2, 2, 11, true, 10},
		{"extra §2.5.2 new RS already at replicas: nothing", 10, 2, 3, 10, false, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, oldRS, newRS := s8RollingEnv(t, tt.oldSpec, tt.oldSpec, tt.newSpec, 0)
			d := s8Deployment(tt.replicas, s8Int(tt.surge), s8Int(0))
			scaled, after, err := e.c.reconcileNewReplicaSet([]*api.ReplicaSet{oldRS, newRS}, newRS, d)
			if scaled != tt.wantScaled || err != nil {
				t.Errorf("reconcileNewReplicaSet scaled = %v, %v, want %v", scaled, err, tt.wantScaled)
			}
			if got := e.spec("foo-new"); got != tt.wantNewReplica {
				t.Errorf("new RS spec = %d, want %d", got, tt.wantNewReplica)
			}
			if got := rsReplicas(after); got != tt.wantNewReplica {
				t.Errorf("returned new RS spec = %d, want %d", got, tt.wantNewReplica)
			}
			if got := e.spec("foo-old"); got != tt.oldSpec {
				t.Errorf("old RS spec = %d, want it unchanged (%d)", got, tt.oldSpec)
			}
		})
	}
}

// §8.7 T67–T71: reconcileOldReplicaSets (maxSurge 0).
func TestSpec8ReconcileOldReplicaSets(t *testing.T) {
	tests := []struct {
		name                  string
		replicas, unavail     int32
		oldSpec, oldAvailable int32
		newSpec, newAvailable int32
		wantScaled            bool
		wantOld               int32
	}{
		{"T67 d 10, unavail 0 (surge 0 → fencepost 1), old 10 all available: old → 9", 10, 0, 10, 10, 0, 0, true, 9},
		{"T68 d 10, unavail 2, old 10 all available: old → 8", 10, 2, 10, 10, 0, 0, true, 8},
		{"T69 d 10, unavail 2, old 10 with 8 available: the 2 unhealthy are cleaned, old → 8", 10, 2, 10, 8, 0, 0, true, 8},
		{"T70 d 10, unavail 2, old 10 with 9 available: 1 unhealthy + 1 healthy removed, old → 8", 10, 2, 10, 9, 0, 0, true, 8},
		{"T71 d 10, unavail 2, old 8 all available, new 2 unavailable: maxScaledDown 0, no scale", 10, 2, 8, 8, 2, 0, false, 8},
		{"extra §2.5.3 no old replicas: nothing to do", 10, 2, 0, 0, 10, 10, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, oldRS, newRS := s8RollingEnv(t, tt.oldSpec, tt.oldAvailable, tt.newSpec, tt.newAvailable)
			d := s8Deployment(tt.replicas, s8Int(0), s8Int(tt.unavail))
			all := []*api.ReplicaSet{oldRS, newRS}
			scaled, _, err := e.c.reconcileOldReplicaSets(all, filterActive([]*api.ReplicaSet{oldRS}), newRS, d)
			if err != nil {
				t.Fatal(err)
			}
			if scaled != tt.wantScaled {
				t.Errorf("reconcileOldReplicaSets scaled = %v, want %v", scaled, tt.wantScaled)
			}
			if got := e.spec("foo-old"); got != tt.wantOld {
				t.Errorf("old RS spec = %d, want %d", got, tt.wantOld)
			}
			if got := e.spec("foo-new"); got != tt.newSpec {
				t.Errorf("new RS spec = %d, want it unchanged (%d)", got, tt.newSpec)
			}
		})
	}
}

// §8.7 T72: cleanupUnhealthyReplicas (d 10, surge 2, unavail 2).
func TestSpec8CleanupUnhealthyReplicas(t *testing.T) {
	tests := []struct {
		name                  string
		oldSpec, oldAvailable int32
		maxCleanup            int32
		wantCleaned           int32
	}{
		{"T72 old 10 with 8 available, max cleanup 1: cleaned 1", 10, 8, 1, 1},
		{"T72 old 10 with 8 available, max cleanup 3: cleaned 2 (only the unhealthy)", 10, 8, 3, 2},
		{"T72 old 10 with 8 available, max cleanup 0: cleaned 0", 10, 8, 0, 0},
		{"T72 old 10 all available, max cleanup 3: cleaned 0 (nothing unhealthy)", 10, 10, 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, oldRS, _ := s8RollingEnv(t, tt.oldSpec, tt.oldAvailable, 0, 0)
			d := s8Deployment(10, s8Int(2), s8Int(2))
			after, cleaned, err := e.c.cleanupUnhealthyReplicas([]*api.ReplicaSet{oldRS}, d, tt.maxCleanup)
			if err != nil {
				t.Fatal(err)
			}
			if cleaned != tt.wantCleaned {
				t.Errorf("cleaned = %d, want %d", cleaned, tt.wantCleaned)
			}
			want := tt.oldSpec - tt.wantCleaned
			if got := e.spec("foo-old"); got != want {
				t.Errorf("old RS spec = %d, want %d", got, want)
			}
			if len(after) != 1 || rsReplicas(after[0]) != want {
				t.Errorf("returned old RSs do not carry the new size %d", want)
			}
		})
	}
}

// §2.5.3 step 3 removes replicas; it must never add any. Upstream's cleanupUnhealthyReplicas
// refuses (returns an error, the sync is retried) when spec − availableReplicas is negative,
// which happens while an old RS's status still counts pods of a scale-down its controller has
// not processed yet. Reachable in the simulator: the Deployment controller's watch handler is
// registered before the ReplicaSet controller's, so its next pass runs on stale RS status.
func TestSpec8CleanupUnhealthyReplicasNeverScalesUp(t *testing.T) {
	// Old RS was just scaled 8 → 5; its status still reports 8 available.
	e, oldRS, _ := s8RollingEnv(t, 8, 8, 0, 0)
	cp := oldRS.DeepCopy()
	cp.Spec.Replicas = api.Ptr(int32(5))
	if err := e.st.Update(cp); err != nil {
		t.Fatal(err)
	}
	oldRS = e.rs("foo-old")
	d := s8Deployment(10, s8Int(2), s8Int(2))
	_, cleaned, err := e.c.cleanupUnhealthyReplicas([]*api.ReplicaSet{oldRS}, d, 3)
	if err == nil {
		t.Error("want an error, as upstream fails the pass")
	}
	if got := e.spec("foo-old"); got != 5 {
		t.Errorf("old RS spec = %d, want 5 (never scaled up by the cleanup)", got)
	}
	if cleaned != 0 {
		t.Errorf("cleaned = %d, want 0", cleaned)
	}
}

// §8.7 T73–T74: scaleDownOldForRollingUpdate (availability-bounded, maxSurge 0).
func TestSpec8ScaleDownOldForRollingUpdate(t *testing.T) {
	tests := []struct {
		name       string
		replicas   int32
		unavail    int32
		oldSpec    int32
		available  int32
		wantScaled int32
		wantOld    int32
	}{
		{"T73 d 10, unavail 0 (fencepost 1), 10 available: old → 9", 10, 0, 10, 10, 1, 9},
		{"T73 d 10, unavail 2, 10 available: old → 8", 10, 2, 10, 10, 2, 8},
		{"T74 d 10, unavail 2, only 8 available: no scale", 10, 2, 10, 8, 0, 10},
		{"T74 d 10, unavail 2, only 1 available: no scale", 10, 2, 10, 1, 0, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, oldRS, _ := s8RollingEnv(t, tt.oldSpec, tt.available, 0, 0)
			d := s8Deployment(tt.replicas, s8Int(0), s8Int(tt.unavail))
			old := []*api.ReplicaSet{oldRS}
			if got := e.c.scaleDownOldForRollingUpdate(old, old, d); got != tt.wantScaled {
				t.Errorf("scaled down %d, want %d", got, tt.wantScaled)
			}
			if got := e.spec("foo-old"); got != tt.wantOld {
				t.Errorf("old RS spec = %d, want %d", got, tt.wantOld)
			}
		})
	}
}
