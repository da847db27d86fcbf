package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v2"
	sigsyaml "sigs.k8s.io/yaml"
)

// How a manifest is read, following kubectl `create/apply -f` against a 1.3x apiserver:
//
//  1. kubectl splits the file into documents. A file whose first non-blank character is `{` is
//     read as a stream of JSON values (falling back to YAML if the first value is not valid
//     JSON); otherwise it is split on lines starting with `---` and each document is converted to
//     JSON on its own (so YAML error line numbers count from the document's first line).
//     Documents that are empty or only comments are skipped. Duplicate keys are not an error:
//     kubectl's YAML→JSON conversion keeps the last value (kubernetes/kubernetes#125885), so the
//     apiserver never sees them. A syntax error ends the file: documents before it were already
//     sent.
//  2. Unless --validate=false, kubectl checks that each document is an object with string
//     apiVersion and kind (SchemaError); this also ends the file.
//  3. kubectl maps apiVersion/kind to a resource (NoMatchError for unknown ones, e.g.
//     apps/v1beta1) and sends the object re-encoded as JSON with sorted keys.
//  4. The apiserver decodes it case-sensitively into the versioned type: a value of the wrong type
//     is a BadRequest (`json: cannot unmarshal string into Go struct field
//     DeploymentSpec.spec.replicas of type int32`); unknown fields, listed in the order of that
//     sorted JSON, are a BadRequest with --validate=strict (the default), warnings with
//     --validate=warn, and dropped with --validate=false.

// ValidationMode is kubectl's --validate setting, i.e. the fieldValidation the apiserver applies.
type ValidationMode int

const (
	// Strict rejects unknown fields (--validate=strict, --validate=true, the default).
	Strict ValidationMode = iota
	// Warn accepts them and reports `unknown field "…"` warnings (--validate=warn).
	Warn
	// Ignore drops them silently and skips kubectl's client-side checks (--validate=false).
	Ignore
)

// Document is the result for one object of a manifest, in file order.
type Document struct {
	// Object is the decoded *Deployment, *ReplicaSet or *Pod, nil when Err is set.
	Object Object
	// Warnings are the apiserver's warnings (Warn mode), e.g. `unknown field "spec.replica"`;
	// kubectl prints each as `Warning: <text>` on stderr.
	Warnings []string
	// Err is one of: *SyntaxError or *SchemaError (fatal: always the last Document, kubectl
	// stops reading the file there), *UnableToDecodeError or *NoMatchError (kubectl reports them
	// and goes on with the next document), or a *StatusError with reason BadRequest (what the
	// apiserver answers when the object is sent; format it with WithSource("creating", file,
	// err) and KubectlText).
	Err error
	// JSON is the document as kubectl sends it (compact JSON), set with Object and with a
	// status error: apply keeps it as the last-applied configuration and reads the name from it.
	JSON []byte
}

// DecodeObjects decodes every document of a YAML or JSON manifest (also `kind: List` documents,
// whose items count as documents). It returns the objects, all warnings, and the first error; on
// error the objects are nil. Use DecodeDocuments to handle documents one by one as kubectl does.
func DecodeObjects(data []byte, mode ValidationMode) ([]Object, []string, error) {
	docs := DecodeDocuments(data, mode)
	var objs []Object
	var warnings []string
	for _, d := range docs {
		if d.Err != nil {
			return nil, warnings, d.Err
		}
		objs = append(objs, d.Object)
		warnings = append(warnings, d.Warnings...)
	}
	return objs, warnings, nil
}

// DecodeDocuments decodes a manifest document by document; see Document.
func DecodeDocuments(data []byte, mode ValidationMode) []Document {
	var out []Document
	for _, p := range splitManifest(data) {
		if p.err != nil {
			out = append(out, Document{Err: p.err})
			break
		}
		docs, fatal := decodePiece(p.json, mode)
		out = append(out, docs...)
		if fatal {
			break
		}
	}
	return out
}

// ---------------------------------------------------------------------------------------------
// kubectl-side errors. FileMessage(file) is the text kubectl prints after "error: "; DecodeErrorText
// adds that prefix.

// FileError is an error kubectl finds in a manifest before sending it.
type FileError interface {
	error
	FileMessage(file string) string
}

// SyntaxError: the file is not valid YAML or JSON. Msg is e.g. `error converting YAML to JSON:
// yaml: line 3: mapping values are not allowed in this context`; kubectl prints
// `error: error parsing FILE: <Msg>`.
type SyntaxError struct{ Msg string }

func (e *SyntaxError) Error() string { return e.Msg }

// FileMessage is `error parsing FILE: <Msg>` (the file name is not quoted).
func (e *SyntaxError) FileMessage(file string) string { return "error parsing " + file + ": " + e.Msg }

// SchemaError: kubectl's client-side check of a document failed (apiVersion or kind missing or
// not a string, a document that is not an object). kubectl prints
// `error: error validating "FILE": error validating data: [apiVersion not set, kind not set];
// if you choose to ignore these errors, turn validation off with --validate=false`.
type SchemaError struct{ Problems []string }

