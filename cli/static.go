package cli

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	ui "rolloutlab/app"
)

// StaticOptions say where `rolloutlab static` reads the built assets and writes the site.
type StaticOptions struct {
	Out     string // output folder (created if missing)
	Version string // build name, usually the git commit; a hash of the assets is appended
	Web     string // folder with app.wasm, app.css and the icons (default "web")
	Wasm    string // app.wasm to publish (default Web/app.wasm)
	// Best compresses app.wasm as much as brotli can (quality 11: about 13 % smaller, but about a
	// minute of CPU), for a site to publish; otherwise quickly (quality 5), for local runs and tests.
	Best bool
	// PublicURL is the address the site is published at (https://user.github.io/repo/), for
	// the page's og:url and og:image; without it the page names no address of its own. The
	// site itself works at any address: every address in it is relative.
	PublicURL string
	// Zip, when set, also packs the site into this release archive (make dist), with the
	// embedding guide EmbedDoc (a text/template; default docs/EMBED.md) as its EMBED.md.
	Zip, EmbedDoc string
}

// Static writes the playground as static files: the prerendered index.html and go-app's
// app.js, app-worker.js, manifest and loader CSS (app.GenerateStaticWebsite), with every address
// made relative, then web/ (which the generator leaves empty) and the Go toolchain's
// wasm_exec.js, which must match the Go version that built app.wasm. Any static file server can
// host the result, in any folder.
func Static(o StaticOptions, log io.Writer) error {
	if o.Out == "" {
		o.Out = "dist"
	}
	if o.Web == "" {
		o.Web = "web"
	}
	if o.Wasm == "" {
		o.Wasm = filepath.Join(o.Web, "app.wasm")
	}
	public, err := publicURL(o.PublicURL)
	if err != nil {
		return err
	}
	wasm, err := os.ReadFile(o.Wasm)
	if err != nil {
		return fmt.Errorf("%w (build it first: make build)", err)
	}
	wasmExec, err := goWasmExec()
	if err != nil {
		return err
	}
	assets, err := assetHash(o.Web, wasm)
	if err != nil {
		return err
	}
	version := assets
	if o.Version != "" {
		version = o.Version + "-" + assets
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return err
	}

	ui.Register()
	if err := app.GenerateStaticWebsite(o.Out, ui.Handler(version)); err != nil {
		return fmt.Errorf("generating the site: %w", err)
	}
	if err := relativize(o.Out); err != nil {
		return err
	}
	if err := finishPage(o.Out, public); err != nil {
		return err
	}
	if err := copyWeb(o.Web, filepath.Join(o.Out, "web")); err != nil {
		return err
	}
	if err := copyRootPages(o.Web, o.Out); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(o.Out, "web", "app.wasm"), wasm, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(o.Out, "wasm_exec.js"), wasmExec, 0o644); err != nil {
		return err
	}
	if err := patchProgress(filepath.Join(o.Out, "app.js"), len(wasm)); err != nil {
		return err
	}
	// GitHub Pages: publish the files as they are (no Jekyll pass).
	if err := os.WriteFile(filepath.Join(o.Out, ".nojekyll"), nil, 0o644); err != nil {
		return err
	}
	variantsOf, err := precompress(o.Out, o.Best)
	if err != nil {
		return err
	}
	variants := variantsOf[filepath.Join(o.Out, "web", "app.wasm")]
	fmt.Fprintf(log, "rolloutlab static: wrote %s (version %s, relative addresses: serve it from any folder; app.wasm %.1f MiB, %.1f MiB gzip, %.1f MiB brotli)\n",
		o.Out, version, mib(len(wasm)), mib(len(variants.gz)), mib(len(variants.br)))
	if o.Zip == "" {
		return nil
	}
	if o.EmbedDoc == "" {
		o.EmbedDoc = filepath.Join("docs", "EMBED.md")
	}
	if err := writeDist(o.Out, o.Zip, o.EmbedDoc, version); err != nil {
		return err
	}
	fmt.Fprintf(log, "rolloutlab static: packed %s with %s\n", o.Zip, filepath.Base(o.EmbedDoc))
	return nil
}

