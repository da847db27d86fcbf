package replicaset

import (
	"maps"
	"reflect"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller"
	"rolloutlab/engine/store"
)

// A ReplicaSet's status counts its pods. Rescanning every pod on every pass costs O(pods) per
// pass and O(pods²) per rollout, so the controller keeps the counts up to date from the pod
// watch events instead, and rescans only when the counts cannot be trusted: a new
// ReplicaSet, a changed template, selector or minReadySeconds, or a pod whose labels changed
// (it may have to be released). The result is the same as the rescan, which the tests check.

// counts are the numbers a ReplicaSet's status is made of.
type counts struct {
	active, labeled, ready, available, terminating int32
}

type tally struct {
	key controller.Key // of the ReplicaSet, which exists while its tally does
	counts
	nodes nodeCounts // active pods per node, for the deletion ranking
	valid bool
	// what the counts were made against
	labels          map[string]string
	minReadySeconds int32
}

// contribution is what one pod adds to its ReplicaSet's counts (availability without
// minReadySeconds: with it, counts are never trusted); labeled says whether the pod carries
// the template's labels.
func (t *tally) contribution(p *api.Pod, labeled bool) counts {
	var c counts
	switch {
	case controller.IsPodActive(p):
		c.active = 1
		if labeled {
			c.labeled = 1
		}
		if controller.IsPodReady(p) {
			c.ready, c.available = 1, 1
		}
	case controller.IsPodTerminating(p):
		c.terminating = 1
	}
	return c
}

func (c *counts) add(o counts, sign int32) {
	c.active += sign * o.active
	c.labeled += sign * o.labeled
	c.ready += sign * o.ready
	c.available += sign * o.available
	c.terminating += sign * o.terminating
}

// tallyFor returns the ReplicaSet's tally, creating an untrusted one.
func (c *Controller) tallyFor(rs *api.ReplicaSet) *tally {
	t := c.tallies[rs.UID]
	if t == nil {
		t = &tally{key: controller.KeyOf(&rs.ObjectMeta)}
		c.tallies[rs.UID] = t
	}
	if !maps.Equal(t.labels, rs.Spec.Template.Labels) || t.minReadySeconds != rs.Spec.MinReadySeconds {
		t.valid = false
	}
	return t
}

// replicaSetChanged distrusts the counts when what they depend on changed.
func (c *Controller) replicaSetChanged(old, rs *api.ReplicaSet) {
	if t := c.tallies[rs.UID]; t != nil && (old == nil || !reflect.DeepEqual(old.Spec.Selector, rs.Spec.Selector)) {
		t.valid = false
	}
}

// podCounted keeps the owner's counts in step with one pod event.
func (c *Controller) podCounted(old, p *api.Pod) {
	var oldT, newT *tally
	if old != nil {
		oldT = c.trustedTally(old)
	}
	if p != nil {
		if old != nil && sameOwner(old, p) {
			newT = oldT
		} else {
			newT = c.trustedTally(p)
		}
	}
	// A status write keeps the labels, so whether they match the template is worked out once.
	sameLabels := old != nil && p != nil && store.EqualMaps(old.Labels, p.Labels)
	var labeled bool
	oldActive, newActive := oldT != nil && controller.IsPodActive(old), newT != nil && controller.IsPodActive(p)
	// Spec sharing: a status write (CopyForStatus) keeps the stored spec pointer, and every
	// change of the spec (binding) writes a new one, so the same pointer means the same node.
	// A writer that changed a stored spec in place would leave the node counts wrong; the
	// mutation detector catches it.
	sameNode := oldActive && newActive && oldT == newT && old.Spec == p.Spec
	if oldT != nil {
		labeled = matchesAll(oldT.labels, old.Labels)
		oldT.counts.add(oldT.contribution(old, labeled), -1)
		if oldActive && !sameNode {
			oldT.nodes[old.Spec.NodeName]--
		}
	}
	if newT != nil {
		if newT != oldT || !sameLabels {
			labeled = matchesAll(newT.labels, p.Labels)
		}
		newT.counts.add(newT.contribution(p, labeled), 1)
		if newActive && !sameNode {
			newT.nodes[p.Spec.NodeName]++
		}
		// A relabelled pod may no longer match the selector: rescan to release it.
		if old != nil && !sameLabels {
			newT.valid = false
		}
	}
}

// sameOwner reports two versions of a pod with the same controller.
func sameOwner(a, b *api.Pod) bool {
	ra, rb := a.ControllerRef(), b.ControllerRef()
	return ra != nil && rb != nil && ra.UID == rb.UID
}

// tallyOf returns the ReplicaSet's tally, if it has one.
func (c *Controller) tallyOf(uid string) *tally { return c.tallies[uid] }

// forgetTally drops a deleted ReplicaSet's tally.
func (c *Controller) forgetTally(uid string) { delete(c.tallies, uid) }

// trustedTally is the tally of the pod's owner when its counts can be kept in step.
func (c *Controller) trustedTally(p *api.Pod) *tally {
	if ref := p.ControllerRef(); ref != nil {
		if t := c.tallyOf(ref.UID); t != nil && t.valid {
			return t
		}
	}
	return nil
}

// recount makes the tally exact from the claimed pods.
func (t *tally) recount(rs *api.ReplicaSet, active, terminating []*api.Pod) {
	t.labels = rs.Spec.Template.Labels
	t.minReadySeconds = rs.Spec.MinReadySeconds
	t.counts = counts{}
	for _, p := range active {
		t.counts.add(t.contribution(p, matchesAll(t.labels, p.Labels)), 1)
	}
	t.nodes = activePerNode(active)
	t.terminating = int32(len(terminating))
	t.valid = rs.Spec.MinReadySeconds == 0
}
