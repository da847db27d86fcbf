//go:build !mutationdetector

package store

// MutationDetector is off in this build: build with -tags mutationdetector (make test does, for
// the engine's native tests) to check that no stored object is changed in place.
const MutationDetector = false

type detector struct{}

func (s *Store) detectorInit()          {}
func (s *Store) stored(*Slot)           {}
func (s *Store) unchangedSince(*Slot)   {}
func (s *Store) VerifyUnchanged() error { return nil }

// VerifyAll checks every live store's objects (a no-op without the detector).
func VerifyAll() error { return nil }
