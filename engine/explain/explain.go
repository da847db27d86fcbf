// Package explain turns the notes controllers and kubelets leave while they work into
// sentences, in English and Simplified Chinese, for the step-by-step view: what happened and
// which rule made it happen.
package explain

import (
	"fmt"
	"regexp"
	"strconv"

	"rolloutlab/engine/clock"
)

// Languages the sentences exist in.
const (
	English = "en"
	Chinese = "zh"
)

type templates struct{ en, zh string }

// catalog maps note keys to sentence templates; arguments are in the order the note gives them.
// "{N:one|other}" picks "one" when argument N (1-based) is 1 or true, else "other": English
// plurals ("1 pod", "2 pods") and the phrases that depend on a yes/no argument.
var catalog = map[string]templates{
	"deployment.newRS": {
		"Deployment %[1]s has a new pod template, so it created ReplicaSet %[2]s as revision %[3]s with %[4]d {4:replica|replicas}.",
		"Deployment %[1]s 的 Pod 模板变了，于是创建了 ReplicaSet %[2]s（修订版本 %[3]s），副本数 %[4]d。",
	},
	"scale.single": {
		"ReplicaSet %[1]s scaled %[2]d → %[3]d: it is the only active ReplicaSet of Deployment %[4]s, so it takes the new replica count.",
		"ReplicaSet %[1]s 从 %[2]d 扩缩到 %[3]d：它是 Deployment %[4]s 唯一活跃的 ReplicaSet，直接采用新的副本数。",
	},
	"scale.proportional": {
		"ReplicaSet %[1]s scaled %[2]d → %[3]d: proportional scaling spreads the change (%[6]d {6:replica|replicas}, %[4]d desired + maxSurge %[5]d) over the active ReplicaSets by their share.",
		"ReplicaSet %[1]s 从 %[2]d 扩缩到 %[3]d：按比例扩缩把 %[6]d 个副本的变化（期望 %[4]d + maxSurge %[5]d）按各活跃 ReplicaSet 的份额分配。",
	},
	"rolling.scaleUp": {
		"ReplicaSet %[1]s scaled up %[2]d → %[3]d: maxSurge %[4]s of %[5]d rounds up to %[6]d, so up to %[5]d + %[6]d pods may exist and %[7]d {7:was|were} counted.",
		"ReplicaSet %[1]s 扩容 %[2]d → %[3]d：%[5]d 的 maxSurge %[4]s 向上取整为 %[6]d，所以最多可有 %[5]d + %[6]d 个 Pod，当前计数 %[7]d。",
	},
	"rolling.scaleDown": {
		"ReplicaSet %[1]s scaled down %[2]d → %[3]d: maxUnavailable %[4]s of %[5]d rounds down to %[6]d, so %[7]d {7:pod|pods} must stay available and %[8]d {8:is|are}.",
		"ReplicaSet %[1]s 缩容 %[2]d → %[3]d：%[5]d 的 maxUnavailable %[4]s 向下取整为 %[6]d，所以至少 %[7]d 个 Pod 必须可用，当前可用 %[8]d。",
	},
	"rolling.cleanup": {
		"ReplicaSet %[1]s scaled down %[2]d → %[3]d at once: %[4]d of its pods {4:is|are} not available, and removing {4:it|them} costs no availability.",
		"ReplicaSet %[1]s 立即缩容 %[2]d → %[3]d：它有 %[4]d 个 Pod 不可用，删掉它们不影响可用性。",
	},
	"rolling.wait": {
		"Deployment %[1]s waits: %[3]d {3:pod|pods} counted, at most %[2]d allowed, and %[5]d available with %[4]d required, so nothing can be scaled now.",
		"Deployment %[1]s 在等待：已计数 %[3]d 个 Pod，最多允许 %[2]d；可用 %[5]d，至少需要 %[4]d，现在无法扩缩。",
	},
	"recreate.scaleDown": {
		"Recreate: ReplicaSet %[1]s scaled down %[2]d → 0; the new pods wait until every old pod is gone.",
		"Recreate：ReplicaSet %[1]s 缩容 %[2]d → 0；新 Pod 要等所有旧 Pod 消失后才创建。",
	},
	"recreate.waitOldPods": {
		"Recreate: Deployment %[1]s waits for the old pods to terminate before it starts the new ones.",
		"Recreate：Deployment %[1]s 等旧 Pod 终止后才启动新 Pod。",
	},
	"progress.complete": {
		"Deployment %[1]s is complete: every replica is updated and available (Progressing: NewReplicaSetAvailable).",
		"Deployment %[1]s 已完成：所有副本都已更新且可用（Progressing: NewReplicaSetAvailable）。",
	},
	"progress.timedOut": {
		"Deployment %[1]s made no progress for %[2]d s (progressDeadlineSeconds): Progressing=False, ProgressDeadlineExceeded. The rollout is not rolled back.",
		"Deployment %[1]s 已 %[2]d 秒没有进展（progressDeadlineSeconds）：Progressing=False，ProgressDeadlineExceeded。发布不会自动回滚。",
	},
	"rs.create": {
		"ReplicaSet %[1]s has %[2]d {2:pod|pods} and wants %[3]d: it creates %[4]d (in slow-start batches of 1, 2, 4, …).",
		"ReplicaSet %[1]s 有 %[2]d 个 Pod，期望 %[3]d：创建 %[4]d 个（慢启动批次 1、2、4……）。",
	},
	"rs.delete": {
		"ReplicaSet %[1]s has %[2]d {2:pod|pods} and wants %[3]d: it deletes %[4]d, unscheduled, pending and not-ready pods first.",
		"ReplicaSet %[1]s 有 %[2]d 个 Pod，期望 %[3]d：删除 %[4]d 个，优先删未调度、Pending 和未就绪的 Pod。",
	},
	"pod.scheduled": {
		"The scheduler assigned pod %[1]s to %[2]s.",
		"调度器把 Pod %[1]s 分配到 %[2]s。",
	},
	"pod.unschedulable": {
		"No node can take pod %[1]s (%[2]s): it stays Pending until a pod leaves a node or a node changes.",
		"没有节点能接纳 Pod %[1]s（%[2]s）：它保持 Pending，直到有 Pod 离开节点或节点发生变化。",
	},
	"endpoints.sync": {
		"Service %[1]s now sends traffic to %[2]d of the %[3]d {3:pod|pods} it selects: only Ready pods receive traffic.",
		"Service %[1]s 现在把流量发往它选中的 %[3]d 个 Pod 中的 %[2]d 个：只有就绪（Ready）的 Pod 才接收流量。",
	},
	"pod.pulling": {
		"The kubelet on %[3]s pulls image %[2]s for pod %[1]s (ContainerCreating).",
		"%[3]s 上的 kubelet 为 Pod %[1]s 拉取镜像 %[2]s（ContainerCreating）。",
	},
	"pod.errImagePull": {
		"Pulling %[2]s failed, the tag does not exist: pod %[1]s shows ErrImagePull and is not ready.",
		"拉取 %[2]s 失败，该标签不存在：Pod %[1]s 显示 ErrImagePull，未就绪。",
	},
	"pod.backOff": {
		"Pod %[1]s backs off before pulling %[2]s again (ImagePullBackOff, next try in %.0[3]f s; the delay doubles up to 300 s).",
		"Pod %[1]s 在重新拉取 %[2]s 前退避（ImagePullBackOff，%.0[3]f 秒后重试；延迟翻倍，最多 300 秒）。",
	},
	"pod.started": {
		"Container %[2]s of pod %[1]s started; {3:all its containers run, so the pod is Running and Ready|the pod becomes Running and Ready when all its containers run}.",
		"Pod %[1]s 的容器 %[2]s 已启动；{3:所有容器都在运行，Pod 进入 Running 且就绪|所有容器都运行后，Pod 才进入 Running 且就绪}。",
	},
	"pod.stopping": {
		"Pod %[1]s was deleted: the kubelet stops its containers (Terminating).",
		"Pod %[1]s 已被删除：kubelet 正在停止它的容器（Terminating）。",
	},
	"pod.removed": {
		"Pod %[1]s has stopped and is gone.",
		"Pod %[1]s 已停止并被移除。",
	},
	"node.notReady": {
		"The node controller heard nothing from %[1]s for 40 s: the node is NotReady, its pods are marked not ready, and it is tainted unreachable.",
		"节点控制器 40 秒没有收到 %[1]s 的消息：节点变为 NotReady，其上的 Pod 被标记为未就绪，节点被加上 unreachable 污点。",
	},
	"node.evict": {
		"Pod %[1]s is evicted from unreachable node %[2]s after its 300 s toleration; it stays Terminating until a kubelet confirms, and its ReplicaSet replaces it.",
		"Pod %[1]s 在 300 秒容忍期后被驱逐出不可达节点 %[2]s；在 kubelet 确认前它一直处于 Terminating，其 ReplicaSet 会补建替代 Pod。",
	},
	"node.ready": {
		"The kubelet on %[1]s reports again: the node is Ready.",
		"%[1]s 上的 kubelet 恢复上报：节点 Ready。",
	},
	"gc.delete": {
		"Garbage collection: %[1]s %[2]s is deleted because its owner is gone.",
		"垃圾回收：%[1]s %[2]s 的属主已不存在，因此被删除。",
	},
	"gc.deleteForeground": {
		"Garbage collection: %[1]s %[2]s is deleted first because its owner %[3]s is being deleted in the foreground.",
		"垃圾回收：属主 %[3]s 正在前台删除，因此先删除 %[1]s %[2]s。",
	},
	"gc.finalize": {
		"Garbage collection: no dependent of %[1]s %[2]s blocks its deletion any more; the foregroundDeletion finalizer is removed and it is deleted.",
		"垃圾回收：%[1]s %[2]s 已没有阻止删除的依赖对象；移除 foregroundDeletion finalizer 后它被删除。",
	},
}

