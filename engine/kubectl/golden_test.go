package kubectl_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
)

// Golden transcripts of what a learner can type, run through the engine facade
// (engine.New(…).Exec) on a seeded cluster: every command's normal output and its error paths.
// `go test ./engine/kubectl -run Golden -update` rewrites testdata/*.golden after a deliberate
// change; review the diff against real kubectl 1.37 before committing it.

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

const seedYAML = engine.SeedManifest

// seeded is the lab's starting point: the seed Deployment applied and settled.
func seeded(t testing.TB) *engine.Engine {
	e := engine.New(engine.Options{Seed: 1})
	e.WriteFile("nginx-deployment.yaml", seedYAML)
	e.WriteFile("bad.yaml", strings.Replace(seedYAML, "replicas: 2", "replica: 2", 1))
	e.WriteFile("invalid.yaml", strings.Replace(seedYAML, "replicas: 2", "replicas: -1", 1))
	e.WriteFile("broken.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: [\n")
	x := e.Exec("kubectl apply -f nginx-deployment.yaml")
	if x.ExitCode() != 0 {
		t.Fatal(x.Stderr())
	}
	e.Advance(5 * time.Second)
	return e
}

// A line starting with "!" must fail and leave the store untouched (its resourceVersion is
// compared before and after); "sleep N" lets N seconds pass.
var goldenCases = map[string][]string{
	"help": {
		"kubectl", "kubectl --help", "kubectl -h", "kubectl help get", "kubectl options",
		"kubectl get --help", "kubectl describe -h", "kubectl explain --help", "kubectl create --help",
		"kubectl create deployment --help", "kubectl apply --help", "kubectl replace --help", "kubectl edit --help",
		"kubectl delete --help", "kubectl scale --help", "kubectl set --help", "kubectl set image --help",
		"kubectl rollout --help", "kubectl rollout status --help", "kubectl rollout history --help",
		"kubectl rollout undo --help", "kubectl rollout pause --help", "kubectl rollout resume --help",
		"kubectl rollout restart --help", "kubectl label --help", "kubectl annotate --help", "kubectl patch --help",
		"kubectl version --help", "kubectl api-resources --help", "kubectl cluster-info --help",
	},
	"explain": {
		"kubectl explain deployment", "kubectl explain deployment.spec", "kubectl explain deployment.spec.replicas",
		"kubectl explain deploy.spec.selector", "kubectl explain deployments.spec.template",
		"kubectl explain deployment.spec.strategy", "kubectl explain deployment.spec.strategy.rollingUpdate",
		"kubectl explain deployment.spec.strategy.rollingUpdate.maxSurge",
		"kubectl explain deployment.spec.strategy.rollingUpdate.maxUnavailable",
		"kubectl explain deployment.spec.minReadySeconds", "kubectl explain deployment.spec.revisionHistoryLimit",
		"kubectl explain deployment.spec.progressDeadlineSeconds", "kubectl explain deployment.spec.paused",
		"kubectl explain deployment.status", "kubectl explain replicasets", "kubectl explain rs.spec",
		"kubectl explain pods", "kubectl explain pod.spec.containers", "kubectl explain pod.spec.containers.image",
		"kubectl explain deployment.spec.strategy --recursive", "kubectl explain deployments.apps.spec.paused",
		"kubectl explain deployment.spec.strategy.type", "kubectl explain pod.spec.containers.imagePullPolicy",
		"kubectl explain pod.spec.containers.ports --recursive", "kubectl explain svc.spec.type",
		"kubectl explain deploy --api-version=apps/v1",
		"kubectl explain service", "kubectl explain svc.spec", "kubectl explain service.spec.ports",
		"kubectl explain services.spec.ports.targetPort", "kubectl explain svc.spec.ports --recursive",
		"kubectl explain svc --api-version=v1", "!kubectl explain svc --api-version=apps/v1", "!kubectl explain svc.spec.port",
		"!kubectl explain", "!kubectl explain deployment pods", "!kubectl explain deployment.spec.replica",
		"!kubectl explain deployment.spec.replicas.value", "!kubectl explain deployment.spex.replicas",
		"!kubectl explain deploymentz", "!kubectl explain deployment -o json", "!kubectl explain deploy --bogus",
	},
	"info": {
		"kubectl version", "kubectl version --client", "kubectl version -o json", "kubectl version -o yaml",
		"!kubectl version -o wide", "!kubectl version --short",
		"kubectl api-resources", "kubectl api-resources -o wide", "kubectl api-resources -o name",
		"kubectl api-resources --namespaced=false", "kubectl api-resources --api-group=apps",
		"kubectl api-resources --no-headers --sort-by=kind", "!kubectl api-resources --sort-by=age",
		"kubectl cluster-info", "!kubectl cluster-info dump", "!kubectl cluster-info foo",
	},
	"commands": {
		"!kubectl ge pods", "!kubectl frobnicate", "!kubectl aply -f nginx-deployment.yaml", "!kubectl describ pods",
		"!kubectl pods", "!kubectl GET pods", "!kubectl logs nginx", "!kubectl --bogus get pods", "!kubectl --bogus",
		"kubectl -n default get deploy", "kubectl --namespace=default get rs", "kubectl -n kube-system get pods",
		"!kubectl set", "!kubectl set foo deploy/nginx-deployment-controller", "!kubectl rollout",
		"!kubectl rollout foo deployment/nginx-deployment-controller", "!kubectl create", "!kubectl create foo",
	},
	"get": {
		"!kubectl get", "kubectl get pods", "kubectl get rs", "kubectl get deploy -o wide", "kubectl get all",
		"kubectl get pods --show-labels", "kubectl get pods -L app,pod-template-hash -o wide", "kubectl get deploy -o name", "kubectl get rs -o name",
		"kubectl get deploy -o jsonpath='{.items[*].metadata.name}'", "kubectl get pods --sort-by=.metadata.name --no-headers",
		"kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image",
		"kubectl get deploy nginx-deployment-controller -o yaml", "kubectl get pods | wc -l", "kubectl get pods -l app=web",
		"!kubectl get deploymentz", "!kubectl get deploy nope", "!kubectl get pods -l 'app in (nginx'",
		"!kubectl get pods -o bogus", "!kubectl get pods --bogus", "!kubectl get pods -x", "!kubectl get pods -n",
		"!kubectl get deploy/", "!kubectl get deploy nope -o name",
	},
	"describe": {
		"kubectl describe deployment nginx-deployment-controller", "kubectl describe rs",
		"!kubectl describe", "!kubectl describe deploy nope", "!kubectl describe deploymentz x",
	},
	"scale": {
		"!kubectl scale deployment nginx-deployment-controller", "!kubectl scale deployment nginx-deployment-controller --replicas=-1",
		"!kubectl scale deployment nginx-deployment-controller --replicas=99999999999",
		"!kubectl scale deployment nginx-deployment-controller --replicas=abc", "!kubectl scale deployment nginx-deployment-controller --replicas",
		"!kubectl scale deployment nope --replicas=3", "!kubectl scale --replicas=3", "!kubectl scale deployment --replicas=3",
		"!kubectl scale deployment nginx-deployment-controller --current-replicas=5 --replicas=3",
		"kubectl scale deployment nginx-deployment-controller --replicas=3", "sleep 5", "kubectl get rs",
		"kubectl scale deployment nginx-deployment-controller --replicas=3 --record", "kubectl scale deploy/nginx-deployment-controller --replicas=2 --dry-run=client",
		// scale -l and --all select like every builder command.
		"!kubectl scale deploy -l app=nope --replicas=3", "kubectl scale rs -l app=nginx --replicas=3", "kubectl scale deploy --all --replicas=2",
		"!kubectl scale pods --all --replicas=2",
	},
	"set-image": {
		"!kubectl set image deployment/nginx-deployment-controller foo=nginx:1.9.1", "!kubectl set image deployment/nginx-deployment-controller",
		"!kubectl set image", "!kubectl set image deployment/nope nginx=nginx:1.9.1",
		"kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.8",
		"kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1 --record",
		"kubectl rollout status deployment/nginx-deployment-controller --timeout=60s",
		"kubectl set image deployment nginx-deployment-controller nginx=nginx:1.91", "sleep 8",
		"kubectl get pods", "kubectl rollout status deployment nginx-deployment-controller --timeout=5s",
		"kubectl rollout history deployment nginx-deployment-controller",
	},
	// kubectl set env / set resources: each template change a new revision, no change no output.
	"set-env": {
		"kubectl set env deployment/nginx-deployment-controller LOG_LEVEL=debug MODE=prod",
		"kubectl set env deployment/nginx-deployment-controller --list", "kubectl set env deployment/nginx-deployment-controller LOG_LEVEL=debug",
		"kubectl set env deployment/nginx-deployment-controller --list LOG_LEVEL=info -c 'ng*'",
		"kubectl set env deploy nginx-deployment-controller MODE=test --dry-run=client",
		"!kubectl set env deployment/nginx-deployment-controller MODE=test --overwrite=false",
		"!kubectl set env deployment/nginx-deployment-controller MODE=test MODE-", "!kubectl set env deployment/nginx-deployment-controller 1X=y",
		"!kubectl set env deployment/nginx-deployment-controller A=b deployment/x", "!kubectl set env A=b", "!kubectl set env deployment/nope A=b",
		"!kubectl set env deployment/nginx-deployment-controller --list -o yaml", "!kubectl set env deployment/nginx-deployment-controller --keys=a",
		"!kubectl set env deployment/nginx-deployment-controller --from=configmap/settings", "!kubectl set env deployment/nginx-deployment-controller --from=secret/creds",
		"!kubectl set env deployment/nginx-deployment-controller --from=deployment/nginx-deployment-controller",
		"!kubectl set env deployment --all -l app=nginx A=b", "!kubectl set env deployment A=b",
		"kubectl set env deployment/nginx-deployment-controller A=b -c nope",
		"kubectl set env deployment -l app=nginx LOG_LEVEL- --prefix=X_", "kubectl set env deployments --all MODE-", "sleep 10",
		"kubectl rollout history deployment/nginx-deployment-controller", "kubectl rollout history deployment/nginx-deployment-controller --revision=2",
		"kubectl describe deployment nginx-deployment-controller", "kubectl set env --help", "kubectl set --help",
	},
	// delete --cascade=orphan: the ReplicaSets and pods keep running without an owner
	// reference, and a new Deployment (or ReplicaSet) whose selector matches adopts them.
	"cascade": {
		"kubectl delete deploy nginx-deployment-controller --cascade=orphan", "sleep 5", "kubectl get deploy,rs,pods",
		"kubectl get rs -o jsonpath='{.items[*].metadata.ownerReferences}'",
		"kubectl apply -f nginx-deployment.yaml", "sleep 5", "kubectl get rs,pods",
		"kubectl get rs -o jsonpath='{.items[*].metadata.ownerReferences[*].name}'",
		"!kubectl delete deploy nginx-deployment-controller --cascade=nope",
		"kubectl delete rs --all --cascade=false", "sleep 5", "kubectl get rs,pods",
		"kubectl delete deploy nginx-deployment-controller --cascade=background", "sleep 5", "kubectl get deploy,rs,pods",
	},
	// delete --cascade=foreground: the Deployment (and its ReplicaSet) stay with a
	// deletionTimestamp and the foregroundDeletion finalizer until the pods are gone; kubectl
	// waits for that unless --wait=false.
	"cascade-foreground": {
		"kubectl delete deploy nginx-deployment-controller --cascade=foreground --wait=false", "kubectl get deploy,rs,pods",
		"kubectl get deploy nginx-deployment-controller -o yaml | head -16",
		"kubectl get rs -o jsonpath='{.items[*].metadata.finalizers}'",
		"kubectl delete deploy nginx-deployment-controller --cascade=foreground --wait=false",
		"sleep 5", "kubectl get deploy,rs,pods",
		"kubectl apply -f nginx-deployment.yaml", "sleep 5",
		"kubectl delete rs -l app=nginx --cascade=foreground", "kubectl get rs,pods",
		"kubectl delete deploy nginx-deployment-controller --cascade=foreground", "kubectl get deploy,rs,pods",
		// Another finalizer holds a deleted object too, until a patch removes it.
		"kubectl apply -f nginx-deployment.yaml",
		`kubectl patch deploy nginx-deployment-controller --type=merge -p '{"metadata":{"finalizers":["example.com/hold"]}}'`,
		"kubectl delete deploy nginx-deployment-controller --wait=false", "sleep 5",
		"kubectl get deploy nginx-deployment-controller -o jsonpath='{.metadata.finalizers} {.metadata.deletionTimestamp}'",
		`kubectl patch deploy nginx-deployment-controller --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'`,
		"kubectl get deploy,rs",
	},
	// delete pod waits, as kubectl's --wait=true default does, until the pod is gone (its
	// containers stopped within the grace period), so the next get no longer lists it
	// Terminating; the ReplicaSet's replacement is created meanwhile. --wait=false returns while
	// the pod is still Terminating.
	"delete-pod": {
		"kubectl delete pod nginx-deployment-controller-665cb7c865-64rhj", "kubectl get pods",
		"kubectl delete pod nginx-deployment-controller-665cb7c865-vc2g5 --wait=false", "kubectl get pods",
		"sleep 5", "kubectl get pods",
		"!kubectl delete pod nope", "!kubectl delete pod x --timeout=soon",
	},
	// -o kyaml (kubectl 1.34+): one KYAML document of the object's JSON; several objects are
	// the v1 List, also when empty (no "No resources found" for an object format).
	"kyaml": {
		"kubectl get deploy nginx-deployment-controller -o kyaml", "kubectl get rs -o kyaml",
		"kubectl get pods -l app=none -o kyaml",
		"kubectl create deployment web --image=nginx:1.8 --replicas=2 --dry-run=client -o kyaml",
		"kubectl expose deploy nginx-deployment-controller --port=80 --dry-run=client -o kyaml",
		"!kubectl get deploy -o kyml",
	},
	// set image picks its objects with -l (matching the objects' own labels) or --all when no
	// name is given, as set env does.
	"set-image-selector": {
		"kubectl create deployment other --image=nginx:1.8", "sleep 5",
		"kubectl set image deployment -l app=nginx nginx=nginx:1.9.1", // the seed Deployment has no labels of its own
		"kubectl set image deployment -l app=other nginx=nginx:1.9.1", "sleep 10",
		"kubectl set image deployments --all '*=nginx:1.25'", "sleep 10", "kubectl get deploy -o wide",
		"!kubectl set image deployment --all -l app=nginx nginx=nginx:1.8", "!kubectl set image deployment nginx=nginx:1.8",
		"kubectl set image deployment -l app=other nginx=nginx:1.27 --dry-run=client",
	},
	// get -w --field-selector: the watch is filtered as the list is (the API server applies the
	// selector to watch events too): new pods print while Pending and, once Running, one last
	// row: the DELETED event, which carries the last version that matched (still Pending).
	"watch-field-selector": {
		"kubectl scale deploy nginx-deployment-controller --replicas=4",
		"kubectl get pods -w --field-selector=status.phase=Pending | cat",
		"kubectl scale deploy nginx-deployment-controller --replicas=5",
		"kubectl get pods -w --field-selector=status.phase=Pending,metadata.name!=nope -o jsonpath='{.metadata.name}{\"\\n\"}' | cat",
	},
	"set-resources": {
		"kubectl set resources deployment nginx-deployment-controller --limits=cpu=0.5,memory=128Mi --requests=memory=64Mi",
		"kubectl set resources deployment nginx-deployment-controller --limits=cpu=500m", "sleep 10",
		"!kubectl set resources deployment nginx-deployment-controller --requests=cpu=1",
		"!kubectl set resources deployment nginx-deployment-controller", "!kubectl set resources deployment nginx-deployment-controller --limits=cpu",
		"!kubectl set resources deployment nginx-deployment-controller --limits=cpu=lots", "!kubectl set resources deployment nope --limits=cpu=1",
		"!kubectl set resources --limits=cpu=1", "!kubectl set resources deployment nginx-deployment-controller -c nope --limits=cpu=1",
		"!kubectl set resources deployment --all -l app=nginx --limits=cpu=1",
		"kubectl set resources deployment nginx-deployment-controller --limits=memory=256Mi --dry-run=client",
		"kubectl set resources deployment nginx-deployment-controller --limits=memory=256Mi --dry-run=client -o name",
		"kubectl get deploy nginx-deployment-controller -o jsonpath={.spec.template.spec.containers[0].resources}",
		"kubectl set resources deployment nginx-deployment-controller --requests=cpu=100m --record", "sleep 10",
		"kubectl rollout history deployment/nginx-deployment-controller", "kubectl describe deployment nginx-deployment-controller",
		"kubectl get pods", "kubectl set resources --help",
	},
	"rollout": {
		"kubectl rollout status deployment/nginx-deployment-controller", "kubectl rollout history deployment/nginx-deployment-controller",
		"kubectl rollout history deployment/nginx-deployment-controller --revision=1",
		"!kubectl rollout history deployment/nginx-deployment-controller --revision=9",
		"!kubectl rollout undo deployment/nginx-deployment-controller", "!kubectl rollout undo deployment/nginx-deployment-controller --to-revision=9",
		"kubectl rollout undo deployment/nginx-deployment-controller --to-revision=1",
		"!kubectl rollout resume deployment/nginx-deployment-controller", "kubectl rollout pause deployment/nginx-deployment-controller",
		"!kubectl rollout pause deployment/nginx-deployment-controller", "!kubectl rollout restart deployment/nginx-deployment-controller",
		"kubectl rollout resume deployment/nginx-deployment-controller", "kubectl rollout restart deployment/nginx-deployment-controller",
		"!kubectl rollout restart deployment/nginx-deployment-controller", "sleep 10",
		"kubectl rollout history deployment/nginx-deployment-controller", "!kubectl rollout status",
		"kubectl rollout status deployment", "!kubectl rollout status deploy/nginx-deployment-controller deploy/nginx-deployment-controller", "!kubectl rollout status pod/x", "!kubectl rollout pause pod/x", "!kubectl rollout status deploy/nope",
		"!kubectl rollout status deploy/nginx-deployment-controller --timeout=abc",
	},
	"write": {
		"!kubectl create -f nginx-deployment.yaml", "!kubectl create -f bad.yaml", "!kubectl apply -f invalid.yaml",
		"!kubectl apply -f broken.yaml", "!kubectl apply -f missing.yaml", "!kubectl apply", "kubectl apply -f nginx-deployment.yaml",
		"!kubectl create deployment", "!kubectl create deployment hello", "!kubectl create deployment nginx-deployment-controller --image=nginx",
		"kubectl create deployment hello --image=nginx:1.14.2 --replicas=2 --dry-run=client",
		"kubectl create deployment hello --image=nginx:1.14.2 --replicas=2", "sleep 3", "kubectl get deploy",
		"kubectl label deployment hello tier=web", "!kubectl label deployment hello tier=db", "!kubectl label deployment hello",
		"kubectl label deployment hello tier=db --overwrite", "kubectl label deployment hello tier-", "kubectl label deployment hello tier-",
		"!kubectl create deployment web_app --image=nginx", "kubectl create deployment web --image=nginx --dry-run=client -o yaml",
		"!kubectl patch deployment hello --type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/labels/nope\"}]'",
		"kubectl annotate deployment hello kubernetes.io/change-cause='first version'", "kubectl rollout history deployment hello",
		"kubectl patch deployment hello -p '{\"spec\":{\"replicas\":1}}'", "!kubectl patch deployment hello -p '{bad'",
		"!kubectl patch deployment hello", "kubectl delete deployment hello", "!kubectl delete deployment hello", "!kubectl delete",
		"!kubectl delete pods",
	},
	"edit": {
		"!kubectl edit deployment nginx-deployment-controller", "!kubectl edit", "!kubectl edit deployment nope",
		"!kubectl edit deployment", "!kubectl edit deploy/nginx-deployment-controller -o wide",
	},
	"shell": {
		"", "   ", "# a comment", "!kubectl get pods \"abc", "!kubectl get pods 'abc", "!kubectl get pods $(kubectl get deploy",
		"!kubectl get pods | frob", "!| wc -l", "!kubectl get pods > out.txt", "!kubectl get pods &",
		"kubectl get pods -o name | head -1", "kubectl get rs --no-headers | awk '{print $1}'",
		"echo hello", "!ls", "kubectl get deploy && kubectl get rs", "kubectl get nope || echo fallback",
	},
}

