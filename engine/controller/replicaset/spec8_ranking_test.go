package replicaset

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

// s8PodSpec describes a pod for the ranking tables; times are offsets before now (a negative
// offset, i.e. s8Zero, means the zero time).
type s8PodSpec struct {
	name       string
	uid        string
	node       string
	phase      string
	ready      bool
	readyAgo   time.Duration
	createdAgo time.Duration
	restarts   int32
	cost       string // pod-deletion-cost annotation, "" = none
}

const s8Zero = time.Duration(-1)

func (p s8PodSpec) build(now time.Time) *api.Pod {
	at := func(ago time.Duration) api.Time {
		if ago < 0 {
			return api.Time{}
		}
		return api.NewTime(now.Add(-ago))
	}
	pod := &api.Pod{
		ObjectMeta: api.ObjectMeta{Name: p.name, Namespace: "default", UID: p.uid, CreationTimestamp: at(p.createdAgo)},
		Spec:       &api.PodSpec{NodeName: p.node, Containers: []api.Container{{Name: "c", Image: "nginx"}}},
		Status: api.PodStatus{
			Phase:             p.phase,
			ContainerStatuses: []api.ContainerStatus{{Name: "c", RestartCount: p.restarts, Ready: p.ready}},
		},
	}
	if p.cost != "" {
		pod.Annotations = map[string]string{api.PodDeletionCostAnnotation: p.cost}
	}
	if p.ready {
		pod.Status.Conditions = []api.PodCondition{{Type: api.PodReady, Status: api.ConditionTrue, LastTransitionTime: at(p.readyAgo)}}
	} else if p.phase == api.PodRunning {
		pod.Status.Conditions = []api.PodCondition{{Type: api.PodReady, Status: api.ConditionFalse}}
	}
	return pod
}

const (
	s8Month = 30 * 24 * time.Hour
)

var s8Now = time.Date(2026, time.November, 27, 9, 0, 0, 0, time.UTC)

func s8Names(pods []*api.Pod) []string {
	out := make([]string, len(pods))
	for i, p := range pods {
		out[i] = p.Name
	}
	return out
}

// §8.8 T75: the full order by rules 1–3 and 6–8, with every pod at the same rank.
func TestSpec8RankForDeletionOrder(t *testing.T) {
	want := []s8PodSpec{
		{name: "unscheduled", uid: "u1", node: "", phase: api.PodPending, readyAgo: s8Zero, createdAgo: s8Zero},
		{name: "pending", uid: "u2", node: "foo", phase: api.PodPending, readyAgo: s8Zero, createdAgo: s8Zero},
		{name: "unknown-phase", uid: "u3", node: "foo", phase: api.PodUnknown, readyAgo: s8Zero, createdAgo: s8Zero},
		{name: "running-not-ready", uid: "u4", node: "foo", phase: api.PodRunning, readyAgo: s8Zero, createdAgo: s8Zero},
		{name: "ready-no-ready-time", uid: "u5", node: "foo", phase: api.PodRunning, ready: true, readyAgo: s8Zero, createdAgo: s8Zero},
		{name: "ready-now", uid: "u6", node: "foo", phase: api.PodRunning, ready: true, readyAgo: 0, createdAgo: s8Zero},
		{name: "ready-long-ago-3-restarts", uid: "u7", node: "foo", phase: api.PodRunning, ready: true, readyAgo: s8Month, createdAgo: s8Zero, restarts: 3},
		{name: "ready-long-ago-2-restarts-created-now", uid: "u8", node: "foo", phase: api.PodRunning, ready: true, readyAgo: s8Month, createdAgo: 0, restarts: 2},
		{name: "ready-long-ago-2-restarts-created-long-ago", uid: "u9", node: "foo", phase: api.PodRunning, ready: true, readyAgo: s8Month, createdAgo: s8Month, restarts: 2},
	}
	var wantNames []string
	for _, p := range want {
		wantNames = append(wantNames, p.name)
	}
	orders := map[string][]int{
		"reversed": {8, 7, 6, 5, 4, 3, 2, 1, 0},
		"shuffled": {4, 8, 0, 6, 2, 7, 1, 5, 3},
		"in order": {0, 1, 2, 3, 4, 5, 6, 7, 8},
	}
	for _, withRelated := range []bool{false, true} {
		for label, order := range orders {
			name := fmt.Sprintf("T75 unscheduled < pending < unknown < not ready < ready (zero ready time < recent < old) < more restarts < newer (input %s, related pods given: %v)", label, withRelated)
			t.Run(name, func(t *testing.T) {
				var pods []*api.Pod
				for _, i := range order {
					pods = append(pods, want[i].build(s8Now))
				}
				var related []*api.Pod
				if withRelated {
					related = pods
				}
				got := s8Names(rankForDeletion(pods, activePerNode(related), s8Now, len(pods), nil))
				if fmt.Sprint(got) != fmt.Sprint(wantNames) {
					t.Errorf("order =\n  %v\nwant\n  %v", got, wantNames)
				}
			})
		}
	}
}

