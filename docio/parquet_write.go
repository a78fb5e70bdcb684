package docio

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
)

// Parquet output. A ParquetOutput writes rows read from Parquet with
// the schema they were read with: each column's levels and values are
// copied as read (nesting of any kind included), only the text column's
// value is replaced, and columns the output adds (the text column of a
// file whose documents came from its HTML column; the annotations) follow
// the input's as required top-level columns. Values are written PLAIN in
// data pages v1 of about pqPageBytes, cut at row starts, each column
// compressed with the codec its input used; rows are buffered until
// pqRowGroupBytes, then written as a row group, so memory holds one row
// group. The file is written to a temporary name and renamed into place
// by Commit, as every Output is.

// Sizes of the output's row groups and pages (variables for tests).
var (
	pqRowGroupBytes = 64 << 20
	pqPageBytes     = 1 << 20
)

// ParquetOutput writes Parquet rows.
type ParquetOutput struct {
	out     *Output
	file    *pqFile // the schema's source
	textCol int     // the column replaced by the text, or -1: an added one
	added   []pqAdded
	cols    []*pqWColumn // the input's columns, then the added ones
	rows    int          // rows buffered
	bytes   int          // bytes buffered
	off     int64        // bytes written
	groups  []tval       // the row groups written
	total   int64        // rows written
	zw      *zstd.Encoder
	err     error
}

// pqAdded is a column the output adds: its name and the kind of value
// (string, bool or JSON); col is an input column it replaces instead, or
// -1.
type pqAdded struct {
	key  string
	kind byte // 's', 'b' or 'j'
	col  int
}

// pqWColumn is a column's buffered rows.
type pqWColumn struct {
	path           []string
	typ            int64
	maxDef, maxRep int
	codec          int64
	rep, def       []uint8
	levels         int    // levels buffered (rows, without repetition or definition)
	vals           []byte // PLAIN values; booleans one byte each
	nvals          int
	// rows[i] is where buffered row i starts: its first level, value
	// and byte of vals.
	rows []pqWRow
}

type pqWRow struct{ level, val, byte int }

// CreateParquet starts a Parquet output at path. Its schema is set by
// SetSchema before the first row.
func CreateParquet(path string) (*ParquetOutput, error) {
	out, err := Create(path)
	if err != nil {
		return nil, err
	}
	if _, err := out.Write(parquetMagic); err != nil {
		out.Abort()
		return nil, err
	}
	return &ParquetOutput{out: out, off: int64(len(parquetMagic))}, nil
}

// Write refuses records: a ParquetOutput takes rows (WriteDoc).
func (o *ParquetOutput) Write(p []byte) (int, error) {
	return 0, errors.New("Parquet output takes rows, not JSON records")
}

