package docio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

const awkwardPath = "../fixtures/jsonl/awkward.jsonl"

// readDocs reads every document of data, stopping at the first error.
func readDocs(t testing.TB, data io.Reader, in Input, opts Options) ([]*Doc, error) {
	t.Helper()
	r := NewReader(data, in, opts)
	var docs []*Doc
	for {
		d, err := r.Next()
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		docs = append(docs, d)
	}
}

// awkwardLines returns the fixture's lines without their line ends.
func awkwardLines(t testing.TB) (data []byte, lines [][]byte) {
	t.Helper()
	data, err := os.ReadFile(awkwardPath)
	if err != nil {
		t.Fatal(err)
	}
	return data, bytes.Split(data, []byte("\n"))
}

func TestAwkward(t *testing.T) {
	src := "awkward.jsonl"
	// want lists every record by line. out is the record written back
	// with its own text; "" means the input line, trimmed.
	want := []struct {
		line           int
		id, text, site string
		html           string
		err            string
		out            string
	}{
		{line: 1, id: "a1", text: "Hello é 😀 world", site: "example.com"},
		{line: 2, id: "dup", text: "first", site: src},
		{line: 3, id: "42", text: "key order kept", site: src},
		{line: 4, id: "awkward.jsonl:4", text: "no id here", site: src},
		{line: 5, id: "h1", html: "<p>Only <b>html</b></p>", site: "news.example.org",
			out: `{"id":"h1","html":"<p>Only <b>html</b></p>","url":"http://news.example.org:8080/a","text":""}`},
		{line: 6, id: "crlf", text: "windows line", site: src},
		{line: 9, err: "awkward.jsonl:9: invalid JSON at byte 20: unterminated string"},
		{line: 10, id: "utf8", text: "bad \uFFFD\uFFFD bytes", site: src,
			out: "{\"id\":\"utf8\",\"text\":\"bad \uFFFD\uFFFD bytes\",\"other\":\"raw \xc3( kept\"}"}, // the text repaired, other fields untouched
		{line: 11, id: "spaced", text: "inner whitespace", site: src},
		{line: 12, id: "esc", text: "quote \" backslash \\ slash / tab \t nl \n", site: src},
		{line: 13, id: "lone", text: "lone \uFFFD surrogate", site: src,
			out: "{\"id\":\"lone\",\"text\":\"lone \uFFFD surrogate\"}"}, // repaired though unchanged
		{line: 14, err: `awkward.jsonl:14: field "text" is not a string`},
		{line: 15, err: "awkward.jsonl:15: invalid JSON at byte 1: record is not a JSON object (starts with '[')"},
		{line: 16, id: "1.5e3", text: "numeric id with exponent", site: src},
		{line: 17, err: `awkward.jsonl:17: no field "text" (nor "html")`},
		{line: 18, err: `awkward.jsonl:18: no field "text" (nor "html")`},
		{line: 19, id: "u2028", text: "line\u2028sep and raw \u2028 too", site: src},
		{line: 20, id: "deep", text: "x", site: src},
	}
	data, lines := awkwardLines(t)
	docs, err := readDocs(t, bytes.NewReader(data), Input{Path: src, Format: FormatJSONL}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d documents, want %d", len(docs), len(want))
	}
	for i, w := range want {
		d := docs[i]
		if d.Line != w.line {
			t.Errorf("doc %d: line %d, want %d", i, d.Line, w.line)
			continue
		}
		if w.err != "" {
			if d.Err == nil || d.Err.Error() != w.err {
				t.Errorf("line %d: error %v, want %q", w.line, d.Err, w.err)
			}
			continue
		}
		if d.Err != nil {
			t.Errorf("line %d: unexpected error %v", w.line, d.Err)
			continue
		}
		if d.ID != w.id || d.Text != w.text || string(d.HTML) != w.html || d.Site != w.site || d.Source != src {
			t.Errorf("line %d: got id %q text %q html %q site %q source %q, want %q %q %q %q", w.line,
				d.ID, d.Text, d.HTML, d.Site, d.Source, w.id, w.text, w.html, w.site)
		}
		line := lines[w.line-1]
		if d.Bytes != len(bytes.TrimSuffix(line, []byte("\r"))) {
			t.Errorf("line %d: Bytes = %d, want %d", w.line, d.Bytes, len(line))
		}
		out := w.out
		if out == "" {
			out = string(trimSpace(bytes.TrimPrefix(line, bom)))
		}
		if got := string(d.AppendJSON(nil, d.Text)); got != out+"\n" {
			t.Errorf("line %d: written back as\n%s\nwant\n%s", w.line, got, out)
		}
	}
}

