package pipeline

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/simhash"
)

// syntheticEntries returns n entries of distinct documents (see
// syntheticSketches).
func syntheticEntries(n int) []byte {
	var entries []byte
	syntheticSketches(n, func(id string, s simhash.Sketch) {
		it := item{doc: &docio.Doc{ID: id}, sketch: s, length: 2000}
		entries = appendEntry(entries, DedupNear, &it)
	})
	return entries
}

// syntheticSketches calls fn with n ids and sketches of distinct
// documents: generated stories of 150-600 words, their fingerprints
// scrambled per copy so that no two match (an index holds representatives
// only).
func syntheticSketches(n int, fn func(id string, s simhash.Sketch)) {
	rng := rand.New(rand.NewPCG(3, 4))
	fp := simhash.NewFingerprinter(simhash.DefaultOptions())
	var base []simhash.Sketch
	for range 1000 {
		var b strings.Builder
		for i := range 150 + rng.IntN(450) {
			if i%12 == 11 {
				b.WriteString(".\n")
			}
			fmt.Fprintf(&b, "w%d ", rng.IntN(20000))
		}
		base = append(base, fp.Sketch(b.String()))
	}
	for i := range n {
		s := base[i%len(base)]
		s.Chunks = append([]simhash.Chunk(nil), s.Chunks...)
		x := rng.Uint64()
		s.Whole ^= x
		for j := range s.Chunks {
			s.Chunks[j].FP ^= x * uint64(j+1)
		}
		for a, h := range s.Anchors {
			if h != 0 {
				s.Anchors[a] = max(1, h^x*uint64(a+101))
			}
		}
		fn("https://site.example/story/"+strconv.Itoa(i), s)
	}
}

// BenchmarkIndexLoad loads an index of CLEAN_INDEX_DOCS synthetic
// representatives (default 100k) and reports the load time and the heap
// it holds per million documents, and the time to read the file alone:
// CLEAN_INDEX_DOCS=1000000 go test ./pipeline -run X -bench IndexLoad -benchtime 1x
// CLEAN_INDEX_FORMERS=N adds N former representatives to the index (one
// per 7,000 representatives on gencorpus's news; up to one each when
// copies come before their stories).
func BenchmarkIndexLoad(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("CLEAN_INDEX_DOCS")); err == nil {
		n = v
	}
	formers, _ := strconv.Atoi(os.Getenv("CLEAN_INDEX_FORMERS"))
	cfg := Config{Dedup: DedupNear, Simhash: simhash.DefaultOptions(), Index: filepath.Join(b.TempDir(), "idx")}
	r := &runner{cfg: cfg}
	x := &index{path: cfg.Index, cl: simhash.NewClusterer(cfg.Simhash), kept: map[int32]string{}}
	syntheticSketches(n, func(id string, s simhash.Sketch) {
		x.kept[int32(x.cl.Add(s))] = id
	})
	if x.cl.Representatives() != n {
		b.Fatalf("%d synthetic documents made %d clusters", n, x.cl.Representatives())
	}
	for i := range formers {
		x.cl.AddFormer(uint64(i)*0x9e3779b97f4a7c15, i%n)
	}
	if err := x.save(r); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(cfg.Index)
	x = nil
	query := simhash.NewFingerprinter(cfg.Simhash).Sketch("A document of today's run, not in the index, with a few words.")
	for b.Loop() {
		runtime.GC()
		t := time.Now()
		if _, err := os.ReadFile(cfg.Index); err != nil {
			b.Fatal(err)
		}
		read := time.Since(t)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		t = time.Now()
		d := newDecider(cfg)
		x, err := r.loadIndex(d, nil)
		d.cl.Add(query) // the rows are indexed when the first document comes
		load := time.Since(t)
		if err != nil || x.docs != n || d.cl.Len() != n+1 {
			b.Fatalf("loaded %d documents: %v", d.cl.Len(), err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		perM := 1e6 / float64(n)
		b.ReportMetric(float64(st.Size())*perM/1e6, "file-MB/Mdoc")
		b.ReportMetric(load.Seconds()*perM, "load-s/Mdoc")
		b.ReportMetric(read.Seconds()*perM, "read-s/Mdoc")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)*perM/1e6, "heap-MB/Mdoc")
		b.ReportMetric(float64(d.cl.IndexBytes())/float64(n), "clusterer-B/doc")
		runtime.KeepAlive(x)
		runtime.KeepAlive(d)
	}
}

