package kubectl_test

import (
	"strings"
	"testing"
	"time"
)

// kubectl delete waits for a pod until it is gone, and --timeout bounds the wait: a pod on a
// node whose kubelet is down stays Terminating, so the wait ends after the timeout with
// kubectl's wait error (exit 1), the deletion itself having been printed.
func TestDeletePodTimeout(t *testing.T) {
	e := seeded(t)
	pod := "nginx-deployment-controller-665cb7c865-64rhj"
	node := strings.TrimSpace(e.Exec("kubectl get pod " + pod + " -o jsonpath={.spec.nodeName}").Stdout())
	if err := e.SetNodeDown(node, true); err != nil {
		t.Fatal(err)
	}
	start := e.Now()
	x := e.Exec("kubectl delete pod " + pod + " --timeout=20s")
	e.Drive(x)
	if got, want := x.Stdout(), `pod "`+pod+`" deleted from default namespace`+"\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	if got, want := x.Stderr(), "error: timed out waiting for the condition on pods/"+pod+"\n"; got != want || x.ExitCode() != 1 {
		t.Errorf("stderr %q exit %d, want %q exit 1", got, x.ExitCode(), want)
	}
	if waited := e.Now().Sub(start); waited != 20*time.Second {
		t.Errorf("waited %v, want the 20s timeout", waited)
	}
	if !strings.Contains(e.Exec("kubectl get pod "+pod).Stdout(), "Terminating") {
		t.Error("the pod on the stopped node is no longer Terminating")
	}
}
