package simhash

import (
	"encoding/binary"
	"html"
	"math/bits"
	"strings"
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
	clAmp          // '&': may start an HTML entity ("it&#8217;s" == "it’s")
	clHigh         // byte of a multi-byte UTF-8 sequence (or invalid)
	clHyph         // '-': ends a word, unless the word goes on past a line break
	clLt           // '<': may open an HTML tag left in the text, read as a separator
)

var (
	byteClass [256]uint8
	// wordEnd marks the bytes that surely end an ASCII word without
	// joining it to what follows: ASCII other than letters, digits,
	// apostrophes and the hyphen, which may break a word across lines
	// (letterWordEnds), so the commonest word's test is one lookup.
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
		case c == '&':
			byteClass[c] = clAmp
		case c == '-':
			byteClass[c] = clHyph
		case c == '<':
			byteClass[c] = clLt
		}
		cl := byteClass[c]
		wordEnd[c] = cl == clSep || cl == clNumP || cl == clNL || cl == clLt
	}
}

// wordBatch is how many word hashes are buffered before they are handed
// on, so the tokenizer and the shingle stage each run as a tight loop.
// MinLineWords above wordBatch/8 act as wordBatch/8, which keeps a line
// still being judged inside the buffer: a short line holds fewer than
// 4*MinLineWords words, a character of Thai counting for a quarter word
// (unspacedSpare).
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

	ws       [wordBatch]uint64 // pending hashes: ws[:kept] are kept, ws[kept:nw] the current line's
	nw       int
	kept     int
	minLine  int
	lineLong bool // the current line already reached minLine words
	// lineSpare is how many quarter words the current line's characters
	// of unspaced scripts count for less than a word each (unspacedSpare).
	lineSpare int
	// gram holds the last characters of the current run of unspaced
	// characters (runN of them, oldest first), which make the next one's
	// word (see unspacedGram).
	gram [unspacedGram - 1]rune
	runN int
	// lineStart is where the current line starts in the text run reads.
	lineStart int
	// prevLen is the trimmed length in characters of the line before the
	// current one (0 after a blank line), and prevJoined whether that line went on
	// into the current one: the neighbours a narrow wrapped line is
	// judged by (see wrapped).
	prevLen    int
	prevJoined bool
	// lineHigh reports that the current line may have non-ASCII bytes
	// (or an entity decoded to them): its length in characters is then
	// counted, not taken from its bytes.
	lineHigh bool
	consume  func([]uint64)
}

func newWordHasher(consume func([]uint64)) wordHasher {
	return wordHasher{consume: consume}
}

func (w *wordHasher) run(text string, minLine int) {
	w.n, w.prevNum, w.bytes = 0, false, 0
	w.nw, w.kept, w.lineLong, w.lineStart, w.lineSpare, w.runN = 0, 0, false, 0, 0, 0
	w.prevLen, w.prevJoined, w.lineHigh = 0, false, false
	w.minLine = min(minLine, wordBatch/8)
	for i := 0; i < len(text); {
		if w.n == 0 {
			// Between words, ASCII separators, apostrophes, punctuation and
			// hyphens (which join only a word they follow) do nothing, and
			// most words are plain ASCII letters.
			switch byteClass[text[i]] {
			case clSep, clApos, clNumP, clHyph:
				i++
				continue
			case clAlpha:
				// The commonest word, inline: up to 7 letters then ASCII
				// punctuation other than a hyphen or space, not after a
				// number.
				if len(text)-i < 16 {
					if end := urlEnd(text, i, asciiLetters(text[i:])); end > 0 {
						i = end
						continue
					}
				} else {
					lo, p := letterRun(text, i)
					if c := text[i+p]; c == ':' && uint(p-4) < 2 || c == '.' && p == 3 {
						if end := urlEnd(text, i, p); end > 0 {
							i = end
							continue
						}
					}
					if p < 8 && wordEnd[text[i+p]] && !w.prevNum {
						w.word(hashShort(lo&(1<<(8*p)-1), p))
						w.bytes += p + 1
						if i += p; text[i] == ' ' {
							i++
						}
						continue
					}
				}
				if h, n := w.asciiWord(text, i); n > 0 {
					w.prevNum = false
					w.word(h)
					w.bytes += n + 1
					i = skipSpace(text, i+n)
					continue
				}
			case clDigit:
				if n := digitRun(text, i); n > 0 {
					w.prevNum = true
					w.word(hashShort(loadWord(text, i)&(1<<(8*n)-1), n))
					w.bytes += n + 1
					i = skipSpace(text, i+n)
					continue
				}
			}
		}
		i = w.step(text, i)
	}
	w.flush()
	w.endLine()
	if w.nw > 0 {
		w.consume(w.ws[:w.nw])
		w.nw = 0
	}
}

