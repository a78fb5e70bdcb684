package normalize

import (
	"runtime"
	"strings"
	"sync"
)

// Stripper removes boilerplate lines from plain text. It is safe for
// concurrent use once built.
type Stripper struct {
	rules   []compiledRule
	index   [2]*ruleIndex // by Scope
	repeats *RepeatTable
	// memos hold what these rules answered for lines seen before, one
	// per goroutine at a time (getMemo). A channel, not a sync.Pool,
	// which empties itself at every collection: a memo is worth what it
	// has seen.
	memos chan *lineMemo
}

// NewStripper builds a stripper from rules (DefaultRules() plus any user
// rules) and an optional table of lines learned to repeat across a site.
func NewStripper(rules []Rule, repeats *RepeatTable) (*Stripper, error) {
	c, err := compileRules(rules)
	if err != nil {
		return nil, err
	}
	return &Stripper{
		rules:   c,
		index:   [2]*ruleIndex{newRuleIndex(c, Anywhere, false), newRuleIndex(c, Edge, true)},
		repeats: repeats,
		memos:   make(chan *lineMemo, runtime.GOMAXPROCS(0)),
	}, nil
}

// getMemo lends a memo of lines seen before, and putMemo takes it back;
// past GOMAXPROCS memos (more strips at once than processors) the extra
// ones go.
func (s *Stripper) getMemo() *lineMemo {
	select {
	case m := <-s.memos:
		return m
	default:
		return newLineMemo()
	}
}

func (s *Stripper) putMemo(m *lineMemo) {
	select {
	case s.memos <- m:
	default:
	}
}

// class is a line's kind, first from its shape, then from rules.
type class uint8

const (
	blank   class = iota
	weak          // not prose: a label, menu item, headline, byline
	prose         // a sentence-like paragraph
	claimed       // removed by a rule or the repeat table
)

type line struct {
	// raw is the input line without its terminator; for a hard-wrapped
	// paragraph (reflow), its physical lines with the '\n' between them.
	raw string
	// text is raw as judged: trimmed, entities decoded (see judged).
	text  string
	runes int
	words int
	rule  int   // index of the claiming rule; ruleRepeat for the repeat table
	at    int32 // index of this line in the document (rounds work on copies)
	// fold and foldLen locate the folded line in the document's arena
	// (foldLen -1: not folded yet); a line near an edge is matched by
	// both scopes, and folding it once saves a tenth of the time.
	fold, foldLen int32
	// edge caches the edge rules' answer for the line (shape and word
	// rule + 1, 0: none) when it does not depend on the previous line:
	// the edge scans ask again in every pass and round.
	edge [2]int16
	// class sits among the small fields: 8 bytes less a line (a
	// document's lines are copied every round).
	class     class
	edgeKnown bool
	// noEdge records that no edge rule matches the line, whatever the
	// previous line: the edge scans of later rounds skip it.
	noEdge bool
	// inline marks a non-prose line of a short run between two prose
	// lines (markInline): it weighs only its toll in the body search.
	inline bool
	// prompt marks a line an anywhere rule claimed that is prose or
	// opens with a list mark (what the insert test claims too): it
	// weighs as an insert does.
	prompt bool
	keep   bool
	// loose marks a weak line of prose shape short of function words;
	// vote is the line's in knownLanguage.
	loose bool
	vote  int8
	// reads caches readAs(line)+1 (0: not known yet): edge scans ask
	// again in every round. notices holds the notice patterns the edge
	// scan found in the line (matches.notices; 0: not looked for), which
	// readAs then need not look for again.
	reads   int8
	notices uint8
	// label caches labelShaped of the judged text (see shaped), and
	// byline bylineShape+1 (0: not known yet): the header's weak lines
	// are asked about in every edge scan and every round's decide.
	label  shapeCache
	byline int8
	// repeats caches the repeat table's answer (siteView.lineKinds) with
	// repeatsKnown (0: not looked up yet).
	repeats uint8
	// memo locates the line's entry in the memo of lines seen before
	// (memoOf): 0 not looked for, 1 none, else its index + 2.
	memo int32
	// width, full and end are reflow's: the physical line's width in
	// characters, whether it was broken at the margin, whether it ends
	// a sentence.
	width int32
	full  bool
	end   bool // ends a sentence
}

const ruleRepeat = -2

// ruleNotice marks a prose line of the footer that no rule claims but
// that speaks to the reader or about the page (readsAsPrompt).
const ruleNotice = -4

// readAs returns readAs of the line's judged text, computed once (or
// taken from the memo of lines seen before).
func (l *line) readAs(fs *folds) int {
	if l.reads == 0 {
		e := fs.memoOf(l)
		if e != nil {
			l.reads = e.reads
		}
		if l.reads == 0 {
			l.reads = int8(readAs(l.text, fs.of(l, l.text), l.notices)) + 1
			if e != nil {
				e.reads = l.reads
			}
		}
	}
	return int(l.reads) - 1
}

// shapeCache holds a test's answer for a line: 0 not known yet, 1 false,
// 2 true.
type shapeCache int8

// shaped returns test(t), computed once for the line the cache is in.
func (c *shapeCache) shaped(test func(string) bool, t string) bool {
	if *c == 0 {
		*c = 1
		if test(t) {
			*c = 2
		}
	}
	return *c == 2
}

// isLabel is labelShaped(l.text), computed once.
func (l *line) isLabel() bool { return l.label.shaped(labelShaped, l.text) }

// claim marks l as removed by rule r. A line already claimed keeps its
// rule unless r comes earlier in the rule list, so that an edge rule
// listed first ("contact") names a line an anywhere rule also matched.
func (l *line) claim(r int) {
	if l.class == claimed && l.rule != ruleRepeat && (r == ruleRepeat || r > l.rule) {
		return
	}
	l.class, l.rule = claimed, r
}

var linePool = sync.Pool{New: func() any { s := make([]line, 0, 256); return &s }}