func TestGolden(t *testing.T) {
	for name, lines := range goldenCases {
		t.Run(name, func(t *testing.T) {
			checkGolden(t, name, runGoldenLines(t, seeded(t), lines))
		})
	}
}

// runGoldenLines runs golden lines on e and returns the transcript.
func runGoldenLines(t *testing.T, e *engine.Engine, lines []string) string {
	t.Helper()
	var b strings.Builder
	for _, line := range lines {
		mustFail := strings.HasPrefix(line, "!")
		line = strings.TrimPrefix(line, "!")
		if secs, ok := strings.CutPrefix(line, "sleep "); ok {
			n, _ := strconv.Atoi(secs)
			e.Advance(time.Duration(n) * time.Second)
			fmt.Fprintf(&b, "# sleep %s\n\n", secs)
			continue
		}
		before := e.Cluster.Store.ResourceVersion()
		x := e.Exec(line)
		e.Drive(x)
		writeStep(&b, line, x.Stdout(), x.Stderr(), x.ExitCode())
		if mustFail {
			if x.ExitCode() == 0 {
				t.Errorf("%q: exit 0, want an error", line)
			}
			if after := e.Cluster.Store.ResourceVersion(); after != before {
				t.Errorf("%q changed the store (resourceVersion %d → %d)", line, before, after)
			}
		}
		if strings.Contains(x.Stderr(), "internal error") {
			t.Errorf("%q: %s", line, x.Stderr())
		}
	}
	return b.String()
}

