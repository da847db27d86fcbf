// Package store is the simulator's API server storage: a versioned object store with
// resourceVersion, generation, generateName, owner index, watch handlers and pod graceful
// deletion; a kind may be kept elsewhere and served through a Table (events). Objects handed
// out are shared: callers copy before they change anything, and nothing ever changes what a
// stored object's maps, slices or pointers refer to, so copies may share them.
package store

import (
	"encoding/binary"
	"iter"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"sort"
	"strconv"
	"time"
	"unsafe"

	"github.com/google/uuid"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
)

// EventType says what happened to an object.
type EventType int

// Watch event types.
const (
	Added EventType = iota
	Modified
	Deleted
)

// WatchEvent is delivered to every handler after each write. Old is nil for Added, New is the
// last state for Deleted.
type WatchEvent struct {
	Type EventType
	Kind string
	Old  api.Object
	New  api.Object
	// Slot is where the object is kept (see Slot.Object).
	Slot *Slot
}

// Handler reacts to a write. Handlers run synchronously and should only schedule work.
type Handler func(WatchEvent)

// Store keeps every object of the simulated cluster.
type Store struct {
	// Checkpoint, when set, is called before each object is created (budget.Budget's
	// Checkpoint: a ReplicaSet pass creating 500 pods is long, in WebAssembly above all). It
	// must not touch the store.
	Checkpoint func()
	clock      *clock.Clock
	rng        *rand.Rand
	rv         int64
	rvBytes    []byte // where resource versions are written (nextRV)
	served     [served]*kindStore
	kinds      map[string]*kindStore // any other kind
	tables     [served]Table         // served kinds kept elsewhere (table.go)
	slab       []Slot                // where the next slots are made
	lastMark   struct {              // deletionMark's last values
		at    *api.Time
		grace *int64
	}
	owners       map[string]*depSet // owner UID → dependents
	admit        map[string][]func(api.Object) error
	admitChanges map[string][]func(verb string, o api.Object) error
	md           detector // the mutation detector's fingerprints (mutation.go; empty without the tag)
}

// Admit registers an admission step for new objects of a kind, run in registration order (the
// API server's admission plugins: ResourceQuota refusing, ServiceAccount and
// DefaultTolerationSeconds completing pods). An error refuses the object.
func (s *Store) Admit(kind string, f func(api.Object) error) {
	if s.admit == nil {
		s.admit = map[string][]func(api.Object) error{}
	}
	s.admit[kind] = append(s.admit[kind], f)
}

// AdmitChange registers a validating admission step for writes to existing objects of a kind,
// as a ValidatingAdmissionWebhook on UPDATE and DELETE: verb is "update" (spec or status) or
// "delete", o the object written or deleted. An error refuses the write.
func (s *Store) AdmitChange(kind string, f func(verb string, o api.Object) error) {
	if s.admitChanges == nil {
		s.admitChanges = map[string][]func(string, api.Object) error{}
	}
	s.admitChanges[kind] = append(s.admitChanges[kind], f)
}

func (s *Store) admitChange(verb string, o api.Object) error {
	for _, f := range s.admitChanges[o.ObjectKind()] {
		if err := f(verb, o); err != nil {
			return err
		}
	}
	return nil
}

// key names an object within its kind.
type key struct{ ns, name string }

// Slot holds one stored object for as long as it exists under its name: updates replace the
// object in place, so the owner index and the sorted list point at slots and stay valid, and a
// controller holding a Slot reads the current object without a lookup.
type Slot struct {
	obj api.Object
	pos int // among the dependents of the object's first owner (depSet)
	// agent is what the one component that runs the object keeps for it (the kubelet, per
	// pod): its watch events carry the slot, so it needs no map of its own.
	agent any
}

// Agent is what the object's running component keeps for it, or nil.
func (sl *Slot) Agent() any { return sl.agent }

// SetAgent keeps v for the object's running component; nil lets it go.
func (sl *Slot) SetAgent(v any) { sl.agent = v }

// Object is the object's current state, or nil once it was deleted (a new object of the same
// name gets a new Slot).
func (sl *Slot) Object() api.Object { return sl.obj }

