package app

import (
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
)

// TestFrameWorkIsBounded: one frame runs at most MaxInstants instants of due work, and stops
// early (Truncated) rather than covering all the virtual time it was asked for.
func TestFrameWorkIsBounded(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.setPlaying(ctx, false)
	// One pod at a time: a rolling update with maxSurge 1 and maxUnavailable 0 spreads the
	// work over many instants.
	yaml := strings.Replace(seedYAML, "replicas: 2", "replicas: 30\n  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0", 1)
	p.apply(ctx, yaml)
	p.setPlaying(ctx, true)
	settle(p, d, 200)
	p.setPlaying(ctx, false)
	p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1")
	p.budget = frameBudget{FrameBudget: engine.FrameBudget{MaxInstants: 8, Wall: time.Hour}}
	p.playing = true
	p.sess.Paused = false
	frames, truncated := 0, 0
	for ; frames < 1000; frames++ {
		st := p.advanceFrame(20 * time.Second)
		if st.Instants > p.budget.MaxInstants {
			t.Fatalf("frame %d ran %d instants", frames, st.Instants)
		}
		if st.Advanced > st.Requested {
			t.Fatalf("frame %d advanced %v of %v", frames, st.Advanced, st.Requested)
		}
		if st.Truncated {
			truncated++
			if st.Advanced >= st.Requested {
				t.Fatalf("a truncated frame covered all its time")
			}
		}
		v := p.sess.View(1)
		if dv := v.Deployments[0]; dv.Updated == 30 && dv.Ready == 30 && dv.Total == 30 {
			break
		}
	}
	if truncated == 0 {
		t.Fatal("no frame hit the budget: the test does not exercise it")
	}
	if frames == 1000 {
		t.Fatal("the rollout never finished")
	}
	t.Logf("%d frames, %d truncated", frames+1, truncated)
}

// TestFrameWallBudget: with a tiny wall budget each frame still makes progress (one instant).
func TestFrameWallBudget(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.setPlaying(ctx, false)
	p.apply(ctx, seedYAML)
	p.budget = frameBudget{FrameBudget: engine.FrameBudget{MaxInstants: 1000, Wall: time.Nanosecond}}
	st := p.advanceFrame(time.Minute)
	if st.Instants != 1 || !st.Truncated {
		t.Fatalf("%+v", st)
	}
}

// TestSpeed: a frame covers wall time × speed when the cluster is idle.
func TestSpeed(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	for _, s := range []float64{0.25, 2, 20} {
		do(d, actSpeed, s)
		before := p.sess.View(1).Elapsed
		p.onFrame(ctx, 100*time.Millisecond)
		got := p.sess.View(1).Elapsed - before
		want := time.Duration(float64(100*time.Millisecond) * p.speed)
		if got != want {
			t.Errorf("speed %v: %v, want %v", s, got, want)
		}
	}
	do(d, actSpeed, 3) // not offered: ignored
	if p.speed != 20 {
		t.Errorf("speed %v", p.speed)
	}
	// A late frame never accounts for more than maxFrameWall.
	before := p.sess.View(1).Elapsed
	p.onFrame(ctx, time.Hour)
	if got := p.sess.View(1).Elapsed - before; got != time.Duration(float64(maxFrameWall)*20) {
		t.Errorf("a one-hour frame advanced %v", got)
	}
	// Paused: frames do nothing.
	p.setPlaying(ctx, false)
	before = p.sess.View(1).Elapsed
	p.onFrame(ctx, time.Second)
	if p.sess.View(1).Elapsed != before {
		t.Error("a paused clock moved")
	}
}

// TestPausedCommandsWaitForStep: while paused, a command's consequences wait in the queue;
// Step runs them one at a time with explanations; Play runs the rest.
func TestPausedCommandsWaitForStep(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.setPlaying(ctx, false)
	p.apply(ctx, seedYAML)
	if p.view.Pending == 0 {
		t.Fatal("nothing queued after a paused apply")
	}
	if len(p.view.Deployments) != 1 || len(p.view.Deployments[0].ReplicaSets) != 0 {
		t.Fatal("the controllers ran although the clock is paused")
	}
	doAct(d, actStep)
	if p.stepLabel == "" || len(p.stepNotes) == 0 {
		t.Fatalf("step without explanation: %q %v", p.stepLabel, p.stepNotes)
	}
	html := squash(render(p, d))
	if !strings.Contains(html, "created ReplicaSet nginx-deployment-controller-") {
		t.Errorf("the step's explanation is not shown")
	}
	do(d, actLang, langZH)
	if html := squash(render(p, d)); !strings.Contains(html, "于是创建了 ReplicaSet") {
		t.Errorf("the explanation does not follow the language")
	}
	// Play: the work queued at this instant runs on the next frame.
	p.setPlaying(ctx, true)
	settle(p, d, 40)
	if p.view.Deployments[0].Ready != 2 {
		t.Fatalf("ready %d after playing", p.view.Deployments[0].Ready)
	}
	// Nothing queued: Step says so.
	p.setPlaying(ctx, false)
	for i := 0; i < 20 && p.view.Pending > 0; i++ {
		doAct(d, actStep)
	}
	doAct(d, actStep)
	if !p.stepNothing {
		t.Fatal("Step with nothing queued should say so")
	}
}

func TestFormatClock(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                    "00:00.0",
		12500 * time.Millisecond:             "00:12.5",
		61*time.Second + 99*time.Millisecond: "01:01.0",
		3723400 * time.Millisecond:           "1:02:03.4",
		-time.Second:                         "00:00.0",
	} {
		if got := formatClock(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