func mib(n int) float64 { return float64(n) / (1 << 20) }

// compressible names the site's files worth compressing; PNG icons already are.
var compressible = map[string]bool{".wasm": true, ".js": true, ".css": true, ".html": true, ".webmanifest": true, ".svg": true}

type compressed struct{ br, gz []byte }

// compressedCache keeps the variants of contents already compressed by this process: the
// browser tests write several sites from one app.wasm, and brotli takes seconds on it.
var compressedCache sync.Map // cacheKey -> *compressed

type cacheKey struct {
	sum  [sha256.Size]byte
	best bool
}

// precompress writes FILE.br and FILE.gz next to every compressible file of the site, for the
// hosts that serve them by Accept-Encoding (rolloutlab serve, nginx's gzip_static and
// brotli_static, Caddy's precompressed): app.wasm is 15 MiB, under a quarter with gzip and a
// sixth with brotli. Both variants are rewritten on every build, so none is ever stale.
func precompress(dir string, best bool) (map[string]*compressed, error) {
	variants := map[string]*compressed{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !compressible[filepath.Ext(p)] {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		c, err := compress(b, best)
		if err != nil {
			return fmt.Errorf("compressing %s: %w", p, err)
		}
		if err := os.WriteFile(p+".br", c.br, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(p+".gz", c.gz, 0o644); err != nil {
			return err
		}
		variants[p] = c
		return nil
	})
	return variants, err
}

// compress makes the brotli and the gzip variant of b, both at once. Files up to 1 MiB get the
// best of both at little cost; a larger one (app.wasm) gets the best only when asked for.
func compress(b []byte, best bool) (*compressed, error) {
	key := cacheKey{sha256.Sum256(b), best}
	if c, ok := compressedCache.Load(key); ok {
		return c.(*compressed), nil
	}
	opts, level := brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24}, gzip.BestCompression
	if len(b) <= 1<<20 {
		opts.LGWin = 0 // the default window: a larger one only costs time on a small file
	} else if !best {
		opts.Quality, level = 5, gzip.DefaultCompression
	}
	var br, gz bytes.Buffer
	var brErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		w := brotli.NewWriterOptions(&br, opts)
		_, brErr = w.Write(b)
		brErr = errors.Join(brErr, w.Close())
	})
	w, _ := gzip.NewWriterLevel(&gz, level) // a valid level: no error
	_, err := w.Write(b)
	err = errors.Join(err, w.Close())
	wg.Wait()
	if err = errors.Join(err, brErr); err != nil {
		return nil, err
	}
	c := &compressed{br: br.Bytes(), gz: gz.Bytes()}
	compressedCache.Store(key, c)
	return c, nil
}

// CompressBest gives the brotli and gzip variants `--compress best` publishes for b, for the
// size measurements (make bench-browser).
func CompressBest(b []byte) (br, gz []byte, err error) {
	c, err := compress(b, true)
	if err != nil {
		return nil, nil, err
	}
	return c.br, c.gz, nil
}

func static(args []string, stdout, stderr io.Writer) int {
	var o StaticOptions
	for i := 0; i < len(args); i++ {
		flag, val, hasVal := strings.Cut(args[i], "=")
		if !hasVal {
			if i+1 >= len(args) {
				fmt.Fprintf(stderr, "rolloutlab static: %s needs a value\n%s", flag, usage)
				return 2
			}
			i++
			val = args[i]
		}
		switch flag {
		case "--out", "-o":
			o.Out = val
		case "--version":
			o.Version = val
		case "--web":
			o.Web = val
		case "--wasm":
			o.Wasm = val
		case "--public-url":
			o.PublicURL = val
		case "--zip":
			o.Zip = val
		case "--embed-doc":
			o.EmbedDoc = val
		case "--compress":
			switch val {
			case "best", "fast":
				o.Best = val == "best"
			default:
				fmt.Fprintf(stderr, "rolloutlab static: --compress %q: want best or fast\n%s", val, usage)
				return 2
			}
		default:
			fmt.Fprintf(stderr, "rolloutlab static: unknown flag %s\n%s", flag, usage)
			return 2
		}
	}
	if err := Static(o, stdout); err != nil {
		fmt.Fprintf(stderr, "rolloutlab static: %v\n", err)
		return 1
	}
	return 0
}

