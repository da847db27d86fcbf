package engine

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/kubelet"
)

const deploy = "deployment/nginx-deployment-controller"

// Undo and Redo move by the learner's actions (a command that changed the cluster, an edit, a
// failure switch), never by chunks of idle time: one Undo returns to the moment just before the
// last action, whatever time passed or steps ran around it, and one Redo brings back the action
// with the time that followed it. Replaying is exact, as the engine is deterministic.
func TestUndoRedoMoveByActions(t *testing.T) {
	cases := []struct {
		name string
		// before runs up to the last action; action is that action, after what follows it.
		before, action, after func(s *Session)
	}{
		{
			name: "a command after idle time, reads and steps",
			before: func(s *Session) {
				s.Advance(48600 * time.Millisecond)
				s.Exec("kubectl get pods")
				s.Advance(3900 * time.Millisecond)
			},
			action: func(s *Session) { s.Exec("kubectl scale " + deploy + " --replicas=3") },
			after: func(s *Session) {
				s.Step()
				s.Advance(11300 * time.Millisecond)
				s.Exec("kubectl describe " + deploy)
			},
		},
		{
			// `kubectl rollout undo` is a command like any other: Undo takes it back whole,
			// not the revision it returned to.
			name: "kubectl rollout undo",
			before: func(s *Session) {
				s.Exec("kubectl set image " + deploy + " nginx=nginx:1.9.1")
				s.Advance(20 * time.Second)
			},
			action: func(s *Session) { s.Exec("kubectl rollout undo " + deploy) },
			after:  func(s *Session) { s.Advance(20 * time.Second) },
		},
		{
			name:   "a failure switch",
			before: func(s *Session) { s.Advance(5 * time.Second) },
			action: func(s *Session) { s.SetImageMode("nginx:1.9.1", kubelet.ImageMissing) },
			after: func(s *Session) {
				s.Exec("kubectl set image " + deploy + " nginx=nginx:1.9.1")
				s.Advance(10 * time.Second)
			},
		},
		{
			name:   "a node going down",
			before: func(s *Session) {},
			action: func(s *Session) { _ = s.SetNodeDown("node-1", true) },
			after:  func(s *Session) { s.Advance(time.Minute) },
		},
		{
			name:   "kubectl edit",
			before: func(s *Session) { s.Advance(time.Second) },
			action: func(s *Session) {
				_, content, _ := s.EditBegin("edit " + deploy)
				s.EditSave("edit "+deploy, strings.Replace(content, "replicas: 2", "replicas: 4", 1))
			},
			after: func(s *Session) { s.Advance(3 * time.Second) },
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := seedSession(t)
			c.before(s)
			before := stateOf(s)
			c.action(s)
			c.after(s)
			end := stateOf(s)
			if before == end {
				t.Fatal("the action changed nothing: the case pins nothing")
			}
			if !s.Undo() {
				t.Fatal("nothing to undo")
			}
			if got := stateOf(s); got != before {
				t.Fatalf("one Undo does not return to just before the action:\n%s\nwant\n%s", got, before)
			}
			if !s.Redo() {
				t.Fatal("nothing to redo")
			}
			if stateOf(s) != end || s.CanRedo() {
				t.Fatalf("one Redo does not return to the end (more to redo: %v)", s.CanRedo())
			}
		})
	}
}

// Undo walks back action by action to the first one (the apply of the seed); idle time before
// the first action is not an action and is not undone.
func TestUndoStopsAtTheFirstAction(t *testing.T) {
	s := NewSession(Options{Seed: 1})
	s.Advance(time.Minute) // the page was open a minute before anything happened
	s.WriteFile("d.yaml", seedYAML)
	s.Exec("kubectl apply -f d.yaml")
	s.Advance(5 * time.Second)
	s.Exec("kubectl scale " + deploy + " --replicas=3")
	s.Advance(5 * time.Second)
	var at []time.Duration
	for s.Undo() {
		at = append(at, s.E.Elapsed())
	}
	want := []time.Duration{65 * time.Second, time.Minute}
	if len(at) != len(want) || at[0] != want[0] || at[1] != want[1] {
		t.Fatalf("undo points at %v, want %v (just before each command)", at, want)
	}
	if len(s.E.View(0).Deployments) != 0 {
		t.Fatal("after undoing the apply there is no Deployment")
	}
}

