package normalize_test

import (
	"strings"
	"testing"

	"github.com/newsclean/clean/normalize"
)

// TestStripAgainWhenKeptLinesRegroup strips two generated documents
// (cmd/genstrip, dev split, seed 7) whose removed lines decided how reflow
// grouped their neighbours. Stripped once without looking again, each
// kept a line that its stripped text, stripped again, removed: a
// newsletter prompt under a removed "continues below the advert" line,
// and a wrapped disclaimer whose first half a removed line above had
// paired with the article.
func TestStripAgainWhenKeptLinesRegroup(t *testing.T) {
	s, err := normalize.NewStripper(normalize.DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ text, gone string }{
		{german, "> Melden Sie sich für unseren Newsletter an"},
		{italian, "Il Corriere di Torino non è responsabile dei contenuti di"},
	} {
		out, removed := s.Strip(c.text, "")
		if strings.Contains(out, c.gone) {
			t.Errorf("kept %q:\n%s", c.gone, out)
		}
		again, more := s.Strip(out, "")
		if again != out || len(more) > 0 {
			t.Errorf("not idempotent: stripped again, removed %q", more)
		}
		var gone []string
		for _, r := range removed {
			gone = append(gone, r.Text)
		}
		if i := unmatched(gone, strings.Split(c.text, "\n")); i >= 0 {
			t.Errorf("removal %q is not an input line in order: %q", gone[i], gone)
		}
	}
}

const german = `| Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten. Wenn Sie weitersurfen, stimmen Sie der Verwendung von Cookies zu. |
· Werbung »
Nachrichten aus Münster
kultur » wissen » startseite » politik
FINANZEN » NACHRICHTEN
Sonntag, 27. Oktober 2023
Stadtrat von Hannover billigt 97.950 neue Wohnungen trotz Protesten
> Anna Schröder, Korrespondent in Berlin
Birgit Lange will den Rat der Ärzte befolgen und 74 Tage zu Hause bleiben, erklärte ein Sprecher von Kessler Bau.
Ulrike Schneider, eine Rentnerin, der seit 58 Jahren in der Siedlung lebt, befürchtet Lärm und Staub vor seiner Haustür.
Auch aus Hannover wurden ähnliche Szenen gemeldet. Weserbahn kündigte am Montag an, die ersten 60 Familien könnten Ende 2023 einziehen, wenn die Genehmigungen rechtzeitig kommen. Der Stadtrat von Hannover hat am Donnerstag mit knapper Mehrheit den Bau von 91.597 Wohnungen auf dem Gelände einer alten Brauerei beschlossen – so Ulrike Schneider. Hanna Müller, Mitglied des Bauausschusses, sagte, 93 Prozent der Wohnungen würden als Sozialwohnungen vermietet, außerdem entstehe eine Stadtteilbibliothek – so Ulrike Schneider.
Vor dem Rathaus in Leipzig hatten sich schon am Vormittag 26 Anwohner versammelt, auf ihren Plakaten stand „Rettet unseren Park“.
Laut Vertrag zahlt Voss Consulting 81.838 Euro für neue Radwege und eine Verbindung in die Innenstadt.
Hanna Müller beschrieb die Stimmung als „angespannt“. Nach Angaben von Grünwald Kapital sind die Mieten in Leipzig im vergangenen Jahr um 13,8 Prozent gestiegen, so stark wie seit Langem nicht mehr. Oppositionsführerin Ulrike Schneider nannte den Beschluss „ein Hinterzimmergeschäft“ und kündigte eine Überprüfung an.
Am Hauptbahnhof von Hannover warteten Dutzende Reisende auf Ersatzbusse, manche mehr als eine Stunde.
Artikel wird unter der Anzeige fortgesetzt
> Melden Sie sich für unseren Newsletter an
Bis zum Montagabend kamen 79 weitere Menschen hinzu. Die Landesregierung sagte am Mittwoch Soforthilfen von 84.733 Euro zu, Helfer des THW sollen Sandsäcke entlang des Ufers stapeln, erklärte ein Sprecher von Kessler Bau.
| © 2023 Nachrichten aus Münster. Alle Rechte vorbehalten.
folgen sie uns für aktuelle nachrichten
* Sie haben bereits ein Konto? Jetzt einloggen »
· Lesen Sie auch:
· Nach nächtlicher Debatte: Abgeordnete in Leipzig stimmen für Energiereform
» Kommentare anzeigen
`

const italian = `* Il Corriere di Torino
Cultura | Scienza | Video | Esteri
Sciopero di 72 ore, treni fermi intorno a Firenze
    La situazione restava tesa giovedì, secondo Valentina
Rossi. Alla stazione di Firenze, centinaia di
viaggiatori hanno atteso i bus sostitutivi, alcuni per
più di un’ora. Valentina Rossi, addetta alle pulizie
che percorre 83 chilometri al giorno, ha dovuto
chiedere un permesso perché non c’era altro modo per
arrivare. I macchinisti di Assicurazioni Tirrene hanno
avviato domenica uno sciopero di 76 ore, cancellando
gran parte dei treni intorno a Firenze, ha detto un
portavoce di Fondazione Orizzonte.
    Il ministro dei Trasporti, Laura Barbieri, ha definito
lo sciopero «irresponsabile» e l’offerta generosa.
> Correlati: Energia, i deputati di Perugia approvano la
riforma
Sei già abbonato? Accedi
    Valentina Rossi, portavoce del sindacato, sostiene che
gli stipendi non aumentano da 45 anni e che la
trattativa è fallita – secondo Laura Rossi.
- Questo articolo è riservato agli abbonati. Accedi o
abbonati per continuare a leggere
• Condividi O Commenta
- Gli interventi rispecchiano le opinioni dei loro autori.
Il Corriere di Torino non è responsabile dei contenuti di
siti esterni. >
• SEGUI IL CORRIERE DI TORINO SU X
» Tutti i contenuti © 2025 Il Corriere di Torino. Vietata
la riproduzione senza autorizzazione.
`
