package api

import (
	"reflect"
	"testing"
)

// Rule: a Pod field the simulator does not model is reached through an accessor of its own
// name, which shadows the field Go would promote through the nil pointer (p.Spec.Affinity
// would otherwise compile and panic on a pod without the field). Each accessor answers the
// zero value when the pointer is nil, and the field's value when it is set.
func TestUnusedFieldsHaveAccessors(t *testing.T) {
	for _, c := range []struct {
		outer reflect.Type // the struct that embeds the pointer
		inner reflect.Type // the struct behind it
	}{
		{reflect.TypeFor[PodSpec](), reflect.TypeFor[PodSpecUnused]()},
		{reflect.TypeFor[Container](), reflect.TypeFor[ContainerUnused]()},
		{reflect.TypeFor[PodStatus](), reflect.TypeFor[PodStatusUnused]()},
		{reflect.TypeFor[ObjectMeta](), reflect.TypeFor[MetaUnused]()},
	} {
		for i := range c.inner.NumField() {
			f := c.inner.Field(i)
			m, ok := reflect.PointerTo(c.outer).MethodByName(f.Name)
			if !ok || m.Type.NumIn() != 1 || m.Type.NumOut() != 1 || m.Type.Out(0) != f.Type {
				t.Errorf("%s.%s has no accessor %s() %s", c.outer.Name(), f.Name, f.Name, f.Type)
				continue
			}
			without := reflect.New(c.outer) // the pointer is nil
			if got := m.Func.Call([]reflect.Value{without})[0]; !got.IsZero() {
				t.Errorf("%s.%s() without the field = %v", c.outer.Name(), f.Name, got)
			}
			with := reflect.New(c.outer)
			inner := reflect.New(c.inner)
			set := nonZero(f.Type)
			inner.Elem().Field(i).Set(set)
			with.Elem().FieldByName(c.inner.Name()).Set(inner)
			if got := m.Func.Call([]reflect.Value{with})[0]; !reflect.DeepEqual(got.Interface(), set.Interface()) {
				t.Errorf("%s.%s() = %v, set to %v", c.outer.Name(), f.Name, got, set)
			}
		}
	}
}

// nonZero is a value of type t that is not its zero value.
func nonZero(t reflect.Type) reflect.Value {
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(t.Elem()))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(t, 1, 1))
	case reflect.Map:
		v.Set(reflect.MakeMap(t))
	default:
		panic("nonZero: " + t.String())
	}
	return v
}
