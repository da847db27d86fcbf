package app

// The playground in a frame (?embed=1): compact chrome with tabs, a link that opens the
// session in the full page, and the postMessage protocol with the host page
// (embed_protocol.go, docs/embedding.md). The frame talks only to the origins its URL lists
// (&origin=…) and only while it is framed; without them it neither listens nor posts.

import (
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Tabs of the compact chrome: a lesson's panel (while one runs), the terminal and the tree,
// the editor, and the other panels (chart, events, revisions, failures). Until the reader picks
// one (embedTabDefault), a lesson shows its panel and free play the terminal and the tree.
const (
	embedTabDefault = ""
	embedTabLesson  = "lesson"
	embedTabCluster = "cluster"
	embedTabEditor  = "editor"
	embedTabMore    = "more"
)

const (
	// actEmbedTab switches the compact chrome's tab (value: one of the embedTab constants).
	actEmbedTab action[string] = "rl/embed/tab"
	// actEmbedOpen opens the full page, with the session, in a new tab.
	actEmbedOpen = "rl/embed/open"
)

// embedState is the playground's side of the frame.
type embedState struct {
	tab     string
	origins []string // host origins allowed to talk to the frame (?origin=)
	// post sends a message to the host page for one origin (the browser delivers it only if
	// the parent's origin is that one); tests replace it.
	post func(origin string, data []byte)
	stop func() // removes the message listener
	// ids maps a waiting command's terminal entry to the id of the run message that started
	// it; runID and runFrom do the same for a command that ends while its run message is
	// handled (entries after runFrom).
	ids     map[int]string
	runID   string
	runFrom int
	running bool
}

func (s *embedState) readQuery(q url.Values) {
	var refused []string
	s.origins, refused = parseOrigins(q["origin"])
	if len(refused) > 0 {
		app.Logf("rolloutlab: embed: origin values ignored (want scheme://host[:port]): %q", refused)
	}
}

func (s *embedState) allowed(origin string) bool {
	for _, o := range s.origins {
		if o == origin {
			return true
		}
	}
	return false
}

// startEmbed listens to the host's messages and posts ready once the first render is done,
// when the page is framed with ?embed=1 and at least one allowed origin. The handler keeps
// messages from other origins or windows out before it reads them, and reads data only as
// JSON text (a message that cannot be serialised is answered as invalid).
func (p *playground) startEmbed(ctx app.Context) {
	win := app.Window()
	parent := win.Get("parent")
	if !p.embed || len(p.emb.origins) == 0 || p.emb.stop != nil || !parent.Truthy() || parent.Equal(win.JSValue()) {
		return
	}
	if p.emb.post == nil {
		p.emb.post = func(origin string, data []byte) {
			defer func() { _ = recover() }() // a closed or navigated parent
			parent.Call("postMessage", win.Get("JSON").Call("parse", string(data)), origin)
		}
	}
	listener := app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) == 0 {
			return nil
		}
		ev := args[0]
		origin := ev.Get("origin").String()
		if !p.emb.allowed(origin) || !ev.Get("source").Equal(parent) {
			return nil
		}
		raw := stringifyMessage(win, ev.Get("data"))
		ctx.Dispatch(func(ctx app.Context) { p.onHostMessage(ctx, origin, raw) })
		return nil
	})
	win.Call("addEventListener", "message", listener)
	p.emb.stop = func() {
		win.Call("removeEventListener", "message", listener)
		listener.Release()
	}
	ctx.Defer(func(app.Context) {
		p.broadcast(frameMsg{Type: msgReady, Version: protocolVersion, Lang: p.lang})
	})
}

// stringifyMessage is a message's data as JSON text, or nil when it has none (undefined, a
// function) or JSON.stringify throws (a cycle, a BigInt).
func stringifyMessage(win app.BrowserWindow, data app.Value) (raw []byte) {
	defer func() {
		if recover() != nil {
			raw = nil
		}
	}()
	s := win.Get("JSON").Call("stringify", data)
	if s.Type() != app.TypeString {
		return nil
	}
	return []byte(s.String())
}

func (p *playground) stopEmbed() {
	if p.emb.stop != nil {
		p.emb.stop()
		p.emb.stop = nil
	}
}