type kindStore struct {
	objs     map[key]*Slot
	handlers []Handler // watching the kind, in registration order
	// changes are the kind's latest writes, kept once Track was called, for watchers that
	// read them later (Changes) rather than react to each.
	changes  []Change
	tracking bool
	dropped  int64 // the resourceVersion of the last change forgotten
	// sorted caches the objects ordered by namespace and name; nil when one was added or
	// removed. Updates replace their object in place.
	sorted []api.Object
}

// New returns an empty store using clk for timestamps and seed for generated names and UIDs.
func New(clk *clock.Clock, seed uint64) *Store {
	s := &Store{
		clock:  clk,
		rng:    rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		owners: map[string]*depSet{},
	}
	s.detectorInit()
	return s
}

// Clock is the store's clock.
func (s *Store) Clock() *clock.Clock { return s.clock }

// Rand is the store's seeded random source, shared by everything that needs chance.
func (s *Store) Rand() *rand.Rand { return s.rng }

// Watch registers a handler for every later write to objects of the given kinds. Handlers of a
// kind run in the order they were registered.
func (s *Store) Watch(h Handler, kinds ...string) {
	for _, k := range kinds {
		ks := s.kind(k)
		ks.handlers = append(ks.handlers, h)
	}
}

// Change is one write to an object: its resourceVersion after the write (a deletion has its
// own) and the object's namespace and name.
type Change struct {
	RV              int64
	Namespace, Name string
}

// maxChanges is how many writes of a kind Changes remembers: a watcher further behind lists
// again, as a client of the API server does after 410 Gone.
const maxChanges = 1 << 14

// Track starts keeping the writes to a kind for Changes and returns the resourceVersion they
// follow; ok is false for a kind kept in a Table, whose writes are not seen.
func (s *Store) Track(kind string) (since int64, ok bool) {
	if s.table(kind) != nil {
		return s.rv, false
	}
	s.kind(kind).tracking = true
	return s.rv, true
}

// Changes returns the writes to a tracked kind after resourceVersion since, oldest first (an
// object written twice is there twice); ok is false when some were already forgotten. The
// slice must not be changed and is valid until the next write.
func (s *Store) Changes(kind string, since int64) (changes []Change, ok bool) {
	ks := s.kind(kind)
	if !ks.tracking || since < ks.dropped {
		return nil, false
	}
	c := ks.changes
	i := sort.Search(len(c), func(i int) bool { return c[i].RV > since })
	return c[i:], true
}

// ResourceVersion is the latest resourceVersion handed out.
func (s *Store) ResourceVersion() int64 { return s.rv }

// served is how many kinds the simulator serves; kindIndex numbers them, as a switch finds
// them faster than a map. Other kinds are kept by name.
const served = 5

func kindIndex(k string) int {
	switch k {
	case api.KindDeployment:
		return 0
	case api.KindReplicaSet:
		return 1
	case api.KindPod:
		return 2
	case api.KindNode:
		return 3
	case api.KindEvent:
		return 4
	}
	return -1
}

func (s *Store) kind(k string) *kindStore {
	i := kindIndex(k)
	var ks *kindStore
	if i >= 0 {
		ks = s.served[i]
	} else {
		ks = s.kinds[k]
	}
	if ks == nil {
		ks = &kindStore{objs: map[key]*Slot{}}
		if i >= 0 {
			s.served[i] = ks
		} else {
			if s.kinds == nil {
				s.kinds = map[string]*kindStore{}
			}
			s.kinds[k] = ks
		}
	}
	return ks
}

// add stores a new object in a slot from the store's slab.
func (s *Store) add(ks *kindStore, k key, o api.Object) *Slot {
	if len(s.slab) == 0 {
		s.slab = make([]Slot, 128) // a slab stays while any of its slots is held
	}
	sl := &s.slab[0]
	s.slab = s.slab[1:]
	sl.obj = o
	ks.objs[k] = sl
	ks.sorted = nil
	return sl
}

