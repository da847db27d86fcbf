package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// labRe is how the browser tests read a tree item's name (e2e/lab.js): kind, name, state.
var labRe = regexp.MustCompile(`^(\S+)\s+(\S+)\s*(.*)$`)

func treeItemNames(html string) []string {
	var out []string
	for _, tag := range regexp.MustCompile(`<li [^>]*>`).FindAllString(html, -1) {
		if !strings.Contains(tag, `role="treeitem"`) {
			continue
		}
		m := regexp.MustCompile(`aria-label="([^"]*)"`).FindStringSubmatch(tag)
		if m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

// TestTreeNames: every item's accessible name starts with its kind and name, then its state
// in words, as the browser tests read it (docs/testing.md).
func TestTreeNames(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	applySeed(t, p, d)
	ctx := d.Context()
	p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91")
	settle(p, d, 120)
	names := treeItemNames(render(p, d))
	kinds := map[string]int{}
	rsName := map[string]bool{}
	for _, rs := range p.view.Deployments[0].ReplicaSets {
		rsName[rs.Name] = true
	}
	sawBackOff := false
	for _, n := range names {
		m := labRe.FindStringSubmatch(n)
		if m == nil {
			t.Fatalf("unreadable name %q", n)
		}
		kinds[m[1]]++
		switch m[1] {
		case "Deployment":
			if m[2] != "nginx-deployment-controller" || !strings.Contains(m[3], "revision 2") {
				t.Errorf("deployment item %q", n)
			}
		case "ReplicaSet":
			if !rsName[m[2]] || !regexp.MustCompile(`\brevision\s*:?\s*\d+`).MatchString(m[3]) ||
				!strings.Contains(m[3], "desired") || !strings.Contains(m[3], "ready") {
				t.Errorf("replicaset item %q", n)
			}
		case "Pod":
			if !strings.HasPrefix(m[2], "nginx-deployment-controller-") || !strings.Contains(m[3], "ready") || !strings.Contains(m[3], "node") {
				t.Errorf("pod item %q", n)
			}
			if strings.Contains(m[3], "ImagePullBackOff") || strings.Contains(m[3], "ErrImagePull") {
				sawBackOff = true
			}
		default:
			t.Errorf("unknown kind in %q", n)
		}
	}
	if kinds["Deployment"] != 1 || kinds["ReplicaSet"] != 2 || kinds["Pod"] != 3 {
		t.Fatalf("items by kind %v:\n%s", kinds, strings.Join(names, "\n"))
	}
	if !sawBackOff {
		t.Errorf("no pod shows the image pull failure:\n%s", strings.Join(names, "\n"))
	}
}

func TestPodClassesAreNotOnlyColour(t *testing.T) {
	cases := []struct {
		p     engine.PodView
		class string
	}{
		{engine.PodView{Status: "Running", IsReady: true}, "ok"},
		{engine.PodView{Status: "Running"}, "starting"},
		{engine.PodView{Status: "ContainerCreating"}, "starting"},
		{engine.PodView{Status: "ErrImagePull", Failing: true}, "failing"},
		{engine.PodView{Status: "ImagePullBackOff", Failing: true}, "failing"},
		{engine.PodView{Status: "Terminating", Terminating: true}, "stopping"},
	}
	icons := map[string]bool{}
	for _, c := range cases {
		if got := podClass(c.p); got != c.class {
			t.Errorf("%s: class %s, want %s", c.p.Status, got, c.class)
		}
		icons[statusIcon(podClass(c.p), c.p.Status)] = true
	}
	if len(icons) < 5 {
		t.Errorf("statuses share icons: %v", icons)
	}
	if statusIcon("failing", "ErrImagePull") == statusIcon("failing", "ImagePullBackOff") {
		t.Error("ErrImagePull and ImagePullBackOff look the same")
	}
}

// TestOldReplicaSetDimmed: after a rollout the old ReplicaSet at 0 stays, marked old.
func TestOldReplicaSetDimmed(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	applySeed(t, p, d)
	p.runLine(d.Context(), "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1")
	settle(p, d, 120)
	html := render(p, d)
	old := p.view.Deployments[0].ReplicaSets[1]
	if old.Desired != 0 {
		t.Fatalf("old ReplicaSet at %d", old.Desired)
	}
	tag := regexp.MustCompile(`<li [^>]*id="ti-replicaset-` + old.Name + `"[^>]*>`).FindString(html)
	if !strings.Contains(tag, `data-old="1"`) || !strings.Contains(tag, "old, scaled down to 0") {
		t.Fatalf("old ReplicaSet item: %s", tag)
	}
}

func TestTreeKeyboard(t *testing.T) {
	items := []flatItem{
		{ID: "d", Expandable: true, Expanded: true},
		{ID: "rs1", Parent: "d", Expandable: true, Expanded: true},
		{ID: "p1", Parent: "rs1"},
		{ID: "p2", Parent: "rs1"},
		{ID: "rs0", Parent: "d", Expandable: true, Expanded: false},
	}
	type step struct {
		focus, key, next, toggle string
		collapse, activate       bool
	}
	for _, s := range []step{
		{"d", "ArrowDown", "rs1", "", false, false},
		{"p2", "ArrowDown", "rs0", "", false, false},
		{"rs0", "ArrowDown", "rs0", "", false, false},
		{"p1", "ArrowUp", "rs1", "", false, false},
		{"p2", "Home", "d", "", false, false},
		{"d", "End", "rs0", "", false, false},
		{"rs0", "ArrowRight", "rs0", "rs0", false, false}, // expands
		{"rs1", "ArrowRight", "p1", "", false, false},     // first child
		{"rs1", "ArrowLeft", "rs1", "rs1", true, false},   // collapses
		{"p2", "ArrowLeft", "rs1", "", false, false},      // parent
		{"p2", "Enter", "p2", "", false, true},
		{"p1", " ", "p1", "", false, true},
	} {
		next, toggle, collapse, activate := treeKey(items, s.focus, s.key)
		if next != s.next || toggle != s.toggle || collapse != s.collapse || activate != s.activate {
			t.Errorf("%s on %s: %q %q %v %v, want %+v", s.key, s.focus, next, toggle, collapse, activate, s)
		}
	}
}

// TestTreeFocusIsRoving: exactly one item is in the tab order.
func TestTreeFocusIsRoving(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	applySeed(t, p, d)
	html := render(p, d)
	if n := strings.Count(html, `role="treeitem"`); n != 4 {
		t.Fatalf("%d items", n)
	}
	zero := 0
	for _, tag := range regexp.MustCompile(`<li [^>]*role="treeitem"[^>]*>|<li [^>]*>`).FindAllString(html, -1) {
		if strings.Contains(tag, `role="treeitem"`) && strings.Contains(tag, `tabindex="0"`) {
			zero++
		}
	}
	if zero != 1 {
		t.Fatalf("%d items have tabindex 0", zero)
	}
}

// TestLargeReplicaSetsSummarised: above maxPodsListed pods a ReplicaSet shows counts by
// status, so the page stays small whatever the replica count.
func TestLargeReplicaSetsSummarised(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	ctx := d.Context()
	p.apply(ctx, strings.Replace(seedYAML, "replicas: 2", "replicas: 600", 1))
	settle(p, d, 30)
	html := render(p, d)
	if n := strings.Count(html, `class="ti pod"`); n != 0 {
		t.Fatalf("%d pod items drawn for 600 pods", n)
	}
	names := treeItemNames(html)
	found := false
	for _, n := range names {
		if strings.HasPrefix(n, "600 pods: ") {
			found = true
		}
	}
	if !found {
		t.Fatalf("no summary item: %q", names)
	}
	if items := flatten(p.view.Deployments, nil, nil, nil); len(items) != 3 {
		t.Fatalf("keyboard model has %d items", len(items))
	}
}

// TestGroupsUpdateOnlyWhenChanged: re-rendering with the same view leaves the ReplicaSet
// groups' props equal, so go-app skips them.
func TestGroupsUpdateOnlyWhenChanged(t *testing.T) {
	rs := engine.ReplicaSetView{Name: "a-1", Pods: []engine.PodView{{Name: "a-1-x", Status: "Running"}}}
	focus := inGroup("ti-pod-b-1-y", rs)
	if focus != "" {
		t.Fatal("a pod of another ReplicaSet counted as in the group")
	}
	if inGroup("ti-pod-a-1-x", rs) != "ti-pod-a-1-x" || inGroup("ti-replicaset-a-1", rs) != "ti-replicaset-a-1" {
		t.Fatal("focus in the group not passed")
	}
}

// Issue 12: kubectl calls the update to the missing nginx:1.91 "progressing" for the ten
// minutes before its progress deadline; the tree says at once, in the visible text and in the
// accessible names of the Deployment and its new ReplicaSet, that the new pods are failing.
// After `rollout undo` the revision that came back says which revision it was.
func TestTreeShowsFailingNewPodsAndRollbacks(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	applySeed(t, p, d)
	ctx := d.Context()
	p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91")
	untilNewPodsFail(t, p, d)
	html := render(p, d)
	failing := regexp.MustCompile(`pods failing: (ErrImagePull|ImagePullBackOff)`)
	var dep, newRS string
	for _, n := range treeItemNames(html) {
		switch {
		case strings.HasPrefix(n, "Deployment "):
			dep = n
		case strings.HasPrefix(n, "ReplicaSet ") && strings.Contains(n, "the new ReplicaSet"):
			newRS = n
		case strings.HasPrefix(n, "ReplicaSet ") && failing.MatchString(n):
			t.Errorf("the old ReplicaSet is not failing: %q", n)
		}
	}
	if !strings.Contains(dep, "rolling out") || !regexp.MustCompile(`new `+failing.String()).MatchString(dep) {
		t.Errorf("the Deployment's name should say it is rolling out with failing new pods: %q", dep)
	}
	if !failing.MatchString(newRS) {
		t.Errorf("the new ReplicaSet's name should say its pods fail: %q", newRS)
	}
	treeHTML := app.HTMLString(&tree{Lang: langEN, Deployments: p.view.Deployments})
	visible := regexp.MustCompile(`aria-label="[^"]*"`).ReplaceAllString(treeHTML, "")
	badges := regexp.MustCompile(`<span [^>]*(class="badge"[^>]*data-state="failing"|data-state="failing"[^>]*class="badge")`)
	if n := len(badges.FindAllString(visible, -1)); n != 2 || !regexp.MustCompile(`new `+failing.String()).MatchString(visible) {
		t.Errorf("%d visible failing badges, want 2 (the Deployment's new pods, the new ReplicaSet's pods)", n)
	}

	p.runLine(ctx, "kubectl rollout undo deployment/nginx-deployment-controller --to-revision=1")
	settle(p, d, 80)
	html = render(p, d)
	names := strings.Join(treeItemNames(html), "\n")
	if !regexp.MustCompile(`(?m)^ReplicaSet \S+ — revision 3, .*revision 1 rolled back`).MatchString(names) || failing.MatchString(names) {
		t.Errorf("after the rollback revision 3 should be labelled as revision 1 rolled back, and nothing failing:\n%s", names)
	}
	if !strings.Contains(html, `data-state="rolledback"`) {
		t.Error("no visible rolled-back badge")
	}
	do(d, actLang, langZH)
	if names := strings.Join(treeItemNames(render(p, d)), "\n"); !strings.Contains(names, "回滚自修订 1") {
		t.Errorf("no rolled-back label in Chinese:\n%s", names)
	}
}

// untilNewPodsFail plays the clock frame by frame until the Deployment's new pods fail (how much
// cluster time a frame covers depends on the machine's speed), well before the progress deadline.
func untilNewPodsFail(t *testing.T, p *playground, d app.ClientDispatcher) {
	t.Helper()
	for range 400 {
		if len(p.view.Deployments) > 0 && len(p.view.Deployments[0].NewPodsFailing) > 0 {
			return
		}
		settle(p, d, 1)
	}
	t.Fatalf("the new pods never failed: %+v", p.view.Deployments)
}
