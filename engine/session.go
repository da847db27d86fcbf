package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"rolloutlab/engine/clock"
	"rolloutlab/engine/kubelet"
)

// InputKind is what an Input did. Its string is the "k" of saved sessions and share links,
// so the values never change.
type InputKind string

// The kinds of input.
const (
	KindExec    InputKind = "exec"    // a command line
	KindAdvance InputKind = "advance" // the clock moved
	KindStep    InputKind = "step"    // the step button ran units of work
	KindFile    InputKind = "file"    // a file was written
	KindImage   InputKind = "image"   // an image made missing, slow or normal
	KindNode    InputKind = "node"    // a node's kubelet stopped or restarted
	KindEdit    InputKind = "edit"    // kubectl edit saved
)

// Known reports a kind this version can replay (saved sessions and links are checked with it).
func (k InputKind) Known() bool {
	switch k {
	case KindExec, KindAdvance, KindStep, KindFile, KindImage, KindNode, KindEdit:
		return true
	}
	return false
}

// Input is one thing the user did. A session keeps every input so that any earlier moment can
// be rebuilt exactly (the engine is deterministic): this is what undo, redo, the timeline
// scrubber, reloads and share links stand on.
type Input struct {
	Kind    InputKind `json:"k"`
	Line    string    `json:"l,omitempty"` // exec: the command line
	Nanos   int64     `json:"d,omitempty"` // advance: virtual nanoseconds
	Name    string    `json:"n,omitempty"` // file name, image or node
	Content string    `json:"c,omitempty"` // file content, image mode, or "down"/"up" for a node
	Paused  bool      `json:"p,omitempty"` // exec: run with the clock paused (no settling)
	Tasks   int       `json:"t,omitempty"` // advance: at most this many units of work (0: all due); step: how many (0: one)
	// Read marks an input that changed nothing in the cluster (get, describe, a file write):
	// undo and redo step over it.
	Read bool `json:"r,omitempty"`
}

// Session is an Engine with its history of inputs.
type Session struct {
	// Paused makes commands leave the controllers' reactions queued for Step.
	Paused bool
	opts   Options
	E      *Engine
	log    []Input
	at     []time.Duration // elapsed time when each input was applied (the timeline's marks; -1: not known yet)
	pos    int             // inputs applied; < len(log) after an undo
	edits  int             // counts the changes to log other than a merged clock advance
	// forwardEnd is the end of the advance ForwardBudget left part-way (zero: none), and
	// forwardRan the units of work it ran so far; forwardExec is the command whose settling it
	// is running (nil: an advance).
	forwardEnd  time.Time
	forwardRan  int
	forwardExec *Execution
	// started is the fingerprint before the command Start recorded (nil: none pending): its
	// Read flag is set once ForwardBudget has run it, as Exec sets it.
	started *[3]int64
}

// NewSession starts a fresh cluster.
func NewSession(o Options) *Session {
	return &Session{opts: o, E: New(o)}
}

// record appends an input, dropping the redo tail, and merges consecutive clock advances so
// that a playing clock leaves one undo point, not one per frame.
func (s *Session) record(in Input) {
	if s.pos < len(s.log) {
		s.edits++ // the redo tail goes
	}
	s.log, s.at = s.log[:s.pos], s.at[:s.pos]
	if in.Kind == KindAdvance && in.Tasks == 0 && len(s.log) > 0 && s.log[len(s.log)-1].Kind == KindAdvance && s.log[len(s.log)-1].Tasks == 0 {
		s.log[len(s.log)-1].Nanos += in.Nanos
	} else {
		s.log = append(s.log, in)
		s.at = append(s.at, s.E.Elapsed())
		s.edits++
	}
	s.pos = len(s.log)
}

