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
		"pod.pulling":          {"web-1-abcde", "nginx:1.91", "node-1"},
		"pod.errImagePull":     {"web-1-abcde", "nginx:1.91"},
		"pod.backOff":          {"web-1-abcde", "nginx:1.91", (10 * time.Second).Seconds()},
		"pod.started":          {"web-1-abcde", "nginx", true},
		"pod.stopping":         {"web-1-abcde"},
		"pod.removed":          {"web-1-abcde"},
		"gc.delete":            {"ReplicaSet", "web-1"},
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
