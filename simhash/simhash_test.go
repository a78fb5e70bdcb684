package simhash

import (
	"fmt"
	"golang.org/x/text/unicode/norm"
	"math"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"

	"github.com/newsclean/clean/internal/letters"
	"github.com/newsclean/clean/internal/reshape"
)

func readFixture(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "fixtures", path))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// seeds returns the five real articles.
func seeds(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "fixtures", "seeds", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range paths {
		out = append(out, readFixture(t, filepath.Join("seeds", filepath.Base(p))))
	}
	if len(out) != 5 {
		t.Fatalf("want 5 seeds, found %d", len(out))
	}
	return out
}

// clusterAll sketches and clusters texts in order with default options.
func clusterAll(texts ...string) []int { return clusterWith(DefaultOptions(), texts...) }

func clusterWith(o Options, texts ...string) []int {
	f := NewFingerprinter(o)
	c := NewClusterer(o)
	out := make([]int, len(texts))
	for i, t := range texts {
		out[i] = c.Add(f.Sketch(t))
	}
	return out
}

func TestSeedsStayApart(t *testing.T) {
	s := seeds(t)
	for i := range s {
		for j := range s {
			if i == j {
				continue
			}
			if got := clusterAll(s[i], s[j]); got[1] != 1 {
				t.Errorf("seed %d joined seed %d", j, i)
			}
		}
	}
}

func TestVariantsJoinSeed(t *testing.T) {
	seed := readFixture(t, "seeds/000_c55572b169319f5d.txt")
	others := seeds(t)[1:]
	for _, name := range []string{"000_other_outlet.txt", "000_truncated.txt", "000_ads.txt"} {
		t.Run(name, func(t *testing.T) {
			v := readFixture(t, filepath.Join("dedup", name))
			// The other seeds come first so that the seed is not trivially
			// the only candidate.
			texts := append(slices.Clone(others), seed, v)
			got := clusterAll(texts...)
			if got[len(got)-1] != len(others) {
				t.Errorf("variant went to cluster %d, want the seed's %d (all: %v)", got[len(got)-1], len(others), got)
			}
		})
	}
}

// paragraphs returns n distinct paragraphs of 25 to 60 words taken from
// the seeds.
func paragraphs(t *testing.T, n int) []string {
	var out []string
	for _, s := range seeds(t) {
		for _, line := range strings.Split(s, "\n") {
			if w := len(strings.Fields(line)); w >= 25 && w <= 60 {
				out = append(out, line)
			}
		}
	}
	if len(out) < n {
		t.Fatalf("only %d long paragraphs in the seeds", len(out))
	}
	return out[:n]
}

// TestNoChaining: a document joins a cluster only through its
// representative: c lies inside b, but b joined a's cluster and a stays
// its representative, and c is mostly not in a.
func TestNoChaining(t *testing.T) {
	p := paragraphs(t, 7)
	join := func(ps ...string) string { return strings.Join(ps, "\n") }
	a := join(p[0:6]...)
	b := join(append([]string{p[6]}, p[0:4]...)...) // mostly inside a, shorter
	c := join(p[6], p[0])                           // inside b, half inside a
	if got := clusterAll(b, c); got[1] != 0 {
		t.Fatalf("control: c should join b when b is the representative, got %v", got)
	}
	got := clusterAll(a, b, c)
	if got[1] != 0 {
		t.Fatalf("b should join a, got %v", got)
	}
	if got[2] != 2 {
		t.Errorf("c chained into a's cluster through b: %v", got)
	}
}

// TestExpansionStaysApart: a later version of a story with much new text
// inserted between old parts (the BBC's politics 111 and 293: comments
// added between the story and the old comments) is a new document, in
// either order, while a copy cut short joins in either order.
func TestExpansionStaysApart(t *testing.T) {
	p := paragraphs(t, 12)
	short := strings.Join(p[:4], "\n")
	long := strings.Join(append(append([]string{p[0]}, p[4:12]...), p[1:4]...), "\n")
	cut := strings.Join(p[:3], "\n")
	if got := clusterAll(short, long); got[1] != 1 {
		t.Errorf("expanded version joined the short one: %v", got)
	}
	if got := clusterAll(long, short); got[1] != 1 {
		t.Errorf("short version joined the expanded one: %v", got)
	}
	if got := clusterAll(short, cut); got[1] != 0 {
		t.Errorf("a copy cut short did not join its story: %v", got)
	}
	if got := clusterAll(cut, short); got[1] != 0 {
		t.Errorf("a story did not join its copy cut short that came first: %v", got)
	}
}

// TestLongExpansionStaysApart: as TestExpansionStaysApart, with documents
// longer than a representative stores, like politics 111 and 293: the
// expanded version holds the short one's stored opening and its end with
// more text between than the short one leaves unstored, and the short one
// lies inside the expanded one's unstored text with room to spare.
func TestLongExpansionStaysApart(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	ps := syntheticStories(r, 120)
	merged := 0
	for i := range 20 {
		story, comments := ps[6*i], ps[6*i+1]
		short := strings.Join(append(slices.Clone(story), comments...), "\n\n")
		// Three fifths of the expanded version or more are new, as in 293
		// (1,500 of its 2,440 shingles).
		var added []string
		for j := 2; j < 6 && len(strings.Fields(strings.Join(added, " "))) < 3*len(strings.Fields(short))/2; j++ {
			added = append(added, ps[6*i+j]...)
		}
		long := strings.Join(append(append(slices.Clone(story), added...), comments...), "\n\n")
		for _, texts := range [][]string{{short, long}, {long, short}} {
			if got := clusterAll(texts...); got[1] == 0 {
				merged++
				t.Logf("story %d: %d and %d paragraphs merged", i, len(story)+len(comments), len(story)+len(added)+len(comments))
			}
		}
	}
	if merged > 8 {
		t.Errorf("%d of 40 pairs of a story and its expansion merged", merged)
	}
}

func TestSharedDisclaimerStaysApart(t *testing.T) {
	disclaimer := "Disclaimer: the views and opinions expressed in this article are those of the author and do not necessarily reflect the official policy or position of the publisher, its editors or its advertisers. Content is provided for information only and is not investment advice."
	p := paragraphs(t, 2)
	for _, d := range []string{disclaimer, disclaimer + " " + disclaimer} {
		a := p[0] + "\n" + d
		b := p[1] + "\n" + d
		if got := clusterAll(a, b); got[1] != 1 {
			t.Errorf("stories sharing a %d-word disclaimer merged", len(strings.Fields(d)))
		}
	}
}

func TestExactKey(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"Hello  world", "hello world", true},
		{"It’s “quoted”", "It's \"quoted\"", true},
		{"up 1,000 points", "up 1000 points", true},
		{"$1.13bn profit", "$1.13 billion profit", true},
		{"ﬁnance", "finance", true}, // NFKC ligature
		{"Straße", "STRASSE", true}, // ß is ss (latinTwin), as Swiss German writes it
		{"line one\nline two", "line one line two", true},
		{"hello world", "hello there", false},
		{"1.5", "15", false},
	}
	for _, tt := range tests {
		if got := ExactKey(tt.a) == ExactKey(tt.b); got != tt.same {
			t.Errorf("ExactKey(%q) == ExactKey(%q): %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

func TestTypographyDoesNotChangeSketch(t *testing.T) {
	seed := readFixture(t, "seeds/000_c55572b169319f5d.txt")
	f := NewFingerprinter(DefaultOptions())
	base := f.Sketch(seed)
	for _, variant := range []string{
		strings.NewReplacer("“", "\"", "”", "\"", "’", "'").Replace(seed),
		strings.ToUpper(seed),
		strings.ReplaceAll(seed, " ", "  "),
		strings.ReplaceAll(seed, "8,000", "8000"),
	} {
		if got := f.Sketch(variant); !reflect.DeepEqual(got, base) {
			t.Errorf("sketch changed: whole distance %d", bits.OnesCount64(got.Whole^base.Whole))
		}
	}
}

func TestShortLinesIgnored(t *testing.T) {
	seed := readFixture(t, "seeds/000_c55572b169319f5d.txt")
	f := NewFingerprinter(DefaultOptions())
	base := f.Sketch(seed)
	withAds := strings.Replace(seed, "\n", "\nADVERTISEMENT\nShare this article\n", 3)
	if got := f.Sketch(withAds); got.Whole != base.Whole || !slices.Equal(got.Chunks, base.Chunks) {
		t.Errorf("short advert lines changed the fingerprint")
	}
	// A document made only of short lines is still fingerprinted.
	if s := f.Sketch("Breaking news\nMore soon"); s.Shingles == 0 || len(s.Chunks) == 0 {
		t.Errorf("short-line document got an empty sketch: %+v", s)
	}
}

func TestSketchRoundTrip(t *testing.T) {
	f := NewFingerprinter(DefaultOptions())
	var buf []byte
	var want []Sketch
	for _, s := range seeds(t) {
		sk := f.Sketch(s)
		want = append(want, sk)
		var err error
		if buf, err = sk.AppendBinary(buf); err != nil {
			t.Fatal(err)
		}
	}
	decoded, anchored := 0, 0
	var got Sketch // decoded into again and again, as the cluster step does
	for ; len(buf) > 0; decoded++ {
		n, err := got.Decode(buf)
		if err != nil {
			t.Fatal(err)
		}
		same := func(a, b Sketch) bool {
			return a.Whole == b.Whole && a.Length == b.Length && a.Shingles == b.Shingles && slices.Equal(a.Chunks, b.Chunks) &&
				a.Opening == b.Opening && a.Anchors == b.Anchors
		}
		if got.Anchors[0] != 0 {
			anchored++
		}
		if decoded == len(want) || !same(got, want[decoded]) {
			t.Fatalf("sketch %d differs after round trip, or is one too many", decoded)
		}
		buf = buf[n:]
	}
	if decoded != len(want) || anchored == 0 {
		t.Errorf("decoded %d sketches of %d, %d with anchors", decoded, len(want), anchored)
	}
	b, _ := want[0].MarshalBinary()
	for _, bad := range [][]byte{nil, b[:len(b)-1], append([]byte{9}, b[1:]...), append(slices.Clone(b), 0)} {
		var s Sketch
		if s.UnmarshalBinary(bad) == nil {
			t.Errorf("corrupt sketch of %d bytes accepted", len(bad))
		}
	}
}

func TestHostileInput(t *testing.T) {
	f := NewFingerprinter(DefaultOptions())
	long := strings.Repeat("a", 1<<20)
	words := strings.Repeat("word ", 1<<18)
	for _, text := range []string{"", "\xff\xfe\xfd", long, words, strings.Repeat("\n", 1000), "1,2,3,4.5.6", "ǅ Σς \u0301"} {
		s := f.Sketch(text)
		if len(s.Chunks) > maxSketchChunks {
			t.Errorf("%d chunks exceeds the bound", len(s.Chunks))
		}
		c := NewClusterer(DefaultOptions())
		c.Add(s)
		c.Add(s)
	}
}

func TestConcurrentSketchDeterministic(t *testing.T) {
	f := NewFingerprinter(DefaultOptions())
	s := seeds(t)
	want := make([]Sketch, len(s))
	for i, t := range s {
		want[i] = f.Sketch(t)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, text := range s {
				if got := f.Sketch(text); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("concurrent sketch %d differs", i)
				}
			}
		})
	}
	wg.Wait()
}

func TestOptionsValidate(t *testing.T) {
	if err := DefaultOptions().Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []func(*Options){
		func(o *Options) { o.Shingle = 0 },
		func(o *Options) { o.ChunkShingles = 64 },
		func(o *Options) { o.Containment = 0 },
		func(o *Options) { o.ChunkDistance = 33 },
		func(o *Options) { o.ChunkDistance = minChunkDistance - 1 },
		func(o *Options) { o.IndexedChunks = o.StoredChunks + 1 },
	}
	for i, mod := range bad {
		o := DefaultOptions()
		mod(&o)
		if o.Validate() == nil {
			t.Errorf("case %d: invalid options accepted", i)
		}
		if o.orDefaults().Validate() != nil {
			t.Errorf("case %d: orDefaults left options invalid", i)
		}
	}
}

// TestEveryDistanceClusters: at every accepted ChunkDistance and
// containment, and with the zero Options, the seeds, their halves, their
// openings cut short under another seed's ending, and their copies
// cluster without a crash (distances up to 15 indexed a slice at -1: a
// passage matching nothing looked as near as a sure or gap match), and
// each copy joins its seed.
func TestEveryDistanceClusters(t *testing.T) {
	var texts []string
	all := seeds(t)
	// And random stories, for variety: the crash needed a corpus.
	r := rand.New(rand.NewPCG(9, 9))
	for range 60 {
		var paras []string
		for range 4 + r.IntN(12) {
			ws := make([]string, 10+r.IntN(30))
			for i := range ws {
				ws[i] = fmt.Sprint("w", r.IntN(2000))
			}
			paras = append(paras, strings.Join(ws, " ")+".")
		}
		all = append(all, strings.Join(paras, "\n"))
	}
	for i, s := range all {
		lines := strings.Split(s, "\n")
		other := strings.Split(all[(i+1)%len(all)], "\n")
		texts = append(texts, strings.Join(lines[:len(lines)/2], "\n"), strings.Join(lines[len(lines)/2:], "\n"),
			strings.Join(append(lines[:len(lines)/3:len(lines)/3], other[len(other)-3:]...), "\n"), s, s)
	}
	for d := minChunkDistance - 1; d <= 32; d++ {
		for _, containment := range []float64{0.3, 0.7, 0.99, 1} {
			o := DefaultOptions()
			o.ChunkDistance, o.Containment = d, containment
			if d < minChunkDistance {
				o = Options{}
			}
			fp, c := NewFingerprinter(o), NewClusterer(o)
			var ids []int
			for _, text := range texts {
				ids = append(ids, c.Add(fp.Sketch(text)))
			}
			for i := 4; i < len(ids); i += 5 {
				if c.Resolve(ids[i]) != c.Resolve(ids[i-1]) {
					t.Errorf("distance %d, containment %g: copy %d apart from its seed", d, containment, i)
				}
			}
		}
	}
}

func BenchmarkSketch(b *testing.B) {
	text := strings.Join(seeds(b), "\n")
	f := NewFingerprinter(DefaultOptions())
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		f.Sketch(text)
	}
}

// BenchmarkSketchCyrillic is BenchmarkSketch with the seeds' letters
// written in Cyrillic: two-byte runes, which take the non-ASCII path.
func BenchmarkSketchCyrillic(b *testing.B) {
	text := letters.Map(strings.Join(seeds(b), "\n"), letters.Scripts["cyrillic"])
	f := NewFingerprinter(DefaultOptions())
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		f.Sketch(text)
	}
}

// BenchmarkSketchChinese is BenchmarkSketch with the seeds' words
// written in Han characters without spaces (letters.Unspaced): three-byte
// runes, and full-width punctuation, which NFKC changes.
func BenchmarkSketchChinese(b *testing.B) {
	text := letters.Unspaced(strings.Join(seeds(b), "\n"), letters.UnspacedScripts["han"], 1)
	f := NewFingerprinter(DefaultOptions())
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		f.Sketch(text)
	}
}

func BenchmarkExactKey(b *testing.B) {
	text := strings.Join(seeds(b), "\n")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ExactKey(text)
	}
}

// BenchmarkClustererAdd adds distinct synthetic documents, so every Add
// probes the index and then inserts a representative.
func BenchmarkClustererAdd(b *testing.B) {
	o := DefaultOptions()
	c := NewClusterer(o)
	var x uint64 = 1
	next := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	sk := Sketch{Shingles: 400, Chunks: make([]Chunk, 16)}
	for b.Loop() {
		sk.Whole = next()
		for i := range sk.Chunks {
			sk.Chunks[i] = Chunk{FP: next(), Weight: 25}
		}
		c.Add(sk)
	}
	b.ReportMetric(float64(c.IndexBytes())/float64(c.Len()), "bytes/doc")
}

// TestWordPathsAgree: a word or number hashed on the ASCII fast path (one
// or two 8-byte loads, or byte by byte near the end of the text) must hash
// as on the slow path, which a following typographic apostrophe forces,
// and a unit after a number must still be spelt out.
func TestWordPathsAgree(t *testing.T) {
	const letters = "AbcdefghijklmnopqrstuvwxyzAbcdefghijklmnopqrstuvwxyzAbcdefghijklmnopqrstuvwxyz"
	tail := " and then some more words to keep the fast path"
	for n := 1; n <= len(letters); n++ {
		w := letters[:n]
		num := strings.Repeat("9876543210", 8)[:n]
		for _, pair := range [][2]string{
			{w + tail, w + "\u2019" + tail},
			{"x " + w, "x " + w + "\u2019"},
			{num + tail, num + "\u2019" + tail},
			{"up " + num + ". " + w + tail, "up " + num + "\u2019. " + w + "\u2019" + tail},
			{num + "bn" + tail, num + " billion" + tail},
			{num + " bn" + tail, num + " billion" + tail},
		} {
			if ExactKey(pair[0]) != ExactKey(pair[1]) {
				t.Errorf("%d-letter word: fast and slow paths differ in %q", n, pair[0])
			}
		}
	}
}

func TestXXH64Compatible(t *testing.T) {
	b := []byte("abcdefghijklmnop")
	if got, want := hashWord(b[:8]), xxhash.Sum64(b[:8]); got != want {
		t.Errorf("8-byte word: %x, xxhash %x", got, want)
	}
	if got, want := hashWord(b), xxhash.Sum64(b); got != want {
		t.Errorf("16-byte word: %x, xxhash %x", got, want)
	}
}

// TestFeedBatchesAgree: shingles span word batches, so a sketch must not
// depend on where the tokenizer splits its batches.
func TestFeedBatchesAgree(t *testing.T) {
	words := make([]uint64, 3000)
	for i := range words {
		words[i] = hashShort(uint64(i%700), 3) // repeats, like real text
	}
	run := func(batch int) Sketch {
		st := newState(DefaultOptions())
		st.reset()
		for i := 0; i < len(words); i += batch {
			st.feed(words[i:min(i+batch, len(words))])
		}
		return st.finish(0)
	}
	want := run(len(words))
	for _, batch := range []int{1, 2, 3, 5, 8, 9, 1024} {
		if got := run(batch); !reflect.DeepEqual(got, want) {
			t.Errorf("batches of %d: sketch differs from one batch", batch)
		}
	}
}

// TestIndexSurvivesGrowth: after the index has been rebuilt many times,
// copies of early documents still find them, and a passage shared by
// many documents (indexed for maxPosting of them only) does not pull
// unrelated documents together.
func TestIndexSurvivesGrowth(t *testing.T) {
	var x uint64 = 7
	next := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	shared := next()
	mk := func() Sketch {
		s := Sketch{Shingles: 250, Chunks: make([]Chunk, 10)}
		for i := range s.Chunks {
			s.Chunks[i] = Chunk{FP: next(), Weight: 25}
		}
		s.Chunks[0].FP = shared // boilerplate opening every document
		s.Whole = next()
		return s
	}
	c := NewClusterer(DefaultOptions())
	var docs []Sketch
	for i := range 20000 {
		s := mk()
		docs = append(docs, s)
		if got := c.Add(s); got != i {
			t.Fatalf("distinct document %d joined %d", i, got)
		}
	}
	for i, s := range docs[:200] {
		if got := c.Add(s); got != i {
			t.Errorf("copy of document %d joined %d", i, got)
		}
	}
}

// TestCopyWithoutOpeningJoins: a copy that lost its first paragraphs (an
// over-eager stripper, a page cut at the top) shares none of the
// original's leading passages, but one of the indexed passages is picked
// from further in, so it is still found.
func TestCopyWithoutOpeningJoins(t *testing.T) {
	p := paragraphs(t, 12)
	for _, n := range []int{6, 9, 12} {
		for _, drop := range []int{1, 2} {
			orig := strings.Join(p[:n], "\n")
			cut := strings.Join(p[drop:n], "\n")
			if got := clusterAll(orig, cut); got[1] != 0 {
				t.Errorf("%d paragraphs without the first %d started their own cluster", n, drop)
			}
		}
	}
}

