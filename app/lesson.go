package app

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
	"rolloutlab/engine/lesson"
)

// Lessons (issue 9), the page half. The page is in one of three modes, chosen by the URL:
//
//	?lesson=ID[&step=N]   a lesson: its panel beside the terminal, its own session
//	?play=1, a share link, ?embed=1   free play: the playground as it always was
//	anything else         the lesson picker, with free play one click away
//
// A lesson's session is stored under its own key (lessonSessionKey), so the learner's
// free-play session (rolloutlab/session) is never touched by a lesson and comes back as it
// was. The lesson's checks are evaluated through lesson.Tracker after every input and every
// clock frame that changed something (the store's resourceVersion, the queued work or the
// command log): a step passes when its check holds at any moment after the step began.

const (
	modeFree   = "free"
	modePicker = "picker"
	modeLesson = "lesson"

	storeLessonRun = "rolloutlab/lesson-run" // the lesson in progress: tracker state, step shown
	// lessonSessionPrefix + id holds a lesson's session (the same savedSession as free play).
	lessonSessionPrefix = "rolloutlab/lesson-session/"
	lessonEditorPrefix  = "rolloutlab/lesson-editor/"
	// fastForwardLimit bounds the simulated time ?step=N lets pass after each earlier step's
	// solution for its check to hold (a rollout of a few pods settles in seconds).
	fastForwardLimit = 5 * time.Minute
)

// lessonState is everything lessons add to the playground.
type lessonState struct {
	mode string
	// sessOf says whose session p.sess is: modeFree, "lesson:"+id, or "" before either was
	// put in place (nothing is saved then).
	sessOf string

	catalog    []*lesson.Lesson // shipped, then loaded from files or links
	catalogErr string
	custom     map[string]bool // ids loaded from a file or a link (not shipped)

	run *lessonRun

	progress lessonProgress
	// loadErr is the error of the last lesson file that could not be loaded.
	loadErr string
	// freeStored: a free-play session is stored (the picker offers to continue it).
	freeStored bool

	submit  submitState
	builder *lessonBuilder // the lesson builder, open (lessonbuilder.go)
}

// lessonRun is the lesson being followed.
type lessonRun struct {
	L       *lesson.Lesson
	tracker *lesson.Tracker
	// shown is the step on screen; it can be behind the tracker (the learner has not clicked
	// Next step yet) but never ahead of it.
	shown int
	// startInputs counts the session's inputs that set up the starting state: the learner's
	// commands are the exec lines after them.
	startInputs int
	ok          bool
	conds       []lesson.CondResult
	hints       int  // hints shown for the step on screen
	askSolution bool // the confirm before Show solution
	solution    bool
	finished    bool // the finish screen
	announce    string
	lastSeen    [4]int64  // resourceVersion, queued work, commands, shown step: when any changes, the checks run
	opened      time.Time // wall time the run was opened in this page (the submission's time spent)
	unsaved     bool      // a step passed since the progress was stored
}

func (r *lessonRun) step() *lesson.Step { return stepOf(r.L, r.shown) }

// stepOf is step i of l, the last one past the end.
func stepOf(l *lesson.Lesson, i int) *lesson.Step { return &l.Steps[min(i, len(l.Steps)-1)] }

// savedRun is storeLessonRun's value.
type savedRun struct {
	V           int           `json:"v"`
	ID          string        `json:"id"`
	Shown       int           `json:"shown"`
	StartInputs int           `json:"start"`
	Passed      []lesson.Pass `json:"passed,omitempty"`
	Finished    bool          `json:"finished,omitempty"`
}

func lessonSessionKey(id string) string { return lessonSessionPrefix + id }

// sessionKey and editorKey are where the session in place and the editor's text are saved.
func (m *model) sessionKey() string {
	if id, ok := strings.CutPrefix(m.les.sessOf, "lesson:"); ok {
		return lessonSessionKey(id)
	}
	if m.les.sessOf == modeFree {
		return storeSession
	}
	return ""
}

func (m *model) editorKey() string {
	if id, ok := strings.CutPrefix(m.les.sessOf, "lesson:"); ok {
		return lessonEditorPrefix + id
	}
	return storeEditor
}