// Step to the next change runs units of work until the tree or the events show something new:
// a sync that finds nothing to do is skipped, so a 3-replica rolling update takes a handful of
// clicks, each showing a change, where Step takes dozens. The run is one input: it replays
// exactly, and one Undo covers the whole action before it.
func TestStepToChange(t *testing.T) {
	cases := []struct {
		name, cmd string
	}{
		{"rolling update of 3 replicas", "kubectl set image " + deploy + " nginx=nginx:1.9.1"},
		{"scale up", "kubectl scale " + deploy + " --replicas=5"},
		{"scale down", "kubectl scale " + deploy + " --replicas=1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fine, coarse := seedSession(t), seedSession(t)
			for _, s := range []*Session{fine, coarse} {
				s.Exec("kubectl scale " + deploy + " --replicas=3")
				s.Advance(10 * time.Second)
				s.Paused = true
				s.Exec(c.cmd)
			}
			steps := 0
			for budget := 0; budget < 200; budget++ {
				if l, _ := fine.Step(); l == "" {
					break
				}
				steps++
			}
			clicks, ran := 0, 0
			for budget := 0; budget < 200; budget++ {
				before := coarse.observable()
				n, label, _ := coarse.StepToChange(1000)
				if n == 0 {
					break
				}
				clicks++
				ran += n
				if coarse.observable() == before && coarse.E.Cluster.Clock.Len() > 0 {
					t.Fatalf("click %d (%s) ran %d units and showed no change", clicks, label, n)
				}
			}
			if clicks == 0 || clicks >= steps {
				t.Fatalf("%d clicks of Step to the next change, %d of Step: want fewer", clicks, steps)
			}
			if ran > steps {
				t.Fatalf("ran %d units, Step ran %d", ran, steps)
			}
			end := stateOf(coarse)
			r, err := coarse.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			back, err := RestoreSession(r, Options{})
			if err != nil || stateOf(back) != end {
				t.Fatalf("the steps do not replay (err %v)", err)
			}
			t.Logf("%d Step clicks, %d Step-to-change clicks", steps, clicks)
		})
	}
}

// Step to the next change stops at its limit and says when nothing is pending.
func TestStepToChangeLimits(t *testing.T) {
	s := seedSession(t)
	if n, _, _ := s.StepToChange(10); n != 0 {
		t.Fatalf("a settled cluster: %d units ran", n)
	}
	n0 := s.Len()
	s.Paused = true
	s.Exec("kubectl scale " + deploy + " --replicas=6")
	if n, _, _ := s.StepToChange(1); n != 1 || s.Len() != n0+2 {
		t.Fatalf("limit 1: ran %d, %d inputs", n, s.Len()-n0)
	}
	if n, _, _ := s.StepToChange(0); n != 0 {
		t.Fatal("limit 0 runs nothing")
	}
}

// The timeline marks each action at the virtual time it ran, counting idle time and steps
// (a paused step moves the clock to its work's due time), and keeps the marks ahead after an
// undo, a scrub, and a reload.
func TestMarksAreWhenActionsRan(t *testing.T) {
	s := NewSession(Options{Seed: 1})
	s.Advance(time.Minute)
	s.WriteFile("d.yaml", seedYAML)
	s.Exec("kubectl apply -f d.yaml")
	s.Paused = true
	for s.E.Cluster.Clock.Len() > 0 {
		s.Step()
	}
	stepped := s.E.Elapsed()
	s.Exec("kubectl get pods")
	s.Exec("kubectl scale " + deploy + " --replicas=3")
	s.Paused = false
	s.Advance(5 * time.Second)
	want := []time.Duration{time.Minute, stepped}
	check := func(when string, s *Session) {
		t.Helper()
		m := s.Marks()
		if len(m) != 2 || m[0].At != want[0] || m[1].At != want[1] || s.Inputs()[m[1].Index].Line != "kubectl scale "+deploy+" --replicas=3" {
			t.Fatalf("%s: marks %+v, want at %v", when, m, want)
		}
	}
	if stepped <= time.Minute {
		t.Fatal("the steps moved no time: the case pins nothing")
	}
	check("at the end", s)
	s.Undo()
	check("after undo", s)
	s.SeekTime(30 * time.Second)
	check("after scrubbing back", s)
	data, _ := s.Marshal()
	r, err := RestoreSession(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	check("after a reload", r)
	// Restored at its start (as the page restores, to replay in slices), every mark is ahead:
	// the saved file carries their times, and moving Forward keeps them.
	r.Seek(0)
	data, _ = r.Marshal()
	if r, err = RestoreSession(data, Options{}); err != nil {
		t.Fatal(err)
	}
	check("restored at the start", r)
	for _, ok := r.Forward(nil); ok; _, ok = r.Forward(nil) {
	}
	check("moved forward to the end", r)
	// A file without the times ahead (an older save) marks only what it replayed.
	var f sessionFile
	_ = json.Unmarshal(data, &f)
	f.Ahead = nil
	data, _ = json.Marshal(f)
	if r, err = RestoreSession(data, Options{}); err != nil {
		t.Fatal(err)
	}
	if m := r.Marks(); len(m) != 0 {
		t.Fatalf("marks of unknown time: %+v", m)
	}
	for r.Redo() {
	}
	check("redone", r)
}
