package app

// The postMessage protocol between an embedded playground (?embed=1) and the page that holds
// it (docs/embedding.md). This file is the pure part: the embed URL's allowed origins, the
// decoder of the host's messages (every field checked, nothing else accepted) and the
// messages the frame posts. embed.go wires it to the window and the playground.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"rolloutlab/engine"
)

// The host's verbs. load with a lesson and step build on the lessons (issue 9): until a lesson
// is loaded they answer an error.
const (
	msgReset = "reset" // start over: an empty cluster and terminal
	msgRun   = "run"   // command: one terminal line, run as if typed
	msgLoad  = "load"  // yaml: the editor's file; or lesson: a lesson's id
	msgStep  = "step"  // step: go to a lesson's step (1-based)
	msgLang  = "lang"  // lang: "en" or "zh"
	msgTheme = "theme" // theme: "light", "dark" or "auto"
)

// The frame's messages. stepPassed and lessonCompleted come from the lesson code through
// lessonStepPassed and lessonCompleted (embed.go).
const (
	msgReady           = "ready"
	msgCommand         = "command"
	msgStepPassed      = "stepPassed"
	msgLessonCompleted = "lessonCompleted"
	msgError           = "error"
)

// frameSource marks every message the frame posts, so a host that also gets other messages
// (from other frames, extensions, its own code) can tell the playground's apart.
const frameSource = "rolloutlab"

// Limits of a host's message. A YAML file is bounded as in a share link (1 MiB) and a command
// line as typed input (the work budget's line); an id is an opaque tag the frame echoes.
const (
	maxMessageYAML = 1 << 20
	maxMessageID   = 64
	maxMessageStep = 1000
	// maxMessageBytes is the JSON text of the largest valid message: a full YAML file whose
	// every byte is escaped (\u0000 takes 6), and room for the other fields.
	maxMessageBytes = 6*maxMessageYAML + 4<<10
	maxOrigins      = 16
	maxOriginLen    = 256
	// maxReportOutput bounds what a command message carries of the command's output.
	maxReportOutput = 64 << 10
)

var lessonID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// hostMsg is a message from the host page, once decoded and checked: Type says which of the
// other fields is set.
type hostMsg struct {
	Type    string
	ID      string
	Command string
	YAML    string
	Lesson  string
	Step    int
	Lang    string
	Theme   string // "light", "dark", or "" for auto
}

// wireHostMsg is the JSON a host posts. Pointers tell a missing field from an empty one.
type wireHostMsg struct {
	Type    *string `json:"type"`
	ID      *string `json:"id"`
	Command *string `json:"command"`
	YAML    *string `json:"yaml"`
	Lesson  *string `json:"lesson"`
	Step    *int    `json:"step"`
	Lang    *string `json:"lang"`
	Theme   *string `json:"theme"`
}

// msgFields lists the fields each verb takes besides type and id (a trailing "?" marks an
// optional one; load takes exactly one of its two).
var msgFields = map[string][]string{
	msgReset: nil,
	msgRun:   {"command"},
	msgLoad:  {"yaml?", "lesson?"},
	msgStep:  {"step"},
	msgLang:  {"lang"},
	msgTheme: {"theme"},
}

