package docio

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// newsCorpus builds n JSON Lines records from the seed articles: a few
// short fields and one long text, like scraped news. With asciiOnly the
// text has every non-ASCII character \u-escaped, as Python's json.dumps
// writes by default.
func newsCorpus(b *testing.B, n int, asciiOnly bool) (data []byte, texts []string) {
	paths, err := filepath.Glob("../fixtures/seeds/*.txt")
	if err != nil || len(paths) == 0 {
		b.Fatal("no seed articles", err)
	}
	for _, p := range paths {
		t, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	var buf bytes.Buffer
	for i := range n {
		text := AppendString(nil, texts[i%len(texts)])
		if asciiOnly {
			text = escapeNonASCII(text)
		}
		fmt.Fprintf(&buf, `{"id":"news-%d","url":"https://www.example-news.com/world/2014/%d.html","title":"Story %d","date":"2014-11-02T10:00:00Z","text":%s,"tags":["world","politics"],"score":0.87}`+"\n", i, i, i, text)
	}
	return buf.Bytes(), texts
}

func escapeNonASCII(s []byte) []byte {
	var out []byte
	for _, r := range string(s) {
		switch {
		case r < 0x80:
			out = append(out, byte(r))
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			out = fmt.Appendf(out, `\u%04x\u%04x`, r1, r2)
		default:
			out = fmt.Appendf(out, `\u%04x`, r)
		}
	}
	return out
}

// BenchmarkNext times Next and NextText (the learn pass's reading).
func BenchmarkNext(b *testing.B) {
	for _, bench := range []struct {
		name  string
		ascii bool
		next  func(*Reader) (*Doc, error)
	}{
		{"utf8", false, (*Reader).Next},
		{"escaped", true, (*Reader).Next},
		{"text/utf8", false, (*Reader).NextText},
		{"text/escaped", true, (*Reader).NextText},
	} {
		b.Run(bench.name, func(b *testing.B) {
			data, _ := newsCorpus(b, 2000, bench.ascii)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r := NewReader(bytes.NewReader(data), Input{Path: "bench", Format: FormatJSONL}, Options{})
				for {
					if _, err := bench.next(r); err == io.EOF {
						break
					} else if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkScan measures validation alone, the scanner's share of Next.
func BenchmarkScan(b *testing.B) {
	data, _ := newsCorpus(b, 2000, false)
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	var s scanner
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		for _, l := range lines {
			if err := s.scanRecord(l); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkAppendJSON(b *testing.B) {
	data, _ := newsCorpus(b, 200, false)
	docs, err := readDocs(b, bytes.NewReader(data), Input{Path: "bench", Format: FormatJSONL}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	// Stripping returns a different string: a copy of the text with its
	// last line dropped.
	stripped := make([]string, len(docs))
	for i, d := range docs {
		stripped[i] = strings.Clone(d.Text[:strings.LastIndexByte(strings.TrimRight(d.Text, "\n"), '\n')+1])
	}
	extra := []Field{{"cluster", []byte(`"news-1"`)}, {"duplicate", []byte("false")}}
	cases := []struct {
		name  string
		text  func(i int) string
		extra []Field
	}{
		{"unchanged", func(i int) string { return docs[i].Text }, nil},
		{"changed", func(i int) string { return stripped[i] }, nil},
		{"changed+extra", func(i int) string { return stripped[i] }, extra},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var out []byte
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				for i, d := range docs {
					out = d.AppendJSON(out[:0], c.text(i), c.extra...)
				}
			}
		})
	}
}

func BenchmarkAppendString(b *testing.B) {
	_, texts := newsCorpus(b, 1, false)
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	var out []byte
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, t := range texts {
			out = AppendString(out[:0], t)
		}
	}
}