func (e *SchemaError) Error() string {
	return "error validating data: " + aggregate(e.Problems) +
		"; if you choose to ignore these errors, turn validation off with --validate=false"
}

// FileMessage is `error validating "FILE": <Error()>`.
func (e *SchemaError) FileMessage(file string) string {
	return fmt.Sprintf("error validating %q: %s", file, e.Error())
}

// UnableToDecodeError: with --validate=false, a document kubectl cannot read as an object, most
// often because kind is missing: Msg is then `Object 'Kind' is missing in '{"apiVersion":…}'`
// (the document as compact JSON). kubectl prints `error: unable to decode "FILE": <Msg>`.
type UnableToDecodeError struct{ Msg string }

func (e *UnableToDecodeError) Error() string { return e.Msg }

// FileMessage is `unable to decode "FILE": <Msg>`.
func (e *UnableToDecodeError) FileMessage(file string) string {
	return fmt.Sprintf("unable to decode %q: %s", file, e.Msg)
}

// NoMatchError: no resource serves this apiVersion and kind (apps/v1beta1, extensions/v1beta1,
// kinds the simulator does not serve such as Service). Name and Namespace come from the
// document's metadata; Group and Version from its apiVersion.
type NoMatchError struct {
	Name, Namespace string
	Kind            string
	Group, Version  string
}

// Error is `no matches for kind "Deployment" in version "apps/v1beta1"` (or `in group ""` when
// the document has no apiVersion).
func (e *NoMatchError) Error() string {
	if e.Version == "" {
		return fmt.Sprintf("no matches for kind %q in group %q", e.Kind, e.Group) // unverified wording
	}
	gv := e.Version
	if e.Group != "" {
		gv = e.Group + "/" + e.Version
	}
	return fmt.Sprintf("no matches for kind %q in version %q", e.Kind, gv)
}

// FileMessage is kubectl's two-line text: `resource mapping not found for name: "x" namespace:
// "" from "FILE": no matches for kind … ` then `ensure CRDs are installed first`.
func (e *NoMatchError) FileMessage(file string) string {
	return fmt.Sprintf("resource mapping not found for name: %q namespace: %q from %q: %s\nensure CRDs are installed first",
		e.Name, e.Namespace, file, e.Error())
}

// DecodeErrorText renders a Document error as kubectl prints it for the manifest file: FileErrors
// as `error: <FileMessage>`, status errors as `Error from server (BadRequest): error when creating
// "FILE": …`, anything else through KubectlText.
func DecodeErrorText(err error, file string) string {
	var fe FileError
	if errors.As(err, &fe) {
		return "error: " + fe.FileMessage(file)
	}
	if _, ok := err.(*StatusError); ok {
		return KubectlText(WithSource("creating", file, err))
	}
	return KubectlText(err)
}

// ---------------------------------------------------------------------------------------------
// Splitting a manifest into documents.

type piece struct {
	json []byte // JSON text of one document
	err  error  // a syntax error ending the stream
}

func splitManifest(data []byte) []piece {
	trimmed := bytes.TrimLeftFunc(data, unicode.IsSpace)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return splitYAML(data, nil)
	}
	// A JSON stream: decode values until EOF; if the first or second one fails, fall back to
	// YAML for the rest (kubectl's YAMLOrJSONDecoder), reporting the JSON error if YAML fails too.
	var out []piece
	dec := json.NewDecoder(bytes.NewReader(data))
	count := 0
	var consumed int64
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == nil {
			count++
			consumed = dec.InputOffset()
			if r := bytes.TrimSpace(raw); len(r) > 0 && !bytes.Equal(r, []byte("null")) {
				out = append(out, piece{json: r})
			}
			continue
		}
		if err == io.EOF {
			return out
		}
		var firstErr error
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			firstErr = &SyntaxError{Msg: fmt.Sprintf("json: offset %d: %s", syn.Offset, syn.Error())}
		} else {
			firstErr = &SyntaxError{Msg: err.Error()}
		}
		if count > 1 {
			return append(out, piece{err: &SyntaxError{Msg: err.Error()}})
		}
		rest, ok := skipBlankToNewline(data[consumed:])
		if !ok {
			return append(out, piece{err: firstErr})
		}
		return append(out, splitYAML(rest, firstErr)...)
	}
}

// skipBlankToNewline drops leading blanks up to and including the first newline; ok is false
// when nothing but blanks is left.
func skipBlankToNewline(b []byte) ([]byte, bool) {
	for i, c := range b {
		switch c {
		case '\n':
			return b[i+1:], i+1 < len(b)
		case ' ', '\t', '\r', '\v', '\f':
			continue
		default:
			return b[i:], true
		}
	}
	return nil, false
}

