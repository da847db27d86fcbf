package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/cluster"
	"rolloutlab/engine/scenario"
)

// Running a scenario against a real cluster, so that the simulator's transcripts can be
// compared with the real thing anywhere a kubeconfig points at a cluster: the `kubectl` on PATH
// runs every step, in a fresh namespace of the current context that is deleted afterwards;
// `sleep` really sleeps and `wait-rollout` polls the Deployment. The transcript has the same
// JSON form as the simulator's. kubectl prints the namespace in some messages ("No resources
// found in … namespace."); the scenario's namespace is written as "default" there, so that
// transcripts from different runs and from the simulator compare.

// clusterRun is one scenario run against a real cluster.
type clusterRun struct {
	kubectl    string // the kubectl binary (found on PATH)
	shell      string // bash, for command lines with pipes and $( )
	work       string // the working folder: `file` steps write here, commands run here
	kubeconfig string // a copy of the current context, with the scenario's namespace
	ns         string
	stderr     io.Writer
	timeout    time.Duration // per command
	poll       time.Duration // wait-rollout polling interval
}

func randomSuffix(n int) string {
	const alphabet = "bcdfghjklmnpqrstvwxz2456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// runOnCluster runs steps against the cluster of kubectl's current context.
func runOnCluster(name string, steps []scenario.Step, stderr io.Writer) (*scenario.Transcript, error) {
	r, done, err := startCluster(stderr)
	if err != nil {
		return nil, err
	}
	defer done()
	return r.run(name, steps), nil
}

// startCluster prepares a run on the cluster of kubectl's current context: a working folder
// and a private kubeconfig selecting a fresh namespace. done deletes both.
func startCluster(stderr io.Writer) (r *clusterRun, done func(), err error) {
	kc, err := exec.LookPath("kubectl")
	if err != nil {
		return nil, nil, fmt.Errorf("--cluster needs kubectl on PATH: %v", err)
	}
	sh, err := exec.LookPath("bash")
	if err != nil {
		if sh, err = exec.LookPath("sh"); err != nil {
			return nil, nil, fmt.Errorf("--cluster needs a shell (bash or sh) for command lines: %v", err)
		}
	}
	tmp, err := os.MkdirTemp("", "rolloutlab-cluster-")
	if err != nil {
		return nil, nil, err
	}
	fail := func(err error) (*clusterRun, func(), error) {
		os.RemoveAll(tmp)
		return nil, nil, err
	}
	r = &clusterRun{kubectl: kc, shell: sh, work: filepath.Join(tmp, "work"), kubeconfig: filepath.Join(tmp, "kubeconfig"),
		ns: "rolloutlab-" + randomSuffix(5), stderr: stderr, timeout: 10 * time.Minute, poll: 250 * time.Millisecond}
	if err := os.Mkdir(r.work, 0o755); err != nil {
		return fail(err)
	}
	// A private kubeconfig: the current context, flattened, with the scenario's namespace.
	cfg, errOut, code := r.kubectlRun(nil, "config", "view", "--minify", "--flatten")
	if code != 0 || strings.TrimSpace(cfg) == "" {
		return fail(fmt.Errorf("cannot read kubectl's current context: %s", strings.TrimSpace(errOut)))
	}
	if err := os.WriteFile(r.kubeconfig, []byte(cfg), 0o600); err != nil {
		return fail(err)
	}
	if _, errOut, code := r.kubectlRun(r.env(), "create", "namespace", r.ns); code != 0 {
		return fail(fmt.Errorf("cannot create namespace %s: %s", r.ns, strings.TrimSpace(errOut)))
	}
	done = func() {
		if _, errOut, code := r.kubectlRun(r.env(), "delete", "namespace", r.ns, "--wait=false"); code != 0 {
			fmt.Fprintf(stderr, "rolloutlab: could not delete namespace %s: %s\n", r.ns, strings.TrimSpace(errOut))
		}
		os.RemoveAll(tmp)
	}
	if _, errOut, code := r.kubectlRun(r.env(), "config", "set-context", "--current", "--namespace="+r.ns); code != 0 {
		done()
		return nil, nil, fmt.Errorf("cannot select namespace %s: %s", r.ns, strings.TrimSpace(errOut))
	}
	return r, done, nil
}

func (r *clusterRun) env() []string {
	return append(os.Environ(), "KUBECONFIG="+r.kubeconfig)
}

// kubectlRun runs kubectl with args (env nil: the caller's environment).
func (r *clusterRun) kubectlRun(env []string, args ...string) (string, string, int) {
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.kubectl, args...)
	cmd.Env = env
	cmd.Dir = r.work
	return runCmd(cmd)
}

func runCmd(cmd *exec.Cmd) (string, string, int) {
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if err != nil {
		code = 1
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() >= 0 {
			code = ee.ExitCode()
		} else if errOut.Len() == 0 {
			errOut.WriteString(err.Error() + "\n")
		}
	}
	return out.String(), errOut.String(), code
}

// shellRun runs a scenario command line the way a learner's shell would.
func (r *clusterRun) shellRun(line string) (string, string, int) {
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.shell, "-c", line)
	cmd.Env = r.env()
	cmd.Dir = r.work
	return runCmd(cmd)
}

// localise writes the scenario's namespace as "default" in kubectl's output.
func (r *clusterRun) localise(s string) string { return strings.ReplaceAll(s, r.ns, "default") }

