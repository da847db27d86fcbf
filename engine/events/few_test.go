package events

import (
	"slices"
	"testing"
)

func TestFew(t *testing.T) {
	var f few[int]
	items := func() []int {
		var out []int
		for i := range f.len() {
			out = append(out, *f.at(i))
		}
		return out
	}
	for i := 1; i <= 4; i++ {
		f.add(i)
	}
	f.removeAt(0)
	f.removeAt(1)
	if got := items(); !slices.Equal(got, []int{2, 4}) {
		t.Fatalf("after removing the first and the third: %v", got)
	}
	f.removeAt(0)
	f.removeAt(0)
	f.add(7)
	if got := items(); !slices.Equal(got, []int{7}) {
		t.Fatalf("emptied and refilled: %v", got)
	}
}
