package lesson

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"rolloutlab/web"
)

// Shipped are the lessons in web/lessons/, embedded in the binary, parsed once, in the order
// of the number their file names start with (01-seed.yaml, 02-…).
var Shipped = sync.OnceValues(func() ([]*Lesson, error) {
	ls, _, err := ParseFS(web.Lessons, "lessons")
	return ls, err
})

// ParseFS parses every *.yaml file of dir in fsys, ordered by the number their names start
// with (then by name), and checks that the ids are unique. Every file's errors are reported.
func ParseFS(fsys fs.FS, dir string) ([]*Lesson, []string, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, nil, err
	}
	SortFiles(names)
	var (
		out   []*Lesson
		warns []string
		errs  []error
		seen  = map[string]string{}
	)
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		l, w, err := Parse(name, data)
		warns = append(warns, w...)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if first, dup := seen[l.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: id: %q is already the id of %s", name, l.ID, first))
			continue
		}
		seen[l.ID] = name
		out = append(out, l)
	}
	return out, warns, errors.Join(errs...)
}

// SortFiles orders lesson file names by the number their base names start with, then by name.
func SortFiles(names []string) {
	num := func(s string) int {
		b := path.Base(s)
		i := strings.IndexFunc(b, func(r rune) bool { return r < '0' || r > '9' })
		n, err := strconv.Atoi(b[:max(i, 0)])
		if err != nil {
			return 1 << 30 // unnumbered files go last
		}
		return n
	}
	sort.SliceStable(names, func(i, j int) bool {
		a, b := num(names[i]), num(names[j])
		if a != b {
			return a < b
		}
		return names[i] < names[j]
	})
}
