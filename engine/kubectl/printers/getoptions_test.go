package printers

import (
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

func checkTable(t *testing.T, name, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\n%s", name, lineDiff(want, got))
	}
}

// The wide and --show-labels layouts of §6.1 (derived from the column rules).
func TestGetWideAndLabels(t *testing.T) {
	now := getNow
	d := deployment(seedName, api.NewTime(now.Add(-18*time.Second)), "nginx", 3, "nginx:1.8", 80)
	d.Status = api.DeploymentStatus{Replicas: 3, UpdatedReplicas: 3, ReadyReplicas: 3, AvailableReplicas: 3}
	checkTable(t, "deploy wide", DeploymentTable([]*api.Deployment{d}, now, TableOptions{Wide: true}),
		"NAME                          READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES      SELECTOR\n"+
			"nginx-deployment-controller   3/3     3            3           18s   nginx        nginx:1.8   app=nginx\n")

	rs := replicaSet(d, "6d8b4f7c95", "1", api.NewTime(now.Add(-18*time.Second)), 3, 3, 3, "nginx:1.8", 80, "")
	checkTable(t, "rs wide", ReplicaSetTable([]*api.ReplicaSet{rs}, now, TableOptions{Wide: true}),
		"NAME                                     DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES      SELECTOR\n"+
			"nginx-deployment-controller-6d8b4f7c95   3         3         3       18s   nginx        nginx:1.8   app=nginx,pod-template-hash=6d8b4f7c95\n")

	p := podFromRow(t, "nginx-deployment-controller-6d8b4f7c95-2xkzq", "1/1", "Running", now.Add(-18*time.Second),
		map[string]string{"app": "nginx", "pod-template-hash": "6d8b4f7c95"})
	p.Spec.NodeName = "node01"
	p.Status.PodIP = "10.244.0.5"
	p.Status.PodIPs = []api.PodIP{{IP: "10.244.0.5"}}
	checkTable(t, "pods wide", PodTable([]*api.Pod{p}, now, TableOptions{Wide: true}),
		"NAME                                           READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n"+
			"nginx-deployment-controller-6d8b4f7c95-2xkzq   1/1     Running   0          18s   10.244.0.5   node01   <none>           <none>\n")
	checkTable(t, "pods labels", PodTable([]*api.Pod{p}, now, TableOptions{ShowLabels: true}),
		"NAME                                           READY   STATUS    RESTARTS   AGE   LABELS\n"+
			"nginx-deployment-controller-6d8b4f7c95-2xkzq   1/1     Running   0          18s   app=nginx,pod-template-hash=6d8b4f7c95\n")

	pending := podFromRow(t, "web-1", "0/1", "ContainerCreating", now.Add(-2*time.Second), nil)
	pending.Spec.NodeName = ""
	checkTable(t, "pods wide, unscheduled", PodTable([]*api.Pod{pending}, now, TableOptions{Wide: true, ShowLabels: true}),
		"NAME    READY   STATUS              RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES   LABELS\n"+
			"web-1   0/1     ContainerCreating   0          2s    <none>   <none>   <none>           <none>            <none>\n")
}

func TestGetNamespacesPrefixNoHeaders(t *testing.T) {
	now := getNow
	d := deployment("web", api.NewTime(now.Add(-90*time.Second)), "web", 2, "nginx", 0)
	d.Status = api.DeploymentStatus{ReadyReplicas: 2, UpdatedReplicas: 2, AvailableReplicas: 2}
	ds := []*api.Deployment{d}
	checkTable(t, "-A", DeploymentTable(ds, now, TableOptions{AllNamespaces: true}),
		"NAMESPACE   NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n"+
			"default     web    2/2     2            2           90s\n")
	checkTable(t, "prefix", DeploymentTable(ds, now, TableOptions{WithKindPrefix: true}),
		"NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"+
			"deployment.apps/web   2/2     2            2           90s\n")
	checkTable(t, "no headers", DeploymentTable(ds, now, TableOptions{NoHeaders: true}),
		"web   2/2   2     2     90s\n")
	checkTable(t, "surge", DeploymentTable([]*api.Deployment{{
		ObjectMeta: api.ObjectMeta{Name: "x", CreationTimestamp: api.NewTime(now.Add(-121 * time.Second))},
		Spec:       api.DeploymentSpec{Replicas: api.Ptr(int32(3))},
		Status:     api.DeploymentStatus{ReadyReplicas: 4},
	}}, now, TableOptions{}),
		"NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n"+
			"x      4/3     0            0           2m1s\n")
	if got := PodTable(nil, now, TableOptions{}); got != "" {
		t.Errorf("empty list: %q", got)
	}
}

