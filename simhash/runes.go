package simhash

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Runes past ASCII: what each does to the current word (runeAction,
// looked up for the two-byte ones), which ones NFKC cannot change
// (nfkcStable), the spellings folded (Arabic, "ß", "œ"), and the scripts
// written without spaces, whose characters make words of their own.

// inertPunct marks U+2000+i for the dashes and quotes U+2013, U+2014,
// U+2018, U+2019, U+201C and U+201D, which NFKC does not change.
var inertPunct = [64]bool{0x13: true, 0x14: true, 0x18: true, 0x19: true, 0x1c: true, 0x1d: true}

func (w *wordHasher) rune(r rune) {
	a := smallActions[r&(smallRunes-1)]
	if r >= smallRunes {
		a = runeAction(r)
	}
	switch {
	case a > 0:
		w.addRune(a)
	case a == actFlush:
		w.flush()
	case a == actLine:
		w.flush()
		w.endLine()
	case a == actUnspaced:
		w.flush()
		w.unspacedWord(r)
	case a == actTwin:
		twin, _ := latinTwin(r)
		w.addRune(twin[0])
		w.addRune(twin[1])
	} // actGoOn: the word goes on
}

// What a rune does to the current word (runeAction): a rune above 0 is
// added (the rune folded), or the word goes on without it (actGoOn), or
// ends (actFlush), or ends with the line (actLine); a character of an
// unspaced script makes a word of its own (actUnspaced), and a letter
// other outlets write as two is added as those (actTwin).
const (
	actGoOn     rune = 0
	actFlush    rune = -1
	actLine     rune = -2
	actUnspaced rune = -3
	actTwin     rune = -4
)

// runeAction returns what r does to the current word.
func runeAction(r rune) rune {
	switch {
	case r == '\u2019' || r == '\u2018' || r == '\u02bc':
		return actGoOn // typographic apostrophes: same role as '
	case r == '\u2028' || r == '\u2029' || r == '\u0085':
		return actLine
	case unspaced(r):
		return actUnspaced
	case isLatinTwin(r):
		return actTwin
	case r >= arabicFrom && r < arabicTo:
		return arabicFolds[r-arabicFrom]
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && !variationSelector(r):
		// Marks of every kind: the vowel signs of Devanagari, Bengali,
		// Tamil and the other Indic scripts are spacing marks (Mc), and
		// read as separators they cut "सरकार" in two.
		return unicode.ToLower(unicode.ToUpper(r)) // simple case folding (ς -> σ)
	case unicode.Is(unicode.Cf, r) || variationSelector(r):
		// Invisible format characters (soft hyphens, zero-width spaces and
		// joiners, word joiners, byte order marks, direction marks) that
		// sites put inside words for hyphenation or layout, and variation
		// selectors: the word goes on, as a reader sees it. Read as
		// separators, "govern&shy;ment" was two words (see doc.go).
		return actGoOn
	}
	return actFlush
}

// nfkcStable marks the runes of the Basic Multilingual Plane that NFKC
// leaves alone whatever stable runes stand beside them: starters
// (combining class 0) that combine with no rune before them, without a
// decomposition, normal on their own. No two of them compose
// (TestNFKCStablePairs), and each begins a stretch the normaliser may
// take alone: so a run of them is normal, and only the stretches between
// them (from the stable rune before, which may compose with what
// follows) go through the normaliser, whose own check was 0.4 of
// Cyrillic text's fingerprinting time and 0.27 of Chinese text's
// (Chinese full-width punctuation, "，", is not stable). (Hangul
// syllables decompose, and Korean still takes the normaliser.) Marked on
// first use (markNFKCStable), which takes about 10 ms: a process that
// reads only ASCII never pays for it.
var (
	nfkcStable     [0x10000 / 64]uint64
	nfkcStableOnce sync.Once
)

func markNFKCStable() {
	for r := rune(0x80); r < 0x10000; r++ {
		if r >= 0xd800 && r < 0xe000 {
			continue // surrogates
		}
		s := string(r)
		if p := norm.NFKC.PropertiesString(s); p.CCC() == 0 && p.BoundaryBefore() && p.Decomposition() == nil && norm.NFKC.IsNormalString(s) {
			nfkcStable[r/64] |= 1 << (r % 64)
		}
	}
}

// nfkcStableAt returns the size of the rune s opens with and whether
// nfkcStable marks it (never an invalid byte or a rune past the BMP).
func nfkcStableAt(s string) (size int, stable bool) {
	var r rune
	if c := s[0]; c >= 0xc2 && c <= 0xdf && len(s) > 1 && s[1]&0xc0 == 0x80 {
		r, size = rune(c&0x1f)<<6|rune(s[1]&0x3f), 2 // two bytes, the commonest, decoded inline
	} else if r, size = utf8.DecodeRuneInString(s); size == 1 || r >= 0x10000 {
		return size, false
	}
	return size, nfkcStable[r/64]&(1<<(r%64)) != 0
}

// nfkcSpan returns how many bytes s opens with of runes that nfkcStable
// marks, or, with stable false, of runes it does not.
func nfkcSpan(s string, stable bool) int {
	n := 0
	for n < len(s) {
		size, ok := nfkcStableAt(s[n:])
		if ok != stable {
			break
		}
		n += size
	}
	return n
}

// smallActions holds runeAction of the runes below smallRunes, the two-byte
// ones of UTF-8 (Latin with diacritics, Greek, Cyrillic, Armenian, Hebrew,
// Arabic): looked up, they skip the case mapping's and the categories'
// binary searches. (Cyrillic text was fingerprinted at 26 MB/s a core,
// English at 330.)
const smallRunes = 0x800

var smallActions = func() (t [smallRunes]rune) {
	for r := range rune(smallRunes) {
		t[r] = runeAction(r)
	}
	return t
}()

// latinTwin returns the two letters other outlets write r as (Swiss
// German "Strasse", French "coeur"), which simple case folding and NFKC
// keep as one, and whether r is such a letter.
func latinTwin(r rune) ([2]rune, bool) {
	switch r {
	case 'ß', 'ẞ':
		return [2]rune{'s', 's'}, true
	case 'œ', 'Œ':
		return [2]rune{'o', 'e'}, true
	}
	return [2]rune{}, false
}

func isLatinTwin(r rune) bool {
	_, ok := latinTwin(r)
	return ok
}

// Arabic letters are written several ways from one outlet to the next,
// as search engines' Arabic normalisers fold them: alef with hamza or
// madda as alef, alef maksura and Persian yeh as yeh, Persian kaf as
// kaf, teh marbuta as heh; and the vowel marks (harakat), which a text
// may or may not write, and the tatweel, which stretches a word for
// justification, are left out. arabicFolds holds, for each rune from
// arabicFrom, its action (see runeAction): the rune itself or its fold,
// actGoOn or actFlush.
const arabicFrom, arabicTo = 0x0620, 0x06d0

var arabicFolds = func() (t [arabicTo - arabicFrom]rune) {
	for r := rune(arabicFrom); r < arabicTo; r++ {
		switch {
		case r == 0x0640 || r >= 0x064b && r <= 0x065f || r == 0x0670:
			t[r-arabicFrom] = actGoOn
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			t[r-arabicFrom] = r
		default:
			t[r-arabicFrom] = actFlush
		}
	}
	for _, f := range [][2]rune{{'آ', 'ا'}, {'أ', 'ا'}, {'إ', 'ا'}, {'ٱ', 'ا'}, {'ى', 'ي'}, {'ی', 'ي'}, {'ک', 'ك'}, {'ة', 'ه'}} {
		t[f[0]-arabicFrom] = f[1]
	}
	return t
}()

// variationSelector reports whether r selects a glyph variant of the
// character before it (U+FE00-FE0F, U+E0100-E01EF).
func variationSelector(r rune) bool {
	return r >= 0xfe00 && r <= 0xfe0f || r >= 0xe0100 && r <= 0xe01ef
}

// addRune adds r's UTF-8 bytes to the current word.
func (w *wordHasher) addRune(r rune) {
	var enc [utf8.UTFMax]byte
	for _, b := range enc[:utf8.EncodeRune(enc[:], r)] {
		w.add(b)
	}
}

// unspacedScripts are written without spaces between words. Read as
// letters, a Chinese or Japanese sentence was one word cut at maxWord
// bytes, a paragraph a handful of shingles, and a copy with one sentence
// edited or cut short shared none of them; each character is a word
// instead, so shingles are character n-grams (Options.Shingle, 4 by
// default), as MinHash deduplicators commonly use for these scripts.
var unspacedScripts = []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana,
	unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar}

