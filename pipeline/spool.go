package pipeline

import (
	"bufio"
	"os"
)

// spoolFile keeps what the learn pass makes for the later passes: the
// decompressed records of a compressed input, so that they need not
// decompress it again (gzip's inflating, serial, cost about as much as all
// the rest of a pass), and the text it extracted from pages (extracted.go).
// It never fails the run: when a write fails, or the file system's free
// space falls below minFree, it removes what it wrote and the later passes
// decompress or extract as before.
type spoolFile struct {
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

// newSpoolFile starts a spool in the temporary directory, named after
// pattern (as os.CreateTemp takes it), or returns nil when there is no
// room for one.
func newSpoolFile(pattern string) *spoolFile {
	f := tempWithRoom(pattern)
	if f == nil {
		return nil
	}
	return &spoolFile{f: f, w: bufio.NewWriterSize(f, 1<<20)}
}

// tempWithRoom creates a file in the temporary directory, named after
// pattern, or returns nil when that fails or its file system has no room
// (roomOn).
func tempWithRoom(pattern string) *os.File {
	f, err := os.CreateTemp("", pattern)
	if err != nil {
		return nil
	}
	if !roomOn(f.Name()) {
		f.Close()
		os.Remove(f.Name())
		return nil
	}
	return f
}

// roomOn reports whether the file system holding path has more than
// minFree bytes free; false when that cannot be told.
func roomOn(path string) bool {
	free, total, ok := diskSpace(path)
	return ok && free > minFree(total)
}

// roomLeft reports whether the spool's file system has room (roomOn).
func (s *spoolFile) roomLeft() bool { return roomOn(s.f.Name()) }

// Write keeps p unless the spool has failed; it never returns an error,
// so that reading goes on whatever happens to the spool.
func (s *spoolFile) Write(p []byte) (int, error) {
	if !s.failed {
		s.wrote(s.w.Write(p))
	}
	return len(p), nil
}

// WriteString is Write for a string.
func (s *spoolFile) WriteString(p string) (int, error) {
	if !s.failed {
		s.wrote(s.w.WriteString(p))
	}
	return len(p), nil
}

// wrote gives the spool up after a failed write, or when the space left
// falls too low.
func (s *spoolFile) wrote(n int, err error) {
	if err != nil {
		s.discard()
		return
	}
	if s.unchecked += int64(n); s.unchecked >= spaceCheckBytes {
		s.unchecked = 0
		if !s.roomLeft() {
			s.discard()
		}
	}
}

// finish closes the spool of a whole input and returns its path, or ""
// when it failed.
func (s *spoolFile) finish() string {
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
func (s *spoolFile) discard() {
	if !s.failed && !s.kept {
		s.failed = true
		s.f.Close()
		os.Remove(s.f.Name())
	}
}
