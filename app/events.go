package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// maxEventsShown bounds the events timeline.
const maxEventsShown = 100

// eventsPanel is the events timeline, newest first; warnings carry an icon and a word, not only
// a colour.
type eventsPanel struct {
	app.Compo

	Lang   string
	Events []engine.EventView // oldest first, as the view gives them
}

// newestFirst returns up to n events, newest first.
func newestFirst(evs []engine.EventView, n int) []engine.EventView {
	out := make([]engine.EventView, 0, min(n, len(evs)))
	for i := len(evs) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, evs[i])
	}
	return out
}

func (c *eventsPanel) Render() (ui app.UI) {
	defer recoverRender(&ui, "events")
	lang := c.Lang
	evs := newestFirst(c.Events, maxEventsShown)
	warnings := 0
	for _, e := range evs {
		if e.Type == "Warning" {
			warnings++
		}
	}
	return app.Section().Class("panel events").Aria("labelledby", "events-h").Body(
		app.Div().Class("panel-head").Body(
			app.H2().ID("events-h").Text(tr(lang, "events.title")),
			when(warnings > 0, func() app.UI {
				return app.Span().Class("badge").DataSet("state", "stalled").Text("⚠ " + trn(lang, "events.warnings", warnings, warnings))
			}),
		),
		either(len(evs) == 0, func() app.UI {
			return app.P().Class("empty").Text(tr(lang, "events.empty"))
		}, func() app.UI {
			return app.Div().Class("events-scroll").TabIndex(0).Aria("label", tr(lang, "events.title")).Role("region").Body(
				app.Table().Class("events-table").Body(
					app.Caption().Class("sr-only").Text(tr(lang, "events.caption")),
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text(tr(lang, "events.type")),
						app.Th().Scope("col").Text(tr(lang, "events.reason")),
						app.Th().Scope("col").Text(tr(lang, "events.object")),
						app.Th().Scope("col").Text(tr(lang, "events.message")),
						app.Th().Scope("col").Text(tr(lang, "events.age")),
					)),
					app.TBody().Body(app.Range(evs).Slice(func(i int) app.UI {
						e := evs[i]
						icon := "ℹ"
						if e.Type == "Warning" {
							icon = "⚠"
						}
						age := e.Age
						if e.Count > 1 {
							age += " (×" + strconv.Itoa(int(e.Count)) + ")"
						}
						return app.Tr().DataSet("type", e.Type).Body(
							app.Td().Class("etype").Body(
								app.Span().Aria("hidden", "true").Text(icon+" "),
								app.Text(e.Type),
							),
							app.Td().Class("reason").Text(e.Reason),
							app.Td().Class("object").Text(e.Object),
							app.Td().Class("message").Text(e.Message),
							app.Td().Class("age").Text(age),
						)
					})),
				),
			)
		}),
	)
}