// loadCatalog reads the shipped lessons once, then the lesson loaded from a file, if any.
func (p *playground) loadCatalog(ctx app.Context) {
	if p.les.catalog != nil || p.les.catalogErr != "" {
		return
	}
	ls, err := lesson.Shipped()
	if err != nil {
		p.les.catalogErr = err.Error()
	}
	p.les.catalog = append([]*lesson.Lesson(nil), ls...) // Shipped's slice is shared: files are added to a copy
	p.les.custom = map[string]bool{}
	var files []storedLessonFile
	if storageGet(ctx, storeLessonFiles, &files) {
		for _, f := range files {
			if l, _, err := lesson.Parse(f.Name, []byte(f.Data)); err == nil {
				p.addLesson(l)
			}
		}
	}
}

// addLesson puts a lesson from a file or a link in the catalog, replacing one with its id.
func (m *model) addLesson(l *lesson.Lesson) {
	for i, c := range m.les.catalog {
		if c.ID == l.ID {
			m.les.catalog[i] = l
			m.les.custom[l.ID] = true
			return
		}
	}
	m.les.catalog = append(m.les.catalog, l)
	m.les.custom[l.ID] = true
}

func (m *model) findLesson(id string) *lesson.Lesson {
	for _, l := range m.les.catalog {
		if l.ID == id {
			return l
		}
	}
	return nil
}

// route puts the page in the mode the URL asks for (see the top of this file). It runs on
// mount, before the stored session is restored, and on every navigation.
func (p *playground) route(ctx app.Context, shareLink bool) {
	p.loadCatalog(ctx)
	switch {
	case p.lesson != "":
		if l := p.findLesson(p.lesson); l != nil {
			p.openLesson(ctx, l)
			return
		}
		p.banner = trf(p.lang, "lesson.unknown", p.lesson)
		if p.embed {
			p.enterFree(ctx)
		} else {
			p.showPicker(ctx)
		}
	case p.play || p.embed || shareLink:
		p.enterFree(ctx)
	default:
		p.showPicker(ctx)
	}
}

// freePlayURL reports that the URL opens free play: no lesson, and ?play, ?embed or a share
// link. The stored free-play session is restored only then (storage.go).
func freePlayURL(u *url.URL) bool {
	if u == nil {
		return false
	}
	q := u.Query()
	return q.Get("lesson") == "" && (q.Has("play") || q.Get("embed") == "1" || q.Get("embed") == "true" ||
		strings.HasPrefix(u.Fragment, shareFragmentPrefix))
}

func (p *playground) showPicker(ctx app.Context) {
	p.les.mode = modePicker
	_, p.les.freeStored = storageRaw(ctx, storeSession)
	if p.les.sessOf == modeFree && p.sess != nil && p.sess.Len() > 0 {
		p.les.freeStored = true
	}
	p.les.progress = readProgress(ctx)
}

// enterFree shows free play with the learner's own session: the one stored, unless it is in
// place already.
func (p *playground) enterFree(ctx app.Context) {
	p.les.mode = modeFree
	p.les.run = nil
	if p.les.sessOf == modeFree {
		return
	}
	p.les.sessOf = modeFree
	p.switchSession(ctx)
	var ed savedEditor
	text := startYAML
	if storageGet(ctx, storeEditor, &ed) && ed.V == storeVersion {
		text = ed.Text
	}
	p.setEditorDoc(text)
	p.restoreStoredSession(ctx)
}

// switchSession leaves the session in place (it is saved already, under its own key) for a
// fresh one, which the caller then fills.
func (p *playground) switchSession(ctx app.Context) {
	p.dropJob()
	p.podSeq, p.nextSeq = map[string]int{}, 0
	p.clearSession()
	p.termSeq, p.history = 0, nil
}

func (m *model) setEditorDoc(text string) {
	m.editorText, m.editorDoc = text, text
	m.editorRev++
}

