// Command bench-strip scores boilerplate stripping on a corpus written by
// cmd/genstrip, whose truth file knows every body unit and boilerplate
// line.
//
//	go run ./cmd/genstrip -bytes 20e6 -split dev -o /tmp/c.jsonl -truth /tmp/t.jsonl
//	go run ./cmd/bench-strip -corpus /tmp/c.jsonl -truth /tmp/t.jsonl   # runs the pipeline in-process
//	clean --annotate /tmp/c.jsonl > /tmp/out.jsonl
//	go run ./cmd/bench-strip -out /tmp/out.jsonl -truth /tmp/t.jsonl    # scores any output
//
// With -corpus it runs the pipeline in-process with clean's default flags
// plus --annotate (so that near-duplicates and documents left empty are
// still written and scored, not counted as lost; annotating does not
// change what is stripped). With -out it reads JSON Lines records with
// "id" and "text" in corpus order; a document missing from it counts as
// lost (body kept 0) and is reported.
//
// Per shape, per language and overall it prints (see scoreDoc for how):
//
//   - body: the mean share of each document's body word 4-grams found in
//     the output (multiset, as bench-extract's metric, package shingle),
//     and the share of documents keeping at least 98% of their body;
//   - boiler: the share of boilerplate lines removed;
//   - traps: the share of trap sentences (body sentences with a
//     boilerplate trigger word) kept whole;
//   - under-hdr: the share of headlines directly under a boilerplate line
//     (ad marker, section path, date line ...) kept whole;
//   - strip: bytes stripped / bytes in.
//
// and then the boilerplate removed per kind, and a line per target of
// issue 10 saying whether it is met (body mean >= 0.995 and >= 97% of
// documents >= 98% in every shape and language, boilerplate >= 95%,
// traps >= 98%). When the output has clean --annotate's "removed" field
// (always with -corpus), it also prints the bytes stripped per rule. The
// strip ratio at 600 MB should be >= 0.9 of the one at 60 MB of the same
// sites: compare the "all" rows and the site-repeat shares of two runs.
// -show N prints the lost body units and left boilerplate lines of the N
// documents that lost most. With -corpus it last strips every document
// with the rules alone, then its output again, and prints how many lose
// lines the second time: none while stripping is idempotent (six genstrip
// corpora lost them in 51 of 25,142 documents before 073f032).
//
// # Today's stripper
//
// Measured at commit 65d283d's normalize and pipeline (main when this
// command was added), default flags, 400 sites, seed 1, -bytes 10e6
// (about 5,300 documents, 7 s on the loaded 2-core machine):
//
//	split    body   docs>=98  boiler  traps  under-hdr  strip  site-repeat
//	dev      0.568  0.229     0.894   0.566  0.168      0.574  0.093
//	holdout  0.589  0.208     0.884   0.588  0.158      0.556  0.097
//
// By shape (dev), body mean / docs >= 98%: plain 0.972 / 0.344, crlf
// 0.969 / 0.283, entities 0.975 / 0.389, indent 0.563 / 0.206, wrap
// 0.196 / 0.146, wrap-tight 0.196 / 0.139, mixed 0.186 / 0.133: the
// hard-wrapped shapes lose most of their body as non-body, and in the
// others the headline (under a header line: 0.17 kept) and trap
// sentences go. Polish, which the stop lists lack, keeps more body (0.88)
// and loses less boilerplate (0.68 removed). Boilerplate removed by kind
// ranges from 0.79 (paywall) and 0.81 (cookie) to 0.96 (follow, nav).
//
// Corpus size, same sites (dev, -bytes 20e6 against 200e6, 10,263 and
// 102,717 documents; 200 MB rather than 600 MB because the machine was
// loaded: 475 s for the larger run): the site-repeat share of text bytes
// fell from 0.118 to 0.085 (0.72 of it) and boilerplate removed from
// 0.918 to 0.881, while the overall strip ratio moved only from 0.574 to
// 0.562 (0.98 of it), because non-body stripping of wrapped pages, which
// does not depend on size, is most of it. Compare the site-repeat shares
// and boilerplate removed, not only the strip ratio, until wrapped bodies
// are kept. The whole run (pipeline and scorer in one process) peaked at
// 477 MB resident for 200 MB.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"

	"github.com/newsclean/clean/normalize"
	"github.com/newsclean/clean/pipeline"
	"github.com/newsclean/clean/simhash"

	"github.com/newsclean/clean/internal/striptruth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench-strip:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench-strip", flag.ContinueOnError)
	truth := fs.String("truth", "", "genstrip's truth `FILE` (required)")
	out := fs.String("out", "", "score this output `FILE` of clean (JSON Lines, corpus order)")
	corpus := fs.String("corpus", "", "run the pipeline in-process on this corpus `FILE` and score its output")
	rules := fs.String("rules", "", "with -corpus: extra rules `FILE`, as clean --rules")
	siteRepeat := fs.Bool("site-repeat", true, "with -corpus: site-repeat learning, as clean --site-repeat")
	workers := fs.Int("j", runtime.NumCPU(), "with -corpus: worker goroutines")
	show := fs.Int("show", 0, "print the lost body units and left boilerplate of the `N` worst documents")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *truth == "" || (*out == "") == (*corpus == "") || fs.NArg() > 0 {
		return errors.New("usage: bench-strip -truth FILE (-out FILE | -corpus FILE) [-rules FILE] [-site-repeat=false] [-j N] [-show N]")
	}
	tf, err := os.Open(*truth)
	if err != nil {
		return err
	}
	defer tf.Close()
	var sum *summary
	var extra []normalize.Rule
	if *out != "" {
		f, err := os.Open(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		if sum, err = score(*truth, tf, *out, f, *show); err != nil {
			return err
		}
	} else {
		cfg := pipeline.Config{
			Paths: []string{*corpus}, Strip: true, SiteRepeat: *siteRepeat,
			Dedup: pipeline.DedupNear, Keep: pipeline.KeepFirst, Simhash: simhash.DefaultOptions(),
			Annotate: true, Workers: *workers, Warn: os.Stderr,
		}
		if *rules != "" {
			if cfg.Rules, err = normalize.LoadRules(*rules); err != nil {
				return err
			}
			extra = cfg.Rules
		}
		if sum, err = scorePipeline(cfg, *truth, tf, *show); err != nil {
			return err
		}
	}
	sum.print(stdout)
	if *corpus != "" {
		return idempotence(*corpus, extra, stdout)
	}
	return nil
}

