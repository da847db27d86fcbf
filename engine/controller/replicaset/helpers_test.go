package replicaset

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

// sortFirst must give exactly the front of a stable sort by upstream's rules (pods no rule
// tells apart stay in list order), for every n, with many ties.
func TestSortFirstIsThePrefixOfAStableSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 2, 3, 10, 100, 1000} {
		items := make([]*rankKeys, size)
		for i := range items {
			items[i] = &rankKeys{pod: &api.Pod{}, index: i, onNode: r.IntN(size/3 + 1), restarts: int32(r.IntN(2))}
		}
		want := slices.Clone(items)
		slices.SortStableFunc(want, deletionOrder)
		for n := 0; n <= size; n += max(1, size/17) {
			got := slices.Clone(items)
			sortFirst(got, n)
			if !slices.Equal(got[:n], want[:n]) {
				t.Fatalf("size %d, n %d: the front differs from a stable sort's", size, n)
			}
		}
	}
}

// A ranking reuses the last one's working lists (rankScratch): it must pick exactly the pods,
// in exactly the order, that a ranking from scratch picks, as the pods' nodes fill and empty,
// pods change, and pods come and go.
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
