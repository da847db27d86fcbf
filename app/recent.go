package app

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Recent sessions: before anything replaces the learner's session (opening a share link, Start
// over, a command typed while the timeline is scrubbed into the past, which drops the future),
// the session is kept under rolloutlab/recent, newest first, and the header's "Recent
// sessions" control brings any of them back (the session in place is kept in turn).

const (
	storeRecent = "rolloutlab/recent"
	maxRecent   = 8
)

type recentEntry struct {
	At     string          `json:"at"`  // RFC 3339
	Why    string          `json:"why"` // i18n key: what replaced it
	Inputs int             `json:"n"`   // inputs recorded
	Last   string          `json:"last,omitempty"`
	Saved  json.RawMessage `json:"saved"` // a savedSession
	Editor string          `json:"editor,omitempty"`
}

// readRecent is the stored list, newest first (empty when missing or unreadable).
func readRecent(ctx app.Context) []recentEntry {
	var list []recentEntry
	storageGet(ctx, storeRecent, &list)
	return list
}

// writeRecent stores the list, dropping the oldest entries while storage is full.
func (p *playground) writeRecent(ctx app.Context, list []recentEntry) {
	p.recentList = list
	for ; len(list) > 0; list = list[:len(list)-1] {
		if storageSet(ctx, storeRecent, list) {
			p.recentList = list
			return
		}
	}
	storageSet(ctx, storeRecent, list)
	p.recentList = nil
}

// remember keeps the session in place in the recent list before why replaces it (not while a
// job rebuilds it: the session in place is a placeholder then).
func (p *playground) remember(ctx app.Context, why string) {
	if p.restoring != nil {
		return
	}
	e, ok := p.recentEntry(why, time.Now())
	if !ok {
		return
	}
	list := append([]recentEntry{e}, readRecent(ctx)...)
	p.writeRecent(ctx, list[:min(len(list), maxRecent)])
}

// openRecent brings back the i-th recent session; the one in place takes its place in the list.
func (p *playground) openRecent(ctx app.Context, i int) {
	list := readRecent(ctx)
	if i < 0 || i >= len(list) {
		return
	}
	e := list[i]
	saved, err := readSaved(string(e.Saved))
	if err != nil {
		p.banner = trf(p.lang, "recent.bad", err.Error())
		return
	}
	p.writeRecent(ctx, append(list[:i:i], list[i+1:]...))
	p.remember(ctx, "recent.why.switched")
	p.stopRunning("")
	p.cancelEdit("")
	p.setPlaying(ctx, false)
	p.recentOpen = false
	if err := p.restoreSaved(ctx, saved); err != nil {
		p.banner = trf(p.lang, "recent.bad", err.Error())
		return
	}
	if e.Editor != "" {
		p.setEditorDoc(e.Editor)
		p.saveEditor(ctx)
	}
	p.recentNotice = ""
}

// recentMenu is the header's "Recent sessions" disclosure and its list, drawn from its props.
type recentMenu struct {
	app.Compo

	Lang string
	Open bool
	List []recentEntry // read when the list opens
}

func (r *recentMenu) Render() (ui app.UI) {
	defer recoverRender(&ui, "recent")
	lang := r.Lang
	var items []app.UI
	if r.Open {
		for i, e := range r.List {
			at, _ := time.Parse(time.RFC3339, e.At)
			label := trf(lang, "recent.item", at.Local().Format("15:04"), tr(lang, e.Why), e.Inputs, orDash(e.Last))
			items = append(items, app.Li().Body(
				app.Button().Class("btn ghost small").Text(label).
					OnClick(func(ctx app.Context, ev app.Event) { actRecentOpen.post(ctx, i) }, strconv.Itoa(i)+e.At),
			))
		}
		if len(items) == 0 {
			items = append(items, app.Li().Class("hint").Text(tr(lang, "recent.empty")))
		}
	}
	expanded := "false"
	if r.Open {
		expanded = "true"
	}
	return app.Div().Class("recent").Body(
		app.Button().Class("btn ghost").
			Aria("expanded", expanded).Aria("controls", "recent-list").
			Text(tr(lang, "recent.button")).
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actRecentToggle) }),
		when(r.Open, func() app.UI {
			return app.Ul().ID("recent-list").Class("recent-list").Aria("label", tr(lang, "recent.button")).Body(items...)
		}),
	)
}

// startOverNotice asks before Start over (Confirm), else says where a replaced session went
// (Notice, an i18n key); it draws from its props.
type startOverNotice struct {
	app.Compo

	Lang    string
	Confirm bool
	Notice  string
}

func (c *startOverNotice) Render() (ui app.UI) {
	defer recoverRender(&ui, "startOver")
	lang := c.Lang
	if c.Confirm {
		return app.Div().Class("banner confirm").Role("alertdialog").Aria("label", tr(lang, "header.startOver")).Body(
			app.P().Text(tr(lang, "startOver.confirm")),
			app.Button().Class("btn small").Text(tr(lang, "startOver.yes")).
				OnClick(func(ctx app.Context, e app.Event) { actStartOver.post(ctx, yes) }),
			app.Button().Class("btn ghost small").Text(tr(lang, "startOver.cancel")).
				OnClick(func(ctx app.Context, e app.Event) { actStartOver.post(ctx, no) }),
		)
	}
	return app.Div().Class("banner notice").Role("status").Body(
		app.P().Text(tr(lang, c.Notice)),
		app.Button().Class("btn small").Text(tr(lang, "recent.goBack")).
			OnClick(func(ctx app.Context, e app.Event) { actRecentOpen.post(ctx, 0) }),
		app.Button().Class("btn ghost small").Text(tr(lang, "banner.dismiss")).
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actRecentNoticeClose) }),
	)
}
