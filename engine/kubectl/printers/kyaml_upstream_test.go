package printers

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"sigs.k8s.io/yaml/kyaml"
)

// kubectl's -o kyaml is sigs.k8s.io/yaml/kyaml's encoder over the object's JSON. It is not in
// the engine (the browser build stays small) but the tests have it: for any keys and string
// values, our document must be byte for byte the one it writes.
func FuzzKYAMLMatchesUpstream(f *testing.F) {
	for _, s := range []string{"", "x", "true", "No", "~", "null", "123", "1_000", "0x1F", "1e3", "nan", ".inf", "1:30",
		"2024-01-02", "2024-1-2 3:4:5", "-a", "a-", "a.b/c_d", "a b", "a:b", "#x", "名前", "a\nb", "a\nb\n", "\n", "\n\n",
		"  lead\nx", "x\n  y", "\tx\ny", "a\"b\\c", "\x00\x01\x1b\x7f", "\u0085\u00a0\u2028\u2029\u200b", "\U0001F600", "\xff\xfe"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, key, val string) {
		js, err := json.Marshal(map[string]any{
			"k": val, "list": []any{val, 1.5, true, nil}, "maps": []any{map[string]any{key: val}, []any{}},
			"nested": map[string]any{"deeper": map[string]any{key: val}}, key: map[string]any{},
		})
		if err != nil {
			t.Skip()
		}
		compareWithUpstream(t, js)
	})
}

func compareWithUpstream(t *testing.T, js []byte) {
	t.Helper()
	var want bytes.Buffer
	if err := (&kyaml.Encoder{}).FromYAML(bytes.NewReader(js), &want); err != nil {
		t.Skipf("upstream refuses %s: %v", js, err)
	}
	var got strings.Builder
	if err := KYAMLDocument(&got, js); err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	if got.String() != want.String() {
		t.Fatalf("for %s\nours:\n%s\nupstream:\n%s", js, got.String(), want.String())
	}
}
