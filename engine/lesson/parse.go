package lesson

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	sigsyaml "sigs.k8s.io/yaml"

	"rolloutlab/engine"
	"rolloutlab/engine/shell"
)

// Levels are the allowed values of a lesson's level.
var Levels = []string{"beginner", "intermediate", "advanced"}

var (
	idRe   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	nameRe = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`) // an RFC 1123 label
)

// Parse reads one lesson file. Errors name the file, the step (1-based) and the field, e.g.
// `web/lessons/x.yaml: step 3: check[0].kubectl: "kubectl delete pod x" is not read-only
// (allowed: get, describe, rollout status, rollout history, explain)`. Unknown fields are
// errors. Warnings (a missing zh, …) are returned separately.
func Parse(name string, data []byte) (*Lesson, []string, error) {
	j, err := sigsyaml.YAMLToJSON(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", name, err)
	}
	p := &parser{file: name}
	l := p.lesson(root)
	if len(p.errs) > 0 {
		return nil, p.warns, errors.Join(p.errs...)
	}
	sum := sha256.Sum256(data)
	l.Hash = hex.EncodeToString(sum[:])
	return l, p.warns, nil
}

// parser walks the decoded document, collecting every error and warning with its place.
type parser struct {
	file  string
	step  int // 1-based while inside a step, else 0
	errs  []error
	warns []string
}

func (p *parser) where(field string) string {
	if p.step > 0 {
		return fmt.Sprintf("%s: step %d: %s", p.file, p.step, field)
	}
	return p.file + ": " + field
}

func (p *parser) errorf(field, format string, args ...any) {
	p.errs = append(p.errs, fmt.Errorf("%s: %s", p.where(field), fmt.Sprintf(format, args...)))
}

func (p *parser) warnf(field, format string, args ...any) {
	p.warns = append(p.warns, fmt.Sprintf("%s: %s", p.where(field), fmt.Sprintf(format, args...)))
}

// mapping checks that v is a mapping (any keys).
func (p *parser) mapping(v any, field string) map[string]any {
	if v == nil {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		p.errorf(field, "must be a mapping, not %s", kindOf(v))
	}
	return m
}

// object checks that v is a mapping with only the allowed keys; path prefixes the keys in
// messages ("" at the top, "check[0]." inside a list).
func (p *parser) object(v any, path string, allowed ...string) map[string]any {
	m := p.mapping(v, strings.TrimSuffix(path, "."))
	for _, k := range sortedKeys(m) {
		if !contains(allowed, k) {
			p.errorf(path+k, "unknown field (allowed: %s)", strings.Join(allowed, ", "))
		}
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}

func (p *parser) str(v any, field string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	p.errorf(field, "must be a string, not %s", kindOf(v))
	return ""
}

func (p *parser) list(v any, field string) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	}
	p.errorf(field, "must be a list, not %s", kindOf(v))
	return nil
}

func (p *parser) strings(v any, field string) []string {
	var out []string
	for i, x := range p.list(v, field) {
		f := fmt.Sprintf("%s[%d]", field, i)
		s := strings.TrimSpace(p.str(x, f))
		if s == "" {
			p.errorf(f, "must not be empty")
		}
		out = append(out, s)
	}
	return out
}

func (p *parser) number(v any, field string) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		p.errorf(field, "must be a number, not %s", kindOf(v))
		return 0, false
	}
	f, err := n.Float64()
	if err != nil {
		p.errorf(field, "%v", err)
		return 0, false
	}
	return f, true
}

func (p *parser) integer(v any, field string) int64 {
	f, ok := p.number(v, field)
	if ok && (f != float64(int64(f)) || f < 0 || f > 1<<31-1) {
		p.errorf(field, "must be a whole number from 0 to 2147483647, not %v", v)
		return 0
	}
	return int64(f)
}

// text reads a bilingual text; required makes a missing English text an error. A missing zh
// is a warning: the page shows the English text.
func (p *parser) text(v any, field string, required bool) Text {
	var t Text
	switch x := v.(type) {
	case nil:
	case string:
		t.EN = x
	case map[string]any:
		m := p.object(x, field+".", "en", "zh")
		t.EN = p.str(m["en"], field+".en")
		t.ZH = p.str(m["zh"], field+".zh")
	default:
		p.errorf(field, "must be a string or a mapping {en: …, zh: …}, not %s", kindOf(v))
		return t
	}
	switch {
	case strings.TrimSpace(t.EN) == "" && (required || t.ZH != ""):
		p.errorf(field, "needs an English text (en)")
	case t.EN != "" && strings.TrimSpace(t.ZH) == "":
		p.warnf(field, "no Chinese text (zh): the English text is shown")
	}
	return t
}

