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

// rankForDeletion returns the first n pods to delete, in order: unscheduled, then
// pending, unknown, not ready, cheaper to delete (pod-deletion-cost), doubled up on a node,
// ready more recently, restarted more, created more recently (the last two times compared in
// logarithmic buckets, ties broken by UID).
// onNode counts the active pods per node of every ReplicaSet under the same owner; scratch
// (nil: none) keeps the working lists between calls, as a rollout ranks thousands of pods
// again and again.
func rankForDeletion(pods []*api.Pod, onNode nodeCounts, now time.Time, n int, scratch *rankScratch) []*api.Pod {
	if scratch == nil {
		scratch = &rankScratch{}
	}
	// Every key is worked out once per pod: the comparison runs n·log n times.
	prev := scratch.ranked
	if scratch.now != now.UnixNano() {
		prev = nil
	}
	ranked := slices.Grow(scratch.ranked[:0], len(pods))[:len(pods)]
	order := slices.Grow(scratch.order[:0], len(pods))[:len(pods)]
	memo := bucketMemo{now: now.UnixNano(), nanos: zeroTime} // no time is zeroTime
	created, readySince := memo, memo
	match := matcher{prev: prev, budget: len(prev) - len(pods)}
	for i, p := range pods {
		r := &ranked[i]
		if e, ok := match.find(p); ok {
			*r = e // its entry may be r itself: copied out first
		} else {
			c := controller.PodReadyCondition(p)
			ready := c != nil && c.Status == api.ConditionTrue
			*r = rankedPod{pod: p, node: p.Spec.NodeName, ready: ready, restarts: maxRestarts(p), uid: uidPrefix(p.UID),
				podKeys: podKeys(p.Spec.NodeName == "", phaseOrder(p.Status.Phase), ready, deletionCost(p))}
			r.created, r.createdBucket = created.bucket(p.CreationTimestamp.Time)
			if ready {
				r.readySince, r.readyBucket = readySince.bucket(c.LastTransitionTime.Time)
			}
		}
		r.index = i
		r.first = r.podKeys | nodeKey(onNode.get(r.node))
		order[i] = r // pointers keep the swaps small
	}
	n = min(n, len(order))
	sortFirst(order, n)
	out := make([]*api.Pod, n)
	for i, r := range order[:n] {
		out[i] = r.pod
	}
	clear(order)
	scratch.ranked, scratch.order, scratch.now = ranked, order[:0], now.UnixNano()
	return out
}

// matcher finds pods in the last ranking's entries. A scale-down deletes in bursts of 500,
// ranking the rest again at the same instant: the pods come in the same order, less those
// deleted, and unchanged (the same object) they have the same keys but for their node's
// count.
type matcher struct {
	prev   []rankedPod
	j      int // where the next pod is looked for
	budget int // entries that may still be skipped: those of pods gone since
	misses int
}

// find returns p's entry of the last ranking.
func (m *matcher) find(p *api.Pod) (rankedPod, bool) {
	if m.misses > 64 { // many pods changed: the last ranking is of no use
		return rankedPod{}, false
	}
	for k := m.j; k < len(m.prev) && k <= m.j+m.budget; k++ {
		if m.prev[k].pod == p {
			m.budget -= k - m.j
			m.j = k + 1
			return m.prev[k], true
		}
	}
	m.misses++
	return rankedPod{}, false
}

