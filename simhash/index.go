package simhash

import (
	"runtime"
	"slices"
)

// The candidate index maps a passage key to the rows indexing it (a slot
// names a row plus one) by linear probing, with the passage's 8-bit check
// as each slot's tag, so a probe scans one byte per slot. It grows by
// rebuilding; the checks its slots cannot give are kept in pending (rows
// refilled, or whose slots do not tell, see slotsGive) or loaded (rows
// AddRow added).

// passageKey is what the clusterer keeps of a passage fingerprint: its
// upper 32 bits, never 0 (0 marks no passage). Twice their Hamming distance
// estimates the 64-bit distance; on the BBC set comparing 32 bits at
// ChunkDistance 20 found more pairs than comparing 64 (see doc.go), at half
// the memory.
func passageKey(fp uint64) uint32 {
	return max(1, uint32(fp>>32))
}

// anchorKey is what the clusterer keeps of an anchor (Sketch.Anchors): its
// lower 32 bits, never 0. An anchor is the smallest of many hashes, so
// its upper bits are mostly 0.
func anchorKey(a uint64) uint32 { return max(1, uint32(a)) }

// anchorCheck is an anchor's check, as passageCheck is a passage's: from
// bits 24-55, which below the leading zeros are as random as the key.
func anchorCheck(a uint64) uint8 { return passageCheck(a >> 24) }

// An index slot names only the row its passage belongs to (plus one, 0
// for an empty slot); the passage is the one of the row's keys that the
// key looked up matches (keyAt). Naming the position too, 10 entries a
// row, took entries past 3 bytes at 1.67 million rows (about 2.4 million
// generated documents); a row alone fits 3 up to 16.7 million, and at
// ten million documents the index held 23 bytes a document instead of 29
// (see slotArray).

// keyAt returns where row holds key among the keys its passages are
// indexed under (indexKey): 0 for the opening's, StoredChunks for the
// anchor's, else the first stored passage with that key; -1 for none.
// Any stored passage counts, so that a slot a refilled row's earlier
// passage left (insert) finds the row while it still stores the passage,
// as a slot naming the position did.
func (c *Clusterer) keyAt(row []uint32, key uint32) int {
	k := c.opts.StoredChunks
	switch key {
	case c.opening(row):
		return 0
	case row[k+rowAnchor]:
		return k
	}
	for j := 1; j < k && row[j] != 0; j++ {
		if row[j] == key {
			return j
		}
	}
	return -1
}

// rank orders a representative's sampled passages for indexing.
func rank(key uint32) uint32 { return key * 0x9e3779b9 }

// passageCheck is 8 more bits of an indexed passage, from the lower half of
// its fingerprint, in 1..255. Candidates must match key and check exactly:
// with 32 bits alone, a query passage met some unrelated representative's
// key by chance once in 150 lookups at ten million documents, and a short
// document whose only passage did so joined it.
func passageCheck(fp uint64) uint8 {
	return uint8(1 + (uint64(uint32(fp))*prime2>>32)%255)
}

// IndexBytes is the memory held for representatives and the index,
// counting 32 bytes an entry of the former representatives' map (a Go
// map holds one in 24 to 38 bytes, by its load).
func (c *Clusterer) IndexBytes() int {
	return c.rows.bytes() + c.rowDocs.bytes() + cap(c.slots.b) + cap(c.tags) + cap(c.cand)*4 + 32*len(c.former) +
		cap(c.pending)*8 + cap(c.pendChecks) + cap(c.loaded)
}

