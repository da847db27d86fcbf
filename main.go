//go:build !js

// Command rolloutlab is Rollout Lab's command line: it runs conformance scenarios against the
// simulator (`rolloutlab run [--json] SCENARIO`). In the browser the same module builds the
// playground UI (main_js.go).
package main

import (
	"os"

	"rolloutlab/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