// sortFirst puts the n pods to delete first in order at the front of s: a burst deletes at
// most 500 pods of thousands, so only those need sorting. The order is total (rankOrder).
func sortFirst(s []*rankedPod, n int) {
	lo, hi := 0, len(s) // the n-th smallest lies in s[lo:hi]; all before lo are smaller
	for n < len(s) && hi-lo > 1 {
		// Quickselect with the median of three as the pivot, moved to hi-1.
		mid := lo + (hi-lo)/2
		if rankOrder(s[mid], s[lo]) < 0 {
			s[mid], s[lo] = s[lo], s[mid]
		}
		if rankOrder(s[hi-1], s[lo]) < 0 {
			s[hi-1], s[lo] = s[lo], s[hi-1]
		}
		if rankOrder(s[mid], s[hi-1]) < 0 {
			s[mid], s[hi-1] = s[hi-1], s[mid]
		}
		pivot, i := s[hi-1], lo
		for j := lo; j < hi-1; j++ {
			if rankOrder(s[j], pivot) < 0 {
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
	slices.SortFunc(s[:n], rankOrder)
}

// nodeCounts counts pods per node; clusters here have a handful of nodes, so a slice searched
// in order beats a map.
type nodeCounts []nodeCount

type nodeCount struct {
	node string
	n    int
}

func (c *nodeCounts) add(node string, d int) {
	for i := range *c {
		if (*c)[i].node == node {
			(*c)[i].n += d
			return
		}
	}
	*c = append(*c, nodeCount{node, d})
}

func (c nodeCounts) get(node string) int {
	for _, e := range c {
		if e.node == node {
			return e.n
		}
	}
	return 0
}

// activePerNode counts the active pods of a list per node.
func activePerNode(pods []*api.Pod) nodeCounts {
	var c nodeCounts
	for _, p := range pods {
		if controller.IsPodActive(p) {
			c.add(p.Spec.NodeName, 1)
		}
	}
	return c
}

// rankScratch is what rankings keep between calls: the working lists, and the last ranking's
// entries (which hold its pods until the next ranking) for the matcher.
type rankScratch struct {
	ranked []rankedPod // of the last ranking, worked out at now (Unix nanoseconds)
	now    int64
	order  []*rankedPod
}

// bucketMemo remembers the last logBucket worked out in one ranking: timestamps have whole
// seconds, so the pods of a scale-up share one.
type bucketMemo struct {
	now, nanos int64
	b          int
}

// bucket returns t as a number that compares as the times do (zeroTime for the zero time),
// and its logBucket.
func (m *bucketMemo) bucket(t time.Time) (int64, int) {
	if t.IsZero() {
		return zeroTime, math.MinInt
	}
	if n := t.UnixNano(); n != m.nanos {
		m.nanos, m.b = n, logBucket(n, m.now)
	}
	return m.nanos, m.b
}

// zeroTime stands for the zero time among Unix nanoseconds (which it has none of).
const zeroTime = math.MinInt64

type rankedPod struct {
	pod  *api.Pod
	node string
	// first packs the keys compared first: podKeys and the count of the pod's node.
	first, podKeys      uint64
	uid                 uint64 // the UID's first bytes, which order as the string's start
	index               int
	ready               bool
	restarts            int32
	readySince, created int64 // Unix nanoseconds or zeroTime; readySince when ready
	readyBucket         int
	createdBucket       int
}

// podKeys and nodeKey pack the first keys of the deletion order into one number that orders
// as they do: scheduled after unscheduled, then phase, then ready after not ready, then
// deletion cost (signed), then the pods on the node, more first. 2^28 pods on one node are
// never reached.
func podKeys(unscheduled bool, phase int, ready bool, cost int32) uint64 {
	var k uint64
	if !unscheduled {
		k |= 1 << 63
	}
	k |= uint64(phase) << 61
	if ready {
		k |= 1 << 60
	}
	return k | uint64(uint32(cost)^1<<31)<<28
}

func nodeKey(onNode int) uint64 {
	const maxRank = 1<<28 - 1
	return uint64(maxRank - min(max(onNode, 0), maxRank))
}

// uidPrefix is the first eight bytes of a UID, big-endian: different prefixes order as the
// strings do.
func uidPrefix(uid string) uint64 {
	var k uint64
	for i := range 8 {
		k <<= 8
		if i < len(uid) {
			k |= uint64(uid[i])
		}
	}
	return k
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

// deletionOrder compares two pods for deletion, upstream's ActivePodsWithRanks order:
// negative when a goes first, 0 when nothing tells them apart.
func deletionOrder(a, b *rankedPod) int {
	if a.first != b.first { // decides most pairs, inlined
		return cmp.Compare(a.first, b.first)
	}
	return laterKeysOrder(a, b)
}

// rankOrder is deletionOrder made total by the pods' positions in the list ranked: upstream's
// sort is stable, and ties broken by position give the same order from an unstable one.
func rankOrder(a, b *rankedPod) int {
	if c := deletionOrder(a, b); c != 0 {
		return c
	}
	return a.index - b.index
}

// laterKeysOrder compares pods with the same first keys: both ready or neither.
func laterKeysOrder(a, b *rankedPod) int {
	if a.ready && a.readySince != b.readySince {
		return logBucketOrder(a.readyBucket, b.readyBucket, a, b)
	}
	if c := cmp.Compare(b.restarts, a.restarts); c != 0 {
		return c
	}
	if a.created != b.created {
		return logBucketOrder(a.createdBucket, b.createdBucket, a, b)
	}
	return 0
}

// logBucketOrder compares two different times by their buckets: the younger bucket first,
// the same bucket by UID.
func logBucketOrder(ba, bb int, a, b *rankedPod) int {
	if ba != bb {
		return cmp.Compare(ba, bb)
	}
	if a.uid != b.uid {
		return cmp.Compare(a.uid, b.uid)
	}
	return strings.Compare(a.pod.UID, b.pod.UID)
}

// logBucket is floor(log2(age in ns)) of Unix nanoseconds t; a future time is at -1.
func logBucket(t, now int64) int {
	d := now - t
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
