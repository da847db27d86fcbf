package deployment

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
)

// §8.5 T45: setNewReplicaSetAnnotations raises the revision and keeps the former numbers in
// revision-history, dropping the oldest entries to fit the character limit.
func TestSpec8SetNewReplicaSetAnnotationsHistoryLimit(t *testing.T) {
	d := s8Deployment(1, nil, nil)
	d.Annotations = map[string]string{api.RevisionAnnotation: "1", api.ChangeCauseAnnotation: "kubectl set image"}
	rs := &api.ReplicaSet{ObjectMeta: api.ObjectMeta{Name: "foo-abc"}, Spec: api.ReplicaSetSpec{Replicas: api.Ptr(int32(1))}}
	tests := []struct {
		name        string
		revision    string
		wantHistory string // "" = no revision-history annotation
	}{
		{"T45 call 1 (rev 11): revision set, no history yet (the RS had no revision)", "11", ""},
		{"T45 call 2 (rev 12): history = 11", "12", "11"},
		{"T45 call 3 (rev 13): history = 11,12 (5 chars, fits the limit)", "13", "11,12"},
		{"T45 call 4 (rev 14): oldest dropped: 12,13", "14", "12,13"},
		{"T45 call 5 (rev 15): 13,14", "15", "13,14"},
		{"T45 call 6 (rev 16): 14,15", "16", "14,15"},
		{"T45 call 7 (rev 17): 15,16", "17", "15,16"},
		{"T45 call 8 (rev 18): 16,17", "18", "16,17"},
		{"T45 call 9 (rev 19): 17,18", "19", "17,18"},
		{"T45 call 10 (rev 20): 18,19", "20", "18,19"},
	}
	// The steps build on each other, so they run in order on the same RS.
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !setNewReplicaSetAnnotations(d, rs, tt.revision, true, 5) {
				t.Errorf("setNewReplicaSetAnnotations returned false, want true (revision raised)")
			}
			if got := rs.Annotations[api.RevisionAnnotation]; got != tt.revision {
				t.Errorf("revision = %q, want %q", got, tt.revision)
			}
			got, ok := rs.Annotations[api.RevisionHistoryAnnotation]
			if tt.wantHistory == "" && ok {
				t.Errorf("revision-history = %q, want none", got)
			}
			if tt.wantHistory != "" && got != tt.wantHistory {
				t.Errorf("revision-history = %q, want %q", got, tt.wantHistory)
			}
			if got := rs.Annotations[api.ChangeCauseAnnotation]; got != "kubectl set image" {
				t.Errorf("change-cause = %q, want it copied from the Deployment", got)
			}
			if _, ok := rs.Annotations[api.DesiredReplicasAnnotation]; ok {
				t.Errorf("desired-replicas set on an existing RS; only a RS about to be created gets it")
			}
		})
	}
}

// §2.3: more setNewReplicaSetAnnotations facts (revision not lowered, new RS gets desired/max).
func TestSpec8SetNewReplicaSetAnnotations(t *testing.T) {
	t.Run("§2.3 a lower or equal revision is not applied and nothing is appended to history", func(t *testing.T) {
		d := s8Deployment(3, nil, nil)
		rs := &api.ReplicaSet{ObjectMeta: api.ObjectMeta{Annotations: map[string]string{api.RevisionAnnotation: "5"}}}
		if setNewReplicaSetAnnotations(d, rs, "5", true, maxRevHistoryLengthInChars) {
			t.Errorf("returned true, want false (nothing changed)")
		}
		setNewReplicaSetAnnotations(d, rs, "4", true, maxRevHistoryLengthInChars)
		if got := rs.Annotations[api.RevisionAnnotation]; got != "5" {
			t.Errorf("revision = %q, want 5", got)
		}
		if _, ok := rs.Annotations[api.RevisionHistoryAnnotation]; ok {
			t.Errorf("revision-history set, want none")
		}
	})
	t.Run("§2.3 a RS about to be created gets desired = replicas and max = replicas+maxSurge", func(t *testing.T) {
		d := s8Deployment(4, s8Str("25%"), s8Str("25%"))
		d.Annotations = map[string]string{api.RevisionAnnotation: "7", api.LastAppliedAnnotation: "{}"}
		rs := &api.ReplicaSet{}
		if !setNewReplicaSetAnnotations(d, rs, "3", false, maxRevHistoryLengthInChars) {
			t.Errorf("returned false, want true")
		}
		want := map[string]string{api.RevisionAnnotation: "3", api.DesiredReplicasAnnotation: "4", api.MaxReplicasAnnotation: "5"}
		if !reflect.DeepEqual(rs.Annotations, want) {
			t.Errorf("annotations = %v, want %v (revision and last-applied are not copied)", rs.Annotations, want)
		}
	})
}

