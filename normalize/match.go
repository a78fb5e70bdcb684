package normalize

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// ruleIndex finds the first rule of one scope that matches a folded line.
// Checking every pattern of every rule against every line made rule
// matching a third of the stripping time; the index instead looks at only
// the patterns that can match: equal patterns through a map, prefix and
// suffix patterns by the line's first two bytes and its last byte,
// contains patterns of 5 bytes or more by a 4-gram filter (gramIndex),
// shorter ones by their rarest byte, and regexps only when the filter
// saw one of their required literals (or, for literals under 5 bytes, a
// search found one) and their possible first bytes are present. User
// rules get the same treatment.
type ruleIndex struct {
	maxLen   int // the longest line any rule of the scope may remove
	equal    map[string][]int32
	maxEqual int
	// prefix patterns by the hash of their first two bytes (pairBucket):
	// those of bucket h are prefix[prefixStart[h]:prefixStart[h+1]]. By
	// first byte alone, a line opening with "c" was compared with
	// thirty patterns.
	prefixStart [pairBuckets + 1]uint32
	prefix      []pattern
	prefix1     []pattern      // prefix patterns of one byte
	suffix      [256][]pattern // by last byte
	contains    *gramIndex     // contains patterns of 5 bytes or more
	few         []pattern      // contains patterns of 3-4 bytes
	short       []pattern      // contains patterns of 1-2 bytes
	// rare maps a byte to the bits (pattern.mask) of the short patterns
	// (few, short and the regexps' short literals) searched by it: one
	// pass over a line tells which of them can be there at all. Searched
	// for one by one, the dozen or so of a scope cost as much as the
	// 4-gram scan.
	rare    [256]uint64
	rares   int // bits given out
	regexps []regexpPattern
}

type pattern struct {
	text string
	rule int32
	re   int32 // >= 0: a literal of regexps[re], which it triggers (not a rule's pattern)
	// off is where in text the part it is found by starts: its 4-gram in
	// gramIndex, its rarest byte for a shorter pattern (rareByte).
	off int32
	// mask is a shorter pattern's bit in ruleIndex.rare.
	mask uint64
}

type regexpPattern struct {
	*regexp.Regexp
	// indexed: the literals every match contains (one of them) are in
	// the 4-gram index, which triggers the regexp; otherwise short holds
	// them (nil: none known, run on every line).
	indexed bool
	short   []pattern
	// shortMask is the union of the short literals' masks: a line that
	// has none of their rarest bytes (ruleIndex.rare) holds none of them,
	// which one test tells without reading the literals.
	shortMask uint64
	first     *[256]bool // bytes a match can start the line with; nil: any
	pairs     *pairSet   // the first two bytes a match can start with; nil: any
	rule      int32
}

// maxIndexedRegexps is how many regexps of a scope the 4-gram index can
// trigger (one bit each); any more are searched for their literals.
const maxIndexedRegexps = 64

// pairBuckets is the number of buckets of prefix patterns.
const (
	pairBits    = 10
	pairBuckets = 1 << pairBits
)

// pairBucket hashes the first two bytes of a prefix pattern or a line.
func pairBucket(a, b byte) uint32 {
	return (uint32(a)<<8 | uint32(b)) * 0x9E3779B1 >> (32 - pairBits)
}

