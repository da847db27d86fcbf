package kubelet

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rolloutlab/engine/api"
	"rolloutlab/engine/clock"
	"rolloutlab/engine/events"
	"rolloutlab/engine/store"
)

// Kubelet runs the pods bound to the simulated nodes.
type Kubelet struct {
	st  *store.Store
	rec struct {
		events                        *events.Broadcaster
		nodeController, taintEviction *events.Recorder
	}
	timing Timing
	cached map[[2]string]bool // node and image: pulled images, with ImageCache
	// lastImage is the last image looked up in the catalog: a rollout's pods run one.
	lastImage struct {
		ref   string
		img   Image
		known bool
	}
	nodes map[string]*nodeAddresses
	// imageModes and down are the failure controls (faults.go).
	imageModes map[string]ImageMode
	down       map[string][]*clock.Task // stopped kubelets, with their node-lifecycle timers
	imageIDs   map[string]string
	messages   map[[2]string]string // formatted messages, by format and argument
	// calls are the kubelet's per-pod work made once, for Clock.AfterCall with the pod's state.
	calls  struct{ start, kill, remove, resync, pull, pulled, backOff, run, sendStatus func(any) }
	shared struct { // values pods share (shared.go)
		stamp          *api.Time
		running        *api.ContainerStateRunning
		waiting        []api.ContainerStatus
		started, ready conditionsMemo
	}
}

// podState is what the kubelet keeps for a pod bound to a node, in the pod's store slot.
type podState struct {
	slot       *store.Slot
	ns, name   string
	node       string
	containers []container
	// start and stop are the pod's pending start (or resync) and stop; with the containers'
	// timers they are all the work that holds the state, cancelled when the pod is gone.
	start, stop *clock.Task
	killing     bool
	// unsent is the last status the API server refused; the kubelet builds on it and sends it
	// again, as its status manager keeps its own copy and syncs it until it is stored.
	unsent *api.Pod
	rec    *events.Recorder // the pod's node's kubelet's
	one    [1]container     // room for a single container's state, the usual case
}

// container is the kubelet's state for container index of a pod: its pending work and the
// back-off of its image pulls. The pending work is called with the container, which holds
// what it needs: no closure is made per pod.
type container struct {
	pod     *podState
	index   int
	timer   *clock.Task
	backoff time.Duration
	// what the pull under way takes and finds
	pullFor time.Duration
	found   bool
}

// New starts the node side.
func New(st *store.Store, events *events.Broadcaster, timing Timing) *Kubelet {
	k := &Kubelet{st: st, timing: timing, cached: map[[2]string]bool{}, nodes: map[string]*nodeAddresses{}}
	k.rec.events = events
	k.rec.nodeController, k.rec.taintEviction = events.NewRecorder("node-controller", ""), events.NewRecorder("taint-eviction-controller", "")
	k.calls.start = func(a any) { k.start(a.(*podState)) }
	k.calls.kill = func(a any) { k.kill(a.(*podState)) }
	k.calls.remove = func(a any) { k.remove(a.(*podState)) }
	k.calls.resync = func(a any) { k.resync(a.(*podState)) }
	k.calls.sendStatus = func(a any) { k.sendStatus(a.(*podState)) }
	k.calls.pull = func(a any) { k.pull(a.(*container)) }
	k.calls.pulled = func(a any) { k.pulled(a.(*container)) }
	k.calls.backOff = func(a any) { k.backOff(a.(*container)) }
	k.calls.run = func(a any) { k.run(a.(*container)) }
	st.Watch(k.handle, api.KindPod)
	return k
}

// Timing is the node-side timing in use.
func (k *Kubelet) Timing() Timing { return k.timing }

func (k *Kubelet) now() time.Time { return k.st.Clock().Now() }

