package kubectl_test

import (
	"bytes"
	"testing"

	"sigs.k8s.io/yaml/kyaml"
)

// get -o kyaml prints what kubectl's encoder (sigs.k8s.io/yaml/kyaml) makes of what get -o json
// prints: for one object, and for the v1 List of several (or none).
func TestGetKYAMLIsTheJSONInKYAML(t *testing.T) {
	e := seeded(t)
	e.Exec("kubectl expose deploy nginx-deployment-controller --port=80")
	for _, args := range []string{
		"deploy nginx-deployment-controller", "rs", "pods", "svc", "endpointslices", "pods -l app=none", "nodes",
	} {
		js := e.Exec("kubectl get " + args + " -o json")
		if js.ExitCode() != 0 {
			t.Fatalf("%s: %s", args, js.Stderr())
		}
		var want bytes.Buffer
		if err := (&kyaml.Encoder{}).FromYAML(bytes.NewReader([]byte(js.Stdout())), &want); err != nil {
			t.Fatal(err)
		}
		if got := e.Exec("kubectl get " + args + " -o kyaml").Stdout(); got != want.String() {
			t.Errorf("get %s -o kyaml:\n%s\nkubectl's encoder makes of its JSON:\n%s", args, got, want.String())
		}
	}
}
