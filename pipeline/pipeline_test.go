package pipeline_test

// Tests of the concurrent run itself, meant for the race detector
// (.ci/run runs them under -race): determinism across worker counts and
// repeated runs, cancellation, a failing output, an input that vanishes
// between passes, --strict. Each checks the report's accounting.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsclean/clean/pipeline"
	"github.com/newsclean/clean/simhash"
)

// corpus writes n news-like documents, about one in eight an edited copy
// of an earlier one, over three files in dir: plain and gzipped JSON Lines
// and, for every tenth document, a text file.
func corpus(t *testing.T, dir string, n int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 4))
	words := strings.Fields("the a of to in and said on for that was with is by at from it as has he government minister police year people new would will city state after two but which were market report court company official week told last")
	sentence := func() string {
		ws := make([]string, 8+rng.IntN(16))
		for i := range ws {
			ws[i] = words[rng.IntN(len(words))]
		}
		return strings.Join(ws, " ") + "."
	}
	var plain, zipped bytes.Buffer
	var texts []string
	for i := range n {
		var text string
		if i > 8 && rng.IntN(8) == 0 {
			text = "From the wire\n" + texts[rng.IntN(len(texts))] + "\nShare this article on Facebook"
		} else {
			var paras []string
			for range 2 + rng.IntN(5) {
				paras = append(paras, sentence()+" "+sentence()+" "+sentence())
			}
			text = strings.Join(paras, "\n")
		}
		texts = append(texts, text)
		if i%10 == 9 {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("t%05d.txt", i)), []byte(text), 0o644)
			continue
		}
		line, _ := json.Marshal(map[string]any{"id": fmt.Sprint("d", i), "url": fmt.Sprintf("https://site%d.example/%d", i%5, i), "text": text})
		w := &plain
		if i%2 == 1 {
			w = &zipped
		}
		w.Write(append(line, '\n'))
	}
	os.WriteFile(filepath.Join(dir, "a.jsonl"), plain.Bytes(), 0o644)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(zipped.Bytes())
	zw.Close()
	os.WriteFile(filepath.Join(dir, "b.jsonl.gz"), gz.Bytes(), 0o644)
}

func baseConfig(paths ...string) pipeline.Config {
	return pipeline.Config{
		Paths: paths, Strip: true, SiteRepeat: true,
		Dedup: pipeline.DedupNear, Keep: pipeline.KeepFirst,
		Simhash: simhash.DefaultOptions(),
	}
}

// checkAccounting asserts that every document read is counted once.
func checkAccounting(t *testing.T, r *pipeline.Report) {
	t.Helper()
	if r.DocsIn != r.DocsOut+r.Duplicates+r.EmptyAfterStrip+r.Errors {
		t.Errorf("accounting broken: docs_in %d != out %d + duplicates %d + empty %d + errors %d",
			r.DocsIn, r.DocsOut, r.Duplicates, r.EmptyAfterStrip, r.Errors)
	}
}

// comparable is a report as JSON without its timings.
func comparable(t *testing.T, r *pipeline.Report) string {
	b, _ := json.Marshal(r)
	var m map[string]any
	json.Unmarshal(b, &m)
	delete(m, "seconds")
	delete(m, "stage_seconds")
	b, _ = json.Marshal(m)
	return string(b)
}

