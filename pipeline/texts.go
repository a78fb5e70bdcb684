package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/normalize"
)

// A shard's stripped texts (sketch --texts, apply --texts): what the
// sketch pass made of each document read, in order, so that apply writes
// its records without extracting and stripping again, the most costly
// work of a run (see Performance in the package comment). Apply reads its
// inputs again and rebuilds each text from its document's own text by a
// script of edits: a stripped text is runs of the text it was stripped
// from (the removed lines are gaps between them), so a document costs the
// file a few bytes, not its text; a page's text, extracted from HTML, is
// held whole. At 1 GB in 4 shards the texts were 1.07 GB when they held
// each document's record instead, and writing them cost the sketch step
// 0.9 CPU-s per shard (most of it in the kernel) and apply as much to
// read them back; decoding the input again costs apply less than that.
//
// The file's payload: the shard (index, count), the lines before each of
// the shard's pieces (+1; 0: not counted), so that apply need not count
// them again, then a frame per document (its length, then its body):
//
//   - textFailed: the extraction's error message;
//   - textOK: the text's length, the length of the text it was made
//     from (a document of another length than at the sketch step is an
//     error), the edits (each: a literal, bytes of the source skipped,
//     bytes copied, until the text's length), and the removals (each: its
//     rule, numbered in order of first use and named then, and its text:
//     0 and the text, or 1 + its offset in the source from the end of
//     the previous removal, and its length).
const (
	textOK     = 0
	textFailed = 1
)

// textsWriter writes a texts file through a temporary file renamed into
// place by finish.
type textsWriter struct {
	path  string
	f     *os.File
	w     *shardWriter
	rules map[string]uint64 // the rules named so far, by number
	head  [binary.MaxVarintLen64]byte
	body  []byte
}

// createTexts starts the texts of shard, whose pieces (read by the sketch
// pass) are ps.
func createTexts(path string, shard Shard, ps []piece) (*textsWriter, error) {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	t := &textsWriter{path: path, f: f, w: newShardWriter(f), rules: map[string]uint64{}}
	head := binary.AppendUvarint(nil, uint64(shard.Index))
	head = binary.AppendUvarint(head, uint64(max(shard.Count, 1)))
	head = binary.AppendUvarint(head, uint64(len(ps)))
	for _, p := range ps {
		counted := 0
		if !p.countLines {
			counted = p.line + 1
		}
		head = binary.AppendUvarint(head, uint64(counted))
	}
	t.w.Write(head)
	return t, nil
}

// source is the text a document's stripped text is made from, as the
// apply pass has it again: a plain document's own text, none for a page.
func (it *item) source() string {
	if it.doc.HTML != nil || it.extracted {
		return ""
	}
	return it.doc.Text
}

// add writes the frame of a document of the sketch pass.
func (t *textsWriter) add(it *item) {
	b := t.body[:0]
	if it.ok {
		src := it.source()
		b = append(b, textOK)
		b = binary.AppendUvarint(b, uint64(len(it.text)))
		b = binary.AppendUvarint(b, uint64(len(src)))
		b = appendEdits(b, src, it.text)
		b = binary.AppendUvarint(b, uint64(len(it.removed)))
		at := 0
		for _, rm := range it.removed {
			if n, ok := t.rules[rm.Rule]; ok {
				b = binary.AppendUvarint(b, n)
			} else {
				t.rules[rm.Rule] = uint64(len(t.rules))
				b = appendString(binary.AppendUvarint(b, uint64(len(t.rules)-1)), rm.Rule)
			}
			i := strings.Index(src[at:], rm.Text)
			if i < 0 {
				b = appendString(append(b, 0), rm.Text)
				continue
			}
			b = binary.AppendUvarint(b, uint64(i)+1)
			b = binary.AppendUvarint(b, uint64(len(rm.Text)))
			at += i + len(rm.Text)
		}
	} else {
		msg := ""
		if it.doc.Err != nil {
			msg = it.doc.Err.Error()
		}
		b = appendString(append(b, textFailed), msg)
	}
	t.body = b
	t.w.Write(t.head[:binary.PutUvarint(t.head[:], uint64(len(b)))])
	t.w.Write(b)
}

