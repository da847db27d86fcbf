package app

import (
	"sort"
	"strconv"
	"strings"

	"rolloutlab/engine"
)

// Tab completion for the terminal: commands, subcommands, resource types, names from the view,
// flags and a few flag values. The command table restates the engine's kubectl commands (the
// kubectl package keeps its table unexported).

// completionNames are the names the view offers, for completion.
type completionNames struct {
	Deployments []string
	ReplicaSets []string
	Pods        []string
	Nodes       []string
	Services    []string
	Files       []string
	Revisions   []string
}

// namesFromView gathers them; files are the working folder's (Session.FileNames).
func namesFromView(v engine.View, files []string) completionNames {
	var n completionNames
	revs := map[string]bool{}
	addRS := func(rs engine.ReplicaSetView) {
		n.ReplicaSets = append(n.ReplicaSets, rs.Name)
		for _, p := range rs.Pods {
			n.Pods = append(n.Pods, p.Name)
		}
		if rs.Revision != "" && !revs[rs.Revision] {
			revs[rs.Revision] = true
			n.Revisions = append(n.Revisions, rs.Revision)
		}
	}
	for _, d := range v.Deployments {
		n.Deployments = append(n.Deployments, d.Name)
		for _, rs := range d.ReplicaSets {
			addRS(rs)
		}
	}
	for _, rs := range v.UnownedReplicaSets {
		addRS(rs)
	}
	for _, p := range v.UnownedPods {
		n.Pods = append(n.Pods, p.Name)
	}
	for _, nd := range v.Nodes {
		n.Nodes = append(n.Nodes, nd.Name)
	}
	for _, s := range v.Services {
		n.Services = append(n.Services, s.Name)
	}
	n.Files = append(n.Files, editorFile)
	for _, f := range files {
		if f != editorFile {
			n.Files = append(n.Files, f)
		}
	}
	sort.Strings(n.Pods)
	sort.Slice(n.Revisions, func(i, j int) bool {
		a, _ := strconv.Atoi(n.Revisions[i])
		b, _ := strconv.Atoi(n.Revisions[j])
		return a < b
	})
	return n
}

// argKind says what a command's positional arguments are.
type argKind int

const (
	argNone        argKind = iota
	argTypeName            // TYPE [NAME…] or TYPE/NAME
	argDeployment          // deployment/NAME (rollout, set image)
	argScalable            // deployment/NAME or replicaset/NAME
	argType                // a type only (explain)
	argCommandWord         // the next word is a command (help)
)

type cmdSpec struct {
	flags []string // long flags; "name=" takes a value
	short []string // short flags, e.g. "-o"
	sub   []string // subcommands
	args  argKind
}

var (
	fileFlags = []string{"filename=", "recursive", "validate=", "dry-run=", "output=", "record", "save-config"}
	rsFlags   = []string{"filename=", "selector="}
)

