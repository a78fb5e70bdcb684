// Package reshape rewrites texts in shapes a reader does not see (soft
// hyphens inside words, words hyphenated across a wrapped line's margin),
// for the tests and benchmarks that check the fingerprint is blind to
// them: simhash's tests and bench-neardup -shapes write them the same way.
package reshape

import (
	"regexp"
	"strings"
	"unicode"
)

// InsideWords puts mark inside every word of eight ASCII letters or more,
// after its fourth, as sites hyphenate long words with soft hyphens.
func InsideWords(text, mark string) string {
	return longWord.ReplaceAllString(text, "${1}"+mark+"${2}")
}

var longWord = regexp.MustCompile(`\b([A-Za-z]{4})([a-z]{4,})\b`)

// Wrap breaks every line of text longer than width bytes at the last
// space before it, as a mail client or a scraper's text dump does.
func Wrap(text string, width int) string { return wrapLines(text, width, false) }

// HyphenWrap wraps like Wrap but breaks a word of more than six letters
// that would cross the margin after its third letter with a hyphen, when
// those and the hyphen fit before the margin, as typeset text does (when the rest opens in lower case: typesetters do
// not break "NATO" or "2004-05").
func HyphenWrap(text string, width int) string { return wrapLines(text, width, true) }

func wrapLines(text string, width int, hyphenate bool) string {
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		col := 0
		for j, w := range strings.Fields(line) {
			switch {
			case j > 0 && col+1+len(w) > width && hyphenate && breakable(w) && col+len(string([]rune(w)[:3]))+2 <= width:
				head := string([]rune(w)[:3])
				b.WriteString(" " + head + "-\n" + w[len(head):])
				col = len(w) - len(head)
				continue
			case j > 0 && col+1+len(w) > width:
				b.WriteByte('\n')
				col = 0
			case j > 0:
				b.WriteByte(' ')
				col++
			}
			b.WriteString(w)
			col += len(w)
		}
	}
	return b.String()
}

// breakable reports whether w has more than six characters, its first three
// letters and its fourth a lower-case letter.
func breakable(w string) bool {
	rs := []rune(w)
	if len(rs) <= 6 || !unicode.IsLower(rs[3]) {
		return false
	}
	for _, r := range rs[:3] {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// WrapWide breaks every line of text longer than width columns as text in
// a script written without spaces is wrapped: after every width/2
// characters, each of which is two columns wide, wherever that falls.
func WrapWide(text string, width int) string {
	per := max(1, width/2)
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		rs := []rune(line)
		for len(rs) > per {
			b.WriteString(string(rs[:per]) + "\n")
			rs = rs[per:]
		}
		b.WriteString(string(rs))
	}
	return b.String()
}
