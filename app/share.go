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
	maxReplayInstants = 20000               // instants watched one by one to rebuild the terminal and chart
)

type sharePayload struct {
	V int             `json:"v"`
	S json.RawMessage `json:"s"` // engine.Session.Marshal
	Y string          `json:"y,omitempty"`
	// Cut says why the session was cut to the work that fits the budget of links ("": whole).
	Cut string `json:"-"`
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
	h, cut, err := checkSession(p.S)
	if err != nil {
		return nil, nil, err
	}
	if cut != "" {
		// The work that fits: the inputs before the cut, as a session of their own.
		if p.S, err = json.Marshal(sessionFile{V: 1, Seed: h.Seed, Inputs: h.Inputs, Pos: h.Pos}); err != nil {
			return nil, nil, err
		}
		p.Cut = cut
	}
	return &p, h, nil
}

// checkSession checks a link's session: anything malformed is an error; a session over the
// budget of links (maxShareInputs, an input over 64 KiB or 1 MiB, an advance over
// engine.MaxAdvance, maxShareClock in all) is cut before the first input that does not fit, and
// cut says why (the link then opens with the work that fits, and a banner).
func checkSession(data []byte) (h *sessionHeader, cut string, err error) {
	if len(data) == 0 {
		return nil, "", errors.New("the link holds no session")
	}
	h = &sessionHeader{}
	if err := json.Unmarshal(data, h); err != nil {
		return nil, "", fmt.Errorf("the session in the link is damaged: %v", err)
	}
	for _, in := range h.Inputs {
		if !in.Kind.Known() {
			return nil, "", fmt.Errorf("the session has an unknown input %q", in.Kind)
		}
		if in.Nanos < 0 {
			return nil, "", errors.New("the session moves the clock backwards")
		}
	}
	if h.Pos < 0 || h.Pos > len(h.Inputs) {
		return nil, "", errors.New("the session's position is out of range")
	}
	var total time.Duration
	for i, in := range h.Inputs {
		total += time.Duration(in.Nanos)
		switch {
		case i == maxShareInputs:
			cut = fmt.Sprintf("more than %d inputs", maxShareInputs)
		case len(in.Line) > 64<<10 || len(in.Content) > 1<<20:
			cut = "an input over 64 KiB, or a file over 1 MiB"
		case in.Nanos > int64(engine.MaxAdvance):
			cut = "a clock advance over 7 days"
		case total > maxShareClock:
			cut = "more than 30 days of virtual time"
		}
		if cut != "" {
			h.Inputs, h.Pos = h.Inputs[:i], min(h.Pos, i)
			break
		}
	}
	return h, cut, nil
}

// shareFragment is the session and the editor's text as a link's fragment (without "#s=").
func (m *model) shareFragment() (string, error) {
	data, err := m.sess.Marshal()
	if err != nil {
		return "", err
	}
	// A playing clock merges its advances into one input; links carry them split into
	// advances of at most a week, as the stored session is restored.
	if split, _, err := ownSession(data); err == nil {
		data = split
	}
	return encodeShare(data, m.editorText)
}

// share builds the link and shows it, and asks the clipboard to take it; "copied" is shown
// only once the clipboard's promise resolves (it rejects without permission or focus).
func (p *playground) share(ctx app.Context) {
	frag, err := p.shareFragment()
	if err != nil {
		p.banner = trf(p.lang, "share.failed", err.Error())
		return
	}
	base := app.Window().Get("location").Get("href").String()
	if i := strings.IndexByte(base, '#'); i >= 0 {
		base = base[:i]
	}
	link := base + "#" + shareFragmentPrefix + frag
	p.shareURL = link
	p.shareCopied = false // until the clipboard says so: the box offers the link to copy by hand
	cb := app.Window().Get("navigator").Get("clipboard")
	if !cb.Truthy() {
		return
	}
	var done, failed app.Func
	settle := func(ok bool) {
		done.Release()
		failed.Release()
		ctx.Dispatch(func(ctx app.Context) {
			if p.shareURL == link {
				p.shareCopied = ok
			}
		})
	}
	done = app.FuncOf(func(app.Value, []app.Value) any { settle(true); return nil })
	failed = app.FuncOf(func(app.Value, []app.Value) any { settle(false); return nil })
	cb.Call("writeText", link).Call("then", done, failed)
}

// loadShare replaces the session with a link's; on any problem it shows a banner and keeps the
// current work. The link's session is rebuilt once, progressively (see replay): the learner's
// session stays in place, and saved, until the link's is ready.
func (p *playground) loadShare(ctx app.Context, frag string) {
	pl, h, err := decodeShare(frag)
	if err != nil {
		p.banner = trf(p.lang, "share.bad", err.Error())
		return
	}
	r, err := newReplay(pl.S, h, true)
	if err != nil {
		p.banner = trf(p.lang, "share.bad", err.Error())
		return
	}
	r.maxWork = maxLinkWork
	p.startReplay(ctx, r, func(ctx app.Context, r *replay) {
		entries, history, ch := r.transcriptResult()
		p.remember(ctx, "recent.why.share")
		if p.sess.Len() > 0 {
			p.recentNotice = "recent.notice.share"
		}
		p.setPlaying(ctx, false) // the learner sees the shared moment and chooses when to go on
		p.takeShared(r.s, entries, history, ch, pl.Y)
		if pl.Y != "" {
			p.saveEditor(ctx)
		}
		if r.cut {
			pl.Cut = fmt.Sprintf("more than %d units of simulated work", maxLinkWork)
		}
		if pl.Cut != "" {
			p.banner = trf(p.lang, "share.cut", pl.Cut)
		}
		p.afterChange(ctx)
	}, nil)
}
