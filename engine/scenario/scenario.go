// Package scenario reads the scenario script format of the conformance suite and runs a script
// against a fresh simulated cluster, producing the same transcript (JSON or Markdown) that was
// recorded on a real control plane.
package scenario

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"rolloutlab/engine"
)

// Step is one line (or heredoc block) of a script.
type Step struct {
	Line    int    // 1-based line number of the step in the script
	Kind    string // file, kubectl, sleep, wait-rollout, note
	Command string // the text after "$ " for kubectl steps, else the whole line
	// file steps
	File    string
	Content string
	// sleep / wait-rollout
	Seconds float64
	Name    string
	Note    string
}

// Parse reads a script. dir is the scenario's folder (for `file NAME` copies from files/).
func Parse(text, dir string) ([]Step, error) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var steps []Step
	for i := 0; i < len(lines); i++ {
		raw := lines[i]
		l := strings.TrimSpace(raw)
		n := i + 1
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
			continue
		case strings.HasPrefix(l, "$ "):
			steps = append(steps, Step{Line: n, Kind: "kubectl", Command: strings.TrimSpace(l[2:])})
		case strings.HasPrefix(l, "sleep "):
			s, err := parseSeconds(strings.TrimSpace(l[6:]))
			if err != nil {
				return nil, fmt.Errorf("line %d: sleep %v: %q", n, err, l)
			}
			steps = append(steps, Step{Line: n, Kind: "sleep", Command: l, Seconds: s})
		case strings.HasPrefix(l, "wait-rollout "):
			f := strings.Fields(l)
			if len(f) != 3 {
				return nil, fmt.Errorf("line %d: wait-rollout NAME SECS", n)
			}
			s, err := parseSeconds(f[2])
			if err != nil {
				return nil, fmt.Errorf("line %d: wait-rollout %v: %q", n, err, f[2])
			}
			steps = append(steps, Step{Line: n, Kind: "wait-rollout", Command: l, Name: f[1], Seconds: s})
		case strings.HasPrefix(l, "note "):
			steps = append(steps, Step{Line: n, Kind: "note", Command: l, Note: strings.TrimSpace(l[5:])})
		case strings.HasPrefix(l, "file "):
			rest := strings.TrimSpace(l[5:])
			if name, word, ok := strings.Cut(rest, "<<"); ok {
				name, word = strings.TrimSpace(name), strings.TrimSpace(word)
				if err := localName(name); err != nil {
					return nil, fmt.Errorf("line %d: %v", n, err)
				}
				var body []string
				j := i + 1
				for ; j < len(lines) && strings.TrimSpace(lines[j]) != word; j++ {
					body = append(body, lines[j])
				}
				if j >= len(lines) {
					return nil, fmt.Errorf("line %d: heredoc %q is not closed", n, word)
				}
				steps = append(steps, Step{Line: n, Kind: "file", Command: l, File: name, Content: strings.Join(body, "\n") + "\n"})
				i = j
				continue
			}
			if err := localName(rest); err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
			data, err := readScenarioFile(dir, rest)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n, err)
			}
			steps = append(steps, Step{Line: n, Kind: "file", Command: l, File: rest, Content: string(data)})
		default:
			return nil, fmt.Errorf("line %d: unknown step %q", n, l)
		}
	}
	return steps, nil
}

// maxSeconds is the longest sleep or wait a step may ask for: the longest clock advance a
// saved session may hold.
var maxSeconds = engine.MaxAdvance.Seconds()

// parseSeconds reads a step's seconds: a finite number from 0 to maxSeconds (NaN, inf and
// 1e300 are errors, not sleeps that do nothing or forever).
func parseSeconds(text string) (float64, error) {
	s, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(s) || s < 0 || s > maxSeconds {
		return 0, fmt.Errorf("needs seconds from 0 to %g", maxSeconds)
	}
	return s, nil
}

// localName refuses a file name that would leave the scenario's folder (`file ../../x`, an
// absolute path): a scenario copies from its own files/ and, on a real cluster, writes into
// its own working folder.
func localName(name string) error {
	if !filepath.IsLocal(name) {
		return fmt.Errorf("file %q: the name must stay inside the scenario's files/ folder", name)
	}
	return nil
}

// readScenarioFile reads name from dir/files, through an os.Root so that a symbolic link
// cannot lead outside it either.
func readScenarioFile(dir, name string) ([]byte, error) {
	root, err := os.OpenRoot(filepath.Join(dir, "files"))
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return root.ReadFile(name)
}
