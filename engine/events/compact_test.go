package events

import (
	"reflect"
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
