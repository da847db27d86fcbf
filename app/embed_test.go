package app

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// TestDecodeHostMsg pins the protocol's input contract (docs/embedding.md): exactly the six
// verbs, each with exactly its fields, of the right JSON type and size; everything else is
// refused with a message that names the field.
func TestDecodeHostMsg(t *testing.T) {
	long := strings.Repeat("x", 64<<10+1)
	cases := []struct {
		raw     string
		want    hostMsg
		wantErr string // a part of the error; "" for a valid message
	}{
		{raw: `{"type":"reset"}`, want: hostMsg{Type: "reset"}},
		{raw: ` {"type":"run","id":"q1","command":"kubectl get pods"} `, want: hostMsg{Type: "run", ID: "q1", Command: "kubectl get pods"}},
		{raw: `{"type":"load","yaml":"apiVersion: apps/v1\nkind: Deployment\n"}`, want: hostMsg{Type: "load", YAML: "apiVersion: apps/v1\nkind: Deployment\n"}},
		{raw: `{"type":"load","lesson":"rolling-update"}`, want: hostMsg{Type: "load", Lesson: "rolling-update"}},
		{raw: `{"type":"step","step":3}`, want: hostMsg{Type: "step", Step: 3}},
		{raw: `{"type":"lang","lang":"zh"}`, want: hostMsg{Type: "lang", Lang: "zh"}},
		{raw: `{"type":"theme","theme":"dark"}`, want: hostMsg{Type: "theme", Theme: "dark"}},
		{raw: `{"type":"theme","theme":"auto"}`, want: hostMsg{Type: "theme"}},

		{raw: ``, wantErr: "must be an object"},
		{raw: `"run"`, wantErr: "must be an object"},
		{raw: `[{"type":"reset"}]`, wantErr: "must be an object"},
		{raw: `{"type":"reset"`, wantErr: "not a message"},
		{raw: `{"type":"reset"}{"type":"reset"}`, wantErr: "data after its object"},
		{raw: `{}`, wantErr: "type: required"},
		{raw: `{"type":5}`, wantErr: "type: want a string, not number"},
		{raw: `{"type":"exec","command":"ls"}`, wantErr: `type "exec": unknown`},
		{raw: `{"type":"eval"}`, wantErr: `type "eval": unknown`},
		{raw: `{"type":"reset","script":"alert(1)"}`, wantErr: `"script": not a field of any message`},
		{raw: `{"type":"reset","command":"kubectl get pods"}`, wantErr: "command: not a field of a reset message"},
		{raw: `{"type":"run"}`, wantErr: "command: required in a run message"},
		{raw: `{"type":"run","command":["kubectl"]}`, wantErr: "command: want a string, not array"},
		{raw: `{"type":"run","command":"   "}`, wantErr: "command: empty"},
		{raw: `{"type":"run","command":"kubectl get pods\nkubectl delete deploy --all"}`, wantErr: "one line only"},
		{raw: `{"type":"run","command":"` + long + `"}`, wantErr: "command: 65537 bytes, over the limit of 65536"},
		{raw: `{"type":"run","command":"kubectl get pods","id":"` + strings.Repeat("i", 65) + `"}`, wantErr: "id: want a string of at most 64 bytes"},
		{raw: `{"type":"run","command":"kubectl get pods","id":7}`, wantErr: "id: want a string, not number"},
		{raw: `{"type":"load"}`, wantErr: "give exactly one of yaml and lesson"},
		{raw: `{"type":"load","yaml":"a: 1","lesson":"seed"}`, wantErr: "give exactly one of yaml and lesson"},
		{raw: `{"type":"load","lesson":"../../etc/passwd"}`, wantErr: "not a lesson id"},
		{raw: `{"type":"load","yaml":"` + strings.Repeat("a", 1<<20+1) + `"}`, wantErr: "yaml: 1048577 bytes, over the limit of 1048576"},
		{raw: `{"type":"step","step":1.5}`, wantErr: "step: want a whole number"},
		{raw: `{"type":"step","step":"2"}`, wantErr: "step: want a whole number, not string"},
		{raw: `{"type":"step","step":0}`, wantErr: "step: 0 out of range 1..1000"},
		{raw: `{"type":"step","step":1e30}`, wantErr: "step: want a whole number"},
		{raw: `{"type":"lang","lang":"fr"}`, wantErr: `lang "fr": want en or zh`},
		{raw: `{"type":"theme","theme":"neon"}`, wantErr: `theme "neon": want light, dark or auto`},
		{raw: strings.Repeat(" ", maxMessageBytes+1), wantErr: "over the limit"},
	}
	for _, c := range cases {
		got, err := decodeHostMsg([]byte(c.raw))
		name := clip(c.raw, 60)
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: unexpected error %v", name, err)
		case c.wantErr == "" && got != c.want:
			t.Errorf("%s: got %+v, want %+v", name, got, c.want)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s: error %v, want one with %q", name, err, c.wantErr)
		}
	}
	// The id of a refused message is kept when it was readable, for the error reply.
	for _, raw := range []string{`{"type":"run","id":"q9","command":""}`, `{"type":"run","id":"q9","command":5}`, `{"id":"q9","type":"run","extra":1}`} {
		if m, err := decodeHostMsg([]byte(raw)); err == nil || m.ID != "q9" {
			t.Errorf("%s: the error lost the message's id: %+v, %v", raw, m, err)
		}
	}
}

