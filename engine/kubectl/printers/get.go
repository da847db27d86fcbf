package printers

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"rolloutlab/engine/api"
)

// TableOptions are the `kubectl get` flags that change a table's columns.
type TableOptions struct {
	Wide           bool     // -o wide: the extra (priority 1) columns
	ShowLabels     bool     // --show-labels: a last LABELS column
	LabelColumns   []string // -L: one column per label key, before LABELS
	NoHeaders      bool     // --no-headers
	AllNamespaces  bool     // -A: a first NAMESPACE column (namespaced kinds only)
	WithKindPrefix bool     // names as `deployment.apps/NAME`, as when several kinds are listed
}

// Kind prefixes kubectl puts before names when a command lists several kinds
// (`kubectl get deploy,rs,pods`, `kubectl get all`).
const (
	DeploymentPrefix = "deployment.apps/"
	ReplicaSetPrefix = "replicaset.apps/"
	PodPrefix        = "pod/"
	EventPrefix      = "event/"
	NodePrefix       = "node/"
)

// getTable assembles one `kubectl get` table: the optional NAMESPACE column, the kind's
// columns, and the optional LABELS column.
type getTable struct {
	t          *Table
	o          TableOptions
	namespaced bool
	row        []string
	n          int
}

func newGetTable(o TableOptions, namespaced bool, rows int, headers ...string) *getTable {
	g := &getTable{o: o, namespaced: namespaced && o.AllNamespaces}
	ncols := len(headers)
	if g.namespaced {
		ncols++
	}
	ncols += len(o.LabelColumns)
	if o.ShowLabels {
		ncols++
	}
	g.t = NewTable(ncols, getMinWidth, getPadding)
	g.t.Grow(rows + 1)
	g.row = make([]string, ncols)
	if !o.NoHeaders {
		g.begin("NAMESPACE")
		for _, h := range headers {
			g.cell(h)
		}
		g.end(nil, true)
	}
	return g
}

func (g *getTable) begin(namespace string) {
	g.n = 0
	if g.namespaced {
		g.cell(namespace)
	}
}

func (g *getTable) cell(s string) {
	g.row[g.n] = s
	g.n++
}

func (g *getTable) end(labels map[string]string, header bool) {
	for _, key := range g.o.LabelColumns {
		if header {
			// kubectl heads the column with the key's last path segment, upper-cased.
			g.cell(strings.ToUpper(key[strings.LastIndex(key, "/")+1:]))
		} else {
			g.cell(labels[key])
		}
	}
	if g.o.ShowLabels {
		if header {
			g.cell("LABELS")
		} else {
			g.cell(api.FormatLabels(labels))
		}
	}
	g.t.AddRow(g.row...)
}

func (g *getTable) name(prefix, name string) string {
	if g.o.WithKindPrefix {
		return prefix + name
	}
	return name
}

func (g *getTable) String() string { return g.t.String() }

func itoa(n int32) string { return strconv.Itoa(int(n)) }

// smallRatios holds "a/b" for a, b in 0..9, the common READY values, so that printing them
// does not allocate.
var smallRatios = func() (r [10][10]string) {
	for a := range r {
		for b := range r[a] {
			r[a][b] = strconv.Itoa(a) + "/" + strconv.Itoa(b)
		}
	}
	return r
}()

func ratio(a, b int32) string {
	if a >= 0 && a < 10 && b >= 0 && b < 10 {
		return smallRatios[a][b]
	}
	var buf [24]byte
	s := strconv.AppendInt(buf[:0], int64(a), 10)
	s = append(s, '/')
	s = strconv.AppendInt(s, int64(b), 10)
	return string(s)
}

// containerCells joins container names and images with commas, as the wide CONTAINERS and
// IMAGES columns show them.
func containerCells(cs []api.Container) (names, images string) {
	if len(cs) == 1 {
		return cs[0].Name, cs[0].Image
	}
	n := make([]string, len(cs))
	im := make([]string, len(cs))
	for i, c := range cs {
		n[i], im[i] = c.Name, c.Image
	}
	return strings.Join(n, ","), strings.Join(im, ",")
}

// workloadCells are the -o wide columns Deployments and ReplicaSets share: CONTAINERS, IMAGES,
// SELECTOR.
func (g *getTable) workloadCells(t *api.PodTemplateSpec, sel *api.LabelSelector) {
	names, images := containerCells(t.Spec.Containers)
	g.cell(names)
	g.cell(images)
	g.cell(selectorString(sel))
}

func selectorString(s *api.LabelSelector) string {
	if s == nil {
		return "<none>"
	}
	return s.String()
}

