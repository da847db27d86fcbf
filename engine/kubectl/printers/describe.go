package printers

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"rolloutlab/engine/api"
)

// DescribeDeployment is `kubectl describe deployment`: metadata, selector, replica counts,
// strategy, the pod template, conditions, `OldReplicaSets` (every old ReplicaSet, oldest first,
// including those scaled to 0) and `NewReplicaSet` when the Deployment owns any ReplicaSet, and
// the events whose involved object is the Deployment, sorted by last timestamp.
func DescribeDeployment(d *api.Deployment, oldRSs []*api.ReplicaSet, newRS *api.ReplicaSet, events []*api.Event, now time.Time) string {
	return tabbed(func(w *prefixWriter) {
		w.write(level0, "Name:\t", d.Name, "\n")
		w.write(level0, "Namespace:\t", d.Namespace, "\n")
		w.write(level0, "CreationTimestamp:\t", rfc1123z(d.CreationTimestamp.Time), "\n")
		labelsMultiline(w, "Labels", d.Labels)
		annotationsMultiline(w, "Annotations", d.Annotations)
		w.write(level0, "Selector:\t", selectorString(d.Spec.Selector), "\n")
		w.write(level0, "Replicas:\t", itoa(api.Int32(d.Spec.Replicas, 1)), " desired | ",
			itoa(d.Status.UpdatedReplicas), " updated | ", itoa(d.Status.Replicas), " total | ",
			itoa(d.Status.AvailableReplicas), " available | ", itoa(d.Status.UnavailableReplicas), " unavailable\n")
		w.write(level0, "StrategyType:\t", d.Spec.Strategy.Type, "\n")
		w.write(level0, "MinReadySeconds:\t", itoa(d.Spec.MinReadySeconds), "\n")
		if ru := d.Spec.Strategy.RollingUpdate; ru != nil {
			w.write(level0, "RollingUpdateStrategy:\t", intOrString(ru.MaxUnavailable), " max unavailable, ",
				intOrString(ru.MaxSurge), " max surge\n")
		}
		describePodTemplate(w, &d.Spec.Template)
		if len(d.Status.Conditions) > 0 {
			w.write(level0, "Conditions:\n  Type\tStatus\tReason\n")
			w.write(level1, "----\t------\t------\n")
			for _, c := range d.Status.Conditions {
				w.write(level1, c.Type, " \t", c.Status, "\t", c.Reason, "\n")
			}
		}
		if len(oldRSs) > 0 || newRS != nil {
			w.write(level0, "OldReplicaSets:\t", replicaSetList(oldRSs), "\n")
			var news []*api.ReplicaSet
			if newRS != nil {
				news = []*api.ReplicaSet{newRS}
			}
			w.write(level0, "NewReplicaSet:\t", replicaSetList(news), "\n")
		}
		describeEvents(w, events, now)
	})
}

func intOrString(v *api.IntOrString) string {
	if v == nil {
		return "<nil>"
	}
	return v.String()
}

// replicaSetList renders `<name> (<status.replicas>/<spec.replicas> replicas created)` items
// joined by `, `, or `<none>`.
func replicaSetList(rss []*api.ReplicaSet) string {
	if len(rss) == 0 {
		return "<none>"
	}
	parts := make([]string, len(rss))
	for i, rs := range rss {
		parts[i] = rs.Name + " (" + itoa(rs.Status.Replicas) + "/" + itoa(api.Int32(rs.Spec.Replicas, 1)) + " replicas created)"
	}
	return strings.Join(parts, ", ")
}

// DescribeReplicaSet is `kubectl describe replicaset`. pods may be every pod of the namespace:
// `Pods Status` counts, by phase, those the ReplicaSet controls that match its selector
// (Pending counts as Waiting; pods being deleted still count under their phase).
func DescribeReplicaSet(rs *api.ReplicaSet, pods []*api.Pod, events []*api.Event, now time.Time) string {
	var running, waiting, succeeded, failed int
	for _, p := range pods {
		ref := p.ControllerRef()
		if ref == nil || ref.Kind != api.KindReplicaSet {
			continue
		}
		if rs.UID != "" && ref.UID != "" {
			if ref.UID != rs.UID {
				continue
			}
		} else if ref.Name != rs.Name {
			continue
		}
		if rs.Spec.Selector != nil && !rs.Spec.Selector.Matches(p.Labels) {
			continue
		}
		switch p.Status.Phase {
		case api.PodRunning:
			running++
		case api.PodPending:
			waiting++
		case api.PodSucceeded:
			succeeded++
		case api.PodFailed:
			failed++
		}
	}
	return tabbed(func(w *prefixWriter) {
		w.write(level0, "Name:\t", rs.Name, "\n")
		w.write(level0, "Namespace:\t", rs.Namespace, "\n")
		sel := selectorString(rs.Spec.Selector)
		if sel == "" {
			sel = "<none>"
		}
		w.write(level0, "Selector:\t", sel, "\n")
		labelsMultiline(w, "Labels", rs.Labels)
		annotationsMultiline(w, "Annotations", rs.Annotations)
		if ref := rs.ControllerRef(); ref != nil {
			w.write(level0, "Controlled By:\t", ref.Kind, "/", ref.Name, "\n")
		}
		w.write(level0, "Replicas:\t", itoa(rs.Status.Replicas), " current / ", itoa(api.Int32(rs.Spec.Replicas, 1)), " desired\n")
		w.write(level0, "Pods Status:\t")
		w.write(level0, strconv.Itoa(running), " Running / ", strconv.Itoa(waiting), " Waiting / ",
			strconv.Itoa(succeeded), " Succeeded / ", strconv.Itoa(failed), " Failed\n")
		describePodTemplate(w, &rs.Spec.Template)
		if len(rs.Status.Conditions) > 0 {
			w.write(level0, "Conditions:\n  Type\tStatus\tReason\n")
			w.write(level1, "----\t------\t------\n")
			for _, c := range rs.Status.Conditions {
				w.write(level1, c.Type, " \t", c.Status, "\t", c.Reason, "\n")
			}
		}
		describeEvents(w, events, now)
	})
}

