package kubectl_test

import (
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

// kubectl rollout status does not validate --timeout beyond pflag's duration syntax: a negative
// value reaches client-go's ContextWithOptionalTimeout, which logs a klog error ("Timeout for
// context shall not be negative!") and waits without a timeout, as --timeout=0 does.
func TestRolloutStatusTimeoutValues(t *testing.T) {
	const klogLine = "] Timeout for context shall not be negative!\n"
	cases := []struct {
		fact, flag, stderr string
		klog, waits        bool
	}{
		{fact: "a negative timeout is logged and waits without a timeout", flag: "--timeout=-5s", klog: true, waits: true},
		{fact: "-1h30m too", flag: "--timeout=-1h30m", klog: true, waits: true},
		{fact: "-0s is 0: no timeout, nothing logged", flag: "--timeout=-0s", waits: true},
		{fact: "0 means no timeout", flag: "--timeout=0", waits: true},
		{fact: "a positive timeout ends the wait", flag: "--timeout=5s", waits: true},
		{fact: "a number without a unit is refused by pflag", flag: "--timeout=-5",
			stderr: "error: invalid argument \"-5\" for \"--timeout\" flag: time: missing unit in duration \"-5\"\nSee 'kubectl rollout status --help' for usage.\n"},
		{fact: "an unknown unit is refused by pflag", flag: "--timeout=-5x",
			stderr: "error: invalid argument \"-5x\" for \"--timeout\" flag: time: unknown unit \"x\" in duration \"-5x\"\nSee 'kubectl rollout status --help' for usage.\n"},
		{fact: "a duration beyond int64 nanoseconds is refused by pflag", flag: "--timeout=-9999999999h",
			stderr: "error: invalid argument \"-9999999999h\" for \"--timeout\" flag: time: invalid duration \"-9999999999h\"\nSee 'kubectl rollout status --help' for usage.\n"},
	}
	e := seeded(t)
	// A rollout that cannot finish (the image does not exist) keeps rollout status waiting.
	if x := e.Exec("kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91"); x.ExitCode() != 0 {
		t.Fatal(x.Stderr())
	}
	for _, c := range cases {
		x := e.Exec("kubectl rollout status deployment/nginx-deployment-controller " + c.flag)
		if c.stderr != "" {
			if x.Stderr() != c.stderr || x.ExitCode() != 1 {
				t.Errorf("%s: %s: stderr %q exit %d, want %q exit 1", c.fact, c.flag, x.Stderr(), x.ExitCode(), c.stderr)
			}
			continue
		}
		if got := strings.HasSuffix(x.Stderr(), klogLine) && strings.HasPrefix(x.Stderr(), "E"); got != c.klog {
			t.Errorf("%s: %s: stderr %q, klog line wanted: %v", c.fact, c.flag, x.Stderr(), c.klog)
		}
		if x.Running() != c.waits {
			t.Errorf("%s: %s: running %v, want %v", c.fact, c.flag, x.Running(), c.waits)
		}
		x.Cancel()
	}
}

func rollingDeployment(name, strategy string) string {
	return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ` + name + `
spec:
  replicas: 2
  selector:
    matchLabels: {app: ` + name + `}
  strategy:
    rollingUpdate:
      ` + strategy + `
  template:
    metadata:
      labels: {app: ` + name + `}
    spec:
      containers:
      - name: c
        image: nginx:1.14.2
`
}

// Huge maxSurge / maxUnavailable values. The apiserver decodes IntOrString integers as int32 and
// validates a percentage with the regexp [0-9]+% only; maxUnavailable must also be at most 100%
// (strconv.Atoi of an overflowing number gives MaxInt64, so it is refused), maxSurge has no upper
// bound. The deployment controller then resolves the values: an overflowing maxSurge percentage
// is an error (strconv.Atoi: value out of range) that fails every pass before the new ReplicaSet
// is created; replicas + maxSurge is an int32 sum that 2147483647 wraps negative, so the new
// ReplicaSet is created with 0 replicas and never grows; a large maxUnavailable is capped at
// replicas.
func TestHugeRollingUpdateValues(t *testing.T) {
	cases := []struct {
		fact, name, strategy, stderr string
		rs                           string // spec.replicas of the Deployment's ReplicaSets after 11 minutes
		status                       string // observedGeneration/updatedReplicas/availableReplicas
	}{
		{fact: "an overflowing maxSurge percentage is accepted, but no ReplicaSet is ever created",
			name: "surge-pct", strategy: `maxSurge: "99999999999999999999%"`, rs: "", status: "//"},
		{fact: "an overflowing maxUnavailable percentage is more than 100%",
			name: "unavail-pct", strategy: `maxUnavailable: "99999999999999999999%"`,
			stderr: `The Deployment "unavail-pct" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "99999999999999999999%": must not be greater than 100%` + "\n"},
		{fact: "an integer beyond int32 is a decoding error",
			name: "surge-big", strategy: `maxSurge: 2147483648`,
			stderr: `Error from server (BadRequest): error when creating "surge-big.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 2147483648 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32` + "\n"},
		{fact: "maxSurge 2147483647 wraps replicas+maxSurge: the new ReplicaSet stays at 0",
			name: "surge-max", strategy: `maxSurge: 2147483647`, rs: "0", status: "1//"},
		{fact: "maxUnavailable 2147483647 is capped at replicas: the rollout completes",
			name: "unavail-max", strategy: `maxUnavailable: 2147483647`, rs: "2", status: "1/2/2"},
		{fact: "a large maxSurge percentage that fits resolves and completes",
			name: "surge-large", strategy: `maxSurge: "9999999999%"`, rs: "2", status: "1/2/2"},
	}
	e := seeded(t)
	for _, c := range cases {
		e.WriteFile(c.name+".yaml", rollingDeployment(c.name, c.strategy))
		x := e.Exec("kubectl apply -f " + c.name + ".yaml")
		if c.stderr != "" {
			if x.Stderr() != c.stderr || x.ExitCode() != 1 {
				t.Errorf("%s: stderr %q exit %d, want %q exit 1", c.fact, x.Stderr(), x.ExitCode(), c.stderr)
			}
			continue
		}
		if x.ExitCode() != 0 {
			t.Errorf("%s: refused: %s", c.fact, x.Stderr())
		}
	}
	e.Advance(11 * time.Minute)
	for _, c := range cases {
		if c.stderr != "" {
			continue
		}
		rs := e.Exec("kubectl get rs -l app=" + c.name + " -o jsonpath={.items[*].spec.replicas}").Stdout()
		st := e.Exec("kubectl get deploy " + c.name + " -o jsonpath={.status.observedGeneration}/{.status.updatedReplicas}/{.status.availableReplicas}").Stdout()
		if rs != c.rs || st != c.status {
			t.Errorf("%s: ReplicaSets %q status %q, want %q %q", c.fact, rs, st, c.rs, c.status)
		}
	}
}

