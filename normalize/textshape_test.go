package normalize

import (
	"strings"
	"testing"

	"github.com/newsclean/clean/internal/reshape"
)

// TestOtherLineBreaks: a seed whose lines break with carriage returns
// alone, or with Unicode's line and paragraph separators, loses the
// boilerplate it loses with '\n' (its copyright footer): read at '\n'
// only, it was one line and kept everything.
func TestOtherLineBreaks(t *testing.T) {
	_, texts, s := seedTexts(t)
	for k, in := range texts {
		want, _ := s.Strip(in, "seeds")
		for name, variant := range map[string]string{
			"CR":         strings.ReplaceAll(in, "\n", "\r"),
			"separators": strings.ReplaceAll(strings.ReplaceAll(in, "\n\n", "\u2029"), "\n", "\u2028"),
		} {
			if got, _ := s.Strip(variant, "seeds"); got != want {
				t.Errorf("seed %d with %s: kept text differs:\n%s", k, name, lineDiff(want, got))
			}
		}
	}
}

// TestInvisibleInWords: a seed with soft hyphens (as characters or as
// "&shy;") or zero-width spaces inside its longer words loses what it
// loses without them. Matched with them, "Disc&shy;laimer:" was no
// disclaimer's label, and seed 004 kept its byline, disclaimer and
// contact line (nothing removed).
func TestInvisibleInWords(t *testing.T) {
	_, texts, s := seedTexts(t)
	plain := strings.NewReplacer("\u00ad", "", "&shy;", "", "\u200b", "", "\u200f", "")
	for k, in := range texts {
		want, _ := s.Strip(in, "seeds")
		for _, mark := range []string{"\u00ad", "&shy;", "\u200b", "\u200f"} {
			if got, _ := s.Strip(reshape.InsideWords(in, mark), "seeds"); plain.Replace(got) != want {
				t.Errorf("seed %d with %q inside words: kept text differs:\n%s", k, mark, lineDiff(want, plain.Replace(got)))
			}
		}
	}
}