// splitYAML splits on `---` lines and converts each document to JSON. If firstErr is set and the
// first document fails, firstErr is reported instead (the JSON error of a JSON-looking file).
func splitYAML(data []byte, firstErr error) []piece {
	var out []piece
	first := true
	emit := func(doc []byte) bool {
		j, err := sigsyaml.YAMLToJSON(doc)
		if err != nil {
			e := error(&SyntaxError{Msg: "error converting YAML to JSON: " + err.Error()})
			if first && firstErr != nil {
				e = firstErr
			}
			out = append(out, piece{err: e})
			return false
		}
		first = false
		if r := bytes.TrimSpace(j); len(r) > 0 && !bytes.Equal(r, []byte("null")) {
			out = append(out, piece{json: r})
		}
		return true
	}
	var buf []byte
	lines := bytes.Split(data, []byte("\n"))
	if n := len(lines); n > 0 && len(lines[n-1]) == 0 {
		lines = lines[:n-1]
	}
	for _, line := range lines {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if bytes.HasPrefix(line, []byte("---")) {
			rest := strings.TrimSpace(string(line[3:]))
			if rest != "" && rest[0] != '#' {
				e := error(&SyntaxError{Msg: "invalid Yaml document separator: " + rest})
				if first && firstErr != nil {
					e = firstErr
				}
				return append(out, piece{err: e})
			}
			if len(buf) > 0 {
				if !emit(buf) {
					return out
				}
				buf = nil
			}
			continue
		}
		buf = append(buf, line...)
		buf = append(buf, '\n')
	}
	if len(buf) > 0 {
		emit(buf)
	}
	return out
}

// ---------------------------------------------------------------------------------------------
// One document: kubectl's checks, then the apiserver's decoding.

// decodePiece decodes one JSON document (a List gives several); fatal reports a SchemaError.
func decodePiece(raw []byte, mode ValidationMode) ([]Document, bool) {
	var generic any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&generic); err != nil {
		return []Document{{Err: &SyntaxError{Msg: err.Error()}}}, true
	}
	m, isObject := generic.(map[string]any)
	if mode != Ignore {
		if problems := kindProblems(generic); len(problems) > 0 {
			return []Document{{Err: &SchemaError{Problems: problems}}}, true
		}
	}
	if !isObject {
		return []Document{{Err: &UnableToDecodeError{Msg: fmt.Sprintf(
			"json: cannot unmarshal %s into Go value of type struct { Items json.RawMessage }", jsonKind(generic))}}}, false // unverified wording
	}
	kind, _ := m["kind"].(string)
	apiVersion, _ := m["apiVersion"].(string)
	group, version, gvErr := parseGroupVersion(apiVersion)
	if gvErr != nil {
		kind = ""
	}
	if kind == "" {
		return []Document{{Err: &UnableToDecodeError{Msg: "Object 'Kind' is missing in '" + string(raw) + "'"}}}, false
	}
	if items, ok := m["items"].([]any); ok && strings.HasSuffix(kind, "List") {
		var out []Document
		for _, it := range items {
			if mode == Strict {
				if problems := kindProblems(it); len(problems) > 0 {
					return append(out, Document{Err: &SchemaError{Problems: problems}}), true
				}
			}
			b, _ := json.Marshal(it)
			docs, fatal := decodePiece(b, mode)
			out = append(out, docs...)
			if fatal {
				return out, true
			}
		}
		return out, false
	}
	obj := newObjectFor(group, version, kind)
	if obj == nil {
		meta, _ := m["metadata"].(map[string]any)
		name, _ := meta["name"].(string)
		ns, _ := meta["namespace"].(string)
		return []Document{{Err: &NoMatchError{Name: name, Namespace: ns, Kind: kind, Group: group, Version: version}}}, false
	}
	d := &decoder{strict: mode != Ignore}
	if structInfoOf(reflect.TypeOf(obj).Elem()).byName["kind"] == nil {
		// apiVersion and kind chose the type; a type without TypeMeta (Pod) is given them
		// by the encoder. m is this document's own.
		delete(m, "apiVersion")
		delete(m, "kind")
	}
	d.decode(m, reflect.ValueOf(obj).Elem(), "")
	if p, ok := obj.(*Pod); ok && p.Spec == nil {
		p.Spec = &PodSpec{} // a pod always has a spec, even when the manifest leaves it out
	}
	if err := d.err(); err != nil {
		return []Document{{Err: NewBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: %s", kind, version, kind, err.Error())), JSON: raw}}, false
	}
	if len(d.unknown) > 0 {
		if mode == Strict {
			return []Document{{Err: NewBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: strict decoding error: %s",
				kind, version, kind, strings.Join(d.unknown, ", "))), JSON: raw}}, false
		}
		return []Document{{Object: obj, Warnings: d.unknown, JSON: raw}}, false
	}
	return []Document{{Object: obj, JSON: raw}}, false
}

// kindProblems is kubectl's client-side check of apiVersion and kind.
func kindProblems(v any) []string {
	m, ok := v.(map[string]any)
	if !ok || m == nil {
		return []string{"invalid object to validate"}
	}
	var problems []string
	switch av := m["apiVersion"].(type) {
	case nil:
		problems = append(problems, "apiVersion not set")
	case string:
		if _, _, err := parseGroupVersion(av); err != nil {
			problems = append(problems, err.Error())
		}
	default:
		problems = append(problems, "apiVersion isn't string type")
	}
	switch m["kind"].(type) {
	case nil:
		problems = append(problems, "kind not set")
	case string:
	default:
		problems = append(problems, "kind isn't string type")
	}
	return problems
}

