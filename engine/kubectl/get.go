package kubectl

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/kubectl/printers"
)

func init() {
	register(&command{name: "get", path: "get", help: getHelp, run: runGet, flags: []*flagDef{
		{long: "output", short: "o", kind: stringFlag},
		{long: "show-labels", kind: boolFlag, noOpt: "true"},
		{long: "selector", short: "l", kind: stringFlag},
		{long: "sort-by", kind: stringFlag},
		{long: "watch", short: "w", kind: boolFlag, noOpt: "true"},
		{long: "watch-only", kind: boolFlag, noOpt: "true"},
		{long: "all-namespaces", short: "A", kind: boolFlag, noOpt: "true"},
		{long: "no-headers", kind: boolFlag, noOpt: "true"},
		{long: "filename", short: "f", kind: sliceFlag},
		{long: "field-selector", kind: stringFlag},
		{long: "label-columns", short: "L", kind: sliceFlag},
		{long: "ignore-not-found", kind: boolFlag, noOpt: "true"},
		{long: "show-kind", kind: boolFlag, noOpt: "true"},
		{long: "chunk-size", kind: intFlag},
	}})
}

// objectsOf lists a type in a namespace (all namespaces with ns "").
func (k *Kubectl) objectsOf(t *resourceType, ns string) []api.Object {
	if t.kind == kindService {
		return services(ns)
	}
	return k.C.Store.List(t.kind, scopeNS(t, ns))
}

func runGet(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	ns := namespace(p)
	allNS := p.boolean("all-namespaces")
	if allNS {
		ns = ""
	}
	targets, err := parseTargets(p.args)
	if err != nil {
		res.fail(err)
		return
	}
	if len(targets) == 0 {
		res.Stderr.WriteString(getNoType)
		res.Exit = 1
		return
	}
	sel, err := parseSelector(p.str("selector", ""))
	if err != nil {
		res.fail(err)
		return
	}
	output := p.str("output", "")
	switch {
	case output == "", output == "wide", output == "name", output == "yaml", output == "json",
		strings.HasPrefix(output, "custom-columns="), strings.HasPrefix(output, "jsonpath="), strings.HasPrefix(output, "go-template="):
	default:
		res.failf("unable to match a printer suitable for the output format %q, allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml", output)
		return
	}
	// Group the objects by type, keeping the order types were asked in.
	type group struct {
		t    *resourceType
		objs []api.Object
	}
	var groups []*group
	byType := map[*resourceType]*group{}
	named := false
	for _, t := range targets {
		g := byType[t.t]
		if g == nil {
			g = &group{t: t.t}
			byType[t.t] = g
			groups = append(groups, g)
		}
		if t.name != "" {
			named = true
			o, err := k.get(t.t, namespace(p), t.name)
			if err != nil {
				if !p.boolean("ignore-not-found") {
					res.fail(err)
				}
				continue
			}
			g.objs = append(g.objs, o)
			continue
		}
		for _, o := range k.objectsOf(t.t, ns) {
			if sel.matches(o.Meta().Labels) {
				g.objs = append(g.objs, o)
			}
		}
	}
	if sortBy := p.str("sort-by", ""); sortBy != "" {
		for _, g := range groups {
			if err := sortObjects(g.objs, sortBy); err != nil {
				res.fail(err)
				return
			}
		}
	}
	var all []api.Object
	for _, g := range groups {
		all = append(all, g.objs...)
	}
	if len(all) == 0 {
		if !named && res.Exit == 0 && output != "yaml" && output != "json" {
			if allNS {
				res.Stderr.WriteString("No resources found\n")
			} else {
				res.Stderr.WriteString(fmt.Sprintf("No resources found in %s namespace.\n", namespace(p)))
			}
		}
		// `get -w` keeps watching an empty list; its first row comes with the header.
		watching := p.boolean("watch") || p.boolean("watch-only")
		if watching && len(groups) == 1 && !named && (output == "" || output == "wide") {
			opts := printers.TableOptions{Wide: output == "wide", ShowLabels: p.boolean("show-labels"), AllNamespaces: allNS}
			res.Watch = &getWatch{k: k, t: groups[0].t, ns: ns, sel: sel, opts: opts, res: res, seen: map[string]string{}, header: !p.boolean("no-headers")}
			return
		}
		if output != "yaml" && output != "json" {
			return
		}
	}
	switch {
	case output == "name":
		for _, o := range all {
			res.out("%s\n", objectRef(o))
		}
		return
	case output == "yaml" || output == "json":
		if named && len(targets) == 1 && len(all) == 1 {
			k.printObject(all[0], output, res)
		} else {
			k.printList(all, output, res)
		}
		return
	case strings.HasPrefix(output, "jsonpath=") || strings.HasPrefix(output, "custom-columns=") || strings.HasPrefix(output, "go-template="):
		k.printTemplate(all, output, named && len(all) == 1, res)
		return
	}
	opts := printers.TableOptions{Wide: output == "wide", ShowLabels: p.boolean("show-labels"), NoHeaders: p.boolean("no-headers"), AllNamespaces: allNS}
	kinds := 0
	for _, g := range groups {
		if len(g.objs) > 0 {
			kinds++
		}
	}
	opts.WithKindPrefix = kinds > 1 || targets[0].all
	first := true
	for _, g := range groups {
		if len(g.objs) == 0 {
			continue
		}
		if !first {
			res.Stdout.WriteString("\n")
		}
		first = false
		res.Stdout.WriteString(k.table(g.t, g.objs, opts))
	}
	if p.boolean("watch") || p.boolean("watch-only") {
		if kinds != 1 && len(groups) != 1 {
			res.failf("you may only specify a single resource type")
			return
		}
		res.Watch = &getWatch{k: k, t: groups[0].t, ns: ns, sel: sel, opts: opts, res: res, seen: resourceVersions(groups[0].objs)}
	}
}