// §8.5 T46–T48: setReplicasAnnotations, isSaturated, replicasAnnotationsNeedUpdate.
func TestSpec8ReplicasAnnotations(t *testing.T) {
	t.Run("T46 setReplicasAnnotations(rs, 10, 11): desired 10, max 11, reports a change", func(t *testing.T) {
		rs := &api.ReplicaSet{}
		if !setReplicasAnnotations(rs, 10, 11) {
			t.Errorf("setReplicasAnnotations returned false, want true")
		}
		if got := rs.Annotations[api.DesiredReplicasAnnotation]; got != "10" {
			t.Errorf("desired-replicas = %q, want 10", got)
		}
		if got := rs.Annotations[api.MaxReplicasAnnotation]; got != "11" {
			t.Errorf("max-replicas = %q, want 11", got)
		}
		if setReplicasAnnotations(rs, 10, 11) {
			t.Errorf("second call with the same values returned true, want false")
		}
	})

	sat := func(spec, available int32, desired string) *api.ReplicaSet {
		rs := &api.ReplicaSet{ObjectMeta: api.ObjectMeta{Annotations: map[string]string{}}, Spec: api.ReplicaSetSpec{Replicas: api.Ptr(spec)},
			Status: api.ReplicaSetStatus{Replicas: spec, AvailableReplicas: available}}
		if desired != "" {
			rs.Annotations[api.DesiredReplicasAnnotation] = desired
		}
		return rs
	}
	satTests := []struct {
		name string
		d    *api.Deployment
		rs   *api.ReplicaSet
		want bool
	}{
		{"T47 spec 1, desired annotation 1, available 1, d replicas 1: saturated", s8Deployment(1, nil, nil), sat(1, 1, "1"), true},
		{"extra §2.4 not all available: not saturated", s8Deployment(3, nil, nil), sat(3, 2, "3"), false},
		{"extra §2.4 desired annotation differs: not saturated", s8Deployment(3, nil, nil), sat(3, 3, "2"), false},
		{"extra §2.4 no desired annotation: not saturated", s8Deployment(3, nil, nil), sat(3, 3, ""), false},
		{"extra §2.4 spec differs from replicas: not saturated", s8Deployment(3, nil, nil), sat(4, 3, "3"), false},
		{"extra §2.4 no new RS: not saturated", s8Deployment(3, nil, nil), nil, false},
	}
	for _, tt := range satTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isSaturated(tt.d, tt.rs); got != tt.want {
				t.Errorf("isSaturated = %v, want %v", got, tt.want)
			}
		})
	}

	ann := func(kv ...string) *api.ReplicaSet {
		rs := &api.ReplicaSet{}
		if len(kv) > 0 {
			rs.Annotations = map[string]string{}
			for i := 0; i+1 < len(kv); i += 2 {
				rs.Annotations[kv[i]] = kv[i+1]
			}
		}
		return rs
	}
	needTests := []struct {
		name string
		rs   *api.ReplicaSet
		want bool
	}{
		{"T48 no annotations: needs update", ann(), true},
		{"T48 desired 8 (target 10): needs update", ann(api.DesiredReplicasAnnotation, "8", api.MaxReplicasAnnotation, "20"), true},
		{"T48 max 16 (target 20): needs update", ann(api.DesiredReplicasAnnotation, "10", api.MaxReplicasAnnotation, "16"), true},
		{"T48 both 10 and 20: no update", ann(api.DesiredReplicasAnnotation, "10", api.MaxReplicasAnnotation, "20"), false},
	}
	for _, tt := range needTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := replicasAnnotationsNeedUpdate(tt.rs, 10, 20); got != tt.want {
				t.Errorf("replicasAnnotationsNeedUpdate(rs, 10, 20) = %v, want %v", got, tt.want)
			}
		})
	}
}

