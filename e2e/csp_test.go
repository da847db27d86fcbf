//go:build !js

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// cspProbeJS records every Content-Security-Policy violation of the page (window.__rlCSP).
const cspProbeJS = `
window.__rlCSP = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__rlCSP.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " " + (e.sample || "")));`

// TestContentSecurityPolicy loads the site with the policy `rolloutlab serve` sends and walks
// through a rolling update, whose revision lanes are sized by style attributes: Chromium must
// report no violation (app.wasm compiles under 'wasm-unsafe-eval', the loader's inline script
// and style match their hashes, the service worker registers). The policy is enforced, too: a
// script injected into the page does not run.
func TestContentSecurityPolicy(t *testing.T) {
	b := newBrowser(t)
	srv := serveSite(t, buildSite(t), "")
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbeJS}); err != nil {
		t.Fatal(err)
	}
	b.open(t, srv.URL+"?lang=en")
	policy := mustEval[string](t, b, `fetch(location.href).then(r => r.headers.get("content-security-policy") || "")`)
	for _, want := range []string{"default-src 'none'", "'wasm-unsafe-eval'", "'sha256-"} {
		if !strings.Contains(policy, want) {
			t.Fatalf("the page is served without %s in its policy: %q", want, policy)
		}
	}
	b.waitAsync(t, "the service worker", `navigator.serviceWorker.ready.then(() => true)`, 60*time.Second)

	b.command(t, "kubectl apply -f nginx-deployment.yaml", "deployment.apps/"+deploy+" created")
	b.command(t, "kubectl set image deployment/"+deploy+" nginx=nginx:1.9.1", "deployment.apps/"+deploy+" image updated")
	b.stepUntil(t, "revision 2 with 2 running pods",
		`(() => { const p = __lab.podsOf(__lab.rs(2)); return p.length === 2 && p.every(__lab.running); })()`, 600)
	b.waitFor(t, "a revision lane's bar sized by its style attribute",
		`[...document.querySelectorAll(".rev-fill")].some(e => e.style.width && e.style.width !== "0%")`,
		`[...document.querySelectorAll(".rev-fill")].map(e => e.getAttribute("style")).join(" | ")`, 20*time.Second)
	if v := mustEval[[]string](t, b, `window.__rlCSP`); len(v) > 0 {
		t.Errorf("the playground breaks its own policy:\n  %s", strings.Join(v, "\n  "))
	}

	ran := mustEval[bool](t, b, `(() => { const s = document.createElement("script");
	  s.textContent = "window.__rlInjected = true"; document.head.appendChild(s); return !!window.__rlInjected; })()`)
	if ran {
		t.Errorf("an injected inline script ran: the policy is not enforced")
	}
	b.waitFor(t, "the injected script to be reported", `window.__rlCSP.some(v => v.startsWith("script-src-elem"))`,
		`JSON.stringify(window.__rlCSP)`, 10*time.Second)
}
