package kubectl

import (
	"encoding/json"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"

	"rolloutlab/engine/kubectl/printers"
)

// The simulated cluster's identity.
const (
	KubectlVersion   = "v1.37.2"
	KustomizeVersion = "v5.7.1"
	ServerVersion    = "v1.37.2"
	// ControlPlaneURL is where kubectl's current context points.
	ControlPlaneURL = "https://127.0.0.1:6443"
)

func init() {
	register(&command{name: "version", path: "version", help: versionHelp, run: runVersion, flags: []*flagDef{
		{long: "client", kind: boolFlag, noOpt: "true"},
		{long: "output", short: "o", kind: stringFlag},
	}})
	register(&command{name: "api-resources", path: "api-resources", help: apiResourcesHelp, run: runAPIResources, flags: []*flagDef{
		{long: "api-group", kind: stringFlag},
		{long: "namespaced", kind: boolFlag, noOpt: "true"},
		{long: "no-headers", kind: boolFlag, noOpt: "true"},
		{long: "output", short: "o", kind: stringFlag},
		{long: "sort-by", kind: stringFlag},
		{long: "verbs", kind: sliceFlag},
		{long: "cached", kind: boolFlag, noOpt: "true"},
		{long: "categories", kind: sliceFlag},
	}})
	register(&command{name: "cluster-info", path: "cluster-info", help: clusterInfoHelp, run: runClusterInfo})
}

type versionInfo struct {
	Major        string `json:"major"`
	Minor        string `json:"minor"`
	GitVersion   string `json:"gitVersion"`
	GitTreeState string `json:"gitTreeState"`
	GoVersion    string `json:"goVersion"`
	Compiler     string `json:"compiler"`
	Platform     string `json:"platform"`
}

func newVersionInfo(v string) *versionInfo {
	parts := strings.Split(strings.TrimPrefix(v, "v"), ".")
	return &versionInfo{Major: parts[0], Minor: parts[1], GitVersion: v, GitTreeState: "clean", GoVersion: "go1.25.5", Compiler: "gc", Platform: "linux/amd64"}
}

func runVersion(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	if len(p.args) > 0 {
		res.Stderr.WriteString("error: unexpected arguments: [" + strings.Join(p.args, " ") + "]\nSee 'kubectl version -h' for help and examples\n")
		res.Exit = 1
		return
	}
	client := p.boolean("client")
	switch o := p.str("output", ""); o {
	case "":
		res.out("Client Version: %s\nKustomize Version: %s\n", KubectlVersion, KustomizeVersion)
		if !client {
			res.out("Server Version: %s\n", ServerVersion)
		}
	case "json", "yaml":
		v := struct {
			ClientVersion    *versionInfo `json:"clientVersion,omitempty"`
			KustomizeVersion string       `json:"kustomizeVersion,omitempty"`
			ServerVersion    *versionInfo `json:"serverVersion,omitempty"`
		}{ClientVersion: newVersionInfo(KubectlVersion), KustomizeVersion: KustomizeVersion}
		if !client {
			v.ServerVersion = newVersionInfo(ServerVersion)
		}
		if o == "json" {
			b, _ := json.MarshalIndent(v, "", "  ")
			res.out("%s\n", b)
		} else {
			b, _ := yaml.Marshal(v)
			res.Stdout.Write(b)
		}
	default:
		res.failf("--output must be 'yaml' or 'json'")
	}
}

// apiResource is one row of `kubectl api-resources`.
type apiResource struct {
	name, short, group, version, kind string
	namespaced                        bool
	verbs                             string
	categories                        string
}

// servedResources are the resources the simulated API server serves, in discovery order (the
// core group first, then apps).
var servedResources = []apiResource{
	{"events", "ev", "", "v1", "Event", true, "create,delete,deletecollection,get,list,patch,update,watch", ""},
	{"nodes", "no", "", "v1", "Node", false, "create,delete,deletecollection,get,list,patch,update,watch", ""},
	{"pods", "po", "", "v1", "Pod", true, "create,delete,deletecollection,get,list,patch,update,watch", "all"},
	{"services", "svc", "", "v1", "Service", true, "create,delete,deletecollection,get,list,patch,update,watch", "all"},
	{"deployments", "deploy", "apps", "v1", "Deployment", true, "create,delete,deletecollection,get,list,patch,update,watch", "all"},
	{"replicasets", "rs", "apps", "v1", "ReplicaSet", true, "create,delete,deletecollection,get,list,patch,update,watch", "all"},
}

func runAPIResources(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	if len(p.args) > 0 {
		res.Stderr.WriteString("error: unexpected arguments: [" + strings.Join(p.args, " ") + "]\nSee 'kubectl api-resources -h' for help and examples\n")
		res.Exit = 1
		return
	}
	output := p.str("output", "")
	if output != "" && output != "wide" && output != "name" {
		res.failf("--output %v is not available", output)
		return
	}
	sortBy := p.str("sort-by", "")
	if sortBy != "" && sortBy != "name" && sortBy != "kind" {
		res.failf("--sort-by accepts only name or kind")
		return
	}
	var rows []apiResource
	for _, r := range servedResources {
		if p.has("api-group") && r.group != p.str("api-group", "") {
			continue
		}
		if p.has("namespaced") && r.namespaced != p.boolean("namespaced") {
			continue
		}
		if verbs := p.list("verbs"); len(verbs) > 0 && !hasAll(strings.Split(r.verbs, ","), verbs) {
			continue
		}
		if cats := p.list("categories"); len(cats) > 0 && !hasAll(strings.Split(r.categories, ","), cats) {
			continue
		}
		rows = append(rows, r)
	}
	switch sortBy {
	case "name":
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].name < rows[j].name })
	case "kind":
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].kind < rows[j].kind })
	}
	if output == "name" {
		for _, r := range rows {
			if r.group != "" {
				res.out("%s.%s\n", r.name, r.group)
			} else {
				res.out("%s\n", r.name)
			}
		}
		return
	}
	headers := []string{"NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"}
	if output == "wide" {
		headers = append(headers, "VERBS", "CATEGORIES")
	}
	var t *printers.Table
	if p.boolean("no-headers") {
		t = printers.NewTable(len(headers), 6, 3)
	} else {
		t = printers.NewGetTable(headers...)
	}
	for _, r := range rows {
		gv := r.version
		if r.group != "" {
			gv = r.group + "/" + r.version
		}
		cells := []string{r.name, r.short, gv, boolString(r.namespaced), r.kind}
		if output == "wide" {
			cells = append(cells, "["+strings.ReplaceAll(r.verbs, ",", " ")+"]", r.categories)
		}
		t.AddRow(cells...)
	}
	if len(rows) > 0 || !p.boolean("no-headers") {
		res.Stdout.WriteString(t.String())
	}
}

func hasAll(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if h == w {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func runClusterInfo(k *Kubectl, c *command, args []string, res *Result) {
	for _, a := range args {
		if a == "dump" {
			res.failf("cluster-info dump is not available in this playground; use 'kubectl get' and 'kubectl describe'")
			return
		}
	}
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	if len(p.args) > 0 {
		res.Stderr.WriteString("error: unknown command \"" + strings.Join(p.args, " ") + "\"\nSee 'kubectl cluster-info -h' for help and examples\n")
		res.Exit = 1
		return
	}
	res.out("Kubernetes control plane is running at %s\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n", ControlPlaneURL)
}
