package kubectl

import (
	"fmt"
	"strings"
	"testing"

	"rolloutlab/engine/cluster"
)

// settledWeb is a cluster with the Deployment web's two pods running, a kubectl runner that fails
// the test on a non-zero exit and lets the work due now run, and the first pod's name.
func settledWeb(t *testing.T) (*cluster.Cluster, func(args ...string) *Result, string) {
	t.Helper()
	c := cluster.New(cluster.Options{Seed: 3})
	k := New(c, nil)
	run := func(args ...string) *Result {
		t.Helper()
		res := k.Run(args)
		if res.Exit != 0 {
			t.Fatalf("%v: %s", args, res.Stderr.String())
		}
		c.Clock.RunUntil(c.Now())
		return res
	}
	run("create", "deployment", "web", "--image=nginx:1.14.2", "--replicas=2")
	for c.Clock.Step() != nil {
	}
	return c, run, strings.Fields(run("get", "pods", "--no-headers").Stdout.String())[0]
}

// A watch prints the API server's DELETED events as rows too (kubectl get -w prints every
// event's object; with --output-watch-events the EVENT column names its type): for a deleted
// pod, the last version it had (Terminating); for an object changed so that the watch's
// selector no longer matches it, the last version that matched (apiserver's cacher sends DELETED
// with the previous object).
func TestGetWatchPrintsDeletedEvents(t *testing.T) {
	for _, tc := range []struct {
		name   string
		watch  []string
		change []string
		want   []string // the EVENT and STATUS of the rows of the changed pod, in order
	}{
		{"deleted pod", []string{"get", "pods", "-w", "--output-watch-events"},
			[]string{"delete", "pod", "POD", "--wait=false"},
			[]string{"ADDED Running", "MODIFIED Terminating", "DELETED Terminating"}},
		{"relabelled out of the selector", []string{"get", "pods", "-l", "app=web", "-w", "--output-watch-events"},
			[]string{"label", "pod", "POD", "app=other", "--overwrite"},
			[]string{"ADDED Running", "DELETED Running"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, run, pod := settledWeb(t)
			w := run(tc.watch...)
			change := append([]string(nil), tc.change...)
			change[2] = pod
			run(change...)
			w.Watch.Observe()
			for c.Clock.Step() != nil {
				w.Watch.Observe()
			}
			out := w.Stdout.String()
			var got []string
			for _, line := range strings.Split(out, "\n") {
				if f := strings.Fields(line); len(f) > 3 && f[1] == pod {
					got = append(got, f[0]+" "+f[3])
				}
			}
			if strings.Join(got, ", ") != strings.Join(tc.want, ", ") {
				t.Fatalf("rows of %s: %q, want %q; the watch printed\n%s", pod, got, tc.want, out)
			}
			if !strings.HasPrefix(out, "EVENT      NAME ") {
				t.Fatalf("the header does not start with the EVENT column:\n%s", out)
			}
		})
	}
}

// get -w -o yaml|json|kyaml prints each listed object, then each watch event's object, each
// alone as its printer prints one object: YAML documents separated by "---", KYAML documents
// each opened by "---", JSON objects one after the other. A deleted pod prints three times:
// listed, marked Terminating, and its DELETED event.
func TestGetWatchObjectFormats(t *testing.T) {
	for _, tc := range []struct {
		format, name, separator string
		firstSeparated          bool
	}{
		{"yaml", "  name: %s\n", "---\n", false},
		{"kyaml", "    name: \"%s\",\n", "---\n", true},
		{"json", "        \"name\": \"%s\",\n", "", false},
	} {
		t.Run(tc.format, func(t *testing.T) {
			c, run, pod := settledWeb(t)
			w := run("get", "pods", "-w", "-o", tc.format)
			run("delete", "pod", pod, "--wait=false")
			w.Watch.Observe()
			for c.Clock.Step() != nil {
				w.Watch.Observe()
			}
			out := w.Stdout.String()
			if n := strings.Count(out, fmt.Sprintf(tc.name, pod)); n != 3 {
				t.Fatalf("%s printed %d times, want 3:\n%s", pod, n, out)
			}
			docs := strings.Count(out, "kind: Pod") + strings.Count(out, `kind: "Pod"`) + strings.Count(out, `"kind": "Pod"`)
			if tc.separator != "" {
				want := docs - 1
				if tc.firstSeparated {
					want = docs
				}
				if n := strings.Count(out, tc.separator); n != want || strings.HasPrefix(out, tc.separator) != tc.firstSeparated {
					t.Fatalf("%d documents, %d separators:\n%s", docs, n, out)
				}
			}
		})
	}
}

// get NAME -w follows that object only (kubectl watches with the field selector
// metadata.name=NAME): a scale-up's new pods print no rows, the named pod's deletion does.
func TestGetWatchNamedFollowsOnlyThatObject(t *testing.T) {
	c, run, pod := settledWeb(t)
	w := run("get", "pod", pod, "-w", "--output-watch-events")
	run("scale", "deploy", "web", "--replicas=4")
	run("delete", "pod", pod, "--wait=false")
	w.Watch.Observe()
	for c.Clock.Step() != nil {
		w.Watch.Observe()
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(w.Stdout.String()), "\n")[1:] {
		f := strings.Fields(line)
		if f[1] != pod {
			t.Fatalf("a row for another pod:\n%s", w.Stdout.String())
		}
		got = append(got, f[0]+" "+f[3])
	}
	if want := "ADDED Running, MODIFIED Terminating, DELETED Terminating"; strings.Join(got, ", ") != want {
		t.Fatalf("rows %q, want %s", got, want)
	}
}
