package docio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"golang.org/x/text/encoding/htmlindex"
)

// WARC (ISO 28500) and WET reading. The framing is simple: a version
// line, header lines, a blank line, Content-Length bytes of content and
// two CRLFs. It is read here over the Reader's own buffer rather than by a
// WARC library (see the package comment for the measurement), so that
// records are cut without copying, a damaged gzip member costs one record
// and not the rest of the file, and memory stays bounded by
// Options.MaxDocBytes whatever the content.

// Reasons a WARC record is rejected (Reject.Reason).
const (
	// ReasonDamagedRecord: the record was cut short or its gzip member is
	// corrupt; the input is reported damaged too.
	ReasonDamagedRecord = "damaged_record"
	// ReasonInvalidWARC: the record's header cannot be read (no WARC/
	// version line, no valid Content-Length, a header over the limit).
	ReasonInvalidWARC = "invalid_warc"
	// ReasonInvalidHTTP: a response's HTTP message cannot be read or its
	// content encoding cannot be undone.
	ReasonInvalidHTTP = "invalid_http"
)

// maxWARCHeader bounds a record's WARC header block and, for a record too
// large to hold, the HTTP header read to tell whether it is a page.
const maxWARCHeader = 64 << 10

// warcMagic starts every record.
var warcMagic = []byte("WARC/1.")

// warcKinds are the record kinds skipped records are counted by
// (Reader.Skipped); any other WARC-Type counts as "other", so that hostile
// input cannot grow the counts without bound.
var warcKinds = map[string]bool{
	"warcinfo": true, "request": true, "metadata": true, "revisit": true,
	"resource": true, "continuation": true,
}

// Skipped-record kinds for responses that are not pages.
const (
	skipNotHTML = "response_not_html" // another media type
	skipNotOK   = "response_not_200"  // a redirect, an error page, partial content
)

// warcState is a Reader's state for WARC input.
type warcState struct {
	skipped map[string]int64
	// damage is the first stream damage met (a truncated record, a
	// corrupt gzip member), returned once every record is read;
	// damaged counts the records lost to it.
	damage  error
	damaged int
	resync  bool         // after damage: skip to the next line starting WARC/1.
	kept    []WARCReject // skipped records, with Options.KeepSkipped
	done    bool         // a read error that ends the input was met
}

// MemberError is a gzip member that cannot be read (corrupt, truncated,
// or garbage where a member should start). Reading the stream again goes
// on at the next member found after it, so that a reader of one record
// per member (a .warc.gz) loses only the damaged records.
type MemberError struct {
	Offset int64 // where the member starts in the compressed file
	// Produced is how many bytes the member had decompressed to before
	// failing: the last Produced bytes read are not to be trusted.
	Produced int64
	Err      error
	g        *gzipMembers
}

// Resume makes the next Read of the stream go on at the next member.
func (e *MemberError) Resume() { e.g.resume = true }

func (e *MemberError) Error() string { return e.Err.Error() }
func (e *MemberError) Unwrap() error { return e.Err }

// Skipped returns, by kind, the WARC records read but not taken as
// documents (request, metadata, warcinfo, responses that are not HTML or
// not status 200...). The map is the reader's own.
func (r *Reader) Skipped() map[string]int64 {
	if r.warc == nil {
		return nil
	}
	return r.warc.skipped
}

// isWARC reports whether the input starts as a WARC file does; it fills
// the buffer as needed and consumes nothing.
func (r *Reader) isWARC() bool {
	// Wait for no more bytes than tell: a slow producer's short first
	// line of JSON must not be held back.
	for r.w-r.r < len(warcMagic) && bytes.HasPrefix(warcMagic, r.buf[r.r:r.w]) && !r.eof && r.err == nil {
		r.fill()
	}
	return bytes.HasPrefix(r.buf[r.r:r.w], warcMagic)
}

// warcRecord is the framing of one record in the buffer: everything is an
// index into r.buf.
type warcRecord struct {
	offset     int64 // of the record's first byte in the input (decompressed)
	headers    []byte
	content    []byte
	length     int64 // Content-Length
	recordType string
	raw        []byte // headers and content as read, when held
}

// header returns the value of a WARC header field (case-insensitive
// name), or "".
func (w *warcRecord) header(name string) string { return headerValue(w.headers, name) }

