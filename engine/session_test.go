package engine

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/kubelet"
)

func seedSession(t *testing.T) *Session {
	t.Helper()
	s := NewSession(Options{Seed: 1})
	s.WriteFile("nginx-deployment.yaml", seedYAML)
	if x := s.Exec("kubectl apply -f nginx-deployment.yaml"); x.ExitCode() != 0 {
		t.Fatal(x.Stderr())
	}
	s.Advance(2 * time.Second)
	return s
}

func stateOf(s *Session) string {
	v := s.E.View(0)
	v.Events = nil
	b, _ := json.Marshal(v)
	return string(b)
}

func TestSeekTimeCutsAnAdvance(t *testing.T) {
	s := seedSession(t)
	s.Exec("kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91")
	s.Advance(20 * time.Second)
	s.SeekTime(2*time.Second + 500*time.Millisecond)
	if got := s.E.View(0).Elapsed; got != 2500*time.Millisecond {
		t.Fatalf("clock at %v, want 2.5s", got)
	}
	v := s.E.View(0)
	if len(v.Deployments[0].ReplicaSets) != 2 {
		t.Fatalf("the set image at 2 s is replayed: %d ReplicaSets", len(v.Deployments[0].ReplicaSets))
	}
	for _, p := range v.Deployments[0].ReplicaSets[0].Pods {
		if p.Status != "ContainerCreating" {
			t.Fatalf("0.5 s into the pull the new pod is ContainerCreating, got %s", p.Status)
		}
	}
}

