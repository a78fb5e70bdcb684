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

	// DisableRules names rules, built-in or from Rules, left out.
	DisableRules []string
	// DecodeMarkup writes plain texts with the HTML entities and stray
	// tags a scraper left in them decoded (normalize.DecodeMarkup);
	// stripping and fingerprinting judge them decoded either way.
	DecodeMarkup bool
	// ErrorLines caps the malformed records named on Warn (0: no cap);
	// the rest are counted in one line at the end.
	ErrorLines int64

	// Output receives the JSON Lines records; nil writes none (clean check).
	Output io.Writer
	// Clusters, if set, receives one JSON line per cluster of two or more.
	Clusters io.Writer
	// Rejects, if set, receives each rejected JSON Lines record (or
	// Parquet row, as JSON) as it was read (docio.Doc.Raw), one per line,
	// and each WARC record skipped or rejected as a WARC record naming its
	// file, offset and reason (docio.AppendWARCReject), in input order.
	Rejects io.Writer
	// Explain, if set, receives a human account of every removal instead
	// of records.
	Explain io.Writer
	// Warn receives one line per data error or damaged input.
	Warn io.Writer
	// Progress, if set, is told of each pass and of documents and bytes done.
	Progress Progress
	// Outputs are the files the run writes, which it never reads.
	Outputs []OutputFile
	// Stream: the output is read as it is written (a pipe, a terminal).
	// With keep first and near dedup, records are held and corrected
	// when a document kept when it came is found a duplicate later
	// (late.go): in a temporary file until the end, or for a stream, the
	// last 32 MB of them and none while the input pauses.
	Stream bool
	// Unread: the output goes where no one reads it (the null device):
	// records are not held for correction.
	Unread bool
	// Index, if set, is a file of the representatives kept by earlier
	// runs (index.go): today's documents are deduplicated against them,
	// and today's representatives are added to it at the end.
	Index string
}

// OutputFile is a file a run writes. A directory walk skips it; an input
// named on the command line that is one fails, unless it is Replaced: then
// the run reads its old content, as clean a.jsonl -o a.jsonl wants.
type OutputFile struct {
	Info os.FileInfo
	// Replaced: the file is replaced by a rename when the run ends (-o
	// FILE, --report); its temporary file is another OutputFile.
	Replaced bool
}

// Progress is told how a run advances. If it also has a method
// Size(bytes int64), that is told after Pass how many bytes the pass will
// read (of Add's bytes, plus one per document for its line end), or -1
// when that is not known: a compressed or piped input.
type Progress interface {
	Pass(name string)
	Add(docs, bytes int64)
	Done()
}

// startProgress tells Progress of a new pass and, if it takes it, the
// size of the pass's input.
func (r *runner) startProgress(name string) {
	r.cfg.Progress.Pass(name)
	sized, ok := r.cfg.Progress.(interface{ Size(int64) })
	if !ok {
		return
	}
	var total int64
	for _, in := range r.inputs {
		n := plainSize(in)
		if n < 0 {
			total = -1
			break
		}
		total += n
	}
	sized.Size(total)
}

// plainSize is the size of an input as it will be read, or -1 when that
// is not known before reading it; 0 for one that cannot be opened.
func plainSize(in source) int64 {
	f, err := os.Open(in.path())
	if err != nil {
		return 0
	}
	defer f.Close()
	st, err := f.Stat()
	switch {
	case err != nil:
		return 0
	case !st.Mode().IsRegular() || !in.plainSpool && docio.Compressed(f):
		return -1
	}
	return st.Size()
}

