package pipeline

import (
	"bufio"
	"os"
)

// decompressedSpool keeps the decompressed records of a compressed input
// as the learn pass reads them, so that the later passes read them from
// there instead of decompressing the input again (gzip's inflating, serial,
// cost about as much as all the rest of a pass). It never fails the run:
// when a write fails, or the file system's free space falls below
// minFree, it removes what it wrote and the later passes decompress as
// before.
type decompressedSpool struct {
	f         *os.File
	w         *bufio.Writer
	unchecked int64 // bytes written since the last free-space check
	failed    bool  // given up, file removed
	kept      bool  // finished: the file is the caller's
}

// spaceCheckBytes is how much is written between checks of free space
// (a variable for tests, as is diskSpace).
var spaceCheckBytes int64 = 64 << 20

// diskSpace returns the bytes free to this user and the size of the file
// system holding path; ok is false when that cannot be told.
var diskSpace = statfsSpace

// minFree is the free space a spool must leave on its file system: 1 GiB
// or a tenth of the file system, whichever is more. Other programs
// writing there must not find it full because of clean.
func minFree(total int64) int64 { return max(1<<30, total/10) }

// newDecompressedSpool starts a spool in the temporary directory, or
// returns nil when there is no room for one.
func newDecompressedSpool() *decompressedSpool {
	f, err := os.CreateTemp("", "clean-decompressed-*")
	if err != nil {
		return nil
	}
	s := &decompressedSpool{f: f, w: bufio.NewWriterSize(f, 1<<20)}
	if !s.roomLeft() {
		s.discard()
		return nil
	}
	return s
}

// roomLeft reports whether the spool's file system has more than minFree
// bytes free; false when that cannot be told.
func (s *decompressedSpool) roomLeft() bool {
	free, total, ok := diskSpace(s.f.Name())
	return ok && free > minFree(total)
}

// Write keeps p unless the spool has failed; it never returns an error,
// so that reading goes on whatever happens to the spool.
func (s *decompressedSpool) Write(p []byte) (int, error) {
	if s.failed {
		return len(p), nil
	}
	if _, err := s.w.Write(p); err != nil {
		s.discard()
		return len(p), nil
	}
	if s.unchecked += int64(len(p)); s.unchecked >= spaceCheckBytes {
		s.unchecked = 0
		if !s.roomLeft() {
			s.discard()
		}
	}
	return len(p), nil
}

// finish closes the spool of a whole input and returns its path, or ""
// when it failed.
func (s *decompressedSpool) finish() string {
	if s.failed {
		return ""
	}
	err := s.w.Flush()
	if err == nil {
		err = s.f.Close()
	}
	if err != nil {
		s.discard() // closing again does no harm
		return ""
	}
	s.kept = true
	return s.f.Name()
}

// discard gives the spool up and removes its file, unless it was kept.
func (s *decompressedSpool) discard() {
	if !s.failed && !s.kept {
		s.failed = true
		s.f.Close()
		os.Remove(s.f.Name())
	}
}
