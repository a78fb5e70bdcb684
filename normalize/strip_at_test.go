package normalize

import (
	"reflect"
	"testing"
)

// TestStripAtEnds: stripping a text at its known line ends gives what
// Strip gives.
func TestStripAtEnds(t *testing.T) {
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range append(seedCorpus(t), "", "\n", "a\n\nb\n", "Share this\n\nBody text of the story that runs long enough to be prose.\n") {
		ends := []int{}
		for i := range len(text) {
			if text[i] == '\n' {
				ends = append(ends, i)
			}
		}
		got, gotRm := s.StripAt(text, "site", ends)
		want, wantRm := s.Strip(text, "site")
		if got != want || !reflect.DeepEqual(gotRm, wantRm) {
			t.Errorf("%.40q: stripped at its ends to %.60q, want %.60q", text, got, want)
		}
	}
}
