package normalize

import (
	"strings"
	"testing"
)

// TestSiteName: the site's own name in a header or footer goes, in any
// spelling of its host; a word of it, a headline naming it and a page
// whose site is a path stay.
func TestSiteName(t *testing.T) {
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	p := shapeArticles[0].paras
	for _, c := range []struct {
		site, line string
		gone       bool
	}{
		{"rouen-info-12.fr.example", "Rouen Info", true},
		{"www.theguardian.com", "THE GUARDIAN", true},
		{"www.theguardian.com", "• Guardian", true},
		{"noticias-de-leiria.pt", "Notícias de Leiria", true},
		{"notcias-de-leiria.pt", "Notícias de Leiria", true},
		{"dresdener-allgemeine-96.de.example", "Allgemeine", false},
		{"www.theguardian.com", "The Guardian wins press award for its reporting", false},
		{"data/theguardian.jsonl", "The Guardian", false},
		{"theguardian.jsonl", "The Guardian", false},
		{"", "The Guardian", false},
	} {
		text := strings.Join(append([]string{c.line, shapeArticles[0].headline}, p...), "\n")
		out, _ := s.Strip(text, c.site)
		if got := !strings.Contains(out, c.line); got != c.gone {
			t.Errorf("site %q: %q removed = %v, want %v", c.site, c.line, got, c.gone)
		}
	}
}
