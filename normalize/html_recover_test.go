package normalize

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// Pages built to fail the way real pages that are not classic news
// articles do: each case names a failure kind, and the sentences it
// must recover (or drop).

// sentences returns n distinct sentences of an article about topic, long
// enough to be paragraphs.
func sentences(topic string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("Paragraph %d about %s tells the reader, in plain words, what happened next and why it matters to the people here.", i+1, topic)
	}
	return out
}

func paras(lines []string) string {
	return "<p>" + strings.Join(lines, "</p>\n<p>") + "</p>"
}

const pageHead = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>A page</title></head><body>`

// chrome is page furniture around the content: a menu and a footer.
const chrome = `<nav><ul><li><a href="/">Home</a></li><li><a href="/a">About us</a></li><li><a href="/c">Contact</a></li></ul></nav>`
const pageFooter = `<footer><p>Copyright 2024 Example Company. All rights reserved. Terms and privacy policy apply here.</p></footer>`

type recoverCase struct {
	name    string
	page    string
	want    []string // substrings the output must hold
	notWant []string // substrings it must not
}

func runRecover(t *testing.T, cases []recoverCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExtractHTML([]byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
			for _, nw := range tt.notWant {
				if strings.Contains(got, nw) {
					t.Errorf("output keeps %q:\n%s", nw, got)
				}
			}
		})
	}
}

// TestExtractDroppedContainers: the body inside an element that is
// usually furniture comes out when it holds the page's text.
func TestExtractDroppedContainers(t *testing.T) {
	body := sentences("the harbour", 5)
	runRecover(t, []recoverCase{
		{
			name: "body in aside",
			page: pageHead + chrome + `<div class="wrap"><aside class="main-col">` + paras(body) + `</aside></div>` + pageFooter,
			want: body, notWant: []string{"About us", "All rights reserved"},
		},
		{
			name: "body in header",
			page: pageHead + chrome + `<header><h1>The harbour</h1>` + paras(body) + `</header>` + pageFooter,
			want: body, notWant: []string{"About us"},
		},
		{
			name: "body only in noscript",
			page: pageHead + chrome + `<div id="app"></div><noscript><div>` + paras(body) + `</div></noscript>` + pageFooter,
			want: body,
		},
		{
			name: "aside beside the article stays out",
			page: pageHead + chrome + `<article>` + paras(body) + `</article><aside>` + paras(sentences("the sponsor", 1)) + `</aside>` + pageFooter,
			want: body, notWant: []string{"the sponsor"},
		},
	})
}

// TestExtractUnclosedTitle: a <title> cut off before "</title>" must not
// swallow the page.
func TestExtractUnclosedTitle(t *testing.T) {
	body := sentences("the match", 4)
	runRecover(t, []recoverCase{{
		name: "unclosed title",
		page: `<html><head><title>Sport news: the mat` + "\n" + `<script>var x = 1;</script></head><body>` + chrome + `<div>` + paras(body) + `</div>` + pageFooter,
		want: body,
	}})
}

// TestExtractNeverEmpty: a page with visible text never comes out empty,
// and content that the statistical cleaning would take piece by piece
// (a page-wide form, a list of ads each with a button) is kept.
func TestExtractNeverEmpty(t *testing.T) {
	body := sentences("the council", 4)
	var ads strings.Builder
	for i := range 8 {
		fmt.Fprintf(&ads, `<table><tr><td><p>12-%02d-06</p></td><td><p><strong><a href="/ad/%d">Ad %d</a></strong> Part-time driver wanted for deliveries in town %d, good pay and flexible hours offered...</p><input type="button" value="View this ad"></td></tr></table>`, i, i, i, i)
	}
	runRecover(t, []recoverCase{
		{
			name: "page-wide form",
			page: pageHead + chrome + `<div class="page"><form id="aspnetForm" method="post"><div>` + strings.Join(body, `</div><div>`) + `</div></form></div>` + pageFooter,
			want: body,
		},
		{
			name: "list of ads with buttons",
			page: pageHead + chrome + `<table><tr><td>` + ads.String() + `</td></tr></table>` + pageFooter,
			want: []string{"Part-time driver wanted for deliveries in town 0", "in town 7"},
		},
		{
			name: "headings only",
			page: pageHead + `<article class="markdown-body"><h2>Test Case 1</h2><img src="a.jpg"><h2>Test Case 2</h2><img src="b.jpg"></article>`,
			want: []string{"Test Case 1", "Test Case 2"},
		},
		{
			name: "short lines only",
			page: pageHead + `<div><a href="/x">Opening hours</a></div><div>Mon-Fri 9-17</div><div>Sat 10-14</div>`,
			want: []string{"Mon-Fri 9-17"},
		},
	})
}

// TestExtractInlineText: article text held in inline elements (<font>,
// <span>) and <br>s beside block children scores as the container's
// own text, so a teaser box with real <p>s does not win.
func TestExtractInlineText(t *testing.T) {
	body := sentences("the election", 6)
	page := pageHead + chrome + `<table><tr><td><div class="date">January 12, 2008</div><font face="arial">` +
		strings.Join(body, "<br><br>") + `</font></td><td><div class="box"><p>Sign up for the weekly digest, with recipes, puzzles, and more, delivered every Friday.</p></div></td></tr></table>` + pageFooter
	runRecover(t, []recoverCase{{name: "font and br", page: page, want: body, notWant: []string{"weekly digest"}}})
}

// TestExtractWrongBlock: on pages that are not classic articles, a small
// block with a promising name or a block of reviews, a bio or a promo
// must not win over the page's text.
func TestExtractWrongBlock(t *testing.T) {
	body := sentences("the museum", 5)
	runRecover(t, []recoverCase{
		{
			name: "small content-named cell",
			page: pageHead + chrome + `<table><tr><td class="txt_content_small"><p>Posted on January 12, 2008 in the world news section</p></td></tr>` +
				`<tr><td><div>` + paras(body) + `</div></td></tr></table>` + pageFooter,
			want: body,
		},
		{
			name: "landing page with a promo box",
			page: pageHead + chrome + `<main><section class="intro"><h1>Our tools</h1><div class="notice"><h2>Important: update your profile</h2>` +
				`<p>The new edition comes with a fresh profile, so you can run it alongside other versions, and to keep your bookmarks, history, and passwords, sign in once.</p></div></section>` +
				`<section class="features"><ul>` + featureGrid() + `</ul></section></main>` + pageFooter,
			want: []string{"Inspect the layout of any page", "Debug scripts step by step", "Measure how fast each request"},
		},
		{
			name: "one-page site with testimonials",
			page: pageHead + `<header><nav><a href="#about">About</a><a href="#services">Services</a></nav><h1>Architecture for small towns</h1></header>` +
				`<section id="about"><h2>About us</h2><p>Studio Nord was founded in 2009 by two architects who grew up in the valley. Since then we have built more than forty public buildings in the region.</p><p>We work with local builders and local wood wherever we can.</p></section>` +
				`<section id="services"><h2>Services</h2><div class="grid"><div class="card"><h3>Design</h3><p>From the first sketch to the building permit.</p></div><div class="card"><h3>Renovation</h3><p>Old buildings made warm and bright again.</p></div></div></section>` +
				`<section id="testimonials"><h2>What clients say</h2><blockquote><p>"The new library is the heart of our village now, and the children love it, every single day of the week."</p><cite>Mayor of Lindau</cite></blockquote>` +
				`<blockquote><p>"They listened to us, to the teachers, and to the pupils, and it shows in every room of the school."</p><cite>Head teacher</cite></blockquote></section>` + pageFooter,
			want: []string{"Studio Nord was founded in 2009", "We work with local builders", "From the first sketch", "The new library is the heart"},
		},
	})
}

// featureGrid is a landing page's grid of short feature blocks, each a
// heading, a sentence and a link.
func featureGrid() string {
	var b strings.Builder
	for _, f := range []string{"Inspect the layout of any page and change it live.", "Debug scripts step by step and watch their state.",
		"Measure how fast each request of a page comes back.", "Edit styles and see the result as you type them.",
		"Record a profile of the page while it runs.", "Test pages at the sizes of phones and tablets."} {
		fmt.Fprintf(&b, `<li class="feature"><h3>%s</h3><p>%s</p><a href="/more">Learn more</a></li>`, f[:12], f)
	}
	return b.String()
}

// TestExtractStructuredHints: schema.org microdata naming the article
// body is evidence for its element, not a verdict.
func TestExtractStructuredHints(t *testing.T) {
	body := sentences("the river", 3)
	others := sentences("another story", 4)
	runRecover(t, []recoverCase{
		{
			name: "articleBody beats a longer block",
			page: pageHead + chrome + `<div class="page"><div class="main"><div itemprop="articleBody">` + paras(body) + `</div><div class="share">Share</div></div>` +
				`<div class="other"><div class="list">` + paras(others) + `</div></div></div>` + pageFooter,
			want: body, notWant: others[:1],
		},
		{
			name: "articleBody on a stub loses",
			page: pageHead + chrome + `<div class="col"><div itemprop="articleBody"><p>A short summary of the story, in one line.</p></div></div><div class="col"><div class="text">` + paras(others) + `</div></div>` + pageFooter,
			want: others,
		},
	})
}

// TestExtractListsAndTables: lists and tables that are the content (a
// product's attributes, a timetable, a list of deals) stay.
func TestExtractListsAndTables(t *testing.T) {
	desc := sentences("the kettle", 3)
	var deals strings.Builder
	for i := range 8 {
		fmt.Fprintf(&deals, `<li><a href="/deal/%d">Deal %d: travel mug, 20%% off</a> until Sunday</li>`, i, i)
	}
	runRecover(t, []recoverCase{
		{
			name: "product attributes",
			page: pageHead + chrome + `<div class="product"><h1>Kettle</h1>` + paras(desc) +
				`<table class="specs"><tr><th>Capacity</th><td>1.7 l</td></tr><tr><th>Power</th><td>2200 W</td></tr><tr><th>Weight</th><td>1.1 kg</td></tr></table>` +
				`<dl><dt>Colour</dt><dd>Steel grey</dd><dt>Warranty</dt><dd>Two years</dd></dl></div>` + pageFooter,
			want: append([]string{"Capacity 1.7 l", "2200 W", "Steel grey", "Two years"}, desc...),
		},
		{
			name: "timetable",
			page: pageHead + chrome + `<div class="content"><h1>Bus 12</h1><p>Buses run every day of the week, and on holidays they run as on Sundays, from the station.</p>` +
				`<table><tr><th>Stop</th><th>Mon-Fri</th><th>Sat</th></tr><tr><td>Station</td><td>06:10</td><td>07:10</td></tr><tr><td>Market</td><td>06:18</td><td>07:18</td></tr><tr><td>Harbour</td><td>06:25</td><td>07:25</td></tr></table></div>` + pageFooter,
			want: []string{"Market 06:18 07:18", "Harbour 06:25 07:25"},
		},
		{
			// A record with a linked name in each row: over a fifth of
			// its text is links, and it has no commas.
			name: "career table with links",
			page: pageHead + chrome + `<div class="article">` + paras(sentences("the player", 6)) + `<p>His record stands thus:</p>` +
				`<table class="infobox"><tr><th>Years</th><th>Club</th><th>Apps</th></tr><tr><td>1990-1994</td><td><a href="/c/1">Motherwell</a></td><td>112</td></tr>` +
				`<tr><td>1994-1999</td><td><a href="/c/2">Celtic</a></td><td>89</td></tr><tr><td>1999-2003</td><td><a href="/c/3">Sheffield Wednesday</a></td><td>20</td></tr></table>` +
				paras(sentences("his last season", 2)) + `</div>` + pageFooter,
			want: []string{"1990-1994 Motherwell 112", "1999-2003 Sheffield Wednesday 20"},
		},
		{
			name: "list of deals",
			page: pageHead + chrome + `<div class="content"><h1>Deals</h1><p>This week's offers, picked by our editors, with prices checked on Monday morning.</p><ul>` + deals.String() + `</ul></div>` + pageFooter,
			want: []string{"Deal 0: travel mug", "Deal 7: travel mug"},
		},
	})
}

