package api

import (
	"reflect"
	"strings"
	"testing"
)

// validDeployment is the defaulted `web` Deployment of deploy().
func validDeployment(t *testing.T) *Deployment {
	t.Helper()
	d := decodeDeployment(t, deploy("", ""))
	SetDefaultsDeployment(d)
	if errs := ValidateDeployment(d); len(errs) > 0 {
		t.Fatalf("base Deployment invalid: %v", errs)
	}
	return d
}

func errorStrings(errs []FieldError) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

const (
	dnsSubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
	dnsLabelMsg     = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
	percentErr      = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
	nameRegexMsg    = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
	labelValueErr   = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)

func TestValidateDeployment(t *testing.T) {
	tests := []struct {
		fact   string
		mutate func(d *Deployment)
		want   []string
	}{
		{"selector missing: Required and the template labels do not match (a missing selector matches nothing)",
			func(d *Deployment) { d.Spec.Selector = nil },
			[]string{"spec.selector: Required value",
				"spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"}},
		{"template labels that do not satisfy the selector",
			func(d *Deployment) { d.Spec.Template.Labels = map[string]string{"app": "nginx"} },
			[]string{"spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`"}},
		{"template without labels: the value is null",
			func(d *Deployment) { d.Spec.Template.Labels = nil },
			[]string{"spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`"}},
		{"empty selector {} is invalid and not matched against the template",
			func(d *Deployment) { d.Spec.Selector = &LabelSelector{}; d.Spec.Template.Labels = nil },
			[]string{"spec.selector: Invalid value: {}: empty selector is invalid for deployment"}},
		{"matchExpressions select too",
			func(d *Deployment) {
				d.Spec.Selector = &LabelSelector{MatchExpressions: []LabelSelectorRequirement{{Key: "app", Operator: OpIn, Values: []string{"web", "api"}}}}
			},
			nil},
		{"matchExpressions: bad operator, missing values, values with Exists",
			func(d *Deployment) {
				d.Spec.Selector = &LabelSelector{MatchLabels: map[string]string{"app": "web"}, MatchExpressions: []LabelSelectorRequirement{
					{Key: "a", Operator: "Equals", Values: []string{"x"}},
					{Key: "b", Operator: OpNotIn},
					{Key: "c", Operator: OpExists, Values: []string{"x"}},
				}}
			},
			[]string{"spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator",
				"spec.selector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
				"spec.selector.matchExpressions[2].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
				"spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Equals\",\"values\":[\"x\"]},{\"key\":\"b\",\"operator\":\"NotIn\"},{\"key\":\"c\",\"operator\":\"Exists\",\"values\":[\"x\"]}]}: invalid label selector"}},
		{"replicas < 0",
			func(d *Deployment) { d.Spec.Replicas = Ptr(int32(-1)) },
			[]string{"spec.replicas: Invalid value: -1: must be greater than or equal to 0"}},
		{"restartPolicy other than Always is refused for a Deployment's pods",
			func(d *Deployment) { d.Spec.Template.Spec.RestartPolicy = "Never" },
			[]string{`spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"`}},
		{"an unknown restartPolicy fails the pod check and the ReplicaSet check",
			func(d *Deployment) { d.Spec.Template.Spec.RestartPolicy = "Sometimes" },
			[]string{`spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`,
				`spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always"`}},
		{"activeDeadlineSeconds is forbidden in a ReplicaSet template",
			func(d *Deployment) { d.Spec.Template.Spec.ActiveDeadlineSeconds = Ptr(int64(30)) },
			[]string{"spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"}},
		{"activeDeadlineSeconds 0 is also out of range",
			func(d *Deployment) { d.Spec.Template.Spec.ActiveDeadlineSeconds = Ptr(int64(0)) },
			[]string{"spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive",
				"spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"}},
		{"maxSurge and maxUnavailable both 0",
			func(d *Deployment) {
				d.Spec.Strategy.RollingUpdate = &RollingUpdateDeployment{MaxSurge: Ptr(FromInt(0)), MaxUnavailable: Ptr(FromInt(0))}
			},
			[]string{"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"}},
		{"0% counts as 0 for both",
			func(d *Deployment) {
				d.Spec.Strategy.RollingUpdate = &RollingUpdateDeployment{MaxSurge: Ptr(FromString("0%")), MaxUnavailable: Ptr(FromString("0%"))}
			},
			[]string{"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"}},
		{"maxUnavailable over 100% (maxSurge has no upper bound)",
			func(d *Deployment) {
				d.Spec.Strategy.RollingUpdate = &RollingUpdateDeployment{MaxSurge: Ptr(FromString("300%")), MaxUnavailable: Ptr(FromString("120%"))}
			},
			[]string{`spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%`}},
		{"malformed percent strings (two spaces before `or`)",
			func(d *Deployment) {
				d.Spec.Strategy.RollingUpdate = &RollingUpdateDeployment{MaxSurge: Ptr(FromString("x%")), MaxUnavailable: Ptr(FromString("25"))}
			},
			[]string{`spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "25": ` + percentErr,
				`spec.strategy.rollingUpdate.maxSurge: Invalid value: "x%": ` + percentErr}},
		{"negative integers",
			func(d *Deployment) {
				d.Spec.Strategy.RollingUpdate = &RollingUpdateDeployment{MaxSurge: Ptr(FromInt(-1)), MaxUnavailable: Ptr(FromInt(1))}
			},
			[]string{"spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"}},
		{"Recreate with a rollingUpdate block",
			func(d *Deployment) { d.Spec.Strategy.Type = RecreateStrategy },
			[]string{"spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"}},
		{"unknown strategy type: the internal struct is rendered with Go field names",
			func(d *Deployment) { d.Spec.Strategy = DeploymentStrategy{Type: "BlueGreen"} },
			[]string{`spec.strategy: Unsupported value: {"Type":"BlueGreen","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"`}},
		{"negative minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds, in field order",
			func(d *Deployment) {
				d.Spec.MinReadySeconds = -1
				d.Spec.RevisionHistoryLimit = Ptr(int32(-2))
				d.Spec.ProgressDeadlineSeconds = Ptr(int32(-3))
			},
			[]string{"spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
				"spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
				"spec.progressDeadlineSeconds: Invalid value: -3: must be greater than or equal to 0",
				"spec.progressDeadlineSeconds: Invalid value: -3: must be greater than minReadySeconds"}},
		{"progressDeadlineSeconds must exceed minReadySeconds",
			func(d *Deployment) { d.Spec.MinReadySeconds = 600 },
			[]string{"spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds"}},
		{"metadata.name must be a DNS-1123 subdomain",
			func(d *Deployment) { d.Name = "Web_1" },
			[]string{`metadata.name: Invalid value: "Web_1": ` + dnsSubdomainMsg}},
		{"metadata.name at most 253 characters",
			func(d *Deployment) { d.Name = strings.Repeat("a", 254) },
			[]string{`metadata.name: Invalid value: "` + strings.Repeat("a", 254) + `": must be no more than 253 characters`}},
		{"metadata.name missing",
			func(d *Deployment) { d.Name = "" },
			[]string{"metadata.name: Required value: name or generateName is required"}},
		{"generateName is checked with a trailing dash allowed",
			func(d *Deployment) { d.Name = ""; d.GenerateName = "web-" },
			[]string{"metadata.name: Required value: name or generateName is required"}},
		{"namespace must be a DNS-1123 label",
			func(d *Deployment) { d.Namespace = "my.ns" },
			[]string{`metadata.namespace: Invalid value: "my.ns": must not contain dots`}},
		{"label keys are qualified names, values at most 63 characters; the path is the labels map",
			func(d *Deployment) {
				d.Labels = map[string]string{"app name": "x", "example.com/ok": strings.Repeat("v", 64), "/x": "y"}
			},
			[]string{`metadata.labels: Invalid value: "/x": prefix part must be non-empty`,
				`metadata.labels: Invalid value: "app name": ` + nameRegexMsg,
				`metadata.labels: Invalid value: "` + strings.Repeat("v", 64) + `": must be no more than 63 characters`}},
		{"a label value with a space",
			func(d *Deployment) { d.Labels = map[string]string{"app": "my app"} },
			[]string{`metadata.labels: Invalid value: "my app": ` + labelValueErr}},
		{"annotation keys are qualified names, case-insensitively",
			func(d *Deployment) {
				d.Annotations = map[string]string{"Kubernetes.io/Change-Cause": "x", "bad key": "y"}
			},
			[]string{`metadata.annotations: Invalid value: "bad key": ` + nameRegexMsg}},
		{"template labels are validated under spec.template.labels",
			func(d *Deployment) { d.Spec.Template.Labels["bad key"] = "x" },
			[]string{`spec.template.labels: Invalid value: "bad key": ` + nameRegexMsg}},
		{"no containers",
			func(d *Deployment) { d.Spec.Template.Spec.Containers = nil },
			[]string{"spec.template.spec.containers: Required value"}},
		{"container image required",
			func(d *Deployment) { d.Spec.Template.Spec.Containers[0].Image = "" },
			[]string{"spec.template.spec.containers[0].image: Required value"}},
		{"container name must be a DNS-1123 label",
			func(d *Deployment) { d.Spec.Template.Spec.Containers[0].Name = "Nginx" },
			[]string{`spec.template.spec.containers[0].name: Invalid value: "Nginx": ` + dnsLabelMsg}},
		{"container name required",
			func(d *Deployment) { d.Spec.Template.Spec.Containers[0].Name = "" },
			[]string{"spec.template.spec.containers[0].name: Required value"}},
		{"container names unique",
			func(d *Deployment) {
				c := d.Spec.Template.Spec.Containers[0]
				d.Spec.Template.Spec.Containers = append(d.Spec.Template.Spec.Containers, c)
			},
			[]string{`spec.template.spec.containers[1].name: Duplicate value: "nginx"`}},
		{"containerPort 0 is Required; out of range ports are Invalid",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].Ports = []ContainerPort{{ContainerPort: 0, Protocol: "TCP"}, {ContainerPort: 70000, Protocol: "TCP"}, {ContainerPort: 80, HostPort: -1, Protocol: "TCP"}}
			},
			[]string{"spec.template.spec.containers[0].ports[0].containerPort: Required value",
				"spec.template.spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
				"spec.template.spec.containers[0].ports[2].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive"}},
		{"protocol TCP, UDP or SCTP",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].Ports = []ContainerPort{{ContainerPort: 80, Protocol: "HTTP"}}
			},
			[]string{`spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`}},
		{"port names: IANA service names, unique",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].Ports = []ContainerPort{{Name: "http", ContainerPort: 80, Protocol: "TCP"}, {Name: "http", ContainerPort: 81, Protocol: "TCP"}, {Name: "HTTP_2", ContainerPort: 82, Protocol: "TCP"}}
			},
			[]string{`spec.template.spec.containers[0].ports[1].name: Duplicate value: "http"`,
				`spec.template.spec.containers[0].ports[2].name: Invalid value: "HTTP_2": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
				`spec.template.spec.containers[0].ports[2].name: Invalid value: "HTTP_2": must contain at least one letter (a-z)`}},
		{"the same hostPort twice",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].Ports = []ContainerPort{{ContainerPort: 80, HostPort: 8080, Protocol: "TCP"}, {ContainerPort: 81, HostPort: 8080, Protocol: "TCP"}}
			},
			[]string{`spec.template.spec.containers[0].ports[1].hostPort: Duplicate value: "/TCP/8080"`}},
		{"imagePullPolicy must be Always, IfNotPresent or Never",
			func(d *Deployment) { d.Spec.Template.Spec.Containers[0].ImagePullPolicy = "Sometimes" },
			[]string{`spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`}},
		{"a volumeMount must name a volume",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].VolumeMounts = []VolumeMount{{Name: "data", MountPath: "/data"}}
			},
			[]string{`spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data"`}},
		{"requests must not exceed limits; values are shown canonically",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].Resources = ResourceRequirements{
					Limits: map[string]Quantity{"cpu": "0.5", "memory": "1Gi"}, Requests: map[string]Quantity{"cpu": "1000m", "memory": "1024Mi"}}
			},
			[]string{"spec.template.spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m"}},
		{"resource names must be standard for containers",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].Resources = ResourceRequirements{Limits: map[string]Quantity{"cpus": "1"}}
			},
			[]string{`spec.template.spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified`,
				`spec.template.spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers`}},
		{"negative quantities",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].Resources = ResourceRequirements{Requests: map[string]Quantity{"memory": "-128Mi"}}
			},
			[]string{`spec.template.spec.containers[0].resources.requests[memory]: Invalid value: "-128Mi": must be greater than or equal to 0`}},
		{"liveness probes need a handler and successThreshold 1",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].LivenessProbe = &Probe{TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 2, FailureThreshold: 3}
			},
			[]string{"spec.template.spec.containers[0].livenessProbe: Required value: must specify a handler type",
				"spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"}},
		{"probe ports: 1–65535 or a port name",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].ReadinessProbe = &Probe{TCPSocket: map[string]any{"port": int64(0)}, TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3}
			},
			[]string{"spec.template.spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive"}},
		{"volumes: DNS-1123 label names, unique",
			func(d *Deployment) {
				src := map[string]any{"emptyDir": map[string]any{}}
				d.Spec.Template.Spec.Volumes = []Volume{{Name: "data", Source: src}, {Name: "data", Source: src}, {Name: "Data", Source: src}}
			},
			[]string{`spec.template.spec.volumes[1].name: Duplicate value: "data"`,
				`spec.template.spec.volumes[2].name: Invalid value: "Data": ` + dnsLabelMsg}},
		{"env names: printable ASCII other than =",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].Env = []EnvVar{{Name: "A=B"}, {Name: ""}, {Name: "my.var-1"}}
			},
			[]string{`spec.template.spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
				"spec.template.spec.containers[0].env[1].name: Required value"}},
		{"dnsPolicy values",
			func(d *Deployment) { d.Spec.Template.Spec.DNSPolicy = "Cluster" },
			[]string{`spec.template.spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"`}},
		{"regular containers may not set restartPolicy",
			func(d *Deployment) { d.Spec.Template.Spec.Containers[0].RestartPolicy = "Always" },
			[]string{"spec.template.spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"}},
		{"init containers: names unique with regular ones, probes only with restartPolicy Always",
			func(d *Deployment) {
				ic := d.Spec.Template.Spec.Containers[0]
				ic.ReadinessProbe = &Probe{Exec: map[string]any{"command": []any{"true"}}, TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3}
				d.Spec.Template.Spec.InitContainers = []Container{ic}
			},
			[]string{`spec.template.spec.initContainers[0].name: Duplicate value: "nginx"`,
				"spec.template.spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"}},
		{"errors come in validator order: metadata, replicas, selector, template, strategy, minReadySeconds",
			func(d *Deployment) {
				d.Name = "Web"
				d.Spec.Replicas = Ptr(int32(-1))
				d.Spec.Template.Labels = map[string]string{"app": "x"}
				d.Spec.Template.Spec.Containers[0].Image = ""
				d.Spec.Strategy.RollingUpdate.MaxUnavailable = Ptr(FromString("120%"))
				d.Spec.MinReadySeconds = -1
			},
			[]string{`metadata.name: Invalid value: "Web": ` + dnsSubdomainMsg,
				"spec.replicas: Invalid value: -1: must be greater than or equal to 0",
				"spec.template.metadata.labels: Invalid value: {\"app\":\"x\"}: `selector` does not match template `labels`",
				"spec.template.spec.containers[0].image: Required value",
				`spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%`,
				"spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			d := validDeployment(t)
			tt.mutate(d)
			got := errorStrings(ValidateDeployment(d))
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestValidateDeploymentKubectlText(t *testing.T) {
	d := validDeployment(t)
	d.Spec.Selector = nil
	d.Spec.Template.Labels = map[string]string{"app": "nginx"}
	got := KubectlText(NewInvalid(KindDeployment, d.Name, ValidateDeployment(d)))
	want := "The Deployment \"web\" is invalid: \n" +
		"* spec.selector: Required value\n" +
		"* spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestValidateDeploymentUpdate(t *testing.T) {
	tests := []struct {
		fact   string
		mutate func(d *Deployment)
		want   []string
	}{
		{"the selector is immutable in apps/v1; the new selector is the value",
			func(d *Deployment) {
				d.Spec.Selector = &LabelSelector{MatchLabels: map[string]string{"app": "web", "tier": "fe"}}
				d.Spec.Template.Labels = map[string]string{"app": "web", "tier": "fe"}
			},
			[]string{`spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"fe"}}: field is immutable`}},
		{"the immutability error comes after the create rules",
			func(d *Deployment) { d.Spec.Selector = &LabelSelector{MatchLabels: map[string]string{"app": "api"}} },
			[]string{"spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`",
				`spec.selector: Invalid value: {"matchLabels":{"app":"api"}}: field is immutable`}},
		{"an equal selector (nil and empty maps compare equal) is no change",
			func(d *Deployment) { d.Spec.Selector.MatchExpressions = []LabelSelectorRequirement{} },
			nil},
		{"template changes are allowed",
			func(d *Deployment) {
				d.Spec.Template.Spec.Containers[0].Image = "nginx:1.16.1"
				d.Spec.Replicas = Ptr(int32(5))
			},
			nil},
		{"name and namespace are immutable, generation may not decrease",
			func(d *Deployment) { d.Name = "other"; d.Namespace = "dev"; d.Generation = 1 },
			[]string{"metadata.generation: Invalid value: 1: must not be decremented",
				`metadata.name: Invalid value: "other": field is immutable`,
				`metadata.namespace: Invalid value: "dev": field is immutable`}},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			old := validDeployment(t)
			old.Generation = 2
			d := old.DeepCopy()
			tt.mutate(d)
			got := errorStrings(ValidateDeploymentUpdate(d, old))
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestValidateReplicaSet(t *testing.T) {
	d := validDeployment(t)
	rs := &ReplicaSet{ObjectMeta: ObjectMeta{Name: "web-7c7666cc67", Namespace: "default"},
		Spec: ReplicaSetSpec{Replicas: Ptr(int32(3)), Selector: d.Spec.Selector.DeepCopy(), Template: d.Spec.Template.DeepCopy()}}
	if errs := ValidateReplicaSet(rs); len(errs) > 0 {
		t.Fatalf("valid ReplicaSet: %v", errs)
	}
	tests := []struct {
		fact   string
		mutate func(rs *ReplicaSet)
		want   []string
	}{
		{"same empty-selector text as Deployments", func(rs *ReplicaSet) { rs.Spec.Selector = &LabelSelector{} },
			[]string{"spec.selector: Invalid value: {}: empty selector is invalid for deployment"}},
		{"replicas then minReadySeconds then selector",
			func(rs *ReplicaSet) {
				rs.Spec.Replicas = Ptr(int32(-1))
				rs.Spec.MinReadySeconds = -1
				rs.Spec.Selector = nil
			},
			[]string{"spec.replicas: Invalid value: -1: must be greater than or equal to 0",
				"spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
				"spec.selector: Required value",
				"spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"}},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			c := rs.DeepCopy()
			tt.mutate(c)
			if got := errorStrings(ValidateReplicaSet(c)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
	t.Run("selector immutable on update", func(t *testing.T) {
		c := rs.DeepCopy()
		c.Spec.Selector.MatchLabels["pod-template-hash"] = "x"
		c.Spec.Template.Labels["pod-template-hash"] = "x"
		got := errorStrings(ValidateReplicaSetUpdate(c, rs))
		want := []string{`spec.selector: Invalid value: {"matchLabels":{"app":"web","pod-template-hash":"x"}}: field is immutable`}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %q", got)
		}
	})
}

func TestValidatePod(t *testing.T) {
	base := func() *Pod {
		p := &Pod{ObjectMeta: ObjectMeta{Name: "p"}, Spec: &PodSpec{Containers: []Container{{Name: "a", Image: "busybox"}}}}
		SetDefaultsPod(p)
		return p
	}
	if errs := ValidatePod(base()); len(errs) > 0 {
		t.Fatalf("valid pod: %v", errs)
	}
	tests := []struct {
		fact   string
		mutate func(p *Pod)
		want   []string
	}{
		{"bare pods may use OnFailure and Never", func(p *Pod) { p.Spec.RestartPolicy = "Never" }, nil},
		{"and activeDeadlineSeconds", func(p *Pod) { p.Spec.ActiveDeadlineSeconds = Ptr(int64(60)) }, nil},
		{"an unknown restartPolicy", func(p *Pod) { p.Spec.RestartPolicy = "Sometimes" },
			[]string{`spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`}},
		{"containers required", func(p *Pod) { p.Spec.Containers = nil }, []string{"spec.containers: Required value"}},
		{"image required", func(p *Pod) { p.Spec.Containers[0].Image = "" }, []string{"spec.containers[0].image: Required value"}},
		{"pods (not templates) reject whitespace around the image", func(p *Pod) { p.Spec.Containers[0].Image = " busybox" },
			[]string{`spec.containers[0].image: Invalid value: " busybox": must not have leading or trailing whitespace`}},
		{"bad container name", func(p *Pod) { p.Spec.Containers[0].Name = "my_container" },
			[]string{`spec.containers[0].name: Invalid value: "my_container": ` + dnsLabelMsg}},
		{"container names over 63 characters", func(p *Pod) { p.Spec.Containers[0].Name = strings.Repeat("a", 64) },
			[]string{`spec.containers[0].name: Invalid value: "` + strings.Repeat("a", 64) + `": must be no more than 63 characters`}},
		{"ports", func(p *Pod) { p.Spec.Containers[0].Ports = []ContainerPort{{ContainerPort: 65536, Protocol: "TCP"}} },
			[]string{"spec.containers[0].ports[0].containerPort: Invalid value: 65536: must be between 1 and 65535, inclusive"}},
		{"tolerations", func(p *Pod) { p.Spec.Tolerations = []Toleration{{Operator: "Equal", Value: "x"}} },
			[]string{"spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""}},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			p := base()
			tt.mutate(p)
			got := errorStrings(ValidatePod(p))
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}
