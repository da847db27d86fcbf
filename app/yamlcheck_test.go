package app

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

func TestSeedIsValid(t *testing.T) {
	if pr := checkYAML(seedYAML); len(pr) != 0 {
		t.Fatalf("the seed has problems: %+v", pr)
	}
}

// TestProblemLines: each kind of error is shown at the line of the field it names.
func TestProblemLines(t *testing.T) {
	cases := []struct {
		name, from, to string
		line           int
		msg            string
	}{
		{"negative replicas", "replicas: 2", "replicas: -1", 9, "spec.replicas: Invalid value: -1"},
		{"replicas of the wrong type", "replicas: 2", "replicas: two", 9, "cannot unmarshal string"},
		{"unknown field", "image: nginx:1.8", "imagee: nginx:1.8", 17, `unknown field "spec.template.spec.containers[0].imagee"`},
		{"empty image", "image: nginx:1.8", `image: ""`, 17, "spec.template.spec.containers[0].image: Required value"},
		{"bad port", "containerPort: 80", "containerPort: 99999", 19, "containerPort: Invalid value: 99999"},
		{"bad name", "name: nginx-deployment-controller", "name: Nginx_bad", 4, "metadata.name"},
		{"bad container name", "- name: nginx", "- name: NGINX", 16, "containers[0].name"},
		{"labels do not match", "        app: nginx\n    spec", "        app: other\n    spec", 12, "spec.template.metadata.labels"},
		{"missing selector: shown at its parent", "  selector:\n    matchLabels:\n      app: nginx\n", "", 5, "spec.selector: Required value"},
		{"bad indentation", "  replicas: 2", " replicas: 2", 9, "did not find expected key"},
		{"tab", "  replicas: 2", "\treplicas: 2", 9, "tab"},
		{"unknown kind", "kind: Deployment", "kind: Deploymen", 2, `no matches for kind "Deploymen"`},
		{"old apiVersion", "apiVersion: apps/v1", "apiVersion: apps/v1beta1", 1, `in version "apps/v1beta1"`},
		{"no apiVersion", "apiVersion: apps/v1\n", "", 1, "apiVersion not set"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(seedYAML, c.from, c.to, 1)
			if text == seedYAML {
				t.Fatal("the case changes nothing")
			}
			pr := checkYAML(text)
			if len(pr) == 0 {
				t.Fatal("no problem found")
			}
			for _, x := range pr {
				if x.Line == c.line && strings.Contains(x.Msg, c.msg) {
					return
				}
			}
			t.Fatalf("want %q at line %d, got %+v", c.msg, c.line, pr)
		})
	}
}

func TestProblemLinesInLaterDocuments(t *testing.T) {
	text := seedYAML + "---\n" + strings.Replace(seedYAML, "replicas: 2", "replicas: -3", 1)
	pr := checkYAML(text)
	if len(pr) != 1 || pr[0].Line != 20+9 {
		t.Fatalf("want one problem at line 29, got %+v", pr)
	}
	text = seedYAML + "---\n" + strings.Replace(seedYAML, "  replicas: 2", " replicas: 2", 1)
	pr = checkYAML(text)
	if len(pr) != 1 || pr[0].Line != 29 {
		t.Fatalf("syntax error in the second document: want line 29, got %+v", pr)
	}
}

func TestLineIndex(t *testing.T) {
	idx := indexYAML(strings.Split(seedYAML, "\n"), 1)
	for path, want := range map[string]int{
		"apiVersion":                                              1,
		"metadata.name":                                           4,
		"spec.selector.matchLabels[app]":                          8,
		"spec.replicas":                                           9,
		"spec.template.metadata.labels":                           12,
		"spec.template.spec.containers[0]":                        16,
		"spec.template.spec.containers[0].name":                   16,
		"spec.template.spec.containers[0].image":                  17,
		"spec.template.spec.containers.image":                     17, // type errors name no index
		"spec.template.spec.containers[0].ports[0]":               19,
		"spec.template.spec.containers[0].ports[0].containerPort": 19,
		"spec.strategy.rollingUpdate.maxSurge":                    5, // missing: its deepest parent
		"spec.template.spec.containers[3].image":                  15,
		"status":                                                  0,
	} {
		if got := idx.lineOf(path); got != want {
			t.Errorf("%s: line %d, want %d", path, got, want)
		}
	}
}

