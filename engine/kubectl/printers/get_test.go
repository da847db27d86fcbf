package printers

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"rolloutlab/engine/api"
)

// parsedTable is a kubectl table read back from a golden file: the header names and, per row,
// the cells cut at the header's column starts.
type parsedTable struct {
	headers []string
	rows    [][]string
}

var headerName = regexp.MustCompile(`\S+( \S+)*`)

func parseTable(t *testing.T, text string) parsedTable {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	locs := headerName.FindAllStringIndex(lines[0], -1)
	var p parsedTable
	for _, l := range locs {
		p.headers = append(p.headers, lines[0][l[0]:l[1]])
	}
	for _, line := range lines[1:] {
		row := make([]string, len(locs))
		for i, l := range locs {
			end := len(line)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			if l[0] < len(line) {
				row[i] = strings.TrimRight(line[l[0]:min(end, len(line))], " ")
			}
		}
		p.rows = append(p.rows, row)
	}
	return p
}

func (p parsedTable) cell(row []string, header string) string {
	for i, h := range p.headers {
		if h == header {
			return row[i]
		}
	}
	return ""
}

func readGolden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".golden"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// parseAge inverts HumanDuration for the ages in the transcripts (plus half a second, as a
// real clock would be somewhere inside the second).
func parseAge(t *testing.T, s string) time.Duration {
	t.Helper()
	var total time.Duration
	for _, m := range regexp.MustCompile(`(\d+)([smhdy])`).FindAllStringSubmatch(s, -1) {
		n, _ := strconv.Atoi(m[1])
		unit := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "y": 365 * 24 * time.Hour}[m[2]]
		total += time.Duration(n) * unit
	}
	if total == 0 && s != "0s" {
		t.Fatalf("cannot parse age %q", s)
	}
	return total + 500*time.Millisecond
}

func atoi32(t *testing.T, s string) int32 {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return int32(n)
}

func parseLabels(s string) map[string]string {
	if s == "" || s == "<none>" {
		return nil
	}
	out := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(kv, "=")
		out[k] = v
	}
	return out
}

var getNow = time.Date(2026, 11, 27, 7, 0, 0, 0, time.UTC)

// TestGetTablesFromTranscripts rebuilds the objects behind every `kubectl get` step of the
// transcripts from the printed rows, prints them again and compares byte for byte. For pods the
// printed STATUS is turned into the pod state that produces it (container waiting reason,
// deletion timestamp…), so this also checks the status derivation.
func TestGetTablesFromTranscripts(t *testing.T) {
	steps := map[string]string{
		"seed_step04": "deploy", "seed_step05": "rs", "seed_step06": "pods --show-labels", "seed_step09": "rs",
		"seed_step13": "rs", "seed_step20": "rs", "seed_step21": "pods", "seed_step27": "rs",
		"recreate_step04": "rs", "recreate_step06": "rs", "recreate_step07": "pods", "recreate_step09": "rs",
		"recreate_step10": "pods", "recreate_step12": "rs", "recreate_step13": "pods", "recreate_step19": "rs",
		"recreate_step20": "pods", "recreate_step21": "deploy", "recreate_step25": "rs",
		"zero-surge_step05": "rs", "zero-surge_step09": "rs", "zero-surge_step13": "rs", "zero-surge_step15": "rs",
		"zero-surge_step20": "rs", "zero-surge_step21": "pods", "zero-surge_step22": "deploy",
	}
	for name, kind := range steps {
		want := readGolden(t, name)
		p := parseTable(t, want)
		var got string
		switch kind {
		case "deploy":
			var ds []*api.Deployment
			for _, r := range p.rows {
				ready, desired, _ := strings.Cut(p.cell(r, "READY"), "/")
				ds = append(ds, &api.Deployment{
					ObjectMeta: api.ObjectMeta{Name: p.cell(r, "NAME"), CreationTimestamp: api.NewTime(getNow.Add(-parseAge(t, p.cell(r, "AGE"))))},
					Spec:       api.DeploymentSpec{Replicas: api.Ptr(atoi32(t, desired))},
					Status: api.DeploymentStatus{ReadyReplicas: atoi32(t, ready), UpdatedReplicas: atoi32(t, p.cell(r, "UP-TO-DATE")),
						AvailableReplicas: atoi32(t, p.cell(r, "AVAILABLE"))},
				})
			}
			got = DeploymentTable(ds, getNow, TableOptions{})
		case "rs":
			var rss []*api.ReplicaSet
			for _, r := range p.rows {
				rss = append(rss, &api.ReplicaSet{
					ObjectMeta: api.ObjectMeta{Name: p.cell(r, "NAME"), CreationTimestamp: api.NewTime(getNow.Add(-parseAge(t, p.cell(r, "AGE"))))},
					Spec:       api.ReplicaSetSpec{Replicas: api.Ptr(atoi32(t, p.cell(r, "DESIRED")))},
					Status:     api.ReplicaSetStatus{Replicas: atoi32(t, p.cell(r, "CURRENT")), ReadyReplicas: atoi32(t, p.cell(r, "READY"))},
				})
			}
			got = ReplicaSetTable(rss, getNow, TableOptions{})
		default:
			var pods []*api.Pod
			for _, r := range p.rows {
				pods = append(pods, podFromRow(t, p.cell(r, "NAME"), p.cell(r, "READY"), p.cell(r, "STATUS"),
					getNow.Add(-parseAge(t, p.cell(r, "AGE"))), parseLabels(p.cell(r, "LABELS"))))
			}
			got = PodTable(pods, getNow, TableOptions{ShowLabels: strings.Contains(kind, "--show-labels")})
		}
		if got != want {
			t.Errorf("%s differs from the real kubectl output\n%s", name, lineDiff(want, got))
		}
	}
}

