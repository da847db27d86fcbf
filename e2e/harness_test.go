//go:build !js

package e2e

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"rolloutlab/cli"
)

//go:embed a11y.js
var a11yJS string

//go:embed lab.js
var labJS string

// The module's root, seen from this package's folder (go test runs tests in e2e/).
const root = ".."

// env holds what TestMain prepared: the Chromium binary and the app.wasm the sites publish.
var env struct {
	chromium string
	wasm     string
	tmp      string
	skip     string // why browser tests skip, when they do
}

func TestMain(m *testing.M) {
	code := func() int {
		tmp, err := os.MkdirTemp("", "rolloutlab-e2e-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		env.tmp = tmp
		if err := prepare(); err != nil {
			if env.wasm == "" {
				fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
				return 1
			}
			if os.Getenv("ROLLOUTLAB_E2E_REQUIRE") != "" {
				fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
				return 1
			}
			env.skip = err.Error()
			fmt.Fprintf(os.Stderr, "e2e: browser tests skip: %v\n", err)
		}
		return m.Run()
	}()
	os.Exit(code)
}

// prepare finds the wasm build (ROLLOUTLAB_WASM, or a fresh `go build`), then Chromium.
// Only a missing Chromium makes the browser tests skip.
func prepare() error {
	env.wasm = os.Getenv("ROLLOUTLAB_WASM")
	if _, err := os.Stat(env.wasm); env.wasm == "" || err != nil {
		env.wasm = filepath.Join(env.tmp, "app.wasm")
		start := time.Now()
		// The Makefile holds the browser build's flags (WASM_GCFLAGS): the tests drive that build.
		cmd := exec.Command("make", "--no-print-directory", "wasm", "WASM_OUT="+env.wasm)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			env.wasm = ""
			return fmt.Errorf("building app.wasm: %v\n%s", err, out)
		}
		fmt.Fprintf(os.Stderr, "e2e: built app.wasm in %v\n", time.Since(start).Round(time.Millisecond))
	}
	env.chromium = os.Getenv("CHROMIUM")
	if env.chromium == "" {
		env.chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(env.chromium); err != nil {
		p, lerr := exec.LookPath("chromium")
		if lerr != nil {
			return fmt.Errorf("no Chromium at %s and none on PATH: install Debian's chromium package (make test does, as root)", env.chromium)
		}
		env.chromium = p
	}
	return nil
}

func needBrowser(t testing.TB) {
	t.Helper()
	if env.skip != "" {
		t.Skip(env.skip)
	}
}

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  string
)

// buildSite writes the static site with the `rolloutlab static` command (once per test binary:
// the one build serves every path) and returns its folder.
func buildSite(t testing.TB) string {
	t.Helper()
	siteOnce.Do(func() {
		dir := filepath.Join(env.tmp, "site")
		var out, errs bytes.Buffer
		args := []string{"static", "--out", dir, "--version", "e2e", "--web", webDir(), "--wasm", env.wasm}
		if code := cli.Main(args, &out, &errs); code != 0 {
			siteErr = fmt.Sprintf("rolloutlab %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errs.String())
			return
		}
		t.Logf("%s", strings.TrimSpace(out.String()))
		siteDir = dir
	})
	if siteErr != "" {
		t.Fatal(siteErr)
	}
	return siteDir
}

// server hosts a site on 127.0.0.1 with the same handler as `rolloutlab serve`.
type server struct {
	URL string // the site's address, ending in "/"
	srv *http.Server
	ln  net.Listener
}

func serveSite(t testing.TB, dir, prefix string, wrap ...func(http.Handler) http.Handler) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := cli.SiteHandler(dir, prefix)
	for _, w := range wrap {
		h = w(h)
	}
	s := &server{ln: ln, srv: &http.Server{Handler: h}}
	s.URL = "http://" + ln.Addr().String() + "/"
	if p := strings.Trim(prefix, "/"); p != "" {
		s.URL += p + "/"
	}
	go s.srv.Serve(ln)
	t.Cleanup(s.Close)
	return s
}

