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
//     that is 75% of the bytes (31.5 MB to 8.0 MB), and parsing (x/net/html)
//     runs 1420-1460 pages/s of CPU time on one core instead of 660-700 for
//     the pages as fetched. The same scan closes a <title> cut off before
//     "</title>" (the parser would read the rest of the page as its text:
//     7 of page-signal's 621 pages) and keeps the longest schema.org
//     articleBody of the JSON-LD scripts. The page is parsed as a browser
//     without scripts would, so <noscript> content is markup.
//  3. Walk. One recursive pass over the DOM (depth capped at 200) lists the
//     elements in document order with their own text length, link text
//     and commas, and flags: dropped outright (script, form controls,
//     figcaption, hidden by attribute, aria-hidden or inline style),
//     furniture by tag (nav, aside, header, footer, noscript,
//     navigation-like ARIA roles: walked, but dropped unless one holds more
//     than half the page's prose, as when a site puts its article in an
//     <aside>), block-level, byline, or junk (class/id names a comment
//     section, share bar, related links, sidebar, newsletter box and the
//     like, unless it also names content such as "article-body"; a
//     comments thread stays junk even then). Ids of five or more words are
//     heading slugs ("sharing-with-a-single-developer") and give no hints;
//     itemprop="articleBody" counts as a content name. Because parents
//     precede descendants, subtree totals are one backward loop and
//     inherited flags one forward loop. A junk-named element holding more
//     than half the page's prose (80% for a comment thread) is a page
//     wrapper with an unlucky class and is kept.
//  4. Score and pick, after Readability: every paragraph of 25+ runes
//     outside junk credits its parent, grandparent (half) and three more
//     ancestors (a sixth to a twelfth) with 1 + commas + length/100; a
//     candidate starts from its tag's prior and its class weight (+25 for
//     article/content/story names, -25 for comment/share/meta ones) and is
//     scaled by its share of non-link text. The best candidate moves up
//     when three near-best ones share an ancestor or its parent scores
//     higher (or within 90% of it holding 30% more prose: a near tie
//     goes to the block with the story's opening paragraphs), passing
//     through wrappers named like boilerplate ("read-more" around a
//     paywalled rest), and takes along siblings that score a fifth of it,
//     that share its class and hold 100+ runes of prose, or that are prose
//     paragraphs. Text beside block children (a post body written as
//     text, <font> and <br>s) counts as a paragraph of its container, and
//     a unit split by blank lines (<br><br>) into parts averaging 200+
//     runes counts as that many paragraphs.
//     A content class name weighs in full only on 250+ runes of prose. When
//     the best candidate is a short block (under 400 runes of prose, not
//     named as content: a promo box, a bio, testimonials) holding under
//     half the page's prose outside junk, the pick moves to the ancestor
//     (the body included) holding 80% of it, unless mostly links: landing,
//     product and one-page sites, whose text is short blocks that score
//     little one by one. Last, the JSON-LD articleBody is evidence: the
//     lowest element whose text nodes hold two of three snippets of it and
//     60-200% of its length, under 30% links, is the article (without
//     siblings) if the scoring chose something else.
//
// Rendering the picked subtrees drops, below the roots: junk-named
// blocks; h1 (the headline: the benchmark's articles never include it,
// nor bylines) and headings repeating the page title; short byline, date
// and meta blocks; a picture with a caption under 60 runes; paragraphs
// with over 70% link text; and containers (data tables under half links
// excepted: rows and columns of short cells, no nested table) failing Readability's
// conditional test (few commas and too many images, inputs or links, or
// too little text) unless they hold a third of the picked prose or 200+
// runes of paragraphs with under half link text (a few "See more" links
// don't condemn the prose around them). Three or more lines in a row
// that are 70%+ link text (headlines one a line with <br>s, inline in
// the story's cell) are cut. A short label line ("More:",
// "You may also like") goes with the block it introduced when that block
// is dropped. Forms are dropped unless they hold a third of the picked
// prose (ASP.NET wraps whole pages in one). Pages the parser refuses
// (more than 512 open elements) get their flat text, a line per block,
// instead of an error.
//
// Never empty: when the cleaning keeps under a quarter of the picked
// text (a list of ads each with a button, a timetable: blocks that look
// like boilerplate one by one), the roots are rendered again keeping all
// but junk-named blocks, forms, headlines and captions; if that is empty,
// the body the same way; then the body's whole visible text, header,
// navigation and footer included.
//
// Measured with cmd/bench-extract (-all over the four dev sets; extraction
// then StripExtracted; P / R / F1):
//
//	set            pages  before (65d283d)        now                     trafilatura 2.2.0
//	extract (AEB)  181    .973 / .982 / .978      .971 / .985 / .978      .945 / .979 / .962 (go-trafilatura)
//	page-signal    621    .950 / .912 / .931 (8)  .966 / .936 / .950 (0)  .856 / .942 / .897
//	readability    116    .973 / .899 / .935 (2)  .966 / .935 / .950 (0)  .931 / .928 / .930
//	cleaneval-dev   56    .927 / .804 / .861 (2)  .927 / .858 / .891 (0)  .883 / .758 / .816
//
// (n) counts pages that came out empty. What each change bought, on
// page-signal / readability / cleaneval-dev: closing cut-off titles and
// walking furniture tags +.006/0/0; the never-empty fallbacks and
// page-wide forms 0/+.003/+.020; inline text as own text +.004/0/-.001
// (AEB -.001: an author bio kept); class weight scaled by prose +.002/0/0;
// the short-block climb 0/+.004/0 (without the 400-rune bound
// cleaneval-dev rose to .893 but AEB fell to .976 and page-signal to .941:
// articles beside teaser lists taken in whole); heading slugs 0/+.002/0;
// lists not condemned by their prior 0/+.002/0; comment threads junk
// despite content words +.002/0/-.007 (CleanEval's gold keeps threads,
// page-signal's and AEB's don't); same-class sibling blocks 0/+.001 R/0;
// short link-free lines kept +.001/0/+.001; the body as the content when
// it outscores every block twice 0/+.002/0; pages without prose and
// mostly links taken as listings 0/0/+.014 (+.001 on page-signal without
// the links condition, kept for short pages of link-free lines);
// standfirsts (div paragraphs over 150 runes as siblings) +.001/0/0;
// same-class prose siblings however little they score 0/+.001/0 (AEB
// +.001); the near-tie climb through boilerplate-named wrappers
// 0/+.001/0; data tables kept 0/+.001/+.003; blank-line paragraphs
// +.003/0/0 (page-signal .9499: two table-layout stories from F1 0 to
// .93-.98; two pages lose precision to a side column taken along);
// runs of link lines cut +.001/0/0 (page-signal .9499 -> .9505; one
// page P .43 -> 1.0). The JSON-LD evidence changes no dev
// page: on the 17 of 23 pages where it locates its element, the DOM
// pick already held it; its text alone scored P=0.89 R=0.72 on AEB
// against the DOM's 0.99/0.99, hence evidence, not output. Tried and
// dropped: rejecting paragraphs at 60% link text cost recall on sites
// that link every name (F1 -0.0004); scoring a long own-text block as
// several paragraphs (cleaneval-dev -.008); <li> and <dd> as paragraph
// units (AEB -.001, readability -.001); climbing through thin wrappers
// whose parent scores low (AEB +.001, readability -.005, cleaneval-dev
// -.004); keeping the h1 (page-signal +.002, AEB -.002: page-signal's
// gold holds headlines, bylines and captions, AEB's does not, which is
// most of page-signal's remaining recall loss); keeping <figcaption>
// (readability R +.002, AEB -.002) or caption-named blocks (page-signal
// +.001, readability +.001, AEB -.007: its gold never has captions);
// prefixing the page's <h1> (simulated: page-signal +.001, readability
// -.003, AEB -.013).
//
// Speed, in CPU time with GOMAXPROCS=1 over the 181 pages (the machine was
// shared, so wall-clock rates were noisy): ExtractHTML 845-1060 pages/s,
// against 660-700 for x/net/html parsing the raw pages alone.
// The recovery mechanisms (walking furniture subtrees, prose outside
// junk, the relaxed second rendering on some pages, the JSON-LD probes)
// cost about 3% of that, after sizing the element list from the count
// of '<' instead of growing it: old and new code alternated five times
// over the 918 pages of AEB, page-signal and readability, GOMAXPROCS=1,
// process CPU time: 1066/991/863/946/972 against 982/992/876/819/1021
// pages/s, means 968 and 938 (the machine was loaded, load 20+; the
// ratio is the figure, not the rates, and it is within the noise).
// BenchmarkExtractHTML (four fixture pages, 174 KB) ran 620-780 pages/s,
// 800 KB and 11,200 allocations per four pages; of the bytes, 54% are the
// parser's DOM, 24% the slimmed copy, 11% the element list. Now 818 KB
// and 11,167 allocations (go test -bench ExtractHTML -benchtime 50x).
// The later changes (blank-line counts while walking, data-table test,
// sibling and climb rules, link-line runs) cost nothing measurable:
// 7049ce3 and this code alternated seven times over the same 918 pages,
// GOMAXPROCS=1, process CPU time of bench-extract (scoring included),
// means 1.68 s and 1.66 s (load 28; runs varied by 30%).

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
	// About one element per two tags: sized once instead of grown.
	d := &htmlDoc{hints: make(map[string]hint), elems: make([]elem, 0, bytes.Count(src, []byte{'<'})/2+1)}
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
	cleanNone           // keep all visible text, furniture (nav, header, footer) included
)

// emit renders the roots at a cleaning level and returns the text and
// how many bytes of it are not line breaks.
func (d *htmlDoc) emit(roots []int32, level int) (string, int) {
	em := emitter{d: d, clean: level != cleanNone, relaxed: level == cleanRelaxed, furniture: level == cleanNone, label: -1}
	for _, r := range roots {
		em.prose += d.elems[r].prose
	}
	for _, r := range roots {
		em.visit(r, 0)
	}
	em.flush()
	em.cutLinkRun()
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
