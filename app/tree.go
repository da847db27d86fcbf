package app

import (
	"fmt"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// The live hierarchy: Deployment → ReplicaSets → Pods as a WAI-ARIA tree. Each ReplicaSet and
// its pods are one rsGroup component, re-rendered only when its props changed; above
// maxPodsListed pods a ReplicaSet shows counts by status instead of one row per pod, and at
// most maxGroups groups are mounted, so the page never mounts thousands of components.

const (
	maxPodsListed = 200
	maxGroups     = 400
	treeID        = "cluster-tree"
)

// Tree item ids: "ti-<kind>-<name>"; the summary of a large ReplicaSet is "ti-summary-<rs>".
func itemID(kind, name string) string { return "ti-" + strings.ToLower(kind) + "-" + name }

// parseItemID splits an item id into kind ("deployment", "replicaset", "pod", "summary") and name.
func parseItemID(id string) (kind, name string) {
	rest, ok := strings.CutPrefix(id, "ti-")
	if !ok {
		return "", ""
	}
	kind, name, _ = strings.Cut(rest, "-")
	return kind, name
}

// Accessible names: kind and name first, then the state in words (the browser contract).

func deploymentLabel(lang string, d engine.DeploymentView) string {
	s := trf(lang, "tree.deployment", d.Name, d.Ready, d.Replicas, d.Updated, d.Available, orDash(d.Revision))
	switch st := deploymentState(d); st {
	case "":
	default:
		s += ", " + tr(lang, "tree.state."+st)
	}
	if len(d.NewPodsFailing) > 0 {
		s += ", " + failingText(lang, "tree.failing.new", d.NewPodsFailing)
	}
	return s
}

// failingText says which pods fail and why, e.g. "new pods failing: ImagePullBackOff": kubectl
// calls such a rollout progressing until its progress deadline, ten minutes later.
func failingText(lang, key string, fs []engine.Failure) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Reason
		if f.Pods > 1 {
			parts[i] = trf(lang, "tree.failing.pods", f.Reason, f.Pods)
		}
	}
	return trf(lang, key, strings.Join(parts, ", "))
}

// failingBadge shows failingText with its own icon and a dashed border, like failing pods.
func failingBadge(lang, key string, fs []engine.Failure) app.UI {
	if len(fs) == 0 {
		return nil
	}
	return app.Span().Class("badge").DataSet("state", "failing").Body(
		app.Span().Aria("hidden", "true").Text("✖ "),
		app.Text(failingText(lang, key, fs)),
	)
}

// rolledBackText names a revision whose template came back from an older one.
func rolledBackText(lang string, rs engine.ReplicaSetView) string {
	return trf(lang, "rev.rolledBack", rs.RolledBackFrom)
}

// deploymentState is "complete", "stalled", "paused", "progressing" or "".
func deploymentState(d engine.DeploymentView) string {
	if d.Paused {
		return "paused"
	}
	for _, c := range d.Conditions {
		if c.Type == "Progressing" && c.Status == "False" {
			return "stalled"
		}
	}
	if d.Complete {
		return "complete"
	}
	if len(d.Conditions) > 0 {
		return "progressing"
	}
	return ""
}

func replicaSetLabel(lang string, rs engine.ReplicaSetView) string {
	s := trf(lang, "tree.replicaset", rs.Name, orDash(rs.Revision), strings.Join(rs.Images, ", "),
		rs.Desired, rs.Current, rs.Ready)
	switch {
	case rs.New:
		s += ", " + tr(lang, "tree.rs.new")
	case rs.Desired == 0 && rs.Current == 0:
		s += ", " + tr(lang, "tree.rs.old")
	}
	if rs.RolledBackFrom != "" {
		s += ", " + rolledBackText(lang, rs)
	}
	if len(rs.Failing) > 0 {
		s += ", " + failingText(lang, "tree.failing", rs.Failing)
	}
	return s
}

