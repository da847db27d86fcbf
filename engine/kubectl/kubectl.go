// Package kubectl interprets kubectl command lines against a simulated cluster and prints
// what real kubectl 1.37 prints: the same success lines, tables, errors and exit codes.
package kubectl

import (
	"fmt"
	"strings"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/budget"
	"rolloutlab/engine/cluster"
)

// Files is the playground's working folder: file name → content.
type Files interface {
	ReadFile(name string) ([]byte, bool)
}

// MapFiles is a Files backed by a map.
type MapFiles map[string]string

// ReadFile returns the named file.
func (m MapFiles) ReadFile(name string) ([]byte, bool) {
	s, ok := m[strings.TrimPrefix(name, "./")]
	return []byte(s), ok
}

// Kubectl runs commands against one cluster.
type Kubectl struct {
	C     *cluster.Cluster
	Files Files
	// lastRestart remembers `rollout restart` times per Deployment (once per second at most).
	lastRestart map[string]time.Time
	// edits are the `kubectl edit` sessions whose editor is open (EditBegin … EditSave).
	edits map[string]*editSession
	// MaxOutput is the most a command prints on stdout (budget.Budget.Output); the rest is
	// cut with a notice on stderr.
	MaxOutput int
	// Checkpoint is budget.Budget.Checkpoint: called between the objects of a long listing.
	Checkpoint func()
}

// New returns a kubectl for c reading files from f.
func New(c *cluster.Cluster, f Files) *Kubectl {
	if f == nil {
		f = MapFiles{}
	}
	return &Kubectl{C: c, Files: f, lastRestart: map[string]time.Time{}, MaxOutput: budget.Default.Output}
}

// pause calls the checkpoint, if any (budget.Budget.Checkpoint).
func (k *Kubectl) pause() {
	if k.Checkpoint != nil {
		k.Checkpoint()
	}
}

// Result is what one command printed. A command that waits (rollout status, get --watch)
// returns a Watch that the caller drives while the cluster's clock runs.
type Result struct {
	Stdout strings.Builder
	Stderr strings.Builder
	Exit   int
	Watch  Watch
	// Reopen is set by EditSave when kubectl reopens the editor (see EditReopen).
	Reopen *EditReopen
	// maxOutput is the output budget (Kubectl.MaxOutput).
	maxOutput int
}

// overBudget reports that stdout reached the output budget: printers of long lists stop, and
// a watch ends.
func (r *Result) overBudget() bool { return r.Stdout.Len() >= r.maxOutput }

// cut keeps the first maxOutput bytes of stdout (at a character boundary) and says so.
func (r *Result) cut() {
	if r.Stdout.Len() <= r.maxOutput {
		return
	}
	s := budget.Cut(r.Stdout.String(), r.maxOutput)
	r.Stdout.Reset()
	r.Stdout.WriteString(s)
	r.Stderr.WriteString(budget.Budget{Output: r.maxOutput}.OutputText() + "\n")
}

// Watch is a command still running: Observe is called after each unit of cluster work and
// reports when the command has finished; Expire ends it when its timeout passes.
type Watch interface {
	Deadline() time.Time
	Observe() (done bool)
	Expire()
}

func (r *Result) out(format string, args ...any) { fmt.Fprintf(&r.Stdout, format, args...) }

// fail prints err the way kubectl does and sets exit code 1.
func (r *Result) fail(err error) {
	r.Stderr.WriteString(api.KubectlText(err) + "\n")
	r.Exit = 1
}

func (r *Result) failf(format string, args ...any) {
	r.fail(fmt.Errorf("error: "+format, args...))
}

// Run executes one kubectl command line given as words (without the leading "kubectl").
func (k *Kubectl) Run(args []string) (res *Result) {
	res = &Result{maxOutput: k.MaxOutput}
	defer res.cut()
	defer func() {
		// A bug must not take the playground down: report it as kubectl would report an
		// internal error, and keep going.
		if r := recover(); r != nil {
			if _, stop := r.(budget.Stopped); stop {
				panic(r) // abandoned at a checkpoint: not a bug, and the command must not go on
			}
			res.Stdout.Reset()
			res.Stderr.Reset()
			res.Stderr.WriteString(fmt.Sprintf("error: internal error: %v\n", r))
			res.Exit = 1
			res.Watch = nil
		}
	}()
	global, cmd, rest, err := splitGlobalFlags(args)
	if err != nil {
		res.Stderr.WriteString("error: " + err.Error() + "\nSee 'kubectl --help' for usage.\n")
		res.Exit = 1
		return res
	}
	if cmd == "" || cmd == "help" && len(rest) == 0 {
		res.Stdout.WriteString(rootHelp)
		return res
	}
	if cmd == "help" {
		// `kubectl help get` is `kubectl get --help`.
		cmd, rest = rest[0], append(rest[1:], "--help")
	}
	c := commands[cmd]
	if c == nil {
		if realCommand(cmd) {
			res.failf("%q is not available in this playground; see 'kubectl --help' for the commands it simulates", "kubectl "+cmd)
			return res
		}
		msg := fmt.Sprintf("error: unknown command %q for \"kubectl\"", cmd)
		if s := suggestions(cmd); len(s) > 0 {
			msg += "\n\nDid you mean this?\n"
			for _, name := range s {
				msg += "\t" + name + "\n"
			}
		} else {
			msg += "\n"
		}
		res.Stderr.WriteString(msg)
		res.Exit = 1
		return res
	}
	if len(global) > 0 {
		// Flags given before the command go with the command's own (before any "--").
		at := len(rest)
		for i, a := range rest {
			if a == "--" {
				at = i
				break
			}
		}
		rest = append(append(append([]string(nil), rest[:at]...), global...), rest[at:]...)
	}
	c.run(k, c, rest, res)
	return res
}

// command is one kubectl (sub)command.
type command struct {
	name  string
	path  string // e.g. "rollout status", for usage lines
	flags []*flagDef
	help  string
	run   func(k *Kubectl, c *command, args []string, res *Result)
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// parse parses flags for c, printing cobra's usage error on failure.
func (c *command) parse(args []string, res *Result) (*parsed, bool) {
	for _, a := range args {
		if a == "-h" || a == "--help" {
			res.Stdout.WriteString(c.help)
			return nil, false
		}
	}
	p, err := parseFlags(args, append(append([]*flagDef(nil), c.flags...), globalFlags...))
	if err != nil {
		res.Stderr.WriteString("error: " + err.Error() + "\nSee 'kubectl " + c.path + " --help' for usage.\n")
		res.Exit = 1
		return nil, false
	}
	if ns := p.str("namespace", "default"); ns == "" {
		res.failf("a resource cannot be retrieved by name across all namespaces")
		return nil, false
	}
	return p, true
}

var globalFlags = []*flagDef{
	{long: "namespace", short: "n", kind: stringFlag},
	{long: "context", kind: stringFlag},
	{long: "cluster", kind: stringFlag},
	{long: "user", kind: stringFlag},
	{long: "kubeconfig", kind: stringFlag},
	{long: "request-timeout", kind: stringFlag},
	{long: "v", short: "v", kind: intFlag},
}

func namespace(p *parsed) string { return p.str("namespace", "default") }

func parseDuration(s string) (time.Duration, error) {
	if s == "0" {
		return 0, nil
	}
	return time.ParseDuration(s)
}