// BenchmarkClusterVerb clusters CLEAN_CLUSTER_DOCS synthetic documents
// (default 100k; a third of them copies of earlier ones) from 10 sketch
// files, and reports the peak heap per document, sampled every 5 ms with
// the collector at GOGC=5, so that it is close to the live heap:
// CLEAN_CLUSTER_DOCS=1000000 go test ./pipeline -run X -bench ClusterVerb -benchtime 1x
func BenchmarkClusterVerb(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("CLEAN_CLUSTER_DOCS")); err == nil {
		n = v
	}
	cfg := Config{Dedup: DedupNear, Keep: KeepFirst, Simhash: simhash.DefaultOptions()}
	dir := b.TempDir()
	entries := syntheticEntries(n * 2 / 3)
	var paths []string
	const shards = 10
	for i := range shards {
		// Each shard: its share of the originals, each followed by a
		// copy of an original in a third of the cases.
		var payload []byte
		docs := 0
		k := 0
		eachEntry(bytes.NewReader(entries), "synthetic", n*2/3, DedupNear, func(it *item) {
			if k%shards == i {
				payload = appendEntry(payload, DedupNear, it)
				docs++
				if k%2 == 0 {
					payload = appendEntry(payload, DedupNear, it)
					docs++
				}
			}
			k++
		})
		head := binary.AppendUvarint(nil, uint64(i))
		head = binary.AppendUvarint(head, shards)
		head = binary.LittleEndian.AppendUint64(head, 0)
		head = binary.LittleEndian.AppendUint64(head, 0)
		head = binary.AppendUvarint(head, uint64(docs))
		path := filepath.Join(dir, fmt.Sprint("S_", i))
		f, _ := os.Create(path)
		writeShardFile(f, fileHeader{kind: kindSketches, options: optionsHash(cfg), inputs: 1}, append(head, payload...))
		f.Close()
		paths = append(paths, path)
	}
	entries = nil
	defer debug.SetGCPercent(debug.SetGCPercent(5))
	for b.Loop() {
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		var peak atomic.Uint64
		stop := make(chan struct{})
		go func() {
			var ms runtime.MemStats
			for {
				select {
				case <-stop:
					return
				case <-time.After(5 * time.Millisecond):
				}
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > peak.Load() {
					peak.Store(ms.HeapAlloc)
				}
			}
		}()
		t := time.Now()
		rep, err := Cluster(cfg, FilesAt(paths), io.Discard)
		elapsed := time.Since(t)
		close(stop)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(peak.Load()-base.HeapAlloc)/float64(rep.DocsIn), "peak-heap-B/doc")
		b.ReportMetric(elapsed.Seconds()*1e6/float64(rep.DocsIn), "s/Mdoc")
		b.ReportMetric(float64(rep.Duplicates)/float64(rep.DocsIn), "dup-share")
	}
}

// TestIndexOfAnotherFormatRefused: an index of another layout, written by
// an earlier clean (holding sketches; holding rows without the former
// representatives' table), is refused by name, with how to make a new
// one, not misread.
func TestIndexOfAnotherFormatRefused(t *testing.T) {
	cfg := Config{Dedup: DedupNear, Simhash: simhash.DefaultOptions(), Index: filepath.Join(t.TempDir(), "idx")}
	for _, format := range []uint64{1, 1 + simhash.RowFormat} {
		f, err := os.Create(cfg.Index)
		if err != nil {
			t.Fatal(err)
		}
		payload := append(binary.AppendUvarint(nil, 10), syntheticEntries(10)...)
		if err := writeShardFile(f, fileHeader{kind: kindIndex, options: indexOptions(cfg), inputs: format}, payload); err != nil {
			t.Fatal(err)
		}
		f.Close()
		r := &runner{cfg: cfg}
		_, err = r.loadIndex(newDecider(cfg), nil)
		if err == nil || !strings.Contains(err.Error(), cfg.Index+": made by another version of clean") || !strings.Contains(err.Error(), "clean --index") {
			t.Errorf("an index of format %d: %v", format, err)
		}
	}
}

