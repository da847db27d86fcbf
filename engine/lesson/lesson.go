// Package lesson is the guided lessons of the playground (issue 9): the lesson file format
// (YAML, bilingual), the checks a step passes by (read-only kubectl commands and what they must
// print, commands the learner ran, a Deployment that settled), the tracker that follows a
// learner through the steps, and grading a learner's submission by replaying it. It is pure
// Go: the page (compiled to WebAssembly) and the command line use the same code, so they reach
// the same verdicts.
package lesson

// Text is a bilingual string. In YAML it is either a mapping {en: …, zh: …} or a plain string
// (English only).
type Text struct{ EN, ZH string }

// In is the text in lang ("zh" or "en"), falling back to English when there is no Chinese.
func (t Text) In(lang string) string {
	if lang == "zh" && t.ZH != "" {
		return t.ZH
	}
	return t.EN
}

// Lesson is one lesson file.
type Lesson struct {
	ID      string
	Title   Text
	Summary Text
	Level   string // "beginner" | "intermediate" | "advanced"
	Minutes int
	Start   Start
	Steps   []Step
	Finish  Text
	// Hash identifies the lesson's content (sha256 of the file, hex): a submission names the
	// version of the lesson it was made with.
	Hash string
}

// Start is the starting state, applied as ordinary session inputs before the learner begins
// (so a recorded session replays it too): files for the editor and working folder, commands
// run first, and image and node failure settings.
type Start struct {
	Files     []File            // the first file is what the editor shows
	Commands  []string          // full lines, e.g. "kubectl apply -f web.yaml"
	Images    map[string]string // image → "missing" | "slow"
	NodesDown []string
}

// File is a file of the working folder.
type File struct{ Name, Content string }

// Step is one step of a lesson.
type Step struct {
	Title    Text
	Text     Text     // Markdown subset: paragraphs, *emphasis*/**strong**, lists, `code`, ``` blocks, [links](url)
	Run      []string // commands offered as buttons (paste / run)
	Hints    []Text
	Solution []string
	Check    []Condition // all must hold
	Explain  Text        // shown after the check passes
	Goal     *Goal       // optional target drawn as a ghost tree
}

// Condition is one part of a step's check. Exactly one of Kubectl, Ran and Settled is set; a
// Kubectl condition has at least one of Equals, Contains, Matches, AtLeast and AtMost, all of
// which must hold of what the command prints.
type Condition struct {
	// Kubectl is a read-only command (get, describe, rollout status|history, explain), with or
	// without the leading "kubectl".
	Kubectl  string
	Equals   *string
	Contains string
	Matches  string // regexp
	AtLeast  *float64
	AtMost   *float64
	// Ran is a prefix, or a /regexp/, that one of the learner's own command lines since the
	// step began must match.
	Ran string
	// Settled is a Deployment name: its rollout is complete and nothing is pending for it.
	Settled string
	// Label names what is checked in the panel ("availableReplicas"); without it, the label
	// is derived from the command (a jsonpath's last field, or the command itself).
	Label Text
}

// Goal is the state a step aims at, drawn as a ghost tree beside the live one.
type Goal struct{ Deployments []GoalDeployment }

// GoalDeployment is one Deployment of a Goal.
type GoalDeployment struct {
	Name        string
	Replicas    int32
	Image       string
	ReplicaSets []GoalReplicaSet // expected non-empty ReplicaSets (old ones included)
}

// GoalReplicaSet is one ReplicaSet of a GoalDeployment.
type GoalReplicaSet struct {
	Image    string
	Replicas int32
}
