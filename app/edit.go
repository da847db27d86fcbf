package app

import (
	"strings"

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

// beginEdit runs a `kubectl edit` line: an error prints at once; else the editor shows the
// object's file, and the line's entry waits for Save or Cancel.
func (m *model) beginEdit(line string) {
	m.cancelEdit("")
	file, content, x := m.sess.EditBegin(line)
	e := termEntry{Kind: entryCmd, Line: line}
	if x != nil {
		e.fill(x)
		m.appendEntry(e)
		return
	}
	e.Running = true
	e.Wait = "term.editing"
	id := m.appendEntry(e)
	m.edit = &editState{ID: id, Line: line, File: file}
	m.showInEditor(content)
}

// showInEditor replaces what the editor shows (the file buffer itself is kept in editorText).
func (m *model) showInEditor(text string) {
	m.editorDoc = text
	m.editorRev++
}

// saveEdit hands the edited text to kubectl: the entry shows what it answered, and the editor
// shows the file again with the reasons on top when the edit was invalid, else its own text. It
// reports whether there was an edit to save.
func (m *model) saveEdit(text string) bool {
	if m.edit == nil {
		return false
	}
	m.endScrub()
	m.sess.Paused = !m.playing
	x := m.sess.EditSave(m.edit.Line, text)
	_, content, reopen := x.Reopen()
	if i := m.entryIndex(m.edit.ID); i >= 0 {
		e := m.term[i]
		e.Out = clipOutput(e.Out + x.Stdout())
		e.Err = clipOutput(e.Err + x.Stderr())
		e.Exit = x.ExitCode()
		e.Running = reopen
		m.setEntry(i, e)
	}
	if reopen {
		m.showInEditor(content) // invalid: kubectl reopens the file with the reasons on top
	} else {
		m.edit = nil
		m.showInEditor(m.editorText)
	}
	return true
}

// cancelEdit closes the editor without saving: kubectl reports that nothing changed. why, when
// set, is the note key of the reason the edit ended (a rewind).
func (m *model) cancelEdit(why string) {
	if m.edit == nil {
		return
	}
	if i := m.entryIndex(m.edit.ID); i >= 0 {
		e := m.term[i]
		e.Running = false
		if why != "" {
			e.Stopped = why
			e.Exit = 130
		} else {
			e.Out += "Edit cancelled, no changes made.\n"
		}
		m.setEntry(i, e)
	}
	m.edit = nil
	m.showInEditor(m.editorText)
}

// isEditLine reports a `kubectl edit …` line.
func isEditLine(line string) bool {
	return engine.IsEdit(line) && !strings.ContainsAny(line, "|;&")
}
