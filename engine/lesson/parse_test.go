package lesson

import (
	"io/fs"
	"strings"
	"testing"

	"rolloutlab/web"
)

// minimal is a valid lesson; the table below breaks one thing at a time.
const minimal = `id: tiny
title: {en: Tiny, zh: 小}
summary: {en: A tiny lesson, zh: 一个小课程}
level: beginner
minutes: 1
steps:
- text: {en: Create it, zh: 创建它}
  solution: [kubectl create deployment web --image=nginx:1.25]
  check:
  - kubectl: get deploy web -o jsonpath={.spec.replicas}
    equals: 1
finish: {en: Done, zh: 完成}
`

func TestParseAcceptsMinimalLesson(t *testing.T) {
	src := strings.Replace(minimal, "steps:", "start: {images: {'nginx:1.91': missing}, nodesDown: [node-2]}\nsteps:", 1)
	l, warns, err := Parse("tiny.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 0 {
		t.Errorf("warnings on a fully bilingual lesson: %q", warns)
	}
	// equals: 1 (a YAML number) means the text kubectl prints, "1".
	if got := l.Steps[0].Check[0].Equals; got == nil || *got != "1" {
		t.Errorf("equals = %v, want \"1\"", got)
	}
	if l.Title.In("zh") != "小" || l.Title.In("en") != "Tiny" || (Text{EN: "x"}).In("zh") != "x" {
		t.Errorf("Text.In: want zh, en, and English when zh is missing")
	}
	if l.Start.Images["nginx:1.91"] != "missing" || len(l.Start.NodesDown) != 1 {
		t.Errorf("start = %+v", l.Start)
	}
	if len(l.Hash) != 64 {
		t.Errorf("hash %q: want a sha256 in hex", l.Hash)
	}
}

