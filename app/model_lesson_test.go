package app

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine/lesson"
)

// twoSteps is a lesson of two steps, the first with two hints and a solution.
func twoSteps() *lesson.Lesson {
	txt := func(s string) lesson.Text { return lesson.Text{EN: s} }
	return &lesson.Lesson{ID: "two", Title: txt("Two steps"), Finish: txt("All done"), Steps: []lesson.Step{
		{Title: txt("First"), Hints: []lesson.Text{txt("hint one"), txt("hint two")}, Solution: []string{"kubectl get pods"}},
		{Title: txt("Second")},
	}}
}

func modelWithRun(l *lesson.Lesson) (*model, *lessonRun) {
	m := newModel()
	m.les.run = &lessonRun{L: l, tracker: lesson.NewTracker(l)}
	return m, m.les.run
}

// A step's help: Hint shows one more hint at a time and no more than the step has; Show
// solution asks first, yes shows it, no cancels; the next step starts with none of it shown.
func TestModelLessonHelp(t *testing.T) {
	m, r := modelWithRun(twoSteps())
	for range 3 {
		m.lessonHint()
	}
	if r.hints != 2 {
		t.Errorf("hints %d after three clicks, want the step's 2", r.hints)
	}
	for _, c := range []struct {
		a             answer
		asked, solved bool
	}{{ask, true, false}, {no, false, false}, {ask, true, false}, {yes, false, true}} {
		m.lessonSolution(c.a)
		if r.askSolution != c.asked || r.solution != c.solved {
			t.Errorf("after %v: asking %v, shown %v; want %v, %v", c.a, r.askSolution, r.solution, c.asked, c.solved)
		}
	}
	r.tracker.Current = 1
	if !m.lessonNext() || r.shown != 1 || r.hints != 0 || r.solution || r.askSolution {
		t.Errorf("the next step: shown %d, hints %d, solution %v/%v", r.shown, r.hints, r.solution, r.askSolution)
	}
}

// Next step moves only past a step that passed (the tracker is ahead of the step on screen),
// and after the last step to the finish screen; it clears the "passed" announcement.
func TestModelLessonNext(t *testing.T) {
	m, r := modelWithRun(twoSteps())
	r.announce = "Passed: First"
	if m.lessonNext() || r.shown != 0 {
		t.Fatalf("moved past a step that has not passed: shown %d", r.shown)
	}
	r.tracker.Current = 2 // both passed
	for i, want := range []struct {
		shown    int
		finished bool
	}{{1, false}, {1, true}} {
		if !m.lessonNext() || r.shown != want.shown || r.finished != want.finished || r.announce != "" {
			t.Errorf("Next #%d: shown %d finished %v announce %q, want %d %v", i+1, r.shown, r.finished, r.announce, want.shown, want.finished)
		}
	}
	if (&model{}).lessonNext() {
		t.Error("Next without a lesson moved")
	}
}

// The panel's props are a copy: changing the run afterwards (as the clock's checks do, in
// place) leaves a snapshot taken before unchanged, so go-app's DeepEqual sees the difference.
func TestModelLessonPropsAreACopy(t *testing.T) {
	m, r := modelWithRun(twoSteps())
	r.conds = []lesson.CondResult{{Want: "3 pods", Now: "1 pod"}}
	r.tracker.Passed = []lesson.Pass{{Step: 0, Elapsed: time.Second, Commands: 1}}
	m.les.submit.learner = "Ada"
	before := m.lessonProps()
	r.conds[0].OK = true
	r.tracker.Passed[0].Commands = 2
	r.hints++
	after := m.lessonProps()
	if before.Conds[0].OK || before.Passed[0].Commands != 1 || before.Hints != 0 || before.Learner != "Ada" {
		t.Errorf("the snapshot changed with the run: %+v", before)
	}
	if !after.Conds[0].OK || after.Passed[0].Commands != 2 || after.Hints != 1 {
		t.Errorf("a new snapshot lacks the change: %+v", after)
	}
}

