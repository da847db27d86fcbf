package app

import (
	"strings"
	"testing"
	"time"
)

// seeded is a model whose session applied the seed Deployment, let it settle, then scaled it:
// two actions on the timeline, 30 s long.
func seeded(t *testing.T) *model {
	t.Helper()
	m := newModel()
	m.sess.WriteFile(editorFile, seedYAML)
	m.sess.Exec("kubectl apply -f " + editorFile)
	m.sess.Advance(20 * time.Second)
	m.sess.Exec("kubectl scale deployment nginx-deployment-controller --replicas=3")
	m.sess.Advance(10 * time.Second)
	m.refreshView()
	return m
}

// Undo takes back the learner's last action and names it; Redo brings it back and names it
// again. After either, the engine is new: waiting commands and an edit stop with "rewound",
// and the terminal notes what moved.
func TestModelUndoRedo(t *testing.T) {
	m := seeded(t)
	scale := "kubectl scale deployment nginx-deployment-controller --replicas=3"
	id := m.appendEntry(termEntry{Kind: entryCmd, Line: "kubectl get pods -w", Running: true})
	m.running[id] = nil
	m.showStep(1, "sync", nil)
	what := m.undo()
	if what != (noteWhat{Arg: scale}) {
		t.Fatalf("undo names %+v, want the scale command", what)
	}
	m.rewound("term.note.undo", what)
	if e := m.term[m.entryIndex(id)]; e.Running || e.Stopped != "term.note.rewound" || e.Exit != 130 || len(m.running) != 0 {
		t.Fatalf("the waiting command after an undo: %+v, %d still followed", e, len(m.running))
	}
	if last := m.term[len(m.term)-1]; last.NoteKey != "term.note.undo" || last.WhatArg != scale || m.stepLabel != "" {
		t.Fatalf("note %+v, step %q", last, m.stepLabel)
	}
	if !m.sess.CanRedo() {
		t.Fatal("nothing to redo after an undo")
	}
	if what := m.redo(); what != (noteWhat{Arg: scale}) {
		t.Fatalf("redo names %+v, want the scale command", what)
	}
	if m.sess.CanRedo() {
		t.Fatal("a redo to the end left more to redo")
	}
}

// The scrubber shows any moment of the whole timeline: dragging into the past keeps the
// future (it is sought from a copy), so dragging back to the end finds it; times outside the
// timeline are clamped; the first drag stops waiting commands. A new input ends it: the
// timeline then ends at the moment shown.
func TestModelScrub(t *testing.T) {
	m := seeded(t)
	end := m.view.Elapsed
	id := m.appendEntry(termEntry{Kind: entryCmd, Line: "kubectl rollout status deployment/x", Running: true})
	m.running[id] = nil
	for _, c := range []struct{ to, want time.Duration }{
		{5 * time.Second, 5 * time.Second},
		{end, end},
		{-time.Second, 0},
		{2 * end, end},
		{12 * time.Second, 12 * time.Second},
	} {
		m.scrubTo(c.to)
		if m.view.Elapsed != c.want || m.timelineEnd != end || m.scrub == nil {
			t.Fatalf("scrub to %v: at %v, timeline end %v; want %v, %v", c.to, m.view.Elapsed, m.timelineEnd, c.want, end)
		}
	}
	if e := m.term[m.entryIndex(id)]; e.Running || e.Stopped != "term.note.rewound" {
		t.Fatalf("the waiting command while scrubbing: %+v", e)
	}
	if len(m.view.Deployments) != 1 || m.view.Deployments[0].Replicas != 2 {
		t.Fatalf("at 12 s the Deployment is not the seed's (2 replicas): %+v", m.view.Deployments)
	}
	m.endScrub()
	if m.scrub != nil || m.timelineEnd != 12*time.Second {
		t.Fatalf("after the scrub: snapshot %v, timeline end %v", m.scrub != nil, m.timelineEnd)
	}
}

// Step runs one unit of work and explains it; with nothing queued it says so. A step from a
// scrubbed past starts a new future.
func TestModelStep(t *testing.T) {
	m := newModel()
	m.stepOnce()
	if !m.stepNothing || len(m.explained) != 0 {
		t.Fatalf("an empty cluster stepped: nothing %v, %d explained", m.stepNothing, len(m.explained))
	}
	m.sess.WriteFile(editorFile, seedYAML)
	m.sess.Exec("kubectl apply -f " + editorFile)
	m.scrub = &scrubSnapshot{}
	m.stepToChange()
	if m.stepNothing || m.stepLabel == "" || len(m.explained) != 1 || m.scrub != nil {
		t.Fatalf("a step after apply: label %q, %d explained, scrubbing %v", m.stepLabel, len(m.explained), m.scrub != nil)
	}
	m.clearStep()
	if m.stepLabel != "" || m.stepNotes != nil || len(m.explained) != 1 {
		t.Fatal("clearStep must forget the step shown and keep the log")
	}
}

