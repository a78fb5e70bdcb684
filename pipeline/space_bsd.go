//go:build darwin || freebsd

package pipeline

import "syscall"

// statfsSpace returns the bytes available to this user and the size of
// the file system holding path (counts in units of Bsize, the fundamental
// block size here).
func statfsSpace(path string) (free, total int64, ok bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return 0, 0, false
	}
	return int64(st.Bavail) * int64(st.Bsize), int64(st.Blocks) * int64(st.Bsize), true
}
