package kubectl_test

import (
	"strings"
	"testing"
)

// The template output formats print what kubectl 1.37 prints, errors included.
func TestTemplateFormats(t *testing.T) {
	e := seeded(t)
	e.WriteFile("names.jsonpath", `{range .items[*]}{.metadata.name}{"\n"}{end}`)
	e.WriteFile("replicas.tmpl", `{{.spec.replicas}}`)
	e.WriteFile("cols.txt", "NAME REPLICAS\n.metadata.name .spec.replicas\n")
	e.WriteFile("headers.txt", "NAME REPLICAS\n")
	const deploy = "nginx-deployment-controller"
	rs := strings.TrimSpace(e.Exec("kubectl get rs -o name").Stdout())
	rs = strings.TrimPrefix(rs, "replicaset.apps/")
	for _, c := range []struct {
		fact, line, stdout, stderr string
	}{
		{"a filter on a number selects the matching items (issue 13: it printed nothing)",
			"kubectl get rs -o jsonpath='{.items[?(@.spec.replicas==2)].metadata.name}'", rs, ""},
		{"a filter on a string", `kubectl get pods -o jsonpath='{.items[?(@.status.phase=="Pending")].metadata.name}'`, "", ""},
		{"a filter on conditions", `kubectl get deploy ` + deploy + ` -o jsonpath='{.status.conditions[?(@.type=="Available")].status}'`, "True", ""},
		{"a map prints as JSON", "kubectl get deploy " + deploy + " -o jsonpath='{.spec.selector}'", `{"matchLabels":{"app":"nginx"}}`, ""},
		{"-o jsonpath-file reads the template from a file", "kubectl get deploy -o jsonpath-file=names.jsonpath", deploy + "\n", ""},
		{"--template with -o jsonpath", "kubectl get deploy " + deploy + " -o jsonpath --template={.spec.replicas}", "2", ""},
		{"a parse error names the template", "kubectl get deploy -o jsonpath='{.spec.replicas'", "",
			"error: error parsing jsonpath {.spec.replicas, unclosed action\n"},
		{"-o jsonpath needs a template", "kubectl get deploy -o jsonpath", "", "error: template format specified but no template given\n"},
		{"a missing template file", "kubectl get deploy -o jsonpath-file=nope.txt", "",
			"error: error reading --template nope.txt, open nope.txt: no such file or directory\n"},
		{"an index past the end fails, with the template and the object kubectl was given",
			"kubectl get deploy -o jsonpath={.items[3].metadata.name}", "",
			"error: error executing jsonpath \"{.items[3].metadata.name}\": Error executing template: array index out of bounds: index 3, length 1. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[3].metadata.name}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"items\":[]interface {}{map[string]interface {}{"},
		{"an empty list prints nothing, and no 'No resources found'", "kubectl get svc -l app=none -o jsonpath={.items[*].metadata.name}", "", ""},
		{"an empty list is still a List", "kubectl get svc -l app=none -o jsonpath={.kind}", "List", ""},
		{"the one object asked for is not found: only the error", "kubectl get deploy nope -o jsonpath={.kind}", "",
			"Error from server (NotFound): deployments.apps \"nope\" not found\n"},
		{"--ignore-not-found finding nothing prints nothing", "kubectl get deploy nope --ignore-not-found -o jsonpath={.kind}", "", ""},
		{"go-template prints a replica count as an integer", "kubectl get deploy " + deploy + ` -o go-template='{{.spec.replicas}} {{.spec.template.spec.terminationGracePeriodSeconds}}'`, "2 30", ""},
		{"go-template ranges over the list's items", `kubectl get deploy -o go-template='{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}'`, deploy + "\n", ""},
		{"--template alone is a go-template", "kubectl get deploy " + deploy + " --template={{.kind}}", "Deployment", ""},
		{"-o template is a go-template", "kubectl get deploy " + deploy + " -o template={{.kind}}", "Deployment", ""},
		{"go-template-file reads a file", "kubectl get deploy " + deploy + " -o go-template-file=replicas.tmpl", "2", ""},
		{"a missing key prints <no value>", "kubectl get deploy " + deploy + " -o go-template={{.nope}}", "<no value>", ""},
		{"exists and base64decode are kubectl's functions", "kubectl get deploy " + deploy + ` -o go-template='{{exists . "spec" "replicas"}} {{exists . "nope"}} {{base64decode "aGk="}}'`, "true false hi", ""},
		{"a go-template parse error", "kubectl get deploy -o go-template={{.x", "",
			"error: error parsing template {{.x, template: output:1: unclosed action\n"},
		{"custom-columns prints maps as Go does", "kubectl get deploy -o custom-columns=NAME:.metadata.name,SEL:.spec.selector.matchLabels,NONE:.nope",
			"NAME                          SEL              NONE\n" + deploy + "   map[app:nginx]   <none>\n", ""},
		{"custom-columns-file reads headers and paths", "kubectl get deploy -o custom-columns-file=cols.txt", "NAME                          REPLICAS\n" + deploy + "   2\n", ""},
		{"a custom-columns file without its line of paths", "kubectl get deploy -o custom-columns-file=headers.txt", "",
			"error: invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.\n"},
		{"custom-columns --no-headers", "kubectl get deploy -o custom-columns=N:metadata.name --no-headers", deploy + "\n", ""},
		{"a custom-columns spec without a path", "kubectl get deploy -o custom-columns=NAME", "",
			"error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n"},
		{"-o yam lists the allowed formats, kyaml included", "kubectl get deploy -o yam", "",
			"error: unable to match a printer suitable for the output format \"yam\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml\n"},
	} {
		x := e.Exec(c.line)
		if x.Stdout() != c.stdout || !strings.HasPrefix(x.Stderr(), c.stderr) || (c.stderr == "") != (x.Stderr() == "") {
			t.Errorf("%s: %s\nstdout %q\nstderr %q\nwant %q and %q", c.fact, c.line, x.Stdout(), x.Stderr(), c.stdout, c.stderr)
		}
	}
}

