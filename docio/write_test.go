package docio

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// docOf reads the single record in line.
func docOf(t testing.TB, line string, opts Options) *Doc {
	t.Helper()
	docs, err := readDocs(t, strings.NewReader(line), Input{Path: "t", Format: FormatJSONL}, opts)
	if err != nil || len(docs) != 1 || docs[0].Err != nil {
		t.Fatalf("reading %q: %d docs, error %v", line, len(docs), err)
	}
	return docs[0]
}

func TestAppendJSON(t *testing.T) {
	cluster := Field{"cluster", []byte(`"c1"`)}
	dupe := Field{"duplicate", []byte(`true`)}
	tests := []struct {
		name, in, text string
		extra          []Field
		opts           Options
		want           string
	}{
		{"unchanged keeps escapes", `{"text":"caf\u00e9 \/","n":1.0e400}`, "café /", nil, Options{},
			`{"text":"caf\u00e9 \/","n":1.0e400}`},
		{"replaced", `{"a":12345678901234567890,"text":"old","b":[1,{"c":null}]}`, "new \"q\"\n", nil, Options{},
			`{"a":12345678901234567890,"text":"new \"q\"\n","b":[1,{"c":null}]}`},
		{"first duplicate replaced", `{"text":"one","text":"two"}`, "x", nil, Options{},
			`{"text":"x","text":"two"}`},
		{"extras appended", `{"id":"a","text":"t"}`, "t", []Field{cluster, dupe}, Options{},
			`{"id":"a","text":"t","cluster":"c1","duplicate":true}`},
		{"extra replaces in place", `{"cluster":0,"text":"t","z":1}`, "u", []Field{dupe, cluster}, Options{},
			`{"cluster":"c1","text":"u","z":1,"duplicate":true}`},
		{"extra replaces escaped key", `{"cl\u0075ster":0,"text":"t"}`, "t", []Field{cluster}, Options{},
			`{"cl\u0075ster":"c1","text":"t"}`},
		{"extra twice: first wins", `{"cluster":0,"text":"t"}`, "t", []Field{cluster, {"cluster", []byte(`9`)}}, Options{},
			`{"cluster":"c1","text":"t"}`},
		{"extra named text ignored", `{"text":"t"}`, "u", []Field{{"text", []byte(`1`)}}, Options{},
			`{"text":"u"}`},
		{"whitespace kept", `{ "text" : "t" , "a" : [ 1 ] }`, "u", []Field{cluster}, Options{},
			`{ "text" : "u" , "a" : [ 1 ],"cluster":"c1" }`},
		{"html record gains text", `{"html":"<p>x</p>"}`, "x", nil, Options{},
			`{"html":"<p>x</p>","text":"x"}`},
		{"empty html record", `{"html":""}`, "", []Field{cluster}, Options{},
			`{"html":"","text":"","cluster":"c1"}`},
		{"custom text field", `{"body":"b","text":"not this"}`, "new", nil, Options{TextField: "body"},
			`{"body":"new","text":"not this"}`},
		{"invalid UTF-8 elsewhere passes through", "{\"a\":\"\xff\",\"text\":\"t\"}", "\xfe", nil, Options{},
			"{\"a\":\"\xff\",\"text\":\"\uFFFD\"}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := docOf(t, tt.in, tt.opts)
			got := string(d.AppendJSON([]byte("prefix"), tt.text, tt.extra...))
			if got != "prefix"+tt.want+"\n" {
				t.Errorf("got  %s\nwant %s", got, "prefix"+tt.want)
			}
			checkSpans(t, d, tt.text, tt.extra, got)
		})
	}
	// A whole-file document (not made from a record).
	checkSpans(t, &Doc{ID: "f.txt"}, "body", []Field{cluster, {"id", []byte(`1`)}, dupe}, `prefix{"id":"f.txt","text":"body","cluster":"c1","duplicate":true}`+"\n")
}

