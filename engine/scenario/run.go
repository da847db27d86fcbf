package scenario

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"rolloutlab/engine"
	"rolloutlab/engine/api"
	"rolloutlab/engine/cluster"
)

// Transcript is the recorded run, in the conformance JSON schema.
type Transcript struct {
	Scenario    string            `json:"scenario"`
	Versions    map[string]string `json:"versions"`
	Namespace   string            `json:"namespace"`
	Steps       []StepResult      `json:"steps"`
	FinalEvents []EventSnap       `json:"finalEvents"`
}

// StepResult is one step of a transcript.
type StepResult struct {
	Index    int       `json:"index"`
	Line     int       `json:"line"`
	Kind     string    `json:"kind"`
	Command  string    `json:"command,omitempty"`
	Stdout   *string   `json:"stdout,omitempty"`
	Stderr   *string   `json:"stderr,omitempty"`
	ExitCode *int      `json:"exitCode,omitempty"`
	Result   string    `json:"result,omitempty"`
	File     string    `json:"file,omitempty"`
	Content  string    `json:"content,omitempty"`
	T        float64   `json:"t"`
	Snapshot *Snapshot `json:"snapshot,omitempty"`
}

// Run executes steps on a fresh engine with the conformance stand-in's timing.
func Run(name string, steps []Step, seed uint64) *Transcript {
	e := engine.New(engine.Options{Seed: seed})
	start := e.Now()
	tr := &Transcript{Scenario: name, Namespace: "default", Versions: map[string]string{
		"kubernetes": "v1.37.2 (Rollout Lab simulator)", "kubelet": "simulated (stand-in timing)",
	}}
	seen := map[string]int32{}
	for i, s := range steps {
		r := StepResult{Index: i + 1, Line: s.Line, Kind: s.Kind, Command: s.Command, T: seconds(e.Now().Sub(start))}
		switch s.Kind {
		case "file":
			e.WriteFile(s.File, s.Content)
			r.Command, r.File, r.Content = "", s.File, s.Content
		case "note":
			r.Result = s.Note
			r.Command = ""
		case "sleep":
			e.Advance(time.Duration(s.Seconds * float64(time.Second)))
		case "wait-rollout":
			r.Result = waitRollout(e, s.Name, time.Duration(s.Seconds*float64(time.Second)))
		case "kubectl":
			x := e.Exec(s.Command)
			e.Drive(x)
			out, errOut, code := x.Stdout(), x.Stderr(), x.ExitCode()
			r.Stdout, r.Stderr, r.ExitCode = &out, &errOut, &code
		}
		if s.Kind != "file" && s.Kind != "note" {
			r.Snapshot = Take(e.Cluster, seen)
		}
		tr.Steps = append(tr.Steps, r)
	}
	tr.FinalEvents = allEvents(e.Cluster)
	return tr
}

func seconds(d time.Duration) float64 {
	return float64(d.Milliseconds()) / 1000
}

// waitRollout advances the clock, one unit of work at a time, until the Deployment is
// complete or the time is up; work due at that same instant is finished before returning.
func waitRollout(e *engine.Engine, name string, limit time.Duration) string {
	clk := e.Cluster.Clock
	start := clk.Now()
	deadline := start.Add(limit)
	done := func() bool {
		d := e.Cluster.Deployment("default", name)
		return d != nil && cluster.RolloutComplete(d)
	}
	for !done() {
		next := clk.Next()
		if next == nil || next.At().After(deadline) {
			clk.RunUntil(deadline)
			return "TIMED OUT after " + fmt.Sprintf("%.1fs", seconds(clk.Now().Sub(start))) + ": " + rolloutFacts(e, name)
		}
		clk.Step()
	}
	clk.RunUntil(clk.Now())
	return fmt.Sprintf("complete after %.1fs: %s", seconds(clk.Now().Sub(start)), rolloutFacts(e, name))
}

func rolloutFacts(e *engine.Engine, name string) string {
	return RolloutFacts(e.Cluster.Deployment("default", name))
}