// appendEdits appends edits that make dst from src, where dst is mostly
// runs of src in order (a stripped text): each edit is a literal, then
// bytes of src skipped and bytes copied. A run is found by its first 32
// bytes, then followed as far as it goes; what is not found is literal,
// a line at a time. A text that is not made of src (a decoded one) costs
// a few searches of src, then is literal.
func appendEdits(b []byte, src, dst string) []byte {
	const probe = 32
	q, p, lit := 0, 0, 0        // src read to q, dst written to p, literal from lit
	budget := 4*len(src) + 4096 // src bytes searched in vain before giving up
	if src == "" {
		budget = 0 // a page's text
	}
	for p < len(dst) {
		if budget > 0 {
			if i := strings.Index(src[q:], dst[p:min(p+probe, len(dst))]); i >= 0 {
				m := commonPrefix(src[q+i:], dst[p:])
				b = appendString(b, dst[lit:p])
				b = binary.AppendUvarint(b, uint64(i))
				b = binary.AppendUvarint(b, uint64(m))
				q, p, lit = q+i+m, p+m, p+m
				continue
			}
			budget -= len(src) - q + probe
		}
		if e := strings.IndexByte(dst[p:], '\n'); e >= 0 && budget > 0 {
			p += e + 1
		} else {
			p = len(dst)
		}
	}
	if lit < len(dst) {
		b = append(appendString(b, dst[lit:]), 0, 0)
	}
	return b
}

// commonPrefix is the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for _, step := range []int{256, 16, 1} { // strings compared whole are compared fast
		for i+step <= n && a[i:i+step] == b[i:i+step] {
			i += step
		}
	}
	return i
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// finish completes the file (or, with err, removes it) and returns err or
// its own failure.
func (t *textsWriter) finish(h fileHeader, err error) error {
	if err == nil {
		err = t.w.finish(h)
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(t.f.Name(), t.path)
	}
	if err != nil {
		os.Remove(t.f.Name())
	}
	return err
}

// textsReader reads a texts file in step with the apply pass.
type textsReader struct {
	rd    *shardReader
	lines []int // before each piece of the shard, +1 (0: not counted)
	rules []string
	body  []byte
}

func openTexts(file File, shard Shard, options, inputs uint64) (*textsReader, error) {
	path := file.Path
	rd, err := openShardFile(file, kindTexts)
	if err != nil {
		return nil, err
	}
	t := &textsReader{rd: rd}
	if err := checkHeader(path, rd.h, options, inputs); err != nil {
		rd.f.Close()
		return nil, err
	}
	i, err1 := binary.ReadUvarint(rd)
	n, err2 := binary.ReadUvarint(rd)
	if err1 != nil || err2 != nil || int(i) != shard.Index || int(n) != max(shard.Count, 1) {
		rd.f.Close()
		return nil, fmt.Errorf("%s: not the texts of shard %v", path, shard)
	}
	pieces, err := binary.ReadUvarint(rd)
	for j := uint64(0); err == nil && j < pieces && j <= uint64(rd.left); j++ {
		var line uint64
		line, err = binary.ReadUvarint(rd)
		t.lines = append(t.lines, int(line))
	}
	if err != nil || len(t.lines) != int(pieces) {
		rd.f.Close()
		return nil, fmt.Errorf("%s: truncated or corrupt", path)
	}
	return t, nil
}

// givePieces gives the pieces apply reads the lines before them that the
// sketch pass counted.
func (t *textsReader) givePieces(ps []piece) error {
	if len(ps) != len(t.lines) {
		return fmt.Errorf("%s: made for %d pieces of input, not %d: other inputs", t.rd.path, len(t.lines), len(ps))
	}
	for j := range ps {
		if t.lines[j] > 0 {
			ps[j].line, ps[j].countLines = t.lines[j]-1, false
		}
	}
	return nil
}

