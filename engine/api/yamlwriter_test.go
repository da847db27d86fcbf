package api

import (
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v2"
)

// The direct writer gives go-yaml's bytes (what kubectl prints for -o yaml), or gives up: for
// each value, either it vouches for its output and that output is yaml.Marshal's, or it
// declines. Typical objects (a pod, a Deployment) must not be declined, or listing 5,000 pods
// would be as slow as before (issue 11).
func TestFastYAMLIsGoYAMLsOutput(t *testing.T) {
	long := strings.Repeat("word ", 20)
	for _, tc := range []struct {
		name    string
		v       map[string]any
		mustUse bool // the writer must vouch for it
	}{
		{"scalars", map[string]any{"s": "nginx", "i": 3, "neg": -7, "b": true, "f": false, "n": nil, "e": ""}, true},
		{"words YAML reads as other types", map[string]any{"a": "yes", "b": "No", "c": "null", "d": "~", "e": "1e3", "f": "0x1F", "g": "2024-01-01", "h": "true", "i": "on", "j": "y"}, true},
		{"timestamps, IPs, images, paths", map[string]any{"t": "2026-12-05T20:28:25Z", "ip": "10.244.1.5", "img": "nginx:1.14.2", "p": "/dev/termination-log", "u": "6f9c1e4a-0000-4000-8000-000000000001"}, true},
		{"special characters", map[string]any{"a": "a: b", "b": "# c", "c": "-lead", "d": " lead", "e": "trail ", "f": "it's", "g": `q"uote`, "h": "{x}", "i": "[y]", "j": "a,b", "k": "*ref", "l": "&a", "m": "!t", "n": "%p", "o": "@x", "p": "`x", "q": "|", "r": ">", "s": "?"}, true},
		{"unicode and controls", map[string]any{"zh": "简体中文", "ctl": "a\x01b", "tab": "a\tb", "bom": "\ufeffx"}, true},
		{"key order: letters after other characters", map[string]any{"a_b": 1, "aB": 2, "a-b": 3, "a.b": 4, "a/b": 5, "ab": 6, "a": 7, "A": 8, "_": 9, "Z": 10}, true},
		{"nesting", map[string]any{
			"metadata": map[string]any{"name": "web", "labels": map[string]any{"app": "web"}, "annotations": map[string]any{}},
			"spec": map[string]any{"containers": []any{
				map[string]any{"name": "nginx", "image": "nginx", "ports": []any{map[string]any{"containerPort": 80}}, "args": []any{"-c", "x"}, "env": []any{}},
				map[string]any{"name": "side", "resources": map[string]any{}},
			}, "matrix": []any{[]any{"a", "b"}, []any{}, map[string]any{}, nil, []any{[]any{1}}}},
		}, true},
		{"spaces within the width", map[string]any{"msg": "Back-off pulling image nginx:1.91"}, true},
		{"spaces past the width fold", map[string]any{"msg": long}, false},
		{"multi-line text", map[string]any{"cfg": "a\nb\n"}, false},
		{"keys with digits", map[string]any{"a10": 1, "a9": 2}, false},
		{"a long key", map[string]any{strings.Repeat("k", 130): 1}, false},
		{"floats", map[string]any{"f": 1.5}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := yaml.Marshal(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := fastYAML(tc.v)
			if ok != tc.mustUse {
				t.Fatalf("vouched %v, want %v (go-yaml: %q)", ok, tc.mustUse, want)
			}
			if ok && string(got) != string(want) {
				t.Fatalf("wrote\n%s\ngo-yaml writes\n%s", got, want)
			}
		})
	}
}

// The seed Deployment takes the direct path: its YAML is go-yaml's.
func TestFastYAMLTakesTheSeedDeployment(t *testing.T) {
	docs := DecodeDocuments([]byte(seedManifest), ValidationMode(0))
	if len(docs) == 0 || docs[0].Object == nil {
		t.Fatal("no seed object")
	}
	g := yamlReady(objectGeneric(docs[0].Object)).(map[string]any)
	got, ok := fastYAML(g)
	want, _ := yaml.Marshal(g)
	if !ok || string(got) != string(want) {
		t.Fatalf("vouched %v:\n%s\ngo-yaml:\n%s", ok, got, want)
	}
}

// An object as an item of the List kubectl prints is its YAML indented under "- ": the bytes
// printList made by indenting EncodeYAML's.
func TestFastYAMLItemIsTheIndentedObject(t *testing.T) {
	docs := DecodeDocuments([]byte(seedManifest), ValidationMode(0))
	whole, err := EncodeYAML(docs[0].Object)
	if err != nil {
		t.Fatal(err)
	}
	item, ok := EncodeYAMLItem(docs[0].Object)
	if !ok {
		t.Fatal("the seed Deployment was not written directly")
	}
	want := "- " + strings.ReplaceAll(strings.TrimSuffix(string(whole), "\n"), "\n", "\n  ") + "\n"
	if string(item) != want {
		t.Fatalf("item\n%s\nwant\n%s", item, want)
	}
}
