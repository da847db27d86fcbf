package kubectl

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/controller/deployment"
	"rolloutlab/engine/kubectl/printers"
)

func init() {
	register(&command{name: "rollout", path: "rollout", help: rolloutHelp, run: runRollout})
}

var rolloutSubcommands = map[string][]*flagDef{
	"status": {
		{long: "revision", kind: intFlag},
		{long: "timeout", kind: durationFlag},
		{long: "watch", short: "w", kind: boolFlag, noOpt: "true"},
		{long: "filename", short: "f", kind: sliceFlag},
		{long: "selector", short: "l", kind: stringFlag},
	},
	"history": {
		{long: "revision", kind: intFlag},
		{long: "output", short: "o", kind: stringFlag},
		{long: "filename", short: "f", kind: sliceFlag},
		{long: "selector", short: "l", kind: stringFlag},
	},
	"undo": {
		{long: "to-revision", kind: intFlag},
		{long: "dry-run", kind: stringFlag, noOpt: "unchanged"},
		{long: "filename", short: "f", kind: sliceFlag},
		{long: "selector", short: "l", kind: stringFlag},
	},
	"pause":   {{long: "filename", short: "f", kind: sliceFlag}, {long: "selector", short: "l", kind: stringFlag}},
	"resume":  {{long: "filename", short: "f", kind: sliceFlag}, {long: "selector", short: "l", kind: stringFlag}},
	"restart": {{long: "filename", short: "f", kind: sliceFlag}, {long: "selector", short: "l", kind: stringFlag}},
}

func runRollout(k *Kubectl, c *command, args []string, res *Result) {
	subArgs, at := args, -1
	for i, a := range args {
		if !strings.HasPrefix(a, "-") {
			at = i
			break
		}
	}
	defs, ok := rolloutSubcommands[""]
	if at >= 0 {
		defs, ok = rolloutSubcommands[args[at]]
	}
	if !ok {
		subcommandUsage(res, "rollout", rolloutHelp, args)
		return
	}
	subArgs = append(append([]string(nil), args[:at]...), args[at+1:]...)
	name := args[at]
	sub := &command{name: name, path: "rollout " + name, flags: defs, help: rolloutSubHelp[name]}
	p, ok := sub.parse(subArgs, res)
	if !ok {
		return
	}
	targets, ok := requireTargets(p.args, "required resource not specified", res)
	if !ok {
		return
	}
	sel, err := parseSelector(p.str("selector", ""))
	if err != nil {
		res.fail(err)
		return
	}
	// A type without a name means every object of that type (matching -l).
	var objs []api.Object
	for _, t := range targets {
		if t.name == "" {
			for _, o := range k.objectsOf(t.t, namespace(p)) {
				if sel.matches(o.Meta().Labels) {
					objs = append(objs, o)
				}
			}
			continue
		}
		o, err := k.get(t.t, namespace(p), t.name)
		if err != nil {
			res.fail(err)
			return
		}
		objs = append(objs, o)
	}
	if name == "status" && len(objs) != 1 {
		res.failf("rollout status is only supported on individual resources and resource collections, but %d resources were found", len(objs))
		return
	}
	if len(objs) == 0 {
		res.Stderr.WriteString("No resources found in " + namespace(p) + " namespace.\n")
		return
	}
	for _, o := range objs {
		d, ok := o.(*api.Deployment)
		if !ok {
			t := typeOfKind(o.ObjectKind())
			switch name {
			case "pause", "resume", "restart":
				verb := map[string]string{"pause": "pausing", "resume": "resuming", "restart": "restarting"}[name]
				res.failf("%s %q %s is not supported", t.qualified, o.Meta().Name, verb)
			default:
				res.failf("no %s has been implemented for %s", rolloutVerbNoun(name), groupKind(t))
			}
			continue
		}
		switch name {
		case "status":
			k.rolloutStatus(d, p, res)
		case "history":
			k.rolloutHistory(d, p, res)
		case "undo":
			k.rolloutUndo(d, p, res)
		case "pause", "resume":
			k.rolloutPause(d, name == "pause", res)
		case "restart":
			k.rolloutRestart(d, res)
		}
	}
}

// groupKind is how kubectl prints a schema.GroupKind: Kind, or Kind.group.
func groupKind(t *resourceType) string {
	if i := strings.IndexByte(t.qualified, '.'); i >= 0 {
		return t.kind + "." + t.qualified[i+1:]
	}
	return t.kind
}

