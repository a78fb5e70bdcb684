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
	// repeatCap bounds the distinct (site, line) pairs a counter tracks,
	// about 20 bytes each in a Go map. Past it the counter keeps only the
	// pairs whose hash falls under a threshold that it halves as needed: a
	// deterministic sample, so counts stay exact for the pairs kept and
	// do not depend on how documents were split among workers.
	repeatCap = 1 << 20
)

type repeatEntry struct {
	docs uint32
	site int32 // index into RepeatCounter.siteDocs
}

// RepeatCounter counts lines per site over a first pass of the corpus.
// Not safe for concurrent use; give each worker its own and Merge them.
type RepeatCounter struct {
	lines    map[uint64]repeatEntry // key(site, line) -> documents holding it
	siteIdx  map[string]int32
	siteDocs []uint32
	siteName []string
	limit    uint64   // only keys below limit are tracked
	scratch  []uint64 // one document's keys, for de-duplication
}

// NewRepeatCounter returns an empty counter.
func NewRepeatCounter() *RepeatCounter {
	return &RepeatCounter{
		lines:   make(map[uint64]repeatEntry),
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
	si := c.site(site)
	c.siteDocs[si]++
	mix := siteMix(site)
	keys := c.scratch[:0]
	for len(text) > 0 {
		var l string
		l, text = nextLine(text)
		t := trimLine(l)
		if t == "" || len(t) > repeatMaxLine {
			continue
		}
		if k := lineKey(mix, t); k < c.limit {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	for _, k := range keys {
		e := c.lines[k]
		e.docs++
		e.site = si
		c.lines[k] = e
	}
	c.scratch = keys
	c.shrink()
}

// Merge adds other's counts into c. other is left unchanged.
func (c *RepeatCounter) Merge(other *RepeatCounter) {
	c.limit = min(c.limit, other.limit)
	remap := make([]int32, len(other.siteDocs))
	for i, n := range other.siteDocs {
		si := c.site(other.siteName[i])
		c.siteDocs[si] += n
		remap[i] = si
	}
	for k, e := range other.lines {
		if k >= c.limit {
			continue
		}
		mine := c.lines[k]
		mine.docs += e.docs
		mine.site = remap[e.site]
		c.lines[k] = mine
	}
	c.shrink()
}

// shrink halves the sampling threshold until the counter fits its cap.
func (c *RepeatCounter) shrink() {
	for len(c.lines) > repeatCap {
		c.limit /= 2
		for k := range c.lines {
			if k >= c.limit {
				delete(c.lines, k)
			}
		}
	}
}

// Table freezes the counts into the lines judged to be site boilerplate.
func (c *RepeatCounter) Table() *RepeatTable {
	t := &RepeatTable{any: make(map[uint64]struct{}), prose: make(map[uint64]struct{})}
	for k, e := range c.lines {
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
