package letters

import (
	"strings"
	"testing"
	"unicode"
)

func TestMapKeepsReferences(t *testing.T) {
	got := Map("It&#8217;s Zed &amp; co.", Scripts["cyrillic"])
	if want := "Ит&#8217;с Зед &amp; цо."; got != want {
		t.Errorf("Map = %q, want %q", got, want)
	}
	got = Map("See [it](https://bbc.co.uk/a?b=c) and www.dec.org.uk.", Scripts["cyrillic"])
	if want := "Сее [ит](https://bbc.co.uk/a?b=c) анд www.dec.org.uk."; got != want {
		t.Errorf("Map = %q, want %q: web addresses stay in Latin letters", got, want)
	}
}

func TestHanWritesWordsWithoutSpaces(t *testing.T) {
	got := Unspaced("The cat, the CAT. It&#8217;s 42\nnew", UnspacedScripts["han"], 0)
	if strings.ContainsAny(got, " abcdefghijklmnopqrstuvwxyzACT") {
		t.Errorf("Unspaced = %q: Latin letters or spaces left", got)
	}
	cat := []rune(got)[1:2]
	if strings.Count(got, string(cat)) != 2 || !strings.Contains(got, "，") || !strings.Contains(got, "。") {
		t.Errorf("Unspaced = %q: want the same word written alike twice, and ideographic punctuation", got)
	}
	if !strings.Contains(got, "&#8217;") || !strings.Contains(got, "42\n") {
		t.Errorf("Unspaced = %q: references, digits and line breaks must stay", got)
	}
}

// TestScriptsMapOneForOne: each script has 26 distinct letters (or
// marks), none a capital (Map makes capitals of capitals), so no two Latin
// words of different letters are written alike.
func TestScriptsMapOneForOne(t *testing.T) {
	for name, to := range Scripts {
		seen := map[rune]bool{}
		for _, r := range to {
			if seen[r] || !unicode.IsLetter(r) && !unicode.IsMark(r) || unicode.IsUpper(r) {
				t.Errorf("%s: %q repeated, not a letter or a capital", name, r)
			}
			seen[r] = true
		}
		if len(to) != 26 {
			t.Errorf("%s: %d letters, want 26", name, len(to))
		}
	}
}

func TestSpellDevanagari(t *testing.T) {
	got := Spell(Map("It cost $1.5bn. Then he ate.\nOn.", Scripts["devanagari"]), Spellings["devanagari"])
	if want := "इत चोसत $1.5बन। तहेन हे आते।\nओन।"; got != want {
		t.Errorf("Spell = %q, want %q", got, want)
	}
}
