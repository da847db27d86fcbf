package app

// prefs are the learner's preferences: kept in storage (storePrefs) and, for the language and
// the theme, in the URL too.
type prefs struct {
	lang        string  // "en" or "zh"
	theme       string  // "", "light" or "dark" ("" follows prefers-color-scheme)
	speed       float64 // the clock's speed, one of speeds
	slowChanges bool    // play at slowSpeed while the cluster is changing (on by default)
}

// speeds are the clock's speeds the time controls offer.
var speeds = []float64{0.25, 0.5, 1, 2, 5, 10, 20}

// defaultPrefs are a new visitor's.
var defaultPrefs = prefs{lang: langEN, speed: 1, slowChanges: true}

// setLang, setTheme and setSpeed change one preference to a value the page offers; they
// report false, changing nothing, for any other.
func (p *prefs) setLang(l string) bool {
	if l != langEN && l != langZH {
		return false
	}
	p.lang = l
	return true
}

func (p *prefs) setTheme(t string) bool {
	if t != "" && t != "light" && t != "dark" {
		return false
	}
	p.theme = t
	return true
}

func (p *prefs) setSpeed(f float64) bool {
	for _, s := range speeds {
		if s == f {
			p.speed = f
			return true
		}
	}
	return false
}

// saved is the stored value, with the clock's state.
func (p *prefs) saved(playing bool) savedPrefs {
	return savedPrefs{V: storeVersion, Lang: p.lang, Theme: p.theme, Speed: p.speed, Playing: playing, NoSlow: !p.slowChanges}
}

// restore takes the stored preferences back, each only when it is a value the page offers (a
// stored theme is never "": auto is the default), and reports whether the clock was playing.
func (p *prefs) restore(s savedPrefs) (playing bool) {
	p.setLang(s.Lang)
	if s.Theme != "" {
		p.setTheme(s.Theme)
	}
	p.setSpeed(s.Speed)
	p.slowChanges = !s.NoSlow
	return s.Playing
}
