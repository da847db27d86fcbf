package engine

import (
	"os"
	"strings"
	"testing"
)

// The lab's Deployment is the conformance seed scenario's file, so what the page starts with is
// what the real-cluster transcript was recorded with (a copy of ../shared lives in testdata, so
// this runs in a fresh clone too).
func TestSeedManifestIsTheConformanceFile(t *testing.T) {
	b, err := os.ReadFile("scenario/testdata/conformance/scenarios/files/" + SeedFile)
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(b)) != strings.TrimSpace(SeedManifest) {
		t.Fatalf("SeedManifest differs from the conformance file:\n%s", b)
	}
}
