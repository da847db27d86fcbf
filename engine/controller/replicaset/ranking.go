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
	ranked := slices.Grow(scratch.ranked[:0], len(pods))[:len(pods)]
	order := slices.Grow(scratch.order[:0], len(pods))[:len(pods)]
	defer func() {
		clear(ranked) // keep the lists, not the pods
		clear(order)
		scratch.ranked, scratch.order = ranked[:0], order[:0]
	}()
	for i, p := range pods {
		r := &ranked[i]
		c := controller.PodReadyCondition(p)
		*r = rankedPod{pod: p, index: i, unscheduled: p.Spec.NodeName == "", phase: phaseOrder(p.Status.Phase), rank: onNode.get(p.Spec.NodeName),
			cost: deletionCost(p), ready: c != nil && c.Status == api.ConditionTrue, restarts: maxRestarts(p), created: p.CreationTimestamp.Time}
		r.createdBucket = scratch.created.bucket(r.created, now)
		if r.ready {
			r.readySince = c.LastTransitionTime.Time
			r.readyBucket = scratch.readySince.bucket(r.readySince, now)
		}
		// Upstream's sort is stable; ties broken by the original position give the same
		// order from the faster unstable sort. Pointers keep the swaps small.
		order[i] = r
	}
	n = min(n, len(order))
	sortFirst(order, n, func(a, b *rankedPod) int { return cmp.Or(deletionOrder(a, b), a.index-b.index) })
	out := make([]*api.Pod, n)
	for i, r := range order[:n] {
		out[i] = r.pod
	}
	return out
}

// sortFirst puts the n smallest elements of s in order at its front (cmp must be a total
// order): a burst deletes at most 500 pods of thousands, so only those need sorting.
func sortFirst[T any](s []T, n int, cmp func(a, b T) int) {
	lo, hi := 0, len(s) // the n-th smallest lies in s[lo:hi]; all before lo are smaller
	for n < len(s) && hi-lo > 1 {
		// Quickselect with the median of three as the pivot, moved to hi-1.
		mid := lo + (hi-lo)/2
		if cmp(s[mid], s[lo]) < 0 {
			s[mid], s[lo] = s[lo], s[mid]
		}
		if cmp(s[hi-1], s[lo]) < 0 {
			s[hi-1], s[lo] = s[lo], s[hi-1]
		}
		if cmp(s[mid], s[hi-1]) < 0 {
			s[mid], s[hi-1] = s[hi-1], s[mid]
		}
		pivot, i := s[hi-1], lo
		for j := lo; j < hi-1; j++ {
			if cmp(s[j], pivot) < 0 {
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
	slices.SortFunc(s[:n], cmp)
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

type rankScratch struct {
	ranked              []rankedPod
	order               []*rankedPod
	created, readySince bucketMemo
}

// bucketMemo remembers the last logBucket worked out: timestamps have whole seconds, so the
// pods of a scale-up share one, and a rollout ranks thousands of them again and again.
type bucketMemo struct {
	t, now time.Time
	b      int
}

func (m *bucketMemo) bucket(t, now time.Time) int {
	if !m.t.Equal(t) || !m.now.Equal(now) || m.t.IsZero() {
		m.t, m.now, m.b = t, now, logBucket(t, now)
	}
	return m.b
}

type rankedPod struct {
	pod           *api.Pod
	index         int
	unscheduled   bool
	phase         int
	ready         bool
	cost          int32
	rank          int
	readySince    time.Time
	readyBucket   int
	restarts      int32
	created       time.Time
	createdBucket int
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
	if a.unscheduled != b.unscheduled {
		return firstIf(a.unscheduled)
	}
	if c := cmp.Compare(a.phase, b.phase); c != 0 {
		return c
	}
	if a.ready != b.ready {
		return firstIf(!a.ready)
	}
	if c := cmp.Compare(a.cost, b.cost); c != 0 {
		return c
	}
	if c := cmp.Compare(b.rank, a.rank); c != 0 {
		return c
	}
	if a.ready && b.ready && !a.readySince.Equal(b.readySince) {
		return logBucketOrder(a.readyBucket, b.readyBucket, a.pod.UID, b.pod.UID)
	}
	if c := cmp.Compare(b.restarts, a.restarts); c != 0 {
		return c
	}
	if !a.created.Equal(b.created) {
		return logBucketOrder(a.createdBucket, b.createdBucket, a.pod.UID, b.pod.UID)
	}
	return 0
}

func firstIf(aFirst bool) int {
	if aFirst {
		return -1
	}
	return 1
}

// logBucketOrder compares two different times by their buckets: the younger bucket first,
// the same bucket by UID.
func logBucketOrder(ba, bb int, uidA, uidB string) int {
	if ba == bb {
		return strings.Compare(uidA, uidB)
	}
	return cmp.Compare(ba, bb)
}

// logBucket is floor(log2(age in ns)); a zero time sorts before every age, a future one at -1.
func logBucket(t, now time.Time) int {
	if t.IsZero() {
		return math.MinInt
	}
	d := now.Sub(t)
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
