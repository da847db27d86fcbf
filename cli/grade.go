package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"rolloutlab/engine/lesson"
)

// gradeRow is one submission's line in grade's table, CSV and JSON.
type gradeRow struct {
	File         string  `json:"file"`
	Learner      string  `json:"learner"`
	Lesson       string  `json:"lesson"`
	Steps        int     `json:"steps"`
	Passed       int     `json:"passed"`
	Commands     int     `json:"commands"`
	Simulated    float64 `json:"simulatedSeconds"`
	Wall         float64 `json:"wallSeconds"`
	FirstFailing int     `json:"firstFailingStep"` // 0: none
	Rejected     string  `json:"rejected,omitempty"`
	Note         string  `json:"note,omitempty"`
}

// grade replays learners' submissions: `rolloutlab grade [--csv|--json] [--lessons DIR] FILE…`.
// The shipped lessons are known; --lessons adds a teacher's own.
func grade(args []string, stdout, stderr io.Writer) int {
	format := "table"
	var files, extra []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--csv" || a == "--json":
			format = a[2:]
		case a == "--lessons" && i+1 < len(args):
			i++
			extra = append(extra, args[i])
		case strings.HasPrefix(a, "-"):
			fmt.Fprintf(stderr, "rolloutlab: unknown flag %s\n%s", a, usage)
			return 2
		default:
			files = append(files, a)
		}
	}
	if len(files) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	lessons, err := lesson.Shipped()
	if err != nil {
		fmt.Fprintf(stderr, "rolloutlab: %v\n", err)
		return 1
	}
	if len(extra) > 0 {
		more, ok := loadLessons(extra, stderr)
		if !ok {
			return 1
		}
		lessons = append(append([]*lesson.Lesson(nil), more...), lessons...) // a teacher's lesson wins over a shipped one of the same id
	}
	code := 0
	var rows []gradeRow
	for _, f := range files {
		r := gradeRow{File: f}
		data, err := os.ReadFile(f)
		if err != nil {
			r.Rejected = err.Error()
		} else {
			g := lesson.GradeSubmission(data, lessons)
			r = gradeRow{File: f, Learner: g.Learner, Lesson: g.Lesson, Steps: g.Steps, Passed: g.Passed, Commands: g.Commands,
				Simulated: g.Simulated.Seconds(), Wall: g.Wall.Seconds(), FirstFailing: g.FirstFailing, Rejected: g.Rejected, Note: g.Note}
		}
		if r.Rejected != "" {
			code = 1
		}
		rows = append(rows, r)
	}
	switch format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", " ")
		_ = enc.Encode(rows)
	case "csv":
		w := csv.NewWriter(stdout)
		_ = w.Write([]string{"file", "learner", "lesson", "steps", "passed", "commands", "simulated_s", "wall_s", "first_failing_step", "rejected", "note"})
		for _, r := range rows {
			_ = w.Write([]string{r.File, r.Learner, r.Lesson, strconv.Itoa(r.Steps), strconv.Itoa(r.Passed), strconv.Itoa(r.Commands),
				strconv.FormatFloat(r.Simulated, 'f', 3, 64), strconv.FormatFloat(r.Wall, 'f', 3, 64), strconv.Itoa(r.FirstFailing), r.Rejected, r.Note})
		}
		w.Flush()
	default:
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "LEARNER\tLESSON\tSTEPS PASSED\tCOMMANDS\tSIMULATED\tWALL\tFIRST FAILING\tFILE")
		for _, r := range rows {
			first := "-"
			if r.FirstFailing > 0 {
				first = "step " + strconv.Itoa(r.FirstFailing)
			}
			learner, id := printable(r.Learner), printable(r.Lesson)
			if r.Rejected != "" {
				fmt.Fprintf(tw, "%s\t%s\trejected: %s\t\t\t\t\t%s\n", learner, id, printable(r.Rejected), r.File)
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%d/%d\t%d\t%s\t%s\t%s\t%s\n", learner, id, r.Passed, r.Steps, r.Commands,
				roundSeconds(r.Simulated), roundSeconds(r.Wall), first, r.File)
		}
		tw.Flush()
		for _, r := range rows {
			if r.Note != "" {
				fmt.Fprintf(stdout, "note: %s: %s\n", r.File, r.Note)
			}
		}
	}
	return code
}

// printable keeps a name a learner typed from breaking the table: control characters (tabs,
// newlines, escapes) become spaces.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// roundSeconds prints a duration in seconds as Go does (1m30s), to the second.
func roundSeconds(s float64) string {
	return (time.Duration(s * float64(time.Second))).Round(time.Second).String()
}
