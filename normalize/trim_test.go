package normalize

import (
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
