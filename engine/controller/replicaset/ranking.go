package replicaset

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller"
)

// rankForDeletion returns the first n pods to delete, in upstream's order: the ReplicaSet
// controller's getPodsToDelete sorts ActivePodsWithRanks (with LogarithmicScaleDown, on since
// 1.22), whose rank is the number of active pods of the same owner's ReplicaSets on the pod's
// node (onNode). Its eight rules are deletionOrder's, over keys worked out once per pod (the
// comparison runs n·log n times). The order is stable: pods no rule tells apart keep the order
// they were listed in. scratch (nil: none) keeps the working lists between calls.
func rankForDeletion(pods []*api.Pod, onNode nodeCounts, now time.Time, n int, scratch *rankScratch) []*api.Pod {
	if scratch == nil {
		scratch = &rankScratch{}
	}
	keys := slices.Grow(scratch.keys[:0], len(pods))[:len(pods)]
	order := slices.Grow(scratch.order[:0], len(pods))[:len(pods)]
	created, readySince := bucketMemo{now: now.UnixNano()}, bucketMemo{now: now.UnixNano()}
	for i, p := range pods {
		c := controller.PodReadyCondition(p)
		k := &keys[i]
		*k = rankKeys{pod: p, index: i, unassigned: p.Spec.NodeName == "", phase: phaseOrder(p.Status.Phase),
			ready: c != nil && c.Status == api.ConditionTrue, cost: deletionCost(p), onNode: onNode[p.Spec.NodeName],
			restarts: maxRestarts(p), created: created.key(p.CreationTimestamp.Time)}
		if k.ready {
			k.readySince = readySince.key(c.LastTransitionTime.Time)
		}
		order[i] = k // the sort moves pointers, not keys
	}
	n = min(n, len(order))
	sortFirst(order, n)
	out := make([]*api.Pod, n)
	for i := range out {
		out[i] = order[i].pod
	}
	// The next ranking writes over keys and order: out must not point into them, and they
	// must not keep the pods alive meanwhile.
	clear(keys)
	scratch.keys, scratch.order = keys[:0], order[:0]
	return out
}

// rankScratch is the working lists rankings reuse: a rollout ranks thousands of pods again
// and again.
type rankScratch struct {
	keys  []rankKeys
	order []*rankKeys
}

// rankKeys are what upstream's rules compare, worked out for one pod.
type rankKeys struct {
	pod        *api.Pod
	index      int // in the list ranked
	unassigned bool
	phase      int
	ready      bool
	cost       int32
	onNode     int
	readySince timeKey // when ready
	restarts   int32
	created    timeKey
}

// deletionOrder is ActivePodsWithRanks.Less as a comparison: negative when a goes first, 0
// when no rule tells them apart.
func deletionOrder(a, b *rankKeys) int {
	// 1. Unassigned < assigned.
	if a.unassigned != b.unassigned {
		return boolFirst(a.unassigned)
	}
	// 2. PodPending < PodUnknown < PodRunning.
	if a.phase != b.phase {
		return cmp.Compare(a.phase, b.phase)
	}
	// 3. Not ready < ready.
	if a.ready != b.ready {
		return boolFirst(!a.ready)
	}
	// 4. Lower pod-deletion-cost < higher pod-deletion-cost.
	if a.cost != b.cost {
		return cmp.Compare(a.cost, b.cost)
	}
	// 5. Doubled up < not doubled up: more pods of the owner on the node first.
	if a.onNode != b.onNode {
		return cmp.Compare(b.onNode, a.onNode)
	}
	// 6. Been ready for empty time < less time < more time (both ready, by logarithmic rank).
	if a.ready && a.readySince.nanos != b.readySince.nanos {
		return timeOrder(a.readySince, b.readySince, a.pod.UID, b.pod.UID)
	}
	// 7. Higher restart count < lower restart count.
	if a.restarts != b.restarts {
		return cmp.Compare(b.restarts, a.restarts)
	}
	// 8. Empty creation time < newer < older (by logarithmic rank).
	if a.created.nanos != b.created.nanos {
		return timeOrder(a.created, b.created, a.pod.UID, b.pod.UID)
	}
	return 0
}