// folds holds the folded forms of one document's lines, and the memo of
// lines seen before that the stripper lends for the document.
type folds struct {
	arena []byte
	memo  *lineMemo
}

var foldPool = sync.Pool{New: func() any { return &folds{arena: make([]byte, 0, 4096)} }}

// release returns fs to the pool, unless one huge document grew it: the
// pool should not pin its memory.
func (fs *folds) release() {
	fs.memo = nil
	if cap(fs.arena) <= 1<<20 {
		fs.arena = fs.arena[:0]
		foldPool.Put(fs)
	}
}

// of returns the folded form of l, whose trimmed text is t.
func (fs *folds) of(l *line, t string) []byte {
	if l.foldLen < 0 {
		off := len(fs.arena)
		fs.arena = fold(fs.arena, t)
		l.fold, l.foldLen = int32(off), int32(len(fs.arena)-off)
	}
	return fs.arena[l.fold : l.fold+l.foldLen]
}

// maxRounds bounds the body search rounds of one document (see Strip).
const maxRounds = 8

// Strip returns text without its boilerplate and the removed pieces in
// document order. site groups documents for the repetition table ("" when
// unknown). Kept lines are input lines, in order; see the package comment
// for how blank lines are normalised.
//
// Stripping is idempotent: the body search depends on the whole document
// (a line's weight falls with its position), so it is repeated on the
// kept lines until it keeps them all, which is what stripping the output
// again would do. Later rounds reuse the lines' measurements and skip the
// anywhere rules, which only ever claim what the first round claimed; one
// extra round is the common case. A document whose kept lines would be
// judged otherwise without the removed ones is stripped again
// (judgedOtherwise).
func (s *Stripper) Strip(text, site string) (string, []Removal) {
	return s.strip(text, site, true, nil, 0)
}

// StripAt is Strip for a text whose line breaks are known to be at ends
// (docio.Doc.LineEnds), which spares looking for them.
func (s *Stripper) StripAt(text, site string, ends []int) (string, []Removal) {
	return s.strip(text, site, true, ends, 0)
}

// StripExtracted strips text whose main content was already chosen, as
// ExtractHTML's is: rules and the repetition table apply, but no body
// search, which would second-guess the extractor with less to go on (it
// cost the HTML track 0.03 F1, dropping tables and lists the extractor
// had rightly kept).
func (s *Stripper) StripExtracted(text, site string) (string, []Removal) {
	return s.strip(text, site, false, nil, 0)
}

// strip is Strip and StripExtracted; ends, if not nil, are where text's
// line breaks are.
func (s *Stripper) strip(text, site string, searchBody bool, ends []int, depth int) (string, []Removal) {
	text, ends, markup := readable(text, ends)
	lp, pp := linePool.Get().(*[]line), linePool.Get().(*[]line)
	defer linePool.Put(lp)
	defer linePool.Put(pp)
	phys := splitLines((*pp)[:0], text, ends)
	ls, measured := reflow((*lp)[:0], phys, text, markup)
	*lp, *pp = ls, phys
	fs := foldPool.Get().(*folds)
	defer fs.release()
	fs.memo = s.getMemo()
	defer s.putMemo(fs.memo)
	fs.memo.begin()
	capitals := s.classify(ls, site, fs)
	if searchBody {
		claimInserts(ls, fs)
		claimSiteName(ls, site)
	}

	wp := linePool.Get().(*[]line)
	defer linePool.Put(wp)
	work, echoes := ls, searchBody
	for round := 0; ; round++ {
		if round > 0 && promoteLoose(work) {
			// Lines the vote no longer counts as prose meet the rules
			// that weak lines meet.
			rep, prev := s.repeats.forSite(site), -1
			for i := range work {
				if l := &work[i]; l.class == weak && l.loose {
					s.claimAnywhere(fs, rep, work, i, prev)
				}
				prev = -1
				if work[i].class == claimed {
					prev = work[i].rule
				}
			}
		}
		if echoes {
			// Echoes again each round: which copy is redundant depends on
			// the lines around it, and removing lines changes those.
			echoes = claimEchoes(work)
		}
		if searchBody && round > 0 {
			// So do inserts: a teaser next to a line the round removed
			// ("- Pour aller plus loin : ..." above "- La suite est
			// réservée aux abonnés") read as an item of a list with it,
			// and stripping the output again removed it.
			claimInserts(work, fs)
		}
		s.claimEdges(work, site, fs)
		a, b, any := 0, len(work)-1, false
		if searchBody {
			a, b, any = s.mainBlock(work)
		}
		if !any {
			// No prose at all: nothing to locate a body by, so only rules
			// remove lines.
			a, b = 0, len(work)-1
		}
		decide(work, a, b, !any, fs)
		if any {
			s.keepAfterInserts(work, b, fs)
		}
		removed := false
		for i := range work {
			if l := &work[i]; l.class != blank && !l.keep {
				removed = true
				ls[l.at].rule, ls[l.at].keep = l.rule, false
			}
		}
		if !removed || round == maxRounds-1 {
			break
		}
		// The kept lines go on to the next round; the last round, which
		// removes nothing (most documents' second), copies none.
		next := (*wp)[:0]
		for i := range work {
			if l := &work[i]; l.class != blank && l.keep {
				next = append(next, *l)
				next[len(next)-1].keep = false
			}
		}
		*wp = next
		work = next
	}
	out, removed := s.render(text, ls)
	if len(removed) > 0 && depth < maxRestrips && judgedOtherwise(phys, ls, measured, capitals) {
		again, more := s.strip(out, site, searchBody, nil, depth+1)
		return again, mergeRemovals(ls, removed, more)
	}
	return out, removed
}

