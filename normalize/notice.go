package normalize

import (
	"slices"
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
// The scans outwards stop once the slack is exceeded: a word inside a
// sentence would otherwise have its whole sentence scanned.
func clauseMatch(f []byte, a, b int) bool {
	words, in := 0, false
	for l := a; l > 0 && !boundaryBefore(f, l-1); l-- {
		w := clauseWordByte(f[l-1])
		if w && !in {
			if words++; words > clauseSlack {
				return false
			}
		}
		in = w
	}
	in = false
	for r := b; r < len(f) && !boundaryAt(f, r); r++ {
		w := clauseWordByte(f[r])
		if w && !in {
			if words++; words > clauseSlack {
				return false
			}
		}
		in = w
	}
	return true
}

// clauseWordByte: letters and digits, any non-ASCII byte counting as a
// letter.
func clauseWordByte(c byte) bool { return c >= utf8.RuneSelf || asciiClass[c] == asciiWord }

// boundaryAt reports whether a clause ends at f[i] (scanning forwards):
// sentence punctuation followed by a space or the end, a bracket, a pipe,
// a spaced hyphen, a dash, bullet or guillemet (clauseMarks).
func boundaryAt(f []byte, i int) bool {
	if f[i] < utf8.RuneSelf {
		return boundaryByte(f, i)
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
	if f[i] < utf8.RuneSelf {
		return boundaryByte(f, i)
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
	readsAsPrompt           // a notice that speaks to the reader or about the page: the site's, wherever it stands
)

// readAs tells how trimmed line t (folded: f) reads, given the notice
// patterns in f when they are known (noticeHits; 0: not yet). A sentence starts
// with a capital or a digit, ends like a sentence, has at least
// narrativeMinWords words, most of them not capitalised (a title or a
// list of names is not a sentence), and carries no page furniture (©,
// ®, ™, a pipe: furniture). It is a notice when it addresses
// the reader or speaks about the page (youWords, weWords, noticePhrases), and
// reported speech when it has a reporting word ("said", "selon"), which
// outweighs the rest: "We use cookies sparingly, the company said."
func readAs(t string, f []byte, notices uint8) int {
	furniture := noticeBit(noticeRule(noticeFurniture))
	if notices&furniture != 0 || !endsSentence(t) {
		// Furniture found already (a copyright footer, once a page) is
		// a notice whatever the rest of the line.
		return readsAsNotice
	}
	if len(t) > foldCap {
		t = t[:foldCap] // f is as long at most; the words past it do not change the reading
	}
	first := strings.TrimLeft(t, "\"'“„«‘¿¡([ ")
	r, _ := utf8.DecodeRuneInString(first)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return readsAsNotice
	}
	words, caps, formal := capitals(t)
	if words < narrativeMinWords || caps*5 > (words-1)*3 {
		return readsAsNotice
	}
	// Furniture and notice phrases last, as finding them costs most
	// (unless the edge scan found them already).
	if notices == 0 {
		notices = noticeHits(f)
	}
	if notices&furniture != 0 {
		return readsAsNotice
	}
	phrase := notices&noticeBit(noticeRule(noticePhrase)) != 0
	// The words of f, packed as stop words are (packWord).
	you, we := formal, false
	for i := 0; i < len(f); {
		if wordBreak[f[i]] {
			i++
			continue
		}
		var key uint64
		for j := i + min(8, len(f)-i); i < j && !wordBreak[f[i]]; i++ { // the first 8 bytes
			key = key<<8 | uint64(f[i])
		}
		for i < len(f) && !wordBreak[f[i]] {
			i++
		}
		if readWords.has(key) { // one lookup for the three sets: most words are in none
			if reportWords.has(key) {
				return readsAsReporting // whatever else the line says
			}
			you = you || youWords.has(key)
			we = we || weWords.has(key)
		}
	}
	switch {
	case (you || phrase) && !hasQuoteMark(t):
		return readsAsPrompt
	case you, we, phrase:
		return readsAsNotice
	}
	return readsAsSentence
}

// hasQuoteMark reports whether t holds a quotation mark: " “ ” „ « ».
// (strings.ContainsAny with non-ASCII marks decodes t rune by rune and
// looks each rune up in the set: 4% of a run's CPU here.)
func hasQuoteMark(t string) bool {
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '"':
			return true
		case 0xE2: // “ ” „ are U+201C-U+201E: E2 80 9C-9E
			if i+2 < len(t) && t[i+1] == 0x80 && t[i+2] >= 0x9C && t[i+2] <= 0x9E {
				return true
			}
		case 0xC2: // « » are U+00AB and U+00BB: C2 AB, C2 BB
			if i+1 < len(t) && (t[i+1] == 0xAB || t[i+1] == 0xBB) {
				return true
			}
		}
	}
	return false
}

