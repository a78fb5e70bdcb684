package normalize

import (
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"
)

// Echoes. Pages say some things twice, and a flattened page keeps both
// copies: the article again as one long line (structured data, a print
// or share widget), a summary cut off with "...", a teaser that is the
// headline joined to its summary, the same teaser list above and below
// the article. One copy carries everything the other does, so the
// redundant one goes whatever its shape, prose included; the copy that
// stays is judged like any other line. Lines are matched by their first
// echoKeyLen bytes, so the cost is one short hash per line.
//
// Which copy is redundant:
//   - a repeated run: a prose line that repeats an earlier one, next to
//     a line that repeats that one's neighbour: the later copy (a teaser
//     list shown twice). A single repeated line is left alone: a Q&A
//     asks each guest the same question, a headline recurs above the
//     body, and the body search judges those;
//   - a line that starts with another line and goes on with the line that
//     follows that one: the long line, a run of lines joined;
//   - a line that starts with a shorter weak line (a headline) and goes
//     on: the long line, a headline with its summary;
//   - a line ending in an ellipsis whose text before it starts another
//     line: the cut-off copy.
//
// Echoes weigh like a weak line in the body search (see weight): a
// repeated paragraph inside the article must not split it, and the long
// repeat after it must not pull the body its way.

const (
	// echoMinLen is the shortest line compared: shorter repeats are menu
	// items and labels, which the body search judges anyway, or short
	// sentences an article may legitimately repeat.
	echoMinLen = 40
	// echoKeyLen is how many leading bytes key a line.
	echoKeyLen = 40
	// echoMaxLines bounds the lines of a document that are compared,
	// keeping the table small for documents of many lines.
	echoMaxLines = 1 << 14
)

// RuleEcho removes lines that repeat another line of the same document.
const RuleEcho = "echo"

const ruleEcho = -3

type echoTable struct {
	slots []int32 // line index+1 by key; 0 empty
}

var echoPool = sync.Pool{New: func() any { return &echoTable{} }}

// claimEchoes marks the redundant copy of every echo pair in ls (see the
// comment at the top of the file), on the classified lines of each round
// of the body search. It reports whether any two lines shared a key:
// when none did, no later round (a subset of these lines) can find an
// echo, and the rounds skip it.
func claimEchoes(ls []line) (pairs bool) {
	n := 0
	for i := range ls {
		if ls[i].class != blank && len(ls[i].text) >= echoMinLen {
			n++
		}
	}
	if n < 2 {
		return false
	}
	n = min(n, echoMaxLines)
	size := 1
	for size < 2*n {
		size <<= 1
	}
	et := echoPool.Get().(*echoTable)
	defer echoPool.Put(et)
	if cap(et.slots) < size {
		et.slots = make([]int32, size)
	}
	slots := et.slots[:size]
	clear(slots)
	mask := uint64(size - 1)
	seen := 0
	for j := range ls {
		if ls[j].class == blank || len(ls[j].text) < echoMinLen {
			continue
		}
		t := ls[j].text
		if len(t) < echoMinLen {
			continue
		}
		if seen++; seen > n {
			return pairs
		}
		for h := xxhash.Sum64String(t[:echoKeyLen]); ; h++ {
			s := &slots[h&mask]
			if *s == 0 {
				*s = int32(j + 1)
				break
			}
			i := int(*s - 1)
			u := ls[i].text
			if u[:echoKeyLen] != t[:echoKeyLen] {
				continue
			}
			pairs = true
			if k := redundantCopy(ls, i, j, u, t); k >= 0 && ls[k].class != claimed {
				ls[k].claim(ruleEcho)
			}
			break
		}
	}
	return pairs
}

// redundantCopy returns which of lines i < j (trimmed u and t, sharing
// their first echoKeyLen bytes) repeats the other, or -1 for neither.
func redundantCopy(ls []line, i, j int, u, t string) int {
	switch {
	case u == t:
		if ls[j].class == prose && (sameNeighbour(ls, i, j, -1) || sameNeighbour(ls, i, j, 1)) {
			return j
		}
		return -1
	case strings.HasPrefix(t, u):
		if joined(ls, i, t[len(u):]) || ls[i].class == weak {
			return j
		}
	case strings.HasPrefix(u, t):
		if ls[j].class == weak && !endsSentence(t) {
			return i
		}
	}
	if p, ok := cutEllipsis(t); ok && strings.HasPrefix(u, p) {
		return j
	}
	if p, ok := cutEllipsis(u); ok && strings.HasPrefix(t, p) {
		return i
	}
	return -1
}

// joined reports whether rest, what a long line holds past line i's text,
// begins with the next non-blank line after i: the lines were joined.
func joined(ls []line, i int, rest string) bool {
	rest = trimLine(rest)
	k := nonBlank(ls, i+1, 1)
	if k < 0 {
		return false
	}
	next := ls[k].text
	m := min(len(next), echoKeyLen)
	return len(rest) >= m && rest[:m] == next[:m]
}

// cutEllipsis returns t without a trailing "..." or "…" (and the space
// before it), and whether there was one.
func cutEllipsis(t string) (string, bool) {
	for _, e := range [...]string{"...", "…"} {
		if p, ok := strings.CutSuffix(t, e); ok {
			return strings.TrimRight(p, " "), true
		}
	}
	return t, false
}

// nonBlank returns the index of the first non-blank line from i in
// direction step, or -1.
func nonBlank(ls []line, i, step int) int {
	for ; i >= 0 && i < len(ls); i += step {
		if ls[i].class != blank {
			return i
		}
	}
	return -1
}

// sameNeighbour reports whether the non-blank lines next to i and j in
// direction step hold the same text (and are distinct from i and j).
func sameNeighbour(ls []line, i, j, step int) bool {
	a, b := nonBlank(ls, i+step, step), nonBlank(ls, j+step, step)
	return a >= 0 && b >= 0 && a != j && b != i && ls[a].text == ls[b].text
}
