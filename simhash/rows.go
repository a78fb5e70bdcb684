package simhash

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// A representative's row: what fill stores of its sketch, which passages
// the index holds (indexed), the words after its passage keys, and the
// encoding that saves rows between runs (AppendRow, AddRow).

// Algorithm numbers the way texts become sketches (words, shingles,
// passages, weights): sketches and rows made under another are not
// comparable, so files holding them record it. 2: a passage counts its
// distinct shingles, and characters of scripts written without spaces
// are words. 3: invisible format characters (soft hyphens, zero-width
// spaces) and variation selectors no longer end a word, nor does a hyphen
// breaking a word across a line break; HTML tags are separators. 4:
// sketches carry anchors. 5: in scripts written without spaces a word is
// a character with the 3 before it in its run (in Thai, Lao, Khmer and
// Burmese one such word in four is kept), and a character counts for
// part of a word in the short-line filter. 6: spacing marks (the vowel
// signs of Indic scripts) and enclosing marks are part of a word, as
// other marks were. 7: web addresses are not words. 8: a character
// reference escaped twice ("&amp;#8217;") is read as one. 9: Arabic
// spellings fold (arabicFolds). 10: "ß" and "œ" are "ss" and "oe".
const Algorithm = 10

// RowFormat numbers the layout of the rows AppendRow writes; a change of
// what a row holds changes it, so that saved rows of another layout are
// refused rather than misread. 3: a second word of checks, for the
// sampled passage indexed beside the four others. 4: the anchor, a word
// of its own and a check more. 5: no document number (see rowDocs).
const RowFormat = 5

// RowBytes is the size of one encoded representative row under opts.
func RowBytes(opts Options) int {
	return 4 * savedStride(opts.orDefaults())
}

// savedStride is the number of 32-bit words of a saved row: the row's
// words but the last, then the checks of all its indexed passages and its
// anchor, four to a word, followed by the opening's key (openingBytes),
// which the row's last word holds with the first check.
func savedStride(o Options) int {
	return o.StoredChunks + rowOpening + (rowEntries(o)+openingBytes+3)/4
}

// EachRepresentative calls f with the cluster number of each live
// representative, in the order they were added. A cluster merged into
// another has none.
func (c *Clusterer) EachRepresentative(f func(cluster int, r int)) {
	for r := range c.rows.n {
		if c.rows.row(r)[0] != 0 { // a merged cluster's row is cleared
			f(c.rowCluster(r), r)
		}
	}
}

// AppendRow appends representative r's row (what the clusterer keeps of
// it: its stored passage keys, whole simhash, counts, opening and checks,
// those the index holds too) to b, RowBytes long, for AddRow to load in
// another run: incremental dedup loads saved representatives without
// fingerprinting or clustering them again.
func (c *Clusterer) AppendRow(b []byte, r int) []byte {
	k := c.opts.StoredChunks
	row := c.rows.row(r)
	for _, w := range row[:k+rowOpening] {
		b = binary.LittleEndian.AppendUint32(b, w)
	}
	var idx [66]int
	var checks [4 * 18]uint8 // 64 checks, a sample's, the anchor's and the opening's key
	c.checksOf(r, c.indexed(row, idx[:0]), checks[:0])
	key := c.opening(row)
	for i := range openingBytes {
		checks[c.openAt+i] = uint8(key >> (8 * i))
	}
	return append(b, checks[:4*(savedStride(c.opts)-k-rowOpening)]...)
}

