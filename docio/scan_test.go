package docio

import (
	"bytes"
	"encoding/json"
	"math/rand"
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

// TestScanLongAgrees: scanLong, which reads long strings with IndexByte
// and a separate pass for control characters, must accept exactly the
// long strings scanShort accepts, end them at the same byte and give the
// same flags, its strHigh exact where scanShort's may also be set by
// bytes past the string. Pieces are drawn at random around the places
// where the two differ: escaped quotes, escapes across the quote found
// first, control characters and high bytes before and after faults.
func TestScanLongAgrees(t *testing.T) {
	pieces := []string{"plain text of a news story ", `\n`, `\"`, `\\`, `\/`, `\t`, `\u00e9`,
		`\ud83d\ude00`, `\ud800`, `\udc00x`, `\uD83D`, "é", "\u2028", "\xff", "a", "0123456789"}
	faults := []string{"\x01", "\n", `\x`, `\u12`, `"`, `\`}
	r := rand.New(rand.NewSource(1))
	long := 0
	for n := range 20000 {
		var b strings.Builder
		b.WriteString(`{"t":"`)
		for b.Len() < 6+minLong+r.Intn(3*minLong) {
			if r.Intn(50) == 0 {
				b.WriteString(faults[r.Intn(len(faults))])
			} else {
				b.WriteString(pieces[r.Intn(len(pieces))])
			}
		}
		if n%3 > 0 {
			b.WriteString(`","u":"é"}`)
		}
		rec := []byte(b.String())
		wantEnd, wantFlags, wantErr := scanShort(rec, 5)
		end, flags, ok := scanLong(rec, 5)
		if !ok {
			if wantErr == nil && bytes.IndexByte(rec[6:], '"') >= minLong {
				t.Fatalf("%q: scanLong rejects a string scanShort accepts", rec)
			}
			continue
		}
		long++
		if wantErr != nil {
			t.Fatalf("%q: scanLong accepts, scanShort says %v", rec, wantErr)
		}
		high := uint8(0)
		if bytes.ContainsFunc(rec[6:end-1], func(r rune) bool { return r >= utf8.RuneSelf }) {
			high = strHigh
		}
		if end != wantEnd || flags != wantFlags&^strHigh|high || wantFlags&high != high {
			t.Fatalf("%q: scanLong ends at %d with flags %b, scanShort at %d with %b", rec, end, flags, wantEnd, wantFlags)
		}
	}
	if long < 1000 {
		t.Errorf("only %d of the strings were long and valid", long)
	}
}
