# Rollout Lab — build, serve and test the playground.
# `make run` builds the playground and serves it on localhost; `make test` runs every test.
GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm
STATIC_DIR ?= dist
PORT      ?= 8080
# PREFIX: `make run` serves the site under /PREFIX/ (the site itself works in any folder:
# every address in it is relative). Empty: the root.
PREFIX    ?=
# PUBLIC_URL: the address the site is published at (https://user.github.io/repo/), for the
# page's og:url and og:image. Empty: the page names no address of its own.
PUBLIC_URL ?=
# COMPRESS=best: the smallest web/app.wasm.br (brotli 11, about a minute), for publishing;
# fast (the default) takes seconds and is about 15 % larger.
COMPRESS  ?= fast
# VERSION names the build (the service worker keeps one cache per version); `rolloutlab
# static` appends a hash of the assets, so uncommitted changes get a new cache too.
VERSION   ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo dev)
WASMENV   := PATH="$(WASM_EXEC):$$PATH" GOOS=js GOARCH=wasm
# The browser tests drive this Chromium; where it is missing and cannot be installed they skip.
CHROMIUM  ?= /usr/bin/chromium
E2E_ENV   := ROLLOUTLAB_WASM="$(CURDIR)/web/app.wasm" CHROMIUM="$(CHROMIUM)"

SHELL     := /bin/bash

# timed runs a make target and prints how long it took (and notes it in .test-times).
timed = s0=$$(date +%s%N); $(MAKE) --no-print-directory $(1) || exit $$?; \
	ms=$$(( ($$(date +%s%N) - s0) / 1000000 )); \
	printf '== %-13s %4d.%01d s\n' "$(1)" $$((ms / 1000)) $$((ms % 1000 / 100)) | tee -a "$(CURDIR)/.test-times"

.PHONY: all run test build wasm wasm-size static dist bench deps node chromium vet test-native test-wasm \
	test-browser bench-engine bench-browser conformance clean

all: build

## deps: download Go modules (the proxy is reachable from every machine of this kind)
deps:
	$(GO) mod download

## node: the engine's tests also run compiled to WebAssembly under Node.js
node:
	@command -v node >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs >/dev/null; \
	  else echo "Node.js is needed for the WebAssembly tests: install the nodejs package"; exit 1; fi; }

