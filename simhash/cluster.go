package simhash

import (
	"math"
	"math/bits"
	"slices"
)

// maxPosting bounds how many representatives one passage fingerprint is
// indexed for. A passage shared by that many different stories is site
// boilerplate, useless for finding candidates, and would make every probe
// walk a long run of slots.
const maxPosting = 16

// Clusterer assigns documents, in arrival order, to clusters. A document
// joins the cluster of an earlier representative it is near; otherwise it
// starts its own. Documents are numbered 0, 1, ... in the order of Add.
//
// Only representatives are remembered, in flat arrays (no per-document
// pointers), so memory is StoredChunks*8 + 20 bytes per representative
// plus the open-addressing index; duplicates cost nothing.
type Clusterer struct {
	opts Options
	n    int

	// Per representative.
	repDoc    []int32
	repWhole  []uint64
	repTotal  []uint32 // Sketch.Shingles
	repStored []uint32 // shingles covered by the stored passages
	chunks    []uint64 // StoredChunks fingerprints per representative, 0 = none

	// index maps a passage fingerprint to entries (positions in chunks,
	// plus one; 0 is an empty slot) by linear probing.
	index   []uint32
	entries int

	cand []int32 // scratch: candidate representatives

	// credit[d] is the share of a passage counted as found when the
	// nearest stored passage is d bits away: cos(pi*d/64), the cosine
	// similarity of the two shingle sets that simhash distance d implies,
	// and 0 past ChunkDistance.
	credit []float64
}

// NewClusterer returns an empty clusterer. Invalid options are replaced by
// defaults field by field.
func NewClusterer(opts Options) *Clusterer {
	c := &Clusterer{opts: opts.orDefaults(), index: make([]uint32, 1024)}
	for d := 0; d <= c.opts.ChunkDistance; d++ {
		c.credit = append(c.credit, math.Max(0, math.Cos(math.Pi*float64(d)/64)))
	}
	c.credit = append(c.credit, 0)
	return c
}

// Add places the next document and returns the number of its cluster's
// first document (its own number when it starts a cluster).
//
// A document joins representative r when at least Options.Containment of
// its shingles are estimated to occur in r. The estimate counts the
// document's passages that lie within ChunkDistance bits of one of r's
// stored passages; when r is longer than its stored passages, the share of
// r's stored part that the document covers is extrapolated to the rest of
// r, but only if the whole-document simhash distance agrees. Among several
// qualifying representatives the one with the highest estimate wins, the
// earliest on ties, so results are deterministic. Documents are compared
// with representatives only, never with other members, so clusters cannot
// chain.
func (c *Clusterer) Add(s Sketch) (cluster int) {
	doc := c.n
	c.n++
	best, bestScore := -1, 0.0
	for _, r := range c.candidates(s) {
		if sc := c.containment(int(r), s); sc >= c.opts.Containment && sc > bestScore {
			best, bestScore = int(r), sc
		}
	}
	if best >= 0 {
		return int(c.repDoc[best])
	}
	c.addRep(doc, s)
	return doc
}

// Len returns the number of documents added.
func (c *Clusterer) Len() int { return c.n }

// Representatives returns the number of clusters so far.
func (c *Clusterer) Representatives() int { return len(c.repDoc) }

// IndexBytes is the memory held for representatives and the index.
func (c *Clusterer) IndexBytes() int {
	return cap(c.repDoc)*4 + cap(c.repWhole)*8 + cap(c.repTotal)*4 + cap(c.repStored)*4 +
		cap(c.chunks)*8 + cap(c.index)*4 + cap(c.cand)*4
}

// candidates returns, in increasing order, the representatives that share
// an exact passage fingerprint with one of the sketch's leading passages.
// Exact lookup suffices: a copy has several passages and needs only one
// untouched passage (before or after an edit) to be found; the tolerant
// comparison happens in containment.
func (c *Clusterer) candidates(s Sketch) []int32 {
	c.cand = c.cand[:0]
	q := min(len(s.Chunks), c.opts.IndexedChunks+4) // room for a few inserted passages
	stride := uint32(c.opts.StoredChunks)
	for _, ch := range s.Chunks[:q] {
		fp := nonzero(ch.FP)
		mask := uint32(len(c.index) - 1)
		for i := slotOf(fp) & mask; c.index[i] != 0; i = (i + 1) & mask {
			e := c.index[i] - 1
			if c.chunks[e] == fp {
				c.cand = append(c.cand, int32(e/stride))
			}
		}
	}
	slices.Sort(c.cand)
	return slices.Compact(c.cand)
}

