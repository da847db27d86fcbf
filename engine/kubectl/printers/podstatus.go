package printers

import (
	"strconv"
	"time"

	"rolloutlab/engine/api"
)

// PodInfo is what `kubectl get pods` derives from a pod: the READY pair, STATUS and RESTARTS.
type PodInfo struct {
	Ready, Total int    // READY = Ready/Total
	Status       string // STATUS, e.g. Running, ContainerCreating, ImagePullBackOff, Terminating
	Restarts     int    // sum of restart counts
	LastRestart  time.Time
}

// RestartsString is the RESTARTS cell: the count, followed by ` (<age> ago)` when it is not
// zero and the last termination time is known, e.g. `3 (25s ago)`.
func (i PodInfo) RestartsString(now time.Time) string {
	if i.Restarts == 0 || i.LastRestart.IsZero() {
		return strconv.Itoa(i.Restarts)
	}
	var buf [48]byte
	b := strconv.AppendInt(buf[:0], int64(i.Restarts), 10)
	b = append(b, " ("...)
	b = appendHumanDuration(b, now.Sub(i.LastRestart))
	b = append(b, " ago)"...)
	return string(b)
}

// Reasons and phases the status derivation refers to.
const (
	reasonSchedulingGated = "SchedulingGated"
	reasonNodeLost        = "NodeLost"
	reasonPodInitializing = "PodInitializing"
	reasonCompleted       = "Completed"
)

// GetPodInfo derives READY, STATUS and RESTARTS the way kubectl's pod printer does:
//  1. STATUS starts as the phase, or status.reason when set (Evicted, NodeLost…); a PodScheduled
//     condition with reason SchedulingGated gives SchedulingGated.
//  2. Init containers, in order, decide while the pod initialises (Init:<reason>,
//     Init:ExitCode:<n>, Init:Signal:<n>, Init:<i>/<n>); finished ones and started sidecars
//     (restartPolicy Always) are skipped.
//  3. Otherwise the regular containers are walked from last to first, each overriding STATUS:
//     a waiting reason (ContainerCreating, ErrImagePull, ImagePullBackOff, CrashLoopBackOff), a
//     terminated reason (Completed, Error, OOMKilled) or Signal:<n> / ExitCode:<n>; running and
//     ready containers count as ready. Completed with a container still running becomes Running
//     (pod Ready) or NotReady.
//  4. A pod marked for deletion shows Unknown when its reason is NodeLost, else Terminating
//     unless its phase is Succeeded or Failed.
func GetPodInfo(p *api.Pod) PodInfo {
	var info PodInfo
	initStatuses := p.Status.InitContainerStatuses()
	info.Total = len(p.Spec.Containers)
	reason := p.Status.Phase
	statusReason := p.Status.Reason()
	if statusReason != "" {
		reason = statusReason
	}
	for i := range p.Status.Conditions {
		c := &p.Status.Conditions[i]
		if c.Type == api.PodScheduled && c.Reason == reasonSchedulingGated {
			reason = reasonSchedulingGated
		}
	}

	sidecar := func(name string) bool {
		for i := range p.Spec.InitContainers {
			if p.Spec.InitContainers[i].Name == name {
				return p.Spec.InitContainers[i].RestartPolicy == "Always"
			}
		}
		return false
	}
	for i := range p.Spec.InitContainers {
		if p.Spec.InitContainers[i].RestartPolicy == "Always" {
			info.Total++
		}
	}

	restarts := 0
	var lastRestart time.Time
	sidecarRestarts := 0
	var lastSidecarRestart time.Time
	initializing := false
	for i := range initStatuses {
		c := &initStatuses[i]
		restarts += int(c.RestartCount)
		if t := c.LastTerminationState.Terminated; t != nil && t.FinishedAt.After(lastRestart) {
			lastRestart = t.FinishedAt.Time
		}
		isSidecar := sidecar(c.Name)
		if isSidecar {
			sidecarRestarts += int(c.RestartCount)
			if t := c.LastTerminationState.Terminated; t != nil && t.FinishedAt.After(lastSidecarRestart) {
				lastSidecarRestart = t.FinishedAt.Time
			}
		}
		switch {
		case c.State.Terminated != nil && c.State.Terminated.ExitCode == 0:
			continue
		case isSidecar && c.Started != nil && *c.Started:
			if c.Ready {
				info.Ready++
			}
			continue
		case c.State.Terminated != nil:
			t := c.State.Terminated
			switch {
			case t.Reason != "":
				reason = "Init:" + t.Reason
			case t.Signal != 0:
				reason = "Init:Signal:" + strconv.Itoa(int(t.Signal))
			default:
				reason = "Init:ExitCode:" + strconv.Itoa(int(t.ExitCode))
			}
		case c.State.Waiting != nil && c.State.Waiting.Reason != "" && c.State.Waiting.Reason != reasonPodInitializing:
			reason = "Init:" + c.State.Waiting.Reason
		default:
			reason = "Init:" + strconv.Itoa(i) + "/" + strconv.Itoa(len(p.Spec.InitContainers))
		}
		initializing = true
		break
	}

	if !initializing || podCondition(p, api.PodInitialized) {
		restarts = sidecarRestarts
		lastRestart = lastSidecarRestart
		hasRunning := false
		for i := len(p.Status.ContainerStatuses) - 1; i >= 0; i-- {
			c := &p.Status.ContainerStatuses[i]
			restarts += int(c.RestartCount)
			if t := c.LastTerminationState.Terminated; t != nil && t.FinishedAt.After(lastRestart) {
				lastRestart = t.FinishedAt.Time
			}
			switch {
			case c.State.Waiting != nil && c.State.Waiting.Reason != "":
				reason = c.State.Waiting.Reason
			case c.State.Terminated != nil && c.State.Terminated.Reason != "":
				reason = c.State.Terminated.Reason
			case c.State.Terminated != nil:
				if c.State.Terminated.Signal != 0 {
					reason = "Signal:" + strconv.Itoa(int(c.State.Terminated.Signal))
				} else {
					reason = "ExitCode:" + strconv.Itoa(int(c.State.Terminated.ExitCode))
				}
			case c.Ready && c.State.Running != nil:
				hasRunning = true
				info.Ready++
			}
		}
		if reason == reasonCompleted && hasRunning {
			if podCondition(p, api.PodReady) {
				reason = api.PodRunning
			} else {
				reason = "NotReady"
			}
		}
	}

	if p.DeletionTimestamp != nil {
		if statusReason == reasonNodeLost {
			reason = api.PodUnknown
		} else if p.Status.Phase != api.PodSucceeded && p.Status.Phase != api.PodFailed {
			reason = "Terminating"
		}
	}
	info.Status = reason
	info.Restarts = restarts
	info.LastRestart = lastRestart
	return info
}

// podCondition reports whether the pod has condition typ with status True.
func podCondition(p *api.Pod, typ string) bool {
	for i := range p.Status.Conditions {
		if c := &p.Status.Conditions[i]; c.Type == typ {
			return c.Status == api.ConditionTrue
		}
	}
	return false
}