// Report is the run's summary, as written by --report.
type Report struct {
	DocsIn              int64            `json:"docs_in"`
	DocsOut             int64            `json:"docs_out"`
	Duplicates          int64            `json:"duplicates"`
	Clusters            int64            `json:"clusters"`
	EmptyAfterStrip     int64            `json:"empty_after_strip"`
	Errors              int64            `json:"errors"`
	ErrorsByReason      map[string]int64 `json:"errors_by_reason"` // a docio.Reason*, or "html_extraction"
	BytesIn             int64            `json:"bytes_in"`
	TextBytesIn         int64            `json:"text_bytes_in"`
	BytesOut            int64            `json:"bytes_out"`
	BytesStripped       int64            `json:"bytes_stripped"`
	BytesStrippedByRule map[string]int64 `json:"bytes_stripped_by_rule"`
	// SiteRepeatDroppedLines counts the line occurrences (a line in a
	// document) that site-repeat learning left uncounted because it had
	// no temporary space for its counts; SiteRepeatDropped names the
	// sites they were of, the 20 with most and "(other sites)".
	SiteRepeatDroppedLines int64            `json:"site_repeat_dropped_lines,omitempty"`
	SiteRepeatDropped      map[string]int64 `json:"site_repeat_dropped,omitempty"`
	// StageSeconds is the time each stage took, summed over goroutines:
	// read (and decompress and decode), learn, extract, strip,
	// fingerprint, encode, cluster, write.
	StageSeconds map[string]float64 `json:"stage_seconds"`
	// SkippedRecords counts, by kind, the WARC records that are not
	// documents: request, metadata, warcinfo..., and responses that are
	// not HTML pages (response_not_html) or not status 200
	// (response_not_200). They are not in DocsIn.
	SkippedRecords   map[string]int64 `json:"skipped_records"`
	DamagedInputs    []string         `json:"damaged_inputs"`
	UnreadableInputs []string         `json:"unreadable_inputs"`
	SkippedFiles     []string         `json:"skipped_files"`
	Seconds          float64          `json:"seconds"`

	// LateDuplicates counts the documents kept when they came and found
	// to be duplicates later, when a document after them joined their
	// cluster to an earlier one (late.go). They are in Duplicates, and
	// dropped from the output (or annotated as duplicates) unless their
	// records had left a stream's window (Config.Stream); those are left
	// in it, warned of.
	LateDuplicates int64 `json:"late_duplicates"`

	// DuplicateIDs counts documents whose id an earlier one had.
	DuplicateIDs int64 `json:"duplicate_ids"`
}

// DuplicateRatio is duplicates / documents read.
func (r *Report) DuplicateRatio() float64 { return ratio(r.Duplicates, r.DocsIn) }

// EmptyRatio is documents left empty / documents read.
func (r *Report) EmptyRatio() float64 { return ratio(r.EmptyAfterStrip, r.DocsIn) }

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
	// removedLens, when set, are the lengths of the removals, whose
	// texts are not held: a document replayed from a texts file.
	removedLens []int
	sketch      simhash.Sketch
	key         uint64
	ok          bool // text was had: no data error, HTML extracted
	// length is the text's length when the text is not held: an entry
	// of a sketch file (shard.go), a document replayed from a texts file
	// (texts.go).
	length int
	// record is the document as the output writes it, when the text is
	// not held: a document replayed from a texts file.
	record []byte
	// extracted: text is the page's text as the learn pass extracted it,
	// not yet stripped.
	extracted bool
	// skipped are the WARC records skipped just before the document, for
	// the rejects (docio.Options.KeepSkipped).
	skipped []docio.WARCReject
}

// textLen is the length of the item's text.
func (it *item) textLen() int { return max(len(it.text), it.length) }

// batch is a run of consecutive documents, or the news that an input failed.
type batch struct {
	seq      int
	items    []item
	inputErr error
	bytes    int64
	skipped  map[string]int64   // with an input's last batch: docio.Reader.Skipped
	tail     []docio.WARCReject // with an input's last batch: records skipped after its last document
	flush    bool               // the input paused after this batch: flush the output
	// arena is the memory its items' records are cut from (apply
	// replaying texts), kept with the batch when it is freed: allocating
	// each record cost apply a fifth of its CPU time in the allocator and
	// the collector (200 MB, 2 shards).
	arena []byte
}

// batches recycles batches and their item slices.
var batches = sync.Pool{New: func() any { return new(batch) }}

func newBatch() *batch { return batches.Get().(*batch) }

// free returns b to the pool; nothing of it may be used afterwards.
func (b *batch) free() {
	clear(b.items)
	*b = batch{items: b.items[:0], arena: b.arena[:0]}
	batches.Put(b)
}

const (
	batchDocs  = 64
	batchBytes = 1 << 20
)

// Run executes cfg and returns its report. The report is valid even when
// an error is returned. It is the composition of the stage functions that
// the shard verbs (shard.go) compose too: list the inputs, learn the
// site-repeat table, prepare the stripper, cluster (keep longest), emit.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	return execute(cfg, Shard{}, func(r *runner) error { return r.run(ctx) })
}

