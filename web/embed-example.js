// The embedding example (embed-example.html): it frames the lab's embed.html for each
// .ex-frame (with its lesson, data-lesson), listing this page's origin so that the frames talk
// to it; on the ready of a free-play frame (data-yaml) it starts the exercise afresh with the
// YAML shown on the page; the Run buttons send their command; and every message the frames post
// is logged. It uses only the documented protocol (docs/embedding.md).
"use strict";
(function () {
  var params = new URLSearchParams(location.search);
  // ?lab= points at a lab published elsewhere (an absolute http(s) address); by default the
  // lab is this page's own folder.
  var lab = new URL("./", location.href);
  var other = params.get("lab");
  if (other) {
    try {
      var u = new URL(other, location.href);
      if (u.protocol === "http:" || u.protocol === "https:") lab = u;
    } catch (e) { /* keep this folder */ }
  }
  var labOrigin = lab.origin;
  var lang = params.get("lang") === "zh" ? "zh" : "en";
  var frames = {}; // id → { iframe, ready }
  var seq = 0;

  var log = document.getElementById("ex-log");
  var note = function (id, dir, data) {
    if (!log) return;
    var li = document.createElement("li");
    var summary = Object.assign({}, data);
    delete summary.source;
    ["stdout", "stderr"].forEach(function (k) {
      if (typeof summary[k] === "string" && summary[k].length > 120) summary[k] = summary[k].slice(0, 120) + "…";
    });
    li.textContent = new Date().toISOString().slice(11, 23) + " " + id + " " + dir + " " + JSON.stringify(summary);
    li.dataset.frame = id;
    li.dataset.type = data.type || "";
    log.appendChild(li);
  };

  var send = function (id, message) {
    var f = frames[id];
    if (!f || !f.ready) return;
    message.id = message.id || "ex-" + ++seq;
    note(id, "←", message);
    f.iframe.contentWindow.postMessage(message, labOrigin);
  };

  document.querySelectorAll(".ex-frame").forEach(function (box) {
    var q = new URLSearchParams({ lang: lang, title: box.dataset.title || "", origin: location.origin });
    if (box.dataset.lesson) q.set("lesson", box.dataset.lesson);
    var iframe = document.createElement("iframe");
    iframe.src = new URL("embed.html?" + q.toString(), lab).href;
    iframe.title = "Rollout Lab: " + (box.dataset.title || "a Kubernetes Deployment playground");
    iframe.loading = "lazy";
    iframe.allow = "clipboard-write";
    iframe.className = "ex-iframe";
    box.appendChild(iframe);
    frames[box.id] = { iframe: iframe, ready: false, yaml: box.dataset.yaml };
  });

  addEventListener("message", function (e) {
    if (e.origin !== labOrigin || !e.data || e.data.source !== "rolloutlab") return;
    var id = Object.keys(frames).find(function (k) { return frames[k].iframe.contentWindow === e.source; });
    if (!id) return;
    note(id, "→", e.data);
    if (e.data.type === "ready") {
      var f = frames[id];
      f.ready = true;
      var yaml = f.yaml && document.getElementById(f.yaml);
      if (yaml) {
        send(id, { type: "reset" });
        send(id, { type: "load", yaml: yaml.textContent });
      }
      document.querySelectorAll('button[data-frame="' + id + '"]').forEach(function (b) { b.disabled = false; });
    }
  });

  document.querySelectorAll("button[data-run]").forEach(function (b) {
    b.addEventListener("click", function () { send(b.dataset.frame, { type: "run", command: b.dataset.run }); });
  });
})();
