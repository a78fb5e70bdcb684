package normalize

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// Thresholds of corpus-level repetition. A line is site boilerplate when
// it occurs in at least repeatMinDocs documents of its site and in at
// least 1/repeatShareDiv of them. Prose lines (sentences) must reach
// repeatProseFactor times the count, because a story syndicated a few
// times legitimately repeats its paragraphs: the near-duplicate benchmark
// copies stories 2-6 times within one source, and none of its body
// paragraphs reach these counts (see the package comment for the
// measurement).
const (
	repeatMinDocs     = 6
	repeatShareDiv    = 50
	repeatProseFactor = 4
	// repeatMaxLine bounds the lines counted: boilerplate lines are short,
	// and hashing only those keeps the first pass cheap.
	repeatMaxLine = 400
)

// repeatCap bounds the distinct (site, line) pairs a counter holds in
// memory, 16 bytes each in a table at most 5/8 full (32 MB at the cap).
// Past it the counter spills its counts to a temporary file as a run,
// partitioned by key, and starts an empty table; Table sums the runs a
// partition at a time, so every
// count is exact whatever the corpus size, and the table learned depends
// only on the documents counted, never on their order or on how they were
// split among counters. Only when a run cannot be written (no temporary
// space) does the counter fall back to sampling: from then on it keeps
// only the pairs whose key falls under a threshold that it halves as
// needed, and counts what it drops per site (Dropped). A variable for
// tests.
var repeatCap = 1 << 20

// spillDir is where runs are written ("": the system's temporary
// directory); a variable for tests.
var spillDir = ""

// repeatEntry is a slot of the counter's open-addressing table; docs == 0
// marks an empty slot, as every key counted has at least one document.
type repeatEntry struct {
	key  uint64
	docs uint32
	site int32 // index into RepeatCounter.siteDocs
}

// RepeatCounter counts lines per site over a first pass of the corpus.
// Not safe for concurrent use: hash lines in parallel with LineKeys and
// count them in one goroutine with ObserveKeys (as the pipeline does), or
// give each worker its own counter and Merge them.
type RepeatCounter struct {
	// countTable maps key(site, line) to the documents holding it: a Go
	// map spent most of the counting time (a 1 GB corpus counts about
	// 60M keys).
	countTable
	siteIdx  map[string]int32
	siteDocs []uint32
	siteName []string
	limit    uint64   // only keys below limit are tracked (sampling)
	scratch  []uint64 // one document's keys

	spill    *os.File  // runs of counts moved out of memory; nil before the first
	spillEnd int64     // where the next run goes
	runs     []spilled // in spill
	sampling bool      // a run could not be written: sample from now on
	dropped  []int64   // per site: line occurrences not counted (sampling)
	cause    error     // why sampling began: a run could not be written
	err      error     // the first failure to read a run back
}

// spilled is a run of counts in the spill file: its entries grouped by
// partition (spillPart of the key), partition p's entries being numbers
// parts[p] to parts[p+1]-1.
type spilled struct {
	off   int64
	parts [spillParts + 1]int
}

// spillParts is the number of partitions of a run: merging loads one
// partition of every run at a time into a table, so a run of 2^20 keys
// needs a 4K-entry table per partition (more if keys do not repeat across
// runs: a partition of N runs holds up to N*4K distinct keys).
const spillParts = 256

// spillPart is the partition of key k: its low bits, which sampling never
// clears.
func spillPart(k uint64) int { return int(k & (spillParts - 1)) }

// spillEntrySize is the size of an entry in a run: key, docs, site.
const spillEntrySize = 16

// NewRepeatCounter returns an empty counter.
func NewRepeatCounter() *RepeatCounter {
	return &RepeatCounter{
		countTable: countTable{lines: make([]repeatEntry, 1<<12)},
		siteIdx:    make(map[string]int32),
		limit:      math.MaxUint64,
	}
}

// siteMix turns a site into the value mixed into its line keys.
func siteMix(site string) uint64 {
	return xxhash.Sum64String(site)*0x9E3779B97F4A7C15 | 1
}

func lineKey(mix uint64, t string) uint64 {
	return xxhash.Sum64String(t) ^ mix
}

// unwrappedKey is lineKey of t's words joined by single spaces (a
// wrapped line as it is unwrapped), hashed without building it.
func unwrappedKey(mix uint64, t string) uint64 {
	var d xxhash.Digest
	d.Reset()
	sep := false
	for t != "" {
		i := strings.IndexFunc(t, unicode.IsSpace)
		w := t
		if i >= 0 {
			w, t = t[:i], t[i:]
			_, n := utf8.DecodeRuneInString(t)
			t = t[n:]
		} else {
			t = ""
		}
		if w == "" {
			continue
		}
		if sep {
			d.WriteString(" ")
		}
		d.WriteString(w)
		sep = true
	}
	return d.Sum64() ^ mix
}

