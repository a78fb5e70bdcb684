package normalize

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// randomText returns n bytes over a small alphabet (with a space and a
// two-byte letter), so that patterns overlap and share 4-grams.
func randomText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString([]string{"a", "b", "c", " ", "é", "/"}[rng.IntN(6)])
	}
	return b.String()
}

// TestGramIndex checks gramIndex against a plain search: every
// occurrence of every pattern, overlapping ones and duplicates included.
func TestGramIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	type hit struct{ pat, at int }
	order := func(x, y hit) int { return x.pat*1000 + x.at - y.pat*1000 - y.at }
	for round := range 300 {
		var pats []pattern
		for i := range 1 + rng.IntN(20) {
			p := randomText(rng, 5+rng.IntN(4))
			if i > 0 && rng.IntN(8) == 0 {
				p = pats[rng.IntN(len(pats))].text // listed twice
			}
			pats = append(pats, pattern{text: p, rule: int32(i)})
		}
		g := newGramIndex(pats)
		text := []byte(randomText(rng, rng.IntN(80)))
		if rng.IntN(2) == 0 { // a pattern at either end
			p := pats[rng.IntN(len(pats))].text
			text = append([]byte(p), text...)
			text = append(text, pats[rng.IntN(len(pats))].text...)
		}
		var want, got []hit
		for i, p := range pats {
			for a := 0; a+len(p.text) <= len(text); a++ {
				if string(text[a:a+len(p.text)]) == p.text {
					want = append(want, hit{i, a})
				}
			}
		}
		g.find(text, func(p *pattern, a int) { got = append(got, hit{int(p.rule), a}) })
		slices.SortFunc(want, order)
		slices.SortFunc(got, order)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: patterns %+v, text %q: found %v, want %v", round, pats, text, got, want)
		}
	}
}

// TestPatternIndex checks the search by a pattern's rarest byte against
// bytes.Index, from every starting point.
func TestPatternIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		text := []byte(randomText(rng, rng.IntN(40)))
		lit := randomText(rng, 1+rng.IntN(2))
		p := pattern{text: lit, off: rareByte(lit)}
		for from := 0; from <= len(text); from++ {
			want := bytes.Index(text[from:], []byte(lit))
			if want >= 0 {
				want += from
			}
			if got := p.index(text, from); got != want {
				t.Fatalf("%q in %q from %d: %d, want %d", lit, text, from, got, want)
			}
		}
	}
}
