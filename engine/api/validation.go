package api

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Validation as the apiserver runs it after defaulting, restated from the apps and core
// validators of Kubernetes 1.3x. Errors come in the order the real validator produces them
// (metadata, then spec: replicas, selector, template labels against the selector, template spec,
// strategy, minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds); map keys, which
// upstream visits in random order, are visited sorted. Texts not confirmed from a current source
// are marked "unverified wording".

// ---------------------------------------------------------------------------------------------
// Message helpers (apimachinery's util/validation).

const (
	msgNegative  = "must be greater than or equal to 0"
	msgImmutable = "field is immutable"

	dns1123LabelFmt     = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
	dns1123SubdomainFmt = dns1123LabelFmt + `(\.` + dns1123LabelFmt + ")*"
	qualifiedNameFmt    = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
	labelValueFmt       = "(" + qualifiedNameFmt + ")?"
	percentFmt          = "[0-9]+%"

	dns1123LabelMsg     = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
	dns1123SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
	qualifiedNameMsg    = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
	labelValueMsg       = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
	percentMsg          = "a valid percent string must be a numeric string followed by an ending '%'"

	totalAnnotationSizeLimit = 256 * 1024
)

var (
	dns1123LabelRe     = regexp.MustCompile("^" + dns1123LabelFmt + "$")
	dns1123SubdomainRe = regexp.MustCompile("^" + dns1123SubdomainFmt + "$")
	qualifiedNameRe    = regexp.MustCompile("^" + qualifiedNameFmt + "$")
	labelValueRe       = regexp.MustCompile("^" + labelValueFmt + "$")
	percentRe          = regexp.MustCompile("^" + percentFmt + "$")
	portNameCharsetRe  = regexp.MustCompile("^[-a-z0-9]+$")
	portNameLetterRe   = regexp.MustCompile("[a-z]")
)

// regexError builds upstream's `<msg> (e.g. 'a',  or 'b', regex used for validation is '<re>')`:
// each example is followed by ", " and examples are joined by " or ", hence the two spaces.
func regexError(msg, re string, examples ...string) string {
	if len(examples) == 0 {
		return msg + " (regex used for validation is '" + re + "')"
	}
	msg += " (e.g. "
	for i, e := range examples {
		if i > 0 {
			msg += " or "
		}
		msg += "'" + e + "', "
	}
	return msg + "regex used for validation is '" + re + "')"
}

func maxLenError(n int) string { return fmt.Sprintf("must be no more than %d characters", n) }

func inclusiveRangeError(lo, hi int) string {
	return fmt.Sprintf("must be between %d and %d, inclusive", lo, hi)
}

func isDNS1123Label(v string) []string {
	var errs []string
	if len(v) > 63 {
		errs = append(errs, maxLenError(63))
	}
	if !dns1123LabelRe.MatchString(v) {
		if dns1123SubdomainRe.MatchString(v) {
			errs = append(errs, "must not contain dots")
		} else {
			errs = append(errs, regexError(dns1123LabelMsg, dns1123LabelFmt, "my-name", "123-abc"))
		}
	}
	return errs
}

func isDNS1123Subdomain(v string) []string {
	var errs []string
	if len(v) > 253 {
		errs = append(errs, maxLenError(253))
	}
	if !dns1123SubdomainRe.MatchString(v) {
		errs = append(errs, regexError(dns1123SubdomainMsg, dns1123SubdomainFmt, "example.com"))
	}
	return errs
}

// nameIsDNSSubdomain validates metadata.name (prefix=false) or generateName (prefix=true, where a
// trailing dash is masked the way upstream does it).
func nameIsDNSSubdomain(name string, prefix bool) []string {
	if prefix && len(name) > 1 && strings.HasSuffix(name, "-") {
		name = name[:len(name)-2] + "a"
	}
	return isDNS1123Subdomain(name)
}

