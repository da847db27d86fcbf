package api

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// IntOrString is an int32 or a string, as maxSurge and maxUnavailable are.
type IntOrString struct {
	IsString bool
	IntVal   int32
	StrVal   string
}

// FromInt returns an integer IntOrString.
func FromInt(i int32) IntOrString { return IntOrString{IntVal: i} }

// FromString returns a string IntOrString.
func FromString(s string) IntOrString { return IntOrString{IsString: true, StrVal: s} }

// String renders the value as written: `25%` or `1`.
func (v IntOrString) String() string {
	if v.IsString {
		return v.StrVal
	}
	return strconv.Itoa(int(v.IntVal))
}

// MarshalJSON writes a number or a string.
func (v IntOrString) MarshalJSON() ([]byte, error) {
	if v.IsString {
		return json.Marshal(v.StrVal)
	}
	return json.Marshal(v.IntVal)
}

// UnmarshalJSON reads a number or a string.
func (v *IntOrString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		v.IsString = true
		v.IntVal = 0
		return json.Unmarshal(b, &v.StrVal)
	}
	v.IsString = false
	v.StrVal = ""
	return json.Unmarshal(b, &v.IntVal)
}

// ScaledValue resolves a percentage of total, rounding up or down; integers are returned as is.
// A string that is not a percentage is an error, as in apimachinery's GetScaledValueFromIntOrPercent.
func (v *IntOrString) ScaledValue(total int, roundUp bool) (int, error) {
	if v == nil {
		return 0, nil
	}
	if !v.IsString {
		return int(v.IntVal), nil
	}
	s := v.StrVal
	if !strings.HasSuffix(s, "%") {
		return 0, fmt.Errorf("invalid type: string is not a percentage")
	}
	p, err := strconv.Atoi(strings.TrimSuffix(s, "%"))
	if err != nil {
		return 0, fmt.Errorf("invalid value for IntOrString: invalid value %q: %v", s, err)
	}
	f := float64(p) * float64(total) / 100
	if roundUp {
		return int(math.Ceil(f)), nil
	}
	return int(math.Floor(f)), nil
}

// Quantity is a resource quantity kept as written (`128Mi`, `0.5`, `1`).
type Quantity string

// UnmarshalJSON accepts a number or a string.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*q = Quantity(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
	}
	*q = Quantity(n.String())
	return nil
}

// MarshalJSON writes the quantity as a string, as the apiserver does.
func (q Quantity) MarshalJSON() ([]byte, error) { return json.Marshal(string(q)) }

// MarshalJSON inlines the volume source next to the name.
func (v Volume) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(v.Source)+1)
	for k, x := range v.Source {
		m[k] = x
	}
	m["name"] = v.Name
	return json.Marshal(m)
}

// UnmarshalJSON splits the name from the free-form source.
func (v *Volume) UnmarshalJSON(b []byte) error {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	v.Name, _ = m["name"].(string)
	delete(m, "name")
	v.Source = m
	return nil
}
