package events

import (
	"hash/maphash"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"rolloutlab/engine/api"
	"rolloutlab/engine/store"
)

// The event log keeps events as compact records and makes Event objects only when someone
// reads them (kubectl, the view). A 10,000-pod rollout writes over 100,000 events: as objects
// they were two thirds of the heap, which the garbage collector scanned again and again. A
// record holds no pointers: its strings are kept as bytes next to the records of its chunk,
// or, for the few that repeat (kinds, reasons, sources), as numbers in a table. The log
// serves the store's Event kind (store.Table).

const chunkSize = 256

// record is one event.
type record struct {
	seq                 int   // position in the log since it began
	suffix              int64 // the name is the involved object's name, ".", and suffix in hex
	rv                  int64
	first, last         int64 // Unix nanoseconds, whole seconds as the API keeps them
	lastWrite           int64 // Unix nanoseconds of the last write, for the TTL
	count               int32
	warning, deleted    bool
	kind, namespace     uint16 // of the involved object, in the log's string table
	apiVersion, reason  uint16
	component, host     uint16
	name, objUID, objRV span // of the involved object, in the chunk's bytes
	fieldPath, message  span
	messageID           uint16 // in the string table instead of message, when the text repeats
}

// span is a string in a chunk's bytes.
type span struct{ off, n uint32 }

// chunk is a run of records and the bytes of their strings; neither holds pointers.
type chunk struct {
	records [chunkSize]record
	bytes   []byte
}

// eventLog holds the records in the order they were created, in chunks that never move (the
// correlator and the TTL point at records).
type eventLog struct {
	chunks    []*chunk
	chunkLive []int // live records per chunk: a chunk goes once all of its records have
	base      int   // sequence number of the first record of chunks[0]
	n         int   // records in chunks (the last chunk may be partly used)
	live      int
	strs      []string // the string table; 0 is ""
	salt      uint64   // from the seed: event UIDs derive from it (uid)
	// version changes with every write; list caches the sorted objects of one version.
	version, listed int
	list            []api.Object
	// byName is built on the first lookup by name and then kept up to date lazily: indexed
	// is the sequence number up to which records are in it.
	byName  map[string]*record
	indexed int
	strIDs  map[string]uint16 // the string table's numbers, by string
	// seen holds recent message texts by hash (sharedMessage). A rollout writes a handful of
	// repeated texts at a time (Pulling, Pulled, Killing for one image) among unique ones
	// (Created pod: …); 64 slots keep the few from pushing each other out.
	seen [64]seenMessage
	seed maphash.Seed // for seen, made with the log
	// last is the involved object of the last record added, whose name and UID spans the next
	// record about it may share (a kubelet writes several events of a pod at once).
	last struct {
		chunk             *chunk
		name, uid         string
		nameSpan, uidSpan span
	}
}

// id is s's number in the string table, which holds kinds, namespaces, reasons, sources and
// repeated messages: a few dozen strings.
func (l *eventLog) id(s string) uint16 {
	if s == "" {
		return 0
	}
	if id, ok := l.strIDs[s]; ok {
		return id
	}
	return l.intern(s)
}

// intern adds s to the string table and returns its number (0 once the table is full: that
// would mean something else is wrong, and the string is left out).
func (l *eventLog) intern(s string) uint16 {
	if len(l.strs) == 0 {
		l.strs = append(l.strs, "")
	}
	if len(l.strs) == 1<<16-1 {
		return 0
	}
	l.strs = append(l.strs, s)
	id := uint16(len(l.strs) - 1)
	if l.strIDs == nil {
		l.strIDs = map[string]uint16{}
	}
	l.strIDs[s] = id
	return id
}

func (l *eventLog) str(id uint16) string {
	if int(id) >= len(l.strs) {
		return ""
	}
	return l.strs[id]
}

func (l *eventLog) chunkOf(r *record) *chunk { return l.chunks[(r.seq-l.base)/chunkSize] }

// put stores s in r's chunk.
func (l *eventLog) put(r *record, s string) span {
	c := l.chunkOf(r)
	sp := span{uint32(len(c.bytes)), uint32(len(s))}
	c.bytes = append(c.bytes, s...)
	return sp
}

// putOver stores s in place of the record's own string at sp when it fits: a combined event
// is rewritten with every similar event, and its chunk must not grow each time.
func (l *eventLog) putOver(r *record, sp span, s string) span {
	if len(s) > int(sp.n) {
		return l.put(r, s)
	}
	copy(l.chunkOf(r).bytes[sp.off:], s)
	return span{sp.off, uint32(len(s))}
}

// text returns a string of r's chunk; compared, it needs no allocation.
func (l *eventLog) text(r *record, sp span) []byte {
	return l.chunkOf(r).bytes[sp.off : sp.off+sp.n]
}

