// Package jsonpath is kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath): a template of
// literal text and {actions}, with fields, indexes, slices, wildcards, unions, recursive descent,
// filters and range/end. It parses the way client-go does — the same accepted inputs, the same
// quirks, the same error texts — and evaluates over decoded JSON (map[string]any, []any, string,
// int64, float64, bool, nil) under a work limit, so that no template can hang the page.
package jsonpath

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The nodes of a parsed template. An action ({…}) is a list; the template is a list of text
// nodes and actions.
type (
	node interface{}

	listNode  struct{ nodes []node }
	textNode  struct{ text string }
	fieldNode struct{ name string }
	// arrayNode is [start:end:step]; a single index [n] is the slice [n:n+1], its end derived.
	arrayNode struct{ params [3]param }
	// filterNode is [?(left op right)]; op "exists" for [?(left)].
	filterNode struct {
		left, right *listNode
		op          string
	}
	intNode       struct{ value int }
	floatNode     struct{ value float64 }
	boolNode      struct{ value bool }
	wildcardNode  struct{}
	recursiveNode struct{}
	unionNode     struct{ lists []*listNode }
	// identNode is a bare word: range, end, or something evaluation rejects.
	identNode struct{ name string }
)

type param struct {
	value          int
	known, derived bool
}

// Template is a parsed JSONPath template.
type Template struct {
	root *listNode
}

var (
	errSyntax        = errors.New("invalid syntax")
	dictKeyRex       = regexp.MustCompile(`^'([^']*)'$`)
	sliceOperatorRex = regexp.MustCompile(`^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`)
	filterRex        = regexp.MustCompile(`^([^!<>=]+)([!<>=]+)(.+?)$`)
)

const eof = -1

// Parse parses a template; its errors are client-go's (kubectl prints them after
// "error parsing jsonpath TEMPLATE, ").
func Parse(text string) (*Template, error) {
	p := &parser{input: text}
	root := &listNode{}
	if err := p.parseText(root); err != nil {
		return nil, err
	}
	return &Template{root: root}, nil
}

type parser struct {
	input             string
	pos, start, width int
}

func (p *parser) consume() string {
	s := p.input[p.start:p.pos]
	p.start = p.pos
	return s
}

func (p *parser) next() rune {
	if p.pos >= len(p.input) {
		p.width = 0
		return eof
	}
	r, w := utf8.DecodeRuneInString(p.input[p.pos:])
	p.width = w
	p.pos += w
	return r
}

func (p *parser) backup() { p.pos -= p.width }

func (p *parser) peek() rune {
	r := p.next()
	p.backup()
	return r
}

// parseText reads literal text and actions to the end. Every action, nested or not, lands in
// the root list: "}" always returns to the top level, as client-go's parser does.
func (p *parser) parseText(root *listNode) error {
	for {
		if strings.HasPrefix(p.input[p.pos:], "{") {
			if p.pos > p.start {
				root.nodes = append(root.nodes, &textNode{p.consume()})
			}
			p.pos++
			p.consume()
			action := &listNode{}
			root.nodes = append(root.nodes, action)
			if err := p.parseAction(action); err != nil {
				return err
			}
			continue
		}
		if p.next() == eof {
			break
		}
	}
	if p.pos > p.start {
		root.nodes = append(root.nodes, &textNode{p.consume()})
	}
	return nil
}

// parseAction reads the inside of one {…} up to its "}".
func (p *parser) parseAction(cur *listNode) error {
	for {
		rest := p.input[p.pos:]
		var err error
		switch {
		case strings.HasPrefix(rest, "}"):
			p.pos++
			p.consume()
			return nil
		case strings.HasPrefix(rest, "[?("):
			err = p.parseFilter(cur)
		case strings.HasPrefix(rest, ".."):
			p.pos += 2
			p.consume()
			cur.nodes = append(cur.nodes, &recursiveNode{})
			if isAlphaNumeric(p.peek()) {
				err = p.parseField(cur)
			}
		default:
			err = p.parseToken(cur)
		}
		if err != nil {
			return err
		}
	}
}

func (p *parser) parseToken(cur *listNode) error {
	switch r := p.next(); {
	case r == eof || isEndOfLine(r):
		return fmt.Errorf("unclosed action")
	case r == ' ', r == '@', r == '$': // the current object is where evaluation is anyway
		p.consume()
	case r == '[':
		return p.parseArray(cur)
	case r == '"' || r == '\'':
		return p.parseQuote(cur, r)
	case r == '.':
		return p.parseField(cur)
	case r == '+' || r == '-' || unicode.IsDigit(r):
		p.backup()
		return p.parseNumber(cur)
	case isAlphaNumeric(r):
		p.backup()
		return p.parseIdentifier(cur)
	default:
		return fmt.Errorf("unrecognized character in action: %#U", r)
	}
	return nil
}

func (p *parser) parseIdentifier(cur *listNode) error {
	for !isTerminator(p.next()) {
	}
	p.backup()
	switch v := p.consume(); v {
	case "true", "false":
		cur.nodes = append(cur.nodes, &boolNode{v == "true"})
	default:
		cur.nodes = append(cur.nodes, &identNode{v})
	}
	return nil
}

func (p *parser) parseNumber(cur *listNode) error {
	if r := p.peek(); r == '+' || r == '-' {
		p.next()
	}
	for {
		if r := p.next(); r != '.' && !unicode.IsDigit(r) {
			p.backup()
			break
		}
	}
	v := p.consume()
	if i, err := strconv.Atoi(v); err == nil {
		cur.nodes = append(cur.nodes, &intNode{i})
		return nil
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		cur.nodes = append(cur.nodes, &floatNode{f})
		return nil
	}
	return fmt.Errorf("cannot parse number %s", v)
}

