package simhash

import (
	"math"
	"math/bits"
)

// Alignment: which of the sketch's passages lie nearest a
// representative's stored ones (align, two and three keys at a time),
// the distances that count a match as exact, sure or near, and the
// stretch of r's stored passages the sketch surely holds (stretch).

// align sets slotBest[j], for each of r's stored keys (the first lead
// r's opening), to its distance to the nearest of the sketch's passage
// keys skeys, and slotAt[j] to that passage (far and -1 when none is
// nearer than far), and dist[i] to the distance of the sketch's passage i
// to the nearest stored key; then it drops the sure matches of r's
// opening that chance explains.
func (c *Clusterer) align(keys []uint32, lead, far int, skeys []uint32, dist []uint8) (slotBest, slotAt *[64]int) {
	n := len(keys)
	slotBest, slotAt = &c.slotBest, &c.slotAt
	for i := range dist {
		dist[i] = uint8(far)
	}
	// Two slots at a time (nearest2).
	j := 0
	if n%2 == 1 && n > 1 {
		// An odd count (9 keys by default) takes three keys in the first
		// pass rather than a pass of its own for the last one.
		b0, b1, b2 := nearest3(keys[0], keys[1], keys[2], far, skeys, dist)
		slotBest[0], slotAt[0] = nearest(b0, far)
		slotBest[1], slotAt[1] = nearest(b1, far)
		slotBest[2], slotAt[2] = nearest(b2, far)
		j = 3
	}
	for ; j < n; j += 2 {
		b0, b1 := nearest2(keys[j], keys[min(j+1, n-1)], far, skeys, dist)
		slotBest[j], slotAt[j] = nearest(b0, far)
		if j+1 < n {
			slotBest[j+1], slotAt[j+1] = nearest(b1, far)
		}
	}
	// A stored opening passage held as near at two places (a chance
	// match in a post's own words, the same few bits from r's first
	// passage as the post's passage straddling its words and the quote)
	// is taken just before where its successor is held, so the shared
	// stretch does not start at the chance match
	// (TestPostWithChanceMatchBeforeQuoteStaysApart).
	for j := lead - 2; j >= 0; j-- {
		if i := slotAt[j+1] - 1; slotBest[j] <= sureDistance && slotBest[j+1] <= sureDistance && i >= 0 && slotAt[j] != i {
			if d := bits.OnesCount32(keys[j] ^ skeys[i]); d <= slotBest[j] {
				slotBest[j], slotAt[j] = d, i
			}
		}
	}
	// A sure match that is not exact and lies before the match of an
	// earlier stored opening passage is a chance one (a post's own words
	// 5 bits from r's fifth passage, above its quote of r's first four),
	// and is dropped: it started the shared stretch at the post's own
	// text (TestPostWithChanceMatchOutOfOrderStaysApart). Exact ones stay:
	// a copy with its paragraphs reordered holds them out of order.
	// So is one lying after the match of a later one, unless it follows
	// the previous stored passage's match (a copy with its second half
	// reordered moves r's third and fourth passages to its end together,
	// TestTeaserReorderedCopyJoins): a copy with a sentence inserted in
	// r's fifth passage held it 6 bits from the copy's 23rd, a chance
	// match past r's stored opening, which ended the shared stretch there
	// and took r's unstored text for new text (TestCopyWithNoteAddedJoins).
	// That pass runs first: run second, the first pass measured the later
	// passages' inexact matches against the chance one and dropped them.
	for j, next := lead-1, -1; j >= 0; j-- {
		if slotBest[j] > sureDistance {
			continue
		}
		if next >= 0 && slotBest[j] > exactDistance && slotAt[j] > slotAt[next] &&
			(j == 0 || slotBest[j-1] > sureDistance || slotAt[j-1] != slotAt[j]-1) {
			slotBest[j], slotAt[j] = far, -1
			continue
		}
		next = j
	}
	for j, prev := 0, -1; j < lead; j++ {
		if slotBest[j] > sureDistance {
			continue
		}
		if prev >= 0 && slotBest[j] > exactDistance && slotAt[j] < slotAt[prev] {
			slotBest[j], slotAt[j] = far, -1
			continue
		}
		prev = j
	}
	return slotBest, slotAt
}

