package replicaset

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// sortFirst must give exactly the front of a full sort, for every n, with many equal keys.
func TestSortFirstIsThePrefixOfAFullSort(t *testing.T) {
	type item struct{ key, index int }
	byKey := func(a, b item) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.index, b.index)) }
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 2, 3, 10, 100, 1000} {
		items := make([]item, size)
		for i := range items {
			items[i] = item{r.IntN(size/3 + 1), i}
		}
		want := slices.SortedFunc(slices.Values(items), byKey)
		for n := 0; n <= size; n += max(1, size/17) {
			got := slices.Clone(items)
			sortFirst(got, n, byKey)
			if !slices.Equal(got[:n], want[:n]) {
				t.Fatalf("size %d, n %d: %v, want %v", size, n, got[:n], want[:n])
			}
		}
	}
}

func TestSameMap(t *testing.T) {
	a := map[string]string{"app": "web"}
	b := map[string]string{"app": "web"}
	for _, c := range []struct {
		x, y map[string]string
		want bool
	}{{a, a, true}, {a, b, false}, {nil, map[string]string{}, true}, {a, nil, false}} {
		if got := sameMap(c.x, c.y); got != c.want {
			t.Errorf("sameMap(%v, %v) = %v", c.x, c.y, got)
		}
	}
}

// firstKeys must order exactly as upstream's first rules compared one by one: unscheduled,
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
		got := cmp.Compare(firstKeys(a.unscheduled, a.phase, a.ready, a.cost, a.onNode), firstKeys(b.unscheduled, b.phase, b.ready, b.cost, b.onNode))
		if want := rules(a, b); got != want {
			t.Fatalf("%+v vs %+v: firstKeys order %d, the rules say %d", a, b, got, want)
		}
	}
	if uidPrefix("0a") >= uidPrefix("0b") || uidPrefix("abc") >= uidPrefix("abcd") || uidPrefix("f") <= uidPrefix("e9999999999") {
		t.Error("uidPrefix does not order as the strings do")
	}
}
