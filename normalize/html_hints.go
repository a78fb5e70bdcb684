package normalize

import "strings"

// hint is what a class or id value says about its element.
type hint uint8

const (
	hintGood   hint = 1 << iota // names content: article, story, post
	hintBad                     // names page furniture: meta, caption, widget
	hintJunk                    // names a boilerplate block: comments, share bar, related links
	hintMaybe                   // names a content container; overrides hintJunk
	hintByline                  // names a byline or dateline
	hintThread                  // names a comment thread: junk even beside a content name ("comments-body")
)

// Substring hints, matched anywhere in the lower-cased class or id
// ("relatedStories", "post-comments", "share_bar"). Kept general: the
// vocabulary CMSs and themes use, not any one site's names.
var substringHints = []struct {
	s string
	h hint
}{
	{"article", hintGood | hintMaybe},
	{"content", hintGood | hintMaybe},
	{"entry", hintGood | hintMaybe},
	{"story", hintGood | hintMaybe},
	{"main", hintGood | hintMaybe},
	{"body", hintGood | hintMaybe},
	{"prose", hintGood | hintMaybe},
	{"richtext", hintGood | hintMaybe},
	{"rich-text", hintGood | hintMaybe},
	{"post", hintGood},
	{"blog", hintGood},
	{"comment", hintBad | hintJunk},
	{"comments", hintBad | hintJunk | hintThread}, // plural: a thread, not an opinion piece ("comment-article")
	{"disqus", hintBad | hintJunk | hintThread},
	{"share", hintBad | hintJunk},
	{"sharing", hintBad | hintJunk},
	{"social", hintBad | hintJunk},
	{"sidebar", hintBad | hintJunk},
	{"related", hintBad | hintJunk},
	{"recommend", hintBad | hintJunk},
	{"footer", hintBad | hintJunk},
	{"breadcrumb", hintBad | hintJunk},
	{"newsletter", hintBad | hintJunk},
	{"subscri", hintBad | hintJunk},
	{"signup", hintBad | hintJunk},
	{"cookie", hintBad | hintJunk},
	{"consent", hintBad | hintJunk},
	{"gdpr", hintBad | hintJunk},
	{"popup", hintBad | hintJunk},
	{"modal", hintBad | hintJunk},
	{"promo", hintBad | hintJunk},
	{"sponsor", hintBad | hintJunk},
	{"advert", hintBad | hintJunk},
	{"banner", hintBad | hintJunk},
	{"pagination", hintBad | hintJunk},
	{"pager", hintBad | hintJunk},
	{"outbrain", hintBad | hintJunk},
	{"taboola", hintBad | hintJunk},
	{"recirc", hintBad | hintJunk},
	{"trending", hintBad | hintJunk},
	{"popular", hintBad | hintJunk},
	{"masthead", hintBad | hintJunk},
	{"menu", hintBad | hintJunk},
	{"navbar", hintBad | hintJunk},
	{"navigation", hintBad | hintJunk},
	{"toolbar", hintBad | hintJunk},
	{"skip-link", hintBad | hintJunk},
	{"more-from", hintBad | hintJunk},
	{"read-more", hintBad | hintJunk},
	{"readmore", hintBad | hintJunk},
	{"tagcloud", hintBad | hintJunk},
	{"tag-cloud", hintBad | hintJunk},
	{"widget", hintBad},
	{"caption", hintBad | hintJunk},
	{"credit", hintBad | hintJunk},
	{"contact", hintBad},
	{"foot", hintBad},
	{"hidden", hintBad},
	{"shopping", hintBad},
	{"byline", hintBad | hintByline},
	{"dateline", hintBad | hintByline},
	{"timestamp", hintBad | hintByline},
	{"author", hintBad | hintByline},
	{"publish", hintByline},
}

// Word hints match a whole word of the class or id (split at non-letters)
// because they are too short to match as substrings ("ad" is in "header").
var wordHints = map[string]hint{
	"ad":     hintBad | hintJunk,
	"ads":    hintBad | hintJunk,
	"nav":    hintBad | hintJunk,
	"tags":   hintBad | hintJunk,
	"meta":   hintBad | hintByline,
	"tools":  hintBad,
	"date":   hintByline,
	"time":   hintByline,
	"hentry": hintGood | hintMaybe,
}

// hintIndex buckets substringHints by first byte so that classifying a
// name costs a few comparisons per byte.
var hintIndex = func() (idx [256][]int) {
	for i, h := range substringHints {
		idx[h.s[0]] = append(idx[h.s[0]], i)
	}
	return idx
}()

// classifyName returns the hints in one class or id value.
func classifyName(name string) hint {
	s := strings.ToLower(name)
	var h hint
	for i := 0; i < len(s); i++ {
		for _, k := range hintIndex[s[i]] {
			if strings.HasPrefix(s[i:], substringHints[k].s) {
				h |= substringHints[k].h
			}
		}
	}
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return r < 'a' || r > 'z' }) {
		h |= wordHints[w]
	}
	return h
}
