package pipeline

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/normalize"
	"github.com/newsclean/clean/simhash"
)

// Dedup modes.
const (
	DedupNear  = "near"
	DedupExact = "exact"
	DedupOff   = "off"
)

// Keep policies: which member represents a cluster.
const (
	KeepFirst   = "first"
	KeepLongest = "longest"
)

// Config describes one run.
type Config struct {
	Paths      []string      // files, directories or "-"; none means "-"
	Read       docio.Options // formats and field names
	Strip      bool          // strip boilerplate
	Rules      []normalize.Rule
	SiteRepeat bool   // learn lines repeated across a site in a first pass
	Dedup      string // DedupNear, DedupExact or DedupOff
	Keep       string // KeepFirst or KeepLongest
	Simhash    simhash.Options
	Annotate   bool // write every document with cluster, duplicate and removed fields
	Workers    int  // 0 means all cores
	Strict     bool // the first data error ends the run

	// Output receives the JSON Lines records; nil writes none (clean check).
	Output io.Writer
	// Clusters, if set, receives one JSON line per cluster of two or more.
	Clusters io.Writer
	// Explain, if set, receives a human account of every removal instead
	// of records.
	Explain io.Writer
	// Warn receives one line per data error or damaged input.
	Warn io.Writer
	// Progress, if set, is told of each pass and of documents and bytes done.
	Progress Progress
}

// Progress is told how a run advances.
type Progress interface {
	Pass(name string)
	Add(docs, bytes int64)
	Done()
}

// Report is the run's summary, as written by --report.
type Report struct {
	DocsIn              int64            `json:"docs_in"`
	DocsOut             int64            `json:"docs_out"`
	Duplicates          int64            `json:"duplicates"`
	Clusters            int64            `json:"clusters"`
	EmptyAfterStrip     int64            `json:"empty_after_strip"`
	Errors              int64            `json:"errors"`
	BytesIn             int64            `json:"bytes_in"`
	TextBytesIn         int64            `json:"text_bytes_in"`
	BytesOut            int64            `json:"bytes_out"`
	BytesStripped       int64            `json:"bytes_stripped"`
	BytesStrippedByRule map[string]int64 `json:"bytes_stripped_by_rule"`
	// StageSeconds is the time each stage took, summed over goroutines:
	// read (and decompress and decode), learn, extract, strip,
	// fingerprint, encode, cluster, write.
	StageSeconds     map[string]float64 `json:"stage_seconds"`
	DamagedInputs    []string           `json:"damaged_inputs"`
	UnreadableInputs []string           `json:"unreadable_inputs"`
	SkippedFiles     []string           `json:"skipped_files"`
	Seconds          float64            `json:"seconds"`
}

// DuplicateRatio is duplicates / documents read.
func (r *Report) DuplicateRatio() float64 { return ratio(r.Duplicates, r.DocsIn) }

// BoilerplateRatio is stripped bytes / bytes of text read.
func (r *Report) BoilerplateRatio() float64 { return ratio(r.BytesStripped, r.TextBytesIn) }

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Errors a run can end with. Run wraps them with details.
var (
	// ErrData: a data error under Strict.
	ErrData = errors.New("data error")
	// ErrDamaged: an input was truncated or corrupt; what preceded the damage was processed.
	ErrDamaged = errors.New("damaged input")
	// ErrUnreadable: an input could not be opened or read.
	ErrUnreadable = errors.New("unreadable input")
)

// stage is a step of the work, timed for the report.
type stage int

const (
	stageRead stage = iota
	stageLearn
	stageExtract
	stageStrip
	stageFingerprint
	stageEncode
	stageCluster
	stageWrite
	numStages
)

var stageNames = [numStages]string{"read", "learn", "extract", "strip", "fingerprint", "encode", "cluster", "write"}

// stageTimes sums the time each stage took, over all goroutines.
type stageTimes [numStages]atomic.Int64

// add charges the time since t to st and returns now.
func (s *stageTimes) add(st stage, t time.Time) time.Time {
	now := time.Now()
	s[st].Add(int64(now.Sub(t)))
	return now
}

func (s *stageTimes) seconds() map[string]float64 {
	m := map[string]float64{}
	for st := range numStages {
		if ns := s[st].Load(); ns > 0 {
			m[stageNames[st]] = time.Duration(ns).Seconds()
		}
	}
	return m
}

