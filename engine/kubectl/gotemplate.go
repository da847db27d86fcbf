package kubectl

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"rolloutlab/engine/kubectl/gotemplate"
)

// printGoTemplate runs -o go-template over data. On failure kubectl prints what it knows on
// stdout (the template, the raw JSON, the map) and the error on stderr; output cut at the
// budget is reported by Run.
func (tp *templatePrinter) printGoTemplate(data map[string]any, res *Result) {
	w := &budgetWriter{w: &res.Stdout, left: tp.opts.MaxOutput - res.Stdout.Len()}
	err := tp.gt.Execute(w, data, gotemplate.Options{MissingKeyError: !tp.opts.AllowMissingKeys})
	switch {
	case err == nil, w.full:
		return
	case errors.Is(err, gotemplate.ErrWork):
		res.failf("error executing template %q: %v", tp.raw, err)
		return
	}
	b, _ := json.Marshal(data)
	fmt.Fprintf(&res.Stdout, "Error executing template: %v. Printing more information for debugging the template:\n", err)
	fmt.Fprintf(&res.Stdout, "\ttemplate was:\n\t\t%v\n", tp.raw)
	fmt.Fprintf(&res.Stdout, "\traw data was:\n\t\t%v\n", string(b))
	fmt.Fprintf(&res.Stdout, "\tobject given to template engine was:\n\t\t%+v\n\n", data)
	res.failf("error executing template %q: %v", tp.raw, err)
}

// errOutputFull ends a template's run once the output budget is spent.
var errOutputFull = errors.New("output budget spent")

// budgetWriter writes until the output budget is spent (one byte beyond, so that Run sees
// it was passed), then fails, which ends the run.
type budgetWriter struct {
	w    io.Writer
	left int
	full bool
}

func (b *budgetWriter) Write(p []byte) (int, error) {
	if len(p) > b.left {
		b.full = true
		n, _ := b.w.Write(p[:max(b.left, 0)+1])
		b.left = -1
		return n, errOutputFull
	}
	b.left -= len(p)
	return b.w.Write(p)
}
