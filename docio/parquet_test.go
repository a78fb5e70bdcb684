package docio

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestParquetOutputRowGroups: the output is cut into row groups of at
// most parquetGroupBytes, so the writer never holds the whole file.
func TestParquetOutputRowGroups(t *testing.T) {
	type row struct {
		ID   string `parquet:"id"`
		Text string `parquet:"text"`
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.parquet")
	var rows []row
	for i := range 100 {
		rows = append(rows, row{fmt.Sprint(i), fmt.Sprintf("text of row %d", i)})
	}
	if err := parquet.WriteFile(in, rows); err != nil {
		t.Fatal(err)
	}
	defer func(n int) { parquetGroupBytes = n }(parquetGroupBytes)
	parquetGroupBytes = 1000
	out, err := CreateParquet(filepath.Join(dir, "out.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(nil, Input{Path: in, Format: FormatParquet}, Options{})
	for {
		d, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := out.WriteDoc(d, d.Text+"!"); err != nil {
			t.Fatal(err)
		}
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(filepath.Join(dir, "out.parquet"))
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pf.RowGroups()); n < 4 || pf.NumRows() != 100 {
		t.Errorf("%d row groups, %d rows", n, pf.NumRows())
	}
	got, err := parquet.ReadFile[row](filepath.Join(dir, "out.parquet"))
	if err != nil || got[42].Text != "text of row 42!" || got[42].ID != "42" {
		t.Errorf("row 42: %+v, %v", got[42], err)
	}
}
