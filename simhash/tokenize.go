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

// Byte classes. Non-ASCII bytes are clHigh: they start the slow path.
const (
	clSep   = iota // ends a word
	clAlpha        // ASCII letter
	clDigit        // ASCII digit
	clApos         // apostrophe: dropped inside a word ("it's" == "it’s" == "its")
	clNumP         // ',' or '.': kept between digits only ("1,000" == "1000")
	clNL           // line break
	clHigh         // byte of a multi-byte UTF-8 sequence (or invalid)
)

var (
	byteClass [256]uint8
	// wordEnd marks the bytes that end an ASCII word without joining it
	// to what follows: ASCII other than letters, digits and apostrophes.
	wordEnd [256]bool
)

func init() {
	for c := 0; c < 256; c++ {
		switch {
		case c >= utf8.RuneSelf:
			byteClass[c] = clHigh
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			byteClass[c] = clAlpha
		case c >= '0' && c <= '9':
			byteClass[c] = clDigit
		case c == '\'':
			byteClass[c] = clApos
		case c == ',' || c == '.':
			byteClass[c] = clNumP
		case c == '\n':
			byteClass[c] = clNL
		}
		cl := byteClass[c]
		wordEnd[c] = cl == clSep || cl == clNumP || cl == clNL
	}
}

// wordBatch is how many word hashes are buffered before they are handed
// on, so the tokenizer and the shingle stage each run as a tight loop.
// MinLineWords above wordBatch/2 act as wordBatch/2, which keeps a line
// still being judged inside the buffer.
const wordBatch = 1024

// wordHasher turns text into a stream of word hashes. Words are runs of
// letters and digits after Unicode case folding and NFKC; typographic
// apostrophes, quotes and dashes fold to their ASCII roles; digit groups
// separated by commas join ("1,000" and "1000" hash alike) and a number's
// unit suffix is split off and spelled out ("$1.13bn" == "$1.13 billion").
//
// Word hashes of lines with at least minLine words are passed to consume
// in order, in batches; shorter lines are dropped.
type wordHasher struct {
	buf [maxWord]byte
	n   int
	// prevNum reports that the previous emitted word was a number, so a
	// following "bn"/"m" is read as a unit.
	prevNum bool
	bytes   int // normalised length: word bytes plus one separator each

	ws       []uint64 // pending hashes: ws[:kept] are kept, the rest is the current line
	kept     int
	minLine  int
	lineLong bool // the current line already reached minLine words
	consume  func([]uint64)
}

func newWordHasher(consume func([]uint64)) wordHasher {
	return wordHasher{ws: make([]uint64, 0, wordBatch), consume: consume}
}

func (w *wordHasher) run(text string, minLine int) {
	w.n, w.prevNum, w.bytes = 0, false, 0
	w.ws, w.kept, w.lineLong = w.ws[:0], 0, false
	w.minLine = min(minLine, wordBatch/2)
	for i := 0; i < len(text); {
		if w.n == 0 {
			// Between words, ASCII separators, apostrophes and punctuation
			// do nothing, and most words are plain ASCII letters.
			switch byteClass[text[i]] {
			case clSep, clApos, clNumP:
				i++
				continue
			case clAlpha:
				if j := w.asciiWord(text, i); j > i {
					i = j
					continue
				}
			}
		}
		i = w.step(text, i)
	}
	w.flush()
	w.endLine()
	if len(w.ws) > 0 {
		w.consume(w.ws)
		w.ws = w.ws[:0]
	}
}

// Masks for the SWAR letter test: each byte of a uint64 at once.
const (
	bytesHigh  = 0x8080808080808080
	bytesLower = 0x2020202020202020 // OR-ed in, lower-cases ASCII letters
	bytesFromA = 0x1f1f1f1f1f1f1f1f // + this sets the high bit of bytes >= 'a'
	bytesPastZ = 0x0505050505050505 // + this sets the high bit of bytes > 'z'
)