// TestParseOrigins: the origins are compared with MessageEvent.origin, which browsers give as
// scheme://host[:port] in lower case without the default port; anything that is not one
// origin, and the wildcards "*" and "null", are refused.
func TestParseOrigins(t *testing.T) {
	got, refused := parseOrigins([]string{
		"https://Docs.Example.com/",
		"http://localhost:8080,https://docs.example.com:443",
		"http://[::1]:9000 http://example.org:80",
		"*", "null", "file:///tmp", "https://docs.example.com/path", "https://user@docs.example.com",
		"https://docs.example.com?x=1", "javascript:alert(1)", "https://*.example.com",
	})
	want := []string{"https://docs.example.com", "http://localhost:8080", "http://[::1]:9000", "http://example.org"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("origins %q, want %q", got, want)
	}
	if len(refused) != 8 {
		t.Errorf("refused %q, want the 8 values that are not one origin", refused)
	}
	many := make([]string, maxOrigins+3)
	for i := range many {
		many[i] = "https://h" + strings.Repeat("x", i) + ".example"
	}
	if got, refused := parseOrigins(many); len(got) != maxOrigins || len(refused) != 3 {
		t.Errorf("%d origins, %d refused: want at most %d kept", len(got), len(refused), maxOrigins)
	}
}

// framed mounts an embedded playground that lists origin and records what it posts.
func framed(t *testing.T, origin string) (*playground, app.ClientDispatcher, func() []frameMsg) {
	p, d := mount(t, "/?lang=en&embed=1&origin="+origin)
	var sent []frameMsg
	p.emb.post = func(to string, data []byte) {
		var m frameMsg
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("the frame posted invalid JSON %s: %v", data, err)
		}
		if !p.emb.allowed(to) {
			t.Fatalf("the frame posted to %s, which its URL does not list", to)
		}
		sent = append(sent, m)
	}
	return p, d, func() []frameMsg { out := sent; sent = nil; return out }
}

