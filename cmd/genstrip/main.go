// Command genstrip writes a stress corpus for boilerplate stripping: news
// articles with known body and known boilerplate, in every text shape and
// in eight languages, from many sites that each repeat their own template.
//
//	go run ./cmd/genstrip -bytes 20e6 -split dev -seed 1 -o corpus.jsonl -truth truth.jsonl
//	go run ./cmd/bench-strip -corpus corpus.jsonl -truth truth.jsonl     # score today's stripper
//
// The corpus is JSON Lines {"id", "url", "text"} and carries no labels;
// the truth file (one line per document, same order, see striptruth.Record)
// holds what the scorer needs (package striptruth): the body units
// (headline and paragraphs, trap sentences marked), every boilerplate line
// with its kind, the document's language and shape.
//
// Shapes (each document has one: its site's on two pages in three, any
// other on the third; -shapes restricts them): plain (a paragraph a line,
// with or without blank lines between), wrap (every block hard-wrapped,
// blank line between blocks, as wire copy: at the site's own width, drawn
// from 55-78 columns, on half the pages, at any such width on the rest),
// wrap-tight (wrapped, no blank lines, as e-mail), crlf, indent
// (paragraphs indented; half of them also wrapped with only the first
// line indented), entities (HTML entities left in plain text: &#8217;
// &amp; &quot; &ndash; &nbsp; &#x2014; ..., named, decimal or hex, accented
// letters too on some pages) and mixed (wrapped, entities and CRLF).
// Four more are drawn only when -shapes names them (extraShapes): cr,
// separators (Unicode's), capitals and soft-hyphens.
//
// Languages (-langs): en, de, fr, es, it, pt, nl, pl (pools/*.txt,
// written for this generator; one language a site). Each has article topics (headlines and sentences with slots
// for names, places, organisations and figures, filled anew on every page,
// so body lines do not repeat across a site), trap sentences (real body
// sentences carrying a boilerplate trigger word: copyright, views
// expressed, subscribers, cookies, newsletter, comments, share prices,
// all rights ...), and templates for every kind of boilerplate: site name,
// menu, section path, date line, ad marker, byline, copyright, disclaimer,
// paywall, newsletter, comment count and recent comments, share and
// follow, cookie notice, contact, related links.
//
// Sites (-sites, default 400) are drawn from the seed before any page: a
// language, a name and host, a header (some of name, menu, section path,
// date line, ad marker, sometimes the cookie notice or share bar, in its
// own order; the last line sits directly above the headline), a byline,
// inline inserts between paragraphs (ad marker, related link, paywall or
// newsletter prompt) and a footer of three to eight widgets (two short
// ones sometimes run together on one line), each styled its own way
// (case, bullet, pipe, final punctuation) and kept on every page; a page
// drops a widget now and then. -bytes 10e6 makes about 5,300 documents. So corpora of any
// -bytes with the same -seed, -split and -sites have the same sites and
// templates; a larger one has more pages per site (the site-repeat scale
// test: -bytes 60e6 against -bytes 600e6).
//
// -split dev|holdout selects one of two disjoint halves of every pool
// (topics, trap sentences, templates, names, site names): tune on dev,
// check on holdout. Other seeds give other sites and pages from the same
// half; neither half is a substitute for text the generator has never
// seen, so keep mechanisms general (no pool string in a rule). -split
// novel takes the holdout half's texts with the boilerplate templates
// and trap sentences of pools/novel (see pools.go), written later than
// both halves' and never used for tuning.
//
// The body must not repeat where real news does not: a body line seen on
// many pages of one site would rightly be stripped by site-repeat
// learning and the loss blamed on the stripper. Sentences therefore carry
// a slot or an alternative ("[said|told reporters]") every few words,
// half of the paragraphs open with a short lead sentence and two
// sentences in five (trap sentences too) end with an attribution (",
// Anna Weber said"). At 400 pages a site, 0.8% (dev) and 1.1% (holdout)
// of wrapped body lines of six words or more recur on 2% of their site's
// pages (the stripper's site-repeat bound, counted on physical lines;
// TestBodyLinesDoNotRepeatAcrossASite), short tails such as "of debate"
// aside; the first English pools, without leads and attributions, had
// 4.9%. So a stripper that learns wrapped physical lines may lose up to
// about 1% of a wrapped body to site-repeat on large corpora where real
// news would lose nothing: check with bench-strip -site-repeat=false.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strings"

	"github.com/newsclean/clean/internal/striptruth"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "genstrip:", err)
		os.Exit(2)
	}
}

type config struct {
	size   float64
	seed   uint64
	split  string
	sites  int
	langs  []string
	shapes []string // allowed page shapes; none: all
}

