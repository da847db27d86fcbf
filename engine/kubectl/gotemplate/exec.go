// Package gotemplate is kubectl's -o go-template: Go's text/template language (parsed by
// text/template/parse, so its syntax and parse errors are Go's own) run over decoded JSON
// (map[string]any, []any, string, int64, float64, bool, nil) by an interpreter that counts its
// work, with text/template's semantics and error texts for that data and kubectl's functions.
//
// text/template itself is not used to run templates: it looks methods up by name, which makes
// the linker keep every exported method of the program (4.7 MB more WebAssembly), and it has
// no work limit, so a template could hang the page.
package gotemplate

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/template/parse"
)

// Options are kubectl's printer settings plus the playground's limit.
type Options struct {
	// MissingKeyError is --allow-missing-template-keys=false (missingkey=error); by default a
	// missing key prints "<no value>".
	MissingKeyError bool
	// MaxSteps bounds the nodes evaluated and the range iterations; zero means
	// DefaultMaxSteps.
	MaxSteps int
	// MaxText bounds the bytes of text functions make (print, printf, html...); what the
	// template writes is bounded by its writer. Zero means DefaultMaxText.
	MaxText int
}

// The limits when Options leave them zero: a template over 5,000 pods takes some ten steps
// an item; a template call costs as many steps as it is deep, so runaway recursion stops
// after a few thousand calls.
const (
	DefaultMaxSteps = 1 << 20
	DefaultMaxText  = 16 << 20
)

// ErrWork is returned when a template does more work than Options.MaxWork allows.
var ErrWork = errors.New("the template does more work than the playground allows")

// maxDepth is text/template's limit on nested template calls.
const maxDepth = 100000

// Template is a parsed go-template.
type Template struct {
	trees map[string]*parse.Tree
}

// Parse parses a template named "output", as kubectl names it; its errors are Go's.
func Parse(text string) (*Template, error) {
	names := map[string]any{}
	for name := range builtins {
		names[name] = true
	}
	trees, err := parse.Parse("output", text, "", "", names)
	if err != nil {
		return nil, err
	}
	return &Template{trees: trees}, nil
}

// noValue is what a missing map key evaluates to (text/template's invalid value): printed
// as "<no value>", passed to a function as nil.
type noValueType struct{}

var noValue any = noValueType{}

// missingFinal marks a command with no value piped into it.
type missingFinalType struct{}

var missingFinal any = missingFinalType{}

type variable struct {
	name  string
	value any
}

type state struct {
	t     *Template
	tree  *parse.Tree
	w     io.Writer
	node  parse.Node
	vars  []variable
	depth int
	steps int
	text  int
	opts  Options
}

// execError is an error of the template, with its location.
type execError struct{ err error }

// control flow of {{break}} and {{continue}}.
type loopControl int

const (
	walkBreak loopControl = iota
	walkContinue
)

// Execute runs the template over data, writing to w. A write error ends the run and is
// returned as is.
func (t *Template) Execute(w io.Writer, data any, opts Options) (err error) {
	if opts.MaxSteps <= 0 {
		opts.MaxSteps = DefaultMaxSteps
	}
	if opts.MaxText <= 0 {
		opts.MaxText = DefaultMaxText
	}
	tree := t.trees["output"]
	s := &state{t: t, tree: tree, w: w, vars: []variable{{"$", data}}, opts: opts}
	defer func() {
		if r := recover(); r != nil {
			switch e := r.(type) {
			case execError:
				err = e.err
			case writeError:
				err = e.err
			default:
				panic(r)
			}
		}
	}()
	if tree == nil || tree.Root == nil {
		s.errorf("%q is an incomplete or empty template", "output")
	}
	s.walk(data, tree.Root)
	return nil
}

type writeError struct{ err error }

func (s *state) at(n parse.Node) { s.node = n }

// spend counts steps and stops the run past the limit.
func (s *state) spend(n int) {
	s.steps += n
	if s.steps > s.opts.MaxSteps {
		panic(execError{ErrWork})
	}
}

// made counts the text functions make and stops the run past the limit.
func (s *state) made(n int) {
	s.text += n
	if s.text > s.opts.MaxText {
		panic(execError{ErrWork})
	}
}

