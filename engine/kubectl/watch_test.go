package kubectl

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/budget"
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

// `get -o yaml|json` of several objects prints a v1 List; printing it one item at a time gives
// the bytes of encoding the whole list at once, for every kind and both formats.
func TestListPrintedItemByItemIsTheWholeList(t *testing.T) {
	c := cluster.New(cluster.Options{Seed: 5})
	k := New(c, nil)
	for _, args := range [][]string{
		{"create", "deployment", "web", "--image=nginx:1.14.2", "--replicas=4"},
		{"annotate", "deployment", "web", "note=two\n\nlines\n"},
		{"set", "image", "deployment/web", "*=nginx:1.91"},
	} {
		if res := k.Run(args); res.Exit != 0 {
			t.Fatalf("%v: %s", args, res.Stderr.String())
		}
		c.Clock.Advance(40 * time.Second)
	}
	for _, kind := range []string{api.KindPod, api.KindReplicaSet, api.KindDeployment, api.KindEvent, api.KindNode} {
		objs := c.Store.List(kind, "")
		if len(objs) < 1 {
			t.Fatalf("no %s to print", kind)
		}
		for format, whole := range map[string]func([]api.Object) ([]byte, error){"yaml": api.EncodeYAMLList, "json": api.EncodeJSONList} {
			want, err := whole(objs)
			if err != nil {
				t.Fatal(err)
			}
			res := &Result{maxOutput: budget.Default.Output}
			k.printList(objs, format, res)
			if got := res.Stdout.String(); got != string(want) {
				t.Fatalf("%s as %s: item by item\n%s\nwhole list\n%s", kind, format, got, want)
			}
		}
	}
}

// Output over the budget is cut at it, with the budget's notice; a long list stops encoding
// once it is reached.
func TestOutputBudget(t *testing.T) {
	c := cluster.New(cluster.Options{Seed: 5})
	k := New(c, nil)
	k.MaxOutput = 5000
	if res := k.Run([]string{"create", "deployment", "web", "--image=nginx:1.14.2", "--replicas=30"}); res.Exit != 0 {
		t.Fatal(res.Stderr.String())
	}
	c.Clock.Advance(time.Minute)
	for _, args := range [][]string{{"get", "pods", "-o", "yaml"}, {"get", "pods", "-o", "json"}, {"describe", "pods"}} {
		res := k.Run(args)
		if res.Stdout.Len() != 5000 || res.Stderr.String() != "output truncated at 5000 bytes\n" || res.Exit != 0 {
			t.Errorf("%v: %d bytes, stderr %q, exit %d", args, res.Stdout.Len(), res.Stderr.String(), res.Exit)
		}
	}
	res := k.Run([]string{"get", "pods", "-w"})
	for i := 0; i < 1000 && res.Watch != nil; i++ {
		k.Run([]string{"scale", "deployment", "web", "--replicas=" + strconv.Itoa(i%2*30)})
		c.Clock.Advance(10 * time.Second)
		if res.Watch.Observe() {
			res.Watch = nil
		}
	}
	if res.Watch != nil || res.Stdout.Len() > 5000 || !strings.HasSuffix(res.Stderr.String(), "output truncated at 5000 bytes\n") {
		t.Fatalf("a watch ends at the output budget: still running %v, %d bytes, stderr %q", res.Watch != nil, res.Stdout.Len(), res.Stderr.String())
	}
}