// TestShapeDoesNotChangeSketch: hard wrapping (whose short last lines the
// short-line filter would drop), CRLF, indentation and HTML entities leave
// the words, and so the sketch, unchanged.
// TestNarrowWrapKeepsSketch wraps the seeds at 40 to 52 columns, where
// most lines have fewer words than a fingerprinted line needs: judged by
// its length alone, a wrapped line under 40 bytes was dropped (at 44
// columns the seeds kept 58-76% of their shingles, at 40 11-25%; now
// 94-100% at 40 to 52 columns, within 7 bits).
func TestNarrowWrapKeepsSketch(t *testing.T) {
	f := NewFingerprinter(DefaultOptions())
	for i := range 5 {
		paths, _ := filepath.Glob(filepath.Join("..", "fixtures", "seeds", fmt.Sprintf("%03d_*.txt", i)))
		if len(paths) != 1 {
			t.Fatalf("seed %d: %d files", i, len(paths))
		}
		seed := readFixture(t, filepath.Join("seeds", filepath.Base(paths[0])))
		base := f.Sketch(seed)
		for width := 40; width <= 52; width += 4 {
			got := f.Sketch(wrapAt(seed, width))
			kept := float64(got.Shingles) / float64(base.Shingles)
			if d := bits.OnesCount64(got.Whole ^ base.Whole); kept < 0.92 || d > 8 {
				t.Errorf("seed %d wrapped at %d: %.3f of its shingles kept, whole simhash %d bits away", i, width, kept, d)
			}
		}
	}
}

// wrapAt breaks every line longer than width characters at the last
// space before it.
func wrapAt(text string, width int) string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		cur := ""
		for _, w := range strings.Fields(line) {
			if cur != "" && utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) > width {
				out = append(out, cur)
				cur = ""
			}
			cur = strings.TrimPrefix(cur+" "+w, " ")
		}
		out = append(out, cur)
	}
	return strings.Join(out, "\n")
}

// TestWebAddressesAreNotWords: a copy converted to Markdown, every 20th
// word a link, with a bare address after a number and one after a full
// stop, has its original's sketch. Read as words, an address added a
// dozen (-shapes: a link in 30 words kept 1,316 of 2,225 articles apart).
func TestWebAddressesAreNotWords(t *testing.T) {
	seed := readFixture(t, "seeds/000_c55572b169319f5d.txt")
	var paras []string
	k := 0
	for _, p := range strings.Split(seed, "\n") {
		ws := strings.Fields(p)
		for j, w := range ws {
			if k++; k%20 == 0 {
				ws[j] = fmt.Sprintf("[%s](HTTPS://www.example.com/news/item-%d?ref=a&b=c)", w, k)
			}
		}
		paras = append(paras, strings.Join(ws, " "))
	}
	linked := strings.Join(paras, "\n")
	f := NewFingerprinter(DefaultOptions())
	base := f.Sketch(seed)
	for name, text := range map[string]string{
		"Markdown links":      linked,
		"after a number":      strings.Replace(seed, " 2011,", " 2011 http://t.example/x,", 1),
		"www, after a stop":   strings.Replace(seed, ". ", ". www.example.org/a/b ", 3),
		"links and addresses": strings.Replace(linked, ". ", ". https://example.net/p?q=1 ", 5),
		"at the end":          seed + " https://t.co/ab",
	} {
		if got := f.Sketch(text); got.Whole != base.Whole || got.Shingles != base.Shingles {
			t.Errorf("%s: %d shingles, whole %d bits from the original's (%d shingles)", name, got.Shingles, bits.OnesCount64(got.Whole^base.Whole), base.Shingles)
		}
	}
}

func TestShapeDoesNotChangeSketch(t *testing.T) {
	seed := readFixture(t, "seeds/000_c55572b169319f5d.txt")
	f := NewFingerprinter(DefaultOptions())
	base := f.Sketch(seed)
	wrap := wrapAt
	entities := strings.NewReplacer("’", "&#8217;", "“", "&ldquo;", "”", "&quot;", "-", "&ndash;", "&", "&amp;")
	for name, variant := range map[string]string{
		"wrapped at 55":      wrap(seed, 55),
		"wrapped at 78":      wrap(seed, 78),
		"CRLF, indented":     "   " + strings.ReplaceAll(wrap(seed, 66), "\n", "\r\n   "),
		"entities":           entities.Replace(seed),
		"numeric entity":     strings.ReplaceAll(seed, "’", "&#x2019;"),
		"entities, wrapped":  wrap(entities.Replace(seed), 60),
		"escaped twice":      strings.ReplaceAll(entities.Replace(seed), "&", "&amp;"),
		"soft hyphens":       reshape.InsideWords(seed, "\u00ad"),
		"&shy;, wrapped":     wrap(reshape.InsideWords(seed, "&shy;"), 70),
		"zero-width spaces":  reshape.InsideWords(seed, "\u200b"),
		"joiners, marks":     "\ufeff" + reshape.InsideWords(reshape.InsideWords(seed, "\u2060"), "\u200d\u200e"),
		"words broken at 60": reshape.HyphenWrap(seed, 60),
		"HTML tags left in":  "<div class=\"story\">\n<p>" + strings.ReplaceAll(seed, "\n", "</p>\n<p>") + "</p>\n<a href=\"https://example.com/more-stories\">",
		"broken, CRLF":       strings.ReplaceAll(reshape.HyphenWrap(seed, 72), "\n", "\r\n  "),
	} {
		if got := f.Sketch(variant); got.Whole != base.Whole || !slices.Equal(got.Chunks, base.Chunks) {
			t.Errorf("%s: sketch changed: whole distance %d, %d passages, want %d", name,
				bits.OnesCount64(got.Whole^base.Whole), len(got.Chunks), len(base.Chunks))
		}
	}
	sameWords(t, [][2]string{
		{"AT&T and BT&amp;T", "at t and bt t"},
		{"it&#8217;s here", "its here"},
		{"it&amp;#8217;s &amp;amp;quot;here&amp;quot; &amp; AT&amp;T", "its here at t"},
		{"&notanentity; &#; & x", "notanentity x"},
		{"govern&shy;ment\u200b of\ufe0f the day", "government of the day"},
		{"a <b>bold</b> <a href=\"/x/y\">move</a>", "a bold move"},
		{"x < y, 3<4 and <unclosed words", "x y 3 4 and unclosed words"},
	})
}

// sameWords checks that the texts of each pair have one ExactKey.
func sameWords(t *testing.T, pairs [][2]string) {
	t.Helper()
	for _, p := range pairs {
		if ExactKey(p[0]) != ExactKey(p[1]) {
			t.Errorf("ExactKey(%q) != ExactKey(%q)", p[0], p[1])
		}
	}
}

// syntheticStories returns n stories of 6 to 12 paragraphs in a made-up
// vocabulary, so tests have as many distinct stories as they need.
func syntheticStories(r *rand.Rand, n int) [][]string {
	vocab := make([]string, 3000)
	for i := range vocab {
		b := make([]byte, 3+r.IntN(7))
		for j := range b {
			b[j] = byte('a' + r.IntN(26))
		}
		vocab[i] = string(b)
	}
	stories := make([][]string, n)
	for i := range stories {
		for range 6 + r.IntN(7) {
			var words []string
			for range 25 + r.IntN(35) {
				words = append(words, vocab[r.IntN(len(vocab))])
			}
			stories[i] = append(stories[i], strings.Join(words, " ")+".")
		}
	}
	return stories
}

// TestOrderIndependent: a story's copies (another outlet's header and
// footer, cut short, a teaser of another story on top, hard-wrapped with
// CRLF, entities) form the same clusters in any input order: copies that
// arrive before their original are merged when it comes.
func TestOrderIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 7))
	stories := syntheticStories(r, 12)
	var texts []string
	var labels []int
	for i, s := range stories {
		other := stories[(i+1)%len(stories)]
		join := func(ps []string) string { return strings.Join(ps, "\n\n") }
		for _, v := range []string{
			join(s),
			"DAILY WIRE\nPosted 3 March\n\n" + join(s) + "\n\nRead more stories like this one on our website every single day.",
			join(s[:len(s)*6/10]),
			join(append([]string{other[0]}, s...)),
			strings.ReplaceAll(strings.ReplaceAll(join(s), ". ", ".\n"), "\n", "\r\n"),
			strings.ReplaceAll(join(s), " a", " &amp; a"),
		} {
			texts = append(texts, v)
			labels = append(labels, i)
		}
	}
	f := NewFingerprinter(DefaultOptions())
	sk := make([]Sketch, len(texts))
	for i, text := range texts {
		sk[i] = f.Sketch(text)
	}
	for p := range 8 {
		order := r.Perm(len(texts))
		if p == 0 {
			slices.Reverse(order) // copies first, originals last
		}
		c := NewClusterer(DefaultOptions())
		ids := make([]int, len(texts))
		for _, i := range order {
			ids[i] = c.Add(sk[i])
		}
		got := make([]int, len(texts))
		for i, id := range ids {
			got[i] = order[c.Resolve(id)]
		}
		for i := range texts {
			for j := range i {
				if (labels[i] == labels[j]) != (got[i] == got[j]) {
					t.Errorf("permutation %d: copies %d and %d of stories %d and %d: clusters %d and %d",
						p, i%6, j%6, labels[i], labels[j], got[i], got[j])
				}
			}
		}
	}
}

// TestQuotingPostStaysApart: a short post that quotes half of a short
// article after as many words of its own shares about half of each; it
// must not join the article in either order, nor through the article's
// copy, while the copy joins.
func TestQuotingPostStaysApart(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	stories := syntheticStories(r, 40)
	for i, s := range stories[:20] {
		own := stories[20+i]
		article := strings.Join(s[:6], "\n\n")
		half := strings.Join(s[:3], "\n\n")
		post := strings.Join(own[:3], " ") + "\n\nAs the report put it:\n\n" + half
		copyOf := "WIRE\n\n" + article + "\n\nMore news from our partners every single day of the week."
		for _, texts := range [][]string{{article, post, copyOf}, {post, article, copyOf}, {copyOf, post, article}} {
			got := clusterAll(texts...)
			postAt := slices.Index(texts, post)
			for j := range texts {
				if j != postAt && got[j] == got[postAt] {
					t.Errorf("story %d: the quoting post joined the article or its copy (order %v)", i, got)
				}
			}
			if a, c := slices.Index(texts, article), slices.Index(texts, copyOf); got[a] != got[c] {
				t.Errorf("story %d: the copy did not join its article (order %v)", i, got)
			}
		}
	}
}

// TestSecondHalfBeforeStory: a copy of a long story's second half that
// arrives first stores its opening and its final passage; the story,
// arriving later, holds both with the copy's unstored middle between
// them, which is the copy's text, not new text, and finds the copy
// although it starts past the story's leading passages.
func TestSecondHalfBeforeStory(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 9))
	missed := 0
	for i, s := range syntheticStories(r, 30) {
		long := append(slices.Clone(s), syntheticStories(r, 1)[0]...) // 12-24 paragraphs
		story := strings.Join(long, "\n\n")
		half := strings.Join(long[len(long)/2:], "\n\n")
		if got := clusterAll(half, story); got[1] != 0 {
			missed++
			t.Logf("story %d (%d paragraphs): the story did not join its second half", i, len(long))
		}
	}
	// A story finds the copy when one of the copy's indexed passages is
	// among its looked-up ones: its leading 8 or the third of the rest
	// whose keys rank lowest; in about 1 case in 17 none of the copy's
	// four ranks low enough (24 of 30 missed when what lay between the
	// copy's stored opening and its final passage counted as new text).
	if missed > 4 {
		t.Errorf("%d of 30 stories did not join the copy of their second half that came first", missed)
	}
}

// TestStoryAfterSecondHalfUnderOutletJoins: a copy of a long story's
// second half under another outlet's header and footer, each a line long
// enough to be kept, arrives before the story. The story holds the
// copy's stored passages but its first (the header run into the half's
// first lines) and its last (the footer run into the half's last), and
// the copy's sample after them. Counted only through the stretch of the
// copy's opening, the copy lay in the story at less than the threshold:
// 20 of 120 stayed apart; 13 when the sample the story holds after that
// stretch was credited, 7 now that the copy's unstored text is too, as
// far as the story goes on (the rest are refused by the whole simhashes
// or do not hold the sample).
func TestStoryAfterSecondHalfUnderOutletJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 3))
	missed := 0
	for i, s := range syntheticStories(r, 120) {
		long := append(slices.Clone(s), syntheticStories(r, 1)[0]...) // 12-24 paragraphs
		half := strings.Join(long[len(long)/2:], "\n\n")
		if got := clusterAll(courierHeader+half+courierFooter, strings.Join(long, "\n\n")); got[1] != 0 {
			missed++
			t.Logf("story %d (%d paragraphs): the story did not join its second half under an outlet", i, len(long))
		}
	}
	if missed > 10 {
		t.Errorf("%d of 120 stories did not join the copy of their second half under another outlet that came first", missed)
	}
}

// TestStoryFindsSecondHalfByItsStart: a copy of a long story's second
// half, alone or under another outlet's header and footer (lines long
// enough to be kept), arrives before the story. The copy's row indexes its
// two leading passages, the two later stored ones whose keys rank lowest
// and its sample; the story holds them past its 8 leading passages, where
// it looked up only those ranking in the lowest third: when none of the
// copy's did, the story found no candidate and started a cluster of its
// own (11 of 400 apart). Now its other later passages are looked up for a
// representative's second passage, where the copy starts (maxStarts): 6.
func TestStoryFindsSecondHalfByItsStart(t *testing.T) {
	r := rand.New(rand.NewPCG(43, 11))
	missed, n := 0, 0
	for i, s := range syntheticStories(r, 200) {
		long := slices.Concat(s, syntheticStories(r, 1)[0]) // 12-24 paragraphs
		half := strings.Join(long[len(long)/2:], "\n\n")
		for _, copied := range []string{half, courierHeader + half + courierFooter} {
			n++
			if got := clusterAll(copied, strings.Join(long, "\n\n")); got[1] != 0 {
				missed++
				t.Logf("story %d (%d paragraphs): the story did not join the copy of its second half", i, len(long))
			}
		}
	}
	if missed > 8 {
		t.Errorf("%d of %d stories did not join the copy of their second half that came first", missed, n)
	}
}

// TestSecondHalfAfterStory: a copy of the second half of a long story,
// alone or under another outlet's header, arrives after the story. The
// story's row stores its opening, one passage sampled from its third
// quarter by key rank and its last; the copy holds the sample and finds
// the story through it, and holding the story's end too, is taken to go
// on like the story when the whole simhashes agree. Before the sample,
// the copy met only the story's final passage, which is not indexed: 60
// of 60 missed; 14 when the sample was indexed only if it ranked among
// the later indexed passages, 10 when the whole simhashes had to agree
// within sampleSlack, 2 now that a copy holding the story's last quarter
// between the sample and the end is allowed quarterSlack (those that
// start past the sample). (A copy under an outlet's footer does
// not hold the story's final passage, which runs into the footer there,
// and is not found this way.)
func TestSecondHalfAfterStory(t *testing.T) {
	missed, n := secondHalfMissed(t, rand.New(rand.NewPCG(12, 4)), 30,
		func(half string) string { return half },
		func(half string) string { return "THE WIRE\nPosted 3 March\n\n" + half })
	if missed > n/10 {
		t.Errorf("%d of %d copies of a story's second half arriving after it did not join it", missed, n)
	}
}

// TestSecondHalfFindsUnrankedSample: a copy of a long story's second
// half, alone or under another outlet's header, arrives after the story,
// whose row indexes its two leading passages and the two later stored
// ones whose keys rank lowest. The copy holds none of the opening and
// finds the story through the sampled passage only; when the sample did
// not rank among those two, it was not indexed and 80 of 80 such copies
// started a cluster of their own. Indexed as well, 40: for 20 the whole
// simhashes are further apart than sampleSlack allows, 16 start after
// the sample, and 4 hold it past their 8 leading passages with a key
// ranking too high to be looked up.
func TestSecondHalfFindsUnrankedSample(t *testing.T) {
	o := DefaultOptions()
	f := NewFingerprinter(o)
	r := rand.New(rand.NewPCG(17, 3))
	missed, n := 0, 0
	for n < 80 {
		long := slices.Concat(syntheticStories(r, 1)[0], syntheticStories(r, 1)[0], syntheticStories(r, 1)[0])
		half := strings.Join(long[len(long)/2:], "\n\n")
		for _, text := range []string{half, "THE WIRE\nPosted 3 March\n\n" + half} {
			c := NewClusterer(o)
			c.Add(f.Sketch(strings.Join(long, "\n\n")))
			if sampleRanks(c, c.rows.row(0)) {
				break // found through the ranked passages before too
			}
			n++
			if c.Add(f.Sketch(text)) != 0 {
				missed++
			}
		}
	}
	if missed > n*3/5 {
		t.Errorf("%d of %d copies of a story's second half, whose sample the story's row does not rank among its indexed passages, did not join it", missed, n)
	}
}

// sampleRanks reports whether row's sampled passage is among the later
// stored passages indexed by key rank.
func sampleRanks(c *Clusterer, row []uint32) bool {
	k := c.opts.StoredChunks
	lower := 0
	for _, key := range row[c.lead : k-2] {
		if rank(key) < rank(row[k-2]) {
			lower++
		}
	}
	return lower < c.opts.IndexedChunks-c.lead
}

// secondHalfMissed makes the given number of stories of 18-36 paragraphs
// and, of each, the copies of its second half that copies make, and
// returns how many of them, each arriving after its story, did not join
// it.
func secondHalfMissed(t *testing.T, r *rand.Rand, stories int, copies ...func(half string) string) (missed, n int) {
	t.Helper()
	for i, s := range syntheticStories(r, stories) {
		long := slices.Concat(s, syntheticStories(r, 1)[0], syntheticStories(r, 1)[0])
		story := strings.Join(long, "\n\n")
		half := strings.Join(long[len(long)/2:], "\n\n")
		for _, copied := range copies {
			n++
			if got := clusterAll(story, copied(half)); got[1] != 0 {
				missed++
				t.Logf("story %d (%d paragraphs): a copy of its second half started a cluster", i, len(long))
			}
		}
	}
	return missed, n
}

// TestSecondHalfUnderFooterJoins: a copy of the second half of a long
// story under another outlet's footer arrives after the story. The
// story's last paragraph runs into the footer in one passage, so the copy
// does not hold the story's final passage; it holds the sample, and is
// taken to go on like the story when the whole simhashes agree with that
// within sampleSlack and it holds as much text after the sample as the
// story's last quarter (holdsPastSample). Holding the story's end was
// required before: 40 of 60 missed; 30 with the whole simhashes agreeing
// without slack and no test of the text after the sample, 24 when the
// story's row indexed its sample only if it ranked among the later
// indexed passages, 18 now (the whole simhash of half a story can still
// be further from the story's than an overlap of half allows).
func TestSecondHalfUnderFooterJoins(t *testing.T) {
	footer := "\n\nFollow The Morning Ledger on social media for the latest updates and breaking news from around the world.\n\n(c) The Morning Ledger. All rights reserved."
	missed, n := secondHalfMissed(t, rand.New(rand.NewPCG(21, 5)), 60,
		func(half string) string { return half + footer })
	if missed > 27 {
		t.Errorf("%d of %d copies of a story's second half under a footer did not join it", missed, n)
	}
}

// TestStoryQuotingAnothersSampleStaysApart: two BBC stories of one event
// (the harder dev set's entertainment 143 and a copy of 159 cut short
// under an outlet's header and footer) share one paragraph, which is 143's
// sample and lies three passages before the end of the copy. The copy
// holds none of 143's opening, and their whole simhashes are close enough
// for a copy of 143's second half; but such a copy holds 143's last
// quarter after the sample, and this one holds less (holdsPastSample):
// without that test, with the whole simhashes agreeing within
// sampleSlack, it joined 143.
func TestStoryQuotingAnothersSampleStaysApart(t *testing.T) {
	texts := testdata(t, "event", "entertainment-143", "entertainment-159-cut")
	if got := clusterAll(texts...); got[1] == got[0] {
		t.Error("a story sharing another's sample near its end joined it")
	}
}

// TestStoryMergesTailAndCutCopies: a copy of a long story's last three
// quarters and a copy cut to its first 60% under an outlet's header and
// footer arrive before the story. The story holds the cut copy and joins
// it, as the better match; it also lies in the tail copy (by the rate
// extrapolated from the copy's stored passages) and holds it nearly
// whole, so the tail copy's cluster is merged too (strongHeld). When only
// the representatives it held and did not lie in were merged with the one
// it held, 28 of 30 stayed apart; 4 now.
func TestStoryMergesTailAndCutCopies(t *testing.T) {
	if apart := copiesApart(t, rand.New(rand.NewPCG(31, 7)), 30, lastThreeQuarters, metroCut); apart > 8 {
		t.Errorf("%d of 30 stories left a copy apart", apart)
	}
}

