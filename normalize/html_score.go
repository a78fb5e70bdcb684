package normalize

import "golang.org/x/net/html/atom"

// score gives content scores, the way Readability does: every paragraph
// unit of 25+ runes outside junk blocks is worth 1, plus one per comma,
// plus one per 100 runes (up to 3); its parent gets it all, its
// grandparent half, and the three levels above a sixth, a ninth and a
// twelfth. A candidate starts from its tag's prior and class weight, and
// its final score is scaled by its share of non-link text.
func (d *htmlDoc) score() {
	es := d.elems
	for i := range es {
		e := &es[i]
		if e.flags&fInJunk != 0 {
			continue
		}
		text, commas, a := e.text, e.commas, e.parent
		switch {
		case e.flags&fUnit != 0:
		case e.flags&fHasBlock != 0:
			// Own text beside block children counts as a paragraph of
			// the element itself.
			text, commas, a = e.own, e.ownCommas, int32(i)
		default:
			continue
		}
		if text < 25 || e.flags&fDrop != 0 {
			continue
		}
		// Paragraphs split by blank lines (<br><br>) count as many, if
		// they average 200+ runes (not a teaser's title and excerpt).
		n := 1 + min(int32(e.breaks), text/200)
		s := float32(n+commas) + float32(min(text/100, 3*n))
		for level := 0; level < 5 && a >= 0; level++ {
			div := float32(1)
			if level == 1 {
				div = 2
			} else if level > 1 {
				div = float32(level * 3)
			}
			d.credit(a, s/div)
			a = es[a].parent
		}
	}
	for i := range es {
		if es[i].flags&fCandidate != 0 {
			es[i].score *= 1 - d.linkDensity(int32(i))
		}
	}
}

func (d *htmlDoc) credit(i int32, s float32) {
	e := &d.elems[i]
	if e.flags&fCandidate == 0 {
		e.flags |= fCandidate
		// A content-like class name is worth its full weight only on
		// an element with some prose: a "content-small" cell holding a
		// date line must not beat the article.
		w := float32(e.weight)
		if w > 0 && e.prose < 250 {
			w *= float32(e.prose) / 250
		}
		e.score = tagPrior(e.node.DataAtom) + w
	}
	e.score += s
}

// tagPrior is Readability's prior for a candidate's tag: containers of
// prose up, lists and headings down.
func tagPrior(a atom.Atom) float32 {
	switch a {
	case atom.Div, atom.Article, atom.Main, atom.Section:
		return 5
	case atom.Pre, atom.Td, atom.Blockquote:
		return 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		return -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		return -5
	}
	return 0
}

func (d *htmlDoc) contains(a, x int32) bool { return a <= x && x < d.elems[a].end }

// pick returns the elements holding the main content, in document order:
// the best candidate, moved up when its ancestors hold comparable
// content, and those of its siblings that look like more of the same.
func (d *htmlDoc) pick() []int32 {
	es := d.elems
	if es[d.body].cleanProse < 200 && d.linkDensity(d.body) > 0.5 {
		// Next to no prose and mostly links: a page of headlines,
		// offers or products has no article to score. Its content is
		// the block holding most of its text. (A short page of prose
		// or of link-free lines is scored as usual.)
		return []int32{d.listing()}
	}
	var top [5]int32
	n := 0
	for i := range es {
		if es[i].flags&fCandidate == 0 || int32(i) == d.body || d.contains(int32(i), d.body) {
			continue
		}
		k := min(n, len(top)-1)
		if n == len(top) && es[i].score <= es[top[k]].score {
			continue
		}
		for k > 0 && es[top[k-1]].score < es[i].score {
			top[k] = top[k-1]
			k--
		}
		top[k] = int32(i)
		n = min(n+1, len(top))
	}
	if n == 0 {
		return []int32{d.body}
	}
	best := top[0]
	if b := &es[d.body]; b.flags&fCandidate != 0 && b.score > 2*es[best].score {
		// The paragraphs are the body's own children (a hand-written
		// page without wrappers): no block beside it comes close.
		return []int32{d.body}
	}

	// Several near-best candidates under one ancestor: the ancestor is
	// the article (content split into sibling blocks).
	var alts []int32
	for _, c := range top[1:n] {
		if es[c].score >= 0.75*es[best].score {
			alts = append(alts, c)
		}
	}
	if len(alts) >= 3 {
		for p := es[best].parent; p > d.body; p = es[p].parent {
			shared := 0
			for _, c := range alts {
				if d.contains(p, c) {
					shared++
				}
			}
			if shared >= 3 {
				best = p
				break
			}
		}
	}

	// Climb while the parent scores higher (it holds more of the text),
	// or nearly as high (90%) holding 30% more prose: a near tie goes to
	// the block with more of the article (its opening paragraphs).
	last := es[best].score
	for p := es[best].parent; p > d.body; p = es[p].parent {
		if es[p].flags&fCandidate == 0 || es[p].weight < 0 {
			// A wrapper named like boilerplate ("read-more" around a
			// paywalled story's rest) says nothing of its parent.
			continue
		}
		if es[p].score < last/3 {
			break
		}
		if es[p].score > last || es[p].score*10 >= es[best].score*9 && es[p].cleanProse*10 >= es[best].cleanProse*13 {
			best = p
			break
		}
		last = es[p].score
	}
	// The body is split into blocks of one class (a CMS's repeated
	// sections, "story-body-supplemental" twice around an ad): move up to
	// the block that has such a sibling, so that the sibling step below
	// takes the others along.
	for a, level := best, 0; a > d.body && level < 3; a, level = es[a].parent, level+1 {
		if d.sameClassSibling(a) {
			best = a
			break
		}
	}
	// The best candidate is a short block (a promo box, a bio, a
	// testimonial: a few sentences) and most of the page's prose lies
	// outside it, in short blocks that score little one by one (a
	// landing or product page): take the ancestor that holds 80% of
	// the prose, unless it is mostly links. Longer blocks, and blocks
	// the page names as content, are articles beside teasers, which
	// this would take in.
	total := es[d.body].cleanProse
	if es[best].cleanProse*2 < total && es[best].cleanProse < 400 && es[best].weight <= 0 {
		for p := es[best].parent; p >= d.body; p = es[p].parent {
			if es[p].cleanProse*5 >= total*4 && d.linkDensity(p) < 0.3 {
				best = p
				break
			}
		}
	}
	// The page's JSON-LD says where its article is, and the DOM agrees:
	// the article is that element, or the best candidate if it holds
	// it, without siblings.
	if ev := d.evidenceElement(); ev > d.body {
		if !d.contains(best, ev) {
			best = ev
		}
		return []int32{best}
	}
	// An only child stands for its parent.
	for p := es[best].parent; p > d.body && d.children(p) == 1; p = es[p].parent {
		best = p
	}
	return d.siblings(best)
}

