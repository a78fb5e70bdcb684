package normalize

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rules never remove a sentence of the story because of a word in it.
// "Copyright lawyers for the studio said the ruling would be appealed."
// opens like a copyright notice and "The views expressed by the minister
// were not shared by the cabinet, officials said." like a disclaimer;
// as the last paragraph of an article both sat in the footer block,
// where edge rules remove prose, and 43% of such sentences were lost.
//
// So a pattern match counts in one of two ways. A shape match is the
// whole line (an equal pattern) or a whole clause of it: the words the
// pattern matched plus at most clauseSlack others, between line edges
// or punctuation ("© 2024 Le Monde. Tous droits réservés.",
// "Disclaimer: ..."). Any other match (a prefix followed by a sentence,
// a phrase inside one, every regexp) is a word match, and a word match
// does not remove a line that reads as a sentence of the article (readAs):
// a sentence shape, and no sign that it speaks to the reader or about the
// page itself. Notices do: "We use cookies", "Sign up for our
// newsletter", "The views expressed in this article", "Abonnez-vous pour
// continuer à lire"; reported speech does not, whatever it quotes ("We
// use cookies sparingly, the company said."). A sentence that continues
// a notice (the line before it was removed by the same rule, or by the
// rule it comes After) is the notice's: "Prohibida su reproducción total
// o parcial." after "© 2024 El País. Todos los derechos reservados."; an
// article's first or last paragraph follows body text instead.

// clauseSlack is how many words besides its own a pattern's clause may
// have for the match to be a shape match: "Todos los derechos
// reservados" for "derechos reservados", not "Copyright lawyers declined
// to comment" for "copyright".
const clauseSlack = 2

// clauseMatch reports whether the match f[a:b] of a pattern is a shape
// match: its clause (f between the nearest boundaries around the match)
// has at most clauseSlack words outside the match.
func clauseMatch(f []byte, a, b int) bool {
	l, r := a, b
	for l > 0 && !boundaryBefore(f, l-1) {
		l--
	}
	for r < len(f) && !boundaryAt(f, r) {
		r++
	}
	return countWords(f[l:a])+countWords(f[b:r]) <= clauseSlack
}