// stableOrder is deletionOrder made total by the pods' positions in the list ranked: the order
// of a stable sort.
func stableOrder(a, b *rankKeys) int {
	if c := deletionOrder(a, b); c != 0 {
		return c
	}
	return a.index - b.index
}

// sortFirst puts the first n in stableOrder at the front of s, in order: a burst deletes at
// most 500 pods of thousands, and sorting them all costs four times as much.
func sortFirst(s []*rankKeys, n int) {
	lo, hi := 0, len(s) // the n-th lies in s[lo:hi]; all before lo go before it
	for n < len(s) && hi-lo > 1 {
		// Quickselect with the median of three as the pivot, moved to hi-1.
		mid := lo + (hi-lo)/2
		if stableOrder(s[mid], s[lo]) < 0 {
			s[mid], s[lo] = s[lo], s[mid]
		}
		if stableOrder(s[hi-1], s[lo]) < 0 {
			s[hi-1], s[lo] = s[lo], s[hi-1]
		}
		if stableOrder(s[mid], s[hi-1]) < 0 {
			s[mid], s[hi-1] = s[hi-1], s[mid]
		}
		pivot, i := s[hi-1], lo
		for j := lo; j < hi-1; j++ {
			if stableOrder(s[j], pivot) < 0 {
				s[i], s[j] = s[j], s[i]
				i++
			}
		}
		s[i], s[hi-1] = s[hi-1], s[i]
		switch {
		case i == n:
			lo, hi = n, n
		case i < n:
			lo = i + 1
		default:
			hi = i
		}
	}
	slices.SortFunc(s[:n], stableOrder)
}

// boolFirst orders a pair that differs in one condition: -1 when a's holds.
func boolFirst(aFirst bool) int {
	if aFirst {
		return -1
	}
	return 1
}

// timeKey is a time as rules 6 and 8 compare it: Unix nanoseconds, and the logarithmic rank of
// its age (math.MinInt for the zero time, which goes first).
type timeKey struct {
	nanos int64
	rank  int
}

// timeOrder compares two different times: the zero time first, then the younger logarithmic
// rank; within one rank, by UID (upstream's pseudorandom order).
func timeOrder(a, b timeKey, uidA, uidB string) int {
	if a.rank != b.rank {
		return cmp.Compare(a.rank, b.rank)
	}
	return strings.Compare(uidA, uidB)
}

// bucketMemo works out timeKeys, remembering the last: timestamps have whole seconds, so
// the pods of a scale-up share one.
type bucketMemo struct {
	now  int64
	last timeKey
	used bool
}

func (m *bucketMemo) key(t time.Time) timeKey {
	if t.IsZero() {
		return timeKey{nanos: math.MinInt64, rank: math.MinInt}
	}
	if n := t.UnixNano(); !m.used || n != m.last.nanos {
		m.last, m.used = timeKey{nanos: n, rank: logRank(n, m.now)}, true
	}
	return m.last
}

// logRank is floor(log2(age in ns)) of Unix nanoseconds t; a time not in the past is at -1.
func logRank(t, now int64) int {
	d := now - t
	if d <= 0 {
		return -1
	}
	return int(math.Log2(float64(d)))
}

// phaseOrder: Pending before Unknown before Running.
func phaseOrder(phase string) int {
	switch phase {
	case api.PodUnknown:
		return 1
	case api.PodRunning:
		return 2
	}
	return 0
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

// nodeCounts counts pods per node. A 10,000-replica Deployment runs on 182 nodes, so it is
// a map: a slice searched in order measured twice the ranking's own work.
type nodeCounts map[string]int

// activePerNode counts the active pods of a list per node.
func activePerNode(pods []*api.Pod) nodeCounts {
	c := nodeCounts{}
	for _, p := range pods {
		if controller.IsPodActive(p) {
			c[p.Spec.NodeName]++
		}
	}
	return c
}