func rolloutVerbNoun(sub string) string {
	switch sub {
	case "status":
		return "status viewer"
	case "history":
		return "history viewer"
	case "undo":
		return "rollbacker"
	}
	return sub
}

// statusLine is what rollout status says about a Deployment right now.
func statusLine(d *api.Deployment) (line string, done bool, err error) {
	if d.Generation > d.Status.ObservedGeneration {
		return "Waiting for deployment spec update to be observed...\n", false, nil
	}
	for _, c := range d.Status.Conditions {
		if c.Type == api.DeploymentProgressing && c.Reason == deployment.ReasonTimedOut {
			return "", false, fmt.Errorf("error: deployment %q exceeded its progress deadline", d.Name)
		}
	}
	want := api.Int32(d.Spec.Replicas, 1)
	s := d.Status
	switch {
	case s.UpdatedReplicas < want:
		return fmt.Sprintf("Waiting for deployment %q rollout to finish: %d out of %d new replicas have been updated...\n", d.Name, s.UpdatedReplicas, want), false, nil
	case s.Replicas > s.UpdatedReplicas:
		return fmt.Sprintf("Waiting for deployment %q rollout to finish: %d old replicas are pending termination...\n", d.Name, s.Replicas-s.UpdatedReplicas), false, nil
	case s.AvailableReplicas < s.UpdatedReplicas:
		return fmt.Sprintf("Waiting for deployment %q rollout to finish: %d of %d updated replicas are available...\n", d.Name, s.AvailableReplicas, s.UpdatedReplicas), false, nil
	}
	return fmt.Sprintf("deployment %q successfully rolled out\n", d.Name), true, nil
}

func (k *Kubectl) rolloutStatus(d *api.Deployment, p *parsed, res *Result) {
	if p.has("revision") {
		want, _ := strconv.ParseInt(p.str("revision", "0"), 10, 64)
		if want < 0 {
			res.failf("revision must be a positive integer: %v", want)
			return
		}
		if want > 0 {
			cur, _ := deployment.Revision(d)
			if cur != want {
				res.failf("desired revision (%d) is different from the running revision (%d)", want, cur)
				return
			}
		}
	}
	w := &statusWatch{k: k, ns: d.Namespace, name: d.Name, uid: d.UID, res: res}
	if !p.has("watch") || p.boolean("watch") {
		timeout, _ := parseDuration(p.str("timeout", "0"))
		if timeout > 0 {
			w.deadline = k.C.Now().Add(timeout)
		}
		if timeout < 0 {
			// kubectl does not refuse a negative timeout: client-go's ContextWithOptionalTimeout
			// logs this klog error and waits without a timeout, as for 0. The process id and the
			// microseconds of the klog header are stand-ins.
			fmt.Fprintf(&res.Stderr, "E%s %7d until.go:158] Timeout for context shall not be negative!\n",
				k.C.Now().UTC().Format("0102 15:04:05.000000"), klogPID)
		}
	} else {
		w.once = true
	}
	if w.Observe() || w.once {
		return
	}
	res.Watch = w
}

// klogPID stands for kubectl's process id in klog headers.
const klogPID = 52817

// statusWatch is a running `rollout status`: one line per Deployment update until done.
type statusWatch struct {
	k        *Kubectl
	ns, name string
	uid      string
	res      *Result
	lastRV   string
	deadline time.Time
	once     bool
}

func (w *statusWatch) Deadline() time.Time { return w.deadline }

func (w *statusWatch) Observe() bool {
	o := w.k.C.Store.Get(api.KindDeployment, w.ns, w.name)
	if o == nil || o.Meta().UID != w.uid {
		w.res.failf("object has been deleted")
		return true
	}
	if o.Meta().ResourceVersion == w.lastRV {
		return false
	}
	w.lastRV = o.Meta().ResourceVersion
	line, done, err := statusLine(o.(*api.Deployment))
	if err != nil {
		w.res.fail(err)
		return true
	}
	w.res.Stdout.WriteString(line)
	return done || w.once
}

func (w *statusWatch) Expire() { w.res.failf("timed out waiting for the condition") }

func (k *Kubectl) rolloutHistory(d *api.Deployment, p *parsed, res *Result) {
	rss := k.C.ReplicaSetsOf(d)
	if p.has("revision") {
		rev, _ := strconv.ParseInt(p.str("revision", "0"), 10, 64)
		if rev > 0 {
			for _, rs := range rss {
				if v, err := deployment.Revision(rs); err == nil && v == rev {
					res.Stdout.WriteString(printers.RolloutHistoryRevision(d, rs, rev))
					return
				}
			}
			res.failf("unable to find the specified revision")
			return
		}
	}
	res.Stdout.WriteString(printers.RolloutHistory(d, rss))
}

