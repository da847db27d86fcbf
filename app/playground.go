package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// playground is the root component (placeholder until the UI lands).
type playground struct {
	app.Compo
}

func newPlayground() *playground { return &playground{} }

func (p *playground) Render() app.UI {
	return app.Main().Body(app.H1().Text("Rollout Lab"))
}
