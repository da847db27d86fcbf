package engine

import (
	"strings"
	"testing"
)

// CheckManifest names the field of each problem as the API server's field paths do, apiVersion
// or kind for kubectl's own checks (a kind the API server serves in another version: the
// apiVersion is wrong), and a syntax error's line (go-yaml's parser reports the 0-based line
// of the token it stopped at, here the badly indented replicas on line 9).
func TestCheckManifestNamesFields(t *testing.T) {
	cases := []struct {
		fact, from, to string
		field          string
		line           int
		msg            string
	}{
		{"validation names the field", "replicas: 2", "replicas: -1", "spec.replicas", 0, "spec.replicas: Invalid value: -1"},
		{"a type error names the field", "replicas: 2", "replicas: two", "spec.replicas", 0, "json: cannot unmarshal string"},
		{"an unknown field", "image: nginx:1.8", "imagee: nginx:1.8", "spec.template.spec.containers[0].imagee", 0, `unknown field "spec.template.spec.containers[0].imagee"`},
		{"an unknown kind is the kind's fault", "kind: Deployment", "kind: Deploymen", "kind", 0, `no matches for kind "Deploymen"`},
		{"a served kind in an old version is the apiVersion's", "apiVersion: apps/v1", "apiVersion: apps/v1beta1", "apiVersion", 0, `in version "apps/v1beta1"`},
		{"a missing apiVersion", "apiVersion: apps/v1\n", "", "apiVersion", 0, "apiVersion not set"},
		{"a syntax error has a line", "  replicas: 2", " replicas: 2", "", 9, "yaml: did not find expected key"},
	}
	for _, c := range cases {
		text := strings.Replace(SeedManifest, c.from, c.to, 1)
		got := CheckManifest(text)
		if len(got) != 1 || got[0].Field != c.field || got[0].Line != c.line || !strings.Contains(got[0].Msg, c.msg) {
			t.Errorf("%s: got %+v, want field %q line %d msg containing %q", c.fact, got, c.field, c.line, c.msg)
		}
	}
	if got := CheckManifest(SeedManifest); len(got) != 0 {
		t.Fatalf("the seed manifest has problems: %+v", got)
	}
}
