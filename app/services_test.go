package app

import (
	"strings"
	"testing"
)

// The tree says which pods receive a Service's traffic, in words and with a badge that has
// its own icon: the Ready pods. During the failed nginx:1.91 update the new pod does not; the
// two old ones still do. In Chinese too.
func TestTreeMarksPodsReceivingTraffic(t *testing.T) {
	for _, c := range []struct{ lang, marker, badge string }{
		{"en", "receives traffic from Service web", "traffic: web"},
		{"zh", "接收 Service web 的流量", "流量：web"},
	} {
		p, d := mount(t, "/?lang="+c.lang)
		applySeed(t, p, d)
		ctx := d.Context()
		p.runLine(ctx, "kubectl expose deployment nginx-deployment-controller --port=80 --name=web")
		p.runLine(ctx, "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91")
		settle(p, d, 120)
		html := render(p, d)
		marked, failing := 0, 0
		for _, n := range treeItemNames(html) {
			if !strings.HasPrefix(n, "Pod ") {
				continue
			}
			backOff := strings.Contains(n, "ImagePullBackOff") || strings.Contains(n, "ErrImagePull")
			if backOff {
				failing++
			}
			if strings.Contains(n, c.marker) {
				marked++
				if backOff {
					t.Errorf("%s: a pod that cannot start is marked: %q", c.lang, n)
				}
			}
		}
		if marked != 2 || failing != 1 {
			t.Errorf("%s: %d pods marked %q, %d failing; want the 2 old pods marked, the new one failing", c.lang, marked, c.marker, failing)
		}
		if got := strings.Count(html, c.badge); got != 2 {
			t.Errorf("%s: %d badges %q, want 2", c.lang, got, c.badge)
		}
	}
}

// Tab completion knows the Service commands, types and names the view offers.
func TestCompleteServices(t *testing.T) {
	names := testNames
	names.Services = []string{"web"}
	for _, c := range []struct{ line, want string }{
		{"kubectl expo", "kubectl expose "},
		{"kubectl get sv", "kubectl get svc "},
		{"kubectl describe svc w", "kubectl describe svc web "},
		{"kubectl get service/w", "kubectl get service/web "},
		{"kubectl get endpointslic", "kubectl get endpointslice"},
		{"kubectl expose deployment nginx-deployment-controller --target", "kubectl expose deployment nginx-deployment-controller --target-port="},
	} {
		if got := complete(c.line, names); got.Line != c.want {
			t.Errorf("%q: %q, want %q (options %q)", c.line, got.Line, c.want, got.Options)
		}
	}
}