// set replaces the object of a Slot.
func (ks *kindStore) set(sl *Slot, o api.Object) {
	sl.obj = o
	if ks.sorted == nil {
		return
	}
	m := o.Meta()
	i := sort.Search(len(ks.sorted), func(i int) bool {
		n := ks.sorted[i].Meta()
		return n.Namespace > m.Namespace || n.Namespace == m.Namespace && n.Name >= m.Name
	})
	if i < len(ks.sorted) {
		ks.sorted[i] = o
	}
}

// remove drops an object.
func (ks *kindStore) remove(k key) {
	delete(ks.objs, k)
	ks.sorted = nil
}

func keyOf(o api.Object) key {
	m := o.Meta()
	return key{m.Namespace, m.Name}
}

// Get returns the stored object, or nil.
func (s *Store) Get(kind, namespace, name string) api.Object {
	if t := s.table(kind); t != nil {
		return t.Get(namespace, name)
	}
	if sl := s.kind(kind).objs[key{namespace, name}]; sl != nil {
		return sl.obj
	}
	return nil
}

// Slot returns the slot of a stored object, or nil.
func (s *Store) Slot(kind, namespace, name string) *Slot {
	return s.kind(kind).objs[key{namespace, name}]
}

// List returns the objects of a kind in a namespace ("" for all), ordered by namespace and name
// as the API server lists them. The slice must not be changed.
func (s *Store) List(kind, namespace string) []api.Object {
	if t := s.table(kind); t != nil {
		return t.List(namespace)
	}
	ks := s.kind(kind)
	if ks.sorted == nil {
		ks.sorted = make([]api.Object, 0, len(ks.objs))
		for _, sl := range ks.objs {
			ks.sorted = append(ks.sorted, sl.obj)
		}
		sort.Slice(ks.sorted, func(i, j int) bool {
			a, b := ks.sorted[i].Meta(), ks.sorted[j].Meta()
			if a.Namespace != b.Namespace {
				return a.Namespace < b.Namespace
			}
			return a.Name < b.Name
		})
	}
	if namespace == "" {
		return ks.sorted
	}
	lo := sort.Search(len(ks.sorted), func(i int) bool { return ks.sorted[i].Meta().Namespace >= namespace })
	hi := sort.Search(len(ks.sorted), func(i int) bool { return ks.sorted[i].Meta().Namespace > namespace })
	return ks.sorted[lo:hi]
}

// Count is the number of objects of a kind.
func (s *Store) Count(kind string) int {
	if t := s.table(kind); t != nil {
		return t.Len()
	}
	return len(s.kind(kind).objs)
}

// Dependents returns the objects whose ownerReferences name ownerUID, in a deterministic order
// (the order they became dependents); ownerUID "" gives the pods and ReplicaSets that have no
// owner. The slice is the caller's.
func (s *Store) Dependents(ownerUID string) []api.Object {
	set := s.owners[ownerUID]
	if set == nil {
		return nil
	}
	out := make([]api.Object, len(set.items))
	for i, sl := range set.items {
		out[i] = sl.obj
	}
	return out
}

// EachDependent yields the objects owned by ownerUID, in the order of Dependents, without
// copying them out; the loop must not write to the store.
func (s *Store) EachDependent(ownerUID string) iter.Seq[api.Object] {
	return func(yield func(api.Object) bool) {
		if set := s.owners[ownerUID]; set != nil {
			for _, sl := range set.items {
				if !yield(sl.obj) {
					return
				}
			}
		}
	}
}

// DependentCount is the number of objects owned by ownerUID.
func (s *Store) DependentCount(ownerUID string) int {
	if set := s.owners[ownerUID]; set != nil {
		return len(set.items)
	}
	return 0
}

// depSet is an owner's dependents: a slice for ordered, allocation-free iteration, and the
// positions for constant-time removals. A slot keeps its position among its first owner's
// dependents itself; the rare object with several owners is found in the others' maps. It
// holds slots, so updates need no change here.
type depSet struct {
	items []*Slot
	pos   map[*Slot]int // of the dependents whose first owner is another
}

func (d *depSet) add(sl *Slot, first bool) {
	if first {
		sl.pos = len(d.items)
	} else {
		if _, ok := d.pos[sl]; ok {
			return
		}
		if d.pos == nil {
			d.pos = map[*Slot]int{}
		}
		d.pos[sl] = len(d.items)
	}
	d.items = append(d.items, sl)
}

