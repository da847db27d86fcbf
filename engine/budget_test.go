package engine

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// Issue 11: `kubectl get pods -w | tail -1` after 200 replicas of a missing image ran the
// clock 24 virtual hours at once. A watch never ends by itself, and a pipe needs its output
// now: it stops after the budget's events or wait, says so, and leaves the clock no further
// than the wait.
func TestPipedWatchStopsWithinTheBudget(t *testing.T) {
	b := DefaultBudget
	for _, tc := range []struct {
		name, line string
		rows       int // lines the watch itself may print
	}{
		{"rows of a busy watch", "kubectl get pods -w | wc -l", b.WatchEvents},
		{"the last row", "kubectl get pods -w | tail -1", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := missingImage200(t)
			listed := strings.Count(e.Exec("kubectl get pods").Stdout(), "\n")
			start := e.Now()
			x := e.Exec(tc.line)
			if x.Stderr() != b.WatchText()+"\n" || x.ExitCode() != 0 {
				t.Fatalf("stderr %q exit %d, want the notice %q", x.Stderr(), x.ExitCode(), b.WatchText())
			}
			if moved := e.Now().Sub(start); moved > b.Wait {
				t.Fatalf("the clock moved %v, more than the budget's wait %v", moved, b.Wait)
			}
			if tc.rows == b.WatchEvents {
				if got := strings.TrimSpace(x.Stdout()); got != strconv.Itoa(listed+b.WatchEvents) {
					t.Fatalf("wc -l says %s, want the %d listed rows and %d events", got, listed, b.WatchEvents)
				}
			}
		})
	}
}

// A watch in a pipe on a cluster with nothing left to do ends at once: no row could come, and
// the clock stays where it was.
func TestPipedWatchOnAnIdleClusterLeavesTheClock(t *testing.T) {
	e := newSeed(t)
	e.Advance(time.Hour)
	if e.Cluster.Clock.Next() != nil {
		t.Fatalf("the seed cluster still has work queued after an hour: %s", e.Cluster.Clock.Next().Label())
	}
	start := e.Now()
	x := e.Exec("kubectl get pods -w | grep -c Running")
	if x.Stdout() != "2\n" || x.Stderr() != DefaultBudget.WatchText()+"\n" {
		t.Fatalf("got %q / %q", x.Stdout(), x.Stderr())
	}
	if !e.Now().Equal(start) {
		t.Fatalf("the clock moved %v", e.Now().Sub(start))
	}
}

// A waiting command runs at most the budget's units of simulated work, then stops with the
// budget's notice and its own timeout error; a smaller budget stops it sooner.
func TestWaitStopsAfterTheStepBudget(t *testing.T) {
	want := "error: timed out waiting for the condition\nstopped after 25 units of simulated work\n"
	for _, line := range []string{"kubectl rollout status deployment/web", "kubectl rollout status deployment/web | tail -1"} {
		e := New(Options{Seed: 1, Budget: Budget{Steps: 25}})
		e.WriteFile("web.yaml", strings.Replace(benchManifest, "%d", "50", 1))
		e.Exec("kubectl create -f web.yaml")
		x := e.Exec(line)
		e.Drive(x)
		if x.Stderr() != want {
			t.Fatalf("%s: stderr %q, want %q", line, x.Stderr(), want)
		}
	}
}

// An input over the budget gives the same output and leaves the same cluster whether it is
// typed or replayed from a saved session or share link (the app rebuilds a link's session by
// replaying its inputs).
func TestBudgetIsTheSameWhenReplayed(t *testing.T) {
	lines := []string{
		"echo a" + strings.Repeat(" | x", 16000),
		"kubectl get pods -w | tail -3",
		"kubectl get pods -o yaml | wc -c",
	}
	s := NewSession(Options{Seed: 1, Budget: Budget{Output: 2000}})
	s.WriteFile("d.yaml", seedYAML)
	s.Exec("kubectl apply -f d.yaml")
	s.Advance(3 * time.Second)
	var typed []string
	for _, l := range lines {
		x := s.Exec(l)
		typed = append(typed, x.Stdout()+x.Stderr())
	}
	if !strings.Contains(typed[0], "more than 64 commands") || !strings.Contains(typed[1], "a watch in a pipe stops") ||
		!strings.Contains(typed[2], "output truncated at 2000 bytes") {
		t.Fatalf("typed: %q", typed)
	}
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	r, err := RestoreSession(data, Options{Budget: Budget{Output: 2000}})
	if err != nil {
		t.Fatal(err)
	}
	if stateOf(r) != stateOf(s) || !r.E.Now().Equal(s.E.Now()) {
		t.Fatal("the replayed session is not where the typed one is")
	}
	r.Seek(3)
	for i, l := range lines {
		x := r.Exec(l)
		if got := x.Stdout() + x.Stderr(); got != typed[i] {
			t.Fatalf("%.30s: replayed %q, typed %q", l, got, typed[i])
		}
	}
}
