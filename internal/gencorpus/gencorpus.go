// Package gencorpus writes a synthetic news corpus with planted
// near-duplicates as JSON Lines, for scale and throughput benchmarks
// (cmd/gencorpus) and for tests that need a corpus of any size made on
// the spot (the Beam pipeline's, beam/).
//
// Each record is {"id", "url", "cluster", "text"}. Text is built from a
// generated vocabulary drawn with a Zipf law under a fixed list of English
// function words, in sentences of 8 to 35 words and paragraphs of one to
// four sentences, 4 to 22 paragraphs per story, with headlines, figures
// ("1,250", "$3.2bn", "14%") and per-site bylines, footers and advert
// lines. A share of documents (Options.Dup) are syndicated copies of a recent
// story: another site's header and footer, an "UPDATE 1-" prefix on the
// headline of half of them, and some of truncation to 60-90% of the
// paragraphs, random words put in place of others, a dropped sentence and
// inline adverts. "cluster" is the id of the original, so the
// output can be scored. Memory is bounded: only the last Options.Window
// originals are kept for copying.
package gencorpus

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Options describe a corpus; the same options give the same corpus.
type Options struct {
	Docs   int     // documents to write, or
	Bytes  float64 // write documents until this many bytes of text
	Seed   uint64
	Dup    float64 // share of documents that are near-duplicates of an earlier story
	Sites  int     // sites, each with its own header, footer and adverts
	Vocab  int     // content vocabulary size
	Window int     // recent originals a duplicate may copy
}

// Defaults are cmd/gencorpus's defaults, with neither Docs nor Bytes set.
func Defaults() Options {
	return Options{Seed: 1, Dup: 0.3, Sites: 300, Vocab: 60000, Window: 2000}
}

// Write writes the corpus of o to w.
func Write(w io.Writer, o Options) error {
	if (o.Docs > 0) == (o.Bytes > 0) {
		return errors.New("give exactly one of -docs N or -bytes N")
	}
	if o.Dup < 0 || o.Dup >= 1 || o.Sites < 2 || o.Vocab < 100 || o.Window < 1 {
		return errors.New("-dup must be in [0,1), -sites >= 2, -vocab >= 100, -window >= 1")
	}
	g := newGenerator(o.Seed, o.Sites, o.Vocab)
	bw := bufio.NewWriterSize(w, 1<<20)
	recent := make([]story, 0, o.Window)
	written := 0.0
	for i := 0; (o.Docs > 0 && i < o.Docs) || (o.Bytes > 0 && written < o.Bytes); i++ {
		var s story
		if len(recent) > 0 && g.r.Float64() < o.Dup {
			s = g.variant(recent[g.r.IntN(len(recent))], i)
		} else {
			s = g.story(i)
			if len(recent) < o.Window {
				recent = append(recent, s)
			} else {
				recent[g.r.IntN(o.Window)] = s
			}
		}
		text := s.render()
		rec, err := json.Marshal(struct {
			ID      string `json:"id"`
			URL     string `json:"url"`
			Cluster string `json:"cluster"`
			Text    string `json:"text"`
		}{s.id, s.url, s.cluster, text})
		if err != nil {
			return err
		}
		bw.Write(rec)
		if err := bw.WriteByte('\n'); err != nil {
			return fmt.Errorf("writing: %w", err)
		}
		written += float64(len(text))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing: %w", err)
	}
	return nil
}

// function words of English in rough frequency order; they take the top
// Zipf ranks so that text has realistic stop-word density.
var function = strings.Fields(`the of to and a in that is for on it with as was he said
by at from his be have an are has but not they who this which were had its their
been will would more after also one new about up than year first over two there
into last could other people she out when her can all some we time may government
told what if only years three no against since so now while before under just most`)

type site struct {
	domain string
	header []string // byline-style lines before the headline
	footer []string // copyright and newsletter lines
	ads    []string // inline advert lines
}

type generator struct {
	r     *rand.Rand
	words []string
	zipf  *rand.Zipf
	sites []site
}