// §8.5 T49–T50: EqualIgnoreHash ignores only the pod-template-hash label, in both argument orders,
// and leaves its arguments alone.
func TestSpec8EqualIgnoreHash(t *testing.T) {
	tmpl := func(node string, annotations, labels map[string]string) api.PodTemplateSpec {
		return api.PodTemplateSpec{
			ObjectMeta: api.ObjectMeta{Name: "foo", Annotations: annotations, Labels: labels},
			Spec:       api.PodSpec{NodeName: node, Containers: []api.Container{{Name: "nginx", Image: "nginx:1.0"}}},
		}
	}
	h := api.PodTemplateHashLabel
	tests := []struct {
		name      string
		a, b      api.PodTemplateSpec
		wantEqual bool
	}{
		{"T49 same spec, same labels: equal", tmpl("n", nil, map[string]string{"something": "else"}), tmpl("n", nil, map[string]string{"something": "else"}), true},
		{"T49 same spec, only the pod-template-hash value differs: equal", tmpl("n", nil, map[string]string{h: "value-1", "something": "else"}), tmpl("n", nil, map[string]string{h: "value-2", "something": "else"}), true},
		{"T49 same spec, one side lacks the pod-template-hash label: equal", tmpl("n", nil, map[string]string{"something": "else"}), tmpl("n", nil, map[string]string{h: "value-2", "something": "else"}), true},
		{"T50 hash on one side, another label on the other (same label count): not equal", tmpl("n", nil, map[string]string{"something": "else"}), tmpl("n", nil, map[string]string{h: "value-2"}), false},
		{"T50 hash labels equal but another label differs: not equal", tmpl("n", nil, map[string]string{h: "value-1"}), tmpl("n", nil, map[string]string{h: "value-1", "something": "else"}), false},
		{"T50 different annotations: not equal", tmpl("n", map[string]string{"former": "value"}, map[string]string{h: "value-1", "something": "else"}), tmpl("n", map[string]string{"latter": "value"}, map[string]string{h: "value-1", "something": "else"}), false},
		{"T50 different node, different hash: not equal", tmpl("node-1", nil, map[string]string{h: "value-1"}), tmpl("node-2", nil, map[string]string{h: "value-2"}), false},
		{"T50 different node, one side without hash: not equal", tmpl("node-1", nil, map[string]string{"something": "else"}), tmpl("node-2", nil, map[string]string{h: "value-2", "something": "else"}), false},
		{"T50 different labels: not equal", tmpl("n", nil, map[string]string{"something": "else"}), tmpl("n", nil, map[string]string{"nothing": "else"}), false},
		{"extra §2.3 nil and empty label maps are semantically equal", tmpl("n", nil, nil), tmpl("n", map[string]string{}, map[string]string{h: "x"}), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, reversed := range []bool{false, true} {
				a, b := tt.a.DeepCopy(), tt.b.DeepCopy()
				if reversed {
					a, b = b, a
				}
				beforeA, beforeB := a.DeepCopy(), b.DeepCopy()
				if got := EqualIgnoreHash(&a, &b); got != tt.wantEqual {
					t.Errorf("EqualIgnoreHash (reversed=%v) = %v, want %v", reversed, got, tt.wantEqual)
				}
				if !reflect.DeepEqual(a, beforeA) || !reflect.DeepEqual(b, beforeB) {
					t.Errorf("EqualIgnoreHash (reversed=%v) changed its arguments", reversed)
				}
			}
		})
	}
}

