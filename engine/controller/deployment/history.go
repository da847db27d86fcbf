package deployment

import (
	"sort"

	"rolloutlab/engine/api"
)

// cleanupDeployment deletes the oldest revisions beyond revisionHistoryLimit; a ReplicaSet that
// still has replicas (or whose spec is unobserved) is skipped, not replaced by a newer one. A
// delete that fails stops the cleanup with its error (one already gone is fine).
func (c *Controller) cleanupDeployment(old []*api.ReplicaSet, d *api.Deployment) error {
	if !hasRevisionHistoryLimit(d) {
		return nil
	}
	var alive []*api.ReplicaSet
	for _, rs := range old {
		if rs != nil && rs.DeletionTimestamp == nil {
			alive = append(alive, rs)
		}
	}
	diff := int32(len(alive)) - *d.Spec.RevisionHistoryLimit
	if diff <= 0 {
		return nil
	}
	sort.SliceStable(alive, func(i, j int) bool {
		ri, rj := revisionOrZero(alive[i]), revisionOrZero(alive[j])
		if ri != rj {
			return ri < rj
		}
		return olderFirst(alive[i], alive[j])
	})
	for _, rs := range alive[:diff] {
		if rs.Status.Replicas != 0 || rsReplicas(rs) != 0 || rs.Generation > rs.Status.ObservedGeneration || rs.DeletionTimestamp != nil {
			continue
		}
		if _, err := c.st.Delete(api.KindReplicaSet, rs.Namespace, rs.Name, 0); err != nil && !api.IsNotFound(err) {
			return err
		}
	}
	return nil
}
