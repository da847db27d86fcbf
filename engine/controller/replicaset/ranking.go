package replicaset

import (
	"math"
	"sort"
	"strconv"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller"
)

// rankForDeletion orders pods so that the ones to delete first come first: unscheduled, then
// pending, unknown, not ready, cheaper to delete (pod-deletion-cost), doubled up on a node,
// ready more recently, restarted more, created more recently (the last two times compared in
// logarithmic buckets, ties broken by UID).
func rankForDeletion(pods, related []*api.Pod, now time.Time) []*api.Pod {
	onNode := map[string]int{}
	for _, p := range related {
		if controller.IsPodActive(p) {
			onNode[p.Spec.NodeName]++
		}
	}
	ranked := make([]rankedPod, len(pods))
	for i, p := range pods {
		ranked[i] = rankedPod{pod: p, rank: onNode[p.Spec.NodeName], cost: deletionCost(p), ready: controller.IsPodReady(p)}
		if c := controller.PodReadyCondition(p); c != nil && ranked[i].ready {
			ranked[i].readySince = c.LastTransitionTime.Time
		}
	}
	sort.SliceStable(ranked, func(i, j int) bool { return deleteBefore(&ranked[i], &ranked[j], now) })
	out := make([]*api.Pod, len(pods))
	for i := range ranked {
		out[i] = ranked[i].pod
	}
	return out
}

type rankedPod struct {
	pod        *api.Pod
	rank       int
	cost       int32
	ready      bool
	readySince time.Time
}

var phaseOrder = map[string]int{api.PodPending: 0, api.PodUnknown: 1, api.PodRunning: 2}

func deleteBefore(a, b *rankedPod, now time.Time) bool {
	pa, pb := a.pod, b.pod
	if pa.Spec.NodeName != pb.Spec.NodeName && (pa.Spec.NodeName == "" || pb.Spec.NodeName == "") {
		return pa.Spec.NodeName == ""
	}
	if oa, ob := phaseOrder[pa.Status.Phase], phaseOrder[pb.Status.Phase]; oa != ob {
		return oa < ob
	}
	if a.ready != b.ready {
		return !a.ready
	}
	if a.cost != b.cost {
		return a.cost < b.cost
	}
	if a.rank != b.rank {
		return a.rank > b.rank
	}
	if a.ready && b.ready && !a.readySince.Equal(b.readySince) {
		if r, decided := newerInLogBuckets(a.readySince, b.readySince, pa.UID, pb.UID, now); decided {
			return r
		}
	}
	if ra, rb := maxRestarts(pa), maxRestarts(pb); ra != rb {
		return ra > rb
	}
	if !pa.CreationTimestamp.Equal(pb.CreationTimestamp.Time) {
		if r, decided := newerInLogBuckets(pa.CreationTimestamp.Time, pb.CreationTimestamp.Time, pa.UID, pb.UID, now); decided {
			return r
		}
	}
	return false
}

// newerInLogBuckets compares two times by floor(log2(age in ns)): the younger bucket first, the
// same bucket by UID; a zero time sorts first.
func newerInLogBuckets(ta, tb time.Time, uidA, uidB string, now time.Time) (bool, bool) {
	if ta.IsZero() || tb.IsZero() {
		return ta.IsZero(), true
	}
	ba, bb := logBucket(now.Sub(ta)), logBucket(now.Sub(tb))
	if ba == bb {
		return uidA < uidB, true
	}
	return ba < bb, true
}

func logBucket(d time.Duration) int {
	if d <= 0 {
		return -1
	}
	return int(math.Log2(float64(d)))
}

func deletionCost(p *api.Pod) int32 {
	v, ok := p.Annotations[api.PodDeletionCostAnnotation]
	if !ok {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return 0
	}
	return int32(n)
}

func maxRestarts(p *api.Pod) int32 {
	var m int32
	for _, s := range p.Status.ContainerStatuses {
		if s.RestartCount > m {
			m = s.RestartCount
		}
	}
	return m
}
