package app

import (
	"fmt"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine/clock"
)

type clockNote = clock.Note

// formatClock renders elapsed virtual time as the cluster clock shows it: mm:ss.d, with hours
// when there are any (1:02:03.4).
func formatClock(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	tenths := int64(d / (100 * time.Millisecond))
	h := tenths / 36000
	m := tenths / 600 % 60
	s := tenths / 10 % 60
	t := tenths % 10
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d.%d", h, m, s, t)
	}
	return fmt.Sprintf("%02d:%02d.%d", m, s, t)
}

// formatSeconds renders a duration in seconds with at most one decimal ("12.5 s" without the unit).
func formatSeconds(d time.Duration) string {
	s := strconv.FormatFloat(d.Seconds(), 'f', 1, 64)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}

func speedLabel(s float64) string {
	return strconv.FormatFloat(s, 'f', -1, 64) + "×"
}

// timeControls: Play/Pause, Step, speed, the cluster clock, Undo/Redo and the timeline scrubber,
// with the explanation of the last step.
type timeControls struct {
	app.Compo

	Lang     string
	Playing  bool
	Speed    float64
	Elapsed  time.Duration
	Max      time.Duration
	CanUndo  bool
	CanRedo  bool
	Pending  int
	NextIn   time.Duration
	Label    string
	Notes    []clockNote
	Nothing  bool
	Lagging  bool
	Scrubbed bool
}

func (c *timeControls) Render() (ui app.UI) {
	defer recoverRender(&ui, "timecontrols")
	lang := c.Lang
	playIcon, playKey := "▶", "time.play"
	if c.Playing {
		playIcon, playKey = "⏸", "time.pause"
	}
	live := "polite"
	if c.Playing {
		live = "off" // a clock ticking 20 times a second must not talk
	}
	maxMs := max(c.Max, c.Elapsed).Milliseconds()
	pending := tr(lang, "time.settled")
	switch {
	case c.Pending == 1:
		pending = trf(lang, "time.pending.one", formatSeconds(c.NextIn))
	case c.Pending > 1:
		pending = trf(lang, "time.pending", c.Pending, formatSeconds(c.NextIn))
	}
	return app.Section().Class("controls").Aria("label", tr(lang, "time.title")).Body(
		app.Div().Class("controls-row").Body(
			app.Button().
				ID("btn-play").
				Class("btn primary play").
				Body(
					app.Span().Aria("hidden", "true").Class("icon").Text(playIcon),
					app.Span().Text(tr(lang, playKey)),
				).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actPlay, !c.Playing) }),
			app.Button().
				ID("btn-step").
				Class("btn").
				Title(tr(lang, "time.step.title")).
				Body(
					app.Span().Aria("hidden", "true").Class("icon").Text("⏭"),
					app.Span().Text(tr(lang, "time.step")),
				).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actStep) }),
			app.Label().Class("speed").Body(
				app.Span().Text(tr(lang, "time.speed")+" "),
				app.Select().
					ID("speed").
					OnChange(func(ctx app.Context, e app.Event) {
						ctx.NewActionWithValue(actSpeed, ctx.JSSrc().Get("value").String())
					}).
					Body(app.Range(speeds).Slice(func(i int) app.UI {
						s := speeds[i]
						return option(strconv.FormatFloat(s, 'f', -1, 64), speedLabel(s), s == c.Speed)
					})),
			),
			app.Div().Class("clock-box").Body(
				app.Span().Class("clock-caption").Aria("hidden", "true").Text(tr(lang, "time.clock")),
				app.Span().
					ID("cluster-time").
					Class("clock").
					Role("status").
					Aria("label", tr(lang, "time.clock")).
					Aria("live", live).
					Text(formatClock(c.Elapsed)),
			),
			disabledIf(app.Button().Class("btn"), !c.CanUndo).
				Body(
					app.Span().Aria("hidden", "true").Class("icon").Text("↶"),
					app.Span().Text(tr(lang, "time.undo")),
				).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actUndo) }),
			disabledIf(app.Button().Class("btn"), !c.CanRedo).
				Body(
					app.Span().Aria("hidden", "true").Class("icon").Text("↷"),
					app.Span().Text(tr(lang, "time.redo")),
				).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actRedo) }),
		),
		app.Div().Class("controls-row timeline").Body(
			app.Input().
				ID("timeline").
				Type("range").
				Class("scrubber").
				Min(0).
				Max(maxMs).
				Step(100).
				Value(c.Elapsed.Milliseconds()).
				Aria("label", tr(lang, "time.timeline")).
				Aria("valuetext", formatClock(c.Elapsed)).
				OnInput(func(ctx app.Context, e app.Event) {
					ms, err := strconv.ParseFloat(ctx.JSSrc().Get("value").String(), 64)
					if err == nil {
						ctx.NewActionWithValue(actScrub, time.Duration(ms)*time.Millisecond)
					}
				}).
				OnChange(func(ctx app.Context, e app.Event) { ctx.NewAction(actScrubEnd) }),
			app.Span().Class("timeline-end").Aria("hidden", "true").Text(formatClock(time.Duration(maxMs)*time.Millisecond)),
			app.Span().Class("pending hint").Text(pending),
			when(c.Lagging, func() app.UI {
				return app.Span().Class("hint lag").Text(tr(lang, "time.lagging"))
			}),
		),
		when(len(c.Notes) > 0 || c.Nothing || c.Label != "", func() app.UI {
			return app.Div().Class("explain").Role("status").Aria("live", "polite").Body(
				either(c.Nothing, func() app.UI {
					return app.P().Text(tr(lang, "time.step.nothing"))
				}, func() app.UI {
					return app.Div().Body(
						app.P().Class("step-label").Body(
							app.Strong().Text(tr(lang, "time.step.did")+" "),
							app.Code().Text(c.Label),
						),
						when(len(c.Notes) == 0, func() app.UI {
							return app.P().Class("hint").Text(tr(lang, "time.step.noNotes"))
						}),
						app.Ul().Body(app.Range(c.Notes).Slice(func(i int) app.UI {
							return app.Li().Text(stepSentences(lang, c.Notes[i:i+1])[0])
						})),
					)
				}),
			)
		}),
	)
}
