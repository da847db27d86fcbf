package api

// Well-known annotation and label keys.
const (
	RevisionAnnotation        = "deployment.kubernetes.io/revision"
	RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history"
	DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"
	MaxReplicasAnnotation     = "deployment.kubernetes.io/max-replicas"
	RollbackToAnnotation      = "deprecated.deployment.rollback.to"
	ChangeCauseAnnotation     = "kubernetes.io/change-cause"
	LastAppliedAnnotation     = "kubectl.kubernetes.io/last-applied-configuration"
	RestartedAtAnnotation     = "kubectl.kubernetes.io/restartedAt"
	PodDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"
	PodTemplateHashLabel      = "pod-template-hash"
)

// Deployment is apps/v1 Deployment.
type Deployment struct {
	TypeMeta
	ObjectMeta `json:"metadata,omitempty"`
	Spec       DeploymentSpec   `json:"spec,omitempty"`
	Status     DeploymentStatus `json:"status,omitempty"`
}

// DeploymentSpec is apps/v1 DeploymentSpec.
type DeploymentSpec struct {
	Replicas                *int32             `json:"replicas,omitempty"`
	Selector                *LabelSelector     `json:"selector"`
	Template                PodTemplateSpec    `json:"template"`
	Strategy                DeploymentStrategy `json:"strategy,omitempty"`
	MinReadySeconds         int32              `json:"minReadySeconds,omitempty"`
	RevisionHistoryLimit    *int32             `json:"revisionHistoryLimit,omitempty"`
	Paused                  bool               `json:"paused,omitempty"`
	ProgressDeadlineSeconds *int32             `json:"progressDeadlineSeconds,omitempty"`
}

// Strategy types.
const (
	RecreateStrategy      = "Recreate"
	RollingUpdateStrategy = "RollingUpdate"
)

// DeploymentStrategy is apps/v1 DeploymentStrategy.
type DeploymentStrategy struct {
	Type          string                   `json:"type,omitempty"`
	RollingUpdate *RollingUpdateDeployment `json:"rollingUpdate,omitempty"`
}

// RollingUpdateDeployment holds maxUnavailable and maxSurge.
type RollingUpdateDeployment struct {
	MaxUnavailable *IntOrString `json:"maxUnavailable,omitempty"`
	MaxSurge       *IntOrString `json:"maxSurge,omitempty"`
}

// DeploymentStatus is apps/v1 DeploymentStatus.
type DeploymentStatus struct {
	ObservedGeneration  int64                 `json:"observedGeneration,omitempty"`
	Replicas            int32                 `json:"replicas,omitempty"`
	UpdatedReplicas     int32                 `json:"updatedReplicas,omitempty"`
	ReadyReplicas       int32                 `json:"readyReplicas,omitempty"`
	AvailableReplicas   int32                 `json:"availableReplicas,omitempty"`
	UnavailableReplicas int32                 `json:"unavailableReplicas,omitempty"`
	TerminatingReplicas *int32                `json:"terminatingReplicas,omitempty"`
	Conditions          []DeploymentCondition `json:"conditions,omitempty"`
	CollisionCount      *int32                `json:"collisionCount,omitempty"`
}

// Deployment condition types, statuses and reasons.
const (
	DeploymentAvailable      = "Available"
	DeploymentProgressing    = "Progressing"
	DeploymentReplicaFailure = "ReplicaFailure"

	ConditionTrue    = "True"
	ConditionFalse   = "False"
	ConditionUnknown = "Unknown"
)

// DeploymentCondition is one entry of status.conditions.
type DeploymentCondition struct {
	Type               string `json:"type"`
	Status             string `json:"status"`
	LastUpdateTime     Time   `json:"lastUpdateTime,omitempty"`
	LastTransitionTime Time   `json:"lastTransitionTime,omitempty"`
	Reason             string `json:"reason,omitempty"`
	Message            string `json:"message,omitempty"`
}

