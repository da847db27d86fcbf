package engine

import (
	"slices"
	"testing"
	"time"
)

// The view shows which pods receive a Service's traffic: the Ready ones its EndpointSlice
// lists. During the failed nginx:1.91 update the new pod cannot start and gets none; the old
// pods keep it.
func TestViewTraffic(t *testing.T) {
	e := New(Options{Seed: 7})
	e.WriteFile("web.yaml", SeedManifest)
	for _, cmd := range []string{"kubectl apply -f web.yaml", "kubectl expose deployment nginx-deployment-controller --port=80",
		"kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91"} {
		if x := e.Exec(cmd); x.ExitCode() != 0 {
			t.Fatal(cmd, x.Stderr())
		}
		e.Advance(30 * time.Second)
	}
	v := e.View(0)
	if len(v.Services) != 1 {
		t.Fatalf("services %+v, want the one exposed", v.Services)
	}
	s := v.Services[0]
	if s.Name != "nginx-deployment-controller" || s.Type != "ClusterIP" || s.Ports != "80/TCP" || s.Selector != "app=nginx" {
		t.Errorf("service view %+v", s)
	}
	var receiving, failing []string
	for _, rs := range v.Deployments[0].ReplicaSets {
		for _, p := range rs.Pods {
			if p.Failing && len(p.Traffic) > 0 {
				t.Errorf("failing pod %s receives traffic from %v", p.Name, p.Traffic)
			}
			if p.Failing {
				failing = append(failing, p.Name)
			}
			if slices.Equal(p.Traffic, []string{s.Name}) {
				receiving = append(receiving, p.Name)
			}
		}
	}
	if len(failing) != 1 || len(receiving) != 2 || !slices.Equal(receiving, s.Ready) {
		t.Errorf("receiving %v (the Service's ready %v), failing %v: want the 2 old pods receiving, the new one failing",
			receiving, s.Ready, failing)
	}
}