// The failure controls take an image (trimmed) with a mode the page offers, and a node the
// cluster has; anything else changes nothing or is an error.
func TestModelFailureChoices(t *testing.T) {
	m := newModel()
	for _, c := range []struct {
		image, mode string
		ok          bool
	}{{"", "missing", false}, {"  ", "slow", false}, {"nginx:1.9", "broken", false}, {" nginx:1.9 ", "missing", true}, {"nginx:2", "slow", true}, {"nginx:2", "", true}} {
		n := m.sess.Len()
		if ok := m.setImageMode(c.image, c.mode); ok != c.ok || (m.sess.Len() > n) != c.ok {
			t.Errorf("image %q mode %q: ok %v, %d inputs recorded", c.image, c.mode, ok, m.sess.Len()-n)
		}
	}
	if modes, _ := m.readFaults(); len(modes) != 1 || modes["nginx:1.9"] != "missing" {
		t.Fatalf("modes in force %v", modes)
	}
	if err := m.setNodeDown("node-9", true); err == nil {
		t.Fatal("an unknown node was stopped")
	}
	if err := m.setNodeDown("node-1", true); err != nil {
		t.Fatal(err)
	}
	if _, down := m.readFaults(); !down["node-1"] {
		t.Fatal("node-1 is not down")
	}
}

// Selecting a tree item reads its describe and YAML and asks the panel to come into view;
// closing it (select "") forgets them without asking.
func TestModelSelectItem(t *testing.T) {
	m := seeded(t)
	rs := m.view.Deployments[0].ReplicaSets[0].Name
	m.selectItem(itemID("ReplicaSet", rs))
	if m.revealSeq != 1 || m.detail.Kind != "ReplicaSet" || !strings.Contains(m.detail.Describe, rs) || !strings.Contains(m.detail.YAML, "kind: ReplicaSet") {
		t.Fatalf("details %+v, reveal %d", m.detail, m.revealSeq)
	}
	m.selectItem("")
	if m.revealSeq != 1 || m.detail != (detailText{}) {
		t.Fatalf("closed: details %+v, reveal %d", m.detail, m.revealSeq)
	}
	m.selectItem(itemID("Pod", "gone"))
	if !m.detail.Missing {
		t.Fatalf("a pod that is gone: %+v", m.detail)
	}
}

// `kubectl edit` waits for the editor: an error prints at once; Save with nothing open does
// nothing; a rewind ends an edit as stopped (exit 130), Cancel as kubectl does.
func TestModelEdit(t *testing.T) {
	m := seeded(t)
	m.editorText = seedYAML
	m.beginEdit("kubectl edit deployment/nope")
	if e := m.term[len(m.term)-1]; m.edit != nil || e.Running || !strings.Contains(e.Err, "not found") {
		t.Fatalf("editing what does not exist: %+v", e)
	}
	if m.saveEdit("x") {
		t.Fatal("saved with no edit open")
	}
	for _, why := range []string{"term.note.rewound", ""} {
		m.beginEdit("kubectl edit deployment/nginx-deployment-controller")
		if m.edit == nil || !strings.Contains(m.editorDoc, "kind: Deployment") {
			t.Fatalf("edit not opened: %q", m.editorDoc)
		}
		m.cancelEdit(why)
		e := m.term[len(m.term)-1]
		stopped := e.Stopped == why && e.Exit == 130
		if why == "" {
			stopped = strings.Contains(e.Out, "Edit cancelled, no changes made.") && e.Exit == 0
		}
		if m.edit != nil || e.Running || !stopped || m.editorDoc != seedYAML {
			t.Fatalf("cancel (%q): %+v, editor %.40q", why, e, m.editorDoc)
		}
	}
}

// Ctrl+L clears the screen but keeps what still runs, in a new slice (the terminal drew the
// old one).
func TestModelClearTerminal(t *testing.T) {
	m := newModel()
	m.appendEntry(termEntry{Kind: entryCmd, Line: "a"})
	m.appendEntry(termEntry{Kind: entryCmd, Line: "b", Running: true})
	drawn := m.term
	m.clearTerminal()
	if len(m.term) != 1 || m.term[0].Line != "b" || len(drawn) != 2 || drawn[0].Line != "a" {
		t.Fatalf("after clear %+v, drawn %+v", m.term, drawn)
	}
}

// The view is rebuilt after a frame only when it is due: at once when objects changed and a
// view is cheap; for an expensive one (a large cluster) at most every viewEvery while objects
// change, or as soon as they stop; while only time passes, often enough for ages to tick, far
// less often for an expensive view.
func TestModelPaceView(t *testing.T) {
	ms := time.Millisecond
	for _, c := range []struct {
		name    string
		cost    time.Duration // what the last view cost
		stale   bool          // objects changed since it was built, in an earlier frame
		changed bool          // objects changed in this frame
		since   time.Duration
		want    bool
	}{
		{"cheap, changed", 1 * ms, false, true, 10 * ms, true},
		{"cheap, time only", 1 * ms, false, false, 10 * ms, false},
		{"cheap, time only, ages due", 1 * ms, false, false, 100 * ms, true},
		{"expensive, changing", 50 * ms, false, true, 150 * ms, false},
		{"expensive, changing, viewEvery passed", 50 * ms, false, true, 200 * ms, true},
		{"expensive, changes stopped", 50 * ms, true, false, 10 * ms, true},
		{"expensive, time only", 50 * ms, false, false, 900 * ms, false},
		{"expensive, time only, ages due", 50 * ms, false, false, time.Second, true},
		{"very expensive, time only", time.Second, false, false, 4 * time.Second, false},
		{"very expensive, ages due at 5 s", time.Second, false, false, 5 * time.Second, true},
	} {
		m := newModel()
		m.budget.noteViewCost(c.cost)
		m.viewStale = c.stale
		if got := m.paceView(frameStats{Changed: c.changed}, c.since); got != c.want {
			t.Errorf("%s: due %v, want %v", c.name, got, c.want)
		}
		if c.changed && !m.viewStale {
			t.Errorf("%s: a frame that changed objects left the view fresh", c.name)
		}
	}
}
