package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/scenario"
)

// fakeKubectl is a recorded kubectl: it answers the commands the test scenario (and the
// --cluster runner around it) uses from canned outputs, and logs every call with the
// KUBECONFIG it was given. Tests never touch a real kubectl or cluster.
const fakeKubectl = `#!/bin/bash
dir="$(dirname "$0")"
echo "KUBECONFIG=$KUBECONFIG kubectl $*" >> "$dir/calls.log"
case "$*" in
"config view --minify --flatten")
  printf 'apiVersion: v1\nkind: Config\ncurrent-context: fake\ncontexts:\n- name: fake\n  context: {cluster: fake, user: fake}\n' ;;
"create namespace "*)
  echo "namespace/$3 created" ;;
"config set-context --current --namespace="*)
  echo "${4#--namespace=}" > "$dir/ns"
  echo 'Context "fake" modified.' ;;
"version -o json")
  echo '{"clientVersion":{"gitVersion":"v1.37.2"},"kustomizeVersion":"v5.7.1","serverVersion":{"gitVersion":"v1.37.2"}}' ;;
"create -f web.yaml")
  if [ -f web.yaml ]; then echo "deployment.apps/web created"; else echo 'error: the path "web.yaml" does not exist' >&2; exit 1; fi ;;
"get deployment web -o json")
  cat "$dir/deploy.json" ;;
"get deployments,replicasets,pods,events -o json")
  cat "$dir/list.json" ;;
"get pods")
  echo "No resources found in $(cat "$dir/ns") namespace." >&2 ;;
"get deployments")
  printf 'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/2     2            2           3s\n' ;;
"delete namespace "*" --wait=false")
  echo "namespace \"$3\" deleted" ;;
*)
  echo "fake kubectl: unexpected: $*" >&2; exit 1 ;;
esac
`

const fakeDeployment = `{"apiVersion":"apps/v1","kind":"Deployment",
 "metadata":{"name":"web","generation":1,"annotations":{"deployment.kubernetes.io/revision":"1"}},
 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
  "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.14.2"}]}}},
 "status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2,"terminatingReplicas":0,
  "conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable","message":"Deployment has minimum availability."}]}}`

const fakeList = `{"apiVersion":"v1","kind":"List","items":[` + fakeDeployment + `,
 {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-6d8b4f7c95","generation":1,
   "labels":{"app":"web","pod-template-hash":"6d8b4f7c95"},
   "annotations":{"deployment.kubernetes.io/revision":"1","deployment.kubernetes.io/desired-replicas":"2","deployment.kubernetes.io/max-replicas":"3"},
   "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"u1","controller":true,"blockOwnerDeletion":true}]},
  "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.14.2"}]}}},
  "status":{"replicas":2,"fullyLabeledReplicas":2,"readyReplicas":2,"availableReplicas":2,"observedGeneration":1}},
 {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-6d8b4f7c95-x2k9p","labels":{"app":"web","pod-template-hash":"6d8b4f7c95"},
   "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-6d8b4f7c95","uid":"u2","controller":true}]},
  "spec":{"nodeName":"node-1","containers":[{"name":"nginx","image":"nginx:1.14.2"}]},
  "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}},
 {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.18a2b3c4d5e6f708"},
  "involvedObject":{"kind":"Deployment","name":"web"},"reason":"ScalingReplicaSet","type":"Normal",
  "message":"Scaled up replica set web-6d8b4f7c95 from 0 to 2","source":{"component":"deployment-controller"},
  "firstTimestamp":"2026-11-26T10:00:00Z","lastTimestamp":"2026-11-26T10:00:00Z","count":1}
]}`

const clusterScenario = `# a small scenario for the --cluster runner
file web.yaml <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
EOF
$ kubectl create -f web.yaml
wait-rollout web 5
$ kubectl get pods
$ kubectl get deployments | head -1
sleep 0.2
note done
`

