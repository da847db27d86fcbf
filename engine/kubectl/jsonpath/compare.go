package jsonpath

import (
	"errors"
	"fmt"
)

// The comparisons of a filter are text/template's eq, ne, lt, le, gt, ge (client-go uses a
// fork of them): integers compare with integers, floats with floats, strings with strings;
// anything else is an error.
var (
	errBadComparisonType = errors.New("invalid type for comparison")
	errBadComparison     = errors.New("incompatible types for comparison")
)

type kind int

const (
	invalidKind kind = iota
	boolKind
	intKind
	uintKind
	floatKind
	stringKind
)

// basic is a value's comparison kind with its value widened.
type basic struct {
	kind kind
	b    bool
	i    int64
	u    uint64
	f    float64
	s    string
}

func basicOf(v any) (basic, error) {
	switch x := v.(type) {
	case bool:
		return basic{kind: boolKind, b: x}, nil
	case int:
		return basic{kind: intKind, i: int64(x)}, nil
	case int64:
		return basic{kind: intKind, i: x}, nil
	case uint8: // a byte of a string, from a wildcard
		return basic{kind: uintKind, u: uint64(x)}, nil
	case float64:
		return basic{kind: floatKind, f: x}, nil
	case string:
		return basic{kind: stringKind, s: x}, nil
	}
	return basic{}, errBadComparisonType
}

func compare(op string, left, right any) (bool, error) {
	switch op {
	case "==":
		return equal(left, right)
	case "!=":
		eq, err := equal(left, right)
		return !eq, err
	case "<":
		return less(left, right)
	case "<=":
		lt, err := less(left, right)
		if lt || err != nil {
			return lt, err
		}
		return equal(left, right)
	case ">":
		lt, err := less(left, right)
		if err != nil {
			return false, err
		}
		if lt {
			return false, nil
		}
		eq, err := equal(left, right)
		return !eq, err
	case ">=":
		lt, err := less(left, right)
		if err != nil {
			return false, err
		}
		return !lt, nil
	}
	return false, fmt.Errorf("unrecognized filter operator %s", op)
}

// basicsOf is basicOf of both sides of a comparison.
func basicsOf(left, right any) (a, b basic, err error) {
	if a, err = basicOf(left); err == nil {
		b, err = basicOf(right)
	}
	return a, b, err
}

func equal(left, right any) (bool, error) {
	a, b, err := basicsOf(left, right)
	if err != nil {
		return false, err
	}
	if a.kind != b.kind {
		switch {
		case a.kind == intKind && b.kind == uintKind:
			return a.i >= 0 && uint64(a.i) == b.u, nil
		case a.kind == uintKind && b.kind == intKind:
			return b.i >= 0 && a.u == uint64(b.i), nil
		}
		return false, errBadComparison
	}
	return a == b, nil
}

func less(left, right any) (bool, error) {
	a, b, err := basicsOf(left, right)
	if err != nil {
		return false, err
	}
	if a.kind != b.kind {
		switch {
		case a.kind == intKind && b.kind == uintKind:
			return a.i < 0 || uint64(a.i) < b.u, nil
		case a.kind == uintKind && b.kind == intKind:
			return b.i >= 0 && a.u < uint64(b.i), nil
		}
		return false, errBadComparison
	}
	switch a.kind {
	case boolKind:
		return false, errBadComparisonType
	case intKind:
		return a.i < b.i, nil
	case uintKind:
		return a.u < b.u, nil
	case floatKind:
		return a.f < b.f, nil
	}
	return a.s < b.s, nil
}