// headerValue finds name: value among CRLF- or LF-ended header lines,
// the first occurrence counting; continuation lines are not joined (no
// field this package reads is folded in practice).
func headerValue(headers []byte, name string) string {
	for len(headers) > 0 {
		line := headers
		if i := bytes.IndexByte(headers, '\n'); i >= 0 {
			line, headers = headers[:i], headers[i+1:]
		} else {
			headers = nil
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(k)), name) {
			return string(bytes.TrimSpace(v))
		}
	}
	return ""
}

// nextWARC returns the document of the next response or conversion
// record, counting the records it skips. WARC reading keeps its own
// account of read errors (r.err), going on after a damaged gzip member.
func (r *Reader) nextWARC() (*Doc, error) {
	if r.warc == nil {
		r.warc = &warcState{skipped: map[string]int64{}}
	}
	for {
		rec, d, err := r.frameRecord()
		if err == io.EOF {
			return nil, err
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.in.Path, err)
		}
		if d != nil {
			return d, nil
		}
		if rec == nil {
			continue
		}
		if d = r.warcDoc(rec); d != nil {
			return d, nil
		}
	}
}

// errorDoc is the document of a record that cannot be read.
// raw is what was read of it (nil when it was not held), kept for the
// rejects.
func (r *Reader) errorDoc(offset int64, size int, reason string, err error, raw []byte) *Doc {
	return &Doc{
		Source: r.in.Path, ID: fmt.Sprintf("%s@%d", r.in.Path, offset), Site: r.in.Path, Bytes: size,
		Err: fmt.Errorf("%s: record at byte %d: %w", r.in.Path, offset, &Reject{reason, err}), text: -1,
		Offset: offset, warcReject: &WARCReject{Source: r.in.Path, Offset: offset, Reason: reason, Raw: bytes.Clone(raw)},
	}
}

// WARCReject is a WARC record that is not a document, kept for the
// rejects: a skipped record (Reason is its kind: request, metadata,
// response_not_html...) or one rejected as a data error (Reason is the
// Reject's). Raw is the record as read, WARC header and content (nil when
// it was too large to hold or lost to damage; a record cut short by damage
// is what was read of it).
type WARCReject struct {
	Source string
	Offset int64 // of the record in the input, decompressed
	Reason string
	Raw    []byte
}

// WARCReject returns the record of a WARC data error, or nil.
func (d *Doc) WARCReject() *WARCReject { return d.warcReject }

// TakeSkipped returns the records skipped since the last call, with
// Options.KeepSkipped (nil without).
func (r *Reader) TakeSkipped() []WARCReject {
	if r.warc == nil {
		return nil
	}
	k := r.warc.kept
	r.warc.kept = nil
	return k
}

// keep keeps a skipped record for TakeSkipped.
func (r *Reader) keep(rec *warcRecord, kind string) {
	if r.opts.KeepSkipped {
		r.warc.kept = append(r.warc.kept, WARCReject{Source: r.in.Path, Offset: rec.offset, Reason: kind, Raw: bytes.Clone(rec.raw)})
	}
}

// AppendWARCReject appends a rejected WARC record as a WARC record that
// says where it came from and why, in three header fields after the
// version line (WARC-Clean-Source, WARC-Clean-Offset, WARC-Clean-Reason),
// its content byte for byte as read. A record not held, cut short by
// damage, or that does not start as a WARC record does, becomes the
// content of a resource record, so that the rejects read as WARC again.
func AppendWARCReject(dst []byte, x *WARCReject) []byte {
	where := fmt.Appendf(nil, "WARC-Clean-Source: %s\r\nWARC-Clean-Offset: %d\r\nWARC-Clean-Reason: %s\r\n",
		strings.NewReplacer("\r", " ", "\n", " ").Replace(x.Source), x.Offset, x.Reason)
	if i := bytes.IndexByte(x.Raw, '\n'); i >= 0 && bytes.HasPrefix(x.Raw, warcMagic) && x.Reason != ReasonDamagedRecord {
		dst = append(dst, x.Raw[:i+1]...)
		dst = append(dst, where...)
		dst = append(dst, x.Raw[i+1:]...)
	} else {
		dst = append(dst, "WARC/1.1\r\nWARC-Type: resource\r\n"...)
		dst = append(dst, where...)
		dst = fmt.Appendf(dst, "Content-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n", len(x.Raw))
		dst = append(dst, x.Raw...)
	}
	return append(dst, "\r\n\r\n"...)
}