// RolloutFacts is the state a wait-rollout step reports.
func RolloutFacts(d *api.Deployment) string {
	if d == nil {
		return "deployment not found"
	}
	s := d.Status
	return fmt.Sprintf("observedGeneration=%d/%d updated=%d replicas=%d available=%d unavailable=%d (want %d)",
		s.ObservedGeneration, d.Generation, s.UpdatedReplicas, s.Replicas, s.AvailableReplicas, s.UnavailableReplicas, api.Int32(d.Spec.Replicas, 1))
}

// Snapshot is the object state after a step.
type Snapshot struct {
	Deployments []DeploymentSnap `json:"deployments"`
	ReplicaSets []RSSnap         `json:"replicaSets"`
	Pods        []PodSnap        `json:"pods"`
	NewEvents   []EventSnap      `json:"newEvents"`
}

// DeploymentSnap is a Deployment's facts in a snapshot.
type DeploymentSnap struct {
	Name                string            `json:"name"`
	Generation          int64             `json:"generation"`
	ObservedGeneration  int64             `json:"observedGeneration"`
	SpecReplicas        int32             `json:"specReplicas"`
	Paused              bool              `json:"paused,omitempty"`
	Strategy            string            `json:"strategy"`
	MaxSurge            string            `json:"maxSurge,omitempty"`
	MaxUnavailable      string            `json:"maxUnavailable,omitempty"`
	Images              []string          `json:"images"`
	Replicas            int32             `json:"replicas"`
	UpdatedReplicas     int32             `json:"updatedReplicas"`
	ReadyReplicas       int32             `json:"readyReplicas"`
	AvailableReplicas   int32             `json:"availableReplicas"`
	UnavailableReplicas int32             `json:"unavailableReplicas"`
	TerminatingReplicas *int32            `json:"terminatingReplicas,omitempty"`
	CollisionCount      *int32            `json:"collisionCount,omitempty"`
	Conditions          []ConditionSnap   `json:"conditions"`
	Annotations         map[string]string `json:"annotations,omitempty"`
}

