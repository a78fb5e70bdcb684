package docio

import (
	"errors"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutputFileTooLarge makes a file output fail mid-write, as a full
// disk would, by lowering the process's file size limit.
func TestOutputFileTooLarge(t *testing.T) {
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skip(err)
	}
	signal.Ignore(syscall.SIGXFSZ) // so the write fails with EFBIG instead of killing the test
	defer signal.Reset(syscall.SIGXFSZ)
	lim := old
	lim.Cur = 1 << 20
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Skip(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)

	dir := t.TempDir()
	path := filepath.Join(dir, "out.jsonl")
	o, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 64<<10)
	var werr error
	for i := 0; i < 64 && werr == nil; i++ {
		_, werr = o.Write(chunk)
	}
	cerr := o.Commit()
	if !errors.Is(werr, syscall.EFBIG) || !strings.Contains(werr.Error(), "write "+path+":") {
		t.Errorf("Write error %v, want file too large naming %s", werr, path)
	}
	if cerr == nil {
		t.Error("Commit succeeded after a failed write")
	}
	if names := dirNames(t, dir); names != "" {
		t.Errorf("left behind: %s", names)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("destination exists after a failed output: %v", err)
	}
}
