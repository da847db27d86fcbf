// Package events records Kubernetes events the way client-go's event recorder does: a spam
// filter per source and object, aggregation of similar events into
// "(combined from similar events): …", and de-duplication of identical events by count.
package events

import (
	"fmt"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/store"
)

// Correlator limits, as client-go's defaults.
const (
	spamBurst          = 25
	spamRefill         = 300 * time.Second // one token per five minutes
	aggregateMaxEvents = 10
	aggregateInterval  = 600 * time.Second
	combinedPrefix     = "(combined from similar events): "
)

// Recorder records the events of every component of the simulated cluster.
type Recorder struct {
	st *store.Store
	// sources holds the correlator state of each event source. On a real cluster every
	// component (each kubelet, the scheduler, the controller manager) runs its own recorder
	// with its own caches of 4,096 entries; so does each source here.
	sources []*source
	log     eventLog
	// writes drives the event TTL (ttl.go) and Recent (recent.go).
	writes writeQueue
	recent recentCache
	seq    int64
	// scratch is the correlator state of an object that a final event is the first about.
	scratch objectState
}

// source is one component's recorder: its correlator state per involved object (by UID).
// client-go keys its caches by source and object plus reason and message; within a source
// every key starts with the object, so one lookup per event finds them all.
type source struct {
	component, host string
	ids             names // component and host
	objects         *objectCache
	// The object of the last event: a kubelet reports Pulled, Created and Started together.
	lastUID string
	last    *objectState
}

// objectState is what a source's correlator remembers about one object: its token bucket (the
// spam filter) and, per type and reason (the aggregator's key), the distinct messages and the
// events written. Most objects see a handful of reasons with one message each, so the lists
// keep their first element inline (a scheduler's one reason costs no list at all).
type objectState struct {
	spare   *[]reasonState // room for more reasons, if its holder has some
	gen     int            // objectCache's generation when last used
	ids     names          // the source's, and the object's kind, namespace and apiVersion
	tokens  float64
	last    int64 // Unix nanoseconds
	reasons few[reasonState]
}

type reasonState struct {
	warning  bool
	reasonID uint16 // in the log's string table
	reason   string
	keys     few[string] // distinct messages within the interval, oldest first
	last     int64       // last similar event (Unix nanoseconds), for the aggregation interval
	logged   few[logged]
}

// logged is an event written before, found again by its message (a combined event by being
// one: its message changes with every similar event).
type logged struct {
	combined bool
	event    *record
}

// maxLogged bounds the events remembered per reason: aggregation keeps distinct messages
// below ten, so only a long session with changing messages reaches it.
const maxLogged = 16

// New returns a recorder writing into st.
func New(st *store.Store) *Recorder {
	r := &Recorder{st: st}
	r.log.salt = st.Rand().Uint64()
	st.Serve(api.KindEvent, &r.log)
	return r
}

// Eventf records an event about obj from source (component, and host for a kubelet).
func (r *Recorder) Eventf(obj api.Object, component, host, eventType, reason, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	r.Event(obj, component, host, eventType, reason, msg)
}

// Event records an event with a message that needs no formatting.
func (r *Recorder) Event(obj api.Object, component, host, eventType, reason, msg string) {
	r.record(nil, obj, component, host, eventType, reason, msg, "", false)
}

// EventFinal records the last event the source reports about obj (the scheduler's Scheduled:
// a bound pod is never scheduled again). The correlator state of the object, if any, is used
// and dropped, and none is kept: thousands of pods scheduled would fill the cache for nothing.
func (r *Recorder) EventFinal(obj api.Object, component, host, eventType, reason, msg string) {
	r.record(nil, obj, component, host, eventType, reason, msg, "", true)
}

// EventJoin records an event whose message is msg+more, joined only if the spam filter lets
// the event through: a ReplicaSet scaled by thousands has most of its "Created pod: …"
// events dropped.
func (r *Recorder) EventJoin(obj api.Object, component, host, eventType, reason, msg, more string) {
	r.record(nil, obj, component, host, eventType, reason, msg, more, false)
}

// Memo holds what the correlator knows of one object for one source, for a component that
// keeps state per object anyway (the kubelet per pod): its events then need no lookup, and the
// state lives as long as the memo instead of in the source's cache. The zero Memo is empty; a
// Memo in use points into itself and must not be copied.
type Memo struct {
	uid string
	src *source // nil while the memo is empty
	// The state itself and room for a kubelet's reasons, inside the memo's holder: no
	// allocation of their own.
	state   objectState
	moreBuf [4]reasonState
	more    []reasonState
}

// EventMemo is Event with the object's memo (nil: none).
func (r *Recorder) EventMemo(memo *Memo, obj api.Object, component, host, eventType, reason, msg string) {
	r.record(memo, obj, component, host, eventType, reason, msg, "", false)
}

