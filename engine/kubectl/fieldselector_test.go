package kubectl_test

import (
	"strings"
	"testing"
)

// --field-selector as the apiserver applies it: every kind indexes metadata.name and
// metadata.namespace, pods also spec.nodeName and status.phase (among others), with =, == and
// != joined by commas; a field the kind does not index is a 400 that kubectl prefixes with the
// list it was making.
func TestFieldSelector(t *testing.T) {
	e := seeded(t)
	pods := strings.Fields(e.Exec("kubectl get pods -o name").Stdout())
	if len(pods) != 2 {
		t.Fatalf("seed pods: %v", pods)
	}
	first := strings.TrimPrefix(pods[0], "pod/")
	node := strings.TrimSpace(e.Exec("kubectl get pod " + first + " -o jsonpath={.spec.nodeName}").Stdout())
	cases := []struct {
		fact, line     string
		wantRows       int // rows after the header; -1 when the command must fail
		stdout, stderr string
	}{
		{fact: "metadata.name= selects the one object", line: "kubectl get pods --field-selector metadata.name=" + first, wantRows: 1, stdout: first},
		{fact: "== is the same as =", line: "kubectl get pods --field-selector metadata.name==" + first, wantRows: 1, stdout: first},
		{fact: "!= excludes", line: "kubectl get pods --field-selector metadata.name!=" + first, wantRows: 1},
		{fact: "status.phase of running pods", line: "kubectl get pods --field-selector status.phase=Running", wantRows: 2},
		{fact: "terms are ANDed", line: "kubectl get pods --field-selector status.phase=Running,metadata.name=" + first, wantRows: 1},
		{fact: "spec.nodeName selects the pods of a node", line: "kubectl get pods --field-selector spec.nodeName=" + node, wantRows: 1, stdout: first},
		{fact: "metadata.namespace on deployments", line: "kubectl get deploy --field-selector metadata.namespace=default", wantRows: 1},
		{fact: "nothing matches: kubectl's empty-list note", line: "kubectl get pods --field-selector status.phase=Pending", wantRows: 0,
			stderr: "No resources found in default namespace.\n"},
		{fact: "combined with -l", line: "kubectl get pods -l app=nginx --field-selector status.phase!=Failed", wantRows: 2},
		{fact: "pods do not index spec.restartPolicyX", line: "kubectl get pods --field-selector spec.restartPolicyX=Always", wantRows: -1,
			stderr: `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.restartPolicyX=Always": field label not supported: spec.restartPolicyX` + "\n"},
		{fact: "deployments index only the metadata fields", line: "kubectl get deploy -l app=nginx --field-selector status.replicas=2", wantRows: -1,
			stderr: `Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app=nginx", field selector "status.replicas=2": "status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"` + "\n"},
		{fact: "a term without an operator", line: "kubectl get pods --field-selector status.phase", wantRows: -1,
			stderr: `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "status.phase": invalid selector: 'status.phase'; can't understand 'status.phase'` + "\n"},
		{fact: "ReplicaSets index status.replicas", line: "kubectl get rs --field-selector status.replicas=2", wantRows: 1},
		{fact: "events index involvedObject.name", line: "kubectl get events --field-selector involvedObject.name=" + first + ",reason=Scheduled", wantRows: 1},
	}
	for _, c := range cases {
		x := e.Exec(c.line)
		if c.wantRows < 0 {
			if x.ExitCode() == 0 || x.Stderr() != c.stderr {
				t.Errorf("%s: %q: exit %d stderr %q, want an error %q", c.fact, c.line, x.ExitCode(), x.Stderr(), c.stderr)
			}
			continue
		}
		rows := 0
		if out := strings.TrimSpace(x.Stdout()); out != "" {
			rows = len(strings.Split(out, "\n")) - 1
		}
		if x.ExitCode() != 0 || rows != c.wantRows || !strings.Contains(x.Stdout(), c.stdout) || (c.stderr != "" && x.Stderr() != c.stderr) {
			t.Errorf("%s: %q: exit %d, %d rows (want %d)\n%s%s", c.fact, c.line, x.ExitCode(), rows, c.wantRows, x.Stdout(), x.Stderr())
		}
	}
}
