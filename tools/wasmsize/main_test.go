package main

import (
	"strings"
	"testing"
)

func leb(n int) []byte {
	var b []byte
	for {
		c := byte(n & 0x7f)
		n >>= 7
		if n == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func section(id byte, content []byte) []byte {
	return append(append([]byte{id}, leb(len(content))...), content...)
}

func str(s string) []byte { return append(leb(len(s)), s...) }

// testModule is a module laid out as Go's linker writes one: one imported function, then
// three bodies, and the name section naming all four.
func testModule(withNames bool) []byte {
	m := []byte("\x00asm\x01\x00\x00\x00")
	m = append(m, section(2, append(leb(1), "import"...))...)
	code := leb(3)
	for _, n := range []int{5, 3, 2} {
		code = append(append(code, leb(n)...), make([]byte, n)...)
	}
	m = append(m, section(10, code)...)
	m = append(m, section(11, make([]byte, 7))...)
	if withNames {
		fn := leb(4)
		for i, n := range []string{"runtime.wasmImport", "rolloutlab_app.__playground_.Render",
			"go.yaml.in_yaml_v2.yaml_parser_scan", "rolloutlab_app.init"} {
			fn = append(append(fn, leb(i)...), str(n)...)
		}
		names := append(str("name"), section(1, fn)...)
		m = append(m, section(0, names)...)
	}
	return m
}

// The per-package sums follow the name section: a body's function index is its position
// after the imports, and a package is the name up to the first '.' after its domain.
func TestParseModule(t *testing.T) {
	m, err := parseModule(testModule(true))
	if err != nil {
		t.Fatal(err)
	}
	if m.code != 14 || m.data != 7 || len(m.funcs) != 3 {
		t.Fatalf("code %d, data %d, %d functions; want 14, 7, 3", m.code, m.data, len(m.funcs))
	}
	var got []string
	for _, p := range byPackage(m.funcs) {
		got = append(got, p.name+"="+string(rune('0'+p.code.Len())))
	}
	if want := "rolloutlab_app=7 go.yaml.in_yaml_v2=3"; strings.Join(got, " ") != want {
		t.Errorf("packages %q, want %q", strings.Join(got, " "), want)
	}
}

// A damaged or stripped file is an error that says so, never a panic.
func TestBadModules(t *testing.T) {
	full := testModule(true)
	for n := 0; n < len(full); n++ {
		// The name section comes last: every cut damages a section or loses the names.
		if _, err := parseModule(full[:n]); err == nil {
			t.Errorf("module cut at %d of %d bytes: no error", n, len(full))
		}
	}
	if _, err := parseModule(testModule(false)); err == nil || !strings.Contains(err.Error(), "no function names") {
		t.Errorf("stripped module: %v, want the no-names error", err)
	}
}

func TestPackageOf(t *testing.T) {
	for name, want := range map[string]string{
		"rolloutlab_engine_kubectl.runGet":                                     "rolloutlab_engine_kubectl",
		"github.com_maxence_charriere_go_app_v9_pkg_app.__htmlElement_.update": "github.com_maxence_charriere_go_app_v9_pkg_app",
		"go.yaml.in_yaml_v2.yaml_parser_scan":                                  "go.yaml.in_yaml_v2",
		"fmt.__pp_.doPrintf":                                                   "fmt",
		"runtime.wasm_export_run":                                              "runtime",
		"sigs.k8s.io_yaml.Unmarshal":                                           "sigs.k8s.io_yaml",
		"_rt0_wasm_js":                                                         "_rt0_wasm_js",
	} {
		if got := packageOf(name); got != want {
			t.Errorf("packageOf(%q) = %q, want %q", name, got, want)
		}
	}
}
