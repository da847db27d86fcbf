package app

import (
	"encoding/json"
	"testing"

	"rolloutlab/engine"
)

// FuzzShareAndStorage: whatever a share link's fragment or a stored session holds, reading it
// returns a value or an error and never panics (a panic in wasm kills the page), and what is
// accepted replays within the budgets (a link: checkSession's limits and maxLinkWork units of
// simulated work).
func FuzzShareAndStorage(f *testing.F) {
	s := engine.NewSession(engine.Options{Seed: 1})
	s.Exec("kubectl create deployment web --image=nginx:1.91 --replicas=3")
	s.Advance(90_000_000_000)
	data, _ := s.Marshal()
	frag, _ := encodeShare(data, seedYAML)
	ch := chartData{Series: []chartSeries{{Name: "a", Points: []chartPoint{{T: 0, Desired: 3}, {T: 5, Desired: 3, Ready: 2}}}}, Last: 9}
	stored, _ := json.Marshal(savedSession{V: storeVersion, Session: string(data), Chart: &ch,
		Terminal: []termEntry{{ID: 1, Kind: entryCmd, Line: "kubectl get pods", Running: true}}})
	f.Add(frag, string(stored))
	f.Add("", `{"v":2}`)
	f.Add("%zz", `{"v":1,"session":"{\"v\":1,\"in\":[{\"k\":\"advance\",\"d\":9223372036854775807}],\"pos\":1}"}`)
	f.Add(deflateString(`{"v":1,"s":{"v":1,"seed":3,"in":[{"k":"exec","l":"kubectl scale deploy web --replicas=2147483647"}],"pos":1}}`),
		`{"v":1,"session":"x","chart":{"s":[{"n":"a","p":[]}],"l":-1}}`)
	f.Fuzz(func(t *testing.T, frag, stored string) {
		if pl, h, err := decodeShare(frag); err == nil {
			if r, err := newReplay(pl.S, h, true); err == nil {
				r.maxWork = maxLinkWork
				for !r.done() {
					r.step()
				}
				r.transcriptResult()
			}
		}
		saved, err := readSaved(stored)
		if err != nil {
			return
		}
		if saved.Chart != nil {
			c := saved.Chart.sanitized()
			c.sample(s.View(1))
			for _, sr := range c.Series {
				for _, p := range sr.Points {
					yTicks(niceTop(max(p.Desired, p.Ready)))
				}
			}
		}
		// The app restores its own session whole, progressively; a case here runs the first
		// maxLinkWork units of it, which is what one case can afford.
		if own, h, err := ownSession([]byte(saved.Session)); err == nil {
			if r, err := newReplay(own, h, false); err == nil {
				for !r.done() && r.work < maxLinkWork {
					r.step()
				}
			}
		}
	})
}