// breaksToLF returns text with its line breaks written as '\n', and true,
// when it breaks lines otherwise: with carriage returns alone (old Mac
// files) or with Unicode's line and paragraph separators (text from
// JavaScript sources; separators says whether it has any, from
// oddChars), a paragraph separator standing for a blank line. Read at
// '\n' only, such a document was one line, and no boilerplate line of it
// was ever removed (bench-neardup -shapes; TestOtherLineBreaks). The kept
// lines come out with '\n'. A carriage return ending the text breaks no
// line: it is what is left of the last line's CRLF in the output of a
// CRLF document, which must strip to itself.
func breaksToLF(text string, separators bool) (string, bool) {
	lone := loneCR(text)
	if !lone && !separators {
		return text, false
	}
	if lone {
		b := []byte(text)
		for i := range len(b) - 1 {
			if b[i] == '\r' && b[i+1] != '\n' {
				b[i] = '\n'
			}
		}
		text = string(b)
	}
	if separators {
		text = unicodeBreaks.Replace(text)
	}
	return text, true
}

// loneCR reports whether text has a carriage return that neither ends it
// nor is followed by '\n'.
func loneCR(text string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(text[i:], '\r')
		if j < 0 || i+j+1 >= len(text) {
			return false
		}
		if i += j; text[i+1] != '\n' {
			return true
		}
	}
}

// UnifyBreaks returns text with its line breaks as Strip reads them, all
// written '\n': '\n' itself, carriage returns alone (not ending the
// text), and Unicode's line and paragraph separators (the latter a blank
// line). Strip's kept and removed lines are lines of it.
func UnifyBreaks(text string) string {
	t, _, _ := readable(text, nil)
	return t
}

// readable returns text with its line breaks as Strip reads them, and
// ends (nil when breaksToLF moved them), and whether its lines need more
// than trimming to be judged (hasMarkup): what every reader of a text's
// lines (strip, the repetition table's LineKeysAt) asks first.
func readable(text string, ends []int) (string, []int, bool) {
	invisible, separators := oddChars(text)
	if t, ok := breaksToLF(text, separators); ok {
		text, ends = t, nil
	}
	return text, ends, hasMarkup(text, invisible)
}

var unicodeBreaks = strings.NewReplacer("\u2028", "\n", "\u2029", "\n\n")

// splitLines cuts text at '\n'; a trailing '\r' stays in raw but is
// ignored when judging (reflow sets the judged text).
func splitLines(ls []line, text string, ends []int) []line {
	for at, k := 0, 0; at < len(text); k++ {
		end := lineEnd(text, at, ends, k)
		ls = append(ls, line{raw: text[at:end], rule: -1, at: int32(len(ls)), foldLen: -1})
		at = end + 1
	}
	return ls
}

// lineEnd returns where text's k-th line, which starts at at, ends: at
// ends[k] when ends is not nil (the offsets of text's line breaks), else
// at the next '\n', or at the end of text.
func lineEnd(text string, at int, ends []int, k int) int {
	switch {
	case ends == nil:
		return nextBreak(text, at)
	case k < len(ends):
		return ends[k]
	}
	return len(text)
}

// nextBreak returns where the next '\n' from at is in text, or its end.
func nextBreak(text string, at int) int {
	if i := strings.IndexByte(text[at:], '\n'); i >= 0 {
		return at + i
	}
	return len(text)
}

// proseMinRunes is the length from which a line that ends like a sentence
// is prose whatever its words.
const proseMinRunes = 80

// isProse is the shape test, calibrated on the extraction benchmark's
// baseline text (lines found verbatim in the truth vs. not): it accepts
// 92% of article characters and 29% of the rest, which the position logic
// then trims. Function-word density separates sentences from labels;
// sentence punctuation rescues prose the stop lists don't cover, and
// CJK text is judged by its full stops. Thai, Lao, Burmese and Khmer
// have neither stop words the lists know nor spaced words, and Thai ends
// a sentence with a space: a line of 60 of their letters (about 15
// words) is prose. Without that, no Thai paragraph without an ASCII full
// stop read as prose, and clean kept 0.86 of the text of Thai news
// (bench-neardup -hard -letters thai, a Chinese one 0.997).
func isProse(f features) bool {
	switch {
	case f.wideRunes >= 20 && f.sentEnds >= 1:
		return true
	case f.spaceless >= 60:
		return true
	case f.endPunct && f.runes >= proseMinRunes:
		return true
	case f.words >= 6 && f.stops*5 >= f.words && (f.endPunct || f.runes >= 150):
		return true
	}
	return false
}

// paragraphOfSentences reports whether a line opening like a title-case
// headline is a paragraph all the same: paragraphMinRunes long or more
// with paragraphMinEnds sentence ends inside it, counted over the whole
// line (measure counts them in its first scanCap bytes). A teaser line is a
// headline and a summary of a sentence or two; a paragraph opening with
// a run of names or a heading run into it goes on for sentences. A
// blog post's own paragraph so opened went as "non-body" and left the
// post a bare quote of a story, merged with it (bench-neardup -hard on
// other sites' texts through clean); the extraction benchmarks and
// genstrip's dev, held-out and novel corpora strip the same with it.
func paragraphOfSentences(t string, runes int) bool {
	if runes < paragraphMinRunes {
		return false
	}
	ends := 0
	for _, end := range [...]string{". ", "? ", "! "} {
		ends += strings.Count(t, end)
	}
	return ends >= paragraphMinEnds
}

// paragraphMinRunes and paragraphMinEnds: see paragraphOfSentences.
const (
	paragraphMinRunes = 300
	paragraphMinEnds  = 2
)

// inCapitals reports whether most of the lines' text with ASCII letters
// (of the kept lines, with keptOnly), by bytes, lies in lines with no
// lower-case ASCII letter.
func inCapitals(ls []line, keptOnly bool) bool {
	upper, all := 0, 0
	for _, l := range ls {
		if !hasASCIILetter(l.text) || keptOnly && !l.keep {
			continue
		}
		all += len(l.text)
		if !hasASCIILower(l.text) {
			upper += len(l.text)
		}
	}
	return 2*upper > all
}

func hasASCIILower(t string) bool {
	for i := 0; i < len(t); i++ {
		if 'a' <= t[i] && t[i] <= 'z' {
			return true
		}
	}
	return false
}

func hasASCIILetter(t string) bool {
	for i := 0; i < len(t); i++ {
		if isASCIILetter(t[i]) {
			return true
		}
	}
	return false
}

