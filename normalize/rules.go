package normalize

import (
	"encoding/binary"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// Scope says where a rule may remove a line.
type Scope uint8

const (
	// Anywhere rules remove non-prose lines (labels, menu items, short
	// fragments) wherever they are. Prose lines are never removed by them:
	// one matching word never costs a line of the article body.
	Anywhere Scope = iota
	// Edge rules remove any line, prose included, but only inside the
	// header block (before the first prose line the rules don't claim) or
	// the footer block (after the last one).
	Edge
)

func (s Scope) String() string {
	if s == Edge {
		return "edge"
	}
	return "anywhere"
}

// Rule is one named boilerplate rule. A line matches when its folded form
// (ASCII lower case, spaces collapsed, no-break spaces as spaces, trimmed)
// satisfies any one pattern. Equal compares the whole line after trailing
// punctuation (":.!|»›>-–—") is also trimmed.
type Rule struct {
	Name        string
	Description string
	Scope       Scope
	Equal       []string
	Prefix      []string
	Suffix      []string
	Contains    []string
	Regexp      []string // RE2 syntax, matched against the folded line
	// After, when set, restricts the rule to lines whose previous
	// non-blank line was removed by the named rule or by this rule itself
	// (e.g. a comment's excerpt after its "author in: title" line, or the
	// paragraphs of a cookie notice after its first line).
	After string
	// MaxLen is the longest line in bytes the rule may remove; 0 means
	// defaultMaxLen. Long lines are article prose far more often than
	// boilerplate, so every rule is bounded.
	MaxLen int
	// Toll is how much a claimed line weighs against the prose around it
	// when the body is located (see mainBlock); 0 means claimedToll. A
	// high toll makes the line a wall the body does not extend across,
	// as a comment-section heading should be.
	Toll int
}

const defaultMaxLen = 200

// Names of the mechanisms that remove lines without a Rule of their own.
const (
	// RuleSiteRepeat removes lines that recur across a site's documents
	// (see RepeatCounter).
	RuleSiteRepeat = "site-repeat"
	// RuleNonBody removes lines outside the article body: the menus,
	// teasers and footers around the main block of prose.
	RuleNonBody = "non-body"
)

// RuleDoc names and describes one rule or mechanism, for `clean rules`.
type RuleDoc struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Scope       string `json:"scope"`
}

// RuleInfo lists rules (DefaultRules, then user rules) followed by the
// built-in mechanisms that remove lines without a rule.
func RuleInfo(rules []Rule) []RuleDoc {
	docs := make([]RuleDoc, 0, len(rules)+3)
	for _, r := range rules {
		docs = append(docs, RuleDoc{r.Name, r.Description, r.Scope.String()})
	}
	return append(docs,
		RuleDoc{RuleNonBody, "lines outside the main block of prose: menus, headline lists, bylines and page furniture before or after the article", "position"},
		RuleDoc{RuleEcho, "lines that repeat another line of the page: an exact repeat, the article again as one long line, a summary cut off with \"...\", a headline joined to its summary", "document"},
		RuleDoc{RuleSiteRepeat, "lines that recur in many documents of the same site (learned in a first pass over the corpus)", "site"},
	)
}

// Without returns rules less those named in off (--disable-rule); a name
// no rule has is an error that lists the names there are.
func Without(rules []Rule, off []string) ([]Rule, error) {
	kept := rules
	for _, name := range off {
		i := slices.IndexFunc(kept, func(r Rule) bool { return r.Name == name })
		if i < 0 {
			names := make([]string, len(rules))
			for j, r := range rules {
				names[j] = r.Name
			}
			return nil, fmt.Errorf("no rule %q to disable; the rules are %s", name, strings.Join(names, ", "))
		}
		kept = slices.Delete(slices.Clone(kept), i, i+1)
	}
	return kept, nil
}