// TestExtractSiblingBlocks: a body spread over many small sibling
// blocks (a CMS's one block per paragraph) comes out whole.
func TestExtractSiblingBlocks(t *testing.T) {
	body := sentences("the festival", 8)
	var b strings.Builder
	for i, s := range body {
		if i%3 == 2 {
			fmt.Fprintf(&b, `<div class="block block-image"><div class="inner"><img src="%d.jpg"></div></div>`, i)
		}
		fmt.Fprintf(&b, `<div class="block block-text"><div class="inner"><div class="rt"><p>%s</p></div></div></div>`, s)
	}
	runRecover(t, []recoverCase{{
		name: "one block per paragraph",
		page: pageHead + chrome + `<div class="page"><div class="blocks">` + b.String() + `</div><div class="teaser"><p>` + sentences("a sponsor", 1)[0] + `</p></div></div>` + pageFooter,
		want: body,
	}})
}

// TestExtractHeadingSlugIDs: documentation generators give sections ids
// made of their heading's words; a word such as "sharing" or "related"
// there names the topic, not a share bar.
func TestExtractHeadingSlugIDs(t *testing.T) {
	intro, sharing, related := sentences("history", 2), sentences("a single developer", 3), sentences("earlier tools", 2)
	page := pageHead + chrome + `<div class="body"><div class="section" id="evolve"><h1>Evolve</h1>` + paras(intro) +
		`<div class="section" id="sharing-with-a-single-developer"><h2>Sharing with a single developer</h2>` + paras(sharing) + `</div>` +
		`<div class="section" id="related-work-and-further-reading"><h2>Related work</h2>` + paras(related) + `</div></div></div>` + pageFooter
	runRecover(t, []recoverCase{{name: "slug ids", page: page, want: append(append(intro, sharing...), related...)}})
}

