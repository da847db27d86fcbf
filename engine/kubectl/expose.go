package kubectl

import (
	"fmt"
	"maps"
	"strconv"
	"strings"

	"rolloutlab/engine/api"
)

// `kubectl expose` and `kubectl create service clusterip|nodeport`: the two ways tutorials
// make a Service without a file.

var exposeFlags = []*flagDef{
	{long: "port", kind: stringFlag},
	{long: "target-port", kind: stringFlag},
	{long: "type", kind: stringFlag},
	{long: "name", kind: stringFlag},
	{long: "protocol", kind: stringFlag},
	{long: "selector", kind: stringFlag},
	{long: "labels", short: "l", kind: stringFlag},
	{long: "cluster-ip", kind: stringFlag},
	{long: "session-affinity", kind: stringFlag},
	{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
	{long: "output", short: "o", kind: stringFlag},
	{long: "save-config", kind: boolFlag, noOpt: "true"},
	{long: "field-manager", kind: stringFlag},
}

func init() {
	register(&command{name: "expose", path: "expose", help: exposeHelp, flags: exposeFlags, run: runExpose})
}

// runExpose is `kubectl expose (deployment|replicaset|pod|service) NAME [--port] …`: a Service
// selecting what the object selects, named after it, with its labels.
func runExpose(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	if len(p.args) == 0 {
		res.Stderr.WriteString("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n")
		res.Exit = 1
		return
	}
	t, rest, err := oneObject(p.args)
	if err != nil {
		res.fail(err)
		return
	}
	if t.name == "" {
		res.failf("resource(s) were provided, but no name was specified")
		return
	}
	if len(rest) > 0 {
		res.failf("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")
		return
	}
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	ns := namespace(p)
	obj, err := k.get(t.t, ns, t.name)
	if err != nil {
		res.fail(err)
		return
	}
	selector, ports, err := exposable(obj)
	if err != nil {
		res.fail(err)
		return
	}
	if s := p.str("selector", ""); s != "" {
		if selector, err = parseLabelPairs(s); err != nil {
			res.fail(err)
			return
		}
	}
	if v := p.str("port", ""); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			res.failf("%s", numErr(err, v))
			return
		}
		ports = []api.ServicePort{{Port: int32(n)}}
	}
	if len(ports) == 0 {
		res.failf("couldn't find port via --port flag or introspection")
		return
	}
	for i := range ports {
		if len(ports) > 1 && ports[i].Name == "" {
			ports[i].Name = fmt.Sprintf("port-%d", i+1)
		}
		if pr := p.str("protocol", ""); pr != "" {
			ports[i].Protocol = pr
		} else if ports[i].Protocol == "" {
			ports[i].Protocol = api.ProtocolTCP
		}
		if tp := p.str("target-port", ""); tp != "" {
			ports[i].TargetPort = intOrName(tp)
		} else if ports[i].TargetPort == (api.IntOrString{}) {
			ports[i].TargetPort = api.FromInt(ports[i].Port)
		}
	}
	labels := maps.Clone(obj.Meta().Labels)
	if l := p.str("labels", ""); l != "" {
		if labels, err = parseLabelPairs(l); err != nil {
			res.fail(err)
			return
		}
	}
	name := p.str("name", t.name)
	svc := &api.Service{
		TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: kindService},
		ObjectMeta: api.ObjectMeta{Name: name, Namespace: explicitNamespace(p), Labels: labels},
		Spec: api.ServiceSpec{Ports: ports, Selector: selector, Type: p.str("type", ""),
			ClusterIP: p.str("cluster-ip", ""), SessionAffinity: p.str("session-affinity", "")},
	}
	k.finishService(svc, p, suffix, "exposed", res)
}

