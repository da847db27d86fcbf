package app

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine/lesson"
)

// Files in and out of the page: a lesson file a teacher gives (file picker or drag and drop;
// a malformed one gets lesson.Parse's error, which names the file, the step and the field, and
// the page goes on), progress export and import, and the learner's submission for
// `rolloutlab grade`.

const (
	storeLessonFiles = "rolloutlab/lesson-files" // lesson files loaded by the learner, newest first
	maxLessonFiles   = 8
	// maxLessonFile bounds a file read into the page (a lesson is a few kilobytes).
	maxLessonFile = 1 << 20

	actLessonFile       action[fileRead] = "rl/lesson/file"       // tags: name, data: a lesson file to load
	actProgressFile     action[fileRead] = "rl/lesson/progress"   // tags: name, data: a progress file to import
	actProgressExport                    = "rl/lesson/export"     //
	actSubmitName       action[string]   = "rl/lesson/learner"    // value: the learner's name
	actSubmit                            = "rl/lesson/submit"     //
	actLessonErrDismiss                  = "rl/lesson/errDismiss" //
)

type storedLessonFile struct {
	Name string `json:"name"`
	Data string `json:"data"`
}

type submitState struct {
	learner string
	done    string // the file name of the last submission
}

func (p *playground) registerLessonFileActions(on func(string, func(app.Context, app.Action))) {
	handle(on, actLessonFile, func(ctx app.Context, f fileRead) {
		if f.Err != "" {
			p.les.loadErr = f.Name + ": " + f.Err
			return
		}
		p.loadLesson(ctx, f.Name, []byte(f.Data))
	})
	handle(on, actProgressFile, func(ctx app.Context, f fileRead) {
		if f.Err != "" {
			p.les.loadErr = f.Name + ": " + f.Err
			return
		}
		in, err := decodeProgress([]byte(f.Data))
		if err != nil {
			p.les.loadErr = f.Name + ": " + err.Error()
			return
		}
		p.mergeProgress(ctx, in)
		p.les.loadErr = ""
	})
	on(actProgressExport, func(ctx app.Context, a app.Action) {
		data, err := json.MarshalIndent(readProgress(ctx), "", "  ")
		if err == nil {
			downloadText("rolloutlab-progress.json", string(data))
		}
	})
	handle(on, actSubmitName, func(ctx app.Context, name string) { p.les.submit.learner = name })
	on(actSubmit, func(ctx app.Context, a app.Action) {
		name, data, err := p.submission(time.Now())
		if err != nil {
			p.banner = err.Error()
			return
		}
		if name != "" {
			downloadText(name, string(data))
			p.les.submit.done = name
		}
	})
	on(actLessonErrDismiss, func(ctx app.Context, a app.Action) { p.les.loadErr = "" })
}

// readFile reads a File (from an input or a drop) as text and posts it with the action.
func readFile(ctx app.Context, file app.Value, action action[fileRead]) {
	name := file.Get("name").String()
	if file.Get("size").Int() > maxLessonFile {
		action.post(ctx, fileRead{Name: name, Err: "larger than 1 MB"})
		return
	}
	var done app.Func
	done = app.FuncOf(func(this app.Value, args []app.Value) any {
		done.Release()
		action.post(ctx, fileRead{Name: name, Data: args[0].String()})
		return nil
	})
	file.Call("text").Call("then", done)
}

// fileInput is a labelled file picker whose file goes to the action.
func fileInput(id, label, accept string, action action[fileRead]) app.UI {
	return app.Label().Class("btn ghost file-pick").For(id).Body(
		app.Text(label),
		app.Input().ID(id).Type("file").Class("sr-only").Accept(accept).
			OnChange(func(ctx app.Context, e app.Event) {
				src := ctx.JSSrc()
				if files := src.Get("files"); files.Truthy() && files.Length() > 0 {
					readFile(ctx, files.Index(0), action)
				}
				src.Set("value", "") // the same file can be picked again
			}),
	)
}

