package kubectl_test

import (
	"strings"
	"testing"
)

// Manifests with several documents, as kubectl 1.37 handles them: its resource builder goes on
// after a document it cannot read or map (or the apiserver refuses), the other documents are
// sent, every error is reported at the end and the exit code is 1. A single error prints as
// `error: …` (or kubectl's status text); several print one per line in kubectl's short form
// (MultipleErrors: no "error: " prefix, status errors as `Error from server (Reason): …`).
// apply reads every document before sending any, so its read errors come first, as one
// aggregate; create reports errors in document order. A first apply is a create: its failures
// say `error when creating`.

func deploymentDoc(name, replicas string) string {
	return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ` + name + `
spec:
  replicas: ` + replicas + `
  selector:
    matchLabels: {app: ` + name + `}
  template:
    metadata:
      labels: {app: ` + name + `}
    spec:
      containers:
      - name: c
        image: nginx:1.14.2
`
}

// configMapDoc is a kind the playground does not serve: kubectl cannot map it.
func configMapDoc(name string) string {
	return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  k: v\n"
}

const ensureCRDs = "ensure CRDs are installed first"

func noConfigMap(name, file string) string {
	return `resource mapping not found for name: "` + name + `" namespace: "" from "` + file + `": no matches for kind "ConfigMap" in version "v1"` + "\n" + ensureCRDs
}

func TestMultiDocumentFiles(t *testing.T) {
	files := map[string]string{
		"web.yaml":       deploymentDoc("web", "2") + "---\n" + configMapDoc("web"),
		"svc-first.yaml": configMapDoc("api") + "---\n" + deploymentDoc("api", "1"),
		"two-svc.yaml":   configMapDoc("a") + "---\n" + deploymentDoc("db", "1") + "---\n" + configMapDoc("b"),
		"svc-bad.yaml":   configMapDoc("c") + "---\n" + deploymentDoc("bad", "-1"),
		"unknown.yaml":   strings.Replace(deploymentDoc("fresh", "1"), "replicas: 1", "replica: 1", 1),
		"bad-new.yaml":   deploymentDoc("neg", "-1"),
		"broken2.yaml":   deploymentDoc("first", "1") + "---\nkind: [\n---\n" + deploymentDoc("never", "1"),
		"two-bad.yaml":   deploymentDoc("x1", "-1") + "---\n" + configMapDoc("x2") + "---\n" + deploymentDoc("x3", "-2"),
	}
	cases := []struct {
		fact, line, stdout, stderr string
		exit                       int
		created                    []string // deployments that must exist afterwards
	}{
		{
			fact: "apply: the Deployment of a Deployment+ConfigMap file is created, the ConfigMap reported",
			line: "kubectl apply -f web.yaml", stdout: "deployment.apps/web created\n",
			stderr: "error: " + noConfigMap("web", "web.yaml") + "\n", exit: 1, created: []string{"web"},
		},
		{
			fact: "create: the same, whatever the order of the documents",
			line: "kubectl create -f svc-first.yaml", stdout: "deployment.apps/api created\n",
			stderr: "error: " + noConfigMap("api", "svc-first.yaml") + "\n", exit: 1, created: []string{"api"},
		},
		{
			fact: "apply: two unmappable documents print one line each, without the error: prefix",
			line: "kubectl apply -f two-svc.yaml", stdout: "deployment.apps/db created\n",
			stderr: noConfigMap("a", "two-svc.yaml") + "\n" + noConfigMap("b", "two-svc.yaml") + "\n", exit: 1, created: []string{"db"},
		},
		{
			fact: "apply: a read error and a refused create: the read error first, then the create's error in full",
			line: "kubectl apply -f svc-bad.yaml",
			stderr: noConfigMap("c", "svc-bad.yaml") + "\n" +
				`Error from server (Invalid): error when creating "svc-bad.yaml": Deployment.apps "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0` + "\n",
			exit: 1,
		},
		{
			fact:   "apply of a new object is a create: BadRequest says error when creating",
			line:   "kubectl apply -f unknown.yaml",
			stderr: `Error from server (BadRequest): error when creating "unknown.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"` + "\n",
			exit:   1,
		},
		{
			fact:   "a single Invalid error prints kubectl's invalid text, whatever the verb",
			line:   "kubectl apply -f bad-new.yaml",
			stderr: `The Deployment "neg" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0` + "\n",
			exit:   1,
		},
		{
			fact: "a syntax error ends its file: the documents before it are sent, those after are not",
			line: "kubectl apply -f broken2.yaml", stdout: "deployment.apps/first created\n",
			stderr: "error: error parsing broken2.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content\n",
			exit:   1, created: []string{"first"},
		},
		{
			fact: "create reports every error in document order",
			line: "kubectl create -f two-bad.yaml",
			stderr: `Error from server (Invalid): error when creating "two-bad.yaml": Deployment.apps "x1" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0` + "\n" +
				noConfigMap("x2", "two-bad.yaml") + "\n" +
				`Error from server (Invalid): error when creating "two-bad.yaml": Deployment.apps "x3" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0` + "\n",
			exit: 1,
		},
		{
			fact: "apply again: the Deployment is unchanged, the ConfigMap still reported",
			line: "kubectl apply -f web.yaml", stdout: "deployment.apps/web unchanged\n",
			stderr: "error: " + noConfigMap("web", "web.yaml") + "\n", exit: 1, created: []string{"web"},
		},
		{
			fact: "replace goes on after a document it cannot map (and keeps the stored uid: the file has none)",
			line: "kubectl replace -f web.yaml", stdout: "deployment.apps/web replaced\n",
			stderr: "error: " + noConfigMap("web", "web.yaml") + "\n", exit: 1, created: []string{"web"},
		},
		{
			fact: "delete -f deletes the Deployment and reports the ConfigMap",
			line: "kubectl delete -f web.yaml", stdout: `deployment.apps "web" deleted from default namespace` + "\n",
			stderr: "error: " + noConfigMap("web", "web.yaml") + "\n", exit: 1,
		},
		{
			fact:   "delete -f again: the DELETE's NotFound names the file, then the mapping error, one line each",
			line:   "kubectl delete -f web.yaml",
			stderr: `Error from server (NotFound): error when deleting "web.yaml": deployments.apps "web" not found` + "\n" + noConfigMap("web", "web.yaml") + "\n", exit: 1,
		},
	}
	e := seeded(t)
	for name, content := range files {
		e.WriteFile(name, content)
	}
	for _, c := range cases {
		x := e.Exec(c.line)
		e.Drive(x)
		if x.Stdout() != c.stdout || x.Stderr() != c.stderr || x.ExitCode() != c.exit {
			t.Errorf("%s\n$ %s\nstdout %q\n  want %q\nstderr %q\n  want %q\nexit %d, want %d",
				c.fact, c.line, x.Stdout(), c.stdout, x.Stderr(), c.stderr, x.ExitCode(), c.exit)
		}
		for _, name := range c.created {
			if g := e.Exec("kubectl get deployment " + name); g.ExitCode() != 0 {
				t.Errorf("%s: deployment %s missing: %s", c.fact, name, g.Stderr())
			}
		}
	}
	for _, name := range []string{"bad", "fresh", "neg", "never", "x1", "x3", "web"} {
		if g := e.Exec("kubectl get deployment " + name); g.ExitCode() == 0 {
			t.Errorf("deployment %s exists: created from a refused or unread document, or not deleted", name)
		}
	}
}

