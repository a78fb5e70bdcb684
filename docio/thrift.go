package docio

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Thrift compact protocol, as Parquet's footer and page headers use it.
// Values are read into a generic tree (tval) rather than typed structs, so
// that the schema elements and key-value metadata of an input can be
// written back to an output exactly as read, fields this package does not
// know included.

// Compact protocol type codes.
const (
	tBoolTrue  = 1
	tBoolFalse = 2
	tByte      = 3
	tI16       = 4
	tI32       = 5
	tI64       = 6
	tDouble    = 7
	tBinary    = 8
	tList      = 9
	tSet       = 10
	tMap       = 11
	tStruct    = 12
)

// maxThriftDepth bounds the nesting of structs and containers read: the
// reader recurses, and the input is untrusted.
const maxThriftDepth = 64

// tval is a thrift value. Booleans are t == tBoolTrue (false is
// tBoolFalse), integers and a double's bits are i.
type tval struct {
	t      byte
	i      int64
	b      []byte   // binary
	et, vt byte     // element type of a list or set; key and value types of a map
	elems  []tval   // list and set elements; a map's keys and values alternating
	fields []tfield // a struct's fields, in the order read
}

type tfield struct {
	id int16
	v  tval
}

// field returns the value of the struct field id, or nil.
func (v *tval) field(id int16) *tval {
	for i := range v.fields {
		if v.fields[i].id == id {
			return &v.fields[i].v
		}
	}
	return nil
}

// int returns the integer field id, or def when it is absent.
func (v *tval) int(id int16, def int64) int64 {
	if f := v.field(id); f != nil {
		return f.i
	}
	return def
}

// str returns the binary field id as a string, or "".
func (v *tval) str(id int16) string {
	if f := v.field(id); f != nil {
		return string(f.b)
	}
	return ""
}

// set sets the struct field id, keeping the fields in id order.
func (v *tval) set(id int16, x tval) {
	for i := range v.fields {
		if v.fields[i].id == id {
			v.fields[i].v = x
			return
		}
		if v.fields[i].id > id {
			v.fields = append(v.fields[:i], append([]tfield{{id, x}}, v.fields[i:]...)...)
			return
		}
	}
	v.fields = append(v.fields, tfield{id, x})
}

// drop removes the struct field id.
func (v *tval) drop(id int16) {
	for i := range v.fields {
		if v.fields[i].id == id {
			v.fields = append(v.fields[:i], v.fields[i+1:]...)
			return
		}
	}
}

func tInt(t byte, i int64) tval { return tval{t: t, i: i} }
func tStr(s string) tval        { return tval{t: tBinary, b: []byte(s)} }
func tBool(b bool) tval {
	if b {
		return tval{t: tBoolTrue, i: 1}
	}
	return tval{t: tBoolFalse}
}
func tStructOf(fields ...tfield) tval { return tval{t: tStruct, fields: fields} }
func tListOf(et byte, elems ...tval) tval {
	return tval{t: tList, et: et, elems: elems}
}

var errThriftShort = errors.New("thrift: truncated")

// treader reads compact-protocol values from b.
type treader struct {
	b   []byte
	off int
}

// readStruct reads a struct: fields up to the stop byte.
func (r *treader) readStruct(depth int) (tval, error) {
	if depth > maxThriftDepth {
		return tval{}, errors.New("thrift: nested too deeply")
	}
	v := tval{t: tStruct}
	var last int16
	for {
		h, err := r.byte()
		if err != nil {
			return v, err
		}
		if h == 0 {
			return v, nil
		}
		t := h & 0x0f
		id := last + int16(h>>4)
		if h>>4 == 0 {
			n, err := r.varint()
			if err != nil {
				return v, err
			}
			id = int16(unzigzag(n))
		}
		last = id
		var x tval
		if t == tBoolTrue || t == tBoolFalse {
			x = tBool(t == tBoolTrue)
		} else if x, err = r.value(t, depth+1); err != nil {
			return v, err
		}
		v.fields = append(v.fields, tfield{id, x})
	}
}