// ConditionSnap is one condition.
type ConditionSnap struct {
	Type    string `json:"type"`
	Status  string `json:"status"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

// RSSnap is a ReplicaSet's facts in a snapshot.
type RSSnap struct {
	Name                 string            `json:"name"`
	PodTemplateHash      string            `json:"podTemplateHash"`
	Revision             string            `json:"revision,omitempty"`
	RevisionHistory      string            `json:"revisionHistory,omitempty"`
	DesiredReplicas      string            `json:"desiredReplicas,omitempty"`
	MaxReplicas          string            `json:"maxReplicas,omitempty"`
	ChangeCause          string            `json:"changeCause,omitempty"`
	Images               []string          `json:"images"`
	SpecReplicas         int32             `json:"specReplicas"`
	Replicas             int32             `json:"replicas"`
	FullyLabeledReplicas int32             `json:"fullyLabeledReplicas"`
	ReadyReplicas        int32             `json:"readyReplicas"`
	AvailableReplicas    int32             `json:"availableReplicas"`
	TerminatingReplicas  *int32            `json:"terminatingReplicas,omitempty"`
	ObservedGeneration   int64             `json:"observedGeneration"`
	Generation           int64             `json:"generation"`
	OwnerReferences      []string          `json:"ownerReferences,omitempty"`
	Annotations          map[string]string `json:"annotations,omitempty"`
}

// PodSnap is a pod's facts in a snapshot.
type PodSnap struct {
	Name            string `json:"name"`
	OwnerRS         string `json:"ownerRS,omitempty"`
	PodTemplateHash string `json:"podTemplateHash,omitempty"`
	Node            string `json:"node,omitempty"`
	Phase           string `json:"phase"`
	Ready           bool   `json:"ready"`
	Terminating     bool   `json:"terminating,omitempty"`
	Image           string `json:"image"`
	WaitingReason   string `json:"waitingReason,omitempty"`
	WaitingMessage  string `json:"waitingMessage,omitempty"`
}

// EventSnap is one event.
type EventSnap struct {
	Type    string `json:"type"`
	Reason  string `json:"reason"`
	Object  string `json:"object"`
	Message string `json:"message"`
	Source  string `json:"source"`
	Count   int32  `json:"count"`
}

func images(t *api.PodTemplateSpec) []string {
	out := make([]string, 0, len(t.Spec.Containers))
	for _, c := range t.Spec.Containers {
		out = append(out, c.Name+"="+c.Image)
	}
	return out
}

func conditions(cs []api.DeploymentCondition) []ConditionSnap {
	out := make([]ConditionSnap, 0, len(cs))
	for _, c := range cs {
		out = append(out, ConditionSnap{c.Type, c.Status, c.Reason, c.Message})
	}
	return out
}

func withoutManaged(a map[string]string, skip ...string) map[string]string {
	if len(a) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for _, k := range skip {
		delete(out, k)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Take records the cluster's objects; seen tracks event counts for newEvents.
func Take(c *cluster.Cluster, seen map[string]int32) *Snapshot {
	var deps []*api.Deployment
	var rss []*api.ReplicaSet
	var pods []*api.Pod
	for _, o := range c.Store.List(api.KindDeployment, "default") {
		deps = append(deps, o.(*api.Deployment))
	}
	for _, o := range c.Store.List(api.KindReplicaSet, "default") {
		rss = append(rss, o.(*api.ReplicaSet))
	}
	for _, o := range c.Store.List(api.KindPod, "default") {
		pods = append(pods, o.(*api.Pod))
	}
	return SnapshotOf(deps, rss, pods, sortedEvents(c), seen)
}

// SnapshotOf records the given objects (in list order) and the events that are new or whose
// count changed since seen was last updated (events oldest first, as SortEvents orders them).
func SnapshotOf(deps []*api.Deployment, rss []*api.ReplicaSet, pods []*api.Pod, evs []*api.Event, seen map[string]int32) *Snapshot {
	s := &Snapshot{Deployments: []DeploymentSnap{}, ReplicaSets: []RSSnap{}, Pods: []PodSnap{}, NewEvents: []EventSnap{}}
	for _, d := range deps {
		ds := DeploymentSnap{
			Name: d.Name, Generation: d.Generation, ObservedGeneration: d.Status.ObservedGeneration,
			SpecReplicas: api.Int32(d.Spec.Replicas, 1), Paused: d.Spec.Paused, Strategy: d.Spec.Strategy.Type,
			Images: images(&d.Spec.Template), Replicas: d.Status.Replicas, UpdatedReplicas: d.Status.UpdatedReplicas,
			ReadyReplicas: d.Status.ReadyReplicas, AvailableReplicas: d.Status.AvailableReplicas,
			UnavailableReplicas: d.Status.UnavailableReplicas, TerminatingReplicas: d.Status.TerminatingReplicas,
			CollisionCount: d.Status.CollisionCount, Conditions: conditions(d.Status.Conditions),
			Annotations: withoutManaged(d.Annotations, api.LastAppliedAnnotation),
		}
		if ru := d.Spec.Strategy.RollingUpdate; ru != nil {
			if ru.MaxSurge != nil {
				ds.MaxSurge = ru.MaxSurge.String()
			}
			if ru.MaxUnavailable != nil {
				ds.MaxUnavailable = ru.MaxUnavailable.String()
			}
		}
		s.Deployments = append(s.Deployments, ds)
	}
	for _, rs := range rss {
		a := rs.Annotations
		r := RSSnap{
			Name: rs.Name, PodTemplateHash: rs.Labels[api.PodTemplateHashLabel],
			Revision: a[api.RevisionAnnotation], RevisionHistory: a[api.RevisionHistoryAnnotation],
			DesiredReplicas: a[api.DesiredReplicasAnnotation], MaxReplicas: a[api.MaxReplicasAnnotation],
			ChangeCause: a[api.ChangeCauseAnnotation], Images: images(&rs.Spec.Template),
			SpecReplicas: api.Int32(rs.Spec.Replicas, 1), Replicas: rs.Status.Replicas,
			FullyLabeledReplicas: rs.Status.FullyLabeledReplicas, ReadyReplicas: rs.Status.ReadyReplicas,
			AvailableReplicas: rs.Status.AvailableReplicas, TerminatingReplicas: rs.Status.TerminatingReplicas,
			ObservedGeneration: rs.Status.ObservedGeneration, Generation: rs.Generation,
			Annotations: withoutManaged(a, api.RevisionAnnotation, api.RevisionHistoryAnnotation, api.DesiredReplicasAnnotation,
				api.MaxReplicasAnnotation, api.ChangeCauseAnnotation),
		}
		for _, ref := range rs.OwnerReferences {
			x := ref.Kind + "/" + ref.Name
			if ref.Controller != nil && *ref.Controller {
				x += ",controller"
			}
			if ref.BlockOwnerDeletion != nil && *ref.BlockOwnerDeletion {
				x += ",blockOwnerDeletion"
			}
			r.OwnerReferences = append(r.OwnerReferences, x)
		}
		s.ReplicaSets = append(s.ReplicaSets, r)
	}
	for _, p := range pods {
		ps := PodSnap{Name: p.Name, PodTemplateHash: p.Labels[api.PodTemplateHashLabel], Node: p.Spec.NodeName,
			Phase: p.Status.Phase, Terminating: p.DeletionTimestamp != nil}
		if ref := p.ControllerRef(); ref != nil {
			ps.OwnerRS = ref.Kind + "/" + ref.Name
		}
		for _, cond := range p.Status.Conditions {
			if cond.Type == api.PodReady {
				ps.Ready = cond.Status == api.ConditionTrue
			}
		}
		if len(p.Spec.Containers) > 0 {
			ps.Image = p.Spec.Containers[0].Image
		}
		for _, cs := range p.Status.ContainerStatuses {
			if w := cs.State.Waiting; w != nil {
				ps.WaitingReason, ps.WaitingMessage = w.Reason, w.Message
				break
			}
		}
		s.Pods = append(s.Pods, ps)
	}
	for _, e := range evs {
		if seen[e.Name] == e.Count {
			continue
		}
		seen[e.Name] = e.Count
		s.NewEvents = append(s.NewEvents, eventSnap(e))
	}
	return s
}

func sortedEvents(c *cluster.Cluster) []*api.Event {
	var evs []*api.Event
	for _, o := range c.Store.List(api.KindEvent, "default") {
		evs = append(evs, o.(*api.Event))
	}
	SortEvents(evs)
	return evs
}

// SortEvents orders events oldest first: by first timestamp, then by the sequence in their
// names (events are named after the moment they were made).
func SortEvents(evs []*api.Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		if !evs[i].FirstTimestamp.Equal(evs[j].FirstTimestamp.Time) {
			return evs[i].FirstTimestamp.Before(evs[j].FirstTimestamp.Time)
		}
		return eventSeq(evs[i].Name) < eventSeq(evs[j].Name)
	})
}

func eventSeq(name string) string {
	i := strings.LastIndex(name, ".")
	s := name[i+1:]
	return strings.Repeat("0", 20-len(s)) + s
}

func eventSnap(e *api.Event) EventSnap {
	src := e.Source.Component
	if e.Source.Host != "" {
		src += ", " + e.Source.Host
	}
	return EventSnap{Type: e.Type, Reason: e.Reason, Object: e.InvolvedObject.Kind + "/" + e.InvolvedObject.Name, Message: e.Message, Source: src, Count: e.Count}
}

func allEvents(c *cluster.Cluster) []EventSnap { return EventSnaps(sortedEvents(c)) }

// EventSnaps records events in the given order.
func EventSnaps(evs []*api.Event) []EventSnap {
	var out []EventSnap
	for _, e := range evs {
		out = append(out, eventSnap(e))
	}
	return out
}