// ReplicaSet is apps/v1 ReplicaSet.
type ReplicaSet struct {
	TypeMeta
	ObjectMeta `json:"metadata,omitempty"`
	Spec       ReplicaSetSpec   `json:"spec,omitempty"`
	Status     ReplicaSetStatus `json:"status,omitempty"`
}

// ReplicaSetSpec is apps/v1 ReplicaSetSpec.
type ReplicaSetSpec struct {
	Replicas        *int32          `json:"replicas,omitempty"`
	MinReadySeconds int32           `json:"minReadySeconds,omitempty"`
	Selector        *LabelSelector  `json:"selector"`
	Template        PodTemplateSpec `json:"template,omitempty"`
}

// ReplicaSetStatus is apps/v1 ReplicaSetStatus.
type ReplicaSetStatus struct {
	Replicas             int32                 `json:"replicas"`
	FullyLabeledReplicas int32                 `json:"fullyLabeledReplicas,omitempty"`
	ReadyReplicas        int32                 `json:"readyReplicas,omitempty"`
	AvailableReplicas    int32                 `json:"availableReplicas,omitempty"`
	TerminatingReplicas  *int32                `json:"terminatingReplicas,omitempty"`
	ObservedGeneration   int64                 `json:"observedGeneration,omitempty"`
	Conditions           []ReplicaSetCondition `json:"conditions,omitempty"`
}

// ReplicaSetCondition is one entry of a ReplicaSet's status.conditions (type ReplicaFailure).
type ReplicaSetCondition struct {
	Type               string `json:"type"`
	Status             string `json:"status"`
	LastTransitionTime Time   `json:"lastTransitionTime,omitempty"`
	Reason             string `json:"reason,omitempty"`
	Message            string `json:"message,omitempty"`
}

// PodTemplateSpec is core/v1 PodTemplateSpec.
type PodTemplateSpec struct {
	ObjectMeta `json:"metadata,omitempty"`
	Spec       PodSpec `json:"spec,omitempty"`
}

// PodSpec keeps the fields learners write; rarely used structured fields are kept as free-form
// JSON values so that real manifests decode, and are carried through unchanged.
type PodSpec struct {
	Volumes                       []Volume          `json:"volumes,omitempty"`
	InitContainers                []Container       `json:"initContainers,omitempty"`
	Containers                    []Container       `json:"containers"`
	RestartPolicy                 string            `json:"restartPolicy,omitempty"`
	TerminationGracePeriodSeconds *int64            `json:"terminationGracePeriodSeconds,omitempty"`
	ActiveDeadlineSeconds         *int64            `json:"activeDeadlineSeconds,omitempty"`
	DNSPolicy                     string            `json:"dnsPolicy,omitempty"`
	NodeSelector                  map[string]string `json:"nodeSelector,omitempty"`
	ServiceAccountName            string            `json:"serviceAccountName,omitempty"`
	DeprecatedServiceAccount      string            `json:"serviceAccount,omitempty"`
	AutomountServiceAccountToken  *bool             `json:"automountServiceAccountToken,omitempty"`
	NodeName                      string            `json:"nodeName,omitempty"`
	HostNetwork                   bool              `json:"hostNetwork,omitempty"`
	SecurityContext               map[string]any    `json:"securityContext,omitempty"`
	Hostname                      string            `json:"hostname,omitempty"`
	Subdomain                     string            `json:"subdomain,omitempty"`
	SchedulerName                 string            `json:"schedulerName,omitempty"`
	Tolerations                   []Toleration      `json:"tolerations,omitempty"`
	PriorityClassName             string            `json:"priorityClassName,omitempty"`
	Priority                      *int32            `json:"priority,omitempty"`
	EnableServiceLinks            *bool             `json:"enableServiceLinks,omitempty"`
	PreemptionPolicy              string            `json:"preemptionPolicy,omitempty"`

	// Less common fields, kept so that real manifests decode; free-form values are carried as is.
	ReadinessGates   []map[string]any `json:"readinessGates,omitempty"`
	RuntimeClassName *string          `json:"runtimeClassName,omitempty"`
	*PodSpecUnused
}

