package lesson

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"rolloutlab/engine"
	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
)

// Target is what checks run against: the simulator (a Session) or a real cluster (cli).
type Target interface {
	// Query runs a read-only kubectl line and returns what it printed and its exit code. On
	// the simulator it changes nothing: no recorded input, no clock movement (a `rollout
	// status` reports the present state without waiting).
	Query(line string) (stdout, stderr string, exit int)
	// Settled reports that the named Deployment has no pending work.
	Settled(deployment string) bool
}

// SessionTarget runs checks on a session's cluster, in the default namespace.
func SessionTarget(s *engine.Session) Target { return sessionTarget{s} }

type sessionTarget struct{ s *engine.Session }

// Query runs the command straight on the session's kubectl: not through Session.Exec, which
// would record an input, nor Engine.Exec, which lets the controllers react and expires events.
// Reading commands write nothing, so the cluster and its replay stay the same.
func (t sessionTarget) Query(line string) (string, string, int) {
	words, err := QueryArgs(line)
	if err != nil {
		return "", "error: " + err.Error() + "\n", 1
	}
	res := t.s.E.Kubectl.Run(words)
	return res.Stdout.String(), res.Stderr.String(), res.Exit
}

// QueryArgs are kubectl's arguments for a check's command (see ReadOnly), with a `rollout
// status` made to report the present instead of waiting (--watch=false, unless the lesson
// says otherwise): a check asks about the present, on the simulator and on a real cluster.
func QueryArgs(line string) ([]string, error) {
	words, err := ReadOnly(line)
	if err != nil || len(words) < 2 || words[0] != "rollout" || words[1] != "status" {
		return words, err
	}
	for _, w := range words {
		if w == "-w" || w == "--watch" || strings.HasPrefix(w, "--watch=") {
			return words, nil
		}
	}
	return append(words, "--watch=false"), nil
}

// Settled: the Deployment's rollout is complete (the spec observed, every replica updated and
// available, no other pods left, not even terminating ones) and no queued work names it or
// its ReplicaSets and pods (whose names start with the Deployment's).
func (t sessionTarget) Settled(name string) bool {
	c := t.s.E.Cluster
	o := c.Store.Get(api.KindDeployment, "default", name)
	if o == nil {
		return false
	}
	d := o.(*api.Deployment)
	want := api.Int32(d.Spec.Replicas, 1)
	st := d.Status
	if d.Generation > st.ObservedGeneration || st.UpdatedReplicas != want || st.Replicas != want || st.AvailableReplicas != want {
		return false
	}
	pods := int32(0)
	for rs := range c.Store.EachDependent(d.UID) {
		for p := range c.Store.EachDependent(rs.Meta().UID) {
			if p.Meta().Deleting() {
				return false
			}
			pods++
		}
	}
	if pods != want {
		return false
	}
	busy := false
	c.Clock.EachPending(func(task *clock.Task) bool {
		busy = mentions(task.Label(), name)
		return !busy
	})
	return !busy
}

