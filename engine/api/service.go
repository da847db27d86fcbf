package api

import (
	"fmt"
	"regexp"
	"slices"
)

// Services and EndpointSlices: the core/v1 and discovery.k8s.io/v1 subset the playground serves
// (ClusterIP and NodePort Services with a selector, and the slices the EndpointSlice controller
// writes for them).

// Kinds of this file.
const (
	KindService       = "Service"
	KindEndpointSlice = "EndpointSlice"
	KindEndpoints     = "Endpoints"
)

// Service types and the values the apiserver defaults.
const (
	ServiceTypeClusterIP    = "ClusterIP"
	ServiceTypeNodePort     = "NodePort"
	ServiceTypeLoadBalancer = "LoadBalancer"
	ServiceTypeExternalName = "ExternalName"
	ProtocolTCP             = "TCP"
)

// Labels the EndpointSlice controller puts on its slices.
const (
	LabelServiceName = "kubernetes.io/service-name"
	LabelManagedBy   = "endpointslice.kubernetes.io/managed-by"
	ManagedByValue   = "endpointslice-controller.k8s.io"
)

// Service is core/v1 Service.
type Service struct {
	TypeMeta
	ObjectMeta `json:"metadata,omitempty"`
	Spec       ServiceSpec   `json:"spec,omitempty"`
	Status     ServiceStatus `json:"status,omitempty"`
}

// ServiceSpec is core/v1 ServiceSpec (without the load-balancer fields).
type ServiceSpec struct {
	Ports                 []ServicePort     `json:"ports,omitempty"`
	Selector              map[string]string `json:"selector,omitempty"`
	ClusterIP             string            `json:"clusterIP,omitempty"`
	ClusterIPs            []string          `json:"clusterIPs,omitempty"`
	Type                  string            `json:"type,omitempty"`
	ExternalTrafficPolicy string            `json:"externalTrafficPolicy,omitempty"`
	SessionAffinity       string            `json:"sessionAffinity,omitempty"`
	IPFamilies            []string          `json:"ipFamilies,omitempty"`
	IPFamilyPolicy        *string           `json:"ipFamilyPolicy,omitempty"`
	InternalTrafficPolicy *string           `json:"internalTrafficPolicy,omitempty"`
}

// ServicePort is core/v1 ServicePort.
type ServicePort struct {
	Name       string      `json:"name,omitempty"`
	Protocol   string      `json:"protocol,omitempty"`
	Port       int32       `json:"port"`
	TargetPort IntOrString `json:"targetPort,omitempty"`
	NodePort   int32       `json:"nodePort,omitempty"`
}

// ServiceStatus is core/v1 ServiceStatus: always `loadBalancer: {}` here.
type ServiceStatus struct {
	LoadBalancer struct{} `json:"loadBalancer"`
}

// EndpointSlice is discovery.k8s.io/v1 EndpointSlice.
type EndpointSlice struct {
	TypeMeta
	ObjectMeta  `json:"metadata,omitempty"`
	AddressType string         `json:"addressType"`
	Endpoints   []Endpoint     `json:"endpoints"`
	Ports       []EndpointPort `json:"ports"`
}

// Endpoint is one pod of an EndpointSlice.
type Endpoint struct {
	Addresses  []string           `json:"addresses"`
	Conditions EndpointConditions `json:"conditions"`
	NodeName   *string            `json:"nodeName,omitempty"`
	TargetRef  *ObjectReference   `json:"targetRef,omitempty"`
}

// EndpointConditions: ready (receives traffic), serving (ready, terminating or not),
// terminating.
type EndpointConditions struct {
	Ready       *bool `json:"ready,omitempty"`
	Serving     *bool `json:"serving,omitempty"`
	Terminating *bool `json:"terminating,omitempty"`
}

// EndpointPort is one port of an EndpointSlice.
type EndpointPort struct {
	Name     *string `json:"name,omitempty"`
	Protocol *string `json:"protocol,omitempty"`
	Port     *int32  `json:"port,omitempty"`
}

func (s *Service) Meta() *ObjectMeta        { return &s.ObjectMeta }
func (s *Service) ObjectKind() string       { return KindService }
func (s *Service) CopyObject() Object       { return s.DeepCopy() }
func (e *EndpointSlice) Meta() *ObjectMeta  { return &e.ObjectMeta }
func (e *EndpointSlice) ObjectKind() string { return KindEndpointSlice }

// CopyObject copies the metadata; the endpoints are rewritten whole, never changed in place.
func (e *EndpointSlice) CopyObject() Object {
	c := *e
	c.ObjectMeta = e.ObjectMeta.DeepCopy()
	return &c
}

// DeepCopy returns an independent copy.
func (s *Service) DeepCopy() *Service {
	c := *s
	c.ObjectMeta = s.ObjectMeta.DeepCopy()
	c.Spec.Ports = slices.Clone(s.Spec.Ports)
	c.Spec.Selector = copyMap(s.Spec.Selector)
	c.Spec.ClusterIPs = slices.Clone(s.Spec.ClusterIPs)
	c.Spec.IPFamilies = slices.Clone(s.Spec.IPFamilies)
	c.Spec.IPFamilyPolicy = copyPtr(s.Spec.IPFamilyPolicy)
	c.Spec.InternalTrafficPolicy = copyPtr(s.Spec.InternalTrafficPolicy)
	return &c
}

