package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Field error types, as the apiserver names them in a cause's message.
const (
	ErrTypeRequired     = "Required value"
	ErrTypeInvalid      = "Invalid value"
	ErrTypeNotSupported = "Unsupported value"
	ErrTypeForbidden    = "Forbidden"
	ErrTypeDuplicate    = "Duplicate value"
	ErrTypeNotFound     = "Not found"
	ErrTypeTooLong      = "Too long"
	ErrTypeTooMany      = "Too many"
)

// FieldError is one cause of an Invalid status: the field, what is wrong with it, the offending
// value (printed only when HasValue is set) and a detail text.
type FieldError struct {
	Type     string
	Field    string
	Value    any
	HasValue bool
	Detail   string
}

// Error renders `<field>: <body>`.
func (e FieldError) Error() string { return e.Field + ": " + e.Body() }

// Body renders the message of the cause without the field: `<Type>[: <value>][: <detail>]`.
// Values are rendered as the apiserver does since 1.34: integers, floats and booleans plainly,
// strings quoted like Go's %q, anything else as compact JSON (maps with sorted keys).
func (e FieldError) Body() string {
	s := e.Type
	if e.HasValue {
		s += ": " + renderValue(e.Value)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

func renderValue(v any) string {
	switch t := v.(type) {
	case int64, int32, float64, float32, bool:
		return fmt.Sprint(t)
	case string:
		return fmt.Sprintf("%q", t)
	}
	if b, err := json.Marshal(v); err == nil {
		return string(b)
	}
	if s, ok := v.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%#v", v)
}

// Constructors for field errors, named after their upstream counterparts.

// Required reports a missing value.
func Required(field, detail string) FieldError {
	return FieldError{Type: ErrTypeRequired, Field: field, Detail: detail}
}

// Invalid reports a malformed value.
func Invalid(field string, value any, detail string) FieldError {
	return FieldError{Type: ErrTypeInvalid, Field: field, Value: value, HasValue: true, Detail: detail}
}

// NotSupported reports a value outside an enumeration; the detail lists the supported values
// quoted and comma-separated.
func NotSupported(field string, value any, supported ...string) FieldError {
	detail := ""
	if len(supported) > 0 {
		q := make([]string, len(supported))
		for i, s := range supported {
			q[i] = fmt.Sprintf("%q", s)
		}
		detail = "supported values: " + strings.Join(q, ", ")
	}
	return FieldError{Type: ErrTypeNotSupported, Field: field, Value: value, HasValue: true, Detail: detail}
}

// Forbidden reports a value that is not allowed here.
func Forbidden(field, detail string) FieldError {
	return FieldError{Type: ErrTypeForbidden, Field: field, Detail: detail}
}

// Duplicate reports a value that must be unique.
func Duplicate(field string, value any) FieldError {
	return FieldError{Type: ErrTypeDuplicate, Field: field, Value: value, HasValue: true}
}

// NotFound reports a reference to something that does not exist.
func NotFound(field string, value any) FieldError {
	return FieldError{Type: ErrTypeNotFound, Field: field, Value: value, HasValue: true}
}

// TooLong reports a value longer than maxBytes; the value itself is not printed.
func TooLong(field string, maxBytes int) FieldError {
	unit := "bytes"
	if maxBytes == 1 {
		unit = "byte"
	}
	return FieldError{Type: ErrTypeTooLong, Field: field, Detail: fmt.Sprintf("may not be more than %d %s", maxBytes, unit)}
}

// Status reasons the simulated apiserver returns.
const (
	ReasonNotFound      = "NotFound"
	ReasonAlreadyExists = "AlreadyExists"
	ReasonInvalid       = "Invalid"
	ReasonBadRequest    = "BadRequest"
	ReasonConflict      = "Conflict"
	ReasonForbidden     = "Forbidden"
)

// OptimisticLockErrorMsg is the detail of a Conflict caused by a stale resourceVersion.
const OptimisticLockErrorMsg = "the object has been modified; please apply your changes to the latest version and try again"

// StatusError is an error returned by the apiserver (a metav1.Status with a reason).
type StatusError struct {
	Code    int
	Reason  string
	Kind    string // kind for Invalid ("Deployment"), resource for NotFound etc. ("deployments.apps")
	Name    string
	Message string
	Causes  []FieldError
}

// Error returns the server's message.
func (e *StatusError) Error() string { return e.Message }

// NewNotFound: `deployments.apps "x" not found` (resource as "<plural>.<group>", or "pods").
func NewNotFound(resource, name string) *StatusError {
	return &StatusError{Code: 404, Reason: ReasonNotFound, Kind: resource, Name: name,
		Message: fmt.Sprintf("%s %q not found", resource, name)}
}

// NewAlreadyExists: `deployments.apps "x" already exists`.
func NewAlreadyExists(resource, name string) *StatusError {
	return &StatusError{Code: 409, Reason: ReasonAlreadyExists, Kind: resource, Name: name,
		Message: fmt.Sprintf("%s %q already exists", resource, name)}
}

// NewUnprocessable is the apiserver's 422 without details, as it answers a JSON patch it cannot
// apply (a remove or replace of a missing path): the reason is in no message kubectl prints.
func NewUnprocessable() *StatusError {
	return &StatusError{Code: 422, Reason: ReasonInvalid, Message: "the server rejected our request due to an error in our request"}
}

// NewBadRequest returns a 400 with the given message.
func NewBadRequest(msg string) *StatusError {
	return &StatusError{Code: 400, Reason: ReasonBadRequest, Message: msg}
}

// NewForbidden: `<resource> "<name>" is forbidden: <detail>`.
func NewForbidden(resource, name, detail string) *StatusError {
	return &StatusError{Code: 403, Reason: ReasonForbidden, Kind: resource, Name: name,
		Message: fmt.Sprintf("%s %q is forbidden: %s", resource, name, detail)}
}

// NewConflict: `Operation cannot be fulfilled on deployments.apps "x": <detail>`; an empty detail
// stands for the optimistic-concurrency text (OptimisticLockErrorMsg).
func NewConflict(resource, name, detail string) *StatusError {
	if detail == "" {
		detail = OptimisticLockErrorMsg
	}
	return &StatusError{Code: 409, Reason: ReasonConflict, Kind: resource, Name: name,
		Message: fmt.Sprintf("Operation cannot be fulfilled on %s %q: %s", resource, name, detail)}
}

// kindGroup is the API group of each kind the simulator serves.
func kindGroup(kind string) string {
	switch kind {
	case KindDeployment, KindReplicaSet:
		return "apps"
	case KindEndpointSlice:
		return "discovery.k8s.io"
	}
	return ""
}

// NewInvalid returns the 422 the apiserver sends for failed validation. Its message is the
// server's: `Deployment.apps "x" is invalid: <cause>` or, with several distinct causes,
// `... is invalid: [<cause>, <cause>]`. kubectl prints Invalid errors from the causes instead
// (see KubectlText).
func NewInvalid(kind, name string, errs []FieldError) *StatusError {
	qualified := kind
	if g := kindGroup(kind); g != "" {
		qualified += "." + g
	}
	msg := fmt.Sprintf("%s %q is invalid", qualified, name)
	if agg := aggregate(fieldErrorStrings(errs)); agg != "" {
		msg += ": " + agg
	}
	return &StatusError{Code: 422, Reason: ReasonInvalid, Kind: kind, Name: name, Message: msg,
		Causes: append([]FieldError(nil), errs...)}
}

func fieldErrorStrings(errs []FieldError) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

// aggregate joins messages like apimachinery's error aggregate: one message as is, several
// (duplicates dropped) as `[a, b]`.
func aggregate(msgs []string) string {
	msgs = dedupe(msgs)
	switch len(msgs) {
	case 0:
		return ""
	case 1:
		return msgs[0]
	}
	return "[" + strings.Join(msgs, ", ") + "]"
}

func dedupe(msgs []string) []string {
	seen := make(map[string]bool, len(msgs))
	out := msgs[:0:0]
	for _, m := range msgs {
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out
}

func statusReason(err error) string {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Reason
	}
	return ""
}

// IsNotFound reports a NotFound status error.
func IsNotFound(err error) bool { return statusReason(err) == ReasonNotFound }

// IsAlreadyExists reports an AlreadyExists status error.
func IsAlreadyExists(err error) bool { return statusReason(err) == ReasonAlreadyExists }

// IsInvalid reports an Invalid status error.
func IsInvalid(err error) bool { return statusReason(err) == ReasonInvalid }

// IsConflict reports a Conflict status error.
func IsConflict(err error) bool { return statusReason(err) == ReasonConflict }

// IsBadRequest reports a BadRequest status error.
func IsBadRequest(err error) bool { return statusReason(err) == ReasonBadRequest }

// WithSource adds the manifest a request came from, as kubectl does for `create -f`, `apply -f`
// and `replace -f`: a status error keeps its reason and gets the message
// `error when <verb> "<source>": <message>`; other errors are wrapped the same way. verb is
// "creating", "replacing", "patching" …
func WithSource(verb, source string, err error) error {
	if err == nil || source == "" {
		return err
	}
	var se *StatusError
	if errors.As(err, &se) {
		c := *se
		c.Message = fmt.Sprintf("error when %s %q: %s", verb, source, se.Message)
		return &c
	}
	return fmt.Errorf("error when %s %q: %w", verb, source, err)
}

// Aggregate is several errors reported together, as apimachinery's utilerrors.Aggregate that
// kubectl's resource builder returns when it goes on after an error (`create -f` and `apply -f`
// with several documents). Its message is the single error's, or `[a, b]` without duplicates;
// KubectlText prints an aggregate of one as that error and a larger one line per error.
type Aggregate []error

func (a Aggregate) Error() string {
	msgs := make([]string, len(a))
	for i, e := range a {
		msgs[i] = e.Error()
	}
	return aggregate(msgs)
}

// Unwrap gives the errors, for errors.Is/As and for KubectlText.
func (a Aggregate) Unwrap() []error { return a }

// NewAggregate is nil for no errors, else the errors as an Aggregate.
func NewAggregate(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return Aggregate(errs)
}

// KubectlText renders err as kubectl prints it on stderr (without the final newline):
//   - Invalid: `The Deployment "x" is invalid: <cause>`, or with several causes
//     `The Deployment "x" is invalid: ` followed by one `* <cause>` line each (duplicates removed);
//   - other status errors: `Error from server (<Reason>): <message>`;
//   - an error joining several errors (errors.Join): one line per error in the short form of
//     MessageForError; a join of one error is printed as that error;
//   - any other error: `error: <message>` unless the message already starts with "error: ".
func KubectlText(err error) string {
	if err == nil {
		return ""
	}
	if multi, ok := err.(interface{ Unwrap() []error }); ok {
		errs := multi.Unwrap()
		if len(errs) == 1 {
			return KubectlText(errs[0])
		}
		lines := make([]string, 0, len(errs))
		for _, e := range errs {
			lines = append(lines, MessageForError(e))
		}
		return strings.Join(lines, "\n")
	}
	// kubectl asserts the concrete type here: a status error wrapped by another error prints as
	// that error's message.
	if se, ok := err.(*StatusError); ok && se.Reason == ReasonInvalid {
		return invalidText(se)
	}
	if msg, ok := standardMessage(err); ok {
		return msg
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "error: ") {
		msg = "error: " + msg
	}
	return msg
}

// MessageForError is how kubectl prints one error of several: status errors as
// `Error from server (<Reason>): <message>` (Invalid ones included), others as their plain message.
func MessageForError(err error) string {
	if msg, ok := standardMessage(err); ok {
		return msg
	}
	return err.Error()
}

func standardMessage(err error) (string, bool) {
	se, ok := err.(*StatusError)
	if !ok {
		return "", false
	}
	if se.Reason == "" {
		return "Error from server: " + se.Message, true
	}
	return fmt.Sprintf("Error from server (%s): %s", se.Reason, se.Message), true
}

func invalidText(se *StatusError) string {
	s := "The request is invalid"
	if se.Kind != "" || se.Name != "" {
		s = fmt.Sprintf("The %s %q is invalid", se.Kind, se.Name)
	} else if len(se.Causes) == 0 && se.Message != "" {
		// A 422 without details (a JSON patch the server could not apply): kubectl adds the message.
		return s + ": " + se.Message
	}
	lines := dedupe(fieldErrorStrings(se.Causes))
	switch len(lines) {
	case 0:
		return s
	case 1:
		return s + ": " + lines[0]
	}
	var b strings.Builder
	b.WriteString(s + ": ")
	for _, l := range lines {
		b.WriteString("\n* " + l)
	}
	return b.String()
}
