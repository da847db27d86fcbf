//go:build !js

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"rolloutlab/engine/lesson"
)

// embedFit is what the compact chrome shows of the terminal's prompt and log and the tree.
type embedFit struct {
	WinW, WinH             float64
	Term, Prompt, Tree, Ed rect // Tree: the first tree item
	PageScrollH            float64
}

type rect struct{ Left, Top, Right, Bottom, Height float64 }

const measureEmbed = `(() => {
  const r = (el) => { if (!el) return {}; const b = el.getBoundingClientRect();
    return { Left: b.left, Top: b.top, Right: b.right, Bottom: b.bottom, Height: b.height }; };
  return { WinW: innerWidth, WinH: innerHeight, PageScrollH: document.documentElement.scrollHeight,
    Term: r(__rl.one("log", "Terminal")), Prompt: r(__rl.one("textbox", "kubectl command")),
    Tree: r(__rl.find("treeitem")[0]),
    Ed: r(__rl.find("textbox", "Deployment YAML").filter(e => e.offsetParent)[0]) };
})()`

// TestEmbedLayout pins issue 10's compact chrome (?embed=1): at 600×400 and up the terminal (its
// log and prompt) and the tree are in view at once and the page does not scroll; a wide frame
// shows them side by side, a narrow one stacks them; the editor is one tab away.
func TestEmbedLayout(t *testing.T) {
	b := newBrowser(t)
	srv := serveSite(t, buildSite(t), "")
	for _, vp := range []struct {
		w, h int64
		side bool
	}{{600, 400, false}, {800, 500, true}, {1000, 420, true}, {480, 640, false}} {
		t.Run(fmt.Sprintf("%dx%d", vp.w, vp.h), func(t *testing.T) {
			b.viewport(t, vp.w, vp.h)
			b.open(t, srv.URL+"index.html?lang=en&embed=1")
			if vp.w == 600 {
				// The session survives the reloads that follow: the tree has a Deployment.
				b.command(t, "kubectl apply -f nginx-deployment.yaml", "created")
			}
			// A reload restores the stored session in slices after the page is ready: measure
			// once the Deployment is back in the tree.
			b.waitFor(t, "the restored Deployment in the tree", `__rl.find("treeitem").length > 0`, `JSON.stringify(__lab.items())`, 30*time.Second)
			f := mustEval[embedFit](t, b, measureEmbed)
			inView := func(what string, r rect, minH float64) {
				if r.Top < 0 || r.Bottom > f.WinH+0.5 || r.Right > f.WinW+0.5 || r.Height < minH {
					t.Errorf("%s is not in view in a %.0f×%.0f frame: %+v", what, f.WinW, f.WinH, r)
				}
			}
			inView("the terminal's log", f.Term, 60)
			inView("the prompt", f.Prompt, 16)
			// The Deployment's item holds its ReplicaSets and pods, which scroll inside the
			// tree: its own row is what must show.
			f.Tree.Bottom, f.Tree.Height = f.Tree.Top+24, 24
			inView("the tree's Deployment", f.Tree, 24)
			if f.PageScrollH > f.WinH+0.5 {
				t.Errorf("the frame's page scrolls: %.0f px in a %.0f px frame", f.PageScrollH, f.WinH)
			}
			if side := f.Tree.Left >= f.Term.Right; side != vp.side {
				t.Errorf("terminal and tree side by side: %v, want %v (terminal %+v, tree %+v)", side, vp.side, f.Term, f.Tree)
			}
			b.viewShot(t, fmt.Sprintf("10-embed-%dx%d", vp.w, vp.h))
			b.click(t, "tab", "YAML")
			b.waitFor(t, "the editor in view", `(() => { const e = __rl.find("textbox", "Deployment YAML").filter(e => e.offsetParent)[0];
			  return e && e.getBoundingClientRect().bottom <= innerHeight && e.getBoundingClientRect().height > 60; })()`,
				`JSON.stringify(`+measureEmbed+`)`, 10*time.Second)
			b.viewShot(t, fmt.Sprintf("10-embed-%dx%d-editor", vp.w, vp.h))
			b.click(t, "tab", "Terminal & tree")
		})
	}
}

