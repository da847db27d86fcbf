package printers

import (
	"fmt"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"rolloutlab/engine/api"
)

// describePodTemplate writes the `Pod Template:` section shared by describe deployment,
// describe replicaset and rollout history --revision (which prints it without alignment).
func describePodTemplate(w *prefixWriter, t *api.PodTemplateSpec) {
	w.write(level0, "Pod Template:\n")
	if t == nil {
		w.write(level1, "<unset>")
		return
	}
	labelsMultiline(w, "  Labels", t.Labels)
	if len(t.Annotations) > 0 {
		annotationsMultiline(w, "  Annotations", t.Annotations)
	}
	if t.Spec.ServiceAccountName != "" {
		w.write(level1, "Service Account:\t", t.Spec.ServiceAccountName, "\n")
	}
	if len(t.Spec.InitContainers) > 0 {
		describeContainers(w, "Init Containers", t.Spec.InitContainers, nil, nil, "  ")
	}
	describeContainers(w, "Containers", t.Spec.Containers, nil, nil, "  ")
	describeVolumes(w, t.Spec.Volumes, "  ")
	if t.Spec.PriorityClassName != "" {
		w.write(level1, "Priority Class Name:\t", t.Spec.PriorityClassName, "\n")
	}
	labelsMultiline(w, "  Node-Selectors", t.Spec.NodeSelector)
	tolerationsMultiline(w, "  Tolerations", t.Spec.Tolerations)
}

// describeContainers writes `<space><label>:` and each container. With statuses (describe pod)
// it adds Container ID, Image ID, State, Last State, Ready and Restart Count; pod is used to
// resolve fieldRef environment values (nil for templates).
func describeContainers(w *prefixWriter, label string, cs []api.Container, statuses []api.ContainerStatus, pod *api.Pod, space string) {
	none := ""
	if len(cs) == 0 {
		none = " <none>"
	}
	w.write(level0, space, label, ":", none, "\n")
	for i := range cs {
		c := &cs[i]
		var status *api.ContainerStatus
		for j := range statuses {
			if statuses[j].Name == c.Name {
				status = &statuses[j]
			}
		}
		nameIndent := ""
		if space != "" {
			nameIndent = " "
		}
		w.write(level1, nameIndent, c.Name, ":\n")
		if status != nil {
			w.write(level2, "Container ID:\t", status.ContainerID, "\n")
		}
		w.write(level2, "Image:\t", c.Image, "\n")
		if status != nil {
			w.write(level2, "Image ID:\t", status.ImageID, "\n")
		}
		ports, hostPorts := containerPorts(c.Ports)
		if strings.Contains(ports, ",") {
			w.write(level2, "Ports:\t", ports, "\n")
		} else {
			w.write(level2, "Port:\t", orNone(ports), "\n")
		}
		if strings.Contains(hostPorts, ",") {
			w.write(level2, "Host Ports:\t", hostPorts, "\n")
		} else {
			w.write(level2, "Host Port:\t", orNone(hostPorts), "\n")
		}
		describeCommand(w, c)
		if status != nil {
			describeContainerState(w, status)
		}
		describeResources(w, c.Resources)
		describeProbes(w, c)
		if len(c.EnvFrom) > 0 {
			describeEnvFrom(w, c.EnvFrom)
		}
		describeEnv(w, c, pod)
		describeMounts(w, c.VolumeMounts)
	}
}

func containerPorts(ps []api.ContainerPort) (ports, hostPorts string) {
	if len(ps) == 0 {
		return "", ""
	}
	p := make([]string, len(ps))
	h := make([]string, len(ps))
	for i, cp := range ps {
		proto := cp.Protocol
		if proto == "" {
			proto = "TCP" // the API server's default
		}
		p[i] = strconv.Itoa(int(cp.ContainerPort)) + "/" + proto
		h[i] = strconv.Itoa(int(cp.HostPort)) + "/" + proto
	}
	return strings.Join(p, ", "), strings.Join(h, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "<none>"
	}
	return s
}

