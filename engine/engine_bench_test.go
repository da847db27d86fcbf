package engine

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/cluster"
)

const benchManifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: %d
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
`

// runToCompletion advances the clock until the Deployment's rollout is complete.
func runToCompletion(b testing.TB, e *Engine) {
	for i := 0; ; i++ {
		d := e.Cluster.Deployment("default", "web")
		if d != nil && cluster.RolloutComplete(d) && e.Cluster.Clock.Len() == 0 {
			return
		}
		if e.Cluster.Clock.Next() == nil {
			if d != nil && cluster.RolloutComplete(d) {
				return
			}
			b.Fatalf("nothing left to run but the rollout is not complete: %+v", d.Status)
		}
		e.Advance(time.Second)
		if i > 100000 {
			b.Fatal("rollout never completed")
		}
	}
}

// A Deployment of n replicas created to completion, then rolled to a new image to completion,
// all on the virtual clock: the cost is the simulation's work alone.
func benchmarkRollout(b *testing.B, n int) {
	var peak uint64
	for i := 0; i < b.N; i++ {
		// Each run starts from a collected heap: the last run's garbage is not this run's work.
		b.StopTimer()
		runtime.GC()
		b.StartTimer()
		e := New(Options{Seed: 1, Nodes: NodesFor(n)})
		e.WriteFile("web.yaml", fmt.Sprintf(benchManifest, n))
		if x := e.Exec("kubectl create -f web.yaml"); x.ExitCode() != 0 {
			b.Fatal(x.Stderr())
		}
		runToCompletion(b, e)
		if x := e.Exec("kubectl set image deployment/web nginx=nginx:1.16.1"); x.ExitCode() != 0 {
			b.Fatal(x.Stderr())
		}
		runToCompletion(b, e)
		d := e.Cluster.Deployment("default", "web")
		if d.Status.UpdatedReplicas != int32(n) || api.Int32(d.Spec.Replicas, 0) != int32(n) {
			b.Fatalf("rollout incomplete: %+v", d.Status)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak {
			peak = ms.HeapInuse
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

func BenchmarkRollout100(b *testing.B)   { benchmarkRollout(b, 100) }
func BenchmarkRollout1000(b *testing.B)  { benchmarkRollout(b, 1000) }
func BenchmarkRollout10000(b *testing.B) { benchmarkRollout(b, 10000) }
