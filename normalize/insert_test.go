package normalize

import (
	"slices"
	"strings"
	"testing"
)

// TestInserts: a decorated line alone between two paragraphs is an
// insert in any language; a bulleted list, reported speech and a
// quotation closed by a guillemet are the article's.
func TestInserts(t *testing.T) {
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	p := shapeArticles[0].paras
	for _, c := range []struct {
		between []string
		gone    bool
	}{
		{[]string{"» Mehr zum Thema Jonas Vogel gewinnt den Marathon mit Streckenrekord"}, true},
		{[]string{"| Abbonati per leggere senza limiti a 27 euro al mese."}, true},
		{[]string{"Soutenez un journalisme indépendant : abonnez-vous dès maintenant →"}, true},
		{[]string{"* Wspieraj niezależne dziennikarstwo: dołącz do nas już dziś"}, true},
		// a wrapped insert (reflow joins its lines) goes whole
		{[]string{"» Weitere Artikel: Bahnstreik legt den Verkehr in der", "Region Osnabrück für drei Tage lahm"}, true},
		// the article's own
		{[]string{"• The bridge will close on Monday.", "• Ferries will run every hour.", "• Cyclists travel free."}, false},
		{[]string{"- The ferry will be free for cyclists, the council said."}, false},
		{[]string{"Il a conclu : « nous reviendrons l'an prochain »"}, false},
		{[]string{"– Nie wiem, co będzie dalej – mówi sprzedawczyni z targu."}, false},
	} {
		text := strings.Join(append(append([]string{p[0]}, c.between...), p[1], p[2]), "\n")
		out, removed := s.Strip(text, "")
		for _, l := range c.between {
			if got := !strings.Contains(out, l); got != c.gone {
				t.Errorf("%q removed = %v, want %v (removed %q)", l, got, c.gone, removed)
			}
		}
		if !strings.Contains(out, p[0]) || !strings.Contains(out, p[1]) {
			t.Errorf("body cut around %q:\n%s", c.between, out)
		}
	}
}

// TestItemMarks: a bullet opens an item and an arrow or bar ends one;
// dashes and quotation marks are the text's.
func TestItemMarks(t *testing.T) {
	for _, c := range []struct {
		raw       string
		open, end bool
	}{
		{"* Segui Rimini Notizie", true, false},
		{"• Share this", true, false},
		{"» Lesen Sie auch", true, false},
		{"Read more →", false, true},
		{"Contact us |", false, true},
		{"Mehr zum Thema ›", false, true},
		{"» a-t-il dit", false, false},
		{"– sagte er", false, false},
		{"« Nous reviendrons »", false, false},
		{"ce qu’il appelle « une honte »", false, false},
		{"a spaced dash -", false, false},
		{"plain", false, false},
	} {
		if got := opensItem(c.raw); got != c.open {
			t.Errorf("opensItem(%q) = %v, want %v", c.raw, got, c.open)
		}
		if got := closesItem(c.raw); got != c.end {
			t.Errorf("closesItem(%q) = %v, want %v", c.raw, got, c.end)
		}
	}
}

// TestItemEndsWrap: a bulleted line that ends a sentence at the margin
// does not run on into the paragraph under it (e-mail text without blank
// lines), nor does a line closed by an arrow: the paragraph was lost with
// the insert.
func TestItemEndsWrap(t *testing.T) {
	para := []string{
		"Les commentaires de Romain Fournier lors d’un meeting à Strasbourg ont",
		"suscité lundi des critiques dans tous les camps, selon ses proches.",
	}
	for _, item := range []string{
		"» Saisissez votre adresse e-mail pour recevoir notre lettre gratuite.",
		"Plus d’articles sur le même sujet dans notre rubrique politique →",
	} {
		ls := logicalLines(append([]string{item}, para...))
		if len(ls) != 2 || ls[0] != item {
			t.Errorf("logical lines %q, want the item alone", ls)
		}
	}
}

// logicalLines returns the raw text of the logical lines (reflow) of the
// physical lines given.
func logicalLines(lines []string) []string {
	text := strings.Join(lines, "\n")
	var raws []string
	ls, _ := reflow(nil, splitLines(nil, text, nil), text, hasMarkup(text, hasInvisible(text)))
	for _, l := range ls {
		raws = append(raws, l.raw)
	}
	return raws
}

