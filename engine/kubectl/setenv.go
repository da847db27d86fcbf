package kubectl

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"rolloutlab/engine/api"
)

var setEnvFlags = []*flagDef{
	{long: "containers", short: "c", kind: stringFlag},
	{long: "env", short: "e", kind: sliceFlag},
	{long: "from", kind: stringFlag},
	{long: "keys", kind: sliceFlag},
	{long: "list", kind: boolFlag, noOpt: "true"},
	{long: "prefix", kind: stringFlag},
	{long: "overwrite", kind: boolFlag, noOpt: "true"},
	{long: "all", kind: boolFlag, noOpt: "true"},
	{long: "selector", short: "l", kind: stringFlag},
	{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
	{long: "filename", short: "f", kind: sliceFlag},
	{long: "local", kind: boolFlag, noOpt: "true"},
	{long: "output", short: "o", kind: stringFlag},
}

// envNameRE is validation.IsEnvVarName, which kubectl checks before sending anything.
var envNameRE = regexp.MustCompile(`^[-._a-zA-Z][-._a-zA-Z0-9]*$`)

const envNameMsg = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnv1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"

// runSetEnv is `kubectl set env`: KEY=VALUE sets, KEY- removes, --list prints what the pod
// templates hold (with the changes applied, without saving them). An unchanged template is not
// patched and prints nothing; a changed one is a new rollout like any template change.
func runSetEnv(k *Kubectl, args []string, res *Result) {
	sub := &command{name: "env", path: "set env", flags: setEnvFlags, help: setEnvHelp}
	p, ok := sub.parse(args, res)
	if !ok {
		return
	}
	if p.boolean("all") && p.has("selector") {
		res.failf("cannot set --all and --selector at the same time")
		return
	}
	resArgs, envArgs, ok := splitEnvArgs(p.args)
	if !ok {
		res.failf("all resources must be specified before environment changes: %s", strings.Join(p.args, " "))
		return
	}
	if len(resArgs) == 0 && len(p.list("filename")) == 0 {
		res.failf("one or more resources must be specified as <resource> <name> or <resource>/<name>")
		return
	}
	if p.boolean("list") && p.has("output") {
		res.failf("--list and --output may not be specified together")
		return
	}
	if len(p.list("keys")) > 0 && !p.has("from") {
		res.failf("when specifying --keys, a configmap or secret must be provided with --from")
		return
	}
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	env, remove, err := parseEnvArgs(append(append([]string(nil), p.list("env")...), envArgs...))
	if err != nil {
		res.fail(err)
		return
	}
	if from := p.str("from", ""); from != "" {
		// The cluster holds no ConfigMaps or Secrets: the lookup of one is the apiserver's NotFound.
		if err := envFromSource(from); err != nil {
			res.fail(err)
			return
		}
	}
	if prefix := p.str("prefix", ""); prefix != "" {
		for i := range env {
			env[i].Name = prefix + env[i].Name
		}
	}
	objs, ok := k.selectObjects(p, resArgs, res)
	if !ok {
		return
	}
	pattern := p.str("containers", "*")
	overwrite := p.str("overwrite", "true") == "true"
	for _, o := range objs {
		cp := o.CopyObject()
		spec := podSpecOf(cp)
		if spec == nil {
			res.failf("%s/%s does not have a pod template", cp.ObjectKind(), cp.Meta().Name)
			continue
		}
		containers := selectContainers(spec, pattern)
		if len(containers) == 0 {
			fmt.Fprintf(&res.Stderr, "warning: %s/%s does not have any containers matching %q\n", cp.ObjectKind(), cp.Meta().Name, pattern)
			continue
		}
		changed := false
		for _, c := range containers {
			if !overwrite {
				if err := checkNoOverwrite(c.Env, env); err != nil {
					res.fail(err)
					return
				}
			}
			updated := updateEnv(c.Env, env, remove)
			changed = changed || !sameEnv(c.Env, updated)
			c.Env = updated
			if p.boolean("list") {
				listEnv(cp, c, res)
			}
		}
		if p.boolean("list") || !changed {
			continue
		}
		if suffix == "" {
			if err := k.update(cp, res); err != nil {
				res.fail(fmt.Errorf("failed to patch env update to pod template: %v", err))
				continue
			}
		}
		k.printUpdated(cp, p, "env updated", suffix, res)
	}
}

// splitEnvArgs separates resource words from environment changes: once a word holds "=" or
// ends in "-", every later word must too.
func splitEnvArgs(args []string) (resources, env []string, ok bool) {
	for _, a := range args {
		isEnv := strings.Contains(a, "=") || strings.HasSuffix(a, "-")
		switch {
		case isEnv:
			env = append(env, a)
		case len(env) > 0:
			return nil, nil, false
		default:
			resources = append(resources, a)
		}
	}
	return resources, env, true
}

// parseEnvArgs reads KEY=VALUE and KEY- as kubectl's env parser does, with its errors.
func parseEnvArgs(specs []string) ([]api.EnvVar, []string, error) {
	var env []api.EnvVar
	var remove []string
	set := map[string]bool{}
	for _, s := range specs {
		switch {
		case s == "-":
			// The playground's terminal has no standard input to read variables from.
			return nil, nil, fmt.Errorf("when '-' is used, STDIN must be open")
		case strings.Contains(s, "="):
			name, value, _ := strings.Cut(s, "=")
			if !envNameRE.MatchString(name) {
				return nil, nil, fmt.Errorf("%q is not a valid key name: %s", name, envNameMsg)
			}
			set[name] = true
			env = append(env, api.EnvVar{Name: name, Value: value})
		case strings.HasSuffix(s, "-"):
			remove = append(remove, strings.TrimSuffix(s, "-"))
		default:
			return nil, nil, fmt.Errorf("unknown environment variable: %s", s)
		}
	}
	for _, r := range remove {
		if set[r] {
			return nil, nil, fmt.Errorf("can not both modify and remove the same environment variable in the same command")
		}
	}
	return env, remove, nil
}

// envFromSource is the lookup of --from's object: only a ConfigMap or a Secret can feed
// variables, and this cluster stores neither.
func envFromSource(from string) error {
	typ, name, _ := strings.Cut(from, "/")
	switch strings.ToLower(typ) {
	case "configmap", "configmaps", "cm":
		return api.NewNotFound("configmaps", name)
	case "secret", "secrets":
		return api.NewNotFound("secrets", name)
	}
	switch {
	case lookupType(typ) == nil:
		return errNoType(typ)
	case name == "":
		return fmt.Errorf("error: resource(s) were provided, but no name was specified")
	}
	return fmt.Errorf("error: unsupported resource specified in --from")
}

// updateEnv keeps the variables in place, replacing the values of those set again and dropping
// those removed, then appends the new ones in the order given.
func updateEnv(existing, env []api.EnvVar, remove []string) []api.EnvVar {
	done := map[string]bool{}
	for _, r := range remove {
		done[r] = true
	}
	var out []api.EnvVar
	for _, e := range existing {
		if done[e.Name] {
			continue
		}
		if newer, ok := findEnv(env, e.Name); ok {
			done[e.Name] = true
			e = newer
		}
		out = append(out, e)
	}
	for _, e := range env {
		if !done[e.Name] {
			done[e.Name] = true
			out = append(out, e)
		}
	}
	return out
}

func findEnv(env []api.EnvVar, name string) (api.EnvVar, bool) {
	for _, e := range env {
		if e.Name == name {
			return e, true
		}
	}
	return api.EnvVar{}, false
}

func sameEnv(a, b []api.EnvVar) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Value != b[i].Value || !reflect.DeepEqual(a[i].ValueFrom, b[i].ValueFrom) {
			return false
		}
	}
	return true
}