// record records an event with the message msg+more; final drops what the source knows of obj.
func (r *Recorder) record(memo *Memo, obj api.Object, component, host, eventType, reason, msg, more string, final bool) {
	m := obj.Meta()
	now := r.st.Clock().Now()
	r.Expire()
	var obs *objectState
	switch {
	case memo != nil && memo.src != nil && equal(memo.uid, m.UID) && equal(memo.src.component, component) && equal(memo.src.host, host):
		obs = &memo.state
	case memo != nil:
		src := r.source(component, host)
		*memo = Memo{uid: m.UID, src: src}
		obs = &memo.state
		r.initObjectState(obs, src, obj, now)
		memo.more = memo.moreBuf[:0]
		obs.spare = &memo.more
	case final:
		src := r.source(component, host)
		if src.lastUID == m.UID {
			src.lastUID, src.last = "", nil
		}
		var ok bool
		if obs, ok = src.objects.get(m.UID); ok {
			src.objects.remove(m.UID)
		} else {
			obs = &r.scratch
			r.initObjectState(obs, src, obj, now)
		}
	default:
		src := r.source(component, host)
		obs = src.last
		if obs == nil || src.lastUID != m.UID {
			var ok bool
			if obs, ok = src.objects.get(m.UID); !ok {
				obs = &objectState{}
				r.initObjectState(obs, src, obj, now)
				src.objects.put(m.UID, obs)
			}
			src.lastUID, src.last = m.UID, obs
		}
	}
	if !obs.allow(now.UnixNano()) {
		return
	}
	if more != "" {
		msg += more
	}
	rs := obs.reasonState(eventType == api.EventWarning, reason, &r.log)
	combined := rs.aggregate(msg, now.UnixNano())
	if combined {
		msg = combinedPrefix + msg
	}
	kind := obj.ObjectKind()
	ref := api.ObjectReference{Kind: kind, Namespace: m.Namespace, Name: m.Name, UID: m.UID, APIVersion: api.APIVersionFor(kind), ResourceVersion: m.ResourceVersion}
	ids := obs.ids
	ids.reason = rs.reasonID
	r.observe(rs, combined, &ref, ids, msg, now)
}

// equal is a == b, answered without a call when they are the same string in memory, as a
// kubelet's successive events about a pod pass them.
func equal(a, b string) bool { return same(a, b) || a == b }

// initObjectState makes obs a source's first knowledge of an object.
func (r *Recorder) initObjectState(obs *objectState, src *source, obj api.Object, now time.Time) {
	*obs = objectState{tokens: spamBurst, last: now.UnixNano(), ids: src.ids}
	kind := obj.ObjectKind()
	obs.ids.kind, obs.ids.namespace, obs.ids.apiVersion = r.log.id(kind), r.log.id(obj.Meta().Namespace), r.log.id(api.APIVersionFor(kind))
}

// source finds a component's recorder; a cluster has a handful.
func (r *Recorder) source(component, host string) *source {
	for _, s := range r.sources {
		if s.component == component && s.host == host {
			return s
		}
	}
	s := &source{component: component, host: host, objects: newObjectCache()}
	s.ids.component, s.ids.host = r.log.id(component), r.log.id(host)
	r.sources = append(r.sources, s)
	return s
}

// allow is the spam filter: a token bucket per source and object.
func (o *objectState) allow(now int64) bool {
	o.tokens += float64(now-o.last) / float64(spamRefill)
	if o.tokens > spamBurst {
		o.tokens = spamBurst
	}
	o.last = now
	if o.tokens < 1 {
		return false
	}
	o.tokens--
	return true
}

// reasonState finds the aggregator's record; the pointer is good until the next call.
func (o *objectState) reasonState(warning bool, reason string, l *eventLog) *reasonState {
	for i := range o.reasons.len() {
		if rs := o.reasons.at(i); rs.reason == reason && rs.warning == warning {
			return rs
		}
	}
	if o.reasons.len() == 1 {
		// A second reason means a kubelet's Pulling, Pulled, Created, Started and Killing.
		if o.spare != nil {
			o.reasons.rest = o.spare
		} else {
			more := make([]reasonState, 0, 4)
			o.reasons.rest = &more
		}
	}
	o.reasons.add(reasonState{warning: warning, reason: reason, reasonID: l.id(reason)})
	return o.reasons.at(o.reasons.len() - 1)
}

// aggregate reports whether the event is combined with similar ones: once ten distinct
// messages of the same reason about one object arrived within ten minutes.
func (rs *reasonState) aggregate(msg string, now int64) bool {
	if rs.last != 0 && time.Duration(now-rs.last) > aggregateInterval {
		rs.keys = few[string]{}
	}
	rs.last = now
	found := false
	for i := range rs.keys.len() {
		if *rs.keys.at(i) == msg {
			found = true
			break
		}
	}
	if !found {
		rs.keys.add(msg)
	}
	if rs.keys.len() < aggregateMaxEvents {
		return false
	}
	// Keep the set below the threshold; client-go drops an arbitrary member, we drop the oldest
	// so that runs stay reproducible.
	rs.keys.removeAt(0)
	return true
}

// observe counts an event seen before (same message, or the combined event) on its record,
// or writes a new one.
func (r *Recorder) observe(rs *reasonState, combined bool, ref *api.ObjectReference, ids names, msg string, now time.Time) {
	ts := api.Stamp(now).UnixNano()
	for i := range rs.logged.len() {
		l := rs.logged.at(i)
		if l.combined != combined || (!combined && !r.log.messageIs(l.event, msg)) {
			continue
		}
		// The event may have expired or been deleted since.
		if e := l.event; !e.deleted {
			e.count++
			e.last = ts
			r.log.rewrite(e, ref, msg)
			e.rv = r.st.NextResourceVersion()
			r.wrote(e, now)
			return
		}
		rs.logged.removeAt(i)
		break
	}
	r.seq++
	e := r.log.add(ref, ids, msg, rs.warning)
	// Event names are the object's name and the hex nanoseconds of the moment; the sequence
	// keeps names unique when several events share one virtual instant.
	e.suffix = now.UnixNano() + r.seq
	e.rv = r.st.NextResourceVersion()
	e.count = 1
	e.first, e.last = ts, ts
	if rs.logged.len() == maxLogged {
		rs.logged.removeAt(0)
	}
	rs.logged.add(logged{combined: combined, event: e})
	r.wrote(e, now)
}
