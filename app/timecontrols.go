package app

import (
	"fmt"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

type clockNote = engine.Note

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
	Slow     bool // "slow down while something changes" is on
	Slowed   bool // and the clock plays slowed now
	Elapsed  time.Duration
	Max      time.Duration
	CanUndo  bool
	CanRedo  bool
	Pending  int
	NextIn   time.Duration
	Label    string
	Notes    []clockNote
	Nothing  bool
	Skipped  int
	Log      []explained
	Marks    []timelineMark
	Past     bool // the view is before the end of the recorded session (after Undo or scrubbing)
	Lagging  bool
	Scrubbed bool
}

// explained is one step's explanation, kept in a short log that stays readable while playing.
type explained struct {
	At    time.Duration
	Label string
	Notes []clockNote
}

// timelineMark is a learner's action on the timeline: when, and the command (or switch) in words.
type timelineMark struct {
	At   time.Duration
	Text string
}

// markCache keeps the timeline's marks between renders (a playing clock renders 20 times a
// second): they change only when the session's inputs or the language do.
type markCache struct {
	sess  *engine.Session
	edits int
	lang  string
	marks []timelineMark
}

// timelineMarks lists the session's actions for the scrubber.
func (m *model) timelineMarks() []timelineMark {
	c := &m.marks
	if c.sess == m.sess && c.edits == m.sess.Edits() && c.lang == m.lang {
		return c.marks
	}
	ins, marks := m.sess.Inputs(), m.sess.Marks()
	out := make([]timelineMark, len(marks))
	for i, mk := range marks {
		out[i] = timelineMark{At: mk.At, Text: describeInput(ins[mk.Index]).text(m.lang)}
	}
	*c = markCache{sess: m.sess, edits: m.sess.Edits(), lang: m.lang, marks: out}
	return out
}

// maxExplained is how many explanations the log keeps.
const maxExplained = 10

// stepChangeLimit bounds one Step to the next change, so that a cluster that only does
// bookkeeping (a back-off loop) cannot hold the page.
const stepChangeLimit = 500

// checkedIf writes checked only when true (see disabledIf).
func checkedIf(in app.HTMLInput, cond bool) app.HTMLInput {
	if cond {
		return in.Checked(true)
	}
	return in
}

// undoButton is Undo or Redo: its accessible name stays the short word the browser contract fixes ("Undo", docs/testing.md),
// while the visible text adds "action" (hidden from assistive technology) so that nobody takes
// it for `kubectl rollout undo`; the tooltip says what it moves by.
func undoButton(lang, icon, key string, enabled bool, act string) app.UI {
	return disabledIf(app.Button().Class("btn undo"), !enabled).
		Title(tr(lang, key+".title")).
		Body(
			app.Span().Aria("hidden", "true").Class("icon").Text(icon),
			app.Span().Text(tr(lang, key)),
			app.Span().Aria("hidden", "true").Text(tr(lang, "time.action")),
		).
		OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(act) })
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
				OnClick(func(ctx app.Context, e app.Event) { actPlay.post(ctx, !c.Playing) }),
			app.Button().
				ID("btn-step-change").
				Class("btn").
				Title(tr(lang, "time.stepChange.title")).
				Body(
					app.Span().Aria("hidden", "true").Class("icon").Text("⏩"),
					app.Span().Text(tr(lang, "time.stepChange")),
				).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actStepChange) }),
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
						if f, err := strconv.ParseFloat(ctx.JSSrc().Get("value").String(), 64); err == nil {
							actSpeed.post(ctx, f)
						}
					}).
					Body(app.Range(speeds).Slice(func(i int) app.UI {
						s := speeds[i]
						return option(strconv.FormatFloat(s, 'f', -1, 64), speedLabel(s), s == c.Speed)
					})),
			),
			app.Label().Class("slow").Title(tr(lang, "time.slow.title")).Body(
				checkedIf(app.Input().Type("checkbox").ID("slow-changes"), c.Slow).
					OnChange(func(ctx app.Context, e app.Event) {
						actSlow.post(ctx, ctx.JSSrc().Get("checked").Bool())
					}),
				app.Span().Text(" "+tr(lang, "time.slow")),
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
			undoButton(lang, "↶", "time.undo", c.CanUndo, actUndo),
			undoButton(lang, "↷", "time.redo", c.CanRedo, actRedo),
		),
		when(c.Past || c.Scrubbed, func() app.UI {
			return app.P().ID("time-past").Class("hint past").Role("status").
				Text(trf(lang, "time.past", formatClock(c.Elapsed), formatClock(max(c.Max, c.Elapsed))))
		}),
		app.Div().Class("controls-row timeline").Body(
			app.Div().Class("scrubber-box").Body(
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
							actScrub.post(ctx, time.Duration(ms)*time.Millisecond)
						}
					}).
					OnChange(func(ctx app.Context, e app.Event) { ctx.NewAction(actScrubEnd) }),
				app.Ul().Class("timeline-marks").Aria("label", tr(lang, "time.marks")).Body(
					app.Range(c.Marks).Slice(func(i int) app.UI {
						m := c.Marks[i]
						pos := 0.0
						if maxMs > 0 {
							pos = 100 * float64(m.At.Milliseconds()) / float64(maxMs)
						}
						text := formatClock(m.At) + " " + m.Text
						return app.Li().Style("left", strconv.FormatFloat(min(pos, 100), 'f', 2, 64)+"%").Body(
							app.Button().Class("mark").Title(text).Aria("label", text).
								OnClick(func(ctx app.Context, e app.Event) {
									actScrub.post(ctx, m.At)
									ctx.NewAction(actScrubEnd)
								}),
						)
					}),
				),
			),
			app.Span().Class("timeline-end").Aria("hidden", "true").Text(formatClock(time.Duration(maxMs)*time.Millisecond)),
			app.Span().Class("pending hint").Text(pending),
			when(c.Slowed, func() app.UI {
				return app.Span().Class("hint slowed").Text(trf(lang, "time.slowed", speedLabel(slowSpeed)))
			}),
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
						when(c.Skipped > 0, func() app.UI {
							return app.P().Class("hint").Text(trf(lang, "time.stepChange.skipped", c.Skipped))
						}),
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
		when(len(c.Log) > 0, func() app.UI {
			return app.Details().Class("explain-log").Open(true).Body(
				app.Summary().Text(trf(lang, "time.log", len(c.Log))),
				app.Ol().Body(app.Range(c.Log).Slice(func(i int) app.UI {
					e := c.Log[len(c.Log)-1-i] // newest first
					return app.Li().Body(
						app.Span().Class("log-time").Text(formatClock(e.At)+" "),
						app.Code().Text(e.Label),
						app.Range(e.Notes).Slice(func(j int) app.UI {
							return app.Span().Text(" — " + stepSentences(lang, e.Notes[j:j+1])[0])
						}),
					)
				})),
			)
		}),
	)
}
