package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/simhash"
)

// newsCorpus writes n news-like JSON Lines records to a file in dir and
// returns its path and size: stories of 4 to 12 paragraphs over a
// 5000-word vocabulary, each site with its own byline and footer lines
// (what site-repeat learning finds), and one story in four a copy of a
// recent one on another site with a paragraph dropped (what clustering
// finds).
func newsCorpus(tb testing.TB, dir string, n int) (string, int64) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(7, 11))
	vocab := make([]string, 5000)
	for i := range vocab {
		w := make([]byte, 2+rng.IntN(8))
		for j := range w {
			w[j] = "etaoinshrdlucmfwyp"[rng.IntN(18)]
		}
		vocab[i] = string(w)
	}
	sentence := func() string {
		ws := make([]string, 8+rng.IntN(20))
		for i := range ws {
			ws[i] = vocab[int(float64(len(vocab))*rng.Float64()*rng.Float64())] // skewed to the front
		}
		return strings.ToUpper(ws[0][:1]) + strings.Join(ws, " ")[1:] + "."
	}
	type site struct{ host, header, footer string }
	sites := make([]site, 20)
	for i := range sites {
		host := fmt.Sprintf("site%02d.example", i)
		sites[i] = site{host,
			// A slogan of invented words: only site-repeat learning knows it.
			fmt.Sprintf("%s %s %s\nBy staff of %s | Follow us", vocab[4000+i], vocab[4020+i], vocab[4040+i], host),
			fmt.Sprintf("Copyright %d %s. All rights reserved.\nSign up to the %s newsletter.", 2000+i, host, host)}
	}
	var stories [][]string
	var buf bytes.Buffer
	for i := range n {
		var paras []string
		if len(stories) > 8 && rng.IntN(4) == 0 {
			orig := stories[len(stories)-1-rng.IntN(8)]
			drop := rng.IntN(len(orig))
			paras = append(append(paras, orig[:drop]...), orig[drop+1:]...)
		} else {
			for range 4 + rng.IntN(9) {
				var p []string
				for range 1 + rng.IntN(4) {
					p = append(p, sentence())
				}
				paras = append(paras, strings.Join(p, " "))
			}
			stories = append(stories, paras)
		}
		s := sites[rng.IntN(len(sites))]
		text := s.header + "\n\n" + strings.Join(paras, "\n\n") + "\n\n" + s.footer
		rec, err := json.Marshal(map[string]string{"id": fmt.Sprint("doc", i), "url": "https://" + s.host + "/news/" + fmt.Sprint(i), "text": text})
		if err != nil {
			tb.Fatal(err)
		}
		buf.Write(append(rec, '\n'))
	}
	path := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path, int64(buf.Len())
}

func defaultConfig(path string) Config {
	return Config{
		Paths: []string{path}, Strip: true, SiteRepeat: true,
		Dedup: DedupNear, Keep: KeepFirst, Simhash: simhash.DefaultOptions(),
		Output: io.Discard, Workers: runtime.GOMAXPROCS(0),
	}
}

