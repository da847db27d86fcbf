package engine

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller/deployment"
	"rolloutlab/engine/kubectl/printers"
)

// View is what the UI draws: a plain copy of the cluster's state, nothing shared with the
// engine's objects.
type View struct {
	Now     time.Time
	Elapsed time.Duration
	// Version changes whenever any object changes (the store's resourceVersion).
	Version     int64
	Deployments []DeploymentView
	// Unowned are ReplicaSets and pods no Deployment controls (bare pods, orphans).
	UnownedReplicaSets []ReplicaSetView
	UnownedPods        []PodView
	Nodes              []NodeView
	Events             []EventView
	// Services of the default namespace, with the pods that receive their traffic.
	Services []ServiceView
	// Pending is the number of queued units of work; NextIn is when the next one is due.
	Pending int
	NextIn  time.Duration
}

// DeploymentView is a Deployment with its ReplicaSets, newest revision first.
type DeploymentView struct {
	Name           string
	Strategy       string
	MaxSurge       string
	MaxUnavailable string
	Replicas       int32
	Total          int32
	Updated        int32
	Ready          int32
	Available      int32
	Unavailable    int32
	Revision       string
	Paused         bool
	Complete       bool
	Images         []string
	Conditions     []ConditionView
	ReplicaSets    []ReplicaSetView
	// NewPodsFailing are the new ReplicaSet's failing pods. kubectl reports a rollout whose new
	// pods cannot start as progressing until progressDeadlineSeconds (10 minutes) pass; this is
	// what the UI shows meanwhile.
	NewPodsFailing []Failure
}

// Failure counts the pods failing with one STATUS (as `kubectl get pods` prints it).
type Failure struct {
	Reason string // ErrImagePull, ImagePullBackOff, CrashLoopBackOff, …
	Pods   int
}

// ConditionView is one status condition.
type ConditionView struct {
	Type, Status, Reason, Message string
}

// ReplicaSetView is a ReplicaSet with its pods (by name).
type ReplicaSetView struct {
	Name            string
	Hash            string
	Revision        string
	RevisionHistory string
	ChangeCause     string
	Images          []string
	Desired         int32
	Current         int32
	Ready           int32
	Available       int32
	New             bool // its template is the Deployment's
	Age             string
	Pods            []PodView
	// Failing counts its failing pods by reason, most first.
	Failing []Failure
	// RolledBackFrom is the revision this template had before it came back (the newest of
	// deployment.kubernetes.io/revision-history), as after `kubectl rollout undo`: "" for a
	// template used once.
	RolledBackFrom string
}

// PodView is a pod as `kubectl get pods` shows it.
type PodView struct {
	Name        string
	Status      string // Running, ContainerCreating, ErrImagePull, ImagePullBackOff, Terminating, …
	Ready       string // 1/1
	IsReady     bool
	Restarts    string
	Age         string
	Node        string
	Image       string
	Terminating bool
	Failing     bool      // it cannot start or keeps failing: an image pull error, a back-off, a crash
	Created     time.Time // creationTimestamp (whole seconds): with Name, a stable order
	// Traffic names the Services whose endpoints list this pod as ready: it receives their
	// traffic (a pod that is not Ready gets none, whatever its status).
	Traffic []string
}

// NodeView is a node with its pod count.
type NodeView struct {
	Name   string
	Status string
	Pods   int
}

// EventView is one event, oldest first in View.Events.
type EventView struct {
	Time    time.Time
	Age     string
	Type    string
	Reason  string
	Object  string
	Message string
	Count   int32
}

