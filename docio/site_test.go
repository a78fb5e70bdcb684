package docio

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestPageSite checks that an HTML page's site is the host it names in
// its head, and the directory only when it names none: before, every page
// of a directory was one site, whatever host it came from.
func TestPageSite(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, page, site string }{
		{"canonical.html", `<html><head><link rel="canonical" href="https://News.Example.com/a/1"><meta property="og:url" content="https://og.example/a"></head><body><p>x</p></body></html>`, "news.example.com"},
		{"og.html", `<head><meta property="og:url" content="https://www.og.example/story?id=1"><link rel="stylesheet" href="https://cdn.example/s.css">`, "www.og.example"},
		{"base.html", `<!doctype html><head><base href="http://base.example:8080/"><title>t</title></head><p>x`, "base.example"},
		{"relative.html", `<head><link rel="canonical" href="/a/1"><meta name="og:url" content="//proto.example/a"></head>`, "proto.example"},
		{"rel-list.html", `<head><LINK REL="Canonical amphtml" HREF=" https://upper.example/x "></head>`, "upper.example"},
		{"in-script.html", `<head><script>document.write('<link rel="canonical" href="https://script.example/">')</script></head><body>x</body>`, dir},
		{"after-body.html", `<head><title>t</title></head><body><link rel="canonical" href="https://late.example/"></body>`, dir},
		{"order.html", `<head><!-- <link rel="canonical" href="https://comment.example/"> --><meta data-x="a>b" content='https://order.example/?a=1&amp;b=2' property=og:url></head>`, "order.example"},
		{"unclosed-title.html", `<head><title>Broken <link rel=canonical href=https://after-title.example/a/b>`, "after-title.example"},
		{"none.html", `<p>no head at all</p>`, dir},
		{"page.txt", `<link rel="canonical" href="https://text.example/">`, dir}, // text is not markup
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, []byte(tt.page), 0o644); err != nil {
			t.Fatal(err)
		}
		format, _ := FormatOf(path)
		docs, err := readDocs(t, strings.NewReader(tt.page), Input{Path: path, Format: format}, Options{})
		if err != nil || len(docs) != 1 {
			t.Fatalf("%s: %d docs, %v", tt.name, len(docs), err)
		}
		if docs[0].Site != tt.site {
			t.Errorf("%s: site %q, want %q", tt.name, docs[0].Site, tt.site)
		}
	}

	// A record of HTML: its url field first, then the host its page names.
	records := `{"url":"https://field.example/x","html":"<head><link rel=canonical href=https://page.example/></head>"}
{"html":"<head><link rel=canonical href=https://page.example/></head>"}
{"html":"<p>nothing</p>"}
{"text":"<link rel=canonical href=https://page.example/>"}
`
	want := []string{"field.example", "page.example", "in.jsonl", "in.jsonl"}
	for _, borrow := range []bool{false, true} {
		rd := NewReader(strings.NewReader(records), Input{Path: "in.jsonl", Format: FormatJSONL}, Options{})
		for i, w := range want {
			d, err := rd.next(borrow)
			if err != nil || d.Site != w {
				t.Errorf("record %d (borrowed %v): site %q, error %v; want %q", i+1, borrow, d.Site, err, w)
			}
		}
	}
}

// TestWholeFileRead checks that a whole file is read into a buffer of its
// size: reading a 2 KB page through Open allocated over 256 KB before (a
// 256 KB read buffer, then io.ReadAll growing from 512 bytes).
func TestWholeFileRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.html")
	page := strings.Repeat("<p>A paragraph of the page.</p>\n", 64)
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	read := func() {
		f, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		d, err := NewReader(f, Input{Path: path, Format: FormatHTML}, Options{}).Next()
		if err != nil || string(d.HTML) != page {
			t.Fatalf("read %q, %v", d.HTML, err)
		}
	}
	read()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const n = 20
	for range n {
		read()
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 4*uint64(len(page)) {
		t.Errorf("%d bytes allocated to read a page of %d", per, len(page))
	}
}

// sizedReader claims a size, maybe wrongly, as a file that changed would.
type sizedReader struct {
	*strings.Reader
	size int64
}

func (s sizedReader) Size() int64 { return s.size }

func TestReadAllSized(t *testing.T) {
	data := strings.Repeat("x", 1000)
	for _, size := range []int64{0, 10, 999, 1000, 5000} {
		for _, limit := range []int64{1, 500, 1001, 1 << 20} {
			got, err := readAll(sizedReader{strings.NewReader(data), size}, limit)
			if want := data[:min(int64(len(data)), limit)]; err != nil || string(got) != want {
				t.Errorf("size %d, limit %d: read %d bytes, %v; want %d", size, limit, len(got), err, len(want))
			}
		}
	}
}
