package gotemplate

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
	"text/template"

	"rolloutlab/engine/kubectl/jsonpath"
)

// The interpreter is checked against Go's own text/template (which kubectl runs), over the same
// data, with kubectl's functions and missingkey options: same output, same error text.

const podList = `{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[
 {"kind":"Pod","metadata":{"name":"web-1","labels":{"app":"web"},"annotations":{"note":"aGk="}},
  "spec":{"replicas":3,"terminationGracePeriodSeconds":9223372036854775807,"containers":[{"name":"nginx","image":"nginx:1.8"},{"name":"log","image":"busybox","stdin":true}]},
  "status":{"phase":"Running","restartCount":0,"score":0.25,"nothing":null}},
 {"kind":"Pod","metadata":{"name":"web-2","labels":{"app":"web"}},
  "spec":{"replicas":1000000,"containers":[{"name":"nginx","image":"nginx:1.91"}]},
  "status":{"phase":"Pending","restartCount":3}}]}`

func data(t testing.TB) any {
	v, err := jsonpath.Decode([]byte(podList))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// goRun runs tmpl with text/template as kubectl sets it up.
func goRun(tmpl string, data any, missingKeyError bool) (string, error) {
	t, err := template.New("output").Funcs(template.FuncMap{
		"exists": exists,
		"base64decode": func(v string) (string, error) {
			b, err := base64.StdEncoding.DecodeString(v)
			if err != nil {
				return "", fmt.Errorf("base64 decode failed: %v", err)
			}
			return string(b), nil
		},
	}).Parse(tmpl)
	if err != nil {
		return "", err
	}
	if missingKeyError {
		t.Option("missingkey=error")
	}
	var b strings.Builder
	err = t.Execute(&b, data)
	return b.String(), err
}

func ourRun(tmpl string, data any, missingKeyError bool) (string, error) {
	t, err := Parse(tmpl)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = t.Execute(&b, data, Options{MissingKeyError: missingKeyError})
	return b.String(), err
}

func TestGoTemplateAsTextTemplate(t *testing.T) {
	d := data(t)
	for _, c := range []struct {
		fact, tmpl      string
		missingKeyError bool
	}{
		{"fields of the root", "{{.kind}} {{.apiVersion}}", false},
		{"an integer prints as an integer", "{{(index .items 0).spec.replicas}} {{(index .items 1).spec.replicas}}", false},
		{"int64 prints exactly", "{{(index .items 0).spec.terminationGracePeriodSeconds}}", false},
		{"a float", "{{(index .items 0).status.score}}", false},
		{"null prints <nil>", "{{(index .items 0).status.nothing}}", false},
		{"a missing key prints <no value>", "{{.nope}}|{{.metadata.nope}}|{{.nope.deeper}}", false},
		{"a missing key is an error with missingkey=error", "{{.metadata.nope}}", true},
		{"a field of a missing key is an error with missingkey=error", "{{.nope.deeper}}", true},
		{"a field of null fails", "{{(index .items 0).status.nothing.x}}", false},
		{"a field of a string fails", "{{.kind.x}}", false},
		{"a map prints as Go prints it", "{{(index .items 0).metadata.labels}}", false},
		{"a list prints as Go prints it", "{{(index .items 0).spec.containers}}", false},
		{"range over a list", `{{range .items}}{{.metadata.name}} {{.status.phase}}{{"\n"}}{{end}}`, false},
		{"range with index and element", `{{range $i, $c := (index .items 0).spec.containers}}{{$i}}={{$c.name}} {{end}}`, false},
		{"range over a map in key order", `{{range $k, $v := (index .items 0).metadata}}{{$k}}:{{$v}};{{end}}`, false},
		{"range over an integer", "{{range 3}}{{.}}{{end}}", false},
		{"range over an int64 from the data", "{{range (index .items 0).spec.replicas}}{{.}},{{end}}", false},
		{"range else", "{{range .metadata.nope}}x{{else}}empty{{end}}", false},
		{"range over a string fails", "{{range .kind}}{{end}}", false},
		{"break and continue", "{{range .items}}{{if eq .status.phase \"Pending\"}}{{break}}{{end}}{{.metadata.name}}{{continue}}x{{end}}", false},
		{"nested ranges reach the root through $", `{{range .items}}{{range .spec.containers}}{{$.kind}}/{{.name}} {{end}}{{end}}`, false},
		{"if/else if/else", `{{range .items}}{{if eq .status.restartCount 0}}fresh{{else if gt .status.restartCount 2}}flaky{{else}}ok{{end}} {{end}}`, false},
		{"with changes dot", "{{with .metadata}}{{.resourceVersion}}|{{end}}{{with .nope}}x{{else}}none{{end}}", false},
		{"variables and assignment", `{{$n := 0}}{{range .items}}{{$n = .status.restartCount}}{{end}}{{$n}}`, false},
		{"an undefined variable fails at parse", "{{$x}}", false},
		{"and/or return the deciding value", `{{and 1 0 2}} {{or 0 "" "x"}} {{and 1 2}} {{or 0 ""}}`, false},
		{"not", "{{not .kind}} {{not .nope}}", false},
		{"len", "{{len .items}} {{len .kind}} {{len (index .items 0).metadata}}", false},
		{"len of a missing key fails", "{{len .nope}}", false},
		{"len of a number fails", "{{len (index .items 0).spec.replicas}}", false},
		{"index into lists, maps and strings", `{{index .items 1 "metadata" "name"}} {{index .kind 0}} {{index .metadata "nope"}}`, false},
		{"index out of range fails", "{{index .items 5}}", false},
		{"index at the length fails", "{{index .items 2}}", false},
		{"index of a map by a number fails", "{{index .metadata 0}}", false},
		{"slice", `{{slice .kind 1 3}} {{len (slice .items 1)}}`, false},
		{"slice past the end fails", "{{slice .kind 1 9}}", false},
		{"print, printf, println", `{{print "a" 1 .nope}}|{{printf "%d-%s-%v" 7 .kind .nope}}|{{println "x"}}`, false},
		{"printf of an int64", `{{printf "%05d" (index .items 1).spec.replicas}}`, false},
		{"html, js, urlquery", `{{html "<a href='x'>&</a>"}} {{js "it's \"q\" <b>="}} {{urlquery "a b&c"}}`, false},
		{"eq on strings and numbers, with several candidates", `{{eq .kind "List"}} {{eq .kind "x" "List"}} {{eq (len .items) 2}} {{eq (index .items 0).status.restartCount 0}}`, false},
		{"eq of a missing key", `{{eq .nope "x"}}`, false},
		{"eq of incompatible types fails", `{{eq .kind 1}}`, false},
		{"ne lt le gt ge", `{{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1.5 2.5}}`, false},
		{"lt of a string and a number fails", `{{lt .kind 1}}`, false},
		{"pipelines pass the value as the last argument", `{{.kind | printf "%s!"}} {{(index .items 0).spec.replicas | eq 3}}`, false},
		{"a field with arguments fails", `{{.kind 1}}`, false},
		{"arguments to a non-function fail", `{{1 2}}`, false},
		{"an unknown function fails at parse", `{{nope 1}}`, false},
		{"a wrong number of arguments fails", `{{len}}`, false},
		{"define and template", `{{define "name"}}<{{.metadata.name}}>{{end}}{{range .items}}{{template "name" .}}{{end}}`, false},
		{"an unknown template fails", `{{template "x"}}`, false},
		{"block", `{{block "b" .kind}}[{{.}}]{{end}}`, false},
		{"exists", `{{exists . "items" 0 "metadata"}} {{exists . "items" 9}} {{exists . "nope"}} {{exists (index .items 0) "status" "nothing"}}`, false},
		{"base64decode", `{{base64decode (index .items 0).metadata.annotations.note}}`, false},
		{"base64decode of bad input fails", `{{base64decode "!"}}`, false},
		{"comments and trim markers", "{{/* c */}}a  {{- .kind -}}  b", false},
		{"nil is not a command", "{{nil}}", false},
		{"a long expression is quoted whole in an error", "{{.items.aaaaaaaaaaaaaaaaaaaaaaaa.b}}", true},
		{"chains on parenthesized pipelines", "{{(index .items 1).metadata.labels.app}}", false},
		{"dot in a range over an int", "{{range $i := 2}}{{$i}}{{end}}", false},
		{"an empty template", "", false},
		{"only a definition", `{{define "x"}}y{{end}}`, false},
	} {
		want, wantErr := goRun(c.tmpl, d, c.missingKeyError)
		got, gotErr := ourRun(c.tmpl, d, c.missingKeyError)
		if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("%s: %s\n got %q, %v\nwant %q, %v", c.fact, c.tmpl, got, gotErr, want, wantErr)
		}
	}
}

