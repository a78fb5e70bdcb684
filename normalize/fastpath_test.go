package normalize

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestTrimLineFast checks that trimLine's shortcut (spaceEdge) knows
// every byte an isSpace character begins or ends with, and that it
// trims as strings.TrimFunc does.
func TestTrimLineFast(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if !isSpace(r) {
			continue
		}
		b := []byte(string(r))
		if !spaceEdge[b[0]] || !spaceEdge[b[len(b)-1]] {
			t.Errorf("spaceEdge misses %U", r)
		}
	}
	for _, s := range []string{"", " a", "a ", "\u00a0a\u200b", "\u3000x\t", "a\r", "ab", "é", "\xa0a", "a\xe2"} {
		if got, want := trimLine(s), strings.TrimFunc(s, isSpace); got != want {
			t.Errorf("trimLine(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFieldsInto checks fieldsInto against strings.Fields, white space
// of every kind included, and that it gives up past its capacity.
func TestFieldsInto(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	parts := []string{"a", "Bé", " ", "\t", "\u00a0", "\u2009", "\u3000", ",", "\x85", "\xff"}
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		want := strings.Fields(s)
		var buf [4]string
		got, ok := fieldsInto(buf[:0], s)
		if ok != (len(want) <= len(buf)) || ok && !slices.Equal(got, want) {
			t.Fatalf("fieldsInto(%q) = %q, %v; strings.Fields: %q", s, got, ok, want)
		}
	}
}
