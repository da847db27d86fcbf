// Package endpointslice is the EndpointSlice controller: for each Service with a selector it
// keeps one slice listing the pods the selector matches that have an IP, each with the
// conditions kube-proxy reads. ready: the pod is Ready and not terminating, so it receives new
// connections; serving: the pod is Ready, terminating or not; terminating: it is being deleted.
// This is why readiness matters: a pod that is Running but not Ready gets no traffic.
package endpointslice

import (
	"cmp"
	"maps"
	"reflect"
	"slices"
	"strings"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller"
	"rolloutlab/engine/store"
)

// Controller keeps the EndpointSlices of Services.
type Controller struct {
	st    *store.Store
	queue *controller.Queue
	// services are the Services' selectors by key, ordered, from their watch events: pod
	// events, by far the most frequent, find the Services to sync without a store lookup, in
	// a fixed order (the same run every time), and cost nothing when there are none.
	services []serviceSelector
}

type serviceSelector struct {
	key      controller.Key
	selector map[string]string
}

// New starts an EndpointSlice controller watching st.
func New(st *store.Store) *Controller {
	c := &Controller{st: st}
	c.queue = controller.NewQueue(st.Clock(), "sync EndpointSlices of Service %s/%s", c.sync)
	st.Watch(c.handleService, api.KindService)
	st.Watch(c.handlePod, api.KindPod)
	st.Watch(c.handleSlice, api.KindEndpointSlice)
	return c
}

// handleSlice puts back a slice someone deleted.
func (c *Controller) handleSlice(ev store.WatchEvent) {
	m := ev.Old
	if ev.Type != store.Deleted || m.Meta().Labels[api.LabelManagedBy] != api.ManagedByValue {
		return
	}
	key := controller.Key{Namespace: m.Meta().Namespace, Name: m.Meta().Labels[api.LabelServiceName]}
	c.queue.Add(key)
}

func (c *Controller) handleService(ev store.WatchEvent) {
	key := controller.KeyOf(ev.New.Meta())
	i, found := slices.BinarySearchFunc(c.services, key, func(s serviceSelector, k controller.Key) int {
		return cmp.Or(strings.Compare(s.key.Namespace, k.Namespace), strings.Compare(s.key.Name, k.Name))
	})
	switch {
	case ev.Type == store.Deleted:
		if found {
			c.services = slices.Delete(c.services, i, i+1)
		}
	case found:
		c.services[i].selector = ev.New.(*api.Service).Spec.Selector
	default:
		c.services = slices.Insert(c.services, i, serviceSelector{key, ev.New.(*api.Service).Spec.Selector})
	}
	c.queue.Add(key)
}

func (c *Controller) handlePod(ev store.WatchEvent) {
	if len(c.services) == 0 {
		return
	}
	p := ev.New.(*api.Pod)
	var old *api.Pod
	if ev.Old != nil {
		old = ev.Old.(*api.Pod)
	}
	for _, s := range c.services {
		if s.key.Namespace != p.Namespace || len(s.selector) == 0 {
			continue
		}
		if matches(s.selector, p.Labels) || old != nil && matches(s.selector, old.Labels) {
			c.queue.Add(s.key)
		}
	}
}

