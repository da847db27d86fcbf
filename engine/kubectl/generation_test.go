package kubectl_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
)

// The API server bumps a ReplicaSet's metadata.generation on every change of its spec (each
// scale by the Deployment controller included, annotations excluded), and the ReplicaSet
// controller then reports it as status.observedGeneration. For apply → edit image → scale of a
// 3-replica Deployment (maxSurge 1, maxUnavailable 0) that is: the first ReplicaSet created at
// 3 (1) and scaled 3→2→1→0 (4); the second created at 1 (1), scaled 1→2→3 (3), then 3→5 (4).
// The same counts are what the real-cluster transcripts show for set image (seed, zero-surge).
func TestReplicaSetGenerationCountsEveryScale(t *testing.T) {
	e := engine.New(engine.Options{Seed: 1})
	e.WriteFile("web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.14.2\n")
	run := func(line string) {
		t.Helper()
		if x := e.Exec(line); x.ExitCode() != 0 {
			t.Fatalf("%s: %s", line, x.Stderr())
		}
		e.Advance(time.Minute)
	}
	run("kubectl apply -f web.yaml")
	file, content, x := e.EditBegin("kubectl edit deploy web")
	if x != nil {
		t.Fatal(x.Stderr())
	}
	edited := strings.Replace(content, "image: nginx:1.14.2", "image: nginx:1.16.1", 1)
	if edited == content {
		t.Fatalf("%s has no image to edit:\n%s", file, content)
	}
	if x := e.EditSave("kubectl edit deploy web", edited); x.ExitCode() != 0 {
		t.Fatal(x.Stderr())
	}
	e.Advance(time.Minute)
	run("kubectl scale deploy web --replicas=5")
	got := e.Exec(`kubectl get rs -o jsonpath='{range .items[*]}{.metadata.annotations.deployment\.kubernetes\.io/revision}:{.spec.replicas}:{.metadata.generation}:{.status.observedGeneration}{"\n"}{end}'`).Stdout()
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	slices.Sort(lines) // by revision; the list is by name
	got = strings.Join(lines, "\n") + "\n"
	want := "1:0:4:4\n2:5:4:4\n"
	if got != want {
		t.Fatalf("revision:replicas:generation:observedGeneration per ReplicaSet\n%s\nwant\n%s", got, want)
	}
}
