package app

import (
	"net/url"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine/lesson"
)

// The lesson picker is the page a newcomer lands on: a list named "Lessons" of cards (title,
// level, minutes, summary, progress), each with a link named by the lesson's title, beside free
// play (or "Continue free play" when a free-play session is stored). A lesson file can be
// loaded here (file picker or drag and drop), and progress exported and imported.

const actLessonNav action[string] = "rl/lesson/nav" // value: a URL of this page (a picker link)

// lessonHref is the link that opens a lesson (or, with id "", free play) in this language.
func lessonHref(lang, id string) string {
	q := url.Values{}
	q.Set("lang", lang)
	if id == "" {
		q.Set("play", "1")
	} else {
		q.Set("lesson", id)
	}
	return "?" + q.Encode()
}

// navLink is a link within the page: it changes the address (so it can be bookmarked, opened
// in a new tab, and reloaded) and the mode, without mounting the page again as go-app's own
// link handling would.
func navLink(href string) app.HTMLA {
	return app.A().Href(href).OnClick(func(ctx app.Context, e app.Event) {
		if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("shiftKey").Bool() {
			e.Call("stopPropagation") // the browser opens a new tab or window
			return
		}
		e.PreventDefault()
		e.Call("stopPropagation")
		actLessonNav.post(ctx, href)
	}, href)
}

// navigate follows a picker link: the address changes (pushState), then the page routes.
func (p *playground) navigate(ctx app.Context, href string) {
	base := app.Window().Get("location").Get("href").String()
	u, err := url.Parse(base)
	if err != nil {
		return
	}
	ref, err := u.Parse(href)
	if err != nil {
		return
	}
	app.Window().Get("history").Call("pushState", nil, "", ref.String())
	p.readQuery(ref)
	p.route(ctx, false)
	p.syncDocument()
	ctx.Defer(func(app.Context) { app.Window().Call("scrollTo", 0, 0) })
}

// lessonPicker is the page's start: a card per lesson with the learner's progress, free play,
// and the file row (lessonFiles); it draws from its props.
type lessonPicker struct {
	app.Compo

	Lang       string
	Catalog    []*lesson.Lesson // shipped, then loaded from files or links
	Progress   map[string]progressEntry
	Custom     map[string]bool // ids loaded from a file or a link
	FreeStored bool            // a free-play session is stored: free play continues it
	CatalogErr string
	LoadErr    string // the last lesson or progress file that could not be read
}

func (c *lessonPicker) Render() (ui app.UI) {
	defer recoverRender(&ui, "picker")
	lang := c.Lang
	cards := make([]app.UI, 0, len(c.Catalog)+1)
	for _, l := range c.Catalog {
		e, ok := c.Progress[l.ID]
		cards = append(cards, app.Li().Class("lesson-card").DataSet("done", strconv.FormatBool(ok && e.Done)).Body(
			app.H3().Body(navLink(lessonHref(lang, l.ID)).Text(l.Title.In(lang))),
			app.P().Class("lesson-card-meta").Text(trf(lang, "lesson.card.meta", tr(lang, "lesson.level."+levelKey(l.Level)), l.Minutes)),
			app.P().Text(l.Summary.In(lang)),
			app.P().Class("lesson-card-progress").Text(progressText(lang, e, ok, len(l.Steps))),
			when(c.Custom[l.ID], func() app.UI { return app.P().Class("hint").Text(tr(lang, "lesson.card.fromFile")) }),
		))
	}
	free := tr(lang, "lesson.free")
	if c.FreeStored {
		free = tr(lang, "lesson.free.continue")
	}
	return app.Main().Class("picker").
		OnDragOver(func(ctx app.Context, e app.Event) { e.PreventDefault() }).
		OnDrop(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			if files := e.Get("dataTransfer").Get("files"); files.Truthy() && files.Length() > 0 {
				readFile(ctx, files.Index(0), actLessonFile)
			}
		}).
		Body(
			app.Div().Class("picker-head").Body(
				app.H2().Text(tr(lang, "lesson.picker.title")),
				app.P().Text(tr(lang, "lesson.picker.intro")),
				navLink(lessonHref(lang, "")).Class("btn free-play").Text(free),
			),
			when(c.CatalogErr != "", func() app.UI {
				return app.P().Class("lesson-error").Role("alert").Text(c.CatalogErr)
			}),
			app.Ul().Class("lesson-cards").Aria("label", tr(lang, "lesson.list")).Body(cards...),
			lessonFiles(lang, c.LoadErr),
		)
}

func levelKey(level string) string {
	switch level {
	case "beginner", "intermediate", "advanced":
		return level
	}
	return "other"
}