// parseArray reads [...]: a union (commas), a quoted key, or an index or slice.
func (p *parser) parseArray(cur *listNode) error {
	for {
		r := p.next()
		if r == eof || r == '\n' {
			return fmt.Errorf("unterminated array")
		}
		if r == ']' {
			break
		}
	}
	text := p.consume()
	text = text[1 : len(text)-1]
	if text == "*" {
		text = ":"
	}
	if parts := strings.Split(text, ","); len(parts) > 1 {
		u := &unionNode{}
		for _, s := range parts {
			l, err := parseInAction("[" + strings.Trim(s, " ") + "]")
			if err != nil {
				return err
			}
			u.lists = append(u.lists, l)
		}
		cur.nodes = append(cur.nodes, u)
		return nil
	}
	if m := dictKeyRex.FindStringSubmatch(text); m != nil {
		// ['key'] is .key, escapes and dots included, as client-go reads it.
		l, err := parseInAction("." + m[1])
		if err != nil {
			return err
		}
		cur.nodes = append(cur.nodes, l.nodes...)
		return nil
	}
	m := sliceOperatorRex.FindStringSubmatch(text)
	if m == nil {
		return fmt.Errorf("invalid array index %s", text)
	}
	var params [3]param
	for i, v := range m[1:] {
		switch {
		case v == "" && i == 1:
			params[1] = param{value: params[0].value + 1, known: true, derived: true}
		case v == "":
		case i > 0 && v == ":":
		default:
			if i > 0 {
				v = v[1:]
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				return fmt.Errorf("array index %s is not a number", v)
			}
			params[i] = param{value: n, known: true}
		}
	}
	cur.nodes = append(cur.nodes, &arrayNode{params})
	return nil
}

// parseFilter reads [?(…)] up to the first ")" outside a quoted string.
func (p *parser) parseFilter(cur *listNode) error {
	p.pos += len("[?(")
	p.consume()
	begin, end := false, false
	var pair rune
scan:
	for {
		r := p.next()
		switch r {
		case eof, '\n':
			return fmt.Errorf("unterminated filter")
		case '"', '\'':
			if !begin {
				begin, pair = true, r
				continue
			}
			if p.input[p.pos-2] != '\\' && r == pair {
				end = true
			}
		case ')':
			if begin == end {
				break scan
			}
		}
	}
	if p.next() != ']' {
		return fmt.Errorf("unclosed array expect ]")
	}
	text := p.consume()
	text = text[:len(text)-2]
	m := filterRex.FindStringSubmatch(text)
	if m == nil {
		left, err := parseInAction(text)
		if err != nil {
			return err
		}
		cur.nodes = append(cur.nodes, &filterNode{left: left, right: &listNode{}, op: "exists"})
		return nil
	}
	left, err := parseInAction(m[1])
	if err != nil {
		return err
	}
	right, err := parseInAction(m[3])
	if err != nil {
		return err
	}
	cur.nodes = append(cur.nodes, &filterNode{left: left, right: right, op: m[2]})
	return nil
}

// parseInAction parses text as the inside of one action (a filter's side, a union's member).
func parseInAction(text string) (*listNode, error) {
	t, err := Parse("{" + text + "}")
	if err != nil {
		return nil, err
	}
	return t.root.nodes[0].(*listNode), nil
}

func (p *parser) parseQuote(cur *listNode, quote rune) error {
	for {
		r := p.next()
		if r == eof || r == '\n' {
			return fmt.Errorf("unterminated quoted string")
		}
		if r == quote && p.input[p.pos-2] != '\\' {
			break
		}
	}
	v := p.consume()
	s, err := unquote(v)
	if err != nil {
		return fmt.Errorf("unquote string %s error %v", v, err)
	}
	cur.nodes = append(cur.nodes, &textNode{s})
	return nil
}

// parseField reads a field name up to an unescaped terminator; "\." keeps a dot in the name.
func (p *parser) parseField(cur *listNode) error {
	p.consume()
	for {
		r := p.next()
		if r == '\\' {
			p.next()
			continue
		}
		if isTerminator(r) {
			p.backup()
			break
		}
	}
	v := p.consume()
	if v == "*" {
		cur.nodes = append(cur.nodes, &wildcardNode{})
	} else {
		cur.nodes = append(cur.nodes, &fieldNode{strings.ReplaceAll(v, `\`, "")})
	}
	return nil
}

func isTerminator(r rune) bool {
	switch r {
	case eof, '.', ',', '[', ']', '$', '@', '{', '}', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

func isEndOfLine(r rune) bool { return r == '\r' || r == '\n' }

func isAlphaNumeric(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// unquote is strconv.Unquote that also accepts single-quoted strings of any length.
func unquote(s string) (string, error) {
	n := len(s)
	if n < 2 || s[0] != s[n-1] || (s[0] != '"' && s[0] != '\'') {
		return "", errSyntax
	}
	quote := s[0]
	s = s[1 : n-1]
	if !strings.ContainsAny(s, `\`+string(quote)) {
		return s, nil
	}
	var b strings.Builder
	for len(s) > 0 {
		c, multibyte, rest, err := strconv.UnquoteChar(s, quote)
		if err != nil {
			return "", err
		}
		s = rest
		if c < utf8.RuneSelf || !multibyte {
			b.WriteByte(byte(c))
		} else {
			b.WriteRune(c)
		}
	}
	return b.String(), nil
}