// PodSpecUnused holds pod spec fields the simulator carries but never reads, behind a pointer
// in PodSpec (its fields are inlined in JSON): every pod's spec is copied when it is bound to
// a node, and these would make up a third of it.
type PodSpecUnused struct {
	ImagePullSecrets          []map[string]any    `json:"imagePullSecrets,omitempty"`
	Affinity                  map[string]any      `json:"affinity,omitempty"`
	TopologySpreadConstraints []map[string]any    `json:"topologySpreadConstraints,omitempty"`
	EphemeralContainers       []map[string]any    `json:"ephemeralContainers,omitempty"`
	HostPID                   bool                `json:"hostPID,omitempty"`
	HostIPC                   bool                `json:"hostIPC,omitempty"`
	ShareProcessNamespace     *bool               `json:"shareProcessNamespace,omitempty"`
	HostAliases               []map[string]any    `json:"hostAliases,omitempty"`
	DNSConfig                 map[string]any      `json:"dnsConfig,omitempty"`
	Overhead                  map[string]Quantity `json:"overhead,omitempty"`
	SetHostnameAsFQDN         *bool               `json:"setHostnameAsFQDN,omitempty"`
	OS                        map[string]any      `json:"os,omitempty"`
	HostUsers                 *bool               `json:"hostUsers,omitempty"`
	SchedulingGates           []map[string]any    `json:"schedulingGates,omitempty"`
	ResourceClaims            []map[string]any    `json:"resourceClaims,omitempty"`
	Resources                 map[string]any      `json:"resources,omitempty"`
	HostnameOverride          *string             `json:"hostnameOverride,omitempty"`
}

// Volume is a pod volume; its source is kept free-form.
type Volume struct {
	Name   string         `json:"name"`
	Source map[string]any `json:"-"`
}

// Toleration is core/v1 Toleration.
type Toleration struct {
	Key               string `json:"key,omitempty"`
	Operator          string `json:"operator,omitempty"`
	Value             string `json:"value,omitempty"`
	Effect            string `json:"effect,omitempty"`
	TolerationSeconds *int64 `json:"tolerationSeconds,omitempty"`
}

// Container is core/v1 Container.
type Container struct {
	Name                     string               `json:"name"`
	Image                    string               `json:"image,omitempty"`
	Command                  []string             `json:"command,omitempty"`
	Args                     []string             `json:"args,omitempty"`
	Ports                    []ContainerPort      `json:"ports,omitempty"`
	EnvFrom                  []map[string]any     `json:"envFrom,omitempty"`
	Env                      []EnvVar             `json:"env,omitempty"`
	Resources                ResourceRequirements `json:"resources,omitempty"`
	RestartPolicy            string               `json:"restartPolicy,omitempty"`
	VolumeMounts             []VolumeMount        `json:"volumeMounts,omitempty"`
	LivenessProbe            *Probe               `json:"livenessProbe,omitempty"`
	ReadinessProbe           *Probe               `json:"readinessProbe,omitempty"`
	StartupProbe             *Probe               `json:"startupProbe,omitempty"`
	Lifecycle                map[string]any       `json:"lifecycle,omitempty"`
	TerminationMessagePath   string               `json:"terminationMessagePath,omitempty"`
	TerminationMessagePolicy string               `json:"terminationMessagePolicy,omitempty"`
	ImagePullPolicy          string               `json:"imagePullPolicy,omitempty"`
	SecurityContext          map[string]any       `json:"securityContext,omitempty"`
	*ContainerUnused
}

