package printers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

// golden compares got with testdata/<name>.golden, which holds the stdout of a real kubectl
// 1.37.2 step copied from ../shared/conformance/transcripts.
func golden(t *testing.T, name, got string) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("testdata", name+".golden"))
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the real kubectl output\n%s", name, lineDiff(string(want), got))
	}
}

// lineDiff shows the first differing lines, quoted so that spaces and tabs are visible.
func lineDiff(want, got string) string {
	wl := strings.Split(want, "\n")
	gl := strings.Split(got, "\n")
	var b strings.Builder
	n := len(wl)
	if len(gl) > n {
		n = len(gl)
	}
	shown := 0
	for i := 0; i < n && shown < 8; i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g || (i >= len(wl)) != (i >= len(gl)) {
			b.WriteString("line " + itoa(int32(i+1)) + ":\n  want " + quote(w, i < len(wl)) + "\n  got  " + quote(g, i < len(gl)) + "\n")
			shown++
		}
	}
	return b.String()
}

func quote(s string, present bool) string {
	if !present {
		return "<missing>"
	}
	return "`" + strings.ReplaceAll(s, "\t", "→") + "`"
}

// The seed scenario's clock: the Deployment was created at 06:56:21 UTC.
var seedT0 = time.Date(2026, 11, 27, 6, 56, 21, 0, time.UTC)

func at(t0 time.Time, secs float64) api.Time {
	return api.NewTime(t0.Add(time.Duration(secs * float64(time.Second))))
}

func ptrTrue() *bool { v := true; return &v }

func nginxTemplate(labels map[string]string, image string, port int32) api.PodTemplateSpec {
	c := api.Container{Name: "nginx", Image: image}
	if port != 0 {
		c.Ports = []api.ContainerPort{{ContainerPort: port, Protocol: "TCP"}}
	}
	return api.PodTemplateSpec{
		ObjectMeta: api.ObjectMeta{Labels: labels},
		Spec:       api.PodSpec{Containers: []api.Container{c}},
	}
}

func copyLabels(m map[string]string, extra ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(extra); i += 2 {
		out[extra[i]] = extra[i+1]
	}
	return out
}

// deployment builds a Deployment as the seed-like scenarios create it (no metadata labels).
func deployment(name string, created api.Time, app string, replicas int32, image string, port int32) *api.Deployment {
	sel := map[string]string{"app": app}
	return &api.Deployment{
		ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default", UID: "d-" + name, CreationTimestamp: created},
		Spec: api.DeploymentSpec{
			Replicas: api.Ptr(replicas),
			Selector: &api.LabelSelector{MatchLabels: sel},
			Template: nginxTemplate(copyLabels(sel), image, port),
			Strategy: api.DeploymentStrategy{
				Type: api.RollingUpdateStrategy,
				RollingUpdate: &api.RollingUpdateDeployment{
					MaxUnavailable: api.Ptr(api.FromString("25%")),
					MaxSurge:       api.Ptr(api.FromString("25%")),
				},
			},
		},
	}
}

// replicaSet builds a ReplicaSet owned by d with the given hash, revision, counts and image.
func replicaSet(d *api.Deployment, hash string, rev string, created api.Time, spec, current, ready int32, image string, port int32, cause string) *api.ReplicaSet {
	app := d.Spec.Selector.MatchLabels["app"]
	labels := map[string]string{"app": app, api.PodTemplateHashLabel: hash}
	ann := map[string]string{
		api.RevisionAnnotation:        rev,
		api.DesiredReplicasAnnotation: itoa(api.Int32(d.Spec.Replicas, 1)),
		api.MaxReplicasAnnotation:     itoa(api.Int32(d.Spec.Replicas, 1) + 1),
	}
	if cause != "" {
		ann[api.ChangeCauseAnnotation] = cause
	}
	return &api.ReplicaSet{
		ObjectMeta: api.ObjectMeta{
			Name: d.Name + "-" + hash, Namespace: "default", UID: "rs-" + hash, CreationTimestamp: created,
			Labels: labels, Annotations: ann,
			OwnerReferences: []api.OwnerReference{{APIVersion: "apps/v1", Kind: "Deployment", Name: d.Name, UID: d.UID, Controller: ptrTrue(), BlockOwnerDeletion: ptrTrue()}},
		},
		Spec: api.ReplicaSetSpec{
			Replicas: api.Ptr(spec),
			Selector: &api.LabelSelector{MatchLabels: copyLabels(labels)},
			Template: nginxTemplate(copyLabels(labels), image, port),
		},
		Status: api.ReplicaSetStatus{Replicas: current, FullyLabeledReplicas: current, ReadyReplicas: ready, AvailableReplicas: ready},
	}
}

// scalingEvent is a ScalingReplicaSet event of the deployment controller, seen at t0+secs.
func scalingEvent(d *api.Deployment, t0 time.Time, secs float64, msg string) *api.Event {
	return &api.Event{
		ObjectMeta:     api.ObjectMeta{Name: d.Name + ".18" + itoa(int32(secs*1000)), Namespace: "default"},
		InvolvedObject: api.ObjectReference{Kind: "Deployment", Namespace: "default", Name: d.Name, UID: d.UID, APIVersion: "apps/v1"},
		Reason:         "ScalingReplicaSet",
		Message:        msg,
		Source:         api.EventSource{Component: "deployment-controller"},
		FirstTimestamp: at(t0, secs),
		LastTimestamp:  at(t0, secs),
		Count:          1,
		Type:           api.EventNormal,
	}
}

func conditions(available, availReason, progReason string) []api.DeploymentCondition {
	return []api.DeploymentCondition{
		{Type: api.DeploymentAvailable, Status: available, Reason: availReason},
		{Type: api.DeploymentProgressing, Status: api.ConditionTrue, Reason: progReason},
	}
}
