// Package letters writes Latin text in another script, one letter for
// one: the same text and edits with other words, so other passage cuts
// and chance matches, as another language brings. bench-neardup -letters
// writes its harder sets so, and the simhash tests wrap seeds so.
package letters

import (
	"regexp"
	"strings"
	"unicode"
)

// Scripts map the Latin letters a-z, one for one, to another script's.
var Scripts = map[string][]rune{
	"cyrillic": []rune("абцдефгхийклмнопярстувшжыз"),
	"greek":    []rune("αβψδεφγηιξκλμνοπϙρστθωϝχυζ"), // not ς: it folds to σ
}

// entityRef matches an HTML character reference, which keeps its letters.
var entityRef = regexp.MustCompile(`&#?[0-9A-Za-z]+;`)

// Map writes text's Latin letters with to (26 runes, a to z), upper case
// as upper case, outside HTML character references.
func Map(text string, to []rune) string {
	letter := func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return to[r-'a']
		case r >= 'A' && r <= 'Z':
			return unicode.ToUpper(to[r-'A'])
		}
		return r
	}
	var b strings.Builder
	last := 0
	for _, m := range entityRef.FindAllStringIndex(text, -1) {
		b.WriteString(strings.Map(letter, text[last:m[0]]))
		b.WriteString(text[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(strings.Map(letter, text[last:]))
	return b.String()
}
