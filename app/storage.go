package app

import (
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
	storeVersion = 1
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
	if p.sess == nil || !p.mounted {
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
	if storageSet(ctx, storeSession, s) {
		return
	}
	s.Terminal, s.Chart = nil, nil
	storageSet(ctx, storeSession, s)
}

func (p *playground) saveEditor(ctx app.Context) {
	if p.mounted {
		storageSet(ctx, storeEditor, savedEditor{V: storeVersion, Text: p.editorText})
	}
}

func (p *playground) savePrefs(ctx app.Context) {
	if p.mounted {
		storageSet(ctx, storePrefs, savedPrefs{V: storeVersion, Lang: p.lang, Theme: p.theme, Speed: p.speed, Playing: p.playing, NoSlow: !p.slowChanges})
	}
}

// restoreLocal brings back what the learner had before the reload. The URL (read afterwards)
// overrides the stored language and theme.
func (p *playground) restoreLocal(ctx app.Context) {
	var prefs savedPrefs
	if storageGet(ctx, storePrefs, &prefs) && prefs.V == storeVersion {
		if prefs.Lang == langEN || prefs.Lang == langZH {
			p.lang = prefs.Lang
		}
		if prefs.Theme == "light" || prefs.Theme == "dark" {
			p.theme = prefs.Theme
		}
		for _, s := range speeds {
			if s == prefs.Speed {
				p.speed = s
			}
		}
		p.playing = prefs.Playing
		p.slowChanges = !prefs.NoSlow
	} else if nav := app.Window().Get("navigator"); nav.Truthy() &&
		strings.HasPrefix(strings.ToLower(nav.Get("language").String()), "zh") {
		p.lang = langZH
	}

	var ed savedEditor
	if storageGet(ctx, storeEditor, &ed) && ed.V == storeVersion {
		p.editorText, p.editorDoc = ed.Text, ed.Text
		p.editorRev++
	}

	var saved savedSession
	if !storageGet(ctx, storeSession, &saved) || saved.V != storeVersion || saved.Session == "" {
		p.sess.Paused = !p.playing
		return
	}
	if _, err := checkSession([]byte(saved.Session)); err != nil {
		p.banner = trf(p.lang, "storage.bad", err.Error())
		return
	}
	s, err := engine.RestoreSession([]byte(saved.Session), engine.Options{})
	if err != nil {
		p.banner = trf(p.lang, "storage.bad", err.Error())
		return
	}
	p.sess = s
	p.sess.Paused = !p.playing
	p.term = saved.Terminal
	for i := range p.term {
		if p.term[i].Running {
			p.term[i].Running = false
			p.term[i].Stopped = "term.note.reloaded"
		}
		p.termSeq = max(p.termSeq, p.term[i].ID)
	}
	p.history = saved.History
	if saved.Chart != nil {
		p.chart = *saved.Chart
	}
	p.selected = saved.Selected
	p.podSeq, p.nextSeq = map[string]int{}, 0
	for _, name := range saved.PodOrder {
		p.nextSeq++
		p.podSeq[name] = p.nextSeq
	}
	p.refreshView()
	p.timelineEnd = max(time.Duration(saved.End), p.view.Elapsed)
	p.refreshDetails(true)
	p.markGood()
}

// podOrder lists the pods of the view in the order the tree shows them.
func (p *playground) podOrder() []string {
	var out []string
	for _, d := range p.view.Deployments {
		for _, rs := range d.ReplicaSets {
			for _, pd := range rs.Pods {
				out = append(out, pd.Name)
			}
		}
	}
	for _, rs := range p.view.UnownedReplicaSets {
		for _, pd := range rs.Pods {
			out = append(out, pd.Name)
		}
	}
	for _, pd := range p.view.UnownedPods {
		out = append(out, pd.Name)
	}
	if len(out) > 2000 {
		return nil
	}
	return out
}

func parseURL(s string) (*url.URL, error) { return url.Parse(s) }
