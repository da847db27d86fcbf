// Rollout Lab browser tests: find elements the way a screen reader user would, by role and
// accessible name (a small subset of the ARIA role mapping and of the accessible name
// computation, enough for the contract in DESIGN.md §3). Injected into every page as
// window.__rl; the tests check the exact names against Chromium's own accessibility tree too.
(() => {
  const implicitRole = (el) => {
    const tag = el.tagName.toLowerCase();
    switch (tag) {
      case "textarea":
        return "textbox";
      case "input": {
        const t = (el.getAttribute("type") || "text").toLowerCase();
        if (["button", "submit", "reset", "image"].includes(t)) return "button";
        if (t === "checkbox") return "checkbox";
        if (t === "radio") return "radio";
        if (t === "range") return "slider";
        if (t === "search") return "searchbox";
        if (["text", "email", "url", "tel", ""].includes(t)) return "textbox";
        return t;
      }
      case "button":
        return "button";
      case "a":
        return el.hasAttribute("href") ? "link" : "";
      case "select":
        return el.multiple || el.size > 1 ? "listbox" : "combobox";
      case "output":
        return "status";
      case "ul":
      case "ol":
        return "list";
      case "li":
        return "listitem";
      case "nav":
        return "navigation";
      case "main":
        return "main";
      case "dialog":
        return "dialog";
      case "progress":
        return "progressbar";
      case "h1": case "h2": case "h3": case "h4": case "h5": case "h6":
        return "heading";
      default:
        return "";
    }
  };

  const role = (el) => {
    const r = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
    return r || implicitRole(el);
  };

  const hidden = (el) => {
    if (el.closest("[hidden],[aria-hidden='true']")) return true;
    const s = getComputedStyle(el);
    return s.display === "none" || s.visibility === "hidden";
  };

  const squash = (s) => (s || "").replace(/\s+/g, " ").trim();

  // Text of an element's subtree, leaving out nested widgets that own their own names
  // (a tree item's child group, for example).
  const contentText = (el) => {
    let out = "";
    for (const n of el.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) {
        out += n.textContent;
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        const r = role(n);
        if (["group", "tree", "treeitem", "list", "listitem"].includes(r) && n !== el) continue;
        if (n.getAttribute("aria-hidden") === "true") continue;
        if (n.hasAttribute("aria-label")) out += " " + n.getAttribute("aria-label") + " ";
        else if (n.tagName === "IMG") out += " " + (n.getAttribute("alt") || "") + " ";
        else out += " " + contentText(n) + " ";
      }
    }
    return out;
  };

  const nameFromContentRoles = new Set([
    "button", "link", "treeitem", "heading", "tab", "menuitem", "option", "cell",
    "columnheader", "rowheader", "checkbox", "radio", "switch", "tooltip",
  ]);

  const name = (el) => {
    const by = el.getAttribute("aria-labelledby");
    if (by) {
      const t = by.split(/\s+/).map((id) => document.getElementById(id))
        .filter(Boolean).map((n) => n.getAttribute("aria-label") || n.textContent).join(" ");
      if (squash(t)) return squash(t);
    }
    const label = el.getAttribute("aria-label");
    if (label && squash(label)) return squash(label);
    if (el.labels && el.labels.length) {
      return squash(Array.from(el.labels).map((l) => l.textContent).join(" "));
    }
    if (el.tagName === "INPUT" && ["button", "submit", "reset"].includes(el.type)) {
      return squash(el.value);
    }
    if (nameFromContentRoles.has(role(el))) {
      const t = squash(contentText(el));
      if (t) return t;
    }
    return squash(el.getAttribute("title") || el.getAttribute("placeholder") || "");
  };

  // find returns the visible elements with the role whose name matches: exactly (a string),
  // by prefix ({prefix: "Pod "}) or by a regular expression source ({re: "^Pod .*Running"}).
  const find = (r, match) => {
    const test =
      typeof match === "string" ? (n) => n === match
      : match && match.prefix !== undefined ? (n) => n.startsWith(match.prefix)
      : match && match.re !== undefined ? (n) => new RegExp(match.re).test(n)
      : () => true;
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (role(el) !== r) continue;
      if (hidden(el)) continue;
      if (test(name(el))) out.push(el);
    }
    return out;
  };

  const one = (r, match) => {
    const all = find(r, match);
    if (all.length === 0) throw new Error(`no ${r} named ${JSON.stringify(match)}`);
    return all[0];
  };

  // point scrolls an element into view and returns the middle of its box, and what is on top
  // there (a covered element cannot be clicked by a user either).
  const point = (el) => {
    el.scrollIntoView({ block: "center", inline: "center" });
    const b = el.getBoundingClientRect();
    const x = b.left + b.width / 2, y = b.top + b.height / 2;
    const top = document.elementFromPoint(x, y);
    const covered = !(top && (top === el || el.contains(top) || top.contains(el)));
    return { x, y, w: b.width, h: b.height, covered, top: top ? top.outerHTML.slice(0, 160) : "" };
  };

  const text = (el) => (el.value !== undefined && el.tagName !== "BUTTON" && el.tagName !== "LI" ? el.value : el.innerText) || "";

  // tree lists the tree items of the tree with its level and state, in document order.
  const tree = (treeName) => {
    const t = treeName ? one("tree", treeName) : document;
    return Array.from(t.querySelectorAll("*"))
      .filter((el) => role(el) === "treeitem" && !hidden(el))
      .map((el) => ({
        name: name(el),
        level: +(el.getAttribute("aria-level") || 0),
        expanded: el.getAttribute("aria-expanded"),
        selected: el.getAttribute("aria-selected"),
      }));
  };

  // nextMutation resolves with the time from now until the first DOM change under root after
  // act() runs, and the time until the DOM has been quiet for `quiet` ms.
  const nextMutation = (act, quiet = 120, timeout = 10000) =>
    new Promise((resolve) => {
      let first = -1, last = -1, count = 0;
      const t0 = performance.now();
      let settle;
      const done = () => {
        obs.disconnect();
        resolve({ first, last, count, timedOut: first < 0 });
      };
      const obs = new MutationObserver((records) => {
        const now = performance.now() - t0;
        if (first < 0) first = now;
        last = now;
        count += records.length;
        clearTimeout(settle);
        settle = setTimeout(done, quiet);
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      setTimeout(() => { if (first < 0) done(); }, timeout);
      act();
    });

  window.__rl = { role, name, find, one, point, text, tree, nextMutation, squash };
})();
