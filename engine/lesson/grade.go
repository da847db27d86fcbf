package lesson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"rolloutlab/engine"
)

// Submission is the learner's "Submit" file (JSON): the lesson id, the learner's name, the
// lesson's content hash, and the recorded session (engine.Session.Marshal output). Wall is
// the wall-clock time the learner spent, as the page measured it: it is shown, never checked.
type Submission struct {
	Version    int             `json:"v"`
	Lesson     string          `json:"lesson"`
	Learner    string          `json:"learner"`
	LessonHash string          `json:"lessonHash"`
	WallMillis int64           `json:"wallMs,omitempty"`
	Session    json.RawMessage `json:"session"`
}

// SubmissionVersion is the Version of the submissions this build writes and reads.
const SubmissionVersion = 1

// NewSubmission makes the file a learner submits from a session started by StartSession.
func NewSubmission(l *Lesson, learner string, s *engine.Session, wall time.Duration) ([]byte, error) {
	data, err := s.Marshal()
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(Submission{Version: SubmissionVersion, Lesson: l.ID, Learner: learner,
		LessonHash: l.Hash, WallMillis: wall.Milliseconds(), Session: data}, "", " ")
}

// Grade is the verdict on one submission, from its replay. Steps are counted from 1 here, as
// people see them; FirstFailing is 0 when every step passed. Rejected says why a file could
// not be graded (then only Learner and Lesson, as the file claims them, may be set). Note
// says what is worth knowing but does not change the verdict.
type Grade struct {
	Learner      string        `json:"learner"`
	Lesson       string        `json:"lesson"`
	Steps        int           `json:"steps"`
	Passed       int           `json:"passed"`
	Commands     int           `json:"commands"`
	Simulated    time.Duration `json:"simulatedNs"`
	Wall         time.Duration `json:"wallNs"`
	FirstFailing int           `json:"firstFailing"`
	Rejected     string        `json:"rejected,omitempty"`
	Note         string        `json:"note,omitempty"`
}

// GradeSubmission replays a submission on the simulator, re-evaluating every check after each
// input and each instant of work within clock advances, trusting nothing the file claims but
// the learner's name and wall time. A file that does not decode, names no known lesson, or
// whose inputs do not start with the lesson's starting state is rejected with the reason.
func GradeSubmission(data []byte, lessons []*Lesson) Grade {
	var sub Submission
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sub); err != nil {
		return Grade{Rejected: fmt.Sprintf("not a submission file: %v", err)}
	}
	g := Grade{Learner: sub.Learner, Lesson: sub.Lesson, Wall: time.Duration(max(sub.WallMillis, 0)) * time.Millisecond}
	if sub.Version != SubmissionVersion {
		g.Rejected = fmt.Sprintf("unknown submission version %d (this build reads %d)", sub.Version, SubmissionVersion)
		return g
	}
	var l *Lesson
	for _, x := range lessons {
		if x.ID == sub.Lesson {
			l = x
		}
	}
	if l == nil {
		g.Rejected = fmt.Sprintf("unknown lesson %q", sub.Lesson)
		return g
	}
	if sub.LessonHash != l.Hash {
		g.Note = "made with another version of the lesson"
	}
	s, end, err := restoreAtStart(sub.Session)
	if err != nil {
		g.Rejected = err.Error()
		return g
	}
	ref := StartSession(l, engine.Options{Seed: s.Seed()}).Inputs()
	inputs := s.Inputs()[:end]
	for i, want := range ref {
		if i >= len(inputs) || !sameInput(inputs[i], want) {
			g.Rejected = fmt.Sprintf("the session does not begin with lesson %s's starting state (input %d differs)", l.ID, i+1)
			return g
		}
		s.Forward(nil)
	}
	g.Steps = len(l.Steps)
	t := NewTracker(l)
	target := SessionTarget(s)
	start := s.E.Elapsed()
	var commands []string
	observe := func() { t.Observe(target, commands, s.E.Elapsed()-start) }
	for s.Position() < end {
		in := inputs[s.Position()]
		s.Forward(observe) // a waiting command (rollout status) only reads: no need to poll it
		if in.Kind == engine.KindExec || in.Kind == engine.KindEdit {
			commands = append(commands, in.Line)
		}
		observe()
	}
	g.Passed, g.Commands, g.Simulated = len(t.Passed), len(commands), s.E.Elapsed()-start
	if !t.Done() {
		g.FirstFailing = t.Current + 1
	}
	return g
}

// restoreAtStart restores a saved session at its first input, so that it can be replayed input
// by input; end is the position the learner was at (inputs after it were undone).
func restoreAtStart(data json.RawMessage) (*engine.Session, int, error) {
	var f map[string]json.RawMessage
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, 0, fmt.Errorf("session: %v", err)
	}
	var pos int
	if err := json.Unmarshal(f["pos"], &pos); err != nil {
		return nil, 0, fmt.Errorf("session: pos: %v", err)
	}
	f["pos"] = json.RawMessage("0")
	zero, _ := json.Marshal(f) // re-encoding what just decoded: cannot fail
	s, err := engine.RestoreSession(zero, engine.Options{})
	if err != nil {
		return nil, 0, err
	}
	return s, min(max(pos, 0), s.Len()), nil
}

// sameInput compares two inputs by what they do (Read is derived from the replay).
func sameInput(a, b engine.Input) bool {
	a.Read, b.Read = false, false
	return a == b
}
