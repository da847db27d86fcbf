package app

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
)

func deflate(t *testing.T, s string) string {
	t.Helper()
	return deflateString(s)
}

// deflateString is a share fragment's encoding of a JSON text (deflate, base64url).
func deflateString(s string) string {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write([]byte(s))
	w.Close()
	return base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// TestShareRoundTrip: a link made from one playground reproduces its cluster, clock, editor
// text and terminal in another.
func TestShareRoundTrip(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.editorText = strings.Replace(seedYAML, "replicas: 2", "replicas: 3", 1)
	p.apply(ctx, p.editorText)
	settle(p, d, 40)
	p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1")
	settle(p, d, 8)
	p.runLine(ctx, "kubectl get rs")
	want := p.sess.View(0)

	data, err := p.sess.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	frag, err := encodeShare(data, p.editorText)
	if err != nil {
		t.Fatal(err)
	}
	if len(frag) > 3000 {
		t.Errorf("the link fragment is %d characters", len(frag))
	}

	q, d2 := mount(t, "/?lang=en#"+shareFragmentPrefix+frag)
	if q.banner != "" {
		t.Fatalf("banner: %s", q.banner)
	}
	got := q.sess.View(0)
	if got.Elapsed != want.Elapsed || got.Version != want.Version || len(got.Deployments) != 1 ||
		len(got.Deployments[0].ReplicaSets) != len(want.Deployments[0].ReplicaSets) {
		t.Fatalf("restored cluster differs: elapsed %v/%v version %d/%d", got.Elapsed, want.Elapsed, got.Version, want.Version)
	}
	if q.editorText != p.editorText {
		t.Error("the editor's text did not travel")
	}
	if q.playing {
		t.Error("a shared session should open paused")
	}
	var lines []string
	for _, e := range q.term {
		if e.Kind == entryCmd {
			lines = append(lines, e.Line)
		}
	}
	if len(lines) != 3 || lines[2] != "kubectl get rs" || !strings.Contains(q.term[2].Out, "nginx-deployment-controller-") {
		t.Fatalf("terminal rebuilt as %q / %+v", lines, q.term)
	}
	if len(q.chart.Series) != 2 {
		t.Fatalf("chart rebuilt with %d series", len(q.chart.Series))
	}
	_ = d2
}

// TestBadShareLinks: every kind of broken link is refused with a banner, and the learner's
// work is left as it was.
func TestBadShareLinks(t *testing.T) {
	okSession, _ := engine.NewSession(engine.Options{Seed: 1}).Marshal()
	payload := func(v int, s string) string {
		b, _ := json.Marshal(map[string]any{"v": v, "s": json.RawMessage(s), "y": "x"})
		return string(b)
	}
	inputs := func(n int, nanos int64) string {
		var in []engine.Input
		for i := 0; i < n; i++ {
			in = append(in, engine.Input{Kind: "advance", Nanos: nanos})
		}
		b, _ := json.Marshal(map[string]any{"v": 1, "seed": 1, "in": in, "pos": n})
		return string(b)
	}
	cases := map[string]string{
		"empty":               "",
		"not base64":          "!!!***",
		"not deflate":         base64.RawURLEncoding.EncodeToString([]byte("hello world")),
		"not json":            deflate(t, "{nope"),
		"wrong version":       deflate(t, payload(9, string(okSession))),
		"no session":          deflate(t, `{"v":1}`),
		"bad session version": deflate(t, payload(1, `{"v":7,"seed":1,"in":[],"pos":0}`)),
		"unknown input":       deflate(t, payload(1, `{"v":1,"seed":1,"in":[{"k":"rm -rf"}],"pos":1}`)),
		"negative time":       deflate(t, payload(1, inputs(1, -5))),
		"position too far":    deflate(t, payload(1, `{"v":1,"seed":1,"in":[],"pos":3}`)),
		"too long":            strings.Repeat("A", maxShareFragment+1),
		"bomb":                deflate(t, `{"v":1,"y":"`+strings.Repeat("a", maxShareJSON+10)+`"}`),
	}
	for name, frag := range cases {
		t.Run(name, func(t *testing.T) {
			if _, _, err := decodeShare(frag); err == nil && name != "bad session version" {
				t.Fatal("decodeShare accepted it")
			}
			p, d := mount(t, "/?lang=en&play=1")
			ctx := d.Context()
			p.runLine(ctx, "kubectl get nodes")
			before, _ := p.sess.Marshal()
			p.loadShare(ctx, frag)
			if p.banner == "" {
				t.Fatal("no banner")
			}
			after, _ := p.sess.Marshal()
			if string(after) != string(before) || len(p.term) != 1 {
				t.Fatal("a bad link changed the session")
			}
		})
	}
}

// TestShareLinkRemovedFromAddressBar is covered in the browser; here: a link in OnNav loads.
func TestShareViaNav(t *testing.T) {
	s := engine.NewSession(engine.Options{Seed: 1})
	s.WriteFile(editorFile, seedYAML)
	s.Exec("kubectl apply -f " + editorFile)
	s.Advance(30 * time.Second)
	data, _ := s.Marshal()
	frag, _ := encodeShare(data, seedYAML)
	p, _ := mount(t, "/?lang=zh#s="+frag)
	if p.banner != "" || len(p.view.Deployments) != 1 || p.view.Elapsed != 30*time.Second || p.lang != langZH {
		t.Fatalf("banner %q, %d deployments, elapsed %v, lang %s", p.banner, len(p.view.Deployments), p.view.Elapsed, p.lang)
	}
	notes := 0
	for _, e := range p.term {
		if e.NoteKey == "term.note.shared" {
			notes++
		}
	}
	if notes != 1 {
		t.Fatalf("the link was loaded %d times", notes)
	}
}

// TestShareTranscriptIsTheSessionInPlace: a link is rebuilt once, and the terminal shows what
// that rebuild printed: a frame cut short by its budget (an advance with a task limit) replays
// as that limit, so `kubectl get` prints what the learner saw, not the state after the frame's
// whole interval.
func TestShareTranscriptIsTheSessionInPlace(t *testing.T) {
	s := engine.NewSession(engine.Options{Seed: 1})
	s.Paused = true
	s.Exec("kubectl create deployment web --image=nginx:1.9.1 --replicas=3")
	s.AdvanceBudget(time.Minute, 2)
	want := s.Exec("kubectl get deploy web").Stdout()
	s.Advance(time.Minute)
	data, _ := s.Marshal()
	frag, err := encodeShare(data, "")
	if err != nil {
		t.Fatal(err)
	}
	q, _ := mount(t, "/?lang=en#"+shareFragmentPrefix+frag)
	if q.banner != "" {
		t.Fatalf("banner %q", q.banner)
	}
	var got string
	for _, e := range q.term {
		if e.Line == "kubectl get deploy web" {
			got = e.Out
		}
	}
	if got != want {
		t.Fatalf("the transcript printed\n%s\nthe session printed\n%s", got, want)
	}
	if v, w := q.sess.View(0), s.View(0); v.Version != w.Version || v.Elapsed != w.Elapsed {
		t.Fatalf("cluster differs: version %d/%d", v.Version, w.Version)
	}
}

// TestShareOverBudgetOpensWhatFits: a link over the budget of links (issue 11) is not refused
// whole: it opens with the inputs before the first that does not fit, and a banner says why.
func TestShareOverBudgetOpensWhatFits(t *testing.T) {
	session := func(ins []engine.Input) string {
		b, _ := json.Marshal(map[string]any{"v": 1, "seed": 1, "in": ins, "pos": len(ins)})
		b, _ = json.Marshal(map[string]any{"v": 1, "s": json.RawMessage(b)})
		return string(b)
	}
	create := engine.Input{Kind: "exec", Line: "kubectl create deployment fits --image=nginx:1.9.1"}
	week := engine.Input{Kind: "advance", Nanos: int64(7 * 24 * time.Hour)}
	many := []engine.Input{create}
	for len(many) <= maxShareInputs {
		many = append(many, engine.Input{Kind: "exec", Line: "kubectl get deploy", Read: true})
	}
	for _, tc := range []struct {
		name string
		ins  []engine.Input
		fit  int
		why  string
	}{
		{"too many inputs", many, maxShareInputs, "inputs"},
		{"too much time", []engine.Input{create, week, week, week, week, week}, 5, "30 days"},
		{"an advance over a week", []engine.Input{create, {Kind: "advance", Nanos: int64(8 * 24 * time.Hour)}}, 1, "7 days"},
		{"a line over 64 KiB", []engine.Input{create, {Kind: "exec", Line: "echo " + strings.Repeat("a", 64<<10)}}, 1, "64 KiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, d := mount(t, "/?lang=en&play=1")
			p.loadShare(d.Context(), deflate(t, session(tc.ins)))
			finishRestore(p, d)
			if !strings.Contains(p.banner, tc.why) || !strings.Contains(p.banner, "work that fits") {
				t.Fatalf("banner %q", p.banner)
			}
			if p.sess.Len() != tc.fit || len(p.view.Deployments) != 1 {
				t.Fatalf("opened %d inputs, want %d", p.sess.Len(), tc.fit)
			}
		})
	}
}

