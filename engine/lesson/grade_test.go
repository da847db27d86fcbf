package lesson

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
)

// seedSubmission plays the seed lesson's solutions as a learner would and submits the session.
func seedSubmission(t *testing.T) (*Lesson, []byte, *SimDriver) {
	t.Helper()
	ls, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	l := ls[0]
	d := simDriver(t, l, 7)
	if !Play(l, d, 10*time.Minute, func(StepResult) {}) {
		t.Fatal("the seed lesson does not pass")
	}
	data, err := NewSubmission(l, "Ada", d.S, 3*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	return l, data, d
}

// editInputs rewrites the inputs of a submission's session, as a learner editing the file would.
func editInputs(t *testing.T, data []byte, edit func([]engine.Input) []engine.Input) []byte {
	t.Helper()
	var sub map[string]json.RawMessage
	var sess map[string]json.RawMessage
	var in []engine.Input
	if json.Unmarshal(data, &sub) != nil || json.Unmarshal(sub["session"], &sess) != nil || json.Unmarshal(sess["in"], &in) != nil {
		t.Fatal("cannot read the submission")
	}
	in = edit(in)
	sess["in"], _ = json.Marshal(in)
	sess["pos"], _ = json.Marshal(len(in))
	delete(sess, "ahead")
	sub["session"], _ = json.Marshal(sess)
	out, _ := json.Marshal(sub)
	return out
}

func dropExec(prefix string) func([]engine.Input) []engine.Input {
	return func(in []engine.Input) []engine.Input {
		for i, x := range in {
			if x.Kind == "exec" && strings.HasPrefix(x.Line, prefix) {
				return append(in[:i:i], in[i+1:]...)
			}
		}
		return in
	}
}

// TestGradeReplaysToTheTrueVerdict pins issue 9's grading rule: the grade comes from replaying
// the inputs, never from what the file claims; an edited file replays to what its inputs do.
func TestGradeReplaysToTheTrueVerdict(t *testing.T) {
	l, data, d := seedSubmission(t)
	steps := len(l.Steps)
	solutions := 0
	for _, s := range l.Steps {
		solutions += len(s.Solution)
	}
	g := GradeSubmission(data, []*Lesson{l})
	want := Grade{Learner: "Ada", Lesson: "seed", Steps: steps, Passed: steps, Commands: solutions,
		Simulated: d.Elapsed(), Wall: 3 * time.Minute}
	if g != want {
		t.Fatalf("the played session: %+v\nwant %+v", g, want)
	}

	cases := []struct {
		name string
		edit func([]engine.Input) []engine.Input
		want func(Grade) bool
		says string
	}{
		{"the image update dropped", dropExec("kubectl set image deployment nginx-deployment-controller nginx=nginx:1.9.1"),
			func(g Grade) bool {
				return g.Rejected == "" && g.Passed == 7 && g.FirstFailing == 8 && g.Commands == solutions-1
			},
			"steps 1–7 pass; step 8 (the image update) fails"},
		{"a command added", func(in []engine.Input) []engine.Input {
			return append(in, engine.Input{Kind: "exec", Line: "kubectl delete deploy nginx-deployment-controller"})
		}, func(g Grade) bool { return g.Rejected == "" && g.Passed == steps && g.Commands == solutions+1 },
			"passed steps stay passed (a step passes when its check held at some moment); the command counts"},
		{"the start file changed", func(in []engine.Input) []engine.Input {
			in[0].Content = strings.Replace(in[0].Content, "replicas: 2", "replicas: 3", 1)
			return in
		}, func(g Grade) bool {
			return g.Rejected == "the session does not begin with lesson seed's starting state (input 1 differs)"
		}, "rejected"},
		{"the session emptied", func([]engine.Input) []engine.Input { return nil },
			func(g Grade) bool { return strings.HasPrefix(g.Rejected, "the session does not begin") }, "rejected"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if g := GradeSubmission(editInputs(t, data, c.edit), []*Lesson{l}); !c.want(g) {
				t.Errorf("%+v\nwant: %s", g, c.says)
			}
		})
	}
}

