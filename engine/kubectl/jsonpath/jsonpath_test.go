package jsonpath

import (
	"strings"
	"testing"
)

// podList is a `kubectl get pods` List as kubectl's templates see it. The expressions below are
// those of client-go's jsonpath_test.go and parser_test.go (TestStructInput, TestKubernetes,
// TestNegativeIndex, TestStep, TestFilterPartialMatchesSometimesMissingAnnotations,
// TestNestedRanges, TestEmptyRange...), adapted to these objects, with the outputs client-go
// gives.
const podList = `{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[
 {"kind":"Pod","metadata":{"name":"web-1","labels":{"app":"web","kubernetes.io/hostname":"node-1"},"annotations":{"color":"blue"}},
  "spec":{"nodeName":"node-1","terminationGracePeriodSeconds":9223372036854775807,
   "containers":[{"name":"nginx","image":"nginx:1.8","ports":[{"containerPort":80}]},{"name":"sidecar","image":"busybox","stdin":true}]},
  "status":{"phase":"Running","restartCount":0,"conditions":[{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}]}},
 {"kind":"Pod","metadata":{"name":"web-2","labels":{"app":"web"}},
  "spec":{"nodeName":"node-2","containers":[{"name":"nginx","image":"nginx:1.91"}]},
  "status":{"phase":"Pending","restartCount":3,"conditions":[{"type":"Ready","status":"False"}]}},
 {"kind":"Pod","metadata":{"name":"db-1","labels":{"app":"db"},"annotations":{"color":"green"}},
  "spec":{"nodeName":"node-1","containers":[{"name":"postgres","image":"postgres:16"}]},
  "status":{"phase":"Running","restartCount":1,"score":0.25,"conditions":[]}}]}`

