package docio

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// DefaultMaxDocBytes is the default --max-doc-bytes.
const DefaultMaxDocBytes = 256 << 20

// Options says how to read records.
type Options struct {
	Format      Format // FormatAuto: from the name; standard input is JSON Lines
	TextField   string // default "text"
	IDField     string // default "id"
	HTMLField   string // default "html": used when a record has no text field
	SiteField   string // default "url": its host groups documents by site
	MaxDocBytes int    // a larger document is a data error; 0 means DefaultMaxDocBytes
	// KeepSkipped keeps the WARC records that are not documents, for
	// Reader.TakeSkipped (for the rejects).
	KeepSkipped bool
	// ParquetRows keeps each Parquet row's values with its document, for
	// a Parquet output (ParquetOutput.WriteDoc); without it a document
	// holds only its record, and a row group is freed once its documents
	// are written.
	ParquetRows bool
	// Encoding is text files' character encoding; nil detects it
	// (decodeText). JSON Lines are UTF-8 by definition; HTML pages say
	// their own.
	Encoding encoding.Encoding
}

// withDefaults fills in the zero fields of o.
func (o Options) withDefaults() Options {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&o.TextField, "text")
	def(&o.IDField, "id")
	def(&o.HTMLField, "html")
	def(&o.SiteField, "url")
	if o.MaxDocBytes <= 0 {
		o.MaxDocBytes = DefaultMaxDocBytes
	}
	return o
}

// Doc is one input document.
type Doc struct {
	Source string // path as given, "-" for standard input
	Line   int    // 1-based line of a JSON Lines record; 0 for whole-file documents
	ID     string // the id field, the path for whole files, or SOURCE:LINE
	Text   string // text to clean; empty when HTML holds the page instead
	HTML   []byte // a page whose main text must be extracted first; read-only (may share memory with the record)
	// Site groups documents for corpus-level repetition: the host of the
	// record's url field, else the host an HTML page names in its head
	// (canonical link, og:url, <base href>), else the JSON Lines file, or
	// the directory of a text or HTML file.
	Site  string
	Bytes int   // size of the document as read (a line without its \n or \r\n)
	Err   error // a data error (malformed record, too large), wrapping a *Reject: counted, not processed
	// Offset is, for a data error of JSON Lines, where its line starts in
	// the input (decompressed), so that a line too long to hold (Raw is
	// nil) can be read again.
	Offset int64
	// LineEnds, when not nil, holds where Text's line breaks ('\n') are,
	// found while its escapes were decoded (a JSON Lines record's text):
	// a caller may cut Text into lines by it instead of looking for them
	// again. Read-only: it may share memory with other documents'.
	LineEnds []int

	rec       []byte   // the JSON record, owned by the Doc; nil for whole files
	members   []member // top-level members of rec, then nested fields found by path
	top       int      // members[:top] are the top-level ones
	text      int      // index in members of the text field, or -1
	textField string
	idField   string
	// fileFields are written after the id of a whole-file document (a
	// WARC record's url and date).
	fileFields []Field
	pq         *parquetRow // a row read from Parquet, for Parquet output
	warcReject *WARCReject // a WARC record rejected, for the rejects
	// textRepaired: the text's raw bytes held invalid UTF-8 or a lone
	// surrogate escape, so even an unchanged text is written re-encoded,
	// never as the invalid bytes.
	textRepaired bool
}

// Reasons a record is rejected (Reject.Reason).
const (
	ReasonInvalidJSON   = "invalid_json"    // not a JSON object
	ReasonTooLarge      = "too_large"       // over Options.MaxDocBytes
	ReasonNoTextField   = "no_text_field"   // neither the text nor the HTML field
	ReasonTextNotString = "text_not_string" // the text (or HTML) field is not a string
)

// Reject is why a document is a data error: Doc.Err wraps one, so that
// errors.As finds the reason to count it by.
type Reject struct {
	Reason string
	Err    error
}

func (e *Reject) Error() string { return e.Err.Error() }
func (e *Reject) Unwrap() error { return e.Err }

