package normalize

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Three paragraphs of ordinary news prose: the body the rule cases are
// placed around.
var bodyParas = []string{
	"The council voted on Tuesday to close the old bridge for repairs, after engineers found that two of its supports had cracked during the winter storms.",
	"Residents who use the crossing every day said they had not been told how long the work would take, and several shop owners on the east bank fear a drop in trade.",
	"A spokesman for the council said a temporary ferry would run from next month and that the repairs should be finished before the end of the year.",
}

func doc(lines ...string) string { return strings.Join(lines, "\n\n") }

// removedBy strips text and returns the rule that removed line, or "" when
// the line was kept.
func removedBy(t *testing.T, s *Stripper, text, line string) string {
	t.Helper()
	kept, removed := s.Strip(text, "example.com")
	for _, r := range removed {
		if r.Text == line {
			return r.Rule
		}
	}
	if !slices.Contains(strings.Split(kept, "\n"), line) {
		t.Fatalf("line %q neither kept nor removed", line)
	}
	return ""
}

// TestRules gives each rule a case where it removes a line, and a case
// where the same words inside the body stay.
func TestRules(t *testing.T) {
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	p0, p1, p2 := bodyParas[0], bodyParas[1], bodyParas[2]
	tests := []struct {
		rule string
		line string // the line under test
		text string // the document holding it
		want string // rule expected to remove it; "" = kept
	}{
		{"copyright", "© Copyright Example News 2024. All rights reserved.", doc(p0, p1, p2, "© Copyright Example News 2024. All rights reserved."), "copyright"},
		{"copyright", "Copyright 2019 Example Media Group", doc(p0, p1, p2, "Copyright 2019 Example Media Group", "Privacy | Terms"), "copyright"},
		{"copyright/body", "The publisher argued that all rights reserved by the original author had lapsed when the contract expired in 2010.",
			doc(p0, "The publisher argued that all rights reserved by the original author had lapsed when the contract expired in 2010.", p2), ""},
		{"disclaimer", "Disclaimer: The views expressed are the author's own and do not reflect those of this site.", doc(p0, p1, p2, "Disclaimer: The views expressed are the author's own and do not reflect those of this site."), "disclaimer"},
		{"disclaimer/body", "Disclaimer notices, he said, are rarely read by anyone and protect the company from very little in court.",
			doc(p0, "Disclaimer notices, he said, are rarely read by anyone and protect the company from very little in court.", p2), ""},
		{"contact", "For media inquiries: press@example.com", doc(p0, p1, p2, "For media inquiries: press@example.com"), "contact"},
		{"contact/body", "For media inquiries the ministry now refers reporters to a call centre that closes at noon, the report said.",
			doc(p0, "For media inquiries the ministry now refers reporters to a call centre that closes at noon, the report said.", p2), ""},
		{"site-byline", "Articles by: Example Research News", doc(p0, p1, p2, "Articles by: Example Research News"), "site-byline"},
		{"comment-widget", "jane in: Why the bridge matters", doc(p0, p1, p2, "jane in: Why the bridge matters", "Great piece, thanks ..."), "comment-widget"},
		{"comment-excerpt", "Great piece, thanks ...", doc(p0, p1, p2, "jane in: Why the bridge matters", "Great piece, thanks ..."), "comment-excerpt"},
		{"comment-excerpt/no widget", "He paused and said: we will see ...", doc(p0, p1, p2, "He paused and said: we will see ..."), ""},
		{"comments", "34 Comments", doc(p0, p1, p2, "34 Comments", "bob says:", "Nice."), "comments"},
		{"comments/heading", "[ 167 comments ]", doc(p0, p1, p2, "[ 167 comments ]", "bob", p0), "comments"},
		{"comments/wall", "Great piece, thanks. I read it twice and it made me think about the bridge in my own town.",
			doc(p0, p1, p2, "Comments", "bob", "Great piece, thanks. I read it twice and it made me think about the bridge in my own town.",
				"ann", p0+" "+p1+" "+p2, "joe", p2+" "+p1+" "+p0, "sue", p1+" "+p0+" "+p2), RuleNonBody},
		{"comments/form", "Your email address will not be published. Required fields are marked *", doc(p0, p1, p2, "Leave a Reply", "Your email address will not be published. Required fields are marked *"), "comments"},
		{"comments/form in prose", "The council said your email address will not be published in the register.", doc(p0, "The council said your email address will not be published in the register.", p1, p2), ""},
		{"comments/in prose", "The mayor declined to comment.", doc(p0, "The mayor declined to comment.", p1, p2), ""},
		{"comments/readers heading", "Ce qu'en disent nos lecteurs", doc(p0, p1, p2, "Ce qu'en disent nos lecteurs", "Durand a écrit : Bravo pour cet article."), "comments"},
		{"comments/readers trap", "What our readers say in their letters is read by the council, the editor said.",
			doc(p0, "What our readers say in their letters is read by the council, the editor said.", p1, p2), ""},
		{"inline-ad/continues", "Continue a ler após a publicidade", doc(p0, "Continue a ler após a publicidade", p1, p2), "inline-ad"},
		{"share", "Share this article", doc(p0, "Share this article", p1, p2), "share"},
		{"share/bar", "Whatsapp Facebook Pin Download", doc(p0, p1, "Whatsapp Facebook Pin Download", p2), "share"},
		{"share/body", "Share prices of the ferry operator rose sharply after the announcement, traders in London said on Wednesday.",
			doc(p0, "Share prices of the ferry operator rose sharply after the announcement, traders in London said on Wednesday.", p2), ""},
		{"cookies", "We use cookies to improve your experience on our site. By continuing you agree to our cookie policy.", doc(p0, p1, p2, "We use cookies to improve your experience on our site. By continuing you agree to our cookie policy."), "cookies"},
		{"cookies/consent trap", "The court ruled that a site must ask before it stores cookies, and that users who refuse must still be served, the judge said.",
			doc(p0, p1, p2, "The court ruled that a site must ask before it stores cookies, and that users who refuse must still be served, the judge said."), ""},
		{"cookie-details", "Necessary cookies are essential for the website to function and cannot be switched off in our systems.",
			doc(p0, p1, p2, "We use cookies to improve your experience on our site.", "Necessary cookies are essential for the website to function and cannot be switched off in our systems."), "cookie-details"},
		{"cookie-details/body", "She baked cookies for the workers every Friday, and they say they will miss her when the bridge reopens.",
			doc(p0, p1, "She baked cookies for the workers every Friday, and they say they will miss her when the bridge reopens."), ""},
		{"related", "Related stories", doc(p0, p1, "Related stories", p2), "related"},
		{"crumbs", "Home > News > Local", doc("Home > News > Local", p0, p1, p2), "crumbs"},
		{"inline-ad", "Advertisement", doc(p0, "Advertisement", p1, p2), "inline-ad"},
		{"inline-ad/body", "Advertisement spending by the council fell by a third last year, according to its annual accounts.",
			doc(p0, "Advertisement spending by the council fell by a third last year, according to its annual accounts.", p2), ""},
		{"email-protection", "Contact: [email\u00a0protected]", doc(p0, p1, "Contact: [email\u00a0protected]", p2), "email-protection"},
		{"comment-form", "Votre adresse e-mail ne sera pas publiée.", doc(p0, p1, p2, "Votre adresse e-mail ne sera pas publiée."), "comment-form"},
		{"newsletter", "Jetzt den Newsletter abonnieren", doc(p0, "Jetzt den Newsletter abonnieren", p1, p2), "newsletter"},
		{"newsletter-notice", "Sign up for our newsletter to get the day's top stories delivered to your inbox every morning.",
			doc(p0, p1, p2, "Sign up for our newsletter to get the day's top stories delivered to your inbox every morning."), "newsletter-notice"},
		{"subscription", "¿Ya eres suscriptor? Inicia sesión", doc(p0, "¿Ya eres suscriptor? Inicia sesión", p1, p2), "subscription"},
		{"subscription/available to", "Der vollständige Artikel ist nur für Abonnenten verfügbar.", doc(p0, p1, p2, "Der vollständige Artikel ist nur für Abonnenten verfügbar."), "subscription-notice"},
		{"newsletter/channel", "Segui il nostro canale WhatsApp per le notizie del giorno.", doc(p0, p1, p2, "Segui il nostro canale WhatsApp per le notizie del giorno."), "newsletter-notice"},
		{"newsletter/app", "Download our app for the latest news", doc(p0, "Download our app for the latest news", p1, p2), "newsletter"},
		{"newsletter/app trap", "Downtime (you should kill your application to collect the data)",
			doc(p0, "Downtime (you should kill your application to collect the data)", p1, p2), ""},
		{"newsletter/channel trap", "The mayor announced the closure on the council's WhatsApp channel on Sunday, residents said.",
			doc(p0, "The mayor announced the closure on the council's WhatsApp channel on Sunday, residents said.", p1, p2), ""},
		{"subscription-notice", "Este contenido es exclusivo para suscriptores de pago, que pueden leer todas nuestras noticias.",
			doc(p0, p1, p2, "Este contenido es exclusivo para suscriptores de pago, que pueden leer todas nuestras noticias."), "subscription-notice"},
		{"contact-address", "Redaktion: news@example-zeitung.de", doc(p0, p1, p2, "Redaktion: news@example-zeitung.de"), "contact-address"},
		{"contact-address/trap", "Reached by e-mail at jo@example.com, she said the bridge would reopen.",
			doc(p0, p1, p2, "Reached by e-mail at jo@example.com, she said the bridge would reopen."), ""},
		{"link-row", "Impressum | Datenschutz | AGB", doc(p0, p1, p2, "Impressum | Datenschutz | AGB"), "link-row"},
		{"link-row/arrows", "Politique → Économie → Sport → Culture", doc(p0, p1, p2, "Politique → Économie → Sport → Culture", "Impressum | Datenschutz | AGB"), "link-row"},
		{"link-row/en dashes", "Politik – Wirtschaft – Sport – Kultur", doc(p0, p1, p2, "Politik – Wirtschaft – Sport – Kultur", "Impressum | Datenschutz | AGB"), "link-row"},
		{"share/follow networks", "Follow The Herald on Facebook and Instagram", doc(p0, p1, "Follow The Herald on Facebook and Instagram", p2), "share"},
		{"share/follow inflected", "Obserwuj Gazetę Krakowską na Facebooku i Instagramie", doc(p0, p1, "Obserwuj Gazetę Krakowską na Facebooku i Instagramie", p2), "share"},
		{"share/like page", "Aimez notre page Facebook", doc(p0, p1, "Aimez notre page Facebook", p2), "share"},
		// Traps: a sentence of the article that carries a rule's trigger,
		// where the rule may act (the header or footer block for edge
		// rules, between paragraphs for anywhere rules).
		{"copyright/trap", "Copyright lawyers for the studio said the ruling would be appealed.",
			doc(p0, p1, p2, "Copyright lawyers for the studio said the ruling would be appealed.", "© 2024 Example News"), ""},
		{"disclaimer/trap", "The views expressed by the minister were not shared by the cabinet, officials said.",
			doc(p0, p1, p2, "The views expressed by the minister were not shared by the cabinet, officials said."), ""},
		{"contact/trap", "Contact us, the sign on the locked ferry office read, and the phone rang out all day.",
			doc(p0, p1, p2, "Contact us, the sign on the locked ferry office read, and the phone rang out all day."), ""},
		{"site-byline/trap", "Articles by local historians were used to reconstruct the bridge's original design, the engineers said.",
			doc("Articles by local historians were used to reconstruct the bridge's original design, the engineers said.", p0, p1, p2), ""},
		{"comment-widget/trap", "Prices rose in: food, fuel and rent, the statistics agency said.", doc(p0, p1, p2, "Prices rose in: food, fuel and rent, the statistics agency said."), ""},
		{"comment-excerpt/trap", "The mayor paused, said the bridge would reopen, and added: we will see ...",
			doc("jane in: Why the bridge matters", "The mayor paused, said the bridge would reopen, and added: we will see ...", p0, p1, p2), ""},
		{"comments/trap", "His comments angered many.", doc(p0, "His comments angered many.", p1, p2), ""},
		{"comment-form/trap", "Your email address will not be published in the register, the council promised residents.",
			doc(p0, p1, p2, "Your email address will not be published in the register, the council promised residents."), ""},
		{"share/trap", "Share this burden, he urged.", doc(p0, "Share this burden, he urged.", p1, p2), ""},
		{"newsletter/trap", "Newsletter sales fell, the printer said.", doc(p0, "Newsletter sales fell, the printer said.", p1, p2), ""},
		{"newsletter-notice/trap", "Subscribers to the council's newsletter were told about the closure a week before everyone else.",
			doc(p0, p1, p2, "Subscribers to the council's newsletter were told about the closure a week before everyone else."), ""},
		{"subscription/trap", "Log in data was stolen, police said.", doc(p0, "Log in data was stolen, police said.", p1, p2), ""},
		{"subscription-notice/trap", "Already a subscriber to three newspapers, the retired teacher said he learned of the closure on the radio.",
			doc(p0, p1, p2, "Already a subscriber to three newspapers, the retired teacher said he learned of the closure on the radio."), ""},
		{"cookies/trap", "We use cookies as bait for the raccoons that nest under the bridge, a worker told reporters.",
			doc("We use cookies as bait for the raccoons that nest under the bridge, a worker told reporters.", p0, p1, p2), ""},
		{"cookie-details/trap", "Cookie sales at the stall by the bridge rose by a third last year, the baker said.",
			doc("We use cookies to improve your experience.", "Cookie sales at the stall by the bridge rose by a third last year, the baker said.", p0, p1, p2), ""},
		{"related/trap", "Lire aussi les mémoires du maire, a conseillé le libraire, qui en a vendu cent exemplaires.",
			doc(p0, "Lire aussi les mémoires du maire, a conseillé le libraire, qui en a vendu cent exemplaires.", p1, p2), ""},
		{"crumbs/trap", "You are here because the council failed you, the protest leader told the crowd.",
			doc("You are here because the council failed you, the protest leader told the crowd.", p0, p1, p2), ""},
		{"link-row/trap", "Turnout was 48·5 percent, officials said.", doc(p0, p1, p2, "Turnout was 48·5 percent, officials said."), ""},
		{"link-row/dash trap", "Turnout – 48 percent – was the lowest since 1990, officials said.", doc(p0, p1, p2, "Turnout – 48 percent – was the lowest since 1990, officials said.", "Impressum | Datenschutz | AGB"), ""},
		{"share/follow trap", "She said she would follow the doctors' advice on Instagram and stay at home.", doc(p0, "She said she would follow the doctors' advice on Instagram and stay at home.", p1, p2), ""},
		{"inline-ad/trap", "La suite après la pause, a promis le maire, serait consacrée au pont.",
			doc(p0, "La suite après la pause, a promis le maire, serait consacrée au pont.", p1, p2), ""},
		{"email-protection/trap", "Residents can write to [email protected] for a copy of the plans, the council said.",
			doc(p0, p1, p2, "Residents can write to [email protected] for a copy of the plans, the council said."), ""},
		{"non-body", "Home", doc("Home", "World", "Business", "Sport", "Culture", "Travel", p0, p1, p2), RuleNonBody},
		{"non-body/headline", "Bridge to close for repairs", doc("Bridge to close for repairs", "By Jane Smith", p0, p1, p2), ""},
		{"non-body/list ending", "Best actress - Clare Higgins for Hecuba at the Donmar",
			doc(p0, p1, p2, "Best actor - Richard Griffiths for The History Boys", "Best actress - Clare Higgins for Hecuba at the Donmar", "Best director - Nicholas Hytner at the Lyttelton"), ""},
		{"non-body/menu ending", "Contact",
			doc(p0, p1, p2, "About us", "Contact", "Privacy", "Terms"), RuleNonBody},
		{"non-body/short body line", "Nobody was hurt.", doc(p0, "Nobody was hurt.", p1, p2), ""},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := removedBy(t, s, tt.text, tt.line); got != tt.want {
				t.Errorf("line %q: removed by %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

// TestEveryRuleTested keeps TestRules honest: a new default rule needs a
// case where it removes a line and a trap: a sentence of the article
// carrying its trigger, which must stay.
func TestEveryRuleTested(t *testing.T) {
	src, err := os.ReadFile("rules_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range DefaultRules() {
		if !strings.Contains(string(src), `{"`+r.Name+`", `) {
			t.Errorf("rule %q has no case in TestRules", r.Name)
		}
		if !strings.Contains(string(src), `{"`+r.Name+`/trap", `) {
			t.Errorf("rule %q has no trap in TestRules", r.Name)
		}
	}
}

func TestLoadRules(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.rules", `# a user rule
rule werbung
description German inline ads
equal Verlagsangebot
prefix weiterlesen im angebot

rule footer-de
scope edge
maxlen 300
contains redaktionsschluss dieser ausgabe
`)
	rules, err := LoadRules(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 2 || rules[0].Name != "werbung" || rules[1].Scope != Edge || rules[1].MaxLen != 300 {
		t.Fatalf("parsed %+v", rules)
	}
	s, err := NewStripper(append(DefaultRules(), rules...), nil)
	if err != nil {
		t.Fatal(err)
	}
	text := doc(bodyParas[0], "VERLAGSANGEBOT", bodyParas[1], bodyParas[2], "Redaktionsschluss dieser Ausgabe: Montag.")
	if got := removedBy(t, s, text, "VERLAGSANGEBOT"); got != "werbung" {
		t.Errorf("VERLAGSANGEBOT removed by %q", got)
	}
	if got := removedBy(t, s, text, "Redaktionsschluss dieser Ausgabe: Montag."); got != "footer-de" {
		t.Errorf("footer removed by %q", got)
	}

	bad := []struct{ text, want string }{
		{"equal x\n", "bad.rules:1:"},
		{"rule a\nscope middle\n", "bad.rules:2: scope"},
		{"rule a\n\nmaxlen -1\n", "bad.rules:3: maxlen"},
		{"rule a\ncolour red\n", "bad.rules:2: unknown key"},
		{"rule a\nregexp (\n", "bad.rules"},
		{"rule a\nafter nobody\nequal x\n", "no rule named"},
		{"rule copyright\nequal x\n", "defined twice"},
	}
	for _, b := range bad {
		_, err := LoadRules(write("bad.rules", b.text))
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("rules %q: error %v, want it to contain %q", b.text, err, b.want)
		}
	}
	if _, err := LoadRules(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestRuleInfo(t *testing.T) {
	info := RuleInfo(DefaultRules())
	names := map[string]bool{}
	for _, d := range info {
		if d.Description == "" {
			t.Errorf("rule %q has no description", d.Name)
		}
		names[d.Name] = true
	}
	for _, n := range []string{"copyright", RuleNonBody, RuleSiteRepeat} {
		if !names[n] {
			t.Errorf("RuleInfo lacks %q", n)
		}
	}
}

// TestRuleRegexpsHaveLiterals: every built-in regexp has literals one of
// which a line must hold before the regexp runs (requiredLiterals): one
// without (a class of more than maxClassLiterals separators) ran on
// every line and cost a third of the stripping time.
func TestRuleRegexpsHaveLiterals(t *testing.T) {
	c, err := compileRules(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c {
		for _, re := range r.re {
			if len(re.literals) == 0 {
				t.Errorf("rule %q: regexp %s has no required literal", r.Name, re)
			}
		}
	}
}

// TestThaiParagraphsStay: Thai spaces phrases, not words, and ends a
// sentence with a space, so its paragraphs have neither the stop words
// nor the full stops that mark prose elsewhere; a paragraph without an
// ASCII full stop between two that have one must stay in the body, and
// so must one after them.
func TestThaiParagraphsStay(t *testing.T) {
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(9, 9))
	para := func(stop string) string {
		var b strings.Builder
		for range 4 {
			for range 20 + r.IntN(10) {
				b.WriteRune(rune(0x0E01 + r.IntN(46)))
			}
			b.WriteString(" ")
		}
		return strings.TrimSpace(b.String()) + stop
	}
	p0, p1, p2, p3 := para("."), para(""), para("."), para("")
	text := doc("ข่าว | กีฬา | บันเทิง", p0, p1, p2, p3, "ติดต่อเรา | นโยบาย")
	for _, line := range []string{p1, p3} {
		if got := removedBy(t, s, text, line); got != "" {
			t.Errorf("Thai paragraph removed by %q", got)
		}
	}
}
