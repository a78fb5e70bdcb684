// Command bench-neardup scores near-duplicate clustering on a labelled set.
//
//	go run ./cmd/bench-neardup -data ../shared/bench/neardup
//	go run ./cmd/bench-neardup -data ../shared/bench/neardup -annotated out.jsonl
//	go run ./cmd/gencorpus -docs 1000000 | go run ./cmd/bench-neardup -scale -
//	go run ./cmd/gencorpus -docs 1000000 | go run ./cmd/bench-neardup -scale - -replicate 10000000
//
// By default it fingerprints and clusters synth_bbc_neardup.jsonl with the
// simhash package directly. With -annotated it scores the output of
// `clean --annotate` instead: records are matched by id, the true labels
// always come from the data file and the prediction from the annotated
// file's "cluster" field (which clean overwrites with the representative's
// id, so the input's own "cluster" label never leaks into it). It prints
// pairwise
// precision, recall and F1, the adjusted Rand index, merged hard-negative
// pairs, fingerprinting MB/s on one core, clustering documents/s and index
// bytes per document, then the pair scores and merged hard negatives of
// the library in the other orders of -hard (late: originals after their
// copies; reversed; shuffled). The one-core fingerprinting pass is timed in thread
// CPU time -passes times (default 3) and printed as a range and median,
// because other jobs on a shared machine disturb single passes;
// -cpuprofile writes a profile of those passes.
//
// With -hard DIR (the bbc directory of the data) it generates the harder
// set of hard.go from the BBC articles, for -split dev or holdout (dev2:
// the dev articles with a fourth set of edits and outlets; novel: the
// holdout articles with a third, for aggregate figures only), and
// scores the library in four input orders, per kind of copy, with exact
// word 5-gram Jaccard >= 0.5 as the reference (-extra adds copies of kinds
// the design was not tuned on, see extraKinds); -write FILE -order ORDER
// writes that set for clean, and -annotated scores clean's output on it.
// DIR may instead hold the extraction benchmarks' ground-truth.json files
// (up to two levels down, as ../shared/bench does): other sites'
// articles, longer, with headlines naming their site (see texts.go):
//
//	go run ./cmd/bench-neardup -hard /work/shared/bench/neardup/bbc -split holdout
//	go run ./cmd/bench-neardup -hard /work/shared/bench -split holdout
//	go run ./cmd/bench-neardup -hard DIR -split holdout -write h.jsonl -order shuffled
//	go run ./cmd/clean --annotate -q --strip=false h.jsonl > a.jsonl
//	go run ./cmd/bench-neardup -hard DIR -split holdout -annotated a.jsonl
//
// With -shapes DIR it rewrites every article of the bbc directory in
// each of the shapes and light edits of shapes.go and counts those that
// stay apart from their original, clustered two at a time in both orders,
// then how many articles join another story's copy carrying their first
// 1 to 4 paragraphs as its teaser (pairs that must stay apart; DIR may
// also be the extraction benchmarks' directory):
//
//	go run ./cmd/bench-neardup -shapes /work/shared/bench/neardup/bbc
//
// With -scale FILE it reads a generated corpus (see cmd/gencorpus), and
// reports throughput and memory of the clusterer alone, plus pairwise
// scores against the generator's "cluster" labels when present.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"time"

	"github.com/newsclean/clean/simhash"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench-neardup:", err)
		os.Exit(1)
	}
}

type record struct {
	ID      string `json:"id"`
	Cluster string `json:"cluster"`
	Text    string `json:"text"`
	// original, or the kind of copy: "variant" in the labelled set; an
	// edit kind, "event" or "quote" in the harder set
	Kind string `json:"kind"`
}

