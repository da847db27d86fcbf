//go:build !js

package e2e

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// TestAnyFolder serves ONE build, unchanged, with a plain file server (no rewriting, no
// knowledge of the site) at the root of the host and in two folders, as a docs author would
// copy it (issue 10), and walks the seed flow in each: apply the editor's YAML, see the three
// pods Running in the tree, scale to 4. Every request the page makes (the loader, app.wasm,
// the manifest, the service worker and what it precaches) must stay inside the folder the page
// is in and be found there. Deepest first: a service worker controls its folder and below, so
// an outer one never stands between a page and its own files.
func TestAnyFolder(t *testing.T) {
	needBrowser(t)
	dir := buildSite(t)
	files := http.FileServer(http.Dir(dir))
	var mu sync.Mutex
	var requests []string // "status path" of each request since the last walk began
	mux := http.NewServeMux()
	folders := []string{"/a/b/lab/", "/a/", "/"}
	for _, f := range folders {
		mux.Handle(f, http.StripPrefix(strings.TrimSuffix(f, "/"), files))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		mux.ServeHTTP(rec, r)
		mu.Lock()
		requests = append(requests, r.URL.Path+" "+http.StatusText(rec.status))
		mu.Unlock()
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	origin := "http://" + ln.Addr().String()

	b := newBrowser(t)
	for _, folder := range folders {
		t.Run(folder, func(t *testing.T) {
			// Sessions are kept per origin: start each walk from a fresh one.
			if err := b.do(10*time.Second, chromedp.Navigate("about:blank")); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(b.ctx, storage.ClearDataForOrigin,
				storage.ClearDataForOriginParams{Origin: origin, StorageTypes: "local_storage"}); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			requests = nil
			mu.Unlock()

			b.open(t, origin+folder+"?lang=en")
			b.command(t, "kubectl apply -f nginx-deployment.yaml", "deployment.apps/"+deploy+" created")
			b.stepUntil(t, "the Deployment's 3 pods Running in the tree",
				`__lab.pods().length === 3 && __lab.pods().every(__lab.running)`, 400)
			b.command(t, "kubectl scale deployment "+deploy+" --replicas=4", "deployment.apps/"+deploy+" scaled")
			b.stepUntil(t, "4 pods Running", `__lab.pods().length === 4 && __lab.pods().every(__lab.running)`, 400)
			b.waitAsync(t, "the service worker of this folder to cache app.wasm", cachedJS, 60*time.Second)
			if scope := mustEval[string](t, b, `navigator.serviceWorker.controller ? navigator.serviceWorker.getRegistration().then(r => r.scope) : ""`); scope != origin+folder {
				t.Errorf("the service worker's scope is %q, want this folder %q", scope, origin+folder)
			}

			// The page's own navigation keeps the folder: the language through the query.
			b.open(t, origin+folder+"?lang=zh")
			if lang := mustEval[string](t, b, `document.documentElement.lang`); !strings.HasPrefix(lang, "zh") {
				t.Errorf("%s?lang=zh: the page's language is %q", folder, lang)
			}
			if path := mustEval[string](t, b, `location.pathname`); path != folder {
				t.Errorf("the address became %s, want %s", path, folder)
			}

			mu.Lock()
			defer mu.Unlock()
			var wasm bool
			for _, r := range requests {
				path, status, _ := strings.Cut(r, " ")
				if !strings.HasPrefix(path, folder) || status != "OK" && status != "Not Modified" {
					t.Errorf("the page in %s asked for %s: %s", folder, path, status)
				}
				wasm = wasm || path == folder+"web/app.wasm"
			}
			if !wasm {
				t.Errorf("no request for %sweb/app.wasm among %q", folder, requests)
			}
		})
	}
}

// statusRecorder notes the status a handler answers with.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}