func checkNoOverwrite(existing, env []api.EnvVar) error {
	for _, e := range env {
		if cur, ok := findEnv(existing, e.Name); ok && cur.Value != e.Value {
			return fmt.Errorf("'%s' already has a value (%s), and --overwrite is false", cur.Name, cur.Value)
		}
	}
	return nil
}

// listEnv prints one container's variables as `set env --list` does: plain values as
// NAME=VALUE, references as a comment naming their source.
func listEnv(o api.Object, c *api.Container, res *Result) {
	res.out("# %s %s, container %s\n", o.ObjectKind(), o.Meta().Name, c.Name)
	for _, e := range c.Env {
		if e.ValueFrom == nil {
			res.out("%s=%s\n", e.Name, e.Value)
			continue
		}
		res.out("# %s from %s\n", e.Name, envRefString(e.ValueFrom))
	}
}

func envRefString(from map[string]any) string {
	field := func(ref, key string) string {
		m, _ := from[ref].(map[string]any)
		s, _ := m[key].(string)
		return s
	}
	switch {
	case from["configMapKeyRef"] != nil:
		return fmt.Sprintf("configmap %s, key %s", field("configMapKeyRef", "name"), field("configMapKeyRef", "key"))
	case from["secretKeyRef"] != nil:
		return fmt.Sprintf("secret %s, key %s", field("secretKeyRef", "name"), field("secretKeyRef", "key"))
	case from["fieldRef"] != nil:
		return "field path " + field("fieldRef", "fieldPath")
	case from["resourceFieldRef"] != nil:
		prefix := ""
		if c := field("resourceFieldRef", "containerName"); c != "" {
			prefix = c + "/"
		}
		return "resource field " + prefix + field("resourceFieldRef", "resource")
	}
	return "invalid valueFrom"
}