func TestLineIndexAfterNestedLists(t *testing.T) {
	text := `spec:
  template:
    spec:
      containers:
      - name: a
        ports:
        - containerPort: 80
        - containerPort: 81
        env:
        - name: X
          value: "1"
      - name: b
        image: busybox
        command: |
          echo hello
          image: not-a-key
      restartPolicy: Always
`
	idx := indexYAML(strings.Split(text, "\n"), 1)
	for path, want := range map[string]int{
		"spec.template.spec.containers[0].ports[1].containerPort": 8,
		"spec.template.spec.containers[0].env[0].value":           11,
		"spec.template.spec.containers[1].image":                  13,
		"spec.template.spec.containers[1].command":                14,
		"spec.template.spec.restartPolicy":                        17,
	} {
		if got := idx.lineOf(path); got != want {
			t.Errorf("%s: line %d, want %d", path, got, want)
		}
	}
}

func TestIndentKeys(t *testing.T) {
	// Tab at a caret inserts two spaces.
	ed := indentEdit("ab", 1, 1, false)
	if ed.Start != 1 || ed.End != 1 || ed.Insert != "  " || ed.SelStart != 3 {
		t.Fatalf("tab: %+v", ed)
	}
	// Tab over two lines indents both and keeps them selected.
	text := "a: 1\nb: 2\nc: 3"
	ed = indentEdit(text, 0, 7, false)
	if got := text[:ed.Start] + ed.Insert + text[ed.End:]; got != "  a: 1\n  b: 2\nc: 3" {
		t.Fatalf("block indent: %q", got)
	}
	if ed.SelStart != 2 || ed.SelEnd != 11 {
		t.Fatalf("block indent selection: %+v", ed)
	}
	// Shift+Tab removes up to two spaces from the caret's line.
	text = "a:\n    b: 1\n"
	ed = indentEdit(text, 8, 8, true)
	if got := text[:ed.Start] + ed.Insert + text[ed.End:]; got != "a:\n  b: 1\n" {
		t.Fatalf("dedent: %q", got)
	}
	if ed.SelStart != 6 {
		t.Fatalf("dedent caret: %+v", ed)
	}
	// Offsets count UTF-16 units, as the DOM does: "é" is one unit, "😀" two.
	text = "😀:\n  é: 1"
	ed = indentEdit(text, 5, 5, true)
	u := utf16Units(text)
	if got := fromUnits(u[:ed.Start]) + ed.Insert + fromUnits(u[ed.End:]); got != "😀:\né: 1" {
		t.Fatalf("dedent after a surrogate pair: %q (%+v)", got, ed)
	}
}

func TestEnterKeepsIndentation(t *testing.T) {
	cases := []struct {
		text string
		want string
	}{
		{"    name: x", "\n    "},
		{"spec:", "\n  "},
		{"      - name: nginx", "\n        "},
		{"      containers:", "\n        "},
		{"", "\n"},
	}
	for _, c := range cases {
		n := len(utf16Units(c.text))
		ed := newlineEdit(c.text, n, n)
		if ed.Insert != c.want || ed.SelStart != n+len(c.want) {
			t.Errorf("%q: insert %q caret %d, want %q", c.text, ed.Insert, ed.SelStart, c.want)
		}
	}
}

// TestEditorShowsProblems renders the editor with an error: the gutter marks the line and
// the list names it.
func TestEditorShowsProblems(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	p.editorDoc = strings.Replace(seedYAML, "replicas: 2", "replicas: -1", 1)
	p.editorRev++
	html := squash(render(p, d))
	// go-app writes a "true" attribute value as a bare attribute in HTML.
	if strings.Contains(html, `aria-invalid="false"`) || !strings.Contains(html, `aria-invalid`) {
		t.Error("the textarea is not marked invalid")
	}
	if !strings.Contains(html, ">Line 9:<") || !strings.Contains(html, "spec.replicas: Invalid value: -1") {
		t.Errorf("the problem list does not show line 9:\n%s", html)
	}
	if !strings.Contains(html, `data-err="1"`) {
		t.Error("the gutter marks no line")
	}
}

