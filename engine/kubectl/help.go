package kubectl

import "strings"

// Help texts in kubectl 1.37's layout (as printed when standard output is not a terminal, so
// nothing is re-wrapped): the long description, Examples (blank lines inside are two spaces),
// Available Commands, Options (each flag, then its description on a tab-indented line), Usage
// and the hints. Only the flags the playground honours are listed.

type helpDoc struct {
	long     string
	examples [][2]string // comment, command
	subs     [][2]string // name, short description
	options  [][2]string // flag as shown (e.g. "-o, --output=''"), description
	usage    string
	subHint  string // the command path for `Use "kubectl X <command> --help"`
}

func (h helpDoc) String() string {
	var b strings.Builder
	b.WriteString(h.long + "\n\n")
	if len(h.examples) > 0 {
		b.WriteString("Examples:\n")
		for i, e := range h.examples {
			if i > 0 {
				b.WriteString("  \n")
			}
			b.WriteString("  # " + e[0] + "\n  " + e[1] + "\n")
		}
		b.WriteString("\n")
	}
	if len(h.subs) > 0 {
		b.WriteString("Available Commands:\n")
		for _, s := range h.subs {
			b.WriteString("  " + rpad(s[0], 13) + " " + s[1] + "\n")
		}
		b.WriteString("\n")
	}
	if len(h.options) > 0 {
		b.WriteString("Options:\n")
		for _, o := range h.options {
			b.WriteString("    " + o[0] + ":\n\t" + o[1] + "\n\n")
		}
	}
	b.WriteString("Usage:\n  " + h.usage + "\n\n")
	if h.subHint != "" {
		b.WriteString("Use \"" + h.subHint + " <command> --help\" for more information about a given command.\n")
	}
	b.WriteString("Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n")
	return b.String()
}

func rpad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}

// Descriptions of flags shared by several commands.
const (
	optDryRun      = `Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.`
	optOutputWrite = `Output format. One of: (json, yaml, kyaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).`
	optSelector    = `Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.`
	optSelectorEq  = `Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.`
	optValidate    = `Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.`
	optAllNS       = `If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.`
)

var rootHelp = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller

Cluster Management Commands:
  cluster-info    Display cluster information

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource

Other Commands:
  api-resources   Print the supported API resources on the server
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

var createHelp = helpDoc{
	long: "Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.",
	examples: [][2]string{
		{"Create a pod using the data in pod.json", "kubectl create -f ./pod.json"},
		{"Create a deployment using the data in nginx-deployment.yaml", "kubectl create -f nginx-deployment.yaml"},
	},
	subs: [][2]string{{"deployment", "Create a deployment with the specified name"}},
	options: [][2]string{
		{"--dry-run='none'", optDryRun},
		{"-f, --filename=[]", "Filename, directory, or URL to files to use to create the resource"},
		{"-o, --output=''", optOutputWrite},
		{"--save-config=false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."},
		{"--validate='strict'", optValidate},
	},
	usage:   "kubectl create -f FILENAME [options]",
	subHint: "kubectl create",
}.String()

var createDeploymentHelp = helpDoc{
	long: "Create a deployment with the specified name.",
	examples: [][2]string{
		{"Create a deployment named my-dep that runs the busybox image", "kubectl create deployment my-dep --image=busybox"},
		{"Create a deployment named my-dep that runs the nginx image with 3 replicas", "kubectl create deployment my-dep --image=nginx --replicas=3"},
		{"Create a deployment named my-dep that runs the busybox image and expose port 5701", "kubectl create deployment my-dep --image=busybox --port=5701"},
	},
	options: [][2]string{
		{"--dry-run='none'", optDryRun},
		{"--image=[]", "Image names to run. A deployment can have multiple images set for multi-container pod."},
		{"-o, --output=''", optOutputWrite},
		{"--port=-1", "The containerPort that this deployment exposes."},
		{"-r, --replicas=1", "Number of replicas to create. Default is 1."},
	},
	usage: "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]",
}.String()