// checkSpans: AppendJSONSpans writes what AppendJSON does (want) and
// places each extra written at its span, and none other than the text
// field, the id of a whole file or a key given twice.
func checkSpans(t *testing.T, d *Doc, text string, extra []Field, want string) {
	t.Helper()
	spans := make([]Span, len(extra))
	got := string(d.AppendJSONSpans([]byte("prefix"), text, spans, extra...))
	if got != want {
		t.Errorf("with spans got %s, want %s", got, want)
	}
	for i, f := range extra {
		skipped := f.Key == "text" || d.rec == nil && f.Key == "id" ||
			slices.ContainsFunc(extra[:i], func(g Field) bool { return g.Key == f.Key })
		switch sp := spans[i]; {
		case skipped && sp != Span{-1, -1}:
			t.Errorf("extra %d (%s) not written, span %v", i, f.Key, sp)
		case !skipped && (sp.Start < 0 || got[sp.Start:sp.End] != string(f.Value)):
			t.Errorf("extra %d (%s) at %v in %s", i, f.Key, sp, got)
		}
	}
}

func TestAppendString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"plain ascii text longer than eight", `"plain ascii text longer than eight"`},
		{`q"b\`, `"q\"b\\"`},
		{"\n\r\t\b\f\x00\x1f\x7f", `"\n\r\t\b\f\u0000\u001f` + "\x7f\""},
		{"é 😀 日本", `"é 😀 日本"`},
		{"a\u2028b\u2029c", `"a\u2028b\u2029c"`},
		{"bad \xff\xc3( end", "\"bad \uFFFD\uFFFD( end\""},
		{"0123456\"89abcdef\\", `"0123456\"89abcdef\\"`},
	}
	for _, tt := range tests {
		got := string(AppendString(nil, tt.in))
		if got != tt.want {
			t.Errorf("AppendString(%q) = %s, want %s", tt.in, got, tt.want)
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Errorf("AppendString(%q) = %s: not JSON: %v", tt.in, got, err)
		}
	}
}

// TestRawTextMatchesAppendString: a part of a record's own text is
// written from the record's raw bytes when AppendString would write
// those bytes, so the output must equal that of the same part in a
// string of its own, which AppendString encodes, for every part and
// escape: raw UTF-8, U+2028, \/ and \u escapes (written otherwise by
// AppendString), invalid UTF-8 and lone surrogates (repaired).
func TestRawTextMatchesAppendString(t *testing.T) {
	texts := []string{`plain`, `line one\nline \"two\"\n\\ three\t\r\b\f end`, `caf\u00e9\nnext`, "café" + `\nnext line`,
		"sep \u2028 here" + `\nand`, `a\/b\nc`, "bad \xff" + `\nbyte`, `lone \ud800\nx`, `pair \ud83d\ude00\ny`, `\n\n\"\"\n`}
	var in strings.Builder
	for i, x := range texts {
		fmt.Fprintf(&in, `{"id":"%d","text":"%s","n":1}`+"\n", i, x)
	}
	docs, err := readDocs(t, strings.NewReader(in.String()), Input{Path: "t", Format: FormatJSONL}, Options{})
	if err != nil || len(docs) != len(texts) {
		t.Fatalf("%d documents, error %v", len(docs), err)
	}
	raw := 0
	for _, d := range docs {
		if d.Err != nil {
			t.Fatal(d.Err)
		}
		for a := 0; a <= len(d.Text); a++ {
			for b := a + 1; b <= len(d.Text); b++ {
				part := d.Text[a:b]
				if part == d.Text {
					continue
				}
				got := string(d.AppendJSON(nil, part))
				if want := string(d.AppendJSON(nil, strings.Clone(part))); got != want {
					t.Fatalf("%q[%d:%d]: %s, want %s", d.Text, a, b, got, want)
				}
				if _, ok := d.rawText(part); ok {
					raw++
				}
			}
		}
	}
	if raw == 0 {
		t.Error("no part was written from the raw bytes")
	}
}
