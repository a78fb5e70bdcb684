package pipeline

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
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
	// ErrorLines caps the malformed records named on Warn (0: no cap);
	// the rest are counted in one line at the end.
	ErrorLines int64

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

	// DuplicateIDs counts documents whose id an earlier one had.
	DuplicateIDs int64 `json:"duplicate_ids"`
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
	flush    bool // the input paused after this batch: flush the output
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
	temps    []string     // temporary files to remove at the end
	flushOut func() error // flushes the output when an input pauses

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
		rules, err := normalize.Without(append(normalize.DefaultRules(), r.cfg.Rules...), r.cfg.DisableRules)
		if err != nil {
			return err
		}
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
		r.flushOut = e.flush
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
