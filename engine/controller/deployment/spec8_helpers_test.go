package deployment

// Shared helpers for the table tests that restate upstream's deployment controller unit tests
// (docs/testing.md). Names start with s8 so they do not
// clash with helpers of other test files in this package.

import (
	"sort"
	"strconv"
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/events"
	"rolloutlab/engine/store"
)

func s8Int(i int32) *api.IntOrString {
	v := api.FromInt(i)
	return &v
}

func s8Str(s string) *api.IntOrString {
	v := api.FromString(s)
	return &v
}

func s8Template(image string) api.PodTemplateSpec {
	return api.PodTemplateSpec{
		ObjectMeta: api.ObjectMeta{Labels: map[string]string{"app": "foo"}},
		Spec:       api.PodSpec{Containers: []api.Container{{Name: "nginx", Image: image}}},
	}
}

// s8Deployment is a RollingUpdate Deployment "foo" with the given maxSurge/maxUnavailable. As in
// §8 (and upstream's newDeployment), a nil value means an explicit 0, so "surge 0, unavailable 0"
// resolves to the fencepost (unavailable 1).
func s8Deployment(replicas int32, surge, unavail *api.IntOrString) *api.Deployment {
	if surge == nil {
		surge = s8Int(0)
	}
	if unavail == nil {
		unavail = s8Int(0)
	}
	return &api.Deployment{
		TypeMeta:   api.TypeMeta{APIVersion: "apps/v1", Kind: api.KindDeployment},
		ObjectMeta: api.ObjectMeta{Name: "foo", Namespace: "default", UID: "uid-deployment-foo", Generation: 1},
		Spec: api.DeploymentSpec{
			Replicas: api.Ptr(replicas),
			Selector: &api.LabelSelector{MatchLabels: map[string]string{"app": "foo"}},
			Template: s8Template("nginx:1.0"),
			Strategy: api.DeploymentStrategy{
				Type:          api.RollingUpdateStrategy,
				RollingUpdate: &api.RollingUpdateDeployment{MaxSurge: surge, MaxUnavailable: unavail},
			},
		},
	}
}

func s8Recreate(replicas int32) *api.Deployment {
	d := s8Deployment(replicas, nil, nil)
	d.Spec.Strategy = api.DeploymentStrategy{Type: api.RecreateStrategy}
	return d
}

// s8Env is a store, an event recorder and a Deployment controller on a virtual clock. The
// controller's watch handlers only queue clock tasks; tests call the functions under test
// directly.
type s8Env struct {
	t  *testing.T
	st *store.Store
	c  *Controller
}

func s8NewEnv(t *testing.T, start time.Time) *s8Env {
	t.Helper()
	st := store.New(clock.New(start), 1)
	rec := events.NewBroadcaster(st)
	return &s8Env{t: t, st: st, c: New(st, rec)}
}

// tick moves the clock a minute on, so the next object created is strictly newer
// (creationTimestamp keeps whole seconds).
func (e *s8Env) tick() { e.st.Clock().Advance(time.Minute) }

// createRS stores a ReplicaSet "name" with spec replicas and annotations; the returned pointer
// is the stored object.
func (e *s8Env) createRS(name string, spec int32, ann map[string]string) *api.ReplicaSet {
	e.t.Helper()
	labels := map[string]string{"app": "foo", api.PodTemplateHashLabel: name}
	tmpl := s8Template("image-" + name)
	tmpl.Labels = map[string]string{"app": "foo", api.PodTemplateHashLabel: name}
	annotations := map[string]string{}
	for k, v := range ann {
		annotations[k] = v
	}
	rs := &api.ReplicaSet{
		TypeMeta:   api.TypeMeta{APIVersion: "apps/v1", Kind: api.KindReplicaSet},
		ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default", Labels: labels, Annotations: annotations},
		Spec: api.ReplicaSetSpec{
			Replicas: api.Ptr(spec),
			Selector: &api.LabelSelector{MatchLabels: map[string]string{"app": "foo", api.PodTemplateHashLabel: name}},
			Template: tmpl,
		},
	}
	if err := e.st.Create(rs); err != nil {
		e.t.Fatalf("create ReplicaSet %s: %v", name, err)
	}
	return rs
}

// setStatus writes a ReplicaSet's status through the status subresource and returns the stored
// object.
func (e *s8Env) setStatus(rs *api.ReplicaSet, f func(s *api.ReplicaSetStatus)) *api.ReplicaSet {
	e.t.Helper()
	cp := e.rs(rs.Name).DeepCopy()
	f(&cp.Status)
	if err := e.st.UpdateStatus(cp); err != nil {
		e.t.Fatalf("update status of %s: %v", rs.Name, err)
	}
	return cp
}

// rs is the stored ReplicaSet, or nil.
func (e *s8Env) rs(name string) *api.ReplicaSet {
	o := e.st.Get(api.KindReplicaSet, "default", name)
	if o == nil {
		return nil
	}
	return o.(*api.ReplicaSet)
}

// spec is the stored spec.replicas of a ReplicaSet (fails the test when it is gone).
func (e *s8Env) spec(name string) int32 {
	e.t.Helper()
	rs := e.rs(name)
	if rs == nil {
		e.t.Fatalf("ReplicaSet %s not in the store", name)
	}
	return rsReplicas(rs)
}

// rsNames lists the stored ReplicaSets' names, sorted.
func (e *s8Env) rsNames() []string {
	var out []string
	for _, o := range e.st.List(api.KindReplicaSet, "default") {
		out = append(out, o.Meta().Name)
	}
	sort.Strings(out)
	return out
}

// eventMessages lists the stored events' messages, sorted.
func (e *s8Env) eventMessages() []string {
	var out []string
	for _, o := range e.st.List(api.KindEvent, "default") {
		out = append(out, o.(*api.Event).Message)
	}
	sort.Strings(out)
	return out
}

// s8ReplicasAnnotations are the desired/max-replicas annotations a ReplicaSet gets from d.
func s8ReplicasAnnotations(d *api.Deployment) map[string]string {
	r := api.Int32(d.Spec.Replicas, 1)
	return map[string]string{
		api.DesiredReplicasAnnotation: strconv.Itoa(int(r)),
		api.MaxReplicasAnnotation:     strconv.Itoa(int(r + MaxSurge(d))),
	}
}
