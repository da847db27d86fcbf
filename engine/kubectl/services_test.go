package kubectl_test

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// Services as kubectl 1.37 and the API server handle them: `expose` and `create service` make
// them (cluster IPs from 10.96.0.0/12, node ports from 30000-32767), `get`/`describe` print
// them with the printers of kubectl's source, and their EndpointSlices list only the pods that
// are Ready: during the failed nginx:1.91 update the old pods keep the traffic.
var serviceLines = []string{
	"kubectl expose deployment nginx-deployment-controller --port=80",
	"kubectl get svc", "kubectl get services -o wide", "kubectl get svc nginx-deployment-controller -o yaml",
	"kubectl get svc nginx-deployment-controller -o json",
	"kubectl describe svc nginx-deployment-controller",
	"kubectl get endpointslices", "kubectl get endpoints", "kubectl get ep nginx-deployment-controller -o yaml",
	"kubectl create service clusterip web --tcp=80:8080", "kubectl create service nodeport np --tcp=80:8080 --node-port=30080",
	"kubectl get svc", "kubectl describe service np",
	"!kubectl create service nodeport np2 --tcp=81 --node-port=30080",
	"!kubectl create service nodeport np3 --tcp=81 --node-port=80",
	"!kubectl create service clusterip bad", "!kubectl create service loadbalancer lb --tcp=80",
	"!kubectl create service nodeport none --clusterip=None",
	"!kubectl create service clusterip Bad_Name --tcp=80",
	"!kubectl expose deployment nope --port=80", "!kubectl expose deployment nginx-deployment-controller --port=80",
	"!kubectl expose deployment", "!kubectl expose deployment nginx-deployment-controller --port=80 --type=Foo --name=foo",
	"kubectl expose deployment nginx-deployment-controller --port=8080 --name=alt --type=NodePort --dry-run=client -o yaml",
	"kubectl expose deploy/nginx-deployment-controller --name=auto",
	"kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91",
	"sleep 5",
	"kubectl get pods -o wide", "kubectl describe svc nginx-deployment-controller", "kubectl get endpointslices",
	"kubectl get endpointslices -l kubernetes.io/service-name=nginx-deployment-controller -o yaml",
	"kubectl delete pod -l app=nginx --wait=false",
	"kubectl get endpointslices -l kubernetes.io/service-name=nginx-deployment-controller -o yaml",
	"sleep 40",
	"kubectl describe svc nginx-deployment-controller",
	"kubectl describe endpointslices -l kubernetes.io/service-name=nginx-deployment-controller",
	"kubectl describe endpoints nginx-deployment-controller", "kubectl describe ep kubernetes",
	"kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.9.1", "sleep 2",
	"kubectl get pods -o wide", "kubectl get endpoints nginx-deployment-controller",
	"kubectl get endpointslices -l kubernetes.io/service-name=nginx-deployment-controller -o wide",
	"kubectl delete svc web", "kubectl get svc", "kubectl get endpointslices",
	"kubectl delete svc kubernetes", "kubectl get svc kubernetes",
}

func TestServicesGolden(t *testing.T) {
	checkGolden(t, "services", runGoldenLines(t, seeded(t), serviceLines))
}

// A file with a Deployment and its Service, in either order: apply, create and delete -f
// handle both kinds; apply of the same file again leaves the Service unchanged (its cluster IP
// and node port stay, though the file has none).
func TestDeploymentAndServiceFile(t *testing.T) {
	svc := "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n"
	e := seeded(t)
	e.WriteFile("web.yaml", deploymentDoc("web", "2")+"---\n"+svc)
	e.WriteFile("svc-first.yaml", strings.Replace(svc, "web", "api", 2)+"---\n"+deploymentDoc("api", "1"))
	cases := []struct{ fact, line, stdout string }{
		{"apply creates both", "kubectl apply -f web.yaml", "deployment.apps/web created\nservice/web created\n"},
		{"apply again changes nothing", "kubectl apply -f web.yaml", "deployment.apps/web unchanged\nservice/web unchanged\n"},
		{"create in document order", "kubectl create -f svc-first.yaml", "service/api created\ndeployment.apps/api created\n"},
		{"delete -f deletes both", "kubectl delete -f web.yaml",
			"deployment.apps \"web\" deleted from default namespace\nservice \"web\" deleted from default namespace\n"},
	}
	var before string
	for i, c := range cases {
		x := e.Exec(c.line)
		e.Drive(x)
		if x.Stdout() != c.stdout || x.ExitCode() != 0 {
			t.Errorf("%s\n$ %s\nstdout %q\n  want %q\nstderr %q", c.fact, c.line, x.Stdout(), c.stdout, x.Stderr())
		}
		// The second apply keeps what the API server allocated.
		got := e.Exec("kubectl get svc web -o jsonpath={.spec.clusterIP}:{.spec.ports[0].nodePort}").Stdout()
		if i == 0 {
			before = got
		}
		if i == 1 && got != before {
			t.Errorf("apply again changed the allocation: %s → %s", before, got)
		}
	}
	e.Advance(30 * time.Second)
	if x := e.Exec("kubectl get svc web"); x.ExitCode() == 0 {
		t.Errorf("service web still there after delete -f")
	}
	if x := e.Exec("kubectl get endpointslices -l kubernetes.io/service-name=web -o name"); x.Stdout() != "" {
		t.Errorf("the deleted Service's slices remain: %q", x.Stdout())
	}
}

// `get endpoints -w` follows the Service as its pods become Ready: a third replica's address
// appears once it is Ready (Endpoints are derived from the EndpointSlices).
func TestWatchEndpoints(t *testing.T) {
	e := seeded(t)
	for _, line := range []string{"kubectl expose deployment nginx-deployment-controller --port=80",
		"kubectl scale deployment nginx-deployment-controller --replicas=3"} {
		if x := e.Exec(line); x.ExitCode() != 0 {
			t.Fatal(line, x.Stderr())
		}
	}
	x := e.Exec("kubectl get endpoints -w | head -4")
	e.Drive(x)
	if !regexp.MustCompile(`nginx-deployment-controller\s+(\S+:80,){2}\S+:80\s`).MatchString(x.Stdout()) {
		t.Errorf("no row with the 3 ready pods:\n%s", x.Stdout())
	}
}