func (l *eventLog) string(r *record, sp span) string { return string(l.text(r, sp)) }

// names are a record's strings from the string table, which the recorder looks up once per
// source, object and reason.
type names struct{ kind, namespace, apiVersion, reason, component, host uint16 }

// add appends a record about the involved object.
func (l *eventLog) add(ref *api.ObjectReference, ids names, message string, warning bool) *record {
	if l.n == len(l.chunks)*chunkSize {
		// Room for as many bytes as the last chunk took, and a little more: events come in
		// runs of the same kinds (a rollout's pods), and a chunk that outgrows its room is
		// copied whole.
		room := chunkSize * 32
		if n := len(l.chunks); n > 0 {
			room = max(room, len(l.chunks[n-1].bytes)*9/8)
		}
		l.chunks = append(l.chunks, &chunk{bytes: make([]byte, 0, room)})
		l.chunkLive = append(l.chunkLive, 0)
	}
	r := &l.chunks[l.n/chunkSize].records[l.n%chunkSize]
	*r = record{seq: l.base + l.n, warning: warning, kind: ids.kind, namespace: ids.namespace,
		apiVersion: ids.apiVersion, reason: ids.reason, component: ids.component, host: ids.host}
	l.chunkLive[l.n/chunkSize]++
	l.n++
	l.live++
	if c := l.chunkOf(r); l.last.chunk == c && l.last.uid == ref.UID && l.last.name == ref.Name {
		r.name, r.objUID = l.last.nameSpan, l.last.uidSpan // the object's last event is in this chunk too
	} else {
		r.name, r.objUID = l.put(r, ref.Name), l.put(r, ref.UID)
		l.last.chunk, l.last.name, l.last.uid, l.last.nameSpan, l.last.uidSpan = c, ref.Name, ref.UID, r.name, r.objUID
	}
	l.rewrite(r, ref, message) // fills the rest, and counts the write
	return r
}

// rewrite records a new write of the event: the involved object's resourceVersion (and field
// path) and the message may have changed.
func (l *eventLog) rewrite(r *record, ref *api.ObjectReference, message string) {
	if string(l.text(r, r.objRV)) != ref.ResourceVersion {
		r.objRV = l.putOver(r, r.objRV, ref.ResourceVersion)
	}
	if (r.fieldPath.n != 0 || ref.FieldPath != "") && string(l.text(r, r.fieldPath)) != ref.FieldPath {
		r.fieldPath = l.putOver(r, r.fieldPath, ref.FieldPath)
	}
	if !l.messageIs(r, message) {
		if id := l.sharedMessage(message); id != 0 {
			r.messageID, r.message = id, span{}
		} else {
			r.messageID, r.message = 0, l.putOver(r, r.message, message)
		}
	}
	l.version++
}

// messageOf is the record's message.
func (l *eventLog) messageOf(r *record) string {
	if r.messageID != 0 {
		return l.str(r.messageID)
	}
	return l.string(r, r.message)
}

// messageIs compares the record's message with s without allocating.
func (l *eventLog) messageIs(r *record, s string) bool {
	if r.messageID != 0 {
		return l.str(r.messageID) == s
	}
	return string(l.text(r, r.message)) == s
}

// sharedMessage returns the string-table number of a message text written lately (the kubelet
// writes the same "Pulling image …" about thousands of pods), or 0: a message seen for the
// first time is copied into its chunk, and goes into the table the second time.
func (l *eventLog) sharedMessage(s string) uint16 {
	if s == "" {
		return 0
	}
	e := &l.seen[maphash.String(l.seed, s)%uint64(len(l.seen))]
	if e.text != s {
		*e = seenMessage{text: s}
		return 0
	}
	if e.id == 0 {
		e.id = l.id(s)
	}
	return e.id
}

// seenMessage is a message text lately written, with its number once it is in the table.
type seenMessage struct {
	text string
	id   uint16
}

func (l *eventLog) namespace(r *record) string {
	if r.namespace == 0 {
		return api.DefaultNamespace // events about nodes are kept in default
	}
	return l.str(r.namespace)
}

func (l *eventLog) name(r *record) string {
	var buf [96]byte
	return string(strconv.AppendInt(append(append(buf[:0], l.text(r, r.name)...), '.'), r.suffix, 16))
}

// uid is the event's UID, worked out from the log's salt and the record's position when
// someone reads it: random-looking and distinct, as version 4 UUIDs are, without drawing
// two random numbers for each of the hundred thousand events of a large rollout.
func (l *eventLog) uid(r *record) uuid.UUID {
	return store.UUIDFrom(mix(l.salt+uint64(r.seq)), mix(l.salt^0x9e3779b97f4a7c15+uint64(r.seq)))
}

// mix is SplitMix64's finalizer: distinct inputs give distinct, well-spread outputs.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

