package app

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
)

func viewWith(t time.Duration, rss ...engine.ReplicaSetView) engine.View {
	return engine.View{Elapsed: t, Deployments: []engine.DeploymentView{{Name: "d", ReplicaSets: rss}}}
}

func TestChartSamplesOnlyChanges(t *testing.T) {
	var c chartData
	a := func(d, r int32) engine.ReplicaSetView {
		return engine.ReplicaSetView{Name: "a", Revision: "1", Desired: d, Ready: r}
	}
	c.sample(viewWith(0, a(2, 0)))
	c.sample(viewWith(time.Second, a(2, 0))) // nothing changed
	c.sample(viewWith(2*time.Second, a(2, 1)))
	c.sample(viewWith(2*time.Second, a(2, 2))) // same instant: the latest wins
	c.sample(viewWith(5*time.Second, a(2, 2)))
	if len(c.Series) != 1 {
		t.Fatalf("%d series", len(c.Series))
	}
	want := []chartPoint{{T: 0, Desired: 2}, {T: 2 * time.Second, Desired: 2, Ready: 2}}
	if got := c.Series[0].Points; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("points %+v", got)
	}
	if c.End() != 5*time.Second {
		t.Fatalf("end %v", c.End())
	}
	// A deleted ReplicaSet ends at zero.
	c.sample(viewWith(6 * time.Second))
	if s := c.Series[0]; !s.Gone || s.Points[len(s.Points)-1] != (chartPoint{T: 6 * time.Second}) {
		t.Fatalf("deleted series %+v", s)
	}
}

// TestChartForgetsTheFutureOnRewind: sampling an earlier time (undo, scrubbing) drops later points.
func TestChartForgetsTheFutureOnRewind(t *testing.T) {
	var c chartData
	a := func(d, r int32) engine.ReplicaSetView { return engine.ReplicaSetView{Name: "a", Desired: d, Ready: r} }
	b := func(d, r int32) engine.ReplicaSetView { return engine.ReplicaSetView{Name: "b", Desired: d, Ready: r} }
	c.sample(viewWith(0, a(2, 2)))
	c.sample(viewWith(10*time.Second, a(1, 1), b(1, 0)))
	c.sample(viewWith(20*time.Second, a(0, 0), b(2, 2)))
	c.sample(viewWith(5*time.Second, a(2, 2)))
	if len(c.Series) != 1 || len(c.Series[0].Points) != 1 || c.End() != 5*time.Second {
		t.Fatalf("after rewinding: %+v", c)
	}
}

// TestChartShowsRolloutStuckAndRollback: a rolling update, a stuck update and a rollback, as
// the playground samples them, give the expected shapes.
func TestChartShowsRolloutStuckAndRollback(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	applySeed(t, p, d)
	ctx := d.Context()
	p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1")
	settle(p, d, 120)
	p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91")
	settle(p, d, 120)
	p.runLine(ctx, "kubectl rollout undo deployment/nginx-deployment-controller --to-revision=2")
	settle(p, d, 120)
	if len(p.chart.Series) != 3 {
		t.Fatalf("%d series", len(p.chart.Series))
	}
	byImage := map[string]chartSeries{}
	for _, s := range p.chart.Series {
		byImage[s.Image] = s
	}
	last := func(s chartSeries) chartPoint { return s.Points[len(s.Points)-1] }
	maxReady := func(s chartSeries) int32 {
		m := int32(0)
		for _, pt := range s.Points {
			m = max(m, pt.Ready)
		}
		return m
	}
	v18, v191, v191bad := byImage["nginx:1.8"], byImage["nginx:1.9.1"], byImage["nginx:1.91"]
	if maxReady(v18) != 2 || last(v18).Desired != 0 {
		t.Errorf("nginx:1.8 should rise to 2 ready and end at 0: %+v", v18.Points)
	}
	if maxReady(v191bad) != 0 || last(v191bad).Desired != 0 {
		t.Errorf("nginx:1.91 never gets ready and is scaled back to 0: %+v", v191bad.Points)
	}
	desiredBad := int32(0)
	for _, pt := range v191bad.Points {
		desiredBad = max(desiredBad, pt.Desired)
	}
	if desiredBad == 0 {
		t.Errorf("the stuck update never wanted a pod: %+v", v191bad.Points)
	}
	if last(v191).Desired != 2 || last(v191).Ready != 2 {
		t.Errorf("nginx:1.9.1 ends at 2/2 after the rollback: %+v", v191.Points)
	}
	html := squash(render(p, d))
	if strings.Count(html, `data-line="ready"`) != 3 || strings.Count(html, `data-line="desired"`) != 3 {
		t.Error("the chart does not draw a desired and a ready line per ReplicaSet")
	}
	if strings.Contains(html, `<svg class=`) {
		t.Error("SVG styled with class (go-app ignores it)")
	}
	// Issue 12: the failed revision is drawn by state (red, dotted, "pods failed" in the legend
	// and the text alternative), not in its revision's colour alone; the rollback is named.
	if !v191bad.failed() || v18.failed() || v191.failed() {
		t.Errorf("only nginx:1.91's series failed: %v %v %v", v18.failed(), v191.failed(), v191bad.failed())
	}
	if n := strings.Count(html, `data-state="failing"`); n != 3 {
		t.Errorf("%d elements drawn as failing, want 3 (its two lines and its legend entry)", n)
	}
	if !regexp.MustCompile(`revision 3, nginx:1\.91: 0 desired, 0 ready — pods failed: (ErrImagePull|ImagePullBackOff)`).MatchString(html) {
		t.Error("the legend does not say that revision 3's pods failed")
	}
	if !strings.Contains(html, `role="img"`) || !strings.Contains(html, "revision 4 (revision 2 rolled back), nginx:1.9.1: 2 desired, 2 ready") {
		i := strings.Index(html, `role="img"`)
		t.Errorf("the chart has no text alternative: %s", html[i:min(len(html), i+400)])
	}
}