// throttleWasm spreads the sending of a .wasm file over about d, like a slow network, whatever
// its size: the server may send a brotli copy a fifth of the raw size, and the wasm shrinks.
func throttleWasm(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.URL.Path, ".wasm") {
				next.ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(&slowWriter{ResponseWriter: w, total: d}, r)
		})
	}
}

// slowWriter sends in chunks, each after its share of total (Content-Length, set before the
// first Write, gives the size).
type slowWriter struct {
	http.ResponseWriter
	total time.Duration
}

func (s *slowWriter) Write(p []byte) (int, error) {
	const chunk = 32 << 10
	size, err := strconv.Atoi(s.Header().Get("Content-Length"))
	if err != nil || size <= 0 {
		size = 2 << 20
	}
	n := 0
	for len(p) > 0 {
		c := min(chunk, len(p))
		m, err := s.ResponseWriter.Write(p[:c])
		n += m
		if err != nil {
			return n, err
		}
		if f, ok := s.ResponseWriter.(http.Flusher); ok {
			f.Flush()
		}
		time.Sleep(s.total * time.Duration(c) / time.Duration(size))
		p = p[c:]
	}
	return n, nil
}

// Close stops the server: its port refuses connections from then on (offline).
func (s *server) Close() { s.srv.Close() }

// browser is one headless Chromium with a fresh profile, and one tab in it.
type browser struct {
	t        testing.TB
	ctx      context.Context
	cancel   func()
	once     sync.Once
	mu       sync.Mutex
	problems []string // uncaught exceptions and Go panics seen in the console
	errors   []string // other console errors (a failed request, say): logged, not failed
	console  []string
}

func newBrowser(t testing.TB) *browser {
	t.Helper()
	needBrowser(t)
	profile := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(env.chromium),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	b := &browser{t: t, ctx: ctx, cancel: func() { cancel(); acancel() }}
	// Start the browser before subscribing to anything (goapp-notes §3.5).
	if err := chromedp.Do(ctx); err != nil {
		b.cancel()
		t.Fatalf("starting Chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: a11yJS + labJS + readyProbeJS}); err != nil {
		b.cancel()
		t.Fatal(err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			line := fmt.Sprintf("console.%s: %s", m.Type, m.Text)
			if m.URL != "" && (m.Type == chromedp.ConsoleError || m.IsException()) {
				line += " (" + m.URL + ")"
			}
			b.mu.Lock()
			b.console = append(b.console, line)
			if m.Type == chromedp.ConsoleError && !m.IsException() {
				b.errors = append(b.errors, line)
			}
			if m.IsException() || strings.Contains(m.Text, "panic:") || strings.Contains(m.Text, "fatal error:") {
				b.problems = append(b.problems, line)
			}
			b.mu.Unlock()
		}
	}()
	t.Cleanup(b.close)
	return b
}

// readyProbeJS notes when <body data-app-ready="1"> first appears (window.__rlReadyAt,
// relative to navigation start) and every text the loader's label showed (window.__rlLoader).
const readyProbeJS = `
(() => {
  window.__rlLoader = [];
  const obs = new MutationObserver(() => {
    const label = document.getElementById("app-wasm-loader-label");
    if (label && window.__rlLoader[window.__rlLoader.length - 1] !== label.textContent) {
      window.__rlLoader.push(label.textContent);
    }
    if (document.body && document.body.dataset.appReady === "1") {
      window.__rlReadyAt = performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document, { subtree: true, attributes: true, childList: true, characterData: true });
})();`

// close reports the console's problems and stops the browser (once).
func (b *browser) close() { b.once.Do(b.shutdown) }

func (b *browser) shutdown() {
	b.mu.Lock()
	problems := append([]string(nil), b.problems...)
	errs := append([]string(nil), b.errors...)
	b.mu.Unlock()
	for _, e := range errs {
		b.t.Logf("browser console: %s", e)
	}
	for _, p := range problems {
		b.t.Errorf("browser console: %s", p)
	}
	b.cancel()
}

// consoleTail returns the last console lines, for failure messages.
func (b *browser) consoleTail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := b.console
	if len(c) > n {
		c = c[len(c)-n:]
	}
	return strings.Join(c, "\n")
}