// SetSchema takes the schema of the Parquet file at path, whose column
// textField holds the text, and adds the columns of extras (example
// values: a JSON string, a boolean or any other JSON) after the input's.
// An extra named like an existing top-level column of a matching type
// replaces its value instead.
func (o *ParquetOutput) SetSchema(path, textField string, extras []Field) error {
	f, err := openParquet(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	f.close()
	o.file, o.textCol = f, -1
	if c := f.column(textField); c != nil {
		if c.typ != pqByteArray || c.maxRep > 0 {
			return fmt.Errorf("%s: text column %q is a %s in a list or of another type: it cannot hold the text", path, textField, pqTypeNames[c.typ])
		}
		o.textCol = c.node.col
	} else {
		o.added = append(o.added, pqAdded{key: textField, kind: 's', col: -1})
	}
	for _, x := range extras {
		kind := byte('j')
		switch {
		case len(x.Value) > 0 && x.Value[0] == '"':
			kind = 's'
		case string(x.Value) == "true" || string(x.Value) == "false":
			kind = 'b'
		}
		a := pqAdded{key: x.Key, kind: kind, col: -1}
		if c := f.column(x.Key); c != nil {
			if c.maxRep > 0 || (kind == 'b') != (c.typ == pqBoolean) || kind != 'b' && c.typ != pqByteArray {
				return fmt.Errorf("%s: column %q exists with a type that cannot hold the %q the output adds", path, x.Key, x.Key)
			}
			a.col = c.node.col
		}
		o.added = append(o.added, a)
	}
	for _, c := range f.cols {
		codec := c.codec
		if codec != codecNone && codec != codecGzip && codec != codecZstd {
			codec = codecSnappy // what this package cannot write (nor read)
		}
		o.cols = append(o.cols, &pqWColumn{path: c.path, typ: c.typ, maxDef: c.maxDef, maxRep: c.maxRep, codec: codec})
	}
	codec := int64(codecSnappy)
	if o.textCol >= 0 {
		codec = o.cols[o.textCol].codec
	}
	for _, a := range o.added {
		if a.col < 0 {
			typ := int64(pqByteArray)
			if a.kind == 'b' {
				typ = pqBoolean
			}
			o.cols = append(o.cols, &pqWColumn{path: []string{a.key}, typ: typ, codec: codec})
		}
	}
	return nil
}

// WriteDoc writes the row of d with text in its text column and the
// values of extra (the fields SetSchema was given, in any order) in the
// added columns. It returns the bytes buffered for the row.
func (o *ParquetOutput) WriteDoc(d *Doc, text string, extra ...Field) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	switch {
	case o.file == nil:
		return 0, o.fail(errors.New("Parquet output: no schema"))
	case d.pq == nil:
		return 0, o.fail(fmt.Errorf("%s: not read from Parquet: -o FILE.parquet writes rows read from Parquet files", d.Source))
	case d.pq.g.file.schema != o.file.schema:
		return 0, o.fail(fmt.Errorf("%s: its Parquet schema differs from that of %s: one output takes one schema", d.Source, o.file.path))
	}
	g, i := d.pq.g, d.pq.i
	before := o.bytes
	replaced := map[int][]byte{}
	if o.textCol >= 0 {
		replaced[o.textCol] = []byte(text)
	}
	var adds [][]byte
	if o.textCol < 0 {
		adds = append(adds, []byte(text))
	}
	for _, a := range o.added {
		if a.key == d.textField && o.textCol < 0 {
			continue
		}
		v, err := a.value(extra)
		if err != nil {
			return 0, o.fail(fmt.Errorf("%s: %w", d.position(), err))
		}
		if a.col >= 0 {
			replaced[a.col] = v
		} else {
			adds = append(adds, v)
		}
	}
	for c, ch := range g.chunks {
		w := o.cols[c]
		w.startRow()
		lo, hi := ch.rows[i], ch.rows[i+1]
		if v, ok := replaced[c]; ok {
			// A non-repeated column: one level; the value is defined.
			if hi-lo != 1 {
				return 0, o.fail(fmt.Errorf("%s: column %q has %d values", d.position(), o.file.cols[c].name, hi-lo))
			}
			if w.maxDef > 0 {
				if int(ch.def[lo]) < w.maxDef-1 {
					return 0, o.fail(fmt.Errorf("%s: column %q lies in a group that is null in this row", d.position(), o.file.cols[c].name))
				}
				w.def = append(w.def, uint8(w.maxDef))
			}
			w.levels++
			o.bytes += w.add(v)
			continue
		}
		if ch.rep != nil {
			w.rep = append(w.rep, ch.rep[lo:hi]...)
		}
		if ch.def != nil {
			w.def = append(w.def, ch.def[lo:hi]...)
		}
		for k := ch.vrows[i]; k < ch.vrows[i+1]; k++ {
			o.bytes += w.add(ch.vals.at(int(k)))
		}
		w.levels += int(hi - lo)
		o.bytes += int(hi - lo)
	}
	for k, v := range adds {
		w := o.cols[len(g.chunks)+k]
		w.startRow()
		w.levels++
		o.bytes += w.add(v)
	}
	o.rows++
	n := o.bytes - before
	if o.bytes >= pqRowGroupBytes {
		o.flushGroup()
	}
	return n, o.err
}

// value returns the PLAIN bytes of the added column a in extra.
func (a *pqAdded) value(extra []Field) ([]byte, error) {
	for _, x := range extra {
		if x.Key != a.key {
			continue
		}
		switch a.kind {
		case 'b':
			if string(x.Value) == "true" {
				return boolBytes[1:], nil
			}
			return boolBytes[:1], nil
		case 's':
			var s string
			if err := json.Unmarshal(x.Value, &s); err != nil {
				return nil, fmt.Errorf("field %q: %w", a.key, err)
			}
			return []byte(s), nil
		}
		return x.Value, nil
	}
	return nil, fmt.Errorf("no value for column %q", a.key)
}

func (w *pqWColumn) startRow() {
	w.rows = append(w.rows, pqWRow{w.levels, w.nvals, len(w.vals)})
}

