package events

import (
	"reflect"
	"slices"
	"strconv"
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

// The garbage collector never looks inside the event log's records: they must hold no
// pointers (strings included).
func TestRecordsHoldNoPointers(t *testing.T) {
	var walk func(reflect.Type) bool
	walk = func(t reflect.Type) bool {
		switch t.Kind() {
		case reflect.Pointer, reflect.String, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan, reflect.UnsafePointer:
			return true
		case reflect.Array:
			return walk(t.Elem())
		case reflect.Struct:
			for i := range t.NumField() {
				if walk(t.Field(i).Type) {
					return true
				}
			}
		}
		return false
	}
	if walk(reflect.TypeOf(record{})) {
		t.Fatal("record holds a pointer")
	}
}

// The correlator's cache keeps what was used lately and stays bounded.
func TestObjectCacheKeepsRecentObjects(t *testing.T) {
	c := newObjectCache()
	hot := &objectState{}
	c.put("hot", hot)
	for i := range 3 * cacheEntries {
		c.put(strconv.Itoa(i), &objectState{})
		if i%100 == 0 {
			if o, ok := c.get("hot"); !ok || o != hot {
				t.Fatalf("the object used all along was dropped after %d others", i)
			}
		}
	}
	if _, ok := c.get("0"); ok {
		t.Error("an object unused for thousands of additions is still there")
	}
	if n := len(c.objects); n > 2*cacheEntries {
		t.Errorf("%d objects kept", n)
	}
}

// The write queue gives the writes back oldest first from the front and newest first from the
// back, across chunks, as they are added and taken.
func TestWriteQueue(t *testing.T) {
	var q writeQueue
	popped := 0
	for i := range 3*writeChunk + 10 {
		q.push(written{at: int64(i)})
		if i%3 == 0 {
			w, ok := q.front()
			if !ok || w.at != int64(popped) {
				t.Fatalf("front %v %v, want %d", w, ok, popped)
			}
			q.pop()
			popped++
		}
	}
	next := int64(3*writeChunk + 9)
	for w := range q.newestFirst() {
		if w.at != next {
			t.Fatalf("newest first: %d, want %d", w.at, next)
		}
		next--
	}
	if next != int64(popped-1) {
		t.Fatalf("newest first stopped at %d, want %d", next+1, popped)
	}
	for range 3*writeChunk + 10 - popped {
		q.pop()
	}
	if _, ok := q.front(); ok {
		t.Fatal("an emptied queue has a front")
	}
}