// newRuleIndex indexes the patterns of the rules of one scope. Patterns
// are already folded (compileRules). With notices, it also finds readAs's
// notice patterns (noticeRules), as pattern rules noticeRule(k): a line
// the edge scans match is read next (readAs, 87% of the lines read on
// generated news), and one pass over it then serves both.
func newRuleIndex(rules []compiledRule, scope Scope, notices bool) *ruleIndex {
	x := &ruleIndex{equal: make(map[string][]int32)}
	var contains []pattern
	add := func(p pattern) {
		// Patterns under 5 bytes (symbols: "©", "|", "™"; "fax:") are
		// searched for on their own.
		switch len(p.text) {
		case 1, 2:
			x.short = append(x.short, x.searched(p))
		case 3, 4:
			x.few = append(x.few, x.searched(p))
		default:
			contains = append(contains, p)
		}
	}
	for i := range rules {
		r := &rules[i]
		if r.Scope != scope {
			continue
		}
		x.maxLen = max(x.maxLen, r.MaxLen)
		ri := int32(i)
		for _, p := range r.Equal {
			x.equal[p] = append(x.equal[p], ri)
			x.maxEqual = max(x.maxEqual, len(p))
		}
		for _, p := range r.Prefix {
			if len(p) == 1 {
				x.prefix1 = append(x.prefix1, pattern{text: p, rule: ri, re: -1})
			} else {
				x.prefix = append(x.prefix, pattern{text: p, rule: ri, re: -1})
			}
		}
		for _, p := range r.Suffix {
			x.suffix[p[len(p)-1]] = append(x.suffix[p[len(p)-1]], pattern{text: p, rule: ri, re: -1})
		}
		for _, p := range r.Contains {
			add(pattern{text: p, rule: ri, re: -1})
		}
		for _, re := range r.re {
			rp := regexpPattern{Regexp: re.Regexp, first: re.first, pairs: re.pairs, rule: ri}
			rp.indexed = len(x.regexps) < maxIndexedRegexps && len(re.literals) > 0
			for _, l := range re.literals {
				rp.indexed = rp.indexed && len(l) >= 5
			}
			for _, l := range re.literals {
				if rp.indexed {
					add(pattern{text: l, rule: ri, re: int32(len(x.regexps))})
				} else {
					p := x.searched(pattern{text: l, rule: ri, re: int32(len(x.regexps))})
					rp.short = append(rp.short, p)
					rp.shortMask |= p.mask
				}
			}
			x.regexps = append(x.regexps, rp)
		}
	}
	if notices {
		for k := range noticeRules {
			for _, p := range noticeRules[k].Contains {
				add(pattern{text: p, rule: noticeRule(k), re: -1})
			}
		}
	}
	x.contains = newGramIndex(contains)
	x.prefix = groupByBucket(x.prefix, x.prefixStart[:], func(p pattern) uint32 { return pairBucket(p.text[0], p.text[1]) })
	return x
}

// searched prepares a short pattern to be searched by its rarest byte.
// Bits past the 64th are shared: a set bit then says that one of its
// patterns may be there.
func (x *ruleIndex) searched(p pattern) pattern {
	p.off = rareByte(p.text)
	p.mask = 1 << min(x.rares, 63)
	x.rares++
	x.rare[p.text[p.off]] |= p.mask
	return p
}

// present returns the bits of the short patterns whose rarest byte is in f.
func (x *ruleIndex) present(f []byte) uint64 {
	var m, n uint64
	for ; len(f) >= 4; f = f[4:] { // unrolled: two chains of loads
		m |= x.rare[f[0]] | x.rare[f[1]]
		n |= x.rare[f[2]] | x.rare[f[3]]
	}
	for _, c := range f {
		m |= x.rare[c]
	}
	return m | n
}

// query is what a line must satisfy besides a pattern: the rule's MaxLen
// and After conditions.
type query struct {
	byteLen int  // the line's length before folding
	prev    int  // rule that removed the previous non-blank line, or -1
	anyPrev bool // ignore After (scans that run before prev is known)
}

// matches is what ruleIndex.lookup finds in a line.
type matches struct {
	// shape and word are the first rule (lowest index) that matches
	// under the query, or -1: shape by a shape match (a whole line or
	// clause, clauseMatch), word by any other match (a word or phrase
	// inside a sentence, a regexp), which the caller weighs against the
	// line's being narrative.
	shape, word int
	// none is true when no pattern of the scope matches at all, whatever
	// the conditions; prev is true when a rule with an After condition
	// matched, so the answer may change with the previous line.
	none, prev bool
	// notices are the notice patterns found (noticeHits), when the index
	// has them (newRuleIndex).
	notices uint8
}

