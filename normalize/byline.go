package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bylines. A header or footer line that names the writers is the site's
// ("By Anna Weber", "Par Hélène Dupont | Rédaction La Gazette", "Carla
// Marques, correspondente em Bruxelas", "Tekst: Joost Bakker;
// eindredactie: Bas Bos"), in any language, and rules that list the
// words around names ("by", "von", "un artículo de") miss every phrasing
// they lack. What all share is a shape that needs capitals, which the
// folded text rules match has lost: names (two or three capitalised
// words, a particle such as "de" or "van" between them, several joined
// by a function word) after at most one lead word that is a function
// word or ends with a colon, or before a comma, bar or semicolon and a
// short tail (a role, a newsroom). A title-case headline has no lead
// word of that kind and more than three capitalised words in a row.

// RuleByline removes a line of the header or footer shaped like a byline.
const RuleByline = "byline"

const ruleByline = -5

// bylineMaxWords bounds the names part of a byline, bylineTailWords what
// follows them: longer lines are sentences or teasers ("Selon Groupe
// Vauban, le vaccin réduit les infections de 44 %" is a headline).
const (
	bylineMaxWords  = 10
	bylineTailWords = 6
)

// roleShaped reports whether tail, what follows a byline's names, reads
// as a role or a newsroom: a few words without figures.
func roleShaped(tail string) bool {
	return strings.Count(strings.TrimSpace(tail), " ") < bylineTailWords && strings.IndexAny(tail, "0123456789%") < 0
}

// bylineShaped reports whether judged line t reads as a byline.
func bylineShaped(t string) bool {
	if len(t) > 160 || endsSentence(t) {
		return false
	}
	head, tail := t, ""
	if i := strings.IndexAny(t, ",|;"); i >= 0 {
		head, tail = t[:i], t[i+1:]
	}
	var buf [bylineMaxWords]string
	ws, ok := fieldsInto(buf[:0], head)
	if !ok || len(ws) < 2 || !roleShaped(tail) {
		return false
	}
	lead := false
	if w := ws[0]; strings.HasSuffix(w, ":") && len(w) <= 16 || !capitalised(w) && isStopWord(w) || capitalised(w) && isStopWord(w) && capitalised(ws[1]) {
		lead, ws = true, ws[1:]
	}
	switch {
	case lead:
	case strings.TrimSpace(tail) == "":
		return false // a name alone: a caption or a subheading as often
	case t[len(head)] == ',' && !hasLowerWord(tail):
		return false // "Lansdowne Road, Dublin": a place as often
	}
	names := 0
	for len(ws) > 0 {
		n := nameLen(ws)
		if n == 0 {
			return false
		}
		names++
		ws = ws[n:]
		if len(ws) > 0 { // a function word joins the next name
			if capitalised(ws[0]) || !isStopWord(ws[0]) || len(ws) == 1 {
				return false
			}
			ws = ws[1:]
		}
	}
	return names > 0
}

// fieldsInto appends the words of s (split at white space, as
// strings.Fields splits) to dst, up to its capacity; ok is false when s
// has more. A byline is a few words, and bylineShaped runs on the header
// lines of every document: it allocated a slice a line.
func fieldsInto(dst []string, s string) (ws []string, ok bool) {
	start := -1 // of the current word
	for i := 0; i < len(s); {
		space, size := asciiSpace[s[i]], 1
		if s[i] >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case !space:
			if start < 0 {
				start = i
			}
		case start < 0:
		case len(dst) == cap(dst):
			return dst, false
		default:
			dst, start = append(dst, s[start:i]), -1
		}
		i += size
	}
	if start >= 0 {
		if len(dst) == cap(dst) {
			return dst, false
		}
		dst = append(dst, s[start:])
	}
	return dst, true
}

// asciiSpace marks the ASCII bytes unicode.IsSpace takes for spaces.
var asciiSpace = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = unicode.IsSpace(rune(c))
	}
	return t
}()

// nameLen returns how many of ws make a name at their start: two or
// three capitalised words, with at most one particle ("de", "van") of
// the stop lists among them; 0 when they do not.
func nameLen(ws []string) int {
	if len(ws) < 2 || !capitalised(ws[0]) || isStopWord(ws[0]) {
		return 0
	}
	n, caps := 1, 1
	for n < len(ws) && caps < 3 {
		w := ws[n]
		switch {
		case capitalised(w) && !isStopWord(w): // "The All Blacks" is no name
			caps++
		case n+1 < len(ws) && len(w) <= 3 && isStopWord(w) && capitalised(ws[n+1]) && n == caps:
			// a particle: "Lieke de Groot"
		default:
			if caps < 2 {
				return 0
			}
			return n
		}
		n++
	}
	if caps < 2 {
		return 0
	}
	return n
}

// hasLowerWord reports whether tail has a word in lower case ("Carla
// Marques, correspondente em Bruxelas").
func hasLowerWord(tail string) bool {
	start := true // at a word's first character
	for _, r := range tail {
		if unicode.IsSpace(r) {
			start = true
			continue
		}
		if start && unicode.IsLower(r) {
			return true
		}
		start = false
	}
	return false
}

// capitalised reports whether w is a word of letters (and '-', '\”)
// whose first letter is upper case and whose second is not.
func capitalised(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || size == len(w) {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(w[size:])
	if unicode.IsUpper(r2) {
		return false
	}
	for _, c := range w {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' && c != '.' {
			return false
		}
	}
	return true
}

// isStopWord reports whether w is a function word of the stop lists.
func isStopWord(w string) bool {
	return len(w) <= 8 && stopTable.has(packWord(w))
}
