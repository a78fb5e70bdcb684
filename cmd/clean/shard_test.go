package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsclean/clean/internal/warcgen"
)

// shardCorpus writes a corpus of several inputs that shards must cut
// right: a large JSON Lines file whose records lack ids on some lines
// (named FILE:LINE), carry site boilerplate (learned across shards),
// repeat earlier stories (clustered across shards), hold a malformed line
// and an empty text, and on a small site a template sentence; a gzip
// file; a text file; a Parquet file; a WARC file. It returns the inputs.
func shardCorpus(t *testing.T, dir string, n int) []string {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 8))
	words := strings.Fields("the a of to in and said on for that was with is by at from it as has he government minister police year people new would will city state after two but which were their not market report court company official week told last been more first president")
	sentence := func() string {
		var b strings.Builder
		for i := range 8 + rng.IntN(20) {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String() + "."
	}
	var texts []string
	var later []string // a story's cut copies come first, then it (late duplicates)
	record := func(i int) []byte {
		site := i % 11
		var text string
		if len(later) > 0 && rng.IntN(3) == 0 {
			text, later = later[0], later[1:]
		} else if i > 10 && rng.IntN(4) == 0 {
			text = texts[rng.IntN(len(texts))] // a copy, maybe of a longer or shorter story
			if rng.IntN(2) == 0 {
				text += "\n" + sentence() + " " + sentence()
			}
		} else {
			var paras []string
			for range 2 + rng.IntN(6) {
				paras = append(paras, sentence()+" "+sentence())
			}
			text = strings.Join(paras, "\n")
			if n := len(paras); n >= 6 && rng.IntN(8) == 0 {
				// Its first half now; its lead and last three eighths,
				// then the whole story, later.
				text = strings.Join(paras[:n/2], "\n")
				later = append(later, strings.Join(append(paras[:2:2], paras[n-3*n/8:]...), "\n"), strings.Join(paras, "\n"))
			}
		}
		texts = append(texts, text)
		// A small site (20 pages) ends every story with a short sentence:
		// on most of its pages but too few for a sentence anywhere, the
		// single run removes it as its template's, and so must a run
		// whose table came from learn-merge.
		if i%125 == 50 {
			site = 11
			text += "\nWe print the Site 11 paper for you every single morning."
		}
		text = fmt.Sprintf("Site %d home | World | Sport\n%s\nSubscribe to the site %d newsletter today", site, text, site)
		rec := map[string]any{"url": fmt.Sprintf("https://site%d.example/a/%d", site, i), "text": text}
		if i%5 != 0 {
			rec["id"] = fmt.Sprint("doc-", i)
		}
		if i == 77 {
			rec["text"] = "Site 0 home | World | Sport"
		}
		line, _ := json.Marshal(rec)
		if i == 123 {
			line = []byte(`{"id": "broken", "text": `)
		}
		return append(line, '\n')
	}
	var big, small bytes.Buffer
	for i := range n {
		if i%10 == 9 {
			small.Write(record(i))
		} else {
			big.Write(record(i))
		}
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(small.Bytes())
	zw.Close()
	files := map[string][]byte{
		"a.jsonl":    big.Bytes(),
		"b.jsonl.gz": gz.Bytes(),
		"c.txt":      []byte(texts[3] + "\n"),
		"d.jsonl":    []byte(string(record(n)) + string(record(n+1))),
	}
	pq, err := os.ReadFile(filepath.Join("..", "..", pqPath("v1_zstd"))) // a Parquet file goes whole to a shard
	if err != nil {
		t.Fatal(err)
	}
	files["e.parquet"] = pq
	// An uncompressed WARC file, which shards must not cut by lines: its
	// pages hold lines of their own.
	var warc bytes.Buffer
	ww := warcgen.NewWriter(&warc, false)
	for i := range 400 {
		page := fmt.Sprintf("<html><head><title>Story %d</title></head><body><article><h1>Story %d</h1>\n<p>%s</p>\n<p>%s</p>\n<p>%s</p></article>\n<footer>Site %d home</footer></body></html>",
			i, i, sentence()+" "+sentence(), sentence()+" "+sentence(), sentence(), i%3)
		if err := ww.Write(warcgen.Response(fmt.Sprintf("https://w%d.example/s/%d", i%3, i), "text/html", []byte(page))); err != nil {
			t.Fatal(err)
		}
	}
	files["f.warc"] = warc.Bytes()
	var paths []string
	for _, name := range []string{"a.jsonl", "f.warc", "b.jsonl.gz", "c.txt", "d.jsonl", "e.parquet"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	return paths
}

// TestShardVerbsMatchSingleRun: the verbs with n = 1, 2 and 7 shards give
// the single run's output and clusters byte for byte, and their reports
// sum to its report, in every mode.
func TestShardVerbsMatchSingleRun(t *testing.T) {
	if testing.Short() {
		// 222 runs of the binary, which is not race-instrumented: 320 s
		// of CI's race step (-short) for nothing the plain run lacks.
		t.Skip("222 runs of clean; run without -short")
	}
	dir := t.TempDir()
	inputs := shardCorpus(t, dir, 2500)
	must := func(args ...string) result {
		t.Helper()
		res := runClean(t, "", args...)
		if res.code != 0 {
			t.Fatalf("clean %v: exit %d: %s", args, res.code, res.stderr)
		}
		return res
	}
	for _, mode := range [][]string{nil, {"--annotate"}, {"--keep", "longest"}, {"--dedup", "exact"}, {"--explain"}, {"--explain", "--keep", "longest"}} {
		flags := append([]string{"-q", "-j", "2"}, mode...)
		// --explain: the explanations, on standard output, instead of
		// the records.
		explain := slices.Contains(mode, "--explain")
		single := filepath.Join(dir, "single")
		res := must(append(append(flags, inputs...), "-o", single, "--clusters", single+".cl", "--report", single+".rep", "--rejects", single+".rej")...)
		wantRej, _ := os.ReadFile(single + ".rej")
		want, _ := os.ReadFile(single)
		if explain {
			want = []byte(res.stdout)
			os.Remove(single) // none is written
		}
		wantCl, _ := os.ReadFile(single + ".cl")
		wantRep := readReport(t, single+".rep")
		if wantRep.Duplicates < 300 || wantRep.Errors != 1 || mode == nil && wantRep.LateDuplicates == 0 {
			t.Fatalf("%v: the corpus has %d duplicates (%d found late), %d errors: not the test intended", mode, wantRep.Duplicates, wantRep.LateDuplicates, wantRep.Errors)
		}
		for _, n := range []int{1, 2, 7} {
			d := filepath.Join(dir, fmt.Sprint(strings.Join(mode, ""), n))
			os.Mkdir(d, 0o755)
			var counts, sketches []string
			for i := range n {
				counts = append(counts, filepath.Join(d, fmt.Sprint("T_", i)))
				must(append(append(append([]string{"learn", "--shard", fmt.Sprint(i, "/", n)}, flags...), inputs...), "-o", counts[i])...)
			}
			table := filepath.Join(d, "T")
			must(append(append(append([]string{"learn-merge"}, flags...), counts...), "-o", table)...)
			// n > 1: apply takes the texts of sketch; n = 1: it strips again.
			// n = 2 replays them without reading the inputs (no --rejects,
			// no --annotate); n = 7 gives --rejects, which reads them.
			texts := func(i int) []string {
				if n == 1 {
					return nil
				}
				return []string{"--texts", filepath.Join(d, fmt.Sprint("X_", i))}
			}
			for i := range n {
				sketches = append(sketches, filepath.Join(d, fmt.Sprint("S_", i)))
				must(append(append(append(append([]string{"sketch", "--table", table, "--shard", fmt.Sprint(i, "/", n)}, texts(i)...), flags...), inputs...), "-o", sketches[i])...)
			}
			dec := filepath.Join(d, "D")
			must(append(append(append([]string{"cluster"}, flags...), sketches...), "-o", dec, "--clusters", dec+".cl")...)
			var got, gotRej bytes.Buffer
			var sum report
			for i := range n {
				out, rep := filepath.Join(d, fmt.Sprint("O_", i)), filepath.Join(d, fmt.Sprint("R_", i))
				var rejects []string
				if n != 2 {
					rejects = []string{"--rejects", out + ".rej"}
				}
				res := must(append(append(append(append(append([]string{"apply", "--table", table, "--decisions", dec, "--shard", fmt.Sprint(i, "/", n)}, texts(i)...), flags...), inputs...), "-o", out, "--report", rep), rejects...)...)
				b, _ := os.ReadFile(out)
				if explain {
					b = []byte(res.stdout + string(b))
				}
				got.Write(b)
				b, _ = os.ReadFile(out + ".rej")
				gotRej.Write(b)
				r := readReport(t, rep)
				sum.DocsIn += r.DocsIn
				sum.DocsOut += r.DocsOut
				sum.Duplicates += r.Duplicates
				sum.Clusters += r.Clusters
				sum.Errors += r.Errors
				sum.EmptyAfterStrip += r.EmptyAfterStrip
				sum.BytesIn += r.BytesIn
				sum.BytesOut += r.BytesOut
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%v, n=%d: concatenated output differs from the single run's (%d against %d bytes)", mode, n, got.Len(), len(want))
			}
			if n != 2 && (!bytes.Equal(gotRej.Bytes(), wantRej) || len(wantRej) == 0) {
				t.Errorf("%v, n=%d: rejects %q, single run %q", mode, n, gotRej.Bytes(), wantRej)
			}
			if cl, _ := os.ReadFile(dec + ".cl"); !bytes.Equal(cl, wantCl) {
				t.Errorf("%v, n=%d: clusters file differs from the single run's", mode, n)
			}
			if sum.DocsIn != wantRep.DocsIn || sum.DocsOut != wantRep.DocsOut || sum.Duplicates != wantRep.Duplicates ||
				sum.Clusters != wantRep.Clusters || sum.Errors != wantRep.Errors || sum.EmptyAfterStrip != wantRep.EmptyAfterStrip ||
				sum.BytesIn != wantRep.BytesIn || sum.BytesOut != wantRep.BytesOut {
				t.Errorf("%v, n=%d: reports sum to %+v, single run %+v", mode, n, sum, wantRep)
			}
		}
	}
}

// TestShardFilesChecked: a verb refuses a truncated or corrupt file, a
// file of another kind, one made with other options or for other inputs,
// and an incomplete set of shards, naming the file.
func TestShardFilesChecked(t *testing.T) {
	dir := t.TempDir()
	inputs := shardCorpus(t, dir, 300)
	path := func(name string) string { return filepath.Join(dir, name) }
	run := func(args ...string) result { t.Helper(); return runClean(t, "", append(args, "-q")...) }
	for i := range 2 {
		if res := run(append([]string{"learn", "--shard", fmt.Sprint(i, "/2"), "-o", path(fmt.Sprint("T", i))}, inputs...)...); res.code != 0 {
			t.Fatal(res.stderr)
		}
	}
	if res := run("learn-merge", path("T0"), path("T1"), "-o", path("T")); res.code != 0 {
		t.Fatal(res.stderr)
	}
	if res := run(append([]string{"sketch", "--table", path("T"), "--shard", "0/2", "-o", path("S0")}, inputs...)...); res.code != 0 {
		t.Fatal(res.stderr)
	}
	table, _ := os.ReadFile(path("T"))
	os.WriteFile(path("cut"), table[:len(table)-3], 0o644)
	flipped := bytes.Clone(table)
	flipped[len(flipped)/2] ^= 1
	os.WriteFile(path("flipped"), flipped, 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"sketch", "--table", path("cut"), "--shard", "0/2"}, "truncated"},
		{[]string{"sketch", "--table", path("flipped"), "--shard", "0/2"}, "checksum"},
		{[]string{"sketch", "--table", path("T0"), "--shard", "0/2"}, "holds site-repeat counts, not site-repeat table"},
		{[]string{"sketch", "--table", inputs[0], "--shard", "0/2"}, "not a file of clean's shard verbs"},
		{[]string{"sketch", "--table", path("T"), "--shard", "0/2", "--dedup", "exact"}, "other options"},
		{[]string{"sketch", "--table", path("T"), "--shard", "0/2", "--keep", "longest"}, "other options"},
		{[]string{"learn-merge", path("T0"), "--site-field", "link"}, "other options"},
		{[]string{"cluster", path("S0")}, "shard 0/2, but 1 sketch files given"},
		{[]string{"cluster", path("S0"), path("S0")}, "given twice"},
		{[]string{"sketch", "--shard", "0/2"}, "--table"},
		{[]string{"apply", "--table", path("T"), "--shard", "0/2"}, "--decisions"},
		{[]string{"learn", "--shard", "2/2"}, "0 <= i < n"},
	} {
		args := c.args
		if c.args[0] == "sketch" || c.args[0] == "apply" || c.args[0] == "learn" {
			args = append(args, inputs...)
		}
		res := run(append(args, "-o", path("out"))...)
		if res.code == 0 || !strings.Contains(res.stderr, c.want) {
			t.Errorf("clean %v: exit %d, %q; want a failure saying %q", c.args, res.code, res.stderr, c.want)
		}
	}
	// Other inputs: the table was learned from all of inputs.
	if res := run("sketch", "--table", path("T"), "--shard", "0/2", inputs[0], "-o", path("out")); res.code == 0 || !strings.Contains(res.stderr, "other inputs") {
		t.Errorf("sketch over other inputs: exit %d, %q", res.code, res.stderr)
	}
}

