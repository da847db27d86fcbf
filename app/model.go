package app

import (
	"net/url"
	"sort"
	"time"

	"rolloutlab/engine"
	"rolloutlab/engine/lesson"
)

// model is the state a learner builds, as plain Go without go-app (a test walks its fields'
// types to keep it so): the session, the terminal and its history, the editor, the lesson being
// followed and its progress, the timeline (explained steps, the scrubber, undo and redo), the
// preferences, the frame's state with its host page, and what the panels draw from the session
// (the view in a stable pod order, the failure modes in force, the details of a selection).
// Its transitions are tested on their own (model*_test.go); they live in this file and in
// model_*.go, or beside their panel where one owns the state (edit.go, embed.go, lesson.go,
// details.go, terminal.go). The playground component embeds it (its fields and methods are the
// playground's) and adds what needs the browser: the handlers that call a transition then
// render, the clock loop, storage, the URL and the host page's messages, rendering.
//
// It is a type in package app rather than its own package because its parts (termEntry,
// lessonState, explained) are the panels' props as well; a package would have to export them
// all for no caller outside app.
type model struct {
	sess *engine.Session
	view engine.View

	prefs        // language, theme, speed (model_prefs.go)
	playing bool // the clock plays (saved with the preferences)

	// what the URL asked for: ?embed (with the frame's state, embed.go), ?lesson and ?step
	// (lesson.go), ?play
	embed  bool
	emb    embedState
	lesson string
	step   string
	play   bool
	// debugPerf (?debug=perf) logs slow frames and handlers on the console.
	debugPerf bool

	// the terminal: its entries (numbered by termSeq), the commands still waiting, the history
	term    []termEntry
	termSeq int
	running map[int]*engine.Execution
	history []string

	// the editor: the text of its file (editorText), what it shows (editorDoc, bumped in
	// editorRev so it takes a new text even when equal), and a kubectl edit in it (edit.go)
	editorText string
	editorDoc  string
	editorRev  int
	edit       *editState

	// lesson progress (lesson.go)
	les lessonState

	// the timeline: where the recorded inputs end (for the scrubber), the scrubber's copy of
	// the whole timeline while it shows the past, its marks, and the explained steps
	timelineEnd time.Duration
	scrub       *scrubSnapshot
	marks       markCache
	stepLabel   string
	stepNotes   []clockNote
	stepNothing bool
	stepSkipped int         // units of work Step to the next change ran before the shown one
	explained   []explained // the last explanations, kept while the clock plays

	// the view's pacing (clock.go): the frame's budget, when the view was built and whether
	// objects changed since
	budget    frameBudget
	viewAt    time.Time
	viewStale bool

	// podSeq numbers pods in the order the UI first saw them, so new pods are appended to
	// their ReplicaSet's list (go-app diffs children by index: appending keeps the others).
	podSeq  map[string]int
	nextSeq int
	// failure modes in force, read from the applied inputs
	modes map[string]string
	down  map[string]bool
	// models derived from the view for the panels, rebuilt with it (not on every render)
	names  completionNames
	revs   []revDeployment
	images []string
	pods   []string
	chart  chartData

	// details of the selected tree item (details.go)
	selected   string
	detail     detailText
	detailAt   time.Time
	revealSeq  int // counts selections, so the details panel scrolls into view for each
	detailVers int64

	// lastGood is the session as it was after the last change, to come back to after a panic.
	lastGood []byte
}

// newSession starts from an empty cluster.
func (m *model) newSession() {
	m.sess = engine.NewSession(engine.Options{Seed: 1})
	m.sess.Paused = !m.playing
	m.chart = chartData{}
	m.timelineEnd = 0
	m.scrub = nil
	m.clearStep()
	m.explained = nil
	m.refreshView()
}

// readQuery reads what the URL asks for: the language and the theme (only values the page
// offers), the frame (?embed, ?origin), the lesson and its step, free play, ?debug=perf.
func (m *model) readQuery(u *url.URL) {
	if u == nil {
		return
	}
	q := u.Query()
	m.setLang(q.Get("lang"))
	if t := q.Get("theme"); t != "" {
		m.setTheme(t)
	}
	m.embed = q.Get("embed") == "1" || q.Get("embed") == "true"
	m.emb.readQuery(q)
	m.lesson, m.step, m.play = q.Get("lesson"), q.Get("step"), q.Has("play")
	m.debugPerf = q.Get("debug") == "perf"
}

// refreshView reads a new view from the engine (model.readView), samples the chart and notes
// what it cost.
func (m *model) refreshView() {
	if m.sess == nil {
		return
	}
	start := time.Now()
	m.readView(m.scrub != nil)
	m.viewStale = false
	m.chart.sample(m.view)
	m.budget.noteViewCost(time.Since(start))
	m.viewAt = time.Now()
}

// markGood remembers the session as it is now, to come back to after a panic.
func (m *model) markGood() {
	if data, err := m.sess.Marshal(); err == nil {
		m.lastGood = data
	}
}

// readView reads a new view from the session, in a stable pod order, and rebuilds what the
// panels draw from it. At the end of the recorded inputs (and not scrubbing) the timeline ends
// now; in the past it only grows, so the scrubber keeps its length.
func (m *model) readView(scrubbing bool) {
	v := m.sess.View(maxViewEvents)
	m.orderPods(&v)
	m.view = v
	if m.sess.Position() == m.sess.Len() && !scrubbing {
		m.timelineEnd = v.Elapsed
	} else if v.Elapsed > m.timelineEnd {
		m.timelineEnd = v.Elapsed
	}
	m.modes, m.down = m.readFaults()
	m.names = namesFromView(v, m.sess.FileNames())
	m.revs = revisionModel(v)
	m.images = knownImages(v)
	m.pods = podNames(v)
}

