package docio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
	"github.com/newsclean/clean/internal/warcgen"
)

const page1 = "<html><head><title>One</title></head><body><p>First page text.</p></body></html>"

// crawl is a small crawl: warcinfo, three pages with their request and
// metadata records, an image, a redirect and a WET-style conversion.
func crawl() []warcgen.Record {
	recs := []warcgen.Record{warcgen.Info()}
	recs = append(recs, warcgen.Crawl("https://News.example/a", "text/html; charset=utf-8", []byte(page1))...)
	recs = append(recs, warcgen.Response("https://img.example/x.png", "image/png", []byte("\x89PNG....")))
	recs = append(recs, warcgen.Record{Type: "response", URI: "https://news.example/old", ContentType: "application/http; msgtype=response",
		Content: warcgen.HTTPResponse(301, []string{"Content-Type: text/html", "Location: /a"}, []byte("<html>moved</html>"))})
	// windows-1251 bytes, said by the header only: "Привет"
	cp1251 := []byte("<html><body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></body></html>")
	recs = append(recs, warcgen.Response("http://ru.example:8080/b", "text/html; charset=windows-1251", cp1251))
	recs = append(recs, warcgen.Conversion("https://wet.example/c", "Line one\r\nLine two"))
	return recs
}

func writeWARC(t testing.TB, recs []warcgen.Record, gz bool) ([]byte, []int64) {
	t.Helper()
	var b bytes.Buffer
	w := warcgen.NewWriter(&b, gz)
	if err := w.Write(recs...); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), w.Offsets
}

// readWARCFile reads data as a file named name through Open, as the
// pipeline does.
func readWARCFile(t *testing.T, name string, data []byte, opts Options) ([]*Doc, map[string]int64, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	rc, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	r := NewReader(rc, Input{Path: path, Format: FormatWARC}, opts)
	var docs []*Doc
	for {
		d, err := r.Next()
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return docs, r.Skipped(), err
		}
		docs = append(docs, d)
	}
}