// View builds the read model. maxEvents bounds the event list (newest kept; 0 = all).
func (e *Engine) View(maxEvents int) View {
	c := e.Cluster
	now := c.Now()
	v := View{Now: now, Elapsed: now.Sub(e.start), Version: c.Store.ResourceVersion(), Pending: c.Clock.Len()}
	if t := c.Clock.Next(); t != nil {
		v.NextIn = t.At().Sub(now)
	}
	owned := map[string]bool{}
	for _, o := range c.Store.List(api.KindDeployment, "default") {
		d := o.(*api.Deployment)
		dv := DeploymentView{
			Name: d.Name, Strategy: d.Spec.Strategy.Type, Replicas: api.Int32(d.Spec.Replicas, 1),
			Total: d.Status.Replicas, Updated: d.Status.UpdatedReplicas, Ready: d.Status.ReadyReplicas,
			Available: d.Status.AvailableReplicas, Unavailable: d.Status.UnavailableReplicas,
			Revision: d.Annotations[api.RevisionAnnotation], Paused: d.Spec.Paused, Images: imagesOf(&d.Spec.Template),
		}
		if ru := d.Spec.Strategy.RollingUpdate; ru != nil {
			if ru.MaxSurge != nil {
				dv.MaxSurge = ru.MaxSurge.String()
			}
			if ru.MaxUnavailable != nil {
				dv.MaxUnavailable = ru.MaxUnavailable.String()
			}
		}
		for _, cd := range d.Status.Conditions {
			dv.Conditions = append(dv.Conditions, ConditionView{cd.Type, cd.Status, cd.Reason, cd.Message})
		}
		dv.Complete = deployment.DeploymentComplete(d, &d.Status)
		for _, rs := range c.ReplicaSetsOf(d) {
			owned[rs.UID] = true
			rv := e.replicaSetView(rs, now)
			rv.New = deployment.EqualIgnoreHash(&rs.Spec.Template, &d.Spec.Template)
			if rv.New {
				dv.NewPodsFailing = rv.Failing
			}
			dv.ReplicaSets = append(dv.ReplicaSets, rv)
		}
		sort.SliceStable(dv.ReplicaSets, func(i, j int) bool {
			return revisionNumber(dv.ReplicaSets[i].Revision) > revisionNumber(dv.ReplicaSets[j].Revision)
		})
		v.Deployments = append(v.Deployments, dv)
	}
	for _, o := range c.Store.List(api.KindReplicaSet, "default") {
		if rs := o.(*api.ReplicaSet); !owned[rs.UID] {
			owned[rs.UID] = true
			v.UnownedReplicaSets = append(v.UnownedReplicaSets, e.replicaSetView(rs, now))
		}
	}
	podsOnNode := map[string]int{}
	for _, o := range c.Store.List(api.KindPod, "default") {
		p := o.(*api.Pod)
		podsOnNode[p.Spec.NodeName]++
		if ref := p.ControllerRef(); ref == nil || !owned[ref.UID] {
			v.UnownedPods = append(v.UnownedPods, podView(p, now))
		}
	}
	for _, o := range c.Store.List(api.KindNode, "") {
		n := o.(*api.Node)
		v.Nodes = append(v.Nodes, NodeView{Name: n.Name, Status: printers.NodeStatus(n), Pods: podsOnNode[n.Name]})
	}
	var traffic map[string][]string
	v.Services, traffic = e.services()
	v.markTraffic(traffic)
	for _, ev := range latestEvents(c.Recorder.Recent("default", maxEvents), maxEvents) {
		v.Events = append(v.Events, EventView{
			Time: ev.LastTimestamp.Time, Age: printers.Age(ev.LastTimestamp, now), Type: ev.Type, Reason: ev.Reason,
			Object: printers.EventObject(ev), Message: ev.Message, Count: ev.Count,
		})
	}
	return v
}

// latestEvents returns the n most recently seen events (all for n = 0), oldest first, in the
// order a stable sort by lastTimestamp gives. A cluster keeps thousands of events and the view
// is rebuilt every frame, so only the newest are sorted: timestamps are whole seconds, so the
// second the n-th newest falls in is found by counting.
func latestEvents(objs []api.Object, n int) []*api.Event {
	evs := make([]*api.Event, len(objs))
	for i, o := range objs {
		evs[i] = o.(*api.Event)
	}
	if n > 0 && len(evs) > n {
		perSecond := map[int64]int{}
		for _, e := range evs {
			perSecond[e.LastTimestamp.Unix()]++
		}
		seconds := make([]int64, 0, len(perSecond))
		for sec := range perSecond {
			seconds = append(seconds, sec)
		}
		sort.Slice(seconds, func(i, j int) bool { return seconds[i] > seconds[j] })
		threshold, fromThreshold := seconds[len(seconds)-1], n
		for _, sec := range seconds {
			if perSecond[sec] >= fromThreshold {
				threshold = sec
				break
			}
			fromThreshold -= perSecond[sec]
		}
		// Keep everything newer than the threshold second and, of that second, the last ones
		// in list order (a stable sort puts them last).
		skip := perSecond[threshold] - fromThreshold
		kept := evs[:0:0]
		for _, e := range evs {
			switch sec := e.LastTimestamp.Unix(); {
			case sec > threshold:
				kept = append(kept, e)
			case sec == threshold:
				if skip > 0 {
					skip--
					continue
				}
				kept = append(kept, e)
			}
		}
		evs = kept
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].LastTimestamp.Before(evs[j].LastTimestamp.Time) })
	return evs
}