// appendEntry adds an entry to the terminal, numbered and marked with the session position it
// was printed at; the oldest go past maxEntries (and their commands stop being followed).
func (m *model) appendEntry(e termEntry) int {
	m.termSeq++
	e.ID = m.termSeq
	if m.sess != nil {
		e.Pos = m.sess.Position()
	}
	m.term = append(m.term, e)
	if n := len(m.term); n > maxEntries {
		drop := n - maxEntries
		for _, old := range m.term[:drop] {
			delete(m.running, old.ID)
		}
		m.term = append([]termEntry(nil), m.term[drop:]...)
	}
	return e.ID
}

// setEntry replaces entry i. The terminal compares its Entries prop with the slice it last
// drew (go-app skips a child whose props are deeply equal), so an entry is never changed in
// place: the slice is copied before it changes (TestEntriesChangeOnlyThroughSetEntry).
func (m *model) setEntry(i int, e termEntry) {
	if m.term[i] == e {
		return
	}
	m.term = append([]termEntry(nil), m.term...)
	m.term[i] = e
}

// entryIndex finds an entry by id (entries are in id order).
func (m *model) entryIndex(id int) int {
	for i := len(m.term) - 1; i >= 0; i-- {
		if m.term[i].ID == id {
			return i
		}
	}
	return -1
}

// pushHistory keeps a line typed at the prompt (not twice in a row), at most maxHistory.
func (m *model) pushHistory(line string) {
	if line == "" || (len(m.history) > 0 && m.history[len(m.history)-1] == line) {
		return
	}
	m.history = append(append([]string(nil), m.history...), line)
	if n := len(m.history); n > maxHistory {
		m.history = m.history[n-maxHistory:]
	}
}

// showStep shows what a step ran and keeps its explanation in the log; skipped counts the
// units of work run before it that changed nothing visible.
func (m *model) showStep(n int, label string, notes []clockNote) {
	m.stepLabel, m.stepNotes, m.stepNothing, m.stepSkipped = label, notes, n == 0, max(n-1, 0)
	if n == 0 {
		return
	}
	m.explained = append(m.explained, explained{At: m.sess.Elapsed(), Label: label, Notes: notes})
	if len(m.explained) > maxExplained {
		m.explained = append([]explained(nil), m.explained[len(m.explained)-maxExplained:]...)
	}
}

// termPresent is the session's position when the view is in the past (output printed after it
// is dimmed), else -1.
func (m *model) termPresent() int {
	if m.sess.CanRedo() {
		return m.sess.Position()
	}
	return -1
}

// orderPods sorts every ReplicaSet's pods by when the UI first saw them.
func (m *model) orderPods(v *engine.View) {
	if m.podSeq == nil {
		m.podSeq = map[string]int{}
	}
	live := 0
	seq := func(name string) int {
		live++
		n, ok := m.podSeq[name]
		if !ok {
			m.nextSeq++
			n = m.nextSeq
			m.podSeq[name] = n
		}
		return n
	}
	sortPods := func(pods []engine.PodView) {
		keys := make(map[string]int, len(pods))
		for _, pd := range pods {
			keys[pd.Name] = seq(pd.Name)
		}
		sort.SliceStable(pods, func(i, j int) bool { return keys[pods[i].Name] < keys[pods[j].Name] })
	}
	for i := range v.Deployments {
		for j := range v.Deployments[i].ReplicaSets {
			sortPods(v.Deployments[i].ReplicaSets[j].Pods)
		}
	}
	for j := range v.UnownedReplicaSets {
		sortPods(v.UnownedReplicaSets[j].Pods)
	}
	sortPods(v.UnownedPods)
	if len(m.podSeq) > 2*live+1024 {
		// Forget pods that are gone; their names are never reused.
		keep := map[string]int{}
		for _, d := range v.Deployments {
			for _, rs := range d.ReplicaSets {
				for _, pd := range rs.Pods {
					keep[pd.Name] = m.podSeq[pd.Name]
				}
			}
		}
		for _, rs := range v.UnownedReplicaSets {
			for _, pd := range rs.Pods {
				keep[pd.Name] = m.podSeq[pd.Name]
			}
		}
		for _, pd := range v.UnownedPods {
			keep[pd.Name] = m.podSeq[pd.Name]
		}
		m.podSeq = keep
	}
}

// readFaults reads the failure modes in force from the applied inputs: image modes (missing,
// slow) and the nodes whose kubelet the learner stopped.
func (m *model) readFaults() (modes map[string]string, down map[string]bool) {
	modes, down = map[string]string{}, map[string]bool{}
	for _, in := range m.sess.Inputs()[:m.sess.Position()] {
		switch in.Kind {
		case engine.KindImage:
			if in.Content == "" {
				delete(modes, in.Name)
			} else {
				modes[in.Name] = in.Content
			}
		case engine.KindNode:
			if in.Content == "down" {
				down[in.Name] = true
			} else {
				delete(down, in.Name)
			}
		}
	}
	return modes, down
}

// learnerCommands are the command lines the learner ran: the session's exec and edit inputs
// after the starting state.
func (m *model) learnerCommands() []string {
	ins := m.sess.Inputs()[:m.sess.Position()]
	return lesson.LearnerCommands(ins[min(m.les.run.startInputs, len(ins)):])
}
