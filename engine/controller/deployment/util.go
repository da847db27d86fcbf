package deployment

import (
	"encoding/binary"
	"encoding/json"
	"hash/fnv"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/store"
)

// maxRevHistoryLengthInChars caps the revision-history annotation.
const maxRevHistoryLengthInChars = 2000

// Progressing condition reasons and the Available reasons.
const (
	ReasonNewRSCreated         = "NewReplicaSetCreated"
	ReasonFoundNewRS           = "FoundNewReplicaSet"
	ReasonRSUpdated            = "ReplicaSetUpdated"
	ReasonNewRSAvailable       = "NewReplicaSetAvailable"
	ReasonTimedOut             = "ProgressDeadlineExceeded"
	ReasonRSCreateError        = "ReplicaSetCreateError"
	ReasonPaused               = "DeploymentPaused"
	ReasonResumed              = "DeploymentResumed"
	ReasonMinimumAvailable     = "MinimumReplicasAvailable"
	ReasonMinimumUnavailable   = "MinimumReplicasUnavailable"
	ReasonRollbackNotFound     = "DeploymentRollbackRevisionNotFound"
	ReasonRollbackUnchanged    = "DeploymentRollbackTemplateUnchanged"
	ReasonRollbackDone         = "DeploymentRollback"
	ReasonSelectingAll         = "SelectingAll"
	ReasonScalingReplicaSet    = "ScalingReplicaSet"
	maxInt32                   = math.MaxInt32
	replicaFailureConditionRSs = api.DeploymentReplicaFailure
)

// ResolveFenceposts turns maxSurge and maxUnavailable into numbers for desired replicas:
// percentages round surge up and unavailability down; both 0 makes unavailability 1, since a
// rollout must be able to move (and surge may be refused by a quota). The two are resolved
// together because that last rule needs both. Worked examples, as upstream gives them:
//
//   - 2 desired, maxUnavailable 1%, maxSurge 0%: 0 and 0, so unavailability 1: the old
//     ReplicaSet goes down by 1, then the new one up by 1, twice.
//   - 1 desired, the same: old −1, then new +1.
//   - 2 desired, maxUnavailable 25%, maxSurge 1%: unavailability 0 (0.5 rounded down), surge 1
//     (0.02 rounded up): new +1, then old −1, twice.
//   - 2 desired, maxUnavailable 0%, maxSurge 1%: likewise new +1, then old −1, twice; with 1
//     desired, once.
func ResolveFenceposts(maxSurge, maxUnavailable *api.IntOrString, desired int32) (int32, int32, error) {
	surge, err := maxSurge.ScaledValue(int(desired), true)
	if err != nil {
		return 0, 0, err
	}
	unavailable, err := maxUnavailable.ScaledValue(int(desired), false)
	if err != nil {
		return 0, 0, err
	}
	if surge == 0 && unavailable == 0 {
		unavailable = 1
	}
	return int32(surge), int32(unavailable), nil
}

func isRollingUpdate(d *api.Deployment) bool {
	return d.Spec.Strategy.Type == api.RollingUpdateStrategy
}

func replicas(d *api.Deployment) int32 { return api.Int32(d.Spec.Replicas, 1) }

func rsReplicas(rs *api.ReplicaSet) int32 {
	if rs == nil {
		return 0
	}
	return api.Int32(rs.Spec.Replicas, 1)
}

func rollingParams(d *api.Deployment) (surge, unavail *api.IntOrString) {
	if ru := d.Spec.Strategy.RollingUpdate; ru != nil {
		return ru.MaxSurge, ru.MaxUnavailable
	}
	return nil, nil
}

// MaxUnavailable is how many pods may be unavailable during a rolling update (0 for Recreate or
// 0 replicas), never more than the replicas.
func MaxUnavailable(d *api.Deployment) int32 {
	if !isRollingUpdate(d) || replicas(d) == 0 {
		return 0
	}
	s, u := rollingParams(d)
	_, mu, _ := ResolveFenceposts(s, u, replicas(d))
	if mu > replicas(d) {
		return replicas(d)
	}
	return mu
}

// MaxSurge is how many pods may exist above the replicas during a rolling update.
func MaxSurge(d *api.Deployment) int32 {
	if !isRollingUpdate(d) {
		return 0
	}
	s, u := rollingParams(d)
	ms, _, _ := ResolveFenceposts(s, u, replicas(d))
	return ms
}

// MinAvailable is replicas minus MaxUnavailable.
func MinAvailable(d *api.Deployment) int32 {
	if !isRollingUpdate(d) {
		return 0
	}
	return replicas(d) - MaxUnavailable(d)
}