func describeCommand(w *prefixWriter, c *api.Container) {
	if len(c.Command) > 0 {
		w.write(level2, "Command:\n")
		for _, arg := range c.Command {
			for _, s := range strings.Split(arg, "\n") {
				w.write(level3, s, "\n")
			}
		}
	}
	if len(c.Args) > 0 {
		w.write(level2, "Args:\n")
		for _, arg := range c.Args {
			for _, s := range strings.Split(arg, "\n") {
				w.write(level3, s, "\n")
			}
		}
	}
}

func describeContainerState(w *prefixWriter, s *api.ContainerStatus) {
	describeState(w, "State", s.State)
	if s.LastTerminationState.Terminated != nil {
		describeState(w, "Last State", s.LastTerminationState)
	}
	w.write(level2, "Ready:\t", boolTitle(s.Ready), "\n")
	w.write(level2, "Restart Count:\t", itoa(s.RestartCount), "\n")
}

func describeState(w *prefixWriter, name string, s api.ContainerState) {
	switch {
	case s.Running != nil:
		w.write(level2, name, ":\tRunning\n")
		w.write(level3, "Started:\t", rfc1123z(s.Running.StartedAt.Time), "\n")
	case s.Waiting != nil:
		w.write(level2, name, ":\tWaiting\n")
		if s.Waiting.Reason != "" {
			w.write(level3, "Reason:\t", s.Waiting.Reason, "\n")
		}
	case s.Terminated != nil:
		t := s.Terminated
		w.write(level2, name, ":\tTerminated\n")
		if t.Reason != "" {
			w.write(level3, "Reason:\t", t.Reason, "\n")
		}
		if t.Message != "" {
			w.write(level3, "Message:\t", t.Message, "\n")
		}
		w.write(level3, "Exit Code:\t", itoa(t.ExitCode), "\n")
		if t.Signal > 0 {
			w.write(level3, "Signal:\t", itoa(t.Signal), "\n")
		}
		w.write(level3, "Started:\t", rfc1123z(t.StartedAt.Time), "\n")
		w.write(level3, "Finished:\t", rfc1123z(t.FinishedAt.Time), "\n")
	default:
		w.write(level2, name, ":\tWaiting\n")
	}
}

func describeResources(w *prefixWriter, r api.ResourceRequirements) {
	for _, part := range []struct {
		title string
		list  map[string]api.Quantity
	}{{"Limits", r.Limits}, {"Requests", r.Requests}} {
		if len(part.list) == 0 {
			continue
		}
		w.write(level2, part.title, ":\n")
		names := make([]string, 0, len(part.list))
		for n := range part.list {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			w.write(level3, n, ":\t", string(part.list[n]), "\n")
		}
	}
}

func describeProbes(w *prefixWriter, c *api.Container) {
	if c.LivenessProbe != nil {
		w.write(level2, "Liveness:\t", DescribeProbe(c.LivenessProbe), "\n")
	}
	if c.ReadinessProbe != nil {
		w.write(level2, "Readiness:\t", DescribeProbe(c.ReadinessProbe), "\n")
	}
	if c.StartupProbe != nil {
		w.write(level2, "Startup:\t", DescribeProbe(c.StartupProbe), "\n")
	}
}