// unspacedGram is how many characters, r and those before it in its
// run, make the word of unspaced character r. With a character a word, a
// shingle of Options.Shingle words (4 by default) spanned two Chinese
// words, as common as word pairs of English: two BBC stories of one
// event, written as Chinese (bench-neardup -hard -letters han, one draw
// of characters), held 0.40 of each other's words and were estimated at
// 0.82; over the holdout
// cells through clean, pairs that must stay apart merged (see doc.go).
// The run goes on across line breaks, punctuation and spaced words (a
// number, a Latin name), so text wrapped anywhere keeps its words, and a
// word does not depend on where the fast paths take the words between.
const unspacedGram = 4

// unspacedSkip is the base-2 logarithm of how many of an unspaced
// script's words there are for each one kept, by the word's hash (so the
// same text keeps the same words): about as many characters as make a
// word of the script. A word of Thai, Lao, Khmer or Burmese is about four
// letters and marks, so one in four is kept, and a passage of 24
// shingles spans about 24 words, as in a spaced script; all of them, it
// spanned six, and a sentence shared with another story (a post's own
// words, a teaser) held whole passages: the Thai holdout cells through
// clean gave 614 false pairs, one in four kept 46. A Chinese word is one
// to three characters, less than two on average: all are kept (one in
// two kept 126 false pairs against 191 but missed 1,576 pairs against
// 1,185).
func unspacedSkip(r rune) int {
	if r < 0x2000 { // as unspacedSpare
		return 2
	}
	return 0
}

