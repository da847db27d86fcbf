package deployment

import (
	"testing"

	"rolloutlab/engine/store/storetest"
)

// TestMain checks, after the tests, that no stored object was changed in place (with
// -tags mutationdetector, as make test runs the engine's native tests).
func TestMain(m *testing.M) { storetest.Main(m) }
