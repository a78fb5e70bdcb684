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

// TestCapitalsTippedByRemovedLines: a document whose notices in capitals
// make it look written in capitals keeps its paragraphs in capitals as
// prose; once the notices are removed, the mixed-case paragraphs are
// most of it, those in capitals read as headlines, and stripping the
// output again removed them. The output is stripped again when the kept
// lines tip the share, so stripping is idempotent.
func TestCapitalsTippedByRemovedLines(t *testing.T) {
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{"HARBOUR BRIDGE TO CLOSE FOR REPAIRS"}
	for _, season := range []string{"summer", "winter", "spring"} {
		lines = append(lines, "Residents said they had not been told how long the work would take, and shop owners along the quay fear a drop in trade over the "+season+" months when visitors usually arrive.")
	}
	for _, n := range []string{"TWO", "THREE", "FOUR"} {
		lines = append(lines, "THE COUNCIL VOTED ON TUESDAY TO CLOSE THE OLD HARBOUR BRIDGE FOR REPAIRS AFTER ENGINEERS FOUND CRACKS IN "+n+" OF ITS SUPPORTS.")
	}
	lines = append(lines,
		"COPYRIGHT 2024 HARBOUR NEWS LTD. ALL RIGHTS RESERVED. THIS MATERIAL MAY NOT BE PUBLISHED, BROADCAST, REWRITTEN OR REDISTRIBUTED.",
		"SUBSCRIBE TO OUR NEWSLETTER FOR THE LATEST NEWS FROM THE HARBOUR AND THE COAST DELIVERED TO YOUR INBOX EVERY MORNING.",
		"WE USE COOKIES TO IMPROVE YOUR EXPERIENCE ON OUR WEBSITE. BY CONTINUING TO BROWSE YOU AGREE TO OUR USE OF COOKIES.")
	out, removed := s.Strip(strings.Join(lines, "\n"), "")
	if len(removed) == 0 {
		t.Fatal("nothing removed: the test shows nothing")
	}
	if again, more := s.Strip(out, ""); again != out || len(more) > 0 {
		t.Errorf("not idempotent: stripped again, removed %q", more)
	}
}
