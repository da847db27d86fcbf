package cli

import (
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// writeSite lays out a small site the way Static does, with precompressed app.wasm variants
// whose contents differ, so that a test sees which one was served.
func writeSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":       "<title>x</title><script>go()</script><style>b{}</style><script src=\"/app.js\"></script>",
		"app.js":           "go()",
		".nojekyll":        "",
		".git/config":      "[core]",
		"_headers":         "/*\n",
		"web/app.css":      "body{}",
		"web/app.wasm":     "\x00asm-identity",
		"web/app.wasm.gz":  gzipped(t, "\x00asm-gzip"),
		"web/app.wasm.br":  brotlied(t, "\x00asm-br"),
		"web/icons/a.png":  "png",
		"docs/index.html":  "<p>docs</p>",
		"docs/notes.txt":   "notes",
		"plain/readme.txt": "no index here",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func gzipped(t *testing.T, s string) string {
	return encoded(t, s, func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) })
}

func brotlied(t *testing.T, s string) string {
	return encoded(t, s, func(w io.Writer) io.WriteCloser { return brotli.NewWriter(w) })
}

// encoded is s through the writer newW makes.
func encoded(t *testing.T, s string, newW func(io.Writer) io.WriteCloser) string {
	var b strings.Builder
	w := newW(&b)
	io.WriteString(w, s)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// noRedirects shows redirects as they are; no transparent decompression either (the
// transport only decodes gzip it asked for itself, and these requests set Accept-Encoding).
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func do(t *testing.T, method, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

// TestSiteHandlerPrefix: a site built for /lab/ is served there only; the root and /lab
// redirect to /lab/, application/wasm for app.wasm (the browser compiles only that type while
// streaming), and Cache-Control: no-cache so that a redeploy shows on the next load.
func TestSiteHandlerPrefix(t *testing.T) {
	srv := httptest.NewServer(SiteHandler(writeSite(t), "lab"))
	defer srv.Close()
	for path, want := range map[string]string{
		"/":                 "302 /lab/",
		"/lab":              "301 /lab/",
		"/lab/":             "200 text/html",
		"/lab/web/app.wasm": "200 application/wasm",
		"/other":            "404 ",
	} {
		res, _ := do(t, "GET", srv.URL+path)
		got := res.Status[:3] + " " + res.Header.Get("Location")
		if res.StatusCode == 200 {
			got = res.Status[:3] + " " + strings.SplitN(res.Header.Get("Content-Type"), ";", 2)[0]
			if res.Header.Get("Cache-Control") != "no-cache" {
				t.Errorf("GET %s: Cache-Control %q", path, res.Header.Get("Cache-Control"))
			}
		}
		if got != want {
			t.Errorf("GET %s: %s, want %s", path, got, want)
		}
	}
}

// TestSiteStatuses pins what a static host answers besides files: RFC 9110 §15.5.6 (a 405
// carries Allow), §15.5.15 (414 URI Too Long) and no listings or hidden files, every response
// with X-Content-Type-Options: nosniff (the browser then never guesses a script or a style
// from a file's bytes) and the site's Content-Security-Policy.
func TestSiteStatuses(t *testing.T) {
	srv := httptest.NewServer(SiteHandler(writeSite(t), ""))
	defer srv.Close()
	long := "/" + strings.Repeat("a/", 2100) // over PATH_MAX (4096) as well: once a 500
	for _, c := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/", 200, ""},
		{"HEAD", "/app.js", 200, ""},
		{"GET", "/docs/", 200, ""},
		{"GET", "/docs", 301, ""},
		{"GET", "/missing", 404, ""},
		{"POST", "/", 405, "GET, HEAD"},
		{"PUT", "/app.js", 405, "GET, HEAD"},
		{"DELETE", "/app.js", 405, "GET, HEAD"},
		{"OPTIONS", "/", 405, "GET, HEAD"},
		{"PATCH", "/missing", 405, "GET, HEAD"},
		// A request target longer than the site has any use for; a file name longer than the
		// system allows (255 bytes) cannot exist either: neither is a server error.
		{"GET", long, 414, ""},
		{"GET", "/" + strings.Repeat("x", 300), 404, ""},
		// No directory listings, dotfiles or the Netlify rules file.
		{"GET", "/plain/", 404, ""},
		{"GET", "/plain", 404, ""},
		{"GET", "/web/icons/", 404, ""},
		{"GET", "/.nojekyll", 404, ""},
		{"GET", "/.git/config", 404, ""},
		{"GET", "/.git/", 404, ""},
		{"GET", "/_headers", 404, ""},
	} {
		res, body := do(t, c.method, srv.URL+c.path)
		name := c.method + " " + short(c.path)
		if res.StatusCode != c.status {
			t.Errorf("%s: %d, want %d (%.80s)", name, res.StatusCode, c.status, body)
		}
		if got := res.Header.Get("Allow"); got != c.allow {
			t.Errorf("%s: Allow %q, want %q", name, got, c.allow)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q, want nosniff", name, got)
		}
		if got := res.Header.Get("Content-Security-Policy"); !strings.HasPrefix(got, "default-src 'none'; ") {
			t.Errorf("%s: Content-Security-Policy %q", name, got)
		}
		if strings.Contains(body, ".nojekyll") || strings.Contains(body, "readme.txt") || strings.Contains(body, "a.png") {
			t.Errorf("%s lists a folder: %.200s", name, body)
		}
	}
}

func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// TestSitePrecompressed: app.wasm is 15 MiB, about 2.5 MB as brotli and 3.6 MB as gzip.
// The variant Static wrote is served for the codings the browser accepts (RFC 9110 §12.5.3,
// q=0 refuses one), with the type of the original file, Content-Encoding naming the coding,
// and Vary: Accept-Encoding on every answer for that file, so that no cache hands a brotli
// body to a client that did not ask for one.
func TestSitePrecompressed(t *testing.T) {
	srv := httptest.NewServer(SiteHandler(writeSite(t), ""))
	defer srv.Close()
	for _, c := range []struct {
		accept, coding, body string
	}{
		{"", "", "\x00asm-identity"},
		{"identity", "", "\x00asm-identity"},
		{"gzip, deflate", "gzip", "\x00asm-gzip"},
		{"gzip, deflate, br, zstd", "br", "\x00asm-br"},
		{"BR;q=0.5", "br", "\x00asm-br"},
		{"br;q=0, gzip", "gzip", "\x00asm-gzip"},
		{"br;q=0, gzip;q=0", "", "\x00asm-identity"},
		{"*", "br", "\x00asm-br"},
		{"br;q=0, *", "gzip", "\x00asm-gzip"},
		{"deflate", "", "\x00asm-identity"},
	} {
		res, body := do(t, "GET", srv.URL+"/web/app.wasm", "Accept-Encoding", c.accept)
		raw := body
		name := "Accept-Encoding: " + c.accept
		switch c.coding {
		case "br":
			b, err := io.ReadAll(brotli.NewReader(strings.NewReader(body)))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			body = string(b)
		case "gzip":
			r, err := gzip.NewReader(strings.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			b, _ := io.ReadAll(r)
			body = string(b)
		}
		if res.StatusCode != 200 || body != c.body {
			t.Errorf("%s: %d %q, want 200 %q", name, res.StatusCode, body, c.body)
		}
		if got := res.Header.Get("Content-Encoding"); got != c.coding {
			t.Errorf("%s: Content-Encoding %q, want %q", name, got, c.coding)
		}
		if got := res.Header.Get("Content-Type"); got != "application/wasm" {
			t.Errorf("%s: Content-Type %q, want application/wasm", name, got)
		}
		if got := res.Header.Get("Vary"); got != "Accept-Encoding" {
			t.Errorf("%s: Vary %q, want Accept-Encoding", name, got)
		}
		if res.ContentLength != int64(len(raw)) {
			t.Errorf("%s: Content-Length %d, want the %d bytes sent", name, res.ContentLength, len(raw))
		}
	}
	// A file without variants is served as it is, and does not vary.
	res, body := do(t, "GET", srv.URL+"/web/app.css", "Accept-Encoding", "br, gzip")
	if body != "body{}" || res.Header.Get("Content-Encoding") != "" || res.Header.Get("Vary") != "" ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Errorf("app.css: %q, Content-Encoding %q, Vary %q, Content-Type %q", body,
			res.Header.Get("Content-Encoding"), res.Header.Get("Vary"), res.Header.Get("Content-Type"))
	}
	// Revalidation still works on a variant (Cache-Control: no-cache makes it frequent).
	res, _ = do(t, "GET", srv.URL+"/web/app.wasm", "Accept-Encoding", "br", "If-Modified-Since", res.Header.Get("Last-Modified"))
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since on app.wasm.br: %d, want 304", res.StatusCode)
	}
}