// TestExtractProseList: a list of prose items inside the article is not
// condemned for the negative prior lists get as candidates.
func TestExtractProseList(t *testing.T) {
	body := sentences("the release", 4)
	items := []string{"We have just landed a fix that stops two updates from running at once", "Users can now import their saved logins from another password manager"}
	page := pageHead + chrome + `<article class="post"><div class="entry-content">` + paras(body[:2]) + `<h3>Highlights</h3><ul><li><p>` + items[0] + `</p></li><li><p>` + items[1] + `</p></li></ul>` + paras(body[2:]) + `</div></article>` + pageFooter
	runRecover(t, []recoverCase{{name: "list of prose items", page: page, want: append(body, items...)}})
}

// TestExtractCommentThread: a comment thread named with a content word
// as well ("comments-body") is still a thread; an opinion piece in a
// "comment" section is not one.
func TestExtractCommentThread(t *testing.T) {
	body, thread := sentences("the vote", 3), sentences("what a reader thinks", 5)
	runRecover(t, []recoverCase{
		{
			name: "comments-body",
			page: pageHead + chrome + `<div class="blog"><div class="blogbody">` + paras(body) + `</div><div class="comments-head">Comments</div><div class="comments-body">` + paras(thread) + `</div></div>` + pageFooter,
			want: body, notWant: thread[:1],
		},
		{
			name: "opinion piece",
			page: pageHead + chrome + `<div class="comment-article">` + paras(body) + `</div>` + pageFooter,
			want: body,
		},
	})
}

