package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"testing"
)

// The UI reaches the engine through one door (issue 14: "one way in for the UI"): the methods
// of engine.Session and the engine.View they return. No app file reaches a Session's Engine
// (`.E`, the clock, the store, kubectl underneath), and app imports only these engine packages:
//   - rolloutlab/engine: Session, View and the value types it re-exports (Note, ImageMode, Budget);
//   - rolloutlab/engine/lesson: the lesson model (definitions, checks, the tracker) the lesson
//     panel renders; it reads the cluster only through a Session itself.
var appEngineImports = []string{"rolloutlab/engine", "rolloutlab/engine/lesson"}

// seamPending are files whose engine access is being moved into Session by another change.
// Each must still break the rule, so that the entry is removed in the change that makes it keep
// it.
var seamPending = map[string]bool{}

func TestUIReachesTheEngineOnlyThroughSession(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var broken []string
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if len(path) >= len("rolloutlab/") && path[:len("rolloutlab/")] == "rolloutlab/" && !slices.Contains(appEngineImports, path) {
				broken = append(broken, fset.Position(imp.Pos()).String()+": imports "+path)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "E" {
				broken = append(broken, fset.Position(sel.Sel.Pos()).String()+": reaches .E (the Session's Engine)")
			}
			return true
		})
		sort.Strings(broken)
		switch {
		case seamPending[name] && len(broken) == 0:
			t.Errorf("%s keeps to Session and View now: remove it from seamPending", name)
		case !seamPending[name]:
			for _, b := range broken {
				t.Error(b)
			}
		}
	}
}
