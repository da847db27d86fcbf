package kubectl

import (
	"fmt"
	"strconv"
	"strings"
)

// evalJSONPath runs the subset of kubectl's JSONPath learners use: literal text, {.a.b},
// {.items[*].x}, {.items[0].x}, {.metadata.labels.app}, {"\n"}, and {range …}…{end}.
func evalJSONPath(tmpl string, root any) (string, error) {
	var b strings.Builder
	if err := execTemplate(tmpl, []any{root}, &b, root); err != nil {
		return "", err
	}
	return b.String(), nil
}

func execTemplate(tmpl string, ctx []any, b *strings.Builder, root any) error {
	for len(tmpl) > 0 {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			b.WriteString(tmpl)
			return nil
		}
		b.WriteString(tmpl[:open])
		close := strings.IndexByte(tmpl[open:], '}')
		if close < 0 {
			return fmt.Errorf("unclosed action")
		}
		action := strings.TrimSpace(tmpl[open+1 : open+close])
		tmpl = tmpl[open+close+1:]
		switch {
		case strings.HasPrefix(action, "range "):
			body, rest, err := splitRange(tmpl)
			if err != nil {
				return err
			}
			tmpl = rest
			for _, c := range ctx {
				for _, item := range selectPath(strings.TrimSpace(action[6:]), c, root) {
					if err := execTemplate(body, []any{item}, b, root); err != nil {
						return err
					}
				}
			}
		case action == "end":
			return fmt.Errorf("not in range, nothing to end")
		case strings.HasPrefix(action, `"`):
			s, err := strconv.Unquote(action)
			if err != nil {
				return fmt.Errorf("unrecognized character in action: %s", action)
			}
			b.WriteString(s)
		default:
			var vals []string
			for _, c := range ctx {
				for _, v := range selectPath(action, c, root) {
					vals = append(vals, jsonText(v))
				}
			}
			b.WriteString(strings.Join(vals, " "))
		}
	}
	return nil
}

func splitRange(tmpl string) (body, rest string, err error) {
	depth := 1
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] != '{' {
			continue
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			break
		}
		a := strings.TrimSpace(tmpl[i+1 : i+j])
		if strings.HasPrefix(a, "range ") {
			depth++
		} else if a == "end" {
			depth--
			if depth == 0 {
				return tmpl[:i], tmpl[i+j+1:], nil
			}
		}
	}
	return "", "", fmt.Errorf("range without end")
}

// selectPath follows .a.b[*].c from cur ($ means the root).
func selectPath(path string, cur, root any) []any {
	if strings.HasPrefix(path, "$") {
		cur, path = root, path[1:]
	}
	vals := []any{cur}
	for _, seg := range splitPath(path) {
		var next []any
		name, index, hasIndex := strings.Cut(seg, "[")
		for _, v := range vals {
			if name != "" {
				m, ok := v.(map[string]any)
				if !ok {
					continue
				}
				v, ok = m[name]
				if !ok {
					continue
				}
			}
			if !hasIndex {
				next = append(next, v)
				continue
			}
			list, ok := v.([]any)
			if !ok {
				continue
			}
			idx := strings.TrimSuffix(index, "]")
			if idx == "*" || idx == ":" {
				next = append(next, list...)
				continue
			}
			n, err := strconv.Atoi(idx)
			if err != nil {
				continue
			}
			if n < 0 {
				n += len(list)
			}
			if n >= 0 && n < len(list) {
				next = append(next, list[n])
			}
		}
		vals = next
	}
	return vals
}

// splitPath splits on dots that are not escaped (`kubernetes\.io/change-cause` is one key).
func splitPath(path string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(path); i++ {
		switch {
		case path[i] == '\\' && i+1 < len(path) && path[i+1] == '.':
			cur.WriteByte('.')
			i++
		case path[i] == '.':
			if cur.Len() > 0 {
				out = append(out, cur.String())
			}
			cur.Reset()
		default:
			cur.WriteByte(path[i])
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
