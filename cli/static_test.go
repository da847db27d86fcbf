package cli

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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
	if code := Main([]string{"static", "--out", out, "--version", "abc123", "--web", web}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "serve it from any folder") {
		t.Errorf("output: %s", stdout.String())
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if index := read("index.html"); !strings.Contains(index, "<title>Rollout Lab</title>") {
		t.Errorf("index.html is not the playground:\n%.600s", index)
	}
	// One build for every folder (issue 10): each address is relative to the file holding it;
	// the router's prefix is the folder app.js is loaded from.
	for name, wants := range map[string][]string{
		"index.html": {`src="./app.js"`, `src="./wasm_exec.js"`, `href="./web/app.css"`, `href="./app.css"`,
			`href="./manifest.webmanifest"`, `href="./web/icon.svg"`, `src="./web/icon-192.png"`},
		"app.js": {`register(
        "./app-worker.js"`, `fetchWithProgress("./web/app.wasm"`,
			`"GOAPP_ROOT_PREFIX":new URL("./", document.currentScript.src).pathname.replace(/\/$/, "")`,
			`"GOAPP_STATIC_RESOURCES_URL":new URL("./", document.currentScript.src).pathname.replace(/\/$/, "")`},
		"manifest.webmanifest": {`"scope": "./"`, `"start_url": "./"`, `"src": "./web/icon-512.png"`},
		"app-worker.js":        {`["./","./app.css","./app.js",`, `"./web/app.wasm"`},
	} {
		got := read(name)
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
		if abs := absolutePath.FindString(got); abs != "" {
			t.Errorf("%s has an absolute path: %s", name, abs)
		}
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
	if code := Main([]string{"static", "--out", out, "--version", "abc123", "--web", web}, &stdout, &stderr); code != 0 {
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
// absolute is refused before any work, as is a --compress other than best or fast.
func TestStaticPublicURL(t *testing.T) {
	web := t.TempDir()
	for name, body := range map[string]string{"app.wasm": "\x00asm\x01\x00\x00\x00", "app.css": "body{}"} {
		if err := os.WriteFile(filepath.Join(web, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"static", "--out", out, "--web", web, "--public-url", "https://example.org/lab"}, &stdout, &stderr); code != 0 {
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
	for _, url := range []string{"example.org", "ftp://example.org/", "https://example.org/?a=1", "https://exa mple.org/"} {
		stderr.Reset()
		code := Main([]string{"static", "--out", out, "--web", web, "--public-url", url}, &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), "want an absolute http(s) address") {
			t.Errorf("--public-url %q: exit %d, %q; want 1 and an absolute address", url, code, stderr.String())
		}
	}
	// --prefix is gone: the one build works under any path.
	stderr.Reset()
	if code := Main([]string{"static", "--out", out, "--web", web, "--prefix", "lab"}, &stdout, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), "unknown flag --prefix") {
		t.Errorf("--prefix: exit %d, %q", code, stderr.String())
	}
}

// absolutePath matches a quoted address from the root of the host ("/app.js", "/web/…").
var absolutePath = regexp.MustCompile(`["']/[\w.-]+`)

// TestRelativize: go-app's addresses under the placeholder root become relative to the file
// that holds them, however deep it is; the router's prefix is worked out by app.js from its
// own address; and an address that cannot be rewritten fails the build instead of shipping a
// page that works only at one path.
func TestRelativize(t *testing.T) {
	for _, c := range []struct {
		name, file, in, want, err string
	}{
		{"page at the root", "index.html", `<script src="/rolloutlab-site-root/app.js">`, `<script src="./app.js">`, ""},
		{"the root itself", "app-worker.js", `["/rolloutlab-site-root","/rolloutlab-site-root/web/app.wasm"]`, `["./","./web/app.wasm"]`, ""},
		{"manifest scope", "manifest.webmanifest", `"scope": "/rolloutlab-site-root/"`, `"scope": "./"`, ""},
		{"page two folders down", "a/b/page.html", `<link href="/rolloutlab-site-root/web/app.css">`, `<link href="../../web/app.css">`, ""},
		{"router prefix", "app.js", `{"GOAPP_ROOT_PREFIX":"/rolloutlab-site-root"}`,
			`{"GOAPP_ROOT_PREFIX":new URL("./", document.currentScript.src).pathname.replace(/\/$/, "")}`, ""},
		{"not an address go-app writes", "index.html", `<a href='/rolloutlab-site-root/x'>`, "", "cannot make relative"},
		{"other files are left alone", "web/x.js", `"/rolloutlab-site-root/x"`, `"/rolloutlab-site-root/x"`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			p := filepath.Join(out, filepath.FromSlash(c.file))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(c.in), 0o644); err != nil {
				t.Fatal(err)
			}
			err := relativize(out)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(p); string(got) != c.want {
				t.Errorf("got %s\nwant %s", got, c.want)
			}
		})
	}
}

// TestStaticZip: `make dist`'s archive (issue 10) holds the site as written, under one folder
// named after the archive, plus EMBED.md from the repository's template with the version and
// the folder filled in; the same files pack to the same bytes.
func TestStaticZip(t *testing.T) {
	web := t.TempDir()
	for name, body := range map[string]string{"app.wasm": "\x00asm\x01\x00\x00\x00", "app.css": "body{}", "icon.svg": "<svg/>"} {
		if err := os.WriteFile(filepath.Join(web, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "site")
	zipPath := filepath.Join(t.TempDir(), "rolloutlab-site-v1.2.0.zip")
	args := []string{"static", "--out", out, "--web", web, "--version", "v1.2.0", "--zip", zipPath, "--embed-doc", filepath.Join("..", "docs", "EMBED.md")}
	var stdout, stderr bytes.Buffer
	if code := Main(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	first, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	inZip := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		inZip[f.Name] = string(b)
	}
	const folder = "rolloutlab-site-v1.2.0/"
	var onDisk int
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		onDisk++
		rel, _ := filepath.Rel(out, p)
		b, _ := os.ReadFile(p)
		if got, ok := inZip[folder+filepath.ToSlash(rel)]; !ok || got != string(b) {
			t.Errorf("%s: missing from the archive or different", rel)
		}
		return nil
	})
	for _, must := range []string{"index.html", "app.js", "app-worker.js", "wasm_exec.js", "manifest.webmanifest", "web/app.wasm", "web/app.wasm.br", "_headers", ".nojekyll"} {
		if _, ok := inZip[folder+must]; !ok {
			t.Errorf("the archive lacks %s%s", folder, must)
		}
	}
	if len(inZip) != onDisk+1 {
		t.Errorf("the archive has %d files, want the site's %d and EMBED.md", len(inZip), onDisk)
	}
	guide := inZip[folder+"EMBED.md"]
	for _, want := range []string{"# Rollout Lab v1.2.0-", "`rolloutlab-site-v1.2.0/`", `<iframe src="/rollout-lab/?embed=1&lang=en"`, `{{ "rollout-lab/" | relURL }}`} {
		if !strings.Contains(guide, want) {
			t.Errorf("EMBED.md lacks %s", want)
		}
	}
	// go-app writes attributes in any order, so only a repacking of the same files is compared.
	var packs [2][]byte
	for i := range packs {
		p := filepath.Join(t.TempDir(), "rolloutlab-site-v1.2.0.zip")
		if err := writeDist(out, p, filepath.Join("..", "docs", "EMBED.md"), "v1.2.0"); err != nil {
			t.Fatal(err)
		}
		packs[i], _ = os.ReadFile(p)
	}
	if !bytes.Equal(packs[0], packs[1]) {
		t.Errorf("packing the same files twice gave different archives")
	}

	bad := filepath.Join(t.TempDir(), "EMBED.md")
	os.WriteFile(bad, []byte("{{.Nope}}"), 0o644)
	stderr.Reset()
	if code := Main(append(args[:len(args)-1:len(args)-1], bad), &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "the embedding guide") {
		t.Errorf("a template naming an unknown field: exit %d, %q", code, stderr.String())
	}
}