// indexRep puts representative r's indexed passages (idx, from indexed)
// with their checks in the index. A passage insert skips gets check 0, so
// rebuild knows to leave it out. It reports whether the index does not
// give r's checks, or may not later (a passage skipped), which pending
// must then hold, judged from where the passages landed (r's slots from
// an earlier fill are not looked at: a refilled row is remembered
// anyway).
func (c *Clusterer) indexRep(r int, idx []int, checks []uint8) (elsewhere bool) {
	row := c.rows.row(r)
	var at [66]int
	for t, j := range idx {
		at[t] = -1
		if checks[t] != 0 {
			at[t] = c.insert(r, c.indexKey(row, j), checks[t])
		}
		if at[t] < 0 {
			checks[t] = 0
		}
	}
	// A passage past the first whose chain, from its home to its slot,
	// holds another of r's slots has its check misread (slotTag); so may
	// one the index skipped: read as 0 now, it need not be once another
	// row's slot joins its chain to a run holding one of r's.
	for t, j := range idx[min(1, len(idx)):] {
		own := at[t+1]
		if own < 0 {
			elsewhere = true
			continue
		}
		home := c.home(c.indexKey(row, j))
		for u := range idx {
			elsewhere = elsewhere || at[u] >= 0 && at[u] != own && between(home, at[u], own)
		}
	}
	return elsewhere
}

// between reports whether slot i lies from slot home up to slot end,
// end excluded, wrapping at the table's end.
func between(home, i, end int) bool {
	if home <= end {
		return home <= i && i < end
	}
	return i >= home || i < end
}

// slotsGive reports whether slotTags reads rest, the checks of row r's
// indexed passages idx past the first (which the row holds), from the
// index as it is: not when a passage's chain meets a slot of another of
// r's passages before its own, or, for a passage insert skipped, any.
func (c *Clusterer) slotsGive(r int, idx []int, rest []uint8) bool {
	var buf [66]uint8
	return string(c.slotTags(r, idx[1:], buf[:0])) == string(rest[:len(idx)-1])
}

// pendingRow is a row whose checks are in pendChecks from at on.
type pendingRow struct{ r, at int32 }

// remember keeps the checks of row r's indexed passages after the first
// (checks[1:]) until the next rebuild, when its slots do not give them.
func (c *Clusterer) remember(r int, checks []uint8) {
	if len(checks) < 2 {
		return
	}
	c.pending = append(c.pending, pendingRow{r: int32(r), at: int32(len(c.pendChecks))})
	c.pendChecks = append(c.pendChecks, checks[1:]...)
	c.pendSorted = false
}

// savedChecks returns the checks of row r's indexed passages after the
// first that pending or loaded holds, or nil: the last remembered when r
// was refilled more than once.
func (c *Clusterer) savedChecks(r int) []uint8 {
	if c.width > 0 && r >= c.loadedFrom && r < c.loadedFrom+len(c.loaded)/c.width {
		i := (r - c.loadedFrom) * c.width
		return c.loaded[i : i+c.width]
	}
	if len(c.pending) == 0 {
		return nil
	}
	if !c.pendSorted {
		// By row, the last of each row kept (a stable sort keeps them
		// in the order remembered).
		slices.SortStableFunc(c.pending, func(a, b pendingRow) int { return int(a.r) - int(b.r) })
		kept := 0
		for i, p := range c.pending {
			if i+1 < len(c.pending) && c.pending[i+1].r == p.r {
				continue
			}
			c.pending[kept] = p
			kept++
		}
		c.pending = c.pending[:kept]
		c.pendSorted = true
	}
	i, ok := slices.BinarySearchFunc(c.pending, r, func(p pendingRow, r int) int { return int(p.r) - r })
	if !ok {
		return nil
	}
	return c.pendChecks[c.pending[i].at:]
}

// checksOf appends to dst the checks of row r's indexed passages idx:
// the first from the row, the others remembered (savedChecks) or read
// from the index (slotTags).
func (c *Clusterer) checksOf(r int, idx []int, dst []uint8) []uint8 {
	if len(idx) == 0 {
		return dst
	}
	dst = append(dst, c.firstCheck(c.rows.row(r)))
	if saved := c.savedChecks(r); saved != nil {
		return append(dst, saved[:len(idx)-1]...)
	}
	return c.slotTags(r, idx[1:], dst)
}

