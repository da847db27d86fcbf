// Package controller holds what the Deployment and ReplicaSet controllers share: the work
// queue that runs one reconcile per clock task, and owner-reference helpers.
package controller

import (
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
)

// Queue is a controller work queue on the virtual clock. A key waits at most once: adding a
// key that is already waiting does nothing (or moves it earlier), as client-go's queue dedups.
// A key added while its own sync runs is queued again, like the queue's dirty set. A sync that
// fails is retried rate-limited, as upstream's handleErr does with AddRateLimited.
type Queue struct {
	clk      *clock.Clock
	label    string
	pending  map[Key]*clock.Task
	sync     func(key Key) error
	failures map[Key]int // consecutive failed syncs per key, for the retry backoff
	// The last key added and its task: pod events come in runs about one owner.
	lastKey  Key
	lastTask *clock.Task
}

// NewQueue returns a queue whose tasks run sync and are labelled label, its two %s filled with
// the key's namespace and name ("sync Deployment %s/%s"). A key whose sync returns an error is
// queued again after RetryDelay; one that succeeds starts its backoff over.
func NewQueue(clk *clock.Clock, label string, sync func(key Key) error) *Queue {
	return &Queue{clk: clk, label: label, pending: map[Key]*clock.Task{}, sync: sync, failures: map[Key]int{}}
}

// Client-go's default controller rate limiter: each consecutive failure of a key doubles its
// delay, from 5ms up to 1000s (ItemExponentialFailureRateLimiter).
const (
	retryBase = 5 * time.Millisecond
	retryMax  = 1000 * time.Second
)

// RetryDelay is how long a key waits after its nth consecutive failure (n ≥ 1).
func RetryDelay(n int) time.Duration {
	if n > 40 { // 5ms·2^40 is far past the cap; the shift would overflow further on
		return retryMax
	}
	return min(retryBase<<(n-1), retryMax)
}

func (q *Queue) run(key Key) {
	if err := q.sync(key); err != nil {
		q.failures[key]++
		q.AddAfter(key, RetryDelay(q.failures[key]))
		return
	}
	delete(q.failures, key)
}

// Add queues key now.
func (q *Queue) Add(key Key) { q.AddAfter(key, 0) }

// AddAfter queues key to run d from now, unless it already waits to run sooner.
func (q *Queue) AddAfter(key Key, d time.Duration) {
	at := q.clk.Now().Add(d)
	if key == q.lastKey && q.lastTask.PendingBy(at) {
		return
	}
	if t := q.pending[key]; t.Pending() {
		if t.PendingBy(at) {
			q.lastKey, q.lastTask = key, t
			return
		}
		q.clk.Cancel(t)
	}
	t := q.clk.At(at, q.label, func() {
		delete(q.pending, key)
		q.run(key)
	}, key.Namespace, key.Name)
	q.pending[key] = t
	q.lastKey, q.lastTask = key, t
}

// Key is the queue key of an object: its namespace and name.
type Key struct{ Namespace, Name string }

// KeyOf is the object's queue key.
func KeyOf(m *api.ObjectMeta) Key { return Key{m.Namespace, m.Name} }

// NewControllerRef is the owner reference a controller puts on what it creates.
func NewControllerRef(owner api.Object) api.OwnerReference {
	m := owner.Meta()
	return api.OwnerReference{
		APIVersion:         api.APIVersionFor(owner.ObjectKind()),
		Kind:               owner.ObjectKind(),
		Name:               m.Name,
		UID:                m.UID,
		Controller:         isTrue,
		BlockOwnerDeletion: isTrue,
	}
}

// isTrue is what every controller reference points at: nothing changes a stored object's
// pointees, so thousands of pods can share it.
var isTrue = api.Ptr(true)

// IsPodActive is a pod that is neither finished nor being deleted.
func IsPodActive(p *api.Pod) bool {
	return p.Status.Phase != api.PodSucceeded && p.Status.Phase != api.PodFailed && p.DeletionTimestamp == nil
}

// IsPodTerminating is a pod being deleted that has not finished.
func IsPodTerminating(p *api.Pod) bool {
	return p.DeletionTimestamp != nil && p.Status.Phase != api.PodSucceeded && p.Status.Phase != api.PodFailed
}

// PodReadyCondition returns the pod's Ready condition, or nil.
func PodReadyCondition(p *api.Pod) *api.PodCondition {
	for i := range p.Status.Conditions {
		if p.Status.Conditions[i].Type == api.PodReady {
			return &p.Status.Conditions[i]
		}
	}
	return nil
}

// IsPodReady reports Ready=True.
func IsPodReady(p *api.Pod) bool {
	c := PodReadyCondition(p)
	return c != nil && c.Status == api.ConditionTrue
}

// IsPodAvailable is ready for at least minReadySeconds (strictly longer, as upstream compares).
func IsPodAvailable(p *api.Pod, minReadySeconds int32, now time.Time) bool {
	c := PodReadyCondition(p)
	if c == nil || c.Status != api.ConditionTrue {
		return false
	}
	if minReadySeconds == 0 {
		return true
	}
	return !c.LastTransitionTime.IsZero() && c.LastTransitionTime.Add(time.Duration(minReadySeconds)*time.Second).Before(now)
}
