package simhash

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"sync"

	"github.com/cespare/xxhash/v2"
)

// Options tunes fingerprinting and clustering. Fingerprinting reads only
// the fields marked (fingerprint); sketches made with different values of
// those must not be clustered together.
type Options struct {
	// Shingle is the number of words per shingle (fingerprint). Default 4.
	Shingle int
	// MinLineWords: lines with fewer words are left out of fingerprints
	// (fingerprint), because in scraped news they are bylines, datelines,
	// headlines, share prompts and related-story links, which differ
	// between copies of one story and repeat across different stories.
	// A document made only of short lines is fingerprinted whole. Values
	// above 512 act as 512 (a line still being judged must fit the word
	// buffer). Default 8.
	MinLineWords int
	// ChunkShingles sets the passage length (fingerprint): passages have
	// at least ChunkShingles/4 and at most 4*ChunkShingles shingles, and
	// in between end where bits of the hash of the last two words are
	// zero, so a copy with inserted or removed text resynchronises right
	// after the edit. Default 32, which gives passages of about 24
	// shingles; at most 63.
	ChunkShingles int

	// Containment is the share of a new document's shingles that must be
	// found in a representative for the document to join its cluster
	// (flag --containment). Default 0.7.
	Containment float64
	// ChunkDistance is the largest Hamming distance between two 64-bit
	// passage fingerprints that still counts as (partly) the same passage
	// (flag --distance). The clusterer keeps 32 bits of each passage and
	// estimates the distance as twice theirs. Default 20.
	ChunkDistance int
	// StoredChunks is how many passage fingerprints are kept (32 bits of
	// each) per representative for the containment check: of a longer
	// document, its leading ones, one sampled from its third quarter by
	// key rank (when StoredChunks exceeds 2 + (IndexedChunks+1)/2) and its
	// last. Default 9.
	StoredChunks int
	// IndexedChunks is how many passages of a representative are put in
	// the candidate index: the leading ones but the last, which is picked
	// from its later stored passages. Default 4.
	IndexedChunks int
	// TailSlack is the number of bits the whole-document simhash distance
	// may exceed the distance a containment at the threshold implies; a
	// join past it is refused. It guards the extrapolation from a long
	// representative's stored passages to the rest, and chance matches
	// between passage keys. Default 6.
	TailSlack int
}

// DefaultOptions are the documented defaults; doc.go has the measurements
// behind them.
func DefaultOptions() Options {
	return Options{
		Shingle:       4,
		MinLineWords:  8,
		ChunkShingles: 32,
		Containment:   0.7,
		ChunkDistance: 20,
		StoredChunks:  9,
		IndexedChunks: 4,
		TailSlack:     6,
	}
}

// Validate reports the first out-of-range option.
func (o Options) Validate() error {
	switch {
	case o.Shingle < 1 || o.Shingle > maxShingle:
		return fmt.Errorf("simhash: shingle %d out of range 1..%d", o.Shingle, maxShingle)
	case o.MinLineWords < 0:
		return fmt.Errorf("simhash: min line words %d is negative", o.MinLineWords)
	case o.ChunkShingles < 2 || o.ChunkShingles > 63:
		return fmt.Errorf("simhash: chunk shingles %d out of range 2..63", o.ChunkShingles)
	case o.Containment <= 0 || o.Containment > 1:
		return fmt.Errorf("simhash: containment %g out of range (0,1]", o.Containment)
	case o.ChunkDistance < minChunkDistance || o.ChunkDistance > 32:
		return fmt.Errorf("simhash: distance %d out of range %d..32", o.ChunkDistance, minChunkDistance)
	case o.StoredChunks < 1 || o.StoredChunks > 64:
		return fmt.Errorf("simhash: stored chunks %d out of range 1..64", o.StoredChunks)
	case o.IndexedChunks < 1 || o.IndexedChunks > o.StoredChunks:
		return fmt.Errorf("simhash: indexed chunks %d out of range 1..%d", o.IndexedChunks, o.StoredChunks)
	case o.TailSlack < 0:
		return fmt.Errorf("simhash: tail slack %d is negative", o.TailSlack)
	}
	return nil
}

