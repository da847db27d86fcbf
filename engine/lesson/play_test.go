package lesson

import (
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
)

// checkBound is how long a step's solution may take to reach its check, in simulated time.
const checkBound = 10 * time.Minute

// TestPlayReportsTheFailingStepAndCondition: a broken lesson (a solution that cannot reach its
// check) fails at that step, naming the condition with what is expected and what is there.
func TestPlayReportsTheFailingStepAndCondition(t *testing.T) {
	src := strings.Replace(minimal, "    equals: 1", "    equals: 5", 1)
	l, _, err := Parse("tiny.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	ok := Play(l, NewSimDriver(l, engine.Options{Seed: 1}), checkBound, func(r StepResult) { lines = append(lines, r.Line(l)) })
	if ok || len(lines) != 1 {
		t.Fatalf("a broken lesson: ok=%v lines=%q", ok, lines)
	}
	if want := "FAIL tiny step 1 after "; !strings.HasPrefix(lines[0], want) || !strings.HasSuffix(lines[0], ": replicas: want 5, now 1") {
		t.Errorf("got %q\nwant %q… with the failing condition", lines[0], want)
	}
}