// Raw returns a record's bytes as read: for a data error the whole line
// without its line end (nil for a line over MaxDocBytes, which is never
// held: Offset says where to read it again), otherwise the record without
// the white space around it. It is nil for whole files, which stay where
// they are, and for documents read with NextText.
func (d *Doc) Raw() []byte { return d.rec }

// Reader reads the documents of one input.
type Reader struct {
	src  io.Reader
	in   Input
	opts Options
	sc   scanner

	// paths: a field name holds a dot, so may be a path to a nested
	// member (content.body); top is the count of the record's top-level
	// members, which fields then follows with the nested ones it found.
	paths bool
	top   int

	buf  []byte // buf[r:w] is read but not yet consumed
	r, w int
	line int
	eof  bool // src returned io.EOF
	err  error
	done bool  // a whole-file input has been returned
	view Doc   // what NextText returns
	ends []int // the line ends of the text decoded last
	// kept holds the line ends of the documents Next returned, a chunk
	// at a time, so that a document's cost no allocation of their own.
	kept []int
	warc *warcState
	pq   *parquetState

	// base is the offset in the input of buf[0], start that of the line
	// readLine returned last.
	base, start int64
}

// initialBufSize is the line buffer's size; it grows for longer lines and
// shrinks back afterwards.
const initialBufSize = 256 << 10

// NewReader reads documents of in from r. The format must be known
// (FormatAuto is taken as JSON Lines).
func NewReader(r io.Reader, in Input, opts Options) *Reader {
	o := opts.withDefaults()
	paths := strings.Contains(o.TextField+o.IDField+o.HTMLField+o.SiteField, ".")
	return &Reader{src: r, in: in, opts: o, paths: paths}
}

// Next returns the next document, or io.EOF. Any other error means the
// input itself is damaged or unreadable, and names it; the documents
// before it stand. A document with Err set is a data error confined to
// that document; reading goes on.
func (r *Reader) Next() (*Doc, error) { return r.next(false) }

// NextText is Next for a caller that reads only a document's Text, HTML,
// Site, Source, Line, Bytes and Err, and only until its next call. Of a
// JSON Lines record those may share the reader's buffer and the Doc
// itself is reused, so nothing of it may be kept; its ID is not set and
// it cannot be written (AppendJSON). It saves Next's copy of the record:
// a record whose body needs no unescaping costs no allocation.
func (r *Reader) NextText() (*Doc, error) { return r.next(true) }

// next returns the next document, borrowed as NextText says or not.
func (r *Reader) next(borrow bool) (*Doc, error) {
	if r.in.Format == FormatWARC {
		return r.nextWARC()
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.sniffWARC() {
		return r.nextWARC()
	}
	var d *Doc
	var err error
	switch r.in.Format {
	case FormatText, FormatHTML:
		d, err = r.nextFile()
	case FormatParquet:
		d, err = r.nextParquet(borrow)
	default:
		d, err = r.nextRecord(borrow)
	}
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%s: %w", r.in.Path, err)
	}
	r.err = err
	return d, err
}

// FileDoc returns the document of a whole text or HTML file in, without
// reading it: its Text (or HTML), Site and Bytes are the caller's to set.
// The pipeline's later passes make a page's document from what its learn
// pass kept.
func FileDoc(in Input, opts Options) *Doc {
	opts = opts.withDefaults()
	return &Doc{Source: in.Path, ID: in.Path, text: -1, textField: opts.TextField, idField: opts.IDField}
}

// nextFile returns the whole input as one document.
func (r *Reader) nextFile() (*Doc, error) {
	if r.done {
		return nil, io.EOF
	}
	r.done = true
	path := r.in.Path
	d := FileDoc(r.in, r.opts)
	data, err := readAll(r.src, int64(r.opts.MaxDocBytes)+1)
	if err != nil {
		return nil, err
	}
	d.Bytes = len(data)
	d.Site = fileSite(path, r.in.Format, data)
	if len(data) > r.opts.MaxDocBytes {
		// Count the rest to report the size; this also surfaces damage.
		n, err := io.Copy(io.Discard, r.src)
		if err != nil {
			return nil, err
		}
		d.Bytes += int(n)
		d.Err = fmt.Errorf("%s: %w", path, &Reject{ReasonTooLarge, fmt.Errorf("document of %d bytes exceeds --max-doc-bytes (%d)", d.Bytes, r.opts.MaxDocBytes)})
		return d, nil
	}
	if r.in.Format == FormatHTML {
		d.HTML = data
		return d, nil
	}
	d.Text = r.decodeText(data)
	return d, nil
}

