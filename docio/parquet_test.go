package docio

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The files in testdata/parquet were written by another implementation,
// github.com/parquet-go/parquet-go v0.32.0 (not a dependency of this
// module), from the rows pqWant describes, in five shapes:
//
//	plain.parquet         8 rows, data pages v1, PLAIN, uncompressed
//	v1_dict_gzip.parquet  40 rows in 2 row groups, RLE_DICTIONARY for id, url, n and opt, GZIP, small pages
//	v1_zstd.parquet       40 rows, ZSTD
//	v2_snappy.parquet     40 rows in 3 row groups, data pages v2, SNAPPY
//	v2_delta_zstd.parquet 40 rows in 3 row groups, v2, DELTA_BYTE_ARRAY, DELTA_BINARY_PACKED,
//	                      BYTE_STREAM_SPLIT, and a MAP column
//
// Every one has a LIST of strings, a group with an optional member, an
// optional int32 and a binary column.
var pqFixtures = []string{"plain", "v1_dict_gzip", "v1_zstd", "v2_snappy", "v2_delta_zstd"}

func pqFixture(name string) string { return filepath.Join("testdata", "parquet", name+".parquet") }

var pqSites = []string{"https://www.harbour-gazette.example/news/", "https://valleytimes.example/story/", "https://nordpost.example/a/"}

var pqBodies = []string{
	"The harbour authority approved a plan on Tuesday to dredge the eastern channel before winter storms arrive.\nOfficials said the work would take six weeks and cost less than expected.",
	"Residents of the valley gathered in the town hall to discuss the new bus timetable, which cuts two evening services.\nThe council promised a review in the spring.",
	"Die Stadtwerke erhöhen die Preise für Fernwärme ab Januar um elf Prozent, teilte das Unternehmen mit.\nKunden sollen per Brief informiert werden.",
	"A local bakery won the regional bread contest for the third year in a row with its rye sourdough.\nThe owner credited a starter kept alive since 1987.",
}

// pqWant is row i of the fixtures as JSON values.
func pqWant(name string, i int) map[string]any {
	site := pqSites[i%len(pqSites)]
	r := map[string]any{
		"id":    fmt.Sprintf("doc-%03d", i),
		"text":  fmt.Sprintf("%s\nStory number %d, written with care.\nCopyright %d %s. All rights reserved.", pqBodies[i%len(pqBodies)], i/len(pqBodies), 2020+i%3, site),
		"url":   fmt.Sprintf("%s%d", site, i),
		"n":     float64(int64(i)<<40 + 12345678901),
		"score": float64(i) / 3,
		"f":     float64(float32(i) * 1.5),
		"ok":    i%2 == 0,
		"opt":   nil,
		"tags":  []any{},
		"inner": map[string]any{"a": fmt.Sprintf("inner-%d", i), "b": nil},
		"bin":   base64.StdEncoding.EncodeToString([]byte{byte(i), 0xff, 0, 0x80}),
	}
	if i%3 == 0 {
		r["opt"] = float64(-i * 1000)
	}
	if i%4 != 1 {
		r["inner"].(map[string]any)["b"] = float64(i * 7)
	}
	for j := range i % 4 {
		r["tags"] = append(r["tags"].([]any), fmt.Sprintf("t%d-%d", i, j))
	}
	if name == "v2_delta_zstd" {
		kv := map[string]any{}
		if i%2 == 0 {
			kv = map[string]any{"paras": float64(i % 5), "words": float64(i * 10)}
		}
		r["attrs"] = kv
	}
	return r
}

// readAllDocs reads every document of a Parquet file.
func readAllDocs(t *testing.T, path string, opts Options) []*Doc {
	t.Helper()
	r := NewReader(nil, Input{Path: path, Format: FormatParquet}, opts)
	var docs []*Doc
	for {
		d, err := r.Next()
		if err == io.EOF {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		docs = append(docs, d)
	}
}

func decodeJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return m
}