// item is one document on its way through a pass.
type item struct {
	doc     *docio.Doc
	text    string // cleaned text
	removed []normalize.Removal
	sketch  simhash.Sketch
	key     uint64
	ok      bool // text was had: no data error, HTML extracted
}

// batch is a run of consecutive documents, or the news that an input failed.
type batch struct {
	seq      int
	items    []item
	inputErr error
	bytes    int64
}

// batches recycles batches and their item slices.
var batches = sync.Pool{New: func() any { return new(batch) }}

func newBatch() *batch { return batches.Get().(*batch) }

// free returns b to the pool; nothing of it may be used afterwards.
func (b *batch) free() {
	clear(b.items)
	*b = batch{items: b.items[:0]}
	batches.Put(b)
}

const (
	batchDocs  = 64
	batchBytes = 1 << 20
)

// Run executes cfg and returns its report. The report is valid even when
// an error is returned.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	start := time.Now()
	r := &runner{cfg: cfg, rep: &Report{BytesStrippedByRule: map[string]int64{}}}
	if r.cfg.Workers <= 0 {
		r.cfg.Workers = runtime.NumCPU()
	}
	if r.cfg.Warn == nil {
		r.cfg.Warn = io.Discard
	}
	if prev := debug.SetMemoryLimit(-1); prev == math.MaxInt64 { // none set by GOMEMLIMIT or the caller
		r.limitMemory = true
		debug.SetMemoryLimit(memoryTarget(0))
		defer debug.SetMemoryLimit(prev)
	}
	err := r.run(ctx)
	r.rep.Seconds = time.Since(start).Seconds()
	r.rep.StageSeconds = r.stages.seconds()
	return r.rep, err
}

type runner struct {
	cfg      Config
	rep      *Report
	inputs   []source
	stripper *normalize.Stripper
	fp       *simhash.Fingerprinter
	failures []error // damaged or unreadable inputs, in order
	stages   stageTimes
	temps    []string // temporary files to remove at the end

	// decompressed holds, per input, the spool of its decompressed
	// records that the learn pass kept, or "".
	decompressed []string

	limitMemory bool // Run manages the runtime's soft memory limit
	passDocs    int  // documents consumed in the current pass
	limitDocs   int  // documents the memory limit was last set for
}

// memoryTarget is the memory a run may use after docs documents (see
// Memory in the package comment): 200 MB + 64 bytes per document, less
// 20 MB for what the Go runtime's limit does not count (the binary, page
// tables).
func memoryTarget(docs int) int64 { return 180e6 + 64*int64(docs) }

// raiseMemoryLimit raises the runtime's soft memory limit as documents are
// consumed, every 4096 documents.
func (r *runner) raiseMemoryLimit() {
	if r.limitMemory && r.passDocs >= r.limitDocs+4096 {
		r.limitDocs = r.passDocs
		debug.SetMemoryLimit(memoryTarget(r.limitDocs))
	}
}

func (r *runner) run(ctx context.Context) error {
	paths := r.cfg.Paths
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	inputs, skipped, err := docio.Files(paths, r.cfg.Read)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	for _, in := range inputs {
		r.inputs = append(r.inputs, source{Input: in})
	}
	r.rep.SkippedFiles = skipped

	defer func() {
		for _, name := range r.temps {
			os.Remove(name)
		}
	}()
	learn := r.cfg.Strip && r.cfg.SiteRepeat
	clusterFirst := r.cfg.Dedup != DedupOff && r.cfg.Keep == KeepLongest
	if learn || clusterFirst {
		if err := r.spoolPipes(ctx); err != nil {
			return err
		}
	}

	var table *normalize.RepeatTable
	if learn {
		r.decompressed = make([]string, len(r.inputs))
		table, err = r.learn(ctx)
		for i, name := range r.decompressed {
			if name != "" {
				if raw := r.inputs[i].spool; raw != "" {
					os.Remove(raw) // compressed standard input: no longer read
				}
				r.temps = append(r.temps, name)
				r.inputs[i].spool, r.inputs[i].plainSpool = name, true
			}
		}
		if err != nil {
			return err
		}
	}
	if r.cfg.Strip {
		rules := append(normalize.DefaultRules(), r.cfg.Rules...)
		if r.stripper, err = normalize.NewStripper(rules, table); err != nil {
			return err
		}
	}
	r.fp = simhash.NewFingerprinter(r.cfg.Simhash)

	d := newDecider(r.cfg)
	if clusterFirst {
		if err := r.pass(ctx, "cluster", r.process, d.observe); err != nil {
			return err
		}
		d.chooseLongest()
	}
	r.failures = nil // the emit pass reports each failure once
	e := &emitter{r: r, d: d}
	if r.cfg.Output != nil {
		e.out = bufio.NewWriterSize(r.cfg.Output, 1<<20)
	}
	err = r.pass(ctx, "clean", r.process, e.consume)
	if ferr := e.finish(); err == nil {
		err = ferr
	}
	for _, f := range r.failures {
		if errors.Is(f, ErrUnreadable) {
			r.rep.UnreadableInputs = append(r.rep.UnreadableInputs, f.Error())
		} else {
			r.rep.DamagedInputs = append(r.rep.DamagedInputs, f.Error())
		}
	}
	if err != nil {
		return err
	}
	return r.inputFailure()
}

