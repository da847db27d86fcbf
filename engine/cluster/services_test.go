package cluster

import (
	"net/netip"
	"strings"
	"testing"

	"rolloutlab/engine/api"
)

func newService(name, typ string, nodePort int32) *api.Service {
	return &api.Service{ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default"}, Spec: api.ServiceSpec{Type: typ,
		Selector: map[string]string{"app": name}, Ports: []api.ServicePort{{Port: 80, NodePort: nodePort}}}}
}

// The API server allocates a Service's cluster IP from 10.96.0.0/12 (never the kubernetes
// Service's 10.96.0.1, never twice) and a NodePort Service's node port from 30000-32767; the
// same seed allocates the same addresses; an update keeps them.
func TestServiceAllocation(t *testing.T) {
	c := New(Options{Seed: 7})
	seen := map[string]bool{}
	for i := range 50 {
		s := newService("s"+strings.Repeat("x", i), api.ServiceTypeNodePort, 0)
		if err := c.Create(s); err != nil {
			t.Fatal(err)
		}
		ip := netip.MustParseAddr(s.Spec.ClusterIP)
		if !netip.MustParsePrefix("10.96.0.0/12").Contains(ip) || s.Spec.ClusterIP == KubernetesServiceIP || seen[s.Spec.ClusterIP] {
			t.Errorf("cluster IP %s: outside the range, the kubernetes Service's, or given twice", ip)
		}
		seen[s.Spec.ClusterIP] = true
		if np := s.Spec.Ports[0].NodePort; np < 30000 || np > 32767 {
			t.Errorf("node port %d outside 30000-32767", np)
		}
		if s.Spec.ClusterIPs[0] != s.Spec.ClusterIP || *s.Spec.IPFamilyPolicy != "SingleStack" || s.Spec.IPFamilies[0] != "IPv4" {
			t.Errorf("clusterIPs/ipFamilyPolicy/ipFamilies not filled: %+v", s.Spec)
		}
	}
	again := New(Options{Seed: 7})
	s := newService("s", api.ServiceTypeClusterIP, 0)
	_ = again.Create(s)
	first := c.Store.Get(api.KindService, "default", "s").(*api.Service)
	if s.Spec.ClusterIP != first.Spec.ClusterIP {
		t.Errorf("same seed, different cluster IP: %s, %s", s.Spec.ClusterIP, first.Spec.ClusterIP)
	}
	upd := newService("s", api.ServiceTypeClusterIP, 0)
	if err := again.Update(upd); err != nil || upd.Spec.ClusterIP != s.Spec.ClusterIP {
		t.Errorf("an update without clusterIP must keep %s: got %s, %v", s.Spec.ClusterIP, upd.Spec.ClusterIP, err)
	}
}

// Addresses asked for by hand: taken or out of range, the registry's Invalid error.
func TestServiceAllocationRefusals(t *testing.T) {
	c := New(Options{Seed: 1})
	if err := c.Create(newService("a", api.ServiceTypeNodePort, 30080)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		fact string
		svc  *api.Service
		want string
	}{
		{"a node port in use", newService("b", api.ServiceTypeNodePort, 30080), "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"},
		{"a node port out of range", newService("c", api.ServiceTypeNodePort, 8080),
			"spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767"},
		{"the kubernetes Service's IP", func() *api.Service {
			s := newService("d", api.ServiceTypeClusterIP, 0)
			s.Spec.ClusterIP = "10.96.0.1"
			return s
		}(), `spec.clusterIPs: Invalid value: ["10.96.0.1"]: failed to allocate IP 10.96.0.1: provided IP is already allocated`},
	}
	for _, tt := range tests {
		err := c.Create(tt.svc)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.fact, err, tt.want)
		}
	}
}
