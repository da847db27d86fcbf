package kubectl_test

import (
	"strings"
	"testing"
	"time"
)

// describe shows the events about the object itself: a pod's from its scheduler and kubelet,
// and a node's (kept in the default namespace, as the node is cluster-scoped) from the node
// controller.
func TestDescribeShowsTheObjectsEvents(t *testing.T) {
	e := seeded(t)
	if err := e.SetNodeDown("node-1", true); err != nil {
		t.Fatal(err)
	}
	e.Advance(45 * time.Second)
	node := e.Exec("kubectl describe node node-1").Stdout()
	if !strings.Contains(node, "NodeNotReady") || !strings.Contains(node, "node-controller") {
		t.Errorf("describe node lacks the node controller's event:\n%s", node)
	}
	pod := e.Exec("kubectl describe pods").Stdout()
	for _, want := range []string{"Scheduled", "Successfully assigned default/", "Pulling", "Started"} {
		if !strings.Contains(pod, want) {
			t.Errorf("describe pods lacks %q", want)
		}
	}
	if strings.Contains(pod, "NodeNotReady  ") && strings.Contains(pod, "Node node-1 status is now") {
		t.Error("describe pods shows the node's own event")
	}
}
