package app

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// copyStorage copies the playground's keys from one tester's storage to another's.
func copyStorage(t *testing.T, from, to app.Context) {
	t.Helper()
	for _, k := range []string{storeSession, storeEditor, storePrefs, storeLessonRun, lessonSessionKey("seed"), lessonEditorPrefix + "seed", storeProgress} {
		var raw json.RawMessage
		if err := from.LocalStorage().Get(k, &raw); err != nil {
			t.Fatal(err)
		}
		if raw != nil {
			if err := to.LocalStorage().Set(k, raw); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestReloadKeepsEverything: the session, terminal, chart, editor text and preferences survive
// a reload.
func TestReloadKeepsEverything(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	applySeed(t, p, d)
	do(d, actSpeed, 5)
	do(d, actEditorText, strings.Replace(seedYAML, "nginx:1.8", "nginx:1.9.1", 1))
	p.runLine(ctx, "kubectl get rs")
	p.setPlaying(ctx, false)
	p.save(ctx)
	want := p.sess.View(0)

	q, d2 := mount(t, "/?play=1")
	ctx2 := d2.Context()
	copyStorage(t, ctx, ctx2)
	q.initState()
	q.inited = false
	q.initState()
	q.restoreLocal(ctx2)
	finishRestore(q, d2)
	got := q.sess.View(0)
	if got.Version != want.Version || got.Elapsed != want.Elapsed {
		t.Fatalf("cluster differs after reload: version %d/%d elapsed %v/%v", got.Version, want.Version, got.Elapsed, want.Elapsed)
	}
	if len(q.term) != len(p.term) || q.term[len(q.term)-1].Line != "kubectl get rs" {
		t.Fatalf("terminal after reload: %+v", q.term)
	}
	if !strings.Contains(q.editorText, "nginx:1.9.1") || q.editorRev == 0 {
		t.Fatal("editor text lost")
	}
	if q.speed != 5 || q.playing {
		t.Fatalf("prefs: speed %v playing %v", q.speed, q.playing)
	}
	if len(q.chart.Series) != 1 {
		t.Fatal("chart lost")
	}
}

// TestUndoRedoMoveByActions: Undo goes back to just before the learner's last action (here the
// scale), over the steps after it and the inputs that left the cluster as it was (kubectl get,
// describe); the terminal names the action; Redo comes back in one click.
func TestUndoRedoMoveByActions(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.setPlaying(ctx, false)
	p.apply(ctx, seedYAML)
	for i := 0; i < 40 && p.view.Pending > 0; i++ {
		doAct(d, actStep)
	}
	p.runLine(ctx, "kubectl scale deployment nginx-deployment-controller --replicas=3")
	doAct(d, actStep)
	p.runLine(ctx, "kubectl describe deployment nginx-deployment-controller")
	p.runLine(ctx, "kubectl rollout history deployment/nginx-deployment-controller")
	settled := p.fingerprint()
	tree := treeItemNames(render(p, d))
	doAct(d, actUndo)
	if p.fingerprint() == settled {
		t.Fatal("Undo did not change the cluster")
	}
	last := p.term[len(p.term)-1]
	if last.Kind != entryNote || noteText(langEN, last) != "undone: kubectl scale deployment nginx-deployment-controller --replicas=3" {
		t.Fatalf("undo note %+v", last)
	}
	doAct(d, actRedo)
	if p.fingerprint() != settled {
		t.Fatal("Redo did not bring the same cluster back")
	}
	if got := treeItemNames(render(p, d)); strings.Join(got, "\n") != strings.Join(tree, "\n") {
		t.Fatalf("tree after redo:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tree, "\n"))
	}
	html := squash(render(p, d))
	if !strings.Contains(html, "# undone: kubectl scale") || !strings.Contains(html, "# redone: kubectl scale") {
		t.Error("undo and redo are not noted in the terminal")
	}
}

// TestScrubber: dragging the timeline back and forth reaches both ends, even though
// Session.SeekTime drops the inputs after the point it seeks to.
func TestScrubber(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	applySeed(t, p, d) // 20 s
	p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1")
	settle(p, d, 40) // 30 s
	end := p.view.Elapsed
	final := p.sess.View(0).Version
	do(d, actScrub, 5*time.Second)
	if p.view.Elapsed != 5*time.Second || p.playing {
		t.Fatalf("at %v, playing %v", p.view.Elapsed, p.playing)
	}
	if len(p.view.Deployments[0].ReplicaSets) != 1 {
		t.Fatal("5 s in there is one ReplicaSet")
	}
	do(d, actScrub, end)
	if p.view.Elapsed != end || p.sess.View(0).Version != final {
		t.Fatalf("back at the end: %v, version %d want %d", p.view.Elapsed, p.sess.View(0).Version, final)
	}
	do(d, actScrub, 12*time.Second)
	html := squash(render(p, d))
	if !strings.Contains(html, `value="12000"`) || !strings.Contains(html, `max="`+itoa(end.Milliseconds())+`"`) {
		t.Errorf("the scrubber does not show 12 s of %v", end)
	}
	// A new input starts a new future.
	p.runLine(ctx, "kubectl scale deployment nginx-deployment-controller --replicas=1")
	if p.scrub != nil || p.timelineEnd != p.view.Elapsed {
		t.Fatal("the old future is still offered")
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// TestPanicKeepsTheSession: a panic in a handler shows the banner and restores the last good
// session instead of taking the page down.
func TestPanicKeepsTheSession(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	applySeed(t, p, d)
	good := p.sess.View(0).Version
	ok := p.guard(ctx, "test", func() {
		p.sess.Exec("kubectl scale deployment nginx-deployment-controller --replicas=5")
		panic("boom")
	})
	if ok || !strings.Contains(p.banner, "boom") {
		t.Fatalf("banner %q", p.banner)
	}
	if v := p.sess.View(0); v.Version != good || v.Deployments[0].Replicas != 2 {
		t.Fatalf("the half-done change survived: version %d want %d", v.Version, good)
	}
	html := squash(render(p, d))
	if !strings.Contains(html, `role="alert"`) || !strings.Contains(html, "boom") {
		t.Error("no banner shown")
	}
	// A panic while rendering a component gives an inline notice, not a crash.
	var ui app.UI
	func() {
		defer recoverRender(&ui, "tree")
		panic("render boom")
	}()
	if ui == nil {
		t.Fatal("recoverRender gave nothing")
	}
	// A panel's own handler panicking becomes the banner too.
	p.banner = ""
	safely("editor", func(ctx app.Context, e app.Event) { panic("js boom") })(ctx, app.Event{Value: app.Null()})
	d.Consume()
	if !strings.Contains(p.banner, "js boom") {
		t.Fatalf("banner %q", p.banner)
	}
	// An action's payload of another type than its own is refused with a banner naming the
	// action and both types, and nothing else happens (no panic, no zero value used).
	speed, inputs := p.speed, p.sess.Len()
	for _, c := range []struct {
		name  string
		value any
		want  string
	}{
		{string(actSpeed), struct{}{}, "action rl/clock/speed: the payload is struct {}, want float64"},
		{string(actExec), 42, "action rl/exec: the payload is int, want string"},
		{string(actStartOver), true, "action rl/startOver: the payload is bool, want app.answer"},
		{string(actImage), nil, "action rl/fault/image: the payload is <nil>, want app.imageChoice"},
	} {
		p.banner = ""
		ctx.NewActionWithValue(c.name, c.value)
		d.Consume()
		if !strings.Contains(p.banner, c.want) {
			t.Errorf("%s with %#v: banner %q, want %q", c.name, c.value, p.banner, c.want)
		}
	}
	if p.speed != speed || p.sess.Len() != inputs || p.confirmStartOver {
		t.Fatalf("a refused action acted: speed %v (was %v), %d inputs (was %d), confirm %v", p.speed, speed, p.sess.Len(), inputs, p.confirmStartOver)
	}
}

func TestRevisionPreview(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	applySeed(t, p, d)
	ctx := d.Context()
	p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1")
	settle(p, d, 80)
	p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91")
	settle(p, d, 80)
	deps := revisionModel(p.view)
	if len(deps) != 1 || len(deps[0].Lanes) != 3 || !deps[0].Lanes[2].Current || deps[0].Lanes[0].Revision != 1 {
		t.Fatalf("lanes %+v", deps)
	}
	lines, ok := undoPreview(langEN, deps[0], 2)
	text := strings.Join(lines, "\n")
	if !ok || !strings.Contains(text, "(revision 2, nginx:1.9.1) becomes the new ReplicaSet and keeps its 2 replicas") ||
		!strings.Contains(text, "(revision 3, nginx:1.91) scales down from 1 to 0") || !strings.Contains(text, "revision 4") {
		t.Fatalf("preview:\n%s", text)
	}
	if _, ok := undoPreview(langEN, deps[0], 3); ok {
		t.Fatal("rolling back to the current revision is offered")
	}
	if lines, ok := undoPreview(langEN, deps[0], 9); ok || !strings.Contains(lines[0], "no longer") {
		t.Fatal("a missing revision is offered")
	}
	p.runLine(ctx, undoCommand(deps[0], 2))
	if out := p.term[len(p.term)-1].Out; !strings.Contains(out, "rolled back") {
		t.Fatalf("undo printed %q", out)
	}
}

func TestFaultControls(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	p.slowChanges = false // the test counts virtual time in frames at 1×
	applySeed(t, p, d)
	ctx := d.Context()
	do(d, actImage, imageChoice{Image: "nginx:1.9.1", Mode: "missing"})
	if p.modes["nginx:1.9.1"] != "missing" {
		t.Fatalf("modes %v", p.modes)
	}
	p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1")
	settle(p, d, 40)
	failing := false
	for _, pd := range p.view.Deployments[0].ReplicaSets[0].Pods {
		failing = failing || podClass(pd) == "failing"
	}
	if !failing {
		t.Fatal("an unpullable image did not fail")
	}
	do(d, actImage, imageChoice{Image: "nginx:1.9.1", Mode: ""})
	if len(p.modes) != 0 {
		t.Fatal("the image fault is still listed")
	}
	do(d, actNode, nodeChoice{Node: "node-1", Down: true})
	if !p.down["node-1"] {
		t.Fatal("node-1 not down")
	}
	settle(p, d, 200)
	ready := map[string]string{}
	for _, n := range p.view.Nodes {
		ready[n.Name] = n.Status
	}
	if ready["node-1"] == "Ready" {
		t.Fatalf("node-1 still Ready 50 s after its kubelet stopped: %v", ready)
	}
	do(d, actNode, nodeChoice{Node: "node-9", Down: true})
	if p.banner == "" {
		t.Fatal("an unknown node gives no error")
	}
	pod := p.view.Deployments[0].ReplicaSets[0].Pods[0].Name
	p.runLine(ctx, "kubectl delete pod "+pod)
	if e := p.term[len(p.term)-1]; !strings.Contains(e.Out, `pod "`+pod+`" deleted`) {
		t.Fatalf("delete printed %+v", e)
	}
	html := squash(render(p, d))
	if !strings.Contains(html, "unpullable") && !strings.Contains(html, "Make unpullable") {
		t.Error("faults panel missing")
	}
}

// TestDetails: selecting a tree item shows its describe and YAML.
func TestDetails(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	applySeed(t, p, d)
	rs := p.view.Deployments[0].ReplicaSets[0].Name
	do(d, actSelect, itemID("ReplicaSet", rs))
	if !strings.Contains(p.detail.Describe, "Name:         "+rs) && !strings.Contains(p.detail.Describe, rs) {
		t.Fatalf("describe: %q", p.detail.Describe)
	}
	if !strings.Contains(p.detail.YAML, "kind: ReplicaSet") {
		t.Fatalf("yaml: %q", p.detail.YAML)
	}
	n := p.sess.Len()
	p.refreshDetails(true)
	if p.sess.Len() != n {
		t.Fatal("reading details recorded an input")
	}
	html := squash(render(p, d))
	if !strings.Contains(html, `role="tabpanel"`) || !strings.Contains(html, "ReplicaSet "+rs+"<") {
		t.Error("details panel not shown")
	}
	do(d, actSelect, "")
	if html := render(p, d); strings.Contains(html, `role="tabpanel"`) {
		t.Error("details still shown after closing")
	}
}

// TestEmbedAndTheme: ?embed=1 drops the footer and marks the page compact; ?theme= sets it.
func TestEmbedAndTheme(t *testing.T) {
	p, d := mount(t, "/?embed=1&theme=dark&lesson=intro&step=3")
	html := squash(render(p, d))
	if !strings.Contains(html, `data-embed="1"`) || !strings.Contains(html, `data-theme="dark"`) || strings.Contains(html, "<footer") {
		t.Fatal("embed or theme not applied")
	}
	// An unknown lesson is named in the banner; an embedded page then shows free play.
	if p.lesson != "intro" || p.step != "3" || !strings.Contains(p.banner, `"intro"`) || p.les.mode != modeFree {
		t.Fatalf("unknown lesson: banner %q, mode %q", p.banner, p.les.mode)
	}
}

// fingerprint identifies the cluster's state for undo and redo: inputs that leave it as it
// was (kubectl get, describe, the editor's file) are stepped over, so each click changes what
// the learner sees.
type fingerprint struct {
	rv      int64
	now     time.Time
	pending int
	next    time.Time
}

func (p *playground) fingerprint() fingerprint {
	v := p.sess.View(1)
	return fingerprint{rv: v.Version, now: v.Now, pending: v.Pending, next: v.Now.Add(v.NextIn)}
}
