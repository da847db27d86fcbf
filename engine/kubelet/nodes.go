package kubelet

import (
	"fmt"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/store"
)

// KubeletVersion is what nodes report.
const KubeletVersion = "v1.37.2"

// NewNode builds a Ready node named name with internal IP ip.
func NewNode(name, ip, podCIDR string, now time.Time) *api.Node {
	ts := api.Stamp(now)
	cond := func(t, status, reason, msg string) api.NodeCondition {
		return api.NodeCondition{Type: t, Status: status, LastHeartbeatTime: ts, LastTransitionTime: ts, Reason: reason, Message: msg}
	}
	capacity := map[string]api.Quantity{"cpu": "4", "memory": "8039676Ki", "pods": "110", "ephemeral-storage": "102626232Ki"}
	return &api.Node{
		TypeMeta: api.TypeMeta{APIVersion: "v1", Kind: api.KindNode},
		ObjectMeta: api.ObjectMeta{
			Name: name,
			Labels: map[string]string{
				"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
				"kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
			},
		},
		Spec: api.NodeSpec{PodCIDR: podCIDR},
		Status: api.NodeStatus{
			Capacity:    capacity,
			Allocatable: capacity,
			Conditions: []api.NodeCondition{
				cond("MemoryPressure", api.ConditionFalse, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
				cond("DiskPressure", api.ConditionFalse, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
				cond("PIDPressure", api.ConditionFalse, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
				cond("Ready", api.ConditionTrue, "KubeletReady", "kubelet is posting ready status"),
			},
			Addresses: []api.NodeAddress{{Type: "InternalIP", Address: ip}, {Type: "Hostname", Address: name}},
			NodeInfo: api.NodeSystemInfo{
				KubeletVersion: KubeletVersion, OSImage: "Debian GNU/Linux 12 (bookworm)", KernelVersion: "6.1.0-28-amd64",
				ContainerRuntimeVersion: "containerd://2.1.4", OperatingSystem: "linux", Architecture: "amd64",
			},
		},
	}
}

// CreateNodes adds n Ready nodes, node-1 … node-n.
func CreateNodes(st *store.Store, n int) error {
	for i := 1; i <= n; i++ {
		node := NewNode(fmt.Sprintf("node-%d", i), fmt.Sprintf("172.18.0.%d", i+1), fmt.Sprintf("10.244.%d.0/24", i), st.Clock().Now())
		if err := st.Create(node); err != nil {
			return err
		}
	}
	return nil
}

// NodeReady reports the node's Ready condition and whether it takes new pods.
func NodeReady(n *api.Node) bool {
	for _, c := range n.Status.Conditions {
		if c.Type == "Ready" {
			return c.Status == api.ConditionTrue
		}
	}
	return false
}