// TestParseErrorsNameFileStepAndField pins the contract's error format: file, 1-based step,
// field path; every product rule of the format has a row.
func TestParseErrorsNameFileStepAndField(t *testing.T) {
	cases := []struct {
		name, old, new, want string
	}{
		{"bad YAML", "level: beginner", "level: [beginner", "tiny.yaml: yaml: line 4:"},
		{"unknown top-level field", "minutes: 1", "minutes: 1\ncolour: red", "tiny.yaml: colour: unknown field"},
		{"unknown step field", "  solution:", "  soluton: [x]\n  solution:", "tiny.yaml: step 1: soluton: unknown field"},
		{"unknown condition field", "    equals: 1", "    equal: 1", "tiny.yaml: step 1: check[0].equal: unknown field"},
		{"check runs a writing command", "get deploy web -o jsonpath={.spec.replicas}", "delete pod x", `tiny.yaml: step 1: check[0].kubectl: "delete pod x" is not read-only (allowed: get, describe, rollout status, rollout history, explain)`},
		{"check watches", "-o jsonpath={.spec.replicas}", "-w", `tiny.yaml: step 1: check[0].kubectl: "get deploy web -w" watches`},
		{"check pipes", "-o jsonpath={.spec.replicas}", "| wc -l", "without pipes"},
		{"rollout restart is not read-only", "get deploy web -o jsonpath={.spec.replicas}", "kubectl rollout restart deploy/web", "is not read-only"},
		{"step without text", "- text: {en: Create it, zh: 创建它}\n", "- title: T\n", "tiny.yaml: step 1: text: needs an English text (en)"},
		{"empty check", "  check:\n  - kubectl: get deploy web -o jsonpath={.spec.replicas}\n    equals: 1\n", "  check: []\n", "tiny.yaml: step 1: check: a step needs a check"},
		{"empty condition", "  - kubectl: get deploy web -o jsonpath={.spec.replicas}\n    equals: 1\n", "  - {}\n", "tiny.yaml: step 1: check[0]: an empty condition"},
		{"kubectl without expectation", "    equals: 1\n", "", "check[0]: kubectl needs what its output must show"},
		{"two kinds in one condition", "    equals: 1\n", "    equals: 1\n    ran: kubectl get\n", "give only one of kubectl, ran and settled"},
		{"invalid regexp", "    equals: 1", "    matches: 'a(b'", "step 1: check[0].matches: invalid regular expression"},
		{"invalid ran regexp", "    equals: 1", "  - ran: /a(b/\n", "step 1: check[1].ran: invalid regular expression"},
		{"atLeast not a number", "    equals: 1", "    atLeast: three", "check[0].atLeast: must be a number"},
		{"bad settled name", "    equals: 1", "    equals: 1\n  - settled: Web_1", `check[1].settled: "Web_1" is not a Deployment name`},
		{"bad id", "id: tiny", "id: Tiny Lesson", `tiny.yaml: id: "Tiny Lesson" must be lowercase words`},
		{"bad level", "level: beginner", "level: expert", `tiny.yaml: level: "expert" must be one of beginner, intermediate, advanced`},
		{"no steps", "steps:", "steps: []\nx:", "tiny.yaml: steps: a lesson needs at least one step"},
		{"zh without en", "finish: {en: Done, zh: 完成}", "finish: {zh: 完成}", "tiny.yaml: finish: needs an English text (en)"},
		{"text of the wrong type", "title: {en: Tiny, zh: 小}", "title: [Tiny]", "tiny.yaml: title: must be a string or a mapping"},
		{"bad image mode", "steps:", "start: {images: {'nginx:1.91': broken}}\nsteps:", `start.images.nginx:1.91: "broken" must be missing or slow`},
		{"images not a mapping", "steps:", "start: {images: [nginx:1.91]}\nsteps:", "tiny.yaml: start.images: must be a mapping, not a list"},
		{"file name with a slash", "steps:", "start: {files: [{name: a/b.yaml, content: x}]}\nsteps:", `start.files[0].name: "a/b.yaml" must be a plain file name`},
		{"edit cannot be replayed", "  solution: [kubectl create deployment web --image=nginx:1.25]", "  solution: [kubectl edit deploy web]", "step 1: solution[0]: kubectl edit needs an editor"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(minimal, c.old, c.new, 1)
			if src == minimal {
				t.Fatalf("the case changes nothing: %q not in the lesson", c.old)
			}
			_, _, err := Parse("tiny.yaml", []byte(src))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}

// TestParseWarnsOnMissingChinese pins the rule: a missing zh falls back to en, with a
// warning naming the place.
func TestParseWarnsOnMissingChinese(t *testing.T) {
	src := strings.Replace(minimal, "text: {en: Create it, zh: 创建它}", "text: Create it", 1)
	_, warns, err := Parse("tiny.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "tiny.yaml: step 1: text: no Chinese text (zh)") {
		t.Errorf("warnings = %q", warns)
	}
}

// TestShippedLessonsParse: the embedded lessons parse, in file-number order, each fully
// bilingual (the issue ships en and zh).
func TestShippedLessonsParse(t *testing.T) {
	ls, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) == 0 || ls[0].ID != "seed" {
		t.Fatalf("shipped lessons: want the seed walk-through first, got %d lessons", len(ls))
	}
	for _, l := range ls {
		if l.Hash == "" {
			t.Errorf("%s: no hash", l.ID)
		}
	}
}

// FuzzParse: any file gives a lesson or an error naming the file; never a panic (the page
// loads teachers' files).
func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	for _, name := range []string{"01-seed.yaml", "03-surge.yaml"} {
		data, err := fs.ReadFile(web.Lessons, "lessons/"+name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("steps: [{check: [{atLeast: 1e400}]}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, _, err := Parse("f.yaml", data)
		if err != nil && !strings.HasPrefix(err.Error(), "f.yaml: ") {
			t.Errorf("error without the file name: %v", err)
		}
		if err == nil && (len(l.Steps) == 0 || l.ID == "") {
			t.Errorf("a lesson without steps or id passed")
		}
	})
}
