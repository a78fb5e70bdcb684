package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsclean/clean/internal/reshape"
)

// block is one logical line of a page before shaping: a body unit
// (headline or paragraph) or a boilerplate line.
type block struct {
	text string
	body bool
	kind string // boilerplate kind; "headline", "para" or "trap" for the body
}

// The text shapes, each scored apart.
var shapes = []string{"plain", "wrap", "wrap-tight", "crlf", "indent", "entities", "mixed"}

// extraShapes are drawn only when -shapes names them, so the default
// corpus and its figures stay as they were: cr (old Mac line breaks),
// separators (Unicode's line and paragraph separators), capitals (the
// whole page in capitals, as old wire copy) and soft-hyphens (soft
// hyphens inside the longer words of every line, as sites hyphenate).
// capitals and soft-hyphens change the words, so the truth holds them as
// written.
var extraShapes = []string{"cr", "separators", "capitals", "soft-hyphens"}

// respell writes the blocks' text as shape spells its words.
func respell(blocks []block, shape string) {
	for i := range blocks {
		switch shape {
		case "capitals":
			blocks[i].text = strings.ToUpper(blocks[i].text)
		case "soft-hyphens":
			blocks[i].text = reshape.InsideWords(blocks[i].text, "\u00ad")
		}
	}
}

