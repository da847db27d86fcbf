package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCheckShippedLessons is `rolloutlab check web/lessons`, run by `make test`: every shipped
// lesson's solutions reach every check on the simulator (issue 9: "each verified by rolloutlab
// check").
func TestCheckShippedLessons(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Main([]string{"check", filepath.Join("..", "web", "lessons")}, &out, &errOut)
	t.Log(out.String())
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, out.String(), errOut.String())
	}
	if strings.Contains(out.String(), "FAIL") || errOut.Len() != 0 {
		t.Errorf("stdout:\n%s\nstderr (warnings: a missing zh):\n%s", out.String(), errOut.String())
	}
}

const tinyLesson = `id: tiny
title: {en: Tiny, zh: 小}
summary: {en: A tiny lesson, zh: 一个小课程}
level: beginner
minutes: 1
start:
  files:
  - name: web.yaml
    content: |
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx:1.25}]}
steps:
- title: Create
  text: {en: Create it, zh: 创建它}
  solution: [kubectl create -f web.yaml]
  check:
  - kubectl: get deploy web -o jsonpath={.status.availableReplicas}
    equals: 2
  - settled: web
- title: Scale
  text: {en: Scale it, zh: 扩容}
  solution: [kubectl scale deploy web --replicas=3]
  check:
  - ran: kubectl scale
  - kubectl: get deploy web -o jsonpath={.status.availableReplicas}
    equals: 3
finish: {en: Done, zh: 完成}
`

func writeLesson(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCheckFailsABrokenLesson: a solution that does not reach its check makes check exit
// non-zero naming the lesson, the step and the failing condition with what the cluster has.
func TestCheckFailsABrokenLesson(t *testing.T) {
	cases := []struct{ name, old, new, want string }{
		{"a wrong solution", "--replicas=3]", "--replicas=4]", "FAIL tiny step 2 (Scale) after 2s: availableReplicas: want 3, now 4"},
		{"a check that cannot hold", "    equals: 3", "    equals: 30", "availableReplicas: want 30, now 3"},
		{"a solution without the command ran wants", "  - ran: kubectl scale", "  - ran: kubectl scale deployment", "run `kubectl scale deployment`, not run yet"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeLesson(t, "tiny.yaml", strings.Replace(tinyLesson, c.old, c.new, 1))
			var out, errOut bytes.Buffer
			code := Main([]string{"check", p}, &out, &errOut)
			if code != 1 || !strings.Contains(out.String(), "PASS tiny step 1 (Create)") || !strings.Contains(out.String(), c.want) {
				t.Errorf("exit %d, stdout:\n%s\nwant exit 1 and %q", code, out.String(), c.want)
			}
		})
	}
	p := writeLesson(t, "tiny.yaml", tinyLesson)
	var out, errOut bytes.Buffer
	if code := Main([]string{"check", p}, &out, &errOut); code != 0 {
		t.Errorf("the unbroken lesson: exit %d\n%s%s", code, out.String(), errOut.String())
	}
}

// TestCheckNamesFileStepAndFieldOfAMalformedLesson: issue 9's malformed files (bad YAML, an
// unknown field, a check with a non-read-only command, a step without text) are refused with
// the file, the step and the field; the other lessons are still checked.
func TestCheckNamesFileStepAndFieldOfAMalformedLesson(t *testing.T) {
	dir := t.TempDir()
	bad := map[string]string{
		"01-yaml.yaml":   strings.Replace(tinyLesson, "minutes: 1", "minutes: [1", 1),
		"02-field.yaml":  strings.Replace(tinyLesson, "- title: Scale", "- title: Scale\n  colour: red", 1),
		"03-write.yaml":  strings.Replace(tinyLesson, "get deploy web -o jsonpath={.status.availableReplicas}\n    equals: 3", "delete deploy web\n    equals: 3", 1),
		"04-notext.yaml": strings.Replace(tinyLesson, "  text: {en: Scale it, zh: 扩容}\n", "", 1),
		"05-good.yaml":   strings.Replace(tinyLesson, "id: tiny", "id: good", 1),
		"06-nozh.yaml":   strings.Replace(strings.Replace(tinyLesson, "id: tiny", "id: nozh", 1), "{en: Scale it, zh: 扩容}", "Scale it", 1),
		"07-dup-id.yaml": strings.Replace(tinyLesson, "id: tiny", "id: good", 1),
		"08-start.yaml":  strings.Replace(strings.Replace(tinyLesson, "id: tiny", "id: badstart", 1), "steps:", "  commands: [kubectl apply -f nope.yaml]\nsteps:", 1),
		"notes.txt":      "not a lesson",
	}
	for name, content := range bad {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	code := Main([]string{"check", dir}, &out, &errOut)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		filepath.Join(dir, "01-yaml.yaml") + ": yaml: line",
		filepath.Join(dir, "02-field.yaml") + ": step 2: colour: unknown field",
		filepath.Join(dir, "03-write.yaml") + `: step 2: check[1].kubectl: "delete deploy web" is not read-only`,
		filepath.Join(dir, "04-notext.yaml") + ": step 2: text: needs an English text (en)",
		"warning: " + filepath.Join(dir, "06-nozh.yaml") + ": step 2: text: no Chinese text (zh)",
		filepath.Join(dir, "07-dup-id.yaml") + `: id: "good" is already the id of`,
		`rolloutlab: badstart: start command "kubectl apply -f nope.yaml" failed: error: the path "nope.yaml" does not exist`,
	} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
		}
	}
	if !strings.Contains(out.String(), "PASS good step 2") || !strings.Contains(out.String(), "PASS nozh step 2") {
		t.Errorf("the good lessons were not checked:\n%s", out.String())
	}
}