// TestStoryJoinsCopiesItLiesIn: two copies of a long story arrive before
// it: its last three quarters, and its first three quarters under another
// outlet's header; neither holds the other. The story lies in each by 0.7
// or more and holds each; it joins the cluster of the better match, and
// the other copy's cluster must be merged into it too (only the
// representatives the story held and did not lie in were: 19 of 30
// stayed apart; 6 where the story only holds the copy it joins, 1 now
// that it merges those it holds nearly whole as well: strongHeld).
func TestStoryJoinsCopiesItLiesIn(t *testing.T) {
	head := func(long []string) string {
		return "METRO WIRE\nUpdated 4 March\n\n" + strings.Join(long[:len(long)*3/4], "\n\n")
	}
	if apart := copiesApart(t, rand.New(rand.NewPCG(30, 3)), 30, lastThreeQuarters, head); apart > 4 {
		t.Errorf("%d of 30 stories did not end in one cluster with both copies", apart)
	}
}

// copiesApart adds, for n long stories, the copies tail and head make of
// the story's paragraphs and the story, in that order, and returns how
// many stories did not end in one cluster with both copies.
func copiesApart(t *testing.T, r *rand.Rand, n int, tail, head func(long []string) string) (apart int) {
	t.Helper()
	f := NewFingerprinter(DefaultOptions())
	for i, s := range syntheticStories(r, n) {
		long := slices.Concat(s, syntheticStories(r, 1)[0])
		story := strings.Join(long, "\n\n")
		c := NewClusterer(DefaultOptions())
		var ids []int
		for _, text := range []string{tail(long), head(long), story} {
			ids = append(ids, c.Add(f.Sketch(text)))
		}
		if c.Resolve(ids[0]) != c.Resolve(ids[2]) || c.Resolve(ids[1]) != c.Resolve(ids[2]) {
			apart++
			t.Logf("story %d (%d paragraphs): clusters %d, %d, %d", i, len(long), c.Resolve(ids[0]), c.Resolve(ids[1]), c.Resolve(ids[2]))
		}
	}
	return apart
}

// lastThreeQuarters is a copy of a story's last three quarters.
func lastThreeQuarters(long []string) string { return strings.Join(long[len(long)/4:], "\n\n") }

// metroCut is a copy of a story cut to its first 60% under an outlet's
// header and footer.
func metroCut(long []string) string {
	return "METRO WIRE\nUpdated 4 March\n\n" + strings.Join(long[:len(long)*3/5], "\n\n") +
		"\n\nSign up to the Metro Wire morning briefing and get the stories that matter delivered to your inbox."
}

// courierHeader and courierFooter frame a copy as another outlet's, each a
// line long enough to be fingerprinted.
const (
	courierHeader = "The Evening Courier brings you the latest news from around the region every single day\n\n"
	courierFooter = "\n\nFollow The Evening Courier on social media for the latest updates and breaking news from around the world."
)

// TestSharedTailStaysApart: different stories of one site share its
// footer, several passages long: a story arriving after a longer one may
// hold the other's final passage and its sampled one, both the footer's,
// and nothing of its opening. Taking it to go on like the other from
// there (as a copy of the other's second half would) merged them; the
// whole simhashes must agree with the overlap so assumed.
func TestSharedTailStaysApart(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 14))
	stories := syntheticStories(r, 400)
	merged := 0
	for i := 0; i+3 < len(stories); i += 4 {
		footer := "\n\n" + strings.Join(stories[i+3][:3], "\n\n") // a site's footer
		long := strings.Join(slices.Concat(stories[i], stories[i+1]), "\n\n")
		short := strings.Join(stories[i+2], "\n\n")
		if got := clusterAll(long+footer, short+footer); got[1] == 0 {
			merged++
			t.Logf("stories %d and %d merged", i, i+2)
		}
	}
	if merged > 8 {
		t.Errorf("%d of %d pairs of stories sharing a footer merged", merged, len(stories)/4)
	}
}

// TestSiteFooterStaysApart: the stories of one site end with its footer
// of a few long lines, which passages cut into several passages that
// every story shares. A long story arrives first, then 100 others of the
// site; a story's sample may be a footer passage, and a later story then
// holds the story's sample and end and none of its opening, as a copy of
// its second half does. Such a sample is spent at the first document it
// brings (2 of 4,000 stories joined another when only a join spent it,
// 3 when nothing did),
// and the join needs the whole simhashes to agree more closely than
// other joins (sampleSlack: 1 at the default TailSlack). None joins now;
// 1 does when quarterSlack is given without holdsQuarterSlack's test of
// the text between the sample and the end.
func TestSiteFooterStaysApart(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 21))
	merged, sites := 0, 0
	for site := range 40 {
		stories := syntheticStories(r, 104)
		footer := "\n\n" + strings.Join(stories[103][:3], "\n\n")
		texts := []string{strings.Join(slices.Concat(stories[0], stories[1], stories[2]), "\n\n") + footer}
		for _, s := range stories[3:103] {
			texts = append(texts, strings.Join(s, "\n\n")+footer)
		}
		n := 0
		for i, id := range clusterAll(texts...) {
			if id != i {
				n++
			}
		}
		if n > 0 {
			sites++
			t.Logf("site %d: %d of 100 stories joined another", site, n)
		}
		merged += n
	}
	if merged > 0 {
		t.Errorf("%d stories of %d sites joined another story of their site", merged, sites)
	}
}

// TestStoryMergesItsHalves: a copy of a story under another outlet's
// header and footer comes first, then a copy of the story's second half,
// which the first copy's stored opening cannot show to be inside it, then
// the story, which holds both: the three end in one cluster.
func TestStoryMergesItsHalves(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 2))
	missed := 0
	for i, s := range syntheticStories(r, 30) {
		long := append(slices.Clone(s), syntheticStories(r, 1)[0]...)
		story := strings.Join(long, "\n\n")
		outlet := "THE WIRE\nPosted 3 March\n\n" + story + "\n\nRead more stories like this one on our website every single day."
		half := strings.Join(long[len(long)/2:], "\n\n")
		c := NewClusterer(DefaultOptions())
		f := NewFingerprinter(DefaultOptions())
		var got []int
		for _, text := range []string{outlet, half, story} {
			got = append(got, c.Add(f.Sketch(text)))
		}
		for j := range got {
			got[j] = c.Resolve(got[j])
		}
		if got[0] != got[1] || got[1] != got[2] {
			missed++
			t.Logf("story %d (%d paragraphs): clusters %v", i, len(long), got)
		}
	}
	if missed > 4 { // as in TestSecondHalfBeforeStory, a few copies are not found
		t.Errorf("%d of 30 stories did not end with both copies", missed)
	}
}

// TestCutCopyBeforeStory: a copy cut to its first paragraphs under
// another outlet's header and footer arrives before its story. Its
// passages are all stored, and two of them, the cut one and the footer,
// are not in the story; the story holds the copy more often when the
// passages it holds unchanged weigh what they weigh in the story.
func TestCutCopyBeforeStory(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 1))
	missed := 0
	for i, s := range syntheticStories(r, 40) {
		// A short story, so the copy has few passages: six paragraphs of
		// 24 words, the copy the first four.
		s = s[:6]
		for j, p := range s {
			s[j] = strings.Join(strings.Fields(p)[:24], " ") + "."
		}
		story := strings.Join(s, "\n\n")
		cut := "METRO WIRE\nUpdated 4 March\n\n" + strings.Join(s[:4], "\n\n") +
			"\n\nSign up to the Metro Wire morning briefing and get the stories that matter delivered to your inbox.\n\nMetro Wire 2005"
		if got := clusterAll(cut, story); got[1] != 0 {
			missed++
			t.Logf("story %d (%d paragraphs) did not join its cut copy", i, len(s))
		}
	}
	// The passage holding the cut and the footer is not in the story:
	// 9 of 40 copies missed, when the passage is a third of the copy
	// (23 when every stored passage weighed the same), before the story
	// was let hold a copy of its opening up to its last two passages when
	// the whole simhashes agree within sampleSlack (cutUnderFooter): none
	// now, 1 without slack.
	if missed > 3 {
		t.Errorf("%d of 40 stories did not join their cut copy that came first", missed)
	}
}

// TestCutCopyOfOpeningBeforeStory: copies of wire stories cut to 35-70%
// of their paragraphs under another outlet's header and footer arrive
// before their story, short enough to be stored whole. The passage the
// cut falls in runs on into the footer and the footer follows: neither
// is in the story, and without them the story held 0.5-0.69 of the copy
// (the harder dev set's cut copies arriving first, 56 of 190 missed in
// that order). The story now holds a representative whose opening it
// holds up to its last two passages when the whole simhashes agree
// within sampleSlack (3 of 60 missed, 6 without slack, 16 before; cut
// inside the first passage, a copy is not found at all).
func TestCutCopyOfOpeningBeforeStory(t *testing.T) {
	if missed := (cutCopies{header: "THE MORNING LEDGER\nPosted on 4 March 2005"}).missed(t, rand.New(rand.NewPCG(11, 5))); missed > 4 {
		t.Errorf("%d of 60 stories did not join their cut copy that came first", missed)
	}
}

// TestCutCopyUnderLongHeaderBeforeStory: as TestCutCopyOfOpeningBeforeStory,
// under a header whose byline is long enough to be kept (8 words), so
// the copy's first passage is the byline and the story's opening and is
// not in the story either: the story holds a representative whose first
// passage it lacks too, when it holds the next one at its own opening
// (14 of 60 missed, 24 without slack, 34 when the copy had to be held
// from its first passage).
func TestCutCopyUnderLongHeaderBeforeStory(t *testing.T) {
	if missed := (cutCopies{header: "THE MORNING LEDGER\nPosted by staff writer on 4 March 2005"}).missed(t, rand.New(rand.NewPCG(12, 5))); missed > 19 {
		t.Errorf("%d of 60 stories did not join their cut copy that came first", missed)
	}
}

// cutCopies describes copies of short stories cut short under another
// outlet's header and footer: missed makes 60 stories and a copy of each
// cut to keep (default 35-70%) of its paragraphs under header and one of
// footers (default three outlets'), adds the copy and then the story
// (the story first with storyFirst), and returns how many pairs stayed
// apart.
type cutCopies struct {
	header     string
	footers    []string
	keep       [2]float64
	storyFirst bool
}

func (cc cutCopies) missed(t *testing.T, r *rand.Rand) (missed int) {
	t.Helper()
	footers := cc.footers
	if footers == nil {
		footers = []string{
			"Sign up to the Metro Wire morning briefing and get the stories that matter delivered to your inbox every day.\n\nMetro Wire 2005",
			"Have your say: send us your views on this story using the form below, and we may publish some of them.\n\nNorthern Courier, 14 Harbour Street",
			"This article was distributed through our partner news service and has been lightly edited for length and style.\n\nMore from Daily Digest",
		}
	}
	keep := cc.keep
	if keep == [2]float64{} {
		keep = [2]float64{0.35, 0.7}
	}
	for i, s := range syntheticStories(r, 60) {
		s = shortParagraphs(r, s[:5])
		kept := max(2, int((keep[0]+(keep[1]-keep[0])*r.Float64())*float64(len(s))))
		story := "Markets fall on rate fears\n\n" + strings.Join(s, "\n\n")
		cut := cc.header + "\n\nMarkets fall on rate fears\n\n" +
			strings.Join(s[:kept], "\n\n") + "\n\n" + footers[i%len(footers)]
		texts := []string{cut, story}
		if cc.storyFirst {
			slices.Reverse(texts)
		}
		if got := clusterAll(texts...); got[1] != 0 {
			missed++
			t.Logf("story %d (%d of %d paragraphs kept) apart from its cut copy", i, kept, len(s))
		}
	}
	return missed
}

// shortParagraphs splits paragraphs into ones of 12 to 23 words, as
// wire stories are written.
func shortParagraphs(r *rand.Rand, paras []string) []string {
	var out []string
	for _, p := range paras {
		words := strings.Fields(p)
		for len(words) > 0 {
			n := min(len(words), 12+r.IntN(12))
			out = append(out, strings.Join(words[:n], " ")+".")
			words = words[n:]
		}
	}
	return out
}

// TestReorderedCopyJoins: copies of BBC stories (from the harder set's
// dev half) with the paragraphs of their second half shuffled arrive
// after their story. Each holds the story's final paragraph, unchanged
// or nearly, before much of the story's text; counted as text past the
// story's end, that text held the extrapolated share of the copy in the
// story under the threshold, and all three started clusters of their own.
func TestReorderedCopyJoins(t *testing.T) {
	joinsStory(t, "reordered", "business-121", "politics-097", "sport-260")
}

// TestCopyLackingSampleJoins: copies of BBC stories (the harder set's dev
// half: two cut short under another outlet's footer, one with words
// changed) arrive after their story and lack the passage the story's row
// samples from its third quarter. That says nothing of how a copy goes on
// where it holds the story, so the rate at which it holds the stored
// passages, extrapolated to the rest, leaves the sample out; counted in,
// the three started clusters of their own.
func TestCopyLackingSampleJoins(t *testing.T) {
	joinsStory(t, "cut", "business-259", "politics-415", "tech-331")
}

// TestQuotingPostOfBBCStoryStaysApart: a post quoting the opening half of
// a BBC story under a few sentences of its own (from the harder set's dev
// half, made with seed 4) arrives after the story and two of its copies.
// Its own sentences came near the stored passages of the story's
// representative (a copy with a teaser on top, which took its place) by
// chance, and credited there, held the post inside the story at 0.72.
func TestQuotingPostOfBBCStoryStaysApart(t *testing.T) {
	var texts []string
	for _, name := range []string{"story", "teaser-copy", "lead-copy", "post"} {
		b, err := os.ReadFile(filepath.Join("testdata", "quote", "business-031-"+name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	if got := clusterAll(texts...); got[3] != 3 {
		t.Errorf("the quoting post joined cluster %d", got[3])
	}
}

// joinsStory checks that each named story of testdata/dir, followed by
// its copy (name-copy.txt), is joined by it.
func joinsStory(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, name := range names {
		story, err := os.ReadFile(filepath.Join("testdata", dir, name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		copied, err := os.ReadFile(filepath.Join("testdata", dir, name+"-copy.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if got := clusterAll(string(story), string(copied)); got[1] != 0 {
			t.Errorf("%s/%s: the copy started a cluster", dir, name)
		}
	}
}

// TestCutCopyUnderSameFooterJoins: a copy of a long story cut to 60-90%
// of its paragraphs under the same site footer as its story: the story's
// final passage, the footer, is found at the copy's end, and the story's
// text the copy lacks lies between; it is less than half of the story,
// so the copy is a copy, not a story its expansion holds.
func TestCutCopyUnderSameFooterJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 3))
	footer := "Copyright 2024 The Gazette. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.\n\n" +
		"Follow The Gazette on social media for the latest updates and breaking news from around the world, and sign up to our daily briefing for more."
	missed := 0
	for i, s := range syntheticStories(r, 40) {
		long := append(slices.Clone(s), syntheticStories(r, 1)[0]...)
		keep := len(long) * (6 + i%4) / 10
		story := strings.Join(long, "\n\n") + "\n\n" + footer
		cut := strings.Join(long[:keep], "\n\n") + "\n\n" + footer
		if got := clusterAll(story, cut); got[1] != 0 {
			missed++
			t.Logf("story %d: copy of %d of %d paragraphs started its own cluster", i, keep, len(long))
		}
	}
	if missed > 0 {
		t.Errorf("%d of 40 copies cut short under their story's footer did not join it", missed)
	}
}

// TestShortCutCopyUnderSameFooterJoins: the same with stories short
// enough to be stored whole (9 passages at most, footer included). The
// copy lacks the story's passages just before the footer, one run of
// them, which as a share of the stored passages is held to maxInserted
// like a longer story's unstored text, not to maxRowGap: at maxRowGap,
// 46 of the 171 stories stored whole missed, 41 now (most of those lack
// more than half of the story's stored passages, or the cut passage, run
// on into the footer, comes near a stored passage of the story and is
// not taken for part of the cut).
func TestShortCutCopyUnderSameFooterJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 2))
	f := NewFingerprinter(DefaultOptions())
	footer := "Copyright 2024 The Gazette. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."
	missed, n := 0, 0
	for i, s := range syntheticStories(r, 200) {
		paras := shortParagraphs(r, s)
		paras = paras[:min(len(paras), 6+i%5)]
		keep := len(paras) * (6 + i%2) / 10
		story := strings.Join(paras, "\n\n") + "\n\n" + footer
		if len(f.Sketch(story).Chunks) > DefaultOptions().StoredChunks {
			continue
		}
		n++
		cut := strings.Join(paras[:keep], "\n\n") + "\n\n" + footer
		if got := clusterAll(story, cut); got[1] != 0 {
			missed++
			t.Logf("story %d: copy of %d of %d paragraphs started its own cluster", i, keep, len(paras))
		}
	}
	if missed > 43 {
		t.Errorf("%d of %d copies of short stories cut under their footer did not join them", missed, n)
	}
}

// TestFinalPassageNotLookedUp: a document's final passage, where site
// footers sit, is not looked up past its leading passages: a short story
// whose few passages are all indexed is not a candidate of every long
// story of its site through the footer they share.
func TestFinalPassageNotLookedUp(t *testing.T) {
	var x uint64 = 3
	next := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	// A footer whose key ranks low, so it would be looked up.
	footer := next()
	for rank(passageKey(footer)) >= sampleRank {
		footer = next()
	}
	short := Sketch{Whole: next(), Shingles: 60, Chunks: []Chunk{{next(), 25}, {next(), 25}, {footer, 10}}}
	long := Sketch{Whole: next(), Shingles: 30*25 + 10}
	for range 30 {
		long.Chunks = append(long.Chunks, Chunk{next(), 25})
	}
	long.Chunks = append(long.Chunks, Chunk{footer, 10})
	c := NewClusterer(DefaultOptions())
	c.Add(short)
	if got := c.candidates(long, c.prepare(long)); len(got) != 0 {
		t.Errorf("the long story's final passage found the short one: candidates %v", got)
	}
}

// BenchmarkClustererCopies adds stories and near-duplicate copies of them
// (cut short, one passage edited, a passage of other text on top; some
// before their story), so most Adds compare the document with a
// representative passage by passage in match.
func BenchmarkClustererCopies(b *testing.B) {
	var x uint64 = 7
	next := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	var docs []Sketch
	for range 2000 {
		story := Sketch{Whole: next(), Opening: next()}
		for range 10 + next()%40 {
			story.Chunks = append(story.Chunks, Chunk{FP: next(), Weight: uint16(10 + next()%30)})
		}
		cut := story
		cut.Chunks = story.Chunks[:len(story.Chunks)*(6+int(next()%4))/10]
		edited := story
		edited.Chunks = slices.Clone(story.Chunks)
		edited.Chunks[next()%uint64(len(edited.Chunks))].FP ^= 1<<40 | 1<<50
		topped := story
		topped.Chunks = append([]Chunk{{FP: next(), Weight: 20}}, story.Chunks...)
		topped.Opening = next()
		copies := []Sketch{story, cut, edited, topped}
		for i := range copies {
			for _, ch := range copies[i].Chunks {
				copies[i].Shingles += int(ch.Weight)
			}
			copies[i].Whole ^= 1 << (next() % 64)
		}
		if next()%4 == 0 {
			copies[0], copies[1] = copies[1], copies[0]
		}
		docs = append(docs, copies...)
	}
	b.ResetTimer()
	reps := 0
	for b.Loop() {
		c := NewClusterer(DefaultOptions())
		for _, s := range docs {
			c.Add(s)
		}
		reps = c.Representatives()
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(reps), "clusters")
}

// TestCopyOfReplacedRepresentative: an edited copy of a story arrives
// first (cut short, another outlet's paragraph on top, so it shares 60-90%
// of its text with the story), the story holds it and takes its place as
// representative, then an exact copy of the first copy arrives. Compared
// with the story's row by an estimate from the other side, 2 of the 142
// fell below the threshold and started clusters of their own before the
// clusterer remembered former representatives; none may.
func TestCopyOfReplacedRepresentative(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	stories := syntheticStories(r, 400)
	replaced, split := 0, 0
	for i, s := range stories[:200] {
		other := stories[200+i]
		keep := len(s) * (6 + r.IntN(4)) / 10
		copied := strings.Join(append([]string{other[0]}, s[:max(1, keep)]...), "\n\n")
		texts := []string{copied, strings.Join(s, "\n\n"), copied}
		got := clusterAll(texts...)
		if got[1] != got[0] {
			continue // the story did not hold the copy: nothing was replaced
		}
		replaced++
		if got[2] != got[0] {
			split++
			t.Logf("story %d: the copy's copy started cluster %d", i, got[2])
		}
	}
	t.Logf("%d of %d copies' copies apart after their story took the copy's place", split, replaced)
	if replaced < 100 || split > 0 {
		t.Errorf("%d of %d copies' copies apart after their story took the copy's place", split, replaced)
	}
}

