package main

import (
	"html"

	"github.com/newsclean/clean/internal/shingle"
	"github.com/newsclean/clean/internal/striptruth"
)

// docScore is one document's outcome.
type docScore struct {
	lang, shape string
	missing     bool // the output has no record for it
	// body: shingles of the body units, and how many the output holds.
	bodyTotal, bodyKept int
	traps, trapsKept    int
	// headline directly under a boilerplate line: counted when Above is set.
	above, aboveKept  int
	boiler            map[string][2]int // kind -> {lines, removed}
	bytesIn, bytesOut int
	lostUnits         []string // body units not wholly kept (for -show)
	leftBoiler        []string // boilerplate lines left (for -show)
}

func (d *docScore) bodyShare() float64 {
	if d.bodyTotal == 0 {
		return 1
	}
	return float64(d.bodyKept) / float64(d.bodyTotal)
}

// scoreDoc compares one document's output text with its truth. Both sides
// are entity-decoded and reduced to \w+ tokens, so line shape (wrapping,
// CRLF, indentation) and entities do not matter, only words do.
//
// Body units (headline, paragraphs) are matched first: each unit's word
// 4-grams (a unit of fewer than four words is one shingle of them all)
// against the multiset of the output's n-grams, each output shingle used
// once. A unit's shingles are taken within the unit, so a boilerplate
// line between two paragraphs costs nothing when it is removed. Then each
// boilerplate line is looked for in what the body left: it counts as
// removed when fewer than half of its shingles are still in the output.
// Lines with no word (a lone "|") are not counted.
func scoreDoc(tr *striptruth.Record, out string, missing bool) *docScore {
	d := &docScore{lang: tr.Lang, shape: tr.Shape, missing: missing, boiler: map[string][2]int{}, bytesIn: tr.Bytes, bytesOut: len(out)}
	otoks := shingle.Tokens(html.UnescapeString(out))
	avail := map[int]map[string]int{}
	grams := func(n int) map[string]int {
		m, ok := avail[n]
		if !ok {
			m = shingle.Grams(otoks, n)
			avail[n] = m
		}
		return m
	}
	// match takes toks's shingles out of the output's and says how many
	// there were and how many it found.
	match := func(toks []string) (total, found int) {
		n := min(shingle.N, len(toks))
		m := grams(n)
		for k, c := range shingle.Grams(toks, n) {
			f := min(c, m[k])
			m[k] -= f
			total += c
			found += f
		}
		return total, found
	}
	body := make([][]string, len(tr.Body))
	trap := map[int]bool{}
	for _, i := range tr.Traps {
		trap[i] = true
	}
	for i, u := range tr.Body {
		body[i] = shingle.Tokens(html.UnescapeString(u))
		if len(body[i]) == 0 {
			continue
		}
		total, found := match(body[i])
		d.bodyTotal += total
		d.bodyKept += found
		whole := found == total
		if !whole {
			d.lostUnits = append(d.lostUnits, u)
		}
		if trap[i] {
			d.traps++
			if whole {
				d.trapsKept++
			}
		}
		if i == 0 && tr.Above != "" {
			d.above++
			if whole {
				d.aboveKept++
			}
		}
	}
	// Short boilerplate lines are matched as n-grams of n < 4: first take
	// out of those the body's own n-grams, so that a kept paragraph does
	// not make "Advertisement" or "Share" look left in.
	cleared := map[int]bool{}
	for _, b := range tr.Boiler {
		toks := shingle.Tokens(html.UnescapeString(b.Text))
		if len(toks) == 0 {
			continue
		}
		if n := len(toks); n < shingle.N && !cleared[n] {
			cleared[n] = true
			m := grams(n)
			for _, bt := range body {
				if len(bt) > n { // units of exactly n words already took theirs
					for k, c := range shingle.Grams(bt, n) {
						m[k] -= min(c, m[k])
					}
				}
			}
		}
		total, found := match(toks)
		c := d.boiler[b.Kind]
		c[0]++
		if 2*found < total {
			c[1]++
		} else {
			d.leftBoiler = append(d.leftBoiler, b.Kind+": "+b.Text)
		}
		d.boiler[b.Kind] = c
	}
	return d
}