// fill gives it, a document read from the inputs, what the sketch pass
// made of it: its text and removals, or its extraction's error.
func (t *textsReader) fill(it *item) error {
	path := t.rd.path
	if t.rd.left == 0 {
		return fmt.Errorf("%s: more documents than it holds: other inputs", path)
	}
	size, err := binary.ReadUvarint(t.rd)
	if err != nil || size > uint64(t.rd.left) {
		return fmt.Errorf("%s: truncated or corrupt", path)
	}
	t.body = slices.Grow(t.body[:0], int(size))[:size]
	if _, err := io.ReadFull(t.rd, t.body); err != nil {
		return fmt.Errorf("%s: truncated or corrupt", path)
	}
	p := &parser{b: t.body}
	switch kind := p.byte(); kind {
	case textOK:
		if it.doc.Err != nil {
			return fmt.Errorf("%s: %s: read as text by the sketch step: other inputs", path, position(it.doc))
		}
		n, srcLen := p.uvarint(), p.uvarint()
		src := it.source()
		text, ok := "", srcLen == uint64(len(src))
		if ok {
			text, ok = rebuild(p, src, n)
		}
		if !ok {
			if p.err != nil {
				return fmt.Errorf("%s: truncated or corrupt", path)
			}
			return fmt.Errorf("%s: %s: not the text the sketch step stripped: other inputs", path, position(it.doc))
		}
		it.text, it.ok = text, true
		it.removed = make([]normalize.Removal, min(p.uvarint(), uint64(len(p.b))))
		at := 0
		for j := range it.removed {
			rule := p.uvarint()
			if rule == uint64(len(t.rules)) {
				t.rules = append(t.rules, p.str())
			}
			if rule >= uint64(len(t.rules)) {
				return fmt.Errorf("%s: truncated or corrupt", path)
			}
			rm := &it.removed[j]
			rm.Rule = t.rules[rule]
			if off := p.uvarint(); off == 0 {
				rm.Text = p.str()
			} else if l := p.uvarint(); off-1 > uint64(len(src)-at) || l > uint64(len(src)-at)-(off-1) {
				return fmt.Errorf("%s: %s: not the text the sketch step stripped: other inputs", path, position(it.doc))
			} else {
				at += int(off - 1)
				rm.Text, at = src[at:at+int(l)], at+int(l)
			}
		}
	case textFailed:
		msg := p.str()
		if it.doc.Err == nil { // the extraction failed in the sketch pass
			it.doc.Err = &storedError{msg, &docio.Reject{Reason: "html_extraction", Err: errors.New(msg)}}
		}
	default:
		return fmt.Errorf("%s: corrupt (record kind %d)", path, kind)
	}
	if p.err != nil || len(p.b) > 0 {
		return fmt.Errorf("%s: truncated or corrupt", path)
	}
	return nil
}

// rebuild makes the text of n bytes that the edits p reads make from src.
// A text that is one run of src is that part of src, uncopied.
func rebuild(p *parser, src string, n uint64) (string, bool) {
	var sb strings.Builder
	q := uint64(0)
	for done := uint64(0); done < n; {
		lit := p.bytes()
		skip, copied := p.uvarint(), p.uvarint()
		if p.err != nil || len(lit) == 0 && copied == 0 || skip > uint64(len(src))-q || copied > uint64(len(src))-q-skip {
			return "", false
		}
		q += skip
		if done == 0 && len(lit) == 0 && copied == n {
			return src[q : q+copied], true
		}
		if sb.Cap() == 0 {
			sb.Grow(int(min(n, uint64(len(p.b))+uint64(len(src)))))
		}
		sb.Write(lit)
		sb.WriteString(src[q : q+copied])
		q += copied
		done += uint64(len(lit)) + copied
	}
	return sb.String(), uint64(sb.Len()) == n
}

// parser reads the fields of a frame; a field past its end sets err.
type parser struct {
	b   []byte
	err error
}

func (p *parser) uvarint() uint64 {
	v, n := binary.Uvarint(p.b)
	if n <= 0 {
		p.err, p.b = errCorrupt, nil
		return 0
	}
	p.b = p.b[n:]
	return v
}

func (p *parser) byte() byte {
	if len(p.b) == 0 {
		p.err = errCorrupt
		return 0
	}
	c := p.b[0]
	p.b = p.b[1:]
	return c
}

// bytes reads a string's bytes, valid while the frame is.
func (p *parser) bytes() []byte {
	n := p.uvarint()
	if n > uint64(len(p.b)) {
		p.err, p.b = errCorrupt, nil
		return nil
	}
	s := p.b[:n]
	p.b = p.b[n:]
	return s
}

func (p *parser) str() string { return string(p.bytes()) }

// storedError is an error as the sketch pass reported it.
type storedError struct {
	msg string
	rej *docio.Reject
}

func (e *storedError) Error() string { return e.msg }
func (e *storedError) Unwrap() error {
	if e.rej == nil {
		return nil
	}
	return e.rej
}
