package kubectl

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"text/template"
	"text/template/parse"

	"rolloutlab/engine/kubectl/jsonpath"
)

// goTemplate is -o go-template: Go's text/template over the object's JSON map, with kubectl's
// two functions (exists, base64decode) and its --allow-missing-template-keys option.
//
// text/template has no work limit, so two guards keep a template from hanging the page: before
// running, an upper bound of the actions it can execute over this data must stay within the
// budget; while running, the functions that turn values into text (print, printf, println,
// html, js, urlquery, base64decode) count the bytes they make against the output budget.
type goTemplate struct {
	t         *template.Template
	maxOutput int
	made      int // bytes made by the text functions in this run
}

var errTemplateBudget = errors.New("the template does more work than the playground allows")

func parseGoTemplate(text string, opts jsonpath.Options) (*goTemplate, error) {
	g := &goTemplate{maxOutput: opts.MaxOutput}
	if g.maxOutput <= 0 {
		g.maxOutput = math.MaxInt / textRatio
	}
	counted := func(f func(args ...any) string) func(args ...any) (string, error) {
		return func(args ...any) (string, error) {
			s := f(args...)
			return s, g.spend(len(s))
		}
	}
	t, err := template.New("output").Funcs(template.FuncMap{
		"exists":       exists,
		"base64decode": func(v string) (string, error) { s, err := base64decode(v); return s, errors.Join(err, g.spend(len(s))) },
		"print":        counted(fmt.Sprint),
		"println":      counted(fmt.Sprintln),
		"printf": func(format string, args ...any) (string, error) {
			s := fmt.Sprintf(format, args...)
			return s, g.spend(len(s))
		},
		"html":     counted(template.HTMLEscaper),
		"js":       counted(template.JSEscaper),
		"urlquery": counted(template.URLQueryEscaper),
	}).Parse(text)
	if err != nil {
		return nil, err
	}
	if opts.AllowMissingKeys {
		t.Option("missingkey=default")
	} else {
		t.Option("missingkey=error")
	}
	g.t = t
	return g, nil
}

// textRatio is how much more text the functions may make than the output may hold: text
// made to be printed meets the output budget first, text made and thrown away is bounded.
const textRatio = 4

func (g *goTemplate) spend(n int) error {
	g.made += n
	if g.made > textRatio*g.maxOutput {
		return errTemplateBudget
	}
	return nil
}

// exists reports whether indexing item by indices would find something (kubectl's function).
func exists(item any, indices ...any) bool {
	v := item
	for _, i := range indices {
		switch x := v.(type) {
		case map[string]any:
			k, ok := i.(string)
			if !ok {
				return false
			}
			v = x[k]
		case []any:
			n, ok := toIndex(i)
			if !ok || n < 0 || n >= int64(len(x)) {
				return false
			}
			v = x[n]
		case string:
			n, ok := toIndex(i)
			if !ok || n < 0 || n >= int64(len(x)) {
				return false
			}
			v = x[n]
		default:
			return false
		}
	}
	return v != nil
}

func toIndex(i any) (int64, bool) {
	r := reflect.ValueOf(i)
	switch r.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return r.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return int64(r.Uint()), r.Uint() <= math.MaxInt64
	}
	return 0, false
}

func base64decode(v string) (string, error) {
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return "", fmt.Errorf("base64 decode failed: %v", err)
	}
	return string(b), nil
}

// print runs the template over data. On failure kubectl prints what it knows on stdout (the
// template, the raw JSON, the map) and the error on stderr.
func (g *goTemplate) print(data map[string]any, raw string, res *Result) {
	g.made = 0
	if bound := actionBound(g.t, data); bound > float64(jsonpath.DefaultMaxWork) {
		res.failf("error executing template %q: %v (it could run %.3g actions over this data)", raw, errTemplateBudget, bound)
		return
	}
	w := &budgetWriter{w: &res.Stdout, left: g.maxOutput - res.Stdout.Len()}
	err := g.execute(w, data)
	switch {
	case err == nil, w.full:
		return // a cut output is reported by Run
	case errors.Is(err, errTemplateBudget):
		res.failf("error executing template %q: %v", raw, errTemplateBudget)
		return
	}
	b, _ := json.Marshal(data)
	fmt.Fprintf(&res.Stdout, "Error executing template: %v. Printing more information for debugging the template:\n", err)
	fmt.Fprintf(&res.Stdout, "\ttemplate was:\n\t\t%v\n", raw)
	fmt.Fprintf(&res.Stdout, "\traw data was:\n\t\t%v\n", string(b))
	fmt.Fprintf(&res.Stdout, "\tobject given to template engine was:\n\t\t%+v\n\n", data)
	res.failf("error executing template %q: %v", raw, err)
}