// containment estimates the share of the sketch's shingles found in
// representative r.
func (c *Clusterer) containment(r int, s Sketch) float64 {
	if s.Shingles == 0 {
		return 0
	}
	k := c.opts.StoredChunks
	stored := c.chunks[r*k : (r+1)*k]
	est := 0.0
	for _, ch := range s.Chunks {
		fp := nonzero(ch.FP)
		best := c.opts.ChunkDistance + 1
		for _, a := range stored {
			if a == 0 {
				break
			}
			best = min(best, bits.OnesCount64(a^fp))
		}
		est += float64(ch.Weight) * c.credit[min(best, len(c.credit)-1)]
	}
	matched := est
	total, storedW := float64(c.repTotal[r]), float64(c.repStored[r])
	if storedW < total && matched > 0 {
		// r continues past its stored passages. If the document covers the
		// stored part at rate p, assume it covers the rest at the same rate,
		// bounded by both lengths, but only if the whole-document simhashes
		// are no farther apart than a containment at the threshold allows.
		p := min(1, est/storedW)
		ext := min(float64(s.Shingles), p*total)
		if ext > est && c.wholeAgrees(r, s, c.opts.Containment*float64(s.Shingles)) {
			est = ext
		}
	}
	return est / float64(s.Shingles)
}

// wholeAgrees reports whether the whole-document simhash distance is
// consistent with an overlap of at least inter shingles: for random-hyperplane
// hashing the expected distance is 64*theta/pi, where cos(theta) is the
// cosine similarity of the two shingle sets.
func (c *Clusterer) wholeAgrees(r int, s Sketch, inter float64) bool {
	cos := inter / math.Sqrt(float64(c.repTotal[r])*float64(s.Shingles))
	want := 64 * math.Acos(min(1, cos)) / math.Pi
	d := bits.OnesCount64(c.repWhole[r] ^ s.Whole)
	return float64(d) <= want+float64(c.opts.TailSlack)
}

func (c *Clusterer) addRep(doc int, s Sketch) {
	r := len(c.repDoc)
	k := c.opts.StoredChunks
	c.repDoc = append(c.repDoc, int32(doc))
	c.repWhole = append(c.repWhole, s.Whole)
	c.repTotal = append(c.repTotal, uint32(min(s.Shingles, math.MaxUint32)))
	storedW := 0
	base := len(c.chunks)
	c.chunks = slices.Grow(c.chunks, k)[:base+k]
	clear(c.chunks[base:])
	for j, ch := range s.Chunks[:min(k, len(s.Chunks))] {
		c.chunks[base+j] = nonzero(ch.FP)
		storedW += int(ch.Weight)
	}
	if len(s.Chunks) <= k {
		storedW = s.Shingles // the tail past maxSketchChunks is covered too
	}
	c.repStored = append(c.repStored, uint32(storedW))
	for j := 0; j < min(c.opts.IndexedChunks, len(s.Chunks)); j++ {
		c.insert(uint32(r*k + j))
	}
}

// insert puts chunk entry e in the index unless its fingerprint is already
// there for this representative or for maxPosting others.
func (c *Clusterer) insert(e uint32) {
	if 10*(c.entries+1) > 7*len(c.index) {
		c.grow()
	}
	fp := c.chunks[e]
	rep := e / uint32(c.opts.StoredChunks)
	mask := uint32(len(c.index) - 1)
	seen := 0
	i := slotOf(fp) & mask
	for ; c.index[i] != 0; i = (i + 1) & mask {
		o := c.index[i] - 1
		if c.chunks[o] == fp {
			if o/uint32(c.opts.StoredChunks) == rep {
				return
			}
			if seen++; seen >= maxPosting {
				return
			}
		}
	}
	c.index[i] = e + 1
	c.entries++
}

func (c *Clusterer) grow() {
	old := c.index
	c.index = make([]uint32, 2*len(old))
	mask := uint32(len(c.index) - 1)
	for _, v := range old {
		if v == 0 {
			continue
		}
		i := slotOf(c.chunks[v-1]) & mask
		for c.index[i] != 0 {
			i = (i + 1) & mask
		}
		c.index[i] = v
	}
}

// slotOf spreads a fingerprint over the table; simhash bits are already
// uniform, but neighbouring fingerprints differ in few bits, so mix anyway.
func slotOf(fp uint64) uint32 { return uint32((fp * prime1) >> 32) }

// nonzero keeps 0 free to mean "no passage".
func nonzero(fp uint64) uint64 {
	if fp == 0 {
		return 1
	}
	return fp
}
