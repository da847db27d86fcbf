package deployment

import (
	"testing"

	"rolloutlab/engine/api"
)

// §8.1 T1–T7: ResolveFenceposts.
func TestSpec8ResolveFenceposts(t *testing.T) {
	tests := []struct {
		name                string
		surge, unavail      *api.IntOrString
		desired             int32
		wantSurge, wantUnav int32
		wantErr             bool
	}{
		{"T1 0%/0% of 0 replicas: both zero, so unavailable becomes 1 (fencepost)", s8Str("0%"), s8Str("0%"), 0, 0, 1, false},
		{"T2 percentages: surge rounds up (3.9→4), unavailable rounds down (3.9→3)", s8Str("39%"), s8Str("39%"), 10, 4, 3, false},
		{"T3 maxSurge that is neither int nor percentage is an error", s8Str("oops"), s8Str("39%"), 10, 0, 0, true},
		{"T4 maxUnavailable that is neither int nor percentage is an error", s8Str("55%"), s8Str("urg"), 10, 0, 0, true},
		{"T5 missing maxSurge counts as 0", nil, s8Str("39%"), 10, 0, 3, false},
		{"T6 missing maxUnavailable counts as 0 (surge > 0, so no fencepost)", s8Str("39%"), nil, 10, 4, 0, false},
		{"T7 both missing: 0/0 resolves to unavailable 1", nil, nil, 10, 0, 1, false},
		{"extra: 1%/1% of 10 rounds to surge 1, unavailable 0 (no fencepost, surge is not 0)", s8Str("1%"), s8Str("1%"), 10, 1, 0, false},
		{"extra: integers are used as is, not capped", s8Int(20), s8Int(30), 10, 20, 30, false},
		// The worked examples of ResolveFenceposts' comment (upstream's).
		{"2 desired, unavailable 1%, surge 0%: old −1 first", s8Str("0%"), s8Str("1%"), 2, 0, 1, false},
		{"1 desired, unavailable 1%, surge 0%: old −1 first", s8Str("0%"), s8Str("1%"), 1, 0, 1, false},
		{"2 desired, unavailable 25%, surge 1%: new +1 first", s8Str("1%"), s8Str("25%"), 2, 1, 0, false},
		{"1 desired, unavailable 25%, surge 1%: new +1 first", s8Str("1%"), s8Str("25%"), 1, 1, 0, false},
		{"2 desired, unavailable 0%, surge 1%: new +1 first", s8Str("1%"), s8Str("0%"), 2, 1, 0, false},
		{"1 desired, unavailable 0%, surge 1%: new +1 first", s8Str("1%"), s8Str("0%"), 1, 1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			surge, unav, err := ResolveFenceposts(tt.surge, tt.unavail, tt.desired)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ResolveFenceposts = (%d, %d, nil), want an error", surge, unav)
				}
				return
			}
			if err != nil {
				t.Fatalf("ResolveFenceposts error: %v", err)
			}
			if surge != tt.wantSurge || unav != tt.wantUnav {
				t.Errorf("ResolveFenceposts = (surge %d, unavailable %d), want (%d, %d)", surge, unav, tt.wantSurge, tt.wantUnav)
			}
		})
	}
}

// §2.5.1: the 25%/25% defaults for a few replica counts.
func TestSpec8DefaultFenceposts(t *testing.T) {
	tests := []struct {
		name                string
		replicas            int32
		wantSurge, wantUnav int32
	}{
		{"§2.5.1 25%/25% of 1: surge 1, unavailable 0", 1, 1, 0},
		{"§2.5.1 25%/25% of 2: surge 1, unavailable 0", 2, 1, 0},
		{"§2.5.1 25%/25% of 3: surge 1, unavailable 0", 3, 1, 0},
		{"§2.5.1 25%/25% of 4: surge 1, unavailable 1", 4, 1, 1},
		{"§2.5.1 25%/25% of 5: surge 2, unavailable 1", 5, 2, 1},
		{"§2.5.1 25%/25% of 10: surge 3, unavailable 2", 10, 3, 2},
		{"§2.5.1 25%/25% of 100: surge 25, unavailable 25", 100, 25, 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := s8Deployment(tt.replicas, s8Str("25%"), s8Str("25%"))
			if got := MaxSurge(d); got != tt.wantSurge {
				t.Errorf("MaxSurge = %d, want %d", got, tt.wantSurge)
			}
			if got := MaxUnavailable(d); got != tt.wantUnav {
				t.Errorf("MaxUnavailable = %d, want %d", got, tt.wantUnav)
			}
		})
	}
}

