// Package storetest runs a package's tests and then the store's mutation detector over every
// store still alive (with -tags mutationdetector; without it the check is a no-op). Only tests
// import it.
package storetest

import (
	"fmt"
	"os"
	"testing"

	"rolloutlab/engine/store"
)

// Main is a TestMain: func TestMain(m *testing.M) { storetest.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	if err := store.VerifyAll(); err != nil {
		fmt.Fprintln(os.Stderr, "mutation detector:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}
