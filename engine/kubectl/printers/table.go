package printers

import (
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// Layout of `kubectl get` tables: cli-runtime's tab writer (minwidth 6, tabwidth 4, padding 3,
// pad character ' ', no flags).
const (
	getMinWidth = 6
	getPadding  = 3
)

// Table is a column-aligned table laid out exactly as Go's text/tabwriter lays out lines whose
// cells are separated by tabs, for tables where every row has the same number of cells: each
// column but the last is as wide as its widest cell plus Padding (at least MinWidth), cells are
// left-aligned and padded with spaces, and the last column is not padded. Rows are kept in a
// flat slice and widths are tracked as rows are added, so rendering is one pass with no
// per-cell allocation; a cell holding a tab or a line break (which would change the column
// structure) makes String fall back to text/tabwriter itself.
type Table struct {
	MinWidth int
	Padding  int

	ncols   int
	cells   []string
	cellW   []int32 // width of each cell, in runes
	widths  []int   // widest cell per column, in runes
	size    int     // total bytes of all cells
	complex bool    // some cell contains a tab or a line break
}

// NewTable returns a table with ncols columns and the given layout.
func NewTable(ncols, minWidth, padding int) *Table {
	return &Table{MinWidth: minWidth, Padding: padding, ncols: ncols, widths: make([]int, ncols)}
}

// NewGetTable returns a table with `kubectl get`'s layout and the given header row (pass no
// headers for --no-headers and call SetColumns instead).
func NewGetTable(headers ...string) *Table {
	t := NewTable(len(headers), getMinWidth, getPadding)
	t.AddRow(headers...)
	return t
}

// Grow reserves room for n more rows.
func (t *Table) Grow(n int) {
	if need := len(t.cells) + n*t.ncols; need > cap(t.cells) {
		c := make([]string, len(t.cells), need)
		copy(c, t.cells)
		t.cells = c
		w := make([]int32, len(t.cellW), need)
		copy(w, t.cellW)
		t.cellW = w
	}
}

// Rows reports the number of rows added so far (the header included).
func (t *Table) Rows() int {
	if t.ncols == 0 {
		return 0
	}
	return len(t.cells) / t.ncols
}

// AddRow appends one row; it must have exactly as many cells as the table has columns.
func (t *Table) AddRow(cells ...string) {
	if len(cells) != t.ncols {
		panic("printers: row has the wrong number of cells")
	}
	for i, c := range cells {
		t.add(i, c)
	}
}

func (t *Table) add(col int, c string) {
	t.cells = append(t.cells, c)
	t.size += len(c)
	w := cellWidth(c)
	if w < 0 {
		t.complex = true
		w = 0
	}
	t.cellW = append(t.cellW, int32(w))
	if w > t.widths[col] {
		t.widths[col] = w
	}
}

// cellWidth is the width of c in runes, or -1 when c contains a byte that text/tabwriter
// treats specially (a cell or line terminator, or its Escape byte).
func cellWidth(c string) int {
	ascii := true
	for i := 0; i < len(c); i++ {
		switch b := c[i]; {
		case b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == 0xff: // 0xff: tabwriter's Escape
			return -1
		case b >= utf8.RuneSelf:
			ascii = false
		}
	}
	if ascii {
		return len(c)
	}
	return utf8.RuneCountInString(c)
}

// String renders the table; every row ends with a newline and no line has trailing padding
// (unless its last cell is empty).
func (t *Table) String() string {
	if len(t.cells) == 0 {
		return ""
	}
	if t.complex {
		return t.viaTabwriter()
	}
	cols := make([]int, t.ncols)
	lineWidth := 0
	for i := 0; i < t.ncols-1; i++ {
		w := t.widths[i] + t.Padding
		if w < t.MinWidth {
			w = t.MinWidth
		}
		cols[i] = w
		lineWidth += w
	}
	rows := len(t.cells) / t.ncols
	var b strings.Builder
	b.Grow(rows*(lineWidth+1) + t.size)
	for r := 0; r < rows; r++ {
		row := t.cells[r*t.ncols : (r+1)*t.ncols]
		ws := t.cellW[r*t.ncols : (r+1)*t.ncols]
		for i, c := range row {
			b.WriteString(c)
			if i < t.ncols-1 {
				writeSpaces(&b, cols[i]-int(ws[i]))
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

const spaces = "                                                                "

func writeSpaces(b *strings.Builder, n int) {
	for n > len(spaces) {
		b.WriteString(spaces)
		n -= len(spaces)
	}
	if n > 0 {
		b.WriteString(spaces[:n])
	}
}

func (t *Table) viaTabwriter() string {
	var out strings.Builder
	w := tabwriter.NewWriter(&out, t.MinWidth, 4, t.Padding, ' ', 0)
	rows := len(t.cells) / t.ncols
	var line strings.Builder
	for r := 0; r < rows; r++ {
		line.Reset()
		for i, c := range t.cells[r*t.ncols : (r+1)*t.ncols] {
			if i > 0 {
				line.WriteByte('\t')
			}
			line.WriteString(c)
		}
		line.WriteByte('\n')
		_, _ = w.Write([]byte(line.String()))
	}
	_ = w.Flush()
	return out.String()
}

// tableCell prepares a value for a `kubectl get` cell as cli-runtime's table printer does: the
// text is cut at the first line break (`\n`, `\r` or `\f`) with `...` appended, and ESC is
// shown as `^[`.
func tableCell(s string) string {
	if i := strings.IndexAny(s, "\f\n\r"); i >= 0 {
		s = s[:i] + "..."
	}
	return escapeTerminal(s)
}

// escapeTerminal replaces the terminal control characters kubectl escapes in its output.
func escapeTerminal(s string) string {
	if strings.IndexByte(s, '\x1b') < 0 && strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return terminalEscaper.Replace(s)
}

var terminalEscaper = strings.NewReplacer("\x1b", "^[", "\r", "\\r")