// capitals counts the words of t and those after the first that start
// with a capital, and reports German formal address: "Sie", "Ihre"
// capitalised after a word or comma of the same clause (at a sentence's
// start they may be "she" or "they").
func capitals(t string) (words, caps int, formal bool) {
	afterWord := false
	for i := 0; i < len(t); {
		c := t[i]
		if wordBreak[c] {
			if c != ' ' && c != ',' {
				afterWord = false
			}
			i++
			continue
		}
		words++
		upper := 'A' <= c && c <= 'Z'
		if c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRuneInString(t[i:])
			upper = unicode.IsUpper(r)
		}
		if upper && words > 1 {
			caps++
			if afterWord && (c == 'S' || c == 'I') && formalAddress[wordAt(t, i)] {
				formal = true
			}
		}
		// The rest of the word, in a loop of its own: most bytes are
		// inside words.
		for i++; i < len(t) && !wordBreak[t[i]]; i++ {
		}
		afterWord = true
	}
	return words, caps, formal
}

// wordAt returns the ASCII word of t starting at i.
func wordAt(t string, i int) string {
	j := i
	for j < len(t) && t[j] < utf8.RuneSelf && asciiClass[t[j]] == asciiWord {
		j++
	}
	return t[i:j]
}

func isWordByte(c byte) bool {
	return c < utf8.RuneSelf && (asciiClass[c] == asciiWord || asciiClass[c] == asciiStop)
}

// furniture are folded marks of page furniture that no sentence of an
// article carries: links, and copyright written out with a year.
var furniture = [...]string{"©", "®", "™", "http", "www.", "(c) 1", "(c) 2", "(c)1", "(c)2", "copyright 1", "copyright 2", "copyright (c)"}

// narrativeMinWords: shorter lines ("All rights reserved.", "Tous droits
// réservés.") are labels more often than sentences.
const narrativeMinWords = 4

// youWords are folded words (see fold) that address the reader (you,
// your in the languages of stopWordLists), weWords those of a site or
// writer speaking for itself (we, our: opinion pieces and blogs do too,
// so only with a rule's match), reportWords mark reported speech (said,
// according to). Words shared by several languages are listed once;
// words are packed as stop words are (packWord: the first 8 bytes).
var (
	youWords = packWords(`you your yours yourself ` + // en
		`dein deine deinen euch euer eure ` + // de (formal "Sie": capitals)
		`vous votre vos ` + // fr
		`usted ustedes tus ` + // es
		`voi vostro vostra vostri vostre tuo tua tuoi tue ` + // it
		`voce voces teu ` + // pt
		`uw jij jou jouw ` + // nl
		`panstwo panstwa twoj twoja twoje`) // pl
	weWords = packWords(`we our ours ` +
		`wir uns unser unsere unseren unserem unserer unseres ` +
		`nous notre nos ` +
		`nosotros nosotras nuestro nuestra nuestros nuestras ` +
		`noi nostro nostra nostri nostre ` +
		`nosso nossa nossos nossas ` +
		`wij ons onze ` +
		`nasz nasza nasze naszej naszego naszych naszym nasi`)
	reportWords = packWords(`said says told added according stated explained announced reported wrote warned promised insisted argued noted claimed confirmed denied admitted replied asked urged recalled acknowledged ` +
		`sagte sagt sagten erklarte betonte laut berichtete teilte warnte versprach schrieb bestatigte meinte ` +
		`declare selon affirme indique explique precise souligne estime ajoute raconte assure ` +
		`dijo dice dicen afirmo segun explico senalo aseguro declaro informo anadio indico advirtio prometio ` +
		`detto dichiarato secondo spiegato affermato sottolineato aggiunto riferito ` +
		`disse diz afirmou segundo declarou explicou informou acrescentou garantiu ` +
		`zei zeiden zegt volgens aldus verklaarde meldde schreef waarschuwde ` +
		`powiedzial powiedziala powiedzieli mowi wedlug stwierdzil poinformowal dodal podkreslil napisal ` +
		`believe think say argue meinen glauben sagen estiment pensent disent creen opinan ritengono pensano dicono acham consideram dizem vinden menen zeggen uwazaja twierdza uwaza twierdzi`)
)

