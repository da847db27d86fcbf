// Package app is Rollout Lab's user interface, a go-app v9 application compiled to
// WebAssembly. It reads engine views and calls the engine's session; nothing else.
package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Register declares the page's routes. It runs in both builds: in the browser before
// app.RunWhenOnBrowser, natively before the static site is generated. One route serves the
// whole playground; its state lives in the query and the fragment.
func Register() {
	app.Route("/", newPlayground())
	app.Route("/index.html", newPlayground())
}
