package printers

import (
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

// seedBrokenPod is the seed's nginx:1.91 pod stuck in ImagePullBackOff, as a real API server
// stores it after admission (service-account volume and mount, priority, tolerations).
func seedBrokenPod() (*api.Pod, []*api.Event) {
	t0 := seedT0.Add(7 * time.Second)
	rs := seedName + "-7757f9fdbd"
	name := rs + "-8qdd6"
	secs := int64(300)
	p := &api.Pod{
		ObjectMeta: api.ObjectMeta{
			Name: name, Namespace: "default", UID: "pod-8qdd6", CreationTimestamp: api.NewTime(t0),
			Labels:          map[string]string{"app": "nginx", "pod-template-hash": "7757f9fdbd"},
			OwnerReferences: []api.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: rs, UID: "rs-7757f9fdbd", Controller: ptrTrue(), BlockOwnerDeletion: ptrTrue()}},
		},
		Spec: &api.PodSpec{
			NodeName:           "node-1",
			ServiceAccountName: "default",
			Priority:           api.Ptr(int32(0)),
			Containers: []api.Container{{
				Name: "nginx", Image: "nginx:1.91",
				Ports:        []api.ContainerPort{{ContainerPort: 80, Protocol: "TCP"}},
				VolumeMounts: []api.VolumeMount{{Name: "kube-api-access-x7k2p", ReadOnly: true, MountPath: "/var/run/secrets/kubernetes.io/serviceaccount"}},
			}},
			Volumes: []api.Volume{{Name: "kube-api-access-x7k2p", Source: map[string]any{"projected": map[string]any{
				"defaultMode": float64(420),
				"sources": []any{
					map[string]any{"serviceAccountToken": map[string]any{"expirationSeconds": float64(3607), "path": "token"}},
					map[string]any{"configMap": map[string]any{"name": "kube-root-ca.crt", "items": []any{map[string]any{"key": "ca.crt", "path": "ca.crt"}}}},
					map[string]any{"downwardAPI": map[string]any{"items": []any{map[string]any{"path": "namespace", "fieldRef": map[string]any{"apiVersion": "v1", "fieldPath": "metadata.namespace"}}}}},
				},
			}}}},
			Tolerations: []api.Toleration{
				{Key: "node.kubernetes.io/not-ready", Operator: "Exists", Effect: "NoExecute", TolerationSeconds: &secs},
				{Key: "node.kubernetes.io/unreachable", Operator: "Exists", Effect: "NoExecute", TolerationSeconds: &secs},
			},
		},
		Status: api.PodStatus{
			Phase:     api.PodPending,
			HostIP:    "172.18.0.2",
			PodIP:     "10.244.1.4",
			PodIPs:    []api.PodIP{{IP: "10.244.1.4"}},
			StartTime: api.Ptr(api.NewTime(t0)),
			QOSClass:  "BestEffort",
			Conditions: []api.PodCondition{
				{Type: "PodReadyToStartContainers", Status: "True"},
				{Type: api.PodInitialized, Status: "True"},
				{Type: api.PodReady, Status: "False", Reason: "ContainersNotReady"},
				{Type: api.ContainersReady, Status: "False", Reason: "ContainersNotReady"},
				{Type: api.PodScheduled, Status: "True"},
			},
			ContainerStatuses: []api.ContainerStatus{{
				Name: "nginx", Image: "nginx:1.91",
				State: api.ContainerState{Waiting: &api.ContainerStateWaiting{Reason: "ImagePullBackOff", Message: `Back-off pulling image "nginx:1.91"`}},
			}},
		},
	}
	kubelet := func(secs, lastSecs float64, count int32, typ, reason, msg string) *api.Event {
		return &api.Event{
			ObjectMeta:     api.ObjectMeta{Name: name + "." + reason, Namespace: "default"},
			InvolvedObject: api.ObjectReference{Kind: "Pod", Name: name, Namespace: "default", UID: p.UID, FieldPath: "spec.containers{nginx}"},
			Reason:         reason, Message: msg, Type: typ, Count: count,
			Source:         api.EventSource{Component: "kubelet", Host: "node-1"},
			FirstTimestamp: at(t0, secs), LastTimestamp: at(t0, lastSecs),
		}
	}
	scheduled := kubelet(0, 0, 1, "Normal", "Scheduled", "Successfully assigned default/"+name+" to node-1")
	scheduled.Source = api.EventSource{Component: "default-scheduler"}
	evs := []*api.Event{
		scheduled,
		kubelet(0, 14, 2, "Normal", "Pulling", `Pulling image "nginx:1.91"`),
		kubelet(1, 1, 1, "Warning", "Failed", `Failed to pull image "nginx:1.91": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.91": failed to resolve reference "docker.io/library/nginx:1.91": docker.io/library/nginx:1.91: not found`),
		kubelet(1, 1, 1, "Warning", "Failed", "Error: ErrImagePull"),
		kubelet(4, 4, 1, "Normal", "BackOff", `Back-off pulling image "nginx:1.91"`),
		kubelet(4, 4, 1, "Warning", "Failed", "Error: ImagePullBackOff"),
	}
	return p, evs
}

