package normalize

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// foldByByte is the definition fold implements eight bytes at a time.
func foldByByte(s string) string {
	var b []byte
	space := true
	for i := 0; i < len(s) && len(b) < foldCap; i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0 || c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			if c == 0xC2 {
				i++
			}
			if !space {
				b = append(b, ' ')
			}
			space = true
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
		space = false
	}
	return strings.TrimSuffix(string(b), " ")
}

func TestFoldMatchesByteDefinition(t *testing.T) {
	cases := []string{
		"", " ", "Hello World", "  Leading  and trailing  ", "ALL CAPS LINE WITH WORDS",
		"tab\tand\r\nnewline", "no\u00a0break\u00a0\u00a0spaces", "Ünïcödé ÀÉÎ stays", "@[`{ edges AZaz",
		strings.Repeat("Long Line ", 80), "x\x00y\x01z", "\xc2\xc2\xa0\xc2",
	}
	// Random strings over an alphabet of the bytes the word test
	// separates: letters at the A-Z edges, spaces, controls, 0xC2/0xA0.
	alphabet := []byte("@AZ[`az{ \t\n\r\x00\x1f\xc2\xa0\xc3\x7f\xffq.")
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := string(fold([]byte("prefix"), s)), "prefix"+foldByByte(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}
