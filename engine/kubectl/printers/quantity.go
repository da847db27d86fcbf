package printers

import (
	"strconv"
	"strings"

	"rolloutlab/engine/api"
)

// quantitySuffixes maps resource.Quantity suffixes to their multipliers.
var quantitySuffixes = []struct {
	suffix string
	mult   float64
}{
	{"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30}, {"Ti", 1 << 40}, {"Pi", 1 << 50}, {"Ei", 1 << 60},
	{"n", 1e-9}, {"u", 1e-6}, {"m", 1e-3}, {"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15}, {"E", 1e18},
}

// quantityMilli parses a quantity (`100m`, `0.5`, `128Mi`, `1e3`) and returns it in
// thousandths, rounded up as resource.Quantity.MilliValue does; unparsable input gives 0.
func quantityMilli(q api.Quantity) int64 {
	s := strings.TrimSpace(string(q))
	if s == "" {
		return 0
	}
	mult := 1.0
	for _, x := range quantitySuffixes {
		if strings.HasSuffix(s, x.suffix) {
			mult = x.mult
			s = strings.TrimSuffix(s, x.suffix)
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	v := f * mult * 1000
	n := int64(v)
	if float64(n) < v {
		n++
	}
	return n
}

// formatCPU renders a cpu amount given in millicores: `250m`, `2`, `0`.
func formatCPU(milli int64) string {
	if milli%1000 == 0 {
		return strconv.FormatInt(milli/1000, 10)
	}
	return strconv.FormatInt(milli, 10) + "m"
}

// formatBytes renders a memory amount given in thousandths of bytes, with the largest binary
// suffix that divides it exactly (`128Mi`, `1Gi`), else as plain bytes.
func formatBytes(milli int64) string {
	b := milli / 1000
	if b == 0 {
		return "0"
	}
	for _, x := range []struct {
		s string
		n int64
	}{{"Ei", 1 << 60}, {"Pi", 1 << 50}, {"Ti", 1 << 40}, {"Gi", 1 << 30}, {"Mi", 1 << 20}, {"Ki", 1 << 10}} {
		if b%x.n == 0 {
			return strconv.FormatInt(b/x.n, 10) + x.s
		}
	}
	return strconv.FormatInt(b, 10)
}

// percent is part/whole×100 truncated, 0 when whole is 0.
func percent(part, whole int64) int64 {
	if whole == 0 {
		return 0
	}
	return int64(float64(part) / float64(whole) * 100)
}
