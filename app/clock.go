package app

import (
	"encoding/json"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// The play loop: a ticker in ctx.Async asks for a frame every frameInterval through
// ctx.Dispatch; the frame advances the virtual clock by the wall time that passed times the
// speed, in bounded pieces, so that a busy cluster slows the simulation down instead of
// freezing the page.

const (
	frameInterval = 50 * time.Millisecond
	// maxFrameWall bounds the wall time one frame accounts for (a background tab, a long GC).
	maxFrameWall = 250 * time.Millisecond
	// smallCluster is the pod count under which the chart samples after every instant of a
	// frame, not only at its end.
	smallCluster = 300
)

// startTicker is false in native tests: go-app's testers wait for every ctx.Async to return,
// and the ticker never does. Tests drive frames by calling advanceFrame and onFrame.
var startTicker = runtime.GOARCH == "wasm"

// frameBudget bounds the engine work of one frame (engine.FrameBudget) and paces the view.
type frameBudget struct {
	engine.FrameBudget
	// viewEvery is how often (wall time) the full view is rebuilt while only time passes, or
	// while objects change when a view is expensive (large clusters); it grows with the cost
	// of a view, so that rebuilding it never eats the frames.
	viewEvery time.Duration
	viewCost  time.Duration
}

// cheapView is the view cost under which the view is rebuilt after every frame that changed
// something.
const cheapView = 8 * time.Millisecond

var defaultFrameBudget = frameBudget{FrameBudget: engine.FrameBudget{MaxInstants: 64, Wall: 12 * time.Millisecond, MaxTasks: 2000}}

func (b *frameBudget) noteViewCost(d time.Duration) {
	b.viewCost = d
	b.viewEvery = min(max(4*d, 100*time.Millisecond), time.Second)
}

// frameStats is what one frame did.
type frameStats = engine.FrameStats

func (p *playground) startClock(ctx app.Context) {
	if p.clockStop != nil || !startTicker {
		return
	}
	stop := make(chan struct{})
	p.clockStop = stop
	var busy atomic.Bool
	ctx.Async(func() {
		t := time.NewTicker(frameInterval)
		defer t.Stop()
		last := time.Now()
		for {
			select {
			case <-stop:
				return
			case now := <-t.C:
				if busy.Load() {
					continue // the last frame has not run yet: never queue more than one
				}
				wall := now.Sub(last)
				last = now
				busy.Store(true)
				// Without marking the page for update: a frame that holds (a job runs) must not
				// re-render a large cluster every 50 ms; onFrame updates it when it ran.
				ctx.Dispatcher().Dispatch(app.Dispatch{Mode: app.Next, Source: p, Function: func(ctx app.Context) {
					defer busy.Store(false)
					p.onFrame(ctx, wall)
				}})
			}
		}
	})
}

func (p *playground) stopClock() {
	if p.clockStop != nil {
		close(p.clockStop)
		p.clockStop = nil
	}
}

// onFrame is one tick of the playing clock.
func (p *playground) onFrame(ctx app.Context, wall time.Duration) {
	if !p.playing || p.sess == nil || p.restoring != nil {
		return
	}
	start := time.Now()
	defer p.notePerf(ctx, "frame", start)
	p.Update()
	p.guard(ctx, "clock", func() {
		wall = min(wall, maxFrameWall)
		d := time.Duration(float64(wall) * p.frameSpeed())
		st := p.advanceFrame(d)
		p.lastStats = st
		if st.Truncated {
			p.lagFrames++
		} else {
			p.lagFrames = 0
		}
		p.afterFrame(ctx, st)
	})
}

// afterFrame refreshes what a frame changed: the full view when it is due (paceView), else
// just the clock.
func (p *playground) afterFrame(ctx app.Context, st frameStats) {
	if p.paceView(st, time.Since(p.viewAt)) {
		p.refreshView()
		p.observeLesson(ctx)
		p.refreshDetails(false)
	} else {
		p.tickView()
	}
	// The session to come back to after a panic: every frame while the log is short (clock
	// advances merge into one input, so a playing clock does not grow it), else with the save.
	if p.sess.Len() < 300 {
		p.markGood()
	}
	if time.Since(p.savedAt) > 2*time.Second {
		p.markGood()
		p.save(ctx)
	}
}

// slowSpeed is how fast the clock plays while the cluster changes, when the learner keeps
// "slow down while something changes" on: a 3-replica rolling update that is over in 1.5 s at
// 1× takes 6 s, long enough to watch the pods move and to type `kubectl get pods`.
const slowSpeed = 0.25

// changingWithin is how close the next queued work must be for the cluster to count as
// changing: pulls, probes and controller reactions come within it, idle waits do not.
const changingWithin = 3 * time.Second

// frameSpeed is the speed the next frame plays at: the chosen one, or slowSpeed while work is
// due soon and the learner wants changes slowed down.
func (m *model) frameSpeed() float64 {
	if !m.slowChanges || m.sess == nil || m.speed <= slowSpeed {
		return m.speed
	}
	if m.sess.WorkWithin(changingWithin) {
		return slowSpeed
	}
	return m.speed
}

// paceView notes what a frame did (st) and reports whether the full view is due, since it was
// last built: when objects changed and the view is cheap, or has waited its viewEvery; when
// only time passed, often enough for ages to tick, and for an expensive view (thousands of
// pods, shown as counts without ages) far less often; and after a busy stretch, once objects
// stop changing.
func (m *model) paceView(st frameStats, since time.Duration) bool {
	if st.Changed {
		m.viewStale = true
	}
	b := m.budget
	due := since >= b.viewEvery && (m.viewStale || b.viewCost < cheapView)
	agesDue := since >= max(b.viewEvery, min(20*b.viewCost, 5*time.Second))
	return due || agesDue || (m.viewStale && (b.viewCost < cheapView || !st.Changed))
}

// tickView moves the clock readout without rebuilding the view.
func (m *model) tickView() {
	c := m.sess.Clock()
	m.view.Now, m.view.Elapsed, m.view.Pending, m.view.NextIn = c.Now, c.Elapsed, c.Queued, c.NextIn
	if m.view.Elapsed > m.timelineEnd && m.scrub == nil {
		m.timelineEnd = m.view.Elapsed
	}
}

// advanceFrame lets up to d of virtual time pass within the frame's budget
// (Session.AdvanceFrame). Waiting commands are polled after each whole instant, so `get -w`
// prints every change and `rollout status` every step, the same however frames cut the work;
// lesson checks see every instant, and a small cluster's chart samples each change.
func (m *model) advanceFrame(d time.Duration) frameStats {
	smallPods := countPods(m.view) < smallCluster
	return m.sess.AdvanceFrame(d, m.budget.FrameBudget, func(whole, changed bool) {
		if !whole {
			return // the instant goes on in the next frame
		}
		m.pollRunning()
		m.trackLesson() // lesson.go
		if smallPods && changed {
			m.chart.sample(m.sess.View(1))
		}
	})
}

func countPods(v engine.View) int {
	n := len(v.UnownedPods)
	for _, d := range v.Deployments {
		for _, rs := range d.ReplicaSets {
			n += len(rs.Pods)
		}
	}
	for _, rs := range v.UnownedReplicaSets {
		n += len(rs.Pods)
	}
	return n
}

// scrubSnapshot keeps the whole timeline while the learner drags the scrubber: Session.SeekTime
// drops the inputs after the point it seeks to, so every position is sought from this copy,
// and dragging back to the right still finds the future.
type scrubSnapshot struct {
	data []byte        // the session with its position at 0
	end  time.Duration // elapsed time at the end of the timeline
}

// endScrub forgets the scrubber's copy of the timeline: a new input starts a new future.
func (m *model) endScrub() {
	if m.scrub != nil {
		m.scrub = nil
		m.timelineEnd = m.view.Elapsed
	}
}

// atPosition rewrites the position of a marshalled session (restoring it then replays only
// that many inputs).
func atPosition(data []byte, pos int) []byte {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return data
	}
	m["pos"], _ = json.Marshal(pos)
	out, err := json.Marshal(m)
	if err != nil {
		return data
	}
	return out
}

// notePerf logs slow handlers and frames, and how long the render after them took, on the
// console when the page was opened with ?debug=perf.
func (p *playground) notePerf(ctx app.Context, what string, start time.Time) {
	if !p.debugPerf {
		return
	}
	work := time.Since(start)
	ctx.Defer(func(app.Context) {
		total := time.Since(start)
		if total > 16*time.Millisecond {
			app.Logf("rolloutlab perf: %s: work %.1f ms, with render %.1f ms (%d instants)", what,
				float64(work.Microseconds())/1000, float64(total.Microseconds())/1000, p.lastStats.Instants)
		}
	})
}
