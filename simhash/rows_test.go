package simhash

import (
	"bytes"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestRowsRoundTrip: a clusterer loaded from the saved rows of another
// places new documents exactly as the other does, cluster for cluster,
// and refuses rows of the wrong size or with no passage.
func TestRowsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 9))
	stories := syntheticStories(r, 60)
	f := NewFingerprinter(DefaultOptions())
	a := NewClusterer(DefaultOptions())
	for i, s := range stories {
		text := strings.Join(s, "\n\n")
		if i%3 == 1 { // a copy cut short arrives first, then the story
			a.Add(f.Sketch(strings.Join(s[:len(s)/2+1], "\n\n")))
		}
		a.Add(f.Sketch(text))
	}
	var saved []byte
	var clusters []int // a's cluster of each saved row, in order
	a.EachRepresentative(func(cluster, rep int) {
		saved = a.AppendRow(saved, rep)
		clusters = append(clusters, cluster)
	})
	if len(clusters) != a.Representatives() {
		t.Fatalf("%d rows saved of %d representatives", len(clusters), a.Representatives())
	}
	b := NewClusterer(DefaultOptions())
	size := RowBytes(DefaultOptions())
	for i := range clusters {
		if n, err := b.AddRow(saved[i*size : (i+1)*size]); err != nil || n != i {
			t.Fatalf("row %d: loaded as %d: %v", i, n, err)
		}
	}
	joined, cutJoined := 0, 0
	for i, s := range stories {
		q := f.Sketch("OTHER OUTLET\n\n" + strings.Join(s[1:], "\n\n") + "\n\nShare this story.")
		switch i % 4 {
		case 0: // a story of neither
			q = f.Sketch(strings.Join(syntheticStories(r, 1)[0], "\n\n"))
		case 2: // a copy cut inside the lead, found by the opening only
			q = f.Sketch(strings.Join(strings.Fields(s[0])[:20], " "))
		}
		ca, cb := a.Resolve(a.Add(q)), b.Resolve(b.Add(q))
		want := ca
		if cb < len(clusters) {
			cb = clusters[cb]
			joined++
			if i%4 == 2 {
				cutJoined++
			}
		} else {
			want = ca - a.Len() + b.Len() // both started a cluster of their own
		}
		if cb != want {
			t.Errorf("story %d: joined cluster %d after loading, %d before", i, cb, ca)
		}
	}
	if cutJoined < len(stories)/8 {
		t.Errorf("only %d of %d copies cut inside the lead joined a loaded cluster", cutJoined, len(stories)/4)
	}
	if joined < len(stories)/2 {
		t.Errorf("only %d of %d copies joined a loaded cluster: the test shows little", joined, len(stories))
	}
	if _, err := b.AddRow(saved[:size-4]); err == nil {
		t.Error("a short row was loaded")
	}
	if _, err := b.AddRow(make([]byte, size)); err == nil {
		t.Error("a row with no passage was loaded")
	}
}

// TestRefilledRowSurvivesRebuild: a story whose truncated copy came first
// (its row refilled by the story) is still found by its opening after the
// index has grown and been rebuilt.
func TestRefilledRowSurvivesRebuild(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 4))
	stories := syntheticStories(r, 1500)
	f := NewFingerprinter(DefaultOptions())
	c := NewClusterer(DefaultOptions())
	s := stories[0]
	c.Add(f.Sketch(strings.Join(s[:len(s)/2+1], "\n\n")))
	c.Add(f.Sketch(strings.Join(s, "\n\n")))
	slots := c.slots.n
	for _, other := range stories[1:] {
		c.Add(f.Sketch(strings.Join(other, "\n\n")))
	}
	if c.slots.n == slots {
		t.Fatal("the index was never rebuilt: the test shows nothing")
	}
	copyOf := "ANOTHER OUTLET\n\n" + strings.Join(s, "\n\n") + "\n\nShare this story with a friend."
	if got := c.Resolve(c.Add(f.Sketch(copyOf))); got != 0 {
		t.Errorf("a copy of the story joined cluster %d, want 0", got)
	}
}

