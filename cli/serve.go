package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func init() {
	// Some systems' MIME tables lack these; the browser needs application/wasm to compile
	// app.wasm while it streams in.
	_ = mime.AddExtensionType(".wasm", "application/wasm")
	_ = mime.AddExtensionType(".webmanifest", "application/manifest+json")
}

// serve hosts a built static site, as any static file server would.
func serve(args []string, stdout, stderr io.Writer) int {
	dir, addr, prefix := "dist", "localhost:8080", ""
	for i := 0; i < len(args); i++ {
		flag, val, hasVal := strings.Cut(args[i], "=")
		if !hasVal {
			if i+1 >= len(args) {
				fmt.Fprintf(stderr, "rolloutlab serve: %s needs a value\n", flag)
				return 2
			}
			i++
			val = args[i]
		}
		switch flag {
		case "--dir":
			dir = val
		case "--addr":
			addr = val
		case "--prefix":
			prefix = val
		default:
			fmt.Fprintf(stderr, "rolloutlab serve: unknown flag %s\n", flag)
			return 2
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "rolloutlab serve: %v\n", err)
		return 1
	}
	site := "/"
	if p := strings.Trim(prefix, "/"); p != "" {
		site = "/" + p + "/"
	}
	fmt.Fprintf(stdout, "Rollout Lab is served %s (Ctrl+C stops it)\n", servedAt(addr, ln.Addr(), site))
	if err := newServer(SiteHandler(dir, prefix)).Serve(ln); err != nil {
		fmt.Fprintf(stderr, "rolloutlab serve: %v\n", err)
		return 1
	}
	return 0
}

// newServer bounds how long a client may take to send its request, so that idle or trickling
// connections (slowloris) do not pile up. There is no WriteTimeout: app.wasm is megabytes, and
// a slow link may take minutes to receive it.
func newServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// servedAt says where the site is: a URL for a named host (localhost rather than 127.0.0.1 as
// given), and for a wildcard host (":8080", "0.0.0.0", "[::]") that it listens on every address
// of this machine, which is not the same as localhost.
func servedAt(requested string, bound net.Addr, site string) string {
	host, _, err := net.SplitHostPort(requested)
	_, port, perr := net.SplitHostPort(bound.String())
	if err != nil || perr != nil {
		return "at http://" + bound.String() + site
	}
	switch ip := net.ParseIP(host); {
	case host == "" || (ip != nil && ip.IsUnspecified() && ip.To4() == nil):
		return fmt.Sprintf("on every address of this machine, port %s (%s), under %s", port, bound, site)
	case ip != nil && ip.IsUnspecified():
		return fmt.Sprintf("on every IPv4 address of this machine, port %s (%s), under %s", port, bound, site)
	}
	return "at http://" + net.JoinHostPort(host, port) + site
}

// maxURI bounds the request target. The site's own URLs are short (a shared session travels
// in the fragment, which browsers do not send), and a longer one answers 414 rather than the
// 500 that a file name over the system's limit would give.
const maxURI = 2048

