package app

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// The replicas chart: one step line per ReplicaSet for its desired replicas (dashed) and one
// for its ready replicas (solid), over the cluster's elapsed time. The UI samples the view after
// every change; a point is stored only when a value changed, so a rollout costs a few points
// per ReplicaSet whatever the frame rate.

const (
	maxSeries       = 12
	maxSeriesPoints = 600
	svgNS           = "http://www.w3.org/2000/svg"
)

// chartPoint is the state of one ReplicaSet from time T on.
type chartPoint struct {
	T       time.Duration `json:"t"`
	Desired int32         `json:"d"`
	Ready   int32         `json:"r"`
	Failing int32         `json:"f,omitempty"` // pods failing (image pull errors, back-offs, crashes)
}

type chartSeries struct {
	Name     string       `json:"n"`
	Revision string       `json:"v,omitempty"`
	Image    string       `json:"i,omitempty"`
	Points   []chartPoint `json:"p"`
	Gone     bool         `json:"g,omitempty"` // the ReplicaSet was deleted
	// Reason is why its pods failed last (e.g. ImagePullBackOff), shown while a point has Failing.
	Reason string `json:"w,omitempty"`
	// RolledBackFrom is the revision its template had before a rollback made it current again.
	RolledBackFrom string `json:"b,omitempty"`
}

// failed tells whether the series' pods failed at some point of the chart's time.
func (s *chartSeries) failed() bool {
	for _, p := range s.Points {
		if p.Failing > 0 {
			return true
		}
	}
	return false
}

type chartData struct {
	Series []chartSeries `json:"s"`
	Last   time.Duration `json:"l"` // time of the last sample
	// rev counts the samples: the chart component gets it as a prop, because a sample may
	// change the series in place (the latest state of an instant replaces its point), which
	// go-app's comparison of the shared series cannot see.
	rev int
}

// End is the time of the last sample.
func (c *chartData) End() time.Duration { return c.Last }

// sample records the view's ReplicaSets. A view older than the last sample means the clock was
// rewound (undo, scrubbing): what came after it is forgotten first.
func (c *chartData) sample(v engine.View) {
	c.rev++
	t := v.Elapsed
	if t < c.Last {
		c.truncate(t)
	}
	c.Last = t
	seen := map[string]bool{}
	visit := func(rs engine.ReplicaSetView) {
		seen[rs.Name] = true
		p := chartPoint{T: t, Desired: rs.Desired, Ready: rs.Ready}
		for _, f := range rs.Failing {
			p.Failing += int32(f.Pods)
		}
		if s := c.put(rs.Name, rs.Revision, strings.Join(rs.Images, ", "), p); s != nil {
			s.RolledBackFrom = rs.RolledBackFrom
			if len(rs.Failing) > 0 {
				s.Reason = rs.Failing[0].Reason
			}
		}
	}
	for _, d := range v.Deployments {
		for _, rs := range d.ReplicaSets {
			visit(rs)
		}
	}
	for _, rs := range v.UnownedReplicaSets {
		visit(rs)
	}
	for i := range c.Series {
		s := &c.Series[i]
		if !seen[s.Name] && !s.Gone {
			s.Gone = true
			s.Points = appendPoint(s.Points, chartPoint{T: t})
		}
	}
}

// put adds a point to a series when it differs from the series' last point, and returns the
// series (nil when there is no room for a new one).
func (c *chartData) put(name, rev, image string, p chartPoint) *chartSeries {
	for i := range c.Series {
		s := &c.Series[i]
		if s.Name != name {
			continue
		}
		s.Revision, s.Image, s.Gone = rev, image, false
		s.Points = appendPoint(s.Points, p)
		return s
	}
	if len(c.Series) >= maxSeries {
		// Forget the oldest series that is over (deleted, or at zero).
		drop := -1
		for i, s := range c.Series {
			if s.Gone || len(s.Points) == 0 || isZero(s.Points[len(s.Points)-1]) {
				drop = i
				break
			}
		}
		if drop < 0 {
			return nil
		}
		c.Series = append(c.Series[:drop:drop], c.Series[drop+1:]...)
	}
	c.Series = append(c.Series, chartSeries{Name: name, Revision: rev, Image: image, Points: []chartPoint{p}})
	return &c.Series[len(c.Series)-1]
}

