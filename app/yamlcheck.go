package app

import (
	"sort"
	"strconv"
	"strings"

	"rolloutlab/engine"
)

// The editor's live check: each document is checked by engine.CheckManifest, the decoding and
// admission apply runs, and every problem is placed on the line of the field it names.

// yamlProblem is one problem found in the editor's text.
type yamlProblem struct {
	Line  int    // 1-based line in the editor
	Field string // the field path, when the problem names one
	Msg   string
}

// The budget of the check as you type: a larger text would stall the page's only thread on
// every keystroke, so the editor says it is too large to check instead (Apply still reports).
const (
	maxCheckedBytes = 256 << 10
	maxCheckedLines = 2000
)

// liveResult is what the editor shows about its text.
type liveResult struct {
	Lines    int // numbered lines (a final newline opens none)
	Problems []yamlProblem
	Bad      []int // the lines of Problems, ascending, without repeats
	TooLarge bool  // over the budget: not checked
}

// liveCheck checks text within the budget. Its cost outside checkYAML is one pass over the text.
func liveCheck(text string) liveResult {
	r := liveResult{Lines: editorLines(text)}
	if len(text) > maxCheckedBytes || r.Lines > maxCheckedLines {
		r.TooLarge = true
		return r
	}
	r.Problems = checkYAML(text)
	for _, pr := range r.Problems {
		if n := len(r.Bad); n == 0 || r.Bad[n-1] != pr.Line {
			r.Bad = append(r.Bad, pr.Line)
		}
	}
	return r
}

// editorLines counts the lines the gutter numbers: at least one, and none for what follows a
// final newline.
func editorLines(text string) int {
	n := strings.Count(text, "\n") + 1
	if strings.HasSuffix(text, "\n") {
		n--
	}
	return max(n, 1)
}

