package docio

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/bits"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
)

// Parquet input. A row is a document: it is rendered as a JSON object,
// columns in schema order, and read from there as a JSON Lines record is,
// so the text, id, html and url fields, nested paths (content.body) and
// the passthrough of every other column work as they do for JSON Lines.
// The row's column values are kept with the document too, so that a
// Parquet output (ParquetOutput) writes them back exactly as read.
//
// A file is read a row group at a time: each column chunk is read with
// one ReadAt, its pages decompressed (SNAPPY, GZIP, ZSTD or none) and
// decoded into levels and values (PLAIN, PLAIN_DICTIONARY,
// RLE_DICTIONARY, and RLE for booleans; data pages v1 and v2), so memory
// holds one row group, not the file. Values are kept as their PLAIN bytes,
// slices of the decompressed pages. Nesting of any kind (groups, lists,
// maps) is carried by the repetition and definition levels, which rows are
// cut by and which are copied as they are; for JSON, records are
// assembled from them (a LIST-annotated group becomes an array of its
// elements, a MAP an object, keys as strings, other groups objects).
//
// Sizes the file declares are checked against the file and against
// limits before anything is allocated: a damaged or hostile file is an
// error naming the file and the byte offset of the footer or page, never
// a crash or an allocation the file does not back.

// Physical types.
const (
	pqBoolean = iota
	pqInt32
	pqInt64
	pqInt96
	pqFloat
	pqDouble
	pqByteArray
	pqFixed
)

var pqTypeNames = [...]string{"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"}

// Repetition types.
const (
	pqRequired = 0
	pqOptional = 1
	pqRepeated = 2
)

// Codecs, encodings and page types used here.
const (
	codecNone   = 0
	codecSnappy = 1
	codecGzip   = 2
	codecZstd   = 6

	encPlain     = 0
	encPlainDict = 2
	encRLE       = 3
	encRLEDict   = 8

	encDeltaBinary = 5
	encDeltaLength = 6
	encDeltaBytes  = 7
	encStreamSplit = 9

	pageData   = 0
	pageDict   = 2
	pageDataV2 = 3
)

// Converted types (SchemaElement field 6) and logical types (field 10)
// that change how a value is written as JSON.
const (
	convUTF8        = 0
	convMap         = 1
	convMapKeyValue = 2
	convList        = 3
	convDecimal     = 5
	convUint8       = 11
	convUint64      = 14
	convJSON        = 19

	logicalString  = 1
	logicalMap     = 2
	logicalList    = 3
	logicalDecimal = 5
	logicalInteger = 10
	logicalJSON    = 12
	logicalUUID    = 14
)

var parquetMagic = []byte("PAR1")

// maxGroupEntries bounds the levels of a row group, all columns together
// (each costs 6 bytes decoded besides the value: 100 MB); a variable for
// tests.
var maxGroupEntries = 1 << 24

// Limits on what an untrusted file declares.
const (
	maxFooterBytes   = 64 << 20 // the file metadata
	maxPageBytes     = 1 << 30  // one page, compressed or not
	maxSchemaDepth   = 100      // levels fit a byte
	maxSchemaEntries = 1 << 16
)

// pqNode is a schema node.
type pqNode struct {
	name       string
	elem       *tval // the SchemaElement as read
	repetition int64
	children   []*pqNode
	col        int  // the leaf's column, or -1 for a group
	first      int  // the first column under the node
	def, rep   int  // the levels reached at this node
	list       bool // a LIST or MAP group: written as its repeated child
	unwrap     bool // a LIST's repeated group of one field: each element is that field
	entry      bool // a MAP's repeated key-value group: written as an object's members
}

// pqColumn is a leaf column.
type pqColumn struct {
	path           []string
	name           string // path joined by dots
	node           *pqNode
	typ            int64
	width          int // bytes of a fixed-size value; 0 for BYTE_ARRAY
	maxDef, maxRep int
	codec          int64 // of the first row group, for output
}

// pqFile is an open Parquet file.
type pqFile struct {
	path   string
	f      io.ReaderAt
	closer io.Closer
	size   int64
	end    int64 // where the footer starts: column data lies before it
	meta   tval  // FileMetaData
	root   *pqNode
	cols   []*pqColumn
	groups []tval
	rows   int64
	// schema is the schema serialized, for telling whether two files
	// share one.
	schema string
}

// pqChunk is a decoded column chunk.
type pqChunk struct {
	rep, def []uint8 // nil when the maximum level is 0
	vals     pqValues
	// rows[i] is where row i starts in the levels, vrows[i] in vals;
	// both have one more element, the end.
	rows, vrows []int32
}

// pqValues are values as PLAIN bytes (a byte array without its length),
// end to end in one buffer with their offsets: no pointer per value, so
// a row group of millions of values costs the collector nothing to scan
// (with a slice per value, marking took a third of a run's CPU time).
type pqValues struct {
	data []byte
	off  []uint32 // value k is data[off[k]:off[k+1]]; off[0] == 0
	over bool     // data outgrew the offsets
}

func (v *pqValues) n() int { return max(len(v.off)-1, 0) }

func (v *pqValues) at(k int) []byte { return v.data[v.off[k]:v.off[k+1]:v.off[k+1]] }

func (v *pqValues) add(b []byte) {
	if len(v.off) == 0 {
		v.off = append(v.off, 0)
	}
	if uint64(len(v.data))+uint64(len(b)) > math.MaxUint32 {
		v.over = true
		return
	}
	v.data = append(v.data, b...)
	v.off = append(v.off, uint32(len(v.data)))
}

