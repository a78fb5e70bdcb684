package simhash

import (
	"math/bits"
	"sort"
)

// rowDocs records which document started each row. Rows are added in
// document order, so they are the set bits of a bitmap over documents
// and row r's document is its (r+1)th set bit: a bit a document and a
// count every rowDocsBlock words, about 0.13 bytes a document, where a
// word in each row cost 4 bytes a representative (2.8 bytes a document
// at 80,000 generated documents, 4% of the clusterer's memory).
// A row's cluster is its document's (Resolve follows the merges), read
// only when a document joins it.
type rowDocs struct {
	bits []uint64
	// before[b] is the number of set bits in the words before word
	// b*rowDocsBlock.
	before []uint32
	n      int // set bits
}

const rowDocsBlock = 8

// add records that document doc, after every document added before,
// started the next row.
func (a *rowDocs) add(doc int) {
	w := doc / 64
	for len(a.bits) <= w {
		if len(a.bits)%rowDocsBlock == 0 {
			a.before = append(a.before, uint32(a.n))
		}
		a.bits = append(a.bits, 0)
	}
	a.bits[w] |= 1 << (doc % 64)
	a.n++
}

// doc returns the document that started row r.
func (a *rowDocs) doc(r int) int {
	// The last block whose rows before it are at most r.
	b := sort.Search(len(a.before), func(b int) bool { return int(a.before[b]) > r }) - 1
	left := r - int(a.before[b])
	for w := b * rowDocsBlock; ; w++ {
		x := a.bits[w]
		if c := bits.OnesCount64(x); left >= c {
			left -= c
			continue
		}
		for range left {
			x &= x - 1 // drop the lowest set bit
		}
		return 64*w + bits.TrailingZeros64(x)
	}
}

func (a *rowDocs) bytes() int { return 8*cap(a.bits) + 4*cap(a.before) }