// publicURL checks the address the site is published at: absolute http(s), with the trailing
// slash that the service worker's scope has.
func publicURL(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("--public-url %q: want an absolute http(s) address such as https://user.github.io/repo/", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}

// relativeFiles are the kinds of file go-app generates with addresses in them.
var relativeFiles = map[string]bool{".html": true, ".js": true, ".webmanifest": true}

// goappRootEnv matches go-app's two settings that hold the site's path itself rather than an
// address: its router takes GOAPP_ROOT_PREFIX off the page's path before matching a route.
var goappRootEnv = regexp.MustCompile(`("GOAPP_(?:ROOT_PREFIX|STATIC_RESOURCES_URL)":)"/` + ui.SiteRoot + `"`)

// relativize rewrites the addresses go-app wrote under ui.SiteRoot into addresses relative to
// the file that holds them ("./app.js", "./web/app.wasm"; the root itself is "./"), so that the
// site works in whatever folder it is served from. Relative addresses resolve against the page
// (index.html, app.js's fetch and service-worker registration), the manifest (its icons, scope
// and start_url) or the worker's scope (its list of files). The router's path prefix cannot be
// relative: app.js works it out from its own address when the page loads. An address left
// under ui.SiteRoot is an error, so a go-app that writes addresses elsewhere is noticed.
func relativize(out string) error {
	root := "/" + ui.SiteRoot
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != out && d.Name() == "web" {
				return filepath.SkipDir // the assets, copied as they are
			}
			return nil
		}
		if !relativeFiles[filepath.Ext(p)] {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(out, filepath.Dir(p))
		if err != nil {
			return err
		}
		up := "./"
		if rel != "." {
			up = strings.Repeat("../", strings.Count(filepath.ToSlash(rel), "/")+1)
		}
		s := goappRootEnv.ReplaceAllString(string(b),
			`${1}new URL("`+up+`", document.currentScript.src).pathname.replace(/\/$/, "")`)
		s = strings.ReplaceAll(s, `"`+root+`/`, `"`+up)
		s = strings.ReplaceAll(s, `"`+root+`"`, `"`+up+`"`)
		if strings.Contains(s, ui.SiteRoot) {
			return fmt.Errorf("%s: an address this build cannot make relative (under %s)", p, root)
		}
		return os.WriteFile(p, []byte(s), 0o644)
	})
}

// Open Graph tags of go-app's page: og:url is the address of the prerender's temporary server
// (http://127.0.0.1:PORT/) and og:image is empty. go-app prints attributes in any order.
var (
	ogURL   = regexp.MustCompile(`<meta\b[^>]*\bproperty="og:url"[^>]*>\n?`)
	ogImage = regexp.MustCompile(`<meta\b[^>]*\bproperty="og:image"[^>]*>\n?`)

	metaCharset = regexp.MustCompile(`<meta charset="[^"]*">\n?`)
)