// NewRSNewReplicas is the size the new ReplicaSet may grow to now: up to replicas+maxSurge pods
// counted by spec across all ReplicaSets, never above replicas; Recreate jumps to replicas. A
// maxSurge percentage whose number overflows (validation accepts any digits) is an error, which
// fails the controller's pass as upstream. replicas+maxSurge is an int32 sum as upstream: a
// maxSurge near 2^31 wraps it negative, and the new ReplicaSet never grows.
func NewRSNewReplicas(d *api.Deployment, allRSs []*api.ReplicaSet, newRS *api.ReplicaSet) (int32, error) {
	if !isRollingUpdate(d) {
		return replicas(d), nil
	}
	s, _ := rollingParams(d)
	surge, err := s.ScaledValue(int(replicas(d)), true)
	if err != nil {
		return 0, err
	}
	current := replicaCount(allRSs)
	maxTotal := replicas(d) + int32(surge)
	if current >= maxTotal {
		return rsReplicas(newRS), nil
	}
	up := min(maxTotal-current, replicas(d)-rsReplicas(newRS))
	return rsReplicas(newRS) + up, nil
}

// replicaCount sums spec.replicas.
func replicaCount(rss []*api.ReplicaSet) int32 { return sum(rss, rsReplicas) }

// sum adds one number of every (non-nil) ReplicaSet.
func sum(rss []*api.ReplicaSet, f func(*api.ReplicaSet) int32) int32 {
	var n int32
	for _, rs := range rss {
		if rs != nil {
			n += f(rs)
		}
	}
	return n
}

func actualReplicaCount(rss []*api.ReplicaSet) int32 {
	return sum(rss, func(rs *api.ReplicaSet) int32 { return rs.Status.Replicas })
}

func readyReplicaCount(rss []*api.ReplicaSet) int32 {
	return sum(rss, func(rs *api.ReplicaSet) int32 { return rs.Status.ReadyReplicas })
}

func availableReplicaCount(rss []*api.ReplicaSet) int32 {
	return sum(rss, func(rs *api.ReplicaSet) int32 { return rs.Status.AvailableReplicas })
}

// terminatingReplicaCount sums terminating pods; a ReplicaSet that has been observed but
// reports none makes the total unknown (nil); one never observed counts 0.
func terminatingReplicaCount(rss []*api.ReplicaSet) *int32 {
	var n int32
	for _, rs := range rss {
		if rs == nil {
			continue
		}
		if rs.Status.TerminatingReplicas == nil {
			if rs.Status.ObservedGeneration > 0 {
				return nil
			}
			continue
		}
		n += *rs.Status.TerminatingReplicas
	}
	return &n
}

func filterActive(rss []*api.ReplicaSet) []*api.ReplicaSet {
	var out []*api.ReplicaSet
	for _, rs := range rss {
		if rs != nil && rsReplicas(rs) > 0 {
			out = append(out, rs)
		}
	}
	return out
}

// olderFirst orders ReplicaSets by creation time, then name.
func olderFirst(a, b *api.ReplicaSet) bool {
	if a.CreationTimestamp.Equal(b.CreationTimestamp.Time) {
		return a.Name < b.Name
	}
	return a.CreationTimestamp.Before(b.CreationTimestamp.Time)
}

func sortByCreation(rss []*api.ReplicaSet) {
	sort.SliceStable(rss, func(i, j int) bool { return olderFirst(rss[i], rss[j]) })
}

// Revision parses a ReplicaSet's revision annotation (missing → 0).
func Revision(o api.Object) (int64, error) {
	v, ok := o.Meta().Annotations[api.RevisionAnnotation]
	if !ok {
		return 0, nil
	}
	return strconv.ParseInt(v, 10, 64)
}

func revisionOrZero(rs *api.ReplicaSet) int64 {
	v, err := Revision(rs)
	if err != nil {
		return 0
	}
	return v
}

func maxRevision(rss []*api.ReplicaSet) int64 {
	var max int64
	for _, rs := range rss {
		if v, err := Revision(rs); err == nil && v > max {
			max = v
		}
	}
	return max
}

// lastRevision is the second-highest revision (what "undo" with no revision goes back to).
func lastRevision(rss []*api.ReplicaSet) int64 {
	var max, second int64
	for _, rs := range rss {
		v, err := Revision(rs)
		if err != nil {
			continue
		}
		if v >= max {
			second, max = max, v
		} else if v > second {
			second = v
		}
	}
	return second
}

