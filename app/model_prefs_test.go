package app

import "testing"

// The preferences take only what the page offers (the language switch, the theme menu, the
// speed menu); anything else, from a URL, a host page's message or a damaged store, changes
// nothing.
func TestPrefsTakeOnlyOfferedValues(t *testing.T) {
	for _, c := range []struct {
		name string
		set  func(p *prefs) bool
		ok   bool
		want prefs
	}{
		{"lang zh", func(p *prefs) bool { return p.setLang(langZH) }, true, prefs{lang: langZH, speed: 1, slowChanges: true}},
		{"lang fr", func(p *prefs) bool { return p.setLang("fr") }, false, defaultPrefs},
		{"lang empty", func(p *prefs) bool { return p.setLang("") }, false, defaultPrefs},
		{"theme dark", func(p *prefs) bool { return p.setTheme("dark") }, true, prefs{lang: langEN, theme: "dark", speed: 1, slowChanges: true}},
		{"theme auto", func(p *prefs) bool { return p.setTheme("") }, true, defaultPrefs},
		{"theme blue", func(p *prefs) bool { return p.setTheme("blue") }, false, defaultPrefs},
		{"speed 20", func(p *prefs) bool { return p.setSpeed(20) }, true, prefs{lang: langEN, speed: 20, slowChanges: true}},
		{"speed 3", func(p *prefs) bool { return p.setSpeed(3) }, false, defaultPrefs},
		{"speed 0", func(p *prefs) bool { return p.setSpeed(0) }, false, defaultPrefs},
	} {
		p := defaultPrefs
		if ok := c.set(&p); ok != c.ok || p != c.want {
			t.Errorf("%s: ok %v, prefs %+v; want %v, %+v", c.name, ok, p, c.ok, c.want)
		}
	}
}

// Stored preferences come back as they were saved, the clock's state with them; a stored
// value the page does not offer leaves the default (a new visitor has "slow down while
// something changes" on, so only NoSlow is stored).
func TestPrefsRoundTrip(t *testing.T) {
	saved := prefs{lang: langZH, theme: "light", speed: 0.25}
	var back prefs
	if playing := back.restore(saved.saved(true)); !playing || back != saved {
		t.Fatalf("restored %+v (playing %v), want %+v (playing)", back, playing, saved)
	}
	if s := defaultPrefs.saved(false); s.NoSlow || s.Playing || s.V != storeVersion {
		t.Fatalf("defaults stored as %+v", s)
	}
	back = defaultPrefs
	back.restore(savedPrefs{V: storeVersion, Lang: "fr", Theme: "blue", Speed: 3})
	if back != defaultPrefs {
		t.Fatalf("damaged values taken: %+v", back)
	}
}