// TestDescribePod checks the describe pod layout as kubectl 1.37 prints it (no transcript of
// describe pod exists: the layout is restated from kubectl's describer).
func TestDescribePod(t *testing.T) {
	p, evs := seedBrokenPod()
	got := DescribePod(p, evs, seedT0.Add(22500*time.Millisecond))
	want := `Name:             nginx-deployment-controller-7757f9fdbd-8qdd6
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/172.18.0.2
Start Time:       Fri, 27 Nov 2026 06:56:28 +0000
Labels:           app=nginx
                  pod-template-hash=7757f9fdbd
Annotations:      <none>
Status:           Pending
IP:               10.244.1.4
IPs:
  IP:           10.244.1.4
Controlled By:  ReplicaSet/nginx-deployment-controller-7757f9fdbd
Containers:
  nginx:
    Container ID:   
    Image:          nginx:1.91
    Image ID:       
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Waiting
      Reason:       ImagePullBackOff
    Ready:          False
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x7k2p (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       False 
  ContainersReady             False 
  PodScheduled                True 
Volumes:
  kube-api-access-x7k2p:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age               From               Message
  ----     ------     ----              ----               -------
  Normal   Scheduled  15s               default-scheduler  Successfully assigned default/nginx-deployment-controller-7757f9fdbd-8qdd6 to node-1
  Warning  Failed     14s               kubelet            Failed to pull image "nginx:1.91": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.91": failed to resolve reference "docker.io/library/nginx:1.91": docker.io/library/nginx:1.91: not found
  Warning  Failed     14s               kubelet            Error: ErrImagePull
  Normal   BackOff    11s               kubelet            Back-off pulling image "nginx:1.91"
  Warning  Failed     11s               kubelet            Error: ImagePullBackOff
  Normal   Pulling    1s (x2 over 15s)  kubelet            Pulling image "nginx:1.91"
`
	if got != want {
		t.Errorf("describe pod:\n%s", lineDiff(want, got))
	}
}

