package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Issue 12: a revision lane says when its pods fail and when its template came back through a
// rollback (`rollout undo --to-revision=1` makes revision 1's template revision 3, with
// revision-history "1"), and each lane looks like what it is: a button that previews a rollback.
func TestRevisionLanesShowFailureRollbackAndAffordance(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	applySeed(t, p, d)
	ctx := d.Context()
	p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91")
	untilNewPodsFail(t, p, d)
	lanes := revisionModel(p.view)[0].Lanes
	if len(lanes) != 2 || len(lanes[0].Failing) != 0 || len(lanes[1].Failing) != 1 || !lanes[1].Current {
		t.Fatalf("during the failed update, want revision 2 (current) failing and revision 1 not: %+v", lanes)
	}
	html := app.HTMLString(&revisions{Lang: langEN, Deployments: revisionModel(p.view)})
	// go-app writes a true data attribute bare here (as "true" in the DOM), attributes in any order.
	failingLanes := 0
	for _, tag := range regexp.MustCompile(`<button [^>]*>`).FindAllString(html, -1) {
		if strings.Contains(tag, `class="lane"`) && regexp.MustCompile(`data-failing(="true")?[ >]`).MatchString(tag) {
			failingLanes++
		}
	}
	if failingLanes != 1 {
		t.Errorf("%d lanes marked as failing, want 1", failingLanes)
	}
	for _, want := range []string{"pods failing: ", "Select a revision to preview its rollback",
		`aria-describedby="rev-hint"`, "Preview rollback ›"} {
		if !strings.Contains(html, want) {
			t.Errorf("the lanes lack %q", want)
		}
	}

	p.runLine(ctx, "kubectl rollout undo deployment/nginx-deployment-controller --to-revision=1")
	settle(p, d, 80)
	lanes = revisionModel(p.view)[0].Lanes
	if len(lanes) != 2 || lanes[0].Revision != 2 || lanes[1].Revision != 3 || lanes[1].RolledBackFrom != "1" || lanes[0].RolledBackFrom != "" {
		t.Fatalf("after the rollback, want revisions 2 and 3, 3 rolled back from 1: %+v", lanes)
	}
	for lang, want := range map[string]string{langEN: "revision 1 rolled back", langZH: "回滚自修订 1"} {
		if html := app.HTMLString(&revisions{Lang: lang, Deployments: revisionModel(p.view)}); !strings.Contains(html, want) {
			t.Errorf("%s: the lanes lack %q", lang, want)
		}
	}
}
