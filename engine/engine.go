// Package engine is the facade the UI and the command line use: a simulated cluster with its
// kubectl, driven on a virtual clock. Everything the user does goes through Exec, Advance and
// Step, and every view is read from Snapshot; the same seed and inputs give the same run.
package engine

import (
	"strings"
	"time"

	"rolloutlab/engine/budget"
	"rolloutlab/engine/cluster"
	"rolloutlab/engine/kubectl"
	"rolloutlab/engine/kubelet"
	"rolloutlab/engine/shell"
)

// Options configure a new Engine.
type Options struct {
	Seed   uint64
	Timing *kubelet.Timing
	// Nodes is the number of nodes, 110 pods each (default 3, the lab's cluster).
	Nodes int
	// Budget bounds the work of each input; the zero Budget is DefaultBudget.
	Budget Budget
}

// NodesFor is how many nodes of 110 pods hold a Deployment of the given replicas through a
// rolling update (a 25% surge and the old pods still terminating: twice as many, to spare),
// and never fewer than the lab's 3. Benchmarks of large Deployments use it.
func NodesFor(replicas int) int { return max(3, (2*replicas+109)/110) }

// Budget bounds the work one input may cause: command length, $( … ) depth, commands per
// line, output bytes, simulated steps a waiting command may run, and how long a watch inside
// a pipe runs (see package budget for each limit and its default). Whatever runs an input —
// typed, replayed from storage or from a share link — uses the same Budget, so an input gives
// the same output and the same message when it goes over. Each limit has its message
// (Budget.OutputText …), which is what the terminal shows.
//
// Work that is long by nature is split by the caller rather than bounded here: the clock runs
// through Session.AdvanceBudget (at most N units of work per call, so a browser frame stays
// short and the page yields between calls), and a waiting command that is not in a pipe
// (rollout status, get -w) returns still running and advances with the clock (Execution.Poll).
type Budget = budget.Budget

// DefaultBudget is the budget of an Engine whose Options leave it zero.
var DefaultBudget = budget.Default

// Stopped is what a Checkpoint panics with to abandon the input in progress (budget.Stopped).
type Stopped = budget.Stopped

// Engine is one playground session.
type Engine struct {
	Cluster *cluster.Cluster
	Kubectl *kubectl.Kubectl
	Files   kubectl.MapFiles
	start   time.Time
	budget  Budget
}

// New starts a fresh cluster.
func New(o Options) *Engine {
	c := cluster.New(cluster.Options{Seed: o.Seed, Timing: o.Timing, Nodes: o.Nodes})
	files := kubectl.MapFiles{}
	b := o.Budget.Or()
	k := kubectl.New(c, files)
	k.MaxOutput = b.Output
	k.Checkpoint = b.Checkpoint
	c.Store.Checkpoint = b.Checkpoint
	return &Engine{Cluster: c, Kubectl: k, Files: files, start: c.Now(), budget: b}
}

// Now is the cluster's virtual time.
func (e *Engine) Now() time.Time { return e.Cluster.Now() }

// Elapsed is the virtual time since the cluster started.
func (e *Engine) Elapsed() time.Duration { return e.Cluster.Now().Sub(e.start) }

// WriteFile puts a file into the playground's working folder.
func (e *Engine) WriteFile(name, content string) { e.Files[name] = content }

// Execution is a command line being run. A streaming command (rollout status, get --watch)
// keeps a Watch until it finishes; Stdout and Stderr grow as the clock runs.
type Execution struct {
	res   *kubectl.Result
	fixed *shell.Output
}

// Stdout is what the command printed so far.
func (x *Execution) Stdout() string {
	if x.fixed != nil {
		return x.fixed.Stdout
	}
	return x.res.Stdout.String()
}

// Stderr is what the command printed on standard error so far.
func (x *Execution) Stderr() string {
	if x.fixed != nil {
		return x.fixed.Stderr
	}
	return x.res.Stderr.String()
}