func (p *parser) lesson(root any) *Lesson {
	m := p.object(root, "", "id", "title", "summary", "level", "minutes", "start", "steps", "finish")
	l := &Lesson{
		ID:      p.str(m["id"], "id"),
		Title:   p.text(m["title"], "title", true),
		Summary: p.text(m["summary"], "summary", true),
		Level:   p.str(m["level"], "level"),
		Finish:  p.text(m["finish"], "finish", true),
	}
	if !idRe.MatchString(l.ID) {
		p.errorf("id", "%q must be lowercase words joined by dashes (e.g. 01-seed)", l.ID)
	}
	if !contains(Levels, l.Level) {
		p.errorf("level", "%q must be one of %s", l.Level, strings.Join(Levels, ", "))
	}
	if v, ok := m["minutes"]; ok {
		l.Minutes = int(p.integer(v, "minutes"))
	}
	if l.Minutes <= 0 {
		p.errorf("minutes", "must be a positive whole number")
	}
	l.Start = p.start(m["start"])
	steps := p.list(m["steps"], "steps")
	if len(steps) == 0 {
		p.errorf("steps", "a lesson needs at least one step")
	}
	for i, s := range steps {
		p.step = i + 1
		l.Steps = append(l.Steps, p.stepOf(s))
	}
	p.step = 0
	return l
}

func (p *parser) start(v any) Start {
	m := p.object(v, "start.", "files", "commands", "images", "nodesDown")
	var s Start
	for i, f := range p.list(m["files"], "start.files") {
		path := fmt.Sprintf("start.files[%d]", i)
		fm := p.object(f, path+".", "name", "content")
		file := File{Name: p.str(fm["name"], path+".name"), Content: p.str(fm["content"], path+".content")}
		if strings.TrimSpace(file.Name) == "" || strings.ContainsAny(file.Name, "/\\ \t\n") {
			p.errorf(path+".name", "%q must be a plain file name (no spaces or slashes)", file.Name)
		}
		s.Files = append(s.Files, file)
	}
	s.Commands = p.strings(m["commands"], "start.commands")
	if im := p.mapping(m["images"], "start.images"); len(im) > 0 {
		s.Images = map[string]string{}
		for _, image := range sortedKeys(im) {
			v := p.str(im[image], "start.images."+image)
			if v != "missing" && v != "slow" {
				p.errorf("start.images."+image, "%q must be missing or slow", v)
			}
			s.Images[image] = v
		}
	}
	s.NodesDown = p.strings(m["nodesDown"], "start.nodesDown")
	return s
}

func (p *parser) stepOf(v any) Step {
	m := p.object(v, "", "title", "text", "run", "hints", "solution", "check", "explain", "goal")
	s := Step{
		Title:    p.text(m["title"], "title", false),
		Text:     p.text(m["text"], "text", true),
		Run:      p.strings(m["run"], "run"),
		Solution: p.strings(m["solution"], "solution"),
		Explain:  p.text(m["explain"], "explain", false),
	}
	for i, line := range s.Solution {
		if engine.IsEdit(line) {
			// `rolloutlab check` replays solutions without a person at the editor.
			p.errorf(fmt.Sprintf("solution[%d]", i), "kubectl edit needs an editor: solve the step with kubectl set image, scale, patch or apply -f")
		}
	}
	for i, h := range p.list(m["hints"], "hints") {
		s.Hints = append(s.Hints, p.text(h, fmt.Sprintf("hints[%d]", i), true))
	}
	checks := p.list(m["check"], "check")
	if len(checks) == 0 {
		p.errorf("check", "a step needs a check: at least one condition (kubectl, ran or settled)")
	}
	for i, c := range checks {
		s.Check = append(s.Check, p.condition(c, fmt.Sprintf("check[%d]", i)))
	}
	if g, ok := m["goal"]; ok {
		s.Goal = p.goal(g)
	}
	return s
}