// TestFormersRoundTrip: a clusterer loaded from another's rows and former
// representatives (Formers, AddFormer) sends an exact copy of a replaced
// representative to the cluster the other does, and refuses a former
// representative of a cluster it does not have. Per story: an edited
// copy, the story (which takes its place), a document holding the copy
// whole among other stories; then, after loading, an exact copy of the
// first. Without the former representatives, 5 of the 142 replaced
// copies' copies joined the third document's cluster
// (TestExactCopyJoinsItsOriginal's case).
func TestFormersRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	stories := syntheticStories(r, 400)
	f := NewFingerprinter(DefaultOptions())
	a := NewClusterer(DefaultOptions())
	var copies []Sketch
	for i, s := range stories[:200] {
		keep := len(s) * (6 + r.IntN(4)) / 10
		copied := strings.Join(append([]string{stories[200+i][0]}, s[:max(1, keep)]...), "\n\n")
		holder := copied + "\n\n" + strings.Join(stories[200+(i+37)%200], "\n\n") + "\n\n" + strings.Join(stories[200+(i+91)%200][1:], "\n\n")
		copies = append(copies, f.Sketch(copied))
		for _, text := range []string{copied, strings.Join(s, "\n\n"), holder} {
			a.Add(f.Sketch(text))
		}
	}
	b := NewClusterer(DefaultOptions())
	at := map[int]int{} // a's cluster -> b's
	var row []byte
	a.EachRepresentative(func(cluster, rep int) {
		row = a.AppendRow(row[:0], rep)
		n, err := b.AddRow(row)
		if err != nil {
			t.Fatal(err)
		}
		at[cluster] = n
	})
	formers := 0
	for key, cluster := range a.Formers() {
		if err := b.AddFormer(key, at[cluster]); err != nil {
			t.Fatal(err)
		}
		formers++
	}
	if formers < 100 {
		t.Fatalf("%d of 200 copies replaced: the test shows little", formers)
	}
	for i, s := range copies {
		if got, want := b.Resolve(b.Add(s)), at[a.Resolve(a.Add(s))]; got != want {
			t.Errorf("copy %d: cluster %d after loading, %d before", i, got, want)
		}
	}
	if err := b.AddFormer(1, b.Len()); err == nil {
		t.Error("a former representative of a cluster not loaded was taken")
	}
}

// TestChecksOutsideTheRow: the checks of a row's indexed passages after
// the first live in the index only, and are read back from it (AppendRow,
// rebuild) as they were set, where a slot's entry number alone would
// mislead. A story refilling its cut copy's row with a passage of the
// same key and another check (lower fingerprint bits differing) leaves
// the copy's entry of the same number, under the old check, ahead of its
// own in the chain; a repeated passage is found indexed under its first
// occurrence's entry and has no slot of its own. Both keep their checks
// through a rebuild.
func TestChecksOutsideTheRow(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 3))
	f := NewFingerprinter(DefaultOptions())
	c := NewClusterer(DefaultOptions())
	k := c.opts.StoredChunks
	// The check saved for passage t of representative rep.
	saved := func(rep, t int) uint8 { return c.AppendRow(nil, rep)[4*(k+rowOpening)+t] }
	s := syntheticStories(r, 1)[0]
	cut := f.Sketch(strings.Join(s[:3], "\n\n"))
	story := f.Sketch(strings.Join(s, "\n\n"))
	if len(cut.Chunks) < 3 || cut.Chunks[1].FP != story.Chunks[1].FP {
		t.Fatal("the cut copy does not share the story's second passage")
	}
	story.Chunks[1].FP ^= 0x0101 // the same key, another check
	want := passageCheck(story.Chunks[1].FP)
	if want == passageCheck(cut.Chunks[1].FP) {
		t.Fatal("the checks are equal: the test shows nothing")
	}
	c.Add(cut)
	if got := c.Add(story); got != 0 || c.Representatives() != 1 {
		t.Fatalf("the story started cluster %d", got)
	}
	if got := saved(0, 1); got != want {
		t.Errorf("refilled row: check %d saved, want %d", got, want)
	}
	// A story with a passage repeated among its indexed ones.
	rep := f.Sketch(strings.Join(syntheticStories(r, 1)[0][:3], "\n\n"))
	rep.Chunks = append(rep.Chunks[:2:2], rep.Chunks[1], rep.Chunks[2])
	if got := c.Add(rep); got != 2 || c.Representatives() != 2 {
		t.Fatalf("the story with a repeated passage joined cluster %d", got)
	}
	if got, want := saved(1, 2), passageCheck(rep.Chunks[2].FP); got != want {
		t.Errorf("repeated passage: check %d saved, want %d", got, want)
	}
	c.rebuild(c.slots.n)
	if got := saved(0, 1); got != want {
		t.Errorf("refilled row after a rebuild: check %d saved, want %d", got, want)
	}
	if got, want := saved(1, 2), passageCheck(rep.Chunks[2].FP); got != want {
		t.Errorf("repeated passage after a rebuild: check %d saved, want %d", got, want)
	}
}