// openLesson shows lesson l: the run in place when it is this lesson, else the stored run and
// session of l, else a fresh start from l's starting state (fast-forwarded to ?step=N).
func (p *playground) openLesson(ctx app.Context, l *lesson.Lesson) {
	p.les.mode = modeLesson
	want := p.stepParam(l)
	if r := p.les.run; r != nil && r.L == l && p.les.sessOf == "lesson:"+l.ID {
		if want >= 0 && want <= r.tracker.Current {
			r.show(want)
		}
		return
	}
	p.les.sessOf = "lesson:" + l.ID
	p.switchSession(ctx)
	run := &lessonRun{L: l, tracker: lesson.NewTracker(l), opened: time.Now()}
	p.les.run = run
	var saved savedRun
	raw, ok := storageRaw(ctx, lessonSessionKey(l.ID))
	if ok && storageGet(ctx, storeLessonRun, &saved) && saved.V == storeVersion && saved.ID == l.ID && len(saved.Passed) <= len(l.Steps) {
		if s, err := readSaved(raw); err == nil && p.restoreSaved(ctx, s) == nil {
			run.startInputs = saved.StartInputs
			run.tracker.Passed = saved.Passed
			run.tracker.Current = len(saved.Passed)
			if n := len(saved.Passed); n > 0 {
				run.tracker.From = saved.Passed[n-1].Commands
			}
			run.finished = saved.Finished
			run.show(min(saved.Shown, run.tracker.Current))
			if want >= 0 && want <= run.tracker.Current {
				run.show(want)
			}
			var ed savedEditor
			if storageGet(ctx, lessonEditorPrefix+l.ID, &ed) && ed.V == storeVersion {
				p.setEditorDoc(ed.Text)
			}
			return
		}
	}
	p.startLesson(ctx, l, want)
}

// startLesson starts l afresh: lesson.StartSession applies its starting state as recorded
// inputs; the editor shows its first file. With ?step=N the solutions of the steps before N
// run first, each followed by the time its check needs, so step N starts from the state it
// expects.
func (p *playground) startLesson(ctx app.Context, l *lesson.Lesson, step int) {
	run := p.les.run
	p.sess = lesson.StartSession(l, engine.Options{Seed: 1})
	p.sess.Paused = !p.playing
	run.startInputs = p.sess.Len()
	text := ""
	if len(l.Start.Files) > 0 {
		text = l.Start.Files[0].Content
	}
	p.setEditorDoc(text)
	p.refreshView()
	for run.tracker.Current < step {
		cur := run.tracker.Current
		for _, line := range l.Steps[cur].Solution {
			p.runLine(ctx, line)
		}
		for waited := time.Duration(0); run.tracker.Current == cur && waited < fastForwardLimit; waited += time.Second {
			p.observeLesson(ctx)
			if run.tracker.Current == cur {
				p.sess.Advance(time.Second)
			}
		}
		if run.tracker.Current == cur {
			break // the solution does not reach its check: the learner starts at this step
		}
	}
	run.show(min(step, run.tracker.Current))
	p.afterChange(ctx)
	p.saveEditor(ctx)
}

// stepParam is ?step=N as a 0-based index into l's steps, or -1.
func (m *model) stepParam(l *lesson.Lesson) int {
	n, err := strconv.Atoi(m.step)
	if err != nil || n < 1 || n > len(l.Steps) {
		return -1
	}
	return n - 1
}

func (r *lessonRun) show(i int) {
	if i < 0 || i >= len(r.L.Steps) {
		return
	}
	if i != r.shown {
		r.hints, r.askSolution, r.solution = 0, false, false
	}
	r.shown = i
	r.finished = false
}

// observeLesson runs the checks (trackLesson) and stores the progress of a step that passed.
// While a job runs (a restore, a long command) the session is not the learner's yet, or is
// mid-command: the checks wait for it.
func (p *playground) observeLesson(ctx app.Context) {
	if p.restoring == nil {
		p.trackLesson()
	}
	if r := p.les.run; r != nil && r.unsaved {
		r.unsaved = false
		if pr, ok := r.progress(time.Now()); ok {
			p.mergeProgress(ctx, pr)
		}
		p.saveRun(ctx)
	}
}

