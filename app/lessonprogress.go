package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Progress per lesson (steps passed, simulated time, learner commands), kept in local storage
// under rolloutlab/lessons with a format version, so a new build reads what an older one wrote
// (and keeps, rather than overwrites, what a newer one wrote). It can be exported as a file and
// imported on another machine; an import merges, keeping the furthest progress per lesson.

const (
	storeProgress   = "rolloutlab/lessons"
	progressVersion = 1
)

type lessonProgress struct {
	V       int                      `json:"v"`
	Lessons map[string]progressEntry `json:"lessons"`
}

type progressEntry struct {
	Steps     int    `json:"steps"`     // steps in the lesson
	Passed    int    `json:"passed"`    // steps passed
	Simulated int64  `json:"simulated"` // virtual time when the last step passed, ns
	Commands  int    `json:"commands"`  // learner commands by then
	Done      bool   `json:"done,omitempty"`
	Updated   string `json:"updated,omitempty"` // RFC 3339
}

// better reports that e is further than o: more steps passed, or as many in fewer commands.
func (e progressEntry) better(o progressEntry) bool {
	return e.Passed > o.Passed || (e.Passed == o.Passed && e.Commands < o.Commands)
}

func readProgress(ctx app.Context) lessonProgress {
	var p lessonProgress
	raw, ok := storageRaw(ctx, storeProgress)
	if !ok {
		return lessonProgress{V: progressVersion}
	}
	if pr, err := decodeProgress([]byte(raw)); err == nil {
		p = pr
	} else {
		p = lessonProgress{V: progressVersion}
	}
	return p
}

// decodeProgress reads a progress file or the stored value.
func decodeProgress(data []byte) (lessonProgress, error) {
	var p lessonProgress
	if err := json.Unmarshal(data, &p); err != nil {
		return p, fmt.Errorf("not a progress file: %v", err)
	}
	switch {
	case p.V > progressVersion:
		return p, fmt.Errorf("written by a newer version of the playground (format %d; this one reads %d)", p.V, progressVersion)
	case p.V != progressVersion:
		return p, errors.New("not a progress file: no format version")
	}
	for id, e := range p.Lessons {
		if e.Passed < 0 || e.Steps < 0 || e.Passed > e.Steps || e.Commands < 0 || e.Simulated < 0 {
			return p, fmt.Errorf("lesson %q: impossible progress (%d of %d steps)", id, e.Passed, e.Steps)
		}
	}
	if p.Lessons == nil {
		p.Lessons = map[string]progressEntry{}
	}
	return p, nil
}

// merge keeps, per lesson, the furthest of the two.
func (p *lessonProgress) merge(o lessonProgress) {
	if p.Lessons == nil {
		p.Lessons = map[string]progressEntry{}
	}
	for id, e := range o.Lessons {
		if cur, ok := p.Lessons[id]; !ok || e.better(cur) {
			p.Lessons[id] = e
		}
	}
}

// progress is the run's progress as stored, as of now; false before a step passed.
func (r *lessonRun) progress(now time.Time) (lessonProgress, bool) {
	if len(r.tracker.Passed) == 0 {
		return lessonProgress{}, false
	}
	last := r.tracker.Passed[len(r.tracker.Passed)-1]
	e := progressEntry{Steps: len(r.L.Steps), Passed: len(r.tracker.Passed), Simulated: int64(last.Elapsed),
		Commands: last.Commands, Done: r.tracker.Done(), Updated: now.UTC().Format(time.RFC3339)}
	return lessonProgress{Lessons: map[string]progressEntry{r.L.ID: e}}, true
}

// mergeProgress merges in into the stored progress, keeping the further entry of each lesson
// (a run's progress, or a progress file imported).
func (p *playground) mergeProgress(ctx app.Context, in lessonProgress) {
	pr := readProgress(ctx)
	pr.merge(in)
	p.les.progress = pr
	storageSet(ctx, storeProgress, pr)
}

// progressText says how far the learner got in a lesson, for its card.
func progressText(lang string, e progressEntry, ok bool, steps int) string {
	switch {
	case !ok || e.Passed == 0:
		return trf(lang, "lesson.progress.none", steps)
	case e.Done:
		return trf(lang, "lesson.progress.done", formatSeconds(time.Duration(e.Simulated)), e.Commands)
	}
	return trf(lang, "lesson.progress.some", e.Passed, steps, e.Commands)
}
