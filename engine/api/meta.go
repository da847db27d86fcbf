// Package api holds Rollout Lab's own copy of the apps/v1 and core/v1 subset the simulator
// serves: types with the upstream JSON names, decoding, defaulting and validation. It does not
// import k8s.io/api, which would double the browser download.
package api

import (
	"time"
)

// TypeMeta is apiVersion and kind, inlined at the top of every object.
type TypeMeta struct {
	APIVersion string `json:"apiVersion,omitempty"`
	Kind       string `json:"kind,omitempty"`
}

// ObjectMeta is the subset of metav1.ObjectMeta the simulator keeps.
type ObjectMeta struct {
	Name                       string            `json:"name,omitempty"`
	GenerateName               string            `json:"generateName,omitempty"`
	Namespace                  string            `json:"namespace,omitempty"`
	UID                        string            `json:"uid,omitempty"`
	ResourceVersion            string            `json:"resourceVersion,omitempty"`
	Generation                 int64             `json:"generation,omitempty"`
	CreationTimestamp          Time              `json:"creationTimestamp,omitempty,omitzero"` // omitted when zero since 1.33 (kubernetes#130989)
	DeletionTimestamp          *Time             `json:"deletionTimestamp,omitempty"`
	DeletionGracePeriodSeconds *int64            `json:"deletionGracePeriodSeconds,omitempty"`
	Labels                     map[string]string `json:"labels,omitempty"`
	Annotations                map[string]string `json:"annotations,omitempty"`
	OwnerReferences            []OwnerReference  `json:"ownerReferences,omitempty"`
	*MetaUnused
}

// MetaUnused holds metadata fields most objects never carry (finalizers only during a
// foreground deletion or when a user sets them), behind a pointer in ObjectMeta (its fields are
// inlined in JSON) so that real objects decode without every pod status write copying them.
// Read them through ObjectMeta's accessors of the same names (unused.go), nil-safe.
type MetaUnused struct {
	Finalizers    []string `json:"finalizers,omitempty"`
	ManagedFields []any    `json:"managedFields,omitempty"`
	SelfLink      string   `json:"selfLink,omitempty"`
}

// OwnerReference points from a dependent to its owner (ReplicaSet → Deployment, Pod → ReplicaSet).
type OwnerReference struct {
	APIVersion         string `json:"apiVersion"`
	Kind               string `json:"kind"`
	Name               string `json:"name"`
	UID                string `json:"uid"`
	Controller         *bool  `json:"controller,omitempty"`
	BlockOwnerDeletion *bool  `json:"blockOwnerDeletion,omitempty"`
}

// Time is a timestamp that marshals as RFC 3339 in UTC with second precision, like metav1.Time,
// and as null when zero.
type Time struct {
	time.Time
}

// NewTime wraps t.
func NewTime(t time.Time) Time { return Time{t} }

// Stamp is t in the whole seconds the API server keeps timestamps in. Virtual time is UTC and
// after 1970, so whole Unix seconds are exact, and cheaper than Truncate's general division:
// every pod transition is stamped.
func Stamp(t time.Time) Time { return Time{time.Unix(t.Unix(), 0).UTC()} }

// MarshalJSON renders RFC 3339 seconds, or null for the zero time.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + t.UTC().Format(time.RFC3339) + `"`), nil
}

// UnmarshalJSON accepts RFC 3339 or null.
func (t *Time) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" || s == `""` {
		t.Time = time.Time{}
		return nil
	}
	if len(s) < 2 || s[0] != '"' {
		return &time.ParseError{Layout: time.RFC3339, Value: s, Message: ": expected a quoted RFC 3339 time"}
	}
	p, err := time.Parse(time.RFC3339, s[1:len(s)-1])
	if err != nil {
		return err
	}
	t.Time = p.Local()
	return nil
}

// IsZero reports the zero time; the method set of a nil *Time is also zero.
func (t *Time) IsZeroPtr() bool { return t == nil || t.Time.IsZero() }

// ControllerRef returns the owner reference with controller=true, or nil.
func (m *ObjectMeta) ControllerRef() *OwnerReference {
	for i := range m.OwnerReferences {
		r := &m.OwnerReferences[i]
		if r.Controller != nil && *r.Controller {
			return r
		}
	}
	return nil
}

// Deleting reports whether the object has been marked for deletion.
func (m *ObjectMeta) Deleting() bool { return m.DeletionTimestamp != nil }

// Ptr returns a pointer to v; used for the optional fields of the API.
func Ptr[T any](v T) *T { return &v }
