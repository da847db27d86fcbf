package api

import (
	"errors"
	"fmt"
	"testing"
)

func TestFieldErrorRendering(t *testing.T) {
	tests := []struct {
		fact string
		err  FieldError
		want string
	}{
		{"Required has no value, an empty detail adds nothing",
			Required("spec.selector", ""), "spec.selector: Required value"},
		{"Required with a detail",
			Required("metadata.name", "name or generateName is required"), "metadata.name: Required value: name or generateName is required"},
		{"integers are printed plainly (1.34+)",
			Invalid("spec.replicas", int64(-1), "must be greater than or equal to 0"), "spec.replicas: Invalid value: -1: must be greater than or equal to 0"},
		{"int32 values are printed plainly",
			Invalid("spec.template.spec.containers[0].ports[0].containerPort", int32(70000), "must be between 1 and 65535, inclusive"),
			"spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"},
		{"strings are quoted like %q",
			NotSupported("spec.template.spec.restartPolicy", "Never", "Always"), `spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"`},
		{"maps are compact JSON with sorted keys (1.34+)",
			Invalid("spec.template.metadata.labels", map[string]string{"tier": "x", "app": "web"}, "`selector` does not match template `labels`"),
			"spec.template.metadata.labels: Invalid value: {\"app\":\"web\",\"tier\":\"x\"}: `selector` does not match template `labels`"},
		{"a *LabelSelector renders as its JSON",
			Invalid("spec.selector", &LabelSelector{MatchLabels: map[string]string{"app": "web"}}, "field is immutable"),
			`spec.selector: Invalid value: {"matchLabels":{"app":"web"}}: field is immutable`},
		{"an empty selector renders as {}",
			Invalid("spec.selector", &LabelSelector{}, "empty selector is invalid for deployment"),
			"spec.selector: Invalid value: {}: empty selector is invalid for deployment"},
		{"a nil map renders as null",
			Invalid("spec.template.metadata.labels", map[string]string(nil), "x"), "spec.template.metadata.labels: Invalid value: null: x"},
		{"IntOrString renders as its JSON: a percent string quoted",
			Invalid("spec.strategy.rollingUpdate.maxUnavailable", FromString("120%"), "must not be greater than 100%"),
			`spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%`},
		{"IntOrString integer renders plainly",
			Invalid("spec.strategy.rollingUpdate.maxUnavailable", FromInt(0), "may not be 0 when `maxSurge` is 0"),
			"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"},
		{"booleans are printed plainly",
			Invalid("x", true, "y"), "x: Invalid value: true: y"},
		{"Duplicate shows the value and no detail",
			Duplicate("spec.template.spec.containers[1].name", "nginx"), `spec.template.spec.containers[1].name: Duplicate value: "nginx"`},
		{"Forbidden shows only the detail",
			Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"),
			"spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"},
		{"Not found shows the value",
			NotFound("spec.template.spec.containers[0].volumeMounts[0].name", "data"),
			`spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data"`},
		{"Too long omits the value and counts bytes",
			TooLong("metadata.annotations", 262144), "metadata.annotations: Too long: may not be more than 262144 bytes"},
		{"NotSupported lists the supported values quoted, comma separated",
			NotSupported("spec.template.spec.containers[0].ports[0].protocol", "HTTP", "SCTP", "TCP", "UDP"),
			`spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestStatusErrors(t *testing.T) {
	tests := []struct {
		fact    string
		err     *StatusError
		message string
		kubectl string
		is      func(error) bool
	}{
		{"NotFound names the qualified resource",
			NewNotFound("deployments.apps", "x"), `deployments.apps "x" not found`,
			`Error from server (NotFound): deployments.apps "x" not found`, IsNotFound},
		{"NotFound of a core resource has no group",
			NewNotFound("pods", "p"), `pods "p" not found`, `Error from server (NotFound): pods "p" not found`, IsNotFound},
		{"AlreadyExists",
			NewAlreadyExists("deployments.apps", "x"), `deployments.apps "x" already exists`,
			`Error from server (AlreadyExists): deployments.apps "x" already exists`, IsAlreadyExists},
		{"optimistic-concurrency Conflict text",
			NewConflict("deployments.apps", "x", ""),
			`Operation cannot be fulfilled on deployments.apps "x": the object has been modified; please apply your changes to the latest version and try again`,
			`Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "x": the object has been modified; please apply your changes to the latest version and try again`,
			IsConflict},
		{"BadRequest carries the message as is",
			NewBadRequest("boom"), "boom", "Error from server (BadRequest): boom", IsBadRequest},
		{"Invalid with one cause: server message unbracketed, kubectl one line",
			NewInvalid("Deployment", "web", []FieldError{Invalid("spec.replicas", int64(-1), "must be greater than or equal to 0")}),
			`Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`,
			`The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`, IsInvalid},
		{"Invalid with several causes: kubectl prints a trailing space, then one `* ` line each, duplicates removed",
			NewInvalid("Deployment", "web", []FieldError{
				Required("spec.selector", ""),
				Invalid("spec.template.metadata.labels", map[string]string{"app": "nginx"}, "`selector` does not match template `labels`"),
				Required("spec.selector", ""),
			}),
			"Deployment.apps \"web\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`]",
			"The Deployment \"web\" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`",
			IsInvalid},
		{"Invalid for a core kind has no group in the server message",
			NewInvalid("Pod", "p", []FieldError{Required("spec.containers", "")}),
			`Pod "p" is invalid: spec.containers: Required value`, `The Pod "p" is invalid: spec.containers: Required value`, IsInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			if tt.err.Error() != tt.message {
				t.Errorf("message\ngot  %s\nwant %s", tt.err.Error(), tt.message)
			}
			if got := KubectlText(tt.err); got != tt.kubectl {
				t.Errorf("kubectl\ngot  %q\nwant %q", got, tt.kubectl)
			}
			if !tt.is(tt.err) || !tt.is(fmt.Errorf("wrapped: %w", tt.err)) {
				t.Errorf("predicate does not recognise %v", tt.err)
			}
		})
	}
}

