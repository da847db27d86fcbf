package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A lesson step's text is Markdown, a subset: paragraphs, *emphasis* / **strong**, lists
// (- item, 1. item), `inline code`, ``` blocks and [links](url). It is parsed into blocks of
// spans and drawn as elements with text nodes only: a lesson file is data from anyone (a
// teacher's file, a link), so nothing in it is ever read as HTML.

type mdBlock struct {
	Kind  string     // "p", "ul", "ol" or "pre"
	Items [][]mdSpan // p: one item; ul/ol: one per list item
	Code  string     // pre: the block's text
}

type mdSpan struct {
	Kind string // "text", "em", "strong", "code" or "link"
	Text string
	Href string // link
}

// parseMarkdown splits text into blocks: a ``` fence opens a code block until the next fence
// (or the end), blank lines end paragraphs, and lines starting with "- ", "* " or "N. " make
// list items (a following indented line continues the item).
func parseMarkdown(text string) []mdBlock {
	var out []mdBlock
	var para []string
	var list *mdBlock
	var listText []string
	flushPara := func() {
		if len(para) > 0 {
			out = append(out, mdBlock{Kind: "p", Items: [][]mdSpan{parseInline(strings.Join(para, " "))}})
			para = nil
		}
	}
	flushItem := func() {
		if list != nil && listText != nil {
			list.Items = append(list.Items, parseInline(strings.Join(listText, " ")))
			listText = nil
		}
	}
	flushList := func() {
		flushItem()
		if list != nil {
			out = append(out, *list)
			list = nil
		}
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			flushPara()
			flushList()
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```"); i++ {
				code = append(code, lines[i])
			}
			out = append(out, mdBlock{Kind: "pre", Code: strings.Join(code, "\n")})
		case trimmed == "":
			flushPara()
			flushList()
		case listMarker(trimmed) != "":
			flushPara()
			kind := listMarker(trimmed)
			if list != nil && list.Kind != kind {
				flushList()
			}
			flushItem()
			if list == nil {
				list = &mdBlock{Kind: kind}
			}
			listText = []string{strings.TrimSpace(trimmed[strings.IndexByte(trimmed, ' ')+1:])}
		case list != nil && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")):
			listText = append(listText, trimmed)
		default:
			flushList()
			para = append(para, trimmed)
		}
	}
	flushPara()
	flushList()
	return out
}

// listMarker is "ul" for "- x" or "* x", "ol" for "12. x", else "".
func listMarker(s string) string {
	if strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* ") {
		return "ul"
	}
	d := 0
	for d < len(s) && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d > 0 && strings.HasPrefix(s[d:], ". ") {
		return "ol"
	}
	return ""
}

// parseInline reads `code`, **strong**, *emphasis* (or _emphasis_) and [text](url). An
// unclosed marker is plain text.
func parseInline(s string) []mdSpan {
	var out []mdSpan
	var text strings.Builder
	emit := func(kind, t, href string) {
		if text.Len() > 0 {
			out = append(out, mdSpan{Kind: "text", Text: text.String()})
			text.Reset()
		}
		out = append(out, mdSpan{Kind: kind, Text: t, Href: href})
	}
	for i := 0; i < len(s); {
		rest := s[i:]
		switch {
		case rest[0] == '`':
			if j := strings.IndexByte(rest[1:], '`'); j >= 0 {
				emit("code", rest[1:1+j], "")
				i += j + 2
				continue
			}
		case strings.HasPrefix(rest, "**"):
			if j := strings.Index(rest[2:], "**"); j > 0 {
				emit("strong", rest[2:2+j], "")
				i += j + 4
				continue
			}
		case rest[0] == '*' || rest[0] == '_':
			if j := strings.IndexByte(rest[1:], rest[0]); j > 0 && rest[1] != ' ' {
				emit("em", rest[1:1+j], "")
				i += j + 2
				continue
			}
		case rest[0] == '[':
			if j := strings.Index(rest, "]("); j > 0 {
				if k := strings.IndexByte(rest[j+2:], ')'); k >= 0 {
					emit("link", rest[1:j], rest[j+2:j+2+k])
					i += j + 3 + k
					continue
				}
			}
		}
		text.WriteByte(s[i])
		i++
	}
	if text.Len() > 0 {
		out = append(out, mdSpan{Kind: "text", Text: text.String()})
	}
	return out
}

// safeHref keeps http(s) and relative links; anything else (javascript:, data:) is dropped.
func safeHref(h string) string {
	h = strings.TrimSpace(h)
	low := strings.ToLower(h)
	if strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "http://") {
		return h
	}
	if i := strings.IndexAny(low, ":/?#"); i < 0 || low[i] != ':' {
		return h // no scheme
	}
	return ""
}

// renderMarkdown draws the blocks; every piece of the lesson's text is a text node.
func renderMarkdown(text string) app.UI {
	blocks := parseMarkdown(text)
	nodes := make([]app.UI, 0, len(blocks))
	for _, b := range blocks {
		switch b.Kind {
		case "pre":
			nodes = append(nodes, app.Pre().Class("md-pre").Body(app.Code().Text(b.Code)))
		case "ul", "ol":
			items := make([]app.UI, 0, len(b.Items))
			for _, it := range b.Items {
				items = append(items, app.Li().Body(renderSpans(it)...))
			}
			if b.Kind == "ol" {
				nodes = append(nodes, app.Ol().Body(items...))
			} else {
				nodes = append(nodes, app.Ul().Body(items...))
			}
		default:
			nodes = append(nodes, app.P().Body(renderSpans(b.Items[0])...))
		}
	}
	return app.Div().Class("md").Body(nodes...)
}

func renderSpans(spans []mdSpan) []app.UI {
	out := make([]app.UI, 0, len(spans))
	for _, s := range spans {
		switch s.Kind {
		case "em":
			out = append(out, app.Em().Text(s.Text))
		case "strong":
			out = append(out, app.Strong().Text(s.Text))
		case "code":
			out = append(out, app.Code().Text(s.Text))
		case "link":
			if h := safeHref(s.Href); h != "" {
				out = append(out, app.A().Href(h).Target("_blank").Rel("noopener noreferrer").Text(s.Text))
			} else {
				out = append(out, app.Text(s.Text))
			}
		default:
			out = append(out, app.Text(s.Text))
		}
	}
	return out
}
