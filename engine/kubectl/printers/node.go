package printers

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"rolloutlab/engine/api"
)

// DescribeNode is a simplified `kubectl describe node`: name, roles, labels, annotations,
// creation time, taints, unschedulable, lease, conditions, addresses, capacity, allocatable,
// system info, the non-terminated pods on the node (pods may be every pod: those bound to other
// nodes or finished are skipped) with their requests and limits, the allocated totals, and
// events. The lease's renew time is taken from the Ready condition's last heartbeat.
func DescribeNode(n *api.Node, pods []*api.Pod, events []*api.Event, now time.Time) string {
	var onNode []*api.Pod
	for _, p := range pods {
		if p.Spec.NodeName == n.Name && p.Status.Phase != api.PodSucceeded && p.Status.Phase != api.PodFailed {
			onNode = append(onNode, p)
		}
	}
	return tabbed(func(w *prefixWriter) {
		w.write(level0, "Name:\t", n.Name, "\n")
		roles := "<none>"
		if r := NodeRoles(n); len(r) > 0 {
			roles = strings.Join(r, ",")
		}
		w.write(level0, "Roles:\t", roles, "\n")
		labelsMultiline(w, "Labels", n.Labels)
		annotationsMultiline(w, "Annotations", n.Annotations)
		w.write(level0, "CreationTimestamp:\t", rfc1123z(n.CreationTimestamp.Time), "\n")
		w.write(level0, "Taints:\t")
		if len(n.Spec.Taints) == 0 {
			w.line("<none>")
		} else {
			taints := append([]api.Taint(nil), n.Spec.Taints...)
			sort.SliceStable(taints, func(i, j int) bool {
				return taints[i].Effect+","+taints[i].Key < taints[j].Effect+","+taints[j].Key
			})
			for i, t := range taints {
				if i > 0 {
					w.write(level0, "\t")
				}
				s := t.Key
				if t.Value != "" {
					s += "=" + t.Value
				}
				w.write(level0, s, ":", t.Effect, "\n")
			}
		}
		w.write(level0, "Unschedulable:\t", strconv.FormatBool(n.Spec.Unschedulable), "\n")

		renew := "<unset>"
		for _, c := range n.Status.Conditions {
			if c.Type == "Ready" && !c.LastHeartbeatTime.IsZero() {
				renew = rfc1123z(c.LastHeartbeatTime.Time)
			}
		}
		w.write(level0, "Lease:\n")
		w.write(level1, "HolderIdentity:\t", n.Name, "\n")
		w.write(level1, "AcquireTime:\t<unset>\n")
		w.write(level1, "RenewTime:\t", renew, "\n")

		if len(n.Status.Conditions) > 0 {
			w.write(level0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
			w.write(level1, "----\t------\t-----------------\t------------------\t------\t-------\n")
			for _, c := range n.Status.Conditions {
				w.write(level1, c.Type, " \t", c.Status, " \t", rfc1123z(c.LastHeartbeatTime.Time), " \t",
					rfc1123z(c.LastTransitionTime.Time), " \t", c.Reason, " \t", c.Message, "\n")
			}
		}
		w.write(level0, "Addresses:\n")
		for _, a := range n.Status.Addresses {
			w.write(level1, a.Type, ":\t", a.Address, "\n")
		}
		resourceList := func(title string, list map[string]api.Quantity) {
			if len(list) == 0 {
				return
			}
			w.write(level0, title, ":\n")
			names := make([]string, 0, len(list))
			for k := range list {
				names = append(names, k)
			}
			sort.Strings(names)
			for _, k := range names {
				w.write(level0, "  ", k, ":\t", string(list[k]), "\n")
			}
		}
		resourceList("Capacity", n.Status.Capacity)
		resourceList("Allocatable", n.Status.Allocatable)
		info := n.Status.NodeInfo
		w.write(level0, "System Info:\n")
		w.write(level0, "  Machine ID:\t\n")
		w.write(level0, "  System UUID:\t\n")
		w.write(level0, "  Boot ID:\t\n")
		w.write(level0, "  Kernel Version:\t", info.KernelVersion, "\n")
		w.write(level0, "  OS Image:\t", info.OSImage, "\n")
		w.write(level0, "  Operating System:\t", info.OperatingSystem, "\n")
		w.write(level0, "  Architecture:\t", info.Architecture, "\n")
		w.write(level0, "  Container Runtime Version:\t", info.ContainerRuntimeVersion, "\n")
		w.write(level0, "  Kubelet Version:\t", info.KubeletVersion, "\n")
		w.write(level0, "  Kube-Proxy Version:\t\n")
		if n.Spec.PodCIDR != "" {
			w.write(level0, "PodCIDR:\t", n.Spec.PodCIDR, "\n")
			w.write(level0, "PodCIDRs:\t", n.Spec.PodCIDR, "\n")
		}
		describeNodeResources(w, n, onNode, now)
		describeEvents(w, events, now)
	})
}

// podResources sums the cpu and memory requests and limits of a pod's regular containers, in
// thousandths.
func podResources(p *api.Pod) (cpuReq, cpuLim, memReq, memLim int64) {
	for _, c := range p.Spec.Containers {
		cpuReq += quantityMilli(c.Resources.Requests["cpu"])
		memReq += quantityMilli(c.Resources.Requests["memory"])
		cpuLim += quantityMilli(c.Resources.Limits["cpu"])
		memLim += quantityMilli(c.Resources.Limits["memory"])
	}
	return
}

func describeNodeResources(w *prefixWriter, n *api.Node, pods []*api.Pod, now time.Time) {
	alloc := n.Status.Capacity
	if len(n.Status.Allocatable) > 0 {
		alloc = n.Status.Allocatable
	}
	allocCPU := quantityMilli(alloc["cpu"])
	allocMem := quantityMilli(alloc["memory"])
	pct := func(v, whole int64) string { return " (" + strconv.FormatInt(percent(v, whole), 10) + "%)" }

	w.write(level0, "Non-terminated Pods:\t(", strconv.Itoa(len(pods)), " in total)\n")
	w.write(level1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
	w.write(level1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
	var tCPUReq, tCPULim, tMemReq, tMemLim int64
	for _, p := range pods {
		cr, cl, mr, ml := podResources(p)
		tCPUReq, tCPULim, tMemReq, tMemLim = tCPUReq+cr, tCPULim+cl, tMemReq+mr, tMemLim+ml
		w.write(level1, p.Namespace, "\t", p.Name, "\t\t",
			formatCPU(cr), pct(cr, allocCPU), "\t", formatCPU(cl), pct(cl, allocCPU), "\t",
			formatBytes(mr), pct(mr, allocMem), "\t", formatBytes(ml), pct(ml, allocMem), "\t",
			Age(p.CreationTimestamp, now), "\n")
	}
	w.write(level0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
	w.write(level1, "Resource\tRequests\tLimits\n")
	w.write(level1, "--------\t--------\t------\n")
	w.write(level1, "cpu\t", formatCPU(tCPUReq), pct(tCPUReq, allocCPU), "\t", formatCPU(tCPULim), pct(tCPULim, allocCPU), "\n")
	w.write(level1, "memory\t", formatBytes(tMemReq), pct(tMemReq, allocMem), "\t", formatBytes(tMemLim), pct(tMemLim, allocMem), "\n")
	w.write(level1, "ephemeral-storage\t0 (0%)\t0 (0%)\n")
}
