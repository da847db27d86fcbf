package engine

import (
	"maps"
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

// The STATUS values kubectl prints for pods that cannot run count as failures; those of pods on
// their way up or down do not. A pod whose image cannot be pulled shows ErrImagePull at each
// pull and ImagePullBackOff while the kubelet backs off: both are the same failure.
func TestFailingStatus(t *testing.T) {
	for _, c := range []struct {
		status string
		want   bool
	}{
		{"ErrImagePull", true}, {"ImagePullBackOff", true}, {"CrashLoopBackOff", true},
		{"InvalidImageName", true}, {"Error", true}, {"CreateContainerConfigError", true},
		{"Init:ErrImagePull", true}, {"Init:CrashLoopBackOff", true}, {"Failed", true}, {"Evicted", true},
		{"OOMKilled", true},
		{"Pending", false}, {"ContainerCreating", false}, {"PodInitializing", false}, {"Init:0/1", false},
		{"Running", false}, {"Completed", false}, {"Terminating", false}, {"", false},
	} {
		if got := failingStatus(c.status); got != c.want {
			t.Errorf("failingStatus(%q) = %v, want %v", c.status, got, c.want)
		}
	}
}

// The failed update to nginx:1.91: kubectl keeps reporting the Deployment as progressing
// (Progressing True, ReplicaSetUpdated) until progressDeadlineSeconds pass, but the view tells
// at once that the new ReplicaSet's pod fails to pull, while the old pods are fine. Then
// `rollout undo --to-revision=2` brings revision 2's template back as revision 4, whose
// revision-history annotation is "2": the view says it was rolled back from revision 2.
func TestViewFailingPodsAndRollbackOrigin(t *testing.T) {
	e := New(Options{Seed: 7})
	e.WriteFile("web.yaml", SeedManifest)
	const d = "deployment/nginx-deployment-controller"
	run := func(cmd string, settle time.Duration) View {
		t.Helper()
		if x := e.Exec(cmd); x.ExitCode() != 0 {
			t.Fatal(cmd, x.Stderr())
		}
		e.Advance(settle)
		return e.View(0)
	}
	run("kubectl apply -f web.yaml", time.Minute)
	v := run("kubectl set image "+d+" nginx=nginx:1.9.1", time.Minute)
	if f := v.Deployments[0].NewPodsFailing; len(f) != 0 {
		t.Fatalf("a healthy rollout has failing new pods: %v", f)
	}

	v = run("kubectl set image "+d+" nginx=nginx:1.91", 5*time.Second)
	dv := v.Deployments[0]
	for _, c := range dv.Conditions {
		if c.Type == "Progressing" && c.Status != "True" {
			t.Fatalf("5 s into the update the Deployment should still be progressing for kubectl: %+v", c)
		}
	}
	if len(dv.NewPodsFailing) != 1 || dv.NewPodsFailing[0].Pods != 1 ||
		(dv.NewPodsFailing[0].Reason != "ErrImagePull" && dv.NewPodsFailing[0].Reason != "ImagePullBackOff") {
		t.Fatalf("NewPodsFailing = %+v, want the one new pod failing to pull", dv.NewPodsFailing)
	}
	for _, rs := range dv.ReplicaSets {
		wantFailing := rs.Revision == "3"
		if (len(rs.Failing) > 0) != wantFailing || rs.New != wantFailing {
			t.Errorf("ReplicaSet revision %s (new %v): failing %+v", rs.Revision, rs.New, rs.Failing)
		}
		for _, p := range rs.Pods {
			if p.Failing != wantFailing {
				t.Errorf("pod %s (%s) of revision %s: Failing %v", p.Name, p.Status, rs.Revision, p.Failing)
			}
		}
		if rs.RolledBackFrom != "" {
			t.Errorf("revision %s was never rolled back, RolledBackFrom %q", rs.Revision, rs.RolledBackFrom)
		}
	}

	v = run("kubectl rollout undo "+d+" --to-revision=2", time.Minute)
	dv = v.Deployments[0]
	if len(dv.NewPodsFailing) != 0 {
		t.Errorf("after the rollback NewPodsFailing = %+v", dv.NewPodsFailing)
	}
	got := map[string]string{}
	for _, rs := range dv.ReplicaSets {
		got[rs.Revision] = rs.RolledBackFrom
	}
	if want := map[string]string{"1": "", "3": "", "4": "2"}; !maps.Equal(got, want) {
		t.Errorf("revision → RolledBackFrom = %v, want %v", got, want)
	}
}
