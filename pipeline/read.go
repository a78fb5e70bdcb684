package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/newsclean/clean/docio"
)

// spoolPipes copies each input that can be read only once (standard
// input, a named pipe such as a shell's <(zcat ...)) to a temporary file
// so that several passes can read it.
func (r *runner) spoolPipes(ctx context.Context) error {
	for i, in := range r.inputs {
		if in.Err != nil {
			continue // the clean pass reports it
		}
		if in.Path != "-" {
			if st, err := os.Stat(in.Path); err != nil || st.Mode().IsRegular() {
				continue // a failure is the clean pass's to report
			}
		}
		name := in.Path
		if name == "-" {
			name = "standard input"
		}
		f, err := os.CreateTemp("", "clean-spool-*")
		if err != nil {
			return fmt.Errorf("%w: spooling %s: %w", ErrUnreadable, name, err)
		}
		r.temps = append(r.temps, f.Name())
		err = spool(ctx, f, in.Path)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%w: spooling %s to %s: %w", ErrUnreadable, name, f.Name(), err)
		}
		r.inputs[i].spool, r.inputs[i].SeekIn = f.Name(), f.Name()
		switch {
		case r.cfg.Read.Format != docio.FormatAuto:
		case docio.IsWARC(f.Name()):
			r.inputs[i].Format = docio.FormatWARC // read whole records, never cut by lines
		case docio.IsParquet(f.Name()):
			r.inputs[i].Format = docio.FormatParquet
		}
		r.repiece(i)
	}
	return nil
}

// spool copies the input at path, as it is (compressed or not), to f.
func spool(ctx context.Context, f *os.File, path string) error {
	_, err := interruptible(ctx, func() (int64, error) {
		src := os.Stdin
		if path != "-" {
			var err error
			if src, err = os.Open(path); err != nil { // a FIFO waits for a writer
				return 0, err
			}
			defer src.Close()
		}
		return io.Copy(f, ctxReader{ctx, src})
	})
	return err
}