// mentions reports that a work label names the Deployment or one of its ReplicaSets or pods:
// the name as a word, or followed by "-".
func mentions(label, name string) bool {
	for i := 0; ; {
		j := strings.Index(label[i:], name)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(name)
		before := j == 0 || !isNameChar(label[j-1])
		after := end == len(label) || label[end] == '-' || !isNameChar(label[end])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isNameChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '.'
}

// CondResult is one condition's verdict in words for the panel: Want "availableReplicas: want
// 3", Now "now 1" (what the cluster has now), OK.
type CondResult struct {
	Want, Now string
	OK        bool
}

// Evaluate runs the step's check on t. ran is the learner's own command lines since the step
// began. Every condition gets a result (in lang, "en" or "zh"), so the panel shows them all;
// ok is true when all hold.
func (s *Step) Evaluate(t Target, ran []string, lang string) (ok bool, conds []CondResult) {
	ok = true
	for _, c := range s.Check {
		for _, r := range c.evaluate(t, ran, lang) {
			ok = ok && r.OK
			conds = append(conds, r)
		}
	}
	return ok, conds
}

// words are the panel's phrases in both languages.
var words = map[string][2]string{
	"equals":      {"%s: want %s", "%s：应为 %s"},
	"contains":    {"%s: want output containing “%s”", "%s：输出应包含“%s”"},
	"matches":     {"%s: want output matching /%s/", "%s：输出应匹配 /%s/"},
	"atLeast":     {"%s: want at least %s", "%s：应至少为 %s"},
	"atMost":      {"%s: want at most %s", "%s：应至多为 %s"},
	"now":         {"now %s", "现在 %s"},
	"empty":       {"now nothing", "现在没有输出"},
	"nothing":     {"nothing", "没有输出"},
	"notNumber":   {"now %s (not a number)", "现在 %s（不是数字）"},
	"failed":      {"now an error: %s", "现在出错：%s"},
	"ran":         {"run %s", "运行 %s"},
	"ranYes":      {"ran %s", "已运行 %s"},
	"ranNo":       {"not run yet", "尚未运行"},
	"settled":     {"deployment %s: settled (rollout complete, nothing pending)", "deployment %s：已稳定（发布完成，没有待处理的工作）"},
	"settledYes":  {"settled", "已稳定"},
	"settledNo":   {"still changing", "仍在变化"},
	"settledGone": {"not found", "不存在"},
}

func say(lang, key string, args ...any) string {
	w := words[key]
	f := w[0]
	if lang == "zh" {
		f = w[1]
	}
	return fmt.Sprintf(f, args...)
}

func (c *Condition) evaluate(t Target, ran []string, lang string) []CondResult {
	switch {
	case c.Ran != "":
		match, err := ranMatcher(c.Ran)
		r := CondResult{Want: say(lang, "ran", shown(c.Ran)), Now: say(lang, "ranNo")}
		if err != nil {
			return []CondResult{r}
		}
		for i := len(ran) - 1; i >= 0; i-- {
			if match(ran[i]) {
				r.OK, r.Now = true, say(lang, "ranYes", shown(ran[i]))
				break
			}
		}
		return []CondResult{r}
	case c.Settled != "":
		r := CondResult{Want: say(lang, "settled", c.Settled), OK: t.Settled(c.Settled)}
		switch {
		case r.OK:
			r.Now = say(lang, "settledYes")
		default:
			r.Now = say(lang, "settledNo")
		}
		return []CondResult{r}
	}
	stdout, stderr, exit := t.Query(c.Kubectl)
	out := strings.TrimSpace(stdout)
	now := say(lang, "now", firstLine(out))
	if out == "" {
		now = say(lang, "empty")
	}
	if exit != 0 {
		now = say(lang, "failed", firstLine(strings.TrimSpace(stderr+"\n"+stdout)))
	}
	// What the command printed; a failed command's error too, as a check may expect a NotFound
	// (but not the "No resources found" note a successful get prints on stderr).
	text := out
	if exit != 0 {
		text = strings.TrimSpace(stdout + stderr)
	}
	label := c.label(lang)
	var rs []CondResult
	add := func(key, want string, ok bool, now string) {
		rs = append(rs, CondResult{Want: say(lang, key, label, want), Now: now, OK: ok})
	}
	if c.Equals != nil {
		want := strings.TrimSpace(*c.Equals)
		shownWant := want
		if want == "" {
			shownWant = say(lang, "nothing")
		}
		add("equals", shownWant, text == want, now)
	}
	if c.Contains != "" {
		add("contains", c.Contains, strings.Contains(text, c.Contains), now)
	}
	if c.Matches != "" {
		re, err := regexp.Compile(c.Matches)
		add("matches", c.Matches, err == nil && re.MatchString(text), now)
	}
	n, err := strconv.ParseFloat(out, 64)
	numNow := now
	if err != nil && exit == 0 {
		numNow = say(lang, "notNumber", firstLine(out))
	}
	num := err == nil && exit == 0
	if c.AtLeast != nil {
		add("atLeast", strconv.FormatFloat(*c.AtLeast, 'f', -1, 64), num && n >= *c.AtLeast, numNow)
	}
	if c.AtMost != nil {
		add("atMost", strconv.FormatFloat(*c.AtMost, 'f', -1, 64), num && n <= *c.AtMost, numNow)
	}
	return rs
}

// jsonpathField finds the last field of a jsonpath template ({.status.availableReplicas}).
var jsonpathField = regexp.MustCompile(`\.([A-Za-z][A-Za-z0-9]*)\}?['"]?\s*$`)

// label names what a kubectl condition looks at: the author's label, else a jsonpath's last
// field, else the command.
func (c *Condition) label(lang string) string {
	if c.Label.EN != "" {
		return c.Label.In(lang)
	}
	if strings.Contains(c.Kubectl, "jsonpath") {
		if m := jsonpathField.FindStringSubmatch(c.Kubectl); m != nil {
			return m[1]
		}
	}
	return shown(c.Kubectl)
}

// shown quotes a command as code for the panel.
func shown(s string) string { return "`" + s + "`" }

// firstLine keeps the panel short: the first line of an output, at most 80 characters.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return s
}