// trackLesson runs the checks when something they can see changed: the tracker first (it may
// pass several steps), then the step on screen for its live indicator. The playing clock calls
// it after every instant of work (clock.go), so a state that holds for a moment only (the
// downtime of a Recreate update) passes, as the grader, which replays every instant, finds.
func (m *model) trackLesson() {
	r := m.les.run
	if r == nil || m.sess == nil || m.les.sessOf != "lesson:"+r.L.ID {
		return
	}
	cmds := m.learnerCommands()
	seen := [4]int64{m.sess.Version(), int64(m.sess.Pending()), int64(len(cmds)), int64(r.shown)}
	if seen == r.lastSeen && r.conds != nil {
		return
	}
	r.lastSeen = seen
	target := lesson.SessionTarget(m.sess)
	elapsed := m.sess.Elapsed()
	passed := r.tracker.Observe(target, cmds, elapsed)
	if r.shown < len(r.tracker.Passed) {
		r.ok = true
	} else {
		r.ok, r.conds = r.step().Evaluate(target, r.tracker.Window(cmds, elapsed), m.lang)
	}
	if len(passed) > 0 {
		names := make([]string, 0, len(passed))
		for _, i := range passed {
			names = append(names, r.L.Steps[i].Title.In(m.lang))
		}
		r.announce = trf(m.lang, "lesson.passed", strings.Join(names, ", "))
		for _, i := range passed {
			m.lessonStepPassed(r.L.ID, i+1) // to a host page (embed.go)
		}
		if r.tracker.Done() {
			r.announce += " " + tr(m.lang, "lesson.allPassed")
			m.lessonCompleted(r.L.ID)
		}
		r.unsaved = true
	}
}

func (p *playground) saveRun(ctx app.Context) {
	r := p.les.run
	if r == nil || !p.mounted {
		return
	}
	storageSet(ctx, storeLessonRun, savedRun{V: storeVersion, ID: r.L.ID, Shown: r.shown, StartInputs: r.startInputs,
		Passed: r.tracker.Passed, Finished: r.finished})
}

// Lesson actions.
const (
	actLessonPaste    action[string] = "rl/lesson/paste"    // value: a command line
	actLessonHint                    = "rl/lesson/hint"     //
	actLessonSolution action[answer] = "rl/lesson/solution" // ask, then yes shows and no cancels
	actLessonNext                    = "rl/lesson/next"     //
	actLessonRestart                 = "rl/lesson/restart"  //
)

func (p *playground) registerLessonActions(on func(string, func(app.Context, app.Action))) {
	handle(on, actLessonPaste, func(ctx app.Context, line string) { pasteIntoPrompt(line) })
	on(actLessonHint, func(ctx app.Context, a app.Action) { p.lessonHint() })
	handle(on, actLessonSolution, func(ctx app.Context, a answer) { p.lessonSolution(a) })
	on(actLessonNext, func(ctx app.Context, a app.Action) {
		if !p.lessonNext() {
			return
		}
		p.stepShown(ctx)
		// The new step's heading takes the focus, so a screen reader reads it next.
		ctx.Defer(func(app.Context) {
			if h := app.Window().GetElementByID("lesson-h"); h.Truthy() {
				h.Call("focus")
			}
		})
	})
	handle(on, actLessonNav, p.navigate)
	on(actLessonRestart, func(ctx app.Context, a app.Action) {
		if r := p.les.run; r != nil {
			p.les.run = &lessonRun{L: r.L, tracker: lesson.NewTracker(r.L), opened: time.Now()}
			p.switchSession(ctx)
			p.startLesson(ctx, r.L, 0)
			p.saveRun(ctx)
		}
	})
	p.registerLessonFileActions(on)
	p.registerBuilderActions(on)
}

// stepShown follows a change of the step on screen (Next step, or a host's step message): the
// URL's ?step, the checks of the new step, the stored run.
func (p *playground) stepShown(ctx app.Context) {
	if r := p.les.run; !r.finished {
		setQueryParam("step", strconv.Itoa(r.shown+1))
	}
	p.observeLesson(ctx)
	p.saveRun(ctx)
}

