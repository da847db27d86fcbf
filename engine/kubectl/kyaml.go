package kubectl

import (
	"rolloutlab/engine/api"
	"rolloutlab/engine/kubectl/printers"
)

// printKYAML prints one object as `-o kyaml` does: a KYAML document of its JSON.
func printKYAML(o api.Object, res *Result) {
	js, err := api.EncodeJSON(o)
	if err == nil {
		err = printers.KYAMLDocument(&res.Stdout, js)
	}
	if err != nil {
		res.fail(err)
	}
}

// printKYAMLList prints objects as the one KYAML document of the v1 List kubectl prints, an
// item at a time so that a long list stops at the output budget.
func printKYAMLList(objs []api.Object, res *Result) {
	out := &res.Stdout
	out.WriteString("---\n{\n  apiVersion: \"v1\",\n  items: [")
	for i, o := range objs {
		if res.overBudget() {
			return // Run cuts the output at the budget and says so
		}
		js, err := api.EncodeJSON(o)
		var v any
		if err == nil {
			v, err = printers.DecodeKYAML(js)
		}
		if err != nil {
			res.fail(err)
			return
		}
		if i > 0 {
			out.WriteString(", ")
		}
		// A sequence of mappings is cuddled: its items sit at the level of the key.
		printers.WriteKYAML(out, v, 1)
	}
	out.WriteString("],\n  kind: \"List\",\n  metadata: {\n    resourceVersion: \"\",\n  },\n}\n")
}
