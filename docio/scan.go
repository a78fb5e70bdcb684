package docio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// maxDepth bounds the nesting of arrays and objects in a record. The
// scanner is iterative, so this is a limit on hostile input rather than
// a guard against stack overflow; it matches encoding/json's.
const maxDepth = 10000

// String flags recorded by the scanner so decoding can skip work.
const (
	strEscaped = 1 << iota // contains a backslash escape
	strHigh                // contains a byte >= 0x80 (may be invalid UTF-8)
	strLone                // contains a lone surrogate escape (\ud800), which decodes to U+FFFD
)

// member is one top-level "key": value pair of a record, as byte offsets
// into the record. Key spans exclude the quotes; value spans are the
// value's exact bytes (a string value includes its quotes).
type member struct {
	keyStart, keyEnd int
	valStart, valEnd int
	keyFlags         uint8
	valFlags         uint8 // string flags when the value is a string
}

// isString reports whether the member's value is a JSON string.
func (m *member) isString(rec []byte) bool { return rec[m.valStart] == '"' }

// scanner validates JSON records and records their top-level members.
// Its buffers are reused from record to record.
type scanner struct {
	members []member
	stack   []byte // open containers below the top-level object: '[' or '{'
}

// syntaxError describes invalid JSON at a byte offset of the record.
type syntaxError struct {
	msg string
	off int
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at byte %d: %s", e.off+1, e.msg)
}

func errAt(off int, format string, args ...any) error {
	return &syntaxError{msg: fmt.Sprintf(format, args...), off: off}
}

// unexpected describes the byte at rec[i] (or the end of the record).
func unexpected(rec []byte, i int, want string) error {
	if i >= len(rec) {
		return errAt(i, "unexpected end of record, want %s", want)
	}
	return errAt(i, "unexpected %s, want %s", quoteByte(rec[i]), want)
}