// errorf stops the run with text/template's message: the template, the place and the
// expression being evaluated.
func (s *state) errorf(format string, args ...any) {
	name := strings.ReplaceAll(s.tree.ParseName, "%", "%%")
	if s.node == nil {
		format = fmt.Sprintf("template: %s: %s", name, format)
	} else {
		location, context := s.tree.ErrorContext(s.node)
		format = fmt.Sprintf("template: %s: executing %q at <%s>: %s", location, s.tree.Name, strings.ReplaceAll(context, "%", "%%"), format)
	}
	panic(execError{fmt.Errorf(format, args...)})
}

func (s *state) write(text string) {
	if _, err := io.WriteString(s.w, text); err != nil {
		panic(writeError{err})
	}
}

func (s *state) push(name string, v any) { s.vars = append(s.vars, variable{name, v}) }

func (s *state) mark() int { return len(s.vars) }

func (s *state) pop(mark int) { s.vars = s.vars[:mark] }

func (s *state) setVar(name string, v any) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return
		}
	}
	s.errorf("undefined variable: %s", name)
}

func (s *state) setTopVar(n int, v any) { s.vars[len(s.vars)-n].value = v }

func (s *state) varValue(name string) any {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	s.errorf("undefined variable: %s", name)
	return nil
}

func (s *state) walk(dot any, node parse.Node) {
	s.spend(1)
	s.at(node)
	switch n := node.(type) {
	case *parse.ActionNode:
		v := s.evalPipeline(dot, n.Pipe)
		if len(n.Pipe.Decl) == 0 {
			s.printValue(v)
		}
	case *parse.BreakNode:
		panic(walkBreak)
	case *parse.ContinueNode:
		panic(walkContinue)
	case *parse.CommentNode:
	case *parse.IfNode:
		s.walkIfOrWith(false, dot, n.Pipe, n.List, n.ElseList)
	case *parse.WithNode:
		s.walkIfOrWith(true, dot, n.Pipe, n.List, n.ElseList)
	case *parse.ListNode:
		for _, c := range n.Nodes {
			s.walk(dot, c)
		}
	case *parse.RangeNode:
		s.walkRange(dot, n)
	case *parse.TemplateNode:
		s.walkTemplate(dot, n)
	case *parse.TextNode:
		s.write(string(n.Text))
	default:
		s.errorf("unknown node: %s", node)
	}
}

func (s *state) walkIfOrWith(with bool, dot any, pipe *parse.PipeNode, list, elseList *parse.ListNode) {
	defer s.pop(s.mark())
	v := s.evalPipeline(dot, pipe)
	t, ok := truth(v)
	if !ok {
		s.errorf("if/with can't use %v", v)
	}
	switch {
	case t && with:
		s.walk(v, list)
	case t:
		s.walk(dot, list)
	case elseList != nil:
		s.walk(dot, elseList)
	}
}

func (s *state) walkRange(dot any, r *parse.RangeNode) {
	s.at(r)
	defer func() {
		if x := recover(); x != nil && x != walkBreak {
			panic(x)
		}
	}()
	defer s.pop(s.mark())
	v := s.evalPipeline(dot, r.Pipe)
	mark := s.mark()
	one := func(index, elem any) {
		s.spend(1)
		if len(r.Pipe.Decl) > 0 {
			if r.Pipe.IsAssign {
				if len(r.Pipe.Decl) > 1 {
					s.setVar(r.Pipe.Decl[0].Ident[0], index)
				} else {
					s.setVar(r.Pipe.Decl[0].Ident[0], elem)
				}
			} else {
				s.setTopVar(1, elem)
			}
		}
		if len(r.Pipe.Decl) > 1 {
			if r.Pipe.IsAssign {
				s.setVar(r.Pipe.Decl[1].Ident[0], elem)
			} else {
				s.setTopVar(2, index)
			}
		}
		defer s.pop(mark)
		defer func() {
			if x := recover(); x != nil && x != walkContinue {
				panic(x)
			}
		}()
		s.walk(elem, r.List)
	}
	switch x := v.(type) {
	case []any:
		if len(x) > 0 {
			for i, e := range x {
				one(i, e)
			}
			return
		}
	case map[string]any:
		if len(x) > 0 {
			for _, k := range sortedKeys(x) {
				one(k, x[k])
			}
			return
		}
	case int, int64:
		n := toInt64(x)
		if len(r.Pipe.Decl) > 1 {
			s.errorf("can't use %v to iterate over more than one variable", v)
		}
		if n > 0 {
			for i := int64(0); i < n; i++ {
				if _, ok := x.(int); ok {
					one(int(i), int(i))
				} else {
					one(i, i)
				}
			}
			return
		}
	case nil, noValueType:
	default:
		s.errorf("range can't iterate over %v", v)
	}
	if r.ElseList != nil {
		s.walk(dot, r.ElseList)
	}
}