func pods(t testing.TB) any {
	v, err := Decode([]byte(podList))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func run(t *testing.T, tmpl string, data any, opts Options) (string, error) {
	t.Helper()
	p, err := Parse(tmpl)
	if err != nil {
		t.Fatalf("%s: parse error %v", tmpl, err)
	}
	var b strings.Builder
	err = p.Execute(&b, data, opts)
	return b.String(), err
}

func TestJSONPathOutputs(t *testing.T) {
	data := pods(t)
	for _, c := range []struct{ fact, tmpl, want string }{
		{"text outside actions prints as is", "hello jsonpath", "hello jsonpath"},
		{"a field of the root", "{.kind}", "List"},
		{"$ is the root and may be written or left out", "{$.kind}", "List"},
		{"[*] selects every item; the values of one action are space-separated", "{.items[*].metadata.name}", "web-1 web-2 db-1"},
		{"[n] selects one item", "{.items[0].metadata.name}", "web-1"},
		{"[-1] counts from the end", "{.items[-1].metadata.name}", "db-1"},
		{"[-2] counts from the end", "{.items[-2].metadata.name}", "web-2"},
		{"[a:b] is a half-open slice", "{.items[0:2].metadata.name}", "web-1 web-2"},
		{"[:b] starts at 0", "{.items[:2].metadata.name}", "web-1 web-2"},
		{"[::2] steps by 2", "{.items[::2].metadata.name}", "web-1 db-1"},
		{"[1::2] steps by 2 from 1", "{.items[1::2].metadata.name}", "web-2"},
		{"[-1:] is the last item", "{.items[-1:].metadata.name}", "db-1"},
		{"[0:-1] stops before the last", "{.items[0:-1].metadata.name}", "web-1 web-2"},
		{"[0:0] is the empty set", "{.items[0:0].metadata.name}", ""},
		{"[5:5] past the end is still the empty set", "{.items[5:5].metadata.name}", ""},
		{"[a,b] is a union of indexes", "{.items[1,2].metadata.name}", "web-2 db-1"},
		{"a union of quoted keys walks each as a path", "{.items[0]['metadata.name', 'status.phase']}", "web-1 Running"},
		{"['key'] is .key", "{.items[0].metadata.labels['app']}", "web"},
		{`\. keeps a dot inside a key`, `{.items[0].metadata.labels.kubernetes\.io/hostname}`, "node-1"},
		{".* selects a map's values (here in key order)", "{.items[0].metadata.labels.*}", "web node-1"},
		{"a map prints as compact JSON with sorted keys", "{.items[0].metadata.labels}", `{"app":"web","kubernetes.io/hostname":"node-1"}`},
		{"a list prints as compact JSON", "{.items[0].spec.containers[0].ports}", `[{"containerPort":80}]`},
		{"an integer prints as an integer, never 3e+00", "{.items[1].status.restartCount}", "3"},
		{"int64 values print exactly", "{.items[0].spec.terminationGracePeriodSeconds}", "9223372036854775807"},
		{"a float prints as Go prints it", "{.items[2].status.score}", "0.25"},
		{"a bool prints as true/false", "{.items[0].spec.containers[1].stdin}", "true"},
		{"filter == on a string", `{.items[?(@.status.phase=="Pending")].metadata.name}`, "web-2"},
		{"filter with a single-quoted string", `{.items[?(@.status.phase=='Running')].metadata.name}`, "web-1 db-1"},
		{"filter !=", `{.items[?(@.status.phase!="Running")].metadata.name}`, "web-2"},
		{"filter > on numbers", `{.items[?(@.status.restartCount>0)].metadata.name}`, "web-2 db-1"},
		{"filter < on numbers", `{.items[?(@.status.restartCount<1)].metadata.name}`, "web-1"},
		{"filter <= on numbers", `{.items[?(@.status.restartCount<=1)].metadata.name}`, "web-1 db-1"},
		{"filter >= on numbers", `{.items[?(@.status.restartCount>=3)].metadata.name}`, "web-2"},
		{"filter < on strings compares bytes", `{.items[?(@.metadata.name<"web")].metadata.name}`, "db-1"},
		{"filter == true on a bool", `{.items[0].spec.containers[?(@.stdin==true)].name}`, "sidecar"},
		{"filter on a condition's type", `{.items[0].status.conditions[?(@.type=="Ready")].status}`, "True"},
		{"?(@.x) keeps the items where x exists", `{.items[?(@.metadata.annotations)].metadata.name}`, "web-1 db-1"},
		{"a filter skips items missing the field when missing keys are allowed", `{.items[?(@.metadata.annotations.color=="blue")].metadata.name}`, "web-1"},
		{"a filter on a field of the root, with spaces", `{.items[?( @.spec.nodeName == "node-1" )].metadata.name}`, "web-1 db-1"},
		{"..name descends everywhere, parents first", "{..name}", "web-1 nginx sidecar web-2 nginx db-1 postgres"},
		{"..image collects every image", "{..image}", "nginx:1.8 busybox nginx:1.91 postgres:16"},
		{"...x is ..x then .x", "{...image}", "nginx:1.8 busybox nginx:1.91 postgres:16"},
		{`{"\n"} and {"\t"} are literal text`, `{.items[0].metadata.name}{"\t"}{.items[1].metadata.name}{"\n"}`, "web-1\tweb-2\n"},
		{`{"{"} prints a brace`, `{"{"}`, "{"},
		{"range/end repeats the body per item", `{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}`, "web-1\tRunning\nweb-2\tPending\ndb-1\tRunning\n"},
		{"text after end runs once", "{range .items[*]}{.metadata.name}, {end}{.kind}", "web-1, web-2, db-1, List"},
		{"nested ranges", `{range .items[*]}{.metadata.name}:{range .spec.containers[*]}{.name},{end}{"\n"}{end}`, "web-1:nginx,sidecar,\nweb-2:nginx,\ndb-1:postgres,\n"},
		{"two ranges at the same level", `{range .items[0:1]}{range .spec.containers[*]}{.name} {end}|{range .status.conditions[*]}{.type} {end}{end}`, "nginx sidecar |Ready PodScheduled "},
		{"a range over nothing prints nothing and resumes after its end", `{range .items[?(@.status.phase=="Failed")]}{.metadata.name}{end}done`, "done"},
		{"range over a filter", `{range .items[?(@.status.phase=="Running")]}{.metadata.name}{" is Running\n"}{end}`, "web-1 is Running\ndb-1 is Running\n"},
		{"{@} inside a range is the item", `{range .items[0].spec.containers[*]}{@.name}={@.image} {end}`, "nginx=nginx:1.8 sidecar=busybox "},
		{"a missing field prints nothing when missing keys are allowed", "before-{.nope}after", "before-after"},
		{"[] is [0]", "{.items[].metadata.name}", "web-1"},
		{"parentheses inside a quoted filter value", `{.items[?(@.status.phase!="())(")].metadata.name}`, "web-1 web-2 db-1"},
		{"braces and brackets inside a quoted filter value", `{.items[?(@.status.phase!="{[()]}")].metadata.name}`, "web-1 web-2 db-1"},
		{"an empty list first does not stop the next inputs", "{.items[2,0].status.conditions[*].type}", "Ready PodScheduled"},
		{"an empty slice in the middle does not stop the next inputs", "{.items[1,2,0].spec.containers[1:].name}", "sidecar"},
	} {
		got, err := run(t, c.tmpl, data, Options{AllowMissingKeys: true})
		if err != nil || got != c.want {
			t.Errorf("%s: %s = %q, %v; want %q", c.fact, c.tmpl, got, err, c.want)
		}
	}
}

func TestJSONPathExecutionErrors(t *testing.T) {
	data := pods(t)
	for _, c := range []struct {
		fact, tmpl, want string
		allowMissing     bool
	}{
		{"a missing field fails with --allow-missing-template-keys=false", "{.nope}", "nope is not found", false},
		{"a filter fails on items missing the field with --allow-missing-template-keys=false", `{.items[?(@.metadata.annotations.color=="blue")].metadata.name}`, "annotations is not found", false},
		{"an index past the end fails even when missing keys are allowed", "{.items[3].metadata.name}", "array index out of bounds: index 3, length 3", true},
		{"a negative index before the start fails", "{.items[-4].metadata.name}", "array index out of bounds: index -1, length 3", true},
		{"[0] of an empty list fails", "{.items[2].status.conditions[0].type}", "", true},
		{"a slice's start after its end fails", "{.items[2:1]}", "starting index 2 is greater than ending index 1", true},
		{"[-1:-2] is [2:1] and fails", "{.items[-1:-2]}", "starting index 2 is greater than ending index 1", true},
		{"a step of 0 fails", "{.items[0:3:0]}", "step must be > 0", true},
		{"a negative step fails", "{.items[0:3:-1]}", "step must be > 0", true},
		{"an identifier other than range/end fails", "{hello}", "unrecognized identifier hello", true},
		{"an end outside a range fails", "{range .items[*]}{.kind}{end}{end}", "not in range, nothing to end", true},
		{"indexing a map fails", "{.items[0].metadata[0]}", "map[string]interface {} is not array or slice", true},
		{"indexing a string fails", "{.kind[0]}", "string is not array or slice", true},
		{"an unknown filter operator fails", "{.items[?(@.status.restartCount<>1)]}", "unrecognized filter operator <>", true},
		{"comparing a string with a number fails", "{.items[?(@.status.phase>1)]}", "incompatible types for comparison", true},
		{"comparing an integer with a float fails", "{.items[?(@.status.restartCount>0.5)]}", "incompatible types for comparison", true},
		{"ordering bools fails", "{.items[0].spec.containers[?(@.stdin<true)]}", "invalid type for comparison", true},
		{"comparing a map fails", `{.items[?(@.metadata=="x")]}`, "invalid type for comparison", true},
		{"filtering a map fails", "{.items[0].metadata.labels[?(@.x)]}", "map[app:web kubernetes.io/hostname:node-1] is not array or slice and cannot be filtered", true},
		{"a filter comparing several values fails", `{.items[?(@..name=="x")]}`, "can only compare one element at a time", true},
	} {
		_, err := run(t, c.tmpl, data, Options{AllowMissingKeys: c.allowMissing})
		want := c.want
		if want == "" {
			want = "array index out of bounds: index 0, length 0"
		}
		if err == nil || err.Error() != want {
			t.Errorf("%s: %s gave %v, want %q", c.fact, c.tmpl, err, want)
		}
	}
}

func TestJSONPathParseErrors(t *testing.T) {
	for _, c := range []struct{ fact, tmpl, want string }{
		{"an action without its }", "{.spec.replicas", "unclosed action"},
		{"a line break inside an action", "{.spec\n}", "unclosed action"},
		{"a second action without its }", "{.a}{", "unclosed action"},
		{"an index without its ]", "{.items[0}", "unterminated array"},
		{"a filter without its )", `{.items[?(@.x=="y"}`, "unterminated filter"},
		{"a filter without its ]", "{.items[?(@.x)}", "unclosed array expect ]"},
		{"a quoted string without its end", `{"abc}`, "unterminated quoted string"},
		{"a bad escape in a quoted string", `{"\q"}`, `unquote string "\q" error invalid syntax`},
		{"an index that is not a number", "{.items[a]}", "invalid array index a"},
		{"a lone minus as an index", "{.items[-]}", "array index - is not a number"},
		{"a character that starts nothing", "{#}", "unrecognized character in action: U+0023 '#'"},
		{"a number with two dots", "{1.2.3}", "cannot parse number 1.2.3"},
		{"a wildcard after ..", "{..*}", "unrecognized character in action: U+002A '*'"},
		{"a bare wildcard", "{*}", "unrecognized character in action: U+002A '*'"},
		{"a signed number with two dots", "{+12.3.0}", "cannot parse number +12.3.0"},
		{"a filter without its ) before ]", "{[?(.price]}", "unterminated filter"},
		{"a backslash outside a field", `{\\\}`, `unrecognized character in action: U+005C '\'`},
	} {
		_, err := Parse(c.tmpl)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: %q gave %v, want %q", c.fact, c.tmpl, err, c.want)
		}
	}
}

