package normalize

import (
	"html"
	"strings"
	"unicode/utf8"
)

// Shape. Text reaches the stripper in shapes that say nothing about
// what it is: paragraphs hard-wrapped at 55-80 columns (wire copy,
// e-mail), CRLF line ends, indentation, HTML entities and stray tags
// left by a scraper. Judged line by line, a wrapped paragraph is a run
// of lines that rarely end a sentence, so none reads as prose and the
// body search dropped 92-95% of such articles; "don&#8217;t" is three
// words, and a line ending in "&quot;" does not end like a sentence.
// So lines are judged in a normalised form, and the verdict goes back
// to the input's own lines, which are never rewritten:
//
//   - reflow joins the lines of a hard-wrapped paragraph into one
//     logical line (its raw text spans the physical lines, '\n'
//     included), measured, matched by the rules and weighed as the
//     unwrapped paragraph would be; every physical line then shares its
//     verdict;
//   - judged text (line.text) is trimmed (indentation, '\r') and, when
//     it holds '&' or '<', has its entities decoded and its tags cut.

// Hard-wrap detection. A line of wrapped text was broken because the
// next word would not fit: its width plus the next line's first word
// exceeds the margin. The margin is judged locally, by the wider of the
// line's neighbours in its block: a document's header, footer and body
// are often wrapped at different widths (or only some of them are), so
// no width for the whole document would do. A paragraph's last line is
// shorter than its neighbours by more than a word, so the same test finds
// paragraph ends when no blank line separates paragraphs.
const (
	// wrapMinWidth and wrapMaxWidth bound the widths (in characters)
	// considered: text is wrapped at 55-80 columns, sometimes 100-110;
	// a line of 30 characters or fewer is a label, not a wrapped line.
	wrapMinWidth = 30
	wrapMaxWidth = 110
	// wrapMaxWord caps the next line's first word: CJK lines have no
	// spaces, and a line that fills the width is full whatever follows.
	wrapMaxWord = 20
	// wrapSlack is how much narrower than its neighbours a full line may
	// be: greedy wrapping leaves at most a long word's room. Lines of
	// more varied widths (a list of teaser headlines) are not wrapped.
	wrapSlack = 20
	// wrapMinLines is how many lines that are full and do not end a
	// sentence a document needs before it is taken for wrapped text.
	wrapMinLines = 2
)

// reflow groups the physical lines of ls (text split at '\n') into
// logical lines when the text is hard-wrapped, in place, and sets every
// line's judged text. A line continues into the next when both are in
// the same block (no blank line between), it is full (see above), and
// either it does not end a sentence or the next line is full too (a
// sentence that ends at the margin, mid-paragraph). Text is taken for
// wrapped only when full lines that do not end a sentence outnumber
// full lines that do (paragraphs one to a line end in sentence ends) and
// lines in the wrap band carry more text than longer ones. Cost: a pass
// over line lengths and last characters; widths are counted only in
// documents with at least wrapMinLines lines that could be wrapped.
func reflow(ls []line, text string) []line {
	// Most documents have no run of lines that stop mid-sentence: a
	// test on byte lengths and last characters rules them out before
	// any character is counted.
	open := 0
	for i := 0; i+1 < len(ls) && open < wrapMinLines; i++ {
		if n := len(ls[i].raw); n >= wrapMinWidth && n <= 4*wrapMaxWidth &&
			!endsSentence(trimLine(ls[i].raw)) && trimLine(ls[i+1].raw) != "" {
			open++
		}
	}
	if open < wrapMinLines {
		return judgeAll(ls)
	}
	band, long := 0, 0
	for i := range ls {
		w := width(ls[i].raw)
		ls[i].width = w
		if w > wrapMaxWidth {
			long += int(w)
		} else if w >= wrapMinWidth {
			band += int(w)
		}
	}
	fullOpen, fullEnded := 0, 0
	for i := range ls {
		l := &ls[i]
		l.full = i+1 < len(ls) && full(ls, i)
		if l.full {
			if endsSentence(trimLine(l.raw)) {
				fullEnded++
			} else {
				fullOpen++
			}
		}
	}
	if fullOpen < wrapMinLines || fullOpen < fullEnded || band < long {
		return judgeAll(ls)
	}
	out, off := ls[:0], 0
	for i := 0; i < len(ls); {
		start, end := off, off+len(ls[i].raw)
		j := i
		for ls[j].full && (ls[j+1].full || !endsSentence(trimLine(ls[j].raw))) {
			j++
			end += 1 + len(ls[j].raw)
		}
		l := ls[i]
		l.raw = text[start:end]
		l.at = int32(len(out))
		out = append(out, l)
		off = end + 1
		i = j + 1
	}
	return judgeAll(out)
}

