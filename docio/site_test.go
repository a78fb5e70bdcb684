package docio

import (
	"os"
	"path/filepath"
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
