package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// A restored session (a share link, the stored session) is rebuilt once: restored at position
// 0, then moved Forward input by input in slices of replaySlice wall time, with the page
// answering input between slices (ctx.After returns to the browser's event loop). Lines typed
// meanwhile wait and run once the session is in place; the page shows the progress.

const (
	replaySlice = 8 * time.Millisecond
	// replayTasks bounds the units of work one step of a replay runs (a long clock advance
	// takes many steps), as a frame's budget bounds the play loop.
	replayTasks = 2000
	// maxLinkWork bounds the simulated work a share link may ask for in all; a link over it
	// opens with the work that fits. The learner's own stored session has no such bound: it is
	// restored whole, progressively.
	maxLinkWork = 2_000_000
	// showProgressAfter is how long a restore runs before the page shows its progress.
	showProgressAfter = 500 * time.Millisecond
)

// replay rebuilds a session. With transcript set it also rebuilds what the terminal printed
// and what the chart sampled (a link keeps inputs, not output; the stored session keeps both).
type replay struct {
	s          *engine.Session
	inputs     []engine.Input
	target     int
	transcript bool

	entries  []termEntry
	history  []string
	chart    chartData
	running  map[int]*engine.Execution
	instants int
	lastRV   int64
	pods     int // pods in the last sampled view
	// work counts the units of simulated work run; over maxWork (when set) the session is cut
	// at the present and cut set.
	work, maxWork int
	cut           bool
}

func newReplay(data []byte, h *sessionHeader, transcript bool) (*replay, error) {
	s, err := engine.RestoreSession(atPosition(data, 0), engine.Options{})
	if err != nil {
		return nil, err
	}
	return &replay{s: s, inputs: h.Inputs, target: h.Pos, transcript: transcript,
		running: map[int]*engine.Execution{}, lastRV: -1}, nil
}

// done reports that the session is at its recorded position.
func (r *replay) done() bool { return r.s.Position() >= r.target }

// step applies the next input.
func (r *replay) step() {
	if r.done() {
		return
	}
	in := r.inputs[r.s.Position()]
	var onInstant func()
	if r.transcript && r.instants < maxReplayInstants {
		onInstant = func() {
			r.instants++
			r.poll()
			if r.pods < smallCluster { // as the play loop: a large cluster's view is too dear per instant
				r.sample()
			}
		}
	}
	x, ran, done := r.s.ForwardBudget(replayTasks, onInstant)
	r.work += ran
	if !done {
		if r.maxWork > 0 && r.work >= r.maxWork {
			r.s.CutHere()
			r.target, r.cut = r.s.Position(), true
		}
		return
	}
	if !r.transcript {
		return
	}
	if in.Kind == engine.KindExec || in.Kind == engine.KindEdit {
		e := termEntry{ID: len(r.entries) + 1, Kind: entryCmd, Line: in.Line, Pos: r.s.Position()}
		e.fill(x)
		r.entries = append(r.entries, e)
		if in.Kind == engine.KindExec {
			if x.Running() {
				r.running[len(r.entries)-1] = x
			}
			if len(r.history) == 0 || r.history[len(r.history)-1] != in.Line {
				r.history = append(r.history, in.Line)
			}
		}
	}
	r.poll()
	r.sample()
}

func (r *replay) sample() {
	if rv := r.s.Version(); rv != r.lastRV {
		r.lastRV = rv
		v := r.s.View(1)
		r.pods = countPods(v)
		r.chart.sample(v)
	}
}

func (r *replay) poll() {
	now := r.s.Now()
	for i, x := range r.running {
		x.Poll(now)
		r.entries[i].fill(x)
		if !x.Running() {
			delete(r.running, i)
		}
	}
}

// transcriptResult is the rebuilt terminal, history and chart; commands still waiting when the
// session was recorded are shown stopped.
func (r *replay) transcriptResult() ([]termEntry, []string, chartData) {
	for i := range r.running {
		r.entries[i].Running = false
		r.entries[i].Stopped = "term.note.restoredStop"
	}
	entries, history := r.entries, r.history
	if len(entries) > maxEntries {
		entries = entries[len(entries)-maxEntries:]
	}
	if len(history) > maxHistory {
		history = history[len(history)-maxHistory:]
	}
	return entries, history, r.chart
}

// A job is long work on the session that the page runs in slices, answering input between
// them: a replay (restoring a session) or a command typed at the prompt (live.go). One job runs
// at a time (p.restoring); what the learner does meanwhile waits in its queue.
type work interface {
	step()                                             // one bounded piece (at most replayTasks units of simulated work)
	done() bool                                        // nothing left
	notice(lang string) (text string, done, total int) // the progress shown after half a second (total 0: unknown)
}

func (r *replay) notice(lang string) (string, int, int) {
	done, total := r.s.Position(), max(r.target, 1)
	return trf(lang, "restore.progress", done, total), done, total
}

// restoreJob is a job in progress and what to do once it is done.
type restoreJob struct {
	w       work
	started time.Time
	queued  []func(ctx app.Context) // lines typed and actions taken meanwhile, in order
	next    []*restoreJob           // replays started meanwhile (the stored session, then a link), in order
	finish  func(ctx app.Context)
	fail    func(ctx app.Context, err error) // after a panic while working (may be nil)
	// co runs the slices on a goroutine of their own, in the browser (see coroutine); nil
	// natively, where slices run on the UI goroutine.
	co *coroutine
	// drawn is when the page was last re-rendered to show the job's progress.
	drawn time.Time
}