// urlEnd returns where the web address at text[i] ends, or 0 when none
// starts there: a word of p ASCII letters that is "http" or "https"
// followed by "://", or "www" followed by '.' (in any case), and what
// follows up to a blank, a quote or a bracket. An address is markup, not
// prose: a copy converted to Markdown ("[text](https://...)") or keeping
// a link's address after its text has words no other copy has, a dozen
// a link (a link in 30 words kept 1,316 of 2,225 BBC articles apart from
// their originals, exact 5-gram Jaccard >= 0.5 none; bench-neardup
// -shapes).
func urlEnd(text string, i, p int) int {
	word, rest := text[i:i+p], text[i+p:]
	switch {
	case p == 3 && strings.HasPrefix(rest, ".") && strings.EqualFold(word, "www"):
	case (p == 4 || p == 5) && strings.HasPrefix(rest, "://") &&
		(strings.EqualFold(word, "http") || strings.EqualFold(word, "https")):
	default:
		return 0
	}
	j := i + p
	for j < len(text) && !urlStop[text[j]] {
		j++
	}
	return j
}

// asciiLetters returns the number of ASCII letters text opens with.
func asciiLetters(text string) int {
	n := 0
	for n < len(text) && byteClass[text[n]] == clAlpha {
		n++
	}
	return n
}

// urlStop marks the bytes that end a web address in running text.
var urlStop = func() (t [256]bool) {
	for _, c := range []byte(" \t\r\n\"'()<>[]{}|") {
		t[c] = true
	}
	return t
}()

// Masks for the SWAR letter test: each byte of a uint64 at once.
const (
	bytesHigh  = 0x8080808080808080
	bytesLower = 0x2020202020202020 // OR-ed in, lower-cases ASCII letters
	bytesFromA = 0x1f1f1f1f1f1f1f1f // + this sets the high bit of bytes >= 'a'
	bytesPastZ = 0x0505050505050505 // + this sets the high bit of bytes > 'z'
	bytesFrom0 = 0x5050505050505050 // + this sets the high bit of bytes >= '0'
	bytesPast9 = 0x4646464646464646 // + this sets the high bit of bytes > '9'
)

// asciiWord hashes the word of ASCII letters starting at text[i] and
// returns its hash and length, or n == 0 when the word needs the slow
// path (it runs into a digit, an apostrophe or a non-ASCII byte, or may be
// a number's unit). Words of up to 15 letters, nearly all of them, are
// found from one or two 8-byte loads: the letter test runs on eight bytes
// at once and the first non-letter is a trailing-zero count, with no loop
// over bytes.
func (w *wordHasher) asciiWord(text string, i int) (h uint64, n int) {
	if len(text)-i >= 16 {
		lo, p := letterRun(text, i)
		if p < 8 {
			if !w.endsWord(text, i+p, p) {
				return 0, 0
			}
			return hashShort(lo&(1<<(8*p)-1), p), p
		}
		hi, p := letterRun(text, i+8)
		if p == 8 {
			return w.longWord(text, i)
		}
		n = 8 + p
		if !w.endsWord(text, i+n, n) {
			return 0, 0
		}
		if p == 0 {
			return hashShort(lo, 8), n
		}
		return hashPair(lo, hi&(1<<(8*p)-1), n), n
	}
	// Near the end of the text: byte by byte.
	for i+n < len(text) && byteClass[text[i+n]] == clAlpha && n < maxWord {
		w.buf[n] = text[i+n] | 0x20
		n++
	}
	if n == maxWord {
		return w.longWord(text, i)
	}
	if i+n < len(text) && !w.endsWord(text, i+n, n) {
		return 0, 0
	}
	return hashWord(w.buf[:n]), n
}

// skipSpace steps over a space at text[i], saving the commonest
// separator a trip through the main loop.
func skipSpace(text string, i int) int {
	if i < len(text) && text[i] == ' ' {
		return i + 1
	}
	return i
}