// minChunkDistance is the least ChunkDistance: below it a passage that
// matches nothing would look as near as one within gapDistance (8 of the
// 32 bits kept), which the clusterer's tests take for a match, and they
// could not tell the two apart (distances up to 15 crashed it).
const minChunkDistance = 2 * gapDistance

const (
	maxShingle = 8
	// maxSketchChunks bounds a sketch's size; shingles past it still count
	// in Shingles, so a huge document simply matches less.
	maxSketchChunks = 4096
)

// Chunk is one passage of a document.
type Chunk struct {
	FP     uint64 // 64-bit simhash of the passage's distinct shingles
	Weight uint16 // distinct shingles in the passage
}

// Sketch is the compact summary of one document that clustering needs.
// It is computed independently per document (so shards can fingerprint in
// parallel) and serialisable (MarshalBinary) so clustering can run on
// merged sketches.
type Sketch struct {
	Whole    uint64  // 64-bit simhash of all fingerprinted shingles
	Length   int     // bytes of normalised words, for --keep longest
	Shingles int     // the passages' Weights summed (the containment denominator)
	Chunks   []Chunk // passages in text order, at most maxSketchChunks
	// Opening hashes the document's first shingles, as many as the
	// shortest passage has (fewer when the document has fewer): a copy
	// cut inside its story's first passage shares no passage with the
	// story, but its opening; 0 for a document without words.
	Opening uint64
	// Anchors are the smallest shingle hashes of the document's inner
	// passages (all but its first and last, where another outlet's
	// header and footer sit), one a passage, the MaxAnchors smallest of
	// those in ascending order, 0 past the last: a copy with a word
	// changed in every paragraph shares no passage unchanged, but keeps
	// most shingles, and with them, likely, the smallest (see doc.go,
	// Candidate search).
	Anchors [MaxAnchors]uint64
}

// MaxAnchors is how many anchors a sketch holds.
const MaxAnchors = 2

// Fingerprinter computes sketches. Safe for concurrent use.
type Fingerprinter struct {
	opts Options
	pool sync.Pool // *state, so workers reuse buffers
}

// NewFingerprinter returns a fingerprinter for opts. Invalid options are
// replaced by defaults field by field; call Options.Validate to report them.
func NewFingerprinter(opts Options) *Fingerprinter {
	opts = opts.orDefaults()
	f := &Fingerprinter{opts: opts}
	f.pool.New = func() any { return newState(opts) }
	return f
}

func (o Options) orDefaults() Options {
	d := DefaultOptions()
	if o.Validate() == nil {
		return o
	}
	fix := func(bad bool, v *int, def int) {
		if bad {
			*v = def
		}
	}
	fix(o.Shingle < 1 || o.Shingle > maxShingle, &o.Shingle, d.Shingle)
	fix(o.MinLineWords < 0, &o.MinLineWords, d.MinLineWords)
	fix(o.ChunkShingles < 2 || o.ChunkShingles > 63, &o.ChunkShingles, d.ChunkShingles)
	fix(o.ChunkDistance < minChunkDistance || o.ChunkDistance > 32, &o.ChunkDistance, d.ChunkDistance)
	fix(o.StoredChunks < 1 || o.StoredChunks > 64, &o.StoredChunks, d.StoredChunks)
	fix(o.IndexedChunks < 1 || o.IndexedChunks > o.StoredChunks, &o.IndexedChunks, min(d.IndexedChunks, o.StoredChunks))
	fix(o.TailSlack < 0, &o.TailSlack, d.TailSlack)
	if o.Containment <= 0 || o.Containment > 1 {
		o.Containment = d.Containment
	}
	return o
}

// Sketch fingerprints text.
func (f *Fingerprinter) Sketch(text string) Sketch {
	st := f.pool.Get().(*state)
	defer f.pool.Put(st)
	s := st.sketch(text, f.opts.MinLineWords)
	if s.Shingles == 0 && f.opts.MinLineWords > 0 {
		// Only short lines: fingerprint them all rather than nothing.
		s = st.sketch(text, 0)
	}
	return s
}

// exactHasher is ExactKey's scratch space, pooled like state.
type exactHasher struct {
	words wordHasher
	d     xxhash.Digest
	b     []byte
}

