package letters

import (
	"strings"
	"testing"
)

func TestMapKeepsReferences(t *testing.T) {
	got := Map("It&#8217;s Zed &amp; co.", Scripts["cyrillic"])
	if want := "Ит&#8217;с Зед &amp; цо."; got != want {
		t.Errorf("Map = %q, want %q", got, want)
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
