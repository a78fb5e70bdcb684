package normalize

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// emitter renders elements as text, one block a line, skipping what
// clean rejects.
type emitter struct {
	d         *htmlDoc
	out       []byte
	lineStart int   // where the current line starts in out
	space     bool  // whitespace seen since the last byte written
	clean     bool  // apply reject to elements below the roots
	relaxed   bool  // reject only by name and kind, not by statistics
	furniture bool  // emit nav, header, footer and the like too
	prose     int32 // prose of the roots
	label     int   // start of the last line if it is a short label, else -1

	// Lines of link text separated by <br>s (an inline list of
	// headlines under the story) are cut in runs of three or more.
	inLink   int // open <a> elements
	lineLink int // bytes of the current line written inside links
	linkRun  int // link lines in a row just before the current line
	runStart int // where that run starts in out
}

func (d *htmlDoc) render(i int32) string {
	em := emitter{d: d, label: -1}
	em.visit(i, 0)
	em.flush()
	return strings.TrimSpace(string(em.out))
}

func (em *emitter) visit(i int32, depth int) {
	d := em.d
	e := &d.elems[i]
	dropped := e.flags&fDrop != 0 && !(em.furniture && e.flags&fSoft != 0)
	if dropped || em.clean && depth > 0 && d.reject(i, em.prose, em.relaxed) {
		if em.clean && boilerplateBlock(e) {
			em.dropLabel()
		}
		return
	}
	tag := e.node.DataAtom
	if tag == atom.Br {
		em.flush()
		return
	}
	if tag == atom.A {
		em.inLink++
		defer func() { em.inLink-- }()
	}
	block := e.flags&fBlock != 0
	if block {
		em.flush()
	}
	start, lineStart := len(em.out), em.lineStart
	if e.flags&fLeaf == 0 {
		c := i + 1
		for n := e.node.FirstChild; n != nil; n = n.NextSibling {
			switch n.Type {
			case html.TextNode:
				em.text(n.Data)
			case html.ElementNode:
				em.visit(c, depth+1)
				c = d.elems[c].end
			}
		}
	}
	switch {
	case block:
		em.flush()
	case tag == atom.Td || tag == atom.Th:
		em.space = true
	}
	// A dropped label (dropLabel) may have cut the output below start.
	start = min(start, len(em.out))
	if em.clean && depth > 0 && d.rejectText(i, em.out[start:]) {
		em.out = em.out[:start]
		em.lineStart = min(lineStart, start)
		em.label = -1
	}
}

// text appends s with whitespace runs (and no-break spaces) collapsed.
func (em *emitter) text(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' {
			em.space = true
			i++
			continue
		}
		if c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 {
			em.space = true
			i += 2
			continue
		}
		j := i + 1
		for j < len(s) && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r' && s[j] != '\f' && s[j] != 0xC2 {
			j++
		}
		if em.space && len(em.out) > em.lineStart {
			em.out = append(em.out, ' ')
		}
		em.space = false
		em.out = append(em.out, s[i:j]...)
		if em.inLink > 0 {
			em.lineLink += j - i
		}
		i = j
	}
}

func (em *emitter) flush() {
	if len(em.out) > em.lineStart {
		em.label = -1
		if isLabel(em.out[em.lineStart:]) {
			em.label = em.lineStart
		}
		em.linkLine()
		em.out = append(em.out, '\n')
		em.lineStart = len(em.out)
	}
	em.lineLink = 0
	em.space = false
}

// linkLine extends the run of link lines with the current line, or ends
// it, cutting a run of three or more (the current line moves down).
func (em *emitter) linkLine() {
	if !em.clean || em.relaxed {
		return
	}
	if em.runStart > em.lineStart {
		em.linkRun = 0 // lines were cut since (a rejected block)
	}
	if em.lineLink*10 >= (len(em.out)-em.lineStart)*7 {
		if em.linkRun == 0 {
			em.runStart = em.lineStart
		}
		em.linkRun++
		return
	}
	em.cutLinkRun()
}

// cutLinkRun removes the run of link lines before the current line if
// it has three or more.
func (em *emitter) cutLinkRun() {
	if em.linkRun >= 3 && em.runStart <= em.lineStart {
		n := copy(em.out[em.runStart:], em.out[em.lineStart:])
		em.out = em.out[:em.runStart+n]
		em.lineStart = em.runStart
		em.label = -1
	}
	em.linkRun = 0
}

// dropLabel removes the last line if it is a short label ("Related",
// "You may also like:") whose block was just dropped: it introduced
// boilerplate.
func (em *emitter) dropLabel() {
	if em.label >= 0 && em.label < len(em.out) && em.lineStart == len(em.out) {
		em.out = em.out[:em.label]
		em.lineStart = em.label
		em.label = -1
	}
}