// TestHostMessages walks the verbs as a host sends them: run reports the command with its
// exit code (a waiting `rollout status` when it ends), load fills the editor, lang and theme
// change the page, reset starts over, and an invalid message, an unknown lesson or a step
// without a lesson gets an error naming the message, never a change.
func TestHostMessages(t *testing.T) {
	const host = "https://docs.example.com"
	p, d, sent := framed(t, host)
	ctx := d.Context()
	send := func(raw string) { p.onHostMessage(ctx, host, []byte(raw)) }

	send(`{"type":"load","yaml":` + jsonString(seedYAML) + `}`)
	if p.editorText != seedYAML {
		t.Fatalf("load did not fill the editor: %q", clip(p.editorText, 60))
	}
	send(`{"type":"run","id":"a","command":"kubectl apply -f nginx-deployment.yaml"}`)
	got := sent()
	if len(got) != 1 || got[0].Type != msgCommand || got[0].ID != "a" || got[0].ExitCode == nil || *got[0].ExitCode != 0 ||
		got[0].Source != frameSource || !strings.Contains(got[0].Stdout, "deployment.apps/nginx-deployment-controller created") {
		t.Fatalf("run apply: posted %+v", got)
	}
	// kubectl's exit code for a missing object is 1 (k8s-behavior: NotFound on stderr).
	send(`{"type":"run","id":"b","command":"kubectl get deployment nope"}`)
	if got = sent(); len(got) != 1 || *got[0].ExitCode != 1 || !strings.Contains(got[0].Stderr, `"nope" not found`) {
		t.Fatalf("run get nope: posted %+v", got)
	}
	// A waiting command is reported when it ends, with the id of the message that started it.
	send(`{"type":"run","id":"c","command":"kubectl rollout status deployment/nginx-deployment-controller"}`)
	if got = sent(); len(got) != 0 {
		t.Fatalf("rollout status reported before it ended: %+v", got)
	}
	settle(p, d, 120)
	if got = sent(); len(got) != 1 || got[0].ID != "c" || *got[0].ExitCode != 0 ||
		!strings.Contains(got[0].Stdout, "successfully rolled out") {
		t.Fatalf("rollout status: posted %+v", got)
	}
	// A command the reader types is reported too, without an id.
	p.runLine(ctx, "kubectl get rs")
	if got = sent(); len(got) != 1 || got[0].ID != "" || got[0].Line != "kubectl get rs" {
		t.Fatalf("typed command: posted %+v", got)
	}

	send(`{"type":"lang","lang":"zh"}`)
	send(`{"type":"theme","theme":"dark"}`)
	if p.lang != langZH || p.theme != "dark" {
		t.Errorf("lang and theme: %s, %q", p.lang, p.theme)
	}
	version := p.view.Version
	for raw, want := range map[string]string{
		`{"type":"run","id":"x","command":"kubectl get pods\nkubectl delete deploy --all"}`: "invalid message: command: one line only",
		`{"type":"load","id":"x","lesson":"nope"}`:                                          `load: no lesson "nope"`,
		`{"type":"step","id":"x","step":2}`:                                                 "step: no lesson is loaded",
		`not json`:                                                                          "invalid message:",
	} {
		send(raw)
		got = sent()
		if len(got) != 1 || got[0].Type != msgError || !strings.Contains(got[0].Message, want) {
			t.Errorf("%s: posted %+v, want an error with %q", raw, got, want)
		}
		if raw != `not json` && got[0].ID != "x" {
			t.Errorf("%s: the error does not carry the message's id: %+v", raw, got)
		}
	}
	if p.view.Version != version {
		t.Error("a refused message changed the cluster")
	}

	send(`{"type":"reset"}`)
	if len(p.view.Deployments) != 0 || len(p.term) != 0 {
		t.Errorf("reset left %d deployments and %d terminal entries", len(p.view.Deployments), len(p.term))
	}
}

// TestLessonMessages: a host loads the seed lesson and sends each step's solution as run
// messages; the frame posts stepPassed for each step in order, then lessonCompleted once (issue
// 10's "a frame reports lessonCompleted when the seed lesson's solution is sent to it"). A step
// message shows a step already reached and refuses one ahead or past the end.
func TestLessonMessages(t *testing.T) {
	const host = "https://docs.example.com"
	p, d, sent := framed(t, host)
	ctx := d.Context()
	send := func(raw string) { p.onHostMessage(ctx, host, []byte(raw)) }
	send(`{"type":"load","lesson":"seed"}`)
	r := p.les.run
	if got := sent(); r == nil || r.L.ID != "seed" || len(got) != 0 || p.embedTab() != embedTabLesson {
		t.Fatalf("load lesson: run %v, posted %+v, tab %q", r, got, p.embedTab())
	}
	send(`{"type":"step","id":"s","step":2}`)
	if got := sent(); len(got) != 1 || got[0].Type != msgError || !strings.Contains(got[0].Message, "step 2: not reached yet") {
		t.Errorf("a step ahead: posted %+v", got)
	}
	var passed []int
	completed := 0
	for i, st := range r.L.Steps {
		for _, line := range st.Solution {
			send(`{"type":"run","command":` + jsonString(line) + `}`)
		}
		for f := 0; f < 400 && r.tracker.Current <= i; f++ {
			settle(p, d, 1)
		}
		for _, m := range sent() {
			switch m.Type {
			case msgStepPassed:
				if m.Lesson != "seed" {
					t.Errorf("stepPassed for lesson %q", m.Lesson)
				}
				passed = append(passed, m.Step)
			case msgLessonCompleted:
				completed++
			case msgError:
				t.Errorf("step %d: %s", i+1, m.Message)
			}
		}
		if r.tracker.Current <= i {
			t.Fatalf("step %d (%s) did not pass with its solution %q", i+1, st.Title.In(langEN), st.Solution)
		}
	}
	want := make([]int, len(r.L.Steps))
	for i := range want {
		want[i] = i + 1
	}
	if fmt.Sprint(passed) != fmt.Sprint(want) || completed != 1 {
		t.Errorf("stepPassed %v (want %v), lessonCompleted %d times (want once)", passed, want, completed)
	}
	send(`{"type":"step","step":1}`)
	if got := sent(); len(got) != 0 || r.shown != 0 {
		t.Errorf("back to step 1: shown %d, posted %+v", r.shown, got)
	}
	send(`{"type":"step","step":99}`)
	if got := sent(); len(got) != 1 || !strings.Contains(got[0].Message, `step 99: lesson "seed" has`) {
		t.Errorf("step 99: posted %+v", got)
	}
}

