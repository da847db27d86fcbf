//go:build !js

package e2e

import (
	"testing"
	"time"
)

// TestFailureControls: the failure controls reach the cluster through their typed actions
// (issue 14: a node's name and state, an image and its mode travel as one payload each).
// Stopping node-1's kubelet shows "kubelet stopped" and offers to restart it, and restarting
// it takes that back; making an image unpullable lists it among the images with a failure, and
// its Clear button makes it normal again.
func TestFailureControls(t *testing.T) {
	b := newBrowser(t)
	srv := serveSite(t, buildSite(t), "")
	b.open(t, srv.URL+"?lang=en")
	b.command(t, "kubectl apply -f nginx-deployment.yaml", "deployment.apps/"+deploy+" created")

	b.click(t, "button", "Stop the kubelet of node-1 (NotReady after 40 s)")
	b.waitFor(t, "node-1's kubelet stopped",
		`__rl.find("button", "Restart the kubelet of node-1").length === 1 && document.querySelector(".nodes li").textContent.includes("kubelet stopped")`,
		`document.querySelector(".nodes").textContent`, 10*time.Second)
	b.click(t, "button", "Restart the kubelet of node-1")
	b.waitFor(t, "node-1's kubelet running again",
		`__rl.find("button", "Stop the kubelet of node-1 (NotReady after 40 s)").length === 1 && !document.querySelector(".nodes").textContent.includes("kubelet stopped")`,
		`document.querySelector(".nodes").textContent`, 10*time.Second)

	image := mustEval[string](t, b, `document.getElementById("fault-image").value`)
	if image == "" {
		t.Fatal("no image offered")
	}
	b.click(t, "button", "Make unpullable")
	b.waitFor(t, image+" listed as unpullable",
		`(() => { const l = document.querySelector(".active-faults"); return !!l && l.textContent.includes("unpullable") && l.textContent.includes(`+jsString(image)+`); })()`,
		`document.querySelector(".faults").textContent`, 10*time.Second)
	b.screenshot(t, "faults-unpullable")
	b.click(t, "button", "Make "+image+" normal again")
	b.waitFor(t, image+" normal again", `!document.querySelector(".active-faults")`,
		`document.querySelector(".faults").textContent`, 10*time.Second)
}