var bom = []byte{0xef, 0xbb, 0xbf}

// decodeText returns the text of a text file as UTF-8 with \n line ends
// (\r\n and a lone \r, a Windows or an old Mac file's, become \n). Without
// Options.Encoding, a file is UTF-8 (a byte-order mark is dropped) unless
// it is not valid UTF-8 and has fewer valid multi-byte sequences than
// invalid bytes: then it is windows-1252, as HTML without a charset is
// taken to be, since a legacy 8-bit text almost never holds a valid UTF-8
// sequence while a damaged UTF-8 file is mostly made of them. Invalid
// bytes left become U+FFFD.
func (r *Reader) decodeText(data []byte) string {
	enc := r.opts.Encoding
	if enc == nil {
		if data = bytes.TrimPrefix(data, bom); !utf8.Valid(data) && !mostlyUTF8(data) {
			enc = charmap.Windows1252
		}
	}
	if enc != nil {
		if dec, err := enc.NewDecoder().Bytes(data); err == nil {
			data = dec
		}
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if utf8.Valid(data) {
		return unsafe.String(unsafe.SliceData(data), len(data)) // data is not used again
	}
	return toValidUTF8(data)
}

// mostlyUTF8 reports whether b has at least as many valid multi-byte UTF-8
// sequences as invalid bytes.
func mostlyUTF8(b []byte) bool {
	valid, invalid := 0, 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		b = b[size:]
	}
	return valid >= invalid
}