func (p *parser) condition(v any, path string) Condition {
	m := p.object(v, path+".", "kubectl", "equals", "contains", "matches", "atLeast", "atMost", "ran", "settled", "label")
	c := Condition{
		Kubectl:  strings.TrimSpace(p.str(m["kubectl"], path+".kubectl")),
		Contains: p.str(m["contains"], path+".contains"),
		Matches:  p.str(m["matches"], path+".matches"),
		Ran:      strings.TrimSpace(p.str(m["ran"], path+".ran")),
		Settled:  strings.TrimSpace(p.str(m["settled"], path+".settled")),
	}
	if _, ok := m["label"]; ok {
		c.Label = p.text(m["label"], path+".label", true)
	}
	if e, ok := m["equals"]; ok {
		// equals: 3 and equals: "3" mean the same: what kubectl prints is text.
		var s string
		switch x := e.(type) {
		case json.Number:
			s = x.String()
		case bool:
			s = fmt.Sprint(x)
		default:
			s = p.str(e, path+".equals")
		}
		c.Equals = &s
	}
	for _, b := range []struct {
		key string
		to  **float64
	}{{"atLeast", &c.AtLeast}, {"atMost", &c.AtMost}} {
		if x, ok := m[b.key]; ok {
			if f, ok := p.number(x, path+"."+b.key); ok {
				*b.to = &f
			}
		}
	}
	kinds := 0
	for _, set := range []bool{c.Kubectl != "", c.Ran != "", c.Settled != ""} {
		if set {
			kinds++
		}
	}
	expects := c.Equals != nil || c.Contains != "" || c.Matches != "" || c.AtLeast != nil || c.AtMost != nil
	switch {
	case kinds == 0:
		p.errorf(path, "an empty condition: give one of kubectl (with equals, contains, matches, atLeast or atMost), ran or settled")
		return c
	case kinds > 1:
		p.errorf(path, "give only one of kubectl, ran and settled in a condition (use several conditions)")
	case c.Kubectl != "" && !expects:
		p.errorf(path, "kubectl needs what its output must show: equals, contains, matches, atLeast or atMost")
	case c.Kubectl == "" && expects:
		p.errorf(path, "equals, contains, matches, atLeast and atMost apply to a kubectl command's output")
	}
	if c.Kubectl != "" {
		if _, err := ReadOnly(c.Kubectl); err != nil {
			p.errorf(path+".kubectl", "%v", err)
		}
	}
	if c.Matches != "" {
		if _, err := regexp.Compile(c.Matches); err != nil {
			p.errorf(path+".matches", "invalid regular expression: %v", err)
		}
	}
	if c.Ran != "" {
		if _, err := ranMatcher(c.Ran); err != nil {
			p.errorf(path+".ran", "invalid regular expression: %v", err)
		}
	}
	if c.Settled != "" && !nameRe.MatchString(c.Settled) {
		p.errorf(path+".settled", "%q is not a Deployment name", c.Settled)
	}
	return c
}

func (p *parser) goal(v any) *Goal {
	m := p.object(v, "goal.", "deployments")
	g := &Goal{}
	for i, d := range p.list(m["deployments"], "goal.deployments") {
		path := fmt.Sprintf("goal.deployments[%d]", i)
		dm := p.object(d, path+".", "name", "replicas", "image", "replicaSets")
		gd := GoalDeployment{
			Name:     p.str(dm["name"], path+".name"),
			Replicas: int32(p.integer(dm["replicas"], path+".replicas")),
			Image:    p.str(dm["image"], path+".image"),
		}
		if !nameRe.MatchString(gd.Name) {
			p.errorf(path+".name", "%q is not a Deployment name", gd.Name)
		}
		for j, r := range p.list(dm["replicaSets"], path+".replicaSets") {
			rp := fmt.Sprintf("%s.replicaSets[%d]", path, j)
			rm := p.object(r, rp+".", "image", "replicas")
			gd.ReplicaSets = append(gd.ReplicaSets, GoalReplicaSet{
				Image:    p.str(rm["image"], rp+".image"),
				Replicas: int32(p.integer(rm["replicas"], rp+".replicas")),
			})
		}
		g.Deployments = append(g.Deployments, gd)
	}
	if len(g.Deployments) == 0 {
		p.errorf("goal.deployments", "a goal needs at least one Deployment")
	}
	return g
}

// readOnlyAllowed is what a check may run: commands that only read, so a check changes
// nothing, on the simulator or on a real cluster.
const readOnlyAllowed = "allowed: get, describe, rollout status, rollout history, explain"

// ReadOnly splits a check's command into kubectl's arguments (without "kubectl"), or says why
// it is not allowed in a check: it must be one simple command (no pipes or lists) that only
// reads, and must not watch (a check looks at the present).
func ReadOnly(line string) ([]string, error) {
	full := line
	if !strings.HasPrefix(full, "kubectl ") {
		full = "kubectl " + full
	}
	words, ok := shell.Simple(full)
	if !ok || len(words) == 0 {
		return nil, fmt.Errorf("%q must be a single kubectl command without pipes, lists or $( )", line)
	}
	verb := ""
	if len(words) > 0 {
		verb = words[0]
	}
	if verb == "rollout" && len(words) > 1 {
		verb += " " + words[1]
	}
	switch verb {
	case "get", "describe", "explain", "rollout status", "rollout history":
	default:
		return nil, fmt.Errorf("%q is not read-only (%s)", line, readOnlyAllowed)
	}
	for _, w := range words {
		if w == "-w" || w == "--watch" || w == "--watch-only" || strings.HasPrefix(w, "--watch=") || strings.HasPrefix(w, "--watch-only=") {
			if verb == "get" {
				return nil, fmt.Errorf("%q watches: a check looks at the present, drop %s", line, w)
			}
		}
	}
	return words, nil
}

// ranMatcher turns a ran: pattern into a test of a command line: /re/ is a regexp, anything
// else a prefix (after spaces are trimmed).
func ranMatcher(pattern string) (func(string) bool, error) {
	if len(pattern) >= 2 && strings.HasPrefix(pattern, "/") && strings.HasSuffix(pattern, "/") {
		re, err := regexp.Compile(pattern[1 : len(pattern)-1])
		if err != nil {
			return nil, err
		}
		return func(line string) bool { return re.MatchString(strings.TrimSpace(line)) }, nil
	}
	return func(line string) bool { return strings.HasPrefix(strings.TrimSpace(line), pattern) }, nil
}