// run is Run's composition of the stages.
func (r *runner) run(ctx context.Context) error {
	if err := r.open(); err != nil {
		return err
	}
	table, err := r.learn(ctx)
	if err != nil {
		return err
	}
	if err := r.prepare(table); err != nil {
		return err
	}
	d := newDecider(r.cfg)
	var hooks emitHooks
	var x *index
	if r.cfg.Index != "" {
		if r.cfg.namesReps() {
			hooks.ids = map[int32]string{}
		}
		if x, err = r.loadIndex(d, hooks.ids); err != nil {
			return err
		}
		hooks.keep = func(num int32, it *item) { x.keep(r, d.clusterOf(num), it) }
		x.cl = d.cl // chooseLongest lets go of it; save reads its rows
	}
	if r.cfg.clusterFirst() {
		if err := r.pass(ctx, "cluster", r.process, d.observe); err != nil {
			return err
		}
		d.chooseLongest()
		if x != nil {
			d.n = int32(x.docs) // the indexed documents come first
		}
	}
	if err := r.emit(ctx, d, hooks); err != nil || x == nil {
		return err
	}
	return x.save(r)
}

// emitHooks are what other drivers than Run's change in the emit pass.
type emitHooks struct {
	// ids names representatives the pass does not read (in the index,
	// in another shard).
	ids map[int32]string
	// wrap wraps the emitter's consumer (apply checks its documents
	// against its decisions there).
	wrap func(func(*item) error) func(*item) error
	// keep is told of every representative written, with its number
	// (--index keeps them).
	keep func(num int32, it *item)
	// work replaces the workers' extracting, stripping and fingerprinting
	// (apply with the texts of its sketch step).
	work func(*batch)
	// feed replaces reading the inputs: it sends the pass's batches
	// (apply replaying the texts of its sketch step).
	feed func(send func(*batch) bool)
}

// execute runs the stages of steps over the shard of cfg's inputs and
// returns the report; the report is valid even when an error is returned.
func execute(cfg Config, shard Shard, steps func(r *runner) error) (*Report, error) {
	start := time.Now()
	r := &runner{cfg: cfg, shard: shard, rep: &Report{BytesStrippedByRule: map[string]int64{}, ErrorsByReason: map[string]int64{}, SkippedRecords: map[string]int64{}}}
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
	defer func() {
		r.closeExtracted()
		for _, name := range r.temps {
			os.Remove(name)
		}
	}()
	err := steps(r)
	r.rep.Seconds = time.Since(start).Seconds()
	r.rep.StageSeconds = r.stages.seconds()
	return r.rep, err
}

type runner struct {
	cfg    Config
	shard  Shard
	rep    *Report
	inputs []source
	pieces []piece // what the passes read: the shard's part of inputs
	// inputsHash hashes the input listing, which shard files are checked against.
	inputsHash uint64
	stripper   *normalize.Stripper
	fp         *simhash.Fingerprinter
	failures   []error // damaged or unreadable inputs, in order
	stages     stageTimes
	temps      []string     // temporary files to remove at the end
	flushOut   func() error // flushes the output when an input pauses
	// feed, if set, sends the batches of a pass instead of the inputs.
	feed func(send func(*batch) bool)
	// batchDone, if set, is told of each batch consumed, after its
	// documents (sketch --texts records the batches' ends).
	batchDone func(*batch)
	// rejectSkipped writes skipped WARC records to the rejects in the
	// emit pass (nil when there are no rejects).
	rejectSkipped func([]docio.WARCReject) error

	// decompressed holds, per input, the spool of its decompressed
	// records that the learn pass kept, or "".
	decompressed []string
	// extracted holds, per input, where the learn pass kept the text of
	// its pages (extracted.go), in the files of extractFiles.
	extracted    [][]segment
	extractFiles map[string]*os.File

	limitMemory bool // Run manages the runtime's soft memory limit
	passDocs    int  // documents consumed in the current pass
	limitDocs   int  // documents the memory limit was last set for
}

// memoryTarget is the memory a run may use after docs documents (see
// Memory in the package comment): 200 MB + 72 bytes per document, less
// 20 MB for what the Go runtime's limit does not count (the binary, page
// tables).
func memoryTarget(docs int) int64 { return 180e6 + 72*int64(docs) }

// raiseMemoryLimit raises the runtime's soft memory limit as documents are
// consumed, every 4096 documents.
func (r *runner) raiseMemoryLimit() {
	if r.limitMemory && r.passDocs >= r.limitDocs+4096 {
		r.limitDocs = r.passDocs
		debug.SetMemoryLimit(memoryTarget(r.limitDocs))
	}
}

