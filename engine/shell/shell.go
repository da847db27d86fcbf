// Package shell is the tiny shell around kubectl that learners' pasted commands need: quotes,
// comments, `;`, `&&`, `||`, pipes into grep, head, tail, sort, uniq, wc and awk '{print $N}',
// and $( … ) around another command. Nothing else runs.
package shell

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Output is what a command printed and its exit code.
type Output struct {
	Stdout, Stderr string
	Exit           int
}

// Exec runs one kubectl command (args without "kubectl") to completion.
type Exec func(args []string) Output

// Run executes a command line.
func Run(line string, exec Exec) Output {
	toks, err := tokenize(line, exec)
	if err != nil {
		return Output{Stderr: "bash: " + err.Error() + "\n", Exit: 2}
	}
	var out Output
	var pipeline [][]string
	var cur []string
	last := Output{}
	op := ""
	flush := func() {
		if cur != nil || len(pipeline) > 0 {
			pipeline = append(pipeline, cur)
		}
		if len(pipeline) == 0 {
			return
		}
		run := op == "" || op == ";" || (op == "&&" && last.Exit == 0) || (op == "||" && last.Exit != 0)
		if run {
			last = runPipeline(pipeline, exec)
			out.Stdout += last.Stdout
			out.Stderr += last.Stderr
			out.Exit = last.Exit
		}
		pipeline, cur = nil, nil
	}
	for _, t := range toks {
		switch {
		case t.op == "|":
			if cur == nil {
				return Output{Stderr: "bash: syntax error near unexpected token `|'\n", Exit: 2}
			}
			pipeline = append(pipeline, cur)
			cur = nil
		case t.op != "":
			if cur == nil && len(pipeline) == 0 && op != "" {
				return Output{Stderr: fmt.Sprintf("bash: syntax error near unexpected token `%s'\n", t.op), Exit: 2}
			}
			if cur == nil && len(pipeline) > 0 {
				return Output{Stderr: fmt.Sprintf("bash: syntax error near unexpected token `%s'\n", t.op), Exit: 2}
			}
			flush()
			op = t.op
		default:
			cur = append(cur, t.word)
		}
	}
	if cur == nil && len(pipeline) > 0 {
		return Output{Stderr: "bash: syntax error: unexpected end of file\n", Exit: 2}
	}
	flush()
	return out
}

type token struct {
	word string
	op   string
}

// tokenize splits a line into words and operators, expanding quotes and $( … ).
func tokenize(line string, exec Exec) ([]token, error) {
	var toks []token
	var word strings.Builder
	inWord := false
	endWord := func() {
		if inWord {
			toks = append(toks, token{word: word.String()})
			word.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			endWord()
		case c == '#' && !inWord:
			i = len(line)
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unexpected EOF while looking for matching `''")
			}
			word.WriteString(line[i+1 : i+1+j])
			inWord = true
			i += j + 1
		case c == '"':
			j := i + 1
			for ; j < len(line) && line[j] != '"'; j++ {
				if line[j] == '\\' && j+1 < len(line) {
					j++
					word.WriteByte(line[j])
					continue
				}
				if line[j] == '$' && j+1 < len(line) && line[j+1] == '(' {
					end, err := matchParen(line, j+1)
					if err != nil {
						return nil, err
					}
					word.WriteString(substitute(line[j+2:end], exec))
					j = end
					continue
				}
				word.WriteByte(line[j])
			}
			if j >= len(line) {
				return nil, fmt.Errorf("unexpected EOF while looking for matching `\"'")
			}
			inWord = true
			i = j
		case c == '\\' && i+1 < len(line):
			i++
			word.WriteByte(line[i])
			inWord = true
		case c == '$' && i+1 < len(line) && line[i+1] == '(':
			end, err := matchParen(line, i+1)
			if err != nil {
				return nil, err
			}
			// Unquoted substitution splits into words.
			for _, f := range strings.Fields(substitute(line[i+2:end], exec)) {
				endWord()
				toks = append(toks, token{word: f})
			}
			i = end
		case c == '|' || c == '&' || c == ';':
			endWord()
			op := string(c)
			if i+1 < len(line) && (c == '|' || c == '&') && line[i+1] == c {
				op += string(c)
				i++
			} else if c == '&' {
				return nil, fmt.Errorf("background jobs (&) are not supported here")
			}
			toks = append(toks, token{op: op})
		case c == '>' || c == '<':
			return nil, fmt.Errorf("redirections are not supported here")
		default:
			word.WriteByte(c)
			inWord = true
		}
	}
	endWord()
	return toks, nil
}

