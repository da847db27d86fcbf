package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
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
	p, d := mount(t, "/?lang=en&play=1")
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
	doAct(d, actTermClear)
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
	p, d := mount(t, "/?lang=en&play=1")
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
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.setPlaying(ctx, false)
	p.apply(ctx, seedYAML)
	for i := 0; i < 10; i++ {
		doAct(d, actStep)
	}
	p.runLine(ctx, "kubectl get pods -w")
	id := p.term[len(p.term)-1].ID
	for i := 0; i < 30; i++ {
		doAct(d, actStep)
	}
	e := p.term[p.entryIndex(id)]
	if !e.Running || strings.Count(e.Out, "\n") < 3 {
		t.Fatalf("get -w after 30 steps: %+v", e)
	}
	doAct(d, actTermStop)
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
	p, d := mount(t, "/?lang=en&play=1")
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
	p, d := mount(t, "/?lang=en&play=1")
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
	do(d, actEditSave, strings.Replace(p.editorDoc, "replicas: 2", "replicas: -4", 1))
	if p.edit == nil || !strings.Contains(p.editorDoc, "#") {
		t.Fatalf("an invalid edit did not reopen: %q", p.editorDoc[:200])
	}
	// A valid one is applied.
	do(d, actEditSave, strings.Replace(strings.Replace(p.editorDoc, "replicas: -4", "replicas: 4", 1), "replicas: 2", "replicas: 4", 1))
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
	doAct(d, actEditCancel)
	if e := p.term[len(p.term)-1]; e.Running || !strings.Contains(e.Out, "Edit cancelled, no changes made.") {
		t.Fatalf("cancel: %+v", e)
	}
	// Edits travel in share links.
	data, _ := p.sess.Marshal()
	if _, cut, err := checkSession(data); err != nil || cut != "" {
		t.Fatal(err, cut)
	}
}

// TestStderrWarnings: kubectl's warnings on stderr ("Warning: …" lines, and "Flag --record has
// been deprecated, …" for a deprecated flag) are shown as warnings, errors as errors, and the
// text is unchanged.
func TestStderrWarnings(t *testing.T) {
	const (
		record   = "Flag --record has been deprecated, --record will be removed in the future\n"
		annot    = "Warning: resource deployments/nginx-deployment-controller is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n"
		notFound = `Error from server (NotFound): deployments.apps "web" not found` + "\n"
	)
	cases := []struct {
		name, in string
		want     []stderrPart
	}{
		{"nothing", "", nil},
		{"an error", notFound, []stderrPart{{false, notFound}}},
		{"deprecated flag", record, []stderrPart{{true, record}}},
		{"missing last-applied annotation", annot, []stderrPart{{true, annot}}},
		{"warnings then an error", record + annot + notFound, []stderrPart{{true, record + annot}, {false, notFound}}},
		{"no final newline", "error: x", []stderrPart{{false, "error: x"}}},
		{"a flag that is not deprecated is no warning", "Flag --foo is bad\n", []stderrPart{{false, "Flag --foo is bad\n"}}},
		{"Warning inside a line is no warning", "error: Warning: no\n", []stderrPart{{false, "error: Warning: no\n"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := splitStderr(c.in); !slices.Equal(got, c.want) {
				t.Fatalf("got %+v, want %+v", got, c.want)
			}
		})
	}
	html := app.HTMLString(renderEntry(langEN, termEntry{Kind: entryCmd, Line: "kubectl apply -f x --record", Err: record + notFound, Exit: 1}, -1))
	if !strings.Contains(html, `class="warn"`) || !strings.Contains(html, `class="err"`) ||
		strings.Index(html, `class="warn"`) > strings.Index(html, `class="err"`) {
		t.Fatalf("want a warning block, then an error block:\n%s", html)
	}
}

// TestUndoNotesFollowTheLanguage: an undo or redo note names what it undid in the language the
// page shows when it is drawn, for every kind of input ("# 已撤销：30.3 秒集群时间", not
// "30.3 s of cluster time"); command lines stay as typed.
func TestUndoNotesFollowTheLanguage(t *testing.T) {
	cases := []struct {
		in     engine.Input
		en, zh string
	}{
		{engine.Input{Kind: "advance", Nanos: int64(30300 * time.Millisecond)}, "undone: 30.3 s of cluster time", "已撤销：30.3 秒集群时间"},
		{engine.Input{Kind: "step"}, "undone: one step", "已撤销：一步"},
		{engine.Input{Kind: "exec", Line: "kubectl scale deployment web --replicas=3"}, "undone: kubectl scale deployment web --replicas=3", "已撤销：kubectl scale deployment web --replicas=3"},
		{engine.Input{Kind: "edit", Line: "kubectl edit deployment web"}, "undone: kubectl edit deployment web", "已撤销：kubectl edit deployment web"},
		{engine.Input{Kind: "file", Name: "x.yaml"}, "undone: editing x.yaml", "已撤销：编辑 x.yaml"},
		{engine.Input{Kind: "image", Name: "nginx:1.91", Content: "missing"}, "undone: image nginx:1.91 made unpullable", "已撤销：镜像 nginx:1.91 设为无法拉取"},
		{engine.Input{Kind: "image", Name: "nginx:1.9.1", Content: "slow"}, "undone: image nginx:1.9.1 made slow", "已撤销：镜像 nginx:1.9.1 设为拉取缓慢"},
		{engine.Input{Kind: "image", Name: "nginx:1.9.1"}, "undone: image nginx:1.9.1 back to normal", "已撤销：镜像 nginx:1.9.1 恢复正常"},
		{engine.Input{Kind: "node", Name: "node-2", Content: "down"}, "undone: kubelet of node-2 stopped", "已撤销：node-2 的 kubelet 已停止"},
		{engine.Input{Kind: "node", Name: "node-2", Content: "up"}, "undone: kubelet of node-2 restarted", "已撤销：node-2 的 kubelet 已重启"},
	}
	for _, c := range cases {
		w := describeInput(c.in)
		if _, ok := messages[w.Key]; w.Key != "" && !ok {
			t.Errorf("%+v: no message %q", c.in, w.Key)
		}
		e := termEntry{Kind: entryNote, NoteKey: "term.note.undo", WhatKey: w.Key, WhatArg: w.Arg}
		if en, zh := noteText(langEN, e), noteText(langZH, e); en != c.en || zh != c.zh {
			t.Errorf("%+v: %q / %q, want %q / %q", c.in, en, zh, c.en, c.zh)
		}
	}
}
