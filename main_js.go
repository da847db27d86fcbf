//go:build js

package main

// The browser build: the playground UI arrives with the UI issue; until then the wasm only
// proves the engine builds for js/wasm.
func main() {}
