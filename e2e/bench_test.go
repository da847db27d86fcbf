//go:build !js

package e2e

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"rolloutlab/cli"
)

// TestBrowserBench measures the playground in headless Chromium on a local static server:
// the size of app.wasm, cold and warm loads, and the time to re-render after a Step with 100,
// 1,000 and 5,000 pods. It only reports; nothing here is asserted on time.
//
//	make bench-browser        (or RUN_BROWSER_BENCH=1 go test -run TestBrowserBench -v ./e2e/)
//
// RUN_BROWSER_BENCH_RUNS sets the number of cold loads (default 7); RUN_BROWSER_BENCH_PODS the
// pod counts (default "100,1000,5000").
func TestBrowserBench(t *testing.T) {
	if os.Getenv("RUN_BROWSER_BENCH") == "" {
		t.Skip("set RUN_BROWSER_BENCH=1 (make bench-browser) to measure")
	}
	needBrowser(t)
	t.Run("size", benchSize)
	t.Run("load", benchLoad)
	t.Run("embed", benchEmbed)
	t.Run("render", benchRender)
}

// benchSize reports the transfer sizes of app.wasm as `make dist` publishes it (brotli 11,
// gzip 9: `--compress best`), in bytes and MB (10^6), as issue 10's budget (2.0 MB brotli) counts.
func benchSize(t *testing.T) {
	raw, err := os.ReadFile(env.wasm)
	if err != nil {
		t.Fatal(err)
	}
	br, gz, err := cli.CompressBest(raw)
	if err != nil {
		t.Fatal(err)
	}
	mb := func(n int) string { return fmt.Sprintf("%d B (%.3f MB)", n, float64(n)/1e6) }
	report(t, fmt.Sprintf("app.wasm: raw %s, gzip -9 %s, brotli -q 11 %s", mb(len(raw)), mb(len(gz)), mb(len(br))))
}

func benchLoad(t *testing.T) {
	runs := 7
	if n, err := strconv.Atoi(os.Getenv("RUN_BROWSER_BENCH_RUNS")); err == nil && n > 0 {
		runs = n
	}
	srv := serveSite(t, buildSite(t), "")
	url := srv.URL + "?lang=en"
	type load struct {
		Ready   float64 `json:"ready"`
		WasmEnd float64 `json:"wasmEnd"`
	}
	measure := func(b *browser) load {
		b.open(t, url)
		return mustEval[load](t, b, `({ready: window.__rlReadyAt || -1,
		  wasmEnd: (performance.getEntriesByType("resource").find(e => e.name.endsWith("/web/app.wasm")) || {responseEnd: -1}).responseEnd})`)
	}
	var cold, coldWasm, afterWasm, warm []float64
	var last *browser
	for i := 0; i < runs; i++ {
		b := newBrowser(t) // a fresh profile: nothing cached
		l := measure(b)
		cold = append(cold, l.Ready)
		coldWasm = append(coldWasm, l.WasmEnd)
		afterWasm = append(afterWasm, l.Ready-l.WasmEnd)
		if i < runs-1 {
			b.close()
		} else {
			last = b
		}
	}
	last.waitAsync(t, "the service worker's cache", cachedJS, 60*time.Second)
	for range runs {
		warm = append(warm, measure(last).Ready)
	}
	report(t, fmt.Sprintf("cold load, navigation → data-app-ready (%d fresh browsers): %s", runs, stats(cold)))
	report(t, fmt.Sprintf("  of which app.wasm downloaded at: %s; after the download (compile, Go start, first render): %s", stats(coldWasm), stats(afterWasm)))
	report(t, fmt.Sprintf("warm load through the service worker (%d reloads): %s", runs, stats(warm)))
}