// Tolerations the DefaultTolerationSeconds admission plugin adds to every pod.
const (
	taintNotReady        = "node.kubernetes.io/not-ready"
	taintUnreachable     = "node.kubernetes.io/unreachable"
	defaultTolerationSec = 300
)

// DefaultPodTolerations returns the tolerations a real API server's admission adds to a pod
// that does not already tolerate the not-ready / unreachable NoExecute taints:
// `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s` and the unreachable twin.
func DefaultPodTolerations(existing []api.Toleration) []api.Toleration {
	notReady, unreachable := false, false
	for _, t := range existing {
		if t.Effect != "NoExecute" && t.Effect != "" {
			continue
		}
		if t.Key == taintNotReady || t.Key == "" {
			notReady = true
		}
		if t.Key == taintUnreachable || t.Key == "" {
			unreachable = true
		}
	}
	out := append([]api.Toleration(nil), existing...)
	secs := int64(defaultTolerationSec)
	if !notReady {
		out = append(out, api.Toleration{Key: taintNotReady, Operator: "Exists", Effect: "NoExecute", TolerationSeconds: &secs})
	}
	if !unreachable {
		out = append(out, api.Toleration{Key: taintUnreachable, Operator: "Exists", Effect: "NoExecute", TolerationSeconds: &secs})
	}
	return out
}

// DescribePod is `kubectl describe pod`. Fields a real API server's admission always sets are
// shown with their admitted values when the object lacks them: `Priority: 0`,
// `Service Account: default`, the two default tolerations, and the QoS class computed from the
// containers' resources.
func DescribePod(p *api.Pod, events []*api.Event, now time.Time) string {
	return tabbed(func(w *prefixWriter) {
		w.write(level0, "Name:\t", p.Name, "\n")
		w.write(level0, "Namespace:\t", p.Namespace, "\n")
		w.write(level0, "Priority:\t", itoa(api.Int32(p.Spec.Priority, 0)), "\n")
		if p.Spec.PriorityClassName != "" {
			w.write(level0, "Priority Class Name:\t", p.Spec.PriorityClassName, "\n")
		}
		if p.Spec.RuntimeClassName != nil && *p.Spec.RuntimeClassName != "" {
			w.write(level0, "Runtime Class Name:\t", *p.Spec.RuntimeClassName, "\n")
		}
		sa := p.Spec.ServiceAccountName
		if sa == "" {
			sa = "default"
		}
		w.write(level0, "Service Account:\t", sa, "\n")
		if p.Spec.NodeName == "" {
			w.write(level0, "Node:\t<none>\n")
		} else {
			w.write(level0, "Node:\t", p.Spec.NodeName, "/", p.Status.HostIP, "\n")
		}
		if p.Status.StartTime != nil {
			w.write(level0, "Start Time:\t", rfc1123z(p.Status.StartTime.Time), "\n")
		}
		labelsMultiline(w, "Labels", p.Labels)
		annotationsMultiline(w, "Annotations", p.Annotations)
		if p.DeletionTimestamp != nil && p.Status.Phase != api.PodFailed && p.Status.Phase != api.PodSucceeded {
			w.write(level0, "Status:\tTerminating (lasts ", since(p.DeletionTimestamp.Time, now), ")\n")
			grace := int64(30)
			if p.DeletionGracePeriodSeconds != nil {
				grace = *p.DeletionGracePeriodSeconds
			} else if p.Spec.TerminationGracePeriodSeconds != nil {
				grace = *p.Spec.TerminationGracePeriodSeconds
			}
			w.write(level0, "Termination Grace Period:\t", i64(grace), "s\n")
		} else {
			w.write(level0, "Status:\t", p.Status.Phase, "\n")
		}
		reason, message := p.Status.Reason(), p.Status.Message()
		if reason != "" {
			w.write(level0, "Reason:\t", reason, "\n")
		}
		if message != "" {
			w.write(level0, "Message:\t", message, "\n")
		}
		w.write(level0, "IP:\t", p.Status.PodIP, "\n")
		if len(p.Status.PodIPs) == 0 {
			w.write(level0, "IPs:\t<none>\n")
		} else {
			w.write(level0, "IPs:\n")
			for _, ip := range p.Status.PodIPs {
				w.write(level1, "IP:\t", ip.IP, "\n")
			}
		}
		if ref := p.ControllerRef(); ref != nil {
			w.write(level0, "Controlled By:\t", ref.Kind, "/", ref.Name, "\n")
		}
		if n := p.Status.NominatedNodeName(); n != "" {
			w.write(level0, "NominatedNodeName:\t", n, "\n")
		}
		if len(p.Spec.InitContainers) > 0 {
			describeContainers(w, "Init Containers", p.Spec.InitContainers, p.Status.InitContainerStatuses(), p, "")
		}
		describeContainers(w, "Containers", p.Spec.Containers, p.Status.ContainerStatuses, p, "")
		if len(p.Spec.ReadinessGates) > 0 {
			w.write(level0, "Readiness Gates:\n  Type\tStatus\n")
			for _, g := range p.Spec.ReadinessGates {
				typ := anyString(g["conditionType"])
				status := "<none>"
				for _, c := range p.Status.Conditions {
					if c.Type == typ {
						status = c.Status
						break
					}
				}
				w.write(level1, typ, " \t", status, " \n")
			}
		}
		if len(p.Status.Conditions) > 0 {
			w.write(level0, "Conditions:\n  Type\tStatus\n")
			for _, c := range p.Status.Conditions {
				w.write(level1, c.Type, " \t", c.Status, " \n")
			}
		}
		describeVolumes(w, p.Spec.Volumes, "")
		w.write(level0, "QoS Class:\t", PodQOSClass(p), "\n")
		labelsMultiline(w, "Node-Selectors", p.Spec.NodeSelector)
		tolerationsMultiline(w, "Tolerations", DefaultPodTolerations(p.Spec.Tolerations))
		describeEvents(w, events, now)
	})
}

