// Package web holds the files the playground ships inside its binaries: the lessons
// (web/lessons/*.yaml), compiled into the page's wasm and the rolloutlab command alike.
package web

import "embed"

// Lessons is the folder lessons/ with the shipped lesson files.
//
//go:embed lessons/*.yaml
var Lessons embed.FS
