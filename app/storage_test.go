package app

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// reload mounts a second playground on a copy of p's storage and restores it, as a page reload
// does.
func reload(t *testing.T, from app.Context) (*playground, app.ClientDispatcher) {
	t.Helper()
	q, d := mount(t, "/?play=1")
	copyStorage(t, from, d.Context())
	q.inited = false
	q.initState()
	q.guard(d.Context(), "restore", func() { q.restoreLocal(d.Context()) })
	finishRestore(q, d)
	return q, d
}

func setRaw(t *testing.T, ctx app.Context, key, raw string) {
	t.Helper()
	if err := ctx.LocalStorage().Set(key, json.RawMessage(raw)); err != nil {
		t.Fatal(err)
	}
}

// TestStoredSessionKeptAside: a stored session this version cannot read (a wrong-typed field,
// a newer format, an unknown input, not an object) is moved to its own key before anything
// saves over it, and the banner says what happened and offers it for download — product rule:
// the learner's work is never lost.
func TestStoredSessionKeptAside(t *testing.T) {
	for _, tc := range []struct{ name, raw, reason string }{
		{"wrong-typed field", `{"v":1,"session":5}`, "not readable"},
		{"newer version", `{"v":2,"session":"{}","more":true}`, "newer version"},
		{"unknown input", `{"v":1,"session":"{\"v\":1,\"seed\":1,\"in\":[{\"k\":\"bogus\"}],\"pos\":1}"}`, "bogus"},
		{"not an object", `"not an object"`, "not readable"},
		{"no version", `{"session":"{}"}`, "unknown format 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, d := mount(t, "/?lang=en&play=1")
			ctx := d.Context()
			setRaw(t, ctx, storeSession, tc.raw)
			q, d2 := reload(t, ctx)
			ctx2 := d2.Context()
			if q.aside == nil || !strings.Contains(q.aside.Reason, tc.reason) {
				t.Fatalf("aside %+v, want a reason with %q", q.aside, tc.reason)
			}
			if q.sess == nil || q.sess.Len() != 0 {
				t.Fatal("the unreadable session was used")
			}
			q.runLine(ctx2, "kubectl get pods") // saves the new session
			var kept []asideEntry
			if !storageGet(ctx2, storeAside, &kept) || len(kept) != 1 || kept[0].Data != tc.raw {
				t.Fatalf("kept aside %+v, want the stored text %s", kept, tc.raw)
			}
			html := render(q, d2)
			// The banner speaks of the saved session, not of a link (there was none).
			if !strings.Contains(html, "kept aside") || !strings.Contains(html, "Download it") || strings.Contains(html, "link cannot") {
				t.Fatalf("banner: %s", html)
			}
		})
	}
}

// TestOwnSessionRestoresWhatItRecorded: the limits of share links (64 KiB lines, 5,000 inputs,
// 1 MiB files, 30 days, 7 days per advance) never reject the app's own saved state: whatever
// it recorded survives a reload with the same cluster.
func TestOwnSessionRestoresWhatItRecorded(t *testing.T) {
	big := "# padding\n" + strings.Repeat("#"+strings.Repeat("x", 99)+"\n", 11_000) + seedYAML
	for _, tc := range []struct {
		name string
		do   func(p *playground, ctx app.Context)
	}{
		{"a 70 KB line", func(p *playground, ctx app.Context) {
			p.runLine(ctx, "echo "+strings.Repeat("a", 70<<10))
		}},
		{"5,001 commands", func(p *playground, ctx app.Context) {
			for i := 0; i < 5001; i++ {
				p.sess.Exec("kubectl get deploy")
			}
			p.runLine(ctx, "kubectl get rs")
		}},
		{"a 1.1 MB file applied", func(p *playground, ctx app.Context) {
			p.sess.WriteFile("big.yaml", big)
			p.runLine(ctx, "kubectl apply -f big.yaml")
		}},
		{"8 virtual days played", func(p *playground, ctx app.Context) {
			p.runLine(ctx, "kubectl create deployment web --image=nginx:1.91") // back-offs all along
			for i := 0; i < 8*24; i++ {
				p.sess.Advance(time.Hour) // the play loop's advances merge into one input
			}
			p.afterChange(ctx)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, d := mount(t, "/?lang=en&play=1")
			ctx := d.Context()
			p.setPlaying(ctx, false)
			tc.do(p, ctx)
			p.save(ctx)
			want := p.sess.View(0)
			q, _ := reload(t, ctx)
			if q.aside != nil || q.banner != "" {
				t.Fatalf("not restored: aside %+v banner %q", q.aside, q.banner)
			}
			got := q.sess.View(0)
			if got.Version != want.Version || got.Elapsed != want.Elapsed || len(got.Deployments) != len(want.Deployments) {
				t.Fatalf("cluster after reload: version %d/%d elapsed %v/%v", got.Version, want.Version, got.Elapsed, want.Elapsed)
			}
			if last := q.term[len(q.term)-1]; last.Line != p.term[len(p.term)-1].Line {
				t.Fatalf("terminal after reload ends with %q", last.Line)
			}
		})
	}
}