// fakeLessonKubectl is a recorded kubectl for `check --cluster` on tinyLesson: the Deployment
// becomes available only on the third look, so the check must poll with real waits.
const fakeLessonKubectl = `#!/bin/bash
dir="$(dirname "$0")"
echo "KUBECONFIG=$KUBECONFIG kubectl $*" >> "$dir/calls.log"
n() { cat "$dir/$1" 2>/dev/null || echo 0; }
case "$*" in
"config view --minify --flatten")
  printf 'apiVersion: v1\nkind: Config\ncurrent-context: fake\n' ;;
"create namespace "*) echo "namespace/$3 created" ;;
"config set-context --current --namespace="*) echo 'Context "fake" modified.' ;;
"create -f web.yaml")
  if [ -f web.yaml ]; then echo 2 > "$dir/replicas"; echo "deployment.apps/web created"; else echo 'error: the path "web.yaml" does not exist' >&2; exit 1; fi ;;
"scale deploy web --replicas=3") echo 3 > "$dir/replicas"; echo 0 > "$dir/looks"; echo "deployment.apps/web scaled" ;;
"get deploy web -o jsonpath={.status.availableReplicas}")
  looks=$(( $(n looks) + 1 )); echo $looks > "$dir/looks"
  if [ "$looks" -ge 3 ]; then printf '%s' "$(n replicas)"; else printf 1; fi ;;
"rollout status deployment/web --watch=false")
  echo 'deployment "web" successfully rolled out' ;;
"delete namespace "*" --wait=false") echo "namespace \"$3\" deleted" ;;
*) echo "fake kubectl: unexpected: $*" >&2; exit 1 ;;
esac
`

// TestCheckOnClusterWithRecordedKubectl: `check --cluster` writes the start files, runs the
// solutions and the checks through the kubectl on PATH in a fresh namespace (created, selected
// in a private kubeconfig, deleted), polling until each check holds.
func TestCheckOnClusterWithRecordedKubectl(t *testing.T) {
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "kubectl"), []byte(fakeLessonKubectl), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("KUBECONFIG", "/nonexistent/kubeconfig")
	defer func(p time.Duration) { clusterPoll = p }(clusterPoll)
	clusterPoll = 10 * time.Millisecond
	p := writeLesson(t, "tiny.yaml", tinyLesson)
	var out, errOut bytes.Buffer
	if code := Main([]string{"check", "--cluster", p}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "PASS tiny step 1 (Create)") || !strings.Contains(out.String(), "PASS tiny step 2 (Scale)") {
		t.Errorf("stdout:\n%s", out.String())
	}
	calls, err := os.ReadFile(filepath.Join(bin, "calls.log"))
	if err != nil {
		t.Fatal(err)
	}
	log := string(calls)
	ns := ""
	for _, line := range strings.Split(log, "\n") {
		if i := strings.Index(line, "kubectl create namespace "); i >= 0 {
			ns = line[i+len("kubectl create namespace "):]
		}
	}
	if !strings.HasPrefix(ns, "rolloutlab-") || !strings.Contains(log, "kubectl delete namespace "+ns+" --wait=false") {
		t.Errorf("namespace %q not created and deleted:\n%s", ns, log)
	}
	// Polling: the availability check ran until the third look, for each step.
	if n := strings.Count(log, "get deploy web -o jsonpath"); n < 6 {
		t.Errorf("%d availability checks, want polling (≥ 6):\n%s", n, log)
	}
	if strings.Contains(log, "KUBECONFIG=/nonexistent/kubeconfig kubectl create -f") {
		t.Errorf("a lesson command ran with the user's kubeconfig, not the namespace's:\n%s", log)
	}
}

// TestDocsExampleLessonPasses: the complete example of docs/lessons.md is a valid lesson that
// passes its own check, so a teacher copying it starts from something that works.
func TestDocsExampleLessonPasses(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "lessons.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```\n")
	if !ok || !ok2 {
		t.Fatal("docs/lessons.md has no ```yaml example")
	}
	p := writeLesson(t, "example.yaml", example)
	var out, errOut bytes.Buffer
	if code := Main([]string{"check", p}, &out, &errOut); code != 0 || errOut.Len() != 0 {
		t.Errorf("exit %d:\n%s%s", code, out.String(), errOut.String())
	}
}

// TestCheckAnEmptyFolderFails: a folder without lessons is a mistake (a wrong path), not a pass.
func TestCheckAnEmptyFolderFails(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := Main([]string{"check", dir}, &out, &errOut); code != 1 || errOut.String() != "rolloutlab: "+dir+": no lesson files (*.yaml)\n" {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	if code := Main([]string{"check"}, &out, &errOut); code != 2 {
		t.Errorf("no argument: exit %d, want 2 (usage)", code)
	}
}
