package deployment

import (
	"reflect"
	"strconv"
	"testing"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
)

// §8.4 T32–T44d: proportional scaling through Controller.scale. The ReplicaSets are stored with
// the desired/max-replicas annotations of the *old* Deployment; "newest first" in the table means
// a later creationTimestamp.
func TestSpec8Scale(t *testing.T) {
	type rsIn struct {
		name string
		spec int32
	}
	changedTemplate := func(replicas int32) *api.Deployment {
		d := s8Deployment(replicas, nil, nil)
		d.Spec.Template.Labels["another"] = "label"
		return d
	}
	tests := []struct {
		name       string
		oldD, newD *api.Deployment
		newRS      string // "" when no ReplicaSet matches the template
		rss        []rsIn // newest first
		available  map[string]int32
		want       map[string]int32
		untouched  []string // must not be written at all
		events     []string // nil: not checked; empty: no event
	}{
		{
			name: "T32 10→12 with a single RS: it takes the new size",
			oldD: s8Deployment(10, nil, nil), newD: s8Deployment(12, nil, nil),
			newRS: "foo-v1", rss: []rsIn{{"foo-v1", 10}},
			want:   map[string]int32{"foo-v1": 12},
			events: []string{"Scaled up replica set foo-v1 from 10 to 12"},
		},
		{
			name: "T33 10→5 with a single RS: it takes the new size",
			oldD: s8Deployment(10, nil, nil), newD: s8Deployment(5, nil, nil),
			newRS: "foo-v1", rss: []rsIn{{"foo-v1", 10}},
			want:   map[string]int32{"foo-v1": 5},
			events: []string{"Scaled down replica set foo-v1 from 10 to 5"},
		},
		{
			name: "T34 5→10: new 2 and old 3 double (4, 6)",
			oldD: s8Deployment(5, nil, nil), newD: s8Deployment(10, nil, nil),
			newRS: "foo-v2", rss: []rsIn{{"foo-v2", 2}, {"foo-v1", 3}},
			want: map[string]int32{"foo-v2": 4, "foo-v1": 6},
			events: []string{
				"Scaled up replica set foo-v1 from 3 to 6",
				"Scaled up replica set foo-v2 from 2 to 4",
			},
		},
		{
			name: "T35 5→3: new 2→1, old 3→2",
			oldD: s8Deployment(5, nil, nil), newD: s8Deployment(3, nil, nil),
			newRS: "foo-v2", rss: []rsIn{{"foo-v2", 2}, {"foo-v1", 3}},
			want: map[string]int32{"foo-v2": 1, "foo-v1": 2},
		},
		{
			name: "T36 9→4: new 8→4, old 1→0",
			oldD: s8Deployment(9, nil, nil), newD: s8Deployment(4, nil, nil),
			newRS: "foo-v2", rss: []rsIn{{"foo-v2", 8}, {"foo-v1", 1}},
			want: map[string]int32{"foo-v2": 4, "foo-v1": 0},
		},
		{
			name: "T37 7→10 over three RSs: 2,3,2 → 3,4,3",
			oldD: s8Deployment(7, nil, nil), newD: s8Deployment(10, nil, nil),
			newRS: "foo-v3", rss: []rsIn{{"foo-v3", 2}, {"foo-v2", 3}, {"foo-v1", 2}},
			want: map[string]int32{"foo-v3": 3, "foo-v2": 4, "foo-v1": 3},
		},
		{
			name: "T38 13→8 over three RSs: 2,8,3 → 1,5,2",
			oldD: s8Deployment(13, nil, nil), newD: s8Deployment(8, nil, nil),
			newRS: "foo-v3", rss: []rsIn{{"foo-v3", 2}, {"foo-v2", 8}, {"foo-v1", 3}},
			want: map[string]int32{"foo-v3": 1, "foo-v2": 5, "foo-v1": 2},
		},
		{
			name: "T39 3→4, 1/1/1: the leftover goes to the newest RS when scaling up",
			oldD: s8Deployment(3, nil, nil), newD: s8Deployment(4, nil, nil),
			newRS: "foo-v3", rss: []rsIn{{"foo-v3", 1}, {"foo-v2", 1}, {"foo-v1", 1}},
			want:   map[string]int32{"foo-v3": 2, "foo-v2": 1, "foo-v1": 1},
			events: []string{"Scaled up replica set foo-v3 from 1 to 2"},
		},
		{
			name: "T40 3→2, 1/1/1: the leftover comes off the oldest RS when scaling down",
			oldD: s8Deployment(3, nil, nil), newD: s8Deployment(2, nil, nil),
			newRS: "foo-v3", rss: []rsIn{{"foo-v3", 1}, {"foo-v2", 1}, {"foo-v1", 1}},
			want:   map[string]int32{"foo-v3": 1, "foo-v2": 1, "foo-v1": 0},
			events: []string{"Scaled down replica set foo-v1 from 1 to 0"},
		},
		{
			name: "T41 4→5 with no new RS: the latest old RS gets the extra replica",
			oldD: s8Deployment(4, nil, nil), newD: s8Deployment(5, nil, nil),
			newRS: "", rss: []rsIn{{"foo-v2", 2}, {"foo-v1", 2}},
			want: map[string]int32{"foo-v2": 3, "foo-v1": 2},
		},
		{
			name: "T42 6→0: every RS goes to 0",
			oldD: s8Deployment(6, nil, nil), newD: s8Deployment(0, nil, nil),
			newRS: "foo-v3", rss: []rsIn{{"foo-v3", 3}, {"foo-v2", 2}, {"foo-v1", 1}},
			want: map[string]int32{"foo-v3": 0, "foo-v2": 0, "foo-v1": 0},
		},
		{
			name: "T43 6→6 with every RS at 0: the latest (new) RS gets all 6, the others are not written",
			oldD: s8Deployment(6, nil, nil), newD: s8Deployment(6, nil, nil),
			newRS: "foo-v3", rss: []rsIn{{"foo-v3", 0}, {"foo-v2", 0}, {"foo-v1", 0}},
			want:      map[string]int32{"foo-v3": 6, "foo-v2": 0, "foo-v1": 0},
			untouched: []string{"foo-v2", "foo-v1"},
			events:    []string{"Scaled up replica set foo-v3 from 0 to 6"},
		},
		{
			name: "T44 10→20 with maxSurge 2: 6/6 → 11/11 (total replicas+surge = 22)",
			oldD: s8Deployment(10, s8Int(2), nil), newD: s8Deployment(20, s8Int(2), nil),
			newRS: "foo-v2", rss: []rsIn{{"foo-v2", 6}, {"foo-v1", 6}},
			want: map[string]int32{"foo-v2": 11, "foo-v1": 11},
		},
		{
			name: "T44b 10 (surge 3) → 50 (surge 6): 5/8 → 22/34",
			oldD: s8Deployment(10, s8Int(3), nil), newD: s8Deployment(50, s8Int(6), nil),
			newRS: "foo-v2", rss: []rsIn{{"foo-v2", 5}, {"foo-v1", 8}},
			want: map[string]int32{"foo-v2": 22, "foo-v1": 34},
		},
		{
			name: "T44c 10→14 and template changed (no new RS): 7/3 → 10/4",
			oldD: s8Deployment(10, nil, nil), newD: changedTemplate(14),
			newRS: "", rss: []rsIn{{"foo-v2", 7}, {"foo-v1", 3}},
			want: map[string]int32{"foo-v2": 10, "foo-v1": 4},
		},
		{
			name: "T44d 2→2, surge 1/unavail 1, new RS at 2 with 0 available (not saturated): nothing changes",
			oldD: s8Deployment(2, s8Int(1), s8Int(1)), newD: s8Deployment(2, s8Int(1), s8Int(1)),
			newRS: "foo-v2", rss: []rsIn{{"foo-v2", 2}, {"foo-v1", 1}},
			available: map[string]int32{"foo-v2": 0, "foo-v1": 1},
			want:      map[string]int32{"foo-v2": 2, "foo-v1": 1},
			untouched: []string{"foo-v2", "foo-v1"},
			events:    []string{},
		},
		{
			name: "extra §2.4 saturated new RS (spec, desired annotation and available = replicas): old RSs go to 0",
			oldD: s8Deployment(3, s8Int(1), nil), newD: s8Deployment(3, s8Int(1), nil),
			newRS: "foo-v2", rss: []rsIn{{"foo-v2", 3}, {"foo-v1", 1}},
			available: map[string]int32{"foo-v2": 3},
			want:      map[string]int32{"foo-v2": 3, "foo-v1": 0},
			untouched: []string{"foo-v2"},
			events:    []string{"Scaled down replica set foo-v1 from 1 to 0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := s8NewEnv(t, clock.Epoch)
			ann := s8ReplicasAnnotations(tt.oldD)
			var newRS *api.ReplicaSet
			var old []*api.ReplicaSet
			for i := len(tt.rss) - 1; i >= 0; i-- { // oldest first
				in := tt.rss[i]
				rs := e.createRS(in.name, in.spec, ann)
				if av, ok := tt.available[in.name]; ok {
					rs = e.setStatus(rs, func(s *api.ReplicaSetStatus) { s.Replicas, s.ReadyReplicas, s.AvailableReplicas = in.spec, av, av })
				}
				if in.name == tt.newRS {
					newRS = rs
				} else {
					old = append(old, rs)
				}
				e.tick()
			}
			rv := map[string]string{}
			for _, in := range tt.rss {
				rv[in.name] = e.rs(in.name).ResourceVersion
			}

			gotNew, gotOld := e.c.scale(tt.newD, newRS, old)

			for name, want := range tt.want {
				if got := e.spec(name); got != want {
					t.Errorf("%s spec.replicas = %d, want %d", name, got, want)
				}
			}
			untouched := map[string]bool{}
			for _, name := range tt.untouched {
				untouched[name] = true
				if got := e.rs(name).ResourceVersion; got != rv[name] {
					t.Errorf("%s was written (resourceVersion %s → %s), want untouched", name, rv[name], got)
				}
			}
			// Every RS that was written carries the new Deployment's desired/max annotations.
			wantAnn := s8ReplicasAnnotations(tt.newD)
			for _, in := range tt.rss {
				if untouched[in.name] {
					continue
				}
				rs := e.rs(in.name)
				for k, v := range wantAnn {
					if rs.Annotations[k] != v {
						t.Errorf("%s annotation %s = %q, want %q", in.name, k, rs.Annotations[k], v)
					}
				}
			}
			// The returned new/old ReplicaSets are the updated objects.
			if (gotNew == nil) != (tt.newRS == "") {
				t.Fatalf("scale returned newRS %v, want one named %q", gotNew, tt.newRS)
			}
			if gotNew != nil && rsReplicas(gotNew) != tt.want[tt.newRS] {
				t.Errorf("returned newRS spec = %d, want %d", rsReplicas(gotNew), tt.want[tt.newRS])
			}
			for _, rs := range gotOld {
				if rsReplicas(rs) != tt.want[rs.Name] {
					t.Errorf("returned old %s spec = %d, want %d", rs.Name, rsReplicas(rs), tt.want[rs.Name])
				}
			}
			if tt.events != nil {
				got := e.eventMessages()
				if len(got) != 0 || len(tt.events) != 0 {
					if !reflect.DeepEqual(got, tt.events) {
						t.Errorf("events = %q, want %q", got, tt.events)
					}
				}
			}
		})
	}
}