// AddRow adds a row AppendRow wrote as the next document, a
// representative of its own cluster, and returns its number. The rows of
// a saved clusterer are mutually apart already, so they are not matched
// against each other, and they are indexed at once when the next document
// is added: one rebuild places entries region by region (see rebuild),
// where inserting each row's as it came cost twice the time at 200,000
// rows.
func (c *Clusterer) AddRow(b []byte) (cluster int, err error) {
	k := c.opts.StoredChunks
	if want := 4 * savedStride(c.opts); len(b) != want {
		return 0, fmt.Errorf("simhash: a row of %d bytes, want %d", len(b), want)
	}
	word := func(i int) uint32 { return binary.LittleEndian.Uint32(b[4*i:]) }
	if word(0) == 0 || word(k+rowSize)>>8 == 0 || word(k+rowSize)&sizeShare == 0 {
		return 0, errors.New("simhash: a row with no passage or inconsistent counts")
	}
	if c.rows.n >= c.maxRows {
		return 0, fmt.Errorf("simhash: more than %d representatives, the most a clusterer holds", c.maxRows)
	}
	doc := c.n
	c.n++
	c.reps++
	row := c.rows.grow(c.rows.n + 1)
	c.rowDocs.add(doc)
	for i := range row[:k+rowOpening] {
		row[i] = word(i)
	}
	checks := b[4*(k+rowOpening):]
	key := uint32(0)
	for i := range openingBytes {
		key |= uint32(checks[c.openAt+i]) << (8 * i)
	}
	c.setOpening(row, key)
	c.setFirstCheck(row, checks[:1])
	// The others wait for the index (indexRows) in loaded.
	if len(c.loaded) == 0 {
		c.loadedFrom = c.rows.n - 1
	}
	c.loaded = append(c.loaded, checks[1:c.openAt]...)
	c.unindexed = true
	return doc, nil
}

// indexRows indexes the rows AddRow added, in a table of the size that
// inserting them one by one would have grown to.
func (c *Clusterer) indexRows() {
	c.unindexed = false
	n := c.slots.n
	for 5*c.rows.n*rowEntries(c.opts) > 4*n {
		n += n / 2
	}
	c.rebuild(n)
}

// fill makes row r represent its cluster by the sketch and indexes it: its
// first StoredChunks passages, or when it has more, the first
// StoredChunks-1-c.samples, a sample of the rest and the last, in text
// order. The last shows where a document that holds r's opening ends:
// with r's ending (a copy) or without it (a post quoting r's opening),
// and whether text was inserted between the two (an expanded story, whose
// new comments sit between the old story and the old comments). The
// sample is the passage of the document's third quarter whose key ranks
// lowest (see sample), so that a copy of the story's second half, which
// holds no passage of its opening, has a passage to be found by and
// checked against.
func (c *Clusterer) fill(r int, s Sketch) {
	k := c.opts.StoredChunks
	row := c.rows.row(r)
	refill := row[0] != 0 // its earlier entries are still in the index
	clear(row)
	meta := row[k:]
	meta[rowWhole], meta[rowWhole+1] = uint32(s.Whole), uint32(s.Whole>>32)
	storedW := 0
	stored := s.Chunks[:min(k, len(s.Chunks))]
	if m := len(s.Chunks); m > k {
		lead := k - 1 - c.samples
		stored = append(c.stored[:0], s.Chunks[:lead]...)
		if c.samples > 0 {
			// From the third quarter of the document: any copy of its
			// second half holds it, and it lies clear of a site's footer,
			// which can run over the last few passages (sampled next to
			// the final one, it was a footer's first part for many
			// generated stories, which it merged).
			lo := max(lead, m/2)
			hi := min(m-1, max(lo+1, m-1-m/4))
			stored = append(stored, c.sample(s.Chunks[lo:hi]))
		}
		stored = append(stored, s.Chunks[m-1])
		c.stored = stored
	}
	for j, ch := range stored {
		row[j] = passageKey(ch.FP)
		storedW += int(ch.Weight)
	}
	if len(s.Chunks) <= k {
		storedW = s.Shingles // the tail past maxSketchChunks is covered too
	}
	meta[rowSize] = packSize(s.Shingles, storedW)
	if s.Opening != 0 {
		c.setOpening(row, openingKey(s.Opening))
	}
	if s.Anchors[0] != 0 {
		meta[rowAnchor] = anchorKey(s.Anchors[0])
	}
	var buf [66]int
	var checks [66]uint8
	idx := c.indexed(row, buf[:0])
	for t, j := range idx {
		if j == k {
			checks[t] = anchorCheck(s.Anchors[0])
			continue
		}
		fp := stored[j].FP
		if j == 0 {
			if s.Opening == 0 {
				continue // check 0: not indexed (one key for all would be a long chain)
			}
			fp = s.Opening
		}
		checks[t] = passageCheck(fp)
	}
	cs := checks[:len(idx)]
	if full, wide := 5*(c.entries+len(idx)) > 4*c.slots.n, !c.slots.fits(uint32(r)+1); full || wide {
		c.setFirstCheck(row, cs)
		c.remember(r, cs)
		n := c.slots.n
		if full {
			n += n / 2
		}
		c.rebuild(n)
		return
	}
	c.prefetch(row, idx)
	if c.indexRep(r, idx, cs) || refill {
		c.remember(r, cs)
	}
	c.setFirstCheck(row, cs)
}