// add buffers a value in PLAIN and returns its size.
func (w *pqWColumn) add(v []byte) int {
	n := len(w.vals)
	if w.typ == pqByteArray {
		w.vals = binary.LittleEndian.AppendUint32(w.vals, uint32(len(v)))
	}
	w.vals = append(w.vals, v...)
	w.nvals++
	return len(w.vals) - n
}

func (o *ParquetOutput) fail(err error) error {
	if o.err == nil {
		o.err = err
	}
	return o.err
}

// write writes b to the output.
func (o *ParquetOutput) write(b []byte) {
	if o.err != nil {
		return
	}
	if _, err := o.out.Write(b); err != nil {
		o.fail(err)
	}
	o.off += int64(len(b))
}

// flushGroup writes the buffered rows as a row group.
func (o *ParquetOutput) flushGroup() {
	if o.rows == 0 || o.err != nil {
		return
	}
	var chunks []tval
	var size, csize int64
	first := o.off
	for _, w := range o.cols {
		cc, usize, err := o.writeChunk(w)
		if err != nil {
			o.fail(err)
			return
		}
		chunks = append(chunks, cc)
		size += usize
		*w = pqWColumn{path: w.path, typ: w.typ, maxDef: w.maxDef, maxRep: w.maxRep, codec: w.codec,
			rep: w.rep[:0], def: w.def[:0], vals: w.vals[:0], rows: w.rows[:0]}
	}
	csize = o.off - first
	o.groups = append(o.groups, tStructOf(
		tfield{1, tListOf(tStruct, chunks...)},
		tfield{2, tInt(tI64, size)},
		tfield{3, tInt(tI64, int64(o.rows))},
		tfield{5, tInt(tI64, first)},
		tfield{6, tInt(tI64, csize)},
	))
	o.total += int64(o.rows)
	o.rows, o.bytes = 0, 0
}

// writeChunk writes a column's buffered rows as data pages and returns
// its ColumnChunk and uncompressed size.
func (o *ParquetOutput) writeChunk(w *pqWColumn) (tval, int64, error) {
	start := o.off
	var usize int64
	end := pqWRow{w.levels, w.nvals, len(w.vals)}
	var page []byte
	for r := 0; r < len(w.rows); {
		// A page: rows from r while it stays under pqPageBytes.
		s := w.rows[r]
		e := end
		next := len(w.rows)
		for k := r + 1; k < len(w.rows); k++ {
			if w.rows[k].byte-s.byte >= pqPageBytes {
				e, next = w.rows[k], k
				break
			}
		}
		r = next
		n := e.level - s.level
		page = page[:0]
		if w.maxRep > 0 {
			page = appendLevels(page, w.rep[s.level:e.level], w.maxRep)
		}
		if w.maxDef > 0 {
			page = appendLevels(page, w.def[s.level:e.level], w.maxDef)
		}
		vals := w.vals[s.byte:e.byte]
		if w.typ == pqBoolean { // bit-packed
			packed := make([]byte, (len(vals)+7)/8)
			for i, b := range vals {
				packed[i/8] |= (b & 1) << (i % 8)
			}
			vals = packed
		}
		page = append(page, vals...)
		comp, err := o.compress(w.codec, page)
		if err != nil {
			return tval{}, 0, err
		}
		h := tStructOf(
			tfield{1, tInt(tI32, pageData)},
			tfield{2, tInt(tI32, int64(len(page)))},
			tfield{3, tInt(tI32, int64(len(comp)))},
			tfield{5, tStructOf(
				tfield{1, tInt(tI32, int64(n))},
				tfield{2, tInt(tI32, encPlain)},
				tfield{3, tInt(tI32, encRLE)},
				tfield{4, tInt(tI32, encRLE)},
			)},
		)
		hb := appendStruct(nil, &h)
		o.write(hb)
		o.write(comp)
		usize += int64(len(hb) + len(page))
	}
	var path []tval
	for _, p := range w.path {
		path = append(path, tStr(p))
	}
	md := tStructOf(
		tfield{1, tInt(tI32, w.typ)},
		tfield{2, tListOf(tI32, tInt(tI32, encPlain), tInt(tI32, encRLE))},
		tfield{3, tListOf(tBinary, path...)},
		tfield{4, tInt(tI32, w.codec)},
		tfield{5, tInt(tI64, int64(w.levels))},
		tfield{6, tInt(tI64, usize)},
		tfield{7, tInt(tI64, o.off-start)},
		tfield{9, tInt(tI64, start)},
	)
	return tStructOf(tfield{2, tInt(tI64, start)}, tfield{3, md}), usize, o.err
}