// loadLesson parses a lesson file; a good one joins the catalog (and storage) and opens.
func (p *playground) loadLesson(ctx app.Context, name string, data []byte) {
	l, _, err := lesson.Parse(name, data)
	if err != nil {
		p.les.loadErr = err.Error()
		return
	}
	p.les.loadErr = ""
	p.addLesson(l)
	var files []storedLessonFile
	storageGet(ctx, storeLessonFiles, &files)
	kept := []storedLessonFile{{Name: name, Data: string(data)}}
	for _, f := range files {
		if len(kept) < maxLessonFiles {
			if old, _, err := lesson.Parse(f.Name, []byte(f.Data)); err == nil && old.ID != l.ID {
				kept = append(kept, f)
			}
		}
	}
	storageSet(ctx, storeLessonFiles, kept)
	p.navigate(ctx, lessonHref(p.lang, l.ID))
}

// lessonFiles is the picker's file row: load a lesson, export and import progress, and the
// last file's error.
func lessonFiles(lang, loadErr string) app.UI {
	return app.Section().Class("lesson-files").Aria("label", tr(lang, "lesson.files")).Body(
		app.P().Class("hint").Text(tr(lang, "lesson.files.drop")),
		app.Div().Class("lesson-actions").Body(
			fileInput("lesson-file", tr(lang, "lesson.files.load"), ".yaml,.yml,text/yaml", actLessonFile),
			app.Button().Class("btn ghost").Text(tr(lang, "lesson.progress.export")).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actProgressExport) }),
			fileInput("progress-file", tr(lang, "lesson.progress.import"), ".json,application/json", actProgressFile),
		),
		when(loadErr != "", func() app.UI {
			return app.Div().Class("lesson-error").Role("alert").Body(
				app.P().Text(trf(lang, "lesson.files.bad", loadErr)),
				app.Button().Class("btn ghost small").Text(tr(lang, "banner.dismiss")).
					OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actLessonErrDismiss) }),
			)
		}),
	)
}

// submission is the learner's file for `rolloutlab grade` and its name, made at now: the
// lesson, the learner's name, the lesson's content hash and the recorded session, which the
// grader replays (it trusts nothing else in the file). Without a run or a name there is none.
func (m *model) submission(now time.Time) (name string, data []byte, err error) {
	r, learner := m.les.run, strings.TrimSpace(m.les.submit.learner)
	if r == nil || learner == "" {
		return "", nil, nil
	}
	data, err = lesson.NewSubmission(r.L, learner, m.sess, now.Sub(r.opened))
	if err != nil {
		return "", nil, err
	}
	return "rolloutlab-" + r.L.ID + "-" + fileSafe(learner) + "-" + now.UTC().Format("20060102-150405") + ".json", data, nil
}

// fileSafe keeps letters, digits and dashes of a name for a file name.
func fileSafe(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == ' ' || r == '-' || r == '_':
			b.WriteByte('-')
		case r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'), r >= 128 && r != 0xfeff:
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "learner"
	}
	return b.String()
}

// submitForm asks the learner's name and exports the submission (Done: the file name of the
// last one); it draws from its props.
type submitForm struct {
	app.Compo

	Lang    string
	Learner string
	Done    string
}

func (c *submitForm) Render() (ui app.UI) {
	defer recoverRender(&ui, "submit")
	lang := c.Lang
	return app.Form().Class("lesson-submit").Aria("label", tr(lang, "lesson.submit")).
		OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			ctx.NewAction(actSubmit)
		}).Body(
		app.Label().For("learner-name").Text(tr(lang, "lesson.submit.name")),
		app.Input().ID("learner-name").Type("text").Value(c.Learner).Attr("autocomplete", "name").
			OnInput(func(ctx app.Context, e app.Event) {
				actSubmitName.post(ctx, ctx.JSSrc().Get("value").String())
			}),
		app.Button().Type("submit").Class("btn").Disabled(strings.TrimSpace(c.Learner) == "").Text(tr(lang, "lesson.submit")),
		when(c.Done != "", func() app.UI {
			return app.P().Role("status").Text(trf(lang, "lesson.submit.done", c.Done))
		}),
	)
}