// TestDeterministic: records, clusters file and report are identical for
// 1, 2 and 8 workers and across repeated runs, in every mode that orders
// or numbers documents differently.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	n := 1500
	if testing.Short() {
		n = 600
	}
	corpus(t, dir, n)
	for _, m := range []struct {
		name string
		set  func(*pipeline.Config)
	}{
		{"keep first", func(*pipeline.Config) {}},
		{"annotate, keep longest", func(c *pipeline.Config) { c.Annotate, c.Keep = true, pipeline.KeepLongest }},
		{"annotate, exact", func(c *pipeline.Config) { c.Annotate, c.Dedup = true, pipeline.DedupExact }},
		{"annotate, no strip", func(c *pipeline.Config) { c.Annotate, c.Strip = true, false }},
	} {
		t.Run(m.name, func(t *testing.T) {
			var first, firstClusters, firstReport string
			for run, workers := range []int{1, 2, 8, 8} {
				cfg := baseConfig(dir)
				m.set(&cfg)
				var out, clusters bytes.Buffer
				cfg.Workers, cfg.Output, cfg.Clusters = workers, &out, &clusters
				rep, err := pipeline.Run(context.Background(), cfg)
				if err != nil {
					t.Fatal(err)
				}
				checkAccounting(t, rep)
				if rep.DocsIn != int64(n) || rep.Duplicates == 0 {
					t.Fatalf("%d docs in, %d duplicates: want %d in, some duplicates", rep.DocsIn, rep.Duplicates, n)
				}
				if run == 0 {
					first, firstClusters, firstReport = out.String(), clusters.String(), comparable(t, rep)
					continue
				}
				if out.String() != first || clusters.String() != firstClusters {
					t.Errorf("run %d (-j %d): output or clusters differ from -j 1", run, workers)
				}
				if got := comparable(t, rep); got != firstReport {
					t.Errorf("run %d (-j %d): report differs:\n%s\n%s", run, workers, got, firstReport)
				}
			}
		})
	}
}

// progress calls hooks as the run advances.
type progress struct {
	pass func(name string)
	add  func(docs int64)
}

func (p progress) Pass(name string) {
	if p.pass != nil {
		p.pass(name)
	}
}

func (p progress) Add(docs, _ int64) {
	if p.add != nil {
		p.add(docs)
	}
}

func (progress) Done() {}

// TestCancel: cancelling mid-run returns promptly with the context's
// error, leaves the accounting whole and no goroutine behind.
func TestCancel(t *testing.T) {
	dir := t.TempDir()
	corpus(t, dir, 1500)
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var emitting atomic.Bool
	var written atomic.Int64
	cfg := baseConfig(dir)
	cfg.Workers, cfg.Output = 4, new(bytes.Buffer)
	cfg.Progress = progress{pass: func(name string) {
		emitting.Store(name == "clean")
	}, add: func(docs int64) {
		if emitting.Load() && written.Add(docs) > 200 {
			cancel()
		}
	}}
	rep, err := pipeline.Run(ctx, cfg)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	checkAccounting(t, rep)
	if rep.DocsIn == 0 || rep.DocsIn >= 1500 {
		t.Errorf("%d docs in: want the run stopped part way", rep.DocsIn)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines left running (%d before the run)", g-before, g)
	}
}

// failingWriter accepts limit bytes, then fails.
type failingWriter struct {
	n, limit int
}

var errDiskFull = errors.New("disk full (simulated)")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.limit {
		return 0, errDiskFull
	}
	w.n += len(p)
	return len(p), nil
}

// TestOutputFails: a write error ends the run with that error, wrapped.
func TestOutputFails(t *testing.T) {
	dir := t.TempDir()
	corpus(t, dir, 3000)
	cfg := baseConfig(dir)
	cfg.Workers, cfg.Output = 4, &failingWriter{limit: 256 << 10}
	rep, err := pipeline.Run(context.Background(), cfg)
	if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "writing output") {
		t.Fatalf("err %v, want the write error, saying what was being written", err)
	}
	checkAccounting(t, rep)
}

