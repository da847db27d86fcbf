package events

import (
	"iter"
	"sort"
	"time"

	"rolloutlab/engine/api"
)

// TTL is how long the API server keeps an event after its last write (kube-apiserver's
// --event-ttl, 1 h by default): `kubectl get events` never shows older ones, and a long
// session does not pile them up.
const TTL = time.Hour

type written struct {
	event *record
	at    int64 // Unix nanoseconds
}

// writeQueue holds the writes in time order, in chunks that are filled once and dropped
// once read: a busy run appends a hundred thousand without copying any.
type writeQueue struct {
	chunks [][]written
	head   int // read position in chunks[0]
}

const writeChunk = 4096

func (q *writeQueue) push(w written) {
	if n := len(q.chunks); n == 0 || len(q.chunks[n-1]) == writeChunk {
		q.chunks = append(q.chunks, make([]written, 0, writeChunk))
	}
	last := &q.chunks[len(q.chunks)-1]
	*last = append(*last, w)
}

func (q *writeQueue) front() (written, bool) {
	if len(q.chunks) == 0 || q.head == len(q.chunks[0]) {
		return written{}, false
	}
	return q.chunks[0][q.head], true
}

func (q *writeQueue) pop() {
	q.chunks[0][q.head] = written{}
	if q.head++; q.head == writeChunk {
		q.chunks[0] = nil
		q.chunks, q.head = q.chunks[1:], 0
	}
}

// newestFirst yields the writes from the last one back.
func (q *writeQueue) newestFirst() iter.Seq[written] {
	return func(yield func(written) bool) {
		for c := len(q.chunks) - 1; c >= 0; c-- {
			lo := 0
			if c == 0 {
				lo = q.head
			}
			for i := len(q.chunks[c]) - 1; i >= lo; i-- {
				if !yield(q.chunks[c][i]) {
					return
				}
			}
		}
	}
}

// wrote notes a create or update of an event.
func (r *Recorder) wrote(e *record, at time.Time) {
	e.lastWrite = at.UnixNano()
	r.writes.push(written{e, e.lastWrite})
}

// Expire deletes the events whose last write is TTL or more ago. Writes are noted in time
// order, so only the front of the list needs looking at; an event written again since has a
// later entry and stays.
func (r *Recorder) Expire() {
	now := r.st.Clock().Now().UnixNano()
	for w, ok := r.writes.front(); ok && w.at+int64(TTL) <= now; w, ok = r.writes.front() {
		r.writes.pop()
		if w.event.deleted || w.event.lastWrite != w.at {
			continue
		}
		r.log.remove(w.event)
		r.st.NextResourceVersion() // a delete is a write
	}
}

// Recent returns, in list order, the n events of a namespace that a stable sort by
// lastTimestamp puts last (all of them for n <= 0; the slice must not be changed), without
// turning the whole log into objects: timestamps are whole seconds, so the newest are all the
// events of the last seconds and, of the earliest of those, the last ones in list order.
func (r *Recorder) Recent(namespace string, n int) []api.Object {
	if n <= 0 {
		return r.log.List(namespace)
	}
	// The view asks every frame; the answer stands until an event is written.
	if c := &r.recent; c.out != nil && c.version == r.log.version && c.namespace == namespace && c.n == n {
		return c.out
	}
	out := r.recentEvents(namespace, n)
	r.recent = recentCache{r.log.version, namespace, n, out}
	return out
}

// recentCache is the last answer of Recent; the slice must not be changed.
type recentCache struct {
	version   int
	namespace string
	n         int
	out       []api.Object
}

func (r *Recorder) recentEvents(namespace string, n int) []api.Object {
	// Walk back through the writes (they are in time order) to the second of the n-th most
	// recently written event, and take every event of that second or later.
	var cands []*record
	seen := map[*record]bool{}
	var floor int64
	for w := range r.writes.newestFirst() {
		sec := w.at / int64(time.Second)
		if len(cands) >= n && sec < floor {
			break
		}
		e := w.event
		if e.deleted || e.lastWrite != w.at || seen[e] || r.log.namespace(e) != namespace {
			continue
		}
		seen[e] = true
		cands = append(cands, e)
		if len(cands) <= n {
			floor = sec
		}
	}
	var kept, last []*record
	for _, e := range cands {
		if e.last/int64(time.Second) > floor {
			kept = append(kept, e)
		} else {
			last = append(last, e)
		}
	}
	// Of the floor second, the ones last in list order (by name).
	if take := n - len(kept); take < len(last) {
		names := make([]string, len(last))
		for i, e := range last {
			names[i] = r.log.name(e)
		}
		idx := make([]int, len(last))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(a, b int) bool { return names[idx[a]] < names[idx[b]] })
		chosen := make([]*record, 0, max(take, 0))
		for _, i := range idx[len(idx)-max(take, 0):] {
			chosen = append(chosen, last[i])
		}
		last = chosen
	}
	out := make([]api.Object, 0, len(kept)+len(last))
	for _, e := range append(kept, last...) {
		out = append(out, r.log.event(e))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Meta().Name < out[j].Meta().Name })
	return out
}
