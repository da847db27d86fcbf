package api

import (
	"strings"
	"testing"
)

// The apiserver's defaulting of a Service: type ClusterIP, sessionAffinity None,
// internalTrafficPolicy Cluster, protocol TCP, targetPort = port, and externalTrafficPolicy
// Cluster only for the types with node ports.
func TestSetDefaultsService(t *testing.T) {
	tests := []struct {
		fact string
		in   Service
		want func(s *Service) bool
	}{
		{"type defaults to ClusterIP and sessionAffinity to None", Service{},
			func(s *Service) bool { return s.Spec.Type == "ClusterIP" && s.Spec.SessionAffinity == "None" }},
		{"internalTrafficPolicy defaults to Cluster", Service{},
			func(s *Service) bool { return *s.Spec.InternalTrafficPolicy == "Cluster" }},
		{"a port's protocol defaults to TCP and its targetPort to the port",
			Service{Spec: ServiceSpec{Ports: []ServicePort{{Port: 8080}}}},
			func(s *Service) bool {
				p := s.Spec.Ports[0]
				return p.Protocol == "TCP" && p.TargetPort == FromInt(8080)
			}},
		{"a named targetPort is kept", Service{Spec: ServiceSpec{Ports: []ServicePort{{Port: 80, TargetPort: FromString("http")}}}},
			func(s *Service) bool { return s.Spec.Ports[0].TargetPort == FromString("http") }},
		{"NodePort Services get externalTrafficPolicy Cluster", Service{Spec: ServiceSpec{Type: "NodePort"}},
			func(s *Service) bool { return s.Spec.ExternalTrafficPolicy == "Cluster" }},
		{"ClusterIP Services have no externalTrafficPolicy", Service{},
			func(s *Service) bool { return s.Spec.ExternalTrafficPolicy == "" }},
	}
	for _, tt := range tests {
		s := tt.in
		SetDefaultsService(&s)
		if !tt.want(&s) {
			t.Errorf("%s: got %+v", tt.fact, s.Spec)
		}
	}
}

// Validation of a defaulted Service, with the apiserver's texts.
func TestValidateService(t *testing.T) {
	valid := func() *Service {
		s := &Service{ObjectMeta: ObjectMeta{Name: "web", Namespace: "default"},
			Spec: ServiceSpec{Selector: map[string]string{"app": "web"}, Ports: []ServicePort{{Port: 80}}}}
		SetDefaultsService(s)
		return s
	}
	tests := []struct {
		fact   string
		change func(s *Service)
		want   string
	}{
		{"a defaulted Service is valid", func(*Service) {}, ""},
		{"names are DNS-1035 labels: no leading digit", func(s *Service) { s.Name = "1web" }, `metadata.name: Invalid value: "1web": a lowercase RFC 1035 label`},
		{"ports are required", func(s *Service) { s.Spec.Ports = nil }, "spec.ports: Required value"},
		{"port numbers are 1-65535", func(s *Service) { s.Spec.Ports[0].Port = 70000 },
			"spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive"},
		{"several ports must be named", func(s *Service) {
			s.Spec.Ports = append(s.Spec.Ports, ServicePort{Name: "b", Port: 81, Protocol: "TCP", TargetPort: FromInt(81)})
		}, "spec.ports[0].name: Required value"},
		{"unknown types are refused", func(s *Service) { s.Spec.Type = "Foo" },
			`spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`},
		{"a ClusterIP Service takes no nodePort", func(s *Service) { s.Spec.Ports[0].NodePort = 30080 },
			"spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"},
	}
	for _, tt := range tests {
		s := valid()
		tt.change(s)
		var got []string
		for _, e := range ValidateService(s) {
			got = append(got, e.Error())
		}
		joined := strings.Join(got, "\n")
		if tt.want == "" && joined != "" || tt.want != "" && !strings.Contains(joined, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.fact, joined, tt.want)
		}
	}
}
