package shell

import (
	"strconv"
	"strings"
	"testing"

	"rolloutlab/engine/budget"
)

// kubectlEcho stands in for kubectl: it prints its arguments, or n copies of a line for
// `kubectl lines N`, and counts its calls.
type kubectlEcho struct{ calls int }

func (k *kubectlEcho) exec(args []string) Output {
	k.calls++
	if len(args) == 2 && args[0] == "lines" {
		n, _ := strconv.Atoi(args[1])
		return Output{Stdout: strings.Repeat("pod-line\n", max(n, 0))}
	}
	if len(args) == 1 && args[0] == "fail" {
		return Output{Stderr: "error: the server doesn't have a resource type \"x\"\n", Exit: 1}
	}
	return Output{Stdout: strings.Join(args, " ") + "\n"}
}

func run(line string, b budget.Budget) (Output, int) {
	k := &kubectlEcho{}
	return Run(line, k.exec, b), k.calls
}

// Issue 11: a share link's one line must not run the page out of memory or time. Each limit
// refuses the whole line before anything runs, with one bash-shaped message.
func TestBudgetRefusesTheLine(t *testing.T) {
	d := budget.Default
	for _, tc := range []struct {
		name, line, stderr string
	}{
		{"16,000 pipes (the share link of issue 11)", "echo a" + strings.Repeat(" | x", 16000), "bash: more than 64 commands in one line\n"},
		{"65 commands in a list", strings.TrimSuffix(strings.Repeat("kubectl get pods; ", 65), "; "), "bash: more than 64 commands in one line\n"},
		{"commands inside $( ) count", "echo" + strings.Repeat(" $(kubectl a | cat)", 22), "bash: more than 64 commands in one line\n"},
		{"$( ) 17 deep", strings.Repeat("echo $(", 17) + "kubectl x" + strings.Repeat(")", 17), "bash: $( ) nested deeper than 16 levels\n"},
		{"a line over 64 KiB", "kubectl get pods -l app=" + strings.Repeat("a", 64<<10), "bash: command longer than 64 KiB\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, calls := run(tc.line, d)
			if out.Stderr != tc.stderr || out.Exit != 2 || out.Stdout != "" {
				t.Fatalf("got stdout %q, stderr %q, exit %d; want only %q, exit 2", out.Stdout, out.Stderr, out.Exit, tc.stderr)
			}
			if calls != 0 && !strings.Contains(tc.name, "$( )") {
				t.Fatalf("a refused line ran %d commands", calls)
			}
		})
	}
}

// Lines at the limits still run: the budget only refuses what goes over.
func TestBudgetAtTheLimits(t *testing.T) {
	for _, line := range []string{
		"echo a" + strings.Repeat(" | cat", 63),
		strings.Repeat("echo $(", 16) + "kubectl x" + strings.Repeat(")", 16),
	} {
		out, _ := run(line, budget.Budget{})
		if out.Exit != 0 || out.Stderr != "" {
			t.Fatalf("%.40q…: exit %d, stderr %q", line, out.Exit, out.Stderr)
		}
	}
}

// Output over the budget is cut at the limit and a notice follows on stderr, whichever
// command or filter produced it; a filter that multiplies its input cannot grow past it.
func TestOutputIsCutAtTheBudget(t *testing.T) {
	b := budget.Budget{Output: 1000}
	for _, line := range []string{
		"kubectl lines 200",
		"kubectl lines 60; kubectl lines 60",
		"kubectl lines 100 | awk '{print $1" + strings.Repeat(" $1", 50) + "}'",
		"kubectl lines 100 | cut -d- -f1,1,1,1,1,1,1,1,1,1,1,1",
		"echo $(kubectl lines 200) $(kubectl lines 200)",
	} {
		out, _ := run(line, b)
		if len(out.Stdout) > 1000 || len(out.Stdout) < 900 {
			t.Errorf("%s: %d bytes of output, want the first 1000", line, len(out.Stdout))
		}
		if !strings.HasSuffix(out.Stderr, "output truncated at 1000 bytes\n") {
			t.Errorf("%s: stderr %q lacks the notice", line, out.Stderr)
		}
	}
	if out, _ := run("kubectl lines 10", b); out.Stderr != "" || len(out.Stdout) != 90 {
		t.Errorf("output under the budget is untouched: %q %q", out.Stdout, out.Stderr)
	}
}

// bash shows what a substituted command prints on stderr: it goes to the terminal.
func TestSubstitutionStderrReachesTheTerminal(t *testing.T) {
	out, _ := run("echo x $(kubectl fail)", budget.Budget{})
	if out.Stdout != "x\n" || out.Stderr != "error: the server doesn't have a resource type \"x\"\n" {
		t.Fatalf("got %q / %q", out.Stdout, out.Stderr)
	}
}