// ContainerUnused holds container fields the simulator carries but never reads, behind a
// pointer in Container (its fields are inlined in JSON): every pod has its own containers.
type ContainerUnused struct {
	WorkingDir         string           `json:"workingDir,omitempty"`
	Stdin              bool             `json:"stdin,omitempty"`
	StdinOnce          bool             `json:"stdinOnce,omitempty"`
	TTY                bool             `json:"tty,omitempty"`
	ResizePolicy       []map[string]any `json:"resizePolicy,omitempty"`
	RestartPolicyRules []map[string]any `json:"restartPolicyRules,omitempty"`
	VolumeDevices      []map[string]any `json:"volumeDevices,omitempty"`
}

// ContainerPort is core/v1 ContainerPort.
type ContainerPort struct {
	Name          string `json:"name,omitempty"`
	HostPort      int32  `json:"hostPort,omitempty"`
	ContainerPort int32  `json:"containerPort"`
	Protocol      string `json:"protocol,omitempty"`
	HostIP        string `json:"hostIP,omitempty"`
}

// EnvVar is core/v1 EnvVar; valueFrom is kept free-form.
type EnvVar struct {
	Name      string         `json:"name"`
	Value     string         `json:"value,omitempty"`
	ValueFrom map[string]any `json:"valueFrom,omitempty"`
}

// ResourceRequirements keeps quantities as the strings the user wrote.
type ResourceRequirements struct {
	Limits   map[string]Quantity `json:"limits,omitempty"`
	Requests map[string]Quantity `json:"requests,omitempty"`
	Claims   []map[string]any    `json:"claims,omitempty"`
}

// VolumeMount is core/v1 VolumeMount.
type VolumeMount struct {
	Name              string  `json:"name"`
	ReadOnly          bool    `json:"readOnly,omitempty"`
	RecursiveReadOnly *string `json:"recursiveReadOnly,omitempty"`
	MountPath         string  `json:"mountPath"`
	SubPath           string  `json:"subPath,omitempty"`
	MountPropagation  *string `json:"mountPropagation,omitempty"`
	SubPathExpr       string  `json:"subPathExpr,omitempty"`
}

// Probe is core/v1 Probe; the handler is kept free-form.
type Probe struct {
	Exec                          map[string]any `json:"exec,omitempty"`
	HTTPGet                       map[string]any `json:"httpGet,omitempty"`
	TCPSocket                     map[string]any `json:"tcpSocket,omitempty"`
	GRPC                          map[string]any `json:"grpc,omitempty"`
	InitialDelaySeconds           int32          `json:"initialDelaySeconds,omitempty"`
	TimeoutSeconds                int32          `json:"timeoutSeconds,omitempty"`
	PeriodSeconds                 int32          `json:"periodSeconds,omitempty"`
	SuccessThreshold              int32          `json:"successThreshold,omitempty"`
	FailureThreshold              int32          `json:"failureThreshold,omitempty"`
	TerminationGracePeriodSeconds *int64         `json:"terminationGracePeriodSeconds,omitempty"`
}

// Pod is core/v1 Pod. Busy clusters copy pods for every status write, so it stays within the
// allocator's 384-byte size class (TestPodFitsTheAllocatorsSmallSize): no TypeMeta (the encoder writes apiVersion and kind from
// the type), and the status fields the simulator never sets sit behind a pointer.
type Pod struct {
	ObjectMeta `json:"metadata,omitempty"`
	Spec       *PodSpec  `json:"spec,omitempty"`
	Status     PodStatus `json:"status,omitempty"`
}

// Pod phases.
const (
	PodPending   = "Pending"
	PodRunning   = "Running"
	PodSucceeded = "Succeeded"
	PodFailed    = "Failed"
	PodUnknown   = "Unknown"
)

// PodStatus is core/v1 PodStatus.
type PodStatus struct {
	ObservedGeneration int64             `json:"observedGeneration,omitempty"`
	Phase              string            `json:"phase,omitempty"`
	Conditions         []PodCondition    `json:"conditions,omitempty"`
	HostIP             string            `json:"hostIP,omitempty"`
	HostIPs            []PodIP           `json:"hostIPs,omitempty"`
	PodIP              string            `json:"podIP,omitempty"`
	PodIPs             []PodIP           `json:"podIPs,omitempty"`
	StartTime          *Time             `json:"startTime,omitempty"`
	ContainerStatuses  []ContainerStatus `json:"containerStatuses,omitempty"`
	QOSClass           string            `json:"qosClass,omitempty"`
	*PodStatusUnused
}

