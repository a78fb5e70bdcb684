package normalize

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestCapitalisedFastPath checks capitalised, which reads ASCII a byte at
// a time, against its rune-by-rune definition.
func TestCapitalisedFastPath(t *testing.T) {
	slow := func(w string) bool {
		r, size := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || size == len(w) {
			return false
		}
		if r2, _ := utf8.DecodeRuneInString(w[size:]); unicode.IsUpper(r2) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' && c != '.' {
				return false
			}
		}
		return true
	}
	parts := []string{"A", "b", "É", "é", "ß", "-", "'", "’", ".", "1", ",", " ", "\xff", "ж", "Ж", "_", "Ō", "“"}
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				for _, d := range parts {
					if w := a + b + c + d; capitalised(w) != slow(w) {
						t.Errorf("capitalised(%q) = %v, want %v", w, capitalised(w), slow(w))
					}
				}
			}
		}
	}
}