// countWords counts the runs of letters and digits (any non-ASCII byte
// counts as a letter) in f.
func countWords(f []byte) int {
	n, in := 0, false
	for _, c := range f {
		w := c >= utf8.RuneSelf || asciiClass[c] == asciiWord
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// boundaryAt reports whether a clause ends at f[i] (scanning forwards):
// sentence punctuation followed by a space or the end, a bracket, a pipe,
// a spaced hyphen, a dash, bullet or guillemet (clauseMarks).
func boundaryAt(f []byte, i int) bool {
	if boundaryByte(f, i) {
		return true
	}
	for _, d := range clauseMarks {
		if len(f)-i >= len(d) && string(f[i:i+len(d)]) == d {
			return true
		}
	}
	return false
}

// boundaryBefore reports whether a clause starts after f[i] (scanning
// backwards).
func boundaryBefore(f []byte, i int) bool {
	if boundaryByte(f, i) {
		return true
	}
	for _, d := range clauseMarks {
		if i+1 >= len(d) && string(f[i+1-len(d):i+1]) == d {
			return true
		}
	}
	return false
}

func boundaryByte(f []byte, i int) bool {
	switch f[i] {
	case '.', '!', '?', ':', ';':
		return i+1 == len(f) || f[i+1] == ' '
	case '|', '(', ')', '[', ']':
		return true
	case '-':
		return i > 0 && f[i-1] == ' ' && (i+1 == len(f) || f[i+1] == ' ')
	}
	return false
}

// clauseMarks are the non-ASCII marks that separate the parts of a
// notice line: dashes, bullets, middle dots, guillemets, "©", "¿", "¡".
var clauseMarks = [...]string{"–", "—", "•", "·", "«", "»", "©", "¿", "¡"}

// Kinds of line for a word match (readAs).
const (
	readsAsNotice    = iota // not a sentence, or one that addresses the reader or speaks for the site
	readsAsSentence         // a sentence of the article, unless it continues a notice
	readsAsReporting        // reported speech: always the article's
)

// readAs tells how trimmed line t (folded: f) reads. A sentence starts
// with a capital or a digit, ends like a sentence, has at least
// narrativeMinWords words, most of them not capitalised (a title or a
// list of names is not a sentence), and carries no page furniture (©,
// ®, ™, a pipe, furniture). It is a notice when it addresses
// the reader or speaks about the page (noticeWords, noticePhrases), and
// reported speech when it has a reporting word ("said", "selon"), which
// outweighs the rest: "We use cookies sparingly, the company said."
func readAs(t string, f []byte) int {
	t = trimMarks(t)
	if !endsSentence(t) || strings.ContainsAny(t, "©®™|") {
		return readsAsNotice
	}
	for _, m := range furniture {
		if bytes.Contains(f, []byte(m)) {
			return readsAsNotice
		}
	}
	first := strings.TrimLeft(t, "\"'“„«‘¿¡([ ")
	r, _ := utf8.DecodeRuneInString(first)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return readsAsNotice
	}
	words, caps, address, reports := 0, 0, false, false
	forWords(t, func(w string, afterWord bool) {
		words++
		r, _ := utf8.DecodeRuneInString(w)
		if words > 1 && unicode.IsUpper(r) {
			caps++
		}
		// German formal address ("Sie", "Ihre") is told from "sie"
		// (she, they) by its capital inside a clause.
		if afterWord && formalAddress[w] {
			address = true
		}
	})
	if words < narrativeMinWords || caps*5 > (words-1)*3 {
		return readsAsNotice
	}
	fs := string(f)
	forWords(fs, func(w string, _ bool) {
		switch noticeWords[w] {
		case noticeAddress:
			address = true
		case noticeReport:
			reports = true
		}
	})
	switch {
	case reports:
		return readsAsReporting
	case address:
		return readsAsNotice
	}
	for _, p := range noticePhrases {
		if strings.Contains(fs, p) {
			return readsAsNotice
		}
	}
	for _, re := range liability {
		if re.MatchString(fs) {
			return readsAsNotice
		}
	}
	return readsAsSentence
}

// listMarks are the bullets, arrows and bars sites put around a label
// ("• ANZEIGE »", "| Par Marie Dupont", "Read more →"): rules match the
// line without them (trimMarks).
var listMarks = [...]string{"*", "•", "·", "|", "-", ">", "<", "»", "«", "›", "‹", "–", "—", "→", "←", "▶", "►", "▸", "■", "▪", "◦", "‣", "+", "~", "="}

// trimMarks strips list marks (listMarks) from both ends of a trimmed
// line, each followed (at the start) or preceded (at the end) by a space
// or standing alone. Lines opening with a letter or digit and ending
// with one or with sentence punctuation, most lines, cost two byte tests.
func trimMarks[T string | []byte](f T) T {
	for len(f) > 0 && !isWordByte(f[0]) {
		n := markLen(f, true)
		if n == 0 {
			break
		}
		f = f[n:]
		for len(f) > 0 && f[0] == ' ' {
			f = f[1:]
		}
	}
	for len(f) > 0 && !isWordByte(f[len(f)-1]) {
		n := markLen(f, false)
		if n == 0 {
			break
		}
		f = f[:len(f)-n]
		for len(f) > 0 && f[len(f)-1] == ' ' {
			f = f[:len(f)-1]
		}
	}
	return f
}

// markLen returns the length of the list mark at the start (or end) of
// f when a space or the other end of f borders it, else 0.
func markLen[T string | []byte](f T, start bool) int {
	for _, m := range listMarks {
		n := len(m)
		if len(f) < n {
			continue
		}
		if start && string(f[:n]) == m && (len(f) == n || f[n] == ' ') ||
			!start && string(f[len(f)-n:]) == m && (len(f) == n || f[len(f)-n-1] == ' ') {
			return n
		}
	}
	return 0
}

func isWordByte(c byte) bool {
	return c < utf8.RuneSelf && (asciiClass[c] == asciiWord || asciiClass[c] == asciiStop)
}

// furniture are folded marks of page furniture that no sentence of an
// article carries: links, and copyright written out with a year.
var furniture = [...]string{"http", "www.", "(c) 1", "(c) 2", "(c)1", "(c)2", "copyright 1", "copyright 2", "copyright (c)"}

// narrativeMinWords: shorter lines ("All rights reserved.", "Tous droits
// réservés.") are labels more often than sentences.
const narrativeMinWords = 4

// forWords calls fn for each word of s (a run of letters, digits and
// apostrophes), with afterWord true when the word follows another word or
// a comma in the same clause.
func forWords(s string, fn func(w string, afterWord bool)) {
	start, afterWord := -1, false
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(s[start:i], afterWord)
			start, afterWord = -1, true
		}
		if r != ' ' && r != ',' {
			afterWord = false
		}
	}
	if start >= 0 {
		fn(s[start:], afterWord)
	}
}