func intAnnotation(rs *api.ReplicaSet, key string) (int32, bool) {
	v, ok := rs.Annotations[key]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return 0, false
	}
	return int32(n), true
}

// skipCopyAnnotation lists the Deployment annotations that are not copied onto its ReplicaSets.
func skipCopyAnnotation(k string) bool {
	switch k {
	case api.LastAppliedAnnotation, api.RevisionAnnotation, api.RevisionHistoryAnnotation,
		api.DesiredReplicasAnnotation, api.MaxReplicasAnnotation, api.RollbackToAnnotation:
		return true
	}
	return false
}

// copyDeploymentAnnotations adds or changes (never removes) the Deployment's copyable annotations
// on the ReplicaSet.
func copyDeploymentAnnotations(d *api.Deployment, rs *api.ReplicaSet) bool {
	changed := false
	if rs.Annotations == nil {
		rs.Annotations = map[string]string{}
	}
	for k, v := range d.Annotations {
		if skipCopyAnnotation(k) {
			continue
		}
		if cur, ok := rs.Annotations[k]; ok && cur == v {
			continue
		}
		rs.Annotations[k] = v
		changed = true
	}
	return changed
}

// setNewReplicaSetAnnotations copies the Deployment's annotations, raises the revision (keeping
// the former number in revision-history when an old ReplicaSet is reused) and, for a ReplicaSet
// about to be created, sets desired/max replicas.
func setNewReplicaSetAnnotations(d *api.Deployment, rs *api.ReplicaSet, newRevision string, exists bool, limit int) bool {
	changed := copyDeploymentAnnotations(d, rs)
	oldRevision, had := rs.Annotations[api.RevisionAnnotation]
	oldInt, err := strconv.ParseInt(oldRevision, 10, 64)
	if err != nil {
		if oldRevision != "" {
			return false
		}
		oldInt = 0
	}
	newInt, err := strconv.ParseInt(newRevision, 10, 64)
	if err != nil {
		return false
	}
	if oldInt < newInt {
		rs.Annotations[api.RevisionAnnotation] = newRevision
		changed = true
	}
	if had && oldInt < newInt {
		history := rs.Annotations[api.RevisionHistoryAnnotation]
		olds := strings.Split(history, ",")
		if len(olds[0]) == 0 {
			rs.Annotations[api.RevisionHistoryAnnotation] = oldRevision
		} else {
			total := len(history) + len(oldRevision) + 1
			start := 0
			for total > limit && start < len(olds) {
				total -= len(olds[start]) + 1
				start++
			}
			if total <= limit {
				rs.Annotations[api.RevisionHistoryAnnotation] = strings.Join(append(olds[start:], oldRevision), ",")
			}
		}
	}
	if !exists && setReplicasAnnotations(rs, replicas(d), replicas(d)+MaxSurge(d)) {
		changed = true
	}
	return changed
}

func replicasAnnotationsNeedUpdate(rs *api.ReplicaSet, desired, max int32) bool {
	return rs.Annotations[api.DesiredReplicasAnnotation] != strconv.Itoa(int(desired)) ||
		rs.Annotations[api.MaxReplicasAnnotation] != strconv.Itoa(int(max))
}

func setReplicasAnnotations(rs *api.ReplicaSet, desired, max int32) bool {
	if !replicasAnnotationsNeedUpdate(rs, desired, max) {
		return false
	}
	if rs.Annotations == nil {
		rs.Annotations = map[string]string{}
	}
	rs.Annotations[api.DesiredReplicasAnnotation] = strconv.Itoa(int(desired))
	rs.Annotations[api.MaxReplicasAnnotation] = strconv.Itoa(int(max))
	return true
}

func setDeploymentRevision(d *api.Deployment, revision string) bool {
	if d.Annotations[api.RevisionAnnotation] == revision {
		return false
	}
	if d.Annotations == nil {
		d.Annotations = map[string]string{}
	}
	d.Annotations[api.RevisionAnnotation] = revision
	return true
}

// templateKey is the canonical form of a pod template without its pod-template-hash label:
// two templates are the same revision when their keys are equal (nil and empty collections are
// the same, as apimachinery's semantic equality treats them).
func templateKey(t *api.PodTemplateSpec) string {
	c := *t
	if _, ok := t.Labels[api.PodTemplateHashLabel]; ok {
		c.Labels = make(map[string]string, len(t.Labels))
		for k, v := range t.Labels {
			if k != api.PodTemplateHashLabel {
				c.Labels[k] = v
			}
		}
	}
	b, err := json.Marshal(&c)
	if err != nil {
		return ""
	}
	return string(b)
}

