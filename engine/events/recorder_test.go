package events

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/store"
)

func setup(t *testing.T) (*store.Store, *Broadcaster, *api.Deployment) {
	st := store.New(clock.New(clock.Epoch), 1)
	d := &api.Deployment{ObjectMeta: api.ObjectMeta{Name: "web"}}
	if err := st.Create(d); err != nil {
		t.Fatal(err)
	}
	return st, NewBroadcaster(st), d
}

func events(st *store.Store) []*api.Event {
	var out []*api.Event
	for _, o := range st.List(api.KindEvent, "default") {
		out = append(out, o.(*api.Event))
	}
	return out
}

func TestIdenticalEventsAreCounted(t *testing.T) {
	st, r, d := setup(t)
	r.NewRecorder("deployment-controller", "").Eventf(d, api.EventNormal, "ScalingReplicaSet", "Scaled up replica set %s from %d to %d", "web-1", 0, 3)
	st.Clock().Advance(5 * time.Second)
	r.NewRecorder("deployment-controller", "").Eventf(d, api.EventNormal, "ScalingReplicaSet", "Scaled up replica set %s from %d to %d", "web-1", 0, 3)
	evs := events(st)
	if len(evs) != 1 || evs[0].Count != 2 {
		t.Fatalf("an identical event increments count: %d events", len(evs))
	}
	if !evs[0].LastTimestamp.Equal(clock.Epoch.Add(5*time.Second)) || !evs[0].FirstTimestamp.Equal(clock.Epoch) {
		t.Fatal("count moves lastTimestamp and keeps firstTimestamp")
	}
}

// After ten distinct messages of one reason about one object within ten minutes, the recorder
// combines them (seen on 1.37: "(combined from similar events): Scaled down replica set …").
func TestTenthSimilarEventIsCombined(t *testing.T) {
	st, r, d := setup(t)
	for i := 1; i <= 11; i++ {
		r.NewRecorder("deployment-controller", "").Eventf(d, api.EventNormal, "ScalingReplicaSet", "Scaled up replica set web-1 from %d to %d", i-1, i)
	}
	evs := events(st)
	if len(evs) != 10 {
		t.Fatalf("9 single events and 1 combined one, got %d", len(evs))
	}
	var combined *api.Event
	for _, e := range evs {
		if strings.HasPrefix(e.Message, "(combined from similar events): ") {
			combined = e
		}
	}
	if combined == nil || combined.Count != 2 || combined.Message != "(combined from similar events): Scaled up replica set web-1 from 10 to 11" {
		t.Fatalf("combined event: %+v", combined)
	}
}

// client-go's spam filter lets 25 events about one object through, then one per five minutes.
func TestSpamFilter(t *testing.T) {
	st, r, d := setup(t)
	for i := 0; i < 40; i++ {
		r.NewRecorder("replicaset-controller", "").Eventf(d, api.EventNormal, fmt.Sprintf("R%d", i), "m")
	}
	if n := len(events(st)); n != 25 {
		t.Fatalf("25 events pass the filter, got %d", n)
	}
	st.Clock().Advance(5 * time.Minute)
	r.NewRecorder("replicaset-controller", "").Eventf(d, api.EventNormal, "Later", "m")
	if n := len(events(st)); n != 26 {
		t.Fatalf("a token is back after five minutes, got %d", n)
	}
}

// The API server drops an event an hour after its last write; a count update restarts the hour.
func TestEventsExpireAfterAnHour(t *testing.T) {
	st, r, d := setup(t)
	r.NewRecorder("deployment-controller", "").Eventf(d, api.EventNormal, "A", "first")
	r.NewRecorder("deployment-controller", "").Eventf(d, api.EventNormal, "B", "second")
	st.Clock().Advance(50 * time.Minute)
	r.NewRecorder("deployment-controller", "").Eventf(d, api.EventNormal, "B", "second") // count 2: written again
	st.Clock().Advance(10 * time.Minute)
	r.Expire()
	evs := events(st)
	if len(evs) != 1 || evs[0].Reason != "B" || evs[0].Count != 2 {
		t.Fatalf("after 1 h only the event written 10 min ago stays: %+v", evs)
	}
	st.Clock().Advance(50 * time.Minute)
	r.Expire()
	if n := len(events(st)); n != 0 {
		t.Fatalf("%d events left after their hour", n)
	}
}

// A combined event is rewritten with every similar event (a ReplicaSet's "Created pod: …" for
// each of thousands of pods): its message and the object's resourceVersion take the place of
// the last ones, so its chunk does not grow with each, and each read shows the latest.
func TestRewritingACombinedEventKeepsItsChunkSize(t *testing.T) {
	st, r, d := setup(t)
	create := func(i int) {
		st.Clock().Advance(5 * time.Minute) // the spam filter's refill
		r.NewRecorder("replicaset-controller", "").Eventf(d, api.EventNormal, "SuccessfulCreate", "Created pod: web-%05d", i)
	}
	for i := range 20 {
		create(i)
	}
	size := len(r.log.chunks[0].bytes)
	for i := 20; i < 2000; i++ {
		create(i)
	}
	if grown := len(r.log.chunks[0].bytes) - size; grown != 0 {
		t.Fatalf("the chunk grew by %d bytes over 1,980 rewrites", grown)
	}
	var combined *api.Event
	for _, e := range events(st) {
		if strings.HasPrefix(e.Message, "(combined from similar events): ") {
			combined = e
		}
	}
	if combined == nil || combined.Message != "(combined from similar events): Created pod: web-01999" || combined.Count != 1991 {
		t.Fatalf("combined event %+v", combined)
	}
}

