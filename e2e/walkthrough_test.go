//go:build !js

package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// contract is in docs/testing.md: the controls a learner (and every browser test) finds by role and
// accessible name, in English.
var contract = []struct{ role, name string }{
	{"textbox", "Deployment YAML"},
	{"textbox", "kubectl command"},
	{"log", "Terminal"},
	{"button", "Step"},
	{"button", "Play|Pause"},
	{"button", "Undo"},
	{"button", "Redo"},
	{"status", "Cluster time"},
	{"tree", "Cluster objects"},
}

// deploy is the Deployment of the page's starting file, the Kubernetes tutorial's.
const deploy = "nginx-deployment"

// TestWalkthrough goes through the lab as a learner would: create the Deployment from the
// editor's YAML (the tutorial's 3 replicas of nginx:1.7.9), scale it to 4, roll out nginx:1.9.1,
// fail with nginx:1.91, roll back to revision 2
// (which becomes revision 4), undo and redo, reload, and switch to Chinese.
func TestWalkthrough(t *testing.T) {
	b := newBrowser(t)
	srv := serveSite(t, buildSite(t), "")
	start := time.Now()
	step := func(format string, args ...any) {
		t.Logf("%6.1fs  %s", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}

	step("open %s?lang=en", srv.URL)
	b.open(t, srv.URL+"?lang=en")
	b.screenshot(t, "01-loaded")
	checkContract(t, b)

	yaml := mustEval[string](t, b, `__rl.text(__rl.one("textbox", "Deployment YAML"))`)
	for _, want := range []string{"kind: Deployment", "name: " + deploy, "replicas: 3", "image: nginx:1.7.9"} {
		if !strings.Contains(yaml, want) {
			t.Fatalf("the editor's YAML lacks %q:\n%s", want, yaml)
		}
	}

	step("Play runs the clock, Pause stops it")
	before := mustEval[string](t, b, `__lab.clock()`)
	if len(mustEval[[]string](t, b, `__rl.find("button", "Pause").map(__rl.name)`)) > 0 {
		b.click(t, "button", "Pause") // a session that starts playing: stop it first
		before = mustEval[string](t, b, `__lab.clock()`)
	}
	b.click(t, "button", "Play")
	b.waitFor(t, `the button "Pause" once playing`, `__rl.find("button", "Pause").length > 0`, `JSON.stringify(__rl.find("button").map(__rl.name))`, 10*time.Second)
	b.waitFor(t, "the cluster time to move while playing", fmt.Sprintf(`__lab.clock() !== %s`, jsString(before)), `__lab.clock()`, 30*time.Second)
	b.click(t, "button", "Pause")
	b.waitFor(t, `the button "Play" once paused`, `__rl.find("button", "Play").length > 0`, `JSON.stringify(__rl.find("button").map(__rl.name))`, 10*time.Second)

	step("kubectl apply -f nginx-deployment.yaml (the editor's buffer)")
	b.command(t, "kubectl apply -f nginx-deployment.yaml", "deployment.apps/"+deploy+" created")
	b.stepUntil(t, "the Deployment and its 3 running pods",
		`__lab.of("Deployment").some(d => d.name === "`+deploy+`") && __lab.pods().length === 3 && __lab.pods().every(__lab.running)`, 400)
	b.screenshot(t, "02-created")

	step("kubectl scale deployment %s --replicas=4", deploy)
	b.command(t, "kubectl scale deployment "+deploy+" --replicas=4", "deployment.apps/"+deploy+" scaled")
	b.stepUntil(t, "4 running pods", `__lab.pods().length === 4 && __lab.pods().every(__lab.running)`, 400)
	b.screenshot(t, "03-scaled")

	step("kubectl set image deployment/%s nginx=nginx:1.9.1", deploy)
	b.command(t, "kubectl set image deployment/"+deploy+" nginx=nginx:1.9.1", "deployment.apps/"+deploy+" image updated")
	b.stepUntil(t, "the rolling update to finish: revision 2 with 4 running pods and no others",
		`(() => { const r = __lab.rs(2); const p = __lab.podsOf(r);
		  return r && p.length === 4 && p.every(__lab.running) && __lab.pods().length === 4 && __lab.of("Pod").length === 4; })()`, 600)
	b.screenshot(t, "04-rolled-out-1.9.1")

	step("kubectl set image deployment/%s nginx=nginx:1.91 (an image that does not exist)", deploy)
	b.command(t, "kubectl set image deployment/"+deploy+" nginx=nginx:1.91", "deployment.apps/"+deploy+" image updated")
	// 4 replicas, maxSurge and maxUnavailable 25% (1 pod each): one old pod goes, two new ones come.
	b.stepUntil(t, "ImagePullBackOff: 2 new pods of revision 3 and 3 old pods of revision 2",
		`(() => { const n = __lab.podsOf(__lab.rs(3)), o = __lab.podsOf(__lab.rs(2));
		  return n.length === 2 && n.every(p => /ImagePullBackOff/.test(p.state)) && o.length === 3 && __lab.pods().length === 5; })()`, 600)
	b.screenshot(t, "05-image-pull-backoff")

	step("kubectl rollout undo deployment/%s --to-revision=2", deploy)
	b.command(t, "kubectl rollout undo deployment/"+deploy+" --to-revision=2", "deployment.apps/"+deploy+" rolled back")
	b.stepUntil(t, "the rollback to settle: revision 4 (the old revision 2) with 4 running pods, no failing pod",
		`(() => { const r = __lab.rs(4); const p = __lab.podsOf(r);
		  return r && !__lab.rs(2) && p.length === 4 && p.every(__lab.running) && __lab.of("Pod").length === 4
		    && !__lab.of("Pod").some(x => /ImagePull|ErrImage/.test(x.state)); })()`, 600)
	b.command(t, "kubectl describe deployment "+deploy, "Image:")
	desc := b.lastOutput(t, "kubectl describe deployment "+deploy)
	for _, re := range []string{`deployment\.kubernetes\.io/revision:\s*4`, `Image:\s+nginx:1\.9\.1`} {
		if !regexp.MustCompile(re).MatchString(desc) {
			t.Errorf("kubectl describe deployment: no match for %s in:\n%s", re, desc)
		}
	}
	b.command(t, "kubectl rollout history deployment/"+deploy, "REVISION")
	hist := b.lastOutput(t, "kubectl rollout history deployment/"+deploy)
	if !regexp.MustCompile(`(?m)^4\s`).MatchString(hist) || regexp.MustCompile(`(?m)^2\s`).MatchString(hist) {
		t.Errorf("kubectl rollout history should list revisions 1, 3, 4 (2 became 4):\n%s", hist)
	}
	b.screenshot(t, "06-rolled-back-revision-4")

	step("Undo and Redo")
	settled := mustEval[string](t, b, `__lab.snapshot()`)
	order := mustEval[string](t, b, `__lab.order()`)
	// The undo history is part of the session: Undo/Redo and the timeline must come back too.
	const controls = `JSON.stringify(["Undo", "Redo"].map(n => { const e = __rl.one("button", n);
	    return n + (e.disabled || e.getAttribute("aria-disabled") === "true" ? " disabled" : " enabled"); })
	  .concat(__rl.find("slider").map(e => "slider " + __rl.name(e) + " " + e.getAttribute("aria-valuetext"))))`
	b.click(t, "button", "Undo")
	b.waitFor(t, "Undo to change the cluster", fmt.Sprintf(`__lab.snapshot() !== %s`, jsString(settled)), `__lab.snapshot()`, 20*time.Second)
	b.click(t, "button", "Redo")
	b.waitFor(t, "Redo to bring the same cluster back", fmt.Sprintf(`__lab.snapshot() === %s`, jsString(settled)), `__lab.snapshot()`, 20*time.Second)
	history := mustEval[string](t, b, controls)

	step("reload: the session survives")
	b.open(t, srv.URL+"?lang=en")
	b.waitFor(t, "the same cluster after a reload", fmt.Sprintf(`__lab.snapshot() === %s`, jsString(settled)),
		`__lab.snapshot() + "\n  want " + `+jsString(settled), 20*time.Second)
	if got := mustEval[string](t, b, `__lab.order()`); got != order {
		t.Logf("note: the tree lists the same objects in another order after the reload:\n  before %s\n  after  %s", order, got)
	}
	b.waitFor(t, "the same undo history and timeline after the reload", fmt.Sprintf(`%s === %s`, controls, jsString(history)),
		controls+` + "\n  want " + `+jsString(history), 10*time.Second)
	b.screenshot(t, "07-reloaded")

	step("switch to 中文")
	count := mustEval[int](t, b, `__lab.items().length`)
	toggle := mustEval[[]string](t, b, `__rl.find("button").concat(__rl.find("link")).concat(__rl.find("option")).map(__rl.name).filter(n => /中文/.test(n))`)
	if len(toggle) > 0 {
		role := mustEval[string](t, b, fmt.Sprintf(`["button","link","option"].find(r => __rl.find(r, %s).length > 0)`, jsString(toggle[0])))
		b.click(t, role, toggle[0])
		b.waitFor(t, "the page in Chinese after the 中文 toggle", `__rl.find("button", "Step").length === 0`, `JSON.stringify(__rl.find("button").map(__rl.name))`, 20*time.Second)
	} else {
		t.Logf("no 中文 toggle (a button or link whose name has 中文): using ?lang=zh")
		b.open(t, srv.URL+"?lang=zh")
	}
	b.waitFor(t, "translated controls", `__rl.find("button").some(e => /[\u4e00-\u9fff]/.test(__rl.name(e))) && __rl.find("button", "Step").length === 0`,
		`JSON.stringify(__rl.find("button").map(__rl.name))`, 20*time.Second)
	names := mustEval[[]string](t, b, `__rl.find("button").concat(__rl.find("textbox"), __rl.find("tree"), __rl.find("log"), __rl.find("status")).map(__rl.name)`)
	t.Logf("controls in Chinese: %q", names)
	if got := mustEval[int](t, b, `__rl.find("treeitem").length`); got != count {
		t.Errorf("switching language changed the cluster: %d tree items, had %d", got, count)
	}
	b.screenshot(t, "08-zh")

	b.open(t, srv.URL+"?lang=en")
	b.waitFor(t, "English again with ?lang=en", `__rl.find("button", "Step").length === 1`, `JSON.stringify(__rl.find("button").map(__rl.name))`, 20*time.Second)
	step("done")
}

// checkContract fails unless Chromium's accessibility tree has every control of the browser contract (docs/testing.md).
func checkContract(t *testing.T, b *browser) {
	t.Helper()
	missing := 0
	for _, c := range contract {
		names := b.axNames(t, c.role)
		found := false
		for _, n := range names {
			for _, want := range strings.Split(c.name, "|") {
				found = found || n == want
			}
		}
		if !found {
			missing++
			t.Errorf("no %s named %q in the accessibility tree (it has %ss named %q)", c.role, c.name, c.role, names)
		}
	}
	if missing > 0 {
		t.FailNow()
	}
}

// command types a command line into the terminal, presses Enter, and waits until the
// terminal shows want once more than before.
func (b *browser) command(t *testing.T, line, want string) {
	t.Helper()
	n := mustEval[int](t, b, fmt.Sprintf(`__lab.count(__lab.terminal(), %s)`, jsString(want)))
	b.typeInto(t, "kubectl command", line, true)
	b.waitFor(t, fmt.Sprintf("%q to print %q", line, want),
		fmt.Sprintf(`__lab.count(__lab.terminal(), %s) > %d`, jsString(want), n),
		`__lab.terminal().slice(-1500)`, 20*time.Second)
}

// lastOutput is what the terminal shows after the last echo of line.
func (b *browser) lastOutput(t *testing.T, line string) string {
	t.Helper()
	term := mustEval[string](t, b, `__lab.terminal()`)
	i := strings.LastIndex(term, line)
	if i < 0 {
		t.Fatalf("the terminal does not show %q:\n%s", line, term)
	}
	return term[i+len(line):]
}

// stepUntil clicks Step until the JavaScript condition holds.
func (b *browser) stepUntil(t *testing.T, what, cond string, max int) {
	t.Helper()
	start := time.Now()
	n, err := eval[int](b, fmt.Sprintf(`__lab.stepUntil(() => %s, %d)`, cond, max))
	if err != nil || n < 0 {
		tree, _ := eval[[]string](b, `__lab.items().map(i => i.raw)`)
		clock, _ := eval[string](b, `__lab.clock()`)
		t.Fatalf("waiting for %s: not after %d clicks on Step (err %v); cluster time %q, tree:\n  %s\nconsole:\n%s",
			what, max, err, clock, strings.Join(tree, "\n  "), b.consoleTail(10))
	}
	t.Logf("        %s: %d clicks on Step, %v", what, n, time.Since(start).Round(time.Millisecond))
}