var exactPool = sync.Pool{New: func() any {
	e := &exactHasher{}
	e.words = newWordHasher(func(ws []uint64) {
		e.b = e.b[:0]
		for _, h := range ws {
			e.b = binary.LittleEndian.AppendUint64(e.b, h)
		}
		e.d.Write(e.b)
	})
	return e
}}

// ExactKey is the hash of the normalised text, for --dedup exact: two
// texts get the same key when they have the same words after the
// normalisation fingerprints use, whatever their spacing, case or quotes.
func ExactKey(text string) uint64 {
	e := exactPool.Get().(*exactHasher)
	defer exactPool.Put(e)
	e.d.Reset()
	e.words.run(text, 0)
	return e.d.Sum64()
}

// state is one fingerprinting run's scratch space. Word hashes arrive in
// batches (words); each shingle hash is buffered in ch until its passage
// ends, then the passage is counted into bit-sliced counters at once.
type state struct {
	opts  Options
	words wordHasher

	ring   [maxShingle]uint64 // last words: ring[k&7] holds word k
	roll   uint64             // rotate-xor of the last Shingle word hashes
	nWords uint               // words fed

	ch    [4 * 63]uint64 // shingle hashes of the current passage
	nch   int
	set   shingleSet  // for distinct
	whole wideCounter // votes of all closed passages
	mask  uint64
	minCh int
	maxCh int

	out Sketch
	// lastMin is the smallest shingle hash of the last passage closed,
	// an anchor once another passage follows it; passages counts those
	// closed, past maxSketchChunks too.
	lastMin  uint64
	passages int
}

func newState(o Options) *state {
	st := &state{opts: o}
	st.words = newWordHasher(st.feed)
	// A boundary fires with probability 1/2^k once a passage has minCh
	// shingles, so the mean passage is about minCh + 2^k, 2^k being the
	// largest power of two at or below ChunkShingles-minCh (8 + 16 = 24 for
	// the default 32). A small minimum keeps a boundary moved by an edit
	// from shifting the next ones.
	st.minCh = max(1, o.ChunkShingles/4)
	st.maxCh = 4 * o.ChunkShingles
	st.mask = uint64(1)<<(bits.Len(uint(o.ChunkShingles-st.minCh))-1) - 1
	return st
}

func (st *state) sketch(text string, minLine int) Sketch {
	st.reset()
	st.words.run(text, minLine)
	return st.finish(st.words.bytes)
}

// reset readies st for the words of a new document (feed).
func (st *state) reset() {
	st.ring = [maxShingle]uint64{}
	st.roll, st.nWords, st.nch = 0, 0, 0
	st.whole = wideCounter{}
	st.out = Sketch{Chunks: st.out.Chunks[:0]}
	st.passages = 0
}

// finish closes the last passage and returns the sketch of the document
// fed since reset, of length bytes once normalised.
func (st *state) finish(length int) Sketch {
	st.out.Length = length
	if st.nWords > 0 && st.nWords < uint(st.opts.Shingle) {
		// Fewer words than a shingle: one shingle of what there is.
		st.ch[0] = avalanche(st.roll)
		st.nch = 1
	}
	st.closeChunk()
	s := st.out
	s.Whole = majority(st.whole[:], uint64(s.Shingles))
	s.Chunks = nil
	if len(st.out.Chunks) > 0 {
		s.Chunks = append([]Chunk(nil), st.out.Chunks...)
	}
	return s
}

// shingleRot is the rotation between consecutive words of a shingle; its
// multiples up to 7 are distinct mod 64, so word order matters.
const shingleRot = 23

