package app

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"sigs.k8s.io/yaml"

	"rolloutlab/engine"
	"rolloutlab/engine/lesson"
)

// The lesson builder: "Make a lesson" turns the free-play session into a lesson draft. Each
// command run so far becomes a step; its check is proposed from the cluster as it was after
// the command (and the time that followed it, up to the next command): the command was run,
// and, for a command that changed a Deployment, its replicas and image. The author edits the
// checks and writes the text in both languages, then exports the lesson file, or a link that
// carries it (?lesson=ID#lesson=…), which opens the lesson with its starting state.

const (
	lessonFragmentPrefix = "lesson="
	// maxLessonLink bounds a lesson carried in a link, decompressed.
	maxLessonLink = 256 << 10

	actBuilderOpen   action[bool]        = "rl/builder/open"   // value: bool
	actBuilderField  action[builderEdit] = "rl/builder/field"  // a draftField path and its text
	actBuilderExport                     = "rl/builder/export" //
	actBuilderLink                       = "rl/builder/link"   //
)

// lessonDraft is the lesson being written, in the file's own format (docs/lessons.md), so
// that exporting is marshalling it.
type lessonDraft struct {
	ID      string      `json:"id"`
	Title   draftText   `json:"title"`
	Summary draftText   `json:"summary"`
	Level   string      `json:"level"`
	Minutes int         `json:"minutes"`
	Start   draftStart  `json:"start"`
	Steps   []draftStep `json:"steps"`
	Finish  draftText   `json:"finish"`
}

type draftText struct {
	EN string `json:"en"`
	ZH string `json:"zh,omitempty"`
}

type draftStart struct {
	Files []draftFile `json:"files,omitempty"`
}

type draftFile struct {
	Name    string `json:"name"`
	Content string `json:"content"`
}

type draftStep struct {
	Title    draftText   `json:"title"`
	Text     draftText   `json:"text"`
	Run      []string    `json:"run,omitempty"`
	Solution []string    `json:"solution"`
	Check    []draftCond `json:"check"`
}

type draftCond struct {
	Kubectl string  `json:"kubectl,omitempty"`
	Equals  *string `json:"equals,omitempty"`
	Ran     string  `json:"ran,omitempty"`
}

type lessonBuilder struct {
	draft lessonDraft
	err   string // why the draft is not a valid lesson yet ("" when it is)
	link  string
}

// draftFromSession proposes a lesson from a session: the files written before its first
// command are the starting state, and every command after is a step.
func draftFromSession(s *engine.Session) (lessonDraft, error) {
	data, err := s.Marshal()
	if err != nil {
		return lessonDraft{}, err
	}
	replay, err := engine.RestoreSession(data, engine.Options{})
	if err != nil {
		return lessonDraft{}, err
	}
	ins := s.Inputs()[:s.Position()]
	d := lessonDraft{ID: "my-lesson", Title: draftText{EN: "My lesson"}, Summary: draftText{EN: "A lesson made in the lesson builder."},
		Level: "beginner", Minutes: 10, Finish: draftText{EN: "Well done."}}
	files := map[string]int{}
	commands := 0
	for i, in := range ins {
		switch in.Kind {
		case engine.KindFile:
			if commands == 0 {
				if j, ok := files[in.Name]; ok {
					d.Start.Files[j].Content = in.Content
				} else {
					files[in.Name] = len(d.Start.Files)
					d.Start.Files = append(d.Start.Files, draftFile{Name: in.Name, Content: in.Content})
				}
			}
		case engine.KindExec, engine.KindEdit:
			if in.Kind == engine.KindEdit || engine.IsEdit(in.Line) {
				continue // an edit saves a file the learner typed: no one-line solution
			}
			commands++
			end := i + 1
			for end < len(ins) && ins[end].Kind != engine.KindExec && ins[end].Kind != engine.KindEdit {
				end++
			}
			replay.Seek(end)
			d.Steps = append(d.Steps, draftStep{
				Title:    draftText{EN: fmt.Sprintf("Step %d", commands)},
				Text:     draftText{EN: "Run `" + in.Line + "`."},
				Run:      []string{in.Line},
				Solution: []string{in.Line},
				Check:    proposeCheck(replay, in),
			})
		}
	}
	if len(d.Steps) == 0 {
		return d, errors.New("run some commands first: each becomes a step")
	}
	return d, nil
}

// proposeCheck: the command was run; after a change, the Deployment it names (or the only
// one) has the replicas and image it had then.
func proposeCheck(s *engine.Session, in engine.Input) []draftCond {
	conds := []draftCond{{Ran: "/^" + regexp.QuoteMeta(in.Line) + "$/"}}
	if in.Read {
		return conds
	}
	v := s.View(0)
	var dep *engine.DeploymentView
	for i := range v.Deployments {
		if dep == nil && (len(v.Deployments) == 1 || strings.Contains(in.Line, v.Deployments[i].Name)) {
			dep = &v.Deployments[i]
		}
	}
	if dep == nil {
		return conds
	}
	replicas := strconv.Itoa(int(dep.Replicas))
	conds = append(conds, draftCond{Kubectl: "get deployment " + dep.Name + " -o jsonpath={.spec.replicas}", Equals: &replicas})
	if len(dep.Images) == 1 {
		img := dep.Images[0]
		conds = append(conds, draftCond{Kubectl: "get deployment " + dep.Name + " -o jsonpath={.spec.template.spec.containers[0].image}", Equals: &img})
	}
	return conds
}