// DefaultRules returns the built-in rules. They name boilerplate by its
// wording in the most common languages of the web; positions and the
// prose classifier, not these words, decide whether body lines stay.
func DefaultRules() []Rule {
	return []Rule{
		{
			Name: "copyright", Description: "copyright and rights-reserved notices", Scope: Edge, MaxLen: 300,
			Prefix:   []string{"©", "copyright", "(c) ", "&copy;"},
			Contains: []string{"all rights reserved", "registered trademarks of", "todos los derechos reservados", "alle rechte vorbehalten", "tous droits réservés", "tutti i diritti riservati", "todos os direitos reservados", "все права защищены"},
		},
		{
			Name: "disclaimer", Description: "disclaimers, fair-use and responsibility notices", Scope: Edge, MaxLen: 1500,
			Prefix: []string{"disclaimer", "fair use", "the views expressed", "the opinions expressed", "the contents of this article", "this article is for informational", "this site contains copyrighted material", "this material may not be published"},
		},
		{
			Name: "contact", Description: "press and contact lines (\"For media inquiries: ...\")", Scope: Edge,
			Prefix:   []string{"for media inquiries", "media inquiries", "media contact", "press contact", "press inquiries", "for more information, contact", "contact us", "email:", "e-mail:", "tel:", "phone:"},
			Contains: []string{"fax:", "telephone:", "e-mail:"}, MaxLen: 800,
		},
		{
			Name: "site-byline", Description: "the site's own attribution lines (\"Articles by: ...\")", Scope: Edge, MaxLen: 120,
			Prefix: []string{"articles by", "more articles by", "all articles by", "view all posts by", "all posts by", "more from this author", "about the author"},
		},
		{
			Name: "comment-widget", Description: "a comments widget entry: an author or a URL, \"in:\", then a post title", Scope: Edge,
			Regexp: []string{`^[^ ]+( [^ ]+){0,2} in: [^ ]`},
		},
		{
			Name: "comment-excerpt", Description: "a comment excerpt ending in \"...\" after a comments widget entry", Scope: Edge, MaxLen: 400, After: "comment-widget",
			Suffix: []string{"...", "…"},
		},
		{
			Name: "comments", Description: "comment-section headings and prompts", Scope: Anywhere, MaxLen: 100, Toll: 1000,
			Equal:  []string{"comments", "recent comments", "leave a reply", "leave a comment", "post a comment", "add a comment", "show comments", "view comments", "comments are closed", "join the conversation", "cancel reply", "kommentare", "commentaires", "comentarios", "comentários", "commenti", "reacties", "комментарии"},
			Suffix: []string{" says:", " said:", " wrote:"},
			// The comment form most blogging platforms print under a post.
			Prefix: []string{"your email address will not be published", "save my name, email, and website", "you must be logged in to post a comment", "leave a reply cancel reply"},
			Regexp: []string{`^[0-9]+ (comments?|responses?|replies)\b`, `^.{0,20}\bcomments\b.{0,20}$`},
		},
		{
			Name: "share", Description: "share, follow, subscribe and newsletter lines", Scope: Anywhere, MaxLen: 120,
			Equal:    []string{"share", "share this", "share this article", "share this story", "facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit", "email", "print", "instagram", "youtube", "rss", "tweet", "subscribe"},
			Prefix:   []string{"share this", "share on ", "share via", "click to share", "click to email", "click to print", "follow us", "follow @", "like us on", "subscribe to", "subscribe for", "sign up for", "sign up to", "get our newsletter"},
			Contains: []string{"newsletter"},
			// A flattened share bar: two or more network names in a row,
			// perhaps followed by a word or two ("Whatsapp Facebook Pin
			// Download").
			Regexp: []string{`^(?:(?:facebook|twitter|google\+|whatsapp|linkedin|pinterest|reddit|e-?mail|print|telegram|tumblr|flipboard|messenger|pocket|xing|vk|sms|tweet|share|pin)[ ,|/·•]*){2,}(?:[^ ]+ ?){0,2}$`},
		},
		{
			Name: "cookies", Description: "cookie and privacy consent notices", Scope: Edge, MaxLen: 1000,
			Prefix:   []string{"we use cookies", "this website uses cookies", "this site uses cookies", "this website uses cookie", "by using this site", "by continuing to use"},
			Contains: []string{"cookie policy", "use of cookies", "accept cookies"},
		},
		{
			Name: "cookie-details", Description: "the further paragraphs of a cookie notice", Scope: Edge, MaxLen: 800, After: "cookies",
			Contains: []string{"cookie"},
		},
		{
			Name: "related", Description: "\"Related stories\" and \"Read more\" headings and teasers", Scope: Anywhere, MaxLen: 160,
			Equal:  []string{"related", "related stories", "related articles", "related posts", "related content", "related coverage", "read more", "more stories", "more news", "you may also like", "you might also like", "recommended", "recommended for you", "most read", "most popular", "trending", "top stories", "latest news", "editor's picks"},
			Prefix: []string{"read more:", "related:", "see also:", "also read:", "read also:", "more:"},
		},
		{
			Name: "crumbs", Description: "navigation crumbs (\"Home > News > World\")", Scope: Anywhere,
			Prefix: []string{"home >", "home »", "home ›", "home /", "home |", "you are here"},
		},
		{
			Name: "inline-ad", Description: "inline advertisement markers", Scope: Anywhere, MaxLen: 80,
			Equal: []string{"advertisement", "advertisements", "ad", "ads", "sponsored", "sponsored content", "story continues below", "story continues below advertisement", "article continues below", "continue reading below", "scroll to continue", "scroll to continue with content"},
		},
		{
			Name: "email-protection", Description: "e-mail addresses hidden by a CDN (\"[email protected]\")", Scope: Anywhere,
			Contains: []string{"[email protected]"},
		},
	}
}

