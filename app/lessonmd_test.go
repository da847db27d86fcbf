package app

import (
	"reflect"
	"testing"
)

// TestParseMarkdown pins issue 9's Markdown subset for a step's text: paragraphs, emphasis,
// strong, lists, inline and block code, links; HTML in the text stays text.
func TestParseMarkdown(t *testing.T) {
	txt := func(s string) mdSpan { return mdSpan{Kind: "text", Text: s} }
	tests := []struct {
		name string
		in   string
		want []mdBlock
	}{
		{"paragraphs joined and split by blank lines", "one\ntwo\n\nthree",
			[]mdBlock{{Kind: "p", Items: [][]mdSpan{{txt("one two")}}}, {Kind: "p", Items: [][]mdSpan{{txt("three")}}}}},
		{"inline spans", "run `kubectl get rs` *now*, **really** _soon_",
			[]mdBlock{{Kind: "p", Items: [][]mdSpan{{txt("run "), {Kind: "code", Text: "kubectl get rs"}, txt(" "),
				{Kind: "em", Text: "now"}, txt(", "), {Kind: "strong", Text: "really"}, txt(" "), {Kind: "em", Text: "soon"}}}}}},
		{"a link", "see [the docs](https://kubernetes.io/x) here",
			[]mdBlock{{Kind: "p", Items: [][]mdSpan{{txt("see "), {Kind: "link", Text: "the docs", Href: "https://kubernetes.io/x"}, txt(" here")}}}}},
		{"lists, with a continued item", "- a\n  more\n- b\n1. c\n2. d",
			[]mdBlock{{Kind: "ul", Items: [][]mdSpan{{txt("a more")}, {txt("b")}}}, {Kind: "ol", Items: [][]mdSpan{{txt("c")}, {txt("d")}}}}},
		{"a code block keeps its lines", "text\n```\n$ kubectl get pods\n  NAME\n```\nafter",
			[]mdBlock{{Kind: "p", Items: [][]mdSpan{{txt("text")}}}, {Kind: "pre", Code: "$ kubectl get pods\n  NAME"}, {Kind: "p", Items: [][]mdSpan{{txt("after")}}}}},
		{"unclosed markers are text", "a `b and *c and [d](e",
			[]mdBlock{{Kind: "p", Items: [][]mdSpan{{txt("a `b and *c and [d](e")}}}}},
		{"HTML is text", "<img src=x onerror=alert(1)>",
			[]mdBlock{{Kind: "p", Items: [][]mdSpan{{txt("<img src=x onerror=alert(1)>")}}}}},
		{"multiplication is not emphasis", "2 * 3 * 4",
			[]mdBlock{{Kind: "p", Items: [][]mdSpan{{txt("2 * 3 * 4")}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseMarkdown(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseMarkdown(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

// TestSafeHref: a lesson file may come from anyone; only web and relative links become links.
func TestSafeHref(t *testing.T) {
	for in, want := range map[string]string{
		"https://kubernetes.io/docs/": "https://kubernetes.io/docs/",
		"HTTP://example.com":          "HTTP://example.com",
		"docs/lessons.md":             "docs/lessons.md",
		"?lesson=seed":                "?lesson=seed",
		"javascript:alert(1)":         "",
		" JavaScript:alert(1)":        "",
		"data:text/html,x":            "",
	} {
		if got := safeHref(in); got != want {
			t.Errorf("safeHref(%q) = %q, want %q", in, got, want)
		}
	}
}
