//go:build race

package main

import "os"

// Under -race the end-to-end tests run a race-instrumented command, so
// that the race detector watches the real pipeline, not only the tests:
// TestMain's go build inherits GOFLAGS.
func init() {
	os.Setenv("GOFLAGS", "-race "+os.Getenv("GOFLAGS"))
}
