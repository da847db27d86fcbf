package app

import (
	"fmt"
	"runtime/debug"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A panic anywhere in a handler, a frame or a render must not take the page down: handlers and
// frames run inside guard, which turns a panic into the error banner and, when the engine may
// be in a broken state, restores the last session known to be good. Renders recover into an
// inline notice (recoverRender).

// guard runs fn and recovers from a panic; ok is false when fn panicked.
func (p *playground) guard(ctx app.Context, what string, fn func()) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
			p.recovered(ctx, what, r, debug.Stack())
		}
	}()
	fn()
	return true
}

// recovered shows the banner and puts the last good session back.
func (p *playground) recovered(ctx app.Context, what string, r any, stack []byte) {
	app.Logf("rolloutlab: panic in %s: %v\n%s", what, r, stack)
	p.banner = trf(p.lang, "error.panic", what, fmt.Sprint(r))
	if r2 := p.backToGood(); r2 != nil {
		app.Logf("rolloutlab: restoring after the panic failed too: %v", r2)
		p.banner = trf(p.lang, "error.reset", what, fmt.Sprint(r))
	}
}

// actError reports a panic in a panel's own handler (JavaScript interop: a selection, a
// clipboard, execCommand) to the playground, which shows it in the banner.
const actError action[string] = "rl/error"

// safely wraps a panel's DOM event handler so that a panic becomes the banner.
func safely(where string, h app.EventHandler) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		defer func() {
			if r := recover(); r != nil {
				app.Logf("rolloutlab: panic in %s: %v\n%s", where, r, debug.Stack())
				actError.post(ctx, fmt.Sprintf("%s: %v", where, r))
			}
		}()
		h(ctx, e)
	}
}

// recoverRender replaces a component's markup by a notice when its Render panicked.
func recoverRender(ui *app.UI, where string) {
	if r := recover(); r != nil {
		app.Logf("rolloutlab: panic while rendering %s: %v\n%s", where, r, debug.Stack())
		*ui = app.Div().Class("render-error").Role("alert").
			Text(fmt.Sprintf("%s: %s / %s (%v)", where, tr(langEN, "error.render"), tr(langZH, "error.render"), r))
	}
}

// banner is the error banner.
type banner struct {
	app.Compo

	Lang    string
	Message string
}

func (b *banner) Render() app.UI {
	return app.Div().Class("banner").Role("alert").Body(
		app.Span().Class("icon").Aria("hidden", "true").Text("⚠"),
		app.P().Text(b.Message),
		app.Button().Class("btn ghost small").Text(tr(b.Lang, "banner.dismiss")).
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actDismissBanner) }),
	)
}

// when renders f's element only when cond holds (go-app v9's If evaluates its elements eagerly).
func when(cond bool, f func() app.UI) app.UI {
	if cond {
		return f()
	}
	return nil
}

// either renders f's element when cond holds, else g's.
func either(cond bool, f, g func() app.UI) app.UI {
	if cond {
		return f()
	}
	return g()
}

// Boolean attributes are written only when true: go-app prints disabled="false" and
// selected="false" into prerendered HTML, where the attribute's presence alone counts.

func option(value, text string, selected bool) app.HTMLOption {
	o := app.Option().Value(value).Text(text)
	if selected {
		o = o.Selected(true)
	}
	return o
}

func disabledIf(b app.HTMLButton, cond bool) app.HTMLButton {
	if cond {
		return b.Disabled(true)
	}
	return b
}
