package kubectl

import (
	"path"

	"rolloutlab/engine/api"
)

// errNoResources is kubectl's resource builder's answer to a command given no resource.
const errNoResources = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"

// selectObjects resolves the objects a command (set env, set resources, scale) names: TYPE NAME,
// TYPE/NAME, or TYPE with --all or -l, as kubectl's resource builder does. ok is false when an
// error already ended the command; objects that do not exist are reported and skipped.
func (k *Kubectl) selectObjects(p *parsed, resArgs []string, res *Result) ([]api.Object, bool) {
	targets, ok := requireTargets(resArgs, errNoResources, res)
	if !ok {
		return nil, false
	}
	var sel labelSelector
	if p.has("selector") {
		var err error
		if sel, err = parseSelector(p.str("selector", "")); err != nil {
			res.fail(err)
			return nil, false
		}
	}
	var objs []api.Object
	for _, t := range targets {
		switch {
		case t.name != "":
			o, err := k.get(t.t, namespace(p), t.name)
			if err != nil {
				res.fail(err)
				continue
			}
			objs = append(objs, o)
		case p.boolean("all") || p.has("selector"):
			for _, o := range k.objectsOf(t.t, namespace(p)) {
				if sel.matches(o.Meta().Labels) {
					objs = append(objs, o)
				}
			}
		default:
			res.failf("resource(s) were provided, but no name was specified")
			return nil, false
		}
	}
	return objs, true
}

// selectContainers returns the containers, then the init containers, of spec whose name
// matches the shell pattern of -c/--containers ("*" by default), as kubectl's set commands
// choose them.
func selectContainers(spec *api.PodSpec, pattern string) []*api.Container {
	var out []*api.Container
	for _, list := range []*[]api.Container{&spec.Containers, &spec.InitContainers} {
		for i := range *list {
			if ok, _ := path.Match(pattern, (*list)[i].Name); ok {
				out = append(out, &(*list)[i])
			}
		}
	}
	return out
}

// printUpdated prints what a set command changed: kubectl's success line ("… env updated"), or
// with -o the object as stored (as it would be sent, for a dry run).
func (k *Kubectl) printUpdated(o api.Object, p *parsed, what, suffix string, res *Result) {
	format := p.str("output", "")
	if format == "" {
		res.out("%s %s%s\n", objectRef(o), what, suffix)
		return
	}
	if live := k.C.Store.Get(o.ObjectKind(), o.Meta().Namespace, o.Meta().Name); live != nil && suffix == "" {
		o = live
	}
	k.printObject(o, format, res)
}