func (r *treader) value(t byte, depth int) (tval, error) {
	switch t {
	case tBoolTrue, tBoolFalse: // in a container: one byte
		b, err := r.byte()
		return tBool(b == tBoolTrue), err
	case tByte:
		b, err := r.byte()
		return tInt(t, int64(int8(b))), err
	case tI16, tI32, tI64:
		n, err := r.varint()
		return tInt(t, unzigzag(n)), err
	case tDouble:
		if len(r.b)-r.off < 8 {
			return tval{}, errThriftShort
		}
		u := binary.LittleEndian.Uint64(r.b[r.off:])
		r.off += 8
		return tInt(t, int64(u)), nil
	case tBinary:
		n, err := r.varint()
		if err != nil {
			return tval{}, err
		}
		if n > uint64(len(r.b)-r.off) {
			return tval{}, errThriftShort
		}
		b := r.b[r.off : r.off+int(n)]
		r.off += int(n)
		return tval{t: t, b: b}, nil
	case tList, tSet:
		h, err := r.byte()
		if err != nil {
			return tval{}, err
		}
		n := uint64(h >> 4)
		if n == 15 {
			if n, err = r.varint(); err != nil {
				return tval{}, err
			}
		}
		return r.elements(tval{t: t, et: h & 0x0f}, n, depth)
	case tMap:
		n, err := r.varint()
		if err != nil || n == 0 {
			return tval{t: t}, err
		}
		kv, err := r.byte()
		if err != nil {
			return tval{}, err
		}
		v := tval{t: t, et: kv >> 4, vt: kv & 0x0f}
		if n > uint64(len(r.b)-r.off) {
			return tval{}, errThriftShort
		}
		for range n {
			k, err := r.value(v.et, depth+1)
			if err != nil {
				return v, err
			}
			x, err := r.value(v.vt, depth+1)
			if err != nil {
				return v, err
			}
			v.elems = append(v.elems, k, x)
		}
		return v, nil
	case tStruct:
		return r.readStruct(depth)
	}
	return tval{}, fmt.Errorf("thrift: unknown type %d at byte %d", t, r.off)
}

// elements reads n elements of a list or set; each takes at least a
// byte, so a count beyond the bytes left is damage, found before any
// allocation.
func (r *treader) elements(v tval, n uint64, depth int) (tval, error) {
	if depth > maxThriftDepth {
		return v, errors.New("thrift: nested too deeply")
	}
	if n > uint64(len(r.b)-r.off) {
		return v, errThriftShort
	}
	v.elems = make([]tval, 0, n)
	for range n {
		x, err := r.value(v.et, depth+1)
		if err != nil {
			return v, err
		}
		v.elems = append(v.elems, x)
	}
	return v, nil
}

func (r *treader) byte() (byte, error) {
	if r.off >= len(r.b) {
		return 0, errThriftShort
	}
	r.off++
	return r.b[r.off-1], nil
}

func (r *treader) varint() (uint64, error) {
	n, k := binary.Uvarint(r.b[r.off:])
	if k <= 0 {
		return 0, errThriftShort
	}
	r.off += k
	return n, nil
}

func unzigzag(n uint64) int64 { return int64(n>>1) ^ -int64(n&1) }
func zigzag(i int64) uint64   { return uint64(i<<1) ^ uint64(i>>63) }

// appendStruct appends v, a struct, in the compact protocol.
func appendStruct(dst []byte, v *tval) []byte {
	var last int16
	for i := range v.fields {
		f := &v.fields[i]
		t := f.v.t
		if d := f.id - last; d > 0 && d <= 15 {
			dst = append(dst, byte(d)<<4|t)
		} else {
			dst = append(dst, t)
			dst = binary.AppendUvarint(dst, zigzag(int64(f.id)))
		}
		last = f.id
		if t != tBoolTrue && t != tBoolFalse { // the type code is the value
			dst = appendValue(dst, &f.v)
		}
	}
	return append(dst, 0)
}

func appendValue(dst []byte, v *tval) []byte {
	switch v.t {
	case tBoolTrue, tBoolFalse:
		return append(dst, v.t)
	case tByte:
		return append(dst, byte(v.i))
	case tI16, tI32, tI64:
		return binary.AppendUvarint(dst, zigzag(v.i))
	case tDouble:
		return binary.LittleEndian.AppendUint64(dst, uint64(v.i))
	case tBinary:
		dst = binary.AppendUvarint(dst, uint64(len(v.b)))
		return append(dst, v.b...)
	case tList, tSet:
		if n := len(v.elems); n < 15 {
			dst = append(dst, byte(n)<<4|v.et)
		} else {
			dst = append(dst, 0xf0|v.et)
			dst = binary.AppendUvarint(dst, uint64(n))
		}
		for i := range v.elems {
			dst = appendValue(dst, &v.elems[i])
		}
		return dst
	case tMap:
		dst = binary.AppendUvarint(dst, uint64(len(v.elems)/2))
		if len(v.elems) > 0 {
			dst = append(dst, v.et<<4|v.vt)
		}
		for i := range v.elems {
			dst = appendValue(dst, &v.elems[i])
		}
		return dst
	case tStruct:
		return appendStruct(dst, v)
	}
	return dst
}