func matchParen(line string, open int) (int, error) {
	depth := 0
	for j := open; j < len(line); j++ {
		switch line[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j, nil
			}
		}
	}
	return 0, fmt.Errorf("unexpected EOF while looking for matching `)'")
}

func substitute(inner string, exec Exec) string {
	o := Run(inner, exec)
	return strings.TrimRight(o.Stdout, "\n")
}

func runPipeline(stages [][]string, exec Exec) Output {
	var out Output
	for i, args := range stages {
		if len(args) == 0 {
			continue
		}
		var o Output
		if i == 0 {
			o = command(args, exec)
			out.Stderr += o.Stderr
		} else {
			o = filter(args, out.Stdout)
			out.Stderr += o.Stderr
		}
		out.Stdout = o.Stdout
		out.Exit = o.Exit
	}
	return out
}

func command(args []string, exec Exec) Output {
	switch args[0] {
	case "kubectl", "k":
		return exec(args[1:])
	case "echo":
		return Output{Stdout: strings.Join(args[1:], " ") + "\n"}
	case "clear":
		return Output{}
	}
	return Output{Stderr: "bash: " + args[0] + ": command not found\n", Exit: 127}
}

// filter runs a text filter over in.
func filter(args []string, in string) Output {
	lines := strings.SplitAfter(in, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	join := func(ls []string) Output { return Output{Stdout: strings.Join(ls, "")} }
	switch args[0] {
	case "head", "tail":
		n, err := countArg(args[1:])
		if err != nil {
			return Output{Stderr: args[0] + ": " + err.Error() + "\n", Exit: 1}
		}
		if n > len(lines) {
			n = len(lines)
		}
		if args[0] == "head" {
			return join(lines[:n])
		}
		return join(lines[len(lines)-n:])
	case "grep":
		return grep(args[1:], lines)
	case "wc":
		if len(args) > 1 && args[1] == "-l" {
			return Output{Stdout: strconv.Itoa(len(lines)) + "\n"}
		}
		words := len(strings.Fields(in))
		return Output{Stdout: fmt.Sprintf("%7d %7d %7d\n", len(lines), words, len(in))}
	case "sort":
		s := append([]string(nil), lines...)
		sort.Strings(s)
		if len(args) > 1 && args[1] == "-r" {
			for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
				s[i], s[j] = s[j], s[i]
			}
		}
		return join(s)
	case "uniq":
		var s []string
		for i, l := range lines {
			if i == 0 || l != lines[i-1] {
				s = append(s, l)
			}
		}
		return join(s)
	case "cat":
		return Output{Stdout: in}
	case "awk":
		return awk(args[1:], lines)
	case "cut":
		return cut(args[1:], lines)
	}
	return Output{Stderr: "bash: " + args[0] + ": command not found\n", Exit: 127}
}

func countArg(args []string) (int, error) {
	n := 10
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-n" && i+1 < len(args):
			i++
			a = args[i]
		case strings.HasPrefix(a, "-n"):
			a = a[2:]
		case strings.HasPrefix(a, "-"):
			a = a[1:]
		}
		v, err := strconv.Atoi(strings.TrimPrefix(a, "+"))
		if err != nil || v < 0 {
			return 0, fmt.Errorf("invalid number of lines: ‘%s’", a)
		}
		n = v
	}
	return n, nil
}

