package lesson

import (
	"fmt"
	"strings"

	"rolloutlab/engine"
	"rolloutlab/engine/kubelet"
)

// StartSession makes a session with the lesson's starting state applied, as recorded inputs
// (so a replay of the session rebuilds it): the files, the failure settings, then the
// commands. Session.Len() right after is where the learner's own inputs begin.
func StartSession(l *Lesson, o engine.Options) *engine.Session {
	s, _ := startSession(l, o)
	return s
}

// startSession is StartSession, saying which part of the starting state failed (an unknown
// node, a command that exits non-zero), for `rolloutlab check`.
func startSession(l *Lesson, o engine.Options) (*engine.Session, error) {
	var failed error
	s := engine.NewSession(o)
	for _, f := range l.Start.Files {
		s.WriteFile(f.Name, f.Content)
	}
	for _, image := range sortedKeys(l.Start.Images) {
		s.SetImageMode(image, kubelet.ImageMode(l.Start.Images[image]))
	}
	for _, n := range l.Start.NodesDown {
		if err := s.SetNodeDown(n, true); err != nil && failed == nil {
			failed = fmt.Errorf("start.nodesDown: %v", err)
		}
	}
	for _, line := range l.Start.Commands {
		if x := s.Exec(line); x.ExitCode() != 0 && failed == nil {
			failed = fmt.Errorf("start command %q failed: %s", line, strings.TrimSpace(x.Stderr()))
		}
	}
	return s, failed
}

// LearnerCommands are the command lines among inputs (commands and saved `kubectl edit`s), for
// the `ran` conditions and the command count. Pass the learner's own inputs: those after the
// start, Session.Inputs()[n:Session.Position()] where n is Session.Len() right after StartSession.
func LearnerCommands(inputs []engine.Input) []string {
	var out []string
	for _, in := range inputs {
		if in.Kind == engine.KindExec || in.Kind == engine.KindEdit {
			out = append(out, in.Line)
		}
	}
	return out
}