func (d *depSet) remove(sl *Slot, first bool) {
	i := sl.pos
	if first && (i >= len(d.items) || d.items[i] != sl) {
		return // not here
	}
	if !first {
		var ok bool
		if i, ok = d.pos[sl]; !ok {
			return
		}
		delete(d.pos, sl)
	}
	last := len(d.items) - 1
	if i != last {
		moved := d.items[last]
		d.items[i] = moved
		if _, ok := d.pos[moved]; ok {
			d.pos[moved] = i
		} else {
			moved.pos = i
		}
	}
	d.items[last] = nil
	d.items = d.items[:last]
}

// newUID returns a random (version 4) UUID drawn from the seeded source.
func (s *Store) newUID() string { return UUIDFrom(s.rng.Uint64(), s.rng.Uint64()).String() }

// UUIDFrom makes a version 4 UUID of two random numbers.
func UUIDFrom(hi, lo uint64) uuid.UUID {
	var u uuid.UUID
	binary.LittleEndian.PutUint64(u[:8], hi)
	binary.LittleEndian.PutUint64(u[8:], lo)
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return u
}

// Alphabet of generated name suffixes and pod-template hashes: no vowels, no 0, 1 or 3.
const Alphabet = "bcdfghjklmnpqrstvwxz2456789"

// RandomSuffix returns n characters from Alphabet, as the API server's generateName does.
func (s *Store) RandomSuffix(n int) string { return string(s.AppendRandomSuffix(nil, n)) }

// AppendRandomSuffix appends n characters from Alphabet to b.
func (s *Store) AppendRandomSuffix(b []byte, n int) []byte {
	// Each character takes a base-27 digit of one random 64-bit fraction (27^12 < 2^64): a
	// name costs one draw, not one per character, and every pod gets two names.
	var x uint64
	for i := range n {
		if i%12 == 0 {
			x = s.rng.Uint64()
		}
		var d uint64
		d, x = bits.Mul64(x, uint64(len(Alphabet)))
		b = append(b, Alphabet[d])
	}
	return b
}

func (s *Store) nextRV() string {
	s.rv++
	// Resource versions are written into a shared block, a few thousand to a block: every
	// write makes one, and a string each would be an allocation each (measured: +90,000
	// allocations, +29%, in a 10,000-replica rollout). The strings are views of the block, so
	// what a maintainer must keep: bytes once written are never written again — the block is
	// only appended to, and a full one is replaced, never reused
	// (TestResourceVersionsStayDistinct).
	if cap(s.rvBytes)-len(s.rvBytes) < 20 {
		s.rvBytes = make([]byte, 0, 4096)
	}
	start := len(s.rvBytes)
	s.rvBytes = strconv.AppendInt(s.rvBytes, s.rv, 10)
	return unsafe.String(&s.rvBytes[start], len(s.rvBytes)-start)
}

func (s *Store) notify(ks *kindStore, ev WatchEvent) {
	if ks.tracking {
		if len(ks.changes) == maxChanges { // keep the newer half: amortized O(1) a write
			ks.dropped = ks.changes[maxChanges/2-1].RV
			ks.changes = append(ks.changes[:0], ks.changes[maxChanges/2:]...)
		}
		m := ev.New.Meta()
		ks.changes = append(ks.changes, Change{RV: s.rv, Namespace: m.Namespace, Name: m.Name})
	}
	for _, h := range ks.handlers {
		h(ev)
	}
}

// orphanable kinds are indexed under the owner UID "" while they have no owner, so that
// controllers find orphans to adopt without scanning everything.
func orphanable(kind string) bool { return kind == api.KindPod || kind == api.KindReplicaSet }

// eachOwner calls f with the UID of each owner of o, once each, and whether it is the first
// ("" for an orphanable object without owners).
func eachOwner(o api.Object, f func(uid string, first bool)) {
	refs := o.Meta().OwnerReferences
	if len(refs) == 0 {
		if orphanable(o.ObjectKind()) {
			f("", true)
		}
		return
	}
	for i := range refs {
		if i == 0 || refs[i].UID != refs[0].UID { // listed twice, indexed once
			f(refs[i].UID, i == 0)
		}
	}
}

