package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
)

// Local storage, under keys namespaced rolloutlab/…: the session (inputs and position), the
// terminal, the chart, the editor's text (saved on every keystroke, on its own key so typing
// stays cheap) and the preferences. go-app's Get panics where storage is forbidden (opaque
// origins, sandboxed iframes); every read goes through storageGet, which recovers.

const (
	storeSession = "rolloutlab/session"
	storeEditor  = "rolloutlab/editor"
	storePrefs   = "rolloutlab/prefs"
	storeAside   = "rolloutlab/aside" // stored sessions this version could not read
	storeVersion = 1

	maxAside = 3
	// maxOwnClock bounds the virtual time a stored session replays: a year is 18 days of
	// playing at the top speed (20×), far beyond a learner's session, and keeps a damaged
	// value from asking for centuries of simulated work.
	maxOwnClock = 366 * 24 * time.Hour
)

type savedSession struct {
	V        int         `json:"v"`
	Session  string      `json:"session"`
	Terminal []termEntry `json:"terminal,omitempty"`
	History  []string    `json:"history,omitempty"`
	Chart    *chartData  `json:"chart,omitempty"`
	Selected string      `json:"selected,omitempty"`
	PodOrder []string    `json:"pods,omitempty"` // the order the tree lists pods in
	End      int64       `json:"end,omitempty"`  // timeline end, ns
}

type savedEditor struct {
	V    int    `json:"v"`
	Text string `json:"text"`
}

type savedPrefs struct {
	V       int     `json:"v"`
	Lang    string  `json:"lang,omitempty"`
	Theme   string  `json:"theme,omitempty"`
	Speed   float64 `json:"speed,omitempty"`
	Playing bool    `json:"playing"`
	// NoSlow turns off "slow down while something changes", which new visitors have on.
	NoSlow bool `json:"noslow,omitempty"`
}

// storageGet reads a key; it reports false when the key is missing or unreadable.
func storageGet(ctx app.Context, key string, v any) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	return ctx.LocalStorage().Get(key, v) == nil
}

func storageSet(ctx app.Context, key string, v any) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	return ctx.LocalStorage().Set(key, v) == nil
}

// save stores the session, the terminal and the chart (the editor and the preferences have
// their own keys). When storage is full, it keeps at least the session.
func (p *playground) save(ctx app.Context) {
	// While a session is being restored, the one in place is a placeholder: never save it.
	key := p.sessionKey() // free play's, a lesson's, or none yet (lesson.go)
	if p.sess == nil || !p.mounted || p.saveBlocked || p.restoring != nil || key == "" {
		return
	}
	p.savedAt = time.Now()
	data, err := p.sess.Marshal()
	if err != nil {
		return
	}
	ch := p.chart
	s := savedSession{V: storeVersion, Session: string(data), Terminal: p.term, History: p.history, Chart: &ch,
		Selected: p.selected, End: int64(p.timelineEnd), PodOrder: p.podOrder()}
	if storageSet(ctx, key, s) {
		return
	}
	s.Terminal, s.Chart = nil, nil
	storageSet(ctx, key, s)
}

func (p *playground) saveEditor(ctx app.Context) {
	if p.mounted {
		storageSet(ctx, p.editorKey(), savedEditor{V: storeVersion, Text: p.editorText})
	}
}

func (p *playground) savePrefs(ctx app.Context) {
	if p.mounted {
		storageSet(ctx, storePrefs, p.saved(p.playing))
	}
}

// restoreLocal brings back what the learner had before the reload. The URL (read afterwards)
// overrides the stored language and theme.
func (p *playground) restoreLocal(ctx app.Context) {
	var prefs savedPrefs
	if storageGet(ctx, storePrefs, &prefs) && prefs.V == storeVersion {
		p.playing = p.prefs.restore(prefs)
	} else if nav := app.Window().Get("navigator"); nav.Truthy() &&
		strings.HasPrefix(strings.ToLower(nav.Get("language").String()), "zh") {
		p.lang = langZH
	}

	if !freePlayURL(ctx.Page().URL()) {
		return // the picker or a lesson: lessons (lesson.go) put their session in place
	}
	p.les.sessOf = modeFree
	var ed savedEditor
	if storageGet(ctx, storeEditor, &ed) && ed.V == storeVersion {
		p.setEditorDoc(ed.Text)
	}

	p.sess.Paused = !p.playing
	p.restoreStoredSession(ctx)
}

// restoreStoredSession puts the stored free-play session in place; what this version cannot
// read is kept aside, not lost.
func (p *playground) restoreStoredSession(ctx app.Context) {
	raw, ok := storageRaw(ctx, storeSession)
	if !ok {
		return
	}
	saved, err := readSaved(raw)
	if err == nil {
		err = p.restoreSaved(ctx, saved)
	}
	if err != nil {
		p.keepAside(ctx, raw, err)
	}
}

// readSaved decodes the stored session value. Anything this version cannot read in full is an
// error, so that the caller keeps it aside instead of saving over it.
func readSaved(raw string) (savedSession, error) {
	var saved savedSession
	if err := json.Unmarshal([]byte(raw), &saved); err != nil {
		return saved, fmt.Errorf("not readable: %v", err)
	}
	switch {
	case saved.V > storeVersion:
		return saved, fmt.Errorf("saved by a newer version of the playground (format %d; this one reads %d)", saved.V, storeVersion)
	case saved.V != storeVersion:
		return saved, fmt.Errorf("unknown format %d", saved.V)
	case saved.Session == "":
		return saved, errors.New("no session in it")
	}
	return saved, nil
}