// With --allow-missing-template-keys=false a missing field is an error, in both languages.
func TestTemplateMissingKeys(t *testing.T) {
	e := seeded(t)
	x := e.Exec("kubectl get deploy nginx-deployment-controller -o jsonpath={.nope} --allow-missing-template-keys=false")
	if want := "error: error executing jsonpath \"{.nope}\": Error executing template: nope is not found. Printing more information"; !strings.HasPrefix(x.Stderr(), want) || !strings.HasSuffix(x.Stderr(), "}\n\n\n") || x.ExitCode() != 1 {
		t.Errorf("jsonpath: %q", x.Stderr())
	}
	x = e.Exec("kubectl get deploy nginx-deployment-controller -o go-template={{.spec.nope}} --allow-missing-template-keys=false")
	if want := "error: error executing template \"{{.spec.nope}}\": template: output:1:7: executing \"output\" at <.spec.nope>: map has no entry for key \"nope\"\n"; x.Stderr() != want || x.ExitCode() != 1 {
		t.Errorf("go-template stderr %q, want %q", x.Stderr(), want)
	}
	if !strings.HasPrefix(x.Stdout(), "Error executing template: template: output:1:7: executing \"output\" at <.spec.nope>: map has no entry for key \"nope\". Printing more information for debugging the template:\n\ttemplate was:\n\t\t{{.spec.nope}}\n\traw data was:\n\t\t{\"apiVersion\":\"apps/v1\"") {
		t.Errorf("go-template stdout %q", x.Stdout())
	}
}

// A go-template that would run without end stops at the step limit (a runaway recursion
// sooner); one that prints without end stops at the output budget.
func TestGoTemplateBudget(t *testing.T) {
	e := seeded(t)
	for _, line := range []string{
		"kubectl get pods -o go-template='{{range 100000000}}{{end}}'",
		`kubectl get pods -o go-template='{{define "a"}}{{template "a" .}}{{end}}{{template "a" .}}'`,
	} {
		if x := e.Exec(line); x.ExitCode() != 1 || !strings.Contains(x.Stderr(), "the template does more work than the playground allows") {
			t.Errorf("%s: %q %q", line, x.Stdout(), x.Stderr())
		}
	}
	x := e.Exec(`kubectl get pods -o go-template='{{range 5000}}{{printf "%1000d" 1}}{{end}}'`)
	if !strings.Contains(x.Stderr(), "output truncated at") {
		t.Errorf("a template printing 5 MB: %d bytes, %q", len(x.Stdout()), x.Stderr())
	}
}

