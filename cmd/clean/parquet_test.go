package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/newsclean/clean/docio"
)

// The fixtures are docio's, written by another Parquet implementation
// (docio/parquet_test.go says which and how); paths are from the
// repository root, where runClean runs the command.
var pqFiles = []string{"plain", "v1_dict_gzip", "v1_zstd", "v2_snappy", "v2_delta_zstd"}

func pqPath(name string) string {
	return filepath.Join("docio", "testdata", "parquet", name+".parquet")
}

// pqRows reads a Parquet file's rows as JSON objects.
func pqRows(t *testing.T, path string) []map[string]any {
	t.Helper()
	r := docio.NewReader(nil, docio.Input{Path: path, Format: docio.FormatParquet}, docio.Options{})
	var rows []map[string]any
	for {
		d, err := r.Next()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(d.Raw(), &m); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, m)
	}
}

// TestParquetRoundTrip: clean --dedup off --strip=false from Parquet to
// Parquet keeps every row and every value; JSON Lines output holds the
// same values; stripping changes only the text column.
func TestParquetRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, name := range pqFiles {
		in := pqPath(name)
		want := pqRows(t, filepath.Join("..", "..", in))
		out := filepath.Join(dir, name+".parquet")
		if res := runClean(t, "", "-q", "--dedup", "off", "--strip=false", in, "-o", out); res.code != 0 {
			t.Fatalf("%s: exit %d: %s", name, res.code, res.stderr)
		}
		if got := pqRows(t, out); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Parquet rows differ after the round trip:\n got %v\nwant %v", name, got, want)
		}
		res := runClean(t, "", "-q", "--dedup", "off", "--strip=false", in)
		var lines []map[string]any
		for _, l := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("%s: %v: %s", name, err, l)
			}
			lines = append(lines, m)
		}
		if !reflect.DeepEqual(lines, want) {
			t.Errorf("%s: JSON Lines output differs from the rows", name)
		}
		// Stripping: the copyright line goes, nothing else changes.
		if res := runClean(t, "", "-q", "--dedup", "off", in, "-o", out); res.code != 0 {
			t.Fatalf("%s: exit %d: %s", name, res.code, res.stderr)
		}
		got := pqRows(t, out)
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", name, len(got), len(want))
		}
		for i := range got {
			text, _ := got[i]["text"].(string)
			if strings.Contains(text, "All rights reserved") || !strings.HasPrefix(want[i]["text"].(string), text[:40]) {
				t.Errorf("%s row %d: text not stripped: %q", name, i, text)
			}
			delete(got[i], "text")
			w := maps(want[i])
			delete(w, "text")
			if !reflect.DeepEqual(got[i], w) {
				t.Errorf("%s row %d: %v, want %v", name, i, got[i], w)
			}
		}
	}
}

func maps(m map[string]any) map[string]any {
	c := map[string]any{}
	for k, v := range m {
		c[k] = v
	}
	return c
}

// TestParquetAnnotateDedup: with duplicates dropped the output holds the
// representatives only; with --annotate every row, with the three
// annotation columns after the input's.
func TestParquetAnnotateDedup(t *testing.T) {
	dir := t.TempDir()
	in := pqPath("v2_snappy")
	// Two copies of the file: the second's rows are exact duplicates.
	two := filepath.Join(dir, "two")
	os.Mkdir(two, 0o755)
	b, _ := os.ReadFile(filepath.Join("..", "..", in))
	os.WriteFile(filepath.Join(two, "a.parquet"), b, 0o644)
	os.WriteFile(filepath.Join(two, "b.parquet"), b, 0o644)
	out := filepath.Join(dir, "out.parquet")
	if res := runClean(t, "", "-q", "--dedup", "exact", two, "-o", out); res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if n := len(pqRows(t, out)); n != 40 {
		t.Errorf("%d rows kept, want the 40 of the first copy", n)
	}
	// The output in the directory read: neither it nor its temporary
	// file is read as input.
	inside := filepath.Join(two, "out.parquet")
	for range 2 {
		// --format parquet takes every file of the walk as Parquet.
		res := runClean(t, "", "--format", "parquet", "--dedup", "exact", "--report", filepath.Join(dir, "r.json"), two, "-o", inside)
		if rep := readReport(t, filepath.Join(dir, "r.json")); res.code != 0 || rep.DocsIn != 80 || len(pqRows(t, inside)) != 40 {
			t.Errorf("output in the input directory: exit %d, %d docs in: %s", res.code, rep.DocsIn, res.stderr)
		}
	}
	os.Remove(inside)
	if res := runClean(t, "", "-q", "--dedup", "exact", "--annotate", two, "-o", out); res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	rows := pqRows(t, out)
	if len(rows) != 80 {
		t.Fatalf("%d rows, want 80", len(rows))
	}
	for i, r := range rows {
		dup, _ := r["duplicate"].(bool)
		if dup != (i >= 40) || r["cluster"] != rows[i%40]["id"] {
			t.Errorf("row %d: duplicate %v cluster %v", i, r["duplicate"], r["cluster"])
		}
		if _, ok := r["removed"].(string); !ok {
			t.Errorf("row %d: removed %v", i, r["removed"])
		}
	}
}

