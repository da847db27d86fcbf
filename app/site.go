package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Handler describes the page that hosts the playground: its head, icons, loader and service
// worker. `rolloutlab static` hands it to app.GenerateStaticWebsite, so every field here ends up
// in the static files (index.html, app.js, app-worker.js, manifest.webmanifest).
//
// version names the build; the service worker keeps one cache per version, so a new version
// replaces every cached file at once. go-app writes every address under SiteRoot, which
// `rolloutlab static` then turns into addresses relative to each file: one build works at the
// root of a host, under any sub-path and in any folder.
func Handler(version string) *app.Handler {
	return &app.Handler{
		Name:        "Rollout Lab",
		ShortName:   "Rollout Lab",
		Title:       "Rollout Lab",
		Description: "A Kubernetes Deployment playground in the browser: edit a Deployment, type kubectl, and step through scaling, rolling updates, a failed update and rollback on a simulated cluster.",
		Author:      "Rollout Lab",
		Keywords:    []string{"Kubernetes", "Deployment", "ReplicaSet", "rolling update", "kubectl", "rollout undo", "playground"},
		Lang:        "en",
		Icon: app.Icon{
			Default:    "/web/icon-192.png",
			Large:      "/web/icon-512.png",
			SVG:        "/web/icon.svg",
			AppleTouch: "/web/icon-192.png",
		},
		BackgroundColor: loaderBackground,
		ThemeColor:      loaderBackground,
		LoadingLabel:    "Loading Rollout Lab {progress}%",
		Styles:          []string{"/web/app.css"},
		// Precached with the rest (go-app adds the PNG icons, styles and app.wasm itself).
		CacheableResources: []string{"/web/icon.svg"},
		RawHeaders:         []string{loaderStyle, loaderScript},
		Version:            version,
		// Ask the host for a new app-worker.js every few minutes while a page is open; a new
		// worker precaches the new version and go-app reports it (Context.AppUpdateAvailable).
		AutoUpdateInterval:    5 * time.Minute,
		ServiceWorkerTemplate: serviceWorker,
		Resources:             app.CustomProvider("", SiteRoot),
	}
}

// SiteRoot is the path go-app writes the site's addresses under while the files are generated:
// a name no real address has, so that `rolloutlab static` finds every one of them.
const SiteRoot = "rolloutlab-site-root"

// loaderBackground is the colour of the page before the wasm has started (the loader, the PWA
// splash screen and the browser's theme colour).
const loaderBackground = "#0f172a"

// loaderStyle restyles go-app's loader (<aside id="app-wasm-loader">: an icon and a label that
// app.js fills with the download progress) and draws a progress bar under it. It is inline so
// that it applies before any stylesheet has arrived, and it works offline.
const loaderStyle = `<style>
#app-wasm-loader.goapp-app-info {
  background: #0f172a;
  color: #e2e8f0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
  gap: 4px;
}
#app-wasm-loader .goapp-logo {
  width: 96px;
  height: 96px;
  animation: rl-pulse 1.6s ease-in-out infinite;
}
#app-wasm-loader .goapp-label {
  font-size: 17px;
  font-weight: 400;
  letter-spacing: 0.2px;
  font-variant-numeric: tabular-nums;
}
#app-wasm-loader::after {
  content: "";
  display: block;
  width: 240px;
  height: 4px;
  margin-top: 10px;
  border-radius: 2px;
  background:
    linear-gradient(#38bdf8, #38bdf8) 0 0 / var(--rl-progress, 0%) 100% no-repeat,
    #1e293b;
  transition: background-size 0.15s linear;
}
@keyframes rl-pulse {
  0%, 100% { transform: scale(1); opacity: 1; }
  50% { transform: scale(0.94); opacity: 0.8; }
}
@media (prefers-reduced-motion: reduce) {
  #app-wasm-loader .goapp-logo { animation: none; }
}
html.rl-starting, html.rl-starting * { cursor: progress; }
html.rl-starting body::after {
  content: attr(data-rl-starting);
  position: fixed;
  z-index: 2147483647;
  top: 10px;
  left: 50%;
  transform: translateX(-50%);
  max-width: calc(100vw - 24px);
  padding: 6px 16px;
  border-radius: 999px;
  background: #0f172a;
  color: #e2e8f0;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.3);
}
.rl-queued { color: #8fa1b3; font-style: italic; }
@media (prefers-color-scheme: light) {
  #app-wasm-loader.goapp-app-info { background: #f8fafc; color: #0f172a; }
  #app-wasm-loader::after {
    background:
      linear-gradient(#0284c7, #0284c7) 0 0 / var(--rl-progress, 0%) 100% no-repeat,
      #e2e8f0;
  }
}
</style>`