// Whatever the template, -o go-template and -o jsonpath answer without an internal error and
// within the output budget.
func FuzzTemplates(f *testing.F) {
	for _, s := range []string{
		"{{.spec.replicas}}", "{{range .items}}{{.metadata.name}}{{end}}", `{{range $i, $e := .items}}{{$i}}{{end}}`,
		"{{range 10}}{{range $.items}}{{.}}{{end}}{{end}}", `{{printf "%v" .}}`, `{{define "x"}}{{end}}{{template "x" .}}`,
		`{{index .items 0}}`, `{{exists . "items" 0}}`, `{{base64decode "!"}}`, "{{.items.x.y}}", "{{slice .kind 1}}",
	} {
		f.Add(s)
	}
	e := seeded(f)
	f.Fuzz(func(t *testing.T, tmpl string) {
		for _, format := range []string{"go-template", "jsonpath"} {
			x := e.Exec("kubectl get pods -o " + format + "='" + strings.ReplaceAll(tmpl, "'", "") + "'")
			if strings.Contains(x.Stderr(), "internal error") || len(x.Stdout()) > 4<<20 {
				t.Fatalf("%s %q: %d bytes, %q", format, tmpl, len(x.Stdout()), x.Stderr())
			}
		}
	})
}

// Commands that print the object they wrote take the template formats too.
func TestTemplateFormatsOfWrites(t *testing.T) {
	e := seeded(t)
	for _, c := range []struct{ fact, line, want string }{
		{"create --dry-run -o jsonpath", "kubectl create deployment web --image=nginx:1.8 --replicas=3 --dry-run=client -o jsonpath={.spec.replicas}", "3"},
		{"create --dry-run -o go-template", "kubectl create deployment web --image=nginx:1.8 --dry-run=client -o go-template={{.metadata.name}}", "web"},
	} {
		if x := e.Exec(c.line); x.Stdout() != c.want || x.Stderr() != "" {
			t.Errorf("%s: %q %q, want %q", c.fact, x.Stdout(), x.Stderr(), c.want)
		}
	}
}

// --sort-by evaluates its path as jsonpath, and orders as kubectl does.
func TestSortByJSONPath(t *testing.T) {
	e := seeded(t)
	for _, line := range []string{
		"kubectl create deployment web-10 --image=nginx:1.9.1",
		"kubectl create deployment web-9 --image=nginx:1.16.1 --replicas=3",
	} {
		if x := e.Exec(line); x.ExitCode() != 0 {
			t.Fatal(x.Stderr())
		}
	}
	for _, c := range []struct{ fact, line, stdout, stderr string }{
		{"names sort in natural order: web-9 before web-10", "kubectl get deploy --sort-by=.metadata.name -o name",
			"deployment.apps/nginx-deployment-controller\ndeployment.apps/web-9\ndeployment.apps/web-10\n", ""},
		{"an index inside the path; nginx:1.8 < nginx:1.9.1 < nginx:1.16.1 in natural order", "kubectl get deploy --sort-by='{.spec.template.spec.containers[0].image}' -o name",
			"deployment.apps/nginx-deployment-controller\ndeployment.apps/web-10\ndeployment.apps/web-9\n", ""},
		{"numbers sort by value", "kubectl get deploy --sort-by=spec.replicas -o name",
			"deployment.apps/web-10\ndeployment.apps/nginx-deployment-controller\ndeployment.apps/web-9\n", ""},
		{"a path no object has", "kubectl get deploy --sort-by=.spec.nope", "",
			"error: couldn't find any field with path \"{.spec.nope}\" in the list of objects\n"},
	} {
		if x := e.Exec(c.line); x.Stdout() != c.stdout || x.Stderr() != c.stderr {
			t.Errorf("%s: %s\nstdout %q\nstderr %q", c.fact, c.line, x.Stdout(), x.Stderr())
		}
	}
}

// get -w with a template format prints each listed object alone, then each change (kubectl's
// watch prints objects one by one); custom columns print their header once.
func TestTemplateWatch(t *testing.T) {
	e := seeded(t)
	x := e.Exec(`kubectl get deploy -w -o jsonpath='{.metadata.name}:{.spec.replicas}{"\n"}'`)
	c := e.Exec("kubectl get deploy -w -o custom-columns=NAME:.metadata.name,WANT:.spec.replicas")
	if !x.Running() || x.Stdout() != "nginx-deployment-controller:2\n" {
		t.Fatalf("listing: %q %q", x.Stdout(), x.Stderr())
	}
	e.Exec("kubectl scale deploy nginx-deployment-controller --replicas=3")
	x.Poll(e.Now())
	c.Poll(e.Now())
	if got := x.Stdout(); !strings.HasPrefix(got, "nginx-deployment-controller:2\nnginx-deployment-controller:3\n") {
		t.Errorf("after a scale: %q", got)
	}
	if got := c.Stdout(); strings.Count(got, "NAME") != 1 || !strings.Contains(got, "nginx-deployment-controller   3\n") {
		t.Errorf("custom columns: %q", got)
	}
	x.Cancel()
	c.Cancel()
}