## chromium: the browser tests drive Debian's Chromium (installed when missing and root), with a
## CJK and a symbols font so that the screenshots of the Chinese page and the icons are legible
BROWSER_PKGS := chromium fonts-wqy-microhei fonts-symbola
chromium:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  dpkg -s $(BROWSER_PKGS) >/dev/null 2>&1 || { echo "installing $(BROWSER_PKGS) for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PKGS) >/dev/null; }; \
	elif [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Chromium is missing ($(CHROMIUM)) and this user cannot install it: the browser tests will skip." \
	    "Install Debian's chromium package to run them."; fi

# WASM_GCFLAGS: nothing is inlined in the browser build except in the runtime and internal/...
# (every allocation and map access goes through them) and in the engine's simulation (whose
# speed is the lab's; the later pattern wins, so the parts that run once per command — kubectl,
# api decoding and validation, the shell, lessons, explain, scenarios — are not inlined
# either): inlined copies cost about 9 % of the brotli transfer, while the engine's benchmarks
# and the UI's re-render keep their speed.
WASM_GCFLAGS := -gcflags=all=-l -gcflags=runtime= -gcflags=internal/...= -gcflags=rolloutlab/engine/...= \
	-gcflags=rolloutlab/engine/kubectl/...=-l -gcflags=rolloutlab/engine/api=-l \
	-gcflags=rolloutlab/engine/shell=-l -gcflags=rolloutlab/engine/lesson=-l \
	-gcflags=rolloutlab/engine/explain=-l -gcflags=rolloutlab/engine/scenario=-l
# WASM_OUT: where `make wasm` writes the browser build (the browser tests build their own).
WASM_OUT  ?= web/app.wasm

## build: the native command (bin/rolloutlab) and the browser build (web/app.wasm)
build: deps wasm
	$(GO) build -o bin/rolloutlab .
	cp "$(WASM_EXEC)/wasm_exec.js" web/wasm_exec.js

## wasm: the browser build alone, in $(WASM_OUT)
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' $(WASM_GCFLAGS) -o "$(WASM_OUT)" .

## wasm-size: where app.wasm's bytes go: code per package and its brotli-11 weight alone
## (tools/wasmsize; TOP=N lists the N largest functions instead)
TOP       ?= 0
wasm-size:
	GOOS=js GOARCH=wasm $(GO) build -trimpath $(WASM_GCFLAGS) -o .wasm-size.wasm .
	$(GO) run ./tools/wasmsize -top $(TOP) .wasm-size.wasm; rc=$$?; rm -f .wasm-size.wasm; exit $$rc

## static: the site as static files in $(STATIC_DIR), to serve from any folder of any host
static: build
	bin/rolloutlab static --out "$(STATIC_DIR)" --version "$(VERSION)" --public-url "$(PUBLIC_URL)" --compress "$(COMPRESS)"

## dist: the release archive rolloutlab-site-$(VERSION).zip: the site (brotli at its best) and
## EMBED.md, the guide to dropping it into a docs site; no Go toolchain needed to use it
DIST_ZIP  ?= rolloutlab-site-$(VERSION).zip
dist: build
	rm -rf .dist-site
	bin/rolloutlab static --out .dist-site --version "$(VERSION)" --compress best \
	  --zip "$(DIST_ZIP)" --embed-doc docs/EMBED.md
	rm -rf .dist-site

## run: build the playground and serve it on http://localhost:$(PORT)/
run: static
	bin/rolloutlab serve --dir "$(STATIC_DIR)" --addr "localhost:$(PORT)" --prefix "$(PREFIX)"

## test: vet, native tests, engine tests as wasm under Node, browser tests (each stage timed)
test: deps node chromium
	@rm -f .test-times; t0=$$(date +%s); \
	$(call timed,vet); $(call timed,test-native); $(call timed,test-wasm); $(call timed,test-browser); \
	echo "== stages:"; cat .test-times; rm -f .test-times; echo "== make test: $$(( $$(date +%s) - t0 )) s"

vet:
	$(GO) vet ./...
	$(GO) vet -tags mutationdetector ./engine/store/...
	GOOS=js GOARCH=wasm $(GO) vet ./engine/... .

# The browser tests are their own stage (test-browser), so test-native leaves e2e/ out. The
# engine's tests run with the store's mutation detector on (engine/store/mutation.go): every
# stored object is fingerprinted and a change made in place fails the test.
test-native:
	$(GO) test -count=1 -tags mutationdetector ./engine/...
	$(GO) test -count=1 $$($(GO) list ./... | grep -v -e '/e2e$$' -e '/engine$$' -e '/engine/')

test-wasm: node
	$(WASMENV) $(GO) test -count=1 ./engine/...

## test-browser: static site + headless Chromium walk-through (e2e/); screenshots in e2e/screenshots/
test-browser: build chromium
	@if [ -x "$(CHROMIUM)" ] || [ "$$(id -u)" = 0 ]; then req=1; else req=; fi; \
	set -o pipefail; $(E2E_ENV) ROLLOUTLAB_E2E_REQUIRE=$$req $(GO) test -count=1 -timeout 15m -v ./e2e/ 2>&1 \
	  | grep -v '^=== \(RUN\|PAUSE\|CONT\)'

## conformance: score the public scenarios with the shared compare.py (needs ../shared)
conformance:
	@for s in seed recreate zero-surge set-env-resources; do \
	  python3 ../shared/conformance/compare.py --run "$(GO) run . run --json" ../shared/conformance/scenarios/$$s.txt; \
	done

## bench: engine benchmarks natively and as wasm under Node, then the browser numbers
bench: bench-engine bench-browser

bench-engine: deps node
	$(GO) test -run '^$$' -bench . -benchmem ./engine/...
	$(WASMENV) $(GO) test -run '^$$' -bench . -benchmem ./engine/

## bench-browser: load times, wasm size and re-render times in headless Chromium (e2e/bench_test.go)
bench-browser: build chromium
	$(E2E_ENV) RUN_BROWSER_BENCH=1 $(GO) test -count=1 -timeout 30m -run 'TestBrowserBench' -v ./e2e/

clean:
	rm -rf bin "$(STATIC_DIR)" .dist-site rolloutlab-site-*.zip web/app.wasm web/wasm_exec.js e2e/screenshots
