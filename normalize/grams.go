package normalize

import (
	"encoding/binary"
	"slices"
	"strings"
)

// gramIndex finds every occurrence of a set of patterns of 5 bytes or
// more in a line. Each pattern is indexed by its rarest pair of adjacent
// 4-grams (gramCost), both of them; the scan hashes the 4-gram at every
// other position of the line (one of the pair is at an even position
// wherever the pattern occurs) and tests one bit of a 64-kbit set
// (8 kB), and only where the bit is set compares the patterns of its
// group, each at the one place its occurrence would start.
//
// It replaced an index of trigrams in 4,096 buckets: with the rules in
// eight languages, 96% of the candidates it compared failed (6% of a
// text's positions hit a bucket), and an Aho-Corasick automaton, which
// compares nothing, spent more on its table walk (a dependent load a
// byte, its table of 5,000 states out of L1) than the trigram index did.
type gramIndex struct {
	grams [gramBuckets / 64]uint64
	// The patterns whose 4-gram hashes to bucket h are in group h>>3:
	// pats[start[g]:start[g+1]].
	start [gramBuckets>>gramGroupShift + 1]uint32
	pats  []pattern
}

const (
	gramBits       = 16
	gramBuckets    = 1 << gramBits
	gramGroupShift = 3
)

// gramHash hashes the 4 bytes of w (little-endian: the first byte low).
func gramHash(w uint32) uint32 { return w * 0x9E3779B1 >> (32 - gramBits) }

// gramCost guesses how common gram g is in text (byteCost).
func gramCost(g string) int {
	n := 0
	for i := range len(g) {
		n += byteCost(g[i])
	}
	return n
}

// byteCost guesses how common byte c is in folded text (byteCosts).
func byteCost(c byte) int { return int(byteCosts[c]) }

// byteCosts: spaces and the commonest letters of European languages cost
// most, then other letters, sentence punctuation and the lead bytes of
// UTF-8 sequences (a letter's last byte tells more than its first). A
// table, as the index of the default rules asks 300,000 times (3% of a
// 20 MB run's instructions went to building its indexes).
var byteCosts = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c == ' ':
			t[c] = 8
		case strings.IndexByte("etaoinsrhl", byte(c)) >= 0:
			t[c] = 3
		case 'a' <= c && c <= 'z', c == '.', c == ',', c >= 0xC0:
			t[c] = 2
		default:
			t[c] = 1
		}
	}
	return t
}()

// newGramIndex indexes pats (each of 5 bytes or more).
func newGramIndex(pats []pattern) *gramIndex {
	g := &gramIndex{}
	indexed := make([]pattern, 0, 2*len(pats))
	for _, p := range pats {
		best := gramCost(p.text[p.off : p.off+5])
		for i := 1; i+5 <= len(p.text); i++ {
			if c := gramCost(p.text[i : i+5]); c < best {
				p.off, best = int32(i), c
			}
		}
		for range 2 {
			h := p.bucket()
			g.grams[h/64] |= 1 << (h % 64)
			indexed = append(indexed, p)
			p.off++
		}
	}
	g.pats = groupByBucket(indexed, g.start[:], func(p pattern) uint32 { return p.bucket() >> gramGroupShift })
	return g
}

// groupByBucket returns pats laid out by bucket (each below len(start)-1),
// in their order within a bucket, and sets start so that bucket b's
// patterns are the result's [start[b]:start[b+1]]: a counting sort (a
// stable sort hashed both patterns at each compare, and was a third of
// building an index).
func groupByBucket(pats []pattern, start []uint32, bucket func(pattern) uint32) []pattern {
	buckets := make([]uint32, len(pats))
	for k, p := range pats {
		buckets[k] = bucket(p)
		start[buckets[k]+1]++
	}
	for i := range len(start) - 1 {
		start[i+1] += start[i]
	}
	laid, next := make([]pattern, len(pats)), slices.Clone(start)
	for k, p := range pats {
		laid[next[buckets[k]]] = p
		next[buckets[k]]++
	}
	return laid
}

// bucket is the hash of the 4-gram a pattern is indexed by.
func (p *pattern) bucket() uint32 {
	return gramHash(binary.LittleEndian.Uint32([]byte(p.text[p.off : p.off+4])))
}

// find calls found for every occurrence of every pattern in f, at a.
func (g *gramIndex) find(f []byte, found func(p *pattern, a int)) {
	for i, s := 0, f; len(s) >= 4; i, s = i+2, s[2:] { // s = f[i:], without bounds checks
		if h := gramHash(binary.LittleEndian.Uint32(s)); g.grams[h/64]&(1<<(h%64)) != 0 {
			g.candidates(f, i, h, found)
		}
	}
}

// candidates checks the patterns whose 4-gram may be the one of f at i.
func (g *gramIndex) candidates(f []byte, i int, h uint32, found func(p *pattern, a int)) {
	h >>= gramGroupShift
	for k := g.start[h]; k < g.start[h+1]; k++ {
		p := &g.pats[k]
		a := i - int(p.off)
		if a >= 0 && len(f)-a >= len(p.text) && string(f[a:a+len(p.text)]) == p.text {
			found(p, a)
		}
	}
}