// inputFailure sums up damaged and unreadable inputs, each already named
// on Warn as it happened: unreadable ones (an I/O problem) outrank damaged
// ones (a data problem).
func (r *runner) inputFailure() error {
	if len(r.failures) == 0 {
		return nil
	}
	kind := ErrDamaged
	for _, f := range r.failures {
		if errors.Is(f, ErrUnreadable) {
			kind = ErrUnreadable
		}
	}
	return fmt.Errorf("%w: %d of %d inputs failed (named above)", kind, len(r.failures), len(r.inputs))
}

// spoolPipes copies each input that can be read only once (standard
// input, a named pipe such as a shell's <(zcat ...)) to a temporary file
// so that several passes can read it.
func (r *runner) spoolPipes(ctx context.Context) error {
	for i, in := range r.inputs {
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
		r.inputs[i].spool = f.Name()
	}
	return nil
}

// spool copies the input at path, as it is (compressed or not), to f.
func spool(ctx context.Context, f *os.File, path string) error {
	src := os.Stdin
	if path != "-" {
		var err error
		if src, err = os.Open(path); err != nil {
			return err
		}
		defer src.Close()
	}
	_, err := io.Copy(f, ctxReader{ctx, src})
	return err
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

// learn counts lines per site over the whole corpus: a reader per worker
// over the pieces of the input (learnPieces) decodes records, extracts
// text and hashes its lines (normalize.LineKeys) for one counting
// goroutine. A reader of a stream piece only cuts it into runs of lines,
// which as many hashers decode and hash. The package comment says why.
// Failures are left for the clean pass to report, once.
func (r *runner) learn(ctx context.Context) (*normalize.RepeatTable, error) {
	if r.cfg.Progress != nil {
		r.cfg.Progress.Pass("learn")
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

var keyBatches = sync.Pool{New: func() any { return new(keyBatch) }}

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

// lineRunBytes is the size of the runs of lines a stream piece is cut
// into (a variable for tests).
var lineRunBytes = batchBytes

// lineRun is a run of lines of a stream piece and the input it is from.
type lineRun struct {
	docio.Lines
	in docio.Input
}

// lineRuns recycles the runs of lines of stream pieces.
var lineRuns = sync.Pool{New: func() any { return new(lineRun) }}

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

// piece is what a reader reads: a whole input, or for the learn pass the
// lines that start in [off, end) of an uncompressed JSON Lines file (end
// < 0: to the end of the file).
type piece struct {
	in       source
	input    int // index of in in the runner's inputs
	off, end int64
	// stream: a compressed JSON Lines file, which cannot be cut by offset;
	// its learn-pass reader only decompresses and cuts runs of lines for
	// the hashers.
	stream bool
}

func whole(in source) piece { return piece{in: in, end: -1} }

// open opens p's input, decompressing a whole input (unless it was
// decompressed already).
func (p piece) open() (io.ReadCloser, error) {
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

// text returns a document's raw text, extracting it from HTML if need be.
// An extraction failure makes the document a data error.
func (r *runner) text(d *docio.Doc) (string, bool) {
	if d.HTML == nil {
		return d.Text, true
	}
	text, err := normalize.ExtractHTML(d.HTML)
	if err != nil {
		d.Err = fmt.Errorf("%s: extracting HTML: %w", position(d), err)
		return "", false
	}
	return text, true
}

// position names where a document came from: FILE:LINE or FILE.
func position(d *docio.Doc) string {
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d", d.Source, d.Line)
	}
	return d.Source
}

// process is the per-document work of the cluster and emit passes, done a
// stage at a time over a batch so that each stage is timed once per batch.
func (r *runner) process(b *batch) {
	t := time.Now()
	for i := range b.items {
		it := &b.items[i]
		if it.doc.Err != nil {
			continue
		}
		it.text, it.ok = r.text(it.doc)
	}
	t = r.stages.add(stageExtract, t)
	if r.stripper != nil {
		for i := range b.items {
			it := &b.items[i]
			switch {
			case !it.ok:
			case it.doc.HTML != nil:
				it.text, it.removed = r.stripper.StripExtracted(it.text, it.doc.Site)
			default:
				it.text, it.removed = r.stripper.Strip(it.text, it.doc.Site)
			}
		}
	}
	t = r.stages.add(stageStrip, t)
	for i := range b.items {
		it := &b.items[i]
		if !it.ok || it.text == "" {
			continue
		}
		switch r.cfg.Dedup {
		case DedupNear:
			it.sketch = r.fp.Sketch(it.text)
		case DedupExact:
			it.key = simhash.ExactKey(it.text)
		}
	}
	r.stages.add(stageFingerprint, t)
}

// pass reads every input once: work runs on the workers, consume on the
// calling goroutine in input order.
func (r *runner) pass(ctx context.Context, name string, work func(*batch), consume func(*item) error) error {
	if r.cfg.Progress != nil {
		r.cfg.Progress.Pass(name)
		defer r.cfg.Progress.Done()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	r.passDocs = 0
	inFlight := 4 * r.cfg.Workers
	tokens := make(chan struct{}, inFlight)
	todo := make(chan *batch, inFlight)
	done := make(chan *batch, inFlight)

	go r.read(ctx, tokens, todo)
	var wg sync.WaitGroup
	for range r.cfg.Workers {
		wg.Go(func() {
			for b := range todo {
				work(b)
				done <- b
			}
		})
	}
	go func() { wg.Wait(); close(done) }()

	pending := map[int]*batch{}
	next := 0
	var err error
	for b := range done {
		pending[b.seq] = b
		for b := pending[next]; b != nil && err == nil; b = pending[next] {
			delete(pending, next)
			next++
			err = r.consumeBatch(b, consume)
			r.passDocs += len(b.items)
			r.raiseMemoryLimit()
			b.free()
			<-tokens
		}
		if err != nil {
			cancel()
			for range done { // let the reader and workers wind down
			}
			break
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

func (r *runner) consumeBatch(b *batch, consume func(*item) error) error {
	if b.inputErr != nil {
		fmt.Fprintln(r.cfg.Warn, b.inputErr)
		r.failures = append(r.failures, b.inputErr)
		return nil
	}
	for i := range b.items {
		if err := consume(&b.items[i]); err != nil {
			return err
		}
	}
	if r.cfg.Progress != nil {
		r.cfg.Progress.Add(int64(len(b.items)), b.bytes)
	}
	return nil
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
	for _, in := range r.inputs {
		b, ok := r.readInput(ctx, whole(in), send)
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

// readInput sends the documents of a piece of input; it returns a last
// batch to send: the news of a failure, or nil.
func (r *runner) readInput(ctx context.Context, p piece, send func(*batch) bool) (*batch, bool) {
	rc, err := p.open()
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
	rd := docio.NewReader(rc, p.in.Input, r.cfg.Read)
	cur := newBatch()
	t := time.Now()
	for {
		d, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(cur.items) > 0 && !send(cur) {
				return nil, false
			}
			return &batch{inputErr: fmt.Errorf("%w: %w", ErrDamaged, err)}, true
		}
		cur.items = append(cur.items, item{doc: d})
		cur.bytes += int64(d.Bytes)
		if len(cur.items) >= batchDocs || cur.bytes >= batchBytes {
			r.stages.add(stageRead, t)
			if !send(cur) {
				return nil, false
			}
			cur = newBatch()
			t = time.Now()
		}
		if ctx.Err() != nil {
			return nil, false
		}
	}
	r.stages.add(stageRead, t)
	if len(cur.items) == 0 {
		return nil, true
	}
	return cur, true
}

// decider clusters documents in input order and says which are kept.
// Documents are numbered in the order they reach the clusterer (errors and
// empty documents never do), and that order is the same in every pass.
type decider struct {
	cfg     Config
	cl      *simhash.Clusterer
	exact   map[uint64]int32
	n       int32   // documents clustered so far
	cluster []int32 // keep longest: each document's cluster
	best    []int32 // keep longest: each cluster's longest member
	bestLen []int
	ids     []string // keep longest with ids wanted: each document's id
}

func newDecider(cfg Config) *decider {
	d := &decider{cfg: cfg}
	switch cfg.Dedup {
	case DedupNear:
		d.cl = simhash.NewClusterer(cfg.Simhash)
	case DedupExact:
		d.exact = map[uint64]int32{}
	}
	return d
}

// add clusters the next document and returns its number and its cluster's.
func (d *decider) add(it *item) (num, cluster int32) {
	num = d.n
	d.n++
	switch d.cfg.Dedup {
	case DedupNear:
		return num, int32(d.cl.Add(it.sketch))
	case DedupExact:
		if c, ok := d.exact[it.key]; ok {
			return num, c
		}
		d.exact[it.key] = num
	}
	return num, num
}

// observe is the cluster pass: it records clusters and their longest member.
func (d *decider) observe(it *item) error {
	if it.doc.Err != nil || it.text == "" {
		return nil
	}
	num, c := d.add(it)
	d.cluster = append(d.cluster, c)
	d.best = append(d.best, num)
	d.bestLen = append(d.bestLen, len(it.text))
	if d.cfg.Annotate || d.cfg.Clusters != nil {
		d.ids = append(d.ids, it.doc.ID)
	}
	if len(it.text) > d.bestLen[c] {
		d.best[c], d.bestLen[c] = num, len(it.text)
	}
	return nil
}

// chooseLongest ends the cluster pass and readies the emit pass.
func (d *decider) chooseLongest() {
	d.bestLen = nil
	d.n = 0
	d.cl, d.exact = nil, nil
}

// decide places a document of the emit pass: its number and the number of
// its cluster's representative.
func (d *decider) decide(it *item) (num, rep int32) {
	if d.cluster == nil {
		return d.add(it)
	}
	num = d.n
	d.n++
	return num, d.best[d.cluster[num]]
}

// emitter is the emit pass's consumer: it counts, writes and explains.
type emitter struct {
	r   *runner
	d   *decider
	out *bufio.Writer
	buf []byte
	ids map[int32]string   // keep first: representatives' ids, for --annotate and --clusters
	grp map[int32][]string // duplicates of each representative, for --clusters
	dup map[int32]bool     // representatives that have duplicates
}

func (e *emitter) consume(it *item) error {
	rep := e.r.rep
	d := it.doc
	rep.DocsIn++
	rep.BytesIn += int64(d.Bytes)
	if d.Err != nil {
		rep.Errors++
		fmt.Fprintln(e.r.cfg.Warn, d.Err)
		if e.r.cfg.Strict {
			return fmt.Errorf("%w (--strict): %w", ErrData, d.Err)
		}
		return nil
	}
	rep.TextBytesIn += int64(len(it.text))
	for _, rm := range it.removed {
		n := int64(len(rm.Text))
		rep.BytesStripped += n
		rep.TextBytesIn += n
		rep.BytesStrippedByRule[rm.Rule] += n
	}
	if e.r.cfg.Explain != nil {
		e.explain(it)
	}
	if it.text == "" {
		rep.EmptyAfterStrip++
		return e.write(it, d.ID, false)
	}
	if e.r.cfg.Dedup == DedupOff {
		rep.DocsOut++
		return e.write(it, d.ID, false)
	}
	t := time.Now()
	num, repNum := e.d.decide(it)
	e.r.stages.add(stageCluster, t)
	isDup := num != repNum
	repID := d.ID
	if isDup {
		rep.Duplicates++
		if e.dup == nil {
			e.dup = map[int32]bool{}
		}
		e.dup[repNum] = true
		if e.needIDs() {
			repID = e.repID(repNum)
		}
		if e.r.cfg.Clusters != nil {
			if e.grp == nil {
				e.grp = map[int32][]string{}
			}
			e.grp[repNum] = append(e.grp[repNum], d.ID)
		}
	} else {
		rep.DocsOut++
		if e.needIDs() && e.d.ids == nil {
			if e.ids == nil {
				e.ids = map[int32]string{}
			}
			e.ids[num] = d.ID
		}
	}
	return e.write(it, repID, isDup)
}

func (e *emitter) needIDs() bool { return e.r.cfg.Annotate || e.r.cfg.Clusters != nil }

// repID names a representative. With keep longest it may come later in
// the input than its duplicates, so the cluster pass kept every id.
func (e *emitter) repID(num int32) string {
	if e.d.ids != nil {
		return e.d.ids[num]
	}
	return e.ids[num]
}

// write writes a document if the run writes documents: kept ones always,
// duplicates and empty ones only when annotating.
func (e *emitter) write(it *item, cluster string, isDup bool) error {
	if e.out == nil || e.r.cfg.Explain != nil {
		return nil
	}
	// Records are encoded here rather than by the workers, so that
	// duplicates (30% of the benchmark corpus) are never encoded.
	t := time.Now()
	switch {
	case e.r.cfg.Annotate:
		e.buf = it.doc.AppendJSON(e.buf[:0], it.text,
			docio.Field{Key: "cluster", Value: docio.AppendString(nil, cluster)},
			docio.Field{Key: "duplicate", Value: []byte(fmt.Sprint(isDup))},
			docio.Field{Key: "removed", Value: appendRemovals(nil, it.removed)})
	case isDup || it.text == "":
		return nil
	default:
		e.buf = it.doc.AppendJSON(e.buf[:0], it.text)
	}
	t = e.r.stages.add(stageEncode, t)
	e.r.rep.BytesOut += int64(len(e.buf))
	_, err := e.out.Write(e.buf)
	e.r.stages.add(stageWrite, t)
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

func appendRemovals(dst []byte, removed []normalize.Removal) []byte {
	dst = append(dst, '[')
	for i, rm := range removed {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"text":`...)
		dst = docio.AppendString(dst, rm.Text)
		dst = append(dst, `,"rule":`...)
		dst = docio.AppendString(dst, rm.Rule)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

func (e *emitter) explain(it *item) {
	w := e.r.cfg.Explain
	d := it.doc
	fmt.Fprintf(w, "== %s (%s)", d.ID, position(d))
	switch {
	case len(it.removed) == 0:
		fmt.Fprintln(w, ": nothing removed")
		return
	case it.text == "":
		fmt.Fprintf(w, ": %d removed, nothing left\n", len(it.removed))
	default:
		fmt.Fprintf(w, ": %d removed\n", len(it.removed))
	}
	for _, rm := range it.removed {
		fmt.Fprintf(w, "  - [%s] %s\n", rm.Rule, rm.Text)
	}
}

// finish flushes the output and writes the clusters file.
func (e *emitter) finish() error {
	if e.out != nil {
		if err := e.out.Flush(); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
	}
	var reps []int32
	for num := range e.dup {
		reps = append(reps, num)
	}
	sort.Slice(reps, func(i, j int) bool { return reps[i] < reps[j] })
	e.r.rep.Clusters = int64(len(reps))
	if e.r.cfg.Clusters == nil {
		return nil
	}
	w := bufio.NewWriter(e.r.cfg.Clusters)
	var buf []byte
	for _, num := range reps {
		repID := e.repID(num)
		buf = append(buf[:0], `{"cluster":`...)
		buf = docio.AppendString(buf, repID)
		buf = fmt.Appendf(buf, `,"size":%d,"members":[`, 1+len(e.grp[num]))
		buf = docio.AppendString(buf, repID)
		for _, id := range e.grp[num] {
			buf = append(buf, ',')
			buf = docio.AppendString(buf, id)
		}
		buf = append(buf, "]}\n"...)
		if _, err := w.Write(buf); err != nil {
			return fmt.Errorf("writing clusters: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing clusters: %w", err)
	}
	return nil
}
