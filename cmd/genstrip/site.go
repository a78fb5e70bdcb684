package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A site is one outlet's template: its language, its header and footer
// lines, its inline inserts and the shape its text usually comes in. It
// is drawn once from the seed, so corpora of any size share the same sites
// and templates; pages only add per-page variables (dates, bylines,
// comment counts, related headlines).
type site struct {
	l            *lang
	name, domain string
	year         string
	shape        string // the shape most of its pages come in
	width        int    // wrap width of its wrapped pages (55-78 columns)
	blank        bool   // plain pages: blank line between paragraphs
	indent       string
	sep          string // separator of its menus and section paths
	root         string // first element of its section paths
	dateFormat   string
	weight       float64 // share of pages, relative
	header       []item
	byline       *item
	inline       []item
	footer       []item
	adAbove      *item // an ad marker some pages carry directly above the headline
}

// item is one element of a site's template: a line or a small widget
// (a heading and its entries), with the site's styling.
type item struct {
	kind    string
	lines   []string // templates; entries are "*" + a template of entries
	entries int      // widgets: how many entry lines, at most
	st      style
	prob    float64 // chance that a page carries it
}

// style varies how a template looks on one site, so that rules cannot
// match fixed strings: case, a bullet or pipe, the final punctuation.
type style struct {
	caseMode int    // 0 as written, 1 UPPER, 2 Title Case, 3 lower
	prefix   string // "", "• ", "- ", "» ", "| ", "* ", "> "
	suffix   string // "", " »", " ›", " |", " >"
	dropDot  bool
}

var (
	prefixes = []string{"", "", "", "• ", "- ", "» ", "| ", "* ", "> ", "· "}
	suffixes = []string{"", "", "", "", " »", " ›", " |", " >", " →"}
	seps     = []string{" > ", " / ", " » ", " › ", " | ", " · ", " - "}
)

func (g *gen) style(short bool) style {
	r := g.r
	var s style
	if short {
		switch k := r.IntN(10); {
		case k < 2:
			s.caseMode = 1
		case k < 4:
			s.caseMode = 2
		case k < 5:
			s.caseMode = 3
		}
	}
	s.prefix = prefixes[r.IntN(len(prefixes))]
	if r.IntN(3) == 0 {
		s.suffix = suffixes[r.IntN(len(suffixes))]
	}
	s.dropDot = r.IntN(3) == 0
	return s
}

func (s style) apply(t string) string {
	if utf8.RuneCountInString(t) <= 70 {
		switch s.caseMode {
		case 1:
			t = strings.ToUpper(t)
		case 2:
			t = titleCase(t)
		case 3:
			t = strings.ToLower(t)
		}
	}
	if s.dropDot {
		t = strings.TrimSuffix(t, ".")
	}
	return s.prefix + t + s.suffix
}