func (s *Session) apply(in Input) *Execution {
	switch in.Kind {
	case KindExec:
		if in.Paused {
			return s.E.ExecPaused(in.Line)
		}
		return s.E.Exec(in.Line)
	case KindAdvance:
		if in.Tasks > 0 {
			clk := s.E.Cluster.Clock
			clk.RunUntilBudget(clk.Now().Add(time.Duration(in.Nanos)), in.Tasks)
		} else {
			s.E.Advance(time.Duration(in.Nanos))
		}
	case KindStep:
		for range max(in.Tasks, 1) {
			s.E.Step()
		}
	case KindFile:
		s.E.WriteFile(in.Name, in.Content)
	case KindImage:
		s.E.SetImageMode(in.Name, kubelet.ImageMode(in.Content))
	case KindNode:
		_ = s.E.SetNodeDown(in.Name, in.Content == "down")
	case KindEdit:
		return s.E.EditSave(in.Line, in.Content)
	}
	return nil
}

// EditBegin opens `kubectl edit …` (line without "kubectl"): the file name and YAML to show in
// the editor, or the command's error. Nothing is recorded: opening changes nothing.
func (s *Session) EditBegin(line string) (file, content string, x *Execution) {
	return s.E.EditBegin(line)
}

// EditSave finishes `kubectl edit …` with the edited text, as kubectl does when the editor
// exits; an invalid edit comes back with Reopen set and the reasons in its header.
func (s *Session) EditSave(line, content string) *Execution {
	s.record(Input{Kind: KindEdit, Line: line, Content: content, Paused: s.Paused})
	return s.apply(s.log[s.pos-1])
}

// SetImageMode makes an image missing, slow or normal (a failure control).
func (s *Session) SetImageMode(image string, mode kubelet.ImageMode) {
	s.record(Input{Kind: KindImage, Name: image, Content: string(mode)})
	s.apply(s.log[s.pos-1])
}

// SetNodeDown stops or restarts a node's kubelet (a failure control).
func (s *Session) SetNodeDown(name string, down bool) error {
	if s.E.Cluster.Store.Get("Node", "", name) == nil {
		return s.E.SetNodeDown(name, down) // the NotFound error, nothing recorded
	}
	state := "up"
	if down {
		state = "down"
	}
	s.record(Input{Kind: KindNode, Name: name, Content: state})
	s.apply(s.log[s.pos-1])
	return nil
}

// Exec runs a command line. A waiting command (rollout status, get -w) keeps running while
// the clock advances; poll it after each Advance or Step.
func (s *Session) Exec(line string) *Execution {
	s.Start(line)
	x, _ := s.Forward(nil)
	return x
}

// Start records a command line as Exec does but leaves running it to ForwardBudget (or
// Forward), so that a typed command's settling is spread over frames exactly as a replay's:
// the session then records the same inputs as Exec would. Until it has run, the session is
// mid-input: nothing but ForwardBudget may touch it.
func (s *Session) Start(line string) {
	s.record(Input{Kind: KindExec, Line: line, Paused: s.Paused})
	s.pos-- // recorded, not applied yet
	before := s.fingerprint()
	s.started = &before
}

// Abandon drops the command Start recorded, when it has changed nothing yet (Ctrl+C on a long
// listing: its run was unwound at a checkpoint by a Stopped panic), and reports whether it did.
// A command that has changed the cluster is part of the session from then on (the apiserver
// has the change, as Ctrl+C after `kubectl scale` does not take it back): it must run to its
// end, and Abandon leaves it.
func (s *Session) Abandon() bool {
	if !s.Abandonable() {
		return false
	}
	n := len(s.log) - 1 // Start recorded it last; ForwardBudget may have moved past it already
	s.log, s.at, s.pos = s.log[:n], s.at[:n], n
	s.started = nil
	s.edits++
	return true
}

// Abandonable reports that the command Start recorded has changed nothing so far.
func (s *Session) Abandonable() bool {
	return s.started != nil && s.forwardEnd.IsZero() && s.fingerprint() == *s.started
}

// Busy reports an input recorded by Start that ForwardBudget has not finished.
func (s *Session) Busy() bool { return s.started != nil }

