package engine

import (
	"strings"
	"testing"
	"time"
)

// rollingSession is a 30-replica Deployment in a one-pod-at-a-time rolling update (maxSurge 1,
// maxUnavailable 0), which spreads its work over many instants, with `kubectl rollout status`
// waiting on it.
func rollingSession(t *testing.T) (*Session, *Execution) {
	t.Helper()
	s := NewSession(Options{Seed: 4})
	s.WriteFile("web.yaml", strings.Replace(seedYAML, "replicas: 2", "replicas: 30\n  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0", 1))
	s.Exec("kubectl apply -f web.yaml")
	s.Advance(2 * time.Minute)
	s.Exec("kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1")
	x := s.Exec("kubectl rollout status deployment/nginx-deployment-controller")
	if !x.Running() {
		t.Fatalf("rollout status did not wait: %q %q", x.Stdout(), x.Stderr())
	}
	return s, x
}

// The play loop's frames (issue 14: one engine-side frame API for the play loop, restore and a
// typed command): a frame never runs more instants or units of work than its budget, and says
// when it stopped short; waiting commands are polled after every whole instant, so `rollout
// status` prints each step of the rollout; and however the frames cut the time, even inside a
// busy instant, the cluster, the recorded session and what the waiting command printed are
// the same.
func TestAdvanceFrame(t *testing.T) {
	const span = 3 * time.Minute
	run := func(b FrameBudget) (s *Session, out string, frames, truncated int) {
		s, x := rollingSession(t)
		var left time.Duration = span
		for left > 0 {
			instants, calls := 0, 0
			st := s.AdvanceFrame(left, b, func(whole, changed bool) {
				calls++
				if whole {
					x.Poll(s.E.Now())
				}
			})
			frames++
			instants = st.Instants
			if b.MaxInstants > 0 && st.Instants > b.MaxInstants || b.MaxTasks > 0 && st.Tasks > b.MaxTasks {
				t.Fatalf("budget %+v: a frame ran %d instants, %d units", b, st.Instants, st.Tasks)
			}
			if st.Advanced > st.Requested || st.Truncated && st.Advanced == st.Requested && st.Tasks == 0 {
				t.Fatalf("budget %+v: frame %+v", b, st)
			}
			if calls < instants {
				t.Fatalf("budget %+v: %d instants, polled %d times", b, instants, calls)
			}
			if st.Truncated {
				truncated++
			}
			left -= st.Advanced
		}
		return s, x.Stdout(), frames, truncated
	}
	whole, wantOut, _, _ := run(FrameBudget{MaxInstants: 1 << 30})
	if !strings.Contains(wantOut, "successfully rolled out") || strings.Count(wantOut, "Waiting for deployment") < 10 {
		t.Fatalf("rollout status did not follow each step:\n%s", wantOut)
	}
	want := stateOf(whole)
	for _, b := range []FrameBudget{{MaxInstants: 1}, {MaxInstants: 3}, {MaxInstants: 1 << 30, MaxTasks: 1}, {MaxInstants: 5, MaxTasks: 7}} {
		s, out, frames, truncated := run(b)
		if truncated == 0 || frames < 10 {
			t.Errorf("budget %+v: %d frames, %d truncated: the budget was not exercised", b, frames, truncated)
		}
		if stateOf(s) != want {
			t.Errorf("budget %+v: the cluster differs from one frame's", b)
		}
		if out != wantOut {
			t.Errorf("budget %+v: rollout status printed\n%s\nin one frame\n%s", b, out, wantOut)
		}
		data, _ := s.Marshal()
		again, err := RestoreSession(data, Options{})
		if err != nil || stateOf(again) != want {
			t.Errorf("budget %+v: the recorded session does not replay to the same cluster (%v)", b, err)
		}
	}
}

// The clock readout and "slow down while something changes" read the clock through the
// session: the time, the queued work and when the next of it is due.
func TestClockState(t *testing.T) {
	s := NewSession(Options{Seed: 1})
	if c := s.Clock(); c.Queued != 0 || c.NextIn != 0 || c.Elapsed != 0 || s.WorkWithin(time.Hour) {
		t.Fatalf("a fresh cluster: %+v", c)
	}
	s.Paused = true
	s.Exec("kubectl create deployment web --image=nginx:1.9.1")
	c := s.Clock()
	if c.Queued == 0 || c.NextIn != 0 || !s.WorkWithin(0) {
		t.Fatalf("a paused command's work is due now: %+v", c)
	}
	s.Advance(90 * time.Second)
	if c := s.Clock(); c.Elapsed != 90*time.Second || !c.Now.Equal(s.E.Now()) {
		t.Fatalf("after 90 s: %+v", c)
	}
}