// A formatted message is written as fmt.Sprintf makes it, and like every event is subject to
// the spam filter (client-go's default: a burst of 25 per source and object); an event the
// filter drops is not formatted at all.
func TestEventfFormatsOnlyWhatTheSpamFilterLetsThrough(t *testing.T) {
	st, r, d := setup(t)
	rec := r.NewRecorder("replicaset-controller", "")
	formattedNames = 0
	for i := range 30 {
		rec.Eventf(d, api.EventNormal, "SuccessfulCreate", "Created pod: %s", podName(fmt.Sprintf("web-%02d", i)))
	}
	evs := events(st)
	if len(evs) != 10 { // 25 let through: 9 single events, then one combined event counted 16 times
		t.Fatalf("%d events", len(evs))
	}
	if evs[0].Message != "Created pod: web-00" {
		t.Fatalf("message %q", evs[0].Message)
	}
	if formattedNames != 25 {
		t.Fatalf("%d messages formatted for 25 events let through", formattedNames)
	}
}

// podName formats as a pod's name and counts in formattedNames how often it is formatted (a
// string, as an event's arguments are: a struct would print as %!v(TYPE), see copyArg).
type podName string

var formattedNames int

func (p podName) String() string {
	formattedNames++
	return string(p)
}

// The scheduler's Scheduled goes through the spam filter like any other event, with the state
// the earlier events left (25 FailedScheduling events leave no token); about an object never
// seen before it is simply written.
func TestScheduledUsesTheObjectsState(t *testing.T) {
	st, r, _ := setup(t)
	pod := func(name string) *api.Pod {
		p := &api.Pod{ObjectMeta: api.ObjectMeta{Name: name}, Spec: &api.PodSpec{}}
		if err := st.Create(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stuck, fresh := pod("stuck"), pod("fresh")
	sched := r.NewRecorder("default-scheduler", "")
	for range 25 {
		sched.Eventf(stuck, api.EventWarning, "FailedScheduling", "0/3 nodes are available")
	}
	sched.Eventf(stuck, api.EventNormal, "Scheduled", "Successfully assigned default/stuck to node-1")
	sched.Eventf(fresh, api.EventNormal, "Scheduled", "Successfully assigned default/fresh to node-2")
	reasons := map[string]int{}
	for _, e := range events(st) {
		reasons[e.InvolvedObject.Name+" "+e.Reason] += int(e.Count)
	}
	if reasons["stuck FailedScheduling"] != 25 || reasons["stuck Scheduled"] != 0 || reasons["fresh Scheduled"] != 1 {
		t.Fatalf("events: %v", reasons)
	}
}

// sprintf writes exactly what fmt.Sprintf writes, with and without its fast path.
func TestSprintfIsFmts(t *testing.T) {
	for _, c := range []struct {
		format string
		args   []any
	}{
		{"Successfully assigned %v/%v to %v", []any{"default", "web-1", "node-1"}},
		{"Created pod: %s", []any{"web-1"}},
		{"100%% of %s", []any{"pods"}},
		{"Pulling image %q", []any{"nginx:1.14.2"}},
		{"Failed to pull image %q: %s", []any{"a\"b\tc\u00e9\x00", "not found"}},
		{"%q %q", []any{`C:\\x`, "del\x7f"}},
		{"%+q %#q %5q", []any{"é", "`x`", "y"}}, // flags are fmt's
		{"Scaled up replica set %s from %d to %d", []any{"web-1", 0, 3}},
		{"Scaled up replica set %s from %d to %d", []any{"web-1", int32(1 << 20), int64(1 << 40)}},
		{"%v %v %.1f %x %t", []any{uint8(7), uintptr(9), 2.5, float32(1.25), true}},
		{"%v after %s", []any{podName("web-1"), 90 * time.Second}}, // named types' String methods
		{"%v|%s", []any{nil, "x"}},
		{"%d", []any{"not a number"}},
		{"missing %s and %s", []any{"one"}},
		{"extra %s", []any{"one", "two"}},
		{"trailing %", []any{"x"}},
		{"%v", []any{""}},
		{"%-5s|", []any{"ab"}},
	} {
		if got, want := sprintf(c.format, c.args...), fmt.Sprintf(c.format, c.args...); got != want {
			t.Errorf("sprintf(%q, %v) = %q, fmt.Sprintf = %q", c.format, c.args, got, want)
		}
	}
}

// What Eventf cannot copy (an error, a pointer, a struct) prints as %!v(TYPE) instead of being
// handed to fmt (copyArg): callers pass an error's Error().
func TestSprintfNamesWhatItCannotCopy(t *testing.T) {
	got := sprintf("Error creating: %v; %v", errors.New("quota"), struct{ n int }{1})
	if want := "Error creating: %!v(*errors.errorString); %!v(struct { n int })"; got != want {
		t.Fatalf("sprintf = %q, want %q", got, want)
	}
}

// Eventf's arguments do not escape (viaFmt): a caller boxes its strings and numbers on its own
// stack, so an event the spam filter drops (client-go's burst is 25) allocates nothing.
func TestEventfArgumentsDoNotEscape(t *testing.T) {
	_, r, d := setup(t)
	rec := r.NewRecorder("deployment-controller", "")
	name, size := strings.Repeat("web-1", 1), int64(1<<40) // not constants: those are never boxed on the heap
	for range spamBurst {
		rec.Eventf(d, api.EventNormal, "ScalingReplicaSet", "Scaled up replica set %s from %d to %d", name, size, size)
	}
	allocs := testing.AllocsPerRun(100, func() {
		rec.Eventf(d, api.EventNormal, "ScalingReplicaSet", "Scaled up replica set %s from %d to %d", name, size, size)
	})
	if allocs != 0 {
		t.Fatalf("a dropped event allocates %v times: its arguments escape", allocs)
	}
}