// PodStatusUnused holds status fields the simulator never sets, behind a pointer in PodStatus
// (its fields are inlined in JSON), kept so that `get -o yaml` output of a real cluster
// decodes: every status write copies the status.
type PodStatusUnused struct {
	Message                    string            `json:"message,omitempty"`
	Reason                     string            `json:"reason,omitempty"`
	NominatedNodeName          string            `json:"nominatedNodeName,omitempty"`
	InitContainerStatuses      []ContainerStatus `json:"initContainerStatuses,omitempty"`
	EphemeralContainerStatuses []map[string]any  `json:"ephemeralContainerStatuses,omitempty"`
	Resize                     string            `json:"resize,omitempty"`
	ResourceClaimStatuses      []map[string]any  `json:"resourceClaimStatuses,omitempty"`
}

// PodIP is one entry of status.podIPs.
type PodIP struct {
	IP string `json:"ip"`
}

// Pod condition types.
const (
	PodScheduled    = "PodScheduled"
	PodInitialized  = "Initialized"
	ContainersReady = "ContainersReady"
	PodReady        = "Ready"
)

// PodCondition is one entry of a pod's status.conditions.
type PodCondition struct {
	Type               string `json:"type"`
	ObservedGeneration int64  `json:"observedGeneration,omitempty"`
	Status             string `json:"status"`
	LastProbeTime      *Time  `json:"lastProbeTime"`
	LastTransitionTime Time   `json:"lastTransitionTime,omitempty"`
	Reason             string `json:"reason,omitempty"`
	Message            string `json:"message,omitempty"`
}

// ContainerStatus is core/v1 ContainerStatus.
type ContainerStatus struct {
	Name                 string         `json:"name"`
	State                ContainerState `json:"state,omitempty"`
	LastTerminationState ContainerState `json:"lastState,omitempty"`
	Ready                bool           `json:"ready"`
	RestartCount         int32          `json:"restartCount"`
	Image                string         `json:"image"`
	ImageID              string         `json:"imageID"`
	ContainerID          string         `json:"containerID,omitempty"`
	Started              *bool          `json:"started,omitempty"`
	// Free-form fields of newer releases.
	AllocatedResources       map[string]Quantity `json:"allocatedResources,omitempty"`
	Resources                map[string]any      `json:"resources,omitempty"`
	VolumeMounts             []map[string]any    `json:"volumeMounts,omitempty"`
	User                     map[string]any      `json:"user,omitempty"`
	AllocatedResourcesStatus []map[string]any    `json:"allocatedResourcesStatus,omitempty"`
	StopSignal               string              `json:"stopSignal,omitempty"`
}

// ContainerState holds at most one of its members.
type ContainerState struct {
	Waiting    *ContainerStateWaiting    `json:"waiting,omitempty"`
	Running    *ContainerStateRunning    `json:"running,omitempty"`
	Terminated *ContainerStateTerminated `json:"terminated,omitempty"`
}

// ContainerStateWaiting is a waiting container's reason and message.
type ContainerStateWaiting struct {
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
}

// ContainerStateRunning says since when the container runs.
type ContainerStateRunning struct {
	StartedAt Time `json:"startedAt,omitempty"`
}

// ContainerStateTerminated describes a finished container.
type ContainerStateTerminated struct {
	ExitCode    int32  `json:"exitCode"`
	Signal      int32  `json:"signal,omitempty"`
	Reason      string `json:"reason,omitempty"`
	Message     string `json:"message,omitempty"`
	StartedAt   Time   `json:"startedAt,omitempty"`
	FinishedAt  Time   `json:"finishedAt,omitempty"`
	ContainerID string `json:"containerID,omitempty"`
}

