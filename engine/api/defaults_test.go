package api

import (
	"reflect"
	"testing"
)

func decodeDeployment(t *testing.T, manifest string) *Deployment {
	t.Helper()
	objs, _, err := DecodeObjects([]byte(manifest), Strict)
	if err != nil {
		t.Fatal(err)
	}
	return objs[0].(*Deployment)
}

func TestSetDefaultsDeployment(t *testing.T) {
	tests := []struct {
		fact  string
		spec  string // extra lines under spec
		check func(t *testing.T, d *Deployment)
	}{
		{"replicas default to 1, revisionHistoryLimit 10, progressDeadlineSeconds 600, namespace default", "",
			func(t *testing.T, d *Deployment) {
				if *d.Spec.Replicas != 1 || *d.Spec.RevisionHistoryLimit != 10 || *d.Spec.ProgressDeadlineSeconds != 600 || d.Namespace != "default" {
					t.Errorf("%+v", d.Spec)
				}
			}},
		{"strategy defaults to RollingUpdate with 25%/25%", "",
			func(t *testing.T, d *Deployment) {
				s := d.Spec.Strategy
				if s.Type != RollingUpdateStrategy || *s.RollingUpdate.MaxSurge != FromString("25%") || *s.RollingUpdate.MaxUnavailable != FromString("25%") {
					t.Errorf("%+v", s)
				}
			}},
		{"a rollingUpdate with only maxSurge gets maxUnavailable 25%", "  strategy:\n    rollingUpdate:\n      maxSurge: 1\n",
			func(t *testing.T, d *Deployment) {
				ru := d.Spec.Strategy.RollingUpdate
				if *ru.MaxSurge != FromInt(1) || *ru.MaxUnavailable != FromString("25%") || d.Spec.Strategy.Type != RollingUpdateStrategy {
					t.Errorf("%+v %+v", *ru.MaxSurge, *ru.MaxUnavailable)
				}
			}},
		{"a rollingUpdate with only maxUnavailable gets maxSurge 25%", "  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n",
			func(t *testing.T, d *Deployment) {
				ru := d.Spec.Strategy.RollingUpdate
				if *ru.MaxSurge != FromString("25%") || *ru.MaxUnavailable != FromInt(0) {
					t.Errorf("%+v %+v", *ru.MaxSurge, *ru.MaxUnavailable)
				}
			}},
		{"Recreate gets no rollingUpdate block", "  strategy:\n    type: Recreate\n",
			func(t *testing.T, d *Deployment) {
				if d.Spec.Strategy.RollingUpdate != nil {
					t.Errorf("%+v", d.Spec.Strategy)
				}
			}},
		{"values given are kept", "  replicas: 0\n  revisionHistoryLimit: 0\n  progressDeadlineSeconds: 30\n",
			func(t *testing.T, d *Deployment) {
				if *d.Spec.Replicas != 0 || *d.Spec.RevisionHistoryLimit != 0 || *d.Spec.ProgressDeadlineSeconds != 30 {
					t.Errorf("%+v", d.Spec)
				}
			}},
		{"template labels are not defaulted and the Deployment gets no labels from them", "",
			func(t *testing.T, d *Deployment) {
				if len(d.Labels) != 0 || !reflect.DeepEqual(d.Spec.Template.Labels, map[string]string{"app": "web"}) {
					t.Errorf("%v %v", d.Labels, d.Spec.Template.Labels)
				}
			}},
		{"the pod template spec gets the pod spec defaults", "",
			func(t *testing.T, d *Deployment) {
				s := d.Spec.Template.Spec
				c := s.Containers[0]
				if s.RestartPolicy != "Always" || *s.TerminationGracePeriodSeconds != 30 || s.DNSPolicy != "ClusterFirst" ||
					s.SchedulerName != "default-scheduler" || s.SecurityContext == nil || len(s.SecurityContext) != 0 ||
					c.TerminationMessagePath != "/dev/termination-log" || c.TerminationMessagePolicy != "File" || c.ImagePullPolicy != "IfNotPresent" {
					t.Errorf("%+v", s)
				}
				if s.EnableServiceLinks != nil {
					t.Errorf("enableServiceLinks is defaulted on pods only")
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			d := decodeDeployment(t, deploy(tt.spec, ""))
			SetDefaultsDeployment(d)
			tt.check(t, d)
		})
	}
}

func TestSetDefaultsContainerAndPod(t *testing.T) {
	t.Run("ports get protocol TCP, probes their timings, httpGet path / and scheme HTTP", func(t *testing.T) {
		d := decodeDeployment(t, deploy("", "        ports:\n        - containerPort: 80\n        readinessProbe:\n          httpGet:\n            port: 80\n"))
		orig := d.Spec.Template.Spec.Containers[0].ReadinessProbe.HTTPGet
		SetDefaultsDeployment(d)
		c := d.Spec.Template.Spec.Containers[0]
		if c.Ports[0].Protocol != "TCP" {
			t.Errorf("protocol %q", c.Ports[0].Protocol)
		}
		p := c.ReadinessProbe
		if p.TimeoutSeconds != 1 || p.PeriodSeconds != 10 || p.SuccessThreshold != 1 || p.FailureThreshold != 3 ||
			p.HTTPGet["path"] != "/" || p.HTTPGet["scheme"] != "HTTP" {
			t.Errorf("%+v", p)
		}
		if _, changed := orig["path"]; changed {
			t.Errorf("defaulting changed a shared free-form map in place")
		}
	})
	t.Run("volumes: no source means emptyDir, secret and configMap get defaultMode 420", func(t *testing.T) {
		d := decodeDeployment(t, deploy("", "")+"      volumes:\n      - name: a\n      - name: b\n        secret:\n          secretName: s\n")
		SetDefaultsDeployment(d)
		v := d.Spec.Template.Spec.Volumes
		if !reflect.DeepEqual(v[0].Source, map[string]any{"emptyDir": map[string]any{}}) ||
			!reflect.DeepEqual(v[1].Source, map[string]any{"secret": map[string]any{"secretName": "s", "defaultMode": int64(420)}}) {
			t.Errorf("%#v", v)
		}
	})
	t.Run("pods only: enableServiceLinks true and requests copied from limits", func(t *testing.T) {
		p := &Pod{Spec: &PodSpec{Containers: []Container{{Name: "a", Image: "nginx",
			Resources: ResourceRequirements{Limits: map[string]Quantity{"cpu": "500m", "memory": "128Mi"}, Requests: map[string]Quantity{"cpu": "100m"}}}}}}
		SetDefaultsPod(p)
		if p.Namespace != "default" || p.Spec.EnableServiceLinks == nil || !*p.Spec.EnableServiceLinks {
			t.Errorf("%+v", p)
		}
		want := map[string]Quantity{"cpu": "100m", "memory": "128Mi"}
		if !reflect.DeepEqual(p.Spec.Containers[0].Resources.Requests, want) {
			t.Errorf("requests %v, want %v", p.Spec.Containers[0].Resources.Requests, want)
		}
	})
	t.Run("defaulting twice changes nothing", func(t *testing.T) {
		d := decodeDeployment(t, seedManifest)
		SetDefaultsDeployment(d)
		again := d.DeepCopy()
		SetDefaultsDeployment(again)
		a, _ := EncodeJSON(d)
		b, _ := EncodeJSON(again)
		if string(a) != string(b) {
			t.Errorf("not idempotent:\n%s\n%s", a, b)
		}
	})
}

func TestDefaultPullPolicy(t *testing.T) {
	tests := []struct {
		image, want, fact string
	}{
		{"nginx", "Always", "no tag means latest"},
		{"nginx:latest", "Always", "tag latest"},
		{"nginx:1.8", "IfNotPresent", "any other tag"},
		{"nginx:LATEST", "IfNotPresent", "the tag comparison is case-sensitive"},
		{"localhost:5000/nginx", "Always", "a registry port is not a tag"},
		{"localhost:5000/team/nginx:1.2", "IfNotPresent", "registry with port and a tag"},
		{"registry.example.com/team/app", "Always", "registry host without tag"},
		{"docker.io/library/nginx:1.25", "IfNotPresent", "fully qualified with tag"},
		{"nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent", "a digest without tag is not latest"},
		{"nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Always", "tag latest with a digest"},
		{"Nginx", "IfNotPresent", "a reference that does not parse (upper case) defaults to IfNotPresent"},
		{"nginx@sha256:123", "IfNotPresent", "a malformed digest does not parse"},
		{"", "IfNotPresent", "an empty image does not parse"},
		{"nginx:1.8 ", "IfNotPresent", "trailing space does not parse"},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			if got := DefaultPullPolicy(tt.image); got != tt.want {
				t.Errorf("%q: got %s want %s", tt.image, got, tt.want)
			}
		})
	}
}
