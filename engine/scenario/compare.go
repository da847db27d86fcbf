package scenario

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
)

// This file scores a transcript against a reference recorded on a real cluster, with the same
// normalisation as the conformance suite's compare.py: hashes, pod suffixes, ages, timestamps,
// IPs, node names, container IDs, column widths and table row order are normalised away, and
// node-side events (from the recording's kubelet stand-in) are left out.

// RefTranscript is a transcript read back from JSON, keeping the fields the score needs.
type RefTranscript struct {
	Scenario string    `json:"scenario"`
	Steps    []RefStep `json:"steps"`
}

// RefStep is one step of a reference or candidate transcript.
type RefStep struct {
	Line     int             `json:"line"`
	Kind     string          `json:"kind"`
	Command  string          `json:"command"`
	Stdout   string          `json:"stdout"`
	Stderr   string          `json:"stderr"`
	ExitCode *int            `json:"exitCode"`
	Snapshot json.RawMessage `json:"snapshot"`
}

// LoadTranscript parses transcript JSON.
func LoadTranscript(data []byte) (*RefTranscript, error) {
	var t RefTranscript
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// Score is the result of a comparison.
type Score struct {
	Text, State  float64
	Exact, Total int
	Differences  []string
}

func (s Score) String() string {
	return fmt.Sprintf("text %.1f%% (%d/%d kubectl steps exact), state %.1f%%", s.Text, s.Exact, s.Total, s.State)
}

const podSuffix = `[bcdfghjklmnpqrstvwxz2456789]{5}`

var controllerEvents = map[string]bool{"ScalingReplicaSet": true, "SuccessfulCreate": true, "SuccessfulDelete": true, "SuccessfulRescale": true}

type snapForScore struct {
	Deployments []map[string]any `json:"deployments"`
	ReplicaSets []map[string]any `json:"replicaSets"`
	Pods        []map[string]any `json:"pods"`
}

func hashesInOrder(t *RefTranscript) []string {
	var seen []string
	has := map[string]bool{}
	for _, s := range t.Steps {
		var snap snapForScore
		if len(s.Snapshot) == 0 || json.Unmarshal(s.Snapshot, &snap) != nil {
			continue
		}
		for _, rs := range snap.ReplicaSets {
			if h, _ := rs["podTemplateHash"].(string); h != "" && !has[h] {
				has[h] = true
				seen = append(seen, h)
			}
		}
	}
	if len(seen) == 0 {
		re := regexp.MustCompile(`pod-template-hash=([a-z0-9]+)`)
		for _, s := range t.Steps {
			for _, m := range re.FindAllStringSubmatch(s.Stdout, -1) {
				if !has[m[1]] {
					has[m[1]] = true
					seen = append(seen, m[1])
				}
			}
		}
	}
	return seen
}

var (
	rePodSuffix = regexp.MustCompile(`\b(H\d+)-` + podSuffix + `\b`)
	reTime1     = regexp.MustCompile(`\b[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}\b`)
	reTime2     = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\b`)
	reIP        = regexp.MustCompile(`\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b`)
	reNode      = regexp.MustCompile(`\bnode-\d+\b`)
	reContainer = regexp.MustCompile(`containerd://[0-9a-f]{8,}`)
	reSHA       = regexp.MustCompile(`sha256:[0-9a-f]{16,}`)
	reAccess    = regexp.MustCompile(`\bkube-api-access-[a-z0-9]{5}\b`)
	reAgeAgo    = regexp.MustCompile(`<age>(?: ago)?`)
	reUID       = regexp.MustCompile(`\b(uid|resourceVersion): .*`)
	reSpaces    = regexp.MustCompile(`[ \t]+`)
	reHeader    = regexp.MustCompile(`^(NAME|LAST SEEN|REVISION)\b`)
)

type normaliser func(string) string

func makeNormaliser(t *RefTranscript) normaliser {
	hashes := hashesInOrder(t)
	order := make([]int, len(hashes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return len(hashes[order[a]]) > len(hashes[order[b]]) })
	type pat struct {
		h   string
		rep string
	}
	var pats []pat
	for _, i := range order {
		pats = append(pats, pat{hashes[i], fmt.Sprintf("H%d", i+1)})
	}
	return func(line string) string {
		for _, p := range pats {
			line = replaceToken(line, p.h, p.rep)
		}
		line = rePodSuffix.ReplaceAllString(line, "$1-<pod>")
		line = reTime1.ReplaceAllString(line, "<time>")
		line = reTime2.ReplaceAllString(line, "<time>")
		line = reIP.ReplaceAllString(line, "<ip>")
		line = reNode.ReplaceAllString(line, "<node>")
		line = reContainer.ReplaceAllString(line, "containerd://<id>")
		line = reSHA.ReplaceAllString(line, "sha256:<id>")
		line = reAccess.ReplaceAllString(line, "kube-api-access-<x>")
		line = replaceAges(line)
		line = reAgeAgo.ReplaceAllString(line, "<age>")
		line = reUID.ReplaceAllString(line, "$1: <x>")
		line = strings.TrimSpace(reSpaces.ReplaceAllString(line, " "))
		return line
	}
}

func isAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// replaceToken replaces h where it is not part of a longer [a-z0-9] run.
func replaceToken(line, h, rep string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		j := strings.Index(line[i:], h)
		if j < 0 {
			b.WriteString(line[i:])
			break
		}
		j += i
		end := j + len(h)
		if (j == 0 || !isAlnum(line[j-1])) && (end == len(line) || !isAlnum(line[end])) {
			b.WriteString(line[i:j] + rep)
		} else {
			b.WriteString(line[i:end])
		}
		i = end
	}
	return b.String()
}

