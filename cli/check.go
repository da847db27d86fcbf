package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"rolloutlab/engine"
	"rolloutlab/engine/lesson"
)

// Bounds on how long a step's solution may take to reach its check: simulated time on the
// simulator (where it costs next to nothing), wall time on a real cluster (image pulls).
const (
	simStepBound     = 10 * time.Minute
	clusterStepBound = 5 * time.Minute
)

// clusterPoll is how often checks are evaluated on a real cluster (a test shortens it).
var clusterPoll = time.Second

// check plays every lesson's solutions and evaluates every check: `rolloutlab check [--cluster]
// FILE|DIR…`.
func check(args []string, stdout, stderr io.Writer) int {
	onCluster := false
	var paths []string
	for _, a := range args {
		switch {
		case a == "--cluster":
			onCluster = true
		case strings.HasPrefix(a, "-"):
			fmt.Fprintf(stderr, "rolloutlab: unknown flag %s\n%s", a, usage)
			return 2
		default:
			paths = append(paths, a)
		}
	}
	if len(paths) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	lessons, ok := loadLessons(paths, stderr)
	for _, l := range lessons {
		var pass bool
		report := func(r lesson.StepResult) { fmt.Fprintln(stdout, r.Line(l)) }
		if onCluster {
			pass = checkOnCluster(l, report, stderr)
		} else if d, err := lesson.NewSimDriver(l, engine.Options{Seed: 1}); err != nil {
			fmt.Fprintf(stderr, "rolloutlab: %s: %v\n", l.ID, err)
		} else {
			pass = lesson.Play(l, d, simStepBound, report)
		}
		ok = ok && pass
	}
	if !ok {
		return 1
	}
	fmt.Fprintf(stdout, "ok: %d lessons\n", len(lessons))
	return 0
}

// loadLessons parses the lesson files named, and the *.yaml files of the folders named (in
// their number order). Warnings and errors go to stderr; ok is false after an error.
func loadLessons(paths []string, stderr io.Writer) ([]*lesson.Lesson, bool) {
	var files []string
	ok := true
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(stderr, "rolloutlab: %v\n", err)
			ok = false
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		names, _ := filepath.Glob(filepath.Join(p, "*.yaml")) // the pattern is valid
		if len(names) == 0 {
			fmt.Fprintf(stderr, "rolloutlab: %s: no lesson files (*.yaml)\n", p)
			ok = false
		}
		lesson.SortFiles(names)
		files = append(files, names...)
	}
	var out []*lesson.Lesson
	seen := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(stderr, "rolloutlab: %v\n", err)
			ok = false
			continue
		}
		l, warns, err := lesson.Parse(f, data)
		for _, w := range warns {
			fmt.Fprintf(stderr, "warning: %s\n", w)
		}
		if err != nil {
			fmt.Fprintf(stderr, "%v\n", err)
			ok = false
			continue
		}
		if first, dup := seen[l.ID]; dup {
			fmt.Fprintf(stderr, "%s: id: %q is already the id of %s\n", f, l.ID, first)
			ok = false
			continue
		}
		seen[l.ID] = f
		out = append(out, l)
	}
	return out, ok
}

// checkOnCluster plays a lesson on the real cluster of kubectl's current context, in a fresh
// namespace deleted afterwards.
func checkOnCluster(l *lesson.Lesson, report func(lesson.StepResult), stderr io.Writer) bool {
	r, done, err := startCluster(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "rolloutlab: %s: %v\n", l.ID, err)
		return false
	}
	defer done()
	d := &clusterDriver{r: r, start: time.Now(), poll: clusterPoll}
	if len(l.Start.Images) > 0 || len(l.Start.NodesDown) > 0 {
		fmt.Fprintf(stderr, "warning: %s: start.images and start.nodesDown are simulator failure settings: not applied on a real cluster\n", l.ID)
	}
	for _, f := range l.Start.Files {
		if err := os.WriteFile(filepath.Join(r.work, f.Name), []byte(f.Content), 0o644); err != nil {
			fmt.Fprintf(stderr, "rolloutlab: %s: %v\n", l.ID, err)
			return false
		}
	}
	for _, line := range l.Start.Commands {
		if _, errOut, code := r.shellRun(line); code != 0 {
			fmt.Fprintf(stderr, "rolloutlab: %s: start command %q failed: %s\n", l.ID, line, strings.TrimSpace(r.localise(errOut)))
			return false
		}
	}
	return lesson.Play(l, d, clusterStepBound, report)
}

// clusterDriver plays a lesson through kubectl: learner commands through the shell, checks
// as plain kubectl calls, time as real waits.
type clusterDriver struct {
	r     *clusterRun
	start time.Time
	poll  time.Duration
}

func (d *clusterDriver) Query(line string) (string, string, int) {
	args, err := lesson.QueryArgs(line)
	if err != nil {
		return "", "error: " + err.Error() + "\n", 1
	}
	out, errOut, code := d.r.kubectlRun(d.r.env(), args...)
	return d.r.localise(out), d.r.localise(errOut), code
}

// Settled is the contract's rule on a real cluster: `rollout status --watch=false` reports the
// rollout complete.
func (d *clusterDriver) Settled(name string) bool {
	out, _, code := d.r.kubectlRun(d.r.env(), "rollout", "status", "deployment/"+name, "--watch=false")
	return code == 0 && strings.Contains(out, "successfully rolled out")
}

func (d *clusterDriver) Exec(line string) string {
	if _, errOut, code := d.r.shellRun(line); code != 0 {
		return lesson.FirstError(d.r.localise(errOut), code)
	}
	return ""
}

func (d *clusterDriver) Tick() bool {
	time.Sleep(d.poll)
	return true
}

func (d *clusterDriver) Elapsed() time.Duration { return time.Since(d.start) }