func TestEventTableWide(t *testing.T) {
	now := getNow
	pod := "nginx-deployment-controller-7c9d6b8f4d-vz5nm"
	evs := []*api.Event{
		{
			ObjectMeta:     api.ObjectMeta{Name: "nginx-deployment-controller.187b1c2d3e4f5a6b", Namespace: "default"},
			InvolvedObject: api.ObjectReference{Kind: "Deployment", Name: seedName},
			Reason:         "ScalingReplicaSet", Type: "Normal",
			Message:        "Scaled up replica set nginx-deployment-controller-7c9d6b8f4d from 0 to 1",
			Source:         api.EventSource{Component: "deployment-controller"},
			FirstTimestamp: api.NewTime(now.Add(-40 * time.Second)), LastTimestamp: api.NewTime(now.Add(-40 * time.Second)), Count: 1,
		},
		{
			ObjectMeta:     api.ObjectMeta{Name: pod + ".187b1c2d3e4f5a7c", Namespace: "default"},
			InvolvedObject: api.ObjectReference{Kind: "Pod", Name: pod, FieldPath: "spec.containers{nginx}"},
			Reason:         "Failed", Type: "Warning", Message: "Error: ErrImagePull\n",
			Source:         api.EventSource{Component: "kubelet", Host: "node-1"},
			FirstTimestamp: api.NewTime(now.Add(-98 * time.Second)), LastTimestamp: api.NewTime(now.Add(-38 * time.Second)), Count: 4,
		},
	}
	checkTable(t, "events", EventTable(evs, now, TableOptions{}),
		"LAST SEEN   TYPE      REASON              OBJECT                                             MESSAGE\n"+
			"40s         Normal    ScalingReplicaSet   deployment/nginx-deployment-controller             Scaled up replica set nginx-deployment-controller-7c9d6b8f4d from 0 to 1\n"+
			"38s         Warning   Failed              pod/nginx-deployment-controller-7c9d6b8f4d-vz5nm   Error: ErrImagePull\n")
	checkTable(t, "events wide", EventTable(evs, now, TableOptions{Wide: true}),
		"LAST SEEN   TYPE      REASON              OBJECT                                             SUBOBJECT                SOURCE                  MESSAGE                                                                    FIRST SEEN   COUNT   NAME\n"+
			"40s         Normal    ScalingReplicaSet   deployment/nginx-deployment-controller                                      deployment-controller   Scaled up replica set nginx-deployment-controller-7c9d6b8f4d from 0 to 1   40s          1       nginx-deployment-controller.187b1c2d3e4f5a6b\n"+
			"38s         Warning   Failed              pod/nginx-deployment-controller-7c9d6b8f4d-vz5nm   spec.containers{nginx}   kubelet, node-1         Error: ErrImagePull                                                        98s          4       nginx-deployment-controller-7c9d6b8f4d-vz5nm.187b1c2d3e4f5a7c\n")
}