func parseGroupVersion(s string) (group, version string, err error) {
	if s == "" || s == "/" {
		return "", "", nil
	}
	switch strings.Count(s, "/") {
	case 0:
		return "", s, nil
	case 1:
		i := strings.IndexByte(s, '/')
		return s[:i], s[i+1:], nil
	}
	return "", "", fmt.Errorf("unexpected GroupVersion string: %s", s)
}

func newObjectFor(group, version, kind string) Object {
	switch {
	case group == "apps" && version == "v1" && kind == KindDeployment:
		return &Deployment{}
	case group == "apps" && version == "v1" && kind == KindReplicaSet:
		return &ReplicaSet{}
	case group == "" && version == "v1" && kind == KindPod:
		return &Pod{}
	case group == "" && version == "v1" && kind == KindService:
		return &Service{}
	}
	return nil
}

// ---------------------------------------------------------------------------------------------
// The apiserver's decoding: a generic JSON value into a Go struct, case-sensitively, recording
// unknown fields with their full path and the first type error with encoding/json's wording.

type decoder struct {
	strict     bool
	path       []byte   // full path for unknown fields: spec.template.spec.containers[0].x
	fields     []string // struct fields only, for type errors: spec.template.spec.containers.x
	structName string   // struct holding the current field, for type errors
	saved      error    // first type error; decoding goes on
	fatal      error    // error of a custom unmarshaler; decoding stops
	unknown    []string
	seen       map[string]bool
}

func (d *decoder) err() error {
	if d.fatal != nil {
		return d.fatal
	}
	return d.saved
}

func (d *decoder) pushKey(k string) int {
	n := len(d.path)
	if n > 0 {
		d.path = append(d.path, '.')
	}
	d.path = append(d.path, k...)
	return n
}

func (d *decoder) pushIndex(i int) int {
	n := len(d.path)
	d.path = append(d.path, '[')
	d.path = strconv.AppendInt(d.path, int64(i), 10)
	d.path = append(d.path, ']')
	return n
}

func (d *decoder) addUnknown() {
	if !d.strict || len(d.unknown) >= 100 {
		return
	}
	msg := fmt.Sprintf("unknown field %q", d.path)
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
	if !d.seen[msg] {
		d.seen[msg] = true
		d.unknown = append(d.unknown, msg)
	}
}

func (d *decoder) typeErr(what, typ string) error {
	if d.structName != "" || len(d.fields) > 0 {
		return fmt.Errorf("json: cannot unmarshal %s into Go struct field %s.%s of type %s",
			what, d.structName, strings.Join(d.fields, "."), typ)
	}
	return fmt.Errorf("json: cannot unmarshal %s into Go value of type %s", what, typ)
}

func (d *decoder) save(what, typ string) {
	if d.saved == nil {
		d.saved = d.typeErr(what, typ)
	}
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "bool"
	}
	return "null"
}

var (
	timeType        = reflect.TypeOf(Time{})
	intOrStringType = reflect.TypeOf(IntOrString{})
	quantityType    = reflect.TypeOf(Quantity(""))
	volumeType      = reflect.TypeOf(Volume{})
	pkgPath         = timeType.PkgPath()
)

