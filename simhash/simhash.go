package simhash

import (
	"fmt"
	"math/bits"
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
	// A document made only of short lines is fingerprinted whole. Default 8.
	MinLineWords int
	// ChunkShingles is the mean passage length in shingles (fingerprint).
	// Passages end where a shingle hash has its low bits zero, so a copy
	// with inserted or removed text resynchronises right after the edit.
	// Default 32; at most 63.
	ChunkShingles int

	// Containment is the share of a new document's shingles that must be
	// found in a representative for the document to join its cluster
	// (flag --containment). Default 0.7.
	Containment float64
	// ChunkDistance is the largest Hamming distance between two 64-bit
	// passage fingerprints that still counts as (partly) the same passage
	// (flag --distance). Default 20.
	ChunkDistance int
	// StoredChunks is how many leading passage fingerprints are kept per
	// representative for the containment check. Default 8.
	StoredChunks int
	// IndexedChunks is how many leading passages of a representative are
	// put in the candidate index. Default 4.
	IndexedChunks int
	// TailSlack is the number of bits the whole-document simhash distance
	// may exceed the distance predicted by the estimated containment before
	// a match on leading passages is not extrapolated to the rest of a long
	// representative. Default 6.
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
		StoredChunks:  8,
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
	case o.ChunkDistance < 0 || o.ChunkDistance > 32:
		return fmt.Errorf("simhash: distance %d out of range 0..32", o.ChunkDistance)
	case o.StoredChunks < 1 || o.StoredChunks > 64:
		return fmt.Errorf("simhash: stored chunks %d out of range 1..64", o.StoredChunks)
	case o.IndexedChunks < 1 || o.IndexedChunks > o.StoredChunks:
		return fmt.Errorf("simhash: indexed chunks %d out of range 1..%d", o.IndexedChunks, o.StoredChunks)
	case o.TailSlack < 0:
		return fmt.Errorf("simhash: tail slack %d is negative", o.TailSlack)
	}
	return nil
}

const (
	maxShingle = 8
	// maxSketchChunks bounds a sketch's size; shingles past it still count
	// in Shingles, so a huge document simply matches less.
	maxSketchChunks = 4096
)

// Chunk is one passage of a document.
type Chunk struct {
	FP     uint64 // 64-bit simhash of the passage's shingles
	Weight uint16 // shingles in the passage
}

// Sketch is the compact summary of one document that clustering needs.
// It is computed independently per document (so shards can fingerprint in
// parallel) and serialisable (MarshalBinary) so clustering can run on
// merged sketches.
type Sketch struct {
	Whole    uint64  // 64-bit simhash of all fingerprinted shingles
	Length   int     // bytes of normalised words, for --keep longest
	Shingles int     // shingles fingerprinted (the containment denominator)
	Chunks   []Chunk // passages in text order, at most maxSketchChunks
}

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
	fix(o.ChunkDistance < 0 || o.ChunkDistance > 32, &o.ChunkDistance, d.ChunkDistance)
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

// ExactKey is the hash of the normalised text, for --dedup exact: two
// texts get the same key when they have the same words after the
// normalisation fingerprints use, whatever their spacing, case or quotes.
func ExactKey(text string) uint64 {
	d := xxhash.New()
	var b [8]byte
	w := wordHasher{emit: func(h uint64, _ int) {
		for i := range b {
			b[i] = byte(h >> (8 * i))
		}
		d.Write(b[:])
	}}
	w.run(text)
	return d.Sum64()
}

// state is one fingerprinting run's scratch space.
type state struct {
	opts  Options
	words wordHasher

	minLine  int
	curLine  int
	lineBuf  []uint64 // words of the current line while it may be short
	lineLong bool

	ring   [maxShingle]uint64
	nWords uint // words fed; ring[k&7] holds word k

	whole  acc
	wholeC [64]int64
	wholeN int64
	chunk  acc
	mask   uint64
	minCh  int
	maxCh  int

	out Sketch
}

func newState(o Options) *state {
	st := &state{opts: o}
	st.words.emit = st.word
	// A boundary fires with probability 1/2^k once a passage has minCh
	// shingles, so the mean passage is minCh + 2^k ~ ChunkShingles. A small
	// minimum keeps a boundary moved by an edit from shifting the next ones.
	st.minCh = max(1, o.ChunkShingles/4)
	st.maxCh = 4 * o.ChunkShingles
	st.mask = uint64(1)<<(bits.Len(uint(o.ChunkShingles-st.minCh))-1) - 1
	return st
}

