package kubectl

import (
	"sort"
	"strings"
	"testing"
)

// The OpenAPI generator lists a +enum field's values sorted (kubectl prints them in that order
// under ENUM: and on the "enum:" line) and documents each one in the field's description under
// "Possible enum values:". Every enum field of our schema must keep both in step.
func TestExplainEnumFields(t *testing.T) {
	count := 0
	for _, typ := range schemaTypes {
		for _, name := range typ.names {
			f := typ.fields[name]
			if f.enum == nil {
				continue
			}
			count++
			if !sort.StringsAreSorted(f.enum) {
				t.Errorf("%s.%s: enum %v is not in the OpenAPI's sorted order", typ.name, name, f.enum)
			}
			if !strings.Contains(f.desc, "\n\nPossible enum values:\n") {
				t.Errorf("%s.%s: description lacks the Possible enum values block", typ.name, name)
			}
			for _, v := range f.enum {
				if v == "" || !strings.Contains(f.desc, " - `\""+v+"\"`") {
					t.Errorf("%s.%s: enum value %q is not documented", typ.name, name, v)
				}
			}
		}
	}
	// strategy.type, imagePullPolicy, terminationMessagePolicy, ContainerPort and ServicePort
	// protocol, pod restartPolicy, dnsPolicy, preemptionPolicy, Service type, sessionAffinity,
	// external/internalTrafficPolicy, ipFamilyPolicy.
	if count != 13 {
		t.Errorf("%d enum fields, want 13", count)
	}
}