// index adds the object in sl under each of its owners.
func (s *Store) index(sl *Slot) {
	eachOwner(sl.obj, func(uid string, first bool) {
		set := s.owners[uid]
		if set == nil {
			set = &depSet{}
			s.owners[uid] = set
		}
		set.add(sl, first)
	})
}

// unindex removes o, the object sl held, from under its owners.
func (s *Store) unindex(sl *Slot, o api.Object) {
	eachOwner(o, func(uid string, first bool) {
		if set := s.owners[uid]; set != nil {
			set.remove(sl, first)
			if len(set.items) == 0 {
				delete(s.owners, uid)
			}
		}
	})
}

// replace stores o in sl, moving it in the owner index when its owners changed.
func (s *Store) replace(ks *kindStore, sl *Slot, o api.Object) {
	s.unchangedSince(sl)
	defer s.stored(sl)
	old := sl.obj
	a, b := old.Meta().OwnerReferences, o.Meta().OwnerReferences
	same := len(a) == len(b)
	for i := 0; same && i < len(a); i++ {
		same = a[i].UID == b[i].UID
	}
	if !same {
		s.unindex(sl, old)
	}
	ks.set(sl, o)
	if !same {
		s.index(sl)
	}
}

// maxGenerateNamePrefix is where the API server cuts a generateName prefix (names ≤ 63).
const maxGenerateNamePrefix = 58

// Create stores a new object. It fills namespace, name (from generateName), uid,
// resourceVersion, generation and creationTimestamp. The caller's object becomes the stored one.
func (s *Store) Create(o api.Object) error {
	if s.Checkpoint != nil {
		s.Checkpoint()
	}
	if s.table(o.ObjectKind()) != nil {
		return api.NewBadRequest(o.ObjectKind() + " objects are written by their own recorder")
	}
	m := o.Meta()
	if m.Namespace == "" && o.ObjectKind() != api.KindNode {
		m.Namespace = "default"
	}
	ks := s.kind(o.ObjectKind())
	if m.Name == "" && m.GenerateName != "" {
		prefix := m.GenerateName
		if len(prefix) > maxGenerateNamePrefix {
			prefix = prefix[:maxGenerateNamePrefix]
		}
		for {
			var buf [maxGenerateNamePrefix + 5]byte
			m.Name = string(s.AppendRandomSuffix(append(buf[:0], prefix...), 5))
			if _, taken := ks.objs[keyOf(o)]; !taken {
				break
			}
		}
	}
	k := keyOf(o)
	if _, exists := ks.objs[k]; exists {
		return api.NewAlreadyExists(Resource(o.ObjectKind()), m.Name)
	}
	for _, f := range s.admit[o.ObjectKind()] {
		if err := f(o); err != nil {
			return err
		}
	}
	m.UID = s.newUID()
	m.ResourceVersion = s.nextRV()
	m.CreationTimestamp = api.Stamp(s.clock.Now())
	m.DeletionTimestamp = nil
	switch o.ObjectKind() {
	case api.KindDeployment, api.KindReplicaSet:
		m.Generation = 1
	}
	sl := s.add(ks, k, o)
	s.stored(sl)
	s.index(sl)
	s.notify(ks, WatchEvent{Type: Added, Kind: o.ObjectKind(), New: o, Slot: sl})
	return nil
}

// Update replaces an object's metadata and spec as a client's PUT does: status is kept from the
// stored object, generation follows the API server's rules, and a stale resourceVersion
// conflicts. The caller's object becomes the stored one.
func (s *Store) Update(o api.Object) error {
	return s.update(o, false, nil)
}

// UpdateStatus writes through the status subresource: spec (and labels) are kept from the
// stored object and generation does not change; annotations may change, as upstream allows.
func (s *Store) UpdateStatus(o api.Object) error {
	return s.update(o, true, nil)
}

