package reshape

import (
	"strings"
	"testing"
)

func TestHyphenWrapKeepsLetters(t *testing.T) {
	text := "The government announced yesterday that the international negotiations had collapsed.\n\nA second paragraph follows here."
	got := HyphenWrap(text, 30)
	for _, line := range strings.Split(got, "\n") {
		if len(line) > 30 {
			t.Errorf("line %q longer than the margin allows", line)
		}
	}
	if !strings.Contains(got, "-\n") {
		t.Errorf("no word broken across the margin in %q", got)
	}
	if strings.NewReplacer("-\n", "", "\n", " ").Replace(got) != strings.NewReplacer("\n", " ").Replace(text) {
		t.Errorf("letters changed: %q", got)
	}
}

func TestInsideWords(t *testing.T) {
	if got := InsideWords("A government of ministers", "|"); got != "A gove|rnment of mini|sters" {
		t.Errorf("got %q", got)
	}
}

func TestWrapWideBreaksEveryHalfWidth(t *testing.T) {
	got := WrapWide("一二三四五六七\n\n八九", 6)
	if want := "一二三\n四五六\n七\n\n八九"; got != want {
		t.Errorf("WrapWide = %q, want %q", got, want)
	}
}
