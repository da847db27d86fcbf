package engine

import (
	"fmt"
	"testing"
)

// BenchmarkView1000 is the UI's read model of a 1,000-pod cluster, rebuilt after each change.
func BenchmarkView1000(b *testing.B) {
	e := New(Options{Seed: 1, Nodes: NodesFor(1000)})
	e.WriteFile("web.yaml", fmt.Sprintf(benchManifest, 1000))
	e.Exec("kubectl create -f web.yaml")
	runToCompletion(b, e)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = e.View(50)
	}
}

func BenchmarkLatestEvents1000(b *testing.B) {
	e := New(Options{Seed: 1, Nodes: NodesFor(1000)})
	e.WriteFile("web.yaml", fmt.Sprintf(benchManifest, 1000))
	e.Exec("kubectl create -f web.yaml")
	runToCompletion(b, e)
	objs := e.Cluster.Store.List("Event", "default")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = latestEvents(objs, 200)
	}
}
