package docio

import (
	"bytes"
	"math/bits"
	"unicode/utf8"
	"unsafe"
)

// Field is an extra output field; Value is encoded JSON.
type Field struct {
	Key   string
	Value []byte
}

// edit replaces rec[start:end] by the encoded value of either text or an
// extra field.
type edit struct {
	start, end int
	isText     bool
	value      []byte
	extra      int // the index of the extra field whose value this is
}

// Span is where a value lies in an appended record: dst[Start:End].
type Span struct{ Start, End int }

// AppendJSON appends d's output record and a newline to dst: the input
// record with only the text field's value replaced by text (byte-identical
// when text is unchanged and was valid UTF-8) and extra fields added, or
// {"id","text"} for whole-file documents. An extra whose key the record already has
// replaces that value in place (the first occurrence, like the text
// field); an extra named like the text field is ignored.
func (d *Doc) AppendJSON(dst []byte, text string, extra ...Field) []byte {
	return d.AppendJSONSpans(dst, text, nil, extra...)
}

// AppendJSONSpans is AppendJSON that also says where each extra field's
// value went: spans[i] for extra[i] (spans must be as long), or {-1, -1}
// for one not written. A caller can then change a value it wrote
// without decoding the record again.
func (d *Doc) AppendJSONSpans(dst []byte, text string, spans []Span, extra ...Field) []byte {
	for i := range spans {
		spans[i] = Span{-1, -1}
	}
	if d.rec == nil {
		return d.appendWholeFile(dst, text, extra, spans)
	}
	var buf [4]edit
	edits := buf[:0]
	if d.text >= 0 {
		m := &d.members[d.text]
		edits = append(edits, edit{start: m.valStart, end: m.valEnd, isText: true})
	}
	for x, f := range extra {
		if i := d.member(f.Key); i >= 0 && f.Key != d.textField {
			m := &d.members[i]
			edits = insertEdit(edits, edit{start: m.valStart, end: m.valEnd, value: f.Value, extra: x})
		}
	}
	// Fields the record lacks go right after its last member, so any
	// whitespace before the closing brace stays where it was.
	tail, sep := 1, ""
	if n := d.top; n > 0 {
		tail, sep = d.members[n-1].valEnd, ","
	}
	rec := d.rec
	at := 0
	for _, e := range edits {
		dst = append(dst, rec[at:e.start]...)
		if !e.isText {
			dst = append(dst, e.value...)
			setSpan(spans, e.extra, len(dst)-len(e.value), len(dst))
		} else if text == d.Text && !d.textRepaired {
			dst = append(dst, rec[e.start:e.end]...)
		} else if raw, ok := d.rawText(text); ok {
			dst = append(append(append(dst, '"'), raw...), '"')
		} else {
			dst = AppendString(dst, text)
		}
		at = e.end
	}
	dst = append(dst, rec[at:tail]...)
	if d.text < 0 {
		dst = appendField(dst, sep, d.textField, nil, text)
		sep = ","
	}
	for x, f := range extra {
		if d.member(f.Key) < 0 && f.Key != d.textField {
			dst = appendField(dst, sep, f.Key, f.Value, "")
			setSpan(spans, x, len(dst)-len(f.Value), len(dst))
			sep = ","
		}
	}
	dst = append(dst, rec[tail:]...)
	return append(dst, '\n')
}

// rawText returns the raw bytes in the record of text when text is a part
// of d.Text (stripping most often keeps one run of lines, returned as a
// part of the text) and AppendString would write it as those bytes: the
// raw text is valid UTF-8, the part whole characters without U+2028 or
// U+2029, and the escapes up to the part's end ones AppendString writes (\" \\ \n \r \t \b \f, not \/
// or \u). A copy of the raw bytes costs a jump per escape where
// AppendString tests every eight bytes and appends each escape.
func (d *Doc) rawText(text string) ([]byte, bool) {
	if d.text < 0 || d.textRepaired || text == "" || d.Text == "" {
		return nil, false
	}
	from := int(uintptr(unsafe.Pointer(unsafe.StringData(text))) - uintptr(unsafe.Pointer(unsafe.StringData(d.Text))))
	if from < 0 || from > len(d.Text)-len(text) {
		return nil, false
	}
	m := &d.members[d.text]
	raw := d.rec[m.valStart+1 : m.valEnd-1]
	start, end, ok := rawSpan(raw, from, from+len(text))
	if !ok {
		return nil, false
	}
	span := raw[start:end]
	if m.valFlags&strHigh != 0 {
		// Whole characters only (AppendString writes a cut one as
		// U+FFFD), and none that it escapes.
		if !utf8.RuneStart(span[0]) || end < len(raw) && !utf8.RuneStart(raw[end]) ||
			bytes.Contains(span, lineSep) || bytes.Contains(span, paraSep) {
			return nil, false
		}
	}
	return span, true
}

