//go:build !js

package clock

// yield does nothing natively: the collector runs on other threads, and waking one to
// reschedule costs more than it gives.
func yield() {}