func run() error {
	o := simhash.DefaultOptions()
	data := flag.String("data", "", "directory holding synth_bbc_neardup.jsonl and synth_bbc_hardneg_pairs.jsonl")
	annotated := flag.String("annotated", "", "score this `FILE` written by clean --annotate instead of running the library")
	scale := flag.String("scale", "", "measure throughput and memory on a generated corpus `FILE` (- for stdin)")
	replicate := flag.Int("replicate", 0, "with -scale: cluster `N` documents by cycling the corpus's sketches under per-copy masks")
	showMisses := flag.Int("misses", 0, "print up to `N` missed and N wrongly merged pairs")
	passes := flag.Int("passes", 3, "time the one-core fingerprinting pass `N` times and print the range")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the one-core fingerprinting pass (with -scale: of the whole run) to `FILE`")
	flag.Float64Var(&o.Containment, "containment", o.Containment, "containment threshold")
	flag.IntVar(&o.ChunkDistance, "distance", o.ChunkDistance, "passage Hamming distance")
	flag.IntVar(&o.Shingle, "shingle", o.Shingle, "words per shingle")
	flag.IntVar(&o.MinLineWords, "min-line-words", o.MinLineWords, "shortest line fingerprinted")
	flag.IntVar(&o.ChunkShingles, "chunk", o.ChunkShingles, "passage length setting (simhash.Options.ChunkShingles; 32 gives about 24 shingles)")
	flag.IntVar(&o.StoredChunks, "stored", o.StoredChunks, "passages stored per representative")
	flag.IntVar(&o.IndexedChunks, "indexed", o.IndexedChunks, "passages indexed per representative")
	flag.IntVar(&o.TailSlack, "tail-slack", o.TailSlack, "whole-simhash slack in bits")
	hard := flag.String("hard", "", "generate the harder set from the BBC articles under `DIR` (the bbc directory of -data), or from the extraction benchmarks' ground-truth.json files under it (other sites' articles), and score it in every order")
	split := flag.String("split", "dev", "with -hard: the half of articles, edits and outlets to use, dev or holdout; dev2: dev's articles with another set of edits and outlets; novel: holdout's articles with a third set, for aggregates only")
	seed := flag.Uint64("seed", 1, "with -hard: random seed of the edits and of the shuffled order")
	extra := flag.Bool("extra", false, "with -hard: also make copies of the kinds in extraKinds, which the design was not tuned on")
	letters := flag.String("letters", "", "with -hard: write every text's Latin letters as `SCRIPT` (cyrillic, greek, arabic or devanagari, one letter for one, arabic and devanagari without case, devanagari's vowels as vowel signs and full stops as dandas; han or thai, each word written in characters of that script without spaces between words, as Chinese and Thai are), outside HTML character references: other words, so other passage cuts and chance matches")
	write := flag.String("write", "", "with -hard: write the set to `FILE` in -order, for clean --annotate, instead of scoring")
	order := flag.String("order", "input", "with -hard -write: input, late (originals after their copies), reversed, shuffled or shortest (by length, cut copies first)")
	shapesDir := flag.String("shapes", "", "rewrite every BBC article under `DIR` in each of the shapes and edits of shapes.go (sentence per line, soft hyphens, a word in 20 replaced, ...) and count those that stay apart from their original, in both orders; then the articles that join a copy of another story carrying their first paragraphs as its teaser")
	flag.Parse()
	if err := o.Validate(); err != nil {
		return err
	}
	if *shapesDir != "" {
		return runShapes(*shapesDir, o, *write, *annotated, *order)
	}
	if *hard != "" {
		return runHard(*hard, *split, *seed, *extra, *letters, o, *write, *annotated, *order, *showMisses)
	}
	if *scale != "" {
		return runScale(*scale, o, *replicate, *cpuProfile)
	}
	if *data == "" {
		return errors.New("-data DIR is required")
	}
	docs, err := readRecords(filepath.Join(*data, "synth_bbc_neardup.jsonl"))
	if err != nil {
		return err
	}
	var pred []int
	var sk []simhash.Sketch
	if *annotated != "" {
		if pred, _, err = readAnnotated(*annotated, docs); err != nil {
			return err
		}
	} else {
		if pred, sk, err = runLibrary(docs, o, *passes, *cpuProfile); err != nil {
			return err
		}
	}
	labels := make([]string, len(docs))
	for i, d := range docs {
		labels[i] = d.Cluster
	}
	s := score(labels, pred)
	fmt.Printf("pairs: precision %.4f recall %.4f F1 %.4f ARI %.4f (tp %d fp %d fn %d)\n",
		s.precision, s.recall, s.f1, s.ari, s.tp, s.fp, s.fn)
	negsPath := filepath.Join(*data, "synth_bbc_hardneg_pairs.jsonl")
	negs, merged, err := hardNegatives(negsPath, docs, pred)
	if err != nil {
		return err
	}
	fmt.Printf("hard negatives merged: %d of %d\n", len(merged), negs)
	if *showMisses > 0 {
		printMisses(docs, pred, merged, *showMisses)
	}
	// The other orders, for the library only: copies before their
	// originals, the whole set reversed, shuffled.
	for _, ord := range orders[1:] {
		if sk == nil {
			break
		}
		pred := clusterIn(sk, permute(docs, ord, *seed), o)
		s := score(labels, pred)
		_, merged, err := hardNegatives(negsPath, docs, pred)
		if err != nil {
			return err
		}
		fmt.Printf("%-9s precision %.4f recall %.4f F1 %.4f (fp %d fn %d), hard negatives merged %d\n",
			ord, s.precision, s.recall, s.f1, s.fp, s.fn, len(merged))
	}
	return nil
}

