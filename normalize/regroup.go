package normalize

import (
	"strings"
	"sync"
)

// Regrouping. Whether reflow joins a line to the next depends on the
// line before it and the two after (full, joins, runEvident), and some of
// those may be lines the stripper removes. The kept text, stripped again,
// then groups its lines otherwise: two kept lines that a removed byline
// parted join, or a pair that a removed line above made look wrapped
// parts, and a rule then meets a line it did not meet the first time
// (FuzzStrip found a link row whose removal parted a pair, the second
// line of which was a copyright notice alone). Stripping must be
// idempotent, so a document whose kept lines regroup is stripped again,
// as its output would be. On the genstrip corpora 2.5-3% of documents
// regroup (most often a headline joining the paragraph under a removed
// byline, which changes no verdict) and 2 in 10,600 lose a line more.
// Reflowing the whole kept text to find out took 7% of the stripper's
// time in a profile on genstrip's pages; regroups looks only around the
// removed lines, and only when a line there could join (bandNearGap).

// judgedOtherwise reports whether the kept lines of ls, stripped again
// as the output, would be judged otherwise than they were: removed lines
// were the neighbours that decided how reflow grouped them (regroups), or
// tipped the document's share of text in capitals (capitals is classify's
// answer), by which a paragraph in capitals reads as a headline unless
// the document is written in them.
func judgedOtherwise(phys, ls []line, measured bool, capitals int) bool {
	return regroups(phys, ls, measured) || capitals >= 0 && inCapitals(ls, true) != (capitals == 1)
}

// maxRestrips bounds how many times one document is stripped again: each
// time removes a line at least, and a crafted document could otherwise
// take a strip a line.
const maxRestrips = 4

// regroups reports whether the kept lines of ls, laid out as render
// writes them (blank lines in a gap where lines were removed made one),
// would be grouped otherwise by reflow. phys are ls's physical lines as
// reflow left them (judged; measured and marked full when measured).
// Grouping is local: away from the gaps the kept lines have the
// neighbours they had, and so their joins, so only the groups of lines
// near a gap are compared with ls's.
func regroups(phys, ls []line, measured bool) bool {
	if !bandNearGap(ls) {
		return false
	}
	lay := layoutPool.Get().(*layout)
	defer layoutPool.Put(lay)
	lay.build(phys, ls)
	kept, at := lay.lines, lay.at
	// A gap g (the first line after it) breaks the layout between g-1
	// and g, and between g-2 and g-1 when g-1 is a blank line render
	// writes. full(j) reads lines j-1 to j+2, so only lines g-3 to g can
	// be full otherwise; joins(j) reads full(j), full(j+1) and lines j-1
	// to j+1, so only lines g-4 to g can join otherwise. Every gap's
	// lines are marked before any group is looked at: a group may reach
	// the next gap.
	for _, g := range lay.gaps {
		for j := max(0, g-3); j <= min(len(kept)-1, g); j++ {
			if !measured {
				for i := max(0, j-1); i <= min(len(kept)-1, j+2); i++ {
					measureShape(&kept[i]) // a blank line render writes measures as zero
				}
			}
			kept[j].full = j+1 < len(kept) && full(kept, j)
		}
	}
	for _, g := range lay.gaps {
		for k := max(0, g-4); k <= min(len(kept)-1, g); k++ {
			if at[k].src < 0 {
				continue // a blank line render writes, joined to nothing
			}
			a, b, ok := groupOf(kept, k)
			if !ok || at[a].src != at[k].from || at[b].src != at[k].to || b-a != at[b].src-at[a].src {
				return true
			}
			k = b // the group's other lines are in it as in ls
		}
	}
	return false
}

// bandNearGap reports whether a line that could join in either layout
// lies near a gap: among the four kept lines before one and the first
// after it, a line reflow joined or one of a width in the wrap band
// (full needs both a width in the band and a line after it, and a group
// that could change at a gap reaches one of those lines). Most
// documents have none: their lines next to what was removed are short
// labels, or paragraphs wider than the band.
func bandNearGap(ls []line) bool {
	// canFull is whether line i could be full in either layout. A line
	// before a blank line is full in neither: the line before a gap is
	// followed by what was removed.
	canFull := func(i int) bool {
		raw := ls[i].raw
		return strings.IndexByte(raw, '\n') >= 0 || i+1 < len(ls) && ls[i+1].class != blank && inBand(raw)
	}
	var recent [4]int // the last four kept lines, n of them
	n, removed := 0, false
	for i := range ls {
		l := &ls[i]
		switch {
		case l.class == blank:
		case !l.keep:
			removed = true
		default:
			if removed && (canFull(i) || anyFull(recent[:min(n, 4)], canFull)) {
				return true
			}
			recent[n%4] = i
			n, removed = n+1, false
		}
	}
	return removed && anyFull(recent[:min(n, 4)], canFull)
}