// slotTags appends to dst the checks of row r's indexed passages idx
// that savedChecks does not hold: the tag of the first slot naming r in
// each passage's chain (slotTag), 0 when there is none. The
// passages' first slots are loaded together, so that their cache misses
// overlap.
func (c *Clusterer) slotTags(r int, idx []int, dst []uint8) []uint8 {
	row := c.rows.row(r)
	var home [66]int
	var seen uint32
	for t, j := range idx {
		home[t] = c.home(c.indexKey(row, j))
		seen |= c.slots.get(home[t]) | uint32(c.tags[home[t]])
	}
	c.touched += int(seen & 1)
	for t := range idx {
		dst = append(dst, c.slotTag(home[t], r))
	}
	return dst
}

// slotTag returns the tag of the first slot naming row r in the chain
// from slot home, 0 when none does: the check of r's passage whose home
// it is unless slotsGive says otherwise.
func (c *Clusterer) slotTag(home int, r int) uint8 {
	for i := home; c.slots.get(i) != 0; i = c.next(i) {
		if c.slots.get(i) == uint32(r)+1 {
			return c.tags[i]
		}
	}
	return 0
}

// prefetch loads the slots where the passages idx of row will be
// inserted. As in candidates, the loads are independent, so issued
// together, ahead of the inserts, their cache misses overlap.
func (c *Clusterer) prefetch(row []uint32, idx []int) {
	var seen uint32
	for _, j := range idx {
		i := c.home(c.indexKey(row, j))
		seen |= uint32(c.tags[i]) | c.slots.get(i)
	}
	c.touched += int(seen & 1)
}

// insert puts a slot naming row r under key with check tag in the index
// unless a slot of r with that check already serves the key (a row
// refilled by a longer member sharing its opening) or maxPosting other
// rows hold it, and returns the slot serving the key for r, -1 for none.
// (Taking the first case for a refusal cleared the passage's check, and
// the next rebuild dropped it: the stories whose truncated copy came
// first lost their opening from the index.)
func (c *Clusterer) insert(r int, key uint32, tag uint8) int {
	seen := 0
	i := c.home(key)
	for ; c.tags[i] != 0; i = c.next(i) {
		if c.tags[i] != tag {
			continue
		}
		if o := int(c.slots.get(i) - 1); c.keyAt(c.rows.row(o), key) >= 0 {
			if o == r {
				return i
			}
			if seen++; seen >= maxPosting {
				return -1
			}
		}
	}
	c.slots.set(i, uint32(r)+1)
	c.tags[i] = tag
	c.entries++
	return i
}

// rebuild resizes the index to n slots and puts back every entry, reading
// representatives' keys in order (sequentially, rather than chasing each
// old entry to its key) and their checks from the rows, savedChecks and
// the old table. Entries insert skipped are marked by check 0, so nothing
// is compared: each entry takes the first free slot from its home. In a
// large table those homes are scattered over hundreds of megabytes, so
// entries are first sorted into buffers by the region of the table their
// home lies in, and a full buffer is placed at once, its writes landing in
// one cache-resident region. Growing by half keeps the load between 0.53
// and 0.8.
//
// The checks the rows do not hold are read from the old table, so it is
// read while the new one is made. A table of bigTable slots or more is
// made in two passes: the tags first, into the new table's tags (1 byte a
// slot), while the old table is held; then, the old table freed, the
// entries into the new slots, placed again in the same order, so that
// each takes the slot its tag took: the first from its home not taken
// before it. Between the two, a bit per check read from the old table
// says whether its entry is placed. So the rebuild holds at most the
// rows, the new table and those bits: the 4 bytes a row no longer holds
// are not held elsewhere meanwhile. (Taken for every rebuild, two passes
// cost the clustering of the generated corpus cycled to a million
// documents 7-11% of its rate, one pass and the old table's probes
// 0-8%.)
//
// A passage that passes a slot of its own row on its way to its own
// leaves slotTag reading the wrong check, so such rows are noted as they
// are placed (placeTag), their checks read from the old table, and those
// the new table does not give (slotsGive) are kept in pending: a few in a
// thousand rows in small tables, fewer in large ones. So are the rows
// with a passage the index skipped (maxPosting), whose 0 is read right
// only while no slot of the row lies in its chain, which another row's
// insert can change.
func (c *Clusterer) rebuild(n int) {
	regions := min(256, 1+n>>14)
	var buffers [][]placement
	if regions > 1 {
		buffers = make([][]placement, regions)
		for i := range buffers {
			buffers[i] = make([]placement, 0, 1024)
		}
	}
	tags := make([]uint8, n)
	adviseHuge(tags)
	c.entries = 0
	if c.slots.n >= bigTable {
		c.rebuildTwice(n, buffers, tags)
		return
	}
	// Old and new are held at once anyway: one pass.
	slots := makeSlots(n, uint32(c.rows.n))
	rowBytes := make([]uint8, n)
	var met []int32
	c.placeRows(n, buffers, c.slotTags, func(p placement) {
		slots.set(placeTag(tags, rowBytes, p, &met), p.entry)
		c.entries++
	}, &met)
	held, checks := c.heldChecks(met)
	c.slots, c.tags = slots, tags
	c.keepUnread(held, checks)
}