var applyHelp = helpDoc{
	long: "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.\n\n JSON and YAML formats are accepted.",
	examples: [][2]string{
		{"Apply the configuration in pod.json to a pod", "kubectl apply -f ./pod.json"},
		{"Apply the configuration in nginx-deployment.yaml to a deployment", "kubectl apply -f nginx-deployment.yaml"},
	},
	options: [][2]string{
		{"--dry-run='none'", optDryRun},
		{"-f, --filename=[]", "The files that contain the configurations to apply."},
		{"-o, --output=''", optOutputWrite},
		{"--validate='strict'", optValidate},
	},
	usage: "kubectl apply (-f FILENAME | -k DIRECTORY) [options]",
}.String()

var replaceHelp = helpDoc{
	long: "Replace a resource by file name or stdin.\n\n JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by\n\n  $ kubectl get TYPE NAME -o yaml",
	examples: [][2]string{
		{"Replace a pod using the data in pod.json", "kubectl replace -f ./pod.json"},
	},
	options: [][2]string{
		{"--dry-run='none'", optDryRun},
		{"-f, --filename=[]", "The files that contain the configurations to replace."},
		{"-o, --output=''", optOutputWrite},
		{"--validate='strict'", optValidate},
	},
	usage: "kubectl replace -f FILENAME [options]",
}.String()

