// Package clock is the simulator's virtual clock and its queue of timed work. Nothing in the
// engine reads the wall clock: every delay, back-off and age is measured on this clock, so the
// same inputs always give the same run.
package clock

import (
	"container/heap"
	"math"
	"strings"
	"time"
)

// Epoch is the instant a new cluster starts at. A fixed date keeps runs reproducible.
var Epoch = time.Date(2026, time.November, 27, 9, 0, 0, 0, time.UTC)

// Task is one unit of work run at a virtual instant.
type Task struct {
	due   int64  // Unix nanoseconds
	batch *batch // the batch it waits in; nil once run or cancelled
	// label names the work for the step explainer ("sync Deployment %s"); its %s are filled
	// from args only when asked, as large runs schedule many tasks and read few labels.
	label string
	args  [2]string
	run   func()
	call  func(any) // with arg, instead of run (AfterCall)
	arg   any
}

// Label names the work ("sync Deployment default/web").
func (t *Task) Label() string {
	l := t.label
	for _, a := range t.args {
		i := strings.Index(l, "%s")
		if i < 0 {
			break
		}
		l = l[:i] + a + l[i+2:]
	}
	return l
}

// At is when the task is due.
func (t *Task) At() time.Time { return time.Unix(0, t.due).UTC() }

// Pending reports whether the task is still queued.
func (t *Task) Pending() bool { return t != nil && t.batch != nil }

// PendingBy reports whether the task is still queued to run at or before at.
func (t *Task) PendingBy(at time.Time) bool { return t.Pending() && t.due <= at.UnixNano() }

// Clock holds the current instant and the queue of pending tasks, ordered by due time and then
// by the order they were scheduled in (first in, first out).
type Clock struct {
	now time.Time
	// Pending tasks wait in batches, one per due time, each in scheduling order; a heap orders
	// the batches. Work comes in waves due at the same instant (a scale-up's pods all pull for
	// a second), so the heap stays small and a task costs an append.
	batches batchHeap
	byDue   map[int64]*batch
	last    *batch // the batch last added to, found again without the map
	free    []*batch
	n       int    // pending tasks
	slab    []Task // where the next tasks are made
	// notes explain what the running task did, for the step-by-step view.
	notes []Note
	// noting is off unless someone reads the notes: explaining costs time in large runs.
	noting bool
}

// batch is the pending tasks of one due time, in the order they were scheduled; tasks before
// head have run, and cancelled ones stay in place until reached.
type batch struct {
	due   int64
	tasks []*Task
	head  int
	live  int
	index int // position in the heap
}

// Note is one explained decision: a message key and its arguments (see engine/explain).
type Note struct {
	Key  string
	Args []any
}

// Explain turns note-taking on or off.
func (c *Clock) Explain(on bool) { c.noting = on }

// Noting reports whether notes are kept, so callers can skip building their arguments.
func (c *Clock) Noting() bool { return c.noting }

// Note records why the running task did something.
func (c *Clock) Note(key string, args ...any) {
	if c.noting {
		c.notes = append(c.notes, Note{Key: key, Args: args})
	}
}

// Notes are the notes of the last task run.
func (c *Clock) Notes() []Note { return c.notes }

// New returns a clock at start.
func New(start time.Time) *Clock { return &Clock{now: start, byDue: map[int64]*batch{}} }

// Now is the current virtual instant.
func (c *Clock) Now() time.Time { return c.now }

// Since is the virtual time elapsed since t.
func (c *Clock) Since(t time.Time) time.Duration { return c.now.Sub(t) }

// After schedules run to happen d from now (d < 0 counts as 0). The label's %s are filled from
// args (at most two).
func (c *Clock) After(d time.Duration, label string, run func(), args ...string) *Task {
	t := c.at(c.dueIn(d), label, args)
	t.run = run
	return t
}

// AfterCall schedules call(arg) d from now. A function made once and a pointer argument cost
// nothing per task, where a closure is allocated each time: for the work done per pod.
func (c *Clock) AfterCall(d time.Duration, label string, call func(any), arg any, args ...string) *Task {
	t := c.at(c.dueIn(d), label, args)
	t.call, t.arg = call, arg
	return t
}

// dueIn is the instant d from now in Unix nanoseconds (d < 0 counts as 0), at most the
// largest there is.
func (c *Clock) dueIn(d time.Duration) int64 {
	now := c.now.UnixNano()
	if due := now + int64(max(d, 0)); due >= now {
		return due
	}
	return math.MaxInt64
}

// At schedules run at instant t (not earlier than now).
func (c *Clock) At(t time.Time, label string, run func(), args ...string) *Task {
	task := c.at(c.dueIn(t.Sub(c.now)), label, args) // Sub saturates: no instant overflows
	task.run = run
	return task
}

