package api

import (
	"reflect"
	"testing"
)

// Go's JSON encoding (what kubectl sends) replaces every byte that is not valid UTF-8 with U+FFFD,
// one replacement per byte; valid text, multi-byte runes included, is unchanged.
func TestValidUTF8(t *testing.T) {
	cases := []struct{ in, want string }{
		{"nginx:1.14.2", "nginx:1.14.2"},
		{"简体中文", "简体中文"},
		{"a\xffb", "a\uFFFDb"},
		{"a\xff\xfeb", "a\uFFFD\uFFFDb"},
		{"\xe4\xb8", "\uFFFD\uFFFD"}, // a truncated 3-byte rune: two invalid bytes
		{"\uFFFD", "\uFFFD"},
	}
	for _, c := range cases {
		if got := ValidUTF8(c.in); got != c.want {
			t.Errorf("ValidUTF8(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// CoerceUTF8 fixes every string of an object (map keys and values, free-form fields, nested
// slices) without writing into what the object shares with another (a stored object's maps).
func TestCoerceUTF8CopiesWhatItChanges(t *testing.T) {
	shared := map[string]string{"note": "a\xffb", "ok": "fine"}
	d := &Deployment{ObjectMeta: ObjectMeta{Name: "web", Annotations: shared}}
	d.Spec.Template.Spec.Containers = []Container{{Name: "c", Image: "nginx\xff"}}
	d.Spec.Template.Spec.SecurityContext = map[string]any{"x": []any{"\xfe"}}
	containers := d.Spec.Template.Spec.Containers
	CoerceUTF8(d)
	if d.Annotations["note"] != "a\uFFFDb" || d.Annotations["ok"] != "fine" {
		t.Errorf("annotations %q", d.Annotations)
	}
	if shared["note"] != "a\xffb" {
		t.Errorf("the shared map was written: %q", shared)
	}
	if d.Spec.Template.Spec.Containers[0].Image != "nginx\uFFFD" || containers[0].Image != "nginx\xff" {
		t.Errorf("image %q, shared slice %q", d.Spec.Template.Spec.Containers[0].Image, containers[0].Image)
	}
	if got := d.Spec.Template.Spec.SecurityContext["x"].([]any)[0]; got != "\uFFFD" {
		t.Errorf("free-form value %q", got)
	}
	valid := &Deployment{ObjectMeta: ObjectMeta{Name: "web", Annotations: map[string]string{"a": "b"}}}
	before := valid.Annotations
	CoerceUTF8(valid)
	if reflect.ValueOf(before).Pointer() != reflect.ValueOf(valid.Annotations).Pointer() {
		t.Errorf("a valid object's map was copied")
	}
}
