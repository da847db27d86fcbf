package api

import (
	"reflect"
	"strings"
	"unicode/utf8"
)

// ValidUTF8 replaces each byte of s that is not part of valid UTF-8 with U+FFFD, as encoding/json
// does when it encodes a string.
func ValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// CoerceUTF8 makes o's strings what the API server receives: kubectl sends every object and patch
// as JSON, whose encoding replaces invalid UTF-8 (an annotation or image typed with stray bytes is
// stored with U+FFFD, never raw). Nothing o points to is changed in place, since it may be shared
// with a stored object: a changed map, slice or pointee is a copy.
func CoerceUTF8(o Object) {
	v := reflect.ValueOf(o).Elem()
	if nv, changed := coerceUTF8(v); changed {
		v.Set(nv)
	}
}

// coerceUTF8 returns v with valid strings, and whether anything had to change.
func coerceUTF8(v reflect.Value) (reflect.Value, bool) {
	switch v.Kind() {
	case reflect.String:
		if utf8.ValidString(v.String()) {
			return v, false
		}
		nv := reflect.New(v.Type()).Elem()
		nv.SetString(ValidUTF8(v.String()))
		return nv, true
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return v, false
		}
		ne, changed := coerceUTF8(v.Elem())
		if !changed {
			return v, false
		}
		if v.Kind() == reflect.Pointer {
			p := reflect.New(v.Type().Elem())
			p.Elem().Set(ne)
			return p, true
		}
		nv := reflect.New(v.Type()).Elem()
		nv.Set(ne)
		return nv, true
	case reflect.Struct:
		var out reflect.Value
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			nf, changed := coerceUTF8(v.Field(i))
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(v.Type()).Elem()
				out.Set(v)
			}
			out.Field(i).Set(nf)
		}
		return orSame(out, v)
	case reflect.Slice:
		var out reflect.Value
		for i := 0; i < v.Len(); i++ {
			ne, changed := coerceUTF8(v.Index(i))
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.MakeSlice(v.Type(), v.Len(), v.Len())
				reflect.Copy(out, v)
			}
			out.Index(i).Set(ne)
		}
		return orSame(out, v)
	case reflect.Map:
		changed := false
		iter := v.MapRange()
		for iter.Next() {
			_, kc := coerceUTF8(iter.Key())
			_, vc := coerceUTF8(iter.Value())
			if kc || vc {
				changed = true
				break
			}
		}
		if !changed {
			return v, false
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for iter := v.MapRange(); iter.Next(); {
			k, _ := coerceUTF8(iter.Key())
			e, _ := coerceUTF8(iter.Value())
			out.SetMapIndex(k, e)
		}
		return out, true
	}
	return v, false
}

func orSame(out, v reflect.Value) (reflect.Value, bool) {
	if out.IsValid() {
		return out, true
	}
	return v, false
}
