package app

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"rolloutlab/engine"
	"rolloutlab/engine/kubelet"
)

// Share links carry the session (its recorded inputs and position: the YAML files, the command
// log and the clock), and the editor's text, in the URL fragment: JSON, deflated, base64url.
// The fragment never reaches a server. Loading one validates everything before touching the
// playground; a bad link shows a banner and leaves the learner's work alone.

const (
	shareFragmentPrefix = "s="
	shareVersion        = 1

	maxShareFragment  = 512 << 10 // characters of the fragment
	maxShareJSON      = 4 << 20   // bytes once inflated
	maxShareInputs    = 5000
	maxShareClock     = 30 * 24 * time.Hour // total virtual time a link may ask for
	maxReplayInstants = 20000               // instants replayed one by one to rebuild the terminal and chart
)

type sharePayload struct {
	V int             `json:"v"`
	S json.RawMessage `json:"s"` // engine.Session.Marshal
	Y string          `json:"y,omitempty"`
}

// sessionHeader is the part of a marshalled session the UI checks before restoring it.
type sessionHeader struct {
	Seed   uint64         `json:"seed"`
	Inputs []engine.Input `json:"in"`
	Pos    int            `json:"pos"`
}

func encodeShare(session []byte, yaml string) (string, error) {
	raw, err := json.Marshal(sharePayload{V: shareVersion, S: session, Y: yaml})
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return "", err
	}
	if _, err := w.Write(raw); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}

var errShareTooLarge = errors.New("the link is too large")

// decodeShare reads and checks a share fragment (without its "s=" prefix).
func decodeShare(frag string) (*sharePayload, *sessionHeader, error) {
	if frag == "" {
		return nil, nil, errors.New("the link is empty")
	}
	if len(frag) > maxShareFragment {
		return nil, nil, errShareTooLarge
	}
	if s, err := url.QueryUnescape(frag); err == nil {
		frag = s
	}
	frag = strings.TrimRight(frag, "=")
	data, err := base64.RawURLEncoding.DecodeString(frag)
	if err != nil {
		return nil, nil, fmt.Errorf("the link is not valid base64url: %v", err)
	}
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(data)), maxShareJSON+1))
	if err != nil {
		return nil, nil, fmt.Errorf("the link is damaged: %v", err)
	}
	if len(raw) > maxShareJSON {
		return nil, nil, errShareTooLarge
	}
	var p sharePayload
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, nil, fmt.Errorf("the link is damaged: %v", err)
	}
	if p.V != shareVersion {
		return nil, nil, fmt.Errorf("the link has version %d; this playground reads version %d", p.V, shareVersion)
	}
	h, err := checkSession(p.S)
	if err != nil {
		return nil, nil, err
	}
	return &p, h, nil
}

// checkSession bounds what a saved session may ask the engine to do.
func checkSession(data []byte) (*sessionHeader, error) {
	if len(data) == 0 {
		return nil, errors.New("the link holds no session")
	}
	var h sessionHeader
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, fmt.Errorf("the session in the link is damaged: %v", err)
	}
	if len(h.Inputs) > maxShareInputs {
		return nil, fmt.Errorf("the session has %d inputs (at most %d)", len(h.Inputs), maxShareInputs)
	}
	var total time.Duration
	for _, in := range h.Inputs {
		switch in.Kind {
		case "exec", "advance", "step", "file", "image", "node", "edit":
		default:
			return nil, fmt.Errorf("the session has an unknown input %q", in.Kind)
		}
		if len(in.Line) > 64<<10 || len(in.Content) > 1<<20 {
			return nil, errors.New("the session has an oversized input")
		}
		if in.Nanos < 0 {
			return nil, errors.New("the session moves the clock backwards")
		}
		total += time.Duration(in.Nanos)
		if total > maxShareClock {
			return nil, errors.New("the session runs the clock for too long")
		}
	}
	if h.Pos < 0 || h.Pos > len(h.Inputs) {
		return nil, errors.New("the session's position is out of range")
	}
	return &h, nil
}

// share builds the link, puts it on the clipboard and shows it.
func (p *playground) share(ctx app.Context) {
	data, err := p.sess.Marshal()
	if err != nil {
		p.banner = trf(p.lang, "share.failed", err.Error())
		return
	}
	frag, err := encodeShare(data, p.editorText)
	if err != nil {
		p.banner = trf(p.lang, "share.failed", err.Error())
		return
	}
	base := app.Window().Get("location").Get("href").String()
	if i := strings.IndexByte(base, '#'); i >= 0 {
		base = base[:i]
	}
	p.shareURL = base + "#" + shareFragmentPrefix + frag
	p.shareCopied = false
	if cb := app.Window().Get("navigator").Get("clipboard"); cb.Truthy() {
		cb.Call("writeText", p.shareURL)
		p.shareCopied = true
	}
}