// frameRecord cuts the next record from the input. It returns either a
// record to look at (its bytes valid until the next call), a data error
// (a document with Err set), or io.EOF / the first stream damage once the
// input ends. A record whose content is over MaxDocBytes has no content
// but its length, the content skipped without being held.
func (r *Reader) frameRecord() (*warcRecord, *Doc, error) {
	w := r.warc
	for {
		if w.done || (w.resync && !r.skipToRecord()) {
			return nil, nil, r.warcEnd()
		}
		// Blank lines between records are tolerated.
		for {
			for r.w-r.r < 2 && !r.eof && r.err == nil {
				r.fill()
			}
			if r.r < r.w && (r.buf[r.r] == '\n' || r.buf[r.r] == '\r') {
				r.r++
				continue
			}
			break
		}
		start := r.base + int64(r.r)
		if r.r == r.w {
			if r.err != nil {
				if d := r.streamDamage(start, false); d != nil {
					return nil, d, nil
				}
				continue
			}
			return nil, nil, r.warcEnd()
		}
		// The header block ends at the first empty line.
		hdrEnd, bodyStart := -1, -1
		for {
			b := r.buf[r.r:min(r.w, r.r+maxWARCHeader+4)]
			if i := bytes.Index(b, []byte("\n\r\n")); i >= 0 {
				hdrEnd, bodyStart = i+1, i+3
			}
			if i := bytes.Index(b, []byte("\n\n")); i >= 0 && (hdrEnd < 0 || i+1 < hdrEnd) {
				hdrEnd, bodyStart = i+1, i+2
			}
			if hdrEnd >= 0 || r.w-r.r > maxWARCHeader || r.eof || r.err != nil {
				break
			}
			r.fill()
		}
		if !bytes.HasPrefix(r.buf[r.r:r.w], warcMagic) {
			if r.err != nil && (r.w-r.r < len(warcMagic) || !r.intact(1)) {
				if d := r.streamDamage(start, true); d != nil {
					return nil, d, nil
				}
				continue
			}
			w.resync = true
			r.r++
			return nil, r.errorDoc(start, 0, ReasonInvalidWARC, errors.New("not a WARC record (no WARC/1.x version line)"), r.garbage()), nil
		}
		if hdrEnd < 0 || hdrEnd > maxWARCHeader {
			if r.w-r.r <= maxWARCHeader && (r.eof || r.err != nil) {
				if d := r.streamDamage(start, true); d != nil {
					return nil, d, nil
				}
				continue
			}
			w.resync = true
			r.r++
			return nil, r.errorDoc(start, 0, ReasonInvalidWARC, fmt.Errorf("WARC header longer than %d bytes", maxWARCHeader), nil), nil
		}
		rec := &warcRecord{offset: start, headers: r.buf[r.r : r.r+hdrEnd]}
		rec.recordType = strings.ToLower(rec.header("WARC-Type"))
		n, err := strconv.ParseInt(rec.header("Content-Length"), 10, 64)
		if err != nil || n < 0 {
			w.resync = true
			r.r++
			return nil, r.errorDoc(start, 0, ReasonInvalidWARC, fmt.Errorf("invalid Content-Length %q", rec.header("Content-Length")), r.buf[r.r-1:r.r-1+hdrEnd]), nil
		}
		rec.length = n
		if n > int64(r.opts.MaxDocBytes) {
			return r.largeRecord(rec, bodyStart)
		}
		// The content, the two CRLFs after it, and one byte more: a gzip
		// member's checksum is checked when the next one starts, so a
		// record is taken only once the data after it has come.
		need := bodyStart + int(n) + 4 + 1
		for r.w-r.r < need && !r.eof && r.err == nil {
			r.fill()
		}
		end := bodyStart + int(n)
		if r.w-r.r < end {
			if d := r.streamDamage(start, true); d != nil {
				return nil, d, nil
			}
			continue
		}
		contentEnd := end
		for k := 0; k < 4 && r.r+end < r.w && (r.buf[r.r+end] == '\r' || r.buf[r.r+end] == '\n'); k++ {
			end++
		}
		if !r.intact(end) {
			if d := r.streamDamage(start, true); d != nil {
				return nil, d, nil
			}
			continue
		}
		if end == contentEnd && r.r+end < r.w && !bytes.HasPrefix(r.buf[r.r+end:r.w], warcMagic[:min(len(warcMagic), r.w-r.r-end)]) {
			// Content-Length does not end the record: what it spans may
			// hold the next record, which the resync finds.
			w.resync = true
			r.r++
			return nil, r.errorDoc(start, 0, ReasonInvalidWARC, fmt.Errorf("Content-Length %d does not end the record", n), r.buf[r.r-1:r.r-1+contentEnd]), nil
		}
		// fill may have moved the buffer: take the slices now.
		rec.headers = r.buf[r.r : r.r+hdrEnd]
		rec.content = r.buf[r.r+bodyStart : r.r+bodyStart+int(n)]
		rec.raw = r.buf[r.r : r.r+bodyStart+int(n)]
		r.r += end
		return rec, nil, nil
	}
}