// TestExtractJSONLDEvidence: a JSON-LD articleBody moves the pick to the
// element whose text it is, and only there: a body the page does not
// show, or a summary much shorter than the element, changes nothing.
func TestExtractJSONLDEvidence(t *testing.T) {
	body, others := sentences("the river", 3), sentences("another story", 4)
	ld := func(text string) string {
		b, err := json.Marshal(map[string]string{"@type": "NewsArticle", "articleBody": text})
		if err != nil {
			t.Fatal(err)
		}
		return `<script type="application/ld+json">` + string(b) + `</script>`
	}
	page := func(script string) string {
		return `<html><head><title>A page</title>` + script + `</head><body>` + chrome + `<div class="page"><div class="main"><div class="x">` + paras(body) +
			`</div><div class="share">Share</div></div><div class="other"><div class="list">` + paras(others) + `</div></div></div>` + pageFooter
	}
	runRecover(t, []recoverCase{
		{name: "articleBody found in the page", page: page(ld(strings.Join(body, "\n\n"))), want: body, notWant: others[:1]},
		{name: "articleBody as markup with references", page: page(ld("<p>" + strings.Join(body, "</p><p>") + "</p>")), want: body, notWant: others[:1]},
		{name: "articleBody not in the page", page: page(ld(strings.Join(sentences("a hidden text", 3), "\n\n"))), want: others},
	})
}

