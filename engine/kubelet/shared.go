package kubelet

import "rolloutlab/engine/api"

// Thousands of pods of one template move together: they are bound, started and become ready
// in the same seconds, and what their statuses say is then the same. Nothing ever changes what
// a stored object refers to, so such pods share one copy of those values; each writer makes
// its own copy before it changes a list (OwnConditions, OwnContainerStatuses).

// stampPointer and running share one value per second among the pods that start in it.
func (k *Kubelet) stampPointer(t api.Time) *api.Time {
	if k.shared.stamp == nil || !k.shared.stamp.Equal(t.Time) {
		v := t // only a new second costs an allocation
		k.shared.stamp = &v
	}
	return k.shared.stamp
}

func (k *Kubelet) running(t api.Time) *api.ContainerStateRunning {
	if k.shared.running == nil || !k.shared.running.StartedAt.Equal(t.Time) {
		k.shared.running = &api.ContainerStateRunning{StartedAt: t}
	}
	return k.shared.running
}

// Values that every pod's status may point to.
var (
	notStarted, started = api.Ptr(false), api.Ptr(true)
	containerCreating   = &api.ContainerStateWaiting{Reason: "ContainerCreating"}
)

// conditionsMemo remembers the conditions a write produced from a pod's conditions (the same
// slice), in a second, with a key for anything else they depend on. The same slice means the
// same conditions only because a stored list is never changed in place (the mutation detector
// checks it): a writer that changed one would have every pod sharing it answered wrongly.
type conditionsMemo struct {
	from *api.PodCondition
	n    int
	at   int64
	key  string
	out  []api.PodCondition
}

// get returns the conditions made last time from the same slice, in the same second, for
// the same key.
func (m *conditionsMemo) get(from []api.PodCondition, at api.Time, key string) ([]api.PodCondition, bool) {
	if m.out == nil || m.from != first(from) || m.n != len(from) || m.at != at.Unix() || m.key != key {
		return nil, false
	}
	return m.out, true
}

func (m *conditionsMemo) put(from []api.PodCondition, at api.Time, key string, out []api.PodCondition) {
	*m = conditionsMemo{first(from), len(from), at.Unix(), key, out}
}

// first is the address of the list's first element, which tells lists apart (nil: empty).
func first(l []api.PodCondition) *api.PodCondition {
	if len(l) == 0 {
		return nil
	}
	return &l[0]
}

// waitingStatuses are the container statuses of a pod whose containers are being created.
func (k *Kubelet) waitingStatuses(containers []api.Container) []api.ContainerStatus {
	if last := k.shared.waiting; len(last) == len(containers) {
		same := true
		for i, c := range containers {
			same = same && last[i].Name == c.Name && last[i].Image == c.Image
		}
		if same {
			return last
		}
	}
	out := make([]api.ContainerStatus, len(containers))
	for i, c := range containers {
		out[i] = api.ContainerStatus{Name: c.Name, Image: c.Image, Started: notStarted,
			State: api.ContainerState{Waiting: containerCreating}}
	}
	k.shared.waiting = out
	return out
}