// lookup returns the matches of folded line f under q.
func (x *ruleIndex) lookup(rules []compiledRule, f []byte, q query) matches {
	if len(f) == 0 {
		return matches{shape: -1, word: -1, none: true, notices: noticeKnown}
	}
	bestShape, bestWord := len(rules), len(rules)
	none, prev := true, false
	notices := uint8(noticeKnown)
	take := func(r int32, a, b int) {
		if r < 0 { // a notice pattern
			notices |= noticeBit(r)
			return
		}
		none = false
		prev = prev || rules[r].after >= 0
		if !rules[r].accepts(q) {
			return
		}
		switch {
		case int(r) < bestShape && a >= 0 && clauseMatch(f, a, b):
			bestShape = int(r)
		case int(r) < bestWord:
			bestWord = int(r)
		}
	}
	if len(x.equal) > 0 { // the edge and notice indexes have none
		if e := trimTrailingPunct(f); len(e) <= x.maxEqual {
			for _, r := range x.equal[string(e)] {
				take(r, 0, len(f))
			}
		}
	}
	if len(f) >= 2 && len(x.prefix) > 0 {
		h := pairBucket(f[0], f[1])
		for _, p := range x.prefix[x.prefixStart[h]:x.prefixStart[h+1]] {
			if len(f) >= len(p.text) && string(f[:len(p.text)]) == p.text {
				take(p.rule, 0, len(p.text))
			}
		}
	}
	for _, p := range x.prefix1 {
		if f[0] == p.text[0] {
			take(p.rule, 0, 1)
		}
	}
	for _, p := range x.suffix[f[len(f)-1]] {
		if len(f) >= len(p.text) && string(f[len(f)-len(p.text):]) == p.text {
			take(p.rule, len(f)-len(p.text), len(f))
		}
	}
	var fired uint64 // indexed regexps whose literal is present
	x.contains.find(f, func(p *pattern, a int) {
		if p.re >= 0 {
			fired |= 1 << p.re
		} else {
			take(p.rule, a, a+len(p.text))
		}
	})
	present := x.present(f)
	for k := range x.few {
		p := &x.few[k]
		if present&p.mask == 0 {
			continue
		}
		for a := p.index(f, 0); a >= 0; a = p.index(f, a+1) {
			take(p.rule, a, a+len(p.text))
			if p.rule < 0 {
				break // a notice pattern: one occurrence tells
			}
		}
	}
	for k := range x.short {
		p := &x.short[k]
		if present&p.mask == 0 {
			continue
		}
		if a := p.index(f, 0); a >= 0 {
			take(p.rule, a, a+len(p.text))
		}
	}
	for i := range x.regexps {
		re := &x.regexps[i]
		if re.indexed && fired&(1<<i) == 0 || q.byteLen > rules[re.rule].MaxLen || re.first != nil && !re.first[f[0]] || re.pairs != nil && !re.pairs.has(f) {
			continue
		}
		if re.hasShort(f, present) && re.Match(f) {
			take(re.rule, -1, -1)
		}
	}
	if bestShape == len(rules) {
		bestShape = -1
	}
	if bestWord == len(rules) || bestShape >= 0 && bestShape < bestWord {
		bestWord = -1
	}
	return matches{shape: bestShape, word: bestWord, none: none, prev: prev, notices: notices}
}

// hasShort reports whether f holds one of the regexp's unindexed
// literals, or there are none to look for; present is ruleIndex.present
// of f.
func (re *regexpPattern) hasShort(f []byte, present uint64) bool {
	if present&re.shortMask == 0 {
		return len(re.short) == 0
	}
	for k := range re.short {
		if p := &re.short[k]; present&p.mask != 0 && p.index(f, 0) >= 0 {
			return true
		}
	}
	return len(re.short) == 0
}

// index returns the first occurrence of short pattern p in f at or after
// from, or -1. It looks for the pattern's rarest byte (p.off) with a
// vectorised byte search: bytes.Index looked for the first byte, and
// " / " (a link row's literal) stopped it at every space of a line.
func (p *pattern) index(f []byte, from int) int {
	k := int(p.off)
	c := p.text[k]
	for at := from + k; at < len(f); {
		j := bytes.IndexByte(f[at:], c)
		if j < 0 {
			return -1
		}
		a := at + j - k
		if a+len(p.text) > len(f) {
			return -1
		}
		if string(f[a:a+len(p.text)]) == p.text {
			return a
		}
		at += j + 1
	}
	return -1
}

// rareByte returns the index of the byte of s least likely in text
// (byteCost), the first of equals.
func rareByte(s string) int32 {
	k := 0
	for i := 1; i < len(s); i++ {
		if byteCost(s[i]) < byteCost(s[k]) {
			k = i
		}
	}
	return int32(k)
}

// accepts checks a rule's conditions other than its patterns.
func (r *compiledRule) accepts(q query) bool {
	return q.byteLen <= r.MaxLen && (q.anyPrev || r.after < 0 || q.prev == r.after || q.prev == r.self)
}

// anchored parses expr, simplified, when it is a concatenation anchored
// at the start of the text; otherwise it returns nil.
func anchored(expr string) *syntax.Regexp {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginText {
		return nil
	}
	return re
}

// firstBytes returns the bytes a match of an anchored regexp can begin
// the line with, or nil when that is not known (unanchored, or anything).
// Anchored regexps ("^[0-9]+ comments") are then skipped on most lines
// without running the engine.
func firstBytes(expr string) *[256]bool {
	re := anchored(expr)
	if re == nil {
		return nil
	}
	var set [256]bool
	if !addFirst(&set, re.Sub[1]) {
		return nil
	}
	return &set
}

// addFirst adds to set the first bytes of the strings re matches; false
// when re may match the empty string or is not understood.
func addFirst(set *[256]bool, re *syntax.Regexp) bool {
	add := func(lo, hi rune) {
		for c := lo; c <= hi && c < utf8.RuneSelf; c++ {
			set[c] = true
		}
		if hi >= utf8.RuneSelf {
			for c := 0xC0; c < 256; c++ { // any multi-byte lead byte
				set[c] = true
			}
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return false
		}
		c := re.Rune[0]
		add(c, c)
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
				add(f, f)
			}
		}
		return true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			add(re.Rune[i], re.Rune[i+1])
		}
		return len(re.Rune) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return addFirst(set, re.Sub[0])
	case syntax.OpRepeat:
		return re.Min > 0 && addFirst(set, re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && addFirst(set, re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !addFirst(set, sub) {
				return false
			}
		}
		return true
	}
	return false
}

