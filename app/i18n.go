package app

import "fmt"

// Every string the UI shows, in English and Simplified Chinese. Kubernetes words (Deployment,
// ReplicaSet, Pod, kubectl, status names such as Running) stay as they are in both languages,
// as Chinese Kubernetes documentation writes them. Tree item names start with the kind and the
// name in both languages (the browser contract).

const (
	langEN = "en"
	langZH = "zh"
)

func htmlLang(l string) string {
	if l == langZH {
		return "zh-CN"
	}
	return "en"
}

// messages: key → {English, Chinese}. Format verbs must agree between the two.
var messages = map[string][2]string{
	// page
	"skip.terminal":          {"Skip to the kubectl prompt", "跳到 kubectl 命令行"},
	"header.tagline":         {"A Kubernetes Deployment playground: edit, kubectl, pause, step, rewind.", "Kubernetes Deployment 演练场：编辑、kubectl、暂停、单步、回退。"},
	"header.lang.title":      {"Switch the language", "切换语言"},
	"header.theme":           {"Theme", "主题"},
	"header.startOver":       {"Start over", "重新开始"},
	"header.startOver.title": {"A new empty cluster; the editor keeps its text", "新建一个空集群；编辑器内容保留"},
	"theme.auto":             {"Theme: system", "主题：跟随系统"},
	"theme.light":            {"Theme: light", "主题：浅色"},
	"theme.dark":             {"Theme: dark", "主题：深色"},
	"footer.text":            {"Rollout Lab simulates the Deployment and ReplicaSet controllers, a scheduler and kubelets in your browser; nothing leaves this page.", "Rollout Lab 在浏览器中模拟 Deployment 和 ReplicaSet 控制器、调度器与 kubelet；所有数据都只在本页面中。"},

	// lessons (issue 9): the picker, the lesson panel, the goal view, files
	"lesson.list":               {"Lessons", "课程"},
	"lesson.picker.title":       {"Learn Deployments step by step", "一步一步学习 Deployment"},
	"lesson.picker.intro":       {"Each lesson leads you through real kubectl commands on a simulated cluster and checks every step. Or play freely.", "每节课都会带你在模拟集群上输入真实的 kubectl 命令，并检查每一步。也可以自由练习。"},
	"lesson.free":               {"Free play", "自由练习"},
	"lesson.free.continue":      {"Continue free play", "继续自由练习"},
	"lesson.card.meta":          {"%s · about %d min", "%s · 约 %d 分钟"},
	"lesson.card.fromFile":      {"Loaded from a file", "从文件加载"},
	"lesson.level.beginner":     {"Beginner", "入门"},
	"lesson.level.intermediate": {"Intermediate", "进阶"},
	"lesson.level.advanced":     {"Advanced", "高级"},
	"lesson.level.other":        {"Any level", "不限"},
	"lesson.progress.none":      {"Not started · %d steps", "未开始 · 共 %d 步"},
	"lesson.progress.some":      {"%d of %d steps passed · %d commands", "已通过 %d / %d 步 · %d 条命令"},
	"lesson.progress.done":      {"Completed · %s s simulated · %d commands", "已完成 · 模拟时间 %s 秒 · %d 条命令"},
	"lesson.progress.export":    {"Export progress", "导出进度"},
	"lesson.progress.import":    {"Import progress", "导入进度"},
	"lesson.files":              {"Lesson files", "课程文件"},
	"lesson.files.drop":         {"A teacher's lesson file (.yaml) can be dropped here.", "可以把老师给的课程文件（.yaml）拖放到这里。"},
	"lesson.files.load":         {"Load a lesson file", "加载课程文件"},
	"lesson.files.bad":          {"This file cannot be used: %s", "无法使用此文件：%s"},
	"lesson.unknown":            {"There is no lesson %q here; pick one below.", "这里没有课程 %q；请在下面选择。"},
	"lesson.region":             {"Lesson", "课程"},
	"lesson.all":                {"All lessons", "全部课程"},
	"lesson.stepOf":             {"Step %d of %d", "第 %d 步，共 %d 步"},
	"lesson.paste":              {"Paste", "粘贴"},
	"lesson.paste.named":        {"Paste: %s", "粘贴：%s"},
	"lesson.run":                {"Run", "运行"},
	"lesson.run.named":          {"Run: %s", "运行：%s"},
	"lesson.check":              {"Step check", "步骤检查"},
	"lesson.check.passed":       {"Passed.", "已通过。"},
	"lesson.check.missing":      {"Still missing: %d of %d conditions.", "还差 %d / %d 个条件。"},
	"lesson.check.waiting":      {"Checking…", "正在检查…"},
	"lesson.passed":             {"Step passed: %s.", "步骤已通过：%s。"},
	"lesson.allPassed":          {"Every step passed.", "所有步骤都已通过。"},
	"lesson.next":               {"Next step", "下一步"},
	"lesson.hint":               {"Hint", "提示"},
	"lesson.solution":           {"Show solution", "显示答案"},
	"lesson.solution.confirm":   {"Show the commands that solve this step? Try a hint first if you have not.", "要显示解决这一步的命令吗？如果还没看过提示，可以先看提示。"},
	"lesson.solution.yes":       {"Show it", "显示"},
	"lesson.solution.no":        {"Not yet", "先不看"},
	"lesson.solution.title":     {"Solution:", "答案："},
	"lesson.finished":           {"Lesson complete", "课程完成"},
	"lesson.stats":              {"%d of %d steps passed in %s s of simulated time, with %d commands.", "通过 %d / %d 步，模拟时间 %s 秒，共 %d 条命令。"},
	"lesson.back":               {"Back to the lessons", "返回课程列表"},
	"lesson.restart":            {"Start the lesson again", "重新开始本课"},
	"lesson.submit":             {"Submit", "提交"},
	"lesson.submit.name":        {"Your name", "你的名字"},
	"lesson.submit.done":        {"Saved %s: hand this file to your teacher.", "已保存 %s：请把这个文件交给老师。"},
	"goal.title":                {"Goal", "目标"},
	"goal.deploy":               {"Deployment %s: %d replicas of %s", "Deployment %s：%d 个副本，镜像 %s"},
	"goal.rs":                   {"ReplicaSet with %s: %d pods", "ReplicaSet（%s）：%d 个 Pod"},
	"goal.met":                  {"The cluster matches the goal.", "集群已与目标一致。"},
	"goal.diffs":                {"Still different from the goal:", "与目标仍有差异："},
	"goal.diff.noDeployment":    {"there is no Deployment %s yet", "还没有 Deployment %s"},
	"goal.diff.replicas":        {"Deployment %s: replicas want %d, now %d", "Deployment %s：副本数应为 %d，现在是 %d"},
	"goal.diff.image":           {"Deployment %s: image want %s, now %s", "Deployment %s：镜像应为 %s，现在是 %s"},
	"goal.diff.noRS":            {"Deployment %s: no ReplicaSet with %s yet (want %d pods)", "Deployment %s：还没有镜像为 %s 的 ReplicaSet（应有 %d 个 Pod）"},
	"goal.diff.rsPods":          {"Deployment %s: the ReplicaSet with %s wants %d pods, has %d", "Deployment %s：镜像为 %s 的 ReplicaSet 应有 %d 个 Pod，现有 %d 个"},
	"goal.diff.extraRS":         {"Deployment %s: a ReplicaSet with %s still has %d pods", "Deployment %s：镜像为 %s 的 ReplicaSet 仍有 %d 个 Pod"},

	// share and storage
	"share.button":            {"Share", "分享"},
	"share.copied":            {"Link copied. It holds the YAML, the commands and the clock:", "链接已复制，其中包含 YAML、命令和时钟："},
	"share.manual":            {"Copy this link; it holds the YAML, the commands and the clock:", "请复制此链接，其中包含 YAML、命令和时钟："},
	"share.link":              {"Share link", "分享链接"},
	"share.close":             {"Close", "关闭"},
	"share.failed":            {"Could not build the share link: %s", "无法生成分享链接：%s"},
	"share.bad":               {"This share link cannot be opened (%s). Your own work is unchanged.", "无法打开此分享链接（%s）。你自己的内容没有改变。"},
	"storage.aside":           {"Your saved session could not be restored (%s). It is kept aside, not overwritten; download it to keep a copy. This is a fresh cluster.", "无法恢复你保存的会话（%s）。它已另行保存，不会被覆盖；可以下载一份副本。当前是一个新的集群。"},
	"storage.asideUnsaved":    {"Your saved session could not be restored (%s), and the browser has no room to keep it aside: download it. Nothing is saved until you dismiss this.", "无法恢复你保存的会话（%s），浏览器也没有空间另行保存它：请下载。在你关闭此提示之前不会保存任何内容。"},
	"restore.progress":        {"Restoring the session: %d of %d inputs…", "正在恢复会话：第 %d 步，共 %d 步…"},
	"restore.label":           {"Restore progress", "恢复进度"},
	"term.note.queued":        {"runs once the session is restored: %s", "会话恢复后运行：%s"},
	"recent.button":           {"Recent sessions", "最近的会话"},
	"recent.empty":            {"No earlier session yet", "还没有之前的会话"},
	"recent.item":             {"%s · %s · %d inputs · %s", "%s · %s · %d 步 · %s"},
	"recent.why.share":        {"before a share link", "打开分享链接之前"},
	"recent.why.startOver":    {"before Start over", "重新开始之前"},
	"recent.why.future":       {"before a new command in the past", "在过去输入新命令之前"},
	"recent.why.switched":     {"before opening a recent session", "打开最近会话之前"},
	"recent.bad":              {"This recent session cannot be opened (%s).", "无法打开这个最近的会话（%s）。"},
	"recent.goBack":           {"Go back to it", "返回之前的会话"},
	"recent.notice.share":     {"A shared session is open. Your previous session is kept in Recent sessions.", "已打开分享的会话。你之前的会话保存在“最近的会话”中。"},
	"recent.notice.startOver": {"A new empty cluster. Your previous session is kept in Recent sessions.", "已新建空集群。你之前的会话保存在“最近的会话”中。"},
	"startOver.confirm":       {"Start over with an empty cluster? Your current session will be kept in Recent sessions.", "用空集群重新开始？当前会话会保存在“最近的会话”中。"},
	"startOver.yes":           {"Yes, start over", "确定重新开始"},
	"startOver.cancel":        {"Cancel", "取消"},
	"term.note.futureKept":    {"a new future starts here; the timeline that followed is kept in Recent sessions", "从这里开始新的未来；之后的时间线保存在“最近的会话”中"},
	"share.cut":               {"This link asks for more work than a link may (%s): it opened with the work that fits, up to that point.", "此链接要求的工作超出链接的限度（%s）：已打开其中可以容纳的部分，到该处为止。"},
	"storage.download":        {"Download it", "下载"},
	"banner.dismiss":          {"Dismiss", "关闭"},
	"update.ready":            {"A new version of Rollout Lab is ready. Your session is saved.", "Rollout Lab 有新版本。你的会话已保存。"},
	"update.reload":           {"Reload", "重新加载"},
	"error.panic":             {"Something went wrong in %s: %s. The last good state of the cluster was restored.", "%s 出错：%s。已恢复到集群最近的正常状态。"},
	"error.reset":             {"Something went wrong in %s: %s. The cluster had to be reset.", "%s 出错：%s。集群只能重置。"},
	"error.ui":                {"Something went wrong (%s); the cluster is unchanged.", "出错了（%s）；集群没有改变。"},
	"error.render":            {"this part could not be drawn", "这一部分无法显示"},

	// editor
	"editor.title":          {"Deployment YAML", "Deployment YAML"},
	"editor.label":          {"Deployment YAML", "Deployment YAML"},
	"editor.valid":          {"Valid: the apiserver would accept this manifest.", "有效：apiserver 会接受这个清单。"},
	"editor.line":           {"Line %d:", "第 %d 行："},
	"editor.lineHasProblem": {"This line has a problem", "这一行有问题"},
	"editor.tooLarge":       {"The file is too large to check as you type (%d lines). The editor shows its first lines, read-only; Apply applies the whole file, Reset brings the original Deployment back.", "文件太大，无法边输入边检查（%d 行）。编辑器只读显示开头几行；“应用”会应用整个文件，“重置”恢复最初的 Deployment。"},
	"editor.help":           {"Tab indents, Shift+Tab dedents, Enter keeps the indentation. Press Esc then Tab to leave the editor.", "Tab 缩进，Shift+Tab 取消缩进，回车保持缩进。先按 Esc 再按 Tab 可离开编辑器。"},
	"editor.apply":          {"Apply", "应用"},
	"editor.save":           {"Save", "保存"},
	"editor.cancel":         {"Cancel", "取消"},
	"editor.editing":        {"kubectl is waiting for this file: Save applies your changes, Cancel leaves the object as it is.", "kubectl 正在等待这个文件：“保存”应用你的修改，“取消”保持对象不变。"},
	"editor.reset":          {"Reset", "重置"},
	"editor.reset.title":    {"Put the original Deployment back in the editor", "把编辑器恢复为最初的 Deployment"},

	// terminal
	"term.title":             {"Terminal", "终端"},
	"term.log":               {"Terminal", "终端"},
	"term.input":             {"kubectl command", "kubectl 命令"},
	"term.hint":              {"↑↓ history · Tab completes · Ctrl+L clears", "↑↓ 历史 · Tab 补全 · Ctrl+L 清屏"},
	"term.help":              {"Type a kubectl command and press Enter. Up and Down walk the history, Tab completes, Ctrl+L clears the screen, Ctrl+C stops a waiting command.", "输入 kubectl 命令后按回车。上下键浏览历史，Tab 补全，Ctrl+L 清屏，Ctrl+C 停止等待中的命令。"},
	"term.empty":             {"Try: kubectl apply -f nginx-deployment.yaml, then kubectl get pods", "试试：kubectl apply -f nginx-deployment.yaml，然后 kubectl get pods"},
	"term.running":           {"waiting for the cluster… (runs while the clock runs; Ctrl+C stops it)", "正在等待集群……（随时钟运行；Ctrl+C 停止）"},
	"term.editing":           {"waiting for the editor pane: Save or Cancel the file there", "正在等待编辑器：请在那里“保存”或“取消”"},
	"term.stop":              {"Stop waiting (Ctrl+C)", "停止等待（Ctrl+C）"},
	"term.stderr":            {"error output:", "错误输出："},
	"term.warning":           {"warning:", "警告："},
	"term.completions":       {"Completions", "补全候选"},
	"term.future":            {"(after the moment shown) ", "（在当前显示的时刻之后）"},
	"term.note.undo":         {"undone: %s", "已撤销：%s"},
	"term.note.redo":         {"redone: %s", "已重做：%s"},
	"term.note.stopped":      {"stopped", "已停止"},
	"term.note.rewound":      {"stopped: the cluster was rewound", "已停止：集群已回退"},
	"term.note.reloaded":     {"stopped by the page reload", "因页面重新加载而停止"},
	"term.note.restoredStop": {"was still waiting when the link was made", "生成链接时仍在等待"},
	"term.note.shared":       {"session opened from a share link; press Play to go on", "已从分享链接打开会话；按“播放”继续"},
	"input.advance":          {"%s s of cluster time", "%s 秒集群时间"},
	"input.step":             {"one step", "一步"},
	"input.file":             {"editing %s", "编辑 %s"},
	"input.image.missing":    {"image %s made unpullable", "镜像 %s 设为无法拉取"},
	"input.image.slow":       {"image %s made slow", "镜像 %s 设为拉取缓慢"},
	"input.image.normal":     {"image %s back to normal", "镜像 %s 恢复正常"},
	"input.node.down":        {"kubelet of %s stopped", "%s 的 kubelet 已停止"},
	"input.node.up":          {"kubelet of %s restarted", "%s 的 kubelet 已重启"},

	// time controls
	"time.title":              {"Time controls", "时间控制"},
	"time.play":               {"Play", "播放"},
	"time.pause":              {"Pause", "暂停"},
	"time.step":               {"Step", "单步"},
	"time.step.title":         {"Run one unit of work and explain it", "运行一个工作单元并解释"},
	"time.speed":              {"Speed", "速度"},
	"time.clock":              {"Cluster time", "集群时间"},
	"time.undo":               {"Undo", "撤销"},
	"time.redo":               {"Redo", "重做"},
	"time.action":             {" action", "操作"},
	"time.undo.title":         {"Go back to just before your last action (a command, an apply, a failure switch). This is not kubectl rollout undo.", "回到你上一个操作（命令、应用、故障开关）之前。这不是 kubectl rollout undo。"},
	"time.redo.title":         {"Bring back your next action and the time that followed it.", "恢复你的下一个操作及其之后的时间。"},
	"time.past":               {"Viewing the past: %s of %s. Redo goes forward; a new action replaces what came after.", "正在查看过去：%s / %s。“重做”前进；新的操作会替换之后的内容。"},
	"time.stepChange":         {"Step to next change", "单步到下一个变化"},
	"time.stepChange.title":   {"Run work until something you can see changes (an object or an event), skipping bookkeeping", "运行工作直到出现可见的变化（对象或事件），跳过内部记录"},
	"time.stepChange.skipped": {"(%d bookkeeping steps skipped)", "（跳过了 %d 个内部记录步骤）"},
	"time.slow":               {"Slow down while something changes", "变化时放慢"},
	"time.slow.title":         {"While pods and controllers are at work, play at a quarter of normal speed so you can watch and type", "当 Pod 和控制器在工作时，以四分之一速度播放，方便观察和输入"},
	"time.slowed":             {"Slowed to %s while the cluster changes", "集群变化时放慢到 %s"},
	"time.marks":              {"Your actions on the timeline", "时间线上的操作"},
	"time.log":                {"Recent explanations (%d)", "最近的解释（%d）"},
	"time.timeline":           {"Timeline", "时间线"},
	"time.pending":            {"%d units of work queued, next in %s s", "%d 个工作单元排队中，下一个在 %s 秒后"},
	"time.pending.one":        {"1 unit of work queued, next in %s s", "1 个工作单元排队中，下一个在 %s 秒后"},
	"time.settled":            {"Nothing queued: the cluster is settled", "没有排队的工作：集群已稳定"},
	"time.lagging":            {"The cluster is busy: time runs slower than the chosen speed.", "集群繁忙：时间流逝慢于所选速度。"},
	"time.step.did":           {"Step:", "单步："},
	"time.step.nothing":       {"Nothing to do: no work is queued. Run a command, or press Play to let time pass.", "无事可做：没有排队的工作。运行一条命令，或按“播放”让时间流逝。"},
	"time.step.noNotes":       {"(bookkeeping: nothing to explain)", "（内部记录：无需解释）"},

	// tree
	"tree.title":             {"Cluster objects", "集群对象"},
	"tree.label":             {"Cluster objects", "集群对象"},
	"tree.hint":              {"Arrow keys move, Enter shows details", "方向键移动，回车查看详情"},
	"tree.empty":             {"No objects yet. Press Apply, or run kubectl apply -f nginx-deployment.yaml.", "还没有对象。按“应用”，或运行 kubectl apply -f nginx-deployment.yaml。"},
	"tree.deployment":        {"Deployment %s — %d of %d ready, %d up to date, %d available, revision %s", "Deployment %s — %d/%d 就绪，%d 个已更新，%d 个可用，修订版本 %s"},
	"tree.deployment.short":  {"%d/%d ready · %d up-to-date · %d available · rev %s · %s", "%d/%d 就绪 · %d 已更新 · %d 可用 · 修订 %s · %s"},
	"tree.replicaset":        {"ReplicaSet %s — revision %s, image %s, %d desired, %d current, %d ready", "ReplicaSet %s — 修订版本 %s，镜像 %s，期望 %d，当前 %d，就绪 %d"},
	"tree.replicaset.short":  {"rev %s · %s · hash %s · desired %d · current %d · ready %d", "修订 %s · %s · 哈希 %s · 期望 %d · 当前 %d · 就绪 %d"},
	"tree.rs.new":            {"the new ReplicaSet", "新的 ReplicaSet"},
	"tree.rs.old":            {"old, scaled down to 0", "旧的，已缩容到 0"},
	"tree.rs.newBadge":       {"new", "新"},
	"tree.rs.oldBadge":       {"old", "旧"},
	"tree.pod":               {"Pod %s — %s, %s ready, node %s, age %s", "Pod %s — %s，%s 就绪，节点 %s，存在 %s"},
	"tree.pod.short":         {"%s ready · %s · %s", "%s 就绪 · %s · %s"},
	"tree.pod.unscheduled":   {"not scheduled", "未调度"},
	"tree.summary":           {"%d pods: %s", "%d 个 Pod：%s"},
	"tree.summary.one":       {"%d pod: %s", "%d 个 Pod：%s"},
	"tree.summary.head":      {"%d pods", "%d 个 Pod"},
	"tree.summary.head.one":  {"%d pod", "%d 个 Pod"},
	"tree.toggle":            {"Expand or collapse", "展开或折叠"},
	"tree.tooMany":           {"%d more ReplicaSets are not shown.", "另有 %d 个 ReplicaSet 未显示。"},
	"tree.tooMany.one":       {"%d more ReplicaSet is not shown.", "另有 %d 个 ReplicaSet 未显示。"},
	"tree.state.complete":    {"rollout complete", "发布完成"},
	"tree.state.progressing": {"rolling out", "发布中"},
	"tree.state.stalled":     {"progress deadline exceeded", "超过进度期限"},
	"tree.state.paused":      {"paused", "已暂停"},
	"tree.failing.new":       {"new pods failing: %s", "新 Pod 失败：%s"},
	"tree.failing":           {"pods failing: %s", "Pod 失败：%s"},
	"tree.failing.pods":      {"%s (%d pods)", "%s（%d 个 Pod）"},

	// details
	"details.title":     {"%s %s", "%s %s"},
	"details.none":      {"Details", "详情"},
	"details.views":     {"Views of the object", "对象视图"},
	"details.describe":  {"Describe", "Describe"},
	"details.yaml":      {"YAML", "YAML"},
	"details.close":     {"Close", "关闭"},
	"details.deletePod": {"Delete pod", "删除 Pod"},

	// events
	"events.title":        {"Events", "事件"},
	"events.caption":      {"Cluster events, newest first", "集群事件，最新的在前"},
	"events.empty":        {"No events yet.", "还没有事件。"},
	"events.type":         {"Type", "类型"},
	"events.reason":       {"Reason", "原因"},
	"events.object":       {"Object", "对象"},
	"events.message":      {"Message", "消息"},
	"events.age":          {"Age", "时间"},
	"events.warnings":     {"%d warnings", "%d 条警告"},
	"events.warnings.one": {"%d warning", "%d 条警告"},

	// chart
	"chart.title":      {"Replicas over time", "副本数随时间变化"},
	"chart.hint":       {"dashed: desired · solid: ready", "虚线：期望 · 实线：就绪"},
	"chart.all":        {"Show all", "显示全部"},
	"chart.all.title":  {"Show the whole session instead of the latest activity", "显示整个会话，而不只是最近的活动"},
	"chart.legend":     {"revision %s, %s: %d desired, %d ready", "修订 %s，%s：期望 %d，就绪 %d"},
	"chart.empty":      {"Replicas over time: no ReplicaSets yet", "副本数随时间变化：还没有 ReplicaSet"},
	"chart.rolledBack": {"%s (revision %s rolled back)", "%s（回滚自修订 %s）"},
	"chart.failing":    {"pods failed: %s", "Pod 失败：%s"},

	// revisions
	"rev.title":            {"Revisions", "修订版本"},
	"rev.empty":            {"No Deployment yet.", "还没有 Deployment。"},
	"rev.lanes":            {"Revisions of %s", "%s 的修订版本"},
	"rev.revision":         {"Revision %d", "修订 %d"},
	"rev.count":            {"%d/%d ready", "%d/%d 就绪"},
	"rev.current":          {"current", "当前"},
	"rev.rolledBack":       {"revision %s rolled back", "回滚自修订 %s"},
	"rev.hint":             {"Select a revision to preview its rollback", "选择一个修订，预览回滚到它会发生什么"},
	"rev.preview":          {"Preview rollback ›", "预览回滚 ›"},
	"rev.previewOf":        {"What rolling back to revision %d does", "回滚到修订 %d 会做什么"},
	"rev.rollback":         {"Roll back to revision %d", "回滚到修订 %d"},
	"rev.preview.missing":  {"Revision %d is no longer in the history.", "修订 %d 已不在历史中。"},
	"rev.preview.current":  {"Revision %d is the current template: kubectl would skip the rollback.", "修订 %d 就是当前模板：kubectl 会跳过回滚。"},
	"rev.preview.paused":   {"The Deployment is paused: kubectl refuses to roll back until it is resumed (kubectl rollout resume).", "Deployment 已暂停：恢复之前 kubectl 拒绝回滚（kubectl rollout resume）。"},
	"rev.preview.up":       {"ReplicaSet %s (revision %d, %s) becomes the new ReplicaSet and scales up from %d to %d.", "ReplicaSet %s（修订 %d，%s）成为新的 ReplicaSet，从 %d 扩容到 %d。"},
	"rev.preview.keep":     {"ReplicaSet %s (revision %d, %s) becomes the new ReplicaSet and keeps its %d replicas.", "ReplicaSet %s（修订 %d，%s）成为新的 ReplicaSet，保持 %d 个副本。"},
	"rev.preview.keep.one": {"ReplicaSet %s (revision %d, %s) becomes the new ReplicaSet and keeps its %d replica.", "ReplicaSet %s（修订 %d，%s）成为新的 ReplicaSet，保持 %d 个副本。"},
	"rev.preview.down":     {"ReplicaSet %s (revision %d, %s) scales down from %d to 0.", "ReplicaSet %s（修订 %d，%s）从 %d 缩容到 0。"},
	"rev.preview.rolling":  {"It happens as a rolling update (maxSurge %s, maxUnavailable %s): new pods start before old ones stop.", "以滚动更新方式进行（maxSurge %s，maxUnavailable %s）：先启动新 Pod，再停止旧 Pod。"},
	"rev.preview.recreate": {"Strategy Recreate: every old pod stops before the new ones start.", "Recreate 策略：所有旧 Pod 停止后才启动新 Pod。"},
	"rev.preview.renumber": {"The template comes back as revision %d; revision %d leaves the history.", "该模板以修订 %d 重新出现；修订 %d 从历史中消失。"},

	// faults
	"faults.title":           {"Failure controls", "故障控制"},
	"faults.images":          {"Images", "镜像"},
	"faults.image":           {"Image", "镜像"},
	"faults.missing":         {"Make unpullable", "设为无法拉取"},
	"faults.slow":            {"Make slow", "设为拉取缓慢"},
	"faults.normal":          {"Make normal", "恢复正常"},
	"faults.active":          {"Images with a failure", "有故障的镜像"},
	"faults.mode.missing":    {"unpullable", "无法拉取"},
	"faults.mode.slow":       {"slow (30 s pulls)", "缓慢（拉取 30 秒）"},
	"faults.clear":           {"Clear", "清除"},
	"faults.clear.named":     {"Make %s normal again", "让 %s 恢复正常"},
	"faults.nodes":           {"Nodes", "节点"},
	"faults.nodeDown":        {"Make NotReady", "设为 NotReady"},
	"faults.nodeDown.named":  {"Stop the kubelet of %s (NotReady after 40 s)", "停止 %s 的 kubelet（40 秒后 NotReady）"},
	"faults.nodeUp":          {"Make Ready", "设为 Ready"},
	"faults.nodeUp.named":    {"Restart the kubelet of %s", "重启 %s 的 kubelet"},
	"faults.nodePods":        {"%d pods", "%d 个 Pod"},
	"faults.nodePods.one":    {"%d pod", "%d 个 Pod"},
	"faults.kubeletStopped":  {"kubelet stopped", "kubelet 已停止"},
	"faults.pods":            {"Pods", "Pod"},
	"faults.pod":             {"Pod", "Pod"},
	"faults.noPods":          {"No pods yet.", "还没有 Pod。"},
	"faults.deletePod":       {"Delete pod", "删除 Pod"},
	"faults.deletePod.named": {"Delete pod %s", "删除 Pod %s"},

	// embedding (issue 10): the compact chrome of a frame
	"embed.tabs":        {"Panels", "面板"},
	"embed.tab.lesson":  {"Lesson", "课程"},
	"embed.tab.cluster": {"Terminal & tree", "终端与对象树"},
	"embed.tab.editor":  {"YAML", "YAML"},
	"embed.tab.more":    {"Chart, events, failures", "图表、事件、故障"},
	"embed.open":        {"Open in full page ↗", "在完整页面中打开 ↗"},
	"embed.open.title":  {"Opens this session in a new tab, with every panel", "在新标签页中打开此会话，显示所有面板"},
}

// tr returns the text of key in lang (English for an unknown language; the key itself when
// missing, so a gap shows instead of a blank).
func tr(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == langZH && m[1] != "" {
		return m[1]
	}
	return m[0]
}

// trf formats the text of key with args.
func trf(lang, key string, args ...any) string {
	return fmt.Sprintf(tr(lang, key), args...)
}

// trn is trf for a sentence about n things: key+".one" when n is 1 ("1 pod"), else key.
func trn(lang, key string, n int, args ...any) string {
	if _, ok := messages[key+".one"]; ok && n == 1 {
		key += ".one"
	}
	return trf(lang, key, args...)
}
