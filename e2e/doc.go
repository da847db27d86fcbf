//go:build !js

// Package e2e holds Rollout Lab's browser tests. They generate the static site with
// `rolloutlab static` into a temporary folder, serve it on 127.0.0.1 and drive it in headless
// Chromium through the DevTools protocol (chromedp), finding the controls by role and
// accessible name (the browser contract in docs/testing.md). The package has only tests and is built natively, so
// chromedp never reaches the WebAssembly build.
//
//	make test-browser                                   # as part of make test
//	go test -v ./e2e/                                   # builds app.wasm itself when ROLLOUTLAB_WASM is unset
//	RUN_BROWSER_BENCH=1 go test -run Bench -v ./e2e/    # make bench-browser: load and render times
//
// Screenshots of the walk-through land in e2e/screenshots/.
package e2e
