package kubectl

import (
	"fmt"
	"strconv"
	"strings"

	"rolloutlab/engine/api"
)

var createDeploymentFlags = []*flagDef{
	{long: "image", kind: sliceFlag},
	{long: "replicas", short: "r", kind: intFlag},
	{long: "port", kind: intFlag},
	{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
	{long: "output", short: "o", kind: stringFlag},
	{long: "save-config", kind: boolFlag, noOpt: "true"},
	{long: "validate", kind: stringFlag, noOpt: "strict"},
	{long: "field-manager", kind: stringFlag},
}

// createSubcommand finds the first positional word of `kubectl create …`; ok reports that it is
// a subcommand the playground has: `deployment` (alias `deploy`) or `service` (`svc`).
func createSubcommand(args []string) (sub string, rest []string, ok bool) {
	defs := append(append([]*flagDef(nil), fileFlags...), globalFlags...)
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return "", nil, false
		}
		if strings.HasPrefix(a, "-") && a != "-" {
			if !strings.Contains(a, "=") && takesValue(a, defs) {
				i++
			}
			continue
		}
		if a == "deployment" || a == "deploy" || a == "service" || a == "svc" {
			return a, append(append([]string(nil), args[:i]...), args[i+1:]...), true
		}
		return a, nil, false
	}
	return "", nil, false
}

// takesValue reports whether a flag word without "=" consumes the next word as its value.
func takesValue(a string, defs []*flagDef) bool {
	long := strings.HasPrefix(a, "--")
	name := strings.TrimLeft(a, "-")
	if !long && len(name) != 1 {
		return false // -fVALUE or grouped short flags
	}
	for _, d := range defs {
		if long && d.long == name || !long && d.short == name {
			return d.noOpt == ""
		}
	}
	return false
}

func hasFilename(args []string) bool {
	for _, a := range args {
		if a == "-f" || strings.HasPrefix(a, "-f") && !strings.HasPrefix(a, "--") || strings.HasPrefix(a, "--filename") {
			return true
		}
	}
	return false
}

// runCreateDeployment is `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=P]`.
func runCreateDeployment(k *Kubectl, args []string, res *Result) {
	c := &command{name: "deployment", path: "create deployment", flags: createDeploymentFlags, help: createDeploymentHelp}
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	if len(p.args) != 1 {
		res.Stderr.WriteString(fmt.Sprintf("error: exactly one NAME is required, got %d\nSee 'kubectl create deployment -h' for help and examples\n", len(p.args)))
		res.Exit = 1
		return
	}
	images := p.list("image")
	if len(images) == 0 {
		res.failf(`required flag(s) "image" not set`)
		return
	}
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	name := p.args[0]
	replicas := int32(1)
	if p.has("replicas") {
		n, _ := strconv.Atoi(p.str("replicas", "1"))
		replicas = int32(n)
	}
	labels := map[string]string{"app": name}
	d := &api.Deployment{
		TypeMeta:   api.TypeMeta{APIVersion: "apps/v1", Kind: api.KindDeployment},
		ObjectMeta: api.ObjectMeta{Name: name, Labels: labels},
		Spec: api.DeploymentSpec{
			Replicas: &replicas,
			Selector: &api.LabelSelector{MatchLabels: map[string]string{"app": name}},
			Template: api.PodTemplateSpec{ObjectMeta: api.ObjectMeta{Labels: map[string]string{"app": name}}},
		},
	}
	seen := map[string]int{}
	for _, img := range images {
		c := api.Container{Name: containerNameFor(img, seen), Image: img}
		if port, _ := strconv.Atoi(p.str("port", "-1")); port >= 0 {
			c.Ports = []api.ContainerPort{{ContainerPort: int32(port)}}
		}
		d.Spec.Template.Spec.Containers = append(d.Spec.Template.Spec.Containers, c)
	}
	if p.boolean("save-config") {
		setAnnotation(d, api.LastAppliedAnnotation, lastApplied(nil, d, ""))
	}
	// kubectl writes the namespace only when -n names one; the apiserver fills in the default,
	// so a client dry run prints none.
	if p.has("namespace") || suffix != " (dry run)" {
		d.Namespace = namespace(p)
	}
	if suffix == "" {
		if err := k.create(d, res); err != nil {
			res.failf("failed to create deployment: %s", err.Error())
			return
		}
	}
	if o := p.str("output", ""); o != "" {
		k.printObject(d, o, res)
		return
	}
	res.out("%s created%s\n", objectRef(d), suffix)
}

// containerNameFor is the container name kubectl derives from an image: the last path element
// without tag or digest, underscores made dashes, made unique within the pod.
func containerNameFor(image string, seen map[string]int) string {
	name := image[strings.LastIndex(image, "/")+1:]
	name, _, _ = strings.Cut(name, ":")
	name, _, _ = strings.Cut(name, "@")
	name = strings.ReplaceAll(name, "_", "-")
	if n := seen[name]; n > 0 {
		seen[name] = n + 1
		return fmt.Sprintf("%s-%d", name, n)
	}
	seen[name] = 1
	return name
}
