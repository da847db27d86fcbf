package app

import (
	"net/url"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// BenchmarkRefreshView1000 is the UI's work after a change in a 1,000-pod cluster: the engine's
// view plus everything derived from it (pod order, completion names, revision lanes, …).
func BenchmarkRefreshView1000(b *testing.B) {
	p := &playground{}
	d := app.NewClientTester(p)
	defer d.Close()
	u, _ := url.Parse("/?lang=en")
	d.Nav(u)
	d.Consume()
	p.apply(d.Context(), strings.Replace(seedYAML, "replicas: 2", "replicas: 1000", 1))
	for i := 0; i < 200 && (len(p.view.Deployments) == 0 || p.view.Deployments[0].Available < 1000); i++ {
		p.onFrame(d.Context(), 250e6)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.refreshView()
	}
}