// fill replaces the slots of t and chooses among its alternatives
// ("[said|told reporters]", which may hold slots). Site slots ({SITE},
// {DOMAIN}, {YEAR}, {EMAIL}) are the same on every page; the others are
// drawn anew, names, places and organisations from the article's cast when
// one is set, so that a story keeps its people and towns.
func (g *gen) fill(t string, s *site) string {
	if !strings.ContainsAny(t, "{[") {
		return t
	}
	var b strings.Builder
	for {
		i := strings.IndexAny(t, "{[")
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		end := byte('}')
		if t[i] == '[' {
			end = ']'
		}
		j := strings.IndexByte(t[i:], end)
		if j < 0 {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		if end == ']' {
			b.WriteString(g.fill(g.pick(strings.Split(t[i+1:i+j], "|")), s))
		} else {
			b.WriteString(g.slot(t[i+1:i+j], s))
		}
		t = t[i+j+1:]
	}
}

func (g *gen) slot(name string, s *site) string {
	r, l := g.r, s.l
	switch name {
	case "SITE":
		return s.name
	case "DOMAIN":
		return s.domain
	case "YEAR":
		return s.year
	case "EMAIL":
		return "redaktion@" + s.domain
	case "PHONE":
		return fmt.Sprintf("+%d %d %03d %04d", 30+r.IntN(20), 10+r.IntN(80), r.IntN(1000), r.IntN(10000))
	case "P", "C", "O":
		if c := g.cast[name]; len(c) > 0 && r.IntN(5) > 0 {
			return g.pick(c)
		}
		return g.castless(name, l)
	case "L":
		return g.pick(l.lists["last"])
	case "N":
		return strconv.Itoa(2 + r.IntN(98))
	case "K":
		return group(1000+r.IntN(98000), l.thousands)
	case "X":
		return strconv.Itoa(1+r.IntN(40)) + l.decimal + strconv.Itoa(1+r.IntN(9))
	case "D":
		return g.pick(l.lists["weekday"])
	case "M":
		return g.pick(l.lists["month"])
	case "DD":
		return strconv.Itoa(1 + r.IntN(28))
	case "MM":
		return fmt.Sprintf("%02d", 1+r.IntN(12))
	case "YYYY":
		return s.year
	case "HH":
		return fmt.Sprintf("%02d", 6+r.IntN(17))
	case "MI":
		return fmt.Sprintf("%02d", r.IntN(60))
	case "DATE":
		return g.fill(s.dateFormat, s)
	case "HL":
		l := s.l
		return g.fill(g.pick(l.topics[r.IntN(len(l.topics))].headlines), s)
	case "SECTIONPATH":
		secs := l.lists["section"]
		p := s.root
		for _, i := range r.Perm(len(secs))[:1+r.IntN(2)] {
			if secs[i] != s.root {
				p += s.sep + secs[i]
			}
		}
		return p
	}
	return "{" + name + "}"
}

// castless draws a person, city or organisation from the whole pool.
func (g *gen) castless(name string, l *lang) string {
	switch name {
	case "P":
		return g.pick(l.lists["first"]) + " " + g.pick(l.lists["last"])
	case "C":
		return g.pick(l.lists["city"])
	}
	return g.pick(l.lists["org"])
}

// group writes n with a thousands separator.
func group(n int, sep string) string {
	d := strconv.Itoa(n)
	for i := len(d) - 3; i > 0; i -= 3 {
		d = d[:i] + sep + d[i:]
	}
	return d
}

// render draws item it for one page.
func (g *gen) render(it item, s *site) []block {
	if g.r.Float64() >= it.prob {
		return nil
	}
	var out []block
	for _, t := range it.lines {
		if rest, ok := strings.CutPrefix(t, "*"); ok {
			for range 1 + g.r.IntN(it.entries) {
				out = append(out, block{text: it.st.apply(g.fill(rest, s)), kind: it.kind})
			}
			continue
		}
		out = append(out, block{text: it.st.apply(g.fill(t, s)), kind: it.kind})
	}
	return out
}

// article draws a story in the site's language: a headline and
// paragraphs of one to three sentences, most from one topic. With
// probability 0.4 one paragraph is a trap sentence, first, last or alone
// in the middle.
func (g *gen) article(s *site) (headline string, paras []block) {
	r, l := g.r, s.l
	g.cast = map[string][]string{}
	for _, k := range []string{"P", "P", "P", "C", "C", "O", "O"} {
		g.cast[k] = append(g.cast[k], g.castless(k, l))
	}
	defer func() { g.cast = nil }()
	tp := l.topics[r.IntN(len(l.topics))]
	headline = g.fill(g.pick(tp.headlines), s)
	sents := append([]string(nil), tp.sentences...)
	r.Shuffle(len(sents), func(a, b int) { sents[a], sents[b] = sents[b], sents[a] })
	// 4 to 14 sentences, the topic's own first, then a few of other
	// topics: the fewer pages share a sentence template, the fewer wrapped
	// lines recur across a site (TestBodyLinesDoNotRepeatAcrossASite).
	nSent := 4 + r.IntN(11)
	for _, i := range r.Perm(len(l.topics))[:2] {
		if other := l.topics[i].sentences; len(sents) < nSent {
			sents = append(sents, other[r.IntN(len(other))])
		}
	}
	for len(sents) > 0 && nSent > 0 {
		k := min(1+r.IntN(3), len(sents), nSent)
		var p []string
		if r.IntN(2) == 0 {
			p = append(p, g.fill(g.pick(l.lists["lead"]), s))
		}
		for _, t := range sents[:k] {
			p = append(p, g.attribute(g.fill(t, s), s))
		}
		sents, nSent = sents[k:], nSent-k
		paras = append(paras, block{text: strings.Join(p, " "), body: true, kind: "para"})
	}
	if r.IntN(5) < 2 {
		trap := block{text: g.attribute(g.fill(g.pick(l.lists["trap"]), s), s), body: true, kind: "trap"}
		switch r.IntN(3) {
		case 0:
			paras = append([]block{trap}, paras...)
		case 1:
			paras = append(paras, trap)
		default:
			k := 1 + r.IntN(len(paras)-1)
			paras = append(paras[:k:k], append([]block{trap}, paras[k:]...)...)
		}
	}
	return headline, paras
}

// attribute gives two sentences in five an attribution (", {P} said")
// before the final period, unless they end in a quotation. Leads and
// attributions vary where paragraphs start and sentences end, so that
// wrapped lines from a small pool of sentences do not recur across a site.
func (g *gen) attribute(t string, s *site) string {
	body, ok := strings.CutSuffix(t, ".")
	if !ok || g.r.IntN(5) > 1 {
		return t
	}
	if r, _ := utf8.DecodeLastRuneInString(body); strings.ContainsRune("”“»«’‘\"", r) {
		return t
	}
	a := g.fill(g.pick(s.l.lists["attrib"]), s)
	if !strings.HasPrefix(a, ",") {
		a = " " + a // a dash
	}
	return body + a + "."
}

// page draws one page of site s: its blocks in order, and the kind of the
// boilerplate line directly above the headline ("" if none).
func (g *gen) page(s *site) (blocks []block, above string) {
	for _, it := range s.header {
		blocks = append(blocks, g.render(it, s)...)
	}
	if s.adAbove != nil {
		blocks = append(blocks, g.render(*s.adAbove, s)...)
	}
	if n := len(blocks); n > 0 {
		above = blocks[n-1].kind
	}
	headline, paras := g.article(s)
	blocks = append(blocks, block{text: headline, body: true, kind: "headline"})
	if s.byline != nil {
		blocks = append(blocks, g.render(*s.byline, s)...)
	}
	// Inline inserts go between paragraphs, never before the first.
	at := make([][]block, len(paras))
	for _, it := range s.inline {
		if len(paras) > 1 {
			k := 1 + g.r.IntN(len(paras)-1)
			at[k] = append(at[k], g.render(it, s)...)
		}
	}
	for i, p := range paras {
		blocks = append(blocks, at[i]...)
		blocks = append(blocks, p)
	}
	for _, it := range s.footer {
		blocks = append(blocks, g.render(it, s)...)
	}
	return blocks, above
}

// shapeText writes blocks in the given shape. Wrapped shapes wrap every
// block at the site's width, as wire copy and e-mail do.
func (g *gen) shapeText(blocks []block, shape string, s *site) string {
	ent := shape == "entities" || shape == "mixed"
	var enc entityMode
	if ent {
		enc = entityMode{style: g.r.IntN(3), letters: g.r.IntN(10) < 3, nbsp: g.r.IntN(2) == 0, straight: g.r.IntN(2) == 0}
	}
	wrapIt := shape == "wrap" || shape == "wrap-tight" || shape == "mixed"
	tight := shape == "wrap-tight"
	blankAll := shape == "wrap" || shape == "mixed"
	indent := ""
	if shape == "indent" {
		indent = s.indent
		if g.r.IntN(2) == 0 {
			wrapIt, tight = true, true
		}
	}
	// Half the pages come at the site's own width, as from one feed; the
	// others at any width, as pasted from elsewhere.
	width := s.width
	if g.r.IntN(2) == 0 {
		width = 55 + g.r.IntN(24)
	}
	nl := "\n"
	switch shape {
	case "crlf", "mixed":
		nl = "\r\n"
	case "cr":
		nl = "\r"
	}
	var b strings.Builder
	for i, bl := range blocks {
		t := bl.text
		if ent {
			t = g.encode(t, enc)
		}
		if i > 0 {
			b.WriteString(nl)
			prevBody := blocks[i-1].body
			if !tight && (blankAll || (s.blank && (bl.body || prevBody) && bl.kind != "headline")) {
				b.WriteString(nl)
			}
		}
		ind := ""
		if bl.kind == "para" || bl.kind == "trap" {
			ind = indent
		}
		if wrapIt {
			lines := wrap(t, width-len(ind))
			lines[0] = ind + lines[0]
			b.WriteString(strings.Join(lines, nl))
		} else {
			b.WriteString(ind + t)
		}
	}
	b.WriteString(nl)
	if shape == "separators" {
		return separatorBreaks.Replace(b.String())
	}
	return b.String()
}

var separatorBreaks = strings.NewReplacer("\n\n", "\u2029", "\n", "\u2028")

// wrap cuts t at spaces into lines of at most width columns (a longer word
// gets a line of its own).
func wrap(t string, width int) []string {
	var lines []string
	var cur strings.Builder
	n := 0
	for _, w := range strings.Fields(t) {
		wl := utf8.RuneCountInString(w)
		if n > 0 && n+1+wl > width {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(w)
		n += wl
	}
	return append(lines, cur.String())
}

type entityMode struct {
	style   int  // 0 named, 1 decimal, 2 hex
	letters bool // accented letters too, not only punctuation
	nbsp    bool // some spaces as &nbsp;
	// straight: typographic double quotes come as &quot;, as from an
	// editor that typed straight ones
	straight bool
}

// named entities of the characters a scraper leaves encoded; letters
// marks those encoded only in letters mode.
var named = map[rune]string{
	'’': "rsquo", '‘': "lsquo", '“': "ldquo", '”': "rdquo", '"': "quot", '&': "amp",
	'–': "ndash", '—': "mdash", '«': "laquo", '»': "raquo", '„': "bdquo", '©': "copy",
	'€': "euro", '…': "hellip", '\'': "#39",
}

func (g *gen) encode(t string, m entityMode) string {
	var b strings.Builder
	for _, r := range t {
		name, punct := named[r]
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case m.straight && strings.ContainsRune("“”«»„", r):
			b.WriteString("&quot;")
		case punct || (m.letters && r > 127):
			switch {
			case m.style == 0 && punct:
				b.WriteString("&" + name + ";")
			case m.style == 2:
				fmt.Fprintf(&b, "&#x%X;", r)
			default:
				fmt.Fprintf(&b, "&#%d;", r)
			}
		case r == ' ' && m.nbsp && g.r.IntN(25) == 0:
			b.WriteString("&nbsp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
