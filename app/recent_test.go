package app

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// TestReplacedSessionsStayRecoverable: product rule (issue 11) — opening a share link, Start
// over (after its confirmation) and a command typed while the timeline is scrubbed into the
// past each keep the session they replace in Recent sessions, from which it comes back whole.
func TestReplacedSessionsStayRecoverable(t *testing.T) {
	other, od := mount(t, "/?lang=en&play=1")
	other.runLine(od.Context(), "kubectl create deployment shared --image=nginx:1.9.1")
	data, _ := other.sess.Marshal()
	frag, err := encodeShare(data, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, why string
		replace   func(t *testing.T, p *playground, d app.ClientDispatcher)
	}{
		{"share link", "recent.why.share", func(t *testing.T, p *playground, d app.ClientDispatcher) {
			p.loadShare(d.Context(), frag)
			finishRestore(p, d)
			if len(p.view.Deployments) != 1 || p.view.Deployments[0].Name != "shared" || p.recentNotice == "" {
				t.Fatalf("the link was not opened with its notice: %+v", p.view.Deployments)
			}
		}},
		{"start over", "recent.why.startOver", func(t *testing.T, p *playground, d app.ClientDispatcher) {
			ctx := d.Context()
			actStartOver.post(ctx, ask)
			d.Consume()
			if !p.confirmStartOver || len(p.view.Deployments) != 1 {
				t.Fatal("Start over did not ask first")
			}
			actStartOver.post(ctx, yes)
			d.Consume()
			if len(p.view.Deployments) != 0 {
				t.Fatal("Start over did not start over")
			}
		}},
		{"command in the past", "recent.why.future", func(t *testing.T, p *playground, d app.ClientDispatcher) {
			ctx := d.Context()
			do(d, actScrub, time.Second)
			p.runLine(ctx, "kubectl get pods")
			if p.sess.Position() != p.sess.Len() || p.view.Elapsed > 2*time.Second {
				t.Fatalf("the command did not run in the past: elapsed %v", p.view.Elapsed)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, d := mount(t, "/?lang=en&play=1")
			ctx := d.Context()
			applySeed(t, p, d)
			p.setPlaying(ctx, false)
			want := p.sess.View(0)
			tc.replace(t, p, d)
			list := readRecent(ctx)
			if len(list) == 0 || list[0].Why != tc.why {
				t.Fatalf("recent sessions: %+v", list)
			}
			replacing := p.sess.Len()
			p.openRecent(ctx, 0)
			finishRestore(p, d)
			got := p.sess.View(0)
			if got.Version != want.Version || got.Elapsed != want.Elapsed || len(got.Deployments) != 1 {
				t.Fatalf("came back as version %d elapsed %v, want %d %v", got.Version, got.Elapsed, want.Version, want.Elapsed)
			}
			// The session it replaced is in the list in turn (an empty cluster is not kept).
			if list := readRecent(ctx); replacing > 0 && (len(list) == 0 || list[0].Why != "recent.why.switched") {
				t.Fatalf("the session in place was not kept: %+v", list)
			}
		})
	}
}

// The recent sessions menu draws from its props alone: closed, a collapsed disclosure; open, one
// button per kept session (time, why it was replaced, inputs, last command), or "none yet".
func TestRecentMenuRendersItsProps(t *testing.T) {
	entries := []recentEntry{
		{At: "2026-01-02T03:04:05Z", Why: "recent.why.share", Inputs: 3, Last: "kubectl get pods"},
		{At: "2026-01-02T03:05:05Z", Why: "recent.why.startOver", Inputs: 1},
	}
	cases := []struct {
		name   string
		menu   recentMenu
		want   []string
		absent []string
	}{
		{"closed", recentMenu{Lang: langEN, List: entries}, []string{`aria-expanded="false"`}, []string{`id="recent-list"`, "kubectl get pods"}},
		{"open", recentMenu{Lang: langEN, Open: true, List: entries}, []string{`id="recent-list"`, "kubectl get pods", "3 inputs", "before a share link"}, nil},
		{"open and empty", recentMenu{Lang: langEN, Open: true}, []string{tr(langEN, "recent.empty")}, []string{"<button class=\"btn ghost small\""}},
	}
	for _, c := range cases {
		html := app.HTMLString(&c.menu)
		for _, w := range c.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: no %q in %s", c.name, w, html)
			}
		}
		for _, a := range c.absent {
			if strings.Contains(html, a) {
				t.Errorf("%s: %q in %s", c.name, a, html)
			}
		}
	}
	if html := app.HTMLString(&recentMenu{Lang: langEN, Open: true, List: entries}); strings.Count(html, "<li") != 2 {
		t.Errorf("open: want 2 items, got %s", html)
	}
}

// The Start over notice draws from its props: first the question with its two answers, then
// where the replaced session went with a way back.
func TestStartOverNoticeRendersItsProps(t *testing.T) {
	ask := app.HTMLString(&startOverNotice{Lang: langEN, Confirm: true, Notice: "recent.notice.startOver"})
	told := app.HTMLString(&startOverNotice{Lang: langEN, Notice: "recent.notice.startOver"})
	for _, c := range []struct{ html, want, not string }{
		{ask, tr(langEN, "startOver.confirm"), tr(langEN, "recent.goBack")},
		{told, tr(langEN, "recent.notice.startOver"), tr(langEN, "startOver.confirm")},
	} {
		if !strings.Contains(c.html, c.want) || strings.Contains(c.html, c.not) {
			t.Errorf("want %q, not %q: %s", c.want, c.not, c.html)
		}
	}
}
