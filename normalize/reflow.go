package normalize

import (
	"html"
	"strings"
	"unicode"
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
//     it holds '&' or '<', has its entities decoded and its tags cut,
//     and invisible format characters (soft hyphens, zero-width spaces)
//     dropped;
//   - carriage returns alone and Unicode's line and paragraph separators
//     break lines as '\n' does (breaksToLF).

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
	// wrapMaxWord caps the next line's first word: greedy wrapping
	// leaves at most a long word's room (an entity-encoded word is
	// long: "&#xAB;irresponsabile&#xBB;"), and CJK lines have no spaces.
	wrapMaxWord = 30
)

// reflow groups the physical lines of ls (text split at '\n') into
// logical lines, appended to dst, and sets every physical line's judged
// text (ls keeps its lines, judged, and measured when measured is true:
// regroups reads them). A line continues into the next when both are in
// the same block (no blank line between) and it is full (see above),
// unless it ends a sentence and the next line does not go on to a third
// (joins); a run of such lines is joined only when one of them visibly
// stops mid-sentence
// (continues), since widths alone also fit lists of headlines. Every
// decision is local, from a line and its neighbours; where a neighbour
// that decided is a line the stripper removes, its output may group
// otherwise, and is stripped again (regroups). Unwrapped paragraphs
// (over wrapMaxWidth, or ending sentences) stay as they are. Cost: a
// pass over line lengths and last characters; widths are counted only in
// documents with a full line that leaves its sentence open. markup is
// hasMarkup's answer for text: searches of the whole text spare most
// documents searches of every line.
func reflow(dst, ls []line, text string, markup bool) (grouped []line, measured bool) {
	judgeAll(ls, markup)
	// Every run that joins holds a full line that does not end a
	// sentence. Most documents have none, and finding that out measures
	// only the lines that could be one (by byte length and last
	// character) and their neighbours.
	found := false
	for i := 0; i+1 < len(ls) && !found; i++ {
		if n := len(ls[i].raw); n >= wrapMinWidth && n <= 4*wrapMaxWidth &&
			!endsSentence(ls[i].text) && ls[i+1].text != "" {
			for j := max(i-1, 0); j <= i+1; j++ {
				measureShape(&ls[j])
			}
			found = full(ls, i)
		}
	}
	if !found {
		return append(dst, ls...), false
	}
	for i := range ls {
		measureShape(&ls[i])
	}
	for i := range ls {
		ls[i].full = i+1 < len(ls) && full(ls, i)
	}
	out, off := dst, 0
	for i := 0; i < len(ls); {
		j := i
		for joins(ls, j) {
			j++
		}
		if !runEvident(ls, i, j) {
			// Each line of the run stands alone.
			for k := i; k <= j; k++ {
				out = append(out, ls[k])
				out[len(out)-1].at = int32(len(out) - 1)
				off += len(ls[k].raw) + 1
			}
			i = j + 1
			continue
		}
		start, end := off, off+len(ls[i].raw)
		for k := i + 1; k <= j; k++ {
			end += 1 + len(ls[k].raw)
		}
		l := ls[i]
		l.raw = text[start:end]
		l.text = judged(l.raw, markup)
		l.at = int32(len(out))
		out = append(out, l)
		off = end + 1
		i = j + 1
	}
	return out, true
}

// runEvident reports whether lines i to j, which widths would join
// (joins), are one paragraph: one of them visibly stops mid-sentence
// (continues), since widths alone also fit a list of headlines; or they
// end in a sentence end and are three or more, or a whole block, or end
// with a line narrower than the one before (German capitalises nouns,
// names open lines, and a paragraph's lines may show nothing else).
func runEvident(ls []line, i, j int) bool {
	for k := i; k < j; k++ {
		if !ls[k].end && continues(ls, k) {
			return true
		}
	}
	return j > i && ls[j].end &&
		(j-i >= 2 || ls[j].width < ls[j-1].width || blankAt(ls, i-1) && blankAt(ls, j+1))
}

