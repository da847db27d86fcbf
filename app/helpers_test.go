package app

import (
	"net/url"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// seedYAML is the conformance seed (nginx-deployment-controller, 2 replicas of nginx:1.8) that
// the unit tests drive; the page's editor starts with the tutorial's Deployment (startYAML).
const seedYAML = engine.SeedManifest

// mount mounts a playground with client semantics (OnMount runs, storage is in memory) at url.
func mount(t *testing.T, rawURL string) (*playground, app.ClientDispatcher) {
	t.Helper()
	p := &playground{}
	d := app.NewClientTester(p)
	t.Cleanup(d.Close)
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	d.Nav(u)
	d.Consume()
	finishRestore(p, d)
	return p, d
}

// finishRestore lets a progressive restore (replay.go) run to its end: each slice schedules
// the next through ctx.After.
func finishRestore(p *playground, d app.ClientDispatcher) {
	for p.restoring != nil {
		d.Wait()
		d.Consume()
	}
}

// render re-renders the playground and returns its HTML.
func render(p *playground, d app.ClientDispatcher) string {
	p.Update()
	d.Consume()
	d.Consume() // OnUpdate of children (queued during the first frame) and their re-render
	return app.HTMLString(p)
}

// settle plays the clock for a while in frames of 250 ms wall time at the current speed.
func settle(p *playground, d app.ClientDispatcher, frames int) {
	ctx := d.Context()
	for i := 0; i < frames; i++ {
		p.onFrame(ctx, 250*time.Millisecond)
	}
}

// applySeed applies the editor's seed Deployment and lets it come up.
func applySeed(t *testing.T, p *playground, d app.ClientDispatcher) {
	t.Helper()
	p.apply(d.Context(), seedYAML)
	settle(p, d, 80)
	if len(p.view.Deployments) != 1 {
		t.Fatalf("after apply: %d deployments, banner %q, terminal %+v", len(p.view.Deployments), p.banner, p.term)
	}
}

// do posts a typed action as a panel does and lets the playground handle it.
func do[T any](d app.ClientDispatcher, a action[T], v T) {
	a.post(d.Context(), v)
	d.Consume()
}

// doAct posts an action without a value (a button) and lets the playground handle it.
func doAct(d app.ClientDispatcher, name string) {
	d.Context().NewAction(name)
	d.Consume()
}