// digitRun returns the length of the plain number at text[i], up to 7
// digits not continued by letters, apostrophes, non-ASCII or a digit group
// ("1,000", "1.5"), or 0 when it needs the slow path.
func digitRun(text string, i int) int {
	if len(text)-i < 16 {
		return 0
	}
	x := loadWord(text, i)
	digits := (x + bytesFrom0) &^ (x + bytesPast9) &^ x & bytesHigh
	n := bits.TrailingZeros64(^digits&bytesHigh) >> 3
	if c := text[i+n]; n == 8 || !wordEnd[c] && c != '-' || byteClass[c] == clNumP && isDigit(text[i+n+1]) {
		return 0
	}
	return n
}

func loadWord(text string, i int) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(text[i:]), 8))
}

// letterRun loads text[i:i+8], lower-cased, and counts its leading ASCII
// letters.
func letterRun(text string, i int) (lower uint64, n int) {
	x := loadWord(text, i)
	l := x | bytesLower
	// Carries out of non-ASCII bytes only disturb bytes after them, which
	// lie past the first non-letter anyway.
	letters := (l + bytesFromA) &^ (l + bytesPastZ) &^ x & bytesHigh
	return l, bits.TrailingZeros64(^letters&bytesHigh) >> 3
}

// endsWord reports whether a word of n letters followed by text[j] is
// complete as it stands: text[j] ends a word of letters (letterWordEnds)
// and the word cannot be a unit after a number.
func (w *wordHasher) endsWord(text string, j, n int) bool {
	return letterWordEnds(text, j) && !(w.prevNum && n <= maxUnit)
}

// letterWordEnds reports whether a word of letters ends at text[j]: a
// hyphen at a line's end may break it across the line (see brokenWord),
// which the slow path decides.
func letterWordEnds(text string, j int) bool {
	c := text[j]
	return wordEnd[c] || c == '-' && j+1 < len(text) && text[j+1] != '\n' && text[j+1] != '\r'
}

// longWord hashes a word of 16 or more ASCII letters at text[i] like
// asciiWord.
func (w *wordHasher) longWord(text string, i int) (uint64, int) {
	j := i
	for j < len(text) && byteClass[text[j]] == clAlpha {
		j++
	}
	if j < len(text) && !letterWordEnds(text, j) {
		return 0, 0
	}
	m := min(j-i, maxWord)
	for k := range m {
		w.buf[k] = text[i+k] | 0x20
	}
	return hashWord(w.buf[:m]), j - i
}

// word records the hash of a word; callers add its length to bytes.
func (w *wordHasher) word(h uint64) {
	w.ws[w.nw&(wordBatch-1)] = h // never wraps: spill empties the buffer when full
	if w.nw++; w.nw == wordBatch {
		w.spill()
	}
}

// spill hands on the buffered words that are known to be kept.
func (w *wordHasher) spill() {
	if !w.lineShort() {
		w.lineLong = true
		w.consume(w.ws[:w.nw])
		w.nw, w.kept = 0, 0
		return
	}
	// The current line is still short, so it fills less than half the
	// buffer and the kept words before it the rest.
	w.consume(w.ws[:w.kept])
	w.nw = copy(w.ws[:], w.ws[w.kept:w.nw])
	w.kept = 0
}

// endLine drops the current line's words if it stayed short.
func (w *wordHasher) endLine() {
	if w.lineShort() {
		w.nw = w.kept
		w.runN = 0 // nor do its characters begin the next line's words
	}
	w.kept = w.nw
	w.lineLong, w.lineSpare = false, 0
}

