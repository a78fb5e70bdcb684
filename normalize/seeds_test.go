package normalize

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in fixtures/seeds (check them by eye)")

// TestSeeds strips the five real scraped articles and compares the kept
// text with golden files that were checked by eye: only the copyright,
// byline, disclaimer, media-inquiry and comment-widget lines go.
// seedTexts returns the five seed files' paths and texts, and a stripper
// with the default rules.
func seedTexts(t *testing.T) ([]string, []string, *Stripper) {
	files, err := filepath.Glob("../fixtures/seeds/*[0-9a-f].txt")
	if err != nil || len(files) != 5 {
		t.Fatalf("want 5 seed files, got %d (%v)", len(files), err)
	}
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	texts := make([]string, len(files))
	for i, f := range files {
		in, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[i] = string(in)
	}
	return files, texts, s
}

func TestSeeds(t *testing.T) {
	files, texts, s := seedTexts(t)
	for k, f := range files {
		got, _ := s.Strip(texts[k], "seeds")
		golden := filepath.Join("../fixtures/seeds-expected", filepath.Base(f))
		if *update {
			if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got+"\n" != string(want) {
			t.Errorf("%s: kept text differs from %s:\n%s", f, golden, lineDiff(string(want), got+"\n"))
		}
		if again, _ := s.Strip(got, "seeds"); again != got {
			t.Errorf("%s: stripping is not idempotent", f)
		}
	}
}

// lineDiff lists the lines only one side has, enough to see what moved.
func lineDiff(want, got string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(s, "\n") {
			m[l]++
		}
		return m
	}
	w, g := count(want), count(got)
	var b strings.Builder
	for l, n := range w {
		if g[l] < n {
			b.WriteString("- " + l + "\n")
		}
	}
	for l, n := range g {
		if w[l] < n {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
