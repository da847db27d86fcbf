package app

import (
	"runtime"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// Actions the panels post; the playground handles them on the UI goroutine (ctx.Handle runs
// its handlers through Dispatch), each inside guard so that a panic becomes a banner.
const (
	actExec              action[string]        = "rl/exec"             // value: a command line
	actTermClear                               = "rl/term/clear"       // Ctrl+L
	actTermStop                                = "rl/term/stop"        // Ctrl+C: stop waiting commands
	actEditorText        action[string]        = "rl/editor/text"      // value: the editor's text, on every input
	actApply             action[string]        = "rl/editor/apply"     // value: the editor's text
	actPlay              action[bool]          = "rl/clock/play"       // value: bool
	actStep                                    = "rl/clock/step"       //
	actStepChange                              = "rl/clock/stepChange" //
	actSlow              action[bool]          = "rl/clock/slow"       // value: bool
	actSpeed             action[float64]       = "rl/clock/speed"      // value: float64
	actUndo                                    = "rl/clock/undo"       //
	actRedo                                    = "rl/clock/redo"       //
	actScrub             action[time.Duration] = "rl/clock/scrub"      // value: time.Duration
	actScrubEnd                                = "rl/clock/scrubEnd"   //
	actSelect            action[string]        = "rl/select"           // value: a tree item id ("" closes the details)
	actImage             action[imageChoice]   = "rl/fault/image"      // tags: image, mode
	actNode              action[nodeChoice]    = "rl/fault/node"       // tags: node, down
	actDismissBanner                           = "rl/banner/dismiss"   //
	actLang              action[string]        = "rl/lang"             // value: "en" or "zh"
	actTheme             action[string]        = "rl/theme"            // value: "", "light" or "dark"
	actShare                                   = "rl/share"            //
	actShareClose                              = "rl/share/close"      //
	actStartOver         action[answer]        = "rl/startOver"        //
	actAsideDismiss                            = "rl/aside/dismiss"    // the learner has seen the kept-aside session
	actRecentToggle                            = "rl/recent/toggle"    // open or close the recent sessions list
	actRecentOpen        action[int]           = "rl/recent/open"      // value: index in the list
	actRecentNoticeClose                       = "rl/recent/noticeClose"
)

func (p *playground) registerActions(ctx app.Context) {
	on := func(name string, fn func(ctx app.Context, a app.Action)) {
		ctx.Handle(name, func(ctx app.Context, a app.Action) {
			start := time.Now()
			if p.sess != nil && p.sess.Busy() && waitsForCommand[name] {
				// A typed command is mid-run on the session: what would change the session
				// (or save it half-run) waits for it, as typed lines do.
				p.whenIdle(ctx, func(ctx app.Context) { p.guard(ctx, name, func() { fn(ctx, a) }) })
				return
			}
			p.guard(ctx, name, func() { fn(ctx, a) })
			p.notePerf(ctx, name, start)
		})
	}
	handle(on, actExec, p.runLine)
	on(actTermClear, func(ctx app.Context, a app.Action) { p.clearTerminal(); p.save(ctx) })
	on(actTermStop, func(ctx app.Context, a app.Action) {
		p.interruptCommand(ctx)
		p.stopRunning("term.note.stopped")
		p.cancelEdit("term.note.stopped")
	})
	// The editor's text is kept for Apply, share links and reloads. The render that follows
	// every action handler cannot be skipped here (go-app marks the playground for update after
	// the handler returns, so ctx.PreventUpdate was a no-op); it is cheap, as no panel's props
	// depend on the live text and go-app skips children whose props are unchanged.
	handle(on, actEditorText, func(ctx app.Context, text string) { p.editorText = text; p.saveEditor(ctx) })
	handle(on, actApply, p.apply)
	handle(on, actPlay, p.setPlaying)
	// Stepping pauses a playing clock first.
	on(actStep, func(ctx app.Context, a app.Action) { p.pause(ctx); p.stepOnce(); p.afterChange(ctx) })
	on(actStepChange, func(ctx app.Context, a app.Action) { p.pause(ctx); p.stepToChange(); p.afterChange(ctx) })
	handle(on, actSlow, func(ctx app.Context, slow bool) { p.slowChanges = slow; p.savePrefs(ctx) })
	handle(on, actSpeed, func(ctx app.Context, f float64) {
		if p.setSpeed(f) {
			p.savePrefs(ctx)
		}
	})
	on(actUndo, func(ctx app.Context, a app.Action) { p.rewind(ctx, p.sess.CanUndo(), "term.note.undo", p.undo) })
	on(actRedo, func(ctx app.Context, a app.Action) { p.rewind(ctx, p.sess.CanRedo(), "term.note.redo", p.redo) })
	handle(on, actScrub, func(ctx app.Context, t time.Duration) { p.pause(ctx); p.scrubTo(t) })
	on(actScrubEnd, func(ctx app.Context, a app.Action) { p.save(ctx) })
	handle(on, actSelect, func(ctx app.Context, id string) { p.selectItem(id) })
	handle(on, actImage, func(ctx app.Context, c imageChoice) {
		if p.setImageMode(c.Image, c.Mode) {
			p.afterChange(ctx)
		}
	})
	handle(on, actNode, func(ctx app.Context, c nodeChoice) {
		if err := p.setNodeDown(c.Node, c.Down); err != nil {
			p.banner = err.Error()
			return
		}
		p.afterChange(ctx)
	})
	on(actDismissBanner, func(ctx app.Context, a app.Action) { p.banner = "" })
	handle(on, actError, func(ctx app.Context, msg string) { p.banner = trf(p.lang, "error.ui", msg) })
	handle(on, actLang, func(ctx app.Context, l string) { p.changePref(ctx, "lang", l) })
	handle(on, actTheme, func(ctx app.Context, t string) { p.changePref(ctx, "theme", t) })
	on(actShare, func(ctx app.Context, a app.Action) { p.share(ctx) })
	on(actShareClose, func(ctx app.Context, a app.Action) { p.shareURL = "" })
	handle(on, actStartOver, func(ctx app.Context, a answer) {
		// The header's button asks first; the confirmation answers yes or no.
		switch a {
		case ask:
			p.confirmStartOver = true
		case yes:
			p.confirmStartOver = false
			p.remember(ctx, "recent.why.startOver")
			p.startOver(ctx)
			p.recentNotice = "recent.notice.startOver"
		default:
			p.confirmStartOver = false
		}
	})
	on(actRecentToggle, func(ctx app.Context, a app.Action) {
		p.recentOpen = !p.recentOpen
		p.recentList = readRecent(ctx)
	})
	handle(on, actRecentOpen, p.openRecent)
	handle(on, actEmbedTab, func(ctx app.Context, tab string) { p.setEmbedTab(tab) })
	on(actEmbedOpen, func(ctx app.Context, a app.Action) {
		app.Window().Call("open", p.fullPageLink(app.Window().Get("location").Get("href").String()), "_blank", "noopener")
	})
	on(actRecentNoticeClose, func(ctx app.Context, a app.Action) { p.recentNotice = "" })
	on(actAsideDismiss, func(ctx app.Context, a app.Action) {
		p.aside, p.saveBlocked = nil, false
		p.save(ctx)
	})
	handle(on, actEditSave, func(ctx app.Context, text string) {
		if p.saveEdit(text) {
			p.afterChange(ctx)
		}
	})
	on(actEditCancel, func(ctx app.Context, a app.Action) { p.cancelEdit("") })
	p.registerLessonActions(on)
}

// waitsForCommand are the actions that change the session or save it: while a typed command
// runs in slices, they wait for it to finish.
var waitsForCommand = map[string]bool{
	actStep: true, actStepChange: true, actUndo: true, actRedo: true, string(actScrub): true,
	actScrubEnd: true, string(actImage): true, string(actNode): true, actShare: true, string(actEditSave): true,
}

// runLine runs one terminal line: `clear` clears the screen, anything else goes to the session
// (kubectl and the tiny shell around it). The editor's text is written to its file first when
// the line names it, so `kubectl apply -f nginx-deployment.yaml` applies what the editor shows.
// While a job runs (a restore, or a long command before it), the line waits for it.
func (p *playground) runLine(ctx app.Context, line string) {
	line = strings.TrimSpace(line)
	p.pushHistory(line)
	switch line {
	case "":
		p.appendEntry(termEntry{Kind: entryCmd})
		return
	case "clear":
		p.clearTerminal()
		p.save(ctx)
		return
	}
	if job := p.restoring; job != nil {
		key := "term.note.queued"
		if _, live := job.w.(*liveCommand); live {
			key = "term.note.queuedLive"
		}
		job.queued = append(job.queued, func(ctx app.Context) { p.execLine(ctx, line) })
		p.appendEntry(termEntry{Kind: entryNote, NoteKey: key, NoteArg: line})
		return
	}
	p.execLine(ctx, line)
}

// execLine runs a command line on the session. Its work runs in slices (a job: liveCommand)
// with the page answering between them; a command done within the first slice, as nearly all
// are, has printed when execLine returns.
func (p *playground) execLine(ctx app.Context, line string) {
	if isEditLine(line) {
		p.beginEdit(line)
		return
	}
	if file := p.editorFileName(); strings.Contains(line, file) {
		p.sess.WriteFile(file, p.editorText)
	}
	if p.scrub != nil && p.sess.Position() < p.sess.Len() {
		// The command starts a new future from the past: the old one stays recoverable.
		p.remember(ctx, "recent.why.future")
		p.appendEntry(termEntry{Kind: entryNote, NoteKey: "term.note.futureKept"})
	}
	p.endScrub()
	p.sess.Paused = !p.playing
	p.sess.Start(line)
	c := &liveCommand{s: p.sess, line: line}
	c.id = p.appendEntry(termEntry{Kind: entryCmd, Line: line, Running: true})
	if liveWhole {
		for !c.done() {
			c.step()
		}
		p.commandFinished(ctx, c)
		return
	}
	p.restoring = p.newJob(c, p.sess, func(ctx app.Context) { p.commandFinished(ctx, c) }, nil)
	p.runSlice(ctx, firstSlice)
}

// liveWhole runs typed commands whole, on the UI goroutine: native tests check a command's
// output right after running it. The page runs them in slices.
var liveWhole = runtime.GOARCH != "wasm"

// firstSlice is the wall time a typed command runs before the page first answers input again:
// long enough for nearly every command to print at once, short enough for the page to answer
// within 100 ms.
var firstSlice = 50 * time.Millisecond

// liveCommand is a command typed at the prompt (or the editor's Apply, or an embed's run),
// recorded by Session.Start and run by ForwardBudget, as a replay runs one.
type liveCommand struct {
	s    *engine.Session
	line string
	id   int // its terminal entry
	x    *engine.Execution
	ran  int // units of work run so far
	fin  bool
}

// liveTasks bounds the units of work of one step of a typed command: a step is the smallest
// piece between which a slice may end, and a unit of a large scale's settling (a ReplicaSet
// sync creating 500 pods) is dear, in WebAssembly above all.
const liveTasks = 1

func (c *liveCommand) step() {
	x, ran, done := c.s.ForwardBudget(liveTasks, nil)
	c.ran += ran
	if done {
		c.x, c.fin = x, true
	}
}

func (c *liveCommand) done() bool { return c.fin }

func (c *liveCommand) notice(lang string) (string, int, int) {
	return trf(lang, "live.progress", c.line, c.ran), 0, 0
}

// commandFinished shows a command's output in its entry, as when it ran at once.
func (p *playground) commandFinished(ctx app.Context, c *liveCommand) {
	i := p.entryIndex(c.id)
	if i < 0 { // scrolled away meanwhile
		c.id = p.appendEntry(termEntry{Kind: entryCmd, Line: c.line})
		i = p.entryIndex(c.id)
	}
	e := p.term[i]
	e.Pos = p.sess.Position()
	e.fill(c.x)
	p.setEntry(i, e)
	if c.x.Running() {
		p.running[c.id] = c.x
	} else {
		p.commandDone(c.id)
	}
	if in := p.sess.Input(p.sess.Position() - 1); in.Read && !c.x.Running() && p.scrub == nil {
		// It changed nothing (the session's Read): the view stands, which matters when a
		// listing of 5,000 pods would else rebuild their view (a second in WebAssembly).
		p.observeLesson(ctx)
		p.save(ctx)
		return
	}
	p.afterChange(ctx)
}

// apply is the editor's Apply button: write the file, then run the command a learner would type.
func (p *playground) apply(ctx app.Context, text string) {
	p.editorText = text
	file := p.editorFileName()
	if p.restoring == nil { // else the line writes it once it runs (execLine)
		p.sess.WriteFile(file, text)
	}
	p.runLine(ctx, "kubectl apply -f "+file)
}

func (p *playground) setPlaying(ctx app.Context, on bool) {
	p.playing = on
	p.sess.Paused = !on
	if on {
		p.clearStep()
		p.startClock(ctx)
	} else {
		p.stopClock()
		p.refreshView() // ages and everything else exactly as of the paused instant
	}
	p.savePrefs(ctx)
}

// pause stops a playing clock before what would otherwise race it: a step, a rewind, the
// scrubber (the next frame would record a clock advance and drop the redo tail at once).
func (p *playground) pause(ctx app.Context) {
	if p.playing {
		p.setPlaying(ctx, false)
	}
}

// rewind undoes or redoes (move, when can) on a paused clock, then follows the rebuilt
// engine: waiting commands watched the old engine, so they stop; the terminal notes what moved
// (noteKey); the chart forgets what lies after the new present as it samples.
func (p *playground) rewind(ctx app.Context, can bool, noteKey string, move func() noteWhat) {
	if !can {
		return
	}
	p.pause(ctx)
	what := move()
	p.rewound(noteKey, what)
	p.afterChange(ctx)
}

// changePref sets the language or the theme (key, as in the URL) to v, when the page offers
// it, and mirrors it in the address bar, on <html> and in storage.
func (p *playground) changePref(ctx app.Context, key, v string) {
	ok := false
	switch key {
	case "lang":
		ok = p.setLang(v)
	case "theme":
		ok = p.setTheme(v)
	}
	if !ok {
		return
	}
	setQueryParam(key, v)
	p.syncDocument()
	p.savePrefs(ctx)
}

// setQueryParam keeps the address bar in step with a preference the learner changed, so a
// reload or a copied link keeps it.
func setQueryParam(k, v string) {
	loc := app.Window().Get("location")
	href := loc.Get("href").String()
	if href == "" {
		return
	}
	u, err := parseURL(href)
	if err != nil {
		return
	}
	q := u.Query()
	if v == "" {
		q.Del(k)
	} else {
		q.Set(k, v)
	}
	u.RawQuery = q.Encode()
	replaceURL(u.String())
}

// startOver forgets the cluster, the terminal and the chart (the editor keeps its text).
func (p *playground) startOver(ctx app.Context) {
	p.dropJob()
	p.clearSession()
	p.afterChange(ctx)
}

// stepSentences renders the notes of the last step in the current language.
func stepSentences(lang string, notes []clockNote) []string {
	out := make([]string, 0, len(notes))
	for _, n := range notes {
		out = append(out, engine.Explain(lang, n))
	}
	return out
}
