package kubectl

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"rolloutlab/engine/api"
)

// labelSelector is a parsed -l/--selector: equality (a=b, a==b, a!=b) and set-based
// (a in (x,y), a notin (x), a, !a) requirements, all of which must hold.
type labelSelector struct {
	reqs []requirement
}

type requirement struct {
	key    string
	op     string // "=", "!=", "in", "notin", "exists", "!"
	values []string
}

func (s labelSelector) matches(labels map[string]string) bool {
	for _, r := range s.reqs {
		v, ok := labels[r.key]
		switch r.op {
		case "=":
			if !ok || v != r.values[0] {
				return false
			}
		case "!=":
			if ok && v == r.values[0] {
				return false
			}
		case "in":
			if !ok || !containsStr(r.values, v) {
				return false
			}
		case "notin":
			if ok && containsStr(r.values, v) {
				return false
			}
		case "exists":
			if !ok {
				return false
			}
		case "!":
			if ok {
				return false
			}
		case "gt", "lt":
			n, err1 := strconv.ParseInt(v, 10, 64)
			m, err2 := strconv.ParseInt(r.values[0], 10, 64)
			if !ok || err1 != nil || err2 != nil || r.op == "gt" && n <= m || r.op == "lt" && n >= m {
				return false
			}
		}
	}
	return true
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseSelector parses a label selector with apimachinery's grammar, and its error messages:
// requirements separated by commas, each `key`, `!key`, `key=v`, `key==v`, `key!=v`,
// `key in (a,b)`, `key notin (a)`, `key gt 3` or `key lt 3`.
func parseSelector(s string) (labelSelector, error) {
	var sel labelSelector
	p := &selParser{toks: lexSelector(s)}
	for {
		tok := p.peek(true)
		switch tok.kind {
		case tIdent, tNot:
			r, err := p.requirement()
			if err != nil {
				return sel, fmt.Errorf("error: unable to parse requirement: %v", err)
			}
			sel.reqs = append(sel.reqs, r)
			switch t := p.next(true); t.kind {
			case tEOS:
				return sel, nil
			case tComma:
				if t2 := p.peek(true); t2.kind != tIdent && t2.kind != tNot {
					return sel, fmt.Errorf("error: found '%s', expected: identifier after ','", t2.lit)
				}
			default:
				return sel, fmt.Errorf("error: found '%s', expected: ',' or 'end of string'", t.lit)
			}
		case tEOS:
			return sel, nil
		default:
			return sel, fmt.Errorf("error: found '%s', expected: !, identifier, or 'end of string'", tok.lit)
		}
	}
}

type selTokKind int

const (
	tEOS selTokKind = iota
	tIdent
	tIn
	tNotIn
	tNot
	tEq
	tEqEq
	tNotEq
	tGt
	tLt
	tOpen
	tClose
	tComma
	tError
)

type selTok struct {
	kind selTokKind
	lit  string
}

func isSelectorSymbol(c byte) bool { return strings.IndexByte("=!(),><", c) >= 0 }

func isSelectorSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// lexSelector splits a selector into tokens: symbols (longest match), keywords and identifiers.
func lexSelector(s string) []selTok {
	var out []selTok
	for i := 0; ; {
		for i < len(s) && isSelectorSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return append(out, selTok{tEOS, ""})
		}
		if isSelectorSymbol(s[i]) {
			j := i
			for j < len(s) && isSelectorSymbol(s[j]) {
				j++
			}
			// The longest prefix that is a symbol.
			var tok selTok
			for k := j; k > i; k-- {
				if kind, ok := selectorSymbols[s[i:k]]; ok {
					tok = selTok{kind, s[i:k]}
					j = k
					break
				}
			}
			if tok.lit == "" {
				return append(out, selTok{tError, fmt.Sprintf("error expected: keyword found '%s'", s[i:j])})
			}
			out = append(out, tok)
			i = j
			continue
		}
		j := i
		for j < len(s) && !isSelectorSpace(s[j]) && !isSelectorSymbol(s[j]) {
			j++
		}
		word := s[i:j]
		switch word {
		case "in":
			out = append(out, selTok{tIn, word})
		case "notin":
			out = append(out, selTok{tNotIn, word})
		default:
			out = append(out, selTok{tIdent, word})
		}
		i = j
	}
}

var selectorSymbols = map[string]selTokKind{
	"!": tNot, "!=": tNotEq, "(": tOpen, ")": tClose, ",": tComma, "=": tEq, "==": tEqEq, ">": tGt, "<": tLt,
}