// benchRender creates the Deployment with N replicas (N pods in the tree, Pending past the
// nodes' capacity), lets it settle, starts a rolling update with the clock paused, and times
// 15 clicks on Step from the click to the first DOM change (MutationObserver +
// performance.now()) and until the DOM is quiet again.
func benchRender(t *testing.T) {
	counts := []int{100, 1000, 5000}
	if s := os.Getenv("RUN_BROWSER_BENCH_PODS"); s != "" {
		counts = nil
		for _, f := range strings.Split(s, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil {
				counts = append(counts, n)
			}
		}
	}
	srv := serveSite(t, buildSite(t), "")
	for _, n := range counts {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			b := newBrowser(t)
			b.open(t, srv.URL+"?lang=en")
			if len(mustEval[[]string](t, b, `__rl.find("button", "Pause").map(__rl.name)`)) > 0 {
				b.click(t, "button", "Pause")
			}
			yaml := mustEval[string](t, b, `__rl.text(__rl.one("textbox", "Deployment YAML"))`)
			yaml = strings.Replace(yaml, "replicas: 3", fmt.Sprintf("replicas: %d", n), 1)
			b.typeInto(t, "Deployment YAML", yaml, false)
			start := time.Now()
			b.command(t, "kubectl apply -f nginx-deployment.yaml", "deployment.apps/"+deploy)
			// A pipeline runs its waiting commands to completion at once, clock paused or not. The
			// lab's three nodes allow 110 pods each, as a real node does: past 330 replicas the
			// rest stay Pending and the rollout ends at its progress deadline instead.
			ready := min(n, 3*110)
			want := "successfully rolled out"
			if ready < n {
				want = "exceeded its progress deadline"
			}
			b.command(t, "kubectl rollout status deployment/"+deploy+" | tail -n 1", want)
			b.waitFor(t, fmt.Sprintf("the Deployment with %d of %d pods ready", ready, n),
				fmt.Sprintf(`__lab.of("Deployment").some(d => /\b%d of %d ready\b/.test(d.state))`, ready, n),
				`JSON.stringify(__lab.items().map(i => i.raw).slice(0, 4))`, 5*time.Minute)
			settle := time.Since(start)
			items := mustEval[int](t, b, `__lab.items().length`)
			nodes := mustEval[int](t, b, `document.getElementsByTagName("*").length`)
			b.screenshot(t, fmt.Sprintf("bench-%d-pods", n))
			b.command(t, "kubectl set image deployment/"+deploy+" nginx=nginx:1.9.1", "image updated")
			type sample struct {
				First, Last float64
				Count       int
				TimedOut    bool
			}
			var first, last []float64
			for i := 0; i < 15; i++ {
				s := mustEval[sample](t, b, `__rl.nextMutation(() => __rl.one("button", "Step").click(), 150, 20000)`)
				if s.TimedOut {
					t.Logf("click %d on Step changed nothing within 20 s", i)
					continue
				}
				first = append(first, s.First)
				last = append(last, s.Last)
			}
			report(t, fmt.Sprintf("%5d pods (%d tree items, %d DOM elements, created and settled in %v): Step → first DOM change %s; → DOM quiet %s",
				n, items, nodes, settle.Round(100*time.Millisecond), stats(first), stats(last)))
		})
	}
}

func report(t *testing.T, line string) {
	t.Log(line)
	fmt.Println("BENCH", line)
}

// stats formats milliseconds as "median X ms (min A, max B)".
func stats(ms []float64) string {
	if len(ms) == 0 {
		return "no samples"
	}
	s := slices.Clone(ms)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return fmt.Sprintf("median %.1f ms (min %.1f, max %.1f, n=%d)", med, s[0], s[len(s)-1], len(s))
}

// benchEmbed compares cold loads (issue 10), 5 fresh browsers each: the full page from
// navigation to data-app-ready, and an exercise of embed-example.html from the click on its
// Start button to the frame's ready message, as the page that holds it sees them.
func benchEmbed(t *testing.T) {
	const runs = 5
	srv := serveSite(t, buildSite(t), "")
	var full, embed []float64
	for range runs {
		b := newBrowser(t)
		b.open(t, srv.URL+"?lang=en")
		full = append(full, mustEval[float64](t, b, `window.__rlReadyAt || -1`))
		b.close()
	}
	for range runs {
		b := newBrowser(t)
		embed = append(embed, embedStart(t, b, srv.URL+"embed-example.html?lang=en", nil))
		b.close()
	}
	report(t, fmt.Sprintf("cold load of the full page, navigation → data-app-ready: %s", stats(full)))
	report(t, fmt.Sprintf("cold load of an embedded exercise, click on Start → the frame's ready message: %s", stats(embed)))
}