// EqualIgnoreHash compares two templates ignoring the pod-template-hash label.
func EqualIgnoreHash(a, b *api.PodTemplateSpec) bool { return templateKey(a) == templateKey(b) }

// ComputeHash is the pod-template-hash: FNV-1a over the template's canonical form, then the
// collision count, printed in decimal and mapped onto the alphabet of generated names, which
// gives real hashes their look (only the characters 4-9, b, c, d, f; usually ten of them).
func ComputeHash(t *api.PodTemplateSpec, collisionCount *int32) string {
	h := fnv.New32a()
	h.Write([]byte(templateKey(t)))
	if collisionCount != nil {
		var b [8]byte
		binary.LittleEndian.PutUint32(b[:4], uint32(*collisionCount))
		h.Write(b[:])
	}
	digits := strconv.FormatUint(uint64(h.Sum32()), 10)
	out := make([]byte, len(digits))
	for i := 0; i < len(digits); i++ {
		out[i] = store.Alphabet[int(digits[i])%len(store.Alphabet)]
	}
	return string(out)
}

// rsName is the ReplicaSet name for a Deployment and hash, cut to fit 253 characters.
func rsName(deployment, hash string) string {
	if max := 253 - 1 - len(hash); len(deployment) > max {
		deployment = deployment[:max]
	}
	return deployment + "-" + hash
}

// Conditions.

func getCondition(s *api.DeploymentStatus, t string) *api.DeploymentCondition {
	for i := range s.Conditions {
		if s.Conditions[i].Type == t {
			return &s.Conditions[i]
		}
	}
	return nil
}

func newCondition(t, status, reason, msg string, now time.Time) api.DeploymentCondition {
	ts := api.Stamp(now)
	return api.DeploymentCondition{Type: t, Status: status, LastUpdateTime: ts, LastTransitionTime: ts, Reason: reason, Message: msg}
}

// setCondition changes nothing when status and reason are the same; otherwise the condition
// moves to the end of the list, keeping its transition time if only the reason changed.
func setCondition(s *api.DeploymentStatus, c api.DeploymentCondition) {
	cur := getCondition(s, c.Type)
	if cur != nil && cur.Status == c.Status && cur.Reason == c.Reason {
		return
	}
	if cur != nil && cur.Status == c.Status {
		c.LastTransitionTime = cur.LastTransitionTime
	}
	removeCondition(s, c.Type)
	s.Conditions = append(s.Conditions, c)
}

func removeCondition(s *api.DeploymentStatus, t string) {
	out := s.Conditions[:0:0]
	for _, c := range s.Conditions {
		if c.Type != t {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = nil
	}
	s.Conditions = out
}

func hasProgressDeadline(d *api.Deployment) bool {
	return d.Spec.ProgressDeadlineSeconds != nil && *d.Spec.ProgressDeadlineSeconds != maxInt32
}

func hasRevisionHistoryLimit(d *api.Deployment) bool {
	return d.Spec.RevisionHistoryLimit != nil && *d.Spec.RevisionHistoryLimit != maxInt32
}

// DeploymentComplete: every replica is updated and available, and the spec has been observed.
func DeploymentComplete(d *api.Deployment, s *api.DeploymentStatus) bool {
	return s.UpdatedReplicas == replicas(d) && s.Replicas == replicas(d) &&
		s.AvailableReplicas == replicas(d) && s.ObservedGeneration >= d.Generation
}

// deploymentProgressing: more updated, fewer old, more ready or more available pods than the
// stored status says.
func deploymentProgressing(d *api.Deployment, s *api.DeploymentStatus) bool {
	old := d.Status
	return s.UpdatedReplicas > old.UpdatedReplicas ||
		s.Replicas-s.UpdatedReplicas < old.Replicas-old.UpdatedReplicas ||
		s.ReadyReplicas > old.ReadyReplicas ||
		s.AvailableReplicas > old.AvailableReplicas
}

// deploymentTimedOut: the Progressing condition was last updated more than the deadline ago.
func deploymentTimedOut(d *api.Deployment, s *api.DeploymentStatus, now time.Time) bool {
	if !hasProgressDeadline(d) {
		return false
	}
	c := getCondition(s, api.DeploymentProgressing)
	if c == nil || c.Reason == ReasonNewRSAvailable {
		return false
	}
	if c.Reason == ReasonTimedOut {
		return true
	}
	return c.LastUpdateTime.Add(time.Duration(*d.Spec.ProgressDeadlineSeconds) * time.Second).Before(now)
}