// ExitCode is the command's exit code (meaningful once Running is false).
func (x *Execution) ExitCode() int {
	if x.fixed != nil {
		return x.fixed.Exit
	}
	return x.res.Exit
}

// Reopen is set when `kubectl edit` reopens the editor (the edit was invalid): the file and the
// content to show, with the reasons in its header comment.
func (x *Execution) Reopen() (file, content string, ok bool) {
	if x.res == nil || x.res.Reopen == nil {
		return "", "", false
	}
	return x.res.Reopen.File, x.res.Reopen.Content, true
}

// Cancel stops a waiting command as Ctrl+C does (exit code 130).
func (x *Execution) Cancel() {
	if x.Running() {
		x.res.Watch = nil
		x.res.Exit = 130
	}
}

// Running reports a command still waiting on the cluster.
func (x *Execution) Running() bool { return x.res != nil && x.res.Watch != nil }

// Exec runs a command line. A single kubectl command that waits returns still running: the
// caller drives it with Drive (or lets the clock run and calls Poll). Anything with pipes or
// lists is run to completion at once, waiting commands included.
func (e *Engine) Exec(line string) *Execution { return e.exec(line, true) }

// ExecPaused runs a command line without letting the controllers react yet, for a paused
// clock that the learner steps through one unit of work at a time.
func (e *Engine) ExecPaused(line string) *Execution { return e.exec(line, false) }

func (e *Engine) exec(line string, settle bool) *Execution {
	line = strings.TrimSpace(line)
	e.Cluster.Recorder.Expire() // what the command lists must not include expired events
	// A line over the length budget goes to the shell, which refuses it with its message.
	if words, ok := shell.Simple(line); ok && len(line) <= e.budget.Line {
		res := e.Kubectl.Run(words)
		if settle {
			e.settle()
		}
		return &Execution{res: res}
	}
	out := shell.Run(line, func(args []string) shell.Output {
		res := e.Kubectl.Run(args)
		e.settle()
		if res.Watch != nil {
			e.drive(res, true)
		}
		return shell.Output{Stdout: res.Stdout.String(), Stderr: res.Stderr.String(), Exit: res.Exit}
	}, e.budget)
	return &Execution{fixed: &out}
}

// SettlesAfter reports whether Exec(line) is ExecPaused(line) followed by the settling of the
// work due now, so that a caller can run that work in budgeted slices (Session.ForwardBudget):
// true for a single kubectl command; a pipe or a list settles between its stages.
func (e *Engine) SettlesAfter(line string) bool {
	line = strings.TrimSpace(line)
	_, ok := shell.Simple(line)
	return ok && len(line) <= e.budget.Line
}

// settle runs the work the last command caused at this same instant, as controllers react
// within milliseconds of a change.
func (e *Engine) settle() { e.Cluster.Clock.RunUntil(e.Cluster.Clock.Now()) }

// Poll lets a running command look at the cluster after the clock moved.
func (x *Execution) Poll(now time.Time) {
	if !x.Running() {
		return
	}
	w := x.res.Watch
	if w.Observe() {
		x.res.Watch = nil
		return
	}
	if d := w.Deadline(); !d.IsZero() && !now.Before(d) {
		w.Expire()
		x.res.Watch = nil
	}
}

// Drive runs the clock until the running command finishes or its timeout passes (at most
// the budget's Steps units of work).
func (e *Engine) Drive(x *Execution) {
	if x.Running() {
		e.drive(x.res, false)
	}
}

// maxWait bounds a wait that has no timeout, so nothing runs forever.
const maxWait = 24 * time.Hour