// garbage is what the resync after an unreadable record will skip, as
// far as it is buffered (at most maxWARCHeader bytes): from the record's
// start, just consumed, to the next line that starts a record.
func (r *Reader) garbage() []byte {
	b := r.buf[r.r-1 : min(r.w, r.r-1+maxWARCHeader)]
	if i := bytes.Index(b, []byte("\nWARC/1.")); i >= 0 {
		b = b[:i+1]
	}
	return b
}

// intact reports whether the next k buffered bytes can be trusted: with a
// gzip member failed, only those before the data it produced can (the
// members before it were checked when it started).
func (r *Reader) intact(k int) bool {
	me, ok := errors.AsType[*MemberError](r.err)
	return !ok || int64(r.w-r.r-k) >= me.Produced
}

// streamDamage handles a read error met at start: with inProgress, a
// record was being read, which is lost and returned as a data error. A
// gzip member error is recorded and reading goes on at the next member;
// any other error is final (it is returned once the record's error is).
func (r *Reader) streamDamage(start int64, inProgress bool) *Doc {
	w := r.warc
	err := r.err
	if err == nil {
		err = errors.New("truncated: the input ends inside the record")
	}
	me, resumable := errors.AsType[*MemberError](err)
	if resumable {
		err = fmt.Errorf("%w (gzip member at compressed byte %d)", err, me.Offset)
	}
	var d *Doc
	switch {
	case inProgress || resumable:
		// A failed member always costs a record: the one it held.
		if w.damage == nil {
			w.damage = fmt.Errorf("record at byte %d: %w", start, err)
		}
		w.damaged++
		d = r.errorDoc(start, r.w-r.r, ReasonDamagedRecord, err, r.buf[r.r:r.w])
	case w.damage == nil:
		w.damage = err
	}
	r.r = r.w // what came from a failed member is not to be trusted
	if resumable {
		me.Resume()
		r.err = nil
		w.resync = true
	} else {
		w.done = true
	}
	return d
}

// warcEnd is the end of a WARC input: io.EOF, or the first stream damage
// met, so that the input is reported damaged once its records are read.
func (r *Reader) warcEnd() error {
	w := r.warc
	switch {
	case w.damage != nil && w.damaged > 0:
		return fmt.Errorf("%d damaged record(s), the first: %w", w.damaged, w.damage)
	case w.damage != nil:
		return w.damage
	case r.err != nil:
		return r.err
	}
	return io.EOF
}

// skipToRecord drops bytes up to the next line that starts with WARC/1.
// (or, after a damaged gzip member, data that starts with it); it returns
// false at the end of the input.
func (r *Reader) skipToRecord() bool {
	w := r.warc
	for {
		if bytes.HasPrefix(r.buf[r.r:r.w], warcMagic) {
			w.resync = false
			return true
		}
		if i := bytes.Index(r.buf[r.r:r.w], append([]byte{'\n'}, warcMagic...)); i >= 0 {
			r.r += i + 1
			w.resync = false
			return true
		}
		// Keep a possible start of the magic across the refill.
		if keep := len(warcMagic); r.w-r.r > keep {
			r.r = r.w - keep
		}
		if r.eof {
			r.r = r.w
			return false
		}
		if r.err != nil {
			me, ok := errors.AsType[*MemberError](r.err)
			if !ok {
				return false
			}
			me.Resume()
			// A failed member while looking: the record it held is lost
			// with the bytes skipped.
			if w.damage == nil {
				w.damage = r.err
			}
			r.r, r.err = r.w, nil
		}
		r.fill()
	}
}