func isQualifiedName(v string) []string {
	var errs []string
	parts := strings.Split(v, "/")
	var name string
	switch len(parts) {
	case 1:
		name = parts[0]
	case 2:
		prefix := parts[0]
		name = parts[1]
		if prefix == "" {
			errs = append(errs, "prefix part must be non-empty")
		} else {
			for _, m := range isDNS1123Subdomain(prefix) {
				errs = append(errs, "prefix part "+m)
			}
		}
	default:
		return append(errs, "a qualified name "+regexError(qualifiedNameMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc")+
			" with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")
	}
	if name == "" {
		errs = append(errs, "name part must be non-empty")
	} else if len(name) > 63 {
		errs = append(errs, "name part "+maxLenError(63))
	}
	if !qualifiedNameRe.MatchString(name) {
		errs = append(errs, "name part "+regexError(qualifiedNameMsg, qualifiedNameFmt, "MyName", "my.name", "123-abc"))
	}
	return errs
}

func isValidLabelValue(v string) []string {
	var errs []string
	if len(v) > 63 {
		errs = append(errs, maxLenError(63))
	}
	if !labelValueRe.MatchString(v) {
		errs = append(errs, regexError(labelValueMsg, labelValueFmt, "MyValue", "my_value", "12345"))
	}
	return errs
}

func isValidPortNum(p int64) []string {
	if p >= 1 && p <= 65535 {
		return nil
	}
	return []string{inclusiveRangeError(1, 65535)}
}

func isValidPortName(p string) []string {
	var errs []string
	if len(p) > 15 {
		errs = append(errs, maxLenError(15))
	}
	if !portNameCharsetRe.MatchString(p) {
		errs = append(errs, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
	}
	if !portNameLetterRe.MatchString(p) {
		errs = append(errs, "must contain at least one letter (a-z)")
	}
	if strings.Contains(p, "--") {
		errs = append(errs, "must not contain consecutive hyphens")
	}
	if len(p) > 0 && (p[0] == '-' || p[len(p)-1] == '-') {
		errs = append(errs, "must not begin or end with a hyphen")
	}
	return errs
}

func isValidPercent(s string) []string {
	if !percentRe.MatchString(s) {
		return []string{regexError(percentMsg, percentFmt, "1%", "93%")}
	}
	return nil
}

func nonNegative(path string, v int64) []FieldError {
	if v < 0 {
		return []FieldError{Invalid(path, v, msgNegative)}
	}
	return nil
}

func invalidEach(path string, value any, msgs []string) []FieldError {
	var errs []FieldError
	for _, m := range msgs {
		errs = append(errs, Invalid(path, value, m))
	}
	return errs
}

func sortedStringKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ---------------------------------------------------------------------------------------------
// Object metadata.

func validateLabels(labels map[string]string, path string) []FieldError {
	var errs []FieldError
	for _, k := range sortedStringKeys(labels) {
		errs = append(errs, invalidEach(path, k, isQualifiedName(k))...)
		errs = append(errs, invalidEach(path, labels[k], isValidLabelValue(labels[k]))...)
	}
	return errs
}

func validateAnnotations(ann map[string]string, path string) []FieldError {
	var errs []FieldError
	size := 0
	for _, k := range sortedStringKeys(ann) {
		errs = append(errs, invalidEach(path, k, isQualifiedName(strings.ToLower(k)))...)
		size += len(k) + len(ann[k])
	}
	if size > totalAnnotationSizeLimit {
		errs = append(errs, TooLong(path, totalAnnotationSizeLimit))
	}
	return errs
}

func validateOwnerReferences(refs []OwnerReference, path string) []FieldError {
	var errs []FieldError
	firstController := ""
	for _, r := range refs {
		_, version, _ := parseGroupVersion(r.APIVersion)
		if version == "" {
			errs = append(errs, Invalid(path+".apiVersion", r.APIVersion, "version must not be empty")) // unverified wording
		}
		if r.Kind == "" {
			errs = append(errs, Invalid(path+".kind", r.Kind, "must not be empty")) // unverified wording
		}
		if r.Name == "" {
			errs = append(errs, Invalid(path+".name", r.Name, "must not be empty")) // unverified wording
		}
		if r.UID == "" {
			errs = append(errs, Invalid(path+".uid", r.UID, "must not be empty")) // unverified wording
		}
		if r.Controller != nil && *r.Controller {
			cur := r.Kind + "/" + r.Name
			if firstController != "" {
				errs = append(errs, Invalid(path, refs, fmt.Sprintf( // unverified wording
					"Only one reference can have Controller set to true. Found \"true\" in references for %s and %s", firstController, cur)))
			} else {
				firstController = cur
			}
		}
	}
	return errs
}

var standardFinalizers = map[string]bool{"kubernetes": true, "orphan": true, "foregroundDeletion": true}

func validateFinalizers(fins []string, path string) []FieldError {
	var errs []FieldError
	for _, f := range fins {
		errs = append(errs, invalidEach(path, f, isQualifiedName(f))...)
		if !strings.Contains(f, "/") && !standardFinalizers[f] {
			errs = append(errs, Invalid(path, f, "name is neither a standard finalizer name nor is it fully qualified")) // unverified wording
		}
	}
	return errs
}

// validateObjectMeta checks a namespaced object's metadata: generateName and name with nameFn,
// namespace (a DNS-1123 label), generation, labels, annotations, ownerReferences, finalizers.
func validateObjectMeta(m *ObjectMeta, path string, nameFn func(string, bool) []string) []FieldError {
	var errs []FieldError
	if m.GenerateName != "" {
		errs = append(errs, invalidEach(path+".generateName", m.GenerateName, nameFn(m.GenerateName, true))...)
	}
	if m.Name == "" {
		errs = append(errs, Required(path+".name", "name or generateName is required"))
	} else {
		errs = append(errs, invalidEach(path+".name", m.Name, nameFn(m.Name, false))...)
	}
	if m.Namespace == "" {
		errs = append(errs, Required(path+".namespace", ""))
	} else {
		errs = append(errs, invalidEach(path+".namespace", m.Namespace, isDNS1123Label(m.Namespace))...)
	}
	errs = append(errs, nonNegative(path+".generation", m.Generation)...)
	errs = append(errs, validateLabels(m.Labels, path+".labels")...)
	errs = append(errs, validateAnnotations(m.Annotations, path+".annotations")...)
	errs = append(errs, validateOwnerReferences(m.OwnerReferences, path+".ownerReferences")...)
	errs = append(errs, validateFinalizers(m.Finalizers(), path+".finalizers")...)
	return errs
}

// validateObjectMetaUpdate checks an update's metadata. The resourceVersion check ("must be
// specified for an update") is the store's business: it fills the version in for unconditional
// updates before validating.
func validateObjectMetaUpdate(n, o *ObjectMeta, path string) []FieldError {
	var errs []FieldError
	if n.Generation < o.Generation {
		errs = append(errs, Invalid(path+".generation", n.Generation, "must not be decremented"))
	}
	if n.Name != o.Name {
		errs = append(errs, Invalid(path+".name", n.Name, msgImmutable))
	}
	if n.Namespace != o.Namespace {
		errs = append(errs, Invalid(path+".namespace", n.Namespace, msgImmutable))
	}
	if n.UID != o.UID {
		errs = append(errs, Invalid(path+".uid", n.UID, msgImmutable))
	}
	errs = append(errs, validateLabels(n.Labels, path+".labels")...)
	errs = append(errs, validateAnnotations(n.Annotations, path+".annotations")...)
	errs = append(errs, validateOwnerReferences(n.OwnerReferences, path+".ownerReferences")...)
	return errs
}

// ---------------------------------------------------------------------------------------------
// Label selectors.

func validateLabelSelector(s *LabelSelector, path string) []FieldError {
	if s == nil {
		return nil
	}
	errs := validateLabels(s.MatchLabels, path+".matchLabels")
	for i, r := range s.MatchExpressions {
		p := fmt.Sprintf("%s.matchExpressions[%d]", path, i)
		switch r.Operator {
		case OpIn, OpNotIn:
			if len(r.Values) == 0 {
				errs = append(errs, Required(p+".values", "must be specified when `operator` is 'In' or 'NotIn'"))
			}
		case OpExists, OpDoesNotExist:
			if len(r.Values) > 0 {
				errs = append(errs, Forbidden(p+".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
			}
		default:
			errs = append(errs, Invalid(p+".operator", r.Operator, "not a valid selector operator"))
		}
		errs = append(errs, invalidEach(p+".key", r.Key, isQualifiedName(r.Key))...)
		for j, v := range r.Values {
			errs = append(errs, invalidEach(fmt.Sprintf("%s.values[%d]", p, j), v, isValidLabelValue(v))...)
		}
	}
	return errs
}

// selectorConvertible reports whether metav1.LabelSelectorAsSelector accepts s (nil is fine).
func selectorConvertible(s *LabelSelector) bool {
	if s == nil {
		return true
	}
	for k, v := range s.MatchLabels {
		if len(isQualifiedName(k)) > 0 || len(isValidLabelValue(v)) > 0 {
			return false
		}
	}
	for _, r := range s.MatchExpressions {
		switch r.Operator {
		case OpIn, OpNotIn:
			if len(r.Values) == 0 {
				return false
			}
		case OpExists, OpDoesNotExist:
			if len(r.Values) > 0 {
				return false
			}
		default:
			return false
		}
		if len(isQualifiedName(r.Key)) > 0 {
			return false
		}
		for _, v := range r.Values {
			if len(isValidLabelValue(v)) > 0 {
				return false
			}
		}
	}
	return true
}

// selectorsEqual compares selectors as apimachinery's semantic equality does (nil and empty maps
// and lists are equal).
func selectorsEqual(a, b *LabelSelector) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if len(a.MatchLabels) != len(b.MatchLabels) || len(a.MatchExpressions) != len(b.MatchExpressions) {
		return false
	}
	for k, v := range a.MatchLabels {
		if w, ok := b.MatchLabels[k]; !ok || w != v {
			return false
		}
	}
	for i, r := range a.MatchExpressions {
		q := b.MatchExpressions[i]
		if r.Key != q.Key || r.Operator != q.Operator || len(r.Values) != len(q.Values) {
			return false
		}
		for j := range r.Values {
			if r.Values[j] != q.Values[j] {
				return false
			}
		}
	}
	return true
}

// ---------------------------------------------------------------------------------------------
// Deployments and ReplicaSets.

// ValidateDeployment validates a Deployment for create.
func ValidateDeployment(d *Deployment) []FieldError {
	errs := validateObjectMeta(&d.ObjectMeta, "metadata", nameIsDNSSubdomain)
	return append(errs, validateDeploymentSpec(&d.Spec, "spec")...)
}

// ValidateDeploymentUpdate validates an update: metadata update rules, every create rule on the
// new spec, then (last, as the apps/v1 registry strategy appends it) selector immutability:
// `spec.selector: Invalid value: {"matchLabels":{"app":"web"}}: field is immutable` with the new
// selector as the value.
func ValidateDeploymentUpdate(newD, oldD *Deployment) []FieldError {
	errs := validateObjectMetaUpdate(&newD.ObjectMeta, &oldD.ObjectMeta, "metadata")
	errs = append(errs, validateDeploymentSpec(&newD.Spec, "spec")...)
	if !selectorsEqual(newD.Spec.Selector, oldD.Spec.Selector) {
		errs = append(errs, Invalid("spec.selector", newD.Spec.Selector, msgImmutable))
	}
	return errs
}

func validateDeploymentSpec(s *DeploymentSpec, path string) []FieldError {
	errs := nonNegative(path+".replicas", int64(Int32(s.Replicas, 0)))
	errs = append(errs, validateSelectorAndTemplate(s.Selector, &s.Template, path)...)
	errs = append(errs, validateDeploymentStrategy(&s.Strategy, path+".strategy")...)
	errs = append(errs, nonNegative(path+".minReadySeconds", int64(s.MinReadySeconds))...)
	if s.RevisionHistoryLimit != nil {
		errs = append(errs, nonNegative(path+".revisionHistoryLimit", int64(*s.RevisionHistoryLimit))...)
	}
	if s.ProgressDeadlineSeconds != nil {
		pds := *s.ProgressDeadlineSeconds
		errs = append(errs, nonNegative(path+".progressDeadlineSeconds", int64(pds))...)
		if pds <= s.MinReadySeconds {
			errs = append(errs, Invalid(path+".progressDeadlineSeconds", pds, "must be greater than minReadySeconds"))
		}
	}
	return errs
}

// validateSelectorAndTemplate is the selector and template part shared by Deployments and
// ReplicaSets (both use the Deployment wording for an empty selector).
func validateSelectorAndTemplate(sel *LabelSelector, t *PodTemplateSpec, path string) []FieldError {
	var errs []FieldError
	if sel == nil {
		errs = append(errs, Required(path+".selector", ""))
	} else {
		errs = append(errs, validateLabelSelector(sel, path+".selector")...)
		if len(sel.MatchLabels)+len(sel.MatchExpressions) == 0 {
			errs = append(errs, Invalid(path+".selector", sel, "empty selector is invalid for deployment"))
		}
	}
	if !selectorConvertible(sel) {
		return append(errs, Invalid(path+".selector", sel, "invalid label selector"))
	}
	return append(errs, validateTemplateForReplicaSet(sel, t, path+".template")...)
}

func validateTemplateForReplicaSet(sel *LabelSelector, t *PodTemplateSpec, path string) []FieldError {
	var errs []FieldError
	// A nil selector selects nothing, an empty one everything (and is not checked).
	if !(sel != nil && sel.Empty()) && !sel.Matches(t.Labels) {
		errs = append(errs, Invalid(path+".metadata.labels", t.Labels, "`selector` does not match template `labels`"))
	}
	errs = append(errs, validatePodTemplateSpec(t, path)...)
	if t.Spec.RestartPolicy != "Always" {
		errs = append(errs, NotSupported(path+".spec.restartPolicy", t.Spec.RestartPolicy, "Always"))
	}
	if t.Spec.ActiveDeadlineSeconds != nil {
		errs = append(errs, Forbidden(path+".spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported"))
	}
	return errs
}

// internal renderings: the apiserver validates its internal types, which have no JSON tags, so a
// struct value in a message shows Go field names.
type internalRollingUpdate struct {
	MaxUnavailable IntOrString
	MaxSurge       IntOrString
}

type internalStrategy struct {
	Type          string
	RollingUpdate *internalRollingUpdate
}

func derefIntOrString(p *IntOrString) IntOrString {
	if p == nil {
		return IntOrString{}
	}
	return *p
}

func validateDeploymentStrategy(s *DeploymentStrategy, path string) []FieldError {
	switch s.Type {
	case RecreateStrategy:
		if s.RollingUpdate != nil {
			return []FieldError{Forbidden(path+".rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")}
		}
	case RollingUpdateStrategy:
		if s.RollingUpdate == nil {
			return []FieldError{Required(path+".rollingUpdate", "this should be defaulted and never be nil")}
		}
		return validateRollingUpdate(derefIntOrString(s.RollingUpdate.MaxUnavailable), derefIntOrString(s.RollingUpdate.MaxSurge), path+".rollingUpdate")
	default:
		v := internalStrategy{Type: s.Type}
		if ru := s.RollingUpdate; ru != nil {
			v.RollingUpdate = &internalRollingUpdate{derefIntOrString(ru.MaxUnavailable), derefIntOrString(ru.MaxSurge)}
		}
		// unverified wording: the rendering of the internal struct value
		return []FieldError{NotSupported(path, v, RecreateStrategy, RollingUpdateStrategy)}
	}
	return nil
}

func validateRollingUpdate(maxUnavailable, maxSurge IntOrString, path string) []FieldError {
	errs := validatePositiveIntOrPercent(maxUnavailable, path+".maxUnavailable")
	errs = append(errs, validatePositiveIntOrPercent(maxSurge, path+".maxSurge")...)
	if intOrPercentValue(maxUnavailable) == 0 && intOrPercentValue(maxSurge) == 0 {
		errs = append(errs, Invalid(path+".maxUnavailable", maxUnavailable, "may not be 0 when `maxSurge` is 0"))
	}
	if v, ok := percentValue(maxUnavailable); ok && v > 100 {
		errs = append(errs, Invalid(path+".maxUnavailable", maxUnavailable, "must not be greater than 100%"))
	}
	return errs
}

func validatePositiveIntOrPercent(v IntOrString, path string) []FieldError {
	if v.IsString {
		return invalidEach(path, v, isValidPercent(v.StrVal))
	}
	return nonNegative(path, int64(v.IntVal))
}

func percentValue(v IntOrString) (int, bool) {
	if !v.IsString || len(isValidPercent(v.StrVal)) > 0 {
		return 0, false
	}
	n, _ := strconv.Atoi(v.StrVal[:len(v.StrVal)-1])
	return n, true
}

// intOrPercentValue: a valid percentage's number, else the integer (a string that is no valid
// percentage counts as its numeric value, or 0, as intstr's IntValue does).
func intOrPercentValue(v IntOrString) int {
	if n, ok := percentValue(v); ok {
		return n
	}
	if v.IsString {
		n, _ := strconv.Atoi(v.StrVal)
		return n
	}
	return int(v.IntVal)
}

// ValidateReplicaSet validates a ReplicaSet for create.
func ValidateReplicaSet(rs *ReplicaSet) []FieldError {
	errs := validateObjectMeta(&rs.ObjectMeta, "metadata", nameIsDNSSubdomain)
	return append(errs, validateReplicaSetSpec(&rs.Spec, "spec")...)
}

// ValidateReplicaSetUpdate validates an update; the selector is immutable in apps/v1.
func ValidateReplicaSetUpdate(newRS, oldRS *ReplicaSet) []FieldError {
	errs := validateObjectMetaUpdate(&newRS.ObjectMeta, &oldRS.ObjectMeta, "metadata")
	errs = append(errs, validateReplicaSetSpec(&newRS.Spec, "spec")...)
	if !selectorsEqual(newRS.Spec.Selector, oldRS.Spec.Selector) {
		errs = append(errs, Invalid("spec.selector", newRS.Spec.Selector, msgImmutable))
	}
	return errs
}

func validateReplicaSetSpec(s *ReplicaSetSpec, path string) []FieldError {
	errs := nonNegative(path+".replicas", int64(Int32(s.Replicas, 0)))
	errs = append(errs, nonNegative(path+".minReadySeconds", int64(s.MinReadySeconds))...)
	return append(errs, validateSelectorAndTemplate(s.Selector, &s.Template, path)...)
}

// ---------------------------------------------------------------------------------------------
// Pods.

// Warnings are the apiserver's warnings for an accepted Deployment or ReplicaSet (kubectl prints
// each as `Warning: <text>`): a negative terminationGracePeriodSeconds in the pod template is
// kept but will be treated as 1. A pod's own negative value is already 1 when warnings are
// computed (the apiserver converts it when decoding), so pods get none.
func Warnings(o Object) []string {
	var t *PodTemplateSpec
	switch x := o.(type) {
	case *Deployment:
		t = &x.Spec.Template
	case *ReplicaSet:
		t = &x.Spec.Template
	default:
		return nil
	}
	if g := t.Spec.TerminationGracePeriodSeconds; g != nil && *g < 0 {
		return []string{"spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1"}
	}
	return nil
}

// ValidatePod validates a bare pod for create: metadata, the pod spec (restartPolicy may be
// Always, OnFailure or Never), then the pod-only checks (image without surrounding whitespace,
// no ephemeral containers).
func ValidatePod(p *Pod) []FieldError {
	errs := validateObjectMeta(&p.ObjectMeta, "metadata", nameIsDNSSubdomain)
	spec := p.Spec
	if spec == nil {
		spec = &PodSpec{}
	}
	errs = append(errs, validatePodSpec(spec, "spec")...)
	for _, g := range []struct {
		cs   []Container
		path string
	}{{spec.Containers, "spec.containers"}, {spec.InitContainers, "spec.initContainers"}} {
		for i, c := range g.cs {
			if len(c.Image) != len(strings.TrimSpace(c.Image)) {
				errs = append(errs, Invalid(fmt.Sprintf("%s[%d].image", g.path, i), c.Image, "must not have leading or trailing whitespace"))
			}
		}
	}
	if len(spec.EphemeralContainers()) > 0 {
		errs = append(errs, Forbidden("spec.ephemeralContainers", "cannot be set on create"))
	}
	return errs
}

func validatePodTemplateSpec(t *PodTemplateSpec, path string) []FieldError {
	errs := validateLabels(t.Labels, path+".labels")
	errs = append(errs, validateAnnotations(t.Annotations, path+".annotations")...)
	errs = append(errs, validatePodSpec(&t.Spec, path+".spec")...)
	if len(t.Spec.EphemeralContainers()) > 0 {
		errs = append(errs, Forbidden(path+".spec.ephemeralContainers", "ephemeral containers not allowed in pod template"))
	}
	return errs
}

func validatePodSpec(s *PodSpec, path string) []FieldError {
	var errs []FieldError
	if s.TerminationGracePeriodSeconds == nil {
		errs = append(errs, Required(path+".terminationGracePeriodSeconds", ""))
	}
	vols, verrs := validateVolumes(s.Volumes, path+".volumes")
	errs = append(errs, verrs...)
	errs = append(errs, validateInitContainers(s.InitContainers, s.Containers, vols, path+".initContainers")...)
	errs = append(errs, validateContainers(s.Containers, vols, path+".containers")...)
	switch s.RestartPolicy {
	case "Always", "OnFailure", "Never":
	case "":
		errs = append(errs, Required(path+".restartPolicy", ""))
	default:
		errs = append(errs, NotSupported(path+".restartPolicy", s.RestartPolicy, "Always", "OnFailure", "Never"))
	}
	switch s.DNSPolicy {
	case "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None":
	case "":
		errs = append(errs, Required(path+".dnsPolicy", ""))
	default:
		errs = append(errs, NotSupported(path+".dnsPolicy", s.DNSPolicy, "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"))
	}
	errs = append(errs, validateLabels(s.NodeSelector, path+".nodeSelector")...)
	if s.ServiceAccountName != "" {
		errs = append(errs, invalidEach(path+".serviceAccountName", s.ServiceAccountName, isDNS1123Subdomain(s.ServiceAccountName))...)
	}
	if s.NodeName != "" {
		errs = append(errs, invalidEach(path+".nodeName", s.NodeName, isDNS1123Subdomain(s.NodeName))...)
	}
	if s.ActiveDeadlineSeconds != nil {
		if v := *s.ActiveDeadlineSeconds; v < 1 || v > math.MaxInt32 {
			errs = append(errs, Invalid(path+".activeDeadlineSeconds", v, inclusiveRangeError(1, math.MaxInt32)))
		}
	}
	if s.Hostname != "" {
		errs = append(errs, invalidEach(path+".hostname", s.Hostname, isDNS1123Label(s.Hostname))...)
	}
	if s.Subdomain != "" {
		errs = append(errs, invalidEach(path+".subdomain", s.Subdomain, isDNS1123Label(s.Subdomain))...)
	}
	errs = append(errs, validateTolerations(s.Tolerations, path+".tolerations")...)
	if s.PriorityClassName != "" {
		errs = append(errs, invalidEach(path+".priorityClassName", s.PriorityClassName, isDNS1123Subdomain(s.PriorityClassName))...)
	}
	if s.PreemptionPolicy != "" && s.PreemptionPolicy != "PreemptLowerPriority" && s.PreemptionPolicy != "Never" {
		errs = append(errs, NotSupported(path+".preemptionPolicy", s.PreemptionPolicy, "PreemptLowerPriority", "Never"))
	}
	return errs
}

// volumeSourceOrder is the order in which upstream looks for a volume's source.
var volumeSourceOrder = []string{"hostPath", "emptyDir", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore",
	"secret", "nfs", "iscsi", "glusterfs", "flexVolume", "persistentVolumeClaim", "rbd", "cinder", "cephfs",
	"downwardAPI", "fc", "flocker", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk",
	"portworxVolume", "scaleIO", "storageos", "projected", "csi", "ephemeral", "image"}

// validateVolumes returns the names of the valid volumes and the errors.
func validateVolumes(vols []Volume, path string) (map[string]bool, []FieldError) {
	var errs []FieldError
	names := map[string]bool{}
	for i, v := range vols {
		p := fmt.Sprintf("%s[%d]", path, i)
		var el []FieldError
		n := 0
		for _, k := range volumeSourceOrder {
			if _, ok := v.Source[k]; !ok {
				continue
			}
			n++
			if n > 1 {
				el = append(el, Forbidden(p+"."+k, "may not specify more than 1 volume type"))
			}
		}
		if n == 0 {
			el = append(el, Required(p, "must specify a volume type"))
		}
		if v.Name == "" {
			el = append(el, Required(p+".name", ""))
		} else {
			el = append(el, invalidEach(p+".name", v.Name, isDNS1123Label(v.Name))...)
		}
		if names[v.Name] {
			el = append(el, Duplicate(p+".name", v.Name))
		}
		if len(el) == 0 {
			names[v.Name] = true
		}
		errs = append(errs, el...)
	}
	return names, errs
}

const msgInitOnlyWithAlways = "may not be set for init containers without restartPolicy=Always"

func validateInitContainers(inits, regular []Container, vols map[string]bool, path string) []FieldError {
	var errs []FieldError
	names := map[string]bool{}
	for _, c := range regular {
		names[c.Name] = true
	}
	for i, c := range inits {
		p := fmt.Sprintf("%s[%d]", path, i)
		errs = append(errs, validateContainerCommon(&c, vols, p)...)
		always := false
		if c.RestartPolicy != "" {
			if c.RestartPolicy != "Always" {
				errs = append(errs, NotSupported(p+".restartPolicy", c.RestartPolicy, "Always"))
			}
			always = c.RestartPolicy == "Always"
		}
		if names[c.Name] {
			errs = append(errs, Duplicate(p+".name", c.Name))
		} else if c.Name != "" {
			names[c.Name] = true
		}
		errs = append(errs, hostPortConflicts([]Container{c}, path)...)
		if always {
			errs = append(errs, validateProbe(c.LivenessProbe, p+".livenessProbe", probeLiveness)...)
			errs = append(errs, validateProbe(c.ReadinessProbe, p+".readinessProbe", probeReadiness)...)
			errs = append(errs, validateProbe(c.StartupProbe, p+".startupProbe", probeStartup)...)
			continue
		}
		if c.Lifecycle != nil {
			errs = append(errs, Forbidden(p+".lifecycle", msgInitOnlyWithAlways))
		}
		if c.LivenessProbe != nil {
			errs = append(errs, Forbidden(p+".livenessProbe", msgInitOnlyWithAlways))
		}
		if c.ReadinessProbe != nil {
			errs = append(errs, Forbidden(p+".readinessProbe", msgInitOnlyWithAlways))
		}
		if c.StartupProbe != nil {
			errs = append(errs, Forbidden(p+".startupProbe", msgInitOnlyWithAlways))
		}
	}
	return errs
}

func validateContainers(cs []Container, vols map[string]bool, path string) []FieldError {
	if len(cs) == 0 {
		return []FieldError{Required(path, "")}
	}
	var errs []FieldError
	names := map[string]bool{}
	for i, c := range cs {
		p := fmt.Sprintf("%s[%d]", path, i)
		errs = append(errs, validateContainerCommon(&c, vols, p)...)
		if names[c.Name] {
			errs = append(errs, Duplicate(p+".name", c.Name))
		} else {
			names[c.Name] = true
		}
		errs = append(errs, validateProbe(c.LivenessProbe, p+".livenessProbe", probeLiveness)...)
		errs = append(errs, validateProbe(c.ReadinessProbe, p+".readinessProbe", probeReadiness)...)
		errs = append(errs, validateProbe(c.StartupProbe, p+".startupProbe", probeStartup)...)
		if c.RestartPolicy != "" {
			errs = append(errs, Forbidden(p+".restartPolicy", "may not be set for non-init containers"))
		}
	}
	return append(errs, hostPortConflicts(cs, path)...)
}

func hostPortConflicts(cs []Container, path string) []FieldError {
	var errs []FieldError
	seen := map[string]bool{}
	for i, c := range cs {
		for j, port := range c.Ports {
			if port.HostPort == 0 {
				continue
			}
			key := fmt.Sprintf("%s/%s/%d", port.HostIP, port.Protocol, port.HostPort)
			if seen[key] {
				errs = append(errs, Duplicate(fmt.Sprintf("%s[%d].ports[%d].hostPort", path, i, j), key))
			} else {
				seen[key] = true
			}
		}
	}
	return errs
}

func validateContainerCommon(c *Container, vols map[string]bool, path string) []FieldError {
	var errs []FieldError
	if c.Name == "" {
		errs = append(errs, Required(path+".name", ""))
	} else {
		errs = append(errs, invalidEach(path+".name", c.Name, isDNS1123Label(c.Name))...)
	}
	if c.Image == "" {
		errs = append(errs, Required(path+".image", ""))
	}
	switch c.TerminationMessagePolicy {
	case "File", "FallbackToLogsOnError":
	case "":
		errs = append(errs, Required(path+".terminationMessagePolicy", ""))
	default:
		errs = append(errs, NotSupported(path+".terminationMessagePolicy", c.TerminationMessagePolicy, "File", "FallbackToLogsOnError"))
	}
	errs = append(errs, validateContainerPorts(c.Ports, path+".ports")...)
	errs = append(errs, validateEnv(c.Env, path+".env")...)
	errs = append(errs, validateVolumeMounts(c.VolumeMounts, vols, path+".volumeMounts")...)
	switch c.ImagePullPolicy {
	case "Always", "IfNotPresent", "Never":
	case "":
		errs = append(errs, Required(path+".imagePullPolicy", ""))
	default:
		errs = append(errs, NotSupported(path+".imagePullPolicy", c.ImagePullPolicy, "Always", "IfNotPresent", "Never"))
	}
	errs = append(errs, validateResources(&c.Resources, path+".resources")...)
	return errs
}

func validateContainerPorts(ports []ContainerPort, path string) []FieldError {
	var errs []FieldError
	names := map[string]bool{}
	for i, port := range ports {
		p := fmt.Sprintf("%s[%d]", path, i)
		if port.Name != "" {
			if msgs := isValidPortName(port.Name); len(msgs) > 0 {
				errs = append(errs, invalidEach(p+".name", port.Name, msgs)...)
			} else if names[port.Name] {
				errs = append(errs, Duplicate(p+".name", port.Name))
			} else {
				names[port.Name] = true
			}
		}
		if port.ContainerPort == 0 {
			errs = append(errs, Required(p+".containerPort", ""))
		} else {
			errs = append(errs, invalidEach(p+".containerPort", port.ContainerPort, isValidPortNum(int64(port.ContainerPort)))...)
		}
		if port.HostPort != 0 {
			errs = append(errs, invalidEach(p+".hostPort", port.HostPort, isValidPortNum(int64(port.HostPort)))...)
		}
		switch port.Protocol {
		case "TCP", "UDP", "SCTP":
		case "":
			errs = append(errs, Required(p+".protocol", ""))
		default:
			errs = append(errs, NotSupported(p+".protocol", port.Protocol, "SCTP", "TCP", "UDP"))
		}
	}
	return errs
}

func validateEnv(env []EnvVar, path string) []FieldError {
	var errs []FieldError
	for i, e := range env {
		p := fmt.Sprintf("%s[%d]", path, i)
		if e.Name == "" {
			errs = append(errs, Required(p+".name", ""))
		} else {
			for _, r := range e.Name {
				if r > 127 || r < 32 || r == 127 || r == '=' {
					errs = append(errs, Invalid(p+".name", e.Name,
						"a valid environment variable name must consist only of printable ASCII characters other than '='"))
					break
				}
			}
		}
		if e.ValueFrom == nil {
			continue
		}
		n := 0
		for _, k := range []string{"fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"} {
			if e.ValueFrom[k] != nil {
				n++
			}
		}
		switch {
		case n == 0:
			errs = append(errs, Invalid(p+".valueFrom", "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
		case e.Value != "":
			errs = append(errs, Invalid(p+".valueFrom", "", "may not be specified when `value` is not empty"))
		case n > 1:
			errs = append(errs, Invalid(p+".valueFrom", "", "may not have more than one field specified at a time"))
		}
	}
	return errs
}

func validateVolumeMounts(mounts []VolumeMount, vols map[string]bool, path string) []FieldError {
	var errs []FieldError
	paths := map[string]bool{}
	for i, m := range mounts {
		p := fmt.Sprintf("%s[%d]", path, i)
		if m.Name == "" {
			errs = append(errs, Required(p+".name", ""))
		}
		if !vols[m.Name] {
			errs = append(errs, NotFound(p+".name", m.Name))
		}
		if m.MountPath == "" {
			errs = append(errs, Required(p+".mountPath", ""))
		}
		if paths[m.MountPath] {
			errs = append(errs, Invalid(p+".mountPath", m.MountPath, "must be unique"))
		}
		paths[m.MountPath] = true
	}
	return errs
}

var standardResourceNames = map[string]bool{
	"cpu": true, "memory": true, "ephemeral-storage": true, "requests.cpu": true, "requests.memory": true,
	"requests.ephemeral-storage": true, "limits.cpu": true, "limits.memory": true, "limits.ephemeral-storage": true,
	"pods": true, "services": true, "replicationcontrollers": true, "resourcequotas": true, "secrets": true,
	"persistentvolumeclaims": true, "configmaps": true, "services.nodeports": true, "services.loadbalancers": true,
	"requests.storage": true, "storage": true,
}

func isNativeResource(name string) bool {
	return !strings.Contains(name, "/") || strings.Contains(name, "kubernetes.io/")
}

func isHugePages(name string) bool { return strings.HasPrefix(name, "hugepages-") }

func isExtendedResource(name string) bool {
	if isNativeResource(name) || strings.HasPrefix(name, "requests.") {
		return false
	}
	return len(isQualifiedName("requests."+name)) == 0
}

func validateContainerResourceName(name, path string) []FieldError {
	errs := invalidEach(path, name, isQualifiedName(name))
	if len(errs) > 0 {
		return errs
	}
	if !strings.Contains(name, "/") {
		if !standardResourceNames[name] && !isHugePages(name) {
			errs = append(errs, Invalid(path, name, "must be a standard resource type or fully qualified"))
		}
		if name != "cpu" && name != "memory" && name != "ephemeral-storage" && !isHugePages(name) {
			errs = append(errs, Invalid(path, name, "must be a standard resource for containers"))
		}
	} else if !isNativeResource(name) && !isExtendedResource(name) {
		errs = append(errs, Invalid(path, name, "doesn't follow extended resource name standard"))
	}
	return errs
}

func validateQuantityValue(name string, q quantityValue, path string) []FieldError {
	var errs []FieldError
	if q.v.Sign() < 0 {
		errs = append(errs, Invalid(path, q.String(), msgNegative))
	}
	if isExtendedResource(name) && !q.v.IsInt() {
		errs = append(errs, Invalid(path, q.String(), "must be an integer"))
	}
	return errs
}

func validateResources(r *ResourceRequirements, path string) []FieldError {
	var errs []FieldError
	limPath, reqPath := path+".limits", path+".requests"
	limits := map[string]quantityValue{}
	for _, name := range sortedStringKeys(r.Limits) {
		p := limPath + "[" + name + "]"
		errs = append(errs, validateContainerResourceName(name, p)...)
		q, err := parseQuantity(strings.TrimSpace(string(r.Limits[name])))
		if err != nil {
			continue
		}
		limits[name] = q
		errs = append(errs, validateQuantityValue(name, q, p)...)
	}
	for _, name := range sortedStringKeys(r.Requests) {
		p := reqPath + "[" + name + "]"
		errs = append(errs, validateContainerResourceName(name, p)...)
		q, err := parseQuantity(strings.TrimSpace(string(r.Requests[name])))
		if err != nil {
			continue
		}
		errs = append(errs, validateQuantityValue(name, q, p)...)
		overcommit := isNativeResource(name) && !isHugePages(name)
		if lim, ok := limits[name]; ok {
			if !overcommit && q.Cmp(lim) != 0 {
				errs = append(errs, Invalid(reqPath, q.String(), fmt.Sprintf("must be equal to %s limit of %s", name, lim.String())))
			} else if q.Cmp(lim) > 0 {
				errs = append(errs, Invalid(reqPath, q.String(), fmt.Sprintf("must be less than or equal to %s limit of %s", name, lim.String())))
			}
		} else if _, listed := r.Limits[name]; !listed && !overcommit {
			errs = append(errs, Required(limPath, "Limit must be set for non overcommitable resources"))
		}
	}
	return errs
}

type probeKind int

const (
	probeLiveness probeKind = iota
	probeReadiness
	probeStartup
)

func validateProbe(pr *Probe, path string, kind probeKind) []FieldError {
	if pr == nil {
		return nil
	}
	var errs []FieldError
	handlers := []struct {
		name string
		m    map[string]any
	}{{"exec", pr.Exec}, {"httpGet", pr.HTTPGet}, {"tcpSocket", pr.TCPSocket}, {"grpc", pr.GRPC}}
	n := 0
	for _, h := range handlers {
		if h.m == nil {
			continue
		}
		n++
		if n > 1 {
			errs = append(errs, Forbidden(path+"."+h.name, "may not specify more than 1 handler type"))
			continue
		}
		hp := path + "." + h.name
		switch h.name {
		case "exec":
			if cmd, _ := h.m["command"].([]any); len(cmd) == 0 {
				errs = append(errs, Required(hp+".command", ""))
			}
		case "httpGet":
			if s, _ := h.m["path"].(string); s == "" {
				errs = append(errs, Required(hp+".path", ""))
			}
			errs = append(errs, validatePortNumOrName(h.m["port"], hp+".port")...)
			scheme, _ := h.m["scheme"].(string)
			if scheme != "HTTP" && scheme != "HTTPS" {
				errs = append(errs, NotSupported(hp+".scheme", scheme, "HTTP", "HTTPS"))
			}
		case "tcpSocket":
			errs = append(errs, validatePortNumOrName(h.m["port"], hp+".port")...)
		case "grpc":
			port := toInt64(h.m["port"])
			errs = append(errs, invalidEach(hp+".port", int32(port), isValidPortNum(port))...)
		}
	}
	if n == 0 {
		errs = append(errs, Required(path, "must specify a handler type"))
	}
	errs = append(errs, nonNegative(path+".initialDelaySeconds", int64(pr.InitialDelaySeconds))...)
	errs = append(errs, nonNegative(path+".timeoutSeconds", int64(pr.TimeoutSeconds))...)
	errs = append(errs, nonNegative(path+".periodSeconds", int64(pr.PeriodSeconds))...)
	errs = append(errs, nonNegative(path+".successThreshold", int64(pr.SuccessThreshold))...)
	errs = append(errs, nonNegative(path+".failureThreshold", int64(pr.FailureThreshold))...)
	if pr.TerminationGracePeriodSeconds != nil && *pr.TerminationGracePeriodSeconds <= 0 {
		errs = append(errs, Invalid(path+".terminationGracePeriodSeconds", *pr.TerminationGracePeriodSeconds, "must be greater than 0"))
	}
	switch kind {
	case probeLiveness, probeStartup:
		if pr.SuccessThreshold != 1 {
			errs = append(errs, Invalid(path+".successThreshold", pr.SuccessThreshold, "must be 1"))
		}
	case probeReadiness:
		if pr.TerminationGracePeriodSeconds != nil {
			errs = append(errs, Invalid(path+".terminationGracePeriodSeconds", *pr.TerminationGracePeriodSeconds, "must not be set for readinessProbes"))
		}
	}
	return errs
}

func toInt64(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	case int:
		return int64(x)
	}
	return 0
}

// validatePortNumOrName checks an int-or-string port of a probe handler (free-form here).
func validatePortNumOrName(v any, path string) []FieldError {
	if s, ok := v.(string); ok {
		return invalidEach(path, s, isValidPortName(s))
	}
	n := toInt64(v)
	return invalidEach(path, n, isValidPortNum(n))
}

// internalToleration renders a toleration as the apiserver's internal type does in messages.
type internalToleration struct {
	Key               string
	Operator          string
	Value             string
	Effect            string
	TolerationSeconds *int64
}

func validateTolerations(ts []Toleration, path string) []FieldError {
	var errs []FieldError
	for i, t := range ts {
		p := fmt.Sprintf("%s[%d]", path, i)
		if t.Key != "" {
			errs = append(errs, invalidEach(p+".key", t.Key, isQualifiedName(t.Key))...)
		}
		if t.Key == "" && t.Operator != "Exists" {
			errs = append(errs, Invalid(p+".operator", t.Operator,
				"operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
		}
		if t.TolerationSeconds != nil && t.Effect != "NoExecute" {
			errs = append(errs, Invalid(p+".effect", t.Effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"))
		}
		switch t.Operator {
		case "Equal", "":
			if msgs := isValidLabelValue(t.Value); len(msgs) > 0 {
				errs = append(errs, Invalid(p+".operator", t.Value, strings.Join(msgs, ";")))
			}
		case "Exists":
			if t.Value != "" {
				errs = append(errs, Invalid(p+".operator", internalToleration(t), "value must be empty when `operator` is 'Exists'")) // unverified wording
			}
		default:
			errs = append(errs, NotSupported(p+".operator", t.Operator, "Equal", "Exists"))
		}
		switch t.Effect {
		case "", "NoSchedule", "PreferNoSchedule", "NoExecute":
		default:
			errs = append(errs, NotSupported(p+".effect", t.Effect, "NoSchedule", "PreferNoSchedule", "NoExecute"))
		}
	}
	return errs
}