// table prints one kind's objects.
func (k *Kubectl) table(t *resourceType, objs []api.Object, o printers.TableOptions) string {
	now := k.C.Now()
	switch t.kind {
	case api.KindDeployment:
		return printers.DeploymentTable(as[*api.Deployment](objs), now, o)
	case api.KindReplicaSet:
		return printers.ReplicaSetTable(as[*api.ReplicaSet](objs), now, o)
	case api.KindPod:
		return printers.PodTable(as[*api.Pod](objs), now, o)
	case api.KindEvent:
		return printers.EventTable(as[*api.Event](objs), now, o)
	case api.KindNode:
		return printers.NodeTable(as[*api.Node](objs), now, o)
	case kindService:
		return serviceTable(objs, k, o)
	}
	return ""
}

// as converts a list of objects of one kind to their concrete type.
func as[T api.Object](objs []api.Object) []T {
	out := make([]T, len(objs))
	for i, o := range objs {
		out[i] = o.(T)
	}
	return out
}

func resourceVersions(objs []api.Object) map[string]string {
	m := map[string]string{}
	for _, o := range objs {
		m[o.Meta().Name] = o.Meta().ResourceVersion
	}
	return m
}

// getWatch streams one table row per change of a watched kind, as `kubectl get -w` does.
type getWatch struct {
	k    *Kubectl
	t    *resourceType
	ns   string
	sel  labelSelector
	opts printers.TableOptions
	res  *Result
	seen map[string]string
	// header: nothing was listed yet, so the first row printed brings the table's header.
	header bool
}

func (w *getWatch) Deadline() time.Time { return time.Time{} }
func (w *getWatch) Expire()             {}

func (w *getWatch) Observe() bool {
	o := w.opts
	o.NoHeaders = true
	current := map[string]bool{}
	for _, obj := range w.k.objectsOf(w.t, w.ns) {
		m := obj.Meta()
		if !w.sel.matches(m.Labels) {
			continue
		}
		current[m.Name] = true
		if w.seen[m.Name] == m.ResourceVersion {
			continue
		}
		w.seen[m.Name] = m.ResourceVersion
		if w.header {
			w.header = false
			w.res.Stdout.WriteString(w.k.table(w.t, []api.Object{obj}, w.opts))
			continue
		}
		w.res.Stdout.WriteString(w.k.table(w.t, []api.Object{obj}, o))
	}
	for name := range w.seen {
		if !current[name] {
			delete(w.seen, name)
		}
	}
	return false
}

