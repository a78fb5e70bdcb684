package docio

import (
	"fmt"
	"io"
)

// Lines is a run of whole lines of a JSON Lines input, cut by
// Reader.ReadLines so that another goroutine can decode them
// (NewLinesReader). Splitting the reading of one stream (a decompressor,
// a pipe) from decoding lets the decoding use every core, which matters
// when a single compressed file is the whole input.
type Lines struct {
	Data []byte // the lines, each ended by '\n'
	// First is the number of lines of the input before Data's first, so
	// that documents read from Data carry their line in the input.
	First int
	// A line too long to buffer (over MaxDocBytes and a byte) is left
	// empty in Data, so that line numbers stay right, and counted here;
	// Next would return it as a data error.
	Oversized      int
	OversizedBytes int64
}

// ReadLines replaces l's lines with the next whole lines of a JSON Lines
// input, at least one, until Data holds n bytes or more or the input ends;
// it returns io.EOF when no line is left. A damaged input returns its
// error after the lines before it, as Next does. Data's memory is reused.
func (r *Reader) ReadLines(l *Lines, n int) error {
	*l = Lines{Data: l.Data[:0], First: r.line}
	if r.in.Format == FormatWARC {
		return r.readRecords(l, n)
	}
	if r.err != nil { // the end, met by an earlier call
		return r.err
	}
	if r.sniffWARC() {
		return r.readRecords(l, n)
	}
	var err error
	for len(l.Data) < n {
		var line []byte
		var size int
		if line, size, err = r.readLine(); err != nil {
			if err != io.EOF {
				err = fmt.Errorf("%s: %w", r.in.Path, err)
			}
			break
		}
		r.line++
		if line == nil { // too long: skipped without buffering
			l.Oversized++
			l.OversizedBytes += int64(size)
		}
		l.Data = append(append(l.Data, line...), '\n')
	}
	// As in next: r.err holds the end of the input once it is met; until
	// then a read error is met again by readLine, after the lines before it.
	r.err = err
	if r.line > l.First {
		return nil
	}
	return err
}

// NewLinesReader reads the documents of l, cut from input in by
// ReadLines, with the lines numbered as in the input. The reader decodes
// over l.Data, which it owns until it returns io.EOF.
func NewLinesReader(l *Lines, in Input, opts Options) *Reader {
	r := NewReader(nil, in, opts)
	r.buf, r.w, r.eof, r.line = l.Data, len(l.Data), true, l.First
	return r
}
