package kubectl

import (
	"sort"
	"strings"
)

// The schema `kubectl explain` reads: the apps/v1 and core/v1 types a learner meets, with the
// field descriptions the API server publishes in its OpenAPI document. Types marked opaque are
// named (their description is known) but their fields are not modelled.

// schemaType is one object type of the schema.
type schemaType struct {
	name     string
	desc     string
	fields   map[string]*schemaField
	names    []string // field names in the order explain lists them (byte order)
	required map[string]bool
	opaque   bool
}

// schemaField is one property of a type.
type schemaField struct {
	name string
	typ  string // as explain prints it between < >: integer, []Container, map[string]string …
	ref  string // the type the field holds (for []T and map[string]T too), "" for scalars
	desc string
	enum []string // the values an enum field allows, in the OpenAPI's (alphabetical) order
}

var schemaTypes = map[string]*schemaType{}

func defType(name, desc string, required []string, fields ...*schemaField) *schemaType {
	t := &schemaType{name: name, desc: desc, fields: map[string]*schemaField{}, required: map[string]bool{}}
	for _, f := range fields {
		t.fields[f.name] = f
		t.names = append(t.names, f.name)
	}
	sort.Strings(t.names)
	for _, r := range required {
		t.required[r] = true
	}
	t.opaque = len(fields) == 0
	schemaTypes[name] = t
	return t
}

// fld is a scalar field; rf a field holding another type (typ says how: T, []T or map[string]T).
func fld(name, typ, desc string) *schemaField { return &schemaField{name: name, typ: typ, desc: desc} }

func rf(name, typ, ref, desc string) *schemaField {
	return &schemaField{name: name, typ: typ, ref: ref, desc: desc}
}

// withEnum makes f an enum field: the OpenAPI generator appends the "Possible enum values"
// block (written from the comments of a +enum type's constants) to the field's description,
// and explain lists the values the block names.
func withEnum(f *schemaField, values string) *schemaField {
	f.desc += "\n\nPossible enum values:\n" + values
	for _, line := range strings.Split(values, "\n") {
		if v, ok := strings.CutPrefix(line, " - `\""); ok {
			name, _, _ := strings.Cut(v, "\"")
			f.enum = append(f.enum, name)
		}
	}
	return f
}

const (
	docAPIVersion = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
	docKind       = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
	docMetadata   = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
	docMinReady   = "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)"
	docProbeMore  = " More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes"
	docCmdArgs    = " The container image's %s is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell"
	// The "Possible enum values" blocks, verbatim from the k8s.io/api OpenAPI v3 descriptions.
	enumStrategy   = " - `\"Recreate\"` Kill all existing pods before creating new ones.\n - `\"RollingUpdate\"` Replace the old ReplicaSets by new one using rolling update i.e gradually scale down the old ReplicaSets and scale up the new one."
	enumPullPolicy = " - `\"Always\"` means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.\n - `\"IfNotPresent\"` means that kubelet pulls if the image isn't present on disk. Container will fail if the image isn't present and the pull fails.\n - `\"Never\"` means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn't present"
	enumTermMsg    = " - `\"FallbackToLogsOnError\"` will read the most recent contents of the container logs for the container status message when the container exits with an error and the terminationMessagePath has no contents.\n - `\"File\"` is the default behavior and will set the container status message to the contents of the container's terminationMessagePath when the container exits."
	enumProtocol   = " - `\"SCTP\"` is the SCTP protocol.\n - `\"TCP\"` is the TCP protocol.\n - `\"UDP\"` is the UDP protocol."
	enumRestart    = " - `\"Always\"`\n - `\"Never\"`\n - `\"OnFailure\"`"
	enumDNSPolicy  = " - `\"ClusterFirst\"` indicates that the pod should use cluster DNS first unless hostNetwork is true, if it is available, then fall back on the default (as determined by kubelet) DNS settings.\n - `\"ClusterFirstWithHostNet\"` indicates that the pod should use cluster DNS first, if it is available, then fall back on the default (as determined by kubelet) DNS settings.\n - `\"Default\"` indicates that the pod should use the default (as determined by kubelet) DNS settings.\n - `\"None\"` indicates that the pod should use empty DNS settings. DNS parameters such as nameservers and search paths should be defined via DNSConfig."
	enumPreemption = " - `\"Never\"` means that pod never preempts other pods with lower priority.\n - `\"PreemptLowerPriority\"` means that pod can preempt other pods with lower priority."
	docSpecStatus  = " More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
)

