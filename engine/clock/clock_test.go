package clock

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestTasksRunInDueOrderThenFIFO(t *testing.T) {
	c := New(Epoch)
	var got []string
	add := func(d time.Duration, name string) { c.After(d, name, func() { got = append(got, name) }) }
	add(2*time.Second, "c")
	add(time.Second, "a")
	add(time.Second, "b")
	add(0, "now")
	c.Advance(2 * time.Second)
	want := []string{"now", "a", "b", "c"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	if !c.Now().Equal(Epoch.Add(2 * time.Second)) {
		t.Fatalf("clock at %v", c.Now())
	}
}

func TestAdvanceIsInclusiveAndRunsCascades(t *testing.T) {
	c := New(Epoch)
	ran := 0
	c.After(time.Second, "first", func() {
		ran++
		c.After(0, "cascade", func() { ran++ })
		c.After(time.Second, "later", func() { ran++ })
	})
	c.Advance(time.Second)
	if ran != 2 {
		t.Fatalf("want the task due exactly at the end and its zero-delay cascade to run, ran %d", ran)
	}
	if c.Len() != 1 {
		t.Fatalf("want 1 pending, got %d", c.Len())
	}
}

func TestStepRunsOneTaskAndMovesClock(t *testing.T) {
	c := New(Epoch)
	x := c.After(3*time.Second, "x", func() {})
	if !x.PendingBy(Epoch.Add(3*time.Second)) || x.PendingBy(Epoch.Add(2*time.Second)) {
		t.Fatal("PendingBy: want due at 3 s, not by 2 s")
	}
	if task := c.Step(); task != x || x.PendingBy(Epoch.Add(time.Hour)) {
		t.Fatalf("step ran %v; still pending: %v", task, x.PendingBy(Epoch.Add(time.Hour)))
	}
	if c.Now().Sub(Epoch) != 3*time.Second {
		t.Fatalf("clock at %v", c.Now())
	}
	if c.Step() != nil {
		t.Fatal("nothing should be left")
	}
}

func TestCancel(t *testing.T) {
	c := New(Epoch)
	ran := false
	task := c.After(time.Second, "x", func() { ran = true })
	c.Cancel(task)
	c.Cancel(task)
	c.Advance(time.Minute)
	if ran || task.Pending() {
		t.Fatal("cancelled task ran")
	}
}

// Work scheduled for the current instant joins the batch that is running: it must run after
// everything scheduled earlier for that instant, and cancel like the rest.
func TestWorkForNowRunsAfterEarlierWorkOfTheSameInstant(t *testing.T) {
	c := New(Epoch)
	var got []string
	note := func(s string) func() { return func() { got = append(got, s) } }
	c.After(time.Second, "x", func() {
		got = append(got, "x")
		c.After(0, "now-1", note("now-1"))
		cancelled := c.After(0, "cancelled", note("cancelled"))
		c.After(0, "now-2", func() {
			got = append(got, "now-2")
			c.After(0, "now-3", note("now-3"))
		})
		c.Cancel(cancelled)
	})
	c.After(time.Second, "h", note("h")) // in the heap, scheduled before x ran
	c.After(2*time.Second, "later", note("later"))
	if n := c.Len(); n != 3 {
		t.Fatalf("%d pending", n)
	}
	c.Advance(time.Second)
	if want := "x h now-1 now-2 now-3"; strings.Join(got, " ") != want {
		t.Fatalf("ran %q, want %q", strings.Join(got, " "), want)
	}
	if n := c.Len(); n != 1 || c.Next().Label() != "later" {
		t.Fatalf("%d pending, next %q", n, c.Next().Label())
	}
}

// A batch emptied by cancelling closes, and a task of the same instant scheduled later opens a
// new one that still runs in due order.
func TestCancelledBatchReopens(t *testing.T) {
	c := New(Epoch)
	var got []string
	note := func(s string) func() { return func() { got = append(got, s) } }
	a := c.After(time.Second, "a", note("a"))
	c.After(2*time.Second, "c", note("c"))
	c.Cancel(a)
	c.After(time.Second, "b", note("b"))
	c.After(0, "now", note("now"))
	c.Advance(3 * time.Second)
	if want := "now b c"; strings.Join(got, " ") != want {
		t.Fatalf("ran %q, want %q", strings.Join(got, " "), want)
	}
	if c.Len() != 0 || c.Next() != nil {
		t.Fatalf("%d pending", c.Len())
	}
}

// A delay or an instant beyond the end of time is due at the last instant there is, not in the
// past; an instant long past is due now.
func TestHugeDelayStaysInTheFuture(t *testing.T) {
	c := New(Epoch)
	ran := false
	c.After(time.Duration(math.MaxInt64), "never", func() { ran = true })
	c.At(Epoch.AddDate(1000, 0, 0), "never either", func() { ran = true })
	c.At(Epoch.AddDate(-1000, 0, 0), "now", func() {})
	c.Advance(100 * 365 * 24 * time.Hour)
	if ran || c.Len() != 2 {
		t.Fatal("a task due after the end of time ran")
	}
}

// TestEachPending: it lists exactly the queued tasks (not those that ran or were cancelled),
// stops when asked, and changes nothing (a lesson's "settled" check reads the queue).
func TestEachPending(t *testing.T) {
	c := New(Epoch)
	c.After(0, "ran", func() {})
	c.After(time.Second, "sync Deployment %s", func() {}, "default/web")
	gone := c.After(time.Second, "cancelled", func() {})
	c.After(2*time.Second, "later", func() {})
	c.Cancel(gone)
	c.Step()
	var labels []string
	c.EachPending(func(t *Task) bool { labels = append(labels, t.Label()); return true })
	if strings.Join(labels, ",") != "sync Deployment default/web,later" && strings.Join(labels, ",") != "later,sync Deployment default/web" {
		t.Errorf("pending %q", labels)
	}
	n := 0
	c.EachPending(func(*Task) bool { n++; return false })
	if n != 1 || c.Len() != 2 || !c.Now().Equal(Epoch) {
		t.Errorf("stopped after %d; queue %d, now %v", n, c.Len(), c.Now())
	}
}
