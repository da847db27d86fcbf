package lesson

import "time"

// Tracker follows a learner through a lesson; the page and the grader both use it, so both
// reach the same verdict. A step's window starts when the previous step passed (or when the
// lesson started), not when the learner clicks "Next": so the grader, which replays only the
// session's inputs, sees the same windows. Observe is called after every command and every
// clock step or instant of work; it may pass several steps in one call.
//
// Steps are numbered from 0 here (Lesson.Steps[i]); people see them from 1.
type Tracker struct {
	Lesson *Lesson
	// Current is the step being worked on (len(Lesson.Steps) once all passed).
	Current int
	// From is how many learner commands there were when the current step began: its `ran`
	// conditions look at the commands after these.
	From   int
	Passed []Pass
}

// Pass records a passed step: when (virtual time since the lesson started) and after how
// many learner commands.
type Pass struct {
	Step     int
	Elapsed  time.Duration
	Commands int
}

// NewTracker starts at the first step.
func NewTracker(l *Lesson) *Tracker { return &Tracker{Lesson: l} }

// Observe evaluates the current step's check on target, given all the learner's command lines
// so far and the virtual time since the lesson started, and moves past every step that holds;
// it returns the steps passed by this call.
func (t *Tracker) Observe(target Target, commands []string, elapsed time.Duration) (passed []int) {
	for !t.Done() {
		from := min(t.From, len(commands))
		if ok, _ := t.Lesson.Steps[t.Current].Evaluate(target, commands[from:], "en"); !ok {
			break
		}
		t.Passed = append(t.Passed, Pass{Step: t.Current, Elapsed: elapsed, Commands: len(commands)})
		passed = append(passed, t.Current)
		t.Current++
		t.From = len(commands)
	}
	return passed
}

// Done reports that every step passed.
func (t *Tracker) Done() bool { return t.Current >= len(t.Lesson.Steps) }
