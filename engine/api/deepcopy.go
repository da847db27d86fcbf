package api

// Objects in the store are shared and must not be changed in place: callers copy with these
// functions, change the copy and write it back. Free-form values (map[string]any fields) and the
// inner slices of containers are treated as immutable and shared between copies; code that
// changes a container replaces the Container value in a copied slice.

func copyMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func copyTime(t *Time) *Time {
	if t == nil {
		return nil
	}
	c := *t
	return &c
}

func copyPtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

// DeepCopy returns an independent copy of the metadata.
func (m ObjectMeta) DeepCopy() ObjectMeta {
	c := m
	c.DeletionTimestamp = copyTime(m.DeletionTimestamp)
	c.DeletionGracePeriodSeconds = copyPtr(m.DeletionGracePeriodSeconds)
	c.Labels = copyMap(m.Labels)
	c.Annotations = copyMap(m.Annotations)
	if m.OwnerReferences != nil {
		c.OwnerReferences = make([]OwnerReference, len(m.OwnerReferences))
		for i, r := range m.OwnerReferences {
			r.Controller = copyPtr(r.Controller)
			r.BlockOwnerDeletion = copyPtr(r.BlockOwnerDeletion)
			c.OwnerReferences[i] = r
		}
	}
	if m.MetaUnused != nil {
		u := *m.MetaUnused
		u.Finalizers = append([]string(nil), u.Finalizers...)
		c.MetaUnused = &u
	}
	return c
}

// DeepCopy returns a copy of the pod spec whose container slices may be changed.
func (s PodSpec) DeepCopy() PodSpec {
	c := s
	c.Containers = append([]Container(nil), s.Containers...)
	c.InitContainers = append([]Container(nil), s.InitContainers...)
	c.NodeSelector = copyMap(s.NodeSelector)
	c.TerminationGracePeriodSeconds = copyPtr(s.TerminationGracePeriodSeconds)
	c.ActiveDeadlineSeconds = copyPtr(s.ActiveDeadlineSeconds)
	c.Tolerations = append([]Toleration(nil), s.Tolerations...)
	c.Volumes = append([]Volume(nil), s.Volumes...)
	return c
}

// DeepCopy returns an independent copy of the template.
func (t PodTemplateSpec) DeepCopy() PodTemplateSpec {
	return PodTemplateSpec{ObjectMeta: t.ObjectMeta.DeepCopy(), Spec: t.Spec.DeepCopy()}
}

// DeepCopy returns an independent copy of the selector.
func (s *LabelSelector) DeepCopy() *LabelSelector {
	if s == nil {
		return nil
	}
	c := &LabelSelector{MatchLabels: copyMap(s.MatchLabels)}
	for _, r := range s.MatchExpressions {
		r.Values = append([]string(nil), r.Values...)
		c.MatchExpressions = append(c.MatchExpressions, r)
	}
	return c
}

// DeepCopy returns an independent copy of the Deployment.
func (d *Deployment) DeepCopy() *Deployment {
	c := *d
	c.ObjectMeta = d.ObjectMeta.DeepCopy()
	c.Spec.Replicas = copyPtr(d.Spec.Replicas)
	c.Spec.Selector = d.Spec.Selector.DeepCopy()
	c.Spec.Template = d.Spec.Template.DeepCopy()
	c.Spec.RevisionHistoryLimit = copyPtr(d.Spec.RevisionHistoryLimit)
	c.Spec.ProgressDeadlineSeconds = copyPtr(d.Spec.ProgressDeadlineSeconds)
	if ru := d.Spec.Strategy.RollingUpdate; ru != nil {
		c.Spec.Strategy.RollingUpdate = &RollingUpdateDeployment{MaxUnavailable: copyPtr(ru.MaxUnavailable), MaxSurge: copyPtr(ru.MaxSurge)}
	}
	c.Status.TerminatingReplicas = copyPtr(d.Status.TerminatingReplicas)
	c.Status.CollisionCount = copyPtr(d.Status.CollisionCount)
	c.Status.Conditions = append([]DeploymentCondition(nil), d.Status.Conditions...)
	return &c
}