func isZero(p chartPoint) bool { return p.Desired == 0 && p.Ready == 0 }

func appendPoint(pts []chartPoint, p chartPoint) []chartPoint {
	if n := len(pts); n > 0 {
		last := pts[n-1]
		if last.Desired == p.Desired && last.Ready == p.Ready && last.Failing == p.Failing {
			return pts
		}
		if last.T == p.T {
			pts[n-1] = p // the latest state of one instant wins
			return pts
		}
	}
	pts = append(pts, p)
	if len(pts) > maxSeriesPoints {
		// Thin the older half: drop every other point, keeping the first.
		half := len(pts) / 2
		kept := pts[:1]
		for i := 1; i < half; i++ {
			if i%2 == 0 {
				kept = append(kept, pts[i])
			}
		}
		pts = append(kept, pts[half:]...)
	}
	return pts
}

// sanitized is a chart read from storage made safe to draw and extend: series without points
// are dropped, points must move forward in time from zero with counts that are not negative
// (the rest of a series is dropped), and the counts of series and points are capped as
// sample caps them.
func (c chartData) sanitized() chartData {
	out := chartData{Last: max(c.Last, 0)}
	for _, s := range c.Series {
		if len(out.Series) == maxSeries {
			break
		}
		n := 0
		for n < len(s.Points) && n < maxSeriesPoints {
			p := s.Points[n]
			if p.T < 0 || p.Desired < 0 || p.Ready < 0 || (n > 0 && p.T <= s.Points[n-1].T) {
				break
			}
			n++
		}
		if n == 0 {
			continue
		}
		s.Points = append([]chartPoint(nil), s.Points[:n]...)
		out.Last = max(out.Last, s.Points[n-1].T)
		out.Series = append(out.Series, s)
	}
	return out
}

// truncate forgets everything after t.
func (c *chartData) truncate(t time.Duration) {
	out := c.Series[:0]
	for _, s := range c.Series {
		n := 0
		for n < len(s.Points) && s.Points[n].T <= t {
			n++
		}
		if n == 0 {
			continue
		}
		s.Points = append([]chartPoint(nil), s.Points[:n]...)
		s.Gone = s.Gone && s.Points[n-1].Desired == 0 && s.Points[n-1].Ready == 0 && n > 1
		out = append(out, s)
	}
	c.Series = out
	c.Last = min(c.Last, t)
}

// chart draws the series.
type chart struct {
	app.Compo

	Lang   string
	Series []chartSeries
	Rev    int // chartData.rev: redraw when it changes, even if Series looks the same
	End    time.Duration

	showAll bool // the learner chose to see the whole session, not the recent activity
}

// axis is the time window the chart shows.
type axis struct{ start, span time.Duration }

// x places t on the plot; times before the window sit on its left edge.
func (a axis) x(t time.Duration) float64 {
	return padL + plotW*float64(max(t-a.start, 0))/float64(a.span)
}

// Idle time must not stretch the story: the window starts a little before the latest burst of
// activity (changes no more than activityGap apart), so a 3-second rollout after 19 idle
// minutes fills the chart instead of being a sliver at its right edge.
const (
	activityGap  = time.Minute
	activityLead = 2 * time.Second
)

// chartWindow is the window that follows recent activity (or the whole session, for all).
func chartWindow(series []chartSeries, end time.Duration, all bool) axis {
	start := time.Duration(0)
	if !all {
		var ts []time.Duration
		for _, s := range series {
			for _, p := range s.Points {
				ts = append(ts, p.T)
			}
		}
		slices.Sort(ts)
		if n := len(ts); n > 0 {
			first := ts[n-1]
			for i := n - 2; i >= 0 && first-ts[i] <= activityGap; i-- {
				first = ts[i]
			}
			start = max(first-activityLead, 0)
		}
	}
	return axis{start: start, span: max(end-start, minChartSpan)}
}

const (
	chartW, chartH                       = 640.0, 220.0
	padL, padR, padT, padB               = 36.0, 12.0, 12.0, 28.0
	plotW, plotH                         = chartW - padL - padR, chartH - padT - padB
	minChartSpan           time.Duration = 10 * time.Second
)

