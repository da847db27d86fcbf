package api

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
)

// Errors of resource.ParseQuantity; the apiserver returns them as is when a manifest holds a
// malformed quantity, e.g. `Deployment in version "v1" cannot be handled as a Deployment:
// quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`.
var (
	ErrQuantityFormat  = errors.New("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
	ErrQuantitySuffix  = errors.New("unable to parse quantity's suffix")
	ErrQuantityNumeric = errors.New("unable to parse numeric part of quantity")
)

// Quantity formats, as resource.Quantity names them.
const (
	formatDecimalSI       = "DecimalSI"
	formatBinarySI        = "BinarySI"
	formatDecimalExponent = "DecimalExponent"
)

// quantityValue is a parsed quantity: its exact value and the format its suffix implies.
type quantityValue struct {
	v      *big.Rat
	format string
}

var decimalSuffixes = map[string]int{"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
var binarySuffixes = map[string]int{"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}

// parseQuantity reads a quantity the way resource.ParseQuantity accepts it: an optional sign,
// digits with an optional fraction, then a binary (Ki…Ei), decimal (n…E) or exponent (e3, E-2)
// suffix.
func parseQuantity(s string) (quantityValue, error) {
	if s == "" {
		return quantityValue{}, ErrQuantityFormat
	}
	pos := 0
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		pos++
	}
	numStart := pos
	for pos < len(s) && s[pos] >= '0' && s[pos] <= '9' {
		pos++
	}
	intPart := s[numStart:pos]
	fracPart := ""
	if pos < len(s) && s[pos] == '.' {
		pos++
		fs := pos
		for pos < len(s) && s[pos] >= '0' && s[pos] <= '9' {
			pos++
		}
		fracPart = s[fs:pos]
	}
	if pos == numStart {
		return quantityValue{}, ErrQuantityFormat
	}
	sufStart := pos
	for pos < len(s) && strings.IndexByte("eEinumkKMGTP", s[pos]) >= 0 {
		pos++
	}
	if pos < len(s) && (s[pos] == '+' || s[pos] == '-') {
		pos++
	}
	for pos < len(s) && s[pos] >= '0' && s[pos] <= '9' {
		pos++
	}
	if pos != len(s) {
		return quantityValue{}, ErrQuantityFormat
	}
	suffix := s[sufStart:]

	var base, exp int64
	format := formatDecimalSI
	if e, ok := decimalSuffixes[suffix]; ok {
		base, exp = 10, int64(e)
	} else if e, ok := binarySuffixes[suffix]; ok {
		base, exp, format = 2, int64(e), formatBinarySI
	} else if len(suffix) > 1 && (suffix[0] == 'e' || suffix[0] == 'E') {
		e, err := strconv.ParseInt(suffix[1:], 10, 32)
		if err != nil {
			return quantityValue{}, ErrQuantitySuffix
		}
		base, exp, format = 10, e, formatDecimalExponent
	} else {
		return quantityValue{}, ErrQuantitySuffix
	}
	// Keep absurd exponents from turning into huge numbers (upstream caps them too).
	if exp > 1000 || exp < -1000 {
		return quantityValue{}, ErrQuantityNumeric
	}

	digits := strings.TrimLeft(intPart+fracPart, "0")
	if digits == "" {
		digits = "0"
	}
	num, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return quantityValue{}, ErrQuantityNumeric
	}
	v := new(big.Rat).SetFrac(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(fracPart))), nil))
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(base), big.NewInt(absInt64(exp)), nil))
	if exp >= 0 {
		v.Mul(v, scale)
	} else {
		v.Quo(v, scale)
	}
	if neg {
		v.Neg(v)
	}
	return quantityValue{v: v, format: format}, nil
}

func absInt64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// String renders the canonical form resource.Quantity.String() prints: values are rounded up to
// nano units; BinarySI values of at least 1024 that are whole numbers use the largest binary
// suffix that keeps the mantissa whole; everything else uses the largest decimal suffix (or
// exponent, for DecimalExponent) that keeps it whole, e.g. 0.5 → 500m, 1000m → 1, 1536Mi → 1536Mi,
// 1024Mi → 1Gi.
func (q quantityValue) String() string {
	if q.v == nil || q.v.Sign() == 0 {
		return "0"
	}
	v := new(big.Rat).Set(q.v)
	// round up to nano precision
	nano := new(big.Rat).SetInt64(1_000_000_000)
	scaled := new(big.Rat).Mul(v, nano)
	if !scaled.IsInt() {
		n := new(big.Int).Quo(scaled.Num(), scaled.Denom())
		if scaled.Sign() > 0 {
			n.Add(n, big.NewInt(1))
		}
		v.SetFrac(n, big.NewInt(1_000_000_000))
	}
	if q.format == formatBinarySI && v.IsInt() {
		abs := new(big.Int).Abs(v.Num())
		if abs.Cmp(big.NewInt(1024)) >= 0 {
			n := new(big.Int).Set(v.Num())
			k := 0
			names := []string{"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"}
			r := new(big.Int)
			for k < 6 {
				q, m := new(big.Int).QuoRem(n, big.NewInt(1024), r)
				if m.Sign() != 0 {
					break
				}
				n = q
				k++
			}
			return n.String() + names[k]
		}
	}
	// decimal: find the largest exponent (multiple of 3) that keeps the mantissa whole
	exp := -9
	m := new(big.Rat).Mul(v, nano)
	thousand := big.NewRat(1000, 1)
	for {
		next := new(big.Rat).Quo(m, thousand)
		if !next.IsInt() || (q.format != formatDecimalExponent && exp >= 18) {
			break
		}
		m = next
		exp += 3
	}
	mant := m.Num().String()
	if q.format == formatDecimalExponent {
		if exp == 0 {
			return mant
		}
		return mant + "e" + strconv.Itoa(exp)
	}
	for s, e := range decimalSuffixes {
		if e == exp {
			return mant + s
		}
	}
	return mant
}

// Cmp compares two quantities.
func (q quantityValue) Cmp(o quantityValue) int {
	a, b := q.v, o.v
	if a == nil {
		a = new(big.Rat)
	}
	if b == nil {
		b = new(big.Rat)
	}
	return a.Cmp(b)
}

// CanonicalQuantity parses a quantity as resource.ParseQuantity does and returns the canonical
// form a client sends (kubectl set resources --limits=cpu=0.5 writes 500m), or the parse error.
func CanonicalQuantity(s string) (Quantity, error) {
	q, err := parseQuantity(s)
	if err != nil {
		return "", err
	}
	return Quantity(q.String()), nil
}

// CompareQuantities compares two quantity strings (resource.Quantity's Cmp); ok is false
// unless both parse.
func CompareQuantities(a, b string) (cmp int, ok bool) {
	qa, err := parseQuantity(a)
	if err != nil {
		return 0, false
	}
	qb, err := parseQuantity(b)
	if err != nil {
		return 0, false
	}
	return qa.Cmp(qb), true
}
