package deployment

import (
	"testing"

	"rolloutlab/engine/api"
)

// §8.3 T28–T31: replicaCount (specs), actualReplicaCount (status.replicas) and
// terminatingReplicaCount (nil = unknown).
func TestSpec8Counting(t *testing.T) {
	rs := func(name string, spec, replicas int32, terminating *int32, observed int64) *api.ReplicaSet {
		return &api.ReplicaSet{
			ObjectMeta: api.ObjectMeta{Name: name, Generation: 1},
			Spec:       api.ReplicaSetSpec{Replicas: api.Ptr(spec)},
			Status:     api.ReplicaSetStatus{Replicas: replicas, TerminatingReplicas: terminating, ObservedGeneration: observed},
		}
	}
	rs1 := rs("rs1", 1, 2, api.Ptr(int32(3)), 1)
	rs2 := rs("rs2", 2, 3, api.Ptr(int32(1)), 1)
	rs3 := rs("rs3", 3, 0, nil, 0) // never observed by the ReplicaSet controller
	rs4 := rs("rs4", 4, 0, nil, 1) // observed, but reports no terminating count
	tests := []struct {
		name            string
		rss             []*api.ReplicaSet
		wantCount       int32
		wantActual      int32
		wantTerminating *int32
	}{
		{"T28 rs1 (1,2,3): spec 1, actual 2, terminating 3", []*api.ReplicaSet{rs1}, 1, 2, api.Ptr(int32(3))},
		{"T29 rs1+rs2 (2,3,1): sums 3, 5, 4", []*api.ReplicaSet{rs1, rs2}, 3, 5, api.Ptr(int32(4))},
		{"T30 rs3 never observed (3,0,nil): terminating counts 0", []*api.ReplicaSet{rs3}, 3, 0, api.Ptr(int32(0))},
		{"T30 unobserved rs3 next to rs1: adds 0 terminating", []*api.ReplicaSet{rs1, rs3}, 4, 2, api.Ptr(int32(3))},
		{"T31 observed rs4 with terminating nil alone: unknown (nil)", []*api.ReplicaSet{rs4}, 4, 0, nil},
		{"T31 observed rs4 with terminating nil among others: unknown (nil)", []*api.ReplicaSet{rs1, rs2, rs4}, 7, 5, nil},
		{"extra: nil entries (no new RS) are skipped", []*api.ReplicaSet{rs1, nil}, 1, 2, api.Ptr(int32(3))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := replicaCount(tt.rss); got != tt.wantCount {
				t.Errorf("replicaCount = %d, want %d", got, tt.wantCount)
			}
			if got := actualReplicaCount(tt.rss); got != tt.wantActual {
				t.Errorf("actualReplicaCount = %d, want %d", got, tt.wantActual)
			}
			got := terminatingReplicaCount(tt.rss)
			switch {
			case tt.wantTerminating == nil && got != nil:
				t.Errorf("terminatingReplicaCount = %d, want nil", *got)
			case tt.wantTerminating != nil && got == nil:
				t.Errorf("terminatingReplicaCount = nil, want %d", *tt.wantTerminating)
			case tt.wantTerminating != nil && *got != *tt.wantTerminating:
				t.Errorf("terminatingReplicaCount = %d, want %d", *got, *tt.wantTerminating)
			}
		})
	}
}
