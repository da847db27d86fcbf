package kubectl

import (
	"fmt"
	"strconv"
	"strings"
)

type flagKind int

const (
	boolFlag flagKind = iota
	stringFlag
	intFlag
	sliceFlag    // repeatable, comma-joined in --record
	durationFlag // "60s", "5m"
)

// flagDef describes one flag as cobra/pflag would.
type flagDef struct {
	long  string
	short string
	kind  flagKind
	// noOpt is the value a bare flag takes (pflag's NoOptDefVal), e.g. "true" for booleans,
	// "client" for --dry-run; empty means the flag needs a value.
	noOpt string
}

// flagUse is one flag as the user gave it, in command-line order.
type flagUse struct {
	def   *flagDef
	value string
}

// parsed is a command line after flag parsing.
type parsed struct {
	args  []string
	uses  []flagUse
	value map[string]string
	multi map[string][]string
}

func (p *parsed) has(long string) bool { _, ok := p.value[long]; return ok }

func (p *parsed) str(long, def string) string {
	if v, ok := p.value[long]; ok {
		return v
	}
	return def
}

func (p *parsed) boolean(long string) bool {
	v, ok := p.value[long]
	return ok && v == "true"
}

func (p *parsed) list(long string) []string { return p.multi[long] }

// flagError is a cobra-style usage error; kubectl adds "See 'kubectl X --help' for usage.".
type flagError struct{ msg string }

func (e *flagError) Error() string { return e.msg }

// parseFlags splits args into positional arguments and flags known to defs. Unknown flags,
// missing values and malformed numbers give pflag's messages.
func parseFlags(args []string, defs []*flagDef) (*parsed, error) {
	p := &parsed{value: map[string]string{}, multi: map[string][]string{}}
	byLong := map[string]*flagDef{}
	byShort := map[string]*flagDef{}
	for _, d := range defs {
		byLong[d.long] = d
		if d.short != "" {
			byShort[d.short] = d
		}
	}
	set := func(d *flagDef, v, shown string) error {
		switch d.kind {
		case boolFlag:
			b, err := strconv.ParseBool(v)
			if err != nil {
				return &flagError{fmt.Sprintf("invalid argument %q for %q flag: %v", v, shown, err)}
			}
			v = strconv.FormatBool(b)
		case intFlag:
			if _, err := strconv.ParseInt(v, 0, 32); err != nil {
				return &flagError{fmt.Sprintf("invalid argument %q for %q flag: %v", v, shown, numErr(err, v))}
			}
		case durationFlag:
			if _, err := parseDuration(v); err != nil {
				return &flagError{fmt.Sprintf("invalid argument %q for %q flag: %v", v, shown, err)}
			}
		case sliceFlag:
			p.multi[d.long] = append(p.multi[d.long], strings.Split(v, ",")...)
		}
		p.value[d.long] = v
		p.uses = append(p.uses, flagUse{d, v})
		return nil
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			p.args = append(p.args, args[i+1:]...)
			return p, nil
		case strings.HasPrefix(a, "--"):
			name, val, hasVal := strings.Cut(a[2:], "=")
			d := byLong[name]
			if d == nil {
				return nil, &flagError{"unknown flag: --" + name}
			}
			if !hasVal {
				if d.noOpt != "" {
					val = d.noOpt
				} else if i+1 < len(args) {
					i++
					val = args[i]
				} else {
					return nil, &flagError{"flag needs an argument: --" + name}
				}
			}
			if err := set(d, val, "--"+name); err != nil {
				return nil, err
			}
		case strings.HasPrefix(a, "-") && len(a) > 1:
			shorts := a[1:]
			for j := 0; j < len(shorts); j++ {
				c := shorts[j : j+1]
				d := byShort[c]
				if d == nil {
					return nil, &flagError{fmt.Sprintf("unknown shorthand flag: %q in -%s", shorts[j], shorts)}
				}
				shown := "-" + c + ", --" + d.long
				rest := shorts[j+1:]
				if d.noOpt != "" && !strings.HasPrefix(rest, "=") {
					if err := set(d, d.noOpt, shown); err != nil {
						return nil, err
					}
					continue
				}
				val := strings.TrimPrefix(rest, "=")
				if rest == "" {
					if i+1 >= len(args) {
						return nil, &flagError{fmt.Sprintf("flag needs an argument: %q in -%s", shorts[j], shorts)}
					}
					i++
					val = args[i]
				}
				if err := set(d, val, shown); err != nil {
					return nil, err
				}
				break
			}
		default:
			p.args = append(p.args, a)
		}
	}
	return p, nil
}

func numErr(err error, v string) error {
	if ne, ok := err.(*strconv.NumError); ok {
		return fmt.Errorf("strconv.ParseInt: parsing %q: %v", v, ne.Err)
	}
	return err
}

// recordCommand is the change-cause --record writes: kubectl, the positional words, then every
// flag given, by its long name, in command-line order.
func recordCommand(words []string, p *parsed) string {
	var b strings.Builder
	b.WriteString("kubectl ")
	b.WriteString(strings.Join(append(append([]string(nil), words...), p.args...), " "))
	for _, u := range p.uses {
		b.WriteString(" --" + u.def.long + "=" + u.value)
	}
	return b.String()
}
