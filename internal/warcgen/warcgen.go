// Package warcgen writes WARC and WET files, for tests and benchmarks: a
// crawl's records (warcinfo, request, response, metadata) around given
// pages, each record in its own gzip member as crawlers write them.
package warcgen

import (
	"bytes"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
)

// Record is one WARC record.
type Record struct {
	Type        string // WARC-Type
	URI         string // WARC-Target-URI
	Date        string // WARC-Date; a fixed date when empty
	ID          string // WARC-Record-ID; made from the record's number when empty
	ContentType string
	Content     []byte
}

// Bytes frames the record: version line, headers, content, two CRLFs.
func (r Record) Bytes(n int) []byte {
	var b bytes.Buffer
	date, id := r.Date, r.ID
	if date == "" {
		date = "2024-03-01T12:00:00Z"
	}
	if id == "" {
		id = fmt.Sprintf("<urn:uuid:00000000-0000-4000-8000-%012d>", n)
	}
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Date: %s\r\nWARC-Record-ID: %s\r\n", r.Type, date, id)
	if r.URI != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.URI)
	}
	if r.ContentType != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", r.ContentType)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(r.Content))
	b.Write(r.Content)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// HTTPResponse is an HTTP/1.1 response with the given status, headers
// (each "Name: value") and body.
func HTTPResponse(status int, headers []string, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d X\r\n", status)
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	return b.Bytes()
}

// Response is a response record of an HTML page served with contentType.
func Response(uri, contentType string, page []byte) Record {
	return Record{Type: "response", URI: uri, ContentType: "application/http; msgtype=response",
		Content: HTTPResponse(200, []string{"Content-Type: " + contentType}, page)}
}

// Crawl is the records a crawler writes for one page: request, response,
// metadata.
func Crawl(uri, contentType string, page []byte) []Record {
	return []Record{
		{Type: "request", URI: uri, ContentType: "application/http; msgtype=request",
			Content: []byte("GET / HTTP/1.1\r\nHost: example\r\n\r\n")},
		Response(uri, contentType, page),
		{Type: "metadata", URI: uri, ContentType: "application/warc-fields", Content: []byte("fetchTimeMs: 12\r\n")},
	}
}

// Info is a warcinfo record.
func Info() Record {
	return Record{Type: "warcinfo", ContentType: "application/warc-fields", Content: []byte("software: warcgen\r\n")}
}

// Conversion is a WET conversion record of text.
func Conversion(uri, text string) Record {
	return Record{Type: "conversion", URI: uri, ContentType: "text/plain", Content: []byte(text)}
}

// Writer writes records, each in its own gzip member when compressing.
type Writer struct {
	w    io.Writer
	gzip bool
	n    int
	// Offsets are where each record written starts in the output.
	Offsets []int64
	at      int64
}

// NewWriter writes records to w, gzip-compressed one member per record
// when gz is true.
func NewWriter(w io.Writer, gz bool) *Writer { return &Writer{w: w, gzip: gz} }

// Write writes records.
func (w *Writer) Write(recs ...Record) error {
	for _, r := range recs {
		w.n++
		data := r.Bytes(w.n)
		if w.gzip {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
			zw.Write(data)
			zw.Close()
			data = b.Bytes()
		}
		w.Offsets = append(w.Offsets, w.at)
		n, err := w.w.Write(data)
		w.at += int64(n)
		if err != nil {
			return err
		}
	}
	return nil
}