func TestStepPath(t *testing.T) {
	pts := []chartPoint{{T: 0, Desired: 2}, {T: 5 * time.Second, Desired: 2, Ready: 2}}
	got := stepPath(pts, 10*time.Second, axis{span: 10 * time.Second}, 2, func(p chartPoint) int32 { return p.Ready })
	if got != "M36.0 192.0H332.0 V12.0H628.0" {
		t.Fatalf("path %q", got)
	}
}

// TestChartScaleHandlesHugeReplicas: spec.replicas is an int32, so `kubectl scale
// --replicas=2147483647` is valid Kubernetes; the axis must still end above every value, with
// ascending non-negative ticks, and computing it must terminate (it overflowed and looped).
func TestChartScaleHandlesHugeReplicas(t *testing.T) {
	for _, v := range []int32{0, 1, 7, 11, 999, 1_000_000_001, 1_500_000_000, 2_000_000_001, 2147483647} {
		done := make(chan int32)
		go func() { done <- niceTop(v) }()
		var top int32
		select {
		case top = <-done:
		case <-time.After(10 * time.Second): // a hang, not a speed check: niceTop is a few multiplications
			t.Fatalf("niceTop(%d) does not return", v)
		}
		if top < v || top < 1 {
			t.Fatalf("niceTop(%d) = %d, below the value", v, top)
		}
		ticks := yTicks(top)
		if len(ticks) < 2 || len(ticks) > 6 || ticks[0] != 0 {
			t.Fatalf("yTicks(%d) = %v", top, ticks)
		}
		for i := 1; i < len(ticks); i++ {
			if ticks[i] <= ticks[i-1] || ticks[i] > top {
				t.Fatalf("yTicks(%d) = %v: not ascending within the axis", top, ticks)
			}
		}
	}
}

// Idle time must not stretch the chart: it follows the latest burst of activity (the apply
// after 19 idle minutes, the rollout after the settled Deployment), and "Show all" spans the
// whole session.
func TestChartWindowFollowsActivity(t *testing.T) {
	min19 := 19 * time.Minute
	rollout := []chartSeries{
		{Points: []chartPoint{{T: min19, Desired: 3}, {T: min19 + 2*time.Second, Desired: 3, Ready: 3}}},
	}
	twoBursts := []chartSeries{
		{Points: []chartPoint{{T: 10 * time.Second, Desired: 2}, {T: 12 * time.Second, Desired: 2, Ready: 2}, {T: 10 * time.Minute}}},
		{Points: []chartPoint{{T: 10 * time.Minute, Desired: 2}, {T: 10*time.Minute + 3*time.Second, Desired: 2, Ready: 2}}},
	}
	cases := []struct {
		name   string
		series []chartSeries
		end    time.Duration
		all    bool
		want   axis
	}{
		{"nothing yet", nil, 5 * time.Second, false, axis{0, minChartSpan}},
		{"a rollout after 19 idle minutes", rollout, min19 + 4*time.Second, false, axis{min19 - activityLead, minChartSpan}},
		{"the same, all of it", rollout, min19 + 4*time.Second, true, axis{0, min19 + 4*time.Second}},
		{"the latest of two bursts", twoBursts, 10*time.Minute + 20*time.Second, false, axis{10*time.Minute - activityLead, 20*time.Second + activityLead}},
		{"a burst at the start", rollout[:0], 3 * time.Second, false, axis{0, minChartSpan}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := chartWindow(c.series, c.end, c.all)
			if got != c.want {
				t.Fatalf("window %+v, want %+v", got, c.want)
			}
			if ticks := xTicks(got); len(ticks) == 0 || ticks[0] < got.start || ticks[len(ticks)-1] > got.start+got.span {
				t.Fatalf("ticks %v outside the window %+v", ticks, got)
			}
		})
	}
}

// A step while paused can change a ReplicaSet at the same instant: the chart's point for that
// instant is replaced in place, and the chart must still draw it (go-app re-renders a child only
// when its props differ, and an in-place change to the shared series does not show as one).
func TestChartRedrawsAChangeAtTheSameInstant(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	p.setPlaying(d.Context(), false)
	a := func(d, r int32) engine.ReplicaSetView {
		return engine.ReplicaSetView{Name: "a", Revision: "1", Desired: d, Ready: r}
	}
	ready := regexp.MustCompile(`data-line="ready"[^>]*d="([^"]*)"|d="([^"]*)"[^>]*data-line="ready"`)
	path := func() string {
		m := ready.FindStringSubmatch(render(p, d))
		if m == nil {
			t.Fatal("no ready line drawn")
		}
		return m[1] + m[2]
	}
	p.chart.sample(viewWith(2*time.Second, a(2, 1)))
	before := path()
	p.chart.sample(viewWith(2*time.Second, a(2, 2)))
	if after := path(); after == before {
		t.Fatalf("the ready line still shows 1 ready after the same instant reached 2: %s", after)
	}
}
