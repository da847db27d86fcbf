package kubectl

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/kubectl/jsonpath"
	"rolloutlab/engine/kubectl/printers"
	"rolloutlab/engine/store"
)

func init() {
	register(&command{name: "get", path: "get", help: getHelp, run: runGet, flags: []*flagDef{
		{long: "output", short: "o", kind: stringFlag},
		{long: "show-labels", kind: boolFlag, noOpt: "true"},
		{long: "selector", short: "l", kind: stringFlag},
		{long: "sort-by", kind: stringFlag},
		{long: "watch", short: "w", kind: boolFlag, noOpt: "true"},
		{long: "watch-only", kind: boolFlag, noOpt: "true"},
		{long: "output-watch-events", kind: boolFlag, noOpt: "true"},
		{long: "all-namespaces", short: "A", kind: boolFlag, noOpt: "true"},
		{long: "no-headers", kind: boolFlag, noOpt: "true"},
		{long: "filename", short: "f", kind: sliceFlag},
		{long: "field-selector", kind: stringFlag},
		{long: "label-columns", short: "L", kind: sliceFlag},
		{long: "ignore-not-found", kind: boolFlag, noOpt: "true"},
		{long: "show-kind", kind: boolFlag, noOpt: "true"},
		{long: "chunk-size", kind: intFlag},
		{long: "template", kind: stringFlag},
		{long: "allow-missing-template-keys", kind: boolFlag, noOpt: "true"},
	}})
}

