package app

import (
	"go/ast"
	"go/token"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var verbRe = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*[0-9.]*[a-zA-Z]`)

// TestMessagesComplete: every key has an English and a Chinese text with the same verbs.
func TestMessagesComplete(t *testing.T) {
	for key, m := range messages {
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("%s: missing a language: %q", key, m)
			continue
		}
		en, zh := verbRe.FindAllString(m[0], -1), verbRe.FindAllString(m[1], -1)
		sort.Strings(en)
		sort.Strings(zh)
		if strings.Join(en, " ") != strings.Join(zh, " ") {
			t.Errorf("%s: verbs differ: en %q, zh %q", key, en, zh)
		}
	}
}

// TestMessagesUsed: every key the code names exists (string literals passed to tr and trf,
// and the note keys stored in terminal entries), and keys built from a prefix exist for every
// value the code can produce.
func TestMessagesUsed(t *testing.T) {
	fset, files := appSources(t)
	used := map[string]string{}
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				id, ok := x.Fun.(*ast.Ident)
				if !ok || (id.Name != "tr" && id.Name != "trf" && id.Name != "trn") || len(x.Args) < 2 {
					return true
				}
				if lit, ok := x.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					k, _ := strconv.Unquote(lit.Value)
					used[k] = fset.Position(lit.Pos()).String()
				}
			case *ast.BasicLit:
				if x.Kind != token.STRING {
					return true
				}
				k, _ := strconv.Unquote(x.Value)
				if strings.HasPrefix(k, "term.note.") || (strings.HasPrefix(k, "time.") && !strings.Contains(k, " ")) {
					used[k] = fset.Position(x.Pos()).String()
				}
			}
			return true
		})
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys in the code: the scan is broken", len(used))
	}
	for k, where := range used {
		if _, ok := messages[k]; !ok {
			t.Errorf("%s: key %q has no message", where, k)
		}
	}
	for _, st := range []string{"complete", "stalled", "paused", "progressing"} {
		if _, ok := messages["tree.state."+st]; !ok {
			t.Errorf("tree.state.%s is missing", st)
		}
	}
	for _, m := range []string{"missing", "slow"} {
		if _, ok := messages["faults.mode."+m]; !ok {
			t.Errorf("faults.mode.%s is missing", m)
		}
	}
}

// TestRenderedInBothLanguages: the whole page renders in Chinese with no English control
// names left, and switching language changes no cluster state.
func TestRenderedInBothLanguages(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	applySeed(t, p, d)
	en := render(p, d)
	for _, want := range []string{`aria-label="Deployment YAML"`, `aria-label="kubectl command"`, `role="log"`,
		`aria-label="Terminal"`, `aria-label="Cluster time"`, `aria-label="Cluster objects"`, ">Step<", ">Undo<", ">Redo<"} {
		if !strings.Contains(squash(en), want) {
			t.Errorf("English page lacks %s", want)
		}
	}
	before := p.view.Version
	do(d, actLang, langZH)
	zh := squash(render(p, d))
	if p.view.Version != before {
		t.Error("switching language changed the cluster")
	}
	for _, gone := range []string{">Step<", ">Undo<", ">Redo<", ">Apply<", ">Pause<", ">Play<", "Cluster objects", ">Events<"} {
		if strings.Contains(zh, gone) {
			t.Errorf("the Chinese page still shows %s", gone)
		}
	}
	for _, want := range []string{">单步<", ">撤销<", "集群对象", "集群时间", `lang="zh-CN"`} {
		if !strings.Contains(zh, want) {
			t.Errorf("the Chinese page lacks %s", want)
		}
	}
	// Tree item names keep kind and name first in Chinese too.
	if !regexp.MustCompile(`aria-label="ReplicaSet nginx-deployment-controller-[0-9a-z]+ — 修订版本 1`).MatchString(zh) {
		t.Error("Chinese ReplicaSet item name does not start with kind and name")
	}
}

// squash removes the indentation go-app puts around text nodes.
func squash(html string) string {
	return regexp.MustCompile(`>\s+`).ReplaceAllString(regexp.MustCompile(`\s+<`).ReplaceAllString(html, "<"), ">")
}

// TestPlurals: counts of one are singular in English ("1 pod", not "1 pods").
func TestPlurals(t *testing.T) {
	cases := []struct {
		lang, key string
		n         int
		args      []any
		want      string
	}{
		{langEN, "tree.summary.head", 1, []any{1}, "1 pod"},
		{langEN, "tree.summary.head", 2, []any{2}, "2 pods"},
		{langEN, "tree.summary", 1, []any{1, "1 Running"}, "1 pod: 1 Running"},
		{langEN, "faults.nodePods", 1, []any{1}, "1 pod"},
		{langEN, "faults.nodePods", 0, []any{0}, "0 pods"},
		{langEN, "events.warnings", 1, []any{1}, "1 warning"},
		{langEN, "tree.tooMany", 1, []any{1}, "1 more ReplicaSet is not shown."},
		{langEN, "tree.tooMany", 3, []any{3}, "3 more ReplicaSets are not shown."},
		{langEN, "rev.preview.keep", 1, []any{"web-1", 2, "nginx:1.8", int32(1)}, "ReplicaSet web-1 (revision 2, nginx:1.8) becomes the new ReplicaSet and keeps its 1 replica."},
		{langZH, "tree.summary.head", 1, []any{1}, "1 个 Pod"},
		{langEN, "term.stderr", 1, nil, "error output:"}, // no singular form: the key as it is
	}
	for _, c := range cases {
		if got := trn(c.lang, c.key, c.n, c.args...); got != c.want {
			t.Errorf("%s %s n=%d: %q, want %q", c.lang, c.key, c.n, got, c.want)
		}
	}
}
