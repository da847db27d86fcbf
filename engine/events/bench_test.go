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
