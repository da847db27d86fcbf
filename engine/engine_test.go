package engine

import (
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/cluster"
)

const seedYAML = SeedManifest

func newSeed(t *testing.T) *Engine {
	t.Helper()
	e := New(Options{Seed: 1})
	e.WriteFile("nginx-deployment.yaml", seedYAML)
	run(t, e, "kubectl apply -f nginx-deployment.yaml", 0)
	e.Advance(5 * time.Second)
	return e
}

func run(t *testing.T, e *Engine, line string, exit int) *Execution {
	t.Helper()
	x := e.Exec(line)
	e.Drive(x)
	if x.ExitCode() != exit {
		t.Fatalf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", line, x.ExitCode(), exit, x.Stdout(), x.Stderr())
	}
	return x
}

func podsByRS(e *Engine) map[string][]*api.Pod {
	out := map[string][]*api.Pod{}
	for _, o := range e.Cluster.Store.List(api.KindPod, "default") {
		p := o.(*api.Pod)
		out[p.Labels[api.PodTemplateHashLabel]] = append(out[p.Labels[api.PodTemplateHashLabel]], p)
	}
	return out
}

// The lab walk-through with apps/v1 defaults: the broken update sticks at 3 old + 1 new pod
// (maxSurge 1, maxUnavailable 0 for 3 replicas), and undo to revision 2 lands as revision 4.
func TestSeedWalkThrough(t *testing.T) {
	e := newSeed(t)
	run(t, e, "kubectl scale deployment nginx-deployment-controller --replicas=3", 0)
	e.Advance(5 * time.Second)
	run(t, e, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1", 0)
	run(t, e, "kubectl rollout status deployment/nginx-deployment-controller --timeout=60s", 0)
	run(t, e, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91", 0)
	e.Advance(8 * time.Second)
	d := e.Cluster.Deployment("default", "nginx-deployment-controller")
	if s := d.Status; s.Replicas != 4 || s.UpdatedReplicas != 1 || s.AvailableReplicas != 3 || s.UnavailableReplicas != 1 {
		t.Fatalf("stuck state: %+v", s)
	}
	var backoff int
	for _, p := range e.Cluster.Store.List(api.KindPod, "default") {
		if cs := p.(*api.Pod).Status.ContainerStatuses; len(cs) > 0 && cs[0].State.Waiting != nil && cs[0].State.Waiting.Reason == "ImagePullBackOff" {
			backoff++
		}
	}
	if backoff != 1 {
		t.Fatalf("one pod in ImagePullBackOff, got %d", backoff)
	}
	x := run(t, e, "kubectl rollout undo deployment nginx-deployment-controller --to-revision=2", 0)
	if x.Stdout() != "deployment.apps/nginx-deployment-controller rolled back\n" {
		t.Fatalf("undo printed %q", x.Stdout())
	}
	e.Advance(5 * time.Second)
	d = e.Cluster.Deployment("default", "nginx-deployment-controller")
	if !cluster.RolloutComplete(d) || d.Annotations[api.RevisionAnnotation] != "4" {
		t.Fatalf("after undo: revision %s, status %+v", d.Annotations[api.RevisionAnnotation], d.Status)
	}
	hist := run(t, e, "kubectl rollout history deployment nginx-deployment-controller", 0).Stdout()
	if !strings.Contains(hist, "\n1 ") || !strings.Contains(hist, "\n3 ") || !strings.Contains(hist, "\n4 ") || strings.Contains(hist, "\n2 ") {
		t.Fatalf("history should list 1, 3, 4:\n%s", hist)
	}
}

// Garbage collection: a Deployment's ReplicaSets and their pods go with it; a deleted
// ReplicaSet is recreated by its Deployment.
func TestGarbageCollection(t *testing.T) {
	e := newSeed(t)
	rs := e.Cluster.ReplicaSetsOf(e.Cluster.Deployment("default", "nginx-deployment-controller"))[0]
	run(t, e, "kubectl delete rs "+rs.Name, 0)
	e.Advance(time.Second)
	rss := e.Cluster.ReplicaSetsOf(e.Cluster.Deployment("default", "nginx-deployment-controller"))
	if len(rss) != 1 || rss[0].UID == rs.UID || rss[0].Name != rs.Name {
		t.Fatalf("the Deployment recreates the same-named ReplicaSet: %v", rss)
	}
	e.Advance(5 * time.Second)
	if n := len(podsByRS(e)[rs.Labels[api.PodTemplateHashLabel]]); n != 2 {
		t.Fatalf("2 pods after the old ones are gone and new ones run, got %d", n)
	}
	run(t, e, "kubectl delete deployment nginx-deployment-controller", 0)
	e.Advance(2 * time.Second)
	if n := e.Cluster.Store.Count(api.KindReplicaSet) + e.Cluster.Store.Count(api.KindPod); n != 0 {
		t.Fatalf("%d ReplicaSets and pods left after deleting the Deployment", n)
	}
}

// Bad input gives an error and changes nothing in the store.
func TestBadInputChangesNothing(t *testing.T) {
	e := newSeed(t)
	e.WriteFile("bad.yaml", strings.Replace(seedYAML, "replicas: 2", "replica: 2", 1))
	e.WriteFile("invalid.yaml", strings.Replace(seedYAML, "replicas: 2", "replicas: -1", 1))
	e.WriteFile("broken.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: [\n")
	cases := []struct{ line, stderr string }{
		{"kubectl create -f bad.yaml", `Error from server (BadRequest): error when creating "bad.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"`},
		{"kubectl apply -f invalid.yaml", `The Deployment "nginx-deployment-controller" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`},
		{"kubectl apply -f broken.yaml", "error: error parsing broken.yaml: error converting YAML to JSON:"},
		{"kubectl scale deployment nginx-deployment-controller --replicas=-1", "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"},
		{"kubectl scale deployment nginx-deployment-controller --replicas=99999999999", `error: invalid argument "99999999999" for "--replicas" flag`},
		{"kubectl scale deployment nope --replicas=2", `Error from server (NotFound): deployments.apps "nope" not found`},
		{"kubectl set image deployment/nginx-deployment-controller foo=nginx:1.9.1", `error: unable to find container named "foo"`},
		{"kubectl get deploymentz", `error: the server doesn't have a resource type "deploymentz"`},
		{"kubectl rollout undo deployment nginx-deployment-controller --to-revision=9", "error: unable to find specified revision 9 in history"},
		{"kubectl rollout resume deployment nginx-deployment-controller", `error: deployments.apps "nginx-deployment-controller" is not paused`},
		{"kubectl get pods --bogus", "error: unknown flag: --bogus"},
		{"kubectl frobnicate", `error: unknown command "frobnicate" for "kubectl"`},
		{`kubectl get pods -l 'app in (nginx'`, "error: unable to parse requirement"},
		{`kubectl get pods "unterminated`, "bash: unexpected EOF while looking for matching"},
		{"kubectl " + strings.Repeat("x", 60000), `error: unknown command "xxx`},
		// Over the budget's 64 KiB a line is refused whole, as typed or as replayed.
		{"kubectl " + strings.Repeat("x", 100000), "bash: command longer than 64 KiB\n"},
	}
	before := e.Cluster.Store.ResourceVersion()
	for _, c := range cases {
		x := e.Exec(c.line)
		e.Drive(x)
		if x.ExitCode() == 0 {
			t.Errorf("%s: exit 0", c.line)
		}
		if !strings.HasPrefix(x.Stderr(), c.stderr) {
			t.Errorf("%s:\n got %q\nwant %q", c.line, x.Stderr(), c.stderr)
		}
	}
	if after := e.Cluster.Store.ResourceVersion(); after != before {
		t.Fatalf("bad input wrote to the store (resourceVersion %d → %d)", before, after)
	}
}

func TestStepRunsOneUnitAndAdvanceIsDeterministic(t *testing.T) {
	e := New(Options{Seed: 3})
	e.WriteFile("d.yaml", seedYAML)
	x := e.Exec("kubectl create -f d.yaml")
	if x.ExitCode() != 0 {
		t.Fatal(x.Stderr())
	}
	var labels []string
	for l := e.Step(); l != ""; l = e.Step() {
		labels = append(labels, l)
	}
	if len(labels) == 0 || !strings.HasPrefix(labels[0], "kubelet pulls") && !strings.HasPrefix(labels[0], "kubelet") {
		t.Logf("first steps: %v", labels[:min(5, len(labels))])
	}
	d := e.Cluster.Deployment("default", "nginx-deployment-controller")
	if !cluster.RolloutComplete(d) {
		t.Fatalf("stepping to the end completes the rollout: %+v", d.Status)
	}
}

func FuzzExec(f *testing.F) {
	for _, s := range []string{
		"kubectl get pods", "kubectl scale deploy nginx-deployment-controller --replicas=5",
		"kubectl set image deploy/nginx-deployment-controller *=nginx:1.91", "kubectl rollout undo deploy nginx-deployment-controller",
		"kubectl rollout status deploy/nginx-deployment-controller --timeout=3s", "kubectl get all -o wide | grep nginx | wc -l",
		"kubectl delete pod $(kubectl get pods -o name | head -1 | cut -d/ -f2)", "kubectl rollout pause deploy nginx-deployment-controller",
		"kubectl get rs -o jsonpath='{.items[*].metadata.name}'", "kubectl describe rs", "kubectl apply -f nginx-deployment.yaml --dry-run=client -o yaml",
		"kubectl get events --sort-by=.metadata.creationTimestamp", "'", "kubectl -n", "kubectl get pods -l '!app'",
	} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, line string, secs uint8) {
		e := New(Options{Seed: 1})
		e.WriteFile("nginx-deployment.yaml", seedYAML)
		e.Exec("kubectl apply -f nginx-deployment.yaml")
		e.Advance(2 * time.Second)
		for _, l := range strings.Split(line, "\n") {
			x := e.Exec(l)
			e.Drive(x)
			if strings.Contains(x.Stderr(), "internal error") {
				t.Fatalf("%q: %s", l, x.Stderr())
			}
		}
		e.Advance(time.Duration(secs) * time.Second * 10)
		checkInvariants(t, e)
	})
}

