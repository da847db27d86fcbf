package api

// The fields a Pod carries but the simulator does not model sit behind nil pointers
// (PodSpecUnused, ContainerUnused, PodStatusUnused, and every object's MetaUnused), and Go would promote them: p.Spec.Affinity
// would compile and panic on the nil pointer of a pod that has none. Each has an accessor of
// the same name instead, which shadows the promoted field (a method at depth 0 wins over a
// field at depth 1) and answers the zero value when nothing was set; the JSON encoding, which
// sees fields only, still inlines them. TestUnusedFieldsHaveAccessors checks that every field
// has its accessor. Code that sets one goes through the pointer explicitly.

// The zero values the accessors read when a pointer is nil; never written.
var (
	noPodSpecUnused   PodSpecUnused
	noContainerUnused ContainerUnused
	noPodStatusUnused PodStatusUnused
	noMetaUnused      MetaUnused
)

func (m *ObjectMeta) unused() *MetaUnused {
	if m.MetaUnused == nil {
		return &noMetaUnused
	}
	return m.MetaUnused
}

// Finalizers is metadata.finalizers (the garbage collector's foregroundDeletion, or a user's).
func (m *ObjectMeta) Finalizers() []string { return m.unused().Finalizers }

// ManagedFields is metadata.managedFields, kept as decoded.
func (m *ObjectMeta) ManagedFields() []any { return m.unused().ManagedFields }

// SelfLink is metadata.selfLink, kept as decoded.
func (m *ObjectMeta) SelfLink() string { return m.unused().SelfLink }

func (s *PodSpec) unused() *PodSpecUnused {
	if s.PodSpecUnused == nil {
		return &noPodSpecUnused
	}
	return s.PodSpecUnused
}

func (c *Container) unused() *ContainerUnused {
	if c.ContainerUnused == nil {
		return &noContainerUnused
	}
	return c.ContainerUnused
}

func (s *PodStatus) unused() *PodStatusUnused {
	if s.PodStatusUnused == nil {
		return &noPodStatusUnused
	}
	return s.PodStatusUnused
}

// ImagePullSecrets is spec.imagePullSecrets.
func (s *PodSpec) ImagePullSecrets() []map[string]any { return s.unused().ImagePullSecrets }

// Affinity is spec.affinity.
func (s *PodSpec) Affinity() map[string]any { return s.unused().Affinity }

// TopologySpreadConstraints is spec.topologySpreadConstraints.
func (s *PodSpec) TopologySpreadConstraints() []map[string]any {
	return s.unused().TopologySpreadConstraints
}

// EphemeralContainers is spec.ephemeralContainers.
func (s *PodSpec) EphemeralContainers() []map[string]any { return s.unused().EphemeralContainers }

// HostPID is spec.hostPID.
func (s *PodSpec) HostPID() bool { return s.unused().HostPID }

// HostIPC is spec.hostIPC.
func (s *PodSpec) HostIPC() bool { return s.unused().HostIPC }

// ShareProcessNamespace is spec.shareProcessNamespace.
func (s *PodSpec) ShareProcessNamespace() *bool { return s.unused().ShareProcessNamespace }

// HostAliases is spec.hostAliases.
func (s *PodSpec) HostAliases() []map[string]any { return s.unused().HostAliases }

// DNSConfig is spec.dnsConfig.
func (s *PodSpec) DNSConfig() map[string]any { return s.unused().DNSConfig }

// Overhead is spec.overhead.
func (s *PodSpec) Overhead() map[string]Quantity { return s.unused().Overhead }

// SetHostnameAsFQDN is spec.setHostnameAsFQDN.
func (s *PodSpec) SetHostnameAsFQDN() *bool { return s.unused().SetHostnameAsFQDN }

// OS is spec.os.
func (s *PodSpec) OS() map[string]any { return s.unused().OS }

// HostUsers is spec.hostUsers.
func (s *PodSpec) HostUsers() *bool { return s.unused().HostUsers }

// SchedulingGates is spec.schedulingGates.
func (s *PodSpec) SchedulingGates() []map[string]any { return s.unused().SchedulingGates }

// ResourceClaims is spec.resourceClaims.
func (s *PodSpec) ResourceClaims() []map[string]any { return s.unused().ResourceClaims }

// Resources is spec.resources.
func (s *PodSpec) Resources() map[string]any { return s.unused().Resources }

// HostnameOverride is spec.hostnameOverride.
func (s *PodSpec) HostnameOverride() *string { return s.unused().HostnameOverride }

// WorkingDir is workingDir of a container.
func (c *Container) WorkingDir() string { return c.unused().WorkingDir }

// Stdin is stdin of a container.
func (c *Container) Stdin() bool { return c.unused().Stdin }

// StdinOnce is stdinOnce of a container.
func (c *Container) StdinOnce() bool { return c.unused().StdinOnce }

// TTY is tty of a container.
func (c *Container) TTY() bool { return c.unused().TTY }

// ResizePolicy is resizePolicy of a container.
func (c *Container) ResizePolicy() []map[string]any { return c.unused().ResizePolicy }

// RestartPolicyRules is restartPolicyRules of a container.
func (c *Container) RestartPolicyRules() []map[string]any { return c.unused().RestartPolicyRules }

// VolumeDevices is volumeDevices of a container.
func (c *Container) VolumeDevices() []map[string]any { return c.unused().VolumeDevices }

// Message is status.message.
func (s *PodStatus) Message() string { return s.unused().Message }

// Reason is status.reason.
func (s *PodStatus) Reason() string { return s.unused().Reason }

// NominatedNodeName is status.nominatedNodeName.
func (s *PodStatus) NominatedNodeName() string { return s.unused().NominatedNodeName }

// InitContainerStatuses is status.initContainerStatuses.
func (s *PodStatus) InitContainerStatuses() []ContainerStatus {
	return s.unused().InitContainerStatuses
}

// EphemeralContainerStatuses is status.ephemeralContainerStatuses.
func (s *PodStatus) EphemeralContainerStatuses() []map[string]any {
	return s.unused().EphemeralContainerStatuses
}

// Resize is status.resize.
func (s *PodStatus) Resize() string { return s.unused().Resize }

// ResourceClaimStatuses is status.resourceClaimStatuses.
func (s *PodStatus) ResourceClaimStatuses() []map[string]any { return s.unused().ResourceClaimStatuses }
