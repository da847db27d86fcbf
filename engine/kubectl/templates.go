package kubectl

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"rolloutlab/engine/api"
	"rolloutlab/engine/kubectl/gotemplate"
	"rolloutlab/engine/kubectl/jsonpath"
	"rolloutlab/engine/kubectl/printers"
)

// The template output formats, by family, as kubectl's print flags group them.
var (
	jsonpathFormats = []string{"jsonpath", "jsonpath-file", "jsonpath-as-json"}
	goFormats       = []string{"go-template", "go-template-file", "template", "templatefile"}
	columnsFormats  = []string{"custom-columns", "custom-columns-file"}
)

// allowedGetFormats is `kubectl get`'s list of output formats, sorted as kubectl prints it.
const allowedGetFormats = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml"

// templatePrinter prints objects through one of kubectl's template formats.
type templatePrinter struct {
	raw  string // the template as kubectl echoes it in its errors
	jp   *jsonpath.Template
	gt   *gotemplate.Template
	cols []column
	opts jsonpath.Options
	// noHeaders is --no-headers, for custom columns; headerDone says the header was printed
	// (a watch prints it once).
	noHeaders, headerDone bool
	k                     *Kubectl // its checkpoint, between the rows of custom columns
}

type column struct {
	header string
	path   *jsonpath.Template
}

// splitFormat finds the template of `-o FORMAT=TEMPLATE` (or --template) for one family.
// matched is false when the format is not of the family.
func splitFormat(output, templateArg string, family []string) (format, value string, matched bool) {
	format = output
	if templateArg == "" {
		for _, f := range family {
			if v, ok := strings.CutPrefix(output, f+"="); ok {
				format, templateArg = f, v
				break
			}
		}
	}
	for _, f := range family {
		if f == format {
			return format, templateArg, true
		}
	}
	return "", "", false
}

// newTemplatePrinter returns the printer for a template output format, or nil when output
// is not one; its errors are kubectl's, printed before anything is listed.
func (k *Kubectl) newTemplatePrinter(output string, p *parsed) (*templatePrinter, error) {
	templateArg := p.str("template", "")
	if output == "" && templateArg != "" {
		output = "go-template"
	}
	tp := &templatePrinter{
		opts:      jsonpath.Options{AllowMissingKeys: p.str("allow-missing-template-keys", "true") == "true", MaxOutput: k.MaxOutput},
		noHeaders: p.boolean("no-headers"),
		k:         k,
	}
	read := func(name string) (string, error) {
		b, ok := k.Files.ReadFile(name)
		if !ok {
			return "", fmt.Errorf("error reading --template %s, open %s: no such file or directory\n", name, name)
		}
		return string(b), nil
	}
	if format, value, ok := splitFormat(output, templateArg, goFormats); ok {
		tp.raw = value
		if value == "" {
			return nil, errors.New("template format specified but no template given")
		}
		if strings.HasSuffix(format, "file") {
			text, err := read(value)
			if err != nil {
				return nil, err
			}
			tp.raw = text
		}
		gt, err := gotemplate.Parse(tp.raw)
		if err != nil {
			return nil, fmt.Errorf("error parsing template %s, %v\n", tp.raw, err)
		}
		tp.gt = gt
		return tp, nil
	}
	if format, value, ok := splitFormat(output, templateArg, jsonpathFormats); ok {
		tp.raw = value
		if value == "" {
			return nil, errors.New("template format specified but no template given")
		}
		if format == "jsonpath-file" {
			text, err := read(value)
			if err != nil {
				return nil, err
			}
			tp.raw = text
		}
		jp, err := jsonpath.Parse(tp.raw)
		if err != nil {
			return nil, fmt.Errorf("error parsing jsonpath %s, %v\n", tp.raw, err)
		}
		tp.jp, tp.opts.JSONOutput = jp, format == "jsonpath-as-json"
		return tp, nil
	}
	if format, value, ok := splitFormat(output, templateArg, columnsFormats); ok {
		if value == "" {
			return nil, errors.New("custom-columns format specified but no custom columns given")
		}
		var err error
		if format == "custom-columns-file" {
			text, ok := k.Files.ReadFile(value)
			if !ok {
				return nil, fmt.Errorf("error reading template %s, open %s: no such file or directory\n", value, value)
			}
			tp.cols, err = columnsFromFile(string(text))
		} else {
			tp.cols, err = columnsFromSpec(value)
		}
		if err != nil {
			return nil, err
		}
		return tp, nil
	}
	return nil, nil
}

