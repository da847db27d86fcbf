package events

import (
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

// wrote notes a create or update of an event.
func (r *Recorder) wrote(e *record, at time.Time) {
	e.lastWrite = at.UnixNano()
	r.writes = append(r.writes, written{e, e.lastWrite})
}

// Expire deletes the events whose last write is TTL or more ago. Writes are noted in time
// order, so only the front of the list needs looking at; an event written again since has a
// later entry and stays.
func (r *Recorder) Expire() {
	now := r.st.Clock().Now().UnixNano()
	for r.head < len(r.writes) && r.writes[r.head].at+int64(TTL) <= now {
		w := r.writes[r.head]
		r.writes[r.head] = written{}
		r.head++
		if w.event.deleted || w.event.lastWrite != w.at {
			continue
		}
		r.log.remove(w.event)
		r.st.NextResourceVersion() // a delete is a write
	}
	if r.head > 1024 && r.head*2 > len(r.writes) {
		r.writes = append(r.writes[:0:0], r.writes[r.head:]...)
		r.head = 0
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
	for i := len(r.writes) - 1; i >= r.head; i-- {
		w := r.writes[i]
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