func TestReaderLineEnds(t *testing.T) {
	tests := []struct {
		name  string
		input string
		ids   []string
		sizes []int
	}{
		{"no final newline", `{"id":"a","text":""}` + "\n" + `{"id":"b","text":""}`, []string{"a", "b"}, []int{20, 20}},
		{"crlf", `{"id":"a","text":""}` + "\r\n" + `{"id":"b","text":""}` + "\r\n", []string{"a", "b"}, []int{20, 20}},
		{"blank lines", "\n\r\n \t \n" + `{"id":"a","text":""}` + "\n\n", []string{"a"}, []int{20}},
		{"bom only on line 1", "\ufeff" + `{"id":"a","text":""}`, []string{"a"}, []int{23}},
		{"empty", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// OneByteReader exercises every buffer boundary.
			docs, err := readDocs(t, iotest.OneByteReader(strings.NewReader(tt.input)), Input{Path: "x", Format: FormatJSONL}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			var sizes []int
			for _, d := range docs {
				if d.Err != nil {
					t.Fatal(d.Err)
				}
				ids, sizes = append(ids, d.ID), append(sizes, d.Bytes)
			}
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") || len(sizes) != len(tt.sizes) {
				t.Fatalf("ids %q sizes %v, want %q %v", ids, sizes, tt.ids, tt.sizes)
			}
			for i := range sizes {
				if sizes[i] != tt.sizes[i] {
					t.Errorf("sizes %v, want %v", sizes, tt.sizes)
				}
			}
		})
	}
	// A BOM after line 1 is not whitespace: the line is malformed.
	docs, _ := readDocs(t, strings.NewReader(`{"text":""}`+"\n\ufeff"+`{"text":""}`+"\n"), Input{Path: "x", Format: FormatJSONL}, Options{})
	if len(docs) != 2 || docs[0].Err != nil || docs[1].Err == nil {
		t.Errorf("BOM on line 2 was accepted")
	}
}

func TestMaxDocBytes(t *testing.T) {
	const max = 64
	small := `{"id":"s","text":"ok"}`
	exact := `{"id":"e","text":"` + strings.Repeat("x", max-len(`{"id":"e","text":""}`)) + `"}`
	big := `{"id":"b","text":"` + strings.Repeat("y", 1000) + `"}`
	input := small + "\n" + big + "\r\n" + exact + "\r\n" + big + "\n" + small + "\n" + big
	for _, chunk := range []int{1, 7, 4096} {
		r := iotest.HalfReader(&chunkReader{s: input, n: chunk})
		docs, err := readDocs(t, r, Input{Path: "f.jsonl", Format: FormatJSONL}, Options{MaxDocBytes: max})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range docs {
			if d.Err != nil {
				got = append(got, d.Err.Error())
			} else {
				got = append(got, d.ID)
			}
		}
		tooBig := func(line int) string {
			return "f.jsonl:" + string(rune('0'+line)) + ": record of 1020 bytes exceeds --max-doc-bytes (64)"
		}
		want := []string{"s", tooBig(2), "e", tooBig(4), "s", tooBig(6)}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("chunk %d:\ngot  %q\nwant %q", chunk, got, want)
		}
	}
}

// chunkReader returns s n bytes at a time.
type chunkReader struct {
	s string
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.s) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.n)], c.s)
	c.s = c.s[n:]
	return n, nil
}