// exposable is what expose reads from an object: its selector and its ports (the containers'
// ports of a pod template, the ports of a Service).
func exposable(o api.Object) (map[string]string, []api.ServicePort, error) {
	var tmpl *api.PodSpec
	var sel map[string]string
	switch x := o.(type) {
	case *api.Deployment:
		sel, tmpl = workloadSelector(x.Spec.Selector), &x.Spec.Template.Spec
	case *api.ReplicaSet:
		sel, tmpl = workloadSelector(x.Spec.Selector), &x.Spec.Template.Spec
	case *api.Pod:
		sel, tmpl = x.Labels, x.Spec
	case *api.Service:
		var ports []api.ServicePort
		for _, sp := range x.Spec.Ports {
			ports = append(ports, api.ServicePort{Name: sp.Name, Port: sp.Port, Protocol: sp.Protocol, TargetPort: sp.TargetPort})
		}
		return x.Spec.Selector, ports, nil
	default:
		return nil, nil, fmt.Errorf("error: cannot expose a %s", o.ObjectKind())
	}
	if len(sel) == 0 {
		return nil, nil, fmt.Errorf("error: couldn't retrieve selectors via --selector flag or introspection: the %s has no selector that a Service can use", strings.ToLower(o.ObjectKind())) // unverified wording
	}
	var ports []api.ServicePort
	for _, c := range tmpl.Containers {
		for _, cp := range c.Ports {
			ports = append(ports, api.ServicePort{Port: cp.ContainerPort, Protocol: cp.Protocol})
		}
	}
	return maps.Clone(sel), ports, nil
}

// workloadSelector is a label selector a Service can use: matchLabels only.
func workloadSelector(s *api.LabelSelector) map[string]string {
	if s == nil || len(s.MatchExpressions) > 0 {
		return nil
	}
	return s.MatchLabels
}

func intOrName(s string) api.IntOrString {
	if n, err := strconv.Atoi(s); err == nil {
		return api.FromInt(int32(n))
	}
	return api.FromString(s)
}

// parseLabelPairs reads `k=v,k2=v2` as --labels and --selector take it.
func parseLabelPairs(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(pair, "=")
		if !ok {
			return nil, fmt.Errorf("error: invalid label spec: %s", pair)
		}
		out[k] = v
	}
	return out, nil
}

// explicitNamespace is the namespace kubectl writes into a generated object: only one given
// with -n (the API server puts the rest in default).
func explicitNamespace(p *parsed) string {
	if p.has("namespace") {
		return namespace(p)
	}
	return ""
}

// finishService sends (or, in a dry run, only prints) a Service made from flags.
func (k *Kubectl) finishService(svc *api.Service, p *parsed, suffix, verb string, res *Result) {
	if p.boolean("save-config") {
		setAnnotation(svc, api.LastAppliedAnnotation, lastApplied(nil, svc, ""))
	}
	if suffix == "" {
		if err := k.create(svc, res); err != nil {
			res.fail(err)
			return
		}
	}
	if o := p.str("output", ""); o != "" {
		k.printObject(svc, o, res)
		return
	}
	res.out("%s %s%s\n", objectRef(svc), verb, suffix)
}

