package normalize

import (
	"math"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxDepth bounds the element nesting walked (and so the recursion);
// anything deeper is ignored. Real pages nest a few dozen levels.
const maxDepth = 200

// elem is one element of the page in document (pre-)order, so that a
// parent always precedes its descendants: top-down passes are forward
// loops over htmlDoc.elems and bottom-up passes are backward loops.
type elem struct {
	node   *html.Node
	parent int32
	end    int32 // one past the index of the last descendant
	flags  uint16
	weight int16 // class/id hint weight, ±25 per attribute

	// Subtree totals (own text nodes first, then summed bottom-up).
	// Lengths count runes with whitespace runs as one.
	text, link, commas int32
	own, ownCommas     int32 // in the element's own text nodes, outside links
	breaks             int16 // blank lines (<br><br>) between its own text nodes
	paras              int32 // <p> descendants, self included
	imgs, inputs       int32
	prose              int32 // non-link text of paragraph units, self included
	cleanProse         int32 // prose outside junk blocks

	score float32 // content score, for fCandidate elements
}

const (
	fDrop      uint16 = 1 << iota // never walked into, never emitted
	fLeaf                         // children not walked (depth limit)
	fBlock                        // block-level: starts a new line
	fHasBlock                     // has a block-level descendant
	fUnit                         // a paragraph: scores its ancestors
	fJunk                         // class/id names a boilerplate block
	fInJunk                       // fJunk or below one
	fByline                       // class/id or rel/itemprop names a byline
	fCandidate                    // has a content score
	fSoft                         // page furniture by tag or role (nav, aside, header...): dropped unless it holds most of the prose
	fThread                       // class/id names a comment thread
)

// htmlDoc is a parsed page with per-element statistics.
type htmlDoc struct {
	elems []elem
	body  int32
	title string // <title> or og:title, to recognise the headline
	hints map[string]hint
	ev    evidence // where the page's JSON-LD articleBody is
}

func (d *htmlDoc) classify(name string) hint {
	if h, ok := d.hints[name]; ok {
		return h
	}
	h := classifyName(name)
	d.hints[name] = h
	return h
}

// walk appends n and its descendants to d.elems, recording each
// element's own text and flags; totals are summed later by aggregate.
func (d *htmlDoc) walk(n *html.Node, parent int32, depth int, inLink bool) {
	i := int32(len(d.elems))
	d.elems = append(d.elems, elem{node: n, parent: parent})
	flags, weight := d.inspect(n)
	switch n.DataAtom {
	case atom.Body:
		d.body = i
	case atom.Head:
		d.readHead(n)
	case atom.A:
		inLink = true
	}
	if depth >= maxDepth && flags&fDrop == 0 {
		flags |= fLeaf
	}
	if flags&(fDrop|fLeaf) == 0 {
		var text, link, commas int32
		var breaks int16
		brs := 0 // <br>s in a row since the last text
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				t, k := textStats(c.Data)
				text += t
				commas += k
				if t > 0 {
					brs = 0
				}
				if d.ev.n > 0 && t >= 16 {
					d.ev.match(c.Data, i)
				}
				if inLink {
					link += t
				}
			case html.ElementNode:
				if c.DataAtom == atom.Br {
					// A blank line (two <br>s) between texts ends a
					// paragraph of a page written without <p>s.
					if brs++; brs == 2 && text > 0 && breaks < math.MaxInt16 {
						breaks++
					}
				} else {
					brs = 0
				}
				d.walk(c, i, depth+1, inLink)
			}
		}
		e := &d.elems[i]
		e.text, e.link, e.commas, e.breaks = text, link, commas, breaks
		e.own, e.ownCommas = text-link, commas
	}
	e := &d.elems[i]
	e.flags, e.weight = flags, weight
	e.end = int32(len(d.elems))
}

