//go:build !js

package e2e

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Issue 11 in the browser: nothing a learner does is lost, nothing freezes the page. The
// fixtures (share links, stored sessions) are built here in the app's formats: a session is
// engine.Session.Marshal's JSON; a link is "#s=" + base64url(deflate({"v":1,"s":session,"y":yaml}))
// (app/share.go); the stored session is {"v":1,"session":"<session JSON>"} under
// rolloutlab/session (app/storage.go).

type tin struct {
	K string `json:"k"`
	L string `json:"l,omitempty"`
	D int64  `json:"d,omitempty"`
	R bool   `json:"r,omitempty"`
}

func sessionJSON(t *testing.T, ins ...tin) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"v": 1, "seed": 1, "in": ins, "pos": len(ins)})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func shareFragment(t *testing.T, session string) string {
	t.Helper()
	raw, _ := json.Marshal(map[string]any{"v": 1, "s": json.RawMessage(session)})
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(raw)
	w.Close()
	return "#s=" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

func run(line string) tin { return tin{K: "exec", L: line} }

const day = int64(24 * time.Hour)

// storedInputs reads how many inputs the stored session holds.
const storedInputs = `(() => { try { return JSON.parse(JSON.parse(localStorage.getItem("rolloutlab/session")).session).in.length } catch (e) { return -1 } })()`

func TestTrust(t *testing.T) {
	needBrowser(t)
	b := newBrowser(t)
	srv := serveSite(t, buildSite(t), "")
	page := srv.URL + "?lang=en"
	b.open(t, page)
	if len(mustEval[[]string](t, b, `__rl.find("button", "Pause").map(__rl.name)`)) > 0 {
		b.click(t, "button", "Pause")
	}
	acks := 0
	// answers types a command and checks the page shows it within 1 s (polled), whatever is
	// running (a restore shows it queued), then that it ran.
	answers := func(t *testing.T) {
		t.Helper()
		acks++
		word := fmt.Sprintf("ack-%d", acks)
		start := time.Now()
		b.typeInto(t, "kubectl command", "echo "+word, true)
		b.waitFor(t, "the page to answer a typed command within 1 s", fmt.Sprintf(`__lab.terminal().includes(%q)`, word), `__lab.terminal().slice(-300)`, time.Second)
		t.Logf("answered in %v", time.Since(start).Round(time.Millisecond))
		b.waitFor(t, "the typed command to run", fmt.Sprintf(`__lab.count(__lab.terminal(), %q) >= 2`, word), `__lab.terminal().slice(-300)`, 90*time.Second)
	}
	restored := func(t *testing.T) {
		t.Helper()
		b.waitFor(t, "the restore to finish", `!document.querySelector(".banner.restoring")`, `document.querySelector(".banner.restoring").innerText`, 90*time.Second)
	}
	// openLink navigates away first: a fragment-only change is an in-page navigation.
	openLink := func(t *testing.T, frag string) {
		t.Helper()
		if err := b.do(10*time.Second, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		b.open(t, page+frag)
	}
	reload := func(t *testing.T, session string) {
		t.Helper()
		stored, _ := json.Marshal(map[string]any{"v": 1, "session": session})
		mustEval[bool](t, b, fmt.Sprintf(`localStorage.setItem("rolloutlab/session", %s), true`, jsString(string(stored))))
		b.open(t, page)
	}

	t.Run("links that hung or crashed open and stay responsive", func(t *testing.T) {
		links := []struct {
			name, tree string
			ins        []tin
		}{
			// spec.replicas is an int32: 2147483647 is a valid scale, and the chart's axis must cope.
			{"scale to the int32 maximum", "Deployment big", []tin{run("kubectl create deployment big --image=nginx:1.9.1"),
				run("kubectl scale deployment big --replicas=2147483647"), {K: "advance", D: int64(5 * time.Second)}}},
			{"16,000 pipes", "", []tin{run("echo a" + strings.Repeat(" | x", 16000))}},
			// nginx:1.91 does not exist: 200 pods in image pull back-off, watched inside a pipe.
			{"a watch in a pipe", "Deployment miss", []tin{run("kubectl create deployment miss --image=nginx:1.91 --replicas=200"),
				run("kubectl get pods -w | tail -1")}},
		}
		for _, l := range links {
			t.Run(l.name, func(t *testing.T) {
				openLink(t, shareFragment(t, sessionJSON(t, l.ins...)))
				answers(t)
				restored(t)
				if l.tree != "" {
					b.waitFor(t, l.tree, fmt.Sprintf(`__lab.items().some(i => i.raw.startsWith(%q))`, l.tree), `JSON.stringify(__lab.items().slice(0, 5))`, 30*time.Second)
				}
				answers(t)
			})
		}
	})

	t.Run("stored sessions survive a reload intact", func(t *testing.T) {
		many := []tin{run("kubectl create deployment many --image=nginx:1.9.1")}
		for len(many) < 5001 {
			many = append(many, tin{K: "exec", L: "kubectl get deployment many", R: true})
		}
		for _, s := range []struct {
			name, tree string
			ins        []tin
		}{
			// A playing clock merges its advances into one input: 8 days is one input.
			{"8 virtual days played", "Deployment web", []tin{run("kubectl create deployment web --image=nginx:1.91"), {K: "advance", D: 8 * day}}},
			{"5,001 commands", "Deployment many", many},
			{"a 70 KB line", "Deployment keep", []tin{run("echo " + strings.Repeat("a", 70<<10)), run("kubectl create deployment keep --image=nginx:1.9.1")}},
		} {
			t.Run(s.name, func(t *testing.T) {
				reload(t, sessionJSON(t, s.ins...))
				answers(t)
				restored(t)
				if mustEval[int](t, b, `document.querySelectorAll(".banner.aside").length`) != 0 {
					t.Fatalf("kept aside instead of restored: %s", mustEval[string](t, b, `document.querySelector(".banner.aside").innerText`))
				}
				b.waitFor(t, s.tree, fmt.Sprintf(`__lab.items().some(i => i.raw.startsWith(%q))`, s.tree), `JSON.stringify(__lab.items().slice(0, 5))`, 30*time.Second)
				// Every input is still stored, plus the command typed after the reload.
				b.waitFor(t, "the stored session to keep every input", fmt.Sprintf(`%s >= %d`, storedInputs, len(s.ins)+1), storedInputs, 10*time.Second)
			})
		}
	})

	t.Run("replaced sessions stay recoverable", func(t *testing.T) {
		reload(t, sessionJSON(t, run("kubectl create deployment mine --image=nginx:1.9.1")))
		restored(t)
		mine := `__lab.items().some(i => i.raw.startsWith("Deployment mine"))`
		b.waitFor(t, "my Deployment", mine, `JSON.stringify(__lab.items())`, 30*time.Second)

		openLink(t, shareFragment(t, sessionJSON(t, run("kubectl create deployment theirs --image=nginx:1.9.1"))))
		restored(t)
		b.waitFor(t, "the shared Deployment", `__lab.items().some(i => i.raw.startsWith("Deployment theirs"))`, `JSON.stringify(__lab.items())`, 30*time.Second)
		b.click(t, "button", "Go back to it")
		restored(t)
		b.waitFor(t, "my Deployment back after the link", mine, `JSON.stringify(__lab.items())`, 30*time.Second)

		b.click(t, "button", "Start over")
		b.click(t, "button", "Yes, start over")
		b.waitFor(t, "an empty cluster", `__lab.items().length === 0`, `JSON.stringify(__lab.items())`, 10*time.Second)
		b.click(t, "button", "Recent sessions")
		b.waitFor(t, "the list", `__rl.one("button", "Recent sessions").getAttribute("aria-expanded") === "true"`, `""`, 5*time.Second)
		item := mustEval[string](t, b, `[...document.querySelectorAll("#recent-list button")].map(__rl.name).find(n => n.includes("before Start over")) || ""`)
		if item == "" {
			t.Fatalf("no recent session kept before Start over: %s", mustEval[string](t, b, `document.querySelector("#recent-list").innerText`))
		}
		b.click(t, "button", item)
		restored(t)
		b.waitFor(t, "my Deployment back after Start over", mine, `JSON.stringify(__lab.items())`, 30*time.Second)
	})

	t.Run("unreadable storage is kept aside", func(t *testing.T) {
		for _, raw := range []string{`{not json`, `{"v":2,"session":"{}","future":[1,2]}`} {
			mustEval[bool](t, b, fmt.Sprintf(`localStorage.removeItem("rolloutlab/aside"), localStorage.setItem("rolloutlab/session", %s), true`, jsString(raw)))
			b.open(t, page)
			b.waitFor(t, "the kept-aside banner", `!!document.querySelector(".banner.aside") && __rl.find("button", "Download it").length > 0`, `document.body.innerText.slice(0, 400)`, 10*time.Second)
			text := mustEval[string](t, b, `document.querySelector(".banner.aside").innerText`)
			if strings.Contains(text, "link") || !strings.Contains(text, "kept aside") {
				t.Fatalf("banner: %s", text)
			}
			answers(t) // saves a new session over rolloutlab/session
			kept := mustEval[string](t, b, `(JSON.parse(localStorage.getItem("rolloutlab/aside")) || [{}])[0].data || ""`)
			if kept != raw {
				t.Fatalf("kept aside %q, want %q", kept, raw)
			}
		}
	})

	t.Run("share says copied only once the clipboard has it", func(t *testing.T) {
		b.open(t, page)
		mustEval[bool](t, b, `navigator.clipboard.writeText = () => new Promise((ok, fail) => { window.__copy = { ok, fail } }), true`)
		b.click(t, "button", "Share")
		b.waitFor(t, "the link offered by hand", `__rl.find("textbox", "Share link").length > 0 && document.querySelector(".share-box").innerText.includes("Copy this link")`, `document.querySelector(".share-box") ? document.querySelector(".share-box").innerText : "none"`, 10*time.Second)
		mustEval[bool](t, b, `window.__copy.ok(), true`)
		b.waitFor(t, "copied once resolved", `document.querySelector(".share-box").innerText.includes("Link copied")`, `document.querySelector(".share-box").innerText`, 10*time.Second)
	})

	// Issue 11, "nothing frozen", for commands typed live: a 5,000-replica scale (its settling
	// creates 5,000 pods at one instant) and `kubectl get pods -o yaml | wc -c` over those pods
	// (4 MB of YAML printed) run in slices; the page answers a second typed command within 1 s
	// of it being typed and shows the command's progress. Typing itself waits for a frozen
	// page, so the time counts from the start of typing.
	t.Run("long commands typed at the prompt", func(t *testing.T) {
		mustEval[bool](t, b, `localStorage.removeItem("rolloutlab/session"), true`)
		b.open(t, page)
		if len(mustEval[[]string](t, b, `__rl.find("button", "Play").map(__rl.name)`)) > 0 {
			b.click(t, "button", "Play") // a paused clock leaves a command's settling to Step
		}
		b.typeInto(t, "kubectl command", "kubectl create deployment web --image=nginx:1.9.1", true)
		b.waitFor(t, "the Deployment", `__lab.terminal().includes("deployment.apps/web created")`, `__lab.terminal().slice(-300)`, 30*time.Second)
		for _, c := range []struct{ line, done string }{
			{"kubectl scale deployment web --replicas=5000", "deployment.apps/web scaled"},
			{"kubectl get pods -o yaml | wc -c", "output truncated at 4 MB"},
		} {
			t.Run(c.line, func(t *testing.T) {
				if strings.Contains(c.line, "yaml") {
					// All 5,000 pods made (the ReplicaSet creates them 500 a pass), then the
					// listing alone, without their clock work.
					b.waitFor(t, "5,000 pods", `__lab.items().some(i => /^Deployment web .* 5000 up to date/.test(i.raw))`, `JSON.stringify(__lab.items().slice(0, 3))`, 120*time.Second)
					if len(mustEval[[]string](t, b, `__rl.find("button", "Pause").map(__rl.name)`)) > 0 {
						b.click(t, "button", "Pause")
					}
				}
				// Both lines are entered as the prompt takes them (its value, then Enter) from a
				// timer, so that the test goes on at once, as a learner would. The second line's
				// time counts from before the script that enters it: a frozen page runs none.
				enter := func(line string) {
					mustEval[bool](t, b, fmt.Sprintf(`(() => { const el = __rl.one("textbox", "kubectl command"); setTimeout(() => { el.value = %s; el.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true})) }, 0); return true })()`, jsString(line)))
				}
				enter(c.line)
				acks++
				word := fmt.Sprintf("ack-%d", acks)
				start := time.Now()
				enter("echo " + word)
				b.waitFor(t, "the page to answer a typed command", fmt.Sprintf(`__lab.terminal().includes(%q)`, word), `__lab.terminal().slice(-300)`, 30*time.Second)
				took := time.Since(start)
				if took > time.Second {
					t.Fatalf("the page answered a command typed while %q ran after %v, want within 1 s", c.line, took.Round(time.Millisecond))
				}
				t.Logf("answered in %v", took.Round(time.Millisecond))
				b.waitFor(t, "the command's progress", `!!document.querySelector(".banner.restoring") && document.querySelector(".banner.restoring").innerText.includes("Running kubectl")`, `__lab.terminal().slice(-400)`, 5*time.Second)
				b.waitFor(t, "the command to finish", fmt.Sprintf(`__lab.terminal().includes(%q) && !document.querySelector(".banner.restoring")`, c.done), `__lab.terminal().slice(-300)`, 120*time.Second)
				t.Logf("done %v after the line typed meanwhile", time.Since(start).Round(time.Millisecond))
				b.waitFor(t, "the line typed meanwhile to run", fmt.Sprintf(`__lab.count(__lab.terminal(), %q) >= 3`, word), `__lab.terminal().slice(-300)`, 30*time.Second)
			})
		}
		// Ctrl+C, pressed at the prompt while two listings of 5,000 pods run, stops them as a
		// shell would: "^C", nothing printed, and the prompt takes the next line.
		t.Run("Ctrl+C stops a long listing", func(t *testing.T) {
			b.focusBox(t, "kubectl command")
			b.insertText(t, "kubectl get pods -o yaml | wc -c; kubectl get pods -o json | wc -c")
			b.pressKey(t, "Enter", 0)
			b.pressKey(t, "c", chromedp.ModifierCtrl)
			b.waitFor(t, "the listing to stop", `/wc -c\s*\^C\s+stopped\s*$/.test(__lab.terminal())`, `__lab.terminal().slice(-300)`, 30*time.Second)
			b.typeInto(t, "kubectl command", "echo after-ctrl-c", true)
			b.waitFor(t, "the next line", `/\^C\s+stopped[^]*after-ctrl-c[^]*after-ctrl-c/.test(__lab.terminal())`, `__lab.terminal().slice(-300)`, 30*time.Second)
			b.screenshot(t, "trust-ctrl-c")
		})
	})
}
