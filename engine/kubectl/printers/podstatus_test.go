package printers

import (
	"testing"
	"time"

	"rolloutlab/engine/api"
)

func running(ready bool) api.ContainerStatus {
	return api.ContainerStatus{Name: "c", Ready: ready, State: api.ContainerState{Running: &api.ContainerStateRunning{}}}
}

func waiting(reason string) api.ContainerStatus {
	return api.ContainerStatus{Name: "c", State: api.ContainerState{Waiting: &api.ContainerStateWaiting{Reason: reason}}}
}

func terminated(reason string, exit, signal int32) api.ContainerStatus {
	return api.ContainerStatus{Name: "c", State: api.ContainerState{Terminated: &api.ContainerStateTerminated{Reason: reason, ExitCode: exit, Signal: signal}}}
}

// TestPodStatus pins the STATUS / READY / RESTARTS derivation of §4.1 and the §4.2 table.
func TestPodStatus(t *testing.T) {
	now := time.Date(2026, 11, 27, 7, 0, 0, 0, time.UTC)
	deleting := api.Ptr(api.NewTime(now.Add(30 * time.Second)))
	crash := waiting("CrashLoopBackOff")
	crash.RestartCount = 3
	crash.LastTerminationState.Terminated = &api.ContainerStateTerminated{Reason: "Error", ExitCode: 1, FinishedAt: api.NewTime(now.Add(-25 * time.Second))}
	restartedRunning := running(true)
	restartedRunning.RestartCount = 2 // no last termination time known: no "(… ago)"

	cases := []struct {
		name       string
		phase      string
		reason     string
		deletion   *api.Time
		containers int
		statuses   []api.ContainerStatus
		conds      []api.PodCondition
		ready      string
		status     string
		restarts   string
	}{
		{name: "created, not scheduled", phase: api.PodPending, containers: 1, ready: "0/1", status: "Pending", restarts: "0"},
		{name: "scheduling gated", phase: api.PodPending, containers: 1, conds: []api.PodCondition{{Type: api.PodScheduled, Status: "False", Reason: "SchedulingGated"}}, ready: "0/1", status: "SchedulingGated", restarts: "0"},
		{name: "creating", phase: api.PodPending, containers: 1, statuses: []api.ContainerStatus{waiting("ContainerCreating")}, ready: "0/1", status: "ContainerCreating", restarts: "0"},
		{name: "pull failed", phase: api.PodPending, containers: 1, statuses: []api.ContainerStatus{waiting("ErrImagePull")}, ready: "0/1", status: "ErrImagePull", restarts: "0"},
		{name: "pull back-off", phase: api.PodPending, containers: 1, statuses: []api.ContainerStatus{waiting("ImagePullBackOff")}, ready: "0/1", status: "ImagePullBackOff", restarts: "0"},
		{name: "running", phase: api.PodRunning, containers: 1, statuses: []api.ContainerStatus{running(true)}, ready: "1/1", status: "Running", restarts: "0"},
		{name: "running, not ready", phase: api.PodRunning, containers: 1, statuses: []api.ContainerStatus{running(false)}, ready: "0/1", status: "Running", restarts: "0"},
		{name: "crash loop", phase: api.PodRunning, containers: 1, statuses: []api.ContainerStatus{crash}, ready: "0/1", status: "CrashLoopBackOff", restarts: "3 (25s ago)"},
		{name: "restarts without time", phase: api.PodRunning, containers: 1, statuses: []api.ContainerStatus{restartedRunning}, ready: "1/1", status: "Running", restarts: "2"},
		{name: "completed", phase: api.PodSucceeded, containers: 1, statuses: []api.ContainerStatus{terminated("Completed", 0, 0)}, ready: "0/1", status: "Completed", restarts: "0"},
		{name: "completed + running, pod ready", phase: api.PodRunning, containers: 2,
			statuses: []api.ContainerStatus{terminated("Completed", 0, 0), running(true)},
			conds:    []api.PodCondition{{Type: api.PodReady, Status: api.ConditionTrue}}, ready: "1/2", status: "Running", restarts: "0"},
		{name: "completed + running, pod not ready", phase: api.PodRunning, containers: 2,
			statuses: []api.ContainerStatus{terminated("Completed", 0, 0), running(true)}, ready: "1/2", status: "NotReady", restarts: "0"},
		{name: "exit code", phase: api.PodFailed, containers: 1, statuses: []api.ContainerStatus{terminated("", 2, 0)}, ready: "0/1", status: "ExitCode:2", restarts: "0"},
		{name: "signal", phase: api.PodFailed, containers: 1, statuses: []api.ContainerStatus{terminated("", 137, 9)}, ready: "0/1", status: "Signal:9", restarts: "0"},
		{name: "first container wins", phase: api.PodPending, containers: 2,
			statuses: []api.ContainerStatus{waiting("ErrImagePull"), waiting("ContainerCreating")}, ready: "0/2", status: "ErrImagePull", restarts: "0"},
		{name: "terminating", phase: api.PodRunning, deletion: deleting, containers: 1, statuses: []api.ContainerStatus{running(true)}, ready: "1/1", status: "Terminating", restarts: "0"},
		{name: "terminating, pulling", phase: api.PodPending, deletion: deleting, containers: 1, statuses: []api.ContainerStatus{waiting("ImagePullBackOff")}, ready: "0/1", status: "Terminating", restarts: "0"},
		{name: "deleted after success", phase: api.PodSucceeded, deletion: deleting, containers: 1, statuses: []api.ContainerStatus{terminated("Completed", 0, 0)}, ready: "0/1", status: "Completed", restarts: "0"},
		{name: "node lost", phase: api.PodRunning, reason: "NodeLost", deletion: deleting, containers: 1, statuses: []api.ContainerStatus{running(true)}, ready: "1/1", status: "Unknown", restarts: "0"},
		{name: "evicted", phase: api.PodFailed, reason: "Evicted", containers: 1, ready: "0/1", status: "Evicted", restarts: "0"},
	}
	for _, c := range cases {
		p := &api.Pod{Spec: &api.PodSpec{}}
		p.DeletionTimestamp = c.deletion
		p.Status.Phase = c.phase
		if c.reason != "" {
			p.Status.PodStatusUnused = &api.PodStatusUnused{Reason: c.reason}
		}
		p.Status.Conditions = c.conds
		for i := 0; i < c.containers; i++ {
			p.Spec.Containers = append(p.Spec.Containers, api.Container{Name: "c" + itoa(int32(i))})
		}
		p.Status.ContainerStatuses = c.statuses
		info := GetPodInfo(p)
		if got := ratio(int32(info.Ready), int32(info.Total)); got != c.ready {
			t.Errorf("%s: READY %s, want %s", c.name, got, c.ready)
		}
		if info.Status != c.status {
			t.Errorf("%s: STATUS %s, want %s", c.name, info.Status, c.status)
		}
		if got := info.RestartsString(now); got != c.restarts {
			t.Errorf("%s: RESTARTS %s, want %s", c.name, got, c.restarts)
		}
	}
}