// isLabel: a few words, not a sentence.
func isLabel(line []byte) bool {
	if len(line) == 0 || len(line) > 40 {
		return false
	}
	switch line[len(line)-1] {
	case '.', '!', '?', '"':
		return false
	}
	return true
}

// boilerplateBlock reports an element whose removal says the line
// before it was its label: a dropped block with text, or a navigation,
// aside, footer or form.
func boilerplateBlock(e *elem) bool {
	switch e.node.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Form, atom.Menu:
		return true
	}
	return e.flags&fDrop == 0 && e.flags&fBlock != 0 && e.text > 0
}

// reject decides from statistics alone whether an element inside the
// main content is boilerplate (after Readability's conditional cleaning,
// plus link-dense lists and paragraphs).
func (d *htmlDoc) reject(i int32, rootProse int32, relaxed bool) bool {
	e := &d.elems[i]
	if e.flags&fJunk != 0 {
		return true
	}
	if e.imgs > 0 && e.text < 60 && e.flags&fBlock != 0 {
		// A picture with its caption or credit.
		return true
	}
	ld := d.linkDensity(i)
	switch tag := e.node.DataAtom; tag {
	case atom.Form, atom.Fieldset:
		// Not a page-wide form (ASP.NET wraps every page in one).
		return e.prose*3 < rootProse
	case atom.H1:
		// The headline: article bodies don't repeat it, and bylines and
		// datelines sit next to it.
		return true
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return e.weight < 0 || ld > 0.5
	case atom.P, atom.Li, atom.Dd, atom.Dt:
		return ld > 0.7 && !relaxed
	case atom.Table:
		if ld < 0.5 && dataTable(e.node) {
			// Figures in rows and columns (a scoreboard, a career
			// record, product attributes): few commas and short cells,
			// but the content.
			return false
		}
		return e.prose*3 < rootProse && !relaxed && d.junkBlock(i, ld)
	case atom.Div, atom.Section, atom.Ul, atom.Ol, atom.Dl, atom.Figure, atom.Center, atom.Article:
		// A block holding a third of the content's prose is judged by
		// its parts, not dropped whole for the links around them.
		return e.prose*3 < rootProse && !relaxed && d.junkBlock(i, ld)
	}
	return false
}

// dataTable reports a table of two or more rows of two or more cells,
// without tables inside (a layout grid nests them).
func dataTable(n *html.Node) bool {
	rows := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Table:
				return false
			case atom.Thead, atom.Tbody, atom.Tfoot:
				if !walk(c) {
					return false
				}
			case atom.Tr:
				cells := 0
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.DataAtom == atom.Td || td.DataAtom == atom.Th {
						cells++
						if hasTable(td) {
							return false
						}
					}
				}
				if cells >= 2 {
					rows++
				}
			}
		}
		return true
	}
	return walk(n) && rows >= 2
}

func hasTable(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Table || hasTable(c) {
			return true
		}
	}
	return false
}

// junkBlock is Readability's test for a container: negative weight, or
// few commas and then too many images, inputs, links, or too little text.
func (d *htmlDoc) junkBlock(i int32, ld float32) bool {
	e := &d.elems[i]
	isList := e.node.DataAtom == atom.Ul || e.node.DataAtom == atom.Ol
	score := float32(0)
	if e.flags&fCandidate != 0 {
		// Without the tag's prior: a list of prose items is not
		// condemned for being a list.
		score = e.score - min(tagPrior(e.node.DataAtom), 0)
	}
	switch {
	case float32(e.weight)+score < 0:
		return true
	case e.commas >= 10:
		return false
	case isList:
		return ld > 0.5
	case e.imgs > 1 && float32(e.paras)/float32(e.imgs) < 0.5:
		return true
	case e.inputs > e.paras/3:
		return true
	case e.text < 25 && (e.imgs == 0 || e.imgs > 2) && (e.link > 0 || e.imgs > 0):
		return true
	case e.weight < 25 && ld > 0.2 && (e.prose < 200 || ld > 0.5):
		// Real paragraphs around a few links ("See more: ...") are
		// content; the links go with their own paragraphs.
		return true
	case e.weight >= 25 && ld > 0.5:
		return true
	}
	return false
}

// rejectText decides from the rendered text: a heading that repeats the
// title, a short byline.
func (d *htmlDoc) rejectText(i int32, text []byte) bool {
	e := &d.elems[i]
	switch e.node.DataAtom {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		t := strings.TrimSpace(string(text))
		return len(t) >= 10 && strings.Contains(d.title, t)
	}
	return e.flags&fByline != 0 && e.text < 150
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// collapseSpace trims s and turns its whitespace runs into single spaces.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
