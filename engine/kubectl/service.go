package kubectl

import (
	"sort"
	"strconv"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/cluster"
	"rolloutlab/engine/kubectl/printers"
)

// Services live in the store (cluster admission allocates their addresses; the EndpointSlice
// controller keeps their slices), except the API server's own `kubernetes` Service in default
// and its slice, which every real cluster has: they are read-only here and not in the store, so
// that a session without Services draws the same random names as before. Endpoints (v1), which
// 1.33+ deprecates, are derived from the slices when asked for.

const (
	kindService       = api.KindService
	kindEndpointSlice = api.KindEndpointSlice
	kindEndpoints     = api.KindEndpoints
	// apiServerEndpoint is where the kubernetes Service sends traffic: the control plane.
	apiServerEndpoint = "172.18.0.1"
	apiServerPort     = 6443
)

// endpointsWarning is what the API server says about every read of v1 Endpoints since 1.33.
const endpointsWarning = "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n"

var apiServerCreated = api.NewTime(clock.Epoch)

// kubernetesService is the default/kubernetes Service, created when the control plane started.
func kubernetesService() *api.Service {
	return &api.Service{
		TypeMeta: api.TypeMeta{APIVersion: "v1", Kind: kindService},
		ObjectMeta: api.ObjectMeta{
			Name: "kubernetes", Namespace: "default", UID: "0c6a2b5e-9f39-4a7e-9d3c-5b8f1e2a7c41", ResourceVersion: "1",
			CreationTimestamp: apiServerCreated,
			Labels:            map[string]string{"component": "apiserver", "provider": "kubernetes"},
		},
		Spec: api.ServiceSpec{
			ClusterIP: cluster.KubernetesServiceIP, ClusterIPs: []string{cluster.KubernetesServiceIP}, InternalTrafficPolicy: api.Ptr("Cluster"),
			IPFamilies: []string{"IPv4"}, IPFamilyPolicy: api.Ptr("SingleStack"), SessionAffinity: "None", Type: api.ServiceTypeClusterIP,
			Ports: []api.ServicePort{{Name: "https", Port: 443, Protocol: api.ProtocolTCP, TargetPort: api.FromInt(apiServerPort)}},
		},
	}
}

// kubernetesSlice is the slice the API server keeps for its Service (not the controller's).
func kubernetesSlice() *api.EndpointSlice {
	return &api.EndpointSlice{
		TypeMeta: api.TypeMeta{APIVersion: "discovery.k8s.io/v1", Kind: kindEndpointSlice},
		ObjectMeta: api.ObjectMeta{
			Name: "kubernetes", Namespace: "default", UID: "5d3f7a1c-2b8e-4c6d-9a0f-1e4b7c2d8f35", ResourceVersion: "2",
			CreationTimestamp: apiServerCreated,
			Labels:            map[string]string{api.LabelServiceName: "kubernetes", "endpointslice.kubernetes.io/skip-mirror": "true"},
		},
		AddressType: "IPv4",
		Endpoints:   []api.Endpoint{{Addresses: []string{apiServerEndpoint}, Conditions: api.EndpointConditions{Ready: api.Ptr(true)}}},
		Ports:       []api.EndpointPort{{Name: api.Ptr("https"), Protocol: api.Ptr(api.ProtocolTCP), Port: api.Ptr(int32(apiServerPort))}},
	}
}

// withBuiltIn lists a kind's stored objects of a namespace ("" for all) with the API server's
// own one among them, in the API server's order.
func (k *Kubectl) withBuiltIn(kind, ns string, builtIn api.Object) []api.Object {
	stored := k.C.Store.List(kind, ns)
	if ns != "" && ns != "default" {
		return stored
	}
	out := make([]api.Object, 0, len(stored)+1)
	out = append(out, stored...)
	out = append(out, builtIn)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Meta(), out[j].Meta()
		return a.Namespace < b.Namespace || a.Namespace == b.Namespace && a.Name < b.Name
	})
	return out
}

// served lists the kinds of this file; ok is false for the others.
func (k *Kubectl) served(kind, ns string) (objs []api.Object, ok bool) {
	switch kind {
	case kindService:
		return k.withBuiltIn(kindService, ns, kubernetesService()), true
	case kindEndpointSlice:
		return k.withBuiltIn(kindEndpointSlice, ns, kubernetesSlice()), true
	case kindEndpoints:
		for _, o := range k.withBuiltIn(kindService, ns, kubernetesService()) {
			if e := k.endpointsOf(o.(*api.Service)); e != nil {
				objs = append(objs, e)
			}
		}
		return objs, true
	}
	return nil, false
}

// slicesOf are the EndpointSlices of a Service.
func (k *Kubectl) slicesOf(s *api.Service) []*api.EndpointSlice {
	var out []*api.EndpointSlice
	for _, o := range k.withBuiltIn(kindEndpointSlice, s.Namespace, kubernetesSlice()) {
		if es := o.(*api.EndpointSlice); es.Labels[api.LabelServiceName] == s.Name {
			out = append(out, es)
		}
	}
	return out
}

