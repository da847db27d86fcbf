package kubectl_test

import (
	"strings"
	"testing"
)

// Whatever a learner saves in the editor, EditSave answers without an internal error, and a
// save that is not reported as "edited" leaves the store as it was.
func FuzzEditSave(f *testing.F) {
	f.Add("replicas: 2", "replicas: 5")
	f.Add("replicas: 2", "replicas: -1")
	f.Add("image: nginx:1.8", "image: [")
	f.Add("kind: Deployment", "kind: Pod")
	f.Add("apiVersion: apps/v1", "")
	f.Add("  selector:", "  selectors:")
	f.Fuzz(func(t *testing.T, old, new string) {
		e := seeded(t)
		args := []string{"edit", "deploy", "nginx-deployment-controller"}
		_, content, r := e.Kubectl.EditBegin(args)
		if r != nil {
			t.Fatal(r.Stderr.String())
		}
		before := e.Cluster.Store.ResourceVersion()
		res := e.Kubectl.EditSave(args, strings.Replace(content, old, new, 1))
		if strings.Contains(res.Stderr.String(), "internal error") {
			t.Fatalf("%q → %q: %s", old, new, res.Stderr.String())
		}
		if !strings.Contains(res.Stdout.String(), "edited") && e.Cluster.Store.ResourceVersion() != before {
			t.Fatalf("%q → %q changed the store without saying edited: %q %q", old, new, res.Stdout.String(), res.Stderr.String())
		}
	})
}

// Explain and selectors never fail with an internal error, whatever the path.
func FuzzExplainAndSelectors(f *testing.F) {
	for _, s := range []string{"deployment.spec.strategy", "pods.spec.containers.ports", "svc.spec.ports.targetPort", "services.status", "rs..spec", "deploy.", ".", "app in (a,b),!c", "a=b,,", "x notin (", "a>1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := seeded(t)
		for _, line := range []string{"kubectl explain '" + s + "' --recursive", "kubectl get pods -l '" + s + "'"} {
			x := e.Exec(line)
			if strings.Contains(x.Stderr(), "internal error") {
				t.Fatalf("%q: %s", line, x.Stderr())
			}
		}
	})
}