func (k *Kubelet) handle(ev store.WatchEvent) {
	if ev.Kind != api.KindPod {
		return
	}
	p := ev.New.(*api.Pod)
	switch ev.Type {
	case store.Deleted:
		k.forget(ev.Slot)
	default:
		if p.Spec.NodeName == "" {
			return
		}
		if old, ok := ev.Old.(*api.Pod); ok && old.Spec.NodeName == p.Spec.NodeName && (old.DeletionTimestamp == nil) == (p.DeletionTimestamp == nil) {
			return // a status write (most likely this kubelet's own): nothing new for the node
		}
		st, _ := ev.Slot.Agent().(*podState)
		// A stopped kubelet notices nothing; SetNodeDown(…, false) catches up.
		down := k.NodeDown(p.Spec.NodeName)
		if st == nil {
			st = newPodState(ev.Slot, p)
			st.rec = k.rec.events.NewRecorder("kubelet", st.node)
			ev.Slot.SetAgent(st)
			if p.DeletionTimestamp == nil {
				if !down {
					st.start = k.st.Clock().AfterCall(0, "kubelet starts Pod %s", k.calls.start, st, p.Name)
				}
				return
			}
		}
		if p.DeletionTimestamp != nil && !st.killing && !down {
			k.stop(st, p)
		}
	}
}

// stop schedules the pod's stop (once).
func (k *Kubelet) stop(st *podState, p *api.Pod) {
	st.killing = true
	k.st.Clock().Cancel(st.stop)
	st.stop = k.st.Clock().AfterCall(0, "kubelet stops Pod %s", k.calls.kill, st, p.Name)
}

func (k *Kubelet) forget(sl *store.Slot) {
	st, ok := sl.Agent().(*podState)
	if !ok {
		return
	}
	clk := k.st.Clock()
	st.cancelTimers(clk)
	clk.Cancel(st.start)
	clk.Cancel(st.stop)
	sl.SetAgent(nil)
}

// pod returns the current pod, or nil if it is gone or being stopped.
func (k *Kubelet) pod(st *podState) *api.Pod {
	if st.killing {
		return nil
	}
	return k.object(st)
}

// object returns the current pod, or nil if it is gone; with the status the kubelet has not
// managed to store yet, if any.
func (k *Kubelet) object(st *podState) *api.Pod {
	o := st.slot.Object()
	if o == nil {
		return nil
	}
	p := o.(*api.Pod)
	if st.unsent != nil {
		p = p.CopyForStatus()
		p.Status = st.unsent.Status
	}
	return p
}

func newPodState(sl *store.Slot, p *api.Pod) *podState {
	st := &podState{slot: sl, ns: p.Namespace, name: p.Name, node: p.Spec.NodeName}
	// Every pod has a container (validation); the pod's removal waits as the first's work.
	n := max(len(p.Spec.Containers), 1)
	if n == 1 {
		st.containers = st.one[:]
	} else {
		st.containers = make([]container, n)
	}
	for i := range st.containers {
		st.containers[i].pod, st.containers[i].index = st, i
	}
	return st
}

// cancelTimers stops the pod's pending container work.
func (st *podState) cancelTimers(clk *clock.Clock) {
	for i := range st.containers {
		c := &st.containers[i]
		clk.Cancel(c.timer)
		c.timer = nil
	}
}

// message formats a one-argument message once per argument: thousands of pods share it.
func (k *Kubelet) message(format, arg string) string {
	key := [2]string{format, arg}
	text, ok := k.messages[key]
	if !ok {
		if k.messages == nil {
			k.messages = map[[2]string]string{}
		}
		text = fmt.Sprintf(format, arg)
		k.messages[key] = text
	}
	return text
}

// write stores a status the kubelet made for the pod. One the API server refuses is kept and
// sent again a status sync period later (the next writes build on it meanwhile).
func (k *Kubelet) write(st *podState, p *api.Pod) {
	if err := k.st.UpdateStatusIn(st.slot, p); err != nil {
		if st.unsent == nil {
			k.st.Clock().AfterCall(statusSyncPeriod, "kubelet syncs the status of Pod %s", k.calls.sendStatus, st, st.name)
		}
		st.unsent = p
		return
	}
	st.unsent = nil
}