// pqGroup is a decoded row group.
type pqGroup struct {
	file   *pqFile
	chunks []pqChunk
	rows   int
}

// parquetRow is a document's row: its values, as read.
type parquetRow struct {
	g *pqGroup
	i int
}

// parquetState is a Reader's state for a Parquet file.
type parquetState struct {
	file  *pqFile
	group int // the next row group to read
	cur   *pqGroup
	row   int // the next row of cur
	rec   []byte
	lo    []int // assembly cursors, per column: the next level
	vi    []int // and the next value
	// damage is the first damage met, lost the rows it and later damage
	// cost: returned once the rest of the file is read.
	damage error
	lost   int
}

// openParquet opens the Parquet file at path and reads its footer.
func openParquet(path string) (*pqFile, error) {
	if path == "-" {
		return nil, errors.New("parquet: needs a file it can seek in: standard input is copied to one only when the run reads it more than once (site-repeat learning, --keep longest); give the file's path")
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
	p, err := readParquetFooter(f, st.Size())
	if err != nil {
		f.Close()
		return nil, err
	}
	p.path, p.closer = path, f
	return p, nil
}

// IsParquet reports whether the file at path starts as a Parquet file does.
func IsParquet(path string) bool {
	return startsWith(path, func(p string) (io.ReadCloser, error) { return os.Open(p) }, parquetMagic)
}

// readParquetFooter reads the file metadata of the size-byte file f.
func readParquetFooter(f io.ReaderAt, size int64) (*pqFile, error) {
	if size < 12 {
		return nil, fmt.Errorf("parquet: file of %d bytes is too short", size)
	}
	var head, tail [8]byte
	if _, err := f.ReadAt(head[:4], 0); err != nil {
		return nil, err
	}
	if _, err := f.ReadAt(tail[:], size-8); err != nil {
		return nil, err
	}
	if string(tail[4:]) == "PARE" {
		return nil, errors.New("parquet: encrypted footer: not supported")
	}
	if !bytes.Equal(head[:4], parquetMagic) || !bytes.Equal(tail[4:], parquetMagic) {
		return nil, fmt.Errorf("parquet: no PAR1 magic at the start and end (truncated, or not Parquet)")
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	start := size - 8 - n
	if n > maxFooterBytes || start < 4 {
		return nil, fmt.Errorf("parquet: footer length %d at byte %d does not fit the file of %d bytes", n, size-8, size)
	}
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, start); err != nil {
		return nil, err
	}
	tr := treader{b: buf}
	meta, err := tr.readStruct(0)
	if err != nil {
		return nil, fmt.Errorf("parquet: footer at byte %d: %w", start, err)
	}
	p := &pqFile{f: f, size: size, end: start, meta: meta}
	if err := p.parseMeta(); err != nil {
		return nil, fmt.Errorf("parquet: footer at byte %d: %w", start, err)
	}
	return p, nil
}

// parseMeta builds the schema tree and checks the row groups' shape.
func (p *pqFile) parseMeta() error {
	sch := p.meta.field(2)
	if sch == nil || len(sch.elems) == 0 {
		return errors.New("no schema")
	}
	if len(sch.elems) > maxSchemaEntries {
		return fmt.Errorf("schema of %d elements", len(sch.elems))
	}
	p.schema = string(appendValue(nil, sch))
	next := 0
	var build func(depth int, parent *pqNode) (*pqNode, error)
	build = func(depth int, parent *pqNode) (*pqNode, error) {
		if next >= len(sch.elems) {
			return nil, errors.New("schema: fewer elements than its groups' children")
		}
		if depth > maxSchemaDepth {
			return nil, errors.New("schema nested too deeply")
		}
		e := &sch.elems[next]
		next++
		n := &pqNode{name: e.str(4), elem: e, repetition: e.int(3, pqRequired), col: -1}
		if parent != nil {
			n.def, n.rep = parent.def, parent.rep
			if n.repetition != pqRequired {
				n.def++
			}
			if n.repetition == pqRepeated {
				n.rep++
			}
		}
		n.first = len(p.cols)
		kids := e.int(5, 0)
		if kids < 0 || kids > int64(len(sch.elems)-next) {
			return nil, fmt.Errorf("schema: %q has %d children", n.name, kids)
		}
		if kids == 0 && parent != nil {
			t := e.field(1)
			if t == nil || t.i < 0 || t.i > pqFixed {
				return nil, fmt.Errorf("schema: leaf %q has no valid type", n.name)
			}
			c := &pqColumn{node: n, typ: t.i, maxDef: n.def, maxRep: n.rep}
			c.width = [...]int{1, 4, 8, 12, 4, 8, 0, 0}[t.i]
			if t.i == pqFixed {
				c.width = int(e.int(2, 0))
				if c.width <= 0 || c.width > 1<<20 {
					return nil, fmt.Errorf("schema: %q has fixed length %d", n.name, c.width)
				}
			}
			n.col = len(p.cols)
			p.cols = append(p.cols, c)
			return n, nil
		}
		for range kids {
			k, err := build(depth+1, n)
			if err != nil {
				return nil, err
			}
			n.children = append(n.children, k)
		}
		conv, lt := e.int(6, -1), logical(e)
		isList, isMap := conv == convList || lt == logicalList, conv == convMap || conv == convMapKeyValue || lt == logicalMap
		if len(n.children) == 1 && n.children[0].repetition == pqRepeated {
			kv := n.children[0]
			switch {
			case isList:
				// Of the legacy two-level forms, a repeated group named
				// array or NAME_tuple is itself the element (the spec's
				// backward-compatibility rules).
				n.list = true
				kv.unwrap = len(kv.children) == 1 && kv.name != "array" && kv.name != n.name+"_tuple"
			case isMap && len(kv.children) == 2 && kv.children[0].col >= 0 && kv.children[0].repetition == pqRequired:
				n.list, kv.entry = true, true
			}
		}
		return n, nil
	}
	root, err := build(0, nil)
	if err != nil {
		return err
	}
	if next != len(sch.elems) {
		return fmt.Errorf("schema: %d elements outside the root", len(sch.elems)-next)
	}
	p.root = root
	p.setPaths(root, nil)
	if rg := p.meta.field(4); rg != nil {
		p.groups = rg.elems
	}
	for i := range p.groups {
		g := &p.groups[i]
		cc := g.field(1)
		if cc == nil || len(cc.elems) != len(p.cols) {
			return fmt.Errorf("row group %d: column chunks do not match the schema's %d columns", i, len(p.cols))
		}
		if n := g.int(3, -1); n < 0 || n > int64(maxGroupEntries) {
			return fmt.Errorf("row group %d: %d rows", i, n)
		}
		p.rows += g.int(3, 0)
		for j, c := range p.cols {
			if i == 0 {
				if md := cc.elems[j].field(3); md != nil {
					c.codec = md.int(4, codecNone)
				}
			}
		}
	}
	return nil
}

func (p *pqFile) setPaths(n *pqNode, path []string) {
	for _, k := range n.children {
		kp := append(path[:len(path):len(path)], k.name)
		if k.col >= 0 {
			c := p.cols[k.col]
			c.path, c.name = kp, strings.Join(kp, ".")
		}
		p.setPaths(k, kp)
	}
}

// logical returns the kind of a schema element's logical type (the set
// field of the LogicalType union), or -1.
func logical(e *tval) int16 {
	if l := e.field(10); l != nil && len(l.fields) > 0 {
		return l.fields[0].id
	}
	return -1
}

// column returns the column named path (dots between the names), or nil.
func (p *pqFile) column(path string) *pqColumn {
	for _, c := range p.cols {
		if c.name == path {
			return c
		}
	}
	return nil
}

func (p *pqFile) close() {
	if p.closer != nil {
		p.closer.Close()
		p.closer = nil
	}
}

// readGroup reads and decodes row group i.
func (p *pqFile) readGroup(i int) (*pqGroup, error) {
	g := &p.groups[i]
	rows := int(g.int(3, 0))
	out := &pqGroup{file: p, chunks: make([]pqChunk, len(p.cols)), rows: rows}
	cc := g.field(1).elems
	budget := maxGroupEntries // levels the row group may still hold
	for j, c := range p.cols {
		if err := p.readChunk(&out.chunks[j], c, &cc[j], rows, &budget); err != nil {
			return nil, fmt.Errorf("parquet: row group %d, column %q: %w", i, c.name, err)
		}
	}
	return out, nil
}

// readChunk reads and decodes one column chunk of rows rows.
func (p *pqFile) readChunk(ch *pqChunk, c *pqColumn, cc *tval, rows int, budget *int) error {
	if cc.field(1) != nil {
		return errors.New("column data in another file: not supported")
	}
	md := cc.field(3)
	if md == nil {
		return errors.New("no column metadata (an encrypted column?)")
	}
	if t := md.int(1, -1); t != c.typ {
		return fmt.Errorf("type %d where the schema says %s", t, pqTypeNames[c.typ])
	}
	start := md.int(9, -1)
	if d := md.int(11, -1); d > 0 && d < start {
		start = d
	}
	n := md.int(7, -1)
	if start < 4 || n < 0 || start+n > p.end {
		return fmt.Errorf("column chunk of %d bytes at byte %d lies outside the file's data (%d bytes)", n, start, p.end)
	}
	entries := md.int(5, -1)
	if entries < 0 || entries > int64(*budget) {
		return fmt.Errorf("chunk at byte %d: %d values, over the limit of %d a row group", start, entries, maxGroupEntries)
	}
	*budget -= int(entries)
	buf := make([]byte, n)
	if _, err := p.f.ReadAt(buf, start); err != nil {
		return fmt.Errorf("chunk at byte %d: %w", start, err)
	}
	// The values take about the chunk's uncompressed size: allocated
	// once rather than grown, but never beyond what the bytes read could
	// plausibly decompress to.
	ch.vals.data = make([]byte, 0, max(0, min(md.int(6, 0), 16*n)))
	d := pageDecoder{col: c, codec: md.int(4, codecNone), ch: ch, max: int(entries)}
	for off := 0; off < len(buf); {
		at := off
		err := d.page(buf, &off)
		if err == nil && (ch.vals.over || d.dict.over) {
			err = errors.New("values of over 4 GiB in a column chunk")
		}
		if err != nil {
			return fmt.Errorf("page at byte %d: %w", start+int64(at), err)
		}
	}
	if d.entries != int(entries) {
		return fmt.Errorf("chunk at byte %d: %d values read, %d declared", start, d.entries, entries)
	}
	return ch.cutRows(c, rows)
}

// cutRows finds where each row starts: at each repetition level 0.
func (ch *pqChunk) cutRows(c *pqColumn, rows int) error {
	n := len(ch.def)
	if c.maxDef == 0 {
		n = ch.vals.n()
		if c.maxRep > 0 {
			n = len(ch.rep)
		}
	}
	ch.rows = make([]int32, 0, rows+1)
	ch.vrows = make([]int32, 0, rows+1)
	v := 0
	for k := range n {
		if c.maxRep == 0 || ch.rep[k] == 0 {
			ch.rows = append(ch.rows, int32(k))
			ch.vrows = append(ch.vrows, int32(v))
		}
		if c.maxDef == 0 || int(ch.def[k]) == c.maxDef {
			v++
		}
	}
	if len(ch.rows) != rows || (n > 0 && ch.rows[0] != 0) {
		return fmt.Errorf("%d rows where the row group has %d", len(ch.rows), rows)
	}
	ch.rows = append(ch.rows, int32(n))
	ch.vrows = append(ch.vrows, int32(v))
	return nil
}

// pageDecoder decodes the pages of a column chunk into ch.
type pageDecoder struct {
	col     *pqColumn
	codec   int64
	ch      *pqChunk
	dict    pqValues
	entries int // levels (values and nulls) decoded so far
	max     int // levels the chunk declares
}

// page decodes the page at buf[*off:] and moves *off past it.
func (d *pageDecoder) page(buf []byte, off *int) error {
	tr := treader{b: buf[*off:]}
	h, err := tr.readStruct(0)
	if err != nil {
		return fmt.Errorf("page header: %w", err)
	}
	usize, csize := h.int(2, -1), h.int(3, -1)
	if usize < 0 || csize < 0 || usize > maxPageBytes || csize > int64(len(buf)-*off-tr.off) {
		return fmt.Errorf("page sizes %d (compressed %d) do not fit the chunk", usize, csize)
	}
	data := buf[*off+tr.off : *off+tr.off+int(csize)]
	*off += tr.off + int(csize)
	switch h.int(1, -1) {
	case pageDict:
		dh := h.field(7)
		if dh == nil {
			return errors.New("dictionary page without its header")
		}
		plain, err := decompressPage(d.codec, data, int(usize))
		if err != nil {
			return err
		}
		d.dict = pqValues{}
		return d.plain(&d.dict, plain, int(dh.int(1, -1)))
	case pageData:
		dh := h.field(5)
		if dh == nil {
			return errors.New("data page without its header")
		}
		plain, err := decompressPage(d.codec, data, int(usize))
		if err != nil {
			return err
		}
		n := int(dh.int(1, -1))
		if err := d.start(n); err != nil {
			return err
		}
		if plain, err = d.levels(&d.ch.rep, plain, d.col.maxRep, n, true, dh.int(4, encRLE)); err != nil {
			return fmt.Errorf("repetition levels: %w", err)
		}
		if plain, err = d.levels(&d.ch.def, plain, d.col.maxDef, n, true, dh.int(3, encRLE)); err != nil {
			return fmt.Errorf("definition levels: %w", err)
		}
		return d.values(plain, n, dh.int(2, -1))
	case pageDataV2:
		dh := h.field(8)
		if dh == nil {
			return errors.New("data page v2 without its header")
		}
		n := int(dh.int(1, -1))
		rl, dl := dh.int(6, -1), dh.int(5, -1)
		if rl < 0 || dl < 0 || rl+dl > int64(len(data)) || rl+dl > usize {
			return fmt.Errorf("level lengths %d and %d do not fit the page", rl, dl)
		}
		if err := d.start(n); err != nil {
			return err
		}
		if _, err := d.levels(&d.ch.rep, data[:rl], d.col.maxRep, n, false, encRLE); err != nil {
			return fmt.Errorf("repetition levels: %w", err)
		}
		if _, err := d.levels(&d.ch.def, data[rl:rl+dl], d.col.maxDef, n, false, encRLE); err != nil {
			return fmt.Errorf("definition levels: %w", err)
		}
		vals := data[rl+dl:]
		if c := dh.field(7); c == nil || c.t == tBoolTrue {
			var err error
			if vals, err = decompressPage(d.codec, vals, int(usize-rl-dl)); err != nil {
				return err
			}
		}
		return d.values(vals, n, dh.int(4, -1))
	}
	return nil // an index page, or a kind not known: not data
}

// start checks the level count n of a data page.
func (d *pageDecoder) start(n int) error {
	if n < 0 || d.entries+n > d.max {
		return fmt.Errorf("%d values in a page, beyond the %d of the column chunk", n, d.max)
	}
	d.entries += n
	return nil
}

// levels decodes n levels (RLE/bit-packed hybrid) of a column whose
// maximum level is max from b, appending them to *dst, and returns what
// follows them. A v1 page prefixes them with their length.
func (d *pageDecoder) levels(dst *[]uint8, b []byte, max, n int, prefixed bool, enc int64) ([]byte, error) {
	if max == 0 {
		return b, nil
	}
	if enc != encRLE {
		return nil, fmt.Errorf("encoding %d: not supported", enc)
	}
	if prefixed {
		if len(b) < 4 {
			return nil, errors.New("truncated")
		}
		l := binary.LittleEndian.Uint32(b)
		if uint64(l) > uint64(len(b)-4) {
			return nil, fmt.Errorf("length %d beyond the page", l)
		}
		b, rest := b[4:4+l], b[4+l:]
		var err error
		*dst, err = rleHybrid(*dst, b, bits.Len(uint(max)), n, uint32(max))
		return rest, err
	}
	var err error
	*dst, err = rleHybrid(*dst, b, bits.Len(uint(max)), n, uint32(max))
	return nil, err
}

// values decodes the non-null values of a data page of n levels.
func (d *pageDecoder) values(b []byte, n int, enc int64) error {
	nn := n
	if d.col.maxDef > 0 {
		nn = 0
		for _, l := range d.ch.def[len(d.ch.def)-n:] {
			if int(l) == d.col.maxDef {
				nn++
			}
		}
	}
	switch enc {
	case encPlain:
		return d.plain(&d.ch.vals, b, nn)
	case encPlainDict, encRLEDict:
		if len(b) < 1 {
			return errors.New("dictionary indices: truncated")
		}
		if d.dict.n() == 0 && nn > 0 {
			return errors.New("dictionary indices without a dictionary")
		}
		idx, err := rleHybrid[uint32](nil, b[1:], int(b[0]), nn, uint32(d.dict.n()-1))
		if err != nil {
			return fmt.Errorf("dictionary indices: %w", err)
		}
		for _, i := range idx {
			d.ch.vals.add(d.dict.at(int(i)))
		}
		return nil
	case encRLE:
		if d.col.typ != pqBoolean || len(b) < 4 {
			return errors.New("RLE values: not booleans, or truncated")
		}
		l := binary.LittleEndian.Uint32(b)
		if uint64(l) > uint64(len(b)-4) {
			return fmt.Errorf("RLE values: length %d beyond the page", l)
		}
		bs, err := rleHybrid[uint8](nil, b[4:4+l], 1, nn, 1)
		for _, x := range bs {
			d.ch.vals.add(boolBytes[x : x+1])
		}
		return err
	case encDeltaBinary, encDeltaLength, encDeltaBytes, encStreamSplit:
		return decodeOther(&d.ch.vals, d.col, b, nn, enc)
	}
	return fmt.Errorf("encoding %d: not supported", enc)
}

// decodeOther decodes n values in one of the encodings that do not keep
// PLAIN's bytes (the delta encodings, BYTE_STREAM_SPLIT): they are
// re-encoded as PLAIN values, which is what the rest of the package
// holds.
func decodeOther(vals *pqValues, c *pqColumn, b []byte, n int, enc int64) error {
	had := vals.n()
	switch {
	case enc == encDeltaBinary && (c.typ == pqInt32 || c.typ == pqInt64):
		xs, _, err := deltaBinary(b, n)
		if err != nil {
			return fmt.Errorf("DELTA_BINARY_PACKED: %w", err)
		}
		var v [8]byte
		for _, x := range xs {
			binary.LittleEndian.PutUint64(v[:], uint64(x)) // an INT32's are the first 4
			vals.add(v[:c.width])
		}
	case enc == encDeltaLength && c.typ == pqByteArray:
		ls, rest, err := deltaBinary(b, n)
		if err != nil {
			return fmt.Errorf("DELTA_LENGTH_BYTE_ARRAY lengths: %w", err)
		}
		for _, l := range ls {
			if l < 0 || l > int64(len(rest)) {
				return fmt.Errorf("DELTA_LENGTH_BYTE_ARRAY: value of %d bytes beyond the page", l)
			}
			vals.add(rest[:l])
			rest = rest[l:]
		}
	case enc == encDeltaBytes && (c.typ == pqByteArray || c.typ == pqFixed):
		prefixes, rest, err := deltaBinary(b, n)
		if err != nil {
			return fmt.Errorf("DELTA_BYTE_ARRAY prefixes: %w", err)
		}
		ls, rest, err := deltaBinary(rest, len(prefixes))
		if err != nil || len(ls) != len(prefixes) {
			return fmt.Errorf("DELTA_BYTE_ARRAY suffixes: %v", err)
		}
		var v []byte
		total := 0
		for i, l := range ls {
			p := prefixes[i]
			if l < 0 || l > int64(len(rest)) || p < 0 || p > int64(len(v)) {
				return errors.New("DELTA_BYTE_ARRAY: a prefix or suffix beyond its data")
			}
			if total += int(p + l); total > maxPageBytes {
				return errors.New("DELTA_BYTE_ARRAY: values too large")
			}
			v = append(v[:p], rest[:l]...)
			rest = rest[l:]
			vals.add(v)
		}
	case enc == encStreamSplit && c.width > 0 && c.typ != pqBoolean:
		w := c.width
		if n > len(b)/w {
			return fmt.Errorf("BYTE_STREAM_SPLIT: %d values in %d bytes", n, len(b))
		}
		v := make([]byte, w)
		for i := range n {
			for k := range w {
				v[k] = b[k*n+i]
			}
			vals.add(v)
		}
	default:
		return fmt.Errorf("encoding %d for %s: not supported", enc, pqTypeNames[c.typ])
	}
	if got := vals.n() - had; got != n {
		return fmt.Errorf("%d values where %d are defined", got, n)
	}
	return nil
}

// deltaBinary decodes DELTA_BINARY_PACKED integers (at most max of them)
// and returns them with the bytes that follow.
func deltaBinary(b []byte, max int) ([]int64, []byte, error) {
	var hdr [4]uint64
	for i := range hdr {
		x, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, nil, errors.New("header: truncated")
		}
		hdr[i], b = x, b[k:]
	}
	block, minis, total := hdr[0], hdr[1], hdr[2]
	if block == 0 || block%128 != 0 || minis == 0 || block%minis != 0 || (block/minis)%32 != 0 || block > 1<<20 {
		return nil, nil, fmt.Errorf("block of %d values in %d miniblocks", block, minis)
	}
	if total > uint64(max) {
		return nil, nil, fmt.Errorf("%d values where at most %d are expected", total, max)
	}
	if total == 0 {
		return nil, b, nil
	}
	per := int(block / minis)
	xs := make([]int64, 1, total)
	xs[0] = unzigzag(hdr[3])
	for uint64(len(xs)) < total {
		m, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < minis {
			return nil, nil, errors.New("block: truncated")
		}
		minDelta := unzigzag(m)
		widths := b[k : k+int(minis)]
		b = b[k+int(minis):]
		for _, w := range widths {
			if uint64(len(xs)) == total {
				break
			}
			if w > 64 {
				return nil, nil, fmt.Errorf("bit width %d", w)
			}
			size := per * int(w) / 8
			if size > len(b) {
				return nil, nil, errors.New("miniblock: truncated")
			}
			for j := 0; j < per && uint64(len(xs)) < total; j++ {
				xs = append(xs, xs[len(xs)-1]+minDelta+int64(bitsAt(b, j*int(w), int(w))))
			}
			b = b[size:]
		}
	}
	return xs, b, nil
}

