package api

import (
	"slices"
	"testing"
)

// Admit is the API server's order: defaults first (a Deployment without replicas gets 1, so a
// defaulted field is never "Required"), then validation; for a Service the registry allocates
// between the two and a refused address is the whole answer (the apiserver stops at the
// allocation failure); the cluster sets the namespace before admission; a Deployment's selector is immutable on update (apps/v1).
func TestAdmit(t *testing.T) {
	dep := func(sel string) *Deployment {
		d := &Deployment{ObjectMeta: ObjectMeta{Name: "web", Namespace: "default"}}
		d.Spec.Selector = &LabelSelector{MatchLabels: map[string]string{"app": sel}}
		d.Spec.Template.Labels = map[string]string{"app": sel}
		d.Spec.Template.Spec.Containers = []Container{{Name: "web", Image: "nginx"}}
		return d
	}
	refuse := func(s, old *Service) []FieldError {
		return []FieldError{Invalid("spec.clusterIPs", []string{"10.96.0.1"}, "provided IP is already allocated")}
	}
	svc := &Service{ObjectMeta: ObjectMeta{Name: "BAD", Namespace: "default"}, Spec: ServiceSpec{Ports: []ServicePort{{Port: 80}}}}
	cases := []struct {
		fact     string
		o, old   Object
		allocate func(s, old *Service) []FieldError
		fields   []string
	}{
		{"a valid Deployment passes, replicas defaulted", dep("web"), nil, nil, nil},
		{"the selector cannot change on update", dep("other"), dep("web"), nil, []string{"spec.selector"}},
		{"a Service is validated without an allocator", svc, nil, nil, []string{"metadata.name"}},
		{"a refused allocation is the whole answer", svc, nil, refuse, []string{"spec.clusterIPs"}},
		{"a Pod without containers", &Pod{ObjectMeta: ObjectMeta{Name: "p", Namespace: "default"}}, nil, nil, []string{"spec.containers"}},
	}
	for _, c := range cases {
		var fields []string
		for _, fe := range Admit(c.o, c.old, c.allocate) {
			fields = append(fields, fe.Field)
		}
		if !slices.Equal(fields, c.fields) {
			t.Errorf("%s: fields %q, want %q", c.fact, fields, c.fields)
		}
	}
	d := dep("web")
	Admit(d, nil, nil)
	if d.Spec.Replicas == nil || *d.Spec.Replicas != 1 {
		t.Fatalf("Admit defaults in place: replicas %v, want 1", d.Spec.Replicas)
	}
}