// SetDefaultsService is the apiserver's defaulting of a Service (clusterIP and nodePort
// allocation are the cluster's, see cluster.allocateService): type ClusterIP, sessionAffinity
// None, internalTrafficPolicy Cluster, each port's protocol TCP and targetPort its port, and
// externalTrafficPolicy Cluster for NodePort Services.
func SetDefaultsService(s *Service) {
	if s.Spec.Type == "" {
		s.Spec.Type = ServiceTypeClusterIP
	}
	if s.Spec.SessionAffinity == "" {
		s.Spec.SessionAffinity = "None"
	}
	if s.Spec.InternalTrafficPolicy == nil {
		s.Spec.InternalTrafficPolicy = Ptr("Cluster")
	}
	if (s.Spec.Type == ServiceTypeNodePort || s.Spec.Type == ServiceTypeLoadBalancer) && s.Spec.ExternalTrafficPolicy == "" {
		s.Spec.ExternalTrafficPolicy = "Cluster"
	}
	for i := range s.Spec.Ports {
		p := &s.Spec.Ports[i]
		if p.Protocol == "" {
			p.Protocol = ProtocolTCP
		}
		if p.TargetPort == (IntOrString{}) {
			p.TargetPort = FromInt(p.Port)
		}
	}
}

const dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?"

var dns1035LabelRe = regexp.MustCompile("^" + dns1035LabelFmt + "$")

// isDNS1035Label is a Service name's rule: a label that starts with a letter.
func isDNS1035Label(v string, _ bool) []string {
	var errs []string
	if len(v) > 63 {
		errs = append(errs, maxLenError(63))
	}
	if !dns1035LabelRe.MatchString(v) {
		errs = append(errs, regexError( // unverified wording (1.37 renamed the 1123 texts the same way)
			"a lowercase RFC 1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
			dns1035LabelFmt, "my-name", "abc-123"))
	}
	return errs
}

// ValidateService is core validation of a Service after defaulting and allocation.
func ValidateService(s *Service) []FieldError {
	errs := validateObjectMeta(&s.ObjectMeta, "metadata", isDNS1035Label)
	types := []string{ServiceTypeClusterIP, ServiceTypeExternalName, ServiceTypeLoadBalancer, ServiceTypeNodePort}
	if !slices.Contains(types, s.Spec.Type) {
		errs = append(errs, NotSupported("spec.type", s.Spec.Type, types...))
	}
	if len(s.Spec.Ports) == 0 && s.Spec.ClusterIP != "None" && s.Spec.Type != ServiceTypeExternalName {
		errs = append(errs, Required("spec.ports", ""))
	}
	names := map[string]bool{}
	seen := map[string]bool{}
	for i, p := range s.Spec.Ports {
		path := fmt.Sprintf("spec.ports[%d]", i)
		if len(s.Spec.Ports) > 1 && p.Name == "" {
			errs = append(errs, Required(path+".name", ""))
		} else if p.Name != "" {
			errs = append(errs, invalidEach(path+".name", p.Name, isDNS1123Label(p.Name))...)
			if names[p.Name] {
				errs = append(errs, Duplicate(path+".name", p.Name))
			}
			names[p.Name] = true
		}
		errs = append(errs, invalidEach(path+".port", int64(p.Port), isValidPortNum(int64(p.Port)))...)
		if p.Protocol != ProtocolTCP && p.Protocol != "UDP" && p.Protocol != "SCTP" {
			errs = append(errs, NotSupported(path+".protocol", p.Protocol, ProtocolTCP, "UDP", "SCTP"))
		}
		if p.TargetPort.IsString {
			errs = append(errs, invalidEach(path+".targetPort", p.TargetPort.StrVal, isValidPortName(p.TargetPort.StrVal))...)
		} else {
			errs = append(errs, invalidEach(path+".targetPort", int64(p.TargetPort.IntVal), isValidPortNum(int64(p.TargetPort.IntVal)))...)
		}
		if p.NodePort != 0 && s.Spec.Type == ServiceTypeClusterIP {
			errs = append(errs, Forbidden(path+".nodePort", "may not be used when `type` is 'ClusterIP'"))
		}
		key := fmt.Sprintf("%d/%s", p.Port, p.Protocol)
		if seen[key] {
			errs = append(errs, Duplicate(path, map[string]any{"port": p.Port, "protocol": p.Protocol}))
		}
		seen[key] = true
	}
	errs = append(errs, validateLabels(s.Spec.Selector, "spec.selector")...)
	if a := s.Spec.SessionAffinity; a != "None" && a != "ClientIP" {
		errs = append(errs, NotSupported("spec.sessionAffinity", a, "ClientIP", "None"))
	}
	return errs
}

// ValidateServiceUpdate adds the update rules: the cluster IP cannot change.
func ValidateServiceUpdate(n, o *Service) []FieldError {
	errs := ValidateService(n)
	if n.Spec.ClusterIP != o.Spec.ClusterIP && o.Spec.ClusterIP != "" && n.Spec.Type != ServiceTypeExternalName {
		errs = append(errs, Invalid("spec.clusterIPs[0]", n.Spec.ClusterIP, "may not change once set"))
	}
	return errs
}
