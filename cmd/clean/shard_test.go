package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shardCorpus writes a corpus of several inputs that shards must cut
// right: a large JSON Lines file whose records lack ids on some lines
// (named FILE:LINE), carry site boilerplate (learned across shards),
// repeat earlier stories (clustered across shards), hold a malformed line
// and an empty text; a gzip file; a text file. It returns the inputs.
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
	record := func(i int) []byte {
		site := i % 11
		var text string
		if i > 10 && rng.IntN(4) == 0 {
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
		}
		texts = append(texts, text)
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
	var paths []string
	for _, name := range []string{"a.jsonl", "b.jsonl.gz", "c.txt", "d.jsonl"} {
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
	for _, mode := range [][]string{nil, {"--annotate"}, {"--keep", "longest"}, {"--dedup", "exact"}} {
		flags := append([]string{"-q", "-j", "2"}, mode...)
		single := filepath.Join(dir, "single")
		must(append(append(flags, inputs...), "-o", single, "--clusters", single+".cl", "--report", single+".rep")...)
		want, _ := os.ReadFile(single)
		wantCl, _ := os.ReadFile(single + ".cl")
		wantRep := readReport(t, single+".rep")
		if wantRep.Duplicates < 300 || wantRep.Errors != 1 {
			t.Fatalf("%v: the corpus has %d duplicates, %d errors: not the test intended", mode, wantRep.Duplicates, wantRep.Errors)
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
			for i := range n {
				sketches = append(sketches, filepath.Join(d, fmt.Sprint("S_", i)))
				must(append(append(append([]string{"sketch", "--table", table, "--shard", fmt.Sprint(i, "/", n)}, flags...), inputs...), "-o", sketches[i])...)
			}
			dec := filepath.Join(d, "D")
			must(append(append(append([]string{"cluster"}, flags...), sketches...), "-o", dec, "--clusters", dec+".cl")...)
			var got bytes.Buffer
			var sum report
			for i := range n {
				out, rep := filepath.Join(d, fmt.Sprint("O_", i)), filepath.Join(d, fmt.Sprint("R_", i))
				must(append(append(append([]string{"apply", "--table", table, "--decisions", dec, "--shard", fmt.Sprint(i, "/", n)}, flags...), inputs...), "-o", out, "--report", rep)...)
				b, _ := os.ReadFile(out)
				got.Write(b)
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
