//go:build !linux

package simhash

// adviseHuge is a no-op where huge pages cannot be requested.
func adviseHuge[T any](s []T) {}
