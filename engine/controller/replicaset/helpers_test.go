package replicaset

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

// sortFirst must give exactly the front of a full sort, for every n, with many equal keys.
func TestSortFirstIsThePrefixOfAFullSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 2, 3, 10, 100, 1000} {
		items := make([]*rankedPod, size)
		for i := range items {
			items[i] = &rankedPod{first: uint64(r.IntN(size/3 + 1)), index: i}
		}
		want := slices.SortedFunc(slices.Values(items), rankOrder)
		for n := 0; n <= size; n += max(1, size/17) {
			got := slices.Clone(items)
			sortFirst(got, n)
			if !slices.Equal(got[:n], want[:n]) {
				t.Fatalf("size %d, n %d: the front differs from a full sort's", size, n)
			}
		}
	}
}

// podKeys and nodeKey must order exactly as upstream's first rules compared one by one: unscheduled,
// phase, not ready, deletion cost (negative ones too), more pods on the node.
func TestFirstKeysOrderAsTheRulesInTurn(t *testing.T) {
	type keys struct {
		unscheduled bool
		phase       int
		ready       bool
		cost        int32
		onNode      int
	}
	rules := func(a, b keys) int {
		if a.unscheduled != b.unscheduled {
			if a.unscheduled {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(a.phase, b.phase); c != 0 {
			return c
		}
		if a.ready != b.ready {
			if !a.ready {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.cost, b.cost), cmp.Compare(b.onNode, a.onNode))
	}
	r := rand.New(rand.NewPCG(3, 4))
	costs := []int32{math.MinInt32, -100, -1, 0, 1, 100, math.MaxInt32}
	random := func() keys {
		return keys{r.IntN(2) == 0, r.IntN(3), r.IntN(2) == 0, costs[r.IntN(len(costs))], r.IntN(5) * 1000}
	}
	for range 20000 {
		a, b := random(), random()
		first := func(k keys) uint64 { return podKeys(k.unscheduled, k.phase, k.ready, k.cost) | nodeKey(k.onNode) }
		got := cmp.Compare(first(a), first(b))
		if want := rules(a, b); got != want {
			t.Fatalf("%+v vs %+v: packed keys order %d, the rules say %d", a, b, got, want)
		}
	}
	if uidPrefix("0a") >= uidPrefix("0b") || uidPrefix("abc") >= uidPrefix("abcd") || uidPrefix("f") <= uidPrefix("e9999999999") {
		t.Error("uidPrefix does not order as the strings do")
	}
}

// A ranking at the same instant reuses the last one's keys for the pods that did not change:
// it must pick exactly the pods, in exactly the order, that a ranking from scratch picks, as
// the pods' nodes fill and empty, pods change, and pods come and go.
func TestRankingAgainAtTheSameInstantEqualsAFreshRanking(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	nodes := []string{"node-1", "node-2", "node-3"}
	newPod := func(i int) *api.Pod {
		return s8PodSpec{name: fmt.Sprintf("web-%04d", i), uid: fmt.Sprintf("%08x-uid", r.Uint32()), node: nodes[r.IntN(3)],
			phase: api.PodRunning, ready: r.IntN(4) > 0, readyAgo: time.Duration(r.IntN(3600)) * time.Second,
			createdAgo: time.Duration(3600+r.IntN(3600)) * time.Second, restarts: int32(r.IntN(2))}.build(s8Now)
	}
	var pods []*api.Pod
	for i := range 600 {
		pods = append(pods, newPod(i))
	}
	scratch := &rankScratch{}
	for round := range 12 {
		now := s8Now
		if round%4 == 3 {
			now = s8Now.Add(time.Duration(round) * time.Second) // a later instant: nothing is reused
		}
		want := rankForDeletion(pods, activePerNode(pods), now, 50, nil)
		got := rankForDeletion(pods, activePerNode(pods), now, 50, scratch)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: the ranking with the last one's keys differs from a fresh one", round)
		}
		// The victims go; a few pods change (new objects), and a few new ones come.
		deleted := map[*api.Pod]bool{}
		for _, p := range want {
			deleted[p] = true
		}
		pods = slices.DeleteFunc(pods, func(p *api.Pod) bool { return deleted[p] })
		for range round % 3 * 5 {
			i := r.IntN(len(pods))
			cp := pods[i].DeepCopy()
			cp.Status.ContainerStatuses[0].RestartCount += 3
			pods[i] = cp
		}
		for i := range round % 2 * 7 {
			pods = slices.Insert(pods, r.IntN(len(pods)), newPod(1000+round*10+i))
		}
	}
}