// SiteHandler serves a site written by Static from dir under /prefix/ (or the root), the way
// a static host should:
//   - application/wasm for app.wasm, and Cache-Control: no-cache on every file, so that the
//     browser revalidates (cheaply, with If-Modified-Since) and a rebuilt site shows on the
//     next load, service worker included;
//   - the precompressed FILE.br or FILE.gz that Static writes, when the browser accepts it;
//   - X-Content-Type-Options: nosniff and a Content-Security-Policy on every response;
//   - GET and HEAD only (405 otherwise), 414 for an overlong URI, and no directory listings,
//     dotfiles or _headers (the Netlify rules file Static writes).
func SiteHandler(dir, prefix string) http.Handler {
	s := &site{fs: siteFS{http.Dir(dir)}}
	s.files = http.FileServer(s.fs)
	prefix = strings.Trim(prefix, "/")
	if prefix == "" {
		return guard(s)
	}
	root := "/" + prefix
	strip := http.StripPrefix(root, s)
	return guard(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == root:
			http.Redirect(w, r, root+"/", http.StatusMovedPermanently)
		case strings.HasPrefix(r.URL.Path, root+"/"):
			strip.ServeHTTP(w, r)
		case r.URL.Path == "/":
			http.Redirect(w, r, root+"/", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
}

// guard sets the headers every response carries and turns away what a static site does not
// serve, before any file is looked at.
func guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", ContentSecurityPolicy(nil))
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		case len(r.RequestURI) > maxURI:
			http.Error(w, "414 URI too long", http.StatusRequestURITooLong)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

type site struct {
	fs    siteFS
	files http.Handler
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	name := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	if path.Ext(name) == ".html" {
		// The page's own inline loader script and style are allowed by their hashes.
		if page, err := s.fs.read(name); err == nil {
			h.Set("Content-Security-Policy", ContentSecurityPolicy(page))
		}
	}
	if path.Ext(name) == ".wasm" {
		h.Set("Content-Type", "application/wasm")
	}
	if s.servePrecompressed(w, r, name) {
		return
	}
	s.files.ServeHTTP(w, r)
}

// encodings are the precompressed variants Static writes, best first.
var encodings = []struct{ coding, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// servePrecompressed answers with name's brotli or gzip variant when one exists and the client
// accepts it. Where a variant exists the response varies by Accept-Encoding either way, which
// caches must know.
func (s *site) servePrecompressed(w http.ResponseWriter, r *http.Request, name string) bool {
	accepted := acceptEncoding(r.Header.Get("Accept-Encoding"))
	var chosen http.File
	coding := ""
	for _, e := range encodings {
		f, err := s.fs.Open(name + e.ext)
		if err != nil {
			continue
		}
		if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
			f.Close()
			continue
		}
		w.Header().Set("Vary", "Accept-Encoding")
		if chosen == nil && accepted[e.coding] {
			chosen, coding = f, e.coding
			continue
		}
		f.Close()
	}
	if chosen == nil {
		return false
	}
	defer chosen.Close()
	st, err := chosen.Stat()
	if err != nil {
		return false
	}
	h := w.Header()
	if h.Get("Content-Type") == "" {
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		h.Set("Content-Type", ctype)
	}
	h.Set("Content-Encoding", coding)
	// ServeContent leaves Content-Length out for an encoded body (it expects compression on the
	// fly); this one's length is known, which keeps the browser's download progress.
	if r.Header.Get("Range") == "" {
		h.Set("Content-Length", strconv.FormatInt(st.Size(), 10))
	}
	http.ServeContent(w, r, name, st.ModTime(), chosen)
	return true
}

// acceptEncoding reads an Accept-Encoding header into the codings with a non-zero quality
// ("*" stands for any coding not listed).
func acceptEncoding(header string) map[string]bool {
	ok := map[string]bool{}
	star, listed := false, map[string]bool{}
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		q := 1.0
		if k, v, found := strings.Cut(strings.TrimSpace(params), "="); found && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		if coding == "*" {
			star = q > 0
			continue
		}
		listed[coding] = true
		ok[coding] = q > 0
	}
	if star {
		for _, e := range encodings {
			if !listed[e.coding] {
				ok[e.coding] = true
			}
		}
	}
	return ok
}

// ContentSecurityPolicy is the policy the site is served with: its own files only, nothing
// inline but the page's own <script> and <style> elements (allowed by their SHA-256, so page
// is the HTML document, or nil for any other response), and:
//   - 'wasm-unsafe-eval': WebAssembly.instantiateStreaming compiles app.wasm, which a
//     script-src without it forbids;
//   - style-src-attr 'unsafe-inline': go-app's Style() writes the style attribute (the widths
//     of the revision lanes), and attribute styles cannot run code;
//   - worker-src and manifest-src 'self': go-app's service worker and the PWA manifest;
//   - frame-src 'self': the embedding example (embed-example.html) frames the site's own
//     embed.html;
//   - no frame-ancestors: any page may embed the playground (docs/hosting.md).
func ContentSecurityPolicy(page []byte) string {
	script, style := "'self' 'wasm-unsafe-eval'", "'self'"
	for _, m := range inlineScript.FindAllSubmatch(page, -1) {
		if !bytes.Contains(bytes.ToLower(m[1]), []byte("src")) {
			script += " " + sourceHash(m[2])
		}
	}
	for _, m := range inlineStyle.FindAllSubmatch(page, -1) {
		style += " " + sourceHash(m[1])
	}
	return "default-src 'none'; script-src " + script + "; style-src " + style +
		"; style-src-attr 'unsafe-inline'; img-src 'self'; connect-src 'self'; manifest-src 'self'" +
		"; worker-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'"
}

var (
	inlineScript = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script\s*>`)
	inlineStyle  = regexp.MustCompile(`(?is)<style\b[^>]*>(.*?)</style\s*>`)
)

func sourceHash(b []byte) string {
	sum := sha256.Sum256(b)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// siteFS is the site's folder as the file server sees it: dotfiles (.nojekyll, .git) and
// _headers do not exist, nor do folders without an index.html (no listings), and a name too
// long for the system is simply not there (404, not 500).
type siteFS struct{ dir http.FileSystem }

func (s siteFS) Open(name string) (http.File, error) {
	for seg := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(seg, ".") || seg == "_headers" {
			return nil, fs.ErrNotExist
		}
	}
	f, err := s.dir.Open(name)
	if errors.Is(err, syscall.ENAMETOOLONG) {
		return nil, fs.ErrNotExist
	}
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		index, err := s.dir.Open(path.Join(name, "index.html"))
		if err != nil {
			f.Close()
			return nil, fs.ErrNotExist
		}
		index.Close()
	}
	return f, nil
}

// read returns a file's content, as the file server would find it.
func (s siteFS) read(name string) ([]byte, error) {
	f, err := s.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
