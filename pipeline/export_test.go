package pipeline

// RoomForSpools makes the decompressed spools' free-space check pass
// whatever the test machine's disk, until the returned function is called.
func RoomForSpools() (restore func()) {
	saved := diskSpace
	diskSpace = func(string) (free, total int64, ok bool) { return 1 << 50, 1 << 50, true }
	return func() { diskSpace = saved }
}

// SetWindowBytes sets how much of a stream is held for correction.
func SetWindowBytes(n int) (restore func()) {
	old := windowBytes
	windowBytes = n
	return func() { windowBytes = old }
}