// endpoints is core/v1 Endpoints, as the endpoints controller derives it from the same pods:
// ready addresses, and not-ready ones apart; terminating pods are left out.
type endpoints struct {
	api.TypeMeta
	api.ObjectMeta `json:"metadata,omitempty"`
	Subsets        []endpointSubset `json:"subsets,omitempty"`
}

type endpointSubset struct {
	Addresses         []endpointAddress `json:"addresses,omitempty"`
	NotReadyAddresses []endpointAddress `json:"notReadyAddresses,omitempty"`
	Ports             []endpointPort    `json:"ports,omitempty"`
}

type endpointAddress struct {
	IP        string               `json:"ip"`
	NodeName  *string              `json:"nodeName,omitempty"`
	TargetRef *api.ObjectReference `json:"targetRef,omitempty"`
}

type endpointPort struct {
	Name     string `json:"name,omitempty"`
	Port     int32  `json:"port"`
	Protocol string `json:"protocol,omitempty"`
}

func (e *endpoints) Meta() *api.ObjectMeta  { return &e.ObjectMeta }
func (e *endpoints) ObjectKind() string     { return kindEndpoints }
func (e *endpoints) CopyObject() api.Object { c := *e; return &c }

// endpointsOf derives a Service's Endpoints from its slices; nil for a Service without slices
// (no selector).
func (k *Kubectl) endpointsOf(s *api.Service) *endpoints {
	slices := k.slicesOf(s)
	if len(slices) == 0 {
		return nil
	}
	e := &endpoints{
		TypeMeta: api.TypeMeta{APIVersion: "v1", Kind: kindEndpoints},
		ObjectMeta: api.ObjectMeta{Name: s.Name, Namespace: s.Namespace, Labels: s.Labels,
			CreationTimestamp: slices[0].CreationTimestamp, ResourceVersion: slices[0].ResourceVersion},
	}
	var sub endpointSubset
	for _, es := range slices {
		for _, ep := range es.Endpoints {
			if ep.Conditions.Terminating != nil && *ep.Conditions.Terminating {
				continue
			}
			a := endpointAddress{IP: ep.Addresses[0], NodeName: ep.NodeName, TargetRef: ep.TargetRef}
			if ep.Conditions.Ready == nil || *ep.Conditions.Ready {
				sub.Addresses = append(sub.Addresses, a)
			} else {
				sub.NotReadyAddresses = append(sub.NotReadyAddresses, a)
			}
		}
		if len(sub.Ports) == 0 {
			for _, p := range es.Ports {
				sub.Ports = append(sub.Ports, endpointPort{Name: deref(p.Name), Port: *p.Port, Protocol: deref(p.Protocol)})
			}
		}
	}
	if len(sub.Addresses)+len(sub.NotReadyAddresses) > 0 {
		e.Subsets = []endpointSubset{sub}
	}
	return e
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// endpointsTable prints `kubectl get endpoints`: NAME ENDPOINTS AGE, the ready addresses with
// each port, three at most; `<none>` without subsets.
func endpointsTable(objs []api.Object, k *Kubectl, o printers.TableOptions) string {
	headers := []string{"NAME", "ENDPOINTS", "AGE"}
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
		e := obj.(*endpoints)
		name := e.Name
		if o.WithKindPrefix {
			name = "endpoints/" + name
		}
		var list []string
		for _, s := range e.Subsets {
			for _, p := range s.Ports {
				for _, a := range s.Addresses {
					list = append(list, a.IP+":"+strconv.Itoa(int(p.Port)))
				}
			}
		}
		cell := "<none>"
		if len(e.Subsets) > 0 {
			cell = printers.FirstThree(list, "")
		}
		row := []string{name, cell, printers.Age(e.CreationTimestamp, k.C.Now())}
		if o.AllNamespaces {
			row = append([]string{e.Namespace}, row...)
		}
		if o.ShowLabels {
			row = append(row, api.FormatLabels(e.Labels))
		}
		t.AddRow(row...)
	}
	return t.String()
}

// recreatedAtOnce: objects a delete cannot remove for more than an instant.
func recreatedAtOnce(kind, ns, name string) bool {
	return kind == kindEndpoints || (kind == kindService || kind == kindEndpointSlice) && ns == "default" && name == "kubernetes"
}

// warnDeprecated prints the API server's warning once for a command that reads Endpoints.
func warnDeprecated(targets []target, res *Result) {
	for _, t := range targets {
		if t.t.kind == kindEndpoints {
			res.Stderr.WriteString(endpointsWarning)
			return
		}
	}
}

// describeSubsets is what `describe endpoints` reads of each subset.
func (e *endpoints) describeSubsets() []printers.EndpointSubset {
	out := make([]printers.EndpointSubset, len(e.Subsets))
	for i, s := range e.Subsets {
		for _, a := range s.Addresses {
			out[i].Ready = append(out[i].Ready, a.IP)
		}
		for _, a := range s.NotReadyAddresses {
			out[i].NotReady = append(out[i].NotReady, a.IP)
		}
		for _, p := range s.Ports {
			out[i].Ports = append(out[i].Ports, api.EndpointPort{Name: api.Ptr(p.Name), Port: api.Ptr(p.Port), Protocol: api.Ptr(p.Protocol)})
		}
	}
	return out
}
