package lesson

import (
	"rolloutlab/engine"
	"rolloutlab/engine/kubelet"
)

// StartSession makes a session with the lesson's starting state applied, as recorded inputs
// (so a replay of the session rebuilds it): the files, the failure settings, then the
// commands. Session.Len() right after is where the learner's own inputs begin.
func StartSession(l *Lesson, o engine.Options) *engine.Session {
	s := engine.NewSession(o)
	for _, f := range l.Start.Files {
		s.WriteFile(f.Name, f.Content)
	}
	for _, image := range sortedKeys(l.Start.Images) {
		s.SetImageMode(image, kubelet.ImageMode(l.Start.Images[image]))
	}
	for _, n := range l.Start.NodesDown {
		_ = s.SetNodeDown(n, true) // an unknown node changes nothing; Parse cannot know the nodes
	}
	for _, line := range l.Start.Commands {
		s.Exec(line)
	}
	return s
}

// LearnerCommands are the command lines among inputs (commands and saved `kubectl edit`s), for
// the `ran` conditions and the command count.
func LearnerCommands(inputs []engine.Input) []string {
	var out []string
	for _, in := range inputs {
		if in.Kind == "exec" || in.Kind == "edit" {
			out = append(out, in.Line)
		}
	}
	return out
}
