package app

import (
	"sort"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// Failure controls: make an image unpullable or slow, stop a node's kubelet, delete a pod
// (through the terminal, so the command shows).

// knownImages are the images the cluster's objects use, for the image field's suggestions.
func knownImages(v engine.View) []string {
	seen := map[string]bool{}
	var out []string
	add := func(imgs ...string) {
		for _, i := range imgs {
			if i != "" && !seen[i] {
				seen[i] = true
				out = append(out, i)
			}
		}
	}
	for _, d := range v.Deployments {
		add(d.Images...)
		for _, rs := range d.ReplicaSets {
			add(rs.Images...)
		}
	}
	for _, rs := range v.UnownedReplicaSets {
		add(rs.Images...)
	}
	sort.Strings(out)
	return out
}

// podNames lists every pod, for the delete control.
func podNames(v engine.View) []string {
	var out []string
	for _, d := range v.Deployments {
		for _, rs := range d.ReplicaSets {
			for _, p := range rs.Pods {
				out = append(out, p.Name)
			}
		}
	}
	for _, rs := range v.UnownedReplicaSets {
		for _, p := range rs.Pods {
			out = append(out, p.Name)
		}
	}
	for _, p := range v.UnownedPods {
		out = append(out, p.Name)
	}
	sort.Strings(out)
	if len(out) > maxPodsListed {
		out = out[:maxPodsListed]
	}
	return out
}

type faults struct {
	app.Compo

	Lang       string
	Images     []string
	ImageModes map[string]string
	Nodes      []engine.NodeView
	NodesDown  map[string]bool
	Pods       []string

	image    string
	imageSet bool // the learner typed in the image field
	pod      string
}

func (c *faults) imageValue() string {
	if c.imageSet {
		return c.image
	}
	if len(c.Images) > 0 {
		return c.Images[len(c.Images)-1]
	}
	return "nginx:1.91"
}

func (c *faults) podValue() string {
	for _, p := range c.Pods {
		if p == c.pod {
			return p
		}
	}
	if len(c.Pods) > 0 {
		return c.Pods[0]
	}
	return ""
}

func setImage(ctx app.Context, image, mode string) {
	actImage.post(ctx, imageChoice{Image: image, Mode: mode})
}

func (c *faults) Render() (ui app.UI) {
	defer recoverRender(&ui, "faults")
	lang := c.Lang
	img := c.imageValue()
	active := make([]string, 0, len(c.ImageModes))
	for i := range c.ImageModes {
		active = append(active, i)
	}
	sort.Strings(active)
	pod := c.podValue()
	return app.Section().Class("panel faults").Aria("labelledby", "faults-h").Body(
		app.Div().Class("panel-head").Body(
			app.H2().ID("faults-h").Text(tr(lang, "faults.title")),
		),
		app.FieldSet().Body(
			app.Legend().Text(tr(lang, "faults.images")),
			app.Div().Class("field-row").Body(
				app.Label().For("fault-image").Text(tr(lang, "faults.image")),
				app.Input().
					ID("fault-image").
					Type("text").
					List("fault-images").
					Spellcheck(false).
					AutoComplete(false).
					Value(img).
					OnInput(func(ctx app.Context, e app.Event) {
						c.image, c.imageSet = ctx.JSSrc().Get("value").String(), true
					}),
				app.DataList().ID("fault-images").Body(
					app.Range(c.Images).Slice(func(i int) app.UI { return app.Option().Value(c.Images[i]) }),
				),
			),
			app.Div().Class("actions").Body(
				app.Button().Class("btn danger").Text(tr(lang, "faults.missing")).
					OnClick(func(ctx app.Context, e app.Event) { setImage(ctx, c.imageValue(), "missing") }),
				app.Button().Class("btn").Text(tr(lang, "faults.slow")).
					OnClick(func(ctx app.Context, e app.Event) { setImage(ctx, c.imageValue(), "slow") }),
				app.Button().Class("btn ghost").Text(tr(lang, "faults.normal")).
					OnClick(func(ctx app.Context, e app.Event) { setImage(ctx, c.imageValue(), "") }),
			),
			when(len(active) > 0, func() app.UI {
				return app.Ul().Class("active-faults").Aria("label", tr(lang, "faults.active")).Body(
					app.Range(active).Slice(func(i int) app.UI {
						im := active[i]
						mode := c.ImageModes[im]
						return app.Li().Body(
							app.Span().Class("badge").DataSet("state", map[string]string{"missing": "stalled", "slow": "progressing"}[mode]).
								Text(tr(lang, "faults.mode."+mode)),
							app.Code().Text(" "+im+" "),
							app.Button().Class("btn ghost small").
								Text(tr(lang, "faults.clear")).
								Aria("label", trf(lang, "faults.clear.named", im)).
								OnClick(func(ctx app.Context, e app.Event) { setImage(ctx, im, "") }, im),
						)
					}),
				)
			}),
		),
		app.FieldSet().Body(
			app.Legend().Text(tr(lang, "faults.nodes")),
			app.Ul().Class("nodes").Body(app.Range(c.Nodes).Slice(func(i int) app.UI {
				n := c.Nodes[i]
				down := c.NodesDown[n.Name]
				label, aria := tr(lang, "faults.nodeDown"), trf(lang, "faults.nodeDown.named", n.Name)
				if down {
					label, aria = tr(lang, "faults.nodeUp"), trf(lang, "faults.nodeUp.named", n.Name)
				}
				icon := "●"
				if n.Status != "Ready" {
					icon = "✖"
				}
				return app.Li().DataSet("ready", n.Status == "Ready").Body(
					app.Span().Class("icon").Aria("hidden", "true").Text(icon),
					app.Span().Class("name").Text(n.Name),
					app.Span().Class("status").Text(n.Status),
					app.Span().Class("hint").Text(trn(lang, "faults.nodePods", n.Pods, n.Pods)),
					when(down, func() app.UI {
						return app.Span().Class("hint").Text(tr(lang, "faults.kubeletStopped"))
					}),
					app.Button().Class("btn small").
						Text(label).
						Aria("label", aria).
						OnClick(func(ctx app.Context, e app.Event) {
							actNode.post(ctx, nodeChoice{Node: n.Name, Down: !down})
						}, n.Name, down),
				)
			})),
		),
		app.FieldSet().Body(
			app.Legend().Text(tr(lang, "faults.pods")),
			either(len(c.Pods) == 0, func() app.UI {
				return app.P().Class("empty").Text(tr(lang, "faults.noPods"))
			}, func() app.UI {
				return app.Div().Class("field-row").Body(
					app.Label().For("fault-pod").Text(tr(lang, "faults.pod")),
					app.Select().ID("fault-pod").
						OnChange(func(ctx app.Context, e app.Event) { c.pod = ctx.JSSrc().Get("value").String() }).
						Body(app.Range(c.Pods).Slice(func(i int) app.UI {
							return option(c.Pods[i], c.Pods[i], c.Pods[i] == pod)
						})),
					app.Button().Class("btn danger").Text(tr(lang, "faults.deletePod")).
						OnClick(func(ctx app.Context, e app.Event) {
							if p := c.podValue(); p != "" {
								actExec.post(ctx, "kubectl delete pod "+p)
							}
						}),
				)
			}),
		),
	)
}
