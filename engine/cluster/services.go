package cluster

import (
	"fmt"
	"net/netip"

	"rolloutlab/engine/api"
)

// The API server's allocation for Services: a cluster IP from the service range 10.96.0.0/12
// and, for NodePort Services, node ports from 30000-32767. Both are drawn from the cluster's
// seeded source, so a run is repeatable. As upstream's allocators since 1.27, a dynamic choice
// comes from the upper part of each range: the lower band is left for addresses asked for by
// hand (10.96.0.1 is the kubernetes Service, 10.96.0.10 is kube-dns by convention).

const (
	serviceRange     = "10.96.0.0/12"
	serviceRangeSize = 1 << 20
	ipStaticBand     = 256 // min(max(16, size/16), 256)
	nodePortMin      = 30000
	nodePortMax      = 32767
	nodePortStatic   = 128 // min(max(16, size/16), 128)
)

var serviceBase = netip.MustParsePrefix(serviceRange).Addr()

// KubernetesServiceIP is the API server's own Service, the first address of the range.
const KubernetesServiceIP = "10.96.0.1"

// allocateService fills a Service's cluster IP, IP families and node ports (keeping those of
// old on an update, as the registry does), or says why a requested one cannot be had.
func (c *Cluster) allocateService(s *api.Service, old *api.Service) []api.FieldError {
	if old != nil {
		if s.Spec.ClusterIP == "" {
			s.Spec.ClusterIP, s.Spec.ClusterIPs = old.Spec.ClusterIP, old.Spec.ClusterIPs
		}
		if s.Spec.IPFamilyPolicy == nil {
			s.Spec.IPFamilyPolicy = old.Spec.IPFamilyPolicy
		}
		if len(s.Spec.IPFamilies) == 0 {
			s.Spec.IPFamilies = old.Spec.IPFamilies
		}
		for i := range s.Spec.Ports {
			p := &s.Spec.Ports[i]
			for _, q := range old.Spec.Ports {
				if p.NodePort == 0 && q.Port == p.Port && q.Protocol == p.Protocol {
					p.NodePort = q.NodePort
				}
			}
		}
	}
	if s.Spec.Type == api.ServiceTypeExternalName {
		return nil
	}
	ips, ports := c.allocated(s)
	var errs []api.FieldError
	switch want := s.Spec.ClusterIP; {
	case want == "None":
	case want == "":
		s.Spec.ClusterIP = c.freeIP(ips)
	default:
		a, err := netip.ParseAddr(want)
		switch {
		case err != nil:
			errs = append(errs, api.Invalid("spec.clusterIPs[0]", want, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"))
		case !netip.MustParsePrefix(serviceRange).Contains(a):
			errs = append(errs, api.Invalid("spec.clusterIPs", []string{want}, // unverified wording
				fmt.Sprintf("failed to allocate IP %s: provided IP (%s) is not in the valid range. The range of valid IPs is %s", want, want, serviceRange)))
		case ips[want]:
			errs = append(errs, api.Invalid("spec.clusterIPs", []string{want}, "failed to allocate IP "+want+": provided IP is already allocated"))
		}
	}
	if len(s.Spec.ClusterIPs) == 0 || s.Spec.ClusterIPs[0] != s.Spec.ClusterIP {
		s.Spec.ClusterIPs = []string{s.Spec.ClusterIP}
	}
	if s.Spec.IPFamilyPolicy == nil {
		s.Spec.IPFamilyPolicy = api.Ptr("SingleStack")
	}
	if len(s.Spec.IPFamilies) == 0 {
		s.Spec.IPFamilies = []string{"IPv4"}
	}
	if s.Spec.Type != api.ServiceTypeNodePort && s.Spec.Type != api.ServiceTypeLoadBalancer {
		return errs
	}
	for i := range s.Spec.Ports {
		p := &s.Spec.Ports[i]
		path := fmt.Sprintf("spec.ports[%d].nodePort", i)
		switch {
		case p.NodePort == 0:
			p.NodePort = c.freePort(ports)
		case p.NodePort < nodePortMin || p.NodePort > nodePortMax:
			errs = append(errs, api.Invalid(path, int64(p.NodePort),
				fmt.Sprintf("provided port is not in the valid range. The range of valid ports is %d-%d", nodePortMin, nodePortMax)))
		case ports[p.NodePort]:
			errs = append(errs, api.Invalid(path, int64(p.NodePort), "provided port is already allocated"))
		}
		ports[p.NodePort] = true
	}
	return errs
}

// allocated is what the other Services hold.
func (c *Cluster) allocated(self *api.Service) (ips map[string]bool, ports map[int32]bool) {
	ips, ports = map[string]bool{KubernetesServiceIP: true}, map[int32]bool{}
	for _, o := range c.Store.List(api.KindService, "") {
		s := o.(*api.Service)
		if s.Namespace == self.Namespace && s.Name == self.Name {
			continue
		}
		ips[s.Spec.ClusterIP] = true
		for _, p := range s.Spec.Ports {
			ports[p.NodePort] = true
		}
	}
	return ips, ports
}

func (c *Cluster) freeIP(taken map[string]bool) string {
	for {
		off := ipStaticBand + c.Store.Rand().IntN(serviceRangeSize-ipStaticBand-1)
		b := serviceBase.As4()
		v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]) + uint32(off)
		ip := netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}).String()
		if !taken[ip] {
			return ip
		}
	}
}

func (c *Cluster) freePort(taken map[int32]bool) int32 {
	for {
		p := int32(nodePortMin + nodePortStatic + c.Store.Rand().IntN(nodePortMax-nodePortMin-nodePortStatic+1))
		if !taken[p] {
			taken[p] = true
			return p
		}
	}
}