// open lists the inputs and the pieces of them that the run's shard
// reads. Skipped files are named by the first shard only, so that the
// shards' reports sum to the single run's.
func (r *runner) open() error {
	paths := r.cfg.Paths
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	inputs, skipped, err := docio.Files(paths, r.cfg.Read)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	if r.shard.Index > 0 {
		skipped = nil
	}
	for _, name := range skipped {
		why := "format unknown from its name (--format reads every file in one format)"
		if _, known := docio.FormatOf(name); known || r.cfg.Read.Format != docio.FormatAuto {
			why = "not a regular file"
		}
		fmt.Fprintf(r.cfg.Warn, "%s: skipped: %s\n", name, why)
	}
	named := map[string]bool{}
	for _, p := range paths {
		named[p] = true
	}
	for _, in := range inputs {
		if out, ok := r.output(in); ok {
			if !named[in.Path] {
				if r.shard.Index == 0 {
					fmt.Fprintf(r.cfg.Warn, "%s: skipped: an output of this run\n", in.Path)
					skipped = append(skipped, in.Path)
				}
				continue
			}
			if !out.Replaced {
				in.Err = &fs.PathError{Op: "read", Path: in.Path, Err: errors.New("it is an output of this run")}
			}
		}
		r.inputs = append(r.inputs, source{Input: in})
	}
	r.rep.SkippedFiles = skipped
	r.pieces, r.inputsHash, err = r.shard.pieces(r.inputs)
	if pw, ok := r.cfg.Output.(*docio.ParquetOutput); ok && err == nil {
		// Before any pass, so that a run that cannot write fails at once.
		err = r.parquetSchema(pw)
		r.cfg.Read.ParquetRows = true
	}
	return err
}

// parquetSchema gives a Parquet output the schema of the first Parquet
// input; the rows of every input must have it.
func (r *runner) parquetSchema(pw *docio.ParquetOutput) error {
	var extras []docio.Field
	if r.cfg.Annotate {
		extras = annotationFields("", false, nil)
	}
	var first error // a damaged input is reported in its place; the next one may do
	for _, in := range r.inputs {
		if in.Format == docio.FormatParquet && in.Err == nil {
			err := pw.SetSchema(in.Path, r.cfg.Read.TextField, extras)
			if err == nil {
				return nil
			}
			if first == nil {
				first = err
			}
		}
	}
	if first != nil {
		return fmt.Errorf("%w: %w", ErrDamaged, first)
	}
	return errors.New("Parquet output (-o FILE.parquet) writes rows read from Parquet, and no input is a Parquet file")
}

// learnNeeded: site-repeat learning is on.
func (r *runner) learnNeeded() bool { return r.cfg.Strip && r.cfg.SiteRepeat }

// namesReps: the run names each duplicate's representative by id
// (--annotate, --clusters, --explain), so the ids of representatives are
// kept.
func (c Config) namesReps() bool {
	return c.Annotate || c.Clusters != nil || c.Explain != nil
}

// clusterFirst: a cluster pass precedes the emit pass: keep longest, and
// keep first with near dedup into Parquet, whose rows cannot be corrected
// once written as held records are (late.go), or explained, so that each
// duplicate is said to be one in its place.
func (c Config) clusterFirst() bool {
	_, parquet := c.Output.(*docio.ParquetOutput)
	return c.Dedup != DedupOff && (c.Keep == KeepLongest || c.Dedup == DedupNear && (parquet || c.Explain != nil))
}

// learn makes the site-repeat table, when learning is on: it spools pipes
// for the passes to come, counts and judges the counts.
func (r *runner) learn(ctx context.Context) (*normalize.RepeatTable, error) {
	if r.learnNeeded() || r.cfg.clusterFirst() {
		if err := r.spoolPipes(ctx); err != nil {
			return nil, err
		}
	}
	if !r.learnNeeded() {
		return nil, nil
	}
	counter, err := r.count(ctx)
	if err != nil {
		return nil, err
	}
	t := time.Now()
	table := counter.Table()
	r.stages.add(stageLearn, t)
	if err := counter.Err(); err != nil {
		return nil, fmt.Errorf("learning site repetition: %w", err)
	}
	r.reportDropped(counter)
	return table, nil
}

// prepare readies the stripper with table and the fingerprinter.
func (r *runner) prepare(table *normalize.RepeatTable) error {
	if r.cfg.Strip {
		rules, err := normalize.Without(append(normalize.DefaultRules(), r.cfg.Rules...), r.cfg.DisableRules)
		if err != nil {
			return err
		}
		if r.stripper, err = normalize.NewStripper(rules, table); err != nil {
			return err
		}
	}
	r.fp = simhash.NewFingerprinter(r.cfg.Simhash)
	return nil
}