// s8Ranked is a pod with the rank (active related pods on its node) it should get.
type s8Ranked struct {
	pod  s8PodSpec
	rank int
}

// s8RankPair ranks two pods, placing them on separate nodes (unless unscheduled) and adding
// filler pods so that each gets its rank; it returns the names in deletion order.
func s8RankPair(a, b s8Ranked, now time.Time) []string {
	pa, pb := a.pod.build(now), b.pod.build(now)
	if pa.Spec.NodeName != "" {
		pa.Spec.NodeName = "node-a"
	}
	if pb.Spec.NodeName != "" {
		pb.Spec.NodeName = "node-b"
	}
	related := []*api.Pod{pa, pb}
	fill := func(node string, n int) {
		for i := 0; i < n; i++ {
			related = append(related, &api.Pod{
				ObjectMeta: api.ObjectMeta{Name: "filler-" + node + "-" + strconv.Itoa(i), UID: "filler"},
				Spec:       &api.PodSpec{NodeName: node},
				Status:     api.PodStatus{Phase: api.PodRunning},
			})
		}
	}
	fill(pa.Spec.NodeName, a.rank-1)
	fill(pb.Spec.NodeName, b.rank-1)
	return s8Names(rankForDeletion([]*api.Pod{pa, pb}, activePerNode(related), now, 2, nil))
}