// SetCheckpoint sets the budget's Checkpoint (see budget.Budget) of the session's engine and
// of every engine it rebuilds.
func (s *Session) SetCheckpoint(f func()) {
	s.opts.Budget.Checkpoint = f
	s.E.budget.Checkpoint = f
	s.E.Kubectl.Checkpoint = f
	s.E.Cluster.Store.Checkpoint = f
}

// fingerprint changes whenever the cluster does: an object, the clock or the queued work.
func (s *Session) fingerprint() [3]int64 {
	c := s.E.Cluster
	return [3]int64{c.Store.ResourceVersion(), c.Now().UnixNano(), int64(c.Clock.Len())}
}

// WriteFile sets a file of the working folder (the editor's buffer is nginx-deployment.yaml).
func (s *Session) WriteFile(name, content string) {
	if cur, ok := s.E.Files[name]; ok && cur == content {
		return
	}
	s.record(Input{Kind: KindFile, Name: name, Content: content, Read: true})
	s.apply(s.log[s.pos-1])
}

// Advance lets virtual time pass.
func (s *Session) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	s.record(Input{Kind: KindAdvance, Nanos: int64(d)})
	s.E.Advance(d)
}

// AdvanceBudget lets up to d of virtual time pass but runs at most maxTasks units of work, so
// that a browser frame stays short however much is due; it returns the virtual time that
// passed. Work left over (even at one instant) runs in the next call, in the same order.
// done reports that everything due within d ran; ran counts the units of work.
func (s *Session) AdvanceBudget(d time.Duration, maxTasks int) (elapsed time.Duration, ran int, done bool) {
	if d < 0 || maxTasks <= 0 {
		return 0, 0, false
	}
	clk := s.E.Cluster.Clock
	from := clk.Now()
	ran, done = clk.RunUntilBudget(from.Add(d), maxTasks)
	elapsed = clk.Now().Sub(from)
	switch {
	case done && (elapsed > 0 || ran > 0):
		s.record(Input{Kind: KindAdvance, Nanos: int64(elapsed)})
	case !done:
		s.record(Input{Kind: KindAdvance, Nanos: int64(elapsed), Tasks: ran})
	}
	return elapsed, ran, done
}

// Step runs the next unit of work and returns its label and the notes explaining it
// ("" when nothing is pending).
func (s *Session) Step() (string, []clock.Note) {
	if s.E.Cluster.Clock.Len() == 0 {
		return "", nil
	}
	s.record(Input{Kind: KindStep})
	label := s.E.Step()
	return label, append([]clock.Note(nil), s.E.Cluster.Clock.Notes()...)
}

// StepToChange runs units of work until one changes something the learner can see (an
// object's status, count or phase as the tree shows it, or an event), skipping bookkeeping
// (a sync that finds nothing to do), at most limit units. It returns how many ran and the
// label and notes of the last one; n is 0 when nothing is pending. The run is one input, so
// one Undo or replay covers it.
func (s *Session) StepToChange(limit int) (n int, label string, notes []clock.Note) {
	if s.E.Cluster.Clock.Len() == 0 || limit <= 0 {
		return 0, "", nil
	}
	s.record(Input{Kind: KindStep, Tasks: 1})
	before := s.observable()
	// The view is built only after work that wrote an object or an event: most bookkeeping
	// writes nothing, and a large cluster's view is costly.
	c := s.E.Cluster
	written := func() [2]int64 { return [2]int64{c.Store.ResourceVersion(), int64(c.Recorder.Version())} }
	last := written()
	for n < limit {
		label = s.E.Step()
		if label == "" {
			break
		}
		n++
		if w := written(); w != last {
			last = w
			if s.observable() != before {
				break
			}
		}
	}
	s.log[s.pos-1].Tasks = n
	return n, label, append([]clock.Note(nil), s.E.Cluster.Clock.Notes()...)
}

