package kubectl

import (
	"fmt"
	"strings"

	"rolloutlab/engine/api"
)

var setResourcesFlags = []*flagDef{
	{long: "limits", kind: stringFlag},
	{long: "requests", kind: stringFlag},
	{long: "containers", short: "c", kind: stringFlag},
	{long: "all", kind: boolFlag, noOpt: "true"},
	{long: "selector", short: "l", kind: stringFlag},
	{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
	{long: "filename", short: "f", kind: sliceFlag},
	{long: "local", kind: boolFlag, noOpt: "true"},
	{long: "output", short: "o", kind: stringFlag},
	{long: "record", kind: boolFlag, noOpt: "true"},
}

// runSetResources is `kubectl set resources`: --limits and --requests (NAME=QUANTITY,…) are
// merged into each selected container's; the apiserver validates the result (a request above
// its limit is refused), and a changed template is a new rollout.
func runSetResources(k *Kubectl, args []string, res *Result) {
	sub := &command{name: "resources", path: "set resources", flags: setResourcesFlags, help: setResourcesHelp}
	p, ok := sub.parse(args, res)
	if !ok {
		return
	}
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	// kubectl's builder fetches the objects before the flags are validated.
	objs, ok := k.selectObjects(p, p.args, res)
	if !ok || res.Exit != 0 {
		return
	}
	if p.boolean("all") && p.has("selector") {
		res.failf("cannot set --all and --selector at the same time")
		return
	}
	if p.str("limits", "") == "" && p.str("requests", "") == "" {
		res.failf("you must specify an update to requests or limits (in the form of --requests/--limits)")
		return
	}
	limits, err := parseResourceList(p.str("limits", ""))
	if err != nil {
		res.fail(err)
		return
	}
	requests, err := parseResourceList(p.str("requests", ""))
	if err != nil {
		res.fail(err)
		return
	}
	if p.boolean("record") {
		res.Stderr.WriteString(recordWarning)
	}
	pattern := p.str("containers", "*")
	for _, o := range objs {
		cp := o.CopyObject()
		spec := podSpecOf(cp)
		var containers []*api.Container
		if spec != nil {
			containers = selectContainers(spec, pattern)
		}
		if len(containers) == 0 {
			res.failf("unable to find container named %s", pattern)
			continue
		}
		changed := false
		for _, c := range containers {
			changed = mergeResources(&c.Resources.Limits, limits) || changed
			changed = mergeResources(&c.Resources.Requests, requests) || changed
		}
		if p.boolean("record") {
			setChangeCause(cp, recordCommand([]string{"set", "resources"}, p))
			changed = changed || o.Meta().Annotations[api.ChangeCauseAnnotation] != cp.Meta().Annotations[api.ChangeCauseAnnotation]
		}
		if !changed {
			continue // an empty patch: kubectl sends nothing and prints nothing
		}
		if suffix == "" {
			if err := k.update(cp, res); err != nil {
				res.fail(fmt.Errorf("failed to patch resources update to pod template %v", err))
				continue
			}
		}
		k.printUpdated(cp, p, "resource requirements updated", suffix, res)
	}
}

// parseResourceList reads `cpu=200m,memory=128Mi` as kubectl does, each quantity in its
// canonical form (0.5 → 500m).
func parseResourceList(spec string) (map[string]api.Quantity, error) {
	if spec == "" {
		return nil, nil
	}
	out := map[string]api.Quantity{}
	for _, pair := range strings.Split(spec, ",") {
		parts := strings.Split(pair, "=")
		if len(parts) != 2 {
			return nil, fmt.Errorf("Invalid argument syntax %v, expected <resource>=<value>", pair)
		}
		q, err := api.CanonicalQuantity(parts[1])
		if err != nil {
			return nil, err
		}
		out[parts[0]] = q
	}
	return out, nil
}

// mergeResources sets each quantity of from into *into, reporting whether anything changed.
// Stored objects share their maps with copies, so a change writes a new map.
func mergeResources(into *map[string]api.Quantity, from map[string]api.Quantity) bool {
	var merged map[string]api.Quantity
	for name, q := range from {
		if (*into)[name] == q {
			continue
		}
		if merged == nil {
			merged = make(map[string]api.Quantity, len(*into)+len(from))
			for n, v := range *into {
				merged[n] = v
			}
		}
		merged[name] = q
	}
	if merged == nil {
		return false
	}
	*into = merged
	return true
}
