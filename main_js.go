//go:build js

package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	ui "rolloutlab/app"
)

// The browser build: the playground UI.
func main() {
	ui.Register()
	app.RunWhenOnBrowser()
}
