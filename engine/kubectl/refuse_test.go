package kubectl_test

import (
	"strings"
	"testing"
)

// kubectl rollout status does not validate --timeout beyond pflag's duration syntax: a negative
// value reaches client-go's ContextWithOptionalTimeout, which logs a klog error ("Timeout for
// context shall not be negative!") and waits without a timeout, as --timeout=0 does.
func TestRolloutStatusTimeoutValues(t *testing.T) {
	const klogLine = "] Timeout for context shall not be negative!\n"
	cases := []struct {
		fact, flag, stderr string
		klog, waits        bool
	}{
		{fact: "a negative timeout is logged and waits without a timeout", flag: "--timeout=-5s", klog: true, waits: true},
		{fact: "-1h30m too", flag: "--timeout=-1h30m", klog: true, waits: true},
		{fact: "-0s is 0: no timeout, nothing logged", flag: "--timeout=-0s", waits: true},
		{fact: "0 means no timeout", flag: "--timeout=0", waits: true},
		{fact: "a positive timeout ends the wait", flag: "--timeout=5s", waits: true},
		{fact: "a number without a unit is refused by pflag", flag: "--timeout=-5",
			stderr: "error: invalid argument \"-5\" for \"--timeout\" flag: time: missing unit in duration \"-5\"\nSee 'kubectl rollout status --help' for usage.\n"},
		{fact: "an unknown unit is refused by pflag", flag: "--timeout=-5x",
			stderr: "error: invalid argument \"-5x\" for \"--timeout\" flag: time: unknown unit \"x\" in duration \"-5x\"\nSee 'kubectl rollout status --help' for usage.\n"},
		{fact: "a duration beyond int64 nanoseconds is refused by pflag", flag: "--timeout=-9999999999h",
			stderr: "error: invalid argument \"-9999999999h\" for \"--timeout\" flag: time: invalid duration \"-9999999999h\"\nSee 'kubectl rollout status --help' for usage.\n"},
	}
	e := seeded(t)
	// A rollout that cannot finish (the image does not exist) keeps rollout status waiting.
	if x := e.Exec("kubectl set image deployment/nginx-deployment-controller nginx=nginx:1.91"); x.ExitCode() != 0 {
		t.Fatal(x.Stderr())
	}
	for _, c := range cases {
		x := e.Exec("kubectl rollout status deployment/nginx-deployment-controller " + c.flag)
		if c.stderr != "" {
			if x.Stderr() != c.stderr || x.ExitCode() != 1 {
				t.Errorf("%s: %s: stderr %q exit %d, want %q exit 1", c.fact, c.flag, x.Stderr(), x.ExitCode(), c.stderr)
			}
			continue
		}
		if got := strings.HasSuffix(x.Stderr(), klogLine) && strings.HasPrefix(x.Stderr(), "E"); got != c.klog {
			t.Errorf("%s: %s: stderr %q, klog line wanted: %v", c.fact, c.flag, x.Stderr(), c.klog)
		}
		if x.Running() != c.waits {
			t.Errorf("%s: %s: running %v, want %v", c.fact, c.flag, x.Running(), c.waits)
		}
		x.Cancel()
	}
}
