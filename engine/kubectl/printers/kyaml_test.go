package printers

import (
	"strings"
	"testing"
)

// KYAML's layout and quoting, as sigs.k8s.io/yaml/kyaml (the encoder behind kubectl's
// `-o kyaml`) writes them: each case a JSON value and the KYAML document of it.
func TestKYAMLDocument(t *testing.T) {
	for _, tc := range []struct {
		name, json, want string
	}{
		{"scalars: strings quoted, numbers, booleans and null bare",
			`{"b":true,"fl":0.5,"i":3,"s":"x","z":null}`,
			"{\n  b: true,\n  fl: 0.5,\n  i: 3,\n  s: \"x\",\n  z: null,\n}"},
		{"empty mapping and sequence", `{"a":{},"b":[]}`, "{\n  a: {},\n  b: [],\n}"},
		{"a sequence of scalars: one item a line, at the next level",
			`{"args":["a","b c"]}`, "{\n  args: [\n    \"a\",\n    \"b c\",\n  ],\n}"},
		{"a sequence of mappings is cuddled",
			`{"c":[{"name":"a"},{"name":"b"}]}`,
			"{\n  c: [{\n    name: \"a\",\n  }, {\n    name: \"b\",\n  }],\n}"},
		{"a sequence mixing scalars and mappings is not",
			`[1,{"a":1}]`, "[\n  1,\n  {\n    a: 1,\n  },\n]"},
		{"keys bare when YAML reads them back as the same string",
			`{"_x":3,"app.kubernetes.io/name":1,"pod-template-hash":2,"名":4}`,
			"{\n  _x: 3,\n  app.kubernetes.io/name: 1,\n  pod-template-hash: 2,\n  名: 4,\n}"},
		{"keys quoted: empty, edge punctuation, spaces, colons",
			`{"":1,"-a":2,"a b":4,"a-":3,"a:b":5}`,
			"{\n  \"\": 1,\n  \"-a\": 2,\n  \"a b\": 4,\n  \"a-\": 3,\n  \"a:b\": 5,\n}"},
		{"keys quoted that YAML would read as another type",
			`{".nan":10,"0x1f":6,"123":5,"1:30":9,"1_000":7,"1e3":8,"2024-01-02":11,"No":1,"nan":12,"null":3,"t":2,"true":0,"~":4}`,
			"{\n  \".nan\": 10,\n  \"0x1f\": 6,\n  \"123\": 5,\n  \"1:30\": 9,\n  \"1_000\": 7,\n  \"1e3\": 8,\n  \"2024-01-02\": 11,\n  \"No\": 1,\n  \"nan\": 12,\n  \"null\": 3,\n  \"t\": 2,\n  \"true\": 0,\n  \"~\": 4,\n}"},
		{"escapes: quotes, backslashes, control and non-printing runes; a value's tab stays, a key's is escaped",
			`{"s":"a\"b\\c\td\u0001\u00a0\u200b","t\tu":1}`,
			"{\n  s: \"a\\\"b\\\\c\td\\x01\\_\\u200b\",\n  \"t\\tu\": 1,\n}"},
		{"a multi-line value is folded: one line each, a level deeper plus a space",
			`{"m":{"k":"one\ntwo\n"}}`,
			"{\n  m: {\n    k: \"\\\n       one\\n\\\n       two\\n\\\n      \",\n  },\n}"},
		{"a folded line starting with white space keeps it behind a backslash; no final break",
			`{"k":"a\n  b"}`,
			"{\n  k: \"\\\n     a\\n\\\n    \\  b\\\n    \",\n}"},
		{"a multi-line key is not folded", `{"a\nb":1}`, "{\n  \"a\\nb\": 1,\n}"},
		{"invalid UTF-8 (a JSON string cannot hold it) stays out", `{"k":"\ufffd"}`, "{\n  k: \"\ufffd\",\n}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := KYAMLDocument(&b, []byte(tc.json)); err != nil {
				t.Fatal(err)
			}
			if want := "---\n" + tc.want + "\n"; b.String() != want {
				t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
			}
		})
	}
}

// Bad JSON is an error, not a panic.
func TestKYAMLDocumentRefusesBadJSON(t *testing.T) {
	for _, js := range []string{"", "{", `{"a":}`, "[1,", `{"a" 1}`} {
		var b strings.Builder
		if err := KYAMLDocument(&b, []byte(js)); err == nil {
			t.Errorf("%q: no error, wrote %q", js, b.String())
		}
	}
}
