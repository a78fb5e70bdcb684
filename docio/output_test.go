package docio

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

func TestOutputCommitAndAbort(t *testing.T) {
	data, _ := awkwardLines(t)
	for _, name := range []string{"out.jsonl", "out.jsonl.gz", "out.jsonl.zst"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			// Abort leaves the old file and no temporary.
			o, err := Create(path)
			if err != nil {
				t.Fatal(err)
			}
			o.Write(data)
			if err := o.Abort(); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(path); string(got) != "old" || dirNames(t, dir) != name {
				t.Errorf("after Abort: content %q, directory %q", got, dirNames(t, dir))
			}
			// Commit replaces it; Open reads it back whatever the suffix.
			o, err = Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(path); string(got) != "old" {
				t.Errorf("destination changed before Commit: %q", got)
			}
			for _, chunk := range bytes.SplitAfter(data, []byte("\n")) {
				if _, err := o.Write(chunk); err != nil {
					t.Fatal(err)
				}
			}
			if err := o.Commit(); err != nil {
				t.Fatal(err)
			}
			if err := o.Abort(); err != nil || dirNames(t, dir) != name {
				t.Errorf("Abort after Commit: %v, directory %q", err, dirNames(t, dir))
			}
			f, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(f)
			f.Close()
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("read back %d bytes (error %v), want %d", len(got), err, len(data))
			}
			if _, err := o.Write([]byte("x")); err == nil {
				t.Error("Write after Commit succeeded")
			}
		})
	}
	if _, err := Create(filepath.Join(t.TempDir(), "no", "such", "dir.jsonl")); err == nil || !strings.Contains(err.Error(), "dir.jsonl") {
		t.Errorf("Create in a missing directory: %v", err)
	}
}

func TestOutputStdoutFull(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	stdout := os.Stdout
	os.Stdout = full
	defer func() { os.Stdout = stdout }()
	o, err := Create("-")
	if err != nil {
		t.Fatal(err)
	}
	// Small writes are buffered; the error surfaces by Commit at the latest.
	_, werr := o.Write([]byte("{}\n"))
	err = o.Commit()
	if werr != nil {
		err = werr
	}
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "standard output") {
		t.Errorf("error %v, want no space left naming standard output", err)
	}
	// Large writes fail at once.
	o, _ = Create("-")
	if _, err := o.Write(make([]byte, 4*writeBufSize)); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("large write: %v", err)
	}
	if err2 := o.Commit(); err2 == nil {
		t.Error("Commit after a failed write succeeded")
	}
}
