package docio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"

	"github.com/parquet-go/parquet-go"
)

// Parquet input: each row is a document whose record is the row as a
// JSON object, its columns in schema order, so that everything said of
// JSON Lines records (the text, id, html and url fields, passthrough of
// every other column, --annotate) holds for it. Rows are read a row
// group at a time, parquetBatch rows at once: memory is one row group's
// pages, not the file.

// parquetBatch is how many rows are read at once.
const parquetBatch = 64

// parquetState is a Reader's state for a Parquet file.
type parquetState struct {
	file   *os.File
	pf     *parquet.File
	group  int          // the next row group
	rows   parquet.Rows // of the current row group, or nil
	buf    []parquet.Row
	n, i   int // buf[i:n] are read, not yet returned
	fields []parquet.Field
}

// nextParquet returns the document of the next row. A damaged file
// ends the input with an error: the Parquet library can panic on one,
// and that panic is turned into the error.
func (r *Reader) nextParquet() (d *Doc, err error) {
	defer func() {
		if v := recover(); v != nil {
			if r.pq != nil {
				r.pq.close()
			}
			d, err = nil, fmt.Errorf("parquet: damaged file: %v", v)
		}
	}()
	p := r.pq
	if p == nil {
		var err error
		if p, err = openParquet(r.in.Path); err != nil {
			return nil, err
		}
		r.pq = p
	}
	for p.i == p.n {
		if err := p.fill(); err != nil {
			p.close()
			return nil, err
		}
	}
	row := p.buf[p.i]
	p.i++
	r.line++
	rec, err := p.record(row)
	if err != nil {
		return r.dataError(nil, 0, &Reject{ReasonInvalidJSON, err}), nil
	}
	if err := r.sc.scanRecord(rec); err != nil {
		return r.dataError(nil, len(rec), &Reject{ReasonInvalidJSON, err}), nil
	}
	d, rej := r.newDoc(rec)
	if rej != nil {
		return r.dataError(rec, len(rec), rej), nil
	}
	d.Bytes = len(rec)
	textCol := -1
	if leaf, ok := p.pf.Schema().Lookup(r.opts.TextField); ok {
		textCol = leaf.ColumnIndex
	}
	d.pq = &parquetRow{row: row.Clone(), schema: p.pf.Schema(), textCol: textCol}
	return d, nil
}

func openParquet(path string) (*parquetState, error) {
	if path == "-" {
		return nil, errors.New("Parquet needs a file it can seek in, not standard input")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("parquet: %w", err)
	}
	return &parquetState{file: f, pf: pf, buf: make([]parquet.Row, parquetBatch), fields: pf.Schema().Fields()}, nil
}

// fill reads the next rows, moving to the next row group as needed; it
// returns io.EOF after the last.
func (p *parquetState) fill() error {
	if p.rows == nil {
		groups := p.pf.RowGroups()
		if p.group == len(groups) {
			return io.EOF
		}
		p.rows = groups[p.group].Rows()
		p.group++
	}
	n, err := p.rows.ReadRows(p.buf)
	p.i, p.n = 0, n
	if err == io.EOF {
		p.rows.Close()
		p.rows = nil
		return nil
	}
	if err != nil {
		return fmt.Errorf("parquet: row group %d: %w", p.group-1, err)
	}
	return nil
}

func (p *parquetState) close() {
	if p.rows != nil {
		p.rows.Close()
		p.rows = nil
	}
	p.file.Close()
}