func (e *Engine) replicaSetView(rs *api.ReplicaSet, now time.Time) ReplicaSetView {
	rv := ReplicaSetView{
		Name: rs.Name, Hash: rs.Labels[api.PodTemplateHashLabel], Revision: rs.Annotations[api.RevisionAnnotation],
		RevisionHistory: rs.Annotations[api.RevisionHistoryAnnotation], ChangeCause: rs.Annotations[api.ChangeCauseAnnotation],
		Images: imagesOf(&rs.Spec.Template), Desired: api.Int32(rs.Spec.Replicas, 1), Current: rs.Status.Replicas,
		Ready: rs.Status.ReadyReplicas, Available: rs.Status.AvailableReplicas, Age: printers.Age(rs.CreationTimestamp, now),
	}
	if h := rv.RevisionHistory; h != "" {
		rv.RolledBackFrom = h[strings.LastIndexByte(h, ',')+1:]
	}
	pods := e.Cluster.PodsOf(rs)
	sort.Slice(pods, func(i, j int) bool { return pods[i].Name < pods[j].Name })
	for _, p := range pods {
		pv := podView(p, now)
		rv.Pods = append(rv.Pods, pv)
		if pv.Failing {
			rv.Failing = countFailure(rv.Failing, pv.Status)
		}
	}
	sort.SliceStable(rv.Failing, func(i, j int) bool { return rv.Failing[i].Pods > rv.Failing[j].Pods })
	return rv
}

func countFailure(fs []Failure, reason string) []Failure {
	for i := range fs {
		if fs[i].Reason == reason {
			fs[i].Pods++
			return fs
		}
	}
	return append(fs, Failure{Reason: reason, Pods: 1})
}

// failingStatus tells the STATUS values of pods that cannot run from those on their way:
// image pull errors and back-offs (ErrImagePull, ImagePullBackOff, CrashLoopBackOff, …), other
// Err… and Init:Err… reasons, and failed or evicted pods. Pending, ContainerCreating, Running,
// Completed and Terminating are not failures.
func failingStatus(status string) bool {
	s := strings.TrimPrefix(status, "Init:")
	return strings.HasPrefix(s, "Err") || strings.HasSuffix(s, "BackOff") || strings.HasSuffix(s, "Error") ||
		s == "InvalidImageName" || s == "Failed" || s == "Evicted" || s == "OOMKilled"
}

func podView(p *api.Pod, now time.Time) PodView {
	info := printers.GetPodInfo(p)
	pv := PodView{
		Name: p.Name, Status: info.Status, Ready: readyText(info.Ready, info.Total), IsReady: info.Total > 0 && info.Ready == info.Total,
		Restarts: info.RestartsString(now), Age: printers.Age(p.CreationTimestamp, now), Node: p.Spec.NodeName,
		Terminating: p.DeletionTimestamp != nil, Created: p.CreationTimestamp.Time,
	}
	pv.Failing = !pv.Terminating && failingStatus(pv.Status)
	if len(p.Spec.Containers) > 0 {
		pv.Image = p.Spec.Containers[0].Image
	}
	return pv
}

func readyText(ready, total int) string {
	return strconv.Itoa(ready) + "/" + strconv.Itoa(total)
}

func imagesOf(t *api.PodTemplateSpec) []string {
	out := make([]string, len(t.Spec.Containers))
	for i, c := range t.Spec.Containers {
		out[i] = c.Image
	}
	return out
}

func revisionNumber(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
