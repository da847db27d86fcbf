package printers

import (
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

const (
	seedName    = "nginx-deployment-controller"
	causeCreate = "kubectl create --filename=nginx-deployment.yaml --record=true"
	cause191    = "kubectl set image deployment nginx-deployment-controller nginx=nginx:1.9.1 --record=true"
)

// seedAfterRollout reconstructs the seed scenario's objects after the 1.9.1 rollout (step 12).
func seedAfterRollout() (*api.Deployment, *api.ReplicaSet, *api.ReplicaSet, []*api.Event) {
	d := deployment(seedName, api.NewTime(seedT0), "nginx", 3, "nginx:1.9.1", 80)
	d.Annotations = map[string]string{api.RevisionAnnotation: "2", api.ChangeCauseAnnotation: cause191}
	d.Status = api.DeploymentStatus{ObservedGeneration: 3, Replicas: 3, UpdatedReplicas: 3, ReadyReplicas: 3, AvailableReplicas: 3,
		Conditions: conditions(api.ConditionTrue, "MinimumReplicasAvailable", "NewReplicaSetAvailable")}
	a := replicaSet(d, "7b6d68bc84", "1", api.NewTime(seedT0), 0, 0, 0, "nginx:1.8", 80, causeCreate)
	b := replicaSet(d, "6596694446", "2", at(seedT0, 3), 3, 3, 3, "nginx:1.9.1", 80, cause191)
	rsA, rsB := a.Name, b.Name
	evs := []*api.Event{
		scalingEvent(d, seedT0, 0, "Scaled up replica set "+rsA+" from 0 to 2"),
		scalingEvent(d, seedT0, 1, "Scaled up replica set "+rsA+" from 2 to 3"),
		scalingEvent(d, seedT0, 3, "Scaled up replica set "+rsB+" from 0 to 1"),
		scalingEvent(d, seedT0, 4, "Scaled down replica set "+rsA+" from 3 to 2"),
		scalingEvent(d, seedT0, 4, "Scaled up replica set "+rsB+" from 1 to 2"),
		scalingEvent(d, seedT0, 5, "Scaled down replica set "+rsA+" from 2 to 1"),
		scalingEvent(d, seedT0, 5, "Scaled up replica set "+rsB+" from 2 to 3"),
		scalingEvent(d, seedT0, 6, "Scaled down replica set "+rsA+" from 1 to 0"),
	}
	return d, a, b, evs
}

func TestDescribeDeploymentSeedStep12(t *testing.T) {
	d, a, b, evs := seedAfterRollout()
	// Pass the events in a shuffled order: describe sorts them by last timestamp, keeping the
	// given order among equal timestamps.
	shuffled := []*api.Event{evs[7], evs[0], evs[1], evs[2], evs[3], evs[4], evs[5], evs[6]}
	got := DescribeDeployment(d, []*api.ReplicaSet{a}, b, shuffled, seedT0.Add(7500*time.Millisecond))
	golden(t, "seed_step12", got)
}

// seedAfterUndo reconstructs the seed after the broken 1.91 rollout and the undo to revision 2
// (which became revision 4): steps 27 to 29.
func seedAfterUndo() (*api.Deployment, []*api.ReplicaSet, *api.ReplicaSet, []*api.Event) {
	d, a, b, evs := seedAfterRollout()
	d.Annotations[api.RevisionAnnotation] = "4"
	b.Annotations[api.RevisionAnnotation] = "4"
	b.Annotations[api.RevisionHistoryAnnotation] = "2"
	c := replicaSet(d, "7757f9fdbd", "3", at(seedT0, 7), 0, 0, 0, "nginx:1.91", 80, cause191)
	evs = append(evs,
		scalingEvent(d, seedT0, 7, "Scaled up replica set "+c.Name+" from 0 to 1"),
		scalingEvent(d, seedT0, 21, "(combined from similar events): Scaled down replica set "+c.Name+" from 1 to 0"),
	)
	return d, []*api.ReplicaSet{a, c}, b, evs
}

func TestDescribeDeploymentSeedStep28(t *testing.T) {
	d, old, b, evs := seedAfterUndo()
	got := DescribeDeployment(d, old, b, evs, seedT0.Add(22500*time.Millisecond))
	golden(t, "seed_step28", got)
}

var recreateT0 = time.Date(2026, 11, 27, 6, 51, 4, 0, time.UTC)

func recreateDeployment() *api.Deployment {
	d := deployment("web", api.NewTime(recreateT0), "web", 3, "nginx:1.16.1", 0)
	d.Spec.Strategy = api.DeploymentStrategy{Type: api.RecreateStrategy}
	return d
}

func TestDescribeDeploymentRecreateStep14(t *testing.T) {
	d := recreateDeployment()
	d.Annotations = map[string]string{api.RevisionAnnotation: "2"}
	d.Status = api.DeploymentStatus{Replicas: 3, UpdatedReplicas: 3, ReadyReplicas: 3, AvailableReplicas: 3,
		Conditions: conditions(api.ConditionTrue, "MinimumReplicasAvailable", "NewReplicaSetAvailable")}
	a := replicaSet(d, "6959988f6d", "1", api.NewTime(recreateT0), 0, 0, 0, "nginx:1.14.2", 0, "")
	b := replicaSet(d, "66956f5f5f", "2", at(recreateT0, 2), 3, 3, 3, "nginx:1.16.1", 0, "")
	evs := []*api.Event{
		scalingEvent(d, recreateT0, 0, "Scaled up replica set web-6959988f6d from 0 to 3"),
		scalingEvent(d, recreateT0, 1, "Scaled down replica set web-6959988f6d from 3 to 0"),
		scalingEvent(d, recreateT0, 2, "Scaled up replica set web-66956f5f5f from 0 to 3"),
	}
	golden(t, "recreate_step14", DescribeDeployment(d, []*api.ReplicaSet{a}, b, evs, recreateT0.Add(4200*time.Millisecond)))
}

func TestDescribeDeploymentRecreateStep22(t *testing.T) {
	d := recreateDeployment()
	d.Spec.Template.Spec.Containers[0].Image = "nginx:1.91"
	d.Annotations = map[string]string{api.RevisionAnnotation: "3"}
	d.Status = api.DeploymentStatus{Replicas: 3, UpdatedReplicas: 3, UnavailableReplicas: 3,
		Conditions: conditions(api.ConditionFalse, "MinimumReplicasUnavailable", "ReplicaSetUpdated")}
	a := replicaSet(d, "6959988f6d", "1", api.NewTime(recreateT0), 0, 0, 0, "nginx:1.14.2", 0, "")
	b := replicaSet(d, "66956f5f5f", "2", at(recreateT0, 2), 0, 0, 0, "nginx:1.16.1", 0, "")
	c := replicaSet(d, "7c7666cc67", "3", at(recreateT0, 6), 3, 3, 0, "nginx:1.91", 0, "")
	evs := []*api.Event{
		scalingEvent(d, recreateT0, 0, "Scaled up replica set web-6959988f6d from 0 to 3"),
		scalingEvent(d, recreateT0, 1, "Scaled down replica set web-6959988f6d from 3 to 0"),
		scalingEvent(d, recreateT0, 2, "Scaled up replica set web-66956f5f5f from 0 to 3"),
		scalingEvent(d, recreateT0, 5, "Scaled down replica set web-66956f5f5f from 3 to 0"),
		scalingEvent(d, recreateT0, 6, "Scaled up replica set web-7c7666cc67 from 0 to 3"),
	}
	golden(t, "recreate_step22", DescribeDeployment(d, []*api.ReplicaSet{a, b}, c, evs, recreateT0.Add(14500*time.Millisecond)))
}

func TestDescribeDeploymentZeroSurgeStep16(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 6, 52, 4, 0, time.UTC)
	d := deployment("web", api.NewTime(t0), "web", 4, "nginx:1.16.1", 0)
	d.Spec.Strategy.RollingUpdate = &api.RollingUpdateDeployment{MaxUnavailable: api.Ptr(api.FromInt(1)), MaxSurge: api.Ptr(api.FromInt(0))}
	d.Annotations = map[string]string{api.RevisionAnnotation: "2"}
	d.Status = api.DeploymentStatus{Replicas: 4, UpdatedReplicas: 4, ReadyReplicas: 4, AvailableReplicas: 4,
		Conditions: conditions(api.ConditionTrue, "MinimumReplicasAvailable", "NewReplicaSetAvailable")}
	a := replicaSet(d, "6959988f6d", "1", api.NewTime(t0), 0, 0, 0, "nginx:1.14.2", 0, "")
	b := replicaSet(d, "66956f5f5f", "2", at(t0, 1), 4, 4, 4, "nginx:1.16.1", 0, "")
	evs := []*api.Event{
		scalingEvent(d, t0, 0, "Scaled up replica set web-6959988f6d from 0 to 4"),
		scalingEvent(d, t0, 1, "Scaled down replica set web-6959988f6d from 4 to 3"),
		scalingEvent(d, t0, 2, "Scaled up replica set web-66956f5f5f from 0 to 1"),
		scalingEvent(d, t0, 3, "Scaled down replica set web-6959988f6d from 3 to 2"),
		scalingEvent(d, t0, 3, "Scaled up replica set web-66956f5f5f from 1 to 2"),
		scalingEvent(d, t0, 4, "Scaled down replica set web-6959988f6d from 2 to 1"),
		scalingEvent(d, t0, 4, "Scaled up replica set web-66956f5f5f from 2 to 3"),
		scalingEvent(d, t0, 5, "Scaled down replica set web-6959988f6d from 1 to 0"),
		scalingEvent(d, t0, 5, "Scaled up replica set web-66956f5f5f from 3 to 4"),
	}
	golden(t, "zero-surge_step16", DescribeDeployment(d, []*api.ReplicaSet{a}, b, evs, t0.Add(6300*time.Millisecond)))
}