// sortObjects orders objects by a JSONPath-like field (`.metadata.name`, `{.status.replicas}`).
func sortObjects(objs []api.Object, path string) error {
	path = strings.TrimSuffix(strings.TrimPrefix(path, "{"), "}")
	if !strings.HasPrefix(path, ".") {
		path = "." + path
	}
	parts := strings.Split(strings.TrimPrefix(path, "."), ".")
	keys := make([]any, len(objs))
	for i, o := range objs {
		keys[i] = lookupPath(toMap(o), parts)
	}
	idx := make([]int, len(objs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return lessValue(keys[idx[a]], keys[idx[b]]) })
	sorted := make([]api.Object, len(objs))
	for i, j := range idx {
		sorted[i] = objs[j]
	}
	copy(objs, sorted)
	return nil
}

func lookupPath(v any, parts []string) any {
	for _, p := range parts {
		if p == "" {
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func lessValue(a, b any) bool {
	switch x := a.(type) {
	case float64:
		if y, ok := b.(float64); ok {
			return x < y
		}
	case string:
		if y, ok := b.(string); ok {
			return x < y
		}
	case nil:
		return b != nil
	}
	return false
}

// printObject prints one object as YAML or JSON.
func (k *Kubectl) printObject(o api.Object, format string, res *Result) {
	var b []byte
	var err error
	if format == "json" {
		b, err = api.EncodeJSON(o)
	} else if format == "yaml" {
		b, err = api.EncodeYAML(o)
	} else {
		res.out("%s\n", objectRef(o))
		return
	}
	if err != nil {
		res.fail(err)
		return
	}
	res.Stdout.Write(b)
	if len(b) > 0 && b[len(b)-1] != '\n' {
		res.Stdout.WriteString("\n")
	}
}

func (k *Kubectl) printList(objs []api.Object, format string, res *Result) {
	var b []byte
	var err error
	if format == "json" {
		b, err = api.EncodeJSONList(objs)
	} else {
		b, err = api.EncodeYAMLList(objs)
	}
	if err != nil {
		res.fail(err)
		return
	}
	res.Stdout.Write(b)
	if len(b) > 0 && b[len(b)-1] != '\n' {
		res.Stdout.WriteString("\n")
	}
}

// printTemplate handles -o jsonpath=… and -o custom-columns=… for simple field paths.
func (k *Kubectl) printTemplate(objs []api.Object, format string, single bool, res *Result) {
	kind, spec, _ := strings.Cut(format, "=")
	switch kind {
	case "jsonpath":
		spec = strings.Trim(spec, "'\"")
		var items []any
		for _, o := range objs {
			items = append(items, toMap(o))
		}
		var root any = map[string]any{"kind": "List", "apiVersion": "v1", "items": items}
		if single {
			root = items[0]
		}
		out, err := evalJSONPath(spec, root)
		if err != nil {
			res.failf("error executing jsonpath %q: %v", spec, err)
			return
		}
		res.Stdout.WriteString(out)
	case "custom-columns":
		var headers, paths []string
		for _, col := range strings.Split(spec, ",") {
			h, path, ok := strings.Cut(col, ":")
			if !ok {
				res.failf("expected <header>:<json-path-expr> in %q", col)
				return
			}
			headers = append(headers, h)
			paths = append(paths, strings.TrimSuffix(strings.TrimPrefix(path, "{"), "}"))
		}
		t := printers.NewGetTable(headers...)
		for _, o := range objs {
			m := toMap(o)
			row := make([]string, len(paths))
			for i, p := range paths {
				vals := selectPath(p, m, m)
				if len(vals) == 0 {
					row[i] = "<none>"
					continue
				}
				texts := make([]string, len(vals))
				for j, v := range vals {
					texts[j] = jsonText(v)
				}
				row[i] = strings.Join(texts, ",")
			}
			t.AddRow(row...)
		}
		res.Stdout.WriteString(t.String())
	default:
		res.failf("template format %q is not supported here; use jsonpath or custom-columns", kind)
	}
}

func jsonText(v any) string {
	switch x := v.(type) {
	case nil:
		return "<none>"
	case string:
		return x
	case float64:
		return fmt.Sprint(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

const getNoType = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`