// pasteIntoPrompt puts a line at the kubectl prompt, as if typed, and focuses it.
func pasteIntoPrompt(line string) {
	in := app.Window().GetElementByID("term-input")
	if !in.Truthy() {
		return
	}
	in.Set("value", line)
	in.Call("dispatchEvent", app.Window().Get("Event").New("input", map[string]any{"bubbles": true}))
	in.Call("focus")
}

// lessonPanel is the lesson panel, drawn from its props (a copy of the run, lessonProps): the
// step (title, text, run buttons), the live check, the hints and the solution, then the
// explanation and Next step once it passes; or the finish screen.
type lessonPanel struct {
	app.Compo

	Lang string
	Run  lessonSnap
}

func (c *lessonPanel) Render() (ui app.UI) {
	defer recoverRender(&ui, "lesson")
	r, lang := &c.Run, c.Lang
	head := app.P().Class("lesson-meta").Body(
		navLink(pickerHref(lang)).Text(tr(lang, "lesson.all")),
		app.Text(" · "+r.Lesson.Title.In(lang)+" · "),
		app.Text(trf(lang, "lesson.stepOf", r.Shown+1, len(r.Lesson.Steps))),
	)
	live := app.Div().Class("sr-only").Aria("live", "polite").Text(r.Announce)
	if r.Finished {
		return app.Div().Class("area-lesson").Body(app.Section().Class("panel lesson").Role("region").Aria("label", tr(lang, "lesson.region")).Body(
			head,
			app.H2().ID("lesson-h").TabIndex(-1).Text(tr(lang, "lesson.finished")),
			renderMarkdown(r.Lesson.Finish.In(lang)),
			c.renderStats(),
			&submitForm{Lang: lang, Learner: r.Learner, Done: r.Submitted},
			app.Div().Class("lesson-actions").Body(
				navLink(pickerHref(lang)).Class("btn").Text(tr(lang, "lesson.back")),
				app.Button().Class("btn ghost").Text(tr(lang, "lesson.restart")).
					OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actLessonRestart) }),
			),
			live,
		))
	}
	st := r.step()
	return app.Div().Class("area-lesson").Body(app.Section().Class("panel lesson").Role("region").Aria("label", tr(lang, "lesson.region")).Body(
		head,
		app.H2().ID("lesson-h").TabIndex(-1).Text(st.Title.In(lang)),
		renderMarkdown(st.Text.In(lang)),
		renderRunButtons(lang, st.Run),
		c.renderCheck(),
		when(r.OK, func() app.UI {
			return app.Div().Class("lesson-explain").Body(
				when(st.Explain.In(lang) != "", func() app.UI { return renderMarkdown(st.Explain.In(lang)) }),
				app.Button().Class("btn").Text(tr(lang, "lesson.next")).
					OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actLessonNext) }),
			)
		}),
		c.renderHelp(),
		live,
	))
}

// renderRunButtons offers each command twice: pasted at the prompt (to read, change, then
// run) or run at once.
func renderRunButtons(lang string, lines []string) app.UI {
	if len(lines) == 0 {
		return nil
	}
	return app.Ul().Class("lesson-run").Body(app.Range(lines).Slice(func(i int) app.UI {
		line := lines[i]
		return app.Li().Body(
			app.Code().Text(line),
			app.Button().Class("btn ghost small").Text(tr(lang, "lesson.paste")).
				Aria("label", trf(lang, "lesson.paste.named", line)).
				OnClick(func(ctx app.Context, e app.Event) { actLessonPaste.post(ctx, line) }, line),
			app.Button().Class("btn small").Text(tr(lang, "lesson.run")).
				Aria("label", trf(lang, "lesson.run.named", line)).
				OnClick(func(ctx app.Context, e app.Event) { actExec.post(ctx, line) }, line),
		)
	}))
}