// TestUnspacedScriptCopies: Chinese, Japanese and Thai stories, written
// without spaces between words, and their copies (a word changed in every
// other paragraph, cut to 70% under another outlet's credit line) join
// their story; different stories stay apart. Read as space-separated
// words, a sentence was one word and no copy joined.
func TestUnspacedScriptCopies(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 3))
	for _, script := range []struct {
		name    string
		base, n int
		stop    string
		credit  string
	}{
		{"chinese", 0x4e00, 3000, "。", "来源：新闻网"},
		{"japanese", 0x3041, 86, "。", "出典：ニュース"},
		{"thai", 0x0e01, 46, " ", "ที่มา ข่าว"},
	} {
		char := func() string { return string(rune(script.base + r.IntN(script.n))) }
		var stories [][]string
		for range 20 {
			var paras []string
			for range 5 + r.IntN(4) {
				var p strings.Builder
				for range 3 {
					for range 20 + r.IntN(20) {
						p.WriteString(char())
					}
					p.WriteString(script.stop)
				}
				paras = append(paras, p.String())
			}
			stories = append(stories, paras)
		}
		var texts []string
		for _, s := range stories {
			edited := slices.Clone(s)
			for i := 1; i < len(edited); i += 2 {
				rs := []rune(edited[i])
				rs[len(rs)/2] = rune(script.base + r.IntN(script.n))
				edited[i] = string(rs)
			}
			texts = append(texts, strings.Join(s, "\n\n"), strings.Join(edited, "\n\n"),
				strings.Join(s[:len(s)*7/10], "\n\n")+"\n\n"+script.credit)
		}
		got := clusterAll(texts...)
		for i := range texts {
			for j := range i {
				if same := i/3 == j/3; same != (got[i] == got[j]) {
					t.Errorf("%s: texts %d and %d (stories %d and %d): clusters %d and %d", script.name, i, j, i/3, j/3, got[i], got[j])
				}
			}
		}
	}
}

// wordHashes returns the word hashes of text, short lines included.
func wordHashes(text string) []uint64 { return filteredWords(text, 0) }

// TestUnspacedWordsAreCharacterGrams: in a script written without spaces
// a word is a character with the three before it in its run (Han), so a
// character changed changes the four words that hold it and no other,
// across a line break too.
func TestUnspacedWordsAreCharacterGrams(t *testing.T) {
	a := wordHashes("甲乙丙丁戊己庚\n辛壬癸")
	b := wordHashes("子乙丙丁戊己庚\n辛壬癸")
	if len(a) != 10 || len(b) != 10 {
		t.Fatalf("%d and %d words, want 10", len(a), len(b))
	}
	for i := range a {
		if differ := a[i] != b[i]; differ != (i < 4) {
			t.Errorf("word %d: differs %v, want %v", i, differ, i < 4)
		}
	}
	if c := wordHashes("丁戊己庚"); c[3] != a[6] {
		t.Error("a word depends on more than its character and the three before it")
	}
}

// TestIndicVowelSignsInsideWords: the vowel signs of Indic scripts are
// spacing marks (Mc); read as separators, they cut "भारत सरकार ने कहा"
// into 6 words and "தமிழ் மொழி" into 4.
func TestIndicVowelSignsInsideWords(t *testing.T) {
	for text, want := range map[string]int{
		"भारत सरकार ने कहा": 4, // Hindi
		"বাংলা ভাষা":        2, // Bengali
		"தமிழ் மொழி":        2, // Tamil
		"ಕನ್ನಡ ಭಾಷೆ":        2, // Kannada
	} {
		if got := len(wordHashes(text)); got != want {
			t.Errorf("%q: %d words, want %d", text, got, want)
		}
	}
}

// TestArabicSpellingsFold: one Arabic text as outlets write it, with
// hamza or madda on alef or not, alef maksura or yeh, Persian yeh and
// kaf, teh marbuta or heh, vowel marks and the tatweel, has one set of
// words.
func TestArabicSpellingsFold(t *testing.T) {
	sameWords(t, [][2]string{
		{"أحمد إلى آخر", "احمد الي اخر"},
		{"على المدرسة", "علي المدرسه"},
		{"کتاب ایرانی", "كتاب ايراني"},
		{"كِتَابٌ جَمِيلٌ", "كتاب جميل"},
		{"الـــعـــربـــيـــة", "العربية"},
		{"٣٠٪ من", "٣٠ من"},
	})
}

// TestLatinTwinsFold: "ß" and "œ", which other outlets write "ss" and
// "oe", make the same words.
func TestLatinTwinsFold(t *testing.T) {
	sameWords(t, [][2]string{
		{"Die Straße, GROẞE Maße", "die strasse grosse masse"},
		{"Le cœur de l'Œuvre", "le coeur de l'oeuvre"},
	})
	if len(wordHashes("العربية والفارسية")) != 2 {
		t.Error("two Arabic words, not two")
	}
}

// TestNFKCStablePairs: no two runes nfkcStable marks change under NFKC
// side by side (every pair below U+0800, every pair within Han, kana and
// Thai, and a million random pairs), so step may skip the
// normaliser for a run of them; and smallActions agrees with runeAction.
func TestNFKCStablePairs(t *testing.T) {
	nfkcStableOnce.Do(markNFKCStable)
	stable := func(r rune) bool { return nfkcStable[r/64]&(1<<(r%64)) != 0 }
	var all []rune
	for r := rune(0x80); r < 0x10000; r++ {
		if stable(r) {
			all = append(all, r)
		}
		if r < smallRunes && smallActions[r] != runeAction(r) {
			t.Errorf("%U: table %d, runeAction %d", r, smallActions[r], runeAction(r))
		}
	}
	if len(all) < 40000 {
		t.Fatalf("%d stable runes, want most of the BMP's letters", len(all))
	}
	pairs := func(rs []rune) {
		for _, a := range rs {
			for _, b := range rs {
				if s := string(a) + string(b); !norm.NFKC.IsNormalString(s) {
					t.Fatalf("%U %U: not NFKC-normal side by side", a, b)
				}
			}
		}
	}
	for _, span := range [][2]rune{{0x80, 0x800}, {0x3040, 0x3100}, {0x0e00, 0x0e80}} {
		var rs []rune
		for r := span[0]; r < span[1]; r++ {
			if stable(r) {
				rs = append(rs, r)
			}
		}
		pairs(rs)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1000000 {
		a, b := all[r.IntN(len(all))], all[r.IntN(len(all))]
		if s := string(a) + string(b); !norm.NFKC.IsNormalString(s) {
			t.Fatalf("%U %U: not NFKC-normal side by side", a, b)
		}
	}
}

// TestNormalisedByPieces: words made normalising only the stretches of
// unstable runes (see nfkcStable) are those of normalising each run of
// non-ASCII whole, on random text of stable and unstable runes,
// combining marks, compatibility ideographs, Hangul, invalid bytes and
// ASCII.
func TestNormalisedByPieces(t *testing.T) {
	whole := func(text string) string { // each run of non-ASCII normalised whole
		var b strings.Builder
		for i := 0; i < len(text); {
			j := i
			for j < len(text) && text[j] >= utf8.RuneSelf {
				j++
			}
			if j == i {
				b.WriteByte(text[i])
				i++
				continue
			}
			b.WriteString(norm.NFKC.String(text[i:j]))
			i = j
		}
		return b.String()
	}
	// None that normalises to ASCII ("ﬁ", "²", "，"): ASCII met in the
	// normalised run is read with the run (after a digit, "1ﬁ" is "1"
	// "fi", "1，1" two numbers), the whole-normalised text reads it with
	// its neighbours ("1fi", "1,1"). The Chinese sets, full of "，", give
	// the same sketches either way (clean --annotate byte-identical).
	pool := []string{"й", "и\u0306", "\u0306", "ά", "가", "\u1100\u1161", "\u11a8", "が", "か", "\u3099",
		"ำ", "\u0e38", "\uf900", "中", "文", "。", "é", "e", "\u0301", "\xff", "\xe4\xb8", "a", " ", "1", "\n", "ß", "ب", "\u0653", "ا", "😀"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		text := drawText(r, pool, 1+r.IntN(12))
		if got, want := wordHashes(text), wordHashes(whole(text)); !slices.Equal(got, want) {
			t.Fatalf("%q: %d words, normalised whole %d", text, len(got), len(want))
		}
	}
}

// TestThaiWordsKeptByHash: of Thai's words (4 letters each, overlapping)
// about one in four is kept, chosen by the word alone, so two texts
// that differ in their first letter keep the same words past the fourth.
func TestThaiWordsKeptByHash(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	var b strings.Builder
	for range 800 {
		b.WriteRune(rune(0x0e01 + r.IntN(46)))
	}
	tail := b.String()
	a, c := wordHashes("ก"+tail), wordHashes("ข"+tail)
	if len(a) < 120 || len(a) > 280 {
		t.Fatalf("%d words kept of 801 letters, want about 200", len(a))
	}
	shared := 0
	for i, j := len(a)-1, len(c)-1; i >= 0 && j >= 0 && a[i] == c[j]; i, j = i-1, j-1 {
		shared++
	}
	if shared < min(len(a), len(c))-2 {
		t.Errorf("the texts share their last %d of %d and %d words: a word depends on more than its four letters", shared, len(a), len(c))
	}
}

// TestThaiLongLineWithHighMinLine: a line of Thai holds four times as
// many characters as the words it counts for; with MinLineWords past the
// buffer's share, a long one must not overrun it.
func TestThaiLongLineWithHighMinLine(t *testing.T) {
	w := newWordHasher(func([]uint64) {})
	w.run(strings.Repeat("กขคงจฉ", 600)+"\n", 512)
}

// TestNarrowWrapThai wraps Thai paragraphs every 16 to 40 characters,
// as a 72-column wrap counting Thai as wide (33 to 39) or one counting
// bytes (24) leaves them: each line is under the 8 words fingerprinted (a
// Thai character counts a quarter), and no line opens in lower case to
// show it goes on. Before a line opening with a letter of a script
// without case could go on with the one above (opensMidSentence), no word
// passed the short-line filter at 26 to 30 characters, 0.29 of them at
// 32; below 25 characters (narrowMin) none did before lines of one width
// in an unspaced script were joined (evenUnspaced). Now 0.92 to 0.99 (each
// paragraph's short last line is still judged alone).
func TestNarrowWrapThai(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 1))
	var paras []string
	for range 6 {
		var p strings.Builder
		for range 5 + r.IntN(4) {
			for range 20 + r.IntN(30) {
				p.WriteRune(rune(0x0e01 + r.IntN(46)))
			}
			p.WriteString(" ") // Thai spaces phrases and sentences, not words
		}
		paras = append(paras, strings.TrimSpace(p.String()))
	}
	minLine := DefaultOptions().MinLineWords
	base := map[uint64]bool{}
	for _, h := range filteredWords(strings.Join(paras, "\n\n"), minLine) {
		base[h] = true
	}
	for width := 16; width <= 40; width += 2 {
		kept := 0 // WrapWide breaks every width/2 characters, as wide ones
		for _, h := range filteredWords(reshape.WrapWide(strings.Join(paras, "\n\n"), 2*width), minLine) {
			if base[h] {
				kept++
			}
		}
		if share := float64(kept) / float64(len(base)); share < 0.9 {
			t.Errorf("wrapped at %d: %.3f of %d words kept", width, share, len(base))
		}
	}
}

// filteredWords returns the word hashes of text that lines of minLine
// words or more hold.
func filteredWords(text string, minLine int) []uint64 {
	var got []uint64
	w := newWordHasher(func(hs []uint64) { got = append(got, hs...) })
	w.run(text, minLine)
	w.flush()
	return got
}

// TestUnspacedShortLinesLeftOut: a line of nine Han characters is about
// five words, under MinLineWords, and is left out as a short line of a
// spaced script is (an outlet's name, a byline); so is one of 31 Thai
// letters and marks, and a list of Thai headlines one to a line.
func TestUnspacedShortLinesLeftOut(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	var p strings.Builder
	for range 120 {
		p.WriteRune(rune(0x4e00 + r.IntN(3000)))
	}
	p.WriteString("。")
	f := NewFingerprinter(DefaultOptions())
	body := f.Sketch(p.String())
	framed := f.Sketch("新闻网报道记者张三\n\n" + p.String() + "\n\n本报版权所有请勿转载")
	if framed.Whole != body.Whole || framed.Shingles != body.Shingles {
		t.Errorf("framed: %d shingles, whole %016x; body alone %d, %016x", framed.Shingles, framed.Whole, body.Shingles, body.Whole)
	}
	// Thai: a line of 31 letters and marks is under eight words.
	var q strings.Builder
	for range 600 {
		q.WriteRune(rune(0x0e01 + r.IntN(46)))
	}
	body = f.Sketch(q.String())
	framed = f.Sketch("ข่าวการเมืองโดยผู้สื่อข่าวพิเศษ\n\n" + q.String())
	if framed.Whole != body.Whole || framed.Shingles != body.Shingles {
		t.Errorf("Thai framed: %d shingles, whole %016x; body alone %d, %016x", framed.Shingles, framed.Whole, body.Shingles, body.Whole)
	}
	// Nor is a list of Thai headlines, one to a line, of lengths 17 to 24
	// that differ by more than a wrapped paragraph's lines do.
	var list []string
	for _, n := range []int{17, 24, 18, 23, 17, 24} {
		var item strings.Builder
		for range n {
			item.WriteRune(rune(0x0e01 + r.IntN(46)))
		}
		list = append(list, item.String())
	}
	listed := f.Sketch(strings.Join(list, "\n") + "\n\n" + q.String())
	if listed.Whole != body.Whole || listed.Shingles != body.Shingles {
		t.Errorf("Thai list above: %d shingles, whole %016x; body alone %d, %016x", listed.Shingles, listed.Whole, body.Shingles, body.Whole)
	}
}

// TestExactCopyJoinsItsOriginal: an edited copy of a story arrives first,
// the story takes its place as representative, then a third document
// holding the copy whole (and other stories) starts a cluster of its own,
// then an exact copy of the first copy. Compared with the representatives,
// the exact copy matched the third document's and parted from its
// original (5 of 142, when the former representatives' table was looked
// up only for a copy matching no representative); it must join the
// cluster its original is in.
func TestExactCopyJoinsItsOriginal(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	stories := syntheticStories(r, 400)
	f := NewFingerprinter(DefaultOptions())
	replaced, split := 0, 0
	for i, s := range stories[:200] {
		other := stories[200+i]
		keep := len(s) * (6 + r.IntN(4)) / 10
		copied := strings.Join(append([]string{other[0]}, s[:max(1, keep)]...), "\n\n")
		holder := copied + "\n\n" + strings.Join(stories[200+(i+37)%200], "\n\n") + "\n\n" + strings.Join(stories[200+(i+91)%200][1:], "\n\n")
		c := NewClusterer(DefaultOptions())
		var got []int
		for _, text := range []string{copied, strings.Join(s, "\n\n"), holder, copied} {
			got = append(got, c.Add(f.Sketch(text)))
		}
		if got[1] != got[0] {
			continue // the story did not hold the copy: nothing was replaced
		}
		replaced++
		if c.Resolve(got[3]) != c.Resolve(got[0]) {
			split++
			t.Logf("story %d: clusters %v: the exact copy parted from its original", i, got)
		}
	}
	if replaced < 100 || split > 0 {
		t.Errorf("%d of %d exact copies of a replaced representative apart from it", split, replaced)
	}
}

// TestProlongedSoundMark: "ー", which Unicode files under no script, is a
// word of its own like the kana around it, not the start of a Latin word
// that follows it.
func TestProlongedSoundMark(t *testing.T) {
	if a, b := ExactKey("コーヒーabc の話"), ExactKey("コーヒー abc の話"); a != b {
		t.Errorf("ExactKey differs with and without a space after ー: %x, %x", a, b)
	}
}

// TestDistinctKeepsFirst: distinct keeps the first occurrence of each
// hash in order, whether its first repeat comes early, late or never
// (it tests the table alone until its first stamped slot), and finds
// the smallest, also across the wrap of the passages' stamps; and the
// tokenizer's unit test assumes no unit is longer than maxUnit.
func TestDistinctKeepsFirst(t *testing.T) {
	set := &shingleSet{gen: math.MaxUint16 - 150}
	var x uint64 = 3
	next := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	for n := range 300 {
		hs := make([]uint64, n%130)
		for i := range hs {
			if hs[i] = next(); i > 0 && next()%7 == 0 {
				hs[i] = hs[int(next()%uint64(i))] // a repeat
			}
		}
		var want []uint64
		seen := map[uint64]bool{}
		for _, h := range hs {
			if !seen[h] {
				seen[h] = true
				want = append(want, h)
			}
		}
		wantLeast := ^uint64(0)
		if len(hs) > 0 {
			wantLeast = slices.Min(hs)
		}
		if got, least := set.distinct(slices.Clone(hs)); !slices.Equal(got, want) || least != wantLeast {
			t.Fatalf("distinct(%x) = %x, %x, want %x, %x", hs, got, least, want, wantLeast)
		}
	}
	// The stamps wrapped: none from before, which would read as a later
	// passage's, may be left.
	for i, st := range set.stamp {
		if st > set.gen {
			t.Fatalf("slot %d: stamp %d after the stamps wrapped to %d", i, st, set.gen)
		}
	}
	for u := range unitWords {
		if len(u) > maxUnit {
			t.Errorf("unit %q is longer than maxUnit", u)
		}
	}
}

// TestCopyMissingParagraphsLiesInStory: a copy missing two paragraphs of
// its story's opening arrives after the story. It holds the story's first
// and last passages exactly; the paragraphs it lacks lower the rate over
// the story's stored passages, by which its text in the story's unstored
// part was credited (16 of 274 apart before its recut passages were
// credited, 6 after).
func TestCopyMissingParagraphsLiesInStory(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 4))
	apart, n := innerDrops{n: 400, minParas: 8, drops: func() int { return 2 }, storyFirst: true}.apart(r)
	if apart > 10 {
		t.Errorf("%d of %d copies missing two paragraphs apart from their story", apart, n)
	}
}

// TestCopyMissingInnerParagraphsJoins: a copy missing one or two
// paragraphs from inside its story, where they fall in the story's stored
// opening, joins it in either order. Judged on the stored passages only,
// the lacking paragraphs were new text inside the shared stretch (a
// quarter to a half of it) and the pair was taken for an expansion; of
// the whole documents they are a small share, while an expansion such as
// politics 293 is 0.61 new (TestLongExpansionStaysApart).
func TestCopyMissingInnerParagraphsJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 5))
	apart, n := innerDrops{n: 60, drops: func() int { return 1 + r.IntN(2) }, copyFirst: true, storyFirst: true}.apart(r)
	if apart > 4 {
		t.Errorf("%d of %d copies missing inner paragraphs apart from their story", apart, n)
	}
}

// innerDrops describes copies missing paragraphs from inside: apart makes
// n stories and a copy of each of those with at least minParas paragraphs
// missing drops() of its paragraphs 2 to 4 (with lead, the story opens
// with a lead sentence of 12 to 20 words and the copy misses paragraphs
// from the second on), clusters the copy and then the story (copyFirst)
// and the other way (storyFirst), and returns how many pairs stayed apart
// of how many.
type innerDrops struct {
	n, minParas           int
	drops                 func() int
	lead                  bool
	copyFirst, storyFirst bool
}

func (d innerDrops) apart(r *rand.Rand) (apart, pairs int) {
	for _, s := range syntheticStories(r, d.n) {
		if len(s) < d.minParas {
			continue
		}
		if d.lead {
			s[0] = strings.Join(strings.Fields(s[0])[:12+r.IntN(9)], " ") + "."
		}
		copied := slices.Clone(s)
		for range d.drops() {
			at := 1
			if !d.lead {
				at += r.IntN(3)
			}
			copied = slices.Delete(copied, at, at+1)
		}
		story := "Markets fall on rate fears\n\n" + strings.Join(s, "\n\n")
		cp := "Markets fall on rate fears\n\n" + strings.Join(copied, "\n\n")
		var orders [][]string
		if d.copyFirst {
			orders = append(orders, []string{cp, story})
		}
		if d.storyFirst {
			orders = append(orders, []string{story, cp})
		}
		for _, texts := range orders {
			pairs++
			if got := clusterAll(texts...); got[1] != 0 {
				apart++
			}
		}
	}
	return apart, pairs
}

