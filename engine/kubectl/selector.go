package kubectl

import (
	"fmt"
	"strings"
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

// parseSelector parses kubectl's selector syntax; errors read like apimachinery's.
func parseSelector(s string) (labelSelector, error) {
	var sel labelSelector
	s = strings.TrimSpace(s)
	if s == "" {
		return sel, nil
	}
	for _, part := range splitTopLevel(s) {
		part = strings.TrimSpace(part)
		if part == "" {
			return sel, fmt.Errorf("error: found '', expected: !, identifier, or 'end of string'")
		}
		var r requirement
		switch {
		case strings.HasPrefix(part, "!"):
			r = requirement{key: strings.TrimSpace(part[1:]), op: "!"}
		case strings.Contains(part, " notin ") || strings.Contains(part, " notin("):
			k, v, _ := strings.Cut(part, "notin")
			vals, err := setValues(v)
			if err != nil {
				return sel, err
			}
			r = requirement{key: strings.TrimSpace(k), op: "notin", values: vals}
		case strings.Contains(part, " in ") || strings.Contains(part, " in("):
			k, v, _ := strings.Cut(part, " in")
			vals, err := setValues(v)
			if err != nil {
				return sel, err
			}
			r = requirement{key: strings.TrimSpace(k), op: "in", values: vals}
		case strings.Contains(part, "!="):
			k, v, _ := strings.Cut(part, "!=")
			r = requirement{key: strings.TrimSpace(k), op: "!=", values: []string{strings.TrimSpace(v)}}
		case strings.Contains(part, "=="):
			k, v, _ := strings.Cut(part, "==")
			r = requirement{key: strings.TrimSpace(k), op: "=", values: []string{strings.TrimSpace(v)}}
		case strings.Contains(part, "="):
			k, v, _ := strings.Cut(part, "=")
			r = requirement{key: strings.TrimSpace(k), op: "=", values: []string{strings.TrimSpace(v)}}
		default:
			r = requirement{key: part, op: "exists"}
		}
		if r.key == "" || strings.ContainsAny(r.key, " ()=!,") {
			return sel, fmt.Errorf("error: unable to parse requirement: found '%s', expected: identifier", part)
		}
		sel.reqs = append(sel.reqs, r)
	}
	return sel, nil
}

// splitTopLevel splits on commas outside parentheses.
func splitTopLevel(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, c := range s {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func setValues(v string) ([]string, error) {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, "(") || !strings.HasSuffix(v, ")") {
		return nil, fmt.Errorf("error: unable to parse requirement: found '%s', expected: '('", v)
	}
	var vals []string
	for _, x := range strings.Split(v[1:len(v)-1], ",") {
		vals = append(vals, strings.TrimSpace(x))
	}
	return vals, nil
}
