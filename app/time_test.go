package app

import (
	"strings"
	"testing"
	"time"
)

// "Slow down while something changes": at 1× a 3-replica rolling update is over in 1.5 s, so
// while work is due within a few seconds the clock plays at slowSpeed; idle waits, a learner
// who turned it off, and speeds already slower keep the chosen speed.
func TestFrameSpeed(t *testing.T) {
	cases := []struct {
		name   string
		slow   bool
		speed  float64
		work   bool // a rollout is under way (work due now)
		idle   time.Duration
		expect float64
	}{
		{"rollout at 1×, slow on", true, 1, true, 0, slowSpeed},
		{"rollout at 10×, slow on", true, 10, true, 0, slowSpeed},
		{"rollout at 1×, slow off", false, 1, true, 0, 1},
		{"rollout at 0.25×", true, 0.25, true, 0, 0.25},
		{"settled cluster", true, 1, false, 0, 1},
		{"settled, after a minute idle", true, 5, false, time.Minute, 5},
		{"a Deployment a minute after its rollout", true, 5, true, time.Minute, 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, d := mount(t, "/?lang=en&play=1")
			ctx := d.Context()
			p.setPlaying(ctx, false)
			p.slowChanges, p.speed = c.slow, c.speed
			if c.work {
				p.apply(ctx, seedYAML)
			}
			p.sess.Advance(c.idle)
			if got := p.frameSpeed(); got != c.expect {
				t.Fatalf("speed %v, want %v (pending %d)", got, c.expect, p.sess.Pending())
			}
		})
	}
}

// A new visitor has the slow-down on; turning it off is remembered across a reload.
func TestSlowChangesIsAPersistedPreference(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	if !p.slowChanges {
		t.Fatal("new visitors watch changes slowed down")
	}
	do(d, actSlow, false)
	q, d2 := mount(t, "/?lang=en&play=1")
	copyStorage(t, d.Context(), d2.Context())
	q.inited = false
	q.initState()
	q.restoreLocal(d2.Context())
	if q.slowChanges {
		t.Fatal("the choice to turn it off was not kept")
	}
}

// Step to the next change records its explanation in the log, which keeps the last
// maxExplained and survives Play.
func TestExplanationLogSurvivesPlay(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.setPlaying(ctx, false)
	p.apply(ctx, seedYAML)
	for i := 0; i < 3*maxExplained && p.view.Pending > 0; i++ {
		doAct(d, actStepChange)
	}
	if len(p.explained) != maxExplained {
		t.Fatalf("%d explanations kept, want %d", len(p.explained), maxExplained)
	}
	last := p.explained[len(p.explained)-1]
	p.setPlaying(ctx, true)
	if p.stepLabel != "" || len(p.explained) != maxExplained || p.explained[len(p.explained)-1].Label != last.Label {
		t.Fatal("Play cleared the explanation log")
	}
	if html := squash(render(p, d)); !strings.Contains(html, last.Label) {
		t.Fatal("the log is not shown while playing")
	}
}

// While the view is in the past (after Undo) a status line says so and the terminal output of
// the undone command is dimmed; Redo brings the present back and both go.
func TestPastIsShown(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	applySeed(t, p, d)
	p.runLine(ctx, "kubectl scale deployment nginx-deployment-controller --replicas=3")
	settle(p, d, 10)
	p.setPlaying(ctx, false)
	html := squash(render(p, d))
	if strings.Contains(html, `id="time-past"`) || strings.Contains(html, `class="future"`) {
		t.Fatal("the present is shown as the past")
	}
	doAct(d, actUndo)
	html = squash(render(p, d))
	if !strings.Contains(html, `id="time-past"`) || !strings.Contains(html, "Viewing the past") {
		t.Fatal("no status line while in the past")
	}
	i := strings.Index(html, `class="future"`)
	if i < 0 || !strings.Contains(html[i:], "kubectl scale deployment nginx-deployment-controller --replicas=3") ||
		strings.Contains(html[i:], "kubectl apply") {
		t.Fatal("the undone command's output is not dimmed (or the apply before it is)")
	}
	doAct(d, actRedo)
	if html = squash(render(p, d)); strings.Contains(html, `id="time-past"`) || strings.Contains(html, `class="future"`) {
		t.Fatal("after Redo the view is still in the past")
	}
}

// The timeline marks each action with its command; after Undo a new command replaces the
// undone one's mark, even when the log ends up as long as before (the marks are cached).
func TestTimelineMarksFollowTheInputs(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.setPlaying(ctx, false)
	p.runLine(ctx, "kubectl create deployment web --image=nginx:1.8")
	p.runLine(ctx, "kubectl scale deployment web --replicas=3")
	texts := func() []string {
		var out []string
		for _, m := range p.timelineMarks() {
			out = append(out, m.Text)
		}
		return out
	}
	if got := strings.Join(texts(), "|"); got != "kubectl create deployment web --image=nginx:1.8|kubectl scale deployment web --replicas=3" {
		t.Fatalf("marks %q", got)
	}
	doAct(d, actUndo)
	p.runLine(ctx, "kubectl scale deployment web --replicas=5")
	if got := texts(); len(got) != 2 || got[1] != "kubectl scale deployment web --replicas=5" {
		t.Fatalf("after undo and a new command, marks %q", got)
	}
	if html := squash(render(p, d)); !strings.Contains(html, `aria-label="00:00.0 kubectl scale deployment web --replicas=5"`) {
		t.Fatal("the mark has no accessible name with its time and command")
	}
}