// podFromRow builds a one-container pod in the state a kubelet reports for the given STATUS.
func podFromRow(t *testing.T, name, ready, status string, created time.Time, labels map[string]string) *api.Pod {
	t.Helper()
	p := &api.Pod{
		ObjectMeta: api.ObjectMeta{Name: name, Namespace: "default", CreationTimestamp: api.NewTime(created), Labels: labels},
		Spec:       &api.PodSpec{NodeName: "node-1", Containers: []api.Container{{Name: "nginx", Image: "nginx"}}},
	}
	cs := api.ContainerStatus{Name: "nginx", Image: "nginx"}
	switch status {
	case "Running", "Terminating":
		p.Status.Phase = api.PodRunning
		cs.State.Running = &api.ContainerStateRunning{StartedAt: api.NewTime(created.Add(time.Second))}
		cs.Ready = ready == "1/1"
		if status == "Terminating" {
			p.DeletionTimestamp = api.Ptr(api.NewTime(getNow.Add(30 * time.Second)))
		}
	case "ContainerCreating", "ErrImagePull", "ImagePullBackOff", "CrashLoopBackOff":
		p.Status.Phase = api.PodPending
		cs.State.Waiting = &api.ContainerStateWaiting{Reason: status}
	default:
		t.Fatalf("no pod state for STATUS %q", status)
	}
	p.Status.ContainerStatuses = []api.ContainerStatus{cs}
	return p
}

// TestEventTableSeedStep30 rebuilds the events of seed step 30 (`kubectl get events
// --sort-by=.metadata.creationTimestamp`) in the printed order and compares.
func TestEventTableSeedStep30(t *testing.T) {
	want := readGolden(t, "seed_step30")
	p := parseTable(t, want)
	kinds := map[string]string{"pod": "Pod", "deployment": "Deployment", "replicaset": "ReplicaSet"}
	var evs []*api.Event
	for i, r := range p.rows {
		kind, name, _ := strings.Cut(p.cell(r, "OBJECT"), "/")
		last := getNow.Add(-parseAge(t, p.cell(r, "LAST SEEN")))
		evs = append(evs, &api.Event{
			ObjectMeta:     api.ObjectMeta{Name: name + "." + strconv.Itoa(i), Namespace: "default"},
			InvolvedObject: api.ObjectReference{Kind: kinds[kind], Name: name, Namespace: "default"},
			Type:           p.cell(r, "TYPE"), Reason: p.cell(r, "REASON"), Message: p.cell(r, "MESSAGE"),
			FirstTimestamp: api.NewTime(last.Add(-time.Second)), LastTimestamp: api.NewTime(last), Count: 1,
		})
	}
	if got := EventTable(evs, getNow, TableOptions{}); got != want {
		t.Errorf("seed_step30 differs\n%s", lineDiff(want, got))
	}
}