// §8.1 T8–T13: MaxUnavailable and MinAvailable (upstream uses maxSurge 1 in these tables).
func TestSpec8MaxUnavailableMinAvailable(t *testing.T) {
	tests := []struct {
		name        string
		d           *api.Deployment
		wantMaxUnav int32
		wantMinAv   int32
	}{
		{"T8 replicas 10, maxUnavailable 5: 5", s8Deployment(10, s8Int(1), s8Int(5)), 5, 5},
		{"T9 replicas 10, maxUnavailable 10: 10", s8Deployment(10, s8Int(1), s8Int(10)), 10, 0},
		{"T9 replicas 5, maxUnavailable 10: capped at replicas (5)", s8Deployment(5, s8Int(1), s8Int(10)), 5, 0},
		{"T9 replicas 0, maxUnavailable 10: 0 for zero replicas", s8Deployment(0, s8Int(1), s8Int(10)), 0, 0},
		{"T10 Recreate: maxUnavailable 0, minAvailable 0", s8Recreate(10), 0, 0},
		{"T11 replicas 10, maxUnavailable 50%: 5", s8Deployment(10, s8Int(1), s8Str("50%")), 5, 5},
		{"T11 replicas 10, maxUnavailable 100%: 10", s8Deployment(10, s8Int(1), s8Str("100%")), 10, 0},
		{"T11 replicas 5, maxUnavailable 100%: 5", s8Deployment(5, s8Int(1), s8Str("100%")), 5, 0},
		{"T12 MinAvailable (10, 5): 5", s8Deployment(10, s8Int(1), s8Int(5)), 5, 5},
		{"T12 MinAvailable (10, 10): 0", s8Deployment(10, s8Int(1), s8Int(10)), 10, 0},
		{"T12 MinAvailable (5, 10): 0, not negative (maxUnavailable capped)", s8Deployment(5, s8Int(1), s8Int(10)), 5, 0},
		{"T12 MinAvailable (0, 10): 0", s8Deployment(0, s8Int(1), s8Int(10)), 0, 0},
		{"T13 MinAvailable Recreate with 10 replicas: 0", s8Recreate(10), 0, 0},
		{"T13 MinAvailable (10, 60%): 4", s8Deployment(10, s8Int(1), s8Str("60%")), 6, 4},
		{"T13 MinAvailable (10, 100%): 0", s8Deployment(10, s8Int(1), s8Str("100%")), 10, 0},
		{"T13 MinAvailable (5, 100%): 0", s8Deployment(5, s8Int(1), s8Str("100%")), 5, 0},
		{"extra: surge 0 and unavailable 0 resolve to the fencepost: maxUnavailable 1", s8Deployment(10, nil, nil), 1, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaxUnavailable(tt.d); got != tt.wantMaxUnav {
				t.Errorf("MaxUnavailable = %d, want %d", got, tt.wantMaxUnav)
			}
			if got := MinAvailable(tt.d); got != tt.wantMinAv {
				t.Errorf("MinAvailable = %d, want %d", got, tt.wantMinAv)
			}
		})
	}
}

// §8.1 T14–T16: NewRSNewReplicas. As upstream, allRSs holds only the other ReplicaSets.
func TestSpec8NewRSNewReplicas(t *testing.T) {
	other := func(n int32) []*api.ReplicaSet {
		return []*api.ReplicaSet{{ObjectMeta: api.ObjectMeta{Name: "other"}, Spec: api.ReplicaSetSpec{Replicas: api.Ptr(n)}}}
	}
	tests := []struct {
		name  string
		d     *api.Deployment
		all   []*api.ReplicaSet
		newRS int32
		want  int32
	}{
		{"T14 rolling: d 1, newRS 5, maxSurge 1, others 5: Σspec ≥ replicas+surge, cannot scale up (stays 5)", s8Deployment(1, s8Int(1), s8Int(1)), other(5), 5, 5},
		{"T15 rolling: d 6, newRS 2, maxSurge 10, others 5: adds min(16−5, 6−2)=4 → 6", s8Deployment(6, s8Int(10), s8Int(1)), other(5), 2, 6},
		{"T16 Recreate: d 3, newRS 1: jumps to replicas (3)", s8Recreate(3), other(5), 1, 3},
		{"extra: rolling with percentage surge: d 10, 25% → surge 3, others 10, newRS 0: 3", s8Deployment(10, s8Str("25%"), s8Str("25%")), other(10), 0, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			newRS := &api.ReplicaSet{ObjectMeta: api.ObjectMeta{Name: "new"}, Spec: api.ReplicaSetSpec{Replicas: api.Ptr(tt.newRS)}}
			if got, err := NewRSNewReplicas(tt.d, tt.all, newRS); got != tt.want || err != nil {
				t.Errorf("NewRSNewReplicas = %d, %v, want %d", got, err, tt.want)
			}
		})
	}
}