// pairSet is a set of two-byte line openings, one bit each.
type pairSet [1 << 16 / 64]uint64

// has reports whether f opens with a pair of the set.
func (p *pairSet) has(f []byte) bool {
	if len(f) < 2 {
		return false
	}
	k := uint(f[0])<<8 | uint(f[1])
	return p[k/64]&(1<<(k%64)) != 0
}

// firstPairs returns the two-byte openings of every match of an anchored
// regexp, or nil when they are not known. The first byte alone lets the
// share-bar regexp (a dozen network names) run on every line that starts
// like a common word, which was 7% of the stripping time on generated
// news; two bytes rule almost all of those out.
func firstPairs(expr string) *pairSet {
	re := anchored(expr)
	if re == nil {
		return nil
	}
	ps, ok := openings(re, 2)
	if !ok {
		return nil
	}
	var set pairSet
	for p := range ps {
		if len(p) < 2 {
			return nil // a match may be shorter than a pair
		}
		k := uint(p[0])<<8 | uint(p[1])
		set[k/64] |= 1 << (k % 64)
	}
	return &set
}

// maxOpenings bounds the sets openings builds.
const maxOpenings = 1 << 12

// openings returns the first n bytes of every string re matches; a
// string shorter than n is a whole match. ok is false when re uses what
// is not understood (any character, wide classes, case folding) or the
// set grows past maxOpenings.
func openings(re *syntax.Regexp, n int) (set map[string]bool, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginText, syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return map[string]bool{"": true}, true
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		s := string(re.Rune)
		return map[string]bool{s[:min(len(s), n)]: true}, true
	case syntax.OpCharClass:
		set = map[string]bool{}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= 256 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				s := string(r)
				set[s[:min(len(s), n)]] = true
			}
		}
		return set, len(set) <= maxOpenings
	case syntax.OpCapture:
		return openings(re.Sub[0], n)
	case syntax.OpAlternate:
		set = map[string]bool{}
		for _, sub := range re.Sub {
			ss, ok := openings(sub, n)
			if !ok {
				return nil, false
			}
			for p := range ss {
				set[p] = true
			}
		}
		return set, len(set) <= maxOpenings
	case syntax.OpConcat:
		return concatOpenings(re.Sub, n)
	case syntax.OpQuest:
		return repeatOpenings(re.Sub[0], 0, 1, n)
	case syntax.OpStar:
		return repeatOpenings(re.Sub[0], 0, -1, n)
	case syntax.OpPlus:
		return repeatOpenings(re.Sub[0], 1, -1, n)
	case syntax.OpRepeat:
		return repeatOpenings(re.Sub[0], re.Min, re.Max, n)
	}
	return nil, false
}

// concatOpenings extends each opening of subs[0] shorter than n by the
// openings of the rest, looking only as far as some opening is short.
func concatOpenings(subs []*syntax.Regexp, n int) (map[string]bool, bool) {
	set := map[string]bool{"": true}
	for _, sub := range subs {
		short := false
		for p := range set {
			short = short || len(p) < n
		}
		if !short {
			break
		}
		ss, ok := openings(sub, n)
		if !ok {
			return nil, false
		}
		next := map[string]bool{}
		for p := range set {
			if len(p) >= n {
				next[p] = true
				continue
			}
			for q := range ss {
				pq := p + q
				next[pq[:min(len(pq), n)]] = true
			}
		}
		if len(next) > maxOpenings {
			return nil, false
		}
		set = next
	}
	return set, true
}

// repeatOpenings returns the openings of lo to hi (-1: any number)
// repetitions of sub. Counts past lo+n add none: each repetition beyond
// n either matches nothing, and the shorter count has the same strings,
// or the first n repetitions already give n bytes.
func repeatOpenings(sub *syntax.Regexp, lo, hi, n int) (map[string]bool, bool) {
	if hi < 0 || hi > lo+n {
		hi = lo + n
	}
	set := map[string]bool{}
	subs := make([]*syntax.Regexp, 0, hi)
	for k := 0; k <= hi; k++ {
		if k >= lo {
			ss, ok := concatOpenings(subs, n)
			if !ok {
				return nil, false
			}
			for p := range ss {
				set[p] = true
			}
		}
		subs = append(subs, sub)
	}
	return set, len(set) <= maxOpenings
}
