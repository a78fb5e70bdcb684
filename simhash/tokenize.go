package simhash

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/text/unicode/norm"
)

// maxWord bounds the bytes of one token that are hashed; longer runs (base64
// blobs, URLs without separators) are cut so a hostile line costs O(len).
const maxWord = 64

// Character classes for the ASCII fast path.
const (
	clSep   = iota // ends a word
	clAlnum        // part of a word (already lower-cased in lowerASCII)
	clApos         // apostrophe: dropped inside a word ("it's" == "it’s" == "its")
	clNumP         // ',' or '.': kept between digits only ("1,000" == "1000")
	clNL           // line break
)

var asciiClass [128]uint8

func init() {
	for c := 0; c < 128; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			asciiClass[c] = clAlnum
		case c == '\'':
			asciiClass[c] = clApos
		case c == ',' || c == '.':
			asciiClass[c] = clNumP
		case c == '\n':
			asciiClass[c] = clNL
		}
	}
}

// wordHasher turns text into a stream of word hashes. Words are runs of
// letters and digits after Unicode case folding and NFKC; typographic
// apostrophes, quotes and dashes fold to their ASCII roles; digit groups
// separated by commas join ("1,000" and "1000" hash alike) and a number's
// unit suffix is split off and spelled out ("$1.13bn" == "$1.13 billion").
//
// emit(h, line) is called per word with the number of the line it is on.
type wordHasher struct {
	buf  [maxWord]byte
	n    int
	line int
	// prevNum reports that the previous emitted word was a number, so a
	// following "bn"/"m" is read as a unit.
	prevNum bool
	bytes   int // normalised length: word bytes plus one separator each
	emit    func(h uint64, line int)
}

func (w *wordHasher) run(text string) {
	w.n, w.line, w.prevNum, w.bytes = 0, 0, false, 0
	for i := 0; i < len(text); {
		if w.n == 0 && text[i] < utf8.RuneSelf && asciiClass[text[i]] == clAlnum {
			// Fast path: a run of ASCII letters ended by an ASCII separator
			// is hashed straight from the input.
			j, letters := i, true
			for j < len(text) && text[j] < utf8.RuneSelf && asciiClass[text[j]] == clAlnum {
				letters = letters && text[j] > '9'
				j++
			}
			// A following ',' or '.' only matters after a digit, and an
			// apostrophe or a non-ASCII letter continues the word.
			if letters && !w.prevNum && (j == len(text) || text[j] < utf8.RuneSelf && asciiClass[text[j]] != clApos) {
				w.emitASCII(text, i, j)
				i = j
				continue
			}
		}
		i = w.step(text, i)
	}
	w.flush()
}

// emitASCII hashes the all-letter word text[i:j]. Up to 8 bytes are loaded
// as one word; OR-ing 0x20 into each byte lower-cases ASCII letters.
func (w *wordHasher) emitASCII(text string, i, j int) {
	n := j - i
	var h uint64
	if n <= 8 {
		var v uint64
		if i+8 <= len(text) {
			v = binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(text[i:]), 8))
		} else {
			for k := j - 1; k >= i; k-- {
				v = v<<8 | uint64(text[k])
			}
		}
		mask := ^uint64(0) >> (64 - 8*n)
		h = hashShort((v|0x2020202020202020)&mask, n)
	} else {
		m := min(n, maxWord)
		for k := range m {
			w.buf[k] = text[i+k] | 0x20
		}
		h = xxhash.Sum64(w.buf[:m])
	}
	w.bytes += n + 1
	w.prevNum = false
	w.emit(h, w.line)
}

