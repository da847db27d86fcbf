package events

import (
	"math"
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

// Recent returns, in list order, the events of a namespace whose last write falls in the same
// second as the n-th most recently written one or later: all that the n newest events by
// lastTimestamp can be chosen from, without turning the whole log into objects.
func (r *Recorder) Recent(namespace string, n int) []api.Object {
	var recs []*record
	seen := map[*record]bool{}
	floor := int64(math.MinInt64) // the second to stop at, once n events were found
	for i := len(r.writes) - 1; i >= r.head; i-- {
		w := r.writes[i]
		if w.at/int64(time.Second) < floor {
			break
		}
		e := w.event
		if e.deleted || e.lastWrite != w.at || seen[e] || r.log.namespace(e) != namespace {
			continue
		}
		seen[e] = true
		recs = append(recs, e)
		if len(recs) == n {
			floor = w.at / int64(time.Second)
		}
	}
	out := make([]api.Object, len(recs))
	for i, e := range recs {
		out[i] = r.log.event(e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Meta().Name < out[j].Meta().Name })
	return out
}