// writeStep records one command: the line, then stdout, stderr and the exit code.
func writeStep(b *strings.Builder, line, stdout, stderr string, exit int) {
	fmt.Fprintf(b, "$ %s\n", line)
	block := func(label, text string) {
		if text == "" {
			return
		}
		b.WriteString("--- " + label + "\n" + text)
		if !strings.HasSuffix(text, "\n") {
			b.WriteString("\n\\ no newline at end\n")
		}
	}
	block("stdout", stdout)
	block("stderr", stderr)
	fmt.Fprintf(b, "--- exit %d\n\n", exit)
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, firstDiff(string(want), got))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(wl), len(gl)) && shown < 10; i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			fmt.Fprintf(&b, "line %d:\n  want %q\n  got  %q\n", i+1, w, g)
			shown++
		}
	}
	return b.String()
}

// The playground's editor: EditBegin opens the file, EditSave answers as kubectl does when the
// editor exits.
func TestEditGolden(t *testing.T) {
	e := seeded(t)
	k := e.Kubectl
	var b strings.Builder
	args := []string{"edit", "deployment", "nginx-deployment-controller"}
	begin := func(args []string) string {
		file, content, r := k.EditBegin(args)
		fmt.Fprintf(&b, "> EditBegin %q\n", args)
		if r != nil {
			writeStep(&b, "(begin)", r.Stdout.String(), r.Stderr.String(), r.Exit)
			return ""
		}
		fmt.Fprintf(&b, "--- file %s\n%s\n", file, content)
		return content
	}
	save := func(args []string, what, content string) (reopened string) {
		before := e.Cluster.Store.ResourceVersion()
		r := k.EditSave(args, content)
		e.Advance(0)
		fmt.Fprintf(&b, "> EditSave %q (%s)\n", args, what)
		writeStep(&b, "(save)", r.Stdout.String(), r.Stderr.String(), r.Exit)
		if r.Reopen != nil {
			fmt.Fprintf(&b, "--- reopened %s\n%s\n", r.Reopen.File, r.Reopen.Content)
			reopened = r.Reopen.Content
		}
		// A status-only edit is sent (kubectl prints "edited") but the API server drops the status
		// part of a main-resource update, so nothing is written.
		if changed := e.Cluster.Store.ResourceVersion() != before; changed != strings.Contains(r.Stdout.String(), " edited") && what != "status only" {
			t.Errorf("%s: store changed %v, but stdout %q", what, changed, r.Stdout.String())
		}
		return reopened
	}

	content := begin(args)
	save(args, "unchanged", content)
	save(args, "only formatting and comments changed", "# my notes\n"+strings.ReplaceAll(content, "\n  name: nginx-deployment-controller\n", "\n  name:   nginx-deployment-controller  \n"))

	begin(args)
	save(args, "emptied", "# nothing left\n\n")

	content = begin(args)
	reopened := save(args, "replicas -1", strings.Replace(content, "\n  replicas: 2\n", "\n  replicas: -1\n", 1))
	if reopened == "" {
		t.Fatal("an invalid object reopens the editor")
	}
	save(args, "the reopened file saved unchanged", reopened)
	content = begin(args)
	reopened = save(args, "replicas -1 again", strings.Replace(content, "\n  replicas: 2\n", "\n  replicas: -1\n", 1))
	save(args, "fixed in the reopened file", strings.Replace(reopened, "\n  replicas: -1\n", "\n  replicas: 3\n", 1))

	content = begin(args)
	save(args, "syntax error", strings.Replace(content, "\n  replicas: 3\n", "\n  replicas: [3\n", 1))

	content = begin(args)
	save(args, "renamed", strings.Replace(content, "\n  name: nginx-deployment-controller\n", "\n  name: web\n", 1))
	content = begin(args)
	save(args, "unknown field", strings.Replace(content, "\n  replicas: 3\n", "\n  replica: 3\n", 1))
	content = begin(args)
	save(args, "status only", regexp.MustCompile(`\n  readyReplicas: \d+\n`).ReplaceAllString(content, "\n  readyReplicas: 7\n"))

	recArgs := []string{"edit", "deploy/nginx-deployment-controller", "--record"}
	content = begin(recArgs)
	save(recArgs, "new image, recorded", strings.Replace(content, "image: nginx:1.8", "image: nginx:1.9.1", 1))
	e.Advance(10 * time.Second)
	x := e.Exec("kubectl rollout history deployment nginx-deployment-controller")
	writeStep(&b, "kubectl rollout history deployment nginx-deployment-controller", x.Stdout(), x.Stderr(), x.ExitCode())

	begin([]string{"edit", "deployment", "nope"})
	begin([]string{"edit"})
	e.Exec("kubectl create deployment hello --image=nginx:1.14.2")
	all := []string{"edit", "deployments"}
	content = begin(all)
	save(all, "scale both in the list", regexp.MustCompile(`\n    replicas: \d+\n`).ReplaceAllString(content, "\n    replicas: 3\n"))
	content = begin(all)
	save(all, "an unknown field in the list", strings.Replace(content, "\n    replicas: 3\n", "\n    replica: 3\n", 1))
	content = begin(all)
	save(all, "one of the list changed", strings.Replace(content, "image: nginx:1.14.2", "image: nginx:1.16.1", 1))
	checkGolden(t, "edit-api", b.String())
}

