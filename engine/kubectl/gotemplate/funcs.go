package gotemplate

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
)

// fn is a template function: its number of arguments (max -1: any) and its body, which
// returns its value and the bytes of text it made (counted as work).
type fn struct {
	min, max int
	call     func(args []any) (v any, made int, err error)
}

// builtins are text/template's functions and kubectl's (exists, base64decode).
var builtins = map[string]fn{
	"and": {1, -1, nil}, // evaluated lazily by evalFunction
	"or":  {1, -1, nil},
	"not": {1, 1, func(a []any) (any, int, error) { t, _ := truth(a[0]); return !t, 0, nil }},
	"len": {1, 1, length},
	"index": {1, -1, func(a []any) (any, int, error) {
		v, err := index(a[0], a[1:])
		return v, 0, err
	}},
	"slice": {1, -1, func(a []any) (any, int, error) {
		v, err := slice(a[0], a[1:])
		return v, 0, err
	}},
	"print":   {0, -1, text(fmt.Sprint)},
	"println": {0, -1, text(fmt.Sprintln)},
	"printf": {1, -1, func(a []any) (any, int, error) {
		format, ok := a[0].(string)
		if !ok {
			return nil, 0, fmt.Errorf("wrong type for value; expected string; got %s", typeName(a[0]))
		}
		s := fmt.Sprintf(format, values(a[1:])...)
		return s, len(s), nil
	}},
	"html":     {0, -1, text(func(a ...any) string { return htmlEscape(fmt.Sprint(a...)) })},
	"js":       {0, -1, text(func(a ...any) string { return jsEscape(fmt.Sprint(a...)) })},
	"urlquery": {0, -1, text(func(a ...any) string { return url.QueryEscape(fmt.Sprint(a...)) })},
	"eq":       {1, -1, equal},
	"ne":       {2, 2, compareWith("!=")},
	"lt":       {2, 2, compareWith("<")},
	"le":       {2, 2, compareWith("<=")},
	"gt":       {2, 2, compareWith(">")},
	"ge":       {2, 2, compareWith(">=")},
	"call": {1, -1, func(a []any) (any, int, error) {
		if isNothing(a[0]) {
			return nil, 0, errors.New("call of nil")
		}
		return nil, 0, fmt.Errorf("non-function of type %s", typeName(a[0]))
	}},
	"exists": {1, -1, func(a []any) (any, int, error) { return exists(a[0], a[1:]...), 0, nil }},
	"base64decode": {1, 1, func(a []any) (any, int, error) {
		s, ok := a[0].(string)
		if !ok {
			return nil, 0, fmt.Errorf("wrong type for value; expected string; got %s", typeName(a[0]))
		}
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, 0, fmt.Errorf("base64 decode failed: %v", err)
		}
		return string(b), len(b), nil
	}},
}

func isNothing(v any) bool { return v == nil || v == noValue }

// values are function arguments as an ...any parameter receives them: no value is nil.
func values(a []any) []any {
	out := make([]any, len(a))
	for i, v := range a {
		if v != noValue {
			out[i] = v
		}
	}
	return out
}

func text(f func(...any) string) func([]any) (any, int, error) {
	return func(a []any) (any, int, error) {
		s := f(values(a)...)
		return s, len(s), nil
	}
}

func length(a []any) (any, int, error) {
	switch x := a[0].(type) {
	case noValueType:
		return nil, 0, errors.New("reflect: call of reflect.Value.Type on zero Value")
	case nil:
		return nil, 0, errors.New("len of nil pointer")
	case string:
		return len(x), 0, nil
	case []any:
		return len(x), 0, nil
	case map[string]any:
		return len(x), 0, nil
	}
	return nil, 0, fmt.Errorf("len of type %s", typeName(a[0]))
}

// indexArg is an integer index within [0, limit].
func indexArg(i any, limit int) (int, error) {
	var x int64
	switch v := i.(type) {
	case int:
		x = int64(v)
	case int64:
		x = v
	case uint8:
		x = int64(v)
	case nil, noValueType:
		return 0, errors.New("cannot index slice/array with nil")
	default:
		return 0, fmt.Errorf("cannot index slice/array with type %s", typeName(i))
	}
	if x < 0 || x > int64(limit) {
		return 0, fmt.Errorf("index out of range: %d", x)
	}
	return int(x), nil
}

func index(item any, indexes []any) (any, error) {
	if isNothing(item) {
		return nil, errors.New("index of untyped nil")
	}
	for _, i := range indexes {
		switch x := item.(type) {
		case nil:
			return nil, errors.New("index of nil pointer")
		case []any, string:
			n, err := indexArg(i, lengthOf(x))
			if err != nil {
				return nil, err
			}
			if n == lengthOf(x) {
				return nil, errors.New("reflect: slice index out of range")
			}
			if s, ok := x.(string); ok {
				item = s[n]
			} else {
				item = x.([]any)[n]
			}
		case map[string]any:
			k, ok := i.(string)
			if !ok {
				if isNothing(i) {
					return nil, errors.New("value is nil; should be of type string")
				}
				return nil, fmt.Errorf("value has type %s; should be string", typeName(i))
			}
			item = x[k]
		default:
			return nil, fmt.Errorf("can't index item of type %s", typeName(item))
		}
	}
	return item, nil
}

func lengthOf(v any) int {
	if s, ok := v.(string); ok {
		return len(s)
	}
	return len(v.([]any))
}

