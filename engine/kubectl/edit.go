package kubectl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"reflect"
	"strings"

	"sigs.k8s.io/yaml"

	"rolloutlab/engine/api"
)

// `kubectl edit` in the playground. Real kubectl writes the object to a temporary file, runs
// $EDITOR on it and, when the editor exits, patches what changed. A browser has no terminal
// editor, so the UI calls EditBegin to get the file, shows it in its editor pane, and calls
// EditSave with the text when the learner saves. EditSave answers what kubectl answers after the
// editor exits: "edited", "Edit cancelled, no changes made.", an error, or (for invalid objects
// and syntax errors) the file again with the reasons in its header comment.

const editHeader = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`

var editFlags = []*flagDef{
	{long: "output", short: "o", kind: stringFlag},
	{long: "record", kind: boolFlag, noOpt: "true"},
	{long: "save-config", kind: boolFlag, noOpt: "true"},
	{long: "validate", kind: stringFlag, noOpt: "strict"},
	{long: "windows-line-endings", kind: boolFlag, noOpt: "true"},
	{long: "output-patch", kind: boolFlag, noOpt: "true"},
	{long: "field-manager", kind: stringFlag},
	{long: "show-managed-fields", kind: boolFlag, noOpt: "true"},
	{long: "subresource", kind: stringFlag},
	{long: "filename", short: "f", kind: sliceFlag},
}

func init() {
	register(&command{name: "edit", path: "edit", help: editHelp, run: runEdit, flags: editFlags})
}

// EditReopen is set on the Result of EditSave when kubectl reopens the editor instead of
// finishing: the save was rejected (invalid object, syntax error) and Content is the file to
// show again, its header listing the reasons. The command is still running: the next EditSave
// continues it.
type EditReopen struct {
	File    string
	Content string
}

// editSession is one `kubectl edit` between opening the editor and finishing.
type editSession struct {
	file      string
	original  string                    // the file as first opened
	originals map[string]map[string]any // object UID → the object as first opened
	refs      map[string]target         // object UID → its type and name
	reopened  string                    // the file last reopened with errors ("" when none)
}

// editCommand parses an edit command line (with or without the leading "edit") and finds the
// objects it names.
func (k *Kubectl) editCommand(args []string, res *Result) (*parsed, []api.Object, bool) {
	global, cmd, rest, err := splitGlobalFlags(args)
	if err == nil && cmd == "edit" {
		args = append(append([]string(nil), rest...), global...)
	}
	c := commands["edit"]
	p, ok := c.parse(args, res)
	if !ok {
		return nil, nil, false
	}
	if _, ok := validationMode(p.str("validate", "strict")); !ok {
		res.failf("invalid - validate option %q; must be one of: strict (or true), warn, ignore (or false)", p.str("validate", ""))
		return nil, nil, false
	}
	if o := p.str("output", ""); o != "" && o != "yaml" && o != "json" && o != "name" {
		res.failf("unable to match a printer suitable for the output format %q, allowed formats are: json,name,yaml", o)
		return nil, nil, false
	}
	if len(p.list("filename")) > 0 {
		ms, ok := k.loadFiles(p, "edit", res)
		if !ok {
			return nil, nil, false
		}
		var objs []api.Object
		for _, m := range ms {
			o, err := k.get(typeOfKind(m.obj.ObjectKind()), namespaceOr(m.obj, namespace(p)), m.obj.Meta().Name)
			if err != nil {
				res.fail(err)
				return nil, nil, false
			}
			objs = append(objs, o)
		}
		return p, objs, true
	}
	targets, err := parseTargets(p.args)
	if err != nil {
		res.fail(err)
		return nil, nil, false
	}
	if len(targets) == 0 {
		res.failf("%s", errNoResources)
		return nil, nil, false
	}
	var objs []api.Object
	for _, t := range targets {
		if t.name == "" {
			objs = append(objs, k.objectsOf(t.t, namespace(p))...)
			continue
		}
		o, err := k.get(t.t, namespace(p), t.name)
		if err != nil {
			res.fail(err)
			return nil, nil, false
		}
		objs = append(objs, o)
	}
	if len(objs) == 0 {
		res.failf("edit cancelled, no objects found")
		return nil, nil, false
	}
	return p, objs, true
}

func editKey(p *parsed, objs []api.Object) string {
	var b strings.Builder
	b.WriteString(namespace(p))
	for _, o := range objs {
		b.WriteString("|" + o.ObjectKind() + "/" + o.Meta().Name)
	}
	return b.String()
}

// render is the file kubectl edit writes: the header, then the object (or a v1 List of them) as
// YAML.
func renderEdit(objs []api.Object) (string, error) {
	var body []byte
	var err error
	if len(objs) == 1 {
		body, err = api.EncodeYAML(objs[0])
	} else {
		body, err = api.EncodeYAMLList(objs)
	}
	if err != nil {
		return "", err
	}
	return editHeader + string(body), nil
}

// EditBegin starts `kubectl edit …` (args as typed after "kubectl", the word "edit" optional):
// it returns the temporary file's name and content to open in the editor, or the Result kubectl
// ends with before any editor opens (no such object, bad flags, …).
func (k *Kubectl) EditBegin(args []string) (file string, content string, err *Result) {
	res := &Result{}
	defer func() {
		if r := recover(); r != nil {
			file, content, err = "", "", &Result{Exit: 1}
			err.Stderr.WriteString(fmt.Sprintf("error: internal error: %v\n", r))
		}
	}()
	p, objs, ok := k.editCommand(args, res)
	if !ok {
		return "", "", res
	}
	content, e := renderEdit(objs)
	if e != nil {
		res.fail(e)
		return "", "", res
	}
	s := &editSession{original: content, originals: map[string]map[string]any{}, refs: map[string]target{}}
	h := fnv.New32a()
	h.Write([]byte(content))
	s.file = fmt.Sprintf("/tmp/kubectl-edit-%d.yaml", h.Sum32())
	for _, o := range objs {
		m, _ := yamlMap(mustYAML(o))
		s.originals[o.Meta().UID] = m
		s.refs[o.Meta().UID] = target{t: typeOfKind(o.ObjectKind()), name: o.Meta().Name}
	}
	if k.edits == nil {
		k.edits = map[string]*editSession{}
	}
	k.edits[editKey(p, objs)] = s
	return s.file, content, nil
}

// EditSave finishes (or continues) `kubectl edit …` with the text the learner saved. The
// Result holds what kubectl prints when the editor exits; Result.Reopen is set when kubectl
// would reopen the editor.
func (k *Kubectl) EditSave(args []string, content string) (res *Result) {
	res = &Result{}
	defer func() {
		if r := recover(); r != nil {
			res = &Result{Exit: 1}
			res.Stderr.WriteString(fmt.Sprintf("error: internal error: %v\n", r))
		}
	}()
	p, objs, ok := k.editCommand(args, res)
	if !ok {
		return res
	}
	key := editKey(p, objs)
	s := k.edits[key]
	if s == nil {
		// No editor was opened through EditBegin (a restored session): edit against the live
		// objects as they are now.
		if _, _, r := k.EditBegin(args); r != nil {
			return r
		}
		s = k.edits[key]
	}
	finish := func() { delete(k.edits, key) }

	if s.reopened != "" && bytes.Equal(stripComments(s.reopened), stripComments(content)) {
		finish()
		res.Stderr.WriteString(fmt.Sprintf("A copy of your changes has been stored to %q\n", s.file))
		res.failf("Edit cancelled, no valid changes were saved.")
		return res
	}
	if bytes.Equal(stripComments(s.original), stripComments(content)) {
		finish()
		res.Stderr.WriteString("Edit cancelled, no changes made.\n")
		return res
	}
	if !hasLines(content) {
		finish()
		res.Stderr.WriteString("Edit cancelled, saved file was empty.\n")
		return res
	}
	reopen := func(reasons []editReason) *Result {
		var b strings.Builder
		b.WriteString(editHeader)
		for _, r := range reasons {
			if len(r.other) > 0 {
				b.WriteString("# " + hashOnLineBreak(r.head) + ":\n")
			} else {
				b.WriteString("# " + hashOnLineBreak(r.head) + "\n")
			}
			for _, o := range r.other {
				b.WriteString("# * " + hashOnLineBreak(o) + "\n")
			}
			b.WriteString("#\n")
		}
		b.WriteString(manualStrip(content))
		s.reopened = b.String()
		res.Reopen = &EditReopen{File: s.file, Content: s.reopened}
		return res
	}
	edited, perr := parseEdited(content)
	if perr != nil {
		return reopen([]editReason{{head: "The edited file had a syntax error: " + perr.Error()}})
	}
	preserved := func(err error) *Result {
		finish()
		res.Stderr.WriteString(fmt.Sprintf("A copy of your changes has been stored to %q\n", s.file))
		res.fail(err)
		return res
	}
	ns := namespace(p)
	mode, _ := validationMode(p.str("validate", "strict"))
	var reasons []editReason
	var retryable, notFound int
	for _, e := range edited {
		md, _ := e["metadata"].(map[string]any)
		if objNS, _ := md["namespace"].(string); objNS != "" && objNS != ns {
			return preserved(fmt.Errorf("the namespace from the provided object %q does not match the namespace %q. You must pass '--namespace=%s' to perform this operation.", objNS, ns, objNS))
		}
		uid, _ := md["uid"].(string)
		orig, found := s.originals[uid]
		if !found {
			name, _ := md["name"].(string)
			return preserved(fmt.Errorf("no original object found for %s/%s", strings.ToLower(fmt.Sprint(e["kind"])), name))
		}
		ref := s.refs[uid]
		if p.boolean("record") {
			e = withAnnotation(e, api.ChangeCauseAnnotation, recordCommand([]string{"edit"}, p))
		}
		if p.boolean("save-config") {
			applied := lastApplied(e, nil, "")
			e = withAnnotation(e, api.LastAppliedAnnotation, applied)
		}
		patch := mergeDiff(orig, e)
		if !sameKey(orig, e, "apiVersion") || !sameKey(orig, e, "kind") || !sameMetaName(orig, e) {
			return preserved(errors.New("At least one of apiVersion, kind and name was changed"))
		}
		resource := ref.t.plural
		if i := strings.IndexByte(ref.t.qualified, '.'); i >= 0 {
			resource = ref.t.qualified
		}
		if len(patch) == 0 {
			res.out("%s/%s skipped\n", ref.t.prefix, ref.name)
			continue
		}
		live := k.C.Store.Get(ref.t.kind, scopeNS(ref.t, ns), ref.name)
		if live == nil || live.Meta().UID != uid {
			notFound++
			res.Stderr.WriteString(fmt.Sprintf("error: %s %q could not be found on the server\n", resource, ref.name))
			continue
		}
		obj, err := patchedObject(live, patch, mode)
		if err == nil {
			err = k.update(obj, res)
		}
		if err != nil {
			if api.IsInvalid(err) {
				var se *api.StatusError
				errors.As(err, &se)
				r := editReason{head: fmt.Sprintf("%s %q was not valid", resource, ref.name)}
				for _, c := range se.Causes {
					r.other = append(r.other, c.Error())
				}
				reasons = append(reasons, r)
				res.Stderr.WriteString(fmt.Sprintf("error: %s %q is invalid\n", resource, ref.name))
				continue
			}
			retryable++
			res.Stderr.WriteString(fmt.Sprintf("error: %s %q could not be patched: %s\n", resource, ref.name, patchErrorText(err)))
			continue
		}
		if o := p.str("output", ""); o != "" {
			k.printObject(obj, o, res)
		} else {
			res.out("%s/%s edited\n", ref.t.prefix, ref.name)
		}
	}
	if retryable > 0 {
		finish()
		res.Stderr.WriteString(fmt.Sprintf("You can run `kubectl replace -f %s` to try this update again.\n", s.file))
		res.Exit = 1
		return res
	}
	if notFound > 0 {
		finish()
		res.Stderr.WriteString(fmt.Sprintf("The edits you made on deleted resources have been saved to %q\n", s.file))
		res.Exit = 1
		return res
	}
	if len(reasons) > 0 {
		return reopen(reasons)
	}
	finish()
	return res
}

type editReason struct {
	head  string
	other []string
}

func hashOnLineBreak(s string) string { return strings.ReplaceAll(s, "\n", "\n# ") }

// stripComments is how kubectl compares saved files: as JSON when the text is valid YAML (so
// formatting does not count), else without comment lines.
func stripComments(s string) []byte {
	if j, err := yaml.YAMLToJSON([]byte(s)); err == nil {
		return j
	}
	return []byte(manualStrip(s))
}

// manualStrip drops the lines that are comments (but not "#!" lines).
func manualStrip(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "#!") {
			continue
		}
		b.WriteString(l)
		if i < len(lines)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func hasLines(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); t != "" && t[0] != '#' {
			return true
		}
	}
	return false
}

// parseEdited reads the saved file: one object, or the items of a List.
func parseEdited(content string) ([]map[string]any, error) {
	m, err := yamlMap([]byte(content))
	if err != nil {
		var se *api.SyntaxError
		if errors.As(err, &se) {
			return nil, errors.New(se.FileMessage("edited-file"))
		}
		return nil, err
	}
	if m["kind"] == "List" {
		items, _ := m["items"].([]any)
		var out []map[string]any
		for _, it := range items {
			if im, ok := it.(map[string]any); ok {
				out = append(out, im)
			}
		}
		return out, nil
	}
	return []map[string]any{m}, nil
}

func yamlMap(data []byte) (map[string]any, error) {
	j, err := yaml.YAMLToJSON(data)
	if err != nil {
		return nil, &api.SyntaxError{Msg: "error converting YAML to JSON: " + strings.TrimPrefix(err.Error(), "error converting YAML to JSON: ")}
	}
	var m map[string]any
	if err := json.Unmarshal(j, &m); err != nil || m == nil {
		return nil, &api.SyntaxError{Msg: fmt.Sprintf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type map[string]interface {}", jsonKind(j))}
	}
	return m, nil
}

func sameKey(a, b map[string]any, key string) bool { return reflect.DeepEqual(a[key], b[key]) }

func sameMetaName(a, b map[string]any) bool {
	am, _ := a["metadata"].(map[string]any)
	bm, _ := b["metadata"].(map[string]any)
	return reflect.DeepEqual(am["name"], bm["name"])
}

// mergeDiff is the JSON merge patch that turns orig into edited: changed and new keys with
// their new values, removed keys as null, maps compared key by key, lists as wholes.
func mergeDiff(orig, edited map[string]any) map[string]any {
	patch := map[string]any{}
	for k := range orig {
		if _, ok := edited[k]; !ok {
			patch[k] = nil
		}
	}
	for k, ev := range edited {
		ov, ok := orig[k]
		if !ok {
			patch[k] = ev
			continue
		}
		om, ok1 := ov.(map[string]any)
		em, ok2 := ev.(map[string]any)
		if ok1 && ok2 {
			if sub := mergeDiff(om, em); len(sub) > 0 {
				patch[k] = sub
			}
			continue
		}
		if !reflect.DeepEqual(ov, ev) {
			patch[k] = ev
		}
	}
	return patch
}

// patchedObject applies the patch to the live object and decodes the result as the API server
// would, rejecting unknown fields unless validation is off.
func patchedObject(live api.Object, patch map[string]any, mode api.ValidationMode) (api.Object, error) {
	merged := mergePatch(toMap(live), patch, false)
	b, err := json.Marshal(merged)
	if err != nil {
		return nil, err
	}
	docs := api.DecodeDocuments(b, mode)
	if len(docs) != 1 {
		return nil, api.NewBadRequest("the edited file does not describe one object")
	}
	if docs[0].Err != nil {
		return nil, docs[0].Err
	}
	obj := docs[0].Object
	obj.Meta().ResourceVersion = live.Meta().ResourceVersion
	if rv, ok := nestedString(patch, "metadata", "resourceVersion"); ok {
		obj.Meta().ResourceVersion = rv
	}
	return obj, nil
}

func nestedString(m map[string]any, keys ...string) (string, bool) {
	var cur any = m
	for _, k := range keys {
		mm, ok := cur.(map[string]any)
		if !ok {
			return "", false
		}
		cur, ok = mm[k]
		if !ok {
			return "", false
		}
	}
	s, ok := cur.(string)
	return s, ok
}

// patchErrorText is the server's message for a rejected patch.
func patchErrorText(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "strict decoding error: "); i >= 0 {
		return msg[i:]
	}
	return msg
}

func runEdit(k *Kubectl, c *command, args []string, res *Result) {
	if _, _, ok := k.editCommand(args, res); !ok {
		return
	}
	res.failf("there is no terminal editor in the playground: type the command in the playground's command line and \"kubectl edit\" opens the object in the editor pane")
}