func podLabel(lang string, p engine.PodView) string {
	node := p.Node
	if node == "" {
		node = tr(lang, "tree.pod.unscheduled")
	}
	return trf(lang, "tree.pod", p.Name, p.Status, p.Ready, node, p.Age) + trafficText(lang, p)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// podClass groups pod statuses for the icon and the styling: ok, starting, failing, stopping.
func podClass(p engine.PodView) string {
	switch {
	case p.Terminating || p.Status == "Terminating":
		return "stopping"
	case p.Failing:
		return "failing"
	case p.Status == "Running" && p.IsReady:
		return "ok"
	}
	return "starting"
}

// statusIcon draws each class with its own shape, so colour is never the only signal.
func statusIcon(class, status string) string {
	switch class {
	case "ok":
		return "●"
	case "failing":
		if strings.Contains(status, "BackOff") {
			return "⏸"
		}
		return "✖"
	case "stopping":
		return "◌"
	}
	return "◐"
}

// statusCounts counts pods by status, most frequent first.
func statusCounts(pods []engine.PodView) []statusCount {
	m := map[string]int{}
	cls := map[string]string{}
	for _, p := range pods {
		m[p.Status]++
		cls[p.Status] = podClass(p)
	}
	out := make([]statusCount, 0, len(m))
	for s, n := range m {
		out = append(out, statusCount{Status: s, Class: cls[s], N: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Status < out[j].Status
	})
	return out
}

type statusCount struct {
	Status, Class string
	N             int
}

func summaryLabel(lang string, total int, counts []statusCount) string {
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = fmt.Sprintf("%d %s", c.N, c.Status)
	}
	return trn(lang, "tree.summary", total, total, strings.Join(parts, ", "))
}

// flatItem is one visible row, for keyboard navigation.
type flatItem struct {
	ID, Parent string
	Expandable bool
	Expanded   bool
}

// flatten lists the visible tree items in order.
func flatten(deps []engine.DeploymentView, rss []engine.ReplicaSetView, pods []engine.PodView, collapsed map[string]bool) []flatItem {
	var out []flatItem
	groups := 0
	addRS := func(rs engine.ReplicaSetView, parent string) {
		if groups >= maxGroups {
			return
		}
		groups++
		id := itemID("ReplicaSet", rs.Name)
		exp := len(rs.Pods) > 0
		open := exp && !collapsed[id]
		out = append(out, flatItem{ID: id, Parent: parent, Expandable: exp, Expanded: open})
		if !open {
			return
		}
		if len(rs.Pods) > maxPodsListed {
			out = append(out, flatItem{ID: itemID("summary", rs.Name), Parent: id})
			return
		}
		for _, p := range rs.Pods {
			out = append(out, flatItem{ID: itemID("Pod", p.Name), Parent: id})
		}
	}
	for _, d := range deps {
		id := itemID("Deployment", d.Name)
		exp := len(d.ReplicaSets) > 0
		open := exp && !collapsed[id]
		out = append(out, flatItem{ID: id, Expandable: exp, Expanded: open})
		if open {
			for _, rs := range d.ReplicaSets {
				addRS(rs, id)
			}
		}
	}
	for _, rs := range rss {
		addRS(rs, "")
	}
	for i, p := range pods {
		if i >= maxPodsListed {
			out = append(out, flatItem{ID: itemID("summary", "unowned")})
			break
		}
		out = append(out, flatItem{ID: itemID("Pod", p.Name)})
	}
	return out
}

// treeKey is the tree's keyboard model: it returns the item to focus, the expansion change
// (id and whether it is now collapsed) and whether the key selects the focused item.
func treeKey(items []flatItem, focus, key string) (next, toggle string, collapse, activate bool) {
	if len(items) == 0 {
		return "", "", false, false
	}
	i := 0
	for j, it := range items {
		if it.ID == focus {
			i = j
			break
		}
	}
	cur := items[i]
	switch key {
	case "ArrowDown":
		if i+1 < len(items) {
			return items[i+1].ID, "", false, false
		}
	case "ArrowUp":
		if i > 0 {
			return items[i-1].ID, "", false, false
		}
	case "Home":
		return items[0].ID, "", false, false
	case "End":
		return items[len(items)-1].ID, "", false, false
	case "ArrowRight":
		if cur.Expandable && !cur.Expanded {
			return cur.ID, cur.ID, false, false
		}
		if cur.Expanded && i+1 < len(items) {
			return items[i+1].ID, "", false, false
		}
	case "ArrowLeft":
		if cur.Expandable && cur.Expanded {
			return cur.ID, cur.ID, true, false
		}
		if cur.Parent != "" {
			return cur.Parent, "", false, false
		}
	case "Enter", " ":
		return cur.ID, "", false, true
	}
	return cur.ID, "", false, false
}

// tree is the "Cluster objects" tree.
type tree struct {
	app.Compo

	Lang        string
	Deployments []engine.DeploymentView
	ReplicaSets []engine.ReplicaSetView // not owned by a Deployment
	Pods        []engine.PodView        // not owned by a ReplicaSet
	Selected    string

	focus     string
	collapsed map[string]bool
}

const actTreeFocus action[string] = "rl/tree/focus" // value: item id, from a click inside a group
const actTreeToggle action[string] = "rl/tree/toggle"

func (t *tree) OnMount(ctx app.Context) {
	on := func(name string, fn func(app.Context, app.Action)) { ctx.Handle(name, fn) }
	handle(on, actTreeFocus, func(ctx app.Context, id string) { t.focus = id })
	handle(on, actTreeToggle, func(ctx app.Context, id string) { t.toggle(id, nil) })
}

func (t *tree) toggle(id string, collapse *bool) {
	if t.collapsed == nil {
		t.collapsed = map[string]bool{}
	}
	c := !t.collapsed[id]
	if collapse != nil {
		c = *collapse
	}
	t.collapsed[id] = c
}

// focusID is the item with tabindex 0: the focused one if still visible, else the first.
func (t *tree) focusID(items []flatItem) string {
	for _, it := range items {
		if it.ID == t.focus {
			return t.focus
		}
	}
	if len(items) > 0 {
		return items[0].ID
	}
	return ""
}

func (t *tree) onKeyDown(ctx app.Context, e app.Event) {
	key := e.Get("key").String()
	items := flatten(t.Deployments, t.ReplicaSets, t.Pods, t.collapsed)
	switch key {
	case "ArrowDown", "ArrowUp", "Home", "End", "ArrowRight", "ArrowLeft", "Enter", " ":
	default:
		return // no ctx.PreventUpdate: in go-app v9.8 it would ignore the tree's later events too
	}
	e.PreventDefault()
	next, toggle, collapse, activate := treeKey(items, t.focusID(items), key)
	if toggle != "" {
		t.toggle(toggle, &collapse)
	}
	t.focus = next
	if activate {
		actSelect.post(ctx, next)
	}
	focusElement(ctx, next)
}

// focusElement moves the DOM focus after the next render.
func focusElement(ctx app.Context, id string) {
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}

func (t *tree) Render() (ui app.UI) {
	defer recoverRender(&ui, "tree")
	lang := t.Lang
	items := flatten(t.Deployments, t.ReplicaSets, t.Pods, t.collapsed)
	focus := t.focusID(items)
	empty := len(t.Deployments) == 0 && len(t.ReplicaSets) == 0 && len(t.Pods) == 0
	groups := 0
	group := func(rs engine.ReplicaSetView, level int) app.UI {
		groups++
		if groups > maxGroups {
			return nil
		}
		return &rsGroup{
			Lang:     lang,
			RS:       rs,
			Level:    level,
			Expanded: !t.collapsed[itemID("ReplicaSet", rs.Name)],
			Focus:    inGroup(focus, rs),
			Selected: inGroup(t.Selected, rs),
		}
	}
	return app.Section().Class("panel objects").Aria("labelledby", "tree-h").Body(
		app.Div().Class("panel-head").Body(
			app.H2().ID("tree-h").Text(tr(lang, "tree.title")),
			app.Span().Class("hint").Text(tr(lang, "tree.hint")),
		),
		when(empty, func() app.UI {
			return app.P().Class("empty").Text(tr(lang, "tree.empty"))
		}),
		app.Ul().
			ID(treeID).
			Class("tree").
			Role("tree").
			Aria("label", tr(lang, "tree.label")).
			OnKeyDown(safely("tree", t.onKeyDown)).
			Body(
				app.Range(t.Deployments).Slice(func(i int) app.UI {
					d := t.Deployments[i]
					id := itemID("Deployment", d.Name)
					open := !t.collapsed[id] && len(d.ReplicaSets) > 0
					li := app.Li().
						ID(id).
						Class("ti deploy").
						Role("treeitem").
						Aria("level", 1).
						Aria("label", deploymentLabel(lang, d)).
						Aria("selected", t.Selected == id).
						DataSet("state", deploymentState(d)).
						TabIndex(tabIndex(focus == id))
					if len(d.ReplicaSets) > 0 {
						li = li.Aria("expanded", open)
					}
					return li.Body(
						app.Div().Class("row").
							OnClick(func(ctx app.Context, e app.Event) { t.clickItem(ctx, id) }, id).
							Body(
								toggleButton(lang, id, open, len(d.ReplicaSets) > 0),
								app.Span().Class("kind").Text("Deployment"),
								app.Span().Class("name").Text(d.Name),
								app.Span().Class("stats").Text(trf(lang, "tree.deployment.short",
									d.Ready, d.Replicas, d.Updated, d.Available, orDash(d.Revision), d.Strategy)),
								deploymentBadge(lang, d),
								failingBadge(lang, "tree.failing.new", d.NewPodsFailing),
							),
						when(open, func() app.UI {
							return app.Ul().Role("group").Body(
								app.Range(d.ReplicaSets).Slice(func(j int) app.UI { return group(d.ReplicaSets[j], 2) }),
							)
						}),
					)
				}),
				app.Range(t.ReplicaSets).Slice(func(i int) app.UI { return group(t.ReplicaSets[i], 1) }),
				app.Range(t.Pods).Slice(func(i int) app.UI {
					if i > maxPodsListed {
						return nil
					}
					if i == maxPodsListed {
						return summaryItem(lang, itemID("summary", "unowned"), t.Pods, 1, focus, t.Selected)
					}
					return podItem(lang, t.Pods[i], 1, focus, t.Selected)
				}),
			),
		when(groups > maxGroups, func() app.UI {
			return app.P().Class("hint").Text(trn(lang, "tree.tooMany", groups-maxGroups, groups-maxGroups))
		}),
	)
}

func (t *tree) clickItem(ctx app.Context, id string) {
	t.focus = id
	actSelect.post(ctx, id)
}

// inGroup returns id when it names rs or one of its pods (so a group's props change only when
// the focus or selection enters, moves within or leaves it).
func inGroup(id string, rs engine.ReplicaSetView) string {
	if id == "" {
		return ""
	}
	kind, name := parseItemID(id)
	switch kind {
	case "replicaset", "summary":
		if name == rs.Name {
			return id
		}
	case "pod":
		if strings.HasPrefix(name, rs.Name+"-") {
			for _, p := range rs.Pods {
				if p.Name == name {
					return id
				}
			}
		}
	}
	return ""
}

func tabIndex(focused bool) int {
	if focused {
		return 0
	}
	return -1
}

func toggleButton(lang, id string, open, expandable bool) app.UI {
	if !expandable {
		return app.Span().Class("twisty").Aria("hidden", "true")
	}
	icon := "▸"
	if open {
		icon = "▾"
	}
	// Not a button: the tree item handles the keyboard; the mouse gets a click target.
	return app.Span().Class("twisty").Aria("hidden", "true").Text(icon).
		Title(tr(lang, "tree.toggle")).
		OnClick(func(ctx app.Context, e app.Event) {
			e.Call("stopPropagation")
			actTreeToggle.post(ctx, id)
		}, id)
}

func deploymentBadge(lang string, d engine.DeploymentView) app.UI {
	st := deploymentState(d)
	if st == "" {
		return nil
	}
	icon := map[string]string{"complete": "✓", "stalled": "⚠", "paused": "⏸", "progressing": "↻"}[st]
	return app.Span().Class("badge").DataSet("state", st).Body(
		app.Span().Aria("hidden", "true").Text(icon+" "),
		app.Text(tr(lang, "tree.state."+st)),
	)
}

// rsGroup is one ReplicaSet item and its pods.
type rsGroup struct {
	app.Compo

	Lang     string
	RS       engine.ReplicaSetView
	Level    int
	Expanded bool
	Focus    string
	Selected string
}

func (g *rsGroup) Render() (ui app.UI) {
	defer recoverRender(&ui, "replicaset")
	lang := g.Lang
	rs := g.RS
	id := itemID("ReplicaSet", rs.Name)
	hasPods := len(rs.Pods) > 0
	open := g.Expanded && hasPods
	old := !rs.New && rs.Desired == 0 && rs.Current == 0
	li := app.Li().
		ID(id).
		Class("ti rs").
		Role("treeitem").
		Aria("level", g.Level).
		Aria("label", replicaSetLabel(lang, rs)).
		Aria("selected", g.Selected == id).
		TabIndex(tabIndex(g.Focus == id))
	if old {
		li = li.DataSet("old", "1")
	}
	if rs.New {
		li = li.DataSet("new", "1")
	}
	if hasPods {
		li = li.Aria("expanded", open)
	}
	return li.Body(
		app.Div().Class("row").
			OnClick(func(ctx app.Context, e app.Event) { g.click(ctx, id) }, id).
			Body(
				toggleButton(lang, id, open, hasPods),
				app.Span().Class("kind").Text("ReplicaSet"),
				app.Span().Class("name").Text(rs.Name),
				app.Span().Class("stats").Text(trf(lang, "tree.replicaset.short", orDash(rs.Revision),
					strings.Join(rs.Images, ", "), orDash(rs.Hash), rs.Desired, rs.Current, rs.Ready)),
				either(rs.New, func() app.UI {
					return app.Span().Class("badge").DataSet("state", "new").Text(tr(lang, "tree.rs.newBadge"))
				}, func() app.UI {
					if !old {
						return nil
					}
					return app.Span().Class("badge").DataSet("state", "old").Text(tr(lang, "tree.rs.oldBadge"))
				}),
				when(rs.RolledBackFrom != "", func() app.UI {
					return app.Span().Class("badge").DataSet("state", "rolledback").Body(
						app.Span().Aria("hidden", "true").Text("↩ "),
						app.Text(rolledBackText(lang, rs)),
					)
				}),
				failingBadge(lang, "tree.failing", rs.Failing),
			),
		when(open, func() app.UI {
			if len(rs.Pods) > maxPodsListed {
				return app.Ul().Role("group").Body(
					summaryItem(lang, itemID("summary", rs.Name), rs.Pods, g.Level+1, g.Focus, g.Selected),
				)
			}
			return app.Ul().Role("group").Class("pods").Body(
				app.Range(rs.Pods).Slice(func(i int) app.UI { return podItem(lang, rs.Pods[i], g.Level+1, g.Focus, g.Selected) }),
			)
		}),
	)
}

func (g *rsGroup) click(ctx app.Context, id string) {
	actTreeFocus.post(ctx, id)
	actSelect.post(ctx, id)
}

// podItem is one pod row, kept small (the first render of a few hundred rows is what costs).
func podItem(lang string, p engine.PodView, level int, focus, selected string) app.UI {
	id := itemID("Pod", p.Name)
	cls := podClass(p)
	node := p.Node
	if node == "" {
		node = tr(lang, "tree.pod.unscheduled")
	}
	return app.Li().
		ID(id).
		Class("ti pod").
		Role("treeitem").
		Aria("level", level).
		Aria("label", podLabel(lang, p)).
		Aria("selected", selected == id).
		DataSet("status", cls).
		TabIndex(tabIndex(focus == id)).
		Body(
			app.Div().Class("row").
				OnClick(func(ctx app.Context, e app.Event) {
					actTreeFocus.post(ctx, id)
					actSelect.post(ctx, id)
				}, id).
				Body(
					app.Span().Class("icon").Aria("hidden", "true").Text(statusIcon(cls, p.Status)),
					app.Span().Class("name").Text(p.Name),
					app.Span().Class("status").Text(p.Status),
					app.Span().Class("stats").Text(trf(lang, "tree.pod.short", p.Ready, node, p.Age)),
					trafficBadge(lang, p),
				),
		)
}

func summaryItem(lang, id string, pods []engine.PodView, level int, focus, selected string) app.UI {
	counts := statusCounts(pods)
	return app.Li().
		ID(id).
		Class("ti summary").
		Role("treeitem").
		Aria("level", level).
		Aria("label", summaryLabel(lang, len(pods), counts)).
		TabIndex(tabIndex(focus == id)).
		Body(
			app.Div().Class("row").Body(
				app.Span().Class("twisty").Aria("hidden", "true"),
				app.Span().Class("kind").Text(trn(lang, "tree.summary.head", len(pods), len(pods))),
				app.Range(counts).Slice(func(i int) app.UI {
					c := counts[i]
					return app.Span().Class("chip").DataSet("status", c.Class).Body(
						app.Span().Aria("hidden", "true").Text(statusIcon(c.Class, c.Status)+" "),
						app.Text(fmt.Sprintf("%d %s", c.N, c.Status)),
					)
				}),
			),
		)
}