// feed receives word hashes of kept lines; lines join seamlessly so a
// dropped advert line between two paragraphs leaves no trace.
//
// A shingle hash is the rotate-xor of its words' hashes, updated in O(1)
// per word (rotate in the new word, rotate out the one Shingle words back)
// and finished with the XXH64 avalanche, so it costs the same for any
// shingle length and its bits are independent enough for simhash votes.
func (st *state) feed(ws []uint64) {
	k := int(st.opts.Shingle)
	out := (shingleRot * k) & 63
	minCh, maxCh, mask := st.minCh, st.maxCh, st.mask
	roll, n, nch := st.roll, st.nWords, st.nch
	prev := st.ring[(n-1)&(maxShingle-1)]
	for j, h := range ws {
		// The word Shingle places back leaves the window: from this batch
		// or, near its start, from the ring of the previous batch's last.
		var gone uint64
		if j >= k {
			gone = ws[j-k]
		} else {
			gone = st.ring[(n-uint(k))&(maxShingle-1)]
		}
		roll = bits.RotateLeft64(roll, shingleRot) ^ h ^ bits.RotateLeft64(gone, out)
		n++
		// Boundaries depend on the last two words only, so an edited word
		// moves at most the boundaries next to it.
		b := h ^ bits.RotateLeft64(prev, 29)
		prev = h
		if n < uint(k) {
			continue
		}
		st.ch[nch] = avalanche(roll)
		nch++
		if (nch >= minCh && (b>>40)&mask == 0) || nch >= maxCh {
			st.nch = nch
			st.closeChunk()
			nch = 0
		}
	}
	// Keep the batch's last words for the next one.
	for m := max(0, len(ws)-maxShingle); m < len(ws); m++ {
		st.ring[(n-uint(len(ws)-m))&(maxShingle-1)] = ws[m]
	}
	st.roll, st.nWords, st.nch = roll, n, nch
}

// closeChunk counts the current passage's distinct shingles, records its
// fingerprint and adds its votes to the whole document's.
//
// A passage is its set of shingles: a shingle repeated inside it counts
// once. Clustering credits a representative's stored passage that a
// document holds unchanged with the weight of the document's copy (the
// row keeps no weights), which is right only if an identical fingerprint
// means an identical weight. Counting repeats broke that on repetitive
// text: a passage of "word word word ..." with nine shingles met one with
// thirteen, the longer document was judged to hold the shorter whole and
// replaced it as representative, and a later exact copy of the shorter
// one, holding only 9 of 13 of its shingles in the longer, started a
// cluster of its own (FuzzCluster, 8e2224e790e6eed1).
func (st *state) closeChunk() {
	if st.nch == 0 {
		return
	}
	if len(st.out.Chunks) == 0 {
		st.out.Opening = opening(st.ch[:min(st.nch, st.minCh)])
	}
	hs, smallest := st.set.distinct(st.ch[:st.nch])
	if st.passages >= 2 {
		// The passage before this one is an inner one.
		addAnchor(&st.out.Anchors, st.lastMin)
	}
	st.lastMin = smallest
	st.passages++
	c := countBits(hs)
	st.whole.add(&c)
	st.out.Shingles += len(hs)
	if len(st.out.Chunks) < maxSketchChunks {
		st.out.Chunks = append(st.out.Chunks, Chunk{FP: majority(c[:], uint64(len(hs))), Weight: uint16(len(hs))})
	}
	st.nch = 0
}

// addAnchor puts h among the smallest anchors a holds, in ascending
// order, unless it is there already. A shingle hash of 0 (once in 2^64)
// is taken for 1, 0 marking an empty place.
func addAnchor(a *[MaxAnchors]uint64, h uint64) {
	h = max(1, h)
	if last := a[MaxAnchors-1]; last != 0 && h >= last {
		return // most passages, once a few have been seen
	}
	i := MaxAnchors
	for i > 0 && (a[i-1] == 0 || a[i-1] > h) {
		i--
	}
	if i == MaxAnchors || i > 0 && a[i-1] == h {
		return
	}
	copy(a[i+1:], a[i:MaxAnchors-1])
	a[i] = h
}

// opening hashes a document's first shingles in order, never to 0.
func opening(hs []uint64) uint64 {
	h := uint64(len(hs))
	for _, x := range hs {
		h = bits.RotateLeft64(h^x, 27)*prime1 + prime2
	}
	return max(1, avalanche(h))
}

// shingleSet finds the repeated shingle hashes of a passage (distinct):
// a table indexed by each hash's top bits stamps the slots the passage
// has seen with its number, so no table is cleared between passages.
type shingleSet struct {
	stamp [1 << setBits]uint16
	gen   uint16 // the current passage's stamp
}

// setBits is how many top bits of a hash index the table: with 4,096
// slots, a passage of 24 shingles finds one taken by another hash about
// once in 15 passages.
const setBits = 12