// placeTag puts p's tag in the first free slot of tags from p's home and
// returns that slot. rowBytes holds a byte of each placed slot's row: p's
// row is appended to met when a slot on the way has its byte, as it has
// when it is one of the row's own slots (and for some other rows, which
// keepUnread tells apart), so the table then needs n bytes more while it
// is made.
func placeTag(tags, rowBytes []uint8, p placement, met *[]int32) int {
	b := uint8(p.entry * 0x9e3779b9 >> 24)
	i := int(p.home)
	for tags[i] != 0 {
		if rowBytes[i] == b {
			*met = append(*met, int32(p.entry-1))
		}
		if i++; i == len(tags) {
			i = 0
		}
	}
	tags[i], rowBytes[i] = p.tag, b
	return i
}

// rebuildTwice is rebuild in two passes, placing tags in tags, then
// entries in new slots once the old table is freed.
func (c *Clusterer) rebuildTwice(n int, buffers [][]placement, tags []uint8) {
	// Whether each check read from the old table is not 0: at most
	// c.width a row.
	placed := make([]uint64, (c.width*c.rows.n+63)/64)
	rowBytes := make([]uint8, n)
	var met []int32
	reads := 0
	c.placeRows(n, buffers, func(r int, ix []int, dst []uint8) []uint8 {
		dst = c.slotTags(r, ix, dst)
		for _, tag := range dst[len(dst)-len(ix):] {
			if tag != 0 {
				placed[reads/64] |= 1 << (reads % 64)
			}
			reads++
		}
		return dst
	}, func(p placement) {
		placeTag(tags, rowBytes, p, &met)
		c.entries++
	}, &met)
	held, checks := c.heldChecks(met)
	// Freeing the old table before the new slots are made keeps old and
	// new from being held at once, a peak of 12-17 bytes more per
	// document in the cluster step.
	c.slots, c.tags, rowBytes = slotArray{}, nil, nil
	runtime.GC()
	slots := makeSlots(n, uint32(c.rows.n))
	reads = 0
	c.placeRows(n, buffers, func(r int, ix []int, dst []uint8) []uint8 {
		for range ix {
			dst = append(dst, uint8(placed[reads/64]>>(reads%64)&1))
			reads++
		}
		return dst
	}, func(p placement) {
		slots.set(slots.firstFree(int(p.home)), p.entry)
	}, nil)
	c.slots, c.tags = slots, tags
	c.keepUnread(held, checks)
}

// heldChecks returns rows, in order and once each, with the checks of
// their indexed passages past the first (as pending holds them), read
// from the rows, savedChecks and the table as they are.
func (c *Clusterer) heldChecks(rows []int32) ([]pendingRow, []uint8) {
	slices.Sort(rows)
	var held []pendingRow
	var checks []uint8
	var idx [66]int
	var buf [66]uint8
	for _, r := range slices.Compact(rows) {
		ix := c.indexed(c.rows.row(int(r)), idx[:0])
		if len(ix) < 2 {
			continue
		}
		held = append(held, pendingRow{r: r, at: int32(len(checks))})
		checks = append(checks, c.checksOf(int(r), ix, buf[:0])[1:]...)
	}
	return held, checks
}

