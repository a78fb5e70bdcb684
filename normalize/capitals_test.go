package normalize

import (
	"strings"
	"testing"
)

// TestDocumentInCapitals: a seed article written wholly in capitals (old
// wire copy, teletype feeds) keeps what it keeps in its own case. Its
// paragraphs open with capitalised words as title-case headlines do, and
// taken for headlines they went as "non-body": seed 002 lost its headline
// and first five paragraphs so.
func TestDocumentInCapitals(t *testing.T) {
	files, texts, s := seedTexts(t)
	for k, f := range files {
		in := texts[k]
		want, _ := s.Strip(in, "seeds")
		got, _ := s.Strip(strings.ToUpper(in), "seeds")
		if got != strings.ToUpper(want) {
			t.Errorf("%s in capitals: kept text differs from the seed's, in capitals:\n%s", f, lineDiff(strings.ToUpper(want), got))
		}
	}
}
