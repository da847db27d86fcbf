package app

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// editor is the YAML editor: a textarea with a line-number gutter, two-space indentation keys
// and the live check of checkYAML shown at the lines it concerns.
//
// The textarea's value lives in the DOM: its text node only seeds it (prerendering shows the
// seed YAML), and programmatic changes (Reset, a restored session, Tab) go through the DOM, so
// re-renders never move the caret. Doc and DocRev are how the playground replaces the text.
type editor struct {
	app.Compo

	Lang     string
	Doc      string
	DocRev   int
	FileName string // the file Apply writes (a lesson's first file, or nginx-deployment.yaml)
	// Editing is the `kubectl edit` command whose file the editor shows ("" for the YAML
	// file); File is that file's name.
	Editing string
	File    string

	text    string
	shown   string // the textarea's seed text: editorPreview of Doc
	rev     int
	check   liveResult
	escaped bool // Escape was pressed: the next Tab leaves the editor
}

const editorID = "yaml-editor"

func (c *editor) OnMount(ctx app.Context) { c.adopt(ctx) }

func (c *editor) OnUpdate(ctx app.Context) {
	if c.DocRev != c.rev {
		c.adopt(ctx)
	}
}

// adopt takes the playground's text into the editor.
func (c *editor) adopt(ctx app.Context) {
	c.rev = c.DocRev
	c.text = c.Doc
	c.shown, _ = editorPreview(c.Doc)
	c.check = liveCheck(c.text)
	c.showText(ctx, c.text)
}

// showText puts text in the textarea after the next render (re-renders never move the caret:
// only a changed value is written).
func (c *editor) showText(ctx app.Context, text string) {
	text, _ = editorPreview(text)
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(editorID); el.Truthy() && el.Get("value").String() != text {
			el.Set("value", text)
		}
	})
}

// editorPreview is what the textarea holds: the text, or for a text over the budget its first
// lines (within maxCheckedLines and maxCheckedBytes). Chromium's textarea itself needs seconds
// for every change at a hundred thousand lines (measured: setting 200,000 newlines took 26 s),
// so a larger file is shown read-only; Apply and share links still use all of it.
func editorPreview(text string) (string, bool) {
	if len(text) <= maxCheckedBytes && editorLines(text) <= maxCheckedLines {
		return text, false
	}
	cut, lines := 0, 0
	for lines < maxCheckedLines {
		i := strings.IndexByte(text[cut:], '\n')
		if i < 0 || cut+i+1 > maxCheckedBytes {
			break
		}
		cut += i + 1
		lines++
	}
	return text[:cut], true
}

