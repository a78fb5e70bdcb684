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
//
// A line longer than a notice (maxNoticeLen), or a logical line of
// several physical ones (reflow), is read a sentence at a time, and is
// the article's when one of its sentences is: a page wrapped without
// blank lines joins a notice to the paragraph before or after it ("...
// said the mayor. This text comes from a news agency and was not
// edited"), and the paragraph must not go with it.
func readAs(t string, f []byte, notices uint8) int {
	if len(t) <= maxNoticeLen && strings.IndexByte(t, '\n') < 0 {
		return readSentence(t, f, notices)
	}
	if notices == 0 {
		notices = noticeHits(f) // furniture anywhere makes the whole line a notice
	}
	if notices&noticeBit(noticeRule(noticeFurniture)) != 0 {
		return readsAsNotice
	}
	// The patterns are plain substrings: a sentence holds none the whole
	// line lacks, so only a line with a phrase is looked up again a
	// sentence at a time.
	each := notices
	if notices&noticeBit(noticeRule(noticePhrase)) != 0 {
		each = 0
	}
	most := readsAsNotice
	for {
		i, ti := sentenceEnd(t)
		j, fj := sentenceEnd(f)
		if i == 0 || j == 0 {
			break
		}
		switch r := readSentence(t[:i], f[:j], each); r {
		case readsAsSentence, readsAsReporting:
			return r
		case readsAsPrompt:
			most = r
		}
		t, f = t[ti:], f[fj:]
	}
	r := readSentence(t, f, each)
	if r == readsAsNotice {
		r = most
	}
	return r
}

