// Command wasmsize says where the bytes of a Go WebAssembly build go: the code of each package
// (or the largest functions), and what each package's code weighs compressed alone with brotli
// at quality 11, an estimate of its share of the transfer. It reads the function names from the
// wasm name section, so the build must keep it (no `-ldflags=-s -w`): `make wasm-size`.
//
//	go run ./tools/wasmsize [-top N] FILE.wasm
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/andybalholm/brotli"
)

func main() {
	top := flag.Int("top", 0, "list the N largest functions instead of the packages")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-top N] FILE.wasm")
		os.Exit(2)
	}
	if err := run(os.Stdout, flag.Arg(0), *top); err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, file string, top int) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	m, err := parseModule(b)
	if err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	fmt.Fprintf(w, "%s: %d bytes; code %d in %d functions; data %d\n", file, len(b), m.code, len(m.funcs), m.data)
	if top > 0 {
		fs := append([]function(nil), m.funcs...)
		sort.SliceStable(fs, func(i, j int) bool { return len(fs[i].body) > len(fs[j].body) })
		for _, f := range fs[:min(top, len(fs))] {
			fmt.Fprintf(w, "%9d %s\n", len(f.body), f.name)
		}
		return nil
	}
	fmt.Fprintf(w, "%9s %9s %s\n", "code", "brotli", "package")
	for _, p := range byPackage(m.funcs) {
		fmt.Fprintf(w, "%9d %9d %s\n", p.code.Len(), brotliSize(p.code.Bytes()), p.name)
	}
	return nil
}

type function struct {
	name string
	body []byte
}

type module struct {
	funcs      []function
	code, data int
}

var errTruncated = errors.New("truncated module")

// reader reads a wasm binary: LEB128 numbers and length-prefixed byte strings, never past
// the end (a damaged file is an error, not a panic).
type reader struct {
	b   []byte
	err error
}

func (r *reader) uint() int {
	var v uint64
	for shift := uint(0); shift < 35; shift += 7 {
		if len(r.b) == 0 {
			break
		}
		c := r.b[0]
		r.b = r.b[1:]
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return int(v)
		}
	}
	r.err = errTruncated
	return 0
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n > len(r.b) {
		r.err = errTruncated
		return nil
	}
	s := r.b[:n]
	r.b = r.b[n:]
	return s
}

// parseModule reads the function bodies (code section), the data section's size and the
// function names (the "name" custom section). Go imports only functions, so function index
// i of the name section is body i-imports.
func parseModule(b []byte) (*module, error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, errors.New("not a WebAssembly module")
	}
	r := &reader{b: b[8:]}
	m := &module{}
	imports := 0
	names := map[int]string{}
	for len(r.b) > 0 && r.err == nil {
		id := r.bytes(1)
		sec := &reader{b: r.bytes(r.uint())}
		if r.err != nil {
			break
		}
		switch id[0] {
		case 2: // imports
			imports = sec.uint()
		case 10: // code
			m.code = len(sec.b)
			for n := sec.uint(); n > 0 && sec.err == nil; n-- {
				m.funcs = append(m.funcs, function{body: sec.bytes(sec.uint())})
			}
		case 11: // data
			m.data = len(sec.b)
		case 0: // custom
			if string(sec.bytes(sec.uint())) == "name" {
				readNames(sec, names)
			}
		}
		if sec.err != nil {
			return nil, sec.err
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(names) == 0 {
		return nil, errors.New("no function names: build it without -ldflags=-s")
	}
	for i := range m.funcs {
		m.funcs[i].name = names[imports+i]
	}
	return m, nil
}

// readNames reads the function names subsection (id 1) of the name section.
func readNames(sec *reader, names map[int]string) {
	for len(sec.b) > 0 && sec.err == nil {
		id := sec.bytes(1)
		sub := &reader{b: sec.bytes(sec.uint())}
		if sec.err != nil || id[0] != 1 {
			continue
		}
		for n := sub.uint(); n > 0 && sub.err == nil; n-- {
			i := sub.uint()
			names[i] = string(sub.bytes(sub.uint()))
		}
		sec.err = sub.err
	}
}

// packageOf is the package of a function name as Go's linker writes it in the name section
// (with '/' and other punctuation as '_'): up to the first '.' after the module's domain, if
// any ("go.yaml.in_yaml_v2.yaml_parser_scan" → "go.yaml.in_yaml_v2").
func packageOf(name string) string {
	start := 0
	if u := strings.IndexByte(name, '_'); u > 0 && isDomain(name[:u]) {
		start = u
	}
	if d := strings.IndexByte(name[start:], '.'); d >= 0 {
		return name[:start+d]
	}
	return name
}

// isDomain tells a module's domain ("github.com", "go.yaml.in") from a package and a name
// ("runtime.wasm" of runtime.wasm_export_run).
func isDomain(s string) bool {
	for _, tld := range []string{".com", ".org", ".net", ".io", ".in", ".dev"} {
		if strings.HasSuffix(s, tld) {
			return true
		}
	}
	return false
}

type pkg struct {
	name string
	code bytes.Buffer
}

// byPackage groups the bodies by package, largest code first.
func byPackage(funcs []function) []*pkg {
	index := map[string]*pkg{}
	var ps []*pkg
	for _, f := range funcs {
		n := packageOf(f.name)
		p := index[n]
		if p == nil {
			p = &pkg{name: n}
			index[n] = p
			ps = append(ps, p)
		}
		p.code.Write(f.body)
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].code.Len() > ps[j].code.Len() })
	return ps
}

func brotliSize(b []byte) int {
	var out bytes.Buffer
	w := brotli.NewWriterOptions(&out, brotli.WriterOptions{Quality: brotli.BestCompression})
	w.Write(b) // writes to a bytes.Buffer do not fail
	w.Close()
	return out.Len()
}
