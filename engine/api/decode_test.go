package api

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

const seedManifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment-controller
spec:
  selector:
    matchLabels:
      app: nginx
  replicas: 2
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.8
        ports:
        - containerPort: 80
`

// deploy returns a small Deployment manifest with extra lines inserted under spec (indented by
// two spaces by the caller) and under the container (indented by eight).
func deploy(specExtra, containerExtra string) string {
	return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
` + specExtra + `  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
` + containerExtra
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		fact string
		in   string
		mode ValidationMode
		want string // DecodeErrorText(err, "d.yaml")
	}{
		{"strict decoding: an unknown field is a BadRequest naming its full path",
			deploy("  replica: 3\n", ""), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"`},
		{"strict decoding: list indexes are part of the path",
			deploy("", "        imagePullPolice: Always\n"), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolice"`},
		{"strict decoding: several unknown fields are comma-separated in the order of kubectl's sorted JSON",
			deploy("  zeta: 1\n  replica: 3\n", "        imagePullPolice: Always\n") + "status:\n  foo: 1\nextra: true\n", Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ` +
				`unknown field "extra", unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagePullPolice", unknown field "spec.zeta", unknown field "status.foo"`},
		{"field names are case-sensitive",
			deploy("  Replicas: 3\n", ""), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.Replicas"`},
		{"unknown volume keys are detected",
			deploy("", "") + "      volumes:\n      - name: data\n        emptyDirr: {}\n", Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.volumes[0].emptyDirr"`},
		{"a string for an int32 is a type error naming the struct and JSON path",
			deploy("  replicas: two\n", ""), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`},
		{"type errors win over unknown fields, and apply in every validation mode",
			deploy("  replica: 3\n  replicas: two\n", ""), Ignore,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`},
		{"a fraction for an integer names the number",
			deploy("  replicas: 1.5\n", ""), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32`},
		{"an int32 overflow names the number",
			deploy("  replicas: 3000000000\n", ""), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32`},
		{"the type-error path leaves out list indexes",
			deploy("", "        ports:\n        - containerPort: http\n"), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32`},
		{"an object where a list belongs names the upstream slice type",
			deploy("", "        ports:\n          containerPort: 80\n"), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort`},
		{"a named string type is named as upstream declares it",
			deploy("", "") + "      restartPolicy: 1\n", Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.restartPolicy of type v1.RestartPolicy`},
		{"a label value must be a string (map keys are not in the type-error path)",
			strings.Replace(deploy("", ""), "app: web\n  template", "app: web\n      version: 1.0\n  template", 1), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field LabelSelector.spec.selector.matchLabels of type string`},
		{"IntOrString rejects booleans with its int32 error",
			deploy("  strategy:\n    rollingUpdate:\n      maxSurge: true\n", ""), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32`},
		{"a malformed quantity is resource.ParseQuantity's error",
			deploy("", "        resources:\n          limits:\n            memory: 128MB\n"), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`},
		{"an unknown quantity suffix",
			deploy("", "        resources:\n          limits:\n            memory: 1Mm\n"), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: unable to parse quantity's suffix`},
		{"a malformed timestamp is time.Parse's error",
			strings.Replace(deploy("", ""), "  name: web\n", "  name: web\n  creationTimestamp: yesterday\n", 1), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Deployment in version "v1" cannot be handled as a Deployment: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"`},
		{"a ReplicaSet's message names its kind",
			strings.Replace(deploy("  replica: 3\n", ""), "kind: Deployment", "kind: ReplicaSet", 1), Strict,
			`Error from server (BadRequest): error when creating "d.yaml": ReplicaSet in version "v1" cannot be handled as a ReplicaSet: strict decoding error: unknown field "spec.replica"`},
		{"a Pod's message names its kind and core version",
			"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx\n    imagee: x\n", Strict,
			`Error from server (BadRequest): error when creating "d.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"`},
		{"YAML syntax errors: kubectl prints error parsing FILE and the converter's message",
			"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n spec:\n  replicas: 2\n", Strict,
			"error: error parsing d.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key"},
		{"YAML error lines count from the start of the document",
			seedManifest + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {a: b\n", Strict,
			"error: error parsing d.yaml: error converting YAML to JSON: yaml: line 5: did not find expected ',' or '}'"},
		{"text after --- other than a comment is an invalid separator",
			"---foo\n" + seedManifest, Strict,
			"error: error parsing d.yaml: invalid Yaml document separator: foo"},
		{"missing apiVersion and kind: kubectl's client-side check",
			"metadata:\n  name: web\n", Strict,
			`error: error validating "d.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false`},
		{"missing kind alone",
			"apiVersion: apps/v1\nmetadata:\n  name: web\n", Warn,
			`error: error validating "d.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`},
		{"a non-string apiVersion",
			"apiVersion: 1\nkind: Deployment\n", Strict,
			`error: error validating "d.yaml": error validating data: apiVersion isn't string type; if you choose to ignore these errors, turn validation off with --validate=false`},
		{"a document that is not an object",
			"- a\n- b\n", Strict,
			`error: error validating "d.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`},
		{"with --validate=false a missing kind is reported by the decoder with the document as compact sorted JSON",
			"metadata:\n  name: web\napiVersion: apps/v1\n", Ignore,
			`error: unable to decode "d.yaml": Object 'Kind' is missing in '{"apiVersion":"apps/v1","metadata":{"name":"web"}}'`},
		{"removed API versions have no resource mapping",
			strings.Replace(seedManifest, "apps/v1", "apps/v1beta1", 1), Strict,
			"error: resource mapping not found for name: \"nginx-deployment-controller\" namespace: \"\" from \"d.yaml\": no matches for kind \"Deployment\" in version \"apps/v1beta1\"\nensure CRDs are installed first"},
		{"extensions/v1beta1 Deployments too, with the namespace from the manifest",
			"apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: x\n  namespace: dev\n", Strict,
			"error: resource mapping not found for name: \"x\" namespace: \"dev\" from \"d.yaml\": no matches for kind \"Deployment\" in version \"extensions/v1beta1\"\nensure CRDs are installed first"},
		{"kinds the simulator does not serve",
			"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n", Strict,
			"error: resource mapping not found for name: \"web\" namespace: \"\" from \"d.yaml\": no matches for kind \"ConfigMap\" in version \"v1\"\nensure CRDs are installed first"},
		{"a JSON syntax error in a JSON file",
			`{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"}]`, Strict,
			"error: error parsing d.yaml: json: offset 74: invalid character ']' after object key:value pair"},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			_, _, err := DecodeObjects([]byte(tt.in), tt.mode)
			if err == nil {
				t.Fatalf("no error")
			}
			if got := DecodeErrorText(err, "d.yaml"); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestDecodeModes(t *testing.T) {
	in := deploy("  replica: 3\n", "        imagePullPolice: Always\n")
	objs, warnings, err := DecodeObjects([]byte(in), Warn)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`unknown field "spec.replica"`, `unknown field "spec.template.spec.containers[0].imagePullPolice"`}
	if !reflect.DeepEqual(warnings, want) {
		t.Errorf("--validate=warn: warnings %q, want %q (one per field)", warnings, want)
	}
	if len(objs) != 1 || objs[0].(*Deployment).Name != "web" {
		t.Errorf("--validate=warn creates the object, got %#v", objs)
	}
	objs, warnings, err = DecodeObjects([]byte(in), Ignore)
	if err != nil || len(warnings) != 0 || len(objs) != 1 {
		t.Errorf("--validate=false drops unknown fields silently: %v %v %v", objs, warnings, err)
	}
}

func TestDecodeDocuments(t *testing.T) {
	t.Run("seed manifest decodes to the fields written", func(t *testing.T) {
		objs, _, err := DecodeObjects([]byte(seedManifest), Strict)
		if err != nil {
			t.Fatal(err)
		}
		d := objs[0].(*Deployment)
		if d.APIVersion != "apps/v1" || d.Kind != "Deployment" || d.Name != "nginx-deployment-controller" ||
			*d.Spec.Replicas != 2 || d.Spec.Selector.MatchLabels["app"] != "nginx" ||
			d.Spec.Template.Spec.Containers[0].Image != "nginx:1.8" || d.Spec.Template.Spec.Containers[0].Ports[0].ContainerPort != 80 {
			t.Errorf("decoded %+v", d)
		}
	})
	t.Run("several documents, empty and comment-only ones skipped, --- with a comment allowed", func(t *testing.T) {
		in := "---\n# only a comment\n---\n" + seedManifest + "--- # next\n\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: busybox\n---\n"
		objs, _, err := DecodeObjects([]byte(in), Strict)
		if err != nil {
			t.Fatal(err)
		}
		if len(objs) != 2 || objs[0].ObjectKind() != KindDeployment || objs[1].ObjectKind() != KindPod {
			t.Fatalf("got %d objects", len(objs))
		}
	})
	t.Run("CRLF line endings", func(t *testing.T) {
		objs, _, err := DecodeObjects([]byte(strings.ReplaceAll(seedManifest, "\n", "\r\n")), Strict)
		if err != nil || len(objs) != 1 {
			t.Fatalf("%v %v", objs, err)
		}
	})
	t.Run("duplicate keys are not an error: kubectl keeps the last value (kubernetes#125885)", func(t *testing.T) {
		objs, _, err := DecodeObjects([]byte(deploy("  replicas: 1\n  replicas: 5\n", "")), Strict)
		if err != nil {
			t.Fatal(err)
		}
		if r := *objs[0].(*Deployment).Spec.Replicas; r != 5 {
			t.Errorf("replicas %d, want the last value 5", r)
		}
	})
	t.Run("a JSON file, and a JSON stream of two objects", func(t *testing.T) {
		j := `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}`
		objs, _, err := DecodeObjects([]byte("  "+j+"\n"+strings.Replace(j, `"a"`, `"b"`, 1)), Strict)
		if err != nil || len(objs) != 2 || objs[1].Meta().Name != "b" {
			t.Fatalf("%v %v", objs, err)
		}
	})
	t.Run("a flow-style YAML document that is not JSON falls back to YAML", func(t *testing.T) {
		objs, _, err := DecodeObjects([]byte("{apiVersion: v1, kind: Pod, metadata: {name: a}}"), Strict)
		if err != nil || len(objs) != 1 {
			t.Fatalf("%v %v", objs, err)
		}
	})
	t.Run("a v1 List: each item is a document", func(t *testing.T) {
		in := "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: d\n  spec:\n    replica: 1\n"
		docs := DecodeDocuments([]byte(in), Strict)
		if len(docs) != 2 || docs[0].Object == nil || docs[0].Object.Meta().Name != "a" {
			t.Fatalf("%+v", docs)
		}
		if got := docs[1].Err; got == nil || !strings.HasSuffix(got.Error(), `strict decoding error: unknown field "spec.replica"`) {
			t.Errorf("item errors are per item: %v", got)
		}
	})
	t.Run("documents before a syntax error are kept; the error ends the file", func(t *testing.T) {
		docs := DecodeDocuments([]byte(seedManifest+"---\nkey: [1\n---\n"+seedManifest), Strict)
		if len(docs) != 2 || docs[0].Object == nil {
			t.Fatalf("%+v", docs)
		}
		if _, ok := docs[1].Err.(*SyntaxError); !ok {
			t.Errorf("second entry %v, want a *SyntaxError", docs[1].Err)
		}
	})
	t.Run("a mapping error does not end the file", func(t *testing.T) {
		docs := DecodeDocuments([]byte(strings.Replace(seedManifest, "apps/v1", "apps/v1beta2", 1)+"---\n"+seedManifest), Strict)
		if len(docs) != 2 || docs[1].Object == nil {
			t.Fatalf("%+v", docs)
		}
		var nm *NoMatchError
		if e, ok := docs[0].Err.(*NoMatchError); !ok {
			t.Errorf("first entry %v, want %T", docs[0].Err, nm)
		} else if e.Version != "v1beta2" || e.Group != "apps" {
			t.Errorf("NoMatchError %+v", e)
		}
	})
	t.Run("free-form fields keep what was written, integers as int64", func(t *testing.T) {
		objs, _, err := DecodeObjects([]byte(deploy("", "        securityContext:\n          runAsUser: 1000\n          whatever: [x]\n")), Strict)
		if err != nil {
			t.Fatal(err)
		}
		sc := objs[0].(*Deployment).Spec.Template.Spec.Containers[0].SecurityContext
		if sc["runAsUser"] != int64(1000) || !reflect.DeepEqual(sc["whatever"], []any{"x"}) {
			t.Errorf("securityContext %#v", sc)
		}
	})
	t.Run("volumes keep their source next to the name", func(t *testing.T) {
		objs, _, err := DecodeObjects([]byte(deploy("", "")+"      volumes:\n      - name: cfg\n        configMap:\n          name: app\n"), Strict)
		if err != nil {
			t.Fatal(err)
		}
		v := objs[0].(*Deployment).Spec.Template.Spec.Volumes[0]
		if v.Name != "cfg" || !reflect.DeepEqual(v.Source, map[string]any{"configMap": map[string]any{"name": "app"}}) {
			t.Errorf("volume %#v", v)
		}
	})
	t.Run("maxSurge/maxUnavailable as number and percent", func(t *testing.T) {
		objs, _, err := DecodeObjects([]byte(deploy("  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 25%\n", "")), Strict)
		if err != nil {
			t.Fatal(err)
		}
		ru := objs[0].(*Deployment).Spec.Strategy.RollingUpdate
		if *ru.MaxSurge != FromInt(1) || *ru.MaxUnavailable != FromString("25%") {
			t.Errorf("%+v %+v", *ru.MaxSurge, *ru.MaxUnavailable)
		}
	})
	t.Run("quantities are stored in canonical form, as the apiserver returns them", func(t *testing.T) {
		objs, _, err := DecodeObjects([]byte(deploy("", "        resources:\n          limits:\n            cpu: 0.5\n            memory: 1024Mi\n          requests:\n            cpu: \"1000m\"\n            memory: 128974848\n")), Strict)
		if err != nil {
			t.Fatal(err)
		}
		r := objs[0].(*Deployment).Spec.Template.Spec.Containers[0].Resources
		want := ResourceRequirements{Limits: map[string]Quantity{"cpu": "500m", "memory": "1Gi"}, Requests: map[string]Quantity{"cpu": "1", "memory": "128974848"}}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("got %+v", r)
		}
	})
	t.Run("null values leave fields unset", func(t *testing.T) {
		objs, _, err := DecodeObjects([]byte(deploy("  replicas: null\n  strategy:\n", "")+"      nodeSelector: null\n"), Strict)
		if err != nil {
			t.Fatal(err)
		}
		d := objs[0].(*Deployment)
		if d.Spec.Replicas != nil || d.Spec.Template.Spec.NodeSelector != nil {
			t.Errorf("%+v", d.Spec)
		}
	})
}

func TestEncode(t *testing.T) {
	objs, _, err := DecodeObjects([]byte(seedManifest), Strict)
	if err != nil {
		t.Fatal(err)
	}
	d := objs[0].(*Deployment)
	d.TypeMeta = TypeMeta{} // the encoder sets apiVersion and kind itself
	SetDefaultsDeployment(d)

	t.Run("-o yaml: sorted keys, compact sequences, empty securityContext and status shown, zero creationTimestamp omitted (1.33+)", func(t *testing.T) {
		y, err := EncodeYAML(d)
		if err != nil {
			t.Fatal(err)
		}
		want := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment-controller
  namespace: default
spec:
  progressDeadlineSeconds: 600
  replicas: 2
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: nginx
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
    type: RollingUpdate
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - image: nginx:1.8
        imagePullPolicy: IfNotPresent
        name: nginx
        ports:
        - containerPort: 80
          protocol: TCP
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
status: {}
`
		if string(y) != want {
			t.Errorf("got\n%s\nwant\n%s", y, want)
		}
	})
	t.Run("-o json: 4-space indent, sorted keys, final newline", func(t *testing.T) {
		j, err := EncodeJSON(d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(j), "{\n    \"apiVersion\": \"apps/v1\",\n    \"kind\": \"Deployment\",\n    \"metadata\": {\n        \"name\"") || !strings.HasSuffix(string(j), "}\n") {
			t.Errorf("got\n%s", j)
		}
		var back map[string]any
		if err := json.Unmarshal(j, &back); err != nil {
			t.Error(err)
		}
	})
	t.Run("a list of objects is a v1 List", func(t *testing.T) {
		y, err := EncodeYAMLList([]Object{d})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(y), "apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n") ||
			!strings.HasSuffix(string(y), "kind: List\nmetadata:\n  resourceVersion: \"\"\n") {
			t.Errorf("got\n%s", y)
		}
	})
	t.Run("what -o yaml prints decodes back strictly to the same object", func(t *testing.T) {
		p := &Pod{ObjectMeta: ObjectMeta{Name: "p", Namespace: "default", UID: "u", Labels: map[string]string{"a": "b"},
			OwnerReferences: []OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "rs", UID: "x", Controller: Ptr(true)}}},
			Spec: Ptr(d.Spec.Template.Spec.DeepCopy()),
			Status: PodStatus{Phase: PodRunning, Conditions: []PodCondition{{Type: PodReady, Status: ConditionTrue}},
				ContainerStatuses: []ContainerStatus{{Name: "nginx", Ready: true, State: ContainerState{Running: &ContainerStateRunning{}}}}}}
		p.Spec.Containers[0].Resources.Limits = map[string]Quantity{"cpu": "500m"}
		p.Spec.Volumes = []Volume{{Name: "v", Source: map[string]any{"emptyDir": map[string]any{}}}}
		for _, obj := range []Object{d, p} {
			y, err := EncodeYAML(obj)
			if err != nil {
				t.Fatal(err)
			}
			back, warnings, err := DecodeObjects(y, Strict)
			if err != nil || len(warnings) > 0 {
				t.Fatalf("%v %v\n%s", err, warnings, y)
			}
			y2, _ := EncodeYAML(back[0])
			if string(y) != string(y2) {
				t.Errorf("round trip changed the object:\n%s\n---\n%s", y, y2)
			}
		}
	})
}

func BenchmarkDecodeDefaultValidate(b *testing.B) {
	in := []byte(seedManifest + "        resources:\n          limits:\n            cpu: 500m\n            memory: 128Mi\n")
	for i := 0; i < b.N; i++ {
		objs, _, err := DecodeObjects(in, Strict)
		if err != nil {
			b.Fatal(err)
		}
		d := objs[0].(*Deployment)
		SetDefaultsDeployment(d)
		if errs := ValidateDeployment(d); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

func FuzzDecodeObjects(f *testing.F) {
	seeds := []string{
		seedManifest,
		deploy("  replica: 3\n", "        imagePullPolice: Always\n"),
		deploy("  replicas: two\n", ""),
		deploy("  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 0%\n", ""),
		deploy("", "        resources:\n          limits:\n            cpu: 1.5e3m\n          requests:\n            cpu: 2\n"),
		deploy("", "        livenessProbe:\n          httpGet:\n            port: http\n") + "      volumes:\n      - name: x\n        secret: {}\n",
		"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n",
		`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}{"kind":"Pod"}`,
		"---\n---\n# c\n",
		"a: b: c",
		"apiVersion: apps/v1beta1\nkind: Deployment\n",
		"{",
		"\xff\xfe",
	}
	for _, s := range seeds {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		for _, d := range DecodeDocuments(data, ValidationMode(mode%3)) {
			_ = DecodeErrorText(d.Err, "f.yaml")
			switch o := d.Object.(type) {
			case *Deployment:
				old := o.DeepCopy()
				SetDefaultsDeployment(o)
				errs := ValidateDeployment(o)
				_ = KubectlText(NewInvalid(KindDeployment, o.Name, errs))
				SetDefaultsDeployment(old)
				_ = ValidateDeploymentUpdate(o, old)
				if _, err := EncodeYAML(o); err != nil {
					t.Fatalf("EncodeYAML: %v", err)
				}
			case *ReplicaSet:
				SetDefaultsReplicaSet(o)
				_ = ValidateReplicaSet(o)
				if _, err := EncodeJSON(o); err != nil {
					t.Fatalf("EncodeJSON: %v", err)
				}
			case *Pod:
				SetDefaultsPod(o)
				_ = ValidatePod(o)
			}
		}
	})
}
