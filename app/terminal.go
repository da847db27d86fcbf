package app

import (
	"regexp"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

const (
	entryCmd  = "cmd"  // a command line and what it printed
	entryNote = "note" // a line from the playground itself (undo, redo, stopped commands)

	maxEntries     = 300       // older entries scroll away
	maxEntryOutput = 256 << 10 // bytes kept of one command's output
	maxHistory     = 200
)

// termEntry is one block of the terminal. Notes are stored as keys so they follow the language.
type termEntry struct {
	ID      int    `json:"id"`
	Kind    string `json:"k"`
	Line    string `json:"l,omitempty"`
	Out     string `json:"o,omitempty"`
	Err     string `json:"e,omitempty"`
	Exit    int    `json:"x,omitempty"`
	Running bool   `json:"r,omitempty"`
	Stopped string `json:"s,omitempty"` // note key telling why a waiting command stopped
	Wait    string `json:"w,omitempty"` // note key shown while it runs (default term.running)
	NoteKey string `json:"n,omitempty"`
	NoteArg string `json:"a,omitempty"`
	// WhatKey and WhatArg are the note's argument as a message with its one argument (undo and
	// redo notes), so it is translated when drawn; NoteArg is a text used as it is.
	WhatKey string `json:"wk,omitempty"`
	WhatArg string `json:"wa,omitempty"`
	Pos     int    `json:"p,omitempty"` // session position when it was printed: after it, after an Undo, it lies in the future
}

// noteWhat is what an undo or redo note (or a timeline mark) names: a message key and its
// argument, or (Key "") a text such as a command line, in Arg.
type noteWhat struct {
	Key string
	Arg string
}

// text is what w says in lang.
func (w noteWhat) text(lang string) string {
	switch {
	case w.Key != "" && w.Arg != "":
		return trf(lang, w.Key, w.Arg)
	case w.Key != "":
		return tr(lang, w.Key)
	}
	return w.Arg
}

// noteText is the note's line in lang.
func noteText(lang string, e termEntry) string {
	arg := noteWhat{Key: e.WhatKey, Arg: e.WhatArg}.text(lang)
	if arg == "" {
		arg = e.NoteArg
	}
	if arg == "" {
		return tr(lang, e.NoteKey)
	}
	return trf(lang, e.NoteKey, arg)
}

// fill copies what an execution printed so far.
func (e *termEntry) fill(x *engine.Execution) {
	e.Out = clipOutput(x.Stdout())
	e.Err = clipOutput(x.Stderr())
	e.Running = x.Running()
	if !e.Running {
		e.Exit = x.ExitCode()
	}
}

// clipOutput keeps the end of a very long output.
func clipOutput(s string) string {
	if len(s) <= maxEntryOutput {
		return s
	}
	cut := s[len(s)-maxEntryOutput:]
	if i := strings.IndexByte(cut, '\n'); i >= 0 {
		cut = cut[i+1:]
	}
	return "…\n" + cut
}

// pollRunning lets waiting commands look at the cluster and copies their new output.
func (m *model) pollRunning() {
	if len(m.running) == 0 {
		return
	}
	now := m.sess.Now()
	for id, x := range m.running {
		x.Poll(now)
		i := m.entryIndex(id)
		if i < 0 {
			delete(m.running, id)
			continue
		}
		e := m.term[i]
		e.fill(x)
		m.setEntry(i, e)
		if !x.Running() {
			delete(m.running, id)
			m.commandDone(id)
		}
	}
}

// stopRunning ends every waiting command (Ctrl+C, or the engine was rebuilt under them); why
// is the note key the entries show.
func (m *model) stopRunning(why string) {
	if len(m.running) == 0 {
		return
	}
	for id := range m.running {
		if i := m.entryIndex(id); i >= 0 {
			e := m.term[i]
			e.Running, e.Stopped, e.Exit = false, why, 130
			m.setEntry(i, e)
		}
		delete(m.running, id)
		m.commandDone(id)
	}
}

// clearTerminal empties the screen (Ctrl+L, `clear`); waiting commands keep running out of sight.
func (m *model) clearTerminal() {
	keep := m.term[:0:0]
	for _, e := range m.term {
		if e.Running {
			keep = append(keep, e)
		}
	}
	m.term = keep
}

// historyNav walks the command history with ↑ and ↓, keeping the line being typed as a draft
// below the newest entry, as shells do.
type historyNav struct {
	pos    int // index into the history; len(history) is the draft
	draft  string
	active bool
}

// up returns the previous history line (ok is false at the oldest one or with no history).
func (h *historyNav) up(items []string, current string) (string, bool) {
	if len(items) == 0 {
		return current, false
	}
	if !h.active || h.pos > len(items) {
		h.active = true
		h.pos = len(items)
		h.draft = current
	}
	if h.pos == 0 {
		return current, false
	}
	h.pos--
	return items[h.pos], true
}

// down returns the next history line, then the draft.
func (h *historyNav) down(items []string, current string) (string, bool) {
	if !h.active {
		return current, false
	}
	if h.pos >= len(items)-1 {
		h.active = false
		h.pos = len(items)
		return h.draft, true
	}
	h.pos++
	return items[h.pos], true
}

func (h *historyNav) reset() { *h = historyNav{} }

// terminal is the kubectl prompt and its output. The input's value is handled through the DOM
// (go-app trims attribute values, which would eat a trailing space while typing).
type terminal struct {
	app.Compo

	Lang    string
	Entries []termEntry
	Present int // the session's position while it is in the past (after Undo), else -1
	History []string
	Names   completionNames

	input   string
	hist    historyNav
	options []string
	lastOut int // id and size of the newest output, to follow it
}

func (t *terminal) OnMount(ctx app.Context) { t.scrollDown(ctx) }

// OnUpdate follows new output to the bottom of the log.
func (t *terminal) OnUpdate(ctx app.Context) {
	sig := 0
	if n := len(t.Entries); n > 0 {
		e := t.Entries[n-1]
		sig = e.ID<<20 + len(e.Out) + len(e.Err)
	}
	if sig != t.lastOut {
		t.lastOut = sig
		t.scrollDown(ctx)
	}
}

func (t *terminal) scrollDown(ctx app.Context) {
	ctx.Defer(func(app.Context) {
		log := app.Window().GetElementByID("term-log")
		if log.Truthy() {
			log.Set("scrollTop", log.Get("scrollHeight"))
		}
	})
}

func (t *terminal) Render() (ui app.UI) {
	defer recoverRender(&ui, "terminal")
	lang := t.Lang
	running := 0
	for _, e := range t.Entries {
		if e.Running {
			running++
		}
	}
	return app.Section().Class("panel terminal").Aria("labelledby", "term-h").Body(
		app.Div().Class("panel-head").Body(
			app.H2().ID("term-h").Text(tr(lang, "term.title")),
			app.Span().Class("hint").Text(tr(lang, "term.hint")),
		),
		&termLog{Lang: lang, Entries: t.Entries, Present: t.Present},
		app.Div().Class("prompt-row").Body(
			app.Label().For("term-input").Class("prompt").Aria("hidden", "true").Text("$"),
			app.Input().
				ID("term-input").
				Type("text").
				Class("term-input").
				Aria("label", tr(lang, "term.input")).
				Aria("describedby", "term-help").
				Aria("autocomplete", "list").
				AutoComplete(false).
				Attr("autocapitalize", "off").
				Attr("autocorrect", "off").
				Spellcheck(false).
				Placeholder("kubectl get pods").
				OnInput(safely("terminal", t.onInput)).
				OnKeyDown(safely("terminal", t.onKeyDown)),
			when(running > 0, func() app.UI {
				return app.Button().Class("btn ghost small").
					Text(tr(lang, "term.stop")).
					OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actTermStop) })
			}),
		),
		app.P().ID("term-help").Class("sr-only").Text(tr(lang, "term.help")),
		when(len(t.options) > 0, func() app.UI {
			return app.Ul().Class("completions").Aria("label", tr(lang, "term.completions")).Body(
				app.Range(t.options).Slice(func(i int) app.UI { return app.Li().Text(t.options[i]) }),
			)
		}),
	)
}

