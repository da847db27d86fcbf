package kubectl

import (
	"sort"
	"strings"

	"rolloutlab/engine/api"
	"rolloutlab/engine/kubectl/printers"
)

func init() {
	register(&command{name: "describe", path: "describe", help: describeHelp, run: runDescribe, flags: []*flagDef{
		{long: "selector", short: "l", kind: stringFlag},
		{long: "show-events", kind: boolFlag, noOpt: "true"},
		{long: "all-namespaces", short: "A", kind: boolFlag, noOpt: "true"},
		{long: "filename", short: "f", kind: sliceFlag},
	}})
}

func runDescribe(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	targets, err := parseTargets(p.args)
	if err != nil {
		res.fail(err)
		return
	}
	if len(targets) == 0 {
		res.Stderr.WriteString("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n")
		res.Exit = 1
		return
	}
	sel, err := parseSelector(p.str("selector", ""))
	if err != nil {
		res.fail(err)
		return
	}
	showEvents := !p.has("show-events") || p.boolean("show-events")
	var objs []api.Object
	for _, t := range targets {
		if t.name != "" {
			o, err := k.get(t.t, namespace(p), t.name)
			if err != nil {
				res.fail(err)
				continue
			}
			objs = append(objs, o)
			continue
		}
		// Without a name, describe takes every object whose name starts with nothing: all.
		for _, o := range k.objectsOf(t.t, namespace(p)) {
			if sel.matches(o.Meta().Labels) {
				objs = append(objs, o)
			}
		}
	}
	if len(objs) == 0 && res.Exit == 0 {
		res.Stderr.WriteString("No resources found in " + namespace(p) + " namespace.\n")
		return
	}
	for i, o := range objs {
		if i > 0 {
			res.Stdout.WriteString("\n\n")
		}
		res.Stdout.WriteString(k.describe(o, showEvents))
	}
}

// eventsFor returns the events whose involved object is o (same kind, name and UID).
func (k *Kubectl) eventsFor(o api.Object) []*api.Event {
	m := o.Meta()
	return k.C.Recorder.About(o.ObjectKind(), m.Namespace, m.Name, m.UID)
}

func (k *Kubectl) describe(o api.Object, showEvents bool) string {
	now := k.C.Now()
	var evs []*api.Event
	if showEvents {
		evs = k.eventsFor(o)
		if evs == nil {
			evs = []*api.Event{}
		}
	}
	switch x := o.(type) {
	case *api.Deployment:
		rss := k.C.ReplicaSetsOf(x)
		var newRS *api.ReplicaSet
		var old []*api.ReplicaSet
		for _, rs := range rss {
			if newRS == nil && templatesEqual(&rs.Spec.Template, &x.Spec.Template) {
				newRS = rs
				continue
			}
			old = append(old, rs)
		}
		return printers.DescribeDeployment(x, old, newRS, evs, now)
	case *api.ReplicaSet:
		pods := k.C.PodsOf(x)
		sort.Slice(pods, func(i, j int) bool { return pods[i].Name < pods[j].Name })
		return printers.DescribeReplicaSet(x, pods, evs, now)
	case *api.Pod:
		return printers.DescribePod(x, evs, now)
	case *api.Node:
		var pods []*api.Pod
		for _, po := range k.C.Store.List(api.KindPod, "") {
			if pp := po.(*api.Pod); pp.Spec.NodeName == x.Name {
				pods = append(pods, pp)
			}
		}
		return printers.DescribeNode(x, pods, evs, now)
	case *api.Service:
		return printers.DescribeService(x, k.slicesOf(x), evs, now)
	case *api.EndpointSlice:
		return printers.DescribeEndpointSlice(x, evs, now)
	case *endpoints:
		return printers.DescribeEndpoints(&x.ObjectMeta, x.describeSubsets(), evs, now)
	case *api.Event:
		return strings.TrimSpace(string(mustYAML(x))) + "\n"
	}
	return ""
}

func mustYAML(o api.Object) []byte {
	b, _ := api.EncodeYAML(o)
	return b
}