// DescribeProbe renders a probe as describe does, e.g.
// `http-get http://:80/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. Fields the
// API server defaults (timeout 1, period 10, success 1, failure 3) are shown with those defaults
// when left at zero.
func DescribeProbe(p *api.Probe) string {
	attrs := fmt.Sprintf("delay=%ds timeout=%ds period=%ds #success=%d #failure=%d",
		p.InitialDelaySeconds, defInt(p.TimeoutSeconds, 1), defInt(p.PeriodSeconds, 10),
		defInt(p.SuccessThreshold, 1), defInt(p.FailureThreshold, 3))
	switch {
	case p.Exec != nil:
		return "exec " + fmt.Sprintf("%v", stringList(p.Exec["command"])) + " " + attrs
	case p.HTTPGet != nil:
		u := &url.URL{}
		u.Scheme = strings.ToLower(anyString(p.HTTPGet["scheme"]))
		if u.Scheme == "" {
			u.Scheme = "http"
		}
		host := anyString(p.HTTPGet["host"])
		if port := anyString(p.HTTPGet["port"]); port != "" {
			u.Host = net.JoinHostPort(host, port)
		} else {
			u.Host = host
		}
		u.Path = anyString(p.HTTPGet["path"])
		return "http-get " + u.String() + " " + attrs
	case p.TCPSocket != nil:
		return "tcp-socket " + anyString(p.TCPSocket["host"]) + ":" + anyString(p.TCPSocket["port"]) + " " + attrs
	case p.GRPC != nil:
		return "grpc <pod>:" + anyString(p.GRPC["port"]) + " " + anyString(p.GRPC["service"]) + " " + attrs
	}
	return "unknown " + attrs
}

func defInt(v, def int32) int32 {
	if v == 0 {
		return def
	}
	return v
}

// anyString renders a free-form JSON value (string, number or bool) as text.
func anyString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case int32:
		return strconv.Itoa(int(x))
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	default:
		return fmt.Sprint(x)
	}
}

func stringList(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = anyString(e)
		}
		return out
	}
	return nil
}

func anyMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func anyBool(v any) bool {
	b, _ := v.(bool)
	return b
}

func describeEnvFrom(w *prefixWriter, from []map[string]any) {
	w.write(level2, "Environment Variables from:\n")
	for _, e := range from {
		kind, name, optional := "", "", false
		if ref := anyMap(e["configMapRef"]); ref != nil {
			kind, name, optional = "ConfigMap", anyString(ref["name"]), anyBool(ref["optional"])
		} else if ref := anyMap(e["secretRef"]); ref != nil {
			kind, name, optional = "Secret", anyString(ref["name"]), anyBool(ref["optional"])
		}
		if prefix := anyString(e["prefix"]); prefix != "" {
			w.write(level3, name, "\t", kind, " with prefix '", prefix, "'\tOptional: ", strconv.FormatBool(optional), "\n")
		} else {
			w.write(level3, name, "\t", kind, "\tOptional: ", strconv.FormatBool(optional), "\n")
		}
	}
}

func describeEnv(w *prefixWriter, c *api.Container, pod *api.Pod) {
	if len(c.Env) == 0 {
		w.write(level2, "Environment:\t<none>\n")
		return
	}
	w.write(level2, "Environment:\n")
	for _, e := range c.Env {
		if e.ValueFrom == nil {
			for i, s := range strings.Split(e.Value, "\n") {
				if i == 0 {
					w.write(level3, e.Name, ":\t", s, "\n")
				} else {
					w.write(level3, "\t", s, "\n")
				}
			}
			continue
		}
		switch {
		case e.ValueFrom["fieldRef"] != nil:
			ref := anyMap(e.ValueFrom["fieldRef"])
			apiVersion := anyString(ref["apiVersion"])
			if apiVersion == "" {
				apiVersion = "v1"
			}
			path := anyString(ref["fieldPath"])
			w.write(level3, e.Name, ":\t", podFieldValue(pod, path), " (", apiVersion, ":", path, ")\n")
		case e.ValueFrom["resourceFieldRef"] != nil:
			ref := anyMap(e.ValueFrom["resourceFieldRef"])
			res := anyString(ref["resource"])
			w.write(level3, e.Name, ":\t", containerResourceValue(c, res), " (", res, ")\n")
		case e.ValueFrom["secretKeyRef"] != nil:
			ref := anyMap(e.ValueFrom["secretKeyRef"])
			w.write(level3, e.Name, ":\t<set to the key '", anyString(ref["key"]), "' in secret '", anyString(ref["name"]),
				"'>\tOptional: ", strconv.FormatBool(anyBool(ref["optional"])), "\n")
		case e.ValueFrom["configMapKeyRef"] != nil:
			ref := anyMap(e.ValueFrom["configMapKeyRef"])
			w.write(level3, e.Name, ":\t<set to the key '", anyString(ref["key"]), "' of config map '", anyString(ref["name"]),
				"'>\tOptional: ", strconv.FormatBool(anyBool(ref["optional"])), "\n")
		}
	}
}

