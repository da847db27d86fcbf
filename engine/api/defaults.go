package api

import (
	"regexp"
	"strings"
)

// Defaulting as the apiserver applies it to apps/v1 and core/v1 objects on create and on update,
// before validation. Free-form values (maps of the API's optional structs) are never changed in
// place: a defaulted map is a new map, since copies of an object share them.

// Default values.
const (
	DefaultNamespace                     = "default"
	DefaultSchedulerName                 = "default-scheduler"
	DefaultTerminationMessagePath        = "/dev/termination-log"
	DefaultTerminationGracePeriodSeconds = int64(30)
	DefaultRevisionHistoryLimit          = int32(10)
	DefaultProgressDeadlineSeconds       = int32(600)
	DefaultMaxSurge                      = "25%"
	DefaultMaxUnavailable                = "25%"
)

// SetDefaultsDeployment: metadata.namespace "default" when empty; spec.replicas 1;
// strategy.type RollingUpdate; for RollingUpdate, rollingUpdate.maxUnavailable and maxSurge 25%
// each when unset; revisionHistoryLimit 10; progressDeadlineSeconds 600; then the pod template.
// Template labels are not defaulted (apps/v1).
func SetDefaultsDeployment(d *Deployment) {
	if d.Namespace == "" {
		d.Namespace = DefaultNamespace
	}
	s := &d.Spec
	if s.Replicas == nil {
		s.Replicas = Ptr(int32(1))
	}
	if s.Strategy.Type == "" {
		s.Strategy.Type = RollingUpdateStrategy
	}
	if s.Strategy.Type == RollingUpdateStrategy {
		ru := s.Strategy.RollingUpdate
		if ru == nil {
			ru = &RollingUpdateDeployment{}
			s.Strategy.RollingUpdate = ru
		}
		if ru.MaxUnavailable == nil {
			ru.MaxUnavailable = Ptr(FromString(DefaultMaxUnavailable))
		}
		if ru.MaxSurge == nil {
			ru.MaxSurge = Ptr(FromString(DefaultMaxSurge))
		}
	}
	if s.RevisionHistoryLimit == nil {
		s.RevisionHistoryLimit = Ptr(DefaultRevisionHistoryLimit)
	}
	if s.ProgressDeadlineSeconds == nil {
		s.ProgressDeadlineSeconds = Ptr(DefaultProgressDeadlineSeconds)
	}
	SetDefaultsPodTemplate(&s.Template)
}

// SetDefaultsReplicaSet: metadata.namespace "default" when empty, spec.replicas 1, then the pod
// template.
func SetDefaultsReplicaSet(rs *ReplicaSet) {
	if rs.Namespace == "" {
		rs.Namespace = DefaultNamespace
	}
	if rs.Spec.Replicas == nil {
		rs.Spec.Replicas = Ptr(int32(1))
	}
	SetDefaultsPodTemplate(&rs.Spec.Template)
}

// SetDefaultsPodTemplate defaults the template's pod spec (its labels are left alone).
func SetDefaultsPodTemplate(t *PodTemplateSpec) { SetDefaultsPodSpec(&t.Spec) }

// SetDefaultsPod: metadata.namespace "default" when empty, the pod spec, and what only pods (not
// templates) get: enableServiceLinks true; each container's resources.requests filled from its
// limits where a request is missing; with hostNetwork, hostPort = containerPort.
func SetDefaultsPod(p *Pod) {
	if p.Namespace == "" {
		p.Namespace = DefaultNamespace
	}
	if p.Spec == nil {
		p.Spec = &PodSpec{}
	}
	SetDefaultsPodSpec(p.Spec)
	if p.Spec.EnableServiceLinks == nil {
		p.Spec.EnableServiceLinks = Ptr(true)
	}
	for _, cs := range [][]Container{p.Spec.InitContainers, p.Spec.Containers} {
		for i := range cs {
			c := &cs[i]
			if len(c.Resources.Limits) == 0 {
				continue
			}
			req := make(map[string]Quantity, len(c.Resources.Limits))
			for k, v := range c.Resources.Requests {
				req[k] = v
			}
			for k, v := range c.Resources.Limits {
				if _, ok := req[k]; !ok {
					req[k] = v
				}
			}
			c.Resources.Requests = req
		}
	}
	// Pods only since 1.28, so that templates do not change on upgrade. // unverified
	if p.Spec.HostNetwork {
		for _, cs := range [][]Container{p.Spec.InitContainers, p.Spec.Containers} {
			for i := range cs {
				ports := append([]ContainerPort(nil), cs[i].Ports...)
				for j := range ports {
					if ports[j].HostPort == 0 {
						ports[j].HostPort = ports[j].ContainerPort
					}
				}
				cs[i].Ports = ports
			}
		}
	}
}