func run(args []string) error {
	fs := flag.NewFlagSet("genstrip", flag.ContinueOnError)
	var c config
	fs.Float64Var(&c.size, "bytes", 20e6, "write documents until this many bytes of text")
	fs.Uint64Var(&c.seed, "seed", 1, "random seed; the same seed gives the same sites and corpus")
	fs.StringVar(&c.split, "split", "dev", "pool half: dev or holdout; novel: holdout texts with pools/novel boilerplate")
	fs.IntVar(&c.sites, "sites", 400, "number of sites")
	langs := fs.String("langs", "", "comma-separated languages (default all: en,de,fr,es,it,pt,nl,pl)")
	only := fs.String("shapes", "", "comma-separated shapes (default all: "+strings.Join(shapes, ",")+"; also "+strings.Join(extraShapes, ",")+", drawn only when named); the sites stay the same")
	out := fs.String("o", "-", "write the corpus to `FILE` (- for standard output)")
	truth := fs.String("truth", "", "write the truth to `FILE` (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *truth == "" || fs.NArg() > 0 {
		return errors.New("usage: genstrip -truth FILE [-o FILE] [-bytes N] [-seed N] [-split dev|holdout|novel] [-sites N] [-langs en,de,...] [-shapes wrap,...]")
	}
	if c.sites < 1 || c.size <= 0 {
		return errors.New("-sites and -bytes must be positive")
	}
	if *langs != "" {
		c.langs = strings.Split(*langs, ",")
	}
	if *only != "" {
		c.shapes = strings.Split(*only, ",")
		for _, sh := range c.shapes {
			if !slices.Contains(shapes, sh) && !slices.Contains(extraShapes, sh) {
				return fmt.Errorf("unknown shape %q in -shapes (want some of %s, or of %s)", sh, strings.Join(shapes, ","), strings.Join(extraShapes, ","))
			}
		}
	}
	var w io.Writer = os.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	tf, err := os.Create(*truth)
	if err != nil {
		return err
	}
	defer tf.Close()
	if err := generate(c, w, tf); err != nil {
		return err
	}
	return tf.Close()
}

type gen struct {
	r      *rand.Rand
	shapes []string            // allowed page shapes; none: all
	cast   map[string][]string // the current article's people, places, organisations
}

func newGen(seed uint64) *gen { return &gen{r: rand.New(rand.NewPCG(seed, seed^0x5eed5eed))} }

// generate writes the corpus to w and its truth to tw.
func generate(c config, w, tw io.Writer) error {
	langs, err := loadLangs(c.split, c.langs)
	if err != nil {
		return err
	}
	g := newGen(c.seed)
	g.shapes = c.shapes
	sites := make([]*site, c.sites)
	cum := make([]float64, c.sites)
	total := 0.0
	for i := range sites {
		sites[i] = g.newSite(i, langs[i%len(langs)])
		total += sites[i].weight
		cum[i] = total
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	tbw := bufio.NewWriterSize(tw, 1<<20)
	written := 0.0
	for n := 0; written < c.size; n++ {
		s := sites[pickCum(cum, g.r.Float64()*total)]
		rec, tr := g.document(n, s)
		for _, v := range []struct {
			w *bufio.Writer
			x any
		}{{bw, rec}, {tbw, tr}} {
			buf, err := json.Marshal(v.x)
			if err != nil {
				return err
			}
			buf = append(buf, '\n')
			if _, err := v.w.Write(buf); err != nil {
				return fmt.Errorf("writing: %w", err)
			}
		}
		written += float64(tr.Bytes)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing corpus: %w", err)
	}
	if err := tbw.Flush(); err != nil {
		return fmt.Errorf("writing truth: %w", err)
	}
	return nil
}

// pickCum finds the index whose cumulative weight first exceeds x.
func pickCum(cum []float64, x float64) int {
	lo, hi := 0, len(cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

type docRecord struct {
	ID   string `json:"id"`
	URL  string `json:"url"`
	Text string `json:"text"`
}

// document draws page n of site s: the record and its truth. Most pages
// come in the site's shape; one in three in any shape.
func (g *gen) document(n int, s *site) (docRecord, striptruth.Record) {
	shape := s.shape
	if g.r.IntN(3) == 0 {
		shape = shapes[g.r.IntN(len(shapes))]
	}
	if len(g.shapes) > 0 && !slices.Contains(g.shapes, shape) {
		shape = g.shapes[g.r.IntN(len(g.shapes))]
	}
	blocks, above := g.page(s)
	respell(blocks, shape)
	id := fmt.Sprintf("doc%08d", n)
	text := g.shapeText(blocks, shape, s)
	tr := striptruth.Record{ID: id, Site: s.domain, Lang: s.l.code, Shape: shape, Bytes: len(text), Above: above}
	for _, b := range blocks {
		switch {
		case b.body:
			if b.kind == "trap" {
				tr.Traps = append(tr.Traps, len(tr.Body))
			}
			tr.Body = append(tr.Body, b.text)
		default:
			tr.Boiler = append(tr.Boiler, striptruth.Line{Kind: b.kind, Text: b.text})
		}
	}
	url := fmt.Sprintf("https://%s/%s/%s/%s", s.domain, slug(s.root), s.year, id)
	return docRecord{ID: id, URL: url, Text: text}, tr
}
