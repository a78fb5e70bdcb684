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
	bylineMaxWords  = 12
	bylineTailWords = 6
)

// roleShaped reports whether tail, what follows a byline's names, reads
// as a role or a newsroom: a few words without figures.
func roleShaped(tail string) bool {
	return strings.Count(strings.TrimSpace(tail), " ") < bylineTailWords && strings.IndexAny(tail, "0123456789%") < 0
}

// Byline strengths (bylineShape): a byline shape that no headline has,
// and one that a headline may have too, so that it counts only directly
// under the headline.
const (
	notByline = iota
	bylineAnywhere
	bylineUnderHeadline
)

// bylineLeadWords is the longest lead phrase before the names: "Written
// by", "Un artículo de", "Ein Artikel von".
const bylineLeadWords = 3

// bylineShape tells whether judged line t reads as a byline, and how
// surely. A lead of one word (a function word or a label with a colon:
// "By", "Von", "Tekst:") is a byline's alone; a longer lead phrase
// ("Written by", "Un article de") and a name followed by a capitalised
// role or outlet ("Grace Thompson, Political Correspondent") are also
// a headline's shape ("Talks between Angela Merkel and Emmanuel Macron",
// "Lansdowne Road, Dublin"), so they count only directly under one.
func bylineShape(t string) int {
	if len(t) > 160 || endsSentence(t) {
		return notByline
	}
	head, tail := t, ""
	if i := strings.IndexAny(t, ",|;"); i >= 0 {
		head, tail = t[:i], t[i+1:]
	}
	// Room for twice the words a byline may have: colonWords joins at most
	// every other one ("Texte : Anne Roy"), and more would be too many.
	var buf [2 * bylineMaxWords]string
	ws, ok := fieldsInto(buf[:0], head)
	ws = colonWords(ws)
	if !ok || len(ws) > bylineMaxWords || len(ws) < 2 || !roleShaped(tail) {
		return notByline
	}
	strength := bylineAnywhere
	w := ws[0]
	switch {
	case (strings.HasSuffix(w, ":") && len(w) <= 16 || !capitalised(w) && isStopWord(w) || capitalised(w) && isStopWord(w) && capitalised(ws[1])) && joinedNames(ws[1:]):
		return strength // "By", "Von", "Tekst:"
	case strings.HasSuffix(w, ".") && len(w) <= 6 && joinedNames(ws[1:]):
		return bylineUnderHeadline // an abbreviation: "Oprac.", "Red."
	}
	if n := leadPhrase(ws); n > 0 && joinedNames(ws[n:]) {
		return bylineUnderHeadline // "Written by", "Un artículo de"
	}
	switch {
	case strings.TrimSpace(tail) == "":
		// A name alone is a caption or a subheading as often; names
		// joined, or a name reporting from a place ("Anna Weber
		// berichtet aus Kiel"), stand under a headline.
		if multipleNames(ws) || reportsFrom(ws) {
			return bylineUnderHeadline
		}
		return notByline
	case t[len(head)] == ',' && !hasLowerWord(tail):
		if len(strings.Fields(tail)) < 2 {
			return notByline // "Lansdowne Road, Dublin": a place as often
		}
		strength = bylineUnderHeadline
	}
	if !joinedNames(ws) {
		return notByline
	}
	return strength
}

// fieldsInto appends the words of s (split at white space, as
// strings.Fields splits) to dst, up to its capacity; ok is false when s
// has more. A byline is a few words, and bylineShape runs on the header
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

// multipleNames reports whether ws is two names or more joined by a
// function word ("Jean Dupont avec Marie Curie").
func multipleNames(ws []string) bool {
	for i := 2; i+2 < len(ws); i++ {
		if !capitalised(ws[i]) && isStopWord(ws[i]) && joinedNames(ws[:i]) && joinedNames(ws[i+1:]) {
			return true
		}
	}
	return false
}

// reportsFrom reports whether ws is a name, up to three words in lower
// case and a place of one or two words ("Marco Rossi riferisce da Bari",
// "Anna Weber reports from Kyiv").
func reportsFrom(ws []string) bool {
	for i := 2; i <= 5 && i < len(ws); i++ { // "Stijn van den Berg"
		if !joinedNames(ws[:i]) {
			continue
		}
		for j := i; j < len(ws) && j < i+3; j++ {
			if r, _ := utf8.DecodeRuneInString(ws[j]); !unicode.IsLower(r) {
				break
			}
			if rest := ws[j+1:]; len(rest) >= 1 && len(rest) <= 2 && allCapitalised(rest) {
				return true
			}
		}
	}
	return false
}

