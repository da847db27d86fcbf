package api

import (
	"strconv"
	"strings"
	"sync"

	yaml "go.yaml.in/yaml/v2"
)

// A direct writer for `-o yaml`: go-yaml's encoder costs about two thirds of listing 5,000
// pods as YAML (issue 11), most of it in generic emitter machinery for values whose form is
// obvious. writeYAML writes a generic value (as yamlReady returns it) in go-yaml v2's block
// style itself, and asks go-yaml only for the form of each distinct string (cached). Whatever
// could depend on where it stands — a multi-line string, one that go-yaml might fold at 80
// columns, a long key, keys that go-yaml orders by their digits — makes it give up, and the
// caller uses go-yaml for the whole object; FuzzEncodeYAMLMatchesTheJSONRoundTrip and the
// golden files hold the two to the same bytes.

// yamlWidth is go-yaml's line width: a string with spaces may fold past it.
const yamlWidth = 80

// maxSimpleKey is go-yaml's longest simple key; a longer one is written as "? key".
const maxSimpleKey = 128

type yamlWriter struct {
	b         []byte
	lineStart int
}

// fastYAML is yaml.Marshal(v) for a map from yamlReady, or ok false when writeYAML cannot
// vouch for the bytes.
func fastYAML(v map[string]any) (b []byte, ok bool) {
	w := yamlWriter{b: make([]byte, 0, 2048)}
	if len(v) == 0 || !w.mapping(v, 0, false) {
		return nil, false
	}
	return w.b, true
}

// fastYAMLItem is fastYAML(v) as an item of a sequence: "- " before its first line, two
// spaces before the others.
func fastYAMLItem(v map[string]any) (b []byte, ok bool) {
	w := yamlWriter{b: make([]byte, 0, 2048)}
	w.b = append(w.b, "- "...)
	if len(v) == 0 || !w.mapping(v, 2, true) {
		return nil, false
	}
	return w.b, true
}

func (w *yamlWriter) indent(n int) {
	for range n {
		w.b = append(w.b, ' ')
	}
}

func (w *yamlWriter) newline() {
	w.b = append(w.b, '\n')
	w.lineStart = len(w.b)
}

// mapping writes a non-empty map's keys at column ind; inline: the first key goes where the
// line stands (after "- ").
func (w *yamlWriter) mapping(m map[string]any, ind int, inline bool) bool {
	keys := make([]string, 0, len(m))
	for k := range m {
		if len(k) >= maxSimpleKey || !plainOrderKey(k) {
			return false
		}
		keys = append(keys, k)
	}
	sortKeys(keys)
	for i, k := range keys {
		if i > 0 || !inline {
			w.indent(ind)
		}
		if !w.str(k) {
			return false
		}
		w.b = append(w.b, ':')
		if !w.value(m[k], ind, false) {
			return false
		}
	}
	return true
}

// sequence writes a non-empty slice's items at column ind.
func (w *yamlWriter) sequence(s []any, ind int, inline bool) bool {
	for i, e := range s {
		if i > 0 || !inline {
			w.indent(ind)
		}
		w.b = append(w.b, '-')
		if !w.value(e, ind+2, true) {
			return false
		}
	}
	return true
}

// value writes v after a key's colon or an item's dash, then ends the line. Under a key a
// mapping is indented by two and a sequence not at all (go-yaml v2); under a dash both start
// on the dash's line.
func (w *yamlWriter) value(v any, ind int, item bool) bool {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			break
		}
		if item {
			w.b = append(w.b, ' ')
			return w.mapping(x, ind, true)
		}
		w.newline()
		return w.mapping(x, ind+2, false)
	case []any:
		if len(x) == 0 {
			break
		}
		if item {
			w.b = append(w.b, ' ')
			return w.sequence(x, ind, true)
		}
		w.newline()
		return w.sequence(x, ind, false)
	}
	w.b = append(w.b, ' ')
	if !w.scalar(v) {
		return false
	}
	w.newline()
	return true
}

func (w *yamlWriter) scalar(v any) bool {
	switch x := v.(type) {
	case nil:
		w.b = append(w.b, "null"...)
	case bool:
		w.b = strconv.AppendBool(w.b, x)
	case int:
		w.b = strconv.AppendInt(w.b, int64(x), 10)
	case string:
		return w.str(x)
	case map[string]any: // empty
		w.b = append(w.b, "{}"...)
	case []any: // empty
		w.b = append(w.b, "[]"...)
	default:
		return false // floats and anything else: go-yaml's own forms
	}
	return true
}

// str writes s as go-yaml does, or reports false when its form depends on where it stands.
func (w *yamlWriter) str(s string) bool {
	if plainString(s) {
		w.b = append(w.b, s...)
		return true
	}
	enc, ok := scalarForm(s)
	if !ok {
		return false
	}
	// A string with spaces folds past the line width: only one that ends before it is safe.
	if strings.IndexByte(s, ' ') >= 0 && len(w.b)-w.lineStart+len(enc) >= yamlWidth {
		return false
	}
	w.b = append(w.b, enc...)
	return true
}

// plainString reports a string go-yaml writes as it is: it starts with a letter, holds only
// letters, digits and -_./ (nothing YAML gives a meaning to), and is not one of the words
// YAML 1.1 reads as a boolean or null.
func plainString(s string) bool {
	if s == "" || !isASCIILetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isASCIILetter(c) && (c < '0' || c > '9') && c != '-' && c != '_' && c != '.' && c != '/' {
			return false
		}
	}
	if len(s) <= 5 {
		switch strings.ToLower(s) {
		case "y", "yes", "n", "no", "true", "false", "on", "off", "null":
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// scalarForms caches go-yaml's form of the strings that are not plain (timestamps, IPs,
// UIDs…): pods share most of them. It is bounded: emptied when full.
var scalarForms = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

const maxScalarForms = 8192

// scalarForm is how go-yaml writes s as a value: ok false when that takes more than one line
// (a literal block, whose indentation depends on where it stands).
func scalarForm(s string) (string, bool) {
	scalarForms.Lock()
	enc, hit := scalarForms.m[s]
	scalarForms.Unlock()
	if !hit {
		b, err := yaml.Marshal(s)
		if err != nil {
			return "", false
		}
		enc = string(b)
		if len(s) <= 256 {
			scalarForms.Lock()
			if len(scalarForms.m) >= maxScalarForms {
				clear(scalarForms.m)
			}
			scalarForms.m[s] = enc
			scalarForms.Unlock()
		}
	}
	enc, ok := strings.CutSuffix(enc, "\n")
	if !ok || strings.IndexByte(enc, '\n') >= 0 {
		return "", false
	}
	return enc, true
}

// plainOrderKey reports a key go-yaml orders as sortKeys does: ASCII without digits (go-yaml
// compares runs of digits by their numeric value, and other letters by their class).
func plainOrderKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if c := k[i]; c >= '0' && c <= '9' || c >= 0x80 {
			return false
		}
	}
	return true
}

// sortKeys orders keys as go-yaml v2 does for keys without digits: at the first difference, a
// letter comes after any other character, and otherwise the lower byte first; a prefix first.
func sortKeys(keys []string) {
	less := func(a, b string) bool {
		for i := 0; i < len(a) && i < len(b); i++ {
			if a[i] == b[i] {
				continue
			}
			al, bl := isASCIILetter(a[i]), isASCIILetter(b[i])
			if al != bl {
				return bl
			}
			return a[i] < b[i]
		}
		return len(a) < len(b)
	}
	// Insertion sort: an object's maps have a few keys each.
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && less(keys[j], keys[j-1]); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}