// commandSpecs: kubectl's commands as the engine implements them.
var commandSpecs = map[string]cmdSpec{
	"get": {flags: []string{"output=", "show-labels", "selector=", "sort-by=", "watch", "watch-only",
		"all-namespaces", "no-headers", "filename=", "field-selector=", "label-columns=", "ignore-not-found",
		"show-kind", "chunk-size="}, short: []string{"-o", "-l", "-w", "-A", "-f", "-L"}, args: argTypeName},
	"describe": {flags: []string{"selector=", "show-events", "all-namespaces", "filename="},
		short: []string{"-l", "-A", "-f"}, args: argTypeName},
	"apply":   {flags: append(append([]string(nil), fileFlags...), "force", "prune", "server-side"), short: []string{"-f", "-R", "-o"}},
	"create":  {flags: fileFlags, short: []string{"-f", "-R", "-o"}},
	"replace": {flags: append(append([]string(nil), fileFlags...), "force"), short: []string{"-f", "-R", "-o"}},
	"delete": {flags: []string{"filename=", "all", "grace-period=", "now", "force", "ignore-not-found",
		"selector=", "wait", "cascade=", "dry-run=", "output="}, short: []string{"-f", "-l", "-o"}, args: argTypeName},
	"scale": {flags: []string{"replicas=", "current-replicas=", "record", "dry-run=", "timeout=",
		"resource-version=", "filename=", "output=", "selector=", "all"}, short: []string{"-f", "-o", "-l"}, args: argScalable},
	"expose": {flags: []string{"port=", "target-port=", "type=", "name=", "protocol=", "selector=", "labels=", "cluster-ip=",
		"session-affinity=", "dry-run=", "output="}, short: []string{"-l", "-o"}, args: argTypeName},
	"rollout": {sub: []string{"status", "history", "undo", "pause", "resume", "restart"}},
	"set":     {sub: []string{"env", "image", "resources"}},
	"label": {flags: []string{"overwrite", "all", "selector=", "dry-run=", "output=", "filename=", "list",
		"resource-version=", "local"}, short: []string{"-l", "-o", "-f"}, args: argTypeName},
	"annotate": {flags: []string{"overwrite", "all", "selector=", "dry-run=", "output=", "filename=", "list",
		"resource-version=", "local"}, short: []string{"-l", "-o", "-f"}, args: argTypeName},
	"patch": {flags: []string{"patch=", "patch-file=", "type=", "record", "dry-run=", "local", "output=",
		"filename=", "subresource="}, short: []string{"-p", "-o", "-f"}, args: argTypeName},
	"edit":          {flags: []string{"output=", "record", "save-config", "validate=", "filename="}, short: []string{"-o", "-f"}, args: argTypeName},
	"explain":       {flags: []string{"recursive", "api-version=", "output="}, short: []string{"-o"}, args: argType},
	"version":       {flags: []string{"client", "output="}, short: []string{"-o"}},
	"api-resources": {flags: []string{"api-group=", "namespaced", "no-headers", "output=", "sort-by=", "verbs=", "cached", "categories="}, short: []string{"-o"}},
	"cluster-info":  {},
	"options":       {},
}

// subSpecs are the flags of subcommands ("rollout status", "set image").
var subSpecs = map[string]cmdSpec{
	"rollout status":  {flags: []string{"revision=", "timeout=", "watch", "filename=", "selector="}, short: []string{"-w", "-f", "-l"}, args: argDeployment},
	"rollout history": {flags: []string{"revision=", "output=", "filename=", "selector="}, short: []string{"-o", "-f", "-l"}, args: argDeployment},
	"rollout undo":    {flags: []string{"to-revision=", "dry-run=", "filename=", "selector="}, short: []string{"-f", "-l"}, args: argDeployment},
	"rollout pause":   {flags: rsFlags, short: []string{"-f", "-l"}, args: argDeployment},
	"rollout resume":  {flags: rsFlags, short: []string{"-f", "-l"}, args: argDeployment},
	"rollout restart": {flags: rsFlags, short: []string{"-f", "-l"}, args: argDeployment},
	"set image":       {flags: []string{"all", "selector=", "dry-run=", "output=", "filename=", "local", "record"}, short: []string{"-l", "-o", "-f"}, args: argDeployment},
	"set env": {flags: []string{"containers=", "env=", "from=", "keys=", "list", "prefix=", "overwrite", "all", "selector=",
		"dry-run=", "output=", "filename=", "local"}, short: []string{"-c", "-e", "-l", "-o", "-f"}, args: argDeployment},
	"set resources": {flags: []string{"limits=", "requests=", "containers=", "all", "selector=", "dry-run=", "output=",
		"filename=", "local", "record"}, short: []string{"-c", "-l", "-o", "-f"}, args: argDeployment},
}

// globalFlags are accepted before and after any command.
var globalFlags = []string{"namespace=", "help"}

// resourceAliases: what a learner can type for each kind, canonical name first.
var resourceAliases = [][]string{
	{"deployment", "deployments", "deploy", "deployment.apps"},
	{"replicaset", "replicasets", "rs", "replicaset.apps"},
	{"pod", "pods", "po"},
	{"node", "nodes", "no"},
	{"event", "events", "ev"},
	{"service", "services", "svc"},
	{"endpointslice", "endpointslices"},
	{"endpoints", "ep"},
}

func kindOfAlias(a string) string {
	a = strings.ToLower(a)
	for _, set := range resourceAliases {
		for _, x := range set {
			if x == a {
				return set[0]
			}
		}
	}
	return ""
}

