package cli

import (
	"bytes"
	"compress/gzip"
	"io"
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
	for _, skipped := range []string{"web/gen_icons.go", "web/wasm_exec.js"} {
		if _, err := os.Stat(filepath.Join(out, skipped)); err == nil {
			t.Errorf("%s was published", skipped)
		}
	}
	if js := read("wasm_exec.js"); !strings.Contains(js, "Go") || strings.Contains(js, "make build's copy") {
		t.Errorf("wasm_exec.js is not the toolchain's")
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
