package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
	"rolloutlab/engine/lesson"
)

// submissions writes a complete seed submission and one whose image update was dropped by hand.
func submissions(t *testing.T) (complete, edited, corrupt string) {
	t.Helper()
	complete = writeSubmission(t, "ada.json", "Ada", "")
	edited = writeSubmission(t, "bob.json", "Bob", "kubectl set image deployment nginx-deployment-controller nginx=nginx:1.9.1 --record")
	corrupt = filepath.Join(t.TempDir(), "eve.json")
	if err := os.WriteFile(corrupt, []byte(`{"v":1,"lesson":"seed","learner":"Eve","session":{"v":1,"in":[`), 0o644); err != nil {
		t.Fatal(err)
	}
	return complete, edited, corrupt
}

// writeSubmission plays the seed lesson's solutions, leaving out the line skip, and writes the
// submission; the clock runs a minute after each step, as a learner would let it play.
func writeSubmission(t *testing.T, name, learner, skip string) string {
	t.Helper()
	ls, err := lesson.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	l := ls[0]
	d, err := lesson.NewSimDriver(l, engine.Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range l.Steps {
		for _, line := range s.Solution {
			if line != skip {
				d.Exec(line)
			}
		}
		d.S.Advance(time.Minute) // as a learner would let the clock play
	}
	data, err := lesson.NewSubmission(l, learner, d.S, 90*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestGradeTable pins issue 9's grade table (learner, lesson, steps passed, commands, simulated
// and wall time, first failing step) and its CSV and JSON forms; a rejected file makes the
// exit code 1 and says why.
func TestGradeTable(t *testing.T) {
	ada, bob, eve := submissions(t)
	var out, errOut bytes.Buffer
	code := Main([]string{"grade", ada, bob, eve}, &out, &errOut)
	if code != 1 {
		t.Errorf("exit %d with a corrupt file, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("want a header and 3 rows:\n%s", out.String())
	}
	for i, want := range [][]string{
		{"LEARNER", "LESSON", "STEPS PASSED", "COMMANDS", "SIMULATED", "WALL", "FIRST FAILING", "FILE"},
		{"Ada", "seed", "13/13", " 14 ", "13m0s", "1m30s", "-", ada},
		{"Bob", "seed", "7/13", " 13 ", "13m0s", "1m30s", "step 8", bob},
		{"rejected: not a submission file: unexpected EOF", eve},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("line %d %q lacks %q", i, lines[i], w)
			}
		}
	}

	out.Reset()
	Main([]string{"grade", "--csv", ada, bob}, &out, &errOut)
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) != 3 || recs[1][1] != "Ada" || recs[1][4] != "13" || recs[2][8] != "8" || recs[1][7] != "90.000" {
		t.Errorf("csv: %v %q", err, recs)
	}

	out.Reset()
	if code := Main([]string{"grade", "--json", ada}, &out, &errOut); code != 0 {
		t.Errorf("json: exit %d", code)
	}
	var rows []gradeRow
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil || len(rows) != 1 || rows[0].Passed != 13 || rows[0].FirstFailing != 0 || rows[0].Simulated <= 0 {
		t.Errorf("json: %v %+v", err, rows)
	}
}

// TestGradeTableKeepsOneLinePerFile: a learner's name with a tab or a newline does not break the
// table (the name is the one thing a learner writes freely).
func TestGradeTableKeepsOneLinePerFile(t *testing.T) {
	p := writeSubmission(t, "mal.json", "Mal\tlory\nADMIN", "")
	var out, errOut bytes.Buffer
	Main([]string{"grade", p}, &out, &errOut)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "Mal lory ADMIN  seed") {
		t.Errorf("table:\n%s", out.String())
	}
}
