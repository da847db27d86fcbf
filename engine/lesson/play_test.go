package lesson

import (
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
)

// checkBound is how long a step's solution may take to reach its check, in simulated time.
const checkBound = 10 * time.Minute

// TestPlayReportsFailedSolutionCommands: when a step fails, the line says which solution
// command failed and how, which is usually why.
func TestPlayReportsFailedSolutionCommands(t *testing.T) {
	src := strings.Replace(minimal, "kubectl create deployment web --image=nginx:1.25", "kubectl apply -f web.yaml", 1)
	l, _, err := Parse("tiny.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var line string
	Play(l, simDriver(t, l, 1), checkBound, func(r StepResult) { line = r.Line(l) })
	if want := "(solution: `kubectl apply -f web.yaml` failed: error: the path \"web.yaml\" does not exist)"; !strings.HasSuffix(line, want) {
		t.Errorf("got %q\nwant it to end with %q", line, want)
	}
}

// TestPlayReportsTheFailingStepAndCondition: a broken lesson (a solution that cannot reach its
// check) fails at that step, naming the condition with what is expected and what is there.
func TestPlayReportsTheFailingStepAndCondition(t *testing.T) {
	src := strings.Replace(minimal, "    equals: 1", "    equals: 5", 1)
	l, _, err := Parse("tiny.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	ok := Play(l, simDriver(t, l, 1), checkBound, func(r StepResult) { lines = append(lines, r.Line(l)) })
	if ok || len(lines) != 1 {
		t.Fatalf("a broken lesson: ok=%v lines=%q", ok, lines)
	}
	if want := "FAIL tiny step 1 after "; !strings.HasPrefix(lines[0], want) || !strings.HasSuffix(lines[0], ": replicas: want 5, now 1") {
		t.Errorf("got %q\nwant %q… with the failing condition", lines[0], want)
	}
}

func simDriver(t testing.TB, l *Lesson, seed uint64) *SimDriver {
	t.Helper()
	d, err := NewSimDriver(l, engine.Options{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestStartStateErrorsAreReported: a starting state that fails on the simulator (a command
// that exits non-zero, an unknown node) is an error of the lesson, not a silent half-start.
func TestStartStateErrorsAreReported(t *testing.T) {
	for _, c := range []struct{ start, want string }{
		{"start: {commands: [kubectl apply -f nope.yaml]}", `start command "kubectl apply -f nope.yaml" failed: error: the path "nope.yaml" does not exist`},
		{"start: {nodesDown: [node-9]}", `start.nodesDown: nodes "node-9" not found`},
	} {
		l, _, err := Parse("tiny.yaml", []byte(strings.Replace(minimal, "steps:", c.start+"\nsteps:", 1)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := NewSimDriver(l, engine.Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.start, err, c.want)
		}
	}
}