// §8.8 T76–T80: pairwise rules with ranks; "first" is deleted first, in either input order.
func TestSpec8RankForDeletionPairs(t *testing.T) {
	var (
		unscheduled         = s8PodSpec{name: "unscheduled", uid: "1", node: "", phase: api.PodPending, readyAgo: s8Zero, createdAgo: s8Zero}
		scheduledPending    = s8PodSpec{name: "pending", uid: "2", node: "n", phase: api.PodPending, readyAgo: s8Zero, createdAgo: s8Zero}
		unknownPhase        = s8PodSpec{name: "unknown-phase", uid: "3", node: "n", phase: api.PodUnknown, readyAgo: s8Zero, createdAgo: s8Zero}
		runningNotReady     = s8PodSpec{name: "not-ready", uid: "4", node: "n", phase: api.PodRunning, readyAgo: s8Zero, createdAgo: s8Zero}
		readyNoReadyTime    = s8PodSpec{name: "ready-no-ready-time", uid: "5", node: "n", phase: api.PodRunning, ready: true, readyAgo: s8Zero, createdAgo: s8Zero}
		readyNow            = s8PodSpec{name: "ready-now", uid: "6", node: "n", phase: api.PodRunning, ready: true, readyAgo: 0, createdAgo: 0}
		readyThen           = s8PodSpec{name: "ready-then", uid: "7", node: "n", phase: api.PodRunning, ready: true, readyAgo: s8Month, createdAgo: s8Month}
		readyNowHighRestart = s8PodSpec{name: "ready-high-restarts", uid: "8", node: "n", phase: api.PodRunning, ready: true, readyAgo: 0, createdAgo: 0, restarts: 9001}
		readyNowCreatedThen = s8PodSpec{name: "ready-now-created-then", uid: "9", node: "n", phase: api.PodRunning, ready: true, readyAgo: 0, createdAgo: s8Month}
		lowCost             = s8PodSpec{name: "low-deletion-cost", uid: "a", node: "n", phase: api.PodRunning, ready: true, readyAgo: 0, createdAgo: s8Month, cost: "10"}
		highCost            = s8PodSpec{name: "high-deletion-cost", uid: "b", node: "n", phase: api.PodRunning, ready: true, readyAgo: 0, createdAgo: s8Month, cost: "100"}
		ready2h             = s8PodSpec{name: "ready-2-hours", uid: "c", node: "n", phase: api.PodRunning, ready: true, readyAgo: 2 * time.Hour, createdAgo: s8Month}
		ready5h             = s8PodSpec{name: "ready-5-hours", uid: "d", node: "n", phase: api.PodRunning, ready: true, readyAgo: 5 * time.Hour, createdAgo: s8Month}
		restarts9001        = s8PodSpec{name: "restarts-9001", uid: "z", node: "n", phase: api.PodRunning, ready: true, readyAgo: time.Hour, createdAgo: s8Month, restarts: 9001}
		restarts0           = s8PodSpec{name: "restarts-0", uid: "e", node: "n", phase: api.PodRunning, ready: true, readyAgo: time.Hour, createdAgo: s8Month}
	)
	// Same 5h/8h bucket (floor(log2 ns) = 44 for both): the smaller UID goes first.
	ready5hUIDy := s8PodSpec{name: "ready-5-hours-uid-y", uid: "y", node: "n", phase: api.PodRunning, ready: true, readyAgo: 5 * time.Hour, createdAgo: s8Month}
	ready8hUIDx := s8PodSpec{name: "ready-8-hours-uid-x", uid: "x", node: "n", phase: api.PodRunning, ready: true, readyAgo: 8 * time.Hour, createdAgo: s8Month}
	ready5hUIDp := s8PodSpec{name: "ready-5-hours-uid-p", uid: "p", node: "n", phase: api.PodRunning, ready: true, readyAgo: 5 * time.Hour, createdAgo: s8Month}
	ready8hUIDq := s8PodSpec{name: "ready-8-hours-uid-q", uid: "q", node: "n", phase: api.PodRunning, ready: true, readyAgo: 8 * time.Hour, createdAgo: s8Month}
	// Creation time in the same bucket (5h/8h, not ready): UID decides as well.
	unscheduled5hUIDn := s8PodSpec{name: "unscheduled-5-hours-uid-n", uid: "n", node: "", phase: api.PodPending, readyAgo: s8Zero, createdAgo: 5 * time.Hour}
	unscheduled8hUIDm := s8PodSpec{name: "unscheduled-8-hours-uid-m", uid: "m", node: "", phase: api.PodPending, readyAgo: s8Zero, createdAgo: 8 * time.Hour}

	tests := []struct {
		name          string
		first, second s8Ranked
	}{
		{"T76 unscheduled (rank 1) before scheduled pending (rank 2): rank does not beat rule 1", s8Ranked{unscheduled, 1}, s8Ranked{scheduledPending, 2}},
		{"T76 unscheduled (rank 2) before scheduled pending (rank 1)", s8Ranked{unscheduled, 2}, s8Ranked{scheduledPending, 1}},
		{"T76 pending (rank 1) before unknown phase (rank 2): rank does not beat rule 2", s8Ranked{scheduledPending, 1}, s8Ranked{unknownPhase, 2}},
		{"T76 unknown phase (rank 1) before running not ready (rank 2)", s8Ranked{unknownPhase, 1}, s8Ranked{runningNotReady, 2}},
		{"T76 not ready (rank 1) before ready (rank 1): rule 3", s8Ranked{runningNotReady, 1}, s8Ranked{readyNoReadyTime, 1}},
		{"T76 ready without ready time before ready now (same rank): zero time first", s8Ranked{readyNoReadyTime, 1}, s8Ranked{readyNow, 1}},
		{"T77 rank 2 before rank 1 even when the rank-1 pod has no ready time", s8Ranked{readyNow, 2}, s8Ranked{readyNoReadyTime, 1}},
		{"T77 ready now before ready a month ago (same rank)", s8Ranked{readyNow, 1}, s8Ranked{readyThen, 1}},
		{"T77 rank 2 before rank 1 even when the rank-1 pod became ready later", s8Ranked{readyThen, 2}, s8Ranked{readyNow, 1}},
		{"T77 9001 restarts before 0 (same rank and ready time)", s8Ranked{readyNowHighRestart, 1}, s8Ranked{readyNow, 1}},
		{"T77 rank 2 before rank 1 even when the rank-1 pod has 9001 restarts", s8Ranked{readyNow, 2}, s8Ranked{readyNowHighRestart, 1}},
		{"T77 created now before created a month ago (same rank)", s8Ranked{readyNow, 1}, s8Ranked{readyNowCreatedThen, 1}},
		{"T77 rank 2 before rank 1 even when the rank-1 pod is younger", s8Ranked{readyNowCreatedThen, 2}, s8Ranked{readyNow, 1}},
		{"T78 deletion cost 10 (rank 2) before cost 100 (rank 1)", s8Ranked{lowCost, 2}, s8Ranked{highCost, 1}},
		{"T78 deletion cost 10 (rank 1) before cost 100 (rank 2): cost beats rank", s8Ranked{lowCost, 1}, s8Ranked{highCost, 2}},
		{"T79 ready 2h before ready 5h (same rank): smaller log2 bucket first", s8Ranked{ready2h, 1}, s8Ranked{ready5h, 1}},
		{"T79 ready 5h vs 8h share a bucket: smaller UID first (8h pod with uid x before 5h pod with uid y)", s8Ranked{ready8hUIDx, 1}, s8Ranked{ready5hUIDy, 1}},
		{"T79 ready 5h vs 8h share a bucket: smaller UID first (5h pod with uid p before 8h pod with uid q)", s8Ranked{ready5hUIDp, 1}, s8Ranked{ready8hUIDq, 1}},
		{"T79 creation 5h vs 8h share a bucket: smaller UID first (rule 8)", s8Ranked{unscheduled8hUIDm, 1}, s8Ranked{unscheduled5hUIDn, 1}},
		{"T80 9001 restarts before 0 restarts, otherwise equal (the UID would say otherwise)", s8Ranked{restarts9001, 1}, s8Ranked{restarts0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := []string{tt.first.pod.name, tt.second.pod.name}
			if got := s8RankPair(tt.first, tt.second, s8Now); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("order %v, want %v", got, want)
			}
			if got := s8RankPair(tt.second, tt.first, s8Now); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("order with inputs swapped %v, want %v", got, want)
			}
		})
	}
}
