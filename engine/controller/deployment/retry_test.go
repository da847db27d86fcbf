package deployment_test

import (
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/cluster"
	"rolloutlab/engine/store/storetest"
)

// A write that fails fails the Deployment's sync, and the work queue retries it rate-limited
// (syncDeployment returns the error, handleErr calls AddRateLimited): with
// revisionHistoryLimit 0 the old ReplicaSet of a finished rollout goes even though
// its first four deletes were refused (more than the passes the rollout's own events cause).
func TestRefusedCleanupIsRetried(t *testing.T) {
	c := cluster.New(cluster.Options{Seed: 5})
	replicas, limit := int32(2), int32(0)
	d := &api.Deployment{ObjectMeta: api.ObjectMeta{Name: "web"}, Spec: api.DeploymentSpec{
		Replicas: &replicas, RevisionHistoryLimit: &limit,
		Selector: &api.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
		Template: api.PodTemplateSpec{ObjectMeta: api.ObjectMeta{Labels: map[string]string{"app": "web"}},
			Spec: api.PodSpec{Containers: []api.Container{{Name: "nginx", Image: "nginx:1.14.2"}}}}}}
	if err := c.Create(d); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(30 * time.Second)
	refused := storetest.Refuse(c.Store, api.KindReplicaSet, "delete", 4, func(api.Object) bool { return true })
	up := c.Deployment("default", "web").DeepCopy()
	up.Spec.Template.Spec.Containers[0].Image = "nginx:1.16.1"
	if err := c.Update(up); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(2 * time.Minute)
	if *refused != 4 {
		t.Fatalf("%d deletes refused, want 4: the controller did not try again", *refused)
	}
	d = c.Deployment("default", "web")
	if rss := c.ReplicaSetsOf(d); len(rss) != 1 || rss[0].Spec.Template.Spec.Containers[0].Image != "nginx:1.16.1" {
		t.Errorf("%d ReplicaSets left, want only the new one (revisionHistoryLimit 0)", len(rss))
	}
	if !cluster.RolloutComplete(d) {
		t.Errorf("rollout not complete: %+v", d.Status)
	}
}