func (c *RepeatCounter) site(site string) int32 {
	i, ok := c.siteIdx[site]
	if !ok {
		site = strings.Clone(site) // the caller's string may be borrowed
		i = int32(len(c.siteDocs))
		c.siteIdx[site] = i
		c.siteDocs = append(c.siteDocs, 0)
		c.siteName = append(c.siteName, site)
		c.dropped = append(c.dropped, 0)
	}
	return i
}

// Observe counts the lines of one document of site. A line counts once
// per document however often it appears in it.
func (c *RepeatCounter) Observe(site, text string) {
	c.scratch = LineKeys(c.scratch[:0], site, text)
	c.ObserveKeys(site, c.scratch)
}

// LineKeys appends to dst the keys of the distinct lines of one document
// of site that a RepeatCounter counts, sorted, and returns the extended
// slice. Observe is LineKeys then ObserveKeys; the split lets callers
// hash in parallel and count in one goroutine.
func LineKeys(dst []uint64, site, text string) []uint64 {
	return LineKeysAt(dst, site, text, nil)
}

// LineKeysAt is LineKeys for a text whose line breaks are known to be at
// ends (docio.Doc.LineEnds), or to be found when ends is nil.
func LineKeysAt(dst []uint64, site, text string, ends []int) []uint64 {
	text, ends, markup := readable(text, ends)
	mix := siteMix(site)
	n := len(dst)
	for at, k := 0, 0; at < len(text); k++ {
		end := lineEnd(text, at, ends, k)
		t := trimLine(text[at:end])
		at = end + 1
		if t == "" || len(t) > repeatMaxLine {
			continue
		}
		dst = append(dst, lineKey(mix, judgedTrimmed(t, markup)))
	}
	slices.Sort(dst[n:])
	return dst[:n+len(slices.Compact(dst[n:]))]
}

// ObserveKeys counts one document of site whose distinct line keys are
// keys, as LineKeys returns them.
func (c *RepeatCounter) ObserveKeys(site string, keys []uint64) {
	si := c.site(site)
	c.siteDocs[si]++
	c.touch(keys)
	for _, k := range keys {
		if k < c.limit {
			c.add(k, 1, si)
		} else {
			c.dropped[si]++
		}
	}
	c.fit()
}

// Merge adds other's counts into c. other is left unchanged.
func (c *RepeatCounter) Merge(other *RepeatCounter) {
	remap := make([]int32, len(other.siteDocs))
	for i, n := range other.siteDocs {
		si := c.site(other.siteName[i])
		c.siteDocs[si] += n
		c.dropped[si] += other.dropped[i]
		remap[i] = si
	}
	if other.err != nil {
		c.fail(other.err)
	}
	if other.sampling && !c.sampling {
		c.sampling, c.cause = true, other.cause
	}
	if other.limit < c.limit {
		c.limit = other.limit
		c.dropSampledOut()
	}
	for _, e := range other.lines {
		c.addMerged(e, remap)
	}
	c.fit()
	for _, run := range other.runs {
		err := other.eachEntry(run, 0, spillParts, func(e repeatEntry) {
			c.addMerged(e, remap)
			c.fit()
		})
		if err != nil {
			c.fail(err)
		}
	}
}

// addMerged adds entry e of another counter, whose site indexes remap
// turns into c's.
func (c *RepeatCounter) addMerged(e repeatEntry, remap []int32) {
	switch {
	case e.docs == 0:
	case e.key < c.limit:
		c.add(e.key, e.docs, remap[e.site])
	default:
		c.dropped[remap[e.site]] += int64(e.docs)
	}
}

// countTable counts keys in an open-addressing table with linear
// probing.
type countTable struct {
	lines   []repeatEntry // a power of two long
	n       int           // occupied slots
	touched uint64        // keeps touch's loads
}

// touch loads the home slots of keys before they are counted. A table of
// a few million slots lies mostly outside the caches; loads with nothing
// between them wait for memory together, where each add, its probe's
// branches between, waited in turn: counting 20,000 documents of 65 keys
// in 2^21 slots took 30% less time (68 against 47 ms).
func (c *countTable) touch(keys []uint64) {
	var sum uint64
	for _, k := range keys {
		sum += c.lines[c.home(k)].key
	}
	c.touched += sum
}

