// Package events records Kubernetes events the way client-go's event recorder does: a spam
// filter per source and object, aggregation of similar events into
// "(combined from similar events): …", and de-duplication of identical events by count.
package events

import (
	"fmt"
	"hash/maphash"
	"reflect"
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

// Broadcaster is the cluster's event sink: the log every component's Recorder writes into,
// served as the store's Event kind. On a real cluster each component runs an event broadcaster
// and makes its recorder from it, naming its source; here one broadcaster serves them all.
type Broadcaster struct {
	st *store.Store
	// recorders are the components' recorders by source (component and host): one per
	// controller and one per node's kubelet.
	recorders map[[2]string]*Recorder
	log       eventLog
	// writes drives the event TTL (ttl.go) and Recent (recent.go).
	writes writeQueue
	recent recentCache
	seq    int64
}

// Recorder records one component's events, as client-go's EventRecorder made by
// broadcaster.NewRecorder(scheme, EventSource{Component, Host}): the component (and host, for
// a kubelet) are the recorder's, and it keeps its own correlator state per involved object (by
// UID). client-go keys its caches by source and object plus reason and message; within a
// source every key starts with the object, so one lookup per event finds them all.
type Recorder struct {
	b       *Broadcaster
	ids     names // component and host
	objects *objectCache
	// The object of the last event: a kubelet reports Pulled, Created and Started together.
	lastUID string
	last    *objectState
	// formatted is the last message made from each one-argument format: a kubelet writes
	// "Pulling image %q" about thousands of pods with one image.
	formatted map[string]formattedMessage
	// Object states and room for their reasons are handed out from blocks: a rollout makes a
	// state per pod for the scheduler and for its node's kubelet, and one allocation per block
	// instead of two per pod is what the recorder saves. A block lives while any state in it
	// is cached.
	states []objectState
	rooms  []reasonState
}

type formattedMessage struct{ arg, text string }

// stateBlock is how many object states a block holds; roomPerState is the room for more
// reasons each gets once it has a second: a kubelet's Pulling, Pulled, Created, Started and
// Killing are four more.
const (
	stateBlock   = 16
	roomPerState = 4
)

// objectState is what a source's correlator remembers about one object: its token bucket (the
// spam filter) and, per type and reason (the aggregator's key), the distinct messages and the
// events written. Most objects see a handful of reasons with one message each, so the lists
// keep their first element inline (a scheduler's one reason costs no list at all). A state
// points into itself (reasons.rest at more): it is only ever used through its pointer.
type objectState struct {
	gen     int   // objectCache's generation when last used
	ids     names // the source's, and the object's kind, namespace and apiVersion
	tokens  float64
	last    int64 // Unix nanoseconds
	reasons few[reasonState]
	more    []reasonState // the reasons after the first
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

// NewBroadcaster returns an event broadcaster writing into st.
func NewBroadcaster(st *store.Store) *Broadcaster {
	b := &Broadcaster{st: st, recorders: map[[2]string]*Recorder{}}
	b.log.salt = st.Rand().Uint64()
	b.log.seed = maphash.MakeSeed()
	st.Serve(api.KindEvent, &b.log)
	return b
}

// NewRecorder returns the recorder of a source: a component, and the node's name for a
// kubelet. Asked again for the same source it returns the same recorder.
func (b *Broadcaster) NewRecorder(component, host string) *Recorder {
	source := [2]string{component, host}
	if r, ok := b.recorders[source]; ok {
		return r
	}
	r := &Recorder{b: b, objects: newObjectCache()}
	r.ids.component, r.ids.host = b.log.id(component), b.log.id(host)
	b.recorders[source] = r
	return r
}

// Eventf records an event about obj: its message is fmt.Sprintf(format, args...), formatted
// only when the spam filter lets the event through (a ReplicaSet scaled by thousands has most
// of its "Created pod: …" events dropped). The arguments are strings, numbers and booleans
// (of any type of those kinds): they do not escape (viaFmt), and anything else prints as
// %!v(TYPE).
func (r *Recorder) Eventf(obj api.Object, eventType, reason, format string, args ...any) {
	b := r.b
	m := obj.Meta()
	now := b.st.Clock().Now()
	b.Expire()
	obs := r.last
	if obs == nil || r.lastUID != m.UID {
		var ok bool
		if obs, ok = r.objects.get(m.UID); !ok {
			obs = r.newState()
			*obs = objectState{tokens: spamBurst, last: now.UnixNano(), ids: r.ids}
			kind := obj.ObjectKind()
			obs.ids.kind, obs.ids.namespace, obs.ids.apiVersion = b.log.id(kind), b.log.id(m.Namespace), b.log.id(api.APIVersionFor(kind))
			r.objects.put(m.UID, obs)
		}
		r.lastUID, r.last = m.UID, obs
	}
	if !obs.allow(now.UnixNano()) {
		return
	}
	msg := r.message(format, args...)
	rs := r.reasonState(obs, eventType == api.EventWarning, reason)
	combined := rs.aggregate(msg, now.UnixNano())
	if combined {
		msg = combinedPrefix + msg
	}
	kind := obj.ObjectKind()
	ref := api.ObjectReference{Kind: kind, Namespace: m.Namespace, Name: m.Name, UID: m.UID, APIVersion: api.APIVersionFor(kind), ResourceVersion: m.ResourceVersion}
	ids := obs.ids
	ids.reason = rs.reasonID
	b.observe(rs, combined, &ref, ids, msg, now)
}

// message is fmt.Sprintf(format, args...), made once for a run of one-argument messages with
// the same argument.
func (r *Recorder) message(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	arg, ok := args[0].(string)
	if len(args) > 1 || !ok {
		return sprintf(format, args...)
	}
	if f, ok := r.formatted[format]; ok && f.arg == arg {
		return f.text
	}
	text := sprintf(format, args...)
	if r.formatted == nil {
		r.formatted = map[string]formattedMessage{}
	}
	r.formatted[format] = formattedMessage{arg, text}
	return text
}

// sprintf is fmt.Sprintf(format, args...), made without fmt when every verb is %s, %v or %q of
// a string argument, as in the scheduler's "Successfully assigned %v/%v to %v" about every pod
// (fmt measured about 3% of a 10,000-replica rollout) and the kubelet's "Pulling image %q";
// anything else is fmt's.
func sprintf(format string, args ...any) string {
	var b strings.Builder // one allocation: its String does not copy
	b.Grow(len(format) + 16*len(args))
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		if i+1 == len(format) || format[i+1] != 's' && format[i+1] != 'v' && format[i+1] != 'q' || next == len(args) {
			return viaFmt(format, args)
		}
		arg, ok := args[next].(string)
		if !ok {
			return viaFmt(format, args)
		}
		switch {
		case format[i+1] != 'q':
			b.WriteString(arg)
		case plainASCII(arg):
			// fmt's %q of a string without flags is strconv.Quote, which leaves these as
			// they are: no allocation of its own for an image name.
			b.WriteByte('"')
			b.WriteString(arg)
			b.WriteByte('"')
		default:
			b.WriteString(strconv.Quote(arg))
		}
		next++
		i++
	}
	if next != len(args) {
		return viaFmt(format, args)
	}
	return b.String()
}

// plainASCII reports whether s is printable ASCII without a quote or backslash.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// viaFmt is fmt.Sprintf(format, args...) given copies of the arguments. Eventf's arguments
// must reach no code the compiler cannot see through (fmt, an interface's method): then they
// do not escape, and a caller's `any` boxes of strings and numbers stay on its stack — the
// scheduler, the ReplicaSet controller and the kubelets box an argument or three for every pod
// (about 130,000 allocations in a 10,000-replica rollout). TestEventfArgumentsDoNotEscape
// fails when they escape again.
func viaFmt(format string, args []any) string {
	copies := make([]any, len(args))
	for i, a := range args {
		copies[i] = copyArg(a)
	}
	return fmt.Sprintf(format, copies...)
}

// copyArg returns a new value of a's type equal to a, made from the string, number or boolean
// a holds, so fmt prints it exactly as a (methods such as time.Duration's String included;
// TestViaFmt). Anything else (an error, a pointer, a struct) would have to be handed over
// itself, so it prints as %!v(TYPE): pass an error's Error(), as an event's message is text.
func copyArg(a any) any {
	if a == nil {
		return nil
	}
	v := reflect.ValueOf(a)
	c := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.String:
		c.SetString(v.String())
	case reflect.Bool:
		c.SetBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.SetInt(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.SetUint(v.Uint())
	case reflect.Float32, reflect.Float64:
		c.SetFloat(v.Float())
	default:
		return "%!v(" + v.Type().String() + ")"
	}
	return c.Interface()
}

// newState hands out a zero object state from the current block.
func (r *Recorder) newState() *objectState {
	if len(r.states) == 0 {
		r.states = make([]objectState, stateBlock)
	}
	o := &r.states[0]
	r.states = r.states[1:]
	return o
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

// reasonState finds the aggregator's record of an object's reason; the pointer is good until
// the next call.
func (r *Recorder) reasonState(o *objectState, warning bool, reason string) *reasonState {
	for i := range o.reasons.len() {
		if rs := o.reasons.at(i); rs.reason == reason && rs.warning == warning {
			return rs
		}
	}
	if o.reasons.len() == 1 {
		// A second reason means a kubelet's Pulling, Pulled, Created, Started and Killing.
		if len(r.rooms) == 0 {
			r.rooms = make([]reasonState, stateBlock*roomPerState)
		}
		// The room's capacity ends where the next state's begins: a sixth reason is
		// appended elsewhere.
		o.more, r.rooms = r.rooms[:0:roomPerState], r.rooms[roomPerState:]
		o.reasons.rest = &o.more
	}
	o.reasons.add(reasonState{warning: warning, reason: reason, reasonID: r.b.log.id(reason)})
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
func (b *Broadcaster) observe(rs *reasonState, combined bool, ref *api.ObjectReference, ids names, msg string, now time.Time) {
	ts := api.Stamp(now).UnixNano()
	for i := range rs.logged.len() {
		l := rs.logged.at(i)
		if l.combined != combined || (!combined && !b.log.messageIs(l.event, msg)) {
			continue
		}
		// The event may have expired or been deleted since.
		if e := l.event; !e.deleted {
			e.count++
			e.last = ts
			b.log.rewrite(e, ref, msg)
			e.rv = b.st.NextResourceVersion()
			b.wrote(e, now)
			return
		}
		rs.logged.removeAt(i)
		break
	}
	b.seq++
	e := b.log.add(ref, ids, msg, rs.warning)
	// Event names are the object's name and the hex nanoseconds of the moment; the sequence
	// keeps names unique when several events share one virtual instant.
	e.suffix = now.UnixNano() + b.seq
	e.rv = b.st.NextResourceVersion()
	e.count = 1
	e.first, e.last = ts, ts
	if rs.logged.len() == maxLogged {
		rs.logged.removeAt(0)
	}
	rs.logged.add(logged{combined: combined, event: e})
	b.wrote(e, now)
}