func quoteByte(c byte) string {
	if c < utf8.RuneSelf {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// isSpace reports JSON whitespace (RFC 8259: space, tab, LF, CR).
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(rec []byte, i int) int {
	for i < len(rec) && isSpace(rec[i]) {
		i++
	}
	return i
}

// scanRecord validates rec, which must be exactly one JSON object with no
// surrounding whitespace, and returns its top-level members in s.members.
func (s *scanner) scanRecord(rec []byte) error {
	s.members = s.members[:0]
	s.stack = s.stack[:0]
	if len(rec) == 0 || rec[0] != '{' {
		if len(rec) == 0 {
			return errAt(0, "empty record")
		}
		return errAt(0, "record is not a JSON object (starts with %s)", quoteByte(rec[0]))
	}
	i := skipSpace(rec, 1)
	if i < len(rec) && rec[i] == '}' {
		i++
	} else {
		for {
			if i >= len(rec) || rec[i] != '"' {
				return unexpected(rec, i, "a string key")
			}
			var m member
			m.keyStart = i + 1
			end, flags, err := scanString(rec, i)
			if err != nil {
				return err
			}
			m.keyEnd, m.keyFlags = end-1, flags
			i = skipSpace(rec, end)
			if i >= len(rec) || rec[i] != ':' {
				return unexpected(rec, i, "':'")
			}
			i = skipSpace(rec, i+1)
			m.valStart = i
			if i < len(rec) && rec[i] == '"' {
				i, m.valFlags, err = scanString(rec, i)
			} else {
				i, err = s.scanValue(rec, i)
			}
			if err != nil {
				return err
			}
			m.valEnd = i
			s.members = append(s.members, m)
			i = skipSpace(rec, i)
			if i < len(rec) && rec[i] == ',' {
				i = skipSpace(rec, i+1)
				continue
			}
			if i < len(rec) && rec[i] == '}' {
				i++
				break
			}
			return unexpected(rec, i, "',' or '}'")
		}
	}
	if i != len(rec) {
		return errAt(i, "unexpected data after the object")
	}
	return nil
}

// scanValue validates the value starting at rec[i] and returns the offset
// just past it. Nested containers are tracked on s.stack, not the Go
// stack.
func (s *scanner) scanValue(rec []byte, i int) (int, error) {
	base := len(s.stack)
	for {
		// Here a value is expected at rec[i] (whitespace already skipped).
		if i >= len(rec) {
			return i, unexpected(rec, i, "a value")
		}
		switch c := rec[i]; {
		case c == '"':
			end, _, err := scanString(rec, i)
			if err != nil {
				return i, err
			}
			i = end
		case c == '{' || c == '[':
			if len(s.stack) >= maxDepth-1 {
				return i, errAt(i, "nesting deeper than %d", maxDepth)
			}
			s.stack = append(s.stack, c)
			i = skipSpace(rec, i+1)
			if c == '{' {
				if i < len(rec) && rec[i] == '}' {
					s.stack = s.stack[:len(s.stack)-1]
					i++
					break
				}
				var err error
				if i, err = scanKey(rec, i); err != nil {
					return i, err
				}
				continue
			}
			if i < len(rec) && rec[i] == ']' {
				s.stack = s.stack[:len(s.stack)-1]
				i++
				break
			}
			continue
		case c == '-' || (c >= '0' && c <= '9'):
			end, err := scanNumber(rec, i)
			if err != nil {
				return i, err
			}
			i = end
		case c == 't':
			if !hasLiteral(rec, i, "true") {
				return i, unexpected(rec, i, "a value")
			}
			i += 4
		case c == 'f':
			if !hasLiteral(rec, i, "false") {
				return i, unexpected(rec, i, "a value")
			}
			i += 5
		case c == 'n':
			if !hasLiteral(rec, i, "null") {
				return i, unexpected(rec, i, "a value")
			}
			i += 4
		default:
			return i, unexpected(rec, i, "a value")
		}
		// A value ended: close containers until another value is due.
		for {
			if len(s.stack) == base {
				return i, nil
			}
			i = skipSpace(rec, i)
			top := s.stack[len(s.stack)-1]
			closer := byte(']')
			if top == '{' {
				closer = '}'
			}
			if i < len(rec) && rec[i] == ',' {
				i = skipSpace(rec, i+1)
				if top == '{' {
					var err error
					if i, err = scanKey(rec, i); err != nil {
						return i, err
					}
				}
				break
			}
			if i < len(rec) && rec[i] == closer {
				s.stack = s.stack[:len(s.stack)-1]
				i++
				continue
			}
			return i, unexpected(rec, i, fmt.Sprintf("',' or %q", closer))
		}
	}
}

// objectMember returns the first member named key of the object whose
// '{' is at rec[i], in a record scanRecord has validated; its offsets are
// into rec.
func (s *scanner) objectMember(rec []byte, i int, key string) (member, bool) {
	i = skipSpace(rec, i+1)
	for i < len(rec) && rec[i] == '"' {
		var m member
		end, flags, _ := scanString(rec, i)
		m.keyStart, m.keyEnd, m.keyFlags = i+1, end-1, flags
		i = skipSpace(rec, skipSpace(rec, end)+1) // past the ':'
		m.valStart = i
		if rec[i] == '"' {
			i, m.valFlags, _ = scanString(rec, i)
		} else {
			i, _ = s.scanValue(rec, i)
		}
		m.valEnd = i
		if m.keyIs(rec, key) {
			return m, true
		}
		if i = skipSpace(rec, i); i < len(rec) && rec[i] == ',' {
			i = skipSpace(rec, i+1)
		}
	}
	return member{}, false
}

// scanKey validates `"key" :` at rec[i] inside a nested object and returns
// the offset of the value that follows.
func scanKey(rec []byte, i int) (int, error) {
	if i >= len(rec) || rec[i] != '"' {
		return i, unexpected(rec, i, "a string key")
	}
	end, _, err := scanString(rec, i)
	if err != nil {
		return i, err
	}
	i = skipSpace(rec, end)
	if i >= len(rec) || rec[i] != ':' {
		return i, unexpected(rec, i, "':'")
	}
	return skipSpace(rec, i+1), nil
}

func hasLiteral(rec []byte, i int, lit string) bool {
	return len(rec)-i >= len(lit) && string(rec[i:i+len(lit)]) == lit
}

// scanNumber validates an RFC 8259 number at rec[i]:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func scanNumber(rec []byte, i int) (int, error) {
	start := i
	if rec[i] == '-' {
		i++
	}
	switch {
	case i < len(rec) && rec[i] == '0':
		i++
	case i < len(rec) && rec[i] >= '1' && rec[i] <= '9':
		i = skipDigits(rec, i+1)
	default:
		return start, unexpected(rec, i, "a digit")
	}
	if i < len(rec) && rec[i] == '.' {
		j := skipDigits(rec, i+1)
		if j == i+1 {
			return start, unexpected(rec, j, "a digit")
		}
		i = j
	}
	if i < len(rec) && (rec[i] == 'e' || rec[i] == 'E') {
		i++
		if i < len(rec) && (rec[i] == '+' || rec[i] == '-') {
			i++
		}
		j := skipDigits(rec, i)
		if j == i {
			return start, unexpected(rec, j, "a digit")
		}
		i = j
	}
	return i, nil
}

func skipDigits(rec []byte, i int) int {
	for i < len(rec) && rec[i] >= '0' && rec[i] <= '9' {
		i++
	}
	return i
}

// SWAR constants: one byte value repeated across a 64-bit word.
const (
	lsb   = 0x0101010101010101
	msb   = 0x8080808080808080
	quote = '"' * lsb
	bslsh = '\\' * lsb
	space = 0x20 * lsb
)

// specialMask has the high bit set in each byte of x (little-endian) that
// is '"', '\\' or a control character. Bits above the lowest set one may
// be false positives (borrows), so only the lowest is meaningful.
func specialMask(x uint64) uint64 {
	q := x ^ quote
	b := x ^ bslsh
	return ((q-lsb)&^q | (b-lsb)&^b | (x-space)&^x) & msb
}

// scanString validates the JSON string whose opening quote is at rec[i]
// and returns the offset just past its closing quote and its flags.
func scanString(rec []byte, i int) (end int, flags uint8, err error) {
	if end, flags, ok := scanLong(rec, i); ok {
		return end, flags, nil
	}
	return scanShort(rec, i)
}

// scanShort is scanString for any string: it examines eight bytes at a
// time and stops at the first fault, which it reports.
func scanShort(rec []byte, i int) (end int, flags uint8, err error) {
	start := i
	i++
	var high uint64
	for {
		for len(rec)-i >= 8 {
			x := binary.LittleEndian.Uint64(rec[i:])
			high |= x
			if m := specialMask(x); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		// Byte at a time near the end of the record or at a special byte.
		for ; i < len(rec); i++ {
			c := rec[i]
			if c == '"' || c == '\\' || c < 0x20 {
				break
			}
			high |= uint64(c)
		}
		if i >= len(rec) {
			return start, 0, errAt(start, "unterminated string")
		}
		switch c := rec[i]; {
		case c == '"':
			if high&msb != 0 {
				flags |= strHigh
			}
			return i + 1, flags, nil
		case c < 0x20:
			return start, 0, errAt(i, "control character %s in string", quoteByte(c))
		}
		flags |= strEscaped
		if i+1 >= len(rec) {
			return start, 0, errAt(start, "unterminated string")
		}
		next, lone, err := escape(rec, i)
		if err != nil {
			return start, 0, err
		}
		if lone {
			flags |= strLone
		}
		i = next
	}
}

// minLong is the length from which scanLong reads a string: news texts
// are mostly long runs of plain bytes between escaped line breaks.
const minLong = 64

// scanLong is scanString for a valid string of at least minLong bytes
// to its first quote; ok is false for any other, which scanShort then
// reads. It finds the quotes and backslashes with bytes.IndexByte,
// which tests 32 bytes an instruction, and the control characters and
// high bytes in one pass of a test per eight bytes, where scanShort
// tests every eight bytes for all three at once.
func scanLong(rec []byte, i int) (end int, flags uint8, ok bool) {
	start := i + 1
	q := bytes.IndexByte(rec[start:], '"')
	if q < minLong {
		return 0, 0, false
	}
	q += start
	for p := start; ; {
		b := bytes.IndexByte(rec[p:q], '\\')
		if b < 0 {
			break
		}
		flags |= strEscaped
		next, lone, err := escape(rec, p+b)
		if err != nil {
			return 0, 0, false
		}
		if lone {
			flags |= strLone
		}
		if p = next; p > q { // the quote was escaped
			n := bytes.IndexByte(rec[p:], '"')
			if n < 0 {
				return 0, 0, false
			}
			q = p + n
		}
	}
	control, high := controlsAndHigh(rec[start:q])
	if control {
		return 0, 0, false
	}
	if high {
		flags |= strHigh
	}
	return q + 1, flags, true
}

// controlsAndHigh reports whether b holds a control character and
// whether it holds a byte >= 0x80, 32 bytes an iteration.
func controlsAndHigh(b []byte) (control, high bool) {
	var c, h uint64
	for ; len(b) >= 32; b = b[32:] {
		x0 := binary.LittleEndian.Uint64(b)
		x1 := binary.LittleEndian.Uint64(b[8:])
		x2 := binary.LittleEndian.Uint64(b[16:])
		x3 := binary.LittleEndian.Uint64(b[24:])
		h |= x0 | x1 | x2 | x3
		// A byte below 0x20 borrows; a borrow from a byte above it
		// shows only bytes after one that is.
		c |= (x0-space)&^x0 | (x1-space)&^x1 | (x2-space)&^x2 | (x3-space)&^x3
	}
	for ; len(b) >= 8; b = b[8:] {
		x := binary.LittleEndian.Uint64(b)
		h |= x
		c |= (x - space) &^ x
	}
	for _, x := range b {
		h |= uint64(x)
		if x < 0x20 {
			c |= msb
		}
	}
	return c&msb != 0, h&msb != 0
}

// escape validates the backslash escape at rec[i], which is not the
// record's last byte, and returns the offset past it; lone reports a \u escape of a surrogate not paired as
// appendUnescaped pairs them (a high surrogate and a low one right after
// it), which decodes to U+FFFD.
func escape(rec []byte, i int) (next int, lone bool, err error) {
	switch rec[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 2, false, nil
	case 'u':
		r, ok := hex4(rec, i+2)
		if !ok {
			return 0, false, errAt(i, "invalid \\u escape")
		}
		i += 6
		if !utf16.IsSurrogate(r) {
			return i, false, nil
		}
		if r2, ok := hex4(rec, i+2); ok && rec[i] == '\\' && rec[i+1] == 'u' && utf16.DecodeRune(r, r2) != utf8.RuneError {
			return i + 6, false, nil
		}
		return i, true, nil
	}
	return 0, false, errAt(i, "invalid escape %s", quoteByte(rec[i+1]))
}

// hex4 decodes the four hex digits at rec[i:].
func hex4(rec []byte, i int) (rune, bool) {
	if len(rec)-i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range rec[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// isPlain reports whether the string body raw, with scanner flags, is its
// own value: no escapes and valid UTF-8.
func isPlain(raw []byte, flags uint8) bool {
	return flags&strEscaped == 0 && (flags&strHigh == 0 || utf8.Valid(raw))
}

// decodeString returns the value of a JSON string already validated by
// scanString; raw excludes the quotes and must not be modified afterwards.
// When raw is plain the result shares its memory (no copy).
func decodeString(raw []byte, flags uint8) string {
	if isPlain(raw, flags) {
		return unsafe.String(unsafe.SliceData(raw), len(raw))
	}
	return decodeNew(raw, flags, nil)
}

// decodeNew decodes raw into a new string; ends, if not nil, gets where
// its line breaks are (appendDecoded).
func decodeNew(raw []byte, flags uint8, ends *[]int) string {
	dst := appendDecoded(make([]byte, 0, len(raw)+8), raw, flags, ends)
	return unsafe.String(unsafe.SliceData(dst), len(dst))
}

// decodeInPlace is decodeString for a raw that may be overwritten: when
// raw is valid UTF-8 it decodes over raw itself, as no escape decodes to
// more bytes than it takes, so the writes never overtake the reads. Only
// invalid bytes (each becomes the 3-byte U+FFFD) take a new string. ends,
// if not nil, gets where the value's line breaks are (none without an
// escape: a JSON string holds no raw line break).
func decodeInPlace(raw []byte, flags uint8, ends *[]int) string {
	switch {
	case flags&strEscaped == 0:
		return decodeString(raw, flags)
	case flags&strHigh != 0 && !utf8.Valid(raw):
		return decodeNew(raw, flags, ends)
	}
	dst := appendDecoded(raw[:0], raw, flags&^strHigh, ends) // valid: no run needs repair
	return unsafe.String(unsafe.SliceData(dst), len(dst))
}

// appendDecoded appends the value of the string body raw to dst. Invalid
// UTF-8 bytes and lone surrogate escapes become U+FFFD, one per byte or
// escape, as encoding/json does. ends, if not nil, gets the offset in
// what is appended of each line break ('\n', from \n or \u000a: no
// other escape, run or repair yields the byte).
func appendDecoded(dst, raw []byte, flags uint8, ends *[]int) []byte {
	base := len(dst)
	high := flags&strHigh != 0
	for len(raw) > 0 {
		// Copy the run up to the next escape in one go; texts escape
		// little more than their newlines.
		i := bytes.IndexByte(raw, '\\')
		if i < 0 {
			i = len(raw)
		}
		if run := raw[:i]; !high || utf8.Valid(run) {
			dst = append(dst, run...)
		} else {
			dst = appendValidUTF8(dst, run)
		}
		raw = raw[i:]
		if len(raw) > 0 {
			if dst, raw = appendUnescaped(dst, raw); ends != nil && dst[len(dst)-1] == '\n' {
				*ends = append(*ends, len(dst)-1-base)
			}
		}
	}
	return dst
}

// appendValidUTF8 appends b with each invalid byte replaced by U+FFFD.
func appendValidUTF8(dst, b []byte) []byte {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			dst = utf8.AppendRune(dst, r)
		} else {
			dst = append(dst, b[:size]...)
		}
		b = b[size:]
	}
	return dst
}

// appendUnescaped appends the character of the validated escape sequence at
// the start of raw and returns the rest of raw.
func appendUnescaped(dst, raw []byte) ([]byte, []byte) {
	c := raw[1]
	switch c {
	case 'b':
		c = '\b'
	case 'f':
		c = '\f'
	case 'n':
		c = '\n'
	case 'r':
		c = '\r'
	case 't':
		c = '\t'
	case 'u':
		r, _ := hex4(raw, 2)
		raw = raw[6:]
		if utf16.IsSurrogate(r) {
			r2, ok := rune(0), false
			if len(raw) >= 6 && raw[0] == '\\' && raw[1] == 'u' {
				r2, ok = hex4(raw, 2)
			}
			if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
				r = dec
				raw = raw[6:]
			} else {
				r = utf8.RuneError
			}
		}
		return utf8.AppendRune(dst, r), raw
	}
	return append(dst, c), raw[2:] // '"', '\\', '/' stand for themselves
}

// keyIs reports whether member m's key equals name.
func (m *member) keyIs(rec []byte, name string) bool {
	key := rec[m.keyStart:m.keyEnd]
	if m.keyFlags&strEscaped == 0 {
		return string(key) == name
	}
	return decodeString(key, m.keyFlags) == name
}