// TestHyphenItemEndsWrap: a line opening with a hyphen after a sentence's
// end is an item, not a dash carried over: it neither joins the
// paragraph before it nor, when it ends a sentence, the one after it;
// a dash carried over mid-sentence still joins.
func TestHyphenItemEndsWrap(t *testing.T) {
	item := "- Ontvang elke ochtend het belangrijkste nieuws in je mailbox."
	lines := []string{
		"Het concern sluit 63 kleinere vestigingen en verhuist de",
		"productie naar Venlo voor juni, aldus het bedrijf zelf.",
		item,
		"Beleggers hopen dinsdag meer te horen, als de directie in",
		"Hilversum de nieuwe strategie presenteert, zei een woordvoerder.",
	}
	if ls := logicalLines(lines); len(ls) != 3 || ls[1] != item {
		t.Errorf("logical lines %q, want the item alone", ls)
	}
	dash := []string{"Der Bürgermeister kündigte am Dienstag an, die Brücke werde im", "- so jedenfalls der Plan der Stadt - im Mai wieder freigegeben."}
	if ls := logicalLines(dash); len(ls) != 1 {
		t.Errorf("a dash carried over mid-sentence: logical lines %q, want 1", ls)
	}
}

// TestLabelLinesEndWrap: a row of links and a label in capitals are
// lines of their own: tight wrapping joined an ad label, a section row,
// the headline and the first paragraph into one logical line, which the
// ad label's rule then took whole, or a weak line the body left out.
func TestLabelLinesEndWrap(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		label int // the line that must stand alone
	}{
		{[]string{
			"continuação do artigo depois do anúncio publicitário",
			"podcasts / opinião / política / economia / desporto",
			"Lucro da construtora de Braga cai para metade no primeiro semestre",
		}, 1},
		{[]string{
			"Politik › Europa",
			"- ARTIKEL WIRD UNTER DER ANZEIGE FORTGESETZT",
			"Landtag beschließt neues Gesetz zu Brücken im Land",
			"Maria Schneider sagte, ihr Verein aus Kiel betreue",
			"inzwischen jede Woche 2.492 Kinder.",
		}, 1},
	} {
		if ls := logicalLines(tc.lines); !slices.Contains(ls, tc.lines[tc.label]) {
			t.Errorf("logical lines %q, want %q alone", ls, tc.lines[tc.label])
		}
	}
}

// TestLinkRow: linkRow finds two separators of a row of links, and
// no fewer.
func TestLinkRow(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want bool
	}{
		{"Politik / Wirtschaft / Sport", true},
		{"Home | News", false},
		{"News · Sport • Kultur", true},
		{"Accueil » Monde » Europe", true},
		{"a > b > c", true},
		{"He said: 24/7 and 50|50 deals.", false},
		{"Sport · ", false},
		{"x · y » z", true},
	} {
		if got := linkRow(tc.raw); got != tc.want {
			t.Errorf("linkRow(%q) = %v, want %v", tc.raw, got, tc.want)
		}
	}
}

// TestInsertNextToRemovedListMate: a teaser whose neighbour shares its
// mark reads as an item of a list with it; once that neighbour is
// removed (an ad label, a paywall notice), the teaser stands alone between
// paragraphs, as stripping the output again would find. Inserts are
// looked for again each round, so it goes at once (a genstrip document,
// holdout split: its output stripped again lost it).
func TestInsertNextToRemovedListMate(t *testing.T) {
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	const teaser = "> Te recomendamos: El museo de Murcia devuelve piezas expoliadas"
	out, _ := s.Strip(spanishWithTeaser, "")
	if strings.Contains(out, teaser) {
		t.Errorf("kept the teaser:\n%s", out)
	}
	if again, more := s.Strip(out, ""); again != out || len(more) > 0 {
		t.Errorf("not idempotent: stripped again, removed %q", more)
	}
}

const spanishWithTeaser = `Política › Podcasts › Opinión › Economía › Viajes
Economía › Salud
- LA GACETA DE MÁLAGA
Sigue leyendo tras el anuncio
Editorial Siglo se desploma en bolsa tras rebajar sus previsiones
Un artículo de Francisco Álvarez y Diego Romero
El consejero delegado, Diego Álvarez, atribuyó el resultado en una videollamada a el alza de los salarios y a la débil demanda en Europa, señalaron fuentes de Granada. En Granada, donde la empresa emplea a unas 35.337 personas, los representantes de la plantilla dicen que no han sido consultados sobre cierres, añadió Diego Álvarez. Editorial Siglo presentó el sábado un beneficio neto de 14,1 millones de euros en el trimestre, muy por debajo de lo que esperaban los analistas.
PUBLICIDAD >
> Te recomendamos: El museo de Murcia devuelve piezas expoliadas
Caja Levante confirmó las cifras el martes. Grupo Alcázar cerrará 37 fábricas pequeñas y trasladará la producción a su sede de Málaga antes de julio.
| Lo que opinan nuestros lectores ›
| Martínez: Muy buen artículo, gracias. ›
| Ruiz: Muy buen artículo, gracias. ›
| Torres: Muy buen artículo, gracias. ›
· Compartir En Facebook
· Facebook › WhatsApp › LinkedIn › E-Mail › Telegram › X
- Regístrate gratis en nuestra newsletter.
» Comentarios (98)
> Copyright © 2024 La Gaceta de Málaga S.L. Todos los derechos reservados. →
`
