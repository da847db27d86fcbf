// Package cli is the native command line: run scenarios, write the static site, serve it.
package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"rolloutlab/engine/scenario"
)

const usage = `Usage:
  rolloutlab run [--json] [--seed N] SCENARIO   run a scenario script on the simulator and print its transcript
  rolloutlab run --cluster [--json] SCENARIO    run it on a real cluster instead (kubectl on PATH, current context,
                                                in a fresh namespace that is deleted afterwards)
  rolloutlab compare REFERENCE.json CANDIDATE.json [-v] [--min-text P] [--min-state P]
                                                score a transcript against a reference, as compare.py does
  rolloutlab static [--out DIR] [--version V] [--web DIR] [--wasm FILE] [--public-url URL]
                    [--compress fast|best] [--zip FILE.zip [--embed-doc docs/EMBED.md]]
                                                write the playground as a static site that works in any folder
                                                (needs web/app.wasm: make build); best: the smallest
                                                app.wasm.br, for publishing (about a minute); --zip: also
                                                pack it with the embedding guide, for a release (make dist)
  rolloutlab check [--cluster] FILE|DIR...      play each lesson's solutions and evaluate its checks, on the simulator
                                                or (--cluster) on a real cluster as run --cluster does
  rolloutlab grade [--csv|--json] [--lessons DIR] FILE...
                                                grade learners' submissions by replaying them
  rolloutlab serve [--dir DIR] [--addr HOST:PORT] [--prefix PATH]
                                                serve the built site (make static) locally, under /PATH/
`

// Main runs the command line and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "run":
		return run(args[1:], stdout, stderr)
	case "static":
		return static(args[1:], stdout, stderr)
	case "serve":
		return serve(args[1:], stdout, stderr)
	case "compare":
		return compare(args[1:], stdout, stderr)
	case "check":
		return check(args[1:], stdout, stderr)
	case "grade":
		return grade(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "rolloutlab: unknown command %q\n%s", args[0], usage)
	return 2
}

func run(args []string, stdout, stderr io.Writer) int {
	asJSON, onCluster := false, false
	seed := uint64(1)
	var path string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--json":
			asJSON = true
		case a == "--cluster":
			onCluster = true
		case a == "--seed" && i+1 < len(args):
			i++
			if _, err := fmt.Sscan(args[i], &seed); err != nil {
				fmt.Fprintf(stderr, "rolloutlab: --seed needs a number\n")
				return 2
			}
		case strings.HasPrefix(a, "-"):
			fmt.Fprintf(stderr, "rolloutlab: unknown flag %s\n%s", a, usage)
			return 2
		default:
			path = a
		}
	}
	if path == "" {
		fmt.Fprint(stderr, usage)
		return 2
	}
	text, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "rolloutlab: %v\n", err)
		return 1
	}
	steps, err := scenario.Parse(string(text), filepath.Dir(path))
	if err != nil {
		fmt.Fprintf(stderr, "rolloutlab: %s: %v\n", path, err)
		return 1
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var tr *scenario.Transcript
	if onCluster {
		if tr, err = runOnCluster(name, steps, stderr); err != nil {
			fmt.Fprintf(stderr, "rolloutlab: %v\n", err)
			return 1
		}
	} else {
		tr = scenario.Run(name, steps, seed)
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", " ")
		if err := enc.Encode(tr); err != nil {
			fmt.Fprintf(stderr, "rolloutlab: %v\n", err)
			return 1
		}
		return 0
	}
	fmt.Fprint(stdout, tr.Markdown())
	return 0
}