// drive runs the clock for a waiting command until it finishes, its timeout passes, or it
// has run the budget's Steps. Inside a pipe (piped), where the line's output is needed now, a
// command without its own timeout also stops after WatchEvents lines, after the budget's Wait,
// or when nothing is left to do (the clock then stays where it is: nothing could change any
// more); a notice on stderr says it was stopped.
func (e *Engine) drive(res *kubectl.Result, piped bool) {
	clk := e.Cluster.Clock
	w := res.Watch
	b := e.budget
	deadline := w.Deadline()
	bounded := piped && deadline.IsZero()
	switch {
	case bounded:
		deadline = clk.Now().Add(b.Wait)
	case deadline.IsZero():
		deadline = clk.Now().Add(maxWait)
	}
	rows := lineCount{at: res.Stdout.Len(), max: b.WatchEvents}
	notice := ""
	for steps := 0; ; steps++ {
		next := clk.Next()
		if bounded && next == nil {
			notice = b.WatchText()
			break
		}
		if next == nil || next.At().After(deadline) {
			clk.RunUntil(deadline)
			if !w.Observe() {
				if bounded {
					notice = b.WatchText()
				} else {
					w.Expire()
				}
			}
			break
		}
		if steps == b.Steps {
			notice = b.StepsText()
			w.Expire()
			break
		}
		b.Pause()
		clk.Step()
		if w.Observe() {
			break
		}
		if bounded && rows.full(&res.Stdout) {
			notice = b.WatchText()
			break
		}
	}
	if notice != "" {
		res.Stderr.WriteString(notice + "\n")
	}
	res.Watch = nil
	e.settle()
}

// lineCount counts the lines a command prints, up to max.
type lineCount struct {
	at     int // bytes counted
	n, max int
}

// full counts the lines added to b since the last call; at max it drops what follows the
// max-th line and reports true.
func (c *lineCount) full(b *strings.Builder) bool {
	s := b.String()
	for c.n < c.max {
		j := strings.IndexByte(s[c.at:], '\n')
		if j < 0 {
			return false
		}
		c.at += j + 1
		c.n++
	}
	if c.at < len(s) {
		b.Reset()
		b.WriteString(s[:c.at])
	}
	return true
}

// EditBegin opens `kubectl edit` for a command line ("kubectl edit deploy x" or without the
// leading kubectl): the file name and the YAML the editor shows, or an Execution with the error.
func (e *Engine) EditBegin(line string) (file, content string, x *Execution) {
	words, ok := shell.Simple(strings.TrimSpace(line))
	if !ok {
		words = strings.Fields(line)
	}
	file, content, res := e.Kubectl.EditBegin(editArgs(words))
	if res != nil {
		return "", "", &Execution{res: res}
	}
	return file, content, nil
}

// EditSave applies the edited text as kubectl does when the editor closes.
func (e *Engine) EditSave(line, content string) *Execution {
	words, ok := shell.Simple(strings.TrimSpace(line))
	if !ok {
		words = strings.Fields(line)
	}
	res := e.Kubectl.EditSave(editArgs(words), content)
	e.settle()
	return &Execution{res: res}
}

// editArgs drops a leading "edit" so both "edit deploy x" and "deploy x" work.
func editArgs(words []string) []string {
	if len(words) > 0 && words[0] == "edit" {
		return words[1:]
	}
	return words
}

// IsEdit reports a `kubectl edit …` command line, which the playground opens in its editor.
func IsEdit(line string) bool {
	words, ok := shell.Simple(strings.TrimSpace(line))
	return ok && kubectl.IsEdit(words)
}

// SetImageMode makes an image missing (NotFound on pull), slow (30 s pulls) or normal again.
func (e *Engine) SetImageMode(image string, mode kubelet.ImageMode) {
	e.Cluster.Kubelet.SetImageMode(image, mode)
}

// SetNodeDown stops or restarts the kubelet of a node.
func (e *Engine) SetNodeDown(name string, down bool) error {
	return e.Cluster.Kubelet.SetNodeDown(name, down)
}

// Advance lets d of virtual time pass, running everything due.
func (e *Engine) Advance(d time.Duration) { e.Cluster.Clock.Advance(d) }

// Step runs the next unit of work (one reconcile or one pod transition) and returns its label,
// or "" when nothing is pending.
func (e *Engine) Step() string {
	if t := e.Cluster.Clock.Step(); t != nil {
		return t.Label()
	}
	return ""
}