// restoreSaved puts a stored session in place: the terminal, the history and the chart at
// once, the cluster progressively (replay.go). It checks only what keeps the page safe (the
// kinds of inputs, the shape of the chart) and never the size limits of share links: whatever
// the app recorded, it can restore.
func (p *playground) restoreSaved(ctx app.Context, saved savedSession) error {
	data, h, err := ownSession([]byte(saved.Session))
	if err != nil {
		return err
	}
	r, err := newReplay(data, h, false)
	if err != nil {
		return err
	}
	p.restoreTerminal(saved)
	p.startReplay(ctx, r, func(ctx app.Context, r *replay) { p.takeRestored(r.s, saved) }, func(ctx app.Context, err error) {
		// The stored session could not be rebuilt: keep it aside before anything saves.
		if raw, merr := json.Marshal(saved); merr == nil {
			p.keepAside(ctx, string(raw), err)
		}
	})
	return nil
}

// ownSession checks a session the app itself recorded and prepares it for the engine. A
// playing clock merges its advances into one input, which can grow past the longest single
// advance the engine reads back (engine.MaxAdvance); it is split into advances of at most that
// length, which run the same work in the same order.
func ownSession(data []byte) ([]byte, *sessionHeader, error) {
	var f sessionFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil, fmt.Errorf("the saved session is damaged: %v", err)
	}
	if f.Pos < 0 || f.Pos > len(f.Inputs) {
		return nil, nil, errors.New("the saved session's position is out of range")
	}
	split := false
	var total time.Duration
	for _, in := range f.Inputs {
		if in.Kind == engine.KindAdvance && in.Nanos > int64(engine.MaxAdvance) {
			split = true
		}
		if total += time.Duration(in.Nanos); in.Nanos < 0 || total > maxOwnClock || total < 0 {
			return nil, nil, errors.New("the saved session runs the clock for more than a year")
		}
	}
	if split {
		out := make([]engine.Input, 0, len(f.Inputs))
		pos := f.Pos
		for i, in := range f.Inputs {
			if in.Kind != engine.KindAdvance || in.Nanos <= int64(engine.MaxAdvance) {
				out = append(out, in)
				continue
			}
			if in.Tasks > 0 {
				return nil, nil, errors.New("the saved session has an advance too long for its units of work")
			}
			for rest := in.Nanos; rest > 0; rest -= int64(engine.MaxAdvance) {
				part := in
				part.Nanos = min(rest, int64(engine.MaxAdvance))
				out = append(out, part)
				if i < f.Pos && rest != in.Nanos {
					pos++
				}
			}
		}
		f.Inputs, f.Pos = out, pos
		var err error
		if data, err = json.Marshal(f); err != nil {
			return nil, nil, err
		}
	}
	return data, &sessionHeader{Seed: f.Seed, Inputs: f.Inputs, Pos: f.Pos}, nil
}

// sessionFile mirrors engine.Session.Marshal's format.
type sessionFile struct {
	V      int            `json:"v"`
	Seed   uint64         `json:"seed"`
	Inputs []engine.Input `json:"in"`
	Pos    int            `json:"pos"`
}

// storageRaw reads a key's stored text: false when it is missing or storage is forbidden.
func storageRaw(ctx app.Context, key string) (raw string, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			raw, ok = "", false
		}
	}()
	var m json.RawMessage
	if err := ctx.LocalStorage().Get(key, &m); err == nil {
		return string(m), len(m) > 0 && string(m) != "null"
	}
	// Not JSON at all: read the text itself, to keep it aside.
	if v := app.Window().Get("localStorage").Call("getItem", key); v.Truthy() {
		return v.String(), true
	}
	return "", false
}

// asideEntry is a stored session this version could not restore, kept for the learner.
type asideEntry struct {
	At     string `json:"at"`
	Reason string `json:"reason"`
	Data   string `json:"data"`
}

// keepAside moves an unreadable stored session to its own key, newest first, before anything
// saves over it, and shows the banner that offers it for download. When even that cannot be
// stored, the app stops saving until the learner has downloaded or dismissed it.
func (p *playground) keepAside(ctx app.Context, raw string, why error) {
	e := asideEntry{At: time.Now().UTC().Format(time.RFC3339), Reason: why.Error(), Data: raw}
	var list []asideEntry
	storageGet(ctx, storeAside, &list)
	list = append([]asideEntry{e}, list[:min(len(list), maxAside-1)]...)
	p.aside = &e
	p.saveBlocked = !storageSet(ctx, storeAside, list)
}

// downloadText offers text as a file download (a Blob and a temporary link).
func downloadText(name, text string) {
	win := app.Window()
	blob := win.Get("Blob").New([]any{text}, map[string]any{"type": "application/json"})
	u := win.Get("URL").Call("createObjectURL", blob)
	a := win.Get("document").Call("createElement", "a")
	a.Set("href", u)
	a.Set("download", name)
	a.Call("click")
	win.Get("URL").Call("revokeObjectURL", u)
}

// podOrder lists the pods of the view in the order the tree shows them.
func (m *model) podOrder() []string {
	var out []string
	for _, d := range m.view.Deployments {
		for _, rs := range d.ReplicaSets {
			for _, pd := range rs.Pods {
				out = append(out, pd.Name)
			}
		}
	}
	for _, rs := range m.view.UnownedReplicaSets {
		for _, pd := range rs.Pods {
			out = append(out, pd.Name)
		}
	}
	for _, pd := range m.view.UnownedPods {
		out = append(out, pd.Name)
	}
	if len(out) > 2000 {
		return nil
	}
	return out
}

func parseURL(s string) (*url.URL, error) { return url.Parse(s) }
