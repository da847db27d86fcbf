//go:build !js

package e2e

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rolloutlab/cli"
)

// TestStaticSite checks the files `rolloutlab static` writes from the real app.wasm: one build,
// every address relative to the file that holds it, so it works in any folder (issue 10).
func TestStaticSite(t *testing.T) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	wasmExec, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	wasm, err := os.ReadFile(env.wasm)
	if err != nil {
		t.Fatal(err)
	}
	dir := buildSite(t)
	p := "./"
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	index := read("index.html")
	for _, want := range []string{
		"<title>Rollout Lab</title>",
		`href="` + p + `web/app.css"`,
		`src="` + p + `app.js"`,
		`src="` + p + `wasm_exec.js"`,
		`href="` + p + `web/icon.svg"`,
		`href="` + p + `manifest.webmanifest"`,
		`Loading Rollout Lab 0%`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if got := read("wasm_exec.js"); got != string(wasmExec) {
		t.Errorf("wasm_exec.js is not the toolchain's $(go env GOROOT)/lib/wasm/wasm_exec.js")
	}
	if got := read("web/app.wasm"); got != string(wasm) {
		t.Errorf("web/app.wasm differs from the build")
	}
	for _, f := range []string{"web/icon-192.png", "web/icon-512.png", "web/icon.svg", ".nojekyll"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	worker := read("app-worker.js")
	for _, want := range []string{`cache: "reload"`, `ignoreSearch: true`, `cacheName = cachePrefix + "e2e-`, p + "web/app.wasm", p + "web/icon.svg"} {
		if !strings.Contains(worker, want) {
			t.Errorf("app-worker.js lacks %s", want)
		}
	}
	manifest := read("manifest.webmanifest")
	for _, want := range []string{`"scope": "` + p + `"`, `"start_url": "` + p + `"`, p + "web/icon-512.png"} {
		if !strings.Contains(manifest, want) {
			t.Errorf("manifest.webmanifest lacks %s", want)
		}
	}
	appJS := read("app.js")
	if !strings.Contains(appJS, fmt.Sprintf("Math.max(parseInt(contentLength, 10) || 0, %d)", len(wasm))) {
		t.Errorf("app.js: the loader's progress does not know the size of app.wasm")
	}
	if want := `"GOAPP_ROOT_PREFIX":new URL("./", document.currentScript.src).pathname`; !strings.Contains(appJS, want) {
		t.Errorf("app.js lacks %s", want)
	}
	// Nothing may point off the site (go-app's default icons live on GitHub).
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".wasm") || strings.HasSuffix(path, ".png") {
			return err
		}
		b, _ := os.ReadFile(path)
		if bytes.Contains(b, []byte("githubusercontent")) {
			t.Errorf("%s refers to githubusercontent.com", path)
		}
		return nil
	})
}

