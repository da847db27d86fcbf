package cli

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
)

// serve hosts a built static site, as any static file server would.
func serve(args []string, stdout, stderr io.Writer) int {
	dir, addr := "dist", "localhost:8080"
	for i := 0; i+1 < len(args); i += 2 {
		switch args[i] {
		case "--dir":
			dir = args[i+1]
		case "--addr":
			addr = args[i+1]
		default:
			fmt.Fprintf(stderr, "rolloutlab serve: unknown flag %s\n", args[i])
			return 2
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "rolloutlab serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Rollout Lab is served at http://%s/ (Ctrl+C stops it)\n", ln.Addr())
	files := http.FileServer(http.Dir(dir))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == "/" || strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".js") {
			w.Header().Set("Cache-Control", "no-cache")
		}
		if strings.HasSuffix(p, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		files.ServeHTTP(w, r)
	})
	if err := http.Serve(ln, h); err != nil {
		fmt.Fprintf(stderr, "rolloutlab serve: %v\n", err)
		return 1
	}
	return 0
}
