package replicaset_test

import (
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/cluster"
	"rolloutlab/engine/store/storetest"
)

// A pod relabelled out of its ReplicaSet's selector is released (its controller reference
// removed) and replaced. When the release is refused (a Conflict), the ReplicaSet's sync fails
// and the work queue retries it rate-limited (syncReplicaSet returns ClaimPods' error): the pod
// ends up released all the same.
func TestRefusedReleaseIsRetried(t *testing.T) {
	c := cluster.New(cluster.Options{Seed: 7})
	rs := &api.ReplicaSet{ObjectMeta: api.ObjectMeta{Name: "web"}, Spec: api.ReplicaSetSpec{
		Replicas: api.Ptr(int32(2)), Selector: &api.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
		Template: api.PodTemplateSpec{ObjectMeta: api.ObjectMeta{Labels: map[string]string{"app": "web"}},
			Spec: api.PodSpec{Containers: []api.Container{{Name: "nginx", Image: "nginx:1.14.2"}}}}}}
	if err := c.Create(rs); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(30 * time.Second)
	pods := c.PodsOf(rs)
	if len(pods) != 2 {
		t.Fatalf("%d pods, want 2", len(pods))
	}
	refused := storetest.Refuse(c.Store, api.KindPod, "update", 1, func(o api.Object) bool {
		return len(o.Meta().OwnerReferences) == 0
	})
	moved := pods[0].DeepCopy()
	moved.Labels = map[string]string{"app": "debug"}
	if err := c.Update(moved); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(30 * time.Second)
	if *refused != 1 {
		t.Fatal("the controller never released the pod")
	}
	if p := c.Store.Get(api.KindPod, "default", moved.Name); p == nil || len(p.Meta().OwnerReferences) != 0 {
		t.Errorf("relabelled pod %s still owned: the refused release was not retried", moved.Name)
	}
	if n := len(c.PodsOf(rs)); n != 2 {
		t.Errorf("ReplicaSet has %d pods, want 2 (the released one replaced)", n)
	}
}