// BenchmarkRun times whole runs over a 4000-document corpus (about 6 MB)
// read from a file in the page cache; -cpu sets the workers. The modes
// leave out one pass or stage at a time, so differences between them are
// what each costs:
//
//	go test ./pipeline -run XXX -bench Run -cpu 1,2 -count 6 | tee new.txt
//	benchstat old.txt new.txt
func BenchmarkRun(b *testing.B) {
	path, size := newsCorpus(b, b.TempDir(), 4000)
	modes := []struct {
		name string
		set  func(*Config)
	}{
		{"default", func(*Config) {}},
		{"no-learn", func(c *Config) { c.SiteRepeat = false }},
		{"no-dedup", func(c *Config) { c.Dedup = DedupOff }},
		{"no-strip", func(c *Config) { c.Strip = false }},
		{"copy", func(c *Config) { c.Strip, c.Dedup = false, DedupOff }}, // read, decode, encode, write
	}
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			cfg := defaultConfig(path)
			m.set(&cfg)
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(context.Background(), cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLearn times the learn pass alone.
func BenchmarkLearn(b *testing.B) {
	path, size := newsCorpus(b, b.TempDir(), 4000)
	cfg := defaultConfig(path)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		r := &runner{cfg: cfg, rep: &Report{}}
		r.inputs = []source{{Input: docio.Input{Path: path, Format: docio.FormatJSONL}}}
		if _, err := r.learn(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLearnPieces: cutting a file into pieces for the learn pass, however
// small, finds the lines whole-file reading finds, so the output is the
// same; lines straddle the cuts at every piece size tried. A compressed
// file is never cut by offset; the runs of lines its reader cuts for the
// hashers give the same output too.
func TestLearnPieces(t *testing.T) {
	path, _ := newsCorpus(t, t.TempDir(), 300)
	run := func(path string, chunk int64, workers int) string {
		defer func(c int64) { learnChunk = c }(learnChunk)
		learnChunk = chunk
		var out bytes.Buffer
		cfg := defaultConfig(path)
		passes := &passTotals{}
		cfg.Output, cfg.Workers, cfg.Progress = &out, workers, passes
		rep, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if l, c := passes.totals["learn"], passes.totals["clean"]; l != c || c[0] == 0 {
			t.Fatalf("chunk %d: the learn pass read %v documents and bytes, the clean pass %v", chunk, l, c)
		}
		if rep.BytesStrippedByRule["site-repeat"] == 0 {
			t.Fatalf("chunk %d: nothing stripped as site-repeat: the corpus does not test learning", chunk)
		}
		return out.String()
	}
	whole := run(path, 1<<40, 1)
	for _, tc := range []struct {
		chunk   int64
		workers int
	}{{1, 1}, {1, 3}, {1000, 2}, {4093, 4}, {65536, 2}} {
		if got := run(path, tc.chunk, tc.workers); got != whole {
			t.Errorf("chunk %d, %d workers: output differs from reading the file whole", tc.chunk, tc.workers)
		}
	}
	plain, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gzPath := path + ".gz"
	if err := os.WriteFile(gzPath, gzipped(plain), 0o644); err != nil {
		t.Fatal(err)
	}
	// A compressed file is cut into runs of lines for the hashers instead.
	defer func(n int) { lineRunBytes = n }(lineRunBytes)
	for _, tc := range []struct{ run, workers int }{{1, 1}, {1, 2}, {1000, 3}, {1 << 20, 2}} {
		lineRunBytes = tc.run
		if got := run(gzPath, 1000, tc.workers); got != whole {
			t.Errorf("gzip input, runs of %d bytes, %d workers: output differs from the plain file's", tc.run, tc.workers)
		}
	}
}

// passTotals sums the documents and bytes each pass reports read.
type passTotals struct {
	pass   string
	totals map[string][2]int64
}

func (p *passTotals) Pass(name string) {
	p.pass = name
	if p.totals == nil {
		p.totals = map[string][2]int64{}
	}
}

func (p *passTotals) Add(docs, bytes int64) {
	t := p.totals[p.pass]
	p.totals[p.pass] = [2]int64{t[0] + docs, t[1] + bytes}
}

func (p *passTotals) Done() {}

// limitProbe records the runtime's memory limit while a run is under way,
// and its GC percent by pass.
type limitProbe struct {
	seen []int64
	pass string
	gc   map[string]int
}

func (p *limitProbe) Pass(name string) { p.pass = name }
func (p *limitProbe) Add(int64, int64) {
	p.seen = append(p.seen, debug.SetMemoryLimit(-1))
	gc := debug.SetGCPercent(-1)
	debug.SetGCPercent(gc)
	if p.gc == nil {
		p.gc = map[string]int{}
	}
	p.gc[p.pass] = gc
}
func (p *limitProbe) Done() {}

// TestMemoryLimit: a run holds the heap to its memory target, raised with
// the documents read, and puts the previous limit back; a limit the
// caller (or GOMEMLIMIT) set is left alone. Under its own limit the learn
// pass collects less often, and the GC percent is put back after it.
func TestMemoryLimit(t *testing.T) {
	orig := debug.SetMemoryLimit(-1)
	if orig != math.MaxInt64 {
		t.Skip("GOMEMLIMIT is set")
	}
	origGC := debug.SetGCPercent(100)
	defer debug.SetGCPercent(origGC)
	// The limit rises every 4096 documents: 5000 see one rise, as 9000
	// see two, in half the time under the race detector.
	n := 9000
	if testing.Short() {
		n = 5000
	}
	path, _ := newsCorpus(t, t.TempDir(), n)
	for _, callers := range []int64{math.MaxInt64, 1 << 40} {
		debug.SetMemoryLimit(callers)
		p := &limitProbe{}
		cfg := defaultConfig(path)
		cfg.Progress = p
		if _, err := Run(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		if after := debug.SetMemoryLimit(-1); after != callers {
			t.Errorf("limit %d after the run, want %d back", after, callers)
		}
		wantLearn := 100
		if callers == math.MaxInt64 {
			wantLearn = learnGCPercent
		}
		if after := debug.SetGCPercent(100); after != 100 || p.gc["learn"] != wantLearn || p.gc["clean"] != 100 {
			t.Errorf("GC percent %v during the passes, %d after; want learn %d, clean 100, 100 after", p.gc, after, wantLearn)
		}
		first, last := p.seen[0], p.seen[len(p.seen)-1]
		switch {
		case callers != math.MaxInt64 && (first != callers || last != callers):
			t.Errorf("caller's limit %d: saw %d .. %d during the run", callers, first, last)
		case callers == math.MaxInt64 && (first != memoryTarget(0) || last <= first || last > memoryTarget(n)):
			t.Errorf("saw limits %d .. %d, want %d rising to at most %d", first, last, memoryTarget(0), memoryTarget(n))
		}
	}
	debug.SetMemoryLimit(orig)
}
