package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/normalize"
)

// A shard's stripped texts (sketch --texts, apply --texts): what the
// sketch pass made of each document read, in order, so that apply writes
// its records without extracting and stripping again, the most costly
// work of a run (see Performance in the package comment). The file comes
// in one of two layouts, named in its head:
//
//   - replay (without --annotate): every batch the sketch pass consumed,
//     each document with what the emitter needs of it (id, position, size,
//     error, its removals' rules and lengths, the text's length) and its
//     record as the output
//     writes it, then the batch's end (its bytes, skipped WARC records,
//     an input's failure). Apply replays the batches without reading the
//     inputs at all: at 200 MB, reading and decoding the input again was
//     a third of apply's CPU time and its texts' copies another quarter.
//     Apply with --rejects (which wants the records as read) reads the
//     inputs again beside the file; with Parquet output (rows, not JSON)
//     or --explain (which shows the removed texts) it extracts and strips
//     again instead.
//   - texts (--annotate, whose fields depend on the decisions): each
//     document's text and removals, or its extraction's error; apply
//     reads the inputs again and takes the texts from here.
const (
	layoutTexts  = 0
	layoutReplay = 1
)

// Record kinds.
const (
	textOK     = 0 // layout texts: the text and the removals follow
	textFailed = 1 // layout texts: extraction failed, the message follows
	replayDoc  = 2 // layout replay: a document
	replayEnd  = 3 // layout replay: the end of a batch
	replayFrom = 4 // layout replay: the source of the documents that follow
)

// textsWriter writes a texts file through a temporary file renamed into
// place by finish.
type textsWriter struct {
	path    string
	f       *os.File
	w       *shardWriter
	layout  byte
	source  string            // of the last document, layout replay
	sourced bool              // source was written
	rules   map[string]uint64 // layout replay: the rules named so far, by number
	buf     []byte
}

func createTexts(path string, shard Shard, cfg Config) (*textsWriter, error) {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	t := &textsWriter{path: path, f: f, w: newShardWriter(f), layout: layoutReplay, rules: map[string]uint64{}}
	if cfg.Annotate {
		t.layout = layoutTexts
	}
	head := binary.AppendUvarint(nil, uint64(shard.Index))
	head = binary.AppendUvarint(head, uint64(max(shard.Count, 1)))
	t.w.Write(append(head, t.layout))
	return t, nil
}

// add writes the record of a document of the sketch pass.
func (t *textsWriter) add(it *item) {
	if t.layout == layoutReplay {
		t.addReplay(it)
		return
	}
	b := t.buf[:0]
	switch {
	case it.ok:
		b = append(b, textOK)
		b = appendString(b, it.text)
		b = appendRemovalList(b, it.removed)
	default:
		b = append(b, textFailed)
		msg := ""
		if it.doc.Err != nil {
			msg = it.doc.Err.Error()
		}
		b = appendString(b, msg)
	}
	t.buf = b
	t.w.Write(b)
}

func appendRemovalList(b []byte, removed []normalize.Removal) []byte {
	b = binary.AppendUvarint(b, uint64(len(removed)))
	for _, rm := range removed {
		b = appendString(appendString(b, rm.Rule), rm.Text)
	}
	return b
}

// addReplay writes a document as a frame: kind, length, then the id,
// line, size and either the error (reason, message) or the text's
// length, the removals and the record.
func (t *textsWriter) addReplay(it *item) {
	d := it.doc
	if d.Source != t.source || !t.sourced {
		t.source, t.sourced = d.Source, true
		t.frame(replayFrom, appendString(t.buf[:0], d.Source))
	}
	b := appendString(t.buf[:0], d.ID)
	b = binary.AppendUvarint(b, uint64(d.Line))
	b = binary.AppendUvarint(b, uint64(d.Bytes))
	if d.Err != nil {
		reason := ""
		if rej, ok := errors.AsType[*docio.Reject](d.Err); ok {
			reason = rej.Reason
		}
		b = append(b, 1)
		b = appendString(appendString(b, reason), d.Err.Error())
	} else {
		b = append(b, 0)
		b = binary.AppendUvarint(b, uint64(len(it.text)))
		b = t.appendRemovalLengths(b, it.removed)
		if it.text != "" { // kept or a duplicate: which is decided later
			b = d.AppendJSON(b, it.text)
		}
	}
	t.frame(replayDoc, b)
}

// appendRemovalLengths appends the rule and length of each removal, all
// that the emitter counts of them: a rule by its number in the order of
// first use, named then (the removed texts were a tenth of the file, and
// apply allocated two strings per removal).
func (t *textsWriter) appendRemovalLengths(b []byte, removed []normalize.Removal) []byte {
	b = binary.AppendUvarint(b, uint64(len(removed)))
	for _, rm := range removed {
		if n, ok := t.rules[rm.Rule]; ok {
			b = binary.AppendUvarint(b, n)
		} else {
			t.rules[rm.Rule] = uint64(len(t.rules))
			b = appendString(binary.AppendUvarint(b, uint64(len(t.rules)-1)), rm.Rule)
		}
		b = binary.AppendUvarint(b, uint64(len(rm.Text)))
	}
	return b
}