// do runs actions with a timeout.
func (b *browser) do(timeout time.Duration, actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// eval evaluates JavaScript (awaiting a promise) and decodes the result into T.
func eval[T any](b *browser, js string) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	var v T
	var err error
	for range 3 { // a navigation can replace the context under us (goapp-notes §3.4)
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
		if err == nil || !strings.Contains(err.Error(), "context") || ctx.Err() != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	return v, err
}

func mustEval[T any](t testing.TB, b *browser, js string) T {
	t.Helper()
	v, err := eval[T](b, js)
	if err != nil {
		t.Fatalf("evaluating %s: %v\nconsole:\n%s", short(js), err, b.consoleTail(15))
	}
	return v
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

// open navigates and waits until the app has mounted and rendered (body[data-app-ready="1"]).
// A URL that names no lesson opens free play (?play=1), which the tests of the playground
// drive; without it the page opens on the lesson picker (openAs keeps the URL as it is).
func (b *browser) open(t testing.TB, url string) {
	t.Helper()
	b.openAs(t, freePlay(url))
}

// freePlay adds play=1 to a URL of the page that names neither a lesson nor ?play.
func freePlay(u string) string {
	frag := ""
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u, frag = u[:i], u[i:]
	}
	if strings.Contains(u, "lesson=") || strings.Contains(u, "play=") {
		return u + frag
	}
	if strings.Contains(u, "?") {
		return u + "&play=1" + frag
	}
	return u + "?play=1" + frag
}

// openAs navigates to url as given and waits until the app is ready.
func (b *browser) openAs(t testing.TB, url string) {
	t.Helper()
	if err := b.do(60*time.Second, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigating to %s: %v", url, err)
	}
	b.waitReady(t)
}

func (b *browser) waitReady(t testing.TB) {
	t.Helper()
	if _, err := b.poll(`document.body && document.body.dataset.appReady === "1"`, 60*time.Second); err != nil {
		loader, _ := eval[string](b, `(document.getElementById("app-wasm-loader-label") || {}).innerText || "(no loader)"`)
		t.Fatalf("the app never became ready (body[data-app-ready=1]): %v\nloader: %s\nconsole:\n%s", err, loader, b.consoleTail(20))
	}
}

// poll waits until the expression is truthy, retrying through navigations.
func (b *browser) poll(expr string, timeout time.Duration) (bool, error) {
	deadline := time.Now().Add(timeout)
	for {
		ctx, cancel := context.WithDeadline(b.ctx, deadline)
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(10*time.Millisecond)))
		cancel()
		if err == nil {
			return true, nil
		}
		if time.Now().After(deadline) || b.ctx.Err() != nil {
			return false, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitFor polls a JavaScript condition and fails the test with what explain() evaluates to.
func (b *browser) waitFor(t testing.TB, what, cond, explain string, timeout time.Duration) {
	t.Helper()
	if _, err := b.poll(cond, timeout); err != nil {
		got, _ := eval[string](b, explain)
		t.Fatalf("waiting for %s: %v\nfound: %s\nconsole:\n%s", what, err, got, b.consoleTail(10))
	}
}

// waitAsync evaluates a promise of a boolean until it is true.
func (b *browser) waitAsync(t testing.TB, what, expr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := eval[bool](b, expr)
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v (last error %v)\nconsole:\n%s", what, ok, err, b.consoleTail(10))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

type point struct {
	X, Y, W, H float64
	Covered    bool
	Top        string
}

// click clicks the element with the role and exact name, with the mouse, as a user would.
func (b *browser) click(t testing.TB, role, name string) {
	t.Helper()
	js := fmt.Sprintf(`__rl.point(__rl.one(%q, %q))`, role, name)
	var p point
	ok, _ := b.poll(fmt.Sprintf(`__rl.find(%q, %q).length > 0`, role, name), 10*time.Second)
	if !ok {
		t.Fatalf("no %s named %q to click\n%s", role, name, b.describe(role))
	}
	p = mustEval[point](t, b, js)
	if p.Covered {
		t.Fatalf("the %s %q is covered by %s", role, name, p.Top)
	}
	if p.W == 0 || p.H == 0 {
		t.Fatalf("the %s %q has no size", role, name)
	}
	if err := b.do(10*time.Second, chromedp.MouseClickXY(p.X, p.Y)); err != nil {
		t.Fatalf("clicking %s %q: %v", role, name, err)
	}
}

// describe lists the names of the elements with a role, for failure messages.
func (b *browser) describe(role string) string {
	names, _ := eval[[]string](b, fmt.Sprintf(`__rl.find(%q).map(__rl.name)`, role))
	return fmt.Sprintf("%ss on the page: %q", role, names)
}

// typeInto focuses the textbox with the name, replaces its text, and optionally presses Enter.
func (b *browser) typeInto(t testing.TB, name, text string, enter bool) {
	t.Helper()
	if ok, _ := b.poll(fmt.Sprintf(`__rl.find("textbox", %q).length > 0`, name), 10*time.Second); !ok {
		t.Fatalf("no textbox named %q\n%s", name, b.describe("textbox"))
	}
	mustEval[chromedp.Void](t, b, fmt.Sprintf(`(() => { const el = __rl.one("textbox", %q); el.focus(); el.select && el.select(); })()`, name))
	actions := []chromedp.Action[chromedp.Void]{
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			// Select all first (a contenteditable editor has no select()), then type over it.
			if _, err := chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl))(ctx, tg); err != nil {
				return err
			}
			if _, err := chromedp.KeyEvent("\b")(ctx, tg); err != nil {
				return err
			}
			_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: text})
			return err
		}),
	}
	if enter {
		actions = append(actions, chromedp.KeyEvent("\r"))
	}
	if err := b.do(20*time.Second, actions...); err != nil {
		t.Fatalf("typing into %q: %v", name, err)
	}
}