func stamp(n int64) api.Time { return api.NewTime(time.Unix(0, n).UTC()) }

// event makes the record's Event object.
func (l *eventLog) event(r *record) *api.Event {
	eventType := api.EventNormal
	if r.warning {
		eventType = api.EventWarning
	}
	component, host := l.str(r.component), l.str(r.host)
	return &api.Event{
		ObjectMeta: api.ObjectMeta{Name: l.name(r), Namespace: l.namespace(r), UID: l.uid(r).String(),
			ResourceVersion: strconv.FormatInt(r.rv, 10), CreationTimestamp: stamp(r.first)},
		InvolvedObject: api.ObjectReference{Kind: l.str(r.kind), Namespace: l.str(r.namespace), Name: l.string(r, r.name),
			UID: l.string(r, r.objUID), APIVersion: l.str(r.apiVersion), ResourceVersion: l.string(r, r.objRV),
			FieldPath: l.string(r, r.fieldPath)},
		Reason:              l.str(r.reason),
		Message:             l.messageOf(r),
		Source:              api.EventSource{Component: component, Host: host},
		FirstTimestamp:      stamp(r.first),
		LastTimestamp:       stamp(r.last),
		Count:               r.count,
		Type:                eventType,
		ReportingController: component,
		ReportingInstance:   strings.TrimPrefix(host, " "),
	}
}

// each calls f with every live record in creation order.
func (l *eventLog) each(f func(*record)) {
	for i := 0; i < l.n; i++ {
		if r := &l.chunks[i/chunkSize].records[i%chunkSize]; !r.deleted {
			f(r)
		}
	}
}

// remove deletes a record and lets go of the chunks at the front that hold no live record.
func (l *eventLog) remove(r *record) {
	if r.deleted {
		return
	}
	if l.byName != nil {
		delete(l.byName, l.namespace(r)+"/"+l.name(r))
	}
	r.deleted = true
	l.live--
	l.version++
	l.chunkLive[(r.seq-l.base)/chunkSize]--
	for len(l.chunks) > 1 && l.chunkLive[0] == 0 {
		l.chunks, l.chunkLive = l.chunks[1:], l.chunkLive[1:]
		l.base += chunkSize
		l.n -= chunkSize
	}
}

// lookup finds a live record by namespace and name.
func (l *eventLog) lookup(namespace, name string) *record {
	if l.byName == nil {
		l.byName = map[string]*record{}
		l.indexed = l.base
	}
	for seq := max(l.indexed, l.base); seq < l.base+l.n; seq++ {
		i := seq - l.base
		if r := &l.chunks[i/chunkSize].records[i%chunkSize]; !r.deleted {
			l.byName[l.namespace(r)+"/"+l.name(r)] = r
		}
	}
	l.indexed = l.base + l.n
	return l.byName[namespace+"/"+name]
}

// The store.Table of events.

func (l *eventLog) Get(namespace, name string) api.Object {
	if r := l.lookup(namespace, name); r != nil {
		return l.event(r)
	}
	return nil
}

func (l *eventLog) List(namespace string) []api.Object {
	if l.list == nil || l.listed != l.version {
		l.list = make([]api.Object, 0, l.live)
		l.each(func(r *record) { l.list = append(l.list, l.event(r)) })
		sort.Slice(l.list, func(i, j int) bool {
			a, b := l.list[i].Meta(), l.list[j].Meta()
			if a.Namespace != b.Namespace {
				return a.Namespace < b.Namespace
			}
			return a.Name < b.Name
		})
		l.listed = l.version
	}
	if namespace == "" {
		return l.list
	}
	lo := sort.Search(len(l.list), func(i int) bool { return l.list[i].Meta().Namespace >= namespace })
	hi := sort.Search(len(l.list), func(i int) bool { return l.list[i].Meta().Namespace > namespace })
	return l.list[lo:hi]
}

func (l *eventLog) Len() int { return l.live }

func (l *eventLog) Delete(namespace, name string) (api.Object, bool) {
	r := l.lookup(namespace, name)
	if r == nil {
		return nil, false
	}
	e := l.event(r)
	l.remove(r)
	return e, true
}

// About returns the events whose involved object is the given one (same kind and name, and
// the same UID when the event names one), in list order: what `kubectl describe` shows. A
// cluster-scoped object (namespace "") finds its events in any namespace.
func (b *Broadcaster) About(kind, namespace, name, uid string) []*api.Event {
	l := &b.log
	var out []*api.Event
	l.each(func(e *record) {
		if l.str(e.kind) != kind || string(l.text(e, e.name)) != name || namespace != "" && l.namespace(e) != namespace {
			return
		}
		if u := l.text(e, e.objUID); len(u) > 0 && string(u) != uid {
			return
		}
		out = append(out, l.event(e))
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