// TestParquetRead: every row of every fixture is read as the JSON object
// of its values, columns in schema order.
func TestParquetRead(t *testing.T) {
	for _, name := range pqFixtures {
		docs := readAllDocs(t, pqFixture(name), Options{ParquetRows: true})
		want := 40
		if name == "plain" {
			want = 8
		}
		if len(docs) != want {
			t.Fatalf("%s: %d rows, want %d", name, len(docs), want)
		}
		for i, d := range docs {
			if d.Err != nil {
				t.Fatalf("%s row %d: %v", name, i, d.Err)
			}
			if got := decodeJSON(t, d.Raw()); !reflect.DeepEqual(got, pqWant(name, i)) {
				t.Errorf("%s row %d:\n got %v\nwant %v", name, i, got, pqWant(name, i))
			}
			if !bytes.HasPrefix(d.Raw(), []byte(`{"id":"doc-`)) || d.ID != fmt.Sprintf("doc-%03d", i) || d.Text != pqWant(name, i)["text"] || d.Line != i+1 {
				t.Errorf("%s row %d: id %q line %d, record %.60s", name, i, d.ID, d.Line, d.Raw())
			}
			if site := strings.TrimPrefix(strings.SplitN(pqSites[i%3], "/", 4)[2], ""); d.Site != site {
				t.Errorf("%s row %d: site %q, want %q", name, i, d.Site, site)
			}
		}
	}
}

// TestParquetNestedTextField: --text-field names a member of a group.
func TestParquetNestedTextField(t *testing.T) {
	docs := readAllDocs(t, pqFixture("v1_zstd"), Options{TextField: "inner.a"})
	if len(docs) != 40 || docs[7].Text != "inner-7" || docs[7].Err != nil {
		t.Fatalf("%d docs, doc 7: %q %v", len(docs), docs[7].Text, docs[7].Err)
	}
}

// TestParquetRoundTrip writes rows back (some dropped, some with a new
// text, annotations added) and reads the output: every other value is
// as it was, in every fixture's shape.
func TestParquetRoundTrip(t *testing.T) {
	for _, name := range pqFixtures {
		for _, annotate := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/annotate=%v", name, annotate), func(t *testing.T) {
				defer func(g, p int) { pqRowGroupBytes, pqPageBytes = g, p }(pqRowGroupBytes, pqPageBytes)
				pqRowGroupBytes, pqPageBytes = 1200, 500 // several row groups and pages
				docs := readAllDocs(t, pqFixture(name), Options{ParquetRows: true})
				out := filepath.Join(t.TempDir(), "out.parquet")
				pw, err := CreateParquet(out)
				if err != nil {
					t.Fatal(err)
				}
				extras := func(i int) []Field {
					if !annotate {
						return nil
					}
					return []Field{{"cluster", AppendString(nil, fmt.Sprintf("c-%d", i))}, {"duplicate", []byte(fmt.Sprint(i%2 == 1))}, {"removed", []byte(`[{"rule":"x"}]`)}}
				}
				if err := pw.SetSchema(pqFixture(name), "text", extras(0)); err != nil {
					t.Fatal(err)
				}
				var kept []int
				for i, d := range docs {
					if i%3 == 2 {
						continue
					}
					text := d.Text
					if i%2 == 0 {
						text = fmt.Sprintf("new text %d: ünïcödé", i)
					}
					if _, err := pw.WriteDoc(d, text, extras(i)...); err != nil {
						t.Fatal(err)
					}
					kept = append(kept, i)
				}
				if err := pw.Commit(); err != nil {
					t.Fatal(err)
				}
				got := readAllDocs(t, out, Options{})
				if len(got) != len(kept) {
					t.Fatalf("%d rows, want %d", len(got), len(kept))
				}
				for k, d := range got {
					i := kept[k]
					m := decodeJSON(t, d.Raw())
					want := pqWant(name, i)
					if i%2 == 0 {
						want["text"] = fmt.Sprintf("new text %d: ünïcödé", i)
					}
					if annotate {
						want["cluster"], want["duplicate"], want["removed"] = fmt.Sprintf("c-%d", i), i%2 == 1, `[{"rule":"x"}]`
					}
					if !reflect.DeepEqual(m, want) {
						t.Errorf("row %d:\n got %v\nwant %v", i, m, want)
					}
				}
				f, err := openParquet(out)
				if err != nil {
					t.Fatal(err)
				}
				defer f.close()
				if len(f.groups) < 2 {
					t.Errorf("%d row groups, want several", len(f.groups))
				}
			})
		}
	}
}

