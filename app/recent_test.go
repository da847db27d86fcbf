package app

import (
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
			p.scrubTo(ctx, time.Second)
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
			list := p.readRecent(ctx)
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
			if list := p.readRecent(ctx); replacing > 0 && (len(list) == 0 || list[0].Why != "recent.why.switched") {
				t.Fatalf("the session in place was not kept: %+v", list)
			}
		})
	}
}