// Absurdly long input is answered with kubectl's error, quickly, and changes nothing; over the
// engine's budget (64 KiB, 64 commands) the shell refuses the line before anything runs.
func TestHugeInput(t *testing.T) {
	e := seeded(t)
	long := strings.Repeat("x", 60_000)
	digits := strings.Repeat("9", 60_000)
	cases := []struct{ line, stderr string }{
		{"kubectl " + long, `error: unknown command "xxx`},
		{"kubectl get pods " + long, `Error from server (NotFound): pods "xxx`},
		{"kubectl get pods -l " + long, `error: unable to parse requirement: key: Invalid value: "xxx`},
		{"kubectl get pods -l app=" + long, `error: unable to parse requirement: values[0][app]: Invalid value: "xxx`},
		{"kubectl scale deployment nginx-deployment-controller --replicas=" + digits, `error: invalid argument "999`},
		{"kubectl explain deployment." + long, `error: field "xxx`},
		{"kubectl get pods \"" + long, "bash: unexpected EOF"},
		{"kubectl get " + strings.Repeat("pods,", 12_000) + "pods", ""},
		{strings.Repeat("kubectl get pods | ", 63) + "wc -l", ""},
		{strings.Repeat("kubectl get pods | ", 5_000) + "wc -l", "bash: command longer than 64 KiB\n"},
		{strings.Repeat("kubectl get pods | ", 64) + "wc -l", "bash: more than 64 commands in one line\n"},
		{"kubectl get pods " + strings.Repeat("x", 100_000), "bash: command longer than 64 KiB\n"},
		{"kubectl set image deployment/nginx-deployment-controller nginx=" + long, ""},
	}
	for _, c := range cases {
		before := e.Cluster.Store.ResourceVersion()
		start := time.Now()
		x := e.Exec(c.line)
		e.Drive(x)
		took := time.Since(start)
		short := c.line[:min(len(c.line), 60)] + "…"
		if !strings.HasPrefix(x.Stderr(), c.stderr) {
			t.Errorf("%s: stderr %.200q, want prefix %q", short, x.Stderr(), c.stderr)
		}
		if strings.Contains(x.Stderr(), "internal error") {
			t.Errorf("%s: %.300s", short, x.Stderr())
		}
		if c.line[:30] != "kubectl set image deployment/n" {
			if after := e.Cluster.Store.ResourceVersion(); after != before {
				t.Errorf("%s changed the store (resourceVersion %d → %d)", short, before, after)
			}
		}
		t.Logf("%s: exit %d in %v", short, x.ExitCode(), took)
	}
}