// termLog is the terminal's output. It is a component of its own so that a keystroke at the
// prompt renders the prompt only: go-app renders a child again only when its props change.
type termLog struct {
	app.Compo

	Lang    string
	Entries []termEntry
	Present int // the session's position while it is in the past (after Undo), else -1
}

func (l *termLog) Render() (ui app.UI) {
	defer recoverRender(&ui, "terminal")
	lang := l.Lang
	return app.Div().
		ID("term-log").
		Class("term-log").
		Role("log").
		Aria("label", tr(lang, "term.log")).
		TabIndex(0).
		Body(
			when(len(l.Entries) == 0, func() app.UI {
				return app.P().Class("term-empty").Text(tr(lang, "term.empty"))
			}),
			app.Range(l.Entries).Slice(func(i int) app.UI { return renderEntry(lang, l.Entries[i], l.Present) }),
		)
}

// renderEntry draws one entry, dimmed (and said so) when it was printed after the moment the
// view went back to.
func renderEntry(lang string, e termEntry, present int) app.UI {
	if present >= 0 && e.Pos > present {
		return app.Div().Class("future").Body(
			app.Span().Class("sr-only").Text(tr(lang, "term.future")),
			renderEntry(lang, e, -1),
		)
	}
	if e.Kind == entryNote {
		return app.Div().Class("entry note").Text("# " + noteText(lang, e))
	}
	stderr := splitStderr(e.Err)
	exit := "0"
	if e.Exit != 0 {
		exit = "1"
	}
	return app.Div().Class("entry").DataSet("failed", exit).Body(
		app.Div().Class("cmdline").Body(
			app.Span().Class("prompt").Aria("hidden", "true").Text("$ "),
			app.Span().Class("cmd").Text(e.Line),
		),
		when(e.Out != "", func() app.UI { return app.Pre().Class("out").Text(e.Out) }),
		app.Range(stderr).Slice(func(i int) app.UI {
			part := stderr[i]
			if part.Warn {
				return app.Pre().Class("warn").Body(
					app.Span().Class("sr-only").Text(tr(lang, "term.warning")+" "),
					app.Text(part.Text),
				)
			}
			return app.Pre().Class("err").Body(
				app.Span().Class("sr-only").Text(tr(lang, "term.stderr")+" "),
				app.Text(part.Text),
			)
		}),
		when(e.Running, func() app.UI {
			wait := e.Wait
			if wait == "" {
				wait = "term.running"
			}
			return app.Div().Class("running").Text(tr(lang, wait))
		}),
		when(e.Stopped != "", func() app.UI {
			return app.Div().Class("stopped").Text("^C  " + tr(lang, e.Stopped))
		}),
	)
}

