package printers

import (
	"testing"
	"time"

	"rolloutlab/engine/api"
)

// TestHumanDuration pins kubectl's HumanDuration (k8s.io/apimachinery duration.HumanDuration):
// seconds up to 119s, then minutes with their seconds below 10 minutes (2m, 2m1s), and so on.
func TestHumanDuration(t *testing.T) {
	const (
		s = time.Second
		m = time.Minute
		h = time.Hour
		d = 24 * time.Hour
		y = 365 * d
	)
	cases := []struct {
		in   time.Duration
		want string
	}{
		{-2 * s, "<invalid>"},
		{-1500 * time.Millisecond, "0s"},
		{-1 * s, "0s"},
		{-500 * time.Millisecond, "0s"},
		{0, "0s"},
		{999 * time.Millisecond, "0s"},
		{1 * s, "1s"},
		{90 * s, "90s"},
		{119*s + 999*time.Millisecond, "119s"},
		{120 * s, "2m"},
		{121 * s, "2m1s"},
		{2*m + 30*s, "2m30s"},
		{9*m + 59*s, "9m59s"},
		{10 * m, "10m"},
		{10*m + 59*s, "10m"},
		{179 * m, "179m"},
		{3 * h, "3h"},
		{3*h + 5*m, "3h5m"},
		{7*h + 59*m, "7h59m"},
		{8 * h, "8h"},
		{9 * h, "9h"},
		{47 * h, "47h"},
		{48 * h, "2d"},
		{5*d + 3*h, "5d3h"},
		{7*d + 23*h, "7d23h"},
		{8 * d, "8d"},
		{400 * d, "400d"},
		{2*y - h, "729d"},
		{2 * y, "2y"},
		{3*y + 45*d, "3y45d"},
		{8 * y, "8y"},
		{20*y + 100*d, "20y"},
	}
	for _, c := range cases {
		if got := HumanDuration(c.in); got != c.want {
			t.Errorf("HumanDuration(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAge(t *testing.T) {
	now := time.Date(2026, 11, 27, 7, 0, 0, 0, time.UTC)
	if got := Age(api.Time{}, now); got != "<unknown>" {
		t.Errorf("zero time: %q", got)
	}
	if got := Age(api.NewTime(now.Add(-61*time.Second)), now); got != "61s" {
		t.Errorf("61s: %q", got)
	}
	if got := Age(api.NewTime(now.Add(5*time.Second)), now); got != "<invalid>" {
		t.Errorf("future: %q", got)
	}
}
