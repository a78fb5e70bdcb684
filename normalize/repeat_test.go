package normalize

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

const footer = "Lokalnachrichten jeden Morgen per Post: jetzt bestellen"

// story returns a distinct article of three paragraphs.
func story(i int) string {
	return fmt.Sprintf("Story %d begins with a long sentence about the events of the day, as told by the people who were there.\n\n"+
		"In the second paragraph of story %d the reporter quotes an official, who declined to give a name.\n\n"+
		"The third paragraph of story %d closes the report with what happens next.", i, i, i)
}

func TestRepeatTable(t *testing.T) {
	tests := []struct {
		name      string
		docs      int    // documents of the site
		withLine  int    // how many of them hold line
		line      string // the repeated line
		wantStrip bool
	}{
		{"footer on every page", 20, 20, footer, true},
		{"footer on a few pages", 20, 5, footer, false},
		{"footer under the share", 400, 7, footer, false},
		{"syndicated paragraph", 300, 6, "A syndicated paragraph that several copies of the same story share, word for word, in the body.", false},
		{"prose footer on every page", 40, 40, "Diese Seite wird von der Lokalredaktion betreut, die Sie jederzeit per Post erreichen.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewRepeatCounter()
			docs := make([]string, tt.docs)
			for i := range docs {
				docs[i] = story(i)
				if i < tt.withLine {
					docs[i] += "\n\n" + tt.line
				}
				c.Observe("site.example", docs[i])
			}
			c.Observe("other.example", docs[0]) // another site's counts stay apart
			s, err := NewStripper(DefaultRules(), c.Table())
			if err != nil {
				t.Fatal(err)
			}
			_, removed := s.Strip(docs[0], "site.example")
			got := len(removed) == 1 && removed[0].Rule == RuleSiteRepeat && removed[0].Text == tt.line
			if got != tt.wantStrip || (!tt.wantStrip && len(removed) > 0) {
				t.Errorf("removed %+v, want line stripped: %v", removed, tt.wantStrip)
			}
			if _, removed := s.Strip(docs[0], "other.example"); len(removed) > 0 {
				t.Errorf("other site: removed %+v", removed)
			}
		})
	}
}

// TestRepeatMerge checks that counting in parts and merging gives the
// same table as counting at once, including when the cap forces sampling.
func TestRepeatMerge(t *testing.T) {
	docs := make([]string, 60)
	for i := range docs {
		docs[i] = story(i) + "\n\n" + footer
	}
	whole, a, b := NewRepeatCounter(), NewRepeatCounter(), NewRepeatCounter()
	for i, d := range docs {
		whole.Observe("s", d)
		if i%2 == 0 {
			a.Observe("s", d)
		} else {
			b.Observe("s", d)
		}
	}
	a.Merge(b)
	if wt, mt := whole.Table(), a.Table(); wt.Len() != 1 || mt.Len() != 1 {
		t.Errorf("table sizes: whole %d, merged %d, want 1", wt.Len(), mt.Len())
	}

	// Sampling: with a tiny limit only keys under it survive, exactly.
	small := NewRepeatCounter()
	small.limit = 1 << 63
	for _, d := range docs {
		small.Observe("s", d)
	}
	kept := checkSampled(t, small, whole)
	if kept == 0 || kept == whole.n {
		t.Errorf("sampling kept %d of %d keys", kept, whole.n)
	}

	// Merging counters that sampled with different limits keeps the
	// smaller limit, and exactly the counts under it.
	c, d := NewRepeatCounter(), NewRepeatCounter()
	c.limit = 1 << 63
	for i, doc := range docs {
		if i%2 == 0 {
			c.Observe("s", doc)
		} else {
			d.Observe("s", doc)
		}
	}
	d.Merge(c)
	if d.limit != small.limit {
		t.Errorf("merged limit %x, want %x", d.limit, small.limit)
	}
	if merged := checkSampled(t, d, small); merged != kept {
		t.Errorf("merged counter kept %d keys, the sampled whole %d", merged, kept)
	}
}

