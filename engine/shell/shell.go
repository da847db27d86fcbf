// Package shell is the tiny shell around kubectl that learners' pasted commands need: quotes,
// comments, `;`, `&&`, `||`, pipes into grep, head, tail, sort, uniq, wc and awk '{print $N}',
// and $( … ) around another command. Nothing else runs.
package shell

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"rolloutlab/engine/budget"
)

// Output is what a command printed and its exit code.
type Output struct {
	Stdout, Stderr string
	Exit           int
}

// Exec runs one kubectl command (args without "kubectl") to completion.
type Exec func(args []string) Output

// Run executes a command line within b's limits (zero fields take budget.Default's). A line
// over a limit runs nothing and says which limit, as bash reports its own errors; output over
// b.Output is cut, with a notice on stderr.
func Run(line string, exec Exec, b budget.Budget) Output {
	b = b.Or()
	if len(line) > b.Line {
		return Output{Stderr: "bash: " + b.LineText() + "\n", Exit: 2}
	}
	r := &runner{exec: exec, b: b}
	out, err := r.run(line)
	if err != nil {
		return Output{Stderr: "bash: " + err.Error() + "\n", Exit: 2}
	}
	if r.cut {
		out.Stderr += b.OutputText() + "\n"
	}
	return out
}

// runner runs one command line and what it substitutes, sharing the line's budget.
type runner struct {
	exec     Exec
	b        budget.Budget
	commands int     // commands counted so far, nested ones included
	depth    int     // $( … ) nesting
	subBytes int     // bytes substituted so far
	subErr   *capped // what substitutions of the line being tokenized printed on stderr
	cut      bool    // some output went over the budget
}

// limitError is a budget exceeded: the whole line stops, nested substitutions included.
type limitError string

func (e limitError) Error() string { return string(e) }

// capped collects output up to max bytes, cut at a character boundary.
type capped struct {
	b   strings.Builder
	max int
	cut *bool
}

func (c *capped) WriteString(s string) {
	if room := c.max - c.b.Len(); len(s) > room {
		s = budget.Cut(s, room)
		*c.cut = true
	}
	c.b.WriteString(s)
}

func (c *capped) String() string { return c.b.String() }

// full reports that nothing more will be kept.
func (c *capped) full() bool { return c.b.Len() >= c.max }

func (r *runner) capped() *capped { return &capped{max: r.b.Output, cut: &r.cut} }

// run executes a line: a list of pipelines joined by ;, && and ||.
func (r *runner) run(line string) (Output, error) {
	outer := r.subErr
	r.subErr = r.capped()
	toks, err := r.tokenize(line)
	subErr := r.subErr.String()
	r.subErr = outer
	if err != nil {
		if _, fatal := err.(limitError); fatal {
			return Output{}, err
		}
		return Output{Stderr: subErr + "bash: " + err.Error() + "\n", Exit: 2}, nil
	}
	word := false
	for _, t := range toks {
		if t.op == "" && !word {
			r.commands++
		}
		word = t.op == ""
	}
	if r.commands > r.b.Commands {
		return Output{}, limitError(r.b.CommandsText())
	}
	stdout, stderr := r.capped(), r.capped()
	stderr.WriteString(subErr)
	exit := 0
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
			last = r.pipeline(pipeline)
			stdout.WriteString(last.Stdout)
			stderr.WriteString(last.Stderr)
			exit = last.Exit
		}
		pipeline, cur = nil, nil
	}
	for _, t := range toks {
		switch {
		case t.op == "|":
			if cur == nil {
				return Output{Stderr: "bash: syntax error near unexpected token `|'\n", Exit: 2}, nil
			}
			pipeline = append(pipeline, cur)
			cur = nil
		case t.op != "":
			if cur == nil && (len(pipeline) > 0 || op != "") {
				return Output{Stderr: fmt.Sprintf("bash: syntax error near unexpected token `%s'\n", t.op), Exit: 2}, nil
			}
			flush()
			op = t.op
		default:
			cur = append(cur, t.word)
		}
	}
	if cur == nil && len(pipeline) > 0 {
		return Output{Stderr: "bash: syntax error: unexpected end of file\n", Exit: 2}, nil
	}
	flush()
	return Output{Stdout: stdout.String(), Stderr: stderr.String(), Exit: exit}, nil
}