// startReplay runs r in slices and calls finish with it on the UI goroutine once it is done.
// A replay started while another runs waits for it: a link opened on reload replaces the
// stored session only once that is in place, so the stored session is the one kept in Recent.
func (p *playground) startReplay(ctx app.Context, r *replay, finish func(ctx app.Context, r *replay), fail func(ctx app.Context, err error)) {
	job := p.newJob(r, r.s, func(ctx app.Context) { finish(ctx, r) }, fail)
	if cur := p.restoring; cur != nil {
		cur.next = append(cur.next, job)
		return
	}
	p.restoring = job
	ctx.After(0, p.replaySlice) // the page renders (and answers) before the first slice
}

// newJob prepares a job working on session s.
func (p *playground) newJob(w work, s *engine.Session, finish func(ctx app.Context), fail func(ctx app.Context, err error)) *restoreJob {
	job := &restoreJob{w: w, started: time.Now(), finish: finish, fail: fail}
	if yieldToBrowser {
		job.co = newCoroutine(w)
		s.SetCheckpoint(job.co.checkpoint)
	}
	return job
}

// dropJob abandons the job in progress (the session it works on is being replaced).
func (p *playground) dropJob() {
	if job := p.restoring; job != nil {
		job.co.stop()
		for _, next := range job.next {
			next.co.stop()
		}
		p.restoring = nil
	}
}

// whenIdle runs fn now, or once the job in progress (and those queued after it) are done.
func (p *playground) whenIdle(ctx app.Context, fn func(ctx app.Context)) {
	if p.restoring != nil {
		p.restoring.queued = append(p.restoring.queued, fn)
		return
	}
	fn(ctx)
}

func (p *playground) replaySlice(ctx app.Context) {
	p.runSlice(ctx, replaySlice)
}

// runSlice runs the job for about wall time, then schedules the next slice or finishes it.
func (p *playground) runSlice(ctx app.Context, wall time.Duration) {
	job := p.restoring
	if job == nil {
		return
	}
	defer p.notePerf(ctx, "job slice", time.Now())
	var failure error
	var finished bool
	ok := p.guard(ctx, "restore", func() {
		defer func() {
			if r := recover(); r != nil {
				failure = fmt.Errorf("replaying it failed: %v", r)
				panic(r)
			}
		}()
		if job.co != nil {
			finished = job.co.slice(wall)
			return
		}
		start := time.Now()
		for ok := true; ok; ok = !job.w.done() && time.Since(start) < wall {
			job.w.step() // at least one step a slice, however short
		}
		finished = job.w.done()
	})
	if !ok {
		p.restoring = nil
		if job.fail != nil {
			job.fail(ctx, failure)
		}
		return
	}
	if !finished {
		// The next slice comes without re-rendering the page (a render of a large cluster costs
		// more than a slice); the progress notice is drawn when it appears, then every second.
		ctx.Async(func() {
			time.Sleep(time.Millisecond)
			ctx.Dispatcher().Dispatch(app.Dispatch{Mode: app.Next, Source: p, Function: p.replaySlice})
		})
		if since := time.Since(job.started); since >= showProgressAfter && time.Since(job.drawn) >= time.Second {
			job.drawn = time.Now()
			p.Update()
		}
		return
	}
	p.restoring = nil
	p.Update()
	p.guard(ctx, "restore", func() { job.finish(ctx) })
	p.afterJob(ctx, job)
}

// afterJob goes on once job is over: with the replay started meanwhile, else with what was
// queued.
func (p *playground) afterJob(ctx app.Context, job *restoreJob) {
	if len(job.next) > 0 {
		next := job.next[0]
		next.next, next.queued = append(next.next, job.next[1:]...), append(job.queued, next.queued...)
		next.started = time.Now()
		p.restoring = next
		p.replaySlice(ctx)
		return
	}
	p.runQueued(ctx, job.queued)
}

// runQueued runs what waited for a job, in order; when one of them starts a job of its own (a
// long command), the rest waits for that one.
func (p *playground) runQueued(ctx app.Context, queued []func(ctx app.Context)) {
	for i, fn := range queued {
		p.guard(ctx, "exec", func() { fn(ctx) })
		if p.restoring != nil {
			p.restoring.queued = append(queued[i+1:len(queued):len(queued)], p.restoring.queued...)
			return
		}
	}
}

// interruptCommand is Ctrl+C while a typed command runs in slices (a long listing): as a
// shell's Ctrl+C, the command stops where it is and prints "^C", and the lines typed meanwhile
// run. The session forgets it (engine.Session.Abandon), which it can only while the command has
// changed nothing: one that has written to the cluster (a large scale creating its pods) goes
// on to its end, as the apiserver keeps a change whose kubectl was interrupted, and a note says so.
func (p *playground) interruptCommand(ctx app.Context) {
	job := p.restoring
	if job == nil {
		return
	}
	c, live := job.w.(*liveCommand)
	if !live {
		return
	}
	if !p.sess.Abandonable() {
		p.appendEntry(termEntry{Kind: entryNote, NoteKey: "term.note.cannotStop", NoteArg: c.line})
		return
	}
	job.co.stopWait() // the input unwinds from the checkpoint it waits at
	p.sess.Abandon()
	p.restoring = nil
	if i := p.entryIndex(c.id); i >= 0 {
		e := p.term[i]
		e.Running, e.Stopped, e.Exit = false, "term.note.stopped", 130
		p.setEntry(i, e)
	}
	p.afterJob(ctx, job)
}

// renderRestoring shows the progress of a job that has run for more than half a second.
func (p *playground) renderRestoring() app.UI {
	job := p.restoring
	if job == nil || time.Since(job.started) < showProgressAfter {
		return nil
	}
	text, done, total := job.w.notice(p.lang)
	bar := app.Progress().Aria("label", tr(p.lang, "restore.label"))
	if total > 0 {
		bar = bar.Max(total).Value(done)
	}
	return app.Div().Class("banner restoring").Role("status").Body(app.P().Text(text), bar)
}