// TestPodStatusInit covers the init-container branch.
func TestPodStatusInit(t *testing.T) {
	base := func() *api.Pod {
		return &api.Pod{
			Spec: &api.PodSpec{
				InitContainers: []api.Container{{Name: "init1"}, {Name: "init2"}},
				Containers:     []api.Container{{Name: "app"}},
			},
			Status: api.PodStatus{Phase: api.PodPending, ContainerStatuses: []api.ContainerStatus{{Name: "app", State: api.ContainerState{Waiting: &api.ContainerStateWaiting{Reason: "PodInitializing"}}}}},
		}
	}
	named := func(s api.ContainerStatus, name string) api.ContainerStatus { s.Name = name; return s }
	cases := []struct {
		name  string
		inits []api.ContainerStatus
		want  string
	}{
		{"first running", []api.ContainerStatus{named(running(false), "init1"), named(waiting("PodInitializing"), "init2")}, "Init:0/2"},
		{"second running", []api.ContainerStatus{named(terminated("Completed", 0, 0), "init1"), named(running(false), "init2")}, "Init:1/2"},
		{"failed", []api.ContainerStatus{named(terminated("Error", 1, 0), "init1")}, "Init:Error"},
		{"exit code", []api.ContainerStatus{named(terminated("", 3, 0), "init1")}, "Init:ExitCode:3"},
		{"signal", []api.ContainerStatus{named(terminated("", 137, 9), "init1")}, "Init:Signal:9"},
		{"pull", []api.ContainerStatus{named(waiting("ImagePullBackOff"), "init1")}, "Init:ImagePullBackOff"},
		{"all done", []api.ContainerStatus{named(terminated("Completed", 0, 0), "init1"), named(terminated("Completed", 0, 0), "init2")}, "PodInitializing"},
	}
	for _, c := range cases {
		p := base()
		p.Status.PodStatusUnused = &api.PodStatusUnused{InitContainerStatuses: c.inits}
		if got := GetPodInfo(p).Status; got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	// A started sidecar (restartPolicy Always) counts in READY and is skipped.
	p := base()
	p.Spec.InitContainers[0].RestartPolicy = "Always"
	side := named(running(true), "init1")
	side.Started = api.Ptr(true)
	p.Status.PodStatusUnused = &api.PodStatusUnused{InitContainerStatuses: []api.ContainerStatus{side, named(running(false), "init2")}}
	info := GetPodInfo(p)
	if info.Status != "Init:1/2" || info.Ready != 1 || info.Total != 2 {
		t.Errorf("sidecar: %+v", info)
	}
}