// TestCopyMissingSecondParagraphAfterStory: a copy missing the paragraph
// after its story's lead sentence arrives after the story. Its first
// passage runs from the lead into the third paragraph, a few bits from
// the story's first, so the shared stretch over the story's stored
// passages does not start with an exact match; it starts at both
// documents' first passages, which a chance match does not, and the
// copy lacks little of the story: at most maxGap of it, it joins (11 of
// 200 apart before, 7 now). A version of a story with the same lead and
// half its text new lacks more (the labelled set's tech 141 and 173,
// which merged at maxInserted).
func TestCopyMissingSecondParagraphAfterStory(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	apart, n := innerDrops{n: 200, drops: func() int { return 1 }, lead: true, storyFirst: true}.apart(r)
	if apart > 8 {
		t.Errorf("%d of %d copies missing the second paragraph apart from their story", apart, n)
	}
}

// TestStoryHoldingTeaserCopyByChanceStaysApart: a BBC story (business 245
// of the harder dev set, seed 1) whose long lead paragraph is the teaser
// on top of another story's copy arrives after that copy. It holds the
// copy's stored opening, the teaser, and one more stored passage comes
// within 6 bits of one of its later passages by chance, which makes the
// text between new text inside a shared stretch: half of that stretch, a
// third of the story. Judged on the whole story, as a copy missing
// paragraphs from inside is (TestCopyMissingInnerParagraphsJoins), it
// joined; it may be only when both ends of the stretch match exactly.
func TestStoryHoldingTeaserCopyByChanceStaysApart(t *testing.T) {
	texts := testdata(t, "teaser", "politics-223-teaser-copy", "business-245")
	if got := clusterAll(texts...); got[1] != 1 {
		t.Errorf("the story joined the copy its lead is the teaser of")
	}
}

// testdata returns the texts of the named files (name.txt) of testdata/dir.
func testdata(t *testing.T, dir string, names ...string) []string {
	t.Helper()
	var texts []string
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join("testdata", dir, name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}

// TestStoryAfterCopyMissingTwoParagraphsJoins: a story arrives after its
// copy missing two of its paragraphs 2 to 4. The story's passages next to
// the gap are cut elsewhere than the copy's, so more of the story than
// the two paragraphs counts as new text inside the stretch it shares with
// the copy, at times more than half of the story; but no more of it can
// be new than it holds beyond the copy's text (13 of 200 apart when the
// gap alone was judged, 6 now).
func TestStoryAfterCopyMissingTwoParagraphsJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 5))
	apart, n := innerDrops{n: 200, minParas: 6, drops: func() int { return 2 }, copyFirst: true}.apart(r)
	if apart > 8 {
		t.Errorf("%d of %d stories apart from their copy missing two paragraphs", apart, n)
	}
}

// TestCutCopyUnderTwoLineFooterBeforeStory: as TestCutCopyBeforeStory,
// under a footer of two long lines, two passages of the copy besides the
// one the cut falls in. With at most two passages of the copy's end
// unheld (the cut one and the footer), 13 of 60 stories stayed apart, 5
// now.
func TestCutCopyUnderTwoLineFooterBeforeStory(t *testing.T) {
	footer := "Have your say: send us your views on this story using the form below, and we may publish some of them.\n\n" +
		"This article was distributed through our partner news service and has been lightly edited for length and style."
	cc := cutCopies{footers: []string{footer}, keep: [2]float64{0.5, 0.85}}
	if missed := cc.missed(t, rand.New(rand.NewPCG(8, 8))); missed > 6 {
		t.Errorf("%d of 60 stories did not join their copy cut short under a two-line footer", missed)
	}
}

// TestCutCopyHalfFooterBeforeStory: copies of short stories cut to 50-85%
// of their paragraphs under another outlet's header and a footer of one
// or two long lines arrive before their story (8 runs of 60 each). The
// story holds the copy's opening in order and not its cut passage and
// footer, up to half of the copy, so the copy's whole simhash lies
// further from the story's than an overlap at the threshold predicts: at
// sampleSlack (3) 41 of 960 stayed apart, 34 at cutSlack (4), 28 at 5.
func TestCutCopyHalfFooterBeforeStory(t *testing.T) {
	footer := "Have your say: send us your views on this story using the form below, and we may publish some of them.\n\n" +
		"This article was distributed through our partner news service and has been lightly edited for length and style."
	missed := 0
	for seed := uint64(1); seed <= 8; seed++ {
		missed += cutCopies{footers: []string{footer}, keep: [2]float64{0.5, 0.85}}.missed(t, rand.New(rand.NewPCG(seed, 3)))
		missed += cutCopies{header: "THE MORNING LEDGER\nPosted on 4 March 2005", keep: [2]float64{0.5, 0.85}}.missed(t, rand.New(rand.NewPCG(seed, 3)))
	}
	if missed > 37 {
		t.Errorf("%d of 960 stories did not join their copy cut short under a footer that came first", missed)
	}
}

// TestCutCopyAfterStory: a copy cut short under another outlet's header
// and footer arrives after its story. The copy's passage holding the cut
// runs on into the footer, and neither is in the story; when the copy
// holds the story's opening unbroken from its first passage and lacks at
// most its last maxCutTail passages, no more than half of it, the whole
// simhashes decide as for such a copy arriving first (cutUnderFooter):
// 5 of 60 apart before, 2 now.
func TestCutCopyAfterStory(t *testing.T) {
	cc := cutCopies{header: "THE MORNING LEDGER\nPosted on 4 March 2005", storyFirst: true}
	if missed := cc.missed(t, rand.New(rand.NewPCG(13, 5))); missed > 3 {
		t.Errorf("%d of 60 cut copies did not join their story", missed)
	}
}

// TestShortCutCopyFoundByOpening: copies of stories cut inside their
// lead paragraph (16 to 24 words, one passage or two) under another
// outlet's header and footer of short lines, before and after their
// story. The copy's passage holding the cut ends inside the story's
// first passage, so it may share no passage key with the story, only
// the opening (the first shingles), which finds the story (or the story
// the copy) when one of the two is short (openingCandidate): 38 and 35
// of 60 apart before, 17 and 7 then; most of the rest were found and
// refused, a part of a passage lying too far from the whole in simhash
// bits, and the whole simhashes decide now (openingCut): 7 and 3.
func TestShortCutCopyFoundByOpening(t *testing.T) {
	missed := leadCutMisses(t, rand.New(rand.NewPCG(21, 5)), func(r *rand.Rand, lead []string) string {
		return "THE MORNING LEDGER\nPosted on 4 March 2005\n\nMarkets fall on rate fears\n\n" +
			strings.Join(lead[:16+r.IntN(9)], " ") + " ...\n\nRead the full story\nMore from the Ledger"
	})
	if missed[0] > 10 || missed[1] > 5 {
		t.Errorf("of 60 stories, %d apart from their cut copy that came first, %d from the one that came after", missed[0], missed[1])
	}
}

// TestExpansionSharingOpeningStaysApart: the labelled set's politics 111
// arrives after a variant of its expansion 293 (another outlet's header,
// "said" made "stated"). Both are long and share their opening, not
// their first passage: made a candidate by the opening alone, 111 joined
// the variant (the labelled set in reversed order merged that hard
// negative), so an opening alone makes a candidate only when one of the
// two is short.
func TestExpansionSharingOpeningStaysApart(t *testing.T) {
	texts := testdata(t, "expansion", "politics-293-v3", "politics-111")
	if got := clusterAll(texts...); got[1] == got[0] {
		t.Errorf("politics 111 joined a variant of its expansion 293: %v", got)
	}
}

// TestExpansionHoldingSampleStaysApart: the harder dev2 set's copy of
// politics 293 (another outlet's header, wrapped) arrives after 111,
// whose expansion it is: 111's story, then new comments, then 111's
// comments. It holds 111's stored opening and, after the new comments,
// 111's sampled passage; credited with the sample whatever lay between,
// it held 111 at the threshold and took its place. Text between the
// opening and the sample beyond what 111 can hold there (the sample lies
// before its last quarter) keeps the sample uncredited.
func TestExpansionHoldingSampleStaysApart(t *testing.T) {
	texts := testdata(t, "expansion", "politics-111", "politics-293-wrapped")
	if got := clusterAll(texts...); got[1] == got[0] {
		t.Errorf("a copy of the expansion 293 joined politics 111 through 111's sample: %v", got)
	}
}

// TestQuotingPostOwnTextNotCredited: another post quoting the opening of
// the same story (the harder dev set's, seed 2), after the story and two
// of its copies. The quote starts with the story's first passage, so
// nothing of the story lies before it in the post; the post's own first
// sentences came within gapDistance of that passage by chance, and
// credited, held the post inside the story at 0.715.
func TestQuotingPostOwnTextNotCredited(t *testing.T) {
	texts := testdata(t, "quote", "business-031-story", "business-031-words-copy",
		"business-031-reorder-copy", "business-031-post2")
	for order := range 2 {
		if order == 1 {
			slices.Reverse(texts[:3])
		}
		if got := clusterAll(texts...); got[3] != 3 {
			t.Errorf("order %d: the quoting post joined cluster %d", order, got[3])
		}
	}
}

// TestCutCopiesUnderSiteFrameStayApart: copies of 14 BBC stories (the
// harder dev2 set's) cut to a paragraph or two under an outlet's long
// byline and two-line footer, and one story under another's footer.
// What two of them surely share (passages within sureDistance) is the
// footer ending both, and the byline opening both when it makes a
// passage of its own; the passages before the footer, each story's own,
// came within gapDistance of the other's by chance and held one copy
// inside the other (the dev2 set's largest cause of false pairs): 54 of
// 120 joined another in eight orders, 8 now, business 281 with 145 or
// 157, of which the footer is 0.51 (see endingOnly).
func TestCutCopiesUnderSiteFrameStayApart(t *testing.T) {
	texts := testdata(t, "framed", "tech-145-1-mixed", "sport-488-0-truncate", "sport-234-1-truncate",
		"entertainment-105-0-truncate", "business-281-0-truncate", "business-157-1-truncate",
		"business-145-1-truncate", "sport-372-1-truncate", "sport-060-0-truncate",
		"politics-133-0-truncate", "business-227-1-truncate", "sport-484-1-truncate",
		"sport-128-0-truncate", "tech-265-1-truncate", "sport-084")
	r := rand.New(rand.NewPCG(3, 11))
	merged := 0
	for order := range 8 {
		if order == 1 {
			slices.Reverse(texts)
		} else if order > 1 {
			r.Shuffle(len(texts), func(i, j int) { texts[i], texts[j] = texts[j], texts[i] })
		}
		for i, id := range clusterAll(texts...) {
			if id != i {
				merged++
			}
		}
	}
	if merged > 8 {
		t.Errorf("%d of 120 copies (15 stories, 8 orders) joined another story", merged)
	}
}

// TestLeadCutCopyJoins: copies of stories cut inside their lead
// paragraph (12 to 22 words) with nothing around them, before and after
// their story. The copy shares the
// story's opening and no passage surely: its passage holding the cut is
// a part of the story's first passage, far from it in bits, and was
// refused (25 and 15 of 60 apart, copy first and story first); sharing
// the opening with the story's first passage within ChunkDistance, the
// whole simhashes decide (openingCut): 14 and 10, the rest copies of 9
// to 20 shingles whose whole simhash lies far from the story's.
func TestLeadCutCopyJoins(t *testing.T) {
	missed := leadCutMisses(t, rand.New(rand.NewPCG(41, 3)), func(r *rand.Rand, lead []string) string {
		return "Markets fall on rate fears\n\n" + strings.Join(lead[:12+r.IntN(11)], " ") + "."
	})
	if missed[0] > 18 || missed[1] > 12 {
		t.Errorf("of 60 stories, %d apart from their cut copy that came first, %d from the one that came after", missed[0], missed[1])
	}
}

// leadCutMisses clusters 60 synthetic stories, each headed "Markets fall
// on rate fears", with a copy made by cut from its lead paragraph's
// words, the copy first and then the story first, and counts in each
// order the stories left apart from their copy.
func leadCutMisses(t *testing.T, r *rand.Rand, cut func(r *rand.Rand, lead []string) string) (missed [2]int) {
	for i, s := range syntheticStories(r, 60) {
		story := "Markets fall on rate fears\n\n" + strings.Join(s, "\n\n")
		c := cut(r, strings.Fields(s[0]))
		for o, texts := range [][]string{{c, story}, {story, c}} {
			if got := clusterAll(texts...); got[1] != 0 {
				missed[o]++
				t.Logf("story %d, order %d: apart from its cut copy", i, o)
			}
		}
	}
	return missed
}

// TestPostRunningIntoQuoteStaysApart: a post quoting a story's opening
// whose own words run into the quote with no passage cut between (the
// short line introducing the quote is not fingerprinted) has a first
// passage several times as long as a passage of the story, which came 8
// bits from the story's first by chance (as in a generated set of the
// harder bench). Its next passages are the story's next two unchanged and
// its last the story's fourth cut short. The post is about half quote.
// Credited whole as the story's first passage cut elsewhere, the long
// passage held the post inside the story at 0.77 (the story first); the
// story, arriving second, held the post at 0.83, the post's first passage
// taking an equal share of its shingles.
func TestPostRunningIntoQuoteStaysApart(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 31))
	flip := func(fp uint64, n int) uint64 { return keyBitsFlipped(r, fp, n) }
	weights := []uint16{34, 17, 10, 30, 48, 23, 80, 22}
	var story Sketch
	for _, w := range weights {
		story.Chunks = append(story.Chunks, Chunk{FP: r.Uint64(), Weight: w})
		story.Shingles += int(w)
	}
	story.Whole, story.Opening = r.Uint64(), r.Uint64()
	post := Sketch{
		Chunks: []Chunk{
			{FP: flip(story.Chunks[0].FP, 8), Weight: 125},
			story.Chunks[1], story.Chunks[2],
			{FP: flip(story.Chunks[3].FP, 5), Weight: 16},
		},
		Shingles: 168,
		Whole:    story.Whole ^ 0xff00ff, // 16 bits: agrees at 0.7 either way
		Opening:  r.Uint64(),
	}
	for _, order := range [][]Sketch{{story, post}, {post, story}} {
		c := NewClusterer(DefaultOptions())
		if a, b := c.Add(order[0]), c.Add(order[1]); a == b {
			t.Errorf("the post and the story merged (post first: %v)", order[0].Whole == post.Whole)
		}
	}
}

// TestStoryNotGoingOnLikeRepresentativeStaysApart: a story arrives after
// a long representative it shares only its opening with: a copy of
// another story with its lead as the teaser on top (the harder dev set's,
// seed 3), or a longer version of the same event with the same first
// paragraphs and ending (the labelled set's tech 141 and 173, copies of
// 173 from the harder dev set, seeds 1 and 6). The story holds the
// representative's first stored passages, then goes on for 15 to 21
// passages without holding half of the rest of its stored opening, nor
// its sample or end: extrapolated from the passages its own text came
// near by chance, it lay in the representative at 0.97-1.0. It does not
// go on like the representative, so nothing is extrapolated.
func TestStoryNotGoingOnLikeRepresentativeStaysApart(t *testing.T) {
	for _, tt := range []struct{ dir, rep, story string }{
		{"teaser", "business-245-teaser-copy", "politics-053"},
		{"event", "tech-173-teaser-copy", "tech-141"},
		{"event", "tech-173-indent-copy", "tech-141"},
	} {
		texts := testdata(t, tt.dir, tt.rep, tt.story)
		if got := clusterAll(texts...); got[1] != 1 {
			t.Errorf("%s joined %s", tt.story, tt.rep)
		}
	}
}

// TestTeaserReorderedCopyJoins: copies of BBC stories with another
// story's lead as a teaser on top or after their first paragraph and
// their second half reordered (the harder set's dev halves, three edits
// at once) arrive after their story. The teaser recuts the story's first
// passage and the reordering its sampled and final ones, so the copy
// holds the story's opening from its second or third passage only, and
// the two held each other by 0.4 to 0.7 of their passages, while the
// whole simhashes, a few bits apart, say each holds the other
// (wholeOverlap). All seven started clusters of their own before.
func TestTeaserReorderedCopyJoins(t *testing.T) {
	joinsStory(t, "teaser-reordered", "business-053", "business-073", "business-091", "business-319",
		"sport-464", "sport-502", "tech-209")
}

// TestCopyHoldingOpeningRecutJoins: copies holding their story's stored
// opening passages unchanged here and there, but never two in a row: an
// edit or a moved paragraph recuts the passage between (a BBC story with
// three edits, the harder holdout set, seed 3; two articles of other
// sites, through clean, holdout seed 1, one with three edits, one with
// its last paragraphs moved above its opening). Credited by their
// passages, neither lay in the other by more than 0.64, while the whole
// simhashes, 7 or 8 bits apart, say each holds the other (wholeOverlap),
// which the rule asked only of a copy holding two opening passages in a
// row. In either order, each joins its story; 4 of the 6 did not.
func TestCopyHoldingOpeningRecutJoins(t *testing.T) {
	for _, name := range []string{"politics-068", "page-signal-23d56f66", "page-signal-fb6b0ed0"} {
		texts := testdata(t, "recut-opening", name, name+"-copy")
		if got := clusterAll(texts...); got[1] != got[0] {
			t.Errorf("%s: the copy, arriving after the story, started a cluster", name)
		}
		if got := clusterAll(texts[1], texts[0]); got[1] != got[0] {
			t.Errorf("%s: the story, arriving after the copy, started a cluster", name)
		}
	}
}

// TestCopyWithNoteAddedJoins: a copy of a long BBC story with a sentence
// added after its middle paragraph and a related link at its end
// (bench-neardup -shapes, "note and link added") arrives after the story.
// The sentence recuts the story's fifth stored passage, which the copy's
// 23rd passage, far past it, came within 6 bits of by chance: the shared
// stretch ran to there, the story's unstored text inside it counted as
// new, and the copy, which holds the story by 0.92, stayed apart.
func TestCopyWithNoteAddedJoins(t *testing.T) {
	joinsStory(t, "note", "entertainment-263")
}

// TestCopyEditedInOpeningJoins: a copy of a short BBC story with a word
// or two changed in each of its first two passages (the harder holdout
// set, seed 1, through clean) arrives after the story; it holds the
// story by 0.91 of its 5-gram shingles. Its first two passages lie 9 bits
// from the story's, each nearest to the story's at its own place, and the
// rest unchanged: counted as text before the shared stretch (a post's own
// words), they left the copy in the story by 0.50.
func TestCopyEditedInOpeningJoins(t *testing.T) {
	joinsStory(t, "edited", "sport-029")
}

// TestStoryFindingCopyThroughSpentSampleJoins: a copy of a BBC story,
// then a copy of the story's second half, then the story (the harder
// holdout set through clean: in Cyrillic letters, seed 2, shuffled, the
// first copy with a word or two changed or dropped in most paragraphs;
// seed 1, shuffled, with another story's teaser on top). The second-half
// copy joins the first copy through its sample alone, which spends it;
// the story shares no other indexed passage of that copy (its first ones
// are edited, or the teaser's) and was refused, though it holds the copy
// by 0.96 and 0.99 of its 5-gram shingles: their whole simhashes are 3
// bits apart, and 11 with the teaser, whose copy's stored passages the
// story holds four of unchanged.
func TestStoryFindingCopyThroughSpentSampleJoins(t *testing.T) {
	for _, set := range [][]string{
		{"edited", "politics-224-cyrillic-words-copy", "politics-224-cyrillic-secondhalf-copy", "politics-224-cyrillic"},
		{"teaser", "entertainment-108-teaser-copy", "entertainment-108-secondhalf-copy", "entertainment-108"},
	} {
		texts := testdata(t, set[0], set[1:]...)
		if got := clusterAll(texts...); got[2] != got[0] {
			t.Errorf("%s stayed apart from its copy: %v", set[3], got)
		}
	}
}