// hostProbeJS collects, in the host page, the messages the frames post (window.__msgs, each
// with the page's performance.now() at its arrival, "at") and
// notes the third party's signal that it has sent its message (window.__evilSent).
const hostProbeJS = `
if (window === window.top) {
  window.__msgs = [];
  addEventListener("message", (e) => {
    if (e.data && e.data.source === "rolloutlab") window.__msgs.push(Object.assign({ origin: e.origin, at: performance.now() }, e.data));
    if (e.data === "evil-sent") window.__evilSent = true;
  });
}`

// evilPage is a third party framed by the same host page: it posts a run message to the
// exercise's frame (its sibling) and then tells the host it did.
const evilPage = `<!DOCTYPE html><meta charset="utf-8"><title>ad</title><script>
parent.frames[0].postMessage({ type: "run", id: "x", command: "kubectl create deployment evil --image=nginx:1.8" }, "*");
parent.postMessage("evil-sent", "*");
</script>`

// TestEmbedExample walks issue 10's embedding on embed-example.html, served from another
// origin than the lab (two ports: the docs page and the lab), with the frame-src line of
// docs/embedding.md in the page's policy:
//   - no request for app.wasm (nor app.js) happens before the reader clicks Start: not in the
//     browser's network log, not at the lab's server; after the click the frame's playground
//     starts and posts ready to the page;
//   - the page's Run button sends a run message from the allowed origin: the command runs (on
//     the seed lesson's file) and the frame reports it back with its exit code;
//   - a message from another origin (a third-party frame on the same page) is ignored, and the
//     same message from the allowed origin then runs once (a second run would fail with
//     AlreadyExists);
//   - the seed lesson's solutions sent as run messages make the frame post stepPassed for each
//     step and lessonCompleted;
//   - an invalid message from the allowed origin gets an error reply;
//   - "Open in full page" opens the full page with the session: its tree has the Deployments.
func TestEmbedExample(t *testing.T) {
	dir := buildSite(t)
	var mu sync.Mutex
	var labPaths, requests []string
	lab := serveSite(t, dir, "", func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			labPaths = append(labPaths, r.URL.Path)
			mu.Unlock()
			next.ServeHTTP(w, r)
		})
	})
	evil := serveSite(t, dir, "", func(http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, evilPage)
		})
	})
	labOrigin, evilOrigin := strings.TrimSuffix(lab.URL, "/"), strings.TrimSuffix(evil.URL, "/")
	host := serveSite(t, dir, "", func(http.Handler) http.Handler {
		files := http.FileServer(http.Dir(dir))
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// A docs site's own policy, with the frame-src line docs/embedding.md gives.
			w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src-attr 'unsafe-inline'; frame-src "+labOrigin+" "+evilOrigin)
			files.ServeHTTP(w, r)
		})
	})
	b := newBrowser(t)
	// The lab and the page are on one site (127.0.0.1, two ports): the frames stay in the
	// page's process, so the page's network log and DOM queries reach them.
	reqCtx, stopReq := context.WithCancel(b.ctx)
	defer stopReq()
	events := chromedp.Events(reqCtx, network.RequestWillBeSent)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			mu.Lock()
			requests = append(requests, ev.Request.URL)
			mu.Unlock()
		}
	}()
	wasmSeen := func() (browser, server bool) {
		mu.Lock()
		defer mu.Unlock()
		for _, u := range requests {
			browser = browser || strings.HasSuffix(strings.SplitN(u, "?", 2)[0], "/app.wasm")
		}
		for _, p := range labPaths {
			server = server || strings.HasSuffix(p, "/app.wasm") || strings.HasSuffix(p, "/app.js")
		}
		return browser, server
	}

	embedStart(t, b, host.URL+"embed-example.html?lab="+url.QueryEscape(lab.URL), func() {
		waitPlaceholder(t, b, "ex2")
		b.waitFor(t, "the page and its frames loaded", `document.readyState === "complete"`, `document.readyState`, 30*time.Second)
		if inBrowser, atServer := wasmSeen(); inBrowser || atServer {
			t.Fatalf("app.wasm or app.js was requested before Start was clicked (network log %v, lab server %v): %q", inBrowser, atServer, labPaths)
		}
		b.screenshot(t, "10-embed-example-placeholders")
	})
	if inBrowser, atServer := wasmSeen(); !inBrowser || !atServer {
		t.Fatalf("after Start, app.wasm is not in the network log (%v) or at the server (%v)", inBrowser, atServer)
	}
	if got := mustEval[string](t, b, `__msgs.find(m => m.type === "ready").origin`); got != labOrigin {
		t.Errorf("ready came from %s, want the lab %s", got, labOrigin)
	}

	// The page's Run button, in the seed lesson's frame: its first step's command.
	const create = "kubectl create -f nginx-deployment.yaml --record"
	b.click(t, "button", "Run "+create)
	b.waitFor(t, "the create's command message", `__msgs.some(m => m.type === "command" && m.line === `+jsString(create)+`)`,
		`JSON.stringify(__msgs)`, 20*time.Second)
	type report struct {
		ExitCode int    `json:"exitCode"`
		Stdout   string `json:"stdout"`
		ID       string `json:"id"`
	}
	applied := mustEval[report](t, b, `__msgs.find(m => m.type === "command" && m.line === `+jsString(create)+`)`)
	if applied.ExitCode != 0 || !strings.Contains(applied.Stdout, "deployment.apps/nginx-deployment-controller created") || applied.ID == "" {
		t.Errorf("the create's report: %+v", applied)
	}

	// The seed lesson's solutions, sent as run messages step by step: the frame posts
	// stepPassed for each step, then lessonCompleted.
	seed := seedLesson(t)
	for i, st := range seed.Steps {
		if i > 0 {
			for j, line := range st.Solution {
				mustEval[chromedp.Void](t, b, fmt.Sprintf(`document.querySelector("#ex1 iframe").contentWindow.postMessage(
				  { type: "run", id: "sol-%d-%d", command: %s }, %s)`, i, j, jsString(line), jsString(labOrigin)))
			}
		}
		b.waitFor(t, fmt.Sprintf("stepPassed for step %d (%s)", i+1, st.Title.In("en")),
			fmt.Sprintf(`__msgs.some(m => m.type === "stepPassed" && m.lesson === "seed" && m.step === %d)`, i+1),
			`JSON.stringify(__msgs.slice(-4))`, 90*time.Second)
	}
	b.waitFor(t, "lessonCompleted", `__msgs.filter(m => m.type === "lessonCompleted" && m.lesson === "seed").length === 1`,
		`JSON.stringify(__msgs.slice(-4))`, 20*time.Second)

	// A third party on the page posts a run message to the exercise: ignored.
	mustEval[chromedp.Void](t, b, `(() => { const f = document.createElement("iframe"); f.src = `+jsString(evil.URL+"ad.html")+`;
	  f.title = "ad"; document.body.appendChild(f); })()`)
	b.waitFor(t, "the third party's message sent", `window.__evilSent === true`, `String(window.__evilSent)`, 20*time.Second)
	// The same message from the allowed origin runs, once.
	const evilLine = "kubectl create deployment evil --image=nginx:1.8"
	mustEval[chromedp.Void](t, b, `document.querySelector("#ex1 iframe").contentWindow.postMessage(
	  { type: "run", id: "x", command: `+jsString(evilLine)+` }, `+jsString(labOrigin)+`)`)
	b.waitFor(t, "the allowed message's command report", `__msgs.some(m => m.type === "command" && m.id === "x")`, `JSON.stringify(__msgs)`, 20*time.Second)
	runs := mustEval[[]string](t, b, `__msgs.filter(m => m.type === "command" && m.line === `+jsString(evilLine)+`).map(m => m.exitCode + " " + m.stdout + m.stderr)`)
	if len(runs) != 1 || !strings.HasPrefix(runs[0], "0 deployment.apps/evil created") {
		t.Errorf("the message ran %d times (want once, from the allowed origin only): %q", len(runs), runs)
	}

	// An invalid message from the allowed origin: an error reply with its id.
	mustEval[chromedp.Void](t, b, `document.querySelector("#ex1 iframe").contentWindow.postMessage(
	  { type: "run", id: "bad", command: 5 }, `+jsString(labOrigin)+`)`)
	b.waitFor(t, "the error reply", `__msgs.some(m => m.type === "error" && m.id === "bad" && m.message.includes("command: want a string"))`,
		`JSON.stringify(__msgs.slice(-3))`, 20*time.Second)
	if n := mustEval[int](t, b, `document.querySelectorAll("#ex-log li").length`); n < 5 {
		t.Errorf("the page's log shows %d messages", n)
	}
	b.screenshot(t, "10-embed-example-running")

	// Open in full page: a new tab with the session in its address.
	if err := b.do(10*time.Second, chromedp.Click(chromedp.CSS(".embed-open"), chromedp.FromNode(exerciseFrame(t, b, "ex1")))); err != nil {
		t.Fatalf("clicking Open in full page: %v", err)
	}
	var full *browser
	deadline := time.Now().Add(30 * time.Second)
	for full == nil && time.Now().Before(deadline) {
		infos, err := chromedp.Targets(b.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "page" && strings.HasPrefix(info.URL, lab.URL+"index.html?") {
				ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(info.TargetID))
				t.Cleanup(cancel)
				if err := chromedp.Do(ctx); err != nil {
					t.Fatal(err)
				}
				full = &browser{t: t, ctx: ctx, cancel: cancel}
				if strings.Contains(info.URL, "embed=") || strings.Contains(info.URL, "origin=") || !strings.Contains(info.URL, "#s=") {
					t.Errorf("the full page's address keeps frame parameters or lacks the session: %.200s", info.URL)
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if full == nil {
		t.Fatal("Open in full page opened no tab at the lab's index.html")
	}
	full.waitReady(t)
	mustEval[chromedp.Void](t, full, a11yJS)
	full.waitFor(t, "both Deployments in the full page's tree", `__rl.find("treeitem").filter(i => /^Deployment (evil|nginx-deployment-controller)\b/.test(__rl.name(i))).length === 2`,
		`__rl.find("treeitem").map(__rl.name).join(" | ")`, 60*time.Second)
}

// embedStart opens a page with exercise frames (embed-example.html), waits for the first
// exercise's placeholder, runs beforeClick (when not nil), clicks its Start button and waits for the frame's ready message. It
// returns the milliseconds from the click to that message, on the page's clock.
func embedStart(t *testing.T, b *browser, pageURL string, beforeClick func()) float64 {
	t.Helper()
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: hostProbeJS}); err != nil {
		t.Fatal(err)
	}
	if err := b.do(30*time.Second, chromedp.Navigate(pageURL)); err != nil {
		t.Fatal(err)
	}
	waitPlaceholder(t, b, "ex1")
	if beforeClick != nil {
		beforeClick()
	}
	clicked := mustEval[float64](t, b, `performance.now()`)
	if err := b.do(30*time.Second, chromedp.Click(chromedp.CSS("#embed-start"), chromedp.FromNode(exerciseFrame(t, b, "ex1")))); err != nil {
		t.Fatalf("clicking Start: %v", err)
	}
	b.waitFor(t, "the exercise's ready message", `__msgs.some(m => m.type === "ready" && m.version === 1)`, `JSON.stringify(__msgs)`, 90*time.Second)
	return mustEval[float64](t, b, `__msgs.find(m => m.type === "ready").at`) - clicked
}