func (k *Kubectl) rolloutUndo(d *api.Deployment, p *parsed, res *Result) {
	to, _ := strconv.ParseInt(p.str("to-revision", "0"), 10, 64)
	if to < 0 {
		res.failf("unable to find specified revision %d in history", to)
		return
	}
	target, err := undoTarget(d, k.C.ReplicaSetsOf(d), to)
	if err != nil {
		res.fail(err)
		return
	}
	suffix, ok := dryRunSuffix(p, res)
	if !ok {
		return
	}
	if suffix != "" {
		res.Stdout.WriteString(printers.RolloutHistoryRevision(d, target, to))
		return
	}
	if d.Spec.Paused {
		res.failf("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again")
		return
	}
	if deployment.EqualIgnoreHash(&target.Spec.Template, &d.Spec.Template) {
		res.out("%s skipped rollback (current template already matches revision %d)\n", objectRef(d), to)
		return
	}
	if _, ok := d.Annotations[api.LastAppliedAnnotation]; ok {
		res.Stderr.WriteString(fmt.Sprintf("Warning: resource deployments/%s was previously managed with 'kubectl apply'. Rolling back will not update the kubectl.kubernetes.io/last-applied-configuration annotation, which may cause unexpected behavior on future 'kubectl apply' operations. Consider using 'kubectl apply' with your previous configuration file instead.\n", d.Name))
	}
	cp := d.DeepCopy()
	deployment.SetFromReplicaSet(cp, target)
	if err := k.update(cp, res); err != nil {
		res.fail(err)
		return
	}
	res.out("%s rolled back\n", objectRef(d))
}

// undoTarget finds the ReplicaSet of revision to, or the previous revision for 0.
func undoTarget(d *api.Deployment, rss []*api.ReplicaSet, to int64) (*api.ReplicaSet, error) {
	var latest, previous *api.ReplicaSet
	latestRev, previousRev := int64(-1), int64(-1)
	for _, rs := range rss {
		v, err := deployment.Revision(rs)
		if err != nil {
			continue
		}
		if to > 0 {
			if v == to {
				return rs, nil
			}
			continue
		}
		if v > latestRev {
			previous, previousRev = latest, latestRev
			latest, latestRev = rs, v
		} else if v > previousRev {
			previous, previousRev = rs, v
		}
	}
	if to > 0 {
		return nil, fmt.Errorf("error: unable to find specified revision %d in history", to)
	}
	if previous == nil {
		return nil, fmt.Errorf("error: no rollout history found for deployment %q", d.Name)
	}
	return previous, nil
}

func (k *Kubectl) rolloutPause(d *api.Deployment, pause bool, res *Result) {
	if d.Spec.Paused == pause {
		state := "already paused"
		if !pause {
			state = "not paused"
		}
		res.failf("deployments.apps %q is %s", d.Name, state)
		return
	}
	cp := d.DeepCopy()
	cp.Spec.Paused = pause
	if err := k.update(cp, res); err != nil {
		res.fail(err)
		return
	}
	verb := "paused"
	if !pause {
		verb = "resumed"
	}
	res.out("%s %s\n", objectRef(d), verb)
}

func (k *Kubectl) rolloutRestart(d *api.Deployment, res *Result) {
	if d.Spec.Paused {
		res.failf("deployments.apps %q can't restart paused deployment (run rollout resume first)", d.Name)
		return
	}
	now := k.C.Now()
	key := d.Namespace + "/" + d.Name
	if last, ok := k.lastRestart[key]; ok && now.Sub(last) < time.Second {
		res.failf("failed to create patch for %s: if restart has already been triggered within the past second, please wait before attempting to trigger another", d.Name)
		return
	}
	cp := d.DeepCopy()
	if cp.Spec.Template.Annotations == nil {
		cp.Spec.Template.Annotations = map[string]string{}
	}
	cp.Spec.Template.Annotations[api.RestartedAtAnnotation] = now.Format(time.RFC3339)
	if err := k.update(cp, res); err != nil {
		res.fail(err)
		return
	}
	k.lastRestart[key] = now
	res.out("%s restarted\n", objectRef(d))
}
