package api

import (
	"testing"
	"unsafe"
)

// The Go allocator handles objects of up to 512 bytes without a type header, and a busy
// session writes an Event for every pod transition: keep Event within that size.
func TestEventFitsTheAllocatorsSmallSize(t *testing.T) {
	if n := unsafe.Sizeof(Event{}); n > 512 {
		t.Fatalf("Event is %d bytes", n)
	}
}
