package app

import (
	"encoding/json"
	"time"

	"rolloutlab/engine"
)

// The model's transitions that replace the session in place: an empty cluster (Start over, a
// lesson's fresh session), a stored session (a reload, Recent), a share link, and the last good
// session after a panic; and the recent list's entry for the session they replace. The
// playground adds the job that rebuilds a session, storage and the clock (storage.go,
// share.go, recent.go, errors.go).

// clearSession replaces the session with an empty cluster: waiting commands and an edit end
// without a note, the terminal and the selection go; the history of typed lines stays.
func (m *model) clearSession() {
	m.stopRunning("")
	m.cancelEdit("")
	m.term = nil
	m.selected, m.detail = "", detailText{}
	m.newSession()
}

// endRunningEntries marks every entry still drawn as running stopped, with the note key why:
// the commands behind them are gone (a reload, an engine put back after a panic).
func (m *model) endRunningEntries(why string) {
	m.running = map[int]*engine.Execution{}
	for i, e := range m.term {
		if e.Running {
			e.Running, e.Stopped = false, why
			m.setEntry(i, e)
		}
	}
}

// restoreTerminal puts a stored session's terminal, history and chart in place, as they are
// shown while its cluster is rebuilt. The terminal keeps its last maxEntries entries as it
// runs and the history its last maxHistory lines; older stored data may hold more.
func (m *model) restoreTerminal(saved savedSession) {
	m.scrub = nil
	m.term = saved.Terminal[max(len(saved.Terminal)-maxEntries, 0):]
	m.endRunningEntries("term.note.reloaded")
	m.termSeq = 0
	for _, e := range m.term {
		m.termSeq = max(m.termSeq, e.ID)
	}
	m.history = saved.History[max(len(saved.History)-maxHistory, 0):]
	m.chart = chartData{}
	if saved.Chart != nil {
		m.chart = saved.Chart.sanitized()
	}
}

// takeRestored puts a stored session's rebuilt cluster s in place: its selection, the order
// the tree listed its pods in, and its timeline's end.
func (m *model) takeRestored(s *engine.Session, saved savedSession) {
	m.sess = s
	m.sess.Paused = !m.playing
	m.selected, m.detail = saved.Selected, detailText{}
	m.podSeq, m.nextSeq = map[string]int{}, 0
	for _, name := range saved.PodOrder {
		m.nextSeq++
		m.podSeq[name] = m.nextSeq
	}
	m.refreshView()
	m.timelineEnd = max(time.Duration(saved.End), m.view.Elapsed)
	m.refreshDetails(true)
	m.markGood()
}

// takeShared puts a share link's session s in place, paused at the shared moment, with the
// terminal, history and chart rebuilt from its transcript and the link's editor text (yaml,
// when it has one); the terminal notes where it came from.
func (m *model) takeShared(s *engine.Session, entries []termEntry, history []string, ch chartData, yaml string) {
	m.stopRunning("")
	m.cancelEdit("")
	m.sess = s
	m.sess.Paused = true
	m.term, m.history, m.chart = entries, history, ch
	m.termSeq = len(entries)
	m.scrub = nil
	m.timelineEnd = 0
	m.selected, m.detail = "", detailText{}
	m.clearStep()
	m.explained = nil
	if yaml != "" {
		m.setEditorDoc(yaml)
	}
	m.appendEntry(termEntry{Kind: entryNote, NoteKey: "term.note.shared"})
}

// recentEntry is the session in place as an entry of the recent list, made at now: the session
// at the end of its timeline (a scrubbed timeline's future included), the editor's text and the
// last line typed. An empty session (nothing recorded) is not worth one: false.
func (m *model) recentEntry(why string, now time.Time) (recentEntry, bool) {
	if m.sess == nil || m.sess.Len() == 0 {
		return recentEntry{}, false
	}
	data, err := m.sess.Marshal()
	if err != nil {
		return recentEntry{}, false
	}
	ch := m.chart
	raw, err := json.Marshal(savedSession{V: storeVersion, Session: string(atPosition(data, m.sess.Len())), Terminal: m.term,
		History: m.history, Chart: &ch, End: int64(m.timelineEnd)})
	if err != nil {
		return recentEntry{}, false
	}
	e := recentEntry{At: now.UTC().Format(time.RFC3339), Why: why, Inputs: m.sess.Len(), Saved: raw, Editor: m.editorText}
	for i := len(m.history) - 1; i >= 0 && e.Last == ""; i-- {
		e.Last = m.history[i]
	}
	return e, true
}

// backToGood puts the last session known to be good back after a panic (a fresh one when there
// is none): waiting commands, an edit and a scrub end, as after a rewind. When that panics too,
// the session is a fresh one and backToGood returns what it panicked with.
func (m *model) backToGood() (failed any) {
	defer func() {
		if failed = recover(); failed != nil {
			m.sess = engine.NewSession(engine.Options{Seed: 1})
		}
	}()
	if m.lastGood != nil {
		if s, err := engine.RestoreSession(m.lastGood, engine.Options{}); err == nil {
			m.sess = s
		}
	}
	if m.sess == nil {
		m.sess = engine.NewSession(engine.Options{Seed: 1})
	}
	m.sess.Paused = !m.playing
	m.endRunningEntries("term.note.rewound")
	m.scrub = nil
	if m.edit != nil {
		m.edit = nil
		m.showInEditor(m.editorText)
	}
	m.refreshView()
	return nil
}