// PodQOSClass is status.qosClass, or when unset the class computed from the containers' cpu
// and memory: BestEffort without any request or limit, Guaranteed when every container limits
// both and the requests (summed) equal the limits, Burstable otherwise.
func PodQOSClass(p *api.Pod) string {
	if p.Status.QOSClass != "" {
		return p.Status.QOSClass
	}
	requests := map[string]int64{}
	limits := map[string]int64{}
	guaranteed := true
	all := append(append([]api.Container(nil), p.Spec.InitContainers...), p.Spec.Containers...)
	for _, c := range all {
		for name, q := range c.Resources.Requests {
			if v := quantityMilli(q); (name == "cpu" || name == "memory") && v > 0 {
				requests[name] += v
			}
		}
		found := 0
		for name, q := range c.Resources.Limits {
			if v := quantityMilli(q); (name == "cpu" || name == "memory") && v > 0 {
				limits[name] += v
				found++
				if _, ok := c.Resources.Requests[name]; !ok {
					requests[name] += v // the API server defaults a missing request to the limit
				}
			}
		}
		if found < 2 {
			guaranteed = false
		}
	}
	if len(requests) == 0 && len(limits) == 0 {
		return "BestEffort"
	}
	if guaranteed {
		for name, v := range requests {
			if limits[name] != v {
				guaranteed = false
			}
		}
	}
	if guaranteed && len(requests) == len(limits) {
		return "Guaranteed"
	}
	return "Burstable"
}

// describeEvents writes the Events section: `Events:\t<none>`, or a table of type, reason,
// age (`<age of first>` or `<age of last> (x<count> over <age of first>)`), source and message,
// sorted by last timestamp (stable, so equal timestamps keep the given order).
func describeEvents(w *prefixWriter, events []*api.Event, now time.Time) {
	if len(events) == 0 {
		w.write(level0, "Events:\t<none>\n")
		return
	}
	sorted := append([]*api.Event(nil), events...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return sorted[i].LastTimestamp.Before(sorted[j].LastTimestamp.Time)
	})
	w.write(level0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
	w.write(level1, "----\t------\t----\t----\t-------\n")
	for _, e := range sorted {
		first := Age(e.FirstTimestamp, now)
		interval := first
		if e.Count > 1 {
			interval = Age(e.LastTimestamp, now) + " (x" + itoa(e.Count) + " over " + first + ")"
		}
		source := e.Source.Component
		if source == "" {
			source = e.ReportingController
		}
		w.write(level1, e.Type, "\t", e.Reason, "\t", interval, "\t", source, "\t", strings.TrimSpace(e.Message), "\n")
	}
}