// inspect reads an element's tag and attributes once.
func (d *htmlDoc) inspect(n *html.Node) (flags uint16, weight int16) {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Template, atom.Iframe,
		atom.Svg, atom.Math, atom.Canvas, atom.Object, atom.Embed, atom.Button,
		atom.Select, atom.Input, atom.Textarea, atom.Option, atom.Dialog, atom.Audio,
		atom.Video, atom.Map, atom.Head, atom.Menu, atom.Label, atom.Figcaption:
		flags |= fDrop
	case atom.Nav, atom.Aside, atom.Footer, atom.Header, atom.Noscript:
		// Usually furniture, but some sites put the article in an
		// <aside> or <header>, or only in <noscript>.
		flags |= fSoft | fBlock
	default:
		if isBlock(n.DataAtom) {
			flags |= fBlock
		}
	}
	var h hint
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			if a.Key == "id" && headingSlug(a.Val) {
				continue
			}
			ah := d.classify(a.Val)
			h |= ah
			if ah&hintGood != 0 {
				weight += 25
			}
			if ah&hintBad != 0 {
				weight -= 25
			}
		case "hidden":
			flags |= fDrop
		case "aria-hidden":
			if a.Val == "true" {
				flags |= fDrop
			}
		case "style":
			if hiddenStyle(a.Val) {
				flags |= fDrop
			}
		case "role":
			switch a.Val {
			case "navigation", "complementary", "contentinfo", "banner", "menu",
				"menubar", "dialog", "alertdialog", "search", "toolbar":
				flags |= fSoft
			}
		case "rel", "itemprop":
			switch a.Val {
			case "author":
				flags |= fByline
			case "articleBody", "reviewBody", "text":
				// The page's own word for its content (schema.org
				// microdata): evidence worth a content class name,
				// not a verdict.
				h |= hintGood | hintMaybe
				weight += 25
			}
		}
	}
	if h&hintJunk != 0 && h&(hintMaybe|hintThread) != hintMaybe && n.DataAtom != atom.Body && n.DataAtom != atom.Html {
		flags |= fJunk
	}
	if h&hintByline != 0 {
		flags |= fByline
	}
	if h&hintThread != 0 {
		flags |= fThread
	}
	return flags, weight
}

// headingSlug reports an id made from a heading's words
// ("sharing-with-a-single-developer"), as documentation and wiki
// generators give sections: it says what the section is about, not
// what kind of block it is, so its words are no hints.
func headingSlug(id string) bool {
	words := 1
	for i := 0; i < len(id); i++ {
		if id[i] == '-' || id[i] == '_' {
			words++
		}
	}
	return words >= 5
}

// isBlock reports a block-level element: it starts a new output line.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Blockquote,
		atom.Pre, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Table,
		atom.Tr, atom.Form, atom.Fieldset, atom.Figure, atom.Figcaption, atom.Address,
		atom.Center, atom.Details, atom.Summary, atom.Hr, atom.Caption,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Body, atom.Html:
		return true
	}
	return false
}

// hiddenStyle reports an inline display:none or visibility:hidden.
func hiddenStyle(style string) bool {
	if !strings.Contains(style, "none") && !strings.Contains(style, "hidden") {
		return false
	}
	s := strings.ToLower(strings.ReplaceAll(style, " ", ""))
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

// readHead keeps the page title, preferring og:title (no site suffix).
func (d *htmlDoc) readHead(head *html.Node) {
	for c := head.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Title:
			if d.title == "" && c.FirstChild != nil {
				d.title = c.FirstChild.Data
			}
		case atom.Meta:
			var prop, content string
			for _, a := range c.Attr {
				switch a.Key {
				case "property", "name":
					prop = a.Val
				case "content":
					content = a.Val
				}
			}
			if prop == "og:title" && content != "" {
				d.title = content
			}
		}
	}
	d.title = collapseSpace(d.title)
}

// textStats returns the length of s in runes, counting a whitespace run
// as one, and its commas.
func textStats(s string) (n, commas int32) {
	space := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f':
			if !space {
				n++
				space = true
			}
		case c&0xC0 == 0x80: // UTF-8 continuation byte
		default:
			n++
			space = false
			if c == ',' {
				commas++
			}
		}
	}
	return n, commas
}

