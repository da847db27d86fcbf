package engine

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// The UI's reads (Session.View, Now, Elapsed, Version, Pending, FileNames, Describe, YAML) show
// the session's state and record nothing: reading is not an input, so undo, the timeline and
// share links stay as they were.
func TestSessionReadsRecordNothing(t *testing.T) {
	s := seedSession(t)
	inputs, edits := s.Len(), s.Edits()
	before := stateOf(s)

	if v := s.View(0); v.Elapsed != 2*time.Second || len(v.Deployments) != 1 || v.Version != s.Version() || v.Pending != s.Pending() {
		t.Fatalf("View: elapsed %v, %d Deployments, version %d/%d, pending %d/%d", v.Elapsed, len(v.Deployments), v.Version, s.Version(), v.Pending, s.Pending())
	}
	if got := s.Elapsed(); got != 2*time.Second {
		t.Fatalf("Elapsed %v, want 2s (the seed session advanced 2s)", got)
	}
	if got, want := s.Now(), s.View(0).Now; !got.Equal(want) {
		t.Fatalf("Now %v, want the view's %v", got, want)
	}
	s.WriteFile("b.yaml", "x")
	s.WriteFile("a.yaml", "y")
	if got, want := s.FileNames(), []string{"a.yaml", "b.yaml", SeedFile}; !slices.Equal(got, want) {
		t.Fatalf("FileNames %q, want %q (sorted)", got, want)
	}

	// kubectl describe prints "Name:" first; kubectl get -o yaml begins with apiVersion.
	cases := []struct {
		read       func(kind, name string) (string, bool)
		kind, name string
		ok         bool
		want       string
	}{
		{s.Describe, "Deployment", "nginx-deployment-controller", true, "Name:                   nginx-deployment-controller\n"},
		{s.YAML, "Deployment", "nginx-deployment-controller", true, "apiVersion: apps/v1\n"},
		{s.Describe, "ReplicaSet", "gone", false, `Error from server (NotFound): replicasets.apps "gone" not found`},
		{s.YAML, "Pod", "gone", false, `Error from server (NotFound): pods "gone" not found`},
	}
	for _, c := range cases {
		got, ok := c.read(c.kind, c.name)
		if ok != c.ok || !strings.Contains(got, c.want) {
			t.Errorf("%s %s: ok %v %q, want ok %v containing %q", c.kind, c.name, ok, got, c.ok, c.want)
		}
	}
	if s.Len() != inputs+2 || s.Edits() != edits+2 {
		t.Fatalf("reads recorded inputs: %d inputs (want %d: the two files), %d edits", s.Len(), inputs+2, s.Edits())
	}
	if stateOf(s) != before {
		t.Fatal("a read changed the cluster")
	}
}

// Version changes when an object does; Pending counts the work a command queued (the
// controllers react to a scale on their next sync, which is queued work).
func TestSessionVersionAndPending(t *testing.T) {
	s := seedSession(t)
	s.Advance(time.Minute)
	v, pending := s.Version(), s.Pending()
	s.Paused = true
	s.Exec("kubectl scale deployment nginx-deployment-controller --replicas=5")
	if s.Version() == v {
		t.Fatal("Version unchanged after a scale")
	}
	if s.Pending() <= pending {
		t.Fatalf("Pending %d after a paused scale, want more than %d (the controllers' reaction is queued)", s.Pending(), pending)
	}
}

// Explain puts a Note in the learner's language: scaling a Deployment with one ReplicaSet
// scales that ReplicaSet alone (the deployment controller's scale path for a single active
// ReplicaSet), and stepping to that change explains it so.
func TestExplainNote(t *testing.T) {
	s := seedSession(t)
	s.Advance(time.Minute)
	s.Paused = true
	s.Exec("kubectl scale deployment nginx-deployment-controller --replicas=5")
	s.E.Cluster.Clock.Explain(true) // as the Step buttons do
	_, _, notes := s.StepToChange(100)
	var got []string
	for _, n := range notes {
		got = append(got, Explain("en", n))
	}
	want := "scaled 2 → 5: it is the only active ReplicaSet of Deployment nginx-deployment-controller"
	if !strings.Contains(strings.Join(got, "\n"), want) {
		t.Fatalf("notes %q, want one containing %q", got, want)
	}
	if zh := Explain("zh", notes[0]); zh == got[0] {
		t.Fatalf("Explain(zh) = %q, the English sentence", zh)
	}
}
