package app

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine"
)

// The model is plain Go: no field reaches a go-app type, however deep, so its transitions run
// and are tested without a browser or a mounted component.
func TestModelHasNoGoApp(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(ty reflect.Type, path string)
	walk = func(ty reflect.Type, path string) {
		if seen[ty] {
			return
		}
		seen[ty] = true
		if strings.Contains(ty.PkgPath(), "go-app") {
			t.Errorf("%s is %s, from go-app", path, ty)
		}
		switch ty.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Chan:
			walk(ty.Elem(), path+"[]")
		case reflect.Map:
			walk(ty.Key(), path+"{key}")
			walk(ty.Elem(), path+"{}")
		case reflect.Struct:
			for i := range ty.NumField() {
				walk(ty.Field(i).Type, path+"."+ty.Field(i).Name)
			}
		}
	}
	walk(reflect.TypeOf(model{}), "model")
	if len(seen) < 20 {
		t.Fatalf("walked only %d types", len(seen))
	}
}

func newModel() *model {
	return &model{sess: engine.NewSession(engine.Options{Seed: 1}), running: map[int]*engine.Execution{}}
}

// Terminal entries are numbered in order and remember the session position they were printed
// at (after an undo, later output is dimmed as the future); past maxEntries the oldest scroll
// away and their waiting commands are no longer followed.
func TestModelTerminalEntries(t *testing.T) {
	m := newModel()
	m.sess.WriteFile(editorFile, seedYAML)
	if id := m.appendEntry(termEntry{Kind: entryCmd, Line: "a"}); id != 1 || m.term[0].Pos != 1 {
		t.Fatalf("first entry: id %d pos %d, want 1 and 1 (one input: the file)", id, m.term[0].Pos)
	}
	m.running[1] = nil
	for i := range maxEntries {
		m.appendEntry(termEntry{Kind: entryCmd, Line: fmt.Sprint(i)})
	}
	if len(m.term) != maxEntries || m.term[0].ID != 2 || m.entryIndex(2) != 0 || m.entryIndex(1) != -1 {
		t.Fatalf("%d entries from id %d; want %d from 2", len(m.term), m.term[0].ID, maxEntries)
	}
	if _, ok := m.running[1]; ok {
		t.Fatal("the dropped entry's command is still followed")
	}
}

// An entry the terminal drew is never changed under it: the terminal compares its Entries prop
// with the slice it drew, so a change written into that slice's element is never drawn (a typed
// command stayed "waiting for the cluster" with its output in the model). setEntry copies; no
// other code writes into m.term's elements or takes their address.
func TestEntriesChangeOnlyThroughSetEntry(t *testing.T) {
	m := newModel()
	m.appendEntry(termEntry{Kind: entryCmd, Line: "a", Running: true})
	drawn := m.term
	e := m.term[0]
	e.Running, e.Out = false, "done\n"
	m.setEntry(0, e)
	if !drawn[0].Running || m.term[0].Running || m.term[0].Out != "done\n" {
		t.Fatalf("drawn %+v, now %+v: the drawn slice changed, or the entry did not", drawn[0], m.term[0])
	}

	fset, files := appSources(t)
	checked := 0
	for _, f := range files {
		// intoTerm reports an expression that is, or is inside, an element of a .term slice.
		intoTerm := func(x ast.Expr) bool {
			for {
				switch v := x.(type) {
				case *ast.SelectorExpr:
					x = v.X
				case *ast.IndexExpr:
					if sel, ok := v.X.(*ast.SelectorExpr); ok && sel.Sel.Name == "term" {
						return true
					}
					x = v.X
				case *ast.ParenExpr:
					x = v.X
				default:
					return false
				}
			}
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Name.Name == "setEntry" || fn.Body == nil {
				continue
			}
			checked++
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				var writes []ast.Expr
				switch v := n.(type) {
				case *ast.AssignStmt:
					writes = v.Lhs
				case *ast.IncDecStmt:
					writes = []ast.Expr{v.X}
				case *ast.UnaryExpr:
					if v.Op == token.AND {
						writes = []ast.Expr{v.X}
					}
				}
				for _, w := range writes {
					if intoTerm(w) {
						t.Errorf("%s: %s writes into a terminal entry in place: use setEntry", fset.Position(w.Pos()), fn.Name.Name)
					}
				}
				return true
			})
		}
	}
	if checked < 100 {
		t.Fatalf("checked only %d functions", checked)
	}
}

// appSources parses the package's Go files, tests left out.
func appSources(t *testing.T) (*token.FileSet, []*ast.File) {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if len(files) < 20 {
		t.Fatalf("only %d Go files", len(files))
	}
	return fset, files
}

// The history keeps each line typed, not twice in a row and not empty, at most maxHistory, and
// never changes a slice already handed to the terminal (which compares its props by identity).
func TestModelHistory(t *testing.T) {
	m := newModel()
	for _, l := range []string{"a", "", "b", "b", "a"} {
		m.pushHistory(l)
	}
	if !slices.Equal(m.history, []string{"a", "b", "a"}) {
		t.Fatalf("history %q", m.history)
	}
	shown := m.history
	m.pushHistory("c")
	if len(shown) != 3 || !slices.Equal(shown, []string{"a", "b", "a"}) {
		t.Fatalf("the shown slice changed: %q", shown)
	}
	for i := range 2 * maxHistory {
		m.pushHistory(fmt.Sprint(i))
	}
	if len(m.history) != maxHistory || m.history[maxHistory-1] != fmt.Sprint(2*maxHistory-1) {
		t.Fatalf("%d lines, last %q", len(m.history), m.history[len(m.history)-1])
	}
}

