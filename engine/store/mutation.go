//go:build mutationdetector

package store

import (
	"fmt"
	"hash/maphash"
	"reflect"
	"sort"
	"strings"
	"sync"
	"weak"

	"rolloutlab/engine/api"
)

// MutationDetector is on in this build (tag mutationdetector), as client-go's
// KUBE_CACHE_MUTATION_DETECTOR: every stored object is fingerprinted when it is stored, and
// checked when it is replaced or deleted, in a sweep of all objects every so many writes, and
// by VerifyAll at the end of a test run. A change is a broken rule — callers copy before they
// change, and nothing changes what a stored object's maps, slices or pointers refer to — and
// panics, naming the object.
const MutationDetector = true

// detector keeps the fingerprint of every stored object.
type detector struct {
	fp     map[*Slot]uint64
	writes int // since the last sweep
}

var (
	registryMu sync.Mutex
	registry   []weak.Pointer[Store]
)

func (s *Store) detectorInit() {
	s.md.fp = map[*Slot]uint64{}
	registryMu.Lock()
	defer registryMu.Unlock()
	live := registry[:0]
	for _, w := range registry {
		if w.Value() != nil {
			live = append(live, w)
		}
	}
	registry = append(live, weak.Make(s))
}

// stored fingerprints the object now in sl (nil: forgets it), and sweeps every object once the
// writes since the last sweep reach a sixteenth of them: each write then costs a bounded
// number of fingerprints on average, however large the cluster.
func (s *Store) stored(sl *Slot) {
	if sl.obj == nil {
		delete(s.md.fp, sl)
	} else {
		s.md.fp[sl] = fingerprint(sl.obj)
	}
	if s.md.writes++; s.md.writes*16 >= len(s.md.fp) {
		s.md.writes = 0
		if err := s.VerifyUnchanged(); err != nil {
			panic(err)
		}
	}
}

// unchangedSince panics when the object in sl differs from its fingerprint: called before the
// store replaces or removes it.
func (s *Store) unchangedSince(sl *Slot) {
	if err := s.check(sl); err != nil {
		panic(err)
	}
}

func (s *Store) check(sl *Slot) error {
	want, ok := s.md.fp[sl]
	if !ok || sl.obj == nil || fingerprint(sl.obj) == want {
		return nil
	}
	m := sl.obj.Meta()
	return fmt.Errorf("store: %s %s/%s (resourceVersion %s) was changed in place after it was stored: copy an object before changing it, and never change what a stored object's maps, slices or pointers refer to",
		sl.obj.ObjectKind(), m.Namespace, m.Name, m.ResourceVersion)
}

// VerifyUnchanged checks every stored object against its fingerprint.
func (s *Store) VerifyUnchanged() error {
	var errs []string
	for sl := range s.md.fp {
		if err := s.check(sl); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) == 0 {
		return nil
	}
	sort.Strings(errs)
	return fmt.Errorf("%s", strings.Join(errs, "\n"))
}

// VerifyAll runs VerifyUnchanged on every store still alive (tests call it once they are done).
func VerifyAll() error {
	registryMu.Lock()
	stores := append([]weak.Pointer[Store](nil), registry...)
	registryMu.Unlock()
	for _, w := range stores {
		if s := w.Value(); s != nil {
			if err := s.VerifyUnchanged(); err != nil {
				return err
			}
		}
	}
	return nil
}

var seed = maphash.MakeSeed()

// fingerprint hashes everything an object holds, following pointers; map entries are combined
// in any order.
func fingerprint(o api.Object) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	hashValue(&h, reflect.ValueOf(o), 0)
	return h.Sum64()
}

func hashValue(h *maphash.Hash, v reflect.Value, depth int) {
	if depth > 64 {
		panic("store: fingerprint: an object nested more than 64 deep (a cycle?)")
	}
	h.WriteByte(byte(v.Kind()))
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			h.WriteByte(1)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		writeUint(h, uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		writeUint(h, v.Uint())
	case reflect.Float32, reflect.Float64:
		h.WriteString(fmt.Sprint(v.Float()))
	case reflect.String:
		writeUint(h, uint64(v.Len()))
		h.WriteString(v.String())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			h.WriteByte(0)
			return
		}
		writeUint(h, uint64(v.Len()))
		for i := range v.Len() {
			hashValue(h, v.Index(i), depth+1)
		}
	case reflect.Map:
		if v.IsNil() {
			h.WriteByte(0)
			return
		}
		var sum uint64
		for it := v.MapRange(); it.Next(); {
			var e maphash.Hash
			e.SetSeed(seed)
			hashValue(&e, it.Key(), depth+1)
			hashValue(&e, it.Value(), depth+1)
			sum += e.Sum64()
		}
		writeUint(h, uint64(v.Len()))
		writeUint(h, sum)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.WriteByte(0)
			return
		}
		h.WriteByte(1)
		if v.Kind() == reflect.Interface {
			h.WriteString(v.Elem().Type().String())
		}
		hashValue(h, v.Elem(), depth+1)
	case reflect.Struct:
		for i := range v.NumField() {
			hashValue(h, v.Field(i), depth+1)
		}
	default:
		panic("store: fingerprint: unexpected " + v.Kind().String() + " in a stored object")
	}
}

func writeUint(h *maphash.Hash, u uint64) {
	var b [8]byte
	for i := range b {
		b[i] = byte(u >> (8 * i))
	}
	h.Write(b[:])
}
