package normalize

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Counts and tables in binary form, for runs split across machines: each
// shard's counter is written with AppendCounts, the shards' counts are
// summed with AddCounts (the table learned depends only on the counts, so
// the sum gives the single run's table), and the table is written with
// AppendBinary for the shards' later passes. The pipeline wraps these
// payloads in its checked container.

var errCountsShort = errors.New("site-repeat counts: truncated")

// AppendCounts appends the counter's counts to b: the sampling limit, the
// sites with their document counts, then every (key, documents, site) of
// each spilled run and of the table (AddCounts adds them in any order,
// summing a key's). A key may come more than once: summing the runs here
// first, as Table does, cost a learn step over a quarter of 1 GB 0.1
// CPU-s, for the few keys both in a run and in the table. It ends the
// counter's use.
func (c *RepeatCounter) AppendCounts(b []byte) ([]byte, error) {
	b = binary.LittleEndian.AppendUint64(b, c.limit)
	b = binary.AppendUvarint(b, uint64(len(c.siteName)))
	for i, name := range c.siteName {
		b = binary.AppendUvarint(b, uint64(len(name)))
		b = append(b, name...)
		b = binary.AppendUvarint(b, uint64(c.siteDocs[i]))
	}
	add := func(e repeatEntry) {
		b = binary.LittleEndian.AppendUint64(b, e.key)
		b = binary.LittleEndian.AppendUint32(b, e.docs)
		b = binary.LittleEndian.AppendUint32(b, uint32(e.site))
	}
	n := c.n
	for _, run := range c.runs {
		n += run.parts[spillParts]
	}
	b = slices.Grow(b, spillEntrySize*n) // not grown by doubling: 19 MB per shard at 1 GB in 4
	for _, run := range c.runs {
		if err := c.eachEntry(run, 0, spillParts, add); err != nil {
			c.fail(err)
		}
	}
	if c.spill != nil {
		c.spill.Close()
		c.spill, c.runs = nil, nil
	}
	for _, e := range c.lines {
		if e.docs > 0 {
			add(e)
		}
	}
	clear(c.lines)
	c.n = 0
	return b, c.err
}

// AddCounts adds counts written by AppendCounts into c.
func (c *RepeatCounter) AddCounts(data []byte) error {
	if len(data) < 8 {
		return errCountsShort
	}
	if limit := binary.LittleEndian.Uint64(data); limit < c.limit {
		c.limit = limit
		c.dropSampledOut()
	}
	p := 8
	uvarint := func() (uint64, error) {
		v, n := binary.Uvarint(data[p:])
		if n <= 0 {
			return 0, errCountsShort
		}
		p += n
		return v, nil
	}
	sites, err := uvarint()
	if err != nil {
		return err
	}
	if sites > uint64(len(data)) {
		return fmt.Errorf("site-repeat counts: %d sites in %d bytes", sites, len(data))
	}
	remap := make([]int32, sites)
	for i := range remap {
		n, err := uvarint()
		if err != nil || n > uint64(len(data)-p) {
			return errCountsShort
		}
		name := string(data[p : p+int(n)])
		p += int(n)
		docs, err := uvarint()
		if err != nil || docs > math.MaxUint32 {
			return errCountsShort
		}
		remap[i] = c.site(name)
		c.siteDocs[remap[i]] += uint32(docs)
	}
	rest := data[p:]
	if len(rest)%spillEntrySize != 0 {
		return errCountsShort
	}
	for i := 0; i < len(rest); i += spillEntrySize {
		if si := binary.LittleEndian.Uint32(rest[i+12:]); si >= uint32(sites) {
			return fmt.Errorf("site-repeat counts: site %d of %d", si, sites)
		}
	}
	entry := func(b []byte) repeatEntry {
		return repeatEntry{key: binary.LittleEndian.Uint64(b), docs: binary.LittleEndian.Uint32(b[8:]), site: int32(binary.LittleEndian.Uint32(b[12:]))}
	}
	if n := len(rest) / spillEntrySize; c.n+n > repeatCap && !c.sampling {
		// More than the table holds: the counts go to the spill file as
		// a run of their own, summed with the others a partition at a
		// time by Table. Added to the table one by one, spilling it as it
		// filled, they cost learn-merge 0.44 of its 0.64 CPU-s at 1 GB
		// in 4 shards, in cache misses.
		es := make([]repeatEntry, 0, n)
		for i := 0; i < len(rest); i += spillEntrySize {
			e := entry(rest[i:])
			switch {
			case e.docs == 0:
			case e.key < c.limit:
				e.site = remap[e.site]
				es = append(es, e)
			default:
				c.dropped[remap[e.site]] += int64(e.docs)
			}
		}
		if c.writeRun(es) == nil {
			return nil
		}
		for _, e := range es { // no temporary space: counted in the table, sampled if need be
			if e.key < c.limit {
				c.add(e.key, e.docs, e.site)
			} else {
				c.dropped[e.site] += int64(e.docs)
			}
			c.fit()
		}
		return nil
	}
	// Sized for the entries at once: doubling as they came cost
	// learn-merge more than adding them (64% of its CPU time, 2 shards
	// of a 200 MB corpus).
	c.reserve(min(c.n+len(rest)/spillEntrySize, repeatCap))
	for i := 0; i < len(rest); i += spillEntrySize {
		c.addMerged(entry(rest[i:]), remap)
		c.fit()
	}
	return nil
}

// binaryKinds are the kinds of lookup a table written by AppendBinary
// holds, in the order written, and what each set read back answers yes
// to. Every kind is written: when the lines on most of a site's pages
// were left out, the shard verbs kept a headline-like line on most pages
// that the single run removed (genstrip's held-out corpus in 2 shards: 48
// of 3,287 documents differed).
var binaryKinds = [3]struct {
	kind  int
	kinds uint8
}{{repeatAny, 1 << repeatAny}, {repeatProse, 1 << repeatProse}, {repeatMost, 1 << repeatMost}}

// AppendBinary appends the table to b: the keys that remove any line,
// those that remove prose, and those on most of their site's pages, each
// sorted and preceded by its count.
func (t *RepeatTable) AppendBinary(b []byte) ([]byte, error) {
	for _, bk := range binaryKinds {
		var keys []uint64
		if t != nil {
			for k, kinds := range t.kinds {
				if kinds&(1<<bk.kind) != 0 {
					keys = append(keys, k)
				}
			}
		}
		slices.Sort(keys)
		b = binary.LittleEndian.AppendUint64(b, uint64(len(keys)))
		for _, k := range keys {
			b = binary.LittleEndian.AppendUint64(b, k)
		}
	}
	return b, nil
}

// UnmarshalBinary reads a table written by AppendBinary.
func (t *RepeatTable) UnmarshalBinary(data []byte) error {
	kinds := make(map[uint64]uint8)
	for _, bk := range binaryKinds {
		if len(data) < 8 {
			return errors.New("site-repeat table: truncated")
		}
		n := binary.LittleEndian.Uint64(data)
		data = data[8:]
		if n > uint64(len(data)/8) {
			return errors.New("site-repeat table: truncated")
		}
		for range n {
			kinds[binary.LittleEndian.Uint64(data)] |= bk.kinds
			data = data[8:]
		}
	}
	if len(data) != 0 {
		return fmt.Errorf("site-repeat table: %d trailing bytes", len(data))
	}
	t.kinds = kinds
	return nil
}