// stepPath draws a step line through the points up to end; value picks desired or ready.
func stepPath(pts []chartPoint, end time.Duration, ax axis, top int32, value func(chartPoint) int32) string {
	if len(pts) == 0 {
		return ""
	}
	x := ax.x
	y := func(v int32) float64 { return padT + plotH - plotH*float64(v)/float64(top) }
	var b strings.Builder
	fmt.Fprintf(&b, "M%.1f %.1f", x(pts[0].T), y(value(pts[0])))
	for _, p := range pts[1:] {
		fmt.Fprintf(&b, "H%.1f V%.1f", x(p.T), y(value(p)))
	}
	fmt.Fprintf(&b, "H%.1f", x(end))
	return b.String()
}

func svg(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

func (c *chart) Render() (ui app.UI) {
	defer recoverRender(&ui, "chart")
	lang := c.Lang
	ax := chartWindow(c.Series, c.End, c.showAll)
	var top int32 = 1
	for _, s := range c.Series {
		for _, p := range s.Points {
			top = max(top, p.Desired, p.Ready)
		}
	}
	top = niceTop(top)
	y := func(v int32) float64 { return padT + plotH - plotH*float64(v)/float64(top) }

	var grid []app.UI
	for _, v := range yTicks(top) {
		grid = append(grid,
			svg("line").Attr("x1", padL).Attr("x2", chartW-padR).Attr("y1", y(v)).Attr("y2", y(v)).DataSet("role", "grid"),
			svg("text").Attr("x", padL-6).Attr("y", y(v)+4).Attr("text-anchor", "end").DataSet("role", "tick").Text(strconv.Itoa(int(v))),
		)
	}
	for _, t := range xTicks(ax) {
		grid = append(grid,
			svg("text").Attr("x", ax.x(t)).Attr("y", chartH-8).Attr("text-anchor", "middle").DataSet("role", "tick").Text(formatTick(t)),
		)
	}
	var lines []app.UI
	for i, s := range c.Series {
		end := c.End
		if s.Gone {
			end = s.Points[len(s.Points)-1].T
		}
		idx, state := strconv.Itoa(i%8), seriesState(&s)
		lines = append(lines,
			svg("path").Attr("d", stepPath(s.Points, end, ax, top, func(p chartPoint) int32 { return p.Desired })).
				DataSet("s", idx).DataSet("state", state).DataSet("line", "desired").Attr("fill", "none"),
			svg("path").Attr("d", stepPath(s.Points, end, ax, top, func(p chartPoint) int32 { return p.Ready })).
				DataSet("s", idx).DataSet("state", state).DataSet("line", "ready").Attr("fill", "none"),
		)
	}
	return app.Section().Class("panel chart").Aria("labelledby", "chart-h").Body(
		app.Div().Class("panel-head").Body(
			app.H2().ID("chart-h").Text(tr(lang, "chart.title")),
			app.Span().Class("hint").Text(tr(lang, "chart.hint")),
			app.Button().ID("chart-all").Class("btn small").
				Aria("pressed", strconv.FormatBool(c.showAll)).
				Title(tr(lang, "chart.all.title")).
				Text(tr(lang, "chart.all")).
				OnClick(func(ctx app.Context, e app.Event) { c.showAll = !c.showAll }),
		),
		app.Div().Class("chart-box").Body(
			// SVG ignores Class(): it is styled through data-* attributes (see app.css).
			app.Elem("svg").XMLNS(svgNS).
				Attr("viewBox", fmt.Sprintf("0 0 %g %g", chartW, chartH)).
				Attr("role", "img").
				Aria("label", chartSummary(lang, c.Series)).
				Body(
					svg("g").Body(grid...),
					svg("line").Attr("x1", padL).Attr("x2", padL).Attr("y1", padT).Attr("y2", padT+plotH).DataSet("role", "axis"),
					svg("line").Attr("x1", padL).Attr("x2", chartW-padR).Attr("y1", padT+plotH).Attr("y2", padT+plotH).DataSet("role", "axis"),
					svg("g").Body(lines...),
				),
		),
		app.Ul().Class("legend").Body(app.Range(c.Series).Slice(func(i int) app.UI {
			s := c.Series[i]
			last := s.Points[len(s.Points)-1]
			rev := s.Revision
			if rev == "" {
				rev = "–"
			}
			return app.Li().DataSet("s", strconv.Itoa(i%8)).DataSet("state", seriesState(&s)).Body(
				app.Span().Class("swatch").Aria("hidden", "true"),
				when(s.failed(), func() app.UI { return app.Span().Aria("hidden", "true").Text("✖") }),
				app.Span().Text(seriesLegend(lang, &s, rev, last)),
				app.Span().Class("hint").Text(" "+shortName(s.Name)),
			)
		})),
	)
}

// chartSummary is the chart's text alternative: each ReplicaSet's current desired and ready.
func chartSummary(lang string, series []chartSeries) string {
	if len(series) == 0 {
		return tr(lang, "chart.empty")
	}
	parts := make([]string, 0, len(series))
	for _, s := range series {
		last := s.Points[len(s.Points)-1]
		parts = append(parts, seriesLegend(lang, &s, orDash(s.Revision), last))
	}
	return tr(lang, "chart.title") + ": " + strings.Join(parts, "; ")
}

// seriesState colours a series by what happened as well as by revision: "failing" (red,
// dotted, ✖ in the legend) once its pods failed, else "" (its revision's colour).
func seriesState(s *chartSeries) string {
	if s.failed() {
		return "failing"
	}
	return ""
}

// seriesLegend describes a series in words: its revision, where a rolled-back one came from,
// its image and counts, and its pods' failure.
func seriesLegend(lang string, s *chartSeries, rev string, last chartPoint) string {
	if s.RolledBackFrom != "" {
		rev = trf(lang, "chart.rolledBack", rev, s.RolledBackFrom)
	}
	text := trf(lang, "chart.legend", rev, s.Image, last.Desired, last.Ready)
	if s.failed() {
		text += " — " + trf(lang, "chart.failing", s.Reason)
	}
	return text
}

// shortName keeps the pod-template-hash of a ReplicaSet name.
func shortName(name string) string {
	if i := strings.LastIndexByte(name, '-'); i >= 0 {
		return "…" + name[i:]
	}
	return name
}

// niceTop rounds the axis' top up to 1–6, 8, 10, then 1, 2 or 5 times a power of ten. It
// computes in int64, as replicas reach the int32 maximum (2147483647), whose nice top (5e9)
// would overflow; a top that would not fit stays at the maximum itself.
func niceTop(v int32) int32 {
	for _, n := range []int32{1, 2, 3, 4, 5, 6, 8, 10} {
		if v <= n {
			return n
		}
	}
	for m := int64(10); ; m *= 10 {
		for _, f := range []int64{1, 2, 5} {
			if top := f * m; int64(v) <= top {
				return int32(min(top, math.MaxInt32))
			}
		}
	}
}

// yTicks puts about four ticks on the axis, from 0 up to top (int64 steps, so the last one
// never wraps past the int32 maximum).
func yTicks(top int32) []int32 {
	step := max(int64(top)/4, 1)
	var out []int32
	for v := int64(0); v <= int64(top); v += step {
		out = append(out, int32(v))
	}
	return out
}

// xTicks are round times inside the window, at most about six.
func xTicks(ax axis) []time.Duration {
	steps := []time.Duration{time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second,
		30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 30 * time.Minute, time.Hour,
		2 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour}
	step := steps[len(steps)-1]
	for _, s := range steps {
		if ax.span/s <= 6 {
			step = s
			break
		}
	}
	var out []time.Duration
	for t := (ax.start + step - 1) / step * step; t <= ax.start+ax.span; t += step {
		out = append(out, t)
	}
	return out
}

func formatTick(t time.Duration) string {
	switch {
	case t >= time.Hour:
		return fmt.Sprintf("%dh%02d", int(t.Hours()), int(t.Minutes())%60)
	case t >= time.Minute:
		return fmt.Sprintf("%dm%02d", int(t.Minutes()), int(t.Seconds())%60)
	}
	return fmt.Sprintf("%ds", int(t.Seconds()))
}