// readSentence is readAs of one sentence, or of a line read whole.
func readSentence(t string, f []byte, notices uint8) int {
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
	for i := 0; ; {
		key, start, end := packedWord(f, i)
		if start == len(f) {
			break
		}
		i = end
		if start == 0 && promptOpeners[string(f[start:end])] && oneSentence(f) {
			// An imperative addresses the reader, but only in its own
			// sentence: a prompt joined to the paragraph after it (a
			// wrapped page) is no prompt as a whole.
			you = true
		}
		if readWords.has(key) { // one lookup for the three sets: most words are in none
			if reportWords.has(key) && !(accordingWords.has(key) && ourNext(f[i:])) {
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
	// The languages that drop the pronoun address the reader by the
	// verb: the second persons of the verbs notices use (accept, can,
	// want, have), none of them a word of another of the languages.
	youWords = packWords(`you your yours yourself ` + // en
		`dein deine deinen deinem deiner dir dich euch euer eure kannst willst ` + // de (formal "Sie": capitals)
		`vous votre vos tes toi ` + // fr
		`usted ustedes tus tuyo vuestro vuestra aceptas puedes quieres tienes ` + // es
		`voi vostro vostra vostri vostre tuo tua tuoi tue accetti puoi vuoi ` + // it
		`voce voces teu tua teus tuas aceitas concordas podes queres ` + // pt
		`uw jij jou jouw ` + // nl
		`panstwo panstwa twoj twoja twoje twojej twoim twoich twojego wyrazasz zgadzasz mozesz chcesz masz jestes`) // pl
	// weWords also hold the newsroom, by which a site speaks of its own
	// staff ("not edited by the newsroom"), and Dutch "je", which is
	// "you" but French "I": either way no sentence of a report.
	weWords = packWords(`we our ours newsroom ` +
		`wir uns unser unsere unseren unserem unserer unseres redaktion ` +
		`nous notre nos redaction je ` +
		`nosotros nosotras nuestro nuestra nuestros nuestras redaccion ` +
		`noi nostro nostra nostri nostre redazione ` +
		`nosso nossa nossos nossas redacao ` +
		`wij ons onze redactie ` +
		`nasz nasza nasze naszej naszego naszych naszym nasi redakcja redakcji`)
	reportWords = packWords(`said says told added according stated explained announced reported wrote warned promised insisted argued noted claimed confirmed denied admitted replied asked urged recalled acknowledged ` +
		`sagte sagt sagten erklarte betonte laut berichtete teilte warnte versprach schrieb bestatigte meinte ` +
		`declare selon affirme indique explique precise souligne estime ajoute raconte assure ` +
		`dijo dice dicen afirmo segun explico senalo aseguro declaro informo anadio indico advirtio prometio ` +
		`detto dichiarato secondo spiegato affermato sottolineato aggiunto riferito ` +
		`disse diz afirmou segundo declarou explicou informou acrescentou garantiu ` +
		`zei zeiden zegt volgens aldus verklaarde meldde schreef waarschuwde ` +
		`powiedzial powiedziala powiedzieli mowi wedlug stwierdzil poinformowal dodal podkreslil napisal ` +
		// plurals and forms whose first 8 bytes differ from those above
		`tells adds reports insists affirment indiquent expliquent precisent soulignent estiment ajoutent racontent assurent confie rapporte ` +
		`dijeron afirmaron explicaron senalaron indicaron informaron aseguraron declararon anunciaron advirtieron agrego precisaron ` +
		`disseram afirmaram explicaram informaram contou contaram revelou adiantou referiu sublinhou avancou ` +
		`betonten warnten teilten schrieben berichten hiess ` +
		`vertelde vertelt stelde liet ` +
		`mowia przekazal przekazali podali podala oswiadczyl zaznaczyl przyznal ocenil ` +
		`believe think say argue meinen glauben sagen estiment pensent disent creen opinan ritengono pensano dicono acham consideram dizem vinden menen zeggen uwazaja twierdza uwaza twierdzi`)
)

// sentenceEnd returns the length of the first sentence of t when another
// follows it ('.', '!' or '?' and a space or line break: a logical line
// keeps the breaks of its physical lines), and where the next starts; 0,
// 0 when none follows. The breaks are the bytes fold makes a space (a
// tab, a no-break space: "M.\u00a0Dupont"), so that a line and its fold
// have the same sentences: else the words read for one sentence were
// another's.
func sentenceEnd[T string | []byte](t T) (end, next int) {
	for i := 1; i+1 < len(t); i++ {
		if t[i-1] != '.' && t[i-1] != '!' && t[i-1] != '?' {
			continue
		}
		switch {
		case foldTable[t[i]] == ' ':
			return i, i + 1
		case t[i] == 0xC2 && t[i+1] == 0xA0:
			return i, i + 2
		}
	}
	return 0, 0
}

// oneSentence reports whether folded line f ends no sentence before its
// end.
func oneSentence(f []byte) bool {
	end, _ := sentenceEnd(f)
	return end == 0
}

// promptOpeners are folded imperatives that open a prompt to the reader
// ("Subscribe", "Abonnez-vous", "Ontvang", "Zapisz się"), so that the
// languages whose prompts name no pronoun read as address. Words that
// also open a report's sentence are not among them: "Support for",
// "Like many", "Sign-up", "Never before", "Stay-at-home", "Word of",
// "Lies", "Continue" (also Portuguese and Spanish "continues"), German
// "Folge", "Sichere", Spanish "Sigue", Italian "Leggi"
// (laws), Dutch "Steun".
var promptOpeners = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`subscribe register join enter try become discover download unlock click tap don't dont upgrade get learn manage accept allow find ` +
		`abonniere registriere melde hol entdecke unterstutze erhalte trag ` +
		`abonnez inscrivez recevez decouvrez profitez soutenez accedez rejoignez aimez lisez saisissez entrez telechargez cliquez acceptez abonne inscris rejoins decouvre soutiens profite gerez parametrez connectez retrouvez suivez ` +
		`suscribete registrate recibe descubre apoya unete accede disfruta hazte introduce suscribase apoye acceda consulte acepta registrese lea acepte descargue haz ` +
		`abbonati iscriviti registrati ricevi scopri sostieni accedi seguici unisciti inserisci clicca scarica gestisci segui prosegui ` +
		`assine inscreva registe cadastre receba descubra apoie aceda acesse leia junte introduza insira clique baixe torne subscreva aproveite garanta experimente saiba conheca faca ative ` +
		`schrijf meld ontvang ontdek lees volg vul probeer neem registreer abonneer klik accepteer bekijk log sluit ` +
		`zapisz zarejestruj subskrybuj zaprenumeruj wykup kup odbierz otrzymuj odkryj wspieraj wesprzyj dolacz obserwuj czytaj przeczytaj polub wpisz podaj kliknij zaloguj pobierz sprawdz skorzystaj zamow zaakceptuj akceptuj dowiedz przejdz zobacz wejdz zostan`) {
		m[w] = true
	}
	return m
}()

// accordingWords are the reportWords that also say "in keeping with":
// before the site's own possessive ("secondo la nostra informativa",
// "volgens ons privacybeleid", "according to our policy") they report
// no one (ourNext).
var accordingWords = packWords(`according laut selon segun secondo segundo volgens wedlug`)

// ourNext reports whether one of the next two words of folded text f
// (which starts after a word) is a weWord.
func ourNext(f []byte) bool {
	for n, i := 0, 0; n < 2; n++ {
		key, start, end := packedWord(f, i)
		if start == len(f) {
			return false
		}
		if weWords.has(key) {
			return true
		}
		i = end
	}
	return false
}

// packedWord returns the first word of folded text f at or after i, past
// word breaks, packed as stop words are (packWord: its first 8 bytes),
// and where it starts and ends; start is len(f) when no word is left.
func packedWord(f []byte, i int) (key uint64, start, end int) {
	for i < len(f) && wordBreak[f[i]] {
		i++
	}
	start = i
	for j := i + min(8, len(f)-i); i < j && !wordBreak[f[i]]; i++ {
		key = key<<8 | uint64(f[i])
	}
	for i < len(f) && !wordBreak[f[i]] {
		i++
	}
	return key, start, i
}

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
	// German prompts in the infinitive: "Jetzt abonnieren und ...", "Hier kostenlos registrieren."
	"jetzt abonnieren", "jetzt registrieren", "jetzt anmelden", "jetzt testen", "jetzt kostenlos", "kostenlos registrieren", "kostenlos anmelden", "hier registrieren", "hier anmelden",
	"ce site", "cet article", "cette page", "ce contenu", "pas necessairement", "lire la suite", "continuer a lire", "cliquez",
	"este sitio", "este articulo", "esta pagina", "este contenido", "esta web", "necesariamente", "seguir leyendo", "sigue leyendo", "haga clic", "haz clic", "acceso ilimitado",
	"questo sito", "questo articolo", "questa pagina", "questo contenuto", "necessariamente", "continua a leggere", "clicca", "accesso illimitato",
	"este site", "este artigo", "este conteudo", "continuar lendo", "continue lendo", "clique", "acesso ilimitado",
	"deze website", "deze site", "dit artikel", "deze pagina", "noodzakelijk", "lees verder", "verder lezen", "klik hier",
	"ta strona", "tej stronie", "tej strony", "ten artykul", "tego artykulu", "tym artykule", "ten serwis", "tym serwisie", "niekoniecznie", "czytaj dalej", "kliknij",
	// the text itself, as a wire notice names it, or a paywall the rest
	"this story", "this text", "dieser text", "ce texte", "este texto", "questo testo", "deze tekst", "dit bericht", "ten tekst",
	"the full article", "den vollstandigen artikel", "der vollstandige artikel", "l'article complet", "el articulo completo", "l'articolo completo", "o artigo completo", "het volledige artikel", "caly artykul", "pelny artykul",
	// cookie consent: the reader's browsing and the site's partners
	// (not cookies themselves: articles are written about them)
	"your experience", "our partners", "continuing to browse", "ihr nutzererlebnis", "unsere partner", "votre experience", "nos partenaires", "poursuivant votre navigation",
	"su experiencia", "nuestros socios", "continuas navegando", "continua navegando", "la tua esperienza", "i nostri partner", "continuando a navigare",
	"sua experiencia", "nossos parceiros", "continuar a navegar", "uw ervaring", "onze partners",
	// consent to cookies, in the reader's person or the site's
	"acconsenti", "stem je in", "ga je akkoord", "gaat u akkoord", "wyrazasz zgode",
}

