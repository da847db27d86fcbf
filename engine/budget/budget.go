// Package budget bounds the work one input may cause, so that no command line — typed, pasted
// or replayed from a share link — can hang the page or run the WebAssembly heap out of memory.
// The engine re-exports it as engine.Budget; the shell and kubectl read the limits they
// enforce from it, so a limit is reported with the same words wherever it is hit.
package budget

import (
	"fmt"
	"time"
	"unicode/utf8"
)

// Budget is the work one input may cause. A zero field means the default's value.
type Budget struct {
	// Line is the longest command line accepted, in bytes.
	Line int
	// Depth is how deeply $( … ) may nest.
	Depth int
	// Commands is how many commands one line may run: every stage of every pipeline and
	// every $( … ).
	Commands int
	// Output is the most one command line may print (stdout and stderr each); the rest is
	// cut and a notice says so.
	Output int
	// Steps is how many units of simulated work (reconciles, pod transitions) a command may
	// run while it waits for the cluster (rollout status, or a watch inside a pipe).
	Steps int
	// WatchEvents and Wait bound a waiting command inside a pipe (`kubectl get pods -w |
	// tail -1`): a pipe runs to completion at once, and a watch never completes on its own. It
	// stops after WatchEvents lines, after Wait of simulated time (unless it has its own
	// --timeout), or as soon as the cluster has nothing left to do — without moving the clock
	// further, since nothing could change any more.
	WatchEvents int
	Wait        time.Duration
	// Checkpoint, when set, is called between the pieces of long work inside one input (each
	// object printed or created, each unit of work a waiting command runs). It may block: the page hands
	// control back to the browser there, with the cluster left exactly as it is (nothing else
	// touches it until the call returns). It changes nothing in the work itself, so an input
	// gives the same result with or without it.
	Checkpoint func()
}

// Stopped is what a Checkpoint panics with to abandon the input in progress (Ctrl+C on a long
// listing, a restore replaced by another). The engine's own recovers, which turn a bug into an
// "internal error" line, pass it on, so that it unwinds the whole input and nothing after the
// checkpoint runs.
type Stopped struct{}

// Pause calls the Checkpoint, if any.
func (b Budget) Pause() {
	if b.Checkpoint != nil {
		b.Checkpoint()
	}
}

// Default is the budget of every input unless the caller sets another. Its numbers fit a
// learner's session by a wide margin (the seed tutorial's longest line is under 200 bytes, its
// largest output under 20 KB) and keep the worst input to a fraction of a second.
var Default = Budget{
	Line:        64 << 10,
	Depth:       16,
	Commands:    64,
	Output:      4 << 20,
	Steps:       50_000, // a 10,000-replica rollout takes about 35,000
	WatchEvents: 1000,
	// A Deployment's default progress deadline is 600 s, so `rollout status … | tail -1` still
	// sees a failed rollout fail.
	Wait: 15 * time.Minute,
}

// Or fills every zero field of b from Default.
func (b Budget) Or() Budget {
	d := Default
	pick := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	pick(&b.Line, d.Line)
	pick(&b.Depth, d.Depth)
	pick(&b.Commands, d.Commands)
	pick(&b.Output, d.Output)
	pick(&b.Steps, d.Steps)
	pick(&b.WatchEvents, d.WatchEvents)
	if b.Wait <= 0 {
		b.Wait = d.Wait
	}
	return b
}

// Messages, one per limit; the shell prefixes its own with "bash: " as bash prefixes its errors.

// LineText says a command line was refused for its length.
func (b Budget) LineText() string { return "command longer than " + Size(b.Line) }

// DepthText says $( … ) nested too deeply.
func (b Budget) DepthText() string {
	return fmt.Sprintf("$( ) nested deeper than %d levels", b.Depth)
}

// CommandsText says a line holds too many commands.
func (b Budget) CommandsText() string {
	return fmt.Sprintf("more than %d commands in one line", b.Commands)
}

// OutputText is the notice after output that was cut.
func (b Budget) OutputText() string { return "output truncated at " + Size(b.Output) }

// StepsText says a waiting command ran out of simulated work.
func (b Budget) StepsText() string {
	return fmt.Sprintf("stopped after %d units of simulated work", b.Steps)
}

// WatchText says a watch inside a pipe stopped.
func (b Budget) WatchText() string {
	return fmt.Sprintf("a watch in a pipe stops after %d events, %g minutes of simulated time, or when the cluster is idle",
		b.WatchEvents, b.Wait.Minutes())
}

// Size prints a byte count the way the messages above say it: "64 KiB" below a mebibyte,
// "4 MB" above (binary units both, as a browser's memory is counted).
func Size(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Cut returns the longest prefix of s of at most n bytes that does not split a character.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	n = max(n, 0)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
