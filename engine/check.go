package engine

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"rolloutlab/engine/api"
	"rolloutlab/engine/cluster"
)

// ManifestProblem is one thing `kubectl apply -f` would refuse in a manifest document.
type ManifestProblem struct {
	// Field is the path of the field it names, as the API server writes it
	// (spec.template.spec.containers[0].image), or apiVersion or kind; "" when none.
	Field string
	// Line is a syntax error's line in the document (1-based); 0: place it by Field.
	Line int
	Msg  string
}

var (
	reYAMLLine   = regexp.MustCompile(`yaml: line (\d+): `)
	reJSONOffset = regexp.MustCompile(`json: offset (\d+): `)
	reUnknown    = regexp.MustCompile(`unknown field "([^"]+)"`)
	reTypeField  = regexp.MustCompile(`Go struct field [A-Za-z0-9_]+\.([^ ]+) of type`)
)

// CheckManifest is what apply of one manifest document (YAML or JSON) to an empty cluster
// reports, found the same way: kubectl's strict decoding (api.DecodeDocuments, the default
// --validate=strict), then what the API server does on create (Cluster.Create): the object as
// received (cluster.Received), its defaulting and validation (api.Admit). Service addresses are not allocated: whether one is free depends on
// the cluster. The editor checks as the learner types with it.
func CheckManifest(doc string) []ManifestProblem {
	var out []ManifestProblem
	for _, d := range api.DecodeDocuments([]byte(doc), api.Strict) {
		if d.Err != nil {
			out = append(out, decodeProblems(d.Err, doc)...)
			continue
		}
		cluster.Received(d.Object)
		for _, fe := range api.Admit(d.Object, nil, nil) {
			out = append(out, ManifestProblem{Field: fe.Field, Msg: fe.Error()})
		}
	}
	return out
}

// decodeProblems names the field (or line) each decoding error is about.
func decodeProblems(err error, doc string) []ManifestProblem {
	var (
		syn     *api.SyntaxError
		schema  *api.SchemaError
		nomatch *api.NoMatchError
		undec   *api.UnableToDecodeError
	)
	switch {
	case errors.As(err, &syn):
		return []ManifestProblem{syntaxProblem(syn.Msg, doc)}
	case errors.As(err, &schema):
		var out []ManifestProblem
		for _, pr := range schema.Problems {
			field := ""
			switch {
			case strings.HasPrefix(pr, "apiVersion"):
				field = "apiVersion"
			case strings.HasPrefix(pr, "kind"):
				field = "kind"
			}
			out = append(out, ManifestProblem{Field: field, Msg: pr})
		}
		return out
	case errors.As(err, &nomatch):
		// A kind the API server serves in another version: the apiVersion is what is wrong.
		field := "kind"
		switch nomatch.Kind {
		case api.KindDeployment, api.KindReplicaSet, api.KindPod, api.KindService:
			field = "apiVersion"
		}
		return []ManifestProblem{{Field: field, Msg: nomatch.Error()}}
	case errors.As(err, &undec):
		return []ManifestProblem{{Msg: undec.Msg}}
	}
	msg := err.Error()
	if m := reUnknown.FindAllStringSubmatch(msg, -1); len(m) > 0 {
		var out []ManifestProblem
		for _, x := range m {
			out = append(out, ManifestProblem{Field: x[1], Msg: `unknown field "` + x[1] + `"`})
		}
		return out
	}
	if m := reTypeField.FindStringSubmatch(msg); m != nil {
		if i := strings.Index(msg, "json: "); i >= 0 {
			msg = msg[i:]
		}
		return []ManifestProblem{{Field: m[1], Msg: msg}}
	}
	return []ManifestProblem{{Msg: msg}}
}

// syntaxProblem finds the line of a YAML or JSON syntax error. go-yaml reports parser errors
// ("did not find expected key") with the 0-based line of the offending token, and scanner
// errors with its 1-based line; JSON errors give a byte offset.
func syntaxProblem(msg, doc string) ManifestProblem {
	total := strings.Count(doc, "\n") + 1
	if m := reYAMLLine.FindStringSubmatchIndex(msg); m != nil {
		n, _ := strconv.Atoi(msg[m[2]:m[3]])
		if strings.Contains(msg, "did not find expected") {
			n++
		}
		return ManifestProblem{Line: min(max(n, 1), total), Msg: "yaml: " + msg[m[1]:]}
	}
	if m := reJSONOffset.FindStringSubmatchIndex(msg); m != nil {
		off, _ := strconv.Atoi(msg[m[2]:m[3]])
		off = min(max(off, 0), len(doc))
		return ManifestProblem{Line: 1 + strings.Count(doc[:off], "\n"), Msg: msg[m[1]:]}
	}
	return ManifestProblem{Msg: msg}
}