// keepAfterInserts keeps the article's last paragraphs that the body
// search left behind inserts: after the body (ending at ls[b]), past at
// most inlineMaxRuled lines that are weak or claimed by an anywhere rule
// or as inserts (ads, related links, prompts between paragraphs; not a
// wall, and no edge rule's footer line), the prose lines that read as
// sentences of the article (readAs), and again after them. Prose weighs
// less the later it comes, so a short last paragraph after two prompts
// weighed less than their tolls; a footer notice reads as one.
func (s *Stripper) keepAfterInserts(ls []line, b int, fs *folds) {
	// Lines passed since the last prose line, whether one was claimed
	// (a heading over readers' comments is weak, and no insert), and
	// whether that prose line was kept.
	passed, ruled, kept := 0, false, false
	for i := b + 1; i < len(ls); i++ {
		l := &ls[i]
		switch {
		case l.class == blank:
		case l.class == weak || l.class == claimed && (l.rule == ruleInsert || l.rule >= 0 && s.rules[l.rule].Scope == Anywhere && !s.wallRule(l)):
			if passed++; passed > inlineMaxRuled {
				return
			}
			ruled = ruled || l.class == claimed
		case l.class == prose && (ruled || kept && passed == 0):
			if r := l.readAs(fs); r != readsAsSentence && r != readsAsReporting {
				return
			}
			l.keep, passed, ruled, kept = true, 0, false, true
		default:
			return
		}
	}
}
