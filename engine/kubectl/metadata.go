package kubectl

import (
	"encoding/json"
	"fmt"

	"strconv"
	"strings"

	"sigs.k8s.io/yaml"

	"rolloutlab/engine/api"
)

func init() {
	metaFlags := func() []*flagDef {
		return []*flagDef{
			{long: "overwrite", kind: boolFlag, noOpt: "true"},
			{long: "all", kind: boolFlag, noOpt: "true"},
			{long: "selector", short: "l", kind: stringFlag},
			{long: "record", kind: boolFlag, noOpt: "true"},
			{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
			{long: "resource-version", kind: stringFlag},
			{long: "list", kind: boolFlag, noOpt: "true"},
			{long: "local", kind: boolFlag, noOpt: "true"},
			{long: "output", short: "o", kind: stringFlag},
			{long: "filename", short: "f", kind: sliceFlag},
		}
	}
	register(&command{name: "annotate", path: "annotate", help: annotateHelp, flags: metaFlags(), run: func(k *Kubectl, c *command, args []string, res *Result) {
		runMetadata(k, c, args, res, true)
	}})
	register(&command{name: "label", path: "label", help: labelHelp, flags: metaFlags(), run: func(k *Kubectl, c *command, args []string, res *Result) {
		runMetadata(k, c, args, res, false)
	}})
	register(&command{name: "patch", path: "patch", help: patchHelp, run: runPatch, flags: []*flagDef{
		{long: "patch", short: "p", kind: stringFlag},
		{long: "patch-file", kind: stringFlag},
		{long: "type", kind: stringFlag},
		{long: "record", kind: boolFlag, noOpt: "true"},
		{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
		{long: "local", kind: boolFlag, noOpt: "true"},
		{long: "output", short: "o", kind: stringFlag},
		{long: "filename", short: "f", kind: sliceFlag},
		{long: "subresource", kind: stringFlag},
	}})
}

// runMetadata is `kubectl annotate` (annotations) and `kubectl label` (labels): KEY=VALUE sets,
// KEY- removes; an existing key needs --overwrite.
func runMetadata(k *Kubectl, c *command, args []string, res *Result, annotations bool) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	var resArgs []string
	set := map[string]string{}
	var setOrder, remove []string
	for _, a := range p.args {
		switch {
		case strings.Contains(a, "="):
			kv := strings.SplitN(a, "=", 2)
			set[kv[0]] = kv[1]
			setOrder = append(setOrder, kv[0])
		case strings.HasSuffix(a, "-") && len(resArgs) > 0:
			remove = append(remove, strings.TrimSuffix(a, "-"))
		default:
			resArgs = append(resArgs, a)
		}
	}
	what := "label"
	if annotations {
		what = "annotation"
	}
	if len(set) == 0 && len(remove) == 0 && !p.boolean("list") {
		res.failf("at least one %s update is required", what)
		return
	}
	for _, key := range setOrder {
		if errs := validateMetaKey(key, set[key], annotations); errs != "" {
			res.failf("%s", errs)
			return
		}
	}
	targets, ok := requireTargets(resArgs, "one or more resources must be specified as <resource> <name> or <resource>/<name>", res)
	if !ok {
		return
	}
	if p.boolean("record") {
		res.Stderr.WriteString(recordWarning)
	}
	for _, t := range targets {
		var objs []api.Object
		if t.name != "" {
			o, err := k.get(t.t, namespace(p), t.name)
			if err != nil {
				res.fail(err)
				continue
			}
			objs = append(objs, o)
		} else if p.boolean("all") || p.has("selector") {
			sel, err := parseSelector(p.str("selector", ""))
			if err != nil {
				res.fail(err)
				return
			}
			for _, o := range k.objectsOf(t.t, namespace(p)) {
				if sel.matches(o.Meta().Labels) {
					objs = append(objs, o)
				}
			}
		} else {
			res.failf("resource(s) were provided, but no name was specified")
			return
		}
		for _, o := range objs {
			if p.boolean("list") {
				m := o.Meta().Labels
				if annotations {
					m = o.Meta().Annotations
				}
				for _, key := range sortedKeys(m) {
					res.out("%s=%s\n", key, m[key])
				}
				continue
			}
			cp := o.CopyObject()
			m := &cp.Meta().Labels
			if annotations {
				m = &cp.Meta().Annotations
			}
			if !p.boolean("overwrite") {
				var clash []string
				for _, key := range setOrder {
					if v, ok := (*m)[key]; ok && v != set[key] {
						clash = append(clash, fmt.Sprintf("'%s' already has a value (%s)", key, v))
					}
				}
				if len(clash) > 0 && annotations {
					res.failf("--overwrite is false but found the following declared %s(s): %s", what, strings.Join(clash, ", "))
					continue
				}
				if len(clash) > 0 {
					// kubectl label stops at the first clash, in its own words.
					res.failf("%s, and --overwrite is false", clash[0])
					continue
				}
			}
			if *m == nil {
				*m = map[string]string{}
			}
			changed := false
			for _, key := range setOrder {
				if cur, ok := (*m)[key]; !ok || cur != set[key] {
					changed = true
				}
				(*m)[key] = set[key]
			}
			for _, key := range remove {
				if _, ok := (*m)[key]; ok {
					changed = true
					delete(*m, key)
				}
			}
			if len(*m) == 0 {
				*m = nil
			}
			if p.boolean("record") {
				setChangeCause(cp, recordCommand([]string{c.name}, p))
				changed = true
			}
			verb := "labeled"
			switch {
			case annotations:
				verb = "annotated"
			case !changed:
				verb = "not labeled"
			case !p.boolean("overwrite") && jsonSize(cp.Meta().Labels) < jsonSize(o.Meta().Labels):
				// kubectl says "unlabeled" when, without --overwrite, the object got smaller.
				verb = "unlabeled"
			}
			if changed && suffix == "" {
				if err := k.update(cp, res); err != nil {
					res.fail(err)
					continue
				}
			}
			res.out("%s %s%s\n", objectRef(cp), verb, suffix)
		}
	}
}

func jsonSize(m map[string]string) int {
	b, _ := json.Marshal(m)
	return len(b)
}

// validateMetaKey checks a label or annotation key (and a label value) as the API server would.
func validateMetaKey(key, value string, annotation bool) string {
	if key == "" {
		return fmt.Sprintf("invalid %s format: %s", map[bool]string{true: "annotation", false: "label"}[annotation], "="+value)
	}
	if !annotation && len(value) > 63 {
		return fmt.Sprintf("invalid label value: %q: must be no more than 63 characters", key+"="+value)
	}
	return ""
}

func runPatch(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	patchText := p.str("patch", "")
	if f := p.str("patch-file", ""); f != "" {
		data, found := k.Files.ReadFile(f)
		if !found {
			res.failf("unable to read patch file: open %s: no such file or directory", f)
			return
		}
		patchText = string(data)
	}
	if patchText == "" {
		res.failf("must specify -p to patch")
		return
	}
	t, rest, err := oneObject(p.args)
	if err != nil {
		res.fail(err)
		return
	}
	if t.name == "" || len(rest) > 0 {
		res.failf("resource(s) were provided, but no name was specified")
		return
	}
	o, err := k.get(t.t, namespace(p), t.name)
	if err != nil {
		res.fail(err)
		return
	}
	j, err := yaml.YAMLToJSON([]byte(patchText))
	if err != nil {
		res.failf("unable to parse %q: %v", patchText, err)
		return
	}
	live := toMap(o)
	var patched map[string]any
	switch typ := p.str("type", "strategic"); typ {
	case "strategic", "merge":
		var patch map[string]any
		if err := json.Unmarshal(j, &patch); err != nil {
			res.fail(api.NewBadRequest(fmt.Sprintf("json: cannot unmarshal %s into Go value of type map[string]interface {}", jsonKind(j))))
			return
		}
		patched = mergePatch(live, patch, typ == "strategic")
	case "json":
		var ops []map[string]any
		if err := json.Unmarshal(j, &ops); err != nil {
			res.fail(api.NewBadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch"))
			return
		}
		patched, err = jsonPatch(live, ops)
		if err != nil {
			res.fail(err)
			return
		}
	default:
		res.failf("--type must be one of [json merge strategic], not %q", typ)
		return
	}
	b, _ := json.Marshal(patched)
	docs := api.DecodeDocuments(b, api.Strict)
	if len(docs) != 1 || docs[0].Err != nil {
		if len(docs) == 1 {
			res.fail(docs[0].Err)
		} else {
			res.failf("the patch does not describe one object")
		}
		return
	}
	obj := docs[0].Object
	obj.Meta().ResourceVersion = ""
	if p.boolean("record") {
		res.Stderr.WriteString(recordWarning)
		setChangeCause(obj, recordCommand([]string{"patch"}, p))
	}
	if sameSpecAndMeta(o, obj) {
		res.out("%s patched (no change)%s\n", objectRef(o), suffix)
		return
	}
	if suffix == "" {
		if err := k.update(obj, res); err != nil {
			res.fail(err)
			return
		}
	}
	res.out("%s patched%s\n", objectRef(o), suffix)
}

func jsonKind(b []byte) string {
	s := strings.TrimSpace(string(b))
	switch {
	case strings.HasPrefix(s, "["):
		return "array"
	case strings.HasPrefix(s, `"`):
		return "string"
	}
	return "number"
}

// mergePatch applies a JSON merge patch (null removes a key); strategic merges the keyed lists
// (containers by name, …) instead of replacing them.
func mergePatch(live, patch map[string]any, strategic bool) map[string]any {
	out := deepCopyMap(live)
	for k, pv := range patch {
		if pv == nil {
			delete(out, k)
			continue
		}
		switch pm := pv.(type) {
		case map[string]any:
			lm, _ := out[k].(map[string]any)
			if lm == nil {
				lm = map[string]any{}
			}
			out[k] = mergePatch(lm, pm, strategic)
		case []any:
			if key, keyed := mergeKeys[k]; keyed && strategic {
				ll, _ := out[k].([]any)
				out[k] = mergeList(ll, pm, nil, key)
				// strategic merge keeps live elements the patch does not name
				continue
			}
			out[k] = pm
		default:
			out[k] = pv
		}
	}
	return out
}

// jsonPatch applies RFC 6902 add/replace/remove/test operations.
func jsonPatch(doc map[string]any, ops []map[string]any) (map[string]any, error) {
	out := deepCopyMap(doc)
	for _, op := range ops {
		kind, _ := op["op"].(string)
		path, _ := op["path"].(string)
		parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
		for i := range parts {
			parts[i] = strings.ReplaceAll(strings.ReplaceAll(parts[i], "~1", "/"), "~0", "~")
		}
		parentPath, last := parts[:len(parts)-1], parts[len(parts)-1]
		var parent any = out
		for _, seg := range parentPath {
			switch x := parent.(type) {
			case map[string]any:
				parent = x[seg]
			case []any:
				n, err := strconv.Atoi(seg)
				if err != nil || n < 0 || n >= len(x) {
					return nil, fmt.Errorf("error: unable to find %s in the object", path)
				}
				parent = x[n]
			default:
				return nil, api.NewUnprocessable()
			}
		}
		switch x := parent.(type) {
		case map[string]any:
			switch kind {
			case "add", "replace":
				if _, ok := x[last]; !ok && kind == "replace" {
					return nil, api.NewUnprocessable()
				}
				x[last] = op["value"]
			case "remove":
				if _, ok := x[last]; !ok {
					return nil, api.NewUnprocessable()
				}
				delete(x, last)
			default:
				return nil, fmt.Errorf("error: unexpected kind: %s", kind)
			}
		case []any:
			n, err := strconv.Atoi(last)
			if last == "-" {
				n, err = len(x), nil
			}
			if err != nil || n < 0 || n > len(x) {
				return nil, fmt.Errorf("error: unable to find %s in the object", path)
			}
			var list []any
			switch kind {
			case "add":
				list = append(append(append([]any{}, x[:n]...), op["value"]), x[n:]...)
			case "replace":
				if n == len(x) {
					return nil, fmt.Errorf("error: unable to find %s in the object", path)
				}
				x[n] = op["value"]
				list = x
			case "remove":
				if n == len(x) {
					return nil, fmt.Errorf("error: unable to find %s in the object", path)
				}
				list = append(append([]any{}, x[:n]...), x[n+1:]...)
			default:
				return nil, fmt.Errorf("error: unexpected kind: %s", kind)
			}
			if err := setAt(out, parentPath, list); err != nil {
				return nil, err
			}
		default:
			return nil, api.NewUnprocessable()
		}
	}
	return out, nil
}

func setAt(doc map[string]any, path []string, v any) error {
	var cur any = doc
	for i, seg := range path {
		if i == len(path)-1 {
			switch x := cur.(type) {
			case map[string]any:
				x[seg] = v
				return nil
			case []any:
				n, _ := strconv.Atoi(seg)
				x[n] = v
				return nil
			}
		}
		switch x := cur.(type) {
		case map[string]any:
			cur = x[seg]
		case []any:
			n, _ := strconv.Atoi(seg)
			cur = x[n]
		}
	}
	return nil
}
