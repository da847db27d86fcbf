package budget

import (
	"reflect"
	"testing"
	"time"
)

// A zero field takes the default, a set one stays: an app that only lowers the output budget
// keeps every other limit.
func TestOrFillsZeroFields(t *testing.T) {
	b := Budget{Output: 1000, Wait: time.Minute}.Or()
	want := Default
	want.Output, want.Wait = 1000, time.Minute
	if !reflect.DeepEqual(b, want) {
		t.Fatalf("got %+v, want %+v", b, want)
	}
	if !reflect.DeepEqual(Budget{}.Or(), Default) {
		t.Fatal("the zero Budget is the default")
	}
	// The checkpoint is kept too: the page sets only it.
	n := 0
	Budget{Checkpoint: func() { n++ }}.Or().Pause()
	Budget{}.Or().Pause() // none set: nothing to call
	if n != 1 {
		t.Fatalf("the checkpoint ran %d times, want 1", n)
	}
}

// The messages name the limits the way issue 11 words them.
func TestMessages(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Default.LineText(), "command longer than 64 KiB"},
		{Default.OutputText(), "output truncated at 4 MB"},
		{Default.CommandsText(), "more than 64 commands in one line"},
		{Default.DepthText(), "$( ) nested deeper than 16 levels"},
		{Default.WatchText(), "a watch in a pipe stops after 1000 events, 15 minutes of simulated time, or when the cluster is idle"},
		{Budget{Output: 1500}.OutputText(), "output truncated at 1500 bytes"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// Output is cut at a character boundary, never inside a UTF-8 sequence (简 is three bytes).
func TestCutKeepsCharactersWhole(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"ab简体", 3, "ab"}, {"ab简体", 5, "ab简"}, {"ab简体", 99, "ab简体"}, {"ab", 0, ""}, {"ab", -1, ""},
	} {
		if got := Cut(tc.s, tc.n); got != tc.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}