// -o jsonpath-as-json prints each action's values as one indented JSON array.
func TestJSONPathAsJSON(t *testing.T) {
	got, err := run(t, "{.items[*].metadata.name}{.items[0].metadata.labels}", pods(t), Options{AllowMissingKeys: true, JSONOutput: true})
	want := "[\n    \"web-1\",\n    \"web-2\",\n    \"db-1\"\n]\n[\n    {\n        \"app\": \"web\",\n        \"kubernetes.io/hostname\": \"node-1\"\n    }\n]\n"
	if err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
}

// No template runs unbounded: a deep nest of recursive descents stops at the work limit, and
// printing stops one byte past the output limit.
func TestJSONPathLimits(t *testing.T) {
	data := pods(t)
	deep := "{" + strings.Repeat("..", 40) + "name}"
	if _, err := run(t, deep, data, Options{AllowMissingKeys: true, MaxWork: 100_000}); err != ErrWork {
		t.Errorf("%s: %v, want ErrWork", deep, err)
	}
	got, err := run(t, "{..}", data, Options{AllowMissingKeys: true, MaxOutput: 100})
	if err != nil || len(got) <= 100 || len(got) > 200 {
		t.Errorf("{..} with a 100-byte limit printed %d bytes, %v", len(got), err)
	}
}

