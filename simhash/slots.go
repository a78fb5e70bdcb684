package simhash

import "encoding/binary"

// slotArray holds the index's slots, each a row plus one (0 for an empty
// slot), in 3 bytes while every row fits in 24 bits (16.7 million rows,
// about 23 million documents at the generated corpus's share of
// representatives), else in 4. Three bytes a slot instead of four saved
// 5.6 bytes a document at 80,000 generated documents; a table of more
// rows is rebuilt wider as the row that does not fit arrives.
type slotArray struct {
	b     []byte
	n     int // slots
	width int // bytes a slot
	mask  uint32
}

// narrowEntries is the first row+1 a slot of 3 bytes cannot hold: a
// power of two, at most 1<<24, a variable so that the tests can widen
// small tables.
var narrowEntries = uint32(1 << 24)

// makeSlots makes n empty slots wide enough for entries+1 up to widest.
func makeSlots(n int, widest uint32) slotArray {
	a := slotArray{n: n, width: 3, mask: narrowEntries - 1}
	if widest >= narrowEntries {
		a.width, a.mask = 4, 1<<32-1
	}
	// One byte more, so that get and set move 4 bytes at the last slot
	// of 3.
	a.b = make([]byte, n*a.width+1)
	adviseHuge(a.b)
	return a
}

// fits reports whether a slot holds v.
func (a slotArray) fits(v uint32) bool { return v <= a.mask }

func (a slotArray) get(i int) uint32 {
	return binary.LittleEndian.Uint32(a.b[i*a.width:]) & a.mask
}

// set makes slot i hold v, leaving the next slot's first byte as it is
// when slots have 3.
func (a slotArray) set(i int, v uint32) {
	p := a.b[i*a.width:]
	binary.LittleEndian.PutUint32(p, binary.LittleEndian.Uint32(p)&^a.mask|v)
}

// firstFree returns the first empty slot from i, wrapping.
func (a slotArray) firstFree(i int) int {
	for a.get(i) != 0 {
		if i++; i == a.n {
			i = 0
		}
	}
	return i
}