// indexed appends to dst the stored passages of row that are indexed: the
// leading ones, then those of the rest whose keys hash lowest, not
// counting the document's final passage (where site footers sit, stored
// last) unless the document has no more passages than are indexed. Picking among all
// passages (footer included) merged short same-site stories of the
// generated corpus.
func (c *Clusterer) indexed(row []uint32, dst []int) []int {
	k := c.opts.StoredChunks
	n := 0
	for n < k && row[n] != 0 {
		n++
	}
	want := c.opts.IndexedChunks
	if n <= want {
		for j := range n {
			dst = append(dst, j)
		}
		return dst
	}
	lead := min(c.lead, n)
	for j := range lead {
		dst = append(dst, j)
	}
	// The picks: the lowest ranking of the rest, the earlier on ties,
	// found in one pass, kept in rank order meanwhile (rebuild reads every
	// row's twice).
	last := n - 1 // the document's final passage
	for j := lead; j < last && lead < want; j++ {
		rk := rank(row[j])
		if len(dst) == want {
			if rk >= rank(row[dst[want-1]]) {
				continue
			}
		} else {
			dst = append(dst, j)
		}
		i := len(dst) - 1
		for ; i > lead && rank(row[dst[i-1]]) > rk; i-- {
			dst[i] = dst[i-1]
		}
		dst[i] = j
	}
	slices.Sort(dst[lead:])
	// The sampled passage, stored just before the final one, is indexed
	// as well when it is not among the picks: a copy of the document's
	// second half holds none of its opening, and finds it through the
	// sample alone. (Indexed only when it ranked among them, the copy
	// arriving after the story found it for about half the samples; the
	// harder dev set's second-half copies, input order, 0.841 -> 0.881
	// with seed 1.)
	if c.samples > 0 && n == k && row[k+rowSize]&sizeShare != sizeShare && !slices.Contains(dst, k-2) {
		dst = append(dst, k-2)
	}
	if row[k+rowAnchor] != 0 {
		dst = append(dst, k) // the anchor, at position k (see indexKey)
	}
	return dst
}

// sample returns the passage of chunks whose key ranks lowest and that
// the index does not hold already (another story's boilerplate): ranking
// low, it is among the passages a copy holding it looks up (candidates),
// which finds the story through it.
func (c *Clusterer) sample(chunks []Chunk) Chunk {
	pick := -1
	for i, ch := range chunks {
		if pick < 0 || rank(passageKey(ch.FP)) < rank(passageKey(chunks[pick].FP)) {
			if c.indexedKey(passageKey(ch.FP), passageCheck(ch.FP)) {
				continue
			}
			pick = i
		}
	}
	if pick < 0 {
		return chunks[0]
	}
	return chunks[pick]
}

// indexedKey reports whether key with check tag is in the index.
func (c *Clusterer) indexedKey(key uint32, tag uint8) bool {
	for i := c.home(key); c.tags[i] != 0; i = c.next(i) {
		if c.tags[i] == tag && c.keyAt(c.rows.row(int(c.slots.get(i)-1)), key) >= 0 {
			return true
		}
	}
	return false
}

// rowStride is the number of 32-bit words of a representative's row.
func rowStride(o Options) int {
	return o.StoredChunks + rowOpening + 1
}

// Word offsets in a row after its StoredChunks keys.
// The document that started the row is not among them (see rowDocs).
const (
	rowWhole   = 0 // and 1
	rowSize    = 2 // Sketch.Shingles and the stored passages' share (packSize)
	rowAnchor  = 3 // the anchor's key (anchorKey), 0 for none
	rowOpening = 4 // the opening's key (upper 24 bits) and the first indexed passage's check
)