// bitsAt returns the w bits (w <= 64) at bit offset at of b, least
// significant first.
func bitsAt(b []byte, at, w int) uint64 {
	var x uint64
	for i := 0; i < w; {
		byteAt, bit := (at+i)/8, (at+i)%8
		take := min(8-bit, w-i)
		x |= uint64(b[byteAt]>>bit&(1<<take-1)) << i
		i += take
	}
	return x
}

var boolBytes = []byte{0, 1}

// plain decodes n PLAIN values from b, appending them to *dst.
func (d *pageDecoder) plain(dst *pqValues, b []byte, n int) error {
	c := d.col
	switch {
	case n < 0:
		return fmt.Errorf("%d values", n)
	case c.typ == pqBoolean:
		if (n+7)/8 > len(b) {
			return fmt.Errorf("%d booleans in %d bytes", n, len(b))
		}
		for i := range n {
			x := b[i/8] >> (i % 8) & 1
			dst.add(boolBytes[x : x+1])
		}
	case c.width > 0:
		if n > len(b)/c.width {
			return fmt.Errorf("%d values of %d bytes in %d bytes", n, c.width, len(b))
		}
		for i := range n {
			dst.add(b[i*c.width : (i+1)*c.width])
		}
	default:
		if n > len(b)/4 {
			return fmt.Errorf("%d byte arrays in %d bytes", n, len(b))
		}
		for range n {
			if len(b) < 4 {
				return errors.New("byte array: truncated")
			}
			l := binary.LittleEndian.Uint32(b)
			if uint64(l) > uint64(len(b)-4) {
				return fmt.Errorf("byte array of %d bytes beyond the page", l)
			}
			dst.add(b[4 : 4+l])
			b = b[4+l:]
		}
	}
	return nil
}