func (r *clusterRun) run(name string, steps []scenario.Step) *scenario.Transcript {
	tr := &scenario.Transcript{Scenario: name, Namespace: r.ns, Versions: r.versions()}
	start := time.Now()
	seen := map[string]int32{}
	for i, s := range steps {
		st := scenario.StepResult{Index: i + 1, Line: s.Line, Kind: s.Kind, Command: s.Command, T: seconds(time.Since(start))}
		switch s.Kind {
		case "file":
			if err := os.WriteFile(filepath.Join(r.work, s.File), []byte(s.Content), 0o644); err != nil {
				fmt.Fprintf(r.stderr, "rolloutlab: %v\n", err)
			}
			st.Command, st.File, st.Content = "", s.File, s.Content
		case "note":
			st.Command, st.Result = "", s.Note
		case "sleep":
			time.Sleep(time.Duration(s.Seconds * float64(time.Second)))
		case "wait-rollout":
			st.Result = r.waitRollout(s.Name, time.Duration(s.Seconds*float64(time.Second)))
		case "kubectl":
			out, errOut, code := r.shellRun(s.Command)
			out, errOut = r.localise(out), r.localise(errOut)
			st.Stdout, st.Stderr, st.ExitCode = &out, &errOut, &code
		}
		if s.Kind != "file" && s.Kind != "note" {
			snap, _ := r.snapshot(seen)
			st.Snapshot = snap
		}
		tr.Steps = append(tr.Steps, st)
	}
	if _, _, _, evs, err := r.objects(); err == nil {
		tr.FinalEvents = scenario.EventSnaps(evs)
	}
	return tr
}

func seconds(d time.Duration) float64 { return math.Round(d.Seconds()*1000) / 1000 }

func (r *clusterRun) versions() map[string]string {
	v := map[string]string{"kubelet": "the cluster's own"}
	out, _, code := r.kubectlRun(r.env(), "version", "-o", "json")
	if code != 0 {
		return v
	}
	var info struct {
		ClientVersion struct {
			GitVersion string `json:"gitVersion"`
		} `json:"clientVersion"`
		ServerVersion struct {
			GitVersion string `json:"gitVersion"`
		} `json:"serverVersion"`
	}
	if json.Unmarshal([]byte(out), &info) == nil {
		v["kubernetes"] = info.ServerVersion.GitVersion
		v["kubectl"] = info.ClientVersion.GitVersion
	}
	return v
}

// waitRollout polls the Deployment until it is complete (the scenario format's definition) or
// the time is up.
func (r *clusterRun) waitRollout(name string, limit time.Duration) string {
	start := time.Now()
	var d *api.Deployment
	for {
		d = r.deployment(name)
		if d != nil && cluster.RolloutComplete(d) {
			return fmt.Sprintf("complete after %.1fs: %s", time.Since(start).Seconds(), scenario.RolloutFacts(d))
		}
		if time.Since(start) >= limit {
			return fmt.Sprintf("TIMED OUT after %.1fs: %s", time.Since(start).Seconds(), scenario.RolloutFacts(d))
		}
		time.Sleep(min(r.poll, limit-time.Since(start)+time.Millisecond))
	}
}

func (r *clusterRun) deployment(name string) *api.Deployment {
	out, _, code := r.kubectlRun(r.env(), "get", "deployment", name, "-o", "json")
	if code != 0 {
		return nil
	}
	var d api.Deployment
	if json.Unmarshal([]byte(out), &d) != nil {
		return nil
	}
	return &d
}

// objects lists the scenario namespace's Deployments, ReplicaSets, pods and events (events
// oldest first).
func (r *clusterRun) objects() ([]*api.Deployment, []*api.ReplicaSet, []*api.Pod, []*api.Event, error) {
	out, errOut, code := r.kubectlRun(r.env(), "get", "deployments,replicasets,pods,events", "-o", "json")
	if code != 0 {
		return nil, nil, nil, nil, fmt.Errorf("kubectl get: %s", strings.TrimSpace(errOut))
	}
	var list struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		return nil, nil, nil, nil, err
	}
	var deps []*api.Deployment
	var rss []*api.ReplicaSet
	var pods []*api.Pod
	var evs []*api.Event
	for _, raw := range list.Items {
		var tm api.TypeMeta
		if json.Unmarshal(raw, &tm) != nil {
			continue
		}
		switch tm.Kind {
		case api.KindDeployment:
			var d api.Deployment
			if json.Unmarshal(raw, &d) == nil {
				deps = append(deps, &d)
			}
		case api.KindReplicaSet:
			var rs api.ReplicaSet
			if json.Unmarshal(raw, &rs) == nil {
				rss = append(rss, &rs)
			}
		case api.KindPod:
			var p api.Pod
			if json.Unmarshal(raw, &p) == nil {
				pods = append(pods, &p)
			}
		case api.KindEvent:
			var e api.Event
			if json.Unmarshal(raw, &e) == nil {
				evs = append(evs, &e)
			}
		}
	}
	scenario.SortEvents(evs)
	return deps, rss, pods, evs, nil
}

func (r *clusterRun) snapshot(seen map[string]int32) (*scenario.Snapshot, error) {
	deps, rss, pods, evs, err := r.objects()
	if err != nil {
		fmt.Fprintf(r.stderr, "rolloutlab: snapshot: %v\n", err)
		return nil, err
	}
	return scenario.SnapshotOf(deps, rss, pods, evs, seen), nil
}
