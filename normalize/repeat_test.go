package normalize

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
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
		// A small site: a short sentence on most pages is its template,
		// unless it reports speech.
		{"short prose footer on most pages of a small site", 9, 7, "Our team of six writes these pages from a small office by the old harbour.", true},
		{"short prose footer on a third of a small site's pages", 18, 6, "Our team of six writes these pages from a small office by the old harbour.", false},
		{"reported speech on most pages of a small site", 9, 7, "The talks will resume next week, a spokesman for the union said.", false},
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

// TestRepeatCounts checks the counter's counts against a map through
// several growths, with keys whose low bits collide; with a small cap,
// through spilled runs (exact), and when runs cannot be written, through
// sampling (exact for the keys kept, the rest counted as dropped).
func TestRepeatCounts(t *testing.T) {
	readOnly := filepath.Join(t.TempDir(), "read-only")
	if err := os.WriteFile(readOnly, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		capacity int
		dir      string // "read-only": a spill file that takes no writes
	}{{repeatCap, ""}, {1000, ""}, {1000, "/nonexistent/clean-test"}, {1000, "read-only"}} {
		t.Run(fmt.Sprint(tc.capacity, tc.dir), func(t *testing.T) {
			defer func(old int, dir string) { repeatCap, spillDir = old, dir }(repeatCap, spillDir)
			repeatCap, spillDir = tc.capacity, tc.dir
			c := NewRepeatCounter()
			if tc.dir == "read-only" {
				f, err := os.Open(readOnly)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				c.spill = f // writing a run fails after sorting the table
			}
			want := map[uint64]uint32{}
			var keys []uint64
			occurrences := int64(0)
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
				occurrences += int64(len(keys))
				c.ObserveKeys("s", keys)
			}
			sampled, spilled := tc.dir != "", tc.dir == "" && tc.capacity < 1000000
			if c.sampling != sampled || (len(c.runs) > 0) != spilled || (c.cause != nil) != sampled || c.Err() != nil {
				t.Fatalf("sampling %v (%v), %d runs, err %v", c.sampling, c.cause, len(c.runs), c.Err())
			}
			kept := int64(0)
			maps.DeleteFunc(want, func(k uint64, n uint32) bool {
				if k >= c.limit {
					return true
				}
				kept += int64(n)
				return false
			})
			got := counts(c)
			if len(got) != len(want) || len(want) == 0 {
				t.Errorf("%d keys, want %d", len(got), len(want))
			}
			for k, n := range want {
				if got[k] != n {
					t.Errorf("key %x: docs %d, want %d", k, got[k], n)
				}
			}
			if sites, total, _ := c.Dropped(); total != occurrences-kept || (total > 0) != sampled ||
				(sampled && (len(sites) != 1 || sites[0] != SiteDrop{"s", total})) {
				t.Errorf("dropped %v, total %d; want %d", sites, total, occurrences-kept)
			}
		})
	}
}

// counts returns every key's total count in c, over its runs.
func counts(c *RepeatCounter) map[uint64]uint32 {
	m := map[uint64]uint32{}
	c.totals(func(e repeatEntry) { m[e.key] = e.docs })
	return m
}

