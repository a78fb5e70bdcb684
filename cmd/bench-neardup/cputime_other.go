//go:build !linux

package main

import "time"

var started = time.Now()

// threadCPU is wall time where no thread clock is read: other processes
// on the machine then slow the per-core figure.
func threadCPU() time.Duration { return time.Since(started) }