// allCapitalised reports whether every word of ws is capitalised.
func allCapitalised(ws []string) bool {
	for _, w := range ws {
		if !capitalised(w) {
			return false
		}
	}
	return true
}

// colonWords joins a spaced colon to the word before it ("Texte :
// Anne Roy", as French spaces it). It reuses ws.
func colonWords(ws []string) []string {
	out := ws[:0]
	for _, w := range ws {
		if w == ":" && len(out) > 0 {
			out[len(out)-1] += ":"
			continue
		}
		out = append(out, w)
	}
	return out
}

// leadPhrase returns the length of a lead phrase of two or three words
// at the start of ws ("Written by", "Een artikel van"): after its first
// word, words in lower case, the last a function word or ending with a
// colon, then a capitalised word; 0 when there is none.
func leadPhrase(ws []string) int {
	for n := 2; n <= bylineLeadWords && n < len(ws); n++ {
		w := ws[n-1]
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsLower(r) {
			return 0
		}
		if (isStopWord(w) || strings.HasSuffix(w, ":")) && capitalised(ws[n]) {
			return n
		}
	}
	return 0
}

// joinedNames reports whether ws is one name or more joined by function
// words ("Anna Weber", "Marcin Zając i Wojciech Adamczyk"): a name is
// two or three capitalised words that are not function words, with short
// particles ("de", "van den", "De") before a capitalised word.
func joinedNames(ws []string) bool {
	if len(ws) < 2 || !capitalised(ws[0]) || isStopWord(ws[0]) {
		return false
	}
	caps := 1
	for n := 1; n < len(ws); n++ {
		w := ws[n]
		switch {
		case capitalised(w) && !isStopWord(w): // "The All Blacks" is no name
			caps++
			if n+1 == len(ws) {
				return true
			}
			// The name may end here, a function word joining the next.
			if j := ws[n+1]; n+2 < len(ws) && !capitalised(j) && isStopWord(j) && joinedNames(ws[n+2:]) {
				return true
			}
			if caps == 3 {
				return false
			}
		case n+1 < len(ws) && len(w) <= 3 && isStopWord(w):
			// a particle: "Lieke de Groot"
		default:
			return false
		}
	}
	return false
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
	for i := 0; i < len(w); i++ { // ASCII a byte at a time: most names are
		if c := w[i]; c < utf8.RuneSelf {
			if !isASCIILetter(c) && c != '-' && c != '\'' && c != '.' {
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if !unicode.IsLetter(r) && r != '’' {
			return false
		}
		i += size - 1
	}
	return true
}

// isStopWord reports whether w is a function word of the stop lists.
func isStopWord(w string) bool {
	return len(w) <= 8 && stopTable.has(packWord(w))
}

// bylineShape is bylineShape(l.text), computed once for the line.
func (l *line) bylineShape() int {
	if l.byline == 0 {
		l.byline = int8(bylineShape(l.text)) + 1
	}
	return int(l.byline) - 1
}

// bylineAt reports whether line i of ls is a byline. Shapes a headline
// has too count only right under one: the line before is a headline's
// (weak, no label) of headlineMinWords words or more, with the line
// before it when it continues that ("Huelga de maquinistas paraliza los
// trenes" / "en Oviedo"). Looked at only for those shapes: labelShaped
// on every header line cost 3% of the strip stage.
func bylineAt(ls []line, i int) bool {
	switch ls[i].bylineShape() {
	case bylineAnywhere:
		return true
	case bylineUnderHeadline:
		words := 0
		for j := i - 1; j >= 0; j-- {
			l := &ls[j]
			if l.class == blank {
				continue
			}
			if l.class != weak || labelShaped(l.text) {
				return false
			}
			if words += l.words; words >= headlineMinWords {
				return true
			}
			if !opensLower(l.text) {
				return false
			}
		}
	}
	return false
}

// opensLower reports whether t opens with a lower-case letter.
func opensLower(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}
