package cli

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestStatic writes a site from a stand-in app.wasm (the page is prerendered natively, so the
// real wasm is not needed) and checks the files the hosts and the service worker rely on. The
// browser tests in e2e/ load the real thing.
func TestStatic(t *testing.T) {
	web := t.TempDir()
	for name, body := range map[string]string{
		"app.wasm":     "\x00asm\x01\x00\x00\x00",
		"app.css":      "body{}",
		"icon-192.png": "png",
		"icon-512.png": "png",
		"icon.svg":     "<svg/>",
		"gen_icons.go": "package main",
		"wasm_exec.js": "// make build's copy",
		"embed.html":   "<title>placeholder</title>",
	} {
		if err := os.WriteFile(filepath.Join(web, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"static", "--out", out, "--prefix", "/lab/", "--version", "abc123", "--web", web}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "served under /lab/") {
		t.Errorf("output: %s", stdout.String())
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if index := read("index.html"); !strings.Contains(index, `src="/lab/app.js"`) || !strings.Contains(index, "<title>Rollout Lab</title>") {
		t.Errorf("index.html is not for /lab/:\n%.600s", index)
	}
	if w := read("app-worker.js"); !strings.Contains(w, `cachePrefix + "abc123-`) {
		t.Errorf("app-worker.js does not name version abc123-<hash>")
	}
	if read("web/app.wasm") != "\x00asm\x01\x00\x00\x00" || read("web/app.css") != "body{}" {
		t.Errorf("web/ was not copied")
	}
	// The embedding placeholder sits next to index.html, whose address it uses (issue 10).
	if read("embed.html") != "<title>placeholder</title>" {
		t.Errorf("embed.html is not at the site's root")
	}
	for _, skipped := range []string{"web/gen_icons.go", "web/wasm_exec.js", "web/embed.html"} {
		if _, err := os.Stat(filepath.Join(out, skipped)); err == nil {
			t.Errorf("%s was published", skipped)
		}
	}
	if js := read("wasm_exec.js"); !strings.Contains(js, "Go") || strings.Contains(js, "make build's copy") {
		t.Errorf("wasm_exec.js is not the toolchain's")
	}

	// The prerender runs go-app's handler on a temporary http://127.0.0.1:PORT/ server, whose
	// address must not end up in the published page (og:url, the link that shares show).
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".br") && !strings.HasSuffix(p, ".gz") {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte("127.0.0.1")) {
				t.Errorf("%s names the prerender's address 127.0.0.1", p)
			}
		}
		return err
	})
	if index := read("index.html"); strings.Contains(index, "og:url") || strings.Contains(index, "og:image") {
		t.Errorf("index.html names an address without --public-url")
	}

	// The site's policy travels with it: in the page for hosts without headers, and in
	// _headers for Netlify and Cloudflare Pages, allowing the loader's inline script by hash.
	index := read("index.html")
	policy := ContentSecurityPolicy([]byte(index))
	if !strings.Contains(index, "<meta charset=\"UTF-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\""+policy+"\">") {
		t.Errorf("index.html does not start with the policy %s:\n%.400s", policy, index)
	}
	if !strings.Contains(policy, "'sha256-") {
		t.Errorf("the policy allows no inline loader: %s", policy)
	}
	if h := read("_headers"); !strings.Contains(h, "/*\n  Cache-Control: no-cache\n  X-Content-Type-Options: nosniff\n  Content-Security-Policy: "+policy+"\n") {
		t.Errorf("_headers:\n%s", h)
	}

	// Every compressible file has a brotli and a gzip variant with the same content, for the
	// hosts that serve precompressed files; PNGs are compressed already.
	for _, name := range []string{"web/app.wasm", "web/app.css", "web/icon.svg", "index.html", "app.js", "wasm_exec.js", "app.css", "app-worker.js", "manifest.webmanifest"} {
		raw := read(name)
		br, err := io.ReadAll(brotli.NewReader(strings.NewReader(read(name + ".br"))))
		if err != nil || string(br) != raw {
			t.Errorf("%s.br does not decode to %s: %v", name, name, err)
		}
		gz, err := gzip.NewReader(strings.NewReader(read(name + ".gz")))
		if err != nil {
			t.Fatalf("%s.gz: %v", name, err)
		}
		if b, err := io.ReadAll(gz); err != nil || string(b) != raw {
			t.Errorf("%s.gz does not decode to %s: %v", name, name, err)
		}
	}
	for _, name := range []string{"web/icon-192.png.br", "web/icon-192.png.gz"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s was written", name)
		}
	}

	// A change to any asset gives a new version, so the service worker replaces its cache.
	if err := os.WriteFile(filepath.Join(web, "app.css"), []byte("body{color:red}"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := read("app-worker.js")
	if code := Main([]string{"static", "--out", out, "--prefix", "lab", "--version", "abc123", "--web", web}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if read("app-worker.js") == before {
		t.Errorf("the version did not change with the assets")
	}

	if code := Main([]string{"static", "--out", out, "--wasm", filepath.Join(web, "missing.wasm")}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "make build") {
		t.Errorf("a missing app.wasm: exit %d, %q", code, stderr.String())
	}
}

// TestStaticPublicURL: with the address the site is published at, og:url names it and
// og:image the large icon there (Open Graph wants absolute URLs); an address that is not
// absolute, or whose path is not the one the site is built for, is refused before any work, as
// is a --compress other than best or fast.
func TestStaticPublicURL(t *testing.T) {
	web := t.TempDir()
	for name, body := range map[string]string{"app.wasm": "\x00asm\x01\x00\x00\x00", "app.css": "body{}"} {
		if err := os.WriteFile(filepath.Join(web, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"static", "--out", out, "--prefix", "lab", "--web", web, "--public-url", "https://example.org/lab"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<meta property="og:url" content="https://example.org/lab/">`,
		`<meta property="og:image" content="https://example.org/lab/web/icon-512.png">`,
	} {
		if !strings.Contains(string(index), want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if code := Main([]string{"static", "--out", out, "--web", web, "--compress", "max"}, &stdout, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), `--compress "max": want best or fast`) {
		t.Errorf("--compress max: exit %d, %q", code, stderr.String())
	}
	for _, c := range []struct{ prefix, url, err string }{
		{"lab", "https://example.org/", "its path / is not the path the site is built for, /lab/"},
		{"", "https://example.org/lab/", "its path /lab/ is not the path the site is built for, /"},
		{"", "example.org", "want an absolute http(s) address"},
		{"", "ftp://example.org/", "want an absolute http(s) address"},
		{"", "https://example.org/?a=1", "want an absolute http(s) address"},
		{"", "https://exa mple.org/", "want an absolute http(s) address"},
	} {
		stderr.Reset()
		code := Main([]string{"static", "--out", out, "--prefix", c.prefix, "--web", web, "--public-url", c.url}, &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), c.err) {
			t.Errorf("--prefix %q --public-url %q: exit %d, %q; want 1 and %q", c.prefix, c.url, code, stderr.String(), c.err)
		}
	}
}
