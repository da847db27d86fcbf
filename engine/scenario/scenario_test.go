package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A scenario reads only its own files/ folder, and a step's seconds are a finite, bounded
// number: `sleep NaN`, `sleep inf` and `sleep 1e300` used to parse as sleeps that did nothing.
func TestParseRefusesWhatAScenarioCannotMean(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "files"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "secret"), []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "files", "web.yaml"), []byte("kind: Deployment\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "secret"), filepath.Join(dir, "files", "link.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ script, err string }{
		{"file ../secret", `line 1: file "../secret": the name must stay inside the scenario's files/ folder`},
		{"file ../../x", `line 1: file "../../x": the name must stay inside the scenario's files/ folder`},
		{"file " + filepath.Join(dir, "secret"), "the name must stay inside the scenario's files/ folder"},
		{"file ../x <<EOF\nhi\nEOF", `line 1: file "../x": the name must stay inside the scenario's files/ folder`},
		{"file link.yaml", "path escapes from parent"},
		{"sleep NaN", `line 1: sleep needs seconds from 0 to 604800: "sleep NaN"`},
		{"sleep inf", `line 1: sleep needs seconds from 0 to 604800: "sleep inf"`},
		{"sleep 1e300", `line 1: sleep needs seconds from 0 to 604800: "sleep 1e300"`},
		{"sleep -1", `line 1: sleep needs seconds from 0 to 604800: "sleep -1"`},
		{"wait-rollout web NaN", `line 1: wait-rollout needs seconds from 0 to 604800: "NaN"`},
	} {
		if _, err := Parse(tc.script, dir); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%q: error %v, want %q", tc.script, err, tc.err)
		}
	}
	steps, err := Parse("file web.yaml\nsleep 0.5\nwait-rollout web 604800", dir)
	if err != nil || len(steps) != 3 || steps[0].Content != "kind: Deployment\n" || steps[1].Seconds != 0.5 {
		t.Fatalf("a good script: %+v, %v", steps, err)
	}
}