const (
	noticeAddress = 1 + iota // speaks to the reader or for the site
	noticeReport             // reports speech: the line is the story's
)

// noticeWords are folded words (see fold) that mark a line as addressed
// to the reader or written by the site (you, your, we, our in the
// languages of stopWordLists), or as reported speech (said, according
// to). Words shared by several languages are listed once.
var noticeWords = func() map[string]uint8 {
	m := map[string]uint8{}
	for kind, list := range map[uint8]string{
		noticeAddress: `you your yours yourself we our ours ` + // en
			`wir uns unser unsere unseren unserem unserer unseres du dein deine deinen euch euer eure ` + // de
			`vous votre vos nous notre nos ` + // fr
			`usted ustedes nosotros nosotras nuestro nuestra nuestros nuestras tus ` + // es
			`noi nostro nostra nostri nostre voi vostro vostra vostri vostre tuo tua tuoi tue ` + // it
			`voce voces nosso nossa nossos nossas teu ` + // pt
			`uw jij jou jouw wij ons onze ` + // nl
			`nasz nasza nasze naszej naszego naszych naszym panstwo panstwa twoj twoja twoje`, // pl
		noticeReport: `said says told added according stated explained announced reported wrote warned promised insisted argued noted claimed confirmed denied admitted replied asked urged recalled acknowledged ` +
			`sagte sagt sagten erklarte betonte laut berichtete teilte warnte versprach schrieb bestatigte meinte ` +
			`declare selon affirme indique explique precise souligne estime ajoute raconte assure ` +
			`dijo dice dicen afirmo segun explico senalo aseguro declaro informo anadio indico advirtio prometio ` +
			`detto dichiarato secondo spiegato affermato sottolineato aggiunto riferito ` +
			`disse diz afirmou segundo declarou explicou informou acrescentou garantiu ` +
			`zei zeiden zegt volgens aldus verklaarde meldde schreef waarschuwde ` +
			`powiedzial powiedziala powiedzieli mowi wedlug stwierdzil poinformowal dodal podkreslil napisal`,
	} {
		for _, w := range strings.Fields(list) {
			m[w] = kind
		}
	}
	return m
}()

// formalAddress are the German forms of formal "you", which are only
// address when capitalised inside a clause.
var formalAddress = map[string]bool{"Sie": true, "Ihr": true, "Ihre": true, "Ihren": true, "Ihrem": true, "Ihrer": true, "Ihres": true, "Ihnen": true}

// liability matches a site declining responsibility (liabilityRegexps).
var liability = func() (res []*regexp.Regexp) {
	for _, expr := range liabilityRegexps {
		res = append(res, regexp.MustCompile(expr))
	}
	return res
}()

// noticePhrases are folded phrases that speak about the page itself or
// prompt the reader, in the languages of stopWordLists.
var noticePhrases = [...]string{
	"this site", "this website", "this web site", "this article", "this page", "this material", "this content", "this publication", "this post",
	"this column", "this blog", "this newsletter", "this podcast", "this video", "author's own", "authors' own", "are their own", "solely those of",
	"necessarily reflect", "continue reading", "keep reading", "unlimited access", "click here",
	"diese website", "dieser website", "diese webseite", "dieser webseite", "diese seite", "dieser seite", "dieser artikel", "diesem artikel", "dieses artikels",
	"nicht unbedingt", "weiterlesen", "klicken sie",
	"ce site", "cet article", "cette page", "ce contenu", "pas necessairement", "lire la suite", "continuer a lire", "cliquez",
	"este sitio", "este articulo", "esta pagina", "este contenido", "esta web", "necesariamente", "seguir leyendo", "sigue leyendo", "haga clic", "haz clic", "acceso ilimitado",
	"questo sito", "questo articolo", "questa pagina", "questo contenuto", "necessariamente", "continua a leggere", "clicca", "accesso illimitato",
	"este site", "este artigo", "este conteudo", "continuar lendo", "continue lendo", "clique", "acesso ilimitado",
	"deze website", "deze site", "dit artikel", "deze pagina", "noodzakelijk", "lees verder", "verder lezen", "klik hier",
	"ta strona", "tej stronie", "tej strony", "ten artykul", "tego artykulu", "ten serwis", "tym serwisie", "niekoniecznie", "czytaj dalej", "kliknij",
}