// checkInvariants: every pod belongs to a live ReplicaSet or is terminating, revisions are
// unique, and once settled the active pods of each ReplicaSet equal its replicas.
func checkInvariants(t *testing.T, e *Engine) {
	t.Helper()
	for _, o := range e.Cluster.Store.List(api.KindDeployment, "default") {
		d := o.(*api.Deployment)
		seen := map[string]bool{}
		for _, rs := range e.Cluster.ReplicaSetsOf(d) {
			rev := rs.Annotations[api.RevisionAnnotation]
			if seen[rev] {
				t.Fatalf("revision %s used twice", rev)
			}
			seen[rev] = true
			active := 0
			for _, p := range e.Cluster.PodsOf(rs) {
				if p.DeletionTimestamp == nil {
					active++
				}
			}
			if rs.Status.Replicas != int32(active) && e.Cluster.Clock.Len() == 0 {
				t.Fatalf("ReplicaSet %s reports %d pods but has %d", rs.Name, rs.Status.Replicas, active)
			}
		}
	}
}

// minReadySeconds: a pod counts as available once it has been ready for longer than that; the
// ReplicaSet looks again right after, not a whole period later.
func TestMinReadySecondsAvailability(t *testing.T) {
	e := New(Options{Seed: 1})
	e.WriteFile("d.yaml", strings.Replace(seedYAML, "  replicas: 2\n", "  replicas: 2\n  minReadySeconds: 5\n", 1))
	run(t, e, "kubectl apply -f d.yaml", 0)
	e.Advance(5900 * time.Millisecond) // ready at 1 s: not yet available at 5.9 s
	if d := e.Cluster.Deployment("default", "nginx-deployment-controller"); d.Status.AvailableReplicas != 0 || d.Status.ReadyReplicas != 2 {
		t.Fatalf("at 5.9 s: %+v", d.Status)
	}
	e.Advance(200 * time.Millisecond)
	if d := e.Cluster.Deployment("default", "nginx-deployment-controller"); d.Status.AvailableReplicas != 2 {
		t.Fatalf("at 6.1 s both pods have been ready for more than 5 s: %+v", d.Status)
	}
}