// The lesson panel draws from its props: the step with its hints shown so far and the check
// (what is expected and what the cluster has), the confirm before the solution, and the finish
// screen with its stats and the submit form.
func TestLessonPanelRendersItsProps(t *testing.T) {
	l := twoSteps()
	conds := []lesson.CondResult{{Want: "3 pods ready", Now: "1 ready", OK: false}, {Want: "image nginx:1.9.1", Now: "nginx:1.9.1", OK: true}}
	for _, c := range []struct {
		name      string
		run       lessonSnap
		want, not []string
	}{
		{"step", lessonSnap{Lesson: l, Conds: conds, Hints: 1},
			[]string{"Step 1 of 2", ">First<", "hint one", "1 of 2 conditions", "3 pods ready, 1 ready", ">Hint<", ">Show solution<"},
			[]string{"hint two", "Next step", "lesson-confirm"}},
		{"restoring", lessonSnap{Lesson: l}, []string{tr(langEN, "lesson.check.waiting")}, []string{"conditions"}},
		{"asking", lessonSnap{Lesson: l, Conds: conds, AskSolution: true}, []string{"lesson-confirm"}, []string{">Show solution<"}},
		{"solved", lessonSnap{Lesson: l, Conds: conds, Solution: true}, []string{"lesson-solution", "Run: kubectl get pods"}, []string{">Show solution<"}},
		{"passed", lessonSnap{Lesson: l, Shown: 1, OK: true, Announce: "Passed: First"}, []string{"Step 2 of 2", ">Second<", "Next step", "Passed: First"}, []string{">Hint<"}},
		{"finished", lessonSnap{Lesson: l, Shown: 1, Finished: true, Passed: []lesson.Pass{{Step: 0, Elapsed: 90 * time.Second, Commands: 3}, {Step: 1, Elapsed: 2 * time.Minute, Commands: 4}},
			Learner: "Ada", Submitted: "rolloutlab-two-Ada.json"},
			[]string{"All done", "lesson-stats", `value="Ada"`, "rolloutlab-two-Ada.json", "Back to the lessons"}, []string{"Next step", "lesson-check"}},
	} {
		html := app.HTMLString(&lessonPanel{Lang: langEN, Run: c.run})
		for _, w := range c.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: no %q in %s", c.name, w, html)
			}
		}
		for _, n := range c.not {
			if strings.Contains(html, n) {
				t.Errorf("%s: %q in %s", c.name, n, html)
			}
		}
	}
}

// The submit form draws from its props: the learner's name, Export disabled until there is
// one, and the file the last submission went to.
func TestSubmitFormRendersItsProps(t *testing.T) {
	empty := app.HTMLString(&submitForm{Lang: langEN})
	named := app.HTMLString(&submitForm{Lang: langEN, Learner: "Ada", Done: "x.json"})
	// go-app writes a true boolean attribute bare and a false one as ="false".
	if !strings.Contains(empty, "disabled") || strings.Contains(empty, `disabled="false"`) || strings.Contains(empty, "x.json") {
		t.Errorf("without a name: %s", empty)
	}
	if !strings.Contains(named, `disabled="false"`) || !strings.Contains(named, `value="Ada"`) || !strings.Contains(named, "x.json") {
		t.Errorf("named and submitted: %s", named)
	}
}

// Through the page: a hint asked for shows on the next render of the mounted panel (the panel
// gets a new copy of the run; a pointer to it would compare equal and keep the old markup).
func TestLessonPanelFollowsTheRun(t *testing.T) {
	p, d := mount(t, "/?lang=en&lesson=seed")
	st := p.les.run.step()
	if len(st.Hints) == 0 {
		t.Fatal("the seed lesson's first step has no hint")
	}
	hint := st.Hints[0].EN
	if html := render(p, d); strings.Contains(html, "lesson-hints") {
		t.Fatalf("a hint before asking: %s", html)
	}
	d.Context().NewAction(actLessonHint)
	d.Consume()
	if html := render(p, d); !strings.Contains(html, "lesson-hints") {
		t.Errorf("no hint %q after asking", hint)
	}
}

// The builder opens on a draft proposed from the session and closes; an edit changes the
// draft, clears the link made from the old one and checks it again (a step without a check is
// refused, as lesson.Parse refuses it). The edit writes new slices: a copy of the draft taken
// before (the panel's props) keeps the old text, so go-app sees the change.
func TestModelBuilderEdits(t *testing.T) {
	m := newModel()
	m.sess.WriteFile(editorFile, seedYAML)
	m.sess.Exec("kubectl apply -f " + editorFile)
	m.sess.Exec("kubectl get pods")
	m.openBuilder(true)
	b := m.les.builder
	if b == nil || len(b.draft.Steps) != 2 || b.err != "" {
		t.Fatalf("builder %+v", b)
	}
	b.link = "a link"
	before := b.draft
	m.editBuilder("steps.1.title.en", "List the pods")
	m.editBuilder("steps.1.check.0.ran", "")
	if b.draft.Steps[1].Title.EN != "List the pods" || b.link != "" {
		t.Errorf("after the edit: %+v, link %q", b.draft.Steps[1], b.link)
	}
	if before.Steps[1].Title.EN == "List the pods" || before.Steps[1].Check[0].Ran == "" {
		t.Errorf("the edit wrote into the earlier copy: %+v", before.Steps[1])
	}
	if !strings.Contains(b.err, "step 2") {
		t.Errorf("a step whose check is emptied is not refused: %q", b.err)
	}
	m.openBuilder(false)
	if m.les.builder != nil {
		t.Error("the builder stays open")
	}
}