func (st *state) sketch(text string, minLine int) Sketch {
	st.minLine = minLine
	st.curLine = 0
	st.lineBuf = st.lineBuf[:0]
	st.lineLong = minLine <= 1
	st.nWords = 0
	st.whole.reset()
	st.wholeC = [64]int64{}
	st.wholeN = 0
	st.chunk.reset()
	st.out = Sketch{}
	st.words.run(text)
	st.out.Length = st.words.bytes
	st.endLine()
	if st.nWords > 0 && st.nWords < uint(st.opts.Shingle) {
		// Fewer words than a shingle: one shingle of what there is.
		st.shingle(int(st.nWords))
	}
	st.closeChunk()
	st.flushWhole()
	s := st.out
	s.Whole = st.wholeBits()
	s.Chunks = append([]Chunk(nil), s.Chunks...)
	return s
}

// word receives one word hash from the tokenizer.
func (st *state) word(h uint64, line int) {
	if line != st.curLine {
		st.endLine()
		st.curLine = line
		st.lineLong = st.minLine <= 1
	}
	if st.lineLong {
		st.feed(h)
		return
	}
	st.lineBuf = append(st.lineBuf, h)
	if len(st.lineBuf) >= st.minLine {
		st.lineLong = true
		for _, w := range st.lineBuf {
			st.feed(w)
		}
		st.lineBuf = st.lineBuf[:0]
	}
}

// endLine drops the words of a line that stayed short.
func (st *state) endLine() { st.lineBuf = st.lineBuf[:0] }

// feed appends a word of a kept line; lines join seamlessly so a dropped
// advert line between two paragraphs leaves no trace.
func (st *state) feed(h uint64) {
	st.ring[st.nWords&(maxShingle-1)] = h
	st.nWords++
	if st.nWords >= uint(st.opts.Shingle) {
		st.shingle(st.opts.Shingle)
	}
}

// shingle combines the last n word hashes into one shingle hash and adds
// it to the whole-document and current passage accumulators.
func (st *state) shingle(n int) {
	var h uint64
	for k := st.nWords - uint(n); k < st.nWords; k++ {
		h = bits.RotateLeft64(h, 23) ^ st.ring[k&(maxShingle-1)]*prime1
	}
	h = avalanche(h)
	st.out.Shingles++
	st.whole.add(h)
	if st.whole.n == accMax {
		st.flushWhole()
	}
	st.chunk.add(h)
	// Boundaries depend on the last two words only, so an edited word
	// moves at most the boundaries next to it.
	last := st.nWords - 1
	b := (st.ring[last&(maxShingle-1)] ^ bits.RotateLeft64(st.ring[(last-1)&(maxShingle-1)], 29)) * prime2
	if (st.chunk.n >= st.minCh && (b>>40)&st.mask == 0) || st.chunk.n >= st.maxCh {
		st.closeChunk()
	}
}

func (st *state) closeChunk() {
	if st.chunk.n == 0 {
		return
	}
	if len(st.out.Chunks) < maxSketchChunks {
		st.out.Chunks = append(st.out.Chunks, Chunk{FP: st.chunk.majority(), Weight: uint16(st.chunk.n)})
	}
	st.chunk.reset()
}

func (st *state) flushWhole() {
	st.whole.drain(&st.wholeC)
	st.wholeN += int64(st.whole.n)
	st.whole.reset()
}

func (st *state) wholeBits() uint64 {
	var v uint64
	for j, c := range st.wholeC {
		if 2*c > st.wholeN {
			v |= 1 << j
		}
	}
	return v
}

// accPlanes bit-sliced counter planes hold up to accMax votes per bit.
const (
	accPlanes = 8
	accMax    = 1<<accPlanes - 1
)

// acc counts, for each of 64 bit positions, how many added hashes have
// that bit set. The counters are bit-sliced: plane i holds bit i of all 64
// counters, so adding a hash is a ripple-carry over planes that stops as
// soon as the carry is zero (two planes on average) instead of 64 separate
// increments.
type acc struct {
	planes [accPlanes]uint64
	n      int
}

func (a *acc) reset() { *a = acc{} }

func (a *acc) add(h uint64) {
	carry := h
	for i := 0; carry != 0 && i < accPlanes; i++ {
		t := a.planes[i] & carry
		a.planes[i] ^= carry
		carry = t
	}
	a.n++
}

// majority returns the bits whose counter exceeds n/2, comparing all 64
// counters against the threshold at once, plane by plane from the top.
func (a *acc) majority() uint64 {
	t := uint64(a.n / 2)
	var gt uint64
	eq := ^uint64(0)
	for i := accPlanes - 1; i >= 0; i-- {
		p := a.planes[i]
		if t>>i&1 == 0 {
			gt |= eq & p
			eq &^= p
		} else {
			eq &= p
		}
	}
	return gt
}

// drain adds the counters into c.
func (a *acc) drain(c *[64]int64) {
	for i, p := range a.planes {
		for p != 0 {
			j := bits.TrailingZeros64(p)
			c[j] += 1 << i
			p &= p - 1
		}
	}
}
