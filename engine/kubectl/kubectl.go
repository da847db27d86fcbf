// Package kubectl interprets kubectl command lines against a simulated cluster and prints
// what real kubectl 1.37 prints: the same success lines, tables, errors and exit codes.
package kubectl

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"rolloutlab/engine/api"
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
}

// New returns a kubectl for c reading files from f.
func New(c *cluster.Cluster, f Files) *Kubectl {
	if f == nil {
		f = MapFiles{}
	}
	return &Kubectl{C: c, Files: f, lastRestart: map[string]time.Time{}}
}

// Result is what one command printed. A command that waits (rollout status, get --watch)
// returns a Watch that the caller drives while the cluster's clock runs.
type Result struct {
	Stdout strings.Builder
	Stderr strings.Builder
	Exit   int
	Watch  Watch
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
	res = &Result{}
	defer func() {
		// A bug must not take the playground down: report it as kubectl would report an
		// internal error, and keep going.
		if r := recover(); r != nil {
			res.Stdout.Reset()
			res.Stderr.Reset()
			res.Stderr.WriteString(fmt.Sprintf("error: internal error: %v\n", r))
			res.Exit = 1
			res.Watch = nil
		}
	}()
	if len(args) == 0 {
		res.Stdout.WriteString(rootHelp)
		return res
	}
	cmd, rest := args[0], args[1:]
	c := commands[cmd]
	if c == nil {
		if strings.HasPrefix(cmd, "-") {
			// global flags before the command: only the namespace ones are known
			res.failf("unknown flag: %s\nSee 'kubectl --help' for usage.", cmd)
			return res
		}
		msg := fmt.Sprintf("unknown command %q for \"kubectl\"", cmd)
		if s := suggest(cmd); s != "" {
			msg += "\n\nDid you mean this?\n\t" + s + "\n"
		}
		res.Stderr.WriteString("error: " + msg + "\nRun 'kubectl --help' for usage.\n")
		res.Exit = 1
		return res
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

func suggest(cmd string) string {
	best, bestD := "", 3
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if d := levenshtein(cmd, n); d < bestD || (strings.HasPrefix(n, cmd) && len(cmd) > 1 && bestD > 1) {
			best, bestD = n, d
			if strings.HasPrefix(n, cmd) {
				bestD = 1
			}
		}
	}
	return best
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func parseDuration(s string) (time.Duration, error) {
	if s == "0" {
		return 0, nil
	}
	return time.ParseDuration(s)
}

const rootHelp = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  get             Display one or many resources
  explain         Get documentation for a resource
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
`
