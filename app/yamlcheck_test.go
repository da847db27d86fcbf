package app

import (
	"strings"
	"testing"
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
	p, d := mount(t, "/?lang=en")
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