// largeRecord handles a record whose content is over MaxDocBytes: a page
// is a too_large error, anything else a skipped record; the content is
// skipped without being held, after reading as much of its start as tells
// which. bodyStart is where the content starts in the buffer.
func (r *Reader) largeRecord(rec *warcRecord, bodyStart int) (*warcRecord, *Doc, error) {
	for r.w-r.r < bodyStart+maxWARCHeader && !r.eof && r.err == nil {
		r.fill()
	}
	rec.headers = r.buf[r.r : r.r+bodyStart]
	head := r.buf[r.r+bodyStart : min(r.w, r.r+bodyStart+maxWARCHeader)]
	kind := r.skipKind(rec, head)
	r.r += bodyStart
	if err := r.skipBytes(rec.length); err != nil {
		r.err = err
		if d := r.streamDamage(rec.offset, true); d != nil {
			return nil, d, nil
		}
		return nil, nil, nil
	}
	if kind != "" {
		r.warc.skipped[kind]++
		rec.raw = nil // not held
		r.keep(rec, kind)
		return nil, nil, nil
	}
	size := int(min(rec.length, int64(^uint(0)>>1)))
	return nil, r.errorDoc(rec.offset, size, ReasonTooLarge, fmt.Errorf("record of %d bytes exceeds --max-doc-bytes (%d)", rec.length, r.opts.MaxDocBytes), nil), nil
}

// skipBytes consumes n bytes of input without holding them.
func (r *Reader) skipBytes(n int64) error {
	for n > 0 {
		if r.r == r.w {
			if r.err != nil {
				return r.err
			}
			if r.eof {
				return io.ErrUnexpectedEOF
			}
			r.fill()
			continue
		}
		k := int(min(n, int64(r.w-r.r)))
		r.r += k
		n -= int64(k)
	}
	return nil
}

// skipKind says why a record is not a document ("" when it is one):
// its WARC-Type, or for a response, what its HTTP message head says.
func (r *Reader) skipKind(rec *warcRecord, content []byte) string {
	switch rec.recordType {
	case "conversion":
		return ""
	case "response":
		status, hdr, _, ok := splitHTTP(content)
		if !ok {
			return "" // a data error, told by warcDoc
		}
		if status != 200 {
			return skipNotOK
		}
		if !isHTML(headerValue(hdr, "Content-Type"), content) {
			return skipNotHTML
		}
		return ""
	}
	if warcKinds[rec.recordType] {
		return rec.recordType
	}
	return "other"
}

// warcDoc turns a framed record into a document, or counts it as skipped
// and returns nil.
func (r *Reader) warcDoc(rec *warcRecord) *Doc {
	if kind := r.skipKind(rec, rec.content); kind != "" {
		r.warc.skipped[kind]++
		r.keep(rec, kind)
		return nil
	}
	size := len(rec.headers) + len(rec.content)
	url := rec.header("WARC-Target-URI")
	url = strings.TrimSuffix(strings.TrimPrefix(url, "<"), ">") // WARC 1.0's <uri> form
	d := &Doc{
		Source: r.in.Path, ID: toValid(rec.header("WARC-Record-ID")), Site: r.in.Path, Bytes: size,
		text: -1, textField: r.opts.TextField, idField: r.opts.IDField, Offset: rec.offset,
	}
	if d.ID == "" {
		d.ID = fmt.Sprintf("%s@%d", r.in.Path, rec.offset)
	}
	if h := hostOf(url); h != "" {
		d.Site = h
	}
	d.fileFields = []Field{
		{"url", AppendString(nil, url)},
		{"warc_date", AppendString(nil, rec.header("WARC-Date"))},
	}
	if rec.recordType == "conversion" {
		d.Text = r.decodeText(bytes.Clone(rec.content))
		return d
	}
	_, hdr, body, ok := splitHTTP(rec.content)
	if !ok {
		return r.errorDoc(rec.offset, size, ReasonInvalidHTTP, errors.New("response without an HTTP status line and header"), rec.raw)
	}
	page, err := httpBody(hdr, body, r.opts.MaxDocBytes)
	if err != nil {
		return r.errorDoc(rec.offset, size, ReasonInvalidHTTP, err, rec.raw)
	}
	// A page stored as it was sent lies in the reader's buffer, which the
	// records read next overwrite while the document waits in its batch.
	d.HTML = bytes.Clone(decodeCharset(page, headerValue(hdr, "Content-Type")))
	return d
}

