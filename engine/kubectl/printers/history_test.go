package printers

import (
	"errors"
	"strings"
	"testing"

	"rolloutlab/engine/api"
)

func TestRolloutHistorySeed(t *testing.T) {
	d, a, b, _ := seedAfterRollout()
	golden(t, "seed_step15", RolloutHistory(d, []*api.ReplicaSet{a, b}))
	golden(t, "seed_step16", RolloutHistoryRevision(d, b, 2))

	// Steps 23/24: the broken nginx:1.91 revision 3 inherits the 1.9.1 change-cause.
	c := replicaSet(d, "7757f9fdbd", "3", at(seedT0, 7), 1, 1, 0, "nginx:1.91", 80, cause191)
	golden(t, "seed_step23", RolloutHistory(d, []*api.ReplicaSet{a, b, c}))
	golden(t, "seed_step24", RolloutHistoryRevision(d, c, 3))
	got, err := ViewHistory(d, []*api.ReplicaSet{a, b, c}, 3)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "seed_step24", got)

	// Step 29: after the undo, revision 2 became 4.
	d2, old, nb, _ := seedAfterUndo()
	golden(t, "seed_step29", RolloutHistory(d2, append(old, nb)))
	if _, err := ViewHistory(d2, append(old, nb), 2); !errors.Is(err, ErrRevisionNotFound) {
		t.Errorf("revision 2 after undo: err = %v", err)
	}
}

func TestRolloutHistoryRecreate(t *testing.T) {
	d := recreateDeployment()
	a := replicaSet(d, "6959988f6d", "1", api.NewTime(recreateT0), 0, 0, 0, "nginx:1.14.2", 0, "")
	b := replicaSet(d, "66956f5f5f", "2", at(recreateT0, 2), 3, 3, 3, "nginx:1.16.1", 0, "")
	golden(t, "recreate_step15", RolloutHistory(d, []*api.ReplicaSet{b, a}))
}

func TestRolloutHistoryEdgeCases(t *testing.T) {
	d, a, b, _ := seedAfterRollout()
	if got, want := RolloutHistory(d, nil), "deployment.apps/nginx-deployment-controller \nNo rollout history found.\n"; got != want {
		t.Errorf("no history: %q", got)
	}
	if got, _ := ViewHistory(d, nil, 2); got != "deployment.apps/nginx-deployment-controller with revision #2\nNo rollout history found.\n" {
		t.Errorf("no history with revision: %q", got)
	}
	// The objects are not modified by the change-cause injection.
	RolloutHistoryRevision(d, b, 2)
	if _, ok := b.Spec.Template.Annotations[api.ChangeCauseAnnotation]; ok {
		t.Error("template of the ReplicaSet was modified")
	}
	// A ReplicaSet without a revision annotation is revision 0; an unparsable one is skipped.
	delete(a.Annotations, api.RevisionAnnotation)
	b.Annotations[api.RevisionAnnotation] = "x"
	want := "deployment.apps/nginx-deployment-controller \nREVISION  CHANGE-CAUSE\n0         " + causeCreate + "\n\n"
	if got := RolloutHistory(d, []*api.ReplicaSet{a, b}); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// A long change-cause is printed under the key, indented, as describe does.
	long := "kubectl set image deployment nginx-deployment-controller nginx=nginx:1.9.1 nginx=nginx:1.9.1 nginx=nginx:1.9.1 --record=true"
	b.Annotations[api.RevisionAnnotation] = "2"
	b.Annotations[api.ChangeCauseAnnotation] = long
	got := RolloutHistoryRevision(d, b, 2)
	wantPart := "  Annotations:\tkubernetes.io/change-cause:\n\t  " + long + "\n  Containers:\n"
	if !strings.Contains(got, wantPart) {
		t.Errorf("long change-cause:\n%s", got)
	}
}