// Node is core/v1 Node (the subset shown by get/describe).
type Node struct {
	TypeMeta
	ObjectMeta `json:"metadata,omitempty"`
	Spec       NodeSpec   `json:"spec,omitempty"`
	Status     NodeStatus `json:"status,omitempty"`
}

// NodeSpec is core/v1 NodeSpec.
type NodeSpec struct {
	PodCIDR       string  `json:"podCIDR,omitempty"`
	Unschedulable bool    `json:"unschedulable,omitempty"`
	Taints        []Taint `json:"taints,omitempty"`
}

// Taint is core/v1 Taint.
type Taint struct {
	Key    string `json:"key"`
	Value  string `json:"value,omitempty"`
	Effect string `json:"effect"`
}

// NodeStatus is core/v1 NodeStatus.
type NodeStatus struct {
	Capacity    map[string]Quantity `json:"capacity,omitempty"`
	Allocatable map[string]Quantity `json:"allocatable,omitempty"`
	Conditions  []NodeCondition     `json:"conditions,omitempty"`
	Addresses   []NodeAddress       `json:"addresses,omitempty"`
	NodeInfo    NodeSystemInfo      `json:"nodeInfo,omitempty"`
}

// NodeCondition is one entry of a node's status.conditions.
type NodeCondition struct {
	Type               string `json:"type"`
	Status             string `json:"status"`
	LastHeartbeatTime  Time   `json:"lastHeartbeatTime,omitempty"`
	LastTransitionTime Time   `json:"lastTransitionTime,omitempty"`
	Reason             string `json:"reason,omitempty"`
	Message            string `json:"message,omitempty"`
}

// NodeAddress is one entry of a node's status.addresses.
type NodeAddress struct {
	Type    string `json:"type"`
	Address string `json:"address"`
}

// NodeSystemInfo is the part of nodeInfo that `get nodes -o wide` shows.
type NodeSystemInfo struct {
	KubeletVersion          string `json:"kubeletVersion"`
	OSImage                 string `json:"osImage"`
	KernelVersion           string `json:"kernelVersion"`
	ContainerRuntimeVersion string `json:"containerRuntimeVersion"`
	OperatingSystem         string `json:"operatingSystem"`
	Architecture            string `json:"architecture"`
}

// Event is core/v1 Event. Only the recorder makes events (they are never decoded), and the
// encoder writes apiVersion and kind from the type, so it goes without TypeMeta: at 512 bytes
// the allocator handles each of the many events more cheaply.
type Event struct {
	ObjectMeta          `json:"metadata,omitempty"`
	InvolvedObject      ObjectReference `json:"involvedObject"`
	Reason              string          `json:"reason,omitempty"`
	Message             string          `json:"message,omitempty"`
	Source              EventSource     `json:"source,omitempty"`
	FirstTimestamp      Time            `json:"firstTimestamp,omitempty"`
	LastTimestamp       Time            `json:"lastTimestamp,omitempty"`
	Count               int32           `json:"count,omitempty"`
	Type                string          `json:"type,omitempty"`
	ReportingController string          `json:"reportingComponent"`
	ReportingInstance   string          `json:"reportingInstance"`
}

// ObjectReference names the object an event is about.
type ObjectReference struct {
	Kind            string `json:"kind,omitempty"`
	Namespace       string `json:"namespace,omitempty"`
	Name            string `json:"name,omitempty"`
	UID             string `json:"uid,omitempty"`
	APIVersion      string `json:"apiVersion,omitempty"`
	ResourceVersion string `json:"resourceVersion,omitempty"`
	FieldPath       string `json:"fieldPath,omitempty"`
}

// EventSource is the component (and host) that reported an event.
type EventSource struct {
	Component string `json:"component,omitempty"`
	Host      string `json:"host,omitempty"`
}

// Event types.
const (
	EventNormal  = "Normal"
	EventWarning = "Warning"
)
