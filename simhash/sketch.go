package simhash

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// sketchVersion prefixes the binary form so that sketches written by a
// future layout are rejected, not misread. 2: the opening hash. 3: the
// anchors.
const sketchVersion = 3

// AppendBinary appends the binary form of s to b: a version byte, the
// whole-document simhash and the opening hash (8 bytes little-endian
// each), Length, Shingles and the
// passage count as uvarints, then per passage its fingerprint (8 bytes) and
// weight (uvarint), then the number of anchors (a byte) and each (8
// bytes). Sketches of a sharded run can be written one after
// another and clustered from the merged files in input order.
func (s Sketch) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, sketchVersion)
	b = binary.LittleEndian.AppendUint64(b, s.Whole)
	b = binary.LittleEndian.AppendUint64(b, s.Opening)
	b = binary.AppendUvarint(b, uint64(s.Length))
	b = binary.AppendUvarint(b, uint64(s.Shingles))
	b = binary.AppendUvarint(b, uint64(len(s.Chunks)))
	for _, c := range s.Chunks {
		b = binary.LittleEndian.AppendUint64(b, c.FP)
		b = binary.AppendUvarint(b, uint64(c.Weight))
	}
	n := 0
	for n < MaxAnchors && s.Anchors[n] != 0 {
		n++
	}
	b = append(b, byte(n))
	for _, a := range s.Anchors[:n] {
		b = binary.LittleEndian.AppendUint64(b, a)
	}
	return b, nil
}

// MarshalBinary implements encoding.BinaryMarshaler.
func (s Sketch) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil) }

// UnmarshalBinary implements encoding.BinaryUnmarshaler; data must hold
// exactly one sketch.
func (s *Sketch) UnmarshalBinary(data []byte) error {
	n, err := s.Decode(data)
	if err != nil {
		return err
	}
	if n != len(data) {
		return fmt.Errorf("simhash: %d trailing bytes after sketch", len(data)-n)
	}
	return nil
}

var errShort = errors.New("simhash: truncated sketch")

// Decode reads one sketch from the front of data and returns the number of
// bytes it used, so a stream of appended sketches can be walked.
func (s *Sketch) Decode(data []byte) (int, error) {
	if len(data) < 17 {
		return 0, errShort
	}
	if data[0] != sketchVersion {
		return 0, fmt.Errorf("simhash: sketch version %d, want %d", data[0], sketchVersion)
	}
	s.Whole = binary.LittleEndian.Uint64(data[1:])
	s.Opening = binary.LittleEndian.Uint64(data[9:])
	p := 17
	var fields [3]uint64
	for i := range fields {
		v, n := binary.Uvarint(data[p:])
		if n <= 0 {
			return 0, errShort
		}
		fields[i] = v
		p += n
	}
	if fields[0] > 1<<62 || fields[1] > 1<<62 || fields[2] > maxSketchChunks {
		return 0, fmt.Errorf("simhash: sketch field out of range")
	}
	s.Length, s.Shingles = int(fields[0]), int(fields[1])
	s.Chunks = slices.Grow(s.Chunks[:0], int(fields[2]))[:fields[2]] // a decoder's buffer reused
	for i := range s.Chunks {
		if len(data)-p < 8 {
			return 0, errShort
		}
		s.Chunks[i].FP = binary.LittleEndian.Uint64(data[p:])
		p += 8
		w, n := binary.Uvarint(data[p:])
		if n <= 0 || w > 1<<16-1 {
			return 0, errShort
		}
		s.Chunks[i].Weight = uint16(w)
		p += n
	}
	if p >= len(data) {
		return 0, errShort
	}
	n := int(data[p])
	p++
	if n > MaxAnchors {
		return 0, fmt.Errorf("simhash: sketch of %d anchors, at most %d", n, MaxAnchors)
	}
	if len(data)-p < 8*n {
		return 0, errShort
	}
	s.Anchors = [MaxAnchors]uint64{}
	for i := range n {
		if s.Anchors[i] = binary.LittleEndian.Uint64(data[p:]); s.Anchors[i] == 0 {
			return 0, fmt.Errorf("simhash: sketch anchor of 0")
		}
		p += 8
	}
	return p, nil
}