func grep(args []string, lines []string) Output {
	invert, ignoreCase, count := false, false, false
	var pattern *string
	for _, a := range args {
		if strings.HasPrefix(a, "-") && len(a) > 1 && pattern == nil {
			for _, f := range a[1:] {
				switch f {
				case 'v':
					invert = true
				case 'i':
					ignoreCase = true
				case 'c':
					count = true
				case 'E', 'e', 'w':
				default:
					return Output{Stderr: fmt.Sprintf("grep: invalid option -- '%c'\n", f), Exit: 2}
				}
			}
			continue
		}
		p := a
		pattern = &p
	}
	if pattern == nil {
		return Output{Stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\n", Exit: 2}
	}
	expr := *pattern
	if ignoreCase {
		expr = "(?i)" + expr
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		re, err = regexp.Compile(regexp.QuoteMeta(*pattern))
	}
	match := func(l string) bool { return re.MatchString(l) }
	if err != nil { // not UTF-8, which a regexp cannot hold: the bytes as they are
		match = func(l string) bool { return strings.Contains(l, *pattern) }
	}
	var out []string
	for _, l := range lines {
		if match(strings.TrimSuffix(l, "\n")) != invert {
			out = append(out, l)
		}
	}
	exit := 0
	if len(out) == 0 {
		exit = 1
	}
	if count {
		return Output{Stdout: strconv.Itoa(len(out)) + "\n", Exit: exit}
	}
	return Output{Stdout: strings.Join(out, ""), Exit: exit}
}

// cut supports -d DELIM -f N[,M] (and the -dX -fN spellings).
func cut(args []string, lines []string) Output {
	delim, fields := "\t", ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-d" && i+1 < len(args):
			i++
			delim = args[i]
		case strings.HasPrefix(a, "-d"):
			delim = a[2:]
		case a == "-f" && i+1 < len(args):
			i++
			fields = args[i]
		case strings.HasPrefix(a, "-f"):
			fields = a[2:]
		default:
			return Output{Stderr: "cut: only -d DELIM -f LIST is supported here\n", Exit: 1}
		}
	}
	if fields == "" || len(delim) != 1 {
		return Output{Stderr: "cut: you must specify a list of bytes, characters, or fields\n", Exit: 1}
	}
	var idx []int
	for _, f := range strings.Split(fields, ",") {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return Output{Stderr: "cut: invalid field value ‘" + f + "’\n", Exit: 1}
		}
		idx = append(idx, n)
	}
	var b strings.Builder
	for _, l := range lines {
		parts := strings.Split(strings.TrimSuffix(l, "\n"), delim)
		if len(parts) == 1 {
			b.WriteString(l)
			continue
		}
		var out []string
		for _, n := range idx {
			if n <= len(parts) {
				out = append(out, parts[n-1])
			}
		}
		b.WriteString(strings.Join(out, delim) + "\n")
	}
	return Output{Stdout: b.String()}
}

var awkPrint = regexp.MustCompile(`^\{\s*print\s+(\$\d+(\s*,?\s*\$\d+)*)\s*\}$`)

func awk(args []string, lines []string) Output {
	if len(args) != 1 || !awkPrint.MatchString(args[0]) {
		return Output{Stderr: "awk: only '{print $N}' is supported here\n", Exit: 2}
	}
	fields := regexp.MustCompile(`\$(\d+)`).FindAllStringSubmatch(args[0], -1)
	var b strings.Builder
	for _, l := range lines {
		f := strings.Fields(l)
		var parts []string
		for _, m := range fields {
			n, _ := strconv.Atoi(m[1])
			switch {
			case n == 0:
				parts = append(parts, strings.TrimSuffix(l, "\n"))
			case n <= len(f):
				parts = append(parts, f[n-1])
			default:
				parts = append(parts, "")
			}
		}
		b.WriteString(strings.Join(parts, " ") + "\n")
	}
	return Output{Stdout: b.String()}
}

// Simple reports whether line is one plain kubectl command (no pipes, lists or substitutions)
// and returns its words, so that a caller can stream it (rollout status, get --watch).
func Simple(line string) ([]string, bool) {
	if strings.ContainsAny(line, "|;&$`") {
		return nil, false
	}
	toks, err := tokenize(line, nil)
	if err != nil || len(toks) == 0 {
		return nil, false
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		if t.op != "" {
			return nil, false
		}
		words[i] = t.word
	}
	if words[0] != "kubectl" && words[0] != "k" {
		return nil, false
	}
	return words[1:], true
}