func (c *editor) Render() (ui app.UI) {
	defer recoverRender(&ui, "editor")
	lang := c.Lang
	if c.rev == 0 && c.text == "" && c.check.Lines == 0 {
		c.check = liveCheck(c.Doc) // before mounting (prerendering)
		c.shown, _ = editorPreview(c.Doc)
	}
	problems := c.check.Problems
	invalid := "false"
	if len(problems) > 0 {
		invalid = "true"
	}
	textarea := app.Textarea().
		ID(editorID).
		Class("code").
		Aria("label", tr(lang, "editor.label")).
		Aria("describedby", "editor-problems editor-help").
		Aria("invalid", invalid).
		Attr("wrap", "off").
		Attr("autocapitalize", "off").
		Attr("autocomplete", "off").
		Attr("autocorrect", "off").
		Spellcheck(false).
		Rows(20).
		OnInput(safely("editor", c.onInput)).
		OnKeyDown(safely("editor", c.onKeyDown)).
		On("scroll", safely("editor", c.onScroll)).
		Body(app.Text(c.shown))
	if c.check.TooLarge {
		textarea = textarea.ReadOnly(true) // go-app would print readonly="false" otherwise
	}
	file := c.FileName
	if c.Editing != "" {
		file = c.File
	}
	return app.Section().Class("panel editor").Aria("labelledby", "editor-h").DataSet("editing", c.Editing != "").Body(
		app.Div().Class("panel-head").Body(
			app.H2().ID("editor-h").Text(tr(lang, "editor.title")),
			app.Span().Class("file").Text(file),
		),
		when(c.Editing != "", func() app.UI {
			return app.P().Class("edit-note").Role("status").Body(
				app.Code().Text(c.Editing),
				app.Text(" — "+tr(lang, "editor.editing")),
			)
		}),
		app.Div().Class("editor-wrap").Body(
			&gutter{Lines: c.check.Lines, Bad: c.check.Bad, Title: tr(lang, "editor.lineHasProblem")},
			textarea,
		),
		app.Div().ID("editor-problems").Class("problems").Aria("live", "polite").Body(
			renderProblems(lang, c.check),
		),
		app.P().ID("editor-help").Class("hint").Text(tr(lang, "editor.help")),
		either(c.Editing != "", func() app.UI {
			return app.Div().Class("actions").Body(
				app.Button().Class("btn primary").Text(tr(lang, "editor.save")).
					OnClick(func(ctx app.Context, e app.Event) { actEditSave.post(ctx, c.current()) }),
				app.Button().Class("btn").Text(tr(lang, "editor.cancel")).
					OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actEditCancel) }),
			)
		}, func() app.UI {
			return app.Div().Class("actions").Body(
				app.Button().Class("btn primary").Text(tr(lang, "editor.apply")).
					OnClick(func(ctx app.Context, e app.Event) { actApply.post(ctx, c.current()) }),
				app.Button().Class("btn").Text(tr(lang, "editor.reset")).
					Title(tr(lang, "editor.reset.title")).
					OnClick(safely("editor", c.onReset)),
			)
		}),
	)
}

// renderProblems is the live check's verdict: valid, the problems with their lines, or that
// the file is over the check's budget.
func renderProblems(lang string, r liveResult) app.UI {
	switch {
	case r.TooLarge:
		return app.P().Class("unchecked").Text(trf(lang, "editor.tooLarge", r.Lines))
	case len(r.Problems) == 0:
		return app.P().Class("ok").Body(
			app.Span().Aria("hidden", "true").Text("✓ "),
			app.Text(tr(lang, "editor.valid")),
		)
	}
	return app.Ul().Body(
		app.Range(r.Problems).Slice(func(i int) app.UI {
			pr := r.Problems[i]
			return app.Li().Body(
				app.Button().
					Class("linkish").
					Text(trf(lang, "editor.line", pr.Line)).
					OnClick(func(ctx app.Context, e app.Event) { goToLine(pr.Line) }, pr.Line, i),
				app.Span().Text(" "+pr.Msg),
			)
		}),
	)
}

// maxGutterLines bounds the line numbers drawn, as editorPreview bounds the text: past it the
// gutter ends with "…" (numbering two million lines, one element each, froze the page).
const maxGutterLines = maxCheckedLines

// gutter is the editor's line numbers, as text: one text node for each run of lines without a
// problem and a marked span for each line with one, so any file costs a few DOM nodes.
type gutter struct {
	app.Compo

	Lines int
	Bad   []int // lines with a problem, ascending, without repeats
	Title string
}

func (g *gutter) Render() app.UI {
	return app.Div().ID("editor-gutter").Class("gutter").Aria("hidden", "true").Body(gutterNodes(g.Lines, g.Bad, g.Title)...)
}

// gutterNodes numbers lines 1..min(lines, maxGutterLines), one per text line.
func gutterNodes(lines int, bad []int, title string) []app.UI {
	n := min(max(lines, 1), maxGutterLines)
	var out []app.UI
	var b strings.Builder
	next := 1
	for _, l := range bad {
		if l < next || l > n {
			continue
		}
		for ; next < l; next++ {
			b.WriteString(strconv.Itoa(next))
			b.WriteByte('\n')
		}
		if b.Len() > 0 {
			out = append(out, app.Text(b.String()))
			b.Reset()
		}
		out = append(out, app.Span().DataSet("err", "1").Title(title).Text(strconv.Itoa(l)))
		next = l + 1
		if next <= n {
			b.WriteByte('\n')
		}
	}
	for ; next <= n; next++ {
		b.WriteString(strconv.Itoa(next))
		if next < n {
			b.WriteByte('\n')
		}
	}
	if lines > n {
		b.WriteString("\n…")
	}
	if b.Len() > 0 {
		out = append(out, app.Text(b.String()))
	}
	return out
}

