// Package scenario reads the scenario script format of the conformance suite and runs a script
// against a fresh simulated cluster, producing the same transcript (JSON or Markdown) that was
// recorded on a real control plane.
package scenario

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
			s, err := strconv.ParseFloat(strings.TrimSpace(l[6:]), 64)
			if err != nil || s < 0 {
				return nil, fmt.Errorf("line %d: sleep needs seconds: %q", n, l)
			}
			steps = append(steps, Step{Line: n, Kind: "sleep", Command: l, Seconds: s})
		case strings.HasPrefix(l, "wait-rollout "):
			f := strings.Fields(l)
			if len(f) != 3 {
				return nil, fmt.Errorf("line %d: wait-rollout NAME SECS", n)
			}
			s, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				return nil, fmt.Errorf("line %d: wait-rollout needs seconds: %q", n, f[2])
			}
			steps = append(steps, Step{Line: n, Kind: "wait-rollout", Command: l, Name: f[1], Seconds: s})
		case strings.HasPrefix(l, "note "):
			steps = append(steps, Step{Line: n, Kind: "note", Command: l, Note: strings.TrimSpace(l[5:])})
		case strings.HasPrefix(l, "file "):
			rest := strings.TrimSpace(l[5:])
			if name, word, ok := strings.Cut(rest, "<<"); ok {
				name, word = strings.TrimSpace(name), strings.TrimSpace(word)
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
			data, err := os.ReadFile(filepath.Join(dir, "files", rest))
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
