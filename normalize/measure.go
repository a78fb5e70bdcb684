package normalize

import (
	"math/bits"
	"unicode/utf8"
)

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
	endPunct  bool // the line ends like a sentence (., !, ?, …, a CJK, Indic or Arabic full stop, before closing quotes)
	wideRunes int  // CJK/kana/hangul characters in the scanned part
	// spaceless counts the scanned part's letters and marks of Thai, Lao,
	// Myanmar and Khmer, scripts that space phrases, not words, and often
	// end a sentence with a space.
	spaceless int
}

// measure computes the features of a trimmed, non-empty line. Words are
// packed for the stop-word lookup as they are scanned (key), so no byte is
// read twice.
func measure(t string) features {
	return scan(t, true)
}

// scan is measure; quick lets long sentence-ended lines skip the word
// scan (their words are counted only when stop-word density is asked
// for: knownLanguage).
func scan(t string, quick bool) features {
	var f features
	n := min(len(t), scanCap)
	f.endPunct = endsSentence(t)
	if quick && f.endPunct && len(t) >= proseMinRunes {
		// Most of a news text's bytes are in paragraphs that end like
		// sentences and are long enough to be prose whatever their
		// words (isProse): count their characters (bytes that start a
		// UTF-8 sequence) and skip the word scan.
		runes := n - continuationBytes(t[:n])
		if n < len(t) {
			runes = runes * len(t) / n
		}
		if runes >= proseMinRunes {
			f.runes = runes
			return f
		}
	}
	wordStart := -1
	var key uint64
	for i := 0; i < n; {
		c := t[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case asciiWord:
				if wordStart < 0 {
					wordStart, key = i, 0
				}
				// The rest of the word's ASCII letters and digits in a
				// loop of their own: most bytes are in words.
				j := i + 1
				key = key<<8 | uint64(lowerTable[c])
				for ; j < n && t[j] < utf8.RuneSelf && asciiClass[t[j]] == asciiWord; j++ {
					key = key<<8 | uint64(lowerTable[t[j]])
				}
				f.runes += j - i
				i = j
				continue
			case asciiApostrophe:
				if wordStart >= 0 {
					key = key<<8 | uint64(c)
				}
			case asciiStop:
				if i+1 == len(t) || t[i+1] <= ' ' {
					f.sentEnds++
				}
				fallthrough
			default:
				if wordStart >= 0 {
					f.endWord(i-wordStart, key)
					wordStart = -1
				}
			}
			f.runes++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		inWord := false
		switch {
		case r == '。' || r == '！' || r == '？':
			f.sentEnds++
			f.wideRunes++
		case r == '।' || r == '॥' || r == '؟' || r == '۔' || r == '։' || r == '።' || r == '။':
			// Sentence ends of Indic, Arabic, Urdu, Armenian, Ethiopic
			// and Burmese text.
			f.sentEnds++
		case r >= 0x3000 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7AF || r >= 0xFF00 && r <= 0xFFEF:
			// CJK, kana, hangul and full-width forms: each a word unit
			// for length purposes; hangul words are space-separated
			// runs and counted as words.
			inWord = r >= 0xAC00 && r <= 0xD7AF
			f.wideRunes++
		case r >= 0x0E00 && r <= 0x0EFF || r >= 0x1000 && r <= 0x109F || r >= 0x1780 && r <= 0x17FF:
			inWord = true
			f.spaceless++
		case r == 0xA0 || r == '\u2009' || r == '\u200b' || r == '—' || r == '–' || r == '…' || r == '«' || r == '»' ||
			r == '“' || r == '”' || r == '„' || r == '‘' || r == '·' || r == '•' || r == '|' || r == '،' || r == '؛':
		case r == '’' && wordStart >= 0:
			inWord = true // apostrophe inside a word: don’t
		default:
			inWord = true
		}
		if inWord {
			if wordStart < 0 {
				wordStart, key = i, 0
			}
			for _, b := range []byte(t[i : i+size]) {
				key = key<<8 | uint64(b)
			}
		} else if wordStart >= 0 {
			f.endWord(i-wordStart, key)
			wordStart = -1
		}
		f.runes++
		i += size
	}
	if wordStart >= 0 {
		f.endWord(n-wordStart, key)
	}
	if n < len(t) {
		f.runes = f.runes * len(t) / n
	}
	return f
}

// endWord counts a word of size bytes whose packed form (packWord) is key
// when it has at most 8 bytes.
func (f *features) endWord(size int, key uint64) {
	f.words++
	if size <= 8 && stopTable.has(key) {
		f.stops++
	}
}

var lowerTable = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] = byte(c) + 'a' - 'A'
		}
	}
	return t
}()

// endsSentence reports whether t ends with sentence punctuation, looking
// past closing quotes and brackets.
func endsSentence(t string) bool {
	for len(t) > 0 {
		r, size := utf8.DecodeLastRuneInString(t)
		switch r {
		case '"', '\'', ')', ']', '”', '’', '»', '」', '』', '）':
			t = t[:len(t)-size]
			continue
		case '.', '!', '?', '…', '。', '！', '？', '।', '॥', '؟', '۔', '։', '።', '။':
			return true
		}
		return false
	}
	return false
}

// continuationBytes counts the UTF-8 continuation bytes (10xxxxxx) of s,
// eight at a time: a byte is one when its top bit is set and the next is
// clear, which one AND of the word with its inverted left shift tests for
// all eight (the shift moves each byte's bit 6 to its bit 7, and the bit
// that crosses into the next byte lands in bit 0, outside the mask). This
// count was a tenth of the stripping time on generated news, a byte at a
// time. Most text is ASCII for stretches of 32 bytes, which one test of
// four words' top bits passes over (a third of the count's instructions
// otherwise).
func continuationBytes(s string) int {
	c, i := 0, 0
	for ; i+32 <= len(s); i += 32 {
		w0, w1, w2, w3 := load64(s, i), load64(s, i+8), load64(s, i+16), load64(s, i+24)
		if (w0|w1|w2|w3)&bytes80 == 0 {
			continue
		}
		c += bits.OnesCount64(w0&^(w0<<1)&bytes80) + bits.OnesCount64(w1&^(w1<<1)&bytes80) +
			bits.OnesCount64(w2&^(w2<<1)&bytes80) + bits.OnesCount64(w3&^(w3<<1)&bytes80)
	}
	for ; i+8 <= len(s); i += 8 {
		w := load64(s, i)
		c += bits.OnesCount64(w &^ (w << 1) & bytes80)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			c++
		}
	}
	return c
}