// home returns the slot where key k's probe starts. Multiply: sampling
// clears the keys' high bits, never the low ones, but the product spreads
// every bit.
func (c *countTable) home(k uint64) int {
	return int((k*0x9E3779B97F4A7C15)>>32) & (len(c.lines) - 1)
}

// slot returns where key k is, or would go, in lines.
func (c *countTable) slot(k uint64) *repeatEntry {
	mask := len(c.lines) - 1
	for i := c.home(k); ; i = (i + 1) & mask {
		if e := &c.lines[i]; e.docs == 0 || e.key == k {
			return e
		}
	}
}

// add counts k in docs more documents of site si.
func (c *countTable) add(k uint64, docs uint32, si int32) {
	e := c.slot(k)
	if e.docs == 0 {
		e.key = k
		c.n++
	}
	e.docs += docs
	e.site = si
	// At most 5/8 full, so a table of 2^21 slots holds the capped
	// counter (fit runs between documents) at under half full.
	if 8*c.n > 5*len(c.lines) {
		c.rehash(2 * len(c.lines))
	}
}

// Reserve makes room for n distinct lines (at most the counter's cap)
// before counting, so that the table is not grown a doubling at a time: a
// learn step over a quarter of 1 GB spent 0.08 CPU-s rehashing as it grew.
func (c *RepeatCounter) Reserve(n int) { c.reserve(min(n, repeatCap)) }

// reserve makes room for n entries without rehashing.
func (c *countTable) reserve(n int) {
	size := len(c.lines)
	for 8*n > 5*size {
		size *= 2
	}
	if size > len(c.lines) {
		c.rehash(size)
	}
}

// rehash moves the entries into a table of size slots.
func (c *countTable) rehash(size int) {
	old := c.lines
	c.lines = make([]repeatEntry, size)
	for _, e := range old {
		if e.docs > 0 {
			*c.slot(e.key) = e
		}
	}
}

// packed moves the entries to the table's start and returns them; the
// table must be cleared (or rehashed) before it is used again.
func (c *countTable) packed() []repeatEntry {
	j := 0
	for _, e := range c.lines {
		if e.docs > 0 {
			c.lines[j] = e
			j++
		}
	}
	return c.lines[:j]
}

// reset empties the table, making it size slots (a power of two) long,
// reusing its memory when it can.
func (c *countTable) reset(size int) {
	if cap(c.lines) >= size {
		c.lines = c.lines[:size]
		clear(c.lines)
	} else {
		c.lines = make([]repeatEntry, size)
	}
	c.n = 0
}

// fit brings the table back under its cap: by spilling a run, or when
// that fails by halving the sampling threshold until it fits. Both work
// in place, as a new table would double the counter's memory at its
// largest.
func (c *RepeatCounter) fit() {
	if c.n <= repeatCap {
		return
	}
	if !c.sampling {
		if c.cause = c.spillRun(); c.cause == nil {
			return
		}
		c.sampling = true
	}
	for c.n > repeatCap {
		c.limit /= 2
		c.dropSampledOut()
	}
}

// partition groups es by spillPart of their keys, in place (an American
// flag sort: a count, then each entry swapped to its partition's next
// place), and returns where each partition starts: a comparison sort of
// the runs cost about as much as counting their keys had.
func partition(es []repeatEntry) (start [spillParts + 1]int) {
	for i := range es {
		start[spillPart(es[i].key)+1]++
	}
	for p := range spillParts {
		start[p+1] += start[p]
	}
	next := start
	for p := range spillParts {
		for i := next[p]; i < start[p+1]; i = next[p] {
			if d := spillPart(es[i].key); d != p {
				es[i], es[next[d]] = es[next[d]], es[i]
				next[d]++
				continue
			}
			next[p]++
		}
	}
	return start
}

// spillRun writes the table to the spill file as a run, partitioned, and
// empties it. On failure the table is left as it was.
func (c *RepeatCounter) spillRun() error {
	if err := c.writeRun(c.packed()); err != nil {
		c.rehash(len(c.lines)) // the entries packed, placed again
		return err
	}
	c.reset(len(c.lines))
	return nil
}

// writeRun writes es, each key once, to the spill file as a run,
// partitioning them in place.
func (c *RepeatCounter) writeRun(es []repeatEntry) error {
	if c.spill == nil {
		f, err := os.CreateTemp(spillDir, "clean-repeat-*")
		if err != nil {
			return fmt.Errorf("site-repeat spill: %w", err)
		}
		// Unlinked at once where the system allows: nothing is left
		// behind however the run ends.
		os.Remove(f.Name())
		c.spill = f
	}
	parts := partition(es)
	w := bufio.NewWriterSize(io.NewOffsetWriter(c.spill, c.spillEnd), 64<<10)
	var buf [spillEntrySize]byte
	for _, e := range es {
		binary.LittleEndian.PutUint64(buf[:8], e.key)
		binary.LittleEndian.PutUint32(buf[8:12], e.docs)
		binary.LittleEndian.PutUint32(buf[12:], uint32(e.site))
		w.Write(buf[:])
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("site-repeat spill %s: %w", c.spill.Name(), err)
	}
	c.runs = append(c.runs, spilled{off: c.spillEnd, parts: parts})
	c.spillEnd += int64(len(es)) * spillEntrySize
	return nil
}

// fail keeps the counter's first failure to read a run back.
func (c *RepeatCounter) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// eachEntry calls fn for each entry of partitions [from, to) of run.
func (c *RepeatCounter) eachEntry(run spilled, from, to int, fn func(repeatEntry)) error {
	r := newRunReader(c.spill, run, from, to)
	for r.next() {
		fn(r.e)
	}
	return r.err
}

// runReader reads entries of a spilled run one at a time.
type runReader struct {
	r    *bufio.Reader
	left int // entries left to read
	e    repeatEntry
	err  error
}

// newRunReader reads the entries of partitions [from, to) of run.
func newRunReader(f *os.File, run spilled, from, to int) *runReader {
	n := run.parts[to] - run.parts[from]
	sr := io.NewSectionReader(f, run.off+int64(run.parts[from])*spillEntrySize, int64(n)*spillEntrySize)
	return &runReader{r: bufio.NewReaderSize(sr, min(32<<10, max(16, n*spillEntrySize))), left: n}
}

// next reads the next entry into r.e; false at the end or on an error
// (r.err).
func (r *runReader) next() bool {
	if r.left == 0 || r.err != nil {
		return false
	}
	buf, err := r.r.Peek(spillEntrySize) // no copy: decoded in the buffer
	if err != nil {
		r.err = fmt.Errorf("site-repeat spill: reading a run back: %w", err)
		return false
	}
	r.r.Discard(spillEntrySize)
	r.left--
	r.e = repeatEntry{
		key:  binary.LittleEndian.Uint64(buf[:8]),
		docs: binary.LittleEndian.Uint32(buf[8:12]),
		site: int32(binary.LittleEndian.Uint32(buf[12:])),
	}
	return true
}

// dropSampledOut removes the keys at or above the limit.
func (c *RepeatCounter) dropSampledOut() {
	for i := 0; i < len(c.lines); {
		if e := &c.lines[i]; e.docs > 0 && e.key >= c.limit {
			c.dropped[e.site] += int64(e.docs)
			c.remove(i)
			continue // slot i may hold a key moved back: look again
		}
		i++
	}
}

// remove empties slot i, moving back the keys after it that would no
// longer be found past the gap (deletion by backward shift, for linear
// probing).
func (c *RepeatCounter) remove(i int) {
	mask := len(c.lines) - 1
	for j := (i + 1) & mask; c.lines[j].docs > 0; j = (j + 1) & mask {
		// The key at j may fill the gap at i unless its home lies
		// cyclically in (i, j].
		if h := c.home(c.lines[j].key); (j-h)&mask >= (j-i)&mask {
			c.lines[i] = c.lines[j]
			i = j
		}
	}
	c.lines[i] = repeatEntry{}
	c.n--
}

// SiteDrop is what sampling left uncounted of one site.
type SiteDrop struct {
	Site  string
	Lines int64 // line occurrences (a line in a document) not counted
}

// Dropped returns the sites of which the counter left line occurrences
// uncounted for want of temporary space, most first (then by name), the
// total over all sites, and why a run could not be written. Without
// sampling it is empty. Call it after Table, which drops the spilled
// counts that sampling excludes.
func (c *RepeatCounter) Dropped() (sites []SiteDrop, total int64, cause error) {
	for i, n := range c.dropped {
		if n > 0 {
			sites = append(sites, SiteDrop{c.siteName[i], n})
			total += n
		}
	}
	slices.SortFunc(sites, func(a, b SiteDrop) int {
		return cmp.Or(cmp.Compare(b.Lines, a.Lines), strings.Compare(a.Site, b.Site))
	})
	return sites, total, c.cause
}

// Err returns the first failure to read a spilled run back, after which
// Table lacks the rest of that run's counts. (A failure to write one makes
// the counter sample instead: see Dropped.)
func (c *RepeatCounter) Err() error { return c.err }

// Table freezes the counts into the lines judged to be site boilerplate.
// With spilled runs it merges them with the table, summing each key's
// counts; it then closes the spill file, so the counter must not be used
// afterwards.
func (c *RepeatCounter) Table() *RepeatTable {
	t := &RepeatTable{kinds: make(map[uint64]uint8)}
	judge := func(e repeatEntry) {
		if e.key >= c.limit { // spilled before sampling began
			c.dropped[e.site] += int64(e.docs)
			return
		}
		need := max(repeatMinDocs, (c.siteDocs[e.site]+repeatShareDiv-1)/repeatShareDiv)
		if e.docs < need {
			return
		}
		k := uint8(1 << repeatAny)
		if e.docs >= repeatProseFactor*need {
			k |= repeatProseKinds
		} else if 2*e.docs >= c.siteDocs[e.site] {
			k |= 1 << repeatMost
		}
		t.kinds[e.key] = k
	}
	if len(c.runs) == 0 {
		for _, e := range c.lines {
			if e.docs > 0 {
				judge(e)
			}
		}
		return t
	}
	c.totals(judge)
	c.spill.Close()
	c.spill, c.runs = nil, nil
	return t
}

// totals calls fn with the total count of every key over the spilled
// runs and the table, a partition at a time: the table's entries are
// partitioned in place like a run's, and each partition of the runs and
// the table is summed in a table of its own. A run that cannot be read
// back ends where it failed (Err).
func (c *RepeatCounter) totals(fn func(repeatEntry)) {
	mem := c.packed()
	memParts := partition(mem)
	var part countTable
	for p := range spillParts {
		n := memParts[p+1] - memParts[p]
		for _, run := range c.runs {
			n += run.parts[p+1] - run.parts[p]
		}
		part.reset(max(16, 1<<bits.Len(uint(n*8/5))))
		for _, e := range mem[memParts[p]:memParts[p+1]] {
			part.add(e.key, e.docs, e.site)
		}
		for _, run := range c.runs {
			err := c.eachEntry(run, p, p+1, func(e repeatEntry) { part.add(e.key, e.docs, e.site) })
			if err != nil {
				c.fail(err)
			}
		}
		for _, e := range part.lines {
			if e.docs > 0 {
				fn(e)
			}
		}
	}
}

// RepeatTable holds lines known to repeat across a site's documents. A
// nil table holds nothing.
type RepeatTable struct {
	// kinds maps the key of a (site, line) pair to the kinds of lookup it
	// answers yes to, bit 1<<kind: repeatAny, enough repeats to remove a
	// non-prose line; repeatProse, enough to remove even a prose line;
	// repeatMost, a line on at least half of its site's documents (and
	// repeatMinDocs), or a prose one: a short prose line there is the
	// site's template in a corpus of any size. Every pair held has
	// repeatAny. One lookup answers every kind a line is asked about:
	// a map for each kind cost a lookup and a hash of the line for each.
	kinds map[uint64]uint8
}

// repeatProseKinds are the kinds a line with enough repeats to remove
// prose answers yes to besides repeatAny.
const repeatProseKinds = 1<<repeatProse | 1<<repeatMost

// Len returns the number of (site, line) pairs in the table.
func (t *RepeatTable) Len() int {
	if t == nil {
		return 0
	}
	return len(t.kinds)
}

// siteView answers membership for one site's lines.
type siteView struct {
	t   *RepeatTable
	mix uint64
}

func (t *RepeatTable) forSite(site string) siteView {
	if t.Len() == 0 {
		return siteView{}
	}
	return siteView{t: t, mix: siteMix(site)}
}

// Kinds of repetition a line is looked up for (siteView.hasLine).
const (
	repeatAny   = iota // a non-prose line
	repeatProse        // a prose line
	repeatMost         // a short prose line on most of its site's pages
	repeatKinds
)

// kinds returns the kinds of lookup for which judged line s is
// boilerplate of the site (RepeatTable.kinds): prose lines need the
// higher count, or for a short notice half of the site's documents.
func (v siteView) kinds(s string) uint8 {
	if v.t == nil || len(s) > repeatMaxLine {
		return 0
	}
	return v.t.kinds[lineKey(v.mix, s)]
}

// nextLine splits off the first line of text (without its '\n').
func nextLine(text string) (line, rest string) {
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		return text[:i], text[i+1:]
	}
	return text, ""
}
