package docio

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// writeBufSize is the output buffer's size.
const writeBufSize = 256 << 10

// Output is an output file written to a temporary name and renamed into
// place by Commit; a .gz or .zst suffix compresses it.
type Output struct {
	path   string         // as given; "-" is standard output
	target string         // path with links followed: what Commit replaces
	tmp    string         // the temporary file; "" for standard output and direct writes
	direct bool           // writing straight to a device or pipe
	file   *os.File       // tmp, or os.Stdout
	buf    *bufio.Writer  // over file
	comp   io.WriteCloser // compressor over buf, or nil
	w      io.Writer      // comp or buf: where Write goes
	err    error          // the first error; every later call returns it
	done   bool           // committed or aborted
}

// Create starts an output at path ("-" is standard output). The
// temporary file is created next to path, so the rename cannot cross
// file systems, and with the permissions a plain create would give.
func Create(path string) (*Output, error) {
	o := &Output{path: path}
	switch target, special := resolveOutput(path); {
	case path == "-":
		o.file = os.Stdout
	case special:
		// A device or a pipe (/dev/null, a FIFO) cannot be replaced by a
		// rename: write to it directly.
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("create %s: %w", path, unwrapPath(err))
		}
		o.file, o.direct = f, true
	default:
		f, err := createTemp(target)
		if err != nil {
			return nil, err
		}
		o.file, o.tmp, o.target = f, f.Name(), target
	}
	o.buf = bufio.NewWriterSize(o.file, writeBufSize)
	o.w = o.buf
	switch strings.ToLower(filepath.Ext(path)) {
	case ".gz":
		o.comp = gzip.NewWriter(o.buf)
	case ".zst", ".zstd":
		zw, err := zstd.NewWriter(o.buf)
		if err != nil {
			o.Abort()
			return nil, fmt.Errorf("%s: zstd: %w", path, err)
		}
		o.comp = zw
	}
	if o.comp != nil {
		o.w = o.comp
	}
	return o, nil
}

// Stat describes the file being written: the temporary file, the device
// or pipe written directly, or standard output.
func (o *Output) Stat() (fs.FileInfo, error) { return o.file.Stat() }

// resolveOutput follows symbolic links, so that a link given as the
// output keeps pointing where it did and its target is what gets
// replaced, and tells whether the target is something other than a
// regular file or a file still to be made.
func resolveOutput(path string) (target string, special bool) {
	target = path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t
	}
	fi, err := os.Stat(target)
	return target, err == nil && !fi.Mode().IsRegular()
}

// createTemp creates a new hidden file beside path. Unlike os.CreateTemp
// it asks for mode 0666, so the umask decides as for any new file.
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	for range 100 {
		name := filepath.Join(dir, "."+base+".tmp"+strconv.FormatUint(rand.Uint64()%1e9, 10))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			if err != nil {
				return nil, fmt.Errorf("create %s: %w", path, unwrapPath(err))
			}
			return f, nil
		}
	}
	return nil, fmt.Errorf("create %s: cannot find an unused temporary name", path)
}

// unwrapPath drops the temporary file's name from err so messages name
// only the path the user gave.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (o *Output) fail(op string, err error) error {
	if o.err == nil {
		name := o.path
		if name == "-" {
			name = "standard output"
		}
		o.err = fmt.Errorf("%s %s: %w", op, name, unwrapPath(err))
	}
	return o.err
}

// Write writes p. An error (a full disk, a closed pipe) names the output
// and is returned again by every later call.
func (o *Output) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	if o.done {
		return 0, o.fail("write", os.ErrClosed)
	}
	n, err := o.w.Write(p)
	if err != nil {
		return n, o.fail("write", err)
	}
	return n, nil
}

// ReadFrom writes what r holds. Uncompressed, it writes it straight to
// the file, so that a copy from another file can be the kernel's
// (copy_file_range, sendfile) rather than through the buffer.
func (o *Output) ReadFrom(r io.Reader) (int64, error) {
	if o.err != nil {
		return 0, o.err
	}
	if o.done {
		return 0, o.fail("write", os.ErrClosed)
	}
	var n int64
	var err error
	if o.comp == nil {
		if err = o.buf.Flush(); err == nil {
			n, err = o.file.ReadFrom(r)
		}
	} else {
		n, err = io.Copy(o.w, r)
	}
	if err != nil {
		return n, o.fail("write", err)
	}
	return n, nil
}

// Commit flushes the output, syncs it to disk and renames it into place.
// After an error nothing is left at the temporary name and the
// destination is unchanged.
func (o *Output) Commit() error {
	if o.done && o.err == nil {
		return o.fail("commit", os.ErrClosed)
	}
	if o.err != nil {
		o.Abort()
		return o.err
	}
	if o.comp != nil {
		err := o.comp.Close()
		o.comp = nil
		if err != nil {
			return o.commitFailed("write", err)
		}
	}
	if err := o.buf.Flush(); err != nil {
		return o.commitFailed("write", err)
	}
	if o.tmp != "" {
		if err := o.file.Sync(); err != nil {
			return o.commitFailed("sync", err)
		}
		if err := o.file.Close(); err != nil {
			return o.commitFailed("close", err)
		}
		if err := os.Rename(o.tmp, o.target); err != nil {
			return o.commitFailed("rename", err)
		}
		// Make the rename itself durable. Some file systems cannot sync
		// a directory; the data is already safe, so that is no error.
		if d, err := os.Open(filepath.Dir(o.target)); err == nil {
			d.Sync()
			d.Close()
		}
	}
	if o.direct {
		if err := o.file.Close(); err != nil {
			return o.commitFailed("close", err)
		}
	}
	o.done = true
	return nil
}

func (o *Output) commitFailed(op string, err error) error {
	err = o.fail(op, err)
	o.Abort()
	return err
}

// Abort removes the temporary file; buffered output to standard output
// is dropped. It is a no-op after Commit.
func (o *Output) Abort() error {
	if o.done {
		return nil
	}
	o.done = true
	if o.comp != nil {
		o.comp.Close() // releases the compressor's resources; the output is discarded
		o.comp = nil
	}
	if o.direct {
		return o.file.Close()
	}
	if o.tmp == "" {
		return nil
	}
	o.file.Close()
	err := os.Remove(o.tmp)
	o.tmp = ""
	if err != nil {
		return fmt.Errorf("remove temporary file for %s: %w", o.path, err)
	}
	return nil
}