func (d *decoder) decode(v any, rv reflect.Value, override string) {
	if d.fatal != nil {
		return
	}
	t := rv.Type()
	switch t {
	case timeType:
		switch x := v.(type) {
		case nil:
			rv.Set(reflect.Zero(t))
		case string:
			p, err := time.Parse(time.RFC3339, x)
			if err != nil {
				d.fatal = err
				return
			}
			rv.Set(reflect.ValueOf(NewTime(p.Local())))
		default:
			d.fatal = d.typeErr(jsonKind(v), "string")
		}
		return
	case intOrStringType:
		switch x := v.(type) {
		case string:
			rv.Set(reflect.ValueOf(FromString(x)))
		case json.Number:
			n, err := strconv.ParseInt(string(x), 10, 64)
			if err != nil || n < -1<<31 || n > 1<<31-1 {
				d.fatal = d.typeErr("number "+string(x), "int32")
				return
			}
			rv.Set(reflect.ValueOf(FromInt(int32(n))))
		case nil:
			rv.Set(reflect.ValueOf(FromInt(0)))
		default:
			d.fatal = d.typeErr(jsonKind(v), "int32")
		}
		return
	case quantityType:
		var s string
		switch x := v.(type) {
		case nil:
			rv.SetString("")
			return
		case string:
			s = strings.TrimSpace(x)
		case json.Number:
			s = string(x)
		default:
			b, _ := json.Marshal(v)
			s = string(b)
		}
		q, err := parseQuantity(s)
		if err != nil {
			d.fatal = err
			return
		}
		// The apiserver keeps the canonical form: `cpu: 0.5` reads back as 500m, 1024Mi as 1Gi.
		rv.SetString(q.String())
		return
	case volumeType:
		d.decodeVolume(v, rv)
		return
	}

	switch t.Kind() {
	case reflect.Pointer:
		if v == nil {
			rv.Set(reflect.Zero(t))
			return
		}
		if rv.IsNil() {
			rv.Set(reflect.New(t.Elem()))
		}
		d.decode(v, rv.Elem(), override)
	case reflect.Interface:
		if v == nil {
			rv.Set(reflect.Zero(t))
			return
		}
		rv.Set(reflect.ValueOf(genericValue(v)))
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			if v != nil {
				d.save(jsonKind(v), typeName(t, override))
			}
			return
		}
		d.decodeStruct(m, rv)
	case reflect.Map:
		if v == nil {
			rv.Set(reflect.Zero(t))
			return
		}
		m, ok := v.(map[string]any)
		if !ok {
			d.save(jsonKind(v), typeName(t, override))
			return
		}
		if rv.IsNil() {
			rv.Set(reflect.MakeMapWithSize(t, len(m)))
		}
		elemOverride := elemOf(override)
		for _, k := range sortedKeys(m) {
			ev := reflect.New(t.Elem()).Elem()
			mark := d.pushKey(k)
			d.decode(m[k], ev, elemOverride)
			d.path = d.path[:mark]
			if d.fatal != nil {
				return
			}
			rv.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
	case reflect.Slice:
		if v == nil {
			rv.Set(reflect.Zero(t))
			return
		}
		a, ok := v.([]any)
		if !ok {
			d.save(jsonKind(v), typeName(t, override))
			return
		}
		s := reflect.MakeSlice(t, len(a), len(a))
		elemOverride := elemOf(override)
		for i := range a {
			mark := d.pushIndex(i)
			d.decode(a[i], s.Index(i), elemOverride)
			d.path = d.path[:mark]
			if d.fatal != nil {
				return
			}
		}
		rv.Set(s)
	case reflect.String:
		switch x := v.(type) {
		case string:
			rv.SetString(x)
		case nil:
		default:
			d.save(jsonKind(v), typeName(t, override))
		}
	case reflect.Bool:
		switch x := v.(type) {
		case bool:
			rv.SetBool(x)
		case nil:
		default:
			d.save(jsonKind(v), typeName(t, override))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		switch x := v.(type) {
		case json.Number:
			n, err := strconv.ParseInt(string(x), 10, 64)
			if err != nil || rv.OverflowInt(n) {
				d.save("number "+string(x), typeName(t, override))
				return
			}
			rv.SetInt(n)
		case nil:
		default:
			d.save(jsonKind(v), typeName(t, override))
		}
	default:
		d.save(jsonKind(v), typeName(t, override))
	}
}

// fieldForSet is the field at index, allocating embedded struct pointers on the way.
func fieldForSet(rv reflect.Value, index []int) reflect.Value {
	for i, x := range index {
		if i > 0 && rv.Kind() == reflect.Pointer {
			if rv.IsNil() {
				rv.Set(reflect.New(rv.Type().Elem()))
			}
			rv = rv.Elem()
		}
		rv = rv.Field(x)
	}
	return rv
}

func (d *decoder) decodeStruct(m map[string]any, rv reflect.Value) {
	info := structInfoOf(rv.Type())
	savedStruct, savedFields := d.structName, len(d.fields)
	for _, k := range sortedKeys(m) {
		mark := d.pushKey(k)
		f := info.byName[k]
		if f == nil {
			d.addUnknown()
			d.path = d.path[:mark]
			continue
		}
		d.fields = append(d.fields, k)
		d.structName = info.name
		d.decode(m[k], fieldForSet(rv, f.index), f.override)
		d.fields = d.fields[:savedFields]
		d.structName = savedStruct
		d.path = d.path[:mark]
		if d.fatal != nil {
			return
		}
	}
}

// volumeSources maps each volume source field of core/v1 VolumeSource to its Go type name.
var volumeSources = map[string]string{
	"hostPath": "HostPathVolumeSource", "emptyDir": "EmptyDirVolumeSource",
	"gcePersistentDisk": "GCEPersistentDiskVolumeSource", "awsElasticBlockStore": "AWSElasticBlockStoreVolumeSource",
	"gitRepo": "GitRepoVolumeSource", "secret": "SecretVolumeSource", "nfs": "NFSVolumeSource",
	"iscsi": "ISCSIVolumeSource", "glusterfs": "GlusterfsVolumeSource",
	"persistentVolumeClaim": "PersistentVolumeClaimVolumeSource", "rbd": "RBDVolumeSource",
	"flexVolume": "FlexVolumeSource", "cinder": "CinderVolumeSource", "cephfs": "CephFSVolumeSource",
	"flocker": "FlockerVolumeSource", "downwardAPI": "DownwardAPIVolumeSource", "fc": "FCVolumeSource",
	"azureFile": "AzureFileVolumeSource", "configMap": "ConfigMapVolumeSource",
	"vsphereVolume": "VsphereVirtualDiskVolumeSource", "quobyte": "QuobyteVolumeSource",
	"azureDisk": "AzureDiskVolumeSource", "photonPersistentDisk": "PhotonPersistentDiskVolumeSource",
	"projected": "ProjectedVolumeSource", "portworxVolume": "PortworxVolumeSource",
	"scaleIO": "ScaleIOVolumeSource", "storageos": "StorageOSVolumeSource", "csi": "CSIVolumeSource",
	"ephemeral": "EphemeralVolumeSource", "image": "ImageVolumeSource",
}

func (d *decoder) decodeVolume(v any, rv reflect.Value) {
	m, ok := v.(map[string]any)
	if !ok {
		if v != nil {
			d.save(jsonKind(v), "v1.Volume")
		}
		return
	}
	vol := Volume{Source: map[string]any{}}
	savedStruct, savedFields := d.structName, len(d.fields)
	for _, k := range sortedKeys(m) {
		mark := d.pushKey(k)
		x := m[k]
		d.fields = append(d.fields, k)
		d.structName = "Volume"
		switch src, known := volumeSources[k]; {
		case k == "name":
			switch s := x.(type) {
			case string:
				vol.Name = s
			case nil:
			default:
				d.save(jsonKind(x), "string")
			}
		case known:
			switch x.(type) {
			case map[string]any:
				vol.Source[k] = genericValue(x)
			case nil:
			default:
				d.save(jsonKind(x), "v1."+src)
			}
		default:
			d.addUnknown()
		}
		d.fields = d.fields[:savedFields]
		d.structName = savedStruct
		d.path = d.path[:mark]
	}
	rv.Set(reflect.ValueOf(vol))
}

// genericValue converts a decoded JSON value for a free-form field: numbers become int64 when
// they are integers, float64 otherwise (as the apiserver's unstructured decoding does).
func genericValue(v any) any {
	switch x := v.(type) {
	case json.Number:
		if !strings.ContainsAny(string(x), ".eE") {
			if n, err := strconv.ParseInt(string(x), 10, 64); err == nil {
				return n
			}
		}
		f, _ := strconv.ParseFloat(string(x), 64)
		return f
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = genericValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = genericValue(e)
		}
		return out
	}
	return v
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ---------------------------------------------------------------------------------------------
// Struct layout, cached per type.

type fieldInfo struct {
	name      string
	index     []int
	omitEmpty bool
	omitZero  bool
	freeForm  bool   // map[string]any: a pointer-to-struct upstream, so omitted only when nil
	override  string // upstream Go type name for type errors, when ours differs
}

type structInfo struct {
	name   string
	list   []*fieldInfo
	byName map[string]*fieldInfo
}

var structInfos sync.Map // reflect.Type → *structInfo

func structInfoOf(t reflect.Type) *structInfo {
	if v, ok := structInfos.Load(t); ok {
		return v.(*structInfo)
	}
	info := &structInfo{name: t.Name(), byName: map[string]*fieldInfo{}}
	collectFields(t, nil, t.Name(), info)
	structInfos.Store(t, info)
	return info
}

func collectFields(t reflect.Type, prefix []int, owner string, info *structInfo) {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		index := append(append([]int(nil), prefix...), i)
		if name == "" && sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			collectFields(sf.Type, index, owner, info)
			continue
		}
		if name == "" && sf.Anonymous && sf.Type.Kind() == reflect.Pointer && sf.Type.Elem().Kind() == reflect.Struct {
			collectFields(sf.Type.Elem(), index, owner, info) // inlined as encoding/json does
			continue
		}
		if name == "" {
			name = sf.Name
		}
		f := &fieldInfo{
			name:      name,
			index:     index,
			omitEmpty: strings.Contains(","+opts+",", ",omitempty,"),
			omitZero:  strings.Contains(","+opts+",", ",omitzero,"),
			freeForm:  sf.Type.Kind() == reflect.Map && sf.Type.Elem().Kind() == reflect.Interface,
			override:  upstreamTypes[owner+"."+name],
		}
		info.list = append(info.list, f)
		info.byName[name] = f
	}
}