// §8.5 T51: newAndOld picks the oldest of several ReplicaSets matching the template.
func TestSpec8NewAndOld(t *testing.T) {
	d := s8Deployment(3, nil, nil)
	now := clock.Epoch
	rs := func(name, hash string, created time.Time, image string) *api.ReplicaSet {
		tmpl := d.Spec.Template.DeepCopy()
		tmpl.Labels[api.PodTemplateHashLabel] = hash
		tmpl.Spec.Containers[0].Image = image
		return &api.ReplicaSet{
			ObjectMeta: api.ObjectMeta{Name: name, CreationTimestamp: api.NewTime(created)},
			Spec:       api.ReplicaSetSpec{Replicas: api.Ptr(int32(1)), Template: tmpl},
		}
	}
	newer := rs("foo-newer", "hash", now.Add(time.Minute), "nginx:1.0")
	older := rs("foo-older", "different-hash", now, "nginx:1.0")
	other := rs("foo-other", "other-hash", now.Add(-time.Hour), "nginx:0.9")
	sameTimeA := rs("foo-a", "hash-a", now, "nginx:1.0")
	sameTimeB := rs("foo-b", "hash-b", now, "nginx:1.0")
	tests := []struct {
		name    string
		rss     []*api.ReplicaSet
		wantNew string
		wantOld []string
	}{
		{"T51 one RS with the template (different hash value): it is the new RS", []*api.ReplicaSet{newer, other}, "foo-newer", []string{"foo-other"}},
		{"T51 two RSs match: the oldest (earlier creationTimestamp) is new, the other is old", []*api.ReplicaSet{newer, other, older}, "foo-older", []string{"foo-other", "foo-newer"}},
		{"T51 no RS matches: no new RS", []*api.ReplicaSet{other}, "", []string{"foo-other"}},
		{"extra §2.3 equal creation times: ties broken by name", []*api.ReplicaSet{sameTimeB, sameTimeA}, "foo-a", []string{"foo-b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			newRS, old := newAndOld(d, tt.rss)
			gotNew := ""
			if newRS != nil {
				gotNew = newRS.Name
			}
			if gotNew != tt.wantNew {
				t.Errorf("new RS = %q, want %q", gotNew, tt.wantNew)
			}
			var gotOld []string
			for _, rs := range old {
				gotOld = append(gotOld, rs.Name)
			}
			if !reflect.DeepEqual(gotOld, tt.wantOld) {
				t.Errorf("old RSs = %v, want %v", gotOld, tt.wantOld)
			}
		})
	}
}

// T89 (§8.9): the pod-template-hash uses only the characters 4-9, b, c, d, f and is
// deterministic; the collision count changes it.
func TestSpec8ComputeHash(t *testing.T) {
	const allowed = "456789bcdf"
	templates := []api.PodTemplateSpec{s8Template("nginx:1.0"), s8Template("nginx:1.9.1"), s8Template("nginx:does-not-exist"), {}}
	seen := map[string]bool{}
	for i, tmpl := range templates {
		for _, cc := range []*int32{nil, api.Ptr(int32(1)), api.Ptr(int32(2))} {
			h := ComputeHash(&tmpl, cc)
			if h == "" {
				t.Errorf("template %d: empty hash", i)
			}
			for _, r := range h {
				if !strings.ContainsRune(allowed, r) {
					t.Errorf("template %d: hash %q has %q, want only %q", i, h, r, allowed)
				}
			}
			cp := tmpl.DeepCopy()
			if again := ComputeHash(&cp, cc); again != h {
				t.Errorf("template %d: hash not deterministic: %q then %q", i, h, again)
			}
			if seen[h] {
				t.Errorf("template %d: hash %q repeats for a different template or collision count", i, h)
			}
			seen[h] = true
		}
	}
	t.Run("T89 the pod-template-hash label itself does not change the hash", func(t *testing.T) {
		a := s8Template("nginx:1.0")
		b := s8Template("nginx:1.0")
		b.Labels[api.PodTemplateHashLabel] = "anything"
		if ComputeHash(&a, nil) != ComputeHash(&b, nil) {
			t.Errorf("hash differs with only the pod-template-hash label added")
		}
	})
}

// §1.5: rsName is "<deployment>-<hash>", the Deployment part cut so the whole fits 253 chars.
func TestSpec8RSName(t *testing.T) {
	hash := "5d8f7c9b64"
	tests := []struct {
		name       string
		deployment string
		want       string
	}{
		{"short name: deployment-hash", "web", "web-" + hash},
		{"name that just fits: 242+1+10 = 253, not cut", strings.Repeat("a", 242), strings.Repeat("a", 242) + "-" + hash},
		{"long name (300 chars): cut to 253 with the hash kept whole", strings.Repeat("a", 300), strings.Repeat("a", 242) + "-" + hash},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rsName(tt.deployment, hash)
			if got != tt.want {
				t.Errorf("rsName = %q (len %d), want len %d", got, len(got), len(tt.want))
			}
			if len(got) > 253 {
				t.Errorf("rsName length %s > 253", strconv.Itoa(len(got)))
			}
		})
	}
}
