package kubectl

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

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

// manifest is one document of a file: the decoded object, or the error kubectl reports for it.
type manifest struct {
	obj      api.Object
	raw      map[string]any // the document as sent: apply's merge and last-applied configuration
	source   string
	warnings []string // the apiserver's warnings (--validate=warn), printed when it is sent
	// err is either a document kubectl could not read or map (unreadable is set: a syntax or
	// schema error, which also ends its file, or no resource for its kind), or the apiserver's
	// BadRequest when it decodes the document, reported as the answer to the write.
	err        error
	unreadable bool
}

const recordWarning = "Flag --record has been deprecated, --record will be removed in the future\n"

// loadDocuments reads and decodes every -f file document by document, as kubectl's resource
// builder does when it continues on errors. It fails (false, error printed) only for what stops
// kubectl before any request: no -f, a bad --validate value, a path that does not exist.
func (k *Kubectl) loadDocuments(p *parsed, res *Result) ([]manifest, bool) {
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
	contents := make([][]byte, len(files))
	for i, f := range files {
		data, found := k.Files.ReadFile(f)
		if !found {
			res.failf("the path %q does not exist", f)
			return nil, false
		}
		contents[i] = data
	}
	var out []manifest
	for i, f := range files {
		for _, d := range api.DecodeDocuments(contents[i], mode) {
			m := manifest{obj: d.Object, source: f, warnings: d.Warnings, err: d.Err}
			var fe api.FileError
			if errors.As(d.Err, &fe) {
				m.err, m.unreadable = errors.New(fe.FileMessage(f)), true
			}
			if d.JSON != nil {
				_ = json.Unmarshal(d.JSON, &m.raw)
			}
			out = append(out, m)
		}
	}
	return out, true
}

// loadFiles is loadDocuments for a command that stops at the first bad document (edit -f).
func (k *Kubectl) loadFiles(p *parsed, verb string, res *Result) ([]manifest, bool) {
	ms, ok := k.loadDocuments(p, res)
	if !ok {
		return nil, false
	}
	for _, m := range ms {
		for _, w := range m.warnings {
			res.Stderr.WriteString("Warning: " + w + "\n")
		}
		if m.unreadable {
			res.fail(m.err)
			return nil, false
		}
		if m.err != nil {
			res.fail(api.WithSource(verb+"ing", m.source, m.err))
			return nil, false
		}
	}
	if len(ms) == 0 {
		res.failf("no objects passed to %s", verb)
		return nil, false
	}
	return ms, true
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
		if sub == "service" || sub == "svc" {
			runCreateService(k, rest, res)
		} else {
			runCreateDeployment(k, rest, res)
		}
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
		if m.err != nil {
			return "", api.WithSource("creating", m.source, m.err)
		}
		if dry {
			return "created", nil
		}
		return "created", api.WithSource("creating", m.source, k.C.Create(m.obj))
	})
}