// Whatever the template, parsing and running it over a pod list never panics, stays within the
// work limit and prints at most one write past the output limit.
func FuzzJSONPath(f *testing.F) {
	for _, s := range []string{
		"{.items[*].metadata.name}", `{range .items[*]}{.metadata.name}{"\n"}{end}`, "{..}", "{..name}",
		`{.items[?(@.status.phase=="Running")].metadata.name}`, "{.items[-1:0:2]}", "{.items[1,2]['metadata.name']}",
		"{range ..}{range ..}{end}{end}", "{end}", "{range}{range}", `{.items[?(@..name<"x")]}`, "{.kind.*}",
		"{[?()]}", "{.items[?(@.x)]}{@}", `{"\u00e9"}`, "{.items[9223372036854775807]}", "{.items[-9223372036854775808:]}",
	} {
		f.Add(s)
	}
	data := pods(f)
	f.Fuzz(func(t *testing.T, tmpl string) {
		p, err := Parse(tmpl)
		if err != nil {
			return
		}
		var b strings.Builder
		opts := Options{AllowMissingKeys: len(tmpl)%2 == 0, JSONOutput: len(tmpl)%3 == 0, MaxWork: 200_000, MaxOutput: 64 << 10}
		_ = p.Execute(&b, data, opts)
		if b.Len() > 2*opts.MaxOutput {
			t.Fatalf("%q printed %d bytes", tmpl, b.Len())
		}
	})
}

// A recursive descent over 5,000 pods runs within the default work limit; nesting it in
// ranges stops at the limit instead of running for hours.
func TestJSONPathOverManyPods(t *testing.T) {
	item := pods(t).(map[string]any)["items"].([]any)[0]
	items := make([]any, 5000)
	for i := range items {
		items[i] = item
	}
	data := map[string]any{"kind": "List", "items": items}
	var b strings.Builder
	p, _ := Parse("{..image}")
	if err := p.Execute(&b, data, Options{AllowMissingKeys: true, MaxOutput: 4 << 20}); err != nil || strings.Count(b.String(), "nginx:1.8") != 5000 {
		t.Errorf("{..image} over 5,000 pods: %v, %d bytes", err, b.Len())
	}
	p, _ = Parse("{range ..}{range ..}{range ..}{.x}{end}{end}{end}")
	if err := p.Execute(&b, data, Options{AllowMissingKeys: true}); err != ErrWork {
		t.Errorf("three nested ranges over every value of 5,000 pods: %v, want ErrWork", err)
	}
}
