package main

import (
	"strings"
	"testing"

	"github.com/newsclean/clean/normalize"
)

// TestNotIdempotent counts the documents a stripper changes on its own
// output: none for one that keeps every line, every one for a stripper
// that drops its input's first line whatever it is.
func TestNotIdempotent(t *testing.T) {
	corpus := `{"id":"a","text":"one\ntwo\nthree"}
{"id":"b","text":"four\nfive"}
`
	keep := func(text string) (string, []normalize.Removal) { return text, nil }
	if docs, bad, err := notIdempotent(strings.NewReader(corpus), "c", keep); err != nil || docs != 2 || len(bad) != 0 {
		t.Errorf("keeping every line: %d docs, %q, %v", docs, bad, err)
	}
	dropFirst := func(text string) (string, []normalize.Removal) {
		first, rest, _ := strings.Cut(text, "\n")
		return rest, []normalize.Removal{{Text: first, Rule: "first"}}
	}
	docs, bad, err := notIdempotent(strings.NewReader(corpus), "c", dropFirst)
	if err != nil || docs != 2 || len(bad) != 2 || !strings.Contains(bad[0], `"two"`) {
		t.Errorf("dropping the first line: %d docs, %q, %v", docs, bad, err)
	}
	if _, _, err := notIdempotent(strings.NewReader("{\"id\":\"a\"}\nnot json\n"), "c", keep); err == nil || !strings.Contains(err.Error(), "c:2:") {
		t.Errorf("a bad line: %v, want an error naming c:2", err)
	}
}