// SetDefaultsPodSpec: restartPolicy Always, terminationGracePeriodSeconds 30, dnsPolicy
// ClusterFirst, schedulerName default-scheduler, securityContext {} (present but empty); volumes
// without a source get emptyDir {}, secret/configMap/downwardAPI/projected sources defaultMode
// 420; containers and init containers as in SetDefaultsContainer. The container slices are
// replaced by defaulted copies.
func SetDefaultsPodSpec(s *PodSpec) {
	if s.DNSPolicy == "" {
		s.DNSPolicy = "ClusterFirst"
	}
	if s.RestartPolicy == "" {
		s.RestartPolicy = "Always"
	}
	if s.SecurityContext == nil {
		s.SecurityContext = map[string]any{}
	}
	if s.TerminationGracePeriodSeconds == nil {
		s.TerminationGracePeriodSeconds = Ptr(DefaultTerminationGracePeriodSeconds)
	}
	if s.SchedulerName == "" {
		s.SchedulerName = DefaultSchedulerName
	}
	if len(s.Volumes) > 0 {
		vols := append([]Volume(nil), s.Volumes...)
		for i := range vols {
			vols[i].Source = defaultVolumeSource(vols[i].Source)
		}
		s.Volumes = vols
	}
	if s.Containers != nil {
		s.Containers = append([]Container(nil), s.Containers...)
		for i := range s.Containers {
			SetDefaultsContainer(&s.Containers[i])
		}
	}
	if s.InitContainers != nil {
		s.InitContainers = append([]Container(nil), s.InitContainers...)
		for i := range s.InitContainers {
			SetDefaultsContainer(&s.InitContainers[i])
		}
	}
}

func defaultVolumeSource(src map[string]any) map[string]any {
	if len(src) == 0 {
		return map[string]any{"emptyDir": map[string]any{}}
	}
	out, copied := src, false
	set := func(k string, v map[string]any) {
		if !copied {
			out, copied = copyAnyMap(src), true
		}
		out[k] = v
	}
	for _, k := range []string{"secret", "configMap", "downwardAPI", "projected"} {
		if m, ok := src[k].(map[string]any); ok {
			if _, has := m["defaultMode"]; !has {
				nm := copyAnyMap(m)
				nm["defaultMode"] = int64(420)
				set(k, nm)
			}
		}
	}
	if m, ok := src["hostPath"].(map[string]any); ok {
		if _, has := m["type"]; !has {
			nm := copyAnyMap(m)
			nm["type"] = ""
			set("hostPath", nm)
		}
	}
	return out
}

func copyAnyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// SetDefaultsContainer: terminationMessagePath /dev/termination-log, terminationMessagePolicy
// File, imagePullPolicy from the image (DefaultPullPolicy), ports' protocol TCP, probes'
// timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3 (httpGet: path "/",
// scheme HTTP), env valueFrom.fieldRef.apiVersion v1.
func SetDefaultsContainer(c *Container) {
	if c.ImagePullPolicy == "" {
		c.ImagePullPolicy = DefaultPullPolicy(c.Image)
	}
	if c.TerminationMessagePath == "" {
		c.TerminationMessagePath = DefaultTerminationMessagePath
	}
	if c.TerminationMessagePolicy == "" {
		c.TerminationMessagePolicy = "File"
	}
	if len(c.Ports) > 0 {
		ports := append([]ContainerPort(nil), c.Ports...)
		for i := range ports {
			if ports[i].Protocol == "" {
				ports[i].Protocol = "TCP"
			}
		}
		c.Ports = ports
	}
	c.LivenessProbe = defaultProbe(c.LivenessProbe)
	c.ReadinessProbe = defaultProbe(c.ReadinessProbe)
	c.StartupProbe = defaultProbe(c.StartupProbe)
	if len(c.Env) > 0 {
		env := append([]EnvVar(nil), c.Env...)
		for i := range env {
			vf := env[i].ValueFrom
			fr, ok := vf["fieldRef"].(map[string]any)
			if !ok {
				continue
			}
			if _, set := fr["apiVersion"]; set {
				continue
			}
			nfr := copyAnyMap(fr)
			nfr["apiVersion"] = "v1"
			nvf := copyAnyMap(vf)
			nvf["fieldRef"] = nfr
			env[i].ValueFrom = nvf
		}
		c.Env = env
	}
}