// listing descends from the body into the child holding the most text
// while that child holds more than half the body's and has blocks.
func (d *htmlDoc) listing() int32 {
	es := d.elems
	a := d.body
	for {
		best := int32(-1)
		for c := a + 1; c < es[a].end; c = es[c].end {
			if es[c].flags&(fDrop|fInJunk) == 0 && (best < 0 || es[c].text > es[best].text) {
				best = c
			}
		}
		if best < 0 || es[best].text*2 <= es[d.body].text || es[best].flags&fHasBlock == 0 {
			return a // a list, not one of its items
		}
		a = best
	}
}

func (d *htmlDoc) children(i int32) int {
	n := 0
	for c := i + 1; c < d.elems[i].end; c = d.elems[c].end {
		n++
	}
	return n
}

// siblings returns best with those siblings that score at least a fifth
// of it (more when they share its class), or are prose paragraphs: a <p>,
// or a longer paragraph-like block (a standfirst in a <div> of its own).
func (d *htmlDoc) siblings(best int32) []int32 {
	es := d.elems
	p := es[best].parent
	if p < 0 {
		return []int32{best}
	}
	threshold := max(10, es[best].score*0.2)
	class := attr(es[best].node, "class")
	var out []int32
	for c := p + 1; c < es[p].end; c = es[c].end {
		e := &es[c]
		switch {
		case c == best:
		case e.flags&(fDrop|fInJunk) != 0:
			continue
		case e.flags&fCandidate != 0 && e.score+sameClassBonus(class, e, es[best].score) >= threshold:
		case class != "" && e.cleanProse >= 100 && attr(e.node, "class") == class && d.linkDensity(c) < 0.3:
			// A prose block of the article's own class, however little
			// it scores: its paragraphs sit too deep to credit it (the
			// story's first part wrapped in more layers than the rest).
		case e.flags&fUnit != 0 && (e.node.DataAtom == atom.P || e.text > 150) && d.proseParagraph(c):
		default:
			continue
		}
		out = append(out, c)
	}
	return out
}

// sameClassSibling reports whether element i has a sibling with the
// same non-empty class that holds prose outside junk.
func (d *htmlDoc) sameClassSibling(i int32) bool {
	es := d.elems
	class := attr(es[i].node, "class")
	if class == "" || es[i].parent < 0 {
		return false
	}
	p := es[i].parent
	for c := p + 1; c < es[p].end; c = es[c].end {
		if c != i && es[c].cleanProse >= 100 && es[c].flags&fDrop == 0 && attr(es[c].node, "class") == class {
			return true
		}
	}
	return false
}

func sameClassBonus(class string, e *elem, best float32) float32 {
	if class != "" && attr(e.node, "class") == class {
		return best * 0.2
	}
	return 0
}

// proseParagraph: long with few links, or short, link-free and ending a
// sentence.
func (d *htmlDoc) proseParagraph(i int32) bool {
	e := &d.elems[i]
	ld := d.linkDensity(i)
	if e.text > 80 {
		return ld < 0.25
	}
	if e.text == 0 || ld > 0 {
		return false
	}
	t := d.render(i)
	return len(t) > 0 && t[len(t)-1] == '.'
}