func TestLongLine(t *testing.T) {
	size := 100 << 20
	if testing.Short() {
		size = 8 << 20
	}
	text := bytes.Repeat([]byte("lorem ipsum "), size/12)
	var in bytes.Buffer
	in.WriteString(`{"id":"small","text":"s"}` + "\n" + `{"id":"long","text":"`)
	in.Write(text)
	in.WriteString(`"}` + "\n" + `{"id":"after","text":"a"}`)
	docs, err := readDocs(t, &in, Input{Path: "long.jsonl", Format: FormatJSONL}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 || docs[1].Err != nil || docs[2].ID != "after" {
		t.Fatalf("got %d docs", len(docs))
	}
	if d := docs[1]; d.ID != "long" || d.Text != string(text) {
		t.Errorf("long line: id %q, %d bytes of text, want %d", d.ID, len(d.Text), len(text))
	}
}

// failingReader returns data, then err.
type failingReader struct {
	data []byte
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestReadErrorKeepsEarlierDocs(t *testing.T) {
	boom := errors.New("boom")
	src := &failingReader{data: []byte(`{"id":"a","text":""}` + "\n" + `{"id":"b","text":""}` + "\n" + `{"id":"partial`), err: boom}
	docs, err := readDocs(t, src, Input{Path: "in.jsonl", Format: FormatJSONL}, Options{})
	if len(docs) != 2 || docs[0].ID != "a" || docs[1].ID != "b" {
		t.Errorf("got %d docs before the error, want a and b", len(docs))
	}
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "in.jsonl: ") {
		t.Errorf("error %v, want boom naming in.jsonl", err)
	}
}

func TestWholeFiles(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content string
		format        Format
		text, html    string
		out           string
	}{
		{"a.txt", "\ufeffline one\nline é \xff two\n", FormatText, "line one\nline é \uFFFD two\n", "",
			"{\"id\":\"DIR/a.txt\",\"text\":\"line one\\nline é \uFFFD two\\n\",\"cluster\":\"c\"}"},
		// Not UTF-8: windows-1252, and CRLF line ends become LF.
		{"c.txt", "caf\xe9 \x93ol\xe9\x94\r\nend\r", FormatText, "café “olé”\nend\n", "",
			"{\"id\":\"DIR/c.txt\",\"text\":\"café “olé”\\nend\\n\",\"cluster\":\"c\"}"},
		{"b.html", "<p>caf\xe9</p>", FormatHTML, "", "<p>caf\xe9</p>",
			`{"id":"DIR/b.html","text":"","cluster":"c"}`},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := readDocs(t, f, Input{Path: path, Format: tt.format}, Options{})
		f.Close()
		if err != nil || len(docs) != 1 {
			t.Fatalf("%s: %d docs, error %v", tt.name, len(docs), err)
		}
		d := docs[0]
		if d.ID != path || d.Site != dir || d.Text != tt.text || string(d.HTML) != tt.html || d.Bytes != len(tt.content) || d.Line != 0 {
			t.Errorf("%s: got %+v", tt.name, d)
		}
		out := strings.ReplaceAll(tt.out, "DIR", dir)
		if got := string(d.AppendJSON(nil, d.Text, Field{"cluster", []byte(`"c"`)}, Field{"id", []byte(`"x"`)})); got != out+"\n" {
			t.Errorf("%s: written as %s, want %s", tt.name, got, out)
		}
	}
	// Whole files are written with the configured field names.
	docs, err := readDocs(t, strings.NewReader("x"), Input{Path: "-", Format: FormatText}, Options{IDField: "key", TextField: "body"})
	if err != nil || len(docs) != 1 || docs[0].Site != "-" {
		t.Fatalf("standard input as text: %v %v", docs, err)
	}
	if got, want := string(docs[0].AppendJSON(nil, "y")), `{"key":"-","body":"y"}`+"\n"; got != want {
		t.Errorf("custom fields: got %s, want %s", got, want)
	}
	// A file over the limit is a data error with its size.
	docs, err = readDocs(t, strings.NewReader(strings.Repeat("x", 100)), Input{Path: "big.txt", Format: FormatText}, Options{MaxDocBytes: 10})
	if err != nil || len(docs) != 1 || docs[0].Err == nil || !strings.Contains(docs[0].Err.Error(), "big.txt: document of 100 bytes") {
		t.Errorf("oversized file: docs %v, error %v", docs, err)
	}
}

func TestHostOf(t *testing.T) {
	tests := []struct{ url, host string }{
		{"https://Example.COM/a/b?c#d", "example.com"},
		{"http://user:pw@news.example.org:8080/x", "news.example.org"},
		{"http://[::1]:80/", "::1"},
		{"https://example.com", "example.com"},
		{"https://example.com?q=http://x/", "example.com"},
		{"example.com/path", ""},
		{"/relative/path", ""},
		{"", ""},
		{"mailto:someone@example.com", ""},
	}
	for _, tt := range tests {
		if got := hostOf(tt.url); got != tt.host {
			t.Errorf("hostOf(%q) = %q, want %q", tt.url, got, tt.host)
		}
	}
}