// TestDescribePodAdmissionDefaults: a pod object without the fields admission sets still
// describes as a real one does, and a terminating running pod shows its grace period.
func TestDescribePodAdmissionDefaults(t *testing.T) {
	now := seedT0.Add(time.Minute)
	p := podFromRow(t, "web-1", "1/1", "Terminating", seedT0, map[string]string{"app": "web"})
	p.DeletionGracePeriodSeconds = api.Ptr(int64(30))
	p.Status.ContainerStatuses[0].ContainerID = "containerd://abc"
	p.Status.ContainerStatuses[0].ImageID = "docker.io/library/nginx@sha256:0123"
	p.Status.ContainerStatuses[0].RestartCount = 1
	p.Status.ContainerStatuses[0].LastTerminationState.Terminated = &api.ContainerStateTerminated{
		Reason: "Error", ExitCode: 1, StartedAt: api.NewTime(seedT0), FinishedAt: api.NewTime(seedT0.Add(2 * time.Second))}
	p.Spec.Containers[0].Env = []api.EnvVar{{Name: "MODE", Value: "prod"}, {Name: "POD", ValueFrom: map[string]any{"fieldRef": map[string]any{"fieldPath": "metadata.name"}}}}
	p.Spec.Containers[0].Resources.Limits = map[string]api.Quantity{"memory": "128Mi"}
	got := DescribePod(p, nil, now)
	for _, want := range []string{
		"Priority:                  0\nService Account:           default\nNode:                      node-1/\n",
		"Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\nIP:                        \nIPs:                       <none>\nContainers:\n",
		"    State:          Running\n      Started:      Fri, 27 Nov 2026 06:56:22 +0000\n" +
			"    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    1\n" +
			"      Started:      Fri, 27 Nov 2026 06:56:21 +0000\n      Finished:     Fri, 27 Nov 2026 06:56:23 +0000\n" +
			"    Ready:          True\n    Restart Count:  1\n    Limits:\n      memory:  128Mi\n",
		// "Environment:" without a tab ends the block: the variables align with what follows.
		"    Environment:\n      MODE:      prod\n      POD:       web-1 (v1:metadata.name)\n    Mounts:      <none>\n" +
			"Volumes:         <none>\nQoS Class:       Burstable\nNode-Selectors:  <none>\n" +
			"Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n" +
			"                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\nEvents:          <none>\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing\n%s\nin\n%s", want, got)
		}
	}
}

func TestDescribeReplicaSet(t *testing.T) {
	_, _, b, _ := seedAfterRollout()
	now := seedT0.Add(7500 * time.Millisecond)
	var pods []*api.Pod
	for i, suffix := range []string{"rm99d", "mjkcl", "4dg7w"} {
		p := podFromRow(t, b.Name+"-"+suffix, "1/1", "Running", seedT0.Add(time.Duration(3+i)*time.Second), copyLabels(b.Spec.Template.Labels))
		p.OwnerReferences = []api.OwnerReference{{Kind: "ReplicaSet", Name: b.Name, UID: b.UID, Controller: ptrTrue()}}
		pods = append(pods, p)
	}
	// Not counted: a pod of another ReplicaSet and an orphan.
	other := podFromRow(t, "other", "0/1", "ContainerCreating", seedT0, copyLabels(b.Spec.Template.Labels))
	other.OwnerReferences = []api.OwnerReference{{Kind: "ReplicaSet", Name: "x", UID: "rs-x", Controller: ptrTrue()}}
	orphan := podFromRow(t, "orphan", "0/1", "ContainerCreating", seedT0, copyLabels(b.Spec.Template.Labels))
	pods = append(pods, other, orphan)
	pending := podFromRow(t, b.Name+"-zzzzz", "0/1", "ContainerCreating", seedT0, copyLabels(b.Spec.Template.Labels))
	pending.OwnerReferences = pods[0].OwnerReferences
	pods = append(pods, pending)

	ev := &api.Event{
		InvolvedObject: api.ObjectReference{Kind: "ReplicaSet", Name: b.Name},
		Type:           "Normal", Reason: "SuccessfulCreate", Message: "Created pod: " + b.Name + "-rm99d",
		Source:         api.EventSource{Component: "replicaset-controller"},
		FirstTimestamp: at(seedT0, 3), LastTimestamp: at(seedT0, 3), Count: 1,
	}
	got := DescribeReplicaSet(b, pods, []*api.Event{ev}, now)
	want := `Name:           nginx-deployment-controller-6596694446
Namespace:      default
Selector:       app=nginx,pod-template-hash=6596694446
Labels:         app=nginx
                pod-template-hash=6596694446
Annotations:    deployment.kubernetes.io/desired-replicas: 3
                deployment.kubernetes.io/max-replicas: 4
                deployment.kubernetes.io/revision: 2
                kubernetes.io/change-cause: kubectl set image deployment nginx-deployment-controller nginx=nginx:1.9.1 --record=true
Controlled By:  Deployment/nginx-deployment-controller
Replicas:       3 current / 3 desired
Pods Status:    3 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=nginx
           pod-template-hash=6596694446
  Containers:
   nginx:
    Image:         nginx:1.9.1
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                   Message
  ----    ------            ----  ----                   -------
  Normal  SuccessfulCreate  4s    replicaset-controller  Created pod: nginx-deployment-controller-6596694446-rm99d
`
	if got != want {
		t.Errorf("describe rs:\n%s", lineDiff(want, got))
	}
}

