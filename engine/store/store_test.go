package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
)

func newStore() *Store { return New(clock.New(clock.Epoch), 1) }

func deployment(name string) *api.Deployment {
	return &api.Deployment{ObjectMeta: api.ObjectMeta{Name: name}, Spec: api.DeploymentSpec{Replicas: api.Ptr(int32(1))}}
}

func TestGenerationRules(t *testing.T) {
	cases := []struct {
		fact   string
		change func(d *api.Deployment)
		status bool
		bump   bool
	}{
		{"a spec change bumps a Deployment's generation", func(d *api.Deployment) { d.Spec.Replicas = api.Ptr(int32(3)) }, false, true},
		{"an annotation change bumps a Deployment's generation (confirmed on 1.37)", func(d *api.Deployment) {
			d.Annotations = map[string]string{api.ChangeCauseAnnotation: "x"}
		}, false, true},
		{"a label change does not", func(d *api.Deployment) { d.Labels = map[string]string{"a": "b"} }, false, false},
		{"a status write never does", func(d *api.Deployment) { d.Status.Replicas = 4 }, true, false},
		{"a status write keeps the spec", func(d *api.Deployment) { d.Spec.Replicas = api.Ptr(int32(9)) }, true, false},
	}
	for _, c := range cases {
		t.Run(c.fact, func(t *testing.T) {
			s := newStore()
			d := deployment("web")
			if err := s.Create(d); err != nil {
				t.Fatal(err)
			}
			if d.Generation != 1 {
				t.Fatalf("generation starts at 1, got %d", d.Generation)
			}
			cp := d.DeepCopy()
			c.change(cp)
			var err error
			if c.status {
				err = s.UpdateStatus(cp)
			} else {
				err = s.Update(cp)
			}
			if err != nil {
				t.Fatal(err)
			}
			got := s.Get(api.KindDeployment, "default", "web").(*api.Deployment)
			if (got.Generation == 2) != c.bump {
				t.Fatalf("generation %d, bump expected %v", got.Generation, c.bump)
			}
			if c.status && api.Int32(got.Spec.Replicas, 0) != 1 {
				t.Fatal("status write changed the spec")
			}
		})
	}
}

func TestReplicaSetGenerationOnlyOnSpec(t *testing.T) {
	s := newStore()
	rs := &api.ReplicaSet{ObjectMeta: api.ObjectMeta{Name: "a"}, Spec: api.ReplicaSetSpec{Replicas: api.Ptr(int32(1))}}
	_ = s.Create(rs)
	cp := rs.DeepCopy()
	cp.Annotations = map[string]string{api.RevisionAnnotation: "2"}
	_ = s.Update(cp)
	if g := s.Get(api.KindReplicaSet, "default", "a").Meta().Generation; g != 1 {
		t.Fatalf("an annotation change must not bump a ReplicaSet's generation, got %d", g)
	}
}

func TestResourceVersionConflictAndNotFound(t *testing.T) {
	s := newStore()
	d := deployment("web")
	_ = s.Create(d)
	stale := d.DeepCopy()
	fresh := d.DeepCopy()
	fresh.Spec.Replicas = api.Ptr(int32(2))
	if err := s.Update(fresh); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(stale); !api.IsConflict(err) {
		t.Fatalf("a stale resourceVersion must conflict, got %v", err)
	}
	if err := s.Create(deployment("web")); !api.IsAlreadyExists(err) {
		t.Fatalf("want AlreadyExists, got %v", err)
	}
	if _, err := s.Delete(api.KindDeployment, "default", "nope", 0); !api.IsNotFound(err) {
		t.Fatalf("want NotFound, got %v", err)
	}
}

