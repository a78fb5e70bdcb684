package normalize

import (
	"math/bits"
	"strings"
)

// Title-case headlines. English news sites that write headlines in title
// case capitalise the small words too ("Officials Say Storm To Hit Coast
// On Friday"), which prose never does mid-sentence. A teaser list flattens
// each headline together with its summary into one line that ends like a
// sentence and reads as prose; the capitalised words at its start give it
// away.

// headlineScan bounds the bytes examined: a headline opens the line.
const headlineScan = 72

// headlineMinSmall is how many capitalised small words, not starting a
// sentence or clause, make a line's start a title-case headline. One can be
// a summary starting after the headline ("... Reported The state said").
const headlineMinSmall = 2

// headlineCapRun is how many capitalised words in a row, from the start
// of the line and without punctuation between them, make it a headline:
// sentences start with a name of a few words, then turn to lower case.
const headlineCapRun = 6

// titleSmallWords are the words that sentence case writes in lower case
// and title case capitalises. "A" and "I" are left out: they are capitals
// in prose too (initials, "Plan A", the pronoun).
var titleSmallWords = func() *packedSet {
	var t packedSet
	for _, w := range []string{"of", "to", "in", "on", "at", "for", "with", "from", "by", "after", "as", "is", "are", "and", "the", "an", "into", "over", "its", "his", "her", "be", "was", "will", "has", "have", "than", "about", "amid", "but", "or", "not", "up", "out", "off"} {
		t.add(packWord(w))
	}
	return &t
}()

// headlineLike reports whether trimmed line t opens with a title-case
// headline: headlineCapRun capitalised words in a row from the start, or
// at least headlineMinSmall small words capitalised (initial capital, the
// rest lower case) after a word that does not end a sentence or clause.
// It runs on every prose line, so the common case is one tight pass over
// at most headlineScan bytes that only stops at a space followed by a
// capital.
func headlineLike(t string) bool {
	// Title case capitalises the second word too: a line whose second
	// word is in lower case opens like a sentence (most prose lines), and
	// nothing else need be looked at.
	if sp := strings.IndexByte(t, ' '); sp < 0 || sp+1 < len(t) && t[sp+1]-'a' < 26 {
		return false
	}
	if capRun(t) >= headlineCapRun {
		return true
	}
	n := min(len(t), headlineScan)
	small := 0
	// s is the position of a space; 8 positions at a time are tested for
	// a space followed by an ASCII capital (capsAfterSpace), since most
	// of a prose line has neither.
	for s := 1; s+1 < n; {
		var m uint64
		if s+9 <= n {
			m = capsAfterSpace(load64(t, s), load64(t, s+1))
		} else if t[s] == ' ' && t[s+1]-'A' < 26 {
			m = 0x80
		}
		for ; m != 0; m &= m - 1 {
			if smallWordAt(t, n, s+bits.TrailingZeros64(m)/8+1) {
				if small++; small >= headlineMinSmall {
					return true
				}
			}
		}
		if s+9 <= n {
			s += 8
		} else {
			s++
		}
	}
	return false
}

// smallWordAt reports whether the capitalised word at t[i] (after a space)
// is a title small word that a sentence would write in lower case: 2-5
// letters, lower case after the first, followed by a space, after a word
// that does not end a sentence or clause.
func smallWordAt(t string, n, i int) bool {
	j := i + 1
	for j < n && j-i < 6 && t[j]-'a' < 26 {
		j++
	}
	if j-i < 2 || j-i > 5 || j >= len(t) || t[j] != ' ' || endsClause(t[i-2]) {
		return false
	}
	return titleSmallWords.has(packWord(t[i:j]))
}

const (
	bytes01 = 0x0101010101010101
	bytes7f = 0x7f7f7f7f7f7f7f7f
	bytes80 = 0x8080808080808080
)