// TestDescribeNoEvents checks the `Events:` line without events: it is aligned with the block
// above it (OldReplicaSets/NewReplicaSet), as kubectl writes `Events:\t<none>` without flushing.
func TestDescribeNoEvents(t *testing.T) {
	d, a, b, _ := seedAfterRollout()
	got := DescribeDeployment(d, []*api.ReplicaSet{a}, b, nil, seedT0.Add(time.Minute))
	want := "OldReplicaSets:  nginx-deployment-controller-7b6d68bc84 (0/0 replicas created)\n" +
		"NewReplicaSet:   nginx-deployment-controller-6596694446 (3/3 replicas created)\n" +
		"Events:          <none>\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("got:\n%s", got)
	}
	// Without any ReplicaSet and conditions, Events joins the Pod Template's last block.
	d.Status.Conditions = nil
	got = DescribeDeployment(d, nil, nil, nil, seedT0.Add(time.Minute))
	want = "  Volumes:         <none>\n  Node-Selectors:  <none>\n  Tolerations:     <none>\nEvents:            <none>\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("got:\n%s", got)
	}
}

// TestDescribeRepeatedEvent checks the `<last> (x<count> over <first>)` age.
func TestDescribeRepeatedEvent(t *testing.T) {
	d, a, b, evs := seedAfterRollout()
	e := evs[0]
	e.Count = 2
	e.LastTimestamp = at(seedT0, 100)
	got := DescribeDeployment(d, []*api.ReplicaSet{a}, b, []*api.Event{e, evs[1]}, seedT0.Add(200*time.Second))
	want := "  Type    Reason             Age                   From                   Message\n" +
		"  ----    ------             ----                  ----                   -------\n" +
		"  Normal  ScalingReplicaSet  3m19s                 deployment-controller  Scaled up replica set nginx-deployment-controller-7b6d68bc84 from 2 to 3\n" +
		"  Normal  ScalingReplicaSet  100s (x2 over 3m20s)  deployment-controller  Scaled up replica set nginx-deployment-controller-7b6d68bc84 from 0 to 2\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("got:\n%s\nwant suffix:\n%s", got, want)
	}
}