// rleHybrid decodes n values of width bits, each at most max, from the
// RLE/bit-packed hybrid encoding in b, appending them to dst.
func rleHybrid[T uint8 | uint32](dst []T, b []byte, width, n int, max uint32) ([]T, error) {
	if width > 32 {
		return dst, fmt.Errorf("bit width %d", width)
	}
	want := len(dst) + n
	for len(dst) < want {
		h, k := binary.Uvarint(b)
		if k <= 0 {
			return dst, errors.New("run header: truncated")
		}
		b = b[k:]
		if h&1 == 0 { // a run of one value
			count := h >> 1
			nb := (width + 7) / 8
			if len(b) < nb {
				return dst, errors.New("run: truncated")
			}
			var v uint32
			for i := range nb {
				v |= uint32(b[i]) << (8 * i)
			}
			b = b[nb:]
			if v > max {
				return dst, fmt.Errorf("value %d over the maximum %d", v, max)
			}
			count = min(count, uint64(want-len(dst)))
			for range count {
				dst = append(dst, T(v))
			}
			continue
		}
		groups := h >> 1
		if groups > uint64(len(b)) || int(groups)*width > len(b) {
			return dst, errors.New("bit-packed run: truncated")
		}
		count := int(groups) * 8
		var acc uint64
		nacc := 0
		for i := 0; i < count && len(dst) < want; i++ {
			for nacc < width {
				acc |= uint64(b[0]) << nacc
				b = b[1:]
				nacc += 8
			}
			v := uint32(acc & (1<<width - 1))
			acc >>= width
			nacc -= width
			if v > max {
				return dst, fmt.Errorf("value %d over the maximum %d", v, max)
			}
			dst = append(dst, T(v))
		}
	}
	return dst, nil
}