// TestCutCopyOfTeaserStaysApart: a copy of a BBC story cut to its first
// four paragraphs arrives after another story's copy on which the story's
// lead is the teaser (the harder dev set, seed 3, reversed order). It
// holds that copy's first two passages, the teaser, and none of the
// passages after them though it goes on for six of its own; extrapolated
// from the stored passages with the credit its own text met near them by
// chance, it lay in the other story's copy whole (diverges).
func TestCutCopyOfTeaserStaysApart(t *testing.T) {
	texts := testdata(t, "teaser", "tech-051-teaser-copy", "business-077-cut-copy")
	if got := clusterAll(texts...); got[1] != 1 {
		t.Errorf("the cut copy joined the copy its lead is the teaser of")
	}
}

// TestPostStraddlingQuoteStaysApart: a post of 180 shingles quoting a
// story's opening: a passage of its own words, then one running from its
// own words into the story's first lines, 5 bits from the story's first
// passage, then the story's next three passages unchanged: two thirds of
// it is quote. Credited whole, the straddling passage held the post
// inside the story, which came first, at 0.79.
func TestPostStraddlingQuoteStaysApart(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 77))
	var story Sketch
	for range 8 {
		story.Chunks = append(story.Chunks, Chunk{FP: r.Uint64(), Weight: 30})
		story.Shingles += 30
	}
	story.Whole, story.Opening = r.Uint64(), r.Uint64()
	straddle := keyBitsFlipped(r, story.Chunks[0].FP, 5)
	post := Sketch{
		Chunks: []Chunk{
			{FP: r.Uint64(), Weight: 30},
			{FP: straddle, Weight: 60},
			story.Chunks[1], story.Chunks[2], story.Chunks[3],
		},
		Shingles: 180,
		Whole:    story.Whole ^ 0xff00ff, // 16 bits: agrees at 0.7
		Opening:  r.Uint64(),
	}
	c := NewClusterer(DefaultOptions())
	if a, b := c.Add(story), c.Add(post); a == b {
		t.Errorf("the post joined the story it quotes")
	}
}

// TestPostQuotingOpeningStaysApart: blog posts quoting a BBC story's
// first paragraphs under their own (the harder set's novel split, seed 3,
// and its holdout split in Cyrillic letters, seed 2, through clean, and
// the holdout split with -extra, seed 2, in the library), 0.45 to 0.5 of
// them quote by exact 5-gram containment. The first's passage
// at the start of the shared stretch runs from its own words into the
// story's first lines, 5 bits from the story's first passage: capped at a
// mean stored passage, it still made room for the story's unstored text
// when the estimate was extrapolated, and the post lay in a copy of the
// story by 0.77. The second's such passage is cut just before the
// stretch, 7 bits from the story's first passage and 88 shingles long,
// credited up to three mean passages (leadCutSpan), and its own
// paragraph came 8 bits from the story's first passage too: it lay in
// the story by 0.84. The third's such passage, 10 bits from the story's
// first, was credited whole as the story's first paragraph edited in
// place (see TestCopyEditedInOpeningJoins), and the post lay in the story
// by 0.72.
func TestPostQuotingOpeningStaysApart(t *testing.T) {
	pairsStayApart(t, "quote",
		[2]string{"business-110-teaser-copy", "business-110-quote"},
		[2]string{"business-154-cyrillic", "business-154-cyrillic-quote"},
		[2]string{"business-192", "business-192-quote"})
}

// TestTeaserCopyCutShortJoins: a copy of a BBC story (the harder dev set
// in Cyrillic letters, seed 1) with another story's teaser between its
// headline and first paragraph, cut after three paragraphs, lies in the
// story by 0.78 of its 5-gram shingles. Its passage at the start of the
// shared stretch holds the teaser and the story's first lines, 5 bits
// from the story's first passage and twice the story's mean stored
// passage: taken as the mean and the rest as text not in the story, it
// left the copy apart; the share the distance gives, 0.78, is kept.
func TestTeaserCopyCutShortJoins(t *testing.T) {
	texts := testdata(t, "teaser", "tech-075-cyrillic", "tech-075-cyrillic-mixed-copy")
	if got := clusterAll(texts...); got[0] != got[1] {
		t.Errorf("the teaser copy cut short stayed apart from its story: %v", got)
	}
}

// TestCopyMissingParagraphsHoldingSampleJoins: a copy of a BBC story (the
// harder dev set's with -extra, seed 1) missing three of its paragraphs
// arrives after it. It holds fewer than half of the story's stored
// opening passages (the drops fall there), and the story's end with less
// text before it than the story has, but it holds the story's sampled
// passage unchanged: it goes on like the story, and the story's unstored
// text is extrapolated as before (it joined before the rule of
// TestStoryNotGoingOnLikeRepresentativeStaysApart, and stayed apart when
// that rule asked for the sample held in place after the opening).
func TestCopyMissingParagraphsHoldingSampleJoins(t *testing.T) {
	texts := testdata(t, "drop", "tech-357", "tech-357-drop-copy")
	if got := clusterAll(texts...); got[1] != got[0] {
		t.Errorf("the copy missing paragraphs stayed apart from its story: %v", got)
	}
}

// TestShortRowsNotFoundByLaterPassages: with StoredChunks below
// minStartRow, a document's later passage equal to a representative's
// second passage, ranking too high to be looked up among the sampled
// ones, finds nothing. The test of a long row read a word of the short
// row's metadata, nearly always nonzero, so every such row was found.
func TestShortRowsNotFoundByLaterPassages(t *testing.T) {
	o := DefaultOptions()
	o.StoredChunks = 4
	r := rand.New(rand.NewPCG(2, 9))
	fp := func(high bool) uint64 {
		for {
			f := r.Uint64()
			if (rank(passageKey(f)) >= sampleRank) == high {
				return f
			}
		}
	}
	rep := Sketch{Whole: r.Uint64(), Opening: r.Uint64()}
	for range 4 {
		rep.Chunks = append(rep.Chunks, Chunk{FP: fp(true), Weight: 30})
		rep.Shingles += 30
	}
	doc := Sketch{Whole: r.Uint64(), Opening: r.Uint64()}
	for i := range 16 {
		f := fp(true)
		if i == 9 {
			f = rep.Chunks[1].FP
		}
		doc.Chunks = append(doc.Chunks, Chunk{FP: f, Weight: 30})
		doc.Shingles += 30
	}
	c := NewClusterer(o)
	c.Add(rep)
	if got := c.candidates(doc, c.prepare(doc)); len(got) != 0 {
		t.Errorf("candidates %v: a short row was found through a later passage", got)
	}
}

// TestStoryMergesFramedTailAndCutCopies: as TestStoryMergesTailAndCutCopies,
// but the copy of the story's last three quarters comes under another
// outlet's header and footer, each a long line, which the story does not
// hold: it holds the copy by 0.8 to 0.9 of it, not nearly whole, and left
// it apart when it joined the cut copy (strongHeld 0.9: 9 of 120 apart,
// 2 at 0.85).
func TestStoryMergesFramedTailAndCutCopies(t *testing.T) {
	framed := func(long []string) string {
		return "Northern Courier - Online Edition, the best of the region's news every single day\n\n" +
			lastThreeQuarters(long) +
			"\n\nHave your say: send us your views on this story using the form below, and we may publish some of them."
	}
	if apart := copiesApart(t, rand.New(rand.NewPCG(41, 2)), 120, framed, metroCut); apart > 3 {
		t.Errorf("%d of 120 stories did not end in one cluster with both copies", apart)
	}
}

// TestPostWithChanceMatchBeforeQuoteStaysApart: a post's own first
// passage lies as near the story's first passage by chance (6 bits) as
// its passage straddling its words and the quote of the story's opening.
// Taken at the first of the two, the shared stretch ran from the post's
// first passage, nothing of it counted as text before the quote, and the
// post lay in the story (the harder dev set, seed 9, input order: a post
// quoting business 193).
func TestPostWithChanceMatchBeforeQuoteStaysApart(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 193))
	near := func(fp uint64, d int) uint64 { return keyBitsFlipped(r, fp, d) }
	var story Sketch
	for range 12 {
		story.Chunks = append(story.Chunks, Chunk{FP: r.Uint64(), Weight: 25})
		story.Shingles += 25
	}
	story.Whole, story.Opening = r.Uint64(), r.Uint64()
	post := Sketch{Whole: story.Whole ^ 0xffff, Opening: r.Uint64()}
	post.push(Chunk{FP: near(story.Chunks[0].FP, 6), Weight: 20})
	for range 4 {
		post.push(Chunk{FP: r.Uint64(), Weight: 20})
	}
	post.push(Chunk{FP: near(story.Chunks[0].FP, 6), Weight: 45})
	for _, ch := range story.Chunks[1:5] {
		post.push(ch)
	}
	c := NewClusterer(DefaultOptions())
	if a, b := c.Add(story), c.Add(post); a == b {
		t.Errorf("the post joined the story it quotes through a chance match of its own words")
	}
}

// TestStoryAfterPostHoldingItsSampleStaysApart: a post quoting a story's
// opening after as much text of its own arrives first; its sampled
// passage, from its third quarter, is one of the quote's. The story then
// holds the post's sample and none of its stored opening, the shape of a
// copy of the post's second half, but goes on for far longer after it
// than the post does (holdsPastSample): it lay in the post by the
// extrapolated rate (the harder dev2 set, seed 5, shuffled: business 155
// and the post quoting it).
func TestStoryAfterPostHoldingItsSampleStaysApart(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 155))
	near := func(fp uint64, d int) uint64 { return keyBitsFlipped(r, fp, d) }
	opening := make([]Chunk, 7)
	for i := range opening {
		opening[i] = Chunk{FP: r.Uint64(), Weight: 15}
	}
	post := Sketch{Whole: r.Uint64(), Opening: r.Uint64()}
	for i := range 16 {
		ch := Chunk{FP: r.Uint64(), Weight: 8}
		switch {
		case i == 7:
			ch.Weight = 60
		case i >= 8 && i < 15:
			ch = opening[i-8] // the quote
		case i == 15:
			ch.Weight = 20
		}
		post.Chunks = append(post.Chunks, ch)
		post.Shingles += int(ch.Weight)
	}
	// The story's later passages: three come within ChunkDistance of the
	// post's own by chance (one in 40 a key, more for one event's texts).
	story := Sketch{Chunks: opening, Whole: post.Whole ^ 0xff, Opening: r.Uint64()}
	for i := range 6 {
		ch := Chunk{FP: r.Uint64(), Weight: 20}
		if i < 3 {
			ch.FP = near(post.Chunks[2+i].FP, 9)
		}
		story.Chunks = append(story.Chunks, ch)
	}
	for _, ch := range story.Chunks {
		story.Shingles += int(ch.Weight)
	}
	c := NewClusterer(DefaultOptions())
	if a, b := c.Add(post), c.Add(story); c.Resolve(a) == c.Resolve(b) {
		t.Errorf("the story joined the post quoting it through the post's sample")
	}
}

// keyBitsFlipped returns fp with n distinct bits of its passage key (the
// upper half) flipped: a passage n bits from fp's.
func keyBitsFlipped(r *rand.Rand, fp uint64, n int) uint64 {
	for _, b := range r.Perm(32)[:n] {
		fp ^= 1 << (32 + b)
	}
	return fp
}

// TestCopiesFoundByTheirOwnPassagesJoin: copies of a story, with no
// frame, that share its passages unchanged at the same places or its
// opening, join it in either order. Cut to its first paragraphs (20-50%
// of them), a copy's whole simhash lies a few bits past the distance its
// overlap implies as often as simhash noise takes it there, and every
// rule but one asking the whole simhashes refused it; its passages equal
// the story's up to the cut (alignedHeld). Cut to 14-22 words of the lead
// paragraph, arriving first, its one passage lies 11-14 bits from the
// story's first, which runs on into the next paragraph, past
// ChunkDistance, and the whole simhashes of a passage and a story say
// nothing (leadPrefix). With a word changed in every paragraph, a copy
// shares the story's opening, its first passage a few bits off, and only
// some later passages unchanged, often none the other indexes: the
// opening made no candidate of a long document unless the first passages
// were equal (openingCandidate). Apart before: 34 of 4000 cut copies
// (both orders), 28 of 100 lead copies arriving first and 143 of 2000
// copies with words changed (both orders); after: 24, 13 and 99.
func TestCopiesFoundByTheirOwnPassagesJoin(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 31))
	stories := syntheticStories(r, 2000)
	head := "Markets fall on rate fears\n\n"
	apart := func(copyText, story string) (n int) {
		for _, texts := range [][]string{{copyText, story}, {story, copyText}} {
			if got := clusterAll(texts...); got[1] != 0 {
				n++
			}
		}
		return n
	}
	cut, lead, words := 0, 0, 0
	for i, s := range stories {
		long := slices.Concat(s, stories[(i+1)%len(stories)])
		story := head + strings.Join(long, "\n\n")
		keep := max(2, len(long)*(20+r.IntN(30))/100)
		cut += apart(head+strings.Join(long[:keep], "\n\n"), story)
		if i%20 == 0 {
			ws := strings.Fields(long[0])
			lc := head + strings.Join(ws[:min(len(ws), 14+r.IntN(9))], " ") + "."
			if got := clusterAll(lc, story); got[1] != 0 {
				lead++
			}
		}
		if i%2 == 0 {
			var edited []string
			for _, p := range long {
				ws := strings.Fields(p)
				ws[1+r.IntN(len(ws)-2)] = "replaced"
				edited = append(edited, strings.Join(ws, " "))
			}
			words += apart(head+strings.Join(edited, "\n\n"), story)
		}
	}
	if cut > 28 || lead > 20 || words > 120 {
		t.Errorf("apart from their story: %d of 4000 cut copies, %d of 100 lead copies arriving first, %d of 2000 copies with words changed", cut, lead, words)
	}
}

// TestPostWithChanceMatchOutOfOrderStaysApart: a post's own words hold a
// passage 5 bits from the story's fifth by chance, before its quote of
// the story's first four (the straddling passage 6 bits from the first,
// then two unchanged, then one cut short 5 bits off). Counted as sure,
// that match started the shared stretch at the post's own words, which
// then counted as the story's: the post lay in it (the harder holdout
// set, seed 1, shuffled, its letters mapped to Cyrillic: a post quoting
// business 048 joined it through the command). A sure match that is not
// exact and lies before the match of an earlier stored passage is a
// chance one and is dropped.
func TestPostWithChanceMatchOutOfOrderStaysApart(t *testing.T) {
	r := rand.New(rand.NewPCG(48, 1))
	var story Sketch
	for _, w := range []uint16{30, 21, 20, 25, 15, 25, 20, 18, 20, 30, 18, 22} {
		story.Chunks = append(story.Chunks, Chunk{FP: r.Uint64(), Weight: w})
		story.Shingles += int(w)
	}
	story.Whole, story.Opening = r.Uint64(), r.Uint64()
	post := Sketch{Whole: story.Whole ^ 0xffff, Opening: r.Uint64()}
	for _, ch := range []Chunk{
		{FP: r.Uint64(), Weight: 22},
		{FP: r.Uint64(), Weight: 21},
		{FP: keyBitsFlipped(r, story.Chunks[4].FP, 5), Weight: 20},
		{FP: r.Uint64(), Weight: 20},
		{FP: r.Uint64(), Weight: 8},
		{FP: r.Uint64(), Weight: 10},
		{FP: keyBitsFlipped(r, story.Chunks[0].FP, 6), Weight: 36},
		story.Chunks[1], story.Chunks[2],
		{FP: keyBitsFlipped(r, story.Chunks[3].FP, 5), Weight: 11},
	} {
		post.Chunks = append(post.Chunks, ch)
		post.Shingles += int(ch.Weight)
	}
	c := NewClusterer(DefaultOptions())
	if a, b := c.Add(story), c.Add(post); a == b {
		t.Errorf("the post joined the story it quotes through a chance match out of order")
	}
}

// TestStoryAfterMiddleCopyJoins: a copy of a story's second half, or of
// its middle (the last paragraph dropped too), under another outlet's
// header and footer (lines long enough to be kept), arrives first and is
// stored whole. The story holds the copy's passages one after another
// from the copy's second, past its own first half; the copy's first
// passage (the header run into the half's first lines) and its last (the
// footer run into its last) are not held, and the row keeps no weights,
// so they count as much as the others: the copy lay in the story at 0.55
// to 0.7. It is now held when the whole simhashes agree, within cutSlack
// (excerptShape): 35 of 150 apart before, 13 now.
func TestStoryAfterMiddleCopyJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 5))
	missed, n := 0, 0
	for i, s := range syntheticStories(r, 150) {
		half := slices.Clone(s[len(s)/2:])
		if i%2 == 1 {
			half = half[:max(2, len(half)-1)]
		}
		n++
		if got := clusterAll(courierHeader+strings.Join(half, "\n\n")+courierFooter, strings.Join(s, "\n\n")); got[1] != 0 {
			missed++
			t.Logf("story %d (%d paragraphs): the story did not join the copy of its middle", i, len(s))
		}
	}
	if missed > 16 {
		t.Errorf("%d of %d stories did not join the copy of their second half or middle that came first", missed, n)
	}
}

// TestCopyJoinsStoryNotItsExpansion: a story (with comments) and its
// expansion (new text inserted between the story and the comments, three
// fifths of it new, as politics 111 and 293) arrive first and stay apart;
// then a copy of the story with a word changed in each paragraph. The
// copy lies in the expansion whole, and lies in the story and holds it
// nearly whole (strongHeld): it must join the story, not the expansion,
// which it merely lies in. With the better score winning, 12 of 40 joined
// the expansion (or their own cluster); 7 now that a representative the
// copy is mutual with by strongHeld wins over one it merely lies in.
func TestCopyJoinsStoryNotItsExpansion(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 13))
	ps := syntheticStories(r, 240)
	wrong, n := 0, 0
	for i := range 40 {
		story, comments := ps[6*i], ps[6*i+1]
		short := strings.Join(slices.Concat(story, comments), "\n\n")
		var added []string
		for j := 2; j < 6 && len(strings.Fields(strings.Join(added, " "))) < 3*len(strings.Fields(short))/2; j++ {
			added = append(added, ps[6*i+j]...)
		}
		long := strings.Join(slices.Concat(story, added, comments), "\n\n")
		var edited []string
		for _, p := range slices.Concat(story, comments) {
			ws := strings.Fields(p)
			ws[len(ws)/2] = "changed"
			edited = append(edited, strings.Join(ws, " "))
		}
		got := clusterAll(long, short, strings.Join(edited, "\n\n"))
		if got[1] == got[0] {
			continue // the story joined its expansion (TestLongExpansionStaysApart)
		}
		n++
		if got[2] != got[1] {
			wrong++
			t.Logf("story %d: the copy joined cluster %d, its story is %d", i, got[2], got[1])
		}
	}
	if wrong > 9 {
		t.Errorf("%d of %d copies of a story did not join it, after it and its expansion", wrong, n)
	}
}

// TestWrapInOtherScripts: the seeds with their Latin letters written in
// Cyrillic, Greek or with diacritics, one for one, wrapped at 40 to 80
// characters, lose as many shingles (keep the same lines) as the seeds
// wrapped so in Latin letters (TestShapeDoesNotChangeSketch,
// TestNarrowWrapKeepsSketch). The wrapping rules read lines as ASCII:
// lengths in bytes (twice the characters in these scripts), and a line
// ending in a non-ASCII letter was never taken to stop mid-sentence, nor
// a line opening with a lower-case one to go on with it: wrapped at 40
// to 52, they kept 0.21 to 0.84 of their shingles. Arabic letters, which
// have no case, lost up to three quarters of them at 40 to 48 columns
// while no line could show by its first letter that it went on.
func TestWrapInOtherScripts(t *testing.T) {
	f := NewFingerprinter(DefaultOptions())
	for name, to := range map[string][]rune{
		"cyrillic":   letters.Scripts["cyrillic"],
		"greek":      letters.Scripts["greek"],
		"arabic":     letters.Scripts["arabic"],
		"devanagari": letters.Scripts["devanagari"],
		"diacritics": []rune("ábčďéfǧȟíǰǩľḿňóṕqřšťúvẃxýž"),
	} {
		mapped := func(text string) string {
			if sp, ok := letters.Spellings[name]; ok {
				return letters.Spell(letters.Map(text, to), sp)
			}
			return letters.Map(text, to)
		}
		for i := range 5 {
			paths, _ := filepath.Glob(filepath.Join("..", "fixtures", "seeds", fmt.Sprintf("%03d_*.txt", i)))
			if len(paths) != 1 {
				t.Fatalf("seed %d: %d files", i, len(paths))
			}
			seed := readFixture(t, filepath.Join("seeds", filepath.Base(paths[0])))
			// Shingles lost to wrapping ("bn" after a number is a unit
			// in Latin letters only, so the unwrapped counts may differ).
			latinBase, base := f.Sketch(seed).Shingles, f.Sketch(mapped(seed)).Shingles
			for width := 40; width <= 80; width += 4 {
				latin := latinBase - f.Sketch(wrapAt(seed, width)).Shingles
				got := base - f.Sketch(wrapAt(mapped(seed), width)).Shingles
				// Arabic and Devanagari have no capitals, whose lines a
				// wrapped Latin paragraph leaves alone: they may lose less.
				if caseless := name == "arabic" || name == "devanagari"; got != latin && (!caseless || got > latin) {
					t.Errorf("%s seed %d wrapped at %d: %d of %d shingles lost, %d in Latin letters", name, i, width, got, base, latin)
				}
			}
		}
	}
}

