package events

// few is a list that keeps its first element inline: most of the correlator's lists hold one
// element, and thousands of pods each have several.
type few[T any] struct {
	first T
	rest  *[]T // allocated for a second element
	n     int
}

func (f *few[T]) len() int { return f.n }

// at points at element i; the pointer is good until the list changes.
func (f *few[T]) at(i int) *T {
	if i == 0 {
		return &f.first
	}
	return &(*f.rest)[i-1]
}

func (f *few[T]) add(v T) {
	switch {
	case f.n == 0:
		f.first = v
	case f.rest == nil:
		f.rest = &[]T{v}
	default: // including a rest made ready with room
		*f.rest = append(*f.rest, v)
	}
	f.n++
}

func (f *few[T]) removeAt(i int) {
	var zero T
	switch {
	case i > 0:
		*f.rest = append((*f.rest)[:i-1], (*f.rest)[i:]...)
	case f.n > 1:
		f.first = (*f.rest)[0]
		*f.rest = (*f.rest)[1:]
	default:
		f.first = zero
	}
	f.n--
}