func runReplace(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	k.writeObjects(p, "replace", []string{"replace"}, res, func(m manifest, dry bool) (string, error) {
		if m.err != nil {
			return "", api.WithSource("replacing", m.source, m.err)
		}
		live := k.C.Store.Get(m.obj.ObjectKind(), namespaceOr(m.obj, namespace(p)), m.obj.Meta().Name)
		if live == nil {
			return "", api.WithSource("replacing", m.source, api.NewNotFound(typeOfKind(m.obj.ObjectKind()).qualified, m.obj.Meta().Name))
		}
		m.obj.Meta().ResourceVersion = ""
		if dry {
			return "replaced", nil
		}
		return "replaced", api.WithSource("replacing", m.source, k.C.Update(m.obj))
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

// writeObjects runs one write per document and prints `<kind>/<name> <verb>` lines. Like
// kubectl, it goes on after a document fails and reports every error at the end (exit 1): create
// and replace in document order; apply first the documents it could not read, then the failed
// writes (kubectl apply reads all objects before sending any). write returns its error with the
// source already added.
func (k *Kubectl) writeObjects(p *parsed, verb string, words []string, res *Result, write func(m manifest, dry bool) (string, error)) {
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	ms, ok := k.loadDocuments(p, res)
	if !ok {
		return
	}
	if len(ms) == 0 {
		res.failf("no objects passed to %s", verb)
		return
	}
	if p.boolean("record") {
		res.Stderr.WriteString(recordWarning)
	}
	var unreadable, errs []error
	for _, m := range ms {
		if m.unreadable && verb == "apply" {
			unreadable = append(unreadable, m.err)
			continue
		}
		if m.unreadable {
			errs = append(errs, m.err)
			continue
		}
		for _, w := range m.warnings {
			res.Stderr.WriteString("Warning: " + w + "\n")
		}
		if m.obj != nil {
			if m.obj.Meta().Namespace == "" && m.obj.ObjectKind() != api.KindNode {
				m.obj.Meta().Namespace = namespace(p)
			}
			if p.boolean("record") {
				setChangeCause(m.obj, recordCommand(words, p))
			}
		}
		before := k.generation(m.obj)
		did, err := write(m, suffix != "")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		// The apiserver warns on a create, and on an update that changes the generation (an
		// unchanged apply sends nothing); a client dry run sends nothing.
		if suffix != " (dry run)" && (did == "created" || k.generation(m.obj) != before) {
			warn(m.obj, res)
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
	if len(unreadable) > 0 {
		errs = append([]error{api.NewAggregate(unreadable)}, errs...)
	}
	if len(errs) > 0 {
		res.fail(api.NewAggregate(errs))
	}
}

// create is a POST of o, printing the apiserver's warnings.
func (k *Kubectl) create(o api.Object, res *Result) error {
	if err := k.C.Create(o); err != nil {
		return err
	}
	warn(o, res)
	return nil
}

// update is a PUT or PATCH of o, printing the apiserver's warnings, which it sends when the
// update changes the generation (WarningsOnUpdate).
func (k *Kubectl) update(o api.Object, res *Result) error {
	before := k.generation(o)
	if err := k.C.Update(o); err != nil {
		return err
	}
	if k.generation(o) != before {
		warn(o, res)
	}
	return nil
}

// warn prints the apiserver's warnings for o as kubectl does, on stderr.
func warn(o api.Object, res *Result) {
	for _, w := range api.Warnings(o) {
		res.Stderr.WriteString("Warning: " + w + "\n")
	}
}

// generation is the stored generation of the object o names, -1 if there is none.
func (k *Kubectl) generation(o api.Object) int64 {
	if o == nil {
		return -1
	}
	if live := k.C.Store.Get(o.ObjectKind(), o.Meta().Namespace, o.Meta().Name); live != nil {
		return live.Meta().Generation
	}
	return -1
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
//
// kubectl first gets the object: if there is none, apply is a create, and a failure is reported
// as `error when creating "FILE"`, else as `error when applying patch`.
func (k *Kubectl) apply(m manifest, p *parsed, dry bool, res *Result) (string, error) {
	if m.err != nil {
		kind, name, ns := rawRef(m.raw)
		if ns == "" && kind != api.KindNode {
			ns = namespace(p)
		}
		if k.C.Store.Get(kind, ns, name) == nil {
			return "", api.WithSource("creating", m.source, m.err)
		}
		return "", api.WithSource("applying patch", m.source, m.err)
	}
	ns := namespaceOr(m.obj, namespace(p))
	appliedNS := ns
	if t := typeOfKind(m.obj.ObjectKind()); t != nil && !t.namespaced {
		appliedNS = ""
	}
	applied := lastApplied(m.raw, m.obj, appliedNS)
	liveObj := k.C.Store.Get(m.obj.ObjectKind(), ns, m.obj.Meta().Name)
	if liveObj == nil {
		setAnnotation(m.obj, api.LastAppliedAnnotation, applied)
		if dry {
			return "created", nil
		}
		return "created", api.WithSource("creating", m.source, k.C.Create(m.obj))
	}
	live := toMap(liveObj)
	prev := map[string]any{}
	if s, ok := liveObj.Meta().Annotations[api.LastAppliedAnnotation]; ok {
		_ = json.Unmarshal([]byte(s), &prev)
	} else {
		res.Stderr.WriteString(fmt.Sprintf("Warning: resource %s/%s is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
			typeOfKind(m.obj.ObjectKind()).plural, m.obj.Meta().Name))
	}
	// The patch's target is what the annotation records (with its namespace), as kubectl's
	// modified configuration is.
	var desired map[string]any
	_ = json.Unmarshal([]byte(applied), &desired)
	if cause, ok := m.obj.Meta().Annotations[api.ChangeCauseAnnotation]; ok && p.boolean("record") {
		desired = withAnnotation(desired, api.ChangeCauseAnnotation, cause)
	}
	merged := mergeApply(live, desired, prev)
	obj, err := fromMap(merged)
	if err != nil {
		return "", api.WithSource("applying patch", m.source, err)
	}
	setAnnotation(obj, api.LastAppliedAnnotation, applied)
	before := liveObj.CopyObject()
	if dry {
		return "configured", nil
	}
	if err := k.C.Update(obj); err != nil {
		return "", api.WithSource("applying patch", m.source, err)
	}
	if sameSpecAndMeta(before, obj) {
		return "unchanged", nil
	}
	return "configured", nil
}

// rawRef is the kind, name and namespace a document gives.
func rawRef(raw map[string]any) (kind, name, ns string) {
	kind, _ = raw["kind"].(string)
	md, _ := raw["metadata"].(map[string]any)
	name, _ = md["name"].(string)
	ns, _ = md["namespace"].(string)
	return kind, name, ns
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

// lastApplied is the last-applied-configuration kubectl writes: the manifest with an empty
// "annotations" where the annotation itself was taken out, and the namespace it was applied to
// (ns, "" for none) when the manifest names none.
func lastApplied(raw map[string]any, o api.Object, ns string) string {
	src := raw
	if src == nil {
		src = toMap(o)
	}
	c := deepCopyMap(src)
	md, ann := metaAnnotations(c)
	delete(ann, api.LastAppliedAnnotation)
	if _, ok := md["namespace"]; !ok && ns != "" {
		md["namespace"] = ns
	}
	b, _ := json.Marshal(c)
	return string(b) + "\n"
}

func withAnnotation(m map[string]any, k, v string) map[string]any {
	c := deepCopyMap(m)
	_, ann := metaAnnotations(c)
	ann[k] = v
	return c
}

// metaAnnotations returns a manifest's metadata and its annotations, adding either (empty) where
// the manifest has none.
func metaAnnotations(c map[string]any) (md, ann map[string]any) {
	md, _ = c["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		c["metadata"] = md
	}
	ann, _ = md["annotations"].(map[string]any)
	if ann == nil {
		ann = map[string]any{}
		md["annotations"] = ann
	}
	return md, ann
}

func toMap(o api.Object) map[string]any {
	b, _ := json.Marshal(o)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	if m == nil {
		m = map[string]any{}
	}
	addTypeMeta(m, o)
	return m
}

// addTypeMeta fills in kind and apiVersion, which typed objects may leave empty.
func addTypeMeta(m map[string]any, o api.Object) {
	if _, ok := m["kind"]; !ok {
		m["kind"] = o.ObjectKind()
		m["apiVersion"] = typeOfKind(o.ObjectKind()).apiVersion()
	}
}

func (t *resourceType) apiVersion() string { return api.APIVersionFor(t.kind) }

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
