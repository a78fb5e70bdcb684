package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

type pqRow struct {
	ID    string   `parquet:"id"`
	Text  string   `parquet:"text"`
	URL   string   `parquet:"url"`
	N     int64    `parquet:"n"`
	Score float64  `parquet:"score"`
	OK    bool     `parquet:"ok"`
	Tags  []string `parquet:"tags,list"`
	Opt   *int32   `parquet:"opt,optional"`
}

// TestParquetInput: each row is a document; every column but the text
// passes through with its value, in schema order; rows span several row
// groups.
func TestParquetInput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[pqRow](f, parquet.MaxRowsPerRowGroup(7))
	var rows []pqRow
	for i := range 30 {
		r := pqRow{ID: fmt.Sprintf("doc-%d", i), Text: fmt.Sprintf("Story %d: the council agreed %d homes would be rebuilt.\nAll rights reserved.", i, i*7),
			URL: fmt.Sprintf("https://news%d.example/s/%d", i%3, i), N: int64(i) << 40, Score: float64(i) / 3, OK: i%2 == 0, Tags: []string{"a", fmt.Sprint(i)}}
		if i%4 == 0 {
			v := int32(-i)
			r.Opt = &v
		}
		rows = append(rows, r)
	}
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	res := runClean(t, "", "--dedup=off", "--strip=false", path)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	if len(lines) != len(rows) {
		t.Fatalf("%d records, want %d", len(lines), len(rows))
	}
	for i, line := range lines {
		if !strings.HasPrefix(line, `{"id":`) || !strings.Contains(line, `"score":`) || strings.Index(line, `"ok"`) > strings.Index(line, `"tags"`) {
			t.Errorf("columns not in schema order: %s", line)
		}
		var got pqRow
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		want := rows[i]
		if !reflect.DeepEqual(got, want) {
			t.Errorf("row %d: got %+v, want %+v", i, got, want)
		}
	}
	// Stripping works on the text column: the rights line goes.
	res = runClean(t, "", "--dedup=off", path)
	if strings.Contains(res.stdout, "All rights reserved") || res.code != 0 {
		t.Errorf("exit %d, stripping not applied: %.300s", res.code, res.stdout)
	}
}

// TestParquetDamaged: a truncated or corrupt Parquet file is a damaged
// input, named, never a crash.
func TestParquetDamaged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data.parquet")
	f, _ := os.Create(path)
	w := parquet.NewGenericWriter[pqRow](f, parquet.MaxRowsPerRowGroup(5))
	for i := range 40 {
		w.Write([]pqRow{{ID: fmt.Sprint(i), Text: strings.Repeat(fmt.Sprintf("word%d ", i), 50), Tags: []string{"x"}}})
	}
	w.Close()
	f.Close()
	data, _ := os.ReadFile(path)
	for name, bad := range map[string][]byte{
		"truncated": data[:len(data)/2],
		"corrupt":   append(append(append([]byte(nil), data[:len(data)/3]...), make([]byte, 200)...), data[len(data)/3+200:]...),
	} {
		p := filepath.Join(dir, name+".parquet")
		os.WriteFile(p, bad, 0o644)
		res := runClean(t, "", "--dedup=off", p)
		if res.code == 0 || strings.Contains(res.stderr, "goroutine") || !strings.Contains(res.stderr, p) {
			t.Errorf("%s: exit %d: %s", name, res.code, res.stderr)
		}
	}
}

// TestParquetRoundTrip: -o x.parquet writes the input's schema; after
// clean --dedup off --strip=false every column is identical in value,
// and with stripping only the text column changes.
func TestParquetRoundTrip(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.parquet")
	f, _ := os.Create(in)
	w := parquet.NewGenericWriter[pqRow](f, parquet.MaxRowsPerRowGroup(4))
	var rows []pqRow
	for i := range 15 {
		r := pqRow{ID: fmt.Sprintf("doc-%d", i), Text: fmt.Sprintf("Story %d: the council agreed %d homes would be rebuilt.\nAll rights reserved.", i, i*7),
			URL: fmt.Sprintf("https://news%d.example/s/%d", i%3, i), N: int64(i)<<53 + 1, Score: float64(i) / 7, OK: i%3 == 0, Tags: []string{fmt.Sprint(i), "b"}}
		if i%2 == 0 {
			v := int32(i * 1000)
			r.Opt = &v
		}
		rows = append(rows, r)
	}
	w.Write(rows)
	w.Close()
	f.Close()
	out := filepath.Join(dir, "out.parquet")
	for _, strip := range []bool{false, true} {
		res := runClean(t, "", "--dedup=off", fmt.Sprintf("--strip=%v", strip), in, "-o", out)
		if res.code != 0 {
			t.Fatalf("exit %d: %s", res.code, res.stderr)
		}
		got, err := parquet.ReadFile[pqRow](out)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(rows) {
			t.Fatalf("strip %v: %d rows, want %d", strip, len(got), len(rows))
		}
		for i := range rows {
			want := rows[i]
			if strip {
				want.Text = strings.TrimSuffix(want.Text, "\nAll rights reserved.")
			}
			if !reflect.DeepEqual(got[i], want) {
				t.Errorf("strip %v, row %d: got %+v, want %+v", strip, i, got[i], want)
			}
		}
	}
	// --annotate adds its columns after the input's.
	if res := runClean(t, "", "--annotate", "--dedup=exact", in, in, "-o", out); res.code != 0 {
		t.Fatalf("--annotate to Parquet: exit %d: %s", res.code, res.stderr)
	}
	type annotated struct {
		pqRow
		Cluster   string `parquet:"cluster"`
		Duplicate bool   `parquet:"duplicate"`
		Removed   string `parquet:"removed"`
	}
	ann, err := parquet.ReadFile[annotated](out)
	if err != nil || len(ann) != 2*len(rows) {
		t.Fatalf("%d annotated rows, %v", len(ann), err)
	}
	if a, b := ann[3], ann[len(rows)+3]; a.ID != "doc-3" || a.Duplicate || a.Cluster != "doc-3" || !b.Duplicate || b.Cluster != "doc-3" ||
		!strings.Contains(a.Removed, "All rights reserved") || a.N != rows[3].N || !reflect.DeepEqual(a.Tags, rows[3].Tags) {
		t.Errorf("annotated rows %+v and %+v", a, b)
	}
	if res := runClean(t, "", "fixtures/seeds", "-o", out); res.code == 0 {
		t.Errorf("text files to Parquet: exit 0, want an error")
	}
}
