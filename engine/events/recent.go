package events

import (
	"sort"
	"time"

	"rolloutlab/engine/api"
)

// Recent returns, in list order, the n events of a namespace that a stable sort by
// lastTimestamp puts last (all of them for n <= 0; the slice must not be changed), without
// turning the whole log into objects: timestamps are whole seconds, so the newest are all the
// events of the last seconds and, of the earliest of those, the last ones in list order.
func (b *Broadcaster) Recent(namespace string, n int) []api.Object {
	if n <= 0 {
		return b.log.List(namespace)
	}
	// The view asks every frame; the answer stands until an event is written.
	if c := &b.recent; c.out != nil && c.version == b.log.version && c.namespace == namespace && c.n == n {
		return c.out
	}
	out := b.recentEvents(namespace, n)
	b.recent = recentCache{b.log.version, namespace, n, out}
	return out
}

// Version changes whenever an event is written, so a caller can tell that nothing was.
func (b *Broadcaster) Version() int { return b.log.version }

// recentCache is the last answer of Recent; the slice must not be changed.
type recentCache struct {
	version   int
	namespace string
	n         int
	out       []api.Object
}

func (b *Broadcaster) recentEvents(namespace string, n int) []api.Object {
	// Walk back through the writes (they are in time order) to the second of the n-th most
	// recently written event, and take every event of that second or later.
	var cands []*record
	seen := map[*record]bool{}
	var floor int64
	for w := range b.writes.newestFirst() {
		sec := w.at / int64(time.Second)
		if len(cands) >= n && sec < floor {
			break
		}
		e := w.event
		if e.deleted || e.lastWrite != w.at || seen[e] || b.log.namespace(e) != namespace {
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
	// Of the floor second, the ones last in list order (by name); fewer than n are newer.
	if take := n - len(kept); take < len(last) {
		type named struct {
			name string
			e    *record
		}
		group := make([]named, len(last))
		for i, e := range last {
			group[i] = named{b.log.name(e), e}
		}
		sort.Slice(group, func(a, b int) bool { return group[a].name < group[b].name })
		last = last[:0]
		for _, g := range group[len(group)-take:] {
			last = append(last, g.e)
		}
	}
	out := make([]api.Object, 0, len(kept)+len(last))
	for _, e := range append(kept, last...) {
		out = append(out, b.log.event(e))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Meta().Name < out[j].Meta().Name })
	return out
}