var zstdPages = sync.OnceValues(func() (*zstd.Decoder, error) {
	return zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(maxPageBytes),
		zstd.WithDecoderMaxWindow(maxZstdWindow))
})

// decompressPage undoes a page's compression; the result must have the size
// the page header declares.
func decompressPage(codec int64, b []byte, size int) ([]byte, error) {
	if size < 0 || size > maxPageBytes {
		return nil, fmt.Errorf("page of %d bytes", size)
	}
	var out []byte
	var err error
	switch codec {
	case codecNone:
		out = b
	case codecSnappy:
		var n int
		if n, err = s2.DecodedLen(b); err == nil && n != size {
			return nil, fmt.Errorf("snappy: %d bytes where the header says %d", n, size)
		}
		if err == nil {
			out, err = s2.Decode(make([]byte, size), b)
		}
		if err != nil {
			err = fmt.Errorf("snappy: %w", err)
		}
	case codecGzip:
		// Grown as the data comes, not allocated at the declared size.
		var zr *gzip.Reader
		if zr, err = gzip.NewReader(bytes.NewReader(b)); err == nil {
			out, err = io.ReadAll(io.LimitReader(zr, int64(size)+1))
		}
		if err != nil {
			err = fmt.Errorf("gzip: %w", err)
		}
	case codecZstd:
		// A frame's header says what it will take: checked before the
		// decoder allocates for it.
		var h zstd.Header
		if err = h.Decode(b); err == nil && (h.HasFCS && h.FrameContentSize != uint64(size) || h.WindowSize > max(uint64(size), 8<<20)) {
			err = fmt.Errorf("frame of %d bytes (window %d) where the header says %d", h.FrameContentSize, h.WindowSize, size)
		}
		var zd *zstd.Decoder
		if err == nil {
			zd, err = zstdPages()
		}
		if err == nil {
			out, err = zd.DecodeAll(b, make([]byte, 0, min(size, 8*len(b)+1<<16)))
		}
		if err != nil {
			err = fmt.Errorf("zstd: %w", err)
		}
	default:
		return nil, fmt.Errorf("compression codec %d: not supported (none, SNAPPY, GZIP and ZSTD are)", codec)
	}
	if err == nil && len(out) != size {
		err = fmt.Errorf("%d bytes decompressed where the header says %d", len(out), size)
	}
	return out, err
}