var getHelp = helpDoc{
	long: "Display one or many resources.\n\n Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.\n\nUse \"kubectl api-resources\" for a complete list of supported resources.",
	examples: [][2]string{
		{"List all pods in ps output format", "kubectl get pods"},
		{"List all pods in ps output format with more information (such as node name)", "kubectl get pods -o wide"},
		{"List deployments in JSON output format, in the \"v1\" version of the \"apps\" API group", "kubectl get deployments.v1.apps -o json"},
		{"List all replica sets and watch them change", "kubectl get rs -w"},
		{"Return only the phase value of the specified pod", "kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}"},
	},
	options: [][2]string{
		{"-A, --all-namespaces=false", optAllNS},
		{"--allow-missing-template-keys=true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."},
		{"--ignore-not-found=false", "If set to true, suppresses NotFound error for specific objects that do not exist. Using this flag with commands that query for collections of resources has no effect when no resources are found."},
		{"--no-headers=false", "When using the default or custom-column output format, don't print headers (default print headers)."},
		{"-o, --output=''", "Output format. One of: (json, yaml, kyaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/]."},
		{"-l, --selector=''", optSelector},
		{"--show-labels=false", "When printing, show all labels as the last column (default hide labels column)"},
		{"--sort-by=''", "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string."},
		{"--template=''", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."},
		{"-w, --watch=false", "After listing/getting the requested object, watch for changes."},
	},
	usage: "kubectl get [(-o|--output=)json|yaml|kyaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
}.String()

var describeHelp = helpDoc{
	long: "Show details of a specific resource or group of resources.\n\n Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:\n\n  $ kubectl describe TYPE NAME_PREFIX\n  \n will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.\n\nUse \"kubectl api-resources\" for a complete list of supported resources.",
	examples: [][2]string{
		{"Describe a node", "kubectl describe nodes kubernetes-node-emt8.c.myproject.internal"},
		{"Describe a pod", "kubectl describe pods/nginx"},
		{"Describe all pods", "kubectl describe pods"},
		{"Describe pods by label name=myLabel", "kubectl describe pods -l name=myLabel"},
	},
	options: [][2]string{
		{"-A, --all-namespaces=false", optAllNS},
		{"-l, --selector=''", optSelector},
		{"--show-events=true", "If true, display events related to the described object."},
	},
	usage: "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
}.String()

var explainHelp = helpDoc{
	long: "Describe fields and structure of various resources.\n\n This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n\n        <type>.<fieldName>[.<fieldName>]\n        \n Information about each field is retrieved from the server in OpenAPI format.\n\nUse \"kubectl api-resources\" for a complete list of supported resources.",
	examples: [][2]string{
		{"Get the documentation of the resource and its fields", "kubectl explain pods"},
		{"Get all the fields in the resource", "kubectl explain pods --recursive"},
		{"Get the explanation for deployment in supported api versions", "kubectl explain deployments --api-version=apps/v1"},
		{"Get the documentation of a specific field of a resource", "kubectl explain pods.spec.containers"},
	},
	options: [][2]string{
		{"--api-version=''", "Use given api-version (group/version) of the resource."},
		{"-o, --output='plaintext'", "Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2)."},
		{"--recursive=false", "When true, print the name of all the fields recursively. Otherwise, print the available fields with their description."},
	},
	usage: "kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]",
}.String()

var editHelp = helpDoc{
	long: "Edit a resource from the default editor.\n\n The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. In this playground the object opens in the editor pane; saving it applies the change, and saving it unchanged (or empty) cancels the edit.\n\n Editing is done with the API version used to fetch the resource. If an error occurs while updating, the file is reopened with the errors in its header comment.",
	examples: [][2]string{
		{"Edit the deployment named 'nginx-deployment-controller'", "kubectl edit deployment/nginx-deployment-controller"},
		{"Use an alternative editor", "KUBE_EDITOR=\"nano\" kubectl edit svc/docker-registry"},
	},
	options: [][2]string{
		{"-f, --filename=[]", "Filename, directory, or URL to files to use to edit the resource"},
		{"-o, --output=''", optOutputWrite},
		{"--save-config=false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."},
		{"--validate='strict'", optValidate},
	},
	usage: "kubectl edit (RESOURCE/NAME | -f FILENAME) [options]",
}.String()

var scaleHelp = helpDoc{
	long: "Set a new size for a deployment, replica set, replication controller, or stateful set.\n\n Scale also allows users to specify one or more preconditions for the scale action.\n\n If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.",
	examples: [][2]string{
		{"Scale a replica set named 'foo' to 3", "kubectl scale --replicas=3 rs/foo"},
		{"If the deployment named mysql's current size is 2, scale mysql to 3", "kubectl scale --current-replicas=2 --replicas=3 deployment/mysql"},
	},
	options: [][2]string{
		{"--all=false", "Select all resources in the namespace of the specified resource types"},
		{"--current-replicas=-1", "Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition."},
		{"--dry-run='none'", optDryRun},
		{"-o, --output=''", optOutputWrite},
		{"--replicas=0", "The new desired number of replicas. Required."},
		{"-l, --selector=''", optSelectorEq},
	},
	usage: "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
}.String()

var setHelp = helpDoc{
	long: "Configure application resources.\n\n These commands help you make changes to existing application resources.",
	subs: [][2]string{
		{"env", "Update environment variables on a pod template"},
		{"image", "Update the image of a pod template"},
		{"resources", "Update resource requests/limits on objects with pod templates"},
	},
	usage:   "kubectl set SUBCOMMAND [options]",
	subHint: "kubectl set",
}.String()

var setImageHelp = helpDoc{
	long: "Update existing container image(s) of resources.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)",
	examples: [][2]string{
		{"Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'", "kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1"},
		{"Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'", "kubectl set image deployments,rc nginx=nginx:1.9.1 --all"},
		{"Update image of all containers of daemonset abc to 'nginx:1.9.1'", "kubectl set image daemonset abc *=nginx:1.9.1"},
	},
	options: [][2]string{
		{"--all=false", "Select all resources, in the namespace of the specified resource types"},
		{"--dry-run='none'", optDryRun},
		{"-f, --filename=[]", "Filename, directory, or URL to files identifying the resource to get from a server."},
		{"-o, --output=''", optOutputWrite},
		{"-l, --selector=''", optSelector},
	},
	usage: "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]",
}.String()

var setEnvHelp = helpDoc{
	long: "Update environment variables on a pod template.\n\n List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)",
	examples: [][2]string{
		{"Update deployment 'registry' with a new environment variable", "kubectl set env deployment/registry STORAGE_DIR=/local"},
		{"List the environment variables defined on a deployments 'sample-build'", "kubectl set env deployment/sample-build --list"},
		{"Remove the environment variable ENV from container 'c1' in all deployment configs", "kubectl set env deployments --all --containers=\"c1\" ENV-"},
		{"Set some of the local shell environment into a deployment config on the server", "env | grep RAILS_ | kubectl set env -e - deployment/registry"},
	},
	options: [][2]string{
		{"--all=false", "If true, select all resources in the namespace of the specified resource types"},
		{"-c, --containers='*'", "The names of containers in the selected pod templates to change - may use wildcards"},
		{"--dry-run='none'", optDryRun},
		{"-e, --env=[]", "Specify a key-value pair for an environment variable to set into each container."},
		{"-f, --filename=[]", "Filename, directory, or URL to files the resource to update the env"},
		{"--from=''", "The name of a resource from which to inject environment variables"},
		{"--keys=[]", "Comma-separated list of keys to import from specified resource"},
		{"--list=false", "If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env."},
		{"--local=false", "If true, set env will NOT contact api-server but run locally."},
		{"-o, --output=''", optOutputWrite},
		{"--overwrite=true", "If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment."},
		{"--prefix=''", "Prefix to append to variable names"},
		{"-l, --selector=''", optSelector},
	},
	usage: "kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]",
}.String()

var setResourcesHelp = helpDoc{
	long: "Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.\n\n For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.\n\n Possible resources include (case insensitive): replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset (sts).",
	examples: [][2]string{
		{"Set a deployments nginx container cpu limits to \"200m\" and memory to \"512Mi\"", "kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi"},
		{"Set the resource request and limits for all containers in nginx", "kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi"},
		{"Remove the resource requests for resources on containers in nginx", "kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0"},
	},
	options: [][2]string{
		{"--all=false", "Select all resources, in the namespace of the specified resource types"},
		{"-c, --containers='*'", "The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards"},
		{"--dry-run='none'", optDryRun},
		{"-f, --filename=[]", "Filename, directory, or URL to files identifying the resource to get from a server."},
		{"--limits=''", "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges."},
		{"--local=false", "If true, set resources will NOT contact api-server but run locally."},
		{"-o, --output=''", optOutputWrite},
		{"--requests=''", "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges."},
		{"-l, --selector=''", optSelector},
	},
	usage: "kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]",
}.String()

var deleteHelp = helpDoc{
	long: "Delete resources by file names, stdin, resources and names, or by resources and label selector.\n\n JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.\n\n Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1.",
	examples: [][2]string{
		{"Delete a pod using the type and name specified in pod.json", "kubectl delete -f ./pod.json"},
		{"Delete pods and services with label name=myLabel", "kubectl delete pods,services -l name=myLabel"},
		{"Delete a pod with minimal delay", "kubectl delete pod foo --now"},
		{"Delete all pods", "kubectl delete pods --all"},
	},
	options: [][2]string{
		{"--all=false", "Delete all resources, in the namespace of the specified resource types."},
		{"--dry-run='none'", optDryRun},
		{"-f, --filename=[]", "containing the resource to delete."},
		{"--force=false", "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation."},
		{"--grace-period=-1", "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion)."},
		{"--ignore-not-found=false", "Treat \"resource not found\" as a successful delete. Defaults to \"true\" when --all is specified."},
		{"--now=false", "If true, resources are signaled for immediate shutdown (same as --grace-period=1)."},
		{"-l, --selector=''", optSelector},
	},
	usage: "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
}.String()

var rolloutHelp = helpDoc{
	long: "Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets",
	examples: [][2]string{
		{"Rollback to the previous deployment", "kubectl rollout undo deployment/abc"},
		{"Check the rollout status of a daemonset", "kubectl rollout status daemonset/foo"},
		{"Restart a deployment", "kubectl rollout restart deployment/abc"},
		{"Restart deployments with the 'app=nginx' label", "kubectl rollout restart deployment --selector=app=nginx"},
	},
	subs: [][2]string{
		{"history", "View rollout history"},
		{"pause", "Mark the provided resource as paused"},
		{"restart", "Restart a resource"},
		{"resume", "Resume a paused resource"},
		{"status", "Show the status of the rollout"},
		{"undo", "Undo a previous rollout"},
	},
	usage:   "kubectl rollout SUBCOMMAND [options]",
	subHint: "kubectl rollout",
}.String()

var rolloutSubHelp = map[string]string{
	"history": helpDoc{
		long: "View previous rollout revisions and configurations.",
		examples: [][2]string{
			{"View the rollout history of a deployment", "kubectl rollout history deployment/abc"},
			{"View the details of daemonset revision 3", "kubectl rollout history daemonset/abc --revision=3"},
		},
		options: [][2]string{
			{"-f, --filename=[]", "Filename, directory, or URL to files identifying the resource to get from a server."},
			{"-o, --output=''", optOutputWrite},
			{"--revision=0", "See the details, including podTemplate of the revision specified"},
			{"-l, --selector=''", optSelector},
		},
		usage: "kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]",
	}.String(),
	"pause": helpDoc{
		long: "Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use \"kubectl rollout resume\" to resume a paused resource. Currently only deployments support being paused.",
		examples: [][2]string{
			{"Mark the nginx deployment as paused\n  # Any current state of the deployment will continue its function; new updates\n  # to the deployment will not have an effect as long as the deployment is paused", "kubectl rollout pause deployment/nginx"},
		},
		options: [][2]string{
			{"-f, --filename=[]", "Filename, directory, or URL to files identifying the resource to get from a server."},
			{"-l, --selector=''", optSelector},
		},
		usage: "kubectl rollout pause RESOURCE [options]",
	}.String(),
	"restart": helpDoc{
		long: "Restart a resource.\n\n        Resource rollout will be restarted.",
		examples: [][2]string{
			{"Restart all deployments in the test-namespace namespace", "kubectl rollout restart deployment -n test-namespace"},
			{"Restart a deployment", "kubectl rollout restart deployment/nginx"},
		},
		options: [][2]string{
			{"-f, --filename=[]", "Filename, directory, or URL to files identifying the resource to get from a server."},
			{"-l, --selector=''", optSelector},
		},
		usage: "kubectl rollout restart RESOURCE [options]",
	}.String(),
	"resume": helpDoc{
		long: "Resume a paused resource.\n\n Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.",
		examples: [][2]string{
			{"Resume an already paused deployment", "kubectl rollout resume deployment/nginx"},
		},
		options: [][2]string{
			{"-f, --filename=[]", "Filename, directory, or URL to files identifying the resource to get from a server."},
			{"-l, --selector=''", optSelector},
		},
		usage: "kubectl rollout resume RESOURCE [options]",
	}.String(),
	"status": helpDoc{
		long: "Show the status of the rollout.\n\n By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.",
		examples: [][2]string{
			{"Watch the rollout status of a deployment", "kubectl rollout status deployment/nginx"},
		},
		options: [][2]string{
			{"-f, --filename=[]", "Filename, directory, or URL to files identifying the resource to get from a server."},
			{"--revision=0", "Pin to a specific revision for showing its status. Defaults to 0 (last revision)."},
			{"-l, --selector=''", optSelector},
			{"--timeout=0s", "The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)."},
			{"-w, --watch=true", "Watch the status of the rollout until it's done."},
		},
		usage: "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]",
	}.String(),
	"undo": helpDoc{
		long: "Roll back to a previous rollout.",
		examples: [][2]string{
			{"Roll back to the previous deployment", "kubectl rollout undo deployment/abc"},
			{"Roll back to daemonset revision 3", "kubectl rollout undo daemonset/abc --to-revision=3"},
			{"Roll back to the previous deployment with dry-run", "kubectl rollout undo --dry-run=server deployment/abc"},
		},
		options: [][2]string{
			{"--dry-run='none'", optDryRun},
			{"-f, --filename=[]", "Filename, directory, or URL to files identifying the resource to get from a server."},
			{"-l, --selector=''", optSelector},
			{"--to-revision=0", "The revision to rollback to. Default to 0 (last revision)."},
		},
		usage: "kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]",
	}.String(),
}

var annotateHelp = helpDoc{
	long: "Update the annotations on one or more resources.\n\n All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.\n\n Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.\n\nUse \"kubectl api-resources\" for a complete list of supported resources.",
	examples: [][2]string{
		{"Update pod 'foo' with the annotation 'description' and the value 'my frontend'\n  # If the same annotation is set multiple times, only the last value will be applied", "kubectl annotate pods foo description='my frontend'"},
		{"Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value", "kubectl annotate --overwrite pods foo description='my frontend running nginx'"},
		{"Update pod 'foo' by removing an annotation named 'description' if it exists\n  # Does not require the --overwrite flag", "kubectl annotate pods foo description-"},
	},
	options: [][2]string{
		{"--all=false", "Select all resources, in the namespace of the specified resource types."},
		{"--dry-run='none'", optDryRun},
		{"--list=false", "If true, display the annotations for a given resource."},
		{"--overwrite=false", "If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations."},
		{"-l, --selector=''", optSelector},
	},
	usage: "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
}.String()

var labelHelp = helpDoc{
	long: "Update the labels on a resource.\n\n  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.\n  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.\n  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.",
	examples: [][2]string{
		{"Update pod 'foo' with the label 'unhealthy' and the value 'true'", "kubectl label pods foo unhealthy=true"},
		{"Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value", "kubectl label --overwrite pods foo status=unhealthy"},
		{"Update pod 'foo' by removing a label named 'bar' if it exists\n  # Does not require the --overwrite flag", "kubectl label pods foo bar-"},
	},
	options: [][2]string{
		{"--all=false", "Select all resources, in the namespace of the specified resource types"},
		{"--dry-run='none'", optDryRun},
		{"--list=false", "If true, display the labels for a given resource."},
		{"--overwrite=false", "If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels."},
		{"-l, --selector=''", optSelector},
	},
	usage: "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
}.String()

var patchHelp = helpDoc{
	long: "Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.\n\n JSON and YAML formats are accepted.\n\n Note: Strategic merge patch is not supported for custom resources.",
	examples: [][2]string{
		{"Partially update a node using a strategic merge patch, specifying the patch as JSON", "kubectl patch node k8s-node-1 -p '{\"spec\":{\"unschedulable\":true}}'"},
		{"Update a container's image using a JSON patch with positional arrays", "kubectl patch pod valid-pod --type='json' -p='[{\"op\": \"replace\", \"path\": \"/spec/containers/0/image\", \"value\":\"new image\"}]'"},
		{"Update a deployment's replicas through the 'scale' subresource using a merge patch", "kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{\"spec\":{\"replicas\":2}}'"},
	},
	options: [][2]string{
		{"--dry-run='none'", optDryRun},
		{"-o, --output=''", optOutputWrite},
		{"-p, --patch=''", "The patch to be applied to the resource JSON file."},
		{"--patch-file=''", "A file containing a patch to be applied to the resource."},
		{"--type='strategic'", "The type of patch being provided; one of [json merge strategic]"},
	},
	usage: "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
}.String()

var versionHelp = helpDoc{
	long: "Print the client and server version information for the current context.",
	examples: [][2]string{
		{"Print the client and server versions for the current context", "kubectl version"},
	},
	options: [][2]string{
		{"--client=false", "If true, shows client version only (no server required)."},
		{"-o, --output=''", "One of 'yaml' or 'json'."},
	},
	usage: "kubectl version [flags] [options]",
}.String()

var apiResourcesHelp = helpDoc{
	long: "Print the supported API resources on the server.",
	examples: [][2]string{
		{"Print the supported API resources", "kubectl api-resources"},
		{"Print the supported API resources with more information", "kubectl api-resources -o wide"},
		{"Print the supported API resources sorted by a column", "kubectl api-resources --sort-by=name"},
		{"Print the supported namespaced resources", "kubectl api-resources --namespaced=true"},
		{"Print the supported non-namespaced resources", "kubectl api-resources --namespaced=false"},
		{"Print the supported API resources with a specific APIGroup", "kubectl api-resources --api-group=rbac.authorization.k8s.io"},
	},
	options: [][2]string{
		{"--api-group=''", "Limit to resources in the specified API group."},
		{"--namespaced=true", "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default."},
		{"--no-headers=false", "When using the default or custom-column output format, don't print headers (default print headers)."},
		{"-o, --output=''", "Output format. One of: (wide, name)."},
		{"--sort-by=''", "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'."},
	},
	usage: "kubectl api-resources [flags] [options]",
}.String()

var clusterInfoHelp = helpDoc{
	long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
	examples: [][2]string{
		{"Print the address of the control plane and cluster services", "kubectl cluster-info"},
	},
	subs:    [][2]string{{"dump", "Dump relevant information for debugging and diagnosis"}},
	usage:   "kubectl cluster-info [flags] [options]",
	subHint: "kubectl cluster-info",
}.String()

var optionsHelp = `The following options can be passed to any command:

    --cluster='':
	The name of the kubeconfig cluster to use

    --context='':
	The name of the kubeconfig context to use

    --kubeconfig='':
	Path to the kubeconfig file to use for CLI requests.

    -n, --namespace='':
	If present, the namespace scope for this CLI request

    --request-timeout='0':
	The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.

    --user='':
	The name of the kubeconfig user to use

    -v, --v=0:
	number for the log level verbosity

`
