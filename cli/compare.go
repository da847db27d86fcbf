package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"rolloutlab/engine/scenario"
)

// compare scores a candidate transcript against a reference with the Go port of the
// conformance suite's compare.py, printing its summary line
// `NAME: text T% (E/N kubectl steps exact), state S%` (and, with -v, every difference first).
// Other real runs of the reference (NAME.rerun*.json beside it) mark what depends on timing.
func compare(args []string, stdout, stderr io.Writer) int {
	verbose := false
	minText, minState := 0.0, 0.0
	var files []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-v" || a == "--verbose":
			verbose = true
		case a == "--min-text" || a == "--min-state":
			if i+1 >= len(args) {
				fmt.Fprintf(stderr, "rolloutlab compare: %s needs a percentage\n", a)
				return 2
			}
			i++
			v, err := strconv.ParseFloat(args[i], 64)
			if err != nil {
				fmt.Fprintf(stderr, "rolloutlab compare: %s needs a percentage, not %q\n", a, args[i])
				return 2
			}
			if a == "--min-text" {
				minText = v
			} else {
				minState = v
			}
		case strings.HasPrefix(a, "-"):
			fmt.Fprintf(stderr, "rolloutlab compare: unknown flag %s\n%s", a, usage)
			return 2
		default:
			files = append(files, a)
		}
	}
	if len(files) != 2 {
		fmt.Fprintf(stderr, "rolloutlab compare: give REFERENCE.json CANDIDATE.json\n%s", usage)
		return 2
	}
	ref, err := loadTranscript(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "rolloutlab compare: %v\n", err)
		return 1
	}
	cand, err := loadTranscript(files[1])
	if err != nil {
		fmt.Fprintf(stderr, "rolloutlab compare: %v\n", err)
		return 1
	}
	var others []*scenario.RefTranscript
	for _, path := range reruns(files[0]) {
		o, err := loadTranscript(path)
		if err != nil {
			fmt.Fprintf(stderr, "rolloutlab compare: %v\n", err)
			return 1
		}
		others = append(others, o)
	}
	sc := scenario.Compare(ref, cand, others)
	if verbose {
		for _, d := range sc.Differences {
			fmt.Fprintf(stdout, "\n== %s\n", d)
		}
	}
	name := strings.TrimSuffix(filepath.Base(files[0]), filepath.Ext(files[0]))
	fmt.Fprintf(stdout, "%s: %s\n", name, sc)
	if sc.Text < minText || sc.State < minState {
		return 1
	}
	return 0
}

func loadTranscript(path string) (*scenario.RefTranscript, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := scenario.LoadTranscript(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return t, nil
}

// reruns are the other real runs stored beside a reference: NAME.rerun*.json.
func reruns(ref string) []string {
	dir := filepath.Dir(ref)
	stem := strings.TrimSuffix(filepath.Base(ref), filepath.Ext(ref))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, stem+".rerun") && strings.HasSuffix(n, ".json") {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Strings(out)
	return out
}
