package docio

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"
)

// FuzzScan checks the scanner against encoding/json: the same records are
// valid, and string members decode to the same values.
func FuzzScan(f *testing.F) {
	_, lines := awkwardLines(f)
	for _, l := range lines {
		f.Add(l)
	}
	var s scanner
	f.Fuzz(func(t *testing.T, data []byte) {
		rec := trimSpace(data)
		err := s.scanRecord(rec)
		valid := json.Valid(rec) && len(rec) > 0 && rec[0] == '{'
		if valid != (err == nil) {
			t.Fatalf("%q: encoding/json valid=%v, scanner error %v", rec, valid, err)
		}
		if err != nil {
			return
		}
		for _, m := range s.members {
			if !m.isString(rec) {
				continue
			}
			var want string
			if err := json.Unmarshal(rec[m.valStart:m.valEnd], &want); err != nil {
				t.Fatalf("member %q: %v", rec[m.valStart:m.valEnd], err)
			}
			if got := decodeString(rec[m.valStart+1:m.valEnd-1], m.valFlags); got != want {
				t.Fatalf("member %q decodes to %q, encoding/json says %q", rec[m.valStart:m.valEnd], got, want)
			}
			raw := bytes.Clone(rec[m.valStart+1 : m.valEnd-1])
			ends := []int{}
			got := decodeInPlace(raw, m.valFlags, &ends)
			if got != want {
				t.Fatalf("member %q decodes in place to %q, encoding/json says %q", rec[m.valStart:m.valEnd], got, want)
			}
			if want := lineEnds(got); !slices.Equal(ends, want) {
				t.Fatalf("member %q: line ends %v, want %v", rec[m.valStart:m.valEnd], ends, want)
			}
		}
	})
}

// lineEnds returns where s's line breaks are.
func lineEnds(s string) []int {
	ends := []int{}
	for i := range len(s) {
		if s[i] == '\n' {
			ends = append(ends, i)
		}
	}
	return ends
}

// FuzzRoundTrip reads JSON Lines and writes every record back: with its
// own text it is unchanged (unless the text held invalid UTF-8, which is
// written repaired); with new text and an extra field, read again,
// it has the new text and every other member exactly as before.
func FuzzRoundTrip(f *testing.F) {
	data, _ := awkwardLines(f)
	f.Add(data, "new text")
	f.Add([]byte(`{"text":"a","cluster":1,"text":"b"}`), "\xff\u2028\"")
	cluster := Field{"cluster", []byte(`"c"`)}
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		docs, err := readDocs(t, bytes.NewReader(data), Input{Path: "f", Format: FormatJSONL}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.Split(data, []byte("\n"))
		lines[0] = bytes.TrimPrefix(lines[0], bom)
		for _, d := range docs {
			if d.Err != nil {
				continue
			}
			orig := trimSpace(lines[d.Line-1])
			if !bytes.Equal(d.rec, orig) {
				t.Fatalf("line %d: record %q, line %q", d.Line, d.rec, orig)
			}
			if d.text >= 0 && !d.textRepaired {
				if out := d.AppendJSON(nil, d.Text); !bytes.Equal(out, append(orig, '\n')) {
					t.Fatalf("written back unchanged as %q, want %q", out, orig)
				}
			}
			out := d.AppendJSON(nil, text, cluster)
			if bytes.Count(out, []byte("\n")) != 1 || out[len(out)-1] != '\n' {
				t.Fatalf("output %q is not one line", out)
			}
			checkRewritten(t, d, out, text, cluster)
		}
		checkNextText(t, data)
	})
}

// checkRewritten reads out back and compares it with d member by member.
func checkRewritten(t *testing.T, d *Doc, out []byte, text string, extra Field) {
	t.Helper()
	r := NewReader(bytes.NewReader(out), Input{Path: "f", Format: FormatJSONL}, Options{})
	d2, err := r.Next()
	if err != nil || d2.Err != nil {
		t.Fatalf("output %q does not read back: %v %v", out, err, d2.Err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("output %q holds more than one record", out)
	}
	if want := toValidUTF8([]byte(text)); d2.Text != want {
		t.Fatalf("text read back as %q, want %q", d2.Text, want)
	}
	if !strings.HasPrefix(d.ID, "f:") && d2.ID != d.ID {
		t.Fatalf("id %q read back as %q", d.ID, d2.ID)
	}
	value := func(d *Doc, i int) string { return string(d.rec[d.members[i].valStart:d.members[i].valEnd]) }
	key := func(d *Doc, i int) string { return string(d.rec[d.members[i].keyStart:d.members[i].keyEnd]) }
	extraAt := d.member(extra.Key)
	for i := range d.members {
		want := value(d, i)
		switch i {
		case d.text:
			want = string(AppendString(nil, text))
		case extraAt:
			want = string(extra.Value)
		}
		if key(d2, i) != key(d, i) || value(d2, i) != want {
			t.Fatalf("member %d: %s=%s, want %s=%s", i, key(d2, i), value(d2, i), key(d, i), want)
		}
	}
	added := len(d2.members) - len(d.members)
	if want := btoi(d.text < 0) + btoi(extraAt < 0); added != want {
		t.Fatalf("%d members added, want %d: %q", added, want, out)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