// flagValues are the values a few flags take.
var flagValues = map[string][]string{
	"output":   {"json", "yaml", "wide", "name", "jsonpath=", "custom-columns=", "go-template="},
	"dry-run":  {"client", "server", "none"},
	"cascade":  {"background", "foreground", "orphan"},
	"type":     {"strategic", "merge", "json"},
	"validate": {"strict", "warn", "ignore", "true", "false"},
}

var shortToLong = map[string]string{
	"-o": "output", "-l": "selector", "-f": "filename", "-L": "label-columns", "-p": "patch", "-n": "namespace",
}

// completion is the result of pressing Tab: the new line, and the choices when there are several.
type completion struct {
	Line    string
	Options []string
}

const maxOptions = 60

// complete completes the last word of line (the caret is at the end of the line).
func complete(line string, n completionNames) completion {
	// Only the last command of a pipeline or list is completed.
	head, seg := "", line
	if i := strings.LastIndexAny(line, "|;&"); i >= 0 {
		head, seg = line[:i+1], line[i+1:]
	}
	before, cur := seg, ""
	if i := strings.LastIndexAny(seg, " \t"); i >= 0 {
		before, cur = seg[:i+1], seg[i+1:]
	} else {
		before, cur = "", seg
	}
	words := strings.Fields(before)
	if head != "" && len(words) == 0 {
		// after a pipe: the shell's filters, or kubectl
		return finish(line, head+before, cur, []string{"kubectl", "grep", "head", "tail", "wc", "sort", "cut", "awk"})
	}
	return finish(line, head+before, cur, candidates(words, cur, n))
}

// finish applies the matching candidates to the line.
func finish(line, prefix, cur string, cands []string) completion {
	var matches []string
	seen := map[string]bool{}
	for _, c := range cands {
		if strings.HasPrefix(c, cur) && !seen[c] {
			seen[c] = true
			matches = append(matches, c)
		}
	}
	switch len(matches) {
	case 0:
		return completion{Line: line}
	case 1:
		m := matches[0]
		if !strings.HasSuffix(m, "=") && !strings.HasSuffix(m, "/") {
			m += " "
		}
		return completion{Line: prefix + m}
	}
	sort.Strings(matches)
	common := matches[0]
	for _, m := range matches[1:] {
		common = commonPrefix(common, m)
	}
	if len(matches) > maxOptions {
		matches = append(matches[:maxOptions:maxOptions], "…")
	}
	if len(common) > len(cur) {
		return completion{Line: prefix + common, Options: matches}
	}
	return completion{Line: line, Options: matches}
}

func commonPrefix(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[:i]
}

// candidates lists what may come as the word after words.
func candidates(words []string, cur string, n completionNames) []string {
	if len(words) == 0 {
		return []string{"kubectl", "clear"}
	}
	if words[0] != "kubectl" && words[0] != "k" {
		return nil
	}
	// Find the command (global flags may come first) and its subcommand.
	cmd, sub := "", ""
	var rest []string
	for i := 1; i < len(words); i++ {
		w := words[i]
		if cmd == "" {
			if strings.HasPrefix(w, "-") {
				if (w == "-n" || w == "--namespace") && i+1 < len(words) {
					i++
				}
				continue
			}
			cmd = w
			continue
		}
		if sub == "" && len(commandSpecs[cmd].sub) > 0 && !strings.HasPrefix(w, "-") {
			sub = w
			continue
		}
		rest = append(rest, w)
	}
	if cmd == "" {
		if prev := words[len(words)-1]; prev == "-n" || prev == "--namespace" {
			return []string{"default"}
		}
		if strings.HasPrefix(cur, "-") {
			return withDashes(globalFlags, []string{"-n"})
		}
		return commandNames()
	}
	spec, ok := commandSpecs[cmd]
	if !ok {
		return nil
	}
	if len(spec.sub) > 0 {
		if sub == "" {
			if strings.HasPrefix(cur, "-") {
				return nil
			}
			return spec.sub
		}
		if spec, ok = subSpecs[cmd+" "+sub]; !ok {
			return nil
		}
	}
	// Flag values: --flag=value, or a value flag's separate value.
	if strings.HasPrefix(cur, "--") && strings.Contains(cur, "=") {
		name := cur[2:strings.IndexByte(cur, '=')]
		var out []string
		for _, v := range valuesOf(name, n) {
			out = append(out, "--"+name+"="+v)
		}
		return out
	}
	if len(words) > 0 {
		prev := words[len(words)-1]
		if long, ok := valueFlag(prev, spec); ok {
			return valuesOf(long, n)
		}
	}
	if strings.HasPrefix(cur, "-") {
		return withDashes(append(append([]string(nil), spec.flags...), globalFlags...), spec.short)
	}
	// Positional arguments.
	var pos []string
	for i := 0; i < len(rest); i++ {
		w := rest[i]
		if strings.HasPrefix(w, "-") {
			if _, ok := valueFlag(w, spec); ok && !strings.Contains(w, "=") {
				i++
			}
			continue
		}
		pos = append(pos, w)
	}
	switch spec.args {
	case argTypeName:
		if strings.Contains(cur, "/") {
			typ := cur[:strings.IndexByte(cur, '/')]
			return prefixed(typ+"/", namesOf(kindOfAlias(typ), n))
		}
		if len(pos) == 0 {
			return typeWords(cur)
		}
		if strings.Contains(pos[0], "/") {
			return typeSlashes()
		}
		return namesOf(kindOfAlias(strings.Split(pos[0], ",")[0]), n)
	case argDeployment:
		return slashNames(cur, []string{"deployment"}, n)
	case argScalable:
		return slashNames(cur, []string{"deployment", "replicaset"}, n)
	case argType:
		if len(pos) == 0 {
			return []string{"deployment", "replicaset", "pod", "deployment.spec", "deployment.spec.strategy", "pod.spec.containers"}
		}
	}
	return nil
}