// matches is a Service selector (equality on every key) against labels.
func matches(sel, labels map[string]string) bool {
	for k, v := range sel {
		if w, ok := labels[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// sync makes the Service's slice list what its selector matches now, or removes the slices of
// a Service that is gone or has no selector. A write that fails fails the pass, and the queue
// retries it.
func (c *Controller) sync(key controller.Key) error {
	existing := c.slicesOf(key)
	o := c.st.Get(api.KindService, key.Namespace, key.Name)
	if o == nil || len(o.(*api.Service).Spec.Selector) == 0 {
		for _, s := range existing {
			if _, err := c.st.Delete(api.KindEndpointSlice, s.Namespace, s.Name, 0); err != nil && !api.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
	svc := o.(*api.Service)
	want := c.desired(svc)
	if len(existing) == 0 {
		want.GenerateName = svc.Name + "-"
		if err := c.st.Create(want); err != nil {
			return err
		}
		c.note(svc, want)
		return nil
	}
	cur := existing[0]
	if reflect.DeepEqual(cur.Endpoints, want.Endpoints) && reflect.DeepEqual(cur.Ports, want.Ports) &&
		maps.Equal(cur.Labels, want.Labels) {
		return nil
	}
	want.Name, want.GenerateName, want.ResourceVersion = cur.Name, cur.GenerateName, ""
	want.Generation = cur.Generation
	if err := c.st.Update(want); err != nil {
		return err
	}
	c.note(svc, want)
	return nil
}

// note explains a slice written: how many of the selected pods receive traffic.
func (c *Controller) note(svc *api.Service, s *api.EndpointSlice) {
	clk := c.st.Clock()
	if !clk.Noting() {
		return
	}
	ready := 0
	for _, e := range s.Endpoints {
		if *e.Conditions.Ready {
			ready++
		}
	}
	clk.Note("endpoints.sync", svc.Name, ready, len(s.Endpoints))
}

// slicesOf lists the slices the controller keeps for a Service.
func (c *Controller) slicesOf(key controller.Key) []*api.EndpointSlice {
	var out []*api.EndpointSlice
	for _, o := range c.st.List(api.KindEndpointSlice, key.Namespace) {
		if s := o.(*api.EndpointSlice); s.Labels[api.LabelServiceName] == key.Name && s.Labels[api.LabelManagedBy] == api.ManagedByValue {
			out = append(out, s)
		}
	}
	return out
}

// desired is the slice for a Service: its labels (the Service's, and the two the controller
// owns), one port per Service port with the target port resolved, one endpoint per pod with an
// IP, by pod name.
func (c *Controller) desired(svc *api.Service) *api.EndpointSlice {
	labels := maps.Clone(svc.Labels)
	if labels == nil {
		labels = map[string]string{}
	}
	labels[api.LabelServiceName] = svc.Name
	labels[api.LabelManagedBy] = api.ManagedByValue
	s := &api.EndpointSlice{
		TypeMeta: api.TypeMeta{APIVersion: "discovery.k8s.io/v1", Kind: api.KindEndpointSlice},
		ObjectMeta: api.ObjectMeta{
			Namespace:       svc.Namespace,
			Labels:          labels,
			OwnerReferences: []api.OwnerReference{controller.NewControllerRef(svc)},
		},
		AddressType: "IPv4",
	}
	var pods []*api.Pod
	for _, o := range c.st.List(api.KindPod, svc.Namespace) {
		p := o.(*api.Pod)
		if p.Status.PodIP == "" || p.Status.Phase == api.PodSucceeded || p.Status.Phase == api.PodFailed || !matches(svc.Spec.Selector, p.Labels) {
			continue
		}
		pods = append(pods, p)
	}
	for _, sp := range svc.Spec.Ports {
		s.Ports = append(s.Ports, api.EndpointPort{Name: api.Ptr(sp.Name), Protocol: api.Ptr(sp.Protocol), Port: api.Ptr(targetPort(sp, pods))})
	}
	for _, p := range pods {
		ready := controller.IsPodReady(p)
		terminating := p.DeletionTimestamp != nil
		e := api.Endpoint{
			Addresses: []string{p.Status.PodIP},
			Conditions: api.EndpointConditions{
				Ready: api.Ptr(ready && !terminating), Serving: api.Ptr(ready), Terminating: api.Ptr(terminating),
			},
			TargetRef: &api.ObjectReference{Kind: api.KindPod, Namespace: p.Namespace, Name: p.Name, UID: p.UID},
		}
		if p.Spec.NodeName != "" {
			e.NodeName = api.Ptr(p.Spec.NodeName)
		}
		s.Endpoints = append(s.Endpoints, e)
	}
	slices.SortFunc(s.Endpoints, func(a, b api.Endpoint) int { return strings.Compare(a.TargetRef.Name, b.TargetRef.Name) })
	return s
}

// targetPort resolves a Service port's targetPort: a number as is, a name through the first
// pod's container port of that name.
func targetPort(sp api.ServicePort, pods []*api.Pod) int32 {
	if !sp.TargetPort.IsString {
		return sp.TargetPort.IntVal
	}
	for _, p := range pods {
		for _, ct := range p.Spec.Containers {
			for _, cp := range ct.Ports {
				if cp.Name == sp.TargetPort.StrVal {
					return cp.ContainerPort
				}
			}
		}
	}
	return 0
}