// upstreamTypes names the upstream Go type of fields whose type here is simpler (named string
// types, free-form maps), so that type errors read like the apiserver's.
var upstreamTypes = map[string]string{
	"ObjectMeta.uid":                           "types.UID",
	"ObjectMeta.managedFields":                 "[]v1.ManagedFieldsEntry",
	"OwnerReference.uid":                       "types.UID",
	"LabelSelectorRequirement.operator":        "v1.LabelSelectorOperator",
	"DeploymentStrategy.type":                  "v1.DeploymentStrategyType",
	"DeploymentCondition.type":                 "v1.DeploymentConditionType",
	"DeploymentCondition.status":               "v1.ConditionStatus",
	"ReplicaSetCondition.type":                 "v1.ReplicaSetConditionType",
	"ReplicaSetCondition.status":               "v1.ConditionStatus",
	"PodSpec.restartPolicy":                    "v1.RestartPolicy",
	"PodSpec.dnsPolicy":                        "v1.DNSPolicy",
	"PodSpec.securityContext":                  "v1.PodSecurityContext",
	"PodSpec.imagePullSecrets":                 "[]v1.LocalObjectReference",
	"PodSpec.affinity":                         "v1.Affinity",
	"PodSpec.topologySpreadConstraints":        "[]v1.TopologySpreadConstraint",
	"PodSpec.preemptionPolicy":                 "v1.PreemptionPolicy",
	"PodSpec.ephemeralContainers":              "[]v1.EphemeralContainer",
	"PodSpec.hostAliases":                      "[]v1.HostAlias",
	"PodSpec.dnsConfig":                        "v1.PodDNSConfig",
	"PodSpec.readinessGates":                   "[]v1.PodReadinessGate",
	"PodSpec.overhead":                         "v1.ResourceList",
	"PodSpec.os":                               "v1.PodOS",
	"PodSpec.schedulingGates":                  "[]v1.PodSchedulingGate",
	"PodSpec.resourceClaims":                   "[]v1.PodResourceClaim",
	"PodSpec.resources":                        "v1.ResourceRequirements",
	"Toleration.operator":                      "v1.TolerationOperator",
	"Toleration.effect":                        "v1.TaintEffect",
	"Container.envFrom":                        "[]v1.EnvFromSource",
	"Container.restartPolicy":                  "v1.ContainerRestartPolicy",
	"Container.lifecycle":                      "v1.Lifecycle",
	"Container.terminationMessagePolicy":       "v1.TerminationMessagePolicy",
	"Container.imagePullPolicy":                "v1.PullPolicy",
	"Container.securityContext":                "v1.SecurityContext",
	"Container.resizePolicy":                   "[]v1.ContainerResizePolicy",
	"Container.restartPolicyRules":             "[]v1.ContainerRestartRule",
	"Container.volumeDevices":                  "[]v1.VolumeDevice",
	"ContainerPort.protocol":                   "v1.Protocol",
	"EnvVar.valueFrom":                         "v1.EnvVarSource",
	"ResourceRequirements.limits":              "v1.ResourceList",
	"ResourceRequirements.requests":            "v1.ResourceList",
	"ResourceRequirements.claims":              "[]v1.ResourceClaim",
	"VolumeMount.mountPropagation":             "v1.MountPropagationMode",
	"VolumeMount.recursiveReadOnly":            "v1.RecursiveReadOnlyMode",
	"Probe.exec":                               "v1.ExecAction",
	"Probe.httpGet":                            "v1.HTTPGetAction",
	"Probe.tcpSocket":                          "v1.TCPSocketAction",
	"Probe.grpc":                               "v1.GRPCAction",
	"PodStatus.phase":                          "v1.PodPhase",
	"PodStatus.qosClass":                       "v1.PodQOSClass",
	"PodStatus.hostIPs":                        "[]v1.HostIP",
	"PodStatus.resize":                         "v1.PodResizeStatus",
	"PodStatus.ephemeralContainerStatuses":     "[]v1.ContainerStatus",
	"PodStatus.resourceClaimStatuses":          "[]v1.PodResourceClaimStatus",
	"PodCondition.type":                        "v1.PodConditionType",
	"PodCondition.status":                      "v1.ConditionStatus",
	"ContainerStatus.allocatedResources":       "v1.ResourceList",
	"ContainerStatus.resources":                "v1.ResourceRequirements",
	"ContainerStatus.volumeMounts":             "[]v1.VolumeMountStatus",
	"ContainerStatus.user":                     "v1.ContainerUser",
	"ContainerStatus.allocatedResourcesStatus": "[]v1.ResourceStatus",
	"ContainerStatus.stopSignal":               "v1.Signal",
}