// compiledRule is a Rule ready for matching: patterns folded, regexps
// compiled, After resolved to a rule index.
type compiledRule struct {
	Rule
	re    []literalRegexp
	after int // index of the After rule, or -1
	self  int // this rule's index
}

// literalRegexp is a regexp with a literal every match must contain and,
// when anchored, the bytes a match can start with: checking those first
// skips the regexp engine on almost every line, which is what keeps
// regexp rules affordable.
type literalRegexp struct {
	*regexp.Regexp
	literal string
	first   *[256]bool
	pairs   *pairSet
}

// requiredLiteral returns the longest literal that a top-level
// concatenation of expr must contain, or "" when there is none.
func requiredLiteral(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	re = re.Simplify()
	best := ""
	if re.Op == syntax.OpConcat {
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpLiteral && sub.Flags&syntax.FoldCase == 0 && len(string(sub.Rune)) > len(best) {
				best = string(sub.Rune)
			}
		}
	}
	return best
}

func compileRules(rules []Rule) ([]compiledRule, error) {
	index := make(map[string]int, len(rules))
	out := make([]compiledRule, len(rules))
	for i, r := range rules {
		if r.Name == "" {
			return nil, fmt.Errorf("rule %d: no name", i+1)
		}
		if _, dup := index[r.Name]; dup {
			return nil, fmt.Errorf("rule %q: defined twice", r.Name)
		}
		index[r.Name] = i
		c := compiledRule{Rule: r, after: -1, self: i}
		if c.MaxLen <= 0 {
			c.MaxLen = defaultMaxLen
		}
		if c.Toll <= 0 {
			c.Toll = claimedToll
		}
		c.Equal = foldAll(r.Equal, true)
		c.Prefix = foldAll(r.Prefix, false)
		c.Suffix = foldAll(r.Suffix, false)
		c.Contains = foldAll(r.Contains, false)
		for _, expr := range r.Regexp {
			re, err := regexp.Compile(expr)
			if err != nil {
				return nil, fmt.Errorf("rule %q: %w", r.Name, err)
			}
			c.re = append(c.re, literalRegexp{re, requiredLiteral(expr), firstBytes(expr), firstPairs(expr)})
		}
		out[i] = c
	}
	for i, r := range out {
		if r.After == "" {
			continue
		}
		j, ok := index[r.After]
		if !ok {
			return nil, fmt.Errorf("rule %q: after: no rule named %q", r.Name, r.After)
		}
		out[i].after = j
	}
	return out, nil
}