// statusSyncPeriod is how often the kubelet's status manager sends statuses again.
const statusSyncPeriod = 10 * time.Second

// sendStatus sends the status the API server refused, as it is now (a stopped kubelet waits).
func (k *Kubelet) sendStatus(st *podState) {
	if st.unsent == nil || st.slot.Object() == nil {
		return
	}
	if k.NodeDown(st.node) {
		k.st.Clock().AfterCall(statusSyncPeriod, "kubelet syncs the status of Pod %s", k.calls.sendStatus, st, st.name)
		return
	}
	p := k.object(st)
	st.unsent = nil
	k.write(st, p)
}

func (k *Kubelet) stamp() api.Time { return api.Stamp(k.now()) }

// start: the pod is accepted by its node; containers wait in ContainerCreating while images
// are pulled.
func (k *Kubelet) start(st *podState) {
	p := k.pod(st)
	if p == nil {
		return
	}
	cp := p.CopyForStatus()
	now := k.stamp()
	cp.Status.Phase = api.PodPending
	cp.Status.StartTime = k.stampPointer(now)
	cp.Status.HostIP = k.nodeIP(st.node)
	notReady := k.message("containers with unready status: [%s]", strings.Join(containerNames(cp), " "))
	// The kubelet writes its own conditions first and the scheduler's PodScheduled after them,
	// which is the order `describe pod` shows.
	scheduled := cp.Status.Conditions
	conds, ok := k.shared.started.get(scheduled, now, notReady)
	if !ok {
		own := append(make([]api.PodCondition, 0, 4+len(scheduled)),
			api.PodCondition{Type: "PodReadyToStartContainers", Status: api.ConditionTrue, LastTransitionTime: now},
			api.PodCondition{Type: api.PodInitialized, Status: api.ConditionTrue, LastTransitionTime: now},
			api.PodCondition{Type: api.PodReady, Status: api.ConditionFalse, LastTransitionTime: now, Reason: "ContainersNotReady", Message: notReady},
			api.PodCondition{Type: api.ContainersReady, Status: api.ConditionFalse, LastTransitionTime: now, Reason: "ContainersNotReady", Message: notReady},
		)
		conds = mergeConditions(own, scheduled...)
		k.shared.started.put(scheduled, now, notReady, conds)
	}
	cp.Status.Conditions = conds
	cp.Status.ContainerStatuses = k.waitingStatuses(cp.Spec.Containers)
	k.write(st, cp)
	for i := range cp.Spec.Containers {
		k.pull(&st.containers[i])
	}
}

func containerNames(p *api.Pod) []string {
	names := make([]string, len(p.Spec.Containers))
	for i, c := range p.Spec.Containers {
		names[i] = c.Name
	}
	return names
}

// mergeConditions sets conditions by type, keeping a transition time whose status did not
// change. have must be the caller's own copy (a status copy of the pod): it is changed in place.
func mergeConditions(have []api.PodCondition, add ...api.PodCondition) []api.PodCondition {
	out := have
	for _, a := range add {
		found := false
		for i := range out {
			if out[i].Type == a.Type {
				if out[i].Status == a.Status {
					a.LastTransitionTime = out[i].LastTransitionTime
				}
				out[i] = a
				found = true
			}
		}
		if !found {
			out = append(out, a)
		}
	}
	return out
}