// clusterIn clusters the sketches in the order idx and returns, for each
// document, the index of its cluster's first document in that order.
func clusterIn(sk []simhash.Sketch, idx []int, o simhash.Options) []int {
	c := simhash.NewClusterer(o)
	ids := make([]int, len(sk))
	for _, i := range idx {
		ids[i] = c.Add(sk[i])
	}
	pred := make([]int, len(sk))
	for i, id := range ids {
		pred[i] = idx[c.Resolve(id)]
	}
	return pred
}

// runLibrary fingerprints on all cores, then clusters in input order,
// timing each stage.
func runLibrary(docs []record, o simhash.Options, passes int, cpuProfile string) ([]int, []simhash.Sketch, error) {
	fp := simhash.NewFingerprinter(o)
	sk := make([]simhash.Sketch, len(docs))
	bytes := 0
	for _, d := range docs {
		bytes += len(d.Text)
	}
	// One core first, for the per-core figure. It is timed in thread CPU
	// time, so other processes on a shared machine do not distort it.
	runtime.LockOSThread()
	stopProfile, err := startCPUProfile(cpuProfile)
	if err != nil {
		return nil, nil, err
	}
	rates := make([]float64, max(1, passes))
	for p := range rates {
		cpu0 := threadCPU()
		for i, d := range docs {
			sk[i] = fp.Sketch(d.Text)
		}
		rates[p] = mbps(bytes, threadCPU()-cpu0)
	}
	stopProfile()
	slices.Sort(rates)
	runtime.UnlockOSThread()
	workers := runtime.GOMAXPROCS(0)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				sk[i] = fp.Sketch(docs[i].Text)
			}
		})
	}
	wg.Wait()
	all := time.Since(start)
	c := simhash.NewClusterer(o)
	pred := make([]int, len(docs))
	start = time.Now()
	for i := range sk {
		pred[i] = c.Add(sk[i])
	}
	cl := time.Since(start)
	for i, id := range pred {
		pred[i] = c.Resolve(id)
	}
	fmt.Printf("fingerprint: %.1f-%.1f MB/s per core, median %.1f, over %d passes (thread CPU time); %.1f MB/s wall on %d (%d docs, %.1f MB)\n",
		rates[0], rates[len(rates)-1], rates[len(rates)/2], len(rates), mbps(bytes, all), workers, len(docs), float64(bytes)/1e6)
	fmt.Printf("cluster: %.0f docs/s, %d clusters, index %.1f bytes/doc\n",
		float64(len(docs))/cl.Seconds(), c.Representatives(), float64(c.IndexBytes())/float64(len(docs)))
	return pred, sk, nil
}

func mbps(n int, d time.Duration) float64 { return float64(n) / 1e6 / d.Seconds() }

