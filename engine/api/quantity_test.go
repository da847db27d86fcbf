package api

import "testing"

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		in, canonical string
		err           error
		fact          string
	}{
		{"500m", "500m", nil, "milli suffix stays"},
		{"0.5", "500m", nil, "fractions become milli"},
		{"1000m", "1", nil, "whole numbers drop the suffix"},
		{"1.5", "1500m", nil, "1.5 is 1500m"},
		{"2000", "2k", nil, "thousands use k"},
		{"2500", "2500", nil, "no suffix if k would need a fraction"},
		{"128974848", "128974848", nil, "large plain numbers"},
		{"128Mi", "128Mi", nil, "binary suffix stays"},
		{"1024Mi", "1Gi", nil, "binary values use the largest whole suffix"},
		{"1.5Gi", "1536Mi", nil, "fractional binary"},
		{"0.5Ki", "512", nil, "binary values under 1024 print as decimals"},
		{"1e3", "1e3", nil, "exponent format"},
		{"-128Mi", "-128Mi", nil, "negative values parse"},
		{"+1", "1", nil, "a plus sign"},
		{".5", "500m", nil, "a leading dot"},
		{"0", "0", nil, "zero"},
		{"1n", "1n", nil, "nano"},
		{"128MB", "", ErrQuantityFormat, "MB is not a suffix: the B is a format error"},
		{"1Gb", "", ErrQuantityFormat, "Gb neither"},
		{"", "", ErrQuantityFormat, "empty"},
		{"abc", "", ErrQuantityFormat, "letters"},
		{"1Mm", "", ErrQuantitySuffix, "suffix letters that form no suffix"},
		{"1e", "", ErrQuantitySuffix, "an exponent without digits"},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			q, err := parseQuantity(tt.in)
			if err != tt.err {
				t.Fatalf("%q: err %v, want %v", tt.in, err, tt.err)
			}
			if err == nil && q.String() != tt.canonical {
				t.Errorf("%q: canonical %q, want %q", tt.in, q.String(), tt.canonical)
			}
		})
	}
}

func TestQuantityCmp(t *testing.T) {
	a, _ := parseQuantity("1")
	b, _ := parseQuantity("1000m")
	c, _ := parseQuantity("1Gi")
	d, _ := parseQuantity("1G")
	if a.Cmp(b) != 0 || c.Cmp(d) <= 0 {
		t.Errorf("1 == 1000m and 1Gi > 1G")
	}
}
