package kubectl

import (
	"fmt"
	"strconv"
	"strings"

	"rolloutlab/engine/api"
)

// fieldTerm is one requirement of a field selector: field=value, field==value or field!=value.
type fieldTerm struct {
	field, value string
	not          bool
}

// fieldSelector is a parsed --field-selector; the zero value selects everything.
type fieldSelector []fieldTerm

// parseFieldSelector reads a field selector as the apiserver does (fields.ParseSelector):
// comma-separated terms, each split at its first operator (!=, ==, =), with \, \= and \\ as
// escapes in values.
func parseFieldSelector(s string) (fieldSelector, error) {
	var out fieldSelector
	for _, part := range splitUnescaped(s, ',') {
		if part == "" {
			continue
		}
		lhs, op, rhs, ok := splitFieldTerm(part)
		if !ok {
			return nil, fmt.Errorf("invalid selector: '%s'; can't understand '%s'", s, part)
		}
		value, err := unescapeFieldValue(rhs)
		if err != nil {
			return nil, err
		}
		out = append(out, fieldTerm{field: lhs, value: value, not: op == "!="})
	}
	return out, nil
}

func splitUnescaped(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

func splitFieldTerm(term string) (lhs, op, rhs string, ok bool) {
	for i := range term {
		for _, op := range []string{"!=", "==", "="} {
			if strings.HasPrefix(term[i:], op) {
				return term[:i], op, term[i+len(op):], true
			}
		}
	}
	return "", "", "", false
}

func unescapeFieldValue(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		if i == len(s) || !strings.ContainsRune(`\,=`, rune(s[i])) {
			return "", fmt.Errorf("invalid field selector: invalid escape sequence: %s", s)
		}
		b.WriteByte(s[i])
	}
	return b.String(), nil
}

// fieldValues are the fields the apiserver lets a selector name for an object of this kind,
// with their values; the metadata fields every kind has come first.
func fieldValues(o api.Object) map[string]string {
	m := o.Meta()
	f := map[string]string{"metadata.name": m.Name, "metadata.namespace": m.Namespace}
	switch x := o.(type) {
	case *api.Pod:
		spec := x.Spec
		if spec == nil {
			spec = &api.PodSpec{}
		}
		f["spec.nodeName"] = spec.NodeName
		f["spec.restartPolicy"] = spec.RestartPolicy
		f["spec.schedulerName"] = spec.SchedulerName
		f["spec.serviceAccountName"] = spec.ServiceAccountName
		f["spec.hostNetwork"] = strconv.FormatBool(spec.HostNetwork)
		f["status.phase"] = x.Status.Phase
		f["status.podIP"] = x.Status.PodIP
		f["status.nominatedNodeName"] = x.Status.NominatedNodeName()
	case *api.ReplicaSet:
		f["status.replicas"] = strconv.Itoa(int(x.Status.Replicas))
	case *api.Node:
		f["spec.unschedulable"] = strconv.FormatBool(x.Spec.Unschedulable)
	case *api.Event:
		r := x.InvolvedObject
		f["involvedObject.kind"], f["involvedObject.namespace"], f["involvedObject.name"] = r.Kind, r.Namespace, r.Name
		f["involvedObject.uid"], f["involvedObject.apiVersion"] = r.UID, r.APIVersion
		f["involvedObject.resourceVersion"], f["involvedObject.fieldPath"] = r.ResourceVersion, r.FieldPath
		f["reason"], f["reportingComponent"], f["source"], f["type"] = x.Reason, x.ReportingController, x.Source.Component, x.Type
	}
	return f
}

// check is the apiserver's refusal of a field its kind does not index: kinds with their own
// field list say "field label not supported", the others list the two metadata fields.
func (s fieldSelector) check(t *resourceType) error {
	// An empty object of the kind has every field the kind indexes.
	var sample api.Object = &api.Deployment{}
	switch t.kind {
	case api.KindPod:
		sample = &api.Pod{}
	case api.KindReplicaSet:
		sample = &api.ReplicaSet{}
	case api.KindNode:
		sample = &api.Node{}
	case api.KindEvent:
		sample = &api.Event{}
	}
	known := fieldValues(sample)
	for _, term := range s {
		if _, ok := known[term.field]; ok {
			continue
		}
		switch t.kind {
		case api.KindPod, api.KindReplicaSet, api.KindNode, api.KindEvent:
			return fmt.Errorf("field label not supported: %s", term.field)
		}
		return fmt.Errorf("%q is not a known field selector: only \"metadata.name\", \"metadata.namespace\"", term.field)
	}
	return nil
}

func (s fieldSelector) matches(o api.Object) bool {
	if len(s) == 0 {
		return true
	}
	f := fieldValues(o)
	for _, term := range s {
		if (f[term.field] == term.value) == term.not {
			return false
		}
	}
	return true
}

// fieldSelectorError is how kubectl reports the apiserver's 400 for a list with selectors.
func fieldSelectorError(t *resourceType, labelSel, fieldSel string, err error) error {
	group, version := "", "v1"
	if t.qualified != t.plural {
		group = strings.TrimPrefix(t.qualified, t.plural+".")
	}
	return api.NewBadRequest(fmt.Sprintf("Unable to find %q that match label selector %q, field selector %q: %v",
		group+"/"+version+", Resource="+t.plural, labelSel, fieldSel, err))
}
