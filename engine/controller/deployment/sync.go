package deployment

import (
	"reflect"
	"sort"
	"strconv"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller"
)

// newAndOld splits the owned ReplicaSets into the one whose template equals the Deployment's
// (oldest first if several) and all the others.
func newAndOld(d *api.Deployment, rsList []*api.ReplicaSet) (*api.ReplicaSet, []*api.ReplicaSet) {
	sorted := append([]*api.ReplicaSet(nil), rsList...)
	sortByCreation(sorted)
	var newRS *api.ReplicaSet
	var old []*api.ReplicaSet
	for _, rs := range sorted {
		if newRS == nil && EqualIgnoreHash(&rs.Spec.Template, &d.Spec.Template) {
			newRS = rs
			continue
		}
		old = append(old, rs)
	}
	return newRS, old
}

// replicaSetsAndSyncRevision returns the new and old ReplicaSets, bringing the new one's
// revision and annotations up to date, or creating it when create is set.
func (c *Controller) replicaSetsAndSyncRevision(d *api.Deployment, rsList []*api.ReplicaSet, create bool) (*api.Deployment, *api.ReplicaSet, []*api.ReplicaSet) {
	existing, old := newAndOld(d, rsList)
	d, newRS := c.newReplicaSet(d, existing, old, create)
	return d, newRS, old
}

func (c *Controller) newReplicaSet(d *api.Deployment, existing *api.ReplicaSet, old []*api.ReplicaSet, create bool) (*api.Deployment, *api.ReplicaSet) {
	newRevision := strconv.FormatInt(maxRevision(old)+1, 10)
	if existing != nil {
		cp := existing.DeepCopy()
		annChanged := setNewReplicaSetAnnotations(d, cp, newRevision, true, maxRevHistoryLengthInChars)
		if annChanged || cp.Spec.MinReadySeconds != d.Spec.MinReadySeconds {
			cp.Spec.MinReadySeconds = d.Spec.MinReadySeconds
			if err := c.st.Update(cp); err != nil {
				return d, existing
			}
			return d, cp
		}
		needs := setDeploymentRevision(d, cp.Annotations[api.RevisionAnnotation])
		if hasProgressDeadline(d) && getCondition(&d.Status, api.DeploymentProgressing) == nil {
			setCondition(&d.Status, newCondition(api.DeploymentProgressing, api.ConditionTrue, ReasonFoundNewRS, "Found new replica set \""+cp.Name+"\"", c.now()))
			needs = true
		}
		if needs {
			d = c.writeStatus(d)
		}
		return d, existing
	}
	if !create {
		return d, nil
	}
	hash := ComputeHash(&d.Spec.Template, d.Status.CollisionCount)
	tmpl := d.Spec.Template.DeepCopy()
	if tmpl.Labels == nil {
		tmpl.Labels = map[string]string{}
	}
	tmpl.Labels[api.PodTemplateHashLabel] = hash
	sel := d.Spec.Selector.DeepCopy()
	if sel.MatchLabels == nil {
		sel.MatchLabels = map[string]string{}
	}
	sel.MatchLabels[api.PodTemplateHashLabel] = hash
	rs := &api.ReplicaSet{
		TypeMeta: api.TypeMeta{APIVersion: "apps/v1", Kind: api.KindReplicaSet},
		ObjectMeta: api.ObjectMeta{
			Name:            rsName(d.Name, hash),
			Namespace:       d.Namespace,
			Labels:          copyLabels(tmpl.Labels),
			OwnerReferences: []api.OwnerReference{controller.NewControllerRef(d)},
		},
		Spec: api.ReplicaSetSpec{Replicas: api.Ptr(int32(0)), MinReadySeconds: d.Spec.MinReadySeconds, Selector: sel, Template: tmpl},
	}
	size, err := NewRSNewReplicas(d, append(append([]*api.ReplicaSet(nil), old...), rs), rs)
	if err != nil {
		// Upstream the pass fails before the ReplicaSet is created; its retries fail alike, so
		// nothing changes (no ReplicaSet, no status) until the Deployment does.
		return d, nil
	}
	rs.Spec.Replicas = api.Ptr(size)
	setNewReplicaSetAnnotations(d, rs, newRevision, false, maxRevHistoryLengthInChars)
	err = c.st.Create(rs)
	alreadyExisted := false
	if err != nil {
		if !api.IsAlreadyExists(err) {
			msg := "Failed to create new replica set \"" + rs.Name + "\": " + err.Error()
			if hasProgressDeadline(d) {
				setCondition(&d.Status, newCondition(api.DeploymentProgressing, api.ConditionFalse, ReasonRSCreateError, msg, c.now()))
				d = c.writeStatus(d)
			}
			c.event(d, api.EventWarning, ReasonRSCreateError, "%s", msg)
			return d, nil
		}
		// The name is taken: ours with an equal template counts as found; anything else is a
		// hash collision, resolved by hashing again with a higher collision count.
		other := c.st.Get(api.KindReplicaSet, rs.Namespace, rs.Name).(*api.ReplicaSet)
		if ref := other.ControllerRef(); ref != nil && ref.UID == d.UID && EqualIgnoreHash(&d.Spec.Template, &other.Spec.Template) {
			rs, alreadyExisted = other, true
		} else {
			n := api.Int32(d.Status.CollisionCount, 0) + 1
			d.Status.CollisionCount = &n
			return c.writeStatus(d), nil
		}
	}
	if !alreadyExisted {
		c.note("deployment.newRS", d.Name, rs.Name, newRevision, size)
	}
	if !alreadyExisted && size > 0 {
		c.event(d, api.EventNormal, ReasonScalingReplicaSet, "Scaled up replica set %s from 0 to %d", rs.Name, size)
	}
	needs := setDeploymentRevision(d, newRevision)
	if !alreadyExisted && hasProgressDeadline(d) {
		setCondition(&d.Status, newCondition(api.DeploymentProgressing, api.ConditionTrue, ReasonNewRSCreated, "Created new replica set \""+rs.Name+"\"", c.now()))
		needs = true
	}
	if needs {
		d = c.writeStatus(d)
	}
	return d, rs
}