type selParser struct {
	toks []selTok
	pos  int
}

// peek and next read a token; in a value position (values) the keywords are identifiers.
func (p *selParser) peek(values bool) selTok {
	t := p.toks[p.pos]
	if values && (t.kind == tIn || t.kind == tNotIn) {
		t.kind = tIdent
	}
	return t
}

func (p *selParser) next(values bool) selTok {
	t := p.peek(values)
	if p.pos < len(p.toks)-1 {
		p.pos++
	}
	return t
}

func (p *selParser) requirement() (requirement, error) {
	var r requirement
	t := p.next(true)
	if t.kind == tNot {
		r.op = "!"
		t = p.next(true)
	}
	if t.kind != tIdent {
		return r, fmt.Errorf("found '%s', expected: identifier", t.lit)
	}
	r.key = t.lit
	if errs := api.IsQualifiedName(r.key); len(errs) > 0 {
		return r, fmt.Errorf("key: Invalid value: %q: %s", r.key, strings.Join(errs, "; "))
	}
	if la := p.peek(true); la.kind == tEOS || la.kind == tComma {
		if r.op != "!" {
			r.op = "exists"
		}
		return r, nil
	}
	if r.op == "!" {
		// `!key` must stand alone.
		return r, fmt.Errorf("found '%s', expected: ',' or 'end of string'", p.peek(true).lit)
	}
	op := p.next(false)
	switch op.kind {
	case tIn, tNotIn:
		r.op = map[selTokKind]string{tIn: "in", tNotIn: "notin"}[op.kind]
		vals, err := p.values()
		if err != nil {
			return r, err
		}
		r.values = vals
	case tEq, tEqEq, tNotEq, tGt, tLt:
		r.op = map[selTokKind]string{tEq: "=", tEqEq: "=", tNotEq: "!=", tGt: "gt", tLt: "lt"}[op.kind]
		if la := p.peek(true); la.kind == tEOS || la.kind == tComma {
			r.values = []string{""}
		} else if v := p.next(true); v.kind == tIdent {
			r.values = []string{v.lit}
		} else {
			return r, fmt.Errorf("found '%s', expected: identifier", v.lit)
		}
		if r.op == "gt" || r.op == "lt" {
			if _, err := strconv.ParseInt(r.values[0], 10, 64); err != nil {
				return r, fmt.Errorf("values[0]: Invalid value: %q: for 'Gt', 'Lt' operators, the value must be an integer", r.values[0])
			}
		}
	default:
		return r, fmt.Errorf("found '%s', expected: in, notin, =, ==, !=, gt, lt", op.lit)
	}
	for i, v := range r.values {
		if errs := api.IsValidLabelValue(v); len(errs) > 0 {
			return r, fmt.Errorf("values[%d][%s]: Invalid value: %q: %s", i, r.key, v, strings.Join(errs, "; "))
		}
	}
	return r, nil
}

// values reads `( a, b )`.
func (p *selParser) values() ([]string, error) {
	if t := p.next(true); t.kind != tOpen {
		return nil, fmt.Errorf("found '%s' expected: '('", t.lit)
	}
	set := map[string]bool{}
	t := p.peek(true)
	switch t.kind {
	case tIdent, tComma:
		for {
			t := p.next(true)
			switch t.kind {
			case tIdent:
				set[t.lit] = true
				switch la := p.peek(true); la.kind {
				case tComma:
					continue
				case tClose:
				default:
					return nil, fmt.Errorf("found '%s', expected: ',' or ')'", la.lit)
				}
			case tComma:
				if len(set) == 0 {
					set[""] = true
				}
				if la := p.peek(true); la.kind == tClose {
					set[""] = true
				} else if la.kind == tComma {
					p.next(true)
					set[""] = true
				}
				continue
			default:
				return nil, fmt.Errorf("found '%s', expected: ',', or identifier", t.lit)
			}
			break
		}
		if t := p.next(true); t.kind != tClose {
			return nil, fmt.Errorf("found '%s', expected: ')'", t.lit)
		}
	case tClose:
		p.next(true)
		set[""] = true
	default:
		return nil, fmt.Errorf("found '%s', expected: ',', ')' or identifier", t.lit)
	}
	vals := make([]string, 0, len(set))
	for v := range set {
		vals = append(vals, v)
	}
	sort.Strings(vals)
	return vals, nil
}
