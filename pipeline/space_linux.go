package pipeline

import "syscall"

// statfsSpace returns the bytes available to this user and the size of
// the file system holding path (Linux counts blocks in units of Frsize,
// which can differ from Bsize, as on NFS).
func statfsSpace(path string) (free, total int64, ok bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return 0, 0, false
	}
	return int64(st.Bavail) * int64(st.Frsize), int64(st.Blocks) * int64(st.Frsize), true
}