func TestSessionSurvivesMarshal(t *testing.T) {
	s := seedSession(t)
	s.Exec("kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1")
	s.Advance(5 * time.Second)
	s.Undo()
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	r, err := RestoreSession(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if stateOf(r) != stateOf(s) || r.Position() != s.Position() || r.Len() != s.Len() {
		t.Fatal("restored session differs")
	}
	for _, bad := range []string{"", "{", `{"v":2}`, `{"v":1,"in":[{"k":"rm -rf"}]}`, `{"v":1,"in":[{"k":"advance","d":-5}]}`,
		`{"v":1,"in":[{"k":"advance","d":999999999999999999}]}`} {
		if _, err := RestoreSession([]byte(bad), Options{}); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func TestStepExplainsItself(t *testing.T) {
	s := NewSession(Options{Seed: 1})
	s.E.Cluster.Clock.Explain(true)
	s.WriteFile("d.yaml", strings.Replace(seedYAML, "replicas: 2", "replicas: 3", 1))
	s.Exec("kubectl create -f d.yaml")
	s.Advance(5 * time.Second)
	s.Paused = true
	s.Exec("kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91")
	var keys []string
	for {
		label, notes := s.Step()
		if label == "" || len(keys) > 200 {
			break
		}
		for _, n := range notes {
			keys = append(keys, n.Key)
		}
		if s.E.View(0).Deployments[0].Total == 4 {
			break
		}
	}
	joined := strings.Join(keys, " ")
	for _, want := range []string{"deployment.newRS", "rs.create", "pod.scheduled"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no %s note while stepping: %s", want, joined)
		}
	}
}

// A node whose kubelet stops turns NotReady after 40 s; its pods are evicted after their 300 s
// toleration, stay Terminating, and are replaced on the other nodes.
func TestNodeDownEvictsAndReplaces(t *testing.T) {
	s := seedSession(t)
	v := s.E.View(0)
	node := v.Deployments[0].ReplicaSets[0].Pods[0].Node
	if err := s.SetNodeDown(node, true); err != nil {
		t.Fatal(err)
	}
	s.Advance(41 * time.Second)
	for _, n := range s.E.View(0).Nodes {
		if n.Name == node && n.Status != "NotReady" {
			t.Fatalf("node %s is %s after 41 s, want NotReady", node, n.Status)
		}
	}
	s.Advance(301 * time.Second)
	var terminating, running int
	for _, p := range s.E.View(0).Deployments[0].ReplicaSets[0].Pods {
		switch {
		case p.Terminating && p.Node == node:
			terminating++
		case !p.Terminating && p.Node != node && p.Status == "Running":
			running++
		}
	}
	if terminating != 1 || running != 2 {
		t.Fatalf("want 1 pod stuck Terminating on %s and 2 running elsewhere, got %d and %d", node, terminating, running)
	}
	if err := s.SetNodeDown(node, false); err != nil {
		t.Fatal(err)
	}
	s.Advance(5 * time.Second)
	if n := len(s.E.View(0).Deployments[0].ReplicaSets[0].Pods); n != 2 {
		t.Fatalf("once the kubelet is back the evicted pod goes: %d pods", n)
	}
	if err := s.SetNodeDown("node-9", true); err == nil {
		t.Fatal("unknown node: want an error")
	}
}

func TestImageModes(t *testing.T) {
	s := seedSession(t)
	s.SetImageMode("nginx:1.9.1", "missing")
	s.Exec("kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1")
	s.Advance(5 * time.Second)
	if st := s.E.View(0).Deployments[0].ReplicaSets[0].Pods[0].Status; st != "ImagePullBackOff" {
		t.Fatalf("a missing image backs off, got %s", st)
	}
	s.SetImageMode("nginx:1.9.1", "")
	s.Advance(30 * time.Second)
	if d := s.E.View(0).Deployments[0]; !d.Complete {
		t.Fatalf("once the image exists again the retry succeeds: %+v", d)
	}
}

// A streaming command keeps printing while the clock runs and ends by itself.
func TestRolloutStatusStreamsWhileTheClockRuns(t *testing.T) {
	s := seedSession(t)
	s.Exec("kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1")
	x := s.Exec("kubectl rollout status deployment/nginx-deployment-controller")
	if !x.Running() {
		t.Fatalf("rollout status should still be running: %q", x.Stdout())
	}
	for i := 0; i < 100 && x.Running(); i++ {
		s.Advance(100 * time.Millisecond)
		x.Poll(s.E.Now())
	}
	if x.Running() || x.ExitCode() != 0 || !strings.HasSuffix(x.Stdout(), "deployment \"nginx-deployment-controller\" successfully rolled out\n") {
		t.Fatalf("running=%v exit=%d out=%q", x.Running(), x.ExitCode(), x.Stdout())
	}
	if !strings.HasPrefix(x.Stdout(), "Waiting for deployment \"nginx-deployment-controller\" rollout to finish: 1 out of 2 new replicas have been updated...") {
		t.Fatalf("first line: %q", x.Stdout())
	}
}

// A budgeted advance stops inside a busy instant and replays exactly.
func TestAdvanceBudgetReplaysExactly(t *testing.T) {
	s := NewSession(Options{Seed: 1})
	s.WriteFile("d.yaml", strings.Replace(seedYAML, "replicas: 2", "replicas: 50", 1))
	s.Paused = true
	s.Exec("kubectl apply -f d.yaml")
	total := time.Duration(0)
	for i := 0; i < 400 && s.E.View(0).Deployments[0].Available < 50; i++ {
		d, _, _ := s.AdvanceBudget(200*time.Millisecond, 7)
		total += d
	}
	if s.E.View(0).Deployments[0].Available != 50 {
		t.Fatal("the rollout should complete in small budgets")
	}
	want := stateOf(s)
	data, _ := s.Marshal()
	r, err := RestoreSession(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if stateOf(r) != want {
		t.Fatal("a replay of budgeted advances differs")
	}
	if total != s.E.Elapsed() {
		t.Fatalf("returned %v, clock moved %v", total, s.E.Elapsed())
	}
}

// Seeking back in time keeps the future for redo.
func TestSeekTimeKeepsTheRedoTail(t *testing.T) {
	s := seedSession(t)
	s.Exec("kubectl scale deployment nginx-deployment-controller --replicas=4")
	s.Advance(10 * time.Second)
	end := stateOf(s)
	n := s.Len()
	s.SeekTime(1500 * time.Millisecond)
	if s.E.Elapsed() != 1500*time.Millisecond || !s.CanRedo() || s.Len() != n+1 {
		t.Fatalf("at %v, redo %v, %d inputs", s.E.Elapsed(), s.CanRedo(), s.Len())
	}
	for s.Redo() {
	}
	if stateOf(s) != end {
		t.Fatal("redoing to the end does not give the same state")
	}
}

// `get pods -w` on an empty namespace keeps watching; the first pod comes with the header.
func TestGetWatchStartsEmpty(t *testing.T) {
	s := NewSession(Options{Seed: 1})
	x := s.Exec("kubectl get pods -w")
	if !x.Running() || x.Stderr() != "No resources found in default namespace.\n" {
		t.Fatalf("running=%v stderr=%q", x.Running(), x.Stderr())
	}
	s.WriteFile("d.yaml", seedYAML)
	s.Exec("kubectl apply -f d.yaml")
	x.Poll(s.E.Now())
	s.Advance(2 * time.Second)
	x.Poll(s.E.Now())
	out := x.Stdout()
	if !strings.HasPrefix(out, "NAME ") || strings.Count(out, "NAME ") != 1 || !strings.Contains(out, "Running") {
		t.Fatalf("watch output:\n%s", out)
	}
}

// TestForwardRebuildsOnce: a session restored at position 0 and moved Forward input by input
// reaches the same cluster as restoring it whole (the engine is deterministic), watching each
// instant of a clock advance on the way, and leaves the inputs unchanged.
func TestForwardRebuildsOnce(t *testing.T) {
	s := NewSession(Options{Seed: 7})
	s.Exec("kubectl create deployment web --image=nginx:1.91 --replicas=3")
	s.Advance(2 * time.Minute)
	s.Exec("kubectl set image deployment/web nginx=nginx:1.9.1")
	s.AdvanceBudget(time.Minute, 3) // a truncated frame: an advance with a task budget
	s.Advance(time.Minute)
	data, _ := s.Marshal()
	want, err := RestoreSession(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	zero := atStart(t, s)
	r, err := RestoreSession(zero, Options{})
	if err != nil {
		t.Fatal(err)
	}
	instants := 0
	for {
		if _, ok := r.Forward(func() { instants++ }); !ok {
			break
		}
	}
	if instants == 0 {
		t.Fatal("no instant was watched")
	}
	got, exp := r.E.View(0), want.E.View(0)
	if got.Version != exp.Version || got.Elapsed != exp.Elapsed || r.Position() != want.Position() || r.Len() != want.Len() {
		t.Fatalf("forward: version %d/%d elapsed %v/%v pos %d/%d", got.Version, exp.Version, got.Elapsed, exp.Elapsed, r.Position(), want.Position())
	}
}

// TestForwardBudgetSpreadsAndCuts: ForwardBudget with a small budget reaches the same cluster
// as Forward, a few units of work at a time; CutHere part-way keeps what ran as a session that
// restores to the same cluster (the engine is deterministic).
func TestForwardBudgetSpreadsAndCuts(t *testing.T) {
	s := NewSession(Options{Seed: 3})
	s.Exec("kubectl create deployment web --image=nginx:1.91 --replicas=4")
	s.Advance(20 * time.Minute) // image pull back-offs all along
	zero := atStart(t, s)

	r, _ := RestoreSession(zero, Options{})
	calls := 0
	for r.Position() < r.Len() {
		if _, ran, _ := r.ForwardBudget(5, nil); ran > 5 {
			t.Fatalf("ran %d units of work, budget 5", ran)
		}
		calls++
	}
	if got, want := r.E.View(0), s.E.View(0); got.Version != want.Version || got.Elapsed != want.Elapsed || calls < 10 {
		t.Fatalf("spread over %d calls: version %d/%d elapsed %v/%v", calls, got.Version, want.Version, got.Elapsed, want.Elapsed)
	}

	c, _ := RestoreSession(zero, Options{})
	for i := 0; i < 4; i++ {
		c.ForwardBudget(5, nil)
	}
	checkCut(t, c, "cut")
}

// atStart is s saved with its position moved back to 0: restoring it replays every input.
func atStart(t *testing.T, s *Session) []byte {
	t.Helper()
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var f sessionFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	f.Pos = 0
	zero, _ := json.Marshal(f)
	return zero
}

// checkCut cuts c at its present and checks that the saved cut restores to the same cluster
// (resource version and clock) and ends where it was cut.
func checkCut(t *testing.T, c *Session, what string) {
	t.Helper()
	c.CutHere()
	cutData, _ := c.Marshal()
	again, err := RestoreSession(cutData, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := again.E.View(0), c.E.View(0); got.Version != want.Version || got.Elapsed != want.Elapsed || c.Position() != c.Len() {
		t.Fatalf("%s: version %d/%d elapsed %v/%v", what, got.Version, want.Version, got.Elapsed, want.Elapsed)
	}
}

// A session saved before Input.Kind was typed (the bytes an older build wrote, one input of
// every kind) still loads: the kinds keep their strings in the "k" field, so saved sessions
// and share links stay valid, and it replays to the state the same actions give today.
func TestOldSavedSessionStillLoads(t *testing.T) {
	const saved = `{"v":1,"seed":1,"in":[{"k":"file","n":"notes.txt","c":"hello\n","r":true},` +
		`{"k":"exec","l":"kubectl create deployment web --image=nginx:1.14.2 --replicas=2"},{"k":"step"},` +
		`{"k":"advance","d":2000000000},{"k":"image","n":"nginx:9","c":"missing"},{"k":"node","n":"node-1","c":"down"},` +
		`{"k":"edit","l":"edit deployment/web","c":"{}"}],"pos":7}`
	r, err := RestoreSession([]byte(saved), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []InputKind{KindFile, KindExec, KindStep, KindAdvance, KindImage, KindNode, KindEdit}
	var got []InputKind
	for _, in := range r.Inputs() {
		got = append(got, in.Kind)
	}
	if !slices.Equal(got, want) {
		t.Errorf("kinds %v, want %v", got, want)
	}
	s := NewSession(Options{Seed: 1})
	s.WriteFile("notes.txt", "hello\n")
	s.Exec("kubectl create deployment web --image=nginx:1.14.2 --replicas=2")
	s.Step()
	s.Advance(2 * time.Second)
	s.SetImageMode("nginx:9", kubelet.ImageMissing)
	if err := s.SetNodeDown("node-1", true); err != nil {
		t.Fatal(err)
	}
	s.EditSave("edit deployment/web", "{}")
	if data, err := s.Marshal(); err != nil || string(data) != saved {
		t.Errorf("today's session saves as\n%s\nwant the old bytes\n%s", data, saved)
	}
	if stateOf(r) != stateOf(s) {
		t.Error("the restored session's state differs from the same actions done now")
	}
}

// A single command whose settling is long (a scale to hundreds of pods: the ReplicaSet controller
// creates them in slow-start batches at the same instant) is spread over ForwardBudget calls
// too: it runs paused, then the work due at that instant runs a few units at a time, reaching the
// same cluster as one Exec; its Execution comes back with the last call. CutHere in the middle
// keeps a paused command and the work that ran, which restores to the same cluster.
func TestForwardBudgetSpreadsACommandsSettling(t *testing.T) {
	s := NewSession(Options{Seed: 5})
	s.Exec("kubectl create deployment web --image=nginx:1.9.1 --replicas=1")
	s.Advance(10 * time.Second)
	s.Exec("kubectl scale deployment web --replicas=300")
	s.Exec("kubectl get deployment web")
	zero := atStart(t, s)

	r, _ := RestoreSession(zero, Options{})
	var lastOut string
	scaleCalls := 0
	for r.Position() < r.Len() {
		at := r.Position()
		x, ran, done := r.ForwardBudget(20, nil)
		if ran > 20 {
			t.Fatalf("ran %d units of work, budget 20", ran)
		}
		if at == 2 {
			scaleCalls++
			if done && (x == nil || !strings.Contains(x.Stdout(), "scaled")) {
				t.Fatalf("the scale's output did not come back: %+v", x)
			}
		}
		if done && x != nil {
			lastOut = x.Stdout()
		}
	}
	if scaleCalls < 5 {
		t.Fatalf("the scale's settling ran in %d calls: not spread", scaleCalls)
	}
	if got, want := r.E.View(0), s.E.View(0); got.Version != want.Version || got.Elapsed != want.Elapsed {
		t.Fatalf("spread: version %d/%d elapsed %v/%v", got.Version, want.Version, got.Elapsed, want.Elapsed)
	}
	if !strings.Contains(lastOut, "web") {
		t.Fatalf("the last command printed %q", lastOut)
	}

	for _, calls := range []int{1, 3} { // cut right after the command, and part-way through its settling
		c, _ := RestoreSession(zero, Options{})
		for c.Position() < 2 {
			c.ForwardBudget(20, nil)
		}
		for i := 0; i < calls; i++ {
			c.ForwardBudget(20, nil)
		}
		checkCut(t, c, fmt.Sprintf("cut after %d calls", calls))
	}
}

// A command typed at the prompt runs as Start and then ForwardBudget in slices (the page
// spreads a 5,000-replica scale's settling over frames): the session records exactly what
// Exec records — the same inputs, Read flags included, so undo and the timeline see the same
// actions — and the same output, whatever the slicing. Lines cover a scale whose settling is
// long, a read, a pipe (run in one piece), a failing command and a paused command.
func TestStartRecordsWhatExecRecords(t *testing.T) {
	lines := []struct {
		line   string
		paused bool
	}{
		{"kubectl create deployment web --image=nginx:1.9.1 --replicas=1", false},
		{"kubectl scale deployment web --replicas=300", false},
		{"kubectl get deployment web", false},
		{"kubectl get pods | wc -l", false},
		{"kubectl scale deployment nope --replicas=2", false},
		{"kubectl scale deployment web --replicas=20", true},
	}
	exec := NewSession(Options{Seed: 5})
	var want []string
	for _, l := range lines {
		exec.Paused = l.paused
		x := exec.Exec(l.line)
		want = append(want, x.Stdout()+x.Stderr())
	}
	wantData, _ := exec.Marshal()
	for _, budget := range []int{1, 7, 1 << 30} {
		s := NewSession(Options{Seed: 5})
		calls := 0
		for i, l := range lines {
			s.Paused = l.paused
			s.Start(l.line)
			if !s.Busy() || s.Position() != s.Len()-1 {
				t.Fatalf("budget %d: after Start the command waits (busy %v, position %d of %d)", budget, s.Busy(), s.Position(), s.Len())
			}
			for {
				x, ran, done := s.ForwardBudget(budget, nil)
				calls++
				if ran > budget {
					t.Fatalf("budget %d: ran %d units", budget, ran)
				}
				if done {
					if got := x.Stdout() + x.Stderr(); got != want[i] {
						t.Errorf("budget %d: %q printed %q, Exec printed %q", budget, l.line, got, want[i])
					}
					break
				}
			}
			if s.Busy() {
				t.Fatalf("budget %d: %q still busy once done", budget, l.line)
			}
		}
		if budget == 1 && calls < 100 {
			t.Errorf("budget 1: %d calls, the scale's settling was not spread", calls)
		}
		if got, _ := s.Marshal(); string(got) != string(wantData) {
			t.Errorf("budget %d: recorded\n%s\nExec records\n%s", budget, got, wantData)
		}
		if stateOf(s) != stateOf(exec) {
			t.Errorf("budget %d: the cluster differs from Exec's", budget)
		}
	}
}

// The budget's checkpoint is called between the objects of a long listing, between the steps
// of a watch inside a pipe and before each object created (where the page hands control back
// to the browser), and it changes nothing in the output.
func TestCheckpointRunsDuringLongWorkAndChangesNothing(t *testing.T) {
	lines := []struct {
		line  string
		calls int // at least
	}{
		{"kubectl get pods -o yaml | wc -c", 30}, // one per pod listed
		{"kubectl get pods -o json", 30},
		{"kubectl get pods -o custom-columns=N:.metadata.name", 30},
		{"kubectl rollout status deploy/web | tail -1", 1}, // one per unit of work waited
		{"kubectl scale deploy/web --replicas=60", 30},     // one per pod created
	}
	run := func(checkpoint func(), calls *int) []string {
		s := NewSession(Options{Seed: 2})
		s.SetCheckpoint(checkpoint)
		s.Exec("kubectl create deployment web --image=nginx:1.9.1 --replicas=30")
		var out []string
		for _, l := range lines {
			before := *calls
			x := s.Exec(l.line)
			out = append(out, x.Stdout()+x.Stderr())
			if checkpoint != nil && *calls-before < l.calls {
				t.Errorf("%q: the checkpoint ran %d times, want at least %d", l.line, *calls-before, l.calls)
			}
		}
		s.Seek(s.Len()) // a rebuilt engine keeps the checkpoint
		before := *calls
		x := s.E.Exec(lines[0].line)
		if checkpoint != nil && *calls-before < 60 {
			t.Errorf("after Seek the checkpoint ran %d times over 60 pods", *calls-before)
		}
		return append(out, x.Stdout())
	}
	var none, calls int
	want := run(nil, &none)
	got := run(func() { calls++ }, &calls)
	if !slices.Equal(got, want) {
		t.Errorf("with a checkpoint the output differs:\n%q\nwithout:\n%q", got, want)
	}
}

// Ctrl+C on a long command (the page's job runner unwinds it at a checkpoint with a Stopped
// panic): a command that has changed nothing yet is dropped whole — the session is byte for
// byte as before it, and a later part of its line never runs, as in a shell interrupted
// mid-pipeline — while a command that has already written to the cluster stays (the apiserver
// has the change; Ctrl+C after `kubectl scale` does not take it back) and must run to its end.
func TestAbandonDropsOnlyACommandThatChangedNothing(t *testing.T) {
	cases := []struct {
		line       string
		stopAt     int  // the checkpoint call that asks to stop
		abandoned  bool // the session may drop it there
		replicasTo string
	}{
		{"kubectl get pods -o yaml", 5, true, "30"},
		{"kubectl get pods -o json | wc -c; kubectl scale deploy/web --replicas=1", 5, true, "30"},
		{"kubectl scale deploy/web --replicas=60", 3, false, ""},
	}
	for _, c := range cases {
		s := NewSession(Options{Seed: 2})
		s.Exec("kubectl create deployment web --image=nginx:1.9.1 --replicas=30")
		for s.Pending() > 0 {
			s.Step()
		}
		before, _ := s.Marshal()
		calls, stoppable := 0, false
		s.SetCheckpoint(func() {
			if calls++; calls == c.stopAt {
				stoppable = s.Abandonable()
				if stoppable {
					panic(Stopped{})
				}
			}
		})
		s.Start(c.line)
		var stopped any
		func() {
			defer func() { stopped = recover() }()
			for done := false; !done; {
				_, _, done = s.ForwardBudget(1, nil)
			}
		}()
		if stoppable != c.abandoned {
			t.Fatalf("%q: abandonable at checkpoint %d: %v, want %v", c.line, c.stopAt, stoppable, c.abandoned)
		}
		if !c.abandoned {
			if stopped != nil || s.Busy() || s.Abandon() {
				t.Fatalf("%q: a command that wrote was stopped (%v) or dropped", c.line, stopped)
			}
			continue
		}
		if _, ok := stopped.(Stopped); !ok {
			t.Fatalf("%q: the Stopped panic did not unwind the command (recovered %v)", c.line, stopped)
		}
		if !s.Abandon() || s.Busy() {
			t.Fatalf("%q: not abandoned", c.line)
		}
		if after, _ := s.Marshal(); string(after) != string(before) {
			t.Errorf("%q: the session after Abandon\n%s\ndiffers from before\n%s", c.line, after, before)
		}
		s.SetCheckpoint(nil)
		if out := s.Exec("kubectl get deploy web -o jsonpath={.spec.replicas}").Stdout(); out != c.replicasTo {
			t.Errorf("%q: replicas %s after Abandon, want %s", c.line, out, c.replicasTo)
		}
	}
}
