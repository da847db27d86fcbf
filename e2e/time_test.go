//go:build !js

package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestTimeYouCanFollow (issue 12): idle minutes before the first object do not squeeze the
// chart (it follows recent activity, "Show all" spans the session); the timeline marks each
// command with the command as its accessible name; "Step to next change" walks a rollout in a
// few clicks; Undo/Redo read "Undo action"/"Redo action" while their accessible names stay
// "Undo"/"Redo" (the browser contract, docs/testing.md); and one Undo after `kubectl rollout undo` returns to just
// before that command, with the page saying it shows the past and the later output dimmed.
func TestTimeYouCanFollow(t *testing.T) {
	b := newBrowser(t)
	srv := serveSite(t, buildSite(t), "")
	b.open(t, srv.URL+"?lang=en")

	names := b.axNames(t, "button")
	for _, want := range []string{"Undo", "Redo", "Step", "Step to next change"} {
		if !slices.Contains(names, want) {
			t.Fatalf("no button named exactly %q: %q", want, names)
		}
	}
	visible := mustEval[string](t, b, `["Undo", "Redo"].map(n => __rl.one("button", n).innerText.replace(/\s+/g, " ").trim()).join("|")`)
	if visible != "↶ Undo action|↷ Redo action" && visible != "↶Undo action|↷Redo action" {
		t.Fatalf("visible text of Undo/Redo: %q", visible)
	}

	// A minute of idle time before anything exists: play at 20× (nothing changes, so the
	// slow-down does not apply).
	if len(mustEval[[]string](t, b, `__rl.find("button", "Pause").map(__rl.name)`)) > 0 {
		b.click(t, "button", "Pause")
	}
	mustEval[bool](t, b, `(() => { const s = document.getElementById("speed"); s.value = "20";
	  s.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`)
	b.click(t, "button", "Play")
	b.waitFor(t, "a minute of idle time", `__lab.clock() >= "01:00.0"`, `__lab.clock()`, 60*time.Second)
	b.click(t, "button", "Pause")
	b.waitFor(t, `the button "Play" once paused`, `__rl.find("button", "Play").length > 0`, `__lab.clock()`, 10*time.Second)

	b.command(t, "kubectl apply -f nginx-deployment.yaml", "deployment.apps/"+deploy+" created")
	b.stepToChangeUntil(t, "3 running pods", `__lab.pods().length === 3 && __lab.pods().every(__lab.running)`, 60)

	// The command's mark sits on the timeline where it ran (after the idle minute).
	mark := ""
	for _, n := range b.axNames(t, "button") {
		if strings.HasSuffix(n, " kubectl apply -f nginx-deployment.yaml") {
			mark = n
		}
	}
	if mark == "" {
		t.Fatalf("no timeline mark for the apply: %q", b.axNames(t, "button"))
	}
	left := mustEval[float64](t, b, `parseFloat(document.querySelector(".timeline-marks li").style.left)`)
	if left < 80 {
		t.Fatalf("the apply's mark %q is at %.1f%% of the timeline; it ran after 60 of ~62 s", mark, left)
	}

	// The chart follows the activity: the first line starts near the left, not at the far right.
	const firstX = `parseFloat(/^M([\d.]+)/.exec(document.querySelector('path[data-line="desired"]').getAttribute("d"))[1])`
	if x := mustEval[float64](t, b, firstX); x > 330 {
		t.Fatalf("the chart's first line starts at x=%.0f of 640: squeezed by the idle minute", x)
	}
	b.click(t, "button", "Show all")
	b.waitFor(t, "Show all to span the idle minute", firstX+` > 500`, firstX, 10*time.Second)
	b.click(t, "button", "Show all")

	b.command(t, "kubectl set image deployment/"+deploy+" nginx=nginx:1.9.1", "image updated")
	clicks := b.stepToChangeUntil(t, "revision 2 with 3 running pods",
		`(() => { const p = __lab.podsOf(__lab.rs(2)); return p.length === 3 && p.every(__lab.running) && __lab.of("Pod").length === 3; })()`, 60)
	before := mustEval[string](t, b, `__lab.snapshot()`)
	b.command(t, "kubectl rollout undo deployment/"+deploy, "rolled back")
	b.stepToChangeUntil(t, "revision 3 with 3 running pods",
		`(() => { const p = __lab.podsOf(__lab.rs(3)); return p.length === 3 && p.every(__lab.running) && __lab.of("Pod").length === 3; })()`, 60)
	after := mustEval[string](t, b, `__lab.snapshot()`)
	t.Logf("rollout of 3 pods: %d clicks on Step to next change", clicks)

	b.click(t, "button", "Undo")
	b.waitFor(t, "one Undo to return to just before `kubectl rollout undo`",
		fmt.Sprintf(`__lab.snapshot() === %s`, jsString(before)), `__lab.snapshot()`, 20*time.Second)
	b.waitFor(t, "a status line saying the view is in the past",
		`(document.getElementById("time-past") || {}).innerText?.includes("Viewing the past")`, `document.querySelector(".controls").innerText`, 10*time.Second)
	b.waitFor(t, "the undone command's output dimmed",
		`[...document.querySelectorAll(".term-log .future")].some(e => e.innerText.includes("kubectl rollout undo"))`, `__lab.terminal().slice(-500)`, 10*time.Second)
	b.screenshot(t, "time-undo-action")
	b.click(t, "button", "Redo")
	b.waitFor(t, "Redo to bring the rollout undo back", fmt.Sprintf(`__lab.snapshot() === %s`, jsString(after)), `__lab.snapshot()`, 20*time.Second)
	b.waitFor(t, "the past status line to go", `!document.getElementById("time-past")`, `document.querySelector(".controls").innerText`, 10*time.Second)
}

// stepToChangeUntil clicks "Step to next change" until cond holds and returns the clicks.
func (b *browser) stepToChangeUntil(t *testing.T, what, cond string, max int) int {
	t.Helper()
	n, err := eval[int](b, fmt.Sprintf(`__lab.stepUntil(() => %s, %d, "Step to next change")`, cond, max))
	if err != nil || n < 0 {
		tree, _ := eval[[]string](b, `__lab.items().map(i => i.raw)`)
		t.Fatalf("waiting for %s: not after %d clicks on Step to next change (err %v); tree:\n  %s", what, max, err, strings.Join(tree, "\n  "))
	}
	return n
}