// lineShort reports whether the current line has fewer than minLine
// words so far, a character of an unspaced script counting for the part
// of a word unspacedSpare leaves it.
func (w *wordHasher) lineShort() bool {
	return !w.lineLong && 4*(w.nw-w.kept)-w.lineSpare < 4*w.minLine
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
			if blankNext(text, i+1) {
				// A line before a blank one joins nothing, and its length
				// is never asked (the blank line resets it): most
				// paragraphs end so, and skip measuring.
				w.endLine()
				w.lineStart, w.prevLen, w.prevJoined, w.lineHigh = i+1, 0, false, false
				break
			}
			line := strings.TrimSpace(text[w.lineStart:i])
			cols := w.lineColumns(line)
			joined := wrapped(line, cols, text, i+1, w.prevLen, w.prevJoined)
			if !joined {
				w.endLine()
			}
			w.lineStart, w.prevLen, w.prevJoined, w.lineHigh = i+1, cols, joined, false
		case clAmp:
			return w.entity(text, i)
		case clLt:
			w.flush()
			return tagEnd(text, i)
		case clHyph:
			if j := brokenWord(text, i); j > 0 && w.n > 0 && !isDigit(w.buf[w.n-1]) {
				// The word goes on at j. For the short-line filter the two
				// lines are one; for the wrapping rules, the next line is
				// judged by its own length, the line before having gone
				// on into it.
				cols := w.lineColumns(strings.TrimSpace(text[w.lineStart : i+1]))
				w.lineStart = i + 1 + strings.IndexByte(text[i+1:j], '\n') + 1
				w.prevLen, w.prevJoined, w.lineHigh = cols, true, false
				return j
			}
			w.flush()
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
	w.lineHigh = true
	seg := text[i:j]
	if j-i == 3 && seg[0] == 0xe2 && seg[1] == 0x80 && inertPunct[seg[2]&0x3f] {
		// Curly quotes and dashes, the commonest non-ASCII in English news:
		// NFKC leaves them alone, so skip the normaliser.
		w.rune(rune(0x2000 | int(seg[2]&0x3f)))
		return j
	}
	nfkcStableOnce.Do(markNFKCStable)
	for seg != "" {
		n := nfkcSpan(seg, true)
		if k := separatorLen(seg[n:]); k > 0 {
			// A no-break space or an ellipsis ends the word without the
			// normaliser, whose two calls for the 13 in the seeds took
			// 0.17 of BenchmarkSketch's time. No rune composes with the
			// space or the full stops NFKC makes of it, so the stable
			// runes before it are left as they are: French puts a
			// no-break space inside its quotation marks and before its
			// colons ("«\u00a0oui\u00a0»").
			w.runes(seg[:n])
			w.flush()
			seg = seg[n+k:]
			continue
		}
		if n == len(seg) {
			w.runes(seg)
			break
		}
		// The stable runes but the last, which may compose with the
		// unstable one after it, need no normaliser; the piece from that
		// last one up to the next stable rune (a boundary: it combines
		// with nothing before it) is normalised alone.
		_, last := utf8.DecodeLastRuneInString(seg[:n])
		cut := n - last
		w.runes(seg[:cut])
		end := n + nfkcSpan(seg[n:], false)
		piece := seg[cut:end]
		if !norm.NFKC.IsNormalString(piece) {
			piece = norm.NFKC.String(piece) // may yield ASCII: "…" -> "...", "ﬁ" -> "fi"
		}
		w.runes(piece)
		seg = seg[end:]
	}
	return j
}

// separatorLen returns the length of the no-break space or ellipsis s
// opens with, 0 if none: NFKC makes them " " and "...", which end a word.
func separatorLen(s string) int {
	switch {
	case strings.HasPrefix(s, "\u00a0"):
		return 2
	case strings.HasPrefix(s, "\u2026"):
		return 3
	}
	return 0
}

// runes takes the runes of seg, normalised, into words.
func (w *wordHasher) runes(seg string) {
	for k := 0; k < len(seg); {
		if seg[k] < utf8.RuneSelf {
			k = w.step(seg, k)
			continue
		}
		r, size := utf8.DecodeRuneInString(seg[k:])
		w.rune(r)
		k += size
	}
}

// lineColumns is the length in characters of the current line (trimmed):
// its bytes, unless it holds non-ASCII.
func (w *wordHasher) lineColumns(line string) int {
	if w.lineHigh {
		return columns(line)
	}
	return len(line)
}

// blankNext reports whether the line starting at text[from] is blank (ASCII
// blanks only; a line blank with other spaces takes the measured path) or
// there is none.
func blankNext(text string, from int) bool {
	for j := from; j < len(text); j++ {
		switch text[j] {
		case '\n':
			return true
		case ' ', '\t', '\r', '\v', '\f':
		default:
			return false
		}
	}
	return true
}

// maxTag is the longest HTML tag skipped as one separator.
const maxTag = 256