// The builder panel draws from its props: a field per text in both languages, each step's
// command and its check, the error that keeps Export and Link disabled, and the link.
func TestBuilderPanelRendersItsProps(t *testing.T) {
	four := "4"
	d := lessonDraft{ID: "scale-up", Title: draftText{EN: "Scale up", ZH: "扩容"}, Steps: []draftStep{
		{Title: draftText{EN: "Scale"}, Solution: []string{"kubectl scale deployment web --replicas=4"},
			Check: []draftCond{{Ran: "kubectl scale"}, {Kubectl: "get deployment web -o jsonpath={.spec.replicas}", Equals: &four}}},
	}}
	ok := app.HTMLString(&builderPanel{Lang: langEN, Draft: d, Link: "https://x/?lesson=scale-up#lesson=abc"})
	for _, want := range []string{
		// go-app writes an element's attributes in no fixed order: each is looked for alone.
		`id="b-id"`, `value="scale-up"`, `for="b-title-zh"`, `value="扩容"`, "Title (Chinese)",
		"kubectl scale deployment web --replicas=4", `id="b-steps-0-check-0-ran"`, `id="b-steps-0-check-1-equals"`, `value="4"`,
		`id="b-steps-0-text-zh"`, `value="https://x/?lesson=scale-up#lesson=abc"`,
	} {
		if !strings.Contains(ok, want) {
			t.Errorf("no %q in %s", want, ok)
		}
	}
	if strings.Contains(ok, "lesson-error") || strings.Count(ok, `disabled="false"`) != 2 {
		t.Errorf("a valid draft: want no error and Export and Link enabled: %s", ok)
	}
	bad := app.HTMLString(&builderPanel{Lang: langEN, Draft: d, Err: "step 1: no check"})
	if !strings.Contains(bad, "step 1: no check") || strings.Contains(bad, `disabled="false"`) || strings.Contains(bad, "https://x/") {
		t.Errorf("an invalid draft: want its error and Export and Link disabled: %s", bad)
	}
}

// Where the session in place and the editor's text are saved: free play's keys, a lesson's
// own, and nowhere for the session before either is in place.
func TestModelStorageKeys(t *testing.T) {
	for _, c := range []struct{ sessOf, session, editor string }{
		{"", "", storeEditor},
		{modeFree, storeSession, storeEditor},
		{"lesson:seed", lessonSessionPrefix + "seed", lessonEditorPrefix + "seed"},
	} {
		m := newModel()
		m.les.sessOf = c.sessOf
		if s, e := m.sessionKey(), m.editorKey(); s != c.session || e != c.editor {
			t.Errorf("%q: keys %q, %q; want %q, %q", c.sessOf, s, e, c.session, c.editor)
		}
	}
}

// The submission is named after the lesson, the learner (as a file name) and the time it was
// made; there is none without a name. A run's progress is stored once a step passed.
func TestModelSubmissionAndProgress(t *testing.T) {
	m, r := modelWithRun(twoSteps())
	now := time.Date(2026, 12, 5, 23, 40, 0, 0, time.UTC)
	r.opened = now.Add(-time.Minute)
	m.les.submit.learner = "  "
	if name, data, err := m.submission(now); name != "" || data != nil || err != nil {
		t.Fatalf("no name: %q, %d bytes, %v", name, len(data), err)
	}
	m.les.submit.learner = " Ada Lovelace "
	name, data, err := m.submission(now)
	if err != nil || name != "rolloutlab-two-Ada-Lovelace-20261205-234000.json" || !strings.Contains(string(data), `"Ada Lovelace"`) {
		t.Fatalf("submission %q: %v\n%s", name, err, data)
	}
	if _, ok := r.progress(now); ok {
		t.Fatal("progress before any step passed")
	}
	r.tracker.Passed = []lesson.Pass{{Elapsed: 5 * time.Second, Commands: 2}}
	pr, ok := r.progress(now)
	if e := pr.Lessons["two"]; !ok || e.Steps != 2 || e.Passed != 1 || e.Done || e.Commands != 2 || e.Updated != "2026-12-05T23:40:00Z" {
		t.Fatalf("progress %+v", pr)
	}
}
