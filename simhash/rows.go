package simhash

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Algorithm numbers the way texts become sketches (words, shingles,
// passages, weights): sketches and rows made under another are not
// comparable, so files holding them record it. 2: a passage counts its
// distinct shingles, and characters of scripts written without spaces
// are words. 3: invisible format characters (soft hyphens, zero-width
// spaces) and variation selectors no longer end a word, nor does a hyphen
// breaking a word across a line break; HTML tags are separators.
const Algorithm = 3

// RowFormat numbers the layout of the rows AppendRow writes; a change of
// what a row holds changes it, so that saved rows of another layout are
// refused rather than misread. 3: a second word of checks, for the
// sampled passage indexed beside the four others.
const RowFormat = 3

// RowBytes is the size of one encoded representative row under opts.
func RowBytes(opts Options) int {
	return 4 * savedStride(opts.orDefaults())
}

// savedStride is the number of 32-bit words of a saved row: the row's
// words but the last, then the checks of all its indexed passages, four
// to a word, followed by the opening's key (openingBytes), which the
// row's last word holds with the first check.
func savedStride(o Options) int {
	return o.StoredChunks + rowOpening + (o.IndexedChunks+sampled(o)+openingBytes+3)/4
}

// EachRepresentative calls f with the cluster number of each live
// representative, in the order they were added. A cluster merged into
// another has none.
func (c *Clusterer) EachRepresentative(f func(cluster int, r int)) {
	k := c.opts.StoredChunks
	for r := range c.rows.n {
		row := c.rows.row(r)
		if row[0] != 0 { // a merged cluster's row is cleared
			f(int(row[k+rowDoc]), r)
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
	var idx [64]int
	var checks [4 * 18]uint8 // 64 checks, a sample's and the opening's key
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
	doc := c.n
	c.n++
	c.reps++
	row := c.rows.grow(c.rows.n + 1)
	for i := range row[:k+rowOpening] {
		row[i] = word(i)
	}
	row[k+rowDoc] = uint32(doc)
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
	n := len(c.slots)
	for 5*c.rows.n*(c.opts.IndexedChunks+c.samples) > 4*n {
		n += n / 2
	}
	c.rebuild(n)
}
