package printers

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"rolloutlab/engine/api"
)

// Services, EndpointSlices and Endpoints as kubectl 1.37 prints them (the table printers of
// pkg/printers/internalversion and the describers of kubectl's describe package).

// ServiceTable is `kubectl get services`: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and
// SELECTOR with -o wide.
func ServiceTable(svcs []*api.Service, now time.Time, o TableOptions) string {
	headers := []string{"NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"}
	if o.Wide {
		headers = append(headers, "SELECTOR")
	}
	g := newGetTable(o, true, len(svcs), headers...)
	for _, s := range svcs {
		g.begin(s.Namespace)
		g.cell(g.name("service/", s.Name))
		g.cell(s.Spec.Type)
		ip := s.Spec.ClusterIP
		if ip == "" {
			ip = "<none>"
		}
		g.cell(ip)
		g.cell(externalIP(s))
		g.cell(ServicePorts(s))
		g.cell(Age(s.CreationTimestamp, now))
		if o.Wide {
			g.cell(api.FormatLabels(s.Spec.Selector))
		}
		g.end(s.Labels, false)
	}
	return g.String()
}

// externalIP is the EXTERNAL-IP column for the types the playground serves: a LoadBalancer
// waits for an address no cloud will give.
func externalIP(s *api.Service) string {
	if s.Spec.Type == api.ServiceTypeLoadBalancer {
		return "<pending>"
	}
	return "<none>"
}

// ServicePorts is the PORT(S) column: `80/TCP`, `80:31234/TCP` with a node port.
func ServicePorts(s *api.Service) string {
	if len(s.Spec.Ports) == 0 {
		return "<none>"
	}
	parts := make([]string, len(s.Spec.Ports))
	for i, p := range s.Spec.Ports {
		if p.NodePort > 0 {
			parts[i] = fmt.Sprintf("%d:%d/%s", p.Port, p.NodePort, p.Protocol)
		} else {
			parts[i] = fmt.Sprintf("%d/%s", p.Port, p.Protocol)
		}
	}
	return strings.Join(parts, ",")
}

// EndpointSliceTable is `kubectl get endpointslices`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE,
// every endpoint's address (ready or not), three at most then `+ N more...`.
func EndpointSliceTable(slices []*api.EndpointSlice, now time.Time, o TableOptions) string {
	g := newGetTable(o, true, len(slices), "NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE")
	for _, s := range slices {
		g.begin(s.Namespace)
		g.cell(g.name("endpointslice.discovery.k8s.io/", s.Name))
		g.cell(s.AddressType)
		var ports, addrs []string
		for _, p := range s.Ports {
			switch {
			case p.Port != nil:
				ports = append(ports, strconv.Itoa(int(*p.Port)))
			case p.Name != nil:
				ports = append(ports, *p.Name)
			default:
				ports = append(ports, "*")
			}
		}
		for _, e := range s.Endpoints {
			addrs = append(addrs, e.Addresses...)
		}
		g.cell(FirstThree(ports, "<unset>"))
		g.cell(FirstThree(addrs, "<unset>"))
		g.cell(Age(s.CreationTimestamp, now))
		g.end(s.Labels, false)
	}
	return g.String()
}

// FirstThree joins a list as kubectl's listWithMoreString: at most three, then `+ N more...`.
func FirstThree(list []string, empty string) string {
	if len(list) > 3 {
		return fmt.Sprintf("%s + %d more...", strings.Join(list[:3], ","), len(list)-3)
	}
	if len(list) == 0 {
		return empty
	}
	return strings.Join(list, ",")
}