// continues reports whether line i visibly stops mid-sentence: the next
// line opens in lower case (past quotes and brackets), i ends with a comma or a hyphen, or with a
// word that leaves a sentence open ("the", "within", "von": openWords), or
// the next line opens with a letter of a script without case (CJK,
// Devanagari, Arabic), where nothing else can tell. Lines
// of similar widths that meet the margin are also teaser headlines and
// menu items, one to a line; those open with capitals and end with a
// noun.
func continues(ls []line, i int) bool {
	t, next := ls[i].text, ls[i+1].text
	// The next line's first letter, past opening quotes and brackets
	// (entities decoded).
	next = strings.TrimLeft(next, "\"'([«„“‘¿¡")
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) {
		return true
	}
	if !unicode.IsUpper(r) && unicode.IsLetter(r) {
		return true // a script without case: only the widths can tell
	}
	switch t[len(t)-1] {
	case ',', ';', '-':
		return true
	}
	sp := strings.LastIndexByte(t, ' ')
	w := t[sp+1:]
	return len(w) <= 8 && openWords.has(packWord(w))
}

// openWords are words that leave a sentence open: articles,
// prepositions, conjunctions and possessives, which neither a sentence
// nor a headline ends with, in the languages of the stop lists.
var openWords = func() *packedSet {
	var t packedSet
	for _, list := range []string{
		`a an the of to in on at for with from by and or but as than into onto over under within without between among about after before during against towards via nor whose which whom if because although though while whereas unless until since whether their its his our your my`,
		`der die das den dem des ein eine einen einem einer und oder aber mit von zu zum zur im an auf aus bei nach vor für über unter durch gegen ohne um dass wenn weil als wie nachdem während ihrer seiner ihre seine`,
		`le la les un une des du de et ou mais à au aux pour par avec dans sur sous entre chez que qui dont où son sa ses leur leurs ce cette ces`,
		`el los las unos unas del y o pero al con en por para sobre entre desde hasta su sus este esta il lo gli di della dei delle e ma alla tra fra da che os um uma do da dos das em no na nos nas com seu sua`,
		`het een en maar van op aan met voor naar bij uit door om te dat`,
		`i w na z do od za przez przy po dla że który która które och på av för med till om att som ett`,
	} {
		for _, w := range strings.Fields(list) {
			t.add(packWord(w))
		}
	}
	return &t
}()

// joins reports whether line j continues into line j+1: it is full, and
// it does not end a sentence or the next line is full and does not
// either (a sentence that ended at the margin, mid-paragraph). A line
// that opens with a bullet joins only a line that visibly continues it
// (continues): an item ("• Sign up for our newsletter", "> Subscribe to
// the Herald newsletter") is a line of its own, and the paragraph under
// it went with it.
//
// A hyphen after a sentence's end opens an item too ("... said the
// mayor." / "- Sign up for our newsletter."): a spaced dash carried over
// from the line before follows no sentence end. Such an item that ends
// a sentence is a line of its own.
func joins(ls []line, j int) bool {
	if !ls[j].full || opensItem(ls[j].raw) && (ls[j].end || !continues(ls, j)) {
		return false
	}
	if ls[j].end && (hyphenItem(ls, j) || hyphenItem(ls, j+1)) {
		return false
	}
	return !ls[j].end || ls[j+1].full && !ls[j+1].end
}

// linkRow reports whether raw line holds two or more separators of a
// row of links (" / ", " | ", " · ", " • ", " » ", " > "): "Politik /
// Wirtschaft / Sport" is no wrapped line of a paragraph, and joined to
// the headline under it took the headline with it.
func linkRow(raw string) bool {
	if strings.IndexByte(raw, '/') < 0 && strings.IndexByte(raw, '|') < 0 && strings.IndexByte(raw, '>') < 0 &&
		strings.IndexByte(raw, 0xC2) < 0 && strings.IndexByte(raw, 0xE2) < 0 {
		return false // most lines: no separator's byte (searched for a word at a time)
	}
	n := 0
	for i := 0; i+2 < len(raw); i++ {
		if raw[i] != ' ' {
			continue
		}
		if sep := separatorAt(raw, i+1); sep > 0 && i+1+sep < len(raw) && raw[i+1+sep] == ' ' {
			if n++; n == 2 {
				return true
			}
		}
	}
	return false
}