func TestDescribeNode(t *testing.T) {
	now := seedT0.Add(time.Hour)
	n := &api.Node{
		ObjectMeta: api.ObjectMeta{Name: "node-1", CreationTimestamp: api.NewTime(seedT0),
			Labels: map[string]string{"kubernetes.io/hostname": "node-1", "kubernetes.io/os": "linux"}},
		Spec: api.NodeSpec{Taints: []api.Taint{{Key: "node.kubernetes.io/unschedulable", Effect: "NoSchedule"}}, Unschedulable: true},
		Status: api.NodeStatus{
			Capacity:    map[string]api.Quantity{"cpu": "4", "memory": "8Gi", "pods": "110"},
			Allocatable: map[string]api.Quantity{"cpu": "4", "memory": "8Gi", "pods": "110"},
			Conditions: []api.NodeCondition{{Type: "Ready", Status: "True", Reason: "KubeletReady", Message: "kubelet is posting ready status",
				LastHeartbeatTime: api.NewTime(now.Add(-10 * time.Second)), LastTransitionTime: api.NewTime(seedT0)}},
			Addresses: []api.NodeAddress{{Type: "InternalIP", Address: "172.18.0.2"}, {Type: "Hostname", Address: "node-1"}},
			NodeInfo:  api.NodeSystemInfo{KubeletVersion: "v1.37.2", OSImage: "Rollout Lab", OperatingSystem: "linux", Architecture: "amd64"},
		},
	}
	p := podFromRow(t, "web-1", "1/1", "Running", seedT0, nil)
	p.Spec.Containers[0].Resources.Requests = map[string]api.Quantity{"cpu": "250m", "memory": "64Mi"}
	p.Spec.Containers[0].Resources.Limits = map[string]api.Quantity{"cpu": "500m", "memory": "128Mi"}
	elsewhere := podFromRow(t, "web-2", "1/1", "Running", seedT0, nil)
	elsewhere.Spec.NodeName = "node-2"
	got := DescribeNode(n, []*api.Pod{p, elsewhere}, nil, now)
	for _, want := range []string{
		"Name:               node-1\nRoles:              <none>\nLabels:             kubernetes.io/hostname=node-1\n                    kubernetes.io/os=linux\n",
		"Taints:             node.kubernetes.io/unschedulable:NoSchedule\nUnschedulable:      true\nLease:\n",
		"  Ready   True    Fri, 27 Nov 2026 07:56:11 +0000   Fri, 27 Nov 2026 06:56:21 +0000   KubeletReady   kubelet is posting ready status\n",
		"Non-terminated Pods:          (1 in total)\n",
		"  default                     web-1    250m (6%)     500m (12%)  64Mi (0%)        128Mi (1%)     60m\n",
		"  cpu                250m (6%)  500m (12%)\n  memory             64Mi (0%)  128Mi (1%)\n",
		"Events:              <none>\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing\n%q\nin\n%s", want, got)
		}
	}
}
