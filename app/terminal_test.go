package app

import (
	"strings"
	"testing"
	"time"
)

func TestHistoryNavigation(t *testing.T) {
	items := []string{"kubectl get pods", "kubectl get rs", "kubectl describe deploy"}
	var h historyNav
	steps := []struct {
		key  string
		want string
		ok   bool
	}{
		{"up", "kubectl describe deploy", true},
		{"up", "kubectl get rs", true},
		{"up", "kubectl get pods", true},
		{"up", "kubectl get pods", false}, // the oldest: stays
		{"down", "kubectl get rs", true},
		{"down", "kubectl describe deploy", true},
		{"down", "kubectl scale", true}, // back to the draft being typed
		{"down", "kubectl scale", false},
	}
	cur := "kubectl scale"
	for i, s := range steps {
		var got string
		var ok bool
		if s.key == "up" {
			got, ok = h.up(items, cur)
		} else {
			got, ok = h.down(items, cur)
		}
		if got != s.want || ok != s.ok {
			t.Fatalf("step %d (%s): %q %v, want %q %v", i, s.key, got, ok, s.want, s.ok)
		}
		cur = got
	}
	var empty historyNav
	if _, ok := empty.up(nil, "x"); ok {
		t.Fatal("up with no history moved")
	}
}

func TestHistoryRecordsLines(t *testing.T) {
	p, d := mount(t, "/?lang=en")
	ctx := d.Context()
	p.runLine(ctx, "kubectl get pods")
	p.runLine(ctx, "kubectl get pods")
	p.runLine(ctx, "  kubectl get nodes ")
	p.runLine(ctx, "")
	if got := strings.Join(p.history, "|"); got != "kubectl get pods|kubectl get nodes" {
		t.Fatalf("history %q", got)
	}
	if len(p.term) != 4 || p.term[2].Out == "" || !strings.Contains(p.term[2].Out, "node-1") {
		t.Fatalf("terminal %+v", p.term)
	}
	p.clearTerminal(ctx)
	if len(p.term) != 0 {
		t.Fatalf("cleared terminal still has %d entries", len(p.term))
	}
	p.runLine(ctx, "clear")
	if len(p.term) != 0 {
		t.Fatal("`clear` printed something")
	}
}

// TestStreamingRolloutStatus: a waiting `rollout status` grows while the clock plays, then ends.
func TestStreamingRolloutStatus(t *testing.T) {
	p, d := mount(t, "/?lang=en")
	ctx := d.Context()
	p.apply(ctx, seedYAML)
	p.runLine(ctx, "kubectl rollout status deployment/nginx-deployment-controller")
	e := p.term[len(p.term)-1]
	if !e.Running || len(p.running) != 1 {
		t.Fatalf("rollout status is not waiting: %+v", e)
	}
	first := e.Out
	settle(p, d, 60)
	e = p.term[len(p.term)-1]
	if e.Running || len(p.running) != 0 {
		t.Fatalf("rollout status still waits after 15 s: %+v", e)
	}
	if !strings.HasPrefix(e.Out, first) || !strings.HasSuffix(e.Out, "successfully rolled out\n") || e.Out == first {
		t.Fatalf("output did not grow to the end:\n%s", e.Out)
	}
}

// TestWatchWhilePausedAndStopped: with the clock paused, `get -w` grows with each Step;
// Ctrl+C stops it.
func TestWatchWhilePausedAndStopped(t *testing.T) {
	p, d := mount(t, "/?lang=en")
	ctx := d.Context()
	p.setPlaying(ctx, false)
	p.apply(ctx, seedYAML)
	for i := 0; i < 10; i++ {
		p.stepOnce(ctx)
	}
	p.runLine(ctx, "kubectl get pods -w")
	id := p.term[len(p.term)-1].ID
	for i := 0; i < 30; i++ {
		p.stepOnce(ctx)
	}
	e := p.term[p.entryIndex(id)]
	if !e.Running || strings.Count(e.Out, "\n") < 3 {
		t.Fatalf("get -w after 30 steps: %+v", e)
	}
	p.stopRunning(ctx, "term.note.stopped")
	e = p.term[p.entryIndex(id)]
	if e.Running || e.Stopped == "" || len(p.running) != 0 {
		t.Fatalf("after Ctrl+C: %+v", e)
	}
	html := squash(render(p, d))
	if !strings.Contains(html, "^C  stopped") {
		t.Errorf("the stopped command is not marked in the terminal: %s", html[strings.Index(html, "term-log"):][:1500])
	}
}

func TestTerminalBounded(t *testing.T) {
	p, d := mount(t, "/?lang=en")
	ctx := d.Context()
	for i := 0; i < maxEntries+20; i++ {
		p.runLine(ctx, "kubectl version --client")
	}
	if len(p.term) != maxEntries {
		t.Fatalf("%d entries kept", len(p.term))
	}
	if s := clipOutput(strings.Repeat("line\n", maxEntryOutput)); len(s) > maxEntryOutput+4 || !strings.HasPrefix(s, "…\n") {
		t.Fatalf("clipped output of %d bytes", len(s))
	}
	_ = time.Second
}

// TestKubectlEdit: `kubectl edit` opens the object in the editor pane; Save applies it, an
// invalid edit reopens with the reasons, Cancel changes nothing.
func TestKubectlEdit(t *testing.T) {
	p, d := mount(t, "/?lang=en")
	applySeed(t, p, d)
	ctx := d.Context()
	p.runLine(ctx, "kubectl edit deployment/nginx-deployment-controller")
	if p.edit == nil || !strings.Contains(p.editorDoc, "kind: Deployment") || !p.term[len(p.term)-1].Running {
		t.Fatalf("edit not opened: %+v", p.term[len(p.term)-1])
	}
	html := squash(render(p, d))
	if !strings.Contains(html, ">Save<") || !strings.Contains(html, ">Cancel<") || strings.Contains(html, ">Apply<") {
		t.Fatal("the editor does not offer Save and Cancel")
	}
	// An invalid edit reopens.
	p.saveEdit(ctx, strings.Replace(p.editorDoc, "replicas: 2", "replicas: -4", 1))
	if p.edit == nil || !strings.Contains(p.editorDoc, "#") {
		t.Fatalf("an invalid edit did not reopen: %q", p.editorDoc[:200])
	}
	// A valid one is applied.
	p.saveEdit(ctx, strings.Replace(strings.Replace(p.editorDoc, "replicas: -4", "replicas: 4", 1), "replicas: 2", "replicas: 4", 1))
	e := p.term[len(p.term)-1]
	if p.edit != nil || e.Running || !strings.Contains(e.Out, "edited") {
		t.Fatalf("edit not finished: %+v", e)
	}
	if p.editorDoc != p.editorText {
		t.Fatal("the editor did not go back to the YAML file")
	}
	settle(p, d, 40)
	if p.view.Deployments[0].Replicas != 4 {
		t.Fatalf("replicas %d", p.view.Deployments[0].Replicas)
	}
	// Cancel.
	p.runLine(ctx, "kubectl edit deployment/nginx-deployment-controller")
	p.cancelEdit(ctx, "")
	if e := p.term[len(p.term)-1]; e.Running || !strings.Contains(e.Out, "Edit cancelled, no changes made.") {
		t.Fatalf("cancel: %+v", e)
	}
	// Edits travel in share links.
	data, _ := p.sess.Marshal()
	if _, cut, err := checkSession(data); err != nil || cut != "" {
		t.Fatal(err, cut)
	}
}
