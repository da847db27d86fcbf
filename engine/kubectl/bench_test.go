package kubectl_test

import (
	"fmt"
	"testing"
	"time"

	"rolloutlab/engine"
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

// benchCluster is a settled cluster running one Deployment of n replicas, with a second
// revision in its history.
func benchCluster(b *testing.B, n int) *engine.Engine {
	b.Helper()
	e := engine.New(engine.Options{Seed: 1, Nodes: engine.NodesFor(n)})
	e.WriteFile("web.yaml", fmt.Sprintf(benchManifest, n))
	settle := func() {
		for i := 0; i < 100000; i++ {
			d := e.Cluster.Deployment("default", "web")
			if d != nil && cluster.RolloutComplete(d) && e.Cluster.Clock.Len() == 0 {
				return
			}
			if e.Cluster.Clock.Next() == nil && d != nil && cluster.RolloutComplete(d) {
				return
			}
			e.Advance(time.Second)
		}
		b.Fatal("the rollout never completed")
	}
	for _, line := range []string{"kubectl create -f web.yaml", "kubectl set image deployment/web nginx=nginx:1.16.1"} {
		if x := e.Exec(line); x.ExitCode() != 0 {
			b.Fatal(x.Stderr())
		}
		settle()
	}
	return e
}

// Each kubectl command a learner types most, on a 100-pod and a 10,000-pod cluster (built once
// per size). Reads go through the engine facade (Exec); scale (to the current size) too, so the
// controllers' reaction at that instant is included. set image alternates between two images
// through kubectl alone (Kubectl.Run), without letting the controllers start the rollouts.
func BenchmarkCommands(b *testing.B) {
	for _, n := range []int{100, 10000} {
		e := benchCluster(b, n)
		exec := func(line string) func(b *testing.B) {
			return func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if x := e.Exec(line); x.ExitCode() != 0 {
						b.Fatal(x.Stderr())
					}
				}
			}
		}
		b.Run(fmt.Sprintf("pods=%d/get-pods", n), exec("kubectl get pods"))
		b.Run(fmt.Sprintf("pods=%d/get-rs", n), exec("kubectl get rs"))
		b.Run(fmt.Sprintf("pods=%d/describe-deploy", n), exec("kubectl describe deploy web"))
		b.Run(fmt.Sprintf("pods=%d/rollout-history", n), exec("kubectl rollout history deployment web"))
		b.Run(fmt.Sprintf("pods=%d/scale", n), exec(fmt.Sprintf("kubectl scale deployment web --replicas=%d", n)))
		b.Run(fmt.Sprintf("pods=%d/set-image", n), func(b *testing.B) {
			b.ReportAllocs()
			images := []string{"nginx=nginx:1.25", "nginx=nginx:1.16.1"}
			for i := 0; i < b.N; i++ {
				if r := e.Kubectl.Run([]string{"set", "image", "deployment/web", images[i%2]}); r.Exit != 0 {
					b.Fatal(r.Stderr.String())
				}
			}
		})
	}
}