// TestContentSecurityPolicy: the page's inline <script> and <style> are allowed by their
// SHA-256 (CSP Level 3 hash sources), a <script src> is not hashed, WebAssembly compiling
// needs 'wasm-unsafe-eval', and nothing else is inline or off the site (the hashes were
// checked with `printf 'go()' | openssl dgst -sha256 -binary | base64`).
func TestContentSecurityPolicy(t *testing.T) {
	page := []byte("<head><script>go()</script><style>\nb{}\n</style><script defer src=\"/app.js\"></script></head>")
	got := ContentSecurityPolicy(page)
	for _, want := range []string{
		"default-src 'none'",
		"script-src 'self' 'wasm-unsafe-eval' 'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw=';",
		"style-src 'self' 'sha256-lkYe5SAjgQT1av6fhWoNE7zxmqmfMlAULMnahGbZ8os=';",
		"style-src-attr 'unsafe-inline'",
		"worker-src 'self'",
		"base-uri 'none'",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("policy lacks %s:\n%s", want, got)
		}
	}
	for _, bad := range []string{"'unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'", "http", "*", "frame-ancestors"} {
		if strings.Contains(got, bad) {
			t.Errorf("policy allows %s:\n%s", bad, got)
		}
	}
	if other := ContentSecurityPolicy(nil); strings.Contains(other, "sha256") {
		t.Errorf("a response without a page allows inline code: %s", other)
	}
}