func slice(item any, indexes []any) (any, error) {
	if isNothing(item) {
		return nil, errors.New("slice of untyped nil")
	}
	if len(indexes) > 3 {
		return nil, fmt.Errorf("too many slice indexes: %d", len(indexes))
	}
	s, isString := item.(string)
	list, isList := item.([]any)
	if !isString && !isList {
		return nil, fmt.Errorf("can't slice item of type %s", typeName(item))
	}
	if isString && len(indexes) == 3 {
		return nil, errors.New("cannot 3-index slice a string")
	}
	n := len(s) + len(list)
	idx := [3]int{0, n, n}
	for i, x := range indexes {
		v, err := indexArg(x, n)
		if err != nil {
			return nil, err
		}
		idx[i] = v
	}
	if idx[0] > idx[1] {
		return nil, fmt.Errorf("invalid slice index: %d > %d", idx[0], idx[1])
	}
	if len(indexes) == 3 && idx[1] > idx[2] {
		return nil, fmt.Errorf("invalid slice index: %d > %d", idx[1], idx[2])
	}
	if isString {
		return s[idx[0]:idx[1]], nil
	}
	return list[idx[0]:idx[1]:idx[2]], nil
}

// kind is a comparison class of text/template's eq, lt...: nil and missing values, maps and
// lists are invalidKind.
type kind int

const (
	invalidKind kind = iota
	boolKind
	complexKind
	intKind
	floatKind
	stringKind
	uintKind
)

func basicKind(v any) kind {
	switch v.(type) {
	case bool:
		return boolKind
	case int, int64:
		return intKind
	case uint8:
		return uintKind
	case float64:
		return floatKind
	case complex128:
		return complexKind
	case string:
		return stringKind
	}
	return invalidKind
}

var errBadComparisonType = errors.New("invalid type for comparison")

// equal is eq: true if the first argument equals any of the others.
func equal(a []any) (any, int, error) {
	if len(a) < 2 {
		return nil, 0, errors.New("missing argument for comparison")
	}
	x := a[0]
	k1 := basicKind(x)
	for _, y := range a[1:] {
		k2 := basicKind(y)
		eq := false
		switch {
		case k1 != k2 && k1 == intKind && k2 == uintKind:
			eq = toInt64(x) >= 0 && uint64(toInt64(x)) == uint64(y.(uint8))
		case k1 != k2 && k1 == uintKind && k2 == intKind:
			eq = toInt64(y) >= 0 && uint64(x.(uint8)) == uint64(toInt64(y))
		case k1 != k2:
			if !isNothing(x) && !isNothing(y) {
				return nil, 0, fmt.Errorf("incompatible types for comparison: %s and %s", typeName(x), typeName(y))
			}
		case k1 == intKind:
			eq = toInt64(x) == toInt64(y)
		case k1 != invalidKind:
			eq = x == y
		case isNothing(x) || isNothing(y):
			eq = isNothing(x) == isNothing(y)
		case typeName(x) != typeName(y):
			return nil, 0, fmt.Errorf("non-comparable types %v: %s, %s: %v", x, typeName(x), typeName(y), y)
		default:
			return nil, 0, fmt.Errorf("non-comparable type %v: %s", y, typeName(y))
		}
		if eq {
			return true, 0, nil
		}
	}
	return false, 0, nil
}

func less(x, y any) (bool, error) {
	k1, k2 := basicKind(x), basicKind(y)
	if k1 == invalidKind || k2 == invalidKind {
		return false, errBadComparisonType
	}
	switch {
	case k1 != k2 && k1 == intKind && k2 == uintKind:
		return toInt64(x) < 0 || uint64(toInt64(x)) < uint64(y.(uint8)), nil
	case k1 != k2 && k1 == uintKind && k2 == intKind:
		return toInt64(y) >= 0 && uint64(x.(uint8)) < uint64(toInt64(y)), nil
	case k1 != k2:
		return false, fmt.Errorf("incompatible types for comparison: %s and %s", typeName(x), typeName(y))
	}
	switch k1 {
	case boolKind, complexKind:
		return false, errBadComparisonType
	case intKind:
		return toInt64(x) < toInt64(y), nil
	case uintKind:
		return x.(uint8) < y.(uint8), nil
	case floatKind:
		return x.(float64) < y.(float64), nil
	}
	return x.(string) < y.(string), nil
}

// compareWith is ne, lt, le, gt or ge, each defined from eq and lt as text/template defines it.
func compareWith(op string) func([]any) (any, int, error) {
	return func(a []any) (any, int, error) {
		x, y := a[0], a[1]
		eq := func() (bool, error) {
			v, _, err := equal([]any{x, y})
			t, _ := v.(bool)
			return t, err
		}
		var t bool
		var err error
		switch op {
		case "!=":
			t, err = eq()
			t = !t
		case "<":
			t, err = less(x, y)
		case "<=", ">":
			if t, err = less(x, y); !t && err == nil {
				t, err = eq()
			}
			if op == ">" {
				t = !t && err == nil
			}
		case ">=":
			t, err = less(x, y)
			t = !t && err == nil
		}
		if err != nil {
			return nil, 0, err
		}
		return t, 0, nil
	}
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
		case []any, string:
			n, err := indexArg(i, lengthOf(x))
			if err != nil || n == lengthOf(x) {
				return false
			}
			if s, ok := x.(string); ok {
				v = s[n]
			} else {
				v = x.([]any)[n]
			}
		default:
			return false
		}
	}
	return v != nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// htmlEscape is text/template's html: the five characters HTML treats specially, and NUL.
func htmlEscape(s string) string {
	return strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "'", "&#39;", "&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// jsEscape is text/template's js: quotes, backslash and the characters unsafe in HTML
// escaped, unprintable characters as \uXXXX.
func jsEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '"':
			b.WriteString(`\"`)
		case '<':
			b.WriteString(`\u003C`)
		case '>':
			b.WriteString(`\u003E`)
		case '&':
			b.WriteString(`\u0026`)
		case '=':
			b.WriteString(`\u003D`)
		default:
			if !unicode.IsPrint(r) {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}