func defaultProbe(p *Probe) *Probe {
	if p == nil {
		return nil
	}
	c := *p
	if c.TimeoutSeconds == 0 {
		c.TimeoutSeconds = 1
	}
	if c.PeriodSeconds == 0 {
		c.PeriodSeconds = 10
	}
	if c.SuccessThreshold == 0 {
		c.SuccessThreshold = 1
	}
	if c.FailureThreshold == 0 {
		c.FailureThreshold = 3
	}
	if c.HTTPGet != nil {
		_, hasPath := c.HTTPGet["path"]
		_, hasScheme := c.HTTPGet["scheme"]
		if !hasPath || !hasScheme {
			h := copyAnyMap(c.HTTPGet)
			if !hasPath {
				h["path"] = "/"
			}
			if !hasScheme {
				h["scheme"] = "HTTP"
			}
			c.HTTPGet = h
		}
	}
	return &c
}

// DefaultPullPolicy is the imagePullPolicy an image gets: Always when it names no tag and no
// digest, or the tag `latest`; IfNotPresent otherwise, also for references that do not parse
// (upstream ignores the parse error).
func DefaultPullPolicy(image string) string {
	tag, digest, ok := parseImageRef(image)
	if !ok {
		return "IfNotPresent"
	}
	if tag == "latest" || (tag == "" && digest == "") {
		return "Always"
	}
	return "IfNotPresent"
}

var (
	imageTagRe       = regexp.MustCompile(`^[\w][\w.-]{0,127}$`)
	imagePathCompRe  = regexp.MustCompile(`^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$`)
	imageDomainRe    = regexp.MustCompile(`^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$`)
	imageDigestAlgRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$`)
	hexRe            = regexp.MustCompile(`^[a-f0-9]+$`)
)

// parseImageRef splits an image reference (`[domain[:port]/]path[:tag][@algo:hex]`) following
// the distribution reference grammar; ok is false for references that do not parse (upper-case
// repository names, bad tags or digests, spaces …).
func parseImageRef(ref string) (tag, digest string, ok bool) {
	name := ref
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name, digest = name[:i], name[i+1:]
		alg, hex, found := strings.Cut(digest, ":")
		if !found || !imageDigestAlgRe.MatchString(alg) || !hexRe.MatchString(hex) {
			return "", "", false
		}
		want := map[string]int{"sha256": 64, "sha384": 96, "sha512": 128}[alg]
		if want == 0 || len(hex) != want {
			return "", "", false
		}
	}
	if i := strings.LastIndexByte(name, ':'); i >= 0 && i > strings.LastIndexByte(name, '/') {
		name, tag = name[:i], name[i+1:]
		if !imageTagRe.MatchString(tag) {
			return "", "", false
		}
	}
	if name == "" || len(name) > 255 {
		return "", "", false
	}
	comps := strings.Split(name, "/")
	if len(comps) > 1 {
		first := comps[0]
		if strings.ContainsAny(first, ".:") || first == "localhost" || strings.ToLower(first) != first {
			if !imageDomainRe.MatchString(first) {
				return "", "", false
			}
			comps = comps[1:]
		}
	}
	for _, c := range comps {
		if !imagePathCompRe.MatchString(c) {
			return "", "", false
		}
	}
	return tag, digest, true
}