// yamlOf is the draft as a lesson file.
func (d lessonDraft) yamlOf() ([]byte, error) { return yaml.Marshal(d) }

// check parses the draft as any lesson file is parsed, so an export always loads.
func (b *lessonBuilder) check() (*lesson.Lesson, []byte) {
	data, err := b.draft.yamlOf()
	if err != nil {
		b.err = err.Error()
		return nil, nil
	}
	l, _, err := lesson.Parse(b.draft.ID+".yaml", data)
	if err != nil {
		b.err = err.Error()
		return nil, nil
	}
	b.err = ""
	return l, data
}

// setField changes one field of the draft: "id", "title.en", "steps.2.text.zh",
// "steps.2.check.1.equals", … It writes a step or a check into new copies of their slices,
// never into the old ones: the builder panel's props share them, and go-app compares its old
// props with the new (reflect.DeepEqual), so a write in place would look unchanged.
func (d *lessonDraft) setField(path, v string) {
	parts := strings.Split(path, ".")
	text := func(t *draftText, lang string) {
		if lang == "zh" {
			t.ZH = v
		} else {
			t.EN = v
		}
	}
	switch parts[0] {
	case "id":
		d.ID = v
	case "title", "summary", "finish":
		if len(parts) == 2 {
			text(map[string]*draftText{"title": &d.Title, "summary": &d.Summary, "finish": &d.Finish}[parts[0]], parts[1])
		}
	case "steps":
		if len(parts) < 3 {
			return
		}
		i, err := strconv.Atoi(parts[1])
		if err != nil || i < 0 || i >= len(d.Steps) {
			return
		}
		d.Steps = slices.Clone(d.Steps)
		st := &d.Steps[i]
		switch {
		case parts[2] == "title" && len(parts) == 4:
			text(&st.Title, parts[3])
		case parts[2] == "text" && len(parts) == 4:
			text(&st.Text, parts[3])
		case parts[2] == "check" && len(parts) == 5:
			j, err := strconv.Atoi(parts[3])
			if err != nil || j < 0 || j >= len(st.Check) {
				return
			}
			st.Check = slices.Clone(st.Check)
			c := &st.Check[j]
			switch parts[4] {
			case "kubectl":
				c.Kubectl = v
			case "equals":
				c.Equals = &v
			case "ran":
				c.Ran = v
			}
		}
	}
}

// encodeLessonLink and decodeLessonLink carry a lesson file in a link's fragment.
func encodeLessonLink(data []byte) string {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(data)
	w.Close()
	return base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

func decodeLessonLink(frag string) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(frag)
	if err != nil {
		return nil, errors.New("the link is damaged (not base64url)")
	}
	data, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw)), maxLessonLink+1))
	if err != nil {
		return nil, errors.New("the link is damaged (not deflate)")
	}
	if len(data) > maxLessonLink {
		return nil, errors.New("the lesson in the link is too large")
	}
	return data, nil
}

// routeURL routes the page, after loading a lesson a link carries (#lesson=…): it joins the
// catalog, and the URL's ?lesson names it.
func (p *playground) routeURL(ctx app.Context, u *url.URL) {
	if frag, ok := strings.CutPrefix(u.Fragment, lessonFragmentPrefix); ok {
		p.loadCatalog(ctx)
		data, err := decodeLessonLink(frag)
		var l *lesson.Lesson
		if err == nil {
			l, _, err = lesson.Parse("link", data)
		}
		if err != nil {
			p.les.loadErr = err.Error()
			p.banner = trf(p.lang, "lesson.files.bad", err.Error())
		} else {
			p.addLesson(l)
			p.lesson = l.ID
		}
		clean := *u
		clean.Fragment = ""
		q := clean.Query()
		if l != nil {
			q.Set("lesson", l.ID)
		}
		clean.RawQuery = q.Encode()
		replaceURL(clean.String())
	}
	p.route(ctx, strings.HasPrefix(u.Fragment, shareFragmentPrefix))
}