// endBatch writes the end of a batch of the sketch pass.
func (t *textsWriter) endBatch(bt *batch) {
	if t.layout != layoutReplay {
		return
	}
	b := binary.AppendUvarint(t.buf[:0], uint64(bt.bytes))
	b = binary.AppendUvarint(b, uint64(len(bt.skipped)))
	for kind, n := range bt.skipped {
		b = binary.AppendUvarint(appendString(b, kind), uint64(n))
	}
	switch {
	case bt.inputErr == nil:
		b = append(b, 0)
	case errors.Is(bt.inputErr, ErrUnreadable):
		b = appendString(append(b, 2), bt.inputErr.Error())
	default:
		b = appendString(append(b, 1), bt.inputErr.Error())
	}
	t.frame(replayEnd, b)
}

func (t *textsWriter) frame(kind byte, body []byte) {
	t.buf = body
	var head [1 + binary.MaxVarintLen64]byte
	head[0] = kind
	n := binary.PutUvarint(head[1:], uint64(len(body)))
	t.w.Write(head[:1+n])
	t.w.Write(body)
}

func appendString[S string | []byte](b []byte, s S) []byte {
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
	rd     *shardReader
	layout byte
	rules  []string // layout replay: the rules named so far
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
	layout, err3 := rd.ReadByte()
	if err1 != nil || err2 != nil || int(i) != shard.Index || int(n) != max(shard.Count, 1) {
		rd.f.Close()
		return nil, fmt.Errorf("%s: not the texts of shard %v", path, shard)
	}
	if err3 != nil || layout > layoutReplay {
		rd.f.Close()
		return nil, fmt.Errorf("%s: truncated or corrupt", path)
	}
	t.layout = layout
	return t, nil
}

func (t *textsReader) str() (string, error) {
	n, err := binary.ReadUvarint(t.rd)
	if err != nil || n > uint64(t.rd.left) {
		return "", fmt.Errorf("%s: truncated or corrupt", t.rd.path)
	}
	b := make([]byte, n)
	_, err = io.ReadFull(t.rd, b)
	return string(b), err
}

// fill gives it the text the sketch pass made of it (layout texts).
func (t *textsReader) fill(it *item) error {
	kind, err := t.rd.ReadByte()
	if err != nil {
		return fmt.Errorf("%s: more documents than it holds: other inputs", t.rd.path)
	}
	switch kind {
	case textOK:
		if it.text, err = t.str(); err != nil {
			return err
		}
		n, err := binary.ReadUvarint(t.rd)
		if err != nil || n > uint64(t.rd.left) {
			return fmt.Errorf("%s: truncated or corrupt", t.rd.path)
		}
		it.removed = make([]normalize.Removal, n)
		for j := range it.removed {
			rule, err := t.str()
			if err != nil {
				return err
			}
			text, err := t.str()
			if err != nil {
				return err
			}
			it.removed[j] = normalize.Removal{Rule: rule, Text: text}
		}
		it.ok = true
	case textFailed:
		msg, err := t.str()
		if err != nil {
			return err
		}
		if it.doc.Err == nil { // the extraction failed in the sketch pass
			it.doc.Err = &storedError{msg, &docio.Reject{Reason: "html_extraction", Err: errors.New(msg)}}
		}
	default:
		return fmt.Errorf("%s: corrupt (record kind %d)", t.rd.path, kind)
	}
	return nil
}

// frame reads the next frame of layout replay. Its body is memory no
// other frame's body shares (a record is written from it), cut from
// *arena when there is one.
func (t *textsReader) frame(arena *[]byte) (byte, *parser, error) {
	bad := fmt.Errorf("%s: truncated or corrupt", t.rd.path)
	kind, err := t.rd.ReadByte()
	if err != nil {
		return 0, nil, bad
	}
	size, err := binary.ReadUvarint(t.rd)
	if err != nil || size > uint64(t.rd.left) {
		return 0, nil, bad
	}
	var body []byte
	if a := arena; a == nil {
		body = make([]byte, size)
	} else {
		if uint64(cap(*a)-len(*a)) < size {
			*a = make([]byte, 0, max(2<<20, size))
		}
		n := len(*a)
		*a = (*a)[:n+int(size)]
		body = (*a)[n:len(*a):len(*a)]
	}
	if _, err := io.ReadFull(t.rd, body); err != nil {
		return 0, nil, bad
	}
	if kind < replayDoc || kind > replayFrom {
		return 0, nil, fmt.Errorf("%s: corrupt (record kind %d)", t.rd.path, kind)
	}
	return kind, &parser{b: body}, nil
}

