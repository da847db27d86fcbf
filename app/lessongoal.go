package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
	"rolloutlab/engine/lesson"
)

// The goal view: a step's goal (the Deployments, their replicas and image, and the non-empty
// ReplicaSets expected with their pod counts) drawn as a faint ghost tree beside the live
// tree, with the differences named in words.

// goalDiff is one difference between the goal and the live cluster, as an i18n key and its
// arguments.
type goalDiff struct {
	Key  string
	Args []any
}

// diffGoal names what the cluster lacks, or has too much of, compared with the goal. A
// ReplicaSet is matched by its image; its pods are the pods it has now (status.replicas),
// since the goal is what the learner should see settle.
func diffGoal(g *lesson.Goal, v engine.View) []goalDiff {
	var out []goalDiff
	for _, gd := range g.Deployments {
		var d *engine.DeploymentView
		for i := range v.Deployments {
			if v.Deployments[i].Name == gd.Name {
				d = &v.Deployments[i]
			}
		}
		if d == nil {
			out = append(out, goalDiff{"goal.diff.noDeployment", []any{gd.Name}})
			continue
		}
		if d.Replicas != gd.Replicas {
			out = append(out, goalDiff{"goal.diff.replicas", []any{gd.Name, gd.Replicas, d.Replicas}})
		}
		if img := strings.Join(d.Images, ", "); gd.Image != "" && img != gd.Image {
			out = append(out, goalDiff{"goal.diff.image", []any{gd.Name, gd.Image, img}})
		}
		live := map[string]int32{}
		var order []string
		for _, rs := range d.ReplicaSets {
			img := strings.Join(rs.Images, ", ")
			if rs.Current == 0 && rs.Desired == 0 {
				continue
			}
			if _, ok := live[img]; !ok {
				order = append(order, img)
			}
			live[img] += rs.Current
		}
		want := map[string]bool{}
		for _, grs := range gd.ReplicaSets {
			want[grs.Image] = true
			n, ok := live[grs.Image]
			switch {
			case !ok:
				out = append(out, goalDiff{"goal.diff.noRS", []any{gd.Name, grs.Image, grs.Replicas}})
			case n != grs.Replicas:
				out = append(out, goalDiff{"goal.diff.rsPods", []any{gd.Name, grs.Image, grs.Replicas, n}})
			}
		}
		for _, img := range order {
			if !want[img] {
				out = append(out, goalDiff{"goal.diff.extraRS", []any{gd.Name, img, live[img]}})
			}
		}
	}
	return out
}

// goalOf is the goal of the step on screen (nil: no lesson, finished, or a step without one).
func goalOf(r *lessonRun) *lesson.Goal {
	if r == nil || r.finished {
		return nil
	}
	return r.step().Goal
}

// goalPanel draws a step's goal beside the live tree, with its differences from the cluster
// (diffGoal) in words.
type goalPanel struct {
	app.Compo

	Lang  string
	Goal  *lesson.Goal
	Diffs []goalDiff
}

func (c *goalPanel) Render() (ui app.UI) {
	defer recoverRender(&ui, "goal")
	lang, g, diffs := c.Lang, c.Goal, c.Diffs
	var items []app.UI
	for _, gd := range g.Deployments {
		var rss []app.UI
		for _, grs := range gd.ReplicaSets {
			rss = append(rss, app.Li().Class("ghost-rs").Body(
				app.Span().Text(trf(lang, "goal.rs", grs.Image, grs.Replicas)),
				app.Span().Class("ghost-pods").Aria("hidden", "true").Text(strings.Repeat("● ", int(min(max(grs.Replicas, 0), 20)))),
			))
		}
		items = append(items, app.Li().Class("ghost-deploy").Body(
			app.Span().Text(trf(lang, "goal.deploy", gd.Name, gd.Replicas, gd.Image)),
			app.Ul().Body(rss...),
		))
	}
	var words []app.UI
	for _, d := range diffs {
		words = append(words, app.Li().Text(trf(lang, d.Key, d.Args...)))
	}
	return app.Section().Class("panel goal").Role("region").Aria("label", tr(lang, "goal.title")).Body(
		app.H2().Text(tr(lang, "goal.title")),
		app.Ul().Class("ghost-tree").Body(items...),
		when(len(diffs) == 0, func() app.UI { return app.P().Class("goal-met").Text(tr(lang, "goal.met")) }),
		when(len(diffs) > 0, func() app.UI {
			return app.Div().Body(app.P().Text(tr(lang, "goal.diffs")), app.Ul().Class("goal-diffs").Body(words...))
		}),
	)
}
