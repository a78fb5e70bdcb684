package pipeline

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/simhash"
)

// syntheticEntries returns n entries of distinct documents: sketches of
// generated stories of 150-600 words, their fingerprints scrambled per
// copy so that no two match (an index holds representatives only).
func syntheticEntries(n int) []byte {
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
	var entries []byte
	for i := range n {
		s := base[i%len(base)]
		s.Chunks = append([]simhash.Chunk(nil), s.Chunks...)
		x := rng.Uint64()
		s.Whole ^= x
		for j := range s.Chunks {
			s.Chunks[j].FP ^= x * uint64(j+1)
		}
		it := item{doc: &docio.Doc{ID: "https://site.example/story/" + strconv.Itoa(i)}, sketch: s, length: 2000}
		entries = appendEntry(entries, DedupNear, &it)
	}
	return entries
}

// BenchmarkIndexLoad loads an index of CLEAN_INDEX_DOCS synthetic
// representatives (default 100k) and reports the load time and the heap
// it holds per million documents, and the time to read the file alone:
// CLEAN_INDEX_DOCS=1000000 go test ./pipeline -run X -bench IndexLoad -benchtime 1x
func BenchmarkIndexLoad(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("CLEAN_INDEX_DOCS")); err == nil {
		n = v
	}
	cfg := Config{Dedup: DedupNear, Simhash: simhash.DefaultOptions(), Index: filepath.Join(b.TempDir(), "idx")}
	r := &runner{cfg: cfg}
	x := &index{path: cfg.Index, entries: syntheticEntries(n), added: n}
	r.cfg.Index = cfg.Index
	if err := x.save(r); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(cfg.Index)
	x = nil
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
		load := time.Since(t)
		if err != nil || x.docs != n || d.cl.Len() != n {
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
