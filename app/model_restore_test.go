package app

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
)

// Start over (and a lesson's fresh session) empties the cluster, the terminal and the
// selection; waiting commands and an edit end; the lines typed stay in the history.
func TestModelClearSession(t *testing.T) {
	m := seeded(t)
	m.pushHistory("kubectl get pods")
	id := m.appendEntry(termEntry{Kind: entryCmd, Line: "kubectl get pods -w", Running: true})
	m.running[id] = nil
	m.beginEdit("kubectl edit deployment/nginx-deployment-controller")
	m.selectItem(itemID("Deployment", "nginx-deployment-controller"))
	m.clearSession()
	if m.sess.Len() != 0 || len(m.view.Deployments) != 0 || m.term != nil || len(m.running) != 0 || m.edit != nil ||
		m.selected != "" || m.detail != (detailText{}) || !slices.Equal(m.history, []string{"kubectl get pods"}) {
		t.Fatalf("after clearSession: %d inputs, term %+v, edit %v, selected %q, history %q", m.sess.Len(), m.term, m.edit, m.selected, m.history)
	}
}

// A stored session's terminal comes back at once, its last maxEntries entries and maxHistory
// lines; a command that was waiting when the page went away shows it was stopped by the reload;
// new entries are numbered after the stored ones.
func TestModelRestoreTerminal(t *testing.T) {
	m := newModel()
	m.scrub = &scrubSnapshot{}
	var saved savedSession
	for i := range maxEntries + 5 {
		saved.Terminal = append(saved.Terminal, termEntry{ID: 10 + i, Kind: entryCmd, Line: fmt.Sprint(i), Running: i == maxEntries+4})
	}
	for i := range maxHistory + 3 {
		saved.History = append(saved.History, fmt.Sprint(i))
	}
	m.restoreTerminal(saved)
	last := m.term[len(m.term)-1]
	if len(m.term) != maxEntries || m.term[0].ID != 15 || last.Running || last.Stopped != "term.note.reloaded" || m.scrub != nil {
		t.Fatalf("%d entries from id %d, last %+v", len(m.term), m.term[0].ID, last)
	}
	if saved.Terminal[maxEntries+4].Stopped != "" {
		t.Fatal("the stored entry was changed in place")
	}
	if len(m.history) != maxHistory || m.history[0] != "3" || m.chart.Series != nil {
		t.Fatalf("history from %q (%d), chart %+v", m.history[0], len(m.history), m.chart)
	}
	if id := m.appendEntry(termEntry{Kind: entryNote}); id != 10+maxEntries+5 {
		t.Fatalf("the next entry is numbered %d", id)
	}
}

