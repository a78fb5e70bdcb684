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
// suffix patterns by the line's first and last byte, contains patterns by
// the trigrams of the line (a 4096-bit set answers for most positions),
// and regexps only when their required literal and possible first bytes
// are present. User rules get the same treatment.
type ruleIndex struct {
	maxLen   int // the longest line any rule of the scope may remove
	equal    map[string][]int32
	maxEqual int
	prefix   [256][]pattern // by first byte
	suffix   [256][]pattern // by last byte
	trigrams [trigramBuckets / 64]uint64
	contains [trigramBuckets][]pattern // by the hash of the first trigram
	short    []pattern                 // contains patterns of 1-2 bytes
	regexps  []regexpPattern
}

type pattern struct {
	text string
	rule int32
}

type regexpPattern struct {
	*regexp.Regexp
	literal string     // a literal every match contains ("" none)
	first   *[256]bool // bytes a match can start the line with; nil: any
	rule    int32
}

const trigramBits = 12
const trigramBuckets = 1 << trigramBits

func trigram(a, b, c byte) uint32 {
	return (uint32(a)<<16 | uint32(b)<<8 | uint32(c)) * 0x9E3779B1 >> (32 - trigramBits)
}

// newRuleIndex indexes the patterns of the rules of one scope. Patterns
// are already folded (compileRules).
func newRuleIndex(rules []compiledRule, scope Scope) *ruleIndex {
	x := &ruleIndex{equal: make(map[string][]int32)}
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
			x.prefix[p[0]] = append(x.prefix[p[0]], pattern{p, ri})
		}
		for _, p := range r.Suffix {
			x.suffix[p[len(p)-1]] = append(x.suffix[p[len(p)-1]], pattern{p, ri})
		}
		for _, p := range r.Contains {
			if len(p) < 3 {
				x.short = append(x.short, pattern{p, ri})
				continue
			}
			h := trigram(p[0], p[1], p[2])
			x.trigrams[h/64] |= 1 << (h % 64)
			x.contains[h] = append(x.contains[h], pattern{p, ri})
		}
		for _, re := range r.re {
			x.regexps = append(x.regexps, regexpPattern{re.Regexp, re.literal, re.first, ri})
		}
	}
	return x
}

// query is what a line must satisfy besides a pattern: the rule's MaxLen
// and After conditions.
type query struct {
	byteLen int  // the line's length before folding
	prev    int  // rule that removed the previous non-blank line, or -1
	anyPrev bool // ignore After (scans that run before prev is known)
}

// lookup returns the first rule (lowest index) that matches folded line f
// under q, or -1; none is true when no pattern of the scope matches f at
// all, whatever the conditions.
func (x *ruleIndex) lookup(rules []compiledRule, f []byte, q query) (rule int, none bool) {
	if len(f) == 0 {
		return -1, true
	}
	best := len(rules)
	none = true
	take := func(r int32) {
		none = false
		if int(r) < best && rules[r].accepts(q) {
			best = int(r)
		}
	}
	if e := trimTrailingPunct(f); len(e) <= x.maxEqual {
		for _, r := range x.equal[string(e)] {
			take(r)
		}
	}
	for _, p := range x.prefix[f[0]] {
		if len(f) >= len(p.text) && string(f[:len(p.text)]) == p.text {
			take(p.rule)
		}
	}
	for _, p := range x.suffix[f[len(f)-1]] {
		if len(f) >= len(p.text) && string(f[len(f)-len(p.text):]) == p.text {
			take(p.rule)
		}
	}
	for i := 0; i+3 <= len(f); i++ {
		h := trigram(f[i], f[i+1], f[i+2])
		if x.trigrams[h/64]&(1<<(h%64)) == 0 {
			continue
		}
		for _, p := range x.contains[h] {
			if len(f)-i >= len(p.text) && string(f[i:i+len(p.text)]) == p.text {
				take(p.rule)
			}
		}
	}
	for _, p := range x.short {
		if containsBytes(f, p.text) {
			take(p.rule)
		}
	}
	for _, re := range x.regexps {
		if (re.first == nil || re.first[f[0]]) && containsBytes(f, re.literal) && re.Match(f) {
			take(re.rule)
		}
	}
	if best == len(rules) {
		return -1, none
	}
	return best, none
}

// containsBytes reports whether f contains s. The candidates are found by
// the first byte with bytes.IndexByte, which scans many bytes per step: a
// byte-at-a-time loop here cost 8% of the stripping time, nearly all of it
// looking for a regexp's literal in lines that lack it.
func containsBytes(f []byte, s string) bool {
	if len(s) == 0 {
		return true
	}
	for len(f) >= len(s) {
		i := bytes.IndexByte(f, s[0])
		if i < 0 || len(f)-i < len(s) {
			return false
		}
		if string(f[i:i+len(s)]) == s {
			return true
		}
		f = f[i+1:]
	}
	return false
}

// accepts checks a rule's conditions other than its patterns.
func (r *compiledRule) accepts(q query) bool {
	return q.byteLen <= r.MaxLen && (q.anyPrev || r.after < 0 || q.prev == r.after || q.prev == r.self)
}

// firstBytes returns the bytes a match of an anchored regexp can begin
// the line with, or nil when that is not known (unanchored, or anything).
// Anchored regexps ("^[0-9]+ comments") are then skipped on most lines
// without running the engine.
func firstBytes(expr string) *[256]bool {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginText {
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