// classify measures every line and applies the anywhere rules and the
// repeat table to the non-prose ones. It returns whether the document was
// found written in capitals (inCapitals: 1, else 0), or -1 when no line
// asked.
func (s *Stripper) classify(ls []line, site string, fs *folds) (capitals int) {
	capitals = -1 // whether the document is written in capitals: unknown yet
	for i := range ls {
		l := &ls[i]
		if l.text == "" {
			l.class = blank
			continue
		}
		f := measure(l.text)
		l.runes, l.words = f.runes, f.words
		l.class = weak
		switch {
		case isProse(f):
			if !headlineLike(l.text) || paragraphOfSentences(l.text, f.runes) {
				l.class = prose
				break
			}
			// A paragraph in capitals opens with capitalised words as a
			// title-case headline does; in a document written in
			// capitals (old wire copy, teletype feeds) that says nothing.
			// Taken for headlines, paragraphs of BBC articles in capitals
			// went as "non-body": 8% of their words (bench-neardup
			// -shapes through clean), now 0.2%; TestDocumentInCapitals.
			if capitals < 0 {
				capitals = 0
				if inCapitals(ls, false) {
					capitals = 1
				}
			}
			if capitals == 1 && !hasASCIILower(l.text) {
				l.class = prose
			}
		case sentenceShaped(f):
			l.loose = true
		}
	}
	promoteLoose(ls)
	rep := s.repeats.forSite(site)
	prev := -1
	for i := range ls {
		l := &ls[i]
		// A prose line opening with a list mark ("• Sign up for our
		// newsletter.") is an insert as often as a point of the article:
		// the rules decide, as they do at the edges (notice.go). The
		// mark is looked for in the raw line: the judged text has it
		// trimmed. Prose lines without a mark are not looked up: short
		// ones between paragraphs, claimed on a shape match or when
		// they read as a prompt, raised boilerplate removed on genstrip's
		// held-out and novel splits by only 0.002-0.004 for 12% more
		// instructions in a whole run (callgrind, 20 MB gencorpus file:
		// 2,371M against 2,118M outside the Go runtime).
		if l.class == weak || l.class == prose && markLen(trimLine(l.raw), true) > 0 {
			s.claimAnywhere(fs, rep, ls, i, prev)
		}
		if l.class != blank {
			prev = -1
			if l.class == claimed {
				prev = l.rule
			}
		}
	}
	return capitals
}

// claimAnywhere applies the anywhere rules and the repeat table to line l
// (weak, or prose opening with a list mark), whose previous non-blank
// line was claimed by rule prev (or -1).
func (s *Stripper) claimAnywhere(fs *folds, rep siteView, ls []line, i, prev int) {
	l := &ls[i]
	if r, _ := s.match(fs, l, l.text, Anywhere, query{byteLen: len(l.text), prev: prev}); r >= 0 {
		l.class, l.rule, l.prompt = claimed, r, l.class == prose || markLen(trimLine(l.raw), true) > 0
	} else if weakRepeats(rep, ls, i) {
		l.class, l.rule = claimed, ruleRepeat
	}
}

// headlineWords is the fewest words of a headline that site repetition
// spares: a site's banners over some of its articles ("Reposted from the
// wire", "Sponsored content from our partners") are shorter.
const headlineWords = 6

// weakRepeats reports whether non-prose line i repeats enough to be its
// site's boilerplate. A headline right above the body is also the site's
// teaser on other pages ("> Read more: ..."), the more so the larger the
// corpus: it goes only when it is on most of the site's pages, as a
// template's line is. (Counted as any other line, the headlines of a
// generated corpus went as its size grew: 40 sites, 270 pages each, kept
// 0.92 of them.) Lines on most pages are among those on some, so the
// headline test runs only for lines the table holds.
func weakRepeats(rep siteView, ls []line, i int) bool {
	return rep.hasLine(&ls[i], repeatAny) && (!headlineAt(ls, i) || rep.hasLine(&ls[i], repeatMost))
}

// promoteLoose makes the loose lines of ls prose when the document's
// language is one the stop lists miss (see knownLanguage), weak
// otherwise, and reports whether any loose line went from prose to weak.
// Later rounds of the body search run it again on the lines they keep,
// as stripping the output would: the vote depends on every line.
func promoteLoose(ls []line) (demoted bool) {
	loose := 0
	for i := range ls {
		if ls[i].loose && ls[i].class != claimed {
			loose++
		}
	}
	relax := loose >= looseMin && !knownLanguage(ls)
	for i := range ls {
		l := &ls[i]
		if !l.loose || l.class == claimed {
			continue
		}
		switch {
		case relax && l.class == weak && !headlineLike(l.text):
			l.class = prose
		case !relax && l.class == prose:
			l.class, demoted = weak, true
		}
	}
	return demoted
}

// Prose in a language the stop lists do not cover (Hungarian, Finnish,
// Swahili...) has sentences of fewer than one function word in five:
// shorter than proseMinRunes, such a sentence was weak. When a document
// has looseMin such lines (sentence-shaped, see sentenceShaped) and its
// sentences as a whole are under that ratio (knownLanguage), the stop
// lists cannot judge it, and sentence-shaped lines count as prose.
const looseMin = 2

// sentenceShaped reports whether a line has the shape isProse asks of
// prose, function words aside: six words or more that end like a
// sentence. (isProse also takes long lines without an end, given their
// function words; without those, such a line is a tag list or a menu
// flattened as often as prose.)
func sentenceShaped(f features) bool {
	return f.words >= 6 && f.endPunct
}

