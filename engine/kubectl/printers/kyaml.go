package printers

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// KYAML is the YAML dialect of kubectl's `-o kyaml` (KEP-5295, sigs.k8s.io/yaml/kyaml): every
// mapping in braces and every sequence in brackets, one entry a line with a trailing comma,
// two spaces an indentation level; string values always double-quoted, keys only when YAML
// could read them as something else; a string with line breaks folded over several lines.
// kubectl renders the object's JSON, so keys come in the JSON's (sorted) order.

// KYAMLDocument writes the object encoded as JSON in js as one KYAML document: "---", the
// value, a line break.
func KYAMLDocument(b *strings.Builder, js []byte) error {
	v, err := DecodeKYAML(js)
	if err != nil {
		return err
	}
	b.WriteString("---\n")
	WriteKYAML(b, v, 0)
	b.WriteByte('\n')
	return nil
}

// DecodeKYAML reads a JSON value for WriteKYAML, numbers kept as written.
func DecodeKYAML(js []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(js))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

// WriteKYAML renders a decoded JSON value where the cursor is, at indentation level indent
// (of the line it starts on), without a final line break. Keys come sorted, as kubectl's JSON
// has them.
func WriteKYAML(b *strings.Builder, v any, indent int) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		vals := make([]any, len(keys))
		for i, k := range keys {
			vals[i] = x[k]
		}
		writeKYAMLEntries(b, "{}", keys, vals, indent)
	case []any:
		if !kyamlCuddled(x) {
			writeKYAMLEntries(b, "[]", nil, x, indent)
			return
		}
		// A sequence of mappings and sequences only sits side by side at its own level:
		// "[{", "}, {", "}]".
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			WriteKYAML(b, e, indent)
		}
		b.WriteByte(']')
	case string:
		writeKYAMLString(b, x, indent+1, false)
	case json.Number:
		b.WriteString(x.String())
	case bool:
		b.WriteString(strconv.FormatBool(x))
	default: // nil
		b.WriteString("null")
	}
}

// writeKYAMLEntries writes a mapping's entries (keys given) or a sequence's items between the
// two brackets, one a line a level deeper, each with a trailing comma; empty, the brackets
// alone.
func writeKYAMLEntries(b *strings.Builder, brackets string, keys []string, vals []any, indent int) {
	if len(vals) == 0 {
		b.WriteString(brackets)
		return
	}
	b.WriteByte(brackets[0])
	b.WriteByte('\n')
	for i, v := range vals {
		writeIndent(b, indent+1)
		if keys != nil {
			writeKYAMLString(b, keys[i], indent+1, true)
			b.WriteString(": ")
		}
		WriteKYAML(b, v, indent+1)
		b.WriteString(",\n")
	}
	writeIndent(b, indent)
	b.WriteByte(brackets[1])
}

// kyamlCuddled: a non-empty sequence whose items are all mappings or sequences.
func kyamlCuddled(items []any) bool {
	for _, e := range items {
		switch e.(type) {
		case map[string]any, []any:
		default:
			return false
		}
	}
	return len(items) > 0
}

func writeIndent(b *strings.Builder, level int) {
	for range level {
		b.WriteString("  ")
	}
}

// kyamlFold ends a folded line inside a quoted string: the escaped line break is not part of
// the value.
const kyamlFold = "\\\n"

// writeKYAMLString writes a quoted string; a key (compact) is left bare when YAML reads it
// back as the same string, and keeps its line breaks and tabs as \n and \t. A value keeps its
// tabs; one with line breaks is
// folded: each line of it on a line of its own, at level indent plus one space (a backslash
// instead when the line starts with white space, which folding would drop).
func writeKYAMLString(b *strings.Builder, s string, indent int, key bool) {
	multi := strings.Contains(s, "\n")
	if key && !multi && !kyamlNeedsQuotes(s) {
		b.WriteString(s)
		return
	}
	fold := multi && !key
	b.WriteByte('"')
	if fold {
		b.WriteString(kyamlFold)
	}
	atLineStart := fold
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		if r == utf8.RuneError && width == 1 {
			// An invalid byte is escaped as it is, without the indentation even first on a line.
			b.WriteString(`\x` + hex2(s[i-1]))
			atLineStart = false
			continue
		}
		if atLineStart {
			writeIndent(b, indent)
			if r != '\n' && unicode.IsSpace(r) {
				b.WriteByte('\\')
			} else {
				b.WriteByte(' ')
			}
		}
		atLineStart = false
		switch {
		case r == '\n' && fold:
			b.WriteString(`\n` + kyamlFold)
			atLineStart = true
		case r == '\t' && !key:
			b.WriteByte('\t') // a value keeps its tabs as they are
		default:
			writeKYAMLRune(b, r)
		}
	}
	if fold {
		if !atLineStart {
			b.WriteString(kyamlFold)
		}
		writeIndent(b, indent)
	}
	b.WriteByte('"')
}

// kyamlEscapes are the YAML double-quoted escapes KYAML uses for runes that are not printable.
var kyamlEscapes = map[rune]string{
	'\a': `\a`, '\b': `\b`, '\f': `\f`, '\n': `\n`, '\r': `\r`, '\t': `\t`, '\v': `\v`, 0: `\0`,
	0x1b: `\e`, 0x85: `\N`, 0xa0: `\_`, 0x2028: `\L`, 0x2029: `\P`,
}

func writeKYAMLRune(b *strings.Builder, r rune) {
	switch {
	case r == '"' || r == '\\':
		b.WriteByte('\\')
		b.WriteRune(r)
	case strconv.IsPrint(r):
		b.WriteRune(r)
	case kyamlEscapes[r] != "":
		b.WriteString(kyamlEscapes[r])
	case r < ' ' || r == 0x7f:
		b.WriteString(`\x` + hex2(byte(r)))
	case r < 0x10000:
		b.WriteString(`\u` + hex2(byte(r>>8)) + hex2(byte(r)))
	default:
		b.WriteString(`\U` + hex2(byte(r>>24)) + hex2(byte(r>>16)) + hex2(byte(r>>8)) + hex2(byte(r)))
	}
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}

// kyamlNeedsQuotes: a key stays bare only when it is letters, digits and "_", with "-", "."
// and "/" inside it, and YAML would not read it as null, a boolean, a number or a timestamp.
func kyamlNeedsQuotes(s string) bool {
	if s == "" || kyamlMisread(s) {
		return true
	}
	runes := []rune(s)
	for i, r := range runes {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' {
			continue
		}
		if i > 0 && i < len(runes)-1 && (r == '-' || r == '.' || r == '/') {
			continue
		}
		return true
	}
	return false
}

// sexagesimal is YAML 1.1's base-60 number ("11:00").
var sexagesimal = regexp.MustCompile(`^[+-]?[1-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$`)

// kyamlMisread reports a string that a YAML parser would read as another type.
func kyamlMisread(s string) bool {
	switch strings.ToLower(s) {
	case "null", "~", "true", "y", "yes", "on", "false", "n", "no", "off", ".inf", "-.inf", "+.inf", ".nan":
		return true
	}
	if _, err := strconv.ParseBool(s); err == nil {
		return true
	}
	digits := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(digits, 0, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseFloat(digits, 64); err == nil {
		return true
	}
	return sexagesimal.MatchString(s) || yamlTimestamp(s)
}

// yamlTimestamp: YAML's timestamp forms (four digits and a dash first).
func yamlTimestamp(s string) bool {
	if len(s) < 5 || s[4] != '-' || strings.IndexFunc(s[:4], func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return false
	}
	for _, layout := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
