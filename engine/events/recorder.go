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
	st     *store.Store
	spam   *cache[sourceKey, *bucket]
	agg    *cache[aggregateKey, *aggRecord]
	logged *cache[eventKey, string] // → stored event name
	// writes drives the event TTL (ttl.go).
	writes []written
	head   int
	seq    int64
}

type bucket struct {
	tokens float64
	last   time.Time
}

type aggRecord struct {
	keys []string // distinct messages, oldest first
	last time.Time
}

// New returns a recorder writing into st.
func New(st *store.Store) *Recorder {
	return &Recorder{st: st, spam: newCache[sourceKey, *bucket](), agg: newCache[aggregateKey, *aggRecord](), logged: newCache[eventKey, string]()}
}

// The correlator's keys: an event's source and object (spam filter), plus its type and reason
// (aggregation), plus its message (counting identical events; combined events share one).
type sourceKey struct{ component, host, kind, namespace, name, uid string }

type aggregateKey struct {
	sourceKey
	eventType, reason string
}

type eventKey struct {
	aggregateKey
	message  string
	combined bool
}

// Eventf records an event about obj from source (component, and host for a kubelet).
func (r *Recorder) Eventf(obj api.Object, component, host, eventType, reason, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	m := obj.Meta()
	ref := api.ObjectReference{Kind: obj.ObjectKind(), Namespace: m.Namespace, Name: m.Name, UID: m.UID, APIVersion: apiVersion(obj.ObjectKind()), ResourceVersion: m.ResourceVersion}
	now := r.st.Clock().Now()
	r.Expire()
	src := sourceKey{component, host, ref.Kind, ref.Namespace, ref.Name, ref.UID}
	if !r.allow(src, now) {
		return
	}
	agg := aggregateKey{src, eventType, reason}
	key := eventKey{aggregateKey: agg, message: msg}
	if r.aggregate(agg, msg, now) {
		key = eventKey{aggregateKey: agg, combined: true}
		msg = combinedPrefix + msg
	}
	r.observe(key, ref, api.EventSource{Component: component, Host: host}, eventType, reason, msg, now)
}

// allow is the spam filter: a token bucket per source and object.
func (r *Recorder) allow(key sourceKey, now time.Time) bool {
	b, ok := r.spam.get(key)
	if !ok {
		b = &bucket{tokens: spamBurst, last: now}
		r.spam.put(key, b)
	}
	b.tokens += float64(now.Sub(b.last)) / float64(spamRefill)
	if b.tokens > spamBurst {
		b.tokens = spamBurst
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// aggregate reports whether the event is combined with similar ones: once ten distinct
// messages of the same reason about one object arrived within ten minutes.
func (r *Recorder) aggregate(aggKey aggregateKey, msg string, now time.Time) bool {
	rec, ok := r.agg.get(aggKey)
	if !ok || now.Sub(rec.last) > aggregateInterval {
		rec = &aggRecord{}
		r.agg.put(aggKey, rec)
	}
	rec.last = now
	found := false
	for _, k := range rec.keys {
		if k == msg {
			found = true
			break
		}
	}
	if !found {
		rec.keys = append(rec.keys, msg)
	}
	if len(rec.keys) < aggregateMaxEvents {
		return false
	}
	// Keep the set below the threshold; client-go drops an arbitrary member, we drop the oldest
	// so that runs stay reproducible.
	rec.keys = rec.keys[1:]
	return true
}

func (r *Recorder) observe(cacheKey eventKey, ref api.ObjectReference, src api.EventSource, eventType, reason, msg string, now time.Time) {
	ts := api.NewTime(now.Truncate(time.Second))
	if name, ok := r.logged.get(cacheKey); ok {
		if o := r.st.Get(api.KindEvent, ref.Namespace, name); o != nil {
			e := o.(*api.Event).DeepCopy()
			e.Count++
			e.LastTimestamp = ts
			e.Message = msg
			e.InvolvedObject = ref
			if err := r.st.Update(e); err == nil {
				r.wrote(e.Namespace, e.Name, now)
				return
			}
		}
	}
	r.seq++
	// Event names are the object's name and the hex nanoseconds of the moment; the sequence
	// keeps names unique when several events share one virtual instant.
	name := ref.Name + "." + strconv.FormatInt(now.UnixNano()+r.seq, 16)
	e := &api.Event{
		ObjectMeta:          api.ObjectMeta{Name: name, Namespace: ref.Namespace},
		InvolvedObject:      ref,
		Reason:              reason,
		Message:             msg,
		Source:              src,
		FirstTimestamp:      ts,
		LastTimestamp:       ts,
		Count:               1,
		Type:                eventType,
		ReportingController: src.Component,
		ReportingInstance:   strings.TrimPrefix(src.Host, " "),
	}
	if err := r.st.Create(e); err == nil {
		r.logged.put(cacheKey, name)
		r.wrote(e.Namespace, name, now)
	}
}

func apiVersion(kind string) string {
	switch kind {
	case api.KindDeployment, api.KindReplicaSet:
		return "apps/v1"
	}
	return "v1"
}