// onHostMessage decodes and runs one message from an allowed origin; a bad one is answered
// with an error to that origin and changes nothing.
func (p *playground) onHostMessage(ctx app.Context, origin string, raw []byte) {
	m, err := decodeHostMsg(raw)
	if err != nil {
		p.reply(origin, frameMsg{Type: msgError, ID: m.ID, Message: "invalid message: " + err.Error()})
		return
	}
	if !p.guard(ctx, "message "+m.Type, func() { err = p.runHostMsg(ctx, m) }) {
		err = fmt.Errorf("%s failed: %s", m.Type, p.banner)
	}
	if err != nil {
		p.reply(origin, frameMsg{Type: msgError, ID: m.ID, Message: err.Error()})
	}
}

// runHostMsg carries out a checked message: only these verbs, never anything else it holds.
func (p *playground) runHostMsg(ctx app.Context, m hostMsg) error {
	switch m.Type {
	case msgReset:
		p.startOver(ctx)
	case msgRun:
		p.emb.runID, p.emb.runFrom, p.emb.running = m.ID, p.termSeq, true
		p.runLine(ctx, m.Command)
		p.emb.running = false
		for _, e := range p.term {
			if e.ID > p.emb.runFrom && e.Kind == entryCmd && e.Running && m.ID != "" {
				if p.emb.ids == nil {
					p.emb.ids = map[int]string{}
				}
				p.emb.ids[e.ID] = m.ID
			}
		}
	case msgLoad:
		if m.Lesson != "" {
			return p.openLessonByID(ctx, m.Lesson)
		}
		p.setEditorDoc(m.YAML) // its file is written when a command names it
		p.saveEditor(ctx)
	case msgStep:
		if err := p.goToStep(m.Step); err != nil {
			return err
		}
		p.stepShown(ctx)
	case msgLang:
		p.changePref(ctx, "lang", m.Lang)
	case msgTheme:
		p.changePref(ctx, "theme", m.Theme)
	}
	return nil
}

// openLessonByID opens a lesson as ?lesson=ID would (its stored run, or a fresh start) and shows
// its panel.
func (p *playground) openLessonByID(ctx app.Context, id string) error {
	l := p.findLesson(id)
	if l == nil {
		return fmt.Errorf("load: no lesson %q", id)
	}
	p.lesson, p.step = id, ""
	setQueryParam("lesson", id)
	setQueryParam("step", "")
	p.openLesson(ctx, l)
	p.emb.tab = embedTabLesson
	return nil
}

// goToStep shows step n (from 1) of the lesson in progress: a step already reached, as the
// lesson panel's own navigation allows.
func (m *model) goToStep(n int) error {
	r := m.les.run
	switch {
	case r == nil:
		return fmt.Errorf("step: no lesson is loaded")
	case n > len(r.L.Steps):
		return fmt.Errorf("step %d: lesson %q has %d steps", n, r.L.ID, len(r.L.Steps))
	case n-1 > r.tracker.Current:
		return fmt.Errorf("step %d: not reached yet (the learner is at step %d)", n, r.tracker.Current+1)
	}
	r.show(n - 1)
	m.emb.tab = embedTabLesson
	return nil
}

// commandDone reports a finished terminal command to the host. The terminal calls it once
// per command entry: when the command ends at once, when a waiting one ends, or when it is
// stopped.
func (m *model) commandDone(id int) {
	if m.emb.post == nil {
		return
	}
	i := m.entryIndex(id)
	if i < 0 || m.term[i].Kind != entryCmd {
		return
	}
	e := m.term[i]
	msgID := m.emb.ids[id]
	delete(m.emb.ids, id)
	if msgID == "" && m.emb.running && id > m.emb.runFrom {
		msgID = m.emb.runID
	}
	exit := e.Exit
	m.broadcast(frameMsg{Type: msgCommand, ID: msgID, Line: e.Line, ExitCode: &exit,
		Stdout: tail(e.Out, maxReportOutput), Stderr: tail(e.Err, maxReportOutput)})
}