// observable is what the tree and the events list show, without what only the passing of time
// changes (ages, the clock, the queue): two equal values look the same to the learner.
func (s *Session) observable() string {
	v := s.E.View(0)
	v.Now, v.Elapsed, v.Version, v.Pending, v.NextIn = time.Time{}, 0, 0, 0, 0
	timeless := func(rs []ReplicaSetView) {
		for i := range rs {
			rs[i].Age = ""
			for j := range rs[i].Pods {
				p := &rs[i].Pods[j]
				p.Age, p.Restarts = "", restartCount(p.Restarts)
			}
		}
	}
	for i := range v.Deployments {
		timeless(v.Deployments[i].ReplicaSets)
	}
	timeless(v.UnownedReplicaSets)
	for i := range v.UnownedPods {
		p := &v.UnownedPods[i]
		p.Age, p.Restarts = "", restartCount(p.Restarts)
	}
	for i := range v.Events {
		v.Events[i].Age, v.Events[i].Time = "", time.Time{}
	}
	b, _ := json.Marshal(v) // plain data: cannot fail
	return string(b)
}

// restartCount keeps the count of a RESTARTS column ("2 (5s ago)" → "2"): the "ago" ticks.
func restartCount(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// Seed is the seed the session's cluster runs with (a replay needs the same).
func (s *Session) Seed() uint64 { return s.opts.Seed }

// Position is how many inputs are applied; Len is how many are recorded.
func (s *Session) Position() int { return s.pos }

// Len is the number of recorded inputs (Position < Len after an undo).
func (s *Session) Len() int { return len(s.log) }

// Edits changes whenever an input is added, dropped or split (a merged clock advance does not
// count): what is derived from the inputs, such as the timeline's marks, can be kept until then.
func (s *Session) Edits() int { return s.edits }

// Input returns the i-th recorded input (Inputs copies them all).
func (s *Session) Input(i int) Input { return s.log[i] }

// Inputs returns the recorded inputs.
func (s *Session) Inputs() []Input { return append([]Input(nil), s.log...) }

// Mark is an action on the timeline: its input's index and when it was applied.
type Mark struct {
	Index int
	At    time.Duration
}

// Marks are the learner's actions, with their times, including those ahead after an undo
// (after a restore, those whose time is known: see sessionFile.Ahead).
func (s *Session) Marks() []Mark {
	var out []Mark
	for i, in := range s.log {
		if in.IsAction() && s.at[i] >= 0 {
			out = append(out, Mark{Index: i, At: s.at[i]})
		}
	}
	return out
}

// IsAction reports an input the learner did to the cluster: a command that changed it, an
// edit, or a failure switch. Undo and Redo move between actions; the time that passes and the
// steps taken between them belong to the action before.
func (in Input) IsAction() bool {
	switch in.Kind {
	case KindExec, KindEdit:
		return !in.Read
	case KindImage, KindNode:
		return true
	}
	return false
}

// CanUndo and CanRedo say whether there is an action to go back or forward over.
func (s *Session) CanUndo() bool { return s.UndoTarget() >= 0 }

// CanRedo reports something ahead to re-apply.
func (s *Session) CanRedo() bool { return s.RedoTarget() >= 0 }

// UndoTarget is the position Undo goes back to: just before the last action before the
// position (-1: none).
func (s *Session) UndoTarget() int {
	for i := s.pos - 1; i >= 0; i-- {
		if s.log[i].IsAction() {
			return i
		}
	}
	return -1
}

// RedoTarget is the position Redo goes to: just before the next action after the one at the
// position, or the end of the log (-1: nothing ahead).
func (s *Session) RedoTarget() int {
	if s.pos >= len(s.log) {
		return -1
	}
	for i := s.pos + 1; i < len(s.log); i++ {
		if s.log[i].IsAction() {
			return i
		}
	}
	return len(s.log)
}

// Undo goes back to just before the last action.
func (s *Session) Undo() bool {
	i := s.UndoTarget()
	if i < 0 {
		return false
	}
	s.Seek(i)
	return true
}

// Redo re-applies the next action and what followed it, up to the action after.
func (s *Session) Redo() bool {
	i := s.RedoTarget()
	if i < 0 {
		return false
	}
	for s.pos < i {
		s.at[s.pos] = s.E.Elapsed()
		s.apply(s.log[s.pos])
		s.pos++
	}
	return true
}

// Forward applies the next input of the redo tail exactly as it was recorded and moves the
// position past it; it reports false at the end. It returns the Execution of an exec or edit
// input (nil otherwise). A session restored at position 0 and moved Forward input by input is
// rebuilt once, in slices a caller can spread over frames. Inside a clock advance, onInstant
// (when not nil) runs after each instant of due work, so the caller can watch the replay.
func (s *Session) Forward(onInstant func()) (*Execution, bool) {
	if s.pos >= len(s.log) {
		return nil, false
	}
	x, _, _ := s.ForwardBudget(math.MaxInt, onInstant)
	return x, true
}

// ForwardBudget is Forward running at most maxTasks units of work of a clock advance: when
// more is due, it stops part-way (done false) and the next call goes on from there, in the
// same order, so a long advance can be spread over frames too. ran counts the units of work.
func (s *Session) ForwardBudget(maxTasks int, onInstant func()) (x *Execution, ran int, done bool) {
	if s.pos >= len(s.log) {
		return nil, 0, true
	}
	in := s.log[s.pos]
	clk := s.E.Cluster.Clock
	// A command's settling (a scale to 20,000 pods) is work like an advance's: it runs in
	// slices too. Exec is ExecPaused and then the work due now (Engine.SettlesAfter).
	splitExec := in.Kind == KindExec && !in.Paused && s.E.SettlesAfter(in.Line)
	if !splitExec && (in.Kind != KindAdvance || in.Tasks > 0) {
		s.at[s.pos] = s.E.Elapsed()
		s.pos++
		x = s.apply(in)
		s.finishStarted()
		return x, 0, true
	}
	if s.forwardEnd.IsZero() {
		s.at[s.pos] = s.E.Elapsed()
		if splitExec {
			s.forwardExec = s.E.ExecPaused(in.Line)
			s.forwardEnd = clk.Now()
		} else {
			s.forwardEnd = clk.Now().Add(time.Duration(in.Nanos))
		}
	}
	for t := clk.Next(); t != nil && !t.At().After(s.forwardEnd); t = clk.Next() {
		if ran >= maxTasks {
			return nil, ran, false
		}
		n, _ := clk.RunUntilBudget(t.At(), maxTasks-ran) // the work due at that instant, in order
		ran += n
		s.forwardRan += n
		if onInstant != nil {
			onInstant()
		}
	}
	clk.RunUntil(s.forwardEnd)
	x = s.forwardExec
	s.forwardEnd, s.forwardRan, s.forwardExec = time.Time{}, 0, nil
	s.pos++
	s.finishStarted()
	return x, ran, true
}

// finishStarted marks the command Start recorded, now run, as Exec does: Read when it changed
// nothing.
func (s *Session) finishStarted() {
	if s.started != nil {
		s.log[s.pos-1].Read = s.fingerprint() == *s.started
		s.started = nil
	}
}

// CutHere makes the present the end of the session: the inputs after the position are dropped
// and an advance that ForwardBudget left part-way keeps the part that ran, as an advance with
// a task budget (what a budget-cut frame records). A replay over its budget keeps the work
// that fit this way.
func (s *Session) CutHere() {
	if !s.forwardEnd.IsZero() {
		in := s.log[s.pos]
		if s.forwardExec != nil {
			// The command ran, its settling part-way: a paused command and the work that ran.
			in.Paused = true
			s.log[s.pos] = in
			s.edits++
			if s.forwardRan == 0 {
				s.pos-- // nothing of the settling ran: the paused command is all
			} else {
				s.pos++
				s.log = slices.Insert(s.log[:s.pos], s.pos, Input{Kind: KindAdvance, Tasks: s.forwardRan})
				s.at = slices.Insert(s.at[:s.pos], s.pos, s.E.Elapsed())
			}
		} else {
			in.Nanos -= int64(s.forwardEnd.Sub(s.E.Cluster.Clock.Now()))
			in.Tasks = s.forwardRan
			s.log[s.pos] = in
		}
		s.pos++
		s.forwardEnd, s.forwardRan, s.forwardExec = time.Time{}, 0, nil
	}
	s.started = nil
	if s.pos < len(s.log) {
		s.edits++
	}
	s.log, s.at = s.log[:s.pos], s.at[:s.pos]
}

// Seek rebuilds the cluster as it was after the first n inputs.
func (s *Session) Seek(n int) {
	if n < 0 {
		n = 0
	}
	if n > len(s.log) {
		n = len(s.log)
	}
	explaining := s.E != nil && s.E.Cluster.Clock.Noting()
	s.E = New(s.opts)
	s.forwardEnd, s.forwardRan, s.forwardExec, s.started = time.Time{}, 0, nil, nil
	for i, in := range s.log[:n] {
		s.at[i] = s.E.Elapsed()
		s.apply(in)
	}
	s.E.Cluster.Clock.Explain(explaining)
	s.pos = n
}

// SeekTime rebuilds the cluster as it was at virtual time t (since the start). An advance that
// spans t is split in two inputs, so the position lands exactly on t and everything after it
// stays as the redo tail.
func (s *Session) SeekTime(t time.Duration) {
	var elapsed time.Duration
	n := 0
	for ; n < len(s.log); n++ {
		in := s.log[n]
		if elapsed >= t && in.Kind != KindFile {
			break
		}
		if in.Kind != KindAdvance {
			continue
		}
		d := time.Duration(in.Nanos)
		if elapsed+d > t && in.Tasks == 0 {
			first, rest := in, in
			first.Nanos, rest.Nanos = int64(t-elapsed), int64(elapsed+d-t)
			s.log = append(s.log[:n], append([]Input{first, rest}, s.log[n+1:]...)...)
			s.at = slices.Insert(s.at, n+1, t)
			s.edits++
			n++
			break
		}
		elapsed += d
	}
	s.Seek(n)
}

// sessionFile is the saved form of a session (local storage, share links).
type sessionFile struct {
	Version int     `json:"v"`
	Seed    uint64  `json:"seed"`
	Inputs  []Input `json:"in"`
	Pos     int     `json:"pos"`
	// Ahead holds the times (elapsed nanoseconds) of the last len(Ahead) inputs: those after
	// the position, which a restore does not replay, so that the timeline can mark them. It is
	// display only: a wrong value misplaces a mark, nothing else.
	Ahead []int64 `json:"ahead,omitempty"`
}

// MaxAdvance bounds one clock advance read from a saved session or link, so that a crafted
// link cannot make the page simulate years of back-offs (and a scenario's sleep likewise).
const MaxAdvance = 7 * 24 * time.Hour

// Marshal saves the session's inputs.
func (s *Session) Marshal() ([]byte, error) {
	f := sessionFile{Version: 1, Seed: s.opts.Seed, Inputs: s.log, Pos: s.pos}
	for _, t := range s.at[s.pos:] {
		f.Ahead = append(f.Ahead, int64(t))
	}
	return json.Marshal(f)
}

// RestoreSession rebuilds a session from Marshal's output; timing comes from o.
func RestoreSession(data []byte, o Options) (*Session, error) {
	var f sessionFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("saved session: %v", err)
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("saved session: unknown version %d", f.Version)
	}
	for _, in := range f.Inputs {
		if !in.Kind.Known() {
			return nil, fmt.Errorf("saved session: unknown input %q", in.Kind)
		}
		if in.Nanos < 0 || in.Nanos > int64(MaxAdvance) {
			return nil, fmt.Errorf("saved session: clock advance out of range")
		}
	}
	o.Seed = f.Seed
	s := &Session{opts: o, log: f.Inputs, at: make([]time.Duration, len(f.Inputs))}
	ahead := len(f.Inputs) - len(f.Ahead)
	for i := range s.at {
		s.at[i] = -1
		if i >= ahead && f.Ahead[i-ahead] >= 0 {
			s.at[i] = time.Duration(f.Ahead[i-ahead])
		}
	}
	s.Seek(min(max(f.Pos, 0), len(f.Inputs))) // the inputs before the position get their times here
	return s, nil
}