// pull starts pulling a container's image.
func (k *Kubelet) pull(cs *container) {
	st := cs.pod
	p := k.pod(st)
	if p == nil {
		return
	}
	c := &p.Spec.Containers[cs.index]
	img, known, slow := k.imageExists(c.Image)
	if k.timing.ImageCache && known && slow == 0 && k.cached[cacheKey(st.node, img)] && c.ImagePullPolicy != "Always" {
		st.rec.Eventf(p, api.EventNormal, "Pulled", alreadyPresent, c.Image)
		k.after(cs, 0, "kubelet starts container %s of Pod %s", k.calls.run, c.Name, p.Name)
		return
	}
	st.rec.Eventf(p, api.EventNormal, "Pulling", "Pulling image %q", c.Image)
	if clk := k.st.Clock(); clk.Noting() {
		clk.Note("pod.pulling", p.Name, c.Image, st.node)
	}
	delay := k.timing.PullDelay
	if k.timing.ImageCache && known && k.timing.PullBandwidth > 0 {
		if d := time.Duration(img.Bytes * int64(time.Second) / k.timing.PullBandwidth); d > delay {
			delay = d.Round(time.Millisecond)
		}
	}
	if slow > delay {
		delay = slow
	}
	cs.pullFor, cs.found = delay, known
	k.after(cs, delay, "kubelet pulls %s for Pod %s", k.calls.pulled, c.Image, p.Name)
}

// pulled: the pull of a container's image took its time and succeeded, or failed when the
// image does not exist.
func (k *Kubelet) pulled(cs *container) {
	st, delay := cs.pod, cs.pullFor
	if !cs.found {
		k.pullFailed(cs)
		return
	}
	if p := k.object(st); p != nil {
		image := p.Spec.Containers[cs.index].Image
		if k.timing.ImageCache {
			img, _ := k.lookup(image)
			k.cached[cacheKey(st.node, img)] = true
			secs := strconv.FormatFloat(delay.Seconds(), 'f', 3, 64) + "s"
			st.rec.Eventf(p, api.EventNormal, "Pulled", "Successfully pulled image %q in %s (%s including waiting). Image size: %d bytes.", image, secs, secs, img.Bytes)
		} else {
			st.rec.Eventf(p, api.EventNormal, "Pulled", alreadyPresent, image)
		}
	}
	k.run(cs)
}

// cacheKey names an image pulled on a node.
func cacheKey(node string, img Image) [2]string { return [2]string{node, img.Ref} }

// lookup is Lookup, remembering the last answer.
func (k *Kubelet) lookup(image string) (Image, bool) {
	if m := &k.lastImage; m.ref == image && image != "" {
		return m.img, m.known
	}
	img, known := Lookup(image)
	k.lastImage.ref, k.lastImage.img, k.lastImage.known = image, img, known
	return img, known
}

const alreadyPresent = "Container image %q already present on machine and can be accessed by the pod"

// after schedules call(cs) d from now as the container's pending work.
func (k *Kubelet) after(cs *container, d time.Duration, label string, call func(any), args ...string) {
	cs.timer = k.st.Clock().AfterCall(d, label, call, cs, args...)
}

// pullError is what containerd says about a tag that does not exist.
func pullError(image string) string {
	ref := FullReference(image)
	return fmt.Sprintf("rpc error: code = NotFound desc = failed to pull and unpack image %q: failed to resolve reference %q: %s: not found", ref, ref, ref)
}

// pullFailed: ErrImagePull now, ImagePullBackOff a little later (backOff).
func (k *Kubelet) pullFailed(cs *container) {
	st := cs.pod
	p := k.pod(st)
	if p == nil {
		return
	}
	image := p.Spec.Containers[cs.index].Image
	errText := pullError(image)
	st.rec.Eventf(p, api.EventWarning, "Failed", "Failed to pull image %q: %s", image, errText)
	st.rec.Eventf(p, api.EventWarning, "Failed", "Error: ErrImagePull")
	k.st.Clock().Note("pod.errImagePull", p.Name, image)
	k.setWaiting(st, p, cs.index, "ErrImagePull", errText)
	k.after(cs, k.timing.ErrImagePullFor, "kubelet backs off pulling %s for Pod %s", k.calls.backOff, image, p.Name)
}

