package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/newsclean/clean/internal/reshape"
	"github.com/newsclean/clean/internal/shingle"
	"github.com/newsclean/clean/simhash"
)

// shapes are rewritings of a whole article that the harder set does not
// make, each applied to every article alone: a reader sees the same
// story, or a lightly edited one. -shapes clusters each with its original
// in both orders, two documents at a time, so a miss is the matcher's or
// the fingerprint's and never another document's. Shapes keep every word;
// edits change some, and exact containment says which stay within reach.
var shapes = []struct {
	name string
	edit bool
	make func(a article) string
}{
	{"sentence per line", false, func(a article) string { return a.headline + "\n\n" + strings.Join(sentences(a.paras), "\n") }},
	{"sentence per paragraph", false, func(a article) string { return a.headline + "\n\n" + strings.Join(sentences(a.paras), "\n\n") }},
	{"paragraphs joined in pairs", false, func(a article) string { return a.headline + "\n\n" + strings.Join(pairUp(a.paras), "\n\n") }},
	{"one line, no headline", false, func(a article) string { return strings.Join(a.paras, " ") }},
	{"single line breaks", false, func(a article) string { return a.headline + "\n" + strings.Join(a.paras, "\n") }},
	{"upper case", false, func(a article) string { return strings.ToUpper(a.text()) }},
	{"soft hyphens", false, func(a article) string { return reshape.InsideWords(a.text(), "\u00ad") }},
	{"&shy;", false, func(a article) string { return reshape.InsideWords(a.text(), "&shy;") }},
	{"zero-width spaces", false, func(a article) string { return reshape.InsideWords(a.text(), "\u200b") }},
	{"no-break spaces", false, func(a article) string { return strings.ReplaceAll(a.text(), " the ", "\u00a0the&nbsp;") }},
	{"carriage returns only", false, func(a article) string { return strings.ReplaceAll(a.text(), "\n", "\r") }},
	{"Unicode line and paragraph separators", false, func(a article) string {
		return strings.ReplaceAll(strings.ReplaceAll(a.text(), "\n\n", "\u2029"), "\n", "\u2028")
	}},
	{"no-break spaces only", false, func(a article) string { return strings.ReplaceAll(a.text(), " ", "\u00a0") }},
	{"UTF-8 read as Windows-1252", false, func(a article) string { return mojibake.Replace(a.text()) }},
	{"HTML paragraphs left in", false, func(a article) string {
		return "<h1>" + a.headline + "</h1>\n<p>" + strings.Join(a.paras, "</p>\n<p>") + "</p>\n"
	}},
	{"Markdown, a link in 30 words", false, func(a article) string {
		return "# " + a.headline + "\n\n" + strings.Join(markdownLinks(a.paras, 30), "\n\n")
	}},
	{"entities escaped twice", false, func(a article) string {
		return strings.NewReplacer("'", "&amp;#8217;", "\"", "&amp;quot;", " - ", " &amp;ndash; ").Replace(a.text())
	}},
	{"hyphenated at line ends", false, func(a article) string { return reshape.HyphenWrap(a.text(), 60) }},
	{"lower case, no punctuation", false, func(a article) string {
		return strings.ToLower(punctuation.ReplaceAllString(a.text(), ""))
	}},
	{"dateline, no headline", true, func(a article) string { return "LONDON (Reuters) - " + strings.Join(a.paras, "\n\n") }},
	{"note and link added", true, func(a article) string {
		mid := len(a.paras) / 2
		ps := append(append(append([]string(nil), a.paras[:mid]...),
			"This article has been updated to include comments from the company, which had not replied to earlier requests."), a.paras[mid:]...)
		return a.headline + "\n\n" + strings.Join(ps, "\n\n") + "\n\nRelated: markets in turmoil as the dollar falls against the euro and the yen again\n"
	}},
	{"American spelling", true, func(a article) string { return american.Replace(a.text()) }},
	{"digits changed", true, func(a article) string { return strings.NewReplacer("1", "2", "3", "4", "5", "6").Replace(a.text()) }},
	{"last sentence of each paragraph cut", true, func(a article) string {
		var ps []string
		for _, p := range a.paras {
			ss := sentences([]string{p})
			ps = append(ps, strings.Join(ss[:max(1, len(ss)-1)], " "))
		}
		return a.headline + "\n\n" + strings.Join(ps, "\n\n")
	}},
	// Replaced words at several densities show where recall falls off
	// (see simhash's doc.go: a passage holding an edit has another key).
	{"a word in 60 replaced", true, func(a article) string { return everyNth(a, 60, "xyzzy") }},
	{"a word in 40 replaced", true, func(a article) string { return everyNth(a, 40, "xyzzy") }},
	{"a word in 30 replaced", true, func(a article) string { return everyNth(a, 30, "xyzzy") }},
	{"a word in 20 replaced", true, func(a article) string { return everyNth(a, 20, "xyzzy") }},
	{"a word in 10 deleted", true, func(a article) string { return everyNth(a, 10, "") }},
}