// TestParquetOutputRefuses: rows that are not Parquet, or of another
// schema, fail the output rather than being written wrong.
func TestParquetOutputRefuses(t *testing.T) {
	dir := t.TempDir()
	pw, err := CreateParquet(filepath.Join(dir, "o.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Abort()
	if err := pw.SetSchema(pqFixture("plain"), "text", nil); err != nil {
		t.Fatal(err)
	}
	other := readAllDocs(t, pqFixture("v2_delta_zstd"), Options{ParquetRows: true})[0]
	if _, err := pw.WriteDoc(other, "x"); err == nil || !strings.Contains(err.Error(), "schema differs") {
		t.Errorf("another schema: %v", err)
	}
	pw2, _ := CreateParquet(filepath.Join(dir, "p.parquet"))
	defer pw2.Abort()
	pw2.SetSchema(pqFixture("plain"), "text", nil)
	jsonl := &Doc{Source: "a.jsonl", Line: 1}
	if _, err := pw2.WriteDoc(jsonl, "x"); err == nil || !strings.Contains(err.Error(), "not read from Parquet") {
		t.Errorf("a JSON Lines record: %v", err)
	}
	if err := pw2.Commit(); err == nil {
		t.Error("Commit after a failed row succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "p.parquet")); err == nil {
		t.Error("a failed output was left in place")
	}
}

// TestRLEHybridSpec decodes the example of the Parquet encodings
// document: 0 to 7 bit-packed at width 3, then a run.
func TestRLEHybridSpec(t *testing.T) {
	b := []byte{3, 0x88, 0xc6, 0xfa, 10 << 1, 5}
	got, err := rleHybrid[uint8](nil, b, 3, 18, 7)
	want := []uint8{0, 1, 2, 3, 4, 5, 6, 7, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, %v", got, err)
	}
	if _, err := rleHybrid[uint8](nil, b, 3, 18, 6); err == nil {
		t.Error("a level over the maximum was accepted")
	}
	if _, err := rleHybrid[uint8](nil, b[:3], 3, 8, 7); err == nil {
		t.Error("a truncated run was accepted")
	}
}

// TestParquetDamaged: truncated and corrupted files end in an error that
// names the file and where, never a panic; sizes a file declares beyond
// what it holds are refused before they are allocated.
func TestParquetDamaged(t *testing.T) {
	dir := t.TempDir()
	for _, name := range pqFixtures {
		data, err := os.ReadFile(pqFixture(name))
		if err != nil {
			t.Fatal(err)
		}
		check := func(what string, b []byte) error {
			path := filepath.Join(dir, name+".parquet")
			os.WriteFile(path, b, 0o644)
			r := NewReader(nil, Input{Path: path, Format: FormatParquet}, Options{})
			for {
				d, err := r.Next()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "parquet") {
						t.Errorf("%s %s: error does not name the file: %v", name, what, err)
					}
					return err
				}
				if d.Err == nil && !json.Valid(d.Raw()) {
					t.Errorf("%s %s: invalid JSON %s", name, what, d.Raw())
				}
			}
		}
		for n := 0; n < len(data); n += 1 + len(data)/40 {
			if check(fmt.Sprintf("cut at %d", n), data[:n]) == nil {
				t.Errorf("%s cut at %d: no error", name, n)
			}
		}
		for at := 4; at < len(data); at += 1 + len(data)/200 {
			b := bytes.Clone(data)
			b[at] ^= 0x5a
			check(fmt.Sprintf("byte %d flipped", at), b)
		}
		// A page header overwritten: the error names its byte offset.
		f, err := readParquetFooter(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		at := f.groups[0].field(1).elems[0].field(3).int(9, 0)
		b := bytes.Clone(data)
		copy(b[at:], bytes.Repeat([]byte{0xff}, 12))
		if err := check("page header", b); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("page at byte %d", at)) {
			t.Errorf("%s: a broken page header: %v", name, err)
		}
	}
	// A footer length beyond the file.
	b := append([]byte("PAR1xxxx"), 0xff, 0xff, 0xff, 0x7f, 'P', 'A', 'R', '1')
	path := filepath.Join(dir, "len.parquet")
	os.WriteFile(path, b, 0o644)
	if _, err := openParquet(path); err == nil || !strings.Contains(err.Error(), "footer length") {
		t.Errorf("huge footer length: %v", err)
	}
}

// FuzzParquet: whatever the bytes, reading ends in rows of valid JSON or
// an error, never a panic.
func FuzzParquet(f *testing.F) {
	for _, name := range pqFixtures {
		b, err := os.ReadFile(pqFixture(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	defer func(n int) { maxGroupEntries = n }(maxGroupEntries)
	maxGroupEntries = 1 << 12 // the fixtures need 440 levels a row group
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := readParquetFooter(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		st := &parquetState{file: p, lo: make([]int, len(p.cols)), vi: make([]int, len(p.cols))}
		for i := range p.groups {
			g, err := p.readGroup(i)
			if err != nil {
				return
			}
			for r := range g.rows {
				rec, err := st.appendRow(nil, g, r)
				if err != nil {
					return
				}
				if !json.Valid(rec) {
					t.Fatalf("invalid JSON %s", rec)
				}
			}
		}
	})
}

// TestParquetValueJSON: values are written as JSON by their logical type.
func TestParquetValueJSON(t *testing.T) {
	col := func(typ int64, width int, fields ...tfield) *pqColumn {
		e := tStructOf(fields...)
		return &pqColumn{typ: typ, width: width, node: &pqNode{elem: &e}}
	}
	le32 := func(x uint32) []byte { return []byte{byte(x), byte(x >> 8), byte(x >> 16), byte(x >> 24)} }
	decimal := tfield{6, tInt(tI32, convDecimal)}
	scale2 := tfield{7, tInt(tI32, 2)}
	unsigned := tfield{10, tStructOf(tfield{logicalInteger, tStructOf(tfield{1, tInt(tByte, 32)}, tfield{2, tBool(false)})})}
	uuid := tfield{10, tStructOf(tfield{logicalUUID, tStructOf()})}
	nan := []byte{0, 0, 0, 0, 0, 0, 0xf8, 0x7f}
	// INT96: 1 s past midnight of Julian day 2440589 (1970-01-02).
	int96 := append([]byte{0, 0xca, 0x9a, 0x3b, 0, 0, 0, 0}, le32(2440589)...)
	for _, c := range []struct {
		col  *pqColumn
		v    []byte
		want string
	}{
		{col(pqInt32, 4), le32(0xffffffff), `-1`},
		{col(pqInt32, 4, unsigned), le32(0xffffffff), `4294967295`},
		{col(pqInt32, 4, tfield{6, tInt(tI32, convUint8+2)}), le32(0xffffffff), `4294967295`},
		{col(pqInt32, 4, decimal, scale2), le32(uint32(0xffffffff - 1233)), `-12.34`},
		{col(pqInt64, 8, decimal, scale2), []byte{5, 0, 0, 0, 0, 0, 0, 0}, `0.05`},
		{col(pqFixed, 3, decimal, scale2), []byte{0x01, 0xe2, 0x40}, `1234.56`},
		{col(pqByteArray, 0, decimal, tfield{7, tInt(tI32, 0)}), []byte{0x80}, `-128`},
		{col(pqDouble, 8), nan, `"NaN"`},
		{col(pqInt96, 12), int96, `"1970-01-02T00:00:01Z"`},
		{col(pqFixed, 16, uuid), []byte{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0}, `"12345678-9abc-def0-1234-56789abcdef0"`},
		{col(pqByteArray, 0), []byte("caf\xc3\xa9"), `"café"`},
		{col(pqByteArray, 0), []byte{0xff, 0}, `"/wA="`},
		{col(pqByteArray, 0, tfield{6, tInt(tI32, convUTF8)}), []byte{0xff}, "\"\uFFFD\""},
	} {
		if got := string(appendPQValue(nil, c.col, c.v)); got != c.want {
			t.Errorf("%s %v: %s, want %s", pqTypeNames[c.col.typ], c.col.node.elem.fields, got, c.want)
		}
	}
}

// TestParquetAddedTextColumn: documents whose text field is no column of
// the file (their text came from the HTML field) get it as a column of
// its own after the input's.
func TestParquetAddedTextColumn(t *testing.T) {
	docs := readAllDocs(t, pqFixture("plain"), Options{ParquetRows: true, TextField: "body", HTMLField: "text"})
	out := filepath.Join(t.TempDir(), "out.parquet")
	pw, err := CreateParquet(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := pw.SetSchema(pqFixture("plain"), "body", []Field{{"duplicate", []byte("false")}}); err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if d.Err != nil || d.HTML == nil {
			t.Fatalf("row %d: %v, html %q", i, d.Err, d.HTML)
		}
		if _, err := pw.WriteDoc(d, fmt.Sprint("extracted ", i), Field{"duplicate", []byte(fmt.Sprint(i == 3))}); err != nil {
			t.Fatal(err)
		}
	}
	if err := pw.Commit(); err != nil {
		t.Fatal(err)
	}
	for i, d := range readAllDocs(t, out, Options{}) {
		want := pqWant("plain", i)
		want["body"], want["duplicate"] = fmt.Sprint("extracted ", i), i == 3
		if got := decodeJSON(t, d.Raw()); !reflect.DeepEqual(got, want) {
			t.Errorf("row %d:\n got %v\nwant %v", i, got, want)
		}
		if !bytes.HasSuffix(d.Raw(), []byte(fmt.Sprintf(`,"body":"extracted %d","duplicate":%v}`, i, i == 3))) {
			t.Errorf("row %d: added columns not last: %s", i, d.Raw())
		}
	}
}

// TestParquetDamagedRowGroupSkipped: a row group that cannot be read
// costs its rows only; the row groups after it are read, rows keep their
// numbers, and the input ends with the damage.
func TestParquetDamagedRowGroupSkipped(t *testing.T) {
	data, err := os.ReadFile(pqFixture("v2_snappy")) // row groups of 15, 15 and 10 rows
	if err != nil {
		t.Fatal(err)
	}
	f, err := readParquetFooter(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	at := f.groups[1].field(1).elems[2].field(3).int(9, 0) // row group 1, column url
	copy(data[at:], bytes.Repeat([]byte{0xff}, 8))
	path := filepath.Join(t.TempDir(), "x.parquet")
	os.WriteFile(path, data, 0o644)
	r := NewReader(nil, Input{Path: path, Format: FormatParquet}, Options{})
	var lines []int
	for {
		d, err := r.Next()
		if err == io.EOF {
			t.Fatal("no error for the damage")
		}
		if err != nil {
			if want := fmt.Sprintf("%s: 15 rows lost to damage, the first: parquet: row group 1, column \"url\": page at byte %d", path, at); !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q, want it to start %q", err, want)
			}
			break
		}
		lines = append(lines, d.Line)
		if d.ID != fmt.Sprintf("doc-%03d", d.Line-1) {
			t.Errorf("row %d is %s", d.Line, d.ID)
		}
	}
	if len(lines) != 25 || lines[14] != 15 || lines[15] != 31 {
		t.Errorf("rows read: %v", lines)
	}
}

// TestParquetLegacyLists: a LIST's repeated group of one field is a
// wrapper, unwrapped, unless it is named array or NAME_tuple: then it is
// the element itself (the spec's rules for two-level lists).
func TestParquetLegacyLists(t *testing.T) {
	el := func(name string, rep int64, kids int64, fields ...tfield) tval {
		e := tStructOf(append([]tfield{{3, tInt(tI32, rep)}, {4, tStr(name)}}, fields...)...)
		if kids > 0 {
			e.set(5, tInt(tI32, kids))
		}
		return e
	}
	list, i32 := tfield{6, tInt(tI32, convList)}, tfield{1, tInt(tI32, pqInt32)}
	schema := tListOf(tStruct, tStructOf(tfield{4, tStr("root")}, tfield{5, tInt(tI32, 3)}),
		el("points", pqOptional, 1, list), el("array", pqRepeated, 1), el("x", pqRequired, 0, i32),
		el("pairs", pqOptional, 1, list), el("pairs_tuple", pqRepeated, 1), el("y", pqRequired, 0, i32),
		el("tags", pqOptional, 1, list), el("list", pqRepeated, 1), el("element", pqRequired, 0, i32))
	p := &pqFile{meta: tStructOf(tfield{2, schema})}
	if err := p.parseMeta(); err != nil {
		t.Fatal(err)
	}
	chunk := func(rep []uint8, xs ...uint32) pqChunk {
		c := pqChunk{rep: rep, def: bytes.Repeat([]byte{2}, len(xs)), rows: []int32{0, int32(len(xs))}, vrows: []int32{0, int32(len(xs))}}
		for _, x := range xs {
			c.vals.add(binary.LittleEndian.AppendUint32(nil, x))
		}
		return c
	}
	g := &pqGroup{file: p, rows: 1, chunks: []pqChunk{chunk([]uint8{0, 1}, 1, 2), chunk([]uint8{0}, 5), chunk([]uint8{0, 1}, 7, 8)}}
	st := &parquetState{file: p, lo: make([]int, 3), vi: make([]int, 3)}
	got, err := st.appendRow(nil, g, 0)
	if want := `{"points":[{"x":1},{"x":2}],"pairs":[{"y":5}],"tags":[7,8]}`; err != nil || string(got) != want {
		t.Errorf("got %s, %v; want %s", got, err, want)
	}
}
