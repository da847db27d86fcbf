package kubelet

import (
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
)

// Failure controls a teacher uses: images that cannot be pulled or pull slowly, and nodes whose
// kubelet stops. They act through the same machinery as a real cluster, with the same events.

// ImageMode changes how an image pulls.
type ImageMode string

// Image modes.
const (
	ImageNormal  ImageMode = ""
	ImageMissing ImageMode = "missing" // the registry answers NotFound
	ImageSlow    ImageMode = "slow"    // the pull takes SlowPull
)

// SlowPull is how long a slow image takes to pull.
const SlowPull = 30 * time.Second

// Node lifecycle timing (kube-controller-manager defaults).
const (
	nodeMonitorGracePeriod = 40 * time.Second  // node-monitor-grace-period
	defaultTolerationTime  = 300 * time.Second // the not-ready/unreachable tolerations pods get
	// How soon a write the API server refused is tried again: the node controller's next pass
	// (node-monitor-period) and the kubelet's next node status post.
	nodeMonitorPeriod         = 5 * time.Second
	nodeStatusUpdateFrequency = 10 * time.Second
)

// SetImageMode makes an image missing, slow or normal again, for pulls that start later.
func (k *Kubelet) SetImageMode(image string, mode ImageMode) {
	if k.imageModes == nil {
		k.imageModes = map[string]ImageMode{}
	}
	if mode == ImageNormal {
		delete(k.imageModes, Normalize(image))
		return
	}
	k.imageModes[Normalize(image)] = mode
}

// ImageModes lists the images with a changed mode.
func (k *Kubelet) ImageModes() map[string]ImageMode {
	out := map[string]ImageMode{}
	for i, m := range k.imageModes {
		out[i] = m
	}
	return out
}

// imageExists applies the modes to the catalog.
func (k *Kubelet) imageExists(image string) (Image, bool, time.Duration) {
	img, known := k.lookup(image)
	switch k.imageModes[img.Ref] {
	case ImageMissing:
		return img, false, 0
	case ImageSlow:
		return img, known, SlowPull
	}
	return img, known, 0
}

// NodeDown reports whether a node's kubelet is stopped.
func (k *Kubelet) NodeDown(name string) bool { return k.down[name] != nil }

// SetNodeDown stops (down) or restarts a node's kubelet. Stopped, it reports nothing: after the
// node monitor grace period (40 s) the node turns NotReady (Unknown), its pods are marked not
// ready and the node is tainted unreachable; 300 s later (the pods' default toleration) they are
// evicted, and stay Terminating while no kubelet confirms they stopped. The ReplicaSets replace
// them on the other nodes.
func (k *Kubelet) SetNodeDown(name string, down bool) error {
	o := k.st.Get(api.KindNode, "", name)
	if o == nil {
		return api.NewNotFound("nodes", name)
	}
	if k.down == nil {
		k.down = map[string][]*clock.Task{}
	}
	if down == k.NodeDown(name) {
		return nil
	}
	if down {
		for _, st := range k.podsOn(name) {
			st.cancelTimers(k.st.Clock())
		}
		notReady := k.st.Clock().After(nodeMonitorGracePeriod, "node-controller marks %s NotReady", func() { k.nodeLost(name) }, name)
		k.down[name] = []*clock.Task{notReady}
		return nil
	}
	for _, t := range k.down[name] {
		k.st.Clock().Cancel(t)
	}
	delete(k.down, name)
	k.nodeBack(name)
	return nil
}

func (k *Kubelet) node(name string) *api.Node {
	if o := k.st.Get(api.KindNode, "", name); o != nil {
		return o.(*api.Node)
	}
	return nil
}

func setNodeReady(n *api.Node, status, reason, msg string, now api.Time) {
	for i := range n.Status.Conditions {
		c := &n.Status.Conditions[i]
		if c.Type != "Ready" {
			continue
		}
		if c.Status != status {
			c.LastTransitionTime = now
		}
		c.Status, c.Reason, c.Message, c.LastHeartbeatTime = status, reason, msg, now
	}
}

var unreachableTaints = []api.Taint{
	{Key: "node.kubernetes.io/unreachable", Effect: "NoSchedule"},
	{Key: "node.kubernetes.io/unreachable", Effect: "NoExecute"},
}