// TestRebuildKeepsChecks: a rebuild reads the checks rows do not hold
// from the old table and places tags and entries in two passes; every
// row's checks (saved rows) are the same after it, and the new table
// holds each entry with its check. Stories whose cut copies came first
// refill rows, a site's header on a fifth of them has its passages
// skipped by the index past maxPosting, and the table is grown past one
// region.
func TestRebuildKeepsChecks(t *testing.T) {
	for _, big := range []int{bigTable, 0} {
		t.Run(fmt.Sprint("bigTable=", big), func(t *testing.T) {
			defer func(was int) { bigTable = was }(bigTable)
			bigTable = big
			testRebuildKeepsChecks(t)
		})
	}
}

func testRebuildKeepsChecks(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 1))
	f := NewFingerprinter(DefaultOptions())
	c := NewClusterer(DefaultOptions())
	header := syntheticStories(r, 1)[0][:3]
	for i, s := range syntheticStories(r, 3000) {
		if i%5 == 0 {
			s = append(header[:3:3], s...)
		}
		if i%4 == 0 {
			c.Add(f.Sketch(strings.Join(s[:len(s)/2], "\n\n")))
		}
		c.Add(f.Sketch(strings.Join(s, "\n\n")))
	}
	save := func() []byte {
		var b []byte
		c.EachRepresentative(func(_, rep int) { b = c.AppendRow(b, rep) })
		return b
	}
	before := save()
	skipped := 0
	c.EachRepresentative(func(_, rep int) {
		var idx [66]int
		ix := c.indexed(c.rows.row(rep), idx[:0])
		skipped += bytes.Count(c.checksOf(rep, ix, nil)[1:], []byte{0})
	})
	if len(c.pending) == 0 || skipped == 0 {
		t.Fatalf("%d rows refilled since the last rebuild, %d passages skipped: the test shows little", len(c.pending), skipped)
	}
	n := c.slots.n * 3 / 2
	c.rebuild(n)
	if c.slots.n != n || n < 1<<14 {
		t.Fatalf("a table of %d slots", c.slots.n)
	}
	if after := save(); !bytes.Equal(before, after) {
		t.Error("the rows' checks changed with the rebuild")
	}
	// Every slot is under the check of one of its row's passages whose
	// chain holds it.
	for i := range c.slots.n {
		e := c.slots.get(i)
		if e == 0 {
			continue
		}
		r := int(e - 1)
		var idx [66]int
		ix := c.indexed(c.rows.row(r), idx[:0])
		checks := c.checksOf(r, ix, nil)
		found := false
		for t, j := range ix {
			h := c.home(c.indexKey(c.rows.row(r), j))
			for h != i && c.tags[h] != 0 {
				h = c.next(h)
			}
			found = found || h == i && checks[t] == c.tags[i]
		}
		if !found {
			t.Fatalf("slot %d: row %d under tag %d, not one of its passages' checks %v", i, r, c.tags[i], checks)
		}
	}
	if len(c.pending) == 0 {
		t.Error("no row's passages met slots of their own: the test shows little")
	}
}

// A clusterer holding its most representatives makes each further
// document that finds no cluster its own, unindexed, and counts it; the
// documents already held still gather their copies, and a row saved by
// another clusterer is refused rather than numbered past the index's
// entries.
func TestFullClustererCountsOverflow(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	stories := syntheticStories(r, 6)
	f := NewFingerprinter(DefaultOptions())
	c := NewClusterer(DefaultOptions())
	c.maxRows = 3
	var got []int
	for _, s := range stories {
		got = append(got, c.Add(f.Sketch(strings.Join(s, "\n\n"))))
	}
	if c.Representatives() != 3 || c.Overflow() != 3 {
		t.Fatalf("%d representatives, %d over: want 3 and 3", c.Representatives(), c.Overflow())
	}
	for i, id := range got {
		if id != i {
			t.Errorf("story %d: cluster %d, want its own", i, id)
		}
	}
	held := strings.Join(stories[1], "\n\n") + "\n\nA line the copy adds at its end, with a few more words to it."
	if id := c.Add(f.Sketch(held)); id != got[1] {
		t.Errorf("a copy of a held story: cluster %d, want %d", id, got[1])
	}
	other := NewClusterer(DefaultOptions())
	other.Add(f.Sketch(strings.Join(stories[5], "\n\n")))
	if _, err := c.AddRow(other.AppendRow(nil, 0)); err == nil {
		t.Error("a full clusterer added a saved row")
	}
}