// elemOf turns "[]v1.X" into "v1.X" for the elements of an overridden slice type.
func elemOf(override string) string {
	if s, ok := strings.CutPrefix(override, "[]"); ok {
		return s
	}
	if override == "v1.ResourceList" {
		return "resource.Quantity"
	}
	return ""
}

// typeName renders a Go type as reflect would print the upstream type (package v1 for the API
// structs); pointers are dereferenced because encoding/json reports the pointed-to type.
func typeName(t reflect.Type, override string) string {
	if override != "" {
		return override
	}
	switch t {
	case timeType:
		return "v1.Time"
	case intOrStringType:
		return "intstr.IntOrString"
	case quantityType:
		return "resource.Quantity"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return typeName(t.Elem(), "")
	case reflect.Slice:
		return "[]" + typeName(t.Elem(), "")
	case reflect.Map:
		return "map[" + typeName(t.Key(), "") + "]" + typeName(t.Elem(), "")
	case reflect.Interface:
		return "interface {}"
	case reflect.Struct:
		if t.PkgPath() == pkgPath {
			return "v1." + t.Name()
		}
	}
	return t.String()
}

// ---------------------------------------------------------------------------------------------
// Encoding for `-o yaml` / `-o json`.

// EncodeYAML renders obj as `kubectl get -o yaml` does: apiVersion and kind set, keys sorted,
// sequences not indented under their key.
func EncodeYAML(obj Object) ([]byte, error) {
	g := yamlReady(objectGeneric(obj)).(map[string]any)
	if b, ok := fastYAML(g); ok {
		return b, nil
	}
	return yaml.Marshal(g)
}