// screenshot saves the whole page as e2e/screenshots/NAME.png.
func (b *browser) screenshot(t testing.TB, name string) {
	t.Helper()
	if err := os.MkdirAll("screenshots", 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	// The whole page, from the top (the playground is taller than the window).
	_ = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join("screenshots", name+".png"), buf, 0o644); err != nil {
		t.Error(err)
	}
}

// axNames returns the accessible names Chromium itself computes for the role (the exact
// contract, not the test helper's approximation).
func (b *browser) axNames(t testing.TB, role string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	doc, err := chromedp.Run(ctx, chromedp.Evaluate[*runtime.RemoteObject](`document`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Call(ctx, accessibility.QueryAXTree, accessibility.QueryAXTreeParams{ObjectID: doc.ObjectID, Role: role})
	if err != nil {
		t.Fatalf("querying the accessibility tree: %v", err)
	}
	var names []string
	for _, n := range res.Nodes {
		if n.Ignored || n.Name == nil {
			continue
		}
		var s string
		if err := json.Unmarshal(n.Name.Value, &s); err == nil {
			names = append(names, s)
		}
	}
	return names
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// webDir is the folder of assets the sites publish (ROLLOUTLAB_WEB, or the module's web/).
func webDir() string {
	if d := os.Getenv("ROLLOUTLAB_WEB"); d != "" {
		return d
	}
	return filepath.Join(root, "web")
}

// Keyboard helpers: real key events through CDP (Input.dispatchKeyEvent and Input.insertText),
// so the page's keydown, keypress and input handlers run as they do for a person typing.

// namedKeys are the CDP fields of the non-character keys the tests press.
var namedKeys = map[string]input.DispatchKeyEventParams{
	"Tab":        {Key: "Tab", Code: "Tab", WindowsVirtualKeyCode: 9},
	"Enter":      {Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, Text: "\r"},
	"Escape":     {Key: "Escape", Code: "Escape", WindowsVirtualKeyCode: 27},
	"Backspace":  {Key: "Backspace", Code: "Backspace", WindowsVirtualKeyCode: 8},
	"End":        {Key: "End", Code: "End", WindowsVirtualKeyCode: 35},
	"ArrowDown":  {Key: "ArrowDown", Code: "ArrowDown", WindowsVirtualKeyCode: 40},
	"ArrowRight": {Key: "ArrowRight", Code: "ArrowRight", WindowsVirtualKeyCode: 39},
}

// charKey is the key that types the character r (US layout, no modifiers).
func charKey(r rune) input.DispatchKeyEventParams {
	k := input.DispatchKeyEventParams{Key: string(r), Text: string(r)}
	switch {
	case r >= 'a' && r <= 'z':
		k.Code, k.WindowsVirtualKeyCode = "Key"+strings.ToUpper(string(r)), int64(r-'a'+'A')
	case r >= 'A' && r <= 'Z':
		k.Code, k.WindowsVirtualKeyCode = "Key"+string(r), int64(r)
	case r >= '0' && r <= '9':
		k.Code, k.WindowsVirtualKeyCode = "Digit"+string(r), int64(r)
	case r == ' ':
		k.Code, k.WindowsVirtualKeyCode = "Space", 32
	}
	return k
}

// sendKey dispatches one key press: keyDown (rawKeyDown when it types nothing), then keyUp.
func (b *browser) sendKey(t testing.TB, k input.DispatchKeyEventParams) {
	t.Helper()
	err := b.do(10*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		down := k
		down.Type = input.DispatchKeyEventTypeKeyDown
		if k.Text == "" {
			down.Type = input.DispatchKeyEventTypeRawKeyDown
		}
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := k
		up.Type, up.Text, up.Commands = input.DispatchKeyEventTypeKeyUp, "", nil
		_, err := chromedp.Call(ctx, input.DispatchKeyEvent, up)
		return err
	}))
	if err != nil {
		t.Fatalf("pressing %q: %v", k.Key, err)
	}
}

// pressKey presses a named key (namedKeys), or a character key with modifiers
// (chromedp.ModifierCtrl, …) and the editing commands Chromium runs for it (Ctrl+A: "selectAll").
func (b *browser) pressKey(t testing.TB, key string, modifiers chromedp.Modifier, commands ...string) {
	t.Helper()
	k, ok := namedKeys[key]
	if !ok {
		r := []rune(key)
		if len(r) != 1 {
			t.Fatalf("no key %q", key)
		}
		k = charKey(r[0])
	}
	if modifiers != 0 {
		k.Modifiers, k.Text = int64(modifiers), ""
	}
	k.Commands = commands
	b.sendKey(t, k)
}

// typeKeys types text one key press per character.
func (b *browser) typeKeys(t testing.TB, text string) {
	t.Helper()
	for _, r := range text {
		b.sendKey(t, charKey(r))
	}
}

// insertText inserts text at the caret as a paste does: one input event, no key events.
func (b *browser) insertText(t testing.TB, text string) {
	t.Helper()
	err := b.do(60*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: text})
		return err
	}))
	if err != nil {
		t.Fatalf("inserting %d bytes of text: %v", len(text), err)
	}
}

// focusBox focuses the textbox with the accessible name, as a click on it would.
func (b *browser) focusBox(t testing.TB, name string) {
	t.Helper()
	if ok, _ := b.poll(fmt.Sprintf(`__rl.find("textbox", %q).length > 0`, name), 10*time.Second); !ok {
		t.Fatalf("no textbox named %q\n%s", name, b.describe("textbox"))
	}
	mustEval[chromedp.Void](t, b, fmt.Sprintf(`__rl.one("textbox", %q).focus()`, name))
}
