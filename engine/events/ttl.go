package events

import (
	"iter"
	"time"
)

// TTL is how long the API server keeps an event after its last write (kube-apiserver's
// --event-ttl, 1 h by default): `kubectl get events` never shows older ones, and a long
// session does not pile them up.
const TTL = time.Hour

type written struct {
	event *record
	at    int64 // Unix nanoseconds
}

// writeQueue holds the writes in time order, in chunks that are filled once and dropped
// once read: a busy run appends a hundred thousand without copying any.
type writeQueue struct {
	chunks [][]written
	head   int // read position in chunks[0]
}

const writeChunk = 4096

func (q *writeQueue) push(w written) {
	if n := len(q.chunks); n == 0 || len(q.chunks[n-1]) == writeChunk {
		q.chunks = append(q.chunks, make([]written, 0, writeChunk))
	}
	last := &q.chunks[len(q.chunks)-1]
	*last = append(*last, w)
}

func (q *writeQueue) front() (written, bool) {
	if len(q.chunks) == 0 || q.head == len(q.chunks[0]) {
		return written{}, false
	}
	return q.chunks[0][q.head], true
}

func (q *writeQueue) pop() {
	q.chunks[0][q.head] = written{}
	if q.head++; q.head == writeChunk {
		q.chunks[0] = nil
		q.chunks, q.head = q.chunks[1:], 0
	}
}

// newestFirst yields the writes from the last one back.
func (q *writeQueue) newestFirst() iter.Seq[written] {
	return func(yield func(written) bool) {
		for c := len(q.chunks) - 1; c >= 0; c-- {
			lo := 0
			if c == 0 {
				lo = q.head
			}
			for i := len(q.chunks[c]) - 1; i >= lo; i-- {
				if !yield(q.chunks[c][i]) {
					return
				}
			}
		}
	}
}

// wrote notes a create or update of an event.
func (b *Broadcaster) wrote(e *record, at time.Time) {
	e.lastWrite = at.UnixNano()
	b.writes.push(written{e, e.lastWrite})
}

// Expire deletes the events whose last write is TTL or more ago. Writes are noted in time
// order, so only the front of the list needs looking at; an event written again since has a
// later entry and stays.
func (b *Broadcaster) Expire() {
	now := b.st.Clock().Now().UnixNano()
	for w, ok := b.writes.front(); ok && w.at+int64(TTL) <= now; w, ok = b.writes.front() {
		b.writes.pop()
		if w.event.deleted || w.event.lastWrite != w.at {
			continue
		}
		b.log.remove(w.event)
		b.st.NextResourceVersion() // a delete is a write
	}
}