func TestNodeTable(t *testing.T) {
	now := getNow
	mk := func(name string, ready string, unsched bool, labels map[string]string) *api.Node {
		return &api.Node{
			ObjectMeta: api.ObjectMeta{Name: name, Labels: labels, CreationTimestamp: api.NewTime(now.Add(-49 * time.Hour))},
			Spec:       api.NodeSpec{Unschedulable: unsched},
			Status: api.NodeStatus{
				Conditions: []api.NodeCondition{{Type: "MemoryPressure", Status: "False"}, {Type: "Ready", Status: ready}},
				Addresses:  []api.NodeAddress{{Type: "InternalIP", Address: "172.18.0.2"}, {Type: "Hostname", Address: name}},
				NodeInfo: api.NodeSystemInfo{KubeletVersion: "v1.37.2", OSImage: "Debian GNU/Linux 12 (bookworm)",
					KernelVersion: "6.8.0-1015", ContainerRuntimeVersion: "containerd://2.1.0"},
			},
		}
	}
	nodes := []*api.Node{
		mk("control-plane", "True", false, map[string]string{"node-role.kubernetes.io/control-plane": ""}),
		mk("node-1", "True", true, nil),
		mk("node-2", "False", false, map[string]string{"kubernetes.io/role": "worker", "node-role.kubernetes.io/infra": ""}),
		{ObjectMeta: api.ObjectMeta{Name: "node-3"}},
	}
	checkTable(t, "nodes", NodeTable(nodes, now, TableOptions{AllNamespaces: true}),
		"NAME            STATUS                     ROLES           AGE         VERSION\n"+
			"control-plane   Ready                      control-plane   2d1h        v1.37.2\n"+
			"node-1          Ready,SchedulingDisabled   <none>          2d1h        v1.37.2\n"+
			"node-2          NotReady                   infra,worker    2d1h        v1.37.2\n"+
			"node-3          Unknown                    <none>          <unknown>   \n")
	checkTable(t, "nodes wide", NodeTable(nodes[1:2], now, TableOptions{Wide: true, WithKindPrefix: true}),
		"NAME          STATUS                     ROLES    AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION   CONTAINER-RUNTIME\n"+
			"node/node-1   Ready,SchedulingDisabled   <none>   2d1h   v1.37.2   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-1015       containerd://2.1.0\n")
}

func TestPodWideGatesAndNomination(t *testing.T) {
	p := podFromRow(t, "web-1", "1/1", "Running", getNow.Add(-5*time.Second), nil)
	p.Status.PodIPs = []api.PodIP{{IP: "10.244.0.9"}}
	p.Status.PodStatusUnused = &api.PodStatusUnused{NominatedNodeName: "node-2"}
	p.Spec.ReadinessGates = []map[string]any{{"conditionType": "example.com/lb"}, {"conditionType": "example.com/dns"}}
	p.Status.Conditions = []api.PodCondition{{Type: "example.com/lb", Status: "True"}, {Type: "example.com/dns", Status: "False"}}
	checkTable(t, "gates", PodTable([]*api.Pod{p}, getNow, TableOptions{Wide: true}),
		"NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n"+
			"web-1   1/1     Running   0          5s    10.244.0.9   node-1   node-2           1/2\n")
	got := DescribePod(p, nil, getNow)
	want := "Readiness Gates:\n  Type              Status\n  example.com/lb    True \n  example.com/dns   False \nConditions:\n"
	if !strings.Contains(got, want) {
		t.Errorf("describe readiness gates:\n%s", got)
	}
}

// -L/--label-columns: one column per key, headed by the key's last path segment upper-cased,
// empty where the object lacks the label, after the kind's columns and before --show-labels'
// LABELS (kubectl's decorateTable order).
func TestGetLabelColumns(t *testing.T) {
	now := getNow
	p := podFromRow(t, "web-1", "1/1", "Running", now.Add(-18*time.Second),
		map[string]string{"app": "nginx", "app.kubernetes.io/tier": "front"})
	checkTable(t, "pods -L app -L app.kubernetes.io/tier,missing", PodTable([]*api.Pod{p}, now, TableOptions{LabelColumns: []string{"app", "app.kubernetes.io/tier", "missing"}}),
		"NAME    READY   STATUS    RESTARTS   AGE   APP     TIER    MISSING\n"+
			"web-1   1/1     Running   0          18s   nginx   front   \n")
	checkTable(t, "pods -L app --show-labels", PodTable([]*api.Pod{p}, now, TableOptions{LabelColumns: []string{"app"}, ShowLabels: true}),
		"NAME    READY   STATUS    RESTARTS   AGE   APP     LABELS\n"+
			"web-1   1/1     Running   0          18s   nginx   app=nginx,app.kubernetes.io/tier=front\n")
}