func titleCase(t string) string {
	ws := strings.Split(t, " ")
	for i, w := range ws {
		r, n := utf8.DecodeRuneInString(w)
		if n > 0 {
			ws[i] = string(unicode.ToUpper(r)) + w[n:]
		}
	}
	return strings.Join(ws, " ")
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// newSite draws site number i in language l.
func (g *gen) newSite(i int, l *lang) *site {
	r := g.r
	s := &site{l: l, year: strconv.Itoa(2023 + r.IntN(4))}
	city := g.pick(l.lists["city"])
	s.name = strings.ReplaceAll(g.pick(l.lists["paper"]), "{C}", city)
	s.domain = fmt.Sprintf("%s-%d.%s.example", slug(s.name), i, l.code)
	s.shape = shapes[r.IntN(len(shapes))]
	s.width = 55 + r.IntN(24)
	s.blank = r.IntN(2) == 0
	s.indent = []string{"  ", "    ", "\t", "     "}[r.IntN(4)]
	s.sep = seps[r.IntN(len(seps))]
	s.root = g.pick(l.lists["section"])
	s.dateFormat = g.pick(l.lists["date"])
	s.weight = math.Exp(r.NormFloat64() * 0.6)

	// Header: a few of the site name, a menu, a section path, a date line
	// and an ad marker, in a site-specific order; the last is directly
	// above the headline.
	var head []item
	if r.IntN(3) == 0 {
		head = append(head, item{kind: "site", lines: []string{s.name}, st: g.style(true), prob: 1})
	}
	if r.IntN(2) == 0 {
		var nav []string
		for _, i := range r.Perm(len(l.lists["nav"]))[:3+r.IntN(3)] {
			nav = append(nav, l.lists["nav"][i])
		}
		head = append(head, item{kind: "nav", lines: []string{strings.Join(nav, s.sep)}, st: style{caseMode: g.style(true).caseMode}, prob: 1})
	}
	if r.IntN(2) == 0 {
		head = append(head, item{kind: "section", lines: []string{"{SECTIONPATH}"}, st: style{caseMode: g.style(true).caseMode}, prob: 0.95})
	}
	if r.IntN(2) == 0 {
		head = append(head, item{kind: "date", lines: []string{"{DATE}"}, st: style{}, prob: 0.95})
	}
	if r.IntN(3) == 0 {
		head = append(head, g.line(l, "ad", true, 0.9))
	}
	r.Shuffle(len(head), func(a, b int) { head[a], head[b] = head[b], head[a] })
	s.header = head
	if r.IntN(2) == 0 {
		it := g.line(l, "ad", true, 0.3)
		s.adAbove = &it
	}
	if r.IntN(5) < 3 {
		it := g.line(l, "byline", false, 0.9)
		s.byline = &it
	}

	// Inline inserts between paragraphs.
	for _, k := range []string{"ad", "related", "paywall", "newsletter"} {
		if r.IntN(3) == 0 {
			it := g.line(l, k, k == "ad", 0.5)
			if k == "related" {
				it.lines[0] += " {HL}"
			}
			s.inline = append(s.inline, it)
		}
	}

	// Footer: three to eight of the kinds, in a site-specific order (a
	// cookie notice or share bar may move to the header, below).
	kinds := []string{"copyright", "disclaimer", "paywall", "newsletter", "comments", "recent", "share", "follow", "cookie", "contact", "related"}
	r.Shuffle(len(kinds), func(a, b int) { kinds[a], kinds[b] = kinds[b], kinds[a] })
	for _, k := range kinds[:3+r.IntN(6)] {
		var it item
		switch k {
		case "recent":
			it = g.line(l, "recent", true, 0.8)
			it.lines = append(it.lines, "*"+g.pick(l.lists["commentline"]))
			it.entries = 2 + r.IntN(3)
		case "related":
			it = g.line(l, "related", true, 0.9)
			it.lines = append(it.lines, "*{HL}")
			it.entries = 2 + r.IntN(4)
		case "share":
			it = g.line(l, "share", true, 0.95)
			if r.IntN(2) == 0 {
				it.lines = append(it.lines, strings.Join(platforms(r), s.sep))
			}
		default:
			it = g.line(l, k, k != "disclaimer" && k != "cookie", 0.95)
		}
		s.footer = append(s.footer, it)
	}
	// Copyright is nearly universal: most sites have it even if not drawn.
	if !hasKind(s.footer, "copyright") && r.IntN(3) > 0 {
		s.footer = append(s.footer, g.line(l, "copyright", true, 1))
	}
	// Some sites run two short footer lines together on one, with a pipe
	// or bullet between ("© 2026 The Herald | Contact: ...").
	for i := 0; i+1 < len(s.footer) && r.IntN(4) == 0; i++ {
		a, b := s.footer[i], s.footer[i+1]
		if len(a.lines) == 1 && len(b.lines) == 1 && len(a.lines[0])+len(b.lines[0]) < 120 {
			a.lines = []string{a.lines[0] + s.sep + b.lines[0]}
			a.prob = 1
			s.footer = append(s.footer[:i+1], s.footer[i+2:]...)
			s.footer[i] = a
			break
		}
	}
	// Some sites put the cookie notice or the share bar at the top.
	for i := 0; i < len(s.footer); i++ {
		if k := s.footer[i].kind; (k == "cookie" && r.IntN(5) < 2) || (k == "share" && r.IntN(5) == 0) {
			s.header = append([]item{s.footer[i]}, s.header...)
			s.footer = append(s.footer[:i], s.footer[i+1:]...)
			i--
		}
	}
	return s
}

func hasKind(items []item, k string) bool {
	for _, it := range items {
		if it.kind == k {
			return true
		}
	}
	return false
}

func platforms(r *rand.Rand) []string {
	all := []string{"Facebook", "X", "Twitter", "WhatsApp", "LinkedIn", "Telegram", "E-Mail", "Reddit", "Pinterest", "Threads", "Bluesky"}
	r.Shuffle(len(all), func(a, b int) { all[a], all[b] = all[b], all[a] })
	return all[:3+r.IntN(4)]
}

// line makes a one-line item of kind k from the language's pool.
func (g *gen) line(l *lang, k string, short bool, prob float64) item {
	return item{kind: k, lines: []string{g.pick(l.lists[k])}, st: g.style(short), prob: prob}
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case r == ' ' || r == '-':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	return strings.Trim(b.String(), "-")
}