// interruptible returns f's result, or ctx's error as soon as ctx is done,
// so that an interruption takes effect at once also while f waits on an
// input that is open but silent (a terminal, a stalled producer, a FIFO
// with no writer yet). f runs on its own goroutine, which is then left
// blocked, to end with the process.
func interruptible[T any](ctx context.Context, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// ctxReader stops reading once ctx is done, so that an interruption ends
// the spooling of a producer that never stops.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// piece is what a reader reads: a whole input, or for the learn pass the
// lines that start in [off, end) of an uncompressed JSON Lines file (end
// < 0: to the end of the file).
type piece struct {
	in       source
	input    int // index of in in the runner's inputs
	off, end int64
	line     int // lines of the file before off
	// countLines: line is to be counted (linesBefore) when the piece is
	// read.
	countLines bool
	// stream: a compressed JSON Lines file, which cannot be cut by offset;
	// its learn-pass reader only decompresses and cuts runs of lines for
	// the hashers.
	stream bool
}

// whole is input number i, in, as one piece.
func whole(in source, i int) piece { return piece{in: in, input: i, end: -1} }

// open opens p's input, decompressing a whole input (unless it was
// decompressed already).
func (p piece) open() (io.ReadCloser, error) {
	if p.in.Err != nil {
		return nil, p.in.Err
	}
	if p.off == 0 && p.end < 0 && !p.in.plainSpool {
		return docio.Open(p.in.path())
	}
	f, err := os.Open(p.in.path())
	if err != nil {
		return nil, err
	}
	if _, err := f.Seek(p.off, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	if p.end < 0 {
		return f, nil
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(f, p.end-p.off), f}, nil
}

// read sends the documents of every input, in order, in batches.
func (r *runner) read(ctx context.Context, tokens chan struct{}, todo chan<- *batch) {
	defer close(todo)
	seq := 0
	send := func(b *batch) bool {
		select {
		case tokens <- struct{}{}:
		case <-ctx.Done():
			return false
		}
		b.seq = seq
		seq++
		todo <- b
		return true
	}
	if r.feed != nil {
		r.feed(send)
		return
	}
	for _, p := range r.pieces {
		b, ok := r.readInput(ctx, p, send)
		if !ok {
			return
		}
		if b != nil && !send(b) {
			return
		}
	}
}

// source is an input and, for standard input read more than once, the
// file it was spooled to.
type source struct {
	docio.Input
	spool string
	// plainSpool: spool holds the input's records decompressed by the
	// learn pass, to be read as they are.
	plainSpool bool
}

// path is where the input is read from.
func (s source) path() string {
	if s.spool != "" {
		return s.spool
	}
	return s.Path
}

// pipe reports whether p is read from a pipe, a terminal or the like,
// rather than a regular file: an input that may pause.
func (p piece) pipe() bool {
	if p.in.spool != "" {
		return false
	}
	var st os.FileInfo
	var err error
	if p.in.Path == "-" {
		st, err = os.Stdin.Stat()
	} else {
		st, err = os.Stat(p.in.Path)
	}
	return err == nil && !st.Mode().IsRegular()
}

// readInput sends the documents of a piece of input; it returns a last
// batch to send: the news of a failure, or nil.
func (r *runner) readInput(ctx context.Context, p piece, send func(*batch) bool) (*batch, bool) {
	var ex *extracted
	if p.input < len(r.extracted) {
		ex = newExtracted(r.extracted[p.input], r.extractFiles)
	}
	if ex != nil && p.in.Format == docio.FormatHTML {
		// The page was read and extracted by the learn pass: not again.
		if size, site, text, ok, err := ex.next(-1); err == nil && ok {
			d := docio.FileDoc(p.in.Input, r.cfg.Read)
			d.Site, d.Bytes = site, size
			cur := newBatch()
			cur.items = append(cur.items, item{doc: d, text: text, extracted: true})
			cur.bytes = int64(size)
			return cur, true
		}
	}
	if p.countLines {
		var err error
		if p.line, err = p.linesBefore(); err != nil {
			return &batch{inputErr: fmt.Errorf("%w: %w", ErrUnreadable, err)}, true
		}
	}
	pipe := p.pipe()
	var rc io.ReadCloser
	var err error
	if pipe { // opening peeks at the first bytes, which may be slow to come
		if rc, err = interruptible(ctx, p.open); ctx.Err() != nil {
			return nil, false
		}
	} else {
		rc, err = p.open()
	}
	if err != nil {
		// A file that cannot be opened or read is unreadable; a bad
		// gzip or zstd header is damage, like a stream cut short.
		kind := ErrDamaged
		if _, isIO := errors.AsType[*fs.PathError](err); isIO {
			kind = ErrUnreadable
		}
		return &batch{inputErr: fmt.Errorf("%w: %w", kind, err)}, true
	}
	defer rc.Close()
	cur := newBatch()
	var src io.Reader = rc
	stopped, sent := false, false // sent: a batch since the last pause
	if pipe {
		// At each pause of the pipe, the documents read so far go on,
		// marked for the output to be flushed after them.
		ir := newIdleReader(ctx, rc, func() {
			if stopped || (!sent && len(cur.items) == 0) {
				return
			}
			cur.flush = true
			stopped, sent = !send(cur), false
			cur = newBatch()
		})
		defer ir.Close()
		src = ir
	}
	// ctxReader: an interruption also ends a line that never ends
	// (/dev/zero), which the reader skips without returning.
	rd := docio.NewReader(ctxReader{ctx, src}, p.in.Input, r.cfg.Read)
	rd.StartAt(p.line, p.off)
	t := time.Now()
	for {
		d, err := rd.Next()
		if err == io.EOF {
			break
		}
		if stopped || ctx.Err() != nil {
			return nil, false
		}
		if err != nil {
			if len(cur.items) > 0 && !send(cur) {
				return nil, false
			}
			return &batch{inputErr: fmt.Errorf("%w: %w", ErrDamaged, err), skipped: rd.Skipped(), tail: rd.TakeSkipped()}, true
		}
		it := item{doc: d, skipped: rd.TakeSkipped()}
		if ex != nil && d.Err == nil && d.HTML != nil {
			_, _, text, ok, err := ex.next(d.Bytes)
			if err != nil {
				ex = nil // extract the rest of the input's pages
			}
			it.text, it.extracted = text, ok
		}
		cur.items = append(cur.items, it)
		cur.bytes += int64(d.Bytes)
		if len(cur.items) >= batchDocs || cur.bytes >= batchBytes {
			r.stages.add(stageRead, t)
			if !send(cur) {
				return nil, false
			}
			cur, sent = newBatch(), true
			t = time.Now()
		}
		if ctx.Err() != nil {
			return nil, false
		}
	}
	r.stages.add(stageRead, t)
	cur.skipped, cur.tail = rd.Skipped(), rd.TakeSkipped()
	if len(cur.items) == 0 && len(cur.skipped) == 0 {
		return nil, true
	}
	return cur, true
}