func TestRunOnClusterWithRecordedKubectl(t *testing.T) {
	bin := t.TempDir()
	for name, content := range map[string]string{"kubectl": fakeKubectl, "deploy.json": fakeDeployment, "list.json": fakeList} {
		mode := os.FileMode(0o644)
		if name == "kubectl" {
			mode = 0o755
		}
		if err := os.WriteFile(filepath.Join(bin, name), []byte(content), mode); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("KUBECONFIG", "/nonexistent/kubeconfig")
	scen := filepath.Join(t.TempDir(), "small.txt")
	if err := os.WriteFile(scen, []byte(clusterScenario), 0o644); err != nil {
		t.Fatal(err)
	}

	var out, errOut bytes.Buffer
	start := time.Now()
	if code := Main([]string{"run", "--cluster", "--json", scen}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if time.Since(start) < 200*time.Millisecond {
		t.Errorf("sleep 0.2 must really sleep (took %v)", time.Since(start))
	}
	var tr scenario.Transcript
	if err := json.Unmarshal(out.Bytes(), &tr); err != nil {
		t.Fatalf("not a transcript: %v\n%s", err, out.String())
	}
	if tr.Scenario != "small" || !strings.HasPrefix(tr.Namespace, "rolloutlab-") || tr.Versions["kubernetes"] != "v1.37.2" {
		t.Errorf("header: scenario %q namespace %q versions %v", tr.Scenario, tr.Namespace, tr.Versions)
	}
	kinds := []string{"file", "kubectl", "wait-rollout", "kubectl", "kubectl", "sleep", "note"}
	if len(tr.Steps) != len(kinds) {
		t.Fatalf("%d steps, want %d: %+v", len(tr.Steps), len(kinds), tr.Steps)
	}
	for i, k := range kinds {
		if tr.Steps[i].Kind != k {
			t.Errorf("step %d is %s, want %s", i+1, tr.Steps[i].Kind, k)
		}
	}
	create := tr.Steps[1]
	if create.Line != 8 || *create.Stdout != "deployment.apps/web created\n" || *create.ExitCode != 0 {
		t.Errorf("create step: line %d stdout %q exit %d stderr %q", create.Line, *create.Stdout, *create.ExitCode, *create.Stderr)
	}
	// The seconds are wall-clock time on a real cluster (a busy machine takes longer than 0.0s
	// to poll once), so only the format and the rollout's facts are pinned.
	if want := regexp.MustCompile(`^complete after \d+\.\ds: observedGeneration=1/1 updated=2 replicas=2 available=2 unavailable=0 \(want 2\)$`); !want.MatchString(tr.Steps[2].Result) {
		t.Errorf("wait-rollout: %q, want it to match %s", tr.Steps[2].Result, want)
	}
	if got := *tr.Steps[3].Stderr; got != "No resources found in default namespace.\n" {
		t.Errorf("the scenario's namespace is written as default: %q", got)
	}
	if got := *tr.Steps[4].Stdout; got != "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n" {
		t.Errorf("pipes run in a shell: %q", got)
	}
	snap := tr.Steps[2].Snapshot
	if snap == nil || len(snap.Deployments) != 1 || len(snap.ReplicaSets) != 1 || len(snap.Pods) != 1 {
		t.Fatalf("snapshot: %+v", snap)
	}
	if d := snap.Deployments[0]; d.Name != "web" || d.AvailableReplicas != 2 || d.MaxSurge != "25%" || d.Images[0] != "nginx=nginx:1.14.2" {
		t.Errorf("deployment snapshot: %+v", d)
	}
	if rs := snap.ReplicaSets[0]; rs.Revision != "1" || rs.MaxReplicas != "3" || rs.OwnerReferences[0] != "Deployment/web,controller,blockOwnerDeletion" {
		t.Errorf("replica set snapshot: %+v", rs)
	}
	if p := snap.Pods[0]; p.OwnerRS != "ReplicaSet/web-6d8b4f7c95" || !p.Ready || p.Phase != "Running" || p.Node != "node-1" {
		t.Errorf("pod snapshot: %+v", p)
	}
	if len(tr.Steps[1].Snapshot.NewEvents) != 1 || len(tr.Steps[2].Snapshot.NewEvents) != 0 {
		t.Errorf("newEvents are reported once: %+v / %+v", tr.Steps[1].Snapshot.NewEvents, tr.Steps[2].Snapshot.NewEvents)
	}
	if len(tr.FinalEvents) != 1 || tr.FinalEvents[0].Source != "deployment-controller" {
		t.Errorf("final events: %+v", tr.FinalEvents)
	}

	log, _ := os.ReadFile(filepath.Join(bin, "calls.log"))
	calls := strings.Split(strings.TrimSpace(string(log)), "\n")
	if !strings.Contains(calls[0], "KUBECONFIG=/nonexistent/kubeconfig kubectl config view") {
		t.Errorf("the current context is read first: %s", calls[0])
	}
	last := calls[len(calls)-1]
	if !strings.Contains(last, "kubectl delete namespace "+tr.Namespace+" --wait=false") {
		t.Errorf("the namespace is deleted last: %s", last)
	}
	for _, c := range calls[1:] {
		if strings.Contains(c, "/nonexistent/") {
			t.Errorf("scenario commands must use the private kubeconfig: %s", c)
		}
	}
}

func TestRunOnClusterWithoutContext(t *testing.T) {
	bin := t.TempDir()
	script := "#!/bin/bash\necho 'error: current-context is not set' >&2\nexit 1\n"
	if err := os.WriteFile(filepath.Join(bin, "kubectl"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	scen := filepath.Join(t.TempDir(), "s.txt")
	os.WriteFile(scen, []byte("$ kubectl get pods\n"), 0o644)
	var out, errOut bytes.Buffer
	if code := Main([]string{"run", "--cluster", scen}, &out, &errOut); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut.String(), "current-context is not set") {
		t.Errorf("stderr: %q", errOut.String())
	}
}

func TestCompareCommand(t *testing.T) {
	ref := filepath.Join("..", "engine", "scenario", "testdata", "conformance", "transcripts", "seed.json")
	var out, errOut bytes.Buffer
	if code := Main([]string{"compare", ref, ref}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if got := out.String(); got != "seed: text 100.0% (24/24 kubectl steps exact), state 100.0%\n" {
		t.Errorf("got %q", got)
	}
	out.Reset()
	other := filepath.Join("..", "engine", "scenario", "testdata", "conformance", "transcripts", "recreate.json")
	if code := Main([]string{"compare", ref, other, "-v", "--min-text", "99"}, &out, &errOut); code != 1 {
		t.Errorf("a transcript of another scenario scores below 99%%: exit %d\n%s", code, out.String())
	}
	if !strings.Contains(out.String(), "== line") {
		t.Errorf("-v lists the differences: %s", out.String())
	}
	if code := Main([]string{"compare", ref}, &out, &errOut); code != 2 {
		t.Errorf("one file: exit %d", code)
	}
}