// tagEnd returns where the HTML tag opening at text[i] ('<' then a letter,
// '/' or '!') ends, past its '>', when that comes within maxTag bytes on
// the same line and before another '<'; else i+1, '<' being a separator
// like any other. Scrapers leave tags in text ("<p>", "<br>", a link with
// its address): read as text, "p", "br" and the address's words were
// words, and 51 of 2,225 BBC articles with their paragraphs left in "<p>"
// stayed apart from their originals (72 arriving first; bench-neardup
// -shapes).
func tagEnd(text string, i int) int {
	if i+1 >= len(text) {
		return i + 1
	}
	if c := text[i+1]; c != '/' && c != '!' && byteClass[c] != clAlpha {
		return i + 1
	}
	for j := i + 1; j < len(text) && j-i <= maxTag; j++ {
		switch text[j] {
		case '>':
			return j + 1
		case '<', '\n':
			return i + 1
		}
	}
	return i + 1
}

// maxEntity is the longest HTML entity decoded ("&thetasym;" is 10 bytes).
const maxEntity = 12

// entity reads an HTML character reference at text[i] (which is '&') as
// the character it stands for, so "it&#8217;s", "it&rsquo;s" and "it’s"
// are one word and "&amp;" is a separator, not the word "amp" (unless
// it opens a reference escaped twice: "&amp;#8217;" is "&#8217;").
// Anything else starting with '&' just ends the word. It returns the next
// position.
func (w *wordHasher) entity(text string, i int) int {
	j := i + 1
	for j < len(text) && j-i < maxEntity && (byteClass[text[j]] == clAlpha || byteClass[text[j]] == clDigit || text[j] == '#') {
		j++
	}
	if j == i+1 || j == len(text) || text[j] != ';' {
		w.flush()
		return i + 1
	}
	// UnescapeString also reads a known prefix ("&notit;" as "¬it;"): a
	// reference counts only when the name is one whole.
	dec := html.UnescapeString(text[i : j+1])
	if dec == text[i:j+1] || utf8.RuneCountInString(dec) > 2 || dec != ";" && strings.HasSuffix(dec, ";") {
		w.flush()
		return i + 1
	}
	if dec == "&" && j+1 < len(text) {
		// Escaped twice ("it&amp;#8217;s", as feeds and scrapers leave
		// text): the reference the "&amp;" opens is read as one. Read as
		// a separator and a number, it kept 289 of 2,225 BBC articles
		// apart from their originals (bench-neardup -shapes).
		if n := w.entity("&"+text[j+1:min(len(text), j+1+maxEntity)], 0); n > 1 {
			return j + n
		}
	}
	for k := 0; k < len(dec); {
		switch c := dec[k]; {
		case c == '&' || c == '\n':
			w.flush() // never a second reference or a line break
			k++
		default:
			k = w.step(dec, k)
		}
	}
	return j + 1
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
	if w.prevNum && !isNum && len(word) <= maxUnit {
		if u, ok := unitWords[string(word)]; ok {
			word = append(w.buf[:0], u...)
		}
	}
	w.word(hashWord(word))
	w.bytes += len(word) + 1
	w.prevNum = isNum
}

// hashWord hashes one word. Words of up to 16 bytes, nearly all, are
// loaded as one or two masked 64-bit words and hashed with XXH64's rounds
// and avalanche (hashShort, hashPair); longer ones go through xxhash.Sum64.
// The fast path in asciiWord computes the same values from its loads.
func hashWord(b []byte) uint64 {
	switch {
	case len(b) <= 8:
		return hashShort(loadShort(b), len(b))
	case len(b) <= 16:
		return hashPair(loadShort(b[:8]), loadShort(b[8:]), len(b))
	}
	return xxhash.Sum64(b)
}

// loadShort reads up to 8 bytes as a little-endian word.
func loadShort(b []byte) uint64 {
	var v uint64
	for i := len(b) - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v
}

// hashPair is XXH64 over two 8-byte lanes, the second zero-padded: equal
// to xxhash.Sum64 for 16-byte words.
func hashPair(a, b uint64, n int) uint64 {
	h := prime5 + uint64(n)
	h ^= bits.RotateLeft64(a*prime2, 31) * prime1
	h = bits.RotateLeft64(h, 27)*prime1 + prime4
	h ^= bits.RotateLeft64(b*prime2, 31) * prime1
	h = bits.RotateLeft64(h, 27)*prime1 + prime4
	return avalanche(h)
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