// renderCheck is the live check: one line per condition, what is expected and what the
// cluster has now. It is a status without live announcements (it changes with every frame);
// passing is announced once, by the polite region.
func (c *lessonPanel) renderCheck() app.UI {
	r, lang := &c.Run, c.Lang
	summary := tr(lang, "lesson.check.passed")
	if r.Conds == nil && !r.OK {
		summary = tr(lang, "lesson.check.waiting") // the session is being restored
	} else if !r.OK {
		missing := 0
		for _, c := range r.Conds {
			if !c.OK {
				missing++
			}
		}
		summary = trf(lang, "lesson.check.missing", missing, len(r.Conds))
	}
	return app.Div().Class("lesson-check").DataSet("ok", fmt.Sprint(r.OK)).Role("status").Aria("live", "off").
		Aria("label", tr(lang, "lesson.check")).Body(
		app.P().Class("lesson-check-sum").Text(summary),
		when(!r.OK, func() app.UI {
			return app.Ul().Body(app.Range(r.Conds).Slice(func(i int) app.UI {
				c := r.Conds[i]
				mark := "✗"
				if c.OK {
					mark = "✓"
				}
				return app.Li().DataSet("ok", fmt.Sprint(c.OK)).Body(
					app.Span().Class("mark").Aria("hidden", "true").Text(mark+" "),
					app.Text(c.Want+", "+c.Now),
				)
			}))
		}),
	)
}

// renderHelp is Hint (one more at a time) and Show solution (after a confirm).
func (c *lessonPanel) renderHelp() app.UI {
	r, lang := &c.Run, c.Lang
	st := r.step()
	var hints []app.UI
	for i := 0; i < r.Hints && i < len(st.Hints); i++ {
		hints = append(hints, app.Li().Body(renderMarkdown(st.Hints[i].In(lang))))
	}
	return app.Div().Class("lesson-help").Body(
		when(len(hints) > 0, func() app.UI { return app.Ol().Class("lesson-hints").Body(hints...) }),
		app.Div().Class("lesson-actions").Body(
			when(r.Hints < len(st.Hints), func() app.UI {
				return app.Button().Class("btn ghost").Text(tr(lang, "lesson.hint")).
					OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actLessonHint) })
			}),
			when(len(st.Solution) > 0 && !r.Solution && !r.AskSolution, func() app.UI {
				return app.Button().Class("btn ghost").Text(tr(lang, "lesson.solution")).
					OnClick(func(ctx app.Context, e app.Event) { actLessonSolution.post(ctx, ask) })
			}),
			app.Button().Class("btn ghost").Text(tr(lang, "lesson.restart")).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actLessonRestart) }),
		),
		when(r.AskSolution, func() app.UI {
			return app.Div().Class("lesson-confirm").Role("alertdialog").Aria("label", tr(lang, "lesson.solution")).Body(
				app.P().Text(tr(lang, "lesson.solution.confirm")),
				app.Button().Class("btn small").Text(tr(lang, "lesson.solution.yes")).
					OnClick(func(ctx app.Context, e app.Event) { actLessonSolution.post(ctx, yes) }),
				app.Button().Class("btn ghost small").Text(tr(lang, "lesson.solution.no")).
					OnClick(func(ctx app.Context, e app.Event) { actLessonSolution.post(ctx, no) }),
			)
		}),
		when(r.Solution, func() app.UI {
			return app.Div().Class("lesson-solution").Body(
				app.P().Text(tr(lang, "lesson.solution.title")),
				renderRunButtons(lang, st.Solution),
			)
		}),
	)
}

// renderStats sums the run up for the finish screen.
func (c *lessonPanel) renderStats() app.UI {
	r := &c.Run
	if len(r.Passed) == 0 {
		return nil
	}
	last := r.Passed[len(r.Passed)-1]
	return app.P().Class("lesson-stats").Text(trf(c.Lang, "lesson.stats", len(r.Passed), len(r.Lesson.Steps),
		formatSeconds(last.Elapsed), last.Commands))
}

// pickerHref is the picker's URL: this page without lesson, step or play.
func pickerHref(lang string) string {
	if lang == langZH {
		return "?lang=zh"
	}
	return "?lang=en"
}

// editorFileName is the working-folder file the editor saves to: a lesson's first file (its
// commands name it), else nginx-deployment.yaml.
func (m *model) editorFileName() string {
	if r := m.les.run; r != nil && m.les.mode == modeLesson && len(r.L.Start.Files) > 0 {
		return r.L.Start.Files[0].Name
	}
	return editorFile
}