// Sentence renders one note in lang (English when lang is unknown); an unknown key gives the
// key and its arguments, so nothing is silently lost.
func Sentence(lang string, n clock.Note) string {
	t, ok := catalog[n.Key]
	if !ok {
		return fmt.Sprint(append([]any{n.Key}, n.Args...)...)
	}
	tmpl := t.en
	if lang == Chinese {
		tmpl = t.zh
	}
	return fmt.Sprintf(choose(tmpl, n.Args), n.Args...)
}

var reChoice = regexp.MustCompile(`\{(\d+):([^|{}]*)\|([^{}]*)\}`)

// choose resolves the template's "{N:one|other}" choices for args.
func choose(tmpl string, args []any) string {
	return reChoice.ReplaceAllStringFunc(tmpl, func(m string) string {
		p := reChoice.FindStringSubmatch(m)
		i, _ := strconv.Atoi(p[1])
		if i >= 1 && i <= len(args) && isOne(args[i-1]) {
			return p[2]
		}
		return p[3]
	})
}

// isOne: an integer equal to 1, or true.
func isOne(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case int, int32, int64, uint, uint32, uint64:
		return fmt.Sprint(x) == "1"
	}
	return false
}

// Sentences renders notes in order.
func Sentences(lang string, notes []clock.Note) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = Sentence(lang, n)
	}
	return out
}
