package engine

import (
	"slices"
	"strings"
	"time"

	"rolloutlab/engine/clock"
	"rolloutlab/engine/explain"
	"rolloutlab/engine/kubelet"
)

// What the UI reads from a Session. The UI (app/) reaches the engine only through Session and
// View (a test in app/ enforces it), so each read it needs is a method here, named for what it
// asks; none of them records an input or changes the cluster.

// Note is one explained unit of work (Session.Step and StepToChange return them).
type Note = clock.Note

// ImageMode is how an image pulls (Session.SetImageMode).
type ImageMode = kubelet.ImageMode

// The image modes of the failure controls.
const (
	ImageNormal  = kubelet.ImageNormal
	ImageMissing = kubelet.ImageMissing
	ImageSlow    = kubelet.ImageSlow
)

// Explain is a Note in words, in lang ("en" or "zh").
func Explain(lang string, n Note) string { return explain.Sentence(lang, n) }

// View is what the UI draws now; maxEvents bounds the event list (newest kept; 0 = all).
func (s *Session) View(maxEvents int) View { return s.E.View(maxEvents) }

// Now is the cluster's virtual time.
func (s *Session) Now() time.Time { return s.E.Now() }

// Elapsed is the virtual time since the session started.
func (s *Session) Elapsed() time.Duration { return s.E.Elapsed() }

// Version changes whenever any object changes (the store's resourceVersion): a cheap test for
// "did anything change" without building a View.
func (s *Session) Version() int64 { return s.E.Cluster.Store.ResourceVersion() }

// Pending is the number of queued units of work.
func (s *Session) Pending() int { return s.E.Cluster.Clock.Len() }

// FileNames are the files of the working folder, sorted.
func (s *Session) FileNames() []string {
	names := make([]string, 0, len(s.E.Files))
	for n := range s.E.Files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Describe is `kubectl describe KIND NAME`; ok is false when kubectl fails (then the text is
// its error, as `error: …` or `Error from server (NotFound): …`).
func (s *Session) Describe(kind, name string) (text string, ok bool) {
	return s.read("describe", strings.ToLower(kind), name)
}

// YAML is `kubectl get KIND NAME -o yaml`; ok as for Describe.
func (s *Session) YAML(kind, name string) (text string, ok bool) {
	return s.read("get", strings.ToLower(kind), name, "-o", "yaml")
}

// read runs a reading kubectl command straight on the session's kubectl: not through Exec,
// which would record an input and let the controllers react, so the replay stays the same.
func (s *Session) read(args ...string) (string, bool) {
	res := s.E.Kubectl.Run(args)
	if res.Exit != 0 {
		return strings.TrimSpace(res.Stderr.String()), false
	}
	return res.Stdout.String(), true
}