// full reports whether line i, followed by line i+1 of the same block,
// was broken at the margin: it is within the wrap band, at most
// wrapSlack narrower than the wider of its neighbours in that band, and
// the first word of the next line would have made it wider than both.
func full(ls []line, i int) bool {
	l := &ls[i]
	if l.width < wrapMinWidth || l.width > wrapMaxWidth {
		return false
	}
	t := trimLine(ls[i+1].raw)
	if t == "" {
		return false
	}
	margin := int32(0)
	for _, j := range [2]int{i - 1, i + 1} {
		if j >= 0 && ls[j].width >= wrapMinWidth && ls[j].width <= wrapMaxWidth {
			margin = max(margin, ls[j].width)
		}
	}
	if margin == 0 {
		// No neighbour in the band: l may open a paragraph of two lines
		// whose second is short, which ends it (a sentence end, or a
		// blank line after it); otherwise it is a label among labels.
		return i+2 >= len(ls) || trimLine(ls[i+2].raw) == "" || endsSentence(t)
	}
	if l.width+wrapSlack < margin {
		return false
	}
	word := int32(0)
	for _, r := range t {
		if r == ' ' || r == '\t' || word == wrapMaxWord {
			break
		}
		word++
	}
	return l.width+1+word > margin
}

// width returns the characters of raw without the space around it, or
// wrapMaxWidth+1 for a line too long to be a wrapped one. Indentation
// does not count: a paragraph's first line is often indented on top of
// the width the rest was wrapped at.
func width(raw string) int32 {
	raw = trimLine(raw)
	if len(raw) > 4*wrapMaxWidth {
		return wrapMaxWidth + 1
	}
	return int32(len(raw) - continuationBytes(raw))
}

// judgeAll sets the judged text of every line and returns ls.
func judgeAll(ls []line) []line {
	for i := range ls {
		ls[i].text = judged(ls[i].raw)
	}
	return ls
}

// judged returns the form of raw that is measured and matched: trimmed,
// undecorated, with HTML entities decoded and tags cut when it has any. Most lines
// have neither '&' nor '<', and two byte searches tell.
func judged(raw string) string {
	t := undecorate(trimLine(raw))
	amp, lt := strings.IndexByte(t, '&') >= 0, strings.IndexByte(t, '<') >= 0
	if !amp && !lt {
		return t
	}
	if lt {
		t = cutTags(t)
	}
	if amp {
		t = html.UnescapeString(t)
	}
	return trimLine(t)
}

// undecorate drops the bullets and arrows that templates put around a
// line ("· Share this story", "> Sponsored content", "Read more ›"):
// a mark and a space at the start, a space and a mark at the end, a few
// times over. What is left is what rules match and measure counts.
func undecorate(t string) string {
	for range 3 {
		r, size := utf8.DecodeRuneInString(t)
		if !isDecoration(r) || size >= len(t) || t[size] != ' ' {
			break
		}
		t = trimLine(t[size:])
	}
	for range 3 {
		r, size := utf8.DecodeLastRuneInString(t)
		if !isDecoration(r) || size >= len(t) || t[len(t)-size-1] != ' ' {
			break
		}
		t = trimLine(t[:len(t)-size])
	}
	return t
}

func isDecoration(r rune) bool {
	switch r {
	case '-', '–', '—', '·', '•', '*', '>', '|', '»', '«', '›', '‹', '→', '←', '▸', '►', '■', '◆', '+', '~':
		return true
	}
	return false
}

// cutTags replaces each HTML tag in t ("<br>", "</p>", "<a href=...>":
// '<', a letter or '/', up to 200 bytes without '<' and then '>') with a
// space. A '<' that opens no tag ("a < b") stays.
func cutTags(t string) string {
	var sb strings.Builder
	last := 0
	for i := 0; i < len(t); i++ {
		if t[i] != '<' || i+1 == len(t) || !isASCIILetter(t[i+1]) && t[i+1] != '/' {
			continue
		}
		end := strings.IndexAny(t[i+1:min(len(t), i+202)], "<>")
		if end < 0 || t[i+1+end] != '>' {
			continue
		}
		sb.WriteString(t[last:i])
		sb.WriteByte(' ')
		i += 1 + end
		last = i + 1
	}
	if last == 0 {
		return t
	}
	sb.WriteString(t[last:])
	return sb.String()
}