// EncodeJSON renders obj as `kubectl get -o json` does: keys sorted, 4-space indent, final newline.
func EncodeJSON(obj Object) ([]byte, error) {
	b, err := json.MarshalIndent(objectGeneric(obj), "", "    ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// EncodeYAMLItem is EncodeYAML(obj) as an item of the List `get … -o yaml` prints ("- " before
// the first line, two spaces before the others), when the direct writer can vouch for it (ok
// false: indent EncodeYAML's bytes).
func EncodeYAMLItem(obj Object) (b []byte, ok bool) {
	return fastYAMLItem(yamlReady(objectGeneric(obj)).(map[string]any))
}

// EncodeYAMLList renders several objects as kubectl prints them for `get … -o yaml`: a v1 List.
func EncodeYAMLList(objs []Object) ([]byte, error) {
	return yaml.Marshal(yamlReady(listGeneric(objs)))
}

// yamlReady gives go-yaml a generic value (objectGeneric) in the form kubectl's JSON → YAML
// conversion (sigs.k8s.io/yaml.JSONToYAML) would after its round trip through JSON text:
// integers as int, other numbers as float64, strings as JSON makes them (each invalid UTF-8
// byte a U+FFFD). Skipping the round trip halves the cost of `-o yaml`;
// TestEncodeYAMLMatchesTheJSONRoundTrip keeps the two forms equal.
func yamlReady(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = yamlReady(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = yamlReady(e)
		}
		return x
	case string:
		return jsonString(x)
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return int(i)
		}
		f, _ := strconv.ParseFloat(string(x), 64)
		return f
	case nil, bool:
		return x
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return int(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if u := rv.Uint(); u <= math.MaxInt64 {
			return int(u)
		}
	case reflect.String:
		return jsonString(rv.String())
	case reflect.Bool:
		return rv.Bool()
	}
	// Anything else (floats, named kinds the generic form keeps) takes the round trip.
	j, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	if yaml.Unmarshal(j, &out) != nil {
		return nil
	}
	return out
}

// jsonString is s as encoding/json writes it: each byte of invalid UTF-8 becomes U+FFFD.
func jsonString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r) // RuneError for an invalid byte, as encoding/json
		i += n
	}
	return b.String()
}

// EncodeJSONList is EncodeYAMLList for `-o json`.
func EncodeJSONList(objs []Object) ([]byte, error) {
	b, err := json.MarshalIndent(listGeneric(objs), "", "    ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func listGeneric(objs []Object) map[string]any {
	items := make([]any, 0, len(objs))
	for _, o := range objs {
		items = append(items, objectGeneric(o))
	}
	return map[string]any{"apiVersion": "v1", "kind": "List", "items": items,
		"metadata": map[string]any{"resourceVersion": ""}}
}

// APIVersionFor is the apiVersion a kind is served under.
func APIVersionFor(kind string) string {
	switch g := kindGroup(kind); g {
	case "":
		return "v1"
	case "apps":
		return "apps/v1" // a constant: events ask for every pod transition
	default:
		return g + "/v1"
	}
}

func objectGeneric(obj Object) map[string]any {
	g, _ := toGeneric(reflect.ValueOf(obj)).(map[string]any)
	if g == nil {
		g = map[string]any{}
	}
	g["apiVersion"] = APIVersionFor(obj.ObjectKind())
	g["kind"] = obj.ObjectKind()
	return g
}

// toGeneric turns a Go value into the JSON value encoding/json would produce, except that
// free-form map fields are kept when empty but not nil (they stand for optional structs: an
// empty `securityContext: {}` is shown).
func toGeneric(rv reflect.Value) any {
	t := rv.Type()
	switch t {
	case timeType, intOrStringType, quantityType, volumeType:
		b, err := json.Marshal(rv.Interface())
		if err != nil {
			return nil
		}
		var out any
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		_ = dec.Decode(&out)
		return out
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil
		}
		if t.Kind() == reflect.Interface {
			return rv.Interface()
		}
		return toGeneric(rv.Elem())
	case reflect.Struct:
		info := structInfoOf(t)
		m := make(map[string]any, len(info.list))
		for _, f := range info.list {
			fv, err := rv.FieldByIndexErr(f.index)
			if err != nil {
				continue // in an embedded struct that is not there
			}
			if f.omitEmpty && isEmptyValue(fv, f.freeForm) || f.omitZero && fv.IsZero() {
				continue
			}
			m[f.name] = toGeneric(fv)
		}
		return m
	case reflect.Map:
		if rv.IsNil() {
			return nil
		}
		m := make(map[string]any, rv.Len())
		iter := rv.MapRange()
		for iter.Next() {
			m[iter.Key().String()] = toGeneric(iter.Value())
		}
		return m
	case reflect.Slice:
		if rv.IsNil() {
			return nil
		}
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = toGeneric(rv.Index(i))
		}
		return out
	}
	return rv.Interface()
}

func isEmptyValue(v reflect.Value, freeForm bool) bool {
	switch v.Kind() {
	case reflect.Map:
		if freeForm {
			return v.IsNil()
		}
		return v.Len() == 0
	case reflect.Slice, reflect.String, reflect.Array:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	}
	return false
}
