package docio

import (
	"encoding/json"
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
		})
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
