package app

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
	"rolloutlab/engine/lesson"
)

// navTo follows a picker link as the page does (pushState is a no-op in the tester).
func navTo(t *testing.T, p *playground, d app.ClientDispatcher, href string) {
	t.Helper()
	u, err := url.Parse("/" + href)
	if err != nil {
		t.Fatal(err)
	}
	p.readQuery(u)
	p.route(d.Context(), false)
	finishRestore(p, d)
}

// solveStep runs a step's solution and plays the clock (at 20×) until the tracker passes
// it, as a learner who types the solution and waits.
func solveStep(t *testing.T, p *playground, d app.ClientDispatcher) {
	t.Helper()
	r := p.les.run
	i := r.tracker.Current
	for _, line := range r.L.Steps[i].Solution {
		p.runLine(d.Context(), line)
	}
	p.speed, p.slowChanges = 20, false // a progress deadline is 10 simulated minutes away
	for f := 0; f < 400 && r.tracker.Current == i; f++ {
		p.onFrame(d.Context(), 250e6)
	}
	if r.tracker.Current == i {
		_, conds := r.L.Steps[i].Evaluate(lesson.SessionTarget(p.sess), r.tracker.Window(p.learnerCommands(), p.sess.Elapsed()), "en")
		t.Fatalf("step %d (%s) did not pass with its solution: %+v", i+1, r.L.Steps[i].Title.EN, conds)
	}
}

