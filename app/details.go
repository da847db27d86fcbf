package app

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The details panel shows `kubectl describe` and `kubectl get -o yaml` of the selected tree
// item. They are read through Session.Describe and Session.YAML, which record nothing: reading
// is not an input of the session.

type detailText struct {
	Kind     string // Deployment, ReplicaSet, Pod
	Name     string
	Describe string
	YAML     string
	Missing  bool
}

// kubectlKind maps a tree item kind to what kubectl takes.
var kubectlKind = map[string]string{"deployment": "Deployment", "replicaset": "ReplicaSet", "pod": "Pod"}

// refreshDetails re-reads the selected object; unless forced, at most twice a second.
func (m *model) refreshDetails(force bool) {
	if m.selected == "" || m.sess == nil {
		return
	}
	if !force && m.detail.Describe != "" && (m.view.Version == m.detailVers || time.Since(m.detailAt) < 500*time.Millisecond) {
		return
	}
	kind, name := parseItemID(m.selected)
	k, ok := kubectlKind[kind]
	if !ok {
		// a summary row: describe its ReplicaSet
		if kind == "summary" && name != "unowned" {
			k = "ReplicaSet"
		} else {
			m.detail = detailText{}
			return
		}
	}
	d := detailText{Kind: k, Name: name}
	var found bool
	d.Describe, found = m.sess.Describe(k, name)
	d.YAML, _ = m.sess.YAML(k, name)
	d.Missing = !found
	m.detail = d
	m.detailVers = m.view.Version
	m.detailAt = time.Now()
}

const detailsID = "details"

// details is the panel.
type details struct {
	app.Compo

	Lang string
	Item string
	Text detailText
	// Reveal counts the learner's selections: each new one brings the panel into view.
	Reveal int

	tab      string // "describe" or "yaml"
	revealed int
}

func (d *details) OnMount(ctx app.Context)  { d.reveal(ctx) }
func (d *details) OnUpdate(ctx app.Context) { d.reveal(ctx) }

// reveal scrolls the panel into view after a selection (a pod's details open below the fold on
// most screens) and moves the keyboard focus to its heading, so the focus never stays on an
// item scrolled out of sight; Close takes it back to the tree. A restored selection (a reload)
// does not move the page.
func (d *details) reveal(ctx app.Context) {
	if d.Reveal == d.revealed {
		return
	}
	d.revealed = d.Reveal
	ctx.Defer(func(app.Context) {
		panel, head := app.Window().GetElementByID(detailsID), app.Window().GetElementByID("details-h")
		if !panel.Truthy() || !head.Truthy() {
			return
		}
		// The sticky time controls cover the top of the window: keep the heading below them.
		covered := 0.0
		if c := app.Window().Get("document").Call("querySelector", ".controls"); c.Truthy() &&
			app.Window().Call("getComputedStyle", c).Get("position").String() == "sticky" {
			covered = c.Get("offsetHeight").Float()
		}
		if r := panel.Call("getBoundingClientRect"); r.Get("top").Float() >= covered &&
			r.Get("bottom").Float() <= app.Window().Get("innerHeight").Float() {
			head.Call("focus", map[string]any{"preventScroll": true})
			return // already in view: the page stays where it is
		}
		panel.Get("style").Set("scrollMarginTop", strconv.Itoa(int(covered)+8)+"px")
		smooth := "smooth"
		if app.Window().Call("matchMedia", "(prefers-reduced-motion: reduce)").Get("matches").Bool() {
			smooth = "auto"
		}
		panel.Call("scrollIntoView", map[string]any{"behavior": smooth, "block": "start"})
		head.Call("focus", map[string]any{"preventScroll": true})
	})
}

func (d *details) Render() (ui app.UI) {
	defer recoverRender(&ui, "details")
	lang := d.Lang
	tab := d.tab
	if tab == "" {
		tab = "describe"
	}
	kind, name := parseItemID(d.Item)
	title := trf(lang, "details.title", d.Text.Kind, name)
	if d.Text.Kind == "" {
		title = tr(lang, "details.none")
	}
	body := d.Text.Describe
	if tab == "yaml" {
		body = d.Text.YAML
	}
	tabBtn := func(id, label string) app.UI {
		sel := tab == id
		return app.Button().
			ID("details-tab-"+id).
			Role("tab").
			Class("tab").
			Aria("selected", sel).
			Aria("controls", "details-panel").
			TabIndex(tabIndex(sel)).
			Text(label).
			OnClick(func(ctx app.Context, e app.Event) { d.tab = id }, id).
			OnKeyDown(safely("details", d.onTabKey))
	}
	return app.Section().ID(detailsID).Class("panel details").Aria("labelledby", "details-h").Body(
		app.Div().Class("panel-head").Body(
			app.H2().ID("details-h").TabIndex(-1).Text(title),
			app.Div().Class("actions").Body(
				when(kind == "pod" && !d.Text.Missing, func() app.UI {
					return app.Button().Class("btn danger small").
						Text(tr(lang, "details.deletePod")).
						Aria("label", trf(lang, "faults.deletePod.named", name)).
						OnClick(func(ctx app.Context, e app.Event) {
							actExec.post(ctx, "kubectl delete pod "+name)
						}, name)
				}),
				app.Button().Class("btn ghost small").
					Text(tr(lang, "details.close")).
					OnClick(func(ctx app.Context, e app.Event) {
						actSelect.post(ctx, "")
						focusElement(ctx, d.Item)
					}),
			),
		),
		app.Div().Role("tablist").Class("tabs").Aria("label", tr(lang, "details.views")).Body(
			tabBtn("describe", tr(lang, "details.describe")),
			tabBtn("yaml", tr(lang, "details.yaml")),
		),
		app.Pre().
			ID("details-panel").
			Role("tabpanel").
			Class("details-text").
			Aria("labelledby", "details-tab-"+tab).
			TabIndex(0).
			Text(body),
	)
}

// onTabKey moves between the two tabs with the arrow keys (WAI-ARIA tabs).
func (d *details) onTabKey(ctx app.Context, e app.Event) {
	switch key := e.Get("key").String(); key {
	case "ArrowLeft", "ArrowRight", "Home", "End":
		e.PreventDefault()
		switch {
		case key == "Home":
			d.tab = "describe"
		case key == "End":
			d.tab = "yaml"
		case d.tab == "yaml":
			d.tab = "describe"
		default:
			d.tab = "yaml"
		}
		focusElement(ctx, "details-tab-"+d.tab)
	}
	// Other keys change nothing; no ctx.PreventUpdate, which in go-app v9.8 would also ignore
	// the tabs' later clicks and keys.
}
