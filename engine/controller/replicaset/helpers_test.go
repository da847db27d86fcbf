package replicaset

import (
	"cmp"
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