// openingBytes is the size of the opening's key, in a row's word
// beside the first indexed passage's check and in a saved row's bytes
// after the checks: in a word of its own (64 bytes a row, when the row
// held every check) it cost 2.6 bytes per document on the BBC set. With
// its check, 32 bits of the opening hash are matched.
const openingBytes = 3

// openingKey is what a row keeps of an opening hash: its upper 24 bits,
// never 0 (0 marks none).
func openingKey(h uint64) uint32 { return max(1, uint32(h>>40)) }

// opening returns the opening key of row.
func (c *Clusterer) opening(row []uint32) (key uint32) {
	return row[c.opts.StoredChunks+rowOpening] >> 8
}

// setOpening makes key the opening key of row.
func (c *Clusterer) setOpening(row []uint32, key uint32) {
	w := &row[c.opts.StoredChunks+rowOpening]
	*w = key<<8 | *w&0xff
}

// maxTotal is the largest shingle count a row holds: 24 bits, for a text
// of about 100 MB; longer ones count as that long.
const maxTotal = 1<<24 - 1

// packSize packs a document's shingle count (24 bits), whether its sample
// is spent (sizeSpent, set by Add) and the share of them its stored
// passages hold (7 bits: 127 when stored whole, else 1..126 in 127ths), so
// a row has room for one passage key more than with both counts whole.
// The share is used as a rate (covered / stored) and to place the
// unstored text, where 1/254 of error changes nothing.
func packSize(total, stored int) uint32 {
	total = min(total, maxTotal)
	share := uint32(sizeShare)
	if stored < total {
		share = uint32(min(sizeShare-1, max(1, (sizeShare*stored+total/2)/total)))
	}
	return uint32(total)<<8 | share
}

// The low byte of a row's size word: the stored share and the spent bit.
const (
	sizeShare = 0x7f
	sizeSpent = 0x80
)

// sizes unpacks a row's meta[rowSize]: the document's shingles and those
// of its stored passages.
func sizes(meta []uint32) (total, stored float64) {
	total = float64(meta[rowSize] >> 8)
	if share := meta[rowSize] & sizeShare; share < sizeShare {
		return total, total * float64(share) / sizeShare
	}
	return total, total
}

// indexKey returns the key row's stored passage j is indexed under: its
// own, but for the first passage the opening's, which a document sharing
// that passage shares too, and so does a copy cut inside it (see
// candidates). Indexed as an entry of its own, the opening cost 2.5
// bytes per document more on the BBC set. Position StoredChunks is the
// row's anchor.
func (c *Clusterer) indexKey(row []uint32, j int) uint32 {
	switch j {
	case 0:
		return c.opening(row)
	case c.opts.StoredChunks:
		return row[j+rowAnchor]
	}
	return row[j]
}

// setFirstCheck stores in row the check of its first indexed passage,
// checks[0], if any.
func (c *Clusterer) setFirstCheck(row []uint32, checks []uint8) {
	if len(checks) > 0 {
		w := &row[c.opts.StoredChunks+rowOpening]
		*w = *w&^0xff | uint32(checks[0])
	}
}

// firstCheck returns the check of row's first indexed passage.
func (c *Clusterer) firstCheck(row []uint32) uint8 {
	return uint8(row[c.opts.StoredChunks+rowOpening])
}

// pages is a growable array of rows of stride words, kept in fixed pages
// of pageRows rows so that a large array is never copied whole as it
// grows and leaves at most one partly used page. The last page grows by
// a quarter from small, so small clusterers stay small and a large one
// holds little unused room: doubling left the labelled set's 2,067
// representatives in room for 4,096 (120 KB of 333 KB held). Each page
// is copied about 25 times as it grows, 5 pages' worth of copying, a
// small part of clustering its 16,384 rows.
type pages struct {
	p      [][]uint32
	stride int
	n      int // rows
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
		grown := make([]uint32, len(last), min(pageRows*w, max(cap(last)+cap(last)/4, 64*w)))
		copy(grown, last)
		a.p[pg] = grown
	}
	a.p[pg] = a.p[pg][:end]
	a.n = n
	return a.row(n - 1)
}

func (a *pages) bytes() int {
	n := 0
	for _, p := range a.p {
		n += cap(p)
	}
	return n * 4
}