// checkSampled checks that every key c holds is under c's limit and
// counted as in ref, and returns how many keys c holds.
func checkSampled(t *testing.T, c, ref *RepeatCounter) int {
	t.Helper()
	kept := 0
	for _, e := range c.lines {
		if e.docs == 0 {
			continue
		}
		kept++
		if w := ref.slot(e.key); e.key >= c.limit || e.docs != w.docs {
			t.Errorf("sampled key %x: docs %d, %d in the reference", e.key, e.docs, w.docs)
		}
	}
	return kept
}

// TestRepeatNearDup measures the repetition rule on the near-duplicate
// benchmark (stories copied 2-6 times within one source), when
// NEWSCLEAN_NEARDUP names synth_bbc_neardup.jsonl. Lines of the original
// articles must never be stripped as site repeats.
func TestRepeatNearDup(t *testing.T) {
	path, recs := readNearDup(t)
	c := NewRepeatCounter()
	origLines := map[string]bool{}
	for _, r := range recs {
		c.Observe(path, r.Text)
		if r.Kind == "original" {
			for _, l := range strings.Split(r.Text, "\n") {
				origLines[trimLine(l)] = true
			}
		}
	}
	table := c.Table()
	s, err := NewStripper(DefaultRules(), table)
	if err != nil {
		t.Fatal(err)
	}
	byRule := map[string]int{}
	total, fromBodies := 0, 0
	for _, r := range recs {
		total += len(r.Text)
		_, removed := s.Strip(r.Text, path)
		for _, m := range removed {
			byRule[m.Rule] += len(m.Text)
			if m.Rule == RuleSiteRepeat && origLines[trimLine(m.Text)] {
				fromBodies += len(m.Text)
			}
		}
	}
	t.Logf("%d docs, %d bytes, %d table entries; stripped bytes by rule: %v; site-repeat bytes from original article lines: %d",
		len(recs), total, table.Len(), byRule, fromBodies)
	if fromBodies > 0 {
		t.Errorf("site-repeat stripped %d bytes of original article lines", fromBodies)
	}
}

// TestRepeatCounts checks the counter's table against a map through
// several growths, with keys whose low bits collide, and through
// sampling, when the cap forces keys out of a full table.
func TestRepeatCounts(t *testing.T) {
	for _, capacity := range []int{repeatCap, 1000} {
		t.Run(fmt.Sprint(capacity), func(t *testing.T) {
			defer func(old int) { repeatCap = old }(repeatCap)
			repeatCap = capacity
			c := NewRepeatCounter()
			want := map[uint64]uint32{}
			var keys []uint64
			for doc := range 3000 {
				keys = keys[:0]
				for j := range doc % 17 {
					k := uint64(doc*j%5000) << 52 // collide in the low bits
					keys = append(keys, k, k|1, k*0x9E3779B97F4A7C15)
				}
				slices.Sort(keys)
				keys = slices.Compact(keys)
				for _, k := range keys {
					want[k]++
				}
				c.ObserveKeys("s", keys)
			}
			maps.DeleteFunc(want, func(k uint64, _ uint32) bool { return k >= c.limit })
			if c.n != len(want) || c.n > capacity || len(want) == 0 {
				t.Errorf("%d keys, want %d (cap %d)", c.n, len(want), capacity)
			}
			for k, n := range want {
				if e := c.slot(k); e.docs != n || e.key != k {
					t.Errorf("key %x: docs %d, want %d", k, e.docs, n)
				}
			}
		})
	}
}

// BenchmarkRepeatObserveKeys times the counting goroutine's share of
// Observe: the lines of the seed corpus hashed beforehand.
func BenchmarkRepeatObserveKeys(b *testing.B) {
	docs := seedCorpus(b)
	var keys [][]uint64
	n := 0
	for i, d := range docs {
		n += len(d)
		keys = append(keys, LineKeys(nil, strings.Repeat("s", i%3), d))
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	c := NewRepeatCounter()
	for b.Loop() {
		for i, k := range keys {
			c.ObserveKeys(strings.Repeat("s", i%3), k)
		}
	}
}
