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
		if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 {
			switch s[i+2] {
			case 0x98, 0x99, 0x9A:
				c, i = '\'', i+2
			case 0x9C, 0x9D, 0x9E:
				c, i = '"', i+2
			}
		} else if c&0xF8 == 0xC0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			if m := strings.TrimRight(string(latinFold[rune(c&0x1F)<<6|rune(s[i+1]&0x3F)][:]), "\x00"); m != "" {
				i++
				if m != " " {
					if len(b)+len(m) > foldCap {
						break
					}
					b, space = append(b, m...), false
					continue
				}
				c = ' '
			}
		}
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0:
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
		"tab\tand\r\nnewline", "no\u00a0break\u00a0\u00a0spaces", "Ünïcödé ÀÉÎ folds", "@[`{ edges AZaz", "STRAßE Łódź ŻÓŁW ŒUVRE ǅ", "n’engagent “quoted” „so“ ‚x‘ — – …",
		strings.Repeat("Long Line ", 80), "x\x00y\x01z", "\xc2\xc2\xa0\xc2",
	}
	// Random strings over an alphabet of the bytes the word test
	// separates: letters at the A-Z edges, spaces, controls, 0xC2/0xA0.
	alphabet := []byte("@AZ[`az{ \t\n\r\x00\x1f\xc2\xa0\xc3\x9f\x89\xc5\xbb\xc7\xe2\x80\x99\x9c\x7f\xffq.")
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

// TestFoldLatin: rules match a line whatever its case and accents
// ("TOUS DROITS RÉSERVÉS", "Tous droits reserves"); other symbols and
// scripts are left alone.
func TestFoldLatin(t *testing.T) {
	for in, want := range map[string]string{
		"TOUS DROITS RÉSERVÉS":               "tous droits reserves",
		"WSZELKIE PRAWA ZASTRZEŻONE":         "wszelkie prawa zastrzezone",
		"Straße, ŒUVRE, Łódź, Ærø":           "strasse, oeuvre, lodz, aero",
		"n’engagent “que” leurs auteurs":     "n'engagent \"que\" leurs auteurs",
		"¿Ya eres suscriptor? Inicia sesión": "¿ya eres suscriptor? inicia sesion",
		"© 2024 «Le Monde» × ÷":              "© 2024 «le monde» × ÷",
		"Все права защищены":                 "Все права защищены",
	} {
		if got := string(fold(nil, in)); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}