// DeploymentTable is `kubectl get deployments`: NAME, READY (ready/desired), UP-TO-DATE,
// AVAILABLE, AGE; -o wide adds CONTAINERS, IMAGES, SELECTOR. Rows keep the order given (the
// API server lists by name). No objects gives "".
func DeploymentTable(ds []*api.Deployment, now time.Time, o TableOptions) string {
	if len(ds) == 0 {
		return ""
	}
	h := []string{"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"}
	if o.Wide {
		h = append(h, "CONTAINERS", "IMAGES", "SELECTOR")
	}
	g := newGetTable(o, true, len(ds), h...)
	for _, d := range ds {
		g.begin(d.Namespace)
		g.cell(g.name(DeploymentPrefix, d.Name))
		g.cell(ratio(d.Status.ReadyReplicas, api.Int32(d.Spec.Replicas, 1)))
		g.cell(itoa(d.Status.UpdatedReplicas))
		g.cell(itoa(d.Status.AvailableReplicas))
		g.cell(Age(d.CreationTimestamp, now))
		if o.Wide {
			g.workloadCells(&d.Spec.Template, d.Spec.Selector)
		}
		g.end(d.Labels, false)
	}
	return g.String()
}

// ReplicaSetTable is `kubectl get replicasets`: NAME, DESIRED (spec), CURRENT (status.replicas),
// READY, AGE; -o wide adds CONTAINERS, IMAGES, SELECTOR.
func ReplicaSetTable(rss []*api.ReplicaSet, now time.Time, o TableOptions) string {
	if len(rss) == 0 {
		return ""
	}
	h := []string{"NAME", "DESIRED", "CURRENT", "READY", "AGE"}
	if o.Wide {
		h = append(h, "CONTAINERS", "IMAGES", "SELECTOR")
	}
	g := newGetTable(o, true, len(rss), h...)
	for _, rs := range rss {
		g.begin(rs.Namespace)
		g.cell(g.name(ReplicaSetPrefix, rs.Name))
		g.cell(itoa(api.Int32(rs.Spec.Replicas, 1)))
		g.cell(itoa(rs.Status.Replicas))
		g.cell(itoa(rs.Status.ReadyReplicas))
		g.cell(Age(rs.CreationTimestamp, now))
		if o.Wide {
			g.workloadCells(&rs.Spec.Template, rs.Spec.Selector)
		}
		g.end(rs.Labels, false)
	}
	return g.String()
}

// PodTable is `kubectl get pods`: NAME, READY, STATUS, RESTARTS, AGE; -o wide adds IP, NODE,
// NOMINATED NODE, READINESS GATES. STATUS, READY and RESTARTS follow PodInfo.
func PodTable(pods []*api.Pod, now time.Time, o TableOptions) string {
	if len(pods) == 0 {
		return ""
	}
	h := []string{"NAME", "READY", "STATUS", "RESTARTS", "AGE"}
	if o.Wide {
		h = append(h, "IP", "NODE", "NOMINATED NODE", "READINESS GATES")
	}
	g := newGetTable(o, true, len(pods), h...)
	for _, p := range pods {
		info := GetPodInfo(p)
		g.begin(p.Namespace)
		g.cell(g.name(PodPrefix, p.Name))
		g.cell(ratio(int32(info.Ready), int32(info.Total)))
		g.cell(info.Status)
		g.cell(info.RestartsString(now))
		g.cell(Age(p.CreationTimestamp, now))
		if o.Wide {
			ip := "<none>"
			if len(p.Status.PodIPs) > 0 && p.Status.PodIPs[0].IP != "" {
				ip = p.Status.PodIPs[0].IP
			}
			node := p.Spec.NodeName
			if node == "" {
				node = "<none>"
			}
			nominated := p.Status.NominatedNodeName()
			if nominated == "" {
				nominated = "<none>"
			}
			g.cell(ip)
			g.cell(node)
			g.cell(nominated)
			g.cell(readinessGates(p))
		}
		g.end(p.Labels, false)
	}
	return g.String()
}

// readinessGates is the READINESS GATES cell: `<none>`, or `<true>/<total>` counting the gates
// whose pod condition is True.
func readinessGates(p *api.Pod) string {
	gates := p.Spec.ReadinessGates
	if len(gates) == 0 {
		return "<none>"
	}
	ready := 0
	for _, g := range gates {
		if podCondition(p, anyString(g["conditionType"])) {
			ready++
		}
	}
	return strconv.Itoa(ready) + "/" + strconv.Itoa(len(gates))
}

