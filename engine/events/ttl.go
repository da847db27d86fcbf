package events

import (
	"time"

	"rolloutlab/engine/api"
)

// TTL is how long the API server keeps an event after its last write (kube-apiserver's
// --event-ttl, 1 h by default): `kubectl get events` never shows older ones, and a long
// session does not pile them up.
const TTL = time.Hour

type written struct {
	event *api.Event
	at    time.Time
}

// wrote notes a create or update of an event.
func (r *Recorder) wrote(e *api.Event, at time.Time) {
	r.writes = append(r.writes, written{e, at})
}

// Expire deletes the events whose last write is TTL or more ago. Writes are noted in time
// order, so only the front of the list needs looking at; an event written again since (its
// lastTimestamp is newer) has a later entry and stays.
func (r *Recorder) Expire() {
	now := r.st.Clock().Now()
	for r.head < len(r.writes) && !r.writes[r.head].at.Add(TTL).After(now) {
		w := r.writes[r.head]
		r.writes[r.head] = written{}
		r.head++
		o := r.st.Get(api.KindEvent, w.event.Namespace, w.event.Name)
		if o == nil || o.(*api.Event).LastTimestamp.Add(TTL).After(now) {
			continue
		}
		_, _ = r.st.Delete(api.KindEvent, w.event.Namespace, w.event.Name, 0)
	}
	if r.head > 1024 && r.head*2 > len(r.writes) {
		r.writes = append(r.writes[:0:0], r.writes[r.head:]...)
		r.head = 0
	}
}