// decodeHostMsg reads one message from the host: a JSON object with a known type and exactly
// that type's fields, each of the right type and size. Anything else is an error that names
// the problem; the id is returned whenever it could be read, so the error reply can carry it.
func decodeHostMsg(raw []byte) (hostMsg, error) {
	var m hostMsg
	if len(raw) > maxMessageBytes {
		return m, fmt.Errorf("the message is %d bytes, over the limit of %d", len(raw), maxMessageBytes)
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return m, errors.New(`a message must be an object such as {"type": "run", "command": "kubectl get pods"}`)
	}
	var w wireHostMsg
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		// The id, when it alone is readable, still goes back with the error.
		var idOnly struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(raw, &idOnly) == nil && len(idOnly.ID) <= maxMessageID && utf8.ValidString(idOnly.ID) {
			m.ID = idOnly.ID
		}
		return m, wireError(err)
	}
	if dec.More() {
		return m, errors.New("the message has data after its object")
	}
	if w.ID != nil {
		if len(*w.ID) > maxMessageID || !utf8.ValidString(*w.ID) {
			return m, fmt.Errorf("id: want a string of at most %d bytes", maxMessageID)
		}
		m.ID = *w.ID
	}
	if w.Type == nil {
		return m, errors.New(`type: required (one of reset, run, load, step, lang, theme)`)
	}
	m.Type = *w.Type
	allowed, ok := msgFields[m.Type]
	if !ok {
		return m, fmt.Errorf("type %q: unknown (want one of reset, run, load, step, lang, theme)", clip(m.Type, 40))
	}
	set := map[string]bool{"command": w.Command != nil, "yaml": w.YAML != nil, "lesson": w.Lesson != nil,
		"step": w.Step != nil, "lang": w.Lang != nil, "theme": w.Theme != nil}
	for _, f := range []string{"command", "yaml", "lesson", "step", "lang", "theme"} {
		want := ""
		for _, a := range allowed {
			if strings.TrimSuffix(a, "?") == f {
				want = a
			}
		}
		switch {
		case set[f] && want == "":
			return m, fmt.Errorf("%s: not a field of a %s message", f, m.Type)
		case !set[f] && want != "" && !strings.HasSuffix(want, "?"):
			return m, fmt.Errorf("%s: required in a %s message", f, m.Type)
		}
	}
	switch m.Type {
	case msgRun:
		c := *w.Command
		switch {
		case len(c) > engine.DefaultBudget.Line:
			return m, fmt.Errorf("command: %d bytes, over the limit of %d", len(c), engine.DefaultBudget.Line)
		case !utf8.ValidString(c):
			return m, errors.New("command: not valid UTF-8")
		case strings.ContainsAny(c, "\r\n"):
			return m, errors.New("command: one line only, as typed at the prompt")
		case strings.TrimSpace(c) == "":
			return m, errors.New("command: empty")
		}
		m.Command = c
	case msgLoad:
		switch {
		case (w.YAML == nil) == (w.Lesson == nil):
			return m, errors.New("load: give exactly one of yaml and lesson")
		case w.YAML != nil && len(*w.YAML) > maxMessageYAML:
			return m, fmt.Errorf("yaml: %d bytes, over the limit of %d", len(*w.YAML), maxMessageYAML)
		case w.YAML != nil && !utf8.ValidString(*w.YAML):
			return m, errors.New("yaml: not valid UTF-8")
		case w.Lesson != nil && !lessonID.MatchString(*w.Lesson):
			return m, fmt.Errorf("lesson %q: not a lesson id (lower-case letters, digits and dashes)", clip(*w.Lesson, 40))
		}
		if w.YAML != nil {
			m.YAML = *w.YAML
		} else {
			m.Lesson = *w.Lesson
		}
	case msgStep:
		if *w.Step < 1 || *w.Step > maxMessageStep {
			return m, fmt.Errorf("step: %d out of range 1..%d", *w.Step, maxMessageStep)
		}
		m.Step = *w.Step
	case msgLang:
		if *w.Lang != langEN && *w.Lang != langZH {
			return m, fmt.Errorf("lang %q: want en or zh", clip(*w.Lang, 40))
		}
		m.Lang = *w.Lang
	case msgTheme:
		switch *w.Theme {
		case "light", "dark":
			m.Theme = *w.Theme
		case "auto":
		default:
			return m, fmt.Errorf("theme %q: want light, dark or auto", clip(*w.Theme, 40))
		}
	}
	return m, nil
}

// wireError says what was wrong with the JSON in the host's terms (fields, not Go types).
func wireError(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te) && te.Field == "":
		return errors.New(`a message must be an object such as {"type": "run", "command": "kubectl get pods"}`)
	case errors.As(err, &te):
		want := "a string"
		if te.Field == "step" {
			want = "a whole number"
		}
		return fmt.Errorf("%s: want %s, not %s", te.Field, want, te.Value)
	case errors.As(err, &se):
		return fmt.Errorf("not JSON: %v", se)
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fmt.Errorf("%s: not a field of any message", clip(f, 60))
	}
	return fmt.Errorf("not a message: %v", err)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// frameMsg is a message the frame posts to its host.
type frameMsg struct {
	Source   string `json:"source"` // always frameSource
	Type     string `json:"type"`
	ID       string `json:"id,omitempty"` // the id of the host's message this answers
	Version  int    `json:"version,omitempty"`
	Lang     string `json:"lang,omitempty"`
	Line     string `json:"line,omitempty"`
	ExitCode *int   `json:"exitCode,omitempty"`
	Stdout   string `json:"stdout,omitempty"`
	Stderr   string `json:"stderr,omitempty"`
	Lesson   string `json:"lesson,omitempty"`
	Step     int    `json:"step,omitempty"`
	Message  string `json:"message,omitempty"`
}

// protocolVersion is posted in ready; it changes only if a message changes incompatibly.
const protocolVersion = 1

// tail keeps the end of a long output for a command message, as the terminal does.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[len(s)-n:]
	for len(s) > 0 && !utf8.RuneStart(s[0]) {
		s = s[1:]
	}
	return s
}

// parseOrigins reads the embed URL's origin parameters: each value is one origin or several
// separated by commas or spaces (scheme://host[:port], http or https; a trailing slash is
// allowed), in the form browsers give MessageEvent.origin: lower case, without the scheme's
// default port. It returns the accepted origins and the values it refused; "*" and "null" are
// refused, since they would let any page drive the frame.
func parseOrigins(values []string) (origins, refused []string) {
	seen := map[string]bool{}
	for _, v := range values {
		for _, o := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
			norm, ok := normalizeOrigin(o)
			switch {
			case !ok || len(origins) == maxOrigins:
				refused = append(refused, clip(o, 80))
			case !seen[norm]:
				seen[norm] = true
				origins = append(origins, norm)
			}
		}
	}
	return origins, refused
}

func normalizeOrigin(s string) (string, bool) {
	if len(s) > maxOriginLen {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" ||
		strings.HasSuffix(s, "?") || strings.HasSuffix(s, "#") {
		return "", false
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if host == "" || strings.ContainsAny(host, "*%") {
		return "", false
	}
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host = net.JoinHostPort(strings.Trim(host, "[]"), port)
	}
	return strings.ToLower(u.Scheme) + "://" + host, true
}
