package normalize

import (
	"strings"
	"testing"
)

// langCase is one language's test material: an article body, boilerplate
// lines a site of that language prints (written unlike the rules'
// patterns where a site could: other case, accents dropped, other word
// order or punctuation), and trap sentences: sentences of an article that
// carry a rule's trigger words and must be kept wherever they stand.
type langCase struct {
	lang   string
	body   []string
	header []string // boilerplate before the body
	inline []string // boilerplate between body paragraphs
	footer []string // boilerplate after the body
	traps  []string
}

var langCases = []langCase{
	{
		lang: "en",
		body: bodyParas,
		header: []string{"ALREADY A SUBSCRIBER? Sign in", "We use cookies to give you the best experience on our website.",
			"Home » Politics » Europe"},
		inline: []string{"ADVERTISEMENT", "Sign up for our morning newsletter", "Share on Facebook"},
		footer: []string{"Subscribe now to get unlimited access to our journalism.", "The opinions expressed in this column are the author's own.",
			"Copyright 2024 Example News Ltd", "(c) 2024 Example News. Some Rights Reserved.", "About | Contact | Privacy policy | Terms",
			"Support independent journalism: get full access from 2 pounds a week.",
			"This story comes from a wire service and has not been edited by our staff.", "Read our privacy policy to learn how the cookies on this site are used."},
		traps: []string{
			"Copyright lawyers for the studio said the ruling would be appealed.",
			"The views expressed by the minister were not shared by the cabinet, officials said.",
			"The opinions expressed at the hearing ranged from anger to relief, according to people who attended.",
			"The publisher argued that all rights reserved by the original author had lapsed when the contract expired.",
			"Disclaimer notices, he said, are rarely read by anyone and protect the company from very little in court.",
			"For media inquiries the ministry now refers reporters to a call centre that closes at noon, the report said.",
			"Articles by local historians were used to reconstruct the bridge's original design, the engineers said.",
			"Prices rose in: food, fuel and rent, the statistics agency said in its monthly report.",
			"Comments by the mayor on the radio angered shop owners on the east bank.",
			"Share prices of the ferry operator rose sharply after the announcement, traders in London said.",
			"Subscribers to the council's newsletter were told about the closure a week before everyone else.",
			"Sign-up numbers for the ferry pass were higher than expected, a council spokesman said.",
			"Already a subscriber to three newspapers, the retired teacher said he learned of the closure on the radio.",
			"We use cookies as bait for the raccoons that nest under the bridge, a worker told reporters.",
			"Related stories about the bridge have run in the local paper for years, the editor said.",
			"Home prices near the bridge have fallen by a tenth since the closure, estate agents said.",
			"Advertisement spending by the council fell by a third last year, according to its annual accounts.",
			"Your email address will not be published in the register, the council promised residents.",
			"Residents can write to [email protected] for a copy of the plans, the council said.",
			"Those who support independent journalism should pay for it, the minister told parliament.",
			"The minister said the report had not been edited by her office before it was published.",
		},
	},
	{
		lang: "de",
		body: []string{
			"Der Stadtrat hat am Dienstag beschlossen, die alte Brücke wegen Reparaturen zu sperren, nachdem Ingenieure Risse in zwei Pfeilern gefunden hatten.",
			"Anwohner, die die Brücke jeden Tag nutzen, sagten, man habe ihnen nicht gesagt, wie lange die Arbeiten dauern würden, und mehrere Ladenbesitzer fürchten um ihren Umsatz.",
			"Ein Sprecher der Stadt sagte, ab dem nächsten Monat werde eine Fähre verkehren und die Reparaturen sollten bis zum Jahresende abgeschlossen sein.",
		},
		header: []string{"Bereits Abonnent? Hier einloggen", "Diese Website verwendet Cookies, um Ihnen ein besseres Nutzererlebnis zu bieten.", "Startseite › Politik › Ausland"},
		inline: []string{"ANZEIGE", "Jetzt den Newsletter abonnieren", "Artikel teilen"},
		footer: []string{"Lesen Sie weiter mit einem Abo: Jetzt für 1 Euro testen und weiterlesen.", "Kommentar schreiben",
			"© Beispiel Verlag GmbH 2024 – ALLE RECHTE VORBEHALTEN", "Impressum | Datenschutz | AGB | Kontakt", "Unbegrenzt lesen: das Digital-Abo, jederzeit kündbar.",
			"Dieser Text wurde aus einer Agenturmeldung übernommen und nicht redaktionell bearbeitet.", "Mit der Nutzung dieser Website stimmen Sie der Verwendung von Cookies zu.",
			"Alle Inhalte der Beispiel Zeitung für 1 Euro im ersten Monat."},
		traps: []string{
			"Urheberrechtsanwälte des Studios kündigten an, gegen das Urteil Berufung einzulegen.",
			"Die Meinung des Autors der Studie wurde vom Ministerium nicht geteilt, sagte eine Sprecherin.",
			"Alle Rechte vorbehalten habe sich der frühere Eigentümer beim Verkauf nicht, sagte der Anwalt.",
			"Kommentare des Bürgermeisters im Radio verärgerten die Ladenbesitzer am Ostufer.",
			"Abonnenten der Lokalzeitung erfuhren von der Sperrung eine Woche früher als alle anderen.",
			"Cookies und Kuchen verkauften die Helfer am Samstag an der Brücke, berichtete die Zeitung.",
			"Anzeigenkunden der Zeitung zogen sich nach dem Streit zurück, teilte der Verlag mit.",
			"Das Digital-Abo der Stadtwerke sei jederzeit kündbar, sagte eine Sprecherin.",
			"Die Verwendung von Cookies auf Behördenseiten sei unzulässig, berichtete die Zeitung.",
			"Neue Kunden zahlten 9 Euro im ersten Monat, teilte der Anbieter mit.",
		},
	},
	{
		lang: "fr",
		body: []string{
			"Le conseil municipal a voté mardi la fermeture du vieux pont pour des travaux, après que des ingénieurs ont découvert des fissures dans deux de ses piliers.",
			"Les habitants qui empruntent le pont chaque jour disent ne pas savoir combien de temps dureront les travaux, et plusieurs commerçants craignent une baisse de leur chiffre d'affaires.",
			"Un porte-parole de la mairie a déclaré qu'un bac fonctionnerait dès le mois prochain et que les travaux devraient être terminés avant la fin de l'année.",
		},
		header: []string{"Déjà abonné ? Connectez-vous", "Nous utilisons des cookies pour améliorer votre expérience sur notre site.", "Accueil » International » Europe"},
		inline: []string{"PUBLICITÉ", "Inscrivez-vous à notre newsletter", "Partager sur Twitter"},
		footer: []string{"Cet article est réservé aux abonnés. Abonnez-vous pour lire la suite.", "Laisser un commentaire",
			"© Le Journal 2024 - Tous droits reserves", "Mentions légales · Confidentialité · Contact", "Essai gratuit : accédez à tous nos articles, offre sans engagement.",
			"Cet article provient d'une dépêche d'agence et n'a pas été relu par la rédaction.", "En naviguant sur ce site, vous acceptez l'utilisation de cookies."},
		traps: []string{
			"Tous droits réservés ou non, les avocats du studio ont annoncé qu'ils feraient appel, selon l'agence.",
			"Les opinions exprimées par le ministre n'ont pas été partagées par le gouvernement, selon des responsables.",
			"Les commentaires du maire à la radio ont agacé les commerçants de la rive est.",
			"Les abonnés du journal local ont appris la fermeture une semaine avant tout le monde.",
			"Toute reproduction du tableau reste interdite jusqu'en juillet, du moins pour les visiteurs du musée.",
			"Partager le coût des travaux avec la région reste l'option préférée du maire, a-t-il déclaré.",
			"La publicité municipale a coûté un tiers de moins l'an dernier, selon les comptes annuels.",
			"L'essai gratuit du vaccin a débuté lundi à Lyon, selon l'hôpital.",
			"Selon une dépêche d'agence, le maire a démissionné mardi soir.",
		},
	},
	{
		lang: "es",
		body: []string{
			"El ayuntamiento votó el martes cerrar el viejo puente por reparaciones, después de que los ingenieros descubrieran grietas en dos de sus pilares.",
			"Los vecinos que cruzan el puente cada día dijeron que nadie les había explicado cuánto durarían las obras, y varios comerciantes temen una caída de las ventas.",
			"Un portavoz del ayuntamiento afirmó que un transbordador funcionará a partir del mes próximo y que las obras terminarán antes de fin de año.",
		},
		header: []string{"¿Ya eres suscriptor? Inicia sesión", "Utilizamos cookies propias y de terceros para mejorar nuestros servicios.", "Inicio » Internacional » Europa"},
		inline: []string{"PUBLICIDAD", "Suscríbete a nuestro boletín", "Compartir en WhatsApp"},
		footer: []string{"Este contenido es exclusivo para suscriptores.", "Deja un comentario",
			"© 2024 El Diario. Reservados todos los derechos.", "Aviso legal | Política de privacidad | Contacto", "Hazte socio y lee sin límites por 1 euro el primer mes.",
			"Este texto procede de una agencia y no ha sido editado por nuestra redacción.", "Al navegar por esta web aceptas el uso de cookies."},
		traps: []string{
			"Los derechos reservados por el autor original habían caducado, según el abogado de la editorial.",
			"Las opiniones expresadas por el ministro no fueron compartidas por el gobierno, dijeron fuentes oficiales.",
			"Los comentarios del alcalde en la radio molestaron a los comerciantes de la orilla este.",
			"Los suscriptores del diario local supieron del cierre una semana antes que los demás, según el editor.",
			"La publicidad municipal costó un tercio menos el año pasado, según las cuentas anuales.",
			"Hazte socio, le dijo el presidente del club al alcalde, según varios testigos.",
			"El uso de cookies en las webs públicas es ilegal, dijeron los jueces.",
		},
	},
	{
		lang: "it",
		body: []string{
			"Il consiglio comunale ha votato martedì la chiusura del vecchio ponte per lavori, dopo che gli ingegneri hanno trovato crepe in due dei suoi piloni.",
			"I residenti che attraversano il ponte ogni giorno hanno detto di non sapere quanto dureranno i lavori, e diversi negozianti temono un calo delle vendite.",
			"Un portavoce del comune ha detto che un traghetto sarà attivo dal mese prossimo e che i lavori dovrebbero finire entro l'anno.",
		},
		header: []string{"Sei già abbonato? Accedi", "Questo sito utilizza cookie tecnici e di profilazione.", "Home › Esteri › Europa"},
		inline: []string{"Pubblicità", "Iscriviti alla nostra newsletter", "Condividi su Facebook"},
		footer: []string{"Contenuto riservato agli abbonati. Abbonati per continuare a leggere.", "Ti rimangono 3 articoli gratuiti questo mese.", "Lascia un commento",
			"Copyright © 2024 Il Giornale S.p.A. - TUTTI I DIRITTI RISERVATI", "Chi siamo | Privacy | Contatti", "Sostieni il giornalismo di qualità: leggi senza limiti a 1 euro.",
			"Questo testo proviene da un'agenzia e non è stato modificato dalla redazione.", "Proseguendo la navigazione acconsenti all'uso dei cookie."},
		traps: []string{
			"I diritti riservati all'autore originale erano scaduti, secondo l'avvocato dell'editore.",
			"Le opinioni espresse dal ministro non sono state condivise dal governo, hanno detto fonti ufficiali.",
			"I commenti del sindaco alla radio hanno irritato i negozianti della riva est.",
			"Gli abbonati del giornale locale hanno saputo della chiusura una settimana prima degli altri.",
			"Leggere senza limiti è un diritto, ha detto il sindaco davanti alla biblioteca.",
			"L'uso dei cookie sui siti pubblici è illegale, ha detto il giudice.",
		},
	},
	{
		lang: "pt",
		body: []string{
			"A câmara municipal votou na terça-feira o fecho da velha ponte para obras, depois de os engenheiros terem encontrado fissuras em dois dos seus pilares.",
			"Os moradores que atravessam a ponte todos os dias disseram que ninguém lhes explicou quanto tempo durariam as obras, e vários comerciantes temem uma quebra nas vendas.",
			"Um porta-voz da câmara afirmou que um ferry vai funcionar a partir do próximo mês e que as obras devem terminar antes do fim do ano.",
		},
		header: []string{"Já é assinante? Faça login", "Este site utiliza cookies para melhorar a sua experiência.", "Início › Mundo › Europa"},
		inline: []string{"PUBLICIDADE", "Receba a nossa newsletter", "Partilhar no Facebook"},
		footer: []string{"Conteúdo exclusivo para assinantes.", "Deixe um comentário",
			"© 2024 O Jornal. Todos os direitos reservados.", "Ficha técnica | Privacidade | Contactos", "Torne-se assinante e tenha acesso ilimitado ao nosso jornalismo.",
			"Este texto provém de uma agência e não foi editado pela nossa redação.", "Ao navegar neste site, aceita a utilização de cookies."},
		traps: []string{
			"Os direitos reservados ao autor original tinham caducado, segundo o advogado da editora.",
			"As opiniões expressas pelo ministro não foram partilhadas pelo governo, disseram fontes oficiais.",
			"Os comentários do presidente da câmara na rádio irritaram os comerciantes da margem leste.",
			"Os assinantes do jornal local souberam do fecho uma semana antes dos outros, disse o editor.",
			"Torne-se assinante, pedia o cartaz na entrada do estádio, segundo os adeptos.",
			"A utilização de cookies nos sites públicos é ilegal, disseram os juízes.",
		},
	},
	{
		lang: "nl",
		body: []string{
			"De gemeenteraad heeft dinsdag besloten de oude brug te sluiten voor herstel, nadat ingenieurs scheuren hadden gevonden in twee van de pijlers.",
			"Bewoners die de brug elke dag gebruiken, zeiden dat niemand hun had verteld hoe lang de werkzaamheden zouden duren, en verschillende winkeliers vrezen minder omzet.",
			"Een woordvoerder van de gemeente zei dat er vanaf volgende maand een pont zal varen en dat het herstel voor het einde van het jaar klaar moet zijn.",
		},
		header: []string{"Al abonnee? Log hier in", "Deze website gebruikt cookies om uw ervaring te verbeteren.", "Home › Nieuws › Buitenland"},
		inline: []string{"ADVERTENTIE", "Schrijf je in voor onze nieuwsbrief", "Deel dit artikel"},
		footer: []string{"Dit artikel is alleen voor abonnees. Word abonnee en lees verder.", "Plaats een reactie",
			"© 2024 De Krant B.V. Alle rechten voorbehouden.", "Colofon | Privacy | Contact", "Neem een abonnement en lees onbeperkt voor 2 euro per week.",
			"Dit bericht is overgenomen van een persbureau en niet bewerkt door de redactie.", "Door deze site te bezoeken ga je akkoord met het gebruik van cookies.",
			"Alles van De Krant voor 1 euro de eerste maand."},
		traps: []string{
			"Alle rechten voorbehouden door de oorspronkelijke auteur waren verlopen, aldus de advocaat van de uitgever.",
			"De meningen van de minister werden niet gedeeld door het kabinet, zeiden ambtenaren.",
			"De reacties van de burgemeester op de radio ergerden de winkeliers aan de oostoever.",
			"Abonnees van de lokale krant hoorden een week eerder dan anderen van de sluiting.",
			"Wie een abonnement neemt, kan onbeperkt lezen in de bibliotheek, zei de wethouder.",
			"Het gebruik van cookies op overheidssites is verboden, zei de rechter.",
		},
	},
	{
		lang: "pl",
		body: []string{
			"Rada miasta zdecydowała we wtorek o zamknięciu starego mostu na czas remontu, po tym jak inżynierowie znaleźli pęknięcia w dwóch filarach.",
			"Mieszkańcy, którzy codziennie przechodzą przez most, mówią, że nikt im nie powiedział, jak długo potrwają prace, a kilku sklepikarzy obawia się spadku obrotów.",
			"Rzecznik urzędu miasta powiedział, że od przyszłego miesiąca będzie kursował prom, a remont powinien zakończyć się przed końcem roku.",
		},
		header: []string{"Masz już konto? Zaloguj się", "Ta strona korzysta z plików cookie w celu realizacji usług.", "Strona główna › Świat › Europa"},
		inline: []string{"REKLAMA", "Zapisz się do naszego newslettera", "Udostępnij na Facebooku"},
		footer: []string{"Artykuł dostępny tylko dla subskrybentów.", "Zostały Ci 2 darmowe artykuły w tym miesiącu.", "Dodaj komentarz",
			"© 2024 Gazeta Sp. z o.o. WSZELKIE PRAWA ZASTRZEZONE", "Regulamin | Polityka prywatności | Kontakt", "Wykup subskrypcję i czytaj bez ograniczeń.",
			"Ten tekst pochodzi z serwisu agencyjnego i nie był redagowany przez redakcję.", "Korzystając ze strony, wyrażasz zgodę na używanie plików cookie.",
			"Cała Gazeta Krakowska za 5 zł w pierwszym miesiącu."},
		traps: []string{
			"Prawa zastrzeżone przez pierwotnego autora wygasły, powiedział adwokat wydawnictwa.",
			"Opinie wyrażone przez ministra nie zostały podzielone przez rząd, powiedzieli urzędnicy.",
			"Komentarze burmistrza w porannej audycji radiowej zirytowały sklepikarzy na wschodnim brzegu rzeki.",
			"Reklama miejska kosztowała w zeszłym roku o jedną trzecią mniej, według rocznego sprawozdania.",
			"Obrońcy prywatności w Krakowie uważają, że zasady dotyczące plików cookie na stronach urzędów są zbyt słabe.",
			"Wykup subskrypcję zaproponowano wszystkim mieszkańcom, powiedział burmistrz.",
			"Używanie plików cookie przez urzędy jest nielegalne, powiedział sędzia.",
			"Klienci płacili 9 zł w pierwszym miesiącu, poinformował operator.",
		},
	},
}