// distinct drops repeated hashes from hs in place, keeping first
// occurrences in order, and returns the smallest too (^0 for none), for
// the anchors: taken in this loop, it cost less than a pass of its own
// (a fingerprint 3.3% slower against 4.3%, with four anchors then). Prose,
// whose passages rarely repeat a shingle, skips the search: a hash whose
// slot is not stamped with this passage is new. A 1024-bit filter
// cleared for each passage did the same with more work a hash and more
// false hits (distinct 7.7% and 8.9% of two CPU profiles of
// fingerprinting, 5.7% now).
func (s *shingleSet) distinct(hs []uint64) (kept []uint64, smallest uint64) {
	if s.gen++; s.gen == 0 {
		// The stamps of 65,536 passages back would read as this one's.
		clear(s.stamp[:])
		s.gen = 1
	}
	gen := s.gen
	smallest = ^uint64(0)
	// Until the first stamped slot every hash is new and stays in place.
	n := 0
	for ; n < len(hs); n++ {
		h := hs[n]
		slot := &s.stamp[h>>(64-setBits)]
		if *slot == gen {
			break
		}
		*slot = gen
		smallest = min(smallest, h)
	}
	for _, h := range hs[n:] {
		slot := &s.stamp[h>>(64-setBits)]
		if *slot == gen && slices.Contains(hs[:n], h) {
			continue
		}
		*slot = gen
		smallest = min(smallest, h)
		hs[n] = h
		n++
	}
	return hs[:n], smallest
}

// Vote counting. Simhash bit j is set when more than half of the shingle
// hashes have bit j set. The 64 counters are bit-sliced: plane i holds bit
// i of every counter, so one word operation works on all 64 at once.

// countBits returns the bit-sliced counts of hs (fewer than 256 hashes).
// Groups of eight are summed with a carry-save adder tree (Harley and
// Seal): seven full adders of five word operations each leave ones, twos
// and fours pending and one plane of eights to ripple into the count.
// The last group is padded with zeros, which count nothing, and the
// eights ripple through every higher plane: a loop that stopped where
// the carry ran out, or added the last hashes one by one, mispredicted
// its exit on nearly every passage.
func countBits(hs []uint64) (p [8]uint64) {
	var ones, twos, fours uint64
	var last [8]uint64
	for len(hs) > 0 {
		g := hs
		if len(g) < 8 {
			copy(last[:], g)
			g = last[:]
		}
		var twosA, twosB, foursA, foursB, eights uint64
		twosA, ones = csa(ones, g[0], g[1])
		twosB, ones = csa(ones, g[2], g[3])
		foursA, twos = csa(twos, twosA, twosB)
		twosA, ones = csa(ones, g[4], g[5])
		twosB, ones = csa(ones, g[6], g[7])
		foursB, twos = csa(twos, twosA, twosB)
		eights, fours = csa(fours, foursA, foursB)
		for i := 3; i < len(p); i++ {
			p[i], eights = p[i]^eights, p[i]&eights
		}
		hs = hs[min(8, len(hs)):]
	}
	p[0], p[1], p[2] = ones, twos, fours
	return p
}

// csa is a full adder on 64 lanes: a+b+c = 2*carry + sum.
func csa(a, b, c uint64) (carry, sum uint64) {
	u := a ^ b
	return a&b | u&c, u ^ c
}

// wideCounter holds the whole document's bit-sliced counts; 48 planes
// count past any text a string can hold.
type wideCounter [48]uint64

// add adds a passage's counts.
func (w *wideCounter) add(p *[8]uint64) {
	var c uint64
	for i, y := range p {
		x := w[i]
		s := x ^ y
		w[i] = s ^ c
		c = x&y | s&c
	}
	for i := len(p); c != 0 && i < len(w); i++ {
		w[i], c = w[i]^c, w[i]&c
	}
}

// majority returns the lanes whose count exceeds n/2, comparing all 64
// counters with the threshold at once, plane by plane from the top; the
// threshold's bit selects the operations as a mask, not a branch.
func majority(planes []uint64, n uint64) uint64 {
	t := n / 2
	var gt uint64
	eq := ^uint64(0)
	for i := len(planes) - 1; i >= 0; i-- {
		p := planes[i]
		one := -(t >> uint(i) & 1) // all ones where the threshold has a 1
		gt |= eq & p &^ one
		eq &^= p ^ one
	}
	return gt
}