// TestInputVanishesBetweenPasses: a file read by the learning pass and gone
// before the emitting pass is reported as unreadable; the rest is written.
// A compressed file is not missed: the clean pass reads the records the
// learn pass decompressed.
func TestInputVanishesBetweenPasses(t *testing.T) {
	defer pipeline.RoomForSpools()()
	dir := t.TempDir()
	corpus(t, dir, 300)
	gone := filepath.Join(dir, "a.jsonl")
	var out, warn bytes.Buffer
	cfg := baseConfig(dir)
	cfg.Workers, cfg.Output, cfg.Warn, cfg.Annotate = 4, &out, &warn, true
	cfg.Progress = progress{pass: func(name string) {
		if name == "clean" {
			os.Remove(gone)
			// The learn pass kept b's records decompressed: the clean
			// pass reads them from there.
			os.Remove(filepath.Join(dir, "b.jsonl.gz"))
		}
	}}
	rep, err := pipeline.Run(context.Background(), cfg)
	if !errors.Is(err, pipeline.ErrUnreadable) {
		t.Fatalf("err %v, want ErrUnreadable", err)
	}
	checkAccounting(t, rep)
	if len(rep.UnreadableInputs) != 1 || !strings.Contains(rep.UnreadableInputs[0], gone) {
		t.Errorf("unreadable inputs %q", rep.UnreadableInputs)
	}
	if !strings.Contains(warn.String(), gone) {
		t.Errorf("no warning names %s: %q", gone, warn.String())
	}
	// a.jsonl has the even documents, b the odd ones but every tenth,
	// text files every tenth.
	if want := int64(120 + 30); rep.DocsIn != want || int64(strings.Count(out.String(), "\n")) != want {
		t.Errorf("%d docs in, %d written; want %d (all but a's)", rep.DocsIn, strings.Count(out.String(), "\n"), want)
	}
}

// TestStrictStops: under Strict the first malformed record ends the run
// with ErrData; what preceded it is written.
func TestStrictStops(t *testing.T) {
	dir := t.TempDir()
	var in strings.Builder
	for i := range 500 {
		if i == 300 {
			in.WriteString("{broken\n")
		}
		fmt.Fprintf(&in, `{"id":"%d","text":"Story %d about the harbour and the council, which met on Monday and said that the work would start in spring."}`+"\n", i, i)
	}
	path := filepath.Join(dir, "in.jsonl")
	os.WriteFile(path, []byte(in.String()), 0o644)
	var out bytes.Buffer
	cfg := baseConfig(path)
	cfg.Workers, cfg.Output, cfg.Strict, cfg.Dedup = 8, &out, true, pipeline.DedupOff
	rep, err := pipeline.Run(context.Background(), cfg)
	if !errors.Is(err, pipeline.ErrData) || !strings.Contains(err.Error(), path+":301") {
		t.Fatalf("err %v, want ErrData naming %s:301", err, path)
	}
	checkAccounting(t, rep)
	if rep.DocsIn != 301 || rep.Errors != 1 {
		t.Errorf("%d docs in, %d errors: want 301, 1", rep.DocsIn, rep.Errors)
	}
	if got := strings.Count(out.String(), "\n"); got != 300 {
		t.Errorf("%d records written, want the 300 before the broken one", got)
	}
}

// randomStory is eight paragraphs of 22 random words.
func randomStory(rng *rand.Rand) []string {
	var paras []string
	for range 8 {
		ws := make([]string, 22)
		for i := range ws {
			b := make([]byte, 3+rng.IntN(6))
			for j := range b {
				b[j] = byte('a' + rng.IntN(26))
			}
			ws[i] = string(b)
		}
		paras = append(paras, strings.Join(ws, " ")+".")
	}
	return paras
}

// TestKeepLongestMergesHalves: a story's first and second halves arrive
// before it and start two clusters; the story holds both, so with --keep
// longest all three are one cluster represented by the story.
func TestKeepLongestMergesHalves(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	s, other := randomStory(rng), randomStory(rng)
	texts := []string{
		strings.Join(s[:4], "\n\n"), strings.Join(s[4:], "\n\n"),
		strings.Join(other, "\n\n"), strings.Join(s, "\n\n"),
	}
	var in bytes.Buffer
	for i, text := range texts {
		line, _ := json.Marshal(map[string]any{"id": fmt.Sprint("d", i), "url": fmt.Sprintf("https://site%d.example/", i), "text": text})
		in.Write(append(line, '\n'))
	}
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, in.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := baseConfig(path)
	cfg.Strip, cfg.Annotate, cfg.Keep = false, true, pipeline.KeepLongest
	var out bytes.Buffer
	cfg.Output = &out
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var r struct{ Cluster string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		got = append(got, r.Cluster)
	}
	if want := []string{"d3", "d3", "d2", "d3"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("clusters %v, want %v", got, want)
	}
}
