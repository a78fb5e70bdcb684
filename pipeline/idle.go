package pipeline

import (
	"context"
	"io"
)

// idleReader reads a pipe ahead on its own goroutine, so that its reader
// can tell when the next read would wait for the producer: it then calls
// idle, which hands on the documents read so far, before it waits. A pipe
// that pauses (a crawler between pages, a user typing) so still sees each
// record written as soon as it is decided, while a busy pipe is read in
// full chunks as before. A read also ends when ctx is done, though the
// producer stays silent.
type idleReader struct {
	ctx  context.Context
	idle func()
	full chan chunk  // chunks read ahead, in order
	free chan []byte // buffers to read into
	done chan struct{}
	cur  chunk
	off  int // cur.b[off:] is not yet returned
}

type chunk struct {
	b   []byte
	err error
}

// Read-ahead: a few chunks, so that a fast producer never waits on us.
const (
	idleChunks    = 4
	idleChunkSize = 64 << 10
)

func newIdleReader(ctx context.Context, src io.Reader, idle func()) *idleReader {
	r := &idleReader{
		ctx: ctx, idle: idle,
		full: make(chan chunk, idleChunks),
		free: make(chan []byte, idleChunks),
		done: make(chan struct{}),
	}
	for range idleChunks {
		r.free <- make([]byte, idleChunkSize)
	}
	go r.fill(src)
	return r
}

// fill reads src until it fails or ends, or the reader is closed. A read
// that never returns keeps it blocked; the process is ending then.
func (r *idleReader) fill(src io.Reader) {
	for {
		var buf []byte
		select {
		case buf = <-r.free:
		case <-r.done:
			return
		}
		n, err := src.Read(buf)
		select {
		case r.full <- chunk{buf[:n], err}:
		case <-r.done:
			return
		}
		if err != nil {
			return
		}
	}
}

func (r *idleReader) Read(p []byte) (int, error) {
	for r.off >= len(r.cur.b) {
		if r.cur.err != nil {
			return 0, r.cur.err
		}
		if r.cur.b != nil {
			r.free <- r.cur.b[:cap(r.cur.b)]
		}
		r.cur, r.off = chunk{}, 0
		select {
		case r.cur = <-r.full:
			continue
		default:
		}
		r.idle()
		select {
		case r.cur = <-r.full:
		case <-r.ctx.Done():
			return 0, r.ctx.Err()
		}
	}
	n := copy(p, r.cur.b[r.off:])
	r.off += n
	return n, nil
}

// Close stops the read-ahead.
func (r *idleReader) Close() { close(r.done) }