var createServiceFlags = []*flagDef{
	{long: "tcp", kind: sliceFlag},
	{long: "clusterip", kind: stringFlag},
	{long: "node-port", kind: intFlag},
	{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
	{long: "output", short: "o", kind: stringFlag},
	{long: "save-config", kind: boolFlag, noOpt: "true"},
	{long: "validate", kind: stringFlag, noOpt: "strict"},
	{long: "field-manager", kind: stringFlag},
}

// runCreateService is `kubectl create service clusterip|nodeport NAME --tcp=PORT[:TARGET]…`:
// ports named after their specifier, selector and labels app=NAME.
func runCreateService(k *Kubectl, args []string, res *Result) {
	var typ, path string
	for i, a := range args {
		if strings.HasPrefix(a, "-") {
			continue
		}
		switch a {
		case "clusterip":
			typ, path = api.ServiceTypeClusterIP, "create service clusterip"
		case "nodeport":
			typ, path = api.ServiceTypeNodePort, "create service nodeport"
		default:
			res.Stderr.WriteString(fmt.Sprintf("error: unknown command %q\nSee 'kubectl create service -h' for help and examples\n", a))
			res.Exit = 1
			return
		}
		args = append(append([]string(nil), args[:i]...), args[i+1:]...)
		break
	}
	if typ == "" {
		res.Stderr.WriteString(createServiceHelp)
		res.Exit = 1
		return
	}
	c := &command{name: "service", path: path, flags: createServiceFlags, help: createServiceHelp}
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	if len(p.args) != 1 {
		res.Stderr.WriteString(fmt.Sprintf("error: exactly one NAME is required, got %d\nSee 'kubectl %s -h' for help and examples\n", len(p.args), path))
		res.Exit = 1
		return
	}
	clusterIP := p.str("clusterip", "")
	tcp := p.list("tcp")
	switch {
	case clusterIP == "None" && typ != api.ServiceTypeClusterIP:
		res.failf("ClusterIP=None can only be used with ClusterIP service type")
		return
	case clusterIP != "None" && len(tcp) == 0:
		res.failf("at least one tcp port specifier must be provided")
		return
	}
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	name := p.args[0]
	nodePort, _ := strconv.Atoi(p.str("node-port", "0"))
	var ports []api.ServicePort
	for _, spec := range tcp {
		portS, targetS, hasTarget := strings.Cut(spec, ":")
		port, err := strconv.Atoi(portS)
		if err != nil {
			res.fail(fmt.Errorf("error: %s", numErr(err, portS)))
			return
		}
		target := api.FromInt(int32(port))
		if hasTarget {
			target = intOrName(targetS)
		}
		ports = append(ports, api.ServicePort{Name: strings.ReplaceAll(spec, ":", "-"), Port: int32(port), TargetPort: target,
			Protocol: api.ProtocolTCP, NodePort: int32(nodePort)})
	}
	svc := &api.Service{
		TypeMeta:   api.TypeMeta{APIVersion: "v1", Kind: kindService},
		ObjectMeta: api.ObjectMeta{Name: name, Namespace: explicitNamespace(p), Labels: map[string]string{"app": name}},
		Spec:       api.ServiceSpec{Ports: ports, Selector: map[string]string{"app": name}, Type: typ, ClusterIP: clusterIP},
	}
	k.finishService(svc, p, suffix, "created", res)
}

var exposeHelp = helpDoc{
	long: "Expose a resource as a new Kubernetes service.\n\n Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.\n\n Possible resources include (case insensitive):\n\n pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)",
	examples: [][2]string{
		{"Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000", "kubectl expose deployment nginx --port=80 --target-port=8000"},
		{"Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000", "kubectl expose rs nginx --port=80 --target-port=8000"},
	},
	options: [][2]string{
		{"--cluster-ip=''", "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service."},
		{"--dry-run='none'", optDryRun},
		{"-l, --labels=''", "Labels to apply to the service created by this call."},
		{"--name=''", "The name for the newly created object."},
		{"-o, --output=''", optOutputWrite},
		{"--port=''", "The port that the service should serve on. Copied from the resource being exposed, if unspecified"},
		{"--protocol=''", "The network protocol for the service to be created. Default is 'TCP'."},
		{"--selector=''", "A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)"},
		{"--session-affinity=''", "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'"},
		{"--target-port=''", "Name or number for the port on the container that the service should direct traffic to. Optional."},
		{"--type=''", "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'."},
	},
	usage: "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]",
}.String()

var createServiceHelp = helpDoc{
	long: "Create a service using a specified subcommand.",
	subs: [][2]string{
		{"clusterip", "Create a ClusterIP service"},
		{"nodeport", "Create a NodePort service"},
	},
	usage:   "kubectl create service [flags] [options]",
	subHint: "kubectl create service",
}.String()