// TestSecondCopyOfSecondHalfJoins: a long story arrives, then two copies
// of its second half: the first alone, under another outlet's header or
// under a footer, the second alone or under a header. The first holds
// none of the story's opening and joins it through its sample, which it
// spends (see Add); the second, which holds the sample unchanged, the
// story's end and its last quarter between, and before the sample no
// more than the story's unstored text there, found no candidate (of the
// harder dev and dev2 sets' second-half copies missing their story
// within reach, seeds 1-3, input order, 18 of 100: the story's other copy
// had spent the sample): the sample now counts for it as unspent
// (resumesSample). Of the second copies that join the story when they
// come alone, after a first copy that joined it, 154 of 160 stayed apart
// before, 10 now.
func TestSecondCopyOfSecondHalfJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(29, 11))
	firsts := []func(half string) string{
		func(half string) string { return half },
		func(half string) string { return "THE WIRE\nPosted 3 March\n\n" + half },
		func(half string) string {
			return half + "\n\nFollow The Morning Ledger on social media for the latest updates and breaking news from around the world."
		},
	}
	seconds := []func(half string) string{
		func(half string) string { return half },
		func(half string) string { return "Regional Times | 12 March\n\n" + half },
	}
	apart, n := 0, 0
	for _, s := range syntheticStories(r, 40) {
		long := slices.Concat(s, syntheticStories(r, 1)[0], syntheticStories(r, 1)[0])
		story := strings.Join(long, "\n\n")
		half := strings.Join(long[len(long)/2:], "\n\n")
		for _, first := range firsts {
			for _, second := range seconds {
				if clusterAll(story, second(half))[1] != 0 {
					continue // the whole simhashes refuse it alone
				}
				got := clusterAll(story, first(half), second(half))
				if got[1] != 0 {
					continue
				}
				n++
				if got[2] != 0 {
					apart++
				}
			}
		}
	}
	if apart > n/10 {
		t.Errorf("%d of %d second copies of a story's second half, after a first copy that joined the story, stayed apart from it", apart, n)
	}
}

// TestSecondCopyStartingInsideOpeningJoins: two copies of the second half
// of a page of the extraction benchmarks (page-signal, under other
// outlets' frames, stripped by clean) arrive after their story. The first
// spends the story's sample; the second, the same text, starts inside the
// story's last stored opening passage, so it holds a little more text
// before the sample than the story's unstored text leaves there (91
// shingles where 80 were allowed) and stayed apart; it joins now that
// resumesSample allows a mean stored passage more.
func TestSecondCopyStartingInsideOpeningJoins(t *testing.T) {
	texts := testdata(t, "second-copy", "bomb-blast-story", "bomb-blast-first", "bomb-blast-second")
	if got := clusterAll(texts...); got[1] != 0 || got[2] != 0 {
		t.Errorf("clusters %v, want all 0", got)
	}
}

// TestSecondHalfWithRecapJoins: a copy of a long story's second half,
// alone or under a header, that recaps near its end one of the story's
// opening paragraphs with a word changed arrives after the story. It
// holds the story's sample unchanged and, only after it, a passage a few
// bits from one of the stored opening passages: judged as holding the
// opening from there, with a stretch running backwards, it was refused;
// that match is dropped now and the copy judged as one holding the
// sample and end (dropAfterSample). Of the copies whose recap comes
// within sureDistance of a stored opening passage and not within
// exactDistance (36 of 200), 36 stayed apart before, 5 now.
func TestSecondHalfWithRecapJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(43, 8))
	o := DefaultOptions()
	f := NewFingerprinter(o)
	apart, n := 0, 0
	for _, s := range syntheticStories(r, 200) {
		long := slices.Concat(s, syntheticStories(r, 1)[0], syntheticStories(r, 1)[0])
		story := strings.Join(long, "\n\n")
		recap := strings.Fields(long[1+r.IntN(3)])
		recap[r.IntN(len(recap))] = "meanwhile"
		half := slices.Clone(long[len(long)/2:])
		half = slices.Insert(half, len(half)-1, strings.Join(recap, " "))
		copied := strings.Join(half, "\n\n")
		if r.IntN(2) == 0 {
			copied = "THE WIRE\nPosted 3 March\n\n" + copied
		}
		c := NewClusterer(o)
		c.Add(f.Sketch(story))
		if !recapNearOpening(c, f.Sketch(copied)) {
			continue
		}
		n++
		if c.Add(f.Sketch(copied)) != 0 {
			apart++
		}
	}
	if apart > n/4 {
		t.Errorf("%d of %d copies of a story's second half recapping an opening paragraph stayed apart from it", apart, n)
	}
}

// recapNearOpening reports whether the sketch holds the sample of the
// clusterer's first row unchanged and, after it, a passage within
// sureDistance of one of the row's stored opening passages, none of
// them within exactDistance or surely before the sample.
func recapNearOpening(c *Clusterer, s Sketch) bool {
	row, _, lead, ok := sampledRow(c)
	if !ok {
		return false
	}
	at := -1
	for i, ch := range s.Chunks {
		if passageKey(ch.FP) == row[lead] {
			at = i
		}
	}
	if at < 0 {
		return false
	}
	after := false
	for j := range lead {
		for i, ch := range s.Chunks {
			d := bits.OnesCount32(passageKey(ch.FP) ^ row[j])
			if d <= exactDistance || d <= sureDistance && i < at {
				return false
			}
			if d <= sureDistance && i > at {
				after = true
			}
		}
	}
	return after
}

// sampledRow returns the clusterer's first row, its count of stored keys
// k and of stored opening passages lead, and whether the row holds a
// sample (a representative stored in part).
func sampledRow(c *Clusterer) (row []uint32, k, lead int, ok bool) {
	k = c.opts.StoredChunks
	row = c.rows.row(0)
	return row, k, k - 1 - c.samples, row[k-1] != 0
}

// TestSecondHalfOfShortStoryJoins: a story of 6 to 12 paragraphs ending
// with a short closing line arrives, then a copy of its second half,
// alone or under a header, holding the story's sample unchanged, its end
// and its last quarter between, and no passage of its stored opening.
// Extrapolated at the rate over the two stored passages it holds, which
// the short final passage lowers, from the sample on, the copy lay in
// the story below the threshold: the text it holds before the sample
// went uncounted. It is taken whole up to the story's end when the whole
// simhashes agree with that overlap within quarterSlack: of 228 such
// copies, 14 stayed apart before, 6 now.
func TestSecondHalfOfShortStoryJoins(t *testing.T) {
	closing := []string{
		"The ministry said it would publish its findings later this year.",
		"A spokesman for the company declined to comment on the report.",
		"The hearing is expected to resume on Monday morning in the capital.",
		"Police have appealed for witnesses to come forward with any information.",
	}
	o := DefaultOptions()
	f := NewFingerprinter(o)
	r := rand.New(rand.NewPCG(47, 3))
	apart, n := 0, 0
	for range 400 {
		long := append(syntheticStories(r, 1)[0], closing[r.IntN(len(closing))])
		half := strings.Join(long[len(long)/2:], "\n\n")
		for _, text := range []string{half, "THE WIRE\nPosted 3 March\n\n" + half} {
			c := NewClusterer(o)
			c.Add(f.Sketch(strings.Join(long, "\n\n")))
			s := f.Sketch(text)
			if !holdsSampleAndEnd(c, s) {
				continue
			}
			n++
			if c.Add(s) != 0 {
				apart++
			}
		}
	}
	if apart > n/25 {
		t.Errorf("%d of %d copies of a short story's second half holding its sample and end stayed apart from it", apart, n)
	}
}

// holdsSampleAndEnd reports whether the sketch holds the sample of the
// clusterer's first row, stored in part, unchanged, and after it the
// row's final passage within sureDistance with at least a quarter of the
// row's shingles between, and none of the row's stored opening passages.
func holdsSampleAndEnd(c *Clusterer, s Sketch) bool {
	row, k, lead, ok := sampledRow(c)
	if !ok || row[k+rowSize]&sizeShare == sizeShare {
		return false
	}
	at, tail := -1, -1
	for i, ch := range s.Chunks {
		key := passageKey(ch.FP)
		if key == row[lead] && at < 0 {
			at = i
		}
		if bits.OnesCount32(key^row[k-1]) <= sureDistance {
			tail = i
		}
		for _, open := range row[:lead] {
			if bits.OnesCount32(key^open) <= sureDistance {
				return false
			}
		}
	}
	if at < 0 || tail <= at {
		return false
	}
	between := 0
	for _, ch := range s.Chunks[at+1 : tail] {
		between += int(ch.Weight)
	}
	return float64(between) >= float64(row[k+rowSize]>>8)/4
}

// TestPostWithInexactOpeningStaysApart: a post's first passage (its
// headline, which repeats the story's, run into its own first sentences)
// lies a few bits from the story's first passage; its own text follows,
// then a quote of the story's next three passages. The stretch the two
// share started at the post's first passage, so all the post's text past
// it was taken for room for the story's unstored text, and the post lay
// in the story at 0.93 (0.43 of its 5-grams are the story's; as the
// Cyrillic-lettered holdout set's quoting post of business 090). A
// stretch starting at an inexact match may start at a chance one: the
// post's passages lying between two of the story's stored passages that
// follow each other in the story are then the post's own text, not the
// story's (inside, in match). 20 of 20 joined before, none now.
func TestPostWithInexactOpeningStaysApart(t *testing.T) {
	if joined := pairsJoined(t, 90, func(r *rand.Rand) (story, post Sketch) {
		for _, w := range []uint16{10, 18, 40, 36, 33, 15, 21, 31, 23, 14, 69, 47, 26} {
			story.Chunks = append(story.Chunks, Chunk{FP: r.Uint64(), Weight: w})
			story.Shingles += int(w)
		}
		story.Whole, story.Opening = r.Uint64(), r.Uint64()
		post = Sketch{Whole: keyBitsFlipped(r, story.Whole, 22), Opening: r.Uint64()}
		for _, ch := range []Chunk{
			{FP: keyBitsFlipped(r, story.Chunks[0].FP, 5), Weight: 10},
			{FP: r.Uint64(), Weight: 17},
			{FP: r.Uint64(), Weight: 9},
			{FP: r.Uint64(), Weight: 17},
			{FP: r.Uint64(), Weight: 69},
			story.Chunks[1], story.Chunks[2],
			{FP: keyBitsFlipped(r, story.Chunks[3].FP, 2), Weight: 30},
		} {
			post.Chunks = append(post.Chunks, ch)
			post.Shingles += int(ch.Weight)
		}
		return story, post
	}); joined > 0 {
		t.Errorf("%d of %d posts joined the story they quote through an inexact first match", joined, pairSeeds)
	}
}

// pairSeeds is how many pairs pairsJoined makes.
const pairSeeds = 20

// pairsJoined makes pairSeeds pairs with pair, one random stream each
// (seed i, stream), clusters each pair's first document then its second
// in a clusterer of their own, and returns how many pairs share a
// cluster, logging each.
func pairsJoined(t *testing.T, stream uint64, pair func(r *rand.Rand) (first, second Sketch)) int {
	t.Helper()
	joined := 0
	for seed := range uint64(pairSeeds) {
		a, b := pair(rand.New(rand.NewPCG(seed, stream)))
		c := NewClusterer(DefaultOptions())
		if c.Add(a) == c.Add(b) {
			joined++
			t.Logf("seed %d: the two joined", seed)
		}
	}
	return joined
}

// TestExpansionCutShortDoesNotHoldStory: a long story (its stored part a
// fifth of it) and, after it, its expansion cut short: the story's first
// twelve passages, then new text (comments the story lacks) up to one and
// a half times the story's length, and none of the story's later
// passages, so neither its sample nor its end. The expansion held the
// story's stored opening at its rate and, going on past it, was taken to
// hold the story's unstored text too: it held the story and took its
// place (politics 111 and 293 of the BBC set, 293 truncated, with
// Cyrillic-lettered passage cuts). It diverges from the story: at most
// half of the story's unstored text is credited. 20 of 20 joined before.
// (Shorter, the expansion lies in the story by the rate extrapolated
// from its opening and chance credit; capping that extrapolation too
// cost the labelled set 6 pairs in late order, and is not done.)
func TestExpansionCutShortDoesNotHoldStory(t *testing.T) {
	if joined := pairsJoined(t, 111, func(r *rand.Rand) (story, cut Sketch) {
		story, cut = storyAndItsOpening(r)
		addRandomPassages(r, &cut, 3*story.Shingles/2)
		return story, cut
	}); joined > 0 {
		t.Errorf("%d of %d expansions cut short joined the story whose opening they hold", joined, pairSeeds)
	}
}

// storyAndItsOpening returns a story of 40 random passages and the start
// of a document holding its first twelve, whose whole simhash lies 14
// bits from the story's.
func storyAndItsOpening(r *rand.Rand) (story, opening Sketch) {
	addRandomPassages(r, &story, 0)
	for len(story.Chunks) < 40 {
		addRandomPassages(r, &story, story.Shingles+1)
	}
	story.Whole, story.Opening = r.Uint64(), r.Uint64()
	opening = Sketch{Whole: keyBitsFlipped(r, story.Whole, 14), Opening: story.Opening}
	for _, ch := range story.Chunks[:12] {
		opening.Chunks = append(opening.Chunks, ch)
		opening.Shingles += int(ch.Weight)
	}
	return story, opening
}

// addRandomPassages appends passages of 12 to 41 shingles with random
// fingerprints to s until it holds at least shingles shingles.
func addRandomPassages(r *rand.Rand, s *Sketch, shingles int) {
	for s.Shingles < shingles {
		w := uint16(12 + r.IntN(30))
		s.Chunks = append(s.Chunks, Chunk{FP: r.Uint64(), Weight: w})
		s.Shingles += int(w)
	}
}

// TestExpansionHoldingSampleFarDoesNotHoldStory: a long story and, after
// it, its expansion: the story's first twelve passages, new text as long
// as the story, then the rest of the story but its last two passages (a
// wrapped copy whose cuts there differ), so it holds the story's opening
// and sample with the new text between and lacks the story's end. The
// story's end is what let sketchGapOK see the new text between; without
// it the expansion held the story by its opening's rate (politics 293
// and 111 of the BBC set, the Cyrillic-lettered dev2 set, seed 1). A
// sample held past more new text than the story has before it refuses
// the containment (sampleFar). 20 of 20 joined before, 1 now: a passage
// of its new text lies 6 bits from the story's final one by chance, which
// puts the story's end before the sample (once in 3,700 unrelated pairs,
// and there are 360 here).
func TestExpansionHoldingSampleFarDoesNotHoldStory(t *testing.T) {
	if joined := pairsJoined(t, 293, func(r *rand.Rand) (story, expansion Sketch) {
		story, expansion = storyAndItsOpening(r)
		addRandomPassages(r, &expansion, expansion.Shingles+story.Shingles)
		for _, ch := range append(slices.Clone(story.Chunks[12:38]), Chunk{FP: r.Uint64(), Weight: 30}) {
			expansion.Chunks = append(expansion.Chunks, ch)
			expansion.Shingles += int(ch.Weight)
		}
		return story, expansion
	}); joined > 1 {
		t.Errorf("%d of %d expansions holding the story's sample far from its opening joined it", joined, pairSeeds)
	}
}

// TestAnchorsAreInnerPassageMinimums: a sketch's anchors are the smallest
// shingle hashes of its passages but the first and the last, one a
// passage, the MaxAnchors smallest of those in ascending order. The passages
// are found here by feeding the words one at a time and watching each
// close.
func TestAnchorsAreInnerPassageMinimums(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 4))
	o := DefaultOptions()
	f := NewFingerprinter(o)
	for i, story := range syntheticStories(r, 30) {
		text := strings.Join(story[:1+i%len(story)], "\n\n")
		var words []uint64
		w := newWordHasher(func(ws []uint64) { words = append(words, ws...) })
		w.run(text, o.MinLineWords)
		st := newState(o)
		st.reset()
		var least []uint64 // each passage's smallest shingle hash
		for _, h := range words {
			before := st.nch
			st.feed([]uint64{h})
			if st.nch == 0 && before > 0 {
				least = append(least, slices.Min(st.ch[:before+1]))
			}
		}
		if st.nch > 0 {
			least = append(least, slices.Min(st.ch[:st.nch]))
		}
		var want [MaxAnchors]uint64
		if len(least) > 2 {
			inner := slices.Compact(slices.Sorted(slices.Values(least[1 : len(least)-1])))
			copy(want[:], inner)
		}
		if got := f.Sketch(text).Anchors; got != want {
			t.Errorf("story %d (%d passages): anchors %x, want %x", i, len(least), got, want)
		}
	}
}

// wordsChanged returns paragraphs with every nth word replaced by another
// made-up word, as a copy edited throughout.
func wordsChanged(r *rand.Rand, paras []string, n int) []string {
	out := make([]string, len(paras))
	for i, p := range paras {
		ws := strings.Fields(p)
		for j := r.IntN(n); j < len(ws); j += n {
			ws[j] = fmt.Sprintf("edit%dx%d", r.IntN(1000), j)
		}
		out[i] = strings.Join(ws, " ")
	}
	return out
}

// TestCopyWithWordsChangedThroughoutJoins: a copy of a story with every
// 40th word changed holds 0.9 of its 4-word shingles, but few of its
// passages unchanged, at times none of those the story's row indexes, and
// then passage keys found no candidate whichever came first. Its anchor,
// the smallest shingle hash of the story's inner passages, survives in
// most such copies (candidates): 57 of 400 pairs apart before, 25 now.
// (With every 20th word changed, 274 before and 245 now: most of those
// the passage estimate refuses.)
func TestCopyWithWordsChangedThroughoutJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 3))
	apart := 0
	stories := syntheticStories(r, 200)
	for _, s := range stories {
		story := strings.Join(s, "\n\n")
		edited := strings.Join(wordsChanged(r, s, 40), "\n\n")
		for _, pair := range [][]string{{story, edited}, {edited, story}} {
			if got := clusterAll(pair...); got[0] != got[1] {
				apart++
			}
		}
	}
	if apart > 35 {
		t.Errorf("%d of %d copies with words changed throughout stayed apart from their story", apart, 2*len(stories))
	}
}

// TestStoriesFoundByAnchorSharingParagraphsStayApart: two stories of one
// event, the second quoting five paragraphs of the first between three
// of its own and the rest of its own, share about half of the shorter.
// When the second finds the first through its anchor alone (the anchor
// lying in the quoted paragraphs, see candidates), the passage estimate
// extrapolated from the shared stretch can take one for a copy of the
// other: 4 of the 35 pairs so found joined without the anchor's refusal
// and slack (match), none with them. (Found through passage keys, 31
// such pairs join, as they did before anchors: the matcher's own
// weakness, which this test does not cover.)
func TestStoriesFoundByAnchorSharingParagraphsStayApart(t *testing.T) {
	r := rand.New(rand.NewPCG(29, 8))
	stories := syntheticStories(r, 600)
	f := NewFingerprinter(DefaultOptions())
	viaAnchor := 0
	for i := 0; i+1 < len(stories); i += 2 {
		a, b := stories[i], stories[i+1]
		if len(a) < 10 || len(b) < 6 {
			continue
		}
		quoting := slices.Concat(b[:3], a[3:8], b[3:])
		first, second := strings.Join(a, "\n\n"), strings.Join(quoting, "\n\n")
		for _, pair := range [][]string{{first, second}, {second, first}} {
			c := NewClusterer(DefaultOptions())
			c.Add(f.Sketch(pair[0]))
			s := f.Sketch(pair[1])
			c.candidates(s, c.prepare(s))
			if len(c.anchorHits) == 0 {
				continue
			}
			viaAnchor++
			if c.Add(s) == 0 {
				t.Errorf("stories %d and %d: one quoting five paragraphs of the other, found through its anchor, joined it", i, i+1)
			}
		}
	}
	if viaAnchor < 20 {
		t.Errorf("%d stories found the other through an anchor alone: the test shows little", viaAnchor)
	}
}

