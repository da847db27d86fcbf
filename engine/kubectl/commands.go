package kubectl

import (
	"fmt"
	"strings"
)

// realCommands are kubectl 1.37's commands in the order `kubectl --help` groups them (kubectl
// turns cobra's sorting off), which is the order cobra lists "Did you mean this?" suggestions.
var realCommands = []string{
	"create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale",
	"autoscale", "certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint",
	"describe", "logs", "attach", "exec", "port-forward", "proxy", "cp", "auth", "debug", "events",
	"diff", "apply", "patch", "replace", "wait", "kustomize", "label", "annotate", "completion",
	"alpha", "api-resources", "api-versions", "config", "plugin", "version", "options",
}

func realCommand(name string) bool {
	for _, c := range realCommands {
		if c == name {
			return true
		}
	}
	return false
}

// suggestions is cobra's "Did you mean this?" list: commands within a Levenshtein distance of 2
// (ignoring case) or starting with what was typed.
func suggestions(typed string) []string {
	var out []string
	lower := strings.ToLower(typed)
	for _, name := range realCommands {
		if levenshtein(lower, name) <= 2 || strings.HasPrefix(name, lower) {
			out = append(out, name)
		}
	}
	return out
}

func levenshtein(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		// Far longer than any command name: no suggestion, and no quadratic work on 100 KB words.
		if len(a) > len(b) {
			return len(a) - len(b)
		}
		return len(b) - len(a)
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// splitGlobalFlags separates the flags written before the command (`kubectl -n web get pods`)
// from the command word and its arguments. The flags are handed to the command, which parses
// them with its own; `-h`/`--help` before any command asks for the root help.
func splitGlobalFlags(args []string) (flags []string, cmd string, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "-h" || a == "--help" {
			return nil, "", nil, nil
		}
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			if a == "--" {
				i++
			}
			if i >= len(args) {
				break
			}
			return flags, args[i], args[i+1:], nil
		}
		flags = append(flags, a)
		// A global flag that takes a value may have it as the next word.
		if d := globalFlagFor(a); d != nil && d.kind != boolFlag && !strings.Contains(a, "=") && !(len(a) > 2 && a[1] != '-') {
			if i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	if len(flags) == 0 {
		return nil, "", nil, nil
	}
	// Only flags: the root command parses them.
	if _, perr := parseFlags(flags, globalFlags); perr != nil {
		return nil, "", nil, perr
	}
	return nil, "", nil, nil
}

func globalFlagFor(a string) *flagDef {
	name := strings.TrimLeft(a, "-")
	name, _, _ = strings.Cut(name, "=")
	for _, d := range globalFlags {
		if strings.HasPrefix(a, "--") && d.long == name || !strings.HasPrefix(a, "--") && d.short != "" && d.short == name {
			return d
		}
	}
	return nil
}

// IsEdit reports whether a kubectl command line (without the leading "kubectl") is
// `kubectl edit …`: the playground opens its editor for it (EditBegin/EditSave) instead of Run.
func IsEdit(args []string) bool {
	_, cmd, _, err := splitGlobalFlags(args)
	return err == nil && cmd == "edit"
}

func init() {
	register(&command{name: "options", path: "options", help: optionsHelp, run: func(k *Kubectl, c *command, args []string, res *Result) {
		if _, ok := c.parse(args, res); ok {
			res.Stdout.WriteString(optionsHelp)
		}
	}})
}

// subcommandUsage is what a command made only of subcommands prints when run without a valid
// one: its help on standard error and exit 1, or cobra's error for an unknown subcommand.
func subcommandUsage(res *Result, path, help string, args []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		res.Stderr.WriteString(fmt.Sprintf("error: unknown command %q\nSee 'kubectl %s -h' for help and examples\n", strings.Join(args, " "), path))
		res.Exit = 1
		return
	}
	for _, a := range args {
		if a == "-h" || a == "--help" {
			res.Stdout.WriteString(help)
			return
		}
	}
	if len(args) > 0 {
		if _, err := parseFlags(args, globalFlags); err != nil {
			res.Stderr.WriteString("error: " + err.Error() + "\nSee 'kubectl " + path + " --help' for usage.\n")
			res.Exit = 1
			return
		}
	}
	res.Stderr.WriteString(help)
	res.Exit = 1
}