func TestWARCRecords(t *testing.T) {
	for _, gz := range []bool{false, true} {
		data, _ := writeWARC(t, crawl(), gz)
		docs, skipped, err := readWARCFile(t, "crawl.warc.gz", data, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 3 {
			t.Fatalf("gzip %v: %d documents, want 3: %+v", gz, len(docs), docs)
		}
		want := map[string]int64{"warcinfo": 1, "request": 1, "metadata": 1, "response_not_html": 1, "response_not_200": 1}
		if len(skipped) != len(want) {
			t.Errorf("skipped %v, want %v", skipped, want)
		}
		for k, n := range want {
			if skipped[k] != n {
				t.Errorf("skipped %v, want %v", skipped, want)
			}
		}
		if d := docs[0]; string(d.HTML) != page1 || d.Site != "news.example" || d.ID != "<urn:uuid:00000000-0000-4000-8000-000000000003>" {
			t.Errorf("page: id %q site %q html %q", d.ID, d.Site, d.HTML)
		}
		if got := string(docs[1].HTML); !strings.Contains(got, "Привет") || docs[1].Site != "ru.example" {
			t.Errorf("charset from the HTTP header not applied: %q (site %q)", got, docs[1].Site)
		}
		if d := docs[2]; d.Text != "Line one\nLine two" || d.HTML != nil {
			t.Errorf("conversion: text %q", d.Text)
		}
		out := string(docs[0].AppendJSON(nil, "T"))
		if out != `{"id":"<urn:uuid:00000000-0000-4000-8000-000000000003>","url":"https://News.example/a","warc_date":"2024-03-01T12:00:00Z","text":"T"}`+"\n" {
			t.Errorf("output record %s", out)
		}
	}
}

// The record holding a corrupt gzip member is lost and named with its
// offset; the records after it are read; the input ends damaged.
func TestWARCCorruptMember(t *testing.T) {
	recs := []warcgen.Record{warcgen.Conversion("https://a.example/1", "one"), warcgen.Conversion("https://a.example/2", strings.Repeat("two ", 500)),
		warcgen.Conversion("https://a.example/3", "three")}
	data, offs := writeWARC(t, recs, true)
	for name, damage := range map[string]func([]byte) []byte{
		"corrupt deflate": func(b []byte) []byte { b[offs[1]+20] ^= 0xff; b[offs[1]+30] ^= 0x55; return b },
		"bad checksum":    func(b []byte) []byte { b[offs[2]-8] ^= 1; return b },
		"bad header":      func(b []byte) []byte { b[offs[1]+2] = 9; return b }, // not deflate
		"cut member":      func(b []byte) []byte { return append(b[:offs[1]+40:offs[1]+40], b[offs[2]:]...) },
	} {
		t.Run(name, func(t *testing.T) {
			docs, _, err := readWARCFile(t, "x.warc.gz", damage(bytes.Clone(data)), Options{})
			if len(docs) != 3 || docs[0].Text != "one" || docs[2].Text != "three" {
				t.Fatalf("documents %+v", docs)
			}
			rej, ok := errors.AsType[*Reject](docs[1].Err)
			if !ok || rej.Reason != ReasonDamagedRecord || !strings.Contains(docs[1].Err.Error(), "x.warc.gz: record at byte") {
				t.Errorf("damaged record: %v", docs[1].Err)
			}
			if err == nil || !strings.Contains(err.Error(), "1 damaged record") {
				t.Errorf("input error %v, want damage named at the end", err)
			}
		})
	}
}

func TestWARCTruncated(t *testing.T) {
	recs := []warcgen.Record{warcgen.Conversion("https://a.example/1", "one"), warcgen.Conversion("https://a.example/2", strings.Repeat("two ", 500))}
	for _, gz := range []bool{false, true} {
		data, offs := writeWARC(t, recs, gz)
		cut := data[:offs[1]+(int64(len(data))-offs[1])/2]
		docs, _, err := readWARCFile(t, "x.warc", cut, Options{})
		if len(docs) != 2 || docs[0].Text != "one" || docs[1].Err == nil {
			t.Fatalf("gzip %v: documents %+v", gz, docs)
		}
		if !strings.Contains(docs[1].Err.Error(), "record at byte") || err == nil {
			t.Errorf("gzip %v: record error %v, input error %v", gz, docs[1].Err, err)
		}
	}
}

// Garbage between records of a plain WARC is one invalid record; reading
// resumes at the next WARC/1. line.
func TestWARCGarbageResync(t *testing.T) {
	a := warcgen.Conversion("https://a.example/1", "one").Bytes(1)
	b := warcgen.Conversion("https://a.example/2", "two").Bytes(2)
	bad := []byte("WARC/1.0\r\nContent-Length: zz\r\n\r\nnonsense\r\n\r\n")
	long := bytes.Replace(warcgen.Conversion("https://a.example/3", "three").Bytes(3), []byte("Content-Length: 5"), []byte("Content-Length: 25"), 1)
	short := bytes.Replace(warcgen.Conversion("https://a.example/3", "three").Bytes(3), []byte("Content-Length: 5"), []byte("Content-Length: 3"), 1)
	data := bytes.Join([][]byte{a, []byte("junk junk\n"), b, bad, a, long, b, short, a}, nil)
	docs, _, err := readWARCFile(t, "x.warc", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, d := range docs {
		if d.Err != nil {
			rej, _ := errors.AsType[*Reject](d.Err)
			texts = append(texts, "ERR:"+rej.Reason)
		} else {
			texts = append(texts, d.Text)
		}
	}
	// A Content-Length too long swallows the next record; the resync
	// finds it again.
	if got := strings.Join(texts, ","); got != "one,ERR:invalid_warc,two,ERR:invalid_warc,one,ERR:invalid_warc,two,ERR:invalid_warc,one" {
		t.Errorf("got %s", got)
	}
}

func TestWARCLargeRecord(t *testing.T) {
	big := bytes.Repeat([]byte("<p>x</p>"), 1000)
	recs := []warcgen.Record{
		warcgen.Response("https://a.example/big", "text/html", big),
		warcgen.Response("https://a.example/big.bin", "application/octet-stream", big),
		warcgen.Conversion("https://a.example/1", "one"),
	}
	data, _ := writeWARC(t, recs, true)
	docs, skipped, err := readWARCFile(t, "x.warc.gz", data, Options{MaxDocBytes: 4000})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[1].Text != "one" || skipped["response_not_html"] != 1 {
		t.Fatalf("docs %+v skipped %v", docs, skipped)
	}
	if rej, ok := errors.AsType[*Reject](docs[0].Err); !ok || rej.Reason != ReasonTooLarge {
		t.Errorf("big page: %v", docs[0].Err)
	}
}

func TestWARCHTTPEncodings(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page1))
	zw.Close()
	chunked := fmt.Appendf(nil, "10\r\n%s\r\n%x;ext=1\r\n%s\r\n0\r\n\r\n", page1[:16], len(page1)-16, page1[16:])
	resp := func(hdr []string, body []byte) warcgen.Record {
		return warcgen.Record{Type: "response", URI: "https://a.example/", Content: warcgen.HTTPResponse(200, hdr, body)}
	}
	recs := []warcgen.Record{
		resp([]string{"Content-Type: text/html", "Content-Encoding: gzip"}, gz.Bytes()),
		resp([]string{"Content-Type: text/html", "Transfer-Encoding: chunked"}, chunked),
		resp([]string{"Content-Type: text/html", "Transfer-Encoding: chunked"}, []byte(page1)), // stored de-chunked
		resp([]string{"Content-Type: text/html", "Content-Encoding: br"}, []byte{1, 2, 3}),
		resp(nil, []byte("  <!DOCTYPE html>"+page1)), // no media type: sniffed
	}
	data, _ := writeWARC(t, recs, false)
	docs, _, err := readWARCFile(t, "x.warc", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 5 {
		t.Fatalf("%d documents", len(docs))
	}
	for i, d := range docs {
		if i == 3 {
			if rej, ok := errors.AsType[*Reject](d.Err); !ok || rej.Reason != ReasonInvalidHTTP {
				t.Errorf("brotli body: %v", d.Err)
			}
			continue
		}
		if d.Err != nil || !strings.Contains(string(d.HTML), page1) {
			t.Errorf("record %d: %v %q", i, d.Err, d.HTML)
		}
	}
}

// Records cut by ReadLines and read back by NewLinesReader are the
// documents Next reads.
func TestWARCReadLines(t *testing.T) {
	data, _ := writeWARC(t, append(crawl(), crawl()...), true)
	want, _, err := readWARCFile(t, "x.warc.gz", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rc, err := decompress(mustTemp(t, data))
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Path: "x", Format: FormatJSONL} // recognised from the content
	r := NewReader(rc, in, Options{})
	var got []*Doc
	var l Lines
	for {
		err := r.ReadLines(&l, 300)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		lr := NewLinesReader(&Lines{Data: bytes.Clone(l.Data)}, in, Options{})
		for {
			d, err := lr.NextText()
			if err != nil {
				break
			}
			c := *d
			c.HTML = bytes.Clone(d.HTML)
			got = append(got, &c)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d documents from runs, %d read whole", len(got), len(want))
	}
	for i := range got {
		if got[i].Text != want[i].Text || !bytes.Equal(got[i].HTML, want[i].HTML) || got[i].Site != want[i].Site {
			t.Errorf("document %d differs", i)
		}
	}
}

func mustTemp(t *testing.T, data []byte) *os.File {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFormatOfWARC(t *testing.T) {
	for _, name := range []string{"a.warc", "CC-MAIN-x.warc.gz", "CC-MAIN-x.warc.wet.gz", "A.WARC.GZ"} {
		if f, ok := FormatOf(name); !ok || f != FormatWARC {
			t.Errorf("%s: %v %v", name, f, ok)
		}
	}
	// A name that does not tell: recognised from the content.
	data, _ := writeWARC(t, crawl(), true)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "crawl-00001"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "notes"), []byte("hello"), 0o644)
	inputs, skipped, err := Files([]string{dir, filepath.Join(dir, "crawl-00001")}, Options{})
	if err != nil || len(inputs) != 2 || inputs[0].Format != FormatWARC || inputs[1].Format != FormatWARC || len(skipped) != 1 {
		t.Errorf("inputs %+v skipped %v err %v", inputs, skipped, err)
	}
}

// FuzzWARC: any input is read to its end without a panic, in bounded
// memory, every document valid UTF-8 with an id.
func FuzzWARC(f *testing.F) {
	plain, _ := writeWARC(f, crawl(), false)
	f.Add(plain)
	f.Add(plain[:len(plain)/2])
	f.Add([]byte("WARC/1.0\r\nContent-Length: 5\r\nWARC-Type: conversion\r\n\r\nab"))
	f.Add([]byte("WARC/1.1\nWARC-Type: response\nContent-Length: 30\n\nHTTP/1.1 200\n\n<html>\xff</html>\n\n"))
	gz, _ := writeWARC(f, crawl()[:4], true)
	f.Add(gz)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		var src io.Reader = bytes.NewReader(data)
		plain := !bytes.HasPrefix(data, gzipMagic)
		if !plain { // through Open: member resync
			path := filepath.Join(dir, "f")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			rc, err := Open(path)
			if err != nil {
				return
			}
			defer rc.Close()
			src = rc
		}
		r := NewReader(src, Input{Path: "f", Format: FormatWARC}, Options{MaxDocBytes: 1 << 12})
		for i := 0; ; i++ {
			d, err := r.Next()
			if err != nil {
				return
			}
			if plain && i > len(data) {
				t.Fatal("more documents than bytes")
			}
			if d.ID == "" || !utf8.ValidString(d.ID) || !utf8.ValidString(d.Text) {
				t.Fatalf("document %+v", d)
			}
			if plain && d.Err == nil && d.Bytes > len(data) {
				t.Fatalf("document of %d bytes from %d", d.Bytes, len(data))
			}
		}
	})
}

