package scenario

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The public conformance scenarios, recorded on a real Kubernetes v1.37.2 control plane,
// travel with the repository: a fresh clone scores itself against them.
func TestConformance(t *testing.T) {
	dir := filepath.Join("testdata", "conformance")
	scenarios, err := filepath.Glob(filepath.Join(dir, "scenarios", "*.txt"))
	if err != nil || len(scenarios) == 0 {
		t.Fatalf("no scenarios in %s", dir)
	}
	// Settled states must equal real Kubernetes'; text must stay at or above what the
	// simulator reaches today, so that any regression shows.
	const minText, minState = 98.0, 100.0
	for _, path := range scenarios {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			steps, err := Parse(string(text), filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			cand := toRef(t, Run(name, steps, 1))
			ref := loadRef(t, filepath.Join(dir, "transcripts", name+".json"))
			reruns, _ := filepath.Glob(filepath.Join(dir, "transcripts", name+".rerun*.json"))
			var others []*RefTranscript
			for _, r := range reruns {
				others = append(others, loadRef(t, r))
			}
			sc := Compare(ref, cand, others)
			t.Logf("%s: %s", name, sc)
			if sc.Text < minText || sc.State < minState {
				t.Errorf("%s: %s, want text ≥ %.0f%% and state %.0f%%\n%s", name, sc, minText, minState, strings.Join(sc.Differences, "\n"))
			}
		})
	}
}

func toRef(t *testing.T, tr *Transcript) *RefTranscript {
	b, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	r, err := LoadTranscript(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func loadRef(t *testing.T, path string) *RefTranscript {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := LoadTranscript(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Same seed, same script: the same transcript byte for byte.
func TestRunIsDeterministic(t *testing.T) {
	path := filepath.Join("testdata", "conformance", "scenarios", "seed.txt")
	text, _ := os.ReadFile(path)
	steps, err := Parse(string(text), filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(Run("seed", steps, 7))
	b, _ := json.Marshal(Run("seed", steps, 7))
	if string(a) != string(b) {
		t.Fatal("two runs with the same seed differ")
	}
	c, _ := json.Marshal(Run("seed", steps, 8))
	if string(a) == string(c) {
		t.Fatal("a different seed should give different pod names")
	}
}
