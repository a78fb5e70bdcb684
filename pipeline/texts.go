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
// sketch step extracted and stripped, per document read, in order, so
// that apply writes its records without extracting and stripping again,
// the most costly work of a run (see Performance in the package comment).
// Each record is a kind (textOK, textFailed), then the text and the
// removals, or the extraction's error message.

const (
	textOK     = 0
	textFailed = 1 // extraction failed: the message follows
)

// textsWriter writes a texts file through a temporary file renamed into
// place by finish.
type textsWriter struct {
	path string
	f    *os.File
	w    *shardWriter
	buf  []byte
}

func createTexts(path string, shard Shard) (*textsWriter, error) {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	t := &textsWriter{path: path, f: f, w: newShardWriter(f)}
	head := binary.AppendUvarint(nil, uint64(shard.Index))
	t.w.Write(binary.AppendUvarint(head, uint64(max(shard.Count, 1))))
	return t, nil
}

// add writes the record of a document of the sketch pass.
func (t *textsWriter) add(it *item) {
	b := t.buf[:0]
	switch {
	case it.ok:
		b = append(b, textOK)
		b = appendString(b, it.text)
		b = binary.AppendUvarint(b, uint64(len(it.removed)))
		for _, rm := range it.removed {
			b = appendString(appendString(b, rm.Rule), rm.Text)
		}
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
	rd *shardReader
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

// fill gives it the text the sketch pass made of it.
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

// storedError is an extraction error as the sketch pass reported it.
type storedError struct {
	msg string
	rej *docio.Reject
}

func (e *storedError) Error() string { return e.msg }
func (e *storedError) Unwrap() error { return e.rej }
