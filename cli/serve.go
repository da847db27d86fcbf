package cli

import (
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
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
	fmt.Fprintf(stdout, "Rollout Lab is served at http://%s%s (Ctrl+C stops it)\n", displayAddr(addr, ln.Addr()), site)
	if err := http.Serve(ln, SiteHandler(dir, prefix)); err != nil {
		fmt.Fprintf(stderr, "rolloutlab serve: %v\n", err)
		return 1
	}
	return 0
}

// displayAddr is the address to print: the host as given (localhost rather than 127.0.0.1;
// localhost for an empty or wildcard host) with the port actually bound.
func displayAddr(requested string, bound net.Addr) string {
	host, _, err := net.SplitHostPort(requested)
	_, port, perr := net.SplitHostPort(bound.String())
	if err != nil || perr != nil {
		return bound.String()
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// SiteHandler serves a site written by Static from dir under /prefix/ (or the root), the way
// a static host should: application/wasm for app.wasm, and Cache-Control: no-cache on every
// file, so that the browser revalidates (cheaply, with If-Modified-Since) and a rebuilt site
// shows on the next load, service worker included.
func SiteHandler(dir, prefix string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	prefix = strings.Trim(prefix, "/")
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		if path.Ext(r.URL.Path) == ".wasm" {
			w.Header().Set("Content-Type", "application/wasm")
		}
		files.ServeHTTP(w, r)
	})
	if prefix == "" {
		return h
	}
	root := "/" + prefix
	strip := http.StripPrefix(root, h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
	})
}
