package printers

import (
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Indentation levels of describe output: two spaces each.
const (
	level0 = iota
	level1
	level2
	level3
)

const levelSpaces = "        "

// prefixWriter collects describe output: every write starts at an indentation level (two spaces
// per level) and is escaped as kubectl escapes terminal output. Tabs separate the cells that
// describe's tab writer aligns; the rollout history --revision output keeps them raw.
type prefixWriter struct {
	b strings.Builder
}

// write writes the pieces at the given level, as one kubectl Write call.
func (w *prefixWriter) write(level int, pieces ...string) {
	w.b.WriteString(levelSpaces[:2*level])
	for _, s := range pieces {
		w.b.WriteString(escapeTerminal(s))
	}
}

// line writes s followed by a newline, with no indentation (kubectl's WriteLine).
func (w *prefixWriter) line(s string) {
	w.b.WriteString(escapeTerminal(s))
	w.b.WriteByte('\n')
}

// tabbed runs f and aligns what it wrote like kubectl describe does: text/tabwriter with
// minwidth 0, tabwidth 8, padding 2, pad character ' ' and no flags, so alignment holds across
// each run of consecutive lines that have a cell in a column, and a line without a tab ends it.
func tabbed(f func(w *prefixWriter)) string {
	var w prefixWriter
	f(&w)
	var out strings.Builder
	out.Grow(w.b.Len() * 3 / 2)
	tw := tabwriter.NewWriter(&out, 0, 8, 2, ' ', 0)
	_, _ = tw.Write([]byte(w.b.String()))
	_ = tw.Flush()
	return out.String()
}

// labelsMultiline writes `<title>:\t` then the labels `k=v` sorted by key, one per line,
// continuation lines starting with a tab; `<none>` when there are none.
func labelsMultiline(w *prefixWriter, title string, labels map[string]string) {
	w.write(level0, title, ":\t")
	if len(labels) == 0 {
		w.line("<none>")
		return
	}
	for i, k := range sortedKeys(labels, "") {
		if i > 0 {
			w.write(level0, "\t")
		}
		w.write(level0, k, "=", labels[k], "\n")
	}
}

// maxAnnotationLen is where describe wraps and cuts annotation values.
const maxAnnotationLen = 140

// annotationsMultiline writes `<title>:\t` then `key: value` sorted by key, continuation lines
// starting with a tab, hiding kubectl.kubernetes.io/last-applied-configuration. A value that is
// multi-line or makes `key: value` longer than 140 characters is written as `key:` followed by
// its lines indented by two spaces, each cut to 138 characters plus `...`.
func annotationsMultiline(w *prefixWriter, title string, annotations map[string]string) {
	w.write(level0, title, ":\t")
	keys := sortedKeys(annotations, "kubectl.kubernetes.io/last-applied-configuration")
	if len(keys) == 0 {
		w.line("<none>")
		return
	}
	for i, k := range keys {
		if i > 0 {
			w.write(level0, "\t")
		}
		v := strings.TrimSuffix(annotations[k], "\n")
		if len(v)+len(k)+2 > maxAnnotationLen || strings.Contains(v, "\n") {
			w.write(level0, k, ":\n")
			for _, s := range strings.Split(v, "\n") {
				if len(s) > maxAnnotationLen-2 {
					s = s[:maxAnnotationLen-2] + "..."
				}
				w.write(level0, "\t  ", s, "\n")
			}
		} else {
			w.write(level0, k, ": ", v, "\n")
		}
	}
}

func sortedKeys(m map[string]string, skip string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		if k != skip || skip == "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func boolTitle(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }
