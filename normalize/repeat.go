package normalize

import (
	"math"
	"slices"
	"strings"

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

// repeatCap bounds the distinct (site, line) pairs a counter tracks, 16
// bytes each in a table at most 5/8 full (32 MB at the cap). Past it the
// counter keeps only the pairs whose hash falls under a threshold that it
// halves as needed: a deterministic sample, so counts stay exact for the
// pairs kept and do not depend on how documents were split among
// workers. A variable for tests.
var repeatCap = 1 << 20

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
	// lines maps key(site, line) to the documents holding it, by linear
	// probing: a Go map spent most of the counting time (a 1 GB corpus
	// counts about 60M keys).
	lines    []repeatEntry // a power of two long
	n        int           // occupied slots
	siteIdx  map[string]int32
	siteDocs []uint32
	siteName []string
	limit    uint64   // only keys below limit are tracked
	scratch  []uint64 // one document's keys
}

// NewRepeatCounter returns an empty counter.
func NewRepeatCounter() *RepeatCounter {
	return &RepeatCounter{
		lines:   make([]repeatEntry, 1<<12),
		siteIdx: make(map[string]int32),
		limit:   math.MaxUint64,
	}
}

// siteMix turns a site into the value mixed into its line keys.
func siteMix(site string) uint64 {
	return xxhash.Sum64String(site)*0x9E3779B97F4A7C15 | 1
}

func lineKey(mix uint64, t string) uint64 {
	return xxhash.Sum64String(t) ^ mix
}

func (c *RepeatCounter) site(site string) int32 {
	i, ok := c.siteIdx[site]
	if !ok {
		site = strings.Clone(site) // the caller's string may be borrowed
		i = int32(len(c.siteDocs))
		c.siteIdx[site] = i
		c.siteDocs = append(c.siteDocs, 0)
		c.siteName = append(c.siteName, site)
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
	mix := siteMix(site)
	n := len(dst)
	for len(text) > 0 {
		var l string
		l, text = nextLine(text)
		t := trimLine(l)
		if t == "" || len(t) > repeatMaxLine {
			continue
		}
		dst = append(dst, lineKey(mix, t))
	}
	slices.Sort(dst[n:])
	return dst[:n+len(slices.Compact(dst[n:]))]
}

// ObserveKeys counts one document of site whose distinct line keys are
// keys, as LineKeys returns them.
func (c *RepeatCounter) ObserveKeys(site string, keys []uint64) {
	si := c.site(site)
	c.siteDocs[si]++
	for _, k := range keys {
		if k < c.limit {
			c.add(k, 1, si)
		}
	}
	c.shrink()
}

// Merge adds other's counts into c. other is left unchanged.
func (c *RepeatCounter) Merge(other *RepeatCounter) {
	if other.limit < c.limit {
		c.limit = other.limit
		c.dropSampledOut()
	}
	remap := make([]int32, len(other.siteDocs))
	for i, n := range other.siteDocs {
		si := c.site(other.siteName[i])
		c.siteDocs[si] += n
		remap[i] = si
	}
	for _, e := range other.lines {
		if e.docs > 0 && e.key < c.limit {
			c.add(e.key, e.docs, remap[e.site])
		}
	}
	c.shrink()
}

// home returns the slot where key k's probe starts. Multiply: sampling
// clears the keys' high bits, never the low ones, but the product spreads
// every bit.
func (c *RepeatCounter) home(k uint64) int {
	return int((k*0x9E3779B97F4A7C15)>>32) & (len(c.lines) - 1)
}

// slot returns where key k is, or would go, in lines.
func (c *RepeatCounter) slot(k uint64) *repeatEntry {
	mask := len(c.lines) - 1
	for i := c.home(k); ; i = (i + 1) & mask {
		if e := &c.lines[i]; e.docs == 0 || e.key == k {
			return e
		}
	}
}

// add counts k in docs more documents of site si.
func (c *RepeatCounter) add(k uint64, docs uint32, si int32) {
	e := c.slot(k)
	if e.docs == 0 {
		e.key = k
		c.n++
	}
	e.docs += docs
	e.site = si
	// At most 5/8 full, so a table of 2^21 slots holds the capped
	// counter (shrink runs between documents) at under half full.
	if 8*c.n > 5*len(c.lines) {
		c.rehash(2 * len(c.lines))
	}
}

// rehash moves the entries into a table of size slots.
func (c *RepeatCounter) rehash(size int) {
	old := c.lines
	c.lines = make([]repeatEntry, size)
	for _, e := range old {
		if e.docs > 0 {
			*c.slot(e.key) = e
		}
	}
}

// shrink halves the sampling threshold until the counter fits its cap.
// It drops keys in place, as a new table would double the counter's
// memory at its largest.
func (c *RepeatCounter) shrink() {
	for c.n > repeatCap {
		c.limit /= 2
		c.dropSampledOut()
	}
}

// dropSampledOut removes the keys at or above the limit.
func (c *RepeatCounter) dropSampledOut() {
	for i := 0; i < len(c.lines); {
		if e := &c.lines[i]; e.docs > 0 && e.key >= c.limit {
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

// Table freezes the counts into the lines judged to be site boilerplate.
func (c *RepeatCounter) Table() *RepeatTable {
	t := &RepeatTable{any: make(map[uint64]struct{}), prose: make(map[uint64]struct{})}
	for _, e := range c.lines {
		if e.docs == 0 {
			continue
		}
		k := e.key
		need := max(repeatMinDocs, (c.siteDocs[e.site]+repeatShareDiv-1)/repeatShareDiv)
		if e.docs >= need {
			t.any[k] = struct{}{}
		}
		if e.docs >= repeatProseFactor*need {
			t.prose[k] = struct{}{}
		}
	}
	return t
}

// RepeatTable holds lines known to repeat across a site's documents. A
// nil table holds nothing.
type RepeatTable struct {
	any   map[uint64]struct{} // enough repeats to remove a non-prose line
	prose map[uint64]struct{} // enough to remove even a prose line
}

// Len returns the number of (site, line) pairs in the table.
func (t *RepeatTable) Len() int {
	if t == nil {
		return 0
	}
	return len(t.any)
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

// has reports whether trimmed line s is boilerplate of the site; prose
// lines need the higher count.
func (v siteView) has(s string, prose bool) bool {
	if v.t == nil || len(s) > repeatMaxLine {
		return false
	}
	set := v.t.any
	if prose {
		set = v.t.prose
	}
	_, ok := set[lineKey(v.mix, s)]
	return ok
}

// nextLine splits off the first line of text (without its '\n').
func nextLine(text string) (line, rest string) {
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		return text[:i], text[i+1:]
	}
	return text, ""
}