// step consumes one ASCII byte or one run of non-ASCII runes of text at i
// outside the fast path and returns the next position.
func (w *wordHasher) step(text string, i int) int {
	c := text[i]
	if c < utf8.RuneSelf {
		switch asciiClass[c] {
		case clAlnum:
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			w.add(c)
		case clApos:
			// dropped: joins "it's" into one word
		case clNumP:
			if w.n > 0 && isDigit(w.buf[w.n-1]) && i+1 < len(text) && isDigit(text[i+1]) {
				if c == '.' {
					w.add('.')
				}
			} else {
				w.flush()
			}
		case clNL:
			w.flush()
			w.line++
		default:
			w.flush()
		}
		return i + 1
	}
	// A run of non-ASCII bytes (whole runes: ASCII bytes never occur
	// inside a multi-byte sequence) is brought to NFKC on its own, so ASCII
	// text never pays for normalisation.
	j := i + 1
	for j < len(text) && text[j] >= utf8.RuneSelf {
		j++
	}
	seg := text[i:j]
	if j-i == 3 && seg[0] == 0xe2 && seg[1] == 0x80 && inertPunct[seg[2]&0x3f] {
		// Curly quotes and dashes, the commonest non-ASCII in English news:
		// NFKC leaves them alone, so skip the normaliser.
		w.rune(rune(0x2000 | int(seg[2]&0x3f)))
		return j
	}
	if !norm.NFKC.IsNormalString(seg) {
		seg = norm.NFKC.String(seg) // may yield ASCII: "…" -> "...", "ﬁ" -> "fi"
	}
	for k := 0; k < len(seg); {
		if seg[k] < utf8.RuneSelf {
			k = w.step(seg, k)
			continue
		}
		r, size := utf8.DecodeRuneInString(seg[k:])
		w.rune(r)
		k += size
	}
	return j
}

// inertPunct marks U+2000+i for the dashes and quotes U+2013, U+2014,
// U+2018, U+2019, U+201C and U+201D, which NFKC does not change.
var inertPunct = [64]bool{0x13: true, 0x14: true, 0x18: true, 0x19: true, 0x1c: true, 0x1d: true}

func (w *wordHasher) rune(r rune) {
	switch {
	case r == '\u2019' || r == '\u2018' || r == '\u02bc':
		// typographic apostrophes: same role as '
	case r == '\u2028' || r == '\u2029' || r == '\u0085':
		w.flush()
		w.line++
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
		r = unicode.ToLower(unicode.ToUpper(r)) // simple case folding (ς -> σ)
		var enc [utf8.UTFMax]byte
		m := utf8.EncodeRune(enc[:], r)
		for _, b := range enc[:m] {
			w.add(b)
		}
	default:
		w.flush()
	}
}

func (w *wordHasher) add(c byte) {
	if w.n > 0 && isDigit(w.buf[w.n-1]) != isDigit(c) && c != '.' && w.buf[w.n-1] != '.' {
		// "1.13bn" -> "1.13" "bn": units spelled together or apart hash alike.
		w.flush()
	}
	if w.n < maxWord {
		w.buf[w.n] = c
		w.n++
	}
}

// unitWords spells out number suffixes common in news copy.
var unitWords = map[string]string{
	"bn": "billion", "b": "billion", "m": "million", "mn": "million", "k": "thousand",
	"tn": "trillion", "pc": "percent",
}

func (w *wordHasher) flush() {
	if w.n == 0 {
		return
	}
	word := w.buf[:w.n]
	w.n = 0
	isNum := isDigit(word[0])
	if w.prevNum && !isNum {
		if u, ok := unitWords[string(word)]; ok {
			word = append(w.buf[:0], u...)
		}
	}
	w.prevNum = isNum
	w.bytes += len(word) + 1
	w.emit(hashWord(word), w.line)
}

// hashWord hashes one word. Words of up to 8 bytes (most of them) are
// loaded as a single 64-bit word and finished with the XXH64 round and
// avalanche; longer ones go through xxhash.Sum64.
func hashWord(b []byte) uint64 {
	if len(b) > 8 {
		return xxhash.Sum64(b)
	}
	var v uint64
	for i := len(b) - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return hashShort(v, len(b))
}

func hashShort(v uint64, n int) uint64 {
	h := prime5 + uint64(n)
	h ^= bits.RotateLeft64(v*prime2, 31) * prime1
	h = bits.RotateLeft64(h, 27)*prime1 + prime4
	return avalanche(h)
}

const (
	prime1 uint64 = 11400714785074694791
	prime2 uint64 = 14029467366897019727
	prime3 uint64 = 1609587929392839161
	prime4 uint64 = 9650029242287828579
	prime5 uint64 = 2870177450012600261
)

// avalanche is the XXH64 finaliser: every output bit depends on every input
// bit, which simhash needs (each fingerprint bit is one hash bit's vote).
func avalanche(h uint64) uint64 {
	h ^= h >> 33
	h *= prime2
	h ^= h >> 29
	h *= prime3
	h ^= h >> 32
	return h
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
