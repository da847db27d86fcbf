// Package events records Kubernetes events the way client-go's event recorder does: a spam
// filter per source and object, aggregation of similar events into
// "(combined from similar events): …", and de-duplication of identical events by count.
package events

import (
	"fmt"
	"strconv"
	"strings"
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

// Recorder writes Event objects into the store.
type Recorder struct {
	st *store.Store
	// objects holds the correlator's state per involved object (by UID). client-go keys its
	// three caches by source and object plus reason and message; every one of those keys
	// starts with the object, so one lookup per event finds them all.
	objects *cache[string, *objectState]
	// writes drives the event TTL (ttl.go).
	writes []written
	head   int
	seq    int64
}

// objectState is what the correlator remembers about one object, per event source.
type objectState struct {
	sources []sourceState
}

// sourceState is one source's view of an object (the spam filter's key): its token bucket and,
// per type and reason (the aggregator's key), the distinct messages and logged events.
type sourceState struct {
	component, host string
	tokens          float64
	last            time.Time
	reasons         []*reasonState
}

type reasonState struct {
	eventType, reason string
	keys              []string  // distinct messages within the interval, oldest first
	last              time.Time // last similar event, for the aggregation interval
	logged            []logged
}

// logged is an event written before, found again by its message (or as the combined event).
type logged struct {
	message  string
	combined bool
	event    *api.Event
}

// maxLogged bounds the events remembered per reason: aggregation keeps distinct messages
// below ten, so only a long session with changing messages reaches it.
const maxLogged = 16

// New returns a recorder writing into st.
func New(st *store.Store) *Recorder {
	return &Recorder{st: st, objects: newCache[string, *objectState]()}
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
	m := obj.Meta()
	now := r.st.Clock().Now()
	r.Expire()
	obs, ok := r.objects.get(m.UID)
	if !ok {
		obs = &objectState{}
		r.objects.put(m.UID, obs)
	}
	src := obs.source(component, host, now)
	if !src.allow(now) {
		return
	}
	rs := src.reasonState(eventType, reason)
	combined := rs.aggregate(msg, now)
	if combined {
		msg = combinedPrefix + msg
	}
	ref := api.ObjectReference{Kind: obj.ObjectKind(), Namespace: m.Namespace, Name: m.Name, UID: m.UID, APIVersion: apiVersion(obj.ObjectKind()), ResourceVersion: m.ResourceVersion}
	r.observe(rs, combined, ref, component, host, msg, now)
}

func (o *objectState) source(component, host string, now time.Time) *sourceState {
	for i := range o.sources {
		if s := &o.sources[i]; s.component == component && s.host == host {
			return s
		}
	}
	o.sources = append(o.sources, sourceState{component: component, host: host, tokens: spamBurst, last: now})
	return &o.sources[len(o.sources)-1]
}

// allow is the spam filter: a token bucket per source and object.
func (s *sourceState) allow(now time.Time) bool {
	s.tokens += float64(now.Sub(s.last)) / float64(spamRefill)
	if s.tokens > spamBurst {
		s.tokens = spamBurst
	}
	s.last = now
	if s.tokens < 1 {
		return false
	}
	s.tokens--
	return true
}

func (s *sourceState) reasonState(eventType, reason string) *reasonState {
	for _, rs := range s.reasons {
		if rs.eventType == eventType && rs.reason == reason {
			return rs
		}
	}
	rs := &reasonState{eventType: eventType, reason: reason}
	s.reasons = append(s.reasons, rs)
	return rs
}

// aggregate reports whether the event is combined with similar ones: once ten distinct
// messages of the same reason about one object arrived within ten minutes.
func (rs *reasonState) aggregate(msg string, now time.Time) bool {
	if !rs.last.IsZero() && now.Sub(rs.last) > aggregateInterval {
		rs.keys = nil
	}
	rs.last = now
	found := false
	for _, k := range rs.keys {
		if k == msg {
			found = true
			break
		}
	}
	if !found {
		rs.keys = append(rs.keys, msg)
	}
	if len(rs.keys) < aggregateMaxEvents {
		return false
	}
	// Keep the set below the threshold; client-go drops an arbitrary member, we drop the oldest
	// so that runs stay reproducible.
	rs.keys = rs.keys[1:]
	return true
}

// observe counts an event seen before (same message, or the combined event) on its stored
// Event, or writes a new one.
func (r *Recorder) observe(rs *reasonState, combined bool, ref api.ObjectReference, component, host, msg string, now time.Time) {
	ts := api.NewTime(now.Truncate(time.Second))
	for i := range rs.logged {
		l := &rs.logged[i]
		if l.combined != combined || (!combined && l.message != msg) {
			continue
		}
		// The event may have expired or been deleted since.
		if o := r.st.Get(api.KindEvent, l.event.Namespace, l.event.Name); o != nil {
			e := o.(*api.Event).DeepCopy()
			e.Count++
			e.LastTimestamp = ts
			e.Message = msg
			e.InvolvedObject = ref
			if err := r.st.Update(e); err == nil {
				l.event = e
				r.wrote(e, now)
				return
			}
		}
		rs.logged = append(rs.logged[:i], rs.logged[i+1:]...)
		break
	}
	r.seq++
	// Event names are the object's name and the hex nanoseconds of the moment; the sequence
	// keeps names unique when several events share one virtual instant.
	name := ref.Name + "." + strconv.FormatInt(now.UnixNano()+r.seq, 16)
	e := &api.Event{
		ObjectMeta:          api.ObjectMeta{Name: name, Namespace: ref.Namespace},
		InvolvedObject:      ref,
		Reason:              rs.reason,
		Message:             msg,
		Source:              api.EventSource{Component: component, Host: host},
		FirstTimestamp:      ts,
		LastTimestamp:       ts,
		Count:               1,
		Type:                rs.eventType,
		ReportingController: component,
		ReportingInstance:   strings.TrimPrefix(host, " "),
	}
	if err := r.st.Create(e); err != nil {
		return
	}
	if len(rs.logged) == maxLogged {
		rs.logged = append(rs.logged[:0], rs.logged[1:]...)
	}
	rs.logged = append(rs.logged, logged{message: msg, combined: combined, event: e})
	r.wrote(e, now)
}

func apiVersion(kind string) string {
	switch kind {
	case api.KindDeployment, api.KindReplicaSet:
		return "apps/v1"
	}
	return "v1"
}
