package pipeline

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/newsclean/clean/docio"
)

// The learn pass extracts the text of every page, HTML file or record of
// HTML, to count its lines; the later passes need that text again. So that
// a page is parsed once per run, each learn goroutine appends what it
// extracted to a spool file of its own (an extractSink), in the order it
// read the pages, and notes which piece of which input each stretch of the
// file holds (a segment). The later passes read an input's segments in
// piece order, which is the input's order, and take the next entry for
// each page they read instead of extracting it; a whole HTML file is not
// even opened again. An entry holds the document's size as read, so a
// page that no longer matches (an input changed between passes) ends the
// use of the spool for that input, and the rest is extracted as before.
// Extracted text is a few percent of the HTML, and the spool is on disk,
// so memory stays bounded; a spool that cannot be written is given up
// like the decompressed one (spoolFile), and its inputs' pages are
// extracted again.

// segment is a stretch of a spool file holding the entries of the pages
// of one piece (or, for a compressed input, one run of lines) in order.
type segment struct {
	input, piece, run int
	path              string
	off, end          int64
}

// extractSink is a learn goroutine's spool of extracted text; created
// at its first page, so that a corpus without HTML writes none.
type extractSink struct {
	f    *spoolFile
	off  int64   // bytes written
	cur  segment // the open segment
	segs []segment
	buf  []byte
}

// begin opens a segment for the pages of a piece (and run).
func (s *extractSink) begin(input, piece, run int) {
	s.cur = segment{input: input, piece: piece, run: run, off: s.off, end: -1}
}

// add appends the entry of page d: its size, its site and its text (ok
// false: extraction failed, left for the clean pass to report).
func (s *extractSink) add(d *docio.Doc, text string, ok bool) {
	if s.f == nil {
		if s.f = newSpoolFile("clean-extracted-*"); s.f == nil {
			s.f = &spoolFile{failed: true}
		}
	}
	status := uint64(0)
	if ok {
		status = uint64(len(text)) + 1
	} else {
		text = ""
	}
	b := binary.AppendUvarint(s.buf[:0], uint64(d.Bytes))
	b = binary.AppendUvarint(b, uint64(len(d.Site)))
	b = append(b, d.Site...)
	s.buf = binary.AppendUvarint(b, status)
	s.f.Write(s.buf)
	s.f.WriteString(text)
	s.off += int64(len(s.buf) + len(text))
	s.cur.end = s.off
}

// end closes the open segment.
func (s *extractSink) end() {
	if s.cur.end > s.cur.off {
		s.segs = append(s.segs, s.cur)
	}
}

// extractSinks collects the learn goroutines' sinks.
type extractSinks struct {
	mu    sync.Mutex
	sinks []*extractSink
}

func (x *extractSinks) get() *extractSink {
	s := &extractSink{}
	x.mu.Lock()
	x.sinks = append(x.sinks, s)
	x.mu.Unlock()
	return s
}

// finish closes the sinks and returns, per input, its segments in order;
// an input with a segment in a spool that failed gets none.
func (x *extractSinks) finish(inputs int) (segs [][]segment, paths []string) {
	segs = make([][]segment, inputs)
	lost := make([]bool, inputs)
	for _, s := range x.sinks {
		if s.f == nil {
			continue
		}
		path := s.f.finish()
		if path != "" {
			paths = append(paths, path)
		}
		for _, g := range s.segs {
			if path == "" {
				lost[g.input] = true
			}
			g.path = path
			segs[g.input] = append(segs[g.input], g)
		}
	}
	for i := range segs {
		if lost[i] {
			segs[i] = nil
		}
		slices.SortFunc(segs[i], func(a, b segment) int {
			return cmp.Or(cmp.Compare(a.piece, b.piece), cmp.Compare(a.run, b.run))
		})
	}
	return segs, paths
}

// extracted reads an input's entries back in a later pass.
type extracted struct {
	r *bufio.Reader
}

// newExtracted returns a reader of the entries of segs (one input's),
// through files, the spool files open for reading; nil when there are
// none.
func newExtracted(segs []segment, files map[string]*os.File) *extracted {
	if len(segs) == 0 {
		return nil
	}
	rs := make([]io.Reader, len(segs))
	size := int64(0)
	for i, g := range segs {
		rs[i] = io.NewSectionReader(files[g.path], g.off, g.end-g.off)
		size += g.end - g.off
	}
	// A page's entry is small: no 64 KB buffer for each HTML file.
	return &extracted{r: bufio.NewReaderSize(io.MultiReader(rs...), int(min(size, 64<<10)))}
}

// errMismatch: an entry is not of the page read.
var errMismatch = errors.New("extracted text does not match the page")

// next returns the next entry: the page's size and site, and its text
// (ok false: extract it again). On any failure, or when want >= 0 is not
// the entry's size, it returns an error and the reader must not be used
// again.
func (x *extracted) next(want int) (size int, site, text string, ok bool, err error) {
	n, err := binary.ReadUvarint(x.r)
	if err == nil && want >= 0 && int(n) != want {
		err = errMismatch
	}
	if err == nil {
		site, err = x.str()
	}
	var status uint64
	if err == nil {
		status, err = binary.ReadUvarint(x.r)
	}
	if err == nil && status > 0 {
		b := make([]byte, status-1)
		_, err = io.ReadFull(x.r, b)
		text, ok = string(b), true
	}
	return int(n), site, text, ok && err == nil, err
}

// str reads a length-prefixed string.
func (x *extracted) str() (string, error) {
	n, err := binary.ReadUvarint(x.r)
	if err != nil {
		return "", err
	}
	b := make([]byte, n)
	_, err = io.ReadFull(x.r, b)
	return string(b), err
}

// keepExtracted keeps what the learn goroutines' sinks hold for the later
// passes, and the spool files for removal at the end.
func (r *runner) keepExtracted(sinks *extractSinks) {
	segs, paths := sinks.finish(len(r.inputs))
	r.temps = append(r.temps, paths...)
	r.extractFiles = map[string]*os.File{}
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			continue // its inputs' pages are extracted again
		}
		r.extractFiles[path] = f
	}
	for i, ss := range segs {
		for _, g := range ss {
			if r.extractFiles[g.path] == nil {
				segs[i] = nil
				break
			}
		}
	}
	r.extracted = segs
}

// closeExtracted closes the spool files of extracted text.
func (r *runner) closeExtracted() {
	for _, f := range r.extractFiles {
		f.Close()
	}
}
