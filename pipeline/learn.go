package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
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
// Failures are left for the clean pass to report, once. The later passes
// read what it decompressed from its spools.
func (r *runner) count(ctx context.Context) (*normalize.RepeatCounter, error) {
	r.decompressed = make([]string, len(r.inputs))
	defer func() {
		for i, name := range r.decompressed {
			if name != "" {
				if raw := r.inputs[i].spool; raw != "" {
					os.Remove(raw) // compressed standard input: no longer read
				}
				r.temps = append(r.temps, name)
				r.inputs[i].spool, r.inputs[i].plainSpool = name, true
				r.repiece(i)
			}
		}
	}()
	if r.cfg.Progress != nil {
		r.startProgress("learn")
		defer r.cfg.Progress.Done()
	}
	if r.limitMemory {
		// The pass keeps little but extracting pages makes much
		// garbage; under the memory limit the collector may wait longer
		// than GOGC=100 would (see Memory in the package comment).
		defer debug.SetGCPercent(debug.SetGCPercent(learnGCPercent))
	}
	pieces := r.learnPieces()
	todo := make(chan *keyBatch, 4*r.cfg.Workers)
	runs := make(chan *lineRun, 2*r.cfg.Workers)
	var next atomic.Int64
	var readers, hashers sync.WaitGroup
	var sinks extractSinks
	for range r.cfg.Workers {
		readers.Go(func() {
			sink := sinks.get()
			for i := next.Add(1) - 1; int(i) < len(pieces); i = next.Add(1) - 1 {
				var ok bool
				if p := pieces[i]; p.stream {
					ok = r.cutPiece(ctx, p, int(i), runs)
				} else {
					ok = r.learnPiece(ctx, p, int(i), todo, sink)
				}
				if !ok {
					return
				}
			}
		})
		hashers.Go(func() {
			sink := sinks.get()
			for l := range runs {
				if !r.learnLines(ctx, l, todo, sink) {
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
	counter.Reserve(int(r.piecesSize() / bytesPerLine))
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
	r.keepExtracted(&sinks) // every reader and hasher is done
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return counter, nil
}

// bytesPerLine is about how many bytes of JSON Lines input there are per
// distinct line counted: 212 in a quarter of the 1 GB gencorpus corpus
// (1.18M lines), 220 in a quarter of 200 MB; the counter is sized for the
// input's lines up front (at most to its cap).
const bytesPerLine = 256

// piecesSize is the bytes of the run's pieces that are plain files (a
// compressed or piped input counts nothing: its size is not known).
func (r *runner) piecesSize() int64 {
	var n int64
	for _, p := range r.pieces {
		if size := plainSize(p.in); size > 0 {
			end := p.end
			if end < 0 {
				end = size
			}
			n += end - p.off
		}
	}
	return n
}

// droppedSitesShown is how many sites the report names when site-repeat
// counting dropped lines.
const droppedSitesShown = 20

// reportDropped puts what the counter left uncounted for want of
// temporary space into the report, by site, and warns once.
func (r *runner) reportDropped(counter *normalize.RepeatCounter) {
	sites, total, cause := counter.Dropped()
	if total == 0 {
		return
	}
	r.rep.SiteRepeatDroppedLines = total
	r.rep.SiteRepeatDropped = map[string]int64{}
	for i, s := range sites {
		name := s.Site
		if i >= droppedSitesShown {
			name = otherSites
		}
		r.rep.SiteRepeatDropped[name] += s.Lines
	}
	fmt.Fprintf(r.cfg.Warn, "warning: site-repeat learning sampled for want of temporary space (%v): %d line occurrences of %d sites not counted, so fewer repeated lines are stripped (site_repeat_dropped in the report)\n",
		cause, total, len(sites))
}

// otherSites names, in the report, the sites past the first
// droppedSitesShown.
const otherSites = "(other sites)"

// learnGCPercent is the collector's pacing in the learn pass when Run
// manages the memory limit.
const learnGCPercent = 1000

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

// learnPiece hashes the lines of the documents of piece p, the n-th, for
// the counter, and keeps the text of its pages in sink.
func (r *runner) learnPiece(ctx context.Context, p piece, n int, todo chan<- *keyBatch, sink *extractSink) bool {
	rc, err := p.open()
	if err != nil {
		return true // the clean pass reports it
	}
	defer rc.Close()
	sink.begin(p.input, n, 0)
	defer sink.end()
	return r.hashDocs(ctx, docio.NewReader(rc, p.in.Input, r.cfg.Read), nil, todo, sink)
}

// cutPiece cuts stream piece p into runs of lines for the hashers, and
// keeps what it decompresses in a spool for the later passes
// (r.decompressed) when the input reads to its end undamaged.
func (r *runner) cutPiece(ctx context.Context, p piece, n int, runs chan<- *lineRun) bool {
	rc, err := p.open()
	if err != nil {
		return true // the clean pass reports it
	}
	defer rc.Close()
	var src io.Reader = rc
	spool := newSpoolFile("clean-decompressed-*")
	if spool != nil {
		defer spool.discard() // unless finished
		src = io.TeeReader(rc, spool)
	}
	rd := docio.NewReader(src, p.in.Input, r.cfg.Read)
	for seq := 0; ; seq++ {
		t := time.Now()
		l := lineRuns.Get().(*lineRun)
		l.in, l.input, l.piece, l.seq = p.in.Input, p.input, n, seq
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

// lineRun is a run of lines of a stream piece, the input it is from and
// where it lies: in piece number piece, run number seq.
type lineRun struct {
	docio.Lines
	in                docio.Input
	input, piece, seq int
}

// learnLines hashes the lines of the documents of run l for the counter,
// and keeps the text of its pages in sink.
func (r *runner) learnLines(ctx context.Context, l *lineRun, todo chan<- *keyBatch, sink *extractSink) bool {
	sink.begin(l.input, l.piece, l.seq)
	ok := r.hashDocs(ctx, docio.NewLinesReader(&l.Lines, l.in, r.cfg.Read), &l.Lines, todo, sink)
	sink.end()
	if cap(l.Data) <= 4*lineRunBytes { // not the buffer of a huge line
		lineRuns.Put(l)
	}
	return ok
}

// hashDocs hashes the lines of the documents rd reads for the counter
// and keeps the text extracted from pages in sink; run, if rd reads one,
// adds its oversized lines to the documents counted. It reads with NextText, which lends each document only until
// the next: the learn pass keeps no document, only line keys and the
// site, so it need not copy records. It returns false when the run is
// cancelled.
func (r *runner) hashDocs(ctx context.Context, rd *docio.Reader, run *docio.Lines, todo chan<- *keyBatch, sink *extractSink) bool {
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
				sink.add(d, text, ok)
				lap(stageExtract)
			}
			if ok {
				var ends []int
				if d.HTML == nil {
					ends = d.LineEnds // text is d.Text, its breaks found while decoding
				}
				b.keys = normalize.LineKeysAt(b.keys, d.Site, text, ends)
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
	for _, p := range r.pieces {
		starts, stream := cuts(p.in)
		// A shard's piece of a file is cut where the file is, within it.
		starts = slices.DeleteFunc(starts, func(off int64) bool { return off <= p.off || p.end >= 0 && off >= p.end })
		starts = slices.Insert(starts, 0, p.off)
		for j, off := range starts {
			end := p.end
			if j+1 < len(starts) {
				end = starts[j+1]
			}
			pieces = append(pieces, piece{in: p.in, input: p.input, off: off, end: end, stream: stream})
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
	switch in.Format {
	case docio.FormatText, docio.FormatHTML, docio.FormatParquet:
		return starts, false
	case docio.FormatWARC:
		// Records are cut from the stream whole (ReadLines), for the
		// hashers to extract their pages on every core.
		return starts, true
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