func (s *state) walkTemplate(dot any, t *parse.TemplateNode) {
	s.at(t)
	tree := s.t.trees[t.Name]
	if tree == nil {
		s.errorf("template %q not defined", t.Name)
	}
	if s.depth == maxDepth {
		s.errorf("exceeded maximum template depth (%v)", maxDepth)
	}
	s.spend(s.depth)
	dot = s.evalPipeline(dot, t.Pipe)
	inner := *s
	inner.depth++
	inner.tree = tree
	inner.vars = []variable{{"$", dot}}
	defer func() { s.steps, s.text = inner.steps, inner.text }()
	inner.walk(dot, tree.Root)
}

func (s *state) evalPipeline(dot any, pipe *parse.PipeNode) any {
	if pipe == nil {
		return noValue
	}
	s.at(pipe)
	v := missingFinal
	for _, cmd := range pipe.Cmds {
		v = s.evalCommand(dot, cmd, v)
		if v == nil { // a nil interface unwraps to no value
			v = noValue
		}
	}
	for _, d := range pipe.Decl {
		if pipe.IsAssign {
			s.setVar(d.Ident[0], v)
		} else {
			s.push(d.Ident[0], v)
		}
	}
	return v
}

func (s *state) notAFunction(args []parse.Node, final any) {
	if len(args) > 1 || final != missingFinal {
		s.errorf("can't give argument to non-function %s", args[0])
	}
}

func (s *state) evalCommand(dot any, cmd *parse.CommandNode, final any) any {
	s.spend(1)
	first := cmd.Args[0]
	switch n := first.(type) {
	case *parse.FieldNode:
		s.at(n)
		return s.evalFieldChain(dot, dot, n, n.Ident, cmd.Args, final)
	case *parse.ChainNode:
		return s.evalChain(dot, n, cmd.Args, final)
	case *parse.IdentifierNode:
		return s.evalFunction(dot, n, cmd, cmd.Args, final)
	case *parse.PipeNode:
		s.notAFunction(cmd.Args, final)
		return s.evalPipeline(dot, n)
	case *parse.VariableNode:
		return s.evalVariable(dot, n, cmd.Args, final)
	}
	s.at(first)
	s.notAFunction(cmd.Args, final)
	switch w := first.(type) {
	case *parse.BoolNode:
		return w.True
	case *parse.DotNode:
		return dot
	case *parse.NilNode:
		s.errorf("nil is not a command")
	case *parse.NumberNode:
		return s.constant(w)
	case *parse.StringNode:
		return w.Text
	}
	s.errorf("can't evaluate command %q", first)
	return nil
}

// constant is a number written in the template: an int, a float64 or a complex128.
func (s *state) constant(n *parse.NumberNode) any {
	s.at(n)
	switch {
	case n.IsComplex:
		return n.Complex128
	case n.IsFloat && !strings.HasPrefix(n.Text, "0x") && !strings.HasPrefix(n.Text, "'") && strings.ContainsAny(n.Text, ".eEpP"):
		return n.Float64
	case n.IsInt:
		return int(n.Int64)
	case n.IsUint:
		s.errorf("%s overflows int", n.Text)
	}
	return noValue
}

func (s *state) evalChain(dot any, chain *parse.ChainNode, args []parse.Node, final any) any {
	s.at(chain)
	if chain.Node.Type() == parse.NodeNil {
		s.errorf("indirection through explicit nil in %s", chain)
	}
	v := s.evalArg(dot, chain.Node)
	return s.evalFieldChain(dot, v, chain, chain.Field, args, final)
}

func (s *state) evalVariable(dot any, v *parse.VariableNode, args []parse.Node, final any) any {
	s.at(v)
	value := s.varValue(v.Ident[0])
	if len(v.Ident) == 1 {
		s.notAFunction(args, final)
		return value
	}
	return s.evalFieldChain(dot, value, v, v.Ident[1:], args, final)
}

func (s *state) evalFieldChain(dot, receiver any, node parse.Node, ident []string, args []parse.Node, final any) any {
	boxed := false // a value read from a map or list is an interface {} to text/template
	for i, name := range ident {
		s.spend(1)
		hasArgs := i == len(ident)-1 && (len(args) > 1 || final != missingFinal)
		receiver = s.evalField(name, receiver, boxed, hasArgs)
		boxed = true
	}
	return receiver
}

