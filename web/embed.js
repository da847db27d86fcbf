// The placeholder of an embedded exercise (embed.html). It shows the exercise's title and a
// Start button, and loads nothing more until the reader clicks it (or, with &load=visible, until
// the frame is scrolled into view): then the frame becomes the playground itself, index.html
// with ?embed=1 and the same parameters, whose loader shows the download's progress.
"use strict";
(function () {
  var params = new URLSearchParams(location.search);
  var lang = params.get("lang") || (/^zh/i.test(navigator.language || "") ? "zh" : "en");
  var zh = lang === "zh";
  var text = {
    sub: zh ? "Kubernetes Deployment 演练场：在浏览器中的模拟集群上使用 kubectl。" : null,
    start: zh ? "开始" : "Start",
    note: zh ? "首次加载约 2 MB；所有数据都只在本页面中。" : null,
    picture: zh ? "Deployment 拥有一个 ReplicaSet，ReplicaSet 拥有三个 Pod" : null,
  };
  var theme = params.get("theme");
  if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
  document.documentElement.lang = zh ? "zh-CN" : "en";

  // The host names the exercise with &title= (plain text, at most 120 characters).
  var title = (params.get("title") || "").trim().slice(0, 120);
  var set = function (id, s) {
    var el = document.getElementById(id);
    if (el && s) el.textContent = s;
  };
  set("embed-title", title);
  if (title) document.title = title + " · Rollout Lab";
  set("embed-sub", text.sub);
  set("embed-start", text.start);
  set("embed-note", text.note);
  set("embed-picture-title", text.picture);

  var started = false;
  var start = function () {
    if (started) return;
    started = true;
    params.delete("load");
    params.delete("title");
    params.set("embed", "1");
    // replace: the frame's placeholder is not a page of its own in the host's history.
    location.replace("index.html?" + params.toString() + location.hash);
  };
  var button = document.getElementById("embed-start");
  if (button) button.addEventListener("click", start);

  if (params.get("load") === "visible" && "IntersectionObserver" in window) {
    // Inside a frame, the observer measures against the top page's viewport.
    new IntersectionObserver(function (entries, observer) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        observer.disconnect();
        start();
      }
    }, { threshold: 0.25 }).observe(document.body);
  }
})();