// Templates that would run for ever stop at the step limit; text made by functions stops at
// the text limit.
func TestGoTemplateLimits(t *testing.T) {
	d := data(t)
	for _, tmpl := range []string{
		"{{range 100000000}}{{end}}",
		"{{range (index .items 0).spec.terminationGracePeriodSeconds}}{{end}}",
		`{{define "a"}}{{template "a" .}}{{template "a" .}}{{end}}{{template "a" .}}`,
		`{{range 1000}}{{range 1000}}{{range 1000}}{{end}}{{end}}{{end}}`,
	} {
		p, err := Parse(tmpl)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Execute(&strings.Builder{}, d, Options{MaxSteps: 100_000}); !errors.Is(err, ErrWork) {
			t.Errorf("%s: %v, want ErrWork", tmpl, err)
		}
	}
	p, _ := Parse(`{{range 100}}{{$x := printf "%100000d" 1}}{{end}}`)
	if err := p.Execute(&strings.Builder{}, d, Options{MaxText: 1 << 20}); !errors.Is(err, ErrWork) {
		t.Errorf("10 MB of printf: %v, want ErrWork", err)
	}
}

// Whatever the template, the interpreter agrees with text/template whenever both finish, and
// never runs past its limits.
func FuzzGoTemplate(f *testing.F) {
	for _, s := range []string{
		"{{.kind}}", "{{range .items}}{{.metadata.name}}{{end}}", `{{range $i, $e := .items}}{{$i}}{{end}}`,
		`{{printf "%v" .}}`, `{{index .items 0}}`, `{{with .metadata}}{{.x}}{{else}}n{{end}}`, "{{len .kind}}",
		`{{if and .kind (not .nope)}}y{{end}}`, `{{eq 1 1}}{{lt "a" "b"}}`, "{{slice .items 1}}", `{{define "x"}}{{.}}{{end}}{{template "x" 1}}`,
	} {
		f.Add(s)
	}
	d := data(f)
	f.Fuzz(func(t *testing.T, tmpl string) {
		got, err := ourRun(tmpl, d, len(tmpl)%2 == 1)
		if errors.Is(err, ErrWork) || strings.Contains(tmpl, "range") || strings.Contains(tmpl, "template") || strings.Contains(tmpl, "block") {
			return // text/template has no limit: do not run what might not end
		}
		want, wantErr := goRun(tmpl, d, len(tmpl)%2 == 1)
		if (err == nil) != (wantErr == nil) || (err == nil && got != want) {
			t.Fatalf("%q: got %q, %v; text/template %q, %v", tmpl, got, err, want, wantErr)
		}
	})
}
