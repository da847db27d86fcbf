package endpointslice_test

import (
	"fmt"
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/cluster"
	"rolloutlab/engine/controller"
)

func slice(t *testing.T, c *cluster.Cluster, svc string) *api.EndpointSlice {
	t.Helper()
	var found *api.EndpointSlice
	for _, o := range c.Store.List(api.KindEndpointSlice, "default") {
		if s := o.(*api.EndpointSlice); s.Labels[api.LabelServiceName] == svc {
			if found != nil {
				t.Fatalf("two slices for %s", svc)
			}
			found = s
		}
	}
	return found
}

// conditions maps pod name → ready/serving/terminating as "rst" letters, "-" for false.
func conditions(s *api.EndpointSlice) map[string]string {
	out := map[string]string{}
	flag := func(b *bool, c string) string {
		if b != nil && *b {
			return c
		}
		return "-"
	}
	for _, e := range s.Endpoints {
		c := e.Conditions
		out[e.TargetRef.Name] = flag(c.Ready, "r") + flag(c.Serving, "s") + flag(c.Terminating, "t")
	}
	return out
}

// The EndpointSlice controller lists the pods a Service selects, each with the conditions of
// discovery.k8s.io/v1: ready (Ready and not terminating: gets new traffic), serving (Ready) and
// terminating. A pod that is Running but not Ready gets no traffic; a terminating Ready pod
// is serving but not ready. Deleting the Service deletes its slice.
func TestEndpointConditions(t *testing.T) {
	c := webCluster(t, 3)
	svc := &api.Service{ObjectMeta: api.ObjectMeta{Name: "web"}, Spec: api.ServiceSpec{
		Selector: map[string]string{"app": "web"}, Ports: []api.ServicePort{{Port: 80, TargetPort: api.FromInt(8080)}}}}
	if err := c.Create(svc); err != nil {
		t.Fatal(err)
	}
	c.Clock.Explain(true) // the step-by-step view's sentence: 3 of 3 pods receive traffic
	c.Clock.Advance(0)
	if n := c.Clock.Notes(); len(n) != 1 || n[0].Key != "endpoints.sync" || fmt.Sprint(n[0].Args) != "[web 3 3]" {
		t.Errorf("notes %v, want endpoints.sync web 3 of 3", n)
	}
	c.Clock.Explain(false)
	s := slice(t, c, "web")
	if s == nil || len(s.Endpoints) != 3 || *s.Ports[0].Port != 8080 || s.OwnerReferences[0].UID != svc.UID {
		t.Fatalf("want one slice of 3 endpoints on port 8080 owned by the Service, got %+v", s)
	}
	pods := c.Store.List(api.KindPod, "default")
	for name, got := range conditions(s) {
		if got != "rs-" {
			t.Errorf("running, ready pod %s: %s, want ready and serving", name, got)
		}
	}

	// Readiness lost: no longer ready nor serving.
	notReady := pods[0].(*api.Pod).DeepCopy()
	notReady.Status.Conditions = append([]api.PodCondition(nil), notReady.Status.Conditions...)
	controller.PodReadyCondition(notReady).Status = api.ConditionFalse
	if err := c.Store.UpdateStatus(notReady); err != nil {
		t.Fatal(err)
	}
	// Terminating: serving, not ready.
	gone := pods[1].(*api.Pod).Name
	if _, err := c.Store.Delete(api.KindPod, "default", gone, 30); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(0)
	got := conditions(slice(t, c, "web"))
	want := map[string]string{notReady.Name: "---", gone: "-st", pods[2].Meta().Name: "rs-"}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("pod %s: %q, want %q", name, got[name], w)
		}
	}

	if _, err := c.Store.Delete(api.KindService, "default", "web", 0); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(0)
	if s := slice(t, c, "web"); s != nil {
		t.Errorf("slice %s outlives its Service", s.Name)
	}
}

// webCluster is a cluster with a Deployment "web" of replicas nginx pods (label app=web),
// given 30 s to come up.
func webCluster(t *testing.T, replicas int32) *cluster.Cluster {
	t.Helper()
	c := cluster.New(cluster.Options{Seed: 3})
	d := &api.Deployment{ObjectMeta: api.ObjectMeta{Name: "web"}, Spec: api.DeploymentSpec{
		Replicas: &replicas, Selector: &api.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
		Template: api.PodTemplateSpec{ObjectMeta: api.ObjectMeta{Labels: map[string]string{"app": "web"}},
			Spec: api.PodSpec{Containers: []api.Container{{Name: "nginx", Image: "nginx:1.14.2"}}}}}}
	if err := c.Create(d); err != nil {
		t.Fatal(err)
	}
	c.Clock.Advance(30 * time.Second)
	return c
}
