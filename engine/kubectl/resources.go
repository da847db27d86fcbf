package kubectl

import (
	"fmt"
	"strings"

	"rolloutlab/engine/api"
)

// resourceType is a kind this cluster serves, with the names kubectl accepts for it.
type resourceType struct {
	kind       string
	plural     string // deployments
	qualified  string // deployments.apps
	prefix     string // deployment.apps (the NAME prefix of get and of success lines)
	namespaced bool
	aliases    []string
}

var resourceTypes = []*resourceType{
	{api.KindDeployment, "deployments", "deployments.apps", "deployment.apps", true,
		[]string{"deployment", "deployments", "deploy", "deployment.apps", "deployments.apps", "deployments.v1.apps", "deployment.v1.apps"}},
	{api.KindReplicaSet, "replicasets", "replicasets.apps", "replicaset.apps", true,
		[]string{"replicaset", "replicasets", "rs", "replicaset.apps", "replicasets.apps", "replicasets.v1.apps", "replicaset.v1.apps"}},
	{api.KindPod, "pods", "pods", "pod", true, []string{"pod", "pods", "po", "pods.v1", "pod.v1"}},
	{api.KindEvent, "events", "events", "event", true, []string{"event", "events", "ev", "events.v1", "event.v1"}},
	{api.KindNode, "nodes", "nodes", "node", false, []string{"node", "nodes", "no", "nodes.v1", "node.v1"}},
	{kindService, "services", "services", "service", true, []string{"service", "services", "svc", "services.v1", "service.v1"}},
	{kindEndpointSlice, "endpointslices", "endpointslices.discovery.k8s.io", "endpointslice.discovery.k8s.io", true,
		[]string{"endpointslice", "endpointslices", "endpointslice.discovery.k8s.io", "endpointslices.discovery.k8s.io", "endpointslices.v1.discovery.k8s.io", "endpointslice.v1.discovery.k8s.io"}},
	{kindEndpoints, "endpoints", "endpoints", "endpoints", true, []string{"endpoints", "ep", "endpoints.v1"}},
}

func lookupType(name string) *resourceType {
	n := strings.ToLower(name)
	for _, t := range resourceTypes {
		for _, a := range t.aliases {
			if a == n {
				return t
			}
		}
	}
	return nil
}

func typeOfKind(kind string) *resourceType {
	for _, t := range resourceTypes {
		if t.kind == kind {
			return t
		}
	}
	return nil
}

// target is a resource type with an optional name.
type target struct {
	t    *resourceType
	name string
	all  bool // came from "all"
}

// errNoType is kubectl's answer to an unknown resource type.
func errNoType(name string) error {
	return fmt.Errorf("error: the server doesn't have a resource type %q", name)
}

// parseTargets reads `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…`.
func parseTargets(args []string) ([]target, error) {
	if len(args) == 0 {
		return nil, nil
	}
	if strings.Contains(args[0], "/") {
		var out []target
		for _, a := range args {
			typ, name, ok := strings.Cut(a, "/")
			if !ok {
				return nil, fmt.Errorf("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")
			}
			if strings.Contains(name, "/") {
				return nil, fmt.Errorf("error: arguments in resource/name form may not have more than one slash")
			}
			if typ == "" || name == "" {
				return nil, fmt.Errorf("error: arguments in resource/name form must have a single resource and name")
			}
			t := lookupType(typ)
			if t == nil {
				return nil, errNoType(typ)
			}
			out = append(out, target{t: t, name: name})
		}
		return out, nil
	}
	var types []target
	for _, typ := range strings.Split(args[0], ",") {
		if typ == "" {
			continue
		}
		if strings.ToLower(typ) == "all" {
			for _, k := range []string{api.KindPod, kindService, api.KindDeployment, api.KindReplicaSet} {
				types = append(types, target{t: typeOfKind(k), all: true})
			}
			continue
		}
		t := lookupType(typ)
		if t == nil {
			return nil, errNoType(typ)
		}
		types = append(types, target{t: t})
	}
	names := args[1:]
	for _, n := range names {
		if strings.Contains(n, "/") {
			return nil, fmt.Errorf("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")
		}
	}
	if len(names) == 0 {
		return types, nil
	}
	var out []target
	for _, t := range types {
		for _, n := range names {
			out = append(out, target{t: t.t, name: n})
		}
	}
	return out, nil
}

// requireTargets parses resource arguments for a command that needs at least one; missing is
// the command's own message when none is given.
func requireTargets(args []string, missing string, res *Result) ([]target, bool) {
	targets, err := parseTargets(args)
	if err != nil {
		res.fail(err)
		return nil, false
	}
	if len(targets) == 0 {
		res.failf("%s", missing)
		return nil, false
	}
	return targets, true
}

// oneObject resolves the usual `TYPE NAME` or `TYPE/NAME` of commands that act on one object.
func oneObject(args []string) (target, []string, error) {
	if len(args) == 0 {
		return target{}, nil, fmt.Errorf("error: required resource not specified")
	}
	if typ, name, ok := strings.Cut(args[0], "/"); ok {
		t := lookupType(typ)
		if t == nil {
			return target{}, nil, errNoType(typ)
		}
		return target{t: t, name: name}, args[1:], nil
	}
	t := lookupType(args[0])
	if t == nil {
		return target{}, nil, errNoType(args[0])
	}
	if len(args) < 2 {
		return target{t: t}, nil, nil
	}
	return target{t: t, name: args[1]}, args[2:], nil
}

func (k *Kubectl) get(t *resourceType, ns, name string) (api.Object, error) {
	if !t.namespaced {
		ns = ""
	}
	var o api.Object
	if objs, ok := k.served(t.kind, ns); ok {
		for _, s := range objs {
			if s.Meta().Name == name {
				o = s
			}
		}
	} else if so := k.C.Store.Get(t.kind, ns, name); so != nil {
		o = so
	}
	if o == nil {
		return nil, api.NewNotFound(t.qualified, name)
	}
	return o, nil
}
