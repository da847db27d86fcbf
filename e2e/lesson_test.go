//go:build !js

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rolloutlab/cli"
	"rolloutlab/engine/lesson"
)

// lessonNames are the accessible names of the lesson UI in each language: the browser contract
// is that tests find the page's elements by role and accessible name, as a screen reader does
// (the lesson picker is the list "Lessons", the prompt the textbox "kubectl command").
type lessonNames struct {
	lang, region, check, passed, hint, solution, showIt, next, finished, submit, learner, prompt, goal string
}

var (
	namesEN = lessonNames{"en", "Lesson", "Step check", "Passed.", "Hint", "Show solution", "Show it", "Next step", "Lesson complete", "Submit", "Your name", "kubectl command", "Goal"}
	namesZH = lessonNames{"zh", "课程", "步骤检查", "已通过。", "提示", "显示答案", "显示", "下一步", "课程完成", "提交", "你的名字", "kubectl 命令", "目标"}
)

// TestLessons walks the shipped seed lesson through the page as a learner: the picker (list
// "Lessons") opens it, every step's commands are typed at the prompt, each check passes (and is
// announced in the polite live region), Next step leads to the finish; a hint and the solution
// (after its confirm, run with its button); progress and the step survive a reload; the exported
// submission is scored complete by `rolloutlab grade`, and a hand-edited one is scored as it
// replays. Then the whole lesson again in Chinese. One browser, one site.
func TestLessons(t *testing.T) {
	b := newBrowser(t)
	srv := serveSite(t, buildSite(t), "")
	shipped, err := lesson.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	seed := shipped[0]
	start := time.Now()
	logf := func(format string, args ...any) {
		t.Logf("%6.1fs  %s", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}

	// The front door: the picker, with free play one click away.
	b.openAs(t, srv.URL+"?lang=en")
	b.waitFor(t, `the list "Lessons"`, `__rl.find("list", "Lessons").length === 1`, `JSON.stringify(__rl.find("list").map(__rl.name))`, 10*time.Second)
	if n := len(mustEval[[]string](t, b, fmt.Sprintf(`__rl.find("link", %s).map(__rl.name)`, jsString(seed.Title.EN)))); n != 1 {
		t.Fatalf("no link named by the seed lesson's title\n%s", b.describe("link"))
	}
	if n := len(mustEval[[]string](t, b, `__rl.find("link", "Free play").map(__rl.name)`)); n != 1 {
		t.Fatalf("no Free play link\n%s", b.describe("link"))
	}
	b.screenshot(t, "lesson-01-picker")

	// A malformed lesson file dropped on the picker: the error names the file, the step and the
	// field, and the page goes on.
	badLesson := "id: broken\ntitle: Broken\nsummary: x\nlevel: beginner\nminutes: 1\nsteps:\n- title: One\n  text: Go.\n  check:\n  - kubectl: delete pod x\n    equals: \"1\"\nfinish: done\n"
	mustEval[bool](t, b, fmt.Sprintf(`(() => { const dt = new DataTransfer(); dt.items.add(new File([%s], "broken.yaml"));
		document.querySelector("main.picker").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true})); return true; })()`, jsString(badLesson)))
	b.waitFor(t, "the malformed file's error", `__rl.find("alert").some((a) => /broken\.yaml: step 1: check\[0\]\.kubectl/.test(__rl.text(a)))`,
		`JSON.stringify(__rl.find("alert").map(__rl.text))`, 10*time.Second)
	b.screenshot(t, "lesson-01-bad-file")
	b.click(t, "link", seed.Title.EN)

	en := namesEN
	half := 5 // steps done before the reload
	walkLesson(t, b, en, seed, 0, half, logf, true)
	logf("reload in the middle of step %d", half+1)
	url := mustEval[string](t, b, `location.href`)
	b.openAs(t, url)
	b.waitFor(t, "the same step after the reload", fmt.Sprintf(`__rl.find("region", %s).some((r) => r.querySelector("h2").textContent === %s)`,
		jsString(en.region), jsString(seed.Steps[half].Title.EN)), `__rl.text(__rl.one("region", "Lesson"))`, 20*time.Second)
	walkLesson(t, b, en, seed, half, len(seed.Steps), logf, false)
	b.waitFor(t, "the finish screen", fmt.Sprintf(`__rl.one("region", %s).querySelector("h2").textContent === %s`, jsString(en.region), jsString(en.finished)),
		`__rl.text(__rl.one("region", "Lesson"))`, 10*time.Second)
	b.screenshot(t, "lesson-03-finish")

	logf("submit and grade")
	sub := submitLesson(t, b, en, "Ada Lovelace")
	dir := t.TempDir()
	good := filepath.Join(dir, "ada.json")
	if err := os.WriteFile(good, sub, 0o644); err != nil {
		t.Fatal(err)
	}
	g := gradeFile(t, good)
	if g.Rejected != "" || g.Passed != len(seed.Steps) || g.FirstFailing != 0 || g.Learner != "Ada Lovelace" {
		t.Fatalf("the page's submission graded %+v, want complete", g)
	}
	// Edited by hand: the rollback is replaced by a harmless command. The grade replays what the
	// file now says: the rollback steps fail (or the file is rejected).
	undo := seed.Steps[len(seed.Steps)-2].Solution[0]
	edited := bytes.Replace(sub, []byte(undo), []byte("kubectl get pods"), 1)
	if bytes.Equal(edited, sub) {
		t.Fatalf("the submission does not hold %q", undo)
	}
	bad := filepath.Join(dir, "eve.json")
	if err := os.WriteFile(bad, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if g := gradeFile(t, bad); g.Rejected == "" && g.Passed == len(seed.Steps) {
		t.Fatalf("the edited submission graded complete: %+v", g)
	} else {
		logf("edited submission: passed %d of %d, first failing %d, rejected %q", g.Passed, g.Steps, g.FirstFailing, g.Rejected)
	}

	// The picker shows the progress of the finished lesson.
	b.openAs(t, srv.URL+"?lang=en")
	b.waitFor(t, "the lesson's progress on its card", `/Completed/.test(__rl.text(__rl.one("list", "Lessons")))`, `__rl.text(__rl.one("list", "Lessons"))`, 10*time.Second)

	logf("the lesson again, in Chinese")
	mustEval[bool](t, b, `(localStorage.clear(), true)`)
	b.openAs(t, srv.URL+"?lang=zh&lesson=seed")
	walkLesson(t, b, namesZH, seed, 0, len(seed.Steps), logf, false)
	b.waitFor(t, "the finish screen in Chinese", fmt.Sprintf(`__rl.one("region", %s).querySelector("h2").textContent === %s`, jsString(namesZH.region), jsString(namesZH.finished)),
		`__rl.text(__rl.one("region", "课程"))`, 10*time.Second)
	b.screenshot(t, "lesson-04-finish-zh")
}

// walkLesson does steps [from, to) of l: types each step's solution at the prompt, waits for
// the check to pass and the pass to be announced, and clicks Next step. With help, the first
// step that has hints is solved through a hint and Show solution's run buttons instead.
func walkLesson(t *testing.T, b *browser, n lessonNames, l *lesson.Lesson, from, to int, logf func(string, ...any), help bool) {
	t.Helper()
	region := fmt.Sprintf(`__rl.one("region", %s)`, jsString(n.region))
	for i := from; i < to; i++ {
		st := l.Steps[i]
		title := st.Title.In(n.lang)
		b.waitFor(t, fmt.Sprintf("step %d (%s)", i+1, title), fmt.Sprintf(`!!%s && %s.querySelector("h2").textContent === %s`, region, region, jsString(title)),
			fmt.Sprintf(`%s ? __rl.text(%s) : "no region"`, region, region), 20*time.Second)
		if ok := mustEval[bool](t, b, fmt.Sprintf(`__rl.text(__rl.one("status", %s)).includes(%s)`, jsString(n.check), jsString(n.passed))); ok && len(st.Check) > 0 {
			t.Fatalf("step %d passes before the learner did anything", i+1)
		}
		if st.Goal != nil {
			// The goal's ghost tree beside the live tree names what still differs.
			b.waitFor(t, "the goal view", fmt.Sprintf(`!!__rl.one("region", %s) && __rl.one("region", %s).querySelectorAll(".goal-diffs li").length > 0`, jsString(n.goal), jsString(n.goal)),
				`JSON.stringify(__rl.find("region").map(__rl.name))`, 10*time.Second)
		}
		if help && len(st.Hints) > 0 && len(st.Solution) > 0 {
			help = false // once
			b.click(t, "button", n.hint)
			b.waitFor(t, "the first hint", fmt.Sprintf(`%s.querySelectorAll(".lesson-hints li").length === 1`, region), `__rl.text(`+region+`)`, 10*time.Second)
			b.click(t, "button", n.solution)
			b.click(t, "button", n.showIt) // the confirm
			b.screenshot(t, "lesson-02-solution")
			for _, line := range st.Solution {
				b.click(t, "button", "Run: "+line)
			}
		} else {
			for _, line := range st.Solution {
				b.typeInto(t, n.prompt, line, true)
			}
		}
		b.waitFor(t, fmt.Sprintf("step %d's check to pass", i+1), fmt.Sprintf(`__rl.text(__rl.one("status", %s)).includes(%s)`, jsString(n.check), jsString(n.passed)),
			fmt.Sprintf(`__rl.text(__rl.one("status", %s))`, jsString(n.check)), 60*time.Second)
		b.waitFor(t, "the pass announced", fmt.Sprintf(`(%s.querySelector("[aria-live=polite]").textContent || "").includes(%s)`, region, jsString(title)),
			fmt.Sprintf(`%s.querySelector("[aria-live=polite]").textContent`, region), 10*time.Second)
		logf("step %d passed: %s", i+1, title)
		if st.Goal != nil && n.lang == "en" {
			b.screenshot(t, "lesson-02-goal")
		}
		b.click(t, "button", n.next)
	}
}

// submitLesson types the learner's name, clicks Submit and returns the file the page offered
// (the Blob given to URL.createObjectURL).
func submitLesson(t *testing.T, b *browser, n lessonNames, name string) []byte {
	t.Helper()
	mustEval[bool](t, b, `(() => { const orig = URL.createObjectURL; URL.createObjectURL = (blob) => { blob.text().then((s) => { window.__download = s; }); return orig(blob); }; return true; })()`)
	b.typeInto(t, n.learner, name, false)
	// Submit stays disabled until the page has taken the name (its input event, then a render).
	b.waitFor(t, "Submit enabled by the name", fmt.Sprintf(`!__rl.one("button", %s).disabled`, jsString(n.submit)), `"disabled"`, 10*time.Second)
	b.click(t, "button", n.submit)
	b.waitFor(t, "the submission file", `typeof window.__download === "string"`, `"no download"`, 10*time.Second)
	return []byte(mustEval[string](t, b, `window.__download`))
}

// gradeRow is a row of `rolloutlab grade --json`.
type gradeRow struct {
	Learner      string `json:"learner"`
	Steps        int    `json:"steps"`
	Passed       int    `json:"passed"`
	FirstFailing int    `json:"firstFailingStep"`
	Rejected     string `json:"rejected"`
}

// gradeFile runs `rolloutlab grade --json FILE`.
func gradeFile(t *testing.T, file string) gradeRow {
	t.Helper()
	var out, errs bytes.Buffer
	code := cli.Main([]string{"grade", "--json", file}, &out, &errs)
	var rows []gradeRow
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("rolloutlab grade --json %s: exit %d, %v\n%s%s", file, code, err, out.String(), errs.String())
	}
	return rows[0]
}