// backOff: ImagePullBackOff, and a retry after a back-off that doubles each time up to the cap.
func (k *Kubelet) backOff(cs *container) {
	st := cs.pod
	p := k.pod(st)
	if p == nil {
		return
	}
	image := p.Spec.Containers[cs.index].Image
	st.rec.Eventf(p, api.EventNormal, "BackOff", "Back-off pulling image %q", image)
	st.rec.Eventf(p, api.EventWarning, "Failed", "Error: ImagePullBackOff")
	k.setWaiting(st, p, cs.index, "ImagePullBackOff", fmt.Sprintf("Back-off pulling image %q: ErrImagePull: %s", image, pullError(image)))
	b := cs.backoff
	if b == 0 {
		b = k.timing.BackOffInitial
	} else if b *= 2; b > k.timing.BackOffMax {
		b = k.timing.BackOffMax
	}
	cs.backoff = b
	k.st.Clock().Note("pod.backOff", p.Name, image, b.Seconds())
	k.after(cs, b, "kubelet retries pulling %s for Pod %s", k.calls.pull, image, p.Name)
}

func (k *Kubelet) setWaiting(st *podState, p *api.Pod, i int, reason, msg string) {
	cp := p.CopyForStatus()
	cp.Status.OwnContainerStatuses()
	s := &cp.Status.ContainerStatuses[i]
	s.State = api.ContainerState{Waiting: &api.ContainerStateWaiting{Reason: reason, Message: msg}}
	s.Ready = false
	k.write(st, cp)
}

// run starts a container; when every container runs, the pod is Running and Ready.
func (k *Kubelet) run(cs *container) {
	st, i := cs.pod, cs.index
	p := k.pod(st)
	if p == nil {
		return
	}
	cs.timer = nil
	c := &p.Spec.Containers[i]
	st.rec.Eventf(p, api.EventNormal, "Created", "Container created")
	st.rec.Eventf(p, api.EventNormal, "Started", "Container started")
	cp := p.CopyForStatus()
	cp.Status.OwnContainerStatuses()
	now := k.stamp()
	s := &cp.Status.ContainerStatuses[i]
	s.State = api.ContainerState{Running: k.running(now)}
	s.Ready, s.Started = true, started
	s.ImageID = k.imageID(c.Image)
	s.ContainerID = k.containerID()
	all := true
	for _, cs := range cp.Status.ContainerStatuses {
		all = all && cs.Ready
	}
	if clk := k.st.Clock(); clk.Noting() {
		clk.Note("pod.started", p.Name, c.Name, all)
	}
	if all {
		cp.Status.Phase = api.PodRunning
		if ips := k.podIP(st.node); ips != nil {
			cp.Status.PodIP, cp.Status.PodIPs = ips[0].IP, ips
		}
		from := cp.Status.Conditions
		conds, ok := k.shared.ready.get(from, now, "")
		if !ok {
			cp.Status.OwnConditions()
			conds = mergeConditions(cp.Status.Conditions,
				api.PodCondition{Type: api.PodReady, Status: api.ConditionTrue, LastTransitionTime: now},
				api.PodCondition{Type: api.ContainersReady, Status: api.ConditionTrue, LastTransitionTime: now},
			)
			k.shared.ready.put(from, now, "", conds)
		}
		cp.Status.Conditions = conds
	}
	k.write(st, cp)
}

// imageID is the image's ID as the runtime reports it; computed once per image.
func (k *Kubelet) imageID(image string) string {
	if id, ok := k.imageIDs[image]; ok {
		return id
	}
	if k.imageIDs == nil {
		k.imageIDs = map[string]string{}
	}
	id := computeImageID(image)
	k.imageIDs[image] = id
	return id
}

func computeImageID(image string) string {
	ref := FullReference(image)
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref = ref[:i]
	}
	// A stable digest per image, as a registry's would be.
	return ref + "@sha256:" + fmt.Sprintf("%x", sha256.Sum256([]byte(ref)))
}

// containerID is a new container's runtime ID: containerd:// and 64 random hex digits.
func (k *Kubelet) containerID() string {
	const prefix = "containerd://"
	var raw [32]byte
	for i := 0; i < 32; i += 8 {
		r := k.st.Rand().Uint64()
		// The low digit of each byte first: swap the nibbles for hex.Encode's order.
		r = r&0x0f0f0f0f0f0f0f0f<<4 | r>>4&0x0f0f0f0f0f0f0f0f
		binary.LittleEndian.PutUint64(raw[i:], r)
	}
	var b [len(prefix) + 64]byte
	copy(b[:], prefix)
	hex.Encode(b[len(prefix):], raw[:])
	return string(b[:])
}