// knownLanguage reports whether most of the document's sentence-shaped
// lines have the function-word share isProse asks of prose: the stop
// lists cover its language. Lines vote, rather than their words pooled,
// so that a page's furniture in English (a cookie notice, an "about us"
// paragraph) does not outvote an article in another language. Long
// lines are scanned again for their words, which measure skips; this
// runs only for documents with looseMin lines that isProse rejected for
// their words alone.
func knownLanguage(ls []line) bool {
	known, unknown := 0, 0
	for i := range ls {
		l := &ls[i]
		if l.class == blank {
			continue
		}
		if l.vote == 0 {
			// Each line's vote is counted once; rounds copy it.
			l.vote = voteNone
			if f := scan(l.text, false); sentenceShaped(f) {
				l.vote = voteUnknown
				if f.stops*5 >= f.words {
					l.vote = voteKnown
				}
			}
		}
		switch l.vote {
		case voteKnown:
			known++
		case voteUnknown:
			unknown++
		}
	}
	return known >= unknown
}

// A line's vote in knownLanguage (0: not counted yet).
const (
	voteNone    = 1 + iota // not sentence-shaped
	voteKnown              // enough function words
	voteUnknown            // sentence-shaped without them
)

// hasLine reports whether the repeat table holds line l for kind of
// lookup (siteView.kinds). The answer for every kind is kept in the line
// (repeats): edge scans ask again in every round, and for other kinds.
func (v siteView) hasLine(l *line, kind int) bool {
	if v.t == nil {
		return false
	}
	if l.repeats == 0 {
		l.repeats = v.lineKinds(l) | repeatsKnown
	}
	return l.repeats&(1<<kind) != 0
}

// repeatsKnown marks line.repeats as looked up.
const repeatsKnown = 1 << 7

// lineKinds returns the kinds of lookup for which the repeat table holds
// line l: every physical line of it, as LineKeys counted them (trimmed,
// then judged).
func (v siteView) lineKinds(l *line) uint8 {
	raw := l.raw
	if strings.IndexByte(raw, '\n') < 0 {
		return v.kinds(l.text) // one physical line: already judged
	}
	// A wrapped line: as the pages that carry it unwrapped have it, or
	// line by line as those wrapped at the same width do.
	var unwrapped uint8
	if len(l.text) <= repeatMaxLine {
		unwrapped = v.t.kinds[unwrappedKey(v.mix, l.text)]
	}
	every := uint8(1<<repeatKinds - 1) // the kinds every line so far has
	for every != 0 {
		i := strings.IndexByte(raw, '\n')
		if i < 0 {
			every &= v.kinds(judged(raw, true))
			break
		}
		every &= v.kinds(judged(raw[:i], true))
		raw = raw[i+1:]
	}
	return unwrapped | every
}

// match returns the first rule of scope that claims line l (trimmed: t),
// or -1: a rule whose pattern matched only a word of a narrative
// sentence does not claim it (notice.go); none reports that no rule of the scope could, whatever the
// previous line.
func (s *Stripper) match(fs *folds, l *line, t string, scope Scope, q query) (rule int, none bool) {
	x := s.index[scope]
	if len(t) > x.maxLen {
		return -1, true // no rule of the scope removes lines this long: skip folding
	}
	var shape, word int
	if scope == Edge && l.edgeKnown {
		shape, word = int(l.edge[0])-1, int(l.edge[1])-1
	} else {
		var m memoMatch
		e := fs.memoOf(l)
		if e != nil {
			m = e.scope[scope]
		}
		if !m.known {
			found := x.lookup(s.rules, fs.of(l, t), q)
			m = memoMatch{known: !found.prev, none: found.none, notices: found.notices, shape: int16(found.shape), word: int16(found.word)}
			if e != nil && m.known { // the answer does not depend on the previous line
				e.scope[scope] = m
			}
		}
		shape, word, none = int(m.shape), int(m.word), m.none
		if scope == Edge {
			l.notices = m.notices
			if m.known {
				l.edge, l.edgeKnown = [2]int16{m.shape + 1, m.word + 1}, true
			}
		}
	}
	if word >= 0 { // see notice.go
		switch l.readAs(fs) {
		case readsAsNotice, readsAsPrompt:
			return word, none
		case readsAsSentence:
			if q.anyPrev || q.prev >= 0 && (q.prev == word || q.prev == s.rules[word].after) {
				return word, none
			}
		}
	}
	return shape, none
}

