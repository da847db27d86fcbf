package kubectl

import (
	"fmt"
	"strings"
	"unicode"

	"rolloutlab/engine/api"
)

func init() {
	register(&command{name: "explain", path: "explain", help: explainHelp, run: runExplain, flags: []*flagDef{
		{long: "recursive", kind: boolFlag, noOpt: "true"},
		{long: "api-version", kind: stringFlag},
		{long: "output", short: "o", kind: stringFlag},
	}})
}

// explainRoots are the kinds `kubectl explain` can document, with their group and version.
var explainRoots = map[string]struct{ group, version string }{
	api.KindDeployment: {"apps", "v1"},
	api.KindReplicaSet: {"apps", "v1"},
	api.KindPod:        {"", "v1"},
	kindService:        {"", "v1"},
}

func runExplain(k *Kubectl, c *command, args []string, res *Result) {
	p, ok := c.parse(args, res)
	if !ok {
		return
	}
	if len(p.args) == 0 {
		res.Stderr.WriteString("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl explain -h' for help and examples\n")
		res.Exit = 1
		return
	}
	if len(p.args) > 1 {
		res.Stderr.WriteString("error: We accept only this format: explain RESOURCE\n\nSee 'kubectl explain -h' for help and examples\n")
		res.Exit = 1
		return
	}
	if o := p.str("output", "plaintext"); o != "plaintext" {
		res.failf("unrecognized format: %s", o)
		return
	}
	parts := strings.Split(p.args[0], ".")
	typ := lookupType(parts[0])
	path := parts[1:]
	if len(parts) > 1 {
		// `deployments.apps.spec`: a group-qualified resource name comes first.
		if t := lookupType(parts[0] + "." + parts[1]); t != nil && strings.Contains(t.qualified, ".") {
			typ, path = t, parts[2:]
		}
	}
	if typ == nil {
		res.fail(errNoType(parts[0]))
		return
	}
	root, ok := explainRoots[typ.kind]
	if !ok || schemaTypes[typ.kind] == nil {
		res.failf("GVR (%s) not found in OpenAPI schema", gvrString(typ))
		return
	}
	if v := p.str("api-version", ""); v != "" && v != strings.TrimPrefix(root.group+"/"+root.version, "/") {
		res.failf("couldn't find resource for \"%s\"", strings.TrimPrefix(v, "/")+", Kind="+typ.kind)
		return
	}
	out, err := explain(typ.kind, root.group, root.version, path, p.boolean("recursive"))
	if err != nil {
		res.fail(err)
		return
	}
	res.Stdout.WriteString(out)
}

func gvrString(t *resourceType) string {
	group := ""
	if i := strings.IndexByte(t.qualified, '.'); i >= 0 {
		group = t.qualified[i+1:]
	}
	return group + "/v1, Resource=" + t.plural
}

// explain renders kubectl 1.37's plaintext explain layout for kind and the field path.
func explain(kind, group, version string, path []string, recursive bool) (string, error) {
	var b strings.Builder
	if group != "" {
		b.WriteString("GROUP:      " + group + "\n")
	}
	b.WriteString("KIND:       " + kind + "\n")
	b.WriteString("VERSION:    " + version + "\n\n")

	t := schemaTypes[kind]
	desc := t.desc + "\n"
	for i, name := range path {
		f := (*schemaField)(nil)
		if t != nil && !t.opaque {
			f = t.fields[name]
		}
		if f == nil {
			return "", fmt.Errorf("error: field %q does not exist", path[len(path)-1])
		}
		t = schemaTypes[f.ref]
		if i == len(path)-1 {
			fmt.Fprintf(&b, "FIELD: %s <%s>\n", f.name, f.typ)
			if len(f.enum) > 0 {
				b.WriteString("ENUM:\n    " + strings.Join(f.enum, "\n    ") + "\n")
			} else {
				b.WriteString("\n")
			}
			b.WriteString("\n")
			desc = f.desc + "\n"
			if t != nil && t.desc != "" {
				desc += t.desc + "\n"
			}
		}
	}
	b.WriteString("DESCRIPTION:\n")
	b.WriteString(indentText(4, wordWrap(desc, 76)))
	b.WriteString("\n")
	if t != nil && !t.opaque && len(t.names) > 0 {
		b.WriteString("FIELDS:\n")
		writeFields(&b, t, 1, recursive, map[string]bool{t.name: true})
	}
	b.WriteString("\n")
	return b.String(), nil
}

// writeFields lists a type's fields: name, type and -required-, then (unless recursive) the
// description; recursive lists the fields of each field's type below it instead.
func writeFields(b *strings.Builder, t *schemaType, level int, recursive bool, seen map[string]bool) {
	pad := strings.Repeat(" ", level*2)
	for _, name := range t.names {
		f := t.fields[name]
		b.WriteString(pad + name + "\t<" + f.typ + ">")
		if t.required[name] {
			b.WriteString(" -required-")
		}
		b.WriteString("\n")
		if len(f.enum) > 0 {
			b.WriteString(pad + "enum: " + strings.Join(f.enum, ", ") + "\n")
		}
		if recursive {
			if sub := schemaTypes[f.ref]; sub != nil && !sub.opaque && !seen[sub.name] {
				seen[sub.name] = true
				writeFields(b, sub, level+1, true, seen)
				delete(seen, sub.name)
			}
			continue
		}
		d := f.desc
		if d == "" {
			d = "<no description>"
		}
		b.WriteString(indentText(level*2+2, wordWrap(d, 78-level*2)))
		b.WriteString("\n\n")
	}
}

// indentText puts n spaces before every line of s, the empty last one included.
func indentText(n int, s string) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// wordWrap breaks lines longer than limit at spaces, keeping existing line breaks, the way
// kubectl's word-wrap writer does: spaces at a break are dropped, a word longer than the limit
// is never split, and a line's leading spaces are kept.
func wordWrap(s string, limit int) string {
	var out, word, space strings.Builder
	cur, wordLen, spaceLen := 0, 0, 0
	flush := func() {
		cur += spaceLen + wordLen
		out.WriteString(space.String())
		out.WriteString(word.String())
		space.Reset()
		word.Reset()
		spaceLen, wordLen = 0, 0
	}
	for _, r := range s {
		switch {
		case r == '\n':
			if word.Len() == 0 {
				if cur+spaceLen <= limit {
					out.WriteString(space.String())
				}
				space.Reset()
				spaceLen = 0
			} else {
				flush()
			}
			out.WriteRune(r)
			cur = 0
		case unicode.IsSpace(r) && r != '\u00a0':
			if space.Len() == 0 || word.Len() > 0 {
				flush()
			}
			space.WriteRune(r)
			spaceLen++
		default:
			word.WriteRune(r)
			wordLen++
			if cur+spaceLen+wordLen > limit && wordLen < limit {
				out.WriteByte('\n')
				cur = 0
				space.Reset()
				spaceLen = 0
			}
		}
	}
	if word.Len() == 0 {
		if cur+spaceLen <= limit {
			out.WriteString(space.String())
		}
	} else {
		out.WriteString(space.String())
		out.WriteString(word.String())
	}
	return out.String()
}