// scorePipeline runs the pipeline, its output piped into the scorer.
func scorePipeline(cfg pipeline.Config, truthName string, truth io.Reader, show int) (*summary, error) {
	pr, pw := io.Pipe()
	cfg.Output = pw
	done := make(chan error, 1)
	go func() {
		_, err := pipeline.Run(context.Background(), cfg)
		pw.CloseWithError(err)
		done <- err
	}()
	sum, err := score(truthName, truth, "pipeline output", pr, show)
	pr.CloseWithError(errors.New("scorer stopped")) // unblocks the pipeline if the scorer failed
	perr := <-done
	if err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, fmt.Errorf("pipeline: %w", perr)
	}
	return sum, nil
}

type outRecord struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	// Removed is clean --annotate's account of the lines stripped, by rule.
	Removed []struct {
		Text string `json:"text"`
		Rule string `json:"rule"`
	} `json:"removed"`
}

// score reads the truth and the output side by side, both in corpus
// order; a truth record the output skips is a lost document.
func score(truthName string, truth io.Reader, outName string, out io.Reader, show int) (*summary, error) {
	tr := &truthReader{name: truthName, s: bufio.NewScanner(truth)}
	tr.s.Buffer(nil, 64<<20)
	outs := bufio.NewScanner(out)
	outs.Buffer(nil, 256<<20)
	sum := newSummary(show)
	line := 0
	for outs.Scan() {
		line++
		var o outRecord
		if err := json.Unmarshal(outs.Bytes(), &o); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", outName, line, err)
		}
		for {
			t, err := tr.next()
			if err != nil {
				return nil, err
			}
			if t == nil {
				return nil, fmt.Errorf("%s:%d: id %q is not in the truth (or out of corpus order)", outName, line, o.ID)
			}
			if t.ID == o.ID {
				sum.add(t, scoreDoc(t, o.Text, false))
				for _, r := range o.Removed {
					sum.byRule[r.Rule] += int64(len(r.Text))
				}
				break
			}
			sum.add(t, scoreDoc(t, "", true))
		}
	}
	if err := outs.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", outName, line, err)
	}
	for {
		t, err := tr.next()
		if t == nil || err != nil {
			return sum, err
		}
		sum.add(t, scoreDoc(t, "", true))
	}
}

