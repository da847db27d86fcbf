package explain

import (
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/clock"
)

// Every note key renders in both languages with the arguments its callers pass, without
// fmt's %!(…) complaints.
func TestEveryTemplateRenders(t *testing.T) {
	args := map[string][]any{
		"deployment.newRS":     {"web", "web-7c9d6b8f4d", "2", int32(1)},
		"scale.single":         {"web-1", int32(2), int32(3), "web"},
		"scale.proportional":   {"web-1", int32(3), int32(5), int32(5), int32(2), int32(3)},
		"rolling.scaleUp":      {"web-2", int32(0), int32(1), "25%", int32(3), int32(1), int32(3)},
		"rolling.scaleDown":    {"web-1", int32(3), int32(2), "25%", int32(3), int32(0), int32(3), int32(4)},
		"rolling.cleanup":      {"web-2", int32(1), int32(0), int32(1)},
		"rolling.wait":         {"web", int32(4), int32(4), int32(3), int32(3)},
		"recreate.scaleDown":   {"web-1", int32(3)},
		"recreate.waitOldPods": {"web"},
		"progress.complete":    {"web"},
		"progress.timedOut":    {"web", int32(600)},
		"rs.create":            {"web-1", 0, int32(3), 3},
		"rs.delete":            {"web-1", 3, int32(2), 1},
		"pod.scheduled":        {"web-1-abcde", "node-1"},
		"pod.unschedulable":    {"web-1-abcde", "0/3 nodes are available: 3 Too many pods."},
		"endpoints.sync":       {"web", 2, 3},
		"pod.pulling":          {"web-1-abcde", "nginx:1.91", "node-1"},
		"pod.errImagePull":     {"web-1-abcde", "nginx:1.91"},
		"pod.backOff":          {"web-1-abcde", "nginx:1.91", (10 * time.Second).Seconds()},
		"pod.started":          {"web-1-abcde", "nginx", true},
		"pod.stopping":         {"web-1-abcde"},
		"pod.removed":          {"web-1-abcde"},
		"gc.delete":            {"ReplicaSet", "web-1"},
		"gc.deleteForeground":  {"ReplicaSet", "web-1", "web"},
		"gc.finalize":          {"Deployment", "web"},
		"node.notReady":        {"node-1"},
		"node.evict":           {"web-1-abcde", "node-1"},
		"node.ready":           {"node-1"},
	}
	for key := range catalog {
		a, ok := args[key]
		if !ok {
			t.Errorf("no test arguments for %s", key)
			continue
		}
		for _, lang := range []string{English, Chinese} {
			s := Sentence(lang, clock.Note{Key: key, Args: a})
			if strings.Contains(s, "%!") {
				t.Errorf("%s (%s): %s", key, lang, s)
			}
		}
	}
	if s := Sentence(English, clock.Note{Key: "rolling.scaleUp", Args: args["rolling.scaleUp"]}); s != "ReplicaSet web-2 scaled up 0 → 1: maxSurge 25% of 3 rounds up to 1, so up to 3 + 1 pods may exist and 3 were counted." {
		t.Errorf("scale-up sentence: %s", s)
	}
}

// TestPluralsAndPhrases: counts of one read "1 pod", "1 replica", "1 of its pods is"; the
// started-container sentence says whether the pod is ready now (the kubelet marks a pod Ready
// only once every container runs and passes readiness) instead of printing "(true)".
func TestPluralsAndPhrases(t *testing.T) {
	cases := []struct {
		key  string
		lang string
		args []any
		want string
	}{
		{"deployment.newRS", English, []any{"web", "web-1", "2", int32(1)}, "as revision 2 with 1 replica."},
		{"deployment.newRS", English, []any{"web", "web-1", "2", int32(3)}, "as revision 2 with 3 replicas."},
		{"rolling.cleanup", English, []any{"web-2", int32(1), int32(0), int32(1)}, "1 of its pods is not available, and removing it costs no availability."},
		{"rolling.cleanup", English, []any{"web-2", int32(2), int32(0), int32(2)}, "2 of its pods are not available, and removing them costs no availability."},
		{"rolling.scaleDown", English, []any{"web-1", int32(2), int32(1), "25%", int32(1), int32(0), int32(1), int32(1)}, "so 1 pod must stay available and 1 is."},
		{"rolling.scaleUp", English, []any{"web-2", int32(0), int32(1), "25%", int32(1), int32(1), int32(1)}, "and 1 was counted."},
		{"rolling.wait", English, []any{"web", int32(2), int32(1), int32(1), int32(0)}, "waits: 1 pod counted"},
		{"rs.create", English, []any{"web-1", 1, int32(3), 2}, "has 1 pod and wants 3"},
		{"rs.delete", English, []any{"web-1", 0, int32(0), 0}, "has 0 pods and wants 0"},
		{"scale.proportional", English, []any{"web-1", int32(3), int32(5), int32(5), int32(2), int32(1)}, "(1 replica, 5 desired"},
		{"pod.started", English, []any{"web-1-abcde", "nginx", true}, "started; all its containers run, so the pod is Running and Ready."},
		{"pod.started", English, []any{"web-1-abcde", "nginx", false}, "started; the pod becomes Running and Ready when all its containers run."},
		{"pod.started", Chinese, []any{"web-1-abcde", "nginx", true}, "所有容器都在运行，Pod 进入 Running 且就绪。"},
	}
	for _, c := range cases {
		s := Sentence(c.lang, clock.Note{Key: c.key, Args: c.args})
		if !strings.Contains(s, c.want) || strings.ContainsAny(s, "{}") || strings.Contains(s, "%!") {
			t.Errorf("%s %v (%s): %q, want it to contain %q", c.key, c.args, c.lang, s, c.want)
		}
	}
}
