package engine

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// substrate is where the engine may use package unsafe (issue 14): the store (resource
// versions as views into shared blocks), the clock and the event log. Everything else — the
// controllers, the kubelet, kubectl — is written against plain Go, so that a newcomer can change
// it without knowing what memory a value shares.
var substrate = []string{"store", "clock", "events"}

// Rule: only the substrate's packages import unsafe, their tests included. (The import path is
// written in backquotes here, so that a grep for the quoted path lists the substrate alone.)
func TestOnlyTheSubstrateImportsUnsafe(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".go" {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == `unsafe` && !slices.Contains(substrate, filepath.Dir(path)) {
				t.Errorf(`%s imports unsafe: only the substrate (engine/%v) may; write it with plain Go or move the trick into the substrate`, filepath.Join("engine", path), substrate)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
