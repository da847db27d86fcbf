package printers

import (
	"fmt"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

// bigPodList is a 10,000-pod cluster: mostly running pods of one ReplicaSet, some broken ones.
func bigPodList(n int) ([]*api.Pod, time.Time) {
	now := getNow
	pods := make([]*api.Pod, n)
	for i := range pods {
		status := "Running"
		switch i % 10 {
		case 7:
			status = "ImagePullBackOff"
		case 8:
			status = "ContainerCreating"
		}
		p := &api.Pod{
			ObjectMeta: api.ObjectMeta{
				Name:              fmt.Sprintf("nginx-deployment-controller-6596694446-%05d", i),
				Namespace:         "default",
				CreationTimestamp: api.NewTime(now.Add(-time.Duration(i) * time.Second)),
				Labels:            map[string]string{"app": "nginx", "pod-template-hash": "6596694446"},
			},
			Spec: &api.PodSpec{NodeName: fmt.Sprintf("node-%d", i%3+1), Containers: []api.Container{{Name: "nginx", Image: "nginx:1.9.1"}}},
		}
		cs := api.ContainerStatus{Name: "nginx"}
		if status == "Running" {
			p.Status.Phase = api.PodRunning
			cs.Ready = true
			cs.State.Running = &api.ContainerStateRunning{}
			p.Status.PodIPs = []api.PodIP{{IP: fmt.Sprintf("10.244.%d.%d", i/250, i%250)}}
		} else {
			p.Status.Phase = api.PodPending
			cs.State.Waiting = &api.ContainerStateWaiting{Reason: status}
		}
		p.Status.ContainerStatuses = []api.ContainerStatus{cs}
		pods[i] = p
	}
	return pods, now
}

func BenchmarkPodTable10000(b *testing.B) {
	pods, now := bigPodList(10000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = PodTable(pods, now, TableOptions{})
	}
}

func BenchmarkPodTable10000Wide(b *testing.B) {
	pods, now := bigPodList(10000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = PodTable(pods, now, TableOptions{Wide: true, ShowLabels: true})
	}
}

// TestPodTable10000 prints a 10,000-pod table once and logs how long it took (no assertion on
// time: see DESIGN §4); it checks the size of the output.
func TestPodTable10000(t *testing.T) {
	pods, now := bigPodList(10000)
	start := time.Now()
	out := PodTable(pods, now, TableOptions{})
	t.Logf("10,000 pods printed in %v (%d bytes)", time.Since(start), len(out))
	lines := 0
	for _, c := range out {
		if c == '\n' {
			lines++
		}
	}
	if lines != 10001 {
		t.Errorf("%d lines", lines)
	}
}