// separatorAt returns the length of the separator of a row of links
// (/ | > · » •) at raw[i], or 0.
func separatorAt(raw string, i int) int {
	switch raw[i] {
	case '/', '|', '>':
		return 1
	case 0xC2: // · », C2 B7 and C2 BB
		if i+1 < len(raw) && (raw[i+1] == 0xB7 || raw[i+1] == 0xBB) {
			return 2
		}
	case 0xE2: // •, E2 80 A2
		if strings.HasPrefix(raw[i:], "•") {
			return 3
		}
	}
	return 0
}

// joinsSeparator reports whether next opens with a separator of a row
// of links and a space ("/ Sport"): joined to the line before, it would
// make a link row's " / " of a wrap, so that a line was claimed as a
// link row only when the lines after it made reflow join it (FuzzStrip
// found the stripped text then stripped again; again with a NUL after
// the separator, and with one before it). A space here is whatever the
// rules' folding reads as one (foldSpaceLen).
func joinsSeparator(next string) bool {
	t := next
	for n := foldSpaceLen(t); n > 0; n = foldSpaceLen(t) {
		t = t[n:]
	}
	sep := 0
	if t != "" {
		sep = separatorAt(t, 0)
	}
	return sep > 0 && foldSpaceLen(t[sep:]) > 0
}

// foldSpaceLen returns the byte length of s's first character when the
// rules' folding reads it as a space (fold: a space, a tab, a NUL, a
// no-break space), or 0.
func foldSpaceLen(s string) int {
	if s == "" {
		return 0
	}
	if c := s[0]; isASCIILetter(c) || '0' <= c && c <= '9' {
		return 0 // most lines: no need to fold
	}
	_, n := utf8.DecodeRuneInString(s)
	if string(fold(nil, "a"+s[:n]+"b")) == "a b" {
		return n
	}
	return 0
}

// upperCase reports whether raw line has letters, at least four, and
// none in lower case: a label ("ARTIKEL WIRD UNTER DER ANZEIGE
// FORTGESETZT", "MEHR ZUM THEMA"), which no wrapped line of a paragraph
// is.
func upperCase(raw string) bool {
	letters := 0
	for _, r := range raw {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letters++
		}
	}
	return letters >= 4
}

// hyphenItem reports whether line i opens with a hyphen after a line
// that ends a sentence (or none): an item, not a carried-over dash.
func hyphenItem(ls []line, i int) bool {
	if t := strings.TrimLeft(ls[i].raw, " \t"); t == "" || t[0] != '-' {
		return false // most lines
	}
	return (i == 0 || ls[i-1].end) && itemMark(trimLine(ls[i].raw), true) == "-"
}

// full reports whether line i, followed by line i+1 of the same block
// and not more indented (which opens a paragraph), was broken at the
// margin: it is within the wrap band, and the first word of the next
// line would have made it wider than its neighbours in that band (the
// line before counts only when it leaves its sentence open and is not
// less indented: else l opens a paragraph).
func full(ls []line, i int) bool {
	// A row of links and a label in capitals are lines of their own too
	// (looked for last: most lines are not broken at the margin).
	return brokenAtMargin(ls, i) && !linkRow(ls[i].raw) && !linkRow(ls[i+1].raw) && !joinsSeparator(ls[i+1].raw) && !upperCase(ls[i].raw) && !upperCase(ls[i+1].raw)
}

