package app

import (
	"slices"

	"rolloutlab/engine/lesson"
)

// The lesson run's transitions that need no browser: the help a step offers and moving on.
// The playground's handlers call them and add what needs the page (the URL, storage, focus).

// lessonHint shows one more of the step's hints, while there are more.
func (m *model) lessonHint() {
	if r := m.les.run; r != nil && r.hints < len(r.step().Hints) {
		r.hints++
	}
}

// lessonSolution is Show solution's question: ask asks, yes shows it, anything else cancels.
func (m *model) lessonSolution(a answer) {
	r := m.les.run
	if r == nil {
		return
	}
	switch a {
	case ask:
		r.askSolution = true
	case yes:
		r.askSolution, r.solution = false, true
	default:
		r.askSolution = false
	}
}

// lessonNext moves on from the step on screen once it has passed: to the next step, or to the
// finish screen after the last. It reports whether it moved.
func (m *model) lessonNext() bool {
	r := m.les.run
	if r == nil || r.shown >= r.tracker.Current {
		return false
	}
	if r.shown+1 >= len(r.L.Steps) {
		r.finished = true
	} else {
		r.show(r.shown + 1)
	}
	r.announce = ""
	return true
}

// lessonSnap is what the lesson panel draws, copied out of the run: go-app re-renders a panel
// when its props differ by reflect.DeepEqual, and a pointer to the run, changed in place,
// never differs.
type lessonSnap struct {
	Lesson      *lesson.Lesson // never changed once parsed (a file loaded again replaces it)
	Shown       int
	Finished    bool
	OK          bool
	Conds       []lesson.CondResult // nil while the session is being restored
	Hints       int
	AskSolution bool
	Solution    bool
	Announce    string
	Passed      []lesson.Pass // the finish screen sums them up
	Learner     string        // the submit form's name field
	Submitted   string        // the file name of the last submission
}

// lessonProps copies the run for the panel (there is one).
func (m *model) lessonProps() lessonSnap {
	r := m.les.run
	return lessonSnap{Lesson: r.L, Shown: r.shown, Finished: r.finished, OK: r.ok, Conds: slices.Clone(r.conds),
		Hints: r.hints, AskSolution: r.askSolution, Solution: r.solution, Announce: r.announce,
		Passed: slices.Clone(r.tracker.Passed), Learner: m.les.submit.learner, Submitted: m.les.submit.done}
}

func (s *lessonSnap) step() *lesson.Step {
	return stepOf(s.Lesson, s.Shown)
}

// openBuilder opens the lesson builder on a draft proposed from the session (open), or closes
// it.
func (m *model) openBuilder(open bool) {
	if !open {
		m.les.builder = nil
		return
	}
	d, err := draftFromSession(m.sess)
	b := &lessonBuilder{draft: d}
	if err != nil {
		b.err = err.Error()
	} else {
		b.check()
	}
	m.les.builder = b
}

// editBuilder changes one field of the draft (setField's path): the link made before no longer
// carries it, and the draft is checked again.
func (m *model) editBuilder(path, value string) {
	if b := m.les.builder; b != nil {
		b.draft.setField(path, value)
		b.link = ""
		b.check()
	}
}