// lessonStepPassed is the hook the lesson code (issue 9) calls when the learner passes a step
// (steps count from 1): the host gets stepPassed.
func (m *model) lessonStepPassed(lesson string, step int) {
	m.broadcast(frameMsg{Type: msgStepPassed, Lesson: lesson, Step: step})
}

// lessonCompleted is the hook the lesson code calls when the last step of a lesson passes:
// the host gets lessonCompleted.
func (m *model) lessonCompleted(lesson string) {
	m.broadcast(frameMsg{Type: msgLessonCompleted, Lesson: lesson})
}

// broadcast posts m to every allowed origin: the browser delivers it only to the one the
// parent page has, so a frame listing several hosts tells none of them about another.
func (m *model) broadcast(msg frameMsg) {
	if m.emb.post == nil {
		return
	}
	for _, o := range m.emb.origins {
		m.reply(o, msg)
	}
}

func (m *model) reply(origin string, msg frameMsg) {
	if m.emb.post == nil {
		return
	}
	msg.Source = frameSource
	data, err := json.Marshal(msg)
	if err != nil {
		return // plain strings and numbers: cannot fail
	}
	m.emb.post(origin, data)
}

// fullPageLink is the address of the full page with this session in its fragment: the frame's
// address (href) without the parameters that only frames use. A lesson's session opens as free
// play there: the lesson's progress lives in the frame's storage, which the full page (another
// top-level site, so another storage partition) cannot read.
func (m *model) fullPageLink(href string) string {
	u, err := url.Parse(href)
	if err != nil {
		return "index.html"
	}
	q := u.Query()
	for _, k := range []string{"embed", "origin", "load", "title", "lesson", "step"} {
		q.Del(k)
	}
	u.RawQuery = q.Encode()
	u.Fragment = ""
	if frag, err := m.shareFragment(); err == nil {
		u.Fragment = shareFragmentPrefix + frag
	}
	return u.String()
}

// embedBar is the compact chrome's tab bar and the button to the full page, drawn from its
// props: the tab shown and whether a lesson runs (its tab comes first).
type embedBar struct {
	app.Compo

	Lang   string
	Shown  string
	Lesson bool
}

func (c *embedBar) Render() (ui app.UI) {
	defer recoverRender(&ui, "embedBar")
	lang := c.Lang
	tab := func(id, key string) app.UI {
		return app.Button().
			Class("embed-tab").
			Role("tab").
			Aria("selected", fmt.Sprint(c.Shown == id)).
			Aria("controls", "rl-main").
			Text(tr(lang, key)).
			OnClick(func(ctx app.Context, e app.Event) { actEmbedTab.post(ctx, id) }, id)
	}
	return app.Nav().Class("embed-bar").Body(
		app.Div().Class("embed-tabs").Role("tablist").Aria("label", tr(lang, "embed.tabs")).Body(
			when(c.Lesson, func() app.UI { return tab(embedTabLesson, "embed.tab.lesson") }),
			tab(embedTabCluster, "embed.tab.cluster"),
			tab(embedTabEditor, "embed.tab.editor"),
			tab(embedTabMore, "embed.tab.more"),
		),
		// A button, not a link: go-app takes over every click on a link of its page (window.onclick)
		// before a component's handler runs, and would navigate the frame itself. The address is
		// made when the playground handles the action, with the session as it is then; the
		// click's user activation (transient, seconds long) still lets the frame open a tab.
		app.Button().
			Class("embed-open linkish").
			Title(tr(lang, "embed.open.title")).
			Text(tr(lang, "embed.open")).
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actEmbedOpen) }),
	)
}

func (m *model) setEmbedTab(tab string) {
	switch tab {
	case embedTabLesson, embedTabCluster, embedTabEditor, embedTabMore:
		m.emb.tab = tab
	}
}

// embedTab is the tab shown: the reader's choice, else the lesson's panel when a lesson runs,
// else the terminal and the tree.
func (m *model) embedTab() string {
	switch {
	case m.emb.tab == embedTabLesson && m.les.run == nil:
		return embedTabCluster
	case m.emb.tab != embedTabDefault:
		return m.emb.tab
	case m.les.run != nil:
		return embedTabLesson
	}
	return embedTabCluster
}