// unspacedWord records the word of unspaced character r, r with the
// characters of its run before it (unspacedGram in all), if its hash
// keeps it (unspacedSkip); the normalised length counts r alone, and the
// short-line filter a part of a word (unspacedSpare), kept or not.
func (w *wordHasher) unspacedWord(r rune) {
	// The word's bytes are the runes' UTF-8, encoded at once: nothing
	// before it in the word (rune flushed it), no digit among them for
	// add to split at, at most 16 bytes. (Added a byte at a time, this
	// was 0.28 of Chinese text's fingerprinting time.)
	size := 0
	for _, p := range w.gram[:w.runN] {
		size += utf8.EncodeRune(w.buf[size:], p)
	}
	before := size
	size += utf8.EncodeRune(w.buf[size:], r)
	h := hashWord(w.buf[:size])
	w.bytes += size - before + 1
	w.n, w.prevNum = 0, false
	spare := unspacedSpare(r)
	if h>>(64-unspacedSkip(r)) == 0 { // a shift by 64 leaves 0: all kept
		w.lineSpare += spare // before word, which may spill and ask lineShort
		w.word(h)
	} else {
		w.lineSpare -= 4 - spare // the part of a word it counts for, without a word
	}
	n := w.runN
	if n < len(w.gram) {
		w.gram[n] = r
		n++
	} else {
		copy(w.gram[:], w.gram[1:])
		w.gram[n-1] = r
	}
	w.runN = n
}

// unspacedSpare is how many quarter words less than a word a character
// of an unspaced script counts for in the short-line filter: a Chinese
// or Japanese word is one to three characters, less than two on average
// in Chinese, so a character counts for half a word; a Thai, Lao, Khmer
// or Burmese word is several letters and marks, so one of those counts
// for a quarter. Counted as a word each, an outlet's name, a dateline or
// a byline of eight characters passed the filter, and a cut copy with
// little text but its outlet's frame joined another story under that
// outlet's frame (bench-neardup -hard -letters han; figures in doc.go).
func unspacedSpare(r rune) int {
	if r < 0x2000 { // Thai, Lao, Myanmar and Khmer lie below U+1800, Han and kana above U+2E80
		return 3
	}
	return 2
}

// unspaced reports whether r belongs to a script written without spaces,
// counting the prolonged sound mark (U+30FC, "ー" in "コーヒー"), which
// Unicode files under no script and would otherwise join a Latin word
// that follows it.
func unspaced(r rune) bool {
	return r >= 0x0e00 && (r == 0x30fc || unicode.IsOneOf(unspacedScripts, r))
}