var (
	sentenceEnd = regexp.MustCompile(`([.!?]["']?) +`)
	punctuation = regexp.MustCompile(`[^\w\s]`)
	// UTF-8 read as Windows-1252, as scrapers that guess the charset do:
	// the typographic quotes, dashes and pound sign of BBC text.
	mojibake = strings.NewReplacer("’", "â€™", "‘", "â€˜", "“", "â€œ", "”", "â€\u009d", "–", "â€“", "—", "â€”", "£", "Â£")
	american = strings.NewReplacer("ise ", "ize ", "ised ", "ized ", "ising ", "izing ", "our ", "or ",
		"tre ", "ter ", "yse ", "yze ", "ence ", "ense ", "lled ", "led ")
)

// markdownLinks writes every nth word of paras as a Markdown link to a
// page of its own, as a scraper converting HTML to Markdown leaves them.
func markdownLinks(paras []string, n int) []string {
	out := make([]string, len(paras))
	k := 0
	for i, p := range paras {
		ws := strings.Fields(p)
		for j, w := range ws {
			if k++; k%n == 0 {
				ws[j] = fmt.Sprintf("[%s](https://www.example-news.com/news/world-%d?ref=feed)", w, 10000000+k)
			}
		}
		out[i] = strings.Join(ws, " ")
	}
	return out
}

func sentences(paras []string) []string {
	var out []string
	for _, p := range paras {
		out = append(out, strings.Split(sentenceEnd.ReplaceAllString(p, "$1\n"), "\n")...)
	}
	return out
}

func pairUp(paras []string) []string {
	var out []string
	for i := 0; i < len(paras); i += 2 {
		out = append(out, strings.Join(paras[i:min(i+2, len(paras))], " "))
	}
	return out
}

// everyNth replaces every nth word of the article's body by with, or
// deletes it when with is empty.
func everyNth(a article, n int, with string) string {
	var ps []string
	k := 0
	for _, p := range a.paras {
		var ws []string
		for _, w := range strings.Fields(p) {
			if k++; k%n == n/2 {
				if with == "" {
					continue
				}
				w = with
			}
			ws = append(ws, w)
		}
		ps = append(ps, strings.Join(ws, " "))
	}
	return a.headline + "\n\n" + strings.Join(ps, "\n\n")
}

// shapeDocs returns each article followed by its rewritings, labelled
// with the shape's name as kind and as cluster with the article's id, or
// for articles the set publishes twice (the same text, or the pairs of
// naturalPairs) the first one's.
func shapeDocs(arts []article, dir string) ([]record, error) {
	first := map[string]string{}
	for _, a := range arts {
		if _, ok := first[a.text()]; !ok {
			first[a.text()] = a.id
		}
	}
	label := map[string]string{}
	for _, a := range arts {
		label[a.id] = first[a.text()]
	}
	pairs, err := naturalPairs(dir)
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		if la, lb := label[p[0]], label[p[1]]; la != "" && lb != "" && la != lb {
			keep, drop := min(la, lb), max(la, lb)
			for id, l := range label {
				if l == drop {
					label[id] = keep
				}
			}
		}
	}
	var docs []record
	for _, a := range arts {
		docs = append(docs, record{ID: a.id, Cluster: label[a.id], Text: a.text(), Kind: "original"})
		for _, sh := range shapes {
			docs = append(docs, record{ID: a.id + "#" + sh.name, Cluster: label[a.id], Text: sh.make(a), Kind: sh.name})
		}
	}
	return docs, nil
}

