package printers

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"rolloutlab/engine/api"
)

// ErrRevisionNotFound is kubectl's error for `rollout history --revision=N` with no such
// revision (printed as `error: unable to find the specified revision`).
var ErrRevisionNotFound = errors.New("unable to find the specified revision")

// noHistory is what kubectl prints after the header when the Deployment owns no ReplicaSet.
const noHistory = "No rollout history found."

// RevisionOf is the revision number of a ReplicaSet, read from its
// deployment.kubernetes.io/revision annotation: 0 when absent, ok false when unparsable
// (kubectl then leaves the ReplicaSet out of the history).
func RevisionOf(rs *api.ReplicaSet) (rev int64, ok bool) {
	v, found := rs.Annotations[api.RevisionAnnotation]
	if !found {
		return 0, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// historyTemplates maps each revision to the pod template of its ReplicaSet, with the
// ReplicaSet's change-cause annotation injected into the template's annotations (a copy: the
// objects are not modified). Later ReplicaSets in rss win a duplicated revision, as kubectl's map
// does when the new ReplicaSet comes last.
func historyTemplates(rss []*api.ReplicaSet) map[int64]*api.PodTemplateSpec {
	out := make(map[int64]*api.PodTemplateSpec, len(rss))
	for _, rs := range rss {
		rev, ok := RevisionOf(rs)
		if !ok {
			continue
		}
		out[rev] = historyTemplate(rs)
	}
	return out
}

func historyTemplate(rs *api.ReplicaSet) *api.PodTemplateSpec {
	t := rs.Spec.Template // shallow copy; only the annotations map is replaced
	ann := make(map[string]string, len(t.Annotations)+1)
	for k, v := range t.Annotations {
		ann[k] = v
	}
	if cause := rs.Annotations[api.ChangeCauseAnnotation]; cause != "" {
		ann[api.ChangeCauseAnnotation] = cause
	}
	t.Annotations = ann
	return &t
}

func historyHeader(d *api.Deployment) string {
	return DeploymentPrefix + d.Name + " "
}

// RolloutHistory is the whole stdout of `kubectl rollout history deployment/<d>`, given the
// ReplicaSets the Deployment owns (old ones, then the new one): the line
// `deployment.apps/<d> ` (with its trailing space), then a REVISION / CHANGE-CAUSE table in
// ascending revision order (tab writer padding 2; `<none>` without a change-cause) and an empty
// line; or `No rollout history found.` when there is no ReplicaSet.
func RolloutHistory(d *api.Deployment, rss []*api.ReplicaSet) string {
	s, _ := ViewHistory(d, rss, 0)
	return s
}

// RolloutHistoryRevision is the whole stdout of `kubectl rollout history deployment/<d>
// --revision=N` for the ReplicaSet rs that carries revision N: the line
// `deployment.apps/<d> with revision #N`, the ReplicaSet's pod template as describe prints it
// but with raw tabs (labels including pod-template-hash, the ReplicaSet's change-cause shown as
// a template annotation), and an empty line.
func RolloutHistoryRevision(d *api.Deployment, rs *api.ReplicaSet, revision int64) string {
	var w prefixWriter
	describePodTemplate(&w, historyTemplate(rs))
	return historyHeader(d) + "with revision #" + strconv.FormatInt(revision, 10) + "\n" + w.b.String() + "\n"
}

// ViewHistory is `kubectl rollout history deployment/<d> [--revision=N]` from the ReplicaSets
// the Deployment owns: revision 0 lists every revision (RolloutHistory), N > 0 prints that
// revision (RolloutHistoryRevision) or returns ErrRevisionNotFound. With no ReplicaSet at all
// both print `No rollout history found.` after the header, as kubectl does.
func ViewHistory(d *api.Deployment, rss []*api.ReplicaSet, revision int64) (string, error) {
	templates := historyTemplates(rss)
	if len(templates) == 0 {
		header := historyHeader(d)
		if revision > 0 {
			header += "with revision #" + strconv.FormatInt(revision, 10)
		}
		return header + "\n" + noHistory + "\n", nil
	}
	if revision > 0 {
		var found *api.ReplicaSet
		for _, rs := range rss {
			if rev, ok := RevisionOf(rs); ok && rev == revision {
				found = rs
			}
		}
		if found == nil {
			return "", ErrRevisionNotFound
		}
		return RolloutHistoryRevision(d, found, revision), nil
	}
	revs := make([]int64, 0, len(templates))
	for r := range templates {
		revs = append(revs, r)
	}
	sort.Slice(revs, func(i, j int) bool { return revs[i] < revs[j] })
	t := NewTable(2, 0, 2)
	t.AddRow("REVISION", "CHANGE-CAUSE")
	for _, r := range revs {
		cause := templates[r].Annotations[api.ChangeCauseAnnotation]
		if cause == "" {
			cause = "<none>"
		}
		t.AddRow(strconv.FormatInt(r, 10), cause)
	}
	var b strings.Builder
	b.WriteString(historyHeader(d))
	b.WriteByte('\n')
	b.WriteString(t.String())
	b.WriteByte('\n')
	return b.String(), nil
}