// TestLiveCheckBudget: the check as you type stops at a budget (issue 11: a share link whose
// editor held two million newlines froze the page) and says so, with the line count the gutter
// shows; within the budget it reports the apiserver's problems at their lines.
func TestLiveCheckBudget(t *testing.T) {
	typo := strings.Replace(seedYAML, "  replicas: 2", "  replica: 2", 1)
	cases := []struct {
		name     string
		text     string
		lines    int
		tooLarge bool
		bad      []int
	}{
		{"empty", "", 1, false, nil},
		{"final newline opens no line", "a: 1\n", 1, false, []int{1}},
		{"the seed", seedYAML, 19, false, nil},
		{"unknown field at its line", typo, 19, false, []int{9}},
		{"at the line budget", strings.Repeat("# c\n", maxCheckedLines), maxCheckedLines, false, nil},
		{"over the line budget", strings.Repeat("# c\n", maxCheckedLines+1), maxCheckedLines + 1, true, nil},
		{"over the byte budget on one line", "# " + strings.Repeat("x", maxCheckedBytes), 1, true, nil},
		{"200k newlines", strings.Repeat("\n", 200_000), 200_000, true, nil},
		{"2M newlines", strings.Repeat("\n", 2_000_000), 2_000_000, true, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := liveCheck(c.text)
			if r.Lines != c.lines || r.TooLarge != c.tooLarge || !slices.Equal(r.Bad, c.bad) {
				t.Fatalf("lines %d, too large %v, bad %v; want %d, %v, %v (problems %+v)",
					r.Lines, r.TooLarge, r.Bad, c.lines, c.tooLarge, c.bad, r.Problems)
			}
			if c.tooLarge && r.Problems != nil {
				t.Fatalf("a text over the budget was checked: %+v", r.Problems)
			}
		})
	}
}

// TestGutterIsBounded: the line numbers are a few text nodes, whatever the length, with one
// marked span per line with a problem, and stop at maxGutterLines.
func TestGutterIsBounded(t *testing.T) {
	numbers := func(from, to int) string {
		var s []string
		for i := from; i <= to; i++ {
			s = append(s, strconv.Itoa(i))
		}
		return strings.Join(s, "\n")
	}
	cases := []struct {
		name  string
		lines int
		bad   []int
		nodes int
		text  string
	}{
		{"one line", 1, nil, 1, "1"},
		{"problems inside", 5, []int{2, 4}, 5, "1\n<2>\n3\n<4>\n5"},
		{"problem on the first and last lines", 3, []int{1, 3}, 3, "<1>\n2\n<3>"},
		{"a problem past the end is not drawn", 2, []int{7}, 1, "1\n2"},
		{"47 lines", 47, nil, 1, numbers(1, 47)},
		{"2M lines stop at the cap", 2_000_000, []int{3}, 3, numbers(1, 2) + "\n<3>\n" + numbers(4, maxGutterLines) + "\n…"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			nodes := gutterNodes(c.lines, c.bad, "bad")
			var b strings.Builder
			for _, n := range nodes {
				h := app.HTMLString(n)
				if strings.HasPrefix(h, "<span") {
					if !strings.Contains(h, `data-err="1"`) {
						t.Fatalf("an unmarked span: %s", h)
					}
					h = "<" + h[strings.Index(h, ">")+1:strings.LastIndex(h, "<")] + ">"
				}
				b.WriteString(h)
			}
			if len(nodes) != c.nodes || b.String() != c.text {
				t.Fatalf("%d nodes, text %.200q; want %d, %.200q", len(nodes), b.String(), c.nodes, c.text)
			}
		})
	}
}

func BenchmarkLiveCheck(b *testing.B) {
	for _, n := range []int{200_000, 2_000_000} {
		text := strings.Repeat("\n", n)
		b.Run(strconv.Itoa(n)+"-newlines", func(b *testing.B) {
			for b.Loop() {
				r := liveCheck(text)
				gutterNodes(r.Lines, r.Bad, "")
			}
		})
	}
}