// aggregate sums subtree totals bottom-up, marks paragraph units and
// junk subtrees.
func (d *htmlDoc) aggregate() {
	es := d.elems
	var soft int32 // prose in tag-dropped elements
	for i := len(es) - 1; i >= 0; i-- {
		e := &es[i]
		if e.flags&fDrop != 0 {
			switch e.node.DataAtom {
			case atom.Input, atom.Select, atom.Textarea, atom.Button:
				es[e.parent].inputs++
			}
			continue
		}
		d.addOwn(e)
		if i == 0 {
			break
		}
		if e.flags&fSoft != 0 {
			// Counted into its ancestors only if it turns out to be
			// the content (rescueSoft).
			soft += e.prose
			continue
		}
		d.addTo(e.parent, e)
	}
	total := es[d.body].prose + soft
	d.rescueSoft(total)
	for i := range es {
		es[i].cleanProse = es[i].prose
	}
	// A junk-named element holding most of the page's prose is a page
	// wrapper with an unlucky class ("has-sidebar"), not a junk block;
	// a comment thread can outweigh a short post, so one needs 80%.
	for i := 1; i < len(es); i++ {
		e := &es[i]
		if e.flags&fJunk != 0 && e.prose*2 > total && (e.flags&fThread == 0 || e.prose*5 > total*4) {
			e.flags &^= fJunk
		}
		switch {
		case es[e.parent].flags&fInJunk != 0:
			e.flags |= fInJunk
		case e.flags&fJunk != 0:
			e.flags |= fInJunk
			if e.flags&fDrop != 0 {
				break // tag-dropped: never counted in its ancestors
			}
			for p := e.parent; p >= 0; p = es[p].parent {
				es[p].cleanProse -= e.prose
			}
		}
	}
}

// rescueSoft keeps a tag-dropped element (aside, header, noscript...)
// that holds more than half the page's prose, and 100 runes of it: it is
// the content, and its totals join its ancestors'. The others are
// dropped (a page with no more text than that gets it all back from the
// last fallback of ExtractHTML).
func (d *htmlDoc) rescueSoft(total int32) {
	es := d.elems
	for i := 1; i < len(es); i++ {
		e := &es[i]
		if e.flags&fSoft == 0 {
			continue
		}
		if e.prose*2 <= total || e.prose < 100 || d.inDropped(e.parent) {
			e.flags |= fDrop | fJunk
			continue
		}
		for p := e.parent; p >= 0; p = es[p].parent {
			d.addTo(p, e)
		}
	}
}

func (d *htmlDoc) inDropped(i int32) bool {
	for ; i >= 0; i = d.elems[i].parent {
		if d.elems[i].flags&fDrop != 0 {
			return true
		}
	}
	return false
}

// addOwn marks a paragraph unit and counts the element's own prose.
func (d *htmlDoc) addOwn(e *elem) {
	switch e.node.DataAtom {
	case atom.P:
		e.paras++
	case atom.Img:
		e.imgs++
	}
	if isUnit(e) {
		e.flags |= fUnit
		if e.link*2 < e.text {
			e.prose += e.text - e.link
		}
	} else if e.own >= 25 && e.flags&fHasBlock != 0 {
		// Text between the block children (a post body written as
		// text and <br>s around a figure) is prose of its own.
		e.prose += e.own
	}
}

// addTo adds element e's subtree totals to element p's.
func (d *htmlDoc) addTo(to int32, e *elem) {
	p := &d.elems[to]
	p.text += e.text
	p.link += e.link
	p.commas += e.commas
	p.paras += e.paras
	p.imgs += e.imgs
	p.inputs += e.inputs
	p.prose += e.prose
	switch {
	case e.flags&(fBlock|fHasBlock) != 0:
		p.flags |= fHasBlock
	case e.flags&fUnit != 0 || e.node.DataAtom == atom.Th:
		// A table cell is a unit or a heading of its own, not
		// inline text of its row.
	default:
		// Inline text (<font>, <span>) beside block children is the
		// parent's own text, as if it were a text node.
		p.own += e.text - e.link
		p.ownCommas += e.commas
	}
}

// isUnit reports a paragraph-like element: a <p> or <pre>, or a
// container holding only inline content (a <div> used as a paragraph).
func isUnit(e *elem) bool {
	switch e.node.DataAtom {
	case atom.P, atom.Pre:
		return true
	case atom.Div, atom.Section, atom.Article, atom.Td, atom.Main:
		return e.flags&fHasBlock == 0
	}
	return false
}

func (d *htmlDoc) linkDensity(i int32) float32 {
	e := &d.elems[i]
	if e.text == 0 {
		return 0
	}
	return float32(e.link) / float32(e.text)
}