var lineSep, paraSep = []byte("\u2028"), []byte("\u2029")

// rawSpan returns where in raw, a JSON string's body, are the bytes that
// decode to its value's bytes from:to, if every escape before to is one
// of the escapes AppendString writes, each of which decodes to one byte.
func rawSpan(raw []byte, from, to int) (start, end int, ok bool) {
	start = -1
	for dec, at := 0, 0; ; dec, at = dec+1, at+2 {
		// raw[at:at+run] decodes to itself at dec, then comes an escape.
		run := bytes.IndexByte(raw[at:], '\\')
		if run < 0 {
			run = len(raw) - at
		}
		if start < 0 && from <= dec+run {
			start = at + from - dec
		}
		if to <= dec+run {
			return start, at + to - dec, true
		}
		dec, at = dec+run, at+run
		switch raw[at+1] {
		case '"', '\\', 'n', 'r', 't', 'b', 'f':
		default:
			return 0, 0, false
		}
	}
}

// insertEdit inserts e into edits, kept in record order; a second edit of
// the same value is dropped.
func insertEdit(edits []edit, e edit) []edit {
	i := len(edits)
	for i > 0 && edits[i-1].start >= e.start {
		if edits[i-1].start == e.start {
			return edits
		}
		i--
	}
	edits = append(edits, edit{})
	copy(edits[i+1:], edits[i:])
	edits[i] = e
	return edits
}

// member returns the index of the first top-level member named key, or -1.
func (d *Doc) member(key string) int {
	for i := range d.members[:d.top] {
		if d.members[i].keyIs(d.rec, key) {
			return i
		}
	}
	return -1
}

// appendField appends sep, the key and either value (encoded JSON) or,
// when value is nil, text as a string.
func appendField(dst []byte, sep, key string, value []byte, text string) []byte {
	dst = append(dst, sep...)
	dst = AppendString(dst, key)
	dst = append(dst, ':')
	if value == nil {
		return AppendString(dst, text)
	}
	return append(dst, value...)
}

// setSpan records in spans, if given, where extra field x's value went.
func setSpan(spans []Span, x, start, end int) {
	if spans != nil {
		spans[x] = Span{start, end}
	}
}

func (d *Doc) appendWholeFile(dst []byte, text string, extra []Field, spans []Span) []byte {
	idField, textField := d.idField, d.textField
	if idField == "" { // a Doc not made by a Reader
		idField, textField = "id", "text"
	}
	dst = append(dst, '{')
	dst = appendField(dst, "", idField, nil, d.ID)
	for _, f := range d.fileFields {
		dst = appendField(dst, ",", f.Key, f.Value, "")
	}
	dst = appendField(dst, ",", textField, nil, text)
	for x, f := range extra {
		if f.Key != idField && f.Key != textField && !d.isFileField(f.Key) {
			dst = appendField(dst, ",", f.Key, f.Value, "")
			setSpan(spans, x, len(dst)-len(f.Value), len(dst))
		}
	}
	return append(dst, '}', '\n')
}

// AppendString appends s as a JSON string: quotes, backslashes and control
// characters are escaped, as are U+2028 and U+2029 (line separators to
// JavaScript); other UTF-8 is kept as is and each invalid byte becomes
// U+FFFD.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0 // s[start:i] is pending, to be copied as is
	for i := 0; i < len(s); {
		// Skip eight plain ASCII bytes at a time.
		for len(s)-i >= 8 {
			x := le64(s[i:])
			if m := specialMask(x) | x&msb; m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			dst = appendEscape(dst, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, "\uFFFD"...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\u202`...)
			dst = append(dst, hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// le64 loads the first eight bytes of s as a little-endian word; the
// compiler merges the byte loads into one.
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

const hexDigits = "0123456789abcdef"

// appendEscape appends the escape sequence of an ASCII byte that needs one.
func appendEscape(dst []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}