// ServiceEndpoints is the `Endpoints:` line of `describe service` for one port (portName, ""
// for an unnamed port; all ports with all=true): the ready endpoints' IP:port, three at most.
// It keeps kubectl's quirk: once three are listed, the next endpoint (ready or not) marks the
// list as longer, so a fourth endpoint that is not ready still gives `+ 0 more...`.
func ServiceEndpoints(slices []*api.EndpointSlice, portName string, all bool) string {
	if len(slices) == 0 {
		return "<none>"
	}
	const max = 3
	var list []string
	more, count := false, 0
	add := func(e api.Endpoint, port *int32) {
		if len(list) == max {
			more = true
		}
		if e.Conditions.Ready != nil && !*e.Conditions.Ready {
			return
		}
		if !more {
			if port == nil {
				list = append(list, e.Addresses[0])
			} else {
				list = append(list, net.JoinHostPort(e.Addresses[0], strconv.Itoa(int(*port))))
			}
		}
		count++
	}
	for _, s := range slices {
		if len(s.Ports) == 0 {
			for _, e := range s.Endpoints {
				add(e, nil)
			}
			continue
		}
		for _, p := range s.Ports {
			if !all && (p.Name == nil || *p.Name != portName) {
				continue
			}
			for _, e := range s.Endpoints {
				add(e, p.Port)
			}
		}
	}
	out := strings.Join(list, ",")
	if more {
		return fmt.Sprintf("%s + %d more...", out, count-max)
	}
	return out
}

// DescribeService is `kubectl describe service`.
func DescribeService(s *api.Service, slices []*api.EndpointSlice, events []*api.Event, now time.Time) string {
	return tabbed(func(w *prefixWriter) {
		w.write(level0, "Name:\t", s.Name, "\n")
		w.write(level0, "Namespace:\t", s.Namespace, "\n")
		labelsMultiline(w, "Labels", s.Labels)
		annotationsMultiline(w, "Annotations", s.Annotations)
		w.write(level0, "Selector:\t", api.FormatLabels(s.Spec.Selector), "\n")
		w.write(level0, "Type:\t", s.Spec.Type, "\n")
		if s.Spec.IPFamilyPolicy != nil {
			w.write(level0, "IP Family Policy:\t", *s.Spec.IPFamilyPolicy, "\n")
		}
		families := "<none>"
		if len(s.Spec.IPFamilies) > 0 {
			families = strings.Join(s.Spec.IPFamilies, ",")
		}
		w.write(level0, "IP Families:\t", families, "\n")
		w.write(level0, "IP:\t", s.Spec.ClusterIP, "\n")
		ips := "<none>"
		if len(s.Spec.ClusterIPs) > 0 {
			ips = strings.Join(s.Spec.ClusterIPs, ",")
		}
		w.write(level0, "IPs:\t", ips, "\n")
		for _, p := range s.Spec.Ports {
			name := p.Name
			if name == "" {
				name = "<unset>"
			}
			proto := "/" + p.Protocol
			w.write(level0, "Port:\t", name, "\t", itoa(p.Port), proto, "\n")
			w.write(level0, "TargetPort:\t", p.TargetPort.String(), proto, "\n")
			if p.NodePort != 0 {
				w.write(level0, "NodePort:\t", name, "\t", itoa(p.NodePort), proto, "\n")
			}
			w.write(level0, "Endpoints:\t", ServiceEndpoints(slices, p.Name, false), "\n")
		}
		w.write(level0, "Session Affinity:\t", s.Spec.SessionAffinity, "\n")
		if s.Spec.ExternalTrafficPolicy != "" {
			w.write(level0, "External Traffic Policy:\t", s.Spec.ExternalTrafficPolicy, "\n")
		}
		if s.Spec.InternalTrafficPolicy != nil {
			w.write(level0, "Internal Traffic Policy:\t", *s.Spec.InternalTrafficPolicy, "\n")
		}
		describeEvents(w, events, now)
	})
}