// claimEdges applies the edge rules (and the repeat table, for prose) to
// the header and footer blocks: from each end of the document inwards,
// through blank, weak and claimed lines, up to the first prose line that no
// edge rule or repeat entry claims. A footer therefore goes as a block,
// while the same words inside the body, past that first prose line, are
// never looked at. Up to maxNoticeSkips prose lines that no rule claims
// but that read as notices (readAs: addressed to the reader, a bulleted
// line, no sentence) do not end a block: one notice no rule knows no
// longer shields the copyright and cookie lines above it.
func (s *Stripper) claimEdges(ls []line, site string, fs *folds) {
	rep := s.repeats.forSite(site)
	claims := func(i int, anyPrev bool, prev int) int {
		l := &ls[i]
		t := l.text
		if !l.noEdge {
			r, none := s.match(fs, l, t, Edge, query{byteLen: len(t), prev: prev, anyPrev: anyPrev})
			if r >= 0 {
				return r
			}
			// No pattern matched: later scans and rounds skip the line.
			l.noEdge = none
		}
		switch {
		case l.class != prose:
			if weakRepeats(rep, ls, i) {
				return ruleRepeat
			}
		case len(t) > maxNoticeLen:
			if rep.hasLine(l, repeatProse) {
				return ruleRepeat
			}
		case rep.hasLine(l, repeatMost):
			// A short sentence on most of the site's pages is its
			// template's, unless it reports speech (a story the site ran
			// again and again).
			if l.readAs(fs) != readsAsReporting || rep.hasLine(l, repeatProse) {
				return ruleRepeat
			}
		}
		return -1
	}
	// ends reports whether unclaimed prose line i ends the block, given
	// how many notices the scan has passed and whether it has passed a
	// claimed line (a block of boilerplate, where notices no rule knows
	// are found; the others are not worth reading the line).
	ends := func(i int, skips *int, claimed bool) bool {
		l := &ls[i]
		t := l.text
		if *skips == maxNoticeSkips || !claimed || len(t) > maxNoticeLen {
			return true
		}
		if r := l.readAs(fs); r != readsAsNotice && r != readsAsPrompt {
			return true
		}
		*skips++
		return false
	}
	// Find the extent of the footer first, ignoring After conditions, then
	// apply the rules in document order so After chains resolve.
	end, skips, seen := len(ls), 0, false
	for end > 0 {
		l := &ls[end-1]
		if l.class == prose {
			if claims(end-1, true, -1) != -1 {
				seen = true
			} else if ends(end-1, &skips, seen) {
				break
			}
		}
		seen = seen || l.class == claimed
		end--
	}
	start := 0
	prev := -1
	skips, seen = 0, false
	first := true // a banner no rule knows may open the page
	// A byline follows the headline: under a weak line no rule claimed
	// ("Profile: David Miliband" is a headline of its own).
	headline := false
	for ; start < end; start++ {
		l := &ls[start]
		if l.class == blank {
			continue
		}
		if r := claims(start, false, prev); r != -1 {
			l.claim(r)
		} else if l.class == weak && headline && bylineAt(ls, start) {
			l.claim(ruleByline)
		} else if l.class == prose && ends(start, &skips, seen || first) {
			break
		}
		headline = headline || l.class == weak && !l.isLabel()
		seen, first = seen || l.class == claimed, false
		prev = -1
		if l.class == claimed {
			prev = l.rule
		}
	}
	prev = -1
	last := len(ls) - 1 // the last non-blank line
	for last > 0 && ls[last].class == blank {
		last--
	}
	for i := end; i < len(ls); i++ {
		l := &ls[i]
		if l.class == blank {
			continue
		}
		if r := claims(i, false, prev); r != -1 {
			l.claim(r)
		} else if l.class == prose && i < last && l.reads == readsAsPrompt+1 {
			// A prompt no rule knows, inside the footer: the site's.
			// (The document's last line may be the article's own.) The
			// extent scan above read every unclaimed prose line it passed.
			l.claim(ruleNotice)
		}
		prev = -1
		if l.class == claimed {
			prev = l.rule
		}
	}
}

// headlineAt reports whether line i reads as the document's headline: a
// weak line of headlineWords words or more, not a label, right above a
// prose line, or above a byline that is; lines removed already (a
// byline, an advert's marker) do not count between them.
func headlineAt(ls []line, i int) bool {
	l := &ls[i]
	if l.class != weak || l.words < headlineWords || l.isLabel() {
		return false
	}
	next := func(j int) int {
		for j++; j < len(ls) && (ls[j].class == blank || ls[j].class == claimed); j++ {
		}
		return j
	}
	j := next(i)
	if j < len(ls) && ls[j].class == weak && ls[j].bylineShape() != notByline {
		j = next(j)
	}
	return j < len(ls) && ls[j].class == prose
}

// maxNoticeSkips is how many unclaimed notices an edge scan passes, and
// maxNoticeLen the longest line in bytes it takes for one: a notice no
// rule knows is a sentence or two; longer lines are paragraphs of the
// article, and reading them for notices doubled the stripping time.
const (
	maxNoticeSkips = 3
	maxNoticeLen   = 200
)

// Weights of the main-block search: prose counts for its length, other
// lines against it, claimed lines twice, and every non-prose line a fixed
// toll on top so that long menus of one-word items weigh what they are.
const (
	weakToll    = 20
	weakCap     = 50
	claimedToll = 40
)

// A wall is a line claimed by a rule of Toll at least wallToll (comment
// headings). Prose after the first wall that follows wallMinProse
// characters of prose counts 1/wallDiscount: comments are what follows a
// comment heading, so a short post above a long thread is still the body.
const (
	wallToll     = 1000
	wallMinProse = 300
	wallDiscount = 4
)

// inlineMaxLines is the longest run of non-prose lines between two prose
// lines that weighs only its tolls: an image caption, an inline ad
// ("Advertisement", "Story continues below"), a subheading, a dateline
// inside the text. Counted at full weight, two such lines after a short
// first paragraph outweighed it, so the body search cut the text in two
// and dropped the smaller part (6 near-duplicate variants lost over a
// fifth of their text so).
const inlineMaxLines = 2

// inlineMaxRuled is the longest such run when a rule claimed every line
// of it: inserts a site puts between paragraphs (an ad label, a related
// link, a newsletter prompt) come in threes and fours, and the rules know
// them for what they are.
const inlineMaxRuled = 4

func (s *Stripper) weight(l *line) int {
	switch {
	case l.class == prose:
		return l.runes
	case l.class == weak, l.class == claimed && (l.rule == ruleEcho || l.rule == ruleNotice || l.rule == ruleInsert || l.prompt):
		// An echo weighs like a weak line: repeated text is no wall;
		// nor is a notice no rule knows, nor an insert or a prompt.
		if l.inline {
			return -weakToll
		}
		return -(min(l.runes, weakCap) + weakToll)
	case l.class == claimed:
		toll := claimedToll
		if l.rule >= 0 {
			toll = s.rules[l.rule].Toll
		}
		if l.inline {
			return -toll
		}
		return -(2*l.runes + toll)
	}
	return 0
}

// markInline sets the inline flag of every line: true for the non-blank
// lines of a run of at most inlineMaxLines non-prose lines with prose on
// both sides. Walls keep their toll, which the body never extends across.
func markInline(ls []line) {
	run, seen := 0, false // non-prose lines since the last prose line; any prose yet
	ruled := true         // every line of the run claimed by a rule
	for i := range ls {
		l := &ls[i]
		l.inline = false
		switch l.class {
		case blank:
			continue
		case prose:
			if seen && run > 0 && (run <= inlineMaxLines || ruled && run <= inlineMaxRuled) {
				for j := i - 1; run > 0; j-- {
					if ls[j].class != blank {
						ls[j].inline = true
						run--
					}
				}
			}
			run, seen, ruled = 0, true, true
			continue
		}
		run++
		ruled = ruled && l.class == claimed && (l.rule >= 0 || l.rule == ruleInsert)
	}
}