// replaceAges does compare.py's age pattern without look-behind:
// (?<![\w.:/-])\d+(?:\.\d+)?(?:ms|s|m|h|d|y)(?:\d+(?:s|m|h|d))?(?![\w.])
var reAgeCore = regexp.MustCompile(`\d+(?:\.\d+)?(?:ms|s|m|h|d|y)(?:\d+(?:s|m|h|d))?`)

func replaceAges(line string) string {
	var b strings.Builder
	last := 0
	for _, m := range reAgeCore.FindAllStringIndex(line, -1) {
		s, e := m[0], m[1]
		if s > 0 {
			c := line[s-1]
			if isWord(c) || c == '.' || c == ':' || c == '/' || c == '-' {
				continue
			}
		}
		if e < len(line) && (isWord(line[e]) || line[e] == '.') {
			continue
		}
		b.WriteString(line[last:s] + "<age>")
		last = e
	}
	b.WriteString(line[last:])
	return b.String()
}

func isWord(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func shlexFields(cmd string) []string { return strings.Fields(strings.ReplaceAll(cmd, "'", "")) }

func normaliseText(text string, n normaliser, command string) []string {
	raw := strings.Split(text, "\n")
	if text == "" {
		raw = nil
	} else if strings.HasSuffix(text, "\n") {
		raw = raw[:len(raw)-1]
	}
	var lines []string
	for _, l := range raw {
		l = n(l)
		if len(lines) > 0 && l == lines[len(lines)-1] && strings.HasPrefix(l, "Waiting for") {
			continue
		}
		lines = append(lines, l)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	args := shlexFields(command)
	isGet := len(args) > 1 && args[1] == "get"
	isEvents := isGet && len(args) > 2 && strings.HasPrefix(args[2], "event")
	if isGet && len(lines) > 0 && reHeader.MatchString(lines[0]) && strings.ToUpper(lines[0]) == lines[0] {
		body := lines[1:]
		if isEvents {
			var kept []string
			for _, l := range body {
				if f := strings.Split(l, " "); len(f) > 2 && controllerEvents[f[2]] {
					kept = append(kept, l)
				}
			}
			body = kept
		}
		body = append([]string(nil), body...)
		sort.Strings(body)
		lines = append([]string{lines[0]}, body...)
	}
	return lines
}

func describeEvents(lines []string) []string {
	var out []string
	in := false
	for _, l := range lines {
		if strings.HasPrefix(l, "Events:") {
			in = true
			out = append(out, l)
			continue
		}
		if in {
			parts := strings.Split(l, " ")
			if strings.HasPrefix(l, "Type Reason") || strings.HasPrefix(l, "---") || (len(parts) > 1 && controllerEvents[parts[1]]) {
				out = append(out, l)
			}
			continue
		}
		out = append(out, l)
	}
	return out
}

func textOf(s RefStep, n normaliser) []string {
	out := normaliseText(s.Stdout, n, s.Command)
	if strings.Contains(" "+s.Command+" ", " describe ") {
		out = describeEvents(out)
	}
	return append(append(out, "--- stderr ---"), normaliseText(s.Stderr, n, s.Command)...)
}

func stateOf(raw json.RawMessage, n normaliser) map[string]string {
	facts := map[string]string{}
	var snap snapForScore
	if len(raw) == 0 || json.Unmarshal(raw, &snap) != nil {
		return facts
	}
	enc := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	sortedStrings := func(v any) string {
		var out []string
		if l, ok := v.([]any); ok {
			for _, x := range l {
				out = append(out, fmt.Sprint(x))
			}
		}
		sort.Strings(out)
		return enc(out)
	}
	for _, d := range snap.Deployments {
		k := "deploy/" + fmt.Sprint(d["name"])
		for _, f := range []string{"specReplicas", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas", "strategy", "maxSurge", "maxUnavailable"} {
			facts[k+"."+f] = enc(d[f])
		}
		facts[k+".images"] = sortedStrings(d["images"])
		ann, _ := d["annotations"].(map[string]any)
		facts[k+".revision"] = enc(ann["deployment.kubernetes.io/revision"])
		facts[k+".change-cause"] = enc(ann["kubernetes.io/change-cause"])
		var conds []string
		if cs, ok := d["conditions"].([]any); ok {
			for _, c := range cs {
				m, _ := c.(map[string]any)
				conds = append(conds, fmt.Sprintf("%v=%v/%v", m["type"], m["status"], m["reason"]))
			}
		}
		sort.Strings(conds)
		facts[k+".conditions"] = enc(conds)
	}
	for _, rs := range snap.ReplicaSets {
		k := "rs/" + n(fmt.Sprint(rs["name"]))
		for _, f := range []string{"revision", "desiredReplicas", "maxReplicas", "specReplicas", "replicas", "readyReplicas", "availableReplicas"} {
			facts[k+"."+f] = enc(rs[f])
		}
		facts[k+".images"] = sortedStrings(rs["images"])
	}
	pods := map[string]int{}
	for _, p := range snap.Pods {
		owner, _ := p["ownerRS"].(string)
		pods[fmt.Sprintf("pods/%s/%v/ready=%v", n(owner), p["phase"], pyBool(p["ready"]))]++
	}
	for k, v := range pods {
		facts[k] = fmt.Sprint(v)
	}
	return facts
}

func pyBool(v any) string {
	switch v {
	case true:
		return "True"
	case false:
		return "False"
	}
	return "None"
}

func settled(steps []RefStep) map[int]bool {
	keep := map[int]bool{}
	prev := ""
	for _, s := range steps {
		if s.Kind == "wait-rollout" || s.Kind == "sleep" {
			keep[s.Line] = true
		} else if (prev == "wait-rollout" || prev == "sleep") && s.Kind == "kubectl" {
			args := shlexFields(s.Command)
			if len(args) > 1 && (args[1] == "get" || args[1] == "describe") || len(args) > 2 && args[1] == "rollout" && args[2] == "history" {
				keep[s.Line] = true
				continue
			}
		}
		if s.Kind != "note" {
			prev = s.Kind
		}
	}
	return keep
}

// unstable finds what differs between runs of the real cluster: timing-dependent, not scored.
func unstable(ref *RefTranscript, others []*RefTranscript) (map[int]bool, map[string]bool) {
	lines, keys := map[int]bool{}, map[string]bool{}
	nr := makeNormaliser(ref)
	for _, o := range others {
		no := makeNormaliser(o)
		byLine := map[int]RefStep{}
		for _, s := range o.Steps {
			byLine[s.Line] = s
		}
		for _, s := range ref.Steps {
			os, ok := byLine[s.Line]
			if !ok {
				continue
			}
			if s.Kind == "kubectl" && (!sameExit(s.ExitCode, os.ExitCode) || !reflect.DeepEqual(textOf(s, nr), textOf(os, no))) {
				lines[s.Line] = true
			}
			fr, fo := stateOf(s.Snapshot, nr), stateOf(os.Snapshot, no)
			for k := range union(fr, fo) {
				if fr[k] != fo[k] {
					keys[fmt.Sprintf("%d\x00%s", s.Line, k)] = true
				}
			}
		}
	}
	return lines, keys
}

func sameExit(a, b *int) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func union(a, b map[string]string) map[string]bool {
	u := map[string]bool{}
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// Compare scores cand against ref; others are more real runs of the same scenario.
func Compare(ref, cand *RefTranscript, others []*RefTranscript) Score {
	nr, nc := makeNormaliser(ref), makeNormaliser(cand)
	skipLines, skipKeys := unstable(ref, others)
	byLine := map[int]RefStep{}
	for _, s := range cand.Steps {
		byLine[s.Line] = s
	}
	var sc Score
	var textScores []float64
	for _, s := range ref.Steps {
		if s.Kind != "kubectl" || skipLines[s.Line] {
			continue
		}
		c, ok := byLine[s.Line]
		if !ok {
			textScores = append(textScores, 0)
			sc.Differences = append(sc.Differences, fmt.Sprintf("line %d: %s: missing", s.Line, s.Command))
			continue
		}
		if !sameExit(s.ExitCode, c.ExitCode) {
			textScores = append(textScores, 0)
			sc.Differences = append(sc.Differences, fmt.Sprintf("line %d: %s: exit code differs\n  real stderr: %s\n  here stderr: %s", s.Line, s.Command, s.Stderr, c.Stderr))
			continue
		}
		a, b := textOf(s, nr), textOf(c, nc)
		if reflect.DeepEqual(a, b) {
			textScores = append(textScores, 1)
			sc.Exact++
			continue
		}
		r := ratio(a, b) * 0.9
		textScores = append(textScores, r)
		sc.Differences = append(sc.Differences, fmt.Sprintf("line %d: %s: text differs (%.2f)\n%s", s.Line, s.Command, r, lineDiff(a, b)))
	}
	sc.Total = len(textScores)
	var stateScores []float64
	keep := settled(ref.Steps)
	var keepLines []int
	for l := range keep {
		keepLines = append(keepLines, l)
	}
	sort.Ints(keepLines)
	for _, line := range keepLines {
		var s RefStep
		for _, x := range ref.Steps {
			if x.Line == line {
				s = x
			}
		}
		fr := stateOf(s.Snapshot, nr)
		if len(fr) == 0 {
			continue
		}
		fc := stateOf(byLine[line].Snapshot, nc)
		same, total := 0, 0
		var diffs []string
		for k := range union(fr, fc) {
			if skipKeys[fmt.Sprintf("%d\x00%s", line, k)] {
				continue
			}
			total++
			if fr[k] == fc[k] {
				same++
			} else {
				diffs = append(diffs, fmt.Sprintf("  %s: real=%s here=%s", k, fr[k], fc[k]))
			}
		}
		if total == 0 {
			stateScores = append(stateScores, 1)
			continue
		}
		stateScores = append(stateScores, float64(same)/float64(total))
		if len(diffs) > 0 {
			sort.Strings(diffs)
			sc.Differences = append(sc.Differences, fmt.Sprintf("line %d: state differs\n%s", line, strings.Join(diffs, "\n")))
		}
	}
	sc.Text = 100 * mean(textScores, 0)
	sc.State = 100 * mean(stateScores, 1)
	return sc
}

func mean(xs []float64, empty float64) float64 {
	if len(xs) == 0 {
		return empty
	}
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t / float64(len(xs))
}

// ratio is difflib.SequenceMatcher.ratio over lines: 2*M/T with M the matched lines.
func ratio(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	return 2 * float64(matching(a, b)) / float64(len(a)+len(b))
}

// matching counts lines in matching blocks the way SequenceMatcher finds them: the longest
// common run, then recursively left and right of it.
func matching(a, b []string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	bestI, bestJ, bestK := 0, 0, 0
	prev := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
				if cur[j] > bestK {
					bestI, bestJ, bestK = i-cur[j], j-cur[j], cur[j]
				}
			}
		}
		prev = cur
	}
	if bestK == 0 {
		return 0
	}
	return bestK + matching(a[:bestI], b[:bestJ]) + matching(a[bestI+bestK:], b[bestJ+bestK:])
}

func lineDiff(a, b []string) string {
	var out []string
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			out = append(out, "  - "+x, "  + "+y)
		}
	}
	return strings.Join(out, "\n")
}