// TestIndexDedupsAcrossRuns: with --index, a document of today's run
// that repeats one kept by an earlier run is its duplicate, named by the
// earlier id; the index grows with each run's representatives, and a
// corrupt index fails the run and is left as it was.
func TestIndexDedupsAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	day1 := writeCorpus(t, 300)
	recs := records(t, mustRead(t, day1))
	// Day 2: copies of day 1's stories under new ids, and new stories.
	var b strings.Builder
	for i, r := range recs[:100] {
		b.WriteString(jsonl(map[string]any{"id": fmt.Sprint("day2-copy-", i), "url": "https://other.example/x", "text": r.Text}))
	}
	day2 := filepath.Join(dir, "day2.jsonl")
	// New stories: day 1's words in reverse order share no shingle with it.
	for i, r := range recs[200:250] {
		words := strings.Fields(r.Text)
		slices.Reverse(words)
		b.WriteString(jsonl(map[string]any{"id": fmt.Sprint("day2-new-", i), "text": strings.Join(words, " ")}))
	}
	os.WriteFile(day2, []byte(b.String()), 0o644)

	for _, run := range []struct{ mode, keep string }{{"near", "first"}, {"exact", "first"}, {"near", "longest"}, {"exact", "longest"}} {
		mode := run.mode
		idx := filepath.Join(dir, mode+".idx")
		if run.keep == "longest" {
			mode += " --keep longest"
			idx = filepath.Join(dir, run.mode+"-longest.idx")
		}
		flags := func(args ...string) []string {
			return append([]string{"-q", "--dedup", run.mode, "--keep", run.keep, "--index", idx}, args...)
		}
		if res := runClean(t, "", flags(day1, "-o", filepath.Join(dir, "out1"))...); res.code != 0 {
			t.Fatal(res.stderr)
		}
		res := runClean(t, "", flags("--annotate", day2)...)
		if res.code != 0 {
			t.Fatal(res.stderr)
		}
		dups := 0
		for _, r := range records(t, res.stdout) {
			if strings.HasPrefix(r.ID, "day2-copy-") {
				if !r.Duplicate || !strings.HasPrefix(r.Cluster, "doc-") {
					t.Errorf("%s: %s: duplicate %v, cluster %q; want a duplicate of a day-1 document", mode, r.ID, r.Duplicate, r.Cluster)
				}
				dups++
			} else if r.Duplicate && strings.HasPrefix(r.Cluster, "doc-") {
				t.Errorf("%s: %s: a new story clustered with day 1's %s", mode, r.ID, r.Cluster)
			}
		}
		if dups != 100 {
			t.Errorf("%s: %d day-2 copies, want 100", mode, dups)
		}
		// Day 2 again: its new stories are in the index now.
		res = runClean(t, "", flags("--annotate", day2)...)
		for _, r := range records(t, res.stdout) {
			if !r.Duplicate {
				t.Errorf("%s: %s: kept again, though the index holds it from the last run", mode, r.ID)
			}
		}
		// Without the index, the copies are kept.
		if res := runClean(t, "", "-q", "--dedup", run.mode, day2); len(records(t, res.stdout)) < 120 {
			t.Errorf("%s: without --index only %d documents kept", mode, len(records(t, res.stdout)))
		}
	}
	idx := filepath.Join(dir, "near.idx")
	data, _ := os.ReadFile(idx)
	os.WriteFile(idx, data[:len(data)-1], 0o644)
	if res := runClean(t, "", "-q", "--index", idx, day2); res.code == 0 || !strings.Contains(res.stderr, "truncated") {
		t.Errorf("truncated index: exit %d, %q", res.code, res.stderr)
	}
	if after, _ := os.ReadFile(idx); len(after) != len(data)-1 {
		t.Errorf("a failed run changed the index")
	}
	if res := runClean(t, "", "-q", "--index", filepath.Join(dir, "exact.idx"), day2); res.code == 0 || !strings.Contains(res.stderr, "another --dedup") {
		t.Errorf("index of another dedup mode: exit %d, %q", res.code, res.stderr)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestShardVerbsProfile: the shard verbs honour --cpuprofile and
// --memprofile, which they accepted and ignored before.
func TestShardVerbsProfile(t *testing.T) {
	dir := t.TempDir()
	corpus := writeCorpus(t, 50)
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	res := runClean(t, "", "learn", "-q", "--shard", "0/1", "--cpuprofile", cpu, "--memprofile", mem, corpus, "-o", filepath.Join(dir, "counts"))
	if res.code != 0 {
		t.Fatal(res.stderr)
	}
	for _, p := range []string{cpu, mem} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: not written (%v)", p, err)
		}
	}
}
