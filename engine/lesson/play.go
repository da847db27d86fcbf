package lesson

import (
	"fmt"
	"math"
	"strings"
	"time"

	"rolloutlab/engine"
)

// Driver is where a lesson's solutions are played headlessly (`rolloutlab check`): the
// simulator, or a real cluster through kubectl.
type Driver interface {
	Target
	// Exec runs a command line as the learner would type it; a command that failed says so
	// (its first error line), for the report of a step that does not pass.
	Exec(line string) (failed string)
	// Tick lets time pass up to the next moment worth checking; false means nothing more
	// will happen (the simulator's queue is empty).
	Tick() bool
	// Elapsed is the time since the lesson started (virtual on the simulator).
	Elapsed() time.Duration
}

// StepResult is one step's outcome when a lesson is played.
type StepResult struct {
	Step    int // from 0
	OK      bool
	Elapsed time.Duration // since the lesson started, when it passed or was given up
	// Failing are the conditions that did not hold when the step was given up, and Errors the
	// step's solution commands that failed ("`kubectl …` failed: error: …").
	Failing []CondResult
	Errors  []string
}

// Line is the result as `rolloutlab check` prints it: "PASS seed step 3 (Wait for the
// rollout) at 12s", or FAIL with the conditions that did not hold.
func (r StepResult) Line(l *Lesson) string {
	s := fmt.Sprintf("%s step %d", l.ID, r.Step+1)
	if t := l.Steps[r.Step].Title.EN; t != "" {
		s += " (" + t + ")"
	}
	if r.OK {
		return fmt.Sprintf("PASS %s at %s", s, r.Elapsed.Round(time.Millisecond))
	}
	var why []string
	for _, c := range r.Failing {
		why = append(why, c.Want+", "+c.Now)
	}
	line := fmt.Sprintf("FAIL %s after %s: %s", s, r.Elapsed.Round(time.Millisecond), strings.Join(why, "; "))
	if len(r.Errors) > 0 {
		line += " (solution: " + strings.Join(r.Errors, "; ") + ")"
	}
	return line
}

// Play plays every step's solution on d as a learner would: each command, then time passing,
// with the check evaluated after each command and each tick (the Tracker's window rule), until
// the step passes or bound has passed since the step's solution began. It stops at the first
// step that does not pass. report gets each step's result.
func Play(l *Lesson, d Driver, bound time.Duration, report func(StepResult)) bool {
	t := NewTracker(l)
	var commands []string
	observe := func() []int { return t.Observe(d, commands, d.Elapsed()) }
	reportPassed := func(steps []int) {
		for _, p := range t.Passed[len(t.Passed)-len(steps):] {
			report(StepResult{Step: p.Step, OK: true, Elapsed: p.Elapsed})
		}
	}
	reportPassed(observe()) // a step may already hold at the start
	for !t.Done() {
		i, began := t.Current, d.Elapsed()
		var errs []string
		for _, line := range l.Steps[i].Solution {
			if failed := d.Exec(line); failed != "" {
				errs = append(errs, fmt.Sprintf("`%s` failed: %s", line, failed))
			}
			commands = append(commands, line)
			reportPassed(observe())
		}
		for t.Current == i && d.Elapsed()-began <= bound && d.Tick() {
			reportPassed(observe())
		}
		if t.Current == i {
			_, conds := l.Steps[i].Evaluate(d, commands[min(t.From, len(commands)):], "en")
			var failing []CondResult
			for _, c := range conds {
				if !c.OK {
					failing = append(failing, c)
				}
			}
			report(StepResult{Step: i, Elapsed: d.Elapsed(), Failing: failing, Errors: errs})
			return false
		}
	}
	return true
}

// SimDriver plays a lesson on a session started by StartSession.
type SimDriver struct {
	S     *engine.Session
	start time.Duration
}

// NewSimDriver starts the lesson on a fresh simulated cluster; the error names the part of the
// starting state that failed (the driver is usable all the same).
func NewSimDriver(l *Lesson, o engine.Options) (*SimDriver, error) {
	s, err := startSession(l, o)
	return &SimDriver{S: s, start: s.E.Elapsed()}, err
}

// Query runs a check's command (see SessionTarget).
func (d *SimDriver) Query(line string) (string, string, int) { return SessionTarget(d.S).Query(line) }

// Settled tells whether a Deployment settled (see SessionTarget).
func (d *SimDriver) Settled(name string) bool { return SessionTarget(d.S).Settled(name) }

// Exec records the command as a learner's input; a waiting command (rollout status) keeps
// waiting while the clock runs, as in the page.
func (d *SimDriver) Exec(line string) string {
	if x := d.S.Exec(line); !x.Running() && x.ExitCode() != 0 {
		return FirstError(x.Stderr(), x.ExitCode())
	}
	return ""
}

// FirstError is a failed command's first line on stderr, or its exit code when it printed none.
func FirstError(stderr string, exit int) string {
	if s := strings.TrimSpace(stderr); s != "" {
		return strings.SplitN(s, "\n", 2)[0]
	}
	return fmt.Sprintf("exit code %d", exit)
}

// Tick moves the clock to the next instant with work due and runs that work: checks see every
// state the page could show while playing.
func (d *SimDriver) Tick() bool {
	next := d.S.E.Cluster.Clock.Next()
	if next == nil {
		return false
	}
	if wait := next.At().Sub(d.S.E.Now()); wait > 0 {
		d.S.Advance(wait)
	} else {
		d.S.AdvanceBudget(0, math.MaxInt) // work due now (after a paused command)
	}
	return true
}

// Elapsed is the virtual time since the lesson's start state was applied.
func (d *SimDriver) Elapsed() time.Duration { return d.S.E.Elapsed() - d.start }