// TestGradeRejectsWithTheReason: files that cannot be graded say why.
func TestGradeRejectsWithTheReason(t *testing.T) {
	l, data, _ := seedSubmission(t)
	other := *l
	other.ID, other.Start = "other", Start{Commands: []string{"kubectl create deployment web --image=nginx:1.25"}}
	var sub map[string]any
	if err := json.Unmarshal(data, &sub); err != nil {
		t.Fatal(err)
	}
	with := func(k string, v any) []byte {
		m := map[string]any{}
		for a, b := range sub {
			m[a] = b
		}
		m[k] = v
		out, _ := json.Marshal(m)
		return out
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"corrupted JSON", data[:len(data)/2], "not a submission file: unexpected EOF"},
		{"a claimed score", with("passed", 13), `not a submission file: json: unknown field "passed"`},
		{"an unknown lesson", with("lesson", "nope"), `unknown lesson "nope"`},
		{"another lesson's id", with("lesson", "other"), "the session does not begin with lesson other's starting state (input 1 differs)"},
		{"a newer format", with("v", 2), "unknown submission version 2 (this build reads 1)"},
		{"a session that does not decode", with("session", map[string]any{"v": 1, "in": []any{map[string]any{"k": "launch"}}, "pos": 1}), `saved session: unknown input "launch"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if g := GradeSubmission(c.data, []*Lesson{l, &other}); g.Rejected != c.want {
				t.Errorf("rejected %q, want %q", g.Rejected, c.want)
			}
		})
	}
	// Another version of the lesson: graded, with a note.
	changed := *l
	changed.Hash = "0000"
	if g := GradeSubmission(data, []*Lesson{&changed}); g.Rejected != "" || g.Passed != len(l.Steps) || g.Note != "made with another version of the lesson" {
		t.Errorf("another version: %+v", g)
	}
}

// TestGradeAgreesWithPlay: for every shipped lesson, the grader replaying a session reaches
// the verdict the tracker reached while the session was played (the contract's window rule is
// what makes this hold: windows depend only on the inputs).
func TestGradeAgreesWithPlay(t *testing.T) {
	ls, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		d := simDriver(t, l, 11)
		var passed []StepResult
		Play(l, d, 10*time.Minute, func(r StepResult) { passed = append(passed, r) })
		data, err := NewSubmission(l, "Ada", d.S, 0)
		if err != nil {
			t.Fatal(err)
		}
		g := GradeSubmission(data, ls)
		if g.Rejected != "" || g.Passed != len(l.Steps) || g.FirstFailing != 0 {
			t.Errorf("%s: graded %+v, played %d steps", l.ID, g, len(passed))
		}
	}
}

// FuzzGradeSubmission: whatever the file holds, grading returns a verdict or a reason; it
// never panics (the page grades imported files too).
func FuzzGradeSubmission(f *testing.F) {
	l, _, err := Parse("tiny.yaml", []byte(minimal))
	if err != nil {
		f.Fatal(err)
	}
	s := StartSession(l, engine.Options{})
	s.Exec("kubectl create deployment web --image=nginx:1.25")
	s.Advance(time.Second)
	good, err := NewSubmission(l, "Ada", s, time.Minute)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"v":1,"lesson":"tiny","session":{"v":1,"in":[{"k":"image","n":"x","c":"weird"},{"k":"node","n":"nope","c":"down"},{"k":"step","t":-3}],"pos":99}}`))
	f.Add([]byte(`{"v":1,"lesson":"tiny","session":{"v":1,"in":[],"pos":-1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g := GradeSubmission(data, []*Lesson{l})
		if g.Rejected == "" && (g.Passed > g.Steps || g.Steps != len(l.Steps)) {
			t.Errorf("an impossible grade: %+v", g)
		}
	})
}