// truthReader reads truth records in order.
type truthReader struct {
	name string
	s    *bufio.Scanner
	line int
}

// next returns the next record, nil at the end.
func (r *truthReader) next() (*striptruth.Record, error) {
	if !r.s.Scan() {
		if err := r.s.Err(); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", r.name, r.line+1, err)
		}
		return nil, nil
	}
	r.line++
	var t striptruth.Record
	if err := json.Unmarshal(r.s.Bytes(), &t); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", r.name, r.line, err)
	}
	return &t, nil
}

// group accumulates the scores of a set of documents.
type group struct {
	docs, missing     int
	bodySum           float64 // sum of per-document body shares
	body98            int     // documents keeping >= 98% of their body
	traps, trapsKept  int
	above, aboveKept  int
	boiler, removed   int
	bytesIn, bytesOut int64
}

func (g *group) add(d *docScore) {
	g.docs++
	if d.missing {
		g.missing++
	}
	s := d.bodyShare()
	g.bodySum += s
	if s >= 0.98 {
		g.body98++
	}
	g.traps += d.traps
	g.trapsKept += d.trapsKept
	g.above += d.above
	g.aboveKept += d.aboveKept
	for _, c := range d.boiler {
		g.boiler += c[0]
		g.removed += c[1]
	}
	if !d.missing {
		g.bytesIn += int64(d.bytesIn)
		g.bytesOut += int64(d.bytesOut)
	}
}

func ratio[T int | int64 | float64](a, b T) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (g *group) bodyMean() float64    { return ratio(g.bodySum, float64(g.docs)) }
func (g *group) body98Share() float64 { return ratio(g.body98, g.docs) }
func (g *group) boilerShare() float64 { return ratio(g.removed, g.boiler) }
func (g *group) trapShare() float64   { return ratio(g.trapsKept, g.traps) }
func (g *group) stripRatio() float64 {
	if g.bytesIn == 0 {
		return 0
	}
	return float64(g.bytesIn-g.bytesOut) / float64(g.bytesIn)
}

type summary struct {
	all    group
	shapes map[string]*group
	langs  map[string]*group
	kinds  map[string][2]int
	byRule map[string]int64 // bytes stripped per rule, from --annotate's "removed"
	show   int
	worst  []*worstDoc // the show lowest body shares, kept sorted
}

type worstDoc struct {
	id, lang, shape string
	share           float64
	lost, left      []string
}

func newSummary(show int) *summary {
	return &summary{shapes: map[string]*group{}, langs: map[string]*group{}, kinds: map[string][2]int{}, byRule: map[string]int64{}, show: show}
}

func (s *summary) add(tr *striptruth.Record, d *docScore) {
	s.all.add(d)
	for _, m := range []struct {
		groups map[string]*group
		key    string
	}{{s.shapes, d.shape}, {s.langs, d.lang}} {
		g := m.groups[m.key]
		if g == nil {
			g = &group{}
			m.groups[m.key] = g
		}
		g.add(d)
	}
	for k, c := range d.boiler {
		t := s.kinds[k]
		t[0] += c[0]
		t[1] += c[1]
		s.kinds[k] = t
	}
	if s.show > 0 && (len(d.lostUnits) > 0 || len(d.leftBoiler) > 0) {
		w := &worstDoc{id: tr.ID, lang: d.lang, shape: d.shape, share: d.bodyShare(), lost: d.lostUnits, left: d.leftBoiler}
		i := sort.Search(len(s.worst), func(i int) bool { return s.worst[i].share > w.share })
		if i < s.show {
			s.worst = append(s.worst[:i], append([]*worstDoc{w}, s.worst[i:]...)...)
			if len(s.worst) > s.show {
				s.worst = s.worst[:s.show]
			}
		}
	}
}