// current is the editor's text (the DOM's when mounted and not too large to edit there).
func (c *editor) current() string {
	if el := app.Window().GetElementByID(editorID); el.Truthy() && !c.check.TooLarge {
		return el.Get("value").String()
	}
	return c.text
}

func (c *editor) onInput(ctx app.Context, e app.Event) {
	c.setText(ctx, ctx.JSSrc().Get("value").String())
}

func (c *editor) setText(ctx app.Context, text string) {
	c.text = text
	c.check = liveCheck(text)
	if c.check.TooLarge {
		c.showText(ctx, text) // a paste over the budget: show it read-only, keep it all
	}
	if c.Editing == "" {
		actEditorText.post(ctx, text) // the file buffer (an edit's text is sent on Save)
	}
}

func (c *editor) onReset(ctx app.Context, e app.Event) {
	if el := app.Window().GetElementByID(editorID); el.Truthy() {
		el.Set("value", startYAML)
	}
	c.setText(ctx, startYAML)
}

func (c *editor) onScroll(ctx app.Context, e app.Event) {
	if g := app.Window().GetElementByID("editor-gutter"); g.Truthy() {
		g.Set("scrollTop", ctx.JSSrc().Get("scrollTop"))
	}
}

// onKeyDown: Tab indents by two spaces, Shift+Tab dedents, Enter keeps the indentation; after
// Escape, Tab moves the focus on (so the editor is no keyboard trap). Other keys are left to the
// browser; their input event brings the new text.
//
// No handler here calls ctx.PreventUpdate: in go-app v9.8 it is not "skip this render" but
// "ignore this component's own events from now on" (the engine keeps the component marked as
// not updatable until its parent passes new props), which froze the live check after the first
// keystroke. A render is cheap instead: the gutter is a child component that is only rendered
// again when the line count or the problem lines change.
func (c *editor) onKeyDown(ctx app.Context, e app.Event) {
	key := e.Get("key").String()
	if key == "Escape" {
		c.escaped = true
		return
	}
	escaped := c.escaped
	c.escaped = false
	if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
		return
	}
	el := ctx.JSSrc()
	var ed textEdit
	switch {
	case key == "Tab" && !escaped:
		ed = indentEdit(el.Get("value").String(), el.Get("selectionStart").Int(), el.Get("selectionEnd").Int(),
			e.Get("shiftKey").Bool())
	case key == "Enter" && !e.Get("shiftKey").Bool():
		ed = newlineEdit(el.Get("value").String(), el.Get("selectionStart").Int(), el.Get("selectionEnd").Int())
	default:
		return
	}
	e.PreventDefault()
	applyEdit(el, ed)
	c.setText(ctx, el.Get("value").String())
}

// applyEdit replaces a range of the textarea. document.execCommand("insertText") keeps the
// browser's own undo history and fires the input event; setRangeText is the fallback.
func applyEdit(el app.Value, ed textEdit) {
	if ed.Start == ed.End && ed.Insert == "" {
		el.Call("setSelectionRange", ed.SelStart, ed.SelEnd)
		return
	}
	el.Call("setSelectionRange", ed.Start, ed.End)
	done := false
	doc := app.Window().Get("document")
	if doc.Truthy() && doc.Get("execCommand").Truthy() {
		if ed.Insert == "" {
			done = doc.Call("execCommand", "delete", false).Bool()
		} else {
			done = doc.Call("execCommand", "insertText", false, ed.Insert).Bool()
		}
	}
	if !done {
		el.Call("setRangeText", ed.Insert, ed.Start, ed.End, "end")
	}
	el.Call("setSelectionRange", ed.SelStart, ed.SelEnd)
}