// TestPostWithGapInQuotedOpeningStaysApart: a post's headline repeats the
// story's (5 bits from the story's first passage, which holds the
// headline and the lead's first words), its own words follow, then its
// quote of the story's first paragraphs, whose first passage is cut
// elsewhere than the story's second. Some 0.44 of the post lies in
// the story. Its own words lie between the story's first passage and its
// third, where the story has one passage: taken for the story's text,
// they extrapolated the post inside the story by 0.87 (the extraction
// benchmark's article 021 and a post quoting it). 13 of 20 joined before.
func TestPostWithGapInQuotedOpeningStaysApart(t *testing.T) {
	if joined := pairsJoined(t, 91, func(r *rand.Rand) (story, post Sketch) {
		for _, w := range []uint16{18, 21, 22, 24, 20, 23, 19, 22, 25, 18, 21, 20, 16, 19, 15} {
			story.Chunks = append(story.Chunks, Chunk{FP: r.Uint64(), Weight: w})
			story.Shingles += int(w)
		}
		story.Whole, story.Opening = r.Uint64(), r.Uint64()
		post = Sketch{Whole: keyBitsFlipped(r, story.Whole, 18), Opening: r.Uint64()}
		post.push(Chunk{FP: keyBitsFlipped(r, story.Chunks[0].FP, 5), Weight: 16})
		for _, w := range []uint16{22, 25, 21, 24, 23, 20, 22} { // its own words, then the quote's first passage
			post.push(Chunk{FP: r.Uint64(), Weight: w})
		}
		for _, ch := range story.Chunks[2:7] {
			post.push(ch)
		}
		return story, post
	}); joined > 0 {
		t.Errorf("%d of %d posts joined the story they quote after their own words", joined, pairSeeds)
	}
}

// longStoryHalf returns a story of 30 passages and a copy of its second
// half from passage 14 (past the story's third-quarter sample range's
// start, so the copy holds the sample) with first and last passages
// added before and after it (nil: none).
func longStoryHalf(r *rand.Rand, first, last *Chunk, wholeBits int) (story, half Sketch) {
	for range 30 {
		story.Chunks = append(story.Chunks, Chunk{FP: r.Uint64(), Weight: 22})
		story.Shingles += 22
	}
	story.Whole, story.Opening = r.Uint64(), r.Uint64()
	half = Sketch{Whole: keyBitsFlipped(r, story.Whole, wholeBits), Opening: r.Uint64()}
	if first != nil {
		half.push(*first)
	}
	for _, ch := range story.Chunks[14:] {
		half.push(ch)
	}
	if last != nil {
		half.push(*last)
	}
	return story, half
}

// TestSecondHalfUnderHeadlineJoins: a copy of a long story's second half
// under the story's headline. A headline of eight words or more is
// fingerprinted and cut into one passage with the first words after it,
// here 5 bits from the story's first passage (the headline and the
// lead's first words): taken for a held opening, it made the copy the
// story's lead and end with the middle missing, and kept it apart
// (dropHeadlineOnly). The whole simhashes lie 16 bits apart, as
// expected of a half. 20 of 20 stayed apart before.
func TestSecondHalfUnderHeadlineJoins(t *testing.T) {
	if joined := pairsJoined(t, 92, func(r *rand.Rand) (story, half Sketch) {
		story, half = longStoryHalf(r, nil, nil, 16)
		head := Chunk{FP: keyBitsFlipped(r, story.Chunks[0].FP, 5), Weight: 20}
		half.Chunks = append([]Chunk{head}, half.Chunks...)
		half.Shingles += int(head.Weight)
		return story, half
	}); joined < pairSeeds {
		t.Errorf("%d of %d copies of a story's second half under its headline joined it", joined, pairSeeds)
	}
}

// TestShortStoryHalfUnderTitleJoins: a copy of a short story's second
// half under the story's page title (a title line of eight words or more
// is fingerprinted, and may be a passage of its own). The story is
// stored whole; the copy holds its first passage, the title, then its
// last passages to the end, the middle missing: read as the story's
// opening and end with new text between, it was refused; it is judged
// again without the title's match (titleOverEnd), which counts only for
// the share of the copy in the story (a story holding its copy with a
// teaser inserted after its title has the same shape from the story's
// side, and dropping the title's match there cost the harder Cyrillic
// holdout set, seed 2, 4 pairs). A page of the extraction benchmark
// (AEB) and such a copy of it, stripped by clean, in
// testdata/second-copy; and 300 synthetic stories of five paragraphs
// under a title of 18 words, of whose copies 57 stayed apart before, 52
// now.
func TestShortStoryHalfUnderTitleJoins(t *testing.T) {
	texts := testdata(t, "second-copy", "senate-story", "senate-half")
	if got := clusterAll(texts...); got[1] != 0 {
		t.Errorf("the copy of the AEB page's second half under its title started a cluster")
	}
	r := rand.New(rand.NewPCG(17, 3))
	apart := 0
	for _, s := range syntheticStories(r, 300) {
		title := strings.Join(strings.Fields(s[0])[:18], " ")
		s = s[1:6]
		story := title + "\n\n" + strings.Join(s, "\n\n")
		half := title + "\n\n" + strings.Join(s[len(s)/2:], "\n\n")
		if clusterAll(story, half)[1] != 0 {
			apart++
		}
	}
	if apart > 53 {
		t.Errorf("%d of 300 copies of a short story's second half under its title stayed apart", apart)
	}
}

// TestFramedSecondHalfJoins: a copy of a long story's second half
// under another outlet's header and footer, each a passage the story
// lacks. Its whole simhash lies 21 bits from the story's, as the copy's
// frame, not in the story, takes it further than a bare half's 16: the
// test that the copy up to the story's end lies in the story failed; its
// header is left out of the overlap asked (header). None of 20 joined
// before, 18 now; the two apart hold the sample late, with less than a
// quarter of the story after it, and meet the stricter sampleSlack.
func TestFramedSecondHalfJoins(t *testing.T) {
	if joined := pairsJoined(t, 93, func(r *rand.Rand) (story, half Sketch) {
		return longStoryHalf(r, &Chunk{FP: r.Uint64(), Weight: 20}, &Chunk{FP: r.Uint64(), Weight: 20}, 21)
	}); joined < pairSeeds*3/4 {
		t.Errorf("%d of %d framed copies of a story's second half joined it", joined, pairSeeds)
	}
}

// TestAnchoredSecondHalfJoins: a copy of a long story's second half
// under another outlet's header and footer, sharing the story's anchor
// (the smallest shingle of its inner passages lies in the second half).
// Its whole simhash lies 23 bits from the story's, past what quarterSlack
// allows a copy holding the sample and the end; the anchor, a third
// piece of the story held exactly, allows anchoredSlack more. None of 20
// joined without it, 18 with.
func TestAnchoredSecondHalfJoins(t *testing.T) {
	if joined := pairsJoined(t, 94, func(r *rand.Rand) (story, half Sketch) {
		story, half = longStoryHalf(r, &Chunk{FP: r.Uint64(), Weight: 20}, &Chunk{FP: r.Uint64(), Weight: 20}, 23)
		story.Anchors[0] = r.Uint64() >> 24
		half.Anchors[0] = story.Anchors[0]
		return story, half
	}); joined < pairSeeds*3/4 {
		t.Errorf("%d of %d framed copies of a story's second half sharing its anchor joined it", joined, pairSeeds)
	}
}

// TestStoryCarryingPartOfAnotherAsTeaserStaysApart: a long story (60
// passages) arrives, then another story carrying the first one's fifth
// and sixth passages on top, as a teaser, and 33 passages of its own.
// It holds two of the first story's stored opening passages, from four
// passages further into that story than into itself, and neither the
// sample nor the end; taken to go on like the first story, it lay in it
// whole (the Chinese harder set, holdout seed 5, copies first: tech 144's
// copy with business 164's lead, which holds all of business 164's
// copies). The whole simhashes decide such a sketch (strays). 3 of 20
// joined before.
func TestStoryCarryingPartOfAnotherAsTeaserStaysApart(t *testing.T) {
	if joined := pairsJoined(t, 95, func(r *rand.Rand) (story, other Sketch) {
		for range 60 {
			story.Chunks = append(story.Chunks, Chunk{FP: r.Uint64(), Weight: 24})
			story.Shingles += 24
		}
		story.Whole, story.Opening = r.Uint64(), r.Uint64()
		other = Sketch{Whole: keyBitsFlipped(r, story.Whole, 25), Opening: r.Uint64()}
		other.push(Chunk{FP: keyBitsFlipped(r, story.Chunks[4].FP, 7), Weight: 22})
		other.push(story.Chunks[5])
		// Its own passages come within ChunkDistance of the first
		// story's stored ones now and then, as Chinese text's did.
		for i := range 33 {
			fp := r.Uint64()
			if i%3 == 1 {
				fp = keyBitsFlipped(r, story.Chunks[[]int{0, 1, 2, 3, 6}[i/3%5]].FP, 8+i%2)
			}
			other.push(Chunk{FP: fp, Weight: 20})
		}
		return story, other
	}); joined > 0 {
		t.Errorf("%d of %d stories carrying part of another's opening as a teaser joined it", joined, pairSeeds)
	}
}

// push appends a passage to a hand-made sketch and counts its shingles.
func (s *Sketch) push(ch Chunk) {
	s.Chunks = append(s.Chunks, ch)
	s.Shingles += int(ch.Weight)
}

// TestStoryFillingTeaserCopysOpeningStaysApart: a short story (an
// extraction benchmark's page, stripped: its headline and two paragraphs)
// and a copy of another story carrying the short story's lead of 100
// words as its teaser, which fills the copy's stored opening. The short
// story holds 0.49 of its 5-grams in the copy; it lay in it by 0.91,
// extrapolated over its second paragraph, and joined it, or through the
// copy's row the copy's own story.
func TestStoryFillingTeaserCopysOpeningStaysApart(t *testing.T) {
	texts := testdata(t, "teaser", "plane-runway", "plane-runway-teaser-copy", "black-friday-deals")
	if got := clusterAll(texts[1], texts[2]); got[1] != 1 {
		t.Errorf("the story joined the copy its lead is the teaser of")
	}
	if got := clusterAll(texts...); got[1] != 0 || got[2] != 2 {
		t.Errorf("clusters %v, want [0 0 2]: the teaser copy with its story, the teaser's story apart", got)
	}
}

// TestNoBreakSpaceAndEllipsisAsNormalised: a no-break space or an
// ellipsis skips the normaliser (step), alone between ASCII or after
// other runes NFKC keeps (French quotation marks); the sketch is
// the one of the text with an en space and a one dot leader in their
// place, one character each as well, which the normaliser makes " " and
// ".".
func TestNoBreakSpaceAndEllipsisAsNormalised(t *testing.T) {
	f := NewFingerprinter(DefaultOptions())
	asNFKC := strings.NewReplacer("\u00a0", "\u2002", "\u2026", "\u2024")
	pool := []string{"\u00a0", "\u2026", "\u00a0\u00a0", "\u2026\u201d", "word", "1", "2", ".", " ", "\n", "\n\n", "x", "it's", "\u2019", "é",
		"«", "»", "e\u0301", "\u0301", "ß", "가", "\u1161", "\u3099", "か", "中"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		text := drawText(r, pool, 20+r.IntN(200))
		if got, want := f.Sketch(text), f.Sketch(asNFKC.Replace(text)); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: sketch differs from %q's", text, asNFKC.Replace(text))
		}
	}
}

// drawText joins n pieces drawn from pool at random.
func drawText(r *rand.Rand, pool []string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pool[r.IntN(len(pool))])
	}
	return b.String()
}

// TestOutletFramedOneLineStoriesStayApart: five different BBC stories,
// each on one line under one outlet's header and above its footer (the
// harder dev2 set with -extra, seed 3, "flat" copies). The four short
// ones hold the long one's first passage (the header run into the lead)
// and final one (the footer) exactly, and little between: extrapolated
// from those two, each lay in the long one whole when it came after it.
// Asked, the whole simhashes refuse three: a text of 373 shingles inside
// one of 3,019 would lie about 25 bits from it, these lie 28 to 33. The
// fourth, 328 shingles, lies 24 bits away, which they cannot tell from
// an unrelated text (wholeTells).
func TestOutletFramedOneLineStoriesStayApart(t *testing.T) {
	texts := testdata(t, "one-line", "tech-401", "sport-374", "sport-412", "politics-203", "business-205")
	for range 2 {
		got := clusterAll(texts...)
		for i := 1; i < len(got); i++ {
			if got[i] != i {
				t.Errorf("%v: the story arriving %d-th joined cluster %d", got, i+1, got[i])
			}
		}
		slices.Reverse(texts)
	}
}

// TestCopyMissingOpeningParagraphsHoldingSampleJoins: a copy of a BBC
// story missing two paragraphs of its opening (the harder dev set with
// -extra, seed 1, "drop") arrives after the story. It holds the story's
// first and seventh passages and its sample exactly, and four of the five
// stored passages between lie 10 bits or more from all of its passages:
// the stretch is hollow (hollowStretch), yet holding the sample the copy
// goes on like the story, which it lies in by 0.82 of its 5-gram
// shingles.
func TestCopyMissingOpeningParagraphsHoldingSampleJoins(t *testing.T) {
	joinsStory(t, "drop", "entertainment-017")
}

// TestStorySharingOnePassageLackingSampleStaysApart: two BBC stories of
// one event (tech 018 and 190, the second holding 0.55 of its shingles in
// the first), transliterated into Arabic letters as the harder novel set
// does, share exactly one of the first's stored opening passages, its
// seventh, and neither its sample nor its end. Extrapolated from that
// passage, the second lay in the first by 0.72, and the whole simhashes,
// 19 bits apart, agreed; lacking the sample, it goes on like the first
// at most up to it (beforeSample).
func TestStorySharingOnePassageLackingSampleStaysApart(t *testing.T) {
	texts := testdata(t, "event", "tech-018-arabic", "tech-190-arabic")
	for range 2 {
		if got := clusterAll(texts...); got[1] != 1 {
			t.Errorf("the story arriving second joined the first: %v", got)
		}
		slices.Reverse(texts)
	}
}

// TestLeadCopyCutInsidePassageFindsStory: a copy of a BBC story cut to
// its headline and first paragraph, in Cyrillic letters (the harder
// holdout set, seed 2), arrives first. The story holds its first passage
// exactly, and its second, the first paragraph, lies 9 bits from the
// story's passage of that paragraph and the next: cut inside it, as a
// prefix lies (prefixLike). The story joins the copy.
func TestLeadCopyCutInsidePassageFindsStory(t *testing.T) {
	texts := testdata(t, "cut", "sport-221-cyrillic-lead", "sport-221-cyrillic")
	if got := clusterAll(texts...); got[1] != 0 {
		t.Errorf("the story started a cluster of its own: %v", got)
	}
}

// TestDenselyEditedCopyJoins: a copy with one word in 20 replaced
// throughout (every passage edited once or twice, 3 to 9 bits from its
// story's) keeps no passage the index holds, and is found through the
// story's anchor alone. It holds 0.75 of the story's 5-gram shingles.
// Found so, a representative was refused unless the sketch held two of
// its stored passages unchanged; three held within sureDistance by
// three distinct passages of the copy say as much: two passages of
// unrelated text come that close once in 3,700. 200 synthetic stories
// and their copies, in both orders: 222 of 400 pairs stayed apart
// before, 169 now (the rest find no candidate or fail later tests, the
// whole simhashes' among them).
func TestDenselyEditedCopyJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 1))
	apart := 0
	for _, story := range syntheticStories(r, 200) {
		var edited []string
		k := 0
		for _, para := range story {
			ws := strings.Fields(para)
			for i := range ws {
				if k++; k%20 == 10 {
					ws[i] = "xyzzy"
				}
			}
			edited = append(edited, strings.Join(ws, " "))
		}
		apart += apartBothOrders(strings.Join(story, "\n\n"), strings.Join(edited, "\n\n"))
	}
	if apart > 180 {
		t.Errorf("%d of 400 densely edited copies apart from their story", apart)
	}
}

// TestReorderedLaterPartJoins: a copy of a story's later two thirds with
// its paragraphs shuffled keeps a passage of the story only inside a
// long paragraph, while its whole simhash lies near the story's. Of 600
// such pairs of synthetic stories (both orders), 412 stayed apart when
// the passages alone judged them, 344 now that a sketch holding two
// stored passages unchanged is judged by the whole simhashes' overlap
// too (see match). Cut into paragraphs of 12 to 23 words, which leave
// almost no passage uncut, 574 of 600 still stay apart (581 before).
func TestReorderedLaterPartJoins(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 1))
	apart := 0
	for _, story := range syntheticStories(r, 300) {
		part := slices.Clone(story[len(story)/3:])
		r.Shuffle(len(part), func(i, j int) { part[i], part[j] = part[j], part[i] })
		apart += apartBothOrders(strings.Join(story, "\n\n"), strings.Join(part, "\n\n"))
	}
	if apart > 380 {
		t.Errorf("%d of 600 reordered copies of stories' later parts apart from their story", apart)
	}
}

// pairsStayApart checks that each pair of texts of testdata/dir stays
// apart in both orders.
func pairsStayApart(t *testing.T, dir string, pairs ...[2]string) {
	t.Helper()
	for _, pair := range pairs {
		texts := testdata(t, dir, pair[0], pair[1])
		if n := apartBothOrders(texts[0], texts[1]); n != 2 {
			t.Errorf("%s and %s merged in %d of 2 orders", pair[0], pair[1], 2-n)
		}
	}
}

// apartBothOrders returns in how many of the two orders of texts a and b
// the second does not join the first.
func apartBothOrders(a, b string) (apart int) {
	for _, pair := range [][2]string{{a, b}, {b, a}} {
		if got := clusterAll(pair[0], pair[1]); got[1] != 0 {
			apart++
		}
	}
	return apart
}

// TestWholeVouchingStaysApart: pairs of the harder sets that merged when
// the whole simhashes first vouched for any document holding two stored
// passages unchanged (see match) must stay apart in both orders:
//   - a copy of one story cut to its lead under an outlet's header and
//     footer, and another story's copy under the same frame (Greek
//     letters): all they share surely is their ending;
//   - a story and a post quoting its opening half (Devanagari and Chinese
//     letters; in Latin letters 0.43 and 0.45 of the post's word 4-grams
//     are the story's): the post's own words above the quote, or the
//     story's opening the post lacks, were counted as overlap.
func TestWholeVouchingStaysApart(t *testing.T) {
	pairsStayApart(t, "vouch",
		[2]string{"greek-entertainment-143-cut", "greek-tech-037-reordered"},
		[2]string{"devanagari-business-177-story", "devanagari-business-177-post"},
		[2]string{"han-business-059-story", "han-business-059-post"})
}

// TestStoryAfterCutCopyAndSecondHalfJoinsBoth: a copy of a long story
// cut to its first four fifths arrives first, then a copy of its second
// half, which holds the cut copy's sample and none of its opening and so
// spends it, then the story, which holds the cut copy from its first
// passage to past its sample unchanged: that sample still counts, and
// all three end in one cluster (opensThroughSample).
func TestStoryAfterCutCopyAndSecondHalfJoinsBoth(t *testing.T) {
	cut := func(long []string) string { return strings.Join(long[:len(long)*4/5], "\n\n") }
	half := func(long []string) string { return strings.Join(long[len(long)/2:], "\n\n") }
	if apart := copiesApart(t, rand.New(rand.NewPCG(41, 5)), 40, cut, half); apart > 0 {
		t.Errorf("%d of 40 stories did not end in one cluster with both copies", apart)
	}
}

// TestStoriesUnderOneFrameStayApart: copies of two BBC stories under one
// outlet's header and footer, in Thai letters as the harder dev2 set
// (seed 2) writes them. Each holds the other's first and final passages
// exactly, the frame run into the stories' first and last lines, and
// nothing between surely (framed). Chance matches 8 to 10 bits from the
// stored passages between were credited: business 055 held 221 by 0.70
// and took its place; sport 092, carrying another story's lead as a
// teaser, lay in entertainment 117 whole by the extrapolation from them.
func TestStoriesUnderOneFrameStayApart(t *testing.T) {
	pairsStayApart(t, "frame", [2]string{"thai-business-221-0-outlet", "thai-business-055-0-crlf"},
		[2]string{"thai-entertainment-117-1-outlet", "thai-sport-092-1-teaser"})
}