// doc gives it what the sketch pass made of its document: its error
// (unless it has one), or its removals, text length and record.
func (t *textsReader) doc(p *parser, it *item) {
	if p.byte() == 1 {
		reason, msg := p.str(), p.str()
		var rej *docio.Reject
		if reason != "" {
			rej = &docio.Reject{Reason: reason, Err: errors.New(msg)}
		}
		if it.doc.Err == nil {
			it.doc.Err = &storedError{msg, rej}
		}
		return
	}
	it.ok, it.length = true, int(p.uvarint())
	n := min(p.uvarint(), uint64(len(p.b)))
	it.removed, it.removedLens = make([]normalize.Removal, n), make([]int, n)
	for j := range it.removed {
		rule := p.uvarint()
		if rule == uint64(len(t.rules)) {
			t.rules = append(t.rules, p.str())
		}
		if rule >= uint64(len(t.rules)) {
			p.err = errCorrupt
			return
		}
		it.removed[j].Rule, it.removedLens[j] = t.rules[rule], int(p.uvarint())
	}
	if it.length > 0 {
		it.record = p.rest()
	}
}

// replay sends the batches of a texts file of layout replay, as the
// reader sends the inputs' batches, and returns the file's error.
func (t *textsReader) replay(send func(*batch) bool) error {
	source := ""
	cur := newBatch()
	for t.rd.left > 0 {
		kind, p, err := t.frame(&cur.arena)
		if err != nil {
			return err
		}
		switch kind {
		case replayFrom:
			source = p.str()
		case replayDoc:
			it := item{doc: &docio.Doc{Source: source, ID: p.str(), Line: int(p.uvarint()), Bytes: int(p.uvarint())}}
			t.doc(p, &it)
			cur.items = append(cur.items, it)
		case replayEnd:
			cur.bytes = int64(p.uvarint())
			for n := p.uvarint(); n > 0 && p.err == nil; n-- {
				if cur.skipped == nil {
					cur.skipped = map[string]int64{}
				}
				kind := p.str()
				cur.skipped[kind] += int64(p.uvarint())
			}
			if fail := p.byte(); fail != 0 {
				kind := error(ErrDamaged)
				if fail == 2 {
					kind = ErrUnreadable
				}
				cur.inputErr = &inputFailure{p.str(), kind}
			}
			if p.err == nil && !send(cur) {
				return nil
			}
			cur = newBatch()
		}
		if p.err != nil || len(p.b) > 0 {
			return fmt.Errorf("%s: truncated or corrupt", t.rd.path)
		}
	}
	if len(cur.items) > 0 {
		return fmt.Errorf("%s: truncated or corrupt", t.rd.path) // a batch without its end
	}
	return nil
}

// fillReplay gives it, a document read from the inputs, what the sketch
// pass made of it, from a texts file of layout replay: apply with
// --rejects, which wants the records as read.
func (t *textsReader) fillReplay(it *item) error {
	for {
		if t.rd.left == 0 {
			return fmt.Errorf("%s: more documents than it holds: other inputs", t.rd.path)
		}
		kind, p, err := t.frame(nil)
		if err != nil {
			return err
		}
		if kind != replayDoc {
			continue
		}
		if id := p.str(); id != it.doc.ID {
			return fmt.Errorf("%s: document %q where the inputs have %q: other inputs", t.rd.path, id, it.doc.ID)
		}
		p.uvarint() // line
		p.uvarint() // size
		t.doc(p, it)
		if p.err != nil || len(p.b) > 0 {
			return fmt.Errorf("%s: truncated or corrupt", t.rd.path)
		}
		return nil
	}
}

// skipEnds reads the frames after the last document fillReplay asked
// for: ends of batches only.
func (t *textsReader) skipEnds() error {
	for t.rd.left > 0 {
		kind, _, err := t.frame(nil)
		if err != nil {
			return err
		}
		if kind == replayDoc {
			return fmt.Errorf("%s: fewer documents in the inputs than it holds: other inputs", t.rd.path)
		}
	}
	return nil
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

func (p *parser) str() string {
	n := p.uvarint()
	if n > uint64(len(p.b)) {
		p.err, p.b = errCorrupt, nil
		return ""
	}
	s := string(p.b[:n])
	p.b = p.b[n:]
	return s
}

func (p *parser) rest() []byte {
	b := p.b
	p.b = nil
	return b
}

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

// inputFailure is an input's failure as the sketch pass reported it.
type inputFailure struct {
	msg  string
	kind error // ErrDamaged or ErrUnreadable
}

func (e *inputFailure) Error() string { return e.msg }
func (e *inputFailure) Unwrap() error { return e.kind }