// TestEditorPreview: a text over the budget is shown as its first whole lines, within the line
// and byte budgets (Chromium's textarea needs seconds per change at 200,000 lines); a text
// within it is shown as it is.
func TestEditorPreview(t *testing.T) {
	long := strings.Repeat("x", 1000) + "\n"
	cases := []struct {
		name      string
		text      string
		lines     int
		truncated bool
	}{
		{"the seed", seedYAML, 19, false},
		{"at the line budget", strings.Repeat("a\n", maxCheckedLines), maxCheckedLines, false},
		{"2M newlines", strings.Repeat("\n", 2_000_000), maxCheckedLines, true},
		{"long lines over the byte budget", strings.Repeat(long, 300), maxCheckedBytes / len(long), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, truncated := editorPreview(c.text)
			if truncated != c.truncated || editorLines(got) != c.lines || len(got) > maxCheckedBytes ||
				!strings.HasPrefix(c.text, got) || (truncated && !strings.HasSuffix(got, "\n")) {
				t.Fatalf("truncated %v, %d lines, %d bytes; want %v, %d lines", truncated, editorLines(got), len(got), c.truncated, c.lines)
			}
		})
	}
}

// The editor and `kubectl apply -f` report the same problems: both go through
// engine.CheckManifest's decoding and the API server's admission (issue 14: the editor's check
// calls the apiserver's code instead of repeating it). For each bad manifest, apply on a fresh
// cluster fails, every problem the editor shows is in apply's message, and apply's message
// names no problem the editor left out.
func TestEditorAndApplyAgree(t *testing.T) {
	edit := func(pairs ...string) string {
		text := seedYAML
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(text, pairs[i]) {
				t.Fatalf("the seed has no %q", pairs[i])
			}
			text = strings.Replace(text, pairs[i], pairs[i+1], 1)
		}
		return text
	}
	const service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: Web\nspec:\n  ports:\n  - port: 99999\n    protocol: ICMP\n"
	cases := []struct{ name, text string }{
		{"negative replicas", edit("replicas: 2", "replicas: -1")},
		{"two validation errors", edit("replicas: 2", "replicas: -1", "image: nginx:1.8", `image: ""`)},
		{"replicas of the wrong type", edit("replicas: 2", "replicas: two")},
		{"two unknown fields", edit("image: nginx:1.8", "imagee: nginx:1.8\n        foo: 1")},
		{"bad name", edit("name: nginx-deployment-controller", "name: Nginx_bad")},
		{"labels do not match", edit("        app: nginx\n    spec", "        app: other\n    spec")},
		{"bad indentation", edit("  replicas: 2", " replicas: 2")},
		{"unknown kind", edit("kind: Deployment", "kind: Deploymen")},
		{"old apiVersion", edit("apiVersion: apps/v1", "apiVersion: apps/v1beta1")},
		{"no apiVersion nor kind", edit("apiVersion: apps/v1\nkind: Deployment\n", "")},
		{"a Service with a bad name, port and protocol", service},
		{"a Pod without containers", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n"},
		{"JSON with a negative replicas", `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"j"},"spec":{"replicas":-2,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}`},
	}
	// What apply's message says for each kind of problem.
	problemWords := []string{"Invalid value", "Required value", "Unsupported value", "Forbidden", "Duplicate value", "unknown field", "not set", "cannot unmarshal", "no matches", "yaml:"}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			problems := checkYAML(c.text)
			if len(problems) == 0 {
				t.Fatal("the editor finds no problem")
			}
			s := engine.NewSession(engine.Options{Seed: 1})
			s.WriteFile("manifest", c.text) // no .yaml: the file name is not taken for a "yaml:" problem
			x := s.Exec("kubectl apply -f manifest")
			// The editor shows a syntax error on its line rather than as go-yaml's "line N: ".
			rest := regexp.MustCompile(`yaml: line \d+: `).ReplaceAllString(x.Stderr(), "yaml: ")
			if x.ExitCode() == 0 {
				t.Fatalf("apply succeeded: %s", x.Stdout())
			}
			for _, pr := range problems {
				if !strings.Contains(rest, pr.Msg) {
					t.Errorf("the editor's %q is not in apply's %q", pr.Msg, x.Stderr())
				}
				rest = strings.Replace(rest, pr.Msg, "", 1)
			}
			for _, w := range problemWords {
				if strings.Contains(rest, w) {
					t.Errorf("apply names a problem (%q) the editor does not: %q, editor %+v", w, x.Stderr(), problems)
				}
			}
		})
	}
}