// emit is the pass that writes: d decides which documents are kept.
func (r *runner) emit(ctx context.Context, d *decider, hooks emitHooks) error {
	r.failures = nil // the emit pass reports each failure once, and counts skipped records once
	clear(r.rep.SkippedRecords)
	e := &emitter{r: r, d: d, ids: hooks.ids, keep: hooks.keep, first: d.n}
	if r.cfg.Output != nil {
		e.out = bufio.NewWriterSize(r.cfg.Output, 1<<20)
		r.flushOut = e.flush
		if d.cl != nil && d.cluster == nil && r.cfg.Explain == nil && !r.cfg.Unread { // keep first, decided in this pass (late.go)
			switch {
			case r.cfg.Stream:
				e.window = &recordWindow{}
				e.unheld = fmt.Sprintf("the output is written as the run goes (a pipe, a terminal or a device), and a stream holds only the last %d MB of records for correction, none while the input pauses", windowBytes>>20)
			default:
				if e.held = holdRecords(r.cfg.Annotate); e.held == nil {
					e.unheld = fmt.Sprintf("there was no room to hold them in the temporary directory (%s)", os.TempDir())
				} else {
					r.temps = append(r.temps, e.held.recs.Name(), e.held.heads.Name()) // removed whatever happens
				}
			}
		}
	}
	if r.cfg.Rejects != nil {
		e.rejects = bufio.NewWriter(r.cfg.Rejects)
		// Skipped WARC records go to the rejects too, in their place.
		r.cfg.Read.KeepSkipped, r.rejectSkipped = true, e.rejectSkipped
		defer func() { r.cfg.Read.KeepSkipped, r.rejectSkipped = false, nil }()
	}
	consume := e.consume
	if hooks.wrap != nil {
		consume = hooks.wrap(consume)
	}
	work := r.process
	if hooks.work != nil {
		work = hooks.work
	}
	r.feed = hooks.feed
	defer func() { r.feed = nil }()
	err := r.pass(ctx, "clean", work, consume)
	if err != nil && e.held != nil { // no output comes of the run
		e.held.remove()
		e.held, e.unheld = nil, ""
	}
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

// output returns the output that input in is, if it is one.
func (r *runner) output(in docio.Input) (OutputFile, bool) {
	if len(r.cfg.Outputs) == 0 || in.Err != nil || in.Path == "-" {
		return OutputFile{}, false
	}
	st, err := os.Stat(in.Path)
	if err != nil {
		return OutputFile{}, false // reading it will tell
	}
	for _, out := range r.cfg.Outputs {
		if os.SameFile(st, out.Info) {
			return out, true
		}
	}
	return OutputFile{}, false
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

var keyBatches = sync.Pool{New: func() any { return new(keyBatch) }}

// lineRunBytes is the size of the runs of lines a stream piece is cut
// into (a variable for tests).
var lineRunBytes = batchBytes

// lineRuns recycles the runs of lines of stream pieces.
var lineRuns = sync.Pool{New: func() any { return new(lineRun) }}

// pass reads every input once: work runs on the workers, consume on the
// calling goroutine in input order.
func (r *runner) pass(ctx context.Context, name string, work func(*batch), consume func(*item) error) error {
	if r.cfg.Progress != nil {
		r.startProgress(name)
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
			if err == nil && b.flush && r.flushOut != nil {
				err = r.flushOut()
			}
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
	for kind, n := range b.skipped {
		r.rep.SkippedRecords[kind] += n
	}
	for i := range b.items {
		if err := consume(&b.items[i]); err != nil {
			return err
		}
	}
	if r.rejectSkipped != nil && len(b.tail) > 0 {
		if err := r.rejectSkipped(b.tail); err != nil {
			return err
		}
	}
	if r.batchDone != nil {
		r.batchDone(b)
	}
	if b.inputErr != nil {
		fmt.Fprintln(r.cfg.Warn, b.inputErr)
		r.failures = append(r.failures, b.inputErr)
		return nil
	}
	if r.cfg.Progress != nil {
		r.cfg.Progress.Add(int64(len(b.items)), b.bytes)
	}
	return nil
}

func newDecider(cfg Config) *decider {
	if cfg.Warn == nil {
		cfg.Warn = io.Discard
	}
	d := &decider{cfg: cfg}
	switch cfg.Dedup {
	case DedupNear:
		d.cl = simhash.NewClusterer(cfg.Simhash)
	case DedupExact:
		d.exact = map[uint64]int32{}
	}
	return d
}