func commandNames() []string {
	out := make([]string, 0, len(commandSpecs))
	for c := range commandSpecs {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

func withDashes(long, short []string) []string {
	out := make([]string, 0, len(long)+len(short))
	for _, f := range long {
		out = append(out, "--"+f)
	}
	return append(out, short...)
}

// valueFlag reports whether w is a flag that takes its value as the next word.
func valueFlag(w string, spec cmdSpec) (string, bool) {
	if strings.Contains(w, "=") {
		return "", false
	}
	long := ""
	switch {
	case strings.HasPrefix(w, "--"):
		long = w[2:]
	case strings.HasPrefix(w, "-"):
		long = shortToLong[w]
		known := w == "-n"
		for _, s := range spec.short {
			known = known || s == w
		}
		if !known {
			return "", false
		}
	default:
		return "", false
	}
	if long == "namespace" {
		return long, true
	}
	for _, f := range spec.flags {
		if f == long+"=" {
			return long, true
		}
	}
	return "", false
}

func valuesOf(flag string, n completionNames) []string {
	switch flag {
	case "filename":
		return n.Files
	case "to-revision", "revision":
		return n.Revisions
	case "namespace":
		return []string{"default"}
	}
	return flagValues[flag]
}

func typeWords(cur string) []string {
	var out []string
	for _, set := range resourceAliases {
		if cur == "" {
			out = append(out, set[0])
			continue
		}
		out = append(out, set...)
	}
	return append(out, "all")
}

// typeSlashes starts another TYPE/NAME word.
func typeSlashes() []string {
	var out []string
	for _, set := range resourceAliases {
		out = append(out, set[0]+"/")
	}
	return out
}

// slashNames offers kind/ then kind/NAME.
func slashNames(cur string, kinds []string, n completionNames) []string {
	if i := strings.IndexByte(cur, '/'); i >= 0 {
		k := kindOfAlias(cur[:i])
		for _, want := range kinds {
			if k == want {
				return prefixed(cur[:i+1], namesOf(k, n))
			}
		}
		return nil
	}
	var out []string
	for _, k := range kinds {
		out = append(out, k+"/")
		if k == "deployment" {
			out = append(out, "deploy/", "deployments/")
		} else {
			out = append(out, "rs/")
		}
	}
	return out
}

func prefixed(p string, names []string) []string {
	out := make([]string, len(names))
	for i, s := range names {
		out[i] = p + s
	}
	return out
}

func namesOf(kind string, n completionNames) []string {
	switch kind {
	case "deployment":
		return n.Deployments
	case "replicaset":
		return n.ReplicaSets
	case "pod":
		return n.Pods
	case "node":
		return n.Nodes
	case "service", "endpoints":
		return n.Services
	}
	return nil
}
