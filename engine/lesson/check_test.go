package lesson

import (
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
)

const webYAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
`

func webSession(t *testing.T) *engine.Session {
	t.Helper()
	s := engine.NewSession(engine.Options{Seed: 1})
	s.WriteFile("web.yaml", webYAML)
	if x := s.Exec("kubectl apply -f web.yaml"); x.ExitCode() != 0 {
		t.Fatal(x.Stderr())
	}
	return s
}

// TestQueryRecordsNothingAndKeepsReplay pins the contract's "read-only" rule: a check records
// no input, does not move the clock, and a session with checks between its inputs replays to
// exactly the same cluster as one without (the grader sees what the page saw).
func TestQueryRecordsNothingAndKeepsReplay(t *testing.T) {
	queried, plain := webSession(t), webSession(t)
	target := SessionTarget(queried)
	lines := []string{
		"get deploy web -o jsonpath={.status.availableReplicas}",
		"kubectl describe deployment web",
		"rollout status deploy/web",
		"rollout history deploy/web",
		"get pods -o wide",
		"explain deployment.spec.strategy",
	}
	for i := 0; i < 8; i++ {
		n, now := queried.Len(), queried.E.Now()
		for _, line := range lines {
			target.Query(line)
		}
		target.Settled("web")
		if queried.Len() != n || !queried.E.Now().Equal(now) {
			t.Fatalf("a query recorded an input or moved the clock")
		}
		if i == 2 {
			queried.Exec("kubectl set image deploy/web web=nginx:1.27")
			plain.Exec("kubectl set image deploy/web web=nginx:1.27")
		}
		queried.Advance(time.Second)
		plain.Advance(time.Second)
	}
	for _, line := range []string{"kubectl get pods,rs -o yaml", "kubectl get events"} {
		a, b := queried.Exec(line).Stdout(), plain.Exec(line).Stdout()
		if a != b {
			t.Errorf("%s differs after queries:\n%s\n---\n%s", line, a, b)
		}
	}
}

// TestRolloutStatusQueryReportsThePresent: a check's `rollout status` does not wait (on a
// cluster it is given --watch=false): mid-rollout it prints the current Waiting line and exits.
func TestRolloutStatusQueryReportsThePresent(t *testing.T) {
	s := webSession(t)
	out, _, exit := SessionTarget(s).Query("rollout status deploy/web")
	if exit != 0 || !strings.HasPrefix(out, `Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...`) {
		t.Errorf("mid-rollout: exit %d, %q", exit, out)
	}
	s.Advance(time.Minute)
	if out, _, _ := SessionTarget(s).Query("rollout status deploy/web"); out != "deployment \"web\" successfully rolled out\n" {
		t.Errorf("after: %q", out)
	}
}

// TestSettled pins the settled rule: not while pods start or old pods terminate, yes once the
// rollout is complete and nothing is queued for it; a stuck rollout never settles.
func TestSettled(t *testing.T) {
	s := webSession(t)
	target := SessionTarget(s)
	if target.Settled("web") {
		t.Error("settled right after apply, pods not even scheduled")
	}
	if target.Settled("nope") {
		t.Error("a missing Deployment is settled")
	}
	s.Advance(time.Minute)
	if !target.Settled("web") {
		t.Error("not settled a minute after a 3-replica apply")
	}
	s.Exec("kubectl set image deploy/web web=nginx:1.27")
	if target.Settled("web") {
		t.Error("settled right after an image change")
	}
	var settledAt time.Duration
	for i := 0; i < 600 && settledAt == 0; i++ {
		s.Advance(100 * time.Millisecond)
		if target.Settled("web") {
			settledAt = s.E.Elapsed()
		}
	}
	// Settled means no old pod is left, not even terminating: the old ReplicaSet's pods are gone.
	if out := s.Exec("kubectl get pods -o name").Stdout(); settledAt == 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("settled at %v with pods:\n%s", settledAt, out)
	}
	s.Exec("kubectl set image deploy/web web=nginx:1.91")
	s.Advance(10 * time.Minute)
	if target.Settled("web") {
		t.Error("a rollout stuck on ImagePullBackOff is settled")
	}
}

func TestMentions(t *testing.T) {
	for _, c := range []struct {
		label string
		want  bool
	}{
		{"sync Deployment default/web", true},
		{"kubelet start pod web-5d59d67564-abcde", true},
		{"sync Deployment default/website", false},
		{"sync Deployment default/my-web", false},
		{"sync ReplicaSet default/web-5d59d67564", true},
	} {
		if got := mentions(c.label, "web"); got != c.want {
			t.Errorf("mentions(%q, web) = %v", c.label, got)
		}
	}
}

// fakeTarget answers queries from a table, for the wording of results.
type fakeTarget struct {
	out     map[string]string
	settled bool
}

func (f fakeTarget) Query(line string) (string, string, int) {
	if o, ok := f.out[line]; ok {
		return o, "", 0
	}
	return "", "Error from server (NotFound): deployments.apps \"web\" not found\n", 1
}
func (f fakeTarget) Settled(string) bool { return f.settled }

// TestEvaluateSaysWhatIsWantedAndWhatIsThere pins the panel's words (issue 9: "availableReplicas:
// want 3, now 1"), in English and Chinese, for each kind of condition.
func TestEvaluateSaysWhatIsWantedAndWhatIsThere(t *testing.T) {
	three, one := "3", 1.0
	avail := "get deploy web -o jsonpath={.status.availableReplicas}"
	cases := []struct {
		name   string
		cond   Condition
		target fakeTarget
		ran    []string
		lang   string
		want   CondResult
	}{
		{"equals, not yet", Condition{Kubectl: avail, Equals: &three}, fakeTarget{out: map[string]string{avail: "1"}}, nil, "en",
			CondResult{Want: "availableReplicas: want 3", Now: "now 1"}},
		{"equals, held", Condition{Kubectl: avail, Equals: &three}, fakeTarget{out: map[string]string{avail: "3"}}, nil, "zh",
			CondResult{Want: "availableReplicas：应为 3", Now: "现在 3", OK: true}},
		{"equals, empty output", Condition{Kubectl: avail, Equals: &three}, fakeTarget{out: map[string]string{avail: ""}}, nil, "en",
			CondResult{Want: "availableReplicas: want 3", Now: "now nothing"}},
		{"equals, the command fails", Condition{Kubectl: avail, Equals: &three}, fakeTarget{}, nil, "en",
			CondResult{Want: "availableReplicas: want 3", Now: `now an error: Error from server (NotFound): deployments.apps "web" not found`}},
		{"contains a NotFound", Condition{Kubectl: "get deploy web", Contains: "NotFound"}, fakeTarget{}, nil, "en",
			CondResult{Want: "`get deploy web`: want output containing “NotFound”", Now: `now an error: Error from server (NotFound): deployments.apps "web" not found`, OK: true}},
		{"matches with a label", Condition{Kubectl: "get pods", Matches: "ImagePullBackOff", Label: Text{EN: "pods", ZH: "Pod"}}, fakeTarget{out: map[string]string{"get pods": "NAME READY\nweb-1 0/1 ImagePullBackOff\n"}}, nil, "zh",
			CondResult{Want: "Pod：输出应匹配 /ImagePullBackOff/", Now: "现在 NAME READY …", OK: true}},
		{"atLeast on a non-number", Condition{Kubectl: avail, AtLeast: &one}, fakeTarget{out: map[string]string{avail: "three"}}, nil, "en",
			CondResult{Want: "availableReplicas: want at least 1", Now: "now three (not a number)"}},
		{"atMost holds", Condition{Kubectl: avail, AtMost: &one}, fakeTarget{out: map[string]string{avail: "0"}}, nil, "en",
			CondResult{Want: "availableReplicas: want at most 1", Now: "now 0", OK: true}},
		{"ran a prefix", Condition{Ran: "kubectl rollout undo"}, fakeTarget{}, []string{"kubectl get rs", "kubectl rollout undo deploy/web"}, "en",
			CondResult{Want: "run `kubectl rollout undo`", Now: "ran `kubectl rollout undo deploy/web`", OK: true}},
		{"ran a regexp, not yet", Condition{Ran: "/^kubectl scale .*--replicas=5/"}, fakeTarget{}, []string{"kubectl scale deploy web --replicas=4"}, "zh",
			CondResult{Want: "运行 `/^kubectl scale .*--replicas=5/`", Now: "尚未运行"}},
		{"settled", Condition{Settled: "web"}, fakeTarget{settled: true}, nil, "en",
			CondResult{Want: "deployment web: settled (rollout complete, nothing pending)", Now: "settled", OK: true}},
		{"not settled", Condition{Settled: "web"}, fakeTarget{}, nil, "zh",
			CondResult{Want: "deployment web：已稳定（发布完成，没有待处理的工作）", Now: "仍在变化"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			step := Step{Check: []Condition{c.cond}}
			ok, got := step.Evaluate(c.target, c.ran, c.lang)
			if len(got) != 1 || got[0] != c.want || ok != c.want.OK {
				t.Errorf("got %v %+v\nwant %+v", ok, got, c.want)
			}
		})
	}
}

// TestTrackerWindows pins the contract's window rule: a step's `ran` sees only the commands
// since the previous step passed, and several steps can pass in one Observe.
func TestTrackerWindows(t *testing.T) {
	l := &Lesson{ID: "w", Steps: []Step{
		{Check: []Condition{{Ran: "kubectl get pods"}}},
		{Check: []Condition{{Ran: "kubectl get pods"}}},
		{Check: []Condition{{Ran: "kubectl get rs"}}},
	}}
	tr := NewTracker(l)
	cmds := []string{"kubectl get pods"}
	if got := tr.Observe(fakeTarget{}, cmds, time.Second); len(got) != 1 || got[0] != 0 {
		t.Fatalf("passed %v, want step 0 only: step 1's window starts after the command that passed step 0", got)
	}
	cmds = append(cmds, "kubectl get rs")
	if got := tr.Observe(fakeTarget{}, cmds, 2*time.Second); len(got) != 0 {
		t.Fatalf("passed %v: step 1 needs its own `get pods`", got)
	}
	cmds = append(cmds, "kubectl get pods")
	// Step 2 wants `get rs`, which ran before step 1 passed: outside its window.
	if got := tr.Observe(fakeTarget{}, cmds, 3*time.Second); len(got) != 1 || got[0] != 1 {
		t.Fatalf("passed %v, want step 1", got)
	}
	cmds = append(cmds, "kubectl get rs", "kubectl get pods")
	if got := tr.Observe(fakeTarget{}, cmds, 4*time.Second); len(got) != 1 || !tr.Done() {
		t.Fatalf("passed %v, done %v", got, tr.Done())
	}
	want := []Pass{{0, time.Second, 1}, {1, 3 * time.Second, 3}, {2, 4 * time.Second, 5}}
	for i, p := range tr.Passed {
		if p != want[i] {
			t.Errorf("pass %d = %+v, want %+v", i, p, want[i])
		}
	}
}

// TestEqualsNothing: `equals: ""` holds when a get finds nothing; the "No resources found"
// note kubectl prints on stderr with exit code 0 is not output.
func TestEqualsNothing(t *testing.T) {
	s := webSession(t)
	empty := ""
	step := Step{Check: []Condition{{Kubectl: "get pods -l app=debug -o name", Equals: &empty, Label: Text{EN: "debug pods"}}}}
	ok, got := step.Evaluate(SessionTarget(s), nil, "en")
	if !ok || got[0].Want != "debug pods: want nothing" || got[0].Now != "now nothing" {
		t.Errorf("%v %+v", ok, got)
	}
}