// terminationGracePeriodSeconds is any int64 for the apiserver. A negative value in a pod
// template is stored, with the warning the apiserver sends for it, and the pods made from it get
// 1 (a pod's negative grace period is treated as 1, kubernetes#115606; a bare pod gets no
// warning). 2^63-1 is accepted; deleting such a pod still takes the container's stop time: the
// grace period only bounds it (and its Duration overflows).
func TestTerminationGracePeriodValues(t *testing.T) {
	const warning = "Warning: spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1\n"
	withGrace := func(name, grace string) string {
		return strings.Replace(rollingDeployment(name, "maxSurge: 1"), "    spec:\n", "    spec:\n      terminationGracePeriodSeconds: "+grace+"\n", 1)
	}
	cases := []struct {
		fact, name, manifest, stderr string
		template, pod                string // stored grace periods
	}{
		{fact: "a negative template grace period is kept, with a warning; its pods get 1",
			name: "neg", manifest: withGrace("neg", "-5"), stderr: warning, template: "-5", pod: "1"},
		{fact: "2^63-1 is accepted as is",
			name: "huge", manifest: withGrace("huge", "9223372036854775807"), template: "9223372036854775807", pod: "9223372036854775807"},
		{fact: "2^63 does not fit int64: a decoding error",
			name: "over", manifest: withGrace("over", "9223372036854775808"),
			stderr: `Error from server (BadRequest): error when creating "over.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 9223372036854775808 into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64` + "\n"},
		{fact: "a bare pod's negative grace period is stored as 1, without a warning",
			name: "bare", manifest: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\n  labels: {app: bare}\nspec:\n  terminationGracePeriodSeconds: -3\n  containers:\n  - name: c\n    image: nginx:1.14.2\n",
			pod: "1"},
	}
	e := seeded(t)
	for _, c := range cases {
		e.WriteFile(c.name+".yaml", c.manifest)
		x := e.Exec("kubectl apply -f " + c.name + ".yaml")
		if x.Stderr() != c.stderr {
			t.Errorf("%s: stderr %q, want %q", c.fact, x.Stderr(), c.stderr)
		}
	}
	// The warning comes with writes that change the generation: not with an unchanged apply.
	if x := e.Exec("kubectl apply -f neg.yaml"); x.Stderr() != "" || x.Stdout() != "deployment.apps/neg unchanged\n" {
		t.Errorf("unchanged apply: stdout %q stderr %q, want no warning", x.Stdout(), x.Stderr())
	}
	e.WriteFile("neg.yaml", strings.Replace(withGrace("neg", "-5"), "replicas: 2", "replicas: 3", 1))
	if x := e.Exec("kubectl apply -f neg.yaml"); x.Stderr() != warning {
		t.Errorf("a configured apply: stderr %q, want the warning", x.Stderr())
	}
	// Every write that changes the generation gets it, whatever the command.
	for _, line := range []string{"kubectl scale deployment neg --replicas=4", "kubectl annotate deployment neg note=x",
		"kubectl patch deployment neg -p '{\"spec\":{\"minReadySeconds\":1}}'", "kubectl rollout pause deployment/neg",
		"kubectl set image deployment/neg c=nginx:1.16.1"} {
		if x := e.Exec(line); x.Stderr() != warning || x.ExitCode() != 0 {
			t.Errorf("%s: stderr %q exit %d, want the warning", line, x.Stderr(), x.ExitCode())
		}
	}
	if x := e.Exec("kubectl scale deployment nginx-deployment-controller --replicas=3"); x.Stderr() != "" {
		t.Errorf("a template without a negative grace period: stderr %q", x.Stderr())
	}
	e.Advance(10 * time.Second)
	// -o json prints int64 values exactly (jsonpath here goes through float64).
	grace := func(line string) string {
		out := e.Exec(line + " -o json").Stdout()
		_, rest, _ := strings.Cut(out, `"terminationGracePeriodSeconds": `)
		n, _, _ := strings.Cut(rest, "\n")
		return strings.TrimSuffix(n, ",")
	}
	for _, c := range cases {
		if c.template != "" {
			if got := grace("kubectl get deploy " + c.name); got != c.template {
				t.Errorf("%s: template grace %q, want %q", c.fact, got, c.template)
			}
		}
		if c.pod != "" {
			name := e.Exec("kubectl get pods -l app=" + c.name + " -o jsonpath={.items[0].metadata.name}").Stdout()
			if got := grace("kubectl get pod " + name); got != c.pod {
				t.Errorf("%s: pod grace %q, want %q", c.fact, got, c.pod)
			}
		}
	}
	pod := e.Exec("kubectl get pods -l app=huge -o jsonpath={.items[0].metadata.name}").Stdout()
	if x := e.Exec("kubectl delete pod " + pod + " --wait=false"); x.ExitCode() != 0 {
		t.Fatal(x.Stderr())
	}
	if x := e.Exec("kubectl get pod " + pod); x.ExitCode() != 0 || !strings.Contains(x.Stdout(), "Terminating") {
		t.Errorf("a pod with grace period 2^63-1 is Terminating while its container stops: %q %q", x.Stdout(), x.Stderr())
	}
	e.Advance(5 * time.Second)
	if x := e.Exec("kubectl get pod " + pod); x.ExitCode() == 0 {
		t.Errorf("the pod is gone once its container has stopped: %q", x.Stdout())
	}
}

