package engine

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
)

func TestZZHeap(t *testing.T) {
	runtime.MemProfileRate = 4096
	e := New(Options{Seed: 1})
	e.WriteFile("web.yaml", fmt.Sprintf(benchManifest, 10000))
	e.Exec("kubectl create -f web.yaml")
	runToCompletion(t, e)
	e.Exec("kubectl set image deployment/web nginx=nginx:1.16.1")
	runToCompletion(t, e)
	runtime.GC()
	f, _ := os.Create("/tmp/heap.prof")
	pprof.Lookup("heap").WriteTo(f, 0)
	f.Close()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("heapinuse %d MiB, numgc %d", ms.HeapInuse>>20, ms.NumGC)
	runtime.KeepAlive(e)
}