// TestEmbedChrome: a frame renders the tab bar (terminal and tree first, the editor a tab
// away) and the link to the full page; the full page renders neither.
func TestEmbedChrome(t *testing.T) {
	p, d := mount(t, "/?lang=en&embed=1")
	html := squash(render(p, d))
	for _, want := range []string{`role="tablist"`, `>YAML<`, `>Open in full page ↗<`} {
		if !strings.Contains(html, want) {
			t.Errorf("the frame lacks %s", want)
		}
	}
	// go-app writes aria-selected="true" as a bare attribute in its HTML.
	selected := func(html, label string) bool {
		m := regexp.MustCompile(`<button([^>]*)>` + regexp.QuoteMeta(label) + `<`).FindStringSubmatch(html)
		return m != nil && strings.Contains(m[1], "aria-selected") && !strings.Contains(m[1], `aria-selected="false"`)
	}
	if !selected(html, "Terminal &amp; tree") || selected(html, "YAML") {
		t.Error("the terminal and tree are not the first tab")
	}
	p.setEmbedTab(embedTabEditor)
	if html = squash(render(p, d)); !strings.Contains(html, `data-embed-tab="editor"`) || !selected(html, "YAML") {
		t.Error("the editor tab is not selected")
	}
	p.setEmbedTab("bogus")
	if p.emb.tab != embedTabEditor {
		t.Errorf("an unknown tab was taken: %q", p.emb.tab)
	}
	full, fd := mount(t, "/?lang=en")
	if html := render(full, fd); strings.Contains(html, `role="tablist"`) {
		t.Error("the full page renders the frame's tabs")
	}
}

// FuzzHostMessage: whatever a host posts, the decoder returns a message or an error and never
// panics, and what it accepts keeps the documented limits.
func FuzzHostMessage(f *testing.F) {
	for _, s := range []string{`{"type":"run","id":"1","command":"kubectl get pods"}`, `{"type":"load","yaml":"a: 1"}`,
		`{"type":"step","step":3}`, `{"type":"theme","theme":"auto"}`, `{"type":"reset","x":[1,{"y":null}]}`, `{"type":"load","lesson":"seed"}`, `{"type":"step","step":2,"id":"a"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := decodeHostMsg(raw)
		if !utf8.ValidString(m.ID) || len(m.ID) > maxMessageID {
			t.Fatalf("id %q kept", m.ID)
		}
		if err != nil {
			return
		}
		if _, ok := msgFields[m.Type]; !ok {
			t.Fatalf("accepted type %q", m.Type)
		}
		if strings.ContainsAny(m.Command, "\r\n") || len(m.Command) > 64<<10 || len(m.YAML) > maxMessageYAML ||
			(m.Type == msgStep && (m.Step < 1 || m.Step > maxMessageStep)) || (m.Lesson != "" && !lessonID.MatchString(m.Lesson)) {
			t.Fatalf("accepted %+v", m)
		}
	})
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// The embed bar draws from its props: the Lesson tab first only while a lesson runs, the tab
// shown marked selected (go-app writes aria-selected="true" bare), and the full-page button.
func TestEmbedBarRendersItsProps(t *testing.T) {
	for _, c := range []struct {
		shown, label string
		lesson       bool
	}{{embedTabCluster, "embed.tab.cluster", false}, {embedTabLesson, "embed.tab.lesson", true}, {embedTabMore, "embed.tab.more", true}} {
		html := app.HTMLString(&embedBar{Lang: langEN, Shown: c.shown, Lesson: c.lesson})
		label := strings.ReplaceAll(tr(langEN, c.label), "&", "&amp;")
		if m := regexp.MustCompile(`<button([^>]*)>` + regexp.QuoteMeta(label) + `<`).FindStringSubmatch(html); m == nil || strings.Contains(m[1], `aria-selected="false"`) {
			t.Errorf("shown %s: its tab %q is not the selected one: %s", c.shown, label, html)
		}
		if got := strings.Contains(html, ">Lesson<"); got != c.lesson {
			t.Errorf("shown %s, lesson %v: a Lesson tab %v: %s", c.shown, c.lesson, got, html)
		}
		if n := strings.Count(html, `aria-selected="false"`); n != strings.Count(html, `role="tab"`)-1 {
			t.Errorf("shown %s: %d tabs not selected, want all but one: %s", c.shown, n, html)
		}
		if !strings.Contains(html, "Open in full page ↗") {
			t.Errorf("no full-page button: %s", html)
		}
	}
}