// Invalid UTF-8 never reaches storage raw. kubectl sends objects and patches as JSON, and Go's
// JSON encoding replaces each invalid byte with U+FFFD (annotate, set image, create deployment);
// a JSON manifest is decoded the same way; a YAML manifest with an invalid byte is a parse error
// of kubectl's YAML reader.
func TestInvalidUTF8(t *testing.T) {
	e := seeded(t)
	e.WriteFile("bad-utf8.yaml", strings.Replace(seedYAML, "name: nginx-deployment-controller", "name: nginx-deployment-controller\n  annotations: {note: \"a\xffb\"}", 1))
	e.WriteFile("bad-utf8.json", `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"j","annotations":{"note":"a`+"\xff\xfe"+`b"}},"spec":{"selector":{"matchLabels":{"app":"j"}},"template":{"metadata":{"labels":{"app":"j"}},"spec":{"containers":[{"name":"c","image":"nginx:1.14.2"}]}}}}`)
	note := func(d *api.Deployment) string { return d.Annotations["note"] }
	image := func(d *api.Deployment) string { return d.Spec.Template.Spec.Containers[0].Image }
	cases := []struct {
		fact, line, stderr string
		exit               int
		stored             func(*api.Deployment) string // what the store holds afterwards
		name, want         string                       // of this Deployment
	}{
		{fact: "annotate: each invalid byte becomes U+FFFD",
			line:   "kubectl annotate deployment nginx-deployment-controller note=a\xff\xfeb",
			stored: note, name: "nginx-deployment-controller", want: "a\uFFFD\uFFFDb"},
		{fact: "set image: the image is stored with U+FFFD",
			line:   "kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.16.1\xff",
			stored: image, name: "nginx-deployment-controller", want: "nginx:1.16.1\uFFFD"},
		{fact: "a JSON manifest: decoded with U+FFFD",
			line:   "kubectl apply -f bad-utf8.json",
			stored: note, name: "j", want: "a\uFFFD\uFFFDb"},
		{fact: "a YAML manifest: kubectl's YAML reader refuses the byte",
			line: "kubectl apply -f bad-utf8.yaml", exit: 1,
			stderr: "error: error parsing bad-utf8.yaml: error converting YAML to JSON: yaml: invalid leading UTF-8 octet\n"},
		{fact: "the apiserver validates the coerced value: a container name (from the image) with U+FFFD; create deployment wraps every create error",
			line: "kubectl create deployment web --image=nginx\xff", exit: 1,
			stderr: "error: failed to create deployment: Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].name: Invalid value: \"nginx\uFFFD\": "},
	}
	for _, c := range cases {
		x := e.Exec(c.line)
		if x.ExitCode() != c.exit || !strings.HasPrefix(x.Stderr(), c.stderr) || (c.stderr == "") != (x.Stderr() == "") {
			t.Errorf("%s: exit %d stderr %q, want %d %q", c.fact, x.ExitCode(), x.Stderr(), c.exit, c.stderr)
		}
		if c.stored != nil {
			// Printing goes through JSON, which would hide raw bytes: read the store.
			d, _ := e.Cluster.Store.Get(api.KindDeployment, "default", c.name).(*api.Deployment)
			if d == nil {
				t.Errorf("%s: deployment %s missing", c.fact, c.name)
			} else if got := c.stored(d); got != c.want {
				t.Errorf("%s: stored %q, want %q", c.fact, got, c.want)
			}
		}
	}
}