func foldAll(pats []string, equal bool) []string {
	out := make([]string, 0, len(pats))
	for _, p := range pats {
		b := fold(nil, p)
		if equal {
			b = trimTrailingPunct(b)
		}
		f := string(b)
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// foldCap bounds the folded copy of a line; rules see at most this much.
const foldCap = 512

// fold appends the matching form of s (at most foldCap bytes) to dst: ASCII lower case, no-break
// and other spaces collapsed to one space, leading and trailing space
// trimmed. Non-ASCII letters keep their case (patterns are written in
// lower case), which keeps folding allocation-free and byte-oriented.
//
// Most of what is folded is prose, where a run of eight bytes needs only
// its upper-case letters lowered: foldWord does that for a whole word
// (uint64) at once, and bytes it cannot take (control bytes, a space
// after a space, a no-break space's lead byte 0xC2) go through the
// table one at a time. Byte at a time, folding was an eighth of the
// stripping time on generated news.
func fold(dst []byte, s string) []byte {
	start := len(dst)
	dst = slices.Grow(dst, min(len(s), foldCap))
	out := dst[start : start+min(len(s), foldCap)]
	j, space := 0, true // space: the last byte written was one (drops leading space)
	for i := 0; i < len(s) && j < len(out); {
		if i+8 <= len(s) && j+8 <= len(out) {
			w := load64(s, i)
			if folded, ok := foldWord(w, space); ok {
				binary.LittleEndian.PutUint64(out[j:], folded)
				i, j, space = i+8, j+8, folded>>56 == ' '
				continue
			}
		}
		c := foldTable[s[i]]
		if c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 { // U+00A0
			c = ' '
			i++
		}
		i++
		if c == ' ' && space {
			continue
		}
		out[j] = c
		j++
		space = c == ' '
	}
	if j > 0 && out[j-1] == ' ' {
		j--
	}
	return dst[:start+j]
}

// foldWord folds the eight bytes of w (little-endian) at once, which it
// can when none is a control byte or 0xC2 and no space follows a space
// (or, at the first byte, a written space: afterSpace): the fold is then
// w with A-Z lowered. Each test works on all bytes in parallel: adding
// 0x80-n to a byte's low seven bits sets its top bit exactly when they
// are at least n, and no sum carries into the next byte.
func foldWord(w uint64, afterSpace bool) (uint64, bool) {
	const ones, high, low = bytes01, bytes80, bytes7f
	ge := func(n uint64) uint64 { return (w&low + (0x80-n)*ones) &^ w & high } // ASCII bytes >= n
	ctrl := ^((w&low + (0x80-0x20)*ones) | w) & high                           // bytes < 0x20
	x := w ^ 0xC2*ones
	c2 := ^((x&low + low) | x) & high // bytes == 0xC2
	x = w ^ ' '*ones
	sp := ^((x&low + low) | x) & high // bytes == ' '
	prev := sp << 8
	if afterSpace {
		prev |= 0x80
	}
	if ctrl|c2|sp&prev != 0 {
		return 0, false
	}
	upper := ge('A') &^ ge('Z'+1)
	return w | upper>>2, true
}

// foldTable maps a byte to its folded form: ASCII lower case, ' ' for
// every space. One load per byte instead of a chain of compares: folding
// is a large share of the stripping time (see fold).
var foldTable = func() (t [256]byte) {
	for c := range t {
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0:
			t[c] = ' '
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		default:
			t[c] = byte(c)
		}
	}
	return t
}()

// trimTrailingPunct drops the punctuation that labels end with, so
// "Advertisement:" and "Related »" match their bare forms.
func trimTrailingPunct(f []byte) []byte {
	for len(f) > 0 {
		r, size := utf8.DecodeLastRune(f)
		switch r {
		case ' ', ':', '.', '!', '|', '»', '›', '>', '-', '–', '—':
			f = f[:len(f)-size]
		default:
			return f
		}
	}
	return f
}