// brokenAtMargin is full's test of widths and marks.
func brokenAtMargin(ls []line, i int) bool {
	l := &ls[i]
	if l.width < wrapMinWidth || l.width > wrapMaxWidth {
		return false
	}
	if ls[i+1].text == "" || indented(ls[i+1].raw) && !indented(l.raw) {
		return false // the next line opens a paragraph
	}
	if opensItem(ls[i+1].raw) || closesItem(l.raw) {
		return false // an item of a list or a widget is a line of its own
	}
	margin := int32(0)
	for _, j := range [2]int{i - 1, i + 1} {
		if j < 0 || ls[j].width < wrapMinWidth || ls[j].width > wrapMaxWidth {
			continue
		}
		if j < i && (ls[j].end || indented(l.raw) && !indented(ls[j].raw)) {
			continue // l opens a paragraph: the line before is another's
		}
		margin = max(margin, ls[j].width)
	}
	if margin == 0 {
		// No neighbour in the band: l may open a paragraph of two lines
		// whose second is short and ends it (a sentence end, or a blank
		// line after it), or visibly go on into it ("... evacuated in" /
		// "Leiden"); otherwise it is a label among labels.
		return ls[i+1].width < l.width && (blankAt(ls, i+2) || ls[i+1].end || !l.end && continues(ls, i))
	}
	word := int32(0)
	for _, r := range trimLine(ls[i+1].raw) {
		if r == ' ' || r == '\t' || word == wrapMaxWord {
			break
		}
		word++
	}
	return l.width+1+word > margin
}

// measureShape sets l's width and whether it ends a sentence.
func measureShape(l *line) {
	l.width, l.end = width(l.raw), endsSentence(l.text)
}

// blankAt reports whether ls[i] is blank or outside ls.
func blankAt(ls []line, i int) bool {
	return i < 0 || i >= len(ls) || ls[i].text == ""
}