// at schedules a task due at Unix nanoseconds due, which is not before now.
func (c *Clock) at(due int64, label string, args []string) *Task {
	if len(c.slab) == 0 {
		// Tasks come from slabs: a busy run schedules tens of thousands. A slab stays while
		// any of its tasks is held.
		c.slab = make([]Task, 128)
	}
	task := &c.slab[0]
	c.slab = c.slab[1:]
	*task = Task{due: due, label: label}
	copy(task.args[:], args)
	b := c.batchFor(task.due)
	b.tasks = append(b.tasks, task)
	b.live++
	c.n++
	task.batch = b
	return task
}

// batchFor finds or opens the batch of tasks due at due.
func (c *Clock) batchFor(due int64) *batch {
	if b := c.last; b != nil && b.due == due {
		return b
	}
	b := c.byDue[due]
	if b == nil {
		if n := len(c.free); n > 0 {
			b, c.free = c.free[n-1], c.free[:n-1]
		} else {
			b = &batch{}
		}
		b.due = due
		c.byDue[due] = b
		heap.Push(&c.batches, b)
	}
	c.last = b
	return b
}

// Cancel removes a pending task; cancelling a task that already ran does nothing.
func (c *Clock) Cancel(t *Task) {
	if t == nil {
		return
	}
	if b := t.batch; b != nil {
		t.batch = nil
		c.n--
		if b.live--; b.live == 0 {
			c.close(b)
		}
	}
	t.run, t.call, t.arg = nil, nil, nil
}

// close drops a batch without pending tasks, keeping it for reuse.
func (c *Clock) close(b *batch) {
	heap.Remove(&c.batches, b.index)
	delete(c.byDue, b.due)
	if c.last == b {
		c.last = nil
	}
	clear(b.tasks)
	b.tasks, b.head = b.tasks[:0], 0
	c.free = append(c.free, b)
}

// Next returns the next pending task without running it, or nil.
func (c *Clock) Next() *Task {
	if len(c.batches) == 0 {
		return nil
	}
	b := c.batches[0]
	for b.tasks[b.head].batch == nil { // cancelled
		b.tasks[b.head] = nil
		b.head++
	}
	return b.tasks[b.head]
}

// EachPending calls fn with each pending task, in no particular order, until fn returns
// false. It only reads: a lesson's "settled" check asks whether work is queued for something.
func (c *Clock) EachPending(fn func(*Task) bool) {
	for _, b := range c.batches {
		for _, t := range b.tasks[b.head:] {
			if t != nil && t.batch != nil && !fn(t) {
				return
			}
		}
	}
}

// Len is the number of pending tasks.
func (c *Clock) Len() int { return c.n }

// Step runs the next pending task, moving the clock to its due time. It returns the task run,
// or nil when nothing is pending.
func (c *Clock) Step() *Task {
	t := c.Next()
	if t == nil {
		return nil
	}
	b := t.batch
	b.tasks[b.head] = nil
	b.head++
	t.batch = nil
	c.n--
	if b.live--; b.live == 0 {
		c.close(b)
	} else if b.head > 1024 && b.head*2 > len(b.tasks) {
		// A batch fed while it runs (work scheduled for now) lets go of what has run.
		b.tasks = append(b.tasks[:0], b.tasks[b.head:]...)
		b.head = 0
	}
	if t.due > c.now.UnixNano() {
		c.now = t.At()
	}
	c.notes = c.notes[:0]
	run, call, arg := t.run, t.call, t.arg
	t.run, t.call, t.arg = nil, nil, nil // its slab may outlive it: let go of what the work holds
	if run != nil {
		run()
	} else {
		call(arg)
	}
	return t
}

// RunUntil runs every task due at or before end, in order, then sets the clock to end.
// Tasks scheduled while running are run too when they are due by end.
func (c *Clock) RunUntil(end time.Time) int {
	n := 0
	for t := c.Next(); t != nil && t.due <= end.UnixNano(); t = c.Next() {
		c.Step()
		n++
		if n%256 == 0 {
			yield()
		}
	}
	if end.After(c.now) {
		c.now = end
	}
	return n
}

// RunUntilBudget runs at most maxTasks of the tasks due at or before end. When all of them ran
// the clock moves to end and done is true; otherwise it stays at the last task's instant, so
// that the rest (possibly of that same instant) runs later in the same order.
func (c *Clock) RunUntilBudget(end time.Time, maxTasks int) (ran int, done bool) {
	for t := c.Next(); t != nil && t.due <= end.UnixNano(); t = c.Next() {
		if ran >= maxTasks {
			return ran, false
		}
		c.Step()
		ran++
	}
	if end.After(c.now) {
		c.now = end
	}
	return ran, true
}

// Advance runs everything due within d from now and moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) int { return c.RunUntil(c.now.Add(d)) }

type batchHeap []*batch

func (h batchHeap) Len() int           { return len(h) }
func (h batchHeap) Less(i, j int) bool { return h[i].due < h[j].due }
func (h batchHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *batchHeap) Push(x any) {
	b := x.(*batch)
	b.index = len(*h)
	*h = append(*h, b)
}
func (h *batchHeap) Pop() any {
	old := *h
	n := len(old)
	b := old[n-1]
	old[n-1] = nil
	*h = old[:n-1]
	return b
}
