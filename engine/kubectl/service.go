package kubectl

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/kubectl/printers"
)

// The simulated cluster serves one Service, the API server's own `kubernetes` in default,
// which every real cluster has and `kubectl get all` lists. The playground has no Service
// controller or proxy, so it is read-only and lives here rather than in the store.

const kindService = "Service"

type service struct {
	api.TypeMeta
	api.ObjectMeta `json:"metadata"`
	Spec           serviceSpec    `json:"spec"`
	Status         map[string]any `json:"status"`
}

type serviceSpec struct {
	ClusterIP             string        `json:"clusterIP"`
	ClusterIPs            []string      `json:"clusterIPs"`
	InternalTrafficPolicy string        `json:"internalTrafficPolicy"`
	IPFamilies            []string      `json:"ipFamilies"`
	IPFamilyPolicy        string        `json:"ipFamilyPolicy"`
	Ports                 []servicePort `json:"ports"`
	SessionAffinity       string        `json:"sessionAffinity"`
	Type                  string        `json:"type"`
}

type servicePort struct {
	Name       string `json:"name"`
	Port       int32  `json:"port"`
	Protocol   string `json:"protocol"`
	TargetPort int32  `json:"targetPort"`
}

func (s *service) Meta() *api.ObjectMeta  { return &s.ObjectMeta }
func (s *service) ObjectKind() string     { return kindService }
func (s *service) CopyObject() api.Object { c := *s; return &c }

// kubernetesService is the default/kubernetes Service, created when the control plane started.
func kubernetesService() *service {
	return &service{
		TypeMeta: api.TypeMeta{APIVersion: "v1", Kind: kindService},
		ObjectMeta: api.ObjectMeta{
			Name: "kubernetes", Namespace: "default", UID: "0c6a2b5e-9f39-4a7e-9d3c-5b8f1e2a7c41", ResourceVersion: "1",
			CreationTimestamp: api.NewTime(clock.Epoch),
			Labels:            map[string]string{"component": "apiserver", "provider": "kubernetes"},
		},
		Spec: serviceSpec{
			ClusterIP: "10.96.0.1", ClusterIPs: []string{"10.96.0.1"}, InternalTrafficPolicy: "Cluster",
			IPFamilies: []string{"IPv4"}, IPFamilyPolicy: "SingleStack", SessionAffinity: "None", Type: "ClusterIP",
			Ports: []servicePort{{Name: "https", Port: 443, Protocol: "TCP", TargetPort: 6443}},
		},
		Status: map[string]any{"loadBalancer": map[string]any{}},
	}
}

// services lists the Services of a namespace ("" for all).
func services(ns string) []api.Object {
	if ns == "" || ns == "default" {
		return []api.Object{kubernetesService()}
	}
	return nil
}

// serviceTable prints `kubectl get services`.
func serviceTable(objs []api.Object, k *Kubectl, o printers.TableOptions) string {
	headers := []string{"NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"}
	if o.Wide {
		headers = append(headers, "SELECTOR")
	}
	if o.AllNamespaces {
		headers = append([]string{"NAMESPACE"}, headers...)
	}
	if o.ShowLabels {
		headers = append(headers, "LABELS")
	}
	t := printers.NewGetTable(headers...)
	if o.NoHeaders {
		t = printers.NewTable(len(headers), 6, 3)
	}
	for _, obj := range objs {
		s := obj.(*service)
		name := s.Name
		if o.WithKindPrefix {
			name = "service/" + name
		}
		row := []string{name, s.Spec.Type, s.Spec.ClusterIP, "<none>", "443/TCP", printers.Age(s.CreationTimestamp, k.C.Now())}
		if o.Wide {
			row = append(row, "<none>")
		}
		if o.AllNamespaces {
			row = append([]string{s.Namespace}, row...)
		}
		if o.ShowLabels {
			row = append(row, api.FormatLabels(s.Labels))
		}
		t.AddRow(row...)
	}
	return t.String()
}

// describeService is `kubectl describe service kubernetes`.
func describeService(s *service, evs []*api.Event) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 8, 2, ' ', 0)
	fmt.Fprintf(w, "Name:\t%s\n", s.Name)
	fmt.Fprintf(w, "Namespace:\t%s\n", s.Namespace)
	keys := sortedKeys(s.Labels)
	for i, k := range keys {
		if i == 0 {
			fmt.Fprintf(w, "Labels:\t%s=%s\n", k, s.Labels[k])
		} else {
			fmt.Fprintf(w, "\t%s=%s\n", k, s.Labels[k])
		}
	}
	fmt.Fprintf(w, "Annotations:\t<none>\n")
	fmt.Fprintf(w, "Selector:\t<none>\n")
	fmt.Fprintf(w, "Type:\t%s\n", s.Spec.Type)
	fmt.Fprintf(w, "IP Family Policy:\t%s\n", s.Spec.IPFamilyPolicy)
	fmt.Fprintf(w, "IP Families:\t%s\n", strings.Join(s.Spec.IPFamilies, ","))
	fmt.Fprintf(w, "IP:\t%s\n", s.Spec.ClusterIP)
	fmt.Fprintf(w, "IPs:\t%s\n", strings.Join(s.Spec.ClusterIPs, ","))
	fmt.Fprintf(w, "Port:\thttps  443/TCP\n")
	fmt.Fprintf(w, "TargetPort:\t6443/TCP\n")
	fmt.Fprintf(w, "Endpoints:\t172.18.0.1:6443\n")
	fmt.Fprintf(w, "Session Affinity:\t%s\n", s.Spec.SessionAffinity)
	fmt.Fprintf(w, "Internal Traffic Policy:\t%s\n", s.Spec.InternalTrafficPolicy)
	fmt.Fprintf(w, "Events:\t<none>\n")
	_ = w.Flush()
	return b.String()
}
