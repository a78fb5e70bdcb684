package simhash

import (
	"syscall"
	"unsafe"
)

// adviseHuge asks the kernel to back a large array with huge pages. The
// index and the stored keys are read at random; at ten million documents
// they span a gigabyte, and with 4 KiB pages nearly every probe would also
// miss the TLB. Best effort: errors are ignored.
func adviseHuge[T any](s []T) {
	var zero T
	n := cap(s) * int(unsafe.Sizeof(zero))
	if n < 4<<20 {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), n)
	_ = syscall.Madvise(b, 14) // MADV_HUGEPAGE
}