func defaultStripper(t *testing.T) *Stripper {
	t.Helper()
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMultilingualBoilerplate: the header, inline and footer boilerplate
// of each language goes, by a rule or as non-body, and the body stays.
func TestMultilingualBoilerplate(t *testing.T) {
	s := defaultStripper(t)
	for _, c := range langCases {
		lines := append([]string{}, c.header...)
		lines = append(lines, c.body[0], c.inline[0], c.inline[1], c.body[1], c.inline[2], c.body[2])
		lines = append(lines, c.footer...)
		text := doc(lines...)
		for _, b := range append(append(append([]string{}, c.header...), c.inline...), c.footer...) {
			if got := removedBy(t, s, text, b); got == "" {
				t.Errorf("%s: boilerplate %q kept", c.lang, b)
			}
		}
		for _, b := range c.body {
			if got := removedBy(t, s, text, b); got != "" {
				t.Errorf("%s: body %q removed by %q", c.lang, b, got)
			}
		}
	}
}

// TestMultilingualRules: each boilerplate line of each language is
// removed by a rule, not only for lying outside the body: as the only
// line after the article (where the body search keeps a short ending)
// or inside it.
func TestMultilingualRules(t *testing.T) {
	s := defaultStripper(t)
	for _, c := range langCases {
		for _, b := range append(append([]string{}, c.header...), c.footer...) {
			if got := removedBy(t, s, doc(append(append([]string{}, c.body...), b)...), b); got == "" || got == RuleNonBody {
				t.Errorf("%s: footer line %q removed by %q, want a rule", c.lang, b, got)
			}
		}
		for _, b := range c.inline {
			if got := removedBy(t, s, doc(c.body[0], b, c.body[1], c.body[2]), b); got == "" || got == RuleNonBody {
				t.Errorf("%s: inline line %q removed by %q, want a rule", c.lang, b, got)
			}
		}
	}
}

// TestTraps: a sentence of the article that carries a rule's trigger
// words stays as its first paragraph, its last (with the site's footer
// after it or not) and in between, in every language.
func TestTraps(t *testing.T) {
	s := defaultStripper(t)
	for _, c := range langCases {
		p0, p1, p2 := c.body[0], c.body[1], c.body[2]
		for _, trap := range c.traps {
			placements := map[string][]string{
				"first":              {trap, p0, p1, p2},
				"first after crumbs": append(append([]string{}, c.header[len(c.header)-1]), trap, p0, p1, p2),
				"middle":             {p0, trap, p1, p2},
				"last":               {p0, p1, p2, trap},
				"before footer":      append([]string{p0, p1, p2, trap}, c.footer...),
			}
			for where, lines := range placements {
				if got := removedBy(t, s, doc(lines...), trap); got != "" {
					t.Errorf("%s, %s: trap %q removed by %q", c.lang, where, trap, got)
				}
			}
		}
	}
}

func langCaseOf(t *testing.T, lang string) langCase {
	t.Helper()
	for _, c := range langCases {
		if c.lang == lang {
			return c
		}
	}
	t.Fatalf("no langCase %q", lang)
	return langCase{}
}

// TestLastParagraphAfterPrompts: a short last paragraph after an ad
// label and a prompt between paragraphs stays, though prose weighs least
// at the end; a footer notice in its place goes.
func TestLastParagraphAfterPrompts(t *testing.T) {
	s := defaultStripper(t)
	p0, p1, p2 := bodyParas[0], bodyParas[1], bodyParas[2]
	last := "Nobody was hurt when the ramp gave way, police said."
	footer := []string{"Comments", "© 2024 Example News", "Privacy | Terms"}
	text := doc(append([]string{p0, p1, p2, "ADVERTISEMENT", "• Sign up for our morning newsletter.", last}, footer...)...)
	if got := removedBy(t, s, text, last); got != "" {
		t.Errorf("last paragraph %q removed by %q", last, got)
	}
	notice := "This text has not been edited by our newsroom."
	text = doc(append([]string{p0, p1, p2, "ADVERTISEMENT", "• Sign up for our morning newsletter.", notice}, footer...)...)
	if got := removedBy(t, s, text, notice); got == "" {
		t.Errorf("notice %q kept", notice)
	}
}

// TestClauseMatch: a pattern's match is a shape match when its clause
// has at most clauseSlack other words.
func TestClauseMatch(t *testing.T) {
	for _, tc := range []struct {
		line, pat string
		want      bool
	}{
		{"© 2024 foo. all rights reserved.", "rights reserved", true},
		{"todos los derechos reservados.", "derechos reservados", true},
		{"copyright lawyers for the studio said so.", "copyright", false},
		{"disclaimer: the views are mine.", "disclaimer", true},
		{"the publisher argued that all rights reserved by him lapsed.", "rights reserved", false},
		{"© el diario – reservados todos los derechos – aviso legal", "reservados todos los derechos", true},
		{"¿ya eres suscriptor? inicia sesion", "ya eres suscriptor", true},
	} {
		i := strings.Index(tc.line, tc.pat)
		if got := clauseMatch([]byte(tc.line), i, i+len(tc.pat)); got != tc.want {
			t.Errorf("clauseMatch(%q, %q) = %v, want %v", tc.line, tc.pat, got, tc.want)
		}
	}
}

// TestReadAs: notices are told from sentences of the article by their
// shape, by addressing the reader or the page, and by reported speech.
func TestReadAs(t *testing.T) {
	for _, tc := range []struct {
		line string
		want int
	}{
		{"Copyright lawyers for the studio said the ruling would be appealed.", readsAsReporting},
		{"Copyright lawyers expect the ruling to be appealed in the spring.", readsAsSentence},
		{"We use cookies to improve your experience.", readsAsPrompt},
		{"We use cookies to improve the experience.", readsAsNotice},
		{"“You will never walk alone” was sung by the crowd.", readsAsNotice},
		{"Diese Website verwendet Cookies.", readsAsNotice},
		{"Wir bitten Sie, die Seite neu zu laden.", readsAsPrompt},
		{"Sie fuhr am Montag nach Berlin und kam am Abend zurück.", readsAsSentence},
		{"Am Montag fuhr Sie nach Berlin und kam am Abend zurück.", readsAsPrompt},
		{"Copyright 2024 Example Media Group Limited.", readsAsNotice},
		{"All rights reserved.", readsAsNotice},
		{"Contact the desk at www.example.com today.", readsAsNotice},
		{"the council said it would vote next week.", readsAsNotice},
		// Address by an imperative or a verb's person, in languages that
		// drop the pronoun; an imperative only in its own sentence.
		{"Introduza o seu e-mail para receber a nossa newsletter gratuita.", readsAsPrompt},
		{"Ontvang elke avond het belangrijkste nieuws van de dag.", readsAsPrompt},
		{"Ontvang het nieuws. De brug gaat in mei weer open voor verkeer.", readsAsSentence},
		{"Korzystając z serwisu, wyrażasz zgodę na pliki cookie.", readsAsPrompt},
		{"Si sigues navegando, aceptas el uso de cookies.", readsAsPrompt},
		{"Support for the plan grew over the summer months.", readsAsSentence},
		{"Saiba mais sobre a forma como tratamos os seus dados.", readsAsPrompt},
		{"Zostań subskrybentem i czytaj wszystkie teksty.", readsAsPrompt},
		{"Jetzt abonnieren und unbegrenzt lesen, für nur 5 Euro im Monat.", readsAsPrompt},
		{"Hier kostenlos registrieren und den Newsletter jeden Morgen erhalten.", readsAsPrompt},
		// The newsroom speaks for the site.
		{"Het stuk is niet bewerkt door de redactie van de krant.", readsAsNotice},
		// The text itself, as a wire notice names it.
		{"Ten tekst pochodzi z depeszy i nie był poprawiany.", readsAsPrompt},
		{"Wir bitten Sie, die Seite neu zu laden, sagte die Sprecherin.", readsAsReporting},
		{"Los vecinos dijeron que el puente cerrará en mayo.", readsAsReporting},
		// "According to" before the site's possessive reports no one.
		{"Utilizzando questo sito acconsenti all'uso dei cookie secondo la nostra informativa.", readsAsPrompt},
		{"Door deze site te gebruiken stem je in met cookies volgens ons privacybeleid.", readsAsPrompt},
		{"Secondo la nostra inchiesta il sindaco sapeva tutto.", readsAsNotice},
		{"The bridge will close in May, according to the council.", readsAsReporting},
		// A long line is the article's when one of its sentences is: a
		// notice joined to a paragraph, after it or before it.
		{bodyParas[0] + " This text comes from a news agency and was not edited by our newsroom.", readsAsSentence},
		{bodyParas[0] + "\nThe information in this article is correct at the time of publication", readsAsSentence},
		{"Alle Rechte an dem Grundstück gingen im Juli an die Gemeinde über.\nAlle Artikel für 5 Euro im ersten Monat.", readsAsSentence},
		{"Get the day's news in your inbox every morning. " + bodyParas[1], readsAsReporting},
		{"We use cookies to improve your experience of this site. They are stored on your device for up to a year, and you may delete them whenever you like.", readsAsPrompt},
	} {
		if got := readAs(tc.line, fold(nil, tc.line), 0); got != tc.want {
			t.Errorf("readAs(%q) = %d, want %d", tc.line, got, tc.want)
		}
	}
}

// TestHasQuoteMark: hasQuoteMark finds exactly the marks the set
// " “ ” „ « » holds, as strings.ContainsAny with that set does.
func TestHasQuoteMark(t *testing.T) {
	for _, s := range []string{"", "plain", `say "hi"`, "“a”", "„a“", "«a»", "a’b", "‚a‘", "—", "é", "\u201f", "\u00aa", "x\xe2\x80", "x\xc2"} {
		if got, want := hasQuoteMark(s), strings.ContainsAny(s, "\"“”„«»"); got != want {
			t.Errorf("hasQuoteMark(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestEdgeIndexNotices: the edge rules' index, which also finds the
// notice patterns, answers as an index of the edge rules alone does, its
// notices are noticeHits', and readAs reads a line the same with them
// as it does looking for them itself.
func TestEdgeIndexNotices(t *testing.T) {
	c, err := compileRules(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	with, without := newRuleIndex(c, Edge, true), newRuleIndex(c, Edge, false)
	lines := []string{
		"Copyright 2024 Zoar Wire. All rights reserved. This material may not be published.",
		"© 2024 Zoar Wire.\nThe council voted on Tuesday to close the old bridge for repairs.",
		"The views expressed in this article are the author's own | Terms",
		"Visit http://example.com or www.example.com for more ™ ®.",
		"", "a", "|", "©",
	}
	for _, doc := range seedCorpus(t) {
		lines = append(lines, strings.Split(doc, "\n")...)
	}
	seen := 0
	for _, l := range lines {
		text := judged(l, true)
		f := fold(nil, text)
		for _, q := range []query{{byteLen: len(text), prev: -1}, {byteLen: len(text), prev: -1, anyPrev: true}} {
			got, want := with.lookup(c, f, q), without.lookup(c, f, q)
			if got.shape != want.shape || got.word != want.word || got.none != want.none || got.prev != want.prev {
				t.Errorf("%q: %+v, without the notice patterns %+v", l, got, want)
			}
			if got.notices != noticeHits(f) {
				t.Errorf("%q: notices %b, noticeHits %b", l, got.notices, noticeHits(f))
			}
			if r, want := readAs(text, f, got.notices), readAs(text, f, 0); r != want {
				t.Errorf("%q: readAs %d with the edge scan's notices, %d without", l, r, want)
			}
			if got.notices != noticeKnown {
				seen++
			}
		}
	}
	if seen == 0 {
		t.Error("no line holds a notice pattern")
	}
}

// TestReadAsSentencesOfFold: a long line is read a sentence at a time, its
// sentences cut in the line and in its fold alike. Fold makes a tab or a
// no-break space after a full stop a space ("M.\u00a0Dupont", French
// typography): the line read with it must read as with a space, not
// pair each sentence with the words of another (the article's sentence
// with the newsroom's "notre rédaction" made the line a prompt).
func TestReadAsSentencesOfFold(t *testing.T) {
	line := func(sp string) string {
		return "Ce texte provient d'une dépêche transmise par M." + sp + "Dupont et n'a pas été relu par notre rédaction. " +
			"Le maire a présenté hier le nouveau budget de la ville devant le conseil municipal réuni en séance extraordinaire."
	}
	want := readAs(line(" "), fold(nil, line(" ")), 0)
	if want != readsAsSentence {
		t.Fatalf("with a space: %d, want %d", want, readsAsSentence)
	}
	for _, sp := range []string{"\u00a0", "\t"} {
		if got := readAs(line(sp), fold(nil, line(sp)), 0); got != want {
			t.Errorf("%q after the full stop: %d, want %d as with a space", sp, got, want)
		}
	}
}

// FuzzSentencesOfFold: readAs pairs the sentences of a line with those
// of its fold, so each sentence sentenceEnd cuts from a line must fold to
// the one it cuts from the fold, the same number of them (short of
// foldCap, and but for blanks at the line's end).
func FuzzSentencesOfFold(f *testing.F) {
	f.Add("Ce texte. M.\u00a0Dupont a dit.\tLe maire! Oui? Non.\r\nFin.")
	f.Fuzz(func(t *testing.T, line string) {
		if len(line) >= foldCap/2 {
			return
		}
		rest, frest := line, fold(nil, line)
		for {
			i, next := sentenceEnd(rest)
			j, fnext := sentenceEnd(frest)
			if i == 0 && j == 0 || i > 0 && j == 0 && len(fold(nil, rest[next:])) == 0 {
				return
			}
			if i == 0 || j == 0 {
				t.Fatalf("%q: the line's rest %q ends a sentence at %d, its fold's %q at %d", line, rest, i, frest, j)
			}
			if got := fold(nil, rest[:i]); string(got) != string(frest[:j]) {
				t.Fatalf("%q: sentence %q folds to %q, the fold's sentence is %q", line, rest[:i], got, frest[:j])
			}
			rest, frest = rest[next:], frest[fnext:]
		}
	})
}
