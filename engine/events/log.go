package events

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"rolloutlab/engine/api"
)

// The event log keeps events as compact records and makes Event objects only when someone
// reads them (kubectl, the view). A 10,000-pod rollout writes over 100,000 events; as
// objects they were two thirds of the heap, and the garbage collector scanned them again and
// again. The log serves the store's Event kind (store.Table).

const chunkSize = 256

// record is one event. Strings are shared with the objects and messages they came from.
type record struct {
	seq         int   // position in the log since it began
	suffix      int64 // the name is the involved object's name, ".", and suffix in hex
	uid         uuid.UUID
	rv          int64
	involved    api.ObjectReference
	reason      string
	message     string
	component   string
	host        string
	warning     bool
	deleted     bool
	count       int32
	first, last int64 // Unix nanoseconds, whole seconds as the API keeps them
	lastWrite   int64 // Unix nanoseconds of the last write, for the TTL
}

func (r *record) namespace() string {
	if r.involved.Namespace == "" {
		return api.DefaultNamespace // events about nodes are kept in default
	}
	return r.involved.Namespace
}

func (r *record) name() string {
	var buf [96]byte
	return string(strconv.AppendInt(append(append(buf[:0], r.involved.Name...), '.'), r.suffix, 16))
}

func stamp(n int64) api.Time { return api.NewTime(time.Unix(0, n).UTC()) }

// event makes the record's Event object.
func (r *record) event() *api.Event {
	eventType := api.EventNormal
	if r.warning {
		eventType = api.EventWarning
	}
	return &api.Event{
		ObjectMeta: api.ObjectMeta{Name: r.name(), Namespace: r.namespace(), UID: r.uid.String(),
			ResourceVersion: strconv.FormatInt(r.rv, 10), CreationTimestamp: stamp(r.first)},
		InvolvedObject:      r.involved,
		Reason:              r.reason,
		Message:             r.message,
		Source:              api.EventSource{Component: r.component, Host: r.host},
		FirstTimestamp:      stamp(r.first),
		LastTimestamp:       stamp(r.last),
		Count:               r.count,
		Type:                eventType,
		ReportingController: r.component,
		ReportingInstance:   strings.TrimPrefix(r.host, " "),
	}
}

// eventLog holds the records in the order they were created, in chunks that never move (the
// correlator and the TTL point at records).
type eventLog struct {
	chunks    []*[chunkSize]record
	chunkLive []int // live records per chunk: a chunk goes once all of its records have
	base      int   // sequence number of the first record of chunks[0]
	n         int   // records in chunks (the last chunk may be partly used)
	live      int
	// version changes with every write; list caches the sorted objects of one version.
	version, listed int
	list            []api.Object
	// byName is built on the first lookup by name and then kept up to date lazily: indexed
	// is the sequence number up to which records are in it.
	byName  map[string]*record
	indexed int
}

func (l *eventLog) add() *record {
	if l.n == len(l.chunks)*chunkSize {
		l.chunks = append(l.chunks, new([chunkSize]record))
		l.chunkLive = append(l.chunkLive, 0)
	}
	r := &l.chunks[l.n/chunkSize][l.n%chunkSize]
	r.seq = l.base + l.n
	l.chunkLive[l.n/chunkSize]++
	l.n++
	l.live++
	l.version++
	return r
}

// each calls f with every live record in creation order.
func (l *eventLog) each(f func(*record)) {
	for i := 0; i < l.n; i++ {
		if r := &l.chunks[i/chunkSize][i%chunkSize]; !r.deleted {
			f(r)
		}
	}
}

// remove deletes a record and lets go of the chunks at the front that hold no live record.
func (l *eventLog) remove(r *record) {
	if r.deleted {
		return
	}
	r.deleted = true
	l.live--
	l.version++
	if l.byName != nil {
		delete(l.byName, r.namespace()+"/"+r.name())
	}
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
		if r := &l.chunks[i/chunkSize][i%chunkSize]; !r.deleted {
			l.byName[r.namespace()+"/"+r.name()] = r
		}
	}
	l.indexed = l.base + l.n
	return l.byName[namespace+"/"+name]
}

// The store.Table of events.

func (l *eventLog) Get(namespace, name string) api.Object {
	if r := l.lookup(namespace, name); r != nil {
		return r.event()
	}
	return nil
}

func (l *eventLog) List(namespace string) []api.Object {
	if l.list == nil || l.listed != l.version {
		l.list = make([]api.Object, 0, l.live)
		l.each(func(r *record) { l.list = append(l.list, r.event()) })
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
	e := r.event()
	l.remove(r)
	return e, true
}

// About returns the events whose involved object is the given one (same kind and name, and
// the same UID when the event names one), in list order: what `kubectl describe` shows. A
// cluster-scoped object (namespace "") finds its events in any namespace.
func (r *Recorder) About(kind, namespace, name, uid string) []*api.Event {
	var out []*api.Event
	r.log.each(func(e *record) {
		io := &e.involved
		if io.Kind == kind && io.Name == name && (namespace == "" || e.namespace() == namespace) && (io.UID == "" || io.UID == uid) {
			out = append(out, e.event())
		}
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
