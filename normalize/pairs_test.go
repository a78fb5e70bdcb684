package normalize

import (
	"math/bits"
	"math/rand/v2"
	"regexp"
	"testing"
)

func TestFirstPairs(t *testing.T) {
	tests := []struct {
		expr  string
		pairs int // -1: not known (nil)
		lines []string
	}{
		{`^[0-9]+ (comments?|replies)\b`, 110, []string{"3 comments", "12 replies", "1 comment", "x comments"}},
		{`^(?:(?:facebook|twitter|e-?mail|pin)[ ,]*){2,}$`, 5, []string{"facebook twitter", "email pin", "e-mail, pin", "pinterest", "face"}},
		{`^a?bc`, 2, []string{"abc", "bc", "bcx", "ac"}},
		{`^(ab){0,3}c`, -1, []string{"c", "abc", "ababc"}}, // "c" is a whole match, shorter than a pair
		{`^x(?:yz)*`, -1, []string{"x", "xyz", "xyzyz"}},
		{`^(?:ab|cd)(?:ef)+$`, 2, []string{"abef", "cdefef", "ef", "ab"}}, // two openings
		{`^[^ ]+ in: `, -1, []string{"bob in: post"}},
		{`comments`, -1, []string{"3 comments"}},
		{`^(?i)share`, -1, []string{"Share"}},
		{`^.x`, -1, []string{"ax"}},
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, tt := range tests {
		re := regexp.MustCompile(tt.expr)
		p := firstPairs(tt.expr)
		n := -1
		if p != nil {
			n = 0
			for _, w := range p {
				n += bits.OnesCount64(w)
			}
		}
		if n != tt.pairs {
			t.Errorf("firstPairs(%q): %d pairs, want %d", tt.expr, n, tt.pairs)
		}
		if p == nil {
			continue
		}
		// Soundness: every line the regexp matches opens with a pair,
		// including random two-byte continuations of the examples.
		lines := append([]string(nil), tt.lines...)
		for _, l := range tt.lines {
			for range 50 {
				lines = append(lines, l+string([]byte{byte(r.IntN(256)), byte(r.IntN(256))}))
			}
		}
		for _, l := range lines {
			if re.MatchString(l) && !p.has([]byte(l)) {
				t.Errorf("firstPairs(%q) rejects %q, which matches", tt.expr, l)
			}
		}
	}
}
