package engine

import (
	"math"
	"time"
)

// The frame API: how the page moves a session's clock a browser frame at a time. The play loop
// (AdvanceFrame), a restore and a typed command's settling (ForwardBudget) all run the clock in
// bounded pieces through the session, so the page stays responsive however busy the cluster.

// FrameBudget bounds the engine work of one frame.
type FrameBudget struct {
	// MaxInstants is how many distinct virtual instants (each with the work due then) a frame
	// may run.
	MaxInstants int
	// Wall is the wall-clock time after which a frame starts no new instant (0: no bound).
	Wall time.Duration
	// MaxTasks bounds the units of work of one frame, even inside one busy instant (applying
	// thousands of replicas queues thousands of tasks at one moment); 0: no bound.
	MaxTasks int
}

// FrameStats is what one frame did.
type FrameStats struct {
	Requested time.Duration // virtual time the frame was asked to cover
	Advanced  time.Duration // virtual time it covered
	Instants  int           // instants with due work that it ran
	Tasks     int           // units of work it ran
	Truncated bool          // it stopped early (budget): the simulation runs slower than asked
	Changed   bool          // some object changed
}

// AdvanceFrame lets up to d of virtual time pass, one instant of due work at a time, and stops
// early when the budget is spent; the work left runs in the next frame, in the same order, so
// the session is the same however the frames cut it. After each piece, onInstant (when not
// nil) runs: whole reports that every unit of work due at that instant ran (poll waiting
// commands then, and they print the same whatever the frames), changed that an object
// changed in the piece.
func (s *Session) AdvanceFrame(d time.Duration, b FrameBudget, onInstant func(whole, changed bool)) FrameStats {
	st := FrameStats{Requested: d}
	if d <= 0 {
		return st
	}
	notify := func(whole, changed bool) {
		if onInstant != nil {
			onInstant(whole, changed)
		}
	}
	clk := s.E.Cluster.Clock
	store := s.E.Cluster.Store
	startRV := store.ResourceVersion()
	start := time.Now()
	from := s.E.Now()
	target := from.Add(d)
	for {
		now := s.E.Now()
		next := clk.Next()
		if next == nil || next.At().After(target) {
			s.Advance(target.Sub(now))
			notify(true, false)
			break
		}
		if st.Instants >= b.MaxInstants || b.MaxTasks > 0 && st.Tasks >= b.MaxTasks ||
			st.Instants > 0 && b.Wall > 0 && time.Since(start) >= b.Wall {
			st.Truncated = true
			break
		}
		step := next.At().Sub(now)
		if step <= 0 {
			// Work queued at this very instant (commands run while paused): a nanosecond
			// lets the clock run it, as advancing by zero does nothing.
			step = time.Nanosecond
		}
		rv := store.ResourceVersion()
		limit := math.MaxInt
		if b.MaxTasks > 0 {
			limit = b.MaxTasks - st.Tasks
		}
		_, ran, done := s.AdvanceBudget(step, limit)
		st.Tasks += ran
		st.Instants++
		notify(done, store.ResourceVersion() != rv)
		if !done {
			// A busy instant: the rest of its work runs in the next frame.
			st.Truncated = true
			break
		}
	}
	st.Advanced = s.E.Now().Sub(from)
	st.Changed = store.ResourceVersion() != startRV
	return st
}

// ClockState is what the clock readout shows between view rebuilds.
type ClockState struct {
	Now     time.Time
	Elapsed time.Duration
	Queued  int           // units of work waiting
	NextIn  time.Duration // until the next of them (0: none)
}

// Clock reads the clock without building a View.
func (s *Session) Clock() ClockState {
	c := s.E.Cluster.Clock
	now := s.E.Now()
	st := ClockState{Now: now, Elapsed: s.E.Elapsed(), Queued: c.Len()}
	if t := c.Next(); t != nil {
		st.NextIn = t.At().Sub(now)
	}
	return st
}

// WorkWithin reports work queued to run within d of now (the page slows the clock down while
// the cluster changes).
func (s *Session) WorkWithin(d time.Duration) bool {
	c := s.E.Cluster.Clock
	t := c.Next()
	return t != nil && t.At().Sub(c.Now()) <= d
}

// Explaining switches the clock's explanations (the notes Step returns) on or off.
func (s *Session) Explaining(on bool) { s.E.Cluster.Clock.Explain(on) }