// finishPage gives the page's og:url and og:image (which Open Graph wants absolute) the public
// address of the site, or removes them when it is not known. It also puts the site's
// Content-Security-Policy into the page, as a <meta> for the hosts that cannot send headers
// (GitHub Pages), and into _headers, the rules file of Netlify and Cloudflare Pages, together
// with the other headers `rolloutlab serve` sends.
func finishPage(out, public string) error {
	page := filepath.Join(out, "index.html")
	b, err := os.ReadFile(page)
	if err != nil {
		return err
	}
	urlTag, imageTag := "", ""
	if public != "" {
		urlTag = `<meta property="og:url" content="` + html.EscapeString(public) + "\">\n"
		imageTag = `<meta property="og:image" content="` + html.EscapeString(public+"web/icon-512.png") + "\">\n"
	}
	b = ogURL.ReplaceAllLiteral(b, []byte(urlTag))
	b = ogImage.ReplaceAllLiteral(b, []byte(imageTag))

	policy := ContentSecurityPolicy(b)
	charset := metaCharset.FindIndex(b)
	if charset == nil {
		return fmt.Errorf("%s: no <meta charset> to put the Content-Security-Policy after", page)
	}
	// Right after the charset, before any script or style it governs.
	// (The policy has no quotes or markup to escape: keywords, scheme-less sources and base64.)
	meta := `<meta http-equiv="Content-Security-Policy" content="` + policy + "\">\n"
	b = slices.Concat(b[:charset[1]], []byte(meta), b[charset[1]:])
	if err := os.WriteFile(page, b, 0o644); err != nil {
		return err
	}
	headers := "# Netlify and Cloudflare Pages: the headers `rolloutlab serve` sends (docs/hosting.md).\n/*\n" +
		"  Cache-Control: no-cache\n  X-Content-Type-Options: nosniff\n  Content-Security-Policy: " + policy + "\n"
	return os.WriteFile(filepath.Join(out, "_headers"), []byte(headers), 0o644)
}

// goWasmExec reads wasm_exec.js from the Go toolchain on this machine (go-app embeds an
// older copy). GOROOT comes from `go env GOROOT`, or from the runtime when go is not on PATH.
func goWasmExec() ([]byte, error) {
	var roots []string
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		roots = append(roots, strings.TrimSpace(string(out)))
	}
	if r := os.Getenv("GOROOT"); r != "" {
		roots = append(roots, r)
	}
	roots = append(roots, runtime.GOROOT())
	for _, root := range roots {
		for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
			if b, err := os.ReadFile(filepath.Join(root, p)); err == nil {
				return b, nil
			}
		}
	}
	return nil, errors.New("wasm_exec.js not found under $(go env GOROOT)/lib/wasm")
}

// assetHash names the published files' content, so that a rebuild at the same commit still
// gets a new service-worker cache when app.wasm or a file of web/ changed.
func assetHash(web string, wasm []byte) (string, error) {
	h := sha256.New()
	h.Write(wasm)
	err := filepath.WalkDir(web, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || skipWebFile(d.Name()) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(p), len(b))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:10], err
}

// skipWebFile leaves out what web/ holds but the site does not serve: Go sources (the icon
// generator), dotfiles, app.wasm, which is written from StaticOptions.Wasm, and the copy of
// wasm_exec.js that `make build` leaves there (the site serves the toolchain's at its root).
func skipWebFile(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".go") ||
		name == "app.wasm" || name == "wasm_exec.js" || slices.Contains(rootPages, name)
}

// rootPages are the files of web/ that the site serves next to index.html rather than under
// web/: the embedding placeholder and its example page (issue 10), whose relative addresses
// (index.html, web/app.css) hold from there.
var rootPages = []string{"embed.html", "embed.js", "embed-example.html", "embed-example.js"}

func copyRootPages(web, out string) error {
	for _, name := range rootPages {
		b, err := os.ReadFile(filepath.Join(web, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue // a site without embedding (the tests' stand-in web/)
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func copyWeb(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if skipWebFile(d.Name()) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}

// patchProgress makes the loader's percentage right when the host compresses app.wasm:
// go-app divides the bytes read (uncompressed) by Content-Length (compressed, or absent), which
// shows more than 100 % or NaN. The uncompressed size is known here, so it becomes the floor.
func patchProgress(appJS string, wasmSize int) error {
	b, err := os.ReadFile(appJS)
	if err != nil {
		return err
	}
	const from = "const total = parseInt(contentLength, 10);"
	if !strings.Contains(string(b), from) {
		return nil // another go-app version: keep its loader as it is
	}
	to := fmt.Sprintf("const total = Math.max(parseInt(contentLength, 10) || 0, %d);", wasmSize)
	return os.WriteFile(appJS, []byte(strings.Replace(string(b), from, to, 1)), 0o644)
}
