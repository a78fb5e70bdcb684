package normalize

import (
	"reflect"
	"strings"
	"testing"
)

// TestInlineLines checks that a few short non-prose lines inside an
// article (an image line, an inline ad, a sentence the headline test
// takes for a teaser) do not split the body, and that longer runs and
// comment headings still do.
func TestInlineLines(t *testing.T) {
	const (
		opening = "The world's biggest carmaker is recalling nearly 200,000 vehicles in the US on safety grounds."
		teaser  = "The National Highway Traffic Safety Administration said the largest recall involves pickups and vans."
		comment = "I have owned one of these pickups for years and never had a problem with the brakes."
	)
	long := strings.Repeat("The regulator said a part of the braking system could crack during normal driving, and fragments could injure people. ", 5)
	tests := []struct {
		name  string
		lines []string
		want  []Removal
	}{
		{"image and ad line after a short opening",
			[]string{opening, "[Image: file photo]", "Story continues below", long},
			[]Removal{{"Story continues below", "inline-ad"}}},
		{"title-case sentence and ad line",
			[]string{opening, teaser, "Advertisement", long},
			[]Removal{{"Advertisement", "inline-ad"}}},
		{"three claimed lines split",
			[]string{opening, "Share this article: Facebook Twitter Email", "Related stories:", "Advertisement", long},
			[]Removal{{opening, RuleNonBody}, {"Share this article: Facebook Twitter Email", "share"},
				{"Related stories:", "related"}, {"Advertisement", "inline-ad"}}},
		{"comment heading stays a wall",
			[]string{long, "Comments", comment},
			[]Removal{{"Comments", "comments"}, {comment, RuleNonBody}}},
	}
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, removed := s.Strip(strings.Join(tt.lines, "\n\n"), "")
			if !reflect.DeepEqual(removed, tt.want) {
				t.Errorf("removed %q\nwant    %q", removed, tt.want)
			}
		})
	}
}