// isWall reports whether line i opens a comment section: a line claimed
// by a rule of Toll at least wallToll whose neighbours are not claimed by
// other rules ("Comments" inside a row of share links is a link, not a
// heading).
func (s *Stripper) isWall(ls []line, i int) bool {
	if !s.wallRule(&ls[i]) {
		return false
	}
	for _, step := range [2]int{-1, 1} {
		for j := i + step; j >= 0 && j < len(ls); j += step {
			if ls[j].class != blank {
				if ls[j].class == claimed && !s.wallRule(&ls[j]) {
					return false
				}
				break
			}
		}
	}
	return true
}

func (s *Stripper) wallRule(l *line) bool {
	return l.class == claimed && l.rule >= 0 && s.rules[l.rule].Toll >= wallToll
}

// mainBlock finds the article body: the run of lines with the greatest
// total weight (Kadane's maximum subarray), so prose separated from the
// body by more boilerplate than it weighs itself (comment threads, teaser
// lists, footers) falls outside. Prose weighs less the later it comes,
// down to half at the end of the document: when an article and a
// footer's legal or contact prose are of a size, the article comes first.
// ok is false when there is no prose.
func (s *Stripper) mainBlock(ls []line) (a, b int, ok bool) {
	best, cur, curStart := 0, 0, 0
	// Positions count non-blank lines only, so that the weights do not
	// change when the output, with its blank lines normalised, is
	// stripped again.
	n, pos := 0, 0
	for i := range ls {
		if ls[i].class != blank {
			n++
		}
	}
	markInline(ls)
	prose, pastWall := 0, false
	for i := range ls {
		l := &ls[i]
		w := s.weight(l)
		if l.class != blank {
			pos++
		}
		if w > 0 {
			w -= w * (pos - 1) / (2 * n)
			if pastWall {
				w /= wallDiscount
			}
			prose += l.runes
		}
		// wallRule first: inlined, it spares the call for almost every line.
		if !pastWall && prose >= wallMinProse && s.wallRule(l) && s.isWall(ls, i) {
			pastWall = true
		}
		if cur <= 0 {
			cur, curStart = 0, i
		}
		cur += w
		if cur > best {
			best, a, b, ok = cur, curStart, i, true
		}
	}
	return a, b, ok
}

// Edge allowances: a document may open with a few short lines (headline,
// author, caption) and end with a couple, when nothing else is there.
const (
	headerAllowance = 4
	footerAllowance = 2
	listMinWords    = 4
)

// decide marks the lines to keep: the prose and weak lines of the main
// block [a, b], except weak runs that only sit between claimed lines, plus
// a short unclaimed header (after the last claimed line before the body)
// or footer that directly borders the document's edge.
func decide(ls []line, a, b int, noBody bool, fs *folds) {
	for i := a; i <= b; i++ {
		switch ls[i].class {
		case prose:
			ls[i].keep = true
		case weak:
			ls[i].keep = noBody || !betweenClaimed(ls, i)
		}
	}
	if noBody {
		return
	}
	keepLastSentence(ls, b, fs)
	// The header's weak lines count from its last claimed line: a
	// headline and byline under "Advertisement" or a section path are
	// the article's as much as at the top of the page.
	from := a
	for from > 0 && ls[from-1].class != claimed && ls[from-1].class != prose {
		from--
	}
	// Above a byline is the headline, whatever the header keeps under it
	// (a deck, a first short paragraph of weak shape).
	if keepEdge(ls, from, a, headerAllowance, false) == 0 || from > 0 && ls[from-1].class == claimed && ls[from-1].rule == ruleByline {
		keepHeadline(ls, from)
	}
	keepEdge(ls, b+1, len(ls), footerAllowance, true)
}

// keepLastSentence keeps the line right after the body (ls[b]) when it
// is a sentence of the article that reads weak: short, in a language
// whose function words the lists lack ("Até ao fim do ano, Caixa Algarve
// conta contratar 37.448 pessoas em Tavira."), not a notice to the
// reader (readAs). The body search weighs it against the footer under
// it and left it out.
func keepLastSentence(ls []line, b int, fs *folds) {
	for i := b + 1; i < len(ls); i++ {
		l := &ls[i]
		if l.class == blank {
			continue
		}
		if l.class == weak && l.words >= 6 && endsSentence(l.text) {
			if r := l.readAs(fs); r == readsAsSentence || r == readsAsReporting {
				l.keep = true
			}
		}
		return
	}
}

// keepHeadline keeps the headline of a header that keepEdge could not
// keep whole (its last lines above line to are claimed, or it holds
// more weak lines than its allowance): the nearest weak line above that
// is no label (labelShaped) and has headlineMinWords words, or is the end
// of a headline wrapped in two (the line right above it broken at the
// margin: "Stadtrat von Kiel billigt neue Wohnungen trotz" / "Protesten"),
// passing blank lines, labels and up to headerPassClaimed claimed lines
// (a byline in a row of links, a date, an ad label under the headline).
func keepHeadline(ls []line, to int) {
	passed := 0
	for i := to - 1; i >= 0; i-- {
		l := &ls[i]
		switch {
		case l.class == blank:
		case l.class == claimed:
			if passed++; passed > headerPassClaimed {
				return
			}
		case l.class == weak && l.isLabel():
		case l.class == weak && l.words >= headlineMinWords:
			l.keep = true
			return
		case l.class == weak && i > 0 && ls[i-1].class == weak && ls[i-1].full && ls[i-1].words+l.words >= headlineMinWords && !ls[i-1].isLabel():
			l.keep, ls[i-1].keep = true, true
			return
		default:
			return
		}
	}
}

// headerPassClaimed is how many claimed lines keepHeadline passes, and
// headlineMinWords the fewest words of a headline: menus leave single
// words ("Search", "About Us") above a claimed line far more often than
// a headline.
const (
	headerPassClaimed = 2
	headlineMinWords  = 4
)