// TestPickerIsTheFrontDoor (issue 9): without a lesson, a share link or ?play the page opens
// on the picker: a list named "Lessons" with a link per lesson named by its title, and free
// play one click away.
func TestPickerIsTheFrontDoor(t *testing.T) {
	p, d := mount(t, "/?lang=en")
	if p.les.mode != modePicker {
		t.Fatalf("mode %q, want the picker", p.les.mode)
	}
	html := render(p, d)
	seed := p.findLesson("seed")
	for _, want := range []string{`aria-label="Lessons"`, `href="?lang=en&lesson=seed"`, seed.Title.EN, `href="?lang=en&play=1"`, ">Free play<", `data-mode="picker"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the picker lacks %s", want)
		}
	}
	for _, u := range []string{"/?lang=en&play=1", "/?lang=en&embed=1", "/?lang=en#" + shareFragmentPrefix + "x"} {
		if q, _ := mount(t, u); q.les.mode != modeFree {
			t.Errorf("%s: mode %q, want free play", u, q.les.mode)
		}
	}
}

// TestLessonKeepsFreePlay (issue 9): opening a lesson starts its own session from the lesson's
// starting state (the editor shows its first file); the learner's free-play session is kept
// and comes back, and so does the lesson's, each under its own key.
func TestLessonKeepsFreePlay(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.runLine(ctx, "kubectl create deployment mine --image=nginx:1.8")
	freeInputs := p.sess.Len()

	navTo(t, p, d, "?lang=en&lesson=seed")
	l := p.findLesson("seed")
	if p.les.mode != modeLesson || p.les.run == nil || p.les.run.L != l {
		t.Fatalf("mode %q, run %v", p.les.mode, p.les.run)
	}
	if p.editorDoc != l.Start.Files[0].Content || len(p.view.Deployments) != 0 {
		t.Fatalf("the lesson did not start from its starting state: editor %q, %d deployments", p.editorDoc, len(p.view.Deployments))
	}
	p.runLine(ctx, l.Steps[0].Solution[0])
	if p.les.run.tracker.Current != 1 || !p.les.run.ok {
		t.Fatalf("step 1 not passed after its solution: tracker at %d", p.les.run.tracker.Current)
	}
	if !strings.Contains(p.les.run.announce, l.Steps[0].Title.EN) {
		t.Errorf("the pass is not announced: %q", p.les.run.announce)
	}

	navTo(t, p, d, "?lang=en&play=1")
	if p.les.mode != modeFree || p.sess.Len() != freeInputs || len(p.view.Deployments) != 1 || p.view.Deployments[0].Name != "mine" {
		t.Fatalf("free play came back with %d inputs and %+v", p.sess.Len(), p.view.Deployments)
	}

	// A reload on the lesson's URL brings the lesson back where it was.
	q, d2 := mount(t, "/?lang=en&play=1")
	copyStorage(t, ctx, d2.Context())
	navTo(t, q, d2, "?lang=en&lesson=seed")
	if q.les.run == nil || q.les.run.tracker.Current != 1 || q.les.run.shown != 0 || len(q.view.Deployments) != 1 {
		t.Fatalf("the lesson after a reload: %+v", q.les.run)
	}
}

// TestSeedLessonThroughThePage (issue 9): every step of the shipped seed lesson passes through
// the page's tracker with its solution; Next step walks to the finish; the progress is stored,
// and the submission is graded complete by lesson.GradeSubmission, the grader of
// `rolloutlab grade`.
func TestSeedLessonThroughThePage(t *testing.T) {
	p, d := mount(t, "/?lang=en&lesson=seed")
	navTo(t, p, d, "?lang=en&lesson=seed")
	r := p.les.run
	if r == nil {
		t.Fatal("no lesson")
	}
	for !r.tracker.Done() {
		solveStep(t, p, d)
	}
	ctx := d.Context()
	for i := 0; i < len(r.L.Steps); i++ {
		if r.shown != i && !r.finished {
			t.Fatalf("Next step #%d shows step %d", i, r.shown)
		}
		doAct(d, actLessonNext)
	}
	if !r.finished {
		t.Fatal("no finish screen after the last step")
	}
	pr := readProgress(ctx)
	if e := pr.Lessons["seed"]; !e.Done || e.Passed != len(r.L.Steps) || e.Commands == 0 {
		t.Fatalf("progress %+v", e)
	}
	p.les.submit.learner = "Ada"
	name, data, err := p.submission(time.Now())
	if err != nil || !strings.HasPrefix(name, "rolloutlab-seed-Ada-") {
		t.Fatal(name, err)
	}
	shipped, _ := lesson.Shipped()
	g := lesson.GradeSubmission(data, shipped)
	if g.Rejected != "" || g.Passed != len(r.L.Steps) || g.FirstFailing != 0 || g.Learner != "Ada" {
		t.Fatalf("grade %+v", g)
	}
}

// TestStepParameter (issue 9): ?step=N on a fresh start runs the solutions of the steps before
// N, so step N starts from the state it expects and the tracker agrees.
func TestStepParameter(t *testing.T) {
	p, _ := mount(t, "/?lang=en&lesson=seed&step=3")
	r := p.les.run
	if r == nil || r.shown != 2 || r.tracker.Current != 2 {
		t.Fatalf("run %+v", r)
	}
}

// TestLoadLessonFile (issue 9): a malformed lesson file gets lesson.Parse's error naming the
// file, the step and the field, and the page keeps working; a good one joins the picker and
// opens.
func TestLoadLessonFile(t *testing.T) {
	p, d := mount(t, "/?lang=en")
	ctx := d.Context()
	bad := "id: broken\ntitle: Broken\nsummary: x\nlevel: beginner\nminutes: 1\nsteps:\n- title: One\n  check:\n  - kubectl: delete pod x\n    equals: \"1\"\nfinish: done\n"
	p.loadLesson(ctx, "broken.yaml", []byte(bad))
	if !strings.Contains(p.les.loadErr, "broken.yaml") || !strings.Contains(p.les.loadErr, "step 1") || p.les.mode != modePicker {
		t.Fatalf("error %q, mode %q", p.les.loadErr, p.les.mode)
	}
	if html := render(p, d); !strings.Contains(html, `role="alert"`) {
		t.Error("the error is not shown")
	}
	good := strings.Replace(bad, "  check:\n  - kubectl: delete pod x\n    equals: \"1\"\n", "  text: Run it.\n  check:\n  - ran: kubectl get\n", 1)
	good = strings.Replace(good, "id: broken", "id: mine", 1)
	p.loadLesson(ctx, "mine.yaml", []byte(good))
	if p.les.loadErr != "" || p.les.run == nil || p.les.run.L.ID != "mine" {
		t.Fatalf("the good file did not open: %q", p.les.loadErr)
	}
	p.runLine(ctx, "kubectl get pods")
	if !p.les.run.tracker.Done() {
		t.Fatal("the loaded lesson's check did not pass")
	}
}

// TestProgressFile (issue 9): progress is versioned; an import merges, keeping the furthest
// progress per lesson; a newer format or impossible numbers are refused with the reason.
func TestProgressFile(t *testing.T) {
	mine := lessonProgress{V: progressVersion, Lessons: map[string]progressEntry{
		"seed": {Steps: 14, Passed: 5, Commands: 9}, "pattern": {Steps: 6, Passed: 6, Commands: 12, Done: true}}}
	in := lessonProgress{V: progressVersion, Lessons: map[string]progressEntry{
		"seed": {Steps: 14, Passed: 7, Commands: 20}, "pattern": {Steps: 6, Passed: 2, Commands: 3}}}
	mine.merge(in)
	if mine.Lessons["seed"].Passed != 7 || !mine.Lessons["pattern"].Done {
		t.Fatalf("merged %+v", mine.Lessons)
	}
	for _, tt := range []struct{ data, err string }{
		{`{"v":2,"lessons":{}}`, "newer version"},
		{`{"lessons":{}}`, "no format version"},
		{`{"v":1,"lessons":{"x":{"steps":3,"passed":4}}}`, "impossible"},
		{`[1]`, "not a progress file"},
	} {
		if _, err := decodeProgress([]byte(tt.data)); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: error %v, want %q", tt.data, err, tt.err)
		}
	}
	data, _ := json.Marshal(in)
	_, d := mount(t, "/?lang=en")
	do(d, actProgressFile, fileRead{Name: "p.json", Data: string(data)})
	if got := readProgress(d.Context()).Lessons["seed"].Passed; got != 7 {
		t.Fatalf("imported: seed passed %d", got)
	}
}

// TestDiffGoal: the goal view names each difference between the goal and the live tree.
func TestDiffGoal(t *testing.T) {
	g := &lesson.Goal{Deployments: []lesson.GoalDeployment{{Name: "web", Replicas: 3, Image: "nginx:1.9.1",
		ReplicaSets: []lesson.GoalReplicaSet{{Image: "nginx:1.9.1", Replicas: 3}}}}}
	rs := func(img string, n int32) engine.ReplicaSetView {
		return engine.ReplicaSetView{Images: []string{img}, Desired: n, Current: n}
	}
	tests := []struct {
		name string
		v    engine.View
		want []string
	}{
		{"no deployment", engine.View{}, []string{"goal.diff.noDeployment"}},
		{"met", engine.View{Deployments: []engine.DeploymentView{{Name: "web", Replicas: 3, Images: []string{"nginx:1.9.1"},
			ReplicaSets: []engine.ReplicaSetView{rs("nginx:1.9.1", 3), rs("nginx:1.8", 0)}}}}, nil},
		{"mid rollout", engine.View{Deployments: []engine.DeploymentView{{Name: "web", Replicas: 3, Images: []string{"nginx:1.9.1"},
			ReplicaSets: []engine.ReplicaSetView{rs("nginx:1.9.1", 1), rs("nginx:1.8", 2)}}}}, []string{"goal.diff.rsPods", "goal.diff.extraRS"}},
		{"old image, two replicas", engine.View{Deployments: []engine.DeploymentView{{Name: "web", Replicas: 2, Images: []string{"nginx:1.8"},
			ReplicaSets: []engine.ReplicaSetView{rs("nginx:1.8", 2)}}}}, []string{"goal.diff.replicas", "goal.diff.image", "goal.diff.noRS", "goal.diff.extraRS"}},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range diffGoal(g, tt.v) {
			got = append(got, d.Key)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	if s := trf(langEN, "goal.diff.replicas", "web", int32(3), int32(1)); s != "Deployment web: replicas want 3, now 1" {
		t.Errorf("in words: %q", s)
	}
}

// The goal panel draws from its props: the ghost tree of the goal and either "goal met" or the
// differences in words.
func TestGoalPanelRendersItsProps(t *testing.T) {
	g := &lesson.Goal{Deployments: []lesson.GoalDeployment{{Name: "web", Replicas: 3, Image: "nginx:1.9.1",
		ReplicaSets: []lesson.GoalReplicaSet{{Image: "nginx:1.9.1", Replicas: 3}}}}}
	met := app.HTMLString(&goalPanel{Lang: langEN, Goal: g})
	diff := app.HTMLString(&goalPanel{Lang: langEN, Goal: g, Diffs: []goalDiff{{"goal.diff.replicas", []any{"web", int32(3), int32(1)}}}})
	for _, c := range []struct {
		html, want, absent string
	}{
		{met, tr(langEN, "goal.met"), "goal-diffs"},
		{diff, "Deployment web: replicas want 3, now 1", tr(langEN, "goal.met")},
	} {
		if !strings.Contains(c.html, c.want) || !strings.Contains(c.html, "nginx:1.9.1") || strings.Contains(c.html, c.absent) {
			t.Errorf("want %q and the ghost tree, not %q: %s", c.want, c.absent, c.html)
		}
	}
	if goalOf(nil) != nil || goalOf(&lessonRun{L: &lesson.Lesson{Steps: []lesson.Step{{Goal: g}}}, finished: true}) != nil {
		t.Error("no goal without a lesson or once it is finished")
	}
}

// TestLessonBuilder (issue 9): "Make a lesson" records the commands run so far as steps with
// checks proposed from the state after each; edited, the draft exports as a lesson file that
// lesson.Parse reads; its link opens the lesson with its starting state, and the recorded
// commands pass its checks.
func TestLessonBuilder(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.apply(ctx, seedYAML)
	settle(p, d, 20)
	p.runLine(ctx, "kubectl get pods")
	p.runLine(ctx, "kubectl scale deployment nginx-deployment-controller --replicas=4")
	settle(p, d, 20)

	actBuilderOpen.post(ctx, true)
	d.Consume()
	b := p.les.builder
	if b == nil || len(b.draft.Steps) != 3 {
		t.Fatalf("builder %+v", b)
	}
	if f := b.draft.Start.Files; len(f) != 1 || f[0].Name != editorFile || f[0].Content != seedYAML {
		t.Fatalf("starting files %+v", f)
	}
	scale := b.draft.Steps[2].Check
	if len(scale) != 3 || *scale[1].Equals != "4" || *scale[2].Equals != "nginx:1.8" || len(b.draft.Steps[1].Check) != 1 {
		t.Fatalf("proposed checks %+v / %+v", scale, b.draft.Steps[1].Check)
	}
	for path, v := range map[string]string{"id": "scale-up", "title.zh": "扩容", "steps.2.title.en": "Scale to four", "steps.2.text.zh": "扩容到 4。"} {
		actBuilderField.post(ctx, builderEdit{Path: path, Value: v})
	}
	d.Consume()
	l, data := b.check()
	if l == nil || b.err != "" || l.ID != "scale-up" || l.Title.ZH != "扩容" || l.Steps[2].Title.EN != "Scale to four" {
		t.Fatalf("draft does not parse: %s\n%s", b.err, data)
	}
	actBuilderField.post(ctx, builderEdit{Path: "steps.2.check.1.kubectl", Value: "kubectl delete pod x"})
	d.Consume()
	if !strings.Contains(b.err, "step 3") {
		t.Fatalf("a non-read-only check is not refused: %q", b.err)
	}

	// The link opens the lesson with its starting state; its solutions pass its checks.
	q, d2 := mount(t, "/?lang=en#"+lessonFragmentPrefix+encodeLessonLink(data))
	r := q.les.run
	if r == nil || r.L.ID != "scale-up" || q.editorDoc != seedYAML {
		t.Fatalf("the link opened %+v (banner %q)", r, q.banner)
	}
	for !r.tracker.Done() {
		solveStep(t, q, d2)
	}
	if _, err := decodeLessonLink("!!"); err == nil {
		t.Error("a damaged link decodes")
	}
}

// TestShippedLessonsThroughThePage: every shipped lesson's solutions pass its checks through
// the page (lesson.StartSession, the terminal, the playing clock, the page's tracker), as
// `rolloutlab check` finds on the simulator.
func TestShippedLessonsThroughThePage(t *testing.T) {
	shipped, err := lesson.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range shipped {
		t.Run(l.ID, func(t *testing.T) {
			p, d := mount(t, "/?lang=en&lesson="+l.ID)
			for p.les.run != nil && !p.les.run.tracker.Done() {
				solveStep(t, p, d)
			}
			if p.les.run == nil {
				t.Fatalf("the lesson did not open (banner %q)", p.banner)
			}
		})
	}
}

// TestLessonRestart: "Start the lesson again" goes back to the lesson's starting state and its
// first step; the stored progress keeps the furthest the learner got.
func TestLessonRestart(t *testing.T) {
	p, d := mount(t, "/?lang=en&lesson=seed")
	ctx := d.Context()
	solveStep(t, p, d)
	ctx.NewAction(actLessonRestart)
	d.Consume()
	r := p.les.run
	if r.tracker.Current != 0 || r.shown != 0 || p.sess.Len() != r.startInputs || len(p.view.Deployments) != 0 {
		t.Fatalf("after the restart: step %d, %d inputs, %d deployments", r.tracker.Current, p.sess.Len(), len(p.view.Deployments))
	}
	if e := readProgress(ctx).Lessons["seed"]; e.Passed != 1 {
		t.Fatalf("progress %+v", e)
	}
}

// A lesson whose first file is not nginx-deployment.yaml: the editor names it, and Apply and the
// commands that name it use what the learner typed there.
func TestLessonEditorSavesItsOwnFile(t *testing.T) {
	p, d := mount(t, "/?lang=en")
	ctx := d.Context()
	src := "id: own-file\ntitle: Own file\nsummary: x\nlevel: beginner\nminutes: 1\n" +
		"start:\n  files:\n  - name: web.yaml\n    content: |\n" + indent(strings.Replace(seedYAML, "nginx-deployment-controller", "web", 1), "      ") +
		"steps:\n- title: Apply\n  text: Apply it.\n  check:\n  - kubectl: get deploy web -o jsonpath={.spec.replicas}\n    equals: \"5\"\nfinish: done\n"
	p.loadLesson(ctx, "own.yaml", []byte(src))
	if p.les.loadErr != "" || p.les.run == nil {
		t.Fatalf("the lesson did not open: %q", p.les.loadErr)
	}
	if html := render(p, d); !strings.Contains(html, ">web.yaml<") {
		t.Error("the editor does not name web.yaml")
	}
	edited := strings.Replace(p.editorDoc, "replicas: 2", "replicas: 5", 1)
	do(d, actEditorText, edited)
	p.runLine(ctx, "kubectl apply -f web.yaml")
	if !p.les.run.tracker.Done() {
		t.Fatalf("`kubectl apply -f web.yaml` did not apply the edited file: %s", p.term[len(p.term)-1].Out+p.term[len(p.term)-1].Err)
	}
}

func indent(s, by string) string {
	return by + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n"+by) + "\n"
}

// The lesson picker draws from its props: a card per lesson with its progress and links in the
// page's language, "Continue free play" when a free session is stored, a lesson from a file
// marked so, and the last bad file's error.
func TestLessonPickerRendersItsProps(t *testing.T) {
	p, _ := mount(t, "/?lang=en")
	cat := p.les.catalog
	if len(cat) < 2 {
		t.Fatalf("catalog of %d lessons", len(cat))
	}
	first, second := cat[0].ID, cat[1].ID
	html := app.HTMLString(&lessonPicker{Lang: langEN, Catalog: cat[:2],
		Progress: map[string]progressEntry{first: {Steps: 3, Passed: 3, Done: true, Commands: 4}},
		Custom:   map[string]bool{second: true}, FreeStored: true, LoadErr: "x.yaml: bad"})
	for _, want := range []string{
		`href="?lang=en&lesson=` + first + `"`, `href="?lang=en&play=1"`, "Continue free play",
		"Completed", "Loaded from a file", "This file cannot be used: x.yaml: bad",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("no %q in the picker: %s", want, html)
		}
	}
	// The done lesson's card has data-done (true, written bare), the other data-done="false".
	if strings.Count(html, `class="lesson-card"`) != 2 || strings.Count(html, `data-done="false"`) != 1 {
		t.Errorf("want 2 cards, one done: %s", html)
	}
	if html := app.HTMLString(&lessonPicker{Lang: langEN, Catalog: cat[:1]}); strings.Contains(html, "Continue free play") || strings.Contains(html, "cannot be used") {
		t.Errorf("a fresh picker: %s", html)
	}
}