// execute runs the template, turning a panic into an error as kubectl's safeExecute does.
func (g *goTemplate) execute(w io.Writer, data any) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("caught panic: %+v", x)
		}
	}()
	return g.t.Execute(w, data)
}

// budgetWriter writes until the output budget is spent, then fails, which ends the run.
type budgetWriter struct {
	w    io.Writer
	left int
	full bool
}

func (b *budgetWriter) Write(p []byte) (int, error) {
	if len(p) > b.left {
		b.full = true
		n, _ := b.w.Write(p[:max(b.left, 0)+1])
		b.left = -1
		return n, errTemplateBudget
	}
	b.left -= len(p)
	return b.w.Write(p)
}

// actionBound is an upper bound of the actions a template executes over data. A range runs
// its body at most L times, L being the longest list, map, string or largest integer the
// data or the template holds; but ranges and withs that only walk down from dot (.spec.x)
// visit disjoint parts of the data, so all the runs of such a body together stay within the
// number of values in the data. A template that calls itself has no bound.
func actionBound(t *template.Template, data any) float64 {
	c := &coster{t: t, calling: map[string]bool{}}
	c.n, c.l = sizes(data)
	for _, d := range t.Templates() {
		if d.Tree != nil {
			c.l = max(c.l, largestInt(d.Tree.Root))
		}
	}
	c.list(t.Root, 1, true)
	return c.total
}

type coster struct {
	t       *template.Template
	n, l    float64
	total   float64
	calling map[string]bool
}

func (c *coster) list(l *parse.ListNode, runs float64, disjoint bool) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		c.total += runs
		switch n := n.(type) {
		case *parse.IfNode:
			c.list(n.List, runs, disjoint)
			c.list(n.ElseList, runs, disjoint)
		case *parse.WithNode:
			c.list(n.List, runs, disjoint && walksDown(n.Pipe))
			c.list(n.ElseList, runs, disjoint)
		case *parse.RangeNode:
			down := disjoint && walksDown(n.Pipe)
			body := runs * c.l
			if down {
				body = min(body, c.n)
			}
			c.total += body // each iteration, even of an empty body
			c.list(n.List, body, down)
			c.list(n.ElseList, runs, disjoint)
		case *parse.TemplateNode:
			called := c.t.Lookup(n.Name)
			if called == nil || called.Tree == nil {
				continue
			}
			if c.calling[n.Name] {
				c.total = math.Inf(1)
				return
			}
			c.calling[n.Name] = true
			c.list(called.Tree.Root, runs, disjoint && (n.Pipe == nil || walksDown(n.Pipe)))
			c.calling[n.Name] = false
		}
	}
}

// largestInt is the largest integer written in a template's node.
func largestInt(n parse.Node) float64 {
	var kids []parse.Node
	switch n := n.(type) {
	case *parse.NumberNode:
		if n.IsInt {
			return float64(n.Int64)
		}
	case *parse.ListNode:
		if n != nil {
			kids = n.Nodes
		}
	case *parse.ActionNode:
		kids = []parse.Node{n.Pipe}
	case *parse.IfNode:
		kids = []parse.Node{n.Pipe, n.List, n.ElseList}
	case *parse.RangeNode:
		kids = []parse.Node{n.Pipe, n.List, n.ElseList}
	case *parse.WithNode:
		kids = []parse.Node{n.Pipe, n.List, n.ElseList}
	case *parse.TemplateNode:
		kids = []parse.Node{n.Pipe}
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				kids = append(kids, c)
			}
		}
	case *parse.CommandNode:
		kids = n.Args
	case *parse.ChainNode:
		kids = []parse.Node{n.Node}
	}
	largest := 0.0
	for _, k := range kids {
		largest = max(largest, largestInt(k))
	}
	return largest
}

// walksDown reports a pipeline that is dot or a field path from dot (.spec.containers).
func walksDown(p *parse.PipeNode) bool {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	switch p.Cmds[0].Args[0].(type) {
	case *parse.DotNode, *parse.FieldNode:
		return true
	}
	return false
}

// sizes counts the values in v and finds its longest list, map or string and largest integer.
func sizes(v any) (count, longest float64) {
	switch x := v.(type) {
	case map[string]any:
		count, longest = 1, float64(len(x))
		for _, e := range x {
			c, l := sizes(e)
			count, longest = count+c, max(longest, l)
		}
	case []any:
		count, longest = 1, float64(len(x))
		for _, e := range x {
			c, l := sizes(e)
			count, longest = count+c, max(longest, l)
		}
	case string:
		return 1, float64(len(x))
	case int64:
		return 1, max(float64(x), 0)
	default:
		return 1, 0
	}
	return count, longest
}