// TestRepeatSpill checks that the table learned over many sites does not
// depend on the counter's memory: with a cap far below the corpus's
// distinct lines (so that runs are spilled), counted in any order or in
// parts merged, it is the table counted in memory. Sampling instead (the
// old behaviour past the cap) lost most sites' template lines.
func TestRepeatSpill(t *testing.T) {
	type doc struct{ site, text string }
	var docs []doc
	for s := range 40 {
		site := fmt.Sprintf("site%d.example", s)
		for i := range 12 {
			docs = append(docs, doc{site, story(s*100+i) + "\n\n" + fmt.Sprintf("Footer of %s: subscribe to our letters", site)})
		}
	}
	learn := func(capacity int, order []doc, parts int) *RepeatTable {
		defer func(old int) { repeatCap = old }(repeatCap)
		repeatCap = capacity
		cs := make([]*RepeatCounter, parts)
		for i := range cs {
			cs[i] = NewRepeatCounter()
		}
		for i, d := range order {
			cs[i%parts].Observe(d.site, d.text)
		}
		for _, o := range cs[1:] {
			cs[0].Merge(o)
		}
		if cs[0].Err() != nil {
			t.Fatal(cs[0].Err())
		}
		table := cs[0].Table()
		if _, total, cause := cs[0].Dropped(); total != 0 {
			t.Errorf("cap %d: %d line occurrences dropped (%v)", capacity, total, cause)
		}
		return table
	}
	whole := learn(1<<20, docs, 1)
	if whole.Len() != 40 {
		t.Fatalf("in memory: %d table entries, want the 40 footers", whole.Len())
	}
	reversed := slices.Clone(docs)
	slices.Reverse(reversed)
	for _, tc := range []struct {
		name  string
		order []doc
		parts int
	}{{"in order", docs, 1}, {"reversed", reversed, 1}, {"in 3 parts", docs, 3}} {
		got := learn(50, tc.order, tc.parts)
		if !maps.Equal(got.kinds, whole.kinds) {
			t.Errorf("%s, cap 50: %d entries; in memory %d", tc.name, got.Len(), whole.Len())
		}
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

// TestPartition checks that partition groups entries by spillPart in
// place, keeping every entry, with keys spread and keys alike in their
// low bits.
func TestPartition(t *testing.T) {
	var es []repeatEntry
	for i := range uint64(5000) {
		es = append(es, repeatEntry{key: i * 0x9E3779B97F4A7C15, docs: uint32(i)}, repeatEntry{key: i << 40, docs: uint32(i)})
	}
	byKey := func(a, b repeatEntry) int { return cmp.Compare(a.key, b.key) }
	want := slices.SortedFunc(slices.Values(es), byKey)
	start := partition(es)
	for p := range spillParts {
		for _, e := range es[start[p]:start[p+1]] {
			if spillPart(e.key) != p {
				t.Fatalf("key %x in partition %d", e.key, p)
			}
		}
	}
	if start[spillParts] != len(es) || !slices.Equal(slices.SortedFunc(slices.Values(es), byKey), want) {
		t.Error("partition lost or changed entries")
	}
}

// TestRepeatKeysJudged: a line counts as one key whether a page carries
// it with entities, list marks or none (pages of one site come in several
// shapes), so the variants add up.
func TestRepeatKeysJudged(t *testing.T) {
	variants := []string{
		"© 2024 Le Journal de Rouen – Tous droits réservés",
		"&copy; 2024 Le Journal de Rouen &ndash; Tous droits r&eacute;serv&eacute;s",
		"  » © 2024 Le Journal de Rouen – Tous droits réservés\r",
		"©&nbsp;2024 Le Journal de Rouen &ndash; Tous&nbsp;droits réservés",
	}
	want := LineKeys(nil, "s", variants[0])
	for _, v := range variants[1:] {
		if got := LineKeys(nil, "s", v); !slices.Equal(got, want) {
			t.Errorf("LineKeys(%q) = %x, want %x as for %q", v, got, want, variants[0])
		}
	}
}

// TestRepeatWrappedLine: a footer line that most pages carry whole is
// found on a page that has it hard-wrapped (one logical line of two).
func TestRepeatWrappedLine(t *testing.T) {
	const line = "Unabhängiger Lokaljournalismus aus der Region, seit 1949 jeden Morgen neu für die Leserinnen und Leser."
	wrapped := "Unabhängiger Lokaljournalismus aus der Region, seit 1949 jeden\nMorgen neu für die Leserinnen und Leser."
	c := NewRepeatCounter()
	for i := range 10 {
		c.Observe("s", story(i)+"\n\n"+line)
	}
	s, err := NewStripper(DefaultRules(), c.Table())
	if err != nil {
		t.Fatal(err)
	}
	_, removed := s.Strip(story(11)+"\n\n"+wrapped, "s")
	if len(removed) != 2 || removed[0].Rule != RuleSiteRepeat {
		t.Errorf("removed %+v, want the wrapped footer's two lines as site-repeat", removed)
	}
}

// TestUnwrappedKey: the key of a wrapped line is the key of its words on
// one line.
func TestUnwrappedKey(t *testing.T) {
	for _, w := range []string{"Tous droits\nréservés à Rouen Info", "  Tous  droits réservés\r\n à Rouen\u00a0Info "} {
		if got, want := unwrappedKey(7, w), lineKey(7, "Tous droits réservés à Rouen Info"); got != want {
			t.Errorf("unwrappedKey(%q) = %x, want %x", w, got, want)
		}
	}
}

// TestHeadlineAlsoATeaser: a site of 40 pages, each with the site's
// tagline, a headline, a byline and its story; page k's headline is
// also a teaser ("> headline", under "Read more") on eight other pages;
// every fifth story has a banner ("Reposted from the wire") instead of
// a headline. The tagline,
// on every page, and the banner go; each page keeps its own headline
// although the headline's line is on nine pages of the site.
func TestHeadlineAlsoATeaser(t *testing.T) {
	const pages = 40
	headline := func(k int) string {
		return fmt.Sprintf("Council %d votes to rebuild the harbour wall before winter", k)
	}
	body := func(k int) string {
		return fmt.Sprintf("The council voted %d to 3 on Tuesday to rebuild the old harbour wall, which storms damaged last year.\n"+
			"Work will start in the spring and should take about %d months, the harbour master said in a statement.\n"+
			"Residents who had campaigned for the repairs for %d years said they were relieved but would watch the costs closely.", k+5, k+2, k+4)
	}
	docs := make([]string, pages)
	for k := range docs {
		var b strings.Builder
		b.WriteString("The Harbour Gazette - news from the coast every day\n")
		if k%5 == 0 { // a banner over some stories, which have no headline
			b.WriteString("Reposted from the wire\n" + body(k) + "\n")
		} else {
			b.WriteString(headline(k) + "\nBy Anna Lee\n" + body(k) + "\n")
		}
		b.WriteString("Read more\n")
		for j := 1; j <= 8; j++ {
			b.WriteString("> " + headline((k+j)%pages) + "\n")
		}
		docs[k] = b.String()
	}
	c := NewRepeatCounter()
	for _, d := range docs {
		c.Observe("harbour.example", d)
	}
	s, err := NewStripper(DefaultRules(), c.Table())
	if err != nil {
		t.Fatal(err)
	}
	for k, d := range docs {
		out, _ := s.Strip(d, "harbour.example")
		if k%5 != 0 && !strings.Contains(out, headline(k)+"\n") {
			t.Errorf("page %d lost its headline:\n%s", k, out)
		}
		if strings.Contains(out, "Harbour Gazette") || strings.Contains(out, "Read more") || strings.Contains(out, "> ") || strings.Contains(out, "wire") {
			t.Errorf("page %d kept the site's tagline or teasers:\n%s", k, out)
		}
	}
}

// TestRepeatReserve: a counter reserved for n lines counts n lines
// without growing its table, and a reservation past the cap is held to
// it.
func TestRepeatReserve(t *testing.T) {
	defer func(old int) { repeatCap = old }(repeatCap)
	repeatCap = 1 << 14
	c := NewRepeatCounter()
	c.Reserve(10000)
	size := len(c.lines)
	for k := range uint64(10000) {
		c.add(k*7919+1, 1, 0)
	}
	if len(c.lines) != size || c.n != 10000 {
		t.Errorf("table of %d slots grew to %d for %d lines", size, len(c.lines), c.n)
	}
	c = NewRepeatCounter()
	c.Reserve(1 << 30)
	if 5*len(c.lines) > 16*repeatCap {
		t.Errorf("a reservation past the cap of %d lines made %d slots", repeatCap, len(c.lines))
	}
}

// TestLineKeysAtEnds: given where a text's line breaks are, LineKeysAt
// cuts the lines LineKeys finds: blank lines, a break at either end, a
// line of only spaces, markup.
func TestLineKeysAtEnds(t *testing.T) {
	for _, text := range append(seedCorpus(t), "", "\n", "a", "a\n", "\nb", "one\n\n\ntwo\n", "  \nx &amp; <b>y</b>\n\n") {
		ends := []int{}
		for i := range len(text) {
			if text[i] == '\n' {
				ends = append(ends, i)
			}
		}
		if got, want := LineKeysAt(nil, "s", text, ends), LineKeys(nil, "s", text); !slices.Equal(got, want) {
			t.Errorf("%.40q: keys at the ends %x, want %x", text, got, want)
		}
	}
}