func toValid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// splitHTTP splits an HTTP response into its status code, header lines
// and body; ok is false when it has no status line or no end of header.
func splitHTTP(msg []byte) (status int, hdr, body []byte, ok bool) {
	end, skip := bytes.Index(msg, []byte("\r\n\r\n")), 4
	if i := bytes.Index(msg, []byte("\n\n")); i >= 0 && (end < 0 || i < end) {
		end, skip = i, 2
	}
	if end < 0 {
		return 0, nil, nil, false
	}
	head := msg[:end]
	line := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		line, hdr = head[:i], head[i+1:]
	}
	// HTTP/1.1 200 OK
	f := bytes.Fields(line)
	if len(f) < 2 || !bytes.HasPrefix(f[0], []byte("HTTP/")) {
		return 0, nil, nil, false
	}
	status, err := strconv.Atoi(string(f[1]))
	if err != nil {
		return 0, nil, nil, false
	}
	return status, hdr, msg[end+skip:], true
}

// isHTML reports whether a response is a page: its media type, or with
// none, markup at the start of its body.
func isHTML(contentType string, msg []byte) bool {
	if contentType != "" {
		mt, _, _ := strings.Cut(contentType, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
		return mt == "text/html" || mt == "application/xhtml+xml"
	}
	_, _, body, _ := splitHTTP(msg)
	body = bytes.TrimLeft(bytes.TrimPrefix(body, bom), " \t\r\n")
	head := strings.ToLower(string(body[:min(len(body), 14)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}

// httpBody undoes the transfer and content encodings crawlers store as
// received (chunked; gzip, deflate, zstd), the decoded body bounded by
// limit.
func httpBody(hdr, body []byte, limit int) ([]byte, error) {
	if strings.Contains(strings.ToLower(headerValue(hdr, "Transfer-Encoding")), "chunked") {
		// Many crawlers store the body de-chunked but keep the header:
		// only a body that parses as chunks is taken as one.
		if b, ok := dechunk(body); ok {
			body = b
		}
	}
	enc := strings.ToLower(headerValue(hdr, "Content-Encoding"))
	var zr io.Reader
	switch enc {
	case "", "identity", "none":
		return body, nil
	case "gzip", "x-gzip":
		g, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return tolerateEncoded(body, enc, err)
		}
		zr = g
	case "deflate":
		zr = flate.NewReader(bytes.NewReader(body))
	case "zstd":
		z, err := zstd.NewReader(bytes.NewReader(body), zstd.WithDecoderMaxWindow(maxZstdWindow), zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, err
		}
		defer z.Close()
		zr = z
	default:
		return tolerateEncoded(body, enc, errors.New("unsupported"))
	}
	// Bounded: a small body may inflate without end.
	out, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
	if len(out) > limit {
		return nil, fmt.Errorf("Content-Encoding %s: decoded body over --max-doc-bytes (%d)", enc, limit)
	}
	if err != nil {
		return tolerateEncoded(body, enc, err)
	}
	return out, nil
}

// tolerateEncoded is the body of a response whose Content-Encoding cannot
// be undone: crawlers that decode bodies often keep the header, so a body
// that reads as markup is taken as it is.
func tolerateEncoded(body []byte, enc string, err error) ([]byte, error) {
	if t := bytes.TrimLeft(body, " \t\r\n"); len(t) > 0 && t[0] == '<' {
		return body, nil
	}
	return nil, fmt.Errorf("Content-Encoding %s: %w", enc, err)
}

// dechunk decodes an HTTP/1.1 chunked body; ok is false when it is not
// one.
func dechunk(b []byte) (out []byte, ok bool) {
	for {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return nil, false
		}
		size := bytes.TrimSpace(b[:i])
		if j := bytes.IndexByte(size, ';'); j >= 0 {
			size = size[:j]
		}
		n, err := strconv.ParseInt(string(size), 16, 64)
		if err != nil || n < 0 || n > int64(len(b)-i-1) {
			return nil, false
		}
		if n == 0 {
			return out, true
		}
		out = append(out, b[i+1:i+1+int(n)]...)
		b = bytes.TrimPrefix(bytes.TrimPrefix(b[i+1+int(n):], []byte("\r")), []byte("\n"))
	}
}

// decodeCharset returns page in UTF-8 when the HTTP Content-Type names its
// charset, which comes before the page's own <meta>. As for the meta, a
// byte-order mark comes first and bytes that are valid UTF-8 with non-ASCII
// text are taken as UTF-8 whatever the label says (a mislabelled page is
// far more common than a legacy one that happens to be valid UTF-8).
// Without a usable label the page goes as it is, for the extractor to
// decode from its meta.
func decodeCharset(page []byte, contentType string) []byte {
	_, params, _ := strings.Cut(contentType, ";")
	label := ""
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(p, "=")
		if strings.EqualFold(strings.TrimSpace(k), "charset") {
			label = strings.Trim(strings.TrimSpace(v), `"'`)
			break
		}
	}
	if label == "" || bytes.HasPrefix(page, bom) || bytes.HasPrefix(page, []byte{0xff, 0xfe}) || bytes.HasPrefix(page, []byte{0xfe, 0xff}) {
		return page
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return page
	}
	if name, _ := htmlindex.Name(enc); name == "utf-8" {
		return bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	if utf8.Valid(page) && !isASCIIBytes(page) {
		return page
	}
	out, err := enc.NewDecoder().Bytes(page)
	if err != nil {
		return page
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD"))
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isFileField reports whether a whole-file document writes key itself.
func (d *Doc) isFileField(key string) bool {
	for _, f := range d.fileFields {
		if f.Key == key {
			return true
		}
	}
	return false
}

// sniffWARC reports whether an input of JSON Lines by default (standard
// input, a file whose name did not tell) is in fact WARC, from its first
// bytes, and makes it read as WARC if so.
func (r *Reader) sniffWARC() bool {
	if r.line > 0 || r.opts.Format != FormatAuto || (r.in.Format != FormatJSONL && r.in.Format != FormatAuto) || !r.isWARC() {
		return false
	}
	r.in.Format = FormatWARC
	return true
}

// readRecords is ReadLines for WARC: it cuts whole records, those that
// may be documents, re-framed, for NewLinesReader. Records that cannot be
// read are left out: the clean pass reports them.
func (r *Reader) readRecords(l *Lines, n int) error {
	if r.warc == nil {
		r.warc = &warcState{skipped: map[string]int64{}}
	}
	for len(l.Data) < n {
		rec, _, err := r.frameRecord()
		if err != nil {
			if len(l.Data) > 0 {
				return nil
			}
			if err != io.EOF {
				err = fmt.Errorf("%s: %w", r.in.Path, err)
			}
			return err
		}
		if rec == nil || r.skipKind(rec, rec.content) != "" {
			continue
		}
		l.Data = append(l.Data, rec.headers...)
		l.Data = append(l.Data, "\r\n"...)
		l.Data = append(l.Data, rec.content...)
		l.Data = append(l.Data, "\r\n\r\n"...)
	}
	return nil
}

// IsWARC reports whether the file at path, once decompressed, starts as a
// WARC file does: how a file whose name does not tell its format is
// recognised.
func IsWARC(path string) bool { return startsWith(path, Open, warcMagic) }

// startsWith reports whether the file at path, as open reads it, starts
// with magic.
func startsWith(path string, open func(string) (io.ReadCloser, error), magic []byte) bool {
	rc, err := open(path)
	if err != nil {
		return false
	}
	defer rc.Close()
	head := make([]byte, len(magic))
	_, err = io.ReadFull(rc, head)
	return err == nil && bytes.Equal(head, magic)
}
