package docio

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestScanRecord(t *testing.T) {
	deep := func(n int) string {
		return `{"a":` + strings.Repeat("[", n-1) + strings.Repeat("]", n-1) + "}"
	}
	tests := []struct {
		rec, err string // err "" means valid
	}{
		{`{}`, ""},
		{`{"a":1,"b":-0.5e+10,"c":0,"d":1E5,"e":true,"f":false,"g":null}`, ""},
		{`{"a":[],"b":{},"c":[{},[[]],{"x":[1,"s"]}]}`, ""},
		{`{"s":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\uD800"}`, ""},
		{"{\"s\":\"raw \xff bytes\"}", ""},
		{`{ "a" : 1 , "b" :2}`, ""},
		{deep(maxDepth), ""},
		{deep(maxDepth + 1), "nesting deeper than 10000"},
		{``, "empty record"},
		{`[]`, "not a JSON object"},
		{`{"a":1,}`, `unexpected '}', want a string key`},
		{`{"a" 1}`, `want ':'`},
		{`{"a":1 "b":2}`, `want ',' or '}'`},
		{`{"a":[1 2]}`, `want ',' or ']'`},
		{`{"a":{"b" 2}}`, `want ':'`},
		{`{"a":{"b":2,}}`, `want a string key`},
		{`{"a":01}`, `want ',' or '}'`},
		{`{"a":1.}`, `want a digit`},
		{`{"a":1e}`, `want a digit`},
		{`{"a":-}`, `want a digit`},
		{`{"a":+1}`, `want a value`},
		{`{"a":tru}`, `want a value`},
		{`{"a":nul`, `want a value`},
		{`{"a":"x}`, `unterminated string`},
		{`{"a":"\x"}`, `invalid escape 'x'`},
		{`{"a":"\u12g4"}`, `invalid \u escape`},
		{`{"a":"\u12"}`, `invalid \u escape`},
		{"{\"a\":\"tab\there\"}", `control character '\t'`},
		{`{"a":1}x`, `unexpected data after the object`},
		{`{"a":[1}`, `want ',' or ']'`},
		{`{"a":1`, `unexpected end of record`},
	}
	var s scanner
	for _, tt := range tests {
		err := s.scanRecord([]byte(tt.rec))
		name := tt.rec
		if len(name) > 40 {
			name = name[:40] + "..."
		}
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want %q", name, err, tt.err)
		}
		// The scanner must agree with encoding/json on validity.
		if valid := json.Valid([]byte(tt.rec)) && strings.HasPrefix(tt.rec, "{"); valid != (err == nil) && len(tt.rec) < 1000 {
			t.Errorf("%s: encoding/json valid=%v, scanner error %v", name, valid, err)
		}
	}
}

func TestScanMembers(t *testing.T) {
	rec := []byte(`{"a" : "x\"y" ,"b":[1,{"c":2}], "d":-1.5e3 }`)
	var s scanner
	if err := s.scanRecord(rec); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range s.members {
		got = append(got, string(rec[m.keyStart:m.keyEnd])+"="+string(rec[m.valStart:m.valEnd]))
	}
	want := `a="x\"y"|b=[1,{"c":2}]|d=-1.5e3`
	if strings.Join(got, "|") != want {
		t.Errorf("members %q, want %s", got, want)
	}
	if f := s.members[0].valFlags; f != strEscaped {
		t.Errorf("flags of a = %b, want escaped", f)
	}
}

func TestDecodeString(t *testing.T) {
	tests := []string{
		`plain`, `caf\u00e9`, `\ud83d\ude00`, `\ud83d`, `\ude00\ud83d`, `\ud83dx`, `\ud83d\u0041`,
		`\ud83d\ud83d\ude00`, "raw \xe9 byte", "\xf0\x9f\x98", `\"\\\/\b\f\n\r\t`, "日本 \\u65e5",
	}
	var s scanner
	for _, raw := range tests {
		rec := []byte(`{"s":"` + raw + `"}`)
		if err := s.scanRecord(rec); err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		m := s.members[0]
		got := decodeString(rec[m.valStart+1:m.valEnd-1], m.valFlags)
		var want string
		if err := json.Unmarshal(rec[m.valStart:m.valEnd], &want); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("decode %q = %q, encoding/json says %q", raw, got, want)
		}
		// Only a lone surrogate escape makes U+FFFD of valid bytes.
		lone := utf8.ValidString(raw) && strings.ContainsRune(got, utf8.RuneError)
		if (m.valFlags&strLone != 0) != lone {
			t.Errorf("%q: flags %b, lone surrogate %v", raw, m.valFlags, lone)
		}
	}
}