// anyFull reports whether canFull holds for a line of is.
func anyFull(is []int, canFull func(int) bool) bool {
	for _, i := range is {
		if canFull(i) {
			return true
		}
	}
	return false
}

// inBand reports whether raw is of a width in the wrap band.
func inBand(raw string) bool {
	if len(raw) < wrapMinWidth {
		return false
	}
	w := width(raw)
	return w >= wrapMinWidth && w <= wrapMaxWidth
}

// maxRun bounds how far groupOf walks a run of joined lines: past it,
// regroups answers yes, and the document is stripped again (bounded by
// maxRestrips), rather than walk a long paragraph once for every gap in
// it.
const maxRun = 64

// groupOf returns the first and last of the lines reflow would group
// line k with in ls (k alone unless the run of joined lines around it is
// a paragraph, runEvident); ok is false when the run is longer than
// maxRun.
func groupOf(ls []line, k int) (a, b int, ok bool) {
	a, b = k, k
	for a > 0 && joins(ls, a-1) {
		if a--; b-a > maxRun {
			return 0, 0, false
		}
	}
	for joins(ls, b) {
		if b++; b-a > maxRun {
			return 0, 0, false
		}
	}
	if b > a && !runEvident(ls, a, b) {
		return k, k, true
	}
	return a, b, true
}

// keptLine tells where a line of a layout comes from: its index in the
// physical lines (-1: a blank line render writes for a gap's) and the
// first and last physical lines of the line reflow made it part of.
type keptLine struct{ src, from, to int }

// layout is the kept lines of a document as render writes them, for
// regroups; pooled, as the lines a document is split into are.
type layout struct {
	lines []line
	at    []keptLine
	// gaps are the indices in lines of the lines after a gap, where
	// lines were dropped (len(lines) for lines dropped after the last).
	gaps   []int
	blanks []int
}

var layoutPool = sync.Pool{New: func() any { return new(layout) }}

// build lays out the physical lines of ls's kept lines (phys are its
// physical lines) with the blank lines render writes between them:
// those between two kept lines when nothing between was removed, else
// one if there was any.
func (lay *layout) build(phys, ls []line) {
	lay.lines, lay.at, lay.gaps, lay.blanks = lay.lines[:0], lay.at[:0], lay.gaps[:0], lay.blanks[:0]
	p := 0 // ls[g]'s first physical line
	removed := false
	for g := range ls {
		l := &ls[g]
		n := 1 + strings.Count(l.raw, "\n")
		switch {
		case l.class == blank:
			lay.blanks = append(lay.blanks, p)
		case !l.keep:
			removed = true
		default:
			switch {
			case len(lay.lines) == 0:
				if p > 0 {
					lay.gaps = append(lay.gaps, 0)
				}
			case removed:
				if len(lay.blanks) > 0 {
					lay.lines = append(lay.lines, line{})
					lay.at = append(lay.at, keptLine{src: -1})
				}
				lay.gaps = append(lay.gaps, len(lay.lines))
			default:
				for _, b := range lay.blanks {
					lay.lines = append(lay.lines, phys[b])
					lay.at = append(lay.at, keptLine{src: b, from: b, to: b})
				}
			}
			for k := p; k < p+n; k++ {
				lay.lines = append(lay.lines, phys[k])
				lay.at = append(lay.at, keptLine{src: k, from: p, to: p + n - 1})
			}
			lay.blanks, removed = lay.blanks[:0], false
		}
		p += n
	}
	if len(lay.lines) > 0 && (removed || len(lay.blanks) > 0) {
		lay.gaps = append(lay.gaps, len(lay.lines))
	}
}

// mergeRemovals returns the removals of ls's lines (first) and those
// from stripping its kept text again (then), in the order of ls's lines.
// then's lines are kept lines of ls, matched by text in order: of two
// equal lines either may be the one matched, which changes no removal.
func mergeRemovals(ls []line, first, then []Removal) []Removal {
	merged := make([]Removal, 0, len(first)+len(then))
	i, j := 0, 0
	for k := range ls {
		l := &ls[k]
		if l.class == blank {
			continue
		}
		for raw := range strings.SplitSeq(l.raw, "\n") {
			switch {
			case !l.keep:
				merged = append(merged, first[i])
				i++
			case j < len(then) && then[j].Text == raw:
				merged = append(merged, then[j])
				j++
			}
		}
	}
	return append(merged, then[j:]...)
}