// keepUnread makes pending the rows of held (heldChecks) whose checks the
// table does not give (slotsGive) or that have a passage the index
// skipped, and drops the rest of pending and loaded: every other row's
// slots give its checks.
func (c *Clusterer) keepUnread(held []pendingRow, checks []uint8) {
	c.pending, c.pendChecks, c.pendSorted, c.loaded = nil, nil, true, nil
	var idx [66]int
	for _, p := range held {
		ix := c.indexed(c.rows.row(int(p.r)), idx[:0])
		rest := checks[p.at:][:len(ix)-1]
		if slices.Contains(rest, 0) || !c.slotsGive(int(p.r), ix, rest) {
			c.pending = append(c.pending, pendingRow{r: p.r, at: int32(len(c.pendChecks))})
			c.pendChecks = append(c.pendChecks, rest...)
		}
	}
}

// placeRows calls put with the index entries of every row, in row order
// but grouped by the region of a table of n slots their homes lie in, in
// pending, one empty buffer a region (none for one region; see rebuild),
// each with its check: the row's first, then those savedChecks holds,
// else those later appends to dst (the checks of row r's indexed passages
// ix, those past the first), and leaves out those whose check is 0,
// appending to skipped, unless nil, the rows that have such a passage
// past the first.
func (c *Clusterer) placeRows(n int, pending [][]placement, later func(r int, ix []int, dst []uint8) []uint8, put func(placement), skipped *[]int32) {
	regions := max(1, len(pending))
	var idx [66]int
	var buf [66]uint8
	for r := range c.rows.n {
		row := c.rows.row(r)
		ix := c.indexed(row, idx[:0])
		if len(ix) == 0 {
			continue
		}
		checks := append(buf[:0], c.firstCheck(row))
		if saved := c.savedChecks(r); saved != nil {
			checks = append(checks, saved[:len(ix)-1]...)
		} else {
			checks = later(r, ix[1:], checks)
		}
		if skipped != nil && slices.Contains(checks[1:], 0) {
			*skipped = append(*skipped, int32(r))
		}
		for t, j := range ix {
			if checks[t] == 0 {
				continue
			}
			p := placement{home: uint32(homeIn(c.indexKey(row, j), n)), entry: uint32(r) + 1, tag: checks[t]}
			if regions == 1 {
				put(p)
				continue
			}
			g := int(uint64(p.home) * uint64(regions) / uint64(n))
			if pending[g] = append(pending[g], p); len(pending[g]) == cap(pending[g]) {
				for _, p := range pending[g] {
					put(p)
				}
				pending[g] = pending[g][:0]
			}
		}
	}
	for g, ps := range pending {
		for _, p := range ps {
			put(p)
		}
		pending[g] = ps[:0]
	}
}

// bigTable is the size (in slots, 4 or 5 bytes each) from which rebuild frees
// the old table before making the new slots, placing tags and entries in
// two passes: a collection and a second pass then cost little beside
// placing millions of entries.
var bigTable = 1 << 22 // a variable for the tests

// placement is an index slot's content (entry, a row plus one) waiting
// to be placed by rebuild.
type placement struct {
	home, entry uint32
	tag         uint8
}

// home returns the first slot to probe for key: the multiply-shift range
// reduction of a hash of the key, so the table can have any size.
func (c *Clusterer) home(key uint32) int {
	return homeIn(key, c.slots.n)
}

// homeIn is home in a table of n slots.
func homeIn(key uint32, n int) int {
	return int((uint64(key) * prime1 >> 32) * uint64(n) >> 32)
}

func (c *Clusterer) next(i int) int {
	if i++; i == c.slots.n {
		return 0
	}
	return i
}
