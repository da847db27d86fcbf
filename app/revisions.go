package app

import (
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// Revision lanes: the rollout history of each Deployment, one lane per revision. Selecting a
// lane previews what `kubectl rollout undo --to-revision=N` will do; a button runs it in the
// terminal.

type revLane struct {
	Revision    int
	RSName      string
	Images      string
	ChangeCause string
	Desired     int32
	Ready       int32
	Current     bool
	// RolledBackFrom is the revision this template had before a rollback brought it back.
	RolledBackFrom string
	Failing        []engine.Failure
}

type revDeployment struct {
	Name           string
	Replicas       int32
	Strategy       string
	MaxSurge       string
	MaxUnavailable string
	Paused         bool
	Lanes          []revLane // oldest revision first
}

func revisionModel(v engine.View) []revDeployment {
	out := make([]revDeployment, 0, len(v.Deployments))
	for _, d := range v.Deployments {
		rd := revDeployment{Name: d.Name, Replicas: d.Replicas, Strategy: d.Strategy, MaxSurge: d.MaxSurge,
			MaxUnavailable: d.MaxUnavailable, Paused: d.Paused}
		for _, rs := range d.ReplicaSets {
			n, err := strconv.Atoi(rs.Revision)
			if err != nil {
				continue
			}
			rd.Lanes = append(rd.Lanes, revLane{Revision: n, RSName: rs.Name, Images: strings.Join(rs.Images, ", "),
				ChangeCause: rs.ChangeCause, Desired: rs.Desired, Ready: rs.Ready, Current: rs.New,
				RolledBackFrom: rs.RolledBackFrom, Failing: rs.Failing})
		}
		sort.Slice(rd.Lanes, func(i, j int) bool { return rd.Lanes[i].Revision < rd.Lanes[j].Revision })
		out = append(out, rd)
	}
	return out
}

func undoCommand(d revDeployment, rev int) string {
	return "kubectl rollout undo deployment/" + d.Name + " --to-revision=" + strconv.Itoa(rev)
}

// undoPreview says what rolling back to rev will do; ok is false when kubectl would refuse or
// do nothing.
func undoPreview(lang string, d revDeployment, rev int) (lines []string, ok bool) {
	var target *revLane
	last := 0
	for i := range d.Lanes {
		if d.Lanes[i].Revision == rev {
			target = &d.Lanes[i]
		}
		last = max(last, d.Lanes[i].Revision)
	}
	if target == nil {
		return []string{trf(lang, "rev.preview.missing", rev)}, false
	}
	if target.Current {
		return []string{trf(lang, "rev.preview.current", rev)}, false
	}
	if d.Paused {
		return []string{tr(lang, "rev.preview.paused")}, false
	}
	if target.Desired >= d.Replicas {
		lines = append(lines, trn(lang, "rev.preview.keep", int(d.Replicas), target.RSName, rev, target.Images, d.Replicas))
	} else {
		lines = append(lines, trf(lang, "rev.preview.up", target.RSName, rev, target.Images, target.Desired, d.Replicas))
	}
	for _, l := range d.Lanes {
		if l.Revision != rev && l.Desired > 0 {
			lines = append(lines, trf(lang, "rev.preview.down", l.RSName, l.Revision, l.Images, l.Desired))
		}
	}
	if d.Strategy == "Recreate" {
		lines = append(lines, tr(lang, "rev.preview.recreate"))
	} else {
		lines = append(lines, trf(lang, "rev.preview.rolling", orDash(d.MaxSurge), orDash(d.MaxUnavailable)))
	}
	lines = append(lines, trf(lang, "rev.preview.renumber", last+1, rev))
	return lines, true
}

// revisions is the panel.
type revisions struct {
	app.Compo

	Lang        string
	Deployments []revDeployment

	picked map[string]int // deployment → selected revision
}

func (c *revisions) pick(dep string, rev int) {
	if c.picked == nil {
		c.picked = map[string]int{}
	}
	c.picked[dep] = rev
}

func (c *revisions) Render() (ui app.UI) {
	defer recoverRender(&ui, "revisions")
	lang := c.Lang
	return app.Section().Class("panel revisions").Aria("labelledby", "rev-h").Body(
		app.Div().Class("panel-head").Body(
			app.H2().ID("rev-h").Text(tr(lang, "rev.title")),
			when(len(c.Deployments) > 0, func() app.UI {
				return app.Span().ID("rev-hint").Class("hint").Text(tr(lang, "rev.hint"))
			}),
		),
		when(len(c.Deployments) == 0, func() app.UI {
			return app.P().Class("empty").Text(tr(lang, "rev.empty"))
		}),
		app.Range(c.Deployments).Slice(func(i int) app.UI {
			d := c.Deployments[i]
			sel := c.picked[d.Name]
			var top int32 = 1
			for _, l := range d.Lanes {
				top = max(top, l.Desired, l.Ready)
			}
			return app.Div().Class("rev-dep").Body(
				app.H3().Text("Deployment "+d.Name),
				app.Ul().Class("lanes").Aria("label", trf(lang, "rev.lanes", d.Name)).Body(
					app.Range(d.Lanes).Slice(func(j int) app.UI {
						l := d.Lanes[j]
						cause := l.ChangeCause
						if cause == "" {
							cause = "<none>"
						}
						return app.Li().Body(
							app.Button().
								Class("lane").
								Aria("pressed", sel == l.Revision).
								Aria("describedby", "rev-hint").
								DataSet("current", l.Current).
								DataSet("failing", len(l.Failing) > 0).
								OnClick(func(ctx app.Context, e app.Event) { c.pick(d.Name, l.Revision) }, d.Name, l.Revision).
								Body(
									app.Span().Class("rev-num").Text(trf(lang, "rev.revision", l.Revision)),
									app.Span().Class("rev-image").Text(l.Images),
									app.Span().Class("rev-cause").Text(cause),
									app.Span().Class("rev-bar").Aria("hidden", "true").Body(
										app.Span().Class("rev-fill").Style("width", pct(l.Ready, top)),
									),
									app.Span().Class("rev-count").Text(trf(lang, "rev.count", l.Ready, l.Desired)),
									when(l.Current, func() app.UI {
										return app.Span().Class("badge").DataSet("state", "new").Text(tr(lang, "rev.current"))
									}),
									when(l.RolledBackFrom != "" || len(l.Failing) > 0, func() app.UI {
										return app.Span().Class("rev-notes").Body(
											when(l.RolledBackFrom != "", func() app.UI {
												return app.Span().Class("badge").DataSet("state", "rolledback").Body(
													app.Span().Aria("hidden", "true").Text("↩ "),
													app.Text(trf(lang, "rev.rolledBack", l.RolledBackFrom)),
												)
											}),
											failingBadge(lang, "tree.failing", l.Failing),
										)
									}),
									// The lane is a button: it says so (the preview below is its point).
									app.Span().Class("rev-go").Aria("hidden", "true").Text(tr(lang, "rev.preview")),
								),
						)
					}),
				),
				when(sel > 0, func() app.UI {
					lines, ok := undoPreview(lang, d, sel)
					return app.Div().Class("preview").Role("region").Aria("label", trf(lang, "rev.previewOf", sel)).Body(
						app.P().Body(app.Code().Text(undoCommand(d, sel))),
						app.Ul().Body(app.Range(lines).Slice(func(k int) app.UI { return app.Li().Text(lines[k]) })),
						disabledIf(app.Button().Class("btn primary"), !ok).
							Text(trf(lang, "rev.rollback", sel)).
							OnClick(func(ctx app.Context, e app.Event) {
								actExec.post(ctx, undoCommand(d, sel))
							}, d.Name, sel),
					)
				}),
			)
		}),
	)
}

func pct(v, top int32) string {
	if top <= 0 {
		return "0%"
	}
	return strconv.Itoa(int(100*v/top)) + "%"
}
