package api

import (
	"encoding/json"
	"testing"

	sigsyaml "sigs.k8s.io/yaml"
)

// viaJSON is kubectl's way to YAML: the object as JSON text, then sigs.k8s.io/yaml.JSONToYAML.
func viaJSON(t *testing.T, obj Object) string {
	j, err := json.Marshal(objectGeneric(obj))
	if err != nil {
		t.Fatal(err)
	}
	y, err := sigsyaml.JSONToYAML(j)
	if err != nil {
		t.Fatal(err)
	}
	return string(y)
}

// EncodeYAML skips the JSON text kubectl's conversion goes through (yamlReady); whatever a
// manifest holds — strings that look like numbers, booleans or dates, invalid UTF-8, big
// integers, quantities, multi-line text — the output must be the same, byte for byte.
func FuzzEncodeYAMLMatchesTheJSONRoundTrip(f *testing.F) {
	for _, s := range []string{
		seedManifest,
		deploy("", "        resources:\n          limits:\n            cpu: 1.5e3m\n            memory: 9223372036854775807\n"),
		"apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {a: \"1\", b: \"true\", c: \"2024-01-01\", d: \"0x1F\", e: \"\", f: \"~\", g: \"null\", h: \"1e3\"}\n  annotations:\n    x: \"multi\\nline\\n\"\n    y: \"\\xff\\xfe bad\"\n    z: \"  lead\"\n    w: \"a: b\"\nspec:\n  containers:\n  - name: c\n    image: nginx\n    args: [\"-1\", \"3.0\", \"yes\", \"on\"]\n",
		deploy("  replicas: 2147483647\n  progressDeadlineSeconds: 600\n", "        terminationMessagePath: /dev/termination-log\n"),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range DecodeDocuments(data, ValidationMode(0)) {
			if d.Object == nil {
				continue
			}
			want := viaJSON(t, d.Object)
			got, err := EncodeYAML(d.Object)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Fatalf("EncodeYAML differs from the JSON round trip:\n%s\nwant:\n%s", got, want)
			}
		}
	})
}