// appendLevels appends levels in the RLE/bit-packed hybrid, as runs,
// prefixed with their length (a data page v1's form).
func appendLevels(dst []byte, levels []uint8, max int) []byte {
	at := len(dst)
	dst = append(dst, 0, 0, 0, 0)
	width := (bits.Len(uint(max)) + 7) / 8
	for i := 0; i < len(levels); {
		j := i + 1
		for j < len(levels) && levels[j] == levels[i] {
			j++
		}
		dst = binary.AppendUvarint(dst, uint64(j-i)<<1)
		for k := range width {
			dst = append(dst, levels[i]>>(8*k))
		}
		i = j
	}
	binary.LittleEndian.PutUint32(dst[at:], uint32(len(dst)-at-4))
	return dst
}

// compress compresses a page with codec.
func (o *ParquetOutput) compress(codec int64, page []byte) ([]byte, error) {
	switch codec {
	case codecNone:
		return page, nil
	case codecSnappy:
		return s2.EncodeSnappy(nil, page), nil
	case codecGzip:
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(page)
		if err := zw.Close(); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	case codecZstd:
		if o.zw == nil {
			var err error
			if o.zw, err = zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1)); err != nil {
				return nil, err
			}
		}
		return o.zw.EncodeAll(page, nil), nil
	}
	return nil, fmt.Errorf("compression codec %d: not supported", codec)
}

// Commit writes the last row group and the footer and renames the file
// into place.
func (o *ParquetOutput) Commit() error {
	if o.file == nil && o.err == nil {
		o.fail(errors.New("Parquet output: no Parquet input to take the schema from"))
	}
	o.flushGroup()
	if o.err != nil {
		o.out.Abort()
		return o.err
	}
	meta := o.footer()
	b := appendStruct(nil, &meta)
	o.write(b)
	o.write(binary.LittleEndian.AppendUint32(nil, uint32(len(b))))
	o.write(parquetMagic)
	if o.err != nil {
		o.out.Abort()
		return o.err
	}
	return o.out.Commit()
}

// footer is the output's FileMetaData: the input's schema with the added
// columns, its key-value metadata (without the Arrow schema, which no
// longer matches when columns were added), the row groups written.
func (o *ParquetOutput) footer() tval {
	in := o.file.meta.field(2)
	schema := tval{t: tList, et: tStruct, elems: append([]tval(nil), in.elems...)}
	var added []tval
	for _, w := range o.cols[len(o.file.cols):] {
		e := tStructOf(tfield{1, tInt(tI32, w.typ)}, tfield{3, tInt(tI32, pqRequired)}, tfield{4, tStr(w.path[0])})
		if w.typ == pqByteArray {
			conv, lt := int64(convUTF8), int16(logicalString)
			for _, a := range o.added {
				if a.key == w.path[0] && a.kind == 'j' {
					conv, lt = convJSON, logicalJSON
				}
			}
			e.set(6, tInt(tI32, conv))
			e.set(10, tStructOf(tfield{lt, tStructOf()}))
		}
		added = append(added, e)
	}
	if len(added) > 0 {
		root := schema.elems[0]
		root.fields = append([]tfield(nil), root.fields...)
		root.set(5, tInt(tI32, root.int(5, 0)+int64(len(added))))
		schema.elems[0] = root
		schema.elems = append(schema.elems, added...)
	}
	meta := tStructOf(
		tfield{1, tInt(tI32, o.file.meta.int(1, 1))},
		tfield{2, schema},
		tfield{3, tInt(tI64, o.total)},
		tfield{4, tListOf(tStruct, o.groups...)},
	)
	if kv := o.file.meta.field(5); kv != nil {
		keep := tval{t: tList, et: tStruct}
		for _, e := range kv.elems {
			if len(added) == 0 || e.str(1) != "ARROW:schema" {
				keep.elems = append(keep.elems, e)
			}
		}
		meta.set(5, keep)
	}
	meta.set(6, tStr("clean"))
	return meta
}

// Stat describes the file being written, so that a run never reads it.
func (o *ParquetOutput) Stat() (fs.FileInfo, error) { return o.out.Stat() }

// Abort drops the output.
func (o *ParquetOutput) Abort() error { return o.out.Abort() }

// position names a document: FILE:ROW.
func (d *Doc) position() string { return fmt.Sprintf("%s:%d", d.Source, d.Line) }