// columnsFromSpec reads NAME:PATH,NAME:PATH.
func columnsFromSpec(spec string) ([]column, error) {
	var cols []column
	for _, part := range strings.Split(spec, ",") {
		header, path, ok := strings.Cut(part, ":")
		if !ok {
			return nil, fmt.Errorf("unexpected custom-columns spec: %s, expected <header>:<json-path-expr>", part)
		}
		c, err := newColumn(header, path)
		if err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, nil
}

// columnsFromFile reads a custom-columns file: a line of headers and a line of paths.
func columnsFromFile(text string) ([]column, error) {
	// Lines as a line scanner reads them: a last line break ends a line, not starts one.
	text = strings.TrimSuffix(text, "\n")
	lines := strings.Split(text, "\n")
	if text == "" {
		return nil, errors.New("invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.")
	}
	if len(lines) < 2 {
		return nil, errors.New("invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.")
	}
	headers, specs := strings.Fields(lines[0]), strings.Fields(lines[1])
	if len(headers) != len(specs) {
		return nil, fmt.Errorf("number of headers (%d) and field specifications (%d) don't match", len(headers), len(specs))
	}
	cols := make([]column, len(headers))
	for i := range headers {
		c, err := newColumn(headers[i], specs[i])
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	return cols, nil
}

// relaxedPath accepts a.b, .a.b, {a.b} and {.a.b}, as kubectl's custom columns do.
var relaxedPath = regexp.MustCompile(`^\{\.?([^{}]+)\}$|^\.?([^{}]+)$`)

func relaxedJSONPath(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	m := relaxedPath.FindStringSubmatch(path)
	if m == nil {
		return "", errors.New("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
	}
	return "{." + m[1] + m[2] + "}", nil
}

func newColumn(header, path string) (column, error) {
	expr, err := relaxedJSONPath(path)
	if err != nil {
		return column{}, err
	}
	t, err := jsonpath.Parse(expr)
	if err != nil {
		return column{}, err
	}
	return column{header: header, path: t}, nil
}

// print prints objs: as the List kubectl builds of them, or as the one object asked for by
// name. Errors are printed as kubectl prints them.
func (tp *templatePrinter) print(objs []api.Object, single bool, res *Result) {
	if tp.cols != nil {
		tp.printColumns(objs, res)
		return
	}
	var data map[string]any
	if single {
		data = objectContent(objs[0])
	} else {
		items := make([]any, len(objs))
		for i, o := range objs {
			items[i] = objectContent(o)
		}
		data = map[string]any{"apiVersion": "v1", "items": items, "kind": "List", "metadata": map[string]any{"resourceVersion": ""}}
	}
	if tp.gt != nil {
		tp.printGoTemplate(data, res)
		return
	}
	err := tp.jp.Execute(&res.Stdout, data, tp.opts)
	switch {
	case errors.Is(err, jsonpath.ErrWork):
		res.failf("jsonpath %q stopped: %v (more than %d)", tp.raw, err, jsonpath.DefaultMaxWork)
	case err != nil:
		// kubectl appends the template and the whole object it was given.
		res.Stderr.WriteString(fmt.Sprintf("error: error executing jsonpath %q: Error executing template: %v. Printing more information for debugging the template:\n"+
			"\ttemplate was:\n\t\t%v\n\tobject given to jsonpath engine was:\n\t\t%#v\n\n\n", tp.raw, err, tp.raw, data))
		res.Exit = 1
	}
}

func (tp *templatePrinter) printColumns(objs []api.Object, res *Result) {
	headers := make([]string, len(tp.cols))
	for i, c := range tp.cols {
		headers[i] = c.header
	}
	noHeaders := tp.noHeaders || tp.headerDone
	tp.headerDone = true
	t := printers.NewGetTable(headers...)
	if noHeaders {
		t = printers.NewGetTable(make([]string, len(headers))...)
	}
	opts := tp.opts
	opts.AllowMissingKeys = true // kubectl's columns never fail on a missing field
	for _, o := range objs {
		if res.overBudget() {
			break
		}
		tp.k.pause()
		data := objectContent(o)
		row := make([]string, len(tp.cols))
		for i, c := range tp.cols {
			groups, err := c.path.FindResults(data, opts)
			if err != nil {
				res.failf("%v", err)
				return
			}
			var texts []string
			for _, g := range groups {
				for _, v := range g {
					texts = append(texts, fmt.Sprint(v))
				}
			}
			if len(groups) == 0 || len(groups[0]) == 0 {
				texts = append([]string{"<none>"}, texts...)
			}
			row[i] = strings.Join(texts, ",")
		}
		t.AddRow(row...)
	}
	out := t.String()
	if noHeaders {
		_, out, _ = strings.Cut(out, "\n")
	}
	res.Stdout.WriteString(out)
}

// objectContent is the object as kubectl's templates see it (see jsonpath.Decode).
func objectContent(o api.Object) map[string]any {
	b, _ := json.Marshal(o)
	v, _ := jsonpath.Decode(b)
	m, _ := v.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	addTypeMeta(m, o)
	return m
}

// watchTemplate is `get -w` with a template format: each listed object printed alone (custom
// columns as one table), then each change, as kubectl's watch prints them.
func (k *Kubectl) watchTemplate(tp *templatePrinter, t *resourceType, ns string, sel labelSelector, fsel fieldSelector, listed []api.Object, watchOnly bool, types int, res *Result) {
	if types != 1 {
		res.failf("you may only specify a single resource type")
		return
	}
	switch {
	case watchOnly:
	case tp.cols != nil:
		tp.print(listed, false, res)
	default:
		for _, o := range listed {
			tp.print([]api.Object{o}, true, res)
		}
	}
	w := k.newGetWatch(t, ns, sel, fsel, printers.TableOptions{}, res, listed, false)
	w.tp = tp
	res.Watch = w
}