func (s *state) evalField(name string, receiver any, boxed, hasArgs bool) any {
	switch r := receiver.(type) {
	case noValueType:
		if s.opts.MissingKeyError {
			s.errorf("nil data; no entry for key %q", name)
		}
		return noValue
	case nil:
		s.errorf("nil pointer evaluating interface {}.%s", name)
	case map[string]any:
		if hasArgs {
			s.errorf("%s is not a method but has arguments", name)
		}
		v, ok := r[name]
		if !ok {
			if s.opts.MissingKeyError {
				s.errorf("map has no entry for key %q", name)
			}
			return noValue
		}
		return v
	}
	typ := typeName(receiver)
	if boxed {
		typ = "interface {}"
	}
	s.errorf("can't evaluate field %s in type %s", name, typ)
	return nil
}

// evalArg evaluates one argument of a function or the head of a chain.
func (s *state) evalArg(dot any, n parse.Node) any {
	s.at(n)
	switch a := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.NilNode:
		return nil
	case *parse.FieldNode:
		return s.evalFieldChain(dot, dot, a, a.Ident, []parse.Node{n}, missingFinal)
	case *parse.VariableNode:
		return s.evalVariable(dot, a, nil, missingFinal)
	case *parse.PipeNode:
		return s.evalPipeline(dot, a)
	case *parse.IdentifierNode:
		return s.evalFunction(dot, a, a, nil, missingFinal)
	case *parse.ChainNode:
		return s.evalChain(dot, a, nil, missingFinal)
	case *parse.BoolNode:
		return a.True
	case *parse.NumberNode:
		return s.constant(a)
	case *parse.StringNode:
		return a.Text
	}
	s.errorf("can't handle %s for arg", n)
	return nil
}

// evalFunction calls a function: errors of its arguments' number are reported at its name,
// its own errors at the whole command, as text/template reports them.
func (s *state) evalFunction(dot any, n *parse.IdentifierNode, cmd parse.Node, args []parse.Node, final any) any {
	s.at(n)
	f, ok := builtins[n.Ident]
	if !ok {
		s.errorf("%q is not a defined function", n.Ident)
	}
	if len(args) > 0 {
		args = args[1:]
	}
	given := len(args)
	if final != missingFinal {
		given++
	}
	switch {
	case f.max < 0 && given < f.min:
		s.errorf("wrong number of args for %s: want at least %d got %d", n.Ident, f.min, len(args))
	case f.max >= 0 && given != f.max:
		s.errorf("wrong number of args for %s: want %d got %d", n.Ident, f.max, given)
	}
	if n.Ident == "and" || n.Ident == "or" {
		// and/or stop at the first argument that decides.
		var v any
		for _, a := range args {
			v = s.evalArg(dot, a)
			if t, _ := truth(v); t == (n.Ident == "or") {
				return v
			}
		}
		if final != missingFinal {
			v = final
		}
		return v
	}
	argv := make([]any, 0, given)
	for _, a := range args {
		argv = append(argv, s.evalArg(dot, a))
	}
	if final != missingFinal {
		argv = append(argv, final)
	}
	v, made, err := f.call(argv)
	if err != nil {
		s.at(cmd)
		s.errorf("error calling %s: %w", n.Ident, err)
	}
	s.made(made)
	return v
}

// printValue writes a value as text/template prints it.
func (s *state) printValue(v any) {
	var text string
	switch x := v.(type) {
	case noValueType:
		text = "<no value>"
	case string:
		text = x
	default:
		text = fmt.Sprint(x)
	}
	s.write(text)
}

// truth is text/template's truth of a value; ok is false for values it cannot judge.
func truth(v any) (t, ok bool) {
	switch x := v.(type) {
	case noValueType, nil:
		return false, true
	case bool:
		return x, true
	case int:
		return x != 0, true
	case int64:
		return x != 0, true
	case uint8:
		return x != 0, true
	case float64:
		return x != 0, true
	case complex128:
		return x != 0, true
	case string:
		return x != "", true
	case []any:
		return len(x) > 0, true
	case map[string]any:
		return len(x) > 0, true
	}
	return true, true
}

func typeName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "map[string]interface {}"
	case []any:
		return "[]interface {}"
	}
	return fmt.Sprintf("%T", v)
}

func toInt64(v any) int64 {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int64:
		return x
	}
	return 0
}