// A step that ran nothing says so and is not logged; one that ran n units shows the last and
// counts the n-1 skipped before it; the log keeps the last maxExplained, stamped with the time.
func TestModelExplainedSteps(t *testing.T) {
	m := newModel()
	m.showStep(0, "", nil)
	if !m.stepNothing || len(m.explained) != 0 {
		t.Fatalf("nothing ran: nothing %v, %d logged", m.stepNothing, len(m.explained))
	}
	m.sess.Advance(3 * time.Second)
	m.showStep(4, "sync", []clockNote{{Key: "k"}})
	if m.stepNothing || m.stepSkipped != 3 || m.stepLabel != "sync" || len(m.explained) != 1 || m.explained[0].At != 3*time.Second {
		t.Fatalf("after a step of 4: %+v skipped %d", m.explained, m.stepSkipped)
	}
	for i := range maxExplained + 5 {
		m.showStep(1, fmt.Sprint(i), nil)
	}
	if len(m.explained) != maxExplained || m.explained[maxExplained-1].Label != fmt.Sprint(maxExplained+4) {
		t.Fatalf("%d logged, last %q", len(m.explained), m.explained[len(m.explained)-1].Label)
	}
}

// The failure modes in force are those of the applied inputs: after an undo, the one undone is
// not; setting an image back to normal removes it; a node brought back up is not down.
func TestModelFaults(t *testing.T) {
	m := newModel()
	m.sess.SetImageMode("nginx:1.9", engine.ImageMissing)
	m.sess.SetImageMode("nginx:2", engine.ImageSlow)
	m.sess.SetImageMode("nginx:2", engine.ImageNormal)
	if err := m.sess.SetNodeDown("node-1", true); err != nil {
		t.Fatal(err)
	}
	modes, down := m.readFaults()
	if !reflect.DeepEqual(modes, map[string]string{"nginx:1.9": "missing"}) || !down["node-1"] {
		t.Fatalf("modes %v down %v", modes, down)
	}
	if m.termPresent() != -1 {
		t.Fatal("at the end, nothing is in the future")
	}
	m.sess.Undo()
	if _, down = m.readFaults(); down["node-1"] {
		t.Fatal("the undone node failure is still in force")
	}
	if m.termPresent() != m.sess.Position() {
		t.Fatalf("after an undo the present is position %d, got %d", m.sess.Position(), m.termPresent())
	}
}

// Pods keep the order the UI first saw them in, whatever order the view lists them: a new pod
// comes last in its ReplicaSet, so go-app, which diffs children by index, keeps the others.
func TestModelPodOrder(t *testing.T) {
	m := newModel()
	view := func(names ...string) engine.View {
		var pods []engine.PodView
		for _, n := range names {
			pods = append(pods, engine.PodView{Name: n})
		}
		return engine.View{Deployments: []engine.DeploymentView{{ReplicaSets: []engine.ReplicaSetView{{Pods: pods}}}}}
	}
	names := func(v engine.View) (out []string) {
		for _, p := range v.Deployments[0].ReplicaSets[0].Pods {
			out = append(out, p.Name)
		}
		return out
	}
	v := view("b", "a")
	m.orderPods(&v)
	v = view("c", "a", "b")
	m.orderPods(&v)
	if got := names(v); !slices.Equal(got, []string{"b", "a", "c"}) {
		t.Fatalf("order %q, want b a c (first seen first)", got)
	}
}

// readView rebuilds what the panels draw: completion names, revision lanes, known images and
// pod names. The timeline ends at the session's time at the end of the inputs; after an undo
// (the view in the past) it keeps its end, so the scrubber does not shrink.
func TestModelReadView(t *testing.T) {
	m := newModel()
	m.sess.WriteFile(editorFile, seedYAML)
	m.sess.Exec("kubectl apply -f " + editorFile)
	m.sess.Advance(30 * time.Second)
	m.readView(false)
	if len(m.view.Deployments) != 1 || !slices.Equal(m.names.Deployments, []string{"nginx-deployment-controller"}) ||
		len(m.revs) != 1 || !slices.Contains(m.images, "nginx:1.8") || len(m.pods) != 2 {
		t.Fatalf("names %+v, %d lanes, images %q, pods %q", m.names, len(m.revs), m.images, m.pods)
	}
	end := m.timelineEnd
	if end != 30*time.Second {
		t.Fatalf("timeline ends at %v, want 30s", end)
	}
	m.sess.Undo()
	m.readView(false)
	if len(m.view.Deployments) != 0 || m.timelineEnd != end {
		t.Fatalf("after undo: %d Deployments, timeline end %v (want %v)", len(m.view.Deployments), m.timelineEnd, end)
	}
}