// nodeLost: the node controller heard nothing for the grace period.
func (k *Kubelet) nodeLost(name string) {
	n := k.node(name)
	if n == nil {
		return
	}
	cp := n.DeepCopy()
	now := k.stamp()
	setNodeReady(cp, api.ConditionUnknown, "NodeStatusUnknown", "Kubelet stopped posting node status.", now)
	cp.Spec.Taints = append(append([]api.Taint(nil), cp.Spec.Taints...), unreachableTaints...)
	if err := k.st.Update(cp); err != nil {
		again := k.st.Clock().After(nodeMonitorPeriod, "node-controller marks %s NotReady", func() { k.nodeLost(name) }, name)
		k.down[name] = append(k.down[name], again)
		return
	}
	k.rec.nodeController.Eventf(cp, api.EventNormal, "NodeNotReady", "Node %s status is now: NodeNotReady", name)
	k.st.Clock().Note("node.notReady", name)
	for _, st := range k.podsOn(name) {
		p := k.object(st)
		if p == nil || p.DeletionTimestamp != nil {
			continue
		}
		c := p.CopyForStatus()
		c.Status.OwnConditions()
		c.Status.Conditions = mergeConditions(c.Status.Conditions, api.PodCondition{Type: api.PodReady, Status: api.ConditionFalse, LastTransitionTime: now})
		k.write(st, c)
		k.rec.nodeController.Eventf(c, api.EventWarning, "NodeNotReady", "Node is not ready")
	}
	evict := k.st.Clock().After(defaultTolerationTime, "taint-eviction-controller evicts pods from %s", func() { k.evict(name) }, name)
	k.down[name] = append(k.down[name], evict)
}

// evict deletes the pods of an unreachable node once their toleration has run out; if a delete
// fails, the pods left are tried again on the controller's next pass.
func (k *Kubelet) evict(name string) {
	failed := false
	for _, o := range k.st.List(api.KindPod, "") {
		p := o.(*api.Pod)
		if p.Spec.NodeName != name || p.DeletionTimestamp != nil {
			continue
		}
		k.rec.taintEviction.Eventf(p, api.EventNormal, "TaintManagerEviction", "Marking for deletion Pod %s/%s", p.Namespace, p.Name)
		k.st.Clock().Note("node.evict", p.Name, name)
		if _, err := k.st.Delete(api.KindPod, p.Namespace, p.Name, -1); err != nil && !api.IsNotFound(err) {
			failed = true
		}
	}
	if failed {
		again := k.st.Clock().After(nodeMonitorPeriod, "taint-eviction-controller evicts pods from %s", func() { k.evict(name) }, name)
		k.down[name] = append(k.down[name], again)
	}
}

// nodeBack: the kubelet posts status again; pods it was stopping are removed, running ones
// report ready again.
func (k *Kubelet) nodeBack(name string) {
	k.postReady(name)
	k.st.Clock().Note("node.ready", name)
	for _, st := range k.podsOn(name) {
		p := k.object(st)
		if p == nil {
			continue
		}
		if p.DeletionTimestamp != nil {
			k.stop(st, p)
			continue
		}
		k.st.Clock().Cancel(st.start) // a resync starts a pod that never started
		st.start = k.st.Clock().AfterCall(0, "kubelet resyncs Pod %s", k.calls.resync, st, p.Name)
	}
}

// postReady reports the node Ready and no longer unreachable; a refused post is made again at
// the kubelet's next node status update, unless the kubelet has stopped again.
func (k *Kubelet) postReady(name string) {
	n := k.node(name)
	if n == nil || k.NodeDown(name) {
		return
	}
	cp := n.DeepCopy()
	wasLost := false
	var taints []api.Taint
	for _, t := range cp.Spec.Taints {
		if t.Key == "node.kubernetes.io/unreachable" {
			wasLost = true
			continue
		}
		taints = append(taints, t)
	}
	cp.Spec.Taints = taints
	setNodeReady(cp, api.ConditionTrue, "KubeletReady", "kubelet is posting ready status", k.stamp())
	if err := k.st.Update(cp); err != nil {
		k.st.Clock().After(nodeStatusUpdateFrequency, "kubelet posts the status of %s", func() { k.postReady(name) }, name)
		return
	}
	if wasLost {
		k.rec.nodeController.Eventf(cp, api.EventNormal, "NodeReady", "Node %s status is now: NodeReady", name)
	}
}

// podsOn returns the state of the pods the kubelet runs on a node, in name order.
func (k *Kubelet) podsOn(node string) []*podState {
	var on []*podState
	for _, o := range k.st.List(api.KindPod, "") {
		m := o.Meta()
		if st, ok := k.st.Slot(api.KindPod, m.Namespace, m.Name).Agent().(*podState); ok && st.node == node {
			on = append(on, st)
		}
	}
	return on
}

// resync brings a pod's status up to date after its node came back.
func (k *Kubelet) resync(st *podState) {
	p := k.pod(st)
	if p == nil {
		return
	}
	if p.Status.Phase == api.PodRunning {
		c := p.CopyForStatus()
		c.Status.OwnConditions()
		c.Status.Conditions = mergeConditions(c.Status.Conditions, api.PodCondition{Type: api.PodReady, Status: api.ConditionTrue, LastTransitionTime: k.stamp()})
		k.write(st, c)
		return
	}
	// It never started: start over.
	k.start(st)
}
