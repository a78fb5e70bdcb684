package simhash

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Wrapping: whether a line ends where hard wrapping cut a paragraph, so
// that the short-line filter counts it with the next line (see doc.go,
// Fingerprints). A wrapped line stops inside a sentence and the next goes
// on with it; the rules read any script, with case or without.

// brokenWord returns where a word hyphenated at the end of a wrapped line
// goes on, or 0: text[i] is a hyphen ending the line, and the next line
// opens in lower case ("govern-" then "ment"). Typeset text breaks words
// so; read as two words, "govern" and "ment", each break changed 8
// shingles (see doc.go). The two lines are one line for the short-line
// filter; the wrapping rules judge the next by its own length. A
// hyphenated compound broken at its hyphen ("Labour-" then "led") becomes
// one word, as it does when a copy drops the hyphen.
func brokenWord(text string, i int) int {
	j := i + 1
	if j < len(text) && text[j] == '\r' {
		j++
	}
	if j >= len(text) || text[j] != '\n' {
		return 0
	}
	for j++; j < len(text) && (text[j] == ' ' || text[j] == '\t'); j++ {
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && unicode.IsLower(r) {
		return j
	}
	return 0
}

// wrapMin is the shortest line, in bytes without surrounding blanks,
// that is taken for the hard-wrapped part of a longer one on its length
// alone: wrapping at 55 to 80 columns leaves lines of at least width
// minus one word.
const wrapMin = 40

// narrowMin is the shortest line that can be hard-wrapped at all, when
// its neighbours show it was (see wrapped): text wrapped at 30 columns
// or fewer is not prose.
const narrowMin = 25

// unspacedNarrowMin is the shortest line of a script written without
// spaces that can be hard-wrapped (see evenUnspaced): a byte-counting
// wrap at 72 columns leaves 24 characters of Thai (3 bytes each) a line,
// about six words, which narrowMin would leave alone and the short-line
// filter drop.
const unspacedNarrowMin = 16

// evenUnspaced reports whether a line of lineLen characters, shorter
// than narrowMin and ending in a script written without spaces, and the
// next line are lines of one wrapped paragraph: such text breaks
// anywhere, so every line but a paragraph's last is as long as the
// width, give or take a word, and the next line, in such a script too,
// is as long as this one within evenSlack. Headlines and menu items one
// to a line vary more.
func evenUnspaced(next string, lineLen int) bool {
	if first, _ := utf8.DecodeRuneInString(next); !unspaced(first) {
		return false
	}
	n := columns(next)
	return n >= lineLen-evenSlack && n <= lineLen+evenSlack
}

// evenSlack is how far the lengths of two lines of a paragraph of an
// unspaced script wrapped below narrowMin may differ.
const evenSlack = 4

// wrapSlack is how much longer than a wrapped line the next line may be:
// a wrapped line falls short of the width by less than the word moved to
// the next line.
const wrapSlack = 12

// lineAt returns the line starting at text[start], trimmed, and where
// the next one starts (len(text) when there is none).
func lineAt(text string, start int) (line string, next int) {
	if start >= len(text) {
		return "", len(text)
	}
	end := strings.IndexByte(text[start:], '\n')
	if end < 0 {
		return strings.TrimSpace(text[start:]), len(text)
	}
	return strings.TrimSpace(text[start : start+end]), start + end + 1
}

// wrapped reports whether line (trimmed, lineLen characters) was cut by
// hard wrapping and the next line, starting at text[from], continues its
// paragraph. Lengths count characters (columns), not bytes. The next line
// is neither blank nor more than wrapSlack characters longer (a headline
// above an unwrapped paragraph is followed by a much longer line). A line
// of wrapMin characters or more (wrapped at 55 to 80 columns) stops
// inside a sentence (on a letter, a digit, a comma, a semicolon or a
// hyphen), and the next line is long itself or ends a sentence, or
// opens in lower case: so a wrapped paragraph's short first or last line
// is kept with it rather than dropped as a byline would be, while a short
// line after a paragraph ("Advertisement", "Related stories:") is still
// judged alone.
//
// Narrower text (35 to 55 columns) has many lines shorter than wrapMin
// and of fewer than the 8 words fingerprinted: at 44 columns all of 400
// BBC articles changed sketch and lost 22% of their shingles, at 48
// 293 of them. A line of narrowMin characters or more is wrapped there
// when its neighbours show it: it is full (the next line's first word
// would not fit on it at the width of the wider of its neighbours;
// prevLen is the line before's length in characters, 0 after a blank
// line), the next line is as long give or take wrapSlack or ends a
// sentence, and it visibly stops mid-sentence (it ends with a comma, a
// semicolon or a hyphen, or the next line or the one after opens
// mid-sentence: in lower case, or in a script without case) or the line
// before went on into it (prevJoined). A list of short headlines or
// menu items, one to a line, opens each with a capital and is left
// alone (in a script without case, only if its lines' lengths show it). Inside a paragraph so joined, a full line ending a sentence goes
// on too. Now 150 of the 400 articles change sketch at 44 columns, with
// 1.2% of their shingles lost, and 10 to 25 at 56 to 90 columns (17 to
// 44 before); the labelled set's sketches are the same. A line of a
// script written without spaces goes on under narrowMin too, down to
// unspacedNarrowMin, when the next line is as long (evenUnspaced).
func wrapped(line string, lineLen int, text string, from, prevLen int, prevJoined bool) bool {
	last, _ := utf8.DecodeLastRuneInString(line)
	if lineLen < narrowMin {
		if lineLen < unspacedNarrowMin || !unspaced(last) {
			return false
		}
		next, _ := lineAt(text, from)
		return evenUnspaced(next, lineLen)
	}
	next, after := lineAt(text, from)
	if next == "" || endsSentence(last) && !prevJoined || !endsSentence(last) && !midSentence(last) {
		return false // decided before the next line is measured
	}
	nextLen := columns(next)
	if nextLen > lineLen+wrapSlack {
		return false
	}
	// ';' ends an entity as often ("forces.&quot;") as a clause.
	nextLast, _ := utf8.DecodeLastRuneInString(next)
	ends := endsSentence(nextLast) || strings.ContainsRune("');’", nextLast)
	word := strings.IndexByte(next, ' ')
	if word < 0 {
		word = len(next)
	}
	full := lineLen+1+columns(next[:word]) > max(prevLen, nextLen)
	long := nextLen+wrapSlack >= lineLen || ends
	switch {
	case endsSentence(last):
		// A sentence ended at the margin inside a wrapped paragraph.
		return full && long
	case lineLen >= wrapMin:
		return nextLen >= wrapMin || ends || long && opensMidSentence(next)
	}
	return full && long && (prevJoined || last == ',' || last == ';' || last == '-' ||
		opensMidSentence(next) || after < len(text) && opensMidSentence(strings.TrimLeft(text[after:], " \t")))
}

// columns is the length of a line in characters, which wrapping counts:
// half its bytes in Cyrillic or Greek. Its bytes less the UTF-8
// continuation bytes (10xxxxxx), counted 8 at a time.
func columns(line string) int {
	n, i := len(line), 0
	for ; i+8 <= len(line); i += 8 {
		x := loadWord(line, i)
		n -= bits.OnesCount64(x &^ (x << 1) & bytesHigh)
	}
	for ; i < len(line); i++ {
		if line[i]&0xc0 == 0x80 {
			n--
		}
	}
	return n
}

// endsSentence reports whether a line ending in r ends a sentence, in
// the scripts normalize's endsSentence reads too (Devanagari's danda,
// Arabic's question mark, Urdu's, Armenian, Ethiopic and Burmese full
// stops).
func endsSentence(r rune) bool {
	switch r {
	case '.', '!', '?', '"', '”', '»', '。', '！', '？', '।', '॥', '؟', '۔', '։', '።', '။':
		return true
	}
	return false
}

// opensMidSentence reports whether a line may go on with a sentence
// begun above it: it opens in lower case, or with a letter of a script
// without case (Arabic, Hebrew, Devanagari, Thai, Han), where only the
// lines' lengths can tell. (Not a digit: headlines open with figures.)
// Read as lower case only, the seeds written in Arabic letters lost up to
// three quarters of their shingles wrapped at 40 to 48 columns, and Thai
// wrapped at 26 to 32 characters all its words (TestWrapInOtherScripts,
// TestNarrowWrapThai).
func opensMidSentence(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return line != "" && unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsTitle(r)
}

// midSentence reports whether a line ending in r stops inside a
// sentence: on a letter, a mark (an Indic vowel sign) or a digit of any
// script, a comma, a semicolon or a hyphen.
func midSentence(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == ',' || r == ';' || r == '-'
}