// exerciseFrame is the iframe node of an exercise of embed-example.html.
func exerciseFrame(t *testing.T, b *browser, id string) *chromedp.Node {
	t.Helper()
	nodes, err := chromedp.Run(b.ctx, chromedp.Nodes(chromedp.CSS("#"+id+" iframe")))
	if err != nil || len(nodes) != 1 {
		t.Fatalf("the exercise frame #%s: %v", id, err)
	}
	return nodes[0]
}

// waitPlaceholder waits until an exercise's frame shows the placeholder's Start button; the
// frame's node is read again until its document is the placeholder.
func waitPlaceholder(t *testing.T, b *browser, id string) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		if err = b.do(2*time.Second, chromedp.WaitVisible(chromedp.CSS("#embed-start"), chromedp.FromNode(exerciseFrame(t, b, id)))); err == nil {
			return
		}
	}
	t.Fatalf("the placeholder's Start button in #%s: %v", id, err)
}

// seedLesson is the shipped seed lesson (web/lessons/01-seed.yaml).
func seedLesson(t *testing.T) *lesson.Lesson {
	t.Helper()
	ls, err := lesson.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if l.ID == "seed" {
			return l
		}
	}
	t.Fatal("no seed lesson among the shipped lessons")
	return nil
}

// TestEmbedPlaceholder: embed.html shows the host's title as text (never as markup), in the
// frame's language, and loads no app.wasm; Start turns the page into the playground with the same
// parameters and ?embed=1; with load=visible it starts by itself once it is in view: at once at
// the top of a page, and in a frame below the fold only once the page is scrolled to it.
func TestEmbedPlaceholder(t *testing.T) {
	b := newBrowser(t)
	srv := serveSite(t, buildSite(t), "")
	if err := b.do(30*time.Second, chromedp.Navigate(srv.URL+"embed.html?lang=zh&theme=dark&title="+url.QueryEscape("<b>Rolling</b> updates"))); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, "the placeholder", `document.readyState === "complete" && !!document.getElementById("embed-start")`, `document.readyState`, 20*time.Second)
	type shown struct {
		Title, Start, Theme string
		Bold, Wasm          bool
	}
	got := mustEval[shown](t, b, `({ Title: document.getElementById("embed-title").textContent,
	  Start: document.getElementById("embed-start").textContent, Theme: document.documentElement.dataset.theme,
	  Bold: !!document.querySelector("#embed-title b"),
	  Wasm: performance.getEntriesByType("resource").some(e => /app\.(wasm|js)$/.test(new URL(e.name).pathname)) })`)
	if got != (shown{Title: "<b>Rolling</b> updates", Start: "开始", Theme: "dark"}) {
		t.Errorf("the placeholder shows %+v", got)
	}
	b.click(t, "button", "开始")
	b.waitReady(t)
	if u := mustEval[string](t, b, `location.pathname + location.search`); !strings.HasSuffix(strings.SplitN(u, "?", 2)[0], "/index.html") ||
		!strings.Contains(u, "embed=1") || !strings.Contains(u, "lang=zh") || !strings.Contains(u, "theme=dark") || strings.Contains(u, "title=") {
		t.Errorf("Start opened %s", u)
	}

	b.open(t, srv.URL+"embed.html?lang=en&load=visible")
	if u := mustEval[string](t, b, `location.search`); !strings.Contains(u, "embed=1") || strings.Contains(u, "load=") {
		t.Errorf("load=visible started %s", u)
	}

	// In a frame below the fold, load=visible waits until the page is scrolled to it.
	host := serveSite(t, buildSite(t), "", func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/docs.html" {
				next.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!DOCTYPE html><meta charset="utf-8"><title>docs</title><div style="height:3000px">A long page.</div>
<iframe id="lab" src="embed.html?lang=en&load=visible" title="Rollout Lab" style="width:600px;height:400px"></iframe>`)
		})
	})
	if err := b.do(30*time.Second, chromedp.Navigate(host.URL+"docs.html")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, "the page and its frame loaded", `document.readyState === "complete" && document.getElementById("lab").contentDocument.getElementById("embed-start") !== null`,
		`document.readyState`, 20*time.Second)
	const frameURL = `document.getElementById("lab").contentWindow.location.pathname`
	if u := mustEval[string](t, b, frameURL); !strings.HasSuffix(u, "/embed.html") {
		t.Fatalf("the frame below the fold started before it was in view: %s", u)
	}
	mustEval[chromedp.Void](t, b, `document.getElementById("lab").scrollIntoView()`)
	b.waitFor(t, "the frame's playground once in view", `(() => { const d = document.getElementById("lab").contentDocument;
	  return d && d.body && d.body.dataset.appReady === "1"; })()`, frameURL, 90*time.Second)
}