func (s *summary) print(w io.Writer) {
	fmt.Fprintf(w, "%-18s %7s %8s %8s %8s %8s %9s %7s\n", "group", "docs", "body", "docs>=98", "boiler", "traps", "under-hdr", "strip")
	row := func(name string, g *group) {
		fmt.Fprintf(w, "%-18s %7d %8.4f %8.4f %8.4f %8.4f %9.4f %7.4f", name, g.docs, g.bodyMean(), g.body98Share(), g.boilerShare(), g.trapShare(), ratio(g.aboveKept, g.above), g.stripRatio())
		if g.missing > 0 {
			fmt.Fprintf(w, "  (%d missing from the output, counted as lost)", g.missing)
		}
		fmt.Fprintln(w)
	}
	row("all", &s.all)
	for _, k := range sortedKeys(s.shapes) {
		row("shape "+k, s.shapes[k])
	}
	for _, k := range sortedKeys(s.langs) {
		row("lang "+k, s.langs[k])
	}
	fmt.Fprint(w, "boilerplate removed by kind:")
	for _, k := range sortedKeys(s.kinds) {
		c := s.kinds[k]
		fmt.Fprintf(w, " %s %.3f (%d)", k, ratio(c[1], c[0]), c[0])
	}
	fmt.Fprintln(w)
	if len(s.byRule) > 0 {
		// The site-repeat share is the figure to compare across corpus
		// sizes of the same sites: rules and the body search do not
		// depend on the corpus around a page.
		fmt.Fprint(w, "stripped by rule, share of text bytes in:")
		for _, k := range sortedKeys(s.byRule) {
			fmt.Fprintf(w, " %s %.4f", k, float64(s.byRule[k])/float64(max(s.all.bytesIn, 1)))
		}
		fmt.Fprintln(w)
	}
	s.targets(w)
	for _, d := range s.worst {
		fmt.Fprintf(w, "\n%s %s %s body %.3f\n", d.id, d.lang, d.shape, d.share)
		for _, u := range d.lost {
			fmt.Fprintf(w, "  lost: %s\n", clip(u))
		}
		for _, u := range d.left {
			fmt.Fprintf(w, "  left: %s\n", clip(u))
		}
	}
}

// targets prints issue 10's targets and whether they are met.
func (s *summary) targets(w io.Writer) {
	worstMean, worst98 := "", ""
	minMean, min98 := 2.0, 2.0
	for _, m := range []struct {
		kind   string
		groups map[string]*group
	}{{"shape", s.shapes}, {"lang", s.langs}} {
		for _, k := range sortedKeys(m.groups) {
			g := m.groups[k]
			if v := g.bodyMean(); v < minMean {
				minMean, worstMean = v, m.kind+" "+k
			}
			if v := g.body98Share(); v < min98 {
				min98, worst98 = v, m.kind+" "+k
			}
		}
	}
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT MET"
	}
	fmt.Fprintf(w, "target body mean >= 0.995 in every shape and language: %s (lowest %.4f, %s)\n", verdict(minMean >= 0.995), minMean, worstMean)
	fmt.Fprintf(w, "target >= 97%% of docs keep >= 98%% in every shape and language: %s (lowest %.4f, %s)\n", verdict(min98 >= 0.97), min98, worst98)
	fmt.Fprintf(w, "target boilerplate lines removed >= 0.95: %s (%.4f)\n", verdict(s.all.boilerShare() >= 0.95), s.all.boilerShare())
	fmt.Fprintf(w, "target trap sentences kept >= 0.98: %s (%.4f)\n", verdict(s.all.trapShare() >= 0.98), s.all.trapShare())
}

func clip(s string) string {
	if r := []rune(s); len(r) > 160 {
		return string(r[:160]) + "..."
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