// indented reports whether raw starts with a space or a tab.
func indented(raw string) bool {
	return raw != "" && (raw[0] == ' ' || raw[0] == '\t')
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

// judgeAll sets the judged text of every line; markup reports whether
// the document has any '&' or '<'.
func judgeAll(ls []line, markup bool) {
	for i := range ls {
		ls[i].text = judged(ls[i].raw, markup)
	}
}

// hasMarkup reports whether text has what judged takes out of a line
// besides marks: '&' or '<' (entities, tags), or an invisible format
// character (invisible, from oddChars).
func hasMarkup(text string, invisible bool) bool {
	return invisible || strings.IndexByte(text, '&') >= 0 || strings.IndexByte(text, '<') >= 0
}

// dropInvisibles takes out the format characters sites put inside words
// for hyphenation or layout: soft hyphen, zero-width space, non-joiner and
// joiner, left-to-right and right-to-left marks, word joiner, byte order
// mark. A line is judged without them:
// "Disc&shy;laimer:" is a disclaimer's label, and with soft hyphens in
// its longer words a seed kept its disclaimer (TestInvisibleInWords).
var dropInvisibles = strings.NewReplacer("\u00ad", "", "\u200b", "", "\u200c", "", "\u200d", "", "\u200e", "", "\u200f", "", "\u2060", "", "\ufeff", "")

func hasInvisible(t string) bool {
	invisible, _ := oddChars(t)
	return invisible
}

// oddChars reports whether t holds one of the invisible format characters
// of dropInvisibles, and whether it holds Unicode's line or paragraph
// separator (U+2028, U+2029), in three byte searches, one per lead byte
// (most text has few of them: typographic quotes lead with 0xE2).
func oddChars(t string) (invisible, separators bool) {
	for i := 0; ; i++ {
		j := strings.IndexByte(t[i:], 0xC2)
		if j < 0 {
			break
		}
		if i += j; i+1 < len(t) && t[i+1] == 0xAD { // U+00AD
			invisible = true
			break
		}
	}
	for i := 0; ; i++ {
		j := strings.IndexByte(t[i:], 0xE2)
		if j < 0 || i+j+2 >= len(t) {
			break
		}
		i += j
		switch b1, b2 := t[i+1], t[i+2]; {
		case b1 == 0x80 && b2 >= 0x8B && b2 <= 0x8F, b1 == 0x81 && b2 == 0xA0: // U+200B-F, U+2060
			invisible = true
		case b1 == 0x80 && (b2 == 0xA8 || b2 == 0xA9): // U+2028, U+2029
			separators = true
		}
		if invisible && separators {
			return
		}
	}
	if !invisible {
		invisible = strings.Contains(t, "\ufeff")
	}
	return invisible, separators
}

// judged returns the form of raw that is measured and matched: trimmed,
// with HTML entities decoded, tags cut and invisible format characters
// dropped when it has any, then without its list marks (trimMarks). Most
// lines have none of those, and a few byte searches tell (none when the
// document has none: markup false).
func judged(raw string, markup bool) string {
	return judgedTrimmed(trimLine(raw), markup)
}

// judgedTrimmed is judged for a line already trimmed (the repetition
// counter's first pass hashes every line and has trimmed it).
func judgedTrimmed(u string, markup bool) string {
	t := u
	amp, lt := markup && strings.IndexByte(u, '&') >= 0, markup && strings.IndexByte(u, '<') >= 0
	if lt {
		t = cutTags(t)
	}
	if amp {
		// "&nbsp;" stands where other pages of a site have a space: the
		// repetition table keys judged lines.
		if t = html.UnescapeString(t); strings.Contains(t, "\u00a0") {
			t = strings.ReplaceAll(t, "\u00a0", " ")
		}
	}
	inv := markup && hasInvisible(t)
	if inv {
		t = dropInvisibles.Replace(t)
	}
	if amp || lt || inv {
		if t = trimLine(t); t == "" {
			// Only markup ("<br>"): judged as it is, so that the line is
			// not taken for a blank one and vanishes from the output
			// unreported.
			return u
		}
	}
	if t != "" && isWordByte(t[0]) && isWordByte(t[len(t)-1]) {
		return t // no mark at either end (most lines): spares the call
	}
	if m := trimMarks(t); m != "" {
		return m
	}
	return t // marks only ("• • •"): a line all the same
}

// listMarks are the bullets, arrows and bars templates put around a label
// ("• ANZEIGE »", "| Par Marie Dupont", "Read more →"): lines are
// measured and matched without them (trimMarks).
var listMarks = [...]string{"*", "•", "·", "|", "-", ">", "<", "»", "«", "›", "‹", "–", "—", "→", "←", "▶", "►", "▸", "■", "◆", "▪", "◦", "‣", "+", "~", "="}

// itemMark returns the list mark at the start (or end) of trimmed line t
// when it is a template's decoration rather than the text's punctuation,
// else "": dashes may be the text's (dialogue, a spaced dash), « and ‹
// open quotations, and » or › at the end close one the line opened.
func itemMark(t string, start bool) string {
	n := markLen(t, start)
	if n == 0 {
		return ""
	}
	m := t[:n]
	if !start {
		m = t[len(t)-n:]
	}
	switch m {
	case "-":
		if !start {
			return ""
		}
	case "–", "—", "«", "‹", "<", "+", "~", "=":
		return ""
	case "»":
		if !start && strings.Contains(t, "«") {
			return ""
		}
	case "›":
		if !start && strings.Contains(t, "‹") {
			return ""
		}
	}
	return m
}

// opensItem reports whether raw line opens with a bullet ("• ", "* ",
// "| ", "» " before a capital), which no wrapped line of a paragraph
// does: a paragraph wrapped straight into a list of links or a widget
// ("...said Anna Weber." / "* Follow us on Facebook") ends there. A
// hyphen may carry a spaced dash over to the next line, and an arrow or
// guillemet before a lower-case word continues a quotation.
func opensItem(raw string) bool {
	t := trimLine(raw)
	switch m := itemMark(t, true); m {
	case "", "-":
		return false
	case "»", "›", ">", "→":
		r, _ := utf8.DecodeRuneInString(trimLine(t[len(m):]))
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return true
}

// closesItem reports whether raw line ends with a mark after a space
// ("Read more →", "Mehr zum Thema: ... ›", "Contact |"): no wrapped line
// of a paragraph does.
func closesItem(raw string) bool {
	return itemMark(trimLine(raw), false) != ""
}

// trimMarks strips list marks (listMarks) from both ends of trimmed line
// t, each followed (at the start) or preceded (at the end) by a space or
// standing alone. Lines opening with a letter or digit and ending with
// one or with sentence punctuation, most lines, cost two byte tests.
func trimMarks(t string) string {
	for t != "" && !isWordByte(t[0]) {
		n := markLen(t, true)
		if n == 0 {
			break
		}
		t = trimLine(t[n:])
	}
	for t != "" && !isWordByte(t[len(t)-1]) {
		n := markLen(t, false)
		if n == 0 {
			break
		}
		t = trimLine(t[:len(t)-n])
	}
	return t
}

// markLen returns the length of the list mark at the start (or end) of
// trimmed line t when a space or the other end of t borders it, else 0.
func markLen(t string, start bool) int {
	if t == "" || start && !markFirst[t[0]] || !start && !markLast[t[len(t)-1]] {
		return 0 // most lines: no mark
	}
	for _, m := range listMarks {
		n := len(m)
		if len(t) < n {
			continue
		}
		if start && t[:n] == m && (len(t) == n || spaceAt(t[n:], true)) ||
			!start && t[len(t)-n:] == m && (len(t) == n || spaceAt(t[:len(t)-n], false)) {
			return n
		}
	}
	return 0
}

// spaceAt reports whether t opens (or ends) with a space (isSpace).
func spaceAt(t string, start bool) bool {
	var r rune
	if start {
		r, _ = utf8.DecodeRuneInString(t)
	} else {
		r, _ = utf8.DecodeLastRuneInString(t)
	}
	return isSpace(r)
}

// markFirst and markLast hold the bytes list marks begin and end with.
var markFirst, markLast = func() (first, last [256]bool) {
	for _, m := range listMarks {
		first[m[0]], last[m[len(m)-1]] = true, true
	}
	return first, last
}()

// cutTags cuts each HTML tag from t ("<br>", "</p>", "<a href=...>":
// '<', a letter or '/', up to 200 bytes on one line without '<', then
// '>'), leaving a space where it stood between two words ("a<br>b"). A '<' that
// opens no tag ("a < b") stays.
func cutTags(t string) string {
	var sb strings.Builder
	last := 0
	for i := 0; i < len(t); i++ {
		if t[i] != '<' || i+1 == len(t) || !isASCIILetter(t[i+1]) && t[i+1] != '/' {
			continue
		}
		end := strings.IndexAny(t[i+1:min(len(t), i+202)], "<>\n")
		if end < 0 || t[i+1+end] != '>' {
			continue
		}
		sb.WriteString(t[last:i])
		after := i + 2 + end
		if i > 0 && wordByte(t[i-1]) && after < len(t) && wordByte(t[after]) {
			sb.WriteByte(' ')
		}
		i = after - 1
		last = after
	}
	if last == 0 {
		return t
	}
	sb.WriteString(t[last:])
	return sb.String()
}

// wordByte reports whether c can be part of a word: an ASCII letter or
// digit, or a byte of a non-ASCII character.
func wordByte(c byte) bool { return isASCIILetter(c) || '0' <= c && c <= '9' || c >= 0x80 }

// DecodeMarkup returns text with the HTML entities a scraper left in it
// decoded and stray tags cut ("It&#8217;s" -> "It’s", "<br>" -> ""),
// keeping its lines. Strip judges lines in this form but returns the
// input's own bytes; a caller that wants the decoded text applies this
// to Strip's output.
func DecodeMarkup(text string) string {
	if strings.IndexByte(text, '<') >= 0 {
		text = cutTags(text)
	}
	if strings.IndexByte(text, '&') >= 0 {
		text = html.UnescapeString(text)
	}
	return text
}