// readWords is the union of youWords, weWords and reportWords.
var readWords = func() *packedSet {
	var t packedSet
	for _, set := range [...]*packedSet{youWords, weWords, reportWords} {
		for _, k := range set {
			if k != 0 {
				t.add(k)
			}
		}
	}
	return &t
}()

// wordBreak marks the ASCII bytes that end a word: neither a letter, a
// digit nor an apostrophe (readAs and capitals read a line a byte at a
// time with one table load).
var wordBreak = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = asciiClass[c] != asciiWord && c != '\''
	}
	return t
}()

func packWords(list string) *packedSet {
	var t packedSet
	for _, w := range strings.Fields(list) {
		t.add(packWord(w))
	}
	return &t
}

// formalAddress are the German forms of formal "you", which are only
// address when capitalised inside a clause.
var formalAddress = map[string]bool{"Sie": true, "Ihr": true, "Ihre": true, "Ihren": true, "Ihrem": true, "Ihrer": true, "Ihres": true, "Ihnen": true}

// noticeRules are the patterns readAs looks for: furniture (rule
// noticeFurniture), and noticePhrases, liabilityPhrases (a site
// declining responsibility) and paywallCounters (noticePhrase). A rule
// index finds them in one pass over a line (noticeIndex, and the edge
// rules' index, which carries them too); a hundred substring searches
// made readAs cost as much as stripping a document.
var noticeRules = func() []compiledRule {
	rules, err := compileRules([]Rule{
		{Name: "furniture", Contains: append([]string{"|"}, furniture[:]...), MaxLen: foldCap},
		{Name: "notice", Contains: slices.Concat(noticePhrases[:], liabilityPhrases, paywallCounters), MaxLen: foldCap},
	})
	if err != nil {
		panic(err)
	}
	return rules
}()

// noticeIndex finds the notice patterns alone.
var noticeIndex = newRuleIndex(nil, Anywhere, true)

// The notice rules, by index in noticeRules.
const (
	noticeFurniture = iota
	noticePhrase
)

// noticeRule is the pattern rule of noticeRules[k] in a ruleIndex (below
// 0, where a rule's index is not), and noticeBit its bit in
// matches.notices.
func noticeRule(k int) int32     { return int32(-1 - k) }
func noticeBit(rule int32) uint8 { return 1 << (-1 - rule) }

// noticeKnown is set in every matches.notices, so that 0 means not
// looked for.
const noticeKnown = 1 << 7

// noticeHits returns the notice patterns in folded line f, as
// matches.notices.
func noticeHits(f []byte) uint8 {
	return noticeIndex.lookup(nil, f, query{anyPrev: true}).notices
}

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
	"ta strona", "tej stronie", "tej strony", "ten artykul", "tego artykulu", "tym artykule", "ten serwis", "tym serwisie", "niekoniecznie", "czytaj dalej", "kliknij",
	// cookie consent: the reader's browsing and the site's partners
	// (not cookies themselves: articles are written about them)
	"your experience", "our partners", "continuing to browse", "ihr nutzererlebnis", "unsere partner", "votre experience", "nos partenaires", "poursuivant votre navigation",
	"su experiencia", "nuestros socios", "continuas navegando", "continua navegando", "la tua esperienza", "i nostri partner", "continuando a navigare",
	"sua experiencia", "nossos parceiros", "continuar a navegar", "uw ervaring", "onze partners",
}
