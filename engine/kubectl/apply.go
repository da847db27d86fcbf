package kubectl

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"sigs.k8s.io/yaml"

	"rolloutlab/engine/api"
)

var fileFlags = []*flagDef{
	{long: "filename", short: "f", kind: sliceFlag},
	{long: "record", kind: boolFlag, noOpt: "true"},
	{long: "validate", kind: stringFlag, noOpt: "strict"},
	{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
	{long: "output", short: "o", kind: stringFlag},
	{long: "save-config", kind: boolFlag, noOpt: "true"},
	{long: "recursive", short: "R", kind: boolFlag, noOpt: "true"},
}

func init() {
	register(&command{name: "create", path: "create", flags: fileFlags, help: createHelp, run: runCreate})
	register(&command{name: "apply", path: "apply", flags: append(fileFlags,
		&flagDef{long: "force", kind: boolFlag, noOpt: "true"},
		&flagDef{long: "prune", kind: boolFlag, noOpt: "true"},
		&flagDef{long: "server-side", kind: boolFlag, noOpt: "true"}), help: applyHelp, run: runApply})
	register(&command{name: "replace", path: "replace", flags: append(fileFlags,
		&flagDef{long: "force", kind: boolFlag, noOpt: "true"}), help: replaceHelp, run: runReplace})
}

// manifest is one decoded document of a file, with its source for messages.
type manifest struct {
	obj    api.Object
	raw    map[string]any
	source string
}

const recordWarning = "Flag --record has been deprecated, --record will be removed in the future\n"

// loadFiles reads and decodes every -f file. Warnings go to stderr.
func (k *Kubectl) loadFiles(p *parsed, verb string, res *Result) ([]manifest, bool) {
	files := p.list("filename")
	if len(files) == 0 {
		res.failf("must specify one of -f and -k")
		return nil, false
	}
	mode, ok := validationMode(p.str("validate", "strict"))
	if !ok {
		res.failf("invalid - validate option %q; must be one of: strict (or true), warn, ignore (or false)", p.str("validate", ""))
		return nil, false
	}
	var out []manifest
	for _, f := range files {
		data, found := k.Files.ReadFile(f)
		if !found {
			res.failf("the path %q does not exist", f)
			return nil, false
		}
		objs, warnings, err := api.DecodeObjects(data, mode)
		for _, w := range warnings {
			res.Stderr.WriteString("Warning: " + w + "\n")
		}
		if err != nil {
			res.fail(sourceError(err, verb, f))
			return nil, false
		}
		docs := splitDocs(data)
		for i, o := range objs {
			m := manifest{obj: o, source: f}
			if i < len(docs) {
				m.raw = docs[i]
			}
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		res.failf("no objects passed to %s", verb)
		return nil, false
	}
	return out, true
}

func validationMode(v string) (api.ValidationMode, bool) {
	switch v {
	case "strict", "true":
		return api.Strict, true
	case "warn":
		return api.Warn, true
	case "ignore", "false":
		return api.Ignore, true
	}
	return 0, false
}

// splitDocs returns the generic form of each non-empty document (used by apply's merge).
func splitDocs(data []byte) []map[string]any {
	var out []map[string]any
	for _, doc := range strings.Split("\n"+string(data), "\n---") {
		j, err := yaml.YAMLToJSON([]byte(doc))
		if err != nil {
			return nil
		}
		var m map[string]any
		if json.Unmarshal(j, &m) != nil || m == nil {
			continue
		}
		out = append(out, m)
	}
	return out
}

// sourceError wraps an API error with "error when <verb>ing "<file>": " as kubectl does; a
// decoding error of the file itself is reported against the file.
func sourceError(err error, verb, source string) error {
	if _, ok := err.(*api.StatusError); ok {
		return api.WithSource(verbing(verb), source, err)
	}
	return fileError(err, source)
}

// fileError is a problem kubectl finds in the file itself, printed against the file name.
func fileError(err error, source string) error {
	var fe api.FileError
	if errors.As(err, &fe) {
		return errors.New("error: " + fe.FileMessage(source))
	}
	return err
}

func verbing(v string) string {
	switch v {
	case "create":
		return "creating"
	case "replace":
		return "replacing"
	case "apply":
		return "applying patch"
	}
	return v + "ing"
}

func dryRunSuffix(p *parsed, res *Result) (string, bool) {
	switch v := p.str("dry-run", "none"); v {
	case "none", "false":
		return "", true
	case "client", "unchanged", "true":
		return " (dry run)", true
	case "server":
		return " (server dry run)", true
	default:
		res.failf(`Invalid dry-run value (%s). Must be "none", "server", or "client".`, v)
		return "", false
	}
}

func setChangeCause(o api.Object, cause string) {
	m := o.Meta()
	if m.Annotations == nil {
		m.Annotations = map[string]string{}
	}
	m.Annotations[api.ChangeCauseAnnotation] = cause
}

func objectRef(o api.Object) string {
	return typeOfKind(o.ObjectKind()).prefix + "/" + o.Meta().Name
}

func runCreate(k *Kubectl, c *command, args []string, res *Result) {
	// `kubectl create deployment …` is a subcommand: the first word that is not a flag (or a
	// flag's value) names it.
	if sub, rest, ok := createSubcommand(args); ok {
		runCreateDeployment(k, rest, res)
		return
	} else if sub != "" {
		if !hasFilename(args) {
			res.Stderr.WriteString("Error: must specify one of -f and -k\n\n")
		}
		res.Stderr.WriteString(fmt.Sprintf("error: unknown command %q\nSee 'kubectl create -h' for help and examples\n", sub))
		res.Exit = 1
		return
	}
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	if len(p.list("filename")) == 0 {
		res.Stderr.WriteString("Error: must specify one of -f and -k\n\n" + createHelp)
		res.Exit = 1
		return
	}
	k.writeObjects(p, "create", []string{"create"}, res, func(m manifest, dry bool) (string, error) {
		if dry {
			return "created", nil
		}
		return "created", k.C.Create(m.obj)
	})
}

func runReplace(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	k.writeObjects(p, "replace", []string{"replace"}, res, func(m manifest, dry bool) (string, error) {
		live := k.C.Store.Get(m.obj.ObjectKind(), namespaceOr(m.obj, namespace(p)), m.obj.Meta().Name)
		if live == nil {
			return "", api.NewNotFound(typeOfKind(m.obj.ObjectKind()).qualified, m.obj.Meta().Name)
		}
		m.obj.Meta().ResourceVersion = ""
		if dry {
			return "replaced", nil
		}
		return "replaced", k.C.Update(m.obj)
	})
}

func namespaceOr(o api.Object, ns string) string {
	if o.Meta().Namespace != "" {
		return o.Meta().Namespace
	}
	if o.ObjectKind() == api.KindNode {
		return ""
	}
	return ns
}

// writeObjects runs one write per manifest and prints `<kind>/<name> <verb>` lines.
func (k *Kubectl) writeObjects(p *parsed, verb string, words []string, res *Result, write func(m manifest, dry bool) (string, error)) {
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	ms, ok := k.loadFiles(p, verb, res)
	if !ok {
		return
	}
	if p.boolean("record") {
		res.Stderr.WriteString(recordWarning)
	}
	for _, m := range ms {
		if m.obj.Meta().Namespace == "" && m.obj.ObjectKind() != api.KindNode {
			m.obj.Meta().Namespace = namespace(p)
		}
		if p.boolean("record") {
			setChangeCause(m.obj, recordCommand(words, p))
		}
		did, err := write(m, suffix != "")
		if err != nil {
			res.fail(sourceError(err, verb, m.source))
			continue
		}
		if o := p.str("output", ""); o == "name" {
			res.out("%s\n", objectRef(m.obj))
			continue
		} else if o != "" {
			k.printObject(m.obj, o, res)
			continue
		}
		res.out("%s %s%s\n", objectRef(m.obj), did, suffix)
	}
}

func runApply(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	k.writeObjects(p, "apply", []string{"apply"}, res, func(m manifest, dry bool) (string, error) {
		return k.apply(m, p, dry, res)
	})
}

// apply creates the object, or merges the file into the live object: fields the file sets
// win, fields the last applied file had and this one dropped are removed, everything else
// (what controllers or other commands set) is kept.
func (k *Kubectl) apply(m manifest, p *parsed, dry bool, res *Result) (string, error) {
	applied := lastApplied(m.raw, m.obj)
	ns := namespaceOr(m.obj, namespace(p))
	liveObj := k.C.Store.Get(m.obj.ObjectKind(), ns, m.obj.Meta().Name)
	if liveObj == nil {
		setAnnotation(m.obj, api.LastAppliedAnnotation, applied)
		if dry {
			return "created", nil
		}
		return "created", k.C.Create(m.obj)
	}
	live := toMap(liveObj)
	prev := map[string]any{}
	if s, ok := liveObj.Meta().Annotations[api.LastAppliedAnnotation]; ok {
		_ = json.Unmarshal([]byte(s), &prev)
	} else {
		res.Stderr.WriteString(fmt.Sprintf("Warning: resource %s/%s is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
			typeOfKind(m.obj.ObjectKind()).plural, m.obj.Meta().Name))
	}
	desired := m.raw
	if desired == nil {
		desired = toMap(m.obj)
	}
	if cause, ok := m.obj.Meta().Annotations[api.ChangeCauseAnnotation]; ok && p.boolean("record") {
		desired = withAnnotation(desired, api.ChangeCauseAnnotation, cause)
	}
	merged := mergeApply(live, desired, prev)
	obj, err := fromMap(merged)
	if err != nil {
		return "", err
	}
	setAnnotation(obj, api.LastAppliedAnnotation, applied)
	before := liveObj.CopyObject()
	if dry {
		return "configured", nil
	}
	if err := k.C.Update(obj); err != nil {
		return "", err
	}
	if sameSpecAndMeta(before, obj) {
		return "unchanged", nil
	}
	return "configured", nil
}

func sameSpecAndMeta(a, b api.Object) bool {
	ma, mb := toMap(a), toMap(b)
	for _, m := range []map[string]any{ma, mb} {
		delete(m, "status")
		if md, ok := m["metadata"].(map[string]any); ok {
			delete(md, "resourceVersion")
			delete(md, "generation")
		}
	}
	return reflect.DeepEqual(ma, mb)
}

func setAnnotation(o api.Object, k, v string) {
	m := o.Meta()
	if m.Annotations == nil {
		m.Annotations = map[string]string{}
	}
	m.Annotations[k] = v
}

// lastApplied is the annotation kubectl apply stores: the file's object as JSON, without the
// annotation itself, followed by a newline.
func lastApplied(raw map[string]any, o api.Object) string {
	src := raw
	if src == nil {
		src = toMap(o)
	}
	c := deepCopyMap(src)
	if md, ok := c["metadata"].(map[string]any); ok {
		if ann, ok := md["annotations"].(map[string]any); ok {
			delete(ann, api.LastAppliedAnnotation)
			if len(ann) == 0 {
				delete(md, "annotations")
			}
		}
	}
	b, _ := json.Marshal(c)
	return string(b) + "\n"
}

func withAnnotation(m map[string]any, k, v string) map[string]any {
	c := deepCopyMap(m)
	md, _ := c["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		c["metadata"] = md
	}
	ann, _ := md["annotations"].(map[string]any)
	if ann == nil {
		ann = map[string]any{}
		md["annotations"] = ann
	}
	ann[k] = v
	return c
}

func toMap(o api.Object) map[string]any {
	b, _ := json.Marshal(o)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	if m == nil {
		m = map[string]any{}
	}
	if _, ok := m["kind"]; !ok {
		m["kind"] = o.ObjectKind()
		m["apiVersion"] = typeOfKind(o.ObjectKind()).apiVersion()
	}
	return m
}

func (t *resourceType) apiVersion() string {
	if t.kind == api.KindDeployment || t.kind == api.KindReplicaSet {
		return "apps/v1"
	}
	return "v1"
}

func fromMap(m map[string]any) (api.Object, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	objs, _, err := api.DecodeObjects(b, api.Ignore)
	if err != nil {
		return nil, err
	}
	if len(objs) != 1 {
		return nil, fmt.Errorf("expected one object")
	}
	return objs[0], nil
}

func deepCopyMap(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var c map[string]any
	_ = json.Unmarshal(b, &c)
	return c
}

// mergeKeys names the lists that apply merges element by element (strategic merge keys).
var mergeKeys = map[string]string{
	"containers": "name", "initContainers": "name", "env": "name", "volumes": "name",
	"volumeMounts": "mountPath", "ports": "containerPort", "tolerations": "key",
}

// mergeApply is a three-way merge: desired (the file) over live, deleting what prev (the last
// applied file) had and desired no longer has.
func mergeApply(live, desired, prev map[string]any) map[string]any {
	out := deepCopyMap(live)
	for k := range prev {
		if _, still := desired[k]; !still {
			delete(out, k)
		}
	}
	for k, dv := range desired {
		lv, inLive := out[k]
		pv := prev[k]
		switch d := dv.(type) {
		case map[string]any:
			lm, _ := lv.(map[string]any)
			pm, _ := pv.(map[string]any)
			if !inLive || lm == nil {
				out[k] = d
				continue
			}
			if pm == nil {
				pm = map[string]any{}
			}
			out[k] = mergeApply(lm, d, pm)
		case []any:
			key, keyed := mergeKeys[k]
			ll, _ := lv.([]any)
			if !keyed || ll == nil {
				out[k] = d
				continue
			}
			pl, _ := pv.([]any)
			out[k] = mergeList(ll, d, pl, key)
		default:
			out[k] = dv
		}
	}
	return out
}

func mergeList(live, desired, prev []any, key string) []any {
	find := func(list []any, id any) map[string]any {
		for _, e := range list {
			if m, ok := e.(map[string]any); ok && reflect.DeepEqual(m[key], id) {
				return m
			}
		}
		return nil
	}
	var out []any
	for _, d := range desired {
		dm, ok := d.(map[string]any)
		if !ok {
			return desired
		}
		lm := find(live, dm[key])
		if lm == nil {
			out = append(out, dm)
			continue
		}
		pm := find(prev, dm[key])
		if pm == nil {
			pm = map[string]any{}
		}
		out = append(out, mergeApply(lm, dm, pm))
	}
	// Elements only the live object has (added by someone else) stay, unless the last applied
	// file had them.
	for _, l := range live {
		lm, ok := l.(map[string]any)
		if !ok {
			continue
		}
		if find(desired, lm[key]) == nil && find(prev, lm[key]) == nil {
			out = append(out, lm)
		}
	}
	return out
}
