package normalize

import (
	"bytes"
	"fmt"
	"maps"
	"testing"
)

// TestCountsRoundTrip: counts written by shards (spilled or not) and
// added up give the table one counter learns from every document, and a
// table read back is the table written.
func TestCountsRoundTrip(t *testing.T) {
	type doc struct{ site, text string }
	var docs []doc
	for s := range 30 {
		site := fmt.Sprintf("site%d.example", s)
		for i := range 10 {
			docs = append(docs, doc{site, story(s*100+i) + "\n\n" + fmt.Sprintf("Footer of %s: subscribe to our letters", site)})
		}
	}
	whole := NewRepeatCounter()
	for _, d := range docs {
		whole.Observe(d.site, d.text)
	}
	want := whole.Table()
	if want.Len() != 30 {
		t.Fatalf("%d table entries, want the 30 footers", want.Len())
	}
	for _, capacity := range []int{1 << 20, 40} {
		func() {
			defer func(old int) { repeatCap = old }(repeatCap)
			repeatCap = capacity
			sum := NewRepeatCounter()
			for part := range 4 { // each site's documents split across the shards
				c := NewRepeatCounter()
				for i, d := range docs {
					if i%4 == part {
						c.Observe(d.site, d.text)
					}
				}
				b, err := c.AppendCounts(nil)
				if err != nil {
					t.Fatal(err)
				}
				if err := NewRepeatCounter().AddCounts(b[:len(b)-3]); err == nil {
					t.Errorf("cap %d: truncated counts accepted", capacity)
				}
				if err := sum.AddCounts(b); err != nil {
					t.Fatal(err)
				}
			}
			// Counts past the cap go to the spill as a run each, not
			// through the table.
			if capacity == 40 && (len(sum.runs) != 4 || sum.n != 0) {
				t.Errorf("cap %d: %d runs and %d lines in the table, want a run per shard's counts", capacity, len(sum.runs), sum.n)
			}
			got := sum.Table()
			if !maps.Equal(got.kinds, want.kinds) {
				t.Errorf("cap %d: %d entries from the shards' counts, %d from one counter", capacity, got.Len(), want.Len())
			}
		}()
	}
	// No temporary space: the counts are added to the table, sampled.
	func() {
		c := NewRepeatCounter()
		for _, d := range docs {
			c.Observe(d.site, d.text)
		}
		b, err := c.AppendCounts(nil)
		if err != nil {
			t.Fatal(err)
		}
		defer func(old int, dir string) { repeatCap, spillDir = old, dir }(repeatCap, spillDir)
		repeatCap, spillDir = 40, "/nonexistent/clean-test"
		sum := NewRepeatCounter()
		if err := sum.AddCounts(b); err != nil || !sum.sampling || sum.n > repeatCap {
			t.Errorf("counts added without a spill: %v, sampling %v, %d lines held", err, sum.sampling, sum.n)
		}
	}()
	b, _ := want.AppendBinary(nil)
	var back RepeatTable
	err := back.UnmarshalBinary(b)
	again, _ := back.AppendBinary(nil)
	if err != nil || !bytes.Equal(again, b) || !maps.Equal(back.kinds, want.kinds) {
		t.Errorf("table read back: %v, %d entries of %d, or their kinds differ", err, back.Len(), want.Len())
	}
	if err := back.UnmarshalBinary(b[:len(b)-1]); err == nil {
		t.Error("truncated table accepted")
	}
}
