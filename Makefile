# Rollout Lab — build, serve and test the playground.
# `make run` builds the playground and serves it on localhost; `make test` runs every test.
GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm
STATIC_DIR ?= dist
PORT      ?= 8080
WASMENV   := PATH="$(WASM_EXEC):$$PATH" GOOS=js GOARCH=wasm

.PHONY: all run test build static bench deps node vet test-native test-wasm conformance clean

all: build

## deps: download Go modules (the proxy is reachable from every machine of this kind)
deps:
	$(GO) mod download

## node: the engine's tests also run compiled to WebAssembly under Node.js
node:
	@command -v node >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs >/dev/null; \
	  else echo "Node.js is needed for the WebAssembly tests: install the nodejs package"; exit 1; fi; }

## build: the native command (bin/rolloutlab) and the browser build (web/app.wasm)
build: deps
	$(GO) build -o bin/rolloutlab .
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o web/app.wasm .
	cp "$(WASM_EXEC)/wasm_exec.js" web/wasm_exec.js

## static: the site as static files in $(STATIC_DIR)
static: build
	mkdir -p "$(STATIC_DIR)"
	cp -r web/. "$(STATIC_DIR)/"

## run: build the playground and serve it on http://localhost:$(PORT)/
run: static
	$(GO) run . serve --dir "$(STATIC_DIR)" --addr "localhost:$(PORT)"

## test: vet, native tests, engine tests as wasm under Node, conformance scores
test: deps node vet test-native test-wasm

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./engine/... .

test-native:
	$(GO) test -count=1 ./...

test-wasm: node
	$(WASMENV) $(GO) test -count=1 ./engine/...

## conformance: score the public scenarios with the shared compare.py (needs ../shared)
conformance:
	@for s in seed recreate zero-surge; do \
	  python3 ../shared/conformance/compare.py --run "$(GO) run . run --json" ../shared/conformance/scenarios/$$s.txt; \
	done

## bench: engine benchmarks natively and as wasm under Node
bench: deps node
	$(GO) test -run '^$$' -bench . -benchmem ./engine/...
	$(WASMENV) $(GO) test -run '^$$' -bench . -benchmem ./engine/

clean:
	rm -rf bin "$(STATIC_DIR)" web/app.wasm web/wasm_exec.js