func copyLabels(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from the spec.
// It syncs the revision on the way, as upstream, so the pass goes on with the Deployment it
// returns: the one passed in may now be the stored object, which nothing may change.
func (c *Controller) isScalingEvent(d *api.Deployment, rsList []*api.ReplicaSet) (*api.Deployment, bool) {
	d, newRS, old := c.replicaSetsAndSyncRevision(d, rsList, false)
	// The pass goes on with what this call wrote.
	for i, rs := range rsList {
		if o := c.st.Get(api.KindReplicaSet, rs.Namespace, rs.Name); o != nil && o.Meta().UID == rs.UID {
			rsList[i] = o.(*api.ReplicaSet)
		}
	}
	for _, rs := range filterActive(append(old, newRS)) {
		if desired, ok := intAnnotation(rs, api.DesiredReplicasAnnotation); ok && desired != replicas(d) {
			return d, true
		}
	}
	return d, false
}

// syncScale is the path for scaling events and paused Deployments: resize without rolling.
func (c *Controller) syncScale(d *api.Deployment, rsList []*api.ReplicaSet) {
	d, newRS, old := c.replicaSetsAndSyncRevision(d, rsList, false)
	newRS, old = c.scale(d, newRS, old)
	if d.Spec.Paused {
		if _, rollback := rollbackTo(d); !rollback {
			c.cleanupDeployment(old, d)
		}
	}
	c.syncDeploymentStatus(append(old, newRS), newRS, d)
}

// syncStatusOnly is what a Deployment being deleted gets.
func (c *Controller) syncStatusOnly(d *api.Deployment, rsList []*api.ReplicaSet) {
	d, newRS, old := c.replicaSetsAndSyncRevision(d, rsList, false)
	c.syncDeploymentStatus(append(old, newRS), newRS, d)
}

// scale resizes ReplicaSets after the Deployment's replicas changed: the one active (or latest)
// ReplicaSet takes the new size; otherwise the change is spread in proportion to each
// ReplicaSet's share, leftovers going to the first in the order.
func (c *Controller) scale(d *api.Deployment, newRS *api.ReplicaSet, old []*api.ReplicaSet) (*api.ReplicaSet, []*api.ReplicaSet) {
	replace := func(before, after *api.ReplicaSet) {
		if newRS == before {
			newRS = after
		}
		for i := range old {
			if old[i] == before {
				old[i] = after
			}
		}
	}
	if t := activeOrLatest(newRS, old); t != nil {
		if rsReplicas(t) != replicas(d) {
			c.note("scale.single", t.Name, rsReplicas(t), replicas(d), d.Name)
			_, after := c.scaleAndRecord(t, replicas(d), d)
			replace(t, after)
		}
		return newRS, old
	}
	if isSaturated(d, newRS) {
		for _, rs := range filterActive(old) {
			_, after := c.scaleAndRecord(rs, 0, d)
			replace(rs, after)
		}
		return newRS, old
	}
	if !isRollingUpdate(d) {
		return newRS, old
	}
	all := filterActive(append(append([]*api.ReplicaSet(nil), old...), newRS))
	allowed := int32(0)
	if replicas(d) > 0 {
		allowed = replicas(d) + MaxSurge(d)
	}
	toAdd := allowed - replicaCount(all)
	switch {
	case toAdd > 0:
		sort.SliceStable(all, func(i, j int) bool { // larger first, newer first on ties
			if rsReplicas(all[i]) != rsReplicas(all[j]) {
				return rsReplicas(all[i]) > rsReplicas(all[j])
			}
			return olderFirst(all[j], all[i])
		})
	case toAdd < 0:
		sort.SliceStable(all, func(i, j int) bool { // larger first, older first on ties
			if rsReplicas(all[i]) != rsReplicas(all[j]) {
				return rsReplicas(all[i]) > rsReplicas(all[j])
			}
			return olderFirst(all[i], all[j])
		})
	}
	sizes := make([]int32, len(all))
	added := int32(0)
	for i, rs := range all {
		sizes[i] = rsReplicas(rs)
		if toAdd != 0 {
			p := proportion(rs, d, toAdd, added)
			sizes[i] += p
			added += p
		}
	}
	for i, rs := range all {
		if i == 0 && toAdd != 0 {
			sizes[i] += toAdd - added
			if sizes[i] < 0 {
				sizes[i] = 0
			}
		}
		if sizes[i] != rsReplicas(rs) {
			c.note("scale.proportional", rs.Name, rsReplicas(rs), sizes[i], replicas(d), MaxSurge(d), toAdd)
		}
		_, after := c.scaleReplicaSet(rs, sizes[i], d)
		replace(rs, after)
	}
	return newRS, old
}

// activeOrLatest is the single ReplicaSet to resize when at most one is active.
func activeOrLatest(newRS *api.ReplicaSet, old []*api.ReplicaSet) *api.ReplicaSet {
	if newRS == nil && len(old) == 0 {
		return nil
	}
	newestFirst := append([]*api.ReplicaSet(nil), old...)
	sort.SliceStable(newestFirst, func(i, j int) bool { return olderFirst(newestFirst[j], newestFirst[i]) })
	active := filterActive(append(newestFirst, newRS))
	switch len(active) {
	case 0:
		if newRS != nil {
			return newRS
		}
		return newestFirst[0]
	case 1:
		return active[0]
	}
	return nil
}

// isSaturated: the new ReplicaSet has all the replicas, knows it, and all are available.
func isSaturated(d *api.Deployment, rs *api.ReplicaSet) bool {
	if rs == nil {
		return false
	}
	desired, ok := intAnnotation(rs, api.DesiredReplicasAnnotation)
	return ok && rsReplicas(rs) == replicas(d) && desired == replicas(d) && rs.Status.AvailableReplicas == replicas(d)
}

// proportion is how many replicas rs gains (or loses) of toAdd, given added so far.
func proportion(rs *api.ReplicaSet, d *api.Deployment, toAdd, added int32) int32 {
	if rs == nil || rsReplicas(rs) == 0 || toAdd == 0 || toAdd == added {
		return 0
	}
	f := fraction(rs, d)
	allowed := toAdd - added
	if toAdd > 0 {
		return min(f, allowed)
	}
	return max(f, allowed)
}

// fraction scales rs by the ratio of the new total (replicas+surge) to the total it was last
// sized for (its max-replicas annotation, else the Deployment's current pod count).
func fraction(rs *api.ReplicaSet, d *api.Deployment) int32 {
	if replicas(d) == 0 {
		return -rsReplicas(rs)
	}
	total := replicas(d) + MaxSurge(d)
	annotated, ok := intAnnotation(rs, api.MaxReplicasAnnotation)
	if !ok || annotated == 0 {
		annotated = d.Status.Replicas
	}
	if annotated == 0 {
		return 0
	}
	size := float64(rsReplicas(rs)) * float64(total) / float64(annotated)
	return roundHalfAway(size) - rsReplicas(rs)
}

func roundHalfAway(f float64) int32 {
	if f < 0 {
		return -int32(-f + 0.5)
	}
	return int32(f + 0.5)
}

// calculateStatus derives the Deployment's status from its ReplicaSets.
func (c *Controller) calculateStatus(all []*api.ReplicaSet, newRS *api.ReplicaSet, d *api.Deployment) api.DeploymentStatus {
	available := availableReplicaCount(all)
	unavailable := replicaCount(all) - available
	if unavailable < 0 {
		unavailable = 0
	}
	s := api.DeploymentStatus{
		ObservedGeneration:  d.Generation,
		Replicas:            actualReplicaCount(all),
		UpdatedReplicas:     actualReplicaCount([]*api.ReplicaSet{newRS}),
		ReadyReplicas:       readyReplicaCount(all),
		AvailableReplicas:   available,
		UnavailableReplicas: unavailable,
		CollisionCount:      d.Status.CollisionCount,
		TerminatingReplicas: terminatingReplicaCount(all),
		Conditions:          append([]api.DeploymentCondition(nil), d.Status.Conditions...),
	}
	if available >= replicas(d)-MaxUnavailable(d) {
		setCondition(&s, newCondition(api.DeploymentAvailable, api.ConditionTrue, ReasonMinimumAvailable, "Deployment has minimum availability.", c.now()))
	} else {
		setCondition(&s, newCondition(api.DeploymentAvailable, api.ConditionFalse, ReasonMinimumUnavailable, "Deployment does not have minimum availability.", c.now()))
	}
	return s
}

// syncDeploymentStatus writes the computed status when it changed (no Progressing update).
func (c *Controller) syncDeploymentStatus(all []*api.ReplicaSet, newRS *api.ReplicaSet, d *api.Deployment) {
	s := c.calculateStatus(all, newRS, d)
	if statusEqual(&d.Status, &s) {
		return
	}
	d.Status = s
	c.writeStatus(d)
}

func statusEqual(a, b *api.DeploymentStatus) bool {
	if len(a.Conditions) == 0 && len(b.Conditions) == 0 {
		ac, bc := *a, *b
		ac.Conditions, bc.Conditions = nil, nil
		return reflect.DeepEqual(ac, bc)
	}
	return reflect.DeepEqual(*a, *b)
}