// podFieldValue resolves the downward-API field paths describe pod shows; templates have no pod
// and print an empty value.
func podFieldValue(p *api.Pod, path string) string {
	if p == nil {
		return ""
	}
	switch path {
	case "metadata.name":
		return p.Name
	case "metadata.namespace":
		return p.Namespace
	case "metadata.uid":
		return p.UID
	case "spec.nodeName":
		return p.Spec.NodeName
	case "spec.serviceAccountName":
		return p.Spec.ServiceAccountName
	case "status.hostIP":
		return p.Status.HostIP
	case "status.podIP":
		return p.Status.PodIP
	}
	if k, ok := strings.CutPrefix(path, "metadata.labels['"); ok {
		return p.Labels[strings.TrimSuffix(k, "']")]
	}
	if k, ok := strings.CutPrefix(path, "metadata.annotations['"); ok {
		return p.Annotations[strings.TrimSuffix(k, "']")]
	}
	return ""
}

// containerResourceValue is the value a resourceFieldRef resolves to; an unset limit shows as
// `node allocatable`, as describe does.
func containerResourceValue(c *api.Container, res string) string {
	var q api.Quantity
	switch res {
	case "limits.cpu":
		q = c.Resources.Limits["cpu"]
	case "limits.memory":
		q = c.Resources.Limits["memory"]
	case "limits.ephemeral-storage":
		q = c.Resources.Limits["ephemeral-storage"]
	case "requests.cpu":
		q = c.Resources.Requests["cpu"]
	case "requests.memory":
		q = c.Resources.Requests["memory"]
	case "requests.ephemeral-storage":
		q = c.Resources.Requests["ephemeral-storage"]
	}
	if q == "" || q == "0" {
		if res == "limits.cpu" || res == "limits.memory" {
			return "node allocatable"
		}
		return "0"
	}
	return string(q)
}

func describeMounts(w *prefixWriter, mounts []api.VolumeMount) {
	if len(mounts) == 0 {
		w.write(level2, "Mounts:\t<none>\n")
		return
	}
	w.write(level2, "Mounts:\n")
	sorted := append([]api.VolumeMount(nil), mounts...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].MountPath < sorted[j].MountPath })
	for _, m := range sorted {
		flags := "rw"
		if m.ReadOnly {
			flags = "ro"
		}
		if m.SubPath != "" {
			flags += ",path=" + strconv.Quote(m.SubPath)
		}
		w.write(level3, m.MountPath, " from ", m.Name, " (", flags, ")\n")
	}
}

