package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// `kubectl edit` in the playground: the engine opens the object as a file (EditBegin), the YAML
// editor shows it with Save and Cancel instead of Apply and Reset, and Save hands the text back
// (EditSave), which answers as kubectl does when the editor exits, or reopens the file with the
// reasons in its header when the edit was invalid. The terminal entry waits meanwhile.

const (
	actEditSave   action[string] = "rl/edit/save"   // value: the edited text
	actEditCancel                = "rl/edit/cancel" //
)

// editState is a `kubectl edit` waiting for the editor.
type editState struct {
	ID   int    // its terminal entry
	Line string // the command line
	File string // the temporary file's name, as kubectl names it
}

func (p *playground) beginEdit(ctx app.Context, line string) {
	p.cancelEdit(ctx, "")
	file, content, x := p.sess.EditBegin(line)
	e := termEntry{Kind: entryCmd, Line: line}
	if x != nil {
		e.fill(x)
		p.appendEntry(e)
		return
	}
	e.Running = true
	e.Wait = "term.editing"
	id := p.appendEntry(e)
	p.edit = &editState{ID: id, Line: line, File: file}
	p.showInEditor(content)
}

// showInEditor replaces what the editor shows (the file buffer itself is kept in editorText).
func (p *playground) showInEditor(text string) {
	p.editorDoc = text
	p.editorRev++
}

func (p *playground) saveEdit(ctx app.Context, text string) {
	if p.edit == nil {
		return
	}
	p.endScrub()
	p.sess.Paused = !p.playing
	x := p.sess.EditSave(p.edit.Line, text)
	_, content, reopen := x.Reopen()
	if i := p.entryIndex(p.edit.ID); i >= 0 {
		e := p.term[i]
		e.Out = clipOutput(e.Out + x.Stdout())
		e.Err = clipOutput(e.Err + x.Stderr())
		e.Exit = x.ExitCode()
		e.Running = reopen
		p.setEntry(i, e)
	}
	if reopen {
		p.showInEditor(content) // invalid: kubectl reopens the file with the reasons on top
	} else {
		p.edit = nil
		p.showInEditor(p.editorText)
	}
	p.afterChange(ctx)
}

// cancelEdit closes the editor without saving: kubectl reports that nothing changed. why, when
// set, is the note key of the reason the edit ended (a rewind).
func (p *playground) cancelEdit(ctx app.Context, why string) {
	if p.edit == nil {
		return
	}
	if i := p.entryIndex(p.edit.ID); i >= 0 {
		e := p.term[i]
		e.Running = false
		if why != "" {
			e.Stopped = why
			e.Exit = 130
		} else {
			e.Out += "Edit cancelled, no changes made.\n"
		}
		p.setEntry(i, e)
	}
	p.edit = nil
	p.showInEditor(p.editorText)
}

// isEditLine reports a `kubectl edit …` line.
func isEditLine(line string) bool {
	return engine.IsEdit(line) && !strings.ContainsAny(line, "|;&")
}
