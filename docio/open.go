package docio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// maxZstdWindow bounds the memory a zstd stream may demand; it is the
// zstd command's own default limit (--long=27), so anything it wrote
// without --memory can be read.
const maxZstdWindow = 128 << 20

// readBufSize is the size of the buffer between a file and a decompressor.
const readBufSize = 256 << 10

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// Open opens path ("-" is standard input), decompressing gzip or zstd
// detected from the magic bytes, whatever the name says. Errors name the
// path.
func Open(path string) (io.ReadCloser, error) {
	var f *os.File
	if path == "-" {
		f = os.Stdin
	} else {
		var err error
		if f, err = os.Open(path); err != nil {
			return nil, err
		}
	}
	rc, err := decompress(f)
	if err != nil {
		if f != os.Stdin {
			f.Close()
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rc, nil
}

// Compressed reports whether the data at the start of f is gzip or zstd,
// as Open would decide; a file that cannot be read counts as compressed,
// so that callers treating plain files specially leave it to Open.
func Compressed(f io.ReaderAt) bool {
	var magic [4]byte
	n, err := f.ReadAt(magic[:], 0)
	return (err != nil && err != io.EOF) || compression(magic[:n]) != ""
}

// compression names the compression whose magic bytes start b, or "".
func compression(b []byte) string {
	switch {
	case bytes.HasPrefix(b, gzipMagic):
		return "gzip"
	case bytes.HasPrefix(b, zstdMagic):
		return "zstd"
	}
	return ""
}

// decompress wraps f in a decompressor chosen by its first bytes.
func decompress(f *os.File) (io.ReadCloser, error) {
	// A plain regular file is read directly, and says its size: a page
	// or a text is then read whole into a buffer of that size, with no
	// 256 KB buffer in between.
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && !Compressed(f) {
		return &readCloser{Reader: f, file: f, size: st.Size()}, nil
	}
	cf := &countingFile{f: f}
	if at, err := f.Seek(0, io.SeekCurrent); err == nil {
		cf.n, cf.seekable = at, true
	}
	first := cf.n
	br := bufio.NewReaderSize(cf, readBufSize)
	magic, err := br.Peek(len(zstdMagic))
	if err != nil && err != io.EOF {
		return nil, err
	}
	c := &readCloser{Reader: br, file: f, size: -1}
	switch compression(magic) {
	case "gzip":
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		zr.Multistream(false)
		c.Reader, c.closeFn, c.kind = &gzipMembers{zr: zr, br: br, file: cf, start: first}, zr.Close, "gzip"
	case "zstd":
		zr, err := zstd.NewReader(br,
			zstd.WithDecoderMaxWindow(maxZstdWindow),
			zstd.WithDecoderMaxMemory(maxZstdWindow),
			zstd.WithDecoderConcurrency(2))
		if err != nil {
			return nil, fmt.Errorf("zstd: %w", err)
		}
		c.Reader, c.closeFn, c.kind = zr, func() error { zr.Close(); return nil }, "zstd"
	}
	return c, nil
}

// readCloser closes the decompressor, then the file (standard input is
// left open).
type readCloser struct {
	io.Reader
	file    *os.File
	closeFn func() error
	kind    string // "gzip", "zstd" or "" for none
	size    int64  // the size of a plain regular file, or -1
}

// Size returns the number of bytes the reader will yield if known (a
// regular file, not compressed, that does not change), or -1.
func (c *readCloser) Size() int64 { return c.size }

// Read says which decompressor failed, so "unexpected EOF" reads as a
// truncated stream.
func (c *readCloser) Read(p []byte) (int, error) {
	n, err := c.Reader.Read(p)
	if err != nil && err != io.EOF && c.kind != "" && !strings.HasPrefix(err.Error(), c.kind+":") {
		err = fmt.Errorf("%s: %w", c.kind, err)
	}
	return n, err
}

func (c *readCloser) Close() error {
	var err error
	if c.closeFn != nil {
		err = c.closeFn()
	}
	if c.file != os.Stdin {
		if cerr := c.file.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// gzipMembers reads the members of a gzip file one after another, as
// gzip does, and like gzip -t accepts zero bytes after the last member
// (padding to a block or tape record). Anything else after a member must
// be another member.
//
// A member that fails is returned as a *MemberError, again on every later
// Read unless MemberError.Resume is called: then reading resumes at the
// next gzip header found past the failed member's start (in a file that
// can seek; in a pipe, past the point of failure), which is what lets a
// .warc.gz, one record per member, lose only the damaged records.
type gzipMembers struct {
	zr       *gzip.Reader
	br       *bufio.Reader
	file     *countingFile
	start    int64        // the current member's offset in the file
	produced int64        // bytes the current member has decompressed to
	failed   *MemberError // the current member failed
	resume   bool         // resynchronise after the failure
	end      error        // no member follows the failed one
}

func (g *gzipMembers) Read(p []byte) (int, error) {
	if g.end != nil {
		return 0, g.end
	}
	if g.failed != nil {
		if !g.resume {
			return 0, g.failed
		}
		if err := g.resync(); err != nil {
			g.end = err
			return 0, err
		}
	}
	for {
		n, err := g.zr.Read(p)
		g.produced += int64(n)
		if err == nil {
			return n, nil
		}
		if err != io.EOF {
			return n, g.fail(err)
		}
		if n > 0 {
			return n, nil // the next member, if any, on the next call
		}
		if err := g.next(); err != nil {
			if err == io.EOF {
				return 0, err
			}
			return 0, g.fail(err)
		}
	}
}

// fail marks the current member failed and describes it.
func (g *gzipMembers) fail(err error) error {
	g.failed = &MemberError{Offset: g.start, Produced: g.produced, Err: err, g: g}
	return g.failed
}

// gzipHeader starts every gzip member: the magic and the deflate method.
var gzipHeader = []byte{0x1f, 0x8b, 0x08}

// resync finds the next member after a failed one: the first gzip header
// after the failed member's start whose header parses. False starts (the
// three bytes occur by chance in deflate data about once in 16 MB) fail
// in turn and are passed over the same way.
func (g *gzipMembers) resync() error {
	from := g.start + 1
	if g.file.seekable {
		if _, err := g.file.f.Seek(from, io.SeekStart); err != nil {
			return err
		}
		g.file.n = from
		g.br.Reset(g.file)
	}
	for {
		b, err := g.br.Peek(len(gzipHeader))
		if len(b) < len(gzipHeader) {
			if err == nil || err == io.EOF || err == bufio.ErrBufferFull {
				return io.EOF
			}
			return err
		}
		b, _ = g.br.Peek(g.br.Buffered())
		i := bytes.Index(b, gzipHeader)
		if i < 0 {
			g.br.Discard(len(b) - len(gzipHeader) + 1)
			continue
		}
		g.br.Discard(i)
		g.start, g.produced, g.failed, g.resume = g.file.offset(g.br), 0, nil, false
		if err := g.zr.Reset(g.br); err == nil {
			g.zr.Multistream(false)
			return nil
		}
		if g.file.seekable { // back to just past the false start
			if _, err := g.file.f.Seek(g.start+1, io.SeekStart); err != nil {
				return err
			}
			g.file.n = g.start + 1
			g.br.Reset(g.file)
		}
	}
}

// countingFile counts the bytes read from a file, so that a gzip member's
// offset in it is known.
type countingFile struct {
	f        *os.File
	n        int64 // the file offset after the bytes read so far
	seekable bool
}

func (c *countingFile) Read(p []byte) (int, error) {
	n, err := c.f.Read(p)
	c.n += int64(n)
	return n, err
}

// offset is the file offset of br's next byte.
func (c *countingFile) offset(br *bufio.Reader) int64 { return c.n - int64(br.Buffered()) }

// next starts the member that follows the one just ended, or returns
// io.EOF when only zero bytes, or nothing, follow.
func (g *gzipMembers) next() error {
	zeros := false
	for {
		b, err := g.br.Peek(1)
		if len(b) == 0 {
			if err == io.EOF {
				return io.EOF
			}
			return err
		}
		if b[0] != 0 {
			break
		}
		zeros = true
		b, _ = g.br.Peek(g.br.Buffered())
		n := 0
		for n < len(b) && b[n] == 0 {
			n++
		}
		g.br.Discard(n)
	}
	if zeros {
		return errors.New("gzip: data after the zero padding that ends the file")
	}
	g.start, g.produced = g.file.offset(g.br), 0
	if err := g.zr.Reset(g.br); err != nil {
		return err
	}
	g.zr.Multistream(false)
	return nil
}