// TestServerTimeouts: a client must send its request in bounded time (slowloris); the reply
// has no write deadline, because a 15 MiB app.wasm on a slow link takes minutes.
func TestServerTimeouts(t *testing.T) {
	s := newServer(http.NotFoundHandler())
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Errorf("unbounded: ReadHeaderTimeout %v ReadTimeout %v IdleTimeout %v MaxHeaderBytes %d",
			s.ReadHeaderTimeout, s.ReadTimeout, s.IdleTimeout, s.MaxHeaderBytes)
	}
	if s.WriteTimeout != 0 {
		t.Errorf("WriteTimeout %v cuts off slow downloads of app.wasm", s.WriteTimeout)
	}
}

// TestServedAt: a wildcard address listens on every interface, which is not "localhost": the
// message says so, and names a host only when one was asked for.
func TestServedAt(t *testing.T) {
	v4 := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	for _, c := range []struct {
		requested string
		bound     net.Addr
		want      string
	}{
		{"localhost:8080", v4, "at http://localhost:8080/lab/"},
		{"127.0.0.1:0", v4, "at http://127.0.0.1:8080/lab/"},
		{"[::1]:8080", &net.TCPAddr{IP: net.IPv6loopback, Port: 8080}, "at http://[::1]:8080/lab/"},
		{":8080", &net.TCPAddr{IP: net.IPv6unspecified, Port: 8080}, "on every address of this machine, port 8080 ([::]:8080), under /lab/"},
		{"[::]:0", &net.TCPAddr{IP: net.IPv6unspecified, Port: 8080}, "on every address of this machine, port 8080 ([::]:8080), under /lab/"},
		{"0.0.0.0:8080", &net.TCPAddr{IP: net.IPv4zero, Port: 8080}, "on every IPv4 address of this machine, port 8080 (0.0.0.0:8080), under /lab/"},
	} {
		if got := servedAt(c.requested, c.bound, "/lab/"); got != c.want {
			t.Errorf("servedAt(%q) = %q, want %q", c.requested, got, c.want)
		}
	}
}
