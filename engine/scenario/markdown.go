package scenario

import (
	"fmt"
	"strings"
)

// Markdown renders the transcript as the conformance suite's .md files do.
func (t *Transcript) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Scenario `%s`\n\nRun on the Rollout Lab simulator (%s; node side: %s).\n\n", t.Scenario, t.Versions["kubernetes"], t.Versions["kubelet"])
	block := func(label, text string) {
		if text == "" {
			fmt.Fprintf(&b, "%s:\n(empty)\n\n", label)
			return
		}
		fmt.Fprintf(&b, "%s:\n```\n%s", label, text)
		if !strings.HasSuffix(text, "\n") {
			b.WriteString("\n")
		}
		b.WriteString("```\n\n")
	}
	for _, s := range t.Steps {
		switch s.Kind {
		case "note":
			fmt.Fprintf(&b, "> %s\n\n", s.Result)
		case "file":
			fmt.Fprintf(&b, "## %d. file `%s`\n\n```yaml\n%s```\n\n", s.Line, s.File, s.Content)
		case "kubectl":
			fmt.Fprintf(&b, "## %d. `$ %s`\n\nexit code: %d\n\n", s.Line, s.Command, *s.ExitCode)
			block("stdout", *s.Stdout)
			block("stderr", *s.Stderr)
		case "wait-rollout":
			fmt.Fprintf(&b, "## %d. `%s`\n\n%s\n\n", s.Line, s.Command, s.Result)
		default:
			fmt.Fprintf(&b, "## %d. `%s`\n\n", s.Line, s.Command)
		}
	}
	b.WriteString("## Final event list (namespace default, oldest first)\n\n```\nTYPE\tREASON\tOBJECT\tSOURCE\tCOUNT\tMESSAGE\n")
	for _, e := range t.FinalEvents {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%d\t%s\n", e.Type, e.Reason, e.Object, e.Source, e.Count, e.Message)
	}
	b.WriteString("```\n")
	return b.String()
}