// readAll reads src to its end, or to limit bytes. A source that knows
// its size (Open's, for a plain file) is read into a buffer of that size
// at once, rather than one grown from 512 bytes as io.ReadAll does.
func readAll(src io.Reader, limit int64) ([]byte, error) {
	sized, ok := src.(interface{ Size() int64 })
	if !ok || sized.Size() < 0 {
		return io.ReadAll(io.LimitReader(src, limit))
	}
	// One byte more than the size, so that the end shows without growing.
	b := make([]byte, 0, min(sized.Size(), limit-1)+1)
	for int64(len(b)) < limit {
		if len(b) == cap(b) { // the file grew
			b = append(b, 0)[:len(b)]
		}
		n, err := src.Read(b[len(b):min(int64(cap(b)), limit)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
	return b, nil
}

// toValidUTF8 replaces each invalid byte of b by U+FFFD, the policy JSON
// string decoding follows too.
func toValidUTF8(b []byte) string {
	dst := appendValidUTF8(make([]byte, 0, len(b)+16), b)
	return unsafe.String(unsafe.SliceData(dst), len(dst))
}

// nextRecord returns the document of the next non-blank line.
func (r *Reader) nextRecord(borrow bool) (*Doc, error) {
	for {
		line, size, err := r.readLine()
		if err != nil {
			return nil, err
		}
		r.line++
		var rec []byte
		if line != nil { // nil: too long, skipped without buffering
			if r.line == 1 {
				line = bytes.TrimPrefix(line, bom)
			}
			if rec = trimSpace(line); len(rec) == 0 {
				continue
			}
		}
		if size > r.opts.MaxDocBytes {
			return r.dataError(nil, size, &Reject{ReasonTooLarge, fmt.Errorf("record of %d bytes exceeds --max-doc-bytes (%d)", size, r.opts.MaxDocBytes)}), nil
		}
		var keep []byte // the line without its line end, for Raw
		if !borrow {
			keep = line[:lineSize(line)]
		}
		if err := r.sc.scanRecord(rec); err != nil {
			return r.dataError(keep, size, &Reject{ReasonInvalidJSON, err}), nil
		}
		newDoc := r.newDoc
		if borrow {
			newDoc = r.viewDoc
		}
		d, rej := newDoc(rec)
		if rej != nil {
			return r.dataError(keep, size, rej), nil
		}
		d.Bytes = size
		return d, nil
	}
}

// dataError is the document of a rejected line; line, if not nil, is
// kept (copied) for Raw.
func (r *Reader) dataError(line []byte, size int, err *Reject) *Doc {
	return &Doc{
		Source: r.in.Path, Line: r.line, ID: r.defaultID(), Site: r.in.Path,
		Bytes: size, Err: fmt.Errorf("%s:%d: %w", r.in.Path, r.line, err), text: -1,
		rec: bytes.Clone(line), Offset: r.start,
	}
}

func (r *Reader) defaultID() string { return fmt.Sprintf("%s:%d", r.in.Path, r.line) }

func trimSpace(b []byte) []byte {
	i, j := 0, len(b)
	for i < j && isSpace(b[i]) {
		i++
	}
	for j > i && isSpace(b[j-1]) {
		j--
	}
	return b[i:j]
}

// newDoc builds the document of a validated record; line is the
// reader's buffer, which the document must not keep. The scanner's
// members describe line.
func (r *Reader) newDoc(line []byte) (*Doc, *Reject) {
	o := &r.opts
	textIdx, id, body, site, err := r.fields(line)
	if err != nil {
		return nil, err
	}
	d := &Doc{
		Source: r.in.Path, Line: r.line,
		members: append([]member(nil), r.sc.members...), top: r.top,
		text: textIdx, textField: o.TextField, idField: o.IDField,
	}
	// One allocation holds the record and, unless it can be shared, the
	// decoded body. strings.Builder does not zero it first.
	var b strings.Builder
	var raw []byte
	var flags uint8
	plain := true
	if body >= 0 {
		m := &d.members[body]
		raw, flags = line[m.valStart+1:m.valEnd-1], m.valFlags
		plain = isPlain(raw, flags)
		if !plain && flags&strHigh != 0 && utf8.Valid(raw) {
			flags &^= strHigh // checked once here, not again while decoding
		}
		d.textRepaired = !plain && body == d.text && flags&(strHigh|strLone) != 0
	}
	if plain {
		b.Grow(len(line))
	} else {
		b.Grow(len(line) + len(raw) + 8)
	}
	b.Write(line)
	r.ends = r.ends[:0]
	if !plain {
		// line is copied: its body may be decoded over.
		b.WriteString(decodeInPlace(raw, flags, &r.ends))
	}
	all := b.String()
	d.rec = unsafe.Slice(unsafe.StringData(all), len(line)) // read-only from here on
	var text string
	if body >= 0 {
		if m := &d.members[body]; plain {
			text = all[m.valStart+1 : m.valEnd-1]
		} else {
			text = all[len(line):]
		}
	}
	if body == d.text {
		d.Text, d.LineEnds = text, r.keepEnds()
	} else {
		d.HTML = unsafe.Slice(unsafe.StringData(text), len(text))
	}
	if id >= 0 {
		m := &d.members[id]
		switch c := d.rec[m.valStart]; {
		case c == '"':
			d.ID = d.stringValue(m)
		case c == '-' || (c >= '0' && c <= '9'):
			d.ID = all[m.valStart:m.valEnd]
		}
	}
	if d.ID == "" {
		d.ID = r.defaultID()
	}
	d.Site = r.recordSite(d.rec, site, d.HTML)
	return d, nil
}

// endsChunk is the size of the chunks Next keeps line ends in.
const endsChunk = 8 << 10

// keepEnds returns a copy of r.ends, in r.kept.
func (r *Reader) keepEnds() []int {
	if r.kept == nil || cap(r.kept)-len(r.kept) < len(r.ends) {
		r.kept = make([]int, 0, max(endsChunk, len(r.ends)))
	}
	at := len(r.kept)
	r.kept = append(r.kept, r.ends...)
	return r.kept[at:len(r.kept):len(r.kept)]
}

// viewDoc is newDoc for NextText: the document borrows line, whose body
// it decodes in place, and is r.view, reused.
func (r *Reader) viewDoc(line []byte) (*Doc, *Reject) {
	text, _, body, site, err := r.fields(line)
	if err != nil {
		return nil, err
	}
	d := &r.view
	*d = Doc{Source: r.in.Path, Line: r.line, text: -1}
	if body >= 0 {
		m := &r.sc.members[body]
		if r.ends == nil {
			r.ends = make([]int, 0, 64) // not nil: no line breaks is known too
		}
		r.ends = r.ends[:0]
		s := decodeInPlace(line[m.valStart+1:m.valEnd-1], m.valFlags, &r.ends)
		if body == text {
			d.Text, d.LineEnds = s, r.ends
		} else {
			d.HTML = unsafe.Slice(unsafe.StringData(s), len(s))
		}
	}
	d.Site = r.recordSite(line, site, d.HTML)
	return d, nil
}

// recordSite is the site of a record: the host of its url field, else the
// host its page names (a record of HTML), else the input.
func (r *Reader) recordSite(rec []byte, site int, page []byte) string {
	if h := r.host(rec, site); h != "" {
		return h
	}
	if h := pageHost(page); h != "" {
		return h
	}
	return r.in.Path
}

// fields finds the members of a validated record (the scanner's members
// describe line): the text field, the id field, the body (the text, or
// failing that the page) and the site field; -1 for those absent.
func (r *Reader) fields(line []byte) (text, id, body, site int, err *Reject) {
	o := &r.opts
	// The first occurrence of a key counts, for every field.
	text, id, site = -1, -1, -1
	html := -1
	r.top = len(r.sc.members)
	for i := range r.sc.members {
		m := &r.sc.members[i]
		switch {
		case text < 0 && m.keyIs(line, o.TextField):
			text = i
		case id < 0 && m.keyIs(line, o.IDField):
			id = i
		case html < 0 && m.keyIs(line, o.HTMLField):
			html = i
		case site < 0 && m.keyIs(line, o.SiteField):
			site = i
		}
	}
	if r.paths {
		// A name that is no top-level key may be a path, its first
		// segment a top-level key: content.body.
		for _, f := range [...]struct {
			idx  *int
			name string
		}{{&text, o.TextField}, {&id, o.IDField}, {&html, o.HTMLField}, {&site, o.SiteField}} {
			if *f.idx < 0 && strings.Contains(f.name, ".") {
				*f.idx = r.nestedMember(line, f.name)
			}
		}
	}
	body = text
	if body < 0 {
		body = html
	}
	switch {
	case body < 0:
		// Not an empty document: most likely --text-field does not
		// name the field the corpus uses.
		return 0, 0, 0, 0, &Reject{ReasonNoTextField, fmt.Errorf("no field %q (nor %q)", o.TextField, o.HTMLField)}
	case !r.sc.members[body].isString(line):
		name := o.TextField
		if body != text {
			name = o.HTMLField
		}
		return 0, 0, 0, 0, &Reject{ReasonTextNotString, fmt.Errorf("field %q is not a string", name)}
	}
	return text, id, body, site, nil
}

// nestedMember finds the member at path (dot-separated keys, the first
// one top-level, the first occurrence of each counting) in the validated
// record line, appends it to the scanner's members and returns its index,
// or -1.
func (r *Reader) nestedMember(line []byte, path string) int {
	key, rest, _ := strings.Cut(path, ".")
	var m member
	found := false
	for i := range r.sc.members[:r.top] {
		if r.sc.members[i].keyIs(line, key) {
			m, found = r.sc.members[i], true
			break
		}
	}
	for found && rest != "" {
		if line[m.valStart] != '{' {
			return -1
		}
		key, rest, _ = strings.Cut(rest, ".")
		m, found = r.sc.objectMember(line, m.valStart, key)
	}
	if !found {
		return -1
	}
	r.sc.members = append(r.sc.members, m)
	return len(r.sc.members) - 1
}

// host returns the host of the URL in member site of rec, or "".
func (r *Reader) host(rec []byte, site int) string {
	if site < 0 {
		return ""
	}
	m := &r.sc.members[site]
	if !m.isString(rec) {
		return ""
	}
	return hostOf(decodeString(rec[m.valStart+1:m.valEnd-1], m.valFlags))
}

// stringValue decodes the string value of member m, sharing the record's
// memory when possible.
func (d *Doc) stringValue(m *member) string {
	return decodeString(d.rec[m.valStart+1:m.valEnd-1], m.valFlags)
}

// hostOf returns the lower-case host name of an absolute URL
// (scheme://[user@]host[:port]/...), or "". It does no more than that:
// net/url.Parse cost more than the rest of reading a record.
func hostOf(s string) string {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || scheme == "" || strings.ContainsAny(scheme, "/?#") {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "[") { // an IPv6 literal
		if i := strings.IndexByte(rest, ']'); i >= 0 {
			return strings.ToLower(rest[1:i])
		}
		return ""
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		rest = rest[:i]
	}
	return strings.ToLower(rest)
}

// readLine returns the next line without its '\n' and its length without
// the line end (\n or \r\n). The line is valid until the next call. A
// line longer than the limit is consumed without being buffered and
// returned as nil with its length (a buffered line is never nil, even
// when empty, as the buffer exists by then). At the end of the input err is io.EOF;
// a read error is returned once the complete lines before it are.
func (r *Reader) readLine() (line []byte, size int, err error) {
	limit := r.opts.MaxDocBytes + 1 // room for a '\r' before the '\n'
	scanned := 0                    // buf[r.r:r.r+scanned] holds no '\n'
	r.start = r.base + int64(r.r)   // buffer moves leave it as it is
	for {
		if i := bytes.IndexByte(r.buf[r.r+scanned:r.w], '\n'); i >= 0 {
			line = r.buf[r.r : r.r+scanned+i]
			r.r += scanned + i + 1
			return line, lineSize(line), nil
		}
		scanned = r.w - r.r
		switch {
		case r.err != nil:
			return nil, 0, r.err
		case r.eof && scanned == 0:
			return nil, 0, io.EOF
		case r.eof:
			line = r.buf[r.r:r.w]
			r.r = r.w
			return line, lineSize(line), nil
		case scanned > limit:
			size, err := r.skipLine()
			return nil, size, err
		}
		r.fill()
	}
}

func lineSize(line []byte) int {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		return n - 1
	}
	return len(line)
}

// fill reads more input into the buffer, first making room: moving the
// unconsumed bytes to the front, growing the buffer for a long line, and
// shrinking it again after one.
func (r *Reader) fill() {
	pending := r.w - r.r
	switch {
	case r.buf == nil:
		r.buf = make([]byte, initialBufSize)
	case len(r.buf) > initialBufSize && pending < initialBufSize/2:
		r.buf = append(make([]byte, 0, initialBufSize), r.buf[r.r:r.w]...)[:initialBufSize]
		r.base += int64(r.r)
		r.r, r.w = 0, pending
	case r.w == len(r.buf) && r.r > len(r.buf)/2:
		copy(r.buf, r.buf[r.r:r.w])
		r.base += int64(r.r)
		r.r, r.w = 0, pending
	case r.w == len(r.buf):
		// Double, but never past what tells a line too long (the limit,
		// a '\r' and one byte more), so a refused line costs no more
		// memory than the largest accepted one.
		size := 2 * len(r.buf)
		if most := r.opts.MaxDocBytes + 2; size > most && most > len(r.buf) {
			size = most
		}
		nb := make([]byte, size)
		copy(nb, r.buf[r.r:r.w])
		r.buf = nb
		r.base += int64(r.r)
		r.r, r.w = 0, pending
	}
	n, err := r.src.Read(r.buf[r.w:])
	r.w += n
	if err == io.EOF {
		r.eof = true
	} else if err != nil {
		r.err = err
	}
}

// skipLine consumes the rest of the current line, whose start is
// buffered, without keeping it, and returns the line's length without the
// line end.
func (r *Reader) skipLine() (int, error) {
	size := 0
	cr := false // the last byte counted was '\r'
	for {
		chunk := r.buf[r.r:r.w]
		i := bytes.IndexByte(chunk, '\n')
		if i >= 0 {
			chunk = chunk[:i]
			r.r += i + 1
		} else {
			r.r = r.w
		}
		if len(chunk) > 0 {
			size += len(chunk)
			cr = chunk[len(chunk)-1] == '\r'
		}
		switch {
		case i >= 0 || (r.eof && r.err == nil):
			if cr {
				size--
			}
			return size, nil
		case r.err != nil:
			return 0, r.err
		}
		r.fill()
	}
}
