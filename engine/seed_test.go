package engine

import (
	"os"
	"strings"
	"testing"
	"time"
)

// The lab's Deployment is the conformance seed scenario's file, so what the page starts with is
// what the real-cluster transcript was recorded with (a copy of ../shared lives in testdata, so
// this runs in a fresh clone too).
func TestSeedManifestIsTheConformanceFile(t *testing.T) {
	b, err := os.ReadFile("scenario/testdata/conformance/scenarios/files/" + SeedFile)
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(b)) != strings.TrimSpace(SeedManifest) {
		t.Fatalf("SeedManifest differs from the conformance file:\n%s", b)
	}
}

// The page's starting Deployment is the tutorial's: nginx-deployment with 3 replicas of
// nginx:1.7.9, an image of the kubelet's catalog, so all 3 pods pull it and run and the
// rollout completes.
func TestTutorialManifestRuns(t *testing.T) {
	e := New(Options{Seed: 1})
	e.WriteFile(SeedFile, TutorialManifest)
	if x := e.Exec("kubectl apply -f " + SeedFile); x.ExitCode() != 0 || x.Stdout() != "deployment.apps/nginx-deployment created\n" {
		t.Fatalf("apply: %q %q", x.Stdout(), x.Stderr())
	}
	e.Advance(time.Minute)
	v := e.View(0)
	if len(v.Deployments) != 1 || !v.Deployments[0].Complete || v.Deployments[0].Ready != 3 {
		t.Fatalf("after a minute: %+v", v.Deployments)
	}
	pods := v.Deployments[0].ReplicaSets[0].Pods
	if len(pods) != 3 {
		t.Fatalf("%d pods, want 3", len(pods))
	}
	for _, p := range pods {
		if p.Status != "Running" || !p.IsReady || p.Image != "nginx:1.7.9" {
			t.Errorf("pod %s: %s, ready %v, image %s", p.Name, p.Status, p.IsReady, p.Image)
		}
	}
	if out := e.Exec("kubectl get deployment nginx-deployment --show-labels").Stdout(); !strings.Contains(out, "app=nginx") {
		t.Errorf("the Deployment lacks the tutorial's label app=nginx:\n%s", out)
	}
}