// TestParquetErrors: damage is named with the file and where, the rows
// before it kept; a Parquet output without Parquet input, and the shard
// verbs' Parquet output, are refused.
func TestParquetErrors(t *testing.T) {
	dir := t.TempDir()
	b, _ := os.ReadFile(filepath.Join("..", "..", pqPath("v2_snappy")))
	cut := filepath.Join(dir, "cut.parquet")
	os.WriteFile(cut, b[:len(b)/2], 0o644)
	res := runClean(t, "", "-q", cut, pqPath("plain"))
	if res.code == 0 || !strings.Contains(res.stderr, cut) || !strings.Contains(res.stderr, "parquet") {
		t.Errorf("a truncated file: exit %d: %s", res.code, res.stderr)
	}
	if n := strings.Count(res.stdout, "\n"); n == 0 {
		t.Errorf("the other input's rows were not written: %s", res.stderr)
	}
	// The header of the last page (a GZIP one, of the second row group)
	// broken: the first row group's rows are written, the error names
	// the page's offset.
	broken, _ := os.ReadFile(filepath.Join("..", "..", pqPath("v1_dict_gzip")))
	at := bytes.LastIndex(broken, []byte{0x1f, 0x8b, 0x08})
	copy(broken[at-6:], bytes.Repeat([]byte{0xff}, 6))
	bad := filepath.Join(dir, "bad.parquet")
	os.WriteFile(bad, broken, 0o644)
	res = runClean(t, "", "-q", "--dedup", "off", "--strip=false", bad)
	if res.code == 0 || !strings.Contains(res.stderr, bad+": 15 rows lost to damage, the first: parquet: row group 1") || !strings.Contains(res.stderr, "page at byte") {
		t.Errorf("a broken page: exit %d: %s", res.code, res.stderr)
	}
	if n := strings.Count(res.stdout, "\n"); n != 25 {
		t.Errorf("%d rows before the damage, want the first row group's 25", n)
	}
	// Standard input: recognised and read from its spool when the run
	// makes two passes; refused, with why, when it is read once.
	plain, _ := os.ReadFile(filepath.Join("..", "..", pqPath("plain")))
	res = runClean(t, string(plain), "-q", "--dedup", "off")
	if res.code != 0 || strings.Count(res.stdout, "\n") != 8 {
		t.Errorf("Parquet on standard input: exit %d, %d rows: %s", res.code, strings.Count(res.stdout, "\n"), res.stderr)
	}
	res = runClean(t, string(plain), "-q", "--format", "parquet", "--dedup", "off", "--strip=false")
	if res.code == 0 || !strings.Contains(res.stderr, "needs a file it can seek in") {
		t.Errorf("Parquet on standard input, one pass: exit %d: %s", res.code, res.stderr)
	}
	jl := filepath.Join(dir, "a.jsonl")
	os.WriteFile(jl, []byte(`{"id":"a","text":"Some text of a story that is long enough."}`+"\n"), 0o644)
	res = runClean(t, "", "-q", jl, "-o", filepath.Join(dir, "x.parquet"))
	if res.code == 0 || !strings.Contains(res.stderr, "no input is a Parquet file") {
		t.Errorf("JSON Lines to Parquet: exit %d: %s", res.code, res.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.parquet")); err == nil {
		t.Error("a failed Parquet output was left behind")
	}
	res = runClean(t, "", "apply", "--shard", "0/2", "--decisions", jl, "-o", filepath.Join(dir, "y.parquet"), jl)
	if res.code == 0 || !strings.Contains(res.stderr, "Parquet") {
		t.Errorf("shard verb to Parquet: exit %d: %s", res.code, res.stderr)
	}
}