// load64 reads 8 bytes of s from i, little-endian (the compiler merges the
// loads; slicing first leaves one bounds check where indexing s[i+k]
// left eight).
func load64(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// capsAfterSpace returns the high bit of byte k set where byte k of x is
// a space and byte k of y (the next byte of the text) an ASCII capital.
// Both tests are exact per byte (no borrow crosses bytes).
func capsAfterSpace(x, y uint64) uint64 {
	z := x ^ (' ' * bytes01)
	space := ^((z&bytes7f + bytes7f) | z | bytes7f)
	hi := y | bytes80
	upper := (hi - 'A'*bytes01) &^ (hi - ('Z'+1)*bytes01) &^ y & bytes80
	return space & upper
}

// endsClause reports whether a word ending in byte c closes a sentence or
// clause, after which a capital is ordinary. Bytes of non-ASCII
// characters count (closing quotes, dashes).
func endsClause(c byte) bool {
	return !isASCIILetter(c) && (c < '0' || c > '9') && c != ','
}

// capRun counts the capitalised words at the start of t, up to
// headlineCapRun, stopping at the first word in lower case or any
// punctuation other than an apostrophe or "&". Digits neither count nor
// stop the run ("Detroit's 5 Best Spots").
func capRun(t string) int {
	run := 0
	for i := 0; i < len(t) && run < headlineCapRun; {
		c := t[i]
		switch {
		case 'A' <= c && c <= 'Z':
			run++
		case 'a' <= c && c <= 'z':
			return run
		case c == ' ' || c == '&' || '0' <= c && c <= '9':
			i++
			continue
		default:
			return run
		}
		// Skip the rest of the word, possessives included.
		for i++; i < len(t); {
			if isASCIILetter(t[i]) {
				i++
			} else if k := apostropheLen(t[i:]); k > 0 && i+k < len(t) && isASCIILetter(t[i+k]) {
				i += k
			} else {
				break
			}
		}
	}
	return run
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// apostropheLen returns the length of the apostrophe (ASCII or U+2019)
// that s starts with, or 0.
func apostropheLen(s string) int {
	switch {
	case len(s) > 0 && s[0] == '\'':
		return 1
	case len(s) >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99:
		return 3
	}
	return 0
}

// labelShaped reports whether trimmed line t is a page label rather
// than a headline: a section path ("News > World", "Science | Economy",
// items of one or two words between separators) or a date line (at most
// six words (twelve with a time of day), one of them a year, and
// another number: "Published 13
// November 2024", "October 9, 2018 at 4:02 pm", "Aggiornato il
// 21/07/2025 alle 17:18", "Last updated: 21.07.2025"). A header keeps the
// headline and byline under its last claimed line, not these.
func labelShaped(t string) bool {
	words, item, seps, numbers, year, clock := 0, 0, 0, 0, false, false
	for len(t) > 0 {
		// Words split at ASCII spaces, without allocating: this runs on
		// the weak lines of every header.
		var w string
		if sp := strings.IndexByte(t, ' '); sp >= 0 {
			w, t = t[:sp], t[sp+1:]
		} else {
			w, t = t, ""
		}
		if w == "" {
			continue
		}
		if isSeparator(w) {
			if item == 0 || item > 2 {
				return false
			}
			seps, item = seps+1, 0
			continue
		}
		words++
		item++
		if words > dateMaxWords && seps == 0 {
			return false // too long for a date line, and no path
		}
		for w != "" && strings.IndexByte(",.:;()", w[len(w)-1]) >= 0 {
			w = w[:len(w)-1]
		}
		if w != "" && w[0] == '(' {
			w = w[1:]
		}
		if w != "" && w[0] >= '0' && w[0] <= '9' {
			numbers++
			if len(w) == 4 && (w[:2] == "19" || w[:2] == "20") && allDigits(w) {
				year = true
			} else if numericDate(w) {
				year, numbers = true, numbers+1
			} else if clockTime(w) {
				clock = true
			}
		}
	}
	if seps > 0 {
		return item > 0 && item <= 2
	}
	// A date line with a time of day has room for more words: "Monday,
	// November 18, 2019, 04:05 pm PT (07:05 pm ET)".
	return year && numbers >= 2 && (words <= 6 || clock && numbers >= 3)
}

// dateMaxWords bounds a date line's words: six, or with a time of day
// (weekday, month, day, year, time, am/pm, zone, twice) twelve.
const dateMaxWords = 12

// clockTime reports whether w is a time of day: "4:02", "07:05",
// "20h40".
func clockTime(w string) bool {
	i := strings.IndexAny(w, ":h")
	return (i == 1 || i == 2) && len(w) == i+3 && allDigits(w[:i]) && allDigits(w[i+1:])
}

// numericDate reports whether w is a date written in figures: three
// groups of digits joined by '/', '.' or '-' ("21/07/2025", "2025-07-21",
// "21.07.25"), which a headline's figures ("2024/25", "3.5") are not.
func numericDate(w string) bool {
	groups, digits := 0, 0
	for i := 0; i <= len(w); i++ {
		if i < len(w) && w[i] >= '0' && w[i] <= '9' {
			digits++
			continue
		}
		if digits == 0 || digits > 4 {
			return false
		}
		groups, digits = groups+1, 0
		if i < len(w) && w[i] != '/' && w[i] != '.' && w[i] != '-' {
			return false
		}
	}
	return groups == 3
}

// isSeparator reports whether w is a separator of a section path.
func isSeparator(w string) bool {
	switch w {
	case ">", "»", "›", "|", "/", "-", "–", "—", "·", "•", "::", "→":
		return true
	}
	return false
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