// loaderScript mirrors the percentage that app.js writes into the loader's label into the
// --rl-progress variable that sizes the bar, and gives the label a live role for screen readers.
//
// Between the loader's 100 % and the app's first render (body[data-app-ready]) the prerendered
// page looks live but has no handlers yet, and go-app replaces it when it mounts. So until the
// app is ready the page says it is starting, and what the learner types is kept: the editor's
// text, and commands entered at the prompt (shown as queued), are handed to the live page once
// it is ready, as if typed there (an input event, and Enter for each command).
const loaderScript = `<script>
document.addEventListener("DOMContentLoaded", function () {
  var loader = document.getElementById("app-wasm-loader");
  var label = document.getElementById("app-wasm-loader-label");
  if (!loader || !label) return;
  label.setAttribute("role", "status");
  var icon = document.getElementById("app-wasm-loader-icon");
  if (icon) icon.setAttribute("alt", "");
  var sync = function () {
    var m = /(\d+)%/.exec(label.textContent || "");
    if (m) loader.style.setProperty("--rl-progress", Math.min(100, +m[1]) + "%");
  };
  sync();
  new MutationObserver(sync).observe(label, { childList: true, characterData: true, subtree: true });

  var body = document.body, html = document.documentElement;
  var ready = function () { return body.dataset.appReady === "1"; };
  var lang = new URLSearchParams(location.search).get("lang") ||
    (/^zh/i.test(navigator.language || "") ? "zh" : "en");
  var zh = lang === "zh";
  var editor = document.getElementById("yaml-editor"), prompt = document.getElementById("term-input");
  var typed = { editor: null, commands: [] };
  body.setAttribute("data-rl-starting", zh ? "正在启动… 你输入的内容会保留，命令会在启动后运行" : "Starting… what you type is kept, and commands run once it has started");
  html.classList.add("rl-starting");
  body.setAttribute("aria-busy", "true");
  document.addEventListener("input", function (e) {
    if (!ready() && e.target === editor) typed.editor = editor.value;
  }, true);
  document.addEventListener("keydown", function (e) {
    if (ready() || e.target !== prompt || e.key !== "Enter") return;
    e.preventDefault();
    var line = prompt.value;
    prompt.value = "";
    if (!line.trim()) return;
    typed.commands.push(line);
    var log = document.getElementById("term-log");
    if (log) {
      var entry = document.createElement("div");
      entry.className = "entry rl-queued";
      entry.textContent = "$ " + line + (zh ? "  （排队中：启动后运行）" : "  (queued: runs once started)");
      log.appendChild(entry);
    }
  }, true);
  var handOver = function () {
    html.classList.remove("rl-starting");
    body.removeAttribute("data-rl-starting");
    body.removeAttribute("aria-busy");
    var draft = prompt ? prompt.value : "";
    var liveEditor = document.getElementById("yaml-editor"), livePrompt = document.getElementById("term-input");
    if (typed.editor !== null && liveEditor && liveEditor !== editor) {
      liveEditor.value = typed.editor;
      liveEditor.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (!livePrompt || livePrompt === prompt) return;
    // One command at a time: the app reads the prompt's value on its own goroutine and clears
    // it once it has taken the line.
    var send = function (i) {
      if (i === typed.commands.length) {
        if (draft) {
          livePrompt.value = draft;
          livePrompt.dispatchEvent(new Event("input", { bubbles: true }));
        }
        return;
      }
      livePrompt.value = typed.commands[i];
      livePrompt.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
      var waited = 0;
      var taken = function () {
        if (livePrompt.value === "" || (waited += 20) > 5000) return send(i + 1);
        setTimeout(taken, 20);
      };
      taken();
    };
    send(0);
  };
  if (ready()) return handOver();
  var watch = new MutationObserver(function () {
    if (ready()) { watch.disconnect(); handOver(); }
  });
  watch.observe(body, { attributes: true, attributeFilter: ["data-app-ready"] });
});
</script>`

