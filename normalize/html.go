// HTML extraction
//
// ExtractHTML turns a page into its article text, one block a line, for
// the plain-text stripper to finish. It does four passes, none of which
// rescans the tree with selectors:
//
//  1. Decode. A byte-order mark wins; then bytes that are valid UTF-8 with
//     non-ASCII runes are taken as UTF-8 whatever the meta tag says (a
//     scraper that re-encoded a page rarely fixed the tag, and such byte
//     runs almost never occur by chance in legacy charsets); then the
//     <meta charset> or http-equiv label within the first 64 KB; then
//     windows-1252. Output is always valid UTF-8. Input past 6 MB is cut.
//  2. Slim. One byte scan drops what is never read: script, style and svg
//     content, comments, and every attribute except class, id, style,
//     hidden, aria-hidden, role, rel and itemprop. On the benchmark pages
//     that is 75% of the bytes (31.5 MB to 8.0 MB), and parsing (x/net/html,
//     via goquery) runs 1420-1460 pages/s of CPU time on one core instead of
//     660-700 for the pages as fetched.
//  3. Walk. One recursive pass over the DOM (depth capped at 200) lists the
//     elements in document order with their own text length, link text
//     and commas, and flags: dropped outright (script, nav, aside, header,
//     footer, form controls, figcaption, hidden by attribute, aria-hidden
//     or inline style, navigation-like ARIA roles), block-level, byline,
//     or junk (class/id names a comment section, share bar, related links,
//     sidebar, newsletter box and the like, unless it also names content
//     such as "article-body"). Because parents precede descendants,
//     subtree totals are one backward loop and inherited flags one forward
//     loop. A junk-named element holding more than half the page's prose
//     is a page wrapper with an unlucky class and is kept.
//  4. Score and pick, after Readability: every paragraph of 25+ runes
//     outside junk credits its parent, grandparent (half) and three more
//     ancestors (a sixth to a twelfth) with 1 + commas + length/100; a
//     candidate starts from its tag's prior and its class weight (+25 for
//     article/content/story names, -25 for comment/share/meta ones) and is
//     scaled by its share of non-link text. The best candidate moves up
//     when three near-best ones share an ancestor or its parent scores
//     higher, and takes along siblings that score a fifth of it or are
//     prose paragraphs. Text beside block children (a post body written
//     as text and <br>s) counts as a paragraph of its container.
//
// Rendering the picked subtrees drops, below the roots: junk-named
// blocks; h1 (the headline: the benchmark's articles never include it,
// nor bylines) and headings repeating the page title; short byline, date
// and meta blocks; a picture with a caption under 60 runes; paragraphs
// with over 70% link text; and containers failing Readability's
// conditional test (few commas and too many images, inputs or links, or
// too little text) unless they hold a third of the picked prose or 200+
// runes of paragraphs with under half link text (a few "See more" links
// don't condemn the prose around them). A short label line ("More:",
// "You may also like") goes with the block it introduced when that block
// is dropped. Pages the parser refuses (more than 512 open elements) get
// their flat text, a line per block, instead of an error.
//
// Measured on the article-extraction-benchmark (181 pages, see
// cmd/bench-extract), ExtractHTML alone: P=0.972 R=0.983 F1=0.978
// (go-trafilatura 0.962, Readability 0.952). Ideas tried and dropped:
// JSON-LD articleBody, present and parseable on 15 pages, scored P=0.89
// R=0.72 there against the DOM's 0.99/0.99; rejecting paragraphs at 60%
// link text cost recall on sites that link every name (F1 -0.0004).
//
// Speed, in CPU time with GOMAXPROCS=1 over the 181 pages (the machine was
// shared, so wall-clock rates were noisy): ExtractHTML 845-1060 pages/s,
// against 660-700 for x/net/html parsing the raw pages alone.
// BenchmarkExtractHTML (four fixture pages, 174 KB) runs 620-780 pages/s,
// 800 KB and 11,200 allocations per four pages; of the bytes, 54% are the
// parser's DOM, 24% the slimmed copy, 11% the element list.

package normalize

import (
	"bytes"
	"fmt"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ExtractHTML returns the main text of an HTML page, one block a line.
// The charset comes from a BOM or meta tag; nothing is fetched.
func ExtractHTML(page []byte) (string, error) {
	src, err := decodePage(page)
	if err != nil {
		return "", fmt.Errorf("extract html: %w", err)
	}
	src, articleBody := slimHTML(src)
	// Parsed as a browser without scripts would: the content of a
	// <noscript> is markup, for pages that put their text only there.
	doc, err := html.ParseWithOptions(bytes.NewReader(src), html.ParseOptionEnableScripting(false))
	if err != nil {
		// The parser refuses pages nested past its limit (512 open
		// elements); such a page still has text worth keeping.
		return flatText(src), nil
	}
	d := &htmlDoc{hints: make(map[string]hint)}
	d.ev.setProbes(articleBody)
	d.walk(doc, -1, 0, false)
	d.aggregate()
	d.score()
	roots := d.pick()
	out, kept := d.emit(roots, cleanStrict)
	var text int32
	for _, r := range roots {
		text += d.elems[r].text
	}
	if kept*4 < int(text) {
		// The cleaning took most of the chosen text: it is made of
		// blocks that look like boilerplate one by one (a list of
		// offers, a timetable, short CMS blocks). Keep them.
		out, kept = d.emit(roots, cleanRelaxed)
	}
	body := []int32{d.body}
	if kept == 0 {
		out, kept = d.emit(body, cleanRelaxed)
	}
	if kept == 0 {
		// Never nothing when the page shows text.
		out, _ = d.emit(body, cleanNone)
	}
	return out, nil
}

// Cleaning levels for emit.
const (
	cleanStrict  = iota // drop what reject finds boilerplate
	cleanRelaxed        // drop only what is boilerplate by name or kind, not by statistics
	cleanNone           // keep all visible text
)

// emit renders the roots at a cleaning level and returns the text and
// how many bytes of it are not line breaks.
func (d *htmlDoc) emit(roots []int32, level int) (string, int) {
	em := emitter{d: d, clean: level != cleanNone, relaxed: level == cleanRelaxed, label: -1}
	for _, r := range roots {
		em.prose += d.elems[r].prose
	}
	for _, r := range roots {
		em.visit(r, 0)
	}
	em.flush()
	return string(em.out), len(em.out) - bytes.Count(em.out, []byte{'\n'})
}

// flatText is the fallback when the parser gives up: the text of every
// token, a line per block, without choosing the main content.
func flatText(src []byte) string {
	z := html.NewTokenizer(bytes.NewReader(src))
	em := emitter{label: -1}
	for {
		switch z.Next() {
		case html.ErrorToken:
			em.flush()
			return string(em.out)
		case html.TextToken:
			em.text(string(z.Text()))
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); a == atom.Br || isBlock(a) {
				em.flush()
			}
		}
	}
}