// objectsOf lists a type in a namespace (all namespaces with ns "").
func (k *Kubectl) objectsOf(t *resourceType, ns string) []api.Object {
	if objs, ok := k.served(t.kind, ns); ok {
		return objs
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
	fsel, fieldErr := parseFieldSelector(p.str("field-selector", ""))
	output := p.str("output", "")
	tp, err := k.newTemplatePrinter(output, p)
	if err != nil {
		// kubectl ends some of these errors with a line break of their own.
		res.Stderr.WriteString("error: " + strings.TrimSuffix(err.Error(), "\n") + "\n")
		res.Exit = 1
		return
	}
	switch {
	case tp != nil, output == "", output == "wide", output == "name", objectFormat(output):
	default:
		res.failf("unable to match a printer suitable for the output format %q, allowed formats are: %s", output, allowedGetFormats)
		return
	}
	warnDeprecated(targets, res)
	// Group the objects by type, keeping the order types were asked in.
	type group struct {
		t    *resourceType
		objs []api.Object
	}
	var groups []*group
	byType := map[*resourceType]*group{}
	named := false
	names := map[string]bool{} // the objects asked for by name, which a watch follows alone
	for _, t := range targets {
		g := byType[t.t]
		if g == nil {
			g = &group{t: t.t}
			byType[t.t] = g
			groups = append(groups, g)
		}
		if t.name != "" {
			named = true
			names[t.name] = true
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
		if fieldErr != nil {
			res.fail(fieldSelectorError(t.t, p.str("selector", ""), p.str("field-selector", ""), fieldErr))
			continue
		}
		if err := fsel.check(t.t); err != nil {
			res.fail(fieldSelectorError(t.t, p.str("selector", ""), p.str("field-selector", ""), err))
			continue
		}
		for _, o := range k.objectsOf(t.t, ns) {
			if sel.matches(o.Meta().Labels) && fsel.matches(o) {
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
	if tp != nil {
		// kubectl prints a List even when it is empty, and says nothing of it; but not after
		// the one object asked for was not found, nor when --ignore-not-found found nothing.
		single := named && len(targets) == 1
		if len(all) == 0 && (single || p.boolean("ignore-not-found")) {
			return
		}
		if (p.boolean("watch") || p.boolean("watch-only")) && !named {
			k.watchTemplate(tp, groups[0].t, ns, sel, fsel, all, p.boolean("watch-only"), len(groups), res)
			return
		}
		tp.print(all, single, res)
		return
	}
	if objectFormat(output) && (p.boolean("watch") || p.boolean("watch-only")) && !named {
		k.watchObjects(output, groups[0].t, ns, sel, fsel, all, p.boolean("watch-only"), len(groups), res)
		return
	}
	if len(all) == 0 {
		if !named && res.Exit == 0 && !objectFormat(output) {
			if allNS {
				res.Stderr.WriteString("No resources found\n")
			} else {
				res.Stderr.WriteString(fmt.Sprintf("No resources found in %s namespace.\n", namespace(p)))
			}
		}
		// `get -w` keeps watching an empty list; its first row comes with the header.
		watching := p.boolean("watch") || p.boolean("watch-only")
		if watching && len(groups) == 1 && !named && (output == "" || output == "wide") {
			opts := printers.TableOptions{Wide: output == "wide", ShowLabels: p.boolean("show-labels"), AllNamespaces: allNS, LabelColumns: p.list("label-columns")}
			w := k.newGetWatch(groups[0].t, ns, sel, fsel, opts, res, nil, !p.boolean("no-headers"))
			w.events = p.boolean("output-watch-events")
			res.Watch = w
			return
		}
		if !objectFormat(output) {
			return
		}
	}
	switch {
	case output == "name":
		for _, o := range all {
			res.out("%s\n", objectRef(o))
		}
		return
	case objectFormat(output):
		if named && len(targets) == 1 && len(all) == 1 {
			k.printObject(all[0], output, res)
		} else {
			k.printList(all, output, res)
		}
		return
	}
	opts := printers.TableOptions{Wide: output == "wide", ShowLabels: p.boolean("show-labels"), NoHeaders: p.boolean("no-headers"), AllNamespaces: allNS,
		LabelColumns: p.list("label-columns")}
	kinds := 0
	for _, g := range groups {
		if len(g.objs) > 0 {
			kinds++
		}
	}
	opts.WithKindPrefix = kinds > 1 || targets[0].all
	watching := p.boolean("watch") || p.boolean("watch-only")
	events := watching && p.boolean("output-watch-events")
	first := true
	for _, g := range groups {
		if len(g.objs) == 0 {
			continue
		}
		if !first {
			res.Stdout.WriteString("\n")
		}
		first = false
		table := k.table(g.t, g.objs, opts)
		if events {
			// A watch started from a list prints the listed objects as ADDED events.
			table = withEventColumn(table, watchAdded, !opts.NoHeaders)
		}
		res.Stdout.WriteString(table)
	}
	if watching {
		if kinds != 1 && len(groups) != 1 {
			res.failf("you may only specify a single resource type")
			return
		}
		w := k.newGetWatch(groups[0].t, ns, sel, fsel, opts, res, groups[0].objs, false)
		w.events = events
		if named {
			w.names = names
		}
		res.Watch = w
	}
}

// watchObjects is get -w with -o yaml, json or kyaml: each listed object (unless --watch-only),
// then each watch event's object, printed alone as the printer prints any object.
func (k *Kubectl) watchObjects(format string, t *resourceType, ns string, sel labelSelector, fsel fieldSelector, listed []api.Object, watchOnly bool, types int, res *Result) {
	if types != 1 {
		res.failf("you may only specify a single resource type")
		return
	}
	w := k.newGetWatch(t, ns, sel, fsel, printers.TableOptions{}, res, listed, false)
	w.format = format
	if !watchOnly {
		for _, o := range listed {
			w.row(o, watchAdded)
		}
	}
	res.Watch = w
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
		return printers.ServiceTable(as[*api.Service](objs), now, o)
	case kindEndpointSlice:
		return printers.EndpointSliceTable(as[*api.EndpointSlice](objs), now, o)
	case kindEndpoints:
		return endpointsTable(objs, k, o)
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

// getWatch streams one table row per change of a watched kind, as `kubectl get -w` does.
type getWatch struct {
	k    *Kubectl
	t    *resourceType
	ns   string
	sel  labelSelector
	fsel fieldSelector
	opts printers.TableOptions
	// tp prints each object through a template format instead of a table row.
	tp  *templatePrinter
	res *Result
	// seen holds the version of each selected object last printed or listed: the API server
	// sends a DELETED event with it when the object goes or stops matching the selectors.
	seen map[objectKey]api.Object
	// events is --output-watch-events: table rows start with the event's type.
	events bool
	// names, when set, are the only objects watched (`get pod x -w`: kubectl watches with the
	// field selector metadata.name=x).
	names map[string]bool
	// format is yaml, json or kyaml when each object prints whole, docs how many did.
	format string
	docs   int
	// header: nothing was listed yet, so the first row printed brings the table's header.
	header bool
	// since is the store's resourceVersion when the watch last looked; tracked says the store
	// keeps the kind's writes, so a look reads what changed instead of listing everything.
	since   int64
	tracked bool
}

type objectKey struct{ ns, name string }

func (k *Kubectl) newGetWatch(t *resourceType, ns string, sel labelSelector, fsel fieldSelector, opts printers.TableOptions, res *Result, listed []api.Object, header bool) *getWatch {
	w := &getWatch{k: k, t: t, ns: ns, sel: sel, fsel: fsel, opts: opts, res: res, seen: make(map[objectKey]api.Object, len(listed)), header: header}
	for _, o := range listed {
		m := o.Meta()
		w.seen[objectKey{m.Namespace, m.Name}] = o
	}
	w.since, w.tracked = k.C.Store.Track(t.kind)
	w.tracked = w.tracked && t.kind != kindEndpoints // derived from the slices: relisted
	return w
}

func (w *getWatch) Deadline() time.Time { return time.Time{} }
func (w *getWatch) Expire()             {}

// Observe prints a row for each object written since the last look, in the order the API
// server lists them. It costs what changed, not what exists: a watch on thousands of pods
// follows a cluster step by step in constant time per write.
func (w *getWatch) Observe() bool {
	st := w.k.C.Store
	rv := st.ResourceVersion()
	if rv == w.since {
		return false
	}
	var changes []store.Change
	ok := w.tracked
	if ok {
		changes, ok = st.Changes(w.t.kind, w.since)
	}
	w.since = rv
	if !ok {
		w.relist()
		return w.outOfBudget()
	}
	keys := make([]objectKey, 0, len(changes))
	for _, c := range changes {
		if w.ns == "" || c.Namespace == w.ns {
			keys = append(keys, objectKey{c.Namespace, c.Name})
		}
	}
	slices.SortFunc(keys, compareKeys)
	keys = slices.Compact(keys)
	for _, key := range keys {
		if o := st.Get(w.t.kind, key.ns, key.name); o != nil && w.selects(o) {
			w.print(key, o)
		} else {
			w.gone(key)
		}
	}
	return w.outOfBudget()
}

// gone prints the DELETED event of an object that was selected and no longer is: deleted, or
// changed so that the selectors no longer match it. The API server sends the version it last
// had that matched.
func (w *getWatch) gone(key objectKey) {
	o, ok := w.seen[key]
	if !ok {
		return
	}
	delete(w.seen, key)
	w.row(o, watchDeleted)
}

// selects: the object matches the watch's label and field selectors, by which the API server
// filters a watch: a pod that leaves Pending prints its DELETED row, then no more, under
// status.phase=Pending.
func (w *getWatch) selects(o api.Object) bool {
	return (w.names == nil || w.names[o.Meta().Name]) && w.sel.matches(o.Meta().Labels) && w.fsel.matches(o)
}

// outOfBudget ends a watch whose output reached the budget, as a command's output is cut.
func (w *getWatch) outOfBudget() bool {
	if !w.res.overBudget() {
		return false
	}
	w.res.cut()
	return true
}

// relist looks at every object of the kind: for a kind whose writes the store does not keep
// (events, services) or when the watch fell behind what it keeps.
func (w *getWatch) relist() {
	current := make(map[objectKey]api.Object, len(w.seen))
	var keys []objectKey
	for _, obj := range w.k.objectsOf(w.t, w.ns) {
		if w.selects(obj) {
			m := obj.Meta()
			key := objectKey{m.Namespace, m.Name}
			current[key] = obj
			keys = append(keys, key)
		}
	}
	for key := range w.seen {
		if current[key] == nil {
			keys = append(keys, key)
		}
	}
	// The events come in list order, the deleted objects' among the others'.
	slices.SortFunc(keys, compareKeys)
	for _, key := range keys {
		if o := current[key]; o != nil {
			w.print(key, o)
		} else {
			w.gone(key)
		}
	}
}

func compareKeys(a, b objectKey) int {
	return cmp.Or(cmp.Compare(a.ns, b.ns), cmp.Compare(a.name, b.name))
}

// print writes the object's row unless this version was printed already.
func (w *getWatch) print(key objectKey, obj api.Object) {
	prev, had := w.seen[key]
	if had && prev.Meta().ResourceVersion == obj.Meta().ResourceVersion {
		return
	}
	w.seen[key] = obj
	if had {
		w.row(obj, watchModified)
	} else {
		w.row(obj, watchAdded)
	}
}

// The watch event types as kubectl's table printer writes them in the EVENT column: padded to
// one width.
const (
	watchAdded    = "ADDED   "
	watchModified = "MODIFIED"
	watchDeleted  = "DELETED "
)

// row writes one watch event's object: a table row (after the header for the first), or the
// object through the template format.
func (w *getWatch) row(obj api.Object, event string) {
	if w.format != "" {
		// kubectl's YAML printer separates the documents it prints; KYAML starts each with its
		// own "---".
		if w.format == "yaml" && w.docs > 0 {
			w.res.Stdout.WriteString("---\n")
		}
		w.docs++
		w.k.printObject(obj, w.format, w.res)
		return
	}
	if w.tp != nil {
		w.tp.print([]api.Object{obj}, true, w.res)
		return
	}
	o := w.opts
	o.NoHeaders = !w.header
	w.header = false
	table := w.k.table(w.t, []api.Object{obj}, o)
	if w.events {
		table = withEventColumn(table, event, !o.NoHeaders)
	}
	w.res.Stdout.WriteString(table)
}

// withEventColumn puts the EVENT column before a table's columns, as --output-watch-events
// does: every type is 8 characters wide, so the column is 8 plus the 3 spaces of padding.
func withEventColumn(table, event string, header bool) string {
	var b strings.Builder
	for line := range strings.Lines(table) {
		if header {
			b.WriteString("EVENT      ")
			header = false
		} else {
			b.WriteString(event + "   ")
		}
		b.WriteString(line)
	}
	return b.String()
}

// sortObjects orders objects by a field, as kubectl's --sort-by does: the path is relaxed as
// custom columns relax theirs (.a.b, a.b, {.a.b}) and evaluated as jsonpath; an object without
// the field sorts first. A list of one is not sorted (kubectl sorts tables of two rows or more).
func sortObjects(objs []api.Object, sortBy string) error {
	if len(objs) < 2 {
		return nil
	}
	field, err := relaxedJSONPath(sortBy)
	if err != nil {
		return err
	}
	p, err := jsonpath.Parse(field)
	if err != nil {
		return fmt.Errorf("sorting error: %v", err)
	}
	keys := make([]any, len(objs))
	has := make([]bool, len(objs))
	found := false
	for i, o := range objs {
		groups, err := p.FindResults(objectContent(o), jsonpath.Options{AllowMissingKeys: true})
		if err != nil {
			return err
		}
		if len(groups) > 0 && len(groups[0]) > 0 {
			keys[i], has[i], found = groups[0][0], true, true
		}
	}
	if !found {
		return fmt.Errorf("couldn't find any field with path %q in the list of objects", field)
	}
	idx := make([]int, len(objs))
	for i := range idx {
		idx[i] = i
	}
	var sortErr error
	sort.SliceStable(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if !has[i] {
			return true
		}
		if !has[j] {
			return false
		}
		less, err := sortLess(keys[i], keys[j])
		if err != nil && sortErr == nil {
			sortErr = fmt.Errorf("field %s is an unsortable type: %v", field, err)
		}
		return less
	})
	if sortErr != nil {
		return sortErr
	}
	sorted := make([]api.Object, len(objs))
	for i, j := range idx {
		sorted[i] = objs[j]
	}
	copy(objs, sorted)
	return nil
}

// sortLess is kubectl's order of two sort keys: numbers by value, quantities (100m, 1Gi) by
// amount, other strings in natural order (pod-2 before pod-10), a missing value first.
func sortLess(a, b any) (bool, error) {
	switch {
	case a == nil:
		return b != nil, nil
	case b == nil:
		return false, nil
	}
	switch x := a.(type) {
	case int64:
		if y, ok := b.(int64); ok {
			return x < y, nil
		}
	case float64:
		if y, ok := b.(float64); ok {
			return x < y, nil
		}
	case string:
		if y, ok := b.(string); ok {
			if c, ok := api.CompareQuantities(x, y); ok {
				return c < 0, nil
			}
			return naturalLess(x, y), nil
		}
	default:
		return false, fmt.Errorf("unsortable type: %s", jsonpath.TypeName(a))
	}
	return false, errors.New("unsortable interface: interface")
}

// naturalLess compares strings with their runs of digits compared as numbers.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		switch {
		case da != "" && db != "":
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			if len(da) != len(db) { // equal values: fewer leading zeros first
				return len(da) < len(db)
			}
			a, b = a[len(da):], b[len(db):]
		case a[0] != b[0]:
			return a[0] < b[0]
		default:
			a, b = a[1:], b[1:]
		}
	}
	return len(a) < len(b)
}

func digitsPrefix(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// objectFormat: the output formats that print whole objects (a List for several).
func objectFormat(output string) bool {
	return output == "yaml" || output == "json" || output == "kyaml"
}

// printObject prints one object as YAML, JSON, through a template format, or by name.
func (k *Kubectl) printObject(o api.Object, format string, res *Result) {
	var b []byte
	var err error
	if format == "kyaml" {
		printKYAML(o, res)
		return
	} else if format == "json" {
		b, err = api.EncodeJSON(o)
	} else if format == "yaml" {
		b, err = api.EncodeYAML(o)
	} else if tp, err := k.newTemplatePrinter(format, &parsed{}); tp != nil || err != nil {
		if err != nil {
			res.failf("%s", strings.TrimSuffix(err.Error(), "\n"))
			return
		}
		tp.print([]api.Object{o}, true, res)
		return
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

// printList prints objects as the v1 List kubectl prints for `-o yaml` or `-o json`, one item
// at a time: each is encoded alone and indented into place, which gives the bytes encoding the
// whole list would, without holding the list's encodings at once, and stops at the output
// budget.
func (k *Kubectl) printList(objs []api.Object, format string, res *Result) {
	if format == "kyaml" {
		printKYAMLList(objs, res)
		return
	}
	if len(objs) == 0 {
		encode := api.EncodeYAMLList
		if format == "json" {
			encode = api.EncodeJSONList
		}
		b, err := encode(objs)
		if err != nil {
			res.fail(err)
			return
		}
		res.Stdout.Write(b)
		return
	}
	yaml := format != "json"
	if yaml {
		res.Stdout.WriteString("apiVersion: v1\nitems:\n")
	} else {
		res.Stdout.WriteString("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n")
	}
	for i, o := range objs {
		if res.overBudget() {
			return // Run cuts the output at the budget and says so
		}
		k.pause()
		if yaml {
			if b, ok := api.EncodeYAMLItem(o); ok {
				res.Stdout.Write(b)
				continue
			}
		}
		var b []byte
		var err error
		if yaml {
			b, err = api.EncodeYAML(o)
		} else {
			b, err = api.EncodeJSON(o)
		}
		if err != nil {
			res.fail(err)
			return
		}
		first := true
		for line := range strings.Lines(string(b)) {
			switch {
			case yaml && first:
				res.Stdout.WriteString("- ")
			case yaml && line != "\n": // an empty line of a block scalar stays empty
				res.Stdout.WriteString("  ")
			case !yaml:
				res.Stdout.WriteString("        ")
			}
			first = false
			if !yaml && i < len(objs)-1 && line == "}\n" {
				line = "},\n"
			}
			res.Stdout.WriteString(line)
		}
	}
	if yaml {
		res.Stdout.WriteString("kind: List\nmetadata:\n  resourceVersion: \"\"\n")
	} else {
		res.Stdout.WriteString("    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n")
	}
}

const getNoType = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`