// record renders a row as a JSON object, columns in schema order.
func (p *parquetState) record(row parquet.Row) ([]byte, error) {
	m := map[string]any{}
	if err := p.pf.Schema().Reconstruct(&m, row); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range p.fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(AppendString(nil, f.Name()))
		b.WriteByte(':')
		v, err := json.Marshal(m[f.Name()])
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", f.Name(), err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// parquetRow is what a document read from Parquet keeps to be written
// back as Parquet: its row, the file's schema and the text's column.
type parquetRow struct {
	row     parquet.Row
	schema  *parquet.Schema
	textCol int // -1: no such column
}

// ParquetOutput writes the documents of Parquet input as Parquet, with
// the input's schema: every column as read, the text column's value
// replaced. Like Output, it writes to a temporary file renamed into place
// by Commit.
type ParquetOutput struct {
	*Output
	w       *parquet.Writer
	schema  *parquet.Schema // written: the input's, and extra columns
	input   *parquet.Schema // the first input's
	rows    []parquet.Row
	pending int // bytes of records in the row group being built
}

// parquetGroupBytes is how many bytes of records (as read) a row group
// written holds at most: the writer keeps a row group in memory until it
// is flushed (a variable for tests).
var parquetGroupBytes = 64 << 20

// CreateParquet starts a Parquet output at path.
func CreateParquet(path string) (*ParquetOutput, error) {
	o, err := Create(path)
	if err != nil {
		return nil, err
	}
	return &ParquetOutput{Output: o, rows: make([]parquet.Row, 1)}, nil
}

// Write refuses records: only documents read from Parquet can be written.
func (p *ParquetOutput) Write([]byte) (int, error) {
	return 0, p.fail("write", errors.New("Parquet output takes documents read from Parquet only"))
}

// WriteDoc writes d with its text replaced by text and extra fields
// (--annotate's) as columns added after the input's: a JSON string or
// boolean as such, any other JSON value as its text. It returns the size
// of the record as read. The first document sets the schema; a document
// of another schema, or not read from Parquet, is an error.
func (p *ParquetOutput) WriteDoc(d *Doc, text string, extra ...Field) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	q := d.pq
	switch {
	case q == nil:
		return 0, p.fail("write", fmt.Errorf("%s is not Parquet: Parquet output takes Parquet input only", d.Source))
	case p.w == nil:
		p.input = q.schema
		p.schema = q.schema
		if len(extra) > 0 {
			s, err := withColumns(q.schema, extra)
			if err != nil {
				return 0, p.fail("write", err)
			}
			p.schema = s
		}
		p.w = parquet.NewWriter(p.Output, p.schema)
	case q.schema != p.input && q.schema.String() != p.input.String():
		return 0, p.fail("write", fmt.Errorf("%s: its schema differs from the first Parquet input's", d.Source))
	}
	row := q.row
	if (text != d.Text && q.textCol >= 0) || len(extra) > 0 {
		row = row.Clone()
	}
	if text != d.Text && q.textCol >= 0 {
		for i, v := range row {
			if v.Column() == q.textCol {
				row[i] = parquet.ValueOf(text).Level(v.RepetitionLevel(), v.DefinitionLevel(), q.textCol)
			}
		}
	}
	col := len(p.input.Columns())
	for i, f := range extra {
		row = append(row, extraValue(f.Value).Level(0, 0, col+i))
	}
	p.rows[0] = row
	if _, err := p.w.WriteRows(p.rows); err != nil {
		return 0, p.fail("write", err)
	}
	if p.pending += d.Bytes; p.pending >= parquetGroupBytes {
		p.pending = 0
		if err := p.w.Flush(); err != nil {
			return 0, p.fail("write", err)
		}
	}
	return d.Bytes, nil
}

// Commit ends the Parquet file (a run without documents writes none:
// an empty file) and renames it into place.
func (p *ParquetOutput) Commit() error {
	if p.w != nil && p.err == nil {
		if err := p.w.Close(); err != nil {
			p.fail("write", err)
		}
	}
	return p.Output.Commit()
}

// extraValue is the Parquet value of an extra field's JSON value.
func extraValue(v []byte) parquet.Value {
	switch {
	case string(v) == "true" || string(v) == "false":
		return parquet.ValueOf(string(v) == "true")
	case len(v) > 0 && v[0] == '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return parquet.ValueOf(s)
		}
	}
	return parquet.ValueOf(string(v))
}

// withColumns is schema with a required column added at the end per
// extra field, typed as extraValue makes its value. parquet.Group would
// sort the columns by name; the input's order is kept instead.
func withColumns(schema *parquet.Schema, extra []Field) (*parquet.Schema, error) {
	fields := schema.Fields()
	for _, f := range extra {
		if _, ok := schema.Lookup(f.Key); ok {
			return nil, fmt.Errorf("the Parquet input already has a column %q", f.Key)
		}
		node := parquet.String()
		if extraValue(f.Value).Kind() == parquet.Boolean {
			node = parquet.Leaf(parquet.BooleanType)
		}
		fields = append(fields, namedField{node, f.Key})
	}
	return parquet.NewSchema(schema.Name(), orderedGroup{schema, fields}), nil
}

// orderedGroup is a group node whose fields keep their order.
type orderedGroup struct {
	parquet.Node
	fields []parquet.Field
}

func (g orderedGroup) Fields() []parquet.Field { return g.fields }

// namedField is a column added to a schema.
type namedField struct {
	parquet.Node
	name string
}

func (f namedField) Name() string { return f.name }

// Value is for Go values mapped on the schema, which are not written.
func (f namedField) Value(reflect.Value) reflect.Value { return reflect.Value{} }