// TestReplayOverItsWorkBudgetKeepsWhatFits: a link's replay stops at its budget of simulated
// work (maxLinkWork in the app; 50 units here) and keeps the work that fit as the session in
// place, which a later restore rebuilds to the same cluster.
func TestReplayOverItsWorkBudgetKeepsWhatFits(t *testing.T) {
	s := engine.NewSession(engine.Options{Seed: 1})
	s.Exec("kubectl create deployment web --image=nginx:1.91 --replicas=5") // back-offs all along
	s.Advance(24 * time.Hour)
	data, _ := s.Marshal()
	h, _, err := checkSession(data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := newReplay(data, h, true)
	if err != nil {
		t.Fatal(err)
	}
	r.maxWork = 50
	for !r.done() {
		r.step()
	}
	if !r.cut || r.work < 50 || r.s.Position() != r.s.Len() || r.s.Now().Sub(s.Now()) >= 0 {
		t.Fatalf("cut %v after %d units at position %d/%d", r.cut, r.work, r.s.Position(), r.s.Len())
	}
	kept, _ := r.s.Marshal()
	again, err := engine.RestoreSession(kept, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := again.View(0), r.s.View(0); got.Version != want.Version || got.Elapsed != want.Elapsed {
		t.Fatalf("the work that fit restores as version %d elapsed %v, want %d %v", got.Version, got.Elapsed, want.Version, want.Elapsed)
	}
}

// TestShareCarriesALongPlayedClock: the play loop merges its advances into one input, so 8
// played days are one 8-day advance; the link carries it split into advances of at most a week
// (engine.MaxAdvance), and opens whole.
func TestShareCarriesALongPlayedClock(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.runLine(ctx, "kubectl create deployment web --image=nginx:1.9.1")
	for i := 0; i < 8*24; i++ {
		p.sess.Advance(time.Hour)
	}
	p.share(ctx)
	frag := p.shareURL[strings.Index(p.shareURL, "#"):]
	q, _ := mount(t, "/?lang=en"+frag)
	if q.banner != "" || len(q.view.Deployments) != 1 || q.view.Elapsed != p.sess.View(0).Elapsed {
		t.Fatalf("the link opened at %v with banner %q", q.view.Elapsed, q.banner)
	}
}