// grep as GNU grep 3.x prints for the same input (checked with `printf … | grep …`).
func TestGrepLikeGNU(t *testing.T) {
	const in = "a1\nb2\nc3\nd4\ne5\nf6\ng7\nb8\n"
	for _, tc := range []struct {
		args, stdout, stderr string
		exit                 int
	}{
		{"b -A1", "b2\nc3\n--\nb8\n", "", 0},
		{"b -A 2", "b2\nc3\nd4\n--\nb8\n", "", 0},
		{"-B1 b", "a1\nb2\n--\ng7\nb8\n", "", 0},
		{"-C1 d", "c3\nd4\ne5\n", "", 0},
		{"-1 '[cd]'", "b2\nc3\nd4\ne5\n", "", 0},
		{"--context=5 d", "a1\nb2\nc3\nd4\ne5\nf6\ng7\nb8\n", "", 0},
		{"-A1 -e a -e e", "a1\nb2\n--\ne5\nf6\n", "", 0},
		{"-n -A1 '^c'", "3:c3\n4-d4\n", "", 0},
		{"-q b", "", "", 0},
		{"-m1 -A1 b", "b2\nc3\n", "", 0},
		{"-c -m 1 b", "1\n", "", 0},
		{"-m 0 b", "", "", 1},
		{"-m x b", "", "grep: invalid max count\n", 2},
		{"-x 'b'", "", "", 1},
		{"-x 'b.'", "b2\nb8\n", "", 0},
		{"-o b", "", "grep: option -o is not supported here\n", 2},
		{"b -v", "a1\nc3\nd4\ne5\nf6\ng7\n", "", 0},
		{"-c b -A3", "2\n", "", 0},
		{"'b2\\|c3'", "b2\nc3\n", "", 0},  // BRE alternation
		{"-E 'b2|c3'", "b2\nc3\n", "", 0}, // ERE alternation
		{"'b+'", "", "", 1},               // + is literal in a BRE
		{"'[[:alpha:]]8'", "b8\n", "", 0}, // POSIX classes
		{"-F '[b'", "", "", 1},            // fixed strings
		{"-w b", "", "", 1},               // b alone is no word here
		{"'\\(b\\)\\1'", "", "grep: back-references (\\1 … \\9) are not supported here\n", 2},
		{"-E '(b)\\1'", "", "grep: back-references (\\1 … \\9) are not supported here\n", 2},
		{"-A x b", "", "grep: x: invalid context length argument\n", 2},
		{"-A", "", "grep: option requires an argument -- 'A'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2},
		{"-j b", "", "grep: invalid option -- 'j'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2},
		{"b file.txt", "", "grep: file.txt: No such file or directory\n", 2},
		{"'\\(b'", "", "grep: Unmatched ( or \\(\n", 2},
		{"'[b'", "", "grep: Unmatched [, [^, [:, [., or [=\n", 2},
	} {
		got := Run("kubectl lines | grep "+tc.args, func([]string) Output { return Output{Stdout: in} }, budget.Budget{})
		if got.Stdout != tc.stdout || got.Stderr != tc.stderr || got.Exit != tc.exit {
			t.Errorf("grep %s: got %q %q exit %d, want %q %q exit %d", tc.args, got.Stdout, got.Stderr, got.Exit, tc.stdout, tc.stderr, tc.exit)
		}
	}
}

// wc on standard input, as GNU coreutils prints it: one count bare, several in columns.
func TestWcLikeGNU(t *testing.T) {
	const in = "nginx-1 Running\nnginx-2 Pending\n"
	for _, tc := range []struct{ args, stdout string }{
		{"", "      2       4      32\n"},
		{"-l", "2\n"},
		{"-c", "32\n"},
		{"-w", "4\n"},
		{"-lc", "      2      32\n"},
	} {
		got := Run("kubectl x | wc "+tc.args, func([]string) Output { return Output{Stdout: in} }, budget.Budget{})
		if got.Stdout != tc.stdout || got.Exit != 0 {
			t.Errorf("wc %s: got %q %q, want %q", tc.args, got.Stdout, got.Stderr, tc.stdout)
		}
	}
}

// Whatever line is typed, the shell answers without a panic (a panic in wasm kills the
// page), within the output budget plus its one-line notices, and runs at most the budget's
// commands.
func FuzzRun(f *testing.F) {
	for _, s := range []string{
		"kubectl get pods | grep -v Running | wc -l", "echo $(kubectl lines 3) | cut -d- -f1", "a | b && c || d; e",
		"kubectl lines 30 | grep -C2 -n pod | sort -r | uniq | head -3 | tail -n +1 | awk '{print $1}'",
		"grep '\\(a\\)\\1'", "echo \"$(echo $(echo x))\"", "kubectl x 'unterminated", "echo a | grep -E '(a|b'",
		"kubectl lines 99 | wc -lwc", "$(", "echo $(kubectl fail) && kubectl fail || echo ok",
	} {
		f.Add(s)
	}
	b := budget.Budget{Output: 4096, Commands: 16, Depth: 4}
	f.Fuzz(func(t *testing.T, line string) {
		k := &kubectlEcho{}
		exec := func(args []string) Output {
			if len(args) == 2 && args[0] == "lines" && len(args[1]) > 4 {
				args = args[:1] // at most 9,999 lines
			}
			return k.exec(args)
		}
		out := Run(line, exec, b)
		notices := len("output truncated at 4096 bytes\n") + 64
		if len(out.Stdout) > b.Output || len(out.Stderr) > b.Output+notices {
			t.Fatalf("%d bytes of stdout, %d of stderr, over the budget of %d", len(out.Stdout), len(out.Stderr), b.Output)
		}
		if k.calls > b.Commands {
			t.Fatalf("%d commands ran, over the budget of %d", k.calls, b.Commands)
		}
	})
}