// §8.4 (after the table): fraction, the share of the change an RS takes. The Deployments have
// maxUnavailable 1 and maxSurge 0 unless stated.
func TestSpec8Fraction(t *testing.T) {
	d := func(replicas, surge, statusReplicas int32) *api.Deployment {
		dep := s8Deployment(replicas, s8Int(surge), s8Int(1))
		dep.Status.Replicas = statusReplicas
		return dep
	}
	rs := func(spec int32, maxAnnotation string) *api.ReplicaSet {
		r := &api.ReplicaSet{ObjectMeta: api.ObjectMeta{Name: "rs", Annotations: map[string]string{}}, Spec: api.ReplicaSetSpec{Replicas: api.Ptr(spec)}}
		if maxAnnotation != "" {
			r.Annotations[api.MaxReplicasAnnotation] = maxAnnotation
		}
		return r
	}
	tests := []struct {
		name string
		rs   *api.ReplicaSet
		d    *api.Deployment
		want int32
	}{
		{"fraction: d 0 replicas, rs 10: −10 (everything goes)", rs(10, ""), d(0, 0, 0), -10},
		{"fraction: d 10, rs 5, no max annotation, d.status.replicas 0: 0", rs(5, ""), d(10, 0, 0), 0},
		{"fraction: d 10, rs 5, max annotation 0, d.status.replicas 0: 0", rs(5, "0"), d(10, 0, 0), 0},
		{"fraction: d 120, status 100, rs 50, no annotation: status.replicas is the base, +10", rs(50, ""), d(120, 0, 100), 10},
		{"fraction: d 120, rs 50, annotation 100: +10", rs(50, strconv.Itoa(100)), d(120, 0, 0), 10},
		{"fraction: d 120 surge 10, rs 50, annotation 110: round(50×130/110)=59, +9", rs(50, "110"), d(120, 10, 0), 9},
		{"fraction: d 10, rs 6, annotation 12: −1", rs(6, "12"), d(10, 0, 0), -1},
		{"fraction: d 100 surge 10, rs 50, annotation 130: round(50×110/130)=42, −8", rs(50, "130"), d(100, 10, 0), -8},
		{"extra: half rounds away from zero: rs 1, d 3, annotation 2 → round(1.5)=2, +1", rs(1, "2"), d(3, 0, 0), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fraction(tt.rs, tt.d); got != tt.want {
				t.Errorf("fraction = %d, want %d", got, tt.want)
			}
		})
	}
}