func TestKubectlTextOtherErrors(t *testing.T) {
	tests := []struct {
		fact string
		err  error
		want string
	}{
		{"plain errors get the error: prefix", errors.New(`deployments.apps "x" is already paused`), `error: deployments.apps "x" is already paused`},
		{"an error already starting with error: is not prefixed twice", errors.New("error: boom"), "error: boom"},
		{"nil prints nothing", nil, ""},
		{"create -f adds the source to a status error's message",
			WithSource("creating", "d.yaml", NewAlreadyExists("deployments.apps", "x")),
			`Error from server (AlreadyExists): error when creating "d.yaml": deployments.apps "x" already exists`},
		{"the source is added to the Invalid message, but kubectl prints Invalid from the causes",
			WithSource("creating", "d.yaml", NewInvalid("Deployment", "x", []FieldError{Required("spec.selector", "")})),
			`The Deployment "x" is invalid: spec.selector: Required value`},
		{"several errors print one per line, status errors with their reason, others without error: prefix",
			errors.Join(errors.New("resource mapping not found for name: \"a\" namespace: \"\" from \"f\": no matches for kind \"Deployment\" in version \"apps/v1beta1\"\nensure CRDs are installed first"),
				WithSource("creating", "f", NewInvalid("Deployment", "b", []FieldError{Required("spec.selector", "")}))),
			"resource mapping not found for name: \"a\" namespace: \"\" from \"f\": no matches for kind \"Deployment\" in version \"apps/v1beta1\"\nensure CRDs are installed first\n" +
				`Error from server (Invalid): error when creating "f": Deployment.apps "b" is invalid: spec.selector: Required value`},
		{"a join of one error prints as that error", errors.Join(errors.New("boom")), "error: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			if got := KubectlText(tt.err); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
