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
// Only representatives are remembered, in paged flat arrays (no
// per-document pointers, no copying as they grow): one row of StoredChunks
// 32-bit passage keys, the whole simhash, counts and checks per
// representative (56 bytes by default), plus the candidate index;
// duplicates cost nothing.
type Clusterer struct {
	opts Options
	n    int
	reps int

	// One row of 32-bit words per representative: StoredChunks passage
	// keys (0 = none), the whole simhash (two words), Sketch.Shingles, the
	// document number, the shingles the stored passages cover, and the
	// indexed passages' checks, four to a word. Checking a candidate reads
	// one row, one or two cache lines, instead of one line per array.
	rows pages

	// The index maps a passage key to entries (row positions,
	// r*StoredChunks+j, plus one) by linear probing. tags holds the passage's check per occupied
	// slot, 0 when empty, so probes scan one byte per slot and read an
	// entry, and the key it points to, only on a check match; a candidate
	// so matches 40 bits of a passage fingerprint.
	slots   []uint32
	tags    []uint8
	entries int

	cand    []int32 // scratch: candidate representatives
	touched int     // sink for loads made only to start cache misses early

	// credit[d] is the share of a passage counted as found when the
	// nearest stored key is d bits away (of 32): cos(pi*d/32), the cosine
	// similarity of the two shingle sets that simhash distance d implies,
	// and 0 when 2d exceeds ChunkDistance.
	credit []float64
}

// NewClusterer returns an empty clusterer. Invalid options are replaced by
// defaults field by field.
func NewClusterer(opts Options) *Clusterer {
	c := &Clusterer{opts: opts.orDefaults()}
	c.rows.stride = c.opts.StoredChunks + rowChecks + (c.opts.IndexedChunks+3)/4
	c.slots, c.tags = make([]uint32, 1024), make([]uint8, 1024)
	for d := 0; 2*d <= c.opts.ChunkDistance; d++ {
		c.credit = append(c.credit, math.Max(0, math.Cos(math.Pi*float64(d)/32)))
	}
	c.credit = append(c.credit, 0)
	return c
}

// passageKey is what the clusterer keeps of a passage fingerprint: its
// upper 32 bits, never 0 (0 marks no passage). Twice their Hamming distance
// estimates the 64-bit distance; on the BBC set comparing 32 bits at
// ChunkDistance 20 found more pairs than comparing 64 (see doc.go), at half
// the memory.
func passageKey(fp uint64) uint32 {
	return max(1, uint32(fp>>32))
}

// rank orders a representative's later stored passages for indexing.
func rank(fp uint64) uint32 { return passageKey(fp) * 0x9e3779b9 }

// passageCheck is 8 more bits of an indexed passage, from the lower half of
// its fingerprint, in 1..255. Candidates must match key and check exactly:
// with 32 bits alone, a query passage met some unrelated representative's
// key by chance once in 150 lookups at ten million documents, and a short
// document whose only passage did so joined it.
func passageCheck(fp uint64) uint8 {
	return uint8(1 + (uint64(uint32(fp))*prime2>>32)%255)
}

// Add places the next document and returns the number of its cluster's
// first document (its own number when it starts a cluster).
//
// A document joins representative r when at least Options.Containment of
// its shingles are estimated to occur in r. The estimate counts the
// document's passages that lie within ChunkDistance bits of one of r's
// stored passages; when r is longer than its stored passages, the share of
// r's stored part that the document covers is extrapolated to the rest of
// r. The whole-document simhash distance must agree with the estimate
// (see Options.TailSlack). Among several
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
		return int(c.rows.row(best)[c.opts.StoredChunks+rowDoc])
	}
	c.addRep(doc, s)
	return doc
}

// Len returns the number of documents added.
func (c *Clusterer) Len() int { return c.n }

// Representatives returns the number of clusters so far.
func (c *Clusterer) Representatives() int { return c.reps }

// queryExtra is how many passages past IndexedChunks a document looks up,
// so that a copy with a few passages inserted at the top still meets its
// original's indexed ones.
const queryExtra = 4