// betweenClaimed reports whether the weak run holding line i is bounded by
// claimed lines on both sides (a menu between two rule-matched lines).
func betweenClaimed(ls []line, i int) bool {
	side := func(j, step int) bool {
		for ; j >= 0 && j < len(ls); j += step {
			switch ls[j].class {
			case claimed:
				return true
			case prose:
				return false
			}
		}
		return false
	}
	return side(i, -1) && side(i, 1)
}

// keepEdge keeps the weak lines of ls[from:to] when nothing claimed or
// prose is among them and they are few, or, for a list that ends the
// document, read like the items of a list (listMinWords words a line on
// average): a headline and an author line before the body are article,
// and so is a list of results or award winners that ends it; a menu of
// one- and two-word links is not. (Before the body, pages put menus of
// longer items: the header keeps only its allowance, and neither
// section paths nor date lines: labelShaped.)
func keepEdge(ls []line, from, to, allowance int, list bool) (kept int) {
	n, words := 0, 0
	for i := from; i < to; i++ {
		switch ls[i].class {
		case weak:
			if !list && ls[i].isLabel() {
				continue
			}
			n++
			words += ls[i].words
		case prose, claimed:
			return 0
		}
	}
	if n > allowance && (!list || words < listMinWords*n) {
		return 0
	}
	for i := from; i < to; i++ {
		if ls[i].class == weak && (list || !ls[i].isLabel()) {
			ls[i].keep = true
		}
	}
	return n
}

// render joins the kept lines and lists the removed ones. Between two
// kept lines the original separator is copied when nothing between them
// was removed; otherwise a single blank line stands for any blank lines
// that were there. Leading and trailing blank lines are dropped.
func (s *Stripper) render(text string, ls []line) (string, []Removal) {
	kept, nonBlank, lines := 0, 0, 0 // lines: the removed physical lines
	for i := range ls {
		l := &ls[i]
		if l.class == blank {
			continue
		}
		nonBlank++
		if l.keep {
			kept++
			continue
		}
		lines += 1 + strings.Count(l.raw, "\n")
	}
	var removed []Removal
	if lines > 0 {
		// Sized once: grown by append, the list was 40% of the
		// stripper's allocations.
		removed = make([]Removal, 0, lines)
		for i := range ls {
			if l := &ls[i]; l.class != blank && !l.keep {
				removed = appendRemoval(removed, l.raw, s.ruleName(l))
			}
		}
	}
	if kept == nonBlank {
		return trimBlankLines(text), removed
	}
	// Kept lines with nothing removed between them are copied as one
	// run of text: the lines tile it, each followed by its '\n'. A
	// document that keeps one run (only its header and footer removed,
	// the common case) is returned as that part of text, uncopied.
	var sb strings.Builder
	run, runEnd := -1, 0 // the kept text not written yet: text[run:runEnd]
	gapRemoved, gapBlank := false, false
	off := 0 // where line i starts in text
	for i := range ls {
		l := &ls[i]
		start := off
		off += len(l.raw) + 1
		switch {
		case l.class == blank:
			gapBlank = true
			continue
		case !l.keep:
			gapRemoved = true
			continue
		}
		if run >= 0 && gapRemoved {
			if sb.Len() == 0 {
				sb.Grow(len(text))
			}
			sb.WriteString(text[run:runEnd])
			sb.WriteByte('\n')
			if gapBlank {
				sb.WriteByte('\n')
			}
			run = -1
		}
		if run < 0 {
			run = start
		}
		runEnd = start + len(l.raw)
		gapRemoved, gapBlank = false, false
	}
	switch {
	case run < 0:
		return "", removed
	case sb.Len() == 0:
		return text[run:runEnd], removed
	}
	sb.WriteString(text[run:runEnd])
	return sb.String(), removed
}

// appendRemoval appends the removal of raw by rule: a wrapped paragraph
// goes as its physical lines.
func appendRemoval(removed []Removal, raw, rule string) []Removal {
	for {
		i := strings.IndexByte(raw, '\n')
		if i < 0 {
			return append(removed, Removal{Text: raw, Rule: rule})
		}
		removed = append(removed, Removal{Text: raw[:i], Rule: rule})
		raw = raw[i+1:]
	}
}

func (s *Stripper) ruleName(l *line) string {
	switch {
	case l.rule == ruleRepeat:
		return RuleSiteRepeat
	case l.rule == ruleEcho:
		return RuleEcho
	case l.rule == ruleNotice:
		return RuleNotice
	case l.rule == ruleByline:
		return RuleByline
	case l.rule == ruleInsert:
		return RuleInsert
	case l.rule == ruleSiteName:
		return RuleSiteName
	case l.rule >= 0:
		return s.rules[l.rule].Name
	}
	return RuleNonBody
}

// trimLine trims ASCII space and no-break spaces from both ends.
func trimLine(s string) string {
	if s == "" || !spaceEdge[s[0]] && !spaceEdge[s[len(s)-1]] {
		// Most lines: no space (isSpace) can begin with the first byte
		// or end with the last. This runs on every line, a few times.
		return s
	}
	return strings.TrimFunc(s, isSpace)
}

// spaceEdge marks the bytes that an isSpace character begins or ends
// with in UTF-8.
var spaceEdge = func() (t [256]bool) {
	for _, r := range []rune{' ', '\t', '\r', '\u00a0', '\u200b', '\u3000'} {
		b := []byte(string(r))
		t[b[0]], t[b[len(b)-1]] = true, true
	}
	return t
}()

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\u00a0' || r == '\u200b' || r == '\u3000'
}

// trimBlankLines drops leading and trailing blank lines, keeping the
// indentation of the first kept line.
func trimBlankLines(text string) string {
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 || trimLine(text[:i]) != "" {
			break
		}
		text = text[i+1:]
	}
	for {
		i := strings.LastIndexByte(text, '\n')
		if i < 0 || trimLine(text[i+1:]) != "" {
			break
		}
		text = text[:i]
	}
	if trimLine(text) == "" {
		return ""
	}
	return text
}
