package events

// few is a list that keeps its first element inline: most of the correlator's lists hold one
// element, and thousands of pods each have several.
type few[T any] struct {
	first T
	rest  []T
	n     int
}

func (f *few[T]) len() int { return f.n }

// at points at element i; the pointer is good until the list changes.
func (f *few[T]) at(i int) *T {
	if i == 0 {
		return &f.first
	}
	return &f.rest[i-1]
}

func (f *few[T]) add(v T) {
	if f.n == 0 {
		f.first = v
	} else {
		f.rest = append(f.rest, v)
	}
	f.n++
}

func (f *few[T]) removeAt(i int) {
	var zero T
	if i == 0 {
		if len(f.rest) > 0 {
			f.first = f.rest[0]
			f.rest = f.rest[1:]
		} else {
			f.first = zero
		}
	} else {
		f.rest = append(f.rest[:i-1], f.rest[i:]...)
	}
	f.n--
}
