package printers

import (
	"math/rand"
	"strings"
	"testing"
	"text/tabwriter"
)

// viaGoTabwriter lays rows out with text/tabwriter itself, as kubectl does.
func viaGoTabwriter(rows [][]string, minWidth, padding int) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, minWidth, 4, padding, ' ', 0)
	for _, r := range rows {
		_, _ = w.Write([]byte(strings.Join(r, "\t") + "\n"))
	}
	_ = w.Flush()
	return b.String()
}

// TestTableMatchesTabwriter checks the fast layout against text/tabwriter on random tables,
// including empty cells, non-ASCII text and cells with tabs or line breaks (fallback path).
func TestTableMatchesTabwriter(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "b", "x", "Ready", "-", " ", "é", "日", "<none>", "1/1"}
	for iter := 0; iter < 2000; iter++ {
		ncols := 1 + rng.Intn(6)
		nrows := 1 + rng.Intn(6)
		minWidth, padding := getMinWidth, getPadding
		if iter%3 == 0 {
			minWidth, padding = 0, 2
		}
		tab := NewTable(ncols, minWidth, padding)
		var rows [][]string
		for r := 0; r < nrows; r++ {
			row := make([]string, ncols)
			for c := range row {
				n := rng.Intn(12)
				var sb strings.Builder
				for i := 0; i < n; i++ {
					sb.WriteString(alphabet[rng.Intn(len(alphabet))])
				}
				if iter%50 == 7 && rng.Intn(4) == 0 {
					sb.WriteString([]string{"\t", "\n", "\v"}[rng.Intn(3)] + "z")
				}
				row[c] = sb.String()
			}
			rows = append(rows, row)
			tab.AddRow(row...)
		}
		want := viaGoTabwriter(rows, minWidth, padding)
		if got := tab.String(); got != want {
			t.Fatalf("iteration %d: rows %q\ngot:\n%q\nwant:\n%q", iter, rows, got, want)
		}
	}
}

func TestTableCell(t *testing.T) {
	cases := map[string]string{
		"plain":            "plain",
		"two\nlines":       "two...",
		"cr\rthen":         "cr...",
		"esc \x1b[31mred":  "esc ^[[31mred",
		"form\ffeed":       "form...",
		"  spaced  ":       "  spaced  ",
		"":                 "",
		"tab\tstays as is": "tab\tstays as is",
	}
	for in, want := range cases {
		if got := tableCell(in); got != want {
			t.Errorf("tableCell(%q) = %q, want %q", in, got, want)
		}
	}
}