// nearest2 compares stored keys a0 and a1 with every key of the sketch:
// it lowers dist[i] to the nearer one's distance to skeys[i] and returns
// for each its nearest as distance<<32 | position, so that one branchless
// min keeps the first of the nearest (far<<32 | MaxUint32 when none is
// nearer than far). Two keys a pass load and store dist half as often as
// one; a function of its own, not inlined, because bits.OnesCount32
// carries a fallback call on the default amd64 level, and inside match
// the loop kept every value on the stack across it (with this and the
// branchless mins, match ran 20-30% faster in BenchmarkClustererCopies'
// kind of comparison).
//
//go:noinline
func nearest2(a0, a1 uint32, far int, skeys []uint32, dist []uint8) (b0, b1 uint64) {
	b0 = uint64(far)<<32 | math.MaxUint32
	b1 = b0
	dist = dist[:len(skeys)]
	for i, key := range skeys {
		d0, d1 := uint64(bits.OnesCount32(a0^key)), uint64(bits.OnesCount32(a1^key))
		b0, b1 = min(b0, d0<<32|uint64(i)), min(b1, d1<<32|uint64(i))
		dist[i] = uint8(min(uint64(dist[i]), d0, d1))
	}
	return b0, b1
}

// nearest3 is nearest2 for three stored keys.
//
//go:noinline
func nearest3(a0, a1, a2 uint32, far int, skeys []uint32, dist []uint8) (b0, b1, b2 uint64) {
	b0 = uint64(far)<<32 | math.MaxUint32
	b1, b2 = b0, b0
	dist = dist[:len(skeys)]
	for i, key := range skeys {
		d0, d1, d2 := uint64(bits.OnesCount32(a0^key)), uint64(bits.OnesCount32(a1^key)), uint64(bits.OnesCount32(a2^key))
		b0, b1, b2 = min(b0, d0<<32|uint64(i)), min(b1, d1<<32|uint64(i)), min(b2, d2<<32|uint64(i))
		dist[i] = uint8(min(uint64(dist[i]), d0, d1, d2))
	}
	return b0, b1, b2
}

// nearest unpacks match's distance<<32 | position of a stored passage's
// nearest sketch passage: far and -1 when none is nearer than far.
func nearest(b uint64, far int) (best, at int) {
	if best = int(b >> 32); best >= far {
		return far, -1
	}
	return best, int(uint32(b))
}

// sureDistance is the largest key distance (of 32 bits) that marks the
// ends of a shared stretch: unrelated passages come this close once in
// 3,700 pairs, while within ChunkDistance/2 (10) they do once in 40, and
// a stretch widened by one chance match finds a gap where there is none.
const sureDistance = 6

// exactDistance is the largest key distance (of 32 bits) at which a
// stored passage counts as held unchanged, with its copy's weight.
const exactDistance = 2

// stretch returns the first and last of 0..n-1 that are sure matches, or
// -1, -1 when none is.
func stretch(n int, sure func(int) bool) (first, last int) {
	first, last = -1, -1
	for i := range n {
		if sure(i) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// gapDistance is the largest key distance at which a passage inside a
// shared stretch counts as shared for maxGap: an edited passage of a copy
// (a word changed: about 3 bits) stays within it, while unrelated ones
// come this close one time in 120, not one in 40 as within ChunkDistance.
const gapDistance = 8

// dropHeadlineOnly drops the match of a representative's first passage
// (its distance best[0], at the sketch's passage at[0]) when it is the
// only one of the stored opening surely held (but for chance matches of
// the same passage), not unchanged, by the sketch's own first passage,
// and the sketch holds the representative's sample unchanged (match
// calls it then): a copy of the story's second half under its headline.
// A headline of eight words or more (the extraction benchmarks' page
// titles, which name their site) is fingerprinted and cut into one
// passage with the first words after it, so the copy's first passage
// lies a few bits from the story's, which holds the headline and the
// lead's first words; taken for a held opening, it made the copy a lead
// and an ending with the story's middle missing, and kept it apart
// (TestSecondHalfUnderHeadlineJoins).
func dropHeadlineOnly(best, at []int, far int) {
	if len(best) < 2 || best[0] <= exactDistance || best[0] > sureDistance || at[0] != 0 {
		return
	}
	for j := 1; j < len(best); j++ {
		if best[j] <= sureDistance && at[j] != 0 {
			return
		}
	}
	// Another of r's passages met there is a chance match: the
	// passage holds the headline.
	for j := range best {
		if at[j] == 0 {
			best[j], at[j] = far, -1
		}
	}
}

// titleOverEnd reports whether the sketch (m passages) holds a
// representative stored whole (best, at: its passages' distances to
// their nearest sketch passages and where) as a copy of its second half
// under its page title does: the sketch's first passage holds the
// representative's first, and its later passages hold, one after
// another from its second, only the representative's last ones, at
// least two, running to both texts' ends, with one stored passage or
// more between not held within gapDistance.
func titleOverEnd(best, at []int, m int) bool {
	n := len(best)
	if n < 4 || best[0] > sureDistance || at[0] != 0 {
		return false
	}
	j := 1
	for j < n && best[j] > gapDistance {
		j++
	}
	if j == 1 || n-j < 2 || at[j] != 1 || at[n-1] != m-1 {
		return false
	}
	for k := j; k < n; k++ {
		if best[k] > gapDistance || at[k] != at[j]+k-j {
			return false
		}
	}
	return true
}
