package events

import (
	"fmt"
	"testing"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/store"
)

// BenchmarkEventf records kubelet-like events about many pods: every pod is a new object, so
// each event is a new Event object.
func BenchmarkEventf(b *testing.B) {
	st := store.New(clock.New(clock.Epoch), 1)
	r := NewBroadcaster(st)
	pods := make([]*api.Pod, 1000)
	for i := range pods {
		pods[i] = &api.Pod{ObjectMeta: api.ObjectMeta{Name: fmt.Sprintf("web-5d59d67564-%05d", i), Namespace: "default", UID: fmt.Sprint(i)}}
	}
	kubelet := r.NewRecorder("kubelet", "node-1")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		kubelet.Eventf(pods[i%len(pods)], api.EventNormal, "Pulling", "Pulling image %q", fmt.Sprint(i))
	}
}

// BenchmarkPodLifecycleEvents records what a new pod's life produces: the scheduler's Scheduled
// and the kubelet's Pulling, Pulled, Created and Started, each about a pod never seen before.
func BenchmarkPodLifecycleEvents(b *testing.B) {
	st := store.New(clock.New(clock.Epoch), 1)
	r := NewBroadcaster(st)
	scheduler, kubelet := r.NewRecorder("default-scheduler", ""), r.NewRecorder("kubelet", "node-1")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p := &api.Pod{ObjectMeta: api.ObjectMeta{Name: fmt.Sprintf("web-5d59d67564-%07d", i), Namespace: "default", UID: fmt.Sprint(i)}}
		scheduler.Eventf(p, api.EventNormal, "Scheduled", "Successfully assigned %v/%v to %v", p.Namespace, p.Name, "node-1")
		kubelet.Eventf(p, api.EventNormal, "Pulling", `Pulling image "nginx:1.14.2"`)
		kubelet.Eventf(p, api.EventNormal, "Pulled", `Container image "nginx:1.14.2" already present on machine and can be accessed by the pod`)
		kubelet.Eventf(p, api.EventNormal, "Created", "Container created")
		kubelet.Eventf(p, api.EventNormal, "Started", "Container started")
	}
}
