package engine

import (
	"sort"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

// latestEvents keeps the n newest events in the order a full stable sort by lastTimestamp gives.
func TestLatestEventsMatchesAFullSort(t *testing.T) {
	var objs []api.Object
	base := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 200; i++ {
		objs = append(objs, &api.Event{ObjectMeta: api.ObjectMeta{Name: string(rune('a' + i%26))},
			LastTimestamp: api.NewTime(base.Add(time.Duration((i*37)%23) * time.Second))})
	}
	full := make([]*api.Event, len(objs))
	for i, o := range objs {
		full[i] = o.(*api.Event)
	}
	sort.SliceStable(full, func(i, j int) bool { return full[i].LastTimestamp.Before(full[j].LastTimestamp.Time) })
	for _, n := range []int{0, 1, 7, 50, 200, 500} {
		got := latestEvents(objs, n)
		want := full
		if n > 0 && len(want) > n {
			want = want[len(want)-n:]
		}
		if len(got) != len(want) {
			t.Fatalf("n=%d: %d events, want %d", n, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("n=%d: event %d differs", n, i)
			}
		}
	}
}

// The view takes its events from the recorder's most recent writes instead of every event of
// the namespace: the result must be the same.
func TestRecentEventsGiveTheSameLatestEvents(t *testing.T) {
	e := New(Options{Seed: 3})
	e.WriteFile("web.yaml", SeedManifest)
	for _, cmd := range []string{"kubectl apply -f web.yaml", "kubectl scale deployment/nginx-deployment-controller --replicas=7",
		"kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91", "kubectl rollout undo deployment/nginx-deployment-controller"} {
		if x := e.Exec(cmd); x.ExitCode() != 0 {
			t.Fatal(cmd, x.Stderr())
		}
		for i := 0; i < 20; i++ {
			e.Advance(700 * time.Millisecond)
			all := e.Cluster.Store.List(api.KindEvent, "default")
			for _, n := range []int{0, 1, 5, 12, 40} {
				want := latestEvents(all, n)
				got := latestEvents(e.Cluster.Recorder.Recent("default", n), n)
				if len(got) != len(want) {
					t.Fatalf("after %q, n=%d: %d events, want %d", cmd, n, len(got), len(want))
				}
				for j := range want {
					if got[j].Name != want[j].Name || got[j].Count != want[j].Count {
						t.Fatalf("after %q, n=%d: event %d is %s, want %s", cmd, n, j, got[j].Name, want[j].Name)
					}
				}
			}
		}
	}
}
