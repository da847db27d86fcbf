// Package cluster wires the simulated control plane together: the store on a virtual clock,
// the event recorder, the Deployment and ReplicaSet controllers, the garbage collector, the
// scheduler and the kubelets of three nodes.
package cluster

import (
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/controller/deployment"
	"rolloutlab/engine/controller/endpointslice"
	"rolloutlab/engine/controller/gc"
	"rolloutlab/engine/controller/replicaset"
	"rolloutlab/engine/events"
	"rolloutlab/engine/kubelet"
	"rolloutlab/engine/store"
)

// Options configure a new cluster.
type Options struct {
	// Seed drives every random choice (pod name suffixes, UIDs): same seed, same run.
	Seed uint64
	// Nodes is the number of nodes (default 3).
	Nodes int
	// Timing is the node-side timing (default kubelet.StandIn).
	Timing *kubelet.Timing
	// Start is the instant the clock starts at (default clock.Epoch).
	Start time.Time
}

// Cluster is one simulated cluster.
type Cluster struct {
	Clock    *clock.Clock
	Store    *store.Store
	Recorder *events.Broadcaster // the event broadcaster every component records into
	Kubelet  *kubelet.Kubelet
}

// New builds a cluster with Ready nodes and running controllers.
func New(o Options) *Cluster {
	if o.Nodes == 0 {
		o.Nodes = 3
	}
	timing := kubelet.StandIn
	if o.Timing != nil {
		timing = *o.Timing
	}
	if o.Start.IsZero() {
		o.Start = clock.Epoch
	}
	clk := clock.New(o.Start)
	st := store.New(clk, o.Seed)
	rec := events.NewBroadcaster(st)
	c := &Cluster{Clock: clk, Store: st, Recorder: rec}
	admitPods(st)
	deployment.New(st, rec)
	replicaset.New(st, rec)
	gc.New(st)
	endpointslice.New(st)
	kubelet.NewScheduler(st, rec)
	c.Kubelet = kubelet.New(st, rec, timing)
	if err := kubelet.CreateNodes(st, o.Nodes); err != nil {
		panic(err) // a fresh store cannot refuse them
	}
	return c
}

// Now is the cluster's virtual time.
func (c *Cluster) Now() time.Time { return c.Clock.Now() }

// Deployment returns the named Deployment or nil.
func (c *Cluster) Deployment(ns, name string) *api.Deployment {
	if o := c.Store.Get(api.KindDeployment, ns, name); o != nil {
		return o.(*api.Deployment)
	}
	return nil
}

// ReplicaSetsOf returns the ReplicaSets a Deployment controls, oldest first.
func (c *Cluster) ReplicaSetsOf(d *api.Deployment) []*api.ReplicaSet {
	var out []*api.ReplicaSet
	for _, o := range c.Store.Dependents(d.UID) {
		if rs, ok := o.(*api.ReplicaSet); ok {
			if ref := rs.ControllerRef(); ref != nil && ref.UID == d.UID {
				out = append(out, rs)
			}
		}
	}
	sortReplicaSets(out)
	return out
}

// PodsOf returns the pods a ReplicaSet controls, by name.
func (c *Cluster) PodsOf(rs *api.ReplicaSet) []*api.Pod {
	var out []*api.Pod
	for _, o := range c.Store.Dependents(rs.UID) {
		if p, ok := o.(*api.Pod); ok {
			out = append(out, p)
		}
	}
	return out
}

// Rollout completion as the scenario format defines it: spec observed, every replica updated
// and available, none unavailable, nothing terminating.
func RolloutComplete(d *api.Deployment) bool {
	s := d.Status
	want := api.Int32(d.Spec.Replicas, 1)
	return s.ObservedGeneration >= d.Generation && s.UpdatedReplicas == want && s.Replicas == want &&
		s.AvailableReplicas == want && s.UnavailableReplicas == 0 && api.Int32(s.TerminatingReplicas, 0) == 0
}
