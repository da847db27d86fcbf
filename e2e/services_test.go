//go:build !js

package e2e

import (
	"strings"
	"testing"
)

// TestServiceTraffic: a Service's traffic goes to its Ready pods only, and the tree says which
// pods receive it, in each pod's accessible name. The three pods of the tutorial's Deployment
// receive it; when nginx:1.91 cannot be pulled the new pod gets none and the old pods keep it.
func TestServiceTraffic(t *testing.T) {
	b := newBrowser(t)
	srv := serveSite(t, buildSite(t), "")
	b.open(t, srv.URL+"?lang=en")
	const receives = `(p) => /receives traffic from Service nginx-deployment\b/.test(p.raw)`
	b.command(t, "kubectl apply -f nginx-deployment.yaml", "deployment.apps/"+deploy+" created")
	b.command(t, "kubectl expose deployment "+deploy+" --port=80", "service/"+deploy+" exposed")
	b.stepUntil(t, "3 running pods receiving the Service's traffic",
		`__lab.pods().length === 3 && __lab.pods().every(__lab.running) && __lab.pods().filter(`+receives+`).length === 3`, 400)
	b.command(t, "kubectl set image deployment/"+deploy+" nginx=nginx:1.91", "deployment.apps/"+deploy+" image updated")
	b.stepUntil(t, "the new pod failing to pull, without traffic; the old ones with it",
		`(() => { const p = __lab.pods(); const failing = p.filter(x => /ImagePullBackOff|ErrImagePull/.test(x.state));
		 return failing.length > 0 && !failing.some(`+receives+`) && p.filter(`+receives+`).length >= 2; })()`, 400)
	names := mustEval[[]string](t, b, `__lab.pods().map(p => p.raw)`)
	t.Logf("pods:\n  %s", strings.Join(names, "\n  "))
	b.screenshot(t, "services-traffic")
}