// nextParquet returns the document of the next row. A damaged row group
// is passed over (its rows are lost), and the input ends with an error
// naming the first damage and where.
func (r *Reader) nextParquet(borrow bool) (*Doc, error) {
	p := r.pq
	if p == nil {
		path := r.in.Path
		if r.in.SeekIn != "" {
			path = r.in.SeekIn
		}
		f, err := openParquet(path)
		if err != nil {
			return nil, err
		}
		p = &parquetState{file: f, lo: make([]int, len(f.cols)), vi: make([]int, len(f.cols))}
		r.pq = p
	}
	var rec []byte
	for {
		for p.cur == nil || p.row == p.cur.rows {
			if p.group == len(p.file.groups) {
				p.file.close()
				return nil, p.end()
			}
			g, err := p.file.readGroup(p.group)
			p.group++
			if err != nil {
				// The row group's rows are lost; the next one may be whole.
				n := int(p.file.groups[p.group-1].int(3, 0))
				p.damaged(err, n)
				r.line += n
				continue
			}
			p.cur, p.row = g, 0
		}
		r.line++
		p.row++
		var err error
		if rec, err = p.appendRow(p.rec[:0], p.cur, p.row-1); err == nil {
			break
		}
		// Levels that disagree: the rest of the row group is lost.
		p.damaged(fmt.Errorf("parquet: row %d: %w", r.line, err), p.cur.rows-p.row+1)
		r.line += p.cur.rows - p.row
		p.row = p.cur.rows
	}
	p.rec = rec
	g, i := p.cur, p.row-1
	var keep []byte // for Raw: the row as JSON
	if !borrow {
		keep = rec
	}
	if len(rec) > r.opts.MaxDocBytes {
		return r.dataError(keep, len(rec), &Reject{ReasonTooLarge, fmt.Errorf("row of %d bytes as JSON exceeds --max-doc-bytes (%d)", len(rec), r.opts.MaxDocBytes)}), nil
	}
	if err := r.sc.scanRecord(rec); err != nil {
		return r.dataError(keep, len(rec), &Reject{ReasonInvalidJSON, err}), nil
	}
	newDoc := r.newDoc
	if borrow {
		newDoc = r.viewDoc
	}
	d, rej := newDoc(rec)
	if rej != nil {
		return r.dataError(keep, len(rec), rej), nil
	}
	d.Bytes = len(rec)
	if !borrow && r.opts.ParquetRows {
		d.pq = &parquetRow{g: g, i: i}
	}
	return d, nil
}

