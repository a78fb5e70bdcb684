package normalize

import "unicode/utf8"

// scanCap bounds the bytes of a line that are scanned for words and
// sentence ends. Long lines show whether they are prose or lists within 240 bytes (40 words), so
// this keeps the per-line cost constant: stripping speed then follows
// the speed of finding line breaks, not of reading every byte.
const scanCap = 240

// ASCII byte classes for measure's inner loop: one table load instead of
// a chain of range compares per byte.
const (
	asciiOther = iota
	asciiWord
	asciiApostrophe
	asciiStop // sentence terminator
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = asciiWord
		case c == '\'':
			t[c] = asciiApostrophe
		case c == '.' || c == '!' || c == '?':
			t[c] = asciiStop
		}
	}
	return t
}()

// features are the cheap shape measurements of one trimmed line.
type features struct {
	runes     int  // characters (estimated past scanCap)
	words     int  // words in the scanned part
	stops     int  // of which function words
	sentEnds  int  // sentence terminators followed by a space or the end
	endPunct  bool // the line ends like a sentence (., !, ?, … or CJK full stop, before closing quotes)
	wideRunes int  // CJK/kana/hangul characters in the scanned part
}

// measure computes the features of a trimmed, non-empty line.
func measure(t string) features {
	var f features
	n := min(len(t), scanCap)
	wordStart := -1
	for i := 0; i < n; {
		c := t[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case asciiWord:
				if wordStart < 0 {
					wordStart = i
				}
			case asciiApostrophe:
				if wordStart < 0 {
					break
				}
			case asciiStop:
				if i+1 == len(t) || t[i+1] == ' ' {
					f.sentEnds++
				}
				fallthrough
			default:
				if wordStart >= 0 {
					f.endWord(t, wordStart, i)
					wordStart = -1
				}
			}
			f.runes++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case r == '。' || r == '！' || r == '？':
			f.endWord(t, wordStart, i)
			wordStart = -1
			f.sentEnds++
			f.wideRunes++
		case r >= 0x3000 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7AF || r >= 0xFF00 && r <= 0xFFEF:
			// CJK, kana, hangul and full-width forms: each a word unit
			// for length purposes; hangul words are space-separated
			// runs and counted as words below.
			if r >= 0xAC00 && r <= 0xD7AF {
				if wordStart < 0 {
					wordStart = i
				}
			} else {
				f.endWord(t, wordStart, i)
				wordStart = -1
			}
			f.wideRunes++
		case r == 0xA0 || r == '\u2009' || r == '\u200b' || r == '—' || r == '–' || r == '…' || r == '«' || r == '»' ||
			r == '“' || r == '”' || r == '„' || r == '‘' || r == '·' || r == '•' || r == '|':
			f.endWord(t, wordStart, i)
			wordStart = -1
		case r == '’' && wordStart >= 0:
			// apostrophe inside a word: don’t
		default:
			if wordStart < 0 {
				wordStart = i
			}
		}
		f.runes++
		i += size
	}
	f.endWord(t, wordStart, n)
	if n < len(t) {
		f.runes = f.runes * len(t) / n
	}
	f.endPunct = endsSentence(t)
	return f
}

func (f *features) endWord(t string, start, end int) {
	if start < 0 {
		return
	}
	f.words++
	if end-start <= 8 && stopTable.has(packWord(t[start:end])) {
		f.stops++
	}
}

// endsSentence reports whether t ends with sentence punctuation, looking
// past closing quotes and brackets.
func endsSentence(t string) bool {
	for len(t) > 0 {
		r, size := utf8.DecodeLastRuneInString(t)
		switch r {
		case '"', '\'', ')', ']', '”', '’', '»', '」', '』', '）':
			t = t[:len(t)-size]
			continue
		case '.', '!', '?', '…', '。', '！', '？':
			return true
		}
		return false
	}
	return false
}
