//go:build !js

package e2e

import (
	"fmt"
	"testing"
	"time"
)

// embedFit is what the compact chrome shows of the terminal's prompt and log and the tree.
type embedFit struct {
	WinW, WinH             float64
	Term, Prompt, Tree, Ed rect // Tree: the first tree item
	PageScrollH            float64
}

type rect struct{ Left, Top, Right, Bottom, Height float64 }

const measureEmbed = `(() => {
  const r = (el) => { if (!el) return {}; const b = el.getBoundingClientRect();
    return { Left: b.left, Top: b.top, Right: b.right, Bottom: b.bottom, Height: b.height }; };
  return { WinW: innerWidth, WinH: innerHeight, PageScrollH: document.documentElement.scrollHeight,
    Term: r(__rl.one("log", "Terminal")), Prompt: r(__rl.one("textbox", "kubectl command")),
    Tree: r(__rl.find("treeitem")[0]),
    Ed: r(__rl.find("textbox", "Deployment YAML").filter(e => e.offsetParent)[0]) };
})()`

// TestEmbedLayout pins issue 10's compact chrome (?embed=1): at 600×400 and up the terminal (its
// log and prompt) and the tree are in view at once and the page does not scroll; a wide frame
// shows them side by side, a narrow one stacks them; the editor is one tab away.
func TestEmbedLayout(t *testing.T) {
	b := newBrowser(t)
	srv := serveSite(t, buildSite(t, ""), "")
	for _, vp := range []struct {
		w, h int64
		side bool
	}{{600, 400, false}, {800, 500, true}, {1000, 420, true}, {480, 640, false}} {
		t.Run(fmt.Sprintf("%dx%d", vp.w, vp.h), func(t *testing.T) {
			b.viewport(t, vp.w, vp.h)
			b.open(t, srv.URL+"index.html?lang=en&embed=1")
			if vp.w == 600 {
				// The session survives the reloads that follow: the tree has a Deployment.
				b.command(t, "kubectl apply -f nginx-deployment.yaml", "created")
			}
			f := mustEval[embedFit](t, b, measureEmbed)
			inView := func(what string, r rect, minH float64) {
				if r.Top < 0 || r.Bottom > f.WinH+0.5 || r.Right > f.WinW+0.5 || r.Height < minH {
					t.Errorf("%s is not in view in a %.0f×%.0f frame: %+v", what, f.WinW, f.WinH, r)
				}
			}
			inView("the terminal's log", f.Term, 60)
			inView("the prompt", f.Prompt, 16)
			// The Deployment's item holds its ReplicaSets and pods, which scroll inside the
			// tree: its own row is what must show.
			f.Tree.Bottom, f.Tree.Height = f.Tree.Top+24, 24
			inView("the tree's Deployment", f.Tree, 24)
			if f.PageScrollH > f.WinH+0.5 {
				t.Errorf("the frame's page scrolls: %.0f px in a %.0f px frame", f.PageScrollH, f.WinH)
			}
			if side := f.Tree.Left >= f.Term.Right; side != vp.side {
				t.Errorf("terminal and tree side by side: %v, want %v (terminal %+v, tree %+v)", side, vp.side, f.Term, f.Tree)
			}
			b.viewShot(t, fmt.Sprintf("10-embed-%dx%d", vp.w, vp.h))
			b.click(t, "tab", "YAML")
			b.waitFor(t, "the editor in view", `(() => { const e = __rl.find("textbox", "Deployment YAML").filter(e => e.offsetParent)[0];
			  return e && e.getBoundingClientRect().bottom <= innerHeight && e.getBoundingClientRect().height > 60; })()`,
				`JSON.stringify(`+measureEmbed+`)`, 10*time.Second)
			b.viewShot(t, fmt.Sprintf("10-embed-%dx%d-editor", vp.w, vp.h))
			b.click(t, "tab", "Terminal & tree")
		})
	}
}
