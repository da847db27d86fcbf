package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// Which pods receive a Service's traffic: the pods its EndpointSlices list as Ready. The tree
// marks them in words (the accessible name and a badge with its own icon), so a learner sees
// during a rolling update, and during the failed nginx:1.91 update, that only Ready pods get
// traffic.

// trafficText is ", receives traffic from Service web" for a pod that does, "" otherwise.
func trafficText(lang string, p engine.PodView) string {
	if len(p.Traffic) == 0 {
		return ""
	}
	return ", " + trf(lang, "svc.traffic", strings.Join(p.Traffic, ", "))
}

// trafficBadge is the visible marker of trafficText.
func trafficBadge(lang string, p engine.PodView) app.UI {
	if len(p.Traffic) == 0 {
		return nil
	}
	return app.Span().Class("badge").DataSet("state", "traffic").Body(
		app.Span().Aria("hidden", "true").Text("⇄ "),
		app.Text(trf(lang, "svc.traffic.short", strings.Join(p.Traffic, ", "))),
	)
}
