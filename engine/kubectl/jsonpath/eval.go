package jsonpath

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// Options are kubectl's printer settings plus the playground's limits.
type Options struct {
	// AllowMissingKeys is --allow-missing-template-keys (kubectl's default: true): a missing
	// field selects nothing instead of failing with "NAME is not found".
	AllowMissingKeys bool
	// JSONOutput is -o jsonpath-as-json: each group of results printed as one indented array.
	JSONOutput bool
	// MaxWork bounds the values one execution may visit; past it, execution stops with
	// ErrWork. Zero means DefaultMaxWork.
	MaxWork int
	// MaxOutput is the most Execute writes, in bytes; past it, printing stops (the caller
	// cuts the output and says so). Zero means no limit.
	MaxOutput int
}

// DefaultMaxWork is the work limit when Options leave it zero: {..image} over 5,000 pods
// costs about 310,000 (a quarter of a second natively), so 10,000 pods fit and no template
// runs much longer.
const DefaultMaxWork = 1 << 20

// ErrWork is returned when a template visits more values than Options.MaxWork allows.
var ErrWork = errors.New("the template visits too many values")

// evaluator is one execution: client-go's range bookkeeping (ranges begun, ranges entered,
// ends seen) and the work done so far.
type evaluator struct {
	opts                          Options
	beginRange, inRange, endRange int
	// lastEnd is the position, in the template's top-level list, of the last {end} that
	// closed a range body: execution resumes after it.
	lastEnd int
	work    int
}

// FindResults evaluates the template over data: one group of values per top-level node run,
// as client-go's FindResults returns them (custom-columns reads them this way).
func (t *Template) FindResults(data any, opts Options) ([][]any, error) {
	if opts.MaxWork <= 0 {
		opts.MaxWork = DefaultMaxWork
	}
	e := &evaluator{opts: opts, lastEnd: -1}
	return e.find(t.root.nodes, 0, data)
}

// find runs nodes (the template's top-level list from position base on) over data. A range
// runs the nodes after it once per value, up to the {end} that breaks out; execution then
// resumes after that end.
func (e *evaluator) find(nodes []node, base int, data any) ([][]any, error) {
	cur := []any{data}
	var full [][]any
	for i := 0; i < len(nodes); i++ {
		results, err := e.walk(cur, nodes[i])
		if err != nil {
			return nil, err
		}
		if e.endRange > 0 && e.endRange <= e.inRange {
			e.endRange--
			e.lastEnd = base + i
			break
		}
		if e.beginRange > 0 {
			e.beginRange--
			e.inRange++
			if len(results) > 0 {
				for _, v := range results {
					next, err := e.find(nodes[i+1:], base+i+1, v)
					if err != nil {
						return nil, err
					}
					full = append(full, next...)
				}
			} else if _, err := e.find(nodes[i+1:], base+i+1, nil); err != nil {
				// An empty range still runs its body once, to find its end.
				return nil, err
			}
			e.inRange--
			if e.lastEnd > base+i && e.lastEnd < base+len(nodes) {
				i = e.lastEnd - base
			}
			continue
		}
		full = append(full, results)
	}
	return full, nil
}

// spend counts n units of work and fails once the limit is passed.
func (e *evaluator) spend(n int) error {
	e.work += n
	if e.work > e.opts.MaxWork {
		return ErrWork
	}
	return nil
}

func (e *evaluator) walk(in []any, n node) ([]any, error) {
	if err := e.spend(1 + len(in)); err != nil {
		return nil, err
	}
	switch n := n.(type) {
	case *listNode:
		return e.list(in, n)
	case *textNode:
		return []any{n.text}, nil
	case *fieldNode:
		return e.field(in, n)
	case *arrayNode:
		return e.array(in, n)
	case *filterNode:
		return e.filter(in, n)
	case *intNode:
		return repeat(n.value, len(in)), nil
	case *floatNode:
		return repeat(n.value, len(in)), nil
	case *boolNode:
		return repeat(n.value, len(in)), nil
	case *wildcardNode:
		return e.wildcard(in)
	case *recursiveNode:
		return e.recursive(in)
	case *unionNode:
		var out []any
		for _, l := range n.lists {
			vs, err := e.list(in, l)
			if err != nil {
				return nil, err
			}
			out = append(out, vs...)
		}
		return out, nil
	case *identNode:
		return e.identifier(in, n)
	}
	return in, fmt.Errorf("unexpected Node %v", n)
}

