package app

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// The frame's tab: the reader's choice, but never the lesson's when none runs; until a choice,
// a lesson shows its panel and free play the terminal and the tree. Unknown tabs are refused.
func TestModelEmbedTab(t *testing.T) {
	for _, c := range []struct {
		pick   string
		lesson bool
		want   string
	}{
		{"", false, embedTabCluster},
		{"", true, embedTabLesson},
		{embedTabEditor, true, embedTabEditor},
		{embedTabLesson, false, embedTabCluster},
		{embedTabMore, false, embedTabMore},
		{"settings", true, embedTabLesson},
	} {
		m := newModel()
		if c.lesson {
			m, _ = modelWithRun(twoSteps())
		}
		m.setEmbedTab(c.pick)
		if got := m.embedTab(); got != c.want {
			t.Errorf("pick %q, lesson %v: tab %q, want %q", c.pick, c.lesson, got, c.want)
		}
	}
}

// A host page's step message goes only to a step the learner has reached (as the panel's
// navigation does), and shows the lesson's tab.
func TestModelGoToStep(t *testing.T) {
	if err := newModel().goToStep(1); err == nil || err.Error() != "step: no lesson is loaded" {
		t.Fatalf("no lesson: %v", err)
	}
	m, r := modelWithRun(twoSteps())
	for _, c := range []struct {
		n   int
		err string
	}{{3, `step 3: lesson "two" has 2 steps`}, {2, "step 2: not reached yet (the learner is at step 1)"}} {
		if err := m.goToStep(c.n); err == nil || err.Error() != c.err {
			t.Errorf("step %d: %v, want %q", c.n, err, c.err)
		}
	}
	if r.shown != 0 || m.emb.tab != "" {
		t.Fatalf("a refused step moved: shown %d, tab %q", r.shown, m.emb.tab)
	}
	r.tracker.Current = 1
	if err := m.goToStep(2); err != nil || r.shown != 1 || m.emb.tab != embedTabLesson {
		t.Fatalf("step 2 reached: %v, shown %d, tab %q", err, r.shown, m.emb.tab)
	}
}

// A finished command is reported to every allowed origin with the id of the run message that
// started it, once; notes are not commands.
func TestModelCommandDone(t *testing.T) {
	m := newModel()
	type sent struct {
		origin string
		msg    frameMsg
	}
	var got []sent
	m.emb.origins = []string{"https://a.example", "https://b.example"}
	m.emb.post = func(origin string, data []byte) {
		var f frameMsg
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatal(err)
		}
		got = append(got, sent{origin, f})
	}
	note := m.appendEntry(termEntry{Kind: entryNote, NoteKey: "term.note.undo"})
	id := m.appendEntry(termEntry{Kind: entryCmd, Line: "kubectl get pods", Out: "No resources found\n", Exit: 1})
	m.emb.ids = map[int]string{id: "run-7"}
	m.commandDone(note)
	m.commandDone(id)
	if len(got) != 2 || got[0].origin != "https://a.example" || got[1].origin != "https://b.example" {
		t.Fatalf("sent %+v", got)
	}
	if f := got[0].msg; f.Type != msgCommand || f.ID != "run-7" || f.Line != "kubectl get pods" || f.ExitCode == nil || *f.ExitCode != 1 ||
		f.Stdout != "No resources found\n" || f.Source != frameSource {
		t.Fatalf("message %+v", f)
	}
	if len(m.emb.ids) != 0 {
		t.Fatalf("the run id is kept after its command ended: %v", m.emb.ids)
	}
}

// The full page opens with the session in its fragment and without the parameters only a
// frame uses (the lesson's progress stays in the frame's storage).
func TestModelFullPageLink(t *testing.T) {
	m := seeded(t)
	link := m.fullPageLink("https://docs.example/lab/?embed=1&origin=https%3A%2F%2Fdocs.example&lang=zh&lesson=seed&step=2&title=x&load=y#old")
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	if u.Host != "docs.example" || u.Path != "/lab/" || u.RawQuery != "lang=zh" || !strings.HasPrefix(u.Fragment, shareFragmentPrefix) {
		t.Fatalf("link %s", link)
	}
	pl, _, err := decodeShare(strings.TrimPrefix(u.Fragment, shareFragmentPrefix))
	if err != nil || pl.Y != m.editorText {
		t.Fatalf("the link's session: %v", err)
	}
	if got := m.fullPageLink("%%"); got != "index.html" {
		t.Fatalf("an unreadable address gives %q", got)
	}
}
