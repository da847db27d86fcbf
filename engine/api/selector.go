package api

import (
	"sort"
	"strings"
)

// LabelSelector is metav1.LabelSelector.
type LabelSelector struct {
	MatchLabels      map[string]string          `json:"matchLabels,omitempty"`
	MatchExpressions []LabelSelectorRequirement `json:"matchExpressions,omitempty"`
}

// LabelSelectorRequirement is one set-based requirement.
type LabelSelectorRequirement struct {
	Key      string   `json:"key"`
	Operator string   `json:"operator"`
	Values   []string `json:"values,omitempty"`
}

// Selector operators.
const (
	OpIn           = "In"
	OpNotIn        = "NotIn"
	OpExists       = "Exists"
	OpDoesNotExist = "DoesNotExist"
)

// Empty reports a selector that selects everything ({}).
func (s *LabelSelector) Empty() bool {
	return s != nil && len(s.MatchLabels) == 0 && len(s.MatchExpressions) == 0
}

// Matches reports whether labels satisfy the selector. A nil selector matches nothing, as
// metav1.LabelSelectorAsSelector's nil case does for controllers.
func (s *LabelSelector) Matches(labels map[string]string) bool {
	if s == nil {
		return false
	}
	for k, v := range s.MatchLabels {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	for _, r := range s.MatchExpressions {
		v, ok := labels[r.Key]
		switch r.Operator {
		case OpIn:
			if !ok || !contains(r.Values, v) {
				return false
			}
		case OpNotIn:
			if ok && contains(r.Values, v) {
				return false
			}
		case OpExists:
			if !ok {
				return false
			}
		case OpDoesNotExist:
			if ok {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// String renders the selector as kubectl prints it: `app=nginx,tier in (a,b),!x`, requirements
// sorted by key as labels.Selector does.
func (s *LabelSelector) String() string {
	if s == nil {
		return "<none>"
	}
	type req struct{ key, text string }
	var reqs []req
	for k, v := range s.MatchLabels {
		reqs = append(reqs, req{k, k + "=" + v})
	}
	for _, r := range s.MatchExpressions {
		vals := append([]string(nil), r.Values...)
		sort.Strings(vals)
		var t string
		switch r.Operator {
		case OpIn:
			t = r.Key + " in (" + strings.Join(vals, ",") + ")"
		case OpNotIn:
			t = r.Key + " notin (" + strings.Join(vals, ",") + ")"
		case OpExists:
			t = r.Key
		case OpDoesNotExist:
			t = "!" + r.Key
		}
		reqs = append(reqs, req{r.Key, t})
	}
	sort.SliceStable(reqs, func(i, j int) bool { return reqs[i].key < reqs[j].key })
	parts := make([]string, len(reqs))
	for i, r := range reqs {
		parts[i] = r.text
	}
	return strings.Join(parts, ",")
}

// FormatLabels renders labels as `k=v` pairs sorted by key, comma-joined, or `<none>`.
func FormatLabels(l map[string]string) string {
	if len(l) == 0 {
		return "<none>"
	}
	keys := make([]string, 0, len(l))
	for k := range l {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		keys[i] = k + "=" + l[k]
	}
	return strings.Join(keys, ",")
}