// TestIndexKeepsFormerRepresentatives: an exact copy of a representative
// that a longer member replaced in an earlier run joins the cluster it
// joins in one run over all the documents. Per story, run 1 holds an
// edited copy (another outlet's paragraph on top, cut to 60-90%), the
// story, which holds it and takes its place as representative, and a
// document holding the copy whole among other stories; run 2 holds an
// exact copy of the first. Compared with the representatives, the copy
// parted from its original in some cases (a cluster of its own, or the
// third document's) when the index did not keep the clusterer's former
// representatives.
func TestIndexKeepsFormerRepresentatives(t *testing.T) {
	// The stories of simhash's tests (syntheticStories): 6-12 paragraphs
	// of 25-59 words of 3-9 letters, from 3,000.
	r := rand.New(rand.NewPCG(4, 4))
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = strings.Map(func(rune) rune { return rune('a' + r.IntN(26)) }, strings.Repeat(".", 3+r.IntN(7)))
	}
	paragraph := func() string {
		words := make([]string, 25+r.IntN(35))
		for k := range words {
			words[k] = vocab[r.IntN(len(vocab))]
		}
		return strings.Join(words, " ") + "."
	}
	stories := make([][]string, 400)
	for i := range stories {
		for range 6 + r.IntN(7) {
			stories[i] = append(stories[i], paragraph())
		}
	}
	var day1, day2 strings.Builder
	line := func(b *strings.Builder, id, text string) {
		fmt.Fprintf(b, `{"id":%q,"text":%q}`+"\n", id, text)
	}
	for i, s := range stories[:200] {
		keep := len(s) * (6 + r.IntN(4)) / 10
		copied := strings.Join(append([]string{stories[200+i][0]}, s[:max(1, keep)]...), "\n\n")
		line(&day1, fmt.Sprint("copy", i), copied)
		line(&day1, fmt.Sprint("story", i), strings.Join(s, "\n\n"))
		line(&day1, fmt.Sprint("holder", i), copied+"\n\n"+strings.Join(stories[200+(i+37)%200], "\n\n")+"\n\n"+strings.Join(stories[200+(i+91)%200][1:], "\n\n"))
		line(&day2, fmt.Sprint("again", i), copied)
	}
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		return p
	}
	one, two := write("day1.jsonl", day1.String()), write("day2.jsonl", day2.String())
	both := write("both.jsonl", day1.String()+day2.String())
	// The cluster, by its representative's id, of each document of run 2.
	clusters := func(index string, paths ...string) map[string]string {
		t.Helper()
		cfg := defaultConfig("")
		cfg.Paths, cfg.Strip, cfg.SiteRepeat, cfg.Annotate, cfg.Index = paths, false, false, true, index
		var out bytes.Buffer
		cfg.Output = &out
		if _, err := Run(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, rec := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			var d struct{ ID, Cluster string }
			if err := json.Unmarshal([]byte(rec), &d); err != nil {
				t.Fatal(err)
			}
			got[d.ID] = d.Cluster
		}
		return got
	}
	want := clusters("", both)
	index := filepath.Join(dir, "idx")
	clusters(index, one)
	got := clusters(index, two)
	replaced, apart := 0, 0
	for i := range 200 {
		if want[fmt.Sprint("story", i)] != fmt.Sprint("copy", i) {
			continue // the story did not hold the copy: nothing was replaced
		}
		replaced++
		id := fmt.Sprint("again", i)
		if got[id] != want[id] {
			apart++
			t.Logf("%s: cluster %q over the index, %q in one run", id, got[id], want[id])
		}
	}
	if replaced < 100 || apart > 0 {
		t.Errorf("%d of %d exact copies of a replaced representative in another cluster over the index than in one run", apart, replaced)
	}
}

// TestIndexOfAnotherFingerprintRefused: an index made with other
// fingerprinting (by an earlier clean: its options hash lacks this
// build's simhash.Algorithm) is refused with a message that says so and
// how to make a new one, not only that other options were given.
func TestIndexOfAnotherFingerprintRefused(t *testing.T) {
	cfg := Config{Dedup: DedupNear, Simhash: simhash.DefaultOptions(), Index: filepath.Join(t.TempDir(), "idx")}
	f, err := os.Create(cfg.Index)
	if err != nil {
		t.Fatal(err)
	}
	payload := binary.AppendUvarint(nil, 0)
	if err := writeShardFile(f, fileHeader{kind: kindIndex, options: indexOptions(cfg) ^ 1, inputs: indexRowFormat()}, payload); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := &runner{cfg: cfg}
	_, err = r.loadIndex(newDecider(cfg), nil)
	if err == nil || !strings.Contains(err.Error(), "version of clean") || !strings.Contains(err.Error(), "clean --index") {
		t.Errorf("an index of another fingerprint: %v", err)
	}
}