// damaged records damage that cost n rows.
func (p *parquetState) damaged(err error, n int) {
	if p.damage == nil {
		p.damage = err
	}
	p.lost += n
}

// end is the end of the file: io.EOF, or the damage met, so that the input
// is reported damaged once the rows that could be read are.
func (p *parquetState) end() error {
	if p.damage == nil {
		return io.EOF
	}
	return fmt.Errorf("%d rows lost to damage, the first: %w", p.lost, p.damage)
}

// appendRow appends row i of g as a JSON object.
func (p *parquetState) appendRow(dst []byte, g *pqGroup, i int) ([]byte, error) {
	for c := range g.chunks {
		p.lo[c], p.vi[c] = int(g.chunks[c].rows[i]), int(g.chunks[c].vrows[i])
	}
	return p.appendGroup(dst, g, g.file.root)
}

// appendGroup appends the present group n as an object (a LIST as an
// array).
func (p *parquetState) appendGroup(dst []byte, g *pqGroup, n *pqNode) ([]byte, error) {
	if n.list {
		return p.appendNode(dst, g, n.children[0])
	}
	dst = append(dst, '{')
	for k, child := range n.children {
		if k > 0 {
			dst = append(dst, ',')
		}
		dst = AppendString(dst, child.name)
		dst = append(dst, ':')
		var err error
		if dst, err = p.appendNode(dst, g, child); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

// appendNode appends the value of node n in the current instance of its
// parent: null, an array of its repetitions, or its one value. The
// cursors of the columns under n move past it.
func (p *parquetState) appendNode(dst []byte, g *pqGroup, n *pqNode) ([]byte, error) {
	ch := &g.chunks[n.first]
	k := p.lo[n.first]
	if k >= int(ch.rows[len(ch.rows)-1]) {
		return dst, fmt.Errorf("levels of column %q end early", g.file.cols[n.first].name)
	}
	def := 0
	if ch.def != nil {
		def = int(ch.def[k])
	}
	open, close := byte('['), byte(']')
	if n.entry {
		open, close = '{', '}'
	}
	if def < n.def { // null, or an empty list
		p.skip(g, n)
		if n.repetition == pqRepeated {
			return append(dst, open, close), nil
		}
		return append(dst, "null"...), nil
	}
	if n.repetition != pqRepeated {
		return p.appendInstance(dst, g, n)
	}
	dst = append(dst, open)
	for first := true; ; first = false {
		if !first {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = p.appendInstance(dst, g, n); err != nil {
			return dst, err
		}
		// Another repetition follows where the next level's repetition
		// is n's own.
		k := p.lo[n.first]
		if k >= int(ch.rows[len(ch.rows)-1]) || ch.rep == nil || int(ch.rep[k]) != n.rep {
			break
		}
	}
	return append(dst, close), nil
}

// appendInstance appends one present instance of n: a value or a group;
// for the repeated element of a LIST, its single child, unwrapped.
func (p *parquetState) appendInstance(dst []byte, g *pqGroup, n *pqNode) ([]byte, error) {
	if n.col >= 0 {
		c := n.col
		ch := &g.chunks[c]
		if p.vi[c] >= ch.vals.n() {
			return dst, fmt.Errorf("values of column %q end early", g.file.cols[c].name)
		}
		dst = appendPQValue(dst, g.file.cols[c], ch.vals.at(p.vi[c]))
		p.vi[c]++
		p.lo[c]++
		return dst, nil
	}
	if n.unwrap {
		return p.appendNode(dst, g, n.children[0])
	}
	if n.entry { // key: value, the key as a string
		at := len(dst)
		dst, err := p.appendInstance(dst, g, n.children[0])
		if err != nil {
			return dst, err
		}
		if dst[at] != '"' {
			dst = append(dst[:at], AppendString(nil, string(dst[at:]))...)
		}
		dst = append(dst, ':')
		return p.appendNode(dst, g, n.children[1])
	}
	return p.appendGroup(dst, g, n)
}

// skip moves the cursors of the columns under n past one level each: n
// is null or empty there.
func (p *parquetState) skip(g *pqGroup, n *pqNode) {
	if n.col >= 0 {
		p.lo[n.col]++
		return
	}
	for _, k := range n.children {
		p.skip(g, k)
	}
}

// appendPQValue appends a value as JSON, by its physical and logical type.
func appendPQValue(dst []byte, c *pqColumn, v []byte) []byte {
	e := c.node.elem
	conv, lt := e.int(6, -1), logical(e)
	unsigned := conv >= convUint8 && conv <= convUint64
	if l := e.field(10); lt == logicalInteger && l != nil {
		if it := l.fields[0].v.field(2); it != nil && it.t == tBoolFalse {
			unsigned = true
		}
	}
	if conv == convDecimal || lt == logicalDecimal {
		if c.typ == pqInt32 || c.typ == pqInt64 {
			le := make([]byte, len(v))
			for i := range v {
				le[len(v)-1-i] = v[i]
			}
			v = le
		}
		return appendDecimal(dst, v, int(e.int(7, 0)))
	}
	switch c.typ {
	case pqBoolean:
		return strconv.AppendBool(dst, v[0] == 1)
	case pqInt32:
		x := binary.LittleEndian.Uint32(v)
		if unsigned {
			return strconv.AppendUint(dst, uint64(x), 10)
		}
		return strconv.AppendInt(dst, int64(int32(x)), 10)
	case pqInt64:
		x := binary.LittleEndian.Uint64(v)
		if unsigned {
			return strconv.AppendUint(dst, x, 10)
		}
		return strconv.AppendInt(dst, int64(x), 10)
	case pqInt96:
		// Nanoseconds of the day, then the Julian day.
		nanos := int64(binary.LittleEndian.Uint64(v))
		day := int64(binary.LittleEndian.Uint32(v[8:]))
		t := time.Unix((day-2440588)*86400, nanos).UTC()
		return AppendString(dst, t.Format(time.RFC3339Nano))
	case pqFloat:
		return appendFloat(dst, float64(math.Float32frombits(binary.LittleEndian.Uint32(v))), 32)
	case pqDouble:
		return appendFloat(dst, math.Float64frombits(binary.LittleEndian.Uint64(v)), 64)
	case pqFixed:
		if lt == logicalUUID && len(v) == 16 {
			return AppendString(dst, fmt.Sprintf("%x-%x-%x-%x-%x", v[:4], v[4:6], v[6:8], v[8:10], v[10:]))
		}
	}
	if c.typ == pqFixed || c.typ == pqByteArray && conv < 0 && lt < 0 && !utf8.Valid(v) {
		// Bytes, not text: base64, as encoding/json writes []byte.
		dst = append(dst, '"')
		dst = base64.StdEncoding.AppendEncode(dst, v)
		return append(dst, '"')
	}
	return AppendString(dst, unsafe.String(unsafe.SliceData(v), len(v)))
}

// appendFloat appends f as a JSON number; NaN and the infinities, which
// JSON has no number for, as strings.
func appendFloat(dst []byte, f float64, size int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return AppendString(dst, strconv.FormatFloat(f, 'g', -1, size))
	}
	return strconv.AppendFloat(dst, f, 'g', -1, size)
}

// appendDecimal appends the big-endian two's-complement integer be,
// scaled down by 10^scale, as a JSON number.
func appendDecimal(dst []byte, be []byte, scale int) []byte {
	x := new(big.Int).SetBytes(be)
	if len(be) > 0 && be[0]&0x80 != 0 {
		x.Sub(x, new(big.Int).Lsh(big.NewInt(1), uint(8*len(be))))
	}
	s := x.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if neg {
		dst = append(dst, '-')
	}
	if scale <= 0 || scale > 1000 {
		return append(dst, s...)
	}
	if len(s) <= scale {
		s = strings.Repeat("0", scale-len(s)+1) + s
	}
	dst = append(dst, s[:len(s)-scale]...)
	dst = append(dst, '.')
	return append(dst, s[len(s)-scale:]...)
}