// nodeAddresses is what the kubelet takes from its node object once: the node's internal IP,
// and its pod range (a /24) with the addresses handed out of it so far.
type nodeAddresses struct {
	hostIP    string
	podPrefix string // "10.244.2." of podCIDR 10.244.2.0/24; "" without one
	last      int    // the last host number given
	ips       [253]api.PodIP
}

// addresses returns the node's addresses, or nil while there is no such node.
func (k *Kubelet) addresses(node string) *nodeAddresses {
	if a := k.nodes[node]; a != nil {
		return a
	}
	o := k.st.Get(api.KindNode, "", node)
	if o == nil {
		return nil
	}
	n := o.(*api.Node)
	a := &nodeAddresses{}
	for _, addr := range n.Status.Addresses {
		if addr.Type == "InternalIP" {
			a.hostIP = addr.Address
			break
		}
	}
	a.podPrefix, _ = strings.CutSuffix(n.Spec.PodCIDR, "0/24")
	k.nodes[node] = a
	return a
}

func (k *Kubelet) nodeIP(node string) string {
	if a := k.addresses(node); a != nil {
		return a.hostIP
	}
	return ""
}

// podIP hands out the next address of the node's pod range, .2 to .254 of its /24 as
// host-local IPAM does, starting over after the last, as status.podIPs (nil without a range):
// addresses are made once, and pods given the same one share it (nothing changes it).
func (k *Kubelet) podIP(node string) []api.PodIP {
	a := k.addresses(node)
	if a == nil || a.podPrefix == "" {
		return nil
	}
	a.last = a.last%253 + 1 // 1 … 253
	ip := &a.ips[a.last-1]
	if ip.IP == "" {
		var b [24]byte
		ip.IP = string(strconv.AppendInt(append(b[:0], a.podPrefix...), int64(a.last+1), 10))
	}
	return a.ips[a.last-1 : a.last : a.last]
}

// kill: the pod was marked for deletion; containers get the stop signal and the pod object
// goes away once they have stopped (or the grace period ran out).
func (k *Kubelet) kill(st *podState) {
	st.cancelTimers(k.st.Clock())
	p := k.object(st)
	if p == nil {
		return
	}
	for _, c := range p.Spec.Containers {
		st.rec.Eventf(p, api.EventNormal, "Killing", "Stopping container %s", c.Name)
	}
	if clk := k.st.Clock(); clk.Noting() {
		clk.Note("pod.stopping", p.Name)
	}
	delay := k.timing.TerminationDelay
	// A grace period shorter than the stop cuts it short. Compared in seconds: a huge grace
	// period (terminationGracePeriodSeconds 2^63-1 is valid) overflows a Duration.
	if g := p.DeletionGracePeriodSeconds; g != nil && *g < int64(delay/time.Second)+1 {
		delay = min(delay, time.Duration(*g)*time.Second)
	}
	// The removal waits as the first container's work, which a stopped kubelet cancels.
	st.containers[0].timer = k.st.Clock().AfterCall(delay, "kubelet removes Pod %s", k.calls.remove, st, p.Name)
}

// remove deletes a pod whose containers have stopped; a delete that fails is tried again a
// status sync period later, as the status manager does.
func (k *Kubelet) remove(st *podState) {
	if k.object(st) != nil {
		if clk := k.st.Clock(); clk.Noting() {
			clk.Note("pod.removed", st.name)
		}
		if _, err := k.st.Delete(api.KindPod, st.ns, st.name, 0); err != nil && !api.IsNotFound(err) {
			st.containers[0].timer = k.st.Clock().AfterCall(statusSyncPeriod, "kubelet removes Pod %s", k.calls.remove, st, st.name)
		}
	}
}
