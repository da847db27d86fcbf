package kubectl

import (
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/cluster"
)

// `kubectl get -w` prints a row for each write to a watched object, in list order, whether it
// reads the store's record of writes (the incremental path) or lists every object again (the
// fallback, and what Observe did before it became incremental): followed step by step through
// a scale-up, a broken image, a scale-down and deletions, both print the same rows.
func TestGetWatchIncrementalMatchesRelist(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"all pods", []string{"get", "pods", "-w"}},
		{"selected pods, wide", []string{"get", "pods", "-l", "app=web", "-o", "wide", "--watch"}},
		{"ReplicaSets in every namespace", []string{"get", "rs", "-A", "-w"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := cluster.New(cluster.Options{Seed: 3})
			k := New(c, nil)
			run := func(args ...string) {
				if res := k.Run(args); res.Exit != 0 {
					t.Fatalf("%v: %s", args, res.Stderr.String())
				}
				c.Clock.RunUntil(c.Now())
			}
			run("create", "deployment", "web", "--image=nginx:1.14.2", "--replicas=3")
			inc, full := k.Run(tc.args), k.Run(tc.args)
			full.Watch.(*getWatch).tracked = false
			inputs := map[int][]string{
				50:  {"scale", "deployment", "web", "--replicas=20"},
				300: {"set", "image", "deployment/web", "*=nginx:1.91"},
				600: {"scale", "deployment", "web", "--replicas=2"},
				800: {"delete", "pods", "--all", "--wait=false"},
			}
			for step := 0; step < 1200; step++ {
				if args := inputs[step]; args != nil {
					run(args...)
				}
				if c.Clock.Step() == nil {
					c.Clock.Advance(time.Second)
				}
				inc.Watch.Observe()
				full.Watch.Observe()
			}
			got, want := inc.Stdout.String(), full.Stdout.String()
			if got != want {
				t.Fatalf("incremental watch printed\n%s\nlisting every object printed\n%s", got, want)
			}
			if rows := strings.Count(got, "\n"); rows < 10 {
				t.Fatalf("only %d rows: the scenario does not exercise the watch", rows)
			}
		})
	}
}