// checkYAML decodes and validates text; problems are sorted by line.
func checkYAML(text string) []yamlProblem {
	var out []yamlProblem
	if t := strings.TrimLeft(text, " \t\r\n"); strings.HasPrefix(t, "{") {
		out = checkDoc(text, 1, true)
	} else {
		for _, d := range splitDocs(text) {
			out = append(out, checkDoc(d.text, d.start, false)...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

type yamlDoc struct {
	text  string
	start int // line of the document's first line
}

// splitDocs splits a YAML stream on lines starting with "---", as kubectl does.
func splitDocs(text string) []yamlDoc {
	lines := strings.Split(text, "\n")
	var docs []yamlDoc
	cur := yamlDoc{start: 1}
	var b strings.Builder
	for i, l := range lines {
		if strings.HasPrefix(l, "---") {
			cur.text = b.String()
			docs = append(docs, cur)
			b.Reset()
			cur = yamlDoc{start: i + 2}
			continue
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	cur.text = b.String()
	return append(docs, cur)
}

func checkDoc(text string, start int, isJSON bool) []yamlProblem {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var idx *yamlNode
	var out []yamlProblem
	for _, pr := range engine.CheckManifest(text) {
		line := start
		switch {
		case pr.Line > 0:
			line = start + pr.Line - 1
		case pr.Field != "" && !isJSON:
			if idx == nil {
				idx = indexYAML(strings.Split(text, "\n"), start)
			}
			if l := idx.lineOf(pr.Field); l > 0 {
				line = l
			}
		}
		out = append(out, yamlProblem{Line: line, Field: pr.Field, Msg: pr.Msg})
	}
	return out
}

// yamlNode is one key or list item of a block-style YAML document, with its line.
type yamlNode struct {
	line  int
	keys  map[string]*yamlNode
	items []*yamlNode
}

func (n *yamlNode) key(k string, line int) *yamlNode {
	if n.keys == nil {
		n.keys = map[string]*yamlNode{}
	}
	c := &yamlNode{line: line}
	n.keys[k] = c // a repeated key: the last one wins, as in kubectl's conversion
	return c
}

// indexYAML reads the structure of a block-style YAML document (what Kubernetes manifests
// use): which line each key and list item is on. Flow collections and block scalars are
// skipped over; anything under them maps to their line.
func indexYAML(lines []string, start int) *yamlNode {
	root := &yamlNode{}
	type frame struct {
		col  int
		node *yamlNode
		seq  bool
	}
	stack := []frame{{col: -1, node: root}}
	var pending *yamlNode // a key or item whose value starts on a later line
	pendingCol := 0
	scalarCol := -1 // inside a block scalar started by a key at this column
	for i, raw := range lines {
		lineNo := start + i
		text := strings.TrimRight(raw, "\r")
		trimmed := strings.TrimLeft(text, " ")
		col := len(text) - len(trimmed)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if scalarCol >= 0 {
			if col > scalarCol {
				continue
			}
			scalarCol = -1
		}
		for len(stack) > 1 && stack[len(stack)-1].col > col {
			stack = stack[:len(stack)-1]
		}
		dash := isDash(trimmed)
		if pending != nil {
			if col > pendingCol || (col == pendingCol && dash) {
				stack = append(stack, frame{col: col, node: pending, seq: dash})
			}
			pending = nil
		}
		if top := stack[len(stack)-1]; top.col == col && top.seq && !dash && len(stack) > 1 {
			stack = stack[:len(stack)-1] // a list at its key's column has ended
		}
		s := trimmed
		for isDash(s) {
			top := stack[len(stack)-1]
			if !(top.seq && top.col == col) {
				stack = append(stack, frame{col: col, node: top.node, seq: true})
				top = stack[len(stack)-1]
			}
			item := &yamlNode{line: lineNo}
			top.node.items = append(top.node.items, item)
			rest := strings.TrimPrefix(s, "-")
			inner := strings.TrimLeft(rest, " ")
			col += 1 + len(rest) - len(inner)
			s = inner
			if s == "" || strings.HasPrefix(s, "#") {
				pending, pendingCol = item, col-1
				break
			}
			stack = append(stack, frame{col: col, node: item, seq: isDash(s)})
		}
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		key, value, ok := splitKey(s)
		if !ok {
			continue
		}
		top := stack[len(stack)-1]
		if top.col < col && !top.seq {
			// a deeper key without a pending parent (bad indentation): attach it here
			stack = append(stack, frame{col: col, node: top.node})
			top = stack[len(stack)-1]
		}
		child := top.node.key(key, lineNo)
		switch {
		case value == "" || strings.HasPrefix(value, "#"):
			pending, pendingCol = child, col
		case strings.HasPrefix(value, "|") || strings.HasPrefix(value, ">"):
			scalarCol = col
		}
	}
	return root
}

func isDash(s string) bool { return s == "-" || strings.HasPrefix(s, "- ") }

// splitKey splits `key: value` (the key may be quoted).
func splitKey(s string) (key, value string, ok bool) {
	if s[0] == '"' || s[0] == '\'' {
		q := s[0]
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			return "", "", false
		}
		key = s[1 : end+1]
		rest := strings.TrimLeft(s[end+2:], " ")
		if !strings.HasPrefix(rest, ":") {
			return "", "", false
		}
		return key, strings.TrimSpace(rest[1:]), true
	}
	if s[0] == '{' || s[0] == '[' {
		return "", "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:]), true
		}
		if s[i] == ' ' && i+1 < len(s) && s[i+1] == '#' {
			return "", "", false
		}
	}
	return "", "", false
}

// pathSegment is one step of a field path: a key, or an index when idx >= 0.
type pathSegment struct {
	key string
	idx int
}

// parsePath reads field paths as the apiserver writes them: spec.template.spec.containers[0].image,
// metadata.labels[app.kubernetes.io/name] (a map key in brackets), and the struct-only paths of
// type errors (spec.template.spec.containers.image).
func parsePath(p string) []pathSegment {
	var out []pathSegment
	for i := 0; i < len(p); {
		switch p[i] {
		case '.':
			i++
		case '[':
			end := strings.IndexByte(p[i:], ']')
			if end < 0 {
				return out
			}
			inner := p[i+1 : i+end]
			if n, err := strconv.Atoi(inner); err == nil {
				out = append(out, pathSegment{idx: n})
			} else {
				out = append(out, pathSegment{key: inner, idx: -1})
			}
			i += end + 1
		default:
			j := i
			for j < len(p) && p[j] != '.' && p[j] != '[' {
				j++
			}
			out = append(out, pathSegment{key: p[i:j], idx: -1})
			i = j
		}
	}
	return out
}

// lineOf is the line of the deepest node of path that exists in the document (0 if none): a
// missing field is shown at its parent. A key asked of a list is looked for in its items.
func (n *yamlNode) lineOf(path string) int {
	best := 0
	node := n
	for _, seg := range parsePath(path) {
		var next *yamlNode
		if seg.idx >= 0 {
			if seg.idx < len(node.items) {
				next = node.items[seg.idx]
			}
		} else {
			next = node.keys[seg.key]
			if next == nil {
				for _, it := range node.items {
					if c := it.keys[seg.key]; c != nil {
						next = c
						break
					}
				}
			}
		}
		if next == nil {
			break
		}
		node = next
		if node.line > 0 {
			best = node.line
		}
	}
	return best
}