// loadShare replaces the session with a link's; on any problem it shows a banner and keeps the
// current work.
func (p *playground) loadShare(ctx app.Context, frag string) {
	pl, h, err := decodeShare(frag)
	if err != nil {
		p.banner = trf(p.lang, "share.bad", err.Error())
		return
	}
	s, err := engine.RestoreSession(pl.S, engine.Options{})
	if err != nil {
		p.banner = trf(p.lang, "share.bad", err.Error())
		return
	}
	entries, history, ch := replayTranscript(h)
	p.stopRunning(ctx, "")
	p.cancelEdit(ctx, "")
	p.setPlaying(ctx, false) // the learner sees the shared moment and chooses when to go on
	p.sess = s
	p.sess.Paused = true
	p.term, p.history, p.chart = entries, history, ch
	p.termSeq = len(entries)
	p.scrub = nil
	p.timelineEnd = 0
	p.selected, p.detail = "", detailText{}
	p.stepNotes, p.stepLabel, p.stepNothing = nil, "", false
	p.explained = nil
	if pl.Y != "" {
		p.editorText, p.editorDoc = pl.Y, pl.Y
		p.editorRev++
		p.saveEditor(ctx)
	}
	p.appendEntry(termEntry{Kind: entryNote, NoteKey: "term.note.shared"})
	p.afterChange(ctx)
}

// replayTranscript runs a session's applied inputs on a scratch session to rebuild what the
// terminal printed and what the chart sampled (a marshalled session keeps inputs, not output).
func replayTranscript(h *sessionHeader) ([]termEntry, []string, chartData) {
	r := engine.NewSession(engine.Options{Seed: h.Seed})
	var (
		entries []termEntry
		history []string
		ch      chartData
		running = map[int]*engine.Execution{}
		budget  = maxReplayInstants
	)
	lastRV := int64(-1)
	sample := func() {
		if rv := r.E.Cluster.Store.ResourceVersion(); rv != lastRV {
			lastRV = rv
			ch.sample(r.E.View(1))
		}
	}
	poll := func() {
		now := r.E.Now()
		for i, x := range running {
			x.Poll(now)
			entries[i].fill(x)
			if !x.Running() {
				delete(running, i)
			}
		}
	}
	for _, in := range h.Inputs[:h.Pos] {
		switch in.Kind {
		case "exec":
			r.Paused = in.Paused
			x := r.Exec(in.Line)
			e := termEntry{ID: len(entries) + 1, Kind: entryCmd, Line: in.Line}
			e.fill(x)
			entries = append(entries, e)
			if x.Running() {
				running[len(entries)-1] = x
			}
			if len(history) == 0 || history[len(history)-1] != in.Line {
				history = append(history, in.Line)
			}
		case "advance":
			target := r.E.Now().Add(time.Duration(in.Nanos))
			for budget > 0 {
				next := r.E.Cluster.Clock.Next()
				now := r.E.Now()
				if next == nil || next.At().After(target) {
					break
				}
				r.Advance(max(next.At().Sub(now), time.Nanosecond))
				budget--
				poll()
				sample()
			}
			r.Advance(target.Sub(r.E.Now()))
		case "step":
			r.Step()
		case "file":
			r.WriteFile(in.Name, in.Content)
		case "image":
			r.SetImageMode(in.Name, kubelet.ImageMode(in.Content))
		case "node":
			_ = r.SetNodeDown(in.Name, in.Content == "down")
		case "edit":
			r.Paused = in.Paused
			x := r.EditSave(in.Line, in.Content)
			e := termEntry{ID: len(entries) + 1, Kind: entryCmd, Line: in.Line}
			e.fill(x)
			entries = append(entries, e)
		}
		poll()
		sample()
	}
	for i := range running {
		entries[i].Running = false
		entries[i].Stopped = "term.note.restoredStop"
	}
	if len(entries) > maxEntries {
		entries = entries[len(entries)-maxEntries:]
	}
	if len(history) > maxHistory {
		history = history[len(history)-maxHistory:]
	}
	return entries, history, ch
}
