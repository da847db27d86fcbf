// Rollout Lab browser tests: reading the cluster the way the page shows it. Tree items are
// named "<Kind> <name> <state in words>" (DESIGN.md §3), e.g.
// "ReplicaSet nginx-deployment-5d59d67564 revision 2, 3 desired, 3 current, 3 ready".
(() => {
  const items = () =>
    __rl.tree("Cluster objects").map((it) => {
      const m = /^(\S+)\s+(\S+)\s*(.*)$/.exec(it.name) || [];
      return { kind: m[1] || "", name: m[2] || "", state: m[3] || "", raw: it.name, level: it.level };
    });
  const of = (kind) => items().filter((i) => i.kind === kind);
  const terminating = (p) => /terminating/i.test(p.state);
  // pods: the pods that are not on their way out.
  const pods = () => of("Pod").filter((p) => !terminating(p));
  const revision = (i) => {
    const m = /\brevision\s*:?\s*(\d+)/i.exec(i.state);
    return m ? +m[1] : 0;
  };
  const rs = (rev) => of("ReplicaSet").find((r) => revision(r) === rev);
  const podsOf = (r) => (r ? pods().filter((p) => p.name.startsWith(r.name + "-")) : []);
  const running = (p) => /\brunning\b/i.test(p.state) && !/not ready|0\/1/i.test(p.state);
  const terminal = () => __rl.text(__rl.one("log", "Terminal"));
  const clock = () => __rl.text(__rl.one("status", "Cluster time")).trim();
  const count = (hay, needle) => hay.split(needle).length - 1;
  // snapshot is the cluster as shown: the tree items (as a set) and the clock.
  const snapshot = () => JSON.stringify({ tree: items().map((i) => i.raw).sort(), clock: clock() });
  const order = () => JSON.stringify(items().map((i) => i.raw));

  // stepUntil clicks Step (or the button named) until cond() holds (at most max times) and
  // returns the number of clicks, or -1. Each click waits for the page to change (or 300 ms).
  const stepUntil = async (cond, max, button = "Step") => {
    for (let i = 0; i < max; i++) {
      if (cond()) return i;
      const step = __rl.one("button", button);
      if (step.disabled || step.getAttribute("aria-disabled") === "true") {
        await new Promise((r) => setTimeout(r, 100));
        if (cond()) return i;
        throw new Error("Step is disabled and the condition does not hold");
      }
      await __rl.nextMutation(() => step.click(), 30, 300);
    }
    return cond() ? max : -1;
  };

  window.__lab = { items, of, pods, revision, rs, podsOf, running, terminal, clock, count, snapshot, order, stepUntil };
})();