// DeepCopy returns an independent copy of the ReplicaSet.
func (r *ReplicaSet) DeepCopy() *ReplicaSet {
	c := *r
	c.ObjectMeta = r.ObjectMeta.DeepCopy()
	c.Spec.Replicas = copyPtr(r.Spec.Replicas)
	c.Spec.Selector = r.Spec.Selector.DeepCopy()
	c.Spec.Template = r.Spec.Template.DeepCopy()
	c.Status.TerminatingReplicas = copyPtr(r.Status.TerminatingReplicas)
	c.Status.Conditions = append([]ReplicaSetCondition(nil), r.Status.Conditions...)
	return &c
}

// CopyForScale returns a copy for a change of size and annotations: its metadata and
// replicas are its own, its selector, template and status are r's (nothing ever changes what a
// pointer of a stored object points to). The pods the ReplicaSet makes keep sharing the
// template's labels, which spares comparing their entries.
func (r *ReplicaSet) CopyForScale() *ReplicaSet {
	c := *r
	c.ObjectMeta = r.ObjectMeta.DeepCopy()
	c.Spec.Replicas = copyPtr(r.Spec.Replicas)
	return &c
}

// DeepCopy returns an independent copy of the Pod.
func (p *Pod) DeepCopy() *Pod {
	c := *p
	c.ObjectMeta = p.ObjectMeta.DeepCopy()
	if p.Spec != nil {
		spec := p.Spec.DeepCopy()
		c.Spec = &spec
	}
	c.Status.Conditions = append([]PodCondition(nil), p.Status.Conditions...)
	c.Status.PodIPs = append([]PodIP(nil), p.Status.PodIPs...)
	c.Status.HostIPs = append([]PodIP(nil), p.Status.HostIPs...)
	c.Status.StartTime = copyTime(p.Status.StartTime)
	c.Status.ContainerStatuses = copyContainerStatuses(p.Status.ContainerStatuses)
	if u := p.Status.PodStatusUnused; u != nil {
		cu := *u
		cu.InitContainerStatuses = copyContainerStatuses(u.InitContainerStatuses)
		c.Status.PodStatusUnused = &cu
	}
	return &c
}

func copyContainerStatuses(in []ContainerStatus) []ContainerStatus {
	if in == nil {
		return nil
	}
	out := make([]ContainerStatus, len(in))
	for i, s := range in {
		s.State = s.State.deepCopy()
		s.LastTerminationState = s.LastTerminationState.deepCopy()
		s.Started = copyPtr(s.Started)
		out[i] = s
	}
	return out
}

func (s ContainerState) deepCopy() ContainerState {
	return ContainerState{Waiting: copyPtr(s.Waiting), Running: copyPtr(s.Running), Terminated: copyPtr(s.Terminated)}
}

// DeepCopy returns an independent copy of the Node.
func (n *Node) DeepCopy() *Node {
	c := *n
	c.ObjectMeta = n.ObjectMeta.DeepCopy()
	c.Spec.Taints = append([]Taint(nil), n.Spec.Taints...)
	c.Status.Conditions = append([]NodeCondition(nil), n.Status.Conditions...)
	c.Status.Addresses = append([]NodeAddress(nil), n.Status.Addresses...)
	return &c
}

// DeepCopy returns an independent copy of the Event.
func (e *Event) DeepCopy() *Event {
	c := *e
	c.ObjectMeta = e.ObjectMeta.DeepCopy()
	return &c
}

// CopyForStatus returns a copy for a status write. It is shallow: fields of the copy can be set,
// but its slices, maps, pointers and spec are p's, so a writer owns (OwnConditions,
// OwnContainerStatuses) the lists it changes in place. Nothing ever changes what a pointer
// of a stored object points to.
func (p *Pod) CopyForStatus() *Pod {
	c := *p
	return &c
}

// OwnConditions gives s its own conditions, with room for one more.
func (s *PodStatus) OwnConditions() {
	s.Conditions = append(make([]PodCondition, 0, len(s.Conditions)+1), s.Conditions...)
}

// OwnContainerStatuses gives s its own container statuses (their states are replaced, never
// changed, so the pointers in them may stay shared).
func (s *PodStatus) OwnContainerStatuses() {
	s.ContainerStatuses = append([]ContainerStatus(nil), s.ContainerStatuses...)
}