// goToLine puts the caret at the start of a line and scrolls it into view.
func goToLine(line int) {
	el := app.Window().GetElementByID(editorID)
	if !el.Truthy() {
		return
	}
	u := utf16Units(el.Get("value").String())
	pos, l := 0, 1
	for pos < len(u) && l < line {
		if u[pos] == '\n' {
			l++
		}
		pos++
	}
	el.Call("focus")
	el.Call("setSelectionRange", pos, pos)
	lh := el.Get("scrollHeight").Float() / float64(max(1, countLines(u)))
	el.Set("scrollTop", max(0, float64(line-3)*lh))
}

func countLines(u []uint16) int {
	n := 1
	for _, c := range u {
		if c == '\n' {
			n++
		}
	}
	return n
}

// textEdit replaces text[Start:End] with Insert, then selects SelStart..SelEnd. Offsets count
// UTF-16 code units, as the DOM's selectionStart does.
type textEdit struct {
	Start, End       int
	Insert           string
	SelStart, SelEnd int
}

func utf16Units(s string) []uint16 { return utf16.Encode([]rune(s)) }

func fromUnits(u []uint16) string { return string(utf16.Decode(u)) }

func clampSel(u []uint16, a, b int) (int, int) {
	a = min(max(a, 0), len(u))
	b = min(max(b, 0), len(u))
	if b < a {
		a, b = b, a
	}
	return a, b
}

func lineStart(u []uint16, i int) int {
	for i > 0 && u[i-1] != '\n' {
		i--
	}
	return i
}

func lineEnd(u []uint16, i int) int {
	for i < len(u) && u[i] != '\n' {
		i++
	}
	return i
}

// indentEdit is Tab (two spaces at the caret, or every selected line indented) and Shift+Tab
// (up to two leading spaces removed from every line of the selection).
func indentEdit(text string, selStart, selEnd int, dedent bool) textEdit {
	u := utf16Units(text)
	a, b := clampSel(u, selStart, selEnd)
	multi := false
	for _, ch := range u[a:b] {
		if ch == '\n' {
			multi = true
			break
		}
	}
	if !dedent && !multi {
		return textEdit{Start: a, End: b, Insert: "  ", SelStart: a + 2, SelEnd: a + 2}
	}
	bs := lineStart(u, a)
	// A selection ending at the start of a line does not include that line.
	lastLine := b
	if multi && b > a && u[b-1] == '\n' {
		lastLine = b - 1
	}
	be := lineEnd(u, lastLine)
	block := strings.Split(fromUnits(u[bs:be]), "\n")
	newA, newB := a, b
	for i, l := range block {
		if dedent {
			n := 0
			for n < 2 && n < len(l) && l[n] == ' ' {
				n++
			}
			block[i] = l[n:]
			if i == 0 {
				newA -= min(n, a-bs)
			}
			newB -= n
		} else {
			block[i] = "  " + l
			if i == 0 {
				newA += 2
			}
			newB += 2
		}
	}
	newA = max(newA, bs)
	newB = max(newB, newA)
	if !multi {
		newB = newA + (b - a)
		if newB > bs+len(utf16Units(block[0])) {
			newB = newA
		}
	}
	return textEdit{Start: bs, End: be, Insert: strings.Join(block, "\n"), SelStart: newA, SelEnd: newB}
}

// newlineEdit is Enter: a new line with the current line's indentation, one level deeper after
// a line ending in ":" and aligned with the item's keys after "- key: value".
func newlineEdit(text string, selStart, selEnd int) textEdit {
	u := utf16Units(text)
	a, b := clampSel(u, selStart, selEnd)
	ls := lineStart(u, a)
	line := fromUnits(u[ls:a])
	indent := len(line) - len(strings.TrimLeft(line, " "))
	body := strings.TrimSpace(line)
	if isDash(body) {
		indent += 2
	}
	if strings.HasSuffix(body, ":") {
		indent += 2
	}
	if strings.TrimSpace(line) == "" {
		indent = len(line) // a blank line keeps the caret's column
	}
	ins := "\n" + strings.Repeat(" ", indent)
	n := len(utf16Units(ins))
	return textEdit{Start: a, End: b, Insert: ins, SelStart: a + n, SelEnd: a + n}
}
