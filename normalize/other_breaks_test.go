package normalize

import (
	"strings"
	"testing"
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