func init() {
	// meta/v1 and friends: described, fields not modelled.
	defType("ObjectMeta", "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.", nil)
	defType("Time", "", nil)
	defType("IntOrString", "", nil)
	defType("Affinity", "Affinity is a group of affinity scheduling rules.", nil)
	defType("PodStatus", "PodStatus represents information about the status of a pod. Status may trail the actual state of a system, especially if the node that hosts the pod cannot contact the control plane.", nil)

	defType("LabelSelector", "A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.", nil,
		rf("matchExpressions", "[]LabelSelectorRequirement", "LabelSelectorRequirement", "matchExpressions is a list of label selector requirements. The requirements are ANDed."),
		fld("matchLabels", "map[string]string", "matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is \"key\", the operator is \"In\", and the values array contains only \"value\". The requirements are ANDed."),
	)
	defType("LabelSelectorRequirement", "A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.", []string{"key", "operator"},
		fld("key", "string", "key is the label key that the selector applies to."),
		fld("operator", "string", "operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist."),
		fld("values", "[]string", "values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch."),
	)

	// apps/v1 Deployment
	defType("Deployment", "Deployment enables declarative updates for Pods and ReplicaSets.", nil,
		fld("apiVersion", "string", docAPIVersion),
		fld("kind", "string", docKind),
		rf("metadata", "ObjectMeta", "ObjectMeta", docMetadata),
		rf("spec", "DeploymentSpec", "DeploymentSpec", "Specification of the desired behavior of the Deployment."),
		rf("status", "DeploymentStatus", "DeploymentStatus", "Most recently observed status of the Deployment."),
	)
	defType("DeploymentSpec", "DeploymentSpec is the specification of the desired behavior of the Deployment.", []string{"selector", "template"},
		fld("minReadySeconds", "integer", docMinReady),
		fld("paused", "boolean", "Indicates that the deployment is paused."),
		fld("progressDeadlineSeconds", "integer", "The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s."),
		fld("replicas", "integer", "Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1."),
		fld("revisionHistoryLimit", "integer", "The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10."),
		rf("selector", "LabelSelector", "LabelSelector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels."),
		rf("strategy", "DeploymentStrategy", "DeploymentStrategy", "The deployment strategy to use to replace existing pods with new ones."),
		rf("template", "PodTemplateSpec", "PodTemplateSpec", "Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is \"Always\"."),
	)
	defType("DeploymentStrategy", "DeploymentStrategy describes how to replace existing pods with new ones.", nil,
		rf("rollingUpdate", "RollingUpdateDeployment", "RollingUpdateDeployment", "Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate."),
		withEnum(fld("type", "string", "Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is RollingUpdate."), enumStrategy),
	)
	defType("RollingUpdateDeployment", "Spec to control the desired behavior of rolling update.", nil,
		rf("maxSurge", "IntOrString", "IntOrString", "The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up. Defaults to 25%. Example: when this is set to 30%, the new ReplicaSet can be scaled up immediately when the rolling update starts, such that the total number of old and new pods do not exceed 130% of desired pods. Once old pods have been killed, new ReplicaSet can be scaled up further, ensuring that total number of pods running at any time during the update is at most 130% of desired pods."),
		rf("maxUnavailable", "IntOrString", "IntOrString", "The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Absolute number is calculated from percentage by rounding down. This can not be 0 if MaxSurge is 0. Defaults to 25%. Example: when this is set to 30%, the old ReplicaSet can be scaled down to 70% of desired pods immediately when the rolling update starts. Once new pods are ready, old ReplicaSet can be scaled down further, followed by scaling up the new ReplicaSet, ensuring that the total number of pods available at all times during the update is at least 70% of desired pods."),
	)
	defType("DeploymentStatus", "DeploymentStatus is the most recently observed status of the Deployment.", nil,
		fld("availableReplicas", "integer", "Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment."),
		fld("collisionCount", "integer", "Count of hash collisions for the Deployment. The Deployment controller uses this field as a collision avoidance mechanism when it needs to create the name for the newest ReplicaSet."),
		rf("conditions", "[]DeploymentCondition", "DeploymentCondition", "Represents the latest available observations of a deployment's current state."),
		fld("observedGeneration", "integer", "The generation observed by the deployment controller."),
		fld("readyReplicas", "integer", "Total number of non-terminating pods targeted by this Deployment with a Ready Condition."),
		fld("replicas", "integer", "Total number of non-terminating pods targeted by this deployment (their labels match the selector)."),
		fld("terminatingReplicas", "integer", "Total number of terminating pods targeted by this deployment. Terminating pods have a non-null .metadata.deletionTimestamp and have not yet reached the Failed or Succeeded .status.phase.\n\nThis is a beta field and requires enabling DeploymentReplicaSetTerminatingReplicas feature (enabled by default)."),
		fld("unavailableReplicas", "integer", "Total number of unavailable pods targeted by this deployment. This is the total number of pods that are still required for the deployment to have 100% available capacity. They may either be pods that are running but not yet available or pods that still have not been created."),
		fld("updatedReplicas", "integer", "Total number of non-terminating pods targeted by this deployment that have the desired template spec."),
	)
	defType("DeploymentCondition", "DeploymentCondition describes the state of a deployment at a certain point.", []string{"type", "status"},
		fld("lastTransitionTime", "string", "Last time the condition transitioned from one status to another."),
		fld("lastUpdateTime", "string", "The last time this condition was updated."),
		fld("message", "string", "A human readable message indicating details about the transition."),
		fld("reason", "string", "The reason for the condition's last transition."),
		fld("status", "string", "Status of the condition, one of True, False, Unknown."),
		fld("type", "string", "Type of deployment condition."),
	)

	// apps/v1 ReplicaSet
	defType("ReplicaSet", "ReplicaSet ensures that a specified number of pod replicas are running at any given time.", nil,
		fld("apiVersion", "string", docAPIVersion),
		fld("kind", "string", docKind),
		rf("metadata", "ObjectMeta", "ObjectMeta", "If the Labels of a ReplicaSet are empty, they are defaulted to be the same as the Pod(s) that the ReplicaSet manages. "+docMetadata),
		rf("spec", "ReplicaSetSpec", "ReplicaSetSpec", "Spec defines the specification of the desired behavior of the ReplicaSet."+docSpecStatus),
		rf("status", "ReplicaSetStatus", "ReplicaSetStatus", "Status is the most recently observed status of the ReplicaSet. This data may be out of date by some window of time. Populated by the system. Read-only."+docSpecStatus),
	)
	defType("ReplicaSetSpec", "ReplicaSetSpec is the specification of a ReplicaSet.", []string{"selector"},
		fld("minReadySeconds", "integer", docMinReady),
		fld("replicas", "integer", "Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset"),
		rf("selector", "LabelSelector", "LabelSelector", "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"),
		rf("template", "PodTemplateSpec", "PodTemplateSpec", "Template is the object that describes the pod that will be created if insufficient replicas are detected. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#pod-template"),
	)
	defType("ReplicaSetStatus", "ReplicaSetStatus represents the current status of a ReplicaSet.", []string{"replicas"},
		fld("availableReplicas", "integer", "The number of available non-terminating pods (ready for at least minReadySeconds) for this replica set."),
		rf("conditions", "[]ReplicaSetCondition", "ReplicaSetCondition", "Represents the latest available observations of a replica set's current state."),
		fld("fullyLabeledReplicas", "integer", "The number of non-terminating pods that have labels matching the labels of the pod template of the replicaset."),
		fld("observedGeneration", "integer", "ObservedGeneration reflects the generation of the most recently observed ReplicaSet."),
		fld("readyReplicas", "integer", "The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition."),
		fld("replicas", "integer", "Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset"),
		fld("terminatingReplicas", "integer", "The number of terminating pods for this replica set. Terminating pods have a non-null .metadata.deletionTimestamp and have not yet reached the Failed or Succeeded .status.phase.\n\nThis is a beta field and requires enabling DeploymentReplicaSetTerminatingReplicas feature (enabled by default)."),
	)
	defType("ReplicaSetCondition", "ReplicaSetCondition describes the state of a replica set at a certain point.", []string{"type", "status"},
		fld("lastTransitionTime", "string", "The last time the condition transitioned from one status to another."),
		fld("message", "string", "A human readable message indicating details about the transition."),
		fld("reason", "string", "The reason for the condition's last transition."),
		fld("status", "string", "Status of the condition, one of True, False, Unknown."),
		fld("type", "string", "Type of replica set condition."),
	)

	// core/v1 Pod and its template
	defType("Pod", "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.", nil,
		fld("apiVersion", "string", docAPIVersion),
		fld("kind", "string", docKind),
		rf("metadata", "ObjectMeta", "ObjectMeta", docMetadata),
		rf("spec", "PodSpec", "PodSpec", "Specification of the desired behavior of the pod."+docSpecStatus),
		rf("status", "PodStatus", "PodStatus", "Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only."+docSpecStatus),
	)
	defType("PodTemplateSpec", "PodTemplateSpec describes the data a pod should have when created from a template", nil,
		rf("metadata", "ObjectMeta", "ObjectMeta", docMetadata),
		rf("spec", "PodSpec", "PodSpec", "Specification of the desired behavior of the pod."+docSpecStatus),
	)
	defType("PodSpec", "PodSpec is a description of a pod.", []string{"containers"},
		fld("activeDeadlineSeconds", "integer", "Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers. Value must be a positive integer."),
		rf("affinity", "Affinity", "Affinity", "If specified, the pod's scheduling constraints"),
		fld("automountServiceAccountToken", "boolean", "AutomountServiceAccountToken indicates whether a service account token should be automatically mounted."),
		rf("containers", "[]Container", "Container", "List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated."),
		rf("dnsConfig", "PodDNSConfig", "PodDNSConfig", "Specifies the DNS parameters of a pod. Parameters specified here will be merged to the generated DNS configuration based on DNSPolicy."),
		withEnum(fld("dnsPolicy", "string", "Set DNS policy for the pod. Defaults to \"ClusterFirst\". Valid values are 'ClusterFirstWithHostNet', 'ClusterFirst', 'Default' or 'None'. DNS parameters given in DNSConfig will be merged with the policy selected with DNSPolicy. To have DNS options set along with hostNetwork, you have to specify DNS policy explicitly to 'ClusterFirstWithHostNet'."), enumDNSPolicy),
		fld("enableServiceLinks", "boolean", "EnableServiceLinks indicates whether information about services should be injected into pod's environment variables, matching the syntax of Docker links. Optional: Defaults to true."),
		rf("ephemeralContainers", "[]EphemeralContainer", "EphemeralContainer", "List of ephemeral containers run in this pod. Ephemeral containers may be run in an existing pod to perform user-initiated actions such as debugging. This list cannot be specified when creating a pod, and it cannot be modified by updating the pod spec. In order to add an ephemeral container to an existing pod, use the pod's ephemeralcontainers subresource."),
		rf("hostAliases", "[]HostAlias", "HostAlias", "HostAliases is an optional list of hosts and IPs that will be injected into the pod's hosts file if specified."),
		fld("hostIPC", "boolean", "Use the host's ipc namespace. Optional: Default to false."),
		fld("hostNetwork", "boolean", "Host networking requested for this pod. Use the host's network namespace. When using HostNetwork you should specify ports so the scheduler is aware. When `hostNetwork` is true, specified `hostPort` fields in port definitions must match `containerPort`, and unspecified `hostPort` fields in port definitions are defaulted to match `containerPort`. Default to false."),
		fld("hostPID", "boolean", "Use the host's pid namespace. Optional: Default to false."),
		fld("hostUsers", "boolean", "Use the host's user namespace. Optional: Default to true. If set to true or not present, the pod will be run in the host user namespace, useful for when the pod needs a feature only available to the host user namespace, such as loading a kernel module with CAP_SYS_MODULE. When set to false, a new userns is created for the pod. Setting false is useful for mitigating container breakout vulnerabilities even allowing users to run their containers as root without actually having root privileges on the host. This field is alpha-level and is only honored by servers that enable the UserNamespacesSupport feature."),
		fld("hostname", "string", "Specifies the hostname of the Pod If not specified, the pod's hostname will be set to a system-defined value."),
		fld("hostnameOverride", "string", "HostnameOverride specifies an explicit override for the pod's hostname as perceived by the pod. This field only specifies the pod's hostname and does not affect its DNS records. When this field is set to a non-empty string: - It takes precedence over the values set in `hostname` and `subdomain`. - The Pod's hostname will be set to this value. - `setHostnameAsFQDN` must be nil or set to false. - `hostNetwork` must be set to false.\n\nThis field must be a valid DNS subdomain as defined in RFC 1123 and contain at most 64 characters. Requires the HostnameOverride feature gate to be enabled."),
		rf("imagePullSecrets", "[]LocalObjectReference", "LocalObjectReference", "ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec. If specified, these secrets will be passed to individual puller implementations for them to use. More info: https://kubernetes.io/docs/concepts/containers/images#specifying-imagepullsecrets-on-a-pod"),
		rf("initContainers", "[]Container", "Container", "List of initialization containers belonging to the pod. Init containers are executed in order prior to containers being started. If any init container fails, the pod is considered to have failed and is handled according to its restartPolicy. The name for an init container or normal container must be unique among all containers. Init containers may not have Lifecycle actions, Readiness probes, Liveness probes, or Startup probes. The resourceRequirements of an init container are taken into account during scheduling by finding the highest request/limit for each resource type, and then using the max of that value or the sum of the normal containers. Limits are applied to init containers in a similar fashion. Init containers cannot currently be added or removed. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/"),
		fld("nodeName", "string", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename"),
		fld("nodeSelector", "map[string]string", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
		rf("os", "PodOS", "PodOS", "Specifies the OS of the containers in the pod. Some pod and container fields are restricted if this is set.\n\nIf the OS field is set to linux, the following fields must be unset: -securityContext.windowsOptions\n\nIf the OS field is set to windows, following fields must be unset: - spec.hostPID - spec.hostIPC - spec.hostUsers - spec.resources - spec.securityContext.appArmorProfile - spec.securityContext.seLinuxOptions - spec.securityContext.seccompProfile - spec.securityContext.fsGroup - spec.securityContext.fsGroupChangePolicy - spec.securityContext.sysctls - spec.shareProcessNamespace - spec.securityContext.runAsUser - spec.securityContext.runAsGroup - spec.securityContext.supplementalGroups - spec.securityContext.supplementalGroupsPolicy - spec.containers[*].securityContext.appArmorProfile - spec.containers[*].securityContext.seLinuxOptions - spec.containers[*].securityContext.seccompProfile - spec.containers[*].securityContext.capabilities - spec.containers[*].securityContext.readOnlyRootFilesystem - spec.containers[*].securityContext.privileged - spec.containers[*].securityContext.allowPrivilegeEscalation - spec.containers[*].securityContext.procMount - spec.containers[*].securityContext.runAsUser - spec.containers[*].securityContext.runAsGroup"),
		rf("overhead", "map[string]Quantity", "Quantity", "Overhead represents the resource overhead associated with running a pod for a given RuntimeClass. This field will be autopopulated at admission time by the RuntimeClass admission controller. If the RuntimeClass admission controller is enabled, overhead must not be set in Pod create requests. The RuntimeClass admission controller will reject Pod create requests which have the overhead already set. If RuntimeClass is configured and selected in the PodSpec, Overhead will be set to the value defined in the corresponding RuntimeClass, otherwise it will remain unset and treated as zero. More info: https://git.k8s.io/enhancements/keps/sig-node/688-pod-overhead/README.md"),
		withEnum(fld("preemptionPolicy", "string", "PreemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset."), enumPreemption),
		fld("priority", "integer", "The priority value. Various system components use this field to find the priority of the pod. When Priority Admission Controller is enabled, it prevents users from setting this field. The admission controller populates this field from PriorityClassName. The higher the value, the higher the priority."),
		fld("priorityClassName", "string", "If specified, indicates the pod's priority. \"system-node-critical\" and \"system-cluster-critical\" are two special keywords which indicate the highest priorities with the former being the highest priority. Any other name must be defined by creating a PriorityClass object with that name. If not specified, the pod priority will be default or zero if there is no default."),
		rf("readinessGates", "[]PodReadinessGate", "PodReadinessGate", "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates"),
		rf("resourceClaims", "[]PodResourceClaim", "PodResourceClaim", "ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start. The resources will be made available to those containers which consume them by name.\n\nThis is a stable field but requires that the DynamicResourceAllocation feature gate is enabled.\n\nThis field is immutable."),
		rf("resources", "ResourceRequirements", "ResourceRequirements", "Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for \"cpu\", \"memory\" and \"hugepages-\" resource names only. ResourceClaims are not supported.\n\nThis field enables fine-grained control over resource allocation for the entire pod, allowing resource sharing among containers in a pod.\n\nThis is an alpha field and requires enabling the PodLevelResources feature gate."),
		withEnum(fld("restartPolicy", "string", "Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy"), enumRestart),
		fld("runtimeClassName", "string", "RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod.  If no RuntimeClass resource matches the named class, the pod will not be run. If unset or empty, the \"legacy\" RuntimeClass will be used, which is an implicit class with an empty definition that uses the default runtime handler. More info: https://git.k8s.io/enhancements/keps/sig-node/585-runtime-class"),
		fld("schedulerName", "string", "If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler."),
		rf("schedulingGates", "[]PodSchedulingGate", "PodSchedulingGate", "SchedulingGates is an opaque list of values that if specified will block scheduling the pod. If schedulingGates is not empty, the pod will stay in the SchedulingGated state and the scheduler will not attempt to schedule the pod.\n\nSchedulingGates can only be set at pod creation time, and be removed only afterwards."),
		rf("securityContext", "PodSecurityContext", "PodSecurityContext", "SecurityContext holds pod-level security attributes and common container settings. Optional: Defaults to empty.  See type description for default values of each field."),
		fld("serviceAccount", "string", "DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead."),
		fld("serviceAccountName", "string", "ServiceAccountName is the name of the ServiceAccount to use to run this pod. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"),
		fld("setHostnameAsFQDN", "boolean", "If true the pod's hostname will be configured as the pod's FQDN, rather than the leaf name (the default). In Linux containers, this means setting the FQDN in the hostname field of the kernel (the nodename field of struct utsname). In Windows containers, this means setting the registry value of hostname for the registry key HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\Tcpip\\\\Parameters to FQDN. If a pod does not have FQDN, this has no effect. Default to false."),
		fld("shareProcessNamespace", "boolean", "Share a single process namespace between all of the containers in a pod. When this is set containers will be able to view and signal processes from other containers in the same pod, and the first process in each container will not be assigned PID 1. HostPID and ShareProcessNamespace cannot both be set. Optional: Default to false."),
		fld("subdomain", "string", "If specified, the fully qualified Pod hostname will be \"<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>\". If not specified, the pod will not have a domainname at all."),
		fld("terminationGracePeriodSeconds", "integer", "Optional duration in seconds the pod needs to terminate gracefully. May be decreased in delete request. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). If this value is nil, the default grace period will be used instead. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. Defaults to 30 seconds."),
		rf("tolerations", "[]Toleration", "Toleration", "If specified, the pod's tolerations."),
		rf("topologySpreadConstraints", "[]TopologySpreadConstraint", "TopologySpreadConstraint", "TopologySpreadConstraints describes how a group of pods ought to spread across topology domains. Scheduler will schedule pods in a way which abides by the constraints. All topologySpreadConstraints are ANDed."),
		rf("volumes", "[]Volume", "Volume", "List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes"),
		rf("workloadRef", "WorkloadReference", "WorkloadReference", "WorkloadRef provides a reference to the Workload object that this Pod belongs to. This field is used by the scheduler to identify the PodGroup and apply the correct group scheduling policies. The Workload object referenced by this field may not exist at the time the Pod is created. This field is immutable, but a Workload object with the same name may be recreated with different policies. Doing this during pod scheduling may result in the placement not conforming to the expected policies."),
	)
	defType("Container", "A single application container that you want to run within a pod.", []string{"name"},
		fld("args", "[]string", "Arguments to the entrypoint."+sprintfDoc(docCmdArgs, "CMD")),
		fld("command", "[]string", "Entrypoint array. Not executed within a shell."+sprintfDoc(docCmdArgs, "ENTRYPOINT")),
		rf("env", "[]EnvVar", "EnvVar", "List of environment variables to set in the container. Cannot be updated."),
		rf("envFrom", "[]EnvFromSource", "EnvFromSource", "List of sources to populate environment variables in the container. The keys defined within a source may consist of any printable ASCII characters except '='. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated."),
		fld("image", "string", "Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets."),
		withEnum(fld("imagePullPolicy", "string", "Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images"), enumPullPolicy),
		rf("lifecycle", "Lifecycle", "Lifecycle", "Actions that the management system should take in response to container lifecycle events. Cannot be updated."),
		rf("livenessProbe", "Probe", "Probe", "Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated."+docProbeMore),
		fld("name", "string", "Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated."),
		rf("ports", "[]ContainerPort", "ContainerPort", "List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default \"0.0.0.0\" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated."),
		rf("readinessProbe", "Probe", "Probe", "Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated."+docProbeMore),
		rf("resizePolicy", "[]ContainerResizePolicy", "ContainerResizePolicy", "Resources resize policy for the container. This field cannot be set on ephemeral containers."),
		rf("resources", "ResourceRequirements", "ResourceRequirements", "Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"),
		fld("restartPolicy", "string", "RestartPolicy defines the restart behavior of individual containers in a pod. This overrides the pod-level restart policy. When this field is not specified, the restart behavior is defined by the Pod's restart policy and the container type. Additionally, setting the RestartPolicy as \"Always\" for the init container will have the following effect: this init container will be continually restarted on exit until all regular containers have terminated. Once all regular containers have completed, all init containers with restartPolicy \"Always\" will be shut down. This lifecycle differs from normal init containers and is often referred to as a \"sidecar\" container. Although this init container still starts in the init container sequence, it does not wait for the container to complete before proceeding to the next init container. Instead, the next init container starts immediately after this init container is started, or after any startupProbe has successfully completed."),
		rf("restartPolicyRules", "[]ContainerRestartRule", "ContainerRestartRule", "Represents a list of rules to be checked to determine if the container should be restarted on exit. The rules are evaluated in order. Once a rule matches a container exit condition, the remaining rules are ignored. If no rule matches the container exit condition, the Container-level restart policy determines the whether the container is restarted or not. Constraints on the rules: - At most 20 rules are allowed. - Rules can have the same action. - Identical rules are not forbidden in validations. When rules are specified, container MUST set RestartPolicy explicitly even it if matches the Pod's RestartPolicy."),
		rf("securityContext", "SecurityContext", "SecurityContext", "SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"),
		rf("startupProbe", "Probe", "Probe", "StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod's lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated."+docProbeMore),
		fld("stdin", "boolean", "Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false."),
		fld("stdinOnce", "boolean", "Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the first client attaches to stdin, and then remains open and accepts data until the client disconnects, at which time stdin is closed and remains closed until the container is restarted. If this flag is false, a container processes that reads from stdin will never receive an EOF. Default is false"),
		fld("terminationMessagePath", "string", "Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Message written is intended to be brief final status, such as an assertion failure message. Will be truncated by the node if greater than 4096 bytes. The total message length across all containers will be limited to 12kb. Defaults to /dev/termination-log. Cannot be updated."),
		withEnum(fld("terminationMessagePolicy", "string", "Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. The log output is limited to 2048 bytes or 80 lines, whichever is smaller. Defaults to File. Cannot be updated."), enumTermMsg),
		fld("tty", "boolean", "Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false."),
		rf("volumeDevices", "[]VolumeDevice", "VolumeDevice", "volumeDevices is the list of block devices to be used by the container."),
		rf("volumeMounts", "[]VolumeMount", "VolumeMount", "Pod volumes to mount into the container's filesystem. Cannot be updated."),
		fld("workingDir", "string", "Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated."),
	)
	defType("ContainerPort", "ContainerPort represents a network port in a single container.", []string{"containerPort"},
		fld("containerPort", "integer", "Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536."),
		fld("hostIP", "string", "What host IP to bind the external port to."),
		fld("hostPort", "integer", "Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this."),
		fld("name", "string", "If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services."),
		withEnum(fld("protocol", "string", "Protocol for port. Must be UDP, TCP, or SCTP. Defaults to \"TCP\"."), enumProtocol),
	)
	defType("ResourceRequirements", "ResourceRequirements describes the compute resource requirements.", nil,
		rf("claims", "[]ResourceClaim", "ResourceClaim", "Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.\n\nThis field depends on the DynamicResourceAllocation feature gate.\n\nThis field is immutable. It can only be set for containers."),
		rf("limits", "map[string]Quantity", "Quantity", "Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"),
		rf("requests", "map[string]Quantity", "Quantity", "Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"),
	)
	defType("Probe", "Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.", nil,
		rf("exec", "ExecAction", "ExecAction", "Exec specifies a command to execute in the container."),
		fld("failureThreshold", "integer", "Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1."),
		rf("grpc", "GRPCAction", "GRPCAction", "GRPC specifies a GRPC HealthCheckRequest."),
		rf("httpGet", "HTTPGetAction", "HTTPGetAction", "HTTPGet specifies an HTTP GET request to perform."),
		fld("initialDelaySeconds", "integer", "Number of seconds after the container has started before liveness probes are initiated."+docProbeMore),
		fld("periodSeconds", "integer", "How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1."),
		fld("successThreshold", "integer", "Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1."),
		rf("tcpSocket", "TCPSocketAction", "TCPSocketAction", "TCPSocket specifies a connection to a TCP port."),
		fld("terminationGracePeriodSeconds", "integer", "Optional duration in seconds the pod needs to terminate gracefully upon probe failure. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this value overrides the value provided by the pod spec. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate. Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset."),
		fld("timeoutSeconds", "integer", "Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1."+docProbeMore),
	)
}

func sprintfDoc(format, word string) string {
	for i := 0; i+1 < len(format); i++ {
		if format[i] == '%' && format[i+1] == 's' {
			return format[:i] + word + format[i+2:]
		}
	}
	return format
}