// UpdateStatusIn is UpdateStatus for the object kept in sl, which the caller holds: no lookup.
func (s *Store) UpdateStatusIn(sl *Slot, o api.Object) error {
	return s.update(o, true, sl)
}

func (s *Store) update(o api.Object, status bool, sl *Slot) error {
	if s.table(o.ObjectKind()) != nil {
		return api.NewBadRequest(o.ObjectKind() + " objects are written by their own recorder")
	}
	ks := s.kind(o.ObjectKind())
	k := keyOf(o)
	if sl == nil {
		sl = ks.objs[k]
	}
	if sl == nil || sl.obj == nil || sl.obj.Meta().Name != k.name || sl.obj.Meta().Namespace != k.ns {
		return api.NewNotFound(Resource(o.ObjectKind()), k.name)
	}
	old := sl.obj
	m, om := o.Meta(), old.Meta()
	if m.ResourceVersion != "" && m.ResourceVersion != om.ResourceVersion {
		return api.NewConflict(Resource(o.ObjectKind()), k.name, api.OptimisticLockErrorMsg)
	}
	if err := s.admitChange("update", o); err != nil {
		return err
	}
	m.UID = om.UID
	m.CreationTimestamp = om.CreationTimestamp
	if om.DeletionTimestamp != nil {
		m.DeletionTimestamp = om.DeletionTimestamp
		m.DeletionGracePeriodSeconds = om.DeletionGracePeriodSeconds
	}
	m.Generation = om.Generation
	// The API server skips a write that changes nothing: no new resourceVersion, no event.
	if o.ObjectKind() != api.KindPod && o.ObjectKind() != api.KindEvent {
		m.ResourceVersion = om.ResourceVersion
		if unchanged(old, o, status) {
			return nil
		}
	}
	switch n := o.(type) {
	case *api.Deployment:
		prev := old.(*api.Deployment)
		if status {
			n.Spec = prev.Spec
			n.Labels = prev.Labels
		} else {
			n.Status = prev.Status
			// Spec or annotation changes bump generation (annotations because of the legacy
			// rollback annotation); confirmed on 1.37 for a change-cause annotate.
			if !reflect.DeepEqual(n.Spec, prev.Spec) || !reflect.DeepEqual(n.Annotations, prev.Annotations) {
				m.Generation++
			}
		}
	case *api.ReplicaSet:
		prev := old.(*api.ReplicaSet)
		if status {
			n.Spec = prev.Spec
			n.Labels = prev.Labels
		} else {
			n.Status = prev.Status
			if !reflect.DeepEqual(n.Spec, prev.Spec) {
				m.Generation++
			}
		}
	case *api.Pod:
		prev := old.(*api.Pod)
		if status || n.Spec == nil {
			n.Spec = prev.Spec
		}
		if !status {
			n.Status = prev.Status
		}
	}
	m.ResourceVersion = s.nextRV()
	s.replace(ks, sl, o)
	s.notify(ks, WatchEvent{Type: Modified, Kind: o.ObjectKind(), Old: old, New: o, Slot: sl})
	// The API server deletes an object being deleted once an update removes its last finalizer.
	if o.ObjectKind() != api.KindPod && m.DeletionTimestamp != nil && len(m.Finalizers()) == 0 && sl.obj == o {
		s.remove(ks, sl)
	}
	return nil
}

// Propagation is a DELETE's propagationPolicy. kubectl always sends one; the controllers send
// none.
type Propagation int

const (
	// PropagateUnset leaves the object's garbage-collection finalizers as they are.
	PropagateUnset Propagation = iota
	// PropagateBackground removes the foregroundDeletion finalizer: the object goes at once
	// (unless other finalizers hold it) and the garbage collector deletes its dependents after.
	PropagateBackground
	// PropagateForeground adds the foregroundDeletion finalizer: the object stays, marked, until
	// the garbage collector has deleted its blocking dependents and removed the finalizer.
	PropagateForeground
)

// FinalizerForeground is the finalizer of a deletion with propagationPolicy=Foreground.
const FinalizerForeground = "foregroundDeletion"

