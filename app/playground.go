package app

// The playground, in one page:
//
//	playground (root: embeds the model, the learner's state; adds the clock loop, storage, the URL)
//	├── banner          error banner (errors.go)
//	├── timeControls    Play/Pause, Step + explanation, speed, clock, Undo/Redo, scrubber
//	├── editor          YAML editor with line numbers and the live check (editor.go, yamlcheck.go)
//	├── terminal        kubectl prompt, history, completion, streaming output (terminal.go, completion.go)
//	├── tree            Deployment → rsGroup (one component per ReplicaSet, its pods inside)
//	├── details         describe / YAML of the selected item
//	├── chart           replicas over time (SVG)
//	├── eventsPanel     events, newest first
//	├── revisions       one lane per revision, undo preview
//	└── faults          image, node and pod failure controls
//
// State flows one way. The panels get plain data as props (engine.View pieces and small view
// models) and post actions (actions.go); the playground handles each action on the UI goroutine
// inside guard: it calls a transition of the model (model.go: plain Go, tested without a
// browser), which drives the session (Exec, Step, Undo, SeekTime, …), then afterChange reads a
// new View, polls waiting commands, samples the chart, refreshes the details and saves. While
// playing, the clock loop (clock.go) does the same for bounded slices of virtual time.

import (
	"maps"
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// editorFile is the working-folder file the YAML editor edits: `kubectl apply -f
// nginx-deployment.yaml` in the terminal reads what the editor shows.
const editorFile = "nginx-deployment.yaml"

// startYAML is the Deployment a fresh playground's editor starts with: the Kubernetes
// tutorial's nginx-deployment.
const startYAML = engine.TutorialManifest

// maxViewEvents bounds the events the view copies (the events panel shows the newest ones).
const maxViewEvents = 200

// playground is the root component. It embeds the model (the session and everything derived
// from it) and holds only what the page adds: its lifecycle, the clock loop, the jobs that
// rebuild a session, what storage said, and the page's own notices. The panels are child
// components that receive plain data as props and report what the learner did through actions
// (see actions.go), which the playground handles on the UI goroutine.
//
// go-app creates route components with reflect.New, so nothing here may rely on newPlayground:
// OnInit sets the state up on the server (prerendering) and in the browser alike.
type playground struct {
	app.Compo

	inited  bool
	mounted bool

	model // the learner's state (model.go)

	// loadedFrag is the share fragment already loaded.
	loadedFrag string

	// the clock loop
	clockStop chan struct{}
	lastStats frameStats
	lagFrames int // frames in a row that ran out of budget
	// updateReady: a new version was deployed while the page was open (OnAppUpdate).
	updateReady bool

	// banner and share
	banner      string
	shareURL    string
	shareCopied bool

	// aside is a stored session this version could not restore, kept under storeAside and
	// offered for download; saveBlocked stops saving when even keeping it aside failed.
	aside       *asideEntry
	saveBlocked bool
	// restoring is the session being rebuilt (replay.go); nil when none.
	restoring *restoreJob
	// recent sessions (recent.go): the list is open; Start over awaits its confirmation; the
	// notice (an i18n key) says a replaced session is in the list.
	recentOpen       bool
	recentList       []recentEntry // read when the list opens
	confirmStartOver bool
	recentNotice     string

	savedAt time.Time // a playing clock saves every 2 s (afterFrame)
}

func newPlayground() *playground { return &playground{} }

// OnInit prepares a fresh session; OnMount and OnNav then restore what the learner had.
func (p *playground) OnInit() { p.initState() }

func (p *playground) initState() {
	if p.inited {
		return
	}
	p.inited = true
	p.prefs = defaultPrefs
	p.playing = true
	p.budget = defaultFrameBudget
	p.editorText = startYAML
	p.editorDoc = startYAML
	p.editorRev = 1
	p.running = map[int]*engine.Execution{}
	p.podSeq = map[string]int{}
	p.newSession()
}

// OnMount restores the saved session, starts the clock and marks the page ready once the first
// render is done (browser tests wait for data-app-ready before they act).
func (p *playground) OnMount(ctx app.Context) {
	p.initState()
	p.mounted = true
	p.registerActions(ctx)
	p.guard(ctx, "restore", func() { p.restoreLocal(ctx) })
	p.applyURL(ctx, ctx.Page().URL())
	if p.playing {
		p.startClock(ctx)
	}
	p.startEmbed(ctx)
	ctx.Defer(func(ctx app.Context) {
		p.syncDocument()
		app.Window().Get("document").Get("body").Call("setAttribute", "data-app-ready", "1")
	})
}

// OnNav reads the URL: ?lang, ?theme, ?embed, ?lesson/?step, and a share link in the fragment.
func (p *playground) OnNav(ctx app.Context) {
	p.initState()
	if !p.mounted {
		// Server side (prerendering): only the query matters, nothing is stored.
		p.readQuery(ctx.Page().URL())
		return
	}
	p.applyURL(ctx, ctx.Page().URL())
}

// applyURL reads the query, then loads a share link from the fragment (once) and removes the
// fragment, so that a reload shows the learner's own work rather than the link again.
func (p *playground) applyURL(ctx app.Context, u *url.URL) {
	if u == nil {
		return
	}
	p.readQuery(u)
	p.routeURL(ctx, u)
	if frag := u.Fragment; strings.HasPrefix(frag, shareFragmentPrefix) && frag != p.loadedFrag {
		p.loadedFrag = frag // OnMount and OnNav both see the first URL
		p.guard(ctx, "share", func() { p.loadShare(ctx, strings.TrimPrefix(frag, shareFragmentPrefix)) })
		clean := *u
		clean.Fragment = ""
		replaceURL(clean.String())
	}
	p.syncDocument()
}

// syncDocument mirrors the language and theme on <html> (lang, data-theme), so the page
// background and the browser's own widgets follow them.
func (p *playground) syncDocument() {
	doc := app.Window().Get("document").Get("documentElement")
	doc.Call("setAttribute", "lang", htmlLang(p.lang))
	if p.theme == "" {
		doc.Call("removeAttribute", "data-theme")
	} else {
		doc.Call("setAttribute", "data-theme", p.theme)
	}
}

// OnDismount stops the clock. It also runs after static generation, where OnMount never ran.
// OnAppUpdate: a new version was deployed while the page was open. The session is saved after
// every change, so a reload loses nothing; offer it rather than reloading under the learner.
func (p *playground) OnAppUpdate(ctx app.Context) {
	if ctx.AppUpdateAvailable() {
		p.updateReady = true
	}
}

func (p *playground) OnDismount() {
	p.stopClock()
	p.stopEmbed()
	p.mounted = false
}

// afterChange runs after every input the learner made: a new view, the running commands, the
// details panel, and a save.
func (p *playground) afterChange(ctx app.Context) {
	p.pollRunning()
	p.refreshView()
	p.observeLesson(ctx)
	p.refreshDetails(true)
	p.markGood()
	p.save(ctx)
}

// Render lays the page out; every panel is a child component that re-renders only when its
// props change.
func (p *playground) Render() (ui app.UI) {
	defer recoverRender(&ui, "playground")
	p.initState()
	lang := p.lang
	v := p.view
	goal := goalOf(p.les.run)
	ed := &editor{Lang: lang, Doc: p.editorDoc, DocRev: p.editorRev, FileName: p.editorFileName()}
	if p.edit != nil {
		ed.Editing, ed.File = p.edit.Line, p.edit.File
	}
	embed := ""
	if p.embed {
		embed = "1"
	}
	return app.Div().
		Class("rl").
		DataSet("theme", p.theme).
		DataSet("embed", embed).
		DataSet("embed-tab", p.embedTab()).
		DataSet("mode", p.les.mode). // the picker hides the lab (lesson.go)
		Lang(htmlLang(lang)).
		Body(
			app.A().Class("skip-link").Href("#term-input").Text(tr(lang, "skip.terminal")).
				OnClick(func(ctx app.Context, e app.Event) {
					e.PreventDefault()
					if in := app.Window().GetElementByID("term-input"); in.Truthy() {
						in.Call("focus")
					}
				}),
			p.renderHeader(),
			when(p.embed, func() app.UI { return &embedBar{Lang: lang, Shown: p.embedTab(), Lesson: p.les.run != nil} }),
			// The notices come and go inside one element that is always there: go-app matches
			// children by position, so a notice appearing among the page's children would make
			// it mount every later panel afresh, losing what the learner was typing.
			app.Div().Class("notices").Body(
				when(p.banner != "", func() app.UI {
					return &banner{Lang: lang, Message: p.banner}
				}),
				when(p.aside != nil, func() app.UI { return &asideNotice{Lang: p.lang, Aside: *p.aside, Unsaved: p.saveBlocked} }),
				p.renderRestoring(),
				when(p.confirmStartOver || p.recentNotice != "", func() app.UI {
					return &startOverNotice{Lang: lang, Confirm: p.confirmStartOver, Notice: p.recentNotice}
				}),
				when(p.updateReady, func() app.UI {
					return app.Div().Class("banner update").Role("status").Body(
						app.P().Text(tr(lang, "update.ready")),
						app.Button().Class("btn small").Text(tr(lang, "update.reload")).
							OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
					)
				}),
			),
			when(p.les.mode == modePicker, func() app.UI {
				// Copies of the maps: go-app re-renders a panel when its props differ (DeepEqual),
				// which a map changed in place would not show.
				return &lessonPicker{Lang: p.lang, Catalog: p.les.catalog, Progress: maps.Clone(p.les.progress.Lessons),
					Custom: maps.Clone(p.les.custom), FreeStored: p.les.freeStored, CatalogErr: p.les.catalogErr, LoadErr: p.les.loadErr}
			}),
			&timeControls{
				Lang:     lang,
				Playing:  p.playing,
				Speed:    p.speed,
				Slow:     p.slowChanges,
				Slowed:   p.playing && p.frameSpeed() < p.speed,
				Elapsed:  v.Elapsed,
				Max:      max(p.timelineEnd, v.Elapsed),
				CanUndo:  p.sess.CanUndo(),
				CanRedo:  p.sess.CanRedo(),
				Pending:  v.Pending,
				NextIn:   v.NextIn,
				Label:    p.stepLabel,
				Notes:    p.stepNotes,
				Nothing:  p.stepNothing,
				Skipped:  p.stepSkipped,
				Log:      p.explained,
				Marks:    p.timelineMarks(),
				Past:     p.sess.CanRedo(),
				Lagging:  p.playing && p.lagFrames >= 3,
				Scrubbed: p.scrub != nil,
			},
			app.Main().ID("rl-main").Class("grid").DataSet("lesson", p.les.run != nil || p.les.builder != nil).Body(
				when(p.les.run != nil, func() app.UI { return &lessonPanel{Lang: lang, Run: p.lessonProps()} }),
				when(p.les.builder != nil && p.les.mode == modeFree, func() app.UI {
					b := p.les.builder
					return &builderPanel{Lang: lang, Draft: b.draft, Err: b.err, Link: b.link}
				}),
				app.Div().Class("area-editor").Body(
					ed,
				),
				app.Div().Class("area-terminal").Body(
					&terminal{
						Lang:    lang,
						Entries: p.term,
						Present: p.termPresent(),
						History: p.history,
						Names:   p.names,
					},
				),
				app.Div().Class("area-tree").Body(
					&tree{
						Lang:        lang,
						Deployments: v.Deployments,
						ReplicaSets: v.UnownedReplicaSets,
						Pods:        v.UnownedPods,
						Selected:    p.selected,
					},
					when(goal != nil, func() app.UI { return &goalPanel{Lang: lang, Goal: goal, Diffs: diffGoal(goal, v)} }),
					when(p.selected != "", func() app.UI {
						return &details{Lang: lang, Item: p.selected, Text: p.detail, Reveal: p.revealSeq}
					}),
				),
				app.Div().Class("area-chart").Body(
					&chart{Lang: lang, Series: p.chart.Series, Rev: p.chart.rev, End: max(v.Elapsed, p.chart.End())},
				),
				app.Div().Class("area-events").Body(
					&eventsPanel{Lang: lang, Events: v.Events},
				),
				app.Div().Class("area-revisions").Body(
					&revisions{Lang: lang, Deployments: p.revs},
				),
				app.Div().Class("area-faults").Body(
					&faults{
						Lang:       lang,
						Images:     p.images,
						ImageModes: p.modes,
						Nodes:      v.Nodes,
						NodesDown:  p.down,
						Pods:       p.pods,
					},
				),
			),
			when(!p.embed, func() app.UI {
				return app.Footer().Class("foot").Body(
					app.P().Text(tr(lang, "footer.text")),
				)
			}),
		)
}

func (p *playground) renderHeader() app.UI {
	lang := p.lang
	other, otherName := langZH, "中文"
	if lang == langZH {
		other, otherName = langEN, "English"
	}
	return app.Header().Class("top").Body(
		app.H1().Class("brand").Body(
			app.Span().Class("logo").Aria("hidden", "true").Text("⎈"),
			app.Text(" Rollout Lab"),
		),
		when(!p.embed, func() app.UI {
			return app.P().Class("tagline").Text(tr(lang, "header.tagline"))
		}),
		app.Div().Class("top-actions").Body(
			app.Button().
				Class("btn ghost").
				Lang(htmlLang(other)).
				Title(tr(lang, "header.lang.title")).
				Text(otherName).
				OnClick(func(ctx app.Context, e app.Event) { actLang.post(ctx, other) }),
			app.Label().Class("theme-pick").Body(
				app.Span().Class("sr-only").Text(tr(lang, "header.theme")),
				app.Select().
					Aria("label", tr(lang, "header.theme")).
					OnChange(func(ctx app.Context, e app.Event) {
						actTheme.post(ctx, ctx.JSSrc().Get("value").String())
					}).
					Body(
						option("", tr(lang, "theme.auto"), p.theme == ""),
						option("light", tr(lang, "theme.light"), p.theme == "light"),
						option("dark", tr(lang, "theme.dark"), p.theme == "dark"),
					),
			),
			app.Button().
				Class("btn").
				Text(tr(lang, "share.button")).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actShare) }),
			when(!p.embed && p.les.run == nil, func() app.UI { return &recentMenu{Lang: p.lang, Open: p.recentOpen, List: p.recentList} }), // a lesson restarts from its panel
			when(p.les.mode == modeFree && !p.embed, func() app.UI { // free play only
				return app.Button().Class("btn ghost").Text(tr(lang, "builder.open")).
					OnClick(func(ctx app.Context, e app.Event) { actBuilderOpen.post(ctx, p.les.builder == nil) })
			}),
			when(!p.embed && p.les.run == nil, func() app.UI {
				return app.Button().
					Class("btn ghost").
					Text(tr(lang, "header.startOver")).
					Title(tr(lang, "header.startOver.title")).
					OnClick(func(ctx app.Context, e app.Event) { actStartOver.post(ctx, ask) })
			}),
		),
		when(p.shareURL != "", func() app.UI {
			msg := tr(lang, "share.copied")
			if !p.shareCopied {
				msg = tr(lang, "share.manual")
			}
			return app.Div().Class("share-box").Role("status").Body(
				app.Span().Text(msg),
				app.Input().
					Type("text").
					ReadOnly(true).
					Aria("label", tr(lang, "share.link")).
					Value(p.shareURL).
					OnFocus(func(ctx app.Context, e app.Event) { ctx.JSSrc().Call("select") }),
				app.Button().Class("btn ghost").Text(tr(lang, "share.close")).
					OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actShareClose) }),
			)
		}),
	)
}

// asideNotice is the banner about a stored session that could not be restored: what happened,
// where it is kept (Unsaved: nowhere, saving is stopped), and a download of it.
type asideNotice struct {
	app.Compo

	Lang    string
	Aside   asideEntry
	Unsaved bool
}

func (c *asideNotice) Render() (ui app.UI) {
	defer recoverRender(&ui, "aside")
	lang, a := c.Lang, c.Aside
	msg := trf(lang, "storage.aside", a.Reason)
	if c.Unsaved {
		msg = trf(lang, "storage.asideUnsaved", a.Reason)
	}
	return app.Div().Class("banner aside").Role("alert").Body(
		app.Span().Class("icon").Aria("hidden", "true").Text("⚠"),
		app.P().Text(msg),
		app.Button().Class("btn small").Text(tr(lang, "storage.download")).
			OnClick(safely("download", func(ctx app.Context, e app.Event) {
				downloadText("rolloutlab-saved-session.json", a.Data)
			})),
		app.Button().Class("btn ghost small").Text(tr(lang, "banner.dismiss")).
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actAsideDismiss) }),
	)
}

// replaceURL changes the address bar without navigating (history.replaceState).
func replaceURL(u string) {
	app.Window().Get("history").Call("replaceState", nil, "", u)
}