// A stored session's rebuilt cluster comes back with its selection, the order its pods were
// listed in (not the order the view lists them) and a timeline at least as long as stored.
func TestModelTakeRestored(t *testing.T) {
	m := seeded(t)
	data, err := m.sess.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	order := slices.Clone(m.podOrder())
	slices.Reverse(order)
	rs := m.view.Deployments[0].ReplicaSets[0].Name
	s, err := engine.RestoreSession(data, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := newModel()
	n.takeRestored(s, savedSession{PodOrder: order, Selected: itemID("ReplicaSet", rs), End: int64(time.Hour)})
	if got := n.podOrder(); !slices.Equal(got, order) {
		t.Fatalf("pods listed %q, stored %q", got, order)
	}
	if n.timelineEnd != time.Hour || !strings.Contains(n.detail.Describe, rs) || !n.sess.Paused || n.lastGood == nil {
		t.Fatalf("timeline end %v, details %q, paused %v", n.timelineEnd, n.detail.Name, n.sess.Paused)
	}
}

// A share link's session comes in paused at the shared moment, with its transcript as the
// terminal (noting where it came from) and its editor text when it has one; the session in
// place leaves nothing behind: no scrub, selection or explained steps.
func TestModelTakeShared(t *testing.T) {
	for _, yaml := range []string{"kind: Deployment\n", ""} {
		m := seeded(t)
		m.editorText, m.editorDoc = seedYAML, seedYAML
		m.scrubTo(time.Second)
		m.selectItem(itemID("Deployment", "nginx-deployment-controller"))
		m.showStep(1, "sync", nil)
		rev := m.editorRev
		entries := []termEntry{{ID: 1, Kind: entryCmd, Line: "kubectl get pods"}, {ID: 2, Kind: entryCmd, Line: "kubectl get rs"}}
		s := engine.NewSession(engine.Options{Seed: 1})
		m.takeShared(s, entries, []string{"kubectl get rs"}, chartData{}, yaml)
		last := m.term[len(m.term)-1]
		if m.sess != s || !s.Paused || len(m.term) != 3 || last.ID != 3 || last.NoteKey != "term.note.shared" || m.scrub != nil ||
			m.selected != "" || m.explained != nil || m.stepLabel != "" || m.timelineEnd != 0 {
			t.Fatalf("shared (%q): term %+v, scrub %v, selected %q, %d explained", yaml, m.term, m.scrub != nil, m.selected, len(m.explained))
		}
		if want := map[bool]string{true: yaml, false: seedYAML}[yaml != ""]; m.editorText != want || m.editorDoc != want || (m.editorRev > rev) != (yaml != "") {
			t.Fatalf("editor (%q): %.30q rev %d (was %d)", yaml, m.editorDoc, m.editorRev, rev)
		}
	}
}

// The recent list keeps a session with its whole timeline (a scrubbed session's future too),
// the editor's text and the last line typed; an empty session gets no entry.
func TestModelRecentEntry(t *testing.T) {
	now := time.Date(2026, 12, 5, 23, 50, 0, 0, time.UTC)
	if _, ok := newModel().recentEntry("recent.why.startOver", now); ok {
		t.Fatal("an entry for an empty session")
	}
	m := seeded(t)
	m.editorText = "edited"
	m.pushHistory("kubectl get pods")
	m.scrubTo(5 * time.Second)
	e, ok := m.recentEntry("recent.why.share", now)
	if !ok || e.At != "2026-12-05T23:50:00Z" || e.Why != "recent.why.share" || e.Inputs != m.sess.Len() || e.Editor != "edited" || e.Last != "kubectl get pods" {
		t.Fatalf("entry %+v", e)
	}
	saved, err := readSaved(string(e.Saved))
	if err != nil {
		t.Fatal(err)
	}
	var f sessionFile
	if err := json.Unmarshal([]byte(saved.Session), &f); err != nil || f.Pos != len(f.Inputs) || f.Pos <= m.sess.Position() {
		t.Fatalf("kept at position %d of %d inputs (shown: %d): %v", f.Pos, len(f.Inputs), m.sess.Position(), err)
	}
}

// After a panic the last good session comes back, as after a rewind: what was waiting or
// being edited ends, the scrubber lets go; with no good session, an empty one.
func TestModelBackToGood(t *testing.T) {
	m := seeded(t)
	m.markGood()
	good := m.sess.Len()
	m.editorText = seedYAML
	m.beginEdit("kubectl edit deployment/nginx-deployment-controller")
	m.sess.Exec("kubectl delete deployment nginx-deployment-controller")
	id := m.appendEntry(termEntry{Kind: entryCmd, Line: "kubectl get pods -w", Running: true})
	m.running[id] = nil
	if m.edit == nil {
		t.Fatal("no edit open")
	}
	m.scrub = &scrubSnapshot{}
	if failed := m.backToGood(); failed != nil {
		t.Fatal(failed)
	}
	if m.sess.Len() != good || len(m.view.Deployments) != 1 || m.scrub != nil || m.edit != nil || m.editorDoc != seedYAML || len(m.running) != 0 {
		t.Fatalf("back to %d inputs (want %d), %d Deployments, edit %v", m.sess.Len(), good, len(m.view.Deployments), m.edit)
	}
	for _, e := range m.term {
		if e.Running || (e.ID == id && e.Stopped != "term.note.rewound") {
			t.Fatalf("entry %+v", e)
		}
	}
	n := newModel()
	n.sess, n.lastGood = nil, []byte("{")
	if failed := n.backToGood(); failed != nil || n.sess == nil || n.sess.Len() != 0 {
		t.Fatalf("no good session: %v", failed)
	}
}