// asciiWord hashes the word of ASCII letters starting at text[i] and
// returns where it ends, or i when the word needs the slow path (it runs
// into a digit, an apostrophe or a non-ASCII byte, or may be a number's
// unit). Words of up to 15 letters, nearly all of them, are found from one
// or two 8-byte loads: the letter test runs on eight bytes at once and the
// first non-letter is a trailing-zero count, with no loop over bytes.
func (w *wordHasher) asciiWord(text string, i int) int {
	n := 0
	if len(text)-i >= 16 {
		lo, p := letterRun(text, i)
		if p < 8 {
			n = p
			if !w.endsWord(text[i+n], n) {
				return i
			}
			w.word(hashShort(lo&(1<<(8*p)-1), p), p)
			return skipSpace(text, i+n)
		}
		hi, p := letterRun(text, i+8)
		if p == 8 {
			return w.longWord(text, i)
		}
		n = 8 + p
		binary.LittleEndian.PutUint64(w.buf[:], lo)
		binary.LittleEndian.PutUint64(w.buf[8:], hi)
	} else {
		for i+n < len(text) && byteClass[text[i+n]] == clAlpha && n < maxWord {
			w.buf[n] = text[i+n] | 0x20
			n++
		}
		if n == maxWord {
			return w.longWord(text, i)
		}
	}
	if i+n < len(text) && !w.endsWord(text[i+n], n) {
		return i
	}
	w.word(hashWord(w.buf[:n]), n)
	return skipSpace(text, i+n)
}

// skipSpace steps over a space at text[i], saving the commonest
// separator a trip through the main loop.
func skipSpace(text string, i int) int {
	if i < len(text) && text[i] == ' ' {
		return i + 1
	}
	return i
}

// letterRun loads text[i:i+8], lower-cased, and counts its leading ASCII
// letters.
func letterRun(text string, i int) (lower uint64, n int) {
	x := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(text[i:]), 8))
	l := x | bytesLower
	// Carries out of non-ASCII bytes only disturb bytes after them, which
	// lie past the first non-letter anyway.
	letters := (l + bytesFromA) &^ (l + bytesPastZ) &^ x & bytesHigh
	return l, bits.TrailingZeros64(^letters&bytesHigh) >> 3
}

// endsWord reports whether a word of n letters followed by byte c is
// complete as it stands: c is ASCII and neither a letter, a digit nor an
// apostrophe, and the word cannot be a unit after a number.
func (w *wordHasher) endsWord(c byte, n int) bool {
	return wordEnd[c] && !(w.prevNum && n <= maxUnit)
}

// longWord hashes a word of 16 or more ASCII letters at text[i].
func (w *wordHasher) longWord(text string, i int) int {
	j := i
	for j < len(text) && byteClass[text[j]] == clAlpha {
		j++
	}
	if j < len(text) && !wordEnd[text[j]] {
		return i
	}
	m := min(j-i, maxWord)
	for k := range m {
		w.buf[k] = text[i+k] | 0x20
	}
	w.word(hashWord(w.buf[:m]), j-i)
	return j
}

// word records the hash of a word of n bytes.
func (w *wordHasher) word(h uint64, n int) {
	w.bytes += n + 1
	w.prevNum = false
	w.ws = append(w.ws, h)
	if len(w.ws) == cap(w.ws) {
		w.spill()
	}
}

// spill hands on the buffered words that are known to be kept.
func (w *wordHasher) spill() {
	if w.lineLong || len(w.ws)-w.kept >= w.minLine {
		w.lineLong = true
		w.consume(w.ws)
		w.ws, w.kept = w.ws[:0], 0
		return
	}
	// The current line is still short, so it fills less than half the
	// buffer and the kept words before it the rest.
	w.consume(w.ws[:w.kept])
	n := copy(w.ws, w.ws[w.kept:])
	w.ws, w.kept = w.ws[:n], 0
}

// endLine drops the current line's words if it stayed short.
func (w *wordHasher) endLine() {
	if !w.lineLong && len(w.ws)-w.kept < w.minLine {
		w.ws = w.ws[:w.kept]
	}
	w.kept = len(w.ws)
	w.lineLong = false
}

// step consumes one ASCII byte or one run of non-ASCII runes of text at i
// outside the fast path and returns the next position.
func (w *wordHasher) step(text string, i int) int {
	c := text[i]
	if c < utf8.RuneSelf {
		switch byteClass[c] {
		case clAlpha, clDigit:
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
			w.endLine()
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
		w.endLine()
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

// maxUnit is the longest key of unitWords.
const maxUnit = 2

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
	w.word(hashWord(word), len(word))
	w.prevNum = isNum
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
