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
	// Arabic has no case, so a line's first letter cannot show that it
	// goes on with a sentence, and its words are spaced: the shape of
	// Hebrew, Devanagari, Georgian and other caseless scripts.
	"arabic": []rune("ابتثجحخدذرزسشصضطظعغفقكلمنه"),
	// Devanagari: the vowels become vowel signs, marks that go on a
	// word (a ा, e े, i ि, o ो, u ु), so that words end in them as
	// Hindi's do (Spellings writes those opening a word as vowels).
	"devanagari": []rune("ाबचदेफगहिजकलमनोपखरसतुवटठयझ"),
}

// A spelling is what a script writes otherwise than one letter for one,
// after Map: its full stop, and the letters a word opens with instead of
// the marks Map wrote.
type spelling struct {
	stop    rune
	initial map[rune]rune
}

// Spellings gives the scripts Spell writes: Devanagari ends a sentence
// with a danda, and writes a vowel opening a word as a letter.
var Spellings = map[string]spelling{
	"devanagari": {'।', map[rune]rune{'ा': 'आ', 'े': 'ए', 'ि': 'इ', 'ो': 'ओ', 'ु': 'उ'}},
}

// Spell writes text, mapped by Map, in sp: each full stop that ends a
// sentence (followed by a space, a line break or the text's end) as
// sp's stop, and each mark opening a word (after neither a letter nor a
// mark) as sp's letter for it.
func Spell(text string, sp spelling) string {
	var b strings.Builder
	inWord := false
	for i, r := range text {
		switch l, ok := sp.initial[r]; {
		case ok && !inWord:
			r = l
		case r == '.' && (i+1 == len(text) || strings.IndexByte(" \r\n", text[i+1]) >= 0):
			r = sp.stop
		}
		b.WriteRune(r)
		inWord = unicode.IsLetter(r) || unicode.IsMark(r)
	}
	return b.String()
}

// keptAsIs matches what keeps its Latin letters in any script: an HTML
// character reference, and a web address, which a Russian or Chinese
// page writes in Latin letters too.
var keptAsIs = regexp.MustCompile(`&#?[0-9A-Za-z]+;|(?i:https?://|www\.)[^\s"'()<>\[\]{}|]+`)

// Map writes text's Latin letters with to (26 runes, a to z), upper case
// as upper case (where the script has case), outside HTML character
// references and web addresses.
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
	for _, m := range keptAsIs.FindAllStringIndex(text, -1) {
		b.WriteString(strings.Map(letter, text[last:m[0]]))
		b.WriteString(text[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(strings.Map(letter, text[last:]))
	return b.String()
}

// An unspaced script for Unspaced: the characters words are written
// in, how many a word of n Latin letters becomes, and what ends a
// sentence and a clause.
type unspacedScript struct {
	base, n     rune
	length      func(n int) int
	stop, comma string
}

// UnspacedScripts are the scripts Unspaced writes: Chinese (3,000 Han
// characters from U+4E00, about those that make up most running Chinese
// text; a word one to three of them) and Thai (its 46 consonants, a word
// about as many letters as the Latin one, sentences ended by a space).
var UnspacedScripts = map[string]unspacedScript{
	"han":  {0x4E00, 3000, func(n int) int { return min(3, 1+n/4) }, "。", "，"},
	"thai": {0x0E01, 46, func(n int) int { return max(2, n) }, " ", ""},
}

// Unspaced writes text as a language without spaces between words is
// written: each Latin word becomes characters of the script chosen by its
// lower-cased letters (the same word, the same characters), the spaces
// between words go, and full stops and commas become the script's.
// Line breaks, digits, HTML character references and web addresses
// stay. A text so
// written has other passage cuts and shingles of characters, not words,
// as the fingerprint reads such scripts. Each salt gives another choice
// of characters: other chance matches between words.
func Unspaced(text string, sc unspacedScript, salt uint64) string {
	var b strings.Builder
	refs := keptAsIs.FindAllStringIndex(text, -1)
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for i := 0; i < len(text); {
		if len(refs) > 0 && i == refs[0][0] {
			b.WriteString(text[i:refs[0][1]])
			i = refs[0][1]
			refs = refs[1:]
			continue
		}
		c := text[i]
		switch {
		case isLetter(c):
			j := i
			for j < len(text) && isLetter(text[j]) && (len(refs) == 0 || j < refs[0][0]) {
				j++
			}
			word := strings.ToLower(text[i:j])
			h := uint64(14695981039346656037) ^ salt*0x9e3779b97f4a7c15
			for k := range len(word) {
				h = (h ^ uint64(word[k])) * 1099511628211
			}
			for range sc.length(len(word)) {
				b.WriteRune(sc.base + rune(h%uint64(sc.n)))
				h = (h ^ h>>31) * 0xbf58476d1ce4e5b9 // mixed again: every character as random as the first
			}
			i = j
		case c == ' ' || c == '\t':
			i++
		case (c == '.' || c == ',') && (i+1 == len(text) || strings.IndexByte(" \r\n", text[i+1]) >= 0):
			if c == '.' {
				b.WriteString(sc.stop)
			} else {
				b.WriteString(sc.comma)
			}
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}