// TestWARCDocsOwnTheirPages: documents read one after another and kept
// (as the pipeline batches them) each hold their own page. The pages lay
// in the reader's buffer, which later records overwrote: clean
// --site-repeat=false, and every shard verb, gave pages of the
// extraction benchmark's WARC another page's text.
func TestWARCDocsOwnTheirPages(t *testing.T) {
	var recs []warcgen.Record
	var pages []string
	for i := range 300 {
		page := fmt.Sprintf("<html><body><p>Page %d. %s</p></body></html>", i, strings.Repeat(fmt.Sprintf("words of page %d ", i), 40+i%50))
		pages = append(pages, page)
		recs = append(recs, warcgen.Response(fmt.Sprintf("https://news.example/%d", i), "text/html", []byte(page)))
	}
	for _, gz := range []bool{false, true} {
		data, _ := writeWARC(t, recs, gz)
		docs, _, err := readWARCFile(t, "many.warc.gz", data, Options{})
		if err != nil || len(docs) != len(pages) {
			t.Fatalf("gzip %v: %d documents, %v", gz, len(docs), err)
		}
		wrong := 0
		for i, d := range docs {
			if string(d.HTML) != pages[i] {
				wrong++
			}
		}
		if wrong > 0 {
			t.Errorf("gzip %v: %d of %d documents hold another page than their record's", gz, wrong, len(docs))
		}
	}
}
