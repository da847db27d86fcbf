package app

import (
	"reflect"
	"strings"
	"testing"
)

var testNames = completionNames{
	Deployments: []string{"nginx-deployment-controller"},
	ReplicaSets: []string{"nginx-deployment-controller-5d59d67564", "nginx-deployment-controller-665cb7c865"},
	Pods:        []string{"nginx-deployment-controller-665cb7c865-ntw2v", "nginx-deployment-controller-665cb7c865-tjqdn"},
	Nodes:       []string{"node-1", "node-2", "node-3"},
	Files:       []string{editorFile},
	Revisions:   []string{"1", "2"},
}

func TestComplete(t *testing.T) {
	cases := []struct {
		line    string
		want    string
		options []string // nil: no list; checked as a subset
	}{
		{"kub", "kubectl ", nil},
		{"cl", "clear ", nil},
		{"kubectl g", "kubectl get ", nil},
		{"kubectl ro", "kubectl rollout ", nil},
		{"kubectl rollout u", "kubectl rollout undo ", nil},
		{"kubectl rollout undo deployment/n", "kubectl rollout undo deployment/nginx-deployment-controller ", nil},
		{"kubectl rollout status d", "kubectl rollout status deploy", []string{"deploy/", "deployment/", "deployments/"}},
		{"kubectl get po", "kubectl get po", []string{"po", "pod", "pods"}},
		{"kubectl get pods ", "kubectl get pods nginx-deployment-controller-665cb7c865-", testNames.Pods},
		{"kubectl get pods nginx-deployment-controller-665cb7c865-n", "kubectl get pods nginx-deployment-controller-665cb7c865-ntw2v ", nil},
		{"kubectl describe rs nginx-deployment-controller-5", "kubectl describe rs nginx-deployment-controller-5d59d67564 ", nil},
		{"kubectl get deploy/ng", "kubectl get deploy/nginx-deployment-controller ", nil},
		{"kubectl get nodes node-", "kubectl get nodes node-", []string{"node-1", "node-2", "node-3"}},
		{"kubectl get pods --wat", "kubectl get pods --watch", []string{"--watch", "--watch-only"}},
		{"kubectl get pods --out", "kubectl get pods --output=", nil},
		{"kubectl get pods -o ", "kubectl get pods -o ", []string{"json", "yaml", "wide"}},
		{"kubectl get pods -o w", "kubectl get pods -o wide ", nil},
		{"kubectl get pods --output=y", "kubectl get pods --output=yaml ", nil},
		{"kubectl apply -f ", "kubectl apply -f " + editorFile + " ", nil},
		{"kubectl apply --filename=ng", "kubectl apply --filename=" + editorFile + " ", nil},
		{"kubectl rollout undo deployment/nginx-deployment-controller --to", "kubectl rollout undo deployment/nginx-deployment-controller --to-revision=", nil},
		{"kubectl rollout undo deployment/nginx-deployment-controller --to-revision=", "kubectl rollout undo deployment/nginx-deployment-controller --to-revision=", []string{"--to-revision=1", "--to-revision=2"}},
		{"kubectl scale deployment/nginx-deployment-controller --rep", "kubectl scale deployment/nginx-deployment-controller --replicas=", nil},
		{"kubectl set i", "kubectl set image ", nil},
		{"kubectl set image deployment/", "kubectl set image deployment/nginx-deployment-controller ", nil},
		{"kubectl get pods | gr", "kubectl get pods | grep ", nil},
		{"ls -l", "ls -l", nil},                       // not kubectl: nothing
		{"kubectl nosuch x", "kubectl nosuch x", nil}, // unknown command: nothing
		{"kubectl -n default g", "kubectl -n default get ", nil},
	}
	for _, c := range cases {
		got := complete(c.line, testNames)
		if got.Line != c.want {
			t.Errorf("%q: line %q, want %q (options %q)", c.line, got.Line, c.want, got.Options)
			continue
		}
		if c.options == nil {
			if len(got.Options) > 0 && strings.HasSuffix(c.want, " ") {
				t.Errorf("%q: unexpected options %q", c.line, got.Options)
			}
			continue
		}
		for _, o := range c.options {
			found := false
			for _, g := range got.Options {
				found = found || g == o
			}
			if !found {
				t.Errorf("%q: options %q lack %q", c.line, got.Options, o)
			}
		}
	}
}

func TestCompleteCommandsListed(t *testing.T) {
	got := complete("kubectl ", testNames)
	for _, want := range []string{"apply", "get", "describe", "rollout", "scale", "set", "delete"} {
		found := false
		for _, o := range got.Options {
			found = found || o == want
		}
		if !found {
			t.Errorf("kubectl <Tab> does not offer %q: %q", want, got.Options)
		}
	}
}

func TestNamesFromView(t *testing.T) {
	p, d := mount(t, "/?lang=en&play=1")
	applySeed(t, p, d)
	n := namesFromView(p.view, p.sess.FileNames())
	if !reflect.DeepEqual(n.Deployments, []string{"nginx-deployment-controller"}) || len(n.ReplicaSets) != 1 ||
		len(n.Pods) != 2 || len(n.Nodes) != 3 || n.Files[0] != editorFile || !reflect.DeepEqual(n.Revisions, []string{"1"}) {
		t.Fatalf("names: %+v", n)
	}
}