// TestChecksReadBack: every representative's checks, read back from the
// row, pending and the index's tags (checksOf, what rebuilds and saved
// rows use), are those of its document's passages, 0 for those the index
// skipped, at every point of a run, though slots name rows only: the
// passages of one row meet each other's slots in their chains (a few
// rows in a thousand at the loads the table runs at), and the chain of a
// passage skipped (a site's header on a fifth of the stories, past
// maxPosting) can come to hold one of its row's slots as other rows are
// added.
func TestChecksReadBack(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 5))
	f := NewFingerprinter(DefaultOptions())
	c := NewClusterer(DefaultOptions())
	header := syntheticStories(r, 1)[0][:3]
	var sketches []Sketch
	var clusters []int
	const stories = 4000
	for i, story := range syntheticStories(r, stories) {
		if i%5 == 0 {
			story = append(header[:3:3], story...)
		}
		s := f.Sketch(strings.Join(story, "\n\n"))
		sketches, clusters = append(sketches, s), append(clusters, c.Add(s))
		if i%200 == 199 {
			checkReadBack(t, c, sketches, clusters, i == stories-1)
		}
	}
}

// checkReadBack checks every representative's checks against those of
// the document its row holds: the member of its cluster (clusters, as Add
// returned them) with its whole simhash.
func checkReadBack(t *testing.T, c *Clusterer, sketches []Sketch, clusters []int, last bool) {
	t.Helper()
	k := c.opts.StoredChunks
	checked, pending, skipped := 0, 0, 0
	c.EachRepresentative(func(cl, rep int) {
		row := c.rows.row(rep)
		whole := uint64(row[k+rowWhole]) | uint64(row[k+rowWhole+1])<<32
		var s Sketch
		for d, sk := range sketches {
			if sk.Whole == whole && c.Resolve(clusters[d]) == cl {
				s = sk
			}
		}
		var idx [66]int
		ix := c.indexed(row, idx[:0])
		var want []uint8
		for _, j := range ix {
			switch j {
			case 0:
				want = append(want, passageCheck(s.Opening))
			case k:
				want = append(want, anchorCheck(s.Anchors[0]))
			default:
				at := slices.IndexFunc(s.Chunks, func(ch Chunk) bool { return passageKey(ch.FP) == row[j] })
				want = append(want, passageCheck(s.Chunks[at].FP))
			}
		}
		got := c.checksOf(rep, ix, nil)
		for t0, check := range got {
			if check == 0 {
				skipped++
				want[t0] = 0 // skipped: the index holds maxPosting others
			}
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%d documents in, row %d: checks %v, its passages' %v", c.Len(), rep, got, want)
		}
		checked++
		if c.savedChecks(rep) != nil {
			pending++
		}
	})
	if last && (checked < 3000 || pending == 0 || skipped == 0) {
		t.Errorf("%d rows checked, %d of them kept beside the table, %d passages skipped: the test shows little", checked, pending, skipped)
	}
}

// TestSlotsWidenAsRowsGrow: a table of 3-byte slots is rebuilt with
// 4-byte ones when a row no longer fits, and the clusters come
// out as they do in a table that was never narrow: stories and their
// copies cut short, arriving on either side of the widening, and
// refilled rows, whose earlier entries the rebuild carries over.
func TestSlotsWidenAsRowsGrow(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 3))
	stories := syntheticStories(r, 400)
	f := NewFingerprinter(DefaultOptions())
	var sketches []Sketch
	for i, s := range stories {
		if i%3 == 0 { // a copy cut short first: the story refills its row
			sketches = append(sketches, f.Sketch(strings.Join(s[:len(s)/2+1], "\n\n")))
		}
		sketches = append(sketches, f.Sketch(strings.Join(s, "\n\n")))
		if i%4 == 1 {
			sketches = append(sketches, f.Sketch("OTHER OUTLET\n\n"+strings.Join(s[1:], "\n\n")))
		}
	}
	run := func() (*Clusterer, []int) {
		c := NewClusterer(DefaultOptions())
		var got []int
		for _, s := range sketches {
			got = append(got, c.Add(s))
		}
		for i := range got {
			got[i] = c.Resolve(got[i])
		}
		return c, got
	}
	wide, want := run()
	if wide.slots.width != 3 {
		t.Fatalf("slots of %d bytes for %d rows", wide.slots.width, wide.rows.n)
	}
	defer func(n uint32) { narrowEntries = n }(narrowEntries)
	narrowEntries = 1 << bits.Len32(uint32(wide.rows.n/2))
	narrow, got := run()
	if narrow.slots.width != 4 {
		t.Fatalf("slots of %d bytes after %d rows, the widening at %d", narrow.slots.width, narrow.rows.n, narrowEntries)
	}
	if !slices.Equal(got, want) {
		t.Error("the clusters changed with the widening")
	}
	if narrow.Representatives() > len(stories)*21/20 {
		t.Errorf("%d clusters of %d documents, %d stories: the test shows little", narrow.Representatives(), len(sketches), len(stories))
	}
}
