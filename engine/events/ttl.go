package events

import "time"

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