// EventTable is `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT (`kind/name`, kind in
// lower case), MESSAGE; -o wide: LAST SEEN, TYPE, REASON, OBJECT, SUBOBJECT, SOURCE
// (`component, host`), MESSAGE, FIRST SEEN, COUNT, NAME. kubectl does not sort events: rows
// keep the order given.
func EventTable(evs []*api.Event, now time.Time, o TableOptions) string {
	if len(evs) == 0 {
		return ""
	}
	var h []string
	if o.Wide {
		h = []string{"LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"}
	} else {
		h = []string{"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"}
	}
	g := newGetTable(o, true, len(evs), h...)
	for _, e := range evs {
		first := Age(e.FirstTimestamp, now)
		last := first
		if !e.LastTimestamp.IsZero() {
			last = Age(e.LastTimestamp, now)
		}
		count := e.Count
		if count == 0 {
			count = 1 // singleton events of the events.k8s.io API carry no count
		}
		g.begin(e.Namespace)
		g.cell(last)
		g.cell(tableCell(e.Type))
		g.cell(tableCell(e.Reason))
		g.cell(tableCell(EventObject(e)))
		if o.Wide {
			g.cell(tableCell(e.InvolvedObject.FieldPath))
			g.cell(tableCell(EventSource(e)))
		}
		g.cell(tableCell(strings.TrimSpace(e.Message)))
		if o.Wide {
			g.cell(first)
			g.cell(itoa(count))
			g.cell(g.name(EventPrefix, e.Name))
		}
		g.end(e.Labels, false)
	}
	return g.String()
}

// EventObject is the OBJECT cell of an event: `<kind in lower case>/<name>`.
func EventObject(e *api.Event) string {
	kind := strings.ToLower(e.InvolvedObject.Kind)
	if e.InvolvedObject.Name == "" {
		return kind
	}
	return kind + "/" + e.InvolvedObject.Name
}

// EventSource is the SOURCE cell of an event: the component (or reporting controller), then
// `, <host>` when a host is known, e.g. `kubelet, node-1`.
func EventSource(e *api.Event) string {
	component := e.Source.Component
	if component == "" {
		component = e.ReportingController
	}
	host := e.Source.Host
	if host == "" {
		host = e.ReportingInstance
	}
	if host == "" {
		return component
	}
	return component + ", " + host
}

// NodeTable is `kubectl get nodes`: NAME, STATUS (Ready / NotReady / Unknown, plus
// `,SchedulingDisabled` when cordoned), ROLES, AGE, VERSION; -o wide adds INTERNAL-IP,
// EXTERNAL-IP, OS-IMAGE, KERNEL-VERSION, CONTAINER-RUNTIME. Nodes are cluster-scoped, so -A adds
// no NAMESPACE column.
func NodeTable(nodes []*api.Node, now time.Time, o TableOptions) string {
	if len(nodes) == 0 {
		return ""
	}
	h := []string{"NAME", "STATUS", "ROLES", "AGE", "VERSION"}
	if o.Wide {
		h = append(h, "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME")
	}
	g := newGetTable(o, false, len(nodes), h...)
	for _, n := range nodes {
		g.begin("")
		g.cell(g.name(NodePrefix, n.Name))
		g.cell(NodeStatus(n))
		roles := strings.Join(NodeRoles(n), ",")
		if roles == "" {
			roles = "<none>"
		}
		g.cell(roles)
		g.cell(Age(n.CreationTimestamp, now))
		g.cell(n.Status.NodeInfo.KubeletVersion)
		if o.Wide {
			g.cell(nodeAddress(n, "InternalIP"))
			g.cell(nodeAddress(n, "ExternalIP"))
			g.cell(orUnknown(n.Status.NodeInfo.OSImage))
			g.cell(orUnknown(n.Status.NodeInfo.KernelVersion))
			g.cell(orUnknown(n.Status.NodeInfo.ContainerRuntimeVersion))
		}
		g.end(n.Labels, false)
	}
	return g.String()
}

// NodeStatus is the STATUS cell of a node: `Ready` or `NotReady` from its Ready condition
// (`Unknown` without one), with `,SchedulingDisabled` appended when it is unschedulable.
func NodeStatus(n *api.Node) string {
	status := "Unknown"
	for i := range n.Status.Conditions {
		c := &n.Status.Conditions[i]
		if c.Type != "Ready" {
			continue
		}
		if c.Status == api.ConditionTrue {
			status = "Ready"
		} else {
			status = "NotReady"
		}
	}
	if n.Spec.Unschedulable {
		status += ",SchedulingDisabled"
	}
	return status
}

// Node role labels.
const (
	nodeRolePrefix = "node-role.kubernetes.io/"
	nodeRoleLabel  = "kubernetes.io/role"
)

// NodeRoles are the node's roles, sorted: the suffixes of its `node-role.kubernetes.io/<role>`
// labels and the value of a `kubernetes.io/role` label.
func NodeRoles(n *api.Node) []string {
	var roles []string
	seen := map[string]bool{}
	for k, v := range n.Labels {
		role := ""
		switch {
		case strings.HasPrefix(k, nodeRolePrefix):
			role = k[len(nodeRolePrefix):]
		case k == nodeRoleLabel:
			role = v
		}
		if role != "" && !seen[role] {
			seen[role] = true
			roles = append(roles, role)
		}
	}
	sort.Strings(roles)
	return roles
}

func nodeAddress(n *api.Node, typ string) string {
	for _, a := range n.Status.Addresses {
		if a.Type == typ {
			return a.Address
		}
	}
	return "<none>"
}

func orUnknown(s string) string {
	if s == "" {
		return "<unknown>"
	}
	return s
}