// stderrPart is a run of stderr lines that are all warnings or all errors.
type stderrPart struct {
	Warn bool
	Text string
}

// reDeprecatedFlag is kubectl's notice for a deprecated flag, e.g. "Flag --record has been
// deprecated, --record will be removed in the future".
var reDeprecatedFlag = regexp.MustCompile(`^Flag --\S+ has been deprecated`)

// isWarning: kubectl prints warnings on stderr as "Warning: …" (apiserver warnings and its own,
// such as the missing last-applied-configuration annotation) and deprecated flags as above;
// they are not errors and the command goes on.
func isWarning(line string) bool {
	return strings.HasPrefix(line, "Warning:") || reDeprecatedFlag.MatchString(line)
}

// splitStderr cuts stderr into runs of warning and error lines, text unchanged.
func splitStderr(s string) []stderrPart {
	if s == "" {
		return nil
	}
	var out []stderrPart
	for _, line := range strings.SplitAfter(s, "\n") {
		if line == "" {
			continue
		}
		w := isWarning(line)
		if n := len(out); n > 0 && out[n-1].Warn == w {
			out[n-1].Text += line
			continue
		}
		out = append(out, stderrPart{Warn: w, Text: line})
	}
	return out
}

func (t *terminal) onInput(ctx app.Context, e app.Event) {
	t.input = ctx.JSSrc().Get("value").String()
	t.options = nil
	t.hist.active = false
}

// onKeyDown: Enter runs, ↑/↓ walk the history, Tab completes (and moves focus when there is
// nothing to complete, so the prompt is no keyboard trap), Ctrl+L clears, Ctrl+C stops
// waiting commands, Escape hides the completions.
// Other keys render the prompt again, which is cheap; ctx.PreventUpdate would instead stop
// every later event of this component from rendering (go-app v9.8 keeps it until the parent
// passes new props), which hid the Tab completions.
func (t *terminal) onKeyDown(ctx app.Context, e app.Event) {
	key := e.Get("key").String()
	ctrl := e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()
	src := ctx.JSSrc()
	set := func(v string) {
		t.input = v
		src.Set("value", v)
		n := len(utf16Units(v))
		src.Call("setSelectionRange", n, n)
	}
	switch {
	case key == "Enter":
		e.PreventDefault()
		line := src.Get("value").String()
		set("")
		t.options = nil
		t.hist.reset()
		actExec.post(ctx, line)
	case key == "ArrowUp":
		if v, ok := t.hist.up(t.History, src.Get("value").String()); ok {
			e.PreventDefault()
			set(v)
		}
	case key == "ArrowDown":
		if v, ok := t.hist.down(t.History, src.Get("value").String()); ok {
			e.PreventDefault()
			set(v)
		}
	case key == "Tab" && !e.Get("shiftKey").Bool():
		cur := src.Get("value").String()
		if strings.TrimSpace(cur) == "" {
			return
		}
		c := complete(cur, t.Names)
		if c.Line == cur && len(c.Options) == 0 {
			return // nothing to complete: let Tab move the focus
		}
		e.PreventDefault()
		set(c.Line)
		t.options = c.Options
	case ctrl && (key == "l" || key == "L"):
		e.PreventDefault()
		ctx.NewAction(actTermClear)
	case ctrl && (key == "c" || key == "C"):
		if sel := app.Window().Call("getSelection"); sel.Truthy() && sel.Call("toString").String() != "" {
			return // copying
		}
		if src.Get("selectionStart").Int() != src.Get("selectionEnd").Int() {
			return
		}
		e.PreventDefault()
		ctx.NewAction(actTermStop)
	case key == "Escape":
		t.options = nil
	}
}
