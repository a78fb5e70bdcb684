package normalize

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestMemoSameAnswers: a stripper that has seen lines before (its memo
// of lines answers for them) strips every document as one that has seen
// nothing does: the seeds, a footer line whose edge rule depends on the
// line before it (cookie-details, after cookies) in both contexts, and
// more distinct lines than a memo keeps, so that it starts afresh.
func TestMemoSameAnswers(t *testing.T) {
	body := "The council approved the budget on Tuesday after a long debate about the new bridge and its cost to the town.\n\n" +
		"Officials said the work would begin in the spring and last for about two years, with the old crossing open throughout.\n\n"
	details := "Necessary cookies are essential for the website to function and cannot be switched off in our systems."
	docs := slices.Concat(seedCorpus(t), []string{
		body + "We use cookies to improve your experience on our site.\n" + details,
		body + details,
		details + "\n\n" + body,
		body + "We use cookies to improve your experience on our site.\n" + details,
	})
	for i := range 2 * memoMaxLines / 3 {
		docs = append(docs, fmt.Sprintf("Section %d | Impressum | Datenschutz\n\n%sShare this story %d\nCopyright %d Example Media. All rights reserved.", i, body, i, 2000+i))
	}
	seen, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	type stripped struct {
		text    string
		removed []Removal
	}
	want := make([]stripped, len(docs))
	for i, d := range docs {
		// The same rules with memos of their own, which have seen
		// nothing: built as NewStripper builds it, less compiling.
		fresh := &Stripper{rules: seen.rules, index: seen.index, memos: make(chan *lineMemo, 1)}
		want[i].text, want[i].removed = fresh.Strip(d, "site")
	}
	for round := range 2 {
		for i, d := range docs {
			got, gotRemoved := seen.Strip(d, "site")
			if got != want[i].text || !slices.Equal(gotRemoved, want[i].removed) {
				t.Fatalf("round %d, document %d (%.60q...): with the memo %q, %v; without %q, %v", round, i, strings.ReplaceAll(d, "\n", " "), got, gotRemoved, want[i].text, want[i].removed)
			}
		}
	}
}

// TestMemoKeysStay: a memo's keys are copied into chunks it reuses once
// it starts afresh, so every key must still be its own text while it is
// in the index: lines of every length up to memoMaxLine, over many
// chunks, then as many other lines after a fresh start.
func TestMemoKeysStay(t *testing.T) {
	m := newLineMemo()
	for round := range 3 {
		m.begin()
		var texts []string
		for i := 0; len(texts) < memoMaxLines; i++ {
			text := fmt.Sprintf("%d.%d:", round, i) + strings.Repeat("x", memoMaxLine)
			texts = append(texts, text[:memoMaxLine-i%200])
			if got := m.entry(texts[i]); got != int32(i) {
				t.Fatalf("round %d: line %d made entry %d", round, i, got)
			}
		}
		if m.used < 2 {
			t.Fatalf("round %d: the keys fill %d chunks", round, m.used)
		}
		for i, text := range texts {
			if got := m.entry(strings.Clone(text)); got != int32(i) {
				t.Fatalf("round %d: line %d found as entry %d", round, i, got)
			}
		}
		for k, i := range m.index {
			if k != texts[i] {
				t.Fatalf("round %d: key of entry %d is %q, want %q", round, i, k, texts[i])
			}
		}
	}
}