// TestExtractSameClassBlocks: a story split into blocks of one class
// around an ad comes out whole, not just its biggest block.
func TestExtractSameClassBlocks(t *testing.T) {
	first, rest := sentences("the merger", 2), sentences("the deal", 5)
	page := pageHead + chrome + `<article><div class="story-body-supplemental"><div class="story-body story-body-1">` + paras(first) + `</div></div>` +
		`<div class="ad">Advertisement</div><div class="story-body-supplemental"><figure><img src="a.jpg"><figcaption>Photo</figcaption></figure><div class="story-body story-body-2">` + paras(rest) + `</div></div></article>` + pageFooter
	// The first part is wrapped five layers deeper than the others (a
	// lead section with a drop cap), too deep for its paragraphs to
	// score the block of the shared class.
	lead, mid, end := sentences("the lead", 3), sentences("the middle", 2), sentences("the end", 6)
	deep := pageHead + chrome + `<div id="post"><div class="part"><div class="wrap"><div class="box"><section class="outer"><div class="inner"><div class="text">` + paras(lead) +
		`</div></div></section></div></div></div><div class="part"><div class="y"><div class="x"><div class="w"><div class="c">` + paras(mid) + `</div></div></div></div></div><div class="promo"><a href="/x">Subscribe</a></div><div class="part"><div class="y"><div class="x"><div class="w"><div class="c">` + paras(end) + `</div></div></div></div></div><ul class="list">` + strings.Repeat(`<li><a href="/t">A long headline of another story in the list here</a></li>`, 40) + `</ul></div>` + pageFooter
	runRecover(t, []recoverCase{
		{name: "two blocks", page: page, want: append(first, rest...), notWant: []string{"Advertisement"}},
		{name: "first block deeper", page: deep, want: append(append(lead, mid...), end...), notWant: []string{"Subscribe"}},
	})
}

// TestExtractShortLines: short link-free lines inside the content (a
// price, an address, opening hours) are content, not empty boxes.
func TestExtractShortLines(t *testing.T) {
	desc := sentences("the kettle", 3)
	page := pageHead + chrome + `<div class="product">` + paras(desc) + `<div class="price">EUR 49.90</div><div class="stock">In stock, ships today</div>` +
		`<div class="addr"><div>Hauptstrasse 4</div><div>6900 Bregenz</div></div>` + paras(sentences("the warranty", 2)) + `</div>` + pageFooter
	runRecover(t, []recoverCase{{name: "price and address", page: page, want: append([]string{"EUR 49.90", "In stock, ships today", "Hauptstrasse 4", "6900 Bregenz"}, desc...)}})
}

// TestExtractBodyParagraphs: a hand-written page whose paragraphs are
// the body's own children comes out whole, not just its one wrapped
// block (a quotation).
func TestExtractBodyParagraphs(t *testing.T) {
	intro, body, quote := sentences("a new computer", 4), sentences("installing software", 10), sentences("a reader's letter", 2)
	page := `<html><head><title>linux usability</title></head><body><table><tr><td>` + paras(intro) + `</td><td><img src="me.jpg"></td></tr></table>` +
		paras(body[:4]) + `<blockquote>` + paras(quote) + `</blockquote>` + paras(body[4:]) + `</body></html>`
	runRecover(t, []recoverCase{{name: "paragraphs in body", page: page, want: append(append(intro, body...), quote...)}})
}

// TestExtractListingPage: a page with next to no prose, every line a
// link (headlines, offers), keeps its list rather than a menu.
func TestExtractListingPage(t *testing.T) {
	var b strings.Builder
	for i := range 10 {
		fmt.Fprintf(&b, `<p><a href="/deal/%d">Travel mug number %d, now 20%% off</a></p>`, i, i)
	}
	page := pageHead + `<div id="top"><div id="NBrow">Tuesday, 26th December 2006 | <a href="/s">Search</a> | <a href="/m">Site map</a></div></div>` +
		`<div id="content"><div id="main"><h2>Deals of the week</h2>` + b.String() + `</div><div id="side"><a href="/x">Jobs</a> | <a href="/y">Property</a></div></div>` + pageFooter
	runRecover(t, []recoverCase{{name: "deals", page: page, want: []string{"Travel mug number 0, now 20% off", "Travel mug number 9, now 20% off"}, notWant: []string{"Site map"}}})
}

// TestExtractStandfirst: an intro paragraph in a <div> of its own beside
// the article body (a standfirst) comes along with it.
func TestExtractStandfirst(t *testing.T) {
	intro := "The airport reopened its northern runway on Friday morning, two days after a cargo plane slid off it in heavy rain, and most of the morning flights left on time, the operator said."
	body := sentences("the airport", 5)
	page := pageHead + chrome + `<div class="wrap"><div class="intro">` + intro + `</div><div class="text">` + paras(body) + `</div><div class="tools"><a href="/p">Print</a></div></div>` + pageFooter
	runRecover(t, []recoverCase{{name: "intro div", page: page, want: append([]string{intro}, body...)}})
}