// serviceWorker replaces go-app's default worker (goapp-notes §2), which serves cache-first by
// exact URL: offline it fails for any URL with a query (?lang=zh) and under a sub-path, and its
// install step could fill a new version's cache with stale files from the HTTP cache.
//
//   - install: precache every file of this version with {cache: "reload"}, so the files come
//     from the host and not from the HTTP cache. The addresses are relative to the worker's
//     folder, its scope; the site's root ("./") is cached as the scope, which is what
//     index.html is served as. A missing stylesheet or icon is logged; a missing page, script
//     or app.wasm fails the install.
//   - activate: delete the caches of this site's other versions and take control of open pages.
//   - navigations: network first, so a redeploy shows at once; offline (or when the host takes
//     more than 4 s or fails), the cached root page answers every navigation in the scope,
//     whatever its query or fragment.
//   - everything else (app.wasm, app.js, …): the cache of this version first, then the network.
//
// {{.Version}} and {{.ResourcesToCache}} are filled in by go-app.
const serviceWorker = `// Rollout Lab service worker, version {{.Version}}.
const scope = self.registration.scope; // ends with "/"
// One cache per site and version: several sites can share an origin (GitHub Pages project
// sites all live on user.github.io), and each deletes only its own old versions.
const cachePrefix = "rolloutlab:" + new URL(scope).pathname + ":";
const cacheName = cachePrefix + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}}.map((path) => new URL(path, scope).href);

// The page, go-app's scripts and app.wasm must all be cached, or this version does not install
// (the old one stays); the rest (styles, icons) is cached when it can be.
const essential = (u) => u === scope ||
  ["app.js", "wasm_exec.js", "app.css", "web/app.wasm"].some((f) => u === new URL(f, scope).href);

self.addEventListener("install", (event) => {
  const reload = (u) => new Request(u, { cache: "reload" });
  event.waitUntil(
    caches.open(cacheName).then((cache) =>
      Promise.all([
        cache.addAll(resourcesToCache.filter(essential).map(reload)),
        ...resourcesToCache
          .filter((u) => !essential(u))
          .map((u) => cache.add(reload(u)).catch((err) => console.warn("not cached for offline use:", u, err))),
      ]).then(() => self.skipWaiting())
    )
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key !== cacheName && key.startsWith(cachePrefix))
            .map((key) => caches.delete(key))
        )
      )
      .then(() => self.clients.claim())
  );
});

// navigate answers a page load: from the network when it answers (within 4 s, without a
// server error), else from the cache, whatever the query or fragment.
async function navigate(request) {
  const cache = await caches.open(cacheName);
  const page = await cache.match(scope, { ignoreSearch: true });
  const network = fetch(request);
  if (!page) {
    return network;
  }
  const slow = new Promise((resolve) => setTimeout(() => resolve(page), 4000));
  try {
    const response = await Promise.race([network, slow]);
    return response.status >= 500 ? page : response;
  } catch (err) {
    return page;
  }
}

async function asset(request) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  return hit || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(scope)) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
    return;
  }
  event.respondWith(asset(request));
});
`