// TestNextText checks that NextText reads what Next reads.
func TestNextText(t *testing.T) {
	checkNextText(t, []byte(strings.Join([]string{
		`{"id":"a","url":"https://News.Example/x","text":"plain line\nsecond"}`,
		`{"text":"esc\u00e9aped \"q\"\n","url":"http://h.example:80/"}`,
		`{"html":"<p>page</p>","url":"https://x.example"}`,
		`{"text":5}`,
		`not json`,
		``,
		`{"text":"\xff invalid","url":7}`,
		`{"title":"no body"}`,
		"{\"text\":\"invalid \xff byte\\nescaped\",\"url\":\"https://h.example\"}",
		strings.Repeat(" ", 41),  // blank, though buffered past the size limit
		strings.Repeat(" ", 200), // blank, and too long to buffer
		`{"text":"after the long blanks"}`,
	}, "\n")))
	checkNextText(t, []byte("\xef\xbb\xbf"+strings.Repeat(" ", 39)+"\n"+`{"text":"b"}`))
}

// checkNextText reads data with Next and with NextText and compares what
// NextText promises; then it reads data cut into runs of lines of every
// size up to 64 bytes (ReadLines, NewLinesReader), which must give Next's
// documents on the same lines, but for lines too long to buffer, only
// counted, and end as Next ends. Both are also read from a source that
// fails, with its last data, as a truncated compressed stream does.
func checkNextText(t *testing.T, data []byte) {
	t.Helper()
	in := Input{Path: "t.jsonl", Format: FormatJSONL}
	a := NewReader(bytes.NewReader(data), in, Options{})
	b := NewReader(bytes.NewReader(data), in, Options{})
	for {
		want, werr := a.Next()
		got, gerr := b.NextText()
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("Next error %v, NextText error %v", werr, gerr)
		}
		if werr != nil {
			break
		}
		checkSameText(t, got, want, "NextText")
	}
	const maxDoc = 40
	opts := Options{MaxDocBytes: maxDoc}
	for _, failing := range []bool{false, true} {
		src := func() io.Reader {
			if failing {
				return &failsWithData{data: data, err: io.ErrUnexpectedEOF}
			}
			return bytes.NewReader(data)
		}
		want := map[int]*Doc{}
		whole := NewReader(src(), in, opts)
		d, wantErr := whole.Next()
		for ; wantErr == nil; d, wantErr = whole.Next() {
			want[d.Line] = d
		}
		for n := 1; n <= 64; n *= 2 {
			how := fmt.Sprintf("runs of %d bytes (failing source: %v)", n, failing)
			cut := NewReader(src(), in, opts)
			var l Lines
			seen := map[int]bool{}
			skipped := 0
			err := cut.ReadLines(&l, n)
			for ; err == nil; err = cut.ReadLines(&l, n) {
				if l.Oversized > 0 && l.OversizedBytes < int64((maxDoc+1)*l.Oversized) {
					t.Fatalf("%s: %d oversized lines of %d bytes", how, l.Oversized, l.OversizedBytes)
				}
				skipped += l.Oversized
				run := NewLinesReader(&l, in, opts)
				for d, rerr := run.NextText(); rerr == nil; d, rerr = run.NextText() {
					if want[d.Line] == nil || seen[d.Line] {
						t.Fatalf("%s: line %d is not a document of Next's, or is read twice", how, d.Line)
					}
					seen[d.Line] = true
					checkSameText(t, d, want[d.Line], how)
				}
			}
			if err.Error() != wantErr.Error() {
				t.Fatalf("%s: the runs end with %v, Next with %v", how, err, wantErr)
			}
			for line, w := range want {
				if !seen[line] && (w.Err == nil || w.Bytes <= maxDoc) {
					t.Fatalf("%s: line %d missing", how, line)
				}
			}
			if len(seen)+skipped != len(want) {
				t.Fatalf("%s: %d documents and %d oversized lines, Next reads %d", how, len(seen), skipped, len(want))
			}
		}
	}
}

// failsWithData returns all its data at once with err, and err ever after.
type failsWithData struct {
	data []byte
	err  error
}

func (f *failsWithData) Read(p []byte) (int, error) {
	n := copy(p, f.data)
	f.data = f.data[n:]
	if len(f.data) > 0 {
		return n, nil
	}
	return n, f.err
}

func checkSameText(t *testing.T, got, want *Doc, how string) {
	t.Helper()
	if got.Text != want.Text || string(got.HTML) != string(want.HTML) || got.Site != want.Site ||
		got.Source != want.Source || got.Line != want.Line || got.Bytes != want.Bytes || (got.Err == nil) != (want.Err == nil) {
		t.Fatalf("line %d: %s %+v, Next %+v", want.Line, how, got, want)
	}
}

