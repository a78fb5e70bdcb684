package normalize

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestAutomaton checks the automaton against a plain search: every
// occurrence of every pattern, overlapping ones and duplicates included,
// on random texts over a small alphabet (so that patterns overlap and
// share prefixes and suffixes, and failure links are exercised).
func TestAutomaton(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte("abc é"[rng.IntN(6)])
		}
		return b.String()
	}
	type hit struct{ pat, end int }
	for round := range 200 {
		var pats []pattern
		for i := range 1 + rng.IntN(20) {
			p := word(1 + rng.IntN(5))
			if i > 0 && rng.IntN(8) == 0 {
				p = pats[rng.IntN(len(pats))].text // a duplicate
			}
			pats = append(pats, pattern{text: p, rule: int32(i)})
		}
		a := newAutomaton(pats)
		text := word(rng.IntN(60))
		var want, got []hit
		for i, p := range pats {
			for end := len(p.text); end <= len(text); end++ {
				if text[end-len(p.text):end] == p.text {
					want = append(want, hit{i, end})
				}
			}
		}
		st := uint32(0)
		for i := range len(text) {
			if st = a.next[st+uint32(a.class[text[i]])]; st < a.outBase {
				continue
			}
			for _, p := range a.outputsAt(st) {
				got = append(got, hit{int(p.rule), i + 1})
			}
		}
		cmp := func(x, y hit) int { return x.pat*1000 + x.end - y.pat*1000 - y.end }
		slices.SortFunc(want, cmp)
		slices.SortFunc(got, cmp)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: patterns %q, text %q: found %v, want %v", round, pats, text, got, want)
		}
	}
}