func (p *playground) registerBuilderActions(on func(string, func(app.Context, app.Action))) {
	handle(on, actBuilderOpen, func(ctx app.Context, open bool) { p.openBuilder(open) })
	handle(on, actBuilderField, func(ctx app.Context, e builderEdit) { p.editBuilder(e.Path, e.Value) })
	on(actBuilderExport, func(ctx app.Context, a app.Action) {
		if b := p.les.builder; b != nil {
			if l, data := b.check(); l != nil {
				downloadText(l.ID+".yaml", string(data))
			}
		}
	})
	on(actBuilderLink, func(ctx app.Context, a app.Action) {
		if b := p.les.builder; b != nil {
			if l, data := b.check(); l != nil {
				base := app.Window().Get("location").Get("href").String()
				u, err := url.Parse(base)
				if err != nil {
					return
				}
				u.RawQuery = url.Values{"lang": {p.lang}, "lesson": {l.ID}}.Encode()
				u.Fragment = lessonFragmentPrefix + encodeLessonLink(data)
				b.link = u.String()
			}
		}
	})
}

// builderPanel is the builder's panel, drawn from its props: the lesson's fields, then each
// step with its text in both languages and its proposed check, editable; export and link.
type builderPanel struct {
	app.Compo

	Lang  string
	Draft lessonDraft // a copy: setField writes new slices, never into these
	Err   string
	Link  string
}

func (c *builderPanel) Render() (ui app.UI) {
	defer recoverRender(&ui, "builder")
	lang, d := c.Lang, &c.Draft
	steps := make([]app.UI, 0, len(d.Steps))
	for i, st := range d.Steps {
		pre := "steps." + strconv.Itoa(i) + "."
		conds := []app.UI{app.Legend().Text(tr(lang, "builder.check"))}
		for j, c := range st.Check {
			cp := pre + "check." + strconv.Itoa(j) + "."
			if c.Ran != "" {
				conds = append(conds, builderField(lang, "builder.ran", cp+"ran", c.Ran, false))
				continue
			}
			eq := ""
			if c.Equals != nil {
				eq = *c.Equals
			}
			conds = append(conds, builderField(lang, "builder.kubectl", cp+"kubectl", c.Kubectl, false),
				builderField(lang, "builder.equals", cp+"equals", eq, false))
		}
		steps = append(steps, app.Li().Class("b-step").Body(
			app.P().Body(app.Code().Text(strings.Join(st.Solution, "; "))),
			builderTexts(lang, pre+"title", "builder.title", st.Title, false),
			builderTexts(lang, pre+"text", "builder.text", st.Text, true),
			app.FieldSet().Body(conds...),
		))
	}
	return app.Div().Class("area-lesson").Body(app.Section().Class("panel builder").Role("region").Aria("label", tr(lang, "builder.title")).Body(
		app.H2().Text(tr(lang, "builder.title")),
		app.P().Class("hint").Text(tr(lang, "builder.intro")),
		builderField(lang, "builder.id", "id", d.ID, false),
		builderTexts(lang, "title", "builder.title", d.Title, false),
		builderTexts(lang, "summary", "builder.summary", d.Summary, true),
		app.Ol().Class("b-steps").Body(steps...),
		builderTexts(lang, "finish", "builder.finish", d.Finish, true),
		when(c.Err != "", func() app.UI { return app.P().Class("lesson-error").Role("alert").Text(c.Err) }),
		app.Div().Class("lesson-actions").Body(
			app.Button().Class("btn").Disabled(c.Err != "").Text(tr(lang, "builder.export")).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actBuilderExport) }),
			app.Button().Class("btn ghost").Disabled(c.Err != "").Text(tr(lang, "builder.link")).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actBuilderLink) }),
			app.Button().Class("btn ghost").Text(tr(lang, "builder.close")).
				OnClick(func(ctx app.Context, e app.Event) { actBuilderOpen.post(ctx, false) }),
		),
		when(c.Link != "", func() app.UI {
			return app.Input().Type("text").ReadOnly(true).Aria("label", tr(lang, "builder.link")).Value(c.Link).
				OnFocus(func(ctx app.Context, e app.Event) { ctx.JSSrc().Call("select") })
		}),
	))
}

// builderTexts is a text's two fields, English then Chinese: path.en and path.zh, labelled by
// the i18n keys key.en and key.zh.
func builderTexts(lang, path, key string, t draftText, area bool) app.UI {
	return app.Div().Body(
		builderField(lang, key+".en", path+".en", t.EN, area),
		builderField(lang, key+".zh", path+".zh", t.ZH, area),
	)
}

// builderField is one labelled field of the draft (a text area when area); typing in it edits
// the draft at path.
func builderField(lang, labelKey, path, value string, area bool) app.UI {
	id := "b-" + strings.ReplaceAll(path, ".", "-")
	on := func(ctx app.Context, e app.Event) {
		actBuilderField.post(ctx, builderEdit{Path: path, Value: ctx.JSSrc().Get("value").String()})
	}
	var in app.UI
	if area {
		in = app.Textarea().ID(id).Rows(3).Text(value).OnInput(on, path)
	} else {
		in = app.Input().ID(id).Type("text").Value(value).OnInput(on, path)
	}
	return app.Div().Class("b-field").Body(app.Label().For(id).Text(tr(lang, labelKey)), in)
}