type token struct {
	word string
	op   string
}

// tokenize splits a line into words and operators, expanding quotes and $( … ) (r nil: a
// substitution is an error).
func (r *runner) tokenize(line string) ([]token, error) {
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
					sub, err := r.substitute(line[j+2 : end])
					if err != nil {
						return nil, err
					}
					word.WriteString(sub)
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
			sub, err := r.substitute(line[i+2 : end])
			if err != nil {
				return nil, err
			}
			// Unquoted substitution splits into words.
			for _, f := range strings.Fields(sub) {
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

// matchParen finds the ")" closing the "(" at open. Its scan is as long as the substitution,
// and substitutions nest at most budget.Depth deep, so a line costs at most Depth passes.
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

// substitute runs $( inner ): its output without trailing newlines replaces it, and what it
// printed on stderr goes to the terminal, as in bash. Substituted text counts against the
// output budget, so that words cannot grow past it.
func (r *runner) substitute(inner string) (string, error) {
	if r == nil {
		return "", fmt.Errorf("command substitution is not supported here")
	}
	r.commands++
	if r.depth++; r.depth > r.b.Depth {
		return "", limitError(r.b.DepthText())
	}
	defer func() { r.depth-- }()
	o, err := r.run(inner)
	if err != nil {
		return "", err
	}
	r.subErr.WriteString(o.Stderr)
	sub := strings.TrimRight(o.Stdout, "\n")
	if room := r.b.Output - r.subBytes; len(sub) > room {
		sub, r.cut = budget.Cut(sub, room), true
	}
	r.subBytes += len(sub)
	return sub, nil
}

// pipeline runs stages, each filter reading what the stage before it printed.
func (r *runner) pipeline(stages [][]string) Output {
	stderr := r.capped()
	var out Output
	for i, args := range stages {
		if len(args) == 0 {
			continue
		}
		var o Output
		if i == 0 {
			o = command(args, r.exec)
		} else {
			o = filter(args, out.Stdout, r.capped())
		}
		stderr.WriteString(o.Stderr)
		out.Stdout = o.Stdout
		out.Exit = o.Exit
	}
	out.Stderr = stderr.String()
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

// filter runs a text filter over in; filters that can print more than they read write to w.
func filter(args []string, in string, w *capped) Output {
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
		return wc(args[1:], in)
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
		return awk(args[1:], lines, w)
	case "cut":
		return cut(args[1:], lines, w)
	}
	return Output{Stderr: "bash: " + args[0] + ": command not found\n", Exit: 127}
}

// wc counts newlines, words and bytes (-l, -w, -c; -m counts characters) as GNU wc does on
// standard input: one count bare, several in columns of seven.
func wc(args []string, in string) Output {
	var want []byte
	for _, a := range args {
		if len(a) < 2 || a[0] != '-' || strings.Trim(a[1:], "lwcm") != "" {
			if strings.HasPrefix(a, "-") {
				return Output{Stderr: "wc: only -l, -w, -c and -m are supported here\n", Exit: 1}
			}
			return Output{Stderr: "wc: " + a + ": No such file or directory\n", Exit: 1}
		}
		want = append(want, a[1:]...)
	}
	counts := map[byte]int{}
	show := func(f byte) bool { return len(want) == 0 && f != 'm' || strings.IndexByte(string(want), f) >= 0 }
	for _, f := range []byte("lwmc") {
		if show(f) {
			switch f {
			case 'l':
				counts[f] = strings.Count(in, "\n")
			case 'w':
				counts[f] = len(strings.Fields(in))
			case 'm':
				counts[f] = utf8.RuneCountInString(in)
			case 'c':
				counts[f] = len(in)
			}
		}
	}
	var cols []string
	for _, f := range []byte("lwmc") {
		if v, ok := counts[f]; ok {
			cols = append(cols, strconv.Itoa(v))
		}
	}
	if len(cols) == 1 {
		return Output{Stdout: cols[0] + "\n"}
	}
	for i, c := range cols {
		cols[i] = fmt.Sprintf("%7s", c)
	}
	return Output{Stdout: strings.Join(cols, " ") + "\n"}
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

// grepUsage ends each of grep's usage errors, as GNU grep prints them.
const grepUsage = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"

// grep is GNU grep reading standard input: options anywhere among the operands (-v -i -c -q
// -n -w -x -m NUM -E -F -e PATTERN, -A/-B/-C NUM with "--" between separate groups), and basic regular
// expressions unless -E, where \| \+ \? \( \) \{ \} are the operators and the bare
// characters are literal.
func grep(args []string, lines []string) Output {
	invert, ignoreCase, count, words, lineRE, extended, fixed, quiet, numbers := false, false, false, false, false, false, false, false, false
	after, before, maxCount := 0, 0, -1
	var patterns, operands []string
	usage := func(msg string) Output { return Output{Stderr: "grep: " + msg + "\n" + grepUsage, Exit: 2} }
	context := func(v string, n *int) error {
		c, err := strconv.Atoi(v)
		if err != nil || c < 0 {
			return fmt.Errorf("%s: invalid context length argument", v)
		}
		*n = c
		return nil
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			operands = append(operands, args[i+1:]...)
			break
		}
		if long, ok := strings.CutPrefix(a, "--"); ok {
			name, val, hasVal := strings.Cut(long, "=")
			var err error
			switch {
			case name == "invert-match":
				invert = true
			case name == "ignore-case":
				ignoreCase = true
			case name == "count":
				count = true
			case name == "quiet" || name == "silent":
				quiet = true
			case name == "line-number":
				numbers = true
			case name == "word-regexp":
				words = true
			case name == "extended-regexp":
				extended = true
			case name == "fixed-strings":
				fixed = true
			case hasVal && name == "regexp":
				patterns = append(patterns, val)
			case hasVal && name == "after-context":
				err = context(val, &after)
			case hasVal && name == "before-context":
				err = context(val, &before)
			case name == "line-regexp":
				lineRE = true
			case hasVal && name == "max-count":
				err = maxCountArg(val, &maxCount)
			case hasVal && name == "context":
				if err = context(val, &after); err == nil {
					before = after
				}
			default:
				return usage("unrecognized option '" + a + "'")
			}
			if err != nil {
				return Output{Stderr: "grep: " + err.Error() + "\n", Exit: 2}
			}
			continue
		}
		if len(a) < 2 || a[0] != '-' {
			operands = append(operands, a)
			continue
		}
		for j := 1; j < len(a); j++ {
			f := a[j]
			switch f {
			case 'v':
				invert = true
			case 'i':
				ignoreCase = true
			case 'c':
				count = true
			case 'q':
				quiet = true
			case 'n':
				numbers = true
			case 'w':
				words = true
			case 'E':
				extended = true
			case 'F':
				fixed = true
			case 'G':
				extended = false
			case 'x':
				lineRE = true
			case 'y': // the old spelling of -i
				ignoreCase = true
			case 'e', 'A', 'B', 'C', 'm':
				// The option's argument is the rest of this word, or the next word.
				val := a[j+1:]
				if val == "" {
					if i+1 >= len(args) {
						return usage(fmt.Sprintf("option requires an argument -- '%c'", f))
					}
					i++
					val = args[i]
				}
				j = len(a)
				var err error
				switch f {
				case 'e':
					patterns = append(patterns, val)
				case 'A':
					err = context(val, &after)
				case 'B':
					err = context(val, &before)
				case 'C':
					if err = context(val, &after); err == nil {
						before = after
					}
				case 'm':
					err = maxCountArg(val, &maxCount)
				}
				if err != nil {
					return Output{Stderr: "grep: " + err.Error() + "\n", Exit: 2}
				}
			default:
				if f >= '0' && f <= '9' { // -2 is -C 2
					n := j
					for j < len(a) && a[j] >= '0' && a[j] <= '9' {
						j++
					}
					after, _ = strconv.Atoi(a[n:j])
					before = after
					j--
					continue
				}
				if strings.IndexByte("PfoLlsbHhTZzaIdDrRU", f) >= 0 { // GNU grep's, not this shell's
					return Output{Stderr: fmt.Sprintf("grep: option -%c is not supported here\n", f), Exit: 2}
				}
				return usage(fmt.Sprintf("invalid option -- '%c'", f))
			}
		}
	}
	if patterns == nil {
		if len(operands) == 0 {
			return Output{Stderr: grepUsage, Exit: 2}
		}
		patterns, operands = operands[:1], operands[1:]
	}
	if len(operands) > 0 {
		return Output{Stderr: "grep: " + operands[0] + ": No such file or directory\n", Exit: 2}
	}
	match, err := grepMatcher(patterns, extended, fixed, ignoreCase, words, lineRE)
	if err != nil {
		return Output{Stderr: "grep: " + err.Error() + "\n", Exit: 2}
	}
	selected := make([]bool, len(lines))
	n := 0
	for i, l := range lines {
		if n == maxCount { // -m: grep stops reading after NUM selected lines
			break
		}
		if match(strings.TrimSuffix(l, "\n")) != invert {
			selected[i] = true
			n++
		}
	}
	exit := 0
	if n == 0 {
		exit = 1
	}
	switch {
	case quiet:
		return Output{Exit: exit}
	case count:
		return Output{Stdout: strconv.Itoa(n) + "\n", Exit: exit}
	}
	// Each selected line shows itself and its context; "--" separates groups that are not
	// adjacent when context was asked for.
	show := selected
	if before > 0 || after > 0 {
		// One pass each way: a line shows if a selected line is at most `after` lines above
		// it or at most `before` lines below it.
		show = make([]bool, len(lines))
		for i, prev := 0, -1; i < len(lines); i++ {
			if selected[i] {
				prev = i
			}
			show[i] = prev >= 0 && i-prev <= after
		}
		for i, next := len(lines)-1, -1; i >= 0; i-- {
			if selected[i] {
				next = i
			}
			show[i] = show[i] || next >= 0 && next-i <= before
		}
	}
	var b strings.Builder
	last := -1 // the last line printed
	for i, l := range lines {
		if !show[i] {
			continue
		}
		if last >= 0 && i > last+1 && (before > 0 || after > 0) {
			b.WriteString("--\n")
		}
		if numbers { // "3:" on a selected line, "3-" on context
			sep := byte('-')
			if selected[i] {
				sep = ':'
			}
			b.WriteString(strconv.Itoa(i + 1))
			b.WriteByte(sep)
		}
		b.WriteString(l)
		if !strings.HasSuffix(l, "\n") {
			b.WriteString("\n")
		}
		last = i
	}
	return Output{Stdout: b.String(), Exit: exit}
}

// maxCountArg reads -m NUM; -1 means no limit (GNU grep 3.11 documents it so).
func maxCountArg(v string, n *int) error {
	c, err := strconv.Atoi(v)
	if err != nil {
		return fmt.Errorf("invalid max count")
	}
	*n = max(c, -1)
	return nil
}

// grepMatcher compiles grep's patterns (any one matching selects a line).
func grepMatcher(patterns []string, extended, fixed, ignoreCase, words, lineRE bool) (func(string) bool, error) {
	exprs := make([]string, len(patterns))
	for i, p := range patterns {
		switch {
		case fixed:
			p = regexp.QuoteMeta(p)
		case !extended:
			var err error
			if p, err = basicRegexp(p); err != nil {
				return nil, err
			}
		default:
			if backReference(p) {
				return nil, errBackReference
			}
		}
		exprs[i] = p
	}
	expr := "(?:" + strings.Join(exprs, ")|(?:") + ")"
	switch {
	case lineRE:
		expr = `^(?:` + expr + `)$`
	case words:
		expr = `(?:^|[^\pL\pN_])(?:` + expr + `)(?:$|[^\pL\pN_])`
	}
	if ignoreCase {
		expr = "(?i)" + expr
	}
	if !utf8.ValidString(expr) { // bytes a regexp cannot hold: compare them as they are
		return func(l string) bool {
			for _, p := range patterns {
				if strings.Contains(l, p) {
					return true
				}
			}
			return false
		}, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, fmt.Errorf("%s", grepSyntaxError(err))
	}
	return re.MatchString, nil
}

// errBackReference: Go's regular expressions (RE2) cannot match \1 … \9; GNU grep can.
var errBackReference = fmt.Errorf("back-references (\\1 … \\9) are not supported here")

func backReference(p string) bool {
	for i := 0; i+1 < len(p); i++ {
		if p[i] == '\\' {
			if p[i+1] >= '1' && p[i+1] <= '9' {
				return true
			}
			i++
		}
	}
	return false
}

// basicRegexp turns a POSIX basic regular expression into Go's syntax.
func basicRegexp(p string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			i++
			switch d := p[i]; {
			case strings.IndexByte("|+?(){}", d) >= 0:
				b.WriteByte(d)
			case d >= '1' && d <= '9':
				return "", errBackReference
			default:
				b.WriteByte('\\')
				b.WriteByte(d)
			}
		case strings.IndexByte("|+?(){}", c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '*' && (i == 0 || p[i-1] == '^' && i == 1):
			b.WriteString(`\*`) // a leading * is literal
		case c == '[':
			// A bracket expression is the same in both syntaxes: copy it whole, a ] first in
			// it being literal.
			j := i + 1
			if j < len(p) && p[j] == '^' {
				j++
			}
			if j < len(p) && p[j] == ']' {
				j++
			}
			for j < len(p) && p[j] != ']' {
				if p[j] == '[' && j+1 < len(p) && (p[j+1] == ':' || p[j+1] == '.' || p[j+1] == '=') {
					if k := strings.Index(p[j+2:], string(p[j+1])+"]"); k >= 0 {
						j += k + 4
						continue
					}
				}
				j++
			}
			if j >= len(p) {
				return "", fmt.Errorf("Unmatched [, [^, [:, [., or [=")
			}
			b.WriteString(p[i : j+1])
			i = j
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// grepSyntaxError words a pattern Go refuses the way GNU grep words the same mistake.
func grepSyntaxError(err error) string {
	var re *syntax.Error
	if !errors.As(err, &re) {
		return err.Error()
	}
	switch re.Code {
	case syntax.ErrMissingParen, syntax.ErrUnexpectedParen:
		return "Unmatched ( or \\("
	case syntax.ErrMissingBracket:
		return "Unmatched [, [^, [:, [., or [="
	case syntax.ErrMissingRepeatArgument:
		return "Invalid preceding regular expression"
	case syntax.ErrInvalidRepeatSize:
		return "Invalid content of \\{\\}"
	case syntax.ErrTrailingBackslash:
		return "Trailing backslash"
	case syntax.ErrInvalidCharRange:
		return "Invalid range end"
	}
	return "Invalid regular expression"
}

// cut supports -d DELIM -f N[,M] (and the -dX -fN spellings).
func cut(args []string, lines []string, b *capped) Output {
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
	for _, l := range lines {
		if b.full() {
			break
		}
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

func awk(args []string, lines []string, b *capped) Output {
	if len(args) != 1 || !awkPrint.MatchString(args[0]) {
		return Output{Stderr: "awk: only '{print $N}' is supported here\n", Exit: 2}
	}
	fields := regexp.MustCompile(`\$(\d+)`).FindAllStringSubmatch(args[0], -1)
	for _, l := range lines {
		if b.full() {
			break
		}
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
	toks, err := (*runner)(nil).tokenize(line)
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
