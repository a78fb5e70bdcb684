package pipeline

import (
	"bufio"
	"context"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/normalize"
)

// learn counts lines per site over the whole corpus: a reader per worker
// over the pieces of the input (learnPieces) decodes records, extracts
// text and hashes its lines (normalize.LineKeys) for one counting
// goroutine. A reader of a stream piece only cuts it into runs of lines,
// which as many hashers decode and hash. The package comment says why.
// Failures are left for the clean pass to report, once.
func (r *runner) learn(ctx context.Context) (*normalize.RepeatTable, error) {
	if r.cfg.Progress != nil {
		r.startProgress("learn")
		defer r.cfg.Progress.Done()
	}
	pieces := r.learnPieces()
	todo := make(chan *keyBatch, 4*r.cfg.Workers)
	runs := make(chan *lineRun, 2*r.cfg.Workers)
	var next atomic.Int64
	var readers, hashers sync.WaitGroup
	for range r.cfg.Workers {
		readers.Go(func() {
			for i := next.Add(1) - 1; int(i) < len(pieces); i = next.Add(1) - 1 {
				var ok bool
				if p := pieces[i]; p.stream {
					ok = r.cutPiece(ctx, p, runs)
				} else {
					ok = r.learnPiece(ctx, p, todo)
				}
				if !ok {
					return
				}
			}
		})
		hashers.Go(func() {
			for l := range runs {
				if !r.learnLines(ctx, l, todo) {
					return // the readers stop too
				}
			}
		})
	}
	go func() {
		readers.Wait()
		close(runs)
		hashers.Wait()
		close(todo)
	}()

	counter := normalize.NewRepeatCounter()
	for b := range todo {
		t := time.Now()
		keyStart, siteStart := 0, 0
		for i, keyEnd := range b.keyEnds {
			siteEnd := b.siteEnds[i]
			counter.ObserveKeys(b.sites[siteStart:siteEnd], b.keys[keyStart:keyEnd])
			keyStart, siteStart = keyEnd, siteEnd
		}
		r.stages.add(stageLearn, t)
		if r.cfg.Progress != nil {
			r.cfg.Progress.Add(int64(b.docs), b.bytes)
		}
		b.free()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t := time.Now()
	table := counter.Table()
	r.stages.add(stageLearn, t)
	return table, nil
}

// keyBatch is what a learn reader hands the counter: the line keys and
// sites of a run of documents, flat, so that batches are reused without
// allocating per document.
type keyBatch struct {
	keys     []uint64
	keyEnds  []int  // per document: end of its keys in keys
	sites    string // the documents' sites, concatenated
	siteEnds []int  // per document: end of its site in sites
	docs     int    // documents read, counted or not
	bytes    int64  // bytes read
	siteBuf  []byte // sites is built here
}

// add ends a document of site whose line keys were appended to b.keys.
func (b *keyBatch) add(site string) {
	b.siteBuf = append(b.siteBuf, site...)
	b.keyEnds = append(b.keyEnds, len(b.keys))
	b.siteEnds = append(b.siteEnds, len(b.siteBuf))
}

// free returns b to the pool; nothing of it may be used afterwards.
func (b *keyBatch) free() {
	*b = keyBatch{keys: b.keys[:0], keyEnds: b.keyEnds[:0], siteEnds: b.siteEnds[:0], siteBuf: b.siteBuf[:0]}
	keyBatches.Put(b)
}

// learnPiece hashes the lines of the documents of piece p for the
// counter.
func (r *runner) learnPiece(ctx context.Context, p piece, todo chan<- *keyBatch) bool {
	rc, err := p.open()
	if err != nil {
		return true // the clean pass reports it
	}
	defer rc.Close()
	return r.hashDocs(ctx, docio.NewReader(rc, p.in.Input, r.cfg.Read), nil, todo)
}

// cutPiece cuts stream piece p into runs of lines for the hashers, and
// keeps what it decompresses in a spool for the later passes
// (r.decompressed) when the input reads to its end undamaged.
func (r *runner) cutPiece(ctx context.Context, p piece, runs chan<- *lineRun) bool {
	rc, err := p.open()
	if err != nil {
		return true // the clean pass reports it
	}
	defer rc.Close()
	var src io.Reader = rc
	spool := newDecompressedSpool()
	if spool != nil {
		defer spool.discard() // unless finished
		src = io.TeeReader(rc, spool)
	}
	rd := docio.NewReader(src, p.in.Input, r.cfg.Read)
	for {
		t := time.Now()
		l := lineRuns.Get().(*lineRun)
		l.in = p.in.Input
		err := rd.ReadLines(&l.Lines, lineRunBytes)
		r.stages.add(stageRead, t)
		if err != nil {
			lineRuns.Put(l)
			if err == io.EOF && spool != nil {
				r.decompressed[p.input] = spool.finish()
			}
			return true // damage is the clean pass's to report
		}
		select {
		case runs <- l:
		case <-ctx.Done():
			return false
		}
	}
}

// lineRun is a run of lines of a stream piece and the input it is from.
type lineRun struct {
	docio.Lines
	in docio.Input
}

// learnLines hashes the lines of the documents of run l for the counter.
func (r *runner) learnLines(ctx context.Context, l *lineRun, todo chan<- *keyBatch) bool {
	ok := r.hashDocs(ctx, docio.NewLinesReader(&l.Lines, l.in, r.cfg.Read), &l.Lines, todo)
	if cap(l.Data) <= 4*lineRunBytes { // not the buffer of a huge line
		lineRuns.Put(l)
	}
	return ok
}

// hashDocs hashes the lines of the documents rd reads for the counter;
// run, if rd reads one, adds its oversized lines to the documents
// counted. It reads with NextText, which lends each document only until
// the next: the learn pass keeps no document, only line keys and the
// site, so it need not copy records. It returns false when the run is
// cancelled.
func (r *runner) hashDocs(ctx context.Context, rd *docio.Reader, run *docio.Lines, todo chan<- *keyBatch) bool {
	var spent [numStages]time.Duration
	t := time.Now()
	lap := func(st stage) {
		now := time.Now()
		spent[st] += now.Sub(t)
		t = now
	}
	send := func(b *keyBatch) bool {
		b.sites = string(b.siteBuf) // one copy per batch: the counter's own
		for st, d := range spent {
			r.stages[st].Add(int64(d))
		}
		spent = [numStages]time.Duration{}
		select {
		case todo <- b:
			return true
		case <-ctx.Done():
			return false
		}
	}
	b := keyBatches.Get().(*keyBatch)
	if run != nil {
		b.docs, b.bytes = run.Oversized, run.OversizedBytes
	}
	for {
		d, err := rd.NextText()
		lap(stageRead)
		if err != nil { // io.EOF, or damage the clean pass reports
			break
		}
		b.docs++
		b.bytes += int64(d.Bytes)
		if d.Err == nil {
			text, ok := r.text(d)
			if d.HTML != nil { // only a page takes time: spare the clock
				lap(stageExtract)
			}
			if ok {
				b.keys = normalize.LineKeys(b.keys, d.Site, text)
				b.add(d.Site)
				lap(stageLearn)
			}
		}
		if b.docs >= batchDocs || b.bytes >= batchBytes {
			if !send(b) {
				return false
			}
			b = keyBatches.Get().(*keyBatch)
		}
	}
	if b.docs == 0 {
		b.free()
		return true
	}
	return send(b)
}

// learnChunk is the size of the pieces a large JSON Lines file is cut into
// for the learn pass (a variable for tests).
var learnChunk int64 = 16 << 20

// learnPieces cuts the inputs into pieces for the learn pass. Uncompressed
// JSON Lines files larger than learnChunk are cut at the first line start
// after every multiple of learnChunk; other inputs are one piece each. The
// cuts depend only on the files, never on -j, and a line belongs to the
// piece it starts in, so the pieces hold exactly the file's lines and the
// learned table is the same for every number of workers. (One difference
// from reading the file whole: a byte-order mark is skipped at the start
// of every piece, not only of the file; such a record is malformed in the
// clean pass anyway.)
func (r *runner) learnPieces() []piece {
	var pieces []piece
	for i, in := range r.inputs {
		starts, stream := cuts(in)
		for j, off := range starts {
			end := int64(-1)
			if j+1 < len(starts) {
				end = starts[j+1]
			}
			pieces = append(pieces, piece{in: in, input: i, off: off, end: end, stream: stream})
		}
	}
	return pieces
}

// cuts returns where the learn pass's pieces of in start: 0, and for a
// large uncompressed JSON Lines file the first line start at or after each
// multiple of learnChunk. stream is true for a compressed JSON Lines file.
// Any failure leaves the input whole, for the clean pass to report.
func cuts(in source) (starts []int64, stream bool) {
	starts = []int64{0}
	if in.Format == docio.FormatText || in.Format == docio.FormatHTML {
		return starts, false
	}
	// Stat before opening: opening a FIFO would wait for its writer.
	// (Pipes are spooled to files before the learn pass.)
	st, err := os.Stat(in.path())
	if err != nil || !st.Mode().IsRegular() {
		return starts, false
	}
	f, err := os.Open(in.path())
	if err != nil {
		return starts, false
	}
	defer f.Close()
	if docio.Compressed(f) {
		return starts, true
	}
	if st.Size() <= learnChunk {
		return starts, false
	}
	br := bufio.NewReaderSize(nil, 64<<10)
	for at := learnChunk; at < st.Size(); at += learnChunk {
		if last := starts[len(starts)-1]; at <= last {
			continue // a line longer than learnChunk
		}
		// The line holding byte at-1 ends at the first '\n' from there.
		br.Reset(io.NewSectionReader(f, at-1, st.Size()-at+1))
		skipped, err := br.ReadSlice('\n')
		n := int64(len(skipped))
		for err == bufio.ErrBufferFull {
			skipped, err = br.ReadSlice('\n')
			n += int64(len(skipped))
		}
		if err != nil { // the last line: no more cuts
			break
		}
		starts = append(starts, at-1+n)
	}
	return starts, false
}