func TestGenerateNameUsesTheNameAlphabet(t *testing.T) {
	s := newStore()
	p := &api.Pod{ObjectMeta: api.ObjectMeta{GenerateName: "web-5d59d67564-"}}
	if err := s.Create(p); err != nil {
		t.Fatal(err)
	}
	suffix := p.Name[len("web-5d59d67564-"):]
	if len(suffix) != 5 {
		t.Fatalf("suffix %q", suffix)
	}
	for _, c := range suffix {
		if !containsRune(Alphabet, c) {
			t.Fatalf("suffix %q has %q, outside %s", suffix, c, Alphabet)
		}
	}
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

func TestPodGracefulDeletionAndListCache(t *testing.T) {
	s := newStore()
	p := &api.Pod{ObjectMeta: api.ObjectMeta{Name: "p"}, Spec: &api.PodSpec{NodeName: "node-1"}}
	_ = s.Create(p)
	_ = s.List(api.KindPod, "default") // fill the sorted cache
	if _, err := s.Delete(api.KindPod, "default", "p", -1); err != nil {
		t.Fatal(err)
	}
	listed := s.List(api.KindPod, "default")
	if len(listed) != 1 || listed[0].Meta().DeletionTimestamp == nil {
		t.Fatal("a scheduled pod is only marked for deletion, and List must show the marked pod")
	}
	if want := clock.Epoch.Add(30 * time.Second); !listed[0].Meta().DeletionTimestamp.Equal(want) {
		t.Fatalf("deletionTimestamp %v, want now + the default 30 s grace", listed[0].Meta().DeletionTimestamp)
	}
	if _, err := s.Delete(api.KindPod, "default", "p", 0); err != nil {
		t.Fatal(err)
	}
	if s.Count(api.KindPod) != 0 {
		t.Fatal("grace period 0 removes the pod")
	}
}

func TestOwnerIndex(t *testing.T) {
	s := newStore()
	rs := &api.ReplicaSet{ObjectMeta: api.ObjectMeta{Name: "rs"}}
	_ = s.Create(rs)
	for _, n := range []string{"a", "b", "c"} {
		_ = s.Create(&api.Pod{ObjectMeta: api.ObjectMeta{Name: n, OwnerReferences: []api.OwnerReference{{Kind: "ReplicaSet", Name: "rs", UID: rs.UID, Controller: api.Ptr(true)}}}})
	}
	_ = s.Create(&api.Pod{ObjectMeta: api.ObjectMeta{Name: "orphan"}})
	if n := s.DependentCount(rs.UID); n != 3 {
		t.Fatalf("3 dependents, got %d", n)
	}
	orphanPods := func() (names []string) {
		for _, o := range s.Dependents("") {
			if o.ObjectKind() == api.KindPod {
				names = append(names, o.Meta().Name)
			}
		}
		return names
	}
	if d := orphanPods(); len(d) != 1 || d[0] != "orphan" {
		t.Fatalf("orphan pods: %v", d)
	}
	// Releasing a pod moves it to the orphans.
	b := s.Get(api.KindPod, "default", "b").(*api.Pod).DeepCopy()
	b.OwnerReferences = nil
	_ = s.Update(b)
	if s.DependentCount(rs.UID) != 2 || len(orphanPods()) != 2 {
		t.Fatal("released pod not re-indexed")
	}
}

// A writer holding an object's slot writes without a lookup, and only to that object while it
// exists.
func TestUpdateStatusThroughASlot(t *testing.T) {
	s := newStore()
	var sl *Slot
	s.Watch(func(ev WatchEvent) { sl = ev.Slot }, api.KindPod)
	p := &api.Pod{ObjectMeta: api.ObjectMeta{Name: "p"}, Spec: &api.PodSpec{}}
	_ = s.Create(p)
	c := p.CopyForStatus()
	c.Status.Phase = api.PodRunning
	if err := s.UpdateStatusIn(sl, c); err != nil || s.Get(api.KindPod, "default", "p").(*api.Pod).Status.Phase != api.PodRunning {
		t.Fatalf("write through the slot: %v", err)
	}
	other := &api.Pod{ObjectMeta: api.ObjectMeta{Name: "q", Namespace: "default"}, Spec: &api.PodSpec{}}
	if err := s.UpdateStatusIn(sl, other); !api.IsNotFound(err) {
		t.Errorf("another pod written through p's slot: %v", err)
	}
	_, _ = s.Delete(api.KindPod, "default", "p", 0)
	if err := s.UpdateStatusIn(sl, c); !api.IsNotFound(err) {
		t.Errorf("write through the slot of a deleted pod: %v", err)
	}
}

// Every write gets the next resourceVersion, and each one stays as it was written although
// they share blocks of memory (thousands of writes fill several).
func TestResourceVersionsStayDistinct(t *testing.T) {
	s := newStore()
	var got []string
	for range 3000 {
		got = append(got, s.nextRV())
	}
	for i, rv := range got {
		if want := strconv.Itoa(i + 1); rv != want {
			t.Fatalf("write %d got resourceVersion %q", i+1, rv)
		}
	}
}

// Generated names draw every character of the alphabet about equally often, at every
// position, however long the suffix (several characters come from one random number).
func TestRandomSuffixesAreEvenlySpread(t *testing.T) {
	s := newStore()
	const names = 27000
	for _, n := range []int{5, 13, 30} {
		counts := make([]map[byte]int, n)
		for i := range counts {
			counts[i] = map[byte]int{}
		}
		seen := map[string]bool{}
		for range names {
			suffix := s.RandomSuffix(n)
			seen[suffix] = true
			for i := range n {
				counts[i][suffix[i]]++
			}
		}
		if len(seen) < names-60 { // five characters: about 25 repeats by chance (27^5 names)
			t.Errorf("length %d: only %d distinct names of %d", n, len(seen), names)
		}
		for i, c := range counts {
			for _, a := range []byte(Alphabet) {
				if got := c[a]; got < names/27*8/10 || got > names/27*12/10 {
					t.Fatalf("length %d, position %d: %q drawn %d times, want about %d", n, i, a, got, names/27)
				}
			}
		}
	}
}

// The owner index stays exact through creates, owner changes and deletes, for objects with
// one owner, several, the same owner listed twice, and none: each owner's dependents are the
// objects that list it, in the order the index keeps (removals move the last one in).
func TestOwnerIndexMatchesTheObjects(t *testing.T) {
	s := newStore()
	r := rand.New(rand.NewPCG(7, 8))
	owners := []string{"u1", "u2", "u3"}
	refsOf := func() []api.OwnerReference {
		var refs []api.OwnerReference
		for range r.IntN(4) {
			refs = append(refs, api.OwnerReference{Kind: "ReplicaSet", Name: "rs", UID: owners[r.IntN(len(owners))]})
		}
		return refs
	}
	var live []string
	for step := range 3000 {
		switch op := r.IntN(3); {
		case op == 0 || len(live) == 0:
			name := fmt.Sprintf("p%d", step)
			if err := s.Create(&api.Pod{ObjectMeta: api.ObjectMeta{Name: name, OwnerReferences: refsOf()}, Spec: &api.PodSpec{}}); err != nil {
				t.Fatal(err)
			}
			live = append(live, name)
		case op == 1:
			p := s.Get(api.KindPod, "default", live[r.IntN(len(live))]).(*api.Pod).DeepCopy()
			p.OwnerReferences = refsOf()
			if err := s.Update(p); err != nil {
				t.Fatal(err)
			}
		default:
			i := r.IntN(len(live))
			if _, err := s.Delete(api.KindPod, "default", live[i], 0); err != nil {
				t.Fatal(err)
			}
			live = slices.Delete(live, i, i+1)
		}
		for _, uid := range append(owners, "") {
			want := map[string]bool{}
			for _, o := range s.List(api.KindPod, "") {
				refs := o.Meta().OwnerReferences
				if len(refs) == 0 && uid == "" || slices.ContainsFunc(refs, func(ref api.OwnerReference) bool { return ref.UID == uid }) {
					want[o.Meta().Name] = true
				}
			}
			got := s.Dependents(uid)
			if len(got) != len(want) || s.DependentCount(uid) != len(want) {
				t.Fatalf("step %d, owner %q: %d dependents, want %d", step, uid, len(got), len(want))
			}
			for _, o := range got {
				if !want[o.Meta().Name] {
					t.Fatalf("step %d, owner %q: %s is not a dependent", step, uid, o.Meta().Name)
				}
			}
		}
	}
}

// Validating admission on UPDATE and DELETE (AdmitChange) refuses the write whole: the stored
// object, its resourceVersion and the watchers see nothing.
func TestAdmitChangeRefusesUpdatesAndDeletes(t *testing.T) {
	for _, verb := range []string{"update", "delete"} {
		t.Run(verb, func(t *testing.T) {
			st := New(clock.New(clock.Epoch), 1)
			d := &api.Deployment{ObjectMeta: api.ObjectMeta{Name: "web"}}
			if err := st.Create(d); err != nil {
				t.Fatal(err)
			}
			events := 0
			st.Watch(func(WatchEvent) { events++ }, api.KindDeployment)
			st.AdmitChange(api.KindDeployment, func(v string, o api.Object) error {
				if v != verb {
					return nil
				}
				return api.NewConflict("deployments", o.Meta().Name, api.OptimisticLockErrorMsg)
			})
			var err error
			if verb == "update" {
				cp := d.DeepCopy()
				cp.Labels = map[string]string{"app": "web"}
				err = st.Update(cp)
			} else {
				_, err = st.Delete(api.KindDeployment, "default", "web", 0)
			}
			if !api.IsConflict(err) {
				t.Errorf("%s: err %v, want the admission's Conflict", verb, err)
			}
			got := st.Get(api.KindDeployment, "default", "web")
			if got != d || got.Meta().ResourceVersion != d.ResourceVersion || events != 0 {
				t.Errorf("%s refused but the store changed (object %p→%p, %d events)", verb, d, got, events)
			}
		})
	}
}

// EqualMaps answers by the entries, whether or not the two are one map.
func TestEqualMaps(t *testing.T) {
	a := map[string]string{"app": "web"}
	for _, c := range []struct {
		x, y map[string]string
		want bool
	}{
		{a, a, true}, {a, map[string]string{"app": "web"}, true}, {a, map[string]string{"app": "db"}, false},
		{a, map[string]string{"tier": "web"}, false}, {nil, map[string]string{}, true}, {a, nil, false},
	} {
		if got := EqualMaps(c.x, c.y); got != c.want {
			t.Errorf("EqualMaps(%v, %v) = %v", c.x, c.y, got)
		}
	}
}