// DescribeEndpointSlice is `kubectl describe endpointslice`: each endpoint's addresses, its
// Ready condition (the only one kubectl shows), target, node and zone.
func DescribeEndpointSlice(s *api.EndpointSlice, events []*api.Event, now time.Time) string {
	unset := func(p *string) string {
		if p == nil {
			return "<unset>"
		}
		return *p
	}
	return tabbed(func(w *prefixWriter) {
		w.write(level0, "Name:\t", s.Name, "\n")
		w.write(level0, "Namespace:\t", s.Namespace, "\n")
		labelsMultiline(w, "Labels", s.Labels)
		annotationsMultiline(w, "Annotations", s.Annotations)
		w.write(level0, "AddressType:\t", s.AddressType, "\n")
		if len(s.Ports) == 0 {
			w.write(level0, "Ports: <unset>\n")
		} else {
			w.write(level0, "Ports:\n")
			w.write(level1, "Name\tPort\tProtocol\n")
			w.write(level1, "----\t----\t--------\n")
			for _, p := range s.Ports {
				name, port := "<unset>", "<unset>"
				if p.Name != nil && *p.Name != "" {
					name = *p.Name
				}
				if p.Port != nil {
					port = itoa(*p.Port)
				}
				w.write(level1, name, "\t", port, "\t", unset(p.Protocol), "\n")
			}
		}
		if len(s.Endpoints) == 0 {
			w.write(level0, "Endpoints: <none>\n")
		} else {
			w.write(level0, "Endpoints:\n")
			for _, e := range s.Endpoints {
				addrs := strings.Join(e.Addresses, ", ")
				if addrs == "" {
					addrs = "<none>"
				}
				w.write(level1, "- Addresses:\t", addrs, "\n")
				w.write(level2, "Conditions:\n")
				ready := "<unset>"
				if e.Conditions.Ready != nil {
					ready = strconv.FormatBool(*e.Conditions.Ready)
				}
				w.write(level3, "Ready:\t", ready, "\n")
				w.write(level2, "Hostname:\t<unset>\n")
				if e.TargetRef != nil {
					w.write(level2, "TargetRef:\t", e.TargetRef.Kind, "/", e.TargetRef.Name, "\n")
				}
				w.write(level2, "NodeName:\t", unset(e.NodeName), "\n")
				w.write(level2, "Zone:\t<unset>\n")
			}
		}
		describeEvents(w, events, now)
	})
}

// EndpointSubset is one subset of a v1 Endpoints, as its describer reads it.
type EndpointSubset struct {
	Ready, NotReady []string // IPs
	Ports           []api.EndpointPort
}

// DescribeEndpoints is `kubectl describe endpoints`: each subset's ready and not-ready
// addresses and its ports, then a blank line.
func DescribeEndpoints(m *api.ObjectMeta, subsets []EndpointSubset, events []*api.Event, now time.Time) string {
	list := func(ips []string) string {
		if len(ips) == 0 {
			return "<none>"
		}
		return strings.Join(ips, ",")
	}
	return tabbed(func(w *prefixWriter) {
		w.write(level0, "Name:\t", m.Name, "\n")
		w.write(level0, "Namespace:\t", m.Namespace, "\n")
		labelsMultiline(w, "Labels", m.Labels)
		annotationsMultiline(w, "Annotations", m.Annotations)
		w.write(level0, "Subsets:\n")
		for _, s := range subsets {
			w.write(level1, "Addresses:\t", list(s.Ready), "\n")
			w.write(level1, "NotReadyAddresses:\t", list(s.NotReady), "\n")
			if len(s.Ports) > 0 {
				w.write(level1, "Ports:\n")
				w.write(level2, "Name\tPort\tProtocol\n")
				w.write(level2, "----\t----\t--------\n")
				for _, p := range s.Ports {
					name := "<unset>"
					if p.Name != nil && *p.Name != "" {
						name = *p.Name
					}
					w.write(level2, name, "\t", itoa(*p.Port), "\t", *p.Protocol, "\n")
				}
			}
			w.write(level0, "\n")
		}
		describeEvents(w, events, now)
	})
}