// IndexBytes is the memory held for representatives and the index.
func (c *Clusterer) IndexBytes() int {
	return c.rows.bytes() + cap(c.slots)*4 + cap(c.tags) + cap(c.cand)*4
}

// candidates returns, in increasing order, the representatives that share
// an exact passage key with one of the sketch's leading passages. Exact
// lookup suffices: a copy has several passages and needs only one
// untouched passage (before or after an edit) to be found; the tolerant
// comparison happens in containment.
func (c *Clusterer) candidates(s Sketch) []int32 {
	c.cand = c.cand[:0]
	q := min(len(s.Chunks), c.opts.IndexedChunks+queryExtra) // room for a few inserted passages
	stride := uint32(c.opts.StoredChunks)
	// Load every passage's first slot before walking any chain: the loads
	// are independent, so their cache misses overlap instead of queueing
	// behind each chain's branches.
	var home [64 + queryExtra]int
	var first [64 + queryExtra]uint8
	for j, ch := range s.Chunks[:q] {
		home[j] = c.home(passageKey(ch.FP))
		first[j] = c.tags[home[j]]
	}
	for j, ch := range s.Chunks[:q] {
		if first[j] == 0 {
			continue
		}
		key, tag := passageKey(ch.FP), passageCheck(ch.FP)
		for i := home[j]; c.tags[i] != 0; i = c.next(i) {
			if c.tags[i] == tag {
				if e := c.slots[i] - 1; c.key(e) == key {
					c.cand = append(c.cand, int32(e/stride))
				}
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
	row := c.rows.row(r)
	stored := row[:c.opts.StoredChunks]
	far := len(c.credit) - 1
	est := 0.0
	for _, ch := range s.Chunks {
		key := passageKey(ch.FP)
		best := far
		for _, a := range stored {
			if a == 0 {
				break
			}
			best = min(best, bits.OnesCount32(a^key))
		}
		est += float64(ch.Weight) * c.credit[best]
	}
	meta := row[c.opts.StoredChunks:]
	total, storedW := float64(meta[rowTotal]), float64(meta[rowStored])
	if storedW < total && est > 0 {
		// r continues past its stored passages. If the document covers the
		// stored part at rate p, assume it covers the rest at the same rate,
		// bounded by both lengths.
		est = max(est, min(float64(s.Shingles), min(1, est/storedW)*total))
	}
	// Any match must also agree with the whole-document simhashes: they
	// must be no farther apart than a containment at the threshold allows.
	// This stops extrapolation from a shared lead, and random near matches
	// between 32-bit passage keys, which become common among millions of
	// representatives.
	if est < c.opts.Containment*float64(s.Shingles) || !wholeAgrees(meta, s, c.opts.Containment*float64(s.Shingles), c.opts.TailSlack) {
		return 0
	}
	return est / float64(s.Shingles)
}

// wholeAgrees reports whether the whole-document simhash distance is
// consistent with an overlap of at least inter shingles: for random-hyperplane
// hashing the expected distance is 64*theta/pi, where cos(theta) is the
// cosine similarity of the two shingle sets. meta is the representative's
// row after its keys.
func wholeAgrees(meta []uint32, s Sketch, inter float64, slack int) bool {
	cos := inter / math.Sqrt(float64(meta[rowTotal])*float64(s.Shingles))
	want := 64 * math.Acos(min(1, cos)) / math.Pi
	whole := uint64(meta[rowWhole]) | uint64(meta[rowWhole+1])<<32
	d := bits.OnesCount64(whole ^ s.Whole)
	return float64(d) <= want+float64(slack)
}

func (c *Clusterer) addRep(doc int, s Sketch) {
	r := c.reps
	c.reps++
	k := c.opts.StoredChunks
	row := c.rows.grow(c.reps)
	meta := row[k:]
	meta[rowWhole], meta[rowWhole+1] = uint32(s.Whole), uint32(s.Whole>>32)
	meta[rowTotal] = uint32(min(uint64(s.Shingles), math.MaxUint32))
	meta[rowDoc] = uint32(doc)
	storedW := 0
	stored := s.Chunks[:min(k, len(s.Chunks))]
	// The indexed passages (the row's first IndexedChunks) are the leading
	// ones but the last, which is the stored passage after them whose key
	// hashes lowest: any part of the stored text then has a fair chance
	// to hold an indexed passage, so a copy that lost the story's opening
	// is still found. The document's final passage, where site footers
	// sit, is not picked: picking it merged short same-site stories of the
	// generated corpus. On the BBC set through clean, whose stripper cuts
	// some copies' openings, recall rose from 0.9846 to 0.9902, and from
	// 0.9920 to 0.9938 on the unstripped text.
	pick := -1
	if last := c.opts.IndexedChunks - 1; last < len(stored) {
		pick = last
		for j := last + 1; j < min(len(stored), len(s.Chunks)-1); j++ {
			if rank(stored[j].FP) < rank(stored[pick].FP) {
				pick = j
			}
		}
	}
	for j, ch := range stored {
		at := j
		switch j {
		case pick:
			at = c.opts.IndexedChunks - 1
		case c.opts.IndexedChunks - 1:
			at = pick
		}
		row[at] = passageKey(ch.FP)
		if at < c.opts.IndexedChunks {
			meta[rowChecks+at/4] |= uint32(passageCheck(ch.FP)) << (8 * (at % 4))
		}
		storedW += int(ch.Weight)
	}
	if len(s.Chunks) <= k {
		storedW = s.Shingles // the tail past maxSketchChunks is covered too
	}
	meta[rowStored] = uint32(min(uint64(storedW), math.MaxUint32))
	if 5*(c.entries+c.opts.IndexedChunks) > 4*len(c.slots) {
		c.rebuild(len(c.slots) + len(c.slots)/2)
	}
	c.prefetch(r)
	c.indexRep(r)
}

// Word offsets in a row after its StoredChunks keys.
const (
	rowWhole  = 0 // and 1
	rowTotal  = 2
	rowDoc    = 3
	rowStored = 4
	rowChecks = 5 // four checks a word
)

// key returns the passage key of index entry e (representative e/k,
// passage e%k).
func (c *Clusterer) key(e uint32) uint32 {
	k := uint32(c.opts.StoredChunks)
	return c.rows.row(int(e / k))[e%k]
}

// check returns the check of representative row's passage j.
func (c *Clusterer) check(row []uint32, j int) uint8 {
	return uint8(row[c.opts.StoredChunks+rowChecks+j/4] >> (8 * (j % 4)))
}

// indexRep puts representative r's leading passages in the index. A
// passage insert skips gets check 0, so rebuild knows to leave it out.
func (c *Clusterer) indexRep(r int) {
	k := c.opts.StoredChunks
	row := c.rows.row(r)
	for j, key := range row[:c.opts.IndexedChunks] {
		if key == 0 {
			break
		}
		if !c.insert(uint32(r*k+j), key, c.check(row, j)) {
			row[k+rowChecks+j/4] &^= 0xff << (8 * (j % 4))
		}
	}
}

// prefetch loads the slots where representative r's passages will be
// inserted. As in candidates, the loads are independent, so issued
// together, ahead of the inserts, their cache misses overlap.
func (c *Clusterer) prefetch(r int) {
	var seen uint32
	for _, key := range c.rows.row(r)[:c.opts.IndexedChunks] {
		i := c.home(key)
		seen |= uint32(c.tags[i]) | c.slots[i]
	}
	c.touched += int(seen & 1)
}

// insert puts chunk entry e, holding key and check tag, in the index
// unless they are already there for this representative or for maxPosting
// others, and reports whether it did.
func (c *Clusterer) insert(e, key uint32, tag uint8) bool {
	rep := e / uint32(c.opts.StoredChunks)
	seen := 0
	i := c.home(key)
	for ; c.tags[i] != 0; i = c.next(i) {
		if c.tags[i] != tag {
			continue
		}
		if o := c.slots[i] - 1; c.key(o) == key {
			if o/uint32(c.opts.StoredChunks) == rep {
				return false
			}
			if seen++; seen >= maxPosting {
				return false
			}
		}
	}
	c.slots[i], c.tags[i] = e+1, tag
	c.entries++
	return true
}

// rebuild resizes the index to n slots and puts back every entry, reading
// representatives' keys and checks in order (sequentially, rather than
// chasing each old entry to its key). Entries insert skipped are marked by
// check 0, so nothing is compared: each entry takes the first free slot
// from its home. In a large table those homes are scattered over hundreds
// of megabytes, so entries are first sorted into buffers by the region of
// the table their home lies in, and a full buffer is placed at once, its
// writes landing in one cache-resident region. Growing by half keeps the
// load between 0.53 and 0.8.
func (c *Clusterer) rebuild(n int) {
	c.slots, c.tags = make([]uint32, n), make([]uint8, n)
	adviseHuge(c.slots)
	adviseHuge(c.tags)
	c.entries = 0
	regions := min(256, 1+n>>14)
	var pending [][]placement
	if regions > 1 {
		pending = make([][]placement, regions)
		for i := range pending {
			pending[i] = make([]placement, 0, 1024)
		}
	}
	k := c.opts.StoredChunks
	for r := range c.reps - 1 { // the newest is indexed by addRep
		row := c.rows.row(r)
		for j, key := range row[:c.opts.IndexedChunks] {
			tag := c.check(row, j)
			if tag == 0 {
				continue
			}
			p := placement{home: uint32(c.home(key)), entry: uint32(r*k+j) + 1, tag: tag}
			if regions == 1 {
				c.place(p)
				continue
			}
			g := int(uint64(p.home) * uint64(regions) / uint64(n))
			if pending[g] = append(pending[g], p); len(pending[g]) == cap(pending[g]) {
				c.placeAll(pending[g])
				pending[g] = pending[g][:0]
			}
		}
	}
	for _, ps := range pending {
		c.placeAll(ps)
	}
}

// placement is an index entry waiting to be placed by rebuild.
type placement struct {
	home, entry uint32
	tag         uint8
}

func (c *Clusterer) placeAll(ps []placement) {
	for _, p := range ps {
		c.place(p)
	}
}

// place puts p in the first free slot from its home.
func (c *Clusterer) place(p placement) {
	i := int(p.home)
	for c.tags[i] != 0 {
		i = c.next(i)
	}
	c.slots[i], c.tags[i] = p.entry, p.tag
	c.entries++
}

// home returns the first slot to probe for key: the multiply-shift range
// reduction of a hash of the key, so the table can have any size.
func (c *Clusterer) home(key uint32) int {
	return int((uint64(key) * prime1 >> 32) * uint64(len(c.slots)) >> 32)
}

func (c *Clusterer) next(i int) int {
	if i++; i == len(c.slots) {
		return 0
	}
	return i
}

// pages is a growable array of rows of stride words, kept in fixed pages
// of pageRows rows so that a large array never copies as it grows and
// leaves at most one partly used page. The last page itself doubles from
// small, so small clusterers stay small.
type pages struct {
	p      [][]uint32
	stride int
}

const pageRows = 1 << 14

// row returns row r.
func (a *pages) row(r int) []uint32 {
	i := (r % pageRows) * a.stride
	return a.p[r/pageRows][i : i+a.stride : i+a.stride]
}

// grow makes room for n rows and returns row n-1, zeroed.
func (a *pages) grow(n int) []uint32 {
	w := a.stride
	pg, end := (n-1)/pageRows, ((n-1)%pageRows+1)*w
	if pg == len(a.p) {
		a.p = append(a.p, nil)
	}
	if last := a.p[pg]; end > cap(last) {
		grown := make([]uint32, len(last), min(pageRows*w, max(2*cap(last), 64*w)))
		copy(grown, last)
		a.p[pg] = grown
	}
	a.p[pg] = a.p[pg][:end]
	return a.row(n - 1)
}

func (a *pages) bytes() int {
	n := 0
	for _, p := range a.p {
		n += cap(p)
	}
	return n * 4
}