// Delete removes an object. A pod that is not yet terminating and gets a grace period > 0 is
// only marked (deletionTimestamp = now + grace): the kubelet removes it once its containers
// have stopped. gracePeriod < 0 means the pod's own terminationGracePeriodSeconds. Another
// object with finalizers is only marked too (see DeletePropagating).
func (s *Store) Delete(kind, namespace, name string, gracePeriod int64) (api.Object, error) {
	return s.DeletePropagating(kind, namespace, name, gracePeriod, PropagateUnset)
}

// DeletePropagating is Delete with a propagationPolicy. For objects other than pods it sets the
// foregroundDeletion finalizer as the API server does (added for Foreground, removed for
// Background); an object left with finalizers is marked as deleting (deletionTimestamp now,
// deletionGracePeriodSeconds 0, generation + 1 the first time) and stays until an update
// removes its last finalizer.
func (s *Store) DeletePropagating(kind, namespace, name string, gracePeriod int64, policy Propagation) (api.Object, error) {
	if t := s.table(kind); t != nil {
		o, ok := t.Delete(namespace, name)
		if !ok {
			return nil, api.NewNotFound(Resource(kind), name)
		}
		s.NextResourceVersion()
		return o, nil
	}
	ks := s.kind(kind)
	k := key{namespace, name}
	sl := ks.objs[k]
	if sl == nil {
		return nil, api.NewNotFound(Resource(kind), name)
	}
	old := sl.obj
	if err := s.admitChange("delete", old); err != nil {
		return nil, err
	}
	if p, isPod := old.(*api.Pod); isPod {
		if gracePeriod < 0 {
			gracePeriod = 30
			if g := p.Spec.TerminationGracePeriodSeconds; g != nil {
				gracePeriod = *g
			}
		}
		terminal := p.Status.Phase == api.PodSucceeded || p.Status.Phase == api.PodFailed
		unscheduled := p.Spec.NodeName == ""
		if gracePeriod > 0 && !terminal && !unscheduled {
			if p.DeletionTimestamp != nil && *p.DeletionGracePeriodSeconds <= gracePeriod {
				return p, nil // already terminating with a shorter grace period
			}
			c := p.CopyForStatus() // only metadata changes; spec and maps are shared
			c.DeletionTimestamp, c.DeletionGracePeriodSeconds = s.deletionMark(gracePeriod)
			c.ResourceVersion = s.nextRV()
			s.unchangedSince(sl)
			ks.set(sl, c)
			s.stored(sl)
			s.notify(ks, WatchEvent{Type: Modified, Kind: kind, Old: old, New: c, Slot: sl})
			return c, nil
		}
	}
	if kind != api.KindPod {
		if fins, changed := finalizersFor(old.Meta(), policy); len(fins) > 0 {
			if !changed && old.Meta().DeletionTimestamp != nil {
				return old, nil
			}
			return s.markDeleting(ks, sl, fins), nil
		}
	}
	s.remove(ks, sl)
	return old, nil
}

// finalizersFor is the finalizer list a deletion with policy leaves on an object with metadata
// m: the foregroundDeletion finalizer is dropped and, for Foreground, appended again.
func finalizersFor(m *api.ObjectMeta, policy Propagation) (fins []string, changed bool) {
	old := m.Finalizers()
	if policy == PropagateUnset {
		return old, false
	}
	had := false
	for _, f := range old {
		if f == FinalizerForeground {
			had = true
			continue
		}
		fins = append(fins, f)
	}
	if policy == PropagateForeground {
		fins = append(fins, FinalizerForeground)
	}
	return fins, had != (policy == PropagateForeground)
}

// markDeleting stores a copy of the object in sl marked as deleting, with finalizers fins.
func (s *Store) markDeleting(ks *kindStore, sl *Slot, fins []string) api.Object {
	old := sl.obj
	c := old.CopyObject()
	m := c.Meta()
	if m.DeletionTimestamp == nil {
		if m.Generation > 0 {
			m.Generation++
		}
		m.DeletionTimestamp = api.Ptr(api.NewTime(s.clock.Now()))
	}
	m.DeletionGracePeriodSeconds = api.Ptr(int64(0))
	u := api.MetaUnused{}
	if m.MetaUnused != nil {
		u = *m.MetaUnused
	}
	u.Finalizers = fins
	m.MetaUnused = &u
	m.ResourceVersion = s.nextRV()
	s.replace(ks, sl, c)
	s.notify(ks, WatchEvent{Type: Modified, Kind: c.ObjectKind(), Old: old, New: c, Slot: sl})
	return c
}

