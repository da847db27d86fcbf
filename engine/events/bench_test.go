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
	r := New(st)
	pods := make([]*api.Pod, 1000)
	for i := range pods {
		pods[i] = &api.Pod{ObjectMeta: api.ObjectMeta{Name: fmt.Sprintf("web-5d59d67564-%05d", i), Namespace: "default", UID: fmt.Sprint(i)}}
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r.Eventf(pods[i%len(pods)], "kubelet", "node-1", api.EventNormal, "Pulling", "Pulling image %q", fmt.Sprint(i))
	}
}

// BenchmarkPodLifecycleEvents records what a new pod's life produces: the scheduler's Scheduled
// and the kubelet's Pulling, Pulled, Created and Started, each about a pod never seen before.
func BenchmarkPodLifecycleEvents(b *testing.B) {
	st := store.New(clock.New(clock.Epoch), 1)
	r := New(st)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p := &api.Pod{ObjectMeta: api.ObjectMeta{Name: fmt.Sprintf("web-5d59d67564-%07d", i), Namespace: "default", UID: fmt.Sprint(i)}}
		r.Event(p, "default-scheduler", "", api.EventNormal, "Scheduled", "Successfully assigned default/"+p.Name+" to node-1")
		r.Event(p, "kubelet", "node-1", api.EventNormal, "Pulling", `Pulling image "nginx:1.14.2"`)
		r.Event(p, "kubelet", "node-1", api.EventNormal, "Pulled", `Container image "nginx:1.14.2" already present on machine and can be accessed by the pod`)
		r.Event(p, "kubelet", "node-1", api.EventNormal, "Created", "Container created")
		r.Event(p, "kubelet", "node-1", api.EventNormal, "Started", "Container started")
	}
}