// naturalPairs reads the BBC set's articles published twice, edited,
// from bbc_natural_dup_pairs.json beside dir, when it is there.
func naturalPairs(dir string) ([][2]string, error) {
	path := filepath.Join(dir, "..", "bbc_natural_dup_pairs.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var list []struct{ A, B string }
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([][2]string, len(list))
	for i, p := range list {
		out[i] = [2]string{p.A, p.B}
	}
	return out, nil
}

// runShapes prints, for each shape, how many of the articles under dir
// stay apart from their rewritten copy with the original first and with
// the copy first, how many pairs are within reach (one holds 0.7 of the
// other's exact word 5-grams) and how many exact 5-gram Jaccard >= 0.5
// joins. With write, it writes the articles and their rewritings instead
// (each article, then its rewritings; in order late, the other way
// round), for clean; with annotated, it scores clean's output of them:
// per shape, the rewritings not in their article's cluster and the share
// of their words the output keeps.
func runShapes(dir string, o simhash.Options, write, annotated, order string) error {
	arts, err := readArticles(dir)
	if err != nil {
		return err
	}
	if write != "" || annotated != "" {
		docs, err := shapeDocs(arts, dir)
		if err != nil {
			return err
		}
		if write != "" {
			return writeRecords(write, docs, permute(docs, order, 1))
		}
		return scoreShapes(docs, annotated)
	}
	f := simhash.NewFingerprinter(o)
	fmt.Printf("%d articles; apart: stayed apart from the original (original first / copy first); reach: one holds 0.7 of the other's exact word 5-grams; jaccard: their Jaccard >= 0.5\n", len(arts))
	fmt.Printf("%-40s %8s %8s %8s %8s\n", "shape", "apart", "apart", "reach", "jaccard")
	for _, sh := range shapes {
		var apart [2]int
		reach, jacc := 0, 0
		for _, a := range arts {
			orig, cp := a.text(), sh.make(a)
			for k, joined := range joinedInOrders(o, f.Sketch(orig), f.Sketch(cp)) {
				if !joined {
					apart[k]++
				}
			}
			g, h := words5(orig), words5(cp)
			shared := float64(overlap(g, h))
			if shared >= 0.7*float64(min(len(g), len(h))) {
				reach++
			}
			if shared >= 0.5*(float64(len(g)+len(h))-shared) {
				jacc++
			}
		}
		fmt.Printf("%-40s %8d %8d %8d %8d\n", shapeKind(sh.edit)+": "+sh.name, apart[0], apart[1], reach, jacc)
	}
	leadTeasers(arts, o, f)
	return nil
}

// joinedInOrders reports whether a and b form one cluster when a comes
// first and when b does, each pair in a clusterer of its own.
func joinedInOrders(o simhash.Options, a, b simhash.Sketch) (joined [2]bool) {
	for k, pair := range [2][2]simhash.Sketch{{a, b}, {b, a}} {
		c := simhash.NewClusterer(o)
		c.Add(pair[0])
		joined[k] = c.Add(pair[1]) == 0
	}
	return joined
}

// leadTeasers prints, for teasers of 1 to 4 paragraphs, how many articles
// join the copy of the next article that carries their first paragraphs
// as its teaser (the article first / the copy first): different stories,
// which must stay apart. Pairs where either holds half of the other's
// exact word 5-grams are left out (a short article whose lead is most of
// it). A long lead fills the copy's stored opening, so that the article
// seems to hold the copy's opening and go on like it.
func leadTeasers(arts []article, o simhash.Options, f *simhash.Fingerprinter) {
	fmt.Printf("\n%-40s %8s %8s %8s %8s\n", "another story's copy, the lead on top", "joined", "joined", "pairs", "jaccard")
	for k := 1; k <= 4; k++ {
		var joined [2]int
		pairs, jacc := 0, 0
		for i, a := range arts {
			b := arts[(i+1)%len(arts)]
			if len(a.paras) <= k || b.text() == a.text() {
				continue
			}
			orig := a.text()
			cp := b.headline + "\n\n" + strings.Join(append(slices.Clone(a.paras[:k]), b.paras...), "\n\n")
			g, h := words5(orig), words5(cp)
			shared := float64(overlap(g, h))
			if shared >= 0.5*float64(min(len(g), len(h))) {
				continue
			}
			pairs++
			if shared >= 0.5*(float64(len(g)+len(h))-shared) {
				jacc++
			}
			for j, together := range joinedInOrders(o, f.Sketch(orig), f.Sketch(cp)) {
				if together {
					joined[j]++
				}
			}
		}
		fmt.Printf("%-40s %8d %8d %8d %8d\n", fmt.Sprintf("first %d paragraph(s)", k), joined[0], joined[1], pairs, jacc)
	}
}

func shapeKind(edit bool) string {
	if edit {
		return "edit"
	}
	return "shape"
}

// scoreShapes reads clean's annotated output of shapeDocs and prints the
// pairwise scores and, per shape, the rewritings apart from their article
// and the share of their words kept (output words over input words, \w+
// tokens).
func scoreShapes(docs []record, path string) error {
	pred, texts, err := readAnnotated(path, docs)
	if err != nil {
		return err
	}
	kept := make([]float64, len(docs))
	for i, d := range docs {
		if n := len(shingle.Tokens(d.Text)); n > 0 {
			kept[i] = float64(len(shingle.Tokens(texts[i]))) / float64(n)
		}
	}
	labels := make([]string, len(docs))
	for i, d := range docs {
		labels[i] = d.Cluster
	}
	s := score(labels, pred)
	fmt.Printf("annotated: pairwise precision %.4f recall %.4f (fp %d fn %d)\n", s.precision, s.recall, s.fp, s.fn)
	fmt.Printf("%-40s %8s %8s\n", "shape", "apart", "kept")
	orig := 0
	type tally struct {
		apart    int
		kept     float64
		n        int
		original bool
	}
	by := map[string]*tally{}
	for i, d := range docs {
		if d.Kind == "original" {
			orig = i
		}
		t := by[d.Kind]
		if t == nil {
			t = &tally{}
			by[d.Kind] = t
		}
		t.n++
		t.kept += kept[i]
		if d.Kind != "original" && pred[i] != pred[orig] {
			t.apart++
		}
	}
	fmt.Printf("%-40s %8s %8.3f\n", "originals", "", by["original"].kept/float64(by["original"].n))
	for _, sh := range shapes {
		t := by[sh.name]
		fmt.Printf("%-40s %8d %8.3f\n", shapeKind(sh.edit)+": "+sh.name, t.apart, t.kept/float64(t.n))
	}
	return nil
}
