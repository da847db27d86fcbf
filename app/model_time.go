package app

import (
	"strings"
	"time"

	"rolloutlab/engine"
)

// The model's transitions over time: stepping with explanations, undo and redo by action, the
// scrubber, and the failure modes. The playground's handlers pause the clock before them and
// follow them with afterChange (actions.go).

// clearStep forgets the explained step on show (the log of explanations stays).
func (m *model) clearStep() {
	m.stepNotes, m.stepLabel, m.stepNothing = nil, "", false
}

// stepOnce runs the next unit of work with explanations on, and shows them.
func (m *model) stepOnce() {
	m.explainedStep(func() (int, string, []engine.Note) {
		label, notes := m.sess.Step()
		if label == "" {
			return 0, "", nil // nothing was queued
		}
		return 1, label, notes
	})
}

// stepToChange runs work until the tree or the events show something new (Session.StepToChange)
// and explains the unit of work that changed it.
func (m *model) stepToChange() {
	m.explainedStep(func() (int, string, []engine.Note) { return m.sess.StepToChange(stepChangeLimit) })
}

// explainedStep runs step with the clock's explanations on and shows what it returns: how many
// units of work ran, the last one's label and its notes.
func (m *model) explainedStep(step func() (int, string, []engine.Note)) {
	m.endScrub()
	m.sess.Explaining(true)
	n, label, notes := step()
	m.sess.Explaining(false)
	m.showStep(n, label, notes)
}

// describeInput says what an input did, for the terminal's undo/redo notes: a message key and
// its arguments, translated when the note is drawn (so a note follows a later change of
// language), or a command line as typed (Key "").
func (m *model) describeInput(i int) noteWhat {
	ins := m.sess.Inputs()
	if i < 0 || i >= len(ins) {
		return noteWhat{}
	}
	return describeInput(ins[i])
}

func describeInput(in engine.Input) noteWhat {
	switch in.Kind {
	case engine.KindExec, engine.KindEdit:
		return noteWhat{Arg: in.Line}
	case engine.KindAdvance:
		return noteWhat{Key: "input.advance", Arg: formatSeconds(time.Duration(in.Nanos))}
	case engine.KindStep:
		return noteWhat{Key: "input.step"}
	case engine.KindFile:
		return noteWhat{Key: "input.file", Arg: in.Name}
	case engine.KindImage:
		mode := in.Content
		if mode == "" {
			mode = "normal"
		}
		return noteWhat{Key: "input.image." + mode, Arg: in.Name}
	case engine.KindNode:
		return noteWhat{Key: "input.node." + in.Content, Arg: in.Name}
	}
	return noteWhat{Arg: string(in.Kind)}
}

// undo goes back to just before the learner's last action (Session.Undo; the caller checks
// CanUndo) and says which action it took back.
func (m *model) undo() noteWhat {
	what := m.describeInput(m.sess.UndoTarget())
	m.sess.Undo()
	return what
}

// redo replays up to the next action's start (the caller checks CanRedo) and names the action
// it brings back, or the time.
func (m *model) redo() noteWhat {
	ins, what := m.sess.Inputs(), noteWhat{}
	for i := m.sess.Position(); i < m.sess.RedoTarget() && what == (noteWhat{}); i++ {
		if ins[i].IsAction() {
			what = m.describeInput(i)
		}
	}
	if what == (noteWhat{}) {
		what = m.describeInput(m.sess.Position())
	}
	m.sess.Redo()
	return what
}

// rewound follows an undo or a redo, which rebuilt the engine: waiting commands and an edit
// watched the old one, so they stop; the terminal notes what moved (noteKey, when set).
func (m *model) rewound(noteKey string, what noteWhat) {
	m.sess.Paused = !m.playing
	m.stopRunning("term.note.rewound")
	m.cancelEdit("term.note.rewound")
	if noteKey != "" {
		m.appendEntry(termEntry{Kind: entryNote, NoteKey: noteKey, WhatKey: what.Key, WhatArg: what.Arg})
	}
	m.clearStep()
}

// scrubTo shows the cluster as it was at elapsed time t, sought from a copy of the whole
// timeline taken when the scrubbing began (the caller pauses the clock first).
func (m *model) scrubTo(t time.Duration) {
	if m.scrub == nil {
		data, err := m.sess.Marshal()
		if err != nil {
			return
		}
		m.scrub = &scrubSnapshot{data: atPosition(data, 0), end: max(m.timelineEnd, m.view.Elapsed)}
		m.stopRunning("term.note.rewound")
		m.cancelEdit("term.note.rewound")
	}
	t = min(max(t, 0), m.scrub.end)
	s, err := engine.RestoreSession(m.scrub.data, engine.Options{})
	if err != nil {
		m.scrub = nil
		return
	}
	s.SeekTime(t)
	s.Paused = !m.playing
	m.sess = s
	m.timelineEnd = m.scrub.end
	m.clearStep()
	m.refreshView()
	m.refreshDetails(true)
	m.markGood()
}

// setImageMode sets an image's failure mode ("", "missing", "slow"); it reports false,
// changing nothing, for no image or another mode.
func (m *model) setImageMode(image, mode string) bool {
	image = strings.TrimSpace(image)
	if image == "" {
		return false
	}
	switch mode {
	case "", "missing", "slow":
	default:
		return false
	}
	m.endScrub()
	m.sess.SetImageMode(image, engine.ImageMode(mode))
	return true
}

// setNodeDown stops or starts a node's kubelet; an unknown node is an error.
func (m *model) setNodeDown(node string, down bool) error {
	m.endScrub()
	return m.sess.SetNodeDown(node, down)
}

// selectItem selects a tree item ("" closes the details) and reads its details.
func (m *model) selectItem(id string) {
	m.selected = id
	if id != "" {
		m.revealSeq++
	}
	m.detail = detailText{}
	m.refreshDetails(false)
}
