package kubectl_test

import "testing"

// Node capacity as a learner meets it: three nodes of 110 pods, a Deployment of 340 replicas;
// the 10 pods beyond stay Pending, `describe pod` shows PodScheduled False and
// kube-scheduler's FailedScheduling event, and scaling back down schedules them.
var capacityLines = []string{
	"kubectl scale deployment nginx-deployment-controller --replicas=340", "sleep 30",
	"kubectl get deployment nginx-deployment-controller",
	"kubectl get pods --no-headers | grep -c Pending",
	"kubectl describe pod $(kubectl get pods --no-headers | grep Pending | head -1 | awk '{print $1}')",
	"kubectl get events --no-headers | grep -c FailedScheduling",
	"kubectl describe node node-1 | grep -A2 Non-terminated",
	"kubectl scale deployment nginx-deployment-controller --replicas=300", "sleep 30",
	"!kubectl get pods --no-headers | grep -c Pending",
	"kubectl get deployment nginx-deployment-controller",
}

func TestCapacityGolden(t *testing.T) {
	checkGolden(t, "capacity", runGoldenLines(t, seeded(t), capacityLines))
}
