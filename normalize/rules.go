package normalize

import (
	"encoding/binary"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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
// (lower case, Latin letters without accents, spaces collapsed, no-break
// spaces as spaces, trimmed: see fold)
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
	// RuleNotice removes a sentence in the footer that no rule knows but
	// that speaks to the reader or about the page (notice.go).
	RuleNotice = "notice"
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
	docs := make([]RuleDoc, 0, len(rules)+7)
	for _, r := range rules {
		docs = append(docs, RuleDoc{r.Name, r.Description, r.Scope.String()})
	}
	return append(docs,
		RuleDoc{RuleNonBody, "lines outside the main block of prose: menus, headline lists, bylines and page furniture before or after the article", "position"},
		RuleDoc{RuleEcho, "lines that repeat another line of the page: an exact repeat, the article again as one long line, a summary cut off with \"...\", a headline joined to its summary", "document"},
		RuleDoc{RuleSiteRepeat, "lines that recur in many documents of the same site (learned in a first pass over the corpus)", "site"},
		RuleDoc{RuleByline, "a line of the header or footer shaped like a byline: names after a lead word (\"By\", \"Par\", \"Text:\") or before a role or newsroom (\"Carla Marques, correspondente em Bruxelas\")", "edge"},
		RuleDoc{RuleInsert, "a line decorated with a bullet, bar or arrow that stands alone between two paragraphs (\"» Lesen Sie auch: ...\", \"| Abbonati per leggere senza limiti.\"), not an item of a list nor reported speech", "position"},
		RuleDoc{RuleSiteName, "a short line that is the site's own name: its letters are those of a label of the page's host (\"Rouen Info\" on rouen-info.fr)", "site"},
		RuleDoc{RuleNotice, "a sentence of the footer that speaks to the reader or about the page (\"Enter your e-mail to receive our briefing.\"), not the document's last line", "edge"},
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
// wording in English, German, French, Spanish, Italian, Portuguese, Dutch
// and Polish (patterns are folded: case and accents do not matter), one
// rule per kind of boilerplate with each language's usual phrasings;
// positions, the prose classifier and the shape of a match (notice.go),
// not these words, decide whether body lines stay. Rules that remove
// prompts which come both as short labels and as sentences come in pairs
// (NAME, anywhere, and NAME-notice, edge) sharing their patterns.
func DefaultRules() []Rule {
	rules := []Rule{
		{
			Name: "copyright", Description: "copyright and rights-reserved notices", Scope: Edge, MaxLen: 300,
			Prefix: []string{"copyright", "(c) ", "(c)1", "(c)2", "&copy;", "urheberrecht", "prawa autorskie"},
			Contains: []string{"©", "(c) 1", "(c) 2", "rights reserved", "registered trademarks of", "may not be reproduced", "may not be published",
				"rechte vorbehalten", "rechte sind vorbehalten", "nachdruck", "vervielfältigung nur",
				"droits réservés", "droits de reproduction", "reproduction interdite", "reproduction totale ou partielle",
				"derechos reservados", "reservados todos los derechos", "prohibida su reproducción", "prohibida la reproducción", "reproducción total o parcial",
				"diritti riservati", "riproduzione riservata", "riproduzione vietata", "vietata la riproduzione", "riproduzione totale o parziale",
				"direitos reservados", "direitos são reservados", "proibida a reprodução", "reprodução proibida", "reprodução total ou parcial",
				"rechten voorbehouden", "rechten zijn voorbehouden", "niets uit deze uitgave",
				"prawa zastrzeżone", "przedruk", "kopiowanie", "все права защищены",
				"toute reproduction", "weiterverbreitung", "ohne schriftliche", "without permission", "without written permission", "without the prior written"},
		},
		{
			Name: "disclaimer", Description: "disclaimers, fair-use and responsibility notices", Scope: Edge, MaxLen: 1500,
			Prefix: []string{"disclaimer", "fair use", "the views expressed", "the opinions expressed", "the contents of this article", "this article is for informational", "this site contains copyrighted material", "this material may not be published",
				"haftungsausschluss", "avertissement", "avis de non-responsabilité", "clause de non-responsabilité", "aviso legal", "descargo de responsabilidad", "exención de responsabilidad",
				"esclusione di responsabilità", "avvertenza", "isenção de responsabilidade", "aviso de isenção", "vrijwaring", "zastrzeżenie", "wyłączenie odpowiedzialności", "nota redakcji"},
			Contains: append([]string{"views expressed", "opinions expressed", "necessarily reflect", "for informational purposes", "does not constitute", "do not constitute",
				"meinung des autors", "meinung der redaktion", "nicht unbedingt", "opinions exprimées", "n'engagent que", "pas nécessairement",
				"opiniones expresadas", "no reflejan necesariamente", "opinioni espresse", "non riflettono", "opiniões expressas", "não refletem",
				"niet noodzakelijk", "weerspiegelen niet", "opinie wyrażone", "nie odzwierciedlają", "niekoniecznie",
				"geäußerten meinungen", "geäußerte meinung", "nicht zwangsläufig", "spiegeln nicht", "spiegelt nicht",
				// wire copy the newsroom did not edit
				"syndicated feed", "from a wire service", "not been edited", "automatically published", "published automatically",
				"agenturfeed", "agenturmeldung", "nicht von der redaktion", "nicht redaktionell", "automatisch übernommen", "automatisch erstellt",
				"à partir d'une dépêche", "dépêche d'agence", "n'a pas été modifié", "n'a pas été relu", "publié automatiquement", "généré automatiquement",
				"servicio de agencia", "no ha sido editado", "no ha sido editada", "publicado automáticamente",
				"servizio di agenzia", "non è stato modificato", "non è stato modificata", "pubblicato automaticamente",
				"serviço de agência", "não foi editado", "não foi editada", "publicado automaticamente",
				"van een persbureau", "niet bewerkt", "niet geredigeerd", "automatisch overgenomen", "automatisch gegenereerd",
				"serwisu agencyjnego", "serwis agencyjny", "nie był redagowany", "nie była redagowana", "nie był edytowany", "opublikowany automatycznie",
				// not advice; accurate when published
				"not financial advice", "not investment advice", "general information only", "at the time of publication", "at the time of writing",
				"keine anlageberatung", "keine rechtsberatung", "stellt keine anlage", "stellt keine rechts", "stellt keine beratung", "stellt keine empfehlung", "der allgemeinen information", "zum zeitpunkt der veröffentlichung",
				"ne constitue pas un conseil", "ne constitue en aucun cas", "à titre informatif", "à titre indicatif", "au moment de la publication", "au moment de sa publication",
				"no constituye asesoramiento", "no constituye una recomendación", "fines informativos", "carácter informativo", "en el momento de su publicación", "en el momento de la publicación",
				"non costituisce consulenza", "non costituisce sollecitazione", "scopo informativo", "fini informativi", "al momento della pubblicazione",
				"não constitui aconselhamento", "não constitui recomendação", "fins informativos", "no momento da publicação", "à data da publicação",
				"vormt geen advies", "vormt geen beleggingsadvies", "geen financieel advies", "geen beleggingsadvies", "informatieve doeleinden", "op het moment van publicatie",
				"nie stanowi porady", "nie stanowi rekomendacji", "nie stanowi doradztwa", "celach informacyjnych", "charakter informacyjny", "w momencie publikacji", "na dzień publikacji",
				// affiliate links
				"affiliate link", "earn a commission", "earn commission", "affiliate-links", "provisionslinks", "erhalten wir eine provision",
				"liens affiliés", "lien affilié", "enlaces de afiliado", "enlaces de afiliados", "link di affiliazione", "link affiliati",
				"links de afiliados", "links afiliados", "affiliate links", "linki afiliacyjne", "otrzymujemy prowizję",
				// an opinion engages its author alone
				"the author's views", "views of the author", "n'engage que", "l'avis de son auteur", "solo compromete", "exclusiva responsabilidad", "únicamente a su autor",
				"esclusiva responsabilità", "impegnano solo", "vinculam apenas", "exclusiva responsabilidade", "voor rekening van de auteur", "poglądy autora", "opinie autora",
				"meinung der autorin", "geben ausschließlich"}, liabilityPhrases...),
		},
		{
			Name: "contact", Description: "press and contact lines (\"For media inquiries: ...\")", Scope: Edge, MaxLen: 800,
			Prefix: []string{"for media inquiries", "media inquiries", "media contact", "press contact", "press inquiries", "for more information, contact", "contact us", "email:", "e-mail:", "tel:", "tel.:", "phone:",
				"kontakt:", "pressekontakt", "kontaktieren sie uns", "contact presse", "contactez-nous", "nous contacter", "contacto:", "contáctenos", "contacta con nosotros",
				"contatti:", "contattaci", "contato:", "fale conosco", "contactpersoon", "neem contact op", "kontakt z nami", "biuro prasowe", "telefon:", "téléphone:", "teléfono:", "telefono:", "telefone:", "telefoon:",
				"contact:", "contact the newsroom", "contact the editor", "write to us", "kontakt zur redaktion", "schreiben sie uns", "contactez la rédaction", "écrivez-nous",
				"contacta con la redacción", "escríbenos", "contatta la redazione", "scrivici", "fale com a redação", "escreva-nos", "contact met de redactie", "mail ons", "kontakt z redakcją", "napisz do nas"},
			Contains: []string{"fax:", "telephone:", "e-mail:", "telefon:", "téléphone:", "teléfono:", "telefone:", "telefoon:"},
		},
		{
			// A longer line with an address is as often the article's
			// last paragraph ("Have a tip? X may be reached at ...").
			Name: "contact-address", Description: "a short line with an e-mail address in the header or footer", Scope: Edge, MaxLen: 120,
			Regexp: []string{`[a-z0-9._-]+@[a-z0-9-]+\.[a-z.]{2,}`},
		},
		{
			Name: "site-byline", Description: "the site's own attribution lines (\"Articles by: ...\")", Scope: Edge, MaxLen: 120,
			Prefix: []string{"articles by", "more articles by", "all articles by", "view all posts by", "all posts by", "more from this author", "about the author",
				"alle artikel von", "weitere artikel von", "mehr von", "über den autor", "zum autor", "tous les articles de", "plus d'articles de", "à propos de l'auteur",
				"todos los artículos de", "más artículos de", "sobre el autor", "tutti gli articoli di", "altri articoli di", "sull'autore",
				"todos os artigos de", "mais artigos de", "sobre o autor", "alle artikelen van", "meer artikelen van", "over de auteur",
				"wszystkie artykuły", "więcej artykułów", "inne artykuły", "o autorze"},
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
			Equal: []string{"comments", "recent comments", "leave a reply", "leave a comment", "post a comment", "add a comment", "show comments", "view comments", "comments are closed", "join the conversation", "cancel reply",
				"kommentare", "kommentar", "kommentar schreiben", "kommentieren", "leserkommentare", "kommentare anzeigen",
				"commentaires", "commentaire", "laisser un commentaire", "ajouter un commentaire", "réagir", "réagissez", "voir les commentaires",
				"comentarios", "comentario", "deja un comentario", "dejar un comentario", "escribe un comentario", "ver comentarios",
				"commenti", "commento", "lascia un commento", "scrivi un commento", "commenta", "mostra commenti",
				"deixe um comentário", "deixe seu comentário", "comente", "comentar",
				"reacties", "reactie", "reageer", "plaats een reactie", "laat een reactie achter", "bekijk reacties",
				// headings over readers' comments
				"what readers are saying", "what readers say", "what our readers say", "reader comments", "readers' comments", "your comments",
				"was leser sagen", "das sagen unsere leser", "das sagen die leser", "lesermeinungen", "ihre meinung",
				"ce qu'en disent nos lecteurs", "ce qu'en disent les lecteurs", "ce que disent nos lecteurs", "avis des lecteurs", "vos réactions",
				"lo que opinan nuestros lectores", "lo que dicen los lectores", "opiniones de los lectores", "comentarios de los lectores",
				"cosa dicono i lettori", "cosa ne pensano i lettori", "il parere dei lettori", "commenti dei lettori",
				"o que dizem os leitores", "o que dizem os nossos leitores", "comentários dos leitores", "opinião dos leitores",
				"wat lezers zeggen", "wat onze lezers zeggen", "reacties van lezers", "co mówią czytelnicy", "opinie czytelników", "komentarze czytelników",
				"komentarze", "komentarz", "dodaj komentarz", "napisz komentarz", "skomentuj", "pokaż komentarze",
				"комментарии"},
			Suffix: []string{" says:", " said:", " wrote:", " schreibt:", " sagt:", " a écrit :", " dit :", " escribió:", " dice:", " ha scritto:", " scrive:", " disse:", " escreveu:", " schreef:", " zegt:", " napisał:", " pisze:"},
			Prefix: append([]string{"be the first to comment", "sei der erste", "seien sie der erste", "soyez le premier", "sois le premier", "sé el primero", "sea el primero",
				"sii il primo", "seja o primeiro", "wees de eerste", "bądź pierwszy", "bądź pierwsza"}, commentForm...),
			Regexp: []string{`^[0-9]+ (comments?|responses?|replies|kommentare?|commentaires?|comentarios?|commenti|commento|reacties|reactie|komentarz[ey]?|komentarzy|odpowiedzi)\b`,
				`^.{0,20}\b(comments|kommentare|commentaires|comentarios|commenti|reacties|komentarze|komentarzy)\b.{0,20}$`},
		},
		{
			Name: "comment-form", Description: "the notices of a comment form (\"Your email address will not be published\")", Scope: Edge, MaxLen: 300, Toll: 1000,
			Prefix: commentForm,
		},
		{
			Name: "share", Description: "share, follow and print lines", Scope: Anywhere, MaxLen: 120,
			Equal: []string{"share", "share this", "share this article", "share this story", "facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit", "email", "print", "instagram", "youtube", "rss", "tweet", "copy link",
				"teilen", "artikel teilen", "beitrag teilen", "jetzt teilen", "drucken", "link kopieren", "versenden",
				"partager", "partager l'article", "partager cet article", "imprimer", "copier le lien", "envoyer",
				"compartir", "comparte", "compartir artículo", "compartir este artículo", "imprimir", "copiar enlace", "enviar",
				"condividi", "condividi l'articolo", "condividi questo articolo", "stampa", "copia link", "invia",
				"compartilhe", "compartilhar", "partilhar", "partilhe", "copiar link",
				"delen", "deel", "deel dit artikel", "artikel delen", "afdrukken", "kopieer link",
				"udostępnij", "podziel się", "udostępnij artykuł", "udostępnij ten artykuł", "drukuj", "kopiuj link", "wyślij",
				"diesen artikel teilen", "partagez cet article", "comparte este artículo", "compartilhe este artigo", "partilhe este artigo", "condividi l'articolo"},
			Suffix: []string{"artikel teilen", "beitrag teilen", "artikel delen"},
			Prefix: []string{"share this", "share on ", "share via", "click to share", "click to email", "click to print", "follow us", "follow @", "like us on",
				"teilen auf", "teilen per", "folgen sie uns", "folge uns", "partager sur", "partager par", "suivez-nous", "suivez nous",
				"compartir en", "compartir por", "síguenos", "condividi su", "condividi via", "seguici", "compartilhar no", "compartilhe no", "partilhar no", "siga-nos", "siga nos",
				"delen op", "deel op", "volg ons", "udostępnij na", "obserwuj nas", "polub nas", "dołącz do nas",
				// liking the site's page
				"like our page", "aimez notre page", "aimez-nous", "dale me gusta", "metti mi piace", "goste da nossa página", "curta a nossa página", "curta nossa página",
				"vind ons leuk", "like ons", "polub naszą stronę", "polub nasz profil", "werden sie fan", "find us on", "retrouvez-nous sur", "encuéntranos en", "trovaci su", "encontre-nos no", "znajdź nas na"},
			// A flattened share bar: two or more network names in a row,
			// perhaps followed by a word or two ("Whatsapp Facebook Pin
			// Download").
			// "Follow <site> on <networks>": the networks joined by "and",
			// "e", "i" or commas, inflected ("na Facebooku i Instagramie").
			Regexp: []string{`^(?:follow|folgen sie|folge|suivez|suivre|seguir a|siguenos|sigue a|seguici|segui|siga|volg|obserwuj|sledz) .{0,60} (?:on|auf|sur|en|su|no|op|na|w|bei) (?:x|twitter|facebook|instagram|linkedin|threads|bluesky|tiktok|youtube|mastodon|whatsapp|telegram)[a-z]*(?:,? (?:and|und|et|y|e|en|i|&|or|oder|ou|o|of|lub)?(?: (?:on|auf|sur|en|su|no|op|na|w|bei))? ?(?:x|twitter|facebook|instagram|linkedin|threads|bluesky|tiktok|youtube|mastodon|whatsapp|telegram)[a-z]*)*$`,
				`^(?:(?:facebook|twitter|google\+|whatsapp|linkedin|pinterest|reddit|e-?mail|print|telegram|tumblr|flipboard|messenger|pocket|xing|vk|sms|tweet|share|pin|bluesky|threads|mastodon|teilen|partager|compartir|condividi|delen|drucken|imprimer|imprimir|stampa|drukuj)[ ,|/·•]*){2,}(?:[^ ]+ ?){0,2}$`},
		},
		{
			Name: "newsletter", Description: "newsletter and subscription prompts", Scope: Anywhere, MaxLen: 200,
			Prefix: subscribePrompts, Contains: newsletterWords,
		},
		{
			Name: "newsletter-notice", Description: "newsletter and subscription prompts written as sentences, in the header or footer", Scope: Edge, MaxLen: 400,
			Prefix: subscribePrompts, Contains: newsletterWords,
		},
		{
			Name: "subscription", Description: "paywall and log-in prompts (\"Already a subscriber? Sign in\")", Scope: Anywhere, MaxLen: 200,
			Equal: loginLabels, Contains: slices.Concat(paywallCounters, paywallPrompts),
		},
		{
			Name: "subscription-notice", Description: "paywall prompts written as sentences, in the header or footer", Scope: Edge, MaxLen: 400,
			Contains: slices.Concat(paywallCounters, paywallPrompts),
		},
		{
			Name: "cookies", Description: "cookie and privacy consent notices", Scope: Edge, MaxLen: 1000,
			Prefix: []string{"we use cookies", "this website uses cookies", "this site uses cookies", "this website uses cookie", "by using this site", "by continuing to use",
				"en poursuivant votre navigation", "si continúa navegando", "continuando a navigare", "ao continuar a navegar", "door verder te gaan", "korzystając z"},
			Contains: []string{"cookie policy", "cookie settings", "cookie preferences", "use of cookies", "accept cookies", "accept all cookies",
				"cookie-richtlinie", "cookie-einstellungen", "cookies akzeptieren", "cookies zulassen", "datenschutzerklärung",
				"politique de cookies", "politique relative aux cookies", "gestion des cookies", "paramètres des cookies", "accepter les cookies",
				"política de cookies", "configuración de cookies", "aceptar cookies", "aceptar todas las cookies",
				"politica dei cookie", "cookie policy", "accetta i cookie", "accetta tutti", "aceitar cookies", "aceitar todos os cookies",
				"cookiebeleid", "cookie-instellingen", "cookies accepteren", "polityka cookies", "polityka plików cookie", "ustawienia cookies", "plików cookie",
				// the use of cookies and the site's privacy policy, as a
				// notice names them
				"cookies on this site", "our privacy policy", "verwendung von cookies", "einsatz von cookies", "nutzung von cookies", "unsere datenschutzerklärung", "unserer datenschutzerklärung",
				"utilisation de cookies", "utilisation des cookies", "notre politique de confidentialité",
				"uso de cookies", "nuestra política de privacidad", "uso dei cookie", "utilizzo dei cookie", "informativa sulla privacy", "informativa cookie", "nostra informativa",
				"utilização de cookies", "nossa política de privacidade", "gebruik van cookies", "ons privacybeleid", "ons cookiebeleid",
				"używanie plików", "wykorzystywanie plików", "zgodnie z polityką prywatności",
				// managing them
				"manage cookies", "cookies verwalten", "gérer les cookies", "gestionar cookies", "gestisci i cookie", "gerir cookies", "gerenciar cookies", "cookies beheren", "zarządzaj plikami cookie",
				"preferencias de cookies", "preferências de cookies", "préférences de cookies", "preferenze cookie", "cookievoorkeuren", "preferencje cookies", "cookie-präferenzen"},
			// "<site or we> use(s) cookies" in any of the languages: the
			// reader-address test (notice.go) keeps the article's own
			// sentences about cookies.
			Regexp: []string{`\b(use|uses|using|verwenden|verwendet|nutzen|nutzt|setzen|setzt|utilise|utilisons|utilisent|utilizamos|utiliza|utilizan|usamos|usa|utilizziamo|utilizza|gebruiken|gebruikt|uzywamy|uzywa|korzysta|korzystamy|wykorzystuje|wykorzystujemy)\b.{0,40}\bcookie`},
		},
		{
			Name: "cookie-details", Description: "the further paragraphs of a cookie notice", Scope: Edge, MaxLen: 800, After: "cookies",
			Contains: []string{"cookie", "privacy", "datenschutz", "confidentialité", "privacidad", "privacidade", "prywatności"},
		},
		{
			Name: "related", Description: "\"Related stories\" and \"Read more\" headings and teasers", Scope: Anywhere, MaxLen: 160,
			Equal: []string{"related", "related stories", "related articles", "related posts", "related content", "related coverage", "read more", "more stories", "more news", "you may also like", "you might also like", "recommended", "recommended for you", "most read", "most popular", "trending", "top stories", "latest news", "editor's picks",
				"mehr zum thema", "das könnte sie auch interessieren", "auch interessant", "weitere artikel", "verwandte artikel", "meistgelesen", "meistgelesene artikel", "mehr nachrichten",
				"sur le même sujet", "articles similaires", "les plus lus", "à voir aussi", "vous aimerez aussi", "dans la même rubrique",
				"noticias relacionadas", "artículos relacionados", "te puede interesar", "también te puede interesar", "lo más leído", "más leídas", "más noticias",
				"articoli correlati", "notizie correlate", "potrebbe interessarti", "i più letti", "più letti", "altre notizie",
				"artigos relacionados", "você pode gostar", "mais lidas", "mais notícias",
				"gerelateerde artikelen", "meest gelezen", "ook interessant", "meer nieuws",
				"powiązane artykuły", "najczęściej czytane", "polecane", "więcej wiadomości"},
			Prefix: []string{"read more:", "related:", "see also:", "also read:", "read also:", "more:", "read next", "up next", "watch next",
				"lesen sie auch", "mehr zum thema:", "auch interessant:", "à lire aussi", "lire aussi", "voir aussi", "lee también", "leer más:", "ver también", "leggi anche", "leggi anche:", "vedi anche",
				"leia também", "veja também", "leia mais:", "lees ook", "lees meer:", "czytaj także", "czytaj również", "zobacz także", "zobacz również", "przeczytaj także", "przeczytaj również",
				"more on this story", "more from", "mehr dazu", "weitere informationen:", "à voir également", "voir également", "lire également", "à lire également",
				"más sobre este tema", "relacionado:", "relacionados:", "mais sobre este tema", "più su questo tema", "meer over dit onderwerp", "więcej na ten temat", "zobacz też", "czytaj też",
				"lea también", "vea también", "leer más", "leggi di più", "leggi anche", "ver também", "leia mais", "zie ook", "lees meer", "czytaj więcej", "zobacz więcej"},
		},
		{
			Name: "crumbs", Description: "navigation crumbs (\"Home > News > World\")", Scope: Anywhere,
			Prefix: []string{"home >", "home »", "home ›", "home /", "home |", "you are here",
				"startseite >", "startseite »", "startseite ›", "sie sind hier", "accueil >", "accueil »", "accueil ›", "vous êtes ici", "inicio >", "inicio »", "inicio ›", "está aquí", "estás aquí",
				"sei qui", "você está aqui", "página inicial >", "u bent hier", "jesteś tutaj", "strona główna >", "strona główna »"},
			// Short items joined by arrows, in any language.
			Regexp: []string{`^[^>»›]{1,30}(?: (?:>|»|›) [^>»›]{1,30}){1,}$`},
		},
		{
			Name: "link-row", Description: "a row of short links joined by pipes, bullets, slashes or dashes (\"Impressum | Datenschutz | AGB\"), in the header or footer", Scope: Edge, MaxLen: 300,
			// At most maxClassLiterals separators in the first: more, and
			// the regexp has no literal to look for and runs on every line.
			Regexp: []string{`^[^|•·∙⋅▪◦→]{1,40}(?: ?(?:\||•|·|∙|⋅|▪|◦|→) ?[^|•·∙⋅▪◦→]{1,40}){1,}$`, `^[^/]{1,30}(?: / [^/]{1,30}){1,}$`, `^[^-–—]{1,25}(?:(?: - | – | — )[^-–—]{1,25}){2,}$`},
		},
		{
			Name: "inline-ad", Description: "inline advertisement markers", Scope: Anywhere, MaxLen: 120,
			Equal: []string{"advertisement", "advertisements", "ad", "ads", "sponsored", "sponsored content", "story continues below", "story continues below advertisement", "article continues below", "continue reading below", "scroll to continue", "scroll to continue with content",
				"anzeige", "werbung", "gesponsert", "publicité", "sponsorisé", "publicidad", "anuncio", "patrocinado", "pubblicità", "sponsorizzato", "publicidade", "advertentie", "gesponsord", "reklama", "sponsorowane", "artykuł sponsorowany",
				"annonce", "annonces", "paid content", "partner content", "promoted", "promoted content", "advertorial", "gesponserter inhalt", "contenu sponsorisé", "publireportage",
				"contenido patrocinado", "contenuto sponsorizzato", "conteúdo patrocinado", "gesponsorde inhoud", "treść sponsorowana", "ogłoszenie", "reclame", "pubblicità sponsorizzata"},
			Prefix: []string{"article continues", "story continues", "weiterlesen nach der anzeige", "artikel wird unter", "der artikel wird nach", "la suite après", "l'article continue", "la suite de l'article",
				"el artículo continúa", "la noticia continúa", "continúa después", "l'articolo continua", "continua dopo", "o artigo continua", "continua após", "continua depois",
				"het artikel gaat verder", "lees verder onder", "dalsza część", "artykuł kontynuowany", "ciąg dalszy",
				"continue a ler após", "continue a ler depois", "a notícia continua", "el texto continúa", "la noticia sigue", "l'articolo prosegue", "der text geht", "lesen sie nach der anzeige", "la suite ci-dessous", "tekst gaat verder", "dalszy ciąg"},
		},
		{
			Name: "email-protection", Description: "e-mail addresses hidden by a CDN (\"[email protected]\")", Scope: Anywhere,
			Contains: []string{"[email protected]"},
		},
	}
	return rules
}

// Patterns shared by a rule and its -notice twin (see DefaultRules), or
// by a rule and the notice test (notice.go).
var (
	// liabilityPhrases: the site declines responsibility for what it
	// prints or links to; notices by their nature (noticeIndex).
	liabilityPhrases = []string{"not responsible for", "no responsibility", "not liable", "no liability", "accepts no", "assumes no",
		"keine haftung", "keine gewähr", "ohne gewähr", "übernimmt keine", "übernehmen keine",
		"pas responsable", "décline toute responsabilité", "aucune responsabilité", "sans garantie",
		"no se hace responsable", "no se responsabiliza", "ninguna responsabilidad", "sin garantía",
		"non è responsabile", "non si assume", "alcuna responsabilità", "senza garanzia",
		"não se responsabiliza", "não é responsável", "nenhuma responsabilidade", "sem garantia",
		"niet aansprakelijk", "geen aansprakelijkheid", "zonder garantie", "nie ponosi odpowiedzialności", "nie odpowiada za", "bez gwarancji"}
	// commentForm: the notices most blogging platforms print in a
	// comment form.
	commentForm = []string{"your email address will not be published", "save my name, email, and website", "you must be logged in to post a comment", "leave a reply cancel reply",
		"ihre e-mail-adresse wird nicht veröffentlicht", "deine e-mail-adresse wird nicht veröffentlicht", "votre adresse e-mail ne sera pas publiée", "votre adresse de messagerie ne sera pas publiée",
		"tu dirección de correo electrónico no será publicada", "tu correo electrónico no será publicado", "il tuo indirizzo email non sarà pubblicato", "il tuo indirizzo e-mail non sarà pubblicato",
		"o seu endereço de e-mail não será publicado", "seu endereço de e-mail não será publicado", "uw e-mailadres wordt niet gepubliceerd", "je e-mailadres wordt niet gepubliceerd",
		"twój adres e-mail nie zostanie opublikowany", "twój adres email nie zostanie opublikowany"}
	// subscribePrompts open a sign-up or subscription prompt.
	subscribePrompts = []string{"subscribe to", "subscribe for", "subscribe now", "sign up for", "sign up to", "get our newsletter", "get the latest",
		"sign up now", "sign up today", "sign up here", "register now", "register for free", "join our", "don't miss", "never miss", "stay informed", "stay up to date", "enter your email", "enter your e-mail",
		"registrieren sie sich", "newsletter abonnieren", "kostenlos anmelden", "verpassen sie", "nichts mehr verpassen", "bleiben sie informiert", "bleiben sie auf dem laufenden", "melde dich", "tragen sie sich", "trag dich",
		"je m'inscris", "je m'abonne", "ne manquez", "ne ratez", "restez informé", "saisissez votre", "entrez votre", "abonne-toi", "inscris-toi", "rejoignez",
		"no te pierdas", "no se pierda", "mantente informado", "apúntate", "introduce tu", "únete", "date de alta",
		"non perdere", "resta aggiornato", "rimani aggiornato", "inserisci la tua", "unisciti",
		"não perca", "fique a par", "fique informado", "fique por dentro", "introduza o seu", "insira o seu", "registe-se", "subscreva", "junte-se",
		"mis niets", "blijf op de hoogte", "vul je", "vul uw", "registreer je", "abonneer je", "meld u aan", "schrijf u in",
		"nie przegap", "bądź na bieżąco", "podaj adres", "wpisz adres", "zarejestruj się", "dołącz do",
		"abonnieren sie", "jetzt abonnieren", "abonnieren", "melden sie sich", "jetzt anmelden", "jetzt registrieren",
		"abonnez-vous", "s'abonner", "inscrivez-vous", "recevez notre", "suscríbete", "suscríbase", "suscribirse", "regístrate", "recibe nuestro",
		"abbonati", "iscriviti", "registrati", "ricevi la nostra", "assine", "inscreva-se", "cadastre-se", "receba nossa", "receba a nossa",
		"abonneer", "schrijf je in", "meld je aan", "ontvang onze", "zapisz się", "subskrybuj", "zasubskrybuj", "zaprenumeruj", "prenumeruj", "otrzymuj"}
	// newsletterWords name a newsletter or an inbox.
	newsletterWords = []string{"newsletter", "nieuwsbrief", "boletín", "boletim", "infolettre", "lettre d'information", "your inbox", "ihr postfach", "votre boîte", "tu bandeja", "tua casella", "sua caixa de entrada", "je inbox", "uw inbox", "twoją skrzynkę",
		// the reader's mailbox and address, and the site's briefings
		"your mailbox", "your email address", "your e-mail address", "morning briefing", "evening briefing", "daily briefing", "free briefing", "daily digest", "weekly digest", "news alerts", "breaking news alerts",
		"ihrem postfach", "ins postfach", "dein postfach", "deinem postfach", "ihre e-mail-adresse", "deine e-mail-adresse", "kostenloses briefing", "morgen-briefing", "abend-briefing", "eilmeldungen per",
		"boîte mail", "boîte e-mail", "boîte de réception", "votre adresse e-mail", "votre adresse mail", "votre e-mail", "lettre gratuite", "alertes info",
		"tu correo", "tu email", "tu e-mail", "bandeja de entrada", "alertas de noticias",
		"la tua email", "la tua e-mail", "tua mail", "tuo indirizzo email", "tuo indirizzo e-mail", "casella di posta", "casella email",
		"seu e-mail", "seu email", "caixa de correio", "caixa de e-mail", "alertas de notícias",
		"je mailbox", "uw mailbox", "je e-mailadres", "uw e-mailadres", "je e-mail", "pushberichten",
		"twojej skrzynce", "skrzynkę mailową", "skrzynki pocztowej", "twój adres e-mail", "twój e-mail", "adres e-mail, aby",
		// the site's channels and app, push notifications
		"whatsapp channel", "telegram channel", "whatsapp-kanal", "telegram-kanal", "chaîne whatsapp", "canal de whatsapp", "canal de telegram", "canale whatsapp", "canale telegram",
		"canal do whatsapp", "canal no whatsapp", "whatsapp-kanaal", "kanał na whatsapp", "kanał na telegramie",
		"push notifications", "push-benachrichtigungen", "push-mitteilungen", "notifications push", "notificaciones push", "notifiche push", "notificações push", "pushmeldingen", "powiadomienia push",
		// (whole phrases: "our app" is in "your application")
		"download our app", "get our app", "laden sie unsere app", "téléchargez notre application", "descarga nuestra app", "descargue nuestra app", "scarica la nostra app",
		"descarregue a nossa app", "baixe nosso app", "baixe o nosso app", "download onze app", "pobierz naszą aplikację"}
	// paywallCounters count the free articles left to the reader: prompts
	// by their nature (noticePhrases), whatever the sentence around them.
	paywallCounters = slices.Concat([]string{"free articles", "free article", "kostenlose artikel", "kostenlosen artikel", "articles gratuits", "article gratuit",
		"artículos gratis", "artículos gratuitos", "articoli gratuiti", "articolo gratuito", "artigos gratuitos", "artigo gratuito",
		"gratis artikelen", "gratis artikel", "darmowych artykułów", "darmowe artykuły", "bezpłatne artykuły", "bezpłatnych artykułów",
		"je m'inscris", "je m'abonne"}, introOffers())
	// loginLabels are log-in and account links.
	loginLabels = []string{"log in", "login", "sign in", "sign up", "register", "my account", "log out", "anmelden", "einloggen", "registrieren", "mein konto", "abmelden",
		"se connecter", "connexion", "s'inscrire", "mon compte", "iniciar sesión", "inicia sesión", "acceder", "registrarse", "mi cuenta", "accedi", "il mio account",
		"entrar", "fazer login", "faça login", "minha conta", "inloggen", "registreren", "mijn account", "zaloguj się", "zaloguj", "zarejestruj się", "moje konto"}
	// paywallPrompts say that the article is for subscribers, or ask
	// the reader to log in or pay to read on.
	paywallPrompts = []string{"already a subscriber", "already subscribed", "already have an account", "subscribers only", "for subscribers", "subscriber-only", "subscriber exclusive",
		// offers: membership, unlimited access, trials, the journalism
		// a subscription supports
		"exclusive to subscribers", "available to subscribers", "available only to subscribers", "for paying subscribers", "paid subscribers", "premium subscribers", "premium content",
		"réservé à nos abonnés", "abonnés premium", "reservado a suscriptores", "reservado para suscriptores", "disponible para suscriptores", "disponibile per gli abbonati", "riservato ai nostri abbonati",
		"disponível para assinantes", "reservado a assinantes", "apenas para assinantes", "só para assinantes", "beschikbaar voor abonnees", "dostępny dla subskrybentów", "dostępne dla prenumeratorów", "tylko dla prenumeratorów", "premium article", "members only", "become a member", "become a subscriber", "support independent journalism", "support our journalism", "support quality journalism",
		"unlimited digital access", "unlimited access", "get full access", "digital subscription", "free trial", "start your trial", "cancel anytime", "cancel at any time", "read without limits", "unlock this article", "article limit", "reached your limit",
		"abonnent werden", "digital-abo", "digitalabo", "abo testen", "jederzeit kündbar", "unbegrenzt lesen", "unbegrenzten zugang", "unbegrenzter zugang", "zugang zu allen artikeln", "zugang zu allen inhalten", "werden sie mitglied", "unterstützen sie unabhängigen", "unterstütze unabhängigen", "exklusiv für abonnenten", "nur für abonnenten", "artikel freischalten",
		"accédez à tous", "accès illimité", "offre sans engagement", "résiliable à tout moment", "offre d'essai", "essai gratuit", "premier mois offert", "la suite est réservée", "soutenez un journalisme", "soutenez le journalisme", "devenez abonné", "devenez membre", "pour lire la suite", "contenu réservé", "article abonné",
		"hazte socio", "hazte suscriptor", "accede sin límites", "lee sin límites", "leer sin límites", "prueba gratis", "cancela cuando quieras", "apoya el periodismo", "apoye el periodismo", "contenido exclusivo", "solo para suscriptores",
		"leggere senza limiti", "leggi senza limiti", "disdici quando vuoi", "sostieni il giornalismo", "contenuto riservato", "articolo riservato", "contenuto esclusivo", "riservato ai clienti",
		"torne-se assinante", "assine já", "ler sem limites", "leia sem limites", "cancele quando quiser", "apoie o jornalismo", "conteúdo exclusivo", "continue a ler com", "com a sua assinatura", "assinatura digital",
		"neem een abonnement", "word abonnee", "onbeperkt lezen", "lees onbeperkt", "onbeperkt toegang", "onbeperkte toegang", "gratis proberen", "proefabonnement", "maandelijks opzegbaar", "steun onafhankelijke", "plusartikel", "premium-artikel",
		"wykup subskrypcję", "wykup dostęp", "kup subskrypcję", "czytaj bez ograniczeń", "bez ograniczeń", "nieograniczony dostęp", "darmowy okres próbny", "wspieraj niezależne", "wesprzyj niezależne", "treść premium", "dostęp premium", "z subskrypcją",
		"subscribe to continue", "subscribe to read", "to continue reading", "to read the full", "free articles left", "free article left", "remaining free",
		"bereits abonnent", "schon abonnent", "bereits registriert", "für abonnenten", "abonnenten lesen", "weiterlesen", "lesen sie weiter", "mit einem abo", "im abo", "abo abschließen", "hier anmelden", "jetzt anmelden", "plus-artikel",
		"schließen sie ein abo", "déjà un compte", "identifiez-vous", "já tem conta", "inicie sessão", "hai già un account", "heb je al een account",
		"déjà abonné", "réservé aux abonnés", "pour les abonnés", "abonnés uniquement", "article réservé", "connectez-vous", "lire la suite", "continuer à lire",
		"ya eres suscriptor", "ya estás suscrito", "ya tienes cuenta", "exclusivo para suscriptores", "para suscriptores", "inicia sesión", "iniciar sesión", "seguir leyendo", "sigue leyendo",
		"già abbonato", "riservato agli abbonati", "per gli abbonati", "solo per abbonati", "continua a leggere", "continuare a leggere",
		"já é assinante", "já sou assinante", "exclusivo para assinantes", "para assinantes", "faça login", "fazer login", "continuar lendo", "continue lendo", "continuar a ler",
		"al abonnee", "alleen voor abonnees", "voor abonnees", "log hier in", "lees verder",
		"masz już konto", "masz już subskrypcję", "jesteś już", "tylko dla subskrybentów", "dla prenumeratorów", "dla subskrybentów", "zaloguj się", "czytaj dalej"}
)

// introOffers are the prices of a subscription's first month ("5 Euro
// im ersten Monat", "84 zł w pierwszym miesiącu"): an introductory
// offer, which a report names as rarely as it names a price per month
// often. A currency, then the first month in each language.
func introOffers() []string {
	var out []string
	for _, c := range []string{"euro", "euros", "€", "zł", "złotych", "chf", "franken", "francs"} {
		for _, m := range []string{"im ersten monat", "für den ersten monat", "le premier mois", "pour le premier mois", "el primer mes", "durante el primer mes",
			"il primo mese", "per il primo mese", "no primeiro mês", "durante o primeiro mês", "de eerste maand", "voor de eerste maand", "w pierwszym miesiącu", "za pierwszy miesiąc"} {
			out = append(out, c+" "+m)
		}
	}
	return out
}

// compiledRule is a Rule ready for matching: patterns folded, regexps
// compiled, After resolved to a rule index.
type compiledRule struct {
	Rule
	re    []literalRegexp
	after int // index of the After rule, or -1
	self  int // this rule's index
}

// literalRegexp is a regexp with literals one of which every match must
// contain and, when anchored, the bytes a match can start with: checking
// those first skips the regexp engine on almost every line, which is what
// keeps regexp rules affordable.
type literalRegexp struct {
	*regexp.Regexp
	literals []string
	first    *[256]bool
	pairs    *pairSet
}

// requiredLiterals returns literals one of which every match of expr
// contains: the best set (longest shortest member) among the parts of a
// top-level concatenation, where a part is a literal or an alternation of
// them ("(comments?|kommentare)"); nil when there is none.
func requiredLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	lits, _ := literalsOf(re.Simplify())
	return lits
}

// maxClassLiterals is the largest character class literalsOf takes as
// an alternation of literals.
const maxClassLiterals = 8

// literalsOf returns a set of literals one of which every match of re
// contains, preferring the set whose shortest literal is longest; ok is
// false when there is none.
func literalsOf(re *syntax.Regexp) (lits []string, ok bool) {
	shortest := func(set []string) int {
		n := -1
		for _, l := range set {
			if n < 0 || len(l) < n {
				n = len(l)
			}
		}
		return n
	}
	switch re.Op {
	case syntax.OpLiteral:
		// A space is in nearly every line: no use as a filter.
		if re.Flags&syntax.FoldCase != 0 || strings.TrimLeft(string(re.Rune), " ") == "" {
			return nil, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		// A class of a few characters ("[|•·]") is an alternation of them.
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(lits) == maxClassLiterals || r == ' ' {
					return nil, false
				}
				lits = append(lits, string(r))
			}
		}
		return lits, len(lits) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return literalsOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false
		}
		return literalsOf(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			l, ok := literalsOf(sub)
			if !ok {
				return nil, false
			}
			lits = append(lits, l...)
		}
		return lits, true
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if l, ok := literalsOf(sub); ok && shortest(l) > shortest(lits) {
				lits = l
			}
		}
		return lits, lits != nil
	}
	return nil, false
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
			c.re = append(c.re, literalRegexp{re, requiredLiterals(expr), firstBytes(expr), firstPairs(expr)})
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
// trimmed, and the Latin letters of U+00C0-U+01FF lowered and stripped
// of their accents (latinFold: "RÉSERVÉS" and "reserves" fold alike,
// "ß" to "ss", "Ż" to "z") and curly quotes made straight, so a pattern matches a line whatever its
// case and whether or not the site typed its accents. Every such letter
// is two bytes in UTF-8 and folds to at most two, so folding never
// lengthens a line and stays allocation-free and byte-oriented. Other
// scripts keep their case (patterns are written in lower case).
//
// Most of what is folded is prose, where a run of eight bytes needs only
// its upper-case letters lowered: foldWord does that for a whole word
// (uint64) at once, and bytes it cannot take (control bytes, a space
// after a space, the lead bytes 0xC0-0xC7 of a no-break space or a Latin
// letter, 0xE2 of a curly quote) go through the table one at a time. Byte at a time, folding
// was an eighth of the stripping time on generated news.
func fold(dst []byte, s string) []byte {
	start := len(dst)
	dst = slices.Grow(dst, min(len(s), foldCap))
	out := dst[start : start+min(len(s), foldCap)]
	j, space := 0, true // space: the last byte written was one (drops leading space)
	for i := 0; i < len(s) && j < len(out); {
		// Words of eight bytes in a loop of their own, until one needs
		// the table.
		for ; i+8 <= len(s) && j+8 <= len(out); i, j = i+8, j+8 {
			folded, ok := foldWord(load64(s, i), space)
			if !ok {
				break
			}
			binary.LittleEndian.PutUint64(out[j:], folded)
			space = folded>>56 == ' '
		}
		if i >= len(s) || j >= len(out) {
			break
		}
		c := foldTable[s[i]]
		if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 {
			if q := curlyQuote(s[i+2]); q != 0 {
				c = q
				i += 2
			}
		} else if c&0xF8 == 0xC0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			if m := latinFold[int(c&0x07)<<6|int(s[i+1]&0x3F)]; m[0] != 0 {
				c = m[0]
				if m[1] != 0 { // "ß" to "ss": the first byte now, the second below
					if j+2 > len(out) {
						break // no room for both: the folded line ends here
					}
					out[j] = c
					j++
					c = m[1]
				}
				i++
			}
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
// can when none is a control byte, a lead byte 0xC0-0xC7 or 0xE2 and no space follows a space
// (or, at the first byte, a written space: afterSpace): the fold is then
// w with A-Z lowered. Each test works on all bytes in parallel: adding
// 0x80-n to a byte's low seven bits sets its top bit exactly when they
// are at least n, and no sum carries into the next byte.
func foldWord(w uint64, afterSpace bool) (uint64, bool) {
	const ones, high, low = bytes01, bytes80, bytes7f
	ge := func(n uint64) uint64 { return (w&low + (0x80-n)*ones) &^ w & high } // ASCII bytes >= n
	ctrl := ^((w&low + (0x80-0x20)*ones) | w) & high                           // bytes < 0x20
	var lead uint64
	if w&high != 0 { // not all ASCII, as most of a text's words are
		x := w&(0xF8*ones) ^ 0xC0*ones
		lead = ^((x&low + low) | x) & high // bytes 0xC0-0xC7 (latinFold)
		x = w ^ 0xE2*ones
		lead |= ^((x&low + low) | x) & high // byte 0xE2 (curly quotes)
	}
	x := w ^ ' '*ones
	sp := ^((x&low + low) | x) & high // bytes == ' '
	prev := sp << 8
	if afterSpace {
		prev |= 0x80
	}
	if ctrl|lead|sp&prev != 0 {
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

// curlyQuote returns the ASCII quote for the last byte of a UTF-8
// sequence E2 80 xx (U+2018-U+201E), or 0: sites type "n’engagent" and
// "n'engagent" alike.
func curlyQuote(b byte) byte {
	switch b {
	case 0x98, 0x99, 0x9A:
		return '\''
	case 0x9C, 0x9D, 0x9E:
		return '"'
	}
	return 0
}

// latinFold maps the code points U+0000-U+01FF that are two bytes in
// UTF-8 to their folded form (see fold): one or two ASCII bytes, or
// zero for "leave the bytes as they are" (symbols such as "©" and "×").
// Letters take the base letter of their canonical decomposition; the
// few without one (ß, æ, œ, ø, ł, đ, ð, þ, ı) are listed.
var latinFold = func() (t [0x200][2]byte) {
	special := map[rune]string{'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
		'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h"}
	t[0xA0] = [2]byte{' '} // no-break space
	for r := rune(0xC0); r < 0x200; r++ {
		s, ok := special[r]
		if !ok {
			d := norm.NFD.String(string(r))
			if !isASCIILetter(d[0]) {
				continue
			}
			s = d[:1]
		}
		copy(t[r][:], strings.ToLower(s))
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
