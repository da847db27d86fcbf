package app

import (
	"runtime"
	"sync/atomic"
	"time"

	"rolloutlab/engine"
)

// yieldToBrowser runs jobs on a coroutine so that one long command hands control back to the
// browser in the middle (Go in WebAssembly returns to the JS event loop only when every
// goroutine blocks). Native tests run slices on the UI goroutine, as go-app's testers drive it.
var yieldToBrowser = runtime.GOARCH == "wasm"

// coroutine runs a job's slices on a goroutine of its own. The UI goroutine and the worker
// never run at once: the UI goroutine waits while a slice runs, and the worker waits between
// slices and at the checkpoints (engine.Budget.Checkpoint) where a slice's time is up, so the
// session is touched by one of them at a time and a command's work pauses exactly where it is.
type coroutine struct {
	w       work
	resume  chan bool     // UI → worker: run (false or closed: stop)
	yield   chan sliceEnd // worker → UI: the slice is over
	start   time.Time
	wall    time.Duration
	active  atomic.Bool // a slice is running (the checkpoint only ever pauses the worker)
	stopped atomic.Bool
	started bool
	exited  chan struct{} // closed when the worker has returned
}

type sliceEnd struct {
	done  bool
	panic any // the worker's panic, raised again on the UI goroutine
}

func newCoroutine(w work) *coroutine {
	return &coroutine{w: w, resume: make(chan bool), yield: make(chan sliceEnd, 1), exited: make(chan struct{})}
}

// slice runs the job for about wall time on the worker and reports whether it is done. A
// panic of the worker is raised here.
func (c *coroutine) slice(wall time.Duration) bool {
	if !c.started {
		c.started = true
		go c.run()
	}
	c.wall = wall
	c.active.Store(true)
	c.resume <- true
	end := <-c.yield
	c.active.Store(false)
	if end.panic != nil {
		panic(end.panic)
	}
	return end.done
}

func (c *coroutine) run() {
	defer close(c.exited)
	defer func() {
		r := recover()
		if _, ok := r.(engine.Stopped); ok || c.stopped.Load() {
			return
		}
		if r != nil {
			c.yield <- sliceEnd{panic: r}
		}
	}()
	for <-c.resume {
		c.start = time.Now()
		for ok := true; ok; ok = !c.w.done() && time.Since(c.start) < c.wall && !c.stopped.Load() {
			c.w.step() // at least one step a slice, however short
		}
		if c.stopped.Load() {
			return
		}
		c.yield <- sliceEnd{done: c.w.done()}
	}
}

// checkpoint is the sessions' budget checkpoint: on the worker, once the slice's time is up,
// it hands control back to the UI goroutine (and so to the browser) and waits for the next
// slice. Anywhere else it does nothing.
func (c *coroutine) checkpoint() {
	if c.stopped.Load() {
		panic(engine.Stopped{}) // the job was dropped: unwind its input
	}
	if !c.active.Load() {
		return
	}
	if time.Since(c.start) < c.wall {
		return
	}
	c.yield <- sliceEnd{}
	if !<-c.resume {
		panic(engine.Stopped{})
	}
	c.start = time.Now()
}

// stop ends the worker of a dropped job, wherever it waits (nil: no coroutine): its input
// unwinds from the checkpoint it waits at (engine.Stopped).
func (c *coroutine) stop() {
	if c == nil || c.stopped.Swap(true) || !c.started {
		return
	}
	close(c.resume)
}

// stopWait stops the worker and waits until it has unwound: the session it worked on is used
// again at once (Ctrl+C), so no code of the abandoned input may run after this returns.
func (c *coroutine) stopWait() {
	if c == nil {
		return
	}
	started := c.started
	c.stop()
	if started {
		<-c.exited
	}
}
