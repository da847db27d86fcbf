// Package storetest runs a package's tests and then the store's mutation detector over every
// store still alive (with -tags mutationdetector; without it the check is a no-op). Only tests
// import it.
package storetest

import (
	"fmt"
	"os"
	"testing"

	"rolloutlab/engine/api"
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

// Refuse makes the first n writes to objects of kind that verb ("create", "update" or
// "delete") names and match accepts fail with a Conflict, as writes racing another client's
// do. The returned count tells how many it refused, so a test cannot pass without them.
func Refuse(st *store.Store, kind, verb string, n int, match func(api.Object) bool) *int {
	refused := new(int)
	refuse := func(o api.Object) error {
		if *refused == n || !match(o) {
			return nil
		}
		*refused++
		return api.NewConflict(store.Resource(kind), o.Meta().Name, api.OptimisticLockErrorMsg)
	}
	if verb == "create" {
		st.Admit(kind, refuse)
		return refused
	}
	st.AdmitChange(kind, func(v string, o api.Object) error {
		if v != verb {
			return nil
		}
		return refuse(o)
	})
	return refused
}