// TestRestoreCapsTheTerminal: stored data with 20,000 terminal entries (more than the terminal
// ever keeps, maxEntries) restores only the newest ones, so a reload stays fast.
func TestRestoreCapsTheTerminal(t *testing.T) {
	p, d := mount(t, "/?play=1")
	ctx := d.Context()
	data, _ := p.sess.Marshal()
	saved := savedSession{V: storeVersion, Session: string(data)}
	for i := 1; i <= 20_000; i++ {
		saved.Terminal = append(saved.Terminal, termEntry{ID: i, Kind: entryCmd, Line: "kubectl get pods"})
		saved.History = append(saved.History, "kubectl get pods -l n="+itoa(int64(i)))
	}
	ctx.LocalStorage().Set(storeSession, saved)
	q, _ := reload(t, ctx)
	if len(q.term) != maxEntries || q.term[len(q.term)-1].ID != 20_000 || q.termSeq != 20_000 {
		t.Fatalf("terminal: %d entries, last %+v", len(q.term), q.term[len(q.term)-1])
	}
	if len(q.history) != maxHistory || q.history[len(q.history)-1] != "kubectl get pods -l n=20000" {
		t.Fatalf("history: %d lines", len(q.history))
	}
}

// corruptChart has more series than the chart keeps, none with a point: put's search for a
// series to forget read the last point of an empty series.
func corruptChart() chartData {
	c := chartData{Last: -5}
	for i := 0; i < maxSeries+3; i++ {
		c.Series = append(c.Series, chartSeries{Name: "rs-" + itoa(int64(i))})
	}
	c.Series = append(c.Series, chartSeries{Name: "back", Points: []chartPoint{{T: 5}, {T: 3, Desired: -1}}})
	return c
}

// TestCorruptChartKeepsTheSession: a damaged chart in storage neither panics nor costs the
// learner a valid session; the chart keeps what is valid and goes on sampling.
func TestCorruptChartKeepsTheSession(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	applySeed(t, p, d)
	p.setPlaying(ctx, false)
	p.save(ctx)
	var saved savedSession
	storageGet(ctx, storeSession, &saved)
	ch := corruptChart()
	saved.Chart = &ch
	ctx.LocalStorage().Set(storeSession, saved)
	q, d2 := reload(t, ctx)
	if q.banner != "" || q.aside != nil || len(q.view.Deployments) != 1 {
		t.Fatalf("session lost: banner %q aside %+v", q.banner, q.aside)
	}
	if len(q.chart.Series) > maxSeries || q.chart.Last < 0 {
		t.Fatalf("chart %+v", q.chart)
	}
	for _, s := range q.chart.Series {
		if len(s.Points) == 0 {
			t.Fatalf("series %q without points", s.Name)
		}
	}
	render(q, d2)
}

// TestRecoveryKeepsTheSessionWithABadChart: a panic restores the last good session; a chart
// that is itself broken must not make that recovery panic and reset the cluster.
func TestRecoveryKeepsTheSessionWithABadChart(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	applySeed(t, p, d)
	p.chart = corruptChart()
	p.guard(ctx, "test", func() { panic("boom") })
	if len(p.view.Deployments) != 1 || p.sess.Len() == 0 {
		t.Fatalf("the session was reset: banner %q", p.banner)
	}
}

// TestLinesTypedWhileRestoringRunAfterIt: a command typed while a session is being rebuilt is
// answered at once (a note in the terminal) and runs on the restored session, never on the
// placeholder; a restore running for more than half a second shows its progress.
func TestLinesTypedWhileRestoringRunAfterIt(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.setPlaying(ctx, false)
	p.runLine(ctx, "kubectl create deployment web --image=nginx:1.9.1")
	p.save(ctx)
	q, d2 := mount(t, "/?lang=en&play=1")
	ctx2 := d2.Context()
	copyStorage(t, ctx, ctx2)
	q.inited = false
	q.initState()
	q.restoreLocal(ctx2)
	if q.restoring == nil {
		t.Fatal("the stored session was not restored progressively")
	}
	q.restoring.started = time.Now().Add(-time.Second) // as if it had run for a second
	if html := app.HTMLString(q.renderRestoring()); !strings.Contains(html, "Restoring the session") || !strings.Contains(html, "<progress") {
		t.Fatal("no progress shown for a restore over half a second")
	}
	q.runLine(ctx2, "kubectl get deploy web")
	if last := q.term[len(q.term)-1]; last.NoteKey != "term.note.queued" {
		t.Fatalf("not answered while restoring: %+v", last)
	}
	finishRestore(q, d2)
	last := q.term[len(q.term)-1]
	if last.Line != "kubectl get deploy web" || !strings.Contains(last.Out, "web") || q.sess.Len() != 2 {
		t.Fatalf("the line did not run on the restored session: %+v (inputs %d)", last, q.sess.Len())
	}
}

// The kept-aside banner draws from its props: the reason, where the session is (kept aside, or
// nowhere when the browser had no room and saving stopped), and its download.
func TestAsideNoticeRendersItsProps(t *testing.T) {
	a := asideEntry{Reason: "version 99", Data: "{}"}
	for _, c := range []struct {
		unsaved   bool
		want, not string
	}{
		{false, "It is kept aside", "no room"},
		{true, "the browser has no room to keep it aside", "It is kept aside"},
	} {
		html := app.HTMLString(&asideNotice{Lang: langEN, Aside: a, Unsaved: c.unsaved})
		if !strings.Contains(html, c.want) || strings.Contains(html, c.not) || !strings.Contains(html, "(version 99)") || !strings.Contains(html, "Download it") {
			t.Errorf("unsaved %v: want %q, not %q: %s", c.unsaved, c.want, c.not, html)
		}
	}
}