// TestExtractOnlyFurniture: a page whose only visible text sits in its
// header and footer still comes out.
func TestExtractOnlyFurniture(t *testing.T) {
	page := pageHead + `<header><h1>Studio Nord</h1><p>Architects in Bregenz</p></header><div id="app"></div><footer><p>Call us: +43 5574 1234</p></footer></body></html>`
	runRecover(t, []recoverCase{{name: "header and footer", page: page, want: []string{"Architects in Bregenz", "Call us: +43 5574 1234"}}})
}

// TestExtractReadMoreWrapper: a paywalled story whose rest sits in a
// "read-more" wrapper inside the story block comes out with its opening
// paragraphs, which lie outside the wrapper.
func TestExtractReadMoreWrapper(t *testing.T) {
	// Paragraphs of three sentences; the rest outscores the story block
	// by a little, as on the page this comes from.
	threes := func(s []string) (out []string) {
		for i := 0; i+3 <= len(s); i += 3 {
			out = append(out, strings.Join(s[i:i+3], " "))
		}
		return out
	}
	intro, open, long := sentences("the intro", 1), append(threes(sentences("the opening", 9)), sentences("the aside", 1)...), threes(sentences("the rest", 24))
	page := pageHead + chrome + `<div id="story"><h1>A page</h1><div class="story-body"><div class="story-intro"><p><strong>` + intro[0] + `</strong></p></div>` + paras(open) +
		`<div id="read-more"><div id="read-more-link"><a href="/more">Read more</a></div><div id="read-more-content">` + paras(long) + `</div></div></div></div>` + pageFooter
	runRecover(t, []recoverCase{{name: "opening outside the wrapper", page: page, want: append(append(intro, open...), long...), notWant: []string{"Read more"}}})
}

// TestExtractBlankLineParagraphs: a story written as text and blank
// lines (<br><br>) in one table cell is several paragraphs, and beats
// the readers' comments beside it, each in a <p> of its own.
func TestExtractBlankLineParagraphs(t *testing.T) {
	story := sentences("the transfer", 12)
	var text []string
	for i := 0; i < len(story); i += 2 {
		text = append(text, story[i]+" "+story[i+1])
	}
	var comments []string
	for i := range 11 {
		comments = append(comments, fmt.Sprintf("Reader %d: I think he goes north, the club needs the money, and the fans will not mind much.", i))
	}
	page := pageHead + `<table><tr><td class="menu"><a href="/">Home</a></td></tr><tr><td class="top">` + strings.Join(text, "<br><br>\n") +
		`</td></tr></table><table><tr><td><b>What you think...</b>` + paras(comments) + `</td></tr></table>` + pageFooter
	runRecover(t, []recoverCase{{name: "story in a cell", page: page, want: text, notWant: comments[:1]}})
}

// TestExtractInlineLinkList: headlines linked one a line with <br>s
// under the story, in the story's own cell, are a link list, not text;
// lines of prose with a link in them stay, and so do two link lines.
func TestExtractInlineLinkList(t *testing.T) {
	story := sentences("the council", 5)
	heads := []string{"LeBreton Flats take centre stage", "Inquiry scope clipped by appeals court", "Red-light runner injures five", "Student to receive hero citation"}
	var list []string
	for i, h := range heads {
		list = append(list, fmt.Sprintf(`<span class="item"><img src="arrow.gif"> <a href="/n/%d">%s</a></span>`, i, h))
	}
	linked := `Read the <a href="/report">full report of the auditor</a> on the city website, where the council posted it on Friday morning.`
	page := pageHead + chrome + `<table><tr><td>` + paras(story) + `Sources: <a href="/a">City Hall</a><br><a href="/b">The auditor's office</a><br>` +
		`<p>` + linked + `</p><hr>` + strings.Join(list, "<br>") + `</td></tr></table>` + pageFooter
	runRecover(t, []recoverCase{{
		name:    "headlines under the story",
		page:    page,
		want:    append(story, "Read the full report of the auditor on the city website", "The auditor's office"),
		notWant: heads,
	}})
}