func repeat(v any, n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func (e *evaluator) list(in []any, l *listNode) ([]any, error) {
	var err error
	for _, n := range l.nodes {
		if in, err = e.walk(in, n); err != nil {
			return in, err
		}
	}
	return in, nil
}

func (e *evaluator) identifier(in []any, n *identNode) ([]any, error) {
	switch n.name {
	case "range":
		e.beginRange++
		return in, nil
	case "end":
		if e.inRange == 0 {
			return nil, fmt.Errorf("not in range, nothing to end")
		}
		e.endRange++
		return nil, nil
	}
	return in, fmt.Errorf("unrecognized identifier %v", n.name)
}

func (e *evaluator) field(in []any, n *fieldNode) ([]any, error) {
	var out []any
	for _, v := range in {
		if m, ok := v.(map[string]any); ok {
			if x, ok := m[n.name]; ok {
				out = append(out, x)
			}
		}
	}
	if len(out) == 0 && len(in) > 0 && !e.opts.AllowMissingKeys {
		return nil, fmt.Errorf("%s is not found", n.name)
	}
	return out, nil
}

func (e *evaluator) array(in []any, n *arrayNode) ([]any, error) {
	var out []any
	for _, v := range in {
		if v == nil {
			continue
		}
		list, ok := v.([]any)
		if !ok {
			return in, fmt.Errorf("%v is not array or slice", TypeName(v))
		}
		p, length := n.params, len(list)
		if !p[0].known {
			p[0].value = 0
		}
		if p[0].value < 0 {
			p[0].value += length
		}
		if !p[1].known {
			p[1].value = length
		}
		if p[1].value < 0 || (p[1].value == 0 && p[1].derived) {
			p[1].value += length
		}
		if p[1].value == p[0].value {
			// Asking for no elements is allowed; the next inputs are still selected from
			// (client-go's empty_array_test.go).
			continue
		}
		switch {
		case p[0].value >= length || p[0].value < 0:
			return in, fmt.Errorf("array index out of bounds: index %d, length %d", p[0].value, length)
		case p[1].value > length || p[1].value < 0:
			return in, fmt.Errorf("array index out of bounds: index %d, length %d", p[1].value-1, length)
		case p[0].value > p[1].value:
			return in, fmt.Errorf("starting index %d is greater than ending index %d", p[0].value, p[1].value)
		}
		step := 1
		if p[2].known {
			if p[2].value <= 0 {
				return in, fmt.Errorf("step must be > 0")
			}
			step = p[2].value
		}
		for i := p[0].value; i < p[1].value; i += step {
			out = append(out, list[i])
		}
		if err := e.spend(len(out)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// children are what a wildcard selects: a map's values (in key order: client-go's order is
// Go's random map order), a list's items, a string's bytes.
func children(v any) []any {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		out := make([]any, len(keys))
		for i, k := range keys {
			out[i] = x[k]
		}
		return out
	case []any:
		return x
	case string:
		out := make([]any, len(x))
		for i := range len(x) {
			out[i] = x[i]
		}
		return out
	}
	return nil
}

func (e *evaluator) wildcard(in []any) ([]any, error) {
	var out []any
	for _, v := range in {
		c := children(v)
		if err := e.spend(len(c)); err != nil {
			return nil, err
		}
		out = append(out, c...)
	}
	return out, nil
}

// recursive selects every value that has children, depth first, each before its children.
// A string counts (its bytes are its children) but its bytes, having none, never appear.
func (e *evaluator) recursive(in []any) ([]any, error) {
	var out []any
	var visit func(v any) error
	visit = func(v any) error {
		if err := e.spend(1); err != nil {
			return err
		}
		switch x := v.(type) {
		case string:
			if x != "" {
				out = append(out, v)
			}
			return nil
		case map[string]any, []any:
			c := children(v)
			if len(c) == 0 {
				return nil
			}
			out = append(out, v)
			for _, child := range c {
				if err := visit(child); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, v := range in {
		if err := visit(v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (e *evaluator) filter(in []any, n *filterNode) ([]any, error) {
	var out []any
	for _, v := range in {
		list, ok := v.([]any)
		if !ok {
			return in, fmt.Errorf("%v is not array or slice and cannot be filtered", fmt.Sprint(v))
		}
		for _, item := range list {
			lefts, err := e.list([]any{item}, n.left)
			if n.op == "exists" {
				if len(lefts) > 0 {
					out = append(out, item)
				}
				continue
			}
			if err != nil {
				return in, err
			}
			if len(lefts) == 0 {
				continue
			}
			if len(lefts) > 1 {
				return in, fmt.Errorf("can only compare one element at a time")
			}
			rights, err := e.list([]any{item}, n.right)
			if err != nil {
				return in, err
			}
			if len(rights) == 0 {
				continue
			}
			if len(rights) > 1 {
				return in, fmt.Errorf("can only compare one element at a time")
			}
			pass, err := compare(n.op, lefts[0], rights[0])
			if err != nil {
				return out, err
			}
			if pass {
				out = append(out, item)
			}
		}
	}
	return out, nil
}

// TypeName is the Go type client-go names in its errors (values are decoded JSON).
func TypeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "map[string]interface {}"
	case []any:
		return "[]interface {}"
	}
	return fmt.Sprintf("%T", v)
}

// Decode reads JSON as kubectl's unstructured objects hold it: integers as int64 (a replica
// count prints 3; 2^63-1 stays exact), other numbers as float64.
func Decode(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return numbers(v), nil
}

func numbers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = numbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = numbers(e)
		}
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	}
	return v
}
