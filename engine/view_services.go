package engine

import (
	"slices"

	"rolloutlab/engine/api"
	"rolloutlab/engine/kubectl/printers"
)

// ServiceView is a Service with the pods its EndpointSlices list: Ready ones receive its
// traffic, the others (not Ready, or terminating) do not.
type ServiceView struct {
	Name      string
	Type      string
	ClusterIP string
	Ports     string // as PORT(S): 80/TCP, 80:30080/TCP
	Selector  string
	Ready     []string // pod names, sorted
	NotReady  []string
}

// services reads the Services of the default namespace and returns, for each pod that
// receives traffic, the Services that send it.
func (e *Engine) services() ([]ServiceView, map[string][]string) {
	c := e.Cluster
	svcs := c.Store.List(api.KindService, "default")
	if len(svcs) == 0 {
		return nil, nil
	}
	traffic := map[string][]string{}
	byService := map[string]*ServiceView{}
	out := make([]ServiceView, len(svcs))
	for i, o := range svcs {
		s := o.(*api.Service)
		out[i] = ServiceView{Name: s.Name, Type: s.Spec.Type, ClusterIP: s.Spec.ClusterIP, Ports: printers.ServicePorts(s),
			Selector: api.FormatLabels(s.Spec.Selector)}
		byService[s.Name] = &out[i]
	}
	for _, o := range c.Store.List(api.KindEndpointSlice, "default") {
		es := o.(*api.EndpointSlice)
		sv := byService[es.Labels[api.LabelServiceName]]
		if sv == nil {
			continue
		}
		for _, ep := range es.Endpoints {
			if ep.TargetRef == nil {
				continue
			}
			if ep.Conditions.Ready != nil && *ep.Conditions.Ready {
				sv.Ready = append(sv.Ready, ep.TargetRef.Name)
				traffic[ep.TargetRef.Name] = append(traffic[ep.TargetRef.Name], sv.Name)
			} else {
				sv.NotReady = append(sv.NotReady, ep.TargetRef.Name)
			}
		}
	}
	for i := range out {
		slices.Sort(out[i].Ready)
		slices.Sort(out[i].NotReady)
	}
	return out, traffic
}

// markTraffic fills PodView.Traffic of every pod in the view.
func (v *View) markTraffic(traffic map[string][]string) {
	if len(traffic) == 0 {
		return
	}
	mark := func(pods []PodView) {
		for i := range pods {
			pods[i].Traffic = traffic[pods[i].Name]
		}
	}
	for _, d := range v.Deployments {
		for _, rs := range d.ReplicaSets {
			mark(rs.Pods)
		}
	}
	for _, rs := range v.UnownedReplicaSets {
		mark(rs.Pods)
	}
	mark(v.UnownedPods)
}