// remove deletes the object kept in sl.
func (s *Store) remove(ks *kindStore, sl *Slot) {
	old := sl.obj
	s.unchangedSince(sl)
	ks.remove(keyOf(old))
	s.unindex(sl, old)
	s.rv++
	sl.obj = nil
	s.stored(sl)
	s.notify(ks, WatchEvent{Type: Deleted, Kind: old.ObjectKind(), Old: old, New: old, Slot: sl})
}

// deletionMark returns the deletion timestamp and grace period of a pod marked now: pods
// marked together (a scale-down deletes hundreds) share them, as nothing changes what a stored
// object points to.
func (s *Store) deletionMark(grace int64) (*api.Time, *int64) {
	at := s.clock.Now().Add(time.Duration(grace) * time.Second)
	if m := &s.lastMark; m.at == nil || !m.at.Equal(at) || *m.grace != grace {
		t, g := api.NewTime(at), grace // only new values cost an allocation
		m.at, m.grace = &t, &g
	}
	return s.lastMark.at, s.lastMark.grace
}

// unchanged reports an update that would store the same object: for a status write the
// status and metadata, otherwise the metadata and spec.
func unchanged(old, o api.Object, status bool) bool {
	switch n := o.(type) {
	case *api.Deployment:
		p := old.(*api.Deployment)
		if status {
			return reflect.DeepEqual(n.Status, p.Status) && reflect.DeepEqual(n.ObjectMeta, p.ObjectMeta)
		}
		return reflect.DeepEqual(n.Spec, p.Spec) && reflect.DeepEqual(n.ObjectMeta, p.ObjectMeta)
	case *api.ReplicaSet:
		p := old.(*api.ReplicaSet)
		if status {
			return reflect.DeepEqual(n.Status, p.Status) && reflect.DeepEqual(n.ObjectMeta, p.ObjectMeta)
		}
		return reflect.DeepEqual(n.Spec, p.Spec) && reflect.DeepEqual(n.ObjectMeta, p.ObjectMeta)
	}
	return false
}

// Resource is the plural resource name used in API error messages for a kind.
func Resource(kind string) string {
	switch kind {
	case api.KindDeployment:
		return "deployments.apps"
	case api.KindReplicaSet:
		return "replicasets.apps"
	case api.KindPod:
		return "pods"
	case api.KindNode:
		return "nodes"
	case api.KindEvent:
		return "events"
	case api.KindService:
		return "services"
	case api.KindEndpointSlice:
		return "endpointslices.discovery.k8s.io"
	}
	return kind
}

// Bind writes a pod's node assignment together with its PodScheduled condition, as the
// pods/binding subresource does, to the pod kept in sl.
func (s *Store) Bind(sl *Slot, p *api.Pod) error {
	ks := s.kind(api.KindPod)
	if sl.obj == nil || sl.obj.Meta().UID != p.UID {
		return api.NewNotFound("pods", p.Name)
	}
	old := sl.obj
	p.ResourceVersion = s.nextRV()
	s.replace(ks, sl, p)
	s.notify(ks, WatchEvent{Type: Modified, Kind: api.KindPod, Old: old, New: p, Slot: sl})
	return nil
}

// Owner returns the object an owner reference points at, if it exists with that UID and kind
// (kind "" accepts any); a reference to a deleted or recreated owner gives nil.
func (s *Store) Owner(namespace string, ref *api.OwnerReference, kind string) api.Object {
	if ref == nil || (kind != "" && ref.Kind != kind) {
		return nil
	}
	if ref.Kind == api.KindNode {
		namespace = ""
	}
	o := s.Get(ref.Kind, namespace, ref.Name)
	if o == nil || o.Meta().UID != ref.UID {
		return nil
	}
	return o
}
