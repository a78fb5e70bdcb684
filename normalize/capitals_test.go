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

// TestParagraphOpeningWithNamesStays: a blog post's own paragraph opens
// with a run of capitalised words, as a title-case headline does, but
// goes on for sentences; it stays, with the quoted story below it. Taken
// for a teaser line, it went as "non-body", and the post was left a bare
// quote of the story.
func TestParagraphOpeningWithNamesStays(t *testing.T) {
	own := "Council Leader Mary Jones And Deputy Leader Tom Smith Said On Tuesday that the budget would pass easily. " +
		"The vote came after weeks of debate in the chamber, and many residents watched it online. " +
		"Residents had asked for more money for libraries, parks and the bus routes that serve the villages. " +
		"Officials said the final plan would be published next week, after one more reading."
	story := "The city council approved its budget for next year on Tuesday evening, after a debate that ran for more than four hours and ended in a vote of nine to four.\n\n" +
		"Spending on libraries rises by a tenth, and two bus routes that were to close will run for another year, the council's finance committee said in a statement."
	text := "My take on the council vote\n\n" + own + "\n\nAs the report put it:\n\nCouncil approves budget\n\nLocal News\n\nPublished: Tuesday, March 3, 2020\n\n" + story + "\n"
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, removed := s.Strip(text, "")
	if !strings.Contains(got, own) {
		t.Errorf("the post's own paragraph went: removed %v", removed)
	}
	if !strings.Contains(got, story) {
		t.Errorf("the quoted story went: removed %v", removed)
	}
}
