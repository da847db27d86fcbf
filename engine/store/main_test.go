package store

import (
	"fmt"
	"os"
	"testing"
)

// TestMain checks, after the tests, that no stored object was changed in place (mutation.go).
func TestMain(m *testing.M) {
	code := m.Run()
	if err := VerifyAll(); err != nil {
		fmt.Fprintln(os.Stderr, "mutation detector:", err)
		code = max(code, 1)
	}
	os.Exit(code)
}