// TestSiteHandler checks `rolloutlab serve`'s headers and its prefix handling.
func TestSiteHandler(t *testing.T) {
	srv := serveSite(t, buildSite(t), "rolloutlab")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range []struct {
		path, status, ctype string
	}{
		{"", "200", "text/html"},
		{"app.js", "200", "javascript"},
		{"app-worker.js", "200", "javascript"},
		{"web/app.wasm", "200", "application/wasm"},
		{"manifest.webmanifest", "200", "application/manifest+json"},
	} {
		res, err := client.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if fmt.Sprint(res.StatusCode) != c.status || !strings.Contains(res.Header.Get("Content-Type"), c.ctype) ||
			res.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: %d %q Cache-Control %q; want %s %s no-cache", c.path, res.StatusCode,
				res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"), c.status, c.ctype)
		}
	}
	res, err := client.Get(strings.TrimSuffix(srv.URL, "rolloutlab/"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if loc := res.Header.Get("Location"); loc != "/rolloutlab/" {
		t.Errorf("GET / redirects to %q, want /rolloutlab/", loc)
	}
}

// TestOffline loads the site once (the service worker precaches it), stops the server, and
// loads it again with other queries and fragments, at the root and under a sub-path (the same
// build).
func TestOffline(t *testing.T) {
	needBrowser(t)
	for _, prefix := range []string{"", "rolloutlab"} {
		t.Run("prefix="+prefix, func(t *testing.T) {
			b := newBrowser(t)
			srv := serveSite(t, buildSite(t), prefix)
			b.open(t, srv.URL+"?lang=en")
			loader := mustEval[[]string](t, b, `window.__rlLoader`)
			progress := regexp.MustCompile(`^Loading Rollout Lab \d+%$`)
			for _, l := range loader {
				if !progress.MatchString(l) {
					t.Errorf("the loader showed %q, want Loading Rollout Lab N%%", l)
				}
			}
			if len(loader) == 0 || loader[len(loader)-1] != "Loading Rollout Lab 100%" {
				t.Errorf("the loader's texts: %q, want it to end at 100%%", loader)
			}
			if mustEval[bool](t, b, `!!document.getElementById("app-wasm-loader")`) {
				t.Errorf("the loader is still there once the app is ready")
			}
			b.waitAsync(t, "the service worker to control the page and cache this version", cachedJS, 60*time.Second)
			srv.Close()
			if res, err := http.Get(srv.URL); err == nil {
				res.Body.Close()
				t.Fatalf("the server still answers after Close")
			}
			for _, u := range []string{"?lang=en&offline=1#cmd=get+pods", "index.html?lang=zh", ""} {
				b.open(t, srv.URL+u)
				t.Logf("offline: %s%s became ready", srv.URL, u)
			}
			if prefix != "" {
				b.screenshot(t, "09-offline-subpath")
			}
		})
	}
}

// cachedJS holds once a service worker controls the page and its cache has app.wasm.
const cachedJS = `(async () => {
  if (!navigator.serviceWorker.controller) return false;
  for (const k of await caches.keys()) {
    const reqs = await (await caches.open(k)).keys();
    if (k.startsWith("rolloutlab:") && reqs.some(r => r.url.endsWith("/web/app.wasm"))) return true;
  }
  return false;
})()`

// TestRedeploy publishes a new version into the served folder and checks that an open page
// picks it up: the new worker precaches it (bypassing the HTTP cache), deletes the old cache,
// and the next load runs the new version.
func TestRedeploy(t *testing.T) {
	needBrowser(t)
	served := t.TempDir()
	gen := func(version string) {
		var out, errs bytes.Buffer
		args := []string{"static", "--out", served, "--version", version, "--web", webDir(), "--wasm", env.wasm}
		if code := cli.Main(args, &out, &errs); code != 0 {
			t.Fatalf("rolloutlab static: %s%s", out.String(), errs.String())
		}
	}
	gen("e2e-v1")
	b := newBrowser(t)
	srv := serveSite(t, served, "")
	b.open(t, srv.URL+"?lang=en")
	b.waitAsync(t, "the v1 worker", cachedJS, 60*time.Second)
	version := `goappGetenv("GOAPP_VERSION")`
	if v := mustEval[string](t, b, version); !strings.HasPrefix(v, "e2e-v1-") {
		t.Fatalf("version %q, want e2e-v1-…", v)
	}
	gen("e2e-v2")
	mustEval[bool](t, b, `navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => true)`)
	b.waitAsync(t, "the v2 cache, and no other", `caches.keys().then(k => k.length === 1 && k[0].startsWith("rolloutlab:/:e2e-v2-"))`, 60*time.Second)
	b.open(t, srv.URL+"?lang=en")
	if v := mustEval[string](t, b, version); !strings.HasPrefix(v, "e2e-v2-") {
		t.Errorf("after the redeploy and one reload the page runs %q, want e2e-v2-…", v)
	}
}

// TestLoader throttles app.wasm to about 4 s and watches the loader count up to 100 %.
func TestLoader(t *testing.T) {
	needBrowser(t)
	b := newBrowser(t)
	srv := serveSite(t, buildSite(t), "", throttleWasm(4*time.Second))
	if err := b.do(30*time.Second, chromedp.Navigate(srv.URL+"?lang=en")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, "the loader to show progress between 0 and 100 %",
		`/Loading Rollout Lab ([1-9]|[1-9][0-9])%/.test((document.getElementById("app-wasm-loader-label") || {}).textContent || "")`,
		`(document.getElementById("app-wasm-loader-label") || {}).textContent`, 30*time.Second)
	b.screenshot(t, "00-loading")
	b.waitReady(t)
	loader := mustEval[[]string](t, b, `window.__rlLoader`)
	t.Logf("loader texts: %d, from %q to %q", len(loader), loader[0], loader[len(loader)-1])
	if len(loader) < 3 || loader[len(loader)-1] != "Loading Rollout Lab 100%" {
		t.Errorf("the loader showed %q; want several steps up to 100%%", loader)
	}
}

// TestEmbed loads the playground in a cross-site iframe with the sandbox that docs/hosting.md
// recommends: a page on localhost embeds the site served on 127.0.0.1.
func TestEmbed(t *testing.T) {
	needBrowser(t)
	site := serveSite(t, buildSite(t), "")
	frameURL := site.URL + "?lang=en&embed=1"
	parent := t.TempDir()
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Docs</title><link rel="icon" href="data:,"></head>
<body style="margin:0;font-family:sans-serif"><p style="margin:8px">A docs page that embeds the playground:</p>
<iframe src="` + frameURL + `" title="Rollout Lab: a Kubernetes Deployment playground"
  sandbox="allow-scripts allow-same-origin" loading="lazy" style="width:100%;height:820px;border:0"></iframe>
</body></html>`
	if err := os.WriteFile(filepath.Join(parent, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	// The docs page is another site: a plain file server, without the playground's policy
	// (which forbids frames, and the page's inline styles).
	docs := serveSite(t, parent, "", func(http.Handler) http.Handler { return http.FileServer(http.Dir(parent)) })
	docsURL := strings.Replace(docs.URL, "127.0.0.1", "localhost", 1)
	b := newBrowser(t)
	if err := b.do(30*time.Second, chromedp.Navigate(docsURL)); err != nil {
		t.Fatal(err)
	}
	// A cross-site frame is a target of its own (goapp-notes §3.6).
	var frame *browser
	deadline := time.Now().Add(30 * time.Second)
	for frame == nil && time.Now().Before(deadline) {
		infos, err := chromedp.Targets(b.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && strings.HasPrefix(info.URL, site.URL) {
				ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(info.TargetID))
				t.Cleanup(cancel)
				// Attach with a context that has no deadline: the first Run binds the session
				// to the context it gets.
				if err := chromedp.Do(ctx); err != nil {
					t.Fatal(err)
				}
				frame = &browser{t: t, ctx: ctx, cancel: cancel}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if frame == nil {
		t.Fatalf("no iframe target for %s", frameURL)
	}
	frame.waitReady(t)
	mustEval[chromedp.Void](t, frame, a11yJS)
	frame.waitFor(t, "one Step button in the embedded playground", `__rl.find("button", "Step").length === 1`, `"?"`, 10*time.Second)
	b.screenshot(t, "10-embedded")
}