// describeVolumes writes `<space>Volumes:` and each volume's source. Sources are free-form in
// the API subset; the common ones are described as kubectl does, others as `<unknown>`.
func describeVolumes(w *prefixWriter, vols []api.Volume, space string) {
	if len(vols) == 0 {
		w.write(level0, space, "Volumes:\t<none>\n")
		return
	}
	w.write(level0, space, "Volumes:\n")
	for _, v := range vols {
		nameIndent := ""
		if space != "" {
			nameIndent = " "
		}
		w.write(level1, nameIndent, v.Name, ":\n")
		src := v.Source
		switch {
		case src["hostPath"] != nil:
			hp := anyMap(src["hostPath"])
			typ := anyString(hp["type"]) // the API server defaults an absent type to ""
			w.write(level2, "Type:\tHostPath (bare host directory volume)\n    Path:\t", anyString(hp["path"]),
				"\n    HostPathType:\t", typ, "\n")
		case src["emptyDir"] != nil:
			ed := anyMap(src["emptyDir"])
			limit := anyString(ed["sizeLimit"])
			if limit == "" || limit == "0" {
				limit = "<unset>"
			}
			w.write(level2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t",
				anyString(ed["medium"]), "\n    SizeLimit:\t", limit, "\n")
		case src["secret"] != nil:
			s := anyMap(src["secret"])
			w.write(level2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t", anyString(s["secretName"]),
				"\n    Optional:\t", strconv.FormatBool(anyBool(s["optional"])), "\n")
		case src["configMap"] != nil:
			cm := anyMap(src["configMap"])
			w.write(level2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t", anyString(cm["name"]),
				"\n    Optional:\t", strconv.FormatBool(anyBool(cm["optional"])), "\n")
		case src["persistentVolumeClaim"] != nil:
			c := anyMap(src["persistentVolumeClaim"])
			w.write(level2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t",
				anyString(c["claimName"]), "\n    ReadOnly:\t", strconv.FormatBool(anyBool(c["readOnly"])), "\n")
		case src["projected"] != nil:
			describeProjected(w, anyMap(src["projected"]))
		case src["downwardAPI"] != nil:
			w.write(level2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n")
			items, _ := anyMap(src["downwardAPI"])["items"].([]any)
			for _, it := range items {
				item := anyMap(it)
				if f := anyMap(item["fieldRef"]); f != nil {
					w.write(level3, anyString(f["fieldPath"]), " -> ", anyString(item["path"]), "\n")
				}
				if f := anyMap(item["resourceFieldRef"]); f != nil {
					w.write(level3, anyString(f["resource"]), " -> ", anyString(item["path"]), "\n")
				}
			}
		default:
			w.write(level1, "<unknown>\n")
		}
	}
}

// describeProjected describes a projected volume such as the kube-api-access-xxxxx volume the
// service-account admission adds to every pod.
func describeProjected(w *prefixWriter, p map[string]any) {
	w.write(level2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
	sources, _ := p["sources"].([]any)
	for _, s := range sources {
		src := anyMap(s)
		switch {
		case src["secret"] != nil:
			sec := anyMap(src["secret"])
			w.write(level2, "SecretName:\t", anyString(sec["name"]), "\n    Optional:\t", strconv.FormatBool(anyBool(sec["optional"])), "\n")
		case src["downwardAPI"] != nil:
			w.write(level2, "DownwardAPI:\ttrue\n")
		case src["configMap"] != nil:
			cm := anyMap(src["configMap"])
			w.write(level2, "ConfigMapName:\t", anyString(cm["name"]), "\n    Optional:\t", strconv.FormatBool(anyBool(cm["optional"])), "\n")
		case src["serviceAccountToken"] != nil:
			tok := anyMap(src["serviceAccountToken"])
			w.write(level2, "TokenExpirationSeconds:\t", anyString(tok["expirationSeconds"]), "\n")
		}
	}
}

// tolerationsMultiline writes `<title>:\t` then one toleration per line, sorted by key:
// `key[=value][:effect][ op=Exists][ for Ns]`.
func tolerationsMultiline(w *prefixWriter, title string, ts []api.Toleration) {
	w.write(level0, title, ":\t")
	if len(ts) == 0 {
		w.line("<none>")
		return
	}
	sorted := append([]api.Toleration(nil), ts...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Key < sorted[j].Key })
	for i, t := range sorted {
		if i > 0 {
			w.write(level0, "\t")
		}
		w.write(level0, FormatToleration(t), "\n")
	}
}

// FormatToleration renders one toleration as describe does, e.g.
// `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`.
func FormatToleration(t api.Toleration) string {
	s := t.Key
	if t.Value != "" {
		s += "=" + t.Value
	}
	if t.Effect != "" {
		s += ":" + t.Effect
	}
	if t.Operator == "Exists" && t.Value == "" {
		if t.Key != "" || t.Effect != "" {
			s += " op=Exists"
		} else {
			s += "op=Exists"
		}
	}
	if t.TolerationSeconds != nil {
		s += " for " + i64(*t.TolerationSeconds) + "s"
	}
	return s
}