// TestRejects: each data error names its reason, and Raw gives the line
// as read (but for a line too long to hold).
func TestRejects(t *testing.T) {
	lines := []struct{ line, reason string }{
		{`{"text":"fine"}`, ""},
		{` {"text": `, ReasonInvalidJSON},
		{`{"id":"x"} `, ReasonNoTextField},
		{`{"html":1}`, ReasonTextNotString},
		{`{"text":"` + strings.Repeat("x", 100) + `"}`, ReasonTooLarge},
	}
	var in strings.Builder
	for _, l := range lines {
		in.WriteString(l.line + "\r\n")
	}
	docs, err := readDocs(t, strings.NewReader(in.String()), Input{Path: "r", Format: FormatJSONL}, Options{MaxDocBytes: 64})
	if err != nil || len(docs) != len(lines) {
		t.Fatalf("%d docs, %v", len(docs), err)
	}
	for i, l := range lines {
		d := docs[i]
		var rej *Reject
		if got := errors.As(d.Err, &rej); got != (l.reason != "") || got && rej.Reason != l.reason {
			t.Errorf("line %d: error %v, want reason %q", i+1, d.Err, l.reason)
		}
		want := l.line
		switch {
		case l.reason == ReasonTooLarge:
			want = ""
		case l.reason == "":
			want = strings.TrimSpace(want)
		}
		if string(d.Raw()) != want {
			t.Errorf("line %d: Raw %q, want %q", i+1, d.Raw(), want)
		}
	}
}

// TestRejectOffsets: a data error's Offset is where its line starts in
// the input, across the buffer's moves and growth, so that a line too
// long to hold can be read again.
func TestRejectOffsets(t *testing.T) {
	var in bytes.Buffer
	var want []string // the rejected lines
	for i := range 3000 {
		line := fmt.Sprintf(`{"id":"%d","text":"%s"}`, i, strings.Repeat("x", i%97))
		if i%7 == 3 {
			line = fmt.Sprintf(`{"id":"%d","text":"%s"}`, i, strings.Repeat("y", 1000+i))
			want = append(want, line)
		}
		in.WriteString(line)
		if i%2 == 0 {
			in.WriteString("\r")
		}
		in.WriteString("\n")
	}
	data := in.Bytes()
	for _, chunk := range []int{1 << 10, 4093, 1 << 20} {
		r := &chunkReader{s: string(data), n: chunk}
		docs, err := readDocs(t, r, Input{Path: "o", Format: FormatJSONL}, Options{MaxDocBytes: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range docs {
			if d.Err != nil {
				got = append(got, string(data[d.Offset:d.Offset+int64(d.Bytes)]))
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("chunk %d: %d lines read again at their offsets, %d rejected; first: %.80q", chunk, len(got), len(want), got[0])
		}
	}
}

// TestLineEnds: Next and NextText give a JSON Lines text's line breaks
// as decoding found them, whether written \n or \u000a, in a text
// repaired for invalid UTF-8 or not, and none for a text without
// escapes; the documents Next returned keep theirs as later ones come.
func TestLineEnds(t *testing.T) {
	in := `{"text":"a\nbb\n\ncc\u000add\n"}` + "\n" + `{"text":"plain"}` + "\n" +
		"{\"text\":\"bad \xff\\nbyte\\n\\\"q\\\"\\n\"}\n" + `{"text":"\u00e9\n\/\n"}` + "\n"
	for i, next := range []func(*Reader) (*Doc, error){(*Reader).Next, (*Reader).NextText} {
		r := NewReader(strings.NewReader(strings.Repeat(in, 3000)), Input{Path: "t", Format: FormatJSONL}, Options{})
		var docs []*Doc
		for {
			d, err := next(r)
			if err == io.EOF {
				break
			}
			if err != nil || d.Err != nil {
				t.Fatal(err, d.Err)
			}
			if want := lineEnds(d.Text); d.LineEnds == nil || !slices.Equal(d.LineEnds, want) {
				t.Fatalf("%q: line ends %v, want %v", d.Text, d.LineEnds, want)
			}
			docs = append(docs, d)
		}
		if len(docs) != 12000 {
			t.Errorf("%d documents, want 12000", len(docs))
		}
		for _, d := range docs {
			if i > 0 {
				break // NextText's documents last until the next call only
			}
			if want := lineEnds(d.Text); !slices.Equal(d.LineEnds, want) {
				t.Fatalf("%q: line ends %v once all were read, want %v", d.Text, d.LineEnds, want)
			}
		}
	}
}
