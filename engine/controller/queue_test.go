package controller

import (
	"errors"
	"slices"
	"testing"
	"time"

	"rolloutlab/engine/clock"
)

// A sync that fails is retried with client-go's default per-item backoff: 5ms, then doubling
// each consecutive failure (5, 10, 20ms…), capped at 1000s; a success forgets the key, so the
// next failure waits 5ms again (ItemExponentialFailureRateLimiter, handleErr's Forget).
func TestFailedSyncIsRetriedRateLimited(t *testing.T) {
	clk := clock.New(clock.Epoch)
	var runs []time.Duration
	fail := 3
	q := NewQueue(clk, "sync %s/%s", func(Key) error {
		runs = append(runs, clk.Now().Sub(clock.Epoch))
		if fail > 0 {
			fail--
			return errors.New("refused")
		}
		return nil
	})
	key := Key{"default", "web"}
	q.Add(key)
	clk.Advance(time.Second)
	want := []time.Duration{0, 5 * time.Millisecond, 15 * time.Millisecond, 35 * time.Millisecond}
	if !slices.Equal(runs, want) {
		t.Fatalf("runs at %v, want %v", runs, want)
	}
	runs, fail = nil, 1
	q.Add(key)
	clk.Advance(time.Second)
	want = []time.Duration{time.Second, time.Second + 5*time.Millisecond}
	if !slices.Equal(runs, want) {
		t.Errorf("after a success, runs at %v, want %v (backoff starts over)", runs, want)
	}
}

func TestRetryDelay(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want time.Duration
	}{
		{1, 5 * time.Millisecond},
		{2, 10 * time.Millisecond},
		{18, 655360 * time.Millisecond}, // 5ms·2^17
		{19, 1000 * time.Second},        // capped
		{100, 1000 * time.Second},       // no overflow
	} {
		if got := RetryDelay(tc.n); got != tc.want {
			t.Errorf("RetryDelay(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}
