package normalize

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The schema.org articleBody a page offers in JSON-LD is evidence of
// where its article is, not the article itself: on the benchmark its
// text scored P=0.89 R=0.72 against the DOM's 0.99/0.99 (abridged,
// stale, or the teaser only). So it is used only to find the element
// whose text it is: a few snippets of it (probes) are looked for in the
// page's text nodes while walking, and the smallest element holding the
// matches and about as much text as the articleBody becomes the content
// if the scoring picked something else.

const maxProbes = 3

type evidence struct {
	probes  [maxProbes]string
	marks   [maxProbes]int32 // element whose text node holds probe k, or -1
	n       int
	bodyLen int32 // the articleBody's length, counted as textStats does
}

// setProbes takes snippets from the opening, middle and end of the
// articleBody: the first 32 bytes of paragraphs of 40 or more, cut at
// a word. Bodies under 200 runes are too short to tell anything.
func (ev *evidence) setProbes(articleBody string) {
	articleBody = plainText(articleBody)
	ev.bodyLen, _ = textStats(articleBody)
	if ev.bodyLen < 200 {
		return
	}
	var paras []string
	for p := range strings.SplitSeq(articleBody, "\n") {
		if p = collapseSpace(p); len(p) >= 40 {
			paras = append(paras, p)
		}
	}
	if len(paras) < maxProbes {
		paras = strings.SplitAfter(collapseSpace(articleBody), ". ")
	}
	seen := -1
	for k := range maxProbes {
		i := k * (len(paras) - 1) / (maxProbes - 1)
		if i == seen || len(paras[i]) < 40 {
			continue
		}
		seen = i
		p := paras[i][:32]
		if cut := strings.LastIndexByte(p, ' '); cut > 16 {
			p = p[:cut]
		}
		for !utf8.ValidString(p) {
			p = p[:len(p)-1]
		}
		ev.probes[ev.n], ev.marks[ev.n] = p, -1
		ev.n++
	}
}

// plainText undoes what some sites leave in their articleBody: markup
// (a tag becomes a line break) and character references.
func plainText(s string) string {
	if strings.IndexByte(s, '<') >= 0 {
		var b strings.Builder
		for {
			lt := strings.IndexByte(s, '<')
			gt := strings.IndexByte(s[max(lt, 0):], '>')
			if lt < 0 || gt < 0 {
				b.WriteString(s)
				break
			}
			b.WriteString(s[:lt])
			b.WriteByte('\n')
			s = s[lt+gt+1:]
		}
		s = b.String()
	}
	return html.UnescapeString(s)
}

// match records element i as holding the probes found in its text node.
func (ev *evidence) match(text string, i int32) {
	for k := range ev.n {
		if ev.marks[k] < 0 && strings.Contains(collapseSpace(text), ev.probes[k]) {
			ev.marks[k] = i
		}
	}
}

// element returns the element the articleBody describes, or -1: the
// lowest common ancestor of the matched probes (at least two when two
// or more were looked for), moved up until it holds 60% of the
// articleBody's length, and rejected if it holds more than twice that or
// is mostly links.
func (d *htmlDoc) evidenceElement() int32 {
	ev := &d.ev
	a, found := int32(-1), 0
	for k := range ev.n {
		m := ev.marks[k]
		if m < 0 {
			continue
		}
		found++
		if a < 0 {
			a = m
		}
		for !d.contains(a, m) {
			a = d.elems[a].parent
		}
	}
	if a < 0 || found < min(ev.n, 2) {
		return -1
	}
	for a >= 0 && d.elems[a].text*5 < ev.bodyLen*3 {
		a = d.elems[a].parent
	}
	if a < 0 || d.elems[a].text > 2*ev.bodyLen || d.linkDensity(a) > 0.3 {
		return -1
	}
	return a
}
