package kubectl

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"rolloutlab/engine/api"
)

func init() {
	register(&command{name: "scale", path: "scale", help: scaleHelp, run: runScale, flags: []*flagDef{
		{long: "replicas", kind: intFlag},
		{long: "current-replicas", kind: intFlag},
		{long: "record", kind: boolFlag, noOpt: "true"},
		{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
		{long: "timeout", kind: durationFlag},
		{long: "resource-version", kind: stringFlag},
		{long: "filename", short: "f", kind: sliceFlag},
		{long: "output", short: "o", kind: stringFlag},
		{long: "selector", short: "l", kind: stringFlag},
		{long: "all", kind: boolFlag, noOpt: "true"},
	}})
	register(&command{name: "set", path: "set", help: setHelp, run: runSet})
	register(&command{name: "delete", path: "delete", help: deleteHelp, run: runDelete, flags: []*flagDef{
		{long: "filename", short: "f", kind: sliceFlag},
		{long: "all", kind: boolFlag, noOpt: "true"},
		{long: "grace-period", kind: intFlag},
		{long: "now", kind: boolFlag, noOpt: "true"},
		{long: "force", kind: boolFlag, noOpt: "true"},
		{long: "ignore-not-found", kind: boolFlag, noOpt: "true"},
		{long: "selector", short: "l", kind: stringFlag},
		{long: "wait", kind: boolFlag, noOpt: "true"},
		{long: "timeout", kind: durationFlag},
		{long: "cascade", kind: stringFlag, noOpt: "background"},
		{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
		{long: "output", short: "o", kind: stringFlag},
	}})
}

func runScale(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	if !p.has("replicas") {
		res.failf(`required flag(s) "replicas" not set`)
		return
	}
	n, _ := strconv.Atoi(p.str("replicas", "0"))
	if n < 0 {
		res.failf("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
		return
	}
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	if len(p.args) == 0 {
		res.failf("required resource not specified")
		return
	}
	objs, ok := k.selectObjects(p, p.args, res)
	if !ok {
		return
	}
	if len(objs) == 0 && res.Exit == 0 {
		res.failf("no objects passed to scale")
		return
	}
	if p.boolean("record") {
		res.Stderr.WriteString(recordWarning)
	}
	for _, o := range objs {
		if o.ObjectKind() != api.KindDeployment && o.ObjectKind() != api.KindReplicaSet {
			t := typeOfKind(o.ObjectKind())
			res.fail(fmt.Errorf("error: cannot scale %s %q", t.plural, o.Meta().Name))
			continue
		}
		cp := o.CopyObject()
		cur := currentReplicas(cp)
		if p.has("current-replicas") {
			want, _ := strconv.Atoi(p.str("current-replicas", "-1"))
			if want != -1 && int32(want) != *cur {
				res.failf("Expected replicas to be %d, was %d", want, *cur)
				continue
			}
		}
		*cur = int32(n)
		if p.boolean("record") {
			setChangeCause(cp, recordCommand([]string{"scale"}, p))
		}
		if suffix == "" {
			if err := k.update(cp, res); err != nil {
				res.fail(err)
				continue
			}
		}
		res.out("%s scaled%s\n", objectRef(cp), suffix)
	}
}

// currentReplicas points at spec.replicas of a Deployment or ReplicaSet copy (set to the
// default when absent).
func currentReplicas(o api.Object) *int32 {
	switch x := o.(type) {
	case *api.Deployment:
		if x.Spec.Replicas == nil {
			x.Spec.Replicas = api.Ptr(int32(1))
		}
		return x.Spec.Replicas
	case *api.ReplicaSet:
		if x.Spec.Replicas == nil {
			x.Spec.Replicas = api.Ptr(int32(1))
		}
		return x.Spec.Replicas
	}
	return new(int32)
}

var setImageFlags = []*flagDef{
	{long: "record", kind: boolFlag, noOpt: "true"},
	{long: "all", kind: boolFlag, noOpt: "true"},
	{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
	{long: "filename", short: "f", kind: sliceFlag},
	{long: "local", kind: boolFlag, noOpt: "true"},
	{long: "output", short: "o", kind: stringFlag},
	{long: "selector", short: "l", kind: stringFlag},
}

func runSet(k *Kubectl, c *command, args []string, res *Result) {
	at := -1
	for i, a := range args {
		if !strings.HasPrefix(a, "-") {
			at = i
			break
		}
	}
	if at < 0 {
		subcommandUsage(res, "set", setHelp, args)
		return
	}
	rest := append(append([]string(nil), args[:at]...), args[at+1:]...)
	switch args[at] {
	case "image":
	case "env":
		runSetEnv(k, rest, res)
		return
	case "resources":
		runSetResources(k, rest, res)
		return
	default:
		subcommandUsage(res, "set", setHelp, args[at:])
		return
	}
	sub := &command{name: "image", path: "set image", flags: setImageFlags, help: setImageHelp}
	p, ok := sub.parse(rest, res)
	if !ok {
		return
	}
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	// Resource words come first, then NAME=IMAGE pairs.
	var resArgs []string
	images := map[string]string{}
	var order []string
	for _, a := range p.args {
		if name, img, ok := strings.Cut(a, "="); ok {
			if _, seen := images[name]; !seen {
				order = append(order, name)
			}
			images[name] = img
			continue
		}
		resArgs = append(resArgs, a)
	}
	if len(resArgs) == 0 || len(images) == 0 {
		res.failf("resource and container image must be specified")
		return
	}
	if p.boolean("all") && p.has("selector") {
		res.failf("cannot set --all and --selector at the same time")
		return
	}
	// Without a name, -l or --all picks the objects, as for set env.
	objs, ok := k.selectObjects(p, resArgs, res)
	if !ok {
		return
	}
	if p.boolean("record") {
		res.Stderr.WriteString(recordWarning)
	}
	for _, o := range objs {
		cp := o.CopyObject()
		spec := podSpecOf(cp)
		if spec == nil {
			res.failf("unable to find container named %q", order[0])
			continue
		}
		changed, missing := setImages(spec, images, order)
		if missing != "" {
			res.failf("unable to find container named %q", missing)
			continue
		}
		if p.boolean("record") {
			setChangeCause(cp, recordCommand([]string{"set", "image"}, p))
			changed = changed || o.Meta().Annotations[api.ChangeCauseAnnotation] != cp.Meta().Annotations[api.ChangeCauseAnnotation]
		}
		if !changed {
			continue // kubectl prints nothing when the patch is empty
		}
		if suffix == "" {
			if err := k.update(cp, res); err != nil {
				res.fail(err)
				continue
			}
		}
		res.out("%s image updated%s\n", objectRef(cp), suffix)
	}
}

func podSpecOf(o api.Object) *api.PodSpec {
	switch x := o.(type) {
	case *api.Deployment:
		return &x.Spec.Template.Spec
	case *api.ReplicaSet:
		return &x.Spec.Template.Spec
	case *api.Pod:
		return x.Spec
	}
	return nil
}

// setImages applies NAME=IMAGE pairs (`*` meaning every container); it returns whether any
// image changed, or the first container name that does not exist.
func setImages(spec *api.PodSpec, images map[string]string, order []string) (bool, string) {
	changed := false
	for _, name := range order {
		img := images[name]
		found := false
		for _, list := range []*[]api.Container{&spec.InitContainers, &spec.Containers} {
			for i := range *list {
				ct := &(*list)[i]
				if name == "*" || ct.Name == name {
					found = true
					if ct.Image != img {
						ct.Image = img
						changed = true
					}
				}
			}
		}
		if !found {
			return false, name
		}
	}
	return changed, ""
}

func runDelete(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	cascade, ok := cascadePolicy(p, res)
	if !ok {
		return
	}
	grace := int64(-1)
	if p.has("grace-period") {
		g, _ := strconv.Atoi(p.str("grace-period", "-1"))
		grace = int64(g)
	}
	if p.boolean("now") {
		grace = 1
	}
	if p.boolean("force") {
		if grace < 0 {
			grace = 0
		}
		res.Stderr.WriteString("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n")
	}
	ns := namespace(p)
	var victims []target
	// With -f, sources[i] is the file of victims[i], and unread[i] the error of a document
	// kubectl could not read or map, reported in its place while the others are deleted
	// (kubectl's builder goes on after it).
	var unread []error
	var sources []string
	if files := p.list("filename"); len(files) > 0 {
		ms, ok := k.loadDocuments(p, res)
		if !ok {
			return
		}
		if len(ms) == 0 {
			res.failf("no objects passed to delete")
			return
		}
		for _, m := range ms {
			sources = append(sources, m.source)
			if m.unreadable {
				victims, unread = append(victims, target{}), append(unread, m.err)
				continue
			}
			// Only the kind and name are used: the object itself is never sent.
			kind, name, _ := rawRef(m.raw)
			victims, unread = append(victims, target{t: typeOfKind(kind), name: name}), append(unread, nil)
		}
	} else {
		targets, err := parseTargets(p.args)
		if err != nil {
			res.fail(err)
			return
		}
		if len(targets) == 0 {
			res.failf("%s", errNoResources)
			return
		}
		for _, t := range targets {
			if t.name != "" {
				victims = append(victims, t)
				continue
			}
			if !p.boolean("all") && !p.has("selector") {
				res.failf("resource(s) were provided, but no name was specified")
				return
			}
			sel, err := parseSelector(p.str("selector", ""))
			if err != nil {
				res.fail(err)
				return
			}
			for _, o := range k.C.Store.List(t.t.kind, scopeNS(t.t, ns)) {
				if sel.matches(o.Meta().Labels) {
					victims = append(victims, target{t: t.t, name: o.Meta().Name})
				}
			}
		}
		if len(victims) == 0 {
			res.Stderr.WriteString("No resources found\n")
			return
		}
	}
	var errs []error
	wait := &deleteWatch{k: k, res: res}
	if t, _ := parseDuration(p.str("timeout", "0")); t > 0 {
		wait.deadline = k.C.Now().Add(t)
	}
	defer func() {
		if len(errs) > 0 {
			res.fail(api.NewAggregate(errs))
		}
		// kubectl waits only when every deletion succeeded.
		if len(errs) == 0 && len(wait.pending) > 0 && (!p.has("wait") || p.boolean("wait")) {
			res.Watch = wait
		}
	}()
	for i, v := range victims {
		if i < len(unread) && unread[i] != nil {
			errs = append(errs, unread[i])
			continue
		}
		if _, err := k.get(v.t, ns, v.name); err != nil {
			if p.boolean("ignore-not-found") {
				continue
			}
			if i < len(sources) {
				err = api.WithSource("deleting", sources[i], err)
			}
			errs = append(errs, err)
			continue
		}
		if suffix == "" {
			// The API server recreates its kubernetes Service and slice at once, and Endpoints
			// are the controller's, derived again: deleting them changes nothing.
			if recreatedAtOnce(v.t.kind, ns, v.name) {
				res.out("%s %q deleted from %s namespace%s\n", v.t.prefix, v.name, ns, suffix)
				continue
			}
			if cascade.orphan {
				// The dependents must be released before their owner goes, or the collector
				// would delete them.
				if err := k.orphanDependents(v.t.kind, scopeNS(v.t, ns), v.name); err != nil {
					errs = append(errs, err)
					continue
				}
			}
			o, err := k.C.Store.DeletePropagating(v.t.kind, scopeNS(v.t, ns), v.name, grace, cascade.policy)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			wait.awaitDeletion(v.t, o)
		}
		if grace == 0 && p.boolean("force") {
			res.out("%s %q force deleted from %s namespace%s\n", v.t.prefix, v.name, ns, suffix)
			continue
		}
		res.out("%s %q deleted from %s namespace%s\n", v.t.prefix, v.name, ns, suffix)
	}
}

func scopeNS(t *resourceType, ns string) string {
	if !t.namespaced {
		return ""
	}
	return ns
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
