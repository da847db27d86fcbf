package kubelet

import (
	"sort"
	"time"
)

// Timing sets how long the node side takes.
type Timing struct {
	// PullDelay is how long a pull takes (ImageCache: per MB, with this as the minimum).
	PullDelay time.Duration
	// ErrImagePullFor is how long a failed pull shows ErrImagePull before ImagePullBackOff.
	ErrImagePullFor time.Duration
	// BackOffInitial and BackOffMax bound the doubling pull back-off.
	BackOffInitial, BackOffMax time.Duration
	// TerminationDelay is how long a stopping container takes (at most the grace period).
	TerminationDelay time.Duration
	// ImageCache makes nodes keep pulled images, as a real kubelet does: later pods of the
	// same image start at once with "already present on machine".
	ImageCache bool
	// PullBandwidth in bytes per second, used with ImageCache.
	PullBandwidth int64
}

// StandIn is the timing of the conformance stand-in the real transcripts were recorded with:
// every pod pulls for 1 s, a failed pull turns into back-off 3 s later, retries after 10 s,
// 20 s, … and a deleted pod is gone 0.5 s later.
var StandIn = Timing{
	PullDelay:        time.Second,
	ErrImagePullFor:  3 * time.Second,
	BackOffInitial:   10 * time.Second,
	BackOffMax:       300 * time.Second,
	TerminationDelay: 500 * time.Millisecond,
}

// Realistic is closer to a real node: images are cached per node and pull at about 25 MB/s,
// and nginx takes about a second to stop.
var Realistic = Timing{
	PullDelay:        time.Second,
	ErrImagePullFor:  10 * time.Second,
	BackOffInitial:   10 * time.Second,
	BackOffMax:       300 * time.Second,
	TerminationDelay: time.Second,
	ImageCache:       true,
	PullBandwidth:    25_000_000,
}

func sortStrings(s []string) { sort.Strings(s) }