func newGenerator(seed uint64, nSites, nVocab int) *generator {
	g := &generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	seen := map[string]bool{}
	for _, f := range function {
		seen[f] = true
	}
	g.words = append(g.words, function...)
	for len(g.words) < len(function)+nVocab {
		w := g.word()
		if !seen[w] {
			seen[w] = true
			g.words = append(g.words, w)
		}
	}
	g.zipf = rand.NewZipf(g.r, 1.07, 2.7, uint64(len(g.words)-1))
	for i := range nSites {
		name := title(g.word()) + " " + []string{"Times", "Herald", "Post", "News", "Daily", "Wire", "Gazette", "Tribune"}[i%8]
		s := site{domain: strings.ToLower(strings.ReplaceAll(name, " ", "")) + ".example"}
		s.header = []string{"By " + title(g.word()) + " " + title(g.word()) + ", " + name}
		if g.r.IntN(2) == 0 {
			s.header = append(s.header, "Published "+strconv.Itoa(1+g.r.IntN(28))+" "+[]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun"}[g.r.IntN(6)]+" 2024")
		}
		s.footer = []string{fmt.Sprintf("Copyright 2024 %s. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.", name)}
		if g.r.IntN(2) == 0 {
			s.footer = append(s.footer, "Sign up for the "+name+" newsletter to get the latest headlines delivered to your inbox every morning.")
		}
		s.ads = []string{"Advertisement", "Story continues below", "Read more: " + title(g.word()) + " " + g.word() + " " + g.word()}
		g.sites = append(g.sites, s)
	}
	return g
}

var syllables = strings.Fields("ba be bi bo bu ca ce co da de di do fa fe fi ga ge go ha he hi ka ke ki la le li lo lu ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi wa we ya zo an en in on er ar or al el st tr pr ch sh th")

// word makes a pronounceable word of one to four syllables, so word
// lengths follow a news-like spread (mostly 3 to 9 letters).
func (g *generator) word() string {
	n := 1 + g.r.IntN(3)
	if g.r.IntN(4) == 0 {
		n++
	}
	var b strings.Builder
	for range n {
		b.WriteString(syllables[g.r.IntN(len(syllables))])
	}
	return b.String()
}

func title(w string) string {
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

type story struct {
	id, url, cluster string
	header           []string
	headline         string
	paras            [][]string // sentences per paragraph
	footer           []string
}

func (s story) render() string {
	var b strings.Builder
	for _, l := range s.header {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteString(s.headline)
	b.WriteString("\n\n")
	for _, p := range s.paras {
		b.WriteString(strings.Join(p, " "))
		b.WriteString("\n\n")
	}
	for _, l := range s.footer {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

func (g *generator) sentence() string {
	n := 8 + int(math.Abs(g.r.NormFloat64())*9)
	n = min(n, 35)
	ws := make([]string, n)
	for i := range ws {
		switch k := g.r.IntN(60); {
		case k == 0:
			ws[i] = strconv.Itoa(g.r.IntN(100)) + "%"
		case k == 1:
			ws[i] = fmt.Sprintf("$%d.%dbn", 1+g.r.IntN(20), g.r.IntN(10))
		case k == 2:
			ws[i] = humanize(g.r.IntN(100000))
		default:
			ws[i] = g.words[g.zipf.Uint64()]
		}
		if i > 2 && i < n-2 && g.r.IntN(12) == 0 {
			ws[i] += ","
		}
	}
	ws[0] = title(ws[0])
	return strings.Join(ws, " ") + "."
}

// humanize writes n with thousands separators, as news copy does.
func humanize(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (g *generator) story(i int) story {
	si := g.r.IntN(len(g.sites))
	st := g.sites[si]
	id := fmt.Sprintf("doc%09d", i)
	s := story{id: id, cluster: id, header: st.header, footer: st.footer}
	s.url = "https://" + st.domain + "/2024/" + id
	hl := make([]string, 5+g.r.IntN(6))
	for j := range hl {
		hl[j] = title(g.words[g.zipf.Uint64()])
	}
	s.headline = strings.Join(hl, " ")
	np := 4 + g.r.IntN(19)
	for range np {
		ns := 1 + g.r.IntN(4)
		p := make([]string, ns)
		for k := range p {
			p[k] = g.sentence()
		}
		s.paras = append(s.paras, p)
	}
	return s
}

// variant republishes orig on another site with some of the edits
// syndication makes.
func (g *generator) variant(orig story, i int) story {
	si := g.r.IntN(len(g.sites))
	st := g.sites[si]
	v := orig
	v.id = fmt.Sprintf("doc%09d", i)
	v.url = "https://" + st.domain + "/2024/" + v.id
	v.header, v.footer = st.header, st.footer
	if g.r.IntN(2) == 0 {
		v.headline = "UPDATE 1-" + orig.headline
	}
	v.paras = make([][]string, len(orig.paras))
	for j, p := range orig.paras {
		v.paras[j] = append([]string(nil), p...)
	}
	if g.r.IntN(4) == 0 && len(v.paras) > 3 {
		keep := int(float64(len(v.paras)) * (0.6 + 0.3*g.r.Float64()))
		v.paras = v.paras[:max(3, keep)]
	}
	if g.r.IntN(3) == 0 {
		for range 1 + g.r.IntN(5) {
			p := v.paras[g.r.IntN(len(v.paras))]
			k := g.r.IntN(len(p))
			ws := strings.Fields(p[k])
			ws[g.r.IntN(len(ws))] = g.words[g.zipf.Uint64()]
			p[k] = strings.Join(ws, " ")
		}
	}
	if g.r.IntN(4) == 0 {
		p := g.r.IntN(len(v.paras))
		if len(v.paras[p]) > 1 {
			k := g.r.IntN(len(v.paras[p]))
			v.paras[p] = append(v.paras[p][:k:k], v.paras[p][k+1:]...)
		}
	}
	if g.r.IntN(2) == 0 {
		var out [][]string
		for j, p := range v.paras {
			out = append(out, p)
			if j%3 == 2 {
				out = append(out, []string{st.ads[g.r.IntN(len(st.ads))]})
			}
		}
		v.paras = out
	}
	return v
}