// Any file content, any number of documents: apply, create, replace and delete -f answer with
// kubectl's messages and never hit an internal error (a panic would take the page down); a
// command fails (exit 1) exactly when it reports an error.
func FuzzFileCommands(f *testing.F) {
	f.Add(deploymentDoc("web", "2") + "---\n" + configMapDoc("web"))
	f.Add(configMapDoc("a") + "---\n" + deploymentDoc("db", "-1") + "---\nkind: [\n")
	f.Add(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"j","annotations":{"a":"` + "\xff" + `"}}}`)
	f.Add("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n- kind: Pod\n")
	f.Add(strings.Replace(deploymentDoc("g", "1"), "    spec:\n", "    spec:\n      terminationGracePeriodSeconds: -9223372036854775808\n", 1))
	f.Add("apiVersion: v1\nkind: Service\nmetadata: {name: n}\nspec:\n  type: NodePort\n  clusterIP: 10.96.0.9\n  selector: {app: n}\n" +
		"  ports:\n  - {name: a, port: 80, targetPort: http, nodePort: 30001}\n  - {name: b, port: 81, protocol: UDP}\n")
	f.Fuzz(func(t *testing.T, content string) {
		e := seeded(t)
		e.WriteFile("f.yaml", content)
		for _, line := range []string{"kubectl apply -f f.yaml", "kubectl create -f f.yaml", "kubectl replace -f f.yaml",
			"kubectl apply -f f.yaml --validate=false", "kubectl delete -f f.yaml"} {
			x := e.Exec(line)
			if strings.Contains(x.Stderr(), "internal error") {
				t.Fatalf("%s: %s", line, x.Stderr())
			}
			reported := x.Stderr() != "" && !onlyWarnings(x.Stderr())
			if failed := x.ExitCode() != 0; failed != reported {
				t.Fatalf("%s: exit %d with stderr %q", line, x.ExitCode(), x.Stderr())
			}
		}
	})
}

// onlyWarnings: every stderr line is a warning (apply's missing-annotation, unknown fields with
// --validate=warn, a negative grace period), which does not fail a command.
func onlyWarnings(stderr string) bool {
	for _, l := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if !strings.HasPrefix(l, "Warning: ") {
			return false
		}
	}
	return true
}
