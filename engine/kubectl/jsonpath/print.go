package jsonpath

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Execute evaluates the template over data and prints the results as kubectl does: the
// values of one node separated by spaces, maps and lists as compact JSON, other values as Go
// prints them (an integer is 3, never 3e+00). Nothing is printed when evaluation fails.
func (t *Template) Execute(w io.Writer, data any, opts Options) error {
	groups, err := t.FindResults(data, opts)
	if err != nil {
		return err
	}
	out := &limited{w: w, max: opts.MaxOutput}
	for _, g := range groups {
		if opts.JSONOutput {
			encode(out, g, "\n")
			out.WriteString("\n")
			continue
		}
		for i, v := range g {
			if i > 0 {
				out.WriteString(" ")
			}
			switch v.(type) {
			case map[string]any, []any:
				encode(out, v, "")
			default:
				out.WriteString(text(v))
			}
		}
	}
	return out.err
}

// text prints a scalar as client-go does (fmt.Fprint of the decoded value).
func text(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// limited writes up to max bytes and one write beyond, so the caller sees that the limit
// was passed; after that it writes nothing.
type limited struct {
	w   io.Writer
	max int
	n   int
	err error
}

func (l *limited) WriteString(s string) {
	if l.err != nil || l.full() {
		return
	}
	n, err := io.WriteString(l.w, s)
	l.n += n
	if err != nil {
		l.err = err
	}
}

func (l *limited) full() bool { return l.max > 0 && l.n > l.max }

// encode writes v as encoding/json would — sorted keys, HTML-safe strings — compact when nl
// is empty, else indented by four spaces with nl as the line start (json.MarshalIndent); it
// stops as soon as the output limit is passed.
func encode(w *limited, v any, nl string) {
	if w.full() {
		return
	}
	const indent = "    "
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			w.WriteString("{}")
			return
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		w.WriteString("{")
		for i, k := range keys {
			if i > 0 {
				w.WriteString(",")
			}
			if nl != "" {
				w.WriteString(nl + indent)
			}
			w.WriteString(scalarJSON(k))
			w.WriteString(":")
			if nl != "" {
				w.WriteString(" ")
			}
			encode(w, x[k], inner(nl, indent))
		}
		if nl != "" {
			w.WriteString(nl)
		}
		w.WriteString("}")
	case []any:
		if len(x) == 0 {
			w.WriteString("[]")
			return
		}
		w.WriteString("[")
		for i, item := range x {
			if i > 0 {
				w.WriteString(",")
			}
			if nl != "" {
				w.WriteString(nl + indent)
			}
			encode(w, item, inner(nl, indent))
		}
		if nl != "" {
			w.WriteString(nl)
		}
		w.WriteString("]")
	default:
		w.WriteString(scalarJSON(v))
	}
}

func inner(nl, indent string) string {
	if nl == "" {
		return ""
	}
	return nl + indent
}

func scalarJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only a NaN or an infinity fails; decoded JSON holds neither.
		return strings.ToLower(fmt.Sprint(v))
	}
	return string(b)
}
