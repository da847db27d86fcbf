package engine

import (
	"fmt"
	"testing"
	"time"
)

// missingImage200 is the cluster of issue 11: 200 replicas of an image that does not exist,
// their pods cycling through ErrImagePull and ImagePullBackOff.
func missingImage200(tb testing.TB) *Engine {
	e := New(Options{Seed: 1})
	e.WriteFile("web.yaml", fmt.Sprintf(benchManifest, 200))
	if x := e.Exec("kubectl create -f web.yaml"); x.ExitCode() != 0 {
		tb.Fatal(x.Stderr())
	}
	e.Advance(time.Minute)
	if x := e.Exec("kubectl set image deployment/web nginx=nginx:1.91"); x.ExitCode() != 0 {
		tb.Fatal(x.Stderr())
	}
	return e
}

// `kubectl get pods -w | tail -1` on that cluster: the piped watch runs to its end at once.
func BenchmarkPipedWatch200(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e := missingImage200(b)
		b.StartTimer()
		x := e.Exec("kubectl get pods -w | tail -1")
		if x.ExitCode() != 0 {
			b.Fatal(x.Stderr())
		}
	}
}

// A `get pods -w` typed in the terminal, polled after each of 2,000 units of work on that
// cluster: the cost of following the watch, step by step, as the page does.
func BenchmarkWatchPoll200(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e := missingImage200(b)
		x := e.Exec("kubectl get pods -w")
		b.StartTimer()
		for s := 0; s < 2000 && x.Running(); s++ {
			e.Step()
			x.Poll(e.Now())
		}
	}
}

// pods5000 is a settled Deployment of 5,000 pods.
func pods5000(tb testing.TB) *Engine {
	e := New(Options{Seed: 1, Nodes: NodesFor(5000)})
	e.WriteFile("web.yaml", fmt.Sprintf(benchManifest, 5000))
	if x := e.Exec("kubectl create -f web.yaml"); x.ExitCode() != 0 {
		tb.Fatal(x.Stderr())
	}
	runToCompletion(tb, e)
	return e
}

// `kubectl get pods -o yaml | wc -c` with 5,000 pods (issue 11: a 17 s freeze, 1.4 GB heap).
func BenchmarkYAML5000(b *testing.B) {
	e := pods5000(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if x := e.Exec("kubectl get pods -o yaml | wc -c"); x.Stdout() == "" {
			b.Fatal(x.Stderr())
		}
	}
}