func readRecords(path string) ([]record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []record
	err = eachLine(f, func(line []byte) error {
		var r record
		if err := json.Unmarshal(line, &r); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

func eachLine(r io.Reader, fn func([]byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return err
		}
	}
	return sc.Err()
}

// readAnnotated maps each labelled document to the index of the document
// named by its annotated "cluster" field, and returns the output's text of
// each (empty for a document missing from it).
func readAnnotated(path string, docs []record) ([]int, []string, error) {
	idx := make(map[string]int, len(docs))
	for i, d := range docs {
		idx[d.ID] = i
	}
	pred := make([]int, len(docs))
	texts := make([]string, len(docs))
	for i := range pred {
		pred[i] = -1
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	err = eachLine(f, func(line []byte) error {
		var r struct {
			ID      string `json:"id"`
			Cluster string `json:"cluster"`
			Text    string `json:"text"`
		}
		if err := json.Unmarshal(line, &r); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		i, ok := idx[r.ID]
		j, ok2 := idx[r.Cluster]
		if !ok || !ok2 {
			return fmt.Errorf("%s: unknown id %q or cluster %q", path, r.ID, r.Cluster)
		}
		pred[i], texts[i] = j, r.Text
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for i, p := range pred {
		if p < 0 {
			// Missing from the output (dropped as empty): its own cluster.
			pred[i] = i
		}
	}
	return pred, texts, nil
}

type scores struct {
	precision, recall, f1, ari float64
	tp, fp, fn                 int64
}

// score compares a predicted partition with labels over all pairs, using
// the contingency table rather than enumerating pairs.
func score[L comparable](labels []L, pred []int) scores {
	type cell struct {
		l L
		p int
	}
	nl := map[L]int64{}
	np := map[int]int64{}
	nc := map[cell]int64{}
	for i, l := range labels {
		nl[l]++
		np[pred[i]]++
		nc[cell{l, pred[i]}]++
	}
	pairs := func(n int64) int64 { return n * (n - 1) / 2 }
	var sl, sp, sc int64
	for _, v := range nl {
		sl += pairs(v)
	}
	for _, v := range np {
		sp += pairs(v)
	}
	for _, v := range nc {
		sc += pairs(v)
	}
	s := scores{tp: sc, fp: sp - sc, fn: sl - sc}
	s.precision = ratio(sc, sp)
	s.recall = ratio(sc, sl)
	if s.precision+s.recall > 0 {
		s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall)
	}
	total := float64(pairs(int64(len(labels))))
	expected := float64(sl) * float64(sp) / total
	if den := (float64(sl)+float64(sp))/2 - expected; den != 0 {
		s.ari = (float64(sc) - expected) / den
	}
	return s
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func hardNegatives(path string, docs []record, pred []int) (int, [][2]int, error) {
	idx := make(map[string]int, len(docs))
	for i, d := range docs {
		idx[d.ID] = i
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, nil, err
	}
	defer f.Close()
	n := 0
	var merged [][2]int
	err = eachLine(f, func(line []byte) error {
		var p struct{ A, B string }
		if err := json.Unmarshal(line, &p); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		a, okA := idx[p.A]
		b, okB := idx[p.B]
		if !okA || !okB {
			return fmt.Errorf("%s: unknown id in pair %q %q", path, p.A, p.B)
		}
		n++
		if pred[a] == pred[b] {
			merged = append(merged, [2]int{a, b})
		}
		return nil
	})
	return n, merged, err
}

func printMisses(docs []record, pred []int, merged [][2]int, limit int) {
	shown := 0
	for i, d := range docs {
		if shown >= limit {
			break
		}
		// A labelled duplicate whose first labelled document is elsewhere.
		for j := 0; j < i; j++ {
			if docs[j].Cluster == d.Cluster {
				if pred[i] != pred[j] {
					fmt.Printf("missed: %s (rep %s)\n", d.ID, docs[j].ID)
					shown++
				}
				break
			}
		}
	}
	for i, m := range merged {
		if i >= limit {
			break
		}
		fmt.Printf("merged hard negative: %s + %s\n", docs[m[0]].ID, docs[m[1]].ID)
	}
	shown = 0
	for i := range docs {
		if shown < limit && pred[i] != i && docs[pred[i]].Cluster != docs[i].Cluster {
			fmt.Printf("wrong merge: %s into %s\n", docs[i].ID, docs[pred[i]].ID)
			shown++
		}
	}
}

// startCPUProfile starts a CPU profile to path ("" for none); stop ends
// it and closes the file.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
